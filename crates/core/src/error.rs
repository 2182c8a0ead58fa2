//! Errors for bytes that cannot be read at all. Anything short of that is a finding.

use serde::Serialize;
use std::fmt;

/// The kinds of unreadable input, as named in the JSON contract (`error.kind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReadErrorKind {
    Encrypted,
    Corrupt,
    NotASpreadsheet,
    Empty,
    NoBudgetTables,
    TooLarge,
    Unsupported,
    /// A PDF without a text layer (a scan).
    NoText,
    /// A PDF whose fonts give no usable characters.
    Undecodable,
}

impl ReadErrorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ReadErrorKind::Encrypted => "encrypted",
            ReadErrorKind::Corrupt => "corrupt",
            ReadErrorKind::NotASpreadsheet => "not_a_spreadsheet",
            ReadErrorKind::Empty => "empty",
            ReadErrorKind::NoBudgetTables => "no_budget_tables",
            ReadErrorKind::TooLarge => "too_large",
            ReadErrorKind::Unsupported => "unsupported",
            ReadErrorKind::NoText => "no_text",
            ReadErrorKind::Undecodable => "undecodable",
        }
    }
}

/// A file gouji cannot read, with what to tell the person in Chinese and in English.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReadError {
    pub kind: ReadErrorKind,
    /// The file the error is about.
    pub file: String,
    /// Specific detail (which limit, which part of the file), already in both languages.
    pub detail_zh: String,
    pub detail_en: String,
}

impl ReadError {
    pub fn new(kind: ReadErrorKind, file: &str, detail_zh: impl Into<String>, detail_en: impl Into<String>) -> Self {
        ReadError { kind, file: file.to_string(), detail_zh: detail_zh.into(), detail_en: detail_en.into() }
    }

    pub fn kind(&self) -> &'static str {
        self.kind.as_str()
    }

    pub fn message_zh(&self) -> String {
        let head = match self.kind {
            ReadErrorKind::Encrypted => {
                "文件已加密（设有打开密码），无法读取。请用原来的程序（如 Excel、WPS 或 PDF 阅读器）取消密码后另存，再重新打开。"
            }
            ReadErrorKind::Corrupt => "文件已损坏或不完整（可能下载或复制时被截断）。请重新获取原文件。",
            ReadErrorKind::NotASpreadsheet => "这不是预算文件可用的格式。请选择 PDF、xlsx、xlsm、xlsb、xls、ods、csv 或 txt 文件。",
            ReadErrorKind::Empty => "文件是空的，没有可读的内容。",
            ReadErrorKind::NoBudgetTables => "文件中没有找到部门预算或决算表（如“部门收入预算总表”）。请确认选择了正确的文件。",
            ReadErrorKind::TooLarge => "文件超出了安全读取的大小限制。",
            ReadErrorKind::Unsupported => "暂不支持这种文件格式。",
            ReadErrorKind::NoText => "PDF 没有文字层，gouji 无法读取其中的表格。",
            ReadErrorKind::Undecodable => "PDF 中的文字无法正确解码（字体缺少字符映射），gouji 不会把乱码当作表格读取。",
        };
        if self.detail_zh.is_empty() {
            format!("{}：{head}", self.file)
        } else {
            format!("{}：{head}（{}）", self.file, self.detail_zh)
        }
    }

    pub fn message_en(&self) -> String {
        let head = match self.kind {
            ReadErrorKind::Encrypted => {
                "The file is encrypted (password to open). Remove the password in the program that made it (Excel, WPS, a PDF reader), save, and open it again."
            }
            ReadErrorKind::Corrupt => {
                "The file is damaged or incomplete (perhaps truncated in download or copy). Get the original file again."
            }
            ReadErrorKind::NotASpreadsheet => {
                "This is not a format a budget comes in. Choose a PDF, xlsx, xlsm, xlsb, xls, ods, csv or txt file."
            }
            ReadErrorKind::Empty => "The file is empty: there is nothing to read.",
            ReadErrorKind::NoBudgetTables => {
                "No department budget or final-accounts tables (such as 部门收入预算总表) were found. Check that this is the right file."
            }
            ReadErrorKind::TooLarge => "The file exceeds a size limit for safe reading.",
            ReadErrorKind::Unsupported => "This file format is not supported.",
            ReadErrorKind::NoText => "The PDF has no text layer, so gouji cannot read its tables.",
            ReadErrorKind::Undecodable => {
                "The PDF's text cannot be decoded (its fonts lack a character mapping); gouji does not read garbled text as tables."
            }
        };
        if self.detail_en.is_empty() {
            format!("{}: {head}", self.file)
        } else {
            format!("{}: {head} ({})", self.file, self.detail_en)
        }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message_en())
    }
}

impl std::error::Error for ReadError {}

//! Every word the web app shows, in Chinese (first) and English.
//!
//! Pure data and formatting: no web APIs, so it is tested on the host.

/// The interface language. Chinese is the default; English is a toggle remembered in
/// `localStorage` under [`Lang::STORAGE_KEY`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// The `localStorage` key that remembers the choice.
    pub const STORAGE_KEY: &'static str = "gouji.lang";

    /// The value stored in `localStorage`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// Parses a stored value; anything unknown (or nothing) means Chinese.
    pub fn from_code(code: Option<&str>) -> Lang {
        match code.map(str::trim) {
            Some(c) if c.eq_ignore_ascii_case("en") => Lang::En,
            _ => Lang::Zh,
        }
    }

    /// The value for `<html lang>`.
    pub fn html_lang(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    pub fn toggled(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }

    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }
}

/// Fixed strings of the interface.
#[derive(Debug)]
pub struct Texts {
    pub doc_title: &'static str,
    pub app_name: &'static str,
    pub tagline: &'static str,
    /// The button that switches to the *other* language, written in that language.
    pub lang_toggle: &'static str,
    pub lang_toggle_label: &'static str,
    pub privacy: &'static str,
    pub privacy_detail: &'static str,
    pub drop_title: &'static str,
    pub drop_hint: &'static str,
    pub drop_active: &'static str,
    pub drop_formats: &'static str,
    pub drop_button_label: &'static str,
    pub paste_title: &'static str,
    pub paste_hint: &'static str,
    pub paste_placeholder: &'static str,
    pub paste_submit: &'static str,
    pub paste_empty: &'static str,
    pub results_title: &'static str,
    pub results_empty: &'static str,
    pub clear_all: &'static str,
    pub remove: &'static str,
    pub status_reading: &'static str,
    pub status_read: &'static str,
    pub status_failed: &'static str,
    pub col_sheet: &'static str,
    pub col_rows: &'static str,
    pub col_cols: &'static str,
    pub unnamed_sheet: &'static str,
    pub hidden_sheet: &'static str,
    pub no_sheets: &'static str,
    pub pasted_source: &'static str,
    pub footer: &'static str,
    pub read_failed_browser: &'static str,
}

pub static ZH: Texts = Texts {
    doc_title: "勾稽 gouji · 部门预算表勾稽检查",
    app_name: "勾稽",
    tagline: "在浏览器中核对部门预算、决算公开表格之间的勾稽关系",
    lang_toggle: "English",
    lang_toggle_label: "Switch to English",
    privacy: "文件只在本机处理，不会上传",
    privacy_detail: "所有读取与核对都在您的浏览器内完成，页面不向任何服务器发送表格内容。",
    drop_title: "拖入预算表文件，或点击选择",
    drop_hint: "可一次选择多个文件",
    drop_active: "松开鼠标即可读取",
    drop_formats: "支持 xlsx、xlsm、xlsb、xls、ods、csv、txt",
    drop_button_label: "选择预算表文件",
    paste_title: "粘贴表格内容",
    paste_hint: "从 Excel 或网页中复制单元格，粘贴到这里",
    paste_placeholder: "在此粘贴（Ctrl+V）复制的单元格……",
    paste_submit: "读取粘贴内容",
    paste_empty: "请先粘贴表格内容。",
    results_title: "已读取的文件",
    results_empty: "尚未添加文件。添加后，这里会列出每个文件的工作表及其大小。",
    clear_all: "全部清除",
    remove: "移除",
    status_reading: "正在读取",
    status_read: "已读取",
    status_failed: "无法读取",
    col_sheet: "工作表",
    col_rows: "行数",
    col_cols: "列数",
    unnamed_sheet: "（未命名）",
    hidden_sheet: "隐藏",
    no_sheets: "文件中没有工作表。",
    pasted_source: "粘贴的内容",
    footer: "勾稽 gouji · 开源工具 · 不收集任何数据",
    read_failed_browser: "浏览器未能读取这个文件（可能已被移动、删除或无权访问）。请重新选择。",
};

pub static EN: Texts = Texts {
    doc_title: "gouji · budget table reconciliation checks",
    app_name: "勾稽",
    tagline: "Check the reconciliation relations between a department's published budget tables, in your browser",
    lang_toggle: "中文",
    lang_toggle_label: "切换到中文",
    privacy: "Files are processed on this computer only and never uploaded",
    privacy_detail: "All reading and checking happens inside your browser; the page sends no table content to any server.",
    drop_title: "Drop budget files here, or click to choose",
    drop_hint: "You can choose several files at once",
    drop_active: "Release to read the files",
    drop_formats: "xlsx, xlsm, xlsb, xls, ods, csv and txt",
    drop_button_label: "Choose budget files",
    paste_title: "Paste table cells",
    paste_hint: "Copy cells from Excel or a web page and paste them here",
    paste_placeholder: "Paste (Ctrl+V) copied cells here…",
    paste_submit: "Read pasted cells",
    paste_empty: "Paste some table cells first.",
    results_title: "Files read",
    results_empty: "No files yet. Once added, each file's sheets and their sizes are listed here.",
    clear_all: "Clear all",
    remove: "Remove",
    status_reading: "Reading",
    status_read: "Read",
    status_failed: "Cannot read",
    col_sheet: "Sheet",
    col_rows: "Rows",
    col_cols: "Columns",
    unnamed_sheet: "(unnamed)",
    hidden_sheet: "hidden",
    no_sheets: "The file has no sheets.",
    pasted_source: "Pasted cells",
    footer: "勾稽 gouji · open source · collects no data",
    read_failed_browser: "The browser could not read this file (it may have been moved, deleted or be inaccessible). Choose it again.",
};

/// `3 个工作表` / `3 sheets`.
pub fn sheet_count(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("{n} 个工作表"),
        Lang::En if n == 1 => "1 sheet".to_string(),
        Lang::En => format!("{n} sheets"),
    }
}

/// The results heading's counts: `共 4 个文件：3 个已读取，1 个无法读取` /
/// `4 files: 3 read, 1 cannot be read`. Zero counts are left out.
pub fn results_counts(
    lang: Lang,
    total: usize,
    read: usize,
    reading: usize,
    failed: usize,
) -> String {
    let mut parts = Vec::new();
    match lang {
        Lang::Zh => {
            for (n, what) in [
                (read, "已读取"),
                (reading, "正在读取"),
                (failed, "无法读取"),
            ] {
                if n > 0 {
                    parts.push(format!("{n} 个{what}"));
                }
            }
            format!("共 {total} 个文件：{}", parts.join("，"))
        }
        Lang::En => {
            for (n, what) in [
                (read, "read"),
                (reading, "reading"),
                (failed, "cannot be read"),
            ] {
                if n > 0 {
                    parts.push(format!("{n} {what}"));
                }
            }
            let files = if total == 1 { "file" } else { "files" };
            format!("{total} {files}: {}", parts.join(", "))
        }
    }
}

/// `粘贴的内容 2` / `Pasted cells 2`.
pub fn pasted_name(lang: Lang, n: u32) -> String {
    format!("{} {n}", lang.texts().pasted_source)
}

/// A byte count for people: `512 B`, `3.4 KB`, `1.2 MB` (decimal units, like file managers).
pub fn file_size(bytes: u64) -> String {
    const KB: f64 = 1000.0;
    let b = bytes as f64;
    if bytes < 1000 {
        format!("{bytes} B")
    } else if b < KB * KB {
        format!("{:.1} KB", b / KB)
    } else if b < KB * KB * KB {
        format!("{:.1} MB", b / (KB * KB))
    } else {
        format!("{:.1} GB", b / (KB * KB * KB))
    }
}

/// `1234567` → `1,234,567`.
pub fn group(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(t: &Texts) -> Vec<&'static str> {
        vec![
            t.doc_title,
            t.app_name,
            t.tagline,
            t.lang_toggle,
            t.lang_toggle_label,
            t.privacy,
            t.privacy_detail,
            t.drop_title,
            t.drop_hint,
            t.drop_active,
            t.drop_formats,
            t.drop_button_label,
            t.paste_title,
            t.paste_hint,
            t.paste_placeholder,
            t.paste_submit,
            t.paste_empty,
            t.results_title,
            t.results_empty,
            t.clear_all,
            t.remove,
            t.status_reading,
            t.status_read,
            t.status_failed,
            t.col_sheet,
            t.col_rows,
            t.col_cols,
            t.unnamed_sheet,
            t.hidden_sheet,
            t.no_sheets,
            t.pasted_source,
            t.footer,
            t.read_failed_browser,
        ]
    }

    fn has_cjk(s: &str) -> bool {
        s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    #[test]
    fn every_string_is_present_in_both_languages() {
        for s in all(&ZH).into_iter().chain(all(&EN)) {
            assert!(!s.trim().is_empty());
        }
        assert_eq!(all(&ZH).len(), all(&EN).len());
    }

    #[test]
    fn chinese_strings_are_chinese_and_english_ones_mostly_not() {
        // The language toggle is written in the language it switches to.
        let toggle = [ZH.lang_toggle, ZH.lang_toggle_label];
        for s in all(&ZH).into_iter().filter(|s| !toggle.contains(s)) {
            assert!(has_cjk(s), "not Chinese: {s}");
        }
        assert!(!has_cjk(ZH.lang_toggle_label) && has_cjk(EN.lang_toggle_label));
        // English strings may quote a Chinese name (勾稽) but are not Chinese sentences.
        assert!(!has_cjk(EN.drop_title));
        assert!(!has_cjk(EN.privacy));
    }

    #[test]
    fn the_privacy_line_says_what_the_brief_says() {
        assert_eq!(ZH.privacy, "文件只在本机处理，不会上传");
    }

    #[test]
    fn lang_round_trips_through_storage_and_defaults_to_chinese() {
        for lang in [Lang::Zh, Lang::En] {
            assert_eq!(Lang::from_code(Some(lang.code())), lang);
        }
        assert_eq!(Lang::from_code(None), Lang::Zh);
        assert_eq!(Lang::from_code(Some("fr")), Lang::Zh);
        assert_eq!(Lang::from_code(Some(" EN ")), Lang::En);
        assert_eq!(Lang::default(), Lang::Zh);
        assert_eq!(Lang::Zh.toggled(), Lang::En);
        assert_eq!(Lang::En.toggled().html_lang(), "zh-CN");
    }

    #[test]
    fn the_toggle_names_the_other_language() {
        assert_eq!(Lang::Zh.texts().lang_toggle, "English");
        assert_eq!(Lang::En.texts().lang_toggle, "中文");
    }

    #[test]
    fn numbers_and_sizes_read_well() {
        assert_eq!(group(0), "0");
        assert_eq!(group(999), "999");
        assert_eq!(group(1000), "1,000");
        assert_eq!(group(1234567), "1,234,567");
        assert_eq!(file_size(0), "0 B");
        assert_eq!(file_size(999), "999 B");
        assert_eq!(file_size(1500), "1.5 KB");
        assert_eq!(file_size(2_300_000), "2.3 MB");
        assert_eq!(sheet_count(Lang::Zh, 3), "3 个工作表");
        assert_eq!(sheet_count(Lang::En, 1), "1 sheet");
        assert_eq!(sheet_count(Lang::En, 2), "2 sheets");
        assert_eq!(pasted_name(Lang::Zh, 2), "粘贴的内容 2");
        assert_eq!(
            results_counts(Lang::Zh, 4, 3, 0, 1),
            "共 4 个文件：3 个已读取，1 个无法读取"
        );
        assert_eq!(
            results_counts(Lang::En, 4, 3, 0, 1),
            "4 files: 3 read, 1 cannot be read"
        );
        assert_eq!(results_counts(Lang::En, 1, 0, 1, 0), "1 file: 1 reading");
    }
}

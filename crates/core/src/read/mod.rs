//! Bytes in, grids out. The format is told from the bytes, never from the file name.

mod cfb_guard;
mod delimited;
mod formula;
mod ods_guard;
pub mod pdf;
mod workbook;

pub use formula::FormulaNote;

use crate::error::{ReadError, ReadErrorKind};
use crate::grid::Grid;
use crate::limits::{human_bytes, Limits};

/// The formats gouji tells apart by their first bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Office Open XML (xlsx, xlsm) or xlsb: a zip with `xl/workbook.*`.
    Ooxml,
    Ods,
    /// Legacy Excel 97–2003 in a compound file.
    Xls,
    /// CSV, TSV or text copied from a PDF.
    Text,
    /// A PDF document.
    Pdf,
}

/// What reading one file gave: its grids and notes about formulas.
#[derive(Debug)]
pub struct ReadFile {
    pub format: Format,
    pub grids: Vec<Grid>,
    pub formulas: Vec<FormulaNote>,
    /// For text input: the decoded text, kept for the narrative checks.
    pub text: Option<String>,
}

impl ReadFile {
    /// Cells the grids hold as laid out (what `Limits::max_cells_per_file` bounds).
    pub fn cells(&self) -> u64 {
        self.grids.iter().map(|g| g.row_count() as u64 * g.col_count() as u64).sum()
    }
}

/// Which of a workbook's sheets to read: part `index` of `of`, consecutive sheets in workbook
/// order, as even in number as the count allows. Reading a large workbook in parts (one per
/// browser worker) and joining them in order gives what reading it whole gives. A file that is
/// not an OOXML workbook is read whole by part 0; the other parts of it are empty.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SheetPart {
    pub index: usize,
    pub of: usize,
}

impl SheetPart {
    pub const WHOLE: SheetPart = SheetPart { index: 0, of: 1 };

    /// The sheets of `count` this part reads.
    pub fn sheets(self, count: usize) -> std::ops::Range<usize> {
        let of = self.of.max(1);
        let index = self.index.min(of - 1);
        count * index / of..count * (index + 1) / of
    }
}

/// How many worksheets an OOXML workbook has, from its zip directory alone (nothing inflated):
/// what deciding to read it in parts needs. 1 for any other file, or one that cannot be read
/// (reading it whole then says why).
pub fn worksheet_count(name: &str, bytes: &[u8], limits: &Limits) -> usize {
    if !bytes.starts_with(ZIP) || bytes.len() as u64 > limits.max_file_bytes {
        return 1;
    }
    let Ok(names) = workbook::zip_entry_names_within(name, bytes, limits) else { return 1 };
    let is_workbook = names.iter().any(|n| n.eq_ignore_ascii_case("xl/workbook.xml") || n.eq_ignore_ascii_case("xl/workbook.bin"));
    let sheets = names.iter().filter(|n| n.starts_with("xl/worksheets/") && !n[14..].contains('/')).count();
    if is_workbook {
        sheets.max(1)
    } else {
        1
    }
}

/// Reads one file's cells. `name` is used in addresses (CSV) and messages only.
pub fn read_grids(name: &str, bytes: &[u8], limits: &Limits) -> Result<Vec<Grid>, ReadError> {
    read_file(name, bytes, limits).map(|f| f.grids)
}

pub fn read_file(name: &str, bytes: &[u8], limits: &Limits) -> Result<ReadFile, ReadError> {
    read_file_part(name, bytes, limits, SheetPart::WHOLE)
}

/// [`read_file`] for some of a workbook's sheets (see [`SheetPart`]). Every part checks the
/// whole file (its size, zip entries, sheet count); the cells-per-file limit counts the part's
/// own sheets, and [`crate::recognise::FileTables::join`] checks the parts' sum.
pub fn read_file_part(name: &str, bytes: &[u8], limits: &Limits, part: SheetPart) -> Result<ReadFile, ReadError> {
    read_file_reporting(name, bytes, limits, part, &mut |_, _| {})
}

/// [`read_file_part`], telling `pages` how far the reading of a PDF is (pages read, pages in all).
pub fn read_file_reporting(
    name: &str,
    bytes: &[u8],
    limits: &Limits,
    part: SheetPart,
    pages: &mut dyn FnMut(u32, u32),
) -> Result<ReadFile, ReadError> {
    if bytes.is_empty() {
        return Err(ReadError::new(ReadErrorKind::Empty, name, "0 字节", "0 bytes"));
    }
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(ReadError::new(
            ReadErrorKind::TooLarge,
            name,
            format!("文件大小 {}，上限 {}", human_bytes(bytes.len() as u64), human_bytes(limits.max_file_bytes)),
            format!("file size {}, limit {}", human_bytes(bytes.len() as u64), human_bytes(limits.max_file_bytes)),
        ));
    }
    match sniff(name, bytes, limits)? {
        format if part.index > 0 && format != Format::Ooxml => Ok(ReadFile { format, grids: Vec::new(), formulas: Vec::new(), text: None }),
        Format::Text => delimited::read_text(name, bytes, limits),
        Format::Pdf => pdf::read_pdf(name, bytes, limits, pages),
        format => workbook::read_workbook(name, bytes, format, limits, part),
    }
}

const ZIP: &[u8] = b"PK\x03\x04";
const EMPTY_ZIP: &[u8] = b"PK\x05\x06";
const CFB: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

fn sniff(name: &str, bytes: &[u8], limits: &Limits) -> Result<Format, ReadError> {
    if bytes.starts_with(ZIP) {
        return sniff_zip(name, bytes, limits);
    }
    if bytes.starts_with(EMPTY_ZIP) {
        return Err(ReadError::new(ReadErrorKind::Corrupt, name, "压缩包中没有任何内容", "the zip container holds nothing"));
    }
    if bytes.starts_with(CFB) {
        // An encrypted xlsx is a compound file holding EncryptionInfo and EncryptedPackage streams.
        if contains_utf16(bytes, "EncryptedPackage") || contains_utf16(bytes, "EncryptionInfo") {
            return Err(ReadError::new(ReadErrorKind::Encrypted, name, "", ""));
        }
        if cfb_truncated(bytes) {
            return Err(ReadError::new(ReadErrorKind::Corrupt, name, "复合文档被截断", "the compound file is truncated"));
        }
        if contains_utf16(bytes, "Workbook") || contains_utf16(bytes, "Book") {
            let stream = cfb_guard::check(bytes).map_err(|why| {
                ReadError::new(
                    ReadErrorKind::Corrupt,
                    name,
                    format!("复合文档结构损坏：{why}"),
                    format!("the compound file is damaged: {why}"),
                )
            })?;
            // calamine lays every sheet out densely while opening the file: measure first.
            if let Some(stream) = stream {
                cfb_guard::biff_globals_sound(&stream).map_err(|why| {
                    ReadError::new(
                        ReadErrorKind::Corrupt,
                        name,
                        format!("工作簿记录损坏：{why}"),
                        format!("the workbook's records are damaged: {why}"),
                    )
                })?;
                match cfb_guard::biff_sheets_within(&stream, limits.max_cells_per_sheet, limits.max_cells_per_file) {
                    Ok(()) => {}
                    Err(cfb_guard::BiffOver::Sheet(rows, cols)) => {
                        return Err(ReadError::new(
                            ReadErrorKind::TooLarge,
                            name,
                            format!("一个工作表的使用区域为 {rows} 行 × {cols} 列，超过每表 {} 个单元格的上限", limits.max_cells_per_sheet),
                            format!(
                                "a sheet spans {rows} rows × {cols} columns, over the limit of {} cells per sheet",
                                limits.max_cells_per_sheet
                            ),
                        ))
                    }
                    Err(cfb_guard::BiffOver::File) => return Err(crate::grid::file_too_large(name, limits.max_cells_per_file)),
                }
            }
            return Ok(Format::Xls);
        }
        if bytes.len() < 1024 {
            return Err(ReadError::new(ReadErrorKind::Corrupt, name, "复合文档被截断", "the compound file is truncated"));
        }
        return Err(ReadError::new(
            ReadErrorKind::NotASpreadsheet,
            name,
            "这是 Office 复合文档（如 Word .doc），但不含工作簿",
            "an Office compound document (such as a Word .doc) without a workbook",
        ));
    }
    if pdf_header(bytes) {
        return Ok(Format::Pdf);
    }
    if let Some((zh, en)) = known_binary(bytes) {
        return Err(ReadError::new(ReadErrorKind::NotASpreadsheet, name, zh, en));
    }
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    if find(&lower, b"<html").is_some() || find(&lower, b"<table").is_some() {
        return Err(ReadError::new(
            ReadErrorKind::Unsupported,
            name,
            "这是网页（HTML）格式的表格，常见于系统导出的 .xls。请用 Excel 打开后另存为 .xlsx",
            "an HTML table, as some systems export under .xls. Open it in Excel and save as .xlsx",
        ));
    }
    if head.contains(&0) && !looks_utf16(head) {
        return Err(ReadError::new(ReadErrorKind::NotASpreadsheet, name, "二进制文件", "a binary file"));
    }
    Ok(Format::Text)
}

fn sniff_zip(name: &str, bytes: &[u8], limits: &Limits) -> Result<Format, ReadError> {
    let names = workbook::zip_entry_names_within(name, bytes, limits)?;
    let has = |n: &str| names.iter().any(|e| e.eq_ignore_ascii_case(n));
    if has("xl/workbook.xml") || has("xl/workbook.bin") {
        Ok(Format::Ooxml)
    } else if has("content.xml") && (has("mimetype") || has("META-INF/manifest.xml")) {
        Ok(Format::Ods)
    } else if has("word/document.xml") || has("ppt/presentation.xml") {
        Err(ReadError::new(ReadErrorKind::NotASpreadsheet, name, "这是 Word 或 PowerPoint 文档", "a Word or PowerPoint document"))
    } else {
        Err(ReadError::new(ReadErrorKind::NotASpreadsheet, name, "这是一个压缩包，但不是电子表格", "a zip archive, but not a spreadsheet"))
    }
}

fn known_binary(bytes: &[u8]) -> Option<(&'static str, &'static str)> {
    let table: &[(&[u8], &str, &str)] = &[
        (b"\x89PNG", "这是 PNG 图片", "a PNG image"),
        (b"\xFF\xD8\xFF", "这是 JPEG 图片", "a JPEG image"),
        (b"GIF8", "这是 GIF 图片", "a GIF image"),
        (b"\x7FELF", "这是程序文件", "an executable"),
        (b"MZ", "这是程序文件", "an executable"),
        (b"Rar!", "这是 RAR 压缩包", "a RAR archive"),
        (b"7z\xBC\xAF", "这是 7z 压缩包", "a 7z archive"),
        (b"\x1F\x8B", "这是 gzip 压缩包", "a gzip archive"),
        (b"{\\rtf", "这是 RTF 文档", "an RTF document"),
    ];
    table.iter().find(|(magic, _, _)| bytes.starts_with(magic)).map(|(_, zh, en)| (*zh, *en))
}

/// A compound file whose directory sector lies past its end was cut short.
fn cfb_truncated(bytes: &[u8]) -> bool {
    if bytes.len() < 512 {
        return true;
    }
    let shift = u16::from_le_bytes([bytes[0x1E], bytes[0x1F]]) as u32;
    let dir = u32::from_le_bytes([bytes[0x30], bytes[0x31], bytes[0x32], bytes[0x33]]) as u64;
    if !(7..=16).contains(&shift) {
        return true;
    }
    let sector = 1u64 << shift;
    (dir + 2) * sector > bytes.len() as u64
}

fn looks_utf16(head: &[u8]) -> bool {
    head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF])
}

fn contains_utf16(hay: &[u8], needle: &str) -> bool {
    let n: Vec<u8> = needle.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    // Directory entries sit in the first sectors of small files and anywhere in large ones.
    find(hay, &n).is_some()
}

pub(crate) fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

/// `%PDF-` within the first kilobyte (some producers put bytes before it, as readers allow).
fn pdf_header(bytes: &[u8]) -> bool {
    find(&bytes[..bytes.len().min(1024)], b"%PDF-").is_some()
}

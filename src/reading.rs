//! Calls the core reader and turns its answer into what the interface shows.
//!
//! No web APIs here, so this is tested on the host with real bytes.

use crate::i18n::file_size;
use crate::state::{ErrorText, SheetSummary};
use gouji_core::Limits;

/// The limits the web app reads with.
pub fn limits() -> Limits {
    Limits::default()
}

/// Refuses a file that is too large *before* its bytes are copied into memory.
pub fn precheck(name: &str, size: u64, limits: &Limits) -> Result<(), ErrorText> {
    if size > limits.max_file_bytes {
        let (got, max) = (file_size(size), file_size(limits.max_file_bytes));
        return Err(ErrorText::new(
            "too_large",
            format!("{name}：文件大小 {got}，超过了可安全读取的上限 {max}。"),
            format!("{name}: the file is {got}, over the {max} limit for safe reading."),
        ));
    }
    Ok(())
}

/// Reads one file (or paste) and summarises its sheets. Never panics on bad input: every
/// failure comes back as words in both languages.
pub fn read(name: &str, bytes: &[u8], limits: &Limits) -> Result<Vec<SheetSummary>, ErrorText> {
    match gouji_core::read::read_grids(name, bytes, limits) {
        Ok(grids) => Ok(grids
            .iter()
            .map(|g| SheetSummary {
                name: g.name.clone(),
                rows: g.row_count(),
                cols: g.col_count(),
                hidden: g.hidden,
            })
            .collect()),
        Err(e) => Err(ErrorText::new(e.kind(), e.message_zh(), e.message_en())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_csv_reads_as_one_sheet_with_its_size() {
        let csv =
            "项目,本年预算,上年预算\n一般公共预算拨款收入,100,90\n政府性基金预算拨款收入,20,10\n";
        let sheets = read("收入.csv", csv.as_bytes(), &limits()).expect("csv reads");
        assert_eq!(sheets.len(), 1);
        assert_eq!(sheets[0].rows, 3);
        assert_eq!(sheets[0].cols, 3);
        assert!(!sheets[0].hidden);
    }

    #[test]
    fn pasted_tab_separated_cells_read() {
        let text = "项目\t金额\n合计\t120\n";
        let sheets = read("粘贴的内容 1", text.as_bytes(), &limits()).expect("paste reads");
        assert_eq!(sheets.len(), 1);
        assert_eq!((sheets[0].rows, sheets[0].cols), (2, 2));
    }

    #[test]
    fn unreadable_bytes_are_words_not_panics() {
        for (name, bytes) in [
            ("empty.xlsx", &b""[..]),
            ("image.xlsx", &b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"[..]),
            ("truncated.xlsx", &b"PK\x03\x04\x14\0\0\0"[..]),
        ] {
            let err = read(name, bytes, &limits()).expect_err(name);
            assert!(!err.kind.is_empty());
            assert!(err.zh.contains(name), "{}", err.zh);
            assert!(err.en.contains(name), "{}", err.en);
            assert!(err
                .zh
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)));
        }
    }

    #[test]
    fn oversized_files_are_refused_before_reading() {
        let l = Limits {
            max_file_bytes: 1000,
            ..limits()
        };
        assert!(precheck("a.xlsx", 1000, &l).is_ok());
        let err = precheck("a.xlsx", 2500, &l).unwrap_err();
        assert_eq!(err.kind, "too_large");
        assert!(
            err.zh.contains("2.5 KB") && err.zh.contains("1.0 KB"),
            "{}",
            err.zh
        );
        assert!(err.en.starts_with("a.xlsx: "));
    }
}

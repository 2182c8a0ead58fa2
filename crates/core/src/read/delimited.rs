//! CSV, TSV and text copied from a PDF. The encoding is detected (UTF-8 with or without BOM,
//! UTF-16, GBK/GB18030), never assumed.

use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};

use super::{Format, ReadFile};
use crate::cell::CellValue;
use crate::error::{ReadError, ReadErrorKind};
use crate::grid::{GridBuilder, GridSource};
use crate::limits::Limits;

pub(super) fn read_text(file: &str, bytes: &[u8], limits: &Limits) -> Result<ReadFile, ReadError> {
    let text = decode(file, bytes)?;
    if text.trim().is_empty() {
        return Err(ReadError::new(ReadErrorKind::Empty, file, "只有空白", "only white space"));
    }
    let lines: Vec<&str> = text.lines().collect();
    let non_empty = lines.iter().filter(|l| !l.trim().is_empty()).count().max(1);
    let tabbed = lines.iter().filter(|l| l.contains('\t')).count();
    let commas = lines.iter().filter(|l| l.contains(',') || l.contains('，')).count();
    let mut builder = GridBuilder::new(sheet_name(file), source_of(file), limits);
    let lower = file.to_ascii_lowercase();
    let named_csv = lower.ends_with(".csv");
    if !named_csv && (lower.ends_with(".tsv") || tabbed > 0 && tabbed * 10 >= non_empty) {
        for (r, line) in lines.iter().enumerate() {
            if line.contains('\t') {
                for (c, field) in line.split('\t').enumerate() {
                    push_field(&mut builder, r, c, field, file)?;
                }
            } else {
                // A PDF copy mixes tab-separated lines with lines whose columns are spaces.
                for (c, field) in split_spaced(line).into_iter().enumerate() {
                    push_field(&mut builder, r, c, field, file)?;
                }
            }
        }
    } else if named_csv || commas * 3 >= non_empty && looks_like_csv(&lines) {
        let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
        // One record, reused: a row is read without allocating.
        let mut record = csv::StringRecord::new();
        let mut r = 0;
        while reader.read_record(&mut record).map_err(|e| {
            ReadError::new(
                ReadErrorKind::Corrupt,
                file,
                format!("CSV 第 {} 行无法解析：{e}", r + 1),
                format!("CSV line {} cannot be parsed: {e}", r + 1),
            )
        })? {
            // A record is a row, as a spreadsheet opens the file (a quoted field may span lines).
            for (c, field) in record.iter().enumerate() {
                push_field(&mut builder, r, c, field, file)?;
            }
            r += 1;
        }
    } else {
        // Text copied from a PDF without tabs: columns are runs of two or more spaces,
        // or single spaces where the line has no wider gap.
        // Their cells are every space-separated word: the reader of such tables (recognise/
        // spaced.rs) joins words into names and places amounts by their order, not position.
        builder = GridBuilder::new(sheet_name(file), GridSource::SpacedText, limits);
        for (r, line) in lines.iter().enumerate() {
            for (c, field) in line.split_whitespace().flat_map(unglue).flat_map(split_run).enumerate() {
                push_field(&mut builder, r, c, field, file)?;
            }
        }
    }
    // A CSV or TSV file is tables only; text copied from a PDF also carries the narrative.
    let narrative = (source_of(file) != GridSource::Delimited).then_some(text);
    Ok(ReadFile { format: Format::Text, grids: vec![builder.build(file)?], formulas: Vec::new(), text: narrative })
}

fn source_of(file: &str) -> GridSource {
    let lower = file.to_ascii_lowercase();
    if lower.ends_with(".csv") || lower.ends_with(".tsv") {
        GridSource::Delimited
    } else {
        GridSource::PastedText
    }
}

/// The sheet name for addresses: the file name without folders.
fn sheet_name(file: &str) -> String {
    file.rsplit(['/', '\\']).next().unwrap_or(file).to_string()
}

fn push_field(builder: &mut GridBuilder, row: usize, col: usize, field: &str, file: &str) -> Result<(), ReadError> {
    let t = field.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if t.is_empty() {
        return Ok(());
    }
    if row > u32::MAX as usize / 2 || col > 16_383 {
        return Err(ReadError::new(ReadErrorKind::TooLarge, file, "行或列过多", "too many rows or columns"));
    }
    builder.push(row as u32, col as u32, CellValue::Text(t.to_string()), file)
}

/// An amount glued to the words beside it by a copy (`91,016,775.35一、一般公共服务支出`,
/// `行政运行16,726,725.44`): the amount apart. Only digits written as an amount (with a
/// separator or a decimal point) are cut off, so `2026年` and `2050802干部教育` stay whole.
fn unglue(word: &str) -> Vec<&str> {
    let is_num = |c: char| c.is_ascii_digit() || c == ',' || c == '.';
    let amount_like = |s: &str| s.chars().any(|c| c.is_ascii_digit()) && s.contains([',', '.']) && !s.starts_with(['.', ',']);
    // Amount first, words after.
    let lead: usize = word.chars().take_while(|c| is_num(*c) || *c == '-').map(char::len_utf8).sum();
    if lead > 0
        && lead < word.len()
        && amount_like(&word[..lead])
        && !word[lead..].starts_with(|c: char| c.is_ascii_alphanumeric() || c == '%')
    {
        return vec![&word[..lead], &word[lead..]];
    }
    // Words first, amount after.
    let tail: usize = word.chars().rev().take_while(|c| is_num(*c)).map(char::len_utf8).sum();
    let cut = word.len() - tail;
    if tail > 0
        && cut > 0
        && amount_like(&word[cut..])
        && !word[..cut].ends_with(|c: char| c.is_ascii_alphanumeric() || c == '-' || c == '.')
    {
        return vec![&word[..cut], &word[cut..]];
    }
    vec![word]
}

/// Amounts written one after another without a space (`82,096,797.4282,096,797.42`,
/// `1,633,0001,633,000`): cut where the digit groups say one amount ends — after a third digit
/// that a fourth follows, after two decimals that more digits and a separator follow. Anything
/// that does not read as such a run of grouped amounts stays whole.
fn split_run(word: &str) -> Vec<&str> {
    let b = word.as_bytes();
    let digits = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let mut out = Vec::new();
    let mut start = 0;
    while start < b.len() {
        let lead = digits(start);
        if lead == 0 || lead > 3 && b.get(start + lead) == Some(&b',') {
            return vec![word];
        }
        let mut end = start + lead.min(3);
        if lead > 3 {
            // No separators: a plain number, whole.
            end = start + lead;
        }
        while b.get(end) == Some(&b',') && digits(end + 1) >= 3 {
            end += 4;
        }
        if b.get(end) == Some(&b'.') && digits(end + 1) >= 2 {
            let frac = digits(end + 1);
            let rest = end + 1 + frac;
            // More digits and then a separator: the fraction ended after two digits.
            end = if frac > 2 && matches!(b.get(rest), Some(b',' | b'.')) { end + 3 } else { rest };
        }
        if end == start || !word.is_char_boundary(end) {
            return vec![word];
        }
        out.push(&word[start..end]);
        start = end;
    }
    if out.len() > 1 && out.iter().all(|p| p.contains([',', '.'])) {
        out
    } else {
        vec![word]
    }
}

/// A CSV's amounts with separators are quoted; a prose line with commas is not CSV.
fn looks_like_csv(lines: &[&str]) -> bool {
    let multi = lines.iter().filter(|l| l.matches(',').count() >= 2).count();
    multi * 2 >= lines.iter().filter(|l| !l.trim().is_empty()).count()
}

/// Columns of a line without tabs: runs of two or more spaces, or single spaces between amounts
/// and codes; prose stays one cell.
fn split_spaced(line: &str) -> Vec<&str> {
    let line = line.trim_end();
    let tokens: Vec<&str> = line.split_whitespace().collect();
    let numeric = tokens.iter().filter(|t| crate::amount::parse_amount(t).is_ok_and(|v| v.is_some())).count();
    if tokens.len() > 1 && numeric * 2 < tokens.len() && !line.contains("  ") && !line.contains('\u{3000}') {
        // Mostly words: a sentence, or a header whose words a single space separates.
        if tokens.iter().all(|t| t.chars().count() <= 12) {
            return tokens;
        }
        return vec![line.trim()];
    }
    if line.contains("  ") || line.contains('\u{3000}') {
        line.split('\u{3000}').flat_map(|part| part.split("  ")).map(str::trim).filter(|s| !s.is_empty()).collect()
    } else {
        line.split_whitespace().collect()
    }
}

fn decode(file: &str, bytes: &[u8]) -> Result<String, ReadError> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return check_decoded(file, text.into_owned(), had_errors);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(s.to_string());
    }
    if bytes.len() >= 4 && bytes.iter().step_by(2).skip(1).take(64).filter(|b| **b == 0).count() > 16 {
        let (text, _, had_errors) = UTF_16LE.decode(bytes);
        return check_decoded(file, text.into_owned(), had_errors);
    }
    if bytes.len() >= 4 && bytes.iter().step_by(2).take(64).filter(|b| **b == 0).count() > 16 {
        let (text, _, had_errors) = UTF_16BE.decode(bytes);
        return check_decoded(file, text.into_owned(), had_errors);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guessed = detector.guess(Some(b"cn"), chardetng::Utf8Detection::Allow);
    // GB18030 is a superset of GBK and GB2312: decode with it whenever a Chinese legacy encoding is likely.
    let enc = if guessed == UTF_8 || guessed.name().starts_with("GB") || guessed.name() == "gbk" { GB18030 } else { guessed };
    let (text, _, had_errors) = enc.decode(bytes);
    check_decoded(file, text.into_owned(), had_errors)
}

fn check_decoded(file: &str, text: String, had_errors: bool) -> Result<String, ReadError> {
    if had_errors {
        let bad = text.chars().filter(|c| *c == '\u{FFFD}').count();
        if bad * 50 > text.chars().count().max(1) {
            return Err(ReadError::new(
                ReadErrorKind::NotASpreadsheet,
                file,
                "无法识别文本编码（不是 UTF-8 或 GBK 文本）",
                "the text encoding cannot be recognised (neither UTF-8 nor GBK text)",
            ));
        }
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(name: &str, text: &str) -> Vec<Vec<String>> {
        let f = read_text(name, text.as_bytes(), &Limits::default()).unwrap();
        let g = &f.grids[0];
        g.rows().map(|r| g.row(r).texts().map(|(_, t)| t).collect()).collect()
    }

    #[test]
    fn amounts_glued_to_words_come_apart() {
        assert_eq!(unglue("91,016,775.35一、一般公共服务支出"), ["91,016,775.35", "一、一般公共服务支出"]);
        assert_eq!(unglue("行政运行16,726,725.44"), ["行政运行", "16,726,725.44"]);
        assert_eq!(unglue("2026年部门收入预算总表"), ["2026年部门收入预算总表"]);
        assert_eq!(unglue("2050802干部教育"), ["2050802干部教育"]);
        assert_eq!(unglue("12.5%"), ["12.5%"]);
        assert_eq!(unglue("1,234.00"), ["1,234.00"]);
        assert_eq!(split_run("82,096,797.4282,096,797.42"), ["82,096,797.42", "82,096,797.42"]);
        assert_eq!(split_run("1,633,0001,633,000"), ["1,633,000", "1,633,000"]);
        assert_eq!(split_run("12,029,501.8412,029,501.840.00"), ["12,029,501.84", "12,029,501.84", "0.00"]);
        assert_eq!(split_run("82,096,797.42"), ["82,096,797.42"]);
        assert_eq!(split_run("2050802"), ["2050802"]);
        assert_eq!(split_run("3.1415"), ["3.1415"]);
    }

    #[test]
    fn windows_line_endings_keep_every_row() {
        let want = vec![vec!["a", "b", "c"], vec!["1", "2", "3"], vec!["4", "5", "6"]];
        assert_eq!(cells("a.csv", "a,b,c\r\n1,2,3\r\n4,5,6\r\n"), want);
        assert_eq!(cells("a.csv", "a,b,c\n1,2,3\n4,5,6\n"), want);
        assert_eq!(cells("b.csv", "项目,金额\r\n合计,5\r\n"), vec![vec!["项目", "金额"], vec!["合计", "5"]]);
    }

    #[test]
    fn only_pasted_text_carries_narrative() {
        let text = "2021年“三公”经费预算数为995.20万元。\n合计\t因公出国(境)费\n995.20\t455.00\n";
        assert!(read_text("a.csv", text.as_bytes(), &Limits::default()).unwrap().text.is_none());
        assert!(read_text("a.tsv", text.as_bytes(), &Limits::default()).unwrap().text.is_none());
        assert!(read_text("粘贴文本", text.as_bytes(), &Limits::default()).unwrap().text.is_some());
        assert!(read_text("说明.txt", text.as_bytes(), &Limits::default()).unwrap().text.is_some());
    }

    #[test]
    fn a_quoted_field_spanning_lines_is_one_row() {
        assert_eq!(cells("q.csv", "a,\"x\ny\",c\n1,2,3\n"), vec![vec!["a", "x\ny", "c"], vec!["1", "2", "3"]]);
    }
}

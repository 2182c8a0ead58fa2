//! Reads an OpenDocument spreadsheet's `content.xml` the way calamine will, before calamine does,
//! counting what calamine would hold instead of holding it.
//!
//! calamine (0.38, `ods.rs`) parses every sheet while opening the file. It expands
//! `table:number-columns-repeated` into cells as it reads each row (at most 16,384 per row, but
//! with no bound on the number of rows), then `table:number-rows-repeated` as it lays the sheet out
//! densely (up to 100 million cells, 32 bytes each); every copy of a repeated cell clones its text,
//! `text:s` spaces are written one by one (up to 2³¹ of them), and a `content.xml` that ends inside
//! a table or a cell's annotation makes it loop forever. A few hundred bytes can ask for gigabytes.
//!
//! Repeats that calamine never expands cost nothing and are not counted: empty cells at the end of
//! a row, empty rows before the first and after the last filled row. LibreOffice writes those
//! into every file (`number-columns-repeated="1024"`, `number-rows-repeated="1048553"`).
//!
//! The walk mirrors calamine's event loops with the same XML reader and settings. Where calamine
//! would stop with an error the walk stops too and lets calamine report it.

use std::io::{BufRead, BufReader, Cursor};

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::QName;
use quick_xml::Reader;

use crate::error::{ReadError, ReadErrorKind};
use crate::grid::{file_too_large, span_too_large, too_many_cells};
use crate::limits::{human_bytes, Limits};

/// calamine's caps on row repeats (per sheet) and on a row's width.
const MAX_ROWS: u64 = 1_048_576;
const MAX_COLUMNS: u64 = 16_384;

enum Stop {
    /// calamine fails here with its own error: stop counting and let it.
    Calamine,
    /// The file is refused before calamine sees it.
    Refuse(ReadError),
    /// The XML ends where calamine would read on forever (inside a table or a comment).
    Unterminated,
}

impl From<quick_xml::Error> for Stop {
    fn from(_: quick_xml::Error) -> Self {
        Stop::Calamine
    }
}

type Walk<T> = Result<T, Stop>;

/// `Err` when calamine would hold more cells or text than the limits allow, or would never finish.
pub(super) fn check(file: &str, bytes: &[u8], limits: &Limits) -> Result<(), ReadError> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else { return Ok(()) };
    let Ok(content) = zip.by_name("content.xml") else { return Ok(()) };
    let mut reader = Reader::from_reader(BufReader::new(content));
    let config = reader.config_mut();
    config.check_end_names = false;
    config.trim_text(false);
    config.check_comments = false;
    config.expand_empty_elements = true;
    match walk_content(&mut reader, file, limits) {
        Ok(()) | Err(Stop::Calamine | Stop::Unterminated) => Ok(()),
        Err(Stop::Refuse(e)) => Err(e),
    }
}

/// calamine's `parse_content`: only named `table:table` elements are read as sheets.
fn walk_content<R: BufRead>(reader: &mut Reader<R>, name: &str, limits: &Limits) -> Walk<()> {
    let mut buf = Vec::with_capacity(1024);
    // calamine holds every sheet at once: text and cells are counted over the whole of content.xml.
    let mut file = FileCount { name, text: 0, area: 0, held: 0 };
    let mut sheets = 0usize;
    loop {
        match reader.read_event_into(&mut buf)? {
            Event::Start(e) if e.name() == QName("table:table") => {
                raw_attr(&e, "table:style-name")?;
                if let Some(name) = raw_attr(&e, "table:name")? {
                    let name = quick_xml::escape::unescape(name).map_err(|_| Stop::Calamine)?.into_owned();
                    sheets += 1;
                    if sheets > limits.max_sheets {
                        return Err(Stop::Refuse(ReadError::new(
                            ReadErrorKind::TooLarge,
                            file.name,
                            format!("工作表超过 {} 个，上限 {} 个", limits.max_sheets, limits.max_sheets),
                            format!("more than {} sheets, the limit is {}", limits.max_sheets, limits.max_sheets),
                        )));
                    }
                    match walk_table(reader, &name, limits, &mut file) {
                        Err(Stop::Unterminated) => return Err(Stop::Refuse(ends_inside(file.name, &name))),
                        walked => walked?,
                    }
                }
            }
            Event::Eof => return Ok(()),
            _ => (),
        }
        buf.clear();
    }
}

/// What calamine holds for the sheets read so far.
struct FileCount<'a> {
    name: &'a str,
    /// Bytes of text in the cells and their laid-out copies.
    text: u64,
    /// Cells laid out, and held while reading (see `Sheet::held`), in the finished sheets.
    area: u64,
    held: u64,
}

/// What calamine holds for one sheet, as it would hold it.
#[derive(Default)]
struct Sheet {
    /// Row repeats so far, capped as calamine caps them.
    rows: u64,
    /// Cells calamine pushes while reading rows, before laying them out: each row up to its last
    /// cell element that is filled or follows an empty one, repeats expanded.
    held: u64,
    /// The filled area: first row, rows up to the last filled row, first and last column.
    first_row: Option<u64>,
    span: u64,
    run: u64,
    cols: Option<(u64, u64)>,
}

impl Sheet {
    fn area(&self) -> u64 {
        self.cols.map_or(0, |(c0, c1)| self.span.saturating_mul(c1 - c0 + 1))
    }

    fn add_row(&mut self, repeats: u64, row: RowCount, name: &str, file: &mut FileCount<'_>, limits: &Limits) -> Walk<()> {
        let repeats = repeats.min(MAX_ROWS - self.rows);
        let at = self.rows;
        self.rows += repeats;
        self.held = self.held.saturating_add(row.len);
        if let Some((first, last)) = row.filled {
            self.first_row.get_or_insert(at);
            self.run += repeats;
            self.span = self.run;
            let (lo, hi) = self.cols.get_or_insert((first, last));
            *lo = (*lo).min(first);
            *hi = (*hi).max(last);
            // The text of the row as read, and once more for each laid-out copy.
            file.text = file.text.saturating_add(row.text.saturating_mul(repeats.saturating_add(1)));
        } else if self.first_row.is_some() {
            self.run += repeats;
        }
        let refuse = |e| Err(Stop::Refuse(e));
        if let (Some(r0), Some((c0, c1))) = (self.first_row, self.cols) {
            if self.area() > limits.max_cells_per_sheet {
                let r1 = (r0 + self.span).saturating_sub(1);
                return refuse(span_too_large(file.name, name, (r0, c0), (r1, c1), limits.max_cells_per_sheet));
            }
        }
        // Reading holds every empty cell that another cell element follows in its row, also left of
        // the filled area: allowed up to twice the limit, so that no ordinary file is refused for it.
        if self.held > limits.max_cells_per_sheet.saturating_mul(2) {
            return refuse(too_many_cells(file.name, name, limits.max_cells_per_sheet));
        }
        if file.area.saturating_add(self.area()) > limits.max_cells_per_file
            || file.held.saturating_add(self.held) > limits.max_cells_per_file.saturating_mul(2)
        {
            return refuse(file_too_large(file.name, limits.max_cells_per_file));
        }
        if file.text > limits.max_entry_bytes {
            return refuse(ReadError::new(
                ReadErrorKind::TooLarge,
                file.name,
                format!(
                    "content.xml 的单元格文字展开重复后超过 {}（单个条目的上限，至工作表“{}”）",
                    human_bytes(limits.max_entry_bytes),
                    name
                ),
                format!(
                    "the cells of content.xml expand to more than {} of text with their repeats (the limit per entry), by sheet \"{}\"",
                    human_bytes(limits.max_entry_bytes),
                    name
                ),
            ));
        }
        Ok(())
    }
}

/// calamine's `read_table`: rows until the table's end, wherever they are nested.
fn walk_table<R: BufRead>(reader: &mut Reader<R>, name: &str, limits: &Limits, file: &mut FileCount<'_>) -> Walk<()> {
    let mut sheet = Sheet::default();
    let mut buf = Vec::with_capacity(1024);
    let mut row_buf = Vec::with_capacity(1024);
    let mut cell_buf = Vec::with_capacity(1024);
    loop {
        match reader.read_event_into(&mut buf)? {
            Event::Start(e) if e.name() == QName("table:table-row") => {
                let repeats = match raw_attr(&e, "table:number-rows-repeated")? {
                    Some(v) => parse_u64(&quick_xml::escape::unescape(v).map_err(|_| Stop::Calamine)?)?,
                    None => 1,
                };
                let row = walk_row(reader, &mut row_buf, &mut cell_buf)?;
                sheet.add_row(repeats, row, name, file, limits)?;
            }
            Event::End(e) if e.name() == QName("table:table") => {
                file.area = file.area.saturating_add(sheet.area());
                file.held = file.held.saturating_add(sheet.held);
                return Ok(());
            }
            // calamine reads on past the end of the file, forever.
            Event::Eof => return Err(Stop::Unterminated),
            _ => (),
        }
        buf.clear();
    }
}

fn ends_inside(file: &str, sheet: &str) -> ReadError {
    ReadError::new(
        ReadErrorKind::Corrupt,
        file,
        format!("表格内容（content.xml）在工作表“{sheet}”中途结束"),
        format!("the table content (content.xml) ends inside sheet \"{sheet}\""),
    )
}

/// One row as calamine reads it.
struct RowCount {
    /// Cells pushed: everything up to the last filled cell, repeats expanded.
    len: u64,
    /// First and last filled column.
    filled: Option<(u64, u64)>,
    /// Bytes of text in the pushed cells.
    text: u64,
}

/// calamine's `read_row`: cells until the row's end, anything else is an error.
fn walk_row<R: BufRead>(reader: &mut Reader<R>, row_buf: &mut Vec<u8>, cell_buf: &mut Vec<u8>) -> Walk<RowCount> {
    let mut row = RowCount { len: 0, filled: None, text: 0 };
    let mut pending_empty = 0u64;
    loop {
        row_buf.clear();
        match reader.read_event_into(row_buf)? {
            Event::Start(e) if e.name() == QName("table:table-cell") || e.name() == QName("table:covered-table-cell") => {
                let repeats = match raw_attr(&e, "table:number-columns-repeated")? {
                    Some(v) => parse_u64(v)?,
                    None => 1,
                };
                let cell = walk_cell(reader, &e, cell_buf)?;
                // Empty cells are pushed only when a filled one follows them.
                row.len += pending_empty.min(MAX_COLUMNS - row.len);
                pending_empty = 0;
                let repeats = repeats.min(MAX_COLUMNS - row.len);
                if cell.filled {
                    if repeats > 0 {
                        let first = row.filled.map_or(row.len, |(f, _)| f);
                        row.len += repeats;
                        row.filled = Some((first, row.len - 1));
                    }
                    row.text = row.text.saturating_add(cell.text.saturating_mul(repeats));
                } else {
                    pending_empty = repeats;
                }
                if !cell.closed {
                    reader.read_to_end_into(e.name(), cell_buf)?;
                }
            }
            Event::End(e) if e.name() == QName("table:table-row") => return Ok(row),
            _ => return Err(Stop::Calamine),
        }
    }
}

struct CellCount {
    filled: bool,
    text: u64,
    /// The cell's end was read already.
    closed: bool,
}

/// calamine's `get_datatype`: the value from the attributes, or the text of the cell's paragraphs.
fn walk_cell<R: BufRead>(reader: &mut Reader<R>, e: &BytesStart<'_>, buf: &mut Vec<u8>) -> Walk<CellCount> {
    let (mut is_string, mut is_error, mut value_set, mut empty_string_value) = (false, false, false, false);
    let mut text = 0u64;
    let mut formula = 0u64;
    for attr in RawAttrs(e.attributes_raw()) {
        let (key, value) = attr?;
        match key {
            "office:value" | "office:boolean-value" if !value_set => value_set = true,
            "office:string-value" | "office:date-value" | "office:time-value" if !value_set => {
                let decoded = quick_xml::escape::unescape(value).map_err(|_| Stop::Calamine)?;
                empty_string_value = key == "office:string-value" && decoded.is_empty();
                text = decoded.len() as u64;
                value_set = true;
            }
            "office:value-type" if !value_set => is_string = value == "string",
            "calcext:value-type" => is_error = value == "error",
            "table:formula" => formula = quick_xml::escape::unescape(value).map_err(|_| Stop::Calamine)?.len() as u64,
            _ => (),
        }
    }
    if (!value_set && is_string) || (is_error && empty_string_value) {
        let mut text = formula;
        let mut first_paragraph = true;
        loop {
            buf.clear();
            match reader.read_event_into(buf)? {
                Event::Text(t) => text = text.saturating_add(t.len() as u64),
                Event::GeneralRef(_) => text = text.saturating_add(4),
                Event::End(e) if e.name() == QName("table:table-cell") || e.name() == QName("table:covered-table-cell") => {
                    return Ok(CellCount { filled: true, text, closed: true });
                }
                Event::Start(e) if e.name() == QName("office:annotation") => loop {
                    match reader.read_event_into(buf)? {
                        Event::End(e) if e.name() == QName("office:annotation") => break,
                        // calamine reads on past the end of the file, forever.
                        Event::Eof => return Err(Stop::Unterminated),
                        _ => (),
                    }
                },
                Event::Start(e) if e.name() == QName("text:p") => {
                    text += u64::from(!first_paragraph);
                    first_paragraph = false;
                }
                Event::Start(e) if e.name() == QName("text:s") => {
                    let count = match raw_attr(&e, "text:c")? {
                        // An i32 in calamine: anything an i64 cannot hold fails there too.
                        Some(v) => {
                            quick_xml::escape::unescape(v).map_err(|_| Stop::Calamine)?.parse::<i64>().map_err(|_| Stop::Calamine)?.max(0)
                                as u64
                        }
                        None => 1,
                    };
                    text = text.saturating_add(count);
                }
                Event::Start(e) if e.name() == QName("text:tab") || e.name() == QName("text:line-break") => text += 1,
                Event::Eof => return Err(Stop::Calamine),
                _ => (),
            }
        }
    }
    Ok(CellCount { filled: value_set || is_string || formula > 0, text: text + formula, closed: false })
}

fn parse_u64(v: &str) -> Walk<u64> {
    // calamine parses a usize; whatever a u64 cannot hold fails there too.
    v.parse::<u64>().map_err(|_| Stop::Calamine)
}

/// The first attribute named `name`, scanning as calamine does: a malformed attribute before it
/// is an error, one after it is not seen.
fn raw_attr<'a>(e: &'a BytesStart<'_>, name: &str) -> Walk<Option<&'a str>> {
    for attr in RawAttrs(e.attributes_raw()) {
        let (k, v) = attr?;
        if k == name {
            return Ok(Some(v));
        }
    }
    Ok(None)
}

/// `key="value"` pairs of a start tag, without unescaping, as calamine's `RawAttrIter` reads them.
struct RawAttrs<'a>(&'a str);

impl<'a> Iterator for RawAttrs<'a> {
    type Item = Walk<(&'a str, &'a str)>;

    fn next(&mut self) -> Option<Self::Item> {
        let rest = self.0.trim_start_matches(|c: char| c.is_ascii_whitespace());
        if rest.is_empty() {
            self.0 = rest;
            return None;
        }
        self.0 = "";
        let Some((key, after)) = rest.split_once('=') else { return Some(Err(Stop::Calamine)) };
        let after = after.trim_start_matches(|c: char| c.is_ascii_whitespace());
        let quote = after.chars().next().filter(|q| *q == '"' || *q == '\'');
        let Some(quote) = quote else { return Some(Err(Stop::Calamine)) };
        let body = &after[1..];
        let (value, tail) = body.split_once(quote).unwrap_or((body, ""));
        self.0 = tail;
        Some(Ok((key.trim_end_matches(|c: char| c.is_ascii_whitespace()), value)))
    }
}

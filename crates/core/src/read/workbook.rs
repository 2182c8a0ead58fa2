//! The one module that speaks calamine (and peeks into zip containers for their sizes).
//! Every calamine value becomes a gouji `CellValue` here and nowhere else.

use std::io::Cursor;

use calamine::{Data, DataRef, Ods, Reader, SheetType, SheetVisible, Xls, Xlsb, Xlsx};

use super::{formula, Format, FormulaNote, ReadFile, SheetPart};
use crate::amount::decimal_from_f64;
use crate::cell::CellValue;
use crate::error::{ReadError, ReadErrorKind};
use crate::grid::{file_too_large, Grid, GridBuilder, GridSource};
use crate::limits::{human_bytes, Limits};

/// Entry names of a zip container, after checking every entry's stated size against the limits.
pub(super) fn zip_entry_names_within(file: &str, bytes: &[u8], limits: &Limits) -> Result<Vec<String>, ReadError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| corrupt_zip(file, &e))?;
    let mut names = Vec::with_capacity(archive.len());
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).map_err(|e| corrupt_zip(file, &e))?;
        let size = entry.size();
        let entry_name = entry.name().map(|n| n.to_string()).unwrap_or_default();
        if size > limits.max_entry_bytes {
            return Err(ReadError::new(
                ReadErrorKind::TooLarge,
                file,
                format!("压缩包内“{}”解压后 {}，单个条目上限 {}", entry_name, human_bytes(size), human_bytes(limits.max_entry_bytes)),
                format!(
                    "entry \"{}\" unpacks to {}, the limit per entry is {}",
                    entry_name,
                    human_bytes(size),
                    human_bytes(limits.max_entry_bytes)
                ),
            ));
        }
        total = total.saturating_add(size);
        if total > limits.max_total_uncompressed_bytes {
            return Err(ReadError::new(
                ReadErrorKind::TooLarge,
                file,
                format!("解压后总大小超过上限 {}", human_bytes(limits.max_total_uncompressed_bytes)),
                format!("unpacks to more than the limit of {} in total", human_bytes(limits.max_total_uncompressed_bytes)),
            ));
        }
        names.push(entry_name);
    }
    Ok(names)
}

/// The zip library's reason, said in Chinese for the zh message (the English keeps its words).
fn corrupt_zip(file: &str, e: &zip::result::ZipError) -> ReadError {
    use zip::result::ZipError;
    let zh = match e {
        ZipError::InvalidArchive(why) if why.contains("EOCD") || why.contains("end of central directory") => {
            "找不到压缩包末尾的目录记录，文件末尾缺失".to_string()
        }
        ZipError::InvalidArchive(_) => "压缩包的目录记录无效".to_string(),
        ZipError::UnsupportedArchive(_) | ZipError::CompressionMethodNotSupported(_) => "使用了不支持的压缩方式".to_string(),
        ZipError::InvalidPassword => "压缩包设有密码".to_string(),
        ZipError::Io(_) => "读取压缩内容时出错".to_string(),
        _ => "压缩内容不完整".to_string(),
    };
    ReadError::new(ReadErrorKind::Corrupt, file, format!("压缩结构无法读取：{zh}"), format!("the zip structure cannot be read: {e}"))
}

fn from_calamine(file: &str, e: calamine::Error) -> ReadError {
    let password = matches!(
        &e,
        calamine::Error::Xls(calamine::XlsError::Password)
            | calamine::Error::Xlsx(calamine::XlsxError::Password)
            | calamine::Error::Xlsb(calamine::XlsbError::Password)
            | calamine::Error::Ods(calamine::OdsError::Password)
    );
    if password {
        return ReadError::new(ReadErrorKind::Encrypted, file, "", "");
    }
    let why = e.to_string();
    ReadError::new(ReadErrorKind::Corrupt, file, format!("读取失败：{why}"), format!("reading failed: {why}"))
}

pub(super) fn read_workbook(file: &str, bytes: &[u8], format: Format, limits: &Limits, part: SheetPart) -> Result<ReadFile, ReadError> {
    // calamine can still panic on hostile bytes (fuzzing found integer overflows in its xls
    // records). Where panics unwind (the CLI, tests) that is a damaged file, not a crash; the
    // browser build aborts instead, and the web app replaces its worker.
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_workbook_inner(file, bytes, format, limits, part))) {
        Ok(result) => result,
        Err(_) => Err(ReadError::new(
            ReadErrorKind::Corrupt,
            file,
            "文件内部结构异常，读取器无法解析",
            "the file's internal structure is malformed and the reader could not parse it",
        )),
    }
}

fn read_workbook_inner(file: &str, bytes: &[u8], format: Format, limits: &Limits, part: SheetPart) -> Result<ReadFile, ReadError> {
    let mut formulas = Vec::new();
    let mut grids = match format {
        Format::Ooxml => {
            let names = zip_entry_names_within(file, bytes, limits)?;
            if names.iter().any(|n| n.eq_ignore_ascii_case("xl/workbook.bin")) {
                let wb = Xlsb::new(Cursor::new(bytes)).map_err(|e| from_calamine(file, e.into()))?;
                read_xlsb(file, wb, limits, part)?
            } else {
                let wb = Xlsx::new(Cursor::new(bytes)).map_err(|e| from_calamine(file, e.into()))?;
                let (grids, notes) = read_xlsx(file, wb, limits, part)?;
                formulas.extend(notes);
                grids
            }
        }
        Format::Ods => {
            // calamine expands repeated rows and cells while opening the file: count them first.
            super::ods_guard::check(file, bytes, limits)?;
            let wb: Ods<_> = Ods::new(Cursor::new(bytes)).map_err(|e| from_calamine(file, e.into()))?;
            read_ranges(file, wb, limits)?
        }
        Format::Xls => {
            let wb: Xls<_> = Xls::new(Cursor::new(bytes)).map_err(|e| from_calamine(file, e.into()))?;
            read_ranges(file, wb, limits)?
        }
        Format::Text | Format::Pdf => unreachable!("text and PDF have readers of their own"),
    };
    for grid in &mut grids {
        formulas.extend(formula::evaluate_missing(grid));
    }
    Ok(ReadFile { format, grids, formulas, text: None })
}

/// The worksheets (name, hidden) of the part, after checking the whole workbook's count.
fn worksheets<RS, R: Reader<RS>>(file: &str, wb: &R, limits: &Limits, part: SheetPart) -> Result<Vec<(String, bool)>, ReadError>
where
    RS: std::io::Read + std::io::Seek,
{
    let sheets: Vec<(String, bool)> = wb
        .sheets_metadata()
        .iter()
        .filter(|s| matches!(s.typ, SheetType::WorkSheet))
        .map(|s| (s.name.clone(), !matches!(s.visible, SheetVisible::Visible)))
        .collect();
    if sheets.len() > limits.max_sheets {
        return Err(ReadError::new(
            ReadErrorKind::TooLarge,
            file,
            format!("工作表 {} 个，上限 {} 个", sheets.len(), limits.max_sheets),
            format!("{} sheets, the limit is {}", sheets.len(), limits.max_sheets),
        ));
    }
    let range = part.sheets(sheets.len());
    Ok(sheets.into_iter().skip(range.start).take(range.len()).collect())
}

fn read_xlsx(
    file: &str,
    mut wb: Xlsx<Cursor<&[u8]>>,
    limits: &Limits,
    part: SheetPart,
) -> Result<(Vec<Grid>, Vec<FormulaNote>), ReadError> {
    let mut grids = Vec::new();
    let mut notes = Vec::new();
    let mut area = 0;
    for (name, hidden) in worksheets(file, &wb, limits, part)? {
        let mut builder = GridBuilder::new(name.clone(), GridSource::Sheet, limits).hidden(hidden);
        let mut zero_cached = Vec::new();
        let mut reader = wb.worksheet_cells_reader(&name).map_err(|e| from_calamine(file, e.into()))?;
        while let Some(cell) = reader.next_cell_with_formula().map_err(|e| from_calamine(file, e.into()))? {
            let (row, col) = cell.pos;
            let value = match (convert_ref(&cell.value), cell.formula) {
                (CellValue::Empty, Some(f)) if !f.is_empty() => CellValue::FormulaWithoutValue(f),
                // Writers that never calculate store 0 as every formula's result.
                (CellValue::Number(d), Some(f)) if d.is_zero() && !f.is_empty() => {
                    zero_cached.push((row, col, f));
                    CellValue::Number(d)
                }
                (v, _) => v,
            };
            builder.push(row, col, value, file)?;
        }
        drop(reader);
        add_area(file, &builder, &mut area, limits)?;
        let mut grid = builder.build(file)?;
        notes.extend(formula::recalculate_zero_cached(&mut grid, zero_cached));
        grids.push(grid);
    }
    Ok((grids, notes))
}

fn read_xlsb(file: &str, mut wb: Xlsb<Cursor<&[u8]>>, limits: &Limits, part: SheetPart) -> Result<Vec<Grid>, ReadError> {
    let mut grids = Vec::new();
    let mut area = 0;
    for (name, hidden) in worksheets(file, &wb, limits, part)? {
        let mut builder = GridBuilder::new(name.clone(), GridSource::Sheet, limits).hidden(hidden);
        let mut reader = wb.worksheet_cells_reader(&name).map_err(|e| from_calamine(file, e.into()))?;
        while let Some(cell) = reader.next_cell().map_err(|e| from_calamine(file, e.into()))? {
            let (row, col) = cell.get_position();
            builder.push(row, col, convert_ref(cell.get_value()), file)?;
        }
        drop(reader);
        add_area(file, &builder, &mut area, limits)?;
        grids.push(builder.build(file)?);
    }
    Ok(grids)
}

fn read_ranges<RS, R>(file: &str, mut wb: R, limits: &Limits) -> Result<Vec<Grid>, ReadError>
where
    RS: std::io::Read + std::io::Seek,
    R: Reader<RS>,
    calamine::Error: From<R::Error>,
{
    let mut grids = Vec::new();
    let mut area = 0;
    for (name, hidden) in worksheets(file, &wb, limits, SheetPart::WHOLE)? {
        let range = wb.worksheet_range(&name).map_err(|e| from_calamine(file, e.into()))?;
        let mut builder = GridBuilder::new(name.clone(), GridSource::Sheet, limits).hidden(hidden);
        for (r, c, v) in range.used_cells() {
            let (row, col) = range.start().map(|(r0, c0)| (r0 + r as u32, c0 + c as u32)).unwrap_or((r as u32, c as u32));
            builder.push(row, col, convert(v), file)?;
        }
        add_area(file, &builder, &mut area, limits)?;
        grids.push(builder.build(file)?);
    }
    Ok(grids)
}

/// Sheets are laid out densely and held together: their used ranges count against the file's limit
/// before each is laid out.
fn add_area(file: &str, builder: &GridBuilder, total: &mut u64, limits: &Limits) -> Result<(), ReadError> {
    let area = builder.area();
    if area > limits.max_cells_per_sheet {
        return Ok(()); // The sheet's own limit says so as it is built.
    }
    *total = total.saturating_add(area);
    if *total > limits.max_cells_per_file {
        return Err(file_too_large(file, limits.max_cells_per_file));
    }
    Ok(())
}

fn convert(d: &Data) -> CellValue {
    match d {
        Data::Int(i) => CellValue::Number((*i).into()),
        Data::Float(f) => decimal_from_f64(*f).map(CellValue::Number).unwrap_or_else(|| CellValue::Error(f.to_string())),
        Data::String(s) => CellValue::Text(s.clone()),
        Data::Bool(b) => CellValue::Text(if *b { "TRUE" } else { "FALSE" }.into()),
        Data::DateTime(dt) => CellValue::Text(dt.to_string()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => CellValue::Text(s.clone()),
        Data::Error(e) => CellValue::Error(e.to_string()),
        Data::Empty => CellValue::Empty,
    }
}

fn convert_ref(d: &DataRef<'_>) -> CellValue {
    match d {
        DataRef::Int(i) => CellValue::Number((*i).into()),
        DataRef::Float(f) => decimal_from_f64(*f).map(CellValue::Number).unwrap_or_else(|| CellValue::Error(f.to_string())),
        DataRef::String(s) if s.is_empty() => CellValue::Empty,
        DataRef::String(s) => CellValue::Text(s.clone()),
        DataRef::SharedString(s) => CellValue::Text((*s).to_string()),
        DataRef::Bool(b) => CellValue::Text(if *b { "TRUE" } else { "FALSE" }.into()),
        DataRef::DateTime(dt) => CellValue::Text(dt.to_string()),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => CellValue::Text(s.clone()),
        DataRef::Error(e) => CellValue::Error(e.to_string()),
        DataRef::Empty => CellValue::Empty,
    }
}

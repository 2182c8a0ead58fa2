//! Every class of bad input gets its typed error, from a real file of that kind.

use std::io::Write;

use gouji_core::{analyse, InputFile, Limits, ReadErrorKind};
use gouji_fixtures::*;

fn kind_of(name: &str, bytes: &[u8], limits: &Limits) -> ReadErrorKind {
    match analyse(&[InputFile { name, bytes }], limits) {
        Ok(a) => panic!("{name} was read: {} budgets", a.budgets.len()),
        Err(e) => {
            assert!(!e.message_zh().is_empty() && !e.message_en().is_empty());
            assert!(e.message_zh().contains(name) && e.message_en().contains(name), "messages name the file");
            e.kind
        }
    }
}

fn data(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/../../tests/data/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn seed_xlsx() -> Vec<u8> {
    to_xlsx(&render(&seed_budget(), &Layout::default()))
}

#[test]
fn encrypted_workbook() {
    // Made by tests/data/make_encrypted.py: a real password-protected xlsx.
    assert_eq!(kind_of("encrypted.xlsx", &data("encrypted.xlsx"), &Limits::default()), ReadErrorKind::Encrypted);
}

#[test]
fn truncated_and_damaged_files_are_corrupt() {
    let xlsx = seed_xlsx();
    for cut in [xlsx.len() / 2, xlsx.len() - 30, 100] {
        assert_eq!(kind_of("cut.xlsx", &xlsx[..cut], &Limits::default()), ReadErrorKind::Corrupt, "cut at {cut}");
    }
    let xls = data("seed-tables.xls");
    assert_eq!(kind_of("cut.xls", &xls[..xls.len() / 3], &Limits::default()), ReadErrorKind::Corrupt);
    // Damage inside a deflated sheet.
    let mut damaged = xlsx.clone();
    let mid = damaged.len() / 2;
    for b in &mut damaged[mid..mid + 64] {
        *b ^= 0x5A;
    }
    assert_eq!(kind_of("damaged.xlsx", &damaged, &Limits::default()), ReadErrorKind::Corrupt);
}

#[test]
fn a_png_renamed_xlsx_is_not_a_spreadsheet() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0\x90wS\xde\0\0\0\x0cIDATx\x9cc\xf8\x0f\0\0\x01\x01\0\x05\x18\xd8N\0\0\0\0IEND\xaeB`\x82";
    assert_eq!(kind_of("budget.xlsx", png, &Limits::default()), ReadErrorKind::NotASpreadsheet);
    assert_eq!(kind_of("budget.pdf", b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n", &Limits::default()), ReadErrorKind::NotASpreadsheet);
    let mut docx = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    docx.start_file("word/document.xml", zip::write::SimpleFileOptions::default()).unwrap();
    docx.write_all(b"<w:document/>").unwrap();
    let docx = docx.finish().unwrap().into_inner();
    assert_eq!(kind_of("budget.docx", &docx, &Limits::default()), ReadErrorKind::NotASpreadsheet);
}

#[test]
fn empty_files() {
    assert_eq!(kind_of("empty.xlsx", b"", &Limits::default()), ReadErrorKind::Empty);
    assert_eq!(kind_of("blank.csv", b" \r\n\t\n", &Limits::default()), ReadErrorKind::Empty);
}

#[test]
fn a_spreadsheet_of_something_else_has_no_budget_tables() {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "员工通讯录").unwrap();
    ws.write_string(1, 0, "姓名").unwrap();
    ws.write_string(1, 1, "电话").unwrap();
    ws.write_number(2, 1, 13_800_000_000.0).unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    assert_eq!(kind_of("通讯录.xlsx", &bytes, &Limits::default()), ReadErrorKind::NoBudgetTables);
    assert_eq!(kind_of("notes.txt", "会议纪要\n今天讨论了预算编制。".as_bytes(), &Limits::default()), ReadErrorKind::NoBudgetTables);
}

#[test]
fn html_saved_as_xls_is_unsupported_with_advice() {
    let html = b"<html><body><table><tr><td>\xe5\x90\x88\xe8\xae\xa1</td></tr></table></body></html>";
    assert_eq!(kind_of("export.xls", html, &Limits::default()), ReadErrorKind::Unsupported);
}

#[test]
fn limits_just_under_and_over() {
    let xlsx = seed_xlsx();
    let n = xlsx.len() as u64;
    let under = Limits { max_file_bytes: n, ..Limits::default() };
    assert!(analyse(&[InputFile { name: "a.xlsx", bytes: &xlsx }], &under).is_ok());
    let over = Limits { max_file_bytes: n - 1, ..Limits::default() };
    assert_eq!(kind_of("a.xlsx", &xlsx, &over), ReadErrorKind::TooLarge);

    // Cells per sheet: the largest sheet (revenue or expenditure, 9 columns × ~60 rows) fits 1000.
    let ok = Limits { max_cells_per_sheet: 1000, ..Limits::default() };
    assert!(analyse(&[InputFile { name: "a.xlsx", bytes: &xlsx }], &ok).is_ok());
    let tight = Limits { max_cells_per_sheet: 100, ..Limits::default() };
    assert_eq!(kind_of("a.xlsx", &xlsx, &tight), ReadErrorKind::TooLarge);

    let sheets = Limits { max_sheets: 8, ..Limits::default() };
    assert!(analyse(&[InputFile { name: "a.xlsx", bytes: &xlsx }], &sheets).is_ok());
    let fewer = Limits { max_sheets: 7, ..Limits::default() };
    assert_eq!(kind_of("a.xlsx", &xlsx, &fewer), ReadErrorKind::TooLarge);
}

/// A zip whose sheet inflates to `gib` GiB of spaces, built without ever holding it: a fully
/// flushed deflate block of 1 MiB repeats, and the CRC is combined.
fn zip_bomb(sheet_bytes: u64) -> Vec<u8> {
    zip_bomb_stating(sheet_bytes, None)
}

/// The same bomb, optionally stating a false (small) uncompressed size for the sheet.
fn zip_bomb_stating(sheet_bytes: u64, stated: Option<u64>) -> Vec<u8> {
    use flate2::{Compress, Compression, FlushCompress};
    let chunk = vec![b' '; 1 << 20];
    let mut c = Compress::new(Compression::best(), false);
    let mut block = Vec::with_capacity(1 << 16);
    c.compress_vec(&chunk, &mut block, FlushCompress::Full).unwrap();
    let mut tail = Vec::with_capacity(64);
    c.compress_vec(&[], &mut tail, FlushCompress::Finish).unwrap();
    let copies = sheet_bytes >> 20;
    let mut data = Vec::with_capacity(block.len() * copies as usize + tail.len());
    let mut crc = crc32fast::Hasher::new();
    let mut one = crc32fast::Hasher::new();
    one.update(&chunk);
    for _ in 0..copies {
        data.extend_from_slice(&block);
        crc.combine(&one);
    }
    data.extend_from_slice(&tail);
    let entries: Vec<(&str, Vec<u8>, u32, u64, u16)> = vec![
        ("[Content_Types].xml", b"<Types/>".to_vec(), crc32fast::hash(b"<Types/>"), 8, 0),
        ("xl/workbook.xml", b"<workbook/>".to_vec(), crc32fast::hash(b"<workbook/>"), 11, 0),
        ("xl/worksheets/sheet1.xml", data, crc.finalize(), stated.unwrap_or(copies << 20), 8),
    ];
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, body, crc, size, method) in &entries {
        let offset = out.len() as u32;
        let header = |sig: u32, central: bool| {
            let mut h = Vec::new();
            h.extend(sig.to_le_bytes());
            if central {
                h.extend(20u16.to_le_bytes());
            }
            h.extend(20u16.to_le_bytes());
            h.extend(0u16.to_le_bytes());
            h.extend(method.to_le_bytes());
            h.extend(0u32.to_le_bytes());
            h.extend(crc.to_le_bytes());
            h.extend((body.len() as u32).to_le_bytes());
            h.extend((*size as u32).to_le_bytes());
            h.extend((name.len() as u16).to_le_bytes());
            h.extend(0u16.to_le_bytes());
            if central {
                h.extend([0u8; 6]);
                h.extend(0u32.to_le_bytes());
                h.extend(offset.to_le_bytes());
            }
            h.extend(name.as_bytes());
            h
        };
        out.extend(header(0x0403_4b50, false));
        out.extend(body);
        central.extend(header(0x0201_4b50, true));
    }
    let cd_offset = out.len() as u32;
    out.extend(&central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0u8; 4]);
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend((central.len() as u32).to_le_bytes());
    out.extend(cd_offset.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

#[test]
fn a_one_gib_sheet_in_a_small_xlsx_is_refused_before_inflating() {
    let bomb = zip_bomb(1 << 30);
    assert!(bomb.len() < 4 << 20, "the bomb is {} bytes", bomb.len());
    let e = analyse(&[InputFile { name: "bomb.xlsx", bytes: &bomb }], &Limits::default()).unwrap_err();
    eprintln!("{}", e.message_en());
    assert_eq!(e.kind, ReadErrorKind::TooLarge, "{}", e.message_en());
    assert!(e.message_en().contains("xl/worksheets/sheet1.xml") && e.message_en().contains("1.0 GiB"), "{}", e.message_en());
    // Just under and just over the per-entry limit.
    let size = 1u64 << 30;
    let at = Limits { max_entry_bytes: size, max_total_uncompressed_bytes: 2 * size, ..Limits::default() };
    let under_err = analyse(&[InputFile { name: "bomb.xlsx", bytes: &bomb }], &Limits { max_entry_bytes: size - 1, ..at.clone() }).unwrap_err();
    assert_eq!(under_err.kind, ReadErrorKind::TooLarge);
    let total = Limits { max_entry_bytes: size, max_total_uncompressed_bytes: size, ..Limits::default() };
    assert_eq!(analyse(&[InputFile { name: "bomb.xlsx", bytes: &bomb }], &total).unwrap_err().kind, ReadErrorKind::TooLarge);
}

#[test]
fn a_sheet_that_lies_about_its_size_is_not_inflated_past_what_it_states() {
    // States 4 KiB, inflates to 1 GiB: reading stops at the stated size (the XML is then cut) and
    // the file is reported as damaged, without inflating the rest.
    let bomb = zip_bomb_stating(1 << 30, Some(4096));
    let e = analyse(&[InputFile { name: "liar.xlsx", bytes: &bomb }], &Limits::default()).unwrap_err();
    assert!(matches!(e.kind, ReadErrorKind::Corrupt | ReadErrorKind::TooLarge), "{e:?}");
}

#[test]
fn xls_cells_per_sheet_just_under_and_over() {
    // The legacy reader lays sheets out while opening the file, so the limit is checked first.
    let xls = data("seed-tables.xls");
    let grids = gouji_core::read::read_grids("a.xls", &xls, &Limits::default()).unwrap();
    let g = &grids[0];
    let cells = ((g.row_count() as u32 - g.first_row) * (g.col_count() as u32 - g.first_col)) as u64;
    let at = Limits { max_cells_per_sheet: cells, ..Limits::default() };
    assert!(gouji_core::read::read_grids("a.xls", &xls, &at).is_ok());
    let below = Limits { max_cells_per_sheet: cells - 1, ..Limits::default() };
    assert_eq!(gouji_core::read::read_grids("a.xls", &xls, &below).unwrap_err().kind, ReadErrorKind::TooLarge);
}

#[test]
fn zip_entry_and_total_limits_just_under_and_over() {
    let xlsx = seed_xlsx();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&xlsx)).unwrap();
    let sizes: Vec<u64> = (0..archive.len()).map(|i| archive.by_index_raw(i).unwrap().size()).collect();
    let (largest, total) = (*sizes.iter().max().unwrap(), sizes.iter().sum::<u64>());
    let ok = Limits { max_entry_bytes: largest, max_total_uncompressed_bytes: total, ..Limits::default() };
    assert!(analyse(&[InputFile { name: "a.xlsx", bytes: &xlsx }], &ok).is_ok());
    let entry = Limits { max_entry_bytes: largest - 1, ..ok.clone() };
    let e = analyse(&[InputFile { name: "a.xlsx", bytes: &xlsx }], &entry).unwrap_err();
    assert_eq!(e.kind, ReadErrorKind::TooLarge);
    assert!(e.message_en().contains("limit per entry"), "{}", e.message_en());
    let all = Limits { max_total_uncompressed_bytes: total - 1, ..ok };
    let e = analyse(&[InputFile { name: "a.xlsx", bytes: &xlsx }], &all).unwrap_err();
    assert_eq!(e.kind, ReadErrorKind::TooLarge);
    assert!(e.message_en().contains("in total"), "{}", e.message_en());
}

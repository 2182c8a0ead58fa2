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
    // The Chinese message is Chinese: the zip library's English stays in the English one.
    let e = analyse(&[InputFile { name: "cut.xlsx", bytes: &xlsx[..xlsx.len() / 2] }], &Limits::default()).unwrap_err();
    assert!(!e.message_zh().contains("EOCD") && !e.message_zh().contains("invalid"), "{}", e.message_zh());
    assert!(e.message_zh().contains("文件末尾缺失"), "{}", e.message_zh());
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
fn a_workbook_of_empty_sheets_is_empty_not_without_budget_tables() {
    let mut wb = rust_xlsxwriter::Workbook::new();
    wb.add_worksheet();
    let bytes = wb.save_to_buffer().unwrap();
    assert_eq!(kind_of("empty.xlsx", &bytes, &Limits::default()), ReadErrorKind::Empty);
    // A sheet with something on it that is not a budget table is still "no budget tables".
    let mut wb = rust_xlsxwriter::Workbook::new();
    wb.add_worksheet().write_string(0, 0, "会议纪要").unwrap();
    assert_eq!(kind_of("notes.xlsx", &wb.save_to_buffer().unwrap(), &Limits::default()), ReadErrorKind::NoBudgetTables);
}

#[test]
fn a_png_renamed_xlsx_is_not_a_spreadsheet() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0\x90wS\xde\0\0\0\x0cIDATx\x9cc\xf8\x0f\0\0\x01\x01\0\x05\x18\xd8N\0\0\0\0IEND\xaeB`\x82";
    assert_eq!(kind_of("budget.xlsx", png, &Limits::default()), ReadErrorKind::NotASpreadsheet);
    // A PDF is read now; one without pages is damaged.
    assert_eq!(kind_of("budget.pdf", b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n", &Limits::default()), ReadErrorKind::Corrupt);
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
    let under_err =
        analyse(&[InputFile { name: "bomb.xlsx", bytes: &bomb }], &Limits { max_entry_bytes: size - 1, ..at.clone() }).unwrap_err();
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

/// An ODS zip around `rows` (the `table:table-row` elements of one sheet named "S"), stored.
fn ods_with_rows(rows: &str) -> Vec<u8> {
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content \
         xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
         xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" \
         xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" office:version=\"1.2\">\
         <office:body><office:spreadsheet><table:table table:name=\"S\">{rows}</table:table>\
         </office:spreadsheet></office:body></office:document-content>"
    );
    ods_with_content(&content)
}

fn ods_with_content(content: &str) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, body) in [
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        ("META-INF/manifest.xml", "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\"/>"),
        ("content.xml", content),
    ] {
        zip.start_file(name, stored).unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    out.into_inner()
}

/// `cols` filled cells (one element, repeated) in a row, the row repeated `rows` times.
fn ods_block(rows: u64, cols: u64) -> Vec<u8> {
    ods_with_rows(&format!(
        "<table:table-row table:number-rows-repeated=\"{rows}\"><table:table-cell table:number-columns-repeated=\"{cols}\" \
         office:value-type=\"float\" office:value=\"1\"/></table:table-row>"
    ))
}

fn read_ods(bytes: &[u8], limits: &Limits) -> Result<Vec<gouji_core::Grid>, gouji_core::ReadError> {
    gouji_core::read::read_grids("a.ods", bytes, limits)
}

#[test]
fn ods_repeats_just_under_and_over_the_cells_limit() {
    // 100 columns × 100 rows from two elements: the limit counts the cells they expand to.
    let ods = ods_block(100, 100);
    assert!(ods.len() < 2048, "{} bytes", ods.len());
    let at = Limits { max_cells_per_sheet: 10_000, ..Limits::default() };
    let grids = read_ods(&ods, &at).unwrap();
    assert_eq!((grids[0].row_count(), grids[0].col_count(), grids[0].filled_cells()), (100, 100, 10_000));
    let e = read_ods(&ods, &Limits { max_cells_per_sheet: 9_999, ..at.clone() }).unwrap_err();
    assert_eq!(e.kind, ReadErrorKind::TooLarge);
    // Refused from the XML, before calamine laid the sheet out (gouji's own count words it otherwise).
    assert!(e.message_en().contains("sheet \"S\" spans A1:CV100"), "{}", e.message_en());
    assert!(e.message_en().contains("over the limit of 9999 cells per sheet"), "{}", e.message_en());

    // Empty rows between filled ones are laid out too.
    let gap = |empty: u64| {
        ods_with_rows(&format!(
            "<table:table-row><table:table-cell table:number-columns-repeated=\"10\" office:value-type=\"float\" office:value=\"1\"/></table:table-row>\
             <table:table-row table:number-rows-repeated=\"{empty}\"><table:table-cell table:number-columns-repeated=\"1024\"/></table:table-row>\
             <table:table-row><table:table-cell office:value-type=\"string\"><text:p>x</text:p></table:table-cell></table:table-row>"
        ))
    };
    assert_eq!(read_ods(&gap(98), &Limits { max_cells_per_sheet: 1000, ..Limits::default() }).unwrap()[0].row_count(), 100);
    assert_eq!(read_ods(&gap(99), &Limits { max_cells_per_sheet: 1000, ..Limits::default() }).unwrap_err().kind, ReadErrorKind::TooLarge);
}

#[test]
fn a_tiny_ods_declaring_billions_of_cells_is_refused_before_reading() {
    // Each of these took calamine gigabytes (or forever) from a few hundred bytes.
    let cell = "<table:table-cell table:number-columns-repeated=\"16384\" office:value-type=\"float\" office:value=\"1\" table:formula=\"of:=1\"/>";
    let rows_repeated = ods_with_rows(&format!("<table:table-row table:number-rows-repeated=\"1048576\">{cell}</table:table-row>"));
    let row_elements = ods_with_rows(&format!("<table:table-row>{cell}</table:table-row>").repeat(400));
    let text = "x".repeat(1000);
    let long_text = ods_with_rows(&format!(
        "<table:table-row table:number-rows-repeated=\"300\"><table:table-cell table:number-columns-repeated=\"16384\" \
         office:value-type=\"string\" office:string-value=\"{text}\"/></table:table-row>"
    ));
    let spaces = ods_with_rows(
        "<table:table-row><table:table-cell office:value-type=\"string\"><text:p><text:s text:c=\"2000000000\"/></text:p></table:table-cell></table:table-row>",
    );
    for (what, ods) in [("rows", rows_repeated), ("row elements", row_elements), ("repeated text", long_text), ("spaces", spaces)] {
        assert!(ods.len() < 300_000, "{what}: {} bytes", ods.len());
        let started = std::time::Instant::now();
        let e = read_ods(&ods, &Limits::default()).unwrap_err();
        assert_eq!(e.kind, ReadErrorKind::TooLarge, "{what}: {}", e.message_en());
        assert!(started.elapsed().as_secs() < 5, "{what}");
        eprintln!("{what}: {}", e.message_en());
    }
}

#[test]
fn an_ods_cut_inside_a_table_is_corrupt_not_endless() {
    // calamine reads past the end of content.xml forever when a table or a comment is left open.
    let head = "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
                xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\">\
                <office:body><office:spreadsheet><table:table table:name=\"S\"><table:table-row>";
    for tail in [
        "<table:table-cell office:value-type=\"float\" office:value=\"1\"/></table:table-row>",
        "<table:table-cell office:value-type=\"string\"><office:annotation><text:p>note</text:p>",
    ] {
        let e = read_ods(&ods_with_content(&format!("{head}{tail}")), &Limits::default()).unwrap_err();
        assert_eq!(e.kind, ReadErrorKind::Corrupt, "{}", e.message_en());
        assert!(e.message_en().contains("ends inside sheet \"S\""), "{}", e.message_en());
    }
}

#[test]
fn libreoffice_trailing_empty_repeats_are_not_counted() {
    // LibreOffice pads every row with empty cells to column AMJ and every sheet with empty rows to
    // row 1,048,576, as repeats. calamine never lays those out, and neither are they counted.
    let ods = data("seed-tables.ods");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&ods)).unwrap();
    let mut content = String::new();
    std::io::Read::read_to_string(&mut archive.by_name("content.xml").unwrap(), &mut content).unwrap();
    let rows = content.matches("</table:table-row>").count() as u64;
    // A column declaration after each table's start tag, as LibreOffice writes them.
    let mut parts = content.split("<table:table ");
    let mut padded = parts.next().unwrap().to_string();
    for part in parts {
        let (tag, rest) = part.split_once('>').unwrap();
        padded +=
            &format!("<table:table {tag}><table:table-column table:style-name=\"co1\" table:number-columns-repeated=\"1024\"/>{rest}");
    }
    let padded = padded
        .replace(
            "</table:table-row>",
            "<table:table-cell table:style-name=\"ce1\" table:number-columns-repeated=\"1020\"/></table:table-row>",
        )
        .replace(
            "</table:table>",
            &format!(
                "<table:table-row table:style-name=\"ro1\" table:number-rows-repeated=\"{}\">\
                 <table:table-cell table:number-columns-repeated=\"1024\"/></table:table-row></table:table>",
                1_048_576 - rows
            ),
        );
    assert_ne!(padded, content);
    let libre = ods_with_content(&padded);
    let original = read_ods(&ods, &Limits::default()).unwrap();
    let g = &original[0];
    let used = ((g.row_count() as u32 - g.first_row) * (g.col_count() as u32 - g.first_col)) as u64;
    // Read with room for exactly the filled area: the padding costs nothing.
    let tight = Limits { max_cells_per_sheet: used, ..Limits::default() };
    let padded_grids = read_ods(&libre, &tight).unwrap();
    assert_eq!(padded_grids.len(), original.len());
    for (a, b) in original.iter().zip(&padded_grids) {
        assert_eq!((a.row_count(), a.col_count(), a.filled_cells()), (b.row_count(), b.col_count(), b.filled_cells()));
        for r in a.rows() {
            for c in 0..a.col_count() as u32 {
                assert_eq!(a.get(r, c), b.get(r, c), "cell {r},{c}");
            }
        }
    }
    assert!(analyse(&[InputFile { name: "libre.ods", bytes: &libre }], &Limits::default()).is_ok());
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// The ODS pre-check counts the area calamine lays out, exactly: a sheet of repeated filled and
    /// empty cells and rows reads with the limit at its used area and is refused one cell below.
    #[test]
    fn ods_precheck_counts_what_is_laid_out(
        rows in proptest::collection::vec(
            (1u64..4, proptest::collection::vec((proptest::bool::ANY, 1u64..5), 0..5)),
            1..8,
        )
    ) {
        let mut xml = String::new();
        for (repeats, cells) in &rows {
            xml += &format!("<table:table-row table:number-rows-repeated=\"{repeats}\">");
            // Rows that hold anything start at column A and end with a filled cell, and empty rows
            // are one padding element, so that reading holds no more cells than the area (see the
            // next test for when it does).
            let filled = " office:value-type=\"float\" office:value=\"7\"";
            if cells.iter().any(|(filled, _)| *filled) {
                xml += &format!("<table:table-cell{filled}/>");
                for (full, n) in cells {
                    let value = if *full { filled } else { "" };
                    xml += &format!("<table:table-cell table:number-columns-repeated=\"{n}\"{value}/>");
                }
                xml += &format!("<table:table-cell{filled}/>");
            }
            xml += "<table:table-cell table:number-columns-repeated=\"1000\"/></table:table-row>";
        }
        let ods = ods_with_rows(&xml);
        let grids = read_ods(&ods, &Limits::default()).unwrap();
        let g = &grids[0];
        let used = ((g.row_count() as u32 - g.first_row) * (g.col_count() as u32 - g.first_col)) as u64;
        proptest::prop_assume!(used > 1);
        let (at, below) = (Limits { max_cells_per_sheet: used, ..Limits::default() }, Limits { max_cells_per_sheet: used - 1, ..Limits::default() });
        let read_at = read_ods(&ods, &at);
        proptest::prop_assert!(read_at.is_ok(), "{:?}", read_at.err());
        let e = read_ods(&ods, &below).unwrap_err();
        proptest::prop_assert_eq!(e.kind, ReadErrorKind::TooLarge);
        proptest::prop_assert!(e.message_en().contains(" spans "), "{}", e.message_en());
    }
}

#[test]
fn ods_empty_cells_held_while_reading_count_up_to_twice_the_limit() {
    // calamine holds an empty run that another cell element follows (here a styled run before the
    // row's padding), though it lays out only the filled column: up to twice the limit is allowed.
    let rows = |n: usize| {
        ods_with_rows(
            &"<table:table-row><table:table-cell office:value-type=\"float\" office:value=\"1\"/>\
              <table:table-cell table:style-name=\"ce1\" table:number-columns-repeated=\"9\"/><table:table-cell table:number-columns-repeated=\"1014\"/></table:table-row>"
                .repeat(n),
        )
    };
    let limits = Limits { max_cells_per_sheet: 1000, ..Limits::default() };
    assert_eq!(read_ods(&rows(200), &limits).unwrap()[0].row_count(), 200);
    let e = read_ods(&rows(201), &limits).unwrap_err();
    assert_eq!(e.kind, ReadErrorKind::TooLarge);
    assert!(e.message_en().contains("sheet \"S\" has more than 1000 cells"), "{}", e.message_en());
}

#[test]
fn ods_sheets_and_repeated_text_limits_just_under_and_over() {
    // calamine parses every sheet while opening the file, so the sheet count is checked first.
    let sheets = |n: usize| {
        let one = "<table:table table:name=\"T\"><table:table-row><table:table-cell office:value-type=\"float\" office:value=\"1\"/></table:table-row></table:table>";
        let content = format!(
            "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
             xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\"><office:body><office:spreadsheet>{}</office:spreadsheet></office:body></office:document-content>",
            one.repeat(n)
        );
        ods_with_content(&content)
    };
    let limits = Limits { max_sheets: 10, ..Limits::default() };
    assert!(read_ods(&sheets(10), &limits).is_ok());
    let e = read_ods(&sheets(11), &limits).unwrap_err();
    assert_eq!(e.kind, ReadErrorKind::TooLarge);
    assert!(e.message_en().contains("more than 10 sheets"), "{}", e.message_en());

    // A repeated cell's text is copied for every cell it becomes (and once more as it is laid out).
    let text = |cols: u64| {
        ods_with_rows(&format!(
            "<table:table-row><table:table-cell table:number-columns-repeated=\"{cols}\" office:value-type=\"string\" office:string-value=\"{}\"/></table:table-row>",
            "x".repeat(100)
        ))
    };
    let limits = Limits { max_entry_bytes: 20_000, ..Limits::default() };
    assert!(read_ods(&text(100), &limits).is_ok());
    let e = read_ods(&text(101), &limits).unwrap_err();
    assert_eq!(e.kind, ReadErrorKind::TooLarge);
    assert!(e.message_en().contains("expand to more than 19.5 KiB of text"), "{}", e.message_en());
}

#[test]
fn cells_per_file_just_under_and_over() {
    // Each sheet spans A1:J100 (1,000 cells) from two cells; sheets are laid out and held together.
    let limits = Limits { max_cells_per_sheet: 1000, max_cells_per_file: 3000, ..Limits::default() };
    let xlsx = |sheets: usize| {
        let mut wb = rust_xlsxwriter::Workbook::new();
        for _ in 0..sheets {
            let ws = wb.add_worksheet();
            ws.write_string(0, 0, "x").unwrap();
            ws.write_number(99, 9, 1.0).unwrap();
        }
        wb.save_to_buffer().unwrap()
    };
    let ods = |sheets: usize| {
        let one = "<table:table table:name=\"T\"><table:table-row><table:table-cell office:value-type=\"float\" office:value=\"1\"/></table:table-row>\
                   <table:table-row table:number-rows-repeated=\"98\"><table:table-cell table:number-columns-repeated=\"1024\"/></table:table-row>\
                   <table:table-row><table:table-cell table:number-columns-repeated=\"9\"/><table:table-cell office:value-type=\"float\" office:value=\"1\"/></table:table-row></table:table>";
        ods_with_content(&format!(
            "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
             xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\"><office:body><office:spreadsheet>{}</office:spreadsheet></office:body></office:document-content>",
            one.repeat(sheets)
        ))
    };
    for (what, make) in [("xlsx", &xlsx as &dyn Fn(usize) -> Vec<u8>), ("ods", &ods)] {
        let grids = gouji_core::read::read_grids("a", &make(3), &limits).unwrap();
        assert_eq!(grids.iter().map(|g| g.row_count() * g.col_count()).sum::<usize>(), 3000, "{what}");
        let e = gouji_core::read::read_grids("a", &make(4), &limits).unwrap_err();
        assert_eq!(e.kind, ReadErrorKind::TooLarge, "{what}");
        assert!(e.message_en().contains("add up to more than 3000 cells, the limit per file"), "{what}: {}", e.message_en());
    }
    // The legacy reader lays every sheet out while opening the file: counted first.
    let xls = data("seed-tables.xls");
    let g = &gouji_core::read::read_grids("a.xls", &xls, &Limits::default()).unwrap()[0];
    let cells = ((g.row_count() as u32 - g.first_row) * (g.col_count() as u32 - g.first_col)) as u64;
    assert!(gouji_core::read::read_grids("a.xls", &xls, &Limits { max_cells_per_file: cells, ..Limits::default() }).is_ok());
    let e = gouji_core::read::read_grids("a.xls", &xls, &Limits { max_cells_per_file: cells - 1, ..Limits::default() }).unwrap_err();
    assert!(e.message_en().contains("the limit per file"), "{}", e.message_en());
}

#[test]
fn pdf_flate_bombs_are_refused_as_too_large_before_they_are_inflated() {
    // A content stream deflated twice and a cross-reference stream deflated twice behind a
    // nested /DecodeParms dictionary: each inflates to gigabytes, which the pre-scan counts.
    for name in ["pdf-double-flate.pdf", "pdf-xref-stream-bomb.pdf"] {
        let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/data/fuzz-regressions/").to_string() + name).unwrap();
        assert_eq!(kind_of(name, &bytes, &Limits::default()), ReadErrorKind::TooLarge, "{name}");
    }
}

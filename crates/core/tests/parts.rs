//! Reading a workbook in parts (one per browser worker), passing each part's tables through the
//! wire format and joining them in order must give exactly what reading it whole gives.

use gouji_core::model::{ColumnRole, TableKind};
use gouji_core::read::{worksheet_count, SheetPart};
use gouji_core::{budgets_from, check_owned, read_budgets, read_tables, wire, FileTables, InputFile, Limits};
use gouji_fixtures::*;
use rust_decimal::Decimal;

/// Part `index` of `of` as the browser gets it: read, found, encoded, decoded.
fn part_through_wire(file: InputFile<'_>, limits: &Limits, index: usize, of: usize) -> FileTables {
    let part = read_tables(file, limits, SheetPart { index, of }).expect("part reads");
    let bytes = wire::encode(&part).expect("part encodes");
    let back = wire::decode(&bytes).expect("part decodes");
    assert_eq!(back, part, "part {index} of {of} survives the wire");
    back
}

/// The workbook read whole and in 1–5 parts: the same budgets, findings and reports.
fn assert_parts_agree(name: &str, bytes: &[u8], what: &str) {
    let limits = Limits::default();
    let file = InputFile { name, bytes };
    let (whole, whole_text) = read_budgets(&[file], &limits).expect("reads whole");
    let whole_reports: Vec<_> = whole.iter().cloned().map(check_owned).collect();
    for of in 1..=5 {
        let parts = (0..of).map(|i| part_through_wire(file, &limits, i, of)).collect();
        let joined = FileTables::join(parts, name, &limits).expect("parts join");
        let (budgets, text) = budgets_from(&[name], vec![joined]).expect("parts give budgets");
        assert_eq!(budgets, whole, "{what}: {of} parts give the budgets of the whole");
        assert_eq!(text, whole_text, "{what}: {of} parts give the text of the whole");
        let reports: Vec<_> = budgets.into_iter().map(check_owned).collect();
        for (a, b) in reports.iter().zip(&whole_reports) {
            assert_eq!(a.findings, b.findings, "{what}: {of} parts give the findings of the whole");
        }
    }
}

#[test]
fn every_layout_reads_the_same_in_parts() {
    let seed = seed_budget();
    let layouts = [
        ("one sheet per table", Layout::default()),
        (
            "cover sheet, hidden column, codes in the name",
            Layout { codes: CodeStyle::InName, cover_sheet: true, hidden_helper_column: true, ..Layout::default() },
        ),
        ("joined codes, text amounts", Layout { codes: CodeStyle::Joined, amounts: AmountStyle::Text, ..Layout::default() }),
        ("万元", Layout { wan_yuan: true, ..Layout::default() }),
        ("stacked with repeated headers", Layout { stacked: true, repeat_header_every: Some(12), ..Layout::default() }),
    ];
    for (what, layout) in layouts {
        assert_parts_agree("seed.xlsx", &to_xlsx(&render(&seed, &layout)), what);
    }
}

#[test]
fn findings_and_formula_notes_cross_the_wire() {
    // An unreadable amount (GJ001), a wrong total, and 合计 rows as formulas without results (GJ002).
    let mut budget = seed_budget();
    set_amount(&mut budget, TableKind::GpbFunction, "2060101", ColumnRole::Total, Decimal::from(7));
    let layout = Layout { totals_as_formulas: true, ..Layout::default() };
    let mut sheets = render(&budget, &layout);
    let cell = sheets[4].cells.iter_mut().map(|(_, _, c)| c).find(|c| matches!(c, SheetCell::Number(_))).expect("a number");
    *cell = SheetCell::Text("12,3O4".into());
    let bytes = to_xlsx_without_formula_results(&sheets);
    let (whole, _) = read_budgets(&[InputFile { name: "e.xlsx", bytes: &bytes }], &Limits::default()).unwrap();
    let report = check_owned(whole[0].clone());
    for rule in ["GJ001", "GJ002"] {
        assert!(report.findings.iter().any(|f| f.rule == rule), "the workbook gives {rule}: {:#?}", report.findings);
    }
    assert_parts_agree("e.xlsx", &bytes, "errors and formulas");
}

#[test]
fn units_split_across_parts_keep_their_names_and_order() {
    let units = many_units(&seed_budget(), 12);
    // One sheet per table: a part may begin in the middle of a unit, whose name is on its first sheet only.
    assert_parts_agree("units.xlsx", &to_xlsx(&render_units(&units, &Layout::default())), "12 units, a sheet per table");
    assert_parts_agree(
        "units.xlsx",
        &to_xlsx(&render_units(&units, &Layout { stacked: true, ..Layout::default() })),
        "12 units, a sheet each",
    );
}

#[test]
fn files_that_are_not_ooxml_are_read_whole_by_the_first_part() {
    let seed = seed_budget();
    let csv = to_csv(&render(&seed, &Layout { stacked: true, ..Layout::default() })[0], CsvEncoding::Utf8);
    assert_eq!(worksheet_count("seed.csv", &csv, &Limits::default()), 1);
    assert_parts_agree("seed.csv", &csv, "CSV");
    let xls = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/data/seed-tables.xls")).unwrap();
    assert_eq!(worksheet_count("seed.xls", &xls, &Limits::default()), 1);
    assert_parts_agree("seed.xls", &xls, "xls");
}

#[test]
fn worksheets_are_counted_from_the_zip_directory() {
    let bytes = to_xlsx(&render(&seed_budget(), &Layout { cover_sheet: true, ..Layout::default() }));
    assert_eq!(worksheet_count("seed.xlsx", &bytes, &Limits::default()), 9, "8 tables and a cover");
    assert_eq!(worksheet_count("x.xlsx", b"PK\x03\x04 not a zip", &Limits::default()), 1);
}

#[test]
fn every_sheet_is_in_exactly_one_part() {
    for count in 0..40 {
        for of in 1..7 {
            let mut seen = vec![0; count];
            for index in 0..of {
                for s in (SheetPart { index, of }).sheets(count) {
                    seen[s] += 1;
                }
            }
            assert!(seen.iter().all(|n| *n == 1), "{count} sheets in {of} parts: {seen:?}");
        }
    }
}

#[test]
fn the_cells_limit_counts_all_parts_together() {
    let bytes = to_xlsx(&render(&seed_budget(), &Layout::default()));
    let file = InputFile { name: "seed.xlsx", bytes: &bytes };
    let limits = Limits::default();
    let parts: Vec<FileTables> = (0..2).map(|i| read_tables(file, &limits, SheetPart { index: i, of: 2 }).unwrap()).collect();
    let total: u64 = parts.iter().map(|p| p.cells).sum();
    let whole = read_tables(file, &limits, SheetPart::WHOLE).unwrap();
    assert_eq!(total, whole.cells);
    // Just at the limit: joined. One cell under it: too large, as reading it whole says.
    let at = Limits { max_cells_per_file: total, ..Limits::default() };
    assert!(FileTables::join(parts.clone(), "seed.xlsx", &at).is_ok());
    let under = Limits { max_cells_per_file: total - 1, ..Limits::default() };
    let err = FileTables::join(parts, "seed.xlsx", &under).unwrap_err();
    assert_eq!(err.kind(), "too_large");
    let whole_err = read_tables(file, &under, SheetPart::WHOLE).unwrap_err();
    assert_eq!(whole_err.kind(), "too_large");
    assert_eq!(err.message_en(), whole_err.message_en(), "the same message either way");
}

#[test]
fn damaged_wire_bytes_are_an_error_never_a_panic() {
    let bytes = to_xlsx(&render(&seed_budget(), &Layout::default()));
    let part = read_tables(InputFile { name: "seed.xlsx", bytes: &bytes }, &Limits::default(), SheetPart { index: 1, of: 4 }).unwrap();
    let good = wire::encode(&part).unwrap();
    assert!(good.len() > 100);
    for cut in 0..good.len() {
        assert!(wire::decode(&good[..cut]).is_err(), "cut at {cut} of {}", good.len());
    }
    // Every byte changed in turn: decoded to something or refused, never a panic.
    let mut refused = 0;
    for i in 0..good.len() {
        let mut bad = good.clone();
        bad[i] ^= 0xA5;
        refused += wire::decode(&bad).is_err() as usize;
    }
    assert!(refused > good.len() / 4, "most damage is noticed: {refused} of {}", good.len());
    let mut longer = good.clone();
    longer.push(0);
    assert!(wire::decode(&longer).is_err(), "bytes left over");
}

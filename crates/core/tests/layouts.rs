//! The seed budget, written in every layout docs/tables.md describes, must come back exactly
//! (every code, name and amount) with no error or warning.

use gouji_core::amount::round_half_up;
use gouji_core::model::{Budget, MoneyUnit, TableKind};
use gouji_core::{Analysis, Severity};
use gouji_fixtures::*;
use rust_decimal::Decimal;

type Digest = Vec<(String, String, Vec<Option<Decimal>>)>;

fn sorted(mut d: Digest) -> Digest {
    d.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    d
}

/// The seed's tables as the layout should give them back (万元 layouts: each 元 cell rounded).
fn expected(wan_yuan: bool) -> Vec<(TableKind, Digest)> {
    let seed = seed_budget();
    seed.tables
        .iter()
        .map(|t| {
            let mut d = table_digest(t);
            if wan_yuan && t.unit == Some(MoneyUnit::Yuan) {
                for row in &mut d {
                    for a in row.2.iter_mut().flatten() {
                        *a = round_half_up(*a / Decimal::from(10_000), 2).normalize();
                    }
                }
            }
            (t.kind, sorted(d))
        })
        .collect()
}

fn assert_reads_back(analysis: &Analysis, wan_yuan: bool, what: &str) {
    assert_eq!(analysis.budgets.len(), 1, "{what}: one budget");
    let report = &analysis.budgets[0];
    let budget: &Budget = &report.budget;
    for (kind, want) in expected(wan_yuan) {
        let t = budget.table(kind).unwrap_or_else(|| panic!("{what}: {kind:?} found"));
        assert_eq!(sorted(table_digest(t)), want, "{what}: {kind:?} rows");
        if wan_yuan {
            assert_eq!(t.unit, Some(MoneyUnit::TenThousandYuan), "{what}: {kind:?} unit");
        }
    }
    assert_eq!(budget.tables.len(), 8, "{what}: 8 tables");
    assert!(budget.table(TableKind::GfFunction).is_some_and(|t| t.empty), "{what}: 政府性基金 table is present and empty");
    assert_eq!(budget.unit_name.as_deref(), Some("上海市科学技术委员会"), "{what}: unit name");
    assert_eq!(budget.year, Some(2021), "{what}: year");
    let noisy: Vec<String> =
        report.findings.iter().filter(|f| f.severity != Severity::Info).map(|f| format!("{} {}", f.rule, f.message)).collect();
    assert!(noisy.is_empty(), "{what}: no errors or warnings, got {noisy:#?}");
    assert!(report.not_checked.is_empty(), "{what}: every relation checked, skipped {:?}", report.not_checked);
}

fn xlsx(layout: &Layout) -> Analysis {
    let bytes = to_xlsx(&render(&seed_budget(), layout));
    analyse_files(&[("seed.xlsx".into(), bytes)]).expect("readable")
}

#[test]
fn pasted_pdf_text() {
    let a = analyse_files(&[("粘贴文本".into(), SEED_TEXT.as_bytes().to_vec())]).unwrap();
    assert_reads_back(&a, false, "seed text");
}

#[test]
fn one_sheet_per_table() {
    assert_reads_back(&xlsx(&Layout::default()), false, "one sheet per table");
}

#[test]
fn stacked_with_repeated_headers() {
    let layout = Layout { stacked: true, repeat_header_every: Some(12), ..Layout::default() };
    assert_reads_back(&xlsx(&layout), false, "stacked");
}

#[test]
fn joined_codes_with_text_amounts() {
    let layout = Layout { codes: CodeStyle::Joined, amounts: AmountStyle::Text, ..Layout::default() };
    assert_reads_back(&xlsx(&layout), false, "joined codes, text amounts");
}

#[test]
fn spaced_codes() {
    let layout = Layout { codes: CodeStyle::Spaced, stacked: true, ..Layout::default() };
    assert_reads_back(&xlsx(&layout), false, "spaced codes");
}

#[test]
fn wan_yuan_with_two_decimals_gives_no_rounding_alarm() {
    let layout = Layout { wan_yuan: true, ..Layout::default() };
    let a = xlsx(&layout);
    assert_reads_back(&a, true, "万元");
    // Rounding differences exist in this layout and are shown as info, never more.
    assert!(a.budgets[0].findings.iter().any(|f| f.kind == gouji_core::FindingKind::Rounding));
}

#[test]
fn code_and_name_cells_with_cover_sheet_and_hidden_column() {
    for codes in [CodeStyle::InName, CodeStyle::BracketInName] {
        let layout = Layout { codes, cover_sheet: true, hidden_helper_column: true, ..Layout::default() };
        assert_reads_back(&xlsx(&layout), false, &format!("{codes:?}"));
    }
}

#[test]
fn csv_per_table_in_utf8_bom_and_gbk() {
    for enc in [CsvEncoding::Utf8Bom, CsvEncoding::Gbk, CsvEncoding::Utf8] {
        let files: Vec<(String, Vec<u8>)> =
            render(&seed_budget(), &Layout::default()).iter().map(|s| (format!("{}.csv", s.name), to_csv(s, enc))).collect();
        assert_eq!(files.len(), 8);
        assert_reads_back(&analyse_files(&files).unwrap(), false, &format!("CSV per table {enc:?}"));
    }
}

#[test]
fn ragged_csv_as_scripts_write_it() {
    let sheets = render(&seed_budget(), &Layout::default());
    let files: Vec<(String, Vec<u8>)> = sheets.iter().map(|s| (format!("{}.csv", s.name), to_csv_ragged(s, CsvEncoding::Utf8))).collect();
    assert_reads_back(&analyse_files(&files).unwrap(), false, "ragged CSV per table");
    let all = render(&seed_budget(), &Layout { stacked: true, ..Layout::default() });
    let a = analyse_files(&[("all.csv".into(), to_csv_ragged(&all[0], CsvEncoding::Utf8))]).unwrap();
    assert_reads_back(&a, false, "ragged CSV, all tables");
}

#[test]
fn pdf_text_whose_three_public_row_is_space_separated() {
    let text =
        SEED_TEXT.replace("995.20\t455.00\t198.40\t341.80\t103.10\t238.70\t1,132.18", "995.20 455.00 198.40 341.80 103.10 238.70 1,132.18");
    assert_ne!(text, SEED_TEXT);
    assert_reads_back(&analyse_files(&[("粘贴文本".into(), text.into_bytes())]).unwrap(), false, "spaced 三公 row");
}

#[test]
fn one_csv_with_all_tables() {
    let layout = Layout { stacked: true, amounts: AmountStyle::Text, ..Layout::default() };
    let sheets = render(&seed_budget(), &layout);
    let a = analyse_files(&[("全部表.csv".into(), to_csv(&sheets[0], CsvEncoding::Utf8Bom))]).unwrap();
    assert_reads_back(&a, false, "one CSV");
}

#[test]
fn tab_separated_text() {
    let text = to_text(&render(&seed_budget(), &Layout { stacked: true, ..Layout::default() }));
    assert_reads_back(&analyse_files(&[("tables.txt".into(), text.into_bytes())]).unwrap(), false, "TSV text");
}

#[test]
fn legacy_xls_and_ods() {
    // Made by tests/data/make_legacy.py (xlwt, odfpy) from the seed's table lines.
    for name in ["seed-tables.xls", "seed-tables.ods"] {
        let path = format!("{}/../../tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert_reads_back(&analyse_files(&[(name.into(), bytes)]).unwrap(), false, name);
    }
}

#[test]
fn dozens_of_units_one_sheet_each() {
    let seed = seed_budget();
    let units: Vec<Budget> = (1..=36)
        .map(|k| {
            let mut b = scaled(&seed, k);
            b.unit_name = Some(format!("第{k}预算单位"));
            for t in &mut b.tables {
                t.unit_name = b.unit_name.clone();
            }
            b
        })
        .collect();
    let bytes = to_xlsx(&render_units(&units, &Layout::default()));
    let a = analyse_files(&[("units.xlsx".into(), bytes)]).unwrap();
    assert_eq!(a.budgets.len(), 36);
    for (k, r) in a.budgets.iter().enumerate() {
        assert_eq!(r.budget.unit_name.as_deref(), Some(format!("第{}预算单位", k + 1).as_str()));
        assert_eq!(r.budget.tables.len(), 8);
        assert_eq!(r.count(Severity::Error) + r.count(Severity::Warning), 0, "unit {}", k + 1);
        let total = amount(&r.budget, TableKind::Revenue, "合计", gouji_core::model::ColumnRole::Total);
        assert_eq!(total, Decimal::from(4_773_258_127i64) * Decimal::from(k as i64 + 1));
    }
}

#[test]
fn several_units_stacked_on_one_sheet() {
    let seed = seed_budget();
    let mut a_unit = seed.clone();
    a_unit.unit_name = Some("甲单位".into());
    let mut b_unit = scaled(&seed, 2);
    b_unit.unit_name = Some("乙单位".into());
    for b in [&mut a_unit, &mut b_unit] {
        for t in &mut b.tables {
            t.unit_name = b.unit_name.clone();
        }
    }
    let layout = Layout { stacked: true, ..Layout::default() };
    let mut sheet = render(&a_unit, &layout).remove(0);
    let offset = sheet.cells.iter().map(|c| c.0).max().unwrap() + 3;
    for (r, c, v) in render(&b_unit, &layout).remove(0).cells {
        sheet.cells.push((r + offset, c, v));
    }
    let a = analyse_files(&[("two.xlsx".into(), to_xlsx(&[sheet]))]).unwrap();
    let names: Vec<_> = a.budgets.iter().map(|r| r.budget.unit_name.clone().unwrap_or_default()).collect();
    assert_eq!(names, ["甲单位", "乙单位"]);
    assert!(a.budgets.iter().all(|r| r.budget.tables.len() == 8 && r.count(Severity::Error) == 0));
}

//! Final accounts (部门决算): the real 普陀区财政局 2024 决算 as a workbook and as a PDF reads as
//! final accounts with its nine tables and no error; a figure changed anywhere is an error at that
//! cell; the real published 决算 PDFs (../shared/realworld, skipped when absent) give no error.

use std::path::PathBuf;

use gouji_core::model::{ColumnGroup, ColumnRole, DocKind, TableKind};
use gouji_core::Severity;
use gouji_fixtures::final_accounts::{final_accounts_sheets, with_cell};
use gouji_fixtures::{analyse_files, to_pdf, to_xlsx, Sheet};

fn check(name: &str, bytes: Vec<u8>) -> gouji_core::Analysis {
    analyse_files(&[(name.to_string(), bytes)]).expect("readable")
}

fn loud(a: &gouji_core::Analysis) -> Vec<String> {
    a.budgets
        .iter()
        .flat_map(|b| &b.findings)
        .filter(|f| f.severity != Severity::Info)
        .map(|f| format!("{} {}", f.rule, f.message))
        .collect()
}

#[test]
fn the_real_final_accounts_read_as_final_accounts_with_nine_tables_and_no_error() {
    for (name, bytes) in
        [("fa.xlsx", to_xlsx(&final_accounts_sheets())), ("fa.pdf", to_pdf(&final_accounts_sheets(), &Default::default()).unwrap())]
    {
        let a = check(name, bytes);
        assert_eq!(a.budgets.len(), 1, "{name}: one unit");
        let b = &a.budgets[0].budget;
        assert_eq!(b.kind, DocKind::FinalAccounts, "{name}");
        assert_eq!(b.tables.len(), 9, "{name}");
        assert_eq!(loud(&a), Vec::<String>::new(), "{name}");
        // The 三公 table: 预算数 and 决算数 of each item, the relations on 决算数.
        let tp = b.table(TableKind::ThreePublic).unwrap();
        assert_eq!(tp.groups(), vec![ColumnGroup::Budgeted, ColumnGroup::Final], "{name}");
        for role in [
            ColumnRole::Total,
            ColumnRole::Abroad,
            ColumnRole::Vehicle,
            ColumnRole::VehiclePurchase,
            ColumnRole::VehicleOperation,
            ColumnRole::Reception,
        ] {
            assert!(
                tp.column_in(role, ColumnGroup::Budgeted).is_some() && tp.column_in(role, ColumnGroup::Final).is_some(),
                "{name}: {role:?}"
            );
        }
        // The basic-expenditure table's two blocks are one table: 301 and 302 both in it.
        let eco = b.table(TableKind::GpbBasicEconomic).unwrap();
        assert!(eco.row_by_code("301").is_some() && eco.row_by_code("302").is_some() && eco.row_by_code("31002").is_some(), "{name}");
        assert_eq!(TableKind::ThreePublic.name_for(b.kind, b.family), "财政拨款“三公”经费支出决算表");
    }
}

#[test]
fn a_figure_changed_in_any_table_is_an_error_at_its_cell() {
    // (sheet, row, column, new value, the rule that must say so, the cell)
    let cases: &[(&str, &str, u32, &str, &str, &str)] = &[
        ("表1", "总计", 1, "2,995.49", "GJ305", "B20"),
        ("表1", "年初结转和结余", 3, "55.44", "GJ306", "D19"),
        ("表1", "本年收入合计", 1, "2,946.35", "GJ408", "B17"),
        ("表2", "201 06 01", 4, "1,512.90", "GJ201", "E8"),
        ("表3", "201 06 01", 5, "1,504.52", "GJ201", "F8"),
        ("表5", "221 02 01", 4, "188.19", "GJ201", "E23"),
        ("表6", "人员经费合计", 2, "2,152.36", "GJ208", "C20"),
        ("表6", "30101", 2, "263.33", "GJ101", "C6"),
        ("表6", "人员经费合计", 5, "184.75", "GJ409", "F20"),
        ("表7", "53.93", 1, "37.45", "GJ202", "B6"),
        ("表7", "53.93", 0, "54.93", "GJ202", "A6"),
    ];
    let mut missed = Vec::new();
    for (sheet, row, col, value, rule, cell) in cases {
        let sheets: Vec<Sheet> = with_cell(final_accounts_sheets(), sheet, row, *col, value);
        let a = check("fa.xlsx", to_xlsx(&sheets));
        let hit = a.budgets.iter().flat_map(|b| &b.findings).any(|f| {
            f.rule == *rule
                && f.severity == Severity::Error
                && f.cells.iter().any(|c| c.sheet.contains(sheet) && c.to_string().ends_with(&format!("!{cell}")))
        });
        if !hit {
            missed.push(format!("{sheet} {row} → {value}: no {rule} error at {cell}; got {:?}", loud(&a)));
        }
    }
    assert!(missed.is_empty(), "{}", missed.join("\n"));
}

#[test]
fn findings_on_final_accounts_name_its_tables_and_figures_not_a_budgets() {
    let sheets = with_cell(final_accounts_sheets(), "表1", "年初结转和结余", 3, "155.34");
    let a = check("fa.xlsx", to_xlsx(&sheets));
    let messages: Vec<&str> = a.budgets.iter().flat_map(|b| &b.findings).map(|f| f.message.as_str()).collect();
    let gj306 = a.budgets.iter().flat_map(|b| &b.findings).find(|f| f.rule == "GJ306").expect("the closing balance is wrong");
    assert!(gj306.message.starts_with("收入支出决算总表“总计”（决算数）"), "{}", gj306.message);
    for m in messages {
        assert!(!m.contains("预算数") && !m.contains("收支总表"), "a budget's word in a 决算 finding: {m}");
    }
}

fn realworld() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/realworld/shanghai-putuo-govbudgetchecker");
    dir.is_dir().then_some(dir)
}

/// The published 决算 PDFs: their tables read as what they are, one unit each, and every finding
/// one the document really has. The tables give no error and no warning; the text's totals
/// (GJ718) and shares (GJ717) are checked, and the texts' real errors are found, each verified on
/// its page (docs/realworld.md): the 财政局's 说明四 (p. 21) says 财政拨款收入支出总计0.3万元 where the
/// table's 总计 is 2,961.68, and its 说明五 says 一般公共服务支出2106.66万元，占71.73% where
/// 2,106.66 / 2,940.05 is 71.65 %; the 规划和自然资源局's 说明六 (p. 24) gives all the year's basic
/// spending (5,377.64; 人员经费 4,896.98) as the appropriation's (5,364.75; 4,884.09).
#[test]
fn the_published_final_accounts_pdfs_give_no_error_but_their_texts_real_ones() {
    let Some(dir) = realworld() else {
        eprintln!("skipped: ../shared/realworld is not beside the repository (the real 决算 PDFs live there)");
        return;
    };
    for file in [
        "上海市普陀区财政局2024年度部门决算.pdf",
        "上海市普陀区规划和自然资源局 2024 年度部门决算.pdf",
        "中共上海市普陀区委社会工作部 2024 年度部门决算.pdf",
    ] {
        let bytes = std::fs::read(dir.join(file)).expect(file);
        let mut a = check(file, bytes);
        // Its own text is its narrative: the 决算's totals are checked against its tables (GJ718);
        // the budget's claims are said not to be checked, not guessed.
        a.add_narrative(None, &[]);
        assert!(a.budgets[0].not_checked.iter().any(|n| n.rule == "GJ701"), "{file}");
        let checked: Vec<&str> = a.budgets[0].claims.iter().map(|c| c.rule.get().id).collect();
        assert!(checked.len() >= 4 && checked.iter().all(|r| *r == "GJ718"), "{file}: {checked:?}");
        // Each claim says where it is by page and line, as its finding does.
        for c in a.budgets[0].claims.iter().filter(|c| !matches!(c.verdict, gouji_core::narrative::Verdict::Agrees)) {
            assert!(c.message.starts_with("第 2"), "{file}: a place by page and line: {}", c.message);
        }
        assert_eq!(a.budgets.len(), 1, "{file}");
        let b = &a.budgets[0].budget;
        assert_eq!((b.kind, b.tables.len()), (DocKind::FinalAccounts, 9), "{file}");
        // No 编制部门 line: the heading above the tables names the unit and the year.
        assert_eq!(b.year, Some(2024), "{file}");
        assert!(
            b.unit_name.as_deref().is_some_and(|u| u.starts_with("上海市") || u.starts_with("中共上海市")),
            "{file}: {:?}",
            b.unit_name
        );
        let text: Vec<String> = loud(&a).into_iter().filter(|f| f.starts_with("GJ7")).collect();
        let tables: Vec<String> = loud(&a).into_iter().filter(|f| !f.starts_with("GJ7")).collect();
        assert_eq!(tables, Vec::<String>::new(), "{file}");
        let real: &[&str] = if file.contains("财政局") {
            &["GJ718 第 21 页第 9 行称财政拨款收入支出总计为 0.3万元", "GJ717 第 21 页第 15 行称2106.66万元“占71.73%”"]
        } else if file.contains("规划和自然资源局") {
            &["GJ718 第 24 页第 8 行称一般公共预算财政拨款基本支出为 5377.64万元", "GJ718 第 24 页第 8 行称人员经费为 4896.98万元"]
        } else {
            &[]
        };
        assert_eq!(text.len(), real.len(), "{file}: {text:?}");
        for (got, want) in text.iter().zip(real) {
            assert!(got.starts_with(want), "{file}: {got}");
        }
    }
}

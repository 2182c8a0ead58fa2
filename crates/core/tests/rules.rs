//! For every rule: one wrong cell injected into the seed, and the finding that names it.

use gouji_core::model::{Budget, ColumnRole as R, TableKind as K};
use gouji_core::{Analysis, CellRef, Finding, FindingKind, Severity};
use gouji_fixtures::*;
use rust_decimal::Decimal;

fn run(budget: &Budget, layout: &Layout) -> Analysis {
    analyse_files(&[("budget.xlsx".into(), to_xlsx(&render(budget, layout)))]).expect("readable")
}

/// The address the rendered fixture gives a cell (read back from the rendered file).
fn cell(a: &Analysis, kind: K, key: &str, role: R) -> CellRef {
    let t = a.budgets[0].budget.table(kind).expect("table");
    let row = t.rows.iter().find(|r| r.code.as_ref().is_some_and(|c| c.0 == key) || r.name == key).expect("row");
    let col = t.columns.iter().position(|c| c.role == role && c.half == row.half).expect("column");
    row.amounts[col].as_ref().expect("cell").cell.clone()
}

fn findings<'a>(a: &'a Analysis, rule: &str) -> Vec<&'a Finding> {
    a.budgets[0].findings.iter().filter(|f| f.rule == rule).collect()
}

/// Changes one amount by `delta`, checks, and asserts `rule` names the changed cell.
fn inject(kind: K, key: &str, role: R, delta: i64, rule: &str, want_kind: FindingKind, severity: Severity) -> Analysis {
    let mut b = seed_budget();
    let v = amount(&b, kind, key, role);
    set_amount(&mut b, kind, key, role, v + Decimal::new(delta, if kind == K::ThreePublic { 2 } else { 0 }));
    let a = run(&b, &Layout::default());
    let target = cell(&a, kind, key, role);
    let hits = findings(&a, rule);
    assert!(
        !hits.is_empty(),
        "{rule}: no finding after changing {target}; got {:#?}",
        a.budgets[0].findings.iter().map(|f| (f.rule, &f.message)).collect::<Vec<_>>()
    );
    let hit = hits.iter().find(|f| f.cells.contains(&target)).unwrap_or_else(|| panic!("{rule}: no finding names {target}: {hits:#?}"));
    assert_eq!(hit.kind, want_kind, "{rule} kind");
    assert_eq!(hit.severity, severity, "{rule} severity");
    a
}

#[test]
fn gj101_hierarchy() {
    let a = inject(K::Expenditure, "2060101", R::Basic, 1, "GJ101", FindingKind::Hierarchy, Severity::Error);
    let f = findings(&a, "GJ101")[0];
    assert_eq!(f.difference, Some(Decimal::from(-1)), "parent 20601 is 1 less than its children");
    assert_eq!(f.expected, Some(Decimal::from(51_570_687)));
}

#[test]
fn gj103_total_off_by_one_yuan() {
    let a = inject(K::Expenditure, "合计", R::Project, 1, "GJ103", FindingKind::GrandTotal, Severity::Error);
    let f = findings(&a, "GJ103")[0];
    assert_eq!((f.actual, f.expected), (Some(Decimal::from(4_166_954_678i64)), Some(Decimal::from(4_166_954_677i64))));
    assert_eq!(f.cells[0], cell(&a, K::Expenditure, "合计", R::Project), "the checked cell comes first");
}

#[test]
fn gj201_row_arithmetic() {
    inject(K::GpbBasicEconomic, "30101", R::Total, 1, "GJ201", FindingKind::RowArithmetic, Severity::Error);
    inject(K::Revenue, "2060201", R::BusinessIncome, -7, "GJ201", FindingKind::RowArithmetic, Severity::Error);
}

#[test]
fn gj202_three_public_items() {
    inject(K::ThreePublic, "三公经费", R::Reception, 10, "GJ202", FindingKind::ThreePublic, Severity::Error);
    inject(K::ThreePublic, "三公经费", R::VehiclePurchase, 10, "GJ202", FindingKind::ThreePublic, Severity::Error);
}

#[test]
fn gj301_to_gj304_summary_totals() {
    inject(K::Summary, "二、事业收入", R::Amount, 1, "GJ301", FindingKind::GrandTotal, Severity::Error);
    inject(K::Summary, "1. 一般公共预算资金", R::Amount, 1, "GJ302", FindingKind::GrandTotal, Severity::Error);
    inject(K::Summary, "二、科学技术支出", R::Amount, 1, "GJ303", FindingKind::GrandTotal, Severity::Error);
    inject(K::Summary, "收入总计", R::Amount, 1, "GJ304", FindingKind::GrandTotal, Severity::Error);
    inject(K::AppropriationSummary, "五、住房保障支出", R::GeneralPublicBudget, 1, "GJ303", FindingKind::GrandTotal, Severity::Error);
}

#[test]
fn gj401_to_gj407_across_tables() {
    inject(K::Revenue, "合计", R::Total, 1, "GJ401", FindingKind::InterTable, Severity::Error);
    inject(K::Revenue, "合计", R::BusinessIncome, 1, "GJ402", FindingKind::InterTable, Severity::Error);
    inject(K::Expenditure, "205", R::Total, 1, "GJ403", FindingKind::InterTable, Severity::Error);
    inject(K::AppropriationSummary, "二、科学技术支出", R::GeneralPublicBudget, 1, "GJ404", FindingKind::InterTable, Severity::Error);
    inject(K::GpbFunction, "2060101", R::Total, 1, "GJ405", FindingKind::InterTable, Severity::Error);
    inject(K::GpbFunction, "2060101", R::Basic, 1, "GJ406", FindingKind::InterTable, Severity::Error);
    inject(K::GpbBasicEconomic, "合计", R::Total, 1, "GJ407", FindingKind::InterTable, Severity::Error);
}

#[test]
fn gj501_function_vs_economic_is_a_warning() {
    inject(K::GpbBasicEconomic, "30108", R::Total, 1, "GJ501", FindingKind::FunctionVsEconomic, Severity::Warning);
    inject(K::GpbBasicEconomic, "30111", R::Total, 5, "GJ501", FindingKind::FunctionVsEconomic, Severity::Warning);
}

#[test]
fn gj601_three_public_below_economic_line() {
    // 30217 公务接待费 raised to 1,990,000 元 = 199.00 万元, above the 三公 table's 198.40 万元.
    inject(K::GpbBasicEconomic, "30217", R::Total, 620_500, "GJ601", FindingKind::ThreePublic, Severity::Warning);
}

#[test]
fn deleted_item_row() {
    let mut b = seed_budget();
    delete_row(&mut b, K::Expenditure, "2050802");
    let a = run(&b, &Layout::default());
    let structure = findings(&a, "GJ102");
    assert!(structure.iter().any(|f| f.message.contains("20508")), "20508 is left without children: {structure:#?}");
    let revenue_cell = cell(&a, K::Revenue, "2050802", R::Total);
    let across = findings(&a, "GJ403");
    assert!(across.iter().any(|f| f.cells.contains(&revenue_cell) && f.severity == Severity::Error), "{across:#?}");
}

#[test]
fn gj102_orphan_row() {
    let mut b = seed_budget();
    // Remove the 款 row 20508 but keep its 项 2050802: the 项 has no parent.
    delete_row(&mut b, K::GpbFunction, "20508");
    let a = run(&b, &Layout::default());
    let t = a.budgets[0].budget.table(K::GpbFunction).unwrap();
    let orphan = t.rows.iter().find(|r| r.code.as_ref().is_some_and(|c| c.0 == "2050802")).unwrap();
    let hit = findings(&a, "GJ102");
    assert!(hit.iter().any(|f| f.cells.contains(&orphan.label_cell) && f.kind == FindingKind::Structure), "{hit:#?}");
}

#[test]
fn gj001_bad_value_is_named_and_never_zero() {
    let layout = Layout { amounts: AmountStyle::Text, ..Layout::default() };
    let mut sheets = render(&seed_budget(), &layout);
    // 表3: the expenditure table; find the text of 2060101's 基本支出 (51,570,686) and break it.
    let sheet = sheets.iter_mut().find(|s| s.name.contains("支出总表")).unwrap();
    let target = sheet.cells.iter_mut().find(|(_, _, v)| *v == SheetCell::Text("51,570,686".into())).unwrap();
    target.2 = SheetCell::Text("5157O686".into());
    let (r, c) = (target.0, target.1);
    let a = analyse_files(&[("budget.xlsx".into(), to_xlsx(&sheets))]).unwrap();
    let want = CellRef::new(sheet_name(&sheets, "支出总表"), r, c);
    let bad = findings(&a, "GJ001");
    assert_eq!(bad.len(), 1, "{bad:#?}");
    assert_eq!(bad[0].cells, vec![want.clone()]);
    assert_eq!(bad[0].kind, FindingKind::BadValue);
    // The unreadable cell takes no part in sums: no hierarchy alarm built on a zero.
    assert!(a.budgets[0].findings.iter().filter(|f| f.rule != "GJ001").all(|f| !f.cells.contains(&want)));
}

fn sheet_name(sheets: &[Sheet], part: &str) -> String {
    sheets.iter().find(|s| s.name.contains(part)).unwrap().name.clone()
}

#[test]
fn gj002_formulas_without_saved_values() {
    // Plain sums are evaluated and said so; the budget still reconciles. Both kinds of writer:
    // no saved result at all (openpyxl), and 0 stored for every formula (xlsxwriter).
    let sheets = render(&seed_budget(), &Layout { totals_as_formulas: true, ..Layout::default() });
    for (bytes, zero) in [(to_xlsx_without_formula_results(&sheets), false), (to_xlsx(&sheets), true)] {
        let a = analyse_files(&[("budget.xlsx".into(), bytes)]).unwrap();
        let notes = findings(&a, "GJ002");
        // Four coded tables have 类 rows to total (the 政府性基金 table is empty).
        assert_eq!(notes.len(), 4, "one note per sheet with formula totals: {notes:#?}");
        assert!(notes.iter().all(|f| f.severity == Severity::Warning && f.kind == FindingKind::FormulaWithoutCachedValues));
        assert_eq!(notes[0].message.contains("都是 0"), zero);
        assert_eq!(a.budgets[0].count(Severity::Error), 0, "{:#?}", a.budgets[0].findings);
        let total = cell(&a, K::Expenditure, "合计", R::Total);
        assert!(notes.iter().any(|f| f.cells.contains(&total)));
    }

    // Anything else is not guessed at: reported as an error, left out of the checks.
    let mut sheets = render(&seed_budget(), &Layout::default());
    let sheet = sheets.iter_mut().find(|s| s.name.contains("支出总表")).unwrap();
    let target = sheet.cells.iter_mut().find(|(_, _, v)| *v == SheetCell::Number(Decimal::from(51_570_686))).unwrap();
    target.2 = SheetCell::Formula("ROUND(F10*1.0,0)".into());
    let (r, c) = (target.0, target.1);
    let name = sheet.name.clone();
    let a = analyse_files(&[("budget.xlsx".into(), to_xlsx_without_formula_results(&sheets))]).unwrap();
    let errors: Vec<_> = findings(&a, "GJ002").into_iter().filter(|f| f.severity == Severity::Error).collect();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].cells, vec![CellRef::new(name, r, c)]);
}

#[test]
fn gj003_missing_unit_is_said_and_not_assumed() {
    let mut b = seed_budget();
    table_mut(&mut b, K::GpbBasicEconomic).unit = None;
    let a = run(&b, &Layout::default());
    let missing = findings(&a, "GJ003");
    assert_eq!(missing.len(), 1);
    assert_eq!(missing[0].table, Some(K::GpbBasicEconomic));
    assert!(a.budgets[0].not_checked.iter().any(|n| n.rule == "GJ407"), "{:?}", a.budgets[0].not_checked);
    assert_eq!(a.budgets[0].count(Severity::Error), 0);
}

#[test]
fn gj004_a_table_without_rows_is_said_not_taken_as_empty() {
    let mut b = seed_budget();
    table_mut(&mut b, K::Revenue).rows.clear();
    let a = run(&b, &Layout::default());
    let hit = findings(&a, "GJ004");
    assert_eq!(hit.len(), 1, "{hit:#?}");
    assert_eq!(hit[0].table, Some(K::Revenue));
    assert!(!a.budgets[0].budget.table(K::Revenue).unwrap().empty);
}

#[test]
fn whole_number_wan_yuan_cells_are_not_given_a_whole_yuan_allowance() {
    // 三公 written as whole numbers in numeric cells: 41 ≠ 20 + 10 + 10 is an error, not rounding.
    let mut b = seed_budget();
    for (role, v) in
        [(R::Total, 41), (R::Abroad, 20), (R::Reception, 10), (R::Vehicle, 10), (R::VehiclePurchase, 4), (R::VehicleOperation, 6)]
    {
        set_amount(&mut b, K::ThreePublic, "三公经费", role, Decimal::from(v));
    }
    let a = run(&b, &Layout::default());
    let hit = findings(&a, "GJ202");
    assert!(hit.iter().any(|f| f.severity == Severity::Error), "{hit:#?}");
}

#[test]
fn gj701_to_gj704_narrative() {
    // One figure of the seed's text changed per rule; the finding points at it in the text.
    let prior = prior_year_budget();
    for (from, to, rule, severity) in [
        ("“教育支出”科目3,327万元", "“教育支出”科目3,328万元", "GJ701", Severity::Error),
        (
            "421,007万元，比2020年预算减少39,338万元。财政拨款支出预算中",
            "421,007万元，比2020年预算减少39,339万元。财政拨款支出预算中",
            "GJ702",
            Severity::Error,
        ),
        ("总计160000元", "总计160001元", "GJ703", Severity::Warning),
    ] {
        assert_eq!(SEED_TEXT.matches(from).count(), 1, "{from}");
        let text = SEED_TEXT.replace(from, to);
        let report = gouji_core::check_with(&seed_budget(), Some(&text), Some(&prior));
        let hits: Vec<&Finding> = report.findings.iter().filter(|f| f.rule == rule).collect();
        assert_eq!(hits.len(), 1, "{rule}: {hits:#?}");
        assert_eq!((hits[0].kind, hits[0].severity), (FindingKind::Narrative, severity), "{rule}");
        let span = hits[0].text.as_ref().expect("a place in the text");
        let line = text.lines().nth(span.line - 1).unwrap();
        let amount: String = line.chars().skip(span.column - 1).take(3).collect();
        assert!(to.contains(&amount), "{rule} points at {amount:?} in line {}", span.line);
    }
    // GJ704: the seed's own 展示运行项目 states a year ten times the project.
    let report = gouji_core::check_with(&seed_budget(), Some(SEED_TEXT), Some(&prior));
    let hit: Vec<&Finding> = report.findings.iter().filter(|f| f.rule == "GJ704").collect();
    assert_eq!(hit.len(), 1);
    assert_eq!(hit[0].severity, Severity::Warning);
}

#[test]
fn gj005_a_misprinted_class_is_read_by_the_rows_around_it_and_said() {
    let case = rule_cases::rule_case("GJ005").unwrap();
    let a = case.fires.check().unwrap();
    let r = &a.budgets[0];
    let hits = findings(&a, "GJ005");
    assert_eq!(hits.len(), 1, "{hits:#?}");
    assert!(hits[0].message.contains("2050802"), "{}", hits[0].message);
    // The row is read as 2050802: every relation holds as in the seed.
    assert_eq!(r.count(Severity::Error), 0, "{:#?}", r.findings);
    assert!(r.budget.table(K::Expenditure).unwrap().row_by_code("2050802").is_some());
}

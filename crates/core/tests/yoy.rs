//! Year over year: the seed (2021) against its synthesised prior year (2020), both read back from
//! xlsx. Every expected amount is computed from the two models by summing their 项 (or economic
//! 款) rows, independently of how `compare_years` aligns rows.

use std::collections::{BTreeMap, BTreeSet};

use gouji_core::amount::round_half_up;
use gouji_core::model::{Budget, ColumnRole as R, Half, Line, MoneyUnit, Table, TableKind as K};
use gouji_core::{compare_years, ChangeRow, ChangeStatus, YearOverYear};
use gouji_fixtures::prior::{NEW_CODE, PRIOR_APPROPRIATION, PRIOR_NAME, REMOVED_CODE, RENAMED_CODE};
use gouji_fixtures::*;
use rust_decimal::Decimal;

fn read(b: &Budget, layout: &Layout) -> Budget {
    let a = analyse_files(&[("budget.xlsx".into(), to_xlsx(&render(b, layout)))]).expect("readable");
    assert_eq!(a.budgets.len(), 1);
    a.budgets[0].budget.clone()
}

fn both_years() -> (Budget, Budget) {
    (read(&prior_year_budget(), &Layout::default()), read(&seed_budget(), &Layout::default()))
}

/// Σ of the leaf rows (the longest codes) under every code prefix, and under "合计", per role.
fn sums_of_leaves(t: &Table) -> BTreeMap<(String, R), Decimal> {
    let leaf_len = t.rows.iter().filter_map(|r| r.code.as_ref()).map(|c| c.0.len()).max().expect("coded rows");
    let mut out = BTreeMap::new();
    for row in t.rows.iter().filter(|r| r.line == Line::Item && r.code.as_ref().is_some_and(|c| c.0.len() == leaf_len)) {
        let code = &row.code.as_ref().unwrap().0;
        for (i, col) in t.columns.iter().enumerate() {
            let v = row.amount(i).expect("readable").value;
            let mut keys: Vec<String> = (3..=leaf_len).step_by(2).map(|n| code[..n].to_string()).collect();
            keys.push("合计".into());
            for k in keys {
                *out.entry((k, col.role)).or_insert(Decimal::ZERO) += v;
            }
        }
    }
    out
}

fn find<'a>(y: &'a YearOverYear, table: K, code: &str, role: R) -> &'a ChangeRow {
    y.rows
        .iter()
        .find(|r| {
            r.table == table
                && r.column == role
                && (r.code.as_deref() == Some(code) || code == "合计" && r.code.is_none() && r.name == "合计")
        })
        .unwrap_or_else(|| panic!("{table:?} {code} {role:?} compared"))
}

#[test]
fn every_code_of_every_coded_table_has_its_exact_change() {
    let (old, new) = both_years();
    let y = compare_years(&old, &new);
    assert_eq!((y.old_year, y.new_year), (Some(2020), Some(2021)));
    assert!(y.only_old.is_empty() && y.only_new.is_empty() && y.skipped.is_empty());
    let (prior_model, seed_model) = (prior_year_budget(), seed_budget());
    let mut checked = 0;
    for kind in [K::Revenue, K::Expenditure, K::GpbFunction, K::GpbBasicEconomic] {
        let (o, n) = (sums_of_leaves(prior_model.table(kind).unwrap()), sums_of_leaves(seed_model.table(kind).unwrap()));
        let keys: BTreeSet<&(String, R)> = o.keys().chain(n.keys()).collect();
        for key in keys {
            let (code, role) = key;
            let row = find(&y, kind, code, *role);
            let (ov, nv) = (o.get(key).copied(), n.get(key).copied());
            assert_eq!((row.old, row.new), (ov, nv), "{kind:?} {code} {role:?}");
            assert_eq!(row.delta, Some(nv.unwrap_or_default() - ov.unwrap_or_default()), "{kind:?} {code} {role:?} delta");
            assert_eq!(row.unit, Some(MoneyUnit::Yuan));
            let pct = ov.filter(|v| !v.is_zero()).map(|v| round_half_up((nv.unwrap_or_default() - v) * Decimal::from(100) / v, 2));
            assert_eq!(row.pct, pct, "{kind:?} {code} {role:?} pct");
            checked += 1;
        }
        // Nothing compared that the models do not have.
        let rows = y.rows.iter().filter(|r| r.table == kind).count();
        assert_eq!(rows, o.keys().chain(n.keys()).collect::<BTreeSet<_>>().len(), "{kind:?}: one row per code and column");
    }
    assert!(checked > 400, "{checked} amounts compared");
    // Every 项 amount changed (the fixture's promise), apart from codes only one year has.
    for kind in [K::Revenue, K::Expenditure, K::GpbFunction] {
        for r in y.rows.iter().filter(|r| r.table == kind && r.column == R::Total && r.code.as_ref().is_some_and(|c| c.len() == 7)) {
            assert!(r.delta.is_some_and(|d| !d.is_zero()), "{kind:?} {:?} changed", r.code);
        }
    }
}

#[test]
fn new_removed_and_renamed_rows() {
    let (old, new) = both_years();
    let y = compare_years(&old, &new);
    for kind in [K::Revenue, K::Expenditure, K::GpbFunction] {
        let added = find(&y, kind, NEW_CODE, R::Total);
        assert_eq!(added.status, ChangeStatus::New, "{kind:?}");
        assert_eq!(
            (added.old, added.new, added.delta, added.pct),
            (None, Some(Decimal::from(780_000)), Some(Decimal::from(780_000)), None)
        );
        assert!(added.old_cell.is_none() && added.new_cell.is_some());
        let gone = find(&y, kind, REMOVED_CODE, R::Total);
        assert_eq!(gone.status, ChangeStatus::Removed, "{kind:?}");
        assert_eq!(
            (gone.old, gone.new, gone.delta, gone.pct),
            (Some(Decimal::from(12_345_600)), None, Some(Decimal::from(-12_345_600)), Some(Decimal::from(-100)))
        );
        assert!(gone.old_cell.is_some() && gone.new_cell.is_none());
        let renamed = find(&y, kind, RENAMED_CODE, R::Total);
        assert_eq!(renamed.status, ChangeStatus::Renamed);
        assert_eq!(renamed.name, "行政事业单位养老支出");
        assert_eq!(renamed.old_name.as_deref(), Some(PRIOR_NAME));
    }
    let odd: Vec<_> = y
        .rows
        .iter()
        .filter(|r| r.status != ChangeStatus::Both)
        .filter(|r| ![NEW_CODE, REMOVED_CODE, RENAMED_CODE].contains(&r.code.as_deref().unwrap_or("")))
        .map(|r| (r.table, r.code.clone(), r.name.clone(), r.status))
        .collect();
    assert!(odd.is_empty(), "only the three codes change status: {odd:?}");
}

#[test]
fn rows_keep_table_order_and_removed_rows_follow_their_predecessor() {
    let (old, new) = both_years();
    let y = compare_years(&old, &new);
    let order = |k: K| K::ALL.iter().position(|x| *x == k).unwrap();
    assert!(y.rows.windows(2).all(|w| order(w[0].table) <= order(w[1].table)), "tables in TableKind::ALL order");
    let codes: Vec<&str> =
        y.rows.iter().filter(|r| r.table == K::Expenditure && r.column == R::Total).map(|r| r.code.as_deref().unwrap_or("合计")).collect();
    let at = |c: &str| codes.iter().position(|x| *x == c).unwrap();
    assert_eq!(at(REMOVED_CODE), at("2060201") + 1, "2060203 stands where it stood in 2020: {codes:?}");
    assert!(at(NEW_CODE) < at(REMOVED_CODE));
    assert_eq!(codes.last(), Some(&"合计"));
    let seed_codes: Vec<&str> =
        new.table(K::Expenditure).unwrap().rows.iter().map(|r| r.code.as_ref().map_or("合计", |c| c.0.as_str())).collect();
    let without_removed: Vec<&str> = codes.iter().copied().filter(|c| *c != REMOVED_CODE).collect();
    assert_eq!(without_removed, seed_codes, "the new year's row order");
}

#[test]
fn summary_lines_appropriation_and_three_public() {
    let (old, new) = both_years();
    let y = compare_years(&old, &new);
    let line = |table: K, half: Half, name: &str, role: R| {
        y.rows
            .iter()
            .find(|r| r.table == table && r.half == half && r.name == name && r.column == role)
            .unwrap_or_else(|| panic!("{table:?} {name} {role:?}"))
    };
    let total = line(K::AppropriationSummary, Half::Expenditure, "支出总计", R::Total);
    let (n, o) = (Decimal::from(4_210_065_046i64), Decimal::from(PRIOR_APPROPRIATION));
    assert_eq!((total.old, total.new, total.delta), (Some(o), Some(n), Some(n - o)));
    assert_eq!(total.pct, Some(Decimal::new(-855, 2)), "−393,384,954 / 4,603,450,000 = −8.55%");
    assert_eq!(round_half_up((n - o) / Decimal::from(10_000), 0), Decimal::from(-39_338), "the seed text's 减少39,338万元");
    // Class lines are matched by code, not by their numbering.
    let edu = y.rows.iter().find(|r| r.table == K::Summary && r.code.as_deref() == Some("205")).expect("205 line");
    assert_eq!(edu.status, ChangeStatus::Both);
    let seed_model = seed_budget();
    let prior_model = prior_year_budget();
    let sum = |b: &Budget| sums_of_leaves(b.table(K::Expenditure).unwrap())[&("205".to_string(), R::Total)];
    assert_eq!(edu.delta, Some(sum(&seed_model) - sum(&prior_model)));
    // 三公 in 万元 on both sides.
    let tp = |role: R| y.rows.iter().find(|r| r.table == K::ThreePublic && r.column == role).unwrap();
    assert_eq!(tp(R::Total).delta, Some(Decimal::new(-80, 2)));
    assert_eq!(tp(R::Vehicle).delta, Some(Decimal::new(-80, 2)));
    assert_eq!(tp(R::Abroad).delta, Some(Decimal::ZERO));
    assert_eq!(tp(R::Reception).delta, Some(Decimal::ZERO));
    assert_eq!(tp(R::Total).unit, Some(MoneyUnit::TenThousandYuan));
    // Income lines by their SummaryLine.
    let fiscal = line(K::Summary, Half::Income, "一、财政拨款收入", R::Amount);
    assert_eq!(fiscal.delta, Some(n - o));
    assert!(y.rows.iter().filter(|r| r.table == K::Summary).all(|r| r.status == ChangeStatus::Both));
}

#[test]
fn mixed_units_compare_in_the_coarser_one() {
    // The prior year published in 万元 (each cell rounded to 2 places), this year in 元.
    let old = read(&prior_year_budget(), &Layout { wan_yuan: true, ..Layout::default() });
    let new = read(&seed_budget(), &Layout::default());
    assert_eq!(old.table(K::Expenditure).unwrap().unit, Some(MoneyUnit::TenThousandYuan));
    let y = compare_years(&old, &new);
    let wan = |v: Decimal| round_half_up(v / Decimal::from(10_000), 2);
    let (o, n) =
        (sums_of_leaves(prior_year_budget().table(K::Expenditure).unwrap()), sums_of_leaves(seed_budget().table(K::Expenditure).unwrap()));
    let mut checked = 0;
    for ((code, role), nv) in &n {
        let row = find(&y, K::Expenditure, code, *role);
        assert_eq!(row.unit, Some(MoneyUnit::TenThousandYuan));
        let ov = o.get(&(code.clone(), *role)).map(|v| wan(*v));
        assert_eq!(row.new, Some(wan(*nv)), "{code} {role:?}: 元 rounded to the 万元 table's places");
        assert_eq!(row.old, ov, "{code} {role:?}");
        assert_eq!(row.delta, Some(wan(*nv) - ov.unwrap_or_default()), "{code} {role:?}");
        checked += 1;
    }
    assert!(checked > 100);
    let total = y
        .rows
        .iter()
        .find(|r| r.table == K::AppropriationSummary && r.half == Half::Expenditure && r.name == "支出总计" && r.column == R::Total)
        .unwrap();
    assert_eq!(total.delta, Some(Decimal::new(42_100_650, 2) - Decimal::new(46_034_500, 2)));
}

#[test]
fn a_table_with_a_unit_against_one_without_is_not_compared() {
    let old = prior_year_budget();
    let mut new = seed_budget();
    table_mut(&mut new, K::Expenditure).unit = None;
    let y = compare_years(&old, &new);
    assert!(y.skipped.iter().any(|s| s.table == K::Expenditure));
    assert!(!y.rows.iter().any(|r| r.table == K::Expenditure));
    let mut fewer = seed_budget();
    fewer.tables.retain(|t| t.kind != K::GfFunction);
    let y = compare_years(&old, &fewer);
    assert_eq!(y.only_old, vec![K::GfFunction]);
}

#[test]
fn a_budget_against_itself_changes_nothing() {
    let b = seed_budget();
    let y = compare_years(&b, &b);
    assert!(!y.rows.is_empty());
    assert_eq!(y.changed().count(), 0);
    assert!(y.rows.iter().all(|r| r.status == ChangeStatus::Both && r.delta == Some(Decimal::ZERO)));
}

//! Every family's fixture (the real 普陀区财政局 2024 决算, the central 9-table budget in its four
//! variants): any single printed amount changed by more than the rounding is flagged at its cell.
//! (Budgets generated at random are in properties.rs; these are the layouts real documents have.)
//! A 决算 generated at random in the real document's layout (`generated_final_accounts`) gives no
//! error, and any single changed amount of it is flagged at its cell.

use gouji_core::Severity;
use gouji_fixtures::central::{central_sheets, central_sheets_with, Central, CentralAmounts};
use gouji_fixtures::final_accounts::{final_accounts_sheets, generated_final_accounts, FinalSpec, Leaf};
use gouji_fixtures::{analyse_files, to_xlsx, Sheet, SheetCell};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn family(i: usize) -> Vec<Sheet> {
    match i {
        0 => final_accounts_sheets(),
        1 => central_sheets(Central { carried_on: false, column_numbers: false }),
        2 => central_sheets(Central { carried_on: true, column_numbers: false }),
        3 => central_sheets(Central { carried_on: false, column_numbers: true }),
        _ => central_sheets(Central { carried_on: true, column_numbers: true }),
    }
}

/// The printed amounts of the sheets: (sheet, row, col, value). Column numbers of a 栏次 row, 增减% and
/// the 上年 columns of two-year tables (the prior year's figures, which no relation of this year
/// involves) are not amounts of the budget.
fn amounts(sheets: &[Sheet]) -> Vec<(usize, u32, u32, Decimal)> {
    let mut out = Vec::new();
    for (si, s) in sheets.iter().enumerate() {
        let grid = s.grid();
        let header_col =
            |c: u32, words: &[&str]| grid.iter().take(6).any(|r| r.get(c as usize).is_some_and(|t| words.iter().any(|w| t.contains(w))));
        for (r, c, cell) in &s.cells {
            let SheetCell::Text(t) = cell else { continue };
            if !t.contains('.') {
                continue;
            }
            let Ok(v) = t.replace(',', "").parse::<Decimal>() else { continue };
            if header_col(*c, &["上年", "增减"]) {
                continue;
            }
            out.push((si, *r, *c, v));
        }
    }
    out
}

fn flagged(sheets: &[Sheet], sheet: usize, row: u32, col: u32) -> Result<(), String> {
    let a = analyse_files(&[("f.xlsx".to_string(), to_xlsx(sheets))]).expect("readable");
    let name = &sheets[sheet].name;
    let hit =
        a.budgets.iter().flat_map(|b| &b.findings).any(|f| {
            f.severity == Severity::Error && f.cells.iter().any(|c| c.sheet.contains(name.as_str()) && c.row == row && c.col == col)
        });
    if hit {
        Ok(())
    } else {
        let loud: Vec<String> = a
            .budgets
            .iter()
            .flat_map(|b| &b.findings)
            .filter(|f| f.severity == Severity::Error)
            .map(|f| format!("{} {}", f.rule, f.message))
            .collect();
        Err(format!("{name} row {} col {col}: not flagged; errors {loud:?}", row + 1))
    }
}

/// Changes the printed amount `pick` chooses by `delta` whole 万元 (down where it can, when `down`),
/// beyond any rounding (the fixtures print two places), and says whether it is flagged at its cell.
fn change_one(mut sheets: Vec<Sheet>, pick: prop::sample::Index, delta: i64, down: bool) -> Result<(), String> {
    let cells = amounts(&sheets);
    let (si, r, c, v) = cells[pick.index(cells.len())];
    let d = Decimal::from(delta);
    let new = if down && v >= d { v - d } else { v + d };
    let s = &mut sheets[si];
    s.cells.retain(|x| !(x.0 == r && x.1 == c));
    s.cells.push((r, c, SheetCell::Text(format!("{new:.2}"))));
    flagged(&sheets, si, r, c)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    #[test]
    fn a_single_changed_amount_of_any_family_is_flagged_at_its_cell(
        which in 0usize..5,
        pick in any::<prop::sample::Index>(),
        delta in 1i64..500,
        down in any::<bool>(),
    ) {
        let result = change_one(family(which), pick, delta, down);
        prop_assert!(result.is_ok(), "family {which}: {}", result.unwrap_err());
    }
}

/// Any 决算 of the real document's layout: each function 项 there or not, with any basic and
/// project spending and other income; any opening balance; any split of the basic spending among
/// economic classes; any 三公 figures.
fn final_spec() -> impl Strategy<Value = FinalSpec> {
    let leaf = (any::<bool>(), 0i64..5_000_000, 0i64..2_000_000, 0i64..50_000, any::<bool>(), any::<bool>()).prop_map(
        |(here, basic, project, other, with_project, with_other)| {
            if here {
                Leaf { basic, project: if with_project { project } else { 0 }, other_income: if with_other { other } else { 0 } }
            } else {
                Leaf::default()
            }
        },
    );
    (
        prop::array::uniform11(leaf),
        0i64..1_000_000,
        0i64..=1000,
        prop::array::uniform8(1i64..1000),
        prop::array::uniform4(0i64..200_000),
        prop::array::uniform4(0i64..200_000),
    )
        .prop_map(|(leaves, opening, appropriation_opening_permille, weights, three_public_budget, three_public_final)| FinalSpec {
            leaves,
            opening,
            appropriation_opening_permille,
            weights,
            three_public_budget,
            three_public_final,
        })
}

fn errors(sheets: &[Sheet]) -> Vec<String> {
    let a = analyse_files(&[("f.xlsx".to_string(), to_xlsx(sheets))]).expect("readable");
    a.budgets
        .iter()
        .flat_map(|b| &b.findings)
        .filter(|f| f.severity == Severity::Error)
        .map(|f| format!("{} {} {:?}", f.rule, f.message, f.cells.first()))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, .. ProptestConfig::default() })]

    #[test]
    fn a_generated_consistent_final_accounts_gives_no_error(spec in final_spec()) {
        let sheets = generated_final_accounts(&spec);
        let a = analyse_files(&[("f.xlsx".to_string(), to_xlsx(&sheets))]).expect("readable");
        prop_assert_eq!(a.budgets.len(), 1, "one unit");
        let budget = &a.budgets[0].budget;
        prop_assert_eq!(budget.kind, gouji_core::model::DocKind::FinalAccounts);
        let mut kinds: Vec<_> = budget.tables.iter().map(|t| t.kind).collect();
        kinds.dedup();
        prop_assert_eq!(kinds.len(), 9, "all nine tables recognised, each as its own kind");
        let loud = errors(&sheets);
        prop_assert!(loud.is_empty(), "{:?}", loud);
    }

    #[test]
    fn a_single_changed_amount_of_a_generated_final_accounts_is_flagged_at_its_cell(
        spec in final_spec(),
        pick in any::<prop::sample::Index>(),
        delta in 1i64..500,
        down in any::<bool>(),
    ) {
        let result = change_one(generated_final_accounts(&spec), pick, delta, down);
        prop_assert!(result.is_ok(), "{}", result.unwrap_err());
    }
}

/// Any central budget of the fixture's layout: any figures for its five 项, any money carried in
/// and on (no more carried on than the 项's appropriation allows), any split of the basic
/// spending, any 三公 and prior-year figures, with or without 栏次 rows.
fn central_spec() -> impl Strategy<Value = (Central, CentralAmounts)> {
    let amount = || 100i64..5_000_000;
    (
        (amount(), 0i64..2_000_000, amount(), 0i64..2_000_000, 0i64..500_000, amount(), amount(), amount()),
        (0i64..500_000, 0i64..1_000_000, 0i64..1_000_000, prop::array::uniform5(1i64..1000)),
        (prop::array::uniform4(0i64..100_000), prop::array::uniform4(0i64..100_000), prop::array::uniform5(amount())),
        (any::<bool>(), any::<bool>()),
    )
        .prop_map(|((ag, ab, fg, fb, fo_, pg, hg, lf), (own, fi, fo, weights), (tpp, tp, prior), (carried_on, column_numbers))| {
            let total: i64 = weights.iter().sum();
            let mut economic = weights.map(|w| ag * w / total);
            economic[0] += ag - economic.iter().sum::<i64>();
            let a = CentralAmounts {
                admin_gpb: ag,
                admin_business: ab,
                affairs_gpb: fg,
                affairs_business: fb,
                affairs_other: fo_,
                pension_gpb: pg,
                housing_gpb: hg,
                land_fund: lf,
                own_in: own,
                fiscal_in: if carried_on { fi } else { 0 },
                fiscal_out: if carried_on { fo.min(fg + fi) } else { 0 },
                economic,
                three_public_prior: tpp,
                three_public: tp,
                prior,
            };
            (Central { carried_on, column_numbers }, a)
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, .. ProptestConfig::default() })]

    #[test]
    fn a_generated_consistent_central_budget_gives_no_error((v, a) in central_spec()) {
        let sheets = central_sheets_with(v, &a);
        let report = analyse_files(&[("c.xlsx".to_string(), to_xlsx(&sheets))]).expect("readable");
        prop_assert_eq!(report.budgets.len(), 1, "one unit");
        prop_assert_eq!(report.budgets[0].budget.tables.len(), 9, "all nine tables");
        let loud = errors(&sheets);
        prop_assert!(loud.is_empty(), "{:?}", loud);
    }

    #[test]
    fn a_single_changed_amount_of_a_generated_central_budget_is_flagged_at_its_cell(
        (v, a) in central_spec(),
        pick in any::<prop::sample::Index>(),
        delta in 1i64..500,
        down in any::<bool>(),
    ) {
        let result = change_one(central_sheets_with(v, &a), pick, delta, down);
        prop_assert!(result.is_ok(), "{}", result.unwrap_err());
    }
}

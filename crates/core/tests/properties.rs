//! Property tests: budgets that reconcile by construction give no error; any single changed
//! cell is flagged at that cell. Each budget is laid out in any of the layouts, titled as Shanghai
//! titles its tables or as the local standard (操作规程) does (部门收支总体情况表 …).

use gouji_core::model::{ColumnRole, Family, TableKind};
use gouji_core::{Analysis, Severity};
use gouji_fixtures::synth::{synthetic_budget, Leaf, Spec, CLASSES};
use gouji_fixtures::*;
use proptest::prelude::*;
use rust_decimal::Decimal;

fn spec() -> impl Strategy<Value = Spec> {
    let leaf = (0..CLASSES.len(), 1u32..12, 1u32..12, prop::array::uniform4(0u64..2_000_000_000));
    (prop::collection::vec(leaf, 1..14), prop::array::uniform5(0i64..5_000_000)).prop_map(|(leaves, three_public)| {
        let mut seen = std::collections::BTreeSet::new();
        let leaves = leaves
            .into_iter()
            .filter_map(|(c, k, x, amounts)| {
                let code = format!("{}{k:02}{x:02}", CLASSES[c].0);
                // These codes pair with economic lines (docs/relations.md §11), which the synthetic
                // economic split does not model.
                let paired = ["2080505", "2080506", "2101101", "2101102", "2101103", "2210201"].contains(&code.as_str());
                (!paired && seen.insert(code.clone())).then_some(Leaf { code, amounts })
            })
            .collect();
        let leaves: Vec<Leaf> = leaves;
        let leaves = if leaves.is_empty() { vec![Leaf { code: "2050802".into(), amounts: [1, 2, 3, 4] }] } else { leaves };
        Spec { unit_name: "测试单位".into(), year: 2022, leaves, three_public }
    })
}

fn layout() -> impl Strategy<Value = Layout> {
    (any::<bool>(), prop_oneof![Just(CodeStyle::ThreeColumns), Just(CodeStyle::Joined), Just(CodeStyle::InName)], any::<bool>()).prop_map(
        |(wan_yuan, codes, text)| Layout {
            wan_yuan,
            codes,
            amounts: if text { AmountStyle::Text } else { AmountStyle::Numbers },
            ..Layout::default()
        },
    )
}

fn check(budget: &gouji_core::Budget, layout: &Layout) -> Analysis {
    analyse_files(&[("synthetic.xlsx".into(), to_xlsx(&render(budget, layout)))]).expect("readable")
}

/// The budget's tables titled as the local standard (财政部 2016 操作规程) titles them, or left as
/// Shanghai does.
fn titled(mut budget: gouji_core::Budget, local: bool) -> gouji_core::Budget {
    if local {
        for t in &mut budget.tables {
            t.title = match t.kind {
                TableKind::Summary => "部门收支总体情况表",
                TableKind::Revenue => "部门收入总体情况表",
                TableKind::Expenditure => "部门支出总体情况表",
                TableKind::AppropriationSummary => "财政拨款收支总体情况表",
                TableKind::GpbFunction => "一般公共预算支出情况表",
                TableKind::GpbBasicEconomic => "一般公共预算基本支出情况表",
                TableKind::ThreePublic => "一般公共预算“三公”经费支出情况表",
                TableKind::GfFunction => "政府性基金预算支出情况表",
                other => other.name_zh(),
            }
            .to_string();
        }
    }
    budget
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, .. ProptestConfig::default() })]

    #[test]
    fn reconciling_budgets_give_no_error(spec in spec(), layout in layout(), local in any::<bool>()) {
        let a = check(&titled(synthetic_budget(&spec), local), &layout);
        prop_assert_eq!(a.budgets.len(), 1);
        let r = &a.budgets[0];
        let loud: Vec<_> = r.findings.iter().filter(|f| f.severity != Severity::Info).map(|f| f.message.clone()).collect();
        prop_assert!(loud.is_empty(), "{:#?}", loud);
        prop_assert_eq!(r.budget.tables.len(), 8);
        // Read as the family its titles name.
        prop_assert_eq!(r.budget.family, Some(if local { Family::Local } else { Family::Shanghai }));
    }

    #[test]
    fn a_single_changed_cell_is_flagged_at_that_cell(
        spec in spec(),
        layout in layout(),
        pick in any::<prop::sample::Index>(),
        delta in 1i64..1000,
        sign in any::<bool>(),
        local in any::<bool>(),
    ) {
        let mut budget = titled(synthetic_budget(&spec), local);
        // Every amount cell except 机关运行经费, which no relation involves.
        let mut cells = Vec::new();
        for (ti, t) in budget.tables.iter().enumerate() {
            for (ri, row) in t.rows.iter().enumerate() {
                for (ci, a) in row.amounts.iter().enumerate() {
                    if a.is_some() && t.columns[ci].role != ColumnRole::OfficeOperation {
                        cells.push((ti, ri, ci));
                    }
                }
            }
        }
        let (ti, ri, ci) = cells[pick.index(cells.len())];
        let t = &mut budget.tables[ti];
        let kind = t.kind;
        let step = if kind == TableKind::ThreePublic || !layout.wan_yuan { Decimal::ONE } else { Decimal::from(10_000) };
        let a = t.rows[ri].amounts[ci].as_mut().unwrap();
        let signed = if sign && a.value >= step * Decimal::from(delta) { -delta } else { delta };
        a.value += step * Decimal::from(signed);
        a.blank = false;
        let (row_code, row_name, half, role) = (t.rows[ri].code.clone(), t.rows[ri].name.clone(), t.rows[ri].half, t.columns[ci].role);

        let analysis = check(&budget, &layout);
        let read = &analysis.budgets[0].budget;
        let rt = read.table(kind).unwrap();
        let row = rt.rows.iter().find(|r| r.half == half && if row_code.is_some() { r.code == row_code } else { r.name == row_name }).unwrap();
        let col = rt.columns.iter().position(|c| c.role == role && c.half == half).unwrap();
        let cell = row.amounts[col].as_ref().unwrap().cell.clone();
        let flagged = analysis.budgets[0].findings.iter().any(|f| f.severity != Severity::Info && f.cells.contains(&cell));
        prop_assert!(flagged, "{:?} {:?} {:?} changed by {}: not flagged at {}", kind, row_code, role, signed, cell);
    }
}

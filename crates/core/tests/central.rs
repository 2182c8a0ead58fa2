//! A central department's 9-table budget (docs/families.md `central`): consistent with money
//! carried in (上年结转结余 ≠ 0) and with money carried on (结转下年 ≠ 0), with a 栏次 row under
//! every header: no error; an error only in the budget year's group of a two-year table: found.

use gouji_core::model::{DocKind, Family, TableKind};
use gouji_fixtures::central::{central_sheets, Central};
use gouji_fixtures::final_accounts::with_cell;
use gouji_fixtures::{analyse_files, error_messages, to_pdf, to_xlsx, Sheet};

fn analyse(sheets: &[Sheet]) -> gouji_core::Analysis {
    analyse_files(&[("central.xlsx".to_string(), to_xlsx(sheets))]).expect("readable")
}

const VARIANTS: [Central; 4] = [
    Central { carried_on: false, column_numbers: false },
    Central { carried_on: true, column_numbers: false },
    Central { carried_on: false, column_numbers: true },
    Central { carried_on: true, column_numbers: true },
];

#[test]
fn every_consistent_variant_reads_as_nine_tables_and_no_error() {
    for v in VARIANTS {
        for (name, bytes) in
            [("central.xlsx", to_xlsx(&central_sheets(v))), ("central.pdf", to_pdf(&central_sheets(v), &Default::default()).unwrap())]
        {
            let a = analyse_files(&[(name.to_string(), bytes)]).expect("readable");
            assert_eq!(a.budgets.len(), 1, "{v:?} {name}");
            let b = &a.budgets[0].budget;
            let kinds: Vec<&str> = b.tables.iter().map(|t| t.kind.id()).collect();
            assert_eq!(b.tables.len(), 9, "{v:?} {name}: {kinds:?}");
            assert_eq!(error_messages(&a), Vec::<String>::new(), "{v:?} {name}");
            assert_eq!((b.kind, b.family), (DocKind::Budget, Some(Family::Central)), "{v:?} {name}");
        }
    }
}

#[test]
fn the_budget_year_is_the_group_checked() {
    let v = Central { carried_on: true, column_numbers: false };
    // 本年预算数 合计 of 2010301 (column D) off by 1.00: the row and its parent no longer add up.
    let a = analyse(&with_cell(central_sheets(v), "表五", "2010301", 3, "501.00"));
    let e = error_messages(&a);
    assert!(e.iter().any(|m| m.starts_with("GJ201") && m.contains("2010301")), "{e:?}");
    assert!(e.iter().any(|m| m.starts_with("GJ101") && m.contains("20103")), "{e:?}");
    // The same change in the prior year's column is not a budget error.
    let a = analyse(&with_cell(central_sheets(v), "表五", "2010301", 2, "481.00"));
    assert!(error_messages(&a).iter().all(|m| !m.contains("2010301 行政运行")), "{:?}", error_messages(&a));
    // 三公 本年 合计 off: found in the 本年 group; 上年 unchecked by the budget's relations.
    let a = analyse(&with_cell(central_sheets(v), "表七", "72.00", 6, "61.00"));
    let e = error_messages(&a);
    assert!(e.iter().any(|m| m.starts_with("GJ202")), "{e:?}");
    let b = &a.budgets[0].budget;
    assert!(b.table(TableKind::ThreePublic).is_some());
}

#[test]
fn a_carried_on_amount_that_does_not_add_up_is_found() {
    let v = Central { carried_on: true, column_numbers: false };
    // 支出总计 printed as if nothing were carried on.
    let a = analyse(&with_cell(central_sheets(v), "表一", "收入总计", 3, "1,300.00"));
    let e = error_messages(&a);
    assert!(e.iter().any(|m| m.starts_with("GJ306") || m.starts_with("GJ304")), "{e:?}");
}

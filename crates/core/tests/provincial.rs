//! Layouts of the Jiangsu provincial budgets (figures of 江苏省人大常委会办公厅 2017 and 2019): a
//! 收支预算总表 in three parts, a 三公 table that also lists 会议费 and 培训费, and a 支出预算总表
//! that prints its totals by column only. Each is read without a false error, and what is read
//! is still checked.

use gouji_core::model::TableKind;
use gouji_fixtures::{analyse_files, error_messages, to_xlsx, Sheet};

const DEPT: &str = "部门：江苏省人大常委会办公厅";

/// 收入 | 支出 by function | 支出 by use; its totals under labels merged across both expenditure
/// parts, their amount in the last column.
fn summary(social: &str) -> Sheet {
    Sheet::from_rows(
        "收支预算总表",
        &[
            &["收支预算总表"],
            &[DEPT, "", "", "", "", "单位：万元"],
            &["收入", "", "支出"],
            &["", "", "功能分类", "", "支出用途"],
            &["项目名称", "金额", "功能科目名称", "金额", "项目名称", "金额"],
            &["一、财政拨款", "13,649.07", "一、一般公共服务支出", "10,528.33", "一、基本支出", "7,666.68"],
            &["1. 一般公共预算", "13,649.07", "二、外交支出", "", "二、项目支出", "5,853.96"],
            &["2. 政府性基金预算", "", "八、社会保障和就业支出", social, "三、单位预留机动经费", "128.43"],
            &["二、财政专户管理资金", "", "十八、住房保障支出", "1,512.23"],
            &["三、其他资金", "", "二十、其他支出", ""],
            &["当年收入", "13,649.07", "当年支出小计", "", "", "13,649.07"],
            &["上年结转资金", "", "结转下年资金", "", "", ""],
            &["收入合计", "13,649.07", "支出合计", "", "", "13,649.07"],
        ],
    )
}

fn three_public(vehicle: &str) -> Sheet {
    Sheet::from_rows(
        "三公",
        &[
            &["“三公”经费、会议费、培训费支出预算表"],
            &[DEPT, "", "", "", "", "", "", "", "", "单位：万元"],
            &["合计", "“三公”经费", "", "", "", "", "", "会议费", "培训费"],
            &["", "小计", "因公出国（境）费", "公务用车购置及运行维护费", "", "", "公务接待费"],
            &["", "", "", "小计", "公务用车购置费", "公务用车运行维护费"],
            &["2,600.71", "767.60", "199.25", vehicle, "0", "183.60", "384.75", "1,183.11", "650.00"],
        ],
    )
}

/// Totals by column only: no function rows.
fn expenditure() -> Sheet {
    expenditure_with("128.43")
}

fn expenditure_with(reserve: &str) -> Sheet {
    Sheet::from_rows(
        "支出预算总表",
        &[
            &["支出预算总表"],
            &[DEPT, "", "", "", "单位：万元"],
            &["合计", "基本支出", "项目支出", "单位预留机动经费", "结转下年资金"],
            &["13,649.07", "7,666.68", "5,853.96", reserve, ""],
        ],
    )
}

fn gpb() -> Sheet {
    Sheet::from_rows(
        "一般公共预算支出预算表",
        &[
            &["一般公共预算支出预算表"],
            &[DEPT, "", "", "", "单位：万元"],
            &["功能科目编码", "功能科目名称", "合计", "基本支出", "项目支出"],
            &["201", "一般公共服务支出", "10,528.33", "5,000.00", "5,528.33"],
            &["20101", "人大事务", "10,528.33", "5,000.00", "5,528.33"],
            &["2010101", "行政运行", "10,528.33", "5,000.00", "5,528.33"],
            &["合计", "", "10,528.33", "5,000.00", "5,528.33"],
        ],
    )
}

fn errors(sheets: &[Sheet]) -> Vec<String> {
    error_messages(&analyse_files(&[("js.xlsx".to_string(), to_xlsx(sheets))]).expect("readable"))
}

#[test]
fn the_jiangsu_layouts_read_without_a_false_error() {
    assert_eq!(errors(&[summary("1,608.51"), expenditure(), gpb(), three_public("183.60")]), Vec::<String>::new());
}

#[test]
fn what_is_read_of_them_is_still_checked() {
    // A function line of the summary that breaks 当年支出小计 (its amount in the last column).
    let e = errors(&[summary("1,608.61"), expenditure(), gpb(), three_public("183.60")]);
    assert!(e.iter().any(|m| m.starts_with("GJ303")), "{e:?}");
    // The 三公 小计 against its items, the 会议费 / 培训费 合计 beside it left out.
    let e = errors(&[summary("1,608.51"), expenditure(), gpb(), three_public("193.60")]);
    assert!(e.iter().any(|m| m.starts_with("GJ202")), "{e:?}");
}

/// 财政拨款收支预算总表 with its expenditure by use (基本 / 项目 / 单位预留机动经费), not by function.
fn appropriation_summary(reserve: &str) -> Sheet {
    Sheet::from_rows(
        "财政拨款收支预算总表",
        &[
            &["财政拨款收支预算总表"],
            &["部门：", "江苏省人大常委会办公厅", "", "单位：万元"],
            &["收入", "", "支出"],
            &["项目名称", "金额", "支出用途"],
            &["", "", "项目名称", "金额"],
            &["一、一般公共预算", "13,649.07", "一、基本支出", "7,666.68"],
            &["二、政府性基金预算", "", "二、项目支出", "5,853.96"],
            &["", "", "三、单位预留机动经费", reserve],
            &["收入合计", "13,649.07", "支出合计", "13,649.07"],
        ],
    )
}

/// Jiangsu's extra tables: appropriations by function and by economic class, 机关运行经费.
fn extras(office_class: &str) -> Vec<Sheet> {
    let head = |title: &str, amount: &str| -> Vec<Vec<String>> {
        vec![
            vec![title.to_string()],
            vec![DEPT.into(), "".into(), "单位：万元".into()],
            vec!["科目编码".into(), "科目名称".into(), amount.into()],
        ]
    };
    let sheet = |name: &str, mut rows: Vec<Vec<String>>, body: &[[&str; 3]]| {
        rows.extend(body.iter().map(|r| r.iter().map(|c| c.to_string()).collect()));
        let refs: Vec<Vec<&str>> = rows.iter().map(|r| r.iter().map(String::as_str).collect()).collect();
        let refs: Vec<&[&str]> = refs.iter().map(Vec::as_slice).collect();
        Sheet::from_rows(name, &refs)
    };
    vec![
        sheet(
            "财政拨款支出",
            head("财政拨款支出预算表（功能科目）", "金额"),
            &[
                ["", "合计", "10,528.33"],
                ["201", "一般公共服务支出", "10,528.33"],
                ["20101", "人大事务", "10,528.33"],
                ["2010101", "行政运行", "10,528.33"],
            ],
        ),
        sheet(
            "财政拨款基本支出",
            head("财政拨款基本支出预算表（经济科目）", "金额"),
            &[["", "合计", "7,666.68"], ["301", "工资福利支出", "7,666.68"], ["30101", "基本工资", "7,666.68"]],
        ),
        sheet(
            "机关运行经费",
            head("一般公共预算机关运行经费支出预算表", "机关运行经费支出"),
            &[
                ["", "合计", "1,200.00"],
                ["302", "商品和服务支出", office_class],
                ["30201", "办公费", "1,000.00"],
                ["30205", "水费", "200.00"],
            ],
        ),
    ]
}

#[test]
fn a_totals_only_expenditure_table_is_read_as_its_total_row_and_checked() {
    let e = errors(&[summary("1,608.51"), expenditure_with("128.53"), gpb(), three_public("183.60")]);
    assert!(e.iter().any(|m| m.starts_with("GJ201") && m.contains("13,649.07")), "{e:?}");
}

#[test]
fn an_appropriation_summary_by_use_sums_its_uses() {
    assert_eq!(errors(&[appropriation_summary("128.43")]), Vec::<String>::new());
    let e = errors(&[appropriation_summary("128.53")]);
    assert!(e.iter().any(|m| m.starts_with("GJ303")), "{e:?}");
}

#[test]
fn the_extra_tables_are_their_own_kinds_in_the_one_unit_and_checked() {
    let mut sheets = vec![summary("1,608.51"), expenditure(), gpb(), three_public("183.60"), appropriation_summary("128.43")];
    sheets.extend(extras("1,200.00"));
    let a = analyse_files(&[("js.xlsx".to_string(), to_xlsx(&sheets))]).expect("readable");
    assert_eq!(a.budgets.len(), 1, "one unit, no phantom");
    let b = &a.budgets[0].budget;
    assert_eq!(b.unit_name.as_deref(), Some("江苏省人大常委会办公厅"));
    for kind in [TableKind::AppropriationFunction, TableKind::AppropriationBasicEconomic, TableKind::OperatingCost] {
        assert!(b.table(kind).is_some_and(|t| !t.rows.is_empty()), "{kind:?} read");
    }
    assert_eq!(errors(&sheets), Vec::<String>::new());
    // 302 against its 款 in the 机关运行经费 table.
    sheets.truncate(5);
    sheets.extend(extras("1,300.00"));
    let e = errors(&sheets);
    assert!(e.iter().any(|m| m.starts_with("GJ101") && m.contains("302")), "{e:?}");
}

//! Layouts of the Jiangsu provincial budgets (figures of 江苏省人大常委会办公厅 2017 and 2019): a
//! 收支预算总表 in three parts, a 三公 table that also lists 会议费 and 培训费, and a 支出预算总表
//! that prints its totals by column only. Each is read without a false error, and what is read
//! is still checked.

use gouji_core::Severity;
use gouji_fixtures::{analyse_files, to_xlsx, Sheet};

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
    Sheet::from_rows(
        "支出预算总表",
        &[
            &["支出预算总表"],
            &[DEPT, "", "", "", "单位：万元"],
            &["合计", "基本支出", "项目支出", "单位预留机动经费", "结转下年资金"],
            &["13,649.07", "7,666.68", "5,853.96", "128.43", ""],
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
    let a = analyse_files(&[("js.xlsx".to_string(), to_xlsx(sheets))]).expect("readable");
    a.budgets
        .iter()
        .flat_map(|b| &b.findings)
        .filter(|f| f.severity == Severity::Error)
        .map(|f| format!("{} {}", f.rule, f.message))
        .collect()
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

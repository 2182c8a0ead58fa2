//! Relations of final accounts (部门决算) only: the basic-expenditure table's 人员经费 | 公用经费
//! blocks, the fund tables' balances, and the 决算 tables against each other (docs/relations.md §F).
//! A 决算's income by function and its expenditure by function differ by what is carried over, so
//! the budget's revenue = expenditure relations (GJ401–GJ405) do not apply; these do.

use super::support::{by_code, coded_rows, line_amount, short_zh, total_of, Ctx, Relation, Term};
use super::{Applies, Rule, Stage};
use crate::finding::{FindingKind, Severity};
use crate::model::{Code, ColumnRole as R, Half, Line, Row, SummaryLine as S, Table, TableKind as K};

/// GJ208 — 人员经费合计 and 公用经费合计 of the basic-expenditure 决算 table.
///
/// What it checks: in `gpb_basic_economic` of a 决算, the printed 人员经费合计 = 301 + 303 and
/// 公用经费合计 = the other 类 (302, 310, 307, 399 …) — relations §F6.
/// Why it matters: the split is what the narrative reports as 人员经费 and 公用经费.
/// Example: `人员经费合计 2,152.26 = 301 工资福利支出 2,082.85 + 303 对个人和家庭的补助 69.41`.
pub const BASIC_BLOCKS: Rule = Rule {
    id: "GJ208",
    kind: FindingKind::RowArithmetic,
    severity: Severity::Error,
    relation: "relations §F6",
    stage: Stage::Tables,
    heuristic: false,
    applies: Applies::FINAL_ACCOUNTS,
    check: Some(basic_blocks),
    title: "人员经费 = 301 + 303；公用经费 = 其余各类",
    title_en: "Personnel = 301 + 303; public = the other classes",
    checks: "基本支出决算表: 人员经费合计 = 301 + 303; 公用经费合计 = 302 + 310 (+ 307, 399)",
    why: "the split is what the text reports as 人员经费 and 公用经费",
    example: "人员经费合计 2,152.26 = 2,082.85 + 69.41",
};

/// GJ209 — the fund tables' balances.
///
/// What it checks: in the 政府性基金 and 国有资本经营 收入支出决算表 of a 决算, every row:
/// 年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出 — relations §F8.
/// Why it matters: what is left at the year's end is what was there, plus what came, less what was spent.
/// Example: `年末 12.00 ≠ 年初 10.00 + 收入 5.00 − 支出 4.00 = 11.00`.
pub const FUND_BALANCES: Rule = Rule {
    id: "GJ209",
    kind: FindingKind::RowArithmetic,
    severity: Severity::Error,
    relation: "relations §F8",
    stage: Stage::Tables,
    heuristic: false,
    applies: Applies::FINAL_ACCOUNTS,
    check: Some(fund_balances),
    title: "年末结转结余 = 年初 + 本年收入 − 本年支出",
    title_en: "Closing balance = opening + income − expenditure",
    checks: "fund 收入支出决算表, each row: 年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出",
    why: "what is left is what was there, plus what came, less what was spent",
    example: "12.00 ≠ 10.00 + 5.00 − 4.00",
};

/// GJ408 — the 决算 summary against the income and expenditure tables.
///
/// What it checks: 收入支出决算总表 本年收入合计 = 收入决算表 合计; 本年支出合计 = 支出决算表 合计;
/// each function 类 line = that 类 in 支出决算表 — relations §F9, §F10.
/// Why it matters: the summary is what is read first; it must be the tables' own totals.
/// Example: `总表“本年支出合计” 2,940.05 = 支出决算表合计 2,940.05`.
pub const SUMMARY_ACROSS: Rule = Rule {
    id: "GJ408",
    kind: FindingKind::InterTable,
    severity: Severity::Error,
    relation: "relations §F9",
    stage: Stage::Tables,
    heuristic: false,
    applies: Applies::FINAL_ACCOUNTS,
    check: Some(summary_across),
    title: "决算总表与收入、支出决算表一致",
    title_en: "The 决算 summary matches the income and expenditure tables",
    checks: "本年收入合计 = 收入决算表合计; 本年支出合计 = 支出决算表合计; each 类 line = 支出决算表's 类",
    why: "the summary must be the tables' own totals",
    example: "2,940.05 = 2,940.05",
};

/// GJ409 — the appropriation 决算 tables against each other.
///
/// What it checks: 财政拨款收入支出决算总表's 一般公共预算财政拨款 column, by 类 and in 本年支出合计,
/// = 一般公共预算财政拨款支出决算表; that table's 基本支出 合计 = 人员经费合计 + 公用经费合计 of the
/// basic-expenditure table — relations §F11, §F12.
/// Why it matters: the appropriation tables are one money seen three ways.
/// Example: `基本支出合计 2,336.91 = 人员经费 2,152.26 + 公用经费 184.65`.
pub const APPROPRIATION_ACROSS: Rule = Rule {
    id: "GJ409",
    kind: FindingKind::InterTable,
    severity: Severity::Error,
    relation: "relations §F11",
    stage: Stage::Tables,
    heuristic: false,
    applies: Applies::FINAL_ACCOUNTS,
    check: Some(appropriation_across),
    title: "财政拨款决算各表一致",
    title_en: "The appropriation 决算 tables agree",
    checks: "财政拨款总表 一般公共预算 by 类 and total = 一般公共预算支出决算表; its 基本支出 = 人员经费 + 公用经费",
    why: "the appropriation tables are one money seen three ways",
    example: "2,336.91 = 2,152.26 + 184.65",
};

fn personnel(code: &Code) -> bool {
    code.0 == "301" || code.0 == "303"
}

/// The printed 人员经费合计 and 公用经费合计 of the basic-expenditure table, if both are there.
fn block_totals(table: &Table) -> Option<(Term, Term)> {
    let col = table.column_any_half(R::Total)?;
    let p = table.uncoded_row("人员经费")?.amount(col)?;
    let q = table.uncoded_row("公用经费")?.amount(col)?;
    Some((Term::of(table, p), Term::of(table, q)))
}

fn basic_blocks(ctx: &mut Ctx<'_>) {
    let Some(table) = ctx.table(K::GpbBasicEconomic) else { return };
    if !table.complete {
        return;
    }
    let Some(col) = table.column_any_half(R::Total) else { return };
    let classes: Vec<(&Code, &Row)> = coded_rows(table).filter(|(c, _)| c.0.len() == 3).collect();
    for (label, en, want_personnel) in [("人员经费", "personnel", true), ("公用经费", "public", false)] {
        let Some(total) = table.uncoded_row(label).and_then(|r| r.amount(col)) else { continue };
        let parts: Option<Vec<Term>> = classes
            .iter()
            .filter(|(c, _)| personnel(c) == want_personnel)
            .map(|(_, r)| r.amount(col).map(|a| Term::of(table, a)))
            .collect();
        let Some(parts) = parts else { continue };
        let which = if want_personnel { "301、303" } else { "302、310 等其余各类" };
        ctx.compare(
            &BASIC_BLOCKS,
            table.kind,
            Relation::Equal,
            Term::of(table, total),
            &parts,
            (format!("基本支出决算表“{label}合计”"), format!("The basic-expenditure table's {en} total")),
            (format!("{which}之和"), if want_personnel { "301 + 303".into() } else { "the other classes".into() }),
        );
    }
}

fn fund_balances(ctx: &mut Ctx<'_>) {
    for kind in [K::GfFunction, K::SocFunction] {
        let Some(table) = ctx.table(kind) else { continue };
        let cols = (table.column_any_half(R::OpeningBalance), table.column_any_half(R::CurrentIncome), table.column_any_half(R::Total));
        let (Some(open), Some(income), Some(spent), Some(close)) = (cols.0, cols.1, cols.2, table.column_any_half(R::ClosingBalance))
        else {
            continue;
        };
        for row in &table.rows {
            let (Some(o), Some(i), Some(s), Some(c)) = (row.amount(open), row.amount(income), row.amount(spent), row.amount(close)) else {
                continue;
            };
            let mut minus = Term::of(table, s);
            minus.value = -minus.value;
            let who = row.code.as_ref().map(|c| format!("{} {}", c.0, row.name)).unwrap_or_else(|| row.name.clone());
            ctx.compare_lazy(
                &FUND_BALANCES,
                table.kind,
                Relation::Equal,
                Term::of(table, c),
                &[Term::of(table, o), Term::of(table, i), minus],
                || (format!("{}“{who}”的年末结转和结余", short_zh(table)), format!("{} \"{who}\": closing balance", kind.name_en())),
                || ("年初结转和结余加本年收入减本年支出".into(), "opening balance plus income less expenditure".into()),
            );
        }
    }
}

fn summary_across(ctx: &mut Ctx<'_>) {
    if !ctx.require(&SUMMARY_ACROSS, &[K::Summary, K::Revenue, K::Expenditure]) {
        return;
    }
    let (Some(sum), Some(rev), Some(exp)) = (ctx.table(K::Summary), ctx.table(K::Revenue), ctx.table(K::Expenditure)) else { return };
    let col = |half| sum.columns.iter().position(|c| c.half == half && c.group.primary());
    let line = |half, l: &S| -> Option<Term> {
        let row = sum.summary_line(half, l)?;
        row.amount(col(half)?).map(|a| Term::of(sum, a))
    };
    if let (Some(a), Some(b)) = (line(Half::Income, &S::CurrentIncomeTotal), total_of(rev, R::Total)) {
        ctx.compare(
            &SUMMARY_ACROSS,
            K::Summary,
            Relation::Equal,
            a,
            &[b],
            ("决算总表“本年收入合计”".into(), "The summary's income of the year".into()),
            ("收入决算表合计".into(), "the income table's total".into()),
        );
    }
    if let (Some(a), Some(b)) = (line(Half::Expenditure, &S::CurrentExpenditureTotal), total_of(exp, R::Total)) {
        ctx.compare(
            &SUMMARY_ACROSS,
            K::Summary,
            Relation::Equal,
            a,
            &[b],
            ("决算总表“本年支出合计”".into(), "The summary's expenditure of the year".into()),
            ("支出决算表合计".into(), "the expenditure table's total".into()),
        );
    }
    if !exp.complete {
        return;
    }
    for row in sum.rows.iter().filter(|r| r.half == Half::Expenditure) {
        let Line::Summary { line: S::FunctionClass(code) } = &row.line else { continue };
        let (Some(a), Some(b)) = (col(Half::Expenditure).and_then(|i| row.amount(i)), by_code(exp, code, R::Total)) else { continue };
        ctx.compare(
            &SUMMARY_ACROSS,
            K::Summary,
            Relation::Equal,
            Term::of(sum, a),
            &[b],
            (format!("决算总表支出项“{} {}”", code.0, row.name), format!("The summary's line \"{} {}\"", code.0, row.name)),
            ("支出决算表该类合计".into(), "that class in the expenditure table".into()),
        );
    }
}

fn appropriation_across(ctx: &mut Ctx<'_>) {
    if let (Some(app), Some(gpb)) = (ctx.table(K::AppropriationSummary), ctx.table(K::GpbFunction)) {
        if let Some(a) = line_amount(app, Half::Expenditure, &S::CurrentExpenditureTotal, R::GeneralPublicBudget) {
            if let Some(b) = total_of(gpb, R::Total) {
                ctx.compare(
                    &APPROPRIATION_ACROSS,
                    K::AppropriationSummary,
                    Relation::Equal,
                    a,
                    &[b],
                    ("财政拨款决算总表“本年支出合计”（一般公共预算）".into(), "The appropriation summary's general-budget spending".into()),
                    ("一般公共预算财政拨款支出决算表合计".into(), "the general-budget table's total".into()),
                );
            }
        }
        let gcol = app.column(R::GeneralPublicBudget, Half::Expenditure);
        if let (Some(gcol), true) = (gcol, gpb.complete) {
            for row in app.rows.iter().filter(|r| r.half == Half::Expenditure) {
                let Line::Summary { line: S::FunctionClass(code) } = &row.line else { continue };
                let (Some(a), Some(b)) = (row.amount(gcol), by_code(gpb, code, R::Total)) else { continue };
                ctx.compare(
                    &APPROPRIATION_ACROSS,
                    K::AppropriationSummary,
                    Relation::Equal,
                    Term::of(app, a),
                    &[b],
                    (
                        format!("财政拨款决算总表“{} {}”（一般公共预算）", code.0, row.name),
                        format!("The appropriation summary's \"{} {}\"", code.0, row.name),
                    ),
                    ("一般公共预算财政拨款支出决算表该类合计".into(), "that class in the general-budget table".into()),
                );
            }
        }
    }
    if let (Some(gpb), Some(eco)) = (ctx.table(K::GpbFunction), ctx.table(K::GpbBasicEconomic)) {
        if let (Some(basic), Some((p, q))) = (total_of(gpb, R::Basic), block_totals(eco)) {
            ctx.compare(
                &APPROPRIATION_ACROSS,
                K::GpbFunction,
                Relation::Equal,
                basic,
                &[p, q],
                ("一般公共预算财政拨款支出决算表“基本支出”合计".into(), "The general-budget table's basic spending".into()),
                ("基本支出决算表人员经费与公用经费合计之和".into(), "personnel plus public spending in the basic-expenditure table".into()),
            );
        }
    }
}

//! The summary tables (`summary`, `appropriation_summary`): their totals against their lines.

use super::support::{short_zh, Ctx, Relation, Term};
use super::{Applies, Rule, Stage};
use crate::finding::{FindingKind, Severity};
use crate::model::{Half, Line, Row, SummaryLine as S, Table, TableKind};

/// GJ301 — 收入总计 equals the sum of the income lines.
///
/// What it checks: in `summary` and `appropriation_summary`, 收入总计 = Σ top-level income lines.
/// Why it matters: the income total is the budget's headline figure.
/// Example: `收支总表 收入总计 4,773,258,127 元 ≠ 各收入项之和 4,773,258,128 元`.
pub const INCOME_TOTAL: Rule = Rule {
    id: "GJ301",
    kind: FindingKind::GrandTotal,
    severity: Severity::Error,
    relation: "relations §3",
    stage: Stage::Tables,
    applies: Applies::BUDGETS,
    check: Some(income_total),
    title: "收入总计 = Σ收入项",
    title_en: "Income total equals its lines",
    checks: "收入总计 = Σ income lines in the summary tables",
    why: "the income total is the headline figure",
    example: "收入总计 4,773,258,127 ≠ Σ 4,773,258,128",
};

/// GJ302 — 一、财政拨款收入 equals the sum of its numbered sub-lines.
///
/// What it checks: 财政拨款收入 = 一般公共预算资金 + 政府性基金 (+ 国有资本经营预算) in `summary`.
/// Why it matters: the split between budget funds feeds the appropriation tables.
/// Example: `财政拨款收入 4,210,065,046 ≠ 1.+2. 4,210,065,047`.
pub const APPROPRIATION_PARTS: Rule = Rule {
    id: "GJ302",
    kind: FindingKind::GrandTotal,
    severity: Severity::Error,
    relation: "relations §3",
    stage: Stage::Tables,
    applies: Applies::BUDGETS,
    check: Some(appropriation_parts),
    title: "财政拨款收入 = Σ其中各项",
    title_en: "Appropriation income equals its sub-lines",
    checks: "一、财政拨款收入 = 1. 一般公共预算资金 + 2. 政府性基金 (+ 国有资本经营)",
    why: "the split feeds the appropriation tables",
    example: "财政拨款收入 4,210,065,046 ≠ 4,210,065,047",
};

/// GJ303 — 支出总计 equals the sum of the expenditure lines.
///
/// What it checks: in `summary` and `appropriation_summary` (each amount column), 支出总计 = Σ lines.
/// Why it matters: the spending total is the other headline figure.
/// Example: `支出总计 4,773,258,127 ≠ 各支出项之和 4,773,258,100`.
pub const EXPENDITURE_TOTAL: Rule = Rule {
    id: "GJ303",
    kind: FindingKind::GrandTotal,
    severity: Severity::Error,
    relation: "relations §3",
    stage: Stage::Tables,
    applies: Applies::BUDGETS,
    check: Some(expenditure_total),
    title: "支出总计 = Σ支出项",
    title_en: "Expenditure total equals its lines",
    checks: "支出总计 = Σ expenditure lines, every column",
    why: "the spending total is the other headline figure",
    example: "支出总计 4,773,258,127 ≠ Σ 4,773,258,100",
};

/// GJ304 — income and expenditure balance.
///
/// What it checks: 收入总计 = 支出总计 in `summary` and `appropriation_summary`.
/// Why it matters: a department budget balances by construction; a gap is an error in one half.
/// Example: `收入总计 4,773,258,127 ≠ 支出总计 4,773,258,227`.
pub const BALANCE: Rule = Rule {
    id: "GJ304",
    kind: FindingKind::GrandTotal,
    severity: Severity::Error,
    relation: "relations §3",
    stage: Stage::Tables,
    applies: Applies::BUDGETS,
    check: Some(balance),
    title: "收入总计 = 支出总计",
    title_en: "Income total equals expenditure total",
    checks: "收入总计 = 支出总计 in both summary tables",
    why: "a budget balances by construction",
    example: "4,773,258,127 ≠ 4,773,258,227",
};

const FUND_LINES: [S; 3] = [S::GeneralPublicBudgetFunds, S::GovernmentFunds, S::StateCapitalFunds];

fn line_of(row: &Row) -> Option<&S> {
    match &row.line {
        Line::Summary { line } => Some(line),
        _ => None,
    }
}

/// The summary tables of the budget (the summary and the appropriation summary).
fn summaries<'t>(ctx: &Ctx<'t>) -> impl Iterator<Item = &'t Table> {
    let budget = ctx.budget;
    // The lines of a table that may have lost some are not all there to sum.
    [TableKind::Summary, TableKind::AppropriationSummary].into_iter().filter_map(move |k| budget.table(k)).filter(|t| t.complete)
}

fn income_col(table: &Table) -> Option<usize> {
    table.columns.iter().position(|c| c.half == Half::Income)
}

/// GJ301: income total = Σ top-level income lines.
fn income_total(ctx: &mut Ctx<'_>) {
    for table in summaries(ctx) {
        let (Some(ic), Some(total_row)) = (income_col(table), table.summary_line(Half::Income, &S::IncomeTotal)) else { continue };
        let has_fiscal = table.summary_line(Half::Income, &S::FiscalAppropriation).is_some();
        let lines: Vec<&Row> = table
            .rows
            .iter()
            .filter(|r| r.half == Half::Income)
            .filter(|r| match line_of(r) {
                Some(S::IncomeTotal) | None => false,
                Some(l) if FUND_LINES.contains(l) => !has_fiscal,
                Some(S::Other) => r.amount(ic).is_some_and(|a| !a.blank),
                Some(_) => true,
            })
            .collect();
        let parts: Option<Vec<Term>> = lines.iter().map(|r| r.amount(ic).map(|a| Term::of(table, a))).collect();
        if let (Some(parts), Some(t)) = (parts, total_row.amount(ic)) {
            ctx.compare(
                &INCOME_TOTAL,
                table.kind,
                Relation::Equal,
                Term::of(table, t),
                &parts,
                (format!("{}“收入总计”", short_zh(table.kind)), format!("{} income total", table.kind.name_en())),
                ("各收入项之和".into(), "the sum of the income lines".into()),
            );
        }
    }
}

/// GJ302: 财政拨款收入 = Σ its numbered sub-lines.
fn appropriation_parts(ctx: &mut Ctx<'_>) {
    for table in summaries(ctx) {
        let (Some(ic), Some(fiscal)) = (income_col(table), table.summary_line(Half::Income, &S::FiscalAppropriation)) else { continue };
        let subs: Vec<&Row> =
            table.rows.iter().filter(|r| r.half == Half::Income && line_of(r).is_some_and(|l| FUND_LINES.contains(l))).collect();
        let parts: Option<Vec<Term>> = subs.iter().map(|r| r.amount(ic).map(|a| Term::of(table, a))).collect();
        if let (false, Some(parts), Some(f)) = (subs.is_empty(), parts, fiscal.amount(ic)) {
            let name = short_zh(table.kind);
            ctx.compare(
                &APPROPRIATION_PARTS,
                table.kind,
                Relation::Equal,
                Term::of(table, f),
                &parts,
                (format!("{name}“{}”", fiscal.name), format!("{} \"{}\"", table.kind.name_en(), fiscal.name)),
                ("其中各项之和".into(), "the sum of its sub-lines".into()),
            );
        }
    }
}

/// GJ303: expenditure total = Σ lines, in every expenditure column.
fn expenditure_total(ctx: &mut Ctx<'_>) {
    for table in summaries(ctx) {
        let Some(total_row) = table.summary_line(Half::Expenditure, &S::ExpenditureTotal) else { continue };
        for (i, col) in table.columns.iter().enumerate().filter(|(_, c)| c.half == Half::Expenditure) {
            let lines: Vec<&Row> = table
                .rows
                .iter()
                .filter(|r| r.half == Half::Expenditure)
                .filter(|r| match line_of(r) {
                    Some(S::ExpenditureTotal) | None => false,
                    Some(S::Other) => r.amount(i).is_some_and(|a| !a.blank),
                    Some(_) => true,
                })
                .collect();
            let parts: Option<Vec<Term>> = lines.iter().map(|r| r.amount(i).map(|a| Term::of(table, a))).collect();
            if let (Some(parts), Some(t)) = (parts, total_row.amount(i)) {
                ctx.compare(
                    &EXPENDITURE_TOTAL,
                    table.kind,
                    Relation::Equal,
                    Term::of(table, t),
                    &parts,
                    (
                        format!("{}“支出总计”（{}）", short_zh(table.kind), col.role.name_zh()),
                        format!("{} expenditure total ({})", table.kind.name_en(), col.role.name_en()),
                    ),
                    ("各支出项之和".into(), "the sum of the expenditure lines".into()),
                );
            }
        }
    }
}

/// GJ304: income total = expenditure total (the expenditure half's first column: 合计 or 预算数).
fn balance(ctx: &mut Ctx<'_>) {
    for table in summaries(ctx) {
        let income_total = table.summary_line(Half::Income, &S::IncomeTotal).zip(income_col(table)).and_then(|(r, i)| r.amount(i));
        let exp_col = table.columns.iter().position(|c| c.half == Half::Expenditure);
        let exp_total = table.summary_line(Half::Expenditure, &S::ExpenditureTotal).zip(exp_col).and_then(|(r, i)| r.amount(i));
        if let (Some(inc), Some(exp)) = (income_total, exp_total) {
            ctx.compare(
                &BALANCE,
                table.kind,
                Relation::Equal,
                Term::of(table, inc),
                &[Term::of(table, exp)],
                (format!("{}“收入总计”", short_zh(table.kind)), format!("{} income total", table.kind.name_en())),
                ("支出总计".into(), "the expenditure total".into()),
            );
        }
    }
}

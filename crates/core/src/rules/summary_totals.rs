//! The summary tables (`summary`, `appropriation_summary`): their totals against their lines.
//!
//! A summary's income half runs: the year's sources, perhaps `本年收入合计`, then what is carried
//! in (`使用非财政拨款结余`, `年初结转和结余`, `上年结转结余`), then `收入总计`; the expenditure half:
//! the function classes, perhaps `本年支出合计`, then `结余分配` and `年末结转和结余` / `结转下年`,
//! then `支出总计`. Shanghai budgets have no year subtotal and no carry-over lines; central budgets
//! and every 决算 have both. Lines printed under a carry-over line (年初财政拨款结转和结余's fund
//! lines) are its parts, not sources.

use super::support::{column_zh, short_zh, Ctx, Relation, Term};
use super::{Applies, Rule, Stage};
use crate::finding::{FindingKind, Severity};
use crate::model::{Half, Line, Row, SummaryLine as S, Table, TableKind};

/// GJ301 — the year's income equals its sources.
///
/// What it checks: in `summary` and `appropriation_summary`, 本年收入合计 (where printed, else
/// 收入总计) = Σ the income lines above it.
/// Why it matters: the income total is the headline figure.
/// Example: `收支总表 收入总计 4,773,258,127 元 ≠ 各收入项之和 4,773,258,128 元`.
pub const INCOME_TOTAL: Rule = Rule {
    id: "GJ301",
    kind: FindingKind::GrandTotal,
    severity: Severity::Error,
    relation: "relations §3",
    stage: Stage::Tables,
    heuristic: false,
    applies: Applies::ALL,
    check: Some(income_total),
    title: "收入合计 = Σ收入项",
    title_en: "Income total equals its lines",
    checks: "本年收入合计 (or 收入总计) = Σ income lines in the summary tables",
    why: "the income total is the headline figure",
    example: "收入总计 4,773,258,127 ≠ Σ 4,773,258,128",
};

/// GJ302 — 一、财政拨款收入 equals the sum of its numbered sub-lines.
///
/// What it checks: 财政拨款收入 = 一般公共预算资金 + 政府性基金 (+ 国有资本经营预算) in `summary`; in a
/// central 财政拨款收支总表, 一、本年收入 and 二、上年结转 each = the fund lines printed under it.
/// Why it matters: the split between budget funds feeds the appropriation tables.
/// Example: `财政拨款收入 4,210,065,046 ≠ 1.+2. 4,210,065,047`.
pub const APPROPRIATION_PARTS: Rule = Rule {
    id: "GJ302",
    kind: FindingKind::GrandTotal,
    severity: Severity::Error,
    relation: "relations §3",
    stage: Stage::Tables,
    heuristic: false,
    applies: Applies::ALL,
    check: Some(appropriation_parts),
    title: "财政拨款收入 = Σ其中各项",
    title_en: "Appropriation income equals its sub-lines",
    checks: "一、财政拨款收入 (or 本年收入, 上年结转) = 一般公共预算资金 + 政府性基金 (+ 国有资本经营) under it",
    why: "the split feeds the appropriation tables",
    example: "财政拨款收入 4,210,065,046 ≠ 4,210,065,047",
};

/// GJ303 — the year's spending equals its lines.
///
/// What it checks: in `summary` and `appropriation_summary` (each amount column), 本年支出合计
/// (where printed, else 支出总计) = Σ the expenditure lines above it.
/// Why it matters: the spending total is the other headline figure.
/// Example: `支出总计 4,773,258,127 ≠ 各支出项之和 4,773,258,100`.
pub const EXPENDITURE_TOTAL: Rule = Rule {
    id: "GJ303",
    kind: FindingKind::GrandTotal,
    severity: Severity::Error,
    relation: "relations §3",
    stage: Stage::Tables,
    heuristic: false,
    applies: Applies::ALL,
    check: Some(expenditure_total),
    title: "支出合计 = Σ支出项",
    title_en: "Expenditure total equals its lines",
    checks: "本年支出合计 (or 支出总计) = Σ expenditure lines, every column",
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
    heuristic: false,
    applies: Applies::ALL,
    check: Some(balance),
    title: "收入总计 = 支出总计",
    title_en: "Income total equals expenditure total",
    checks: "收入总计 = 支出总计 in both summary tables",
    why: "a budget balances by construction",
    example: "4,773,258,127 ≠ 4,773,258,227",
};

/// GJ305 — 收入总计 is the year's income and what was carried in.
///
/// What it checks: where 本年收入合计 is printed, 收入总计 = 本年收入合计 + 使用非财政拨款结余 +
/// 年初结转和结余 (上年结转结余) — relations §F1, §B18.
/// Why it matters: reading 本年收入合计 as the total is the commonest misreading of a 决算.
/// Example: `收入总计 2,995.39 ≠ 本年收入合计 2,946.25 + 年初结转和结余 49.14 = 2,995.39`.
pub const INCOME_WITH_BALANCES: Rule = Rule {
    id: "GJ305",
    kind: FindingKind::GrandTotal,
    severity: Severity::Error,
    relation: "relations §F1",
    stage: Stage::Tables,
    heuristic: false,
    applies: Applies::ALL,
    check: Some(income_with_balances),
    title: "收入总计 = 本年收入合计 + 结转结余",
    title_en: "Income total equals the year's income and balances brought in",
    checks: "收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余",
    why: "the year's income and what is carried in are two different figures",
    example: "2,995.39 = 2,946.25 + 49.14",
};

/// GJ306 — 支出总计 is the year's spending and what is carried out.
///
/// What it checks: where 本年支出合计 is printed, 支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余
/// (结转下年) — relations §F2, §B18, each amount column.
/// Why it matters: the balance carried out is where unspent money shows.
/// Example: `支出总计 2,995.39 = 本年支出合计 2,940.05 + 年末结转和结余 55.34`.
pub const EXPENDITURE_WITH_BALANCES: Rule = Rule {
    id: "GJ306",
    kind: FindingKind::GrandTotal,
    severity: Severity::Error,
    relation: "relations §F2",
    stage: Stage::Tables,
    heuristic: false,
    applies: Applies::ALL,
    check: Some(expenditure_with_balances),
    title: "支出总计 = 本年支出合计 + 结转结余",
    title_en: "Expenditure total equals the year's spending and balances carried out",
    checks: "支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余, every column",
    why: "the balance carried out is where unspent money shows",
    example: "2,995.39 = 2,940.05 + 55.34",
};

const FUND_LINES: [S; 3] = [S::GeneralPublicBudgetFunds, S::GovernmentFunds, S::StateCapitalFunds];
const INCOME_BALANCES: [S; 3] = [S::UseOfBalance, S::OpeningBalance, S::CarryOver];
const EXPENDITURE_BALANCES: [S; 2] = [S::BalanceDistribution, S::ClosingBalance];

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

/// One half of a summary, in reading order: its lines up to the year's subtotal (or the total),
/// the subtotal if printed, what follows it up to the total, and the total.
struct HalfLines<'t> {
    above: Vec<&'t Row>,
    subtotal: Option<&'t Row>,
    balances: Vec<&'t Row>,
    total: Option<&'t Row>,
}

fn half_lines(table: &Table, half: Half) -> HalfLines<'_> {
    let (subtotal_line, total_line, balance_lines): (S, S, &[S]) = match half {
        Half::Income => (S::CurrentIncomeTotal, S::IncomeTotal, &INCOME_BALANCES),
        _ => (S::CurrentExpenditureTotal, S::ExpenditureTotal, &EXPENDITURE_BALANCES),
    };
    let rows: Vec<&Row> = table.rows.iter().filter(|r| r.half == half).collect();
    let subtotal = rows.iter().copied().find(|r| line_of(r) == Some(&subtotal_line));
    let total = rows.iter().copied().find(|r| line_of(r) == Some(&total_line));
    let mut above = Vec::new();
    let mut balances = Vec::new();
    let mut after_subtotal = false;
    // The subtotal printed first, above its lines (central 财政拨款收支总表: 一、本年收入 over
    // （一）一般公共预算资金 …): its lines are those after it, up to the first balance line.
    if rows.first().is_some_and(|r| subtotal.is_some_and(|s| std::ptr::eq(*r, s))) {
        let mut it = rows.iter().copied().skip(1);
        for r in it.by_ref() {
            match line_of(r) {
                Some(l) if balance_lines.contains(l) => {
                    balances.push(r);
                    break;
                }
                Some(l) if *l == total_line => break,
                Some(_) => above.push(r),
                None => {}
            }
        }
        // After the first balance line: further balance lines, not their parts.
        balances.extend(it.filter(|r| line_of(r).is_some_and(|l| balance_lines.contains(l))));
        return HalfLines { above, subtotal, balances, total };
    }
    for r in rows {
        match line_of(r) {
            Some(l) if *l == subtotal_line => after_subtotal = true,
            Some(l) if *l == total_line => {}
            // After the subtotal only the carry-over lines count: the fund lines printed under
            // 年初财政拨款结转和结余 are its parts.
            Some(l) if after_subtotal && balance_lines.contains(l) => balances.push(r),
            Some(_) if after_subtotal => {}
            Some(_) => above.push(r),
            None => {}
        }
    }
    HalfLines { above, subtotal, balances, total }
}

/// Income sources above the subtotal: the fund lines count only where no 财政拨款 line sums them;
/// unnamed lines only where they hold an amount.
fn income_sources<'t>(h: &HalfLines<'t>, col: usize) -> Vec<&'t Row> {
    let has_fiscal = h.above.iter().any(|r| line_of(r) == Some(&S::FiscalAppropriation));
    h.above
        .iter()
        .copied()
        .filter(|r| match line_of(r) {
            Some(l) if FUND_LINES.contains(l) => !has_fiscal,
            Some(S::Other) => r.amount(col).is_some_and(|a| !a.blank),
            _ => true,
        })
        .collect()
}

fn income_col(table: &Table) -> Option<usize> {
    table.columns.iter().position(|c| c.half == Half::Income && c.group.primary())
}

fn terms(table: &Table, rows: &[&Row], col: usize) -> Option<Vec<Term>> {
    rows.iter().map(|r| r.amount(col).map(|a| Term::of(table, a))).collect()
}

/// GJ301: 本年收入合计 (or 收入总计) = Σ the lines above it.
fn income_total(ctx: &mut Ctx<'_>) {
    for table in summaries(ctx) {
        let Some(ic) = income_col(table) else { continue };
        let h = half_lines(table, Half::Income);
        let Some(total_row) = h.subtotal.or(h.total) else { continue };
        let mut lines = income_sources(&h, ic);
        if h.subtotal.is_none() {
            // No subtotal: what is carried in is part of the total's sum.
            lines.extend(h.balances.iter().copied());
        }
        let (Some(parts), Some(t)) = (terms(table, &lines, ic), total_row.amount(ic)) else { continue };
        ctx.compare(
            &INCOME_TOTAL,
            table.kind,
            Relation::Equal,
            Term::of(table, t),
            &parts,
            (format!("{}“{}”", short_zh(table), total_row.name), format!("{} \"{}\"", table.kind.name_en(), total_row.name)),
            ("各收入项之和".into(), "the sum of the income lines".into()),
        );
    }
}

/// GJ302: 财政拨款收入 = Σ its numbered sub-lines; 本年收入 / 上年结转 = Σ the fund lines right under them.
fn appropriation_parts(ctx: &mut Ctx<'_>) {
    for table in summaries(ctx) {
        let Some(ic) = income_col(table) else { continue };
        let is_fund = |r: &Row| line_of(r).is_some_and(|l| FUND_LINES.contains(l));
        let mut groups: Vec<(&Row, Vec<&Row>, (&str, &str))> = Vec::new();
        // 本年收入, 上年结转, 年初结转和结余: the fund lines printed right under each.
        let rows: Vec<&Row> = table.rows.iter().filter(|r| r.half == Half::Income && line_of(r).is_some()).collect();
        for (i, parent) in rows.iter().enumerate() {
            if matches!(line_of(parent), Some(S::CurrentIncomeTotal | S::CarryOver | S::OpeningBalance)) {
                let subs = rows[i + 1..].iter().copied().take_while(|r| is_fund(r)).collect();
                groups.push((parent, subs, ("其下各项资金之和", "the sum of the funds under it")));
            }
        }
        // 一、财政拨款收入: the fund lines above the year's subtotal.
        let h = half_lines(table, Half::Income);
        if let Some(fiscal) = h.above.iter().copied().find(|r| line_of(r) == Some(&S::FiscalAppropriation)) {
            let subs = h.above.iter().copied().filter(|r| is_fund(r)).collect();
            groups.push((fiscal, subs, ("其中各项之和", "the sum of its sub-lines")));
        }
        let name = short_zh(table);
        for (parent, subs, (of_zh, of_en)) in groups {
            if let (false, Some(parts), Some(p)) = (subs.is_empty(), terms(table, &subs, ic), parent.amount(ic)) {
                ctx.compare(
                    &APPROPRIATION_PARTS,
                    table.kind,
                    Relation::Equal,
                    Term::of(table, p),
                    &parts,
                    (format!("{name}“{}”", parent.name), format!("{} \"{}\"", table.kind.name_en(), parent.name)),
                    (of_zh.into(), of_en.into()),
                );
            }
        }
    }
}

/// GJ303: 本年支出合计 (or 支出总计) = Σ the lines above it, in every expenditure column.
fn expenditure_total(ctx: &mut Ctx<'_>) {
    for table in summaries(ctx) {
        let h = half_lines(table, Half::Expenditure);
        let Some(total_row) = h.subtotal.or(h.total) else { continue };
        // A half that lists the classes may also print 基本支出 / 项目支出 lines under them: those
        // are the same money by use, summed only where no class is listed (Jiangsu: by use only).
        let by_class = h.above.iter().any(|r| matches!(line_of(r), Some(S::FunctionClass(_))));
        let by_use = |r: &Row| matches!(line_of(r), Some(S::BasicExpenditure | S::ProjectExpenditure));
        for (i, col) in table.columns.iter().enumerate().filter(|(_, c)| c.half == Half::Expenditure) {
            let mut lines: Vec<&Row> = h
                .above
                .iter()
                .copied()
                .filter(|r| !(by_class && by_use(r)))
                .filter(|r| !matches!(line_of(r), Some(S::Other)) || r.amount(i).is_some_and(|a| !a.blank))
                .collect();
            if h.subtotal.is_none() {
                lines.extend(h.balances.iter().copied());
            }
            let (Some(parts), Some(t)) = (terms(table, &lines, i), total_row.amount(i)) else { continue };
            ctx.compare(
                &EXPENDITURE_TOTAL,
                table.kind,
                Relation::Equal,
                Term::of(table, t),
                &parts,
                (
                    format!("{}“{}”（{}）", short_zh(table), total_row.name, column_zh(col)),
                    format!("{} \"{}\" ({})", table.kind.name_en(), total_row.name, col.role.name_en()),
                ),
                ("各支出项之和".into(), "the sum of the expenditure lines".into()),
            );
        }
    }
}

/// GJ304: income total = expenditure total (the expenditure half's first column: 合计 or 预算数).
fn balance(ctx: &mut Ctx<'_>) {
    for table in summaries(ctx) {
        let income_total = half_lines(table, Half::Income).total.zip(income_col(table)).and_then(|(r, i)| r.amount(i));
        let exp_col = table.columns.iter().position(|c| c.half == Half::Expenditure && c.group.primary());
        let exp_total = half_lines(table, Half::Expenditure).total.zip(exp_col).and_then(|(r, i)| r.amount(i));
        if let (Some(inc), Some(exp)) = (income_total, exp_total) {
            ctx.compare(
                &BALANCE,
                table.kind,
                Relation::Equal,
                Term::of(table, inc),
                &[Term::of(table, exp)],
                (format!("{}“收入总计”", short_zh(table)), format!("{} income total", table.kind.name_en())),
                ("支出总计".into(), "the expenditure total".into()),
            );
        }
    }
}

/// GJ305: 收入总计 = 本年收入合计 + what is carried in.
fn income_with_balances(ctx: &mut Ctx<'_>) {
    for table in summaries(ctx) {
        let Some(ic) = income_col(table) else { continue };
        let h = half_lines(table, Half::Income);
        let (Some(sub), Some(total)) = (h.subtotal, h.total) else { continue };
        let mut lines = vec![sub];
        lines.extend(h.balances.iter().copied());
        let (Some(parts), Some(t)) = (terms(table, &lines, ic), total.amount(ic)) else { continue };
        ctx.compare(
            &INCOME_WITH_BALANCES,
            table.kind,
            Relation::Equal,
            Term::of(table, t),
            &parts,
            (format!("{}“{}”", short_zh(table), total.name), format!("{} \"{}\"", table.kind.name_en(), total.name)),
            (format!("“{}”与结转结余之和", sub.name), format!("\"{}\" plus the balances brought in", sub.name)),
        );
    }
}

/// GJ306: 支出总计 = 本年支出合计 + what is carried out, in every expenditure column.
fn expenditure_with_balances(ctx: &mut Ctx<'_>) {
    for table in summaries(ctx) {
        let h = half_lines(table, Half::Expenditure);
        let (Some(sub), Some(total)) = (h.subtotal, h.total) else { continue };
        for (i, col) in table.columns.iter().enumerate().filter(|(_, c)| c.half == Half::Expenditure) {
            let mut lines = vec![sub];
            lines.extend(h.balances.iter().copied());
            let (Some(parts), Some(t)) = (terms(table, &lines, i), total.amount(i)) else { continue };
            ctx.compare(
                &EXPENDITURE_WITH_BALANCES,
                table.kind,
                Relation::Equal,
                Term::of(table, t),
                &parts,
                (
                    format!("{}“{}”（{}）", short_zh(table), total.name, column_zh(col)),
                    format!("{} \"{}\" ({})", table.kind.name_en(), total.name, col.role.name_en()),
                ),
                (format!("“{}”与结转结余之和", sub.name), format!("\"{}\" plus the balances carried out", sub.name)),
            );
        }
    }
}

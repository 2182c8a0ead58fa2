//! Within one row: 合计 = the sum of the columns it is made of.

use super::support::{row_subject, Ctx, Relation, Term};
use super::{Applies, Rule, Stage};
use crate::finding::{FindingKind, Severity};
use crate::model::{ColumnRole as R, Half, TableKind};

/// GJ201 — a row's 合计 equals the sum of its component columns.
///
/// What it checks: `revenue` 合计 = (上年结转) + 财政拨款收入 + 事业收入 + 事业单位经营收入 + 其他收入 (every
/// income column present); `expenditure`/`gpb_function`/`gf_function`/`soc_function` 合计 = 基本支出 + 项目支出
/// (+ other spending columns); `gpb_basic_economic` 合计 = 人员经费 + 公用经费; `appropriation_summary`
/// expenditure lines 合计 = 一般公共预算 + 政府性基金 (+ 国有资本经营).
/// Why it matters: a row that does not add across was typed wrong in one of its cells.
/// Example: `支出总表“2060101 行政运行”的合计为 51,700,926 元，应等于基本支出与项目支出之和 51,700,927 元`.
pub const ROW_ARITHMETIC: Rule = Rule {
    id: "GJ201",
    kind: FindingKind::RowArithmetic,
    severity: Severity::Error,
    relation: "relations §2",
    stage: Stage::Tables,
    heuristic: false,
    applies: Applies::ALL,
    check: Some(check),
    title: "合计 = 各组成列之和",
    title_en: "Row total equals its columns",
    checks: "合计 = Σ income columns / 基本 + 项目 / 人员 + 公用 / 一般公共预算 + 政府性基金, row by row",
    why: "a row that does not add across has a mistyped cell",
    example: "2060101 合计 51,700,926 ≠ 基本 + 项目 51,700,927",
};

fn components(kind: TableKind) -> &'static [R] {
    match kind {
        TableKind::Revenue => &[
            R::CarryOver,
            R::FiscalAppropriation,
            // Central 收入总表: a column per fund instead of one 财政拨款收入 (dropped below where
            // both are printed: the funds are then its parts).
            R::GeneralPublicBudget,
            R::GovernmentFund,
            R::StateCapital,
            R::SpecialAccount,
            R::BusinessIncome,
            R::OperatingIncome,
            R::SuperiorSubsidy,
            R::AffiliateIncome,
            R::OtherIncome,
        ],
        TableKind::Expenditure | TableKind::GpbFunction | TableKind::GfFunction | TableKind::SocFunction => {
            &[R::Basic, R::Project, R::PaymentToSuperior, R::OperatingExpenditure, R::SubsidyToAffiliates, R::Reserve]
        }
        TableKind::GpbBasicEconomic => &[R::Personnel, R::PublicExpense],
        TableKind::AppropriationSummary => &[R::GeneralPublicBudget, R::GovernmentFund, R::StateCapital],
        _ => &[],
    }
}

pub(super) fn check(ctx: &mut Ctx<'_>) {
    let budget = ctx.budget;
    for table in &budget.tables {
        let parts_roles = components(table.kind);
        if parts_roles.is_empty() {
            continue;
        }
        let half = if table.kind == TableKind::AppropriationSummary { Half::Expenditure } else { Half::Whole };
        let Some(total_idx) = table.column(R::Total, half) else { continue };
        let fiscal = table.columns.iter().any(|c| c.role == R::FiscalAppropriation);
        let fund = |r: R| matches!(r, R::GeneralPublicBudget | R::GovernmentFund | R::StateCapital);
        let part_idx: Vec<usize> = table
            .columns
            .iter()
            .enumerate()
            .filter(|(_, c)| c.half == half && parts_roles.contains(&c.role))
            .filter(|(_, c)| !(table.kind == TableKind::Revenue && fiscal && fund(c.role)))
            .map(|(i, _)| i)
            .collect();
        if part_idx.is_empty() {
            continue;
        }
        let names_zh: Vec<&str> = part_idx.iter().map(|i| table.columns[*i].role.name_zh()).collect();
        let names_en: Vec<&str> = part_idx.iter().map(|i| table.columns[*i].role.name_en()).collect();
        for row in table.rows.iter().filter(|r| r.half == half) {
            let Some(total) = row.amount(total_idx) else { continue };
            let parts: Option<Vec<Term>> = part_idx.iter().map(|i| row.amount(*i).map(|a| Term::of(table, a))).collect();
            let Some(parts) = parts else { continue };
            ctx.compare_lazy(
                &ROW_ARITHMETIC,
                table.kind,
                Relation::Equal,
                Term::of(table, total),
                &parts,
                || row_subject(table, row, R::Total),
                || (format!("{}之和", names_zh.join("、")), format!("the sum of {}", names_en.join(", "))),
            );
        }
    }
}

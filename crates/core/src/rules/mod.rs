//! The rule registry: every relation of RULES.md, one file per family, each with a stable id.
//! The README's rule table and `gouji rules` are generated from [`REGISTRY`].

mod function_economic;
mod hierarchy;
mod inter_table;
pub(crate) mod narrative;
mod reading;
mod row_arithmetic;
mod summary_totals;
pub(crate) mod support;
mod three_public;

use serde::Serialize;

use crate::finding::{Finding, FindingKind, NotChecked, Severity};
use crate::model::Budget;
use support::Ctx;

/// What a rule is, for people: the registry entry.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct RuleInfo {
    pub id: &'static str,
    pub kind: FindingKind,
    /// The severity of a finding that breaks the relation (rounding differences are info).
    pub severity: Severity,
    /// The section of RULES.md the rule implements.
    pub relation: &'static str,
    pub title: &'static str,
    pub title_en: &'static str,
    /// What it checks.
    pub checks: &'static str,
    /// Why it matters.
    pub why: &'static str,
    /// An example of a finding.
    pub example: &'static str,
}

/// Every rule, in the order reviewers check: reading, within a table, summaries, across tables,
/// then the narrative text (GJ7xx: run by [`crate::check_with`] when a text is supplied).
pub const REGISTRY: &[&RuleInfo] = &[
    &reading::BAD_VALUE,
    &reading::FORMULA_WITHOUT_VALUE,
    &reading::MISSING_UNIT,
    &reading::UNREAD_TABLE,
    &hierarchy::HIERARCHY,
    &hierarchy::STRUCTURE,
    &hierarchy::GRAND_TOTAL,
    &row_arithmetic::ROW_ARITHMETIC,
    &three_public::THREE_PUBLIC_ARITHMETIC,
    &summary_totals::INCOME_TOTAL,
    &summary_totals::APPROPRIATION_PARTS,
    &summary_totals::EXPENDITURE_TOTAL,
    &summary_totals::BALANCE,
    &inter_table::TOTALS_ACROSS,
    &inter_table::INCOME_LINES,
    &inter_table::CLASS_LINES,
    &inter_table::APPROPRIATION_SUMMARY,
    &inter_table::APPROPRIATION_BY_CODE,
    &inter_table::GPB_WITHIN_EXPENDITURE,
    &inter_table::BASIC_VS_ECONOMIC,
    &function_economic::FUNCTION_VS_ECONOMIC,
    &three_public::THREE_PUBLIC_VS_ECONOMIC,
    &narrative::AMOUNT_CLAIM,
    &narrative::CHANGE_CLAIM,
    &narrative::ITEMISED_SUM,
    &narrative::PROJECT_AMOUNTS,
];

pub fn rule(id: &str) -> Option<&'static RuleInfo> {
    REGISTRY.iter().copied().find(|r| r.id == id)
}

/// Runs every rule on one budget.
pub fn run_all(budget: &Budget, findings: &mut Vec<Finding>, not_checked: &mut Vec<NotChecked>) {
    let mut ctx = Ctx { budget, findings, not_checked };
    hierarchy::check(&mut ctx);
    row_arithmetic::check(&mut ctx);
    three_public::check_arithmetic(&mut ctx);
    summary_totals::check(&mut ctx);
    inter_table::check(&mut ctx);
    function_economic::check(&mut ctx);
    three_public::check_vs_economic(&mut ctx);
}

/// The registry as a Markdown table (for the README).
pub fn markdown_table() -> String {
    let mut s = String::from("| id | severity | kind | relation | checks |\n|---|---|---|---|---|\n");
    for r in REGISTRY {
        s.push_str(&format!(
            "| {} | {} | {} | {} | {} / {} |\n",
            r.id,
            r.severity.as_str(),
            r.kind.as_str(),
            r.relation,
            r.title,
            r.title_en
        ));
    }
    s
}

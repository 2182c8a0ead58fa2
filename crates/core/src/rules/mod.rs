//! The rule table: every relation gouji checks is one [`Rule`] value — its id, severity, kind,
//! the documents it applies to, its stage and its check — in a family file of this folder, and
//! [`REGISTRY`] is the only list of them. Findings are made through their rule and carry it
//! ([`RuleRef`], serialised as the id). The README's rule table, `gouji rules`, the pipeline's
//! stages and the rule-by-rule fixture test all read the registry; nothing else lists rules.
//!
//! Adding a rule: write its `const` in the family file (What/Why/Example in the doc comment),
//! add it to [`REGISTRY`], and give it a firing and a clean fixture in
//! `gouji_fixtures::rule_cases` (the test `every_rule_fires_on_its_fixture_and_not_on_its_clean_one` fails until
//! both exist). The relations are written out in `docs/relations.md`.

mod completeness;
mod final_accounts;
mod function_economic;
pub(crate) mod hierarchy;
mod inter_table;
pub(crate) mod narrative;
pub(crate) mod reading;
mod row_arithmetic;
mod summary_totals;
pub(crate) mod support;
mod three_public;

use std::fmt;

use serde::{Serialize, Serializer};

use crate::finding::{Finding, FindingKind, NotChecked, Severity};
use crate::model::{Budget, DocKind, Family};
use support::Ctx;

/// When a rule runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// While cells are read and tables recognised: findings about the cells themselves.
    Reading,
    /// On the recognised tables of one budget: within and across tables.
    Tables,
    /// On the published text, against the tables, the prior year and itself.
    Narrative,
    /// Whether the document holds what its family requires.
    Completeness,
}

impl Stage {
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Reading => "reading",
            Stage::Tables => "tables",
            Stage::Narrative => "narrative",
            Stage::Completeness => "completeness",
        }
    }
}

/// The documents a rule applies to: kinds (budget, final accounts) and families (empty: all).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Applies {
    pub kinds: &'static [DocKind],
    pub families: &'static [Family],
}

impl Applies {
    /// Every document.
    pub const ALL: Applies = Applies { kinds: &[DocKind::Budget, DocKind::FinalAccounts], families: &[] };
    /// Budgets (部门预算) of every family.
    pub const BUDGETS: Applies = Applies { kinds: &[DocKind::Budget], families: &[] };
    /// Final accounts (部门决算).
    pub const FINAL_ACCOUNTS: Applies = Applies { kinds: &[DocKind::FinalAccounts], families: &[] };

    pub fn to(self, kind: DocKind, family: Option<Family>) -> bool {
        self.kinds.contains(&kind) && (self.families.is_empty() || family.is_some_and(|f| self.families.contains(&f)))
    }

    /// `budget, final_accounts` or `budget (shanghai, central)`, for the rule table.
    pub fn describe(self) -> String {
        let kinds: Vec<&str> = self.kinds.iter().map(|k| k.id()).collect();
        let mut s = kinds.join(", ");
        if self.families.is_empty() {
            s.push_str(" (every family)");
        } else {
            let fams: Vec<&str> = self.families.iter().map(|f| f.id()).collect();
            s.push_str(&format!(" ({})", fams.join(", ")));
        }
        s
    }
}

/// One rule: what it is for people, what it applies to, and its check.
pub struct Rule {
    pub id: &'static str,
    pub kind: FindingKind,
    /// The severity of a finding that breaks the relation (rounding differences are info).
    pub severity: Severity,
    pub stage: Stage,
    /// The relation usually holds but is not an identity of the tables (a pairing of codes, a
    /// reading of the text): its findings are labelled as heuristic, for the reader to judge.
    pub heuristic: bool,
    pub applies: Applies,
    /// Where the relation is written out (`docs/relations.md` and its section).
    pub relation: &'static str,
    pub title: &'static str,
    pub title_en: &'static str,
    /// What it checks.
    pub checks: &'static str,
    /// Why it matters.
    pub why: &'static str,
    /// An example of a finding.
    pub example: &'static str,
    /// The check of a `Tables` or `Completeness` rule; reading and narrative rules are checked
    /// where cells are read and claims judged, and have none.
    pub check: Option<fn(&mut Ctx<'_>)>,
}

impl Rule {
    /// The reference findings carry.
    pub const fn r(&'static self) -> RuleRef {
        RuleRef(self)
    }

    /// A finding of this rule with its severity and kind, no cells yet.
    pub fn finding(&'static self, message: String, message_en: String) -> Finding {
        Finding {
            rule: self.r(),
            kind: self.kind,
            severity: self.severity,
            table: None,
            message,
            message_en,
            expected: None,
            actual: None,
            difference: None,
            unit: None,
            cells: Vec::new(),
            text: None,
            places: Vec::new(),
        }
    }

    /// A note that this rule could not be checked, and why.
    pub fn not_checked(&'static self, reason: String, reason_en: String) -> NotChecked {
        NotChecked { rule: self.r(), reason, reason_en }
    }
}

impl fmt::Debug for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id)
    }
}

impl Serialize for Rule {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Rule", 11)?;
        st.serialize_field("id", self.id)?;
        st.serialize_field("kind", &self.kind)?;
        st.serialize_field("severity", &self.severity)?;
        st.serialize_field("stage", &self.stage)?;
        st.serialize_field("applies_to", &self.applies.kinds.iter().map(|k| k.id()).collect::<Vec<_>>())?;
        st.serialize_field("families", &self.applies.families.iter().map(|f| f.id()).collect::<Vec<_>>())?;
        st.serialize_field("relation", self.relation)?;
        st.serialize_field("title", self.title)?;
        st.serialize_field("title_en", self.title_en)?;
        st.serialize_field("checks", self.checks)?;
        st.serialize_field("why", self.why)?;
        st.end()
    }
}

/// A finding's rule: a reference into the registry, compared and serialised by its id.
#[derive(Clone, Copy)]
pub struct RuleRef(&'static Rule);

impl RuleRef {
    pub fn id(self) -> &'static str {
        self.0.id
    }
    pub fn get(self) -> &'static Rule {
        self.0
    }
}

impl std::ops::Deref for RuleRef {
    type Target = Rule;
    fn deref(&self) -> &Rule {
        self.0
    }
}

impl PartialEq for RuleRef {
    fn eq(&self, other: &RuleRef) -> bool {
        self.0.id == other.0.id
    }
}
impl Eq for RuleRef {}

impl PartialEq<str> for RuleRef {
    fn eq(&self, other: &str) -> bool {
        self.0.id == other
    }
}
impl PartialEq<&str> for RuleRef {
    fn eq(&self, other: &&str) -> bool {
        self.0.id == *other
    }
}

impl std::hash::Hash for RuleRef {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.0.id.hash(h)
    }
}

impl fmt::Debug for RuleRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.id)
    }
}

impl fmt::Display for RuleRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.id)
    }
}

impl Serialize for RuleRef {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0.id)
    }
}

/// Every rule, in the order reviewers check: reading, within a table, summaries, across tables,
/// function against economic classification, the narrative text.
pub const REGISTRY: &[&Rule] = &[
    &reading::BAD_VALUE,
    &reading::FORMULA_WITHOUT_VALUE,
    &reading::MISSING_UNIT,
    &reading::UNREAD_TABLE,
    &reading::MALFORMED_CODE,
    &reading::UNPLACED_ROWS,
    &reading::EMPTY_NOTE_WITH_DATA,
    &hierarchy::HIERARCHY,
    &hierarchy::STRUCTURE,
    &hierarchy::GRAND_TOTAL,
    &row_arithmetic::ROW_ARITHMETIC,
    &three_public::THREE_PUBLIC_ARITHMETIC,
    &final_accounts::BASIC_BLOCKS,
    &final_accounts::FUND_BALANCES,
    &summary_totals::INCOME_TOTAL,
    &summary_totals::APPROPRIATION_PARTS,
    &summary_totals::EXPENDITURE_TOTAL,
    &summary_totals::BALANCE,
    &summary_totals::INCOME_WITH_BALANCES,
    &summary_totals::EXPENDITURE_WITH_BALANCES,
    &inter_table::TOTALS_ACROSS,
    &inter_table::INCOME_LINES,
    &inter_table::CLASS_LINES,
    &inter_table::APPROPRIATION_SUMMARY,
    &inter_table::APPROPRIATION_BY_CODE,
    &inter_table::GPB_WITHIN_EXPENDITURE,
    &inter_table::BASIC_VS_ECONOMIC,
    &final_accounts::SUMMARY_ACROSS,
    &final_accounts::APPROPRIATION_ACROSS,
    &function_economic::FUNCTION_VS_ECONOMIC,
    &three_public::THREE_PUBLIC_VS_ECONOMIC,
    &narrative::AMOUNT_CLAIM,
    &narrative::FINAL_AMOUNT_CLAIM,
    &narrative::CHANGE_CLAIM,
    &narrative::ITEMISED_SUM,
    &narrative::PROJECT_AMOUNTS,
    &narrative::PERCENT_CHANGE,
    &narrative::SHARE,
    &narrative::RESTATED_AMOUNT,
    &narrative::CLASS_NAME,
    &narrative::DOUBLED_PUNCTUATION,
    &narrative::CUT_OFF_SENTENCE,
    &narrative::UNMATCHED_QUOTE,
    &narrative::TEMPLATE_LEFT,
    &narrative::MISSING_STOP,
    &narrative::WRONG_YEAR,
    &narrative::LEVEL_WORDING,
    &narrative::BLANK_PAGE,
    &narrative::HIDDEN_TEXT,
    &completeness::MISSING_TABLES,
];

/// The registered rule with this id.
pub fn rule(id: &str) -> Option<RuleRef> {
    REGISTRY.iter().copied().find(|r| r.id == id).map(Rule::r)
}

/// The rules of one stage that apply to a budget, in registry order.
pub fn of_stage(stage: Stage, budget: &Budget) -> impl Iterator<Item = &'static Rule> + '_ {
    REGISTRY.iter().copied().filter(move |r| r.stage == stage && r.applies.to(budget.kind, budget.family))
}

/// Runs the checks of every `Tables` and `Completeness` rule that applies to the budget.
pub fn run_all(budget: &Budget, findings: &mut Vec<Finding>, not_checked: &mut Vec<NotChecked>) {
    let mut ctx = Ctx { budget, findings, not_checked };
    for stage in [Stage::Tables, Stage::Completeness] {
        for rule in of_stage(stage, budget) {
            if let Some(check) = rule.check {
                check(&mut ctx);
            }
        }
    }
}

/// The registry as a Markdown table (for the README).
pub fn markdown_table() -> String {
    let mut s = String::from("| id | severity | kind | stage | applies to | relation | checks |\n|---|---|---|---|---|---|---|\n");
    for r in REGISTRY {
        s.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} / {} |\n",
            r.id,
            r.severity.as_str(),
            r.kind.as_str(),
            r.stage.as_str(),
            r.applies.describe(),
            r.relation,
            r.title,
            r.title_en
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_stages_have_checks_where_they_need_them() {
        let mut ids: Vec<&str> = REGISTRY.iter().map(|r| r.id).collect();
        ids.sort_unstable();
        let n = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), n, "duplicate rule ids");
        for r in REGISTRY {
            let needs_check = matches!(r.stage, Stage::Tables | Stage::Completeness);
            assert_eq!(
                r.check.is_some(),
                needs_check,
                "{}: a {:?} rule {} a check",
                r.id,
                r.stage,
                if needs_check { "needs" } else { "has no" }
            );
            assert!(!r.applies.kinds.is_empty(), "{} applies to no document", r.id);
        }
    }
}

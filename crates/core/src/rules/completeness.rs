//! Whether the document holds what its family requires (docs/relations.md §C1).

use super::support::Ctx;
use super::{Applies, Rule, Stage};
use crate::finding::{FindingKind, Severity};

/// GJ801 — a required table is missing.
///
/// What it checks: the budget or 决算 has every table of its set (the 国有资本经营 table and the
/// extended sets' extras are optional).
/// Why it matters: a table left out of the published set is a defect of the publication, and every
/// relation through it goes unchecked.
/// Example: `缺少支出决算表` (a copy of the 财政局 2024 决算 with a table deleted).
pub const MISSING_TABLES: Rule = Rule {
    id: "GJ801",
    kind: FindingKind::Structure,
    severity: Severity::Warning,
    relation: "relations §C1",
    stage: Stage::Completeness,
    heuristic: false,
    applies: Applies::ALL,
    check: Some(missing_tables),
    title: "必备表齐全",
    title_en: "Every required table present",
    checks: "each table of the document's set is found (国有资本经营 and the extended sets' extras optional)",
    why: "a table left out is a defect of the publication and leaves its relations unchecked",
    example: "缺少支出决算表",
};

fn missing_tables(ctx: &mut Ctx<'_>) {
    let b = ctx.budget;
    let missing = b.missing();
    // Where it is: the title of the first table found, where the set begins.
    let (Some(first), false) = (b.tables.first(), missing.is_empty()) else { return };
    let names_zh: Vec<&str> = missing.iter().map(|k| k.name_for(b.kind, b.family)).collect();
    let names_en: Vec<&str> = missing.iter().map(|k| k.name_en()).collect();
    let found = b.tables.len();
    let finding = MISSING_TABLES
        .finding(
            format!("缺少{}（找到 {} 张表）。与其有关的勾稽关系未核对。", names_zh.join("、"), found),
            format!("Missing: {} ({} table(s) found). The relations through them were not checked.", names_en.join(", "), found),
        )
        .at(vec![first.title_cell.clone()]);
    ctx.findings.push(finding);
}

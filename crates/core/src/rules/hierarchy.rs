//! Within one coded table: 类 = Σ 款, 款 = Σ 项, 合计 = Σ 类, in every amount column.

use super::support::{coded_rows, column_zh, row_subject, short_zh, Ctx, Relation, Term};
use super::{Applies, Rule, Stage};
use crate::finding::{FindingKind, Severity};
use crate::model::{Line, Table};

/// GJ101 — a parent row equals the sum of its children.
///
/// What it checks: in `revenue`, `expenditure`, `gpb_function`, `gf_function`, `soc_function`
/// (类 = Σ 款, 款 = Σ 项) and `gpb_basic_economic` (类 = Σ 款), for every amount column.
/// Why it matters: a parent that does not add up means a line was dropped, typed twice or mistyped.
/// Example: `支出总表“205 教育支出”的合计为 36,439,515 元，应等于其下各款之和 36,439,514 元`.
pub const HIERARCHY: Rule = Rule {
    id: "GJ101",
    kind: FindingKind::Hierarchy,
    severity: Severity::Error,
    relation: "relations §1",
    stage: Stage::Tables,
    heuristic: false,
    applies: Applies::ALL,
    check: Some(check_hierarchy),
    title: "类 = Σ款，款 = Σ项",
    title_en: "Parent row equals the sum of its children",
    checks: "类 = Σ 款 and 款 = Σ 项 in every coded table and amount column",
    why: "a parent that does not add up hides a dropped or mistyped line",
    example: "205 教育支出 合计 36,439,515 ≠ Σ款 36,439,514",
};

/// GJ102 — the code tree is whole.
///
/// What it checks: every 款/项 row has its parent row, and every 类/款 row has children.
/// Why it matters: a missing parent or an orphan row means the table was cut or pasted badly.
/// Example: `支出总表 2050802 干部教育 没有上级科目 20508`.
pub const STRUCTURE: Rule = Rule {
    id: "GJ102",
    kind: FindingKind::Structure,
    severity: Severity::Warning,
    relation: "relations §1",
    stage: Stage::Tables,
    heuristic: true,
    applies: Applies::ALL,
    check: Some(check_structure),
    title: "科目层级完整",
    title_en: "Complete code tree",
    checks: "each 款/项 has its parent row; each 类/款 has children",
    why: "an orphan or childless row points to a cut or pasted table",
    example: "2050802 has no parent 20508",
};

/// GJ103 — the 合计 row equals the sum of the 类 rows.
///
/// What it checks: the total row of each coded table against its top-level rows, per column.
/// Why it matters: the total is what every other table is reconciled against.
/// Example: `收入总表 合计 4,773,258,128 元 ≠ Σ类 4,773,258,127 元`.
pub const GRAND_TOTAL: Rule = Rule {
    id: "GJ103",
    kind: FindingKind::GrandTotal,
    severity: Severity::Error,
    relation: "relations §1",
    stage: Stage::Tables,
    heuristic: false,
    applies: Applies::ALL,
    check: Some(check_grand_total),
    title: "合计 = Σ类",
    title_en: "Total row equals the sum of classes",
    checks: "合计/总计 = Σ 类 in every coded table and amount column",
    why: "the total is what other tables are reconciled against",
    example: "合计 4,773,258,128 ≠ Σ类 4,773,258,127",
};

/// The coded rows of one table with each row's children (codes two digits longer that begin
/// with it), in table order: one pass, not a scan of the table per row.
struct Tree<'t> {
    table: &'t Table,
    rows: Vec<(&'t crate::model::Code, &'t crate::model::Row)>,
    children_of: std::collections::HashMap<&'t str, Vec<usize>>,
    present: std::collections::HashSet<&'t str>,
    max_level: u8,
}

impl<'t> Tree<'t> {
    fn of(table: &'t Table) -> Option<Tree<'t>> {
        let max_level = match table.kind.code_system()? {
            crate::model::CodeSystem::Function => 3,
            crate::model::CodeSystem::Economic => 2,
        };
        let rows: Vec<_> = coded_rows(table).collect();
        let mut children_of: std::collections::HashMap<&str, Vec<usize>> = Default::default();
        let mut present: std::collections::HashSet<&str> = Default::default();
        for (i, (code, _)) in rows.iter().enumerate() {
            present.insert(code.as_str());
            if let Some(parent) = code.0.len().checked_sub(2).and_then(|n| code.0.get(..n)) {
                children_of.entry(parent).or_default().push(i);
            }
        }
        Some(Tree { table, rows, children_of, present, max_level })
    }

    fn children(&self, code: &str) -> &[usize] {
        self.children_of.get(code).map(Vec::as_slice).unwrap_or_default()
    }
}

/// Every coded table of the budget, as a tree (a table that may have lost rows has no tree to
/// sum over).
fn trees<'t>(ctx: &Ctx<'t>) -> impl Iterator<Item = Tree<'t>> {
    ctx.budget.tables.iter().filter(|t| t.complete).filter_map(Tree::of)
}

/// GJ101: 类 = Σ 款, 款 = Σ 项, per column.
fn check_hierarchy(ctx: &mut Ctx<'_>) {
    let mut parts: Vec<Term> = Vec::new();
    for tree in trees(ctx) {
        let table = tree.table;
        for (code, row) in &tree.rows {
            let children = tree.children(code.as_str());
            if children.is_empty() {
                continue;
            }
            for (i, col) in table.columns.iter().enumerate() {
                let Some(parent) = row.amount(i) else { continue };
                parts.clear();
                for &c in children {
                    match tree.rows[c].1.amount(i) {
                        Some(a) => parts.push(Term::of(table, a)),
                        None => break,
                    }
                }
                if parts.len() != children.len() {
                    continue;
                }
                let level = if code.level() == 1 {
                    ("其下各款之和", "the sum of its 款 rows")
                } else {
                    ("其下各项之和", "the sum of its 项 rows")
                };
                ctx.compare_lazy(
                    &HIERARCHY,
                    table.kind,
                    Relation::Equal,
                    Term::of(table, parent),
                    &parts,
                    || row_subject(table, row, col.role),
                    || (level.0.into(), level.1.into()),
                );
            }
        }
    }
}

/// GJ102: every 类/款 has children, every 款/项 its parent.
fn check_structure(ctx: &mut Ctx<'_>) {
    for tree in trees(ctx) {
        let table = tree.table;
        for (code, row) in &tree.rows {
            if tree.children(code.as_str()).is_empty() && code.level() < tree.max_level {
                structure(
                    ctx,
                    table,
                    row.label_cell.clone(),
                    format!("{}“{} {}”没有下级科目", short_zh(table), code.0, row.name),
                    format!("{} \"{} {}\" has no child rows", table.kind.name_en(), code.0, row.name),
                );
            }
        }
        for (code, row) in &tree.rows {
            if let Some(parent) = code.parent() {
                if !tree.present.contains(parent.as_str()) {
                    structure(
                        ctx,
                        table,
                        row.label_cell.clone(),
                        format!("{}“{} {}”没有上级科目 {}", short_zh(table), code.0, row.name, parent.0),
                        format!("{} \"{} {}\" has no parent row {}", table.kind.name_en(), code.0, row.name, parent.0),
                    );
                }
            }
        }
    }
}

/// GJ103: 合计 = Σ 类, per column.
fn check_grand_total(ctx: &mut Ctx<'_>) {
    for tree in trees(ctx) {
        let table = tree.table;
        let Some(total) = table.rows.iter().find(|r| r.line == Line::Total) else { continue };
        let classes: Vec<_> = tree.rows.iter().filter(|(c, _)| c.level() == 1).collect();
        if classes.is_empty() {
            continue;
        }
        for (i, col) in table.columns.iter().enumerate() {
            let Some(t) = total.amount(i) else { continue };
            let parts: Option<Vec<Term>> = classes.iter().map(|(_, r)| r.amount(i).map(|a| Term::of(table, a))).collect();
            let Some(parts) = parts else { continue };
            ctx.compare_lazy(
                &GRAND_TOTAL,
                table.kind,
                Relation::Equal,
                Term::of(table, t),
                &parts,
                || {
                    (
                        format!("{}“{}”行的{}", short_zh(table), total.name, column_zh(col)),
                        format!("{} total row, {}", table.kind.name_en(), col.role.name_en()),
                    )
                },
                || ("各类之和".into(), "the sum of the 类 rows".into()),
            );
        }
    }
}

fn structure(ctx: &mut Ctx<'_>, table: &Table, cell: crate::cell::CellRef, message: String, message_en: String) {
    ctx.findings.push(STRUCTURE.finding(message, message_en).in_table(table.kind).with_unit(table.unit).at(vec![cell]));
}

//! The 三公 table: its own arithmetic, and its items against the economic lines of basic spending.

use super::support::{by_code, cell_of, Ctx, Relation, Term};
use super::{Applies, Rule, Stage};
use crate::finding::{FindingKind, Severity};
use crate::model::{Code, ColumnRole as R, TableKind};

/// GJ202 — the 三公 total equals its items; vehicles equal purchase plus operation.
///
/// What it checks: 合计 = 因公出国(境)费 + 公务接待费 + 公务用车购置及运行费, and
/// 公务用车购置及运行费 = 购置费 + 运行费.
/// Why it matters: the 三公 total is the most quoted number of a department budget.
/// Example: `三公经费合计 995.20 万元 ≠ 455.00 + 198.40 + 341.80 = 995.20`.
pub const THREE_PUBLIC_ARITHMETIC: Rule = Rule {
    id: "GJ202",
    kind: FindingKind::ThreePublic,
    severity: Severity::Error,
    relation: "relations §2",
    stage: Stage::Tables,
    heuristic: false,
    applies: Applies::ALL,
    check: Some(check_arithmetic),
    title: "三公合计 = 出国 + 接待 + 公务用车",
    title_en: "三公 total equals its items",
    checks: "合计 = 因公出国(境) + 公务接待 + 公务用车; 公务用车 = 购置 + 运行",
    why: "the 三公 total is the most quoted number of a budget",
    example: "995.20 ≠ 455.00 + 198.40 + 341.90",
};

/// GJ601 — each 三公 item covers the matching economic line of basic spending.
///
/// What it checks: 因公出国(境)费 ≥ 30212, 公务接待费 ≥ 30217, 公务用车运行费 ≥ 30231 (the 三公 table
/// covers basic and project spending; the economic table only basic), comparing 万元 with 元 rounded.
/// Why it matters: a 三公 figure below its basic-spending part understates the 三公 budget.
/// Example: `公务接待费 100.00 万元 < 30217 公务接待费 136.95 万元`.
pub const THREE_PUBLIC_VS_ECONOMIC: Rule = Rule {
    id: "GJ601",
    kind: FindingKind::ThreePublic,
    severity: Severity::Warning,
    relation: "relations §12",
    stage: Stage::Tables,
    heuristic: true,
    applies: Applies::BUDGETS,
    check: Some(check_vs_economic),
    title: "三公各项 ≥ 对应经济分类科目",
    title_en: "三公 items cover their economic lines",
    checks: "因公出国 ≥ 30212; 公务接待 ≥ 30217; 公务用车运行 ≥ 30231",
    why: "a 三公 figure below its basic-spending part understates it",
    example: "公务接待费 100.00 万元 < 30217 136.95 万元",
};

pub(super) fn check_arithmetic(ctx: &mut Ctx<'_>) {
    let Some(table) = ctx.table(TableKind::ThreePublic) else { return };
    let Some(row) = table.total_row() else { return };
    // Each figure the table prints (预算数 and 决算数 in final accounts) adds up on its own.
    for group in table.groups() {
        let get = |role| table.column_in(role, group).and_then(|i| row.amount(i)).map(|a| Term::of(table, a));
        let (g_zh, g_en) = match group.name_zh() {
            "" => (String::new(), String::new()),
            zh => (format!("（{zh}）"), format!(" ({})", group.name_en())),
        };
        if let (Some(total), Some(a), Some(r), Some(v)) = (get(R::Total), get(R::Abroad), get(R::Reception), get(R::Vehicle)) {
            ctx.compare(
                &THREE_PUBLIC_ARITHMETIC,
                table.kind,
                Relation::Equal,
                total,
                &[a, r, v],
                (format!("“三公”经费合计{g_zh}"), format!("The 三公 total{g_en}")),
                ("因公出国(境)费、公务接待费、公务用车购置及运行费之和".into(), "the sum of travel abroad, receptions and vehicles".into()),
            );
        }
        if let (Some(v), Some(p), Some(o)) = (get(R::Vehicle), get(R::VehiclePurchase), get(R::VehicleOperation)) {
            ctx.compare(
                &THREE_PUBLIC_ARITHMETIC,
                table.kind,
                Relation::Equal,
                v,
                &[p, o],
                (format!("公务用车购置及运行费{g_zh}"), format!("Vehicle purchase and operation{g_en}")),
                ("购置费与运行费之和".into(), "purchase plus operation".into()),
            );
        }
    }
}

pub(super) fn check_vs_economic(ctx: &mut Ctx<'_>) {
    if !ctx.require(&THREE_PUBLIC_VS_ECONOMIC, &[TableKind::ThreePublic, TableKind::GpbBasicEconomic]) {
        return;
    }
    let (Some(tp), Some(eco)) = (ctx.table(TableKind::ThreePublic), ctx.table(TableKind::GpbBasicEconomic)) else { return };
    let Some(row) = tp.total_row() else { return };
    for (role, code, item_zh, item_en, word) in [
        (R::Abroad, "30212", "因公出国（境）费用", "travel abroad", "出国"),
        (R::Reception, "30217", "公务接待费", "receptions", "接待"),
        (R::VehicleOperation, "30231", "公务用车运行维护费", "vehicle operation", "车"),
    ] {
        let Some(item) = cell_of(tp, row, role) else { continue };
        // A line that the table names otherwise is not that item (some units file other spending
        // under the code): nothing to compare.
        if let Some(line) = eco.row_by_code(code).filter(|l| !l.name.is_empty() && !l.name.contains(word)) {
            ctx.skip(
                &THREE_PUBLIC_VS_ECONOMIC,
                format!("经济分类 {code} 在表中名为“{}”，不是{item_zh}", line.name),
                format!("economic line {code} is named \"{}\" in the table, not {item_en}", line.name),
            );
            continue;
        }
        let Some(line) = by_code(eco, &Code(code.into()), R::Total) else { continue };
        ctx.compare(
            &THREE_PUBLIC_VS_ECONOMIC,
            TableKind::ThreePublic,
            Relation::AtLeast,
            Term::of(tp, item),
            &[line],
            (format!("三公经费表的{}", role.name_zh()), format!("The 三公 {}", role.name_en())),
            (format!("基本支出经济分类 {code} {item_zh}"), format!("economic line {code} ({item_en}) of basic spending")),
        );
    }
}

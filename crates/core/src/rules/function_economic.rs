//! Function classification against economic classification (warnings).

use super::support::{by_code, Ctx, Relation, Term};
use super::{Applies, Rule, Stage};
use crate::finding::{FindingKind, Severity};
use crate::model::{Code, ColumnRole as R, TableKind as K};

/// GJ501 — pension, annuity, medical insurance and housing fund agree in both classifications.
///
/// What it checks: in basic spending, `gpb_function` 2080505 = 30108 (基本养老保险缴费);
/// 2080506 = 30109 (职业年金); 2101101 + 2101102 + 2101103 = 30110 + 30111 (医疗); 2210201 = 30113 (住房公积金).
/// Why it matters: these are the same payroll contributions seen by purpose and by nature; a gap
/// usually means one table was updated and the other was not.
/// Example: `2080505 基本支出 45,802,875 元 ≠ 30108 45,802,876 元`.
pub const FUNCTION_VS_ECONOMIC: Rule = Rule {
    id: "GJ501",
    kind: FindingKind::FunctionVsEconomic,
    severity: Severity::Warning,
    relation: "relations §11",
    stage: Stage::Tables,
    heuristic: true,
    applies: Applies::ALL,
    check: Some(check),
    title: "功能分类与经济分类对应科目一致",
    title_en: "Function and economic codes agree",
    checks: "2080505 = 30108; 2080506 = 30109; 2101101 + 2101102 + 2101103 = 30110 + 30111; 2210201 = 30113 (basic spending)",
    why: "the same contributions seen by purpose and by nature",
    example: "2080505 45,802,875 ≠ 30108 45,802,876",
};

pub(super) fn check(ctx: &mut Ctx<'_>) {
    if !ctx.require(&FUNCTION_VS_ECONOMIC, &[K::GpbFunction, K::GpbBasicEconomic]) {
        return;
    }
    let (Some(gpb), Some(eco)) = (ctx.table(K::GpbFunction), ctx.table(K::GpbBasicEconomic)) else { return };
    let pairs: [(&[&str], &[&str], &str, &str); 4] = [
        (&["2080505"], &["30108"], "机关事业单位基本养老保险缴费", "basic pension contributions"),
        (&["2080506"], &["30109"], "职业年金缴费", "occupational annuity"),
        (&["2101101", "2101102", "2101103"], &["30110", "30111"], "医疗保险缴费", "medical insurance"),
        (&["2210201"], &["30113"], "住房公积金", "housing fund"),
    ];
    for (func, econ, what_zh, what_en) in pairs {
        let present = |t: &crate::model::Table, codes: &[&str]| codes.iter().any(|c| t.row_by_code(c).is_some());
        if !present(gpb, func) && !present(eco, econ) {
            continue;
        }
        let f: Option<Vec<Term>> = func.iter().map(|c| by_code(gpb, &Code(c.to_string()), R::Basic)).collect();
        let e: Option<Vec<Term>> = econ.iter().map(|c| by_code(eco, &Code(c.to_string()), R::Total)).collect();
        let (Some(f), Some(e)) = (f, e) else { continue };
        // The economic side is checked against the function side; a lone term keeps its cell.
        let actual = if e.len() == 1 {
            e[0].clone()
        } else {
            let cell = e.iter().find_map(|t| t.cell.clone());
            Term { value: e.iter().map(|t| t.value).sum(), cell, unit: e[0].unit, decimals: e[0].decimals }
        };
        let mut parts = f;
        // Name every economic cell too.
        for extra in e.iter().skip(1) {
            parts.push(Term { value: rust_decimal::Decimal::ZERO, ..extra.clone() });
        }
        ctx.compare(
            &FUNCTION_VS_ECONOMIC,
            K::GpbBasicEconomic,
            Relation::Equal,
            actual,
            &parts,
            (format!("经济分类 {}（{what_zh}）", econ.join("+")), format!("Economic {} ({what_en})", econ.join("+"))),
            (format!("功能分类 {} 的基本支出", func.join("+")), format!("basic spending under function {}", func.join("+"))),
        );
    }
}

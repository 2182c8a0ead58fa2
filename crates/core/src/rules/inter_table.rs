//! Across tables (表间): the same money seen from different tables must agree.

use std::collections::BTreeSet;

use super::support::{by_code, coded_rows, line_amount, lists_codes, short_zh, total_of, Ctx, Relation, Term};
use super::{Applies, Rule, Stage};
use crate::finding::{FindingKind, Severity};
use crate::model::{Code, ColumnRole as R, Half, Line, SummaryLine as S, Table, TableKind as K};

macro_rules! inter_rule {
    ($name:ident, $id:literal, $check:ident, $rel:literal, $title:literal, $title_en:literal, $checks:literal, $why:literal, $example:literal) => {
        pub const $name: Rule = Rule {
            id: $id,
            kind: FindingKind::InterTable,
            severity: Severity::Error,
            stage: Stage::Tables,
            heuristic: false,
            applies: Applies::BUDGETS,
            check: Some($check),
            relation: $rel,
            title: $title,
            title_en: $title_en,
            checks: $checks,
            why: $why,
            example: $example,
        };
    };
}

inter_rule!(
    TOTALS_ACROSS,
    "GJ401",
    totals_across,
    "relations §4",
    "总表合计与收入、支出总表一致",
    "Summary totals match revenue and expenditure",
    "summary 收入总计 = revenue 合计; summary 支出总计 = expenditure 合计; revenue 合计 = expenditure 合计",
    "the three views of the whole budget must be one number",
    "收入总计 4,773,258,127 ≠ 收入总表合计 4,773,258,128"
);
inter_rule!(
    INCOME_LINES,
    "GJ402",
    income_lines,
    "relations §5",
    "总表收入项与收入总表各列合计一致",
    "Summary income lines match revenue columns",
    "summary 财政拨款收入/事业收入/事业单位经营收入/其他收入 = revenue column totals",
    "each source of money is stated twice and must agree",
    "事业收入 478,814,481 ≠ 收入总表事业收入合计 478,814,480"
);
inter_rule!(
    CLASS_LINES,
    "GJ403",
    class_lines,
    "relations §6",
    "各类支出在总表、收入表、支出表中一致",
    "Class lines agree across tables",
    "summary 类 lines = expenditure and revenue 类 合计; revenue 合计 = expenditure 合计 by code",
    "money raised for a purpose must be the money spent on it",
    "205 教育支出 36,439,514 ≠ 支出总表 36,439,515"
);
inter_rule!(APPROPRIATION_SUMMARY, "GJ404", appropriation_summary, "relations §7", "财政拨款收支总表与相关表一致", "Appropriation summary matches its sources",
    "appropriation 收入总计 = summary 财政拨款收入; its 类 lines = revenue 财政拨款收入 by 类; 一般公共预算 = gpb_function; 政府性基金 = gf_function",
    "appropriated money is the part of the budget a congress votes on",
    "教育支出 33,270,935 ≠ 收入总表财政拨款 33,270,936");
inter_rule!(
    APPROPRIATION_BY_CODE,
    "GJ405",
    appropriation_by_code,
    "relations §8",
    "财政拨款收入 = 一般公共预算 + 政府性基金（按科目）",
    "Appropriation income equals budget spending by code",
    "revenue 财政拨款收入 by code = gpb_function + gf_function (+ soc_function) 合计 by code",
    "appropriations are spent through exactly these budgets",
    "2050802 33,270,935 ≠ 33,270,936"
);
inter_rule!(
    GPB_WITHIN_EXPENDITURE,
    "GJ406",
    gpb_within_expenditure,
    "relations §9",
    "一般公共预算支出不超过部门支出",
    "General budget spending within total spending",
    "gpb_function by code ≤ expenditure by code (合计, 基本, 项目), and its codes are a subset",
    "part of a budget cannot exceed the whole",
    "2060101 基本支出 51,570,687 > 51,570,686"
);
inter_rule!(
    BASIC_VS_ECONOMIC,
    "GJ407",
    basic_vs_economic,
    "relations §10",
    "基本支出合计与经济分类表一致",
    "Basic spending matches the economic table",
    "gpb_function 基本支出 合计 = gpb_basic_economic 合计",
    "the same basic spending, classified two ways, must total the same",
    "569,990,682 ≠ 569,990,683"
);

fn title(t: &Table) -> (String, String) {
    (short_zh(t).to_string(), t.kind.name_en().to_string())
}

/// What the summary carries on to next year (结转下年 / 年末结转和结余), where it is not zero: the
/// revenue and expenditure tables then differ by it (central budgets).
fn carried_on(s: Option<&Table>) -> Option<Term> {
    line_amount(s?, Half::Expenditure, &S::ClosingBalance, R::Amount).filter(|t| !t.value.is_zero())
}

fn totals_across(ctx: &mut Ctx<'_>) {
    let (s, rev, exp) = (ctx.table(K::Summary), ctx.table(K::Revenue), ctx.table(K::Expenditure));
    let carried = carried_on(s);
    if let (Some(s), Some(rev)) = (s, rev) {
        if let (Some(a), Some(b)) = (line_amount(s, Half::Income, &S::IncomeTotal, R::Amount), total_of(rev, R::Total)) {
            ctx.compare(
                &TOTALS_ACROSS,
                K::Summary,
                Relation::Equal,
                a,
                &[b],
                ("收支总表“收入总计”".into(), "Summary income total".into()),
                ("收入总表合计".into(), "the revenue table total".into()),
            );
        }
    }
    if let (Some(s), Some(exp)) = (s, exp) {
        // The expenditure table is the year's spending: 本年支出合计 where the summary prints it
        // (central: 支出总计 adds 结转下年), else 支出总计.
        let year = line_amount(s, Half::Expenditure, &S::CurrentExpenditureTotal, R::Amount);
        let (line, zh, en) = match year {
            Some(_) => (S::CurrentExpenditureTotal, "本年支出合计", "Summary expenditure of the year"),
            None => (S::ExpenditureTotal, "支出总计", "Summary expenditure total"),
        };
        if let (Some(a), Some(b)) = (line_amount(s, Half::Expenditure, &line, R::Amount), total_of(exp, R::Total)) {
            ctx.compare(
                &TOTALS_ACROSS,
                K::Summary,
                Relation::Equal,
                a,
                &[b],
                (format!("收支总表“{zh}”"), en.into()),
                ("支出总表合计".into(), "the expenditure table total".into()),
            );
        }
    }
    if let (Some(rev), Some(exp)) = (rev, exp) {
        if let (Some(a), Some(b)) = (total_of(rev, R::Total), total_of(exp, R::Total)) {
            // What is raised is what is spent, and what is carried on to next year.
            let mut parts = vec![b];
            parts.extend(carried.clone());
            let with = if carried.is_some() { "与收支总表“结转下年”之和" } else { "" };
            let with_en = if carried.is_some() { " plus the summary's amount carried on" } else { "" };
            ctx.compare(
                &TOTALS_ACROSS,
                K::Revenue,
                Relation::Equal,
                a,
                &parts,
                ("收入总表合计".into(), "The revenue table total".into()),
                (format!("支出总表合计{with}"), format!("the expenditure table total{with_en}")),
            );
        }
    }
    if s.is_none() || rev.is_none() || exp.is_none() {
        ctx.require(&TOTALS_ACROSS, &[K::Summary, K::Revenue, K::Expenditure]);
    }
}

fn income_lines(ctx: &mut Ctx<'_>) {
    if !ctx.require(&INCOME_LINES, &[K::Summary, K::Revenue]) {
        return;
    }
    let (Some(s), Some(rev)) = (ctx.table(K::Summary), ctx.table(K::Revenue)) else { return };
    for (line, role) in [
        (S::FiscalAppropriation, R::FiscalAppropriation),
        (S::BusinessIncome, R::BusinessIncome),
        (S::OperatingIncome, R::OperatingIncome),
        (S::OtherIncome, R::OtherIncome),
        (S::CarryOver, R::CarryOver),
        (S::SuperiorSubsidy, R::SuperiorSubsidy),
        (S::AffiliateIncome, R::AffiliateIncome),
    ] {
        let Some(row) = s.summary_line(Half::Income, &line) else { continue };
        let Some(a) = line_amount(s, Half::Income, &line, R::Amount) else { continue };
        if rev.column(role, Half::Whole).is_none() {
            if !a.value.is_zero() {
                ctx.skip(
                    &INCOME_LINES,
                    format!("收入总表没有“{}”列", role.name_zh()),
                    format!("the revenue table has no {} column", role.name_en()),
                );
            }
            continue;
        }
        let Some(b) = total_of(rev, role) else { continue };
        ctx.compare(
            &INCOME_LINES,
            K::Summary,
            Relation::Equal,
            a,
            &[b],
            (format!("收支总表“{}”", row.name), format!("Summary \"{}\"", row.name)),
            (format!("收入总表“{}”列合计", role.name_zh()), format!("the revenue table's {} total", role.name_en())),
        );
    }
}

/// Top-level (类) codes of a coded table.
fn classes(t: &Table) -> BTreeSet<Code> {
    coded_rows(t).map(|(c, _)| c).filter(|c| c.level() == 1).cloned().collect()
}

fn class_lines(ctx: &mut Ctx<'_>) {
    let (s, rev, exp) = (ctx.table(K::Summary), ctx.table(K::Revenue), ctx.table(K::Expenditure));
    // Money carried on to next year is raised under a code but not spent under it this year: the
    // revenue table then agrees with the expenditure lines only in total (GJ401).
    let carried = carried_on(s).is_some();
    let rev = if carried && rev.is_some() {
        ctx.skip(
            &CLASS_LINES,
            "收支总表有“结转下年”：收入总表与支出按科目不必相等".to_string(),
            "the summary carries money on to next year: revenue and expenditure need not agree by code".to_string(),
        );
        None
    } else {
        rev
    };
    if let Some(s) = s {
        let lines: Vec<(Code, &crate::model::Row)> = s
            .rows
            .iter()
            .filter_map(|r| match &r.line {
                Line::Summary { line: S::FunctionClass(c) } if r.half == Half::Expenditure => Some((c.clone(), r)),
                _ => None,
            })
            .collect();
        for other in [exp, rev].into_iter().flatten() {
            if !lists_codes(other) {
                let (tz, te) = title(other);
                ctx.skip(&CLASS_LINES, format!("{tz}未按科目列示"), format!("the {te} table does not list its amounts by code"));
                continue;
            }
            let mut codes: BTreeSet<Code> = classes(other);
            codes.extend(lines.iter().map(|(c, _)| c.clone()));
            for code in codes {
                let line = lines.iter().find(|(c, _)| *c == code);
                let a = match line {
                    Some(_) => match line_amount(s, Half::Expenditure, &S::FunctionClass(code.clone()), R::Amount) {
                        Some(t) => t,
                        None => continue,
                    },
                    None if s.complete => Term::zero(s),
                    None => continue,
                };
                let Some(b) = by_code(other, &code, R::Total) else { continue };
                let name = other.row_by_code(&code.0).map(|r| r.name.clone()).or(line.map(|l| l.1.name.clone())).unwrap_or_default();
                let (tz, te) = title(other);
                ctx.compare(
                    &CLASS_LINES,
                    K::Summary,
                    Relation::Equal,
                    a,
                    &[b],
                    (format!("收支总表支出项“{} {}”", code.0, name), format!("Summary expenditure line {} {}", code.0, name)),
                    (format!("{tz}该类合计"), format!("that class's total in the {te} table")),
                );
            }
        }
    } else {
        ctx.require(&CLASS_LINES, &[K::Summary]);
    }
    // revenue 合计 = expenditure 合计 by code, every level.
    if let (Some(rev), Some(exp)) = (rev, exp) {
        let mut codes: BTreeSet<Code> = coded_rows(rev).map(|(c, _)| c.clone()).collect();
        codes.extend(coded_rows(exp).map(|(c, _)| c.clone()));
        for code in codes {
            let (Some(a), Some(b)) = (by_code(exp, &code, R::Total), by_code(rev, &code, R::Total)) else { continue };
            let name = || exp.row_by_code(&code.0).or(rev.row_by_code(&code.0)).map(|r| r.name.clone()).unwrap_or_default();
            ctx.compare_lazy(
                &CLASS_LINES,
                K::Expenditure,
                Relation::Equal,
                a,
                &[b],
                || (format!("支出总表“{} {}”的合计", code.0, name()), format!("Expenditure {} {} total", code.0, name())),
                || ("收入总表同一科目的合计".into(), "the revenue table's total for the same code".into()),
            );
        }
    }
}

fn appropriation_summary(ctx: &mut Ctx<'_>) {
    if !ctx.require(&APPROPRIATION_SUMMARY, &[K::AppropriationSummary]) {
        return;
    }
    let Some(ap) = ctx.table(K::AppropriationSummary) else { return };
    if let Some(s) = ctx.table(K::Summary) {
        if let (Some(a), Some(b)) =
            (line_amount(ap, Half::Income, &S::IncomeTotal, R::Amount), line_amount(s, Half::Income, &S::FiscalAppropriation, R::Amount))
        {
            ctx.compare(
                &APPROPRIATION_SUMMARY,
                K::AppropriationSummary,
                Relation::Equal,
                a,
                &[b],
                ("财政拨款收支总表“收入总计”".into(), "Appropriation summary income total".into()),
                ("收支总表“财政拨款收入”".into(), "the summary's appropriation income".into()),
            );
        }
    }
    let lines: Vec<(Code, &crate::model::Row)> = ap
        .rows
        .iter()
        .filter_map(|r| match &r.line {
            Line::Summary { line: S::FunctionClass(c) } if r.half == Half::Expenditure => Some((c.clone(), r)),
            _ => None,
        })
        .collect();
    let pairs: [(R, Option<&Table>, R, &str, &str); 3] = [
        (
            R::Total,
            ctx.table(K::Revenue),
            R::FiscalAppropriation,
            "收入总表该类财政拨款收入",
            "the revenue table's appropriation income for the class",
        ),
        (
            R::GeneralPublicBudget,
            ctx.table(K::GpbFunction),
            R::Total,
            "一般公共预算支出表该类合计",
            "the general budget table's class total",
        ),
        (R::GovernmentFund, ctx.table(K::GfFunction), R::Total, "政府性基金支出表该类合计", "the government funds table's class total"),
    ];
    for (ap_role, other, other_role, basis_zh, basis_en) in pairs {
        let Some(other) = other else { continue };
        let Some(ap_idx) = ap.column(ap_role, Half::Expenditure) else { continue };
        let mut codes: BTreeSet<Code> = classes(other);
        codes.extend(lines.iter().map(|(c, _)| c.clone()));
        for code in codes {
            let a = match lines.iter().find(|(c, _)| *c == code) {
                Some((_, row)) => match row.amount(ap_idx) {
                    Some(x) => Term::of(ap, x),
                    None => continue,
                },
                None if ap.complete => Term::zero(ap),
                None => continue,
            };
            let Some(b) = by_code(other, &code, other_role) else { continue };
            let name = lines.iter().find(|(c, _)| *c == code).map(|l| l.1.name.clone()).unwrap_or_else(|| code.0.clone());
            ctx.compare(
                &APPROPRIATION_SUMMARY,
                K::AppropriationSummary,
                Relation::Equal,
                a,
                &[b],
                (
                    format!("财政拨款收支总表“{name}”的{}", ap_role.name_zh()),
                    format!("Appropriation summary \"{name}\" {}", ap_role.name_en()),
                ),
                (basis_zh.into(), basis_en.into()),
            );
        }
    }
}

fn appropriation_by_code(ctx: &mut Ctx<'_>) {
    if !ctx.require(&APPROPRIATION_BY_CODE, &[K::Revenue, K::GpbFunction, K::GfFunction]) {
        return;
    }
    let (Some(rev), Some(gpb), Some(gf)) = (ctx.table(K::Revenue), ctx.table(K::GpbFunction), ctx.table(K::GfFunction)) else { return };
    if rev.column(R::FiscalAppropriation, Half::Whole).is_none() {
        ctx.skip(&APPROPRIATION_BY_CODE, "收入总表没有“财政拨款收入”列".into(), "the revenue table has no appropriation column".into());
        return;
    }
    let soc = ctx.table(K::SocFunction);
    let mut codes: BTreeSet<Code> = coded_rows(rev).map(|(c, _)| c.clone()).collect();
    for t in [Some(gpb), Some(gf), soc].into_iter().flatten() {
        codes.extend(coded_rows(t).map(|(c, _)| c.clone()));
    }
    for code in codes {
        let Some(a) = by_code(rev, &code, R::FiscalAppropriation) else { continue };
        let parts: Option<Vec<Term>> = [Some(gpb), Some(gf), soc].into_iter().flatten().map(|t| by_code(t, &code, R::Total)).collect();
        let Some(parts) = parts else { continue };
        let name = || rev.row_by_code(&code.0).or(gpb.row_by_code(&code.0)).map(|r| r.name.clone()).unwrap_or_default();
        ctx.compare_lazy(
            &APPROPRIATION_BY_CODE,
            K::Revenue,
            Relation::Equal,
            a,
            &parts,
            || (format!("收入总表“{} {}”的财政拨款收入", code.0, name()), format!("Revenue {} {} appropriation income", code.0, name())),
            || {
                (
                    "一般公共预算、政府性基金（及国有资本经营）支出表同一科目合计之和".into(),
                    "the sum of the budget tables' totals for the code".into(),
                )
            },
        );
    }
}

fn gpb_within_expenditure(ctx: &mut Ctx<'_>) {
    if !ctx.require(&GPB_WITHIN_EXPENDITURE, &[K::GpbFunction, K::Expenditure]) {
        return;
    }
    let (Some(gpb), Some(exp)) = (ctx.table(K::GpbFunction), ctx.table(K::Expenditure)) else { return };
    if !lists_codes(exp) {
        ctx.skip(&GPB_WITHIN_EXPENDITURE, "支出总表未按科目列示".into(), "the expenditure table does not list its amounts by code".into());
        return;
    }
    for (code, row) in coded_rows(gpb) {
        let Some(exp_row) = exp.row_by_code(&code.0) else {
            ctx.findings.push(
                GPB_WITHIN_EXPENDITURE
                    .finding(
                        format!("一般公共预算支出表的科目“{} {}”不在支出总表中。", code.0, row.name),
                        format!("Code {} {} of the general budget table is missing from the expenditure table.", code.0, row.name),
                    )
                    .in_table(K::GpbFunction)
                    .with_unit(gpb.unit)
                    .at(vec![row.label_cell.clone()]),
            );
            continue;
        };
        for role in [R::Total, R::Basic, R::Project] {
            let (Some(gi), Some(ei)) = (gpb.column(role, Half::Whole), exp.column(role, Half::Whole)) else { continue };
            let (Some(a), Some(b)) = (row.amount(gi), exp_row.amount(ei)) else { continue };
            ctx.compare_lazy(
                &GPB_WITHIN_EXPENDITURE,
                K::GpbFunction,
                Relation::AtMost,
                Term::of(gpb, a),
                &[Term::of(exp, b)],
                || {
                    (
                        format!("一般公共预算支出表“{} {}”的{}", code.0, row.name, role.name_zh()),
                        format!("General budget {} {} {}", code.0, row.name, role.name_en()),
                    )
                },
                || (format!("支出总表同一科目的{}", role.name_zh()), format!("the expenditure table's {} for the code", role.name_en())),
            );
        }
    }
}

fn basic_vs_economic(ctx: &mut Ctx<'_>) {
    if !ctx.require(&BASIC_VS_ECONOMIC, &[K::GpbFunction, K::GpbBasicEconomic]) {
        return;
    }
    let (Some(gpb), Some(eco)) = (ctx.table(K::GpbFunction), ctx.table(K::GpbBasicEconomic)) else { return };
    if let (Some(a), Some(b)) = (total_of(eco, R::Total), total_of(gpb, R::Basic)) {
        ctx.compare(
            &BASIC_VS_ECONOMIC,
            K::GpbBasicEconomic,
            Relation::Equal,
            a,
            &[b],
            ("基本支出经济分类表合计".into(), "The economic table total".into()),
            ("一般公共预算支出表基本支出合计".into(), "the general budget table's basic spending total".into()),
        );
    }
}

//! Judging claims: against the tables (GJ701), against the tables and the prior year (GJ702),
//! against the text's own amounts (GJ703, GJ704).

use rust_decimal::Decimal;

use super::{Against, Claim, ClaimKind, ClaimVerdict, ClassBasis, Subject, TextAmount, Verdict};
use crate::amount::{format_grouped, round_half_up};
use crate::cell::CellRef;
use crate::finding::{Finding, NotChecked, TextSpan};
use crate::model::{Budget, Code, ColumnRole as R, Half, Line, MoneyUnit, Row, SummaryLine as S, Table, TableKind as K};
use crate::money;
use crate::recognise::vocab;
use crate::rules::narrative::{AMOUNT_CLAIM, CHANGE_CLAIM, FINAL_AMOUNT_CLAIM, ITEMISED_SUM, PROJECT_AMOUNTS};
use crate::rules::support::short_zh;
use crate::rules::Rule;

/// Judges every claim: against `budget`, and for changes against `prior` (the budget of the
/// year the text compares with). Claims keep their order.
pub fn check_claims(claims: &[Claim], budget: &Budget, prior: Option<&Budget>) -> Vec<ClaimVerdict> {
    claims.iter().map(|c| check_one(c, budget, prior)).collect()
}

fn check_one(c: &Claim, budget: &Budget, prior: Option<&Budget>) -> ClaimVerdict {
    match &c.kind {
        ClaimKind::Amount { subject } => amount(c, subject, budget),
        ClaimKind::YearOverYear { subject, against, .. } => change(c, subject, *against, budget, prior),
        ClaimKind::ItemisedSum { parts } => sum(c, parts),
        ClaimKind::ProjectAmounts { total } => project(c, total),
    }
}

/// The findings and not-checked notes the verdicts give: a finding for each disagreement (with
/// the rule's severity and the claim's place in the text), a note for each distinct reason a
/// claim could not be checked.
pub fn findings(verdicts: &[ClaimVerdict]) -> (Vec<Finding>, Vec<NotChecked>) {
    let mut findings = Vec::new();
    let mut notes: Vec<NotChecked> = Vec::new();
    for v in verdicts {
        let rule = v.rule.get();
        match &v.verdict {
            Verdict::Agrees => {}
            Verdict::Disagrees { expected, actual, difference, unit } => findings.push(Finding {
                table: v.table,
                expected: Some(*expected),
                actual: Some(*actual),
                difference: Some(*difference),
                text: Some(TextSpan {
                    line: v.claim.line,
                    column: v.claim.column,
                    sentence: v.claim.sentence.clone(),
                    ..Default::default()
                }),
                ..rule.finding(v.message.clone(), v.message_en.clone()).with_unit(Some(*unit)).at(v.cells.clone())
            }),
            Verdict::CannotCheck { reason, reason_en } => {
                if !notes.iter().any(|n| n.rule == v.rule && n.reason == *reason) {
                    notes.push(rule.not_checked(reason.clone(), reason_en.clone()));
                }
            }
        }
    }
    (findings, notes)
}

type Why = (String, String);

fn verdict(c: &Claim, rule: &'static Rule, verdict: Verdict, table: Option<K>, cells: Vec<CellRef>, message: Why) -> ClaimVerdict {
    ClaimVerdict { claim: c.clone(), rule: rule.r(), verdict, table, cells, message: message.0, message_en: message.1 }
}

fn cannot(c: &Claim, rule: &'static Rule, why: Why) -> ClaimVerdict {
    let message = (
        format!("第{}行“{}{}”无法核对：{}", c.line, c.subject.trim_matches(['“', '”']), c.amount.written, why.0),
        format!("Line {}, \"{}{}\" cannot be checked: {}", c.line, c.subject, c.amount.written, why.1),
    );
    verdict(c, rule, Verdict::CannotCheck { reason: why.0, reason_en: why.1 }, None, Vec::new(), message)
}

/// An amount of the tables, with where it comes from.
#[derive(Clone, Debug)]
struct Figure {
    value: Decimal,
    unit: Option<MoneyUnit>,
    decimals: u32,
    cells: Vec<CellRef>,
    table: K,
    what: Why,
}

impl Figure {
    fn of(t: &Table, row: &Row, idx: usize) -> Option<Figure> {
        let a = row.amount(idx)?;
        let role = t.columns[idx].role;
        let col = if role == R::Amount { String::new() } else { format!("的{}", role.name_zh()) };
        let col_en = if role == R::Amount { String::new() } else { format!(" {}", role.name_en()) };
        let code = row.code.as_ref().map(|c| format!("{} ", c.0)).unwrap_or_default();
        Some(Figure {
            value: a.value,
            unit: t.unit,
            decimals: t.decimals,
            cells: vec![a.cell.clone()],
            table: t.kind,
            what: (
                format!("{}“{code}{}”{col}", short_zh(t), row.name.trim()),
                format!("{} \"{code}{}\"{col_en}", t.kind.name_en(), row.name.trim()),
            ),
        })
    }

    /// A zero for a row a present table does not list (a class without appropriations).
    fn absent(t: &Table, what: Why) -> Figure {
        Figure { value: Decimal::ZERO, unit: t.unit, decimals: t.decimals, cells: Vec::new(), table: t.kind, what }
    }

    /// The figure rounded and shown: `33,270,935 元`.
    fn shown(&self) -> String {
        let unit = self.unit.map_or("", |u| u.label());
        format!("{} {unit}", format_grouped(self.value, self.decimals.min(4)))
    }
    fn shown_en(&self) -> String {
        let unit = self.unit.map_or("", |u| u.label_en());
        format!("{} {unit}", format_grouped(self.value, self.decimals.min(4)))
    }
}

fn missing(kinds: &[K]) -> Why {
    let zh: Vec<&str> = kinds.iter().map(|k| k.name_zh()).collect();
    let en: Vec<&str> = kinds.iter().map(|k| k.name_en()).collect();
    (format!("缺少{}", zh.join("或")), format!("missing: {}", en.join(" or ")))
}

/// A summary line's amount in the column with `role` (else the half's first column).
fn line_figure(t: &Table, half: Half, line: &S, role: R) -> Option<Figure> {
    let row = t.summary_line(half, line)?;
    let idx = t.column(role, half).or_else(|| t.columns.iter().position(|c| c.half == half))?;
    Figure::of(t, row, idx)
}

/// The total row's amount in `role`; a zero for a table stated empty.
fn total_figure(t: &Table, role: R) -> Option<Figure> {
    match t.total_row() {
        Some(row) => Figure::of(t, row, t.column(role, row.half).or_else(|| t.column_any_half(role))?),
        None if t.empty => {
            Some(Figure::absent(t, (format!("{}合计（空表）", short_zh(t)), format!("{} total (empty table)", t.kind.name_en()))))
        }
        None => None,
    }
}

/// A coded row's amount in `role`; a zero when the table does not list the code.
fn code_figure(t: &Table, code: &Code, role: R) -> Option<Figure> {
    match t.row_by_code(&code.0) {
        Some(row) => Figure::of(t, row, t.column(role, row.half)?),
        None => Some(Figure::absent(
            t,
            (
                format!("{}（未列 {} 科目，按 0 计）", short_zh(t), code.0),
                format!("{} (code {} not listed: zero)", t.kind.name_en(), code.0),
            ),
        )),
    }
}

fn unreadable(kind: K) -> Why {
    (format!("{}中相应单元格无法读取", kind.name_zh()), format!("the cell in the {} could not be read", kind.name_en()))
}

/// The code of a 类 named in the text: as the budget's tables name it, else by gouji's list of
/// class names (which knows renamed classes).
fn class_code(name: &str, budget: &Budget) -> Option<Code> {
    let key = |s: &str| {
        let n = vocab::normalize(s);
        vocab::strip_numbering(&n).to_string()
    };
    let want = key(name);
    for kind in [K::AppropriationSummary, K::Summary] {
        if let Some(t) = budget.table(kind) {
            for r in &t.rows {
                if let Line::Summary { line: S::FunctionClass(c) } = &r.line {
                    if key(&r.name) == want {
                        return Some(c.clone());
                    }
                }
            }
        }
    }
    for kind in [K::Expenditure, K::Revenue, K::GpbFunction] {
        if let Some(t) = budget.table(kind) {
            if let Some(c) =
                t.rows.iter().filter_map(|r| r.code.as_ref().filter(|c| c.level() == 1).filter(|_| key(&r.name) == want)).next()
            {
                return Some(c.clone());
            }
        }
    }
    vocab::function_class_code(name)
}

/// The tables' figure for a subject. `code` names the class when it was resolved elsewhere
/// (the prior year is looked up by this year's code).
fn figure(subject: &Subject, budget: &Budget, code: Option<&Code>) -> Result<Figure, Why> {
    let ap = budget.table(K::AppropriationSummary);
    let summary = budget.table(K::Summary);
    let exp_total = |t: &Table, role: R| line_figure(t, Half::Expenditure, &S::ExpenditureTotal, role);
    let ap_role = |role: R| -> Option<Result<Figure, Why>> {
        let t = ap?;
        t.column(role, Half::Expenditure)?;
        Some(exp_total(t, role).ok_or_else(|| unreadable(t.kind)))
    };
    let three = |role: R| -> Result<Figure, Why> {
        let t = budget.table(K::ThreePublic).ok_or_else(|| missing(&[K::ThreePublic]))?;
        if t.column_any_half(role).is_none() {
            return Err((format!("三公经费表没有“{}”列", role.name_zh()), format!("the 三公 table has no {} column", role.name_en())));
        }
        total_figure(t, role).ok_or_else(|| unreadable(t.kind))
    };
    let table_total = |kind: K, role: R| -> Option<Result<Figure, Why>> {
        let t = budget.table(kind)?;
        Some(total_figure(t, role).ok_or_else(|| unreadable(kind)))
    };
    match subject {
        Subject::ExpenditureTotal => summary
            .map(|s| line_figure(s, Half::Expenditure, &S::ExpenditureTotal, R::Amount).ok_or_else(|| unreadable(s.kind)))
            .or_else(|| table_total(K::Expenditure, R::Total))
            .unwrap_or_else(|| Err(missing(&[K::Summary, K::Expenditure]))),
        Subject::IncomeTotal => summary
            .map(|s| line_figure(s, Half::Income, &S::IncomeTotal, R::Amount).ok_or_else(|| unreadable(s.kind)))
            .or_else(|| table_total(K::Revenue, R::Total))
            .unwrap_or_else(|| Err(missing(&[K::Summary, K::Revenue]))),
        Subject::Appropriation => ap_role(R::Total)
            .or_else(|| summary.map(|s| line_figure(s, Half::Income, &S::FiscalAppropriation, R::Amount).ok_or_else(|| unreadable(s.kind))))
            .unwrap_or_else(|| Err(missing(&[K::AppropriationSummary, K::Summary]))),
        Subject::GeneralPublicBudget => ap_role(R::GeneralPublicBudget)
            .or_else(|| table_total(K::GpbFunction, R::Total))
            .unwrap_or_else(|| Err(missing(&[K::AppropriationSummary, K::GpbFunction]))),
        Subject::GovernmentFund => ap_role(R::GovernmentFund)
            .or_else(|| table_total(K::GfFunction, R::Total))
            .unwrap_or_else(|| Err(missing(&[K::AppropriationSummary, K::GfFunction]))),
        Subject::StateCapital => ap_role(R::StateCapital).or_else(|| table_total(K::SocFunction, R::Total)).unwrap_or_else(|| {
            // Neither a column nor a table: what the appropriation summary's total leaves over.
            let t = ap.ok_or_else(|| missing(&[K::AppropriationSummary, K::SocFunction]))?;
            let total = exp_total(t, R::Total).ok_or_else(|| unreadable(t.kind))?;
            let mut f = Figure {
                what: (
                    format!("{}“支出总计”的合计减去一般公共预算与政府性基金（表中未列国有资本经营预算）", short_zh(t)),
                    "the appropriation summary total less general budget and government funds (no state capital column)".into(),
                ),
                ..total.clone()
            };
            for role in [R::GeneralPublicBudget, R::GovernmentFund] {
                if t.column(role, Half::Expenditure).is_some() {
                    let part = exp_total(t, role).ok_or_else(|| unreadable(t.kind))?;
                    f.value -= part.value;
                    f.cells.extend(part.cells);
                }
            }
            Ok(f)
        }),
        Subject::FunctionClass { name, basis } => {
            let code = code
                .cloned()
                .or_else(|| class_code(name, budget))
                .ok_or_else(|| (format!("不认识“{name}”这一功能分类科目"), format!("\"{name}\" is not a function class gouji knows")))?;
            let ap_line = |t: &Table| {
                let what =
                    (format!("{}（未列“{name}”，按 0 计）", short_zh(t)), format!("{} (\"{name}\" not listed: zero)", t.kind.name_en()));
                match t.summary_line(Half::Expenditure, &S::FunctionClass(code.clone())) {
                    Some(_) => {
                        line_figure(t, Half::Expenditure, &S::FunctionClass(code.clone()), R::Total).ok_or_else(|| unreadable(t.kind))
                    }
                    None => Ok(Figure::absent(t, what)),
                }
            };
            let coded = |kind: K, role: R| budget.table(kind).map(|t| code_figure(t, &code, role).ok_or_else(|| unreadable(kind)));
            match basis {
                ClassBasis::Appropriation => ap
                    .map(ap_line)
                    .or_else(|| coded(K::Revenue, R::FiscalAppropriation))
                    .unwrap_or_else(|| Err(missing(&[K::AppropriationSummary, K::Revenue]))),
                ClassBasis::GeneralPublicBudget => coded(K::GpbFunction, R::Total)
                    .or_else(|| {
                        ap.filter(|t| t.column(R::GeneralPublicBudget, Half::Expenditure).is_some()).map(|t| {
                            line_figure(t, Half::Expenditure, &S::FunctionClass(code.clone()), R::GeneralPublicBudget)
                                .ok_or_else(|| unreadable(t.kind))
                        })
                    })
                    .unwrap_or_else(|| Err(missing(&[K::GpbFunction, K::AppropriationSummary]))),
                ClassBasis::Expenditure => coded(K::Expenditure, R::Total)
                    .or_else(|| {
                        summary.map(|s| {
                            line_figure(s, Half::Expenditure, &S::FunctionClass(code.clone()), R::Amount).ok_or_else(|| unreadable(s.kind))
                        })
                    })
                    .unwrap_or_else(|| Err(missing(&[K::Expenditure, K::Summary]))),
            }
        }
        Subject::ThreePublicTotal => three(R::Total),
        Subject::Abroad => three(R::Abroad),
        Subject::Reception => three(R::Reception),
        Subject::Vehicle => three(R::Vehicle),
        Subject::VehiclePurchase => three(R::VehiclePurchase),
        Subject::VehicleOperation => three(R::VehicleOperation),
        Subject::OfficeOperation => three(R::OfficeOperation),
        // A 决算's totals: the lines of its two 总表s, in the half they stand in.
        Subject::FinalTotal => final_line(budget, K::Summary, Half::Income, &S::IncomeTotal),
        Subject::FinalCurrentIncome => final_line(budget, K::Summary, Half::Income, &S::CurrentIncomeTotal),
        Subject::FinalCurrentExpenditure => final_line(budget, K::Summary, Half::Expenditure, &S::CurrentExpenditureTotal),
        Subject::FinalAppropriationTotal => final_line(budget, K::AppropriationSummary, Half::Income, &S::IncomeTotal),
        Subject::FinalBasic => final_total(budget, K::Expenditure, R::Basic),
        Subject::FinalProject => final_total(budget, K::Expenditure, R::Project),
        Subject::FinalGpb => final_total(budget, K::GpbFunction, R::Total),
        Subject::FinalGpbBasic => final_total(budget, K::GpbFunction, R::Basic),
        Subject::FinalPersonnel => block_total(budget, "人员经费", R::Personnel),
        Subject::FinalPublicExpense => block_total(budget, "公用经费", R::PublicExpense),
    }
}

/// 人员经费合计 / 公用经费合计 of the basic-expenditure table: its own row where the table prints
/// the two blocks side by side (a 决算's), else the 合计 row's column.
fn block_total(budget: &Budget, label: &str, role: R) -> Result<Figure, Why> {
    let t = budget.table(K::GpbBasicEconomic).ok_or_else(|| missing_in(budget, K::GpbBasicEconomic))?;
    match (t.uncoded_row(label), t.column_any_half(R::Total)) {
        (Some(row), Some(col)) => Figure::of(t, row, col).ok_or_else(|| unreadable(t.kind)),
        _ => final_total(budget, K::GpbBasicEconomic, role),
    }
}

/// A 决算 table's 合计 row in a column.
fn final_total(budget: &Budget, kind: K, role: R) -> Result<Figure, Why> {
    let t = budget.table(kind).ok_or_else(|| missing_in(budget, kind))?;
    total_figure(t, role).ok_or_else(|| unreadable(kind))
}

/// A table the 决算 lacks, named as its set names it (支出决算表).
fn missing_in(budget: &Budget, kind: K) -> Why {
    (format!("缺少{}", kind.name_for(budget.kind, budget.family)), format!("missing: {}", kind.name_en()))
}

/// A line of a 决算 总表 (its first column in the half: 决算数).
fn final_line(budget: &Budget, kind: K, half: Half, line: &S) -> Result<Figure, Why> {
    let t = budget.table(kind).ok_or_else(|| missing_in(budget, kind))?;
    line_figure(t, half, line, R::Amount).ok_or_else(|| unreadable(kind))
}

fn unit_of(f: &Figure) -> Result<MoneyUnit, Why> {
    f.unit.ok_or_else(|| (format!("{}未写明金额单位", f.table.name_zh()), format!("the {} does not state its unit", f.table.name_en())))
}

/// A stated amount against a table figure, at the coarser of the two precisions. Returns
/// whether they agree and the figure in the text's unit (rounded to the text's places when the
/// text is the coarser).
fn stated_vs(stated: &TextAmount, value: Decimal, unit: MoneyUnit, decimals: u32) -> (bool, Decimal) {
    if money::last_place_yuan(stated.unit, stated.decimals) >= money::last_place_yuan(unit, decimals) {
        let e = round_half_up(money::in_unit(value, unit, stated.unit), stated.decimals);
        (e == stated.value, e)
    } else {
        let agree = round_half_up(money::in_unit(stated.value, stated.unit, unit), decimals) == value;
        (agree, money::in_unit(value, unit, stated.unit).normalize())
    }
}

fn fmt(d: Decimal, dp: u32) -> String {
    format_grouped(d, dp)
}

fn amount(c: &Claim, subject: &Subject, budget: &Budget) -> ClaimVerdict {
    let rule = if subject.is_final() { &FINAL_AMOUNT_CLAIM } else { &AMOUNT_CLAIM };
    let f = match figure(subject, budget, None) {
        Ok(f) => f,
        Err(why) => return cannot(c, rule, why),
    };
    let fu = match unit_of(&f) {
        Ok(u) => u,
        Err(why) => return cannot(c, rule, why),
    };
    let s = &c.amount;
    let (agree, expected) = stated_vs(s, f.value, fu, f.decimals);
    let dp = s.decimals.max(expected.scale().min(4));
    let converted = if fu == s.unit { String::new() } else { format!("（折合 {} {}）", fmt(expected, dp), s.unit.label()) };
    let converted_en = if fu == s.unit { String::new() } else { format!(" ({} {})", fmt(expected, dp), s.unit.label_en()) };
    if agree {
        let message = (
            format!("{}{}与{} {}{}一致。", c.subject, s.written, f.what.0, f.shown(), converted),
            format!("{} {} agrees with {}: {}{}.", subject.name_en(), s.written, f.what.1, f.shown_en(), converted_en),
        );
        return verdict(c, rule, Verdict::Agrees, Some(f.table), f.cells, message);
    }
    let diff = s.value - expected;
    let message = (
        format!(
            "说明第{}行称{}为 {}，但{}为 {}{}，相差 {} {}。",
            c.line,
            c.subject,
            s.written,
            f.what.0,
            f.shown(),
            converted,
            fmt(diff, dp),
            s.unit.label()
        ),
        format!(
            "Line {} of the text gives {} as {}, but {} is {}{}: off by {} {}.",
            c.line,
            subject.name_en(),
            s.written,
            f.what.1,
            f.shown_en(),
            converted_en,
            fmt(diff, dp),
            s.unit.label_en()
        ),
    );
    verdict(c, rule, Verdict::Disagrees { expected, actual: s.value, difference: diff, unit: s.unit }, Some(f.table), f.cells, message)
}

fn change(c: &Claim, subject: &Subject, against: Against, budget: &Budget, prior: Option<&Budget>) -> ClaimVerdict {
    let rule = &CHANGE_CLAIM;
    let Some(prior) = prior else {
        return cannot(c, rule, ("没有上年度文件".into(), "no prior-year file".into()));
    };
    match against {
        Against::Year(y) => {
            if let Some(py) = prior.year.filter(|py| *py != y) {
                return cannot(
                    c,
                    rule,
                    (
                        format!("说明与{y}年比较，上年度文件是{py}年的"),
                        format!("the text compares with {y}, the prior-year file is for {py}"),
                    ),
                );
            }
        }
        Against::PreviousYear => {
            if let (Some(ny), Some(py)) = (budget.year, prior.year) {
                if py != ny - 1 {
                    return cannot(
                        c,
                        rule,
                        (
                            format!("说明与上年比较，上年度文件是{py}年的（本年为{ny}年）"),
                            format!("the text compares with the previous year, the prior-year file is for {py} ({ny} this year)"),
                        ),
                    );
                }
            }
        }
    }
    let code = match subject {
        Subject::FunctionClass { name, .. } => class_code(name, budget),
        _ => None,
    };
    let (now, before) = match (figure(subject, budget, code.as_ref()), figure(subject, prior, code.as_ref())) {
        (Ok(n), Ok(b)) => (n, b),
        (Err(why), _) => return cannot(c, rule, why),
        (_, Err(why)) => return cannot(c, rule, (format!("上年度文件{}", why.0), format!("prior-year file: {}", why.1))),
    };
    let (nu, bu) = match (unit_of(&now), unit_of(&before)) {
        (Ok(n), Ok(b)) => (n, b),
        (Err(why), _) | (_, Err(why)) => return cannot(c, rule, why),
    };
    let s = &c.amount;
    let (n, b) = (money::in_unit(now.value, nu, s.unit), money::in_unit(before.value, bu, s.unit));
    let expected = round_half_up(n - b, s.decimals);
    // Rounding the change, or taking the change of the rounded amounts: authors do both.
    let of_rounded = round_half_up(n, s.decimals) - round_half_up(b, s.decimals);
    let agree = s.value == expected || s.value == of_rounded;
    let mut cells = now.cells.clone();
    cells.extend(before.cells.iter().cloned());
    let dp = s.decimals;
    let said = |d: Decimal| {
        if d.is_zero() {
            "持平".to_string()
        } else if d.is_sign_negative() {
            format!("减少 {}", fmt(-d, dp))
        } else {
            format!("增加 {}", fmt(d, dp))
        }
    };
    let said_en = |d: Decimal| {
        if d.is_zero() {
            "unchanged".to_string()
        } else if d.is_sign_negative() {
            format!("down {}", fmt(-d, dp))
        } else {
            format!("up {}", fmt(d, dp))
        }
    };
    let unit = s.unit.label();
    let years = (
        budget.year.map(|y| format!("{y}年")).unwrap_or_else(|| "本年".into()),
        prior.year.map(|y| format!("{y}年")).unwrap_or_else(|| "上年".into()),
    );
    let facts = format!("{}为 {}，{}为 {}", years.0, now.shown(), years.1, before.shown());
    let facts_en = format!("{} in this year's {}, {} in the prior year's", now.shown_en(), now.what.1, before.shown_en());
    if agree {
        let message = (
            format!("{}{}，与上年度文件相符（{}）。", c.subject, s.written, facts),
            format!("{} {} agrees with the prior-year file ({}).", subject.name_en(), s.written, facts_en),
        );
        return verdict(c, rule, Verdict::Agrees, Some(now.table), cells, message);
    }
    let diff = s.value - expected;
    let message = (
        format!(
            "说明第{}行称{}比上年{} {unit}，但{}（{}），实际{} {unit}。",
            c.line,
            c.subject,
            said(s.value),
            now.what.0,
            facts,
            said(expected)
        ),
        format!(
            "Line {} of the text says {} is {} {} on the prior year, but it is {} {} ({}).",
            c.line,
            subject.name_en(),
            said_en(s.value),
            s.unit.label_en(),
            said_en(expected),
            s.unit.label_en(),
            facts_en
        ),
    );
    verdict(c, rule, Verdict::Disagrees { expected, actual: s.value, difference: diff, unit: s.unit }, Some(now.table), cells, message)
}

/// Half a unit of the last written place, for amounts the author rounded (those not in 元).
fn allowance(a: &TextAmount) -> Decimal {
    if a.unit == MoneyUnit::Yuan {
        Decimal::ZERO
    } else {
        a.half_place()
    }
}

fn sum(c: &Claim, parts: &[TextAmount]) -> ClaimVerdict {
    let rule = &ITEMISED_SUM;
    let t = &c.amount;
    let total: Decimal = parts.iter().map(TextAmount::in_yuan).sum();
    let tolerance: Decimal = parts.iter().map(allowance).sum::<Decimal>() + allowance(t);
    let diff_yuan = t.in_yuan() - total;
    let expected = (total / t.unit.yuan()).normalize();
    let dp = t.decimals.max(expected.scale().min(4));
    let list = parts.iter().map(|p| p.written.clone()).collect::<Vec<_>>().join(" + ");
    if diff_yuan.abs() <= tolerance {
        let note = if diff_yuan.is_zero() { String::new() } else { format!("，相差 {} 元在舍入允许范围内", fmt(diff_yuan, 2)) };
        let note_en = if diff_yuan.is_zero() { String::new() } else { format!("; {} yuan apart, within rounding", fmt(diff_yuan, 2)) };
        let message =
            (format!("{} {} = {}{}。", c.subject, t.written, list, note), format!("{} {} = {}{}.", c.subject, t.written, list, note_en));
        return verdict(c, rule, Verdict::Agrees, None, Vec::new(), message);
    }
    let diff = t.value - expected;
    let message = (
        format!(
            "说明第{}行{}为 {}，但所列各项 {} 之和为 {} {}，相差 {} {}。",
            c.line,
            c.subject,
            t.written,
            list,
            fmt(expected, dp),
            t.unit.label(),
            fmt(diff, dp),
            t.unit.label()
        ),
        format!(
            "Line {} of the text gives {} as {}, but its items {} add up to {} {}: off by {} {}.",
            c.line,
            c.subject,
            t.written,
            list,
            fmt(expected, dp),
            t.unit.label_en(),
            fmt(diff, dp),
            t.unit.label_en()
        ),
    );
    verdict(c, rule, Verdict::Disagrees { expected, actual: t.value, difference: diff, unit: t.unit }, None, Vec::new(), message)
}

/// Whether `long` is `short` with one digit added (a typing slip).
fn one_digit_apart(long: &str, short: &str) -> bool {
    let (l, s): (Vec<char>, Vec<char>) =
        (long.chars().filter(char::is_ascii_digit).collect(), short.chars().filter(char::is_ascii_digit).collect());
    l.len() == s.len() + 1 && (0..l.len()).any(|i| l[..i] == s[..i] && l[i + 1..] == s[i..])
}

fn project(c: &Claim, total: &TextAmount) -> ClaimVerdict {
    let rule = &PROJECT_AMOUNTS;
    let a = &c.amount;
    if a.in_yuan() <= total.in_yuan() {
        let message = (
            format!("{} {} 未超过项目总额 {}。", c.subject, a.written, total.written),
            format!("{} {} is within the project total {}.", c.subject, a.written, total.written),
        );
        return verdict(c, rule, Verdict::Agrees, None, Vec::new(), message);
    }
    let expected = money::in_unit(total.value, total.unit, a.unit).normalize();
    let diff = a.value - expected;
    let dp = a.decimals.max(expected.scale().min(4));
    let (hint, hint_en) = if one_digit_apart(&a.value.to_string(), &total.value.to_string())
        || one_digit_apart(&total.value.to_string(), &a.value.to_string())
    {
        ("；二者只差一位数字，疑为录入错误", "; the two differ by one digit, likely a typo")
    } else {
        ("", "")
    };
    let message = (
        format!(
            "说明第{}行{} {} 超过项目总额 {}，多 {} {}{hint}。",
            c.line,
            c.subject,
            a.written,
            total.written,
            fmt(diff, dp),
            a.unit.label()
        ),
        format!(
            "Line {} of the text: {} {} exceeds the project total {} by {} {}{hint_en}.",
            c.line,
            c.subject,
            a.written,
            total.written,
            fmt(diff, dp),
            a.unit.label_en()
        ),
    );
    verdict(c, rule, Verdict::Disagrees { expected, actual: a.value, difference: diff, unit: a.unit }, None, Vec::new(), message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_of_one_digit() {
        assert!(one_digit_apart("535180239", "53518039"));
        assert!(!one_digit_apart("535180240", "53518039"));
        assert!(!one_digit_apart("53518039", "53518039"));
    }

    #[test]
    fn precision_of_the_coarser() {
        let s = |v: &str, unit, decimals| TextAmount {
            value: Decimal::from_str_exact(v).unwrap(),
            unit,
            decimals,
            written: String::new(),
            line: 1,
            column: 1,
        };
        let d = |v: &str| Decimal::from_str_exact(v).unwrap();
        assert_eq!(stated_vs(&s("3327", MoneyUnit::TenThousandYuan, 0), d("33270935"), MoneyUnit::Yuan, 0), (true, d("3327")));
        assert_eq!(stated_vs(&s("3328", MoneyUnit::TenThousandYuan, 0), d("33270935"), MoneyUnit::Yuan, 0), (false, d("3327")));
        assert_eq!(stated_vs(&s("995.2", MoneyUnit::TenThousandYuan, 1), d("995.20"), MoneyUnit::TenThousandYuan, 2), (true, d("995.2")));
        // Text finer than the table: the text is rounded to the table's places.
        assert!(stated_vs(&s("9952000", MoneyUnit::Yuan, 0), d("995.20"), MoneyUnit::TenThousandYuan, 2).0);
        assert!(!stated_vs(&s("9953000", MoneyUnit::Yuan, 0), d("995.20"), MoneyUnit::TenThousandYuan, 2).0);
    }
}

//! What every rule needs: amounts in a common unit, the tolerance of docs/relations.md, and findings
//! that name every cell.

use rust_decimal::Decimal;

use crate::amount::format_grouped;
use crate::cell::CellRef;
use crate::finding::{Finding, NotChecked, Severity};
use crate::model::{Amount, Budget, Code, Column, ColumnRole, Half, Line, MoneyUnit, Row, Table, TableKind};

use super::Rule;

/// One amount taking part in a relation.
#[derive(Clone, Debug)]
pub struct Term {
    pub value: Decimal,
    pub cell: Option<CellRef>,
    pub unit: Option<MoneyUnit>,
    pub decimals: u32,
}

impl Term {
    pub fn of(table: &Table, a: &Amount) -> Term {
        Term { value: a.value, cell: Some(a.cell.clone()), unit: table.unit, decimals: table.decimals }
    }
    /// A zero that stands for a row or table that is absent (an empty table, a code not listed).
    pub fn zero(table: &Table) -> Term {
        Term { value: Decimal::ZERO, cell: None, unit: table.unit, decimals: table.decimals }
    }
}

/// How an amount compares with what it should be.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Relation {
    Equal,
    /// The checked amount is at least the expected one.
    AtLeast,
    /// The checked amount is at most the expected one.
    AtMost,
}

/// The rule context: the budget, and where findings go.
pub struct Ctx<'a> {
    pub budget: &'a Budget,
    pub findings: &'a mut Vec<Finding>,
    pub not_checked: &'a mut Vec<NotChecked>,
}

impl<'a> Ctx<'a> {
    pub fn table(&self, kind: TableKind) -> Option<&'a Table> {
        self.budget.table(kind)
    }

    /// The tables a rule needs, or a note saying which are missing.
    pub fn require(&mut self, rule: &'static Rule, kinds: &[TableKind]) -> bool {
        let missing: Vec<TableKind> = kinds.iter().copied().filter(|k| self.budget.table(*k).is_none()).collect();
        if missing.is_empty() {
            return true;
        }
        // Named as the document's own set names them (a 决算's 支出决算表, not a budget's).
        let (doc, family) = (self.budget.kind, self.budget.family);
        let zh: Vec<&str> = missing.iter().map(|k| k.name_for(doc, family)).collect();
        let en: Vec<&str> = missing.iter().map(|k| k.name_en()).collect();
        self.skip(rule, format!("缺少{}", zh.join("、")), format!("missing: {}", en.join(", ")));
        false
    }

    pub fn skip(&mut self, rule: &'static Rule, reason: String, reason_en: String) {
        if !self.not_checked.iter().any(|n| n.rule == rule.r() && n.reason == reason) {
            self.not_checked.push(rule.not_checked(reason, reason_en));
        }
    }

    /// Checks `actual` against the sum of `parts` (or against a single part) and records a finding
    /// when they disagree beyond rounding. `subject` names the checked amount; `basis` says what it
    /// is compared with.
    #[allow(clippy::too_many_arguments)]
    pub fn compare(
        &mut self,
        rule: &'static Rule,
        table: TableKind,
        relation: Relation,
        actual: Term,
        parts: &[Term],
        subject: (String, String),
        basis: (String, String),
    ) {
        self.compare_lazy(rule, table, relation, actual, parts, || subject, || basis)
    }

    /// [`Ctx::compare`] with the wording built only when there is something to say (most
    /// relations hold, and formatting is the cost of checking a large workbook).
    #[allow(clippy::too_many_arguments)]
    pub fn compare_lazy(
        &mut self,
        rule: &'static Rule,
        table: TableKind,
        relation: Relation,
        actual: Term,
        parts: &[Term],
        subject: impl FnOnce() -> (String, String),
        basis: impl FnOnce() -> (String, String),
    ) {
        // Called for every parent row and column of every table: nothing is allocated unless a
        // finding is made.
        let all = || std::iter::once(&actual).chain(parts.iter());
        let count = parts.len() + 1;
        let stated = all().filter(|t| t.unit.is_some()).count();
        if stated != 0 && stated != count {
            self.skip(
                rule,
                "有的表未写明金额单位，无法与写明单位的表比较".into(),
                "a table does not state its unit, so it cannot be compared with tables that do".into(),
            );
            return;
        }
        // The coarser unit wins; finer amounts are rounded to its precision first.
        let coarse = crate::money::coarser(all().filter_map(|t| t.unit));
        let dp = all().filter(|t| t.unit == coarse).map(|t| t.decimals).max().unwrap_or(0);
        let exact = coarse.is_none_or(|u| u == MoneyUnit::Yuan) && all().all(|t| t.unit == coarse);
        let convert = |t: &Term| -> Decimal {
            match (t.unit, coarse) {
                (Some(u), Some(c)) => crate::money::convert(t.value, u, c, dp),
                _ => t.value,
            }
        };
        let a = convert(&actual);
        let expected: Decimal = parts.iter().map(convert).sum();
        let diff = a - expected;
        let tolerance = if exact {
            Decimal::ZERO
        } else {
            // A sum of n amounts each rounded to dp places may be off by n half-units of the last place.
            // (Decimal holds 28 places at most: a cell written to 28 places gets the 28th's half-unit.)
            Decimal::from(count as u64) * Decimal::new(5, (dp + 1).min(28))
        };
        let breaks = match relation {
            Relation::Equal => diff.abs() > tolerance,
            Relation::AtLeast => diff < -tolerance,
            Relation::AtMost => diff > tolerance,
        };
        let off = match relation {
            Relation::Equal => !diff.is_zero(),
            Relation::AtLeast => diff.is_sign_negative() && !diff.is_zero(),
            Relation::AtMost => diff.is_sign_positive() && !diff.is_zero(),
        };
        if !off {
            return;
        }
        let (subject, basis) = (subject(), basis());
        let severity = if breaks { rule.severity } else { Severity::Info };
        let kind = if breaks { rule.kind } else { crate::finding::FindingKind::Rounding };
        let unit_zh = coarse.map(|u| u.label()).unwrap_or("（单位未写明）");
        let unit_en = coarse.map(|u| u.label_en()).unwrap_or("(unit not stated)");
        let show_dp = if exact { dp.min(2) } else { dp };
        let f = |d: Decimal| format_grouped(d, show_dp);
        let (rel_zh, rel_en) = match relation {
            Relation::Equal => ("应等于", "should equal"),
            Relation::AtLeast => ("应不小于", "should be at least"),
            Relation::AtMost => ("应不大于", "should be at most"),
        };
        let (message, message_en) = if breaks {
            (
                format!("{}为 {} {unit_zh}，{rel_zh}{} {} {unit_zh}，相差 {} {unit_zh}。", subject.0, f(a), basis.0, f(expected), f(diff)),
                format!(
                    "{} is {} {unit_en} but {rel_en} {}, {} {unit_en}: off by {} {unit_en}.",
                    subject.1,
                    f(a),
                    basis.1,
                    f(expected),
                    f(diff)
                ),
            )
        } else {
            (
                format!(
                    "{}为 {} {unit_zh}，与{} {} {unit_zh}相差 {}，在逐格四舍五入的允许范围（±{}）之内，属舍入差异。",
                    subject.0,
                    f(a),
                    basis.0,
                    f(expected),
                    f(diff),
                    f(tolerance)
                ),
                format!(
                    "{} is {} {unit_en}, {} from {} {}; within the rounding allowance (±{}) of cells rounded one by one.",
                    subject.1,
                    f(a),
                    f(diff),
                    basis.1,
                    f(expected),
                    f(tolerance)
                ),
            )
        };
        let mut cells: Vec<CellRef> = Vec::new();
        for t in all() {
            if let Some(c) = &t.cell {
                if !cells.contains(c) {
                    cells.push(c.clone());
                }
            }
        }
        self.findings.push(Finding {
            kind,
            expected: Some(expected),
            actual: Some(a),
            difference: Some(diff),
            ..rule.finding(message, message_en).in_table(table).with_severity(severity).with_unit(coarse).at(cells)
        });
    }
}

/// `表名 205 教育支出` / `Expenditure 205 教育支出`, for messages.
pub fn row_subject(table: &Table, row: &Row, role: ColumnRole) -> (String, String) {
    let code = row.code.as_ref().map(|c| format!("{} ", c.0)).unwrap_or_default();
    (
        format!("{}“{}{}”的{}", short_zh(table), code, row.name, role.name_zh()),
        format!("{} \"{}{}\" {}", table.kind.name_en(), code, row.name, role.name_en()),
    )
}

/// A table's short name for messages: a budget's (`收支总表`), or, for a table whose title says
/// 决算, the final accounts' (`收入支出决算总表`), so that a finding names the table the person sees.
pub fn short_zh(table: &Table) -> &'static str {
    if table.title.contains("决算") {
        return match table.kind {
            TableKind::Summary => "收入支出决算总表",
            TableKind::Revenue => "收入决算表",
            TableKind::Expenditure => "支出决算表",
            TableKind::AppropriationSummary => "财政拨款收入支出决算总表",
            TableKind::GpbFunction => "一般公共预算财政拨款支出决算表",
            TableKind::GfFunction => "政府性基金决算表",
            TableKind::SocFunction => "国有资本经营决算表",
            TableKind::GpbBasicEconomic => "基本支出决算表",
            TableKind::ThreePublic => "三公经费决算表",
            TableKind::AppropriationFunction => "财政拨款支出决算表",
            TableKind::AppropriationBasicEconomic => "财政拨款基本支出决算表",
            TableKind::OperatingCost => "机关运行经费表",
        };
    }
    match table.kind {
        TableKind::Summary => "收支总表",
        TableKind::Revenue => "收入总表",
        TableKind::Expenditure => "支出总表",
        TableKind::AppropriationSummary => "财政拨款收支总表",
        TableKind::GpbFunction => "一般公共预算支出表",
        TableKind::GfFunction => "政府性基金支出表",
        TableKind::SocFunction => "国有资本经营支出表",
        TableKind::GpbBasicEconomic => "基本支出经济分类表",
        TableKind::ThreePublic => "三公经费表",
        TableKind::AppropriationFunction => "财政拨款支出表",
        TableKind::AppropriationBasicEconomic => "财政拨款基本支出表",
        TableKind::OperatingCost => "机关运行经费表",
    }
}

/// A column's name for messages: its role's, except that a summary's single amount column is
/// named as printed (决算数 in final accounts, 预算数 in a budget).
pub fn column_zh(column: &Column) -> &'static str {
    if column.role == ColumnRole::Amount && column.header.contains("决算") {
        "决算数"
    } else {
        column.role.name_zh()
    }
}

/// Rows of a coded table keyed by code.
pub fn coded_rows(table: &Table) -> impl Iterator<Item = (&Code, &Row)> {
    table.rows.iter().filter(|r| r.line == Line::Item).filter_map(|r| r.code.as_ref().map(|c| (c, r)))
}

/// The amount of a row in a column with the given role, if the row and column exist and the cell was readable.
pub fn cell_of<'t>(table: &'t Table, row: &'t Row, role: ColumnRole) -> Option<&'t Amount> {
    let idx = table.column(role, row.half).or_else(|| table.column_any_half(role))?;
    row.amount(idx)
}

/// The amount for `code` in `role`: the row's cell, a zero if the table is present and whole
/// but lacks the code, `None` if the cell is unreadable or the table may have lost rows.
pub fn by_code(table: &Table, code: &Code, role: ColumnRole) -> Option<Term> {
    match table.row_by_code(&code.0) {
        Some(row) => cell_of(table, row, role).map(|a| Term::of(table, a)),
        None if table.complete && lists_codes(table) => Some(Term::zero(table)),
        None => None,
    }
}

/// Whether a table lists its amounts by code: an empty table does (it lists none); a table with
/// data but no coded row (Jiangsu's 支出预算总表 prints only its totals by column) does not, and
/// a code missing from it is unknown, not zero.
pub fn lists_codes(table: &Table) -> bool {
    table.empty || coded_rows(table).next().is_some()
}

/// The total row's amount in `role`; a zero for an empty table.
pub fn total_of(table: &Table, role: ColumnRole) -> Option<Term> {
    match table.total_row() {
        Some(row) => cell_of(table, row, role).map(|a| Term::of(table, a)),
        None if table.empty => Some(Term::zero(table)),
        None => None,
    }
}

/// The amount on a summary line (its first amount column in that half).
pub fn line_amount(table: &Table, half: Half, line: &crate::model::SummaryLine, role: ColumnRole) -> Option<Term> {
    let row = table.summary_line(half, line)?;
    let idx = table.column(role, half).or_else(|| table.columns.iter().position(|c| c.half == half))?;
    row.amount(idx).map(|a| Term::of(table, a))
}

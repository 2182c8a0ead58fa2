//! Builds the page's view model ([`crate::protocol`]) from the core's analysis. Runs in the
//! worker (and in host tests); the page only ever sees the result.
//!
//! Amounts are formatted here, the Chinese finance way: thousands separators, the table's own
//! decimal places, and at least two places for 万元 and 亿元 (`995.20`).

use gouji_core::amount::{format_grouped, round_half_up};
use gouji_core::finding::TextSpan;
use gouji_core::model::{Budget, ColumnRole, Half, Line, MoneyUnit, Table, TableKind};
use gouji_core::narrative::{ClaimKind, Verdict};
use gouji_core::{money, rules, BudgetReport, CellRef, ChangeRow, ClaimVerdict, Finding, NotChecked, Severity, YearOverYear};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::protocol::*;

/// The id serde gives a value (`ColumnRole::VehiclePurchase` → `vehicle_purchase`).
fn ser_id<T: Serialize>(t: &T) -> String {
    match serde_json::to_value(t) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

pub fn unit_name(u: MoneyUnit) -> Name {
    Name::new(u.label(), u.label_en())
}

pub fn kind_view(k: TableKind) -> KindView {
    KindView { id: k.id().to_string(), name: Name::new(k.name_zh(), k.name_en()) }
}

fn half_view(h: Half) -> HalfView {
    match h {
        Half::Whole => HalfView::Whole,
        Half::Income => HalfView::Income,
        Half::Expenditure => HalfView::Expenditure,
    }
}

fn severity_view(s: Severity) -> SeverityView {
    match s {
        Severity::Error => SeverityView::Error,
        Severity::Warning => SeverityView::Warning,
        Severity::Info => SeverityView::Info,
    }
}

fn scale(d: Decimal) -> u32 {
    d.normalize().scale()
}

/// An amount in `unit` as people write it: `51,570,686` (元, whole), `1,234,567.80` (元 with a
/// fraction), `995.20` (万元: at least two places).
pub fn money(d: Decimal, unit: Option<MoneyUnit>) -> String {
    let s = scale(d).min(6);
    let dp = match unit {
        Some(MoneyUnit::TenThousandYuan | MoneyUnit::HundredMillionYuan) => s.max(2),
        _ if s == 0 => 0,
        _ => s.max(2),
    };
    format_grouped(d, dp)
}

/// An amount of a table, with the table's decimal places (more if the cell has more).
pub fn table_money(d: Decimal, t: &Table) -> String {
    let mut dp = t.decimals.max(scale(d).min(6));
    if matches!(t.unit, Some(MoneyUnit::TenThousandYuan | MoneyUnit::HundredMillionYuan)) {
        dp = dp.max(2);
    }
    format_grouped(d, dp)
}

/// A signed change: `+1,234`, `-0.80`, `0`.
pub fn signed(text: String, d: Decimal) -> String {
    if d > Decimal::ZERO {
        format!("+{text}")
    } else {
        text
    }
}

fn to_f64(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

/// `d` percent of `of`, one place: `45.7`.
pub fn share(d: Decimal, of: Decimal) -> Option<String> {
    if of.is_zero() {
        return None;
    }
    Some(format_grouped(round_half_up(d * Decimal::from(100) / of, 1), 1))
}

fn level(code: &str) -> u8 {
    match code.len() {
        3 => 1,
        5 => 2,
        7 => 3,
        _ => 0,
    }
}

/// One table as the page shows it.
pub fn table_view(t: &Table, doc: gouji_core::model::DocKind, family: Option<gouji_core::model::Family>) -> TableView {
    let columns = t
        .columns
        .iter()
        .map(|c| ColumnView {
            header: c.header.clone(),
            role: ser_id(&c.role),
            name: Name::new(c.role.name_zh(), c.role.name_en()),
            half: half_view(c.half),
            col: c.col,
        })
        .collect();
    let rows = t
        .rows
        .iter()
        .map(|r| {
            let kind = match r.line {
                Line::Item => RowKind::Item,
                Line::Total => RowKind::Total,
                Line::Summary { .. } => RowKind::Summary,
                Line::Uncoded => RowKind::Uncoded,
            };
            let code = r.code.as_ref().map(|c| c.as_str().to_string());
            let cells: Vec<Option<CellView>> = t
                .columns
                .iter()
                .enumerate()
                .map(|(i, c)| match r.amount(i) {
                    Some(a) => Some(CellView {
                        row: a.cell.row,
                        col: a.cell.col,
                        text: if a.blank { String::new() } else { table_money(a.value, t) },
                        blank: a.blank,
                        unreadable: false,
                    }),
                    // In the other half: nothing there. In this half: the cell could not be read.
                    None if c.half != Half::Whole && r.half != Half::Whole && c.half != r.half => None,
                    None => Some(CellView { row: r.row, col: c.col, text: String::new(), blank: false, unreadable: true }),
                })
                .collect();
            // A row whose label is one of its amounts (the 三公 table's single row) has no label
            // cell of its own.
            let label = (r.label_cell.row, r.label_cell.col);
            let label_is_amount = cells.iter().flatten().any(|c: &CellView| (c.row, c.col) == label);
            RowView {
                row: r.row,
                half: half_view(r.half),
                kind,
                level: code.as_deref().map(level).unwrap_or(0),
                code,
                name: r.name.clone(),
                label: (!label_is_amount).then_some(label),
                cells,
            }
        })
        .collect();
    TableView {
        id: t.kind.id().to_string(),
        name: Name::new(t.kind.name_for(doc, family), t.kind.name_en()),
        title: t.title.clone(),
        sheet: t.sheet.clone(),
        title_cell: CellAddr::new(t.sheet.clone(), t.title_cell.row, t.title_cell.col),
        pages: t.pages(),
        unit: t.unit.map(unit_name),
        empty: t.empty,
        two_halves: t.kind.two_halves(),
        columns,
        rows,
    }
}

/// Finds the table a cell belongs to: one that holds it, else one on its sheet whose rows span it.
pub fn locate(tables: &[TableView], sheet: &str, row: u32, col: u32) -> Option<usize> {
    if let Some(i) = tables.iter().position(|t| t.holds(sheet, row, col)) {
        return Some(i);
    }
    tables
        .iter()
        .position(|t| t.sheet == sheet && t.title_cell.row <= row && t.rows.iter().map(|r| r.row).max().is_some_and(|last| row <= last))
}

fn addr(tables: &[TableView], c: &CellRef) -> CellAddr {
    let mut a = CellAddr::new(c.sheet.to_string(), c.row, c.col);
    a.table = locate(tables, &a.sheet, c.row, c.col);
    a
}

fn rule_title(rule: rules::RuleRef) -> Name {
    Name::new(rule.title, rule.title_en)
}

fn text_span(t: &TextSpan) -> TextSpanView {
    TextSpanView { line: t.line, column: t.column, sentence: t.sentence.clone(), page: t.page.zip(t.page_line) }
}

/// The key a person's mark on a finding is kept under: the same finding of the same files gets
/// the same key in every check (page and worker both make it from the core's finding).
pub fn finding_key(unit: usize, f: &Finding) -> String {
    let cells: Vec<String> = f.cells.iter().map(ToString::to_string).collect();
    let text = f.text.as_ref().map(|t| format!("{}:{}", t.line, t.column)).unwrap_or_default();
    let amount = |d: Option<Decimal>| d.map(|d| d.normalize().to_string()).unwrap_or_default();
    format!("{unit}|{}|{}|{text}|{}|{}", f.rule.id(), cells.join(","), amount(f.expected), amount(f.actual))
}

pub fn finding_view(unit: usize, id: usize, f: &Finding, tables: &[TableView]) -> FindingView {
    let amount = |d: Option<Decimal>| d.map(|d| money(d, f.unit));
    FindingView {
        id,
        key: finding_key(unit, f),
        heuristic: f.rule.heuristic,
        rule: f.rule.to_string(),
        rule_title: rule_title(f.rule),
        kind: f.kind.as_str().to_string(),
        severity: severity_view(f.severity),
        table: f.table.map(|k| k.id().to_string()),
        message: Name::new(f.message.clone(), f.message_en.clone()),
        expected: amount(f.expected),
        actual: amount(f.actual),
        difference: f.difference.map(|d| signed(money(d, f.unit), d)),
        unit: f.unit.map(unit_name),
        cells: f
            .cells
            .iter()
            .map(|c| {
                let mut a = addr(tables, c);
                if let Some(p) = f.places.iter().find(|p| p.cell == *c) {
                    a.page = Some(p.page);
                    a.bbox = Some(p.bbox.map(|v| v.clamp(0.0, 65_535.0).round() as u16));
                }
                a
            })
            .collect(),
        text: f.text.as_ref().map(text_span),
    }
}

fn not_checked_view(n: &NotChecked) -> NotCheckedView {
    NotCheckedView { rule: n.rule.to_string(), rule_title: rule_title(n.rule), reason: Name::new(n.reason.clone(), n.reason_en.clone()) }
}

pub fn claim_view(v: &ClaimVerdict, tables: &[TableView]) -> ClaimView {
    let c = &v.claim;
    let kind = match &c.kind {
        ClaimKind::Amount { .. } => "amount",
        ClaimKind::YearOverYear { .. } => "year_over_year",
        ClaimKind::ItemisedSum { .. } => "itemised_sum",
        ClaimKind::ProjectAmounts { .. } => "project_amounts",
    };
    let (verdict, expected, actual, difference, unit, reason) = match &v.verdict {
        Verdict::Agrees => (VerdictView::Agrees, None, None, None, None, None),
        Verdict::Disagrees { expected, actual, difference, unit } => (
            VerdictView::Disagrees,
            Some(money(*expected, Some(*unit))),
            Some(money(*actual, Some(*unit))),
            Some(signed(money(*difference, Some(*unit)), *difference)),
            Some(unit_name(*unit)),
            None,
        ),
        Verdict::CannotCheck { reason, reason_en } => {
            (VerdictView::CannotCheck, None, None, None, None, Some(Name::new(reason.clone(), reason_en.clone())))
        }
    };
    ClaimView {
        rule: v.rule.to_string(),
        kind: kind.to_string(),
        subject: c.subject.clone(),
        written: c.amount.written.clone(),
        sentence: c.sentence.clone(),
        line: c.line,
        column: c.column,
        page: c.page,
        verdict,
        expected,
        actual,
        difference,
        unit,
        reason,
        message: Name::new(v.message.clone(), v.message_en.clone()),
        cells: v.cells.iter().map(|c| addr(tables, c)).collect(),
    }
}

fn counts(r: &BudgetReport) -> Counts {
    Counts { errors: r.count(Severity::Error), warnings: r.count(Severity::Warning), infos: r.count(Severity::Info) }
}

/// A unit's line in the roll-up; `checklist_no` is the number of its 检查表 items answered 否.
/// A file's name without its folders.
pub fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// The files a unit's tables came from, by name: `a.xlsx、b.pdf`.
pub fn file_names(files: &[String]) -> String {
    files.iter().map(|f| file_name(f)).collect::<Vec<_>>().join("、")
}

/// A table's amount of a role in its total row (合计), as printed.
fn total_of(t: &Table, role: ColumnRole) -> Option<&gouji_core::model::Amount> {
    t.total_row()?.amount(t.column_any_half(role)?)
}

/// An amount of table `t` in 元.
fn in_yuan(t: &Table, v: Decimal) -> Decimal {
    t.unit.map_or(v, |u| v * u.yuan())
}

pub fn unit_summary(index: usize, r: &BudgetReport, checklist_no: usize) -> UnitSummary {
    let b = &r.budget;
    let three_public = b.table(TableKind::ThreePublic).and_then(|t| {
        let a = total_of(t, ColumnRole::Total)?;
        let unit = t.unit.map(|u| u.label()).unwrap_or_default();
        Some((format!("{} {unit}", table_money(a.value, t)), to_f64(in_yuan(t, a.value))))
    });
    UnitSummary {
        index,
        name: b.unit_name.clone(),
        year: b.year,
        tables: b.tables.len(),
        counts: counts(r),
        source: if b.files.is_empty() { b.tables.first().map(|t| t.title_cell.sheet.to_string()) } else { Some(file_names(&b.files)) },
        final_accounts: b.kind == gouji_core::model::DocKind::FinalAccounts,
        three_public,
        checklist_no,
        prior: None,
        change: None,
    }
}

/// The total expenditure (支出总表's 合计) of `now` against `prior`'s, in percent, in 元.
pub fn total_change(prior: &Budget, now: &Budget) -> Option<String> {
    let total = |b: &Budget| -> Option<Decimal> {
        let t = b.table(TableKind::Expenditure)?;
        Some(in_yuan(t, total_of(t, ColumnRole::Total)?.value))
    };
    let (p, n) = (total(prior)?, total(now)?);
    let d = n - p;
    share(d, p).map(|s| format!("{}{s}%", if d > Decimal::ZERO { "+" } else { "" }))
}

/// The 三公 row's amount of a role, with its cell.
fn three_public_figure(t: &Table, tables: &[TableView], role: ColumnRole) -> Option<(Decimal, Figure)> {
    let a = total_of(t, role)?;
    Some((a.value, Figure { value: to_f64(a.value), text: table_money(a.value, t), cell: Some(addr(tables, &a.cell)) }))
}

/// A 三公 figure of a table in `to`'s unit and places (the prior year's may be in another unit).
fn three_public_value(t: &Table, role: ColumnRole, to: &Table) -> Option<Decimal> {
    let a = total_of(t, role)?;
    Some(match (t.unit, to.unit) {
        (Some(from), Some(into)) => money::convert(a.value, from, into, to.decimals),
        _ => a.value,
    })
}

const THREE_PUBLIC_ROLES: [ColumnRole; 7] = [
    ColumnRole::Total,
    ColumnRole::Abroad,
    ColumnRole::Reception,
    ColumnRole::Vehicle,
    ColumnRole::VehiclePurchase,
    ColumnRole::VehicleOperation,
    ColumnRole::OfficeOperation,
];

/// The figures of the 三公 table that disagree with each other, worded.
fn three_public_disagreements(t: &Table) -> Vec<Name> {
    let v = |role| three_public_value(t, role, t);
    let sum = |roles: &[ColumnRole]| -> Option<Decimal> { roles.iter().map(|r| v(*r)).sum() };
    let mut out = Vec::new();
    let parts = [ColumnRole::Abroad, ColumnRole::Reception, ColumnRole::VehiclePurchase, ColumnRole::VehicleOperation];
    let four = sum(&parts).or_else(|| sum(&[ColumnRole::Abroad, ColumnRole::Reception, ColumnRole::Vehicle]));
    if let (Some(total), Some(items)) = (v(ColumnRole::Total), four) {
        if total != items {
            let (a, b, d) = (table_money(items, t), table_money(total, t), signed(table_money(total - items, t), total - items));
            out.push(Name::new(
                format!("各项之和为 {a}，与合计 {b} 相差 {d}；下图的占比按合计计算，各项占比之和不等于 100%。"),
                format!("The items add up to {a}, the total is {b} (a gap of {d}); the shares below are of the total and do not add up to 100%."),
            ));
        }
    }
    if let (Some(vehicle), Some(two)) = (v(ColumnRole::Vehicle), sum(&[ColumnRole::VehiclePurchase, ColumnRole::VehicleOperation])) {
        if vehicle != two {
            let (a, b, d) = (table_money(two, t), table_money(vehicle, t), signed(table_money(vehicle - two, t), vehicle - two));
            out.push(Name::new(
                format!("公务用车购置费与运行费之和为 {a}，与公务用车购置及运行费 {b} 相差 {d}。"),
                format!("Vehicle purchase and operation add up to {a}, the vehicle subtotal is {b} (a gap of {d})."),
            ));
        }
    }
    out
}

/// This year's 三公 figures beside the prior year's.
fn three_public_prior(t: &Table, prior: &Table) -> Vec<PriorFigure> {
    THREE_PUBLIC_ROLES
        .into_iter()
        .filter_map(|role| {
            let (now, then) = (three_public_value(t, role, t), three_public_value(prior, role, t));
            if now.is_none() && then.is_none() {
                return None;
            }
            let change = now.zip(then).map(|(n, p)| n - p);
            Some(PriorFigure {
                role: ser_id(&role),
                name: Name::new(role.name_zh(), role.name_en()),
                current: now.map(|d| table_money(d, t)),
                prior: then.map(|d| table_money(d, t)),
                change: change.map(|d| signed(table_money(d, t), d)),
                percent: change
                    .zip(then)
                    .and_then(|(d, p)| share(d, p).map(|s| format!("{}{s}%", if d > Decimal::ZERO { "+" } else { "" }))),
            })
        })
        .collect()
}

pub fn three_public_view(b: &Budget, tables: &[TableView], prior: Option<&Budget>) -> Option<ThreePublicView> {
    let t = b.table(TableKind::ThreePublic)?;
    let index = b.tables.iter().position(|x| x.kind == TableKind::ThreePublic)?;
    let total = three_public_figure(t, tables, ColumnRole::Total);
    let items: Vec<ThreePublicItem> =
        [ColumnRole::Abroad, ColumnRole::Reception, ColumnRole::VehiclePurchase, ColumnRole::VehicleOperation]
            .into_iter()
            .filter_map(|role| {
                let (value, figure) = three_public_figure(t, tables, role)?;
                Some(ThreePublicItem {
                    role: ser_id(&role),
                    name: Name::new(role.name_zh(), role.name_en()),
                    figure,
                    share: total.as_ref().and_then(|(tv, _)| share(value, *tv)),
                })
            })
            .collect();
    let eco = b.table(TableKind::GpbBasicEconomic);
    let economic = [
        (ColumnRole::Abroad, "30212", "因公出国（境）费用"),
        (ColumnRole::Reception, "30217", "公务接待费"),
        (ColumnRole::VehicleOperation, "30231", "公务用车运行维护费"),
    ]
    .into_iter()
    .map(|(role, code, standard)| {
        let item = three_public_figure(t, tables, role);
        let row = eco.and_then(|e| e.row_by_code(code));
        let line = eco.zip(row).and_then(|(e, r)| {
            e.column(ColumnRole::Total, Half::Whole)
                .or_else(|| e.column_any_half(ColumnRole::Total))
                .and_then(|i| r.amount(i))
                .map(|a| (e, a))
        });
        // The economic amount in the 三公 table's unit, rounded to its places (docs/relations.md, Tolerance).
        let converted = line.map(|(e, a)| match (e.unit, t.unit) {
            (Some(from), Some(to)) => money::convert(a.value, from, to, t.decimals),
            _ => a.value,
        });
        let comparable = line.is_some_and(|(e, _)| e.unit.is_some() == t.unit.is_some());
        EconomicLine {
            code: code.to_string(),
            name: row.map(|r| r.name.clone()).unwrap_or_else(|| standard.to_string()),
            item_role: ser_id(&role),
            item_name: Name::new(role.name_zh(), role.name_en()),
            item: item.as_ref().map(|(_, f)| f.text.clone()),
            economic: converted.map(|d| table_money(d, t)),
            economic_written: line.map(|(e, a)| table_money(a.value, e)),
            economic_cell: line.map(|(_, a)| addr(tables, &a.cell)),
            covered: match (&item, converted) {
                (Some((iv, _)), Some(ev)) if comparable => Some(*iv >= ev),
                _ => None,
            },
        }
    })
    .collect();
    Some(ThreePublicView {
        table: index,
        unit: t.unit.map(unit_name),
        total: total.map(|(_, f)| f),
        items,
        vehicle: three_public_figure(t, tables, ColumnRole::Vehicle).map(|(_, f)| f),
        office: three_public_figure(t, tables, ColumnRole::OfficeOperation).map(|(_, f)| f),
        economic,
        economic_unit: eco.and_then(|e| e.unit).filter(|u| Some(*u) != t.unit).map(unit_name),
        disagreements: three_public_disagreements(t),
        prior: prior.and_then(|p| p.table(TableKind::ThreePublic)).map(|p| three_public_prior(t, p)).unwrap_or_default(),
    })
}

fn change_view(r: &ChangeRow, tables: &[TableView]) -> ChangeView {
    let fmt = |d: Option<Decimal>| d.map(|d| money(d, r.unit));
    ChangeView {
        table: r.table.id().to_string(),
        table_name: Name::new(r.table.name_zh(), r.table.name_en()),
        code: r.code.clone(),
        name: r.name.clone(),
        old_name: r.old_name.clone(),
        column: ser_id(&r.column),
        column_name: Name::new(r.column.name_zh(), r.column.name_en()),
        half: half_view(r.half),
        old: fmt(r.old),
        new: fmt(r.new),
        delta: r.delta.map(|d| signed(money(d, r.unit), d)),
        pct: r.pct.map(|p| signed(format_grouped(p, 2), p)),
        status: r.status.as_str().to_string(),
        unit: r.unit.map(unit_name),
        size: r.delta.map(|d| to_f64(d.abs() * r.unit.map(|u| u.yuan()).unwrap_or(Decimal::ONE))).unwrap_or(0.0),
        new_cell: r.new_cell.as_ref().map(|c| addr(tables, c)),
    }
}

/// A figure in 万元 when the rows are in a finer unit (big 元 amounts read badly on a chart).
fn chart_unit(unit: Option<MoneyUnit>) -> Option<MoneyUnit> {
    match unit {
        Some(MoneyUnit::Yuan | MoneyUnit::ThousandYuan) => Some(MoneyUnit::TenThousandYuan),
        other => other,
    }
}

fn chart_figure(d: Decimal, from: Option<MoneyUnit>, to: Option<MoneyUnit>) -> Figure {
    let v = match (from, to) {
        (Some(f), Some(t)) => money::convert(d, f, t, 2),
        _ => d,
    };
    Figure { value: to_f64(v), text: money(v, to), cell: None }
}

fn change_bar(key: String, label: Name, r: &ChangeRow, to: Option<MoneyUnit>) -> ChangeBar {
    let fig = |d: Option<Decimal>| d.map(|d| chart_figure(d, r.unit, to));
    let delta = r.delta.map(|d| {
        let mut f = chart_figure(d, r.unit, to);
        f.text = signed(f.text, d);
        f
    });
    ChangeBar {
        key,
        code: r.code.clone(),
        label,
        old: fig(r.old),
        new: fig(r.new),
        delta,
        pct: r.pct.map(|p| signed(format_grouped(p, 1), p)),
    }
}

/// How many 类/款 the movers chart shows.
pub const MOVERS: usize = 10;

pub fn changes_view(yoy: &YearOverYear, prior: &Budget, tables: &[TableView]) -> ChangesView {
    let rows: Vec<ChangeView> = yoy.changed().map(|r| change_view(r, tables)).collect();
    // Largest movers: 类 and 款 of the expenditure table (else the general public budget table), 合计.
    let source = [TableKind::Expenditure, TableKind::GpbFunction].into_iter().find(|k| yoy.rows.iter().any(|r| r.table == *k));
    let mut movers: Vec<&ChangeRow> = yoy
        .rows
        .iter()
        .filter(|r| Some(r.table) == source && r.column == ColumnRole::Total)
        .filter(|r| r.code.as_deref().is_some_and(|c| matches!(level(c), 1 | 2)))
        .filter(|r| r.delta.is_some_and(|d| !d.is_zero()))
        .collect();
    // A 款 that moved exactly as its 类 (its only moving 款) says nothing the 类 does not.
    let classes: Vec<(String, Option<Decimal>)> = movers
        .iter()
        .filter(|r| r.code.as_deref().is_some_and(|c| level(c) == 1))
        .map(|r| (r.code.clone().unwrap_or_default(), r.delta))
        .collect();
    movers.retain(|r| {
        let code = r.code.as_deref().unwrap_or("");
        level(code) != 2 || !classes.iter().any(|(c, d)| code.starts_with(c.as_str()) && *d == r.delta)
    });
    movers.sort_by(|a, b| b.delta.map(|d| d.abs()).cmp(&a.delta.map(|d| d.abs())));
    movers.truncate(MOVERS);
    let movers_from = movers.first().and_then(|r| r.unit);
    let movers_unit = chart_unit(movers_from);
    let movers = movers
        .iter()
        .map(|r| {
            let code = r.code.clone().unwrap_or_default();
            let label = format!("{code} {}", r.name);
            change_bar(code, Name::new(label.clone(), label), r, movers_unit)
        })
        .collect();
    // 三公 items year against year.
    let mut three_public = Vec::new();
    let mut tp_unit = None;
    for role in [
        ColumnRole::Total,
        ColumnRole::Abroad,
        ColumnRole::Reception,
        ColumnRole::VehiclePurchase,
        ColumnRole::VehicleOperation,
        ColumnRole::OfficeOperation,
    ] {
        if let Some(r) = yoy.rows.iter().find(|r| r.table == TableKind::ThreePublic && r.column == role) {
            tp_unit = r.unit;
            let label = if role == ColumnRole::Total {
                Name::new(crate::i18n::ZH.tp_total_short, crate::i18n::EN.tp_total_short)
            } else {
                Name::new(role.name_zh(), role.name_en())
            };
            three_public.push(change_bar(ser_id(&role), label, r, r.unit));
        }
    }
    ChangesView {
        old_year: yoy.old_year,
        new_year: yoy.new_year,
        prior_unit: prior.unit_name.clone(),
        compared: yoy.rows.len(),
        rows,
        movers,
        movers_table: source.map(|k| Name::new(k.name_zh(), k.name_en())),
        movers_unit: movers_unit.map(unit_name),
        three_public,
        three_public_unit: tp_unit.map(unit_name),
        only_old: yoy.only_old.iter().map(|k| kind_view(*k)).collect(),
        only_new: yoy.only_new.iter().map(|k| kind_view(*k)).collect(),
        skipped: yoy.skipped.iter().map(|s| (kind_view(s.table), Name::new(s.reason.clone(), s.reason_en.clone()))).collect(),
    }
}

/// One unit in full. `prior` is the prior year's budget of the same unit, if given.
/// The 检查表 for the page.
pub fn checklist_view(c: &gouji_core::review::Checklist) -> ChecklistView {
    use gouji_core::review::Answer;
    ChecklistView {
        title: c.title.clone(),
        unit_label: c.unit_label.to_string(),
        unit: c.unit.clone(),
        heading: c.heading.clone(),
        items: c
            .items
            .iter()
            .map(|i| ChecklistItemView {
                group: i.group.to_string(),
                name: Name::new(i.name.clone(), i.name_en.clone()),
                answer: match i.answer {
                    Answer::Yes => AnswerView::Yes,
                    Answer::No => AnswerView::No,
                    Answer::ForReviewer => AnswerView::ForReviewer,
                },
                lines: i.evidence_lines(true).into_iter().zip(i.evidence_lines(false)).map(|(zh, en)| Name::new(zh, en)).collect(),
            })
            .collect(),
    }
}

pub fn unit_view(index: usize, r: &BudgetReport, prior: Option<&Budget>) -> UnitView {
    let b = &r.budget;
    let tables: Vec<TableView> = b.tables.iter().map(|t| table_view(t, b.kind, b.family)).collect();
    let mut money_units: Vec<Name> = Vec::new();
    for u in b.tables.iter().filter_map(|t| t.unit) {
        let n = unit_name(u);
        if !money_units.contains(&n) {
            money_units.push(n);
        }
    }
    let findings: Vec<FindingView> = r.findings.iter().enumerate().map(|(i, f)| finding_view(index, i, f, &tables)).collect();
    let causes = gouji_core::causes::causes(&r.findings)
        .into_iter()
        .map(|c| {
            // The cell as the first grouped finding shows it (with its page, for a PDF).
            let cell =
                findings[c.findings[0]].cells.iter().find(|a| a.sheet == *c.cell.sheet && a.row == c.cell.row && a.col == c.cell.col);
            CauseView {
                cell: cell.cloned().unwrap_or_else(|| addr(&tables, &c.cell)),
                difference: money(c.difference, Some(MoneyUnit::Yuan)),
                findings: c.findings,
            }
        })
        .collect();
    let claims = r.claims.iter().map(|c| claim_view(c, &tables)).collect();
    let three_public = three_public_view(b, &tables, prior);
    let changes = prior.map(|p| changes_view(&gouji_core::compare_years(p, b), p, &tables));
    UnitView {
        index,
        name: b.unit_name.clone(),
        year: b.year,
        final_accounts: b.kind == gouji_core::model::DocKind::FinalAccounts,
        family: b.family.map(|f| Name::new(f.name_zh(), f.name_en())),
        money_units,
        counts: counts(r),
        missing: b.missing().into_iter().map(kind_view).collect(),
        findings,
        not_checked: r.not_checked.iter().map(not_checked_view).collect(),
        claims,
        three_public,
        changes,
        tables,
        checklist: None,
        causes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    #[test]
    fn the_three_public_figures_that_disagree_are_worded_and_the_prior_year_set_beside() {
        let mut b = gouji_fixtures::seed_budget();
        let t = b.table(TableKind::ThreePublic).unwrap();
        assert!(three_public_disagreements(t).is_empty(), "the seed's figures agree");
        let prior = gouji_fixtures::prior::prior_year_budget();
        let rows = three_public_prior(t, prior.table(TableKind::ThreePublic).unwrap());
        let total = rows.iter().find(|r| r.role == "total").expect("the total compared");
        assert_eq!(total.current.as_deref(), Some("995.20"));
        let n = |s: &Option<String>| Decimal::from_str_exact(&s.clone().unwrap().replace([',', '+'], "")).unwrap();
        assert_eq!(n(&total.current) - n(&total.prior), n(&total.change));
        assert!(total.percent.as_deref().is_some_and(|p| p.ends_with('%')));
        assert!(rows.iter().any(|r| r.role == "office_operation"));
        // One item off by 1.00 万元: the cards and the chart no longer agree, and it is said.
        let t = b.tables.iter_mut().find(|t| t.kind == TableKind::ThreePublic).unwrap();
        let col = t.column_any_half(ColumnRole::Abroad).unwrap();
        let row = t.rows.iter().position(|r| std::ptr::eq(r, t.total_row().unwrap())).unwrap();
        t.rows[row].amounts[col].as_mut().unwrap().value += Decimal::ONE;
        let d = three_public_disagreements(b.table(TableKind::ThreePublic).unwrap());
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].zh.starts_with("各项之和为 996.20，与合计 995.20 相差 -1.00"), "{}", d[0].zh);
    }

    #[test]
    fn money_is_written_the_chinese_finance_way() {
        assert_eq!(money(d("51570686"), Some(MoneyUnit::Yuan)), "51,570,686");
        assert_eq!(money(d("1234567.8"), Some(MoneyUnit::Yuan)), "1,234,567.80");
        assert_eq!(money(d("995.2"), Some(MoneyUnit::TenThousandYuan)), "995.20");
        assert_eq!(money(d("-0.1"), Some(MoneyUnit::TenThousandYuan)), "-0.10");
        assert_eq!(money(d("3327"), Some(MoneyUnit::TenThousandYuan)), "3,327.00");
        assert_eq!(money(d("-1"), None), "-1");
        assert_eq!(signed(money(d("0.8"), Some(MoneyUnit::TenThousandYuan)), d("0.8")), "+0.80");
        assert_eq!(share(d("455"), d("995.2")).as_deref(), Some("45.7"));
        assert_eq!(share(d("1"), Decimal::ZERO), None);
    }
}

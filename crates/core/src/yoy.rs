//! Year over year: two budgets of the same unit, table by table, row by row, column by column.
//!
//! Rows are aligned by what identifies them, never by position: the code in coded tables
//! (function codes, economic codes), the [`SummaryLine`] and half in the two summary tables
//! (function classes by their code), the one data row of the 三公 table. Columns are aligned by
//! (role, half). Names are data: a row whose code stays but whose name changes is `renamed`.
//!
//! Amounts are put in one unit per table pair: the tables' own when both state the same unit;
//! otherwise the coarser one, the finer amounts rounded half-up to the coarser table's precision
//! first (docs/relations.md, Tolerance). A pair where only one table states its unit is not compared.

use std::collections::HashMap;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::amount::round_half_up;
use crate::cell::CellRef;
use crate::model::{Budget, ColumnRole, Half, Line, MoneyUnit, Row, SummaryLine, Table, TableKind};
use crate::money;
use crate::recognise::vocab;

/// How a row fares between the two years.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeStatus {
    /// In both years under the same name.
    Both,
    /// Only in the new year.
    New,
    /// Only in the old year.
    Removed,
    /// In both years (same code or line), under another name.
    Renamed,
}

impl ChangeStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeStatus::Both => "both",
            ChangeStatus::New => "new",
            ChangeStatus::Removed => "removed",
            ChangeStatus::Renamed => "renamed",
        }
    }
}

/// One amount of one row in one column, in both years.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ChangeRow {
    pub table: TableKind,
    /// The row's code: function or economic code; for a summary line of a function class, the
    /// class code.
    pub code: Option<String>,
    /// The half of a two-half table the row is in (`whole` elsewhere).
    pub half: Half,
    /// The name in the new year (the old name for a removed row).
    pub name: String,
    /// The old name, when it differs (`renamed`).
    pub old_name: Option<String>,
    pub column: ColumnRole,
    /// The column's standard name (`合计`, `基本支出`, …).
    pub column_zh: &'static str,
    /// In `unit`; `None` for a row absent that year, or a cell that could not be read.
    pub old: Option<Decimal>,
    pub new: Option<Decimal>,
    /// `new − old`, an absent row counting as zero; `None` when a cell could not be read.
    pub delta: Option<Decimal>,
    /// `delta / old` in percent, rounded half-up to 2 places; `None` when old is zero or absent.
    pub pct: Option<Decimal>,
    pub status: ChangeStatus,
    pub unit: Option<MoneyUnit>,
    pub old_cell: Option<CellRef>,
    pub new_cell: Option<CellRef>,
}

/// A table present in both years that could not be compared, and why.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SkippedTable {
    pub table: TableKind,
    pub reason: String,
    pub reason_en: String,
}

/// The comparison of two budgets: rows ordered by table ([`TableKind::ALL`] order), then by row
/// order (the new year's, with rows only in the old year placed after the row they followed).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct YearOverYear {
    pub old_year: Option<i32>,
    pub new_year: Option<i32>,
    pub rows: Vec<ChangeRow>,
    /// Tables only one year has (not compared).
    pub only_old: Vec<TableKind>,
    pub only_new: Vec<TableKind>,
    pub skipped: Vec<SkippedTable>,
}

impl YearOverYear {
    /// Rows whose amount moved, or that came, went or were renamed.
    pub fn changed(&self) -> impl Iterator<Item = &ChangeRow> {
        self.rows.iter().filter(|r| r.status != ChangeStatus::Both || r.delta.is_none_or(|d| !d.is_zero()))
    }
}

/// Compares two budgets (normally the same unit, consecutive years).
pub fn compare_years(old: &Budget, new: &Budget) -> YearOverYear {
    let mut out = YearOverYear {
        old_year: old.year,
        new_year: new.year,
        rows: Vec::new(),
        only_old: Vec::new(),
        only_new: Vec::new(),
        skipped: Vec::new(),
    };
    for kind in TableKind::ALL {
        match (old.table(kind), new.table(kind)) {
            (Some(o), Some(n)) => compare_tables(o, n, &mut out),
            (Some(_), None) => out.only_old.push(kind),
            (None, Some(_)) => out.only_new.push(kind),
            (None, None) => {}
        }
    }
    out
}

/// The common unit of a table pair and the places amounts are rounded to, or why there is none.
fn common_unit(o: &Table, n: &Table) -> Result<(Option<MoneyUnit>, u32), (String, String)> {
    match (o.unit, n.unit) {
        (None, None) => Ok((None, o.decimals.max(n.decimals))),
        (Some(uo), Some(un)) => {
            let c = money::coarser([uo, un]);
            let dp = [o, n].iter().filter(|t| t.unit == c).map(|t| t.decimals).max().unwrap_or(0);
            Ok((c, dp))
        }
        _ => Err((
            "只有一年的表写明了金额单位，无法比较".into(),
            "only one year's table states its unit, so the two cannot be compared".into(),
        )),
    }
}

fn compare_tables(o: &Table, n: &Table, out: &mut YearOverYear) {
    let (unit, dp) = match common_unit(o, n) {
        Ok(u) => u,
        Err((reason, reason_en)) => {
            out.skipped.push(SkippedTable { table: n.kind, reason, reason_en });
            return;
        }
    };
    let value = |t: &Table, v: Decimal| match (t.unit, unit) {
        (Some(from), Some(to)) => money::convert(v, from, to, dp),
        _ => v,
    };
    // Columns matched by (role, half), in the new table's order.
    let columns: Vec<(usize, usize)> = n
        .columns
        .iter()
        .enumerate()
        .filter_map(|(ni, c)| o.columns.iter().position(|oc| oc.role == c.role && oc.half == c.half).map(|oi| (oi, ni)))
        .collect();
    for (old_row, new_row) in align(o, n) {
        let row = new_row.or(old_row).expect("one side present");
        let status = match (old_row, new_row) {
            (Some(a), Some(b)) if same_name(&a.name, &b.name) => ChangeStatus::Both,
            (Some(_), Some(_)) => ChangeStatus::Renamed,
            (None, Some(_)) => ChangeStatus::New,
            _ => ChangeStatus::Removed,
        };
        let old_name = match status {
            ChangeStatus::Renamed => old_row.map(|r| r.name.clone()),
            _ => None,
        };
        for &(oi, ni) in &columns {
            let col = &n.columns[ni];
            if col.half != Half::Whole && col.half != row.half {
                continue;
            }
            // `Err(())`: the row is there but the cell could not be read.
            let side = |t: &Table, r: Option<&Row>, i: usize| -> Result<Option<(Decimal, CellRef)>, ()> {
                match r {
                    None => Ok(None),
                    Some(r) => r.amount(i).map(|a| Some((value(t, a.value), a.cell.clone()))).ok_or(()),
                }
            };
            let (ov, nv) = (side(o, old_row, oi), side(n, new_row, ni));
            let delta = match (&ov, &nv) {
                (Ok(a), Ok(b)) => Some(b.as_ref().map_or(Decimal::ZERO, |x| x.0) - a.as_ref().map_or(Decimal::ZERO, |x| x.0)),
                _ => None,
            };
            let old_v = ov.as_ref().ok().and_then(|x| x.as_ref().map(|x| x.0));
            let new_v = nv.as_ref().ok().and_then(|x| x.as_ref().map(|x| x.0));
            let pct = match (old_v, delta) {
                (Some(ov), Some(d)) if !ov.is_zero() => Some(round_half_up(d * Decimal::from(100) / ov, 2)),
                _ => None,
            };
            out.rows.push(ChangeRow {
                table: n.kind,
                code: row_code(row),
                half: row.half,
                name: row.name.clone(),
                old_name: old_name.clone(),
                column: col.role,
                column_zh: col.role.name_zh(),
                old: old_v,
                new: new_v,
                delta,
                pct,
                status,
                unit,
                old_cell: old_row.and_then(|r| r.amount(oi)).map(|a| a.cell.clone()),
                new_cell: new_row.and_then(|r| r.amount(ni)).map(|a| a.cell.clone()),
            });
        }
    }
}

fn row_code(row: &Row) -> Option<String> {
    match (&row.code, &row.line) {
        (Some(c), _) => Some(c.0.clone()),
        (None, Line::Summary { line: SummaryLine::FunctionClass(c) }) => Some(c.0.clone()),
        _ => None,
    }
}

/// Names compared without white space, quotes or list numbering (`一、教育支出` = `二、教育支出`).
fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (vocab::normalize(a), vocab::normalize(b));
    vocab::strip_numbering(&a) == vocab::strip_numbering(&b)
}

/// What identifies a row within its table, across years.
fn row_key(row: &Row) -> String {
    let half = match row.half {
        Half::Whole => "w",
        Half::Income => "i",
        Half::Expenditure => "e",
    };
    let name = || {
        let n = vocab::normalize(&row.name);
        vocab::strip_numbering(&n).to_string()
    };
    match (&row.line, &row.code) {
        (Line::Item, Some(code)) => format!("code:{}", code.0),
        (Line::Total, _) => format!("total:{half}"),
        (Line::Summary { line: SummaryLine::FunctionClass(c) }, _) => format!("class:{half}:{}", c.0),
        (Line::Summary { line: SummaryLine::Other }, _) => format!("other:{half}:{}", name()),
        (Line::Summary { line }, _) => format!("line:{half}:{line:?}"),
        _ => format!("name:{half}:{}", name()),
    }
}

/// Keys made unique by their occurrence (`key#1` for a second row with the same key).
fn keys(t: &Table) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::with_capacity(t.rows.len());
    t.rows
        .iter()
        .map(|r| {
            let k = row_key(r);
            let n = seen.entry(k.clone()).or_insert(0);
            *n += 1;
            if *n == 1 {
                k
            } else {
                format!("{k}#{}", *n - 1)
            }
        })
        .collect()
}

type Pair<'t> = (Option<&'t Row>, Option<&'t Row>);

/// Pairs of (old row, new row): the new table's order, each row only in the old table placed
/// right after the row it followed there (or first, when nothing before it survives).
fn align<'t>(o: &'t Table, n: &'t Table) -> Vec<Pair<'t>> {
    let (ok, nk) = (keys(o), keys(n));
    let old_at: HashMap<&str, usize> = ok.iter().enumerate().map(|(i, k)| (k.as_str(), i)).collect();
    let new_at: HashMap<&str, usize> = nk.iter().enumerate().map(|(i, k)| (k.as_str(), i)).collect();
    // Old-only rows by anchor: the index of the nearest preceding old row the new table also has.
    let mut removed: HashMap<Option<usize>, Vec<usize>> = HashMap::new();
    let mut anchor: Option<usize> = None;
    for (i, k) in ok.iter().enumerate() {
        if new_at.contains_key(k.as_str()) {
            anchor = Some(i);
        } else {
            removed.entry(anchor).or_default().push(i);
        }
    }
    let mut pairs: Vec<Pair<'t>> = Vec::with_capacity(n.rows.len() + removed.values().map(Vec::len).sum::<usize>());
    let mut place = |pairs: &mut Vec<Pair<'t>>, a: Option<usize>| {
        for i in removed.remove(&a).unwrap_or_default() {
            pairs.push((Some(&o.rows[i]), None));
        }
    };
    place(&mut pairs, None);
    for (j, k) in nk.iter().enumerate() {
        let old = old_at.get(k.as_str()).copied();
        pairs.push((old.map(|i| &o.rows[i]), Some(&n.rows[j])));
        if old.is_some() {
            place(&mut pairs, old);
        }
    }
    pairs
}

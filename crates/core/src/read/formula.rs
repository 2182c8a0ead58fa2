//! Formulas whose saved result is missing (workbooks written by scripts). A plain `SUM` of ranges
//! or `+`/`-` of cells and numbers is evaluated; anything else is left alone and reported.

use rust_decimal::Decimal;

use crate::amount::parse_amount;
use crate::cell::{parse_a1, CellRef, CellValue};
use crate::grid::Grid;

/// A formula cell that had no saved value, and what gouji did about it.
#[derive(Clone, Debug, PartialEq)]
pub struct FormulaNote {
    pub cell: CellRef,
    pub formula: String,
    /// `Some` when gouji evaluated it itself.
    pub evaluated: Option<Decimal>,
    /// The file stored 0 as the result (a writer that never calculates) and the formula says otherwise.
    pub zero_cached: bool,
}

/// Formulas whose stored result is 0: where gouji can evaluate them and gets another value, the
/// stored 0 was never calculated, and the evaluated value is used instead.
pub(super) fn recalculate_zero_cached(grid: &mut Grid, cells: Vec<(u32, u32, String)>) -> Vec<FormulaNote> {
    let mut notes = Vec::new();
    for (row, col, f) in cells {
        if let Some(v) = evaluate(grid, &f) {
            if !v.is_zero() {
                if let Some(cell) = grid.get_mut(row, col) {
                    *cell = CellValue::Evaluated { value: v, formula: f.clone() };
                }
                notes.push(FormulaNote { cell: grid.cell_ref(row, col), formula: f, evaluated: Some(v), zero_cached: true });
            }
        }
    }
    notes
}

pub(super) fn evaluate_missing(grid: &mut Grid) -> Vec<FormulaNote> {
    let mut pending: Vec<(u32, u32, String)> = Vec::new();
    for row in grid.rows() {
        for col in grid.first_col..grid.end_col() {
            if let CellValue::FormulaWithoutValue(f) = grid.get(row, col) {
                pending.push((row, col, f.clone()));
            }
        }
    }
    if pending.is_empty() {
        return Vec::new();
    }
    // Formulas may feed each other: evaluate in passes until nothing more can be done.
    let mut done: Vec<(u32, u32, String, Decimal)> = Vec::new();
    for _ in 0..32 {
        let mut progressed = false;
        pending.retain(|(row, col, f)| match evaluate(grid, f) {
            Some(v) => {
                if let Some(cell) = grid.get_mut(*row, *col) {
                    *cell = CellValue::Evaluated { value: v, formula: f.clone() };
                }
                done.push((*row, *col, f.clone(), v));
                progressed = true;
                false
            }
            None => true,
        });
        if !progressed || pending.is_empty() {
            break;
        }
    }
    let mut notes: Vec<FormulaNote> = done
        .into_iter()
        .map(|(r, c, f, v)| FormulaNote { cell: grid.cell_ref(r, c), formula: f, evaluated: Some(v), zero_cached: false })
        .collect();
    notes.extend(pending.into_iter().map(|(r, c, f)| FormulaNote {
        cell: grid.cell_ref(r, c),
        formula: f,
        evaluated: None,
        zero_cached: false,
    }));
    notes.sort_by_key(|n| (n.cell.row, n.cell.col));
    notes
}

/// `None` when the formula is not a form gouji evaluates or refers to a cell it cannot read.
fn evaluate(grid: &Grid, formula: &str) -> Option<Decimal> {
    let f: String = formula.trim().trim_start_matches('=').chars().filter(|c| !c.is_whitespace()).collect();
    let upper = f.to_ascii_uppercase();
    if let Some(args) = upper.strip_prefix("SUM(").and_then(|r| r.strip_suffix(')')) {
        let mut total = Decimal::ZERO;
        for arg in args.split(',') {
            total = total.checked_add(sum_range(grid, arg)?)?;
        }
        return Some(total);
    }
    // Terms joined by + and -.
    let mut total = Decimal::ZERO;
    let mut sign = Decimal::ONE;
    let mut term = String::new();
    let mut chars = upper.chars().peekable();
    let mut first = true;
    loop {
        let c = chars.next();
        match c {
            Some('+') | Some('-') | None => {
                if term.is_empty() {
                    if !first || c.is_none() {
                        return None;
                    }
                } else {
                    total = total.checked_add(sign * term_value(grid, &term)?)?;
                    term.clear();
                }
                first = false;
                match c {
                    Some('-') => sign = -Decimal::ONE,
                    Some(_) => sign = Decimal::ONE,
                    None => return Some(total),
                }
            }
            Some(ch) if ch.is_ascii_alphanumeric() || ch == '.' || ch == '$' || ch == ':' || ch == '(' || ch == ')' => term.push(ch),
            _ => return None,
        }
    }
}

fn term_value(grid: &Grid, term: &str) -> Option<Decimal> {
    if let Some(args) = term.strip_prefix("SUM(").and_then(|r| r.strip_suffix(')')) {
        return sum_range(grid, args);
    }
    if term.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return term.parse().ok();
    }
    let (row, col) = parse_a1(term)?;
    cell_number(grid.get(row, col))
}

fn sum_range(grid: &Grid, range: &str) -> Option<Decimal> {
    let (a, b) = match range.split_once(':') {
        Some((a, b)) => (parse_a1(a)?, parse_a1(b)?),
        None => {
            let p = parse_a1(range)?;
            (p, p)
        }
    };
    let (r0, r1) = (a.0.min(b.0), a.0.max(b.0));
    let (c0, c1) = (a.1.min(b.1), a.1.max(b.1));
    // A range past the sheet's used area is empty there; clamp instead of walking a million rows.
    let r1 = r1.min(grid.row_count().saturating_sub(1) as u32);
    let c1 = c1.min(grid.col_count().saturating_sub(1) as u32);
    let mut total = Decimal::ZERO;
    for r in r0..=r1 {
        for c in c0..=c1 {
            let v = grid.get(r, c);
            match v {
                CellValue::Empty => {}
                CellValue::Text(t) if parse_amount(t).is_err() => {} // SUM skips text, as Excel does
                _ => total = total.checked_add(cell_number(v)?)?,
            }
        }
    }
    Some(total)
}

fn cell_number(v: &CellValue) -> Option<Decimal> {
    match v {
        CellValue::Empty => Some(Decimal::ZERO),
        CellValue::Number(d) => Some(*d),
        CellValue::Evaluated { value, .. } => Some(*value),
        CellValue::Text(t) => parse_amount(t).ok().map(|d| d.unwrap_or_default()),
        CellValue::FormulaWithoutValue(_) | CellValue::Error(_) => None,
    }
}

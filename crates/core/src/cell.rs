//! Cell addresses and the cell values gouji keeps from any input format.

use rust_decimal::Decimal;
use serde::{Serialize, Serializer};
use std::fmt;
use std::sync::Arc;

/// Where a value came from: a sheet (or file, for CSV and pasted text) and a zero-based row and column.
/// The sheet name is shared: a workbook has millions of cell references and a handful of sheets.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CellRef {
    pub sheet: Arc<str>,
    pub row: u32,
    pub col: u32,
}

impl CellRef {
    pub fn new(sheet: impl Into<Arc<str>>, row: u32, col: u32) -> Self {
        CellRef { sheet: sheet.into(), row, col }
    }

    /// The A1 address without the sheet, e.g. `G12`.
    pub fn a1(&self) -> String {
        format!("{}{}", column_letters(self.col), self.row + 1)
    }
}

impl fmt::Display for CellRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}!{}{}", self.sheet, column_letters(self.col), self.row + 1)
    }
}

impl Serialize for CellRef {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// `0 -> A`, `25 -> Z`, `26 -> AA`.
pub fn column_letters(mut col: u32) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Parses `B12` (or `$B$12`) into zero-based (row, col).
pub fn parse_a1(s: &str) -> Option<(u32, u32)> {
    let s = s.trim().trim_start_matches('$');
    let letters: String = s.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
    if letters.is_empty() || letters.len() > 3 {
        return None;
    }
    let rest = s[letters.len()..].trim_start_matches('$');
    let row: u32 = rest.parse().ok()?;
    if row == 0 {
        return None;
    }
    let mut col: u32 = 0;
    for c in letters.chars() {
        col = col * 26 + (c.to_ascii_uppercase() as u32 - 'A' as u32 + 1);
    }
    Some((row - 1, col - 1))
}

/// One cell's value, converted from the input format at once.
#[derive(Clone, Debug, PartialEq, Default)]
pub enum CellValue {
    #[default]
    Empty,
    /// A numeric cell (already a decimal; float noise removed).
    Number(Decimal),
    /// Text as written, including amounts written as text.
    Text(String),
    /// A formula whose saved result is missing; the formula text without `=`.
    FormulaWithoutValue(String),
    /// A formula without a saved result that gouji evaluated (a plain SUM or `+`/`-` of cells).
    Evaluated { value: Decimal, formula: String },
    /// An error value such as `#REF!`.
    Error(String),
}

impl CellValue {
    pub fn is_empty(&self) -> bool {
        match self {
            CellValue::Empty => true,
            CellValue::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The text of a text cell, trimmed; `None` for other kinds.
    pub fn text(&self) -> Option<&str> {
        match self {
            CellValue::Text(t) => Some(t.trim()),
            _ => None,
        }
    }

    /// What a person would read in the cell.
    pub fn display(&self) -> String {
        match self {
            CellValue::Empty => String::new(),
            CellValue::Number(d) => d.normalize().to_string(),
            CellValue::Text(t) => t.trim().to_string(),
            CellValue::FormulaWithoutValue(f) => format!("={f}"),
            CellValue::Evaluated { value, .. } => value.normalize().to_string(),
            CellValue::Error(e) => e.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_round_trip() {
        for (col, s) in [(0, "A"), (6, "G"), (25, "Z"), (26, "AA"), (51, "AZ"), (52, "BA"), (701, "ZZ"), (702, "AAA")] {
            assert_eq!(column_letters(col), s);
            assert_eq!(parse_a1(&format!("{s}7")), Some((6, col)));
        }
        assert_eq!(CellRef::new("表3 支出总表", 11, 6).to_string(), "表3 支出总表!G12");
        assert_eq!(parse_a1("$B$2"), Some((1, 1)));
        assert_eq!(parse_a1("B0"), None);
        assert_eq!(parse_a1("12"), None);
    }
}

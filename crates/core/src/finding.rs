//! Findings: what gouji tells a reviewer, each pinned to the cells that take part.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::cell::CellRef;
use crate::model::{MoneyUnit, TableKind};
use crate::rules::RuleRef;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    Hierarchy,
    Structure,
    RowArithmetic,
    GrandTotal,
    InterTable,
    FunctionVsEconomic,
    ThreePublic,
    Rounding,
    BadValue,
    FormulaWithoutCachedValues,
    FormulaEvaluated,
    MissingUnit,
    Narrative,
}

impl FindingKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::Hierarchy => "hierarchy",
            FindingKind::Structure => "structure",
            FindingKind::RowArithmetic => "row_arithmetic",
            FindingKind::GrandTotal => "grand_total",
            FindingKind::InterTable => "inter_table",
            FindingKind::FunctionVsEconomic => "function_vs_economic",
            FindingKind::ThreePublic => "three_public",
            FindingKind::Rounding => "rounding",
            FindingKind::BadValue => "bad_value",
            FindingKind::FormulaWithoutCachedValues => "formula_without_cached_values",
            FindingKind::FormulaEvaluated => "formula_evaluated",
            FindingKind::MissingUnit => "missing_unit",
            FindingKind::Narrative => "narrative",
        }
    }
}

/// One finding. Amounts are in `unit` (the table's unit; the coarser one when tables differ).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    /// The rule broken (serialised as its id).
    pub rule: RuleRef,
    pub kind: FindingKind,
    pub severity: Severity,
    /// The table the checked cell is in.
    pub table: Option<TableKind>,
    pub message: String,
    pub message_en: String,
    pub expected: Option<Decimal>,
    pub actual: Option<Decimal>,
    pub difference: Option<Decimal>,
    pub unit: Option<MoneyUnit>,
    /// Every cell that takes part, the checked cell first.
    pub cells: Vec<CellRef>,
    /// For findings about the narrative text (GJ7xx): where the claim stands in the text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<TextSpan>,
    /// For cells read from a PDF: the page and box of each cell that has one, in `cells` order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub places: Vec<CellPlace>,
}

/// A finding's cell on its printed page.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CellPlace {
    pub cell: CellRef,
    pub page: u32,
    /// `[x0, top, x1, bottom]` in points, y downwards from the top of the page as displayed.
    pub bbox: [f32; 4],
}

/// Fills in the page and box of every finding's cells that come from a PDF.
pub fn locate(budget: &crate::model::Budget, findings: &mut [Finding]) {
    for f in findings {
        if !f.places.is_empty() {
            continue;
        }
        for cell in &f.cells {
            if let Some(p) = budget.tables.iter().find_map(|t| t.place_of(cell)) {
                f.places.push(CellPlace { cell: cell.clone(), page: p.page, bbox: p.bbox });
            }
        }
    }
}

impl Finding {
    /// The table the checked cell is in.
    pub fn in_table(mut self, table: TableKind) -> Finding {
        self.table = Some(table);
        self
    }
    /// The cells that take part, the checked cell first.
    pub fn at(mut self, cells: Vec<CellRef>) -> Finding {
        self.cells = cells;
        self
    }
    pub fn with_unit(mut self, unit: Option<MoneyUnit>) -> Finding {
        self.unit = unit;
        self
    }
    /// A severity other than the rule's (a note that is only a warning, say).
    pub fn with_severity(mut self, severity: Severity) -> Finding {
        self.severity = severity;
        self
    }
}

/// A place in the narrative text: the 1-based line and column (in characters) of the amount a
/// claim states, and the sentence it stands in; for the text of a PDF, also its page and the
/// line on that page (1-based, counted from the page's first line of print).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct TextSpan {
    pub line: usize,
    pub column: usize,
    pub sentence: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_line: Option<usize>,
}

/// A relation that could not be checked, and why (a missing table, an unreadable cell, no unit).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NotChecked {
    pub rule: RuleRef,
    pub reason: String,
    pub reason_en: String,
}

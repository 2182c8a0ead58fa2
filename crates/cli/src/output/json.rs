//! The JSON report: a contract other tools rely on. Fields may be added, never renamed or removed.
//!
//! ```json
//! {"budgets":[{"path":"…","unit_name":"…","year":2021,"error":null,
//!   "tables":[{"id":"expenditure","sheet":"…","title_cell":"A1","unit":"元","empty":false}],
//!   "findings":[{"rule":"GJ101","kind":"…","severity":"error","message":"…","message_en":"…",
//!                "expected":"…","actual":"…","difference":"…","unit":"元","cells":["表3!G12"]}],
//!   "not_checked":[{"rule":"…","reason":"…","reason_en":"…"}]}]}
//! ```

use std::io::{self, Write};

use gouji_core::{BudgetReport, Finding, NotChecked, Severity, Table};
use serde::Serialize;

use super::{amount, BatchTotals};
use crate::input::{InputError, Submission};

#[derive(Serialize)]
struct Document<'a> {
    budgets: Vec<Entry<'a>>,
    /// Batch runs only.
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<Summary>,
}

/// One budget (one unit of one submission), or one submission that could not be read.
#[derive(Serialize)]
struct Entry<'a> {
    path: &'a str,
    unit_name: Option<&'a str>,
    year: Option<i32>,
    error: Option<ErrorJson<'a>>,
    tables: Vec<TableJson<'a>>,
    findings: Vec<FindingJson<'a>>,
    not_checked: &'a [NotChecked],
    counts: Counts,
}

#[derive(Serialize)]
struct ErrorJson<'a> {
    kind: &'a str,
    message: &'a str,
    message_en: &'a str,
}

#[derive(Serialize)]
struct TableJson<'a> {
    id: &'static str,
    sheet: &'a str,
    title: &'a str,
    title_cell: String,
    unit: Option<&'static str>,
    empty: bool,
}

#[derive(Serialize)]
struct FindingJson<'a> {
    rule: &'static str,
    kind: &'static str,
    severity: &'static str,
    /// The id of the table the checked cell is in.
    table: Option<&'static str>,
    message: &'a str,
    message_en: &'a str,
    expected: Option<String>,
    actual: Option<String>,
    difference: Option<String>,
    /// The unit of `expected`, `actual` and `difference`.
    unit: Option<&'static str>,
    cells: Vec<String>,
}

#[derive(Serialize, Default)]
struct Counts {
    error: usize,
    warning: usize,
    info: usize,
}

#[derive(Serialize)]
struct Summary {
    submissions: usize,
    budgets: usize,
    unreadable: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    elapsed_seconds: f64,
    budgets_per_second: f64,
}

pub fn findings(out: &mut impl Write, subs: &[Submission], totals: Option<&BatchTotals>) -> io::Result<()> {
    let mut budgets = Vec::new();
    for s in subs {
        match &s.outcome {
            Ok(reports) => budgets.extend(reports.iter().map(|r| budget(&s.path, r))),
            Err(e) => budgets.push(unreadable(&s.path, e)),
        }
    }
    let summary = totals.map(|t| Summary {
        submissions: t.tally.submissions,
        budgets: t.tally.budgets,
        unreadable: t.tally.unreadable,
        errors: t.tally.errors,
        warnings: t.tally.warnings,
        infos: t.tally.infos,
        elapsed_seconds: t.elapsed.as_secs_f64(),
        budgets_per_second: t.budgets_per_second(),
    });
    serde_json::to_writer_pretty(&mut *out, &Document { budgets, summary })?;
    writeln!(out)
}

fn budget<'a>(path: &'a str, r: &'a BudgetReport) -> Entry<'a> {
    Entry {
        path,
        unit_name: r.budget.unit_name.as_deref(),
        year: r.budget.year,
        error: None,
        tables: r.budget.tables.iter().map(table).collect(),
        findings: r.findings.iter().map(finding).collect(),
        not_checked: &r.not_checked,
        counts: Counts { error: r.count(Severity::Error), warning: r.count(Severity::Warning), info: r.count(Severity::Info) },
    }
}

fn unreadable<'a>(path: &'a str, e: &'a InputError) -> Entry<'a> {
    Entry {
        path,
        unit_name: None,
        year: None,
        error: Some(ErrorJson { kind: e.kind, message: &e.message_zh, message_en: &e.message_en }),
        tables: Vec::new(),
        findings: Vec::new(),
        not_checked: &[],
        counts: Counts::default(),
    }
}

fn table(t: &Table) -> TableJson<'_> {
    TableJson {
        id: t.kind.id(),
        sheet: &t.sheet,
        title: &t.title,
        title_cell: t.title_cell.a1(),
        unit: t.unit.map(|u| u.label()),
        empty: t.empty,
    }
}

fn finding(f: &Finding) -> FindingJson<'_> {
    FindingJson {
        rule: f.rule,
        kind: f.kind.as_str(),
        severity: f.severity.as_str(),
        table: f.table.map(|k| k.id()),
        message: &f.message,
        message_en: &f.message_en,
        expected: amount(f.expected),
        actual: amount(f.actual),
        difference: amount(f.difference),
        unit: f.unit.map(|u| u.label()),
        cells: f.cells.iter().map(ToString::to_string).collect(),
    }
}

/// `{"rules":[…]}`: every registry entry with all its fields.
pub fn rules(out: &mut impl Write) -> io::Result<()> {
    #[derive(Serialize)]
    struct Rules<'a> {
        rules: &'a [&'static gouji_core::rules::RuleInfo],
    }
    serde_json::to_writer_pretty(&mut *out, &Rules { rules: gouji_core::rules::REGISTRY })?;
    writeln!(out)
}

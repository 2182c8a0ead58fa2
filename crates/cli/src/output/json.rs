//! The JSON report: a contract other tools rely on. Fields may be added, never renamed or removed.
//!
//! ```json
//! {"budgets":[{"path":"…","unit_name":"…","year":2021,"kind":"budget","family":"shanghai","error":null,
//!   "tables":[{"id":"expenditure","sheet":"…","title_cell":"A1","unit":"元","empty":false}],
//!   "findings":[{"rule":"GJ101","kind":"…","severity":"error","message":"…","message_en":"…",
//!                "expected":"…","actual":"…","difference":"…","unit":"元","cells":["表3!G12"]}],
//!   "not_checked":[{"rule":"…","reason":"…","reason_en":"…"}],
//!   "claims":[{"rule":"GJ701","type":"amount","subject":"“教育支出”科目","written":"3,327万元","amount":"3327",
//!              "unit":"万元","line":99,"column":12,"sentence":"…","verdict":"agrees","expected":null,"actual":null,
//!              "difference":null,"reason":null,"reason_en":null,"message":"…","message_en":"…",
//!              "table":"appropriation_summary","cells":["…!D3"]}]}]}
//! ```
//! Findings about the narrative text (`--text`) add `text_line`, `text_column` and `sentence`
//! (and, for a PDF's own text, `text_page` and `text_page_line`).

use std::io::{self, Write};

use gouji_core::{BudgetReport, ClaimKind, ClaimVerdict, Finding, NotChecked, Severity, Table, Verdict};
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
    /// `budget` or `final_accounts`; null for a file that could not be read.
    kind: Option<&'static str>,
    /// `shanghai`, `local`, `central`, `final_accounts`, or null where the tables do not tell.
    family: Option<&'static str>,
    error: Option<ErrorJson<'a>>,
    tables: Vec<TableJson<'a>>,
    findings: Vec<FindingJson<'a>>,
    not_checked: &'a [NotChecked],
    counts: Counts,
    /// The narrative text's claims and their verdicts (`--text`); empty otherwise.
    claims: Vec<ClaimJson<'a>>,
}

#[derive(Serialize)]
struct ClaimJson<'a> {
    rule: &'static str,
    /// `amount`, `year_over_year`, `itemised_sum`, `project_amounts`.
    #[serde(rename = "type")]
    kind: &'static str,
    subject: &'a str,
    /// The amount as written (`3,327万元`, `持平`).
    written: &'a str,
    /// The amount claimed (signed for a change), in `unit`.
    amount: Option<String>,
    unit: &'static str,
    line: usize,
    column: usize,
    sentence: &'a str,
    /// `agrees`, `disagrees`, `cannot_check`.
    verdict: &'static str,
    expected: Option<String>,
    actual: Option<String>,
    difference: Option<String>,
    reason: Option<&'a str>,
    reason_en: Option<&'a str>,
    message: &'a str,
    message_en: &'a str,
    table: Option<&'static str>,
    cells: Vec<String>,
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
struct PlaceJson {
    cell: String,
    page: u32,
    bbox: [f32; 4],
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
    /// For a PDF: each cell's page and box (`[x0, top, x1, bottom]`, points, y down).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    places: Vec<PlaceJson>,
    /// Narrative findings: the 1-based line and column (characters) of the amount in the text.
    #[serde(skip_serializing_if = "Option::is_none")]
    text_line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    text_column: Option<usize>,
    /// For the text of a PDF: the page and the line on that page.
    #[serde(skip_serializing_if = "Option::is_none")]
    text_page: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    text_page_line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sentence: Option<&'a str>,
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
        kind: Some(r.budget.kind.id()),
        family: r.budget.family.map(|f| f.id()),
        error: None,
        tables: r.budget.tables.iter().map(table).collect(),
        findings: r.findings.iter().map(finding).collect(),
        not_checked: &r.not_checked,
        counts: Counts { error: r.count(Severity::Error), warning: r.count(Severity::Warning), info: r.count(Severity::Info) },
        claims: r.claims.iter().map(claim).collect(),
    }
}

fn claim(v: &ClaimVerdict) -> ClaimJson<'_> {
    let c = &v.claim;
    let kind = match c.kind {
        ClaimKind::Amount { .. } => "amount",
        ClaimKind::YearOverYear { .. } => "year_over_year",
        ClaimKind::ItemisedSum { .. } => "itemised_sum",
        ClaimKind::ProjectAmounts { .. } => "project_amounts",
    };
    let (verdict, expected, actual, difference, reason, reason_en) = match &v.verdict {
        Verdict::Agrees => ("agrees", None, None, None, None, None),
        Verdict::Disagrees { expected, actual, difference, .. } => {
            ("disagrees", amount(Some(*expected)), amount(Some(*actual)), amount(Some(*difference)), None, None)
        }
        Verdict::CannotCheck { reason, reason_en } => ("cannot_check", None, None, None, Some(reason.as_str()), Some(reason_en.as_str())),
    };
    ClaimJson {
        rule: v.rule.id(),
        kind,
        subject: &c.subject,
        written: &c.amount.written,
        amount: amount(Some(c.amount.value)),
        unit: c.amount.unit.label(),
        line: c.line,
        column: c.column,
        sentence: &c.sentence,
        verdict,
        expected,
        actual,
        difference,
        reason,
        reason_en,
        message: &v.message,
        message_en: &v.message_en,
        table: v.table.map(|k| k.id()),
        cells: v.cells.iter().map(ToString::to_string).collect(),
    }
}

fn unreadable<'a>(path: &'a str, e: &'a InputError) -> Entry<'a> {
    Entry {
        path,
        unit_name: None,
        year: None,
        kind: None,
        family: None,
        error: Some(ErrorJson { kind: e.kind, message: &e.message_zh, message_en: &e.message_en }),
        tables: Vec::new(),
        findings: Vec::new(),
        not_checked: &[],
        counts: Counts::default(),
        claims: Vec::new(),
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
        rule: f.rule.id(),
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
        places: f.places.iter().map(|p| PlaceJson { cell: p.cell.to_string(), page: p.page, bbox: p.bbox }).collect(),
        text_line: f.text.as_ref().map(|t| t.line),
        text_column: f.text.as_ref().map(|t| t.column),
        text_page: f.text.as_ref().and_then(|t| t.page),
        text_page_line: f.text.as_ref().and_then(|t| t.page_line),
        sentence: f.text.as_ref().map(|t| t.sentence.as_str()),
    }
}

/// `{"rules":[…]}`: every registry entry with all its fields.
pub fn rules(out: &mut impl Write) -> io::Result<()> {
    #[derive(Serialize)]
    struct Rules<'a> {
        rules: &'a [&'static gouji_core::rules::Rule],
    }
    serde_json::to_writer_pretty(&mut *out, &Rules { rules: gouji_core::rules::REGISTRY })?;
    writeln!(out)
}

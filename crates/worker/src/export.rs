//! Findings as CSV and JSON, for download. Made in the worker from the core's reports.
//!
//! CSV: one row per finding of every unit, UTF-8 with a byte-order mark (so Excel opens it as
//! UTF-8), amounts as plain decimals. JSON: the findings, relations not checked and narrative
//! claims of every unit, as the core serialises them.

use gouji_core::{BudgetReport, ClaimVerdict, Finding, NotChecked, Severity};
use serde::Serialize;

use crate::engine::Session;
use crate::protocol::{Mark, Marks};
use crate::view::finding_key;

const CSV_HEADER: [&str; 16] = [
    "file",
    "unit_name",
    "year",
    "rule",
    "kind",
    "severity",
    "table",
    "message",
    "message_en",
    "expected",
    "actual",
    "difference",
    "unit",
    "cells",
    "review",
    "review_comment",
];

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn csv_row(out: &mut String, fields: &[&str]) {
    let row: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
    out.push_str(&row.join(","));
    out.push_str("\r\n");
}

fn files(s: &Session) -> String {
    s.source.files.join("; ")
}

/// The person's mark on finding `f` of unit `unit`, if any.
pub fn mark_of<'a>(marks: &'a Marks, unit: usize, f: &Finding) -> Option<&'a Mark> {
    if marks.is_empty() {
        return None;
    }
    marks.get(&finding_key(unit, f))
}

/// A mark in words: `已复核：已与单位核实`.
pub fn mark_text(m: &Mark, zh: bool) -> String {
    let status = if zh { m.status.zh() } else { m.status.en() };
    match (m.comment.trim(), zh) {
        ("", _) => status.to_string(),
        (c, true) => format!("{status}：{c}"),
        (c, false) => format!("{status}: {c}"),
    }
}

pub fn findings_csv(s: &Session, marks: &Marks) -> String {
    let mut out = String::from("\u{feff}");
    csv_row(&mut out, &CSV_HEADER);
    let files = files(s);
    for (u, r) in s.reports.iter().enumerate() {
        let unit = r.budget.unit_name.as_deref().unwrap_or("");
        let year = r.budget.year.map(|y| y.to_string()).unwrap_or_default();
        for f in &r.findings {
            let amount = |d: Option<rust_decimal::Decimal>| d.map(|d| d.normalize().to_string()).unwrap_or_default();
            let cells: Vec<String> = f.cells.iter().map(ToString::to_string).collect();
            let mark = mark_of(marks, u, f);
            csv_row(
                &mut out,
                &[
                    &files,
                    unit,
                    &year,
                    f.rule.id(),
                    f.kind.as_str(),
                    f.severity.as_str(),
                    f.table.map(|k| k.id()).unwrap_or(""),
                    &f.message,
                    &f.message_en,
                    &amount(f.expected),
                    &amount(f.actual),
                    &amount(f.difference),
                    f.unit.map(|u| u.label()).unwrap_or(""),
                    &cells.join("; "),
                    mark.map(|m| m.status.id()).unwrap_or(""),
                    mark.map(|m| m.comment.as_str()).unwrap_or(""),
                ],
            );
        }
    }
    out
}

#[derive(Serialize)]
struct Counts {
    error: usize,
    warning: usize,
    info: usize,
}

#[derive(Serialize)]
struct UnitJson<'a> {
    unit_name: Option<&'a str>,
    year: Option<i32>,
    tables: Vec<&'static str>,
    counts: Counts,
    findings: &'a [Finding],
    not_checked: &'a [NotChecked],
    claims: &'a [ClaimVerdict],
    /// The person's marks: the finding (index in `findings`), its mark and comment.
    reviews: Vec<ReviewJson<'a>>,
}

#[derive(Serialize)]
struct ReviewJson<'a> {
    finding: usize,
    status: &'static str,
    comment: &'a str,
}

#[derive(Serialize)]
struct ExportJson<'a> {
    tool: &'static str,
    files: &'a [String],
    prior_files: &'a [String],
    units: Vec<UnitJson<'a>>,
}

fn unit_json<'a>(u: usize, r: &'a BudgetReport, marks: &'a Marks) -> UnitJson<'a> {
    let reviews = r
        .findings
        .iter()
        .enumerate()
        .filter_map(|(i, f)| mark_of(marks, u, f).map(|m| ReviewJson { finding: i, status: m.status.id(), comment: &m.comment }))
        .collect();
    UnitJson {
        unit_name: r.budget.unit_name.as_deref(),
        year: r.budget.year,
        tables: r.budget.tables.iter().map(|t| t.kind.id()).collect(),
        counts: Counts { error: r.count(Severity::Error), warning: r.count(Severity::Warning), info: r.count(Severity::Info) },
        findings: &r.findings,
        not_checked: &r.not_checked,
        claims: &r.claims,
        reviews,
    }
}

pub fn findings_json(s: &Session, marks: &Marks) -> String {
    let doc = ExportJson {
        tool: "gouji",
        files: &s.source.files,
        prior_files: &s.source.prior_files,
        units: s.reports.iter().enumerate().map(|(u, r)| unit_json(u, r, marks)).collect(),
    };
    serde_json::to_string_pretty(&doc).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}

/// A file name for the exports that says what they cover and when they were made:
/// `勾稽-上海市科学技术委员会-2021-20261201-2130` for one unit (`unit`: the report of one
/// unit, or every unit of a check that has one), `勾稽-预算汇总-200个单位-20261201-2130` for
/// several; without characters that file systems refuse. `stamp` is the page's local time.
pub fn file_stem(s: &Session, unit: Option<usize>, stamp: &str) -> String {
    let one = unit.or((s.reports.len() == 1).then_some(0)).and_then(|u| s.reports.get(u));
    let mut parts = vec!["勾稽".to_string()];
    match one {
        Some(r) => {
            if let Some(name) = r.budget.unit_name.as_deref().filter(|n| !n.is_empty()) {
                parts.push(name.to_string());
            }
            if let Some(y) = r.budget.year {
                parts.push(y.to_string());
            }
        }
        None => {
            if let Some(f) = s.source.files.first() {
                let stem = f.rsplit_once('.').map(|(a, _)| a).unwrap_or(f);
                parts.push(if s.source.files.len() > 1 { format!("{stem}等{}个文件", s.source.files.len()) } else { stem.to_string() });
            }
            parts.push(format!("{}个单位", s.reports.len()));
        }
    }
    if !stamp.is_empty() {
        parts.push(stamp.to_string());
    }
    parts
        .join("-")
        .chars()
        .map(|c| if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() { '_' } else { c })
        .take(80)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_when_needed() {
        assert_eq!(csv_field("a"), "a");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("说“好”\"x\""), "\"说“好”\"\"x\"\"\"");
        let mut s = String::new();
        csv_row(&mut s, &["1", "x\ny"]);
        assert_eq!(s, "1,\"x\ny\"\r\n");
    }
}

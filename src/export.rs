//! Findings as CSV and JSON, for download. Made in the worker from the core's reports.
//!
//! CSV: one row per finding of every unit, UTF-8 with a byte-order mark (so Excel opens it as
//! UTF-8), amounts as plain decimals. JSON: the findings, relations not checked and narrative
//! claims of every unit, as the core serialises them.

use gouji_core::{BudgetReport, ClaimVerdict, Finding, NotChecked, Severity};
use serde::Serialize;

use crate::engine::Session;

const CSV_HEADER: [&str; 14] = [
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

pub fn findings_csv(s: &Session) -> String {
    let mut out = String::from("\u{feff}");
    csv_row(&mut out, &CSV_HEADER);
    let files = files(s);
    for r in &s.reports {
        let unit = r.budget.unit_name.as_deref().unwrap_or("");
        let year = r.budget.year.map(|y| y.to_string()).unwrap_or_default();
        for f in &r.findings {
            let amount = |d: Option<rust_decimal::Decimal>| d.map(|d| d.normalize().to_string()).unwrap_or_default();
            let cells: Vec<String> = f.cells.iter().map(ToString::to_string).collect();
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
}

#[derive(Serialize)]
struct ExportJson<'a> {
    tool: &'static str,
    files: &'a [String],
    prior_files: &'a [String],
    units: Vec<UnitJson<'a>>,
}

fn unit_json(r: &BudgetReport) -> UnitJson<'_> {
    UnitJson {
        unit_name: r.budget.unit_name.as_deref(),
        year: r.budget.year,
        tables: r.budget.tables.iter().map(|t| t.kind.id()).collect(),
        counts: Counts { error: r.count(Severity::Error), warning: r.count(Severity::Warning), info: r.count(Severity::Info) },
        findings: &r.findings,
        not_checked: &r.not_checked,
        claims: &r.claims,
    }
}

pub fn findings_json(s: &Session) -> String {
    let doc = ExportJson {
        tool: "gouji",
        files: &s.source.files,
        prior_files: &s.source.prior_files,
        units: s.reports.iter().map(unit_json).collect(),
    };
    serde_json::to_string_pretty(&doc).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}

/// A file name for the exports: `勾稽-上海市科学技术委员会-2021`, without characters that file
/// systems refuse.
pub fn file_stem(s: &Session, unit: usize) -> String {
    let r = s.reports.get(unit);
    let mut parts = vec!["勾稽".to_string()];
    if let Some(name) = r.and_then(|r| r.budget.unit_name.as_deref()).filter(|n| !n.is_empty()) {
        parts.push(name.to_string());
    }
    if let Some(y) = r.and_then(|r| r.budget.year) {
        parts.push(y.to_string());
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

//! CSV: one row per finding; a submission that could not be read is one row whose `kind` is the
//! error kind. Budgets without findings have no rows.

use std::io::{self, Write};

use super::amount;
use crate::input::Submission;

const HEADER: [&str; 12] =
    ["path", "unit_name", "rule", "kind", "severity", "message", "message_en", "expected", "actual", "difference", "unit", "cells"];

pub fn findings(out: &mut impl Write, subs: &[Submission]) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(HEADER)?;
    for s in subs {
        match &s.outcome {
            Err(e) => w.write_record([s.path.as_str(), "", "", e.kind, "error", &e.message_zh, &e.message_en, "", "", "", "", ""])?,
            Ok(reports) => {
                for r in reports {
                    let unit_name = r.budget.unit_name.as_deref().unwrap_or("");
                    for f in &r.findings {
                        let cells: Vec<String> = f.cells.iter().map(ToString::to_string).collect();
                        w.write_record([
                            s.path.as_str(),
                            unit_name,
                            f.rule.id(),
                            f.kind.as_str(),
                            f.severity.as_str(),
                            &f.message,
                            &f.message_en,
                            &amount(f.expected).unwrap_or_default(),
                            &amount(f.actual).unwrap_or_default(),
                            &amount(f.difference).unwrap_or_default(),
                            f.unit.map(|u| u.label()).unwrap_or(""),
                            &cells.join("; "),
                        ])?;
                    }
                }
            }
        }
    }
    w.flush()
}

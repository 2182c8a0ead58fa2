//! Causes, not symptoms: one wrong cell breaks every relation it takes part in — a 类 row that no
//! longer adds up, the table's total, the same line in the next table — each a finding with the
//! same difference. Findings that share a cell and a difference (in 元, whatever their tables'
//! units) are grouped as one probable cause, named by that cell.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::cell::CellRef;
use crate::finding::{Finding, Severity};

/// A probable cause: a cell and a difference that several findings share.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Cause {
    /// The cell all the grouped findings take part in.
    pub cell: CellRef,
    /// The difference they share, in 元, without its sign.
    pub difference: Decimal,
    /// The grouped findings (indices into the report's findings), in their order.
    pub findings: Vec<usize>,
}

/// The probable causes among `findings`: greedily the (cell, difference) that most findings share,
/// at least two, each finding in one cause at most. Rounding notes and findings without a
/// difference are never grouped.
pub fn causes(findings: &[Finding]) -> Vec<Cause> {
    let key = |f: &Finding| -> Option<Decimal> {
        let d = f.difference.filter(|d| !d.is_zero())?;
        (f.severity != Severity::Info).then(|| (d * f.unit.map_or(Decimal::ONE, |u| u.yuan())).abs().normalize())
    };
    let keyed: Vec<Option<Decimal>> = findings.iter().map(key).collect();
    let mut taken = vec![false; findings.len()];
    let mut out = Vec::new();
    loop {
        // Candidates in order of first appearance, so that ties go to the earlier finding.
        let mut best: Option<(CellRef, Decimal, Vec<usize>)> = None;
        for (i, f) in findings.iter().enumerate() {
            let Some(d) = keyed[i].filter(|_| !taken[i]) else { continue };
            for cell in &f.cells {
                if best.as_ref().is_some_and(|(c, bd, _)| c == cell && *bd == d) {
                    continue;
                }
                let group: Vec<usize> =
                    (0..findings.len()).filter(|&j| !taken[j] && keyed[j] == Some(d) && findings[j].cells.contains(cell)).collect();
                if group.len() >= 2 && best.as_ref().is_none_or(|(_, _, g)| group.len() > g.len()) {
                    best = Some((cell.clone(), d, group));
                }
            }
        }
        let Some((cell, difference, group)) = best else { break };
        for &j in &group {
            taken[j] = true;
        }
        out.push(Cause { cell, difference, findings: group });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::MoneyUnit;
    use crate::rules::hierarchy::HIERARCHY;

    fn finding(cells: &[(u32, u32)], difference: i64, unit: MoneyUnit) -> Finding {
        let mut f = HIERARCHY.finding(String::new(), String::new()).at(cells.iter().map(|&(r, c)| CellRef::new("表", r, c)).collect());
        f.difference = Some(Decimal::from(difference));
        f.unit = Some(unit);
        f
    }

    #[test]
    fn findings_sharing_a_cell_and_a_difference_are_one_cause() {
        let yuan = MoneyUnit::Yuan;
        let findings = vec![
            finding(&[(5, 6), (6, 6), (7, 6)], -27_000_000, yuan),
            finding(&[(6, 4), (6, 5), (6, 6)], 27_000_000, yuan),
            // The same cell in 万元 elsewhere: the same 元 difference.
            finding(&[(40, 3), (6, 6)], 2_700, MoneyUnit::TenThousandYuan),
            // Another difference through the same cell: its own.
            finding(&[(6, 6), (9, 9)], 5, yuan),
            finding(&[(20, 1)], 5, yuan),
        ];
        let c = causes(&findings);
        assert_eq!(c.len(), 1, "{c:?}");
        assert_eq!(c[0].cell, CellRef::new("表", 6, 6));
        assert_eq!(c[0].difference, Decimal::from(27_000_000));
        assert_eq!(c[0].findings, vec![0, 1, 2]);
    }

    #[test]
    fn a_lone_finding_and_rounding_notes_are_no_cause() {
        let mut a = finding(&[(1, 1)], 1, MoneyUnit::Yuan);
        let mut b = a.clone();
        assert!(causes(std::slice::from_ref(&a)).is_empty());
        a.severity = Severity::Info;
        b.severity = Severity::Info;
        assert!(causes(&[a, b]).is_empty());
    }
}

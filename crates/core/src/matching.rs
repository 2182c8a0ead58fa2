//! Which budget a narrative text is about, and which prior-year budget belongs to which unit: one
//! policy for the CLI and the browser worker, so that the same files give the same results.
//!
//! - A text is about the only budget of a submission; with several, about each unit it names.
//! - A prior-year budget belongs to the unit of the same name. Without a name to match, a lone
//!   prior year belongs to a lone unit — never to every unit of a many-unit file, where it would
//!   be compared with units it is not about (a false alarm costs more than a claim left unchecked).
//! - Files of one unit and consecutive years checked together pair up by themselves
//!   ([`pair_years`]): the older is shown as the newer one's prior year (its changes), and the
//!   person may change the pairing. The narrative is checked against the prior year given as
//!   such only, in the CLI and the browser alike.

use crate::model::Budget;
use crate::BudgetReport;

/// Whether `text` is about `budget`, one of `units` budgets read together.
pub fn text_is_about(text: &str, budget: &Budget, units: usize) -> bool {
    units == 1 || budget.unit_name.as_deref().is_some_and(|u| !u.is_empty() && text.contains(u))
}

/// The prior-year budget of `budget` (one of `units` read together) among `prior`.
pub fn prior_for<'p>(budget: &Budget, prior: &'p [Budget], units: usize) -> Option<&'p Budget> {
    let named = budget.unit_name.as_deref().filter(|n| !n.is_empty());
    if let Some(p) = named.and_then(|n| prior.iter().find(|p| p.unit_name.as_deref() == Some(n))) {
        return Some(p);
    }
    if prior.len() == 1 && units == 1 {
        return prior.first();
    }
    None
}

/// Within one submission: for each budget, the budget (by index) that is its prior year — of the
/// same unit (by name) and kind, one year earlier, and the only such one. None for the rest.
pub fn pair_years(budgets: &[&Budget]) -> Vec<Option<usize>> {
    budgets
        .iter()
        .map(|b| {
            let (Some(name), Some(year)) = (b.unit_name.as_deref().filter(|n| !n.is_empty()), b.year) else { return None };
            let mut earlier = budgets
                .iter()
                .enumerate()
                .filter(|(_, p)| p.unit_name.as_deref() == Some(name) && p.kind == b.kind && p.year == Some(year - 1));
            match (earlier.next(), earlier.next()) {
                (Some((i, _)), None) => Some(i),
                _ => None,
            }
        })
        .collect()
}

/// Checks `text` against every report it is about, each with its prior year; returns how many.
/// A prior year given without any text leaves its claims unchecked, and says so.
pub fn attach_narrative(reports: &mut [BudgetReport], text: Option<&str>, prior: &[Budget]) -> usize {
    let units = reports.len();
    let Some(text) = text else {
        if !prior.is_empty() {
            for r in reports.iter_mut() {
                let note = crate::rules::narrative::CHANGE_CLAIM.not_checked(
                    "没有说明文字，说明中的增减无法与上年度文件核对".into(),
                    "no narrative text, so no change it states can be checked against the prior year".into(),
                );
                if !r.not_checked.contains(&note) {
                    r.not_checked.push(note);
                }
            }
        }
        return 0;
    };
    let mut n = 0;
    for r in reports.iter_mut() {
        if text_is_about(text, &r.budget, units) {
            let p = prior_for(&r.budget, prior, units);
            r.add_narrative(text, p);
            n += 1;
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn budget(name: Option<&str>) -> Budget {
        Budget {
            unit_name: name.map(str::to_owned),
            kind: Default::default(),
            family: None,
            year: None,
            tables: vec![],
            diagnostics: vec![],
            files: vec![],
        }
    }

    fn report(name: Option<&str>) -> BudgetReport {
        crate::check(&budget(name))
    }

    fn dated(name: &str, year: i32) -> Budget {
        Budget { year: Some(year), ..budget(Some(name)) }
    }

    #[test]
    fn files_of_one_unit_and_consecutive_years_pair_up_and_nothing_else_does() {
        let (a21, a20, b20, a19) = (dated("甲单位", 2021), dated("甲单位", 2020), dated("乙单位", 2020), dated("甲单位", 2019));
        assert_eq!(pair_years(&[&a21, &a20, &b20]), [Some(1), None, None], "the same unit a year earlier");
        assert_eq!(pair_years(&[&a21, &a19]), [None, None], "two years apart: not paired");
        assert_eq!(pair_years(&[&a21, &a20, &a19]), [Some(1), Some(2), None], "a chain");
        assert_eq!(pair_years(&[&a21, &a20, &a20.clone()]), [None, None, None], "two candidates: none chosen");
        let unnamed = Budget { year: Some(2020), ..budget(None) };
        assert_eq!(pair_years(&[&Budget { year: Some(2021), ..budget(None) }, &unnamed]), [None, None], "no name, no pairing");
        let accounts = Budget { kind: crate::model::DocKind::FinalAccounts, ..dated("甲单位", 2020) };
        assert_eq!(pair_years(&[&a21, &accounts]), [None, None], "a 决算 is not a budget's prior year");
    }

    #[test]
    fn one_unit_takes_the_text_and_a_lone_prior_whatever_their_names() {
        let prior = [budget(Some("另一个单位"))];
        assert!(text_is_about("与单位名无关的说明", &budget(Some("甲单位")), 1));
        assert!(std::ptr::eq(prior_for(&budget(Some("甲单位")), &prior, 1).unwrap(), &prior[0]));
        assert!(prior_for(&budget(None), &prior, 1).is_some());
        let mut reports = [report(Some("甲单位"))];
        assert_eq!(attach_narrative(&mut reports, Some("甲单位的说明"), &prior), 1);
    }

    #[test]
    fn several_units_take_only_what_names_them() {
        let units = [budget(Some("甲单位")), budget(Some("乙单位")), budget(None)];
        let prior = [budget(Some("乙单位")), budget(Some("甲单位"))];
        let text = "甲单位2021年预算……";
        assert!(text_is_about(text, &units[0], 3));
        assert!(!text_is_about(text, &units[1], 3));
        assert!(!text_is_about(text, &units[2], 3), "an unnamed unit among several is named by no text");
        assert!(std::ptr::eq(prior_for(&units[0], &prior, 3).unwrap(), &prior[1]));
        assert!(std::ptr::eq(prior_for(&units[1], &prior, 3).unwrap(), &prior[0]));
        assert!(prior_for(&units[2], &prior, 3).is_none());
        let mut reports = [report(Some("甲单位")), report(Some("乙单位")), report(None)];
        assert_eq!(attach_narrative(&mut reports, Some(text), &prior), 1);
    }

    #[test]
    fn a_lone_unnamed_prior_is_not_every_units_prior() {
        let prior = [budget(None)];
        for name in [Some("甲单位"), None] {
            assert!(prior_for(&budget(name), &prior, 2).is_none(), "{name:?}");
        }
    }

    #[test]
    fn mismatched_names_among_several_match_nothing() {
        let prior = [budget(Some("丙单位")), budget(Some("丁单位"))];
        assert!(prior_for(&budget(Some("甲单位")), &prior, 2).is_none());
        assert!(prior_for(&budget(Some("甲单位")), &prior, 1).is_none(), "two priors, none named like the unit");
    }

    #[test]
    fn a_prior_without_text_is_said_once_per_unit() {
        let mut reports = [report(Some("甲单位"))];
        for _ in 0..2 {
            assert_eq!(attach_narrative(&mut reports, None, &[budget(Some("甲单位"))]), 0);
        }
        let notes: Vec<_> = reports[0].not_checked.iter().filter(|n| n.rule == "GJ702").collect();
        assert_eq!(notes.len(), 1, "{notes:?}");
        let mut quiet = [report(Some("甲单位"))];
        attach_narrative(&mut quiet, None, &[]);
        assert!(quiet[0].not_checked.iter().all(|n| n.rule != "GJ702"));
    }
}

//! The rule table, rule by rule: every registered rule fires on its own fixture (the seed with
//! one thing broken) and stays silent on its clean twin. A rule without fixtures fails here.

use gouji_core::rules::{Stage, REGISTRY};
use gouji_core::Severity;
use gouji_fixtures::rule_cases::rule_case;

#[test]
fn every_rule_fires_on_its_fixture_and_not_on_its_clean_one() {
    let mut failures = Vec::new();
    for rule in REGISTRY {
        let Some(case) = rule_case(rule.id) else {
            failures.push(format!("{}: no fixture in gouji_fixtures::rule_cases", rule.id));
            continue;
        };
        let fired = case.fires.check().expect("the firing fixture is readable");
        let hits: Vec<_> =
            fired.budgets.iter().flat_map(|b| &b.findings).filter(|f| f.rule == rule.id && f.severity != Severity::Info).collect();
        if hits.is_empty() {
            failures.push(format!("{}: does not fire on its fixture", rule.id));
        } else if rule.stage == Stage::Narrative && hits.iter().any(|f| f.text.is_none()) {
            failures.push(format!("{}: a narrative finding without its place in the text", rule.id));
        }
        let clean = case.clean.check().expect("the clean fixture is readable");
        let false_alarms: Vec<_> = clean.budgets.iter().flat_map(|b| &b.findings).filter(|f| f.rule == rule.id).collect();
        if !false_alarms.is_empty() {
            failures.push(format!("{}: fires on its clean fixture: {}", rule.id, false_alarms[0].message));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

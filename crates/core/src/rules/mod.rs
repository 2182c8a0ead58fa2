//! The rule registry. Each relation family lives in its own file with a stable id.

use crate::finding::{Finding, NotChecked};
use crate::model::Budget;

pub fn run_all(_budget: &Budget, _findings: &mut Vec<Finding>, _not_checked: &mut Vec<NotChecked>) {}

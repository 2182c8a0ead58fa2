//! gouji-core: read Chinese department budgets (部门预算/决算) from spreadsheet, CSV or pasted
//! PDF text, and check the relations between their tables (勾稽关系).
//!
//! Bytes in, findings out. The core never touches the file system, the clock, the network or
//! the browser: callers hand it `&[u8]`.
//!
//! ```
//! use gouji_core::{analyse, InputFile, Limits};
//!
//! let text = "2021年部门“三公”经费和机关运行经费预算表\n单位：万元\n\
//!             合计\t因公出国(境)费\t公务接待费\t公务用车购置及运行费\t\t\n\
//!             \t\t\t小计\t购置费\t运行费\n\
//!             995.20\t455.00\t198.40\t341.80\t103.10\t238.70\n";
//! let analysis = analyse(&[InputFile { name: "粘贴文本", bytes: text.as_bytes() }], &Limits::default()).unwrap();
//! let report = &analysis.budgets[0];
//! assert_eq!(report.budget.tables.len(), 1);
//! assert!(report.findings.iter().all(|f| f.severity != gouji_core::Severity::Error));
//! ```

pub mod amount;
pub mod cell;
mod error;
pub mod finding;
pub mod grid;
mod limits;
pub mod model;
pub mod read;
pub mod recognise;
pub mod rules;

pub use cell::{CellRef, CellValue};
pub use error::{ReadError, ReadErrorKind};
pub use finding::{Finding, FindingKind, NotChecked, Severity};
pub use grid::Grid;
pub use limits::{human_bytes, Limits};
pub use model::{Budget, MoneyUnit, Table, TableKind};

use serde::Serialize;

/// One file handed to gouji: its name (for addresses and messages) and its bytes.
#[derive(Clone, Copy, Debug)]
pub struct InputFile<'a> {
    pub name: &'a str,
    pub bytes: &'a [u8],
}

/// A budget with what the checks found.
#[derive(Clone, Debug, Serialize)]
pub struct BudgetReport {
    pub budget: Budget,
    /// Reading diagnostics first, then rule findings, errors before warnings.
    pub findings: Vec<Finding>,
    pub not_checked: Vec<NotChecked>,
}

impl BudgetReport {
    pub fn count(&self, severity: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == severity).count()
    }
}

/// All budgets found in a submission of one or more files.
#[derive(Clone, Debug, Serialize)]
pub struct Analysis {
    pub budgets: Vec<BudgetReport>,
    /// Narrative text found in the input (pasted or text files), for the narrative checks.
    pub text: Option<String>,
}

/// Reads the files as one submission and recognises its budgets (one per unit).
pub fn read_budgets(files: &[InputFile<'_>], limits: &Limits) -> Result<(Vec<Budget>, Option<String>), ReadError> {
    let mut read = Vec::with_capacity(files.len());
    for f in files {
        read.push(read::read_file(f.name, f.bytes, limits)?);
    }
    let budgets = recognise::recognise(&read);
    if !recognise::any_tables(&budgets) {
        let name = files.iter().map(|f| f.name).collect::<Vec<_>>().join(", ");
        let sheets: usize = read.iter().map(|r| r.grids.len()).sum();
        return Err(ReadError::new(
            ReadErrorKind::NoBudgetTables,
            &name,
            format!("已读取 {sheets} 个工作表"),
            format!("{sheets} sheet(s) read"),
        ));
    }
    let text: Vec<String> = read.into_iter().filter_map(|r| r.text).collect();
    Ok((budgets, if text.is_empty() { None } else { Some(text.join("\n")) }))
}

/// Checks one budget against every rule of the registry.
pub fn check(budget: &Budget) -> BudgetReport {
    let mut findings = budget.diagnostics.clone();
    let mut not_checked = Vec::new();
    rules::run_all(budget, &mut findings, &mut not_checked);
    findings.sort_by_key(|f| f.severity);
    BudgetReport { budget: budget.clone(), findings, not_checked }
}

/// Reads, recognises and checks: the whole pipeline.
pub fn analyse(files: &[InputFile<'_>], limits: &Limits) -> Result<Analysis, ReadError> {
    let (budgets, text) = read_budgets(files, limits)?;
    Ok(Analysis { budgets: budgets.iter().map(check).collect(), text })
}

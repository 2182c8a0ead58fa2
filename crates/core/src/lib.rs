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
pub mod causes;
pub mod cell;
mod error;
pub mod finding;
pub mod grid;
mod limits;
pub mod markup;
pub mod matching;
pub mod model;
pub mod money;
pub mod narrative;
pub mod read;
pub mod recognise;
pub mod review;
pub mod rules;
pub mod wire;
pub mod yoy;

pub use cell::{CellRef, CellValue};
pub use error::{ReadError, ReadErrorKind};
pub use finding::{CellPlace, Finding, FindingKind, NotChecked, Severity, TextSpan};
pub use grid::Grid;
pub use limits::{human_bytes, Limits};
pub use model::{Budget, MoneyUnit, Table, TableKind};
pub use narrative::{check_claims, extract_claims, Claim, ClaimKind, ClaimVerdict, Verdict};
pub use recognise::FileTables;
pub use yoy::{compare_years, ChangeRow, ChangeStatus, YearOverYear};

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
    /// The narrative text's claims with their verdicts (empty unless a text was checked:
    /// [`check_with`], [`BudgetReport::add_narrative`]).
    #[serde(default)]
    pub claims: Vec<ClaimVerdict>,
}

impl BudgetReport {
    pub fn count(&self, severity: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == severity).count()
    }

    /// Checks a narrative text against this budget (and `prior`, the budget of the year the text
    /// compares with): its claims go to `claims`, disagreements to `findings` (GJ7xx, kind
    /// `narrative`, with the place in the text), claims that cannot be checked to `not_checked`.
    /// Calling it again replaces the claims of an earlier call.
    pub fn add_narrative(&mut self, text: &str, prior: Option<&Budget>) {
        let paged = narrative::PagedText::new(text);
        let text = paged.text();
        self.findings.retain(|f| f.text.is_none());
        self.not_checked.retain(|n| n.rule.stage != rules::Stage::Narrative);
        // The narrative rules know a budget's words; a 决算's text (决算数, 年初预算, 完成率) is
        // not checked against its tables until they know its own.
        // The text against itself (its wording, percentages, restated amounts, class names): any text.
        let (kind, family) = (self.budget.kind, self.budget.family);
        if rules::narrative::TEXT_ALONE.iter().any(|r| r.applies.to(kind, family)) {
            self.findings.extend(narrative::wording_findings(text));
            self.findings.extend(narrative::punctuation_findings(text));
            self.findings.extend(narrative::document_findings(&paged, &self.budget));
            self.findings.extend(narrative::percent_findings(text));
            self.findings.extend(narrative::share_findings(text));
            self.findings.extend(narrative::restated_findings(text));
            self.findings.extend(narrative::class_name_findings(text, &self.budget));
        }
        let text_alone = |r: &rules::Rule| rules::narrative::TEXT_ALONE.iter().any(|w| w.id == r.id);
        let rules: Vec<&'static rules::Rule> =
            rules::REGISTRY.iter().copied().filter(|r| r.stage == rules::Stage::Narrative && !text_alone(r)).collect();
        let applies = |rule: &rules::Rule| rule.applies.to(kind, family);
        // A budget's claims (GJ701–GJ704) and a 决算's figures (GJ718), each where it applies; the
        // budget's rules on a 决算 are said not to be checked (its text's other words — each 类's
        // 决算数, 年初预算, 完成率 — are not read yet).
        let mut claims = Vec::new();
        if applies(&rules::narrative::AMOUNT_CLAIM) {
            claims.extend(extract_claims(text));
        }
        if applies(&rules::narrative::FINAL_AMOUNT_CLAIM) {
            claims.extend(narrative::extract_final_claims(text));
            claims.sort_by_key(|c| (c.line, c.column));
        }
        if kind == model::DocKind::FinalAccounts {
            for r in rules.iter().filter(|r| !applies(r) && r.applies.to(model::DocKind::Budget, None)) {
                self.not_checked.push(r.not_checked(
                    "决算的文字说明按决算的用语核对（GJ718）；此项为预算的规则，不用于决算".into(),
                    "the text of final accounts is checked in its own words (GJ718); this budget rule is not applied to it".into(),
                ));
            }
        }
        for c in &mut claims {
            c.page = paged.page_of(c.line);
        }
        let mut verdicts = check_claims(&claims, &self.budget, prior);
        paged.locate_claims(&mut verdicts);
        let (mut findings, not_checked) = narrative::findings(&verdicts);
        finding::locate(&self.budget, &mut findings);
        self.findings.extend(findings);
        paged.locate(&mut self.findings);
        self.findings.sort_by_key(|f| f.severity);
        self.not_checked.extend(not_checked);
        self.claims = verdicts;
    }
}

/// All budgets found in a submission of one or more files.
#[derive(Clone, Debug, Serialize)]
pub struct Analysis {
    pub budgets: Vec<BudgetReport>,
    /// Narrative text found in the input (pasted or text files), for the narrative checks.
    pub text: Option<String>,
}

impl Analysis {
    /// Checks the narrative text against the budgets it is about ([`matching`]): `text` if
    /// given, else the text found in the input (pasted text, text files); `prior` holds the
    /// prior-year budgets, matched to units by [`matching::prior_for`]. Returns how many budgets
    /// the text was checked against.
    pub fn add_narrative(&mut self, text: Option<&str>, prior: &[Budget]) -> usize {
        let text = text.map(str::to_owned).or_else(|| self.text.clone());
        matching::attach_narrative(&mut self.budgets, text.as_deref(), prior)
    }
}

/// Reads the files as one submission and recognises its budgets (one per unit).
pub fn read_budgets(files: &[InputFile<'_>], limits: &Limits) -> Result<(Vec<Budget>, Option<String>), ReadError> {
    let mut found = Vec::with_capacity(files.len());
    for f in files {
        found.push(read_tables(*f, limits, read::SheetPart::WHOLE)?);
    }
    let names: Vec<&str> = files.iter().map(|f| f.name).collect();
    budgets_from(&names, found)
}

/// Reads a file (or some of a workbook's sheets) and finds its tables: the half of
/// [`read_budgets`] that can run on parts of one workbook side by side. The grids are dropped
/// once their tables are found.
pub fn read_tables(file: InputFile<'_>, limits: &Limits, part: read::SheetPart) -> Result<FileTables, ReadError> {
    read_tables_reporting(file, limits, part, &mut |_, _| {})
}

/// [`read_tables`], telling `pages` how far the reading of a PDF is (pages read, pages in all).
pub fn read_tables_reporting(
    file: InputFile<'_>,
    limits: &Limits,
    part: read::SheetPart,
    pages: &mut dyn FnMut(u32, u32),
) -> Result<FileTables, ReadError> {
    let read = read::read_file_reporting(file.name, file.bytes, limits, part, pages)?;
    Ok(FileTables::of(&read))
}

/// The other half of [`read_budgets`]: the files' tables grouped into budgets, one per unit
/// (`no_budget_tables`, naming the files, when there are none), and the text found in text files.
pub fn budgets_from(names: &[&str], files: Vec<FileTables>) -> Result<(Vec<Budget>, Option<String>), ReadError> {
    let sheets: usize = files.iter().map(|f| f.sheets).sum();
    let cells: u64 = files.iter().map(|f| f.cells).sum();
    let text: Vec<String> = files.iter().filter_map(|f| f.text().map(str::to_owned)).collect();
    let budgets = recognise::assemble_named(names.iter().map(|n| Some(*n)).zip(files).collect());
    // Sheets without a single cell: the workbook is empty, not a workbook of other tables.
    if cells == 0 && text.iter().all(|t| t.trim().is_empty()) && sheets > 0 {
        return Err(ReadError::new(
            ReadErrorKind::Empty,
            &names.join(", "),
            format!("{sheets} 个工作表都是空的，没有任何单元格"),
            format!("its {sheets} sheet(s) are all empty: not a single cell"),
        ));
    }
    if !recognise::any_tables(&budgets) {
        return Err(ReadError::new(
            ReadErrorKind::NoBudgetTables,
            &names.join(", "),
            format!("已读取 {sheets} 个工作表"),
            format!("{sheets} sheet(s) read"),
        ));
    }
    Ok((budgets, if text.is_empty() { None } else { Some(text.join(&format!("\n{}", narrative::FILE_BREAK))) }))
}

/// Checks one budget against every rule of the registry.
pub fn check(budget: &Budget) -> BudgetReport {
    check_owned(budget.clone())
}

/// [`check`] for a budget the caller no longer needs: it moves into the report uncopied.
pub fn check_owned(budget: Budget) -> BudgetReport {
    let mut findings = budget.diagnostics.clone();
    let mut not_checked = Vec::new();
    rules::run_all(&budget, &mut findings, &mut not_checked);
    finding::locate(&budget, &mut findings);
    findings.sort_by_key(|f| f.severity);
    BudgetReport { budget, findings, not_checked, claims: Vec::new() }
}

/// Checks one budget, and the narrative text about it when given (docs/relations.md §13–15): [`check`]
/// plus [`BudgetReport::add_narrative`]. `prior` is the prior year's budget, for the text's
/// year-over-year claims; without it they are listed as not checked.
pub fn check_with(budget: &Budget, text: Option<&str>, prior: Option<&Budget>) -> BudgetReport {
    let mut report = check(budget);
    if let Some(text) = text {
        report.add_narrative(text, prior);
    }
    report
}

/// Reads, recognises and checks: the whole pipeline.
pub fn analyse(files: &[InputFile<'_>], limits: &Limits) -> Result<Analysis, ReadError> {
    let (budgets, text) = read_budgets(files, limits)?;
    Ok(Analysis { budgets: budgets.into_iter().map(check_owned).collect(), text })
}

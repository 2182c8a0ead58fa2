//! The page's state and the actions that change it. Plain Rust (no web APIs), tested on the host;
//! the Yew `Reducible` glue is the page's (`src/app.rs`, `Store`), so this crate needs no Yew.
//!
//! The files themselves (`web_sys::File`) are not state: the app keeps them beside it and sends
//! them to the worker. The state holds what is shown: their names and sizes, the job in progress,
//! the last result and what the person selected in it.

use std::collections::HashMap;
use std::ops::Deref;
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::i18n::Lang;
use crate::protocol::*;

/// Shared, immutable data compared by pointer (cheap `PartialEq` for Yew properties).
#[derive(Debug)]
pub struct Shared<T>(pub Rc<T>);

impl<T> Shared<T> {
    pub fn new(t: T) -> Self {
        Shared(Rc::new(t))
    }
}
impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}
impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}
impl<T> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// A file the person gave, as shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileInfo {
    pub name: String,
    pub size: u64,
}

/// What will be (or was) checked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Inputs {
    pub files: Vec<FileInfo>,
    pub prior: Vec<FileInfo>,
    /// Characters of pasted text.
    pub text: Option<usize>,
    pub sample: bool,
}

impl Inputs {
    pub fn is_empty(&self) -> bool {
        self.files.is_empty() && self.text.is_none() && !self.sample
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JobKind {
    Analyse,
    Unit(usize),
    Export(ExportFormat),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Job {
    pub id: u64,
    pub kind: JobKind,
    pub stage: Option<Stage>,
    pub done: u32,
    pub total: u32,
    pub detail: Option<String>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum WorkerStatus {
    #[default]
    Starting,
    Ready,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Tab {
    #[default]
    Findings,
    Tables,
    ThreePublic,
    Changes,
    Claims,
    Review,
}

impl Tab {
    pub fn id(self) -> &'static str {
        match self {
            Tab::Findings => "findings",
            Tab::Tables => "tables",
            Tab::ThreePublic => "three-public",
            Tab::Changes => "changes",
            Tab::Claims => "claims",
            Tab::Review => "review",
        }
    }
}

/// The roll-up's sort column.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RollupKey {
    Name,
    Year,
    /// Errors, then warnings: the default, worst first.
    #[default]
    Errors,
    Warnings,
    ThreePublic,
    Checklist,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ChangeSort {
    /// As the tables list the rows.
    #[default]
    Table,
    /// Largest change (in 元) first.
    Size,
}

/// What the person selected in the results.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ui {
    pub tab: Tab,
    pub severity: Option<SeverityView>,
    pub table_filter: Option<String>,
    pub rule_filter: Option<String>,
    /// The finding whose cells are highlighted.
    pub finding: Option<usize>,
    /// The table shown in the table view (index in the unit's tables).
    pub table: usize,
    /// A cell to scroll to (a finding's cell, or a linked cell).
    pub focus: Option<CellAddr>,
    /// Bumped on every request to scroll, so the view scrolls even to the same cell again.
    pub scroll: u64,
    pub unit_query: String,
    pub sort: ChangeSort,
    pub totals_only: bool,
    pub verdict: Option<VerdictView>,
    /// The roll-up of several units: its sort (column, descending) and whether only units with
    /// errors are listed.
    pub rollup: (RollupKey, bool),
    pub errors_only: bool,
}

impl Default for Ui {
    fn default() -> Self {
        Ui {
            tab: Tab::Findings,
            severity: None,
            table_filter: None,
            rule_filter: None,
            finding: None,
            table: 0,
            focus: None,
            scroll: 0,
            unit_query: String::new(),
            sort: ChangeSort::Size,
            totals_only: true,
            verdict: None,
            rollup: (RollupKey::Errors, true),
            errors_only: false,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct State {
    pub lang: Lang,
    pub worker: WorkerStatus,
    pub inputs: Inputs,
    pub job: Option<Job>,
    /// The last check's result. It stays until a later check succeeds or everything is cleared:
    /// hidden while a new check runs, shown again (under the message) when that check fails, is
    /// refused, is cancelled or loses its worker. The person's work is never lost to an error.
    pub result: Option<Shared<AnalysisView>>,
    /// The result shown is an earlier check's: the last check did not give one.
    pub previous: bool,
    pub error: Option<ErrorView>,
    /// The last check was cancelled.
    pub cancelled: bool,
    /// How many checks have ended (with a result, a failure, a refusal or a cancel): lets the
    /// browser tests wait for the end of the check they started.
    pub settled: u64,
    pub ui: Ui,
    /// The person's marks on the findings of the result shown (kept in the browser under
    /// [`marks_storage_key`], sent with every export).
    pub marks: Marks,
    /// Bumped when the person changes a mark (not when marks are loaded or dropped): the page
    /// keeps the marks in the browser on each bump.
    pub marks_changed: u64,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    SetLang(Lang),
    WorkerReady,
    /// This year's files were chosen (replacing the earlier ones and the sample).
    SetFiles(Vec<FileInfo>),
    SetPrior(Vec<FileInfo>),
    /// Pasted text (its length in characters), or none.
    SetText(Option<usize>),
    UseSample,
    ClearAll,
    /// A refusal made on the page, before any work (a file too large).
    Refuse(ErrorView),
    /// A request went to the worker.
    Start {
        id: u64,
        kind: JobKind,
    },
    Progress {
        id: u64,
        stage: Stage,
        done: u32,
        total: u32,
        detail: Option<String>,
    },
    Done {
        id: u64,
        result: Shared<AnalysisView>,
    },
    UnitLoaded {
        id: u64,
        unit: Box<UnitView>,
        /// The unit in brief (its pairing may have changed).
        summary: Option<UnitSummary>,
    },
    ExportDone {
        id: u64,
    },
    Failed {
        id: u64,
        error: ErrorView,
    },
    /// The worker stopped: the job in progress (if any) failed with `error`, and what it held is gone.
    WorkerCrashed(ErrorView),
    Cancel,
    SelectTab(Tab),
    FilterSeverity(Option<SeverityView>),
    FilterTable(Option<String>),
    FilterRule(Option<String>),
    SelectFinding(usize),
    /// Show a cell (a link to a compared cell, a claim's or a 三公 figure's cell).
    ShowCell(CellAddr),
    ClearFinding,
    SelectTable(usize),
    UnitQuery(String),
    Sort(ChangeSort),
    TotalsOnly(bool),
    FilterVerdict(Option<VerdictView>),
    /// Sort the roll-up by a column; the same column again reverses the order.
    RollupSort(RollupKey),
    ErrorsOnly(bool),
    /// The next (`1`) or previous (`-1`) finding of the list as shown (rounding notes only when
    /// the list is filtered to them).
    StepFinding(i32),
    /// The marks kept for the result's files, read back from the browser.
    LoadMarks(Marks),
    /// Marks a finding (by key) 已复核 or 可接受, or clears its mark.
    SetMark {
        key: String,
        status: Option<MarkStatus>,
    },
    /// The comment of a marked finding.
    MarkComment {
        key: String,
        comment: String,
    },
}

static NEXT_JOB: AtomicU64 = AtomicU64::new(1);

/// A fresh job id (ids are needed before the `Start` action is dispatched).
pub fn new_job_id() -> u64 {
    NEXT_JOB.fetch_add(1, Ordering::Relaxed)
}

impl State {
    pub fn with_lang(lang: Lang) -> Self {
        State { lang, ..State::default() }
    }

    pub fn busy(&self) -> bool {
        self.job.is_some()
    }

    /// A check (not a unit switch or an export) is running.
    pub fn analysing(&self) -> bool {
        self.job.as_ref().is_some_and(|j| j.kind == JobKind::Analyse)
    }

    /// The result to show: the last one, except while a new check runs.
    pub fn shown(&self) -> Option<&Shared<AnalysisView>> {
        self.result.as_ref().filter(|_| !self.analysing())
    }

    /// Ends the job in progress without a new result (it failed, was refused, cancelled or lost
    /// its worker). A check that ends so counts as settled, and the result shown (if any) is now
    /// an earlier check's. Returns whether there was a job.
    fn end_without_result(&mut self) -> bool {
        match self.job.take() {
            Some(job) => {
                if job.kind == JobKind::Analyse {
                    self.settled += 1;
                    self.previous = self.result.is_some();
                }
                true
            }
            None => false,
        }
    }

    fn job_is(&self, id: u64) -> bool {
        self.job.as_ref().is_some_and(|j| j.id == id)
    }

    /// Applies one action in place.
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::SetLang(lang) => self.lang = lang,
            Action::WorkerReady => self.worker = WorkerStatus::Ready,
            Action::SetFiles(files) => {
                self.inputs.files = files;
                self.inputs.sample = false;
            }
            Action::SetPrior(prior) => self.inputs.prior = prior,
            Action::SetText(text) => {
                self.inputs.text = text;
                self.inputs.sample = false;
            }
            Action::UseSample => {
                // The sample replaces this year's files and text; a prior year given stays.
                let prior = std::mem::take(&mut self.inputs.prior);
                self.inputs = Inputs { sample: true, prior, ..Inputs::default() };
            }
            Action::ClearAll => {
                let (lang, worker, settled) = (self.lang, self.worker, self.settled);
                *self = State { lang, worker, settled, ..State::default() };
            }
            Action::Refuse(error) => {
                // The refused file replaces nothing: a check it interrupted ends (the page
                // restarts the worker), and the last result stays under the message.
                let checking = self.analysing();
                self.end_without_result();
                if !checking {
                    self.settled += 1;
                }
                self.previous = self.result.is_some();
                self.error = Some(error);
                self.cancelled = false;
            }
            Action::Start { id, kind } => {
                // A new check hides the last result (`shown`) but keeps it until it succeeds.
                self.job = Some(Job { id, kind, stage: None, done: 0, total: 0, detail: None });
                self.error = None;
                self.cancelled = false;
            }
            Action::Progress { id, stage, done, total, detail } => {
                if let Some(job) = self.job.as_mut().filter(|j| j.id == id) {
                    job.stage = Some(stage);
                    job.done = done;
                    job.total = total;
                    job.detail = detail;
                }
            }
            Action::Done { id, result } => {
                if self.job_is(id) {
                    self.settled += 1;
                    self.job = None;
                    self.result = Some(result);
                    self.previous = false;
                    self.ui = Ui::default();
                    // The page reads the new files' marks back (`LoadMarks`).
                    self.marks = Marks::new();
                }
            }
            Action::UnitLoaded { id, unit, summary } => {
                if self.job_is(id) {
                    self.job = None;
                    if let Some(r) = &self.result {
                        let mut next = (*r.0).clone();
                        if let Some(s) = summary.filter(|s| s.index == unit.index) {
                            if let Some(slot) = next.units.get_mut(s.index) {
                                *slot = s;
                            }
                        }
                        next.unit = *unit;
                        self.result = Some(Shared::new(next));
                    }
                    let query = std::mem::take(&mut self.ui.unit_query);
                    let (tab, rollup, errors_only) = (self.ui.tab, self.ui.rollup, self.ui.errors_only);
                    self.ui = Ui { unit_query: query, tab, rollup, errors_only, ..Ui::default() };
                }
            }
            Action::ExportDone { id } => {
                if self.job_is(id) {
                    self.job = None;
                }
            }
            Action::Failed { id, error } => {
                // A file that cannot be read, or a unit or export that failed: the message above
                // the last result, which stays.
                if self.job_is(id) {
                    self.end_without_result();
                    self.error = Some(error);
                }
            }
            Action::WorkerCrashed(error) => {
                // The page replaces the worker; what it held (the analysis behind the result) is
                // sent again when a unit or an export needs it. The result stays on screen.
                if self.end_without_result() || self.result.is_some() {
                    self.error = Some(error);
                }
                self.worker = WorkerStatus::Starting;
            }
            Action::Cancel => {
                if self.end_without_result() {
                    self.cancelled = true;
                    self.worker = WorkerStatus::Starting;
                }
            }
            Action::SelectTab(tab) => self.ui.tab = tab,
            Action::FilterSeverity(s) => self.ui.severity = s,
            Action::FilterTable(t) => self.ui.table_filter = t,
            Action::FilterRule(r) => self.ui.rule_filter = r,
            Action::SelectFinding(id) => {
                let Some(result) = &self.result else { return };
                let Some(f) = result.unit.findings.get(id) else { return };
                self.ui.finding = Some(id);
                if let Some(t) = f.table_index() {
                    self.ui.table = t;
                    self.ui.tab = Tab::Tables;
                    self.ui.focus = f.cells.iter().find(|c| c.table == Some(t)).cloned();
                    self.ui.scroll += 1;
                }
            }
            Action::ShowCell(cell) => {
                if let Some(t) = cell.table {
                    self.ui.table = t;
                    self.ui.tab = Tab::Tables;
                    self.ui.focus = Some(cell);
                    self.ui.scroll += 1;
                }
            }
            Action::ClearFinding => {
                self.ui.finding = None;
                self.ui.focus = None;
            }
            Action::SelectTable(t) => {
                self.ui.table = t;
                self.ui.focus = None;
            }
            Action::UnitQuery(q) => self.ui.unit_query = q,
            Action::Sort(s) => self.ui.sort = s,
            Action::TotalsOnly(b) => self.ui.totals_only = b,
            Action::FilterVerdict(v) => self.ui.verdict = v,
            Action::RollupSort(k) => {
                let (key, desc) = self.ui.rollup;
                // Numbers start largest first, names and years in their order.
                let fresh = !matches!(k, RollupKey::Name | RollupKey::Year);
                self.ui.rollup = if key == k { (k, !desc) } else { (k, fresh) };
            }
            Action::ErrorsOnly(b) => self.ui.errors_only = b,
            Action::StepFinding(delta) => {
                let Some(result) = &self.result else { return };
                let list = navigable(&result.unit, &self.ui);
                if list.is_empty() {
                    return;
                }
                let at = self.ui.finding.and_then(|id| list.iter().position(|f| f.id == id));
                let next = match (at, delta >= 0) {
                    (Some(i), true) => (i + 1).min(list.len() - 1),
                    (Some(i), false) => i.saturating_sub(1),
                    (None, true) => 0,
                    (None, false) => list.len() - 1,
                };
                let id = list[next].id;
                self.apply(Action::SelectFinding(id));
            }
            Action::LoadMarks(marks) => self.marks = marks,
            Action::SetMark { key, status } => {
                self.marks_changed += 1;
                match status {
                    Some(status) => {
                        let comment = self.marks.remove(&key).map(|m| m.comment).unwrap_or_default();
                        self.marks.insert(key, Mark { status, comment });
                    }
                    None => {
                        self.marks.remove(&key);
                    }
                }
            }
            Action::MarkComment { key, comment } => {
                if let Some(m) = self.marks.get_mut(&key) {
                    m.comment = comment;
                    self.marks_changed += 1;
                }
            }
        }
    }

    /// The selected finding, if any.
    pub fn finding(&self) -> Option<&FindingView> {
        let r = self.result.as_ref()?;
        r.unit.findings.get(self.ui.finding?)
    }
}

/// How a cell of the table view is highlighted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Highlight {
    /// The cell a finding checks (its first cell).
    Checked,
    /// A cell it was compared with.
    Compared,
}

impl Highlight {
    pub fn id(self) -> &'static str {
        match self {
            Highlight::Checked => "checked",
            Highlight::Compared => "compared",
        }
    }
}

/// The highlighted cells of a finding: (sheet, row, col) → how.
pub fn highlights(f: Option<&FindingView>) -> HashMap<(String, u32, u32), Highlight> {
    let mut out = HashMap::new();
    if let Some(f) = f {
        for (i, c) in f.cells.iter().enumerate() {
            let h = if i == 0 { Highlight::Checked } else { Highlight::Compared };
            out.entry((c.sheet.clone(), c.row, c.col)).or_insert(h);
        }
    }
    out
}

/// The findings that pass the filters.
pub fn filtered<'a>(unit: &'a UnitView, ui: &Ui) -> Vec<&'a FindingView> {
    unit.findings
        .iter()
        .filter(|f| ui.severity.is_none_or(|s| f.severity == s))
        .filter(|f| ui.table_filter.as_deref().is_none_or(|t| f.table.as_deref() == Some(t)))
        .filter(|f| ui.rule_filter.as_deref().is_none_or(|r| f.rule == r))
        .collect()
}

/// The findings in the order the list shows them: errors and warnings first, rounding notes
/// (info) after them, collapsed under 舍入差异.
pub fn shown_order<'a>(unit: &'a UnitView, ui: &Ui) -> (Vec<&'a FindingView>, Vec<&'a FindingView>) {
    let all = filtered(unit, ui);
    if ui.severity == Some(SeverityView::Info) {
        return (all, Vec::new());
    }
    all.into_iter().partition(|f| f.severity != SeverityView::Info)
}

/// The findings the next/previous keys walk: those shown open (rounding notes only when the
/// list is filtered to them).
pub fn navigable<'a>(unit: &'a UnitView, ui: &Ui) -> Vec<&'a FindingView> {
    shown_order(unit, ui).0
}

/// Where the marks on a result's findings are kept in the browser: one entry per set of files
/// (the sample and pasted text have their own).
pub fn marks_storage_key(source: &SourceView) -> String {
    let what = if source.sample {
        "sample".to_string()
    } else if source.files.is_empty() {
        format!("text:{}", source.text_chars.unwrap_or(0))
    } else {
        source.files.join("\u{1f}")
    };
    format!("gouji.marks.v1:{what}")
}

/// Filter choices: an id and its name.
pub type Options = Vec<(String, Name)>;

/// The rules (sorted) and tables (in first-seen order) the findings name, for the filters.
pub fn filter_options(unit: &UnitView) -> (Options, Options) {
    let mut rules: Options = Vec::new();
    let mut tables: Options = Vec::new();
    for f in &unit.findings {
        if !rules.iter().any(|(r, _)| *r == f.rule) {
            rules.push((f.rule.clone(), f.rule_title.clone()));
        }
        if let Some(t) = &f.table {
            if !tables.iter().any(|(x, _)| x == t) {
                let name =
                    unit.tables.iter().find(|x| &x.id == t).map(|x| x.name.clone()).unwrap_or_else(|| Name::new(t.clone(), t.clone()));
                tables.push((t.clone(), name));
            }
        }
    }
    rules.sort_by(|a, b| a.0.cmp(&b.0));
    (rules, tables)
}

/// The units whose name contains the query (all of them for an empty query).
pub fn matching_units<'a>(units: &'a [UnitSummary], query: &str) -> Vec<&'a UnitSummary> {
    let q = query.trim();
    units.iter().filter(|u| q.is_empty() || u.name.as_deref().is_some_and(|n| n.contains(q))).collect()
}

/// The roll-up's rows: only units with errors if asked, sorted by the chosen column (ties in
/// the units' order).
pub fn rollup_rows<'a>(units: &'a [UnitSummary], ui: &Ui) -> Vec<&'a UnitSummary> {
    let mut rows: Vec<&UnitSummary> = units.iter().filter(|u| !ui.errors_only || u.counts.errors > 0).collect();
    let (key, desc) = ui.rollup;
    let order = |a: &UnitSummary, b: &UnitSummary| -> std::cmp::Ordering {
        match key {
            RollupKey::Name => a.name.cmp(&b.name),
            RollupKey::Year => a.year.cmp(&b.year),
            RollupKey::Errors => (a.counts.errors, a.counts.warnings).cmp(&(b.counts.errors, b.counts.warnings)),
            RollupKey::Warnings => a.counts.warnings.cmp(&b.counts.warnings),
            RollupKey::ThreePublic => {
                let v = |u: &UnitSummary| u.three_public.as_ref().map(|t| t.1);
                v(a).partial_cmp(&v(b)).unwrap_or(std::cmp::Ordering::Equal)
            }
            RollupKey::Checklist => a.checklist_no.cmp(&b.checklist_no),
        }
    };
    rows.sort_by(|a, b| {
        let o = order(a, b);
        (if desc { o.reverse() } else { o }).then(a.index.cmp(&b.index))
    });
    rows
}

/// The change rows to show: totals only or every column, in table order or largest first.
pub fn change_rows<'a>(c: &'a ChangesView, ui: &Ui) -> Vec<&'a ChangeView> {
    let mut rows: Vec<&ChangeView> = c.rows.iter().filter(|r| !ui.totals_only || r.column == "total" || r.column == "amount").collect();
    if ui.sort == ChangeSort::Size {
        rows.sort_by(|a, b| b.size.partial_cmp(&a.size).unwrap_or(std::cmp::Ordering::Equal));
    }
    rows
}

/// The claims that pass the verdict filter: those that disagree first, then those that could not
/// be checked, then those that agree, each in the order of the text.
pub fn filtered_claims<'a>(unit: &'a UnitView, ui: &Ui) -> Vec<&'a ClaimView> {
    let rank = |v: VerdictView| match v {
        VerdictView::Disagrees => 0,
        VerdictView::CannotCheck => 1,
        VerdictView::Agrees => 2,
    };
    let mut claims: Vec<&ClaimView> = unit.claims.iter().filter(|c| ui.verdict.is_none_or(|v| c.verdict == v)).collect();
    claims.sort_by_key(|c| rank(c.verdict));
    claims
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(sheet: &str, row: u32, col: u32, table: Option<usize>) -> CellAddr {
        let mut c = CellAddr::new(sheet, row, col);
        c.table = table;
        c
    }

    fn finding(id: usize, rule: &str, sev: SeverityView, table: &str, cells: Vec<CellAddr>) -> FindingView {
        FindingView {
            id,
            rule: rule.into(),
            rule_title: Name::new("标题", "title"),
            kind: "hierarchy".into(),
            severity: sev,
            table: Some(table.into()),
            message: Name::new("消息", "message"),
            expected: Some("2".into()),
            actual: Some("1".into()),
            difference: Some("-1".into()),
            unit: Some(Name::new("元", "yuan")),
            cells,
            text: None,
            key: format!("0|{rule}|{id}"),
            heuristic: false,
        }
    }

    fn table(id: &str) -> TableView {
        TableView {
            id: id.into(),
            name: Name::new(id, id),
            title: id.into(),
            sheet: id.into(),
            title_cell: CellAddr::new(id, 0, 0),
            pages: None,
            unit: None,
            empty: false,
            two_halves: false,
            columns: vec![],
            rows: vec![],
        }
    }

    fn unit(findings: Vec<FindingView>) -> UnitView {
        UnitView {
            index: 0,
            name: Some("某部门".into()),
            year: Some(2021),
            final_accounts: false,
            family: None,
            money_units: vec![],
            counts: Counts::default(),
            tables: vec![table("summary"), table("expenditure"), table("three_public")],
            missing: vec![],
            findings,
            not_checked: vec![],
            claims: vec![],
            three_public: None,
            changes: None,
            checklist: None,
            causes: vec![],
        }
    }

    fn analysis(findings: Vec<FindingView>) -> Shared<AnalysisView> {
        Shared::new(AnalysisView {
            source: SourceView::default(),
            units: vec![UnitSummary {
                index: 0,
                name: Some("某部门".into()),
                year: Some(2021),
                tables: 3,
                counts: Counts::default(),
                source: None,
                final_accounts: false,
                three_public: None,
                checklist_no: 0,
                prior: None,
                change: None,
            }],
            unit: unit(findings),
            prior_error: None,
            text_checked: false,
        })
    }

    fn sample_findings() -> Vec<FindingView> {
        vec![
            finding(
                0,
                "GJ201",
                SeverityView::Error,
                "expenditure",
                vec![cell("表3", 11, 4, Some(1)), cell("表3", 11, 5, Some(1)), cell("表1", 5, 3, Some(0))],
            ),
            finding(1, "GJ202", SeverityView::Error, "three_public", vec![cell("表8", 6, 0, Some(2))]),
            finding(2, "GJ601", SeverityView::Warning, "three_public", vec![cell("表8", 6, 2, Some(2))]),
        ]
    }

    #[test]
    fn a_new_state_is_chinese_idle_and_empty() {
        let s = State::default();
        assert_eq!(s.lang, Lang::Zh);
        assert!(s.inputs.is_empty());
        assert!(!s.busy());
        assert_eq!(s.worker, WorkerStatus::Starting);
    }

    #[test]
    fn a_job_goes_from_start_through_progress_to_done_and_stale_answers_are_ignored() {
        let mut s = State::default();
        s.apply(Action::SetFiles(vec![FileInfo { name: "a.xlsx".into(), size: 10 }]));
        s.apply(Action::Start { id: 5, kind: JobKind::Analyse });
        assert!(s.busy());
        s.apply(Action::Progress { id: 4, stage: Stage::Checking, done: 1, total: 2, detail: None });
        assert_eq!(s.job.as_ref().unwrap().stage, None, "another job's progress is ignored");
        s.apply(Action::Progress { id: 5, stage: Stage::Checking, done: 1, total: 2, detail: None });
        assert_eq!(s.job.as_ref().unwrap().stage, Some(Stage::Checking));
        s.apply(Action::Done { id: 4, result: analysis(vec![]) });
        assert!(s.result.is_none() && s.busy());
        assert_eq!(s.settled, 0);
        s.apply(Action::Done { id: 5, result: analysis(sample_findings()) });
        assert!(!s.busy());
        assert_eq!(s.settled, 1);
        assert_eq!(s.result.as_ref().unwrap().unit.findings.len(), 3);
        // A new analysis hides the old result; its failure shows the error above it.
        s.apply(Action::Start { id: 6, kind: JobKind::Analyse });
        assert!(s.shown().is_none() && s.result.is_some());
        s.apply(Action::Failed { id: 6, error: ErrorView::new("corrupt", "坏了", "broken") });
        assert_eq!(s.error.as_ref().unwrap().kind, "corrupt");
        assert!(!s.busy());
        assert_eq!(s.shown().unwrap().unit.findings.len(), 3);
        // A refusal made on the page shows at once.
        s.apply(Action::Refuse(ErrorView::new("too_large", "太大", "too large")));
        assert_eq!(s.error.as_ref().unwrap().kind, "too_large");
    }

    #[test]
    fn a_unit_or_export_failure_keeps_the_result() {
        let mut s = State::default();
        s.apply(Action::Start { id: 1, kind: JobKind::Analyse });
        s.apply(Action::Done { id: 1, result: analysis(sample_findings()) });
        s.apply(Action::Start { id: 2, kind: JobKind::Export(ExportFormat::Xlsx) });
        assert!(s.result.is_some());
        s.apply(Action::Failed { id: 2, error: ErrorView::new("export_failed", "失败", "failed") });
        assert!(s.result.is_some() && s.error.is_some());
        s.apply(Action::Start { id: 3, kind: JobKind::Export(ExportFormat::Csv) });
        s.apply(Action::ExportDone { id: 3 });
        assert!(!s.busy() && s.error.is_none());
    }

    #[test]
    fn a_crash_or_cancel_ends_the_job() {
        let mut s = State::default();
        s.apply(Action::WorkerReady);
        s.apply(Action::Start { id: 1, kind: JobKind::Analyse });
        s.apply(Action::WorkerCrashed(ErrorView::new("worker_failed", "停止", "stopped")));
        assert!(!s.busy());
        assert_eq!(s.error.as_ref().unwrap().kind, "worker_failed");
        assert_eq!(s.worker, WorkerStatus::Starting);
        // A crash with nothing going on and nothing shown says nothing.
        let mut idle = State::default();
        idle.apply(Action::WorkerCrashed(ErrorView::new("worker_failed", "停止", "stopped")));
        assert!(idle.error.is_none());
        s.apply(Action::Start { id: 2, kind: JobKind::Analyse });
        s.apply(Action::Cancel);
        assert!(!s.busy() && s.cancelled);
        s.apply(Action::Done { id: 2, result: analysis(vec![]) });
        assert!(s.result.is_none(), "a cancelled job's answer is ignored");
    }

    /// How a check can end without a result of its own.
    fn endings() -> Vec<(&'static str, Action)> {
        vec![
            ("failed", Action::Failed { id: 2, error: ErrorView::new("corrupt", "坏了", "broken") }),
            ("crashed", Action::WorkerCrashed(ErrorView::new("worker_failed", "停止", "stopped"))),
            ("refused", Action::Refuse(ErrorView::new("too_large", "太大", "too large"))),
            ("cancelled", Action::Cancel),
        ]
    }

    #[test]
    fn a_check_that_fails_is_refused_cancelled_or_loses_its_worker_keeps_the_last_result_and_inputs() {
        for (how, ending) in endings() {
            let mut s = State::default();
            s.apply(Action::WorkerReady);
            s.apply(Action::SetFiles(vec![FileInfo { name: "a.xlsx".into(), size: 10 }]));
            s.apply(Action::Start { id: 1, kind: JobKind::Analyse });
            let first = analysis(sample_findings());
            s.apply(Action::Done { id: 1, result: first.clone() });
            s.apply(Action::SelectFinding(1));
            let ui = s.ui.clone();
            // The person gives a prior year, pastes text and drops a second file.
            s.apply(Action::SetPrior(vec![FileInfo { name: "2020.xlsx".into(), size: 5 }]));
            s.apply(Action::SetText(Some(42)));
            s.apply(Action::SetFiles(vec![FileInfo { name: "b.xlsx".into(), size: 20 }]));
            let inputs = s.inputs.clone();
            s.apply(Action::Start { id: 2, kind: JobKind::Analyse });
            assert!(s.shown().is_none(), "{how}: the last result is hidden while the new check runs");
            s.apply(ending);
            assert!(!s.busy(), "{how}");
            assert_eq!(s.settled, 2, "{how}: the check counts as ended, once");
            assert!(s.shown().is_some_and(|r| *r == first), "{how}: the first result is shown again");
            assert!(s.previous, "{how}: and marked as an earlier check's");
            assert_eq!(s.ui, ui, "{how}: with the finding that was selected");
            assert_eq!(s.inputs, inputs, "{how}: files, prior year and text are kept");
            if how == "cancelled" {
                assert!(s.cancelled && s.error.is_none());
            } else {
                assert!(s.error.is_some(), "{how}: the message is shown");
            }
            // Its late answer is ignored; the next check replaces the result.
            s.apply(Action::Done { id: 2, result: analysis(vec![]) });
            assert!(s.result.as_ref().is_some_and(|r| *r == first), "{how}: a late answer is ignored");
            s.apply(Action::Start { id: 3, kind: JobKind::Analyse });
            s.apply(Action::Done { id: 3, result: analysis(vec![]) });
            assert!(!s.previous && s.error.is_none() && s.result.as_ref().is_some_and(|r| *r != first), "{how}");
        }
    }

    #[test]
    fn with_nothing_shown_before_a_failed_check_shows_only_its_message() {
        for (how, ending) in endings() {
            let mut s = State::default();
            s.apply(Action::Start { id: 2, kind: JobKind::Analyse });
            s.apply(ending);
            assert!(s.result.is_none() && !s.previous && !s.busy(), "{how}");
            assert_eq!(s.settled, 1, "{how}");
        }
    }

    #[test]
    fn a_unit_or_export_that_loses_its_worker_keeps_the_result() {
        for kind in [JobKind::Unit(3), JobKind::Export(ExportFormat::Xlsx)] {
            let mut s = State::default();
            s.apply(Action::Start { id: 1, kind: JobKind::Analyse });
            s.apply(Action::Done { id: 1, result: analysis(sample_findings()) });
            s.apply(Action::Start { id: 2, kind });
            assert!(s.shown().is_some(), "a unit switch or an export does not hide the result");
            s.apply(Action::WorkerCrashed(ErrorView::new("worker_failed", "停止", "stopped")));
            assert!(!s.busy() && s.error.is_some() && s.shown().is_some());
            assert!(!s.previous, "still this check's result");
            assert_eq!(s.settled, 1);
        }
        // A worker that stops while idle: said, and the result stays.
        let mut s = State::default();
        s.apply(Action::Start { id: 1, kind: JobKind::Analyse });
        s.apply(Action::Done { id: 1, result: analysis(sample_findings()) });
        s.apply(Action::WorkerCrashed(ErrorView::new("worker_failed", "停止", "stopped")));
        assert!(s.error.is_some() && s.shown().is_some());
    }

    #[test]
    fn a_new_check_replaces_a_running_one_whose_late_answers_are_ignored() {
        let mut s = State::default();
        s.apply(Action::Start { id: 1, kind: JobKind::Analyse });
        s.apply(Action::Progress { id: 1, stage: Stage::Checking, done: 3, total: 200, detail: None });
        // A second file dropped while the first is checked (the page restarts the worker).
        s.apply(Action::Start { id: 2, kind: JobKind::Analyse });
        assert_eq!(s.job.as_ref().map(|j| (j.id, j.stage)), Some((2, None)));
        s.apply(Action::Progress { id: 1, stage: Stage::Preparing, done: 0, total: 0, detail: None });
        s.apply(Action::Done { id: 1, result: analysis(sample_findings()) });
        s.apply(Action::Failed { id: 1, error: ErrorView::new("corrupt", "坏了", "broken") });
        assert_eq!(s.job.as_ref().map(|j| (j.id, j.stage)), Some((2, None)), "the old job's answers change nothing");
        assert!(s.result.is_none() && s.error.is_none() && s.settled == 0);
        s.apply(Action::Done { id: 2, result: analysis(vec![]) });
        assert!(s.result.as_ref().is_some_and(|r| r.unit.findings.is_empty()));
        assert_eq!(s.settled, 1);
    }

    fn loaded(findings: Vec<FindingView>) -> State {
        let mut s = State::default();
        s.apply(Action::Start { id: 1, kind: JobKind::Analyse });
        s.apply(Action::Done { id: 1, result: analysis(findings) });
        s
    }

    #[test]
    fn rounding_notes_come_after_the_rest_and_only_a_filter_to_them_opens_them() {
        let mut f = sample_findings();
        f.insert(1, finding(3, "GJ103", SeverityView::Info, "expenditure", vec![cell("表3", 12, 4, Some(1))]));
        let mut s = loaded(f);
        let u = &s.result.clone().unwrap().unit;
        let (open, rounding) = shown_order(u, &s.ui);
        assert_eq!(open.iter().map(|f| f.id).collect::<Vec<_>>(), [0, 1, 2]);
        assert_eq!(rounding.iter().map(|f| f.id).collect::<Vec<_>>(), [3]);
        s.apply(Action::FilterSeverity(Some(SeverityView::Info)));
        let (open, rounding) = shown_order(u, &s.ui);
        assert_eq!((open.len(), rounding.len()), (1, 0));
        assert_eq!(navigable(u, &s.ui)[0].id, 3);
    }

    #[test]
    fn next_and_previous_walk_the_findings_as_shown_and_stop_at_the_ends() {
        let mut f = sample_findings();
        f.push(finding(3, "GJ103", SeverityView::Info, "expenditure", vec![cell("表3", 12, 4, Some(1))]));
        let mut s = loaded(f);
        s.apply(Action::StepFinding(-1));
        assert_eq!(s.ui.finding, Some(2), "previous with nothing selected: the last (not a rounding note)");
        s.apply(Action::StepFinding(1));
        assert_eq!(s.ui.finding, Some(2), "the last stays the last");
        s.apply(Action::ClearFinding);
        s.apply(Action::StepFinding(1));
        assert_eq!(s.ui.finding, Some(0));
        assert_eq!(s.ui.tab, Tab::Tables, "a finding with a table shows its cell");
        assert_eq!(s.ui.focus.as_ref().map(|c| c.a1.clone()), Some(cell("表3", 11, 4, Some(1)).a1));
        s.apply(Action::StepFinding(1));
        s.apply(Action::StepFinding(1));
        assert_eq!(s.ui.finding, Some(2));
        s.apply(Action::StepFinding(-1));
        assert_eq!(s.ui.finding, Some(1));
        // Filtered to warnings, only the warning is walked.
        s.apply(Action::FilterSeverity(Some(SeverityView::Warning)));
        s.apply(Action::StepFinding(-1));
        assert_eq!(s.ui.finding, Some(2));
    }

    #[test]
    fn marks_are_set_commented_cleared_and_dropped_with_a_new_result() {
        let mut s = loaded(sample_findings());
        let key = s.result.as_ref().unwrap().unit.findings[1].key.clone();
        s.apply(Action::MarkComment { key: key.clone(), comment: "无标记时不记".into() });
        assert!(s.marks.is_empty(), "a comment needs a mark");
        assert_eq!(s.marks_changed, 0);
        s.apply(Action::SetMark { key: key.clone(), status: Some(MarkStatus::Reviewed) });
        s.apply(Action::MarkComment { key: key.clone(), comment: "已与单位核实".into() });
        s.apply(Action::SetMark { key: key.clone(), status: Some(MarkStatus::Accepted) });
        assert_eq!(s.marks.get(&key), Some(&Mark { status: MarkStatus::Accepted, comment: "已与单位核实".into() }), "the comment stays");
        // A unit switch keeps them; clearing the mark drops it.
        s.apply(Action::SetMark { key: key.clone(), status: None });
        assert!(s.marks.is_empty());
        s.apply(Action::SetMark { key: key.clone(), status: Some(MarkStatus::Reviewed) });
        s.apply(Action::Start { id: 2, kind: JobKind::Analyse });
        assert_eq!(s.marks.len(), 1, "kept while the next check runs");
        s.apply(Action::Done { id: 2, result: analysis(vec![]) });
        assert!(s.marks.is_empty(), "another result: its own marks are loaded");
        s.apply(Action::LoadMarks(Marks::from([(key.clone(), Mark { status: MarkStatus::Reviewed, comment: String::new() })])));
        assert_eq!(s.marks.len(), 1);
        assert_eq!(s.marks_changed, 5, "loading and dropping are not changes to keep");
    }

    #[test]
    fn marks_are_kept_per_set_of_files() {
        let files = |f: &[&str]| SourceView { files: f.iter().map(|s| s.to_string()).collect(), ..SourceView::default() };
        assert_eq!(marks_storage_key(&files(&["a.xlsx", "b.pdf"])), "gouji.marks.v1:a.xlsx\u{1f}b.pdf");
        assert_ne!(marks_storage_key(&files(&["a.xlsx"])), marks_storage_key(&files(&["b.xlsx"])));
        assert_eq!(marks_storage_key(&SourceView { sample: true, ..SourceView::default() }), "gouji.marks.v1:sample");
        assert_eq!(marks_storage_key(&SourceView { text_chars: Some(120), ..SourceView::default() }), "gouji.marks.v1:text:120");
    }

    #[test]
    fn selecting_a_finding_opens_its_table_and_highlights_its_cells() {
        let mut s = State::default();
        s.apply(Action::Start { id: 1, kind: JobKind::Analyse });
        s.apply(Action::Done { id: 1, result: analysis(sample_findings()) });
        assert_eq!(s.ui.tab, Tab::Findings);
        s.apply(Action::SelectFinding(0));
        assert_eq!(s.ui.tab, Tab::Tables);
        assert_eq!(s.ui.table, 1);
        assert_eq!(s.ui.focus.as_ref().unwrap().a1, "E12");
        let h = highlights(s.finding());
        assert_eq!(h.get(&("表3".into(), 11, 4)), Some(&Highlight::Checked));
        assert_eq!(h.get(&("表3".into(), 11, 5)), Some(&Highlight::Compared));
        assert_eq!(h.get(&("表1".into(), 5, 3)), Some(&Highlight::Compared));
        let scroll = s.ui.scroll;
        // A compared cell in another table: that table opens, the highlight stays.
        s.apply(Action::ShowCell(cell("表1", 5, 3, Some(0))));
        assert_eq!((s.ui.table, s.ui.finding, s.ui.scroll), (0, Some(0), scroll + 1));
        s.apply(Action::ClearFinding);
        assert!(highlights(s.finding()).is_empty());
        s.apply(Action::SelectFinding(99));
        assert_eq!(s.ui.finding, None);
    }

    #[test]
    fn findings_filter_by_severity_table_and_rule() {
        let u = unit(sample_findings());
        let mut ui = Ui::default();
        assert_eq!(filtered(&u, &ui).len(), 3);
        ui.severity = Some(SeverityView::Error);
        assert_eq!(filtered(&u, &ui).len(), 2);
        ui.table_filter = Some("three_public".into());
        assert_eq!(filtered(&u, &ui).iter().map(|f| f.id).collect::<Vec<_>>(), [1]);
        ui.rule_filter = Some("GJ601".into());
        assert!(filtered(&u, &ui).is_empty());
        let (rules, tables) = filter_options(&u);
        assert_eq!(rules.iter().map(|r| r.0.as_str()).collect::<Vec<_>>(), ["GJ201", "GJ202", "GJ601"]);
        assert_eq!(tables.iter().map(|t| t.0.as_str()).collect::<Vec<_>>(), ["expenditure", "three_public"]);
    }

    #[test]
    fn units_are_found_by_name() {
        let units: Vec<UnitSummary> = (1..=200).map(|k| summary(k - 1, &format!("第{k}预算单位"), 0, 0)).collect();
        assert_eq!(matching_units(&units, "").len(), 200);
        assert_eq!(matching_units(&units, " 第17预算").len(), 1);
        assert_eq!(matching_units(&units, "第1").len(), 1 + 10 + 100);
        assert!(matching_units(&units, "无此单位").is_empty());
    }

    fn summary(index: usize, name: &str, errors: usize, warnings: usize) -> UnitSummary {
        UnitSummary {
            index,
            name: Some(name.into()),
            year: Some(2021),
            tables: 8,
            counts: Counts { errors, warnings, infos: 0 },
            source: None,
            final_accounts: false,
            three_public: Some((format!("{index} 万元"), index as f64 * 10_000.0)),
            checklist_no: errors,
            prior: None,
            change: None,
        }
    }

    #[test]
    fn the_rollup_sorts_worst_first_reverses_on_a_second_click_and_filters_to_errors() {
        let units = vec![summary(0, "甲", 0, 2), summary(1, "乙", 3, 0), summary(2, "丙", 0, 0), summary(3, "丁", 3, 1)];
        let mut s = State::default();
        let names = |s: &State| rollup_rows(&units, &s.ui).iter().map(|u| u.name.clone().unwrap()).collect::<Vec<_>>();
        assert_eq!(names(&s), ["丁", "乙", "甲", "丙"], "errors, then warnings, worst first");
        s.apply(Action::RollupSort(RollupKey::Errors));
        assert_eq!(names(&s), ["丙", "甲", "乙", "丁"], "the same column again: reversed");
        s.apply(Action::RollupSort(RollupKey::ThreePublic));
        assert_eq!(names(&s), ["丁", "丙", "乙", "甲"], "a new numeric column starts largest first");
        s.apply(Action::RollupSort(RollupKey::Name));
        assert_eq!(s.ui.rollup, (RollupKey::Name, false), "names start in order");
        s.apply(Action::ErrorsOnly(true));
        assert_eq!(rollup_rows(&units, &s.ui).len(), 2);
        s.apply(Action::RollupSort(RollupKey::Errors));
        assert_eq!(names(&s), ["丁", "乙"]);
    }

    #[test]
    fn a_unit_switch_keeps_the_query_and_tab() {
        let mut s = State::default();
        s.apply(Action::Start { id: 1, kind: JobKind::Analyse });
        s.apply(Action::Done { id: 1, result: analysis(sample_findings()) });
        s.apply(Action::UnitQuery("第".into()));
        s.apply(Action::SelectTab(Tab::ThreePublic));
        s.apply(Action::SelectFinding(1));
        s.apply(Action::Start { id: 2, kind: JobKind::Unit(3) });
        let mut u = unit(vec![]);
        u.index = 3;
        s.apply(Action::UnitLoaded { id: 2, unit: Box::new(u), summary: None });
        let r = s.result.as_ref().unwrap();
        assert_eq!(r.unit.index, 3);
        assert_eq!(s.ui.unit_query, "第");
        assert_eq!(s.ui.finding, None);
    }

    #[test]
    fn inputs_replace_each_other_as_a_person_expects() {
        let mut s = State::default();
        s.apply(Action::UseSample);
        assert!(s.inputs.sample);
        s.apply(Action::SetFiles(vec![FileInfo { name: "a.csv".into(), size: 1 }]));
        assert!(!s.inputs.sample);
        s.apply(Action::SetPrior(vec![FileInfo { name: "p.xlsx".into(), size: 1 }]));
        s.apply(Action::SetText(Some(12)));
        assert_eq!((s.inputs.files.len(), s.inputs.prior.len(), s.inputs.text), (1, 1, Some(12)));
        s.apply(Action::SetLang(Lang::En));
        s.apply(Action::ClearAll);
        assert!(s.inputs.is_empty());
        assert_eq!(s.lang, Lang::En, "clearing keeps the language");
    }

    #[test]
    fn job_ids_are_fresh() {
        let a = new_job_id();
        assert!(new_job_id() > a);
    }
}

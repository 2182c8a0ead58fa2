//! What the page and the worker say to each other, and the view model the page shows.
//!
//! The page (`gouji-web`) never links gouji-core: everything it shows arrives here, already
//! worded and formatted (amounts as strings with thousands separators, in the table's unit), as
//! JSON. Numbers that only place things (chart bar lengths, sort keys) travel as `f64`.
//!
//! Transport: every message is a JS object `{ json, files?, prior?, bytes? }`. `json` is a
//! [`Request`] or [`Response`] as JSON text; the page's `File` objects travel beside it (the
//! worker reads them itself, so their bytes never pass through the page's memory) and an
//! export's bytes travel as a transferred `Uint8Array`.

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

/// The largest file the page hands to the worker (the core's `Limits::default().max_file_bytes`;
/// a host test keeps them equal). Larger files are refused before any byte is read.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The worker script, relative to the page (Trunk copies `www/worker.js` to `dist/worker.js`; it
/// loads the no-modules wasm-bindgen output `gouji-worker.js` and `gouji-worker_bg.wasm`).
pub const WORKER_SCRIPT: &str = "./worker.js";

/// A request from the page. `job` numbers each request; answers carry it back.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Request {
    /// Check files as one submission. `files` and `prior` name the `File` objects sent beside
    /// the JSON, in order. `text` is text pasted from the published PDF: alone it is read as
    /// tables and narrative; with files it is the narrative about them.
    Analyse {
        job: u64,
        files: Vec<String>,
        #[serde(default)]
        prior: Vec<String>,
        #[serde(default)]
        text: Option<String>,
    },
    /// Check the built-in sample (the seed budget's published text, tables and narrative),
    /// with the prior year's files named in `prior`, if any.
    Sample {
        job: u64,
        #[serde(default)]
        prior: Vec<String>,
    },
    /// The full view of another unit of the last analysis.
    Unit { job: u64, unit: usize },
    /// Shows unit `prior` of the last analysis as the prior year of unit `unit` (or none);
    /// answered with `unit`'s fresh view.
    Pair { job: u64, unit: usize, prior: Option<usize> },
    /// Export the last analysis: findings of every unit as CSV or JSON, or an .xlsx report of
    /// one unit (its tables with the wrong cells filled red, and its findings). `marks` are the
    /// person's 已复核 / 可接受 marks (by [`FindingView::key`]), carried into the export.
    Export {
        job: u64,
        format: ExportFormat,
        unit: usize,
        lang: Lang,
        #[serde(default)]
        marks: Marks,
        /// The page's local time (`20261201-2130`), for the file name.
        #[serde(default)]
        stamp: String,
    },
}

impl Request {
    pub fn job(&self) -> u64 {
        match self {
            Request::Analyse { job, .. }
            | Request::Sample { job, .. }
            | Request::Unit { job, .. }
            | Request::Pair { job, .. }
            | Request::Export { job, .. } => *job,
        }
    }
}

/// How the person judged a finding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MarkStatus {
    /// Looked at and confirmed: it stands.
    Reviewed,
    /// Looked at and accepted: not a defect to report (explained, immaterial).
    Accepted,
}

impl MarkStatus {
    pub fn id(self) -> &'static str {
        match self {
            MarkStatus::Reviewed => "reviewed",
            MarkStatus::Accepted => "accepted",
        }
    }
    pub fn zh(self) -> &'static str {
        match self {
            MarkStatus::Reviewed => "已复核",
            MarkStatus::Accepted => "可接受",
        }
    }
    pub fn en(self) -> &'static str {
        match self {
            MarkStatus::Reviewed => "reviewed",
            MarkStatus::Accepted => "accepted",
        }
    }
}

/// A person's mark on one finding, with their comment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mark {
    pub status: MarkStatus,
    #[serde(default)]
    pub comment: String,
}

/// Marks by finding key ([`FindingView::key`]).
pub type Marks = std::collections::BTreeMap<String, Mark>;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    Csv,
    Json,
    Xlsx,
    /// The 检查表 of every unit as .xlsx (a summary sheet and one sheet per unit).
    Checklist,
    /// The person's own .xlsx / .xlsm, marked up: the wrong cells filled and noted where they
    /// are, and a findings sheet linking to them. The page sends the workbook beside the request.
    Markup,
}

impl ExportFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Json => "json",
            ExportFormat::Xlsx | ExportFormat::Checklist | ExportFormat::Markup => "xlsx",
        }
    }
    pub fn mime(self) -> &'static str {
        match self {
            ExportFormat::Csv => "text/csv;charset=utf-8",
            ExportFormat::Json => "application/json",
            ExportFormat::Xlsx | ExportFormat::Checklist | ExportFormat::Markup => {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        }
    }
}

/// Whether a file can be marked up in place (an OOXML workbook: .xlsx or .xlsm).
pub fn can_mark_up(file_name: &str) -> bool {
    let lower = file_name.to_ascii_lowercase();
    lower.ends_with(".xlsx") || lower.ends_with(".xlsm")
}

/// A message from the worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Response {
    /// The worker's wasm has started and listens.
    Ready,
    /// A job moved on to another stage.
    Progress {
        job: u64,
        stage: Stage,
        /// For stages over several items (files, units): how many are done, of how many.
        #[serde(default)]
        done: u32,
        #[serde(default)]
        total: u32,
        /// The file being read, when there is one.
        #[serde(default)]
        detail: Option<String>,
    },
    Done {
        job: u64,
        result: Box<AnalysisView>,
    },
    Unit {
        job: u64,
        unit: Box<UnitView>,
        /// The unit in brief, as the roll-up shows it (changed by a new pairing).
        #[serde(default)]
        summary: Option<UnitSummary>,
    },
    /// An export's bytes travel beside the JSON.
    Export {
        job: u64,
        file_name: String,
        mime: String,
    },
    /// The job could not be done; `error` says why in both languages.
    Failed {
        job: u64,
        error: ErrorView,
    },
    /// The worker cannot go on (its code failed to load, or it panicked). The page replaces it.
    Fatal {
        message: String,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Reading the files' bytes.
    Loading,
    /// Reading cells and recognising the tables.
    Reading,
    /// Reading a PDF's pages (`done` of `total`).
    ReadingPages,
    /// Reading the prior year's files.
    ReadingPrior,
    /// Checking the relations, unit by unit.
    Checking,
    /// Checking the narrative text's claims.
    Narrative,
    /// Comparing with the prior year.
    Comparing,
    /// Preparing what the page shows.
    Preparing,
    /// Writing an export.
    Exporting,
}

/// Why something could not be done, already in words for both languages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorView {
    /// A stable machine name: the core's kinds (`encrypted`, `corrupt`, `not_a_spreadsheet`,
    /// `empty`, `no_budget_tables`, `too_large`, `unsupported`) or the app's (`browser_read`,
    /// `worker_failed`, `stale`, `export_failed`).
    pub kind: String,
    pub zh: String,
    pub en: String,
}

impl ErrorView {
    pub fn new(kind: impl Into<String>, zh: impl Into<String>, en: impl Into<String>) -> Self {
        ErrorView { kind: kind.into(), zh: zh.into(), en: en.into() }
    }
    pub fn text(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// A name in both languages.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Name {
    pub zh: String,
    pub en: String,
}

impl Name {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Name { zh: zh.into(), en: en.into() }
    }
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// What was checked: file names, and whether a prior year or text took part.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceView {
    pub files: Vec<String>,
    pub prior_files: Vec<String>,
    /// Characters of pasted text, when text was given.
    pub text_chars: Option<usize>,
    pub sample: bool,
    /// The most parts a file was read in side by side by helper workers (1: in one go).
    #[serde(default)]
    pub read_in_parts: usize,
}

/// The answer to an analysis: every unit in brief, and the first in full.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AnalysisView {
    pub source: SourceView,
    pub units: Vec<UnitSummary>,
    pub unit: UnitView,
    /// The prior year's files could not be read (the current year was checked all the same).
    pub prior_error: Option<ErrorView>,
    /// Whether a narrative text was checked against the tables.
    pub text_checked: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

/// One unit (编制部门) of the submission, in brief (for the unit list and the roll-up).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnitSummary {
    pub index: usize,
    pub name: Option<String>,
    pub year: Option<i32>,
    pub tables: usize,
    pub counts: Counts,
    /// Where the unit's tables were read: the file (PDF, CSV) or the sheet of its first table.
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub final_accounts: bool,
    /// The 三公 total as printed (`10.81 万元`) and its value in 元, for sorting.
    #[serde(default)]
    pub three_public: Option<(String, f64)>,
    /// Items of its 检查表 answered 否.
    #[serde(default)]
    pub checklist_no: usize,
    /// The unit of this check shown as its prior year, if any.
    #[serde(default)]
    pub prior: Option<usize>,
    /// Its total expenditure against the prior year's, in percent (`+3.2%`).
    #[serde(default)]
    pub change: Option<String>,
}

/// A table kind by its id and names (for tables that are missing).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KindView {
    pub id: String,
    pub name: Name,
}

/// One unit in full.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnitView {
    pub index: usize,
    pub name: Option<String>,
    pub year: Option<i32>,
    /// Final accounts (部门决算), not a budget.
    #[serde(default)]
    pub final_accounts: bool,
    /// The template family (上海格式, 中央部门格式 …) where the tables tell it.
    #[serde(default)]
    pub family: Option<Name>,
    /// The units the tables state their amounts in, in order of first use (`元`, `万元`).
    pub money_units: Vec<Name>,
    pub counts: Counts,
    pub tables: Vec<TableView>,
    /// Standard tables not found (the state-capital table is optional and never listed).
    pub missing: Vec<KindView>,
    pub findings: Vec<FindingView>,
    pub not_checked: Vec<NotCheckedView>,
    pub claims: Vec<ClaimView>,
    pub three_public: Option<ThreePublicView>,
    pub changes: Option<ChangesView>,
    /// The reviewer's 检查表, filled in from the findings (docs/review.md).
    #[serde(default)]
    pub checklist: Option<ChecklistView>,
    /// Findings that share a cell and a difference, grouped as one probable cause.
    #[serde(default)]
    pub causes: Vec<CauseView>,
}

/// A probable cause: the cell several findings share, the difference they share (in 元) and
/// the findings (ids in [`UnitView::findings`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CauseView {
    pub cell: CellAddr,
    pub difference: String,
    pub findings: Vec<usize>,
}

/// A filled-in 检查表: the sheet's title and unit, then one row per check item.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChecklistView {
    pub title: String,
    pub unit_label: String,
    pub unit: Option<String>,
    pub heading: String,
    pub items: Vec<ChecklistItemView>,
}

/// One row of the 检查表.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChecklistItemView {
    pub group: String,
    pub name: Name,
    pub answer: AnswerView,
    /// The note and the evidence, one line each (`1. [GJ712] 第 8 页第 2 行 「…」 …`).
    pub lines: Vec<Name>,
}

/// 是 / 否 / 待人工判断.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnswerView {
    Yes,
    No,
    ForReviewer,
}

/// An address in the submission: sheet (or file), zero-based row and column, and `E12`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CellAddr {
    pub sheet: String,
    pub row: u32,
    pub col: u32,
    pub a1: String,
    /// The index (in [`UnitView::tables`]) of the table the cell belongs to, if any.
    #[serde(default)]
    pub table: Option<usize>,
    /// For a PDF: the printed page of the cell and its box (`[x0, top, x1, bottom]`, whole points).
    #[serde(default)]
    pub page: Option<u32>,
    #[serde(default)]
    pub bbox: Option<[u16; 4]>,
}

impl CellAddr {
    pub fn new(sheet: impl Into<String>, row: u32, col: u32) -> Self {
        CellAddr { sheet: sheet.into(), row, col, a1: a1(row, col), table: None, page: None, bbox: None }
    }
    /// What a person looks for: a PDF cell's page (`第 11 页 · G52`), a sheet cell's address.
    pub fn shown(&self, lang: Lang) -> String {
        match (self.page, lang) {
            (Some(p), Lang::Zh) => format!("第 {p} 页 · {}", self.a1),
            (Some(p), Lang::En) => format!("p. {p} · {}", self.a1),
            (None, _) => self.full(),
        }
    }
    /// `表3 支出总表!E12`.
    pub fn full(&self) -> String {
        format!("{}!{}", self.sheet, self.a1)
    }
    pub fn same_cell(&self, sheet: &str, row: u32, col: u32) -> bool {
        self.row == row && self.col == col && self.sheet == sheet
    }
}

/// `0 → A`, `25 → Z`, `26 → AA`.
pub fn column_letters(mut col: u32) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// The A1 address of a zero-based row and column: `(11, 4) → E12`.
pub fn a1(row: u32, col: u32) -> String {
    format!("{}{}", column_letters(col), row + 1)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HalfView {
    Whole,
    Income,
    Expenditure,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnView {
    /// The header as written (levels joined by ` / `).
    pub header: String,
    /// The column's standard meaning (`total`, `basic`, …) and its names.
    pub role: String,
    pub name: Name,
    pub half: HalfView,
    pub col: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RowKind {
    /// A coded row (类/款/项).
    Item,
    /// 合计/总计.
    Total,
    /// A line of a summary table.
    Summary,
    /// A named row without a code.
    Uncoded,
}

/// One amount cell as shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CellView {
    pub row: u32,
    pub col: u32,
    /// Formatted (`1,234,567`, `995.20`); empty for a blank cell.
    pub text: String,
    #[serde(default)]
    pub blank: bool,
    /// The cell could not be read as an amount (a GJ001 finding points at it).
    #[serde(default)]
    pub unreadable: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowView {
    /// Zero-based sheet row.
    pub row: u32,
    pub half: HalfView,
    pub kind: RowKind,
    pub code: Option<String>,
    /// 1 类, 2 款, 3 项; 0 for rows without a code.
    pub level: u8,
    pub name: String,
    /// The cell holding the name (or code).
    pub label: Option<(u32, u32)>,
    /// One per table column: `None` where the column is in the other half.
    pub cells: Vec<Option<CellView>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TableView {
    /// The table kind's id (`expenditure`, `three_public`, …).
    pub id: String,
    pub name: Name,
    /// The title as written.
    pub title: String,
    pub sheet: String,
    pub title_cell: CellAddr,
    /// For a PDF: the pages the table is printed on (first, last).
    #[serde(default)]
    pub pages: Option<(u32, u32)>,
    pub unit: Option<Name>,
    pub empty: bool,
    pub two_halves: bool,
    pub columns: Vec<ColumnView>,
    pub rows: Vec<RowView>,
}

impl TableView {
    /// Whether the table holds the cell (as an amount or a row label).
    pub fn holds(&self, sheet: &str, row: u32, col: u32) -> bool {
        self.sheet == sheet
            && self.rows.iter().any(|r| r.label == Some((row, col)) || r.cells.iter().flatten().any(|c| c.row == row && c.col == col))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SeverityView {
    Error,
    Warning,
    Info,
}

impl SeverityView {
    pub fn id(self) -> &'static str {
        match self {
            SeverityView::Error => "error",
            SeverityView::Warning => "warning",
            SeverityView::Info => "info",
        }
    }
}

/// Where a narrative finding stands in the text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextSpanView {
    pub line: usize,
    pub column: usize,
    pub sentence: String,
    /// For the text of a PDF: its page and the line on that page.
    pub page: Option<(u32, usize)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FindingView {
    /// Index in [`UnitView::findings`].
    pub id: usize,
    /// Names the finding across checks of the same files (unit, rule, cells, text place and
    /// amounts): the person's marks are kept under it.
    #[serde(default)]
    pub key: String,
    /// The relation usually holds but is not an identity: the reader judges.
    #[serde(default)]
    pub heuristic: bool,
    pub rule: String,
    /// The rule's title from the registry.
    pub rule_title: Name,
    pub kind: String,
    pub severity: SeverityView,
    /// The table kind id of the checked cell's table.
    pub table: Option<String>,
    pub message: Name,
    /// Amounts formatted in `unit`, with thousands separators.
    pub expected: Option<String>,
    pub actual: Option<String>,
    pub difference: Option<String>,
    pub unit: Option<Name>,
    /// Every cell that takes part, the checked cell first.
    pub cells: Vec<CellAddr>,
    pub text: Option<TextSpanView>,
}

impl FindingView {
    /// The table (index in the unit's tables) to open for this finding: the checked cell's.
    pub fn table_index(&self) -> Option<usize> {
        self.cells.first().and_then(|c| c.table).or_else(|| self.cells.iter().find_map(|c| c.table))
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotCheckedView {
    pub rule: String,
    pub rule_title: Name,
    pub reason: Name,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VerdictView {
    Agrees,
    Disagrees,
    CannotCheck,
}

impl VerdictView {
    pub fn id(self) -> &'static str {
        match self {
            VerdictView::Agrees => "agrees",
            VerdictView::Disagrees => "disagrees",
            VerdictView::CannotCheck => "cannot_check",
        }
    }
}

/// A claim of the narrative text and its verdict.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClaimView {
    pub rule: String,
    /// `amount`, `year_over_year`, `itemised_sum`, `project_amounts`.
    pub kind: String,
    /// What the amount is of, as the text words it.
    pub subject: String,
    /// The amount as written (`3,327万元`).
    pub written: String,
    pub sentence: String,
    pub line: usize,
    pub column: usize,
    /// For the text of a PDF: its page and the line on that page.
    pub page: Option<(u32, usize)>,
    pub verdict: VerdictView,
    pub expected: Option<String>,
    pub actual: Option<String>,
    pub difference: Option<String>,
    pub unit: Option<Name>,
    /// Why it could not be checked.
    pub reason: Option<Name>,
    pub message: Name,
    pub cells: Vec<CellAddr>,
}

/// One amount for a chart: the value (for lengths), as written, and where it is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    pub value: f64,
    pub text: String,
    pub cell: Option<CellAddr>,
}

/// One 三公 item: its role (`abroad`, `reception`, `vehicle_purchase`, `vehicle_operation`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ThreePublicItem {
    pub role: String,
    pub name: Name,
    pub figure: Figure,
    /// Share of the 三公 total, in percent, rounded to one place (`45.7`).
    pub share: Option<String>,
}

/// A 三公 item against the economic line of basic spending it must cover.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EconomicLine {
    pub code: String,
    /// The line's name in the economic table (or the standard name when absent).
    pub name: String,
    pub item_role: String,
    pub item_name: Name,
    /// The 三公 item, in the 三公 table's unit.
    pub item: Option<String>,
    /// The economic line converted to the 三公 table's unit (rounded to its places).
    pub economic: Option<String>,
    /// The economic line as written, in its own table's unit.
    pub economic_written: Option<String>,
    pub economic_cell: Option<CellAddr>,
    /// Item ≥ economic line (`None` when either is missing).
    pub covered: Option<bool>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ThreePublicView {
    /// Index of the 三公 table in the unit's tables.
    pub table: usize,
    pub unit: Option<Name>,
    pub total: Option<Figure>,
    /// 因公出国(境)费, 公务接待费, 公务用车购置费, 公务用车运行费.
    pub items: Vec<ThreePublicItem>,
    /// 公务用车购置及运行费 (小计).
    pub vehicle: Option<Figure>,
    /// 机关运行经费.
    pub office: Option<Figure>,
    pub economic: Vec<EconomicLine>,
    /// The economic table's unit, when it differs from the 三公 table's.
    pub economic_unit: Option<Name>,
    /// Where the figures shown disagree with each other (the total against its four items, the
    /// vehicle subtotal against its two parts), worded with the amounts: the cards and the chart
    /// never disagree silently.
    #[serde(default)]
    pub disagreements: Vec<Name>,
    /// This year beside the prior year's 三公 table (when a prior year was given), in this
    /// table's unit: total, the four items, the vehicle subtotal and 机关运行经费.
    #[serde(default)]
    pub prior: Vec<PriorFigure>,
}

/// One 三公 figure this year and the prior year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PriorFigure {
    pub role: String,
    pub name: Name,
    pub current: Option<String>,
    pub prior: Option<String>,
    /// This year less the prior year, signed (`+1.20`).
    pub change: Option<String>,
    /// The change in percent of the prior year, one place (`+12.5%`).
    pub percent: Option<String>,
}

/// One amount that changed (or came, went, or was renamed) since the prior year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChangeView {
    pub table: String,
    pub table_name: Name,
    pub code: Option<String>,
    pub name: String,
    pub old_name: Option<String>,
    /// The column's role and standard name.
    pub column: String,
    pub column_name: Name,
    pub half: HalfView,
    pub old: Option<String>,
    pub new: Option<String>,
    pub delta: Option<String>,
    /// In percent, two places (`-8.55`).
    pub pct: Option<String>,
    /// `both`, `new`, `removed`, `renamed`.
    pub status: String,
    pub unit: Option<Name>,
    /// |delta| in 元, for sorting by size across tables of different units.
    pub size: f64,
    pub new_cell: Option<CellAddr>,
}

/// A bar of a change chart: one 类/款 or one 三公 item, both years.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChangeBar {
    pub key: String,
    pub code: Option<String>,
    pub label: Name,
    pub old: Option<Figure>,
    pub new: Option<Figure>,
    pub delta: Option<Figure>,
    pub pct: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChangesView {
    pub old_year: Option<i32>,
    pub new_year: Option<i32>,
    /// The prior year's unit, when named.
    pub prior_unit: Option<String>,
    /// Changed rows only, in the tables' order.
    pub rows: Vec<ChangeView>,
    /// Rows compared in all (changed or not).
    pub compared: usize,
    /// The largest movers by 类/款 of the expenditure table (合计), largest first.
    pub movers: Vec<ChangeBar>,
    /// The table the movers come from and the unit of their figures.
    pub movers_table: Option<Name>,
    pub movers_unit: Option<Name>,
    /// The 三公 items (and 机关运行经费) in both years.
    pub three_public: Vec<ChangeBar>,
    pub three_public_unit: Option<Name>,
    pub only_old: Vec<KindView>,
    pub only_new: Vec<KindView>,
    /// Tables in both years that could not be compared, and why.
    pub skipped: Vec<(KindView, Name)>,
}

/// Encodes a message for the transport.
pub fn encode<T: Serialize>(msg: &T) -> String {
    serde_json::to_string(msg).unwrap_or_else(|e| {
        // Only a bug (a non-string map key) could get here; say so rather than panic.
        format!(r#"{{"type":"fatal","message":"encode: {e}"}}"#)
    })
}

pub fn decode_request(json: &str) -> Result<Request, String> {
    serde_json::from_str(json).map_err(|e| e.to_string())
}

pub fn decode_response(json: &str) -> Result<Response, String> {
    serde_json::from_str(json).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses() {
        assert_eq!(a1(11, 4), "E12");
        assert_eq!(a1(0, 26), "AA1");
        assert_eq!(column_letters(701), "ZZ");
        let c = CellAddr::new("表3 支出总表", 11, 4);
        assert_eq!(c.full(), "表3 支出总表!E12");
        assert!(c.same_cell("表3 支出总表", 11, 4));
        assert!(!c.same_cell("表3", 11, 4));
    }

    #[test]
    fn requests_and_responses_round_trip_as_json() {
        let reqs = [
            Request::Analyse { job: 3, files: vec!["a.xlsx".into()], prior: vec![], text: Some("文字".into()) },
            Request::Sample { job: 4, prior: vec![] },
            Request::Unit { job: 5, unit: 7 },
            Request::Export {
                job: 6,
                format: ExportFormat::Xlsx,
                unit: 0,
                lang: Lang::En,
                marks: Marks::from([("0|GJ201|".to_string(), Mark { status: MarkStatus::Accepted, comment: "说明".into() })]),
                stamp: "20261201-2130".into(),
            },
        ];
        for r in reqs {
            let json = encode(&r);
            assert_eq!(decode_request(&json).unwrap(), r, "{json}");
        }
        let json = r#"{"type":"analyse","job":1,"files":["x.csv"]}"#;
        assert_eq!(decode_request(json).unwrap(), Request::Analyse { job: 1, files: vec!["x.csv".into()], prior: vec![], text: None });
        for r in [
            Response::Ready,
            Response::Progress { job: 1, stage: Stage::Checking, done: 3, total: 200, detail: None },
            Response::Failed { job: 2, error: ErrorView::new("corrupt", "坏了", "broken") },
            Response::Fatal { message: "x".into() },
            Response::Export { job: 9, file_name: "a.csv".into(), mime: "text/csv".into() },
        ] {
            assert_eq!(decode_response(&encode(&r)).unwrap(), r);
        }
        // The worker loader's own message when the wasm cannot load.
        assert_eq!(decode_response(r#"{"type":"fatal","message":"404"}"#).unwrap(), Response::Fatal { message: "404".into() });
        assert!(decode_response("not json").is_err());
    }
}

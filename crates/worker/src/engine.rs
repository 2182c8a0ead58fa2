//! The worker's work, as plain Rust: requests in, responses out. The worker binary only moves
//! bytes between JavaScript and this module, so everything here is tested on the host.
//!
//! The engine keeps the last analysis, so that the page can ask for another unit or an export
//! without sending the files again.

use gouji_core::read::SheetPart;
use gouji_core::{budgets_from, check_owned, read_tables_reporting, Budget, BudgetReport, FileTables, Grid, InputFile, Limits, ReadError};

use crate::export;
use crate::i18n::{Lang, EN, ZH};
use crate::protocol::*;
use crate::view;

/// The built-in sample: the Shanghai Science and Technology Commission's 2021 budget as
/// published (all eight tables and the narrative text), copied out of its PDF.
pub const SAMPLE_TEXT: &str = include_str!("../../../tests/data/shanghai-stcsm-2021-budget.txt");
/// The name the sample is read under (it names the "sheet" in cell addresses).
pub const SAMPLE_NAME: &str = "示例.txt";
/// The name pasted text is read under.
pub const PASTED_NAME: &str = "粘贴的文字";

/// One file's name and bytes, and its tables when they were found already (a large workbook
/// read in parts by helper workers, see `worker/main.rs`).
#[derive(Clone, Debug)]
pub struct FileData {
    pub name: String,
    pub bytes: Vec<u8>,
    pub tables: Option<FileTables>,
    /// How many parts `tables` was read in (1: in one go).
    pub parts: usize,
}

impl FileData {
    pub fn new(name: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        FileData { name: name.into(), bytes: bytes.into(), tables: None, parts: 1 }
    }
}

/// The files' budgets (one per unit) and the text found in text files: each file's tables as
/// found already or read now, its bytes dropped once read.
fn read_all(files: Vec<FileData>, limits: &Limits, pages: &mut dyn FnMut(u32, u32)) -> Result<(Vec<Budget>, Option<String>), ReadError> {
    let names: Vec<String> = files.iter().map(|f| f.name.clone()).collect();
    let mut found = Vec::with_capacity(files.len());
    for f in files {
        found.push(match f.tables {
            Some(tables) => tables,
            None => read_tables_reporting(InputFile { name: &f.name, bytes: &f.bytes }, limits, SheetPart::WHOLE, pages)?,
        });
    }
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    budgets_from(&names, found)
}

/// What an export is of: its format, the unit shown (for the one-unit report and the markup),
/// the language, the person's marks, the page's local time (`20261201-2130`, for the name) and,
/// for a markup, the person's workbooks.
pub struct ExportSpec<'a> {
    pub format: ExportFormat,
    pub unit: usize,
    pub lang: Lang,
    pub marks: &'a Marks,
    pub stamp: &'a str,
    pub files: &'a [FileData],
}

/// What the engine keeps between requests.
pub struct Session {
    pub source: SourceView,
    pub reports: Vec<BudgetReport>,
    pub prior: Vec<Budget>,
    /// The narrative text the reports were checked with (for the 检查表).
    pub text: Option<String>,
    /// For each unit, the unit of this submission shown as its prior year (files of one unit and
    /// consecutive years pair up by themselves; the person may change it).
    pub pairs: Vec<Option<usize>>,
}

impl Session {
    pub fn new(source: SourceView, reports: Vec<BudgetReport>, prior: Vec<Budget>, text: Option<String>) -> Self {
        let budgets: Vec<&Budget> = reports.iter().map(|r| &r.budget).collect();
        let mut pairs = gouji_core::matching::pair_years(&budgets);
        // A prior year given as such comes first.
        for (i, p) in pairs.iter_mut().enumerate() {
            if gouji_core::matching::prior_for(&reports[i].budget, &prior, reports.len()).is_some() {
                *p = None;
            }
        }
        Session { source, reports, prior, text, pairs }
    }

    /// The prior year of a unit: the prior-year file given for it, else the unit it is paired with.
    fn prior_for(&self, unit: usize) -> Option<&Budget> {
        let r = self.reports.get(unit)?;
        gouji_core::matching::prior_for(&r.budget, &self.prior, self.reports.len())
            .or_else(|| self.pairs.get(unit).copied().flatten().and_then(|p| self.reports.get(p)).map(|p| &p.budget))
    }

    /// Pairs a unit with another of the submission as its prior year, or with none. False when
    /// either is not a unit of it, or they are the same.
    pub fn pair(&mut self, unit: usize, prior: Option<usize>) -> bool {
        let n = self.reports.len();
        if unit >= n || prior.is_some_and(|p| p >= n || p == unit) {
            return false;
        }
        self.pairs[unit] = prior;
        true
    }

    /// A unit in brief, for the roll-up.
    pub fn summary(&self, unit: usize) -> Option<UnitSummary> {
        let r = self.reports.get(unit)?;
        let no = self.checklist(unit).map_or(0, |c| c.count(gouji_core::review::Answer::No));
        let mut s = view::unit_summary(unit, r, no);
        s.prior = self.pairs.get(unit).copied().flatten();
        s.change = self.prior_for(unit).and_then(|p| view::total_change(p, &r.budget));
        Some(s)
    }

    pub fn unit_view(&self, unit: usize) -> Option<UnitView> {
        let r = self.reports.get(unit)?;
        let mut v = view::unit_view(unit, r, self.prior_for(unit));
        v.checklist = Some(view::checklist_view(&self.checklist(unit)?));
        Some(v)
    }

    /// The 检查表 of a unit, from its findings and the text it was checked with.
    pub fn checklist(&self, unit: usize) -> Option<gouji_core::review::Checklist> {
        let r = self.reports.get(unit)?;
        let text = self.text.as_deref().filter(|t| gouji_core::matching::text_is_about(t, &r.budget, self.reports.len()));
        Some(gouji_core::review::checklist(r, text))
    }
}

/// The person's marks in a 检查表: each marked piece of evidence says how it was judged, and a
/// row whose every piece was accepted (可接受) is answered 是, with a note that says so.
pub fn apply_marks(mut c: gouji_core::review::Checklist, r: &BudgetReport, unit: usize, marks: &Marks) -> gouji_core::review::Checklist {
    use gouji_core::review::Answer;
    if marks.is_empty() {
        return c;
    }
    for item in &mut c.items {
        let mut accepted = 0;
        for e in &mut item.evidence {
            let Some(m) = r.findings.get(e.finding).and_then(|f| export::mark_of(marks, unit, f)) else { continue };
            accepted += usize::from(m.status == MarkStatus::Accepted);
            e.message = format!("{}（复核：{}）", e.message, export::mark_text(m, true));
            e.message_en = format!("{} (review: {})", e.message_en, export::mark_text(m, false));
        }
        if item.answer == Answer::No && accepted > 0 && accepted == item.evidence.len() {
            item.answer = Answer::Yes;
            item.note = format!("{accepted} 条问题经复核为可接受");
            item.note_en = format!("{accepted} finding(s) accepted on review");
        }
    }
    c
}

/// The built-in sample written as an .xlsx workbook, cell for cell as the text gives them (one
/// sheet per table), for [`WarmUp`]. Numbers go in as spreadsheet numbers (f64, as any
/// spreadsheet stores them) so that the numeric path is exercised; nothing is checked with them.
pub fn sample_workbook(grids: &[Grid]) -> Result<Vec<u8>, String> {
    let mut book = rust_xlsxwriter::Workbook::new();
    for (i, grid) in grids.iter().enumerate() {
        let ws = book.add_worksheet();
        ws.set_name(format!("表{}", i + 1)).map_err(|e| e.to_string())?;
        for r in grid.rows() {
            for c in grid.first_col..grid.end_col() {
                let written = match grid.get(r, c) {
                    gouji_core::CellValue::Text(t) => ws.write_string(r, c as u16, t).map(|_| ()),
                    gouji_core::CellValue::Number(d) => {
                        ws.write_number(r, c as u16, rust_decimal::prelude::ToPrimitive::to_f64(d).unwrap_or(0.0)).map(|_| ())
                    }
                    _ => Ok(()),
                };
                written.map_err(|e| e.to_string())?;
            }
        }
    }
    book.save_to_buffer().map_err(|e| e.to_string())
}

/// The built-in sample as one CSV file (every table, one after the other), for [`WarmUp`].
pub fn sample_csv(grids: &[Grid]) -> String {
    let mut out = String::new();
    for grid in grids {
        for r in grid.rows() {
            let fields: Vec<String> = (grid.first_col..grid.end_col())
                .map(|c| match grid.get(r, c) {
                    gouji_core::CellValue::Empty => String::new(),
                    v => {
                        let text = v.display();
                        if text.contains([',', '"', '\n']) {
                            format!("\"{}\"", text.replace('"', "\"\""))
                        } else {
                            text
                        }
                    }
                })
                .collect();
            out.push_str(&fields.join(","));
            out.push('\n');
        }
        out.push('\n');
    }
    out
}

/// The sample's cells as the pasted text gives them, one grid per table.
pub fn sample_grids() -> Result<Vec<Grid>, String> {
    let read = gouji_core::read::read_file(SAMPLE_NAME, SAMPLE_TEXT.as_bytes(), &Limits::default()).map_err(|e| e.message_en())?;
    Ok(read.grids)
}

/// The sample as a workbook and as CSV, made once and run through the worker's whole pipeline
/// (reading, recognition, the checks, the view and its JSON, as for a person's file) before and
/// after the worker says it is ready. A browser compiles WebAssembly lazily and optimises a
/// function only after it has run a while, on background threads: without this the person's first
/// file would run on unoptimised code (measured in Node: the first 200-unit check ≈1.5–2× slower
/// than the next; in Chromium on a busy 2-core machine, up to 3×). A round takes ≈20–60 ms of the
/// worker's time, never the page's.
pub struct WarmUp {
    book: Vec<u8>,
    csv: String,
}

impl WarmUp {
    pub fn new() -> Result<Self, String> {
        let grids = sample_grids()?;
        Ok(WarmUp { book: sample_workbook(&grids)?, csv: sample_csv(&grids) })
    }

    /// One round; returns the tables the workbook gave (the sample's 8) and the bytes of JSON
    /// the answers made, so that nothing is optimised away.
    pub fn round(&self) -> Result<(usize, usize), String> {
        let mut engine = Engine::default();
        let mut json = 0;
        let mut tables = 0;
        for (i, file) in
            [FileData::new("warm-up.xlsx", self.book.clone()), FileData::new("warm-up.csv", self.csv.as_bytes())].into_iter().enumerate()
        {
            match engine.analyse(0, vec![file], Vec::new(), None, false, &mut |p| json += encode(&p).len()) {
                Response::Done { result, .. } => {
                    if i == 0 {
                        tables = result.unit.tables.len();
                    }
                    json += encode(&Response::Done { job: 0, result }).len();
                }
                other => return Err(format!("the warm-up sample did not check: {other:?}")),
            }
        }
        Ok((tables, json))
    }
}

#[derive(Default)]
pub struct Engine {
    pub session: Option<Session>,
}

pub fn error_view(e: &ReadError) -> ErrorView {
    ErrorView::new(e.kind(), e.message_zh(), e.message_en())
}

/// How often to report progress over `total` items (about 50 reports at most).
fn every(total: usize) -> usize {
    (total / 50).max(1)
}

impl Engine {
    /// Checks a submission. `progress` receives the stages as they begin.
    pub fn analyse(
        &mut self,
        job: u64,
        files: Vec<FileData>,
        prior: Vec<FileData>,
        text: Option<String>,
        sample: bool,
        progress: &mut dyn FnMut(Response),
    ) -> Response {
        self.session = None;
        let limits = Limits::default();
        let text = text.filter(|t| !t.trim().is_empty());
        let source = SourceView {
            files: files.iter().map(|f| f.name.clone()).collect(),
            prior_files: prior.iter().map(|f| f.name.clone()).collect(),
            text_chars: text.as_ref().map(|t| t.chars().count()),
            sample,
            read_in_parts: files.iter().chain(&prior).map(|f| f.parts).max().unwrap_or(1),
        };
        // Text alone is the submission (its tables and its narrative); with files, it is the
        // narrative about them.
        let (inputs, narrative) = match (files.is_empty(), text) {
            (true, Some(t)) => (vec![FileData::new(PASTED_NAME, t.into_bytes())], None),
            (_, t) => (files, t),
        };
        if inputs.is_empty() {
            return Response::Failed { job, error: ErrorView::new("empty", ZH.no_input, EN.no_input) };
        }
        progress(Response::Progress {
            job,
            stage: Stage::Reading,
            done: 0,
            total: inputs.len() as u32,
            detail: inputs.first().map(|f| f.name.clone()),
        });
        let first_name = inputs.first().map(|f| f.name.clone());
        let mut pages = |done: u32, total: u32| {
            progress(Response::Progress { job, stage: Stage::ReadingPages, done, total, detail: first_name.clone() });
        };
        let (budgets, found_text) = match read_all(inputs, &limits, &mut pages) {
            Ok(r) => r,
            Err(e) => return Response::Failed { job, error: error_view(&e) },
        };

        let mut prior_budgets = Vec::new();
        let mut prior_error = None;
        if !prior.is_empty() {
            progress(Response::Progress {
                job,
                stage: Stage::ReadingPrior,
                done: 0,
                total: prior.len() as u32,
                detail: prior.first().map(|f| f.name.clone()),
            });
            match read_all(prior, &limits, &mut |_, _| {}) {
                Ok((b, _)) => prior_budgets = b,
                Err(e) => prior_error = Some(error_view(&e)),
            }
        }

        let n = budgets.len();
        let mut reports = Vec::with_capacity(n);
        for (i, b) in budgets.into_iter().enumerate() {
            if i % every(n) == 0 {
                progress(Response::Progress { job, stage: Stage::Checking, done: i as u32, total: n as u32, detail: None });
            }
            reports.push(check_owned(b));
        }

        let narrative = narrative.or(found_text);
        if narrative.is_some() {
            progress(Response::Progress { job, stage: Stage::Narrative, done: 0, total: 0, detail: None });
        }
        let text_checked = gouji_core::matching::attach_narrative(&mut reports, narrative.as_deref(), &prior_budgets) > 0;

        if !prior_budgets.is_empty() {
            progress(Response::Progress { job, stage: Stage::Comparing, done: 0, total: 0, detail: None });
        }
        progress(Response::Progress { job, stage: Stage::Preparing, done: 0, total: 0, detail: None });
        let session = Session::new(source, reports, prior_budgets, narrative);
        let units: Vec<_> = (0..session.reports.len()).filter_map(|i| session.summary(i)).collect();
        // Several units open on the worst: most errors, then most warnings, the first among equals.
        let worst = units
            .iter()
            .enumerate()
            .max_by(|(i, a), (j, b)| (a.counts.errors, a.counts.warnings).cmp(&(b.counts.errors, b.counts.warnings)).then(j.cmp(i)))
            .map_or(0, |(i, _)| i);
        let Some(unit) = session.unit_view(worst) else {
            return Response::Failed { job, error: ErrorView::new("no_budget_tables", ZH.no_tables, EN.no_tables) };
        };
        let result = AnalysisView { source: session.source.clone(), units, unit, prior_error, text_checked };
        self.session = Some(session);
        Response::Done { job, result: Box::new(result) }
    }

    /// Checks the built-in sample (with the prior year's files, if given).
    pub fn sample(&mut self, job: u64, prior: Vec<FileData>, progress: &mut dyn FnMut(Response)) -> Response {
        self.analyse(job, vec![FileData::new(SAMPLE_NAME, SAMPLE_TEXT.as_bytes())], prior, None, true, progress)
    }

    fn stale(job: u64) -> Response {
        Response::Failed { job, error: ErrorView::new("stale", ZH.stale, EN.stale) }
    }

    /// The marked-up copy of the shown unit's workbook: its name (`科委-勾稽标注.xlsx`) and bytes.
    /// Every unit read from that workbook has its findings in it.
    fn markup(s: &Session, unit: usize, lang: Lang, marks: &Marks, files: &[FileData]) -> Result<(String, Vec<u8>), String> {
        let base = |f: &str| view::file_name(f).to_string();
        let wanted: Vec<String> = s.reports.get(unit).map(|r| r.budget.files.iter().map(|f| base(f)).collect()).unwrap_or_default();
        let file =
            files.iter().filter(|f| can_mark_up(&f.name)).find(|f| wanted.is_empty() || wanted.contains(&base(&f.name))).ok_or_else(
                || lang.pick("只有 .xlsx / .xlsm 工作簿可以在原表上标注", "only .xlsx / .xlsm workbooks can be marked up").to_string(),
            )?;
        let name = base(&file.name);
        let listed: Vec<gouji_core::markup::Listed<'_>> = s
            .reports
            .iter()
            .enumerate()
            .filter(|(_, r)| r.budget.files.is_empty() || r.budget.files.iter().any(|f| base(f) == name))
            .flat_map(|(u, r)| {
                r.findings.iter().map(move |f| gouji_core::markup::Listed {
                    finding: f,
                    review: export::mark_of(marks, u, f).map(|m| export::mark_text(m, lang == Lang::Zh)).unwrap_or_default(),
                })
            })
            .collect();
        let bytes = gouji_core::markup::mark_up(&file.bytes, &Limits::default(), &listed, lang == Lang::Zh).map_err(|e| e.to_string())?;
        let (stem, ext) = name.rsplit_once('.').unwrap_or((&name, "xlsx"));
        Ok((format!("{stem}-勾稽标注.{ext}"), bytes))
    }

    /// Pairs a unit with another as its prior year (or none) and answers with its fresh view and
    /// summary.
    pub fn pair(&mut self, job: u64, unit: usize, prior: Option<usize>) -> Response {
        let Some(s) = self.session.as_mut() else { return Self::stale(job) };
        if !s.pair(unit, prior) {
            return Self::stale(job);
        }
        self.unit(job, unit)
    }

    pub fn unit(&self, job: u64, unit: usize) -> Response {
        match self.session.as_ref().and_then(|s| s.unit_view(unit)) {
            Some(u) => Response::Unit { job, unit: Box::new(u), summary: self.session.as_ref().and_then(|s| s.summary(unit)) },
            None => Self::stale(job),
        }
    }

    /// An export of the last analysis: the response and the bytes that go beside it. `marks`
    /// (the person's, by finding key) go into every format; `stamp` (the page's local time,
    /// `20261201-2130`) into the file name.
    ///
    /// `files` are the workbooks the page sends for a [`ExportFormat::Markup`]: the first that can
    /// be marked up (and is the shown unit's, when the unit names its files) comes back marked up.
    pub fn export(&self, job: u64, spec: ExportSpec<'_>) -> (Response, Vec<u8>) {
        let ExportSpec { format, unit, lang, marks, stamp, files } = spec;
        let Some(s) = self.session.as_ref() else { return (Self::stale(job), Vec::new()) };
        let stem = export::file_stem(s, (format == ExportFormat::Xlsx && s.reports.len() == 1).then_some(unit), stamp);
        let named = |bytes: Result<Vec<u8>, String>| bytes.map(|b| (format!("{stem}.{}", format.extension()), b));
        let made: Result<(String, Vec<u8>), String> = match format {
            ExportFormat::Csv => named(Ok(export::findings_csv(s, marks).into_bytes())),
            ExportFormat::Json => named(Ok(export::findings_json(s, marks).into_bytes())),
            // Several units: one workbook for all of them, a summary sheet and a sheet each.
            ExportFormat::Xlsx if s.reports.len() > 1 => {
                let review =
                    |u: usize, f: &gouji_core::Finding| export::mark_of(marks, u, f).map(|m| export::mark_text(m, lang == Lang::Zh));
                named(crate::report::xlsx_units(&s.reports, lang, &s.source.files, &review).map_err(|e| e.to_string()))
            }
            ExportFormat::Xlsx => named(match s.reports.get(unit) {
                Some(r) => {
                    let review = |f: &gouji_core::Finding| export::mark_of(marks, unit, f).map(|m| export::mark_text(m, lang == Lang::Zh));
                    crate::report::xlsx_report(r, lang, &s.source.files, &review).map_err(|e| e.to_string())
                }
                None => Err(format!("no unit {unit}")),
            }),
            ExportFormat::Markup => Self::markup(s, unit, lang, marks, files),
            ExportFormat::Checklist => {
                let file = s.source.files.join("、");
                let sheets: Vec<(String, gouji_core::review::Checklist)> = (0..s.reports.len())
                    .filter_map(|i| s.checklist(i).map(|c| apply_marks(c, &s.reports[i], i, marks)))
                    .map(|c| (file.clone(), c))
                    .collect();
                gouji_core::review::xlsx(&sheets).map(|b| (format!("{stem}-检查表.xlsx"), b)).map_err(|e| e.to_string())
            }
        };
        match made {
            Ok((file_name, bytes)) => (Response::Export { job, file_name, mime: format.mime().to_string() }, bytes),
            Err(e) => (
                Response::Failed {
                    job,
                    error: ErrorView::new("export_failed", format!("{}：{e}", ZH.export_failed), format!("{}: {e}", EN.export_failed)),
                },
                Vec::new(),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gouji_core::read_budgets;

    fn run(engine: &mut Engine, files: Vec<FileData>, prior: Vec<FileData>, text: Option<String>) -> (Response, Vec<Response>) {
        let mut seen = Vec::new();
        let r = engine.analyse(1, files, prior, text, false, &mut |p| seen.push(p));
        (r, seen)
    }

    fn done(r: Response) -> AnalysisView {
        match r {
            Response::Done { result, .. } => *result,
            other => panic!("not done: {other:?}"),
        }
    }

    #[test]
    fn a_pdf_is_read_page_by_page_and_its_tables_say_their_pages() {
        use gouji_fixtures::{render, seed_budget, to_pdf, Layout, PdfStyle};
        let style = PdfStyle { rows_per_page: Some(15), ..PdfStyle::default() };
        let pdf = to_pdf(&render(&seed_budget(), &Layout::default()), &style).expect("the CJK font (./x setup)");
        let mut e = Engine::default();
        let (r, seen) = run(&mut e, vec![FileData::new("seed.pdf", pdf)], vec![], None);
        let a = done(r);
        let pages: Vec<(u32, u32)> = seen
            .iter()
            .filter_map(|p| match p {
                Response::Progress { stage: Stage::ReadingPages, done, total, .. } => Some((*done, *total)),
                _ => None,
            })
            .collect();
        let total = pages.last().expect("page progress").1;
        assert!(total > 8, "{total} pages");
        assert_eq!(pages, (1..=total).map(|d| (d, total)).collect::<Vec<_>>(), "one report per page, in order");
        assert_eq!(a.unit.counts.errors, 0);
        assert_eq!(a.unit.tables.len(), 8);
        assert!(a.unit.tables.iter().all(|t| t.pages.is_some_and(|(p0, p1)| 1 <= p0 && p0 <= p1 && p1 <= total)));
    }

    #[test]
    fn the_warm_up_workbook_is_the_sample_and_reads_clean() {
        let warm = WarmUp::new().unwrap();
        let (tables, json) = warm.round().unwrap();
        assert_eq!(tables, 8, "the workbook gives the sample's tables");
        assert!(json > 10_000, "the view was built and encoded: {json} bytes");
        assert_eq!(warm.round().unwrap(), (tables, json), "rounds repeat");
        let grids = sample_grids().unwrap();
        let book = sample_workbook(&grids).unwrap();
        let (budgets, _) = read_budgets(&[InputFile { name: "w.xlsx", bytes: &book }], &Limits::default()).unwrap();
        let report = check_owned(budgets.into_iter().next().unwrap());
        assert_eq!(report.count(gouji_core::Severity::Error), 0, "{:#?}", report.findings);
        assert_eq!(report.budget.unit_name.as_deref(), Some("上海市科学技术委员会"));
        let csv = sample_csv(&grids);
        let (budgets, _) = read_budgets(&[InputFile { name: "w.csv", bytes: csv.as_bytes() }], &Limits::default()).unwrap();
        assert_eq!(budgets.len(), 1);
        let report = check_owned(budgets.into_iter().next().unwrap());
        assert_eq!(report.budget.tables.len(), 8);
        assert_eq!(report.count(gouji_core::Severity::Error), 0, "{:#?}", report.findings);
    }

    #[test]
    fn the_sample_reads_all_eight_tables_without_errors_and_checks_its_text() {
        let mut e = Engine::default();
        let mut stages = Vec::new();
        let a = done(e.sample(7, vec![], &mut |p| {
            if let Response::Progress { stage, .. } = p {
                stages.push(stage)
            }
        }));
        assert!(a.source.sample);
        assert_eq!(a.units.len(), 1);
        let u = &a.unit;
        assert_eq!(u.name.as_deref(), Some("上海市科学技术委员会"));
        assert_eq!(u.year, Some(2021));
        assert_eq!(u.tables.len(), 8, "{:?}", u.tables.iter().map(|t| &t.id).collect::<Vec<_>>());
        assert_eq!(u.counts.errors, 0, "{:#?}", u.findings);
        assert!(a.text_checked);
        assert!(u.claims.len() > 20);
        assert!(u.claims.iter().any(|c| c.verdict == VerdictView::Disagrees && c.rule == "GJ704"));
        assert!(stages.contains(&Stage::Reading) && stages.contains(&Stage::Narrative));
        // 三公: 995.20 万元 = 455.00 + 198.40 + 103.10 + 238.70.
        let tp = u.three_public.as_ref().expect("三公");
        assert_eq!(tp.total.as_ref().unwrap().text, "995.20");
        let items: Vec<(&str, &str)> = tp.items.iter().map(|i| (i.role.as_str(), i.figure.text.as_str())).collect();
        assert_eq!(items, [("abroad", "455.00"), ("reception", "198.40"), ("vehicle_purchase", "103.10"), ("vehicle_operation", "238.70")]);
        assert_eq!(tp.items[0].share.as_deref(), Some("45.7"));
        assert_eq!(tp.office.as_ref().unwrap().text, "1,132.18");
        assert_eq!(tp.unit.as_ref().unwrap().zh, "万元");
        assert_eq!(tp.economic.len(), 3);
        assert!(tp.economic.iter().all(|l| l.covered == Some(true)), "{:#?}", tp.economic);
        assert_eq!(tp.economic_unit.as_ref().map(|n| n.zh.as_str()), Some("元"));
    }

    #[test]
    fn unreadable_bytes_fail_with_words_not_panics() {
        let mut e = Engine::default();
        for (name, bytes, kind) in [
            ("empty.xlsx", &b""[..], "empty"),
            ("image.xlsx", &b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"[..], "not_a_spreadsheet"),
            ("truncated.xlsx", &b"PK\x03\x04\x14\0\0\0"[..], "corrupt"),
            ("plain.csv", "项目,金额\n甲,1\n".as_bytes(), "no_budget_tables"),
        ] {
            let (r, _) = run(&mut e, vec![FileData::new(name, bytes)], vec![], None);
            match r {
                Response::Failed { error, .. } => {
                    assert_eq!(error.kind, kind, "{name}: {error:?}");
                    assert!(error.zh.contains(name) && error.en.contains(name));
                }
                other => panic!("{name}: {other:?}"),
            }
            assert!(e.session.is_none());
        }
        let encrypted = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/data/encrypted.xlsx")).unwrap();
        let (r, _) = run(&mut e, vec![FileData::new("encrypted.xlsx", encrypted)], vec![], None);
        assert!(matches!(r, Response::Failed { ref error, .. } if error.kind == "encrypted"), "{r:?}");
        // Asking for a unit or an export without an analysis says so.
        assert!(matches!(e.unit(3, 0), Response::Failed { ref error, .. } if error.kind == "stale"));
    }

    #[test]
    fn a_prior_year_gives_changes_and_checks_year_over_year_claims() {
        let mut e = Engine::default();
        let seed = gouji_fixtures_seed();
        let prior = gouji_fixtures_prior();
        let (r, seen) =
            run(&mut e, vec![FileData::new("seed.xlsx", seed)], vec![FileData::new("prior-2020.xlsx", prior)], Some(SAMPLE_TEXT.into()));
        let a = done(r);
        assert!(seen.iter().any(|p| matches!(p, Response::Progress { stage: Stage::ReadingPrior, .. })));
        assert!(a.prior_error.is_none());
        let c = a.unit.changes.as_ref().expect("changes");
        assert_eq!((c.old_year, c.new_year), (Some(2020), Some(2021)));
        assert!(c.rows.len() > 100);
        assert!(!c.movers.is_empty() && c.movers.len() <= view::MOVERS);
        let sizes: Vec<f64> = c.movers.iter().map(|m| m.delta.as_ref().unwrap().value.abs()).collect();
        assert!(sizes.windows(2).all(|w| w[0] >= w[1]), "{sizes:?}");
        // No 款 beside its 类 with the very same change (it would say the same thing twice).
        for m in &c.movers {
            let twin = c.movers.iter().any(|o| o.key.len() == 3 && m.key.len() == 5 && m.key.starts_with(&o.key) && o.delta == m.delta);
            assert!(!twin, "{} repeats its 类", m.key);
        }
        assert_eq!(c.movers_unit.as_ref().unwrap().zh, "万元");
        let tp: Vec<&str> = c.three_public.iter().map(|b| b.key.as_str()).collect();
        assert_eq!(tp[0], "total");
        assert!(tp.contains(&"abroad") && tp.contains(&"office_operation"));
        // 因公出国（境）费 与2020年预算持平 — checked against the prior year.
        let yoy: Vec<&ClaimView> = a.unit.claims.iter().filter(|c| c.rule == "GJ702").collect();
        assert!(!yoy.is_empty());
        assert!(yoy.iter().all(|c| c.verdict == VerdictView::Agrees), "{yoy:#?}");
        assert_eq!(a.unit.counts.errors, 0);
    }

    #[test]
    fn errors_are_pinned_to_their_cells_and_tables() {
        let mut e = Engine::default();
        let (r, _) = run(&mut e, vec![FileData::new("seed-errors.xlsx", gouji_fixtures_errors())], vec![], None);
        let a = done(r);
        let u = &a.unit;
        assert_eq!(u.counts.errors, 3, "{:#?}", u.findings);
        let f = u.findings.iter().find(|f| f.rule == "GJ201").expect("row arithmetic");
        assert_eq!(f.severity, SeverityView::Error);
        assert_eq!(f.cells[0].full(), "表3 支出总表!E12");
        let t = f.table_index().expect("table");
        assert_eq!(u.tables[t].id, "expenditure");
        let row = u.tables[t].rows.iter().find(|r| r.row == 11).unwrap();
        assert_eq!(row.code.as_deref(), Some("2060101"));
        assert_eq!(f.actual.as_deref(), Some("51,700,926"));
        assert_eq!(f.difference.as_deref(), Some("-1"));
        let tp = u.findings.iter().find(|f| f.rule == "GJ202").unwrap();
        assert_eq!(tp.expected.as_deref(), Some("995.30"));
        assert_eq!(tp.difference.as_deref(), Some("-0.10"));
        assert_eq!(u.tables[tp.table_index().unwrap()].id, "three_public");
        // Exports.
        // Exports, with the person's marks carried into each.
        let marks = Marks::from([(f.key.clone(), Mark { status: MarkStatus::Accepted, comment: "已与单位核实，系录入错误".into() })]);
        let (r, csv) = e.export(
            2,
            ExportSpec { format: ExportFormat::Csv, unit: 0, lang: Lang::Zh, marks: &marks, stamp: "20261201-2130", files: &[] },
        );
        let Response::Export { file_name, .. } = &r else { panic!("{r:?}") };
        assert!(file_name.ends_with("-2021-20261201-2130.csv") && file_name.starts_with("勾稽-"), "{file_name}");
        let csv = String::from_utf8(csv).unwrap();
        assert!(csv.starts_with('\u{feff}'));
        assert_eq!(csv.lines().count(), 4, "{csv}");
        assert!(csv.contains("表3 支出总表!E12"));
        let marked: Vec<&str> = csv.lines().filter(|l| l.ends_with(",accepted,已与单位核实，系录入错误")).collect();
        assert_eq!(marked.len(), 1, "{csv}");
        assert!(marked[0].contains(",GJ201,"));
        let (_, json) =
            e.export(3, ExportSpec { format: ExportFormat::Json, unit: 0, lang: Lang::Zh, marks: &marks, stamp: "", files: &[] });
        let v: serde_json::Value = serde_json::from_slice(&json).unwrap();
        let findings = v["units"][0]["findings"].as_array().unwrap();
        assert_eq!(findings.len(), 3);
        let review = &v["units"][0]["reviews"][0];
        assert_eq!(review["status"], "accepted");
        assert_eq!(findings[review["finding"].as_u64().unwrap() as usize]["rule"], "GJ201");
        let (r, xlsx) =
            e.export(4, ExportSpec { format: ExportFormat::Xlsx, unit: 0, lang: Lang::Zh, marks: &marks, stamp: "", files: &[] });
        assert!(matches!(r, Response::Export { .. }), "{r:?}");
        use calamine::Reader;
        let mut wb = calamine::Xlsx::new(std::io::Cursor::new(xlsx)).expect("an xlsx");
        let sheet = wb.worksheet_range_at(0).unwrap().unwrap();
        let reviews: Vec<String> =
            (4..sheet.height() as u32).filter_map(|r| sheet.get_value((r, 11)).map(|v| v.to_string())).filter(|v| !v.is_empty()).collect();
        assert_eq!(reviews, ["可接受：已与单位核实，系录入错误"]);
        // In the 检查表 the accepted finding is noted; its row is 是 only if all its findings were accepted.
        let (_, bytes) =
            e.export(5, ExportSpec { format: ExportFormat::Checklist, unit: 0, lang: Lang::Zh, marks: &marks, stamp: "", files: &[] });
        let mut wb = calamine::Xlsx::new(std::io::Cursor::new(bytes)).expect("an xlsx");
        let sheet = wb.worksheet_range_at(1).unwrap().unwrap();
        let all: String = sheet.rows().flat_map(|r| r.iter().map(|c| c.to_string())).collect::<Vec<_>>().join("|");
        assert!(all.contains("（复核：可接受：已与单位核实，系录入错误）"), "{all}");
        // The person's own workbook, marked up (with the mark in its note and findings sheet).
        let file = FileData::new("seed-errors.xlsx", gouji_fixtures_errors());
        let (r, bytes) =
            e.export(6, ExportSpec { format: ExportFormat::Markup, unit: 0, lang: Lang::Zh, marks: &marks, stamp: "", files: &[file] });
        let Response::Export { file_name, .. } = &r else { panic!("{r:?}") };
        assert_eq!(file_name, "seed-errors-勾稽标注.xlsx");
        let mut wb = calamine::Xlsx::new(std::io::Cursor::new(bytes)).expect("an xlsx");
        assert_eq!(wb.sheet_names().last().map(String::as_str), Some("gouji 检查结果"));
        let sheet = wb.worksheet_range("gouji 检查结果").unwrap();
        assert_eq!(sheet.height(), 4, "a header and the three findings");
        let (r, _) = e.export(
            7,
            ExportSpec {
                format: ExportFormat::Markup,
                unit: 0,
                lang: Lang::Zh,
                marks: &marks,
                stamp: "",
                files: &[FileData::new("a.csv", b"x".to_vec())],
            },
        );
        assert!(matches!(r, Response::Failed { .. }), "a CSV is not marked up: {r:?}");
    }

    #[test]
    fn a_row_whose_every_finding_was_accepted_is_answered_yes() {
        let mut e = Engine::default();
        let a = done(e.sample(8, vec![], &mut |_| {}));
        let s = e.session.as_ref().unwrap();
        let c = s.checklist(0).unwrap();
        let row = c.items.iter().position(|i| i.answer == gouji_core::review::Answer::No).expect("a 否 row (GJ704)");
        let keys: Vec<String> = c.items[row].evidence.iter().map(|ev| view::finding_key(0, &s.reports[0].findings[ev.finding])).collect();
        assert_eq!(keys.iter().filter(|k| a.unit.findings.iter().any(|f| &f.key == *k)).count(), keys.len(), "page and worker key alike");
        let marks: Marks = keys.iter().map(|k| (k.clone(), Mark { status: MarkStatus::Accepted, comment: String::new() })).collect();
        let marked = apply_marks(c.clone(), &s.reports[0], 0, &marks);
        assert_eq!(marked.items[row].answer, gouji_core::review::Answer::Yes);
        assert!(marked.items[row].note.contains("经复核为可接受"));
        let reviewed: Marks = keys.iter().map(|k| (k.clone(), Mark { status: MarkStatus::Reviewed, comment: String::new() })).collect();
        assert_eq!(apply_marks(c, &s.reports[0], 0, &reviewed).items[row].answer, gouji_core::review::Answer::No, "confirmed stays 否");
    }

    #[test]
    fn the_samples_checklist_is_shown_and_exported_for_every_unit() {
        use calamine::{Data, Reader};
        let mut e = Engine::default();
        let a = done(e.sample(8, vec![], &mut |_| {}));
        let c = a.unit.checklist.as_ref().expect("a 检查表");
        assert_eq!(c.title, "2021年度部门预算公开情况检查表");
        assert_eq!(c.items[0].answer, AnswerView::ForReviewer, "timeliness is the reviewer's");
        // The sample's text's one real defect (a project's year ten times
        // its total, GJ704) is a 否 with its evidence.
        let tables: Vec<_> = c.items.iter().filter(|i| i.name.zh.starts_with('《')).collect();
        // Its eight tables hold; the 国有资本经营 table it does not have is the reviewer's to judge.
        assert_eq!(tables.iter().filter(|i| i.answer == AnswerView::Yes).count(), 8, "{tables:#?}");
        assert!(tables.iter().all(|i| i.answer != AnswerView::No), "{tables:#?}");
        assert!(c.items.iter().any(|i| i.answer == AnswerView::No && i.lines.iter().any(|l| l.zh.contains("[GJ704]"))), "{c:#?}");
        let (r, bytes) = e.export(
            9,
            ExportSpec { format: ExportFormat::Checklist, unit: 0, lang: Lang::Zh, marks: &Marks::new(), stamp: "", files: &[] },
        );
        let Response::Export { file_name, .. } = r else { panic!("{r:?}") };
        assert!(file_name.ends_with("-检查表.xlsx"), "{file_name}");
        let mut wb = calamine::Xlsx::new(std::io::Cursor::new(bytes)).expect("an xlsx");
        assert_eq!(wb.sheet_names()[0], "汇总");
        let sheet = wb.worksheet_range_at(1).expect("a sheet per unit").expect("readable");
        assert_eq!(sheet.get_value((0, 0)), Some(&Data::String(c.title.clone())));
        let answers: Vec<String> = (5..sheet.height() as u32).filter_map(|r| sheet.get_value((r, 3)).map(|v| v.to_string())).collect();
        assert_eq!(answers.len(), c.items.len());
        assert_eq!(answers[0], "待人工判断");
    }

    #[test]
    fn several_files_give_a_rollup_that_opens_on_the_worst_unit_and_names_each_file() {
        use gouji_fixtures::*;
        let clean = to_xlsx(&render(&seed_budget(), &Layout::default()));
        let mut wrong = seed_budget();
        let v = amount(&wrong, gouji_core::TableKind::Expenditure, "2060101", gouji_core::model::ColumnRole::Total);
        set_amount(
            &mut wrong,
            gouji_core::TableKind::Expenditure,
            "2060101",
            gouji_core::model::ColumnRole::Total,
            v + rust_decimal::Decimal::ONE,
        );
        let wrong = to_xlsx(&render(&wrong, &Layout::default()));
        let files = vec![FileData::new("科委2021.xlsx", clean), FileData::new("科委2021-改.xlsx", wrong)];
        let a = done(run(&mut Engine::default(), files, vec![], None).0);
        assert_eq!(a.units.len(), 2);
        let sources: Vec<_> = a.units.iter().map(|u| u.source.clone().unwrap_or_default()).collect();
        assert_eq!(sources, ["科委2021.xlsx", "科委2021-改.xlsx"], "each unit names its file");
        assert!(a.units[1].counts.errors > 0 && a.units[0].counts.errors == 0);
        assert_eq!(a.unit.index, 1, "opens on the unit with errors");
        assert_eq!(a.units[0].three_public.as_ref().map(|t| t.0.as_str()), Some("995.20 万元"));
    }

    #[test]
    fn two_years_of_one_unit_checked_together_pair_up_and_the_pairing_can_be_changed() {
        use gouji_fixtures::*;
        let now = to_xlsx(&render(&seed_budget(), &Layout::default()));
        let then = to_xlsx(&render(&prior_year_budget(), &Layout::default()));
        let mut e = Engine::default();
        let a = done(
            run(&mut e, vec![FileData::new("科委2020.xlsx", then.clone()), FileData::new("科委2021.xlsx", now.clone())], vec![], None).0,
        );
        assert_eq!(a.units.iter().map(|u| (u.year, u.prior)).collect::<Vec<_>>(), [(Some(2020), None), (Some(2021), Some(0))]);
        assert!(a.units[1].change.as_deref().is_some_and(|c| c.ends_with('%')), "{:?}", a.units[1].change);
        let Response::Unit { unit, summary, .. } = e.unit(2, 1) else { panic!() };
        assert!(unit.changes.as_ref().is_some_and(|c| !c.rows.is_empty()), "the 2021 unit's changes against 2020");
        assert!(unit.three_public.as_ref().is_some_and(|t| !t.prior.is_empty()), "and its 三公 beside 2020's");
        assert_eq!(summary.and_then(|s| s.prior), Some(0));
        // Unpaired by the person: no changes, the summary says so.
        let Response::Unit { unit, summary, .. } = e.pair(3, 1, None) else { panic!() };
        assert!(unit.changes.is_none());
        assert_eq!(summary.map(|s| (s.prior, s.change)), Some((None, None)));
        assert!(matches!(e.pair(4, 1, Some(1)), Response::Failed { .. }), "not its own prior year");
        assert!(matches!(e.pair(5, 1, Some(0)), Response::Unit { .. }));
        // A prior year given as such is used instead.
        let a = done(run(&mut e, vec![FileData::new("科委2021.xlsx", now)], vec![FileData::new("科委2020.xlsx", then)], None).0);
        assert_eq!(a.units[0].prior, None);
        assert!(a.unit.changes.is_some());
    }

    #[test]
    fn text_with_files_is_their_narrative_and_several_csvs_form_one_budget() {
        let mut e = Engine::default();
        let csvs: Vec<FileData> = gouji_fixtures_csvs();
        assert_eq!(csvs.len(), 8);
        let (r, _) = run(&mut e, csvs, vec![], Some("2021年，上海市科学技术委员会预算支出总额为477,326万元。".into()));
        let a = done(r);
        assert_eq!(a.unit.tables.len(), 8);
        assert_eq!(a.unit.counts.errors, 0);
        assert!(a.text_checked);
        assert_eq!(a.unit.claims.len(), 1);
        assert_eq!(a.unit.claims[0].verdict, VerdictView::Agrees);
    }

    #[test]
    fn many_units_are_listed_and_each_can_be_opened() {
        let mut e = Engine::default();
        let (r, seen) = run(&mut e, vec![FileData::new("units.xlsx", gouji_fixtures_units(12))], vec![], None);
        let a = done(r);
        assert_eq!(a.units.len(), 12);
        assert!(seen.iter().filter(|p| matches!(p, Response::Progress { stage: Stage::Checking, .. })).count() >= 2);
        assert_eq!(a.units[3].name.as_deref(), Some("第4预算单位"));
        match e.unit(9, 3) {
            Response::Unit { unit, .. } => {
                assert_eq!(unit.index, 3);
                assert_eq!(unit.name.as_deref(), Some("第4预算单位"));
                assert_eq!(unit.tables.len(), 8);
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(e.unit(9, 99), Response::Failed { .. }));
        // One .xlsx for all of them: the roll-up, then a sheet per unit; named for what it covers.
        let spec =
            ExportSpec { format: ExportFormat::Xlsx, unit: 3, lang: Lang::Zh, marks: &Marks::new(), stamp: "20261201-2130", files: &[] };
        let (r, bytes) = e.export(10, spec);
        let Response::Export { file_name, .. } = &r else { panic!("{r:?}") };
        assert_eq!(file_name, "勾稽-units-12个单位-20261201-2130.xlsx");
        use calamine::Reader;
        let mut wb = calamine::Xlsx::new(std::io::Cursor::new(bytes)).expect("an xlsx");
        let names = wb.sheet_names();
        assert_eq!(names.len(), 13);
        assert_eq!(names[0], "汇总");
        let summary = wb.worksheet_range("汇总").unwrap();
        assert_eq!(summary.height(), 4 + 12, "a row per unit under the header");
    }

    /// The real published documents beside the repository (`../shared/realworld`), when present.
    fn realworld(path: &str) -> Option<Vec<u8>> {
        let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/realworld").join(path);
        let bytes = std::fs::read(&p).ok();
        if bytes.is_none() {
            eprintln!("skipped: {} is not here (../shared/realworld is beside the repository, not in it)", p.display());
        }
        bytes
    }

    #[test]
    fn the_three_public_tab_finds_no_disagreement_in_real_consistent_documents() {
        for (path, year) in [
            ("shanghai-putuo-govbudgetchecker/上海市普陀区财政局2024年度部门决算.pdf", 2024),
            ("shanghai-putuo-govbudgetchecker/上海市普陀区人民政府办公室25年预算.pdf", 2025),
            ("shanghai-putuo-govbudgetchecker/shpt_sfj_2026_budget.pdf", 2026),
        ] {
            let Some(bytes) = realworld(path) else { continue };
            let mut e = Engine::default();
            let a = done(run(&mut e, vec![FileData::new(path, bytes)], vec![], None).0);
            assert_eq!(a.unit.year, Some(year), "{path}");
            let tp = a.unit.three_public.as_ref().unwrap_or_else(|| panic!("{path}: a 三公 table"));
            assert!(tp.total.is_some(), "{path}");
            assert_eq!(tp.disagreements, Vec::<Name>::new(), "{path}: its figures agree");
        }
    }

    // Fixture workbooks, made with the fixtures crate's public API.
    fn gouji_fixtures_seed() -> Vec<u8> {
        use gouji_fixtures::*;
        to_xlsx(&render(&seed_budget(), &Layout::default()))
    }
    fn gouji_fixtures_prior() -> Vec<u8> {
        use gouji_fixtures::*;
        to_xlsx(&render(&prior_year_budget(), &Layout::default()))
    }
    fn gouji_fixtures_errors() -> Vec<u8> {
        use gouji_core::model::{ColumnRole as R, TableKind as K};
        use gouji_fixtures::*;
        use rust_decimal::Decimal;
        let mut bad = seed_budget();
        set_amount(&mut bad, K::Expenditure, "2060101", R::Basic, Decimal::from(51_570_687));
        set_amount(&mut bad, K::ThreePublic, "三公经费", R::Reception, Decimal::new(19_850, 2));
        to_xlsx(&render(&bad, &Layout::default()))
    }
    fn gouji_fixtures_csvs() -> Vec<FileData> {
        use gouji_fixtures::*;
        render(&seed_budget(), &Layout::default())
            .iter()
            .map(|s| FileData::new(format!("{}.csv", s.name), to_csv(s, CsvEncoding::Utf8Bom)))
            .collect()
    }
    #[test]
    fn tables_found_in_parts_give_the_answer_of_the_whole_file() {
        // As the worker does with helpers: the file's parts read apart (through the wire), joined
        // in order and handed to the engine with the bytes gone.
        let bytes = gouji_fixtures_units(7);
        let whole = done(run(&mut Engine::default(), vec![FileData::new("units.xlsx", bytes.clone())], vec![], None).0);
        assert_eq!(whole.source.read_in_parts, 1);
        let limits = Limits::default();
        let file = InputFile { name: "units.xlsx", bytes: &bytes };
        let parts = (0..3)
            .map(|index| {
                let part = gouji_core::read_tables(file, &limits, SheetPart { index, of: 3 }).unwrap();
                gouji_core::wire::decode(&gouji_core::wire::encode(&part).unwrap()).unwrap()
            })
            .collect();
        let mut data = FileData::new("units.xlsx", Vec::new());
        data.tables = Some(FileTables::join(parts, "units.xlsx", &limits).unwrap());
        data.parts = 3;
        let mut parted = done(run(&mut Engine::default(), vec![data], vec![], None).0);
        assert_eq!(parted.source.read_in_parts, 3);
        parted.source.read_in_parts = 1;
        assert_eq!(parted, whole);
    }

    fn gouji_fixtures_units(n: i64) -> Vec<u8> {
        use gouji_fixtures::*;
        let seed = seed_budget();
        let units: Vec<Budget> = (1..=n)
            .map(|k| {
                let mut b = scaled(&seed, k);
                b.unit_name = Some(format!("第{k}预算单位"));
                for t in &mut b.tables {
                    t.unit_name = b.unit_name.clone();
                }
                b
            })
            .collect();
        to_xlsx(&render_units(&units, &Layout::default()))
    }
}

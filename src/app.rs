//! The root component: owns the state and the worker, sends requests, lays out the page.

use std::cell::RefCell;
use std::rc::Rc;

use gouji_web::i18n::{too_large, Lang, EN, ZH};
use gouji_web::protocol::{ErrorView, ExportFormat, Request, Response, MAX_FILE_BYTES};
use gouji_web::state::{marks_storage_key, new_job_id, Action, FileInfo, JobKind, Shared, State};
use web_sys::File;
use yew::prelude::*;

use crate::components::{
    drop_zone::DropZone, error_panel::ErrorPanel, footer::Footer, header::Header, intro::Intro, paste_box::PasteBox, prior_slot::PriorSlot,
    privacy_note::PrivacyNote, progress::ProgressPanel, results::Results, source_bar::SourceBar,
};
use crate::web;
use crate::worker_client::{Incoming, WorkerClient};

/// What the next check is made of. The `File`s are not state (they cannot be compared or
/// shown); the state mirrors their names and sizes.
#[derive(Clone, Default)]
struct Submission {
    files: Vec<File>,
    prior: Vec<File>,
    text: Option<String>,
    sample: bool,
}

/// The request that checks a submission, if it holds anything to check.
fn request_for(id: u64, s: &Submission) -> Option<Request> {
    let prior: Vec<String> = s.prior.iter().map(File::name).collect();
    if s.sample {
        Some(Request::Sample { job: id, prior })
    } else if !s.files.is_empty() || s.text.is_some() {
        Some(Request::Analyse { job: id, files: s.files.iter().map(File::name).collect(), prior, text: s.text.clone() })
    } else {
        None
    }
}

/// What the page knows of the worker's work, beside the state: the check in flight, and what the
/// result on screen was made of, so that a fresh worker can be given it again.
#[derive(Default)]
struct Work {
    /// The check sent and not answered yet: its job id and submission.
    checking: Option<(u64, Submission)>,
    /// The submission behind the result on screen.
    shown: Option<Submission>,
    /// The worker holds the analysis behind the result on screen (a unit switch or an export
    /// needs it). Not once it was replaced, nor once it began another check (it forgets then).
    held: bool,
    /// The job that gives `shown` again to a worker that did not hold it.
    restoring: Option<u64>,
}

impl Work {
    /// The worker was replaced (a crash, a cancel, a check that superseded another).
    fn lost_worker(&mut self) {
        self.checking = None;
        self.held = false;
        self.restoring = None;
    }
}

/// Before a unit switch or an export: a worker that does not hold the result on screen (it was
/// replaced, or a later check failed in it) is first given that result's files again. The
/// worker answers requests in order, so the unit or export that follows finds them read.
fn ensure_held(client: &WorkerClient, work: &RefCell<Work>) {
    let resend = {
        let mut w = work.borrow_mut();
        if w.held {
            return;
        }
        let id = new_job_id();
        let Some((request, s)) = w.shown.as_ref().and_then(|s| request_for(id, s).map(|r| (r, s.clone()))) else { return };
        w.held = true;
        w.restoring = Some(id);
        (request, s)
    };
    // Not borrowed while sending: a worker that cannot start reports at once.
    let (request, s) = resend;
    client.send(&request, &s.files, &s.prior);
}

fn infos(files: &[File]) -> Vec<FileInfo> {
    files.iter().map(|f| FileInfo { name: f.name(), size: f.size().max(0.0) as u64 }).collect()
}

/// A file too large to read safely, refused before any byte is read.
fn oversized(files: &[File]) -> Option<ErrorView> {
    let f = files.iter().find(|f| f.size() > MAX_FILE_BYTES as f64)?;
    let size = f.size() as u64;
    Some(ErrorView::new(
        "too_large",
        too_large(Lang::Zh, &f.name(), size, MAX_FILE_BYTES),
        too_large(Lang::En, &f.name(), size, MAX_FILE_BYTES),
    ))
}

fn on_incoming(dispatcher: UseReducerDispatcher<State>, work: Rc<RefCell<Work>>) -> Callback<Incoming> {
    Callback::from(move |incoming: Incoming| match incoming {
        Incoming::Response(response, bytes) => match response {
            Response::Ready => dispatcher.dispatch(Action::WorkerReady),
            Response::Progress { job, stage, done, total, detail } => {
                dispatcher.dispatch(Action::Progress { id: job, stage, done, total, detail })
            }
            Response::Done { job, result } => {
                {
                    let mut w = work.borrow_mut();
                    if w.checking.as_ref().is_some_and(|(id, _)| *id == job) {
                        w.shown = w.checking.take().map(|(_, s)| s);
                        w.held = true;
                    }
                    if w.restoring == Some(job) {
                        w.restoring = None;
                    }
                }
                dispatcher.dispatch(Action::Done { id: job, result: Shared::new(*result) })
            }
            Response::Unit { job, unit, summary } => dispatcher.dispatch(Action::UnitLoaded { id: job, unit, summary }),
            Response::Export { job, file_name, mime } => {
                if let Some(bytes) = bytes {
                    web::download(&bytes, &file_name, &mime);
                }
                dispatcher.dispatch(Action::ExportDone { id: job });
            }
            Response::Failed { job, error } => {
                {
                    let mut w = work.borrow_mut();
                    if w.checking.as_ref().is_some_and(|(id, _)| *id == job) {
                        w.checking = None;
                    }
                    if w.restoring == Some(job) {
                        w.restoring = None;
                        w.held = false;
                    }
                }
                dispatcher.dispatch(Action::Failed { id: job, error })
            }
            Response::Fatal { .. } => {}
        },
        Incoming::Failed { loading, detail } => {
            work.borrow_mut().lost_worker();
            web_sys::console::warn_1(&format!("gouji: the processing worker stopped: {detail}").into());
            let (zh, en) = if loading { (ZH.worker_load_failed, EN.worker_load_failed) } else { (ZH.worker_failed, EN.worker_failed) };
            dispatcher.dispatch(Action::WorkerCrashed(ErrorView::new("worker_failed", zh, en)));
        }
        Incoming::Stalled { seconds } => {
            work.borrow_mut().lost_worker();
            web_sys::console::warn_1(&format!("gouji: the processing worker said nothing for {seconds} s and was stopped").into());
            let (zh, en) = (
                ZH.worker_stalled.replace("{seconds}", &seconds.to_string()),
                EN.worker_stalled.replace("{seconds}", &seconds.to_string()),
            );
            dispatcher.dispatch(Action::WorkerCrashed(ErrorView::new("worker_stalled", zh, en)));
        }
    })
}

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| State::with_lang(web::load_lang()));
    let dragging = use_state_eq(|| false);
    let submission = use_mut_ref(Submission::default);
    let work = use_mut_ref(Work::default);
    let lang = state.lang;
    let busy = state.busy();

    let client = {
        let dispatcher = state.dispatcher();
        let work = work.clone();
        use_memo((), move |_| WorkerClient::new(on_incoming(dispatcher, work)))
    };

    use_effect_with(lang, |lang| {
        web::apply_document_lang(*lang);
    });
    // Effects run after the DOM is updated: the browser benchmark's "rendered" moment.
    use_effect_with(state.settled, |_| web::mark("gouji:rendered"));

    // The person's marks: read back for each new result's files, kept on each change.
    let marks_key = state.result.as_ref().map(|r| marks_storage_key(&r.source));
    {
        let dispatcher = state.dispatcher();
        use_effect_with((state.settled, marks_key.clone()), move |(_, key)| {
            if let Some(key) = key {
                dispatcher.dispatch(Action::LoadMarks(web::load_marks(key)));
            }
        });
    }
    {
        let marks = state.marks.clone();
        use_effect_with(state.marks_changed, move |changed| {
            if let (true, Some(key)) = (*changed > 0, marks_key) {
                web::save_marks(&key, &marks);
            }
        });
    }

    // Keys over the results: j / k (or n / p) the next and previous finding. Not while typing.
    {
        let dispatcher = state.dispatcher();
        let has_result = state.shown().is_some();
        use_effect_with(has_result, move |on| {
            let listener = on.then(|| {
                web::on_key(move |key| match key {
                    "j" | "n" => dispatcher.dispatch(Action::StepFinding(1)),
                    "k" | "p" => dispatcher.dispatch(Action::StepFinding(-1)),
                    _ => {}
                })
            });
            move || drop(listener)
        });
    }

    // Stops whatever the worker is doing, in a fresh worker.
    let restart = {
        let client = client.clone();
        let work = work.clone();
        Rc::new(move || {
            client.restart();
            work.borrow_mut().lost_worker();
        })
    };

    // Sends the submission as it stands. A check still running is superseded: its worker is
    // replaced, so it neither delays the new check nor answers after it.
    let run = {
        let dispatcher = state.dispatcher();
        let client = client.clone();
        let submission = submission.clone();
        let work = work.clone();
        let restart = restart.clone();
        Rc::new(move || {
            let id = new_job_id();
            let s: Submission = submission.borrow().clone();
            let Some(request) = request_for(id, &s) else { return };
            if busy || work.borrow().checking.is_some() {
                restart();
            }
            {
                let mut w = work.borrow_mut();
                w.checking = Some((id, s.clone()));
                // The worker forgets its last analysis when it begins another.
                w.held = false;
                w.restoring = None;
            }
            dispatcher.dispatch(Action::Start { id, kind: JobKind::Analyse });
            client.send(&request, &s.files, &s.prior);
        })
    };

    // A refusal made on the page (a file too large) ends a check in progress, like a new check.
    let refuse = {
        let dispatcher = state.dispatcher();
        let work = work.clone();
        let restart = restart.clone();
        Rc::new(move |error: ErrorView| {
            if busy || work.borrow().checking.is_some() {
                restart();
            }
            dispatcher.dispatch(Action::Refuse(error));
        })
    };

    let on_retry = {
        let run = run.clone();
        Callback::from(move |_: ()| run())
    };

    let on_toggle_lang = {
        let dispatcher = state.dispatcher();
        Callback::from(move |_: ()| {
            let next = lang.toggled();
            web::save_lang(next);
            dispatcher.dispatch(Action::SetLang(next));
        })
    };

    let on_files = {
        let dispatcher = state.dispatcher();
        let submission = submission.clone();
        let run = run.clone();
        let refuse = refuse.clone();
        Callback::from(move |files: Vec<File>| {
            if files.is_empty() {
                return;
            }
            if let Some(error) = oversized(&files) {
                refuse(error);
                return;
            }
            {
                let mut s = submission.borrow_mut();
                s.files = files;
                s.sample = false;
                dispatcher.dispatch(Action::SetFiles(infos(&s.files)));
            }
            run();
        })
    };

    let on_prior = {
        let dispatcher = state.dispatcher();
        let submission = submission.clone();
        let run = run.clone();
        let refuse = refuse.clone();
        Callback::from(move |files: Vec<File>| {
            if let Some(error) = oversized(&files) {
                refuse(error);
                return;
            }
            {
                let mut s = submission.borrow_mut();
                s.prior = files;
                dispatcher.dispatch(Action::SetPrior(infos(&s.prior)));
            }
            run();
        })
    };

    let on_text = {
        let dispatcher = state.dispatcher();
        let submission = submission.clone();
        let run = run.clone();
        Callback::from(move |text: Option<String>| {
            {
                let mut s = submission.borrow_mut();
                dispatcher.dispatch(Action::SetText(text.as_ref().map(|t| t.chars().count())));
                s.text = text;
                s.sample = false;
            }
            run();
        })
    };

    let on_sample = {
        let dispatcher = state.dispatcher();
        let submission = submission.clone();
        let run = run.clone();
        Callback::from(move |_: ()| {
            {
                let mut s = submission.borrow_mut();
                s.files.clear();
                s.text = None;
                s.sample = true;
            }
            dispatcher.dispatch(Action::UseSample);
            run();
        })
    };

    let on_clear = {
        let dispatcher = state.dispatcher();
        let submission = submission.clone();
        let work = work.clone();
        let restart = restart.clone();
        Callback::from(move |_: ()| {
            *submission.borrow_mut() = Submission::default();
            if busy || work.borrow().checking.is_some() {
                restart();
            }
            work.borrow_mut().shown = None;
            dispatcher.dispatch(Action::ClearAll);
        })
    };

    let on_cancel = {
        let dispatcher = state.dispatcher();
        let restart = restart.clone();
        Callback::from(move |_: ()| {
            restart();
            dispatcher.dispatch(Action::Cancel);
        })
    };

    let on_unit = {
        let dispatcher = state.dispatcher();
        let client = client.clone();
        let work = work.clone();
        Callback::from(move |unit: usize| {
            ensure_held(&client, &work);
            let id = new_job_id();
            dispatcher.dispatch(Action::Start { id, kind: JobKind::Unit(unit) });
            client.send(&Request::Unit { job: id, unit }, &[], &[]);
        })
    };

    // A new pairing of a unit with its prior year: the worker answers with the unit's fresh view.
    let on_pair = {
        let dispatcher = state.dispatcher();
        let client = client.clone();
        let work = work.clone();
        Callback::from(move |(unit, prior): (usize, Option<usize>)| {
            ensure_held(&client, &work);
            let id = new_job_id();
            dispatcher.dispatch(Action::Start { id, kind: JobKind::Unit(unit) });
            client.send(&Request::Pair { job: id, unit, prior }, &[], &[]);
        })
    };

    let on_export = {
        let dispatcher = state.dispatcher();
        let client = client.clone();
        let work = work.clone();
        let unit = state.result.as_ref().map(|r| r.unit.index).unwrap_or(0);
        let marks = state.marks.clone();
        Callback::from(move |format: ExportFormat| {
            ensure_held(&client, &work);
            let id = new_job_id();
            dispatcher.dispatch(Action::Start { id, kind: JobKind::Export(format) });
            let request = Request::Export { job: id, format, unit, lang, marks: marks.clone(), stamp: web::stamp() };
            // The marked-up workbook is made from the person's own file.
            let files = if format == ExportFormat::Markup {
                work.borrow().shown.as_ref().map(|s| s.files.clone()).unwrap_or_default()
            } else {
                Vec::new()
            };
            client.send(&request, &files, &[]);
        })
    };

    let dispatch = {
        let dispatcher = state.dispatcher();
        Callback::from(move |a: Action| dispatcher.dispatch(a))
    };

    // Printing shows the overview, the tab shown and the findings (under any other tab, a
    // print-only list of them); the print stylesheet hides the controls.
    let on_print = Callback::from(move |_: ()| web::print_soon());

    // Files may be dropped anywhere on the page (the prior-year slot takes its own drops).
    let ondragover = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if let Some(dt) = e.data_transfer() {
                dt.set_drop_effect("copy");
            }
            dragging.set(true);
        })
    };
    let ondragleave = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            if e.related_target().is_none() {
                dragging.set(false);
            }
        })
    };
    let ondrop = {
        let dragging = dragging.clone();
        let on_files = on_files.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            on_files.emit(web::files_of(e.data_transfer().and_then(|dt| dt.files())));
        })
    };

    let shown = state.shown().cloned();
    let page_state = if busy {
        "working"
    } else if state.error.is_some() {
        "failed"
    } else if shown.is_some() {
        "done"
    } else {
        "idle"
    };
    let compact = shown.is_some() || busy;
    let t = lang.texts();
    // A finished check is said in the live region, and the page moves to its results.
    let announcement = match (&shown, busy) {
        (Some(a), false) => {
            gouji_web::i18n::announce_done(lang, a.unit.name.as_deref(), a.units.len(), a.unit.counts.errors, a.unit.counts.warnings)
        }
        _ => String::new(),
    };
    {
        let key = (!busy).then(|| shown.as_ref().map(|a| (a.source.files.clone(), a.units.len()))).flatten();
        use_effect_with(key, |key| {
            if key.is_some() {
                web::scroll_to("[data-testid=\"results\"]");
            }
        });
    }

    html! {
        <div class="app" data-testid="app" data-ready="true" data-lang={lang.code()} data-state={page_state}
            data-settled={state.settled.to_string()}
            data-read-parts={shown.as_ref().map(|a| a.source.read_in_parts.to_string())}
            data-worker={if state.worker == gouji_web::state::WorkerStatus::Ready { "ready" } else { "starting" }}
            {ondragover} {ondragleave} {ondrop}>
            <Header {lang} on_toggle={on_toggle_lang} />
            <main id="main" class="main">
                <div class="container">
                    <PrivacyNote {lang} />
                    <section class={classes!("inputs", compact.then_some("inputs--compact"))} aria-label={t.inputs_label}>
                        <DropZone {lang} dragging={*dragging} {compact} on_files={on_files.clone()} on_sample={on_sample.clone()} />
                        <PasteBox {lang} {compact} in_use={state.inputs.text.is_some()} on_submit={on_text.reform(Some)} />
                        <PriorSlot {lang} prior={state.inputs.prior.clone()} on_files={on_prior.clone()}
                            on_clear={on_prior.reform(|_: ()| Vec::new())} />
                    </section>
                    <SourceBar {lang} inputs={state.inputs.clone()} on_clear={on_clear}
                        on_clear_text={on_text.reform(|_: ()| None)} />
                    if let Some(job) = state.job.clone() {
                        <ProgressPanel {lang} {job} worker={state.worker} on_cancel={on_cancel} />
                    }
                    if let Some(error) = state.error.clone() {
                        <ErrorPanel {lang} on_retry={(matches!(error.kind.as_str(), "worker_failed" | "worker_stalled") && !state.inputs.is_empty()).then(|| on_retry.clone())}
                            {error} on_sample={on_sample.clone()} />
                    }
                    if state.cancelled {
                        <p class="notice" role="status" data-testid="cancelled">{ t.cancelled }</p>
                    }
                    if shown.is_some() && state.previous {
                        <p class="notice" role="status" data-testid="previous-note">{ t.previous_result }</p>
                    }
                    if shown.is_none() && !busy && state.error.is_none() && !state.cancelled {
                        <Intro {lang} />
                    }
                    if let Some(result) = shown {
                        <Results {lang} {result} ui={state.ui.clone()} marks={state.marks.clone()} {busy} {dispatch} {on_unit} {on_pair} {on_export}
                            on_print={on_print} />
                    }
                </div>
            </main>
            <div class="visually-hidden" role="status" aria-live="polite" data-testid="announce">{ announcement }</div>
            <Footer {lang} />
        </div>
    }
}

//! The root component: owns the state and the worker, sends requests, lays out the page.

use std::cell::RefCell;
use std::rc::Rc;

use gouji_protocol::coordinator::{Coordinator, Effect};
use gouji_protocol::i18n::{too_large, Lang, EN, ZH};
use gouji_protocol::protocol::{ErrorView, ExportFormat, Request, Response, MAX_FILE_BYTES};
use gouji_protocol::state::{marks_storage_key, new_job_id, Action, FileInfo, JobKind, Shared, State};
use web_sys::File;
use yew::prelude::*;

use crate::components::{
    drop_zone::DropZone, error_panel::ErrorPanel, footer::Footer, header::Header, intro::Intro, paste_box::PasteBox, prior_slot::PriorSlot,
    privacy_note::PrivacyNote, progress::ProgressPanel, results::Results, source_bar::SourceBar,
};
use crate::web;
use crate::worker_client::{Incoming, WorkerClient};

/// The page's state for Yew's reducer: gouji-protocol's [`State`] and its `apply`, which know
/// nothing of Yew (the orphan rule keeps the `Reducible` impl here, on a wrapper).
#[derive(Clone, PartialEq)]
struct Store(State);

impl std::ops::Deref for Store {
    type Target = State;
    fn deref(&self) -> &State {
        &self.0
    }
}

impl Reducible for Store {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = Rc::unwrap_or_clone(self);
        next.0.apply(action);
        Rc::new(next)
    }
}

/// The page's bookkeeping of the worker's work (`gouji_protocol::coordinator`, tested on the host).
type Coord = Coordinator<File>;

/// Carries out the coordinator's effects with the real worker. Called with no borrow of the
/// coordinator held: a worker that cannot start reports at once, and that report updates it.
fn carry(client: &WorkerClient, effects: Vec<Effect<File>>) {
    for e in effects {
        match e {
            Effect::Restart => client.restart(),
            Effect::Send { request, files, prior } => client.send(&request, &files, &prior),
        }
    }
}

fn name(f: &File) -> String {
    f.name()
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

fn on_incoming(dispatcher: UseReducerDispatcher<Store>, coord: Rc<RefCell<Coord>>) -> Callback<Incoming> {
    Callback::from(move |incoming: Incoming| match incoming {
        Incoming::Response(response, bytes) => match response {
            Response::Ready => dispatcher.dispatch(Action::WorkerReady),
            Response::Progress { job, stage, done, total, detail } => {
                dispatcher.dispatch(Action::Progress { id: job, stage, done, total, detail })
            }
            Response::Done { job, result } => {
                coord.borrow_mut().done(job);
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
                coord.borrow_mut().failed(job);
                dispatcher.dispatch(Action::Failed { id: job, error })
            }
            Response::Fatal { .. } => {}
        },
        Incoming::Failed { loading, detail } => {
            coord.borrow_mut().lost_worker();
            web_sys::console::warn_1(&format!("gouji: the processing worker stopped: {detail}").into());
            let (zh, en) = if loading { (ZH.worker_load_failed, EN.worker_load_failed) } else { (ZH.worker_failed, EN.worker_failed) };
            dispatcher.dispatch(Action::WorkerCrashed(ErrorView::new("worker_failed", zh, en)));
        }
        Incoming::Stalled { seconds } => {
            coord.borrow_mut().lost_worker();
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
    let state = use_reducer(|| Store(State::with_lang(web::load_lang())));
    let dragging = use_state_eq(|| false);
    let coord = use_mut_ref(Coord::default);
    let lang = state.lang;
    let busy = state.busy();

    let client = {
        let dispatcher = state.dispatcher();
        let coord = coord.clone();
        use_memo((), move |_| WorkerClient::new(on_incoming(dispatcher, coord)))
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

    // Sends the submission as it stands (a check still running is superseded).
    let run = {
        let dispatcher = state.dispatcher();
        let client = client.clone();
        let coord = coord.clone();
        Rc::new(move || {
            let id = new_job_id();
            let effects = coord.borrow_mut().run(id, busy, name);
            if effects.is_empty() {
                return;
            }
            dispatcher.dispatch(Action::Start { id, kind: JobKind::Analyse });
            carry(&client, effects);
        })
    };

    // A refusal made on the page (a file too large) ends a check in progress, like a new check.
    let refuse = {
        let dispatcher = state.dispatcher();
        let client = client.clone();
        let coord = coord.clone();
        Rc::new(move |error: ErrorView| {
            let effects = coord.borrow_mut().refuse(busy);
            carry(&client, effects);
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
        let coord = coord.clone();
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
            dispatcher.dispatch(Action::SetFiles(infos(&files)));
            {
                let mut c = coord.borrow_mut();
                c.next.files = files;
                c.next.sample = false;
            }
            run();
        })
    };

    let on_prior = {
        let dispatcher = state.dispatcher();
        let coord = coord.clone();
        let run = run.clone();
        let refuse = refuse.clone();
        Callback::from(move |files: Vec<File>| {
            if let Some(error) = oversized(&files) {
                refuse(error);
                return;
            }
            dispatcher.dispatch(Action::SetPrior(infos(&files)));
            coord.borrow_mut().next.prior = files;
            run();
        })
    };

    let on_text = {
        let dispatcher = state.dispatcher();
        let coord = coord.clone();
        let run = run.clone();
        Callback::from(move |text: Option<String>| {
            dispatcher.dispatch(Action::SetText(text.as_ref().map(|t| t.chars().count())));
            {
                let mut c = coord.borrow_mut();
                c.next.text = text;
                c.next.sample = false;
            }
            run();
        })
    };

    let on_sample = {
        let dispatcher = state.dispatcher();
        let coord = coord.clone();
        let run = run.clone();
        Callback::from(move |_: ()| {
            {
                let mut c = coord.borrow_mut();
                c.next.files.clear();
                c.next.text = None;
                c.next.sample = true;
            }
            dispatcher.dispatch(Action::UseSample);
            run();
        })
    };

    let on_clear = {
        let dispatcher = state.dispatcher();
        let client = client.clone();
        let coord = coord.clone();
        Callback::from(move |_: ()| {
            let effects = coord.borrow_mut().clear(busy);
            carry(&client, effects);
            dispatcher.dispatch(Action::ClearAll);
        })
    };

    let on_cancel = {
        let dispatcher = state.dispatcher();
        let client = client.clone();
        let coord = coord.clone();
        Callback::from(move |_: ()| {
            let effects = coord.borrow_mut().cancel();
            carry(&client, effects);
            dispatcher.dispatch(Action::Cancel);
        })
    };

    // A request about the result on screen: a worker that does not hold it is given its files first.
    let about_shown = {
        let dispatcher = state.dispatcher();
        let client = client.clone();
        let coord = coord.clone();
        Rc::new(move |kind: JobKind, request: &dyn Fn(u64) -> Request, files: Vec<File>| {
            let id = new_job_id();
            dispatcher.dispatch(Action::Start { id, kind });
            let effects = coord.borrow_mut().about_shown(request(id), files, new_job_id, name);
            carry(&client, effects);
        })
    };

    let on_unit = {
        let about_shown = about_shown.clone();
        Callback::from(move |unit: usize| about_shown(JobKind::Unit(unit), &|job| Request::Unit { job, unit }, Vec::new()))
    };

    // A new pairing of a unit with its prior year: the worker answers with the unit's fresh view.
    let on_pair = {
        let about_shown = about_shown.clone();
        Callback::from(move |(unit, prior): (usize, Option<usize>)| {
            about_shown(JobKind::Unit(unit), &|job| Request::Pair { job, unit, prior }, Vec::new())
        })
    };

    let on_export = {
        let about_shown = about_shown.clone();
        let coord = coord.clone();
        let unit = state.result.as_ref().map(|r| r.unit.index).unwrap_or(0);
        let marks = state.marks.clone();
        Callback::from(move |format: ExportFormat| {
            // The marked-up workbook is made from the person's own file.
            let files = if format == ExportFormat::Markup { coord.borrow().shown_files() } else { Vec::new() };
            let stamp = web::stamp();
            about_shown(
                JobKind::Export(format),
                &|job| Request::Export { job, format, unit, lang, marks: marks.clone(), stamp: stamp.clone() },
                files,
            )
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
            gouji_protocol::i18n::announce_done(lang, a.unit.name.as_deref(), a.units.len(), a.unit.counts.errors, a.unit.counts.warnings)
        }
        _ => String::new(),
    };
    // A check that ended moves the page to what it says: its results, or its message when it
    // failed (the last results are under the message then).
    {
        let failed = state.error.is_some();
        let key = (!busy).then(|| shown.as_ref().map(|a| (a.source.files.clone(), a.units.len(), failed, state.settled))).flatten();
        use_effect_with(key, move |key| {
            if key.is_some() {
                web::scroll_to(if failed { "[data-testid=\"error\"]" } else { "[data-testid=\"results\"]" });
            }
        });
    }

    html! {
        <div class="app" data-testid="app" data-ready="true" data-lang={lang.code()} data-state={page_state}
            data-settled={state.settled.to_string()}
            data-read-parts={shown.as_ref().map(|a| a.source.read_in_parts.to_string())}
            data-worker={if state.worker == gouji_protocol::state::WorkerStatus::Ready { "ready" } else { "starting" }}
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

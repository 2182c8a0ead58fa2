//! The root component: owns the state and the worker, sends requests, lays out the page.

use std::cell::RefCell;
use std::rc::Rc;

use gouji_web::i18n::{too_large, Lang, EN, ZH};
use gouji_web::protocol::{ErrorView, ExportFormat, Request, Response, MAX_FILE_BYTES};
use gouji_web::state::{new_job_id, Action, FileInfo, JobKind, Shared, State};
use web_sys::File;
use yew::prelude::*;

use crate::components::{
    drop_zone::DropZone, error_panel::ErrorPanel, footer::Footer, header::Header, paste_box::PasteBox,
    intro::Intro, prior_slot::PriorSlot, privacy_note::PrivacyNote, progress::ProgressPanel, results::Results, source_bar::SourceBar,
};
use crate::web;
use crate::worker_client::{Incoming, WorkerClient};

/// What the next check is made of. The `File`s are not state (they cannot be compared or
/// shown); the state mirrors their names and sizes.
#[derive(Default)]
struct Submission {
    files: Vec<File>,
    prior: Vec<File>,
    text: Option<String>,
    sample: bool,
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

fn on_incoming(dispatcher: UseReducerDispatcher<State>) -> Callback<Incoming> {
    Callback::from(move |incoming: Incoming| match incoming {
        Incoming::Response(response, bytes) => match response {
            Response::Ready => dispatcher.dispatch(Action::WorkerReady),
            Response::Progress { job, stage, done, total, detail } => {
                dispatcher.dispatch(Action::Progress { id: job, stage, done, total, detail })
            }
            Response::Done { job, result } => dispatcher.dispatch(Action::Done { id: job, result: Shared::new(*result) }),
            Response::Unit { job, unit } => dispatcher.dispatch(Action::UnitLoaded { id: job, unit }),
            Response::Export { job, file_name, mime } => {
                if let Some(bytes) = bytes {
                    web::download(&bytes, &file_name, &mime);
                }
                dispatcher.dispatch(Action::ExportDone { id: job });
            }
            Response::Failed { job, error } => dispatcher.dispatch(Action::Failed { id: job, error }),
            Response::Fatal { .. } => {}
        },
        Incoming::Failed { loading, detail } => {
            web_sys::console::warn_1(&format!("gouji: the processing worker stopped: {detail}").into());
            let (zh, en) = if loading { (ZH.worker_load_failed, EN.worker_load_failed) } else { (ZH.worker_failed, EN.worker_failed) };
            dispatcher.dispatch(Action::WorkerCrashed(ErrorView::new("worker_failed", zh, en)));
        }
    })
}

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| State::with_lang(web::load_lang()));
    let dragging = use_state_eq(|| false);
    let submission = use_mut_ref(Submission::default);
    let lang = state.lang;

    let client = {
        let dispatcher = state.dispatcher();
        use_memo((), move |_| WorkerClient::new(on_incoming(dispatcher)))
    };

    use_effect_with(lang, |lang| {
        web::apply_document_lang(*lang);
    });
    // Effects run after the DOM is updated: the browser benchmark's "rendered" moment.
    use_effect_with(state.settled, |_| web::mark("gouji:rendered"));

    // Sends the submission as it stands.
    let run = {
        let dispatcher = state.dispatcher();
        let client = client.clone();
        let submission = submission.clone();
        Rc::new(move || {
            let s: &RefCell<Submission> = &submission;
            let s = s.borrow();
            let id = new_job_id();
            let prior_names: Vec<String> = s.prior.iter().map(File::name).collect();
            let request = if s.sample {
                Request::Sample { job: id, prior: prior_names }
            } else if !s.files.is_empty() || s.text.is_some() {
                Request::Analyse { job: id, files: s.files.iter().map(File::name).collect(), prior: prior_names, text: s.text.clone() }
            } else {
                return;
            };
            dispatcher.dispatch(Action::Start { id, kind: JobKind::Analyse });
            client.send(&request, &s.files, &s.prior);
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
        Callback::from(move |files: Vec<File>| {
            if files.is_empty() {
                return;
            }
            if let Some(error) = oversized(&files) {
                dispatcher.dispatch(Action::Refuse(error));
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
        Callback::from(move |files: Vec<File>| {
            if let Some(error) = oversized(&files) {
                dispatcher.dispatch(Action::Refuse(error));
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
        let client = client.clone();
        let busy = state.busy();
        Callback::from(move |_: ()| {
            *submission.borrow_mut() = Submission::default();
            if busy {
                client.restart();
            }
            dispatcher.dispatch(Action::ClearAll);
        })
    };

    let on_cancel = {
        let dispatcher = state.dispatcher();
        let client = client.clone();
        Callback::from(move |_: ()| {
            client.restart();
            dispatcher.dispatch(Action::Cancel);
        })
    };

    let on_unit = {
        let dispatcher = state.dispatcher();
        let client = client.clone();
        Callback::from(move |unit: usize| {
            let id = new_job_id();
            dispatcher.dispatch(Action::Start { id, kind: JobKind::Unit(unit) });
            client.send(&Request::Unit { job: id, unit }, &[], &[]);
        })
    };

    let on_export = {
        let dispatcher = state.dispatcher();
        let client = client.clone();
        let unit = state.result.as_ref().map(|r| r.unit.index).unwrap_or(0);
        Callback::from(move |format: ExportFormat| {
            let id = new_job_id();
            dispatcher.dispatch(Action::Start { id, kind: JobKind::Export(format) });
            client.send(&Request::Export { job: id, format, unit, lang }, &[], &[]);
        })
    };

    let dispatch = {
        let dispatcher = state.dispatcher();
        Callback::from(move |a: Action| dispatcher.dispatch(a))
    };

    // Printing shows the overview and the findings (the print stylesheet hides the rest).
    let on_print = {
        let dispatcher = state.dispatcher();
        Callback::from(move |_: ()| {
            dispatcher.dispatch(Action::SelectTab(gouji_web::state::Tab::Findings));
            web::print_soon();
        })
    };

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

    let page_state = if state.busy() {
        "working"
    } else if state.error.is_some() {
        "failed"
    } else if state.result.is_some() {
        "done"
    } else {
        "idle"
    };
    let compact = state.result.is_some() || state.busy();
    let t = lang.texts();

    html! {
        <div class="app" data-testid="app" data-ready="true" data-lang={lang.code()} data-state={page_state}
            data-settled={state.settled.to_string()}
            data-worker={if state.worker == gouji_web::state::WorkerStatus::Ready { "ready" } else { "starting" }}
            {ondragover} {ondragleave} {ondrop}>
            <Header {lang} on_toggle={on_toggle_lang} />
            <main id="main" class="main">
                <div class="container">
                    <PrivacyNote {lang} />
                    <section class={classes!("inputs", compact.then_some("inputs--compact"))} aria-label={t.inputs_label}>
                        <DropZone {lang} dragging={*dragging} {compact} on_files={on_files.clone()} on_sample={on_sample.clone()} />
                        <PasteBox {lang} {compact} on_submit={on_text.reform(Some)} />
                        <PriorSlot {lang} prior={state.inputs.prior.clone()} on_files={on_prior.clone()}
                            on_clear={on_prior.reform(|_: ()| Vec::new())} />
                    </section>
                    <SourceBar {lang} inputs={state.inputs.clone()} on_clear={on_clear}
                        on_clear_text={on_text.reform(|_: ()| None)} />
                    if let Some(job) = state.job.clone() {
                        <ProgressPanel {lang} {job} worker={state.worker} on_cancel={on_cancel} />
                    }
                    if let Some(error) = state.error.clone() {
                        <ErrorPanel {lang} on_retry={(error.kind == "worker_failed" && !state.inputs.is_empty()).then(|| on_retry.clone())}
                            {error} on_sample={on_sample.clone()} />
                    }
                    if state.cancelled {
                        <p class="notice" role="status" data-testid="cancelled">{ t.cancelled }</p>
                    }
                    if state.result.is_none() && !state.busy() && state.error.is_none() && !state.cancelled {
                        <Intro {lang} />
                    }
                    if let Some(result) = state.result.clone() {
                        <Results {lang} {result} ui={state.ui.clone()} busy={state.busy()} {dispatch} {on_unit} {on_export}
                            on_print={on_print} />
                    }
                </div>
            </main>
            <Footer {lang} />
        </div>
    }
}

//! gouji-worker: the Web Worker that reads and checks. It holds gouji-core (through
//! `gouji_worker::engine`); the page only sends requests and shows answers.
//!
//! Built by Trunk as a no-modules wasm-bindgen worker (`gouji-worker.js`, `gouji-worker_bg.wasm`)
//! and started by `www/worker.js`. Messages are `{ json, files?, prior?, bytes? }` (see
//! `gouji_worker::protocol`). The worker reads the page's `File` objects itself with
//! `FileReaderSync`, so their bytes never pass through the page's memory.

#[cfg(target_arch = "wasm32")]
mod pool;

#[cfg(target_arch = "wasm32")]
mod worker {
    use std::cell::RefCell;

    use gouji_worker::engine::{Engine, ExportSpec, FileData, WarmUp};
    use gouji_worker::i18n::{EN, ZH};
    use gouji_worker::protocol::*;
    use js_sys::{Array, Object, Reflect, Uint8Array};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{DedicatedWorkerGlobalScope, File, FileReaderSync, MessageEvent};

    thread_local! {
        static ENGINE: RefCell<Engine> = RefCell::new(Engine::default());
    }

    fn scope() -> DedicatedWorkerGlobalScope {
        js_sys::global().unchecked_into()
    }

    /// Posts a response, with bytes (transferred, not copied) when there are any.
    fn post(response: &Response, bytes: Option<Vec<u8>>) {
        let msg = Object::new();
        let _ = Reflect::set(&msg, &"json".into(), &JsValue::from_str(&encode(response)));
        let result = match bytes {
            Some(bytes) => {
                let array = Uint8Array::from(bytes.as_slice());
                let _ = Reflect::set(&msg, &"bytes".into(), &array);
                scope().post_message_with_transfer(&msg, &Array::of1(&array.buffer()))
            }
            None => scope().post_message(&msg),
        };
        if let Err(e) = result {
            web_sys::console::error_2(&"gouji-worker: cannot post a message".into(), &e);
        }
    }

    /// Reads the `File`s of a message field into memory.
    fn read_files(data: &JsValue, field: &str) -> Result<Vec<FileData>, ErrorView> {
        let list = Reflect::get(data, &field.into()).unwrap_or(JsValue::UNDEFINED);
        if list.is_undefined() || list.is_null() {
            return Ok(Vec::new());
        }
        let Ok(list) = list.dyn_into::<Array>() else { return Ok(Vec::new()) };
        let unreadable = |name: &str| {
            ErrorView::new("browser_read", format!("{name}：{}", ZH.read_failed_browser), format!("{name}: {}", EN.read_failed_browser))
        };
        let reader = FileReaderSync::new().map_err(|_| unreadable("?"))?;
        let mut out = Vec::with_capacity(list.length() as usize);
        for value in list.iter() {
            let Ok(file) = value.dyn_into::<File>() else { continue };
            let name = file.name();
            let buffer = reader.read_as_array_buffer(&file).map_err(|_| unreadable(&name))?;
            out.push(FileData::new(name, Uint8Array::new(&buffer).to_vec()));
        }
        Ok(out)
    }

    /// Checks files read (or their tables found) and posts the answer.
    pub(crate) fn finish_analyse(job: u64, files: Vec<FileData>, prior: Vec<FileData>, text: Option<String>) {
        let mut progress = |p: Response| post(&p, None);
        let response = ENGINE.with(|e| e.borrow_mut().analyse(job, files, prior, text, false, &mut progress));
        post(&response, None);
    }

    pub(crate) fn post_failed(job: u64, error: ErrorView) {
        post(&Response::Failed { job, error }, None);
    }

    pub(crate) fn post_progress(progress: Response) {
        post(&progress, None);
    }

    fn handle(event: MessageEvent) {
        // A person's request: the idle warm-up has done its part.
        WARM.with(|w| w.borrow_mut().take());
        let data = event.data();
        let json = Reflect::get(&data, &"json".into()).ok().and_then(|v| v.as_string()).unwrap_or_default();
        let request = match decode_request(&json) {
            Ok(r) => r,
            Err(e) => {
                post(&Response::Fatal { message: format!("unreadable request: {e}") }, None);
                return;
            }
        };
        let mut progress = |p: Response| post(&p, None);
        match request {
            Request::Analyse { job, files, prior, text } => {
                let first = files.first().or(prior.first()).cloned();
                progress(Response::Progress {
                    job,
                    stage: Stage::Loading,
                    done: 0,
                    total: (files.len() + prior.len()) as u32,
                    detail: first,
                });
                let read = read_files(&data, "files").and_then(|f| read_files(&data, "prior").map(|p| (f, p)));
                match read {
                    // Large workbooks are read in parts by the helpers; the answer comes later.
                    Ok((files, prior)) => {
                        if let Some((files, prior, text)) = super::pool::start(job, files, prior, text, &data) {
                            finish_analyse(job, files, prior, text);
                        }
                    }
                    Err(error) => post_failed(job, error),
                }
            }
            Request::Sample { job, .. } => {
                let response = match read_files(&data, "prior") {
                    Ok(prior) => ENGINE.with(|e| e.borrow_mut().sample(job, prior, &mut progress)),
                    Err(error) => Response::Failed { job, error },
                };
                post(&response, None);
            }
            Request::Unit { job, unit } => {
                progress(Response::Progress { job, stage: Stage::Preparing, done: 0, total: 0, detail: None });
                let response = ENGINE.with(|e| e.borrow().unit(job, unit));
                post(&response, None);
            }
            Request::Pair { job, unit, prior } => {
                progress(Response::Progress { job, stage: Stage::Comparing, done: 0, total: 0, detail: None });
                let response = ENGINE.with(|e| e.borrow_mut().pair(job, unit, prior));
                post(&response, None);
            }
            Request::Export { job, format, unit, lang, marks, stamp } => {
                progress(Response::Progress { job, stage: Stage::Exporting, done: 0, total: 0, detail: None });
                // The marked-up workbook is made from the person's file, sent beside the request.
                let files = if format == ExportFormat::Markup { read_files(&data, "files").unwrap_or_default() } else { Vec::new() };
                let (response, bytes) =
                    ENGINE.with(|e| e.borrow().export(job, ExportSpec { format, unit, lang, marks: &marks, stamp: &stamp, files: &files }));
                let bytes = matches!(response, Response::Export { .. }).then_some(bytes);
                post(&response, bytes);
            }
        }
    }

    /// Before it says it is ready, the worker runs the sample through the whole pipeline a few
    /// times (see `engine::WarmUp`): at most 5 rounds, none begun after 300 ms (a slow machine
    /// gets fewer). A request that arrives meanwhile waits in the worker's queue.
    const READY_ROUNDS: usize = 5;
    const READY_BUDGET_MS: f64 = 300.0;
    /// Then, while no request has come, it goes on a round at a time between messages (each a task
    /// of its own, so a request waits at most one round, ≈20–60 ms), until the browser has had time
    /// to optimise the hot code on its background threads, which a busy machine gives it slowly.
    const IDLE_ROUNDS: usize = 30;
    const IDLE_BUDGET_MS: f64 = 2500.0;

    thread_local! {
        static WARM: RefCell<Option<WarmUp>> = const { RefCell::new(None) };
    }

    fn warm_up() {
        let warm = match WarmUp::new() {
            Ok(w) => w,
            Err(e) => {
                web_sys::console::warn_1(&format!("gouji-worker: warm-up skipped: {e}").into());
                return;
            }
        };
        let start = js_sys::Date::now();
        for _ in 0..READY_ROUNDS {
            if let Err(e) = warm.round() {
                web_sys::console::warn_1(&format!("gouji-worker: warm-up stopped: {e}").into());
                return;
            }
            if js_sys::Date::now() - start > READY_BUDGET_MS {
                break;
            }
        }
        WARM.with(|w| *w.borrow_mut() = Some(warm));
    }

    /// One idle round, then the next is queued behind whatever messages have arrived.
    fn warm_while_idle(round: usize, spent_ms: f64) {
        if round >= IDLE_ROUNDS || spent_ms > IDLE_BUDGET_MS {
            WARM.with(|w| w.borrow_mut().take());
            return;
        }
        let start = js_sys::Date::now();
        let ran = WARM.with(|w| w.borrow().as_ref().map(|warm| warm.round().is_ok()));
        if ran != Some(true) {
            WARM.with(|w| w.borrow_mut().take());
            return;
        }
        let spent_ms = spent_ms + (js_sys::Date::now() - start);
        let next = Closure::once_into_js(move || warm_while_idle(round + 1, spent_ms));
        let _ = scope().set_timeout_with_callback_and_timeout_and_arguments_0(next.unchecked_ref(), 0);
    }

    /// A helper's message to its worker: `{ json }`.
    fn post_json(json: &str) {
        let msg = Object::new();
        let _ = Reflect::set(&msg, &"json".into(), &JsValue::from_str(json));
        let _ = scope().post_message(&msg);
    }

    /// A helper's message: a part of a workbook to read (see `pool`).
    fn handle_part(event: MessageEvent) {
        WARM.with(|w| w.borrow_mut().take());
        let Some((part, result)) = super::pool::helper_read(&event.data()) else {
            post_json(&super::pool::fatal_message("unreadable request".into()));
            return;
        };
        let (msg, bytes) = super::pool::helper_answer(part, result);
        let sent = match bytes {
            Some(b) => scope().post_message_with_transfer(&msg, &Array::of1(&b.buffer())),
            None => scope().post_message(&msg),
        };
        if let Err(e) = sent {
            web_sys::console::error_2(&"gouji-helper: cannot post a message".into(), &e);
        }
    }

    /// Installs the wasm's message handler, then hands it the messages that arrived while the
    /// wasm was loading (`www/worker.js` keeps them in `self.__goujiEarly`), in order.
    fn listen(handler: fn(MessageEvent)) {
        let onmessage = Closure::<dyn FnMut(MessageEvent)>::new(handler);
        scope().set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
        onmessage.forget();
        if let Ok(early) = Reflect::get(&scope(), &"__goujiEarlyListener".into()) {
            if let Some(f) = early.dyn_ref::<js_sys::Function>() {
                let _ = scope().remove_event_listener_with_callback("message", f);
            }
        }
        let early = Reflect::get(&scope(), &"__goujiEarly".into()).ok().and_then(|a| a.dyn_into::<Array>().ok());
        let _ = Reflect::set(&scope(), &"__goujiEarly".into(), &JsValue::UNDEFINED);
        for event in early.iter().flat_map(|a| a.iter()) {
            if let Ok(event) = event.dyn_into::<MessageEvent>() {
                handler(event);
            }
        }
    }

    /// A helper of the worker the page talks to: it reads parts of large workbooks (see `pool`).
    fn start_helper() {
        std::panic::set_hook(Box::new(|info| {
            web_sys::console::error_1(&format!("gouji-helper: {info}").into());
            post_json(&super::pool::fatal_message(info.to_string()));
        }));
        // A part that came early is read at once: its check is waiting for it.
        listen(handle_part);
        warm_up();
        warm_while_idle(0, 0.0);
    }

    pub fn start() {
        if scope().name() == super::pool::HELPER_NAME {
            start_helper();
            return;
        }
        // A panic ends the worker (panic = abort): tell the page first, so it can say so and
        // start a fresh worker for the next request.
        std::panic::set_hook(Box::new(|info| {
            web_sys::console::error_1(&format!("gouji-worker: {info}").into());
            post(&Response::Fatal { message: info.to_string() }, None);
        }));
        // The page waits for `ready` before it sends anything, so nothing comes early here.
        listen(handle);
        // The helpers load and warm up beside this worker's own warm-up, so that they are ready
        // for a large file chosen as soon as the page says it can be.
        super::pool::start_helpers();
        warm_up();
        post(&Response::Ready, None);
        warm_while_idle(0, 0.0);
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {
    worker::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("gouji-worker runs in a browser's Web Worker: build it with `./x build`.");
}

//! The page's side of the worker: starts it, queues requests until it is ready, turns its
//! messages into [`Incoming`] events, and replaces it when it fails or a check is cancelled.
//!
//! A worker fails by posting `fatal` (its code could not load, or it panicked) or by an `error`
//! event (an uncaught exception). Either way the page terminates it, reports the failure once,
//! and starts a fresh worker on the next request: the page itself keeps working.
//!
//! A worker that hangs says nothing, so a watchdog listens for it: while a request is
//! unanswered, a worker that posts nothing at all (no progress, no answer) for [`STALL_MS`]
//! is stalled; it is terminated (its helper workers with it) and reported as
//! [`Incoming::Stalled`], like a crash. Every stage of a check reports progress, and a PDF reports
//! each page, so a working worker is never silent that long. Tests shorten the limit with
//! `window.__goujiWatchdogMs`.

use std::cell::RefCell;
use std::rc::Rc;

use gouji_protocol::protocol::{decode_response, encode, Request, Response, WORKER_SCRIPT};
use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ErrorEvent, File, MessageEvent, Worker};
use yew::Callback;

/// What the worker said.
pub enum Incoming {
    Response(Response, Option<Uint8Array>),
    /// The worker stopped. `loading`: its code never started.
    Failed {
        loading: bool,
        detail: String,
    },
    /// The worker said nothing for `seconds` while a request waited: it was stopped.
    Stalled {
        seconds: u32,
    },
}

/// How long a worker with a request to answer may say nothing before it counts as stalled.
pub const STALL_MS: f64 = 60_000.0;

fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}

/// The stall limit: [`STALL_MS`], or `window.__goujiWatchdogMs` when a test sets it.
fn stall_limit() -> f64 {
    web_sys::window()
        .and_then(|w| Reflect::get(&w, &"__goujiWatchdogMs".into()).ok())
        .and_then(|v| v.as_f64())
        .filter(|ms| *ms > 0.0)
        .unwrap_or(STALL_MS)
}

struct Inner {
    worker: Option<Worker>,
    ready: bool,
    /// Requests waiting for the worker to be ready (a message posted before its wasm listens
    /// would be lost).
    queue: Vec<Object>,
    on: Callback<Incoming>,
    handlers: Vec<Closure<dyn FnMut(JsValue)>>,
    /// Handlers of replaced workers. Never dropped: a handler may be running when its worker is
    /// replaced (the error handler replaces its own worker), and a few closures per failure cost
    /// nothing.
    retired: Vec<Closure<dyn FnMut(JsValue)>>,
    /// Requests sent (or queued) and not answered yet.
    outstanding: u32,
    /// When the worker last posted anything, or a request was sent (`performance.now()`).
    last_heard: f64,
    /// The watchdog's timer, kept while the client lives.
    watchdog: Option<Closure<dyn FnMut()>>,
}

#[derive(Clone)]
pub struct WorkerClient {
    inner: Rc<RefCell<Inner>>,
}

impl PartialEq for WorkerClient {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.inner, &other.inner)
    }
}

/// The performance mark for a decoded response (`gouji:progress:reading`, `gouji:done`, …): the
/// browser benchmark reads them to split a check into its stages.
fn response_mark(response: &Response) -> String {
    match response {
        Response::Progress { stage, .. } => format!("gouji:progress:{stage:?}"),
        Response::Done { .. } => "gouji:done".into(),
        Response::Unit { .. } => "gouji:unit".into(),
        Response::Export { .. } => "gouji:export".into(),
        Response::Failed { .. } => "gouji:failed".into(),
        Response::Fatal { .. } => "gouji:fatal".into(),
        Response::Ready => "gouji:ready".into(),
    }
}

fn message(json: &str, fields: &[(&str, &Array)]) -> Object {
    let msg = Object::new();
    let _ = Reflect::set(&msg, &"json".into(), &JsValue::from_str(json));
    for (name, value) in fields {
        let _ = Reflect::set(&msg, &(*name).into(), value);
    }
    msg
}

/// The worker's script, with the page's `helpers=N` (0–3: how many helper workers read large
/// workbooks beside it; by default one per spare core) passed on when the address has one.
fn worker_url() -> String {
    let url = crate::web::resolve(WORKER_SCRIPT);
    let search = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    let helpers = search.trim_start_matches('?').split('&').find_map(|kv| kv.strip_prefix("helpers=")).and_then(|n| n.parse::<u8>().ok());
    match helpers {
        Some(n) => format!("{url}?helpers={}", n.min(3)),
        None => url,
    }
}

impl WorkerClient {
    /// Starts the worker at once, so that its code is loaded before any file is chosen (after
    /// that the page makes no request at all).
    pub fn new(on: Callback<Incoming>) -> Self {
        let client = WorkerClient {
            inner: Rc::new(RefCell::new(Inner {
                worker: None,
                ready: false,
                queue: Vec::new(),
                on,
                handlers: Vec::new(),
                retired: Vec::new(),
                outstanding: 0,
                last_heard: 0.0,
                watchdog: None,
            })),
        };
        client.spawn();
        client.start_watchdog();
        client
    }

    /// Every second: a worker silent past the limit while a request waits is stopped and
    /// reported. The next request starts a fresh one.
    fn start_watchdog(&self) {
        let weak = Rc::downgrade(&self.inner);
        let tick = Closure::<dyn FnMut()>::new(move || {
            let Some(inner) = weak.upgrade() else { return };
            let (waiting, silent) = {
                let i = inner.borrow();
                (i.outstanding > 0 && i.worker.is_some(), now() - i.last_heard)
            };
            let limit = stall_limit();
            if waiting && silent > limit {
                let client = WorkerClient { inner };
                client.stop_worker();
                let on = client.inner.borrow().on.clone();
                on.emit(Incoming::Stalled { seconds: (limit / 1000.0).round() as u32 });
            }
        });
        if let Some(w) = web_sys::window() {
            let _ = w.set_interval_with_callback_and_timeout_and_arguments_0(tick.as_ref().unchecked_ref(), 1000);
        }
        self.inner.borrow_mut().watchdog = Some(tick);
    }

    /// Detaches and terminates the worker (nothing it posts reaches the page after this) and
    /// forgets what it was asked.
    fn stop_worker(&self) -> Option<Worker> {
        let worker = {
            let mut inner = self.inner.borrow_mut();
            inner.ready = false;
            inner.queue.clear();
            inner.outstanding = 0;
            let old: Vec<_> = inner.handlers.drain(..).collect();
            inner.retired.extend(old);
            inner.worker.take()
        };
        if let Some(w) = &worker {
            w.set_onmessage(None);
            w.set_onerror(None);
            w.set_onmessageerror(None);
            w.terminate();
        }
        worker
    }

    fn spawn(&self) {
        let worker = match Worker::new(&worker_url()) {
            Ok(w) => w,
            Err(e) => {
                let detail = e.as_string().unwrap_or_else(|| "new Worker failed".into());
                let on = self.inner.borrow().on.clone();
                on.emit(Incoming::Failed { loading: true, detail });
                return;
            }
        };
        let weak = Rc::downgrade(&self.inner);
        let onmessage = {
            let weak = weak.clone();
            Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
                let Some(inner) = weak.upgrade() else { return };
                let client = WorkerClient { inner };
                let Ok(e) = e.dyn_into::<MessageEvent>() else { return };
                client.receive(e.data());
            })
        };
        let onerror = {
            let weak = weak.clone();
            Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
                let Some(inner) = weak.upgrade() else { return };
                let detail = match e.dyn_ref::<ErrorEvent>() {
                    Some(err) => {
                        // Handled here: not reported again as an uncaught error of the page.
                        err.prevent_default();
                        err.message()
                    }
                    None => "worker error".to_string(),
                };
                let loading = !inner.borrow().ready;
                WorkerClient { inner }.fail(loading, detail);
            })
        };
        let onmessageerror = Closure::<dyn FnMut(JsValue)>::new(move |_: JsValue| {
            let Some(inner) = weak.upgrade() else { return };
            WorkerClient { inner }.fail(false, "messageerror".into());
        });
        worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
        worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
        worker.set_onmessageerror(Some(onmessageerror.as_ref().unchecked_ref()));
        let mut inner = self.inner.borrow_mut();
        inner.worker = Some(worker);
        inner.ready = false;
        let old: Vec<_> = inner.handlers.drain(..).collect();
        inner.retired.extend(old);
        inner.handlers = vec![onmessage, onerror, onmessageerror];
    }

    fn receive(&self, data: JsValue) {
        let json = Reflect::get(&data, &"json".into()).ok().and_then(|v| v.as_string()).unwrap_or_default();
        crate::web::mark("gouji:received");
        let response = match decode_response(&json) {
            Ok(r) => r,
            Err(e) => {
                self.fail(false, format!("unreadable message: {e}"));
                return;
            }
        };
        crate::web::mark(&response_mark(&response));
        {
            let mut inner = self.inner.borrow_mut();
            inner.last_heard = now();
            if matches!(response, Response::Done { .. } | Response::Unit { .. } | Response::Export { .. } | Response::Failed { .. }) {
                inner.outstanding = inner.outstanding.saturating_sub(1);
            }
        }
        match response {
            Response::Fatal { message } => {
                let loading = message.starts_with("load:") || !self.inner.borrow().ready;
                self.fail(loading, message);
            }
            Response::Ready => {
                let (worker, queue, on) = {
                    let mut inner = self.inner.borrow_mut();
                    inner.ready = true;
                    (inner.worker.clone(), std::mem::take(&mut inner.queue), inner.on.clone())
                };
                if let Some(w) = worker {
                    for msg in queue {
                        Self::post(&w, &msg);
                    }
                }
                on.emit(Incoming::Response(Response::Ready, None));
            }
            other => {
                let bytes = Reflect::get(&data, &"bytes".into()).ok().and_then(|b| b.dyn_into::<Uint8Array>().ok());
                let on = self.inner.borrow().on.clone();
                on.emit(Incoming::Response(other, bytes));
            }
        }
    }

    /// Ends a failed worker and reports it (once: a panic posts `fatal` and then errors).
    fn fail(&self, loading: bool, detail: String) {
        if self.stop_worker().is_some() {
            let on = self.inner.borrow().on.clone();
            on.emit(Incoming::Failed { loading, detail });
        }
    }

    fn post(worker: &Worker, msg: &Object) {
        if let Err(e) = worker.post_message(msg) {
            web_sys::console::error_2(&"gouji: cannot post to the worker".into(), &e);
        }
    }

    /// Sends a request with the `File`s it names (`files`: this year's, `prior`: the prior year's).
    pub fn send(&self, request: &Request, files: &[File], prior: &[File]) {
        let array = |files: &[File]| {
            files.iter().fold(Array::new(), |a, f| {
                a.push(f);
                a
            })
        };
        let msg = message(&encode(request), &[("files", &array(files)), ("prior", &array(prior))]);
        if self.inner.borrow().worker.is_none() {
            self.spawn();
        }
        let mut inner = self.inner.borrow_mut();
        if inner.worker.is_some() {
            inner.outstanding += 1;
            inner.last_heard = now();
        }
        match (&inner.worker, inner.ready) {
            (Some(w), true) => Self::post(w, &msg),
            (Some(_), false) => inner.queue.push(msg),
            (None, _) => {}
        }
    }

    /// Stops whatever the worker is doing (a cancelled or superseded check) and starts a fresh
    /// one. The old worker's handlers are detached first: nothing it posted (an answer to the old
    /// check, an error) reaches the page or the fresh worker after this.
    pub fn restart(&self) {
        self.stop_worker();
        self.spawn();
    }
}

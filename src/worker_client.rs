//! The page's side of the worker: starts it, queues requests until it is ready, turns its
//! messages into [`Incoming`] events, and replaces it when it fails or a check is cancelled.
//!
//! A worker fails by posting `fatal` (its code could not load, or it panicked) or by an `error`
//! event (an uncaught exception). Either way the page terminates it, reports the failure once,
//! and starts a fresh worker on the next request: the page itself keeps working.

use std::cell::RefCell;
use std::rc::Rc;

use gouji_web::protocol::{decode_response, encode, Request, Response, WORKER_SCRIPT};
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
            })),
        };
        client.spawn();
        client
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
        let (worker, on) = {
            let mut inner = self.inner.borrow_mut();
            inner.ready = false;
            inner.queue.clear();
            let old: Vec<_> = inner.handlers.drain(..).collect();
            inner.retired.extend(old);
            (inner.worker.take(), inner.on.clone())
        };
        if let Some(w) = worker {
            w.set_onmessage(None);
            w.set_onerror(None);
            w.set_onmessageerror(None);
            w.terminate();
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
        let worker = {
            let mut inner = self.inner.borrow_mut();
            inner.ready = false;
            inner.queue.clear();
            let old: Vec<_> = inner.handlers.drain(..).collect();
            inner.retired.extend(old);
            inner.worker.take()
        };
        if let Some(w) = worker {
            w.set_onmessage(None);
            w.set_onerror(None);
            w.set_onmessageerror(None);
            w.terminate();
        }
        self.spawn();
    }
}

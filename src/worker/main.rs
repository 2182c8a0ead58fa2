//! gouji-worker: the Web Worker that reads and checks. It holds gouji-core (through
//! `gouji_web::engine`); the page only sends requests and shows answers.
//!
//! Built by Trunk as a no-modules wasm-bindgen worker (`gouji-worker.js`, `gouji-worker_bg.wasm`)
//! and started by `www/worker.js`. Messages are `{ json, files?, prior?, bytes? }` (see
//! `gouji_web::protocol`). The worker reads the page's `File` objects itself with
//! `FileReaderSync`, so their bytes never pass through the page's memory.

#[cfg(target_arch = "wasm32")]
mod worker {
    use std::cell::RefCell;

    use gouji_web::engine::{Engine, FileData};
    use gouji_web::i18n::{EN, ZH};
    use gouji_web::protocol::*;
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
            out.push(FileData { name, bytes: Uint8Array::new(&buffer).to_vec() });
        }
        Ok(out)
    }

    fn handle(event: MessageEvent) {
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
                progress(Response::Progress { job, stage: Stage::Loading, done: 0, total: (files.len() + prior.len()) as u32, detail: first });
                let read = read_files(&data, "files").and_then(|f| read_files(&data, "prior").map(|p| (f, p)));
                let response = match read {
                    Ok((files, prior)) => {
                        ENGINE.with(|e| e.borrow_mut().analyse(job, files, prior, text, false, &mut progress))
                    }
                    Err(error) => Response::Failed { job, error },
                };
                post(&response, None);
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
            Request::Export { job, format, unit, lang } => {
                progress(Response::Progress { job, stage: Stage::Exporting, done: 0, total: 0, detail: None });
                let (response, bytes) = ENGINE.with(|e| e.borrow().export(job, format, unit, lang));
                let bytes = matches!(response, Response::Export { .. }).then_some(bytes);
                post(&response, bytes);
            }
        }
    }

    /// Runs the sample through the pipeline a few times before saying it is ready, so that the
    /// browser has compiled and optimised the reading and checking code before the first file
    /// (see `engine::warm_up`): at most 5 rounds, and none after 300 ms (a slow machine gets
    /// fewer). A request that arrives meanwhile waits in the worker's queue.
    fn warm_up() {
        let start = js_sys::Date::now();
        if let Err(e) = gouji_web::engine::warm_up(5, || js_sys::Date::now() - start <= 300.0) {
            web_sys::console::warn_1(&format!("gouji-worker: warm-up skipped: {e}").into());
        }
    }

    pub fn start() {
        // A panic ends the worker (panic = abort): tell the page first, so it can say so and
        // start a fresh worker for the next request.
        std::panic::set_hook(Box::new(|info| {
            web_sys::console::error_1(&format!("gouji-worker: {info}").into());
            post(&Response::Fatal { message: info.to_string() }, None);
        }));
        let onmessage = Closure::<dyn FnMut(MessageEvent)>::new(handle);
        scope().set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
        onmessage.forget();
        warm_up();
        post(&Response::Ready, None);
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

//! Helper workers that read parts of a large workbook side by side.
//!
//! The worker the page talks to (the coordinator) starts up to `MAX_HELPERS` helpers (one per
//! spare core) as it starts, before its own warm-up: the same script under the name
//! [`HELPER_NAME`], warmed up the same way meanwhile. A workbook of [`SPLIT_MIN_BYTES`] or more with enough sheets is then read in parts:
//! each helper gets the page's `File` (not a copy of its bytes) and a part number, reads those
//! sheets, finds their tables and sends them back as bytes (`gouji_core::wire`, the buffer
//! transferred); the coordinator reads part 0 meanwhile, joins the parts in order and checks
//! as if it had read the file whole (`crates/core/tests/parts.rs`). A helper that fails or
//! sends something unreadable is replaced and its part is read by the coordinator; a check that
//! is cancelled ends the coordinator, and its helpers with it.

use std::cell::RefCell;

use gouji_core::read::{worksheet_count, SheetPart};
use gouji_core::{read_tables, wire, FileTables, InputFile, Limits};
use gouji_web::engine::{error_view, FileData};
use gouji_web::i18n::{EN, ZH};
use gouji_web::protocol::{ErrorView, Response, Stage};
use js_sys::{Array, Object, Reflect, Uint8Array};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ErrorEvent, File, FileReaderSync, MessageEvent, Worker, WorkerOptions};

/// The name helpers are started under (`self.name` tells a helper what it is).
pub const HELPER_NAME: &str = "gouji-helper";
const MAX_HELPERS: usize = 3;
/// Smaller files are read in one go: each part costs a helper opening the workbook (its shared
/// strings and styles) and the tables' trip back, which only pays on a large file.
const SPLIT_MIN_BYTES: usize = 256 * 1024;
const MIN_SHEETS_PER_PART: usize = 2;

/// Which part of which file: the request to a helper and the label of its answer.
#[derive(Clone, Copy, Debug, Serialize, Deserialize)]
struct PartJob {
    job: u64,
    prior: bool,
    file: usize,
    index: usize,
    of: usize,
}

/// What a helper says (as JSON; the tables as a transferred buffer beside it).
#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum FromHelper {
    Part { part: PartJob, error: Option<ErrorView> },
    Fatal { message: String },
}

struct Helper {
    worker: Worker,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(ErrorEvent)>,
}

/// One large file being read in parts: each part's tables (or why it could not be read).
struct Split {
    prior: bool,
    file: usize,
    parts: Vec<Option<Result<FileTables, ErrorView>>>,
    /// The helper reading each part (`None` for the coordinator's own).
    helpers: Vec<Option<usize>>,
}

/// A check waiting for its parts.
struct Pending {
    job: u64,
    files: Vec<FileData>,
    prior: Vec<FileData>,
    text: Option<String>,
    splits: Vec<Split>,
}

thread_local! {
    /// Helpers by slot; a slot is refilled when its helper fails.
    static HELPERS: RefCell<Vec<Option<Helper>>> = const { RefCell::new(Vec::new()) };
    static PENDING: RefCell<Option<Pending>> = const { RefCell::new(None) };
}

/// Starts one helper per spare core (at most `MAX_HELPERS`); none on a single core. The page's
/// address may say how many instead (`?helpers=0` reads every file in one worker), passed on in
/// the worker's own (`worker.js?helpers=N`).
pub fn start_helpers() {
    let global = js_sys::global();
    let cores = Reflect::get(&global, &"navigator".into())
        .and_then(|n| Reflect::get(&n, &"hardwareConcurrency".into()))
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(1.0) as usize;
    let asked = Reflect::get(&global, &"location".into())
        .and_then(|l| Reflect::get(&l, &"search".into()))
        .ok()
        .and_then(|s| s.as_string())
        .and_then(|s| s.trim_start_matches('?').split('&').find_map(|kv| kv.strip_prefix("helpers=")?.parse::<usize>().ok()));
    let n = asked.unwrap_or(cores.saturating_sub(1)).min(MAX_HELPERS);
    HELPERS.with(|h| h.borrow_mut().extend((0..n).map(|_| None)));
    for slot in 0..n {
        spawn(slot);
    }
}

fn spawn(slot: usize) {
    let options = WorkerOptions::new();
    options.set_name(HELPER_NAME);
    let worker = match Worker::new_with_options("worker.js", &options) {
        Ok(w) => w,
        Err(e) => {
            web_sys::console::warn_2(&"gouji-worker: no helper worker".into(), &e);
            return;
        }
    };
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| from_helper(slot, e));
    let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |e: ErrorEvent| {
        e.prevent_default();
        helper_failed(slot, &e.message());
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    HELPERS.with(|h| {
        if let Some(s) = h.borrow_mut().get_mut(slot) {
            *s = Some(Helper { worker, _on_message: on_message, _on_error: on_error });
        }
    });
}

/// Helpers that have not failed. One still loading or warming up takes its part when it is
/// ready (`www/worker.js` keeps messages that come before the wasm listens), which is still
/// sooner than reading the whole file here.
fn live_helpers() -> Vec<usize> {
    HELPERS.with(|h| h.borrow().iter().enumerate().filter(|(_, s)| s.is_some()).map(|(i, _)| i).collect())
}

/// Begins checking `files` (and `prior`) with their large workbooks read in parts, or gives them
/// back when there is none (or no helper): then they are read in one go as before.
/// `data` is the page's message, whose `files` and `prior` hold the `File`s.
pub fn start(
    job: u64,
    files: Vec<FileData>,
    prior: Vec<FileData>,
    text: Option<String>,
    data: &JsValue,
) -> Option<(Vec<FileData>, Vec<FileData>, Option<String>)> {
    let helpers = live_helpers();
    if helpers.is_empty() {
        return Some((files, prior, text));
    }
    let of = helpers.len() + 1;
    let limits = Limits::default();
    let mut splits = Vec::new();
    for (is_prior, list) in [(false, &files), (true, &prior)] {
        for (i, f) in list.iter().enumerate() {
            if f.bytes.len() >= SPLIT_MIN_BYTES && worksheet_count(&f.name, &f.bytes, &limits) >= of * MIN_SHEETS_PER_PART {
                splits.push(Split { prior: is_prior, file: i, parts: vec![None; of], helpers: vec![None; of] });
            }
        }
    }
    if splits.is_empty() {
        return Some((files, prior, text));
    }
    let first = &splits[0];
    let detail = Some(if first.prior { &prior[first.file] } else { &files[first.file] }.name.clone());
    super::worker::post_progress(Response::Progress {
        job,
        stage: Stage::Reading,
        done: 0,
        total: (files.len() + prior.len()) as u32,
        detail,
    });
    // A newer check replaces an older one still waiting (late answers are told apart by job).
    PENDING.with(|p| *p.borrow_mut() = Some(Pending { job, files, prior, text, splits }));
    for s in 0..split_count() {
        for (k, &helper) in helpers.iter().enumerate() {
            let index = k + 1;
            let sent = PENDING.with(|p| {
                let mut p = p.borrow_mut();
                let split = &mut p.as_mut()?.splits[s];
                let file = js_file(data, split.prior, split.file)?;
                let part = PartJob { job, prior: split.prior, file: split.file, index, of };
                send(helper, part, &file).then(|| split.helpers[index] = Some(helper))
            });
            if sent.is_none() {
                read_here(s, index);
            }
        }
    }
    // The coordinator's own parts, while the helpers read theirs.
    for s in 0..split_count() {
        read_here(s, 0);
    }
    finish_if_complete();
    None
}

fn split_count() -> usize {
    PENDING.with(|p| p.borrow().as_ref().map_or(0, |p| p.splits.len()))
}

fn js_file(data: &JsValue, prior: bool, index: usize) -> Option<File> {
    let list = Reflect::get(data, &(if prior { "prior" } else { "files" }).into()).ok()?;
    list.dyn_into::<Array>().ok()?.get(index as u32).dyn_into::<File>().ok()
}

fn send(helper: usize, part: PartJob, file: &File) -> bool {
    let msg = Object::new();
    let json = serde_json::to_string(&part).unwrap_or_default();
    let _ = Reflect::set(&msg, &"part".into(), &JsValue::from_str(&json));
    let _ = Reflect::set(&msg, &"file".into(), file);
    HELPERS.with(|h| h.borrow().get(helper).and_then(Option::as_ref).is_some_and(|h| h.worker.post_message(&msg).is_ok()))
}

/// Reads part `index` of split `s` here (the coordinator's own part, or one a helper could not).
fn read_here(s: usize, index: usize) {
    let result = PENDING.with(|p| {
        let p = p.borrow();
        let pending = p.as_ref()?;
        let split = &pending.splits[s];
        let of = split.parts.len();
        let f = if split.prior { &pending.prior[split.file] } else { &pending.files[split.file] };
        Some(
            read_tables(InputFile { name: &f.name, bytes: &f.bytes }, &Limits::default(), SheetPart { index, of })
                .map_err(|e| error_view(&e)),
        )
    });
    if let Some(result) = result {
        store(s, index, result);
    }
}

/// A part's tables (or why it could not be read), from whoever read it.
fn store(s: usize, index: usize, result: Result<FileTables, ErrorView>) {
    PENDING.with(|p| {
        if let Some(pending) = p.borrow_mut().as_mut() {
            pending.splits[s].parts[index] = Some(result);
            pending.splits[s].helpers[index] = None;
        }
    });
}

fn from_helper(slot: usize, event: MessageEvent) {
    let data = event.data();
    let json = Reflect::get(&data, &"json".into()).ok().and_then(|v| v.as_string()).unwrap_or_default();
    match serde_json::from_str::<FromHelper>(&json) {
        Ok(FromHelper::Part { part, error }) => {
            let Some(s) = PENDING.with(|p| {
                let p = p.borrow();
                let pending = p.as_ref().filter(|p| p.job == part.job)?;
                pending.splits.iter().position(|sp| sp.prior == part.prior && sp.file == part.file && sp.parts.len() == part.of)
            }) else {
                return; // An answer for a check that is over.
            };
            let result = match error {
                Some(error) => Some(Err(error)),
                None => Reflect::get(&data, &"bytes".into())
                    .ok()
                    .and_then(|b| b.dyn_into::<Uint8Array>().ok())
                    .and_then(|b| wire::decode(&b.to_vec()).ok())
                    .map(Ok),
            };
            match result {
                Some(result) => store(s, part.index, result),
                None => {
                    web_sys::console::warn_1(&"gouji-worker: a helper's tables could not be read; reading the part here".into());
                    read_here(s, part.index);
                }
            }
            finish_if_complete();
        }
        Ok(FromHelper::Fatal { message }) => helper_failed(slot, &message),
        Err(e) => helper_failed(slot, &format!("unreadable message: {e}")),
    }
}

/// A helper that failed is ended and replaced; the parts it had are read here.
fn helper_failed(slot: usize, why: &str) {
    web_sys::console::warn_1(&format!("gouji-worker: helper {slot} failed ({why}); a new one starts").into());
    if let Some(h) = HELPERS.with(|h| h.borrow_mut().get_mut(slot).and_then(Option::take)) {
        h.worker.terminate();
    }
    let orphans: Vec<(usize, usize)> = PENDING.with(|p| {
        p.borrow().as_ref().map_or(Vec::new(), |pending| {
            pending
                .splits
                .iter()
                .enumerate()
                .flat_map(|(s, sp)| sp.helpers.iter().enumerate().filter(|(_, h)| **h == Some(slot)).map(move |(i, _)| (s, i)))
                .collect()
        })
    });
    for (s, index) in orphans {
        read_here(s, index);
    }
    spawn(slot);
    finish_if_complete();
}

/// Once every part is in: the parts joined, then the check as for files read whole.
fn finish_if_complete() {
    let complete = PENDING.with(|p| p.borrow().as_ref().is_some_and(|p| p.splits.iter().all(|s| s.parts.iter().all(Option::is_some))));
    if !complete {
        return;
    }
    let Some(mut pending) = PENDING.with(|p| p.borrow_mut().take()) else { return };
    let limits = Limits::default();
    for split in std::mem::take(&mut pending.splits) {
        let list = if split.prior { &mut pending.prior } else { &mut pending.files };
        let file = &mut list[split.file];
        let of = split.parts.len();
        let parts: Result<Vec<FileTables>, ErrorView> = split.parts.into_iter().flatten().collect();
        let joined = parts.and_then(|parts| FileTables::join(parts, &file.name, &limits).map_err(|e| error_view(&e)));
        match joined {
            Ok(tables) => {
                file.tables = Some(tables);
                file.parts = of;
                file.bytes = Vec::new();
            }
            // The prior year's file failing is said beside the current year's results, as when
            // it is read whole: leave it to be read (and fail) whole.
            Err(_) if split.prior => {}
            Err(error) => {
                super::worker::post_failed(pending.job, error);
                return;
            }
        }
    }
    super::worker::finish_analyse(pending.job, pending.files, pending.prior, pending.text);
}

/// A helper's side: read the part it is given and send its tables back.
pub fn helper_read(data: &JsValue) -> Option<(PartJobView, Result<Vec<u8>, ErrorView>)> {
    let part: PartJob = serde_json::from_str(&Reflect::get(data, &"part".into()).ok()?.as_string()?).ok()?;
    let file = Reflect::get(data, &"file".into()).ok()?.dyn_into::<File>().ok()?;
    let name = file.name();
    let result = FileReaderSync::new()
        .and_then(|r| r.read_as_array_buffer(&file))
        .map_err(|_| {
            ErrorView::new("browser_read", format!("{name}：{}", ZH.read_failed_browser), format!("{name}: {}", EN.read_failed_browser))
        })
        .and_then(|buffer| {
            let bytes = Uint8Array::new(&buffer).to_vec();
            let tables =
                read_tables(InputFile { name: &name, bytes: &bytes }, &Limits::default(), SheetPart { index: part.index, of: part.of })
                    .map_err(|e| error_view(&e))?;
            wire::encode(&tables).map_err(|e| ErrorView::new("worker_failed", e.clone(), e))
        });
    Some((PartJobView(part), result))
}

/// A part's label, opaque outside this module.
pub struct PartJobView(PartJob);

/// The helper's answer as a message: JSON, and the tables' bytes transferred.
pub fn helper_answer(part: PartJobView, result: Result<Vec<u8>, ErrorView>) -> (Object, Option<Uint8Array>) {
    let msg = Object::new();
    let (error, bytes) = match result {
        Ok(bytes) => (None, Some(Uint8Array::from(bytes.as_slice()))),
        Err(e) => (Some(e), None),
    };
    let json = serde_json::to_string(&FromHelper::Part { part: part.0, error }).unwrap_or_default();
    let _ = Reflect::set(&msg, &"json".into(), &JsValue::from_str(&json));
    if let Some(b) = &bytes {
        let _ = Reflect::set(&msg, &"bytes".into(), b);
    }
    (msg, bytes)
}

pub fn fatal_message(message: String) -> String {
    serde_json::to_string(&FromHelper::Fatal { message }).unwrap_or_default()
}

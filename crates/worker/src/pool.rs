//! Helper workers that read parts of a large workbook side by side: this module carries out the
//! effects of [`gouji_worker::parts::Scheduler`], which decides everything (and is tested on the
//! host); here are only the Web Workers, the `File`s and the reading.
//!
//! The worker the page talks to (the coordinator) starts up to `MAX_HELPERS` helpers (one per
//! spare core) as it starts, before its own warm-up: the same script under the name
//! [`HELPER_NAME`], warmed up the same way meanwhile. A workbook of [`SPLIT_MIN_BYTES`] or more
//! with enough sheets is then read in parts: each helper gets the page's `File` (not a copy of its
//! bytes) and a part number, reads those sheets, finds their tables and sends them back as bytes
//! (`gouji_core::wire`, the buffer transferred); the coordinator reads part 0 meanwhile, joins the
//! parts in order and checks as if it had read the file whole (`crates/core/tests/parts.rs`).

use std::cell::RefCell;
use std::collections::VecDeque;

use gouji_core::read::{worksheet_count, SheetPart};
use gouji_core::{read_tables, wire, FileTables, InputFile, Limits};
use gouji_worker::engine::{error_view, FileData};
use gouji_worker::i18n::{EN, ZH};
use gouji_worker::parts::{Effect, FileRef, PartJob, Parts, Scheduler};
use gouji_worker::protocol::{ErrorView, Response, Stage};
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

/// What a check carries besides its parts: its files (with their bytes, to read a part here)
/// and its text.
struct Check {
    files: Vec<FileData>,
    prior: Vec<FileData>,
    text: Option<String>,
}

type Sched = Scheduler<Check, FileTables, ErrorView>;

thread_local! {
    /// Helpers by slot.
    static HELPERS: RefCell<Vec<Option<Helper>>> = const { RefCell::new(Vec::new()) };
    static SCHEDULER: RefCell<Sched> = RefCell::new(Scheduler::new(0));
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
    let effects = SCHEDULER.with(|s| {
        let mut s = s.borrow_mut();
        *s = Scheduler::new(n);
        s.spawn_all()
    });
    carry_out(effects, None);
}

/// Carries the scheduler's effects out, and what they lead to, in order. `data` is the page's
/// message, whose `files` and `prior` hold the `File`s a part is sent with.
fn carry_out(effects: Vec<Effect<Check, FileTables, ErrorView>>, data: Option<&JsValue>) {
    let mut queue: VecDeque<_> = effects.into();
    while let Some(effect) = queue.pop_front() {
        let next = match effect {
            Effect::Send { slot, part } => {
                let file = data.and_then(|d| js_file(d, part.prior, part.file));
                if file.is_some_and(|f| send(slot, part, &f)) {
                    Vec::new()
                } else {
                    SCHEDULER.with(|s| s.borrow_mut().undelivered(part))
                }
            }
            Effect::ReadHere(part) => match read_here(part) {
                Some(result) => SCHEDULER.with(|s| s.borrow_mut().read(part, result)),
                None => Vec::new(),
            },
            Effect::Terminate(slot) => {
                if let Some(h) = HELPERS.with(|h| h.borrow_mut().get_mut(slot).and_then(Option::take)) {
                    h.worker.terminate();
                }
                Vec::new()
            }
            Effect::Spawn(slot) => {
                if spawn(slot) {
                    SCHEDULER.with(|s| s.borrow_mut().started(slot));
                }
                Vec::new()
            }
            Effect::Finish { job, payload, splits } => {
                finish(job, payload, splits);
                Vec::new()
            }
        };
        queue.extend(next);
    }
}

fn spawn(slot: usize) -> bool {
    let options = WorkerOptions::new();
    options.set_name(HELPER_NAME);
    let worker = match Worker::new_with_options("worker.js", &options) {
        Ok(w) => w,
        Err(e) => {
            web_sys::console::warn_2(&"gouji-worker: no helper worker".into(), &e);
            return false;
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
    true
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
    let Some(of) = SCHEDULER.with(|s| s.borrow().parts_per_file()) else { return Some((files, prior, text)) };
    let limits = Limits::default();
    let large: Vec<FileRef> = [(false, &files), (true, &prior)]
        .into_iter()
        .flat_map(|(is_prior, list)| {
            list.iter()
                .enumerate()
                .filter(|(_, f)| {
                    f.bytes.len() >= SPLIT_MIN_BYTES && worksheet_count(&f.name, &f.bytes, &limits) >= of * MIN_SHEETS_PER_PART
                })
                .map(move |(i, _)| FileRef { prior: is_prior, file: i })
                .collect::<Vec<_>>()
        })
        .collect();
    let detail = large.first().map(|f| if f.prior { &prior[f.file] } else { &files[f.file] }.name.clone());
    let total = (files.len() + prior.len()) as u32;
    // A newer check replaces an older one still waiting (late answers are told apart by job).
    let started = SCHEDULER.with(|s| s.borrow_mut().start(job, Check { files, prior, text }, large));
    match started {
        Err(Check { files, prior, text }) => Some((files, prior, text)),
        Ok(effects) => {
            super::worker::post_progress(Response::Progress { job, stage: Stage::Reading, done: 0, total, detail });
            carry_out(effects, Some(data));
            None
        }
    }
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

/// Reads a part here (the coordinator's own part, or one a helper could not), from the bytes
/// of the check waiting.
fn read_here(part: PartJob) -> Option<Result<FileTables, ErrorView>> {
    SCHEDULER.with(|s| {
        let s = s.borrow();
        let check = s.payload()?;
        let f = if part.prior { check.prior.get(part.file) } else { check.files.get(part.file) }?;
        Some(
            read_tables(InputFile { name: &f.name, bytes: &f.bytes }, &Limits::default(), SheetPart { index: part.index, of: part.of })
                .map_err(|e| error_view(&e)),
        )
    })
}

fn from_helper(slot: usize, event: MessageEvent) {
    let data = event.data();
    let json = Reflect::get(&data, &"json".into()).ok().and_then(|v| v.as_string()).unwrap_or_default();
    match serde_json::from_str::<FromHelper>(&json) {
        Ok(FromHelper::Part { part, error }) => {
            let result = match error {
                Some(error) => Some(Err(error)),
                None => Reflect::get(&data, &"bytes".into())
                    .ok()
                    .and_then(|b| b.dyn_into::<Uint8Array>().ok())
                    .and_then(|b| wire::decode(&b.to_vec()).ok())
                    .map(Ok),
            };
            if result.is_none() {
                web_sys::console::warn_1(&"gouji-worker: a helper's tables could not be read; reading the part here".into());
            }
            let effects = SCHEDULER.with(|s| s.borrow_mut().answered(part, result));
            carry_out(effects, None);
        }
        Ok(FromHelper::Fatal { message }) => helper_failed(slot, &message),
        Err(e) => helper_failed(slot, &format!("unreadable message: {e}")),
    }
}

/// A helper that failed is ended and replaced; the parts it had are read here.
fn helper_failed(slot: usize, why: &str) {
    web_sys::console::warn_1(&format!("gouji-worker: helper {slot} failed ({why}); a new one starts").into());
    let effects = SCHEDULER.with(|s| s.borrow_mut().failed(slot));
    carry_out(effects, None);
}

/// Every part is in: the parts joined, then the check as for files read whole.
fn finish(job: u64, mut check: Check, splits: Vec<Parts<FileTables, ErrorView>>) {
    let limits = Limits::default();
    for split in splits {
        let list = if split.file.prior { &mut check.prior } else { &mut check.files };
        let Some(file) = list.get_mut(split.file.file) else { continue };
        let of = split.parts.len();
        let parts: Result<Vec<FileTables>, ErrorView> = split.parts.into_iter().collect();
        let joined = parts.and_then(|parts| FileTables::join(parts, &file.name, &limits).map_err(|e| error_view(&e)));
        match joined {
            Ok(tables) => {
                file.tables = Some(tables);
                file.parts = of;
                file.bytes = Vec::new();
            }
            // The prior year's file failing is said beside the current year's results, as when
            // it is read whole: leave it to be read (and fail) whole.
            Err(_) if split.file.prior => {}
            Err(error) => {
                super::worker::post_failed(job, error);
                return;
            }
        }
    }
    super::worker::finish_analyse(job, check.files, check.prior, check.text);
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

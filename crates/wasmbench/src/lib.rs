//! The core's pipeline compiled to WebAssembly and timed in Node, to compare wasm with native
//! and to profile it (`node --cpu-prof`). Built and run by `./x bench-wasm FILE`
//! (tests/bench/wasm-core.mjs); `cargo run --release -p gouji-wasmbench FILE` runs it natively.
//!
//! Exports: `bench_alloc(len) -> ptr` for the file's bytes, then `bench_read(ptr, len)`, `bench_recognise()`,
//! `bench_check()` (each returns a count, so that nothing is optimised away; negative on error).
//! Natively, `main` runs the same three phases on a file and prints their times.

use std::cell::RefCell;

use gouji_core::read::ReadFile;
use gouji_core::{Budget, Limits};

thread_local! {
    static READ: RefCell<Vec<ReadFile>> = const { RefCell::new(Vec::new()) };
    static BUDGETS: RefCell<Vec<Budget>> = const { RefCell::new(Vec::new()) };
}

/// Memory for `len` bytes, leaked until the module is dropped (one file per instance).
#[no_mangle]
pub extern "C" fn bench_alloc(len: usize) -> *mut u8 {
    Box::leak(vec![0u8; len].into_boxed_slice()).as_mut_ptr()
}

/// # Safety
/// `ptr..ptr+len` must be memory returned by `bench_alloc(len)`.
#[no_mangle]
pub unsafe extern "C" fn bench_read(ptr: *const u8, len: usize) -> i64 {
    let bytes = unsafe { std::slice::from_raw_parts(ptr, len) };
    read_bytes(bytes)
}

pub fn read_bytes(bytes: &[u8]) -> i64 {
    match gouji_core::read::read_file("bench.xlsx", bytes, &Limits::default()) {
        Ok(f) => {
            let n = f.grids.len() as i64;
            READ.with(|r| *r.borrow_mut() = vec![f]);
            n
        }
        Err(_) => -1,
    }
}

#[no_mangle]
pub extern "C" fn bench_recognise() -> i64 {
    let budgets = READ.with(|r| gouji_core::recognise::recognise(&r.borrow()));
    let n = budgets.len() as i64;
    BUDGETS.with(|b| *b.borrow_mut() = budgets);
    n
}

#[no_mangle]
pub extern "C" fn bench_check() -> i64 {
    BUDGETS.with(|b| b.borrow().iter().map(|b| gouji_core::check(b).findings.len() as i64).sum())
}

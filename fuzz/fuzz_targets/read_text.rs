//! CSV and pasted-text reading under each name (the name picks CSV, TSV or PDF-text splitting).
#![no_main]
use gouji_core::{read, Limits};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = Limits { max_cells_per_sheet: 200_000, ..Limits::default() };
    let name = match data.first().map(|b| b % 3) {
        Some(0) => "a.csv",
        Some(1) => "a.tsv",
        _ => "粘贴文本",
    };
    let _ = read::read_file(name, data.get(1..).unwrap_or_default(), &limits);
});

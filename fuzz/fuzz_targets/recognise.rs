//! Table recognition and the rules on arbitrary grids: text made into a tab-separated grid, so
//! the fuzzer controls every cell.
#![no_main]
use gouji_core::{check, read, recognise, Limits};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let limits = Limits { max_cells_per_sheet: 100_000, ..Limits::default() };
    let Ok(file) = read::read_file("grid.tsv", text.as_bytes(), &limits) else { return };
    for budget in recognise::recognise(std::slice::from_ref(&file)) {
        let _ = check(&budget);
    }
});

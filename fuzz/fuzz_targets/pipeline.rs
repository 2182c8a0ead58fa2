//! The whole pipeline: bytes → budgets → findings, plus year over year against itself.
#![no_main]
use gouji_core::{analyse, yoy, InputFile, Limits};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = Limits {
        max_file_bytes: 4 << 20,
        max_entry_bytes: 32 << 20,
        max_total_uncompressed_bytes: 64 << 20,
        max_cells_per_sheet: 200_000,
        max_cells_per_file: 800_000,
        max_sheets: 64,
        max_pages: 200,
        max_pdf_operations: 2_000_000,
    };
    if let Ok(a) = analyse(&[InputFile { name: "fuzz", bytes: data }], &limits) {
        for r in &a.budgets {
            let _ = yoy::compare_years(&r.budget, &r.budget);
        }
    }
});

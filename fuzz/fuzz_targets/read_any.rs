//! Format sniffing and reading of every format (xlsx, xlsb, xls, ods, CSV, text) from raw bytes.
#![no_main]
use gouji_core::{read, Limits};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Small limits keep each run fast and bounded; the limits themselves are part of what is tested.
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
    let _ = read::read_file("fuzz.xlsx", data, &limits);
});

//! The PDF reader: hayro-syntax's parsing, the content-stream interpreter, fonts, the inflation
//! guard and the layout into rows; when the pages read, the whole pipeline over the same bytes.
#![no_main]
use std::borrow::Cow;

use gouji_core::{analyse, read, InputFile, Limits};
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
    // Keep the fuzzer on the PDF path: inputs that lost their header get one back.
    let data: Cow<[u8]> = if data.starts_with(b"%PDF") {
        Cow::Borrowed(data)
    } else {
        let mut v = b"%PDF-1.7\n".to_vec();
        v.extend_from_slice(data);
        Cow::Owned(v)
    };
    if read::pdf::pages("fuzz.pdf", &data, &limits).is_ok() {
        let _ = analyse(&[InputFile { name: "fuzz.pdf", bytes: &data }], &limits);
    }
});

//! Every input a fuzzer once crashed, hung or blew up on: it must now give a result or a typed
//! error, quickly and without panicking. Files live in tests/data/fuzz-regressions/.

use gouji_core::{analyse, read, InputFile, Limits};

#[test]
fn every_fuzz_found_input_is_handled() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/data/fuzz-regressions");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).expect("regressions folder") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "md") {
            continue;
        }
        let bytes = std::fs::read(&path).expect("readable");
        let limits = Limits { max_file_bytes: 4 << 20, max_entry_bytes: 32 << 20, max_total_uncompressed_bytes: 64 << 20, max_cells_per_sheet: 200_000, max_cells_per_file: 800_000, max_sheets: 64 };
        let _ = read::read_file("fuzz.xlsx", &bytes, &limits);
        for name in ["a.csv", "a.tsv", "粘贴文本"] {
            let _ = read::read_file(name, &bytes, &limits);
        }
        for name in ["fuzz", "grid.tsv"] {
            let _ = analyse(&[InputFile { name, bytes: &bytes }], &limits);
        }
        if let Ok(text) = std::str::from_utf8(&bytes) {
            let _ = gouji_core::narrative::extract_claims(text);
        }
        n += 1;
    }
    eprintln!("{n} fuzz-found inputs handled");
}

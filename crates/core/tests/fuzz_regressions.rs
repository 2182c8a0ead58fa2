//! Every input a fuzzer once crashed, hung or blew up on: it must now give a result or a typed
//! error, quickly and without panicking. Files live in tests/data/fuzz-regressions/.

use gouji_core::{analyse, read, InputFile, Limits};

#[test]
fn every_fuzz_found_input_is_handled() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/data/fuzz-regressions");
    // Panics inside the readers are caught and reported as damaged files, but the browser build
    // aborts on them: none may happen (counted by a hook, which also sees caught ones).
    static PANICS: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());
    static CURRENT: std::sync::Mutex<String> = std::sync::Mutex::new(String::new());
    std::panic::set_hook(Box::new(|info| {
        let file = CURRENT.lock().map(|c| c.clone()).unwrap_or_default();
        PANICS.lock().unwrap().push(format!("{file}: {info}"));
    }));
    let mut n = 0;
    for entry in std::fs::read_dir(dir).expect("regressions folder") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "md") {
            continue;
        }
        let bytes = std::fs::read(&path).expect("readable");
        *CURRENT.lock().unwrap() = path.file_name().unwrap().to_string_lossy().into_owned();
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
    let _ = std::panic::take_hook();
    let panics = PANICS.lock().unwrap();
    assert!(panics.is_empty(), "{} panics:\n{}", panics.len(), panics.join("\n"));
}

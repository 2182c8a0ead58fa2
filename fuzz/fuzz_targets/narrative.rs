//! Narrative claims: extraction from arbitrary text, and checking against the seed's tables.
#![no_main]
use gouji_core::{narrative, read_budgets, InputFile, Limits};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static SEED: OnceLock<gouji_core::Budget> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let seed = SEED.get_or_init(|| {
        let bytes = include_bytes!("../../tests/data/shanghai-stcsm-2021-budget.txt");
        read_budgets(&[InputFile { name: "seed.txt", bytes }], &Limits::default()).expect("seed").0.remove(0)
    });
    let claims = narrative::extract_claims(text);
    let _ = narrative::check_claims(&claims, seed, Some(seed));
});

//! Checking-only timing (budgets moved into their reports, as the app does):
//! `cargo run --release -p gouji-core --example checkbench -- FILE [RUNS]`.
fn main() {
    let path = std::env::args().nth(1).expect("file");
    let runs: usize = std::env::args().nth(2).and_then(|r| r.parse().ok()).unwrap_or(5);
    let bytes = std::fs::read(&path).expect("readable");
    let f = gouji_core::read::read_file(&path, &bytes, &gouji_core::Limits::default()).expect("read");
    let budgets = gouji_core::recognise::recognise(std::slice::from_ref(&f));
    let mut times = Vec::new();
    for _ in 0..runs {
        let copy = budgets.clone();
        let t = std::time::Instant::now();
        let reports: Vec<_> = copy.into_iter().map(gouji_core::check_owned).collect();
        times.push(t.elapsed());
        std::hint::black_box(&reports);
        drop(reports);
    }
    times.sort();
    println!("check {path} ({} budgets): min {:?} median {:?}", budgets.len(), times[0], times[runs / 2]);
}

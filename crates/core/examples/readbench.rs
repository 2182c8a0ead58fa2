//! Read-only timing of one file: `cargo run --release -p gouji-core --example readbench -- FILE [RUNS]`.
fn main() {
    let path = std::env::args().nth(1).expect("file");
    let runs: usize = std::env::args().nth(2).and_then(|r| r.parse().ok()).unwrap_or(5);
    let bytes = std::fs::read(&path).expect("readable");
    let mut times = Vec::new();
    for _ in 0..runs {
        let t = std::time::Instant::now();
        let f = gouji_core::read::read_file(&path, &bytes, &gouji_core::Limits::default()).expect("read");
        times.push(t.elapsed());
        std::hint::black_box(f);
    }
    times.sort();
    println!("read {path}: min {:?} median {:?}", times[0], times[runs / 2]);
}

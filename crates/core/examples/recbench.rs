//! Recognition-only timing: `cargo run --release -p gouji-core --example recbench -- FILE [RUNS]`.
fn main() {
    let path = std::env::args().nth(1).expect("file");
    let runs: usize = std::env::args().nth(2).and_then(|r| r.parse().ok()).unwrap_or(5);
    let bytes = std::fs::read(&path).expect("readable");
    let f = gouji_core::read::read_file(&path, &bytes, &gouji_core::Limits::default()).expect("read");
    let mut times = Vec::new();
    for _ in 0..runs {
        let t = std::time::Instant::now();
        let b = gouji_core::recognise::recognise(std::slice::from_ref(&f));
        times.push(t.elapsed());
        std::hint::black_box(b);
    }
    times.sort();
    println!("recognise {path}: min {:?} median {:?}", times[0], times[runs / 2]);
}

//! The same phases as the wasm module, natively: `cargo run --release -p gouji-wasmbench FILE`.
fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    {
        let path = std::env::args().nth(1).expect("usage: wasmbench FILE");
        let bytes = std::fs::read(&path).expect("readable file");
        for run in 0..3 {
            let t = std::time::Instant::now();
            let sheets = gouji_wasmbench::read_bytes(&bytes);
            let t1 = t.elapsed();
            let units = gouji_wasmbench::bench_recognise();
            let t2 = t.elapsed();
            let findings = gouji_wasmbench::bench_check();
            let t3 = t.elapsed();
            println!(
                "native run {run}: read {:.0} ms ({sheets} sheets) · recognise {:.0} ms ({units} units) · check {:.0} ms ({findings} findings)",
                t1.as_secs_f64() * 1e3,
                (t2 - t1).as_secs_f64() * 1e3,
                (t3 - t2).as_secs_f64() * 1e3
            );
        }
    }
}

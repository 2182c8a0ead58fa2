//! Native pipeline benchmark: read, recognise and reconcile times per workload.
//! `cargo bench -p gouji-core --bench pipeline` (workloads generated in memory from the seed).

use std::time::{Duration, Instant};

use gouji_core::{check, read, read_tables, recognise, wire, FileTables, InputFile, Limits};
use gouji_fixtures::*;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:9.2} ms", d.as_secs_f64() * 1e3)
}

fn bench(name: &str, file: &str, bytes: &[u8], runs: usize) {
    let limits = Limits::default();
    let (mut r, mut g, mut c) = (Vec::new(), Vec::new(), Vec::new());
    let mut rows = 0;
    let mut budgets = 0;
    for _ in 0..runs {
        let t0 = Instant::now();
        let f = read::read_file(file, bytes, &limits).expect("readable");
        let t1 = Instant::now();
        let bs = recognise::recognise(std::slice::from_ref(&f));
        let t2 = Instant::now();
        let reports: Vec<_> = bs.iter().map(check).collect();
        let t3 = Instant::now();
        rows = f.grids.iter().map(|g| g.rows().len()).sum();
        budgets = reports.len();
        assert!(reports.iter().all(|r| r.count(gouji_core::Severity::Error) == 0), "{name}: the workload reconciles");
        r.push(t1 - t0);
        g.push(t2 - t1);
        c.push(t3 - t2);
    }
    let total = median(r.clone()) + median(g.clone()) + median(c.clone());
    println!(
        "{name:<28} {:>8.2} MB {rows:>7} rows {budgets:>5} budgets | read {} | recognise {} | reconcile {} | total {}",
        bytes.len() as f64 / 1e6,
        ms(median(r)),
        ms(median(g)),
        ms(median(c)),
        ms(total)
    );
}

/// A workbook read in two parts as the browser's worker and helper do: each part read and its
/// tables found, the helper's part through the wire, then joined and grouped into budgets.
fn bench_parts(name: &str, file: &str, bytes: &[u8], runs: usize) {
    let limits = Limits::default();
    let input = InputFile { name: file, bytes };
    let (mut p0, mut p1, mut enc, mut dec, mut join) = (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut size = 0;
    for _ in 0..runs {
        let t0 = Instant::now();
        let own = read_tables(input, &limits, read::SheetPart { index: 0, of: 2 }).expect("readable");
        let t1 = Instant::now();
        let other = read_tables(input, &limits, read::SheetPart { index: 1, of: 2 }).expect("readable");
        let t2 = Instant::now();
        let bytes = wire::encode(&other).expect("encodes");
        let t3 = Instant::now();
        let other = wire::decode(&bytes).expect("decodes");
        let t4 = Instant::now();
        let budgets = recognise::assemble(vec![FileTables::join(vec![own, other], file, &limits).expect("joins")]);
        let t5 = Instant::now();
        assert!(!budgets.is_empty());
        size = bytes.len();
        p0.push(t1 - t0);
        p1.push(t2 - t1);
        enc.push(t3 - t2);
        dec.push(t4 - t3);
        join.push(t5 - t4);
    }
    println!(
        "{name:<28} in 2 parts | read+find part 0 {} | part 1 {} | wire {:.1} MB: encode {} decode {} | join+group {}",
        ms(median(p0)),
        ms(median(p1)),
        size as f64 / 1e6,
        ms(median(enc)),
        ms(median(dec)),
        ms(median(join))
    );
}

fn main() {
    let seed = seed_budget();
    println!("gouji native pipeline (median of runs; {} cores)", std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1));
    bench("seed (pasted text)", "seed.txt", SEED_TEXT.as_bytes(), 20);
    bench("seed (xlsx, 8 sheets)", "seed.xlsx", &to_xlsx(&render(&seed, &Layout::default())), 20);
    let units = to_xlsx(&render_units(&many_units(&seed, 200), &Layout::default()));
    bench("200 units (xlsx)", "units.xlsx", &units, 5);
    bench_parts("200 units (xlsx)", "units.xlsx", &units, 5);
    let big = to_xlsx(&render_units(&many_units(&seed, 2_000), &Layout { amounts: AmountStyle::Text, ..Layout::default() }));
    bench("2,000 units (≈20 MB xlsx)", "big.xlsx", &big, 3);
    bench_parts("2,000 units (≈20 MB xlsx)", "big.xlsx", &big, 3);
    let mut sheet = Sheet { name: "all".into(), ..Sheet::default() };
    let mut offset = 0;
    for s in render_units(&many_units(&seed, 290), &Layout { amounts: AmountStyle::Text, ..Layout::default() }) {
        let rows = s.cells.iter().map(|c| c.0).max().unwrap_or(0) + 3;
        sheet.cells.extend(s.cells.into_iter().map(|(r, c, v)| (r + offset, c, v)));
        offset += rows;
    }
    bench("290 units (≈5 MB CSV)", "big.csv", &to_csv(&sheet, CsvEncoding::Utf8Bom), 3);
}

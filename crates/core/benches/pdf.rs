//! Native PDF benchmark: text extraction alone, read (pages → grids), recognise and check, per
//! workload. `cargo bench -p gouji-core --bench pdf` (scripts/bench-pdf.sh runs it and compares
//! with pdf.js and pdfplumber on the same files).
//!
//! Workloads:
//! - real PDFs: the paths in `GOUJI_BENCH_PDFS` (separated by `:`), by default the 25-page
//!   final accounts of 上海市普陀区财政局 under /work/shared/realworld (skipped when absent);
//! - generated: `GOUJI_BENCH_PDF_UNITS` units (default 50: 16 pages a unit, and gouji reads
//!   2,000 pages at most) of the seed printed to one PDF by
//!   `gouji_fixtures::to_pdf`, written to `GOUJI_BENCH_PDF_OUT` (default `target/bench-pdf`) so
//!   that the other readers time the same bytes.
//!
//! `GOUJI_BENCH_RUNS` sets the runs per workload (default 7; 5 for files above 5 MB).
//! Besides the human line, each workload prints a `RESULT` line of tab-separated fields for the
//! script: name, path, pages, bytes, extract ms, read ms, recognise ms, check ms, budgets, runs.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use gouji_core::{check, read, recognise, Limits};
use gouji_fixtures::*;

const REAL_DEFAULT: &str = "/work/shared/realworld/shanghai-putuo-govbudgetchecker/上海市普陀区财政局2024年度部门决算.pdf";

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn bench(name: &str, path: &Path, bytes: &[u8], runs: usize) {
    let limits = Limits::default();
    let file = path.file_name().and_then(|f| f.to_str()).unwrap_or("file.pdf");
    let (mut x, mut r, mut g, mut c) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut pages, mut budgets, mut errors, mut rows) = (0, 0, 0, 0);
    for _ in 0..runs {
        // The PDF's glyphs and ruling lines alone (what pdf.js getTextContent and pdfplumber
        // extract_words compare with) …
        let t0 = Instant::now();
        let p = match read::pdf::pages(file, bytes, &limits) {
            Ok(p) => p,
            Err(e) => {
                println!("skipped {name}: gouji cannot read it: {e}");
                return;
            }
        };
        let t1 = Instant::now();
        pages = p.len();
        drop(p);
        // … then the whole read (extraction again, layout into rows and cells, one grid),
        // recognition of the tables and units, and every check.
        let t2 = Instant::now();
        let f = read::read_file(file, bytes, &limits).expect("a readable PDF");
        let t3 = Instant::now();
        let bs = recognise::recognise(std::slice::from_ref(&f));
        let t4 = Instant::now();
        let reports: Vec<_> = bs.iter().map(check).collect();
        let t5 = Instant::now();
        rows = f.grids.iter().map(|g| g.rows().len()).sum();
        budgets = reports.len();
        errors = reports.iter().map(|r| r.count(gouji_core::Severity::Error)).sum();
        x.push(t1 - t0);
        r.push(t3 - t2);
        g.push(t4 - t3);
        c.push(t5 - t4);
    }
    let (x, r, g, c) = (median(x), median(r), median(g), median(c));
    println!(
        "{name:<34} {pages:>5} pages {:>7.2} MB {rows:>7} rows {budgets:>4} budgets {errors:>4} errors | extract {:9.2} ms | \
         read {:9.2} ms | recognise {:8.2} ms | check {:8.2} ms | read+check {:9.2} ms (median of {runs})",
        bytes.len() as f64 / 1e6,
        ms(x),
        ms(r),
        ms(g),
        ms(c),
        ms(r + g + c),
    );
    println!(
        "RESULT\t{name}\t{}\t{pages}\t{}\t{:.3}\t{:.3}\t{:.3}\t{:.3}\t{budgets}\t{runs}",
        path.display(),
        bytes.len(),
        ms(x),
        ms(r),
        ms(g),
        ms(c)
    );
}

fn runs_for(bytes: &[u8]) -> usize {
    std::env::var("GOUJI_BENCH_RUNS").ok().and_then(|n| n.parse().ok()).unwrap_or(if bytes.len() > 5_000_000 { 5 } else { 7 })
}

fn main() {
    // `cargo bench` passes `--bench`; any other argument is a PDF to time as well.
    let extra: Vec<PathBuf> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).map(PathBuf::from).collect();
    println!(
        "gouji native PDF reading (median of runs; {} cores; the extract column is the pdf reader's glyphs alone, \
         read+check = read + recognise + check)",
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
    );
    let real: Vec<PathBuf> = match std::env::var("GOUJI_BENCH_PDFS") {
        Ok(v) => v.split(':').filter(|s| !s.is_empty()).map(PathBuf::from).collect(),
        Err(_) => vec![PathBuf::from(REAL_DEFAULT)],
    };
    for p in real.iter().chain(&extra) {
        match std::fs::read(p) {
            Ok(bytes) => bench(&format!("real: {}", p.file_stem().and_then(|s| s.to_str()).unwrap_or("?")), p, &bytes, runs_for(&bytes)),
            Err(e) => println!("skipped {}: {e} (the real-world PDFs live under /work/shared/realworld)", p.display()),
        }
    }

    let units: i64 = std::env::var("GOUJI_BENCH_PDF_UNITS").ok().and_then(|n| n.parse().ok()).unwrap_or(50);
    if units <= 0 {
        return;
    }
    let out = PathBuf::from(std::env::var("GOUJI_BENCH_PDF_OUT").unwrap_or_else(|_| {
        let target = std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../../target").into());
        format!("{target}/bench-pdf")
    }));
    std::fs::create_dir_all(&out).expect("output folder");
    let out = out.canonicalize().unwrap_or(out);
    let path = out.join(format!("units-{units}.pdf"));
    let t0 = Instant::now();
    // Each unit printed as its own eight tables (`render`, as seed.pdf is), one after another:
    // `render_units` stacks a unit's tables on one sheet, which prints with shared column widths.
    let sheets: Vec<Sheet> = many_units(&seed_budget(), units).iter().flat_map(|b| render(b, &Layout::default())).collect();
    let pdf = match to_pdf(&sheets, &PdfStyle::default()) {
        Ok(pdf) => pdf,
        Err(e) => {
            println!("skipped the generated PDF: {e}");
            return;
        }
    };
    println!(
        "generated {units} units as PDF in {:.1} s: {} ({:.2} MB)",
        t0.elapsed().as_secs_f64(),
        path.display(),
        pdf.len() as f64 / 1e6
    );
    std::fs::write(&path, &pdf).expect("written");
    bench(&format!("generated: {units} units"), &path, &pdf, runs_for(&pdf));
}

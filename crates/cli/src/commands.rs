//! One function per mode. Each runs the core, prints, and returns the counts the exit status
//! is decided from.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::time::Instant;

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use crate::args::{BatchArgs, CheckArgs, DiffArgs, Format, ReviewArgs, RulesArgs};
use crate::input::{self, Narrative, Submission};
use crate::output::{self, BatchTotals};

pub use crate::input::Tally;

/// `gouji check PATH...`: each path one submission, reported in full.
pub fn check(a: &CheckArgs) -> Result<Tally> {
    let limits = a.limits.limits();
    let narrative = narrative(a, &limits)?;
    // Order is kept: results come back in the order the paths were given.
    let subs: Vec<Submission> = a.paths.par_iter().map(|p| input::check_path(p, &limits, narrative.as_ref())).collect();
    let mut out = BufWriter::new(io::stdout().lock());
    output::findings(&mut out, a.format, &subs, a.display, None)?;
    out.flush()?;
    if let Some(dir) = &a.markup {
        markup(dir, &a.paths, &subs, &limits, a.display.lang == crate::args::Lang::Zh)?;
    }
    Ok(Tally::of(&subs))
}

/// `--markup DIR`: each .xlsx / .xlsm checked, marked up into DIR; a file that cannot be marked up
/// is said on stderr and skipped (its findings were printed all the same).
fn markup(dir: &std::path::Path, paths: &[std::path::PathBuf], subs: &[Submission], limits: &gouji_core::Limits, zh: bool) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("--markup {}", dir.display()))?;
    for (path, sub) in paths.iter().zip(subs) {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let lower = name.to_ascii_lowercase();
        let (Ok(reports), true) = (&sub.outcome, lower.ends_with(".xlsx") || lower.ends_with(".xlsm")) else { continue };
        let bytes = std::fs::read(path).with_context(|| format!("{}", path.display()))?;
        let listed: Vec<gouji_core::markup::Listed<'_>> =
            reports.iter().flat_map(|r| &r.findings).map(|f| gouji_core::markup::Listed { finding: f, review: String::new() }).collect();
        match gouji_core::markup::mark_up(&bytes, limits, &listed, zh) {
            Ok(marked) => {
                let (stem, ext) = name.rsplit_once('.').unwrap_or((&name, "xlsx"));
                let out = dir.join(format!("{stem}-勾稽标注.{ext}"));
                std::fs::write(&out, marked).with_context(|| format!("{}", out.display()))?;
                eprintln!("gouji: {}", out.display());
            }
            Err(e) => eprintln!("gouji: {}: {e}", path.display()),
        }
    }
    Ok(())
}

/// `--text` and `--prior`, read once for all submissions. A file that cannot be read is an error
/// of the command line (exit status 2), not of a submission.
fn narrative(a: &CheckArgs, limits: &gouji_core::Limits) -> Result<Option<Narrative>> {
    if a.text.is_none() && a.prior.is_none() {
        return Ok(None);
    }
    let text = match &a.text {
        Some(p) => Some(input::text_at(p, limits).map_err(|e| anyhow::anyhow!("--text {}: {}", p.display(), e.message_en))?),
        None => None,
    };
    let prior = match &a.prior {
        Some(p) => input::budgets_at(p, limits).map_err(|e| anyhow::anyhow!("--prior {}: {}", p.display(), e.message_en))?,
        None => Vec::new(),
    };
    Ok(Some(Narrative { text, prior }))
}

/// `gouji diff OLD NEW`: two years of a budget, amount by amount.
pub fn diff(a: &DiffArgs) -> Result<Tally> {
    let limits = a.limits.limits();
    let read = |p: &std::path::Path| input::budgets_at(p, &limits).map_err(|e| (p.display().to_string(), e));
    let (old, new) = match (read(&a.old), read(&a.new)) {
        (Ok(o), Ok(n)) => (o, n),
        (Err((path, e)), _) | (_, Err((path, e))) => {
            // Unreadable input: said on stderr, exit status 2.
            let message = a.display.lang.pick(&e.message_zh, &e.message_en).to_string();
            let _ = writeln!(io::stderr(), "gouji: {path}: [{}] {message}", e.kind);
            return Ok(Tally { unreadable: 1, ..Tally::default() });
        }
    };
    let diffs = output::diff::pair(&old, &new);
    let mut out = BufWriter::new(io::stdout().lock());
    output::diff::write(&mut out, a, &a.old.display().to_string(), &a.new.display().to_string(), &diffs)?;
    out.flush()?;
    Ok(Tally { submissions: 2, budgets: old.len() + new.len(), ..Tally::default() })
}

/// `gouji batch DIR`: every file under DIR its own submission, checked in parallel.
pub fn batch(a: &BatchArgs) -> Result<Tally> {
    let start = Instant::now();
    let limits = a.limits.limits();
    let found = input::walk(&a.dir);
    let pool = rayon::ThreadPoolBuilder::new()
        // 0 lets rayon choose (one thread per CPU).
        .num_threads(a.jobs.map_or(0, usize::from))
        .build()
        .context("cannot start worker threads")?;
    let bar = progress_bar(found.len() as u64, a.quiet)?;
    let subs: Vec<Submission> = pool.install(|| {
        found
            .par_iter()
            .map(|f| {
                let s = match f {
                    Ok(path) => input::check_file(path, &limits),
                    Err((path, e)) => input::unreadable(path, e),
                };
                bar.inc(1);
                s
            })
            .collect()
    });
    bar.finish_and_clear();
    let tally = Tally::of(&subs);
    let totals = BatchTotals { tally, elapsed: start.elapsed() };
    let mut out = BufWriter::new(io::stdout().lock());
    match a.format {
        Format::Text => output::batch_summary(&mut out, &subs, &totals, a.display)?,
        format => output::findings(&mut out, format, &subs, a.display, Some(&totals))?,
    }
    out.flush()?;
    Ok(tally)
}

/// `gouji review PATH...`: the 检查表 of each document, printed, and written as .xlsx with `--out`.
pub fn review(a: &ReviewArgs) -> Result<Tally> {
    let limits = a.limits.limits();
    let text = match &a.text {
        Some(p) => Some(input::text_at(p, &limits).map_err(|e| anyhow::anyhow!("--text {}: {}", p.display(), e.message_en))?),
        None => None,
    };
    let mut sheets = Vec::new();
    let mut tally = Tally::default();
    for path in &a.paths {
        tally.submissions += 1;
        match input::review_path(path, &limits, text.as_deref()) {
            Ok((reports, text)) => {
                for r in &reports {
                    tally.budgets += 1;
                    tally.errors += r.count(gouji_core::Severity::Error);
                    tally.warnings += r.count(gouji_core::Severity::Warning);
                    sheets.push((path.display().to_string(), gouji_core::review::checklist(r, text.as_deref())));
                }
            }
            Err(e) => {
                tally.unreadable += 1;
                let _ =
                    writeln!(io::stderr(), "gouji: {}: [{}] {}", path.display(), e.kind, a.display.lang.pick(&e.message_zh, &e.message_en));
            }
        }
    }
    let mut out = BufWriter::new(io::stdout().lock());
    for (file, list) in &sheets {
        output::review::text(&mut out, file, list, a.display.lang)?;
    }
    if let Some(path) = &a.out {
        let bytes = gouji_core::review::xlsx(&sheets).context("cannot write the 检查表 workbook")?;
        std::fs::write(path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
        writeln!(
            out,
            "{}",
            a.display.lang.pick(&format!("检查表已写入 {}", path.display()), &format!("检查表 written to {}", path.display()))
        )?;
    }
    out.flush()?;
    Ok(tally)
}

/// `gouji rules`: the registry.
pub fn rules(a: &RulesArgs) -> Result<Tally> {
    let mut out = BufWriter::new(io::stdout().lock());
    output::rules(&mut out, a.format, a.display)?;
    out.flush()?;
    Ok(Tally::default())
}

/// A bar on stderr, drawn only for a person watching a terminal.
fn progress_bar(len: u64, quiet: bool) -> Result<ProgressBar> {
    if quiet || !io::stderr().is_terminal() {
        return Ok(ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::hidden()));
    }
    let style = ProgressStyle::with_template("{spinner} {elapsed_precise} [{wide_bar}] {pos}/{len} files ({per_sec}, ETA {eta})")
        .context("progress bar template")?
        .progress_chars("=> ");
    Ok(ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr()).with_style(style))
}

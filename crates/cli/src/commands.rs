//! One function per mode. Each runs the core, prints, and returns the counts the exit status
//! is decided from.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::time::Instant;

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use crate::args::{BatchArgs, CheckArgs, Format, RulesArgs};
use crate::input::{self, Submission};
use crate::output::{self, BatchTotals};

pub use crate::input::Tally;

/// `gouji check PATH...`: each path one submission, reported in full.
pub fn check(a: &CheckArgs) -> Result<Tally> {
    let limits = a.limits.limits();
    // Order is kept: results come back in the order the paths were given.
    let subs: Vec<Submission> = a.paths.par_iter().map(|p| input::check_path(p, &limits)).collect();
    let mut out = BufWriter::new(io::stdout().lock());
    output::findings(&mut out, a.format, &subs, a.display, None)?;
    out.flush()?;
    Ok(Tally::of(&subs))
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

//! `gouji` (勾稽): check Chinese government department budgets (部门预算/决算) from the command line.
//!
//! A budget submission is a spreadsheet (xlsx, xlsm, xlsb, xls, ods), CSV/TSV files, or text copied
//! out of a PDF. gouji finds the standard tables in it (收支总表, 收入总表, 支出总表, …, 三公经费表),
//! checks the reconciliation relations between and within them (勾稽关系), and reports every break
//! pinned to the cells that take part. All the reading and checking is done by `gouji-core`; this
//! binary only finds files, runs the core, and prints.
//!
//! ```text
//! gouji check budget.xlsx              # one submission, findings for people
//! gouji check tables/ --format json    # a folder of CSVs is one submission; JSON for tools
//! gouji batch archive/ --jobs 4        # every file under a folder, each its own submission
//! gouji rules --format markdown        # the rules gouji checks
//! gouji check --text 说明.txt --prior 2020.xlsx 2021.xlsx   # the narrative too (docs/relations.md §13-15)
//! gouji diff 2020.xlsx 2021.xlsx --sort size                # year over year, largest changes first
//! ```
//!
//! Exit status: 0 when no finding is an error, 1 when some finding is an error, 2 when some input
//! could not be read (or the command line was wrong). 2 wins over 1.

mod args;
mod commands;
mod input;
mod output;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use args::{Cli, Command};
use commands::Tally;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(a) => commands::check(&a),
        Command::Batch(a) => commands::batch(&a),
        Command::Rules(a) => commands::rules(&a),
        Command::Diff(a) => commands::diff(&a),
        Command::Review(a) => commands::review(&a),
    };
    match result {
        Ok(tally) => ExitCode::from(exit_code(&tally)),
        // A closed pipe (`gouji check … | head`) is how a reader says it has seen enough.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "gouji: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// The one place the exit status is decided.
fn exit_code(tally: &Tally) -> u8 {
    if tally.unreadable > 0 {
        2
    } else if tally.errors > 0 {
        1
    } else {
        0
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().filter_map(|c| c.downcast_ref::<std::io::Error>()).any(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
}

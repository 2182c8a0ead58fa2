//! Everything printed on stdout: findings as text (for people), JSON (the contract other tools
//! rely on) and CSV (one row per finding), the batch summary, and the rule registry.

mod csv_rows;
pub mod diff;
mod json;
pub mod review;
mod text;

use std::io::{self, IsTerminal, Write};
use std::time::Duration;

use crate::args::{Color, Display, Format, RulesFormat};
use crate::input::{Submission, Tally};

/// What a batch run adds to its report: counts and time.
#[derive(Debug, Clone, Copy)]
pub struct BatchTotals {
    pub tally: Tally,
    pub elapsed: Duration,
}

impl BatchTotals {
    pub fn budgets_per_second(&self) -> f64 {
        let secs = self.elapsed.as_secs_f64();
        if secs > 0.0 {
            self.tally.budgets as f64 / secs
        } else {
            0.0
        }
    }
}

/// Every finding of every submission, in the chosen format.
pub fn findings(
    out: &mut impl Write,
    format: Format,
    subs: &[Submission],
    display: Display,
    totals: Option<&BatchTotals>,
) -> io::Result<()> {
    match format {
        Format::Text => text::findings(out, subs, display.lang, Paint::new(display.color)),
        Format::Json => json::findings(out, subs, totals),
        Format::Csv => csv_rows::findings(out, subs),
    }
}

/// One line per file, then the totals (text batch output).
pub fn batch_summary(out: &mut impl Write, subs: &[Submission], totals: &BatchTotals, display: Display) -> io::Result<()> {
    text::batch_summary(out, subs, totals, display.lang, Paint::new(display.color))
}

/// The rule registry.
pub fn rules(out: &mut impl Write, format: RulesFormat, display: Display) -> io::Result<()> {
    match format {
        RulesFormat::Text => text::rules(out, display.lang, Paint::new(display.color)),
        RulesFormat::Json => json::rules(out),
        RulesFormat::Markdown => out.write_all(gouji_core::rules::markdown_table().as_bytes()),
    }
}

/// ANSI colours, or nothing.
#[derive(Clone, Copy, Debug)]
pub struct Paint {
    on: bool,
}

impl Paint {
    pub fn new(color: Color) -> Paint {
        let on = match color {
            Color::Always => true,
            Color::Never => false,
            // https://no-color.org: set and not empty means no colour.
            Color::Auto => io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        };
        Paint { on }
    }

    fn wrap(self, code: &str, s: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    pub fn bold(self, s: &str) -> String {
        self.wrap("1", s)
    }
    pub fn dim(self, s: &str) -> String {
        self.wrap("2", s)
    }
    pub fn red(self, s: &str) -> String {
        self.wrap("1;31", s)
    }
    pub fn yellow(self, s: &str) -> String {
        self.wrap("33", s)
    }
    pub fn cyan(self, s: &str) -> String {
        self.wrap("36", s)
    }
    pub fn green(self, s: &str) -> String {
        self.wrap("32", s)
    }
}

/// Decimal amounts as plain strings (`1234.5`, never exponent notation) for JSON and CSV.
fn amount(d: Option<rust_decimal::Decimal>) -> Option<String> {
    d.map(|d| d.normalize().to_string())
}

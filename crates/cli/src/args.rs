//! The command line (clap derive).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use gouji_core::Limits;

#[derive(Parser, Debug)]
#[command(
    name = "gouji",
    version,
    about = "Check Chinese department budget tables (部门预算) for reconciliation errors (勾稽关系)",
    after_help = "Exit status: 0 no error findings, 1 some error findings, 2 some input could not be read."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check budget submissions: each PATH is a file, or a folder whose files form one submission.
    Check(CheckArgs),
    /// Check every file under DIR (recursively), each file its own submission, in parallel.
    Batch(BatchArgs),
    /// List the rules gouji checks.
    Rules(RulesArgs),
    /// Compare two years of a budget: every amount by code (or summary line) and column.
    Diff(DiffArgs),
    /// Fill in the reviewer's 检查表 for each document (a PDF, or tables with --text): 是/否 per
    /// check item, with the evidence of every 否; --out writes it as .xlsx (one sheet per document
    /// and a summary).
    Review(ReviewArgs),
}

#[derive(Args, Debug)]
pub struct ReviewArgs {
    #[command(flatten)]
    pub display: Display,
    #[command(flatten)]
    pub limits: LimitArgs,
    /// Write the 检查表 as an .xlsx workbook here.
    #[arg(long, short, value_name = "FILE.xlsx")]
    pub out: Option<PathBuf>,
    /// The document's text, when PATH holds only its tables.
    #[arg(long, value_name = "FILE")]
    pub text: Option<PathBuf>,
    /// Documents: each a file, or a folder whose files form one document.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    #[command(flatten)]
    pub display: Display,
    #[command(flatten)]
    pub limits: LimitArgs,
    /// Narrative text to check against the tables (docs/relations.md §13-15): the published explanation
    /// (预算编制说明, 其他相关情况说明, project descriptions) or the whole document as text.
    #[arg(long, value_name = "FILE")]
    pub text: Option<PathBuf>,
    /// The prior year's budget (a file or folder), for the text's year-over-year claims. Without
    /// --text, the text found in PATH itself (a text file) is checked.
    #[arg(long, value_name = "FILE")]
    pub prior: Option<PathBuf>,
    /// Write a marked-up copy of each .xlsx / .xlsm checked into DIR (`NAME-勾稽标注.xlsx`): the
    /// wrong cells filled and noted where they are, and a sheet listing the findings.
    #[arg(long, value_name = "DIR")]
    pub markup: Option<PathBuf>,
    /// Budget files, or folders whose files (not recursive, hidden files skipped) form one submission.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

#[derive(Args, Debug)]
pub struct DiffArgs {
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Row order within each table: as the tables list them, or the largest change first.
    #[arg(long, value_enum, default_value_t = Sort::Table)]
    pub sort: Sort,
    /// Text output: list unchanged amounts too (JSON and CSV always list every amount).
    #[arg(long)]
    pub all: bool,
    #[command(flatten)]
    pub display: Display,
    #[command(flatten)]
    pub limits: LimitArgs,
    /// The earlier year's budget (a file, or a folder whose files form one submission).
    #[arg(value_name = "OLD")]
    pub old: PathBuf,
    /// The later year's budget.
    #[arg(value_name = "NEW")]
    pub new: PathBuf,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sort {
    /// The tables' own row order.
    Table,
    /// Largest absolute change first (within each table).
    Size,
}

#[derive(Args, Debug)]
pub struct BatchArgs {
    /// Text prints one summary line per file; json and csv print every finding.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    #[command(flatten)]
    pub display: Display,
    #[command(flatten)]
    pub limits: LimitArgs,
    /// Files checked at once (default: one per CPU).
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// No progress bar.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// The folder to check (hidden files and folders are skipped).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
}

#[derive(Args, Debug)]
pub struct RulesArgs {
    #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
    pub format: RulesFormat,
    #[command(flatten)]
    pub display: Display,
}

#[derive(Args, Debug, Clone, Copy)]
pub struct Display {
    /// Language of messages in text output (JSON and CSV carry both).
    #[arg(long, value_enum, default_value_t = Lang::Zh)]
    pub lang: Lang,
    /// Colour text output: auto = when stdout is a terminal and NO_COLOR is not set.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Csv,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum RulesFormat {
    Text,
    Json,
    Markdown,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    /// Picks the Chinese or the English text.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Color {
    Auto,
    Always,
    Never,
}

/// Reading limits (sizes take a K, M or G suffix, binary: `200M`). Defaults are the core's.
#[derive(Args, Debug, Clone, Copy)]
pub struct LimitArgs {
    /// Largest input file.
    #[arg(long, value_name = "BYTES", value_parser = parse_bytes)]
    pub max_file_size: Option<u64>,
    /// Largest uncompressed part (one sheet's XML) of an xlsx/ods.
    #[arg(long, value_name = "BYTES", value_parser = parse_bytes)]
    pub max_entry_size: Option<u64>,
    /// Largest uncompressed size of all parts of an xlsx/ods together.
    #[arg(long, value_name = "BYTES", value_parser = parse_bytes)]
    pub max_total_uncompressed: Option<u64>,
    /// Most cells (used rows × columns) in one sheet.
    #[arg(long, value_name = "N")]
    pub max_cells: Option<u64>,
    /// Most cells in one file (the used ranges of its sheets added up).
    #[arg(long, value_name = "N")]
    pub max_cells_per_file: Option<u64>,
    /// Most sheets in one workbook.
    #[arg(long, value_name = "N")]
    pub max_sheets: Option<usize>,
    /// Most pages in one PDF.
    #[arg(long, value_name = "N")]
    pub max_pages: Option<usize>,
}

impl LimitArgs {
    pub fn limits(&self) -> Limits {
        let mut l = Limits::default();
        if let Some(v) = self.max_file_size {
            l.max_file_bytes = v;
        }
        if let Some(v) = self.max_entry_size {
            l.max_entry_bytes = v;
        }
        if let Some(v) = self.max_total_uncompressed {
            l.max_total_uncompressed_bytes = v;
        }
        if let Some(v) = self.max_cells {
            l.max_cells_per_sheet = v;
        }
        if let Some(v) = self.max_cells_per_file {
            l.max_cells_per_file = v;
        }
        if let Some(v) = self.max_pages {
            l.max_pages = v;
        }
        if let Some(v) = self.max_sheets {
            l.max_sheets = v;
        }
        l
    }
}

/// `1048576`, `1024K`, `64M`, `2G` (also `64MiB`, `64MB`: all binary).
fn parse_bytes(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (digits, suffix) = t.split_at(split);
    let n: u64 = digits.parse().map_err(|_| format!("not a size: {s:?} (use e.g. 1048576, 512K, 64M, 2G)"))?;
    let shift = match suffix.trim().to_ascii_uppercase().as_str() {
        "" | "B" => 0,
        "K" | "KB" | "KIB" => 10,
        "M" | "MB" | "MIB" => 20,
        "G" | "GB" | "GIB" => 30,
        _ => return Err(format!("unknown size suffix in {s:?} (use K, M or G)")),
    };
    n.checked_mul(1u64 << shift).ok_or_else(|| format!("size too large: {s:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse() {
        assert_eq!(parse_bytes("1048576"), Ok(1 << 20));
        assert_eq!(parse_bytes("64M"), Ok(64 << 20));
        assert_eq!(parse_bytes("2g"), Ok(2 << 30));
        assert_eq!(parse_bytes("512KiB"), Ok(512 << 10));
        assert!(parse_bytes("12T").is_err());
        assert!(parse_bytes("M").is_err());
        assert!(parse_bytes("99999999999999999999G").is_err());
    }

    #[test]
    fn cli_is_well_formed() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}

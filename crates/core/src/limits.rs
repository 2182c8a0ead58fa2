//! Resource limits, checked before memory is spent (zip bombs and absurd sheet dimensions exist).

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limits {
    /// Largest input file, in bytes.
    pub max_file_bytes: u64,
    /// Largest uncompressed size of one zip entry (a sheet's XML), in bytes.
    pub max_entry_bytes: u64,
    /// Largest uncompressed size of all zip entries together, in bytes.
    pub max_total_uncompressed_bytes: u64,
    /// Most cells (rows × columns of the used range) in one sheet.
    pub max_cells_per_sheet: u64,
    /// Most cells in one file: the used ranges of its sheets added up. Sheets are laid out densely
    /// and held together, so a workbook of many sheets with one far cell each adds up.
    #[serde(default = "default_max_cells_per_file")]
    pub max_cells_per_file: u64,
    /// Most sheets in one workbook.
    pub max_sheets: usize,
    /// Most pages in one PDF.
    #[serde(default = "default_max_pages")]
    pub max_pages: usize,
    /// Most content-stream operators interpreted in one PDF (a page that loops through forms, or
    /// holds millions of drawing operations, stops there).
    #[serde(default = "default_max_pdf_operations")]
    pub max_pdf_operations: u64,
}

fn default_max_pages() -> usize {
    2_000
}

fn default_max_pdf_operations() -> u64 {
    50_000_000
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 64 * 1024 * 1024,
            max_entry_bytes: 256 * 1024 * 1024,
            max_total_uncompressed_bytes: 512 * 1024 * 1024,
            max_cells_per_sheet: 5_000_000,
            max_cells_per_file: default_max_cells_per_file(),
            max_sheets: 4_096,
            max_pages: default_max_pages(),
            max_pdf_operations: default_max_pdf_operations(),
        }
    }
}

fn default_max_cells_per_file() -> u64 {
    10_000_000
}

/// `1536` → `1.5 KiB`, for limit messages.
pub fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 4] = ["B", "KiB", "MiB", "GiB"];
    let mut v = n as f64;
    let mut i = 0;
    while v >= 1024.0 && i + 1 < UNITS.len() {
        v /= 1024.0;
        i += 1;
    }
    if i == 0 {
        format!("{n} B")
    } else {
        format!("{v:.1} {}", UNITS[i])
    }
}

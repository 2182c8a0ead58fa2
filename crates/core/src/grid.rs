//! A sheet as a rectangle of cells: what every input format becomes before recognition.

use crate::cell::{CellRef, CellValue};
use crate::error::{ReadError, ReadErrorKind};
use crate::limits::Limits;

/// Where a grid came from; it decides how cells are addressed in messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GridSource {
    /// A worksheet of a workbook.
    Sheet,
    /// A CSV or TSV file: the sheet name is the file name.
    Delimited,
    /// Text copied from a PDF: rows are lines.
    PastedText,
    /// Text copied from a PDF without tabs: a line's cells are runs split at spaces, so their
    /// positions are not the table's columns (recognise/spaced.rs).
    SpacedText,
    /// A PDF read itself: rows are lines of print, cells are the ruled table's cells.
    Pdf,
}

/// Where a grid cell stands on a printed page (PDF input): the 1-based page and the cell's box
/// `[x0, top, x1, bottom]` in points, y downwards from the top of the page as displayed.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Place {
    pub page: u32,
    pub bbox: [f32; 4],
}

/// One sheet's cells, dense over the bounding box of the cells that hold something.
#[derive(Clone, Debug)]
pub struct Grid {
    pub name: String,
    /// The name shared by every cell reference into this grid.
    sheet: std::sync::Arc<str>,
    pub source: GridSource,
    /// Hidden sheets are read but reported as such.
    pub hidden: bool,
    /// Absolute row and column of the first stored cell.
    pub first_row: u32,
    pub first_col: u32,
    width: u32,
    height: u32,
    cells: Vec<CellValue>,
    /// For a PDF: where each cell is on its page.
    places: std::collections::HashMap<(u32, u32), Place>,
}

static EMPTY: CellValue = CellValue::Empty;

impl Grid {
    pub fn row_count(&self) -> usize {
        if self.height == 0 {
            0
        } else {
            (self.first_row + self.height) as usize
        }
    }

    pub fn col_count(&self) -> usize {
        if self.width == 0 {
            0
        } else {
            (self.first_col + self.width) as usize
        }
    }

    /// Cells that hold something.
    pub fn filled_cells(&self) -> usize {
        self.cells.iter().filter(|c| !c.is_empty()).count()
    }

    /// The cell at an absolute position; empty outside the stored rectangle.
    pub fn get(&self, row: u32, col: u32) -> &CellValue {
        if row < self.first_row || col < self.first_col {
            return &EMPTY;
        }
        let (r, c) = (row - self.first_row, col - self.first_col);
        if r >= self.height || c >= self.width {
            return &EMPTY;
        }
        &self.cells[(r * self.width + c) as usize]
    }

    pub fn get_mut(&mut self, row: u32, col: u32) -> Option<&mut CellValue> {
        if row < self.first_row || col < self.first_col {
            return None;
        }
        let (r, c) = (row - self.first_row, col - self.first_col);
        if r >= self.height || c >= self.width {
            return None;
        }
        Some(&mut self.cells[(r * self.width + c) as usize])
    }

    /// The absolute row numbers, first to last.
    pub fn rows(&self) -> std::ops::Range<u32> {
        self.first_row..self.first_row + self.height
    }

    /// The cells of one absolute row, from column 0 (columns before `first_col` are empty).
    pub fn row(&self, row: u32) -> RowCells<'_> {
        RowCells { grid: self, row }
    }

    pub fn cell_ref(&self, row: u32, col: u32) -> CellRef {
        CellRef { sheet: self.sheet.clone(), row, col }
    }

    pub fn end_col(&self) -> u32 {
        self.first_col + self.width
    }

    /// Where a cell is on its printed page (PDF input only).
    pub fn place(&self, row: u32, col: u32) -> Option<Place> {
        self.places.get(&(row, col)).copied()
    }
}

/// A row view that reads empty before `first_col`.
#[derive(Clone, Copy)]
pub struct RowCells<'g> {
    grid: &'g Grid,
    row: u32,
}

impl<'g> RowCells<'g> {
    pub fn get(&self, col: u32) -> &'g CellValue {
        self.grid.get(self.row, col)
    }
    pub fn len(&self) -> u32 {
        self.grid.end_col()
    }
    pub fn is_empty(&self) -> bool {
        (0..self.len()).all(|c| self.get(c).is_empty())
    }
    /// (column, text) of the text cells only, without allocating.
    pub fn text_cells(&self) -> impl Iterator<Item = (u32, &'g str)> + 'g {
        let me = *self;
        (me.grid.first_col..me.grid.end_col()).filter_map(move |c| match me.get(c) {
            CellValue::Text(t) => Some((c, t.as_str())),
            _ => None,
        })
    }
    /// (column, trimmed text) of every non-empty cell, numbers shown as written.
    pub fn texts(&self) -> impl Iterator<Item = (u32, String)> + 'g {
        let me = *self;
        (me.grid.first_col..me.grid.end_col()).filter_map(move |c| {
            let v = me.get(c);
            if v.is_empty() {
                None
            } else {
                Some((c, v.display()))
            }
        })
    }
}

/// Collects cells in any order, then lays them out densely once the bounding box is known
/// and within the limits.
pub struct GridBuilder {
    name: String,
    source: GridSource,
    hidden: bool,
    cells: Vec<(u32, u32, CellValue)>,
    max_cells: u64,
    places: std::collections::HashMap<(u32, u32), Place>,
}

impl GridBuilder {
    pub fn new(name: impl Into<String>, source: GridSource, limits: &Limits) -> Self {
        GridBuilder {
            name: name.into(),
            source,
            hidden: false,
            cells: Vec::new(),
            max_cells: limits.max_cells_per_sheet,
            places: Default::default(),
        }
    }

    pub fn hidden(mut self, hidden: bool) -> Self {
        self.hidden = hidden;
        self
    }

    /// Adds one cell; refuses once the sheet holds more cells than the limit allows.
    pub fn push(&mut self, row: u32, col: u32, value: CellValue, file: &str) -> Result<(), ReadError> {
        if value.is_empty() {
            return Ok(());
        }
        if self.cells.len() as u64 >= self.max_cells {
            return Err(too_many_cells(file, &self.name, self.max_cells));
        }
        self.cells.push((row, col, value));
        Ok(())
    }

    /// Where a cell pushed (or to be pushed) stands on its page.
    pub fn place(&mut self, row: u32, col: u32, place: Place) {
        self.places.insert((row, col), place);
    }

    /// Cells the grid will hold once laid out: its used range, rows × columns.
    pub fn area(&self) -> u64 {
        let mut cells = self.cells.iter();
        let Some(&(r, c, _)) = cells.next() else { return 0 };
        let (mut r0, mut c0, mut r1, mut c1) = (r, c, r, c);
        for (r, c, _) in cells {
            r0 = r0.min(*r);
            c0 = c0.min(*c);
            r1 = r1.max(*r);
            c1 = c1.max(*c);
        }
        u64::from(r1 - r0 + 1) * u64::from(c1 - c0 + 1)
    }

    pub fn build(self, file: &str) -> Result<Grid, ReadError> {
        let mut grid = Grid {
            sheet: self.name.as_str().into(),
            name: self.name,
            source: self.source,
            hidden: self.hidden,
            first_row: 0,
            first_col: 0,
            width: 0,
            height: 0,
            cells: Vec::new(),
            places: self.places,
        };
        if self.cells.is_empty() {
            return Ok(grid);
        }
        let (mut r0, mut c0, mut r1, mut c1) = (u32::MAX, u32::MAX, 0u32, 0u32);
        for (r, c, _) in &self.cells {
            r0 = r0.min(*r);
            c0 = c0.min(*c);
            r1 = r1.max(*r);
            c1 = c1.max(*c);
        }
        // Columns before the first filled one are kept (width from 0) only when cheap: addresses stay absolute either way.
        let (h, w) = ((r1 - r0 + 1) as u64, (c1 - c0 + 1) as u64);
        if h * w > self.max_cells {
            return Err(span_too_large(file, &grid.name, (r0.into(), c0.into()), (r1.into(), c1.into()), self.max_cells));
        }
        grid.first_row = r0;
        grid.first_col = c0;
        grid.height = h as u32;
        grid.width = w as u32;
        grid.cells = vec![CellValue::Empty; (h * w) as usize];
        for (r, c, v) in self.cells {
            grid.cells[((r - r0) as u64 * w + (c - c0) as u64) as usize] = v;
        }
        Ok(grid)
    }
}

/// A sheet whose used range, from its first to its last filled cell, holds more cells than allowed.
pub(crate) fn span_too_large(file: &str, sheet: &str, (r0, c0): (u64, u64), (r1, c1): (u64, u64), max: u64) -> ReadError {
    let cells = (r1 - r0 + 1).saturating_mul(c1 - c0 + 1);
    let (a, b) =
        (format!("{}{}", crate::cell::column_letters(c0 as u32), r0 + 1), format!("{}{}", crate::cell::column_letters(c1 as u32), r1 + 1));
    ReadError::new(
        ReadErrorKind::TooLarge,
        file,
        format!("工作表“{sheet}”的使用区域为 {a}:{b}，共 {cells} 个单元格，超过上限 {max} 个"),
        format!("sheet \"{sheet}\" spans {a}:{b}, {cells} cells, over the limit of {max} cells per sheet"),
    )
}

/// A file whose sheets' used ranges add up to more cells than allowed.
pub(crate) fn file_too_large(file: &str, max: u64) -> ReadError {
    ReadError::new(
        ReadErrorKind::TooLarge,
        file,
        format!("各工作表的使用区域合计超过 {max} 个单元格，每个文件的上限为 {max} 个"),
        format!("its sheets' used ranges add up to more than {max} cells, the limit per file"),
    )
}

pub(crate) fn too_many_cells(file: &str, sheet: &str, max: u64) -> ReadError {
    ReadError::new(
        ReadErrorKind::TooLarge,
        file,
        format!("工作表“{sheet}”的单元格超过上限 {max} 个"),
        format!("sheet \"{sheet}\" has more than {max} cells, the limit per sheet"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_addresses_survive_offsets() {
        let limits = Limits::default();
        let mut b = GridBuilder::new("S", GridSource::Sheet, &limits);
        b.push(3, 2, CellValue::Text("x".into()), "f").unwrap();
        b.push(5, 4, CellValue::Text("y".into()), "f").unwrap();
        let g = b.build("f").unwrap();
        assert_eq!(g.get(3, 2), &CellValue::Text("x".into()));
        assert_eq!(g.get(5, 4), &CellValue::Text("y".into()));
        assert_eq!(g.get(0, 0), &CellValue::Empty);
        assert_eq!(g.get(99, 99), &CellValue::Empty);
        assert_eq!((g.row_count(), g.col_count()), (6, 5));
    }

    #[test]
    fn a_far_cell_is_refused_before_allocation() {
        let limits = Limits { max_cells_per_sheet: 1000, ..Limits::default() };
        let mut b = GridBuilder::new("S", GridSource::Sheet, &limits);
        b.push(0, 0, CellValue::Text("a".into()), "f").unwrap();
        b.push(1_048_575, 16_383, CellValue::Text("z".into()), "f").unwrap();
        let e = b.build("f").unwrap_err();
        assert_eq!(e.kind, ReadErrorKind::TooLarge);
        assert!(e.message_en().contains("XFD1048576"), "{}", e.message_en());
    }
}

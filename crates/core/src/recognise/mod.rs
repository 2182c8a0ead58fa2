//! Recognition: grids in, budgets out. Tables are found by their titles and header words,
//! never by position; several units' tables in one workbook become several budgets.

mod codes;
mod spaced;
mod table;
pub mod vocab;

use crate::error::ReadError;
use crate::finding::{Finding, Severity};
use crate::grid::{file_too_large, Grid};
use crate::limits::Limits;
use crate::model::Budget;
use crate::read::{FormulaNote, ReadFile};
use crate::rules::reading::{FORMULA_WITHOUT_VALUE, MISSING_UNIT};
pub(crate) use table::Extracted;
use table::{extract, Start};

/// Finds every budget table in the files (read together as one submission) and groups them by unit.
pub fn recognise(files: &[ReadFile]) -> Vec<Budget> {
    assemble(files.iter().map(FileTables::of).collect())
}

/// The tables found in one file (or in some of its sheets), in reading order, before they are
/// grouped into units: what a browser worker that read part of a workbook hands back
/// ([`crate::wire`]). Grouping needs every part, in order (a table without a unit name belongs
/// to the unit named last before it, perhaps on an earlier sheet).
#[derive(Clone, Debug, PartialEq)]
pub struct FileTables {
    pub(crate) tables: Vec<Extracted>,
    pub(crate) formulas: Vec<FormulaNote>,
    /// Sheets (or text files) read.
    pub sheets: usize,
    /// Cells the sheets held as laid out.
    pub cells: u64,
    pub(crate) text: Option<String>,
}

impl FileTables {
    /// Finds the tables on every grid of a file read (whole or in part).
    pub fn of(file: &ReadFile) -> FileTables {
        let mut tables = Vec::new();
        for grid in &file.grids {
            for mut found in tables_in(grid) {
                let table = &found.table;
                for f in &mut found.findings {
                    f.table = Some(table.kind);
                }
                if !found.unit_stated {
                    found.findings.push(missing_unit(table));
                }
                tables.push(found);
            }
        }
        FileTables { tables, formulas: file.formulas.clone(), sheets: file.grids.len(), cells: file.cells(), text: file.text.clone() }
    }

    /// The parts of one file, in order, as if it had been read whole: `too_large` when their
    /// cells together pass `limits.max_cells_per_file` (each part checked only its own).
    pub fn join(parts: Vec<FileTables>, file: &str, limits: &Limits) -> Result<FileTables, ReadError> {
        let mut whole = FileTables { tables: Vec::new(), formulas: Vec::new(), sheets: 0, cells: 0, text: None };
        for part in parts {
            whole.tables.extend(part.tables);
            whole.formulas.extend(part.formulas);
            whole.sheets += part.sheets;
            whole.cells = whole.cells.saturating_add(part.cells);
            whole.text = whole.text.or(part.text);
        }
        if whole.cells > limits.max_cells_per_file {
            return Err(file_too_large(file, limits.max_cells_per_file));
        }
        Ok(whole)
    }

    /// The text of a text file, for the narrative checks.
    pub fn text(&self) -> Option<&str> {
        self.text.as_deref()
    }
}

fn missing_unit(table: &crate::model::Table) -> Finding {
    MISSING_UNIT
        .finding(
            format!("“{}”没有写明金额单位（元或万元）。gouji 不假定单位：与其他表的比较只在单位同样未写明时进行。", table.title),
            format!(
                "\"{}\" does not state its unit (元 or 万元). gouji assumes none: it is compared only with tables whose unit is likewise unstated.",
                table.title
            ),
        )
        .in_table(table.kind)
        .at(vec![table.title_cell.clone()])
}

/// Groups the files' tables by unit, in reading order: a table without a unit name belongs to
/// the unit named last before it in the same file; a unit's tables fill one budget until a kind
/// repeats, which starts the unit's next budget.
pub fn assemble(files: Vec<FileTables>) -> Vec<Budget> {
    assemble_named(files.into_iter().map(|f| (None, f)).collect())
}

/// [`assemble`], each budget knowing the names of the files its tables came from.
pub fn assemble_named(files: Vec<(Option<&str>, FileTables)>) -> Vec<Budget> {
    let mut budgets: Vec<Budget> = Vec::new();
    let mut by_unit: std::collections::HashMap<Option<String>, Vec<usize>> = Default::default();
    for (name, file) in files {
        let mut last_name: Option<String> = None;
        for Extracted { mut table, findings, .. } in file.tables {
            if table.unit_name.is_none() {
                table.unit_name = last_name.clone();
            } else {
                last_name = table.unit_name.clone();
            }
            // The unit's budgets so far, newest last: a table joins the first that lacks its kind.
            let same_unit = by_unit.entry(table.unit_name.clone()).or_default();
            let slot = same_unit.iter().copied().find(|i| budgets[*i].table(table.kind).is_none());
            let budget = match slot {
                Some(i) => &mut budgets[i],
                None => {
                    same_unit.push(budgets.len());
                    budgets.push(Budget {
                        unit_name: table.unit_name.clone(),
                        kind: Default::default(),
                        family: None,
                        year: None,
                        tables: Vec::new(),
                        diagnostics: Vec::new(),
                        files: Vec::new(),
                    });
                    budgets.last_mut().expect("just pushed")
                }
            };
            if let Some(n) = name.filter(|n| !budget.files.iter().any(|f| f == n)) {
                budget.files.push(n.to_string());
            }
            budget.diagnostics.extend(findings);
            budget.tables.push(table);
        }
        attach_formula_notes(&mut budgets, &file.formulas);
    }
    for b in &mut budgets {
        b.year = most_common(b.tables.iter().filter_map(|t| t.year));
        if is_final_accounts(b) {
            b.kind = crate::model::DocKind::FinalAccounts;
            b.family = Some(crate::model::Family::FinalAccounts);
        } else {
            b.family = budget_family(b);
        }
    }
    budgets
}

/// The template family of a budget, from its tables (docs/families.md): Jiangsu's extra tables
/// or the 操作规程's 情况表 titles are the local standard; a 收支总表 with 本年收入合计 (and carry-over
/// lines) or a 收入总表 with a column per fund is central; the 预算总表 / 功能分类预算表 titles are
/// Shanghai's. `None` where the tables do not tell.
fn budget_family(b: &Budget) -> Option<crate::model::Family> {
    use crate::model::{ColumnRole, Family, Line, SummaryLine, TableKind};
    let extras = [TableKind::AppropriationFunction, TableKind::AppropriationBasicEconomic, TableKind::OperatingCost];
    if extras.iter().any(|k| b.table(*k).is_some()) || b.tables.iter().any(|t| t.title.contains("情况表")) {
        return Some(Family::Local);
    }
    let year_subtotal = b.table(TableKind::Summary).is_some_and(|t| {
        t.rows.iter().any(|r| {
            matches!(&r.line, Line::Summary { line: SummaryLine::CurrentIncomeTotal })
                && vocab::normalize(&r.name).starts_with("本年收入合计")
        })
    });
    let fund_columns = b.table(TableKind::Revenue).is_some_and(|t| t.columns.iter().any(|c| c.role == ColumnRole::GeneralPublicBudget));
    if year_subtotal || fund_columns {
        return Some(Family::Central);
    }
    let shanghai = ["财务收支预算总表", "功能分类预算表", "经济分类预算表"];
    if b.tables.iter().any(|t| shanghai.iter().any(|w| t.title.contains(w))) {
        return Some(Family::Shanghai);
    }
    None
}

/// Final accounts: most of the tables are titled 决算, or a column holds 决算数.
fn is_final_accounts(b: &Budget) -> bool {
    let titled = b.tables.iter().filter(|t| t.title.contains("决算")).count();
    let final_cols = b.tables.iter().any(|t| t.columns.iter().any(|c| c.group == crate::model::ColumnGroup::Final));
    titled * 2 > b.tables.len() || (final_cols && titled > 0)
}

fn tables_in(grid: &Grid) -> Vec<Extracted> {
    let mut starts: Vec<Start> = Vec::new();
    for r in grid.rows() {
        // Titles are text naming a 表; most cells are not, and are passed over without allocating.
        for (c, text) in grid.row(r).text_cells() {
            if text.contains('表') {
                if let Some(kind) = vocab::title_kind(text) {
                    starts.push(Start { kind, row: r, col: c, title: text.trim().to_string(), from_name: false });
                    break;
                }
            }
        }
    }
    let mut out = Vec::new();
    for (i, start) in starts.iter().enumerate() {
        let end = starts.get(i + 1).map(|s| s.row).unwrap_or(grid.first_row + grid.rows().len() as u32);
        if let Some(t) = extract(grid, start, end) {
            out.push(t);
        }
    }
    // Tables that name no unit (a 决算's tables, under a heading `上海市普陀区财政局2024年度部门决算表`):
    // the document's heading names it, and the year, for all of them — only where no table of the
    // sheet names a unit of its own.
    if !out.is_empty() && out.iter().all(|t| t.table.unit_name.is_none()) {
        let heading = grid.rows().find_map(|r| grid.row(r).text_cells().find_map(|(_, t)| vocab::document_heading(t)));
        if let Some((unit, year)) = heading {
            for t in &mut out {
                t.table.unit_name = Some(unit.clone());
                t.table.year = t.table.year.or(Some(year));
            }
        }
    }
    // Tables whose titles give no year (Jiangsu's 收支预算总表): the heading above them does,
    // `第二部分 2018年度部门预算表`.
    if out.iter().any(|t| t.table.year.is_none()) {
        if let Some(year) = grid.rows().find_map(|r| grid.row(r).text_cells().find_map(|(_, t)| vocab::document_year(t))) {
            for t in out.iter_mut().filter(|t| t.table.year.is_none()) {
                t.table.year = Some(year);
            }
        }
    }
    if out.is_empty() {
        // No title inside: the sheet's (or CSV file's) name may be the title.
        let name = grid.name.rsplit_once('.').map(|(stem, _)| stem).unwrap_or(&grid.name);
        if let Some(kind) = vocab::title_kind(name).or_else(|| vocab::title_kind(&format!("{name}表"))) {
            let start = Start { kind, row: grid.first_row, col: grid.first_col, title: grid.name.clone(), from_name: true };
            let end = grid.first_row + grid.rows().len() as u32;
            out.extend(extract(grid, &start, end));
        }
    }
    out
}

/// Formula cells without saved values, one finding per sheet for each outcome.
fn attach_formula_notes(budgets: &mut [Budget], notes: &[FormulaNote]) {
    if notes.is_empty() || budgets.is_empty() {
        return;
    }
    let mut sheets: Vec<&str> = notes.iter().map(|n| &*n.cell.sheet).collect();
    sheets.dedup();
    for sheet in sheets {
        let on_sheet: Vec<&FormulaNote> = notes.iter().filter(|n| &*n.cell.sheet == sheet).collect();
        let idx = budgets.iter().position(|b| b.tables.iter().any(|t| t.sheet == sheet)).unwrap_or(0);
        let evaluated: Vec<&FormulaNote> = on_sheet.iter().copied().filter(|n| n.evaluated.is_some()).collect();
        let unevaluated: Vec<&FormulaNote> = on_sheet.iter().copied().filter(|n| n.evaluated.is_none()).collect();
        if !evaluated.is_empty() {
            let zero = evaluated.iter().all(|n| n.zero_cached);
            let (how_zh, how_en) = if zero {
                ("保存的结果都是 0，但按公式计算并不为 0（文件由程序写出、从未计算过）", "store 0 as their result although the formula gives another value (the file was written by a program and never calculated)")
            } else {
                ("没有保存计算结果（常见于程序生成的文件）", "have no saved results (typical of files written by programs)")
            };
            budgets[idx].diagnostics.push(FORMULA_WITHOUT_VALUE
                .finding(
                    format!(
                    "工作表“{sheet}”有 {} 个公式单元格{how_zh}。它们都是简单的 SUM 或加减，gouji 已按公式自行计算，例如 {} = {}。",
                    evaluated.len(), evaluated[0].cell, evaluated[0].formula
                ),
                    format!(
                    "Sheet \"{sheet}\" has {} formula cells that {how_en}. All are plain SUMs or sums and differences, and gouji evaluated them, e.g. {} = {}.",
                    evaluated.len(), evaluated[0].cell, evaluated[0].formula
                ),
                )
                .with_severity(Severity::Warning)
                .at(evaluated.iter().map(|n| n.cell.clone()).collect()));
        }
        if !unevaluated.is_empty() {
            budgets[idx].diagnostics.push(FORMULA_WITHOUT_VALUE
                .finding(
                    format!(
                    "工作表“{sheet}”有 {} 个公式单元格没有保存计算结果，gouji 不猜测其值，这些单元格未参与核对（如 {} = {}）。请在 Excel 中打开并保存后再检查。",
                    unevaluated.len(), unevaluated[0].cell, unevaluated[0].formula
                ),
                    format!(
                    "Sheet \"{sheet}\" has {} formula cells without saved results that gouji does not guess at; they were left out of the checks (e.g. {} = {}). Open and save the file in Excel, then check again.",
                    unevaluated.len(), unevaluated[0].cell, unevaluated[0].formula
                ),
                )
                .with_severity(Severity::Error)
                .at(unevaluated.iter().map(|n| n.cell.clone()).collect()));
        }
    }
}

fn most_common(years: impl Iterator<Item = i32>) -> Option<i32> {
    let mut counts: std::collections::BTreeMap<i32, usize> = Default::default();
    for y in years {
        *counts.entry(y).or_default() += 1;
    }
    counts.into_iter().max_by_key(|(y, n)| (*n, *y)).map(|(y, _)| y)
}

/// Whether any table kind was found at all (used to tell "no budget tables" apart).
pub fn any_tables(budgets: &[Budget]) -> bool {
    budgets.iter().any(|b| !b.tables.is_empty())
}

//! Tables in text copied out of a PDF without tabs (select all → copy): each line's cells are
//! runs split at spaces, so a cell's position in the line is not its column. Blank cells are
//! gone, codes come as `201 03 01`, headers wrap. What can be read with certainty is read, and
//! nothing is guessed:
//!
//! - the header's amount columns are its amount words in reading order (a group word such as
//!   公务用车购置及运行费 stands for the 小计/购置费/运行费 under it);
//! - a data row is placed when it has exactly one amount per column (of its half, in a
//!   two-sided table): then the amounts are the columns, in order;
//! - any other row with amounts is *not placed*: kept in the table with no readable amount (so
//!   it takes part in no sum and no comparison, like an unreadable cell) and listed in one GJ006
//!   finding per table, which says to drop the PDF itself.

use super::codes::{code_part, join_parts, split_code_name, CodePart};
use super::table::{amount_of, Start};
use super::vocab::{self, header_role, is_total_label, HeaderRole};
use crate::cell::CellRef;
use crate::finding::Finding;
use crate::grid::Grid;
use crate::model::{Amount, Code, CodeSystem, Column, ColumnRole as R, Half, Line, Row, TableKind};
use crate::rules::reading::UNPLACED_ROWS;

/// The amount columns of a table from its header rows' words in reading order.
pub(super) fn columns(grid: &Grid, kind: TableKind, header_rows: &[u32]) -> Vec<Column> {
    let mut words: Vec<(u32, String)> = Vec::new();
    for r in header_rows {
        for (c, t) in grid.row(*r).texts() {
            if vocab::money_unit(&t).is_none() && vocab::unit_name(&t).is_none() {
                words.push((c, t));
            }
        }
    }
    let mut cols: Vec<Column> = Vec::new();
    let mut names_seen = 0;
    for (c, w) in &words {
        match header_role(kind, w, w) {
            Some(HeaderRole::Name) => names_seen += 1,
            Some(HeaderRole::Amount(role)) => {
                let half = if !kind.two_halves() {
                    Half::Whole
                } else if names_seen >= 2 {
                    Half::Expenditure
                } else {
                    Half::Income
                };
                cols.push(Column { role, half, group: Default::default(), header: w.clone(), col: *c });
            }
            _ => {}
        }
    }
    if kind == TableKind::ThreePublic {
        three_public_order(&mut cols);
    }
    cols
}

/// The 三公 header read in order: the group word 公务用车购置及运行费 heads 小计 · 购置费 · 运行费
/// (which take its place), and 机关运行经费, a right-hand column whose header wraps above the
/// others, goes last.
fn three_public_order(cols: &mut Vec<Column>) {
    if let Some(g) = cols.iter().position(|c| c.role == R::Vehicle) {
        let sub_total = (g + 1..cols.len()).find(|&i| cols[i].role == R::Total);
        let parts: Vec<usize> = (g + 1..cols.len()).filter(|&i| matches!(cols[i].role, R::VehiclePurchase | R::VehicleOperation)).collect();
        if let (Some(st), false) = (sub_total, parts.is_empty()) {
            let mut take: Vec<usize> = std::iter::once(st).chain(parts).collect();
            take.sort_unstable();
            let under: Vec<Column> = take
                .iter()
                .map(|&i| {
                    let mut c = cols[i].clone();
                    if i == st {
                        c.role = R::Vehicle;
                    }
                    c
                })
                .collect();
            // All taken columns come after the group word, so its index stays.
            for &i in take.iter().rev() {
                cols.remove(i);
            }
            cols.splice(g..=g, under);
        }
    }
    let office = cols.iter().position(|c| c.role == R::OfficeOperation);
    let total = cols.iter().position(|c| c.role == R::Total);
    if let (Some(o), Some(t)) = (office, total) {
        if o < t {
            let c = cols.remove(o);
            cols.push(c);
        }
    }
}

/// The layouts a 三公 table's one row comes in (Shanghai: 出国, 接待, 用车 小计 · 购置 · 运行,
/// then 机关运行经费; central: 出国, 用车 …, 接待).
const THREE_PUBLIC_LAYOUTS: [&[R]; 4] = [
    &[R::Total, R::Abroad, R::Reception, R::Vehicle, R::VehiclePurchase, R::VehicleOperation, R::OfficeOperation],
    &[R::Total, R::Abroad, R::Reception, R::Vehicle, R::VehiclePurchase, R::VehicleOperation],
    &[R::Total, R::Abroad, R::Vehicle, R::VehiclePurchase, R::VehicleOperation, R::Reception],
    &[R::Total, R::Abroad, R::Vehicle, R::VehiclePurchase, R::VehicleOperation, R::Reception, R::OfficeOperation],
];

/// The 三公 row's columns when its own sums decide them: a copied header's words come in the
/// order of its lines, not of its columns, so the layouts are tried, and one is taken only if it
/// is the only one whose 合计 = 出国 + 接待 + 用车 and 用车 = 购置 + 运行 hold (within rounding).
/// `None` leaves the row unplaced.
pub(super) fn three_public_columns(header: &[Column], values: &[rust_decimal::Decimal]) -> Option<Vec<Column>> {
    use rust_decimal::Decimal;
    let has = |r: R| header.iter().any(|c| c.role == r);
    let places = values.iter().map(|v| v.scale()).max().unwrap_or(0);
    let tolerance = Decimal::new(5, places + 1) * Decimal::from(4);
    let fits: Vec<&[R]> = THREE_PUBLIC_LAYOUTS
        .iter()
        .copied()
        .filter(|layout| layout.len() == values.len() && has(R::OfficeOperation) == layout.contains(&R::OfficeOperation))
        .filter(|layout| {
            let v = |r: R| layout.iter().position(|x| *x == r).map(|i| values[i]).unwrap_or_default();
            (v(R::Total) - v(R::Abroad) - v(R::Reception) - v(R::Vehicle)).abs() <= tolerance
                && (v(R::Vehicle) - v(R::VehiclePurchase) - v(R::VehicleOperation)).abs() <= tolerance
        })
        .collect();
    // Layouts that put the same amount under every role are one answer.
    let same = |a: &[R], b: &[R]| {
        a.iter().all(|r| {
            let at = |l: &[R]| l.iter().position(|x| x == r).map(|i| values[i]);
            at(a) == at(b)
        })
    };
    let first = *fits.first()?;
    if !fits.iter().all(|f| same(first, f)) {
        return None;
    }
    let header_of =
        |r: R| header.iter().find(|c| c.role == r).map(|c| (c.header.clone(), c.col)).unwrap_or_else(|| (r.name_zh().into(), 0));
    Some(
        first
            .iter()
            .map(|r| {
                let (h, col) = header_of(*r);
                Column { role: *r, half: Half::Whole, group: Default::default(), header: h, col }
            })
            .collect(),
    )
}

/// What a copied line is in a table.
pub(super) enum Read {
    /// Not a data row (a wrapped header, a note, a name that went on to the next line).
    Skip,
    Placed(Row),
    /// A row whose amounts cannot be put in their columns: listed, not checked.
    Unplaced(Row),
    /// A line with amounts that is no row gouji can name: the table is then incomplete.
    Stray,
}

/// The row of a coded (or single-row) table from one copied line.
pub(super) fn coded_row(grid: &Grid, r: u32, start: &Start, columns: &[Column], last_code: Option<&Code>) -> Read {
    let system = start.kind.code_system().unwrap_or(CodeSystem::Function);
    let cells: Vec<(u32, String)> = grid.row(r).texts().collect();
    let mut i = 0;
    let mut parts: Vec<CodePart> = Vec::new();
    let mut code_cell = None;
    while i < cells.len() && parts.len() < 3 {
        match code_part(grid.get(r, cells[i].0)) {
            Some(p) if parts.is_empty() || p.len() == 2 => {
                code_cell.get_or_insert(cells[i].0);
                parts.push(p);
                i += 1;
            }
            _ => break,
        }
    }
    let mut name = String::new();
    let name_cell = cells.get(i).map(|c| c.0);
    while i < cells.len() && !is_amount(grid, r, cells[i].0) {
        // Digits with separators that read as no amount: numbers gouji cannot take apart.
        if cells[i].1.contains(',') && cells[i].1.chars().filter(char::is_ascii_digit).count() >= 4 {
            return Read::Stray;
        }
        name.push_str(&cells[i].1);
        i += 1;
    }
    let amounts: Vec<u32> = cells[i..].iter().map(|c| c.0).collect();
    if amounts.is_empty() {
        return Read::Skip;
    }
    if cells[i..].iter().any(|c| !is_amount(grid, r, c.0)) {
        return Read::Stray;
    }
    let mut code = if parts.is_empty() { None } else { join_parts(&parts, system).or_else(|| lone_part(&parts, last_code, system)) };
    if code.is_none() && parts.is_empty() {
        if let Some((c, n)) = split_code_name(&name, system) {
            code = Some(c);
            name = n;
        }
    }
    let line = if code.is_some() {
        Line::Item
    } else if start.kind == TableKind::ThreePublic {
        name = "三公经费".into();
        Line::Total
    } else if is_total_label(&name) {
        Line::Total
    } else if !name.is_empty() && !vocab::is_header_word(&name) {
        Line::Uncoded
    } else {
        return Read::Stray;
    };
    let label_cell = grid.cell_ref(r, code_cell.or(name_cell).unwrap_or(amounts[0]));
    let row = |amounts: Vec<Option<Amount>>| Row {
        row: r,
        half: Half::Whole,
        line: line.clone(),
        code: code.clone(),
        name: name.clone(),
        label_cell: label_cell.clone(),
        amounts,
    };
    if amounts.len() == columns.len() {
        Read::Placed(row(amounts.iter().map(|c| amount(grid, r, *c)).collect()))
    } else {
        Read::Unplaced(row(vec![None; columns.len()]))
    }
}

/// The rows of a two-sided table (收支总表) from one copied line: each label with the amounts
/// after it; a lone label's half is told by its words.
pub(super) fn two_sided_rows(grid: &Grid, r: u32, columns: &[Column]) -> Vec<Read> {
    let cells: Vec<(u32, String)> = grid.row(r).texts().collect();
    let mut segments: Vec<(u32, String, Vec<u32>)> = Vec::new();
    for (c, t) in &cells {
        // `1.`, `2、`: a line's numbering, not an amount.
        let numbering = t.chars().count() <= 3 && t.ends_with(['.', '、', '．']);
        if is_amount(grid, r, *c) && !numbering {
            match segments.last_mut() {
                Some(s) => s.2.push(*c),
                None => return vec![Read::Stray],
            }
        } else {
            // A numbered word (`五、文化旅游体育与传媒支出`) or a total starts a line; any other
            // word goes on the label before it (`2.` `政府性基金`, a name cut by a space).
            let n = vocab::normalize(t);
            let starts_line = vocab::strip_numbering(&n).len() < n.len() || is_total_label(t);
            match segments.last_mut() {
                Some(s) if s.2.is_empty() && (!starts_line || only_numbering(&s.1)) => s.1.push_str(t),
                _ => segments.push((*c, t.clone(), Vec::new())),
            }
        }
    }
    let n = segments.len();
    segments
        .into_iter()
        .enumerate()
        .map(|(k, (c, label, amounts))| {
            let income_line = vocab::summary_line(&label, true);
            let expenditure_line = vocab::summary_line(&label, false);
            let half = match (n, k) {
                (2, 0) => Half::Income,
                (2, 1) => Half::Expenditure,
                _ if !matches!(expenditure_line, crate::model::SummaryLine::Other)
                    && matches!(income_line, crate::model::SummaryLine::Other) =>
                {
                    Half::Expenditure
                }
                _ if !matches!(income_line, crate::model::SummaryLine::Other)
                    && matches!(expenditure_line, crate::model::SummaryLine::Other) =>
                {
                    Half::Income
                }
                _ if amounts.is_empty() => return Read::Skip,
                _ => return Read::Stray,
            };
            if amounts.is_empty()
                || vocab::is_header_word(&label)
                    && matches!(if half == Half::Income { &income_line } else { &expenditure_line }, crate::model::SummaryLine::Other)
            {
                return Read::Skip;
            }
            let line = Line::Summary { line: if half == Half::Income { income_line } else { expenditure_line } };
            let in_half: Vec<usize> = columns.iter().enumerate().filter(|(_, col)| col.half == half).map(|(i, _)| i).collect();
            let mut row =
                Row { row: r, half, line, code: None, name: label, label_cell: grid.cell_ref(r, c), amounts: vec![None; columns.len()] };
            if amounts.len() == in_half.len() {
                for (i, a) in in_half.iter().zip(&amounts) {
                    row.amounts[*i] = amount(grid, r, *a);
                }
                Read::Placed(row)
            } else {
                Read::Unplaced(row)
            }
        })
        .collect()
}

/// `1.`, `2、`, `（三）`: numbering with no words yet.
fn only_numbering(label: &str) -> bool {
    let n = vocab::normalize(label);
    vocab::strip_numbering(&n).is_empty()
}

fn is_amount(grid: &Grid, r: u32, c: u32) -> bool {
    matches!(amount_of(grid.get(r, c)), Ok(Some(_)))
}

fn amount(grid: &Grid, r: u32, c: u32) -> Option<Amount> {
    match amount_of(grid.get(r, c)) {
        Ok(Some(value)) => Some(Amount { value, cell: grid.cell_ref(r, c), blank: false }),
        _ => None,
    }
}

/// `08` or `08 02` after a code of the rows above (a copy that lost the 类 of a 款 row is rare;
/// only a lone 项 under a 款 is placed).
fn lone_part(parts: &[CodePart], last: Option<&Code>, system: CodeSystem) -> Option<Code> {
    let ([p], Some(last)) = (parts, last) else { return None };
    if p.len() == 2 && last.0.len() >= 5 {
        return join_parts(&[&last.0[..3], &last.0[3..5], p.as_str()], system);
    }
    None
}

/// One finding for a table's rows that could not be placed.
pub(super) fn unplaced_finding(kind: TableKind, title: &str, rows: &[(String, CellRef)], stray: usize) -> Option<Finding> {
    if rows.is_empty() && stray == 0 {
        return None;
    }
    let names: Vec<&str> = rows.iter().take(6).map(|(n, _)| n.as_str()).collect();
    let more = if rows.len() > 6 { format!(" 等 {} 行", rows.len()) } else { String::new() };
    let more_en = if rows.len() > 6 { format!(" and {} more", rows.len() - 6) } else { String::new() };
    let (mut zh, mut en) = if rows.is_empty() {
        (format!("“{title}”"), format!("In \"{title}\""))
    } else {
        (
            format!("“{title}”有 {} 行的金额无法确定所在的列（复制的文字丢掉了空白单元格），这些行未参与核对：{}{more}。", rows.len(), names.join("、")),
            format!(
                "In \"{title}\", the amounts of {} row(s) cannot be put in their columns (the copied text lost its blank cells), so they were not checked: {}{more_en}.",
                rows.len(),
                names.join(", ")
            ),
        )
    };
    if stray > 0 {
        zh.push_str(&format!("另有 {stray} 行数字无法归入表中任何一行，依赖整张表的合计没有核对。"));
        en.push_str(&format!(
            " {stray} more line(s) of amounts belong to no row gouji can name, so the sums over the whole table were not checked."
        ));
    }
    zh.push_str("直接拖入 PDF 原件即可逐格读取。");
    en.push_str(" Drop the PDF itself to read every cell.");
    Some(UNPLACED_ROWS.finding(zh, en).in_table(kind).at(rows.iter().map(|(_, c)| c.clone()).collect()))
}

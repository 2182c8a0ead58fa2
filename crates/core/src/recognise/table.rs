//! One table out of a grid: meta lines, a header of one or more rows, then data rows
//! (with page-break header repeats and blank lines skipped).

use rust_decimal::Decimal;

use super::codes::{code_part, join_parts, split_code_name, CodePart};
use super::spaced;
use super::vocab::{self, header_role, is_header_word, is_total_label, normalize, HeaderRole};
use crate::amount::parse_amount;
use crate::cell::{CellRef, CellValue};
use crate::finding::Finding;
use crate::grid::{Grid, GridSource};
use crate::model::{Amount, Code, CodeSystem, Column, ColumnGroup, Half, Line, MoneyUnit, Row, SummaryLine, Table, TableKind};
use crate::rules::reading::{BAD_VALUE, EMPTY_NOTE_WITH_DATA, MALFORMED_CODE, UNREAD_TABLE};

/// Where a table starts: its title, or (without one) the sheet's name.
#[derive(Clone, Debug)]
pub(super) struct Start {
    pub kind: TableKind,
    pub row: u32,
    pub col: u32,
    pub title: String,
    /// The title came from the sheet or file name; the header may start on `row` itself.
    pub from_name: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Extracted {
    pub table: Table,
    pub findings: Vec<Finding>,
    /// Whether the unit line was absent.
    pub unit_stated: bool,
}

/// How many rows after the title the header may start (meta lines and blank lines in between).
const HEADER_WINDOW: u32 = 14;

pub(super) fn extract(grid: &Grid, start: &Start, end: u32) -> Option<Extracted> {
    let first = if start.from_name { start.row } else { start.row + 1 };
    let mut unit: Option<MoneyUnit> = None;
    let mut unit_name: Option<String> = None;
    let mut year = vocab::year_in(&start.title);

    let meta = |r: u32, unit: &mut Option<MoneyUnit>, unit_name: &mut Option<String>| -> Vec<u32> {
        let mut meta_cols = Vec::new();
        let mut named_next = false;
        for (c, text) in grid.row(r).texts() {
            let mut is_meta = false;
            if std::mem::take(&mut named_next) && vocab::money_unit(&text).is_none() {
                // `部门：` | `江苏省人大常委会办公厅`: the name in the cell after its label.
                unit_name.get_or_insert(text.trim().to_string());
                is_meta = true;
            }
            if vocab::unit_label_only(&text) {
                named_next = true;
                is_meta = true;
            }
            if let Some(u) = vocab::money_unit(&text) {
                unit.get_or_insert(u);
                is_meta = true;
            }
            if let Some(n) = vocab::unit_name(&text) {
                unit_name.get_or_insert(n);
                is_meta = true;
            }
            if is_meta {
                meta_cols.push(c);
            }
        }
        meta_cols
    };
    // The title row itself may carry the unit in another cell.
    if !start.from_name {
        meta(start.row, &mut unit, &mut unit_name);
    }

    // Header: the first row with header words, within a few rows of the title.
    let mut header_start = None;
    let mut r = first;
    while r < end && r < first + HEADER_WINDOW {
        let meta_cols = meta(r, &mut unit, &mut unit_name);
        if row_is_header(grid, r, &meta_cols) {
            header_start = Some(r);
            break;
        }
        r += 1;
    }
    let header_start = header_start?;

    // Header rows until the first row that looks like data.
    let mut header_rows = Vec::new();
    let mut r = header_start;
    let mut first_amount_col_so_far = u32::MAX;
    while r < end {
        if grid.row(r).is_empty() {
            r += 1;
            continue;
        }
        let meta_cols = meta(r, &mut unit, &mut unit_name);
        if !header_rows.is_empty() && row_is_data_like(grid, r, first_amount_col_so_far, start.kind) {
            break;
        }
        if !header_rows.is_empty() && !row_is_header(grid, r, &meta_cols) {
            break;
        }
        // A 栏次 row (`栏次 | 1 | 2 | 3 …`) numbers the columns: part of the header, but its numbers
        // name no column.
        if !header_rows.is_empty() && grid.row(r).texts().any(|(_, t)| normalize(&t) == "栏次") {
            r += 1;
            continue;
        }
        for (c, text) in grid.row(r).texts() {
            if !meta_cols.contains(&c) && header_role(start.kind, &text, &text).is_some_and(|h| matches!(h, HeaderRole::Amount(_))) {
                first_amount_col_so_far = first_amount_col_so_far.min(c);
            }
            if year.is_none() {
                year = vocab::year_in(&text);
            }
        }
        header_rows.push((r, meta_cols));
        r += 1;
    }
    let data_start = r;
    if grid.source == GridSource::SpacedText {
        let header: Vec<u32> = header_rows.iter().map(|h| h.0).collect();
        return spaced_table(grid, start, &header, data_start, end, (unit, unit_name, year));
    }

    // Columns from the header: the lowest header cell of each column decides its role; words
    // that name a figure (预算数, 决算数, a year) decide its group, and a merged cell naming one
    // heads every column under it.
    let mut code_cols: Vec<(u32, u8)> = Vec::new();
    let mut name_cols: Vec<u32> = Vec::new();
    let mut amount_cols: Vec<(u32, crate::model::ColumnRole, String, ColumnGroup)> = Vec::new();
    let stacks = header_stacks(grid, &header_rows);
    let years: std::collections::BTreeSet<i32> = stacks.iter().flat_map(|(_, t)| t.iter().filter_map(|x| vocab::year_in(x))).collect();
    let group_of = |texts: &[String]| -> ColumnGroup {
        match (years.len() >= 2, texts.iter().find_map(|t| vocab::year_in(t))) {
            (true, Some(y)) if Some(&y) == years.last() => ColumnGroup::CurrentYear,
            (true, Some(_)) => ColumnGroup::PriorYear,
            _ => texts.iter().rev().find_map(|t| vocab::figure_group(t)).unwrap_or_default(),
        }
    };
    // Groups only where the table prints several figures (预算数 | 决算数, 上年 | 本年): a budget's
    // lone 预算数 is the column's name.
    let distinct: std::collections::BTreeSet<ColumnGroup> =
        stacks.iter().map(|(_, t)| group_of(t)).filter(|g| *g != ColumnGroup::Single).collect();
    let grouped = distinct.len() >= 2;
    for (c, texts) in &stacks {
        let c = *c;
        let full = texts.join(" / ");
        let (role, group) = if grouped {
            // The last word that is not a figure word names the column (合计 over 预算数 | 决算数).
            let words: Vec<&String> = texts.iter().filter(|t| vocab::figure_group(t).is_none() && vocab::year_in(t).is_none()).collect();
            let role_full = words.iter().map(|t| t.as_str()).collect::<Vec<_>>().join(" / ");
            let leaf = words.last().copied().or(texts.last());
            let Some(leaf) = leaf else { continue };
            let role = header_role(start.kind, leaf, if role_full.is_empty() { &full } else { &role_full })
                .or_else(|| texts.last().and_then(|t| header_role(start.kind, t, &full)));
            (role, group_of(texts))
        } else {
            let Some(leaf) = texts.last() else { continue };
            (header_role(start.kind, leaf, &full), ColumnGroup::Single)
        };
        match role {
            Some(HeaderRole::Code(level)) => code_cols.push((c, level)),
            Some(HeaderRole::Name) => name_cols.push(c),
            Some(HeaderRole::Amount(role)) => amount_cols.push((c, role, full, group)),
            None => {}
        }
    }
    // A 三公 table that also lists 会议费 and 培训费 (Jiangsu) prints a 合计 of all of them beside
    // the 三公 小计: the 三公 total is the 小计 under “三公”经费; the 合计 is left out.
    if start.kind == TableKind::ThreePublic {
        let is_total = |a: &(u32, crate::model::ColumnRole, String, ColumnGroup)| a.1 == crate::model::ColumnRole::Total;
        let groups: Vec<ColumnGroup> = amount_cols.iter().filter(|a| is_total(a)).map(|a| a.3).collect();
        for g in groups {
            let of_group: Vec<bool> = amount_cols.iter().filter(|a| is_total(a) && a.3 == g).map(|a| a.2.contains("三公")).collect();
            if of_group.len() > 1 && of_group.contains(&true) {
                amount_cols.retain(|a| !(is_total(a) && a.3 == g && !a.2.contains("三公")));
            }
        }
    }
    if amount_cols.is_empty() {
        return None;
    }

    let mut findings = Vec::new();
    let system = start.kind.code_system();
    let two_halves = start.kind.two_halves();

    // Where halves split: the second label column.
    let split_col = if two_halves {
        name_cols.get(1).copied().or_else(|| second_label_col(grid, data_start, end, &amount_cols)).unwrap_or(u32::MAX)
    } else {
        u32::MAX
    };
    // A third label column (Jiangsu's 收支预算总表: 收入 | 支出 by function | 支出 by use, 基本 /
    // 项目 / 预留) starts a part no relation of gouji's is about yet: it is left out, its lines
    // and amounts unread, rather than summed into the expenditure half.
    let third_col = if two_halves { name_cols.get(2).copied().filter(|c| *c > split_col) } else { None };
    // Its totals (当年支出小计, 支出合计) are printed under a label merged across both expenditure
    // parts, their amount in the last part's column: that amount is the half's.
    let third_amount_col = third_col.and_then(|t| amount_cols.iter().map(|a| a.0).filter(|c| *c > t).min());
    if let Some(t) = third_col {
        amount_cols.retain(|a| a.0 < t);
    }
    let halves_end = third_col.unwrap_or(grid.end_col()).min(grid.end_col());
    let half_of = |c: u32| -> Half {
        if !two_halves {
            Half::Whole
        } else if c < split_col {
            Half::Income
        } else {
            Half::Expenditure
        }
    };

    // Text copied from a PDF can put the header one cell off the data: align the amount columns
    // to the cells after the names when the names sit where the header says amounts are.
    let first_amount_col = amount_cols.iter().map(|a| a.0).min().unwrap_or(0);
    if let Some(system) = system {
        if let Some(name_col) = usual_name_col(grid, data_start, end, first_amount_col, system) {
            if name_col >= first_amount_col {
                let shift = name_col + 1 - first_amount_col;
                for a in &mut amount_cols {
                    a.0 += shift;
                }
            }
        }
    }
    let first_amount_col = amount_cols.iter().map(|a| a.0).min().unwrap_or(0);

    let columns: Vec<Column> = amount_cols
        .iter()
        .map(|(c, role, header, group)| Column { role: *role, half: half_of(*c), group: *group, header: header.clone(), col: *c })
        .collect();

    // A 决算's basic-expenditure table prints 人员经费 | 公用经费 side by side, each block with its
    // own code, name and amount columns: its rows are read block by block into one table.
    let blocks = blocks(&code_cols, &columns, grid.end_col(), two_halves || system.is_none());
    let columns = match blocks.first() {
        Some((_, _, first)) if blocks.len() > 1 => first.clone(),
        _ => columns,
    };
    let blocks = if blocks.len() > 1 { blocks } else { vec![(grid.first_col, first_amount_col, columns.clone())] };

    let mut rows: Vec<Row> = Vec::new();
    let mut note_empty = false;
    let mut note_cell = None;
    for (block_start, first_amount_col, block_cols) in &blocks {
        let (block_start, first_amount_col) = (*block_start, *first_amount_col);
        let mut last_code: Option<Code> = None;
        let mut r = data_start;
        while r < end {
            let cells = grid.row(r);
            if cells.is_empty() {
                r += 1;
                continue;
            }
            // Only text cells are looked at as words: numbers are not formatted for that.
            let texts = || cells.text_cells().map(|(c, t)| (c, t.trim())).filter(|(_, t)| !t.is_empty());
            if let (false, Some((c, _))) = (note_empty, texts().find(|(_, t)| says_empty(t))) {
                note_empty = true;
                note_cell = Some(grid.cell_ref(r, c));
            }
            if start.kind == TableKind::ThreePublic {
                // Its one data row has several amounts; a lone number further down is narrative.
                let numbers = columns.iter().filter(|c| matches!(amount_of(cells.get(c.col)), Ok(Some(_)))).count();
                if numbers >= 2 {
                    let (row, bad) =
                        make_row(grid, r, Half::Whole, Line::Total, None, "三公经费".into(), grid.cell_ref(r, first_amount_col), &columns);
                    findings.extend(bad);
                    rows.push(row);
                } else if !rows.is_empty() || r > data_start + 6 {
                    break; // the narrative after the table begins
                }
                r += 1;
                continue;
            }
            if code_cols.is_empty() && name_cols.is_empty() && !two_halves {
                // A coded table printed as its totals only, with no code or name column (Jiangsu's
                // 支出预算总表: 合计 | 基本支出 | 项目支出 | 单位预留机动经费 over one line of amounts):
                // that line is its 合计 row.
                let numbers = columns.iter().filter(|c| matches!(amount_of(cells.get(c.col)), Ok(Some(_)))).count();
                if numbers >= 2 {
                    let (row, bad) =
                        make_row(grid, r, Half::Whole, Line::Total, None, "合计".into(), grid.cell_ref(r, first_amount_col), &columns);
                    findings.extend(bad);
                    rows.push(row);
                    break;
                } else if r > data_start + 6 {
                    break;
                }
                r += 1;
                continue;
            }
            if two_halves {
                for half in [Half::Income, Half::Expenditure] {
                    let range = if half == Half::Income { grid.first_col..split_col.min(halves_end) } else { split_col..halves_end };
                    let label =
                        texts().find(|(c, t)| range.contains(c) && !columns.iter().any(|col| col.col == *c) && parse_amount(t).is_err());
                    let Some((label_col, label)) = label else { continue };
                    if is_header_word(label) && !is_summary_label(label, half) {
                        continue;
                    }
                    let line = vocab::summary_line(label, half == Half::Income);
                    let total_line =
                        matches!(line, SummaryLine::CurrentExpenditureTotal | SummaryLine::ExpenditureTotal | SummaryLine::ClosingBalance);
                    let (mut row, bad) =
                        make_row(grid, r, half, Line::Summary { line }, None, label.to_string(), grid.cell_ref(r, label_col), &columns);
                    if let (true, Some(tc)) = (total_line && half == Half::Expenditure, third_amount_col) {
                        let exp_col = columns.iter().position(|c| c.half == Half::Expenditure);
                        let blank = exp_col.is_none_or(|i| row.amounts[i].as_ref().is_none_or(|a| a.blank));
                        if let (true, Some(i), Ok(Some(v))) = (blank, exp_col, amount_of(cells.get(tc))) {
                            row.amounts[i] = Some(Amount { value: v, cell: grid.cell_ref(r, tc), blank: false });
                        }
                    }
                    findings.extend(bad);
                    rows.push(row);
                }
                r += 1;
                continue;
            }
            // Coded tables.
            let system = system.unwrap_or(CodeSystem::Function);
            let mut parts: Vec<(u32, CodePart)> = Vec::new();
            let mut name: Option<(u32, String)> = None;
            // Codes (text or numeric cells) then the name, left of the amounts.
            for c in block_start..first_amount_col.min(grid.end_col()) {
                let v = cells.get(c);
                if v.is_empty() {
                    continue;
                }
                if let Some(p) = code_part(v) {
                    parts.push((c, p));
                    continue;
                }
                // A 决算 prints its 合计 row on the header's 类 | 款 | 项 line.
                if matches!(v.display().trim(), "类" | "款" | "项") {
                    continue;
                }
                name = Some((c, v.display()));
                break;
            }
            let mut code = code_from_parts(&parts, &code_cols, last_code.as_ref(), system);
            if code.is_none() {
                if let Some(repaired) = misprinted_class(&parts, last_code.as_ref(), system) {
                    let written: Vec<&str> = parts.iter().map(|p| p.1.as_str()).collect();
                    let written = written.join(" ");
                    findings.push(
                    MALFORMED_CODE
                        .finding(
                            format!(
                                "科目编码印为“{written}”，类级编码不完整；按其上下行的款、项应为 {}，gouji 按 {} 核对此行。",
                                repaired.0, repaired.0
                            ),
                            format!(
                                "The code is printed \"{written}\": its 类 is incomplete. Its 款 and 项 and the rows around it make it {}, and gouji checks the row as {}.",
                                repaired.0, repaired.0
                            ),
                        )
                        .in_table(start.kind)
                        .at(vec![grid.cell_ref(r, parts[0].0)]),
                );
                    code = Some(repaired);
                }
            }
            let mut label = name.as_ref().map(|(_, n)| n.trim().to_string()).unwrap_or_default();
            if code.is_none() && parts.is_empty() {
                if let Some((c, n)) = split_code_name(&label, system) {
                    code = Some(c);
                    label = n;
                }
            }
            let label_cell = grid.cell_ref(r, parts.first().map(|p| p.0).or(name.as_ref().map(|n| n.0)).unwrap_or(block_start));
            let line = if code.is_some() {
                Line::Item
            } else if is_total_label(&label) {
                Line::Total
            } else if !label.is_empty()
                && !is_header_word(&label)
                && block_cols.iter().any(|c| matches!(amount_of(cells.get(c.col)), Ok(Some(_))))
            {
                Line::Uncoded
            } else {
                r += 1;
                continue;
            };
            if code.is_some() {
                last_code = code.clone();
            }
            let (row, bad) = make_row(grid, r, Half::Whole, line, code, label, label_cell, block_cols);
            findings.extend(bad);
            rows.push(row);
            r += 1;
        }
    }

    Some(finish(grid, start, Found { complete: true, unit, unit_name, year, columns, rows, findings, note_empty, note_cell }))
}

/// The side-by-side blocks of a coded table: each starts at a 类 or joined code column and holds
/// as many amount columns as the first. One block (or none that fit) for every other table.
/// Each block: its first column, its first amount column, its columns (a lone amount column of a
/// block is its rows' total).
fn blocks(code_cols: &[(u32, u8)], columns: &[Column], end_col: u32, never: bool) -> Vec<(u32, u32, Vec<Column>)> {
    let mut starts: Vec<u32> = code_cols.iter().filter(|(_, level)| *level <= 1).map(|(c, _)| *c).collect();
    starts.sort_unstable();
    starts.dedup();
    if never || starts.len() < 2 {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (i, lo) in starts.iter().enumerate() {
        let hi = starts.get(i + 1).copied().unwrap_or(end_col);
        let mut cols: Vec<Column> = columns.iter().filter(|c| (*lo..hi).contains(&c.col)).cloned().collect();
        let Some(first) = cols.iter().map(|c| c.col).min() else { return Vec::new() };
        if cols.len() == 1 {
            cols[0].role = crate::model::ColumnRole::Total;
        }
        out.push((*lo, first, cols));
    }
    let n = out[0].2.len();
    if out.iter().any(|b| b.2.len() != n || b.2.iter().zip(&out[0].2).any(|(x, y)| x.role != y.role)) {
        return Vec::new();
    }
    out
}

/// Each column's header texts, top to bottom. A header cell with empty cells to its right in its
/// row heads those columns too, where both it and they have header words below: it was one cell
/// merged over them (`合计` over `预算数 | 决算数`, `人员经费` over `科目编码 | 科目名称 | 决算数`).
fn header_stacks(grid: &Grid, header_rows: &[(u32, Vec<u32>)]) -> Vec<(u32, Vec<String>)> {
    let cols: Vec<u32> = (grid.first_col..grid.end_col()).collect();
    // The header as written: row by row, column by column (meta cells left out).
    let written: Vec<Vec<String>> = header_rows
        .iter()
        .map(|(hr, meta_cols)| {
            cols.iter()
                .map(|c| if meta_cols.contains(c) { String::new() } else { grid.get(*hr, *c).display().trim().to_string() })
                .collect()
        })
        .collect();
    let below = |i: usize, k: usize| written[i + 1..].iter().any(|row| !row[k].is_empty());
    let mut stacks: Vec<(u32, Vec<String>)> = cols.iter().map(|c| (*c, Vec::new())).collect();
    for (i, row) in written.iter().enumerate() {
        let mut spanning: Option<&String> = None;
        for (k, t) in row.iter().enumerate() {
            // A cell above that starts here starts a new merged region: no span runs across it.
            if written[..i].iter().any(|above| !above[k].is_empty()) {
                spanning = None;
            }
            if t.is_empty() {
                match spanning {
                    Some(s) if below(i, k) => stacks[k].1.push(s.clone()),
                    _ if !below(i, k) => spanning = None,
                    _ => {}
                }
            } else {
                spanning = below(i, k).then_some(t);
                stacks[k].1.push(t.clone());
            }
        }
    }
    stacks.retain(|(_, s)| !s.is_empty());
    stacks
}

/// A table of text copied without tabs: rows placed where certain, the others listed (spaced.rs).
fn spaced_table(
    grid: &Grid,
    start: &Start,
    header: &[u32],
    from: u32,
    end: u32,
    meta: (Option<MoneyUnit>, Option<String>, Option<i32>),
) -> Option<Extracted> {
    let mut columns = spaced::columns(grid, start.kind, header);
    if columns.is_empty() {
        return None;
    }
    if start.kind == TableKind::ThreePublic {
        // Its one row's own sums decide its columns, if anything does (spaced.rs).
        let row = (from..end).find(|r| grid.row(*r).text_cells().filter(|(_, t)| matches!(parse_amount(t), Ok(Some(_)))).count() >= 2);
        if let Some(r) = row {
            let values: Vec<Decimal> = grid.row(r).text_cells().filter_map(|(_, t)| parse_amount(t).ok().flatten()).collect();
            match spaced::three_public_columns(&columns, &values) {
                Some(decided) => columns = decided,
                // Not decided: no layout fits, so its cells are listed unplaced.
                None if columns.len() == values.len() => columns.push(columns[0].clone()),
                None => {}
            }
        }
    }
    let (unit, unit_name, year) = meta;
    let mut rows: Vec<Row> = Vec::new();
    let mut unplaced: Vec<(String, CellRef)> = Vec::new();
    let mut note_empty = false;
    let mut note_cell = None;
    let mut last_code: Option<Code> = None;
    let mut stray = 0usize;
    for r in from..end {
        if grid.row(r).is_empty() {
            continue;
        }
        if let (false, Some((c, _))) = (note_empty, grid.row(r).text_cells().find(|(_, t)| says_empty(t))) {
            note_empty = true;
            note_cell = Some(grid.cell_ref(r, c));
        }
        let read = if start.kind.two_halves() {
            spaced::two_sided_rows(grid, r, &columns)
        } else {
            vec![spaced::coded_row(grid, r, start, &columns, last_code.as_ref())]
        };
        for one in read {
            match one {
                spaced::Read::Skip => {}
                spaced::Read::Stray => stray += 1,
                spaced::Read::Placed(row) => {
                    if row.code.is_some() {
                        last_code = row.code.clone();
                    }
                    rows.push(row);
                }
                spaced::Read::Unplaced(row) => {
                    if row.code.is_some() {
                        last_code = row.code.clone();
                    }
                    let code = row.code.as_ref().map(|c| format!("{} ", c.0)).unwrap_or_default();
                    unplaced.push((format!("{code}{}", row.name), row.label_cell.clone()));
                    rows.push(row);
                }
            }
        }
        // The 三公 table has one data row.
        if start.kind == TableKind::ThreePublic && !rows.is_empty() {
            break;
        }
    }
    let findings: Vec<Finding> = spaced::unplaced_finding(start.kind, start.title.trim(), &unplaced, stray).into_iter().collect();
    Some(finish(grid, start, Found { complete: stray == 0, unit, unit_name, year, columns, rows, findings, note_empty, note_cell }))
}

/// A note that says the table is empty (`本表为空表`, `本部门无…`).
fn says_empty(t: &str) -> bool {
    t.contains(['空', '无']) && {
        let n = normalize(t);
        n.contains("空表") || n.contains("无数据") || n.starts_with("本表无") || n.contains("本单位无") || n.contains("本部门无")
    }
}

/// What the data rows of a table gave, before the table is made.
struct Found {
    /// No line with amounts was left without a row (spaced.rs).
    complete: bool,
    unit: Option<MoneyUnit>,
    unit_name: Option<String>,
    year: Option<i32>,
    columns: Vec<Column>,
    rows: Vec<Row>,
    findings: Vec<Finding>,
    note_empty: bool,
    /// The cell of the note that says so.
    note_cell: Option<CellRef>,
}

/// The table from its rows: empty or not (and GJ004 for one found without rows), the places its
/// amounts are written to, its cells' pages (PDF).
fn finish(grid: &Grid, start: &Start, found: Found) -> Extracted {
    let Found { complete, unit, unit_name, year, columns, rows, mut findings, note_empty, note_cell } = found;
    let has_values = rows.iter().any(|row| row.amounts.iter().flatten().any(|a| !a.blank && !a.value.is_zero()));
    // Data, and a note that there is none: one of the two is wrong (万里街道 2024's 三公 table).
    // Only a note about the table itself (本表 / 此表 / 空表), printed with it (within three rows of
    // its last amount): a sentence of the text after it (本部门无政府性基金预算) is not its note.
    let last_row = rows.iter().flat_map(|row| row.amounts.iter().flatten()).map(|a| a.cell.row).max().unwrap_or(0);
    let about_table = |c: &CellRef| {
        let t = grid.get(c.row, c.col).display();
        (t.contains("本表") || t.contains("此表") || t.contains("空表")) && c.row <= last_row + 3
    };
    if let (true, Some(note)) = (has_values, note_cell.filter(about_table)) {
        let first =
            rows.iter().flat_map(|row| row.amounts.iter().flatten()).find(|a| !a.blank && !a.value.is_zero()).map(|a| a.cell.clone());
        findings.push(
            EMPTY_NOTE_WITH_DATA
                .finding(
                    format!("“{}”有数据，却又注明为空表（{}）。", start.title.trim(), grid.get(note.row, note.col).display().trim()),
                    format!(
                        "\"{}\" holds amounts and also says it is empty ({}).",
                        start.title.trim(),
                        grid.get(note.row, note.col).display().trim()
                    ),
                )
                .in_table(start.kind)
                .with_unit(unit)
                .at(std::iter::once(note).chain(first).collect()),
        );
    }
    // Empty means stated as empty: a note, or only a 合计 row without amounts. A table with no
    // row at all was not read, which is said (GJ004), not taken for an empty table.
    let empty = !has_values
        && (note_empty || !rows.is_empty() && !rows.iter().any(|row| row.line == Line::Item && start.kind.code_system().is_some()));
    if rows.is_empty() && !note_empty {
        findings.push(
            UNREAD_TABLE
                .finding(
                    format!("找到了“{}”的标题和表头，但没有读到任何数据行（也没有“空表”说明）。该表未参与核对。", start.title.trim()),
                    format!(
                        "The title and header of \"{}\" were found, but no data row could be read (and no note says it is empty). The table was not checked.",
                        start.title.trim()
                    ),
                )
                .in_table(start.kind)
                .with_unit(unit)
                .at(vec![grid.cell_ref(start.row, start.col)]),
        );
    }
    // The places a person sees: text as written; numeric cells of a 万元 table show two places
    // by convention (a number format gouji cannot read), so they count as at least two.
    let coarse = unit.is_some_and(|u| u != MoneyUnit::Yuan);
    let decimals = rows
        .iter()
        .flat_map(|row| row.amounts.iter().flatten())
        .filter(|a| !a.blank)
        .map(|a| match grid.get(a.cell.row, a.cell.col) {
            CellValue::Text(_) => a.value.scale(),
            _ if coarse => a.value.scale().max(2),
            _ => a.value.scale(),
        })
        .max()
        .unwrap_or(0);
    let table = Table {
        kind: start.kind,
        sheet: grid.name.clone(),
        title: start.title.trim().to_string(),
        title_cell: grid.cell_ref(start.row, start.col),
        unit,
        decimals,
        columns,
        rows,
        empty,
        complete,
        unit_name,
        year,
        places: Default::default(),
    };
    let table = with_places(table, grid);
    Extracted { table, findings, unit_stated: unit.is_some() }
}

/// The printed place of every cell the table names (PDF grids only).
fn with_places(mut table: Table, grid: &Grid) -> Table {
    if grid.source != GridSource::Pdf {
        return table;
    }
    let mut cells: Vec<&CellRef> = vec![&table.title_cell];
    for row in &table.rows {
        cells.push(&row.label_cell);
        cells.extend(row.amounts.iter().flatten().map(|a| &a.cell));
    }
    let places: std::collections::BTreeMap<(u32, u32), crate::grid::Place> =
        cells.into_iter().filter_map(|c| grid.place(c.row, c.col).map(|p| ((c.row, c.col), p))).collect();
    table.places = places;
    table
}

/// A row of header words (and no amounts).
fn row_is_header(grid: &Grid, r: u32, meta_cols: &[u32]) -> bool {
    let mut words = 0;
    for (c, t) in grid.row(r).texts() {
        if meta_cols.contains(&c) {
            continue;
        }
        if normalize(&t) == "栏次" {
            return true;
        }
        if is_header_word(&t) {
            words += 1;
        } else if matches!(amount_of(grid.get(r, c)), Ok(Some(_))) {
            return false;
        }
    }
    words > 0
}

/// A row that starts the data: a code, a total or summary line in the label area, or amounts.
fn row_is_data_like(grid: &Grid, r: u32, first_amount_col: u32, kind: TableKind) -> bool {
    let cells = grid.row(r);
    if cells.texts().any(|(_, t)| normalize(&t) == "栏次") {
        return false;
    }
    let leftmost = cells.texts().next().map(|(c, _)| c);
    for (c, t) in cells.texts() {
        let v = cells.get(c);
        if kind == TableKind::ThreePublic {
            if matches!(amount_of(v), Ok(Some(_))) {
                return true;
            }
            continue;
        }
        // 合计 starts the data only where labels are (a header's 合计 heads an amount column).
        let in_label_area = c < first_amount_col && (first_amount_col != u32::MAX || Some(c) == leftmost && c == grid.first_col);
        if in_label_area && is_total_label(&t) || c < first_amount_col && code_part(v).is_some_and(|p| p.len() >= 3) {
            return true;
        }
        if parse_amount(&t).is_err() {
            // A numbered line such as 一、财政拨款收入 (headers are not numbered).
            let n = normalize(&t);
            if vocab::strip_numbering(&n) != n && !n.starts_with('(') {
                return true;
            }
        }
        if matches!(amount_of(v), Ok(Some(_))) && !is_header_word(&t) {
            return true;
        }
    }
    false
}

/// For a two-half table whose header names only one label column: the first text column after
/// an amount column in the data rows.
fn second_label_col(grid: &Grid, from: u32, end: u32, amount_cols: &[(u32, crate::model::ColumnRole, String, ColumnGroup)]) -> Option<u32> {
    let first_amount = amount_cols.iter().map(|a| a.0).min()?;
    for r in from..end.min(from + 20) {
        for (c, t) in grid.row(r).texts() {
            if c > first_amount && !amount_cols.iter().any(|a| a.0 == c) && parse_amount(&t).is_err() {
                return Some(c);
            }
        }
    }
    None
}

/// The column where coded rows usually hold their name: the first non-code, non-amount cell of
/// rows that start with a code.
fn usual_name_col(grid: &Grid, from: u32, end: u32, first_amount_col: u32, system: CodeSystem) -> Option<u32> {
    let mut counts: std::collections::BTreeMap<u32, usize> = Default::default();
    for r in from..end {
        let cells = grid.row(r);
        let mut saw_code = false;
        for c in grid.first_col..grid.end_col() {
            let v = cells.get(c);
            if v.is_empty() {
                continue;
            }
            match code_part(v) {
                Some(p) if !saw_code => {
                    if (c < first_amount_col || p.len() >= 3) && (super::codes::valid(&p, system) || p.len() == 3) {
                        saw_code = true;
                        continue;
                    }
                    break;
                }
                Some(_) => continue,
                None if !saw_code => break,
                None => {
                    if matches!(v, CellValue::Text(t) if parse_amount(t).is_err()) {
                        *counts.entry(c).or_default() += 1;
                    }
                    break;
                }
            }
        }
    }
    counts.into_iter().max_by_key(|(c, n)| (*n, std::cmp::Reverse(*c))).map(|(c, _)| c)
}

/// Joins the code parts of a row; a lone 款 or 项 part takes its parent from the rows above.
fn code_from_parts(parts: &[(u32, CodePart)], code_cols: &[(u32, u8)], last: Option<&Code>, system: CodeSystem) -> Option<Code> {
    if parts.is_empty() {
        return None;
    }
    let digits: Vec<CodePart> = parts.iter().map(|p| p.1).collect();
    if let Some(code) = join_parts(&digits, system) {
        return Some(code);
    }
    // `08` alone in the 款 column, `02` alone in the 项 column.
    if let ([(col, part)], Some(last)) = (parts, last) {
        if part.len() <= 2 {
            let level = code_cols.iter().find(|(c, _)| c == col).map(|(_, l)| *l).unwrap_or(2);
            let parent_len = if level == 3 { 5 } else { 3 };
            if last.0.len() >= parent_len {
                return join_parts(
                    &[&last.0[..3], &last.0[3..parent_len], part.as_str()].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>(),
                    system,
                );
            }
        }
    }
    None
}

/// `7 | 11 | 02` under `21011`: a 类 printed wrong (too short or too long) whose 款 is the 款 of
/// the row above; the 款 and 项 place it (`2101102`). Anything less certain is left unread.
fn misprinted_class(parts: &[(u32, CodePart)], last: Option<&Code>, system: CodeSystem) -> Option<Code> {
    let [(_, class), (_, kuan), (_, xiang)] = parts else { return None };
    let last = last?;
    if system != CodeSystem::Function || class.len() == 3 || kuan.len() != 2 || xiang.len() != 2 || last.0.len() < 5 {
        return None;
    }
    (last.0[3..5] == *kuan.as_str()).then(|| Code(format!("{}{}", &last.0[..5], xiang.as_str())))
}

fn is_summary_label(label: &str, half: Half) -> bool {
    !matches!(vocab::summary_line(label, half == Half::Income), SummaryLine::Other)
}

/// A cell's amount: `Ok(None)` blank, `Err` unreadable.
pub(super) fn amount_of(v: &CellValue) -> Result<Option<Decimal>, ()> {
    match v {
        CellValue::Empty => Ok(None),
        CellValue::Number(d) => Ok(Some(*d)),
        CellValue::Evaluated { value, .. } => Ok(Some(*value)),
        CellValue::Text(t) => parse_amount(t).map_err(|_| ()),
        CellValue::FormulaWithoutValue(_) => Ok(None),
        CellValue::Error(_) => Err(()),
    }
}

#[allow(clippy::too_many_arguments)]
fn make_row(
    grid: &Grid,
    r: u32,
    half: Half,
    line: Line,
    code: Option<Code>,
    name: String,
    label_cell: CellRef,
    columns: &[Column],
) -> (Row, Vec<Finding>) {
    let mut bad = Vec::new();
    let amounts = columns
        .iter()
        .map(|col| {
            if half != Half::Whole && col.half != half {
                return None;
            }
            let v = grid.get(r, col.col);
            let cell = grid.cell_ref(r, col.col);
            if let CellValue::FormulaWithoutValue(_) = v {
                return None; // reported once per cell from the formula notes
            }
            match amount_of(v) {
                Ok(Some(value)) => Some(Amount { value, cell, blank: false }),
                Ok(None) => Some(Amount { value: Decimal::ZERO, cell, blank: true }),
                Err(()) => {
                    let shown = v.display();
                    bad.push(
                        BAD_VALUE
                            .finding(
                                format!("“{shown}”不是金额：{}列“{}”一行应为数字。此单元格未参与核对。", col.role.name_zh(), name),
                                format!(
                                    "\"{shown}\" is not an amount: the {} column of row \"{}\" should hold a number. The cell was left out of the checks.",
                                    col.role.name_en(),
                                    name
                                ),
                            )
                            .at(vec![cell]),
                    );
                    None
                }
            }
        })
        .collect();
    (Row { row: r, half, line, code, name, label_cell, amounts }, bad)
}

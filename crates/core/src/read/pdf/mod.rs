//! PDF: the published document itself. Its pages are parsed with `hayro-syntax` (objects,
//! cross-reference tables and streams, object streams, filters, encryption), each page's content
//! is interpreted for its characters and ruling lines ([`content`], [`fonts`]), the positions are
//! laid out into rows and cells ([`layout`]), and the rows of the pages that hold tables become
//! one grid, as if the document were a sheet with its tables stacked: recognition and every rule
//! then run unchanged. Every cell keeps its page and its box ([`crate::grid::Place`]), and the
//! document's text (every page, in reading order) is kept for the narrative checks.
//!
//! What cannot be read is said, never guessed: a password to open, a file that is not a PDF
//! after all, pages without a text layer (a scan), text whose fonts give no characters.

mod content;
mod fonts;
mod guard;
pub mod layout;

use hayro_syntax::{LoadPdfError, Pdf};

use super::{Format, ReadFile};
use crate::cell::CellValue;
use crate::error::{ReadError, ReadErrorKind};
use crate::grid::{GridBuilder, GridSource, Place};
use crate::limits::Limits;
use crate::recognise::vocab;
use layout::{LaidPage, LinePlace, Page};

/// Reads a PDF: its tables as one grid, its text for the narrative. `progress` hears (pages
/// read, pages in all) after each page.
pub(super) fn read_pdf(name: &str, bytes: &[u8], limits: &Limits, progress: &mut dyn FnMut(u32, u32)) -> Result<ReadFile, ReadError> {
    let pages = pages_reporting(name, bytes, limits, progress)?;
    document(name, &pages, limits)
}

/// The pages of a PDF with their glyphs and ruling lines, in displayed coordinates.
pub fn pages(name: &str, bytes: &[u8], limits: &Limits) -> Result<Vec<Page>, ReadError> {
    pages_reporting(name, bytes, limits, &mut |_, _| {})
}

/// [`pages`], telling `progress` (pages read, pages in all) after each page.
pub fn pages_reporting(name: &str, bytes: &[u8], limits: &Limits, progress: &mut dyn FnMut(u32, u32)) -> Result<Vec<Page>, ReadError> {
    let encrypted = crate::read::find(bytes, b"/Encrypt").is_some();
    // A page's stream is kilobytes and a font's megabytes: one stream may inflate to 64 MiB at
    // most (or the limit per zip entry, if lower).
    let per_stream = limits.max_entry_bytes.min(64 << 20);
    if !encrypted && guard::prescan(bytes, per_stream, limits.max_total_uncompressed_bytes).is_err() {
        return Err(inflates_too_much(name, limits));
    }
    let pdf = Pdf::new(bytes.to_vec()).map_err(|e| match e {
        LoadPdfError::Decryption(hayro_syntax::DecryptionError::PasswordProtected) => {
            ReadError::new(ReadErrorKind::Encrypted, name, "PDF 设有打开密码", "the PDF needs a password to open")
        }
        LoadPdfError::Decryption(_) => ReadError::new(
            ReadErrorKind::Unsupported,
            name,
            "PDF 使用了不支持的加密方式",
            "the PDF is encrypted in a way gouji cannot read",
        ),
        LoadPdfError::Invalid => ReadError::new(
            ReadErrorKind::Corrupt,
            name,
            "PDF 结构无法读取（文件可能被截断或损坏）",
            "the PDF's structure cannot be read (the file may be truncated or damaged)",
        ),
    })?;
    let all = pdf.pages();
    if all.len() > limits.max_pages {
        return Err(ReadError::new(
            ReadErrorKind::TooLarge,
            name,
            format!("PDF 共 {} 页，上限 {} 页", all.len(), limits.max_pages),
            format!("the PDF has {} pages, the limit is {}", all.len(), limits.max_pages),
        ));
    }
    let mut budget = guard::Budget::new(per_stream, limits.max_total_uncompressed_bytes);
    let mut work = content::Work { ops_left: limits.max_pdf_operations, glyphs_left: limits.max_cells_per_file };
    let mut out = Vec::with_capacity(all.len());
    let mut fonts = Vec::new();
    let (mut glyphs, mut unmapped, mut images) = (0usize, 0usize, 0usize);
    for (i, page) in all.iter().enumerate() {
        let (width, height) = page.render_dimensions();
        let base = content::base_matrix(page.initial_transform(true).as_coeffs());
        let contents = page_contents(page, &mut budget);
        let drawn = content::Interpreter::new(&mut fonts, &mut budget, &mut work).run(
            &contents,
            page.resources(),
            base,
            (f64::from(width), f64::from(height)),
        );
        if budget.over {
            return Err(inflates_too_much(name, limits));
        }
        glyphs += drawn.glyphs.len();
        unmapped += drawn.unmapped;
        images += drawn.images;
        out.push(Page {
            number: i as u32 + 1,
            width,
            height,
            glyphs: drawn.glyphs,
            hidden: drawn.hidden,
            segments: drawn.segments,
            images: drawn.images as u32,
        });
        progress(i as u32 + 1, all.len() as u32);
    }
    if work.ops_left == 0 {
        return Err(ReadError::new(
            ReadErrorKind::TooLarge,
            name,
            format!("页面内容超过 {} 个绘制指令的上限", limits.max_pdf_operations),
            format!("the pages hold more than the limit of {} drawing operations", limits.max_pdf_operations),
        ));
    }
    if glyphs == 0 && unmapped == 0 {
        let (zh, en) = if images > 0 {
            ("这是扫描件：页面只有图像，没有可读取的文字层。请使用发布单位提供的电子版 PDF，或先做文字识别（OCR）", "it is a scan: its pages are images without a text layer. Use the publisher's electronic PDF, or run text recognition (OCR) first")
        } else {
            ("PDF 中没有任何文字", "the PDF holds no text at all")
        };
        return Err(ReadError::new(ReadErrorKind::NoText, name, zh, en));
    }
    // Codes no font maps to a character, or characters no document uses: the text did not decode.
    let garbage = unmapped + out.iter().flat_map(|p| &p.glyphs).filter(|g| garbled(g.text)).count();
    if garbage * 10 > (glyphs + unmapped) * 3 {
        return Err(ReadError::new(
            ReadErrorKind::Undecodable,
            name,
            format!("{} 个字符中有 {garbage} 个无法转成文字（字体没有可用的 Unicode 映射）", glyphs + unmapped),
            format!(
                "{garbage} of {} characters cannot be turned into text (their fonts have no usable Unicode mapping)",
                glyphs + unmapped
            ),
        ));
    }
    Ok(out)
}

/// Private-use and control characters: what a font without a real mapping gives.
fn garbled(c: char) -> bool {
    matches!(c, '\u{E000}'..='\u{F8FF}' | '\u{0}'..='\u{8}' | '\u{E}'..='\u{1F}' | '\u{FFFD}')
}

fn inflates_too_much(name: &str, limits: &Limits) -> ReadError {
    ReadError::new(
        ReadErrorKind::TooLarge,
        name,
        format!(
            "PDF 中的压缩数据解压后超过上限（单个 {}，合计 {}），可能是恶意构造的“压缩炸弹”",
            crate::limits::human_bytes(limits.max_entry_bytes.min(64 << 20)),
            crate::limits::human_bytes(limits.max_total_uncompressed_bytes)
        ),
        format!(
            "its compressed data inflates past the limits ({} per stream, {} in all): perhaps a crafted compression bomb",
            crate::limits::human_bytes(limits.max_entry_bytes.min(64 << 20)),
            crate::limits::human_bytes(limits.max_total_uncompressed_bytes)
        ),
    )
}

/// A page's content streams, decoded within the budget and joined.
fn page_contents(page: &hayro_syntax::page::Page<'_>, budget: &mut guard::Budget) -> Vec<u8> {
    use hayro_syntax::object::{Array, Stream};
    let raw = page.raw();
    if let Some(s) = raw.get::<Stream<'_>>(b"Contents") {
        return budget.decode(&s).unwrap_or_default();
    }
    let mut out = Vec::new();
    if let Some(list) = raw.get::<Array<'_>>(b"Contents") {
        for s in list.iter::<Stream<'_>>().take(10_000) {
            if let Some(d) = budget.decode(&s) {
                out.extend_from_slice(&d);
                out.push(b'\n');
            }
        }
    }
    out
}

/// The document's pages as one grid and one text.
pub(super) fn document(name: &str, pages: &[Page], limits: &Limits) -> Result<ReadFile, ReadError> {
    let laid: Vec<LaidPage> = pages.iter().map(layout::lay_out).collect();
    let mut builder = GridBuilder::new(sheet_name(name), GridSource::Pdf, limits);
    let mut text = String::new();
    let mut row: u32 = 0;
    // The last table of the previous table page: its columns, to tell a table that runs on.
    let mut open: Option<Vec<f32>> = None;
    for (mut page, drawn) in laid.into_iter().zip(pages) {
        page.lines = join_wrapped_titles(std::mem::take(&mut page.lines));
        let page = &page;
        // Each page starts with a page mark; a page without text is a line of its own, blank if
        // nothing at all is drawn on it, an object mark (U+FFFC) if lines or images are.
        text.push(crate::narrative::PAGE_BREAK);
        if page.text.is_empty() {
            if !drawn.segments.is_empty() || drawn.images > 0 {
                text.push('\u{fffc}');
            }
            text.push('\n');
        }
        for line in &page.text {
            text.push_str(line);
            text.push('\n');
        }
        if let Some(note) = hidden_note(drawn) {
            text.push_str(&note);
            text.push('\n');
        }
        // Pages without a ruled table (cover, contents, the explanation) are text only.
        if page.regions.is_empty() || is_contents(page) {
            if !page.regions.is_empty() {
                open = None;
            }
            continue;
        }
        let first_table = page.lines.iter().position(|l| matches!(l.place, LinePlace::Table { .. }));
        let above: &[layout::Line] = first_table.map(|i| &page.lines[..i]).unwrap_or(&[]);
        // A table runs on when the first table of the page has the last one's columns (some of
        // them: a 合计 row alone merges the code columns) and no title stands above it; its
        // cells then keep the columns of the table they continue.
        let mapping = open.as_ref().and_then(|cols| column_mapping(cols, &page.regions[0].columns)).filter(|_| !above.iter().any(is_title));
        let runs_on = mapping.is_some();
        for (i, line) in page.lines.iter().enumerate() {
            let before_first = first_table.is_some_and(|f| i < f);
            let keep = match line.place {
                LinePlace::Table { .. } => true,
                // Above a table that runs on from the last page: the repeated page header.
                _ if before_first && runs_on => false,
                _ if is_page_number(line) => false,
                LinePlace::Free => true,
                LinePlace::Below => is_note(line) || is_title(line) || is_meta(line),
            };
            if !keep {
                continue;
            }
            let col_of = |col: u32| match (&mapping, line.place) {
                (Some(map), LinePlace::Table { region: 0 }) => map.get(col as usize).copied().unwrap_or(col),
                _ => col,
            };
            for (col, bbox) in &line.boxes {
                builder.place(row, col_of(*col), Place { page: page.number, bbox: *bbox });
            }
            for cell in &line.cells {
                let col = col_of(cell.col);
                builder.push(row, col, CellValue::Text(cell.text.clone()), name)?;
                builder.place(row, col, Place { page: page.number, bbox: cell.bbox });
            }
            row += 1;
        }
        // A title after the page's last table starts the next table: nothing runs on.
        let last_table = page.lines.iter().rposition(|l| matches!(l.place, LinePlace::Table { .. }));
        let title_after = last_table.is_some_and(|l| page.lines[l + 1..].iter().any(is_title));
        open = if title_after {
            None
        } else if page.regions.len() == 1 && runs_on {
            open
        } else {
            page.regions.last().map(|r| r.columns.clone())
        };
        // A gap between pages keeps a table's last row apart from the next page's first.
        row += 1;
    }
    let grid = builder.build(name)?;
    Ok(ReadFile { format: Format::Pdf, grids: vec![grid], formulas: Vec::new(), text: Some(text) })
}

/// Text drawn where no viewer shows it (clipped away, or off the page) is a defect of the
/// published document when there is more of it than a stray label: a line of the page's text
/// annotates it (U+FFF9 count U+FFFA the first hidden words U+FFFB), for the narrative's page
/// checks ([`crate::narrative::PagedText`] takes the line out).
fn hidden_note(page: &Page) -> Option<String> {
    let shown: Vec<&layout::Glyph> = page.hidden.iter().map(|&i| &page.glyphs[i]).filter(|g| !g.text.is_whitespace()).collect();
    if shown.len() < MIN_HIDDEN {
        return None;
    }
    let first = shown.iter().min_by(|a, b| a.top.total_cmp(&b.top).then(a.x0.total_cmp(&b.x0)))?;
    let mut words: Vec<&&layout::Glyph> = shown.iter().filter(|g| (g.top - first.top).abs() < 1.0).collect();
    words.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    let words: String = words.iter().take(24).map(|g| g.text).collect();
    Some(format!("\u{fff9}{}\u{fffa}{words}\u{fffb}", shown.len()))
}

/// Fewer hidden characters than this are a clipped label (`项目支出` in a pie chart), not text lost.
const MIN_HIDDEN: usize = 10;

fn sheet_name(file: &str) -> String {
    file.rsplit(['/', '\\']).next().unwrap_or(file).to_string()
}

/// For each column boundary of `next`, the index of the same boundary in `open`; `None` unless
/// every boundary of `next` is one of `open`'s (and they share the outer two).
fn column_mapping(open: &[f32], next: &[f32]) -> Option<Vec<u32>> {
    let near = |x: f32| open.iter().position(|o| (o - x).abs() <= 4.0).map(|i| i as u32);
    let map: Vec<u32> = next.iter().map(|x| near(*x)).collect::<Option<Vec<u32>>>()?;
    let outer = map.first() == Some(&0) && map.last() == Some(&(open.len() as u32 - 1));
    (outer && map.len() >= 2).then_some(map)
}

fn line_text(line: &layout::Line) -> String {
    line.cells.iter().map(|c| c.text.as_str()).collect::<Vec<_>>().join(" ")
}

/// A line that names a table.
fn is_title(line: &layout::Line) -> bool {
    line.cells.iter().any(|c| c.text.contains('表') && vocab::title_kind(&c.text).is_some())
}

/// A title wrapped over two lines of print (`公开09表：一般公共预算“三公”经费、会议费、培训费` over
/// `支出预算表`) is one title: alone, its second line would name another table. A unit name
/// wrapped in its cell is one name.
fn join_wrapped_titles(lines: Vec<layout::Line>) -> Vec<layout::Line> {
    let mut out: Vec<layout::Line> = Vec::with_capacity(lines.len());
    for line in lines {
        if let Some(prev) = out.last_mut() {
            let single = |l: &layout::Line| l.place == LinePlace::Free && l.cells.len() == 1;
            let close = line.top - prev.bottom < (prev.bottom - prev.top).max(8.0) * 2.0;
            // A first line that ends in 表 is whole (`上海市…2024年度部门决算表` above `收入支出决算总表`).
            let whole = |l: &layout::Line| l.cells[0].text.trim_end().ends_with('表') || vocab::document_year(&l.cells[0].text).is_some();
            if single(prev) && single(&line) && close && !is_title(prev) && !whole(prev) && line.cells[0].text.chars().count() <= 12 {
                let text = format!("{}{}", prev.cells[0].text, line.cells[0].text);
                if text.contains('表') && vocab::title_kind(&text).is_some() {
                    let (a, b) = (prev.cells[0].bbox, line.cells[0].bbox);
                    prev.cells[0].text = text;
                    prev.cells[0].bbox = [a[0].min(b[0]), a[1].min(b[1]), a[2].max(b[2]), a[3].max(b[3])];
                    prev.bottom = line.bottom;
                    continue;
                }
            }
        }
        // `单位：万` over `元`: a money unit wrapped in its cell.
        let mut line = line;
        if let Some(prev) = out.last_mut().filter(|p| p.place == LinePlace::Free && line.place == LinePlace::Free) {
            let close = line.top - prev.bottom < (prev.bottom - prev.top).max(8.0) * 2.0;
            let cut = prev.cells.iter().position(|c| vocab::money_unit(&c.text).is_none() && vocab::normalize(&c.text).starts_with("单位"));
            if let (true, Some(k)) = (close, cut) {
                let col = prev.cells[k].col;
                if let Some(j) = line
                    .cells
                    .iter()
                    .position(|c| c.col == col && vocab::money_unit(&format!("{}{}", prev.cells[k].text, c.text)).is_some())
                {
                    let rest = line.cells.remove(j);
                    let cell = &mut prev.cells[k];
                    cell.text.push_str(&rest.text);
                    let b = rest.bbox;
                    cell.bbox = [cell.bbox[0].min(b[0]), cell.bbox[1].min(b[1]), cell.bbox[2].max(b[2]), cell.bbox[3].max(b[3])];
                    if line.cells.is_empty() {
                        continue;
                    }
                }
            }
        }
        // `部门名称：江苏省高级人民法` over `院`: a unit name wrapped in its cell (perhaps with the
        // money unit printed between, on a line of its own) goes on in the line below.
        let tail = |l: &layout::Line| {
            let t = &l.cells[0].text;
            l.place == LinePlace::Free
                && l.cells[1..].iter().all(|c| vocab::money_unit(&c.text).is_some())
                && t.chars().count() <= 8
                && !t.chars().any(|c| c.is_ascii_digit() || matches!(c, ':' | '：' | '表'))
        };
        if !line.cells.is_empty() && tail(&line) {
            let n = out.len();
            let named = (n.saturating_sub(2)..n).rev().find(|&i| {
                let l = &out[i];
                l.place == LinePlace::Free
                    && line.top - l.bottom < (l.bottom - l.top).max(8.0) * 2.0
                    && l.cells.first().is_some_and(|c| vocab::unit_name(&c.text).is_some())
            });
            let between_is_meta =
                named.is_some_and(|i| out[i + 1..].iter().all(|l| l.cells.iter().all(|c| vocab::money_unit(&c.text).is_some())));
            if let (Some(i), true) = (named, between_is_meta) {
                let first = line.cells.remove(0);
                let cell = &mut out[i].cells[0];
                cell.text.push_str(first.text.trim());
                let b = first.bbox;
                cell.bbox = [cell.bbox[0].min(b[0]), cell.bbox[1].min(b[1]), cell.bbox[2].max(b[2]), cell.bbox[3].max(b[3])];
                if line.cells.is_empty() {
                    continue;
                }
                // The money unit printed beside the name's second line stays a line of its own.
                out.push(line);
                continue;
            }
        }
        out.push(line);
    }
    out
}

/// `编制单位：… 单位：元`, `部门：… 单位：万元`.
fn is_meta(line: &layout::Line) -> bool {
    line.cells.iter().any(|c| vocab::money_unit(&c.text).is_some() || vocab::unit_name(&c.text).is_some() || c.text.starts_with("部门："))
}

fn is_note(line: &layout::Line) -> bool {
    let t = line_text(line);
    let n = vocab::normalize(&t);
    n.starts_with("注") || n.starts_with("说明") || n.contains("空表") || n.contains("无数据") || n.starts_with("本表")
}

/// `- 3 -`, `3`, `第 3 页`, `第3页 共20页`.
fn is_page_number(line: &layout::Line) -> bool {
    let t: String = line_text(line).chars().filter(|c| !c.is_whitespace()).collect();
    let core = t.trim_matches(|c: char| matches!(c, '-' | '—' | '–' | '·'));
    (!core.is_empty() && core.len() <= 4 && core.chars().all(|c| c.is_ascii_digit()))
        || (core.starts_with('第')
            && core.contains('页')
            && core.chars().filter(|c| c.is_ascii_digit()).count() <= 6
            && core.chars().count() <= 12)
}

/// A contents page: it says 目录, and its lines end in page numbers.
fn is_contents(page: &LaidPage) -> bool {
    page.text.iter().take(5).any(|l| vocab::normalize(l) == "目录")
}

#[cfg(test)]
mod tests {
    use super::layout::{Glyph, Segment};
    use super::*;

    fn word(text: &str, x: f32, top: f32) -> Vec<Glyph> {
        let mut out = Vec::new();
        let mut x = x;
        for ch in text.chars() {
            let w = if ch.is_ascii() { 5.0 } else { 10.0 };
            out.push(Glyph { text: ch, x0: x, x1: x + w, top, bottom: top + 10.0, size: 10.0 });
            x += w;
        }
        out
    }

    fn table(rows: &[&[(&str, f32)]], top: f32) -> (Vec<Glyph>, Vec<Segment>) {
        let mut glyphs = Vec::new();
        let mut segments = Vec::new();
        let cols = [100.0, 250.0, 350.0, 450.0];
        for (i, row) in rows.iter().enumerate() {
            let y = top + 20.0 * i as f32;
            for (text, x) in *row {
                glyphs.extend(word(text, *x, y + 5.0));
            }
            segments.push(Segment::new(100.0, y - 0.4, 450.0, y + 0.4));
        }
        let bottom = top + 20.0 * rows.len() as f32;
        segments.push(Segment::new(100.0, bottom - 0.4, 450.0, bottom + 0.4));
        for x in cols {
            segments.push(Segment::new(x - 0.4, top, x + 0.4, bottom));
        }
        (glyphs, segments)
    }

    fn page(number: u32, parts: Vec<(Vec<Glyph>, Vec<Segment>)>) -> Page {
        let mut p = Page { number, width: 595.0, height: 842.0, ..Default::default() };
        for (g, s) in parts {
            p.glyphs.extend(g);
            p.segments.extend(s);
        }
        p
    }

    fn rows(f: &ReadFile) -> Vec<String> {
        let g = &f.grids[0];
        g.rows()
            .map(|r| g.row(r).texts().map(|(c, t)| format!("{c}:{t}")).collect::<Vec<_>>().join(" "))
            .filter(|s| !s.is_empty())
            .collect()
    }

    #[test]
    fn a_table_that_runs_on_drops_the_repeated_page_header_and_keeps_its_place() {
        let header = word("部门：江苏省某厅", 100.0, 60.0).into_iter().chain(word("单位：万元", 400.0, 60.0)).collect::<Vec<_>>();
        let title = word("一般公共预算支出预算表", 150.0, 30.0);
        let p1 = page(
            5,
            vec![
                (title.clone(), vec![]),
                (header.clone(), vec![]),
                table(
                    &[&[("项目", 110.0), ("合计", 260.0), ("基本支出", 360.0)], &[("201", 110.0), ("10.00", 300.0), ("10.00", 400.0)]],
                    100.0,
                ),
                (word("- 5 -", 290.0, 800.0), vec![]),
            ],
        );
        let p2 = page(6, vec![(header, vec![]), table(&[&[("205", 110.0), ("3.00", 300.0)]], 100.0), (word("6", 295.0, 800.0), vec![])]);
        let f = document("a.pdf", &[p1, p2], &Limits::default()).unwrap();
        assert_eq!(
            rows(&f),
            vec![
                "0:一般公共预算支出预算表",
                "0:部门：江苏省某厅 2:单位：万元",
                "0:项目 1:合计 2:基本支出",
                "0:201 1:10.00 2:10.00",
                "0:205 1:3.00"
            ]
        );
        let g = &f.grids[0];
        let last = g.rows().rev().find(|r| !g.row(*r).is_empty()).unwrap();
        assert_eq!(g.place(last, 1).unwrap().page, 6, "the cell is on page 6");
        assert!(f.text.as_ref().unwrap().contains("205"));
    }

    #[test]
    fn a_new_title_starts_a_new_table_even_with_the_same_columns() {
        let t1 = table(&[&[("合计", 260.0)], &[("1.00", 300.0)]], 100.0);
        let t2 = table(&[&[("合计", 260.0)], &[("2.00", 300.0)]], 100.0);
        let p1 = page(1, vec![(word("收入预算总表", 150.0, 30.0), vec![]), t1]);
        let p2 = page(2, vec![(word("支出预算总表", 150.0, 30.0), vec![]), t2]);
        let f = document("a.pdf", &[p1, p2], &Limits::default()).unwrap();
        let r = rows(&f);
        assert_eq!(r, ["0:收入预算总表", "1:合计", "1:1.00", "0:支出预算总表", "1:合计", "1:2.00"]);
    }

    #[test]
    fn wrapped_titles_names_and_units_are_joined_and_a_heading_is_not() {
        let t = table(&[&[("合计", 260.0)], &[("1.00", 300.0)]], 120.0);
        let p = page(
            1,
            vec![
                (word("公开09表：一般公共预算“三公”经费、会议费、培训费", 100.0, 30.0), vec![]),
                (word("支出预算表", 100.0, 44.0), vec![]),
                (word("部门名称：江苏省高级人民法", 100.0, 70.0).into_iter().chain(word("单位：万", 400.0, 70.0)).collect(), vec![]),
                (word("院", 100.0, 84.0).into_iter().chain(word("元", 400.0, 84.0)).collect(), vec![]),
                t,
            ],
        );
        let f = document("a.pdf", &[p], &Limits::default()).unwrap();
        let r = rows(&f);
        assert_eq!(r[0], "0:公开09表：一般公共预算“三公”经费、会议费、培训费支出预算表");
        assert_eq!(r[1], "0:部门名称：江苏省高级人民法院 2:单位：万元");
        // A document's heading ending in 表 stays apart from the title below it.
        let t = table(&[&[("合计", 260.0)], &[("1.00", 300.0)]], 120.0);
        let p =
            page(1, vec![(word("上海市某局2024年度部门决算表", 100.0, 30.0), vec![]), (word("收入支出决算总表", 100.0, 44.0), vec![]), t]);
        let r = rows(&document("a.pdf", &[p], &Limits::default()).unwrap());
        assert_eq!(r[..2], ["0:上海市某局2024年度部门决算表", "0:收入支出决算总表"]);
    }

    /// A one-page A4 PDF drawing `content` with Helvetica as `/F1`.
    fn one_page_pdf(content: &str) -> Vec<u8> {
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>".to_string(),
            format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len() + 1),
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_string(),
        ];
        let mut out = b"%PDF-1.4\n".to_vec();
        let mut offsets = Vec::new();
        for (i, body) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
        }
        let xref = out.len();
        out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
        for o in offsets {
            out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
        }
        out.extend_from_slice(format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes());
        out
    }

    #[test]
    fn glyphs_clipped_away_or_off_the_page_are_kept_and_marked_hidden() {
        let text = |ch: char, x: u32, y: u32| format!("BT /F1 10 Tf 1 0 0 1 {x} {y} Tm ({ch}) Tj ET\n");
        let content = [
            text('A', 100, 700),
            // A clip (as a table cell clips its text): B inside it, C outside.
            "q 50 600 200 100 re W n\n".to_string(),
            text('B', 100, 650),
            text('C', 300, 650),
            // Clipping paths only cut down: D is outside the first clip, inside the second.
            "260 600 100 100 re W n\n".to_string(),
            text('D', 300, 650),
            // Q restores the clip.
            "Q\n".to_string(),
            text('E', 300, 650),
            // Above the top of the page, and beyond its right edge.
            text('F', 100, 900),
            text('G', 700, 400),
        ]
        .concat();
        let pages = pages("a.pdf", &one_page_pdf(&content), &Limits::default()).unwrap();
        let page = &pages[0];
        let all: String = page.glyphs.iter().map(|g| g.text).collect();
        assert_eq!(all, "ABCDEFG", "hidden glyphs stay in the page's glyphs");
        let hidden: String = page.hidden.iter().map(|&i| page.glyphs[i].text).collect();
        assert_eq!(hidden, "CDFG");
        assert!(page.glyphs[5].top < 0.0, "F is above the top of the page");
    }

    #[test]
    fn pages_without_tables_are_text_only() {
        let p1 = page(1, vec![(word("目录", 250.0, 50.0), vec![]), (word("一、部门收入预算总表……3", 100.0, 80.0), vec![])]);
        let p2 = page(2, vec![(word("2026年收入预算8695.94万元", 100.0, 80.0), vec![])]);
        let f = document("a.pdf", &[p1, p2], &Limits::default()).unwrap();
        assert!(rows(&f).is_empty());
        assert!(f.text.unwrap().contains("8695.94"));
    }
}

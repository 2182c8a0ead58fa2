//! Positions to rows: a page's glyphs and ruling lines become the rows and cells of a grid.
//!
//! Published budget PDFs (WPS, Excel, Word, ONLYOFFICE exports) draw their tables' cell borders,
//! as thin filled rectangles, stroked rectangles or lines. Where a page has such a grid of rules,
//! its columns are the vertical rules and its rows the horizontal ones: every glyph goes into the
//! cell whose rules enclose it, a cell without glyphs stays blank, and a cell merged across
//! columns (no rule between them in that row) is one cell at its leftmost column — as a
//! spreadsheet keeps a merged cell. Text outside the ruled grid (the title, `编制单位：… 单位：元`,
//! notes) becomes rows of its own, split into cells at wide gaps.
//!
//! Coordinates are PDF points with y growing downwards from the top of the page as displayed
//! (after the page's rotation).

/// One glyph: its text (usually one character) and its box on the page.
#[derive(Clone, Debug, PartialEq)]
pub struct Glyph {
    pub text: char,
    pub x0: f32,
    pub x1: f32,
    pub top: f32,
    pub bottom: f32,
    /// The font size as drawn (after the text matrix), for gaps and line heights.
    pub size: f32,
}

impl Glyph {
    fn cx(&self) -> f32 {
        (self.x0 + self.x1) / 2.0
    }
    fn cy(&self) -> f32 {
        (self.top + self.bottom) / 2.0
    }
}

/// A straight ruling line (horizontal or vertical), from a stroked path or a thin filled rectangle.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Segment {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

impl Segment {
    pub fn new(xa: f32, ya: f32, xb: f32, yb: f32) -> Segment {
        Segment { x0: xa.min(xb), y0: ya.min(yb), x1: xa.max(xb), y1: ya.max(yb) }
    }
    fn horizontal(&self) -> bool {
        self.y1 - self.y0 <= RULE_THICKNESS && self.x1 - self.x0 > self.y1 - self.y0
    }
    fn vertical(&self) -> bool {
        self.x1 - self.x0 <= RULE_THICKNESS && self.y1 - self.y0 > self.x1 - self.x0
    }
}

/// What was read off one page.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Page {
    /// 1-based, as printed by a viewer.
    pub number: u32,
    pub width: f32,
    pub height: f32,
    pub glyphs: Vec<Glyph>,
    /// Indices into `glyphs`, ascending, of the glyphs drawn where a viewer shows nothing: their
    /// centre off the page or clipped away (the clip taken as its bounding box). They are kept
    /// in `glyphs` (a table cell may clip the digits that overflow it; the number is still read).
    pub hidden: Vec<usize>,
    pub segments: Vec<Segment>,
    /// Images drawn on the page.
    pub images: u32,
}

/// A cell's box on its page: `[x0, top, x1, bottom]` in points, y down.
pub type BBox = [f32; 4];

/// One laid-out cell: its column in the grid, its text and where it is on the page.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    pub col: u32,
    pub text: String,
    pub bbox: BBox,
}

/// A row of a page, top to bottom.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub top: f32,
    pub bottom: f32,
    pub cells: Vec<Cell>,
    pub place: LinePlace,
    /// In a ruled table, the box of every cell of the row, blank ones included (a finding about
    /// a blank cell points at its box).
    pub boxes: Vec<(u32, BBox)>,
}

/// Where a row comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinePlace {
    /// Text outside any ruled table, above the first table of the page or between tables.
    Free,
    /// Text outside any ruled table, below the page's last table.
    Below,
    /// A row of ruled table `region` of the page (its index there).
    Table { region: usize },
}

/// A ruled table found on a page: its box and its column boundaries.
#[derive(Clone, Debug, PartialEq)]
pub struct Region {
    pub bbox: BBox,
    /// The x of every vertical rule, left to right.
    pub columns: Vec<f32>,
}

/// A page laid out: its rows in reading order and its ruled tables.
#[derive(Clone, Debug, PartialEq)]
pub struct LaidPage {
    pub number: u32,
    pub lines: Vec<Line>,
    pub regions: Vec<Region>,
    /// The page's text in reading order, one line per line of print (for the narrative).
    pub text: Vec<String>,
}

/// Tables looked for on one page, and cells (rows × columns) of one table: more is drawing.
const MAX_TABLES_PER_PAGE: usize = 32;
const MAX_CELLS_PER_TABLE: usize = 20_000;
/// Rules (after joining their pieces) looked at on one page, each way.
const MAX_RULES_PER_PAGE: usize = 6_000;

/// Rules are at most this thick (points); thicker filled boxes are shading, not rules.
const RULE_THICKNESS: f32 = 2.5;
/// Rules this close are the same rule; a glyph this far outside a table is outside it.
const SNAP: f32 = 2.0;
/// The least height of a row of print (points): a band of a table is at least this tall.
const ROW_MIN: f32 = 6.0;

/// Lays out one page.
pub fn lay_out(page: &Page) -> LaidPage {
    let (hs, vs) = rules(&page.segments);
    let mut regions = regions(&hs, &vs);
    // A page holds a few tables; thousands of ruled boxes are drawing, not tables: the largest
    // are kept.
    if regions.len() > MAX_TABLES_PER_PAGE {
        let area = |r: &Region| (r.bbox[2] - r.bbox[0]) * (r.bbox[3] - r.bbox[1]);
        regions.sort_by(|a, b| area(&b.0).total_cmp(&area(&a.0)));
        regions.truncate(MAX_TABLES_PER_PAGE);
    }
    regions.sort_by(|a, b| a.0.bbox[1].total_cmp(&b.0.bbox[1]));
    let mut inside: Vec<Vec<&Glyph>> = vec![Vec::new(); regions.len()];
    let mut outside: Vec<&Glyph> = Vec::new();
    for g in &page.glyphs {
        match regions.iter().position(|(r, _, _)| contains(&r.bbox, g.cx(), g.cy())) {
            Some(i) => inside[i].push(g),
            None => outside.push(g),
        }
    }
    let mut lines: Vec<Line> = Vec::new();
    for (i, ((region, h, v), glyphs)) in regions.iter().zip(&inside).enumerate() {
        lines.extend(table_rows(region, h, v, glyphs, i));
    }
    let last_table_bottom = regions.iter().map(|r| r.0.bbox[3]).fold(f32::NEG_INFINITY, f32::max);
    let text_lines = if regions.is_empty() { paragraphs(&page.glyphs) } else { text_lines(&page.glyphs) };
    for l in text_lines_of(&outside).into_iter().filter(|l| l.glyphs.iter().any(|g| !g.text.is_whitespace())) {
        let place = if !regions.is_empty() && l.top >= last_table_bottom { LinePlace::Below } else { LinePlace::Free };
        let next_region = regions.iter().map(|r| &r.0).find(|r| r.bbox[1] >= l.bottom - SNAP);
        lines.push(free_row(&l, next_region, place));
    }
    lines.sort_by(|a, b| a.top.total_cmp(&b.top).then(a.bottom.total_cmp(&b.bottom)));
    LaidPage { number: page.number, lines, regions: regions.into_iter().map(|r| r.0).collect(), text: text_lines }
}

fn contains(b: &BBox, x: f32, y: f32) -> bool {
    x >= b[0] - SNAP && x <= b[2] + SNAP && y >= b[1] - SNAP && y <= b[3] + SNAP
}

/// Rules along one axis: (position, from, to).
type Rules = Vec<(f32, f32, f32)>;

/// Horizontal rules as (y, x0, x1) and vertical ones as (x, y0, y1), collinear pieces merged.
fn rules(segments: &[Segment]) -> (Rules, Rules) {
    let mut hs: Vec<(f32, f32, f32)> = Vec::new();
    let mut vs: Vec<(f32, f32, f32)> = Vec::new();
    for s in segments {
        if s.horizontal() && s.x1 - s.x0 >= 2.0 {
            hs.push(((s.y0 + s.y1) / 2.0, s.x0, s.x1));
        } else if s.vertical() && s.y1 - s.y0 >= 2.0 {
            vs.push(((s.x0 + s.x1) / 2.0, s.y0, s.y1));
        }
    }
    let (mut hs, mut vs) = (merge_collinear(hs), merge_collinear(vs));
    if hs.len() > MAX_RULES_PER_PAGE || vs.len() > MAX_RULES_PER_PAGE {
        // Not a table page but a drawing (or a hostile file): no table is looked for.
        hs.clear();
        vs.clear();
    }
    (hs, vs)
}

/// Pieces of one line (same position within `SNAP`) that touch or overlap become one.
fn merge_collinear(mut lines: Vec<(f32, f32, f32)>) -> Vec<(f32, f32, f32)> {
    lines.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let mut out: Vec<(f32, f32, f32)> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        // The lines at about the same position, in order along them.
        let mut j = i;
        while j < lines.len() && lines[j].0 - lines[i].0 <= SNAP {
            j += 1;
        }
        let mut group: Vec<(f32, f32, f32)> = lines[i..j].to_vec();
        group.sort_by(|a, b| a.1.total_cmp(&b.1));
        let pos = group.iter().map(|l| l.0).sum::<f32>() / group.len() as f32;
        let mut cur = (pos, group[0].1, group[0].2);
        for l in &group[1..] {
            if l.1 <= cur.2 + SNAP {
                cur.2 = cur.2.max(l.2);
            } else {
                out.push(cur);
                cur = (pos, l.1, l.2);
            }
        }
        out.push(cur);
        i = j;
    }
    out
}

/// Groups of rules that cross each other: each a table, with its own horizontal and vertical rules.
fn regions(hs: &Rules, vs: &Rules) -> Vec<(Region, Rules, Rules)> {
    let n = hs.len() + vs.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    // Vertical rules by x, so that each horizontal one looks only at those within its length.
    let mut by_x: Vec<usize> = (0..vs.len()).collect();
    by_x.sort_by(|a, b| vs[*a].0.total_cmp(&vs[*b].0));
    for (i, h) in hs.iter().enumerate() {
        let from = by_x.partition_point(|&j| vs[j].0 < h.1 - SNAP);
        for &j in by_x[from..].iter().take_while(|&&j| vs[j].0 <= h.2 + SNAP) {
            let v = &vs[j];
            if h.0 >= v.1 - SNAP && h.0 <= v.2 + SNAP {
                let (a, b) = (find(&mut parent, i), find(&mut parent, hs.len() + j));
                parent[a] = b;
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, (Rules, Rules)> = Default::default();
    for i in 0..n {
        let root = find(&mut parent, i);
        let g = groups.entry(root).or_default();
        if i < hs.len() {
            g.0.push(hs[i]);
        } else {
            g.1.push(vs[i - hs.len()]);
        }
    }
    let mut out = Vec::new();
    for (_, (h, v)) in groups {
        // A table has at least two rows' worth of horizontal rules and two columns' worth of vertical ones.
        if h.len() < 2 || v.len() < 2 {
            continue;
        }
        let x0 = h.iter().map(|l| l.1).chain(v.iter().map(|l| l.0)).fold(f32::INFINITY, f32::min);
        let x1 = h.iter().map(|l| l.2).chain(v.iter().map(|l| l.0)).fold(f32::NEG_INFINITY, f32::max);
        let y0 = v.iter().map(|l| l.1).chain(h.iter().map(|l| l.0)).fold(f32::INFINITY, f32::min);
        let y1 = v.iter().map(|l| l.2).chain(h.iter().map(|l| l.0)).fold(f32::NEG_INFINITY, f32::max);
        if x1 - x0 < 20.0 || y1 - y0 < 8.0 {
            continue;
        }
        let columns = positions(v.iter().map(|l| l.0));
        let rows = positions(h.iter().map(|l| l.0));
        // At least two columns and two rows of rules (rules that are one line are no table), and
        // no more cells than a printed table has.
        if columns.len() < 2 || rows.len() < 2 || columns.len() * rows.len() > MAX_CELLS_PER_TABLE {
            continue;
        }
        out.push((Region { bbox: [x0, y0, x1, y1], columns }, h, v));
    }
    out
}

/// Distinct positions, in order, those within `SNAP` taken as one.
fn positions(values: impl Iterator<Item = f32>) -> Vec<f32> {
    let mut v: Vec<f32> = values.collect();
    v.sort_by(f32::total_cmp);
    let mut out: Vec<f32> = Vec::new();
    for x in v {
        match out.last() {
            Some(&last) if x - last <= SNAP => {}
            _ => out.push(x),
        }
    }
    out
}

/// The rows of one ruled table: one per band between horizontal rules; in each band the cells
/// are bounded by the vertical rules that cross it, and a cell with no rule below it runs on
/// into the band below (a header cell merged over two or three header rows: `附属单 / 位上 /
/// 缴收入` is one cell, `附属单位上缴收入`, in its top row). Two amounts or codes are never one cell.
fn table_rows(region: &Region, hs: &Rules, vs: &Rules, glyphs: &[&Glyph], index: usize) -> Vec<Line> {
    let ys = positions(hs.iter().map(|l| l.0));
    let cols = &region.columns;
    // Bands between consecutive horizontal rules (glyphs above the first or below the last rule
    // but inside the region's box join the nearest band).
    let mut bands: Vec<(f32, f32)> = ys.windows(2).map(|w| (w[0], w[1])).collect();
    if bands.is_empty() {
        bands.push((region.bbox[1], region.bbox[3]));
    }
    // A table continued from the page before often has no rule along its top (or, running on to
    // the next page, along its bottom): the vertical rules reach beyond the horizontal ones, and
    // the row printed there is a band of its own, not part of its neighbour.
    if let (true, Some(&first), Some(&last)) = (ys.len() >= 2, ys.first(), ys.last()) {
        if first - region.bbox[1] > ROW_MIN {
            bands.insert(0, (region.bbox[1], first));
        }
        if region.bbox[3] - last > ROW_MIN {
            bands.push((last, region.bbox[3]));
        }
    }
    let band_of = |cy: f32| {
        let i = bands.partition_point(|(t, _)| *t <= cy);
        i.saturating_sub(1).min(bands.len() - 1)
    };
    // The vertical rules of each column boundary, and the horizontal ones of each row boundary.
    let nearest = |xs: &[f32], x: f32| {
        let i = xs.partition_point(|c| *c < x);
        [i.checked_sub(1), Some(i)]
            .into_iter()
            .flatten()
            .filter(|&k| k < xs.len())
            .min_by(|&a, &b| (xs[a] - x).abs().total_cmp(&(xs[b] - x).abs()))
    };
    let mut col_rules: Vec<Vec<(f32, f32)>> = vec![Vec::new(); cols.len()];
    for v in vs {
        if let Some(k) = nearest(cols, v.0).filter(|&k| (cols[k] - v.0).abs() <= SNAP) {
            col_rules[k].push((v.1, v.2));
        }
    }
    let mut row_rules: Vec<Vec<(f32, f32)>> = vec![Vec::new(); ys.len()];
    for h in hs {
        if let Some(k) = nearest(&ys, h.0).filter(|&k| (ys[k] - h.0).abs() <= SNAP) {
            row_rules[k].push((h.1, h.2));
        }
    }
    // The cell spans of each band: between the vertical rules that cross its middle.
    let spans: Vec<Vec<(usize, usize)>> = bands
        .iter()
        .map(|(top, bottom)| {
            let mid = (top + bottom) / 2.0;
            let mut present: Vec<usize> =
                (0..cols.len()).filter(|&i| col_rules[i].iter().any(|(y0, y1)| *y0 <= mid + SNAP && *y1 >= mid - SNAP)).collect();
            if present.first() != Some(&0) {
                present.insert(0, 0);
            }
            if present.last() != Some(&(cols.len() - 1)) {
                present.push(cols.len() - 1);
            }
            present.windows(2).map(|w| (w[0], w[1])).collect()
        })
        .collect();
    let span_of = |j: usize, cx: f32| {
        let s = &spans[j];
        let i = s.partition_point(|(a, _)| cols[*a] <= cx);
        i.saturating_sub(1).min(s.len().saturating_sub(1))
    };
    // Each band's cells' glyphs.
    let mut per_cell: Vec<Vec<Vec<&Glyph>>> = spans.iter().map(|s| vec![Vec::new(); s.len()]).collect();
    for g in glyphs {
        let j = band_of(g.cy());
        let k = span_of(j, g.cx());
        per_cell[j][k].push(g);
    }
    // Merged cells: (first band, last band, span), in order of their first band.
    let rule_between = |y: f32, x0: f32, x1: f32| {
        let mid = (x0 + x1) / 2.0;
        nearest(&ys, y)
            .filter(|&k| (ys[k] - y).abs() <= SNAP)
            .is_some_and(|k| row_rules[k].iter().any(|(a, b)| *a <= mid + SNAP && *b >= mid - SNAP))
    };
    let numeric = |gs: &[&Glyph]| {
        let t = cell_text(gs);
        !t.is_empty() && t.chars().all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '-' | ' '))
    };
    let mut merged: Vec<Merged<'_>> = Vec::new();
    let mut owner: std::collections::HashMap<(usize, usize), usize> = Default::default();
    for j in 0..bands.len() {
        for (k, &(a, b)) in spans[j].iter().enumerate() {
            let above = (j > 0).then(|| owner.get(&(j - 1, a)).copied()).flatten();
            let joins = above.is_some_and(|m| {
                let up = &merged[m];
                up.span == (a, b) && !rule_between(bands[j].0, cols[a], cols[b]) && !(numeric(&up.glyphs) && numeric(&per_cell[j][k]))
            });
            match (joins, above) {
                (true, Some(m)) => {
                    merged[m].last = j;
                    merged[m].glyphs.extend(per_cell[j][k].iter().copied());
                    owner.insert((j, a), m);
                }
                _ => {
                    merged.push(Merged { first: j, last: j, span: (a, b), glyphs: per_cell[j][k].clone() });
                    owner.insert((j, a), merged.len() - 1);
                }
            }
        }
    }
    let mut out = Vec::new();
    for (j, (top, _)) in bands.iter().enumerate() {
        let here: Vec<&Merged<'_>> = merged.iter().filter(|m| m.first == j).collect();
        let bbox = |m: &Merged<'_>| [cols[m.span.0], *top, cols[m.span.1], bands[m.last].1];
        let boxes: Vec<(u32, BBox)> = here.iter().map(|m| (m.span.0 as u32, bbox(m))).collect();
        let cells: Vec<Cell> = here
            .iter()
            .filter(|m| !m.glyphs.is_empty())
            .map(|m| Cell { col: m.span.0 as u32, text: cell_text(&m.glyphs), bbox: bbox(m) })
            .filter(|c| !c.text.is_empty())
            .collect();
        if !cells.is_empty() {
            let bottom = here.iter().map(|m| bands[m.last].1).fold(bands[j].1, f32::max);
            out.push(Line { top: *top, bottom, cells, place: LinePlace::Table { region: index }, boxes });
        }
    }
    out
}

/// A cell of a ruled table, perhaps merged down over several bands: its first and last band,
/// its span of column boundaries, its glyphs.
struct Merged<'g> {
    first: usize,
    last: usize,
    span: (usize, usize),
    glyphs: Vec<&'g Glyph>,
}

/// The text of a cell's glyphs: lines of print top to bottom joined (a wrapped name is one
/// name), a space where glyphs on one line stand apart.
fn cell_text(glyphs: &[&Glyph]) -> String {
    let mut s = String::new();
    for line in group_lines(glyphs) {
        let mut prev: Option<&Glyph> = None;
        let mut space = false;
        for g in line {
            if g.text.is_whitespace() {
                space = true;
                continue;
            }
            if let Some(p) = prev {
                if (space || g.x0 - p.x1 > 0.3 * p.size.max(g.size)) && !s.ends_with(' ') {
                    s.push(' ');
                }
            }
            s.push(g.text);
            prev = Some(g);
            space = false;
        }
    }
    s.trim().to_string()
}

/// Glyphs grouped into lines of print (by their vertical centre), each line left to right.
fn group_lines<'g>(glyphs: &[&'g Glyph]) -> Vec<Vec<&'g Glyph>> {
    let mut sorted: Vec<&Glyph> = glyphs.to_vec();
    sorted.sort_by(|a, b| a.cy().total_cmp(&b.cy()));
    let mut lines: Vec<Vec<&Glyph>> = Vec::new();
    // The current line's centre, kept as a running sum (a line of 35,000 glyphs is not summed
    // again for each).
    let mut sum = 0.0f32;
    for g in sorted {
        let tol = 0.45 * g.size.max(1.0);
        match lines.last_mut() {
            Some(line) if (g.cy() - sum / line.len() as f32).abs() <= tol => {
                line.push(g);
                sum += g.cy();
            }
            _ => {
                sum = g.cy();
                lines.push(vec![g]);
            }
        }
    }
    for line in &mut lines {
        line.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    }
    lines
}

/// A line of print outside any table: its glyphs and box.
struct TextLine<'g> {
    glyphs: Vec<&'g Glyph>,
    top: f32,
    bottom: f32,
}

fn text_lines_of<'g>(glyphs: &[&'g Glyph]) -> Vec<TextLine<'g>> {
    group_lines(glyphs)
        .into_iter()
        .map(|g| {
            let top = g.iter().map(|g| g.top).fold(f32::INFINITY, f32::min);
            let bottom = g.iter().map(|g| g.bottom).fold(f32::NEG_INFINITY, f32::max);
            TextLine { glyphs: g, top, bottom }
        })
        .collect()
}

/// Every line of print of the page as text, top to bottom.
fn text_lines(glyphs: &[Glyph]) -> Vec<String> {
    let refs: Vec<&Glyph> = glyphs.iter().collect();
    group_lines(&refs).iter().map(|l| cell_text(l)).filter(|t| !t.is_empty()).collect()
}

/// A page of running text as paragraphs: a line that reaches the right margin (and does not end
/// a sentence) goes on in the next line, as does a line ending in a colon before a line that is not
/// a numbered item; so an amount broken before its unit (`1446.32⏎万元`) and a list after
/// `其中：` stay in one sentence for the narrative checks.
fn paragraphs(glyphs: &[Glyph]) -> Vec<String> {
    let refs: Vec<&Glyph> = glyphs.iter().collect();
    let lines: Vec<(String, f32, f32, f32, f32)> = group_lines(&refs)
        .iter()
        .filter_map(|l| {
            let visible: Vec<&&Glyph> = l.iter().filter(|g| !g.text.is_whitespace()).collect();
            let text = cell_text(l);
            if text.is_empty() || visible.is_empty() {
                return None;
            }
            let x1 = visible.iter().map(|g| g.x1).fold(f32::NEG_INFINITY, f32::max);
            let size = visible.iter().map(|g| g.size).fold(0.0, f32::max);
            let top = visible.iter().map(|g| g.top).fold(f32::INFINITY, f32::min);
            let bottom = visible.iter().map(|g| g.bottom).fold(f32::NEG_INFINITY, f32::max);
            Some((text, x1, size, top, bottom))
        })
        .collect();
    let margin = lines.iter().map(|l| l.1).fold(f32::NEG_INFINITY, f32::max);
    let mut out: Vec<String> = Vec::new();
    let mut open = false;
    for (i, (text, x1, size, _, bottom)) in lines.iter().enumerate() {
        if open {
            out.last_mut().expect("an open paragraph").push_str(text);
        } else {
            out.push(text.clone());
        }
        let last = text.trim_end().chars().last().unwrap_or('。');
        let next = lines.get(i + 1);
        let close_below = next.is_some_and(|n| n.3 - bottom < 1.2 * size && (n.2 - size).abs() < 1.0);
        let full = *x1 >= margin - 1.5 * size && !matches!(last, '。' | '！' | '？' | '；');
        let colon = matches!(last, '：' | ':') && next.is_some_and(|n| !starts_numbered(&n.0));
        // `拟购买服务⏎2555.8 万元。`: an amount carried to the next line finishes its sentence.
        let amount_next = !matches!(last, '。' | '！' | '？' | '；') && next.is_some_and(|n| starts_with_amount(&n.0));
        open = close_below && (full || colon || amount_next);
    }
    out
}

/// `2555.8 万元…`, `1,446.32元…` at the start of a line: an amount with its money unit.
fn starts_with_amount(text: &str) -> bool {
    let t = text.trim_start();
    let digits = t.find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | ','))).unwrap_or(t.len());
    digits > 0 && ["万元", "元", "亿元", "千元"].iter().any(|u| t[digits..].trim_start().starts_with(u))
}

/// `（一）`, `(1)`, `一、`, `1、`, `1.` at the start of a line.
fn starts_numbered(text: &str) -> bool {
    let t = text.trim_start();
    let mut chars = t.chars();
    match chars.next() {
        Some('（' | '(') => true,
        Some(c) if c.is_ascii_digit() || "一二三四五六七八九十".contains(c) => {
            let rest: String = t.chars().skip_while(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(*c)).take(1).collect();
            matches!(rest.as_str(), "、" | "." | "．")
        }
        _ => false,
    }
}

/// A free line as a row: split into cells where the gap between glyphs is wide (more than two
/// characters), each cell in the column of the table below whose span holds its left edge (or,
/// without a table below, numbered in order).
fn free_row(line: &TextLine<'_>, below: Option<&Region>, place: LinePlace) -> Line {
    let mut chunks: Vec<Vec<&Glyph>> = Vec::new();
    let mut prev: Option<&Glyph> = None;
    // Gaps are measured between visible glyphs: spaces drawn as glyphs do not join two cells.
    for g in &line.glyphs {
        if g.text.is_whitespace() {
            if let Some(chunk) = chunks.last_mut() {
                chunk.push(g);
            }
            continue;
        }
        let wide = prev.is_some_and(|p| g.x0 - p.x1 > 2.0 * p.size.max(g.size));
        if chunks.is_empty() || wide {
            chunks.push(Vec::new());
        }
        chunks.last_mut().expect("just pushed").push(g);
        prev = Some(g);
    }
    let mut cells: Vec<Cell> = Vec::new();
    for (i, chunk) in chunks.iter().enumerate() {
        let visible = || chunk.iter().filter(|g| !g.text.is_whitespace());
        let x0 = visible().map(|g| g.x0).fold(f32::INFINITY, f32::min);
        let x1 = visible().map(|g| g.x1).fold(f32::NEG_INFINITY, f32::max);
        let mut col = match below {
            Some(r) if !r.columns.is_empty() => r.columns.iter().rposition(|c| *c <= x0 + SNAP).unwrap_or(0) as u32,
            _ => i as u32,
        };
        if let Some(last) = cells.last() {
            col = col.max(last.col + 1);
        }
        let text = cell_text(chunk);
        if !text.is_empty() {
            cells.push(Cell { col, text, bbox: [x0, line.top, x1, line.bottom] });
        }
    }
    Line { top: line.top, bottom: line.bottom, cells, place, boxes: Vec::new() }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Glyphs of `text` from `x`, one per character, 10 points wide (CJK) or 5 (ASCII).
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

    fn thin_h(y: f32, x0: f32, x1: f32) -> Segment {
        Segment::new(x0, y - 0.4, x1, y + 0.4)
    }
    fn thin_v(x: f32, y0: f32, y1: f32) -> Segment {
        Segment::new(x - 0.4, y0, x + 0.4, y1)
    }

    /// A ruled table: columns at 100, 200, 300, 400; rows at 100, 120, 140, 160.
    fn ruled() -> Vec<Segment> {
        let mut s = Vec::new();
        for y in [100.0, 120.0, 140.0, 160.0] {
            s.push(thin_h(y, 100.0, 400.0));
        }
        s.push(thin_v(100.0, 100.0, 160.0));
        s.push(thin_v(400.0, 100.0, 160.0));
        // The first row is one cell merged across the three columns.
        s.push(thin_v(200.0, 120.0, 160.0));
        s.push(thin_v(300.0, 120.0, 160.0));
        s
    }

    fn texts(l: &Line) -> Vec<(u32, &str)> {
        l.cells.iter().map(|c| (c.col, c.text.as_str())).collect()
    }

    #[test]
    fn cells_follow_the_rules_and_blanks_stay_blank() {
        let mut glyphs = word("支出预算", 220.0, 105.0);
        glyphs.extend(word("合计", 110.0, 125.0));
        glyphs.extend(word("基本支出", 210.0, 125.0));
        glyphs.extend(word("项目支出", 310.0, 125.0));
        glyphs.extend(word("1,000.00", 150.0, 145.0));
        // no glyph in the middle column of the last row
        glyphs.extend(word("1,000.00", 350.0, 145.0));
        glyphs.extend(word("2026年单位支出预算总表", 150.0, 60.0));
        glyphs.extend(word("编制单位：司法局", 100.0, 82.0));
        glyphs.extend(word("单位：元", 360.0, 82.0));
        let page = Page { number: 3, width: 500.0, height: 400.0, glyphs, hidden: vec![], segments: ruled(), images: 0 };
        let laid = lay_out(&page);
        assert_eq!(laid.regions.len(), 1);
        assert_eq!(laid.regions[0].columns, vec![100.0, 200.0, 300.0, 400.0]);
        let rows: Vec<Vec<(u32, &str)>> = laid.lines.iter().map(texts).collect();
        assert_eq!(
            rows,
            vec![
                vec![(0, "2026年单位支出预算总表")],
                vec![(0, "编制单位：司法局"), (2, "单位：元")],
                vec![(0, "支出预算")],
                vec![(0, "合计"), (1, "基本支出"), (2, "项目支出")],
                vec![(0, "1,000.00"), (2, "1,000.00")],
            ]
        );
        // The merged header cell spans the three columns; a data cell its own.
        assert_eq!(laid.lines[2].cells[0].bbox, [100.0, 100.0, 400.0, 120.0]);
        assert_eq!(laid.lines[4].cells[1].bbox, [300.0, 140.0, 400.0, 160.0]);
        assert_eq!(laid.lines[0].place, LinePlace::Free);
        assert_eq!(laid.lines[4].place, LinePlace::Table { region: 0 });
    }

    #[test]
    fn a_wrapped_name_is_one_cell_and_rules_drawn_in_pieces_are_one_rule() {
        let mut segments = Vec::new();
        for y in [100.0, 140.0] {
            // each horizontal rule drawn as two pieces, as Word draws cell borders
            segments.push(thin_h(y, 100.0, 200.5));
            segments.push(thin_h(y, 200.0, 400.0));
        }
        for x in [100.0, 200.0, 400.0] {
            segments.push(thin_v(x, 100.0, 140.0));
        }
        let mut glyphs = word("机关事业单位基本养老", 101.0, 105.0);
        glyphs.extend(word("保险缴费支出", 101.0, 120.0));
        glyphs.extend(word("786,150.00", 300.0, 112.0));
        let laid = lay_out(&Page { number: 1, width: 500.0, height: 400.0, glyphs, hidden: vec![], segments, images: 0 });
        assert_eq!(laid.lines.len(), 1);
        assert_eq!(texts(&laid.lines[0]), vec![(0, "机关事业单位基本养老保险缴费支出"), (1, "786,150.00")]);
    }

    #[test]
    fn a_row_above_the_first_rule_of_a_continued_table_is_a_row_of_its_own() {
        // The table runs on from the page before: no rule along its top, the vertical rules begin
        // a row higher (as the Jiangsu exports print it). The first two rows stay two rows.
        let mut segments = vec![thin_h(88.0, 100.0, 400.0), thin_h(105.0, 100.0, 400.0), thin_h(122.0, 100.0, 400.0)];
        for x in [100.0, 200.0, 400.0] {
            segments.push(thin_v(x, 71.0, 122.0));
        }
        let mut glyphs = word("30206", 105.0, 75.0);
        glyphs.extend(word("235.00", 350.0, 75.0));
        glyphs.extend(word("30207", 105.0, 92.0));
        glyphs.extend(word("105.00", 350.0, 92.0));
        glyphs.extend(word("30211", 105.0, 109.0));
        glyphs.extend(word("265.00", 350.0, 109.0));
        let laid = lay_out(&Page { number: 16, width: 500.0, height: 800.0, glyphs, hidden: vec![], segments, images: 0 });
        let rows: Vec<Vec<(u32, &str)>> = laid.lines.iter().map(texts).collect();
        assert_eq!(rows, vec![vec![(0, "30206"), (1, "235.00")], vec![(0, "30207"), (1, "105.00")], vec![(0, "30211"), (1, "265.00")]]);
    }

    #[test]
    fn a_header_cell_merged_down_over_three_rows_is_one_cell_in_its_top_row() {
        // Columns 100 | 200 | 300; rows 100, 115, 130, 145, 160. Between the header rows the rule
        // stops at x = 200: the right-hand header cell runs down over three rows.
        let mut segments = vec![thin_h(100.0, 100.0, 300.0), thin_h(145.0, 100.0, 300.0), thin_h(160.0, 100.0, 300.0)];
        for y in [115.0, 130.0] {
            segments.push(thin_h(y, 100.0, 200.0));
        }
        for x in [100.0, 200.0, 300.0] {
            segments.push(thin_v(x, 100.0, 160.0));
        }
        let mut glyphs = word("项目", 110.0, 102.0);
        glyphs.extend(word("科目编码", 110.0, 117.0));
        glyphs.extend(word("类", 110.0, 132.0));
        glyphs.extend(word("附属单", 210.0, 102.0));
        glyphs.extend(word("位上", 210.0, 117.0));
        glyphs.extend(word("缴收入", 210.0, 132.0));
        glyphs.extend(word("1.00", 110.0, 147.0));
        glyphs.extend(word("2.00", 210.0, 147.0));
        let laid = lay_out(&Page { number: 1, width: 500.0, height: 400.0, glyphs, hidden: vec![], segments, images: 0 });
        let rows: Vec<Vec<(u32, &str)>> = laid.lines.iter().map(texts).collect();
        assert_eq!(
            rows,
            vec![vec![(0, "项目"), (1, "附属单位上缴收入")], vec![(0, "科目编码")], vec![(0, "类")], vec![(0, "1.00"), (1, "2.00")]]
        );
        assert_eq!(laid.lines[0].cells[1].bbox, [200.0, 100.0, 300.0, 145.0]);
    }

    #[test]
    fn text_below_the_last_table_is_marked_below() {
        let mut glyphs = word("1.00", 150.0, 145.0);
        glyphs.extend(word("注：本表为空表。", 100.0, 180.0));
        let laid = lay_out(&Page { number: 1, width: 500.0, height: 400.0, glyphs, hidden: vec![], segments: ruled(), images: 0 });
        let note = laid.lines.iter().find(|l| l.cells[0].text.starts_with('注')).unwrap();
        assert_eq!(note.place, LinePlace::Below);
        assert_eq!(laid.text, vec!["1.00", "注：本表为空表。"]);
    }

    #[test]
    fn running_text_is_read_as_paragraphs() {
        let mut glyphs = Vec::new();
        // A line to the margin that breaks before 万元; a short line that ends a sentence; a
        // 其中： before its items; a numbered item after a colon stays its own line.
        glyphs.extend(word("政府采购服务预算1446.32", 10.0, 10.0));
        glyphs.extend(word("万元。", 10.0, 22.0));
        glyphs.extend(word("与上年持平。其中：", 10.0, 34.0));
        glyphs.extend(word("出国0万元。", 10.0, 46.0));
        glyphs.extend(word("主要用于：", 10.0, 58.0));
        glyphs.extend(word("（一）会议费。", 10.0, 70.0));
        let p = paragraphs(&glyphs);
        assert_eq!(p, vec!["政府采购服务预算1446.32万元。", "与上年持平。其中：出国0万元。", "主要用于：", "（一）会议费。"]);
    }

    #[test]
    fn an_amount_carried_to_the_next_line_stays_in_its_paragraph() {
        // The line ends short of the margin, without a full stop, and the next begins with the
        // amount its last item names.
        let mut glyphs = word("二〇一七年我部门政府采购预算总金额为二千八百八十九万八千元整。", 100.0, 86.0);
        glyphs.extend(word("其中拟购买货物334万元；拟购买服务", 100.0, 100.0));
        glyphs.extend(word("2555.8万元。", 100.0, 114.0));
        glyphs.extend(word("第四部分名词解释", 100.0, 140.0));
        let texts = paragraphs(&glyphs);
        assert_eq!(texts[1..], ["其中拟购买货物334万元；拟购买服务2555.8万元。".to_string(), "第四部分名词解释".to_string()]);
        assert!(
            starts_with_amount("2555.8 万元。")
                && starts_with_amount("1,446.32元")
                && !starts_with_amount("2017年")
                && !starts_with_amount("万元")
        );
    }

    #[test]
    fn a_page_without_rules_is_lines_of_text() {
        let mut glyphs = word("一、收支预算总体情况", 100.0, 100.0);
        glyphs.extend(word("2026年收入预算8695.94万元", 100.0, 120.0));
        let laid = lay_out(&Page { number: 1, width: 500.0, height: 400.0, glyphs, hidden: vec![], segments: vec![], images: 0 });
        assert!(laid.regions.is_empty());
        assert_eq!(laid.lines.len(), 2);
        assert_eq!(laid.lines[1].cells.len(), 1, "prose is one cell");
    }
}

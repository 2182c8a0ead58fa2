//! A page's content stream, interpreted for what gouji needs: where each character is drawn and
//! where the ruling lines are. Colours, images and shading are passed over; form XObjects are
//! entered (to a bounded depth); every text operator places its glyphs with the text matrix, the
//! font's widths and the spacing parameters, as the PDF specification (ISO 32000, 9.4) lays them
//! out. Clipping is kept as a box (the bounding box of each clipping path, and of each form's
//! `/BBox`): a glyph drawn outside it, or outside the page, is kept but marked hidden.

use hayro_syntax::content::ops::TypedInstruction as Op;
use hayro_syntax::content::TypedIter;
use hayro_syntax::object::{Array, Dict, Name, Object};
use hayro_syntax::page::Resources;

use super::fonts::{Font, Shown};
use super::guard::Budget;
use super::layout::{Glyph, Segment};

/// An affine matrix `[a b c d e f]`, as PDF writes them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Matrix([f64; 6]);

impl Matrix {
    pub(super) const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    pub(super) fn new(c: [f64; 6]) -> Matrix {
        Matrix(c)
    }

    /// `self` applied first, then `then` (PDF's `self × then`).
    fn then(self, then: Matrix) -> Matrix {
        let (a, b) = (self.0, then.0);
        Matrix([
            a[0] * b[0] + a[1] * b[2],
            a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2],
            a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4],
            a[4] * b[1] + a[5] * b[3] + b[5],
        ])
    }

    fn apply(self, x: f64, y: f64) -> (f64, f64) {
        let m = self.0;
        (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
    }

    fn translate(x: f64, y: f64) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, x, y])
    }

    fn finite(self) -> bool {
        self.0.iter().all(|v| v.is_finite())
    }
}

/// How much a page may cost: operators interpreted and glyphs kept, across the whole document.
#[derive(Clone, Copy, Debug)]
pub(super) struct Work {
    pub ops_left: u64,
    pub glyphs_left: u64,
}

/// What one page gave.
#[derive(Default)]
pub(super) struct Drawn {
    pub glyphs: Vec<Glyph>,
    /// Indices into `glyphs` of those drawn where they cannot be seen: their centre outside the
    /// page or outside the clip (as its bounding box). Ascending.
    pub hidden: Vec<usize>,
    pub segments: Vec<Segment>,
    /// Glyphs whose font gives no character for their code.
    pub unmapped: usize,
    pub images: usize,
}

/// A box in displayed page space, `[x0, top, x1, bottom]` (y down); empty when `x0 > x1` or
/// `top > bottom`.
type Area = [f64; 4];

#[derive(Clone)]
struct State {
    ctm: Matrix,
    /// What may be painted: the page, cut down by every clipping path (each as its bounding box).
    clip: Area,
    fill_white: bool,
    stroke_white: bool,
    // Text state (kept across BT/ET, saved by q/Q).
    char_spacing: f64,
    word_spacing: f64,
    scale: f64,
    leading: f64,
    rise: f64,
    font: Option<usize>,
    size: f64,
}

/// Interprets one page (`base` maps PDF user space to the displayed page, y down).
pub(super) struct Interpreter<'a, 'b> {
    /// Fonts loaded so far, shared by the document's pages.
    fonts: &'b mut Vec<(u64, Font)>,
    budget: &'b mut Budget,
    work: &'b mut Work,
    out: Drawn,
    _marker: std::marker::PhantomData<&'a ()>,
}

const MAX_FORM_DEPTH: u32 = 8;

impl<'a, 'b> Interpreter<'a, 'b> {
    pub(super) fn new(fonts: &'b mut Vec<(u64, Font)>, budget: &'b mut Budget, work: &'b mut Work) -> Self {
        Interpreter { fonts, budget, work, out: Drawn::default(), _marker: std::marker::PhantomData }
    }

    /// Runs the page's `content`; `size` is the displayed page's width and height (what lies
    /// outside it is hidden).
    pub(super) fn run(mut self, content: &[u8], resources: &Resources<'a>, base: Matrix, size: (f64, f64)) -> Drawn {
        let state = State {
            ctm: base,
            clip: [0.0, 0.0, size.0, size.1],
            fill_white: false,
            stroke_white: false,
            char_spacing: 0.0,
            word_spacing: 0.0,
            scale: 1.0,
            leading: 0.0,
            rise: 0.0,
            font: None,
            size: 0.0,
        };
        self.content(content, resources, state, 0);
        self.out
    }

    fn font(&mut self, resources: &Resources<'a>, name: &Name<'_>) -> Option<usize> {
        let dict = resources.get_font(name)?;
        // Fonts are shared between pages and forms: one load per font object (a font written
        // into its resources directly is known by its bytes).
        let key = match dict.obj_id() {
            Some(id) => hash_id(format!("{id:?}").as_bytes()),
            None => hash_id(dict.data()),
        };
        if let Some(i) = self.fonts.iter().position(|(k, _)| *k == key) {
            return Some(i);
        }
        self.fonts.push((key, Font::load(&dict, self.budget)));
        Some(self.fonts.len() - 1)
    }

    fn content(&mut self, data: &[u8], resources: &Resources<'a>, mut gs: State, depth: u32) {
        let mut stack: Vec<State> = Vec::new();
        let mut path: Vec<Sub> = Vec::new();
        let mut current: Vec<(f64, f64)> = Vec::new();
        let mut closed = false;
        // A `W`/`W*` seen: the path clips when it is next painted or ended.
        let mut clipping = false;
        // Text object state.
        let mut tm = Matrix::IDENTITY;
        let mut tlm = Matrix::IDENTITY;
        let mut shown: Vec<Shown> = Vec::new();
        let mut ops = TypedIter::new(data);
        while let Some(op) = ops.next() {
            if self.work.ops_left == 0 || self.budget.over {
                return;
            }
            self.work.ops_left -= 1;
            match op {
                Op::SaveState(_) if stack.len() < 256 => stack.push(gs.clone()),
                Op::RestoreState(_) => {
                    if let Some(s) = stack.pop() {
                        gs = s;
                    }
                }
                Op::Transform(t) => {
                    let m = Matrix([t.0.as_f64(), t.1.as_f64(), t.2.as_f64(), t.3.as_f64(), t.4.as_f64(), t.5.as_f64()]);
                    let next = m.then(gs.ctm);
                    if next.finite() {
                        gs.ctm = next;
                    }
                }
                // Colours: only "is it white?" matters (white rules are not rules).
                Op::NonStrokeColorDeviceGray(g) => gs.fill_white = g.0.as_f64() >= 0.99,
                Op::StrokeColorDeviceGray(g) => gs.stroke_white = g.0.as_f64() >= 0.99,
                Op::NonStrokeColorDeviceRgb(c) => gs.fill_white = [c.0.as_f64(), c.1.as_f64(), c.2.as_f64()].iter().all(|v| *v >= 0.99),
                Op::StrokeColorDeviceRgb(c) => gs.stroke_white = [c.0.as_f64(), c.1.as_f64(), c.2.as_f64()].iter().all(|v| *v >= 0.99),
                Op::NonStrokeColorCmyk(c) => {
                    gs.fill_white = [c.0.as_f64(), c.1.as_f64(), c.2.as_f64(), c.3.as_f64()].iter().all(|v| *v <= 0.01)
                }
                Op::StrokeColorCmyk(c) => {
                    gs.stroke_white = [c.0.as_f64(), c.1.as_f64(), c.2.as_f64(), c.3.as_f64()].iter().all(|v| *v <= 0.01)
                }
                // Paths.
                Op::MoveTo(m) => {
                    flush(&mut path, &mut current, &mut closed);
                    current.push(gs.ctm.apply(m.0.as_f64(), m.1.as_f64()));
                }
                Op::LineTo(l) if current.len() < 10_000 => current.push(gs.ctm.apply(l.0.as_f64(), l.1.as_f64())),
                Op::CubicTo(c) => current.push(gs.ctm.apply(c.4.as_f64(), c.5.as_f64())),
                Op::CubicStartTo(c) => current.push(gs.ctm.apply(c.2.as_f64(), c.3.as_f64())),
                Op::CubicEndTo(c) => current.push(gs.ctm.apply(c.2.as_f64(), c.3.as_f64())),
                Op::ClosePath(_) => closed = true,
                Op::RectPath(r) => {
                    flush(&mut path, &mut current, &mut closed);
                    let (x, y, w, h) = (r.0.as_f64(), r.1.as_f64(), r.2.as_f64(), r.3.as_f64());
                    let corners = [(x, y), (x + w, y), (x + w, y + h), (x, y + h)].map(|(px, py)| gs.ctm.apply(px, py));
                    path.push(Sub { points: corners.to_vec(), closed: true, rect: true });
                }
                Op::StrokePath(_) | Op::CloseAndStrokePath(_) => {
                    flush(&mut path, &mut current, &mut closed);
                    if !gs.stroke_white {
                        self.paint(&path, false, true);
                    }
                    clip(&mut gs, &mut path, &mut clipping);
                }
                Op::FillPathNonZero(_) | Op::FillPathNonZeroCompatibility(_) | Op::FillPathEvenOdd(_) => {
                    flush(&mut path, &mut current, &mut closed);
                    if !gs.fill_white {
                        self.paint(&path, true, false);
                    }
                    clip(&mut gs, &mut path, &mut clipping);
                }
                Op::FillAndStrokeNonZero(_)
                | Op::FillAndStrokeEvenOdd(_)
                | Op::CloseFillAndStrokeNonZero(_)
                | Op::CloseFillAndStrokeEvenOdd(_) => {
                    flush(&mut path, &mut current, &mut closed);
                    self.paint(&path, !gs.fill_white, !gs.stroke_white);
                    clip(&mut gs, &mut path, &mut clipping);
                }
                Op::EndPath(_) => {
                    flush(&mut path, &mut current, &mut closed);
                    clip(&mut gs, &mut path, &mut clipping);
                }
                Op::ClipNonZero(_) | Op::ClipEvenOdd(_) => clipping = true,
                // Text.
                Op::BeginText(_) => {
                    tm = Matrix::IDENTITY;
                    tlm = Matrix::IDENTITY;
                }
                Op::EndText(_) => {}
                Op::CharacterSpacing(c) => gs.char_spacing = c.0.as_f64(),
                Op::WordSpacing(w) => gs.word_spacing = w.0.as_f64(),
                Op::HorizontalScaling(h) => gs.scale = h.0.as_f64() / 100.0,
                Op::TextLeading(l) => gs.leading = l.0.as_f64(),
                Op::TextRise(r) => gs.rise = r.0.as_f64(),
                Op::TextFont(f) => {
                    gs.font = self.font(resources, f.0);
                    gs.size = f.1.as_f64();
                }
                Op::NextLine(n) => {
                    tlm = Matrix::translate(n.0.as_f64(), n.1.as_f64()).then(tlm);
                    tm = tlm;
                }
                Op::NextLineAndSetLeading(n) => {
                    gs.leading = -n.1.as_f64();
                    tlm = Matrix::translate(n.0.as_f64(), n.1.as_f64()).then(tlm);
                    tm = tlm;
                }
                Op::SetTextMatrix(m) => {
                    let next = Matrix([m.0.as_f64(), m.1.as_f64(), m.2.as_f64(), m.3.as_f64(), m.4.as_f64(), m.5.as_f64()]);
                    if next.finite() {
                        tlm = next;
                        tm = next;
                    }
                }
                Op::NextLineUsingLeading(_) => {
                    tlm = Matrix::translate(0.0, -gs.leading).then(tlm);
                    tm = tlm;
                }
                Op::ShowText(t) => self.show(t.0.as_bytes(), &gs, &mut tm, &mut shown),
                Op::NextLineAndShowText(t) => {
                    tlm = Matrix::translate(0.0, -gs.leading).then(tlm);
                    tm = tlm;
                    self.show(t.0.as_bytes(), &gs, &mut tm, &mut shown);
                }
                Op::ShowTextWithParameters(t) => {
                    gs.word_spacing = t.0.as_f64();
                    gs.char_spacing = t.1.as_f64();
                    tlm = Matrix::translate(0.0, -gs.leading).then(tlm);
                    tm = tlm;
                    self.show(t.2.as_bytes(), &gs, &mut tm, &mut shown);
                }
                Op::ShowTexts(items) => self.show_array(items.0, &gs, &mut tm, &mut shown),
                Op::XObject(x) => self.xobject(resources, x.0, &gs, depth),
                Op::InlineImage(_) => self.out.images += 1,
                _ => {}
            }
        }
    }

    fn show_array(&mut self, items: &Array<'_>, gs: &State, tm: &mut Matrix, shown: &mut Vec<Shown>) {
        for item in items.iter::<Object<'_>>().take(100_000) {
            match item {
                Object::String(s) => self.show(s.as_bytes(), gs, tm, shown),
                Object::Number(n) => {
                    // A positive adjustment moves the next glyph left, in thousandths of the size.
                    let tx = -n.as_f64() / 1000.0 * gs.size * gs.scale;
                    *tm = Matrix::translate(tx, 0.0).then(*tm);
                }
                _ => {}
            }
        }
    }

    fn show(&mut self, bytes: &[u8], gs: &State, tm: &mut Matrix, shown: &mut Vec<Shown>) {
        let Some(fi) = gs.font else { return };
        shown.clear();
        self.fonts[fi].1.decode(bytes, shown);
        let size = gs.size;
        let cid = self.fonts[fi].1.cid;
        for s in shown.iter() {
            let w0 = f64::from(s.advance) / 1000.0;
            // The text rendering matrix: font size, scaling and rise, then the text matrix, then the CTM.
            let trm = Matrix([size * gs.scale, 0.0, 0.0, size, 0.0, gs.rise]).then(*tm).then(gs.ctm);
            if let Some(ch) = s.text {
                if self.work.glyphs_left > 0 && trm.finite() {
                    self.work.glyphs_left -= 1;
                    let g = glyph(ch, trm, w0);
                    let (cx, cy) = (f64::from(g.x0 + g.x1) / 2.0, f64::from(g.top + g.bottom) / 2.0);
                    let c = gs.clip;
                    if !(c[0] <= cx && cx <= c[2] && c[1] <= cy && cy <= c[3]) {
                        self.out.hidden.push(self.out.glyphs.len());
                    }
                    self.out.glyphs.push(g);
                }
            } else {
                self.out.unmapped += 1;
            }
            let spacing = gs.char_spacing + if s.space && !cid { gs.word_spacing } else { 0.0 };
            let tx = (w0 * size + spacing) * gs.scale;
            *tm = Matrix::translate(tx, 0.0).then(*tm);
        }
    }

    fn xobject(&mut self, resources: &Resources<'a>, name: &Name<'_>, gs: &State, depth: u32) {
        if depth >= MAX_FORM_DEPTH {
            return;
        }
        let Some(stream) = resources.get_x_object(name) else { return };
        let dict = stream.dict();
        match dict.get::<Name<'_>>(b"Subtype").as_ref().map(|n| n.as_str()) {
            Some("Form") => {}
            Some("Image") => {
                self.out.images += 1;
                return;
            }
            _ => return,
        }
        let Some(data) = self.budget.decode(&stream) else { return };
        let matrix = dict
            .get::<Array<'_>>(b"Matrix")
            .map(|a| a.iter::<f64>().collect::<Vec<f64>>())
            .filter(|v| v.len() == 6)
            .map(|v| Matrix([v[0], v[1], v[2], v[3], v[4], v[5]]))
            .unwrap_or(Matrix::IDENTITY);
        let own = dict.get::<Dict<'_>>(b"Resources").map(Resources::new);
        let mut inner = gs.clone();
        let next = matrix.then(gs.ctm);
        if !next.finite() {
            return;
        }
        inner.ctm = next;
        // A form is clipped to its box.
        if let Some(b) = dict.get::<Array<'_>>(b"BBox").map(|a| a.iter::<f64>().collect::<Vec<f64>>()).filter(|v| v.len() == 4) {
            let corners = [(b[0], b[1]), (b[2], b[1]), (b[2], b[3]), (b[0], b[3])].map(|(x, y)| next.apply(x, y));
            inner.clip = intersect(inner.clip, bounds(corners.iter().copied()));
        }
        let res = own.as_ref().unwrap_or(resources).clone();
        self.content(&data, &res, inner, depth + 1);
    }

    /// Adds the ruling lines of a painted path: the edges of stroked paths; a filled rectangle
    /// only when it is thin (a rule drawn as a box); axis-aligned pieces only.
    fn paint(&mut self, path: &[Sub], fill: bool, stroke: bool) {
        for sub in path {
            if sub.points.len() < 2 {
                continue;
            }
            let edges = || {
                let n = sub.points.len();
                let closing = if sub.closed && n > 2 { n } else { n - 1 };
                (0..closing).map(move |i| (sub.points[i], sub.points[(i + 1) % n]))
            };
            if stroke {
                for (a, b) in edges() {
                    self.push_segment(a, b);
                }
            } else if fill && sub.rect {
                let xs = sub.points.iter().map(|p| p.0);
                let ys = sub.points.iter().map(|p| p.1);
                let (x0, x1) = (xs.clone().fold(f64::INFINITY, f64::min), xs.fold(f64::NEG_INFINITY, f64::max));
                let (y0, y1) = (ys.clone().fold(f64::INFINITY, f64::min), ys.fold(f64::NEG_INFINITY, f64::max));
                if x1 - x0 <= 2.5 || y1 - y0 <= 2.5 {
                    self.push_segment((x0, y0), (x1, y1));
                }
            } else if fill && sub.points.len() <= 5 {
                // A thin filled polygon (a rule drawn with m/l/h f): its bounding box, if thin.
                let xs = sub.points.iter().map(|p| p.0);
                let ys = sub.points.iter().map(|p| p.1);
                let (x0, x1) = (xs.clone().fold(f64::INFINITY, f64::min), xs.fold(f64::NEG_INFINITY, f64::max));
                let (y0, y1) = (ys.clone().fold(f64::INFINITY, f64::min), ys.fold(f64::NEG_INFINITY, f64::max));
                if (x1 - x0 <= 2.5) != (y1 - y0 <= 2.5) {
                    self.push_segment((x0, y0), (x1, y1));
                }
            }
        }
    }

    fn push_segment(&mut self, a: (f64, f64), b: (f64, f64)) {
        let (dx, dy) = ((a.0 - b.0).abs(), (a.1 - b.1).abs());
        let axis = dx <= 2.5 || dy <= 2.5;
        if axis && a.0.is_finite() && a.1.is_finite() && b.0.is_finite() && b.1.is_finite() && self.out.segments.len() < 200_000 {
            self.out.segments.push(Segment::new(a.0 as f32, a.1 as f32, b.0 as f32, b.1 as f32));
        }
    }
}

/// A glyph's box on the page from its rendering matrix: the em square from the baseline (a
/// little below it) up to nearly a full size above, and its advance along the baseline.
fn glyph(ch: char, trm: Matrix, w0: f64) -> Glyph {
    let w = w0.max(0.1);
    let corners = [(0.0, -0.12), (w, -0.12), (w, 0.88), (0.0, 0.88)].map(|(x, y)| trm.apply(x, y));
    let xs = corners.iter().map(|p| p.0);
    let ys = corners.iter().map(|p| p.1);
    let (x0, x1) = (xs.clone().fold(f64::INFINITY, f64::min), xs.fold(f64::NEG_INFINITY, f64::max));
    let (y0, y1) = (ys.clone().fold(f64::INFINITY, f64::min), ys.fold(f64::NEG_INFINITY, f64::max));
    let m = trm.0;
    let size = (m[2] * m[2] + m[3] * m[3]).sqrt();
    Glyph { text: ch, x0: x0 as f32, x1: x1 as f32, top: y0 as f32, bottom: y1 as f32, size: size as f32 }
}

/// A subpath: its points in page space.
struct Sub {
    points: Vec<(f64, f64)>,
    closed: bool,
    rect: bool,
}

/// Ends the path: if it was marked with `W`/`W*`, the clip is cut down to its bounding box (a
/// path without points leaves the clip as it was).
fn clip(gs: &mut State, path: &mut Vec<Sub>, clipping: &mut bool) {
    if std::mem::take(clipping) && path.iter().any(|s| !s.points.is_empty()) {
        gs.clip = intersect(gs.clip, bounds(path.iter().flat_map(|s| s.points.iter().copied())));
    }
    path.clear();
}

fn bounds(points: impl Iterator<Item = (f64, f64)>) -> Area {
    points.fold([f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY], |b, (x, y)| {
        [b[0].min(x), b[1].min(y), b[2].max(x), b[3].max(y)]
    })
}

fn intersect(a: Area, b: Area) -> Area {
    [a[0].max(b[0]), a[1].max(b[1]), a[2].min(b[2]), a[3].min(b[3])]
}

fn flush(path: &mut Vec<Sub>, current: &mut Vec<(f64, f64)>, closed: &mut bool) {
    if current.len() >= 2 {
        let points = std::mem::take(current);
        // Four corners closed, axis-aligned: a rectangle drawn with lines.
        let rect = points.len() >= 4 && *closed && points.len() <= 5;
        path.push(Sub { points, closed: *closed, rect });
    }
    current.clear();
    *closed = false;
}

fn hash_id(s: &[u8]) -> u64 {
    // FNV-1a: a font key, not security.
    let mut h: u64 = 0xcbf29ce484222325;
    for &b in s {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

/// The page's initial matrix from hayro's (y down, rotation and crop box applied).
pub(super) fn base_matrix(t: [f64; 6]) -> Matrix {
    Matrix::new(t)
}

//! The person's own workbook, marked up: a copy of the .xlsx / .xlsm they checked with each
//! finding's checked cell filled (red for an error, yellow for a warning), a note on it that
//! says what is wrong there, and a sheet `gouji 检查结果` at the end listing every finding with a
//! link to its cell. Everything else of the file — values, formulas, formats, macros, other
//! sheets' notes — is copied byte for byte: only `styles.xml` (two fills, the cell formats the
//! filled cells need), the marked sheets, their relationships, the workbook's sheet list and
//! `[Content_Types].xml` are rewritten, by splicing, never by re-serialising.
//!
//! A sheet that already has notes keeps them and gets fills only (two note parts cannot share a
//! sheet). Legacy .xls, .xlsb and .ods are not rewritten: the caller offers the re-laid-out report.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{Cursor, Read, Write};

use quick_xml::events::Event;
use quick_xml::Reader;

use crate::cell::column_letters;
use crate::finding::{Finding, Severity};
use crate::limits::Limits;

/// Why a workbook could not be marked up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MarkupError {
    /// Not an OOXML workbook (or a part it must have is missing).
    NotOoxml(String),
    /// Larger than the limits allow.
    TooLarge,
}

impl std::fmt::Display for MarkupError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MarkupError::NotOoxml(why) => write!(f, "not an .xlsx/.xlsm workbook that can be marked up: {why}"),
            MarkupError::TooLarge => write!(f, "the workbook is larger than the limits allow"),
        }
    }
}

/// One finding as the markup lists it: worded, with the person's review (if any).
pub struct Listed<'a> {
    pub finding: &'a Finding,
    /// `可接受：已与单位核实`, empty when not marked.
    pub review: String,
}

/// The cells to mark in one sheet: (row, col) → the worst severity and the notes.
type CellMarks = BTreeMap<(u32, u32), (Severity, Vec<String>)>;

const MAIN_NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const FINDINGS_SHEET: &str = "gouji 检查结果";
const ERROR_FILL: &str = "FFFFC7CE";
const WARNING_FILL: &str = "FFFFEB9C";

fn bad(why: impl Into<String>) -> MarkupError {
    MarkupError::NotOoxml(why.into())
}

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Characters XML 1.0 does not allow are dropped.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// The value of attribute `name` in a raw start tag (`<c r="E12" s="3">`).
fn attr(tag: &str, name: &str) -> Option<String> {
    let mut reader = Reader::from_str(tag);
    match reader.read_event() {
        Ok(Event::Start(e)) | Ok(Event::Empty(e)) => e
            .attributes()
            .flatten()
            .find(|a| a.key.as_ref() == name)
            .and_then(|a| quick_xml::escape::unescape(&a.value).ok().map(|v| v.into_owned())),
        _ => None,
    }
}

/// A raw start tag with attribute `name` set to `value` (replaced, or added after the name).
fn set_attr(tag: &str, name: &str, value: &str) -> String {
    let needle = format!(" {name}=\"");
    if let Some(at) = tag.find(&needle) {
        let start = at + needle.len();
        if let Some(len) = tag[start..].find('"') {
            return format!("{}{}{}", &tag[..start], value, &tag[start + len..]);
        }
    }
    let name_end = tag.find(|c: char| c.is_whitespace() || c == '/' || c == '>').unwrap_or(tag.len());
    format!("{} {name}=\"{value}\"{}", &tag[..name_end], &tag[name_end..])
}

/// The prefix of a root element (`x:` in `<x:worksheet …>`), empty for the default namespace.
fn root_prefix(xml: &str, local: &str) -> String {
    let mut reader = Reader::from_str(xml);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                let name = e.name().as_ref().to_string();
                return match name.split_once(':') {
                    Some((p, l)) if l == local => format!("{p}:"),
                    _ => String::new(),
                };
            }
            Ok(Event::Eof) | Err(_) => return String::new(),
            _ => {}
        }
    }
}

/// Byte ranges of the elements with local name `local` (start tag to end tag, or the empty tag),
/// with their raw start tags.
fn elements(xml: &str, local: &str) -> Vec<(usize, usize, String)> {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().trim_text(false);
    let mut out = Vec::new();
    let mut open: Vec<(usize, String)> = Vec::new();
    loop {
        let before = reader.buffer_position() as usize;
        match reader.read_event() {
            Ok(Event::Start(e)) if e.local_name().as_ref() == local => {
                let after = reader.buffer_position() as usize;
                open.push((before, xml[before..after].to_string()));
            }
            Ok(Event::End(e)) if e.local_name().as_ref() == local => {
                if let Some((start, tag)) = open.pop() {
                    out.push((start, reader.buffer_position() as usize, tag));
                }
            }
            Ok(Event::Empty(e)) if e.local_name().as_ref() == local => {
                let after = reader.buffer_position() as usize;
                out.push((before, after, xml[before..after].to_string()));
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

/// Where the closing tag `</…local>` starts (the last one).
fn closing(xml: &str, local: &str) -> Option<usize> {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().trim_text(false);
    let mut at = None;
    loop {
        let before = reader.buffer_position() as usize;
        match reader.read_event() {
            Ok(Event::End(e)) if e.local_name().as_ref() == local => at = Some(before),
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    at
}

/// A part's path from a relationship target, relative to the part `from` (`xl/workbook.xml`).
fn resolve(from: &str, target: &str) -> String {
    if let Some(abs) = target.strip_prefix('/') {
        return abs.to_string();
    }
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in target.split('/') {
        match seg {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    parts.join("/")
}

fn rels_path(part: &str) -> String {
    match part.rsplit_once('/') {
        Some((dir, file)) => format!("{dir}/_rels/{file}.rels"),
        None => format!("_rels/{part}.rels"),
    }
}

/// Relationships of a part: id → (type, target).
fn relationships(xml: &str) -> Vec<(String, String, String)> {
    elements(xml, "Relationship")
        .into_iter()
        .filter_map(|(_, _, tag)| Some((attr(&tag, "Id")?, attr(&tag, "Type").unwrap_or_default(), attr(&tag, "Target")?)))
        .collect()
}

/// The marked-up copy of `bytes` (an .xlsx or .xlsm): see the module's documentation. `zh`
/// chooses the language of the notes and the findings sheet.
pub fn mark_up(bytes: &[u8], limits: &Limits, listed: &[Listed<'_>], zh: bool) -> Result<Vec<u8>, MarkupError> {
    let mut pkg = Package::open(bytes, limits)?;
    let book = Book::read(&mut pkg)?;
    let marks = cells_to_mark(listed, &book.sheets, zh);
    let mut styles = Styles::new(pkg.read(&book.styles_path).ok_or_else(|| bad("no styles.xml"))?)?;
    for (k, (part, cells)) in marks.iter().enumerate() {
        let Some(xml) = pkg.read(part) else { continue };
        let filled = fill_cells(&xml, cells, &mut styles);
        let noted = add_notes(&mut pkg, part, filled, cells, k + 1)?;
        pkg.replaced.insert(part.clone(), noted.into_bytes());
    }
    pkg.replaced.insert(book.styles_path.clone(), styles.finish()?.into_bytes());
    add_findings_sheet(&mut pkg, &book, listed, zh)?;
    pkg.write()
}

/// The zip being copied: what is read from it, and what the copy replaces and adds.
struct Package<'b> {
    zip: zip::ZipArchive<Cursor<&'b [u8]>>,
    /// Part names taken (a workbook marked up before has ours already).
    names: BTreeSet<String>,
    max_entry: u64,
    replaced: BTreeMap<String, Vec<u8>>,
    added: Vec<(String, Vec<u8>)>,
    /// `[Content_Types].xml` overrides for the added parts.
    overrides: Vec<(String, &'static str)>,
    /// A VML part was added (its extension needs a default content type).
    vml: bool,
}

impl<'b> Package<'b> {
    /// Opens the zip, refusing it before anything is inflated when its entries are too large.
    fn open(bytes: &'b [u8], limits: &Limits) -> Result<Self, MarkupError> {
        if bytes.len() as u64 > limits.max_file_bytes {
            return Err(MarkupError::TooLarge);
        }
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| bad(e.to_string()))?;
        let mut total = 0u64;
        for i in 0..zip.len() {
            let f = zip.by_index_raw(i).map_err(|e| bad(e.to_string()))?;
            if f.size() > limits.max_entry_bytes {
                return Err(MarkupError::TooLarge);
            }
            total += f.size();
        }
        if total > limits.max_total_uncompressed_bytes {
            return Err(MarkupError::TooLarge);
        }
        let names = zip.file_names().filter_map(|n| n.ok().map(|n| n.into_owned())).collect();
        Ok(Package {
            zip,
            names,
            max_entry: limits.max_entry_bytes,
            replaced: BTreeMap::new(),
            added: Vec::new(),
            overrides: Vec::new(),
            vml: false,
        })
    }

    /// A part's text, inflated no further than the entry limit (whatever its header says).
    fn read(&mut self, name: &str) -> Option<String> {
        let f = self.zip.by_name(name).ok()?;
        let mut s = String::new();
        f.take(self.max_entry + 1).read_to_string(&mut s).ok()?;
        (s.len() as u64 <= self.max_entry).then_some(s)
    }

    fn has(&self, name: &str) -> bool {
        self.names.contains(name)
    }

    /// A part name not taken yet: `stem1.ext`, `stem2.ext` …
    fn fresh(&mut self, stem: &str, ext: &str) -> String {
        (1..).map(|k| format!("{stem}{k}.{ext}")).find(|n| self.names.insert(n.clone())).unwrap_or_default()
    }

    /// The copy: every entry in its order (rewritten ones replaced, the rest copied raw), then
    /// the new parts, with `[Content_Types].xml` naming them.
    fn write(mut self) -> Result<Vec<u8>, MarkupError> {
        let types = self.read("[Content_Types].xml").ok_or_else(|| bad("no [Content_Types].xml"))?;
        let at = closing(&types, "Types").ok_or_else(|| bad("[Content_Types].xml not closed"))?;
        let mut extra: String = self.overrides.iter().map(|(p, t)| format!("<Override PartName=\"{p}\" ContentType=\"{t}\"/>")).collect();
        let has_vml =
            elements(&types, "Default").iter().any(|(_, _, t)| attr(t, "Extension").is_some_and(|e| e.eq_ignore_ascii_case("vml")));
        if self.vml && !has_vml {
            extra.push_str("<Default Extension=\"vml\" ContentType=\"application/vnd.openxmlformats-officedocument.vmlDrawing\"/>");
        }
        self.replaced.insert("[Content_Types].xml".into(), format!("{}{extra}{}", &types[..at], &types[at..]).into_bytes());

        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        let err = |e: &dyn std::fmt::Display| bad(e.to_string());
        for i in 0..self.zip.len() {
            let name = self.zip.by_index_raw(i).map_err(|e| err(&e))?.name().map_err(|e| err(&e))?.to_string();
            match self.replaced.remove(&name) {
                Some(data) => {
                    out.start_file(name, options).map_err(|e| err(&e))?;
                    out.write_all(&data).map_err(|e| err(&e))?;
                }
                None => {
                    let f = self.zip.by_index_raw(i).map_err(|e| err(&e))?;
                    out.raw_copy_file(f).map_err(|e| err(&e))?;
                }
            }
        }
        for (name, data) in std::mem::take(&mut self.added) {
            out.start_file(name, options).map_err(|e| err(&e))?;
            out.write_all(&data).map_err(|e| err(&e))?;
        }
        Ok(out.finish().map_err(|e| err(&e))?.into_inner())
    }
}

/// The workbook part, its relationships, its styles part and its sheets (name → part path).
struct Book {
    path: String,
    xml: String,
    rels_path: String,
    rels_xml: String,
    rel_ids: BTreeSet<String>,
    styles_path: String,
    sheets: Vec<(String, String)>,
    max_sheet_id: u64,
}

impl Book {
    fn read(pkg: &mut Package<'_>) -> Result<Self, MarkupError> {
        let root_rels = pkg.read("_rels/.rels").ok_or_else(|| bad("no _rels/.rels"))?;
        let path = relationships(&root_rels)
            .into_iter()
            .find(|(_, t, _)| t.ends_with("/officeDocument"))
            .map(|(_, _, target)| resolve("", &target))
            .ok_or_else(|| bad("no workbook part"))?;
        let xml = pkg.read(&path).ok_or_else(|| bad("no workbook.xml"))?;
        let rels_path = rels_path(&path);
        let rels_xml = pkg.read(&rels_path).ok_or_else(|| bad("no workbook relationships"))?;
        let rels = relationships(&rels_xml);
        let styles_path = rels
            .iter()
            .find(|(_, t, _)| t.ends_with("/styles"))
            .map(|(_, _, target)| resolve(&path, target))
            .ok_or_else(|| bad("no styles part"))?;
        let mut sheets = Vec::new();
        let mut max_sheet_id = 0u64;
        for (_, _, tag) in elements(&xml, "sheet") {
            max_sheet_id = max_sheet_id.max(attr(&tag, "sheetId").and_then(|v| v.parse().ok()).unwrap_or(0));
            let (Some(name), Some(id)) = (attr(&tag, "name"), attr(&tag, "r:id").or_else(|| rel_id_any(&tag))) else { continue };
            if let Some((_, _, target)) = rels.iter().find(|(i, _, _)| *i == id) {
                sheets.push((name, resolve(&path, target)));
            }
        }
        let rel_ids = rels.into_iter().map(|(id, _, _)| id).collect();
        Ok(Book { path, xml, rels_path, rels_xml, rel_ids, styles_path, sheets, max_sheet_id })
    }
}

/// The cells to mark, per sheet part: each error's or warning's checked cell, with the worst
/// severity there and a note per finding.
fn cells_to_mark(listed: &[Listed<'_>], sheets: &[(String, String)], zh: bool) -> BTreeMap<String, CellMarks> {
    let mut marks: BTreeMap<String, CellMarks> = BTreeMap::new();
    for l in listed {
        let f = l.finding;
        if f.severity == Severity::Info {
            continue;
        }
        let Some(cell) = f.cells.first() else { continue };
        let Some((_, part)) = sheets.iter().find(|(n, _)| **n == *cell.sheet) else { continue };
        let entry = marks.entry(part.clone()).or_default().entry((cell.row, cell.col)).or_insert((f.severity, Vec::new()));
        if f.severity == Severity::Error {
            entry.0 = Severity::Error;
        }
        let mut note = format!("[{}] {}", f.rule.id(), if zh { &f.message } else { &f.message_en });
        if !l.review.is_empty() {
            note.push_str(&format!(" ({})", l.review));
        }
        entry.1.push(note);
    }
    marks
}

/// `styles.xml` with the two fills added and a cell format per (format used, fill) pair.
struct Styles {
    xml: String,
    /// The element prefix (`x:` when the main namespace has one).
    prefix: String,
    error_fill: usize,
    warning_fill: usize,
    /// The `<xf>` elements of `cellXfs` as they are: (start, end, start tag), relative to it.
    xfs_start: usize,
    xfs: Vec<(usize, usize, String)>,
    added: Vec<String>,
    index: HashMap<(usize, bool), usize>,
}

impl Styles {
    fn new(xml: String) -> Result<Self, MarkupError> {
        let fills = elements(&xml, "fills").into_iter().next().ok_or_else(|| bad("styles.xml has no fills"))?;
        let count = elements(&xml[fills.0..fills.1], "fill").len();
        let p = root_prefix(&xml, "styleSheet");
        let fill = |rgb: &str| {
            format!("<{p}fill><{p}patternFill patternType=\"solid\"><{p}fgColor rgb=\"{rgb}\"/><{p}bgColor indexed=\"64\"/></{p}patternFill></{p}fill>")
        };
        let close = fills.0 + closing(&xml[fills.0..fills.1], "fills").ok_or_else(|| bad("fills not closed"))?;
        let tag = set_attr(&fills.2, "count", &(count + 2).to_string());
        let xml = format!(
            "{}{tag}{}{}{}{}",
            &xml[..fills.0],
            &xml[fills.0 + fills.2.len()..close],
            fill(ERROR_FILL),
            fill(WARNING_FILL),
            &xml[close..]
        );
        let cell_xfs = elements(&xml, "cellXfs").into_iter().next().ok_or_else(|| bad("styles.xml has no cellXfs"))?;
        let xfs = elements(&xml[cell_xfs.0..cell_xfs.1], "xf");
        Ok(Styles {
            xml,
            prefix: p,
            error_fill: count,
            warning_fill: count + 1,
            xfs_start: cell_xfs.0,
            xfs,
            added: Vec::new(),
            index: HashMap::new(),
        })
    }

    /// The format of a cell now in format `s`, filled red (`error`) or yellow: the cell's own
    /// format with the fill — its start tag changed, any children (alignment, protection) kept.
    fn filled(&mut self, s: usize, error: bool) -> usize {
        if let Some(i) = self.index.get(&(s, error)) {
            return *i;
        }
        let fill_id = (if error { self.error_fill } else { self.warning_fill }).to_string();
        let xf = match self.xfs.get(s) {
            Some((x0, x1, head)) => {
                let full = &self.xml[self.xfs_start + x0..self.xfs_start + x1];
                format!("{}{}", set_attr(&set_attr(head, "fillId", &fill_id), "applyFill", "1"), &full[head.len()..])
            }
            None => {
                let p = &self.prefix;
                format!("<{p}xf numFmtId=\"0\" fontId=\"0\" fillId=\"{fill_id}\" borderId=\"0\" xfId=\"0\" applyFill=\"1\"/>")
            }
        };
        let i = self.xfs.len() + self.added.len();
        self.added.push(xf);
        self.index.insert((s, error), i);
        i
    }

    fn finish(self) -> Result<String, MarkupError> {
        if self.added.is_empty() {
            return Ok(self.xml);
        }
        let xml = self.xml;
        let cell_xfs = elements(&xml, "cellXfs").into_iter().next().ok_or_else(|| bad("styles.xml has no cellXfs"))?;
        let close = cell_xfs.0 + closing(&xml[cell_xfs.0..cell_xfs.1], "cellXfs").ok_or_else(|| bad("cellXfs not closed"))?;
        let tag = set_attr(&cell_xfs.2, "count", &(self.xfs.len() + self.added.len()).to_string());
        Ok(format!("{}{tag}{}{}{}", &xml[..cell_xfs.0], &xml[cell_xfs.0 + cell_xfs.2.len()..close], self.added.concat(), &xml[close..]))
    }
}

/// A sheet's XML with each marked cell's `s` pointing to its filled format.
fn fill_cells(xml: &str, cells: &CellMarks, styles: &mut Styles) -> String {
    let mut out = String::with_capacity(xml.len() + 256);
    let mut last = 0;
    for (start, _, tag) in elements(xml, "c") {
        let Some((row, col)) = attr(&tag, "r").and_then(|r| crate::cell::parse_a1(&r)) else { continue };
        let Some((sev, _)) = cells.get(&(row, col)) else { continue };
        let s: usize = attr(&tag, "s").and_then(|v| v.parse().ok()).unwrap_or(0);
        let index = styles.filled(s, *sev == Severity::Error);
        out.push_str(&xml[last..start]);
        out.push_str(&set_attr(&tag, "s", &index.to_string()));
        last = start + tag.len();
    }
    out.push_str(&xml[last..]);
    out
}

/// Notes on the marked cells of sheet `part` (its `k`-th marked sheet): a comments part, its VML
/// drawing, their relationships and the sheet's `<legacyDrawing>`. A sheet with notes of its own
/// keeps them and gets none (a sheet has one comments part).
fn add_notes(pkg: &mut Package<'_>, part: &str, sheet: String, cells: &CellMarks, k: usize) -> Result<String, MarkupError> {
    let rels_name = rels_path(part);
    let sheet_rels = pkg.read(&rels_name);
    let has_notes = sheet_rels
        .as_deref()
        .is_some_and(|r| relationships(r).iter().any(|(_, t, _)| t.ends_with("/comments") || t.ends_with("/vmlDrawing")))
        || !elements(&sheet, "legacyDrawing").is_empty();
    if has_notes {
        return Ok(sheet);
    }
    let comments_part = pkg.fresh("xl/comments_gouji", "xml");
    let vml_part = pkg.fresh("xl/drawings/vmlDrawing_gouji", "vml");
    let mut comments = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<comments xmlns=\"{MAIN_NS}\"><authors><author>gouji</author></authors><commentList>"
    );
    let mut shapes = String::new();
    for (i, ((row, col), (_, notes))) in cells.iter().enumerate() {
        comments.push_str(&format!(
            "<comment ref=\"{}{}\" authorId=\"0\"><text><r><t xml:space=\"preserve\">{}</t></r></text></comment>",
            column_letters(*col),
            row + 1,
            esc(&notes.join("\n"))
        ));
        shapes.push_str(&format!(
            "<v:shape id=\"_x0000_s{}\" type=\"#_x0000_t202\" style=\"position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:260pt;height:110pt;z-index:{};visibility:hidden\" fillcolor=\"#ffffe1\" o:insetmode=\"auto\"><v:fill color2=\"#ffffe1\"/><v:shadow on=\"t\" color=\"black\" obscured=\"t\"/><v:path o:connecttype=\"none\"/><v:textbox style=\"mso-direction-alt:auto\"><div style=\"text-align:left\"></div></v:textbox><x:ClientData ObjectType=\"Note\"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>{}, 15, {}, 10, {}, 15, {}, 4</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>{row}</x:Row><x:Column>{col}</x:Column></x:ClientData></v:shape>",
            1024 * k + 1 + i,
            i + 1,
            col + 1,
            row,
            col + 4,
            row + 6,
        ));
    }
    comments.push_str("</commentList></comments>");
    let drawing = format!(
        "<xml xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\" xmlns:x=\"urn:schemas-microsoft-com:office:excel\"><o:shapelayout v:ext=\"edit\"><o:idmap v:ext=\"edit\" data=\"{k}\"/></o:shapelayout><v:shapetype id=\"_x0000_t202\" coordsize=\"21600,21600\" o:spt=\"202\" path=\"m,l,21600r21600,l21600,xe\"><v:stroke joinstyle=\"miter\"/><v:path gradientshapeok=\"t\" o:connecttype=\"rect\"/></v:shapetype>{shapes}</xml>"
    );
    // Targets relative to the sheet's folder.
    let up = part.rsplit_once('/').map_or(0, |(d, _)| d.split('/').filter(|s| !s.is_empty()).count().saturating_sub(1));
    let prefix = "../".repeat(up);
    let rel =
        |id: &str, kind: &str, target: &str| format!("<Relationship Id=\"{id}\" Type=\"{REL_NS}/{kind}\" Target=\"{prefix}{target}\"/>");
    let new_rels = format!(
        "{}{}",
        rel("rIdGoujiComments", "comments", comments_part.trim_start_matches("xl/")),
        rel("rIdGoujiNotes", "vmlDrawing", vml_part.trim_start_matches("xl/"))
    );
    let rels_xml = match sheet_rels {
        Some(r) => {
            let at = closing(&r, "Relationships").ok_or_else(|| bad("sheet relationships not closed"))?;
            format!("{}{new_rels}{}", &r[..at], &r[at..])
        }
        None => format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"{PKG_REL_NS}\">{new_rels}</Relationships>"),
    };
    // <legacyDrawing> goes before these, or at the end of the worksheet.
    let wp = root_prefix(&sheet, "worksheet");
    let after = ["legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst"];
    let at = after
        .iter()
        .filter_map(|l| elements(&sheet, l).first().map(|e| e.0))
        .min()
        .or_else(|| closing(&sheet, "worksheet"))
        .ok_or_else(|| bad("worksheet not closed"))?;
    let sheet = format!("{}<{wp}legacyDrawing xmlns:r=\"{REL_NS}\" r:id=\"rIdGoujiNotes\"/>{}", &sheet[..at], &sheet[at..]);
    if pkg.has(&rels_name) {
        pkg.replaced.insert(rels_name, rels_xml.into_bytes());
    } else {
        pkg.added.push((rels_name, rels_xml.into_bytes()));
    }
    pkg.overrides.push((format!("/{comments_part}"), "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"));
    pkg.added.push((comments_part, comments.into_bytes()));
    pkg.added.push((vml_part, drawing.into_bytes()));
    pkg.vml = true;
    Ok(sheet)
}

/// The findings sheet, last in the workbook, under a name no sheet has.
fn add_findings_sheet(pkg: &mut Package<'_>, book: &Book, listed: &[Listed<'_>], zh: bool) -> Result<(), MarkupError> {
    let taken: BTreeSet<&str> = book.sheets.iter().map(|(n, _)| n.as_str()).collect();
    let title = std::iter::once(FINDINGS_SHEET.to_string())
        .chain((2..).map(|k| format!("{FINDINGS_SHEET} {k}")))
        .find(|t| !taken.contains(t.as_str()))
        .unwrap_or_default();
    let part = pkg.fresh("xl/worksheets/sheet_gouji", "xml");
    let id = (1..).map(|k| format!("rIdGoujiFindings{k}")).find(|id| !book.rel_ids.contains(id)).unwrap_or_default();
    pkg.added.push((part.clone(), findings_sheet(listed, zh).into_bytes()));
    pkg.overrides.push((format!("/{part}"), "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"));
    let p = root_prefix(&book.xml, "workbook");
    let at = closing(&book.xml, "sheets").ok_or_else(|| bad("workbook has no sheets"))?;
    let workbook = format!(
        "{}<{p}sheet xmlns:r=\"{REL_NS}\" name=\"{}\" sheetId=\"{}\" r:id=\"{id}\"/>{}",
        &book.xml[..at],
        esc(&title),
        book.max_sheet_id + 1,
        &book.xml[at..]
    );
    pkg.replaced.insert(book.path.clone(), workbook.into_bytes());
    let dir = book.path.rsplit_once('/').map(|(d, _)| format!("{d}/")).unwrap_or_default();
    let target = part.strip_prefix(&dir).unwrap_or(&part);
    let at = closing(&book.rels_xml, "Relationships").ok_or_else(|| bad("workbook relationships not closed"))?;
    let rels = format!(
        "{}<Relationship Id=\"{id}\" Type=\"{REL_NS}/worksheet\" Target=\"{target}\"/>{}",
        &book.rels_xml[..at],
        &book.rels_xml[at..]
    );
    pkg.replaced.insert(book.rels_path.clone(), rels.into_bytes());
    Ok(())
}

/// A `<sheet>`'s relationship id under any prefix (`r:id`, `ns1:id`).
fn rel_id_any(tag: &str) -> Option<String> {
    let mut reader = Reader::from_str(tag);
    match reader.read_event() {
        Ok(Event::Start(e)) | Ok(Event::Empty(e)) => e
            .attributes()
            .flatten()
            .find(|a| a.key.local_name().as_ref() == "id" && a.key.prefix().is_some())
            .and_then(|a| quick_xml::escape::unescape(&a.value).ok().map(|v| v.into_owned())),
        _ => None,
    }
}

/// The findings sheet: one row per finding, its cells linked.
fn findings_sheet(listed: &[Listed<'_>], zh: bool) -> String {
    let pick = |a: &'static str, b: &'static str| if zh { a } else { b };
    let headers = [
        pick("序号", "No."),
        pick("严重程度", "Severity"),
        pick("规则", "Rule"),
        pick("说明", "Message"),
        pick("应为", "Expected"),
        pick("实际", "Actual"),
        pick("差额", "Difference"),
        pick("单元格", "Cell"),
        pick("复核", "Review"),
    ];
    let text = |r: usize, c: usize, s: &str| {
        format!("<c r=\"{}{}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{}</t></is></c>", column_letters(c as u32), r, esc(s))
    };
    let number = |r: usize, c: usize, s: String| format!("<c r=\"{}{}\"><v>{s}</v></c>", column_letters(c as u32), r);
    let mut rows = String::new();
    let mut links = String::new();
    rows.push_str("<row r=\"1\">");
    for (c, h) in headers.iter().enumerate() {
        rows.push_str(&text(1, c, h));
    }
    rows.push_str("</row>");
    for (i, l) in listed.iter().enumerate() {
        let f = l.finding;
        let r = i + 2;
        let severity = match (f.severity, zh) {
            (Severity::Error, true) => "错误",
            (Severity::Warning, true) => "警告",
            (Severity::Info, true) => "提示",
            (Severity::Error, false) => "error",
            (Severity::Warning, false) => "warning",
            (Severity::Info, false) => "note",
        };
        rows.push_str(&format!("<row r=\"{r}\">"));
        rows.push_str(&number(r, 0, (i + 1).to_string()));
        rows.push_str(&text(r, 1, severity));
        rows.push_str(&text(r, 2, f.rule.id()));
        rows.push_str(&text(r, 3, if zh { &f.message } else { &f.message_en }));
        for (c, d) in [(4, f.expected), (5, f.actual), (6, f.difference)] {
            if let Some(d) = d {
                rows.push_str(&number(r, c, d.normalize().to_string()));
            }
        }
        if let Some(cell) = f.cells.first() {
            rows.push_str(&text(r, 7, &cell.to_string()));
            let sheet = cell.sheet.replace('\'', "''");
            links.push_str(&format!(
                "<hyperlink ref=\"H{r}\" location=\"{}\" display=\"{}\"/>",
                esc(&format!("'{sheet}'!{}", cell.a1())),
                esc(&cell.to_string())
            ));
        }
        if !l.review.is_empty() {
            rows.push_str(&text(r, 8, &l.review));
        }
        rows.push_str("</row>");
    }
    let hyperlinks = if links.is_empty() { String::new() } else { format!("<hyperlinks>{links}</hyperlinks>") };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"{MAIN_NS}\" xmlns:r=\"{REL_NS}\"><sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews><cols><col min=\"1\" max=\"1\" width=\"6\" customWidth=\"1\"/><col min=\"2\" max=\"3\" width=\"9\" customWidth=\"1\"/><col min=\"4\" max=\"4\" width=\"80\" customWidth=\"1\"/><col min=\"5\" max=\"7\" width=\"15\" customWidth=\"1\"/><col min=\"8\" max=\"8\" width=\"24\" customWidth=\"1\"/><col min=\"9\" max=\"9\" width=\"30\" customWidth=\"1\"/></cols><sheetData>{rows}</sheetData>{hyperlinks}</worksheet>"
    )
}

//! From the bytes a text operator shows to characters and widths: how a PDF font maps its codes.
//!
//! What budget PDFs use (seen on the real corpus): Type0 fonts with `Identity-H` and a
//! `ToUnicode` CMap (WPS, Office, ONLYOFFICE), TrueType fonts with `WinAnsiEncoding` for
//! digits and Latin text (Word), and a Type0 font with the predefined `GBK-EUC-H` CMap and no
//! `ToUnicode` (codes that are GBK bytes). Each is decoded here; a code with no mapping gives
//! `None`, and a document made mostly of such codes is refused as undecodable rather than read
//! as garbage.

use hayro_cmap::{BfString, CMap};
use hayro_syntax::object::{Array, Dict, Name, Object, Stream};

use super::guard::Budget;

/// How a font's codes are split and turned into text.
enum Codes {
    /// One byte per code (simple fonts).
    Simple { names: Box<[Option<char>; 256]> },
    /// Two bytes per code (`Identity-H/V`, `UniGB-UCS2-H`, most CID CMaps).
    TwoByte { utf16: bool },
    /// GBK/EUC-CN byte sequences (`GBK-EUC-H`, `GB-EUC-H`, …): one byte below 0x81, else two.
    Gbk,
}

/// A font as the text operators need it.
pub(super) struct Font {
    codes: Codes,
    to_unicode: Option<CMap>,
    /// Advance widths in glyph space (1/1000 of the font size), by code.
    widths: Widths,
    /// Whether this is a CID font (the advance of code 32 then gets no word spacing).
    pub(super) cid: bool,
}

enum Widths {
    Simple { first: u32, widths: Vec<f32>, missing: f32 },
    Cid { default: f32, ranges: Vec<(u32, u32, f32)> },
}

/// One shown code: its text (if the font maps it), its advance in glyph space, and whether it
/// is a single-byte 32 (which takes word spacing).
pub(super) struct Shown {
    pub text: Option<char>,
    pub advance: f32,
    pub space: bool,
}

impl Font {
    pub(super) fn load(dict: &Dict<'_>, budget: &mut Budget) -> Font {
        let subtype = dict.get::<Name<'_>>(b"Subtype");
        let to_unicode = dict.get::<Stream<'_>>(b"ToUnicode").and_then(|s| budget.decode(&s)).and_then(|d| CMap::parse(&d, |_| None));
        if subtype.as_ref().map(|n| n.as_str()) == Some("Type0") {
            let encoding = dict.get::<Name<'_>>(b"Encoding").map(|n| n.as_str().to_string()).unwrap_or_default();
            let codes = if encoding.starts_with("Identity") {
                Codes::TwoByte { utf16: false }
            } else if encoding.starts_with("UniGB-UCS2") || encoding.starts_with("UniGB-UTF16") || encoding.starts_with("UniCNS-UCS2") {
                Codes::TwoByte { utf16: true }
            } else if encoding.starts_with("GB") {
                Codes::Gbk
            } else {
                Codes::TwoByte { utf16: false }
            };
            let descendant = dict.get::<Array<'_>>(b"DescendantFonts").and_then(|a| a.iter::<Dict<'_>>().next());
            let widths = descendant.as_ref().map(cid_widths).unwrap_or(Widths::Cid { default: 1000.0, ranges: Vec::new() });
            return Font { codes, to_unicode, widths, cid: true };
        }
        let base = dict.get::<Name<'_>>(b"BaseFont").map(|n| n.as_str().to_string()).unwrap_or_default();
        Font { codes: Codes::Simple { names: simple_encoding(dict) }, to_unicode, widths: simple_widths(dict, &base), cid: false }
    }

    /// The codes of a shown string, in order.
    pub(super) fn decode(&self, bytes: &[u8], out: &mut Vec<Shown>) {
        let mut i = 0;
        while i < bytes.len() {
            let (code, len) = match &self.codes {
                Codes::Simple { .. } => (bytes[i] as u32, 1),
                Codes::TwoByte { .. } | Codes::Gbk if i + 1 >= bytes.len() => (bytes[i] as u32, 1),
                Codes::Gbk if bytes[i] < 0x81 => (bytes[i] as u32, 1),
                _ => (u32::from(bytes[i]) << 8 | u32::from(bytes[i + 1]), 2),
            };
            let text = self.unicode(code, &bytes[i..i + len]);
            out.push(Shown { text, advance: self.width(code), space: len == 1 && code == 32 });
            i += len;
        }
    }

    fn unicode(&self, code: u32, raw: &[u8]) -> Option<char> {
        if let Some(map) = &self.to_unicode {
            match map.lookup_bf_string(code) {
                Some(BfString::Char(c)) => return Some(c),
                // A ligature or a decomposed character: its first character stands for it.
                Some(BfString::String(s)) => return s.chars().next(),
                None => {}
            }
        }
        match &self.codes {
            Codes::Simple { names } => names[code as usize & 0xFF],
            Codes::TwoByte { utf16: true } => char::from_u32(code),
            Codes::TwoByte { utf16: false } => None,
            Codes::Gbk => {
                let (text, _, bad) = encoding_rs::GB18030.decode(raw);
                if bad {
                    None
                } else {
                    text.chars().next()
                }
            }
        }
    }

    fn width(&self, code: u32) -> f32 {
        match &self.widths {
            Widths::Simple { first, widths, missing } => {
                code.checked_sub(*first).and_then(|i| widths.get(i as usize)).copied().filter(|w| *w > 0.0).unwrap_or(*missing)
            }
            Widths::Cid { default, ranges } => {
                // Ranges are sorted by their first code.
                let i = ranges.partition_point(|r| r.0 <= code);
                match i.checked_sub(1).map(|i| ranges[i]) {
                    Some((a, b, w)) if code >= a && code <= b => w,
                    _ => *default,
                }
            }
        }
    }
}

fn number(o: &Object<'_>) -> Option<f32> {
    match o {
        Object::Number(n) => Some(n.as_f32()),
        _ => None,
    }
}

/// `/W [c [w1 w2 …] c_first c_last w …]` and `/DW`.
fn cid_widths(font: &Dict<'_>) -> Widths {
    let default = font.get::<f32>(b"DW").unwrap_or(1000.0);
    let mut ranges: Vec<(u32, u32, f32)> = Vec::new();
    if let Some(w) = font.get::<Array<'_>>(b"W") {
        // A font has at most 65,536 glyphs: more widths than that are not a font's.
        const MOST: usize = 65_536;
        let items: Vec<Object<'_>> = w.iter::<Object<'_>>().take(MOST).collect();
        let mut i = 0;
        while i < items.len() && ranges.len() < MOST {
            let Some(first) = number(&items[i]).filter(|f| *f >= 0.0) else { break };
            let first = first as u32;
            match items.get(i + 1) {
                Some(Object::Array(list)) => {
                    for (k, w) in list.iter::<f32>().take(MOST - ranges.len()).enumerate() {
                        let c = first.saturating_add(k as u32);
                        ranges.push((c, c, w));
                    }
                    i += 2;
                }
                Some(last) => {
                    let (Some(last), Some(w)) = (number(last), items.get(i + 2).and_then(number)) else { break };
                    ranges.push((first, (last.max(0.0) as u32).max(first), w));
                    i += 3;
                }
                None => break,
            }
        }
    }
    ranges.sort_by_key(|r| r.0);
    Widths::Cid { default, ranges }
}

/// `/FirstChar` and `/Widths`; without them, the usual widths of the standard fonts' digits.
fn simple_widths(font: &Dict<'_>, base: &str) -> Widths {
    let first = font.get::<i32>(b"FirstChar").unwrap_or(0).max(0) as u32;
    let widths: Vec<f32> = font.get::<Array<'_>>(b"Widths").map(|a| a.iter::<f32>().take(256).collect()).unwrap_or_default();
    let missing = font.get::<Dict<'_>>(b"FontDescriptor").and_then(|d| d.get::<f32>(b"MissingWidth")).filter(|w| *w > 0.0);
    if !widths.is_empty() {
        return Widths::Simple { first, widths, missing: missing.unwrap_or(500.0) };
    }
    // A standard font without widths (Helvetica, Times …): digits, separators and spaces are
    // what budget tables show in them.
    let helvetica = !base.contains("Times") && !base.contains("Courier");
    let mut table = vec![0.0f32; 256];
    for (c, w) in table.iter_mut().enumerate() {
        let ch = c as u8;
        *w = if base.contains("Courier") {
            600.0
        } else if ch.is_ascii_digit() {
            if helvetica {
                556.0
            } else {
                500.0
            }
        } else if matches!(ch, b',' | b'.' | b' ') {
            if helvetica {
                278.0
            } else {
                250.0
            }
        } else {
            missing.unwrap_or(if helvetica { 556.0 } else { 500.0 })
        };
    }
    Widths::Simple { first: 0, widths: table, missing: missing.unwrap_or(500.0) }
}

/// A simple font's code → character table: its base encoding, then `/Differences`.
fn simple_encoding(font: &Dict<'_>) -> Box<[Option<char>; 256]> {
    let mut table: Box<[Option<char>; 256]> = Box::new([None; 256]);
    let (base, differences) = match font.get::<Object<'_>>(b"Encoding") {
        Some(Object::Name(n)) => (n.as_str().to_string(), None),
        Some(Object::Dict(d)) => {
            (d.get::<Name<'_>>(b"BaseEncoding").map(|n| n.as_str().to_string()).unwrap_or_default(), d.get::<Array<'_>>(b"Differences"))
        }
        _ => (String::new(), None),
    };
    for (c, slot) in table.iter_mut().enumerate() {
        *slot = base_char(&base, c as u8);
    }
    if let Some(diff) = differences {
        let mut code: usize = 0;
        for item in diff.iter::<Object<'_>>().take(4096) {
            match item {
                Object::Number(n) => code = n.as_i64().clamp(0, 255) as usize,
                Object::Name(name) => {
                    if code < 256 {
                        table[code] = glyph_name_char(name.as_str());
                    }
                    code += 1;
                }
                _ => {}
            }
        }
    }
    table
}

/// The character of a code in WinAnsi, MacRoman or Standard encoding (printable ASCII is the same
/// in all three but for two quotes; the upper half is WinAnsi's, which budget PDFs use).
fn base_char(base: &str, c: u8) -> Option<char> {
    match c {
        0x20..=0x7E => Some(match (base, c) {
            ("StandardEncoding", 0x27) => '\u{2019}',
            ("StandardEncoding", 0x60) => '\u{2018}',
            _ => c as char,
        }),
        0x80..=0x9F => WIN_ANSI_80.get(usize::from(c - 0x80)).copied().flatten(),
        0xA0..=0xFF => char::from_u32(u32::from(c)),
        _ => None,
    }
}

const WIN_ANSI_80: [Option<char>; 32] = [
    Some('€'),
    None,
    Some('‚'),
    Some('ƒ'),
    Some('„'),
    Some('…'),
    Some('†'),
    Some('‡'),
    Some('ˆ'),
    Some('‰'),
    Some('Š'),
    Some('‹'),
    Some('Œ'),
    None,
    Some('Ž'),
    None,
    None,
    Some('‘'),
    Some('’'),
    Some('“'),
    Some('”'),
    Some('•'),
    Some('–'),
    Some('—'),
    Some('˜'),
    Some('™'),
    Some('š'),
    Some('›'),
    Some('œ'),
    None,
    Some('ž'),
    Some('Ÿ'),
];

/// A glyph name (Adobe Glyph List conventions) → its character: `uniXXXX`, `uXXXX[XX]`, single
/// letters, and the names of ASCII punctuation and digits.
fn glyph_name_char(name: &str) -> Option<char> {
    if let Some(hex) = name.strip_prefix("uni").and_then(|h| h.get(..4)) {
        return u32::from_str_radix(hex, 16).ok().and_then(char::from_u32);
    }
    if let Some(hex) = name.strip_prefix('u').filter(|h| (4..=6).contains(&h.len()) && h.chars().all(|c| c.is_ascii_hexdigit())) {
        return u32::from_str_radix(hex, 16).ok().and_then(char::from_u32);
    }
    let mut chars = name.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if c.is_ascii_alphabetic() {
            return Some(c);
        }
    }
    const NAMES: &[(&str, char)] = &[
        ("space", ' '),
        ("exclam", '!'),
        ("quotedbl", '"'),
        ("numbersign", '#'),
        ("dollar", '$'),
        ("percent", '%'),
        ("ampersand", '&'),
        ("quotesingle", '\''),
        ("quoteright", '’'),
        ("quoteleft", '‘'),
        ("parenleft", '('),
        ("parenright", ')'),
        ("asterisk", '*'),
        ("plus", '+'),
        ("comma", ','),
        ("hyphen", '-'),
        ("minus", '−'),
        ("period", '.'),
        ("slash", '/'),
        ("zero", '0'),
        ("one", '1'),
        ("two", '2'),
        ("three", '3'),
        ("four", '4'),
        ("five", '5'),
        ("six", '6'),
        ("seven", '7'),
        ("eight", '8'),
        ("nine", '9'),
        ("colon", ':'),
        ("semicolon", ';'),
        ("less", '<'),
        ("equal", '='),
        ("greater", '>'),
        ("question", '?'),
        ("at", '@'),
        ("bracketleft", '['),
        ("backslash", '\\'),
        ("bracketright", ']'),
        ("underscore", '_'),
        ("braceleft", '{'),
        ("bar", '|'),
        ("braceright", '}'),
        ("bullet", '•'),
        ("endash", '–'),
        ("emdash", '—'),
        ("quotedblleft", '“'),
        ("quotedblright", '”'),
        ("ellipsis", '…'),
        ("nbspace", '\u{a0}'),
    ];
    NAMES.iter().find(|(n, _)| *n == name).map(|(_, c)| *c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyph_names() {
        assert_eq!(glyph_name_char("zero"), Some('0'));
        assert_eq!(glyph_name_char("uni4E2D"), Some('中'));
        assert_eq!(glyph_name_char("u4E2D"), Some('中'));
        assert_eq!(glyph_name_char("A"), Some('A'));
        assert_eq!(glyph_name_char("g123"), None);
        assert_eq!(glyph_name_char("uni中中"), None, "not four hex digits (fuzz-found: it was cut inside a character)");
        assert_eq!(base_char("WinAnsiEncoding", b'5'), Some('5'));
        assert_eq!(base_char("WinAnsiEncoding", 0x97), Some('—'));
        assert_eq!(base_char("", 0x07), None);
    }

    #[test]
    fn gbk_codes_split_and_decode() {
        let font = Font { codes: Codes::Gbk, to_unicode: None, widths: Widths::Cid { default: 1000.0, ranges: vec![] }, cid: true };
        let mut out = Vec::new();
        // "合计 12" in GBK: two double-byte codes, a space, two digits.
        let (bytes, _, _) = encoding_rs::GBK.encode("合计 12");
        font.decode(&bytes, &mut out);
        let text: String = out.iter().filter_map(|s| s.text).collect();
        assert_eq!(text, "合计 12");
        assert!(out[2].space);
    }

    #[test]
    fn cid_width_ranges() {
        let w = Widths::Cid { default: 1000.0, ranges: vec![(3, 3, 250.0), (16, 25, 500.0)] };
        let font = Font { codes: Codes::TwoByte { utf16: false }, to_unicode: None, widths: w, cid: true };
        assert_eq!((font.width(3), font.width(20), font.width(26), font.width(1)), (250.0, 500.0, 1000.0, 1000.0));
    }
}

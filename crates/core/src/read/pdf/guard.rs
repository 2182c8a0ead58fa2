//! Memory is bounded before it is spent: every compressed stream of a PDF is inflated against a
//! budget of decoded bytes, so that a Flate bomb (a few kilobytes that inflate to gigabytes) is
//! refused after at most the budget's worth of work.
//!
//! Two places: before the PDF parser sees the file, every `FlateDecode` stream in the bytes is
//! inflated and only counted (the parser inflates object streams by itself, unbounded); and
//! every stream gouji decodes (page contents, forms, ToUnicode maps) goes through
//! [`Budget::decode`]. An encrypted file's streams cannot be counted before it is opened: for
//! those the second place is the guard.

use flate2::{Decompress, FlushDecompress, Status};
use hayro_syntax::object::Stream;
use hayro_syntax::Filter;

/// Decoded bytes allowed, per stream and in total.
#[derive(Clone, Copy, Debug)]
pub(super) struct Budget {
    per_stream: u64,
    left: u64,
    pub(super) over: bool,
}

impl Budget {
    pub(super) fn new(per_stream: u64, total: u64) -> Budget {
        Budget { per_stream, left: total, over: false }
    }

    /// The stream's decoded bytes, or `None` when it cannot be decoded or would pass the
    /// budget (then `over` is set and reading stops). Every filter of the chain is applied here,
    /// within the budget (a stream deflated twice inflates twice, each time bounded); image
    /// filters and predictors are not for text and give `None`.
    pub(super) fn decode(&mut self, stream: &Stream<'_>) -> Option<Vec<u8>> {
        if self.over {
            return None;
        }
        let dict = stream.dict();
        if dict.contains_key(b"DecodeParms") || dict.contains_key(b"DP") {
            let predicted =
                dict.get::<hayro_syntax::object::Dict<'_>>(b"DecodeParms").and_then(|d| d.get::<i32>(b"Predictor")).unwrap_or(1);
            if predicted > 1 {
                return None;
            }
        }
        let max = self.per_stream.min(self.left);
        let mut data: Vec<u8> = stream.raw_data().into_owned();
        for filter in stream.filters() {
            data = match filter {
                Filter::FlateDecode => match inflate(&data, max) {
                    Inflated::Done(d) => d,
                    Inflated::Over => {
                        self.over = true;
                        return None;
                    }
                    Inflated::Bad => return None,
                },
                Filter::AsciiHexDecode => ascii_hex(&data),
                Filter::Ascii85Decode => ascii85(&data)?,
                Filter::RunLengthDecode => run_length(&data, max)?,
                // Decryption happened in raw_data.
                Filter::Crypt => data,
                _ => return None,
            };
            if data.len() as u64 > max {
                self.over = true;
                return None;
            }
        }
        self.left -= data.len() as u64;
        Some(data)
    }
}

fn ascii_hex(data: &[u8]) -> Vec<u8> {
    let digits: Vec<u8> = data
        .iter()
        .take_while(|b| **b != b'>')
        .filter_map(|b| match b {
            b'0'..=b'9' => Some(b - b'0'),
            b'a'..=b'f' => Some(b - b'a' + 10),
            b'A'..=b'F' => Some(b - b'A' + 10),
            _ => None,
        })
        .collect();
    digits.chunks(2).map(|p| p[0] << 4 | p.get(1).copied().unwrap_or(0)).collect()
}

fn ascii85(data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len() * 4 / 5);
    let mut group = [0u8; 5];
    let mut n = 0;
    let body = data.strip_prefix(b"<~").unwrap_or(data);
    for &b in body {
        match b {
            b'~' => break,
            b'z' if n == 0 => out.extend_from_slice(&[0; 4]),
            b'!'..=b'u' => {
                group[n] = b - b'!';
                n += 1;
                if n == 5 {
                    let v = group.iter().fold(0u64, |acc, d| acc * 85 + u64::from(*d));
                    out.extend_from_slice(&(u32::try_from(v).ok()?).to_be_bytes());
                    n = 0;
                }
            }
            _ => {}
        }
    }
    if n > 1 {
        for d in group.iter_mut().skip(n) {
            *d = 84;
        }
        let v = group.iter().fold(0u64, |acc, d| acc * 85 + u64::from(*d));
        out.extend_from_slice(&(u32::try_from(v).ok()?).to_be_bytes()[..n - 1]);
    }
    Some(out)
}

fn run_length(data: &[u8], max: u64) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < data.len() {
        let len = data[i];
        i += 1;
        match len {
            128 => break,
            0..=127 => {
                let n = usize::from(len) + 1;
                out.extend_from_slice(data.get(i..i + n)?);
                i += n;
            }
            _ => {
                let n = 257 - usize::from(len);
                out.extend(std::iter::repeat_n(*data.get(i)?, n));
                i += 1;
            }
        }
        if out.len() as u64 > max {
            return None;
        }
    }
    Some(out)
}

enum Inflated {
    Done(Vec<u8>),
    Over,
    Bad,
}

/// Inflates zlib (or raw deflate) data, never more than `max` bytes of it.
fn inflate(data: &[u8], max: u64) -> Inflated {
    let zlib = data.len() >= 2 && data[0] & 0x0F == 8 && (u16::from(data[0]) << 8 | u16::from(data[1])) % 31 == 0;
    let mut d = Decompress::new(zlib);
    let mut out: Vec<u8> = Vec::new();
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        let before_in = d.total_in();
        let before_out = d.total_out();
        let input = &data[(before_in as usize).min(data.len())..];
        let status = d.decompress(input, &mut chunk, FlushDecompress::None);
        let produced = (d.total_out() - before_out) as usize;
        if d.total_out() > max {
            return Inflated::Over;
        }
        out.extend_from_slice(&chunk[..produced]);
        match status {
            Ok(Status::StreamEnd) => return Inflated::Done(out),
            Ok(_) if produced == 0 && d.total_in() == before_in => {
                // No progress: the data ended without the end of the stream (a truncated stream
                // still gives what it holds).
                return if d.total_out() > 0 { Inflated::Done(out) } else { Inflated::Bad };
            }
            Ok(_) => {}
            Err(_) => return if d.total_out() > 0 { Inflated::Done(out) } else { Inflated::Bad },
        }
    }
}

/// Counts what every `FlateDecode` stream of an unencrypted file inflates to, before any parser
/// does: `Err(())` when one stream passes `per_stream` or all together pass `total`.
pub(super) fn prescan(bytes: &[u8], per_stream: u64, total: u64) -> Result<(), ()> {
    let mut left = total;
    let mut at = 0;
    while let Some(found) = crate::read::find(&bytes[at..], b"stream") {
        let start = at + found;
        at = start + 6;
        // `stream` after a dictionary's `>>`, then an end of line, then the data.
        let before = bytes[..start].iter().rev().find(|b| !b.is_ascii_whitespace());
        if before != Some(&b'>') {
            continue;
        }
        let mut data_at = at;
        if bytes.get(data_at) == Some(&b'\r') {
            data_at += 1;
        }
        if bytes.get(data_at) == Some(&b'\n') {
            data_at += 1;
        }
        let dict_from = start.saturating_sub(4096);
        let dict = stream_dict(&bytes[dict_from..start]);
        let layers = memchr::memmem::find_iter(dict, b"FlateDecode").count() + memchr::memmem::find_iter(dict, b"/Fl ").count();
        if layers == 0 {
            continue;
        }
        // Each inflation but the last is held (within the per-stream limit); the last is counted.
        let mut held: Option<Vec<u8>> = None;
        for _ in 1..layers.min(8) {
            let input = held.as_deref().unwrap_or(&bytes[data_at.min(bytes.len())..]);
            match inflate(input, per_stream) {
                Inflated::Done(d) => held = Some(d),
                Inflated::Over => return Err(()),
                Inflated::Bad => break,
            }
        }
        let input = held.as_deref().unwrap_or(&bytes[data_at.min(bytes.len())..]);
        let n = inflated_len(input, per_stream.min(left).saturating_add(1));
        if n > per_stream || n > left {
            return Err(());
        }
        left -= n;
    }
    Ok(())
}

/// The stream's own dictionary at the end of `before` (the bytes up to `stream`): from the `<<`
/// that balances its last `>>`, nested dictionaries (`/DecodeParms << … >>`) included. Without a
/// balance in the window, the whole window (counting too many filters only costs bounded work).
fn stream_dict(before: &[u8]) -> &[u8] {
    let mut depth = 0usize;
    let mut i = before.len();
    while i >= 2 {
        match &before[i - 2..i] {
            b">>" => {
                depth += 1;
                i -= 2;
            }
            b"<<" => {
                depth = depth.saturating_sub(1);
                i -= 2;
                if depth == 0 {
                    return &before[i..];
                }
            }
            _ => i -= 1,
        }
    }
    before
}

/// How many bytes a deflate stream inflates to, counting up to `max`.
fn inflated_len(data: &[u8], max: u64) -> u64 {
    let zlib = data.len() >= 2 && data[0] & 0x0F == 8 && (u16::from(data[0]) << 8 | u16::from(data[1])) % 31 == 0;
    let mut d = Decompress::new(zlib);
    let mut sink = vec![0u8; 64 * 1024];
    loop {
        let before_in = d.total_in();
        let before_out = d.total_out();
        let input = &data[(before_in as usize).min(data.len())..];
        let status = d.decompress(input, &mut sink, FlushDecompress::None);
        if d.total_out() > max {
            return max;
        }
        match status {
            Ok(Status::StreamEnd) | Err(_) => return d.total_out(),
            Ok(_) if d.total_out() == before_out && d.total_in() == before_in => return d.total_out(),
            Ok(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zlib(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn a_bomb_is_refused_before_it_is_inflated() {
        let bomb = zlib(&vec![0u8; 50 << 20]);
        assert!(bomb.len() < 100_000, "{}", bomb.len());
        let file =
            [b"%PDF-1.4\n1 0 obj\n<< /Length 1 /Filter /FlateDecode >>\nstream\n".as_slice(), &bomb, b"\nendstream\nendobj\n"].concat();
        let t = std::time::Instant::now();
        assert_eq!(prescan(&file, 1 << 20, 8 << 20), Err(()));
        assert!(t.elapsed().as_secs() < 5);
        assert_eq!(prescan(&file, 64 << 20, 64 << 20), Ok(()), "within the limits it passes");
    }

    #[test]
    fn the_stream_dictionary_includes_its_nested_dictionaries() {
        let before = b"1 0 obj\n<< /Type /XRef /Filter [/FlateDecode /FlateDecode] /DecodeParms << /Columns 4 >> /Length 9 >>\n";
        let dict = stream_dict(before);
        assert!(dict.starts_with(b"<< /Type /XRef"), "{}", String::from_utf8_lossy(dict));
        assert_eq!(memchr::memmem::find_iter(dict, b"FlateDecode").count(), 2);
        assert!(stream_dict(b"<< /A << /B 1 >> >>").starts_with(b"<< /A"));
    }

    #[test]
    fn a_cross_reference_stream_bomb_is_counted_before_the_parser_opens_the_file() {
        // Deflated twice to 1.5 GB, its /DecodeParms dictionary after /Filter (fuzz-found): the
        // parser inflates cross-reference streams itself, unbounded, so the pre-scan must see it.
        let bytes = include_bytes!("../../../../../tests/data/fuzz-regressions/pdf-xref-stream-bomb.pdf");
        assert!(prescan(bytes, 64 << 20, 512 << 20).is_err());
    }

    #[test]
    fn a_stream_deflated_twice_is_counted_twice() {
        let twice = zlib(&zlib(&vec![0u8; 200 << 20]));
        let file = [
            b"%PDF-1.4\n1 0 obj\n<< /Length 1 /Filter [/FlateDecode /FlateDecode] >>\nstream\n".as_slice(),
            &twice,
            b"\nendstream\nendobj\n",
        ]
        .concat();
        assert!(file.len() < 20_000, "{}", file.len());
        assert_eq!(prescan(&file, 64 << 20, 512 << 20), Err(()), "200 MiB behind two inflations");
    }

    #[test]
    fn ascii_filters() {
        assert_eq!(ascii_hex(b"48656C6C6F>"), b"Hello");
        assert_eq!(ascii_hex(b"4 8 6>"), [0x48, 0x60]);
        assert_eq!(ascii85(b"<~87cURDZ~>").unwrap(), b"Hello");
        assert_eq!(run_length(&[2, b'a', b'b', b'c', 254, b'x', 128], 100).unwrap(), b"abcxxx");
    }

    #[test]
    fn inflate_keeps_what_a_truncated_stream_holds() {
        let data = zlib(b"BT /F1 12 Tf (Hello) Tj ET");
        match inflate(&data, 1000) {
            Inflated::Done(d) => assert_eq!(d, b"BT /F1 12 Tf (Hello) Tj ET"),
            _ => panic!("whole stream"),
        }
        assert!(matches!(inflate(&data, 5), Inflated::Over));
        assert!(matches!(inflate(b"not deflate at all", 1000), Inflated::Bad));
    }
}

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
    /// budget (then `over` is set and reading stops).
    pub(super) fn decode(&mut self, stream: &Stream<'_>) -> Option<Vec<u8>> {
        if self.over {
            return None;
        }
        let filters = stream.filters();
        let plain_flate = filters.len() == 1
            && filters[0] == Filter::FlateDecode
            && !stream.dict().contains_key(b"DecodeParms")
            && !stream.dict().contains_key(b"DP");
        let data = if plain_flate {
            let raw = stream.raw_data();
            match inflate(&raw, self.per_stream.min(self.left)) {
                Inflated::Done(data) => data,
                Inflated::Over => {
                    self.over = true;
                    return None;
                }
                Inflated::Bad => return None,
            }
        } else if filters.iter().any(|f| matches!(f, Filter::DctDecode | Filter::JpxDecode | Filter::Jbig2Decode | Filter::CcittFaxDecode))
        {
            return None;
        } else {
            stream.decoded().ok()?.into_owned()
        };
        let n = data.len() as u64;
        if n > self.per_stream || n > self.left {
            self.over = true;
            return None;
        }
        self.left -= n;
        Some(data)
    }
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
        let dict = &bytes[dict_from..start];
        let dict = match crate::read::find_last(dict, b"<<") {
            Some(i) => &dict[i..],
            None => dict,
        };
        if crate::read::find(dict, b"FlateDecode").is_none() && crate::read::find(dict, b"/Fl ").is_none() {
            continue;
        }
        let n = inflated_len(&bytes[data_at.min(bytes.len())..], per_stream.min(left).saturating_add(1));
        if n > per_stream || n > left {
            return Err(());
        }
        left -= n;
    }
    Ok(())
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

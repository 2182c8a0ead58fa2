//! Checks a compound file (legacy .xls) before calamine reads it. calamine follows sector chains
//! without bounds or index checks: a chain that loops grows a buffer until memory runs out, and a
//! sector number past the allocation table panics (both found by fuzzing). This walks the same
//! chains the way calamine will, with bounds, and refuses the file first.

const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
const RESERVED: u32 = 0xFFFF_FFFA;
const DIFSECT: u32 = 0xFFFF_FFFC;

struct Sectors<'a> {
    bytes: &'a [u8],
    size: usize,
    /// The highest sector number calamine accepts.
    maxid: u32,
}

impl Sectors<'_> {
    fn get(&self, id: u32) -> Result<&[u8], &'static str> {
        if id > self.maxid {
            return Err("sector past the end of the file");
        }
        // Sectors follow the header, which fills the first sector.
        let start = (id as usize + 1) * self.size;
        Ok(self.bytes.get(start..(start + self.size).min(self.bytes.len())).unwrap_or(&[]))
    }

    /// The bytes of a chain, at most `len`, refusing loops and entries past the table.
    fn chain(&self, start: u32, table: &[u32], len: usize) -> Result<Vec<u8>, &'static str> {
        let mut out = Vec::new();
        let mut seen = vec![false; table.len()];
        let mut id = start;
        while id != ENDOFCHAIN {
            let sector = self.get(id)?;
            out.extend_from_slice(&sector[..sector.len().min(len - out.len())]);
            if out.len() >= len {
                break;
            }
            let i = id as usize;
            if i >= table.len() {
                return Err("a sector chain leaves the allocation table");
            }
            if seen[i] {
                return Err("a sector chain loops");
            }
            seen[i] = true;
            id = table[i];
        }
        Ok(out)
    }
}

fn u32s(b: &[u8]) -> impl Iterator<Item = u32> + '_ {
    b.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    b.get(at..at + 4).map_or(0, |c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
}

/// `Err` with the reason when calamine would loop, panic or allocate past the file's size;
/// otherwise the bytes of the workbook stream (`Workbook`, or `Book` in BIFF5), if there is one.
pub(super) fn check(bytes: &[u8]) -> Result<Option<Vec<u8>>, &'static str> {
    if bytes.len() < 512 {
        return Err("shorter than its header");
    }
    let shift = u16::from_le_bytes([bytes[0x1E], bytes[0x1F]]);
    let size = match shift {
        9 => 512usize,
        12 => 4096,
        _ => return Err("unknown sector size"),
    };
    let sectors = Sectors { bytes, size, maxid: (bytes.len() / size) as u32 };
    let file_len = bytes.len();

    // The DIFAT: 109 entries in the header, then a chain of DIFAT sectors (calamine bounds it).
    let mut difat: Vec<u32> = u32s(&bytes[0x4C..0x200]).collect();
    let mut id = u32_at(bytes, 0x44);
    let mut n = 0usize;
    while id < RESERVED {
        n += 1;
        if n > sectors.maxid as usize + 1 {
            return Err("the DIFAT chain loops");
        }
        difat.extend(u32s(sectors.get(id)?));
        id = difat.pop().ok_or("empty DIFAT sector")?;
    }
    let mut fat = Vec::new();
    for id in difat.into_iter().filter(|id| *id < DIFSECT) {
        fat.extend(u32s(sectors.get(id)?));
        if fat.len() > file_len {
            return Err("the allocation table is larger than the file");
        }
    }

    // The directory chain, which calamine reads without a length.
    let dirs = sectors.chain(u32_at(bytes, 0x30), &fat, file_len + size)?;
    let entries: Vec<&[u8]> = dirs.chunks_exact(128).collect();
    let Some(root) = entries.first() else { return Err("no root directory") };
    let entry_len = |e: &[u8]| -> u64 { u64::from(u32_at(e, 0x78)) | (u64::from(u32_at(e, 0x7C)) << 32) };
    for e in &entries {
        if entry_len(e) > file_len as u64 {
            return Err("a stream claims to be larger than the file");
        }
    }

    // The mini stream and the mini allocation table.
    let mini_fat_sectors = u32_at(bytes, 0x40) as usize;
    let mut mini_fat = Vec::new();
    let mut mini_stream = Vec::new();
    if mini_fat_sectors > 0 {
        let len =
            mini_fat_sectors.checked_mul(size).filter(|l| *l <= file_len).ok_or("the mini allocation table is larger than the file")?;
        mini_stream = sectors.chain(u32_at(root, 0x74), &fat, entry_len(root) as usize)?;
        mini_fat = u32s(&sectors.chain(u32_at(bytes, 0x3C), &fat, len)?).collect();
    }
    let mut workbook = None;

    // Every stream calamine may read: its chain must stay in its table.
    for e in entries.iter().skip(1) {
        let len = entry_len(e) as usize;
        let start = u32_at(e, 0x74);
        if len == 0 || e[0x42] != 2 {
            continue; // not a stream
        }
        let name_len = (u16::from_le_bytes([e[0x40], e[0x41]]) as usize).min(64);
        let name: String = char::decode_utf16(e[..name_len].chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])))
            .map(|c| c.unwrap_or('?'))
            .collect::<String>()
            .trim_end_matches('\0')
            .to_string();
        let wanted = name.eq_ignore_ascii_case("Workbook") || name.eq_ignore_ascii_case("Book");
        if len < 4096 {
            // Small streams live in the mini stream, 64-byte sectors chained by the mini table.
            let mut id = start;
            let mut data = Vec::new();
            let mut seen = vec![false; mini_fat.len()];
            while id != ENDOFCHAIN && data.len() < len {
                let i = id as usize;
                if i >= mini_fat.len() {
                    return Err("a mini-stream chain leaves its table");
                }
                if seen[i] {
                    return Err("a mini-stream chain loops");
                }
                seen[i] = true;
                let at = i * 64;
                data.extend_from_slice(mini_stream.get(at..(at + 64).min(mini_stream.len())).unwrap_or(&[]));
                id = mini_fat[i];
            }
            if wanted {
                data.truncate(len);
                workbook.get_or_insert(data);
            }
        } else {
            let data = sectors.chain(start, &fat, len)?;
            if wanted {
                workbook.get_or_insert(data);
            }
        }
    }
    Ok(workbook)
}

/// What `biff_sheets_within` found over a limit.
pub(super) enum BiffOver {
    /// One sheet spans (rows, columns) over the cells per sheet.
    Sheet(u64, u64),
    /// The sheets together span more than the cells per file.
    File,
}

/// The bounding box of each worksheet's cells in a BIFF workbook stream, read from the same cell
/// records calamine reads, against the cells per sheet and (added up, as calamine holds every
/// sheet at once) per file.
pub(super) fn biff_sheets_within(stream: &[u8], max_cells: u64, max_per_file: u64) -> Result<(), BiffOver> {
    let mut at = 0usize;
    let mut bounds: Option<(u32, u32, u32, u32)> = None;
    // The sheet's stated DIMENSIONS, which calamine reserves, and the file's total so far.
    let mut reserved = 0u64;
    let mut total = 0u64;
    let grow = |b: &mut Option<(u32, u32, u32, u32)>, row: u32, c0: u32, c1: u32| {
        let (r0, r1, l, h) = b.get_or_insert((row, row, c0, c1));
        *r0 = (*r0).min(row);
        *r1 = (*r1).max(row);
        *l = (*l).min(c0);
        *h = (*h).max(c1);
    };
    let mut check = |b: &Option<(u32, u32, u32, u32)>, reserved: u64| -> Result<(), BiffOver> {
        let mut area = reserved;
        if let Some((r0, r1, c0, c1)) = b {
            let (rows, cols) = (u64::from(r1 - r0) + 1, u64::from(c1 - c0) + 1);
            if rows * cols > max_cells {
                return Err(BiffOver::Sheet(rows, cols));
            }
            area = area.max(rows * cols);
        }
        total = total.saturating_add(area);
        if total > max_per_file {
            return Err(BiffOver::File);
        }
        Ok(())
    };
    while at + 4 <= stream.len() {
        let typ = u16::from_le_bytes([stream[at], stream[at + 1]]);
        let len = u16::from_le_bytes([stream[at + 2], stream[at + 3]]) as usize;
        let data = &stream[at + 4..(at + 4 + len).min(stream.len())];
        at += 4 + len;
        let u16_at = |i: usize| data.get(i..i + 2).map(|b| u32::from(u16::from_le_bytes([b[0], b[1]])));
        match typ {
            // DIMENSIONS: calamine reserves rows × columns as stated (u32 arithmetic that wraps).
            0x0200 => {
                let u32_at = |i: usize| data.get(i..i + 4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
                let dims = match data.len() {
                    10 => u16_at(0).zip(u16_at(2)).zip(u16_at(4).zip(u16_at(6))),
                    14 | 16 => u32_at(0).zip(u32_at(4)).zip(u16_at(8).zip(u16_at(10))),
                    _ => None,
                };
                if let Some(((rf, rl), (mut cf, cl))) = dims {
                    if 0xFF < cf || cl < cf {
                        cf = 0;
                    }
                    let (end_r, end_c) = if rl >= 1 && cl >= 1 { (rl - 1, cl - 1) } else { (rf, cf) };
                    let rows = u64::from(end_r.wrapping_sub(rf).wrapping_add(1));
                    let cols = u64::from(end_c.wrapping_sub(cf).wrapping_add(1));
                    if rows.saturating_mul(cols) > max_cells {
                        return Err(BiffOver::Sheet(rows, cols));
                    }
                    reserved = reserved.max(rows * cols);
                }
            }
            0x0809 => {
                check(&bounds, reserved)?;
                bounds = None;
                reserved = 0;
            }
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 => {
                if let (Some(row), Some(col)) = (u16_at(0), u16_at(2)) {
                    grow(&mut bounds, row, col, col);
                }
            }
            0x00BD if data.len() >= 6 => {
                if let (Some(row), Some(c0), Some(c1)) = (u16_at(0), u16_at(2), u16_at(data.len() - 2)) {
                    grow(&mut bounds, row, c0.min(c1), c0.max(c1));
                }
            }
            _ => {}
        }
    }
    check(&bounds, reserved)
}

/// Walks the records calamine reads from a BIFF workbook's globals (up to their EOF) and refuses
/// those it would index past their end: it reads them without length checks and panics (fuzzing
/// found a defined name, Lbl, whose formula length exceeds the record). Where calamine fails with
/// an error of its own the walk stops and lets it.
pub(super) fn biff_globals_sound(stream: &[u8]) -> Result<(), &'static str> {
    let mut rest = stream;
    let mut biff8 = true;
    let u16_at = |d: &[u8], i: usize| d.get(i..i + 2).map(|b| u16::from_le_bytes([b[0], b[1]]) as usize);
    while rest.len() >= 4 {
        let (Some(typ), Some(len)) = (u16_at(rest, 0), u16_at(rest, 2)) else { break };
        if rest.len() < len + 4 {
            break;
        }
        let data = &rest[4..4 + len];
        rest = &rest[4 + len..];
        // CONTINUE records join the one before; calamine reads the first part unchecked.
        while rest.len() > 4 && u16_at(rest, 0) == Some(0x003C) {
            let n = u16_at(rest, 2).unwrap_or(0);
            if rest.len() < n + 4 {
                return Ok(());
            }
            rest = &rest[4 + n..];
        }
        let short = |min: usize| if data.len() < min { Err("a record is shorter than its fields") } else { Ok(()) };
        match typ {
            // BOF: the BIFF version decides how names are read.
            0x0809 => {
                short(2)?;
                let version = u16_at(data, 0).unwrap_or(0);
                let dt = if data.len() >= 4 { u16_at(data, 2).unwrap_or(0) } else { 0 };
                biff8 = match version {
                    0x0200 | 0x0002 | 0x0007 | 0x0300 | 0x0400 | 0x0500 => false,
                    0 => dt != 0x1000,
                    _ => true,
                };
            }
            // FilePass, CodePage, DateMode, ExternSheet: a u16 first.
            0x002F | 0x0042 | 0x0022 | 0x0017 => short(2)?,
            // BoundSheet8: the sheet's offset in the stream, which calamine slices at.
            0x0085 => {
                short(6)?;
                let pos = u32::from_le_bytes([data[0], data[1], data[2], data[3]]) as usize;
                if pos > stream.len() {
                    return Err("a sheet starts past the end of the workbook stream");
                }
            }
            // Lbl (a defined name): fixed fields, then the formula's last `cce` bytes.
            0x0018 => {
                short(14)?;
                let cce = u16_at(data, 4).unwrap_or(0);
                if cce > data.len() {
                    return Err("a defined name's formula is longer than its record");
                }
                let rgce = &data[data.len() - cce..];
                let needs = match rgce.first() {
                    None => 0,
                    Some(0x3a | 0x5a | 0x7a) => {
                        if biff8 {
                            7
                        } else {
                            18
                        }
                    }
                    Some(0x3b | 0x5b | 0x7b) => {
                        if biff8 {
                            11
                        } else {
                            21
                        }
                    }
                    Some(0x3c | 0x5c | 0x7c | 0x3d | 0x5d | 0x7d) => {
                        if biff8 {
                            3
                        } else {
                            13
                        }
                    }
                    Some(_) => 0,
                };
                if rgce.len() < needs {
                    return Err("a defined name's formula is cut short");
                }
            }
            0x000A => break,
            _ => {}
        }
    }
    Ok(())
}

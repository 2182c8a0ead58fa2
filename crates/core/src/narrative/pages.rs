//! The text of a PDF keeps its pages: each page's first line of print starts with
//! [`PAGE_BREAK`] (as `pdftotext` writes it) and a page without text is a line of its own, so
//! that a finding in the text can name its page and the line on that page. Where the texts of
//! several files are joined, [`FILE_BREAK`] starts each next file and its pages count from 1.
//! [`PagedText`] takes the marks out before any rule reads the text: line numbers are those of the
//! text as given, columns those of the text without marks.

/// Starts a page in a document's text.
pub const PAGE_BREAK: char = '\u{c}';
/// Starts the next file's text where the texts of several files are joined.
pub const FILE_BREAK: char = '\u{1c}';

/// Annotates a page whose text is partly drawn where no viewer shows it:
/// `HIDDEN_START count HIDDEN_WORDS first hidden words HIDDEN_END`, a line of its own.
pub const HIDDEN_START: char = '\u{fff9}';
const HIDDEN_WORDS: char = '\u{fffa}';
const HIDDEN_END: char = '\u{fffb}';

/// A text without its page marks, and the page of each of its lines.
#[derive(Clone, Debug, Default)]
pub struct PagedText {
    text: String,
    /// Per line (0-based): its page and the 1-based line on that page; `None` outside pages.
    lines: Vec<Option<(u32, usize)>>,
    /// Pages with hidden text: (0-based line of the note, characters hidden, the first of them).
    pub hidden: Vec<(usize, usize, String)>,
}

/// One page of a paged text: its number and its lines (0-based, end exclusive).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageLines {
    pub number: u32,
    pub first: usize,
    pub end: usize,
}

/// A place in a PDF's text, as every message, evidence and export words it: `第 8 页第 4 行` /
/// `page 8, line 4` (the page's copy, `gouji_protocol::i18n::page_line`, is held to it by a test).
pub fn page_line(page: u32, line: usize, zh: bool) -> String {
    if zh {
        format!("第 {page} 页第 {line} 行")
    } else {
        format!("page {page}, line {line}")
    }
}

impl PagedText {
    pub fn new(raw: &str) -> PagedText {
        if !raw.contains([PAGE_BREAK, FILE_BREAK]) {
            return PagedText { text: raw.to_string(), lines: Vec::new(), hidden: Vec::new() };
        }
        let mut lines = Vec::new();
        let mut hidden = Vec::new();
        let mut text = String::with_capacity(raw.len());
        let (mut page, mut first) = (0u32, 0usize);
        for (i, line) in raw.lines().enumerate() {
            if let Some(note) = line.strip_prefix(HIDDEN_START).and_then(|n| n.strip_suffix(HIDDEN_END)) {
                let (count, words) = note.split_once(HIDDEN_WORDS).unwrap_or((note, ""));
                hidden.push((i, count.parse().unwrap_or(0), words.to_string()));
            } else {
                text.extend(line.chars().filter(|c| *c != PAGE_BREAK && *c != FILE_BREAK));
            }
            text.push('\n');
            if line.contains(FILE_BREAK) {
                page = 0;
            }
            let breaks = line.chars().filter(|c| *c == PAGE_BREAK).count() as u32;
            if breaks > 0 {
                page += breaks;
                first = i;
            }
            lines.push((page > 0).then_some((page, i - first + 1)));
        }
        PagedText { text, lines, hidden }
    }

    /// The text without its marks.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The page of a 1-based line, and the line on that page.
    pub fn page_of(&self, line: usize) -> Option<(u32, usize)> {
        line.checked_sub(1).and_then(|i| self.lines.get(i).copied().flatten())
    }

    /// Whether the text came with pages.
    pub fn has_pages(&self) -> bool {
        self.lines.iter().any(Option::is_some)
    }

    /// The pages of the (first) file, in order, with their lines.
    pub fn pages(&self) -> Vec<PageLines> {
        let mut out: Vec<PageLines> = Vec::new();
        for (i, p) in self.lines.iter().enumerate() {
            let Some((number, _)) = p else { continue };
            match out.last_mut() {
                Some(last) if last.number == *number => last.end = i + 1,
                Some(last) if last.number > *number => break,
                _ => out.push(PageLines { number: *number, first: i, end: i + 1 }),
            }
        }
        out
    }

    /// Fills in the page of each finding's place in the text, and words its message by the page
    /// (`说明第48行第21列…` → `第 8 页第 4 行第21列…`): a person holds the PDF, not its text.
    pub fn locate(&self, findings: &mut [crate::Finding]) {
        for f in findings {
            let Some(t) = f.text.as_mut().filter(|t| t.page.is_none()) else { continue };
            let Some((page, on_page)) = self.page_of(t.line) else { continue };
            t.page = Some(page);
            t.page_line = Some(on_page);
            Self::place(t.line, (page, on_page), &mut f.message, &mut f.message_en);
        }
    }

    /// The claims' messages, worded with their page and line as their findings are
    /// (`第 21 页第 9 行称…`, not `说明第372行称…`).
    pub fn locate_claims(&self, verdicts: &mut [super::ClaimVerdict]) {
        for v in verdicts {
            if let Some(at) = self.page_of(v.claim.line) {
                Self::place(v.claim.line, at, &mut v.message, &mut v.message_en);
            }
        }
    }

    /// A message that opens with the text's line (`说明第N行`, `Line N of the text`) opens with
    /// the page and the line on it instead.
    fn place(line: usize, (page, on_page): (u32, usize), message: &mut String, message_en: &mut String) {
        if let Some(rest) = message.strip_prefix(&format!("说明第{line}行")) {
            *message = format!("{}{rest}", page_line(page, on_page, true));
        }
        for old in [format!("Line {line} of the text"), format!("Line {line}, column"), format!("Line {line},")] {
            if let Some(rest) = message_en.strip_prefix(&old) {
                let head = old.replacen(&format!("Line {line}"), &format!("Page {page}, line {on_page}"), 1);
                *message_en = format!("{head}{rest}");
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_give_pages_and_are_taken_out() {
        let raw =
            "\u{c}封面\n\u{c}目 录\n一、主要职能\n\u{c}\n\u{c}主要职能\n正文\n\u{fff9}131\u{fffa}（八）负责\u{fffb}\n\u{1c}\u{c}另一文件";
        let p = PagedText::new(raw);
        assert_eq!(p.text(), "封面\n目 录\n一、主要职能\n\n主要职能\n正文\n\n另一文件\n");
        assert_eq!(p.hidden, vec![(6, 131, "（八）负责".to_string())], "the hidden-text note is taken out");
        assert_eq!(p.page_of(1), Some((1, 1)));
        assert_eq!(p.page_of(3), Some((2, 2)));
        assert_eq!(p.page_of(4), Some((3, 1)), "an empty page is a line of its own");
        assert_eq!(p.page_of(6), Some((4, 2)));
        assert_eq!(p.page_of(8), Some((1, 1)), "the next file counts its pages from 1");
        let pages = p.pages();
        assert_eq!(pages.len(), 4);
        assert_eq!(pages[2], PageLines { number: 3, first: 3, end: 4 });
    }

    #[test]
    fn a_text_without_marks_has_no_pages() {
        let p = PagedText::new("一\n二");
        assert_eq!(p.text(), "一\n二");
        assert_eq!(p.page_of(1), None);
        assert!(!p.has_pages() && p.pages().is_empty());
    }
}

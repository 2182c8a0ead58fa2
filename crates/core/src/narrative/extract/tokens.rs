//! The text's mechanics: lines (and what a line breaks off onto the next), amounts with their
//! money units, the folding of a stretch of a line for matching, sentences and list numbering.
//! No words of the domain here: those are in [`super::vocabulary`].

use rust_decimal::Decimal;

use crate::model::MoneyUnit;
use crate::narrative::TextAmount;

/// What the next line carries over of a sentence `line` leaves unfinished: the unit of an amount
/// `line` ends with, or an amount with its unit when `line` ends in a word.
pub(in crate::narrative) fn carried(line: &str, next: &str) -> Option<String> {
    const UNITS: [&str; 4] = ["万元", "亿元", "千元", "元"];
    let trimmed = line.trim_end();
    let last = trimmed.chars().last()?;
    let t = next.trim_start();
    if last.is_ascii_digit() {
        return UNITS.into_iter().find(|u| t.starts_with(u)).map(str::to_string);
    }
    // `服务预算30.40万` ⏎ `元。`
    let before_last = trimmed.chars().rev().nth(1);
    if matches!(last, '万' | '亿' | '千') && before_last.is_some_and(|c| c.is_ascii_digit()) && t.starts_with('元') {
        return Some("元".to_string());
    }
    if !('\u{4e00}'..='\u{9fff}').contains(&last) {
        return None;
    }
    // A 其中 list whose sentence goes on in the next line (`…工程预算0万元、政府采购` ⏎
    // `服务预算100.00万元。`): the rest of that sentence.
    let open_list = trimmed.rsplit('。').next().is_some_and(|s| s.contains("其中"));
    if open_list && numbering_style(&t.chars().collect::<Vec<_>>()).is_none() {
        if let Some(end) = t.find('。') {
            return Some(t[..end + '。'.len_utf8()].to_string());
        }
    }
    let digits = t.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',')).unwrap_or(t.len());
    if digits == 0 {
        return None;
    }
    let unit = UNITS.into_iter().find(|u| t[digits..].starts_with(u))?;
    Some(t[..digits + unit.len()].to_string())
}

/// One line of the text (a paragraph, in text copied out of a PDF).
pub(in crate::narrative) struct Line {
    pub(in crate::narrative) chars: Vec<char>,
    pub(in crate::narrative) no: usize,
    pub(in crate::narrative) tokens: Vec<Token>,
    /// Its start was read with the line before (an amount or a sentence carried over).
    pub(in crate::narrative) continued: bool,
}

impl Line {
    pub(in crate::narrative) fn new(s: &str, no: usize) -> Line {
        let chars: Vec<char> = s.chars().collect();
        let tokens = tokens(&chars, no);
        Line { chars, no, tokens, continued: false }
    }
    pub(in crate::narrative) fn slice(&self, from: usize, to: usize) -> String {
        self.chars[from.min(to)..to].iter().collect()
    }
}

/// An amount with a money unit, and where it stands in its line (character indices).
#[derive(Clone, Debug)]
pub(in crate::narrative) struct Token {
    pub(in crate::narrative) amount: TextAmount,
    pub(in crate::narrative) start: usize,
    pub(in crate::narrative) end: usize,
}

pub(in crate::narrative) fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

pub(in crate::narrative) fn ascii_digit(c: char) -> char {
    if c.is_ascii_digit() {
        c
    } else {
        char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or('0')
    }
}

/// Every `number unit` in a line: `477,326万元`, `995.20万元`, `15000元`, `３６万元`. Numbers
/// without a money unit (years, counts, `40余万元`, `2万亿元`) are not amounts.
pub(in crate::narrative) fn tokens(line: &[char], no: usize) -> Vec<Token> {
    let n = line.len();
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        if !is_digit(line[i]) {
            i += 1;
            continue;
        }
        let glued = i > 0 && {
            let p = line[i - 1];
            is_digit(p) || p.is_ascii_alphabetic() || matches!(p, '.' | '．' | ',' | '_' | '/' | '-')
        };
        let start = i;
        let mut number = String::new();
        let mut decimals = 0u32;
        let mut dot = false;
        let mut j = i;
        loop {
            if j < n && is_digit(line[j]) {
                number.push(ascii_digit(line[j]));
                if dot {
                    decimals += 1;
                }
                j += 1;
            } else if j < n
                && line[j] == ','
                && !dot
                && (1..=3).all(|k| j + k < n && is_digit(line[j + k]))
                && (j + 4 >= n || !is_digit(line[j + 4]))
            {
                j += 1;
            } else if j + 1 < n && matches!(line[j], '.' | '．') && !dot && is_digit(line[j + 1]) {
                dot = true;
                number.push('.');
                j += 1;
            } else {
                break;
            }
        }
        if glued {
            i = j;
            continue;
        }
        let k = if j < n && line[j] == ' ' { j + 1 } else { j };
        let rest = |s: &str| s.chars().enumerate().all(|(o, c)| line.get(k + o) == Some(&c));
        let unit = if rest("万元") {
            Some((MoneyUnit::TenThousandYuan, 2))
        } else if rest("亿元") {
            Some((MoneyUnit::HundredMillionYuan, 2))
        } else if rest("千元") {
            Some((MoneyUnit::ThousandYuan, 2))
        } else if rest("元") {
            Some((MoneyUnit::Yuan, 1))
        } else {
            None
        };
        // More than 16 digits is no budget amount (and would overflow once in 元).
        let digits = number.chars().filter(char::is_ascii_digit).count();
        match (unit, Decimal::from_str_exact(&number)) {
            (Some((unit, len)), Ok(value)) if digits <= 16 => {
                let end = k + len;
                let written: String = line[start..end].iter().collect();
                out.push(Token { amount: TextAmount { value, unit, decimals, written, line: no, column: start + 1 }, start, end });
                i = end;
            }
            _ => i = j.max(i + 1),
        }
    }
    out
}

/// A stretch of a line folded for matching (no white space or quotes, half-width brackets and
/// colons), with the index in the line of each folded character.
pub(in crate::narrative) struct Folded {
    pub(in crate::narrative) chars: Vec<char>,
    pub(in crate::narrative) at: Vec<usize>,
}

pub(in crate::narrative) fn fold(line: &[char], from: usize, to: usize) -> Folded {
    let mut f = Folded { chars: Vec::with_capacity(to.saturating_sub(from)), at: Vec::with_capacity(to.saturating_sub(from)) };
    for (i, &c) in line.iter().enumerate().take(to).skip(from) {
        if c.is_whitespace() || matches!(c, '"' | '“' | '”' | '\'' | '‘' | '’' | '「' | '」' | '『' | '』') {
            continue;
        }
        f.chars.push(match c {
            '（' => '(',
            '）' => ')',
            '：' => ':',
            '，' => ',',
            '；' => ';',
            _ => c,
        });
        f.at.push(i);
    }
    f
}

pub(in crate::narrative) fn find_all(hay: &[char], needle: &[char]) -> Vec<usize> {
    if needle.is_empty() || needle.len() > hay.len() {
        return Vec::new();
    }
    (0..=hay.len() - needle.len()).filter(|&i| hay[i..i + needle.len()] == *needle).collect()
}

pub(in crate::narrative) fn rfind(hay: &[char], needle: &str) -> Option<usize> {
    let n: Vec<char> = needle.chars().collect();
    find_all(hay, &n).pop()
}

pub(in crate::narrative) fn contains(hay: &[char], needle: &str) -> bool {
    rfind(hay, needle).is_some()
}

pub(in crate::narrative) fn is_clause_break(c: char) -> bool {
    matches!(c, ',' | ';' | '。' | '！' | '？' | '!' | '?' | '、')
}

/// The gap between a label and its amount: short, without digits or a clause break.
pub(in crate::narrative) fn is_gap(chars: &[char], max: usize) -> bool {
    chars.len() <= max && !chars.iter().any(|c| c.is_ascii_digit() || is_clause_break(*c))
}

/// (start, end) of the sentence around `pos`: from after the previous 。！？ to its own.
pub(in crate::narrative) fn sentence_bounds(line: &[char], pos: usize) -> (usize, usize) {
    let end_mark = |c: &char| matches!(c, '。' | '！' | '？' | '!' | '?');
    let start = line[..pos.min(line.len())].iter().rposition(end_mark).map_or(0, |i| i + 1);
    let end = line[pos.min(line.len())..].iter().position(end_mark).map_or(line.len(), |i| pos + i + 1);
    (start, end)
}

pub(in crate::narrative) fn sentence_at(line: &Line, pos: usize) -> String {
    let (s, e) = sentence_bounds(&line.chars, pos);
    line.slice(s, e).trim().to_string()
}

/// List numbering at the start of a paragraph: `（一）`, `(1)`, `一、`, `1、`, `1.`.
pub(in crate::narrative) fn numbering_style(chars: &[char]) -> Option<u8> {
    let s: String = chars.iter().collect();
    let t = s.trim_start();
    let numerals = "一二三四五六七八九十";
    let mut it = t.chars();
    let first = it.next()?;
    if matches!(first, '（' | '(') {
        let inner: String = it.take_while(|c| !matches!(c, '）' | ')')).collect();
        if inner.is_empty() || inner.chars().count() > 3 {
            return None;
        }
        return if inner.chars().all(|c| numerals.contains(c)) {
            Some(1)
        } else if inner.chars().all(|c| c.is_ascii_digit()) {
            Some(2)
        } else {
            None
        };
    }
    let lead: String = t.chars().take_while(|c| numerals.contains(*c)).collect();
    if !lead.is_empty() {
        return t[lead.len()..].starts_with('、').then_some(3);
    }
    let digits: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
    if !digits.is_empty() && digits.len() <= 2 {
        let rest = &t[digits.len()..];
        if rest.starts_with('、') {
            return Some(4);
        }
        if rest.starts_with(['.', '．']) && !rest.chars().nth(1).is_some_and(|c| c.is_ascii_digit()) {
            return Some(5);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    #[test]
    fn amounts_with_units_only() {
        let chars: Vec<char> =
            "2021年预算477,326万元，比2020年减少0.8万元；培训费15000元，4万册，40余万元，2万亿元，995.20 万元".chars().collect();
        let t = tokens(&chars, 1);
        let got: Vec<(Decimal, MoneyUnit, u32)> = t.iter().map(|t| (t.amount.value, t.amount.unit, t.amount.decimals)).collect();
        assert_eq!(
            got,
            vec![
                (d("477326"), MoneyUnit::TenThousandYuan, 0),
                (d("0.8"), MoneyUnit::TenThousandYuan, 1),
                (d("15000"), MoneyUnit::Yuan, 0),
                (d("995.20"), MoneyUnit::TenThousandYuan, 2),
            ]
        );
        assert_eq!(t[0].amount.written, "477,326万元");
        assert_eq!(t[0].amount.column, 8, "after 2021年预算");
    }

    #[test]
    fn numbering() {
        let n = |s: &str| numbering_style(&s.chars().collect::<Vec<_>>());
        assert_eq!(n("（一）因公出国"), Some(1));
        assert_eq!(n("二、机关运行"), Some(3));
        assert_eq!(n("1、年报撰写"), Some(4));
        assert_eq!(n("2021. 1. 1"), None);
        assert_eq!(n("因公出国"), None);
    }
}

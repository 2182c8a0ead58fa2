//! The wording of the text itself (docs/relations.md §W30–§W31, §W34–§W36): punctuation typed
//! twice, sentences cut off before what they announce, quotation marks left open or closed twice,
//! a template's alternatives left in (增加（减少）), a sentence without its full stop. All are what
//! a reviewer's 检查表 asks under 文字表述, and all show where a sentence was edited and not finished.

use crate::finding::{Finding, TextSpan};
use crate::rules::narrative::{CUT_OFF_SENTENCE, DOUBLED_PUNCTUATION, MISSING_STOP, TEMPLATE_LEFT, UNMATCHED_QUOTE};

/// The wording findings of a text, in order of place: each with its line, column and sentence.
pub fn wording_findings(text: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        // Only a line with two stops in a row or a stop after 是 / ： can hold a finding.
        if !line.contains('。') && !line.contains(['，', '；', '：', '、', '？']) {
            continue;
        }
        let chars: Vec<char> = line.chars().collect();
        let mut k = 0;
        while k < chars.len() {
            let found =
                doubled(&chars, k).map(|d| (&DOUBLED_PUNCTUATION, d)).or_else(|| cut_off(&chars, k).map(|c| (&CUT_OFF_SENTENCE, c)));
            if let Some((rule, (len, zh, en))) = found {
                let sentence = around(&chars, k);
                out.push(Finding {
                    text: Some(TextSpan { line: i + 1, column: k + 1, sentence, ..Default::default() }),
                    ..rule.finding(
                        format!("说明第{}行第{}列{zh}", i + 1, k + 1),
                        format!("Line {}, column {} of the text: {en}", i + 1, k + 1),
                    )
                });
                k += len.max(1);
            } else {
                k += 1;
            }
        }
    }
    out
}

/// The findings on quotation marks, template words and full stops, in order of place.
pub fn punctuation_findings(text: &str) -> Vec<Finding> {
    let lines: Vec<Vec<char>> = text.lines().map(|l| l.chars().collect()).collect();
    let mut out = Vec::new();
    quotes(&lines, &mut out);
    for (i, chars) in lines.iter().enumerate() {
        template(chars, i, &mut out);
    }
    missing_stops(&lines, &mut out);
    out.sort_by_key(|f| f.text.as_ref().map(|t| (t.line, t.column)));
    out
}

fn at(rule: &'static crate::rules::Rule, chars: &[char], line: usize, k: usize, zh: String, en: String) -> Finding {
    Finding {
        text: Some(TextSpan { line: line + 1, column: k + 1, sentence: around(chars, k), ..Default::default() }),
        ..rule.finding(format!("说明第{}行第{}列{zh}", line + 1, k + 1), format!("Line {}, column {} of the text: {en}", line + 1, k + 1))
    }
}

/// A closing quotation mark without its opening one (`开展“人民调解协议书检查”、优秀调解案例”活动`),
/// or one opened and never closed. Quotes are matched within a paragraph: lines run on until one
/// ends with a stop (a phrase in quotes may wrap, as `“三` ⏎ `公”经费`).
fn quotes(lines: &[Vec<char>], out: &mut Vec<Finding>) {
    for (open, close) in [('“', '”'), ('‘', '’')] {
        let mut stack: Vec<(usize, usize)> = Vec::new();
        for (i, chars) in lines.iter().enumerate() {
            for (k, c) in chars.iter().enumerate() {
                if *c == open {
                    stack.push((i, k));
                } else if *c == close && stack.pop().is_none() {
                    out.push(at(
                        &UNMATCHED_QUOTE,
                        chars,
                        i,
                        k,
                        format!("“{close}”前没有与之配对的“{open}”（引号不成对）。"),
                        format!("the closing quotation mark {close} has no opening {open}."),
                    ));
                }
            }
            let ends = chars.iter().rev().find(|c| !c.is_whitespace() && !matches!(c, '”' | '’' | '）' | ')'));
            // A list item may end in ； inside a quoted phrase, and a copied text may break a
            // paragraph with an empty line: only a full stop ends the paragraph.
            if ends.is_some_and(|c| matches!(c, '。' | '！' | '？')) {
                for (li, k) in stack.drain(..) {
                    out.push(at(
                        &UNMATCHED_QUOTE,
                        &lines[li],
                        li,
                        k,
                        format!("“{open}”之后没有与之配对的“{close}”（引号不成对）。"),
                        format!("the opening quotation mark {open} is never closed."),
                    ));
                }
            }
        }
    }
}

/// The alternatives a template offers, left in: `增加（减少）的主要原因是…`.
fn template(chars: &[char], line: usize, out: &mut Vec<Finding>) {
    const PAIRS: [&str; 3] = ["增加（减少）", "增长（下降）", "增加(减少)"];
    let s: String = chars.iter().collect();
    for pair in PAIRS {
        let Some(byte) = s.find(pair) else { continue };
        let k = s[..byte].chars().count();
        let after: String = chars[k + pair.chars().count()..].iter().take(5).collect();
        // A column heading (增加（减少） 0万元, a table's 增减 column) is not a sentence.
        if !(after.starts_with("的主要原因") || after.starts_with("主要原因") || after.starts_with("的原因")) {
            continue;
        }
        out.push(at(
            &TEMPLATE_LEFT,
            chars,
            line,
            k,
            format!("“{pair}”：模板中的两种说法未择一，应写明是增加还是减少。"),
            format!("\"{pair}\": the template's two alternatives are left in; the text should say which."),
        ));
    }
}

/// `财政拨款收入支出增加的主要原因是工作量增加` with no full stop, the paragraph over: a short last
/// line of a sentence (it has a comma, or gives a reason or a use) that ends in a word, not a stop.
fn missing_stops(lines: &[Vec<char>], out: &mut Vec<Finding>) {
    // The width a full line of the text runs to, near each line.
    let width = |i: usize| lines[i.saturating_sub(8)..(i + 9).min(lines.len())].iter().map(Vec::len).max().unwrap_or(0);
    for (i, chars) in lines.iter().enumerate() {
        let Some(last) = chars.iter().rposition(|c| !c.is_whitespace()) else { continue };
        let end = chars[last];
        if !(is_cjk(end) || end.is_ascii_alphanumeric()) || chars.len() < 8 {
            continue;
        }
        let s: String = chars.iter().collect();
        let sentence = s.contains("原因是") || s.contains("原因为") || s.contains("主要用于");
        // A full line of a paragraph runs on; a short one ends it.
        let short = (chars.len() as f32) < width(i) as f32 * 0.7;
        // The next line opens a paragraph (a blank line or a page's number: the sentence may go on
        // overleaf, so it is left alone).
        let next_starts =
            lines.get(i + 1).is_some_and(|n| !n.iter().all(|c| c.is_whitespace() || c.is_ascii_digit()) && starts_paragraph(n));
        if sentence && short && next_starts && !s.contains('。') {
            out.push(at(
                &MISSING_STOP,
                chars,
                i,
                last,
                format!(
                    "句子“{}”结尾缺少句号。",
                    chars[..=last].iter().rev().take(16).collect::<Vec<_>>().into_iter().rev().collect::<String>()
                ),
                "the sentence ends without a full stop.".to_string(),
            ));
        }
    }
}

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// Whether a line opens a paragraph of its own kind: a numbered item, a heading, a new sentence
/// that names its subject (财政拨款…, 2026年…).
fn starts_paragraph(line: &[char]) -> bool {
    let s: String = line.iter().collect::<String>().trim().to_string();
    // 一、 十二、 （一） (1) 1. 2、 3．: a numeral run, then its mark.
    let rest = s.trim_start_matches(|c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c));
    let mark = rest.len() < s.len() && rest.starts_with(['、', '.', '．']);
    // `1447.63万元` is an amount, not item 1447.
    let amount = rest.chars().nth(1).is_some_and(|c| c.is_ascii_digit());
    let numbered = (mark && !amount) || s.starts_with(['（', '(']);
    // `…主要内容如下：` opens a list; `…经费中。其中：` finishes the sentence before it.
    numbered || (s.ends_with(['：', ':']) && !s.contains('。'))
}

const STOPS: [char; 6] = ['。', '，', '；', '：', '、', '？'];

/// `。。`, `，。`, `；；` … at `k`: (length, zh, en).
fn doubled(chars: &[char], k: usize) -> Option<(usize, String, String)> {
    let (a, b) = (*chars.get(k)?, *chars.get(k + 1)?);
    if !STOPS.contains(&a) || !STOPS.contains(&b) {
        return None;
    }
    // `：“` and the like are not here; `……` (an ellipsis) is not one of the stops.
    let both: String = [a, b].iter().collect();
    Some((2, format!("“{both}”：标点重复。"), format!("\"{both}\": punctuation typed twice.")))
}

/// `主要原因是。`, `主要用于：。`: a sentence that stops right after announcing its content.
fn cut_off(chars: &[char], k: usize) -> Option<(usize, String, String)> {
    if chars[k] != '。' {
        return None;
    }
    let before: String = chars[k.saturating_sub(6)..k].iter().filter(|c| !c.is_whitespace()).collect();
    let announced =
        ["原因是", "原因为", "原因是：", "原因：", "用于：", "用于", "包括：", "如下："].iter().find(|w| before.ends_with(*w))?;
    let announced = announced.trim_end_matches('：');
    Some((
        1,
        format!("“{announced}”之后句子即结束，缺少所说明的内容。"),
        format!("the sentence ends right after \"{announced}\": what it announces is missing."),
    ))
}

/// The sentence around `k` (up to 60 characters each way, within the line).
pub(super) fn around(chars: &[char], k: usize) -> String {
    let start = chars[..k].iter().rposition(|c| *c == '。').map_or(0, |i| i + 1).max(k.saturating_sub(60));
    let end = chars[k + 1..].iter().position(|c| *c == '。').map_or(chars.len(), |i| k + 2 + i).min(k + 60).min(chars.len());
    chars[start..end].iter().collect::<String>().trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(text: &str) -> Vec<(String, usize, usize)> {
        wording_findings(text)
            .into_iter()
            .map(|f| (f.rule.id().to_string(), f.text.as_ref().unwrap().line, f.text.as_ref().unwrap().column))
            .collect()
    }

    #[test]
    fn doubled_punctuation_and_cut_off_sentences_are_found_where_they_are() {
        // Real text (司法局 2026): both defects the district's reviewer recorded.
        let text = "主要用于：信息化建设及运行维护等方面的支出。。2025年\n（二）公务用车购置及运行费9.98万元，与2025年预算数持平，主要原因是。其中：";
        assert_eq!(rules(text), vec![("GJ710".to_string(), 1, 22), ("GJ711".to_string(), 2, 38)]);
    }

    #[test]
    fn good_text_is_left_alone() {
        let text = "主要原因是：业务量增加。其中：公务用车购置费0万元。“三公”经费……共计。\n主要用于：（一）办公费；（二）差旅费。";
        assert!(rules(text).is_empty(), "{:?}", rules(text));
    }
}

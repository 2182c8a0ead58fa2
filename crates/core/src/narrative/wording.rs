//! The wording of the text itself (docs/relations.md §W30–§W31): punctuation typed twice and
//! sentences cut off before what they announce. Both are what a reviewer's 检查表 asks under
//! 文字表述, and both show where a sentence was edited and not finished.

use crate::finding::{Finding, TextSpan};
use crate::rules::narrative::{CUT_OFF_SENTENCE, DOUBLED_PUNCTUATION};

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
                    text: Some(TextSpan { line: i + 1, column: k + 1, sentence }),
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
fn around(chars: &[char], k: usize) -> String {
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

//! Shares the text states beside its own amounts (docs/relations.md §N27, GJ717):
//! `一般公共预算财政拨款支出2940.05万元，主要用于以下方面：一般公共服务支出（类）2106.66万元，
//! 占71.73%；…` — each part's 占P% is recomputed against the total the sentence opens with
//! (2,106.66 / 2,940.05 = 71.65 %). Only a bare `占P%` right after a part's amount is checked: a
//! share of something named (`占本年支出合计的100.00%`, `占“三公”经费的26.86%`) is not, nor a part
//! without a total before its 其中 / 主要用于.

use rust_decimal::Decimal;

use super::extract::{contains, tokens, Token};
use crate::finding::{Finding, TextSpan};
use crate::rules::narrative::SHARE;

/// The words after a total that open its parts.
const OPENERS: [&str; 4] = ["其中", "主要用于", "具体包括", "包括"];

/// The total of a list of parts: its amount (in 元), its rounding (in 元), as written.
#[derive(Clone)]
struct Base {
    /// Where it stands in its line (0 for a total carried from the line before).
    at: usize,
    yuan: Decimal,
    half: Decimal,
    written: String,
}

/// The share stated right after a part's amount: `，占71.73%` / `，占比为 2.07 %`. (value, places,
/// start, end) in the line.
fn share_after(chars: &[char], at: usize) -> Option<(Decimal, u32, usize, usize)> {
    let mut i = at;
    let skip = |i: &mut usize, set: &[char]| {
        while *i < chars.len() && set.contains(&chars[*i]) {
            *i += 1;
        }
    };
    skip(&mut i, &[' ']);
    if !matches!(chars.get(i), Some('，' | ',')) {
        return None;
    }
    i += 1;
    skip(&mut i, &[' ']);
    let start = i;
    if chars.get(i) != Some(&'占') {
        return None;
    }
    i += 1;
    skip(&mut i, &['比', '为', ' ']);
    let n = i;
    while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
        i += 1;
    }
    let number: String = chars[n..i].iter().collect();
    skip(&mut i, &[' ']);
    if n == i || !matches!(chars.get(i), Some('%' | '％')) {
        return None;
    }
    let value = number.parse::<Decimal>().ok()?;
    let places = number.split_once('.').map_or(0, |(_, f)| f.len() as u32);
    Some((value, places, start, i + 1))
}

/// The share findings of a text: one for each bare 占P% its own total and part contradict.
pub fn share_findings(text: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    // A list of parts may go on in the next line when its line does not end its sentence.
    let mut carried: Option<Base> = None;
    for (li, line) in text.lines().enumerate() {
        let chars: Vec<char> = line.chars().collect();
        let toks = if line.contains('占') || OPENERS.iter().any(|o| line.contains(o)) { tokens(&chars, li + 1) } else { Vec::new() };
        let mut base = carried.take();
        for (k, t) in toks.iter().enumerate() {
            // A total: an amount whose sentence goes on to 其中 / 主要用于 before the next amount.
            let next = toks.get(k + 1).map_or(chars.len(), |n| n.start);
            let stop = (t.end..next).find(|&i| matches!(chars[i], '。' | '！' | '？')).unwrap_or(next);
            if OPENERS.iter().any(|o| contains(&chars[t.end..stop], o)) && share_after(&chars, t.end).is_none() {
                base = Some(Base { at: t.end, yuan: t.amount.in_yuan(), half: t.amount.half_place(), written: t.amount.written.clone() });
                continue;
            }
            let Some((value, places, start, end)) = share_after(&chars, t.end) else { continue };
            // The total's sentence must not have ended before the part.
            let Some(b) = base.as_ref().filter(|b| !chars[b.at.min(t.start)..t.start].iter().any(|c| matches!(c, '。' | '！' | '？')))
            else {
                continue;
            };
            if let Some(f) = judge(b, t, (value, places, start, end), &chars, li + 1) {
                out.push(f);
            }
        }
        // A sentence ended: its total no longer stands over what follows.
        let ends = chars.iter().rev().find(|c| !c.is_whitespace()).is_none_or(|c| matches!(c, '。' | '！' | '？' | '：' | ':'));
        if !ends {
            carried = base.map(|b| Base { at: 0, ..b });
        }
    }
    out
}

fn judge(
    b: &Base,
    part: &Token,
    (value, places, start, end): (Decimal, u32, usize, usize),
    chars: &[char],
    line: usize,
) -> Option<Finding> {
    let a = part.amount.in_yuan();
    if b.yuan <= Decimal::ZERO || a > b.yuan + b.half {
        return None;
    }
    let hundred = Decimal::from(100);
    let computed = a / b.yuan * hundred;
    // How far the two amounts' rounding may move the share; then the share's own rounding to
    // its places (half a unit) and one unit more: a list's shares are often evened out to total
    // 100 % (江苏省人民检察院 2018: 13,994.31 / 21,955.35 = 63.74 %, printed 63.75 % so that
    // 63.75 + 25.38 + 10.87 = 100).
    let low = (a - part.amount.half_place()).max(Decimal::ZERO) / (b.yuan + b.half) * hundred;
    let high = (a + part.amount.half_place()) / (b.yuan - b.half).max(Decimal::new(1, 2)) * hundred;
    let slack = Decimal::new(15, places + 1);
    if value >= low - slack && value <= high + slack {
        return None;
    }
    let shown = computed.round_dp(places.max(2));
    let written_part = &part.amount.written;
    let written: String = chars[start..end].iter().collect();
    let sentence_start = chars[..part.start].iter().rposition(|c| matches!(c, '。' | '；' | ';')).map_or(0, |i| i + 1);
    let sentence_end = chars[end..].iter().position(|c| matches!(c, '。' | '；' | ';')).map_or(chars.len(), |i| end + i + 1);
    let sentence: String = chars[sentence_start..sentence_end].iter().collect::<String>().trim().to_string();
    Some(Finding {
        expected: Some(shown),
        actual: Some(value),
        difference: Some((value - computed).round_dp(places.max(2))),
        text: Some(TextSpan { line, column: start + 1, sentence, ..Default::default() }),
        ..SHARE.finding(
            format!("说明第{line}行称{written_part}“{written}”，但按其总额 {} 计算为 {shown}%。", b.written),
            format!("Line {line} of the text says {written_part} is \"{written}\", but against its total {} it is {shown}%.", b.written),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shares(text: &str) -> Vec<(Decimal, Decimal, usize)> {
        share_findings(text).into_iter().map(|f| (f.expected.unwrap(), f.actual.unwrap(), f.text.unwrap().line)).collect()
    }

    #[test]
    fn a_share_its_total_and_part_contradict_is_found_at_its_line() {
        // Real text (普陀区财政局 2024 决算): 2,106.66 / 2,940.05 is 71.65 %, not 71.73 %; the
        // list goes on in the next line, whose shares are right.
        let t = "一般公共预算财政拨款支出2940.05万元，主要用于以下方面：一般公共服务支出（类）2106.66万元，占71.73%；社会保障和就业支出（类）326.72万元，占11.11%；\n卫生健康支出（类）60.99万元，占2.07%；住房保障支出（类）445.69万元，占15.16%。";
        assert_eq!(shares(t), vec![(Decimal::new(7165, 2), Decimal::new(7173, 2), 1)]);
        // The same list with a wrong share on its second line.
        let t = "一般公共预算财政拨款支出2940.05万元，主要用于以下方面：一般公共服务支出（类）2106.66万元，占71.65%；\n卫生健康支出（类）60.99万元，占3.07%。";
        assert_eq!(shares(t), vec![(Decimal::new(207, 2), Decimal::new(307, 2), 2)]);
    }

    #[test]
    fn shares_that_agree_or_name_what_they_are_of_are_left_alone() {
        // Real text (普陀区财政局 2024 决算): every share right, to the places printed.
        let t = "本年收入合计2946.25万元，其中：财政拨款收入2940.05万元，占99.79%；其他收入6.2万元，占0.21%；\n本年支出合计2940.05万元，其中：基本支出2336.91万元，占79.49%；项目支出603.14万元，占20.51%；";
        assert!(shares(t).is_empty(), "{:?}", shares(t));
        // Real text (江苏省人民检察院 2018): 63.74 % evened out to 63.75 % so the three total 100 %.
        let t = "省检察院本年支出预算合计 21,955.35 万元，其中：基本支出 13,994.31 万元，占 63.75 %；项目支出 5,573 万元，占 25.38 %；单位预留机动经费 2,388.04 万元，占 10.87 %。";
        assert!(shares(t).is_empty(), "{:?}", shares(t));
        // A share of something named, and a share with no total before it.
        assert!(shares("一般公共预算财政拨款支出2940.05万元，占本年支出合计的100.00%。").is_empty());
        assert!(shares("因公出国（境）费支出180万元，占“三公”经费的26.86%；公务接待费10万元，占5%。").is_empty());
        // A total whose sentence has ended does not stand over the next paragraph.
        assert!(shares("支出合计100万元，其中：基本支出60万元，占60%。\n项目支出30万元，占99%。").is_empty());
    }
}

//! Percentages of change the text states beside its own amounts (docs/relations.md §N27):
//! `2025年执行数为1690.69万元，2026年预算安排1434.89万元，比2025年…减少1.10%` is recomputed from
//! the two amounts (−15.13 %), `…增加1808.29万元，增长6.69%` from the amount and its change. A
//! percentage is wrong when it is off by more than one unit of its last printed place (it may be
//! rounded or cut) and the amounts' rounding allow.

use rust_decimal::Decimal;

use super::extract::{tokens, Token};
use crate::finding::{Finding, TextSpan};
use crate::rules::narrative::{CLASS_NAME, PERCENT_CHANGE, RESTATED_AMOUNT};

const UP: [&str; 3] = ["增加", "增长", "上升"];
const DOWN: [&str; 3] = ["减少", "下降", "降低"];

/// The percentage findings of a text: one for each stated change in per cent that its own
/// amounts contradict.
pub fn percent_findings(text: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        // Most lines state no percentage: they are not tokenised.
        if !line.contains(['%', '％']) {
            continue;
        }
        let chars: Vec<char> = line.chars().collect();
        let toks = tokens(&chars, i + 1);
        for p in percents(&chars) {
            if let Some(f) = judge(&chars, &toks, &p, i + 1) {
                out.push(f);
            }
        }
    }
    out
}

/// A percentage as written: its value (signed by the word before it), its places, where it is.
struct Percent {
    value: Decimal,
    places: u32,
    start: usize,
    end: usize,
    /// Where the word of change before it starts.
    word: usize,
}

/// `增加17.62%`, `减少1.10%`, `增长 6.69 %`: a word of change, then the number, then %.
fn percents(chars: &[char]) -> Vec<Percent> {
    let mut out = Vec::new();
    for (k, c) in chars.iter().enumerate() {
        if *c != '%' && *c != '％' {
            continue;
        }
        let mut s = k;
        while s > 0 && chars[s - 1] == ' ' {
            s -= 1;
        }
        let end_num = s;
        while s > 0 && (chars[s - 1].is_ascii_digit() || chars[s - 1] == '.') {
            s -= 1;
        }
        let number: String = chars[s..end_num].iter().collect();
        let Ok(value) = number.parse::<Decimal>() else { continue };
        let mut w = s;
        while w > 0 && chars[w - 1] == ' ' {
            w -= 1;
        }
        let before: String = chars[w.saturating_sub(2)..w].iter().collect();
        let sign = if UP.contains(&before.as_str()) {
            1
        } else if DOWN.contains(&before.as_str()) {
            -1
        } else {
            continue;
        };
        let places = number.split_once('.').map_or(0, |(_, f)| f.len() as u32);
        out.push(Percent { value: if sign < 0 { -value } else { value }, places, start: s, end: k + 1, word: w.saturating_sub(2) });
    }
    out
}

fn is_stop(c: char) -> bool {
    matches!(c, '。' | '；' | ';' | '！' | '？')
}

/// The percentage against the amounts of its sentence before it.
fn judge(chars: &[char], toks: &[Token], p: &Percent, line: usize) -> Option<Finding> {
    let sentence_start = chars[..p.word].iter().rposition(|c| is_stop(*c)).map_or(0, |i| i + 1);
    // The amounts of the sentence before the percentage.
    let before: Vec<&Token> = toks.iter().filter(|t| t.start >= sentence_start && t.end <= p.word).collect();
    let last = before.last()?;
    // Nothing but words between the last amount and the percentage.
    // (A year, `比2025年…`, is words.)
    let between: Vec<char> = chars[last.end..p.word].to_vec();
    let mut k = 0;
    while k < between.len() {
        if between[k].is_ascii_digit() {
            let run = between[k..].iter().take_while(|c| c.is_ascii_digit()).count();
            if between.get(k + run) != Some(&'年') {
                return None;
            }
            k += run;
        }
        k += 1;
    }
    let yuan = |t: &Token| t.amount.in_yuan();
    let half = |t: &Token| t.amount.half_place();
    let word_before = |t: &Token| -> i32 {
        let from = t.start.saturating_sub(6);
        let w: String = chars[from..t.start].iter().filter(|c| !c.is_whitespace()).collect();
        if UP.iter().any(|u| w.ends_with(u)) {
            1
        } else if DOWN.iter().any(|d| w.ends_with(d)) {
            -1
        } else {
            0
        }
    };
    let hundred = Decimal::from(100);
    // (the percentage recomputed, how far the amounts' rounding may move it)
    let (computed, slack) = match word_before(last) {
        // `…L万元，比上年增加Δ万元，增长P%`: the change and the amount it leads to.
        sign @ (1 | -1) => {
            let level = before.iter().rev().nth(1).filter(|t| word_before(t) == 0)?;
            let delta = yuan(last) * Decimal::from(sign);
            let base = yuan(level) - delta;
            if base <= Decimal::ZERO || level.amount.unit != last.amount.unit {
                return None;
            }
            (delta / base * hundred, (half(last) + half(level)) / base * hundred * Decimal::from(2))
        }
        // `…A万元，…B万元，比…减少P%`: the earlier amount is the base, the later the year's.
        _ => {
            let base_tok = before.iter().rev().nth(1).filter(|t| word_before(t) == 0)?;
            let (a, b) = (yuan(base_tok), yuan(last));
            if a <= Decimal::ZERO || base_tok.amount.unit != last.amount.unit {
                return None;
            }
            let change = (b - a) / a * hundred;
            (change, (half(base_tok) + half(last)) / a * hundred * Decimal::from(2))
        }
    };
    // Rounded or cut to its places (10.158 printed 10.15 is common and no error).
    let tolerance = Decimal::new(1, p.places) + slack;
    let diff = p.value - computed;
    if diff.abs() <= tolerance {
        return None;
    }
    let shown = computed.round_dp(p.places.max(2));
    let written: String = chars[p.word..p.end].iter().collect();
    let sentence: String = chars[sentence_start..chars[p.end..].iter().position(|c| is_stop(*c)).map_or(chars.len(), |i| p.end + i + 1)]
        .iter()
        .collect::<String>()
        .trim()
        .to_string();
    let sign = |d: Decimal| if d > Decimal::ZERO { format!("+{d}") } else { d.to_string() };
    Some(Finding {
        expected: Some(shown),
        actual: Some(p.value),
        difference: Some((p.value - computed).round_dp(p.places.max(2))),
        text: Some(TextSpan { line, column: p.start + 1, sentence, ..Default::default() }),
        ..PERCENT_CHANGE.finding(
            format!("说明第{line}行称“{written}”，但按其所列金额计算为 {}%。", sign(shown)),
            format!("Line {line} of the text says \"{written}\", but its own amounts give {}%.", sign(shown)),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verdicts(text: &str) -> Vec<(Decimal, Decimal)> {
        percent_findings(text).into_iter().map(|f| (f.expected.unwrap(), f.actual.unwrap())).collect()
    }

    #[test]
    fn a_percentage_its_amounts_contradict_is_found() {
        // Real text (司法局 2026 unit budget): 1434.89 against 1690.69 is −15.13 %, not −1.10 %.
        let t = "2025年预算执行数为1690.69万元，2026年预算安排1434.89万元，比2025年预算执行数减少1.10%。主要原因是：支出减少。";
        assert_eq!(verdicts(t), vec![(Decimal::new(-1513, 2), Decimal::new(-110, 2))]);
        // Real text (司法局 2026 department budget): 43269.3 was typed for 3269.3.
        let t = "2025年预算执行数为43269.3万元，2026年预算安排3845.49万元，比2025年预算执行数增加17.62%。";
        assert_eq!(verdicts(t).len(), 1);
    }

    #[test]
    fn percentages_that_agree_are_left_alone() {
        // Real text (司法局 2026 unit budget, and 江苏省高级人民法院 2017).
        assert!(verdicts("2025年预算执行数为3269.3万元，2026年预算安排3845.49万元，比2025年预算执行数增加17.62%。").is_empty());
        assert!(verdicts("收入、支出预算总计 28849.38万元，与上年相比收、支预算总计各增加1808.29万元，增长6.69%。").is_empty());
        assert!(verdicts("机关运行经费预算支出 9193.40 万元，比2016年增加5503.07万元，增长149.12%。").is_empty());
        // Cut rather than rounded (江苏省人民检察院 2019: 10.158 % printed 10.15 %).
        assert!(verdicts("一般公共预算收入预算 24,169.74万元，与上年相比增加2228.78 万元，增长10.15 %。").is_empty());
        // Off by more (the same document: 10.086 % printed 10.06 %).
        assert_eq!(verdicts("预算总计24,169.74 万元，与上年相比收、支预算总计各增加 2214.39万元，增长 10.06 %。").len(), 1);
        // A share (占…%) is not a change, and a percentage without its amounts is not checked.
        assert!(verdicts("因公出国（境）费支出180万元，占“三公”经费的26.86%；").is_empty());
        assert!(verdicts("与上年相比增长6.69%。").is_empty());
    }
}

/// An item's amount stated twice in its paragraph, differently: `行政单位离退休（01项）56.12万元。…
/// 2026年预算安排57.8万元` (docs/relations.md §N32).
pub fn restated_findings(text: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if !line.contains("项）") && !line.contains("项)") {
            continue;
        }
        let chars: Vec<char> = line.chars().collect();
        let toks = tokens(&chars, i + 1);
        for (k, t) in toks.iter().enumerate() {
            // The item's amount: right after its `（01项）`.
            let before: String = chars[t.start.saturating_sub(2)..t.start].iter().collect();
            if before != "项）" && before != "项)" {
                continue;
            }
            // Its amount for the year, later in the same item: `…年预算安排C万元` (before the next item).
            let next_item = toks[k + 1..].iter().find(|u| {
                let b: String = chars[u.start.saturating_sub(2)..u.start].iter().collect();
                b == "项）" || b == "项)"
            });
            let stop = next_item.map_or(chars.len(), |u| u.start);
            let Some(again) = toks[k + 1..].iter().take_while(|u| u.end <= stop).find(|u| {
                let w: String = chars[u.start.saturating_sub(4)..u.start].iter().collect();
                w.ends_with("预算安排")
                    || w.ends_with("安排为") && chars[u.start.saturating_sub(6)..u.start].iter().collect::<String>().contains("预算")
            }) else {
                continue;
            };
            if (t.amount.in_yuan() - again.amount.in_yuan()).abs() <= t.amount.half_place() + again.amount.half_place() {
                continue;
            }
            let label_start = chars[..t.start].iter().rposition(|c| matches!(c, '、' | '。' | '；')).map_or(0, |p| p + 1);
            let label: String = chars[label_start..t.start].iter().collect::<String>().trim().to_string();
            let sentence: String = chars[label_start..again.end.min(chars.len())].iter().collect::<String>().trim().to_string();
            let unit = t.amount.unit;
            let diff = (again.amount.in_yuan() - t.amount.in_yuan()) / unit.yuan();
            out.push(Finding {
                expected: Some(again.amount.value),
                actual: Some(t.amount.value),
                difference: Some(-diff),
                text: Some(TextSpan { line: i + 1, column: t.start + 1, sentence, ..Default::default() }),
                ..RESTATED_AMOUNT
                    .finding(
                        format!("说明第{}行“{label}”先写为 {}，同段又写“预算安排{}”。", i + 1, t.amount.written, again.amount.written),
                        format!(
                            "Line {} of the text gives \"{label}\" as {}, and the same paragraph as {} for the year.",
                            i + 1,
                            t.amount.written,
                            again.amount.written
                        ),
                    )
                    .with_unit(Some(unit))
            });
        }
    }
    out
}

#[cfg(test)]
mod restated_tests {
    use super::*;

    #[test]
    fn an_item_given_two_amounts_is_found_and_one_amount_twice_is_not() {
        // Real text (司法局 2026 unit budget, p. 6).
        let bad = "7、社会保障和就业支出（208类）行政事业单位养老支出（05款）行政单位离退休（01项）56.12万元。主要用于：退休人员支出。2025年当年预算执行数为57.43万元，2026年预算安排57.8万元，比2025年预算执行数减少2.27%。";
        let f = restated_findings(bad);
        assert_eq!(f.len(), 1);
        assert_eq!((f[0].actual, f[0].expected), (Some(Decimal::new(5612, 2)), Some(Decimal::new(578, 1))));
        let good = "1、公共安全支出（204类）司法（06款）行政运行（01项）1434.89万元。主要用于：行政单位的基本支出。2025年当年预算执行数为1690.69万元，2026年预算安排1434.89万元。2、公共安全支出（204类）司法（06款）基层司法业务（04项）2170.39万元。";
        assert!(restated_findings(good).is_empty());
    }
}

/// A 类 named in the text by another name than its table's: `医疗卫生与计划生育支出（210类）`
/// where the tables print 210 卫生健康支出 (docs/relations.md §N33).
pub fn class_name_findings(text: &str, budget: &crate::model::Budget) -> Vec<Finding> {
    use crate::model::TableKind as K;
    let name_of = |code: &str| {
        [K::Expenditure, K::GpbFunction, K::Revenue, K::AppropriationFunction]
            .iter()
            .filter_map(|k| budget.table(*k))
            .find_map(|t| t.row_by_code(code).map(|r| (r.name.clone(), r.amounts.iter().flatten().next().map(|a| a.cell.clone()))))
    };
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if !line.contains("类）") && !line.contains("类)") {
            continue;
        }
        let chars: Vec<char> = line.chars().collect();
        let mut k = 0;
        while let Some(open) = chars[k..].iter().position(|c| *c == '（' || *c == '(').map(|p| p + k) {
            k = open + 1;
            // `（210类）`
            let digits: String = chars[open + 1..].iter().take_while(|c| c.is_ascii_digit()).collect();
            let after = open + 1 + digits.len();
            if digits.len() != 3 || chars.get(after) != Some(&'类') || !matches!(chars.get(after + 1), Some('）' | ')')) {
                continue;
            }
            let start = chars[..open]
                .iter()
                .rposition(|c| matches!(c, '、' | '。' | '，' | '：' | ':' | '；' | '）' | ')' | ' '))
                .map_or(0, |p| p + 1);
            let written: String = chars[start..open].iter().collect();
            let Some((table_name, cell)) = name_of(&digits) else { continue };
            let norm = |s: &str| crate::recognise::vocab::normalize(s).trim_matches(|c| c == '“' || c == '”' || c == '"').to_string();
            if written.chars().count() < 2 || norm(&written) == norm(&table_name) {
                continue;
            }
            out.push(Finding {
                text: Some(TextSpan {
                    line: i + 1,
                    column: start + 1,
                    sentence: chars[start..(after + 2).min(chars.len())].iter().collect(),
                    ..Default::default()
                }),
                ..CLASS_NAME
                    .finding(
                        format!("说明第{}行称“{written}（{digits}类）”，表中 {digits} 类名为“{table_name}”。", i + 1),
                        format!("Line {} of the text names class {digits} \"{written}\"; the tables call it \"{table_name}\".", i + 1),
                    )
                    .at(cell.into_iter().collect())
            });
        }
    }
    out
}

//! Reading claims out of the text: amounts with their units, what each is said to be, changes
//! against an earlier year, lists that add up, project totals.
//!
//! In three parts: [`tokens`] (lines, amounts, folding, sentences), [`vocabulary`] (the words
//! each claim is recognised by, each label naming its [`Subject`]) and, here, the extractors that
//! tag each amount of a line and make the claims.

mod tokens;
mod vocabulary;

use rust_decimal::Decimal;

use super::{Against, Claim, ClaimKind, ClassBasis, Subject, TextAmount};
use crate::recognise::vocab;
use tokens::{carried, find_all, fold, is_clause_break, is_gap, numbering_style, rfind, sentence_at, sentence_bounds, Line};
pub(super) use tokens::{contains, tokens, Token};
use vocabulary::{
    change_before, comparison, heading_scope, intro_basis, nearest_label, says_change, ProjectLabel, FINAL_SUBJECTS, PROJECT_LABELS,
    SUBJECTS, TOTAL_WORDS,
};

/// Reads every claim of the text, in text order. The text may be the whole published document
/// (tables included: table cells carry no unit, so they yield no claim) or just the explanation.
pub fn extract_claims(text: &str) -> Vec<Claim> {
    let raw: Vec<&str> = text.lines().collect();
    // Text copied out of a PDF breaks an amount before its unit (`服务预算1446.32` ⏎ `万元。`) or
    // before the amount (`服务预算` ⏎ `752.59万元。`): what was carried over is read with the line it
    // belongs to (the line keeps its columns; the next keeps its own text).
    let lines: Vec<Line> = raw
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let mut line = match raw.get(i + 1).and_then(|n| carried(l, n)) {
                Some(rest) => Line::new(&format!("{}{rest}", l.trim_end()), i + 1),
                None => Line::new(l, i + 1),
            };
            line.continued = i > 0 && carried(raw[i - 1], l).is_some();
            line
        })
        .collect();
    let mut claims = Vec::new();
    let mut project = false;
    let mut basis = ClassBasis::Appropriation;
    for (li, line) in lines.iter().enumerate() {
        if let Some(p) = heading_scope(&line.chars) {
            project = p;
        }
        let tagged = tag(line, project, &mut basis);
        amounts_and_changes(line, &tagged, &mut claims);
        sums(&lines, li, &tagged, &mut claims);
        project_amounts(line, &tagged, &mut claims);
    }
    // An amount read with the line before it (carried over) is placed where it stands: in the
    // next line.
    for c in &mut claims {
        relocate(&raw, &mut c.line, &mut c.column);
        relocate(&raw, &mut c.amount.line, &mut c.amount.column);
        match &mut c.kind {
            ClaimKind::ItemisedSum { parts } => parts.iter_mut().for_each(|p| relocate(&raw, &mut p.line, &mut p.column)),
            ClaimKind::ProjectAmounts { total } => relocate(&raw, &mut total.line, &mut total.column),
            ClaimKind::YearOverYear { stated: Some(stated), .. } => relocate(&raw, &mut stated.line, &mut stated.column),
            _ => {}
        }
    }
    claims.sort_by_key(|c| (c.line, c.column));
    claims
}

/// A place (1-based line and column) past the end of its line's own text is in the text carried
/// from the next line (see [`carried`]): the same place in that line.
fn relocate(raw: &[&str], line: &mut usize, column: &mut usize) {
    let Some(own) = line.checked_sub(1).and_then(|i| raw.get(i)).map(|l| l.trim_end().chars().count()) else { return };
    let Some(next) = raw.get(*line) else { return };
    if *column > own {
        let lead = next.chars().take_while(|c| c.is_whitespace()).count();
        *column = *column - own + lead;
        *line += 1;
    }
}

/// What an amount is, from the words before it.
#[derive(Clone, Debug, Default)]
struct Tags {
    /// A change against an earlier year (excluded from sums): sign and year.
    change: Option<(i32, Against)>,
    /// Follows 合计/总计/共计.
    total_word: bool,
    /// An amount the tables hold, with the label as written.
    subject: Option<(Subject, String)>,
    project: Option<ProjectLabel>,
}

/// Reads the claims of a 决算's text: the totals of [`FINAL_SUBJECTS`], each stated right after
/// its label (`2024年度收入支出总计2995.39万元`); an amount after a word of change is a change, and
/// is not read. In text order.
pub fn extract_final_claims(text: &str) -> Vec<Claim> {
    let mut claims = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        if !FINAL_SUBJECTS.iter().any(|(w, _)| raw.contains(w)) {
            continue;
        }
        let line = Line::new(raw, i + 1);
        for (k, t) in line.tokens.iter().enumerate() {
            let from = if k == 0 { 0 } else { line.tokens[k - 1].end };
            let f = fold(&line.chars, from, t.start);
            if change_before(&f.chars).is_some() || says_change(&f.chars) {
                continue;
            }
            let Some((s, e, n)) = nearest_label(&f.chars, FINAL_SUBJECTS) else { continue };
            // Right after its label (`收入支出总计2995.39万元`, `人员经费为…`); a budget's figure
            // (`年初预算为…`) is no 决算 figure.
            if !is_gap(&f.chars[e..], 4) || contains(&f.chars[e..], "预算") {
                continue;
            }
            claims.push(Claim {
                kind: ClaimKind::Amount { subject: FINAL_SUBJECTS[n].1.clone() },
                subject: label_from(&line, f.at[s], t.start),
                amount: t.amount.clone(),
                sentence: sentence_at(&line, t.start),
                line: line.no,
                column: t.start + 1,
                page: None,
            });
        }
    }
    claims
}

fn tag(line: &Line, project: bool, basis: &mut ClassBasis) -> Vec<Tags> {
    // Sentences that introduce a list of 类, by where they end.
    let mut intros: Vec<(usize, ClassBasis)> = Vec::new();
    let mut s = 0;
    while s < line.chars.len() {
        let (_, e) = sentence_bounds(&line.chars, s);
        let f = fold(&line.chars, s, e);
        if let Some(b) = intro_basis(&f.chars) {
            intros.push((e, b));
        }
        s = e.max(s + 1);
    }
    let vehicle_line = contains(&fold(&line.chars, 0, line.chars.len()).chars, "公务用车");
    let mut out = Vec::with_capacity(line.tokens.len());
    for (k, t) in line.tokens.iter().enumerate() {
        for (pos, b) in &intros {
            if *pos <= t.start {
                *basis = *b;
            }
        }
        let from = if k == 0 { 0 } else { line.tokens[k - 1].end };
        let f = fold(&line.chars, from, t.start);
        let mut tags = Tags { change: change_before(&f.chars), ..Tags::default() };
        if tags.change.is_none() {
            tags.total_word =
                TOTAL_WORDS.iter().filter_map(|w| rfind(&f.chars, w).map(|i| i + 2)).max().is_some_and(|e| is_gap(&f.chars[e..], 8));
            if !project {
                tags.subject = class_before(line, from, t.start, *basis).or_else(|| {
                    let (s, e, i) = nearest_label(&f.chars, SUBJECTS)?;
                    let subject = SUBJECTS[i].1.clone();
                    let bare = matches!(SUBJECTS[i].0, "购置费" | "运行费" | "运行维护费");
                    if !is_gap(&f.chars[e..], 10) || (bare && !vehicle_line) {
                        return None;
                    }
                    // `政府采购支出预算总额`: the total of the procurement plan, not of the budget.
                    let before: String = f.chars[s.saturating_sub(6)..s].iter().collect();
                    if before.ends_with("采购") {
                        return None;
                    }
                    Some((subject, label_from(line, f.at[s], t.start)))
                });
                // `与上年相比，财政拨款支出增加1808.29万元`: the comparison is a clause before, but
                // the amount after 增加 is still a change, not the subject's level.
                if says_change(&f.chars) {
                    tags.subject = None;
                }
            }
            if let Some((_, e, i)) = nearest_label(&f.chars, PROJECT_LABELS) {
                if is_gap(&f.chars[e..], 6) {
                    tags.project = Some(PROJECT_LABELS[i].1);
                }
            }
        }
        out.push(tags);
    }
    for (pos, b) in &intros {
        if line.tokens.last().is_none_or(|t| *pos > t.start) {
            *basis = *b;
        }
    }
    out
}

/// The label of an amount as written, from where its subject starts (an opening quote
/// included) to the amount, without a trailing 为/：/是 (`“三公”经费预算数`, `财政拨款支出预算`).
fn label_from(line: &Line, mut start: usize, amount: usize) -> String {
    if start > 0 && matches!(line.chars[start - 1], '“' | '"' | '「' | '‘') {
        start -= 1;
    }
    line.slice(start, amount).trim().trim_end_matches(['为', ':', '：', '是', ' ']).trim_end().to_string()
}

/// A 类 named just before an amount: `“教育支出”科目3,327万元`, `教育支出科目3,327万元`.
fn class_before(line: &Line, from: usize, to: usize, basis: ClassBasis) -> Option<(Subject, String)> {
    let chars = &line.chars[from..to];
    let mut end = chars.len();
    while end > 0 && (chars[end - 1].is_whitespace() || matches!(chars[end - 1], '为' | ':' | '：' | '是')) {
        end -= 1;
    }
    let mut had_word = false;
    for word in ["类科目", "科目", "类"] {
        let w: Vec<char> = word.chars().collect();
        if end >= w.len() && chars[end - w.len()..end] == *w {
            end -= w.len();
            had_word = true;
            break;
        }
    }
    let name_end = end;
    let close = end.checked_sub(1).map(|i| chars[i]);
    let (name, label_start) = if let Some(q) = close.filter(|c| matches!(c, '”' | '"' | '」' | '’')) {
        let open = match q {
            '”' => '“',
            '」' => '「',
            '’' => '‘',
            _ => '"',
        };
        let o = chars[..name_end - 1].iter().rposition(|c| *c == open)?;
        if name_end - 1 - o > 20 {
            return None;
        }
        (chars[o + 1..name_end - 1].iter().collect::<String>(), o)
    } else if had_word {
        // Unquoted: the longest run of letters before 科目 that names a known class.
        let run = chars[..name_end]
            .iter()
            .rev()
            .take_while(|c| {
                !c.is_ascii_digit() && !is_clause_break(**c) && !c.is_whitespace() && !matches!(c, '。' | '，' | '；' | '：' | '、' | '.')
            })
            .count();
        let s =
            (name_end - run..name_end).find(|&s| vocab::function_class_code(&chars[s..name_end].iter().collect::<String>()).is_some())?;
        (chars[s..name_end].iter().collect(), s)
    } else {
        return None;
    };
    let name = name.trim().to_string();
    if !name.ends_with("支出") && vocab::function_class_code(&name).is_none() {
        return None;
    }
    Some((Subject::FunctionClass { name, basis }, label_from(line, from + label_start, from + chars.len())))
}

/// Amount claims, and the changes stated right after them.
fn amounts_and_changes(line: &Line, tagged: &[Tags], claims: &mut Vec<Claim>) {
    for (k, (t, tags)) in line.tokens.iter().zip(tagged).enumerate() {
        if let Some((subject, written)) = &tags.subject {
            claims.push(Claim {
                kind: ClaimKind::Amount { subject: subject.clone() },
                subject: written.clone(),
                amount: t.amount.clone(),
                sentence: sentence_at(line, t.start),
                line: line.no,
                column: t.start + 1,
                page: None,
            });
        }
        if let Some((sign, against)) = tags.change {
            let Some(base) = k.checked_sub(1) else { continue };
            let Some((subject, written)) = &tagged[base].subject else { continue };
            let written = format!("{written}{}", phrase(line, line.tokens[base].end, t.start));
            let mut amount = t.amount.clone();
            amount.value = if sign < 0 { -amount.value } else { amount.value };
            claims.push(Claim {
                kind: ClaimKind::YearOverYear { subject: subject.clone(), against, stated: Some(line.tokens[base].amount.clone()) },
                subject: written,
                amount,
                sentence: sentence_at(line, t.start),
                line: line.no,
                column: t.start + 1,
                page: None,
            });
        }
    }
    // 持平: no amount, the change is zero in the unit and places of the amount it follows.
    let word: Vec<char> = "持平".chars().collect();
    for p in find_all(&line.chars, &word) {
        let Some(base) = line.tokens.iter().rposition(|t| t.end <= p) else { continue };
        let f = fold(&line.chars, line.tokens[base].end, p);
        // `与2020年预算持平`, `与上年基本持平`: the comparison may not be broken by a clause.
        let mut h = &f.chars[..];
        if h.ends_with(&['基', '本']) {
            h = &h[..h.len() - 2];
        }
        let Some(against) = comparison(h) else { continue };
        let Some((subject, written)) = &tagged[base].subject else { continue };
        let written = format!("{written}{}", phrase(line, line.tokens[base].end, p));
        let stated = &line.tokens[base].amount;
        let amount = TextAmount {
            value: Decimal::new(0, stated.decimals),
            unit: stated.unit,
            decimals: stated.decimals,
            written: "持平".into(),
            line: line.no,
            column: p + 1,
        };
        claims.push(Claim {
            kind: ClaimKind::YearOverYear { subject: subject.clone(), against, stated: Some(stated.clone()) },
            subject: written,
            amount,
            sentence: sentence_at(line, p),
            line: line.no,
            column: p + 1,
            page: None,
        });
    }
}

/// The words stating a change, as written: `比2020年预算减少`, `与2020年预算` (before 持平).
fn phrase(line: &Line, from: usize, to: usize) -> String {
    let s = line.slice(from, to);
    let s = s.trim().trim_start_matches(['，', '。', ',', '；', ';', ' ']).trim();
    format!("，{s}")
}

/// A short label for a sum: the words just before its total (`总计`, `政府采购预算`).
fn label_before(line: &Line, k: usize) -> String {
    let t = &line.tokens[k];
    let from = if k == 0 { 0 } else { line.tokens[k - 1].end };
    let chars = &line.chars[from..t.start];
    let start = chars.iter().rposition(|c| matches!(c, '，' | '。' | '；' | ',' | ';' | '、' | '！' | '？')).map_or(0, |i| i + 1);
    let label: String = chars[start..].iter().collect();
    let label = label.trim().trim_end_matches([':', '：', '为']).trim();
    let label = vocab::strip_numbering(label).trim();
    let n = label.chars().count();
    label.chars().skip(n.saturating_sub(20)).collect()
}

/// Itemised sums: a total followed by 其中 and its parts; a list followed by 合计/总计/共计.
fn sums(lines: &[Line], li: usize, tagged: &[Tags], claims: &mut Vec<Claim>) {
    let line = &lines[li];
    let toks = &line.tokens;
    // Changes (增加1421.25万元) and thresholds (单价50万元以上) are not items of a sum, even where
    // the change tagger did not see the comparison (比2022年（上一年度，下同）预算增加…).
    // The words just before an amount, spaces and a bracketed alternative dropped: `增加（减少） 0万元`.
    let before = |k: usize| {
        let b: String = line.slice(toks[k].start.saturating_sub(8), toks[k].start).chars().filter(|c| !c.is_whitespace()).collect();
        match b.strip_suffix(['）', ')']).and_then(|x| x.rfind(['（', '(']).map(|i| x[..i].to_string())) {
            Some(cut) => cut,
            None => b,
        }
    };
    let after = |k: usize| line.slice(toks[k].end, (toks[k].end + 2).min(line.chars.len()));
    let countable = |k: usize| {
        tagged[k].change.is_none()
            && !["增加", "减少", "增长", "下降", "降低", "提高", "节约", "增支", "减支"].iter().any(|w| before(k).ends_with(w))
            && !["以上", "以下", "以内"].iter().any(|w| after(k).starts_with(w))
    };
    let mut child = vec![false; toks.len()];
    let word: Vec<char> = "其中".chars().collect();
    let marks = find_all(&line.chars, &word);
    for (m, &p) in marks.iter().enumerate() {
        let Some(parent) = (0..toks.len()).rev().find(|&k| toks[k].end <= p && countable(k)) else { continue };
        let (_, sentence_end) = sentence_bounds(&line.chars, p + 2);
        let stop = marks.get(m + 1).copied().unwrap_or(usize::MAX).min(sentence_end);
        let kids: Vec<usize> = (0..toks.len()).filter(|&k| toks[k].start > p && toks[k].end <= stop && countable(k)).collect();
        for &k in &kids {
            child[k] = true;
        }
        let (parent_start, _) = sentence_bounds(&line.chars, toks[parent].start);
        let rest = &line.chars[p + 2..];
        let mut parts: Vec<TextAmount> =
            if kids.is_empty() && rest.iter().all(|c| c.is_whitespace() || matches!(c, ':' | '：' | ',' | '，')) {
                following_items(lines, li)
            } else {
                kids.iter().map(|&k| toks[k].amount.clone()).collect()
            };
        // `其中：（1）…0万元。` ending its paragraph, `（2）…183.6万元` the next: a numbered list
        // whose first item is on the 其中's line goes on in the paragraphs that follow.
        let first_item = rest.iter().position(|c| !c.is_whitespace() && !matches!(c, ':' | '：')).map(|i| &rest[i..]);
        if let (false, Some(item)) = (kids.is_empty(), first_item) {
            let last_sentence = sentence_end >= line.chars.len() || line.chars[sentence_end..].iter().all(|c| c.is_whitespace());
            if last_sentence
                && numbering_style(item).is_some()
                && numbering_style(item) == lines.get(li + 1).and_then(|l| numbering_style(&l.chars))
            {
                parts.extend(following_items(lines, li));
            }
        }
        if parts.len() < 2 {
            continue;
        }
        let t = &toks[parent];
        claims.push(Claim {
            kind: ClaimKind::ItemisedSum { parts },
            subject: format!("{}（其中）", label_before(line, parent)),
            amount: t.amount.clone(),
            sentence: line.slice(parent_start, sentence_end).trim().to_string(),
            line: line.no,
            column: t.start + 1,
            page: None,
        });
    }
    // 合计/总计/共计 after a list: the items since the previous total, 其中 parts left out. When
    // the whole list does not add up, the last items that do are taken (a list may follow a preamble).
    let mut pool: Vec<usize> = Vec::new();
    let mut from = 0;
    for k in 0..toks.len() {
        if !countable(k) || child[k] {
            continue;
        }
        if !tagged[k].total_word {
            if pool.is_empty() {
                from = toks[k].start;
            }
            pool.push(k);
            continue;
        }
        if pool.len() >= 2 {
            let total = &toks[k].amount;
            let sum = |ks: &[usize]| ks.iter().map(|&i| toks[i].amount.in_yuan()).sum::<Decimal>();
            let chosen = if sum(&pool) == total.in_yuan() {
                pool.clone()
            } else {
                (0..pool.len() - 1).find(|&s| sum(&pool[s..]) == total.in_yuan()).map_or_else(|| pool.clone(), |s| pool[s..].to_vec())
            };
            let (s, _) = sentence_bounds(&line.chars, from);
            let (_, e) = sentence_bounds(&line.chars, toks[k].start);
            claims.push(Claim {
                kind: ClaimKind::ItemisedSum { parts: chosen.iter().map(|&i| toks[i].amount.clone()).collect() },
                subject: label_before(line, k),
                amount: total.clone(),
                sentence: line.slice(s, e).trim().to_string(),
                line: line.no,
                column: toks[k].start + 1,
                page: None,
            });
        }
        pool.clear();
    }
}

/// The items of a 其中 that ends its paragraph: the first amount of each following numbered
/// paragraph (`（一）…455.00万元`, `（二）…`), while the numbering keeps its style.
fn following_items(lines: &[Line], li: usize) -> Vec<TextAmount> {
    let mut out = Vec::new();
    let mut style = None;
    // Whether the last item's line stopped mid-sentence: its next line goes on with it.
    let mut open = false;
    for line in lines.iter().skip(li + 1).take(40) {
        if line.chars.iter().all(|c| c.is_whitespace()) {
            continue;
        }
        let ends_open = line.chars.iter().rev().find(|c| !c.is_whitespace()).is_some_and(|c| !matches!(c, '。' | '；' | ';' | '！' | '？'));
        let s = numbering_style(&line.chars);
        if s.is_none() && (open || line.continued) && style.is_some() {
            // `（二）…主要` ⏎ `原因是无公务用车购置需求；…`: the item wrapped.
            open = ends_open;
            continue;
        }
        if s.is_none() || (style.is_some() && s != style) {
            break;
        }
        open = ends_open;
        style = s;
        let first = line.tokens.iter().enumerate().find(|(k, t)| {
            let from = if *k == 0 { 0 } else { line.tokens[k - 1].end };
            change_before(&fold(&line.chars, from, t.start).chars).is_none()
        });
        match first {
            Some((_, t)) => out.push(t.amount.clone()),
            None => break,
        }
    }
    out
}

/// A project's annual amount against its total, when one paragraph states both.
fn project_amounts(line: &Line, tagged: &[Tags], claims: &mut Vec<Claim>) {
    let find = |label| tagged.iter().position(|t| t.project == Some(label));
    let (Some(total), Some(annual)) = (find(ProjectLabel::Total), find(ProjectLabel::Annual)) else { return };
    let t = &line.tokens[annual];
    claims.push(Claim {
        kind: ClaimKind::ProjectAmounts { total: line.tokens[total].amount.clone() },
        subject: label_before(line, annual),
        amount: t.amount.clone(),
        sentence: sentence_at(line, t.start),
        line: line.no,
        column: t.start + 1,
        page: None,
    });
}

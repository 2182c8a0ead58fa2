//! Reading claims out of the text: amounts with their units, what each is said to be, changes
//! against an earlier year, lists that add up, project totals.

use rust_decimal::Decimal;

use super::{Against, Claim, ClaimKind, ClassBasis, Subject, TextAmount};
use crate::model::MoneyUnit;
use crate::recognise::vocab;

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
    claims.sort_by_key(|c| (c.line, c.column));
    claims
}

/// What the next line carries over of a sentence `line` leaves unfinished: the unit of an amount
/// `line` ends with, or an amount with its unit when `line` ends in a word.
fn carried(line: &str, next: &str) -> Option<String> {
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
struct Line {
    chars: Vec<char>,
    no: usize,
    tokens: Vec<Token>,
    /// Its start was read with the line before (an amount or a sentence carried over).
    continued: bool,
}

impl Line {
    fn new(s: &str, no: usize) -> Line {
        let chars: Vec<char> = s.chars().collect();
        let tokens = tokens(&chars, no);
        Line { chars, no, tokens, continued: false }
    }
    fn slice(&self, from: usize, to: usize) -> String {
        self.chars[from.min(to)..to].iter().collect()
    }
}

/// An amount with a money unit, and where it stands in its line (character indices).
#[derive(Clone, Debug)]
pub(super) struct Token {
    pub(super) amount: TextAmount,
    pub(super) start: usize,
    pub(super) end: usize,
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

fn ascii_digit(c: char) -> char {
    if c.is_ascii_digit() {
        c
    } else {
        char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or('0')
    }
}

/// Every `number unit` in a line: `477,326万元`, `995.20万元`, `15000元`, `３６万元`. Numbers
/// without a money unit (years, counts, `40余万元`, `2万亿元`) are not amounts.
pub(super) fn tokens(line: &[char], no: usize) -> Vec<Token> {
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
struct Folded {
    chars: Vec<char>,
    at: Vec<usize>,
}

fn fold(line: &[char], from: usize, to: usize) -> Folded {
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

fn find_all(hay: &[char], needle: &[char]) -> Vec<usize> {
    if needle.is_empty() || needle.len() > hay.len() {
        return Vec::new();
    }
    (0..=hay.len() - needle.len()).filter(|&i| hay[i..i + needle.len()] == *needle).collect()
}

fn rfind(hay: &[char], needle: &str) -> Option<usize> {
    let n: Vec<char> = needle.chars().collect();
    find_all(hay, &n).pop()
}

fn contains(hay: &[char], needle: &str) -> bool {
    rfind(hay, needle).is_some()
}

fn is_clause_break(c: char) -> bool {
    matches!(c, ',' | ';' | '。' | '！' | '？' | '!' | '?' | '、')
}

/// The gap between a label and its amount: short, without digits or a clause break.
fn is_gap(chars: &[char], max: usize) -> bool {
    chars.len() <= max && !chars.iter().any(|c| c.is_ascii_digit() || is_clause_break(*c))
}

/// The label among `aliases` that ends nearest the end of `hay` (the text just before an
/// amount); of labels overlapping it, the one starting first (`财政拨款支出总额` is 财政拨款, not
/// 支出总额). Returns (start, end, index into `aliases`).
fn nearest_label<T>(hay: &[char], aliases: &[(&str, T)]) -> Option<(usize, usize, usize)> {
    let mut all: Vec<(usize, usize, usize)> = Vec::new();
    for (i, (a, _)) in aliases.iter().enumerate() {
        let needle: Vec<char> = a.chars().collect();
        for s in find_all(hay, &needle) {
            all.push((s, s + needle.len(), i));
        }
    }
    let last_end = all.iter().map(|m| m.1).max()?;
    let (rs, re) = all.iter().filter(|m| m.1 == last_end).map(|m| (m.0, m.1)).min()?;
    all.into_iter().filter(|m| m.0 < re && m.1 > rs).min_by_key(|m| (m.0, std::cmp::Reverse(m.1)))
}

/// Labels of amounts the tables hold (folded forms). Bare 购置费/运行费 count only in a sentence
/// about 公务用车.
const SUBJECTS: &[(&str, Key)] = &[
    ("预算支出总额", Key::ExpenditureTotal),
    ("支出预算总额", Key::ExpenditureTotal),
    ("收支预算总额", Key::ExpenditureTotal),
    ("支出预算总计", Key::ExpenditureTotal),
    ("部门支出预算", Key::ExpenditureTotal),
    ("部门预算支出", Key::ExpenditureTotal),
    ("支出总计", Key::ExpenditureTotal),
    ("预算收入总额", Key::IncomeTotal),
    ("收入预算总额", Key::IncomeTotal),
    ("部门收入预算", Key::IncomeTotal),
    ("收入总计", Key::IncomeTotal),
    ("财政拨款支出", Key::Appropriation),
    ("财政拨款收支", Key::Appropriation),
    ("财政拨款收入", Key::Appropriation),
    ("财政拨款预算", Key::Appropriation),
    ("一般公共预算拨款", Key::GeneralPublicBudget),
    ("一般公共预算支出", Key::GeneralPublicBudget),
    ("一般公共预算财政拨款", Key::GeneralPublicBudget),
    ("政府性基金拨款", Key::GovernmentFund),
    ("政府性基金预算拨款", Key::GovernmentFund),
    ("政府性基金预算支出", Key::GovernmentFund),
    ("政府性基金支出", Key::GovernmentFund),
    ("国有资本经营预算拨款", Key::StateCapital),
    ("国有资本经营预算支出", Key::StateCapital),
    ("国有资本经营拨款", Key::StateCapital),
    ("三公经费", Key::ThreePublicTotal),
    ("三公经费财政拨款", Key::ThreePublicTotal),
    ("因公出国(境)费", Key::Abroad),
    ("因公出国(境)经费", Key::Abroad),
    ("因公出国费", Key::Abroad),
    ("出国(境)费", Key::Abroad),
    ("公务接待费", Key::Reception),
    ("公务用车购置及运行费", Key::Vehicle),
    ("公务用车购置及运行维护费", Key::Vehicle),
    ("公务用车购置和运行费", Key::Vehicle),
    ("公务用车购置和运行维护费", Key::Vehicle),
    ("公务用车费", Key::Vehicle),
    ("公务用车购置费", Key::VehiclePurchase),
    ("购置费", Key::VehiclePurchase),
    ("公务用车运行费", Key::VehicleOperation),
    ("公务用车运行维护费", Key::VehicleOperation),
    ("运行费", Key::VehicleOperation),
    ("运行维护费", Key::VehicleOperation),
    ("机关运行经费", Key::OfficeOperation),
    ("机关运行费", Key::OfficeOperation),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Key {
    ExpenditureTotal,
    IncomeTotal,
    Appropriation,
    GeneralPublicBudget,
    GovernmentFund,
    StateCapital,
    ThreePublicTotal,
    Abroad,
    Reception,
    Vehicle,
    VehiclePurchase,
    VehicleOperation,
    OfficeOperation,
}

impl Key {
    fn subject(self) -> Subject {
        match self {
            Key::ExpenditureTotal => Subject::ExpenditureTotal,
            Key::IncomeTotal => Subject::IncomeTotal,
            Key::Appropriation => Subject::Appropriation,
            Key::GeneralPublicBudget => Subject::GeneralPublicBudget,
            Key::GovernmentFund => Subject::GovernmentFund,
            Key::StateCapital => Subject::StateCapital,
            Key::ThreePublicTotal => Subject::ThreePublicTotal,
            Key::Abroad => Subject::Abroad,
            Key::Reception => Subject::Reception,
            Key::Vehicle => Subject::Vehicle,
            Key::VehiclePurchase => Subject::VehiclePurchase,
            Key::VehicleOperation => Subject::VehicleOperation,
            Key::OfficeOperation => Subject::OfficeOperation,
        }
    }
}

/// Labels of a project's whole amount and of its amount for the year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ProjectLabel {
    Total,
    Annual,
}

const PROJECT_LABELS: &[(&str, ProjectLabel)] = &[
    ("项目资金总额", ProjectLabel::Total),
    ("项目总预算", ProjectLabel::Total),
    ("项目总投入", ProjectLabel::Total),
    ("项目总经费", ProjectLabel::Total),
    ("项目总金额", ProjectLabel::Total),
    ("项目总投资", ProjectLabel::Total),
    ("资金总额", ProjectLabel::Total),
    ("总预算", ProjectLabel::Total),
    ("总投入", ProjectLabel::Total),
    ("总经费", ProjectLabel::Total),
    ("总投资", ProjectLabel::Total),
    ("年度资金申请总额", ProjectLabel::Annual),
    ("年度资金申请额", ProjectLabel::Annual),
    ("年度资金", ProjectLabel::Annual),
    ("年度预算", ProjectLabel::Annual),
    ("当年预算", ProjectLabel::Annual),
    ("本年预算", ProjectLabel::Annual),
    ("年度申请", ProjectLabel::Annual),
];

const TOTAL_WORDS: &[&str] = &["合计", "总计", "共计"];

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

/// `Some(true)` for a heading that opens a project section (…项目经费情况说明), `Some(false)` for
/// any other section heading ending in 说明 (预算编制说明, 其他相关情况说明), `None` otherwise.
/// Bulleted lines (`- 七、项目经费情况说明`) are a table of contents, not headings.
fn heading_scope(chars: &[char]) -> Option<bool> {
    let s: String = chars.iter().collect();
    let t = s.trim();
    if t.is_empty() || t.starts_with(['-', '*', '•', '·']) || t.chars().count() > 40 || t.contains(['。', '，', ',']) {
        return None;
    }
    let t = t.trim_end_matches([':', '：', ' ']);
    if !t.ends_with("说明") {
        return None;
    }
    Some(t.contains("项目"))
}

/// The figure a list of 类 amounts refers to, from the sentence introducing it.
fn intro_basis(sentence: &[char]) -> Option<ClassBasis> {
    // `…科目3,327万元，主要用于…` is an item of the list, not its introduction.
    if contains(sentence, "主要用于") || !(contains(sentence, "如下") || contains(sentence, "主要内容")) {
        return None;
    }
    Some(if contains(sentence, "一般公共预算") {
        ClassBasis::GeneralPublicBudget
    } else if contains(sentence, "财政拨款") {
        ClassBasis::Appropriation
    } else {
        ClassBasis::Expenditure
    })
}

/// (start, end) of the sentence around `pos`: from after the previous 。！？ to its own.
fn sentence_bounds(line: &[char], pos: usize) -> (usize, usize) {
    let end_mark = |c: &char| matches!(c, '。' | '！' | '？' | '!' | '?');
    let start = line[..pos.min(line.len())].iter().rposition(end_mark).map_or(0, |i| i + 1);
    let end = line[pos.min(line.len())..].iter().position(end_mark).map_or(line.len(), |i| pos + i + 1);
    (start, end)
}

fn sentence_at(line: &Line, pos: usize) -> String {
    let (s, e) = sentence_bounds(&line.chars, pos);
    line.slice(s, e).trim().to_string()
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
                    let key = SUBJECTS[i].1;
                    let bare = matches!(SUBJECTS[i].0, "购置费" | "运行费" | "运行维护费");
                    if !is_gap(&f.chars[e..], 10) || (bare && !vehicle_line) {
                        return None;
                    }
                    // `政府采购支出预算总额`: the total of the procurement plan, not of the budget.
                    let before: String = f.chars[s.saturating_sub(6)..s].iter().collect();
                    if before.ends_with("采购") {
                        return None;
                    }
                    Some((key.subject(), label_from(line, f.at[s], t.start)))
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

/// Whether the words just before an amount end in a word of change (`增加`, `减少了`).
fn says_change(f: &[char]) -> bool {
    let mut end = f.len();
    while end > 0 && matches!(f[end - 1], '了' | ':' | '为' | ' ') {
        end -= 1;
    }
    let h: String = f[..end].iter().collect();
    ["增加", "减少", "增长", "下降", "降低", "提高", "上升", "节约", "增支", "减支", "压减", "压缩"].iter().any(|w| h.ends_with(w))
}

const UP: &[&str] = &["增加", "增长", "上升", "提高", "增", "多"];
const DOWN: &[&str] = &["减少", "下降", "降低", "减", "少"];

/// `比2020年预算减少` / `较上年增加` / `同比增长` just before an amount: the sign and the year.
fn change_before(f: &[char]) -> Option<(i32, Against)> {
    let mut end = f.len();
    while end > 0 && matches!(f[end - 1], '了' | ':' | '为') {
        end -= 1;
    }
    let h = &f[..end];
    let mut dirs: Vec<(&str, i32)> = UP.iter().map(|w| (*w, 1)).chain(DOWN.iter().map(|w| (*w, -1))).collect();
    dirs.sort_by_key(|(w, _)| std::cmp::Reverse(w.chars().count()));
    let (word, sign) = dirs.into_iter().find(|(w, _)| {
        let w: Vec<char> = w.chars().collect();
        h.ends_with(&w)
    })?;
    let before = &h[..h.len() - word.chars().count()];
    comparison(before).map(|a| (sign, a))
}

/// `比2020年预算` / `较上年` / `与上年同期相比` / `同比` ending `before` (within its clause): the
/// year compared with, read after the first comparison word.
fn comparison(before: &[char]) -> Option<Against> {
    let start = before.iter().rposition(|c| is_clause_break(*c)).map_or(0, |i| i + 1);
    let clause = &before[start..];
    if clause.len() > 20 {
        return None;
    }
    let ci = clause.iter().position(|c| matches!(c, '比' | '较' | '与' | '同'))?;
    let after: String = clause[ci + 1..].iter().collect();
    if let Some(y) = vocab::year_in(&after) {
        return Some(Against::Year(y));
    }
    if ["上年", "上一年", "去年"].iter().any(|w| after.contains(w)) || after.starts_with('比') && clause[ci] == '同' {
        return Some(Against::PreviousYear);
    }
    None
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

/// List numbering at the start of a paragraph: `（一）`, `(1)`, `一、`, `1、`, `1.`.
fn numbering_style(chars: &[char]) -> Option<u8> {
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
            let sum = |ks: &[usize]| ks.iter().map(|&i| yuan(&toks[i].amount)).sum::<Decimal>();
            let chosen = if sum(&pool) == yuan(total) {
                pool.clone()
            } else {
                (0..pool.len() - 1).find(|&s| sum(&pool[s..]) == yuan(total)).map_or_else(|| pool.clone(), |s| pool[s..].to_vec())
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

fn yuan(a: &TextAmount) -> Decimal {
    a.value * a.unit.yuan()
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
    fn changes_and_comparisons() {
        let f = |s: &str| s.chars().collect::<Vec<char>>();
        assert_eq!(change_before(&f(",比2020年预算减少")), Some((-1, Against::Year(2020))));
        assert_eq!(change_before(&f("较上年增加了")), Some((1, Against::PreviousYear)));
        assert_eq!(change_before(&f("同比增长")), Some((1, Against::PreviousYear)));
        assert_eq!(change_before(&f("减少")), None);
        assert_eq!(change_before(&f("比上年增加两辆公务用车,减少")), None);
    }

    #[test]
    fn headings() {
        let h = |s: &str| heading_scope(&s.chars().collect::<Vec<_>>());
        assert_eq!(h("2021年部门预算编制说明"), Some(false));
        assert_eq!(h("科技创新发展保障资金项目经费情况说明"), Some(true));
        assert_eq!(h("七、项目经费情况说明"), Some(true));
        assert_eq!(h("- 七、项目经费情况说明"), None, "a table of contents");
        assert_eq!(h("一、2021年“三公”经费预算情况说明"), Some(false));
        assert_eq!(h("详见单位的《财政项目支出绩效目标表》"), None);
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

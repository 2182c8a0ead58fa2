//! The reviewer's 检查表 (公开情况检查表), filled in: one row per check item in the order and
//! words of the sheets a district's reviewers fill by hand (docs/review.md) — 及时性, then 封面, 目录,
//! 主要职能, 机构设置, 名词解释, the 编制说明, each table, 其他相关说明, 项目经费情况说明 — each answered
//! 是 or 否 from gouji's findings, with the evidence of every 否 (page and line or cells, the
//! sentence, what it should be). What the document cannot decide (timeliness needs the date of
//! publication; a section when no text was given) is left to the reviewer, never ticked 是.
//!
//! Which item a finding belongs to: a table finding to its table's row; a finding in the text to
//! the section it stands in, the sections being found by their headings ([`sections`]).

#[cfg(feature = "xlsx")]
mod xlsx;
#[cfg(feature = "xlsx")]
pub use xlsx::xlsx;

use serde::Serialize;

use crate::finding::{Finding, Severity};
use crate::model::{DocKind, Family, TableKind};
use crate::narrative::{level, Level, PagedText};
use crate::BudgetReport;

/// The answer in the 符合要求 column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    /// 是: checked, nothing found.
    Yes,
    /// 否: something found, listed as evidence.
    No,
    /// 待人工判断: the document cannot decide it.
    ForReviewer,
}

impl Answer {
    pub fn zh(self) -> &'static str {
        match self {
            Answer::Yes => "是",
            Answer::No => "否",
            Answer::ForReviewer => "待人工判断",
        }
    }
    pub fn en(self) -> &'static str {
        match self {
            Answer::Yes => "yes",
            Answer::No => "no",
            Answer::ForReviewer => "for the reviewer",
        }
    }
}

/// A part of a published budget or 决算, as its headings name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    Cover,
    Contents,
    Functions,
    Organisation,
    Terms,
    Explanation,
    Other,
    Projects,
}

impl Section {
    /// The item's name in the reviewer's sheet (`预算编制说明` or `决算情况说明` by kind).
    pub fn item_zh(self, kind: DocKind) -> &'static str {
        match self {
            Section::Cover => "封面",
            Section::Contents => "目录",
            Section::Functions => "主要职能",
            Section::Organisation => "机构设置",
            Section::Terms => "名词解释",
            Section::Explanation if kind == DocKind::FinalAccounts => "决算情况说明",
            Section::Explanation => "预算编制说明",
            Section::Other => "其他相关说明",
            Section::Projects => "项目经费情况说明",
        }
    }
    pub fn item_en(self) -> &'static str {
        match self {
            Section::Cover => "Cover",
            Section::Contents => "Contents",
            Section::Functions => "Main functions",
            Section::Organisation => "Organisation",
            Section::Terms => "Terms explained",
            Section::Explanation => "Explanation of the budget",
            Section::Other => "Other information",
            Section::Projects => "Project expenditure notes",
        }
    }
    const ORDER: [Section; 8] = [
        Section::Cover,
        Section::Contents,
        Section::Functions,
        Section::Organisation,
        Section::Terms,
        Section::Explanation,
        Section::Other,
        Section::Projects,
    ];
}

/// The sections a text's headings open, each with its first line (1-based), in order of the text.
/// A heading is a short line without a comma or stop, ending in the section's name; the contents
/// page, which lists them all, opens only 目录. Line 1 (the cover) opens 封面.
pub fn sections(text: &str) -> Vec<(Section, usize)> {
    let paged = PagedText::new(text);
    let lines: Vec<String> = paged.text().lines().map(|l| l.chars().filter(|c| !c.is_whitespace()).collect()).collect();
    let mut out: Vec<(Section, usize)> = Vec::new();
    if let Some(first) = lines.iter().position(|l| !l.is_empty()) {
        out.push((Section::Cover, first + 1));
    }
    let contents_line = lines.iter().position(|l| l == "目录");
    let contents = contents_pages(&paged, &lines);
    for (i, l) in lines.iter().enumerate() {
        if contents_line == Some(i) {
            out.push((Section::Contents, i + 1));
            continue;
        }
        let on_contents = paged.page_of(i + 1).is_some_and(|(p, _)| contents.contains(&p));
        if on_contents || l.is_empty() || l.chars().count() > 30 || l.contains(['，', '。', '；', '…']) {
            continue;
        }
        let heading = l.trim_start_matches(|c: char| "一二三四五六七八九十、0123456789.．".contains(c));
        let section = if heading.ends_with("主要职能") || heading.ends_with("主要职责") {
            Section::Functions
        } else if heading.ends_with("机构设置") {
            Section::Organisation
        } else if heading.ends_with("名词解释") {
            Section::Terms
        } else if heading.ends_with("预算编制说明") || heading.ends_with("决算情况说明") || heading.ends_with("收支预算情况说明")
        {
            Section::Explanation
        } else if heading.ends_with("其他相关情况说明") || heading.ends_with("其他相关说明") {
            Section::Other
        } else if heading.ends_with("项目经费情况说明") {
            Section::Projects
        } else {
            continue;
        };
        // The first heading of each section opens it (a section's pages may repeat their title).
        if !out.iter().any(|(s, _)| *s == section) {
            out.push((section, i + 1));
        }
    }
    out
}

/// The pages of the contents: the page of its 目录 line, and the pages after it while every line
/// of theirs is a short heading (a contents that runs onto a second page lists the last sections
/// there, and those must not open the sections).
fn contents_pages(paged: &PagedText, lines: &[String]) -> Vec<u32> {
    let Some(at) = lines.iter().position(|l| l == "目录") else { return Vec::new() };
    let Some((first, _)) = paged.page_of(at + 1) else { return Vec::new() };
    let mut pages = vec![first];
    let heading_like = |l: &String| l.is_empty() || (l.chars().count() <= 30 && !l.contains(['，', '。', '；', ',']));
    let mut page = first + 1;
    loop {
        let on: Vec<&String> =
            lines.iter().enumerate().filter(|(i, _)| paged.page_of(i + 1).map(|p| p.0) == Some(page)).map(|(_, l)| l).collect();
        if on.iter().all(|l| l.is_empty()) || !on.iter().all(|l| heading_like(l)) {
            return pages;
        }
        pages.push(page);
        page += 1;
    }
}

/// Whether the contents (the lines after 目录, on its pages) lists `word`.
fn listed(text: &str, word: &str) -> bool {
    let paged = PagedText::new(text);
    let lines: Vec<String> = paged.text().lines().map(|l| l.chars().filter(|c| !c.is_whitespace()).collect()).collect();
    let Some(at) = lines.iter().position(|l| l == "目录") else {
        return false;
    };
    let pages = contents_pages(&paged, &lines);
    lines[at..]
        .iter()
        .enumerate()
        .take_while(|(i, _)| pages.is_empty() && *i < 40 || paged.page_of(at + i + 1).is_some_and(|p| pages.contains(&p.0)))
        .any(|(_, l)| l.contains(&word.chars().filter(|c| !c.is_whitespace()).collect::<String>()))
}

/// One 否's evidence.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Evidence {
    /// The finding (index in the report's findings).
    pub finding: usize,
    pub rule: crate::rules::RuleRef,
    pub severity: Severity,
    /// Where: `第 8 页第 3 行` or the cells (`表三!C6`), with the PDF page when known.
    pub place: String,
    pub place_en: String,
    /// The sentence quoted (for the text), empty for cells.
    pub quote: String,
    /// What is wrong and what it should be.
    pub message: String,
    pub message_en: String,
}

/// One row of the sheet.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Item {
    /// 及时性 or 内容规范性.
    pub group: &'static str,
    pub name: String,
    pub name_en: String,
    pub answer: Answer,
    /// Why an item is left to the reviewer, or that a part was not found.
    pub note: String,
    pub note_en: String,
    pub evidence: Vec<Evidence>,
}

impl Item {
    /// The note, then the evidence one numbered line each: `1. [GJ712] 第 8 页第 2 行 「…」 what is wrong`.
    pub fn evidence_lines(&self, zh: bool) -> Vec<String> {
        let pick = |a: &str, b: &str| if zh { a.to_string() } else { b.to_string() };
        let mut lines: Vec<String> = Vec::new();
        if !self.note.is_empty() {
            lines.push(pick(&self.note, &self.note_en));
        }
        for (n, e) in self.evidence.iter().enumerate() {
            let quote = if e.quote.is_empty() { String::new() } else { format!("「{}」 ", e.quote) };
            lines.push(format!("{}. [{}] {} {quote}{}", n + 1, e.rule, pick(&e.place, &e.place_en), pick(&e.message, &e.message_en)));
        }
        lines
    }
}

/// A filled-in 检查表 for one document.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Checklist {
    /// `2026年度部门预算公开情况检查表`.
    pub title: String,
    /// `部门名称` or `单位名称`.
    pub unit_label: &'static str,
    pub unit: Option<String>,
    /// `2026年度部门预算公开检查内容`.
    pub heading: String,
    pub items: Vec<Item>,
}

impl Checklist {
    pub fn count(&self, answer: Answer) -> usize {
        self.items.iter().filter(|i| i.answer == answer).count()
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Dest {
    Section(Section),
    Table(TableKind),
}

/// The reviewer's name of a table: `《部门财务收支预算总表》`, `《单位…》` for a unit's document.
fn table_item(kind: TableKind, doc: DocKind, family: Option<Family>, level: &str) -> String {
    let name = match (doc, family) {
        (DocKind::Budget, Some(Family::Shanghai) | None) => match kind {
            TableKind::Summary => format!("{level}财务收支预算总表"),
            TableKind::Revenue => format!("{level}收入预算总表"),
            TableKind::Expenditure => format!("{level}支出预算总表"),
            TableKind::AppropriationSummary => format!("{level}财政拨款收支预算总表"),
            TableKind::GpbFunction => format!("{level}一般公共预算支出功能分类预算表"),
            TableKind::GfFunction => format!("{level}政府性基金预算支出功能分类预算表"),
            TableKind::SocFunction => "国有资本经营预算支出功能分类预算表".to_string(),
            TableKind::GpbBasicEconomic => format!("{level}一般公共预算基本支出部门预算经济分类预算表"),
            TableKind::ThreePublic => format!("{level}“三公”经费和机关运行经费预算表"),
            other => other.name_for(doc, family).to_string(),
        },
        _ => kind.name_for(doc, family).to_string(),
    };
    format!("《{name}》")
}

fn evidence(finding: usize, f: &Finding) -> Evidence {
    let (place, place_en) = match &f.text {
        Some(t) => match t.page.zip(t.page_line) {
            Some((p, l)) => (crate::narrative::page_line(p, l, true), crate::narrative::page_line(p, l, false)),
            None => (format!("说明文字第 {} 行", t.line), format!("text line {}", t.line)),
        },
        None => {
            let cells: Vec<String> = f.cells.iter().take(4).map(ToString::to_string).collect();
            let page = f.places.first().map(|p| p.page);
            let cells = cells.join("、");
            match page {
                Some(p) => (format!("第 {p} 页 {cells}"), format!("page {p}, {cells}")),
                None => (cells.clone(), cells),
            }
        }
    };
    Evidence {
        finding,
        rule: f.rule,
        severity: f.severity,
        place,
        place_en,
        quote: f.text.as_ref().map(|t| t.sentence.clone()).unwrap_or_default(),
        message: f.message.clone(),
        message_en: f.message_en.clone(),
    }
}

/// Fills in the 检查表 of one checked document; `text` is the narrative it was checked with (the
/// PDF's own text, or the text given), if any.
pub fn checklist(report: &BudgetReport, text: Option<&str>) -> Checklist {
    let b = &report.budget;
    let lvl = text.and_then(level).unwrap_or(Level::Department);
    let level_word = if lvl == Level::Unit { "单位" } else { "部门" };
    let kind_word = if b.kind == DocKind::FinalAccounts { "决算" } else { "预算" };
    let year = b.year.map(|y| format!("{y}年度")).unwrap_or_default();
    let found = text.map(sections).unwrap_or_default();
    // The findings that count: errors and warnings (rounding notes and other information do not).
    let counted: Vec<(usize, &Finding)> = report.findings.iter().enumerate().filter(|(_, f)| f.severity != Severity::Info).collect();
    let section_of = |line: usize| found.iter().rev().find(|(_, start)| *start <= line).map(|(s, _)| *s);
    // Where each finding goes: a text finding to its section (the explanation when it stands
    // before every heading), a table finding to its table; a finding no row holds (a table
    // finding without its table) to the explanation, where a reviewer records the arithmetic.
    // A missing table is its own row's 否.
    let dest = |f: &Finding| -> Option<Dest> {
        match (&f.text, f.table) {
            (Some(t), _) => Some(Dest::Section(section_of(t.line).unwrap_or(Section::Explanation))),
            _ if f.rule == crate::rules::rule("GJ801").expect("registered") => None,
            (None, Some(k)) if b.table(k).is_some() => Some(Dest::Table(k)),
            (None, _) => Some(Dest::Section(Section::Explanation)),
        }
    };

    let mut items = vec![Item {
        group: "及时性",
        name: format!("及时公开{level_word}{kind_word}"),
        name_en: "Published on time".into(),
        answer: Answer::ForReviewer,
        note: "文件本身不含发布日期，需对照公开时间要求人工判断".into(),
        note_en: "the document carries no publication date: the reviewer decides".into(),
        evidence: vec![],
    }];
    let section_item = |s: Section| {
        let evidence: Vec<Evidence> =
            counted.iter().filter(|(_, f)| dest(f) == Some(Dest::Section(s))).map(|&(i, f)| evidence(i, f)).collect();
        let present = found.iter().any(|(x, _)| *x == s);
        // Not every unit has projects to explain: a 项目经费情况说明 neither given nor listed in
        // the contents is not missing.
        let optional = s == Section::Projects && !listed(text.unwrap_or(""), "项目经费");
        let (answer, note, note_en) = match (text.is_some(), present, evidence.is_empty()) {
            (true, false, true) if optional => (
                Answer::Yes,
                "文件无此部分，目录亦未列出".to_string(),
                "the document has no such part, nor does its contents list one".to_string(),
            ),
            (false, _, _) => (
                Answer::ForReviewer,
                "未提供文字部分（PDF 或说明文字），需人工检查".to_string(),
                "no text (PDF or narrative) was given: the reviewer checks it".to_string(),
            ),
            // A heading gouji does not know is no proof the part is missing: the reviewer looks.
            (true, false, true) => (
                Answer::ForReviewer,
                format!("文中未找到以“{}”为题的部分，需人工确认", s.item_zh(b.kind)),
                format!("no part headed \"{}\" was found: the reviewer confirms", s.item_zh(b.kind)),
            ),
            // Of this part gouji checks the 三公 amounts only: the reviewer is told what is left.
            (true, _, true) if s == Section::Other => (
                Answer::Yes,
                "未发现问题；机关运行经费、政府采购、国有资产、绩效等数字尚未自动核对，请人工阅读".to_string(),
                "nothing found; the 机关运行经费, procurement, assets and performance figures are not checked yet: read them".to_string(),
            ),
            (true, _, true) => (Answer::Yes, String::new(), String::new()),
            (true, _, false) => (Answer::No, String::new(), String::new()),
        };
        Item {
            group: "内容规范性", name: s.item_zh(b.kind).to_string(), name_en: s.item_en().to_string(), answer, note, note_en, evidence
        }
    };
    for s in &Section::ORDER[..6] {
        items.push(section_item(*s));
    }
    // The tables the family requires (and any other found), in the order they are published.
    let mut kinds: Vec<TableKind> = TableKind::ALL.into_iter().filter(|k| !k.optional() || b.table(*k).is_some()).collect();
    if b.family == Some(Family::Shanghai) && !kinds.contains(&TableKind::SocFunction) {
        kinds.insert(kinds.iter().position(|k| *k == TableKind::GpbBasicEconomic).unwrap_or(kinds.len()), TableKind::SocFunction);
    }
    for kind in kinds {
        let name = table_item(kind, b.kind, b.family, level_word);
        let evidence: Vec<Evidence> =
            counted.iter().filter(|(_, f)| dest(f) == Some(Dest::Table(kind))).map(|&(i, f)| evidence(i, f)).collect();
        let (answer, note, note_en) = if b.table(kind).is_none() && kind.optional() {
            // Shanghai's sets are 8 tables or 9: the 国有资本经营 table is required of some years only.
            (
                Answer::ForReviewer,
                "文件中未找到此表（8 张表的格式不含此表），请确认本年度是否应公开".to_string(),
                "the document does not hold this table (the 8-table set has none): the reviewer confirms".to_string(),
            )
        } else if b.table(kind).is_none() {
            (Answer::No, "文件中未找到此表".to_string(), "the document does not hold this table".to_string())
        } else if evidence.is_empty() {
            (Answer::Yes, String::new(), String::new())
        } else {
            (Answer::No, String::new(), String::new())
        };
        items.push(Item { group: "内容规范性", name, name_en: kind.name_en().to_string(), answer, note, note_en, evidence });
    }
    for s in &Section::ORDER[6..] {
        items.push(section_item(*s));
    }
    Checklist {
        title: format!("{year}{level_word}{kind_word}公开情况检查表"),
        unit_label: if lvl == Level::Unit { "单位名称" } else { "部门名称" },
        unit: b.unit_name.clone(),
        heading: format!("{year}{level_word}{kind_word}公开检查内容"),
        items,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_contents_that_runs_onto_a_second_page_opens_no_section_there() {
        // As the 普陀区财政局 2024 决算 prints it: the contents' last lines on a page of their own.
        let text = "\u{c}上海市普陀区财政局2024年度部门决算\n\u{c}目 录\n一、主要职能\n四、财政拨款收入支出决算总体情况说明\n\u{c}九、国有资本经营预算财政拨款收入支出决算情况说明\n第四部分名词解释\n\u{c}一、主要职能\n正文，正文。\n\u{c}第三部分上海市普陀区财政局2024年度部门决算情况说明\n收入支出总计2995.39万元。\n\u{c}第四部分名词解释\n一、财政拨款收入：指本年度从本级财政部门取得的财政拨款。";
        let found = sections(text);
        assert_eq!(
            found.iter().map(|(s, _)| *s).collect::<Vec<_>>(),
            vec![Section::Cover, Section::Contents, Section::Functions, Section::Explanation, Section::Terms],
            "{found:?}"
        );
        assert_eq!(found[3], (Section::Explanation, 9), "the explanation opens at its own heading, not at the contents' line");
        assert!(listed(text, "名词解释"), "the contents' second page is the contents too");
    }

    #[test]
    fn headings_open_sections_and_the_contents_page_only_its_own() {
        let text = "\u{c}上海市普陀区2026年区级部门预算\n\u{c}目 录\n一、部门主要职能 ……\n七、项目经费情况说明 ……\n\u{c}\n\u{c}上海市普陀区司法局主要职能\n正文，正文。\n\u{c}上海市普陀区司法局机构设置\n\u{c}名词解释\n\u{c}2026年部门预算编制说明\n2026年，收入预算9628.22万元。\n\u{c}其他相关情况说明\n\u{c}人民调解项目经费情况说明";
        let s: Vec<Section> = sections(text).into_iter().map(|(s, _)| s).collect();
        assert_eq!(s, Section::ORDER.to_vec());
        assert_eq!(sections(text)[2], (Section::Functions, 6));
    }
}

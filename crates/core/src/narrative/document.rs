//! What the text says about the document itself (docs/relations.md §W32–§W33, §C13–§C14): the year its
//! comparisons are made with, whether it calls itself a 部门 or a 单位 budget, and pages left
//! blank. A reviewer's 检查表 records each of these; each shows a text copied from another
//! document, or a layout not looked at again.

use super::pages::PagedText;
use crate::finding::{Finding, TextSpan};
use crate::model::{Budget, DocKind};
use crate::rules::narrative::{BLANK_PAGE, HIDDEN_TEXT, LEVEL_WORDING, WRONG_YEAR};

/// Whether a document is a department's (部门, the department and its units together) or one
/// unit's own (单位), as its cover says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Department,
    Unit,
}

/// The level the document's cover gives: the first of its first lines naming a 部门/单位 预算 or 决算.
pub fn level(text: &str) -> Option<Level> {
    text.lines().take(12).find_map(|l| {
        let l: String = l.chars().filter(|c| !c.is_whitespace()).collect();
        if !l.contains('年') {
            return None;
        }
        if l.contains("单位预算") || l.contains("单位决算") {
            Some(Level::Unit)
        } else if l.contains("部门预算") || l.contains("部门决算") {
            Some(Level::Department)
        } else {
            None
        }
    })
}

/// The findings on the document as a whole, in order of place.
pub fn document_findings(paged: &PagedText, budget: &Budget) -> Vec<Finding> {
    let text = paged.text();
    let mut out = Vec::new();
    if budget.kind == DocKind::Budget {
        if let Some(year) = budget.year {
            wrong_years(text, year, &mut out);
        }
    }
    if level(text) == Some(Level::Unit) {
        level_words(text, &mut out);
    }
    blank_pages(paged, &mut out);
    for (line, count, words) in &paged.hidden {
        let page = paged.page_of(line + 1);
        let on = page.map_or(String::new(), |(p, _)| format!("第 {p} 页"));
        let on_en = page.map_or(String::new(), |(p, _)| format!("page {p}: "));
        out.push(Finding {
            text: Some(TextSpan {
                line: line + 1,
                column: 1,
                sentence: words.clone(),
                page: page.map(|p| p.0),
                page_line: page.map(|p| p.1),
            }),
            ..HIDDEN_TEXT.finding(
                format!("{on}有 {count} 个字符绘制在页面可见区域之外（被裁去或超出页面），读者看不到：从“{words}”起。"),
                format!("{on_en}{count} characters are drawn outside the visible page (clipped or off the page), from \"{words}\"."),
            )
        });
    }
    out
}

fn span(line: usize, column: usize, sentence: String) -> Option<TextSpan> {
    Some(TextSpan { line, column, sentence, ..Default::default() })
}

/// `比2026年预算增加…`, `与2026年预算持平` in a 2026 budget: a change against the year itself (or a
/// later one), where the text means the year before.
fn wrong_years(text: &str, year: i32, out: &mut Vec<Finding>) {
    for (i, line) in text.lines().enumerate() {
        if !line.contains('年') || !line.contains(['比', '与', '较']) {
            continue;
        }
        let chars: Vec<char> = line.chars().collect();
        for k in 0..chars.len() {
            if !matches!(chars[k], '比' | '与' | '较') {
                continue;
            }
            let digits: String = chars[k + 1..].iter().take_while(|c| c.is_ascii_digit()).collect();
            if digits.len() != 4 || chars.get(k + 5) != Some(&'年') {
                continue;
            }
            let said: i32 = digits.parse().unwrap_or(0);
            // Only a comparison with a budget: `比2026年预算`, `与2026年预算数持平`.
            let after: String = chars[k + 6..].iter().take(2).collect();
            if said < year || after != "预算" {
                continue;
            }
            let phrase: String = chars[k..(k + 8).min(chars.len())].iter().collect();
            out.push(Finding {
                text: span(i + 1, k + 1, super::wording::around(&chars, k)),
                ..WRONG_YEAR.finding(
                    format!("说明第{}行“{phrase}”：{year}年预算与{said}年预算相比，比较的年份应为{}年。", i + 1, year - 1),
                    format!(
                        "Line {} of the text, \"{phrase}\": the {year} budget is compared with {said}; it should be {}.",
                        i + 1,
                        year - 1
                    ),
                )
            });
        }
    }
}

/// `部门预算安排购置车辆0辆` in a 单位预算: the unit's own document calls itself the department's.
fn level_words(text: &str, out: &mut Vec<Finding>) {
    for (i, line) in text.lines().enumerate() {
        let chars: Vec<char> = line.chars().collect();
        let mut from = 0;
        while let Some(k) = find(&chars, from, "部门预算") {
            from = k + 4;
            // The document naming itself: `2026年部门预算…`, `部门预算安排…` — not the classification
            // 部门预算经济分类, nor the reform or the system (深化部门预算改革).
            let next: String = chars[k + 4..].iter().take(2).collect();
            if !(k > 0 && chars[k - 1] == '年' || next == "安排") {
                continue;
            }
            out.push(Finding {
                text: span(i + 1, k + 1, super::wording::around(&chars, k)),
                ..LEVEL_WORDING.finding(
                    format!("说明第{}行称“部门预算”，本文件是单位预算，应为“单位预算”。", i + 1),
                    format!("Line {} of the text says 部门预算 (department budget); this document is a unit budget (单位预算).", i + 1),
                )
            });
        }
    }
}

fn find(chars: &[char], from: usize, word: &str) -> Option<usize> {
    let w: Vec<char> = word.chars().collect();
    (from..chars.len().saturating_sub(w.len() - 1)).find(|&k| chars[k..k + w.len()] == w[..])
}

/// A page without any text or image between the document's first and last page.
fn blank_pages(paged: &PagedText, out: &mut Vec<Finding>) {
    let pages = paged.pages();
    let lines: Vec<&str> = paged.text().lines().collect();
    let blank = |p: &super::pages::PageLines| lines[p.first..p.end.min(lines.len())].iter().all(|l| l.trim().is_empty());
    let Some(last) = pages.iter().rposition(|p| !blank(p)) else { return };
    for (n, p) in pages.iter().enumerate().take(last).skip(1) {
        if !blank(p) {
            continue;
        }
        // Where it stands: after the last heading-like line of the page before.
        let before = lines[pages[n - 1].first..pages[n - 1].end.min(lines.len())].iter().find(|l| !l.trim().is_empty());
        let after = before.map(|l| format!("（第 {} 页“{}”之后）", pages[n - 1].number, l.trim().chars().take(12).collect::<String>()));
        out.push(Finding {
            text: Some(TextSpan { line: p.first + 1, column: 1, sentence: String::new(), page: Some(p.number), page_line: Some(1) }),
            ..BLANK_PAGE.finding(
                format!("第 {} 页为空白页{}，既无文字也无图像。", p.number, after.clone().unwrap_or_default()),
                format!("Page {} is blank: no text and no image.", p.number),
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn budget(year: i32) -> Budget {
        Budget {
            unit_name: None,
            kind: DocKind::Budget,
            family: None,
            year: Some(year),
            tables: vec![],
            diagnostics: vec![],
            files: vec![],
        }
    }

    fn ids(text: &str, year: i32) -> Vec<(String, usize, usize)> {
        document_findings(&PagedText::new(text), &budget(year))
            .into_iter()
            .map(|f| (f.rule.id().to_string(), f.text.as_ref().unwrap().line, f.text.as_ref().unwrap().column))
            .collect()
    }

    #[test]
    fn a_budget_compared_with_its_own_year_is_found() {
        // Real text (司法局 2026 department budget).
        let text = "上海市普陀区2026年区级部门预算\n财政拨款收入9628.22万元，比2026年预算增加793.14万元；政府性基金拨款支出预算0万元，与2026年预算持平；";
        assert_eq!(ids(text, 2026), vec![("GJ712".into(), 2, 17), ("GJ712".into(), 2, 51)]);
        let right =
            "上海市普陀区2026年区级部门预算\n比2025年预算增加793.14万元；与2025年预算持平；比2025年预算执行数增加1.01%；比2026年初增加";
        assert!(ids(right, 2026).is_empty());
    }

    #[test]
    fn a_unit_budget_calling_itself_a_department_budget_is_found() {
        let text = "上海市普陀区2026年区级单位预算\n2026年部门预算安排购置车辆0辆；一般公共预算基本支出部门预算经济分类预算表";
        assert_eq!(ids(text, 2026), vec![("GJ715".into(), 2, 6)]);
        let dept = "上海市普陀区2026年区级部门预算\n2026年部门预算安排购置车辆0辆";
        assert!(ids(dept, 2026).is_empty(), "a department budget is one");
    }

    #[test]
    fn a_blank_page_inside_the_document_is_found_and_one_at_the_end_is_not() {
        let text = "\u{c}封面\n\u{c}目 录\n\u{c}\n\u{c}主要职能\n\u{c}\n";
        assert_eq!(ids(text, 2026), vec![("GJ802".into(), 3, 1)]);
        let with_image = "\u{c}封面\n\u{c}\u{fffc}\n\u{c}主要职能\n";
        assert!(ids(with_image, 2026).is_empty(), "a page with only an image is not blank");
    }
}

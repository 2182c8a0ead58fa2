//! The 检查表 as an .xlsx workbook in the layout of the sheets reviewers fill in by hand: a summary
//! sheet (one row per document), then per document its title, unit, and one row per check item
//! (group, item, 符合要求, what was found, rules). Bytes out: the CLI writes them to a file, the
//! browser worker hands them to the page.

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, XlsxError};

use super::{Answer, Checklist};

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`, unique in the workbook.
fn sheet_name(n: usize, unit: Option<&str>, taken: &mut Vec<String>) -> String {
    let clean: String = unit.unwrap_or("检查表").chars().filter(|c| !"[]:*?/\\'".contains(*c)).collect();
    let mut name: String = format!("{n} {clean}").chars().take(31).collect();
    while taken.contains(&name) {
        name = format!("{n}").chars().chain(std::iter::once('_')).chain(name.chars()).take(31).collect();
    }
    taken.push(name.clone());
    name
}

/// The workbook: a summary sheet (one row per document), then each document's 检查表.
pub fn xlsx(sheets: &[(String, Checklist)]) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let title = Format::new().set_bold().set_font_size(14).set_align(FormatAlign::Center);
    let head = Format::new().set_bold().set_background_color(Color::RGB(0xE8F1F5)).set_border(FormatBorder::Thin);
    let cell = Format::new().set_text_wrap().set_border(FormatBorder::Thin).set_align(FormatAlign::VerticalCenter);
    let no = cell.clone().set_font_color(Color::RGB(0xB42318)).set_bold();
    let pending = cell.clone().set_font_color(Color::RGB(0x8A6100));

    let summary = wb.add_worksheet();
    summary.set_name("汇总")?;
    summary.write_string_with_format(0, 0, "公开情况检查表汇总（gouji 生成，待人工复核）", &Format::new().set_bold().set_font_size(14))?;
    for (c, h) in ["文件", "名称", "检查表", "是", "否", "待人工判断", "否的项目"].iter().enumerate() {
        summary.write_string_with_format(2, c as u16, *h, &head)?;
    }
    for (i, (file, list)) in sheets.iter().enumerate() {
        let r = 3 + i as u32;
        summary.write_string_with_format(r, 0, file, &cell)?;
        summary.write_string_with_format(r, 1, list.unit.as_deref().unwrap_or("—"), &cell)?;
        summary.write_string_with_format(r, 2, &list.title, &cell)?;
        for (c, a) in [(3u16, Answer::Yes), (4, Answer::No), (5, Answer::ForReviewer)] {
            summary.write_number_with_format(r, c, list.count(a) as f64, &cell)?;
        }
        let failed: Vec<&str> = list.items.iter().filter(|i| i.answer == Answer::No).map(|i| i.name.as_str()).collect();
        summary.write_string_with_format(r, 6, failed.join("、"), &cell)?;
    }
    for (c, w) in [(0u16, 40.0), (1, 28.0), (2, 34.0), (3, 6.0), (4, 6.0), (5, 11.0), (6, 60.0)] {
        summary.set_column_width(c, w)?;
    }

    let mut taken = vec!["汇总".to_string()];
    for (n, (file, list)) in sheets.iter().enumerate() {
        let ws = wb.add_worksheet();
        ws.set_name(sheet_name(n + 1, list.unit.as_deref(), &mut taken))?;
        ws.merge_range(0, 0, 0, 4, &list.title, &title)?;
        ws.merge_range(2, 0, 2, 3, &format!("{}: {}", list.unit_label, list.unit.as_deref().unwrap_or("")), &Format::new())?;
        ws.merge_range(3, 0, 3, 4, &format!("文件：{file}"), &Format::new())?;
        ws.merge_range(4, 0, 4, 2, &list.heading, &head)?;
        ws.write_string_with_format(4, 3, "符合要求", &head)?;
        ws.write_string_with_format(4, 4, "问题说明（页码、原文、应为）", &head)?;
        ws.write_string_with_format(4, 5, "规则", &head)?;
        let first = 5u32;
        for (i, item) in sheets[n].1.items.iter().enumerate() {
            let r = first + i as u32;
            ws.merge_range(r, 1, r, 2, &item.name, &cell)?;
            let fmt = match item.answer {
                Answer::No => &no,
                Answer::ForReviewer => &pending,
                Answer::Yes => &cell,
            };
            ws.write_string_with_format(r, 3, item.answer.zh(), fmt)?;
            ws.write_string_with_format(r, 4, item.evidence_lines(true).join("\n"), &cell)?;
            let mut rules: Vec<&str> = item.evidence.iter().map(|e| e.rule.id()).collect();
            rules.dedup();
            ws.write_string_with_format(r, 5, rules.join(" "), &cell)?;
        }
        // The group column: each group one merged cell over its rows, as reviewers lay it out.
        let items = &list.items;
        let mut start = 0;
        while start < items.len() {
            let end = items[start..].iter().position(|i| i.group != items[start].group).map_or(items.len(), |p| start + p);
            let (r0, r1) = (first + start as u32, first + end as u32 - 1);
            if r1 > r0 {
                ws.merge_range(r0, 0, r1, 0, items[start].group, &cell)?;
            } else {
                ws.write_string_with_format(r0, 0, items[start].group, &cell)?;
            }
            start = end;
        }
        for (c, w) in [(0u16, 10.0), (1, 22.0), (2, 22.0), (3, 10.0), (4, 90.0), (5, 14.0)] {
            ws.set_column_width(c, w)?;
        }
    }
    wb.save_to_buffer()
}

//! The .xlsx report of one unit, made with rust_xlsxwriter in the worker: a summary sheet with
//! every finding (linked to its cell), then one sheet per recognised table laid out as the page
//! shows it (code, name, amounts). The checked cell of each error is filled red, of each warning
//! amber, and carries the findings about it as a cell note; the findings sheet gives the
//! original address of every cell.

use std::collections::HashMap;

use gouji_core::model::{Half, MoneyUnit, Table};
use gouji_core::{BudgetReport, Finding, Severity};
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Note, Url, Workbook, Worksheet, XlsxError};

use crate::i18n::Lang;

/// The fill of a cell an error is about (Excel's own "bad" red).
pub const ERROR_FILL: u32 = 0xFFC7CE;
pub const ERROR_FONT: u32 = 0x9C0006;
/// The fill of a cell a warning is about.
pub const WARNING_FILL: u32 = 0xFFEB9C;

/// The report's own words, from `i18n` (the findings carry both languages).
struct Words {
    summary_sheet: &'static str,
    title: &'static str,
    files: &'static str,
    headers: [&'static str; 12],
    no_findings: &'static str,
    not_checked: &'static str,
    code: &'static str,
    name: &'static str,
    where_: &'static str,
    unit: &'static str,
    empty: &'static str,
    severity: [&'static str; 3],
    income: &'static str,
    expenditure: &'static str,
}

fn words(lang: Lang) -> Words {
    let t = lang.texts();
    Words {
        summary_sheet: t.report_sheet,
        title: t.report_title,
        files: t.files_label,
        headers: [
            t.report_no,
            t.filter_severity,
            t.filter_rule,
            t.report_rule_title,
            t.filter_table,
            t.report_message,
            t.expected,
            t.actual,
            t.difference,
            t.report_unit,
            t.report_cells,
            t.report_review,
        ],
        no_findings: t.findings_none,
        not_checked: t.not_checked_title,
        code: t.col_code,
        name: t.col_name,
        where_: t.report_where,
        unit: t.money_unit_label,
        empty: t.report_empty,
        severity: [t.sev_error, t.sev_warning, t.sev_info],
        income: t.half_income,
        expenditure: t.half_expenditure,
    }
}

/// The report's cell formats.
struct Formats {
    bold: Format,
    title: Format,
    head: Format,
    wrap: Format,
    muted: Format,
    red: Format,
}

impl Formats {
    fn new() -> Self {
        Formats {
            bold: Format::new().set_bold(),
            title: Format::new().set_bold().set_font_size(14),
            head: Format::new().set_bold().set_background_color(Color::RGB(0xE8F1F5)).set_border_bottom(FormatBorder::Thin).set_text_wrap(),
            wrap: Format::new().set_text_wrap(),
            muted: Format::new().set_font_color(Color::RGB(0x6A7582)),
            red: Format::new().set_font_color(Color::RGB(ERROR_FONT)).set_bold(),
        }
    }
}

/// A finding's first columns in a findings list: its number (from 1), severity (errors in red)
/// and rule.
fn finding_head(ws: &mut Worksheet, row: u32, index: usize, f: &Finding, w: &Words, fm: &Formats) -> Result<(), XlsxError> {
    ws.write_number(row, 0, (index + 1) as f64)?;
    let sev = w.severity[severity_index(f.severity)];
    if f.severity == Severity::Error {
        ws.write_string_with_format(row, 1, sev, &fm.red)?;
    } else {
        ws.write_string(row, 1, sev)?;
    }
    ws.write_string(row, 2, f.rule.id())?;
    Ok(())
}

/// A finding's expected, actual and difference, as numbers from column `col` on.
fn finding_amounts(ws: &mut Worksheet, row: u32, col: u16, f: &Finding) -> Result<(), XlsxError> {
    for (c, d) in [(col, f.expected), (col + 1, f.actual), (col + 2, f.difference)] {
        if let Some(d) = d {
            ws.write_number(row, c, d.to_f64().unwrap_or(0.0))?;
        }
    }
    Ok(())
}

/// What every sheet of a unit's report is written with.
struct Cx<'a> {
    r: &'a BudgetReport,
    w: &'a Words,
    lang: Lang,
    fm: &'a Formats,
}

/// The findings about each original cell (the checked cell of each finding): (sheet, row, col) →
/// indices in the report's findings.
type About = HashMap<(String, u32, u32), Vec<usize>>;

fn severity_index(s: Severity) -> usize {
    match s {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`, unique.
fn sheet_name(wanted: &str, taken: &mut Vec<String>) -> String {
    let clean: String = wanted.chars().map(|c| if "[]:*?/\\".contains(c) { '_' } else { c }).collect();
    let clean = clean.trim_matches('\'').trim().to_string();
    let base: String = clean.chars().take(31).collect();
    let mut name = if base.is_empty() { "Sheet".to_string() } else { base.clone() };
    let mut n = 2;
    while taken.iter().any(|t| t.to_lowercase() == name.to_lowercase()) {
        let suffix = format!(" ({n})");
        name = base.chars().take(31 - suffix.chars().count()).collect::<String>() + &suffix;
        n += 1;
    }
    taken.push(name.clone());
    name
}

fn num_format(t: &Table) -> String {
    let dp = match t.unit {
        Some(MoneyUnit::TenThousandYuan | MoneyUnit::HundredMillionYuan) => t.decimals.max(2),
        _ => t.decimals,
    };
    if dp == 0 {
        "#,##0".to_string()
    } else {
        format!("#,##0.{}", "0".repeat(dp.min(6) as usize))
    }
}

/// Where each original cell of the tables landed in the report: (sheet, row, col) → (report
/// sheet, row, col).
type Placement = HashMap<(String, u32, u32), (String, u32, u16)>;

/// The .xlsx report of one unit: a summary sheet, then each table on its own sheet. `lang`
/// chooses the language of the report's own words (the findings carry both languages; the chosen
/// one comes first); `review` gives the person's mark on a finding (worded), if any.
pub fn xlsx_report(
    r: &BudgetReport,
    lang: Lang,
    files: &[String],
    review: &dyn Fn(&Finding) -> Option<String>,
) -> Result<Vec<u8>, XlsxError> {
    let w = &words(lang);
    let b = &r.budget;
    let mut wb = Workbook::new();
    let fm = &Formats::new();

    // Sheet names first, so findings can link to the table sheets.
    let mut taken = Vec::new();
    let summary_name = sheet_name(w.summary_sheet, &mut taken);
    let table_names: Vec<String> = b
        .tables
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let name = match lang {
                Lang::Zh => t.kind.name_zh(),
                Lang::En => t.kind.name_en(),
            };
            sheet_name(&format!("{} {}", i + 1, name.trim_start_matches('部').trim_start_matches('门')), &mut taken)
        })
        .collect();

    // The findings about each original cell (the checked cell of each finding).
    let mut about: About = HashMap::new();
    for (i, f) in r.findings.iter().enumerate() {
        if let Some(c) = f.cells.first() {
            about.entry((c.sheet.to_string(), c.row, c.col)).or_default().push(i);
        }
    }

    let cx = &Cx { r, w, lang, fm };
    let mut placement: Placement = HashMap::new();
    let mut table_sheets: Vec<Worksheet> = Vec::new();
    for (ti, t) in b.tables.iter().enumerate() {
        table_sheets.push(table_sheet(cx, t, &table_names[ti], &about, &mut placement)?);
    }
    let ws = summary_sheet(cx, &summary_name, files, review, &placement)?;
    wb.push_worksheet(ws);
    for ws in table_sheets {
        wb.push_worksheet(ws);
    }
    wb.save_to_buffer()
}

/// One table re-laid out on its own sheet: each amount filled by the worst finding about it, with
/// a note of those findings; where each original cell landed goes into `placement`.
fn table_sheet(cx: &Cx<'_>, t: &Table, name: &str, about: &About, placement: &mut Placement) -> Result<Worksheet, XlsxError> {
    let Cx { r, w, lang, fm } = *cx;
    let message = |i: usize| {
        let f = &r.findings[i];
        let (first, second) = match lang {
            Lang::Zh => (&f.message, &f.message_en),
            Lang::En => (&f.message_en, &f.message),
        };
        format!("{} {}{}{}\n\n{}", f.rule, w.severity[severity_index(f.severity)], lang.pick("：", ": "), first, second)
    };
    let mut ws = Worksheet::new();
    ws.set_name(name)?;
    let amount = Format::new().set_num_format(num_format(t)).set_align(FormatAlign::Right);
    let bad = amount.clone().set_background_color(Color::RGB(ERROR_FILL)).set_font_color(Color::RGB(ERROR_FONT)).set_bold();
    let warn = amount.clone().set_background_color(Color::RGB(WARNING_FILL));
    let bad_text = Format::new().set_background_color(Color::RGB(ERROR_FILL)).set_font_color(Color::RGB(ERROR_FONT));
    ws.write_string_with_format(0, 0, &t.title, &fm.title)?;
    let unit = t.unit.map(|u| match lang {
        Lang::Zh => u.label(),
        Lang::En => u.label_en(),
    });
    let colon = lang.pick("：", ": ");
    let mut meta = format!("{}{colon}{}!{}", w.where_, t.sheet, t.title_cell.a1());
    if let Some(u) = unit {
        meta.push_str(&format!("    {}{colon}{u}", w.unit));
    }
    if t.empty {
        meta.push_str(&format!("    {}", w.empty));
    }
    ws.write_string_with_format(1, 0, &meta, &fm.muted)?;
    let two = t.kind.two_halves();
    let first_amount: u16 = if two { 3 } else { 2 };
    ws.write_string_with_format(3, 0, w.code, &fm.head)?;
    ws.write_string_with_format(3, 1, w.name, &fm.head)?;
    if two {
        ws.write_string_with_format(3, 2, "", &fm.head)?;
    }
    for (ci, c) in t.columns.iter().enumerate() {
        // The header's last level (`支出预算 / 合计` → `合计`): the levels above are shared.
        let last = c.header.rsplit(" / ").next().unwrap_or("").trim();
        let label = if last.is_empty() { c.role.name_zh().to_string() } else { last.to_string() };
        ws.write_string_with_format(3, first_amount + ci as u16, &label, &fm.head)?;
    }
    ws.set_column_width(0, 11)?;
    ws.set_column_width(1, 36)?;
    for ci in 0..t.columns.len() {
        ws.set_column_width(first_amount + ci as u16, 17)?;
    }
    ws.set_freeze_panes(4, 2)?;
    // Two-half tables: the income half's lines first, then the expenditure half's.
    let mut order: Vec<usize> = (0..t.rows.len()).collect();
    if two {
        order.sort_by_key(|&i| (t.rows[i].half == Half::Expenditure, t.rows[i].row));
    }
    for (k, &ri) in order.iter().enumerate() {
        let row = &t.rows[ri];
        let out_row = 4 + k as u32;
        if let Some(code) = &row.code {
            ws.write_string(out_row, 0, code.as_str())?;
        }
        let indent = match row.code.as_ref().map(|c| c.level()) {
            Some(2) => "  ",
            Some(3) => "    ",
            _ => "",
        };
        let label_key = (row.label_cell.sheet.to_string(), row.label_cell.row, row.label_cell.col);
        let label_bad = about.get(&label_key).is_some_and(|v| v.iter().any(|&i| r.findings[i].severity == Severity::Error));
        let name = format!("{indent}{}", row.name);
        if label_bad {
            ws.write_string_with_format(out_row, 1, &name, &bad_text)?;
        } else {
            ws.write_string(out_row, 1, &name)?;
        }
        placement.insert(label_key, (name.to_string(), out_row, 1));
        if two {
            let side = match row.half {
                Half::Income => w.income,
                Half::Expenditure => w.expenditure,
                Half::Whole => "",
            };
            ws.write_string_with_format(out_row, 2, side, &fm.muted)?;
        }
        for (ci, _) in t.columns.iter().enumerate() {
            let Some(a) = row.amount(ci) else { continue };
            let col = first_amount + ci as u16;
            let key = (a.cell.sheet.to_string(), a.cell.row, a.cell.col);
            let findings = about.get(&key);
            let worst = findings.and_then(|v| v.iter().map(|&i| r.findings[i].severity).min());
            let fmt = match worst {
                Some(Severity::Error) => &bad,
                Some(Severity::Warning) => &warn,
                _ => &amount,
            };
            if a.blank {
                ws.write_blank(out_row, col, fmt)?;
            } else {
                ws.write_number_with_format(out_row, col, a.value.to_f64().unwrap_or(0.0), fmt)?;
            }
            if let Some(v) = findings {
                let text = v.iter().map(|&i| message(i)).collect::<Vec<_>>().join("\n\n");
                let note =
                    Note::new(format!("{}!{}\n{text}", a.cell.sheet, a.cell.a1())).set_author("gouji").set_width(420).set_height(220);
                ws.insert_note(out_row, col, &note)?;
            }
            placement.insert(key, (name.to_string(), out_row, col));
        }
    }
    Ok(ws)
}

/// The summary sheet: counts, then every finding with a link to where its cell landed.
fn summary_sheet(
    cx: &Cx<'_>,
    summary_name: &str,
    files: &[String],
    review: &dyn Fn(&Finding) -> Option<String>,
    placement: &Placement,
) -> Result<Worksheet, XlsxError> {
    let Cx { r, w, lang, fm } = *cx;
    let b = &r.budget;
    let mut ws = Worksheet::new();
    ws.set_name(summary_name)?;
    let unit_line = [b.unit_name.clone().unwrap_or_default(), b.year.map(|y| format!("{y}")).unwrap_or_default()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    ws.write_string_with_format(0, 0, format!("{} {unit_line}", w.title).trim(), &fm.title)?;
    let counts = crate::i18n::report_counts(lang, r.count(Severity::Error), r.count(Severity::Warning), r.count(Severity::Info));
    ws.write_string_with_format(1, 0, &counts, &fm.bold)?;
    if !files.is_empty() {
        ws.write_string_with_format(2, 0, format!("{}{}{}", w.files, lang.pick("：", ": "), files.join(lang.pick("，", ", "))), &fm.muted)?;
    }
    for (c, h) in w.headers.iter().enumerate() {
        ws.write_string_with_format(3, c as u16, *h, &fm.head)?;
    }
    for (c, width) in [6.0, 8.0, 8.0, 26.0, 24.0, 70.0, 16.0, 16.0, 14.0, 7.0, 30.0, 24.0].into_iter().enumerate() {
        ws.set_column_width(c as u16, width)?;
    }
    ws.set_freeze_panes(4, 0)?;
    let mut row = 4u32;
    if r.findings.is_empty() {
        ws.write_string(row, 0, w.no_findings)?;
        row += 1;
    }
    for (i, f) in r.findings.iter().enumerate() {
        let (msg, title) = match lang {
            Lang::Zh => (&f.message, f.rule.title),
            Lang::En => (&f.message_en, f.rule.title_en),
        };
        finding_head(&mut ws, row, i, f, w, fm)?;
        ws.write_string(row, 3, title)?;
        let table = f.table.map(|k| match lang {
            Lang::Zh => k.name_zh(),
            Lang::En => k.name_en(),
        });
        ws.write_string(row, 4, table.unwrap_or(""))?;
        let mut text = msg.clone();
        if let Some(span) = &f.text {
            if let Some((page, line)) = span.page.zip(span.page_line) {
                text.push_str(&format!("\n{}", crate::i18n::page_line(lang, page, line)));
            }
            text.push_str(&format!("\n「{}」", span.sentence));
        }
        ws.write_string_with_format(row, 5, &text, &fm.wrap)?;
        finding_amounts(&mut ws, row, 6, f)?;
        ws.write_string(row, 9, f.unit.map(|u| u.label()).unwrap_or(""))?;
        let cells = f.cells.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
        match f.cells.first().and_then(|c| placement.get(&(c.sheet.to_string(), c.row, c.col))) {
            Some((sheet, r0, c0)) => {
                let target = format!(
                    "internal:'{}'!{}",
                    sheet.replace('\'', "''"),
                    gouji_core::cell::column_letters(*c0 as u32) + &(r0 + 1).to_string()
                );
                ws.write_url_with_text(row, 10, Url::new(target), &cells)?;
            }
            None => {
                ws.write_string(row, 10, &cells)?;
            }
        }
        if let Some(mark) = review(f) {
            ws.write_string_with_format(row, 11, &mark, &fm.wrap)?;
        }
        row += 1;
    }
    if !r.not_checked.is_empty() {
        row += 1;
        ws.write_string_with_format(row, 0, w.not_checked, &fm.bold)?;
        row += 1;
        for n in &r.not_checked {
            ws.write_string(row, 2, n.rule.id())?;
            let reason = match lang {
                Lang::Zh => &n.reason,
                Lang::En => &n.reason_en,
            };
            ws.write_string_with_format(row, 5, reason, &fm.wrap)?;
            row += 1;
        }
    }

    Ok(ws)
}

/// The report of a check of several units: a summary sheet (the roll-up: each unit with its
/// source, year, kind and counts, linked to its sheet) and one findings sheet per unit. `review`
/// gives the person's mark on a finding of a unit (worded), if any.
pub fn xlsx_units(
    reports: &[BudgetReport],
    lang: Lang,
    files: &[String],
    review: &dyn Fn(usize, &Finding) -> Option<String>,
) -> Result<Vec<u8>, XlsxError> {
    let w = &words(lang);
    let t = lang.texts();
    let mut wb = Workbook::new();
    let fm = &Formats::new();
    let mut taken = Vec::new();
    let summary_name = sheet_name(t.rollup_title, &mut taken);
    let unit_name = |r: &BudgetReport| r.budget.unit_name.clone().unwrap_or_else(|| t.unit_unnamed.to_string());
    let names: Vec<String> =
        reports.iter().enumerate().map(|(i, r)| sheet_name(&format!("{} {}", i + 1, unit_name(r)), &mut taken)).collect();

    let mut ws = Worksheet::new();
    ws.set_name(&summary_name)?;
    ws.write_string_with_format(0, 0, format!("{} · {}", w.title, t.rollup_title), &fm.title)?;
    let errors: usize = reports.iter().map(|r| r.count(Severity::Error)).sum();
    let with_errors = reports.iter().filter(|r| r.count(Severity::Error) > 0).count();
    ws.write_string_with_format(
        1,
        0,
        lang.pick(
            &format!("{} 个单位，{with_errors} 个有错误，共 {errors} 个错误", reports.len()),
            &format!("{} units, {with_errors} with errors, {errors} errors in all", reports.len()),
        ),
        &fm.bold,
    )?;
    if !files.is_empty() {
        ws.write_string_with_format(2, 0, format!("{}{}{}", w.files, lang.pick("：", ": "), files.join(lang.pick("，", ", "))), &fm.muted)?;
    }
    let headers =
        [t.report_no, t.rollup_unit, t.rollup_source, t.rollup_year, t.rollup_kind, t.rollup_errors, t.rollup_warnings, t.sev_info];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(3, c as u16, *h, &fm.head)?;
    }
    for (c, width) in [6.0, 36.0, 28.0, 8.0, 8.0, 8.0, 8.0, 8.0].into_iter().enumerate() {
        ws.set_column_width(c as u16, width)?;
    }
    ws.set_freeze_panes(4, 0)?;
    for (i, r) in reports.iter().enumerate() {
        let row = 4 + i as u32;
        let b = &r.budget;
        ws.write_number(row, 0, (i + 1) as f64)?;
        ws.write_url_with_text(row, 1, Url::new(format!("internal:'{}'!A1", names[i].replace('\'', "''"))), unit_name(r))?;
        ws.write_string(row, 2, crate::view::file_names(&b.files))?;
        if let Some(y) = b.year {
            ws.write_number(row, 3, f64::from(y))?;
        }
        let kind = if b.kind == gouji_core::model::DocKind::FinalAccounts { t.rollup_final_accounts } else { t.rollup_budget };
        ws.write_string(row, 4, kind)?;
        let e = r.count(Severity::Error);
        if e > 0 {
            ws.write_number_with_format(row, 5, e as f64, &fm.red)?;
        } else {
            ws.write_number(row, 5, 0.0)?;
        }
        ws.write_number(row, 6, r.count(Severity::Warning) as f64)?;
        ws.write_number(row, 7, r.count(Severity::Info) as f64)?;
    }
    wb.push_worksheet(ws);

    for (i, r) in reports.iter().enumerate() {
        let mut ws = Worksheet::new();
        ws.set_name(&names[i])?;
        ws.write_string_with_format(
            0,
            0,
            format!("{} {}", unit_name(r), r.budget.year.map(|y| y.to_string()).unwrap_or_default()).trim(),
            &fm.title,
        )?;
        ws.write_url_with_text(
            1,
            0,
            Url::new(format!("internal:'{}'!A1", summary_name.replace('\'', "''"))),
            lang.pick("← 汇总", "← Roll-up"),
        )?;
        let cols = [
            t.report_no,
            t.filter_severity,
            t.filter_rule,
            t.report_message,
            t.expected,
            t.actual,
            t.difference,
            t.report_unit,
            t.report_cells,
            t.report_review,
        ];
        for (c, h) in cols.iter().enumerate() {
            ws.write_string_with_format(3, c as u16, *h, &fm.head)?;
        }
        for (c, width) in [6.0, 8.0, 8.0, 70.0, 16.0, 16.0, 14.0, 7.0, 30.0, 24.0].into_iter().enumerate() {
            ws.set_column_width(c as u16, width)?;
        }
        ws.set_freeze_panes(4, 0)?;
        if r.findings.is_empty() {
            ws.write_string(4, 0, w.no_findings)?;
        }
        for (k, f) in r.findings.iter().enumerate() {
            let row = 4 + k as u32;
            finding_head(&mut ws, row, k, f, w, fm)?;
            ws.write_string_with_format(row, 3, lang.pick(&f.message, &f.message_en), &fm.wrap)?;
            finding_amounts(&mut ws, row, 4, f)?;
            ws.write_string(row, 7, f.unit.map(|u| u.label()).unwrap_or(""))?;
            ws.write_string(row, 8, f.cells.iter().map(ToString::to_string).collect::<Vec<_>>().join(", "))?;
            if let Some(m) = review(i, f) {
                ws.write_string_with_format(row, 9, &m, &fm.wrap)?;
            }
        }
        wb.push_worksheet(ws);
    }
    wb.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Data, Reader, Xlsx};
    use gouji_core::model::{ColumnRole as R, TableKind as K};
    use gouji_fixtures::*;
    use rust_decimal::Decimal;
    use std::io::Cursor;

    fn seed_with_errors() -> Vec<u8> {
        let mut bad = seed_budget();
        set_amount(&mut bad, K::Expenditure, "2060101", R::Basic, Decimal::from(51_570_687));
        set_amount(&mut bad, K::ThreePublic, "三公经费", R::Reception, Decimal::new(19_850, 2));
        to_xlsx(&render(&bad, &Layout::default()))
    }

    fn is_red(style: Option<&calamine::Style>) -> bool {
        style
            .and_then(|s| s.fill.as_ref())
            .filter(|f| f.is_visible())
            .and_then(|f| f.get_color())
            .is_some_and(|c| (c.red, c.green, c.blue) == (0xFF, 0xC7, 0xCE))
    }

    #[test]
    fn the_report_fills_the_wrong_cells_red_and_lists_the_findings() {
        let bytes = seed_with_errors();
        let analysis =
            gouji_core::analyse(&[gouji_core::InputFile { name: "seed-errors.xlsx", bytes: &bytes }], &gouji_core::Limits::default())
                .unwrap();
        let report = &analysis.budgets[0];
        assert_eq!(report.count(Severity::Error), 3);
        let xlsx = xlsx_report(report, Lang::Zh, &[], &|_| None).expect("report");
        assert!(xlsx.starts_with(b"PK"));

        let mut book: Xlsx<_> = Xlsx::new(Cursor::new(xlsx)).expect("reads back");
        let names = book.sheet_names().to_vec();
        assert_eq!(names[0], "检查结果");
        assert_eq!(names.len(), 1 + 8, "{names:?}");

        // The summary lists the three errors, each linking to its cell.
        let summary = book.worksheet_range("检查结果").unwrap();
        let rules: Vec<String> = (4..7).map(|r| summary.get_value((r, 2)).map(|d| d.to_string()).unwrap_or_default()).collect();
        let mut sorted = rules.clone();
        sorted.sort();
        assert_eq!(sorted, ["GJ101", "GJ201", "GJ202"], "{rules:?}");
        let cells: Vec<String> = (4..7).map(|r| summary.get_value((r, 10)).map(|d| d.to_string()).unwrap_or_default()).collect();
        assert!(cells.iter().any(|c| c.starts_with("表3 支出总表!E12")), "{cells:?}");

        // The expenditure sheet: the red cells are exactly the checked cells of the errors.
        let sheet = names.iter().find(|n| n.contains("支出预算总表") && !n.contains("财政")).expect("expenditure sheet").clone();
        let values = book.worksheet_range(&sheet).unwrap();
        let styles = book.worksheet_style(&sheet).unwrap();
        let mut red: Vec<(String, String)> = Vec::new();
        for (r, c, s) in styles.cells() {
            if is_red(Some(s)) && c >= 2 {
                let code = match values.get_value((r, 0)) {
                    Some(Data::String(s)) => s.clone(),
                    _ => String::new(),
                };
                let header = values.get_value((3, c)).map(|d| d.to_string()).unwrap_or_default();
                red.push((code, header));
            }
        }
        red.sort();
        assert_eq!(red, [("20601".to_string(), "基本支出".to_string()), ("2060101".to_string(), "合计".to_string())], "{red:?}");
        // The 2060101 合计 cell holds the value and carries a note (calamine does not read notes;
        // the note's presence is checked in the package's XML below).
        let row =
            (4..values.height() as u32).find(|r| matches!(values.get_value((*r, 0)), Some(Data::String(s)) if s == "2060101")).unwrap();
        assert_eq!(values.get_value((row, 2)), Some(&Data::Float(51_700_926.0)));

        // The 三公 sheet: the total is red.
        let tp = names.iter().find(|n| n.contains("三公")).unwrap().clone();
        let tp_styles = book.worksheet_style(&tp).unwrap();
        let tp_values = book.worksheet_range(&tp).unwrap();
        let red_tp: Vec<String> = tp_styles
            .cells()
            .filter(|(_, c, s)| *c >= 2 && is_red(Some(s)))
            .map(|(_, c, _)| tp_values.get_value((3, c)).map(|d| d.to_string()).unwrap_or_default())
            .collect();
        assert_eq!(red_tp.len(), 1, "{red_tp:?}");
        assert!(
            red_tp[0].contains("合计") || red_tp[0].contains("小计") || red_tp[0].is_empty() || red_tp[0].contains("三公"),
            "{red_tp:?}"
        );

        // Notes: the package holds comments for the red cells.
        let zip = String::from_utf8_lossy(&xlsx_report(report, Lang::Zh, &[], &|_| None).unwrap()).to_string();
        assert!(zip.contains("xl/comments"), "the report has cell notes");
    }

    #[test]
    fn a_clean_budget_gives_a_report_without_red_cells_and_sheet_names_are_valid() {
        let bytes = to_xlsx(&render(&seed_budget(), &Layout::default()));
        let analysis =
            gouji_core::analyse(&[gouji_core::InputFile { name: "seed.xlsx", bytes: &bytes }], &gouji_core::Limits::default()).unwrap();
        let xlsx = xlsx_report(&analysis.budgets[0], Lang::En, &["seed.xlsx".into()], &|_| None).unwrap();
        let mut book: Xlsx<_> = Xlsx::new(Cursor::new(xlsx)).unwrap();
        let names = book.sheet_names().to_vec();
        assert_eq!(names[0], "Findings");
        for n in &names {
            let styles = book.worksheet_style(n).unwrap();
            assert!(styles.cells().all(|(_, _, s)| !is_red(Some(s))), "{n}");
        }
        let mut taken = vec![];
        assert_eq!(sheet_name("a/b", &mut taken), "a_b");
        assert_eq!(sheet_name("A_B", &mut taken), "A_B (2)");
        assert_eq!(sheet_name(&"长".repeat(40), &mut taken).chars().count(), 31);
    }
}

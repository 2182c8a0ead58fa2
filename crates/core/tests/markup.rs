//! The person's own workbook, marked up (`gouji_core::markup`): the same workbook with each wrong
//! cell filled and noted, and a findings sheet linking to the cells — read back with calamine.

use std::io::{Cursor, Read};

use calamine::{Data, Reader, Xlsx};
use gouji_core::markup::{mark_up, Listed};
use gouji_core::model::{ColumnRole as R, TableKind as K};
use gouji_core::{check, read_budgets, InputFile, Limits, Severity};
use gouji_fixtures::*;
use rust_decimal::Decimal;

fn with_errors() -> Vec<u8> {
    let mut bad = seed_budget();
    set_amount(&mut bad, K::Expenditure, "2060101", R::Basic, Decimal::from(51_570_687));
    set_amount(&mut bad, K::ThreePublic, "三公经费", R::Reception, Decimal::new(19_850, 2));
    to_xlsx(&render(&bad, &Layout::default()))
}

fn entry(zip: &[u8], name: &str) -> Option<String> {
    let mut z = zip::ZipArchive::new(Cursor::new(zip)).ok()?;
    let mut s = String::new();
    z.by_name(name).ok()?.read_to_string(&mut s).ok()?;
    Some(s)
}

fn fill_rgb(style: &calamine::Style) -> Option<(u8, u8, u8)> {
    style.fill.as_ref().filter(|f| f.is_visible()).and_then(|f| f.get_color()).map(|c| (c.red, c.green, c.blue))
}

#[test]
fn the_persons_workbook_comes_back_with_its_wrong_cells_filled_and_noted_and_nothing_else_changed() {
    let original = with_errors();
    let (budgets, _) = read_budgets(&[InputFile { name: "科委.xlsx", bytes: &original }], &Limits::default()).unwrap();
    let report = check(&budgets[0]);
    let errors: Vec<_> = report.findings.iter().filter(|f| f.severity == Severity::Error).collect();
    assert_eq!(errors.len(), 3, "{:#?}", report.findings);
    let listed: Vec<Listed<'_>> = report
        .findings
        .iter()
        .map(|f| Listed { finding: f, review: if f.rule.id() == "GJ201" { "可接受：录入错误".into() } else { String::new() } })
        .collect();
    let marked = mark_up(&original, &Limits::default(), &listed, true).expect("marked up");

    let mut before = Xlsx::new(Cursor::new(original.clone())).unwrap();
    let mut after = Xlsx::new(Cursor::new(marked.clone())).unwrap();
    let names = before.sheet_names();
    let mut marked_names = after.sheet_names();
    assert_eq!(marked_names.pop().as_deref(), Some("gouji 检查结果"), "the findings sheet comes last");
    assert_eq!(marked_names, names, "every sheet kept, in its order");
    for name in &names {
        assert_eq!(before.worksheet_range(name).unwrap(), after.worksheet_range(name).unwrap(), "{name}: every value kept");
    }
    // Each error's checked cell is filled red; no other cell changed its fill.
    for f in &errors {
        let c = f.cells.first().unwrap();
        let styles = after.worksheet_style(&c.sheet).unwrap();
        let filled: Vec<(u32, u32)> =
            styles.cells().filter(|(_, _, s)| fill_rgb(s) == Some((0xFF, 0xC7, 0xCE))).map(|(r, col, _)| (r, col)).collect();
        assert!(filled.contains(&(c.row, c.col)), "{c} is filled: {filled:?}");
    }
    let mut red = 0;
    for name in &names {
        red += after.worksheet_style(name).unwrap().cells().filter(|(_, _, s)| fill_rgb(s) == Some((0xFF, 0xC7, 0xCE))).count();
        assert_eq!(before.worksheet_style(name).unwrap().cells().filter(|(_, _, s)| fill_rgb(s) == Some((0xFF, 0xC7, 0xCE))).count(), 0);
    }
    let cells: std::collections::BTreeSet<_> = errors.iter().map(|f| f.cells[0].clone()).collect();
    assert_eq!(red, cells.len(), "only the checked cells");
    // A note on each, with the rule and message (and the person's review).
    let notes: String = (1..=8).filter_map(|k| entry(&marked, &format!("xl/comments_gouji{k}.xml"))).collect();
    for f in &errors {
        assert!(notes.contains(&format!("[{}]", f.rule.id())), "{} noted: {notes}", f.rule.id());
    }
    assert!(notes.contains("可接受：录入错误"));
    let types = entry(&marked, "[Content_Types].xml").unwrap();
    assert!(types.contains("comments+xml") && types.contains("Extension=\"vml\""), "{types}");
    // The findings sheet: a header and one row per finding, each cell linked.
    let sheet = after.worksheet_range("gouji 检查结果").unwrap();
    assert_eq!(sheet.height(), report.findings.len() + 1);
    assert_eq!(sheet.get_value((0, 3)), Some(&Data::String("说明".into())));
    let xml = entry(&marked, "xl/worksheets/sheet_gouji1.xml").unwrap();
    let first = errors[0].cells.first().unwrap();
    assert!(xml.contains(&format!("location=\"'{}'!{}\"", first.sheet, first.a1())), "{xml}");
    // Marked up again (a second export): still a valid workbook, notes not doubled on a noted sheet.
    let again = mark_up(&marked, &Limits::default(), &listed, true).expect("marked up twice");
    let parts = |z: &[u8], prefix: &str| {
        zip::ZipArchive::new(Cursor::new(z)).unwrap().file_names().filter(|n| n.as_ref().is_ok_and(|n| n.starts_with(prefix))).count()
    };
    assert_eq!(parts(&again, "xl/comments"), parts(&marked, "xl/comments"), "a sheet with notes gets fills only");
    assert_eq!(parts(&again, "xl/worksheets/sheet_gouji"), 2, "a second findings sheet, under a fresh part name");
    let mut twice = Xlsx::new(Cursor::new(again)).unwrap();
    assert_eq!(twice.sheet_names().last().map(String::as_str), Some("gouji 检查结果 2"));
    for name in &names {
        assert_eq!(twice.worksheet_range(name).unwrap(), before.worksheet_range(name).unwrap());
    }
}

#[test]
fn what_is_not_an_ooxml_workbook_is_refused_in_words() {
    let e = mark_up(b"not a zip", &Limits::default(), &[], true).unwrap_err();
    assert!(e.to_string().contains("cannot") || e.to_string().contains("not an"), "{e}");
    let tight = Limits { max_file_bytes: 10, ..Limits::default() };
    assert_eq!(mark_up(&with_errors(), &tight, &[], true).unwrap_err(), gouji_core::markup::MarkupError::TooLarge);
}

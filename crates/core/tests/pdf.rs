//! The seed budget printed to PDF (krilla, Noto Sans CJK, as budget offices print: ruled tables,
//! merged header cells, blank cells, tables across pages, repeated headers and page headers,
//! 万元 with decimals, the two-sided 收支总表) reads as the same budget as the same layout
//! written to xlsx, every cell on its page.

use gouji_core::model::{Budget, TableKind as K};
use gouji_core::Severity;
use gouji_fixtures::*;

fn read_pdf(layout: &Layout, style: &PdfStyle) -> gouji_core::Analysis {
    let pdf = to_pdf(&render(&seed_budget(), layout), style).expect("the CJK font is installed (./x setup)");
    analyse_files(&[("seed.pdf".into(), pdf)]).expect("the PDF reads")
}

fn read_xlsx(layout: &Layout) -> gouji_core::Analysis {
    analyse_files(&[("seed.xlsx".into(), to_xlsx(&render(&seed_budget(), layout)))]).expect("the xlsx reads")
}

fn assert_same_budget(pdf: &Budget, xlsx: &Budget, what: &str) {
    let kinds = |b: &Budget| b.tables.iter().map(|t| t.kind).collect::<Vec<_>>();
    assert_eq!(kinds(pdf), kinds(xlsx), "{what}: the tables found");
    for (p, x) in pdf.tables.iter().zip(&xlsx.tables) {
        assert_eq!(table_digest(p), table_digest(x), "{what}: {:?}", p.kind);
        assert_eq!((p.unit, p.empty, &p.title), (x.unit, x.empty, &x.title), "{what}: {:?}", p.kind);
        let roles = |t: &gouji_core::Table| t.columns.iter().map(|c| (c.role, c.half)).collect::<Vec<_>>();
        assert_eq!(roles(p), roles(x), "{what}: {:?} columns", p.kind);
    }
    assert_eq!((&pdf.unit_name, pdf.year), (&xlsx.unit_name, xlsx.year), "{what}");
}

#[test]
fn every_layout_printed_to_pdf_reads_as_its_xlsx() {
    let layouts = [
        ("default", Layout::default()),
        ("万元 with decimals", Layout { wan_yuan: true, ..Layout::default() }),
        ("joined codes", Layout { codes: CodeStyle::Joined, ..Layout::default() }),
        ("codes in the name", Layout { codes: CodeStyle::InName, ..Layout::default() }),
    ];
    let styles = [
        ("one page wide, pages as they fill", PdfStyle::default()),
        ("across pages, header repeated", PdfStyle { rows_per_page: Some(9), repeat_header: true, ..PdfStyle::default() }),
        (
            "across pages, no header, page headers and numbers",
            PdfStyle { rows_per_page: Some(7), page_header: true, ..PdfStyle::default() },
        ),
        ("stroked rules", PdfStyle { rules: Rules::Strokes, rows_per_page: Some(12), ..PdfStyle::default() }),
    ];
    for (lname, layout) in &layouts {
        let xlsx = read_xlsx(layout);
        for (sname, style) in &styles {
            let what = format!("{lname}, {sname}");
            let pdf = read_pdf(layout, style);
            assert_eq!(pdf.budgets.len(), 1, "{what}: one unit");
            assert_same_budget(&pdf.budgets[0].budget, &xlsx.budgets[0].budget, &what);
            let errors: Vec<_> = pdf.budgets[0].findings.iter().filter(|f| f.severity != Severity::Info).collect();
            assert!(errors.is_empty(), "{what}: {errors:#?}");
        }
    }
}

#[test]
fn a_table_across_pages_keeps_each_cell_on_its_page() {
    let a = read_pdf(&Layout::default(), &PdfStyle { rows_per_page: Some(8), page_header: true, ..PdfStyle::default() });
    let b = &a.budgets[0].budget;
    let revenue = b.table(K::Revenue).unwrap();
    let (first, last) = revenue.pages().expect("a PDF table has pages");
    assert!(last > first, "the revenue table runs over pages {first}–{last}");
    // Its rows are in order of print: pages never go back.
    let mut pages: Vec<u32> = revenue.rows.iter().map(|r| revenue.place_of(&r.amounts[0].as_ref().unwrap().cell).unwrap().page).collect();
    let sorted = {
        let mut p = pages.clone();
        p.sort_unstable();
        p
    };
    assert_eq!(pages, sorted);
    pages.dedup();
    assert_eq!(pages.len() as u32, last - first + 1);
    // A cell's box lies on its page.
    for row in &revenue.rows {
        for a in row.amounts.iter().flatten() {
            let p = revenue.place_of(&a.cell).unwrap();
            assert!(p.bbox[0] < p.bbox[2] && p.bbox[1] < p.bbox[3] && p.bbox[2] <= 842.0 && p.bbox[3] <= 595.0, "{p:?}");
        }
    }
}

#[test]
fn a_wrong_cell_in_the_pdf_is_found_at_its_page_and_box() {
    let mut b = seed_budget();
    let v = amount(&b, K::Expenditure, "2060101", gouji_core::model::ColumnRole::Basic);
    set_amount(&mut b, K::Expenditure, "2060101", gouji_core::model::ColumnRole::Basic, v + rust_decimal::Decimal::ONE);
    let pdf = to_pdf(&render(&b, &Layout::default()), &PdfStyle::default()).unwrap();
    let a = analyse_files(&[("broken.pdf".into(), pdf)]).unwrap();
    let f = a.budgets[0].findings.iter().find(|f| f.rule == "GJ101").expect("the hierarchy breaks");
    assert!(!f.places.is_empty(), "{f:#?}");
    let exp = a.budgets[0].budget.table(K::Expenditure).unwrap();
    let (first, last) = exp.pages().unwrap();
    assert!((first..=last).contains(&f.places[0].page), "{:?} on pages {first}–{last}", f.places[0]);
}

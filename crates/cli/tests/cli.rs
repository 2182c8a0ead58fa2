//! End-to-end tests of the `gouji` binary on the seed budget (上海市科学技术委员会 2021 部门预算,
//! text copied from the published PDF) and files made from it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_gouji");

/// The eight tables of a complete 部门预算 in the seed, in order.
const SEED_TABLES: [&str; 8] =
    ["summary", "revenue", "expenditure", "appropriation_summary", "gpb_function", "gf_function", "gpb_basic_economic", "three_public"];

/// The titles that start each table in the seed text.
const SEED_TITLES: [&str; 8] = [
    "2021年部门财务收支预算总表",
    "2021年部门收入预算总表",
    "2021年部门支出预算总表",
    "2021年部门财政拨款收支预算总表",
    "2021年部门一般公共预算支出功能分类预算表",
    "2021年部门政府性基金预算支出功能分类预算表",
    "2021年部门一般公共预算基本支出部门预算经济分类预算表",
    "部门“三公”经费和机关运行经费预算表",
];

fn seed_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/shanghai-stcsm-2021-budget.txt")
}

fn seed() -> String {
    std::fs::read_to_string(seed_path()).expect("tests/data/shanghai-stcsm-2021-budget.txt")
}

fn gouji(args: &[&str]) -> Output {
    Command::new(BIN).args(args).env_remove("NO_COLOR").output().expect("gouji runs")
}

fn gouji_in(args: &[&str], paths: &[&Path]) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.args(args).args(paths);
    cmd.output().expect("gouji runs")
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exited, not killed")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", stdout(o)))
}

fn budgets(v: &Value) -> &Vec<Value> {
    v["budgets"].as_array().expect("budgets is an array")
}

fn error_findings(b: &Value) -> Vec<&Value> {
    b["findings"].as_array().expect("findings array").iter().filter(|f| f["severity"] == "error").collect()
}

/// The seed with the revenue table's 干部教育 合计 one yuan too high (E132 in the text's grid).
fn seed_with_error() -> String {
    let s = seed();
    let row = "干部教育\t36,439,514\t33,270,935";
    assert_eq!(s.matches(row).count(), 1, "the revenue table's 干部教育 row occurs once");
    s.replace(row, "干部教育\t36,439,515\t33,270,935")
}

/// The line number (1-based) of the first line containing `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).expect("needle in text") + 1
}

#[test]
fn check_seed_json_has_the_contract_shape_and_no_errors() {
    let o = gouji(&["check", "--format", "json", seed_path().to_str().unwrap()]);
    assert_eq!(code(&o), 0, "stderr: {}", String::from_utf8_lossy(&o.stderr));
    let v = json(&o);
    let bs = budgets(&v);
    assert_eq!(bs.len(), 1);
    let b = &bs[0];
    assert!(b["path"].as_str().unwrap().ends_with("shanghai-stcsm-2021-budget.txt"));
    assert_eq!(b["unit_name"], "上海市科学技术委员会");
    assert_eq!(b["year"], 2021);
    assert!(b["error"].is_null());
    assert!(b["not_checked"].is_array());

    let tables = b["tables"].as_array().unwrap();
    let ids: Vec<&str> = tables.iter().map(|t| t["id"].as_str().unwrap()).collect();
    assert_eq!(ids, SEED_TABLES);
    for t in tables {
        assert_eq!(t["sheet"], "shanghai-stcsm-2021-budget.txt");
        let cell = t["title_cell"].as_str().unwrap();
        assert!(cell.starts_with('A') && cell[1..].parse::<u32>().is_ok(), "title_cell is A1 without sheet: {cell}");
        assert!(t["unit"].is_string());
        assert!(t["empty"].is_boolean());
    }
    // Each title cell is the line of the text where the table's title stands on its own.
    let seed = seed();
    for (t, title) in tables.iter().zip(SEED_TITLES) {
        let line = seed.lines().position(|l| l.trim() == title).expect("title line") + 1;
        assert_eq!(t["title_cell"], format!("A{line}"), "{title}");
    }
    assert_eq!(tables[2]["unit"], "元");
    assert_eq!(tables[7]["unit"], "万元");
    assert_eq!(tables[5]["empty"], true, "the 政府性基金 table has only its 合计 row");
    assert_eq!(tables[0]["empty"], false);

    assert!(b["findings"].is_array());
    assert!(error_findings(b).is_empty(), "seed has no error findings: {:#}", b["findings"]);
}

#[test]
fn check_text_output_is_chinese_by_default_and_english_on_request() {
    let path = seed_path();
    let zh = gouji(&["check", path.to_str().unwrap()]);
    assert_eq!(code(&zh), 0);
    let text = stdout(&zh);
    assert!(text.contains("上海市科学技术委员会 2021 年"), "{text}");
    assert!(text.contains("找到 8 张表"), "{text}");
    assert!(text.contains("0 个错误"), "{text}");
    assert!(!text.contains('\x1b'), "no colour when stdout is not a terminal");

    let en = gouji(&["check", "--lang", "en", path.to_str().unwrap()]);
    let text = stdout(&en);
    assert!(text.contains("8 table(s) found"), "{text}");
    assert!(text.contains("0 error(s)"), "{text}");
}

#[test]
fn an_injected_error_is_found_at_its_cell_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.txt");
    let text = seed_with_error();
    std::fs::write(&bad, &text).unwrap();
    // The changed amount is the 合计 column (E) of the 干部教育 row, on that line of the text.
    let cell = format!("bad.txt!E{}", line_of(&text, "干部教育\t36,439,515"));

    let o = gouji_in(&["check", "--format", "json"], &[&bad]);
    assert_eq!(code(&o), 1);
    let v = json(&o);
    let b = &budgets(&v)[0];
    let errors = error_findings(b);
    assert!(!errors.is_empty());
    let at_cell: Vec<&&Value> = errors.iter().filter(|f| f["cells"].as_array().unwrap().iter().any(|c| *c == cell.as_str())).collect();
    assert!(!at_cell.is_empty(), "an error names {cell}: {:#}", b["findings"]);
    // The row no longer adds across: 36,439,515 ≠ 33,270,935 + 3,168,579.
    let row = at_cell.iter().find(|f| f["rule"] == "GJ201").expect("a GJ201 row-arithmetic finding");
    assert_eq!(row["kind"], "row_arithmetic");
    assert_eq!(row["table"], "revenue");
    assert_eq!(row["actual"], "36439515");
    assert_eq!(row["expected"], "36439514");
    assert_eq!(row["difference"], "1");
    assert_eq!(row["unit"], "元");
    assert_eq!(row["cells"][0], cell.as_str(), "the checked cell comes first");
    assert!(row["message"].as_str().unwrap().contains("干部教育"));
    assert!(row["message_en"].as_str().unwrap().contains("off by 1"));

    // The text report groups it under the revenue table and lists the cell.
    let o = gouji_in(&["check", "--color", "never"], &[&bad]);
    assert_eq!(code(&o), 1);
    let text = stdout(&o);
    let revenue = text.find("\n  部门收入预算总表").expect("a revenue table group");
    let finding = text.find("错误   GJ201").expect("the GJ201 finding");
    assert!(finding > revenue, "{text}");
    assert!(text.contains(&cell), "{text}");
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.txt");
    std::fs::write(&bad, seed_with_error()).unwrap();
    let o = gouji_in(&["check", "--color", "always"], &[&bad]);
    assert!(stdout(&o).contains("\x1b[1;31m错误"), "errors are red");
    let o = gouji_in(&["check"], &[&bad]);
    assert!(!stdout(&o).contains('\x1b'), "piped output has no escape codes");
}

#[test]
fn a_png_named_xlsx_cannot_be_read_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("x.xlsx");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01").unwrap();
    let o = gouji_in(&["check", "--format", "json"], &[&png]);
    assert_eq!(code(&o), 2);
    let v = json(&o);
    let bs = budgets(&v);
    assert_eq!(bs.len(), 1);
    let b = &bs[0];
    assert_eq!(b["path"], png.to_str().unwrap());
    assert_eq!(b["error"]["kind"], "not_a_spreadsheet");
    assert!(b["error"]["message"].as_str().unwrap().contains("PNG"));
    assert!(b["error"]["message_en"].as_str().unwrap().contains("PNG"));
    assert!(b["unit_name"].is_null() && b["year"].is_null());
    assert_eq!(b["tables"], Value::Array(vec![]));
    assert_eq!(b["findings"], Value::Array(vec![]));
}

#[test]
fn unreadable_input_wins_over_error_findings() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.txt");
    std::fs::write(&bad, seed_with_error()).unwrap();
    let missing = dir.path().join("missing.xlsx");
    let o = gouji_in(&["check", "--format", "json"], &[&bad, &missing]);
    assert_eq!(code(&o), 2);
    let v = json(&o);
    let bs = budgets(&v);
    assert_eq!(bs.len(), 2, "one entry per path, in order");
    assert!(!error_findings(&bs[0]).is_empty());
    assert_eq!(bs[1]["error"]["kind"], "io");
}

#[test]
fn the_file_size_limit_can_be_lowered_and_raised() {
    let path = seed_path();
    let o = gouji(&["check", "--format", "json", "--max-file-size", "1K", path.to_str().unwrap()]);
    assert_eq!(code(&o), 2);
    assert_eq!(budgets(&json(&o))[0]["error"]["kind"], "too_large");
    let o = gouji(&["check", "--format", "json", "--max-file-size", "200M", path.to_str().unwrap()]);
    assert_eq!(code(&o), 0);
    let o = gouji(&["check", "--max-file-size", "lots", path.to_str().unwrap()]);
    assert_eq!(code(&o), 2, "a bad option is a usage error");
}

/// Writes TSV lines as one CSV file the way a spreadsheet saves one: every row as wide as the
/// widest, quoted as needed (amounts carry thousands separators).
fn write_csv(path: &Path, lines: &[&str]) {
    let rows: Vec<Vec<&str>> = lines.iter().map(|l| l.split('\t').collect()).collect();
    let width = rows.iter().map(Vec::len).max().unwrap_or(1);
    let mut w = csv::Writer::from_path(path).unwrap();
    for mut row in rows {
        row.resize(width, "");
        w.write_record(&row).unwrap();
    }
    w.flush().unwrap();
}

/// The seed's eight tables, each its own list of lines (title to the next title; the notes
/// after the last table left out).
fn seed_tables() -> Vec<Vec<String>> {
    let text = seed();
    let lines: Vec<&str> = text.lines().collect();
    let starts: Vec<usize> = SEED_TITLES.iter().map(|t| lines.iter().position(|l| l.trim() == *t).expect("title line")).collect();
    let end = lines.iter().position(|l| l.trim() == "其他相关情况说明").expect("notes after the tables");
    starts
        .iter()
        .enumerate()
        .map(|(i, s)| lines[*s..starts.get(i + 1).copied().unwrap_or(end)].iter().map(|l| l.to_string()).collect())
        .collect()
}

#[test]
fn a_folder_of_csv_files_is_one_submission() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("stcsm-2021");
    std::fs::create_dir(&folder).unwrap();
    for (i, table) in seed_tables().iter().enumerate() {
        let lines: Vec<&str> = table.iter().map(String::as_str).collect();
        write_csv(&folder.join(format!("表{}.csv", i + 1)), &lines);
    }
    // Hidden files and sub-folders are not part of the submission.
    std::fs::write(folder.join(".DS_Store"), b"\0\0\0\x01Bud1").unwrap();
    std::fs::create_dir(folder.join("old")).unwrap();
    std::fs::write(folder.join("old/notes.pdf"), b"%PDF-1.4").unwrap();

    let o = gouji_in(&["check", "--format", "json"], &[&folder]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    let v = json(&o);
    let bs = budgets(&v);
    assert_eq!(bs.len(), 1);
    let b = &bs[0];
    assert_eq!(b["path"], folder.to_str().unwrap());
    assert_eq!(b["unit_name"], "上海市科学技术委员会");
    let ids: Vec<&str> = b["tables"].as_array().unwrap().iter().map(|t| t["id"].as_str().unwrap()).collect();
    assert_eq!(ids, SEED_TABLES);
    let sheets: Vec<&str> = b["tables"].as_array().unwrap().iter().map(|t| t["sheet"].as_str().unwrap()).collect();
    assert_eq!(sheets, (1..=8).map(|i| format!("表{i}.csv")).collect::<Vec<_>>());
    assert!(error_findings(b).is_empty(), "{:#}", b["findings"]);
}

#[test]
fn a_single_csv_of_the_whole_seed_checks_clean() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("one");
    std::fs::create_dir(&folder).unwrap();
    let text = seed();
    let lines: Vec<&str> = text.lines().collect();
    write_csv(&folder.join("budget.csv"), &lines);
    let o = gouji_in(&["check", "--format", "json"], &[&folder]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    let v = json(&o);
    assert_eq!(budgets(&v)[0]["tables"].as_array().unwrap().len(), 8);
}

#[test]
fn an_empty_folder_is_an_empty_submission() {
    let dir = tempfile::tempdir().unwrap();
    let o = gouji_in(&["check", "--format", "json"], &[dir.path()]);
    assert_eq!(code(&o), 2);
    assert_eq!(budgets(&json(&o))[0]["error"]["kind"], "empty");
}

/// A 三公 table for one unit on its own sheet.
fn three_public_sheet(wb: &mut rust_xlsxwriter::Workbook, sheet: &str, unit: &str, amounts: [f64; 7]) {
    let ws = wb.add_worksheet();
    ws.set_name(sheet).unwrap();
    ws.write_string(0, 0, "2021年部门“三公”经费和机关运行经费预算表").unwrap();
    ws.write_string(1, 0, format!("编制部门：{unit}")).unwrap();
    ws.write_string(2, 0, "单位：万元").unwrap();
    ws.write_string(3, 0, "2021年“三公”经费预算数").unwrap();
    ws.write_string(3, 6, "2021年机关运行经费预算数").unwrap();
    for (c, h) in ["合计", "因公出国(境)费", "公务接待费", "公务用车购置及运行费"].iter().enumerate() {
        ws.write_string(4, c as u16, *h).unwrap();
    }
    for (c, h) in [(3, "小计"), (4, "购置费"), (5, "运行费")] {
        ws.write_string(5, c, h).unwrap();
    }
    for (c, v) in amounts.iter().enumerate() {
        ws.write_number(6, c as u16, *v).unwrap();
    }
}

#[test]
fn a_workbook_with_two_units_gives_two_entries() {
    let mut wb = rust_xlsxwriter::Workbook::new();
    three_public_sheet(&mut wb, "科委本部", "上海市科学技术委员会", [995.2, 455.0, 198.4, 341.8, 103.1, 238.7, 1132.18]);
    // The second unit's total is off by 5 万元 (beyond any rounding).
    three_public_sheet(&mut wb, "科技创业中心", "上海市科技创业中心", [45.0, 20.0, 10.0, 10.0, 0.0, 10.0, 0.0]);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("units.xlsx");
    wb.save(&path).unwrap();

    let o = gouji_in(&["check", "--format", "json"], &[&path]);
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    let v = json(&o);
    let bs = budgets(&v);
    assert_eq!(bs.len(), 2, "{v:#}");
    for b in bs {
        assert_eq!(b["path"], path.to_str().unwrap(), "same path for both units");
        assert_eq!(b["tables"].as_array().unwrap().len(), 1);
        assert_eq!(b["tables"][0]["id"], "three_public");
        assert_eq!(b["tables"][0]["title_cell"], "A1");
        assert_eq!(b["year"], 2021);
    }
    assert_eq!(bs[0]["unit_name"], "上海市科学技术委员会");
    assert_eq!(bs[0]["tables"][0]["sheet"], "科委本部");
    assert!(error_findings(&bs[0]).is_empty(), "{:#}", bs[0]["findings"]);
    assert_eq!(bs[1]["unit_name"], "上海市科技创业中心");
    assert_eq!(bs[1]["tables"][0]["sheet"], "科技创业中心");
    let errors = error_findings(&bs[1]);
    assert!(errors.iter().any(|f| f["rule"] == "GJ202" && f["cells"][0] == "科技创业中心!A7"), "{:#}", bs[1]["findings"]);
}

#[test]
fn rules_are_listed_as_json_markdown_and_text() {
    let o = gouji(&["rules", "--format", "json"]);
    assert_eq!(code(&o), 0);
    let v = json(&o);
    let rules = v["rules"].as_array().expect("rules array");
    let gj101 = rules.iter().find(|r| r["id"] == "GJ101").expect("GJ101 listed");
    assert_eq!(gj101["severity"], "error");
    assert_eq!(gj101["kind"], "hierarchy");
    assert!(gj101["title"].is_string() && gj101["title_en"].is_string());

    let md = stdout(&gouji(&["rules", "--format", "markdown"]));
    assert!(md.starts_with("| id |"));
    assert!(md.lines().any(|l| l.starts_with("| GJ101 |")));
    assert_eq!(md.lines().count(), rules.len() + 2);

    let text = stdout(&gouji(&["rules", "--lang", "en"]));
    assert_eq!(text.lines().filter(|l| l.starts_with("GJ")).count(), rules.len());
}

#[test]
fn csv_output_has_one_row_per_finding() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.txt");
    std::fs::write(&bad, seed_with_error()).unwrap();
    let png = dir.path().join("x.xlsx");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n").unwrap();

    let o = gouji_in(&["check", "--format", "csv"], &[&bad, &png]);
    assert_eq!(code(&o), 2);
    let text = stdout(&o);
    assert_eq!(text.lines().next().unwrap(), "path,unit_name,rule,kind,severity,message,message_en,expected,actual,difference,unit,cells");
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    let json = json(&gouji_in(&["check", "--format", "json"], &[&bad]));
    let n = budgets(&json)[0]["findings"].as_array().unwrap().len();
    assert_eq!(rows.len(), n + 1, "one row per finding plus one for the unreadable file");
    let gj201 = rows.iter().find(|r| &r[2] == "GJ201").expect("GJ201 row");
    assert_eq!(&gj201[1], "上海市科学技术委员会");
    assert_eq!(&gj201[4], "error");
    assert_eq!(&gj201[8], "36439515");
    assert_eq!(&gj201[10], "元");
    assert!(gj201[11].contains("; "), "cells joined with '; ': {}", &gj201[11]);
    let last = rows.last().unwrap();
    assert_eq!(&last[0], png.to_str().unwrap());
    assert_eq!(&last[3], "not_a_spreadsheet");
}

#[test]
fn batch_checks_every_file_and_summarises_one_line_each() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join("2021")).unwrap();
    std::fs::write(root.join("good.txt"), seed()).unwrap();
    std::fs::write(root.join("2021/bad.txt"), seed_with_error()).unwrap();
    std::fs::write(root.join("2021/x.xlsx"), b"\x89PNG\r\n\x1a\n").unwrap();
    std::fs::write(root.join(".hidden.txt"), seed_with_error()).unwrap();

    let o = gouji_in(&["batch", "--jobs", "2", "--lang", "en"], &[root]);
    assert_eq!(code(&o), 2, "one file cannot be read");
    assert!(o.stderr.is_empty(), "no progress bar when stderr is not a terminal: {}", String::from_utf8_lossy(&o.stderr));
    let text = stdout(&o);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "three files and the totals:\n{text}");
    // Sorted by path: 2021/bad.txt, 2021/x.xlsx, good.txt.
    assert!(lines[0].contains("2021/bad.txt") && lines[0].contains("8 table(s)") && lines[0].contains("3 error(s)"), "{text}");
    assert!(lines[1].contains("2021/x.xlsx") && lines[1].contains("not_a_spreadsheet"), "{text}");
    assert!(lines[2].contains("good.txt") && lines[2].contains("上海市科学技术委员会") && lines[2].contains("0 error(s)"), "{text}");
    assert!(lines[3].starts_with("3 file(s): 2 budget(s), 1 unreadable; 3 error(s)"), "{text}");
    assert!(lines[3].contains("budgets/s"), "{text}");

    let o = gouji_in(&["batch", "--format", "json", "--quiet"], &[root]);
    assert_eq!(code(&o), 2);
    let v = json(&o);
    assert_eq!(budgets(&v).len(), 3);
    assert_eq!(v["summary"]["submissions"], 3);
    assert_eq!(v["summary"]["unreadable"], 1);
    assert!(v["summary"]["elapsed_seconds"].is_f64());
}

#[test]
fn batch_without_unreadable_files_exits_by_findings() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), seed()).unwrap();
    let o = gouji_in(&["batch"], &[dir.path()]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    std::fs::write(dir.path().join("b.txt"), seed_with_error()).unwrap();
    let o = gouji_in(&["batch", "-q"], &[dir.path()]);
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    assert!(stdout(&o).contains("共 2 个文件"), "{}", stdout(&o));
}

#[test]
fn the_committed_spreadsheet_fixtures_read_like_the_seed() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data");
    let (xls, ods, encrypted) = (data.join("seed-tables.xls"), data.join("seed-tables.ods"), data.join("encrypted.xlsx"));
    let o = gouji_in(&["check", "--format", "json"], &[&xls, &ods, &encrypted]);
    assert_eq!(code(&o), 2, "the encrypted workbook cannot be read");
    let v = json(&o);
    let bs = budgets(&v);
    assert_eq!(bs.len(), 3);
    for b in &bs[..2] {
        assert!(b["error"].is_null(), "{b:#}");
        assert_eq!(b["unit_name"], "上海市科学技术委员会");
        let ids: Vec<&str> = b["tables"].as_array().unwrap().iter().map(|t| t["id"].as_str().unwrap()).collect();
        assert_eq!(ids, SEED_TABLES);
        assert!(error_findings(b).is_empty(), "{:#}", b["findings"]);
    }
    assert_eq!(bs[2]["error"]["kind"], "encrypted");
    assert!(bs[2]["error"]["message"].as_str().unwrap().contains("密码"));
}

#[test]
fn markup_writes_the_persons_workbook_back_with_its_wrong_cells_noted() {
    use calamine::Reader;
    use gouji_fixtures::*;
    let dir = tempfile::tempdir().unwrap();
    let mut bad = seed_budget();
    let v = amount(&bad, gouji_core::TableKind::Expenditure, "2060101", gouji_core::model::ColumnRole::Total);
    set_amount(
        &mut bad,
        gouji_core::TableKind::Expenditure,
        "2060101",
        gouji_core::model::ColumnRole::Total,
        v + rust_decimal::Decimal::ONE,
    );
    let book = dir.path().join("科委.xlsx");
    std::fs::write(&book, to_xlsx(&render(&bad, &Layout::default()))).unwrap();
    let text = dir.path().join("seed.txt");
    std::fs::write(&text, seed()).unwrap();
    let out = dir.path().join("marked");
    let o = gouji_in(&["check", "--markup", out.to_str().unwrap()], &[&book, &text]);
    assert_eq!(code(&o), 1, "{}", String::from_utf8_lossy(&o.stderr));
    let marked = out.join("科委-勾稽标注.xlsx");
    let mut wb = calamine::open_workbook_auto(&marked).expect("the marked-up workbook");
    assert_eq!(wb.sheet_names().last().map(String::as_str), Some("gouji 检查结果"));
    let findings = wb.worksheet_range("gouji 检查结果").unwrap();
    assert!(findings.height() >= 2, "a header and the findings");
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 1, "a text file is not marked up");
}

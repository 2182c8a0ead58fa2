//! End-to-end tests of `gouji diff` and of `gouji check --text/--prior`, on the seed budget
//! (2021) and its synthesised prior year (2020, from gouji-fixtures), written as xlsx files.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use gouji_core::model::{ColumnRole as R, TableKind as K};
use gouji_fixtures::prior::{NEW_CODE, PRIOR_NAME, REMOVED_CODE, RENAMED_CODE};
use gouji_fixtures::*;
use rust_decimal::Decimal;
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_gouji");

fn gouji(args: &[&str]) -> Output {
    Command::new(BIN).args(args).env_remove("NO_COLOR").output().expect("gouji runs")
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exited, not killed")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}\nstderr: {}", stdout(o), String::from_utf8_lossy(&o.stderr)))
}

fn seed_text_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/shanghai-stcsm-2021-budget.txt")
}

/// The two years as xlsx files in a temporary folder: (folder, 2020, 2021).
fn years(prior: &gouji_core::Budget, prior_layout: &Layout) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("2020.xlsx");
    let new = dir.path().join("2021.xlsx");
    std::fs::write(&old, to_xlsx(&render(prior, prior_layout))).unwrap();
    std::fs::write(&new, to_xlsx(&render(&seed_budget(), &Layout::default()))).unwrap();
    (dir, old, new)
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn rows(v: &Value) -> &Vec<Value> {
    v["rows"].as_array().expect("rows array")
}

fn row<'a>(v: &'a Value, table: &str, code: &str, column: &str) -> &'a Value {
    rows(v)
        .iter()
        .find(|r| r["table"] == table && r["code"] == code && r["column"] == column)
        .unwrap_or_else(|| panic!("{table} {code} {column}"))
}

#[test]
fn diff_json_has_every_amount_with_its_change() {
    let prior = prior_year_budget();
    let (_dir, old, new) = years(&prior, &Layout::default());
    let o = gouji(&["diff", "--format", "json", s(&old), s(&new)]);
    assert_eq!(code(&o), 0, "stderr: {}", String::from_utf8_lossy(&o.stderr));
    let v = json(&o);
    assert_eq!(v["comparisons"][0]["old_year"], 2020);
    assert_eq!(v["comparisons"][0]["new_year"], 2021);
    assert_eq!(v["comparisons"][0]["unit_name"], "上海市科学技术委员会");

    let r = row(&v, "expenditure", "2050802", "合计");
    let was = amount(&prior, K::Expenditure, "2050802", R::Total);
    let now = Decimal::from(36_439_514);
    assert_eq!(r["name"], "干部教育");
    assert_eq!(r["old"], was.to_string());
    assert_eq!(r["new"], "36439514");
    assert_eq!(r["delta"], (now - was).to_string());
    let pct = ((now - was) * Decimal::from(100) / was).round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    assert_eq!(r["pct"], pct.normalize().to_string());
    assert_eq!(r["status"], "both");
    assert_eq!(r["unit"], "元");
    assert!(r["old_cell"].as_str().unwrap().contains('!') && r["new_cell"].is_string());

    let added = row(&v, "expenditure", NEW_CODE, "合计");
    assert_eq!(
        (added["status"].as_str(), added["old"].is_null(), added["new"].as_str(), added["pct"].is_null()),
        (Some("new"), true, Some("780000"), true)
    );
    let gone = row(&v, "revenue", REMOVED_CODE, "合计");
    assert_eq!((gone["status"].as_str(), gone["new"].is_null(), gone["delta"].as_str()), (Some("removed"), true, Some("-12345600")));
    let renamed = row(&v, "gpb_function", RENAMED_CODE, "合计");
    assert_eq!(renamed["status"], "renamed");
    assert_eq!(renamed["old_name"], PRIOR_NAME);

    let total =
        rows(&v).iter().find(|r| r["table"] == "appropriation_summary" && r["name"] == "支出总计" && r["column"] == "合计").unwrap();
    assert_eq!(
        (total["old"].as_str(), total["new"].as_str(), total["delta"].as_str(), total["pct"].as_str()),
        (Some("4603450000"), Some("4210065046"), Some("-393384954"), Some("-8.55"))
    );
    let tp = rows(&v).iter().find(|r| r["table"] == "three_public" && r["role"] == "total").unwrap();
    assert_eq!((tp["delta"].as_str(), tp["unit"].as_str()), (Some("-0.8"), Some("万元")));

    // CSV: the same rows.
    let c = gouji(&["diff", "--format", "csv", s(&old), s(&new)]);
    assert_eq!(code(&c), 0);
    let text = stdout(&c);
    assert!(text.starts_with("unit_name,table,code,name,old_name,half,column,old,new,delta,pct,status,unit,old_cell,new_cell\n"));
    assert_eq!(text.lines().count(), rows(&v).len() + 1);
}

#[test]
fn diff_text_groups_by_table_and_sorts_by_size() {
    let (_dir, old, new) = years(&prior_year_budget(), &Layout::default());
    let o = gouji(&["diff", "--color", "never", s(&old), s(&new)]);
    assert_eq!(code(&o), 0);
    let text = stdout(&o);
    assert!(text.starts_with("上海市科学技术委员会: 2020年 → 2021年\n"), "{text}");
    let headings: Vec<&str> =
        text.lines().filter(|l| l.starts_with("  部门") || l.starts_with("  一般") || l.starts_with("  “三公”")).collect();
    assert!(headings.len() >= 7, "a heading per table: {headings:?}");
    assert!(text.contains("2060103 机关服务 [新增] · 合计: — → 780,000  (+780,000)"), "{text}");
    assert!(text.contains("2060203 重大科学工程 [已删除] · 合计: 12,345,600 → —  (-12,345,600, -100.00%)"), "{text}");
    assert!(text.contains(&format!("20805 行政事业单位养老支出 [原名：{PRIOR_NAME}]")));
    assert!(!text.contains("政府性基金 · 预算数: 0 → 0"), "unchanged amounts are left out by default");

    // Largest change first within each table.
    let o = gouji(&["diff", "--sort", "size", "--lang", "en", "--color", "never", s(&old), s(&new)]);
    let text = stdout(&o);
    let section: Vec<&str> = text
        .split("\n\n")
        .find(|b| b.trim_start().starts_with("Expenditure by function"))
        .expect("expenditure section")
        .lines()
        .skip(1)
        .collect();
    // "…  (-416,922,701, -8.33%)" or "…  (+780,000)": the change is what precedes ", " or ")".
    let delta = |l: &str| -> Decimal {
        let inside = l.rsplit_once('(').unwrap().1.trim_end_matches(')');
        let amount = inside.split(", ").next().unwrap();
        amount.replace([',', '+'], "").parse::<Decimal>().unwrap().abs()
    };
    let deltas: Vec<Decimal> = section.iter().map(|l| delta(l)).collect();
    assert!(deltas.len() > 10);
    assert!(deltas.windows(2).all(|w| w[0] >= w[1]), "largest first: {deltas:?}");
    assert!(text.contains("amounts compared"));
}

#[test]
fn diff_of_a_wan_yuan_year_with_a_yuan_year_uses_wan_yuan() {
    let prior = prior_year_budget();
    let (_dir, old, new) = years(&prior, &Layout { wan_yuan: true, ..Layout::default() });
    let v = json(&gouji(&["diff", "--format", "json", s(&old), s(&new)]));
    let r = row(&v, "expenditure", "2050802", "合计");
    assert_eq!(r["unit"], "万元");
    assert_eq!(r["new"], "3643.95", "36,439,514 元 rounded to the 万元 table's two places");
    let was = (amount(&prior, K::Expenditure, "2050802", R::Total) / Decimal::from(10_000))
        .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    assert_eq!(r["old"], was.normalize().to_string());
    assert_eq!(r["delta"], (Decimal::new(364_395, 2) - was).normalize().to_string());
}

#[test]
fn diff_of_an_unreadable_file_exits_2() {
    let (_dir, old, _new) = years(&prior_year_budget(), &Layout::default());
    let o = gouji(&["diff", s(&old), "/nonexistent/2021.xlsx"]);
    assert_eq!(code(&o), 2);
    assert!(String::from_utf8_lossy(&o.stderr).contains("/nonexistent/2021.xlsx"));
}

#[test]
fn check_with_text_and_prior_gives_claims_and_narrative_findings() {
    let (_dir, old, new) = years(&prior_year_budget(), &Layout::default());
    let text = seed_text_path();
    let o = gouji(&["check", "--format", "json", "--text", s(&text), "--prior", s(&old), s(&new)]);
    assert_eq!(code(&o), 0, "no error: the one narrative finding is a warning; stderr {}", String::from_utf8_lossy(&o.stderr));
    let v = json(&o);
    let b = &v["budgets"][0];
    let claims = b["claims"].as_array().expect("claims");
    assert_eq!(claims.len(), 29);
    let disagree: Vec<&Value> = claims.iter().filter(|c| c["verdict"] != "agrees").collect();
    assert_eq!(disagree.len(), 1, "{disagree:#?}");
    assert_eq!(disagree[0]["rule"], "GJ704");
    let edu = claims.iter().find(|c| c["line"] == 99).unwrap();
    assert_eq!(
        (
            edu["type"].as_str(),
            edu["subject"].as_str(),
            edu["written"].as_str(),
            edu["amount"].as_str(),
            edu["unit"].as_str(),
            edu["column"].as_u64()
        ),
        (Some("amount"), Some("“教育支出”科目"), Some("3,327万元"), Some("3327"), Some("万元"), Some(12))
    );
    assert_eq!(edu["table"], "appropriation_summary");
    let change = claims.iter().find(|c| c["line"] == 97 && c["column"] == 65).unwrap();
    assert_eq!(
        (change["type"].as_str(), change["amount"].as_str(), change["verdict"].as_str()),
        (Some("year_over_year"), Some("-39338"), Some("agrees"))
    );
    assert_eq!(change["cells"].as_array().unwrap().len(), 2);

    let findings = b["findings"].as_array().unwrap();
    let narrative: Vec<&Value> = findings.iter().filter(|f| f["kind"] == "narrative").collect();
    assert_eq!(narrative.len(), 1);
    assert_eq!((narrative[0]["rule"].as_str(), narrative[0]["severity"].as_str()), (Some("GJ704"), Some("warning")));
    assert_eq!((narrative[0]["text_line"].as_u64(), narrative[0]["text_column"].as_u64()), (Some(1474), Some(27)));
    assert!(narrative[0]["sentence"].as_str().unwrap().contains("535180239"));
    assert!(
        findings.iter().filter(|f| f["kind"] != "narrative").all(|f| f.get("text_line").is_none()),
        "table findings have no text place"
    );

    // Text output: each claim with its verdict and sentence.
    let o = gouji(&["check", "--color", "never", "--text", s(&text), "--prior", s(&old), s(&new)]);
    let out = stdout(&o);
    assert!(out.contains("说明文字：29 处，28 处一致，1 处不一致，0 处无法核对"), "{out}");
    assert!(out.contains("✓ 99:12     GJ701  “教育支出”科目3,327万元"), "{out}");
    assert!(out.contains("「1. “教育支出”科目3,327万元，主要用于部门教育单位的机构运转及各类业务活动等支出。」"));
    assert!(out.contains("✗ 1474:27   GJ704"));
    assert!(out.contains("说明文字第 1474 行第 27 列"));
}

#[test]
fn check_with_text_but_no_prior_lists_the_changes_as_not_checked() {
    let (_dir, _old, new) = years(&prior_year_budget(), &Layout::default());
    let o = gouji(&["check", "--format", "json", "--text", s(&seed_text_path()), s(&new)]);
    assert_eq!(code(&o), 0);
    let v = json(&o);
    let b = &v["budgets"][0];
    let cannot: Vec<&Value> = b["claims"].as_array().unwrap().iter().filter(|c| c["verdict"] == "cannot_check").collect();
    assert_eq!(cannot.len(), 6);
    assert!(cannot.iter().all(|c| c["rule"] == "GJ702" && c["reason_en"] == "no prior-year file"));
    assert!(b["not_checked"].as_array().unwrap().iter().any(|n| n["rule"] == "GJ702" && n["reason_en"] == "no prior-year file"));
    // --prior for a spreadsheet without --text: nothing to check, and said so.
    let (_d2, old, _) = years(&prior_year_budget(), &Layout::default());
    let v = json(&gouji(&["check", "--format", "json", "--prior", s(&old), s(&new)]));
    assert!(v["budgets"][0]["not_checked"].as_array().unwrap().iter().any(
        |n| n["rule"] == "GJ702" && n["reason_en"] == "no narrative text, so no change it states can be checked against the prior year"
    ));
    // Without --text or --prior, `check` is unchanged: no claims.
    let plain = json(&gouji(&["check", "--format", "json", s(&new)]));
    assert_eq!(plain["budgets"][0]["claims"].as_array().unwrap().len(), 0);
}

#[test]
fn a_prior_year_that_contradicts_the_text_is_an_error() {
    let mut prior = prior_year_budget();
    set_amount(&mut prior, K::AppropriationSummary, "支出总计", R::Total, Decimal::from(4_604_450_000i64));
    let (_dir, old, _new) = years(&prior, &Layout::default());
    // --prior without --text: the seed text file carries its own narrative.
    let o = gouji(&["check", "--format", "json", "--prior", s(&old), s(&seed_text_path())]);
    assert_eq!(code(&o), 1, "a GJ702 error");
    let v = json(&o);
    let f = v["budgets"][0]["findings"].as_array().unwrap().iter().find(|f| f["rule"] == "GJ702").expect("GJ702 finding").clone();
    assert_eq!(
        (f["severity"].as_str(), f["expected"].as_str(), f["actual"].as_str(), f["difference"].as_str(), f["unit"].as_str()),
        (Some("error"), Some("-39438"), Some("-39338"), Some("100"), Some("万元"))
    );
    assert_eq!((f["text_line"].as_u64(), f["text_column"].as_u64()), (Some(97), Some(65)));
    assert_eq!(f["table"], "appropriation_summary");
}

#[test]
fn an_unreadable_text_or_prior_file_exits_2() {
    let (_dir, _old, new) = years(&prior_year_budget(), &Layout::default());
    let o = gouji(&["check", "--text", "/nonexistent/说明.txt", s(&new)]);
    assert_eq!(code(&o), 2);
    assert!(String::from_utf8_lossy(&o.stderr).contains("--text"));
    let o = gouji(&["check", "--prior", "/nonexistent/2020.xlsx", s(&new)]);
    assert_eq!(code(&o), 2);
}

//! The narrative text against the tables (docs/relations.md §13–15): the seed's own text, the seed with its
//! synthesised prior year, and one sentence that agrees and one that does not for each kind of claim.

use gouji_core::model::{Budget, ColumnRole as R, MoneyUnit, TableKind as K};
use gouji_core::narrative::{Against, Subject};
use gouji_core::{check_claims, check_with, extract_claims, ClaimKind, ClaimVerdict, FindingKind, Severity, Verdict};
use gouji_fixtures::*;
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

fn judge(text: &str, prior: Option<&Budget>) -> Vec<ClaimVerdict> {
    check_claims(&extract_claims(text), &seed_budget(), prior)
}

fn of_rule<'a>(vs: &'a [ClaimVerdict], rule: &str) -> Vec<&'a ClaimVerdict> {
    vs.iter().filter(|v| v.rule == rule).collect()
}

fn at(vs: &[ClaimVerdict], line: usize, column: usize) -> &ClaimVerdict {
    vs.iter().find(|v| v.claim.line == line && v.claim.column == column).unwrap_or_else(|| {
        panic!("a claim at {line}:{column}: {:#?}", vs.iter().map(|v| (v.claim.line, v.claim.column, &v.claim.subject)).collect::<Vec<_>>())
    })
}

fn only<'a>(vs: &'a [ClaimVerdict], rule: &str) -> &'a ClaimVerdict {
    let hits = of_rule(vs, rule);
    assert_eq!(hits.len(), 1, "one {rule} claim: {hits:#?}");
    hits[0]
}

fn disagrees(v: &ClaimVerdict) -> (Decimal, Decimal, Decimal) {
    match &v.verdict {
        Verdict::Disagrees { expected, actual, difference, .. } => (*expected, *actual, *difference),
        other => panic!("expected a disagreement, got {other:?}: {}", v.message),
    }
}

/// Lines (1-based) of the seed text holding `needle`.
fn line_of(needle: &str) -> usize {
    SEED_TEXT.lines().position(|l| l.contains(needle)).expect("needle in the seed") + 1
}

#[test]
fn the_seed_text_agrees_with_its_tables_except_the_project_typo() {
    let vs = judge(SEED_TEXT, None);
    // Every claim about the tables agrees.
    let amounts = of_rule(&vs, "GJ701");
    assert_eq!(amounts.len(), 15, "totals ×5, classes ×5, 三公 ×4, 机关运行经费: {amounts:#?}");
    for v in &amounts {
        assert!(v.agrees(), "{}", v.message);
        assert!(v.table.is_some() && !v.cells.is_empty(), "{} names its cells", v.claim.subject);
    }
    let edu = at(&vs, 99, 12);
    assert_eq!(edu.claim.subject, "“教育支出”科目");
    assert_eq!(edu.claim.amount.written, "3,327万元");
    assert_eq!((edu.claim.amount.value, edu.claim.amount.unit, edu.claim.amount.decimals), (d("3327"), MoneyUnit::TenThousandYuan, 0));
    assert_eq!(
        edu.table,
        Some(K::AppropriationSummary),
        "3,327万元 is the appropriation figure (33,270,935 元), not the 36,439,514 元 spent"
    );
    assert!(matches!(&edu.claim.kind, ClaimKind::Amount { subject: Subject::FunctionClass { name, .. } } if name == "教育支出"));
    let office = at(&vs, line_of("机关运行经费预算为1,132.18万元"), 49);
    assert!(matches!(office.claim.kind, ClaimKind::Amount { subject: Subject::OfficeOperation }));

    // The year-over-year claims need the prior year.
    let changes = of_rule(&vs, "GJ702");
    let places: Vec<(usize, usize)> = changes.iter().map(|v| (v.claim.line, v.claim.column)).collect();
    assert_eq!(places, vec![(97, 65), (97, 116), (442, 35), (444, 29), (446, 33), (448, 26)]);
    for v in &changes {
        assert_eq!(v.verdict, Verdict::CannotCheck { reason: "没有上年度文件".into(), reason_en: "no prior-year file".into() });
    }
    assert!(matches!(
        &at(&vs, 97, 65).claim.kind,
        ClaimKind::YearOverYear { subject: Subject::Appropriation, against: Against::Year(2020), .. }
    ));
    assert_eq!(at(&vs, 97, 65).claim.amount.value, d("-39338"));
    assert_eq!(at(&vs, 444, 29).claim.amount.written, "持平");

    // The itemised sums add up: 政府采购 and the 培训费… list among them.
    let sums = of_rule(&vs, "GJ703");
    assert!(sums.iter().all(|v| v.agrees()), "{sums:#?}");
    let procurement = at(&vs, line_of("政府采购预算25159.43万元"), 15);
    let ClaimKind::ItemisedSum { parts } = &procurement.claim.kind else { panic!("a sum") };
    assert_eq!(parts.iter().map(|p| p.value).collect::<Vec<_>>(), vec![d("4816.91"), d("565.60"), d("19776.92")]);
    assert_eq!(procurement.claim.amount.value, d("25159.43"));
    let training = vs.iter().find(|v| v.rule == "GJ703" && v.claim.line == line_of("培训费15000元")).expect("the 培训费 list");
    let ClaimKind::ItemisedSum { parts } = &training.claim.kind else { panic!("a sum") };
    assert_eq!(parts.len(), 5);
    assert_eq!(training.claim.amount.value, d("160000"));
    assert!(training.agrees());

    // The project whose annual amount is ten times its total is flagged.
    let typo = only(&vs, "GJ704");
    assert_eq!((typo.claim.line, typo.claim.column), (line_of("53518039"), 27));
    assert_eq!(disagrees(typo), (d("53518039"), d("535180239"), d("481662200")));
    assert!(typo.message.contains("疑为录入错误"), "{}", typo.message);

    // Nothing else disagrees, and amounts the tables do not hold are not claims.
    assert_eq!(vs.iter().filter(|v| v.disagrees()).count(), 1);
    for needle in ["362395.03万元", "12116.61万元"] {
        let l = line_of(needle);
        assert!(
            vs.iter().filter(|v| v.claim.line == l).all(|v| !v.disagrees() && v.rule == "GJ703"),
            "{needle}: {:#?}",
            vs.iter().filter(|v| v.claim.line == l).collect::<Vec<_>>()
        );
    }
    assert!(!vs.iter().any(|v| v.claim.amount.value == d("12116.61") || v.claim.amount.value == d("362395.03")));
}

#[test]
fn with_the_prior_year_every_change_agrees() {
    let prior = prior_year_budget();
    let vs = judge(SEED_TEXT, Some(&prior));
    let changes = of_rule(&vs, "GJ702");
    assert_eq!(changes.len(), 6);
    for v in &changes {
        assert!(v.agrees(), "{}", v.message);
        assert_eq!(v.cells.len(), 2, "this year's cell and the prior year's");
    }
    let report = check_with(&seed_budget(), Some(SEED_TEXT), Some(&prior));
    assert_eq!(report.count(Severity::Error), 0, "{:#?}", report.findings);
    let narrative: Vec<_> = report.findings.iter().filter(|f| f.kind == FindingKind::Narrative).collect();
    assert_eq!(narrative.len(), 1);
    assert_eq!((narrative[0].rule.id(), narrative[0].severity), ("GJ704", Severity::Warning));
    let span = narrative[0].text.as_ref().expect("a place in the text");
    assert_eq!((span.line, span.column), (line_of("53518039"), 27));
    assert!(span.sentence.contains("535180239"));
    assert!(report.not_checked.iter().all(|n| n.rule.stage != gouji_core::rules::Stage::Narrative), "{:?}", report.not_checked);
    assert_eq!(report.claims.len(), vs.len());
}

#[test]
fn without_the_prior_year_changes_are_listed_as_not_checked() {
    let report = check_with(&seed_budget(), Some(SEED_TEXT), None);
    let notes: Vec<_> = report.not_checked.iter().filter(|n| n.rule == "GJ702").collect();
    assert_eq!(notes.len(), 1, "one note for one reason");
    assert_eq!(notes[0].reason_en, "no prior-year file");
    assert_eq!(report.count(Severity::Error), 0);
    // `check` is unchanged: no claims without a text.
    assert!(gouji_core::check(&seed_budget()).claims.is_empty());
    assert!(check_with(&seed_budget(), None, None).claims.is_empty());
}

#[test]
fn a_prior_year_one_million_higher_contradicts_the_appropriation_change() {
    let mut prior = prior_year_budget();
    set_amount(&mut prior, K::AppropriationSummary, "支出总计", R::Total, Decimal::from(4_604_450_000i64));
    let vs = judge(SEED_TEXT, Some(&prior));
    let v = at(&vs, 97, 65);
    assert_eq!(v.rule, "GJ702");
    assert_eq!(disagrees(v), (d("-39438"), d("-39338"), d("100")));
    assert_eq!(v.table, Some(K::AppropriationSummary));
    assert!(at(&vs, 97, 116).agrees(), "the general budget column did not change");
    let report = check_with(&seed_budget(), Some(SEED_TEXT), Some(&prior));
    let f = report.findings.iter().find(|f| f.rule == "GJ702").expect("a GJ702 finding");
    assert_eq!((f.severity, f.kind), (Severity::Error, FindingKind::Narrative));
    assert_eq!(
        (f.expected, f.actual, f.difference, f.unit),
        (Some(d("-39438")), Some(d("-39338")), Some(d("100")), Some(MoneyUnit::TenThousandYuan))
    );
    assert_eq!(f.cells.len(), 2);
    let span = f.text.as_ref().unwrap();
    assert_eq!((span.line, span.column), (97, 65));
    assert!(span.sentence.starts_with("2021年，上海市科学技术委员会预算支出总额为477,326万元"));
}

// One sentence that agrees and one that does not, per kind of claim.

#[test]
fn amount_claims() {
    let ok = judge("1. “教育支出”科目3,327万元，主要用于部门教育单位的机构运转。", None);
    assert!(only(&ok, "GJ701").agrees());
    let bad = judge("1. “教育支出”科目3,328万元，主要用于部门教育单位的机构运转。", None);
    let v = only(&bad, "GJ701");
    assert_eq!(disagrees(v), (d("3327"), d("3328"), d("1")));
    assert_eq!((v.claim.line, v.claim.column), (1, 12));
    assert_eq!(v.cells.len(), 1);

    assert!(only(&judge("2021年“三公”经费预算数为995.20万元。", None), "GJ701").agrees());
    assert_eq!(disagrees(only(&judge("2021年“三公”经费预算数为995.30万元。", None), "GJ701")), (d("995.20"), d("995.30"), d("0.10")));
    assert!(only(&judge("机关运行经费预算为1,132.18万元。", None), "GJ701").agrees());
    assert_eq!(disagrees(only(&judge("机关运行经费预算为1,132.19万元。", None), "GJ701")).2, d("0.01"));
    assert!(only(&judge("预算支出总额为477,326万元。", None), "GJ701").agrees());
    assert_eq!(disagrees(only(&judge("预算支出总额为477,300万元。", None), "GJ701")).0, d("477326"));
    // A 万元 figure with fewer places: the table amount rounded to them.
    assert!(only(&judge("（二）公务用车购置及运行费341.8万元。", None), "GJ701").agrees());
}

#[test]
fn class_amounts_follow_the_list_they_are_in() {
    // Introduced as the department's spending: the expenditure table (36,439,514 元).
    let text = "部门支出预算主要内容如下：\n1. “教育支出”科目3,644万元。";
    let v = only(&judge(text, None), "GJ701").clone();
    assert!(v.agrees(), "{}", v.message);
    assert_eq!(v.table, Some(K::Expenditure));
    let text = "财政拨款支出主要内容如下：\n1. “教育支出”科目3,644万元。";
    assert_eq!(disagrees(only(&judge(text, None), "GJ701")).0, d("3327"));
}

#[test]
fn change_claims() {
    let prior = prior_year_budget();
    let ok = "财政拨款支出预算421,007万元，比2020年预算减少39,338万元。";
    let v = of_rule(&judge(ok, Some(&prior)), "GJ702")[0].clone();
    assert!(v.agrees(), "{}", v.message);
    let bad = "财政拨款支出预算421,007万元，比2020年预算减少39,339万元。";
    assert_eq!(disagrees(only(&judge(bad, Some(&prior)), "GJ702")), (d("-39338"), d("-39339"), d("-1")));
    // 持平 is a zero change at the places of the amount it follows.
    assert!(only(&judge("（一）因公出国（境）费455.00万元，与2020年预算持平。", Some(&prior)), "GJ702").agrees());
    assert_eq!(
        disagrees(only(&judge("（二）公务用车购置及运行费341.80万元，与2020年预算持平。", Some(&prior)), "GJ702")),
        (d("-0.80"), d("0.00"), d("0.80"))
    );
    assert!(only(&judge("“三公”经费预算数为995.20万元，较上年减少0.8万元。", Some(&prior)), "GJ702").agrees());
    // Not checked: no prior year, or a prior year of another year.
    assert!(matches!(only(&judge(ok, None), "GJ702").verdict, Verdict::CannotCheck { .. }));
    let v = only(&judge("财政拨款支出预算421,007万元，比2019年预算减少39,338万元。", Some(&prior)), "GJ702").clone();
    assert!(matches!(&v.verdict, Verdict::CannotCheck { reason, .. } if reason.contains("2019")), "{:?}", v.verdict);
}

#[test]
fn itemised_sums() {
    let ok = judge("培训费15000元；会议费11000元；差旅费55000元。总计81000元。", None);
    let v = only(&ok, "GJ703");
    assert!(v.agrees());
    assert_eq!(v.claim.subject, "总计");
    let bad = judge("培训费15000元；会议费11000元；差旅费55000元。总计82000元。", None);
    assert_eq!(disagrees(only(&bad, "GJ703")), (d("81000"), d("82000"), d("1000")));

    let ok = judge("2021年本部门政府采购预算25159.43万元，其中：政府采购货物预算4816.91万元、政府采购工程预算565.60万元、政府采购服务预算19776.92万元。", None);
    assert!(only(&ok, "GJ703").agrees());
    let bad = judge("2021年本部门政府采购预算25159.43万元，其中：政府采购货物预算4816.91万元、政府采购工程预算565.60万元、政府采购服务预算19766.92万元。", None);
    let (expected, actual, diff) = disagrees(only(&bad, "GJ703"));
    assert_eq!((expected, actual, diff), (d("25149.43"), d("25159.43"), d("10")));
    // A 其中 with a single part is not a sum; parts of parts are not counted twice.
    assert!(of_rule(&judge("预留政府采购项目预算金额12116.61万元，其中，预留给小型和微型企业的为8514.25万元。", None), "GJ703").is_empty());
    let nested = judge("1、活动：547000元。其中，主题活动176000元，平台建设371000元。2、慰问：23000元。共计：570000元。", None);
    assert_eq!(of_rule(&nested, "GJ703").len(), 2);
    assert!(nested.iter().all(|v| v.agrees()), "{nested:#?}");
    // Real text (万里街道 2023): a change inside the list and a threshold are not items.
    let change = judge("收入预算16497.86万元，其中：财政拨款收入16497.86万元，比2022年（上一年度，下同）预算增加1421.25万元；事业收入0万元；其他收入0万元。", None);
    assert!(only(&change, "GJ703").agrees(), "{change:#?}");
    let threshold = judge("车辆7辆；单价50万元以上通用设备0台/套；专用设备818台/套（其中：单价100万元以上专用设备0台/套）。", None);
    assert!(of_rule(&threshold, "GJ703").is_empty(), "{threshold:#?}");
    // Real text (江苏省人大常委会办公厅 2018): a change written `增加（减少） 0万元` is not an item,
    // and a numbered list begun after 其中 goes on in the next paragraph.
    let text = "2．公务用车购置及运行费预算支出 341.8 万元。其中：（1）公务用车购置预算支出 0 万元，比上年预算增加（减少） 0 万元，主要原因无此项预算。\n（2）公务用车运行维护费预算支出 341.8 万元，与上年度持平。\n3．公务接待费预算支出 198.40 万元。";
    let v = only(&judge(text, None), "GJ703").clone();
    assert!(v.agrees(), "{}", v.message);
    assert!(matches!(&v.claim.kind, ClaimKind::ItemisedSum { parts } if parts.len() == 2), "{:?}", v.claim.kind);
    let text = text.replace("（2）公务用车运行维护费预算支出 341.8", "（2）公务用车运行维护费预算支出 314.8");
    assert!(!only(&judge(&text, None), "GJ703").agrees());
}

#[test]
fn a_change_or_another_total_is_not_the_subject_s_level() {
    // Real text (江苏省高级人民法院 2017): the comparison is a clause before the change.
    let vs = judge("与上年相比，财政拨款支出增加 1808.29万元，增长6.69%。", None);
    assert!(of_rule(&vs, "GJ701").is_empty(), "{vs:#?}");
    // Real text (江苏省人民检察院 2018): the procurement plan's total is not the budget's.
    let vs = judge("2018年度政府采购支出预算总额 3,096.24 万元。", None);
    assert!(of_rule(&vs, "GJ701").is_empty(), "{vs:#?}");
    // The level itself is still a claim.
    assert!(only(&judge("预算支出总额为477,326万元。", None), "GJ701").agrees());
}

#[test]
fn project_amounts() {
    let ok = judge("项目资金总额：53518039元；年度资金申请总额：5351803元，其中财政资金5351803元", None);
    assert!(only(&ok, "GJ704").agrees());
    let bad = judge("项目资金总额：53518039元；年度资金申请总额：535180239元，其中财政资金53518039元", None);
    let v = only(&bad, "GJ704");
    assert_eq!(disagrees(v).2, d("481662200"));
    assert!(v.message.contains("疑为录入错误"));
    assert!(of_rule(&judge("项目总预算120万元，项目当年预算18万元。", None), "GJ704")[0].agrees());
}

#[test]
fn project_sections_are_not_the_department() {
    let text = "2021年部门预算编制说明\n公务接待费198.40万元。\n展示运行项目经费情况说明\n公务接待费5万元。\n其他相关情况说明\n公务接待费198.40万元。";
    let vs = judge(text, None);
    let lines: Vec<usize> = of_rule(&vs, "GJ701").iter().map(|v| v.claim.line).collect();
    assert_eq!(lines, vec![2, 6], "the project's 公务接待费 is not the department's");
    assert!(vs.iter().all(|v| v.agrees()));
}

#[test]
fn amounts_without_a_subject_or_unit_are_not_claims() {
    let text = "编报绩效目标的项目151个，涉及项目预算资金362395.03万元。尚有1000万缺口，约40余万元，2万亿元。\n一、财政拨款收入\t4,210,065,046\t一、教育支出\t36,439,514";
    assert!(extract_claims(text).is_empty(), "{:#?}", extract_claims(text));
}

#[test]
fn an_amount_carried_from_the_next_line_is_placed_in_that_line() {
    // The case the property below found: `财政拨款支出预算` ⏎ `0万元` is one claim, read with the
    // first line; it stands at the start of the second.
    let claims = extract_claims("财政拨款支出预算\n0万元");
    assert_eq!(claims.len(), 1);
    assert_eq!((claims[0].line, claims[0].column), (2, 1));
    assert_eq!((claims[0].amount.line, claims[0].amount.column), (2, 1));
    // Indented, as copied text often is.
    let claims = extract_claims("财政拨款支出预算\n  752.59万元。");
    assert_eq!((claims.first().map(|c| (c.line, c.column))), Some((2, 3)));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
    /// Any text of the words claims are made of: reading and judging it never fails.
    #[test]
    fn any_text_is_read_without_failing(words in proptest::collection::vec(proptest::sample::select(vec![
        "0", "3", "9", "１", ",", ".", "．", "000", "12345678901234567890", "万元", "元", "亿元", "千元", "万", "其中", "：", ":", "，", "。", "；", "、",
        "合计", "总计", "共计", "比", "较", "与", "同比", "2020年", "上年", "增加", "减少", "持平", "“", "”", "\"", "（", "）", "(", ")", "一、", "（一）", "1.", "2、",
        "\n", " ", "教育支出", "科目", "三公", "经费", "公务用车", "运行费", "购置费", "财政拨款支出预算", "预算支出总额", "项目资金总额", "年度资金申请总额",
        "项目经费情况说明", "预算编制说明", "主要内容如下", "机关运行经费", "为", "了", "基本",
    ]), 0..60)) {
        static YEARS: std::sync::OnceLock<(Budget, Budget)> = std::sync::OnceLock::new();
        let (seed, prior) = YEARS.get_or_init(|| (seed_budget(), prior_year_budget()));
        let text: String = words.concat();
        let claims = extract_claims(&text);
        let verdicts = check_claims(&claims, seed, Some(prior));
        proptest::prop_assert_eq!(verdicts.len(), claims.len());
        for c in &claims {
            let line = text.lines().nth(c.line - 1).expect("the claim's line exists");
            proptest::prop_assert!(c.column >= 1 && c.column <= line.chars().count());
        }
    }
}

#[test]
fn lists_and_amounts_broken_across_lines_of_copied_text_still_add_up() {
    // As text copied out of the 司法局 2026 unit budget and three other Putuo budgets gives them
    // (RESULTS.md: two false GJ703 warnings): the third item after a wrapped second one, an amount
    // carried to the next line before its unit, before the amount, inside the unit, and a
    // sentence going on in the next line.
    let text = "2026年“三公”经费预算数为10.71万元，与2025年预算数持平。其中：\n\
                （一）因公出国（境）费0万元，与2025年预算数持平。\n\
                （二）公务用车购置及运行费9.98万元，与2025年预算数持平，主要原因是。其中：公务用车购置费0万元，与2025年预算数持平，主要\n\
                原因是无公务用车购置需求；公务用车运行费9.98万元，与2025年预算数持平，主要原因是公务用车数量无变化。\n\
                （三）公务接待费0.73万元。与2025年预算数持平，主要原因是业务量无变化。\n\
                2026年度本单位政府采购预算1484.2万元，其中：政府采购货物预算1.44万元、政府采购工程预算36.44万元、政府采购服务预算1446.32\n\
                万元。\n\
                2024年本部门政府采购预算1662.44万元，其中：政府采购货物预算93.98万元、政府采购工程预算815.87万元、政府采购服务预算\n\
                752.59万元。\n\
                2025年度本部门政府采购预算38.20万元，其中：政府采购货物预算7.80万元、政府采购工程预算0万元、政府采购服务预算30.40万\n\
                元。\n\
                2025年度本单位政府采购预算117.00万元，其中：政府采购货物预算17.00万元、政府采购工程预算0万元、政府采购\n\
                服务预算100.00万元。";
    let sums: Vec<(usize, Decimal, Decimal)> = extract_claims(text)
        .into_iter()
        .filter_map(|c| match &c.kind {
            ClaimKind::ItemisedSum { parts } => Some((c.line, c.amount.value, parts.iter().map(|p| p.value).sum())),
            _ => None,
        })
        .collect();
    let totals: Vec<(usize, Decimal)> = sums.iter().map(|(l, t, _)| (*l, *t)).collect();
    assert_eq!(
        totals,
        vec![(1, d("10.71")), (3, d("9.98")), (6, d("1484.2")), (8, d("1662.44")), (10, d("38.20")), (12, d("117.00"))],
        "{sums:?}"
    );
    for (line, total, parts) in &sums {
        assert_eq!(total, parts, "line {line}: the parts add up once the carried text is read with them");
    }
}

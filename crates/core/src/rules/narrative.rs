//! The narrative text against the tables and against itself (docs/relations.md §13–15). The claims are
//! read and judged by [`crate::narrative`]; these are the registry entries of its findings.
//! They run only when a text is supplied ([`crate::check_with`]), never in [`super::run_all`].
//!
//! Severity: a claim about the tables that the tables contradict is an error (GJ701, GJ702: the
//! published text and the published tables cannot both be right); a text that contradicts
//! itself (GJ703, GJ704) is a warning, because the tables are not involved and the text is often
//! a draft copied between documents. A claim that cannot be checked (no prior-year file, a table
//! missing) is listed under "not checked", never as a finding.

use super::{Applies, Rule, Stage};
use crate::finding::{FindingKind, Severity};

/// GJ701 — an amount the text states for something the tables hold.
///
/// What it checks: 预算支出总额, 财政拨款支出预算, 一般公共预算/政府性基金/国有资本经营预算拨款, each
/// “类”科目 amount, the 三公 total and items, 机关运行经费, against the tables, the table amount
/// rounded half-up to the text's precision (3,327万元 vs 33,270,935元 agrees).
/// Why it matters: the text is what readers quote; it must say what the tables say.
/// Example: `“教育支出”科目3,328万元，财政拨款收支总表为 33,270,935 元（3,327 万元）`.
pub const AMOUNT_CLAIM: Rule = Rule {
    id: "GJ701",
    kind: FindingKind::Narrative,
    severity: Severity::Error,
    relation: "relations §13",
    stage: Stage::Narrative,
    applies: Applies::BUDGETS,
    check: None,
    title: "说明中的金额与表一致",
    title_en: "Amounts in the text match the tables",
    checks: "totals, 财政拨款, each 类, 三公 items and 机关运行经费 stated in the text = the tables, rounded to the text's precision",
    why: "the text is what readers quote",
    example: "“教育支出”科目3,328万元 ≠ 33,270,935元",
};

/// GJ702 — a change against an earlier year.
///
/// What it checks: "比2020年预算减少39,338万元", "与2020年预算持平" against this year's tables and the
/// prior-year file, the difference rounded to the text's precision (rounding the difference, or
/// taking the difference of the rounded amounts, both agree). Without a prior-year file the
/// claim is not checked.
/// Why it matters: year-over-year changes are the headline of every budget explanation.
/// Example: `比2020年预算减少39,338万元，实际减少 39,438 万元`.
pub const CHANGE_CLAIM: Rule = Rule {
    id: "GJ702",
    kind: FindingKind::Narrative,
    severity: Severity::Error,
    relation: "relations §14",
    stage: Stage::Narrative,
    applies: Applies::BUDGETS,
    check: None,
    title: "说明中的增减与上年度文件一致",
    title_en: "Year-over-year changes match the prior year",
    checks: "比上年增加/减少/持平 in the text = this year's tables − the prior-year file",
    why: "year-over-year changes are the headline of a budget explanation",
    example: "减少39,338万元 ≠ 39,438万元",
};

/// GJ703 — amounts the text lists add up to the total it gives.
///
/// What it checks: a list followed by 合计/总计/共计, and a total followed by 其中 and its parts
/// (政府采购 货物 + 工程 + 服务 = 总额; a project's budget lines = its 总计). Amounts in 元 add up
/// exactly; amounts in 万元 may be off by half a unit of their last place each.
/// Why it matters: a list that does not add up means an item was dropped or mistyped.
/// Example: `培训费15000元；会议费11000元 …总计160000元`.
pub const ITEMISED_SUM: Rule = Rule {
    id: "GJ703",
    kind: FindingKind::Narrative,
    severity: Severity::Warning,
    relation: "relations §15",
    stage: Stage::Narrative,
    applies: Applies::BUDGETS,
    check: None,
    title: "说明中分项之和等于总数",
    title_en: "Itemised amounts in the text add up",
    checks: "items before 合计/总计/共计, or after 其中, sum to the total stated",
    why: "a list that does not add up hides a dropped or mistyped item",
    example: "4816.91 + 565.60 + 19776.92 = 25159.43",
};

/// GJ704 — a project's amount for the year within its total.
///
/// What it checks: in one paragraph, 年度资金申请总额 / 当年预算 (the year's amount) ≤ 项目资金总额 /
/// 项目总预算 (the whole project); a gap of one digit is named as a likely typo.
/// Why it matters: a year cannot cost more than the whole project; the seed's 展示运行项目 states
/// 53518039 and 535180239.
/// Example: `年度资金申请总额 535,180,239 元 > 项目资金总额 53,518,039 元`.
pub const PROJECT_AMOUNTS: Rule = Rule {
    id: "GJ704",
    kind: FindingKind::Narrative,
    severity: Severity::Warning,
    relation: "relations §15",
    stage: Stage::Narrative,
    applies: Applies::BUDGETS,
    check: None,
    title: "项目年度金额不超过项目总额",
    title_en: "A project's annual amount within its total",
    checks: "年度资金申请总额/当年预算 ≤ 项目资金总额/总预算 in the same paragraph",
    why: "a year cannot cost more than the whole project",
    example: "535,180,239 > 53,518,039",
};

/// GJ710 — punctuation typed twice.
///
/// What it checks: two stops in a row in the text (`。。`, `，。`, `；；`).
/// Why it matters: a reviewer's 检查表 asks for it under 文字表述; it marks a sentence edited and
/// not read again.
/// Example: `信息化建设及运行维护等方面的支出。。2025年` (司法局 2026).
pub const DOUBLED_PUNCTUATION: Rule = Rule {
    id: "GJ710",
    kind: FindingKind::Narrative,
    severity: Severity::Warning,
    relation: "relations §W30",
    stage: Stage::Narrative,
    applies: Applies::ALL,
    check: None,
    title: "标点重复",
    title_en: "Punctuation typed twice",
    checks: "no two stops in a row (。。 ，。 ；；) in the text",
    why: "a doubled stop marks a sentence edited and not read again",
    example: "运行维护等方面的支出。。2025年",
};

/// GJ711 — a sentence cut off before what it announces.
///
/// What it checks: a sentence that ends right after 主要原因是 / 原因为 / 主要用于： / 包括： / 如下：.
/// Why it matters: the reason or the list the reader is promised is missing: a template left unfilled.
/// Example: `与2025年预算数持平，主要原因是。` (司法局 2026 unit budget).
pub const CUT_OFF_SENTENCE: Rule = Rule {
    id: "GJ711",
    kind: FindingKind::Narrative,
    severity: Severity::Warning,
    relation: "relations §W31",
    stage: Stage::Narrative,
    applies: Applies::ALL,
    check: None,
    title: "句子不完整",
    title_en: "Sentence cut off",
    checks: "no sentence ends right after 主要原因是 / 主要用于： / 包括： / 如下：",
    why: "the reason or list the sentence announces is missing",
    example: "与2025年预算数持平，主要原因是。",
};

/// GJ705 — a percentage of change that its own amounts contradict.
///
/// What it checks: `A万元 … B万元，比…增加/减少P%` gives P = (B − A) / A; `L万元，…增加Δ万元，增长P%`
/// gives P = Δ / (L − Δ); within half a unit of P's last place and the amounts' rounding.
/// Why it matters: the percentage is what a reader remembers; a wrong one misstates the change.
/// Example: `1690.69万元 … 1434.89万元，比2025年预算执行数减少1.10%` (司法局 2026: it is −15.13 %).
pub const PERCENT_CHANGE: Rule = Rule {
    id: "GJ705",
    kind: FindingKind::Narrative,
    severity: Severity::Warning,
    relation: "relations §N27",
    stage: Stage::Narrative,
    applies: Applies::ALL,
    check: None,
    title: "说明中的增减百分比与其金额一致",
    title_en: "Percentages of change match their amounts",
    checks: "增加/减少 P% = the change between the two amounts stated before it, in the same sentence",
    why: "a wrong percentage misstates the change a reader remembers",
    example: "1690.69 → 1434.89 万元 is −15.13 %, not −1.10 %",
};

/// GJ706 — an item's amount stated twice in its paragraph, differently.
///
/// What it checks: `…（01项）A万元。…2026年预算安排C万元` in one item's paragraph: A = C.
/// Why it matters: one of the two is wrong, and a reader cannot tell which.
/// Example: `行政单位离退休（01项）56.12万元 … 2026年预算安排57.8万元` (司法局 2026 unit budget).
pub const RESTATED_AMOUNT: Rule = Rule {
    id: "GJ706",
    kind: FindingKind::Narrative,
    severity: Severity::Warning,
    relation: "relations §N32",
    stage: Stage::Narrative,
    applies: Applies::ALL,
    check: None,
    title: "同一项目两处金额一致",
    title_en: "An item's amount stated twice agrees",
    checks: "（XX项）A万元 and, in the same item, 预算安排C万元: A = C",
    why: "one of two amounts for the same item is wrong",
    example: "（01项）56.12万元 … 预算安排57.8万元",
};

/// GJ707 — a 类 named in the text otherwise than in the tables.
///
/// What it checks: each `名称（NNN类）` of the text against the name of NNN in the tables.
/// Why it matters: a former name (医疗卫生与计划生育支出 for 卫生健康支出) shows a text copied from an
/// earlier year and not brought up to date.
/// Example: `医疗卫生与计划生育支出（210类）`, the tables' 210 being 卫生健康支出 (司法局 2026).
pub const CLASS_NAME: Rule = Rule {
    id: "GJ707",
    kind: FindingKind::Narrative,
    severity: Severity::Warning,
    relation: "relations §N33",
    stage: Stage::Narrative,
    applies: Applies::ALL,
    check: None,
    title: "说明中的科目名称与表一致",
    title_en: "Class names in the text match the tables",
    checks: "名称（NNN类） in the text = the name of class NNN in the tables",
    why: "a former name shows a text copied from an earlier year",
    example: "医疗卫生与计划生育支出（210类） vs 210 卫生健康支出",
};

/// The rules on the text alone (its wording, its own percentages and amounts, its names): they
/// read any text, a 决算's too.
pub const TEXT_ALONE: [&Rule; 5] = [&DOUBLED_PUNCTUATION, &CUT_OFF_SENTENCE, &PERCENT_CHANGE, &RESTATED_AMOUNT, &CLASS_NAME];

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
    heuristic: false,
    applies: Applies::BUDGETS,
    check: None,
    title: "说明中的金额与表一致",
    title_en: "Amounts in the text match the tables",
    checks: "totals, 财政拨款, each 类, 三公 items and 机关运行经费 stated in the text = the tables, rounded to the text's precision",
    why: "the text is what readers quote",
    example: "“教育支出”科目3,328万元 ≠ 33,270,935元",
};

/// GJ718 — a 决算's totals stated in its text match its tables (docs/relations.md §N29).
///
/// What it checks: in a 决算's text, 收入支出总计 = 收入支出决算总表 总计; 本年收入合计 and 本年支出合计 =
/// the same lines of that table; 财政拨款收入支出总计 = 财政拨款收入支出决算总表 总计; 基本支出 / 项目支出
/// = 支出决算表 合计; 一般公共预算财政拨款支出 (and its 基本支出) = 一般公共预算财政拨款支出决算表 合计;
/// 人员经费 / 公用经费 = the basic-expenditure table's 合计s — each rounded to the text's places. An
/// amount after 增加 / 减少 is a change, and one after 年初预算 a budget's: both are left alone.
/// Why it matters: the 决算's text is what a people's congress reads; a total it misstates is
/// quoted as the department's.
/// Example: `2024年度财政拨款收入支出总计0.3万元` (普陀区财政局 2024 决算: the table's 总计 is 2,961.68 万元).
pub const FINAL_AMOUNT_CLAIM: Rule = Rule {
    id: "GJ718",
    kind: FindingKind::Narrative,
    severity: Severity::Error,
    relation: "relations §N29",
    stage: Stage::Narrative,
    heuristic: false,
    applies: Applies::FINAL_ACCOUNTS,
    check: None,
    title: "决算说明中的总额与表一致",
    title_en: "Totals in a 决算's text match its tables",
    checks: "收入支出总计, 本年收入合计, 本年支出合计 = 收入支出决算总表; 财政拨款收入支出总计 = 财政拨款收入支出决算总表 总计; 基本/项目支出, 一般公共预算财政拨款(基本)支出, 人员/公用经费 = their tables' 合计",
    why: "the 决算's text is what readers quote as the department's totals",
    example: "财政拨款收入支出总计 0.3 万元 ≠ 2,961.68 万元",
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
    heuristic: false,
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
    heuristic: true,
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
    heuristic: true,
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
    heuristic: false,
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
    heuristic: false,
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
    heuristic: false,
    applies: Applies::ALL,
    check: None,
    title: "说明中的增减百分比与其金额一致",
    title_en: "Percentages of change match their amounts",
    checks: "增加/减少 P% = the change between the two amounts stated before it, in the same sentence",
    why: "a wrong percentage misstates the change a reader remembers",
    example: "1690.69 → 1434.89 万元 is −15.13 %, not −1.10 %",
};

/// GJ717 — a share (占P%) its total and part contradict.
///
/// What it checks: `总额B万元，其中/主要用于…：部分A万元，占P%` — P = A / B, to the places printed and
/// the amounts' rounding; only a bare 占P% right after the part, under the total its sentence
/// opens with (a share of something named, `占本年支出合计的…`, is left alone).
/// Why it matters: the share is what a reader takes away; a wrong one misstates the spending's mix.
/// Example: `一般公共预算财政拨款支出2940.05万元，主要用于…一般公共服务支出（类）2106.66万元，占71.73%`
/// (普陀区财政局 2024 决算: it is 71.65 %).
pub const SHARE: Rule = Rule {
    id: "GJ717",
    kind: FindingKind::Narrative,
    severity: Severity::Warning,
    relation: "relations §N27",
    stage: Stage::Narrative,
    heuristic: false,
    applies: Applies::ALL,
    check: None,
    title: "说明中的占比与其金额一致",
    title_en: "Shares match their amounts",
    checks: "总额 B，其中 A，占P% → P = A / B (the total the sentence opens with)",
    why: "a wrong share misstates the mix of the spending a reader takes away",
    example: "2,106.66 of 2,940.05 万元 is 71.65 %, not 71.73 %",
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
    heuristic: false,
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
    heuristic: false,
    applies: Applies::ALL,
    check: None,
    title: "说明中的科目名称与表一致",
    title_en: "Class names in the text match the tables",
    checks: "名称（NNN类） in the text = the name of class NNN in the tables",
    why: "a former name shows a text copied from an earlier year",
    example: "医疗卫生与计划生育支出（210类） vs 210 卫生健康支出",
};

/// GJ712 — a budget compared with its own year.
///
/// What it checks: in a budget of year Y, a comparison `比N年预算…` / `与N年预算持平` with N ≥ Y.
/// Why it matters: a budget is compared with the year before; `比2026年预算增加` in the 2026
/// budget is a sentence copied from last year's document with the years moved on once too often.
/// Example: `财政拨款收入9628.22万元，比2026年预算增加793.14万元` (司法局 2026, five times).
pub const WRONG_YEAR: Rule = Rule {
    id: "GJ712",
    kind: FindingKind::Narrative,
    severity: Severity::Warning,
    relation: "relations §W32",
    stage: Stage::Narrative,
    heuristic: false,
    applies: Applies::BUDGETS,
    check: None,
    title: "比较的年份正确",
    title_en: "Comparisons name the right year",
    checks: "in a budget of year Y, no 比N年预算 / 与N年预算持平 with N ≥ Y",
    why: "a budget is compared with the year before",
    example: "2026年预算：比2026年预算增加793.14万元",
};

/// GJ715 — a unit budget that calls itself a department budget.
///
/// What it checks: in a document whose cover says 单位预算 (or 单位决算), the words 部门预算 (other
/// than the classification 部门预算经济分类).
/// Why it matters: a 单位预算 is the unit's own; `部门预算安排购置车辆` in it is text copied from the
/// department's document, and may state the department's figures.
/// Example: `2026年部门预算安排购置车辆0辆` in the 司法局 2026 单位预算.
pub const LEVEL_WORDING: Rule = Rule {
    id: "GJ715",
    kind: FindingKind::Narrative,
    severity: Severity::Warning,
    relation: "relations §W33",
    stage: Stage::Narrative,
    heuristic: false,
    applies: Applies::ALL,
    check: None,
    title: "单位预算不称部门预算",
    title_en: "A unit budget does not call itself a department budget",
    checks: "no 部门预算 in a document whose cover says 单位预算",
    why: "text copied from the department's document may state its figures",
    example: "单位预算中“2026年部门预算安排购置车辆0辆”",
};

/// GJ713 — a quotation mark without its pair.
///
/// What it checks: within a line, every ” closes a “ (and ’ a ‘); a “ opened before a full stop
/// is closed.
/// Why it matters: an unpaired mark shows an edit left half done; a reader cannot tell what is quoted.
/// Example: `开展“人民调解协议书检查”、优秀调解案例”活动。` (司法局 2026).
pub const UNMATCHED_QUOTE: Rule = Rule {
    id: "GJ713",
    kind: FindingKind::Narrative,
    severity: Severity::Warning,
    relation: "relations §W34",
    stage: Stage::Narrative,
    heuristic: false,
    applies: Applies::ALL,
    check: None,
    title: "引号成对",
    title_en: "Quotation marks in pairs",
    checks: "every ” closes a “ on its line, every “ before a 。 is closed",
    why: "an unpaired mark shows an edit left half done",
    example: "开展“人民调解协议书检查”、优秀调解案例”活动。",
};

/// GJ714 — a template's alternatives left in.
///
/// What it checks: `增加（减少）的主要原因是…` (or 增长（下降）): the sentence keeps both words of the
/// template where it should say which.
/// Why it matters: the reader is not told whether the amount went up or down.
/// Example: `财政拨款收入支出增加（减少）的主要原因是业务量增加。` (司法局 2026 unit budget).
pub const TEMPLATE_LEFT: Rule = Rule {
    id: "GJ714",
    kind: FindingKind::Narrative,
    severity: Severity::Warning,
    relation: "relations §W35",
    stage: Stage::Narrative,
    heuristic: false,
    applies: Applies::ALL,
    check: None,
    title: "模板用语已择一",
    title_en: "Template alternatives resolved",
    checks: "no 增加（减少）/增长（下降） before 的主要原因",
    why: "the reader is not told whether the amount went up or down",
    example: "财政拨款收入支出增加（减少）的主要原因是业务量增加。",
};

/// GJ716 — a sentence without its full stop.
///
/// What it checks: a short last line of a paragraph that gives a reason or a use (原因是, 主要用于)
/// and ends in a word, the next line starting a new paragraph.
/// Why it matters: the reviewer's 检查表 asks for it; it marks a sentence typed in last and not read.
/// Example: `财政拨款收入支出增加的主要原因是工作量增加` ⏎ `财政拨款支出主要内容如下：` (司法局 2026).
pub const MISSING_STOP: Rule = Rule {
    id: "GJ716",
    kind: FindingKind::Narrative,
    severity: Severity::Warning,
    relation: "relations §W36",
    stage: Stage::Narrative,
    heuristic: false,
    applies: Applies::ALL,
    check: None,
    title: "句末有句号",
    title_en: "Sentences end with a full stop",
    checks: "a paragraph's last sentence giving a reason or a use ends with 。",
    why: "a missing stop marks a sentence typed in last and not read",
    example: "……主要原因是工作量增加⏎财政拨款支出主要内容如下：",
};

/// GJ802 — a blank page inside the document.
///
/// What it checks: a page of the PDF, after the first and before the last page with text, with
/// neither text nor an image.
/// Why it matters: a blank page after the contents shifts every page the contents lists, and
/// looks like a table left out.
/// Example: page 3 of the 司法局 2026 department budget, right after 目录.
pub const BLANK_PAGE: Rule = Rule {
    id: "GJ802",
    kind: FindingKind::Narrative,
    severity: Severity::Warning,
    relation: "relations §C13",
    stage: Stage::Narrative,
    heuristic: false,
    applies: Applies::ALL,
    check: None,
    title: "无多余空白页",
    title_en: "No blank pages",
    checks: "no page without text or image between the first and the last page",
    why: "a blank page looks like a table left out",
    example: "第 3 页（目录之后）为空白页",
};

/// GJ803 — text drawn where no reader sees it.
///
/// What it checks: a page of the PDF whose text is partly drawn outside the page or clipped away
/// (ten characters or more; a clipped chart label is fewer).
/// Why it matters: the reader of the published page does not see that text — a paragraph run off
/// the bottom of the page, a table drawn below it; what the page shows is incomplete.
/// Example: 司法局 2026 page 4, `（八）负责本系统警车管理工作…` and what follows, clipped at the foot.
pub const HIDDEN_TEXT: Rule = Rule {
    id: "GJ803",
    kind: FindingKind::Narrative,
    severity: Severity::Warning,
    relation: "relations §C14",
    stage: Stage::Narrative,
    heuristic: false,
    applies: Applies::ALL,
    check: None,
    title: "文字均正常显示",
    title_en: "All text is shown",
    checks: "no text drawn off the page or clipped away (10 characters or more)",
    why: "the reader of the published page does not see it",
    example: "第 4 页“（八）负责本系统警车管理工作…”起 131 个字符被裁去",
};

/// The rules on the text alone (its wording, its own percentages and amounts, its names, what it
/// says of the document): they read any text, a 决算's too.
pub const TEXT_ALONE: [&Rule; 13] = [
    &DOUBLED_PUNCTUATION,
    &CUT_OFF_SENTENCE,
    &PERCENT_CHANGE,
    &SHARE,
    &RESTATED_AMOUNT,
    &CLASS_NAME,
    &WRONG_YEAR,
    &LEVEL_WORDING,
    &UNMATCHED_QUOTE,
    &TEMPLATE_LEFT,
    &MISSING_STOP,
    &BLANK_PAGE,
    &HIDDEN_TEXT,
];

//! Every word the web app shows, in Chinese (first) and English.
//!
//! Pure data and formatting: no web APIs, so it is tested on the host. Fixed strings are
//! declared once, each with both languages side by side ([`texts!`]); strings with numbers in
//! them are the functions below. Words that come with the data (table and rule names, finding
//! messages) arrive from the worker in both languages.

use serde::{Deserialize, Serialize};

/// The interface language. Chinese is the default; English is a toggle remembered in
/// `localStorage` under [`Lang::STORAGE_KEY`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// The `localStorage` key that remembers the choice.
    pub const STORAGE_KEY: &'static str = "gouji.lang";

    /// The value stored in `localStorage`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// Parses a stored value; anything unknown (or nothing) means Chinese.
    pub fn from_code(code: Option<&str>) -> Lang {
        match code.map(str::trim) {
            Some(c) if c.eq_ignore_ascii_case("en") => Lang::En,
            _ => Lang::Zh,
        }
    }

    /// The value for `<html lang>`.
    pub fn html_lang(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    pub fn toggled(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }

    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }

    /// Picks the string of this language.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// Declares the fixed strings: `field: "中文", "English";`. Makes the `Texts` struct, the two
/// statics `ZH` and `EN`, and `Texts::all` (every field, for the tests).
macro_rules! texts {
    ($($field:ident: $zh:expr, $en:expr;)*) => {
        /// Fixed strings of the interface.
        #[derive(Debug)]
        pub struct Texts {
            $(pub $field: &'static str,)*
        }
        pub static ZH: Texts = Texts { $($field: $zh,)* };
        pub static EN: Texts = Texts { $($field: $en,)* };
        impl Texts {
            /// Every string with its field name.
            pub fn all(&self) -> Vec<(&'static str, &'static str)> {
                vec![$((stringify!($field), self.$field),)*]
            }
        }
    };
}

texts! {
    doc_title: "勾稽 gouji · 部门预算表勾稽检查", "gouji · budget table reconciliation checks";
    app_name: "勾稽", "勾稽";
    tagline: "在浏览器中核对部门预算、决算公开表格之间的勾稽关系",
        "Check the reconciliation relations between a department's published budget tables, in your browser";
    lang_toggle: "English", "中文";
    lang_toggle_label: "Switch to English", "切换到中文";
    privacy: "文件只在本机处理，不会上传", "Files are processed on this computer only and never uploaded";
    privacy_detail: "所有读取与核对都在您的浏览器内完成，页面不向任何服务器发送表格内容。",
        "All reading and checking happens inside your browser; the page sends no table content to any server.";

    // Inputs.
    inputs_label: "选择要检查的预算", "Choose the budget to check";
    drop_title: "拖入本年预算文件，或点击选择", "Drop this year's budget files here, or click to choose";
    drop_title_again: "拖入新文件重新检查，或点击选择", "Drop new files to check again, or click to choose";
    drop_hint: "一次选择的多个文件（如每表一个 CSV）合为一份预算", "Files chosen together (such as one CSV per table) form one budget";
    drop_active: "松开鼠标即可检查", "Release to check the files";
    drop_formats: "支持公开的 PDF 原件，以及 xlsx、xlsm、xlsb、xls、ods、csv、txt", "The published PDF itself, or xlsx, xlsm, xlsb, xls, ods, csv and txt";
    choose_files: "选择文件", "Choose files";
    choose_folder: "选择文件夹", "Choose folder";
    choose_folder_label: "选择一个装有预算表 CSV 的文件夹", "Choose a folder of budget CSV files";
    sample_lead: "没有文件？", "No file at hand?";
    sample_button: "试用示例预算", "Try the sample budget";
    sample_hint: "上海市科学技术委员会 2021 年部门预算公开文本（8 张表及文字说明）",
        "Shanghai Science and Technology Commission, 2021 budget as published (8 tables and the text)";
    prior_title: "上年预算（可选）", "Prior year's budget (optional)";
    prior_hint: "加入上年的预算文件，即可对比两年变化，并核对文字说明中“比上年”的数字。",
        "Add the prior year's budget files to compare the two years and check the text's year-over-year figures.";
    prior_choose: "选择上年文件", "Choose prior-year files";
    prior_drop_label: "选择或拖入上年预算文件", "Choose or drop the prior year's budget files";
    remove: "移除", "Remove";
    paste_title: "粘贴从 PDF 复制的文字", "Paste text copied from the PDF";
    paste_hint: "复制的文字会丢掉空白单元格、拆开科目编码，gouji 只核对能确定位置的数字。直接拖入 PDF 原件可以准确读取每个单元格。已选文件时，粘贴的文字作为这些表的说明来核对。",
        "Copied text loses blank cells and splits codes, so gouji checks only the amounts whose columns are certain. Drop the PDF itself to read every cell exactly. With files chosen, the text is checked as their narrative.";
    paste_placeholder: "在此粘贴（Ctrl+V）复制的文字或单元格……", "Paste (Ctrl+V) copied text or cells here…";
    paste_submit: "核对粘贴的文字", "Check the pasted text";
    paste_empty: "请先粘贴表格或文字。", "Paste some text or table cells first.";
    source_current: "本年", "This year";
    source_prior: "上年", "Prior year";
    source_text: "文字", "Text";
    source_sample: "示例预算", "Sample budget";
    clear_all: "全部清除", "Clear all";

    // Work in progress.
    stage_loading: "正在读取文件", "Reading the files";
    stage_reading: "正在识别表格", "Recognising the tables";
    stage_reading_pages: "正在读取 PDF 页面", "Reading the PDF's pages";
    stage_reading_prior: "正在读取上年预算", "Reading the prior year's budget";
    stage_checking: "正在核对勾稽关系", "Checking the relations";
    stage_narrative: "正在核对文字说明", "Checking the narrative text";
    stage_comparing: "正在对比上年", "Comparing with the prior year";
    stage_preparing: "正在整理结果", "Preparing the results";
    stage_exporting: "正在导出", "Exporting";
    stage_starting: "正在启动处理组件", "Starting the processing worker";
    working_note: "处理在后台进行，页面可以继续使用。", "Processing runs in the background; the page stays usable.";
    cancel: "取消", "Cancel";
    cancelled: "已取消检查。", "The check was cancelled.";
    previous_result: "下面仍是上一次检查的结果。", "The results below are from the previous check.";

    // Errors.
    error_title: "无法检查", "Could not check";
    retry: "重新检查", "Check again";
    error_next: "可以换一个文件再试，或者先用示例预算看看效果。", "Try another file, or look at the sample budget first.";
    worker_failed: "处理组件意外停止（可能是文件超出了浏览器可用的内存），本次检查没有完成。已换上新的处理组件：可以点“重新检查”，或换一个文件。",
        "The processing worker stopped unexpectedly (the file may need more memory than the browser allows), so this check did not finish. A fresh worker is in place: press “Check again”, or choose another file.";
    worker_stalled: "处理组件超过 {seconds} 秒没有任何进展，已停止并换上新的处理组件；已有的结果和选好的文件都还在：可以点“重新检查”，或换一个文件。",
        "The processing worker made no progress for over {seconds} seconds, so it was stopped and a fresh one put in place; your results and chosen files are kept: press “Check again”, or choose another file.";
    worker_load_failed: "处理组件未能加载。请刷新页面；如果仍然失败，请使用最新版的 Chrome、Edge、Firefox 或 Safari。",
        "The processing worker could not load. Reload the page; if it still fails, use a current Chrome, Edge, Firefox or Safari.";
    read_failed_browser: "浏览器未能读取这个文件（可能已被移动、删除或无权访问）。请重新选择。",
        "The browser could not read this file (it may have been moved, deleted or be inaccessible). Choose it again.";
    prior_error_title: "上年预算未能读取，本年预算已照常检查", "The prior year's budget could not be read; this year's was checked as usual";

    // Overview.
    overview_title: "检查概况", "Overview";
    unit_label: "编制部门", "Department";
    year_label: "预算年度", "Budget year";
    year_label_final: "决算年度", "Year of the final accounts";
    family_label: "格式", "Layout";
    money_unit_label: "金额单位", "Unit of amounts";
    files_label: "检查的文件", "Files checked";
    unknown: "未写明", "not stated";
    count_errors: "错误", "errors";
    count_warnings: "警告", "warnings";
    count_infos: "提示", "notes";
    no_errors: "未发现错误", "No errors found";
    no_errors_detail: "所有能够检查的勾稽关系都成立。", "Every relation that could be checked holds.";
    has_errors_detail: "下面列出每个问题及其所在单元格。点击问题可在表格中查看。",
        "Each problem is listed below with its cells. Click one to see it in the table.";
    tables_title: "识别出的表格", "Tables found";
    table_found: "已识别", "found";
    table_empty: "空表", "empty";
    table_missing: "未找到", "not found";
    not_checked_title: "未能检查的关系", "Relations not checked";
    not_checked_none: "所有关系都已检查。", "Every relation was checked.";
    pasted_text: "粘贴的文字", "Pasted text";

    // Units.
    units_title: "预算单位", "Units";
    unit_search_label: "搜索预算单位", "Search the units";
    unit_search_placeholder: "输入单位名称筛选", "Type to filter by name";
    unit_unnamed: "（未写明单位）", "(unit not named)";
    units_no_match: "没有匹配的单位。", "No unit matches.";

    // Tabs.
    tabs_label: "检查结果", "Results";
    tab_findings: "问题清单", "Findings";
    tab_tables: "表格", "Tables";
    tab_three_public: "三公经费", "三公 spending";
    tab_changes: "上年对比", "Year over year";
    tab_claims: "文字说明", "Narrative";
    tab_review: "检查表", "Checklist";
    causes_title: "可能的共同原因", "Probable common causes";
    rollup_title: "汇总", "Roll-up";
    rollup_errors_only: "只看有错误的", "Only units with errors";
    rollup_unit: "单位", "Unit";
    rollup_source: "来源", "Source";
    rollup_year: "年度", "Year";
    rollup_kind: "类型", "Kind";
    rollup_errors: "错误", "Errors";
    rollup_warnings: "警告", "Warnings";
    rollup_three_public: "三公经费", "三公 total";
    rollup_checklist: "检查表“否”", "Checklist “no”";
    rollup_budget: "预算", "budget";
    rollup_final_accounts: "决算", "final accounts";
    rollup_prior: "上年", "Prior year";
    rollup_prior_none: "（无）", "(none)";
    rollup_prior_label: "作为上年对比的单位", "The unit compared as its prior year";
    rollup_change: "支出较上年", "Spending vs prior";
    rollup_paired: "同一单位相邻年度的文件已自动配对为本年与上年，可在“上年”一栏更改。", "Files of one unit and consecutive years were paired as this year and the prior year; change the pairing in the “Prior year” column.";
    export_checklist: "检查表（.xlsx）", "Checklist (.xlsx)";
    export_markup: "在原表上标注", "Mark up my workbook";
    export_markup_title: "下载您自己的工作簿副本：有问题的单元格标上颜色和批注，末尾加一张问题清单。", "Download a copy of your own workbook: the wrong cells filled and noted, and a sheet listing the findings.";
    review_intro: "按公开情况检查表逐项填写：有问题的项目为“否”，并列出页码、原文和应为；文件无法判断的项目留待人工判断，不会标为“是”。", "The reviewer's checklist, item by item: an item with a problem is “no”, with page, quotation and what it should be; what the document cannot decide is left to the reviewer, never ticked “yes”.";
    review_item: "检查内容", "Item";
    review_answer: "符合要求", "Meets";
    review_evidence: "问题说明", "What was found";
    answer_yes: "是", "yes";
    answer_no: "否", "no";
    answer_pending: "待人工判断", "for the reviewer";

    // Findings.
    findings_title: "问题清单", "Findings";
    filter_severity: "严重程度", "Severity";
    filter_table: "表格", "Table";
    filter_rule: "规则", "Rule";
    filter_all: "全部", "All";
    sev_error: "错误", "Error";
    sev_warning: "警告", "Warning";
    sev_info: "提示", "Note";
    findings_none: "没有发现问题。", "No findings.";
    findings_none_filtered: "没有符合筛选条件的问题。", "No finding matches the filters.";
    expected: "应为", "Expected";
    actual: "实际", "Actual";
    difference: "差额", "Difference";
    show_in_table: "在表中查看", "Show in the table";
    rounding_group: "舍入差异", "Rounding differences";
    rounding_note: "逐格四舍五入造成的小差额，在允许范围内，不是错误。", "Small gaps from rounding each cell, within tolerance: not errors.";
    computed: "计算值", "Computed";
    printed: "表中数", "Printed";
    gap: "差", "Gap";
    heuristic: "经验规则", "Rule of thumb";
    heuristic_title: "这条关系通常成立，但不是表内恒等式，请结合实际判断。", "This relation usually holds but is not an identity of the tables: judge it.";
    mark_reviewed: "已复核", "Reviewed";
    mark_accepted: "可接受", "Accepted";
    mark_comment: "复核意见", "Review comment";
    mark_group: "复核标记", "Review mark";
    marked_count: "已标记", "Marked";
    prev_finding: "上一条", "Previous";
    next_finding: "下一条", "Next";
    keys_hint: "按 J / K 逐条查看", "J / K: next / previous finding";
    print_findings: "问题清单", "Findings";
    cells_label: "单元格", "Cells";
    text_place: "文字说明", "In the text";

    // Table view.
    table_select_label: "选择表格", "Choose a table";
    sheet_label: "工作表", "Sheet";
    title_cell_label: "标题位置", "Title at";
    empty_table_note: "本表为空表（没有数据行）。", "This table is empty (it has no data rows).";
    col_code: "科目编码", "Code";
    col_name: "科目名称", "Name";
    half_income: "收入", "Income";
    half_expenditure: "支出", "Expenditure";
    legend_checked: "检查的单元格", "Checked cell";
    legend_compared: "参与比较的单元格", "Compared cells";
    address_hint: "鼠标悬停或键盘聚焦某一行，可看到单元格在原表中的位置。",
        "Hover over a row or focus it with the keyboard to see where its cells are in the original.";
    selected_finding: "当前查看的问题", "Finding shown";
    clear_selection: "取消高亮", "Clear highlight";
    other_tables_cells: "其他表中的单元格", "Cells in other tables";
    no_tables: "没有识别出表格。", "No tables were recognised.";
    unreadable_cell: "无法读取", "unreadable";

    // 三公.
    tp_title: "“三公”经费和机关运行经费", "三公 spending and office running costs";
    tp_total: "“三公”经费合计", "三公 total";
    tp_office: "机关运行经费", "Office running costs";
    tp_vehicle: "公务用车购置及运行费", "Official vehicles (purchase and operation)";
    tp_share: "占比", "Share";
    tp_chart_label: "“三公”经费构成图", "Chart of the 三公 spending by item";
    tp_economic_title: "与基本支出经济分类科目的比较", "Against the economic lines of basic spending";
    tp_economic_note: "“三公”经费包括基本支出和项目支出，各项应不少于基本支出经济分类表中对应科目的金额。",
        "The 三公 figures cover basic and project spending, so each must be at least the matching economic line of basic spending.";
    tp_col_item: "“三公”项目", "三公 item";
    tp_col_economic: "经济分类科目", "Economic line";
    tp_col_result: "结果", "Result";
    tp_covered: "不少于对应科目", "covers the line";
    tp_not_covered: "少于对应科目", "below the line";
    tp_unknown: "无法比较", "cannot compare";
    tp_missing: "没有识别出“三公”经费表。", "No 三公 table was found.";
    tp_open_table: "查看原表", "Open the table";
    tp_findings_title: "本表的问题", "Findings on this table";
    tp_findings_none: "“三公”经费表的各项关系都成立。", "Every relation of the 三公 table holds.";
    tp_prior_title: "与上年对比", "Against the prior year";

    // Year over year.
    changes_none: "没有上年预算。在上方“上年预算”处加入上年的文件即可对比两年。",
        "No prior year given. Add the prior year's files above to compare the two years.";
    sort_label: "排序", "Sort";
    sort_table: "按表格顺序", "Table order";
    sort_size: "按变动金额", "Size of change";
    totals_only: "只看合计列", "Totals only";
    col_old: "上年", "Prior year";
    col_new: "本年", "This year";
    col_delta: "增减", "Change";
    col_pct: "增减率", "Change %";
    col_column: "栏目", "Column";
    col_table: "表", "Table";
    status_new: "新增", "new";
    status_removed: "取消", "removed";
    status_renamed: "更名", "renamed";
    movers_title: "变动最大的类、款", "Largest movers by class and item";
    tp_yoy_title: "“三公”经费两年对比", "三公 spending, year against year";
    only_old_label: "只有上年有的表", "Tables only the prior year has";
    only_new_label: "只有本年有的表", "Tables only this year has";
    skipped_label: "未能对比的表", "Tables not compared";
    changes_more: "只显示前 500 行，导出可得全部。", "Only the first 500 rows are shown.";

    // Narrative claims.
    claims_title: "文字说明中的数字", "Amounts stated in the text";
    claims_none: "没有核对文字说明。粘贴或拖入公开文本（含“预算编制说明”等文字）即可核对其中的数字。",
        "No narrative text was checked. Paste or drop the published text (with its explanations) to check its figures.";
    filter_verdict: "核对结果", "Verdict";
    verdict_agrees: "一致", "agrees";
    verdict_disagrees: "不一致", "disagrees";
    verdict_cannot: "无法核对", "cannot be checked";

    // Export.
    export_title: "导出结果", "Export";
    export_csv: "问题清单 CSV", "Findings CSV";
    export_json: "JSON", "JSON";
    export_xlsx: "Excel 报告（标出错误单元格）", "Excel report (wrong cells marked)";
    print: "打印", "Print";
    export_note: "导出的文件在本机生成，不经过网络。", "Exports are made on this computer, never sent anywhere.";

    // What the app does (shown before anything is checked).
    intro_title: "勾稽检查做什么", "What gouji does";
    intro_1_title: "识别表格", "Finds the tables";
    intro_1: "按标题和表头识别部门预算的标准表格：收支总表、收入、支出、财政拨款、一般公共预算、政府性基金、基本支出经济分类和“三公”经费，不依赖表格位置或工作表名称。",
        "Recognises the standard budget tables by their titles and headers (summary, revenue, expenditure, appropriations, general public budget, government funds, basic spending by economic class, 三公), wherever they are.";
    intro_2_title: "核对勾稽关系", "Checks the relations";
    intro_2: "核对类、款、项之和，各栏之和，总表与分表之间的同一数字，以及“三公”经费与经济分类科目；元与万元之间按舍入容差比较。",
        "Checks that classes, items and sub-items add up, that columns sum to their totals, that the same money agrees across tables, and the 三公 figures against their economic lines, allowing for rounding between yuan and 10,000-yuan figures.";
    intro_3_title: "定位到单元格", "Points at the cells";
    intro_3: "每个问题都标明所在的工作表和单元格，可在表格中高亮查看，也可以导出把错误单元格标红的 Excel 报告。",
        "Every problem names its sheet and cells: see them highlighted in the table, or export an Excel report with the wrong cells filled red.";

    // Made in the worker: its own errors, and the words of the .xlsx report.
    no_input: "没有可检查的文件。", "There is no file to check.";
    stale: "检查结果已不在内存中（处理组件已重新启动）。请重新选择文件。",
        "The results are no longer in memory (the processing worker was restarted). Choose the files again.";
    export_failed: "导出失败", "The export failed";
    tp_total_short: "“三公”经费合计", "三公 total";
    report_sheet: "检查结果", "Findings";
    report_title: "勾稽检查报告", "gouji reconciliation report";
    report_no: "序号", "No.";
    report_rule_title: "规则名称", "Rule title";
    report_message: "说明", "Message";
    report_unit: "单位", "Unit";
    report_cells: "单元格（原表）", "Cells (original)";
    report_review: "复核", "Review";
    report_where: "原表位置", "Original place";
    report_empty: "（空表）", "(empty table)";

    footer: "勾稽 gouji · 开源工具 · 不收集任何数据", "勾稽 gouji · open source · collects no data";
}

/// `3 个错误` / `3 errors` style counts for the overview: the number and its word.
pub fn count_word(lang: Lang, n: usize, zh: &str, en_one: &str, en_many: &str) -> String {
    match lang {
        Lang::Zh => format!("{n} 个{zh}"),
        Lang::En if n == 1 => format!("1 {en_one}"),
        Lang::En => format!("{n} {en_many}"),
    }
}

/// The report's counts line: `错误 3 个，警告 0 个，提示 0 条` / `3 errors, 0 warnings, 0 notes`.
pub fn report_counts(lang: Lang, errors: usize, warnings: usize, infos: usize) -> String {
    match lang {
        Lang::Zh => format!("错误 {errors} 个，警告 {warnings} 个，提示 {infos} 条"),
        Lang::En => format!("{errors} errors, {warnings} warnings, {infos} notes"),
    }
}

/// `2021 年` / `2021`.
pub fn year(lang: Lang, y: Option<i32>) -> String {
    match (lang, y) {
        (_, None) => lang.texts().unknown.to_string(),
        (Lang::Zh, Some(y)) => format!("{y} 年"),
        (Lang::En, Some(y)) => y.to_string(),
    }
}

/// `共 200 个单位` / `200 units`.
/// The button under a long unit list: `再显示 300 个（还有 1,700 个）` / `Show 300 more (1,700 not shown)`.
/// `差额 27,000,000 元出现在 5 条关系中，可能源于`.
pub fn cause_line(lang: Lang, difference: &str, relations: usize) -> String {
    match lang {
        Lang::Zh => format!("差额 {difference} 元出现在 {relations} 条关系中，可能源于"),
        Lang::En => format!("A difference of {difference} yuan appears in {relations} relations, probably from"),
    }
}

/// What the live region says when a check is done.
pub fn announce_done(lang: Lang, unit: Option<&str>, units: usize, errors: usize, warnings: usize) -> String {
    let unit = unit.unwrap_or("");
    match (lang, units > 1) {
        (Lang::Zh, false) => format!("检查完成：{unit}，{errors} 个错误，{warnings} 个警告"),
        (Lang::Zh, true) => format!("检查完成：共 {units} 个单位；当前 {unit}，{errors} 个错误，{warnings} 个警告"),
        (Lang::En, false) => format!("Check done: {unit}, {errors} error(s), {warnings} warning(s)"),
        (Lang::En, true) => format!("Check done: {units} units; showing {unit}, {errors} error(s), {warnings} warning(s)"),
    }
}

/// `3 个可能原因，涉及 9 条关系中的 7 条`.
pub fn causes_summary(lang: Lang, causes: usize, grouped: usize, findings: usize) -> String {
    match lang {
        Lang::Zh => format!("{causes} 个可能原因，涉及 {findings} 条问题中的 {grouped} 条"),
        Lang::En => format!("{causes} probable cause(s), behind {grouped} of {findings} findings"),
    }
}

pub fn units_more(lang: Lang, step: usize, hidden: usize) -> String {
    let step = step.min(hidden);
    match lang {
        Lang::Zh => format!("再显示 {step} 个（还有 {hidden} 个未显示）"),
        Lang::En => format!("Show {step} more ({hidden} not shown)"),
    }
}

pub fn units_count(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("共 {n} 个单位"),
        Lang::En if n == 1 => "1 unit".into(),
        Lang::En => format!("{n} units"),
    }
}

/// The progress line's detail: `第 12/200 个单位` / `unit 12 of 200`.
pub fn progress_detail(lang: Lang, done: u32, total: u32) -> String {
    match lang {
        Lang::Zh => format!("第 {done}/{total} 个单位"),
        Lang::En => format!("unit {done} of {total}"),
    }
}

/// `第 3/12 页` / `page 3 of 12`.
pub fn pages_detail(lang: Lang, done: u32, total: u32) -> String {
    match lang {
        Lang::Zh => format!("第 {done}/{total} 页"),
        Lang::En => format!("page {done} of {total}"),
    }
}

/// `显示 3 / 12 条` / `3 of 12 shown`.
pub fn shown_of(lang: Lang, shown: usize, total: usize) -> String {
    match lang {
        Lang::Zh => format!("显示 {shown} / {total} 条"),
        Lang::En => format!("{shown} of {total} shown"),
    }
}

/// `148,631 字` / `148,631 characters`.
pub fn text_chars(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("{} 字", group(n as u64)),
        Lang::En => format!("{} characters", group(n as u64)),
    }
}

/// The changes heading: `2021 年与 2020 年预算对比` / `2021 against 2020`.
pub fn changes_title(lang: Lang, old: Option<i32>, new: Option<i32>) -> String {
    let y = |y: Option<i32>| y.map(|y| y.to_string()).unwrap_or_else(|| "?".into());
    match lang {
        Lang::Zh => format!("{} 年预算与 {} 年预算对比", y(new), y(old)),
        Lang::En => format!("{} budget against {}", y(new), y(old)),
    }
}

/// `542 处变动（共比较 759 项）` / `542 changes (759 amounts compared)`.
pub fn changes_count(lang: Lang, changed: usize, compared: usize) -> String {
    match lang {
        Lang::Zh => format!("{changed} 处变动（共比较 {compared} 项金额）"),
        Lang::En => format!("{changed} changes ({compared} amounts compared)"),
    }
}

/// The claims summary: `29 处数字：28 处一致，1 处不一致` / `29 claims: 28 agree, 1 disagrees`.
pub fn claims_summary(lang: Lang, total: usize, agree: usize, disagree: usize, cannot: usize) -> String {
    match lang {
        Lang::Zh => {
            let mut parts = vec![format!("{agree} 处一致")];
            if disagree > 0 {
                parts.push(format!("{disagree} 处不一致"));
            }
            if cannot > 0 {
                parts.push(format!("{cannot} 处无法核对"));
            }
            format!("共 {total} 处数字：{}", parts.join("，"))
        }
        Lang::En => {
            let mut parts = vec![format!("{agree} agree")];
            if disagree > 0 {
                parts.push(format!("{disagree} disagree"));
            }
            if cannot > 0 {
                parts.push(format!("{cannot} cannot be checked"));
            }
            format!("{total} claims: {}", parts.join(", "))
        }
    }
}

/// A place in a PDF's text: its page and the line on that page, worded as the core words it
/// (`gouji_core::narrative::page_line`; the page does not link the core, a test keeps them equal).
pub fn page_line(lang: Lang, page: u32, line: usize) -> String {
    match lang {
        Lang::Zh => format!("第 {page} 页第 {line} 行"),
        Lang::En => format!("page {page}, line {line}"),
    }
}

/// `第 97 行` / `line 97`.
pub fn text_line(lang: Lang, line: usize) -> String {
    match lang {
        Lang::Zh => format!("第 {line} 行"),
        Lang::En => format!("line {line}"),
    }
}

/// The explanation of an economic line converted to the 三公 table's unit.
pub fn converted_note(lang: Lang, from: &str, to: &str) -> String {
    match lang {
        Lang::Zh => format!("经济分类表以{from}列示，已折算为{to}比较。"),
        Lang::En => format!("The economic table is in {from}; its lines are converted to {to} to compare."),
    }
}

/// The too-large refusal, made before any byte is read.
pub fn too_large(lang: Lang, name: &str, size: u64, max: u64) -> String {
    let (got, max) = (file_size(size), file_size(max));
    match lang {
        Lang::Zh => format!("{name}：文件大小 {got}，超过了可安全读取的上限 {max}。请拆分文件，或只保留预算表所在的工作表。"),
        Lang::En => format!(
            "{name}: the file is {got}, over the {max} limit for safe reading. Split it, or keep only the sheets with the budget tables."
        ),
    }
}

/// A byte count for people: `512 B`, `3.4 KB`, `1.2 MB` (decimal units, like file managers).
pub fn file_size(bytes: u64) -> String {
    const KB: f64 = 1000.0;
    let b = bytes as f64;
    if bytes < 1000 {
        format!("{bytes} B")
    } else if b < KB * KB {
        format!("{:.1} KB", b / KB)
    } else if b < KB * KB * KB {
        format!("{:.1} MB", b / (KB * KB))
    } else {
        format!("{:.1} GB", b / (KB * KB * KB))
    }
}

/// `1234567` → `1,234,567`.
pub fn group(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has_cjk(s: &str) -> bool {
        s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    #[test]
    fn every_string_is_present_in_both_languages() {
        assert_eq!(ZH.all().len(), EN.all().len());
        for (field, s) in ZH.all().into_iter().chain(EN.all()) {
            assert!(!s.trim().is_empty(), "{field} is empty");
        }
    }

    #[test]
    fn chinese_strings_are_chinese_and_english_ones_are_not() {
        // Written in the language they switch to, or names that stay Chinese.
        let either = ["lang_toggle", "lang_toggle_label", "app_name", "export_json"];
        for (field, s) in ZH.all() {
            if !either.contains(&field) {
                assert!(has_cjk(s), "not Chinese: {field} = {s}");
            }
        }
        // English strings may quote a Chinese term (勾稽, 三公) but are not Chinese sentences.
        for (field, s) in EN.all() {
            if either.contains(&field) {
                continue;
            }
            let cjk = s.chars().filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c)).count();
            assert!(cjk <= 2, "Chinese in English: {field} = {s}");
        }
        assert!(!has_cjk(ZH.lang_toggle_label) && has_cjk(EN.lang_toggle_label));
        // Chinese and English strings differ (nothing forgotten untranslated).
        for ((f, zh), (_, en)) in ZH.all().into_iter().zip(EN.all()) {
            if !["app_name", "export_json"].contains(&f) {
                assert_ne!(zh, en, "{f} is the same in both languages");
            }
        }
    }

    #[test]
    fn the_privacy_line_says_what_the_brief_says() {
        assert_eq!(ZH.privacy, "文件只在本机处理，不会上传");
    }

    #[test]
    fn lang_round_trips_through_storage_and_defaults_to_chinese() {
        for lang in [Lang::Zh, Lang::En] {
            assert_eq!(Lang::from_code(Some(lang.code())), lang);
        }
        assert_eq!(Lang::from_code(None), Lang::Zh);
        assert_eq!(Lang::from_code(Some("fr")), Lang::Zh);
        assert_eq!(Lang::from_code(Some(" EN ")), Lang::En);
        assert_eq!(Lang::default(), Lang::Zh);
        assert_eq!(Lang::Zh.toggled(), Lang::En);
        assert_eq!(Lang::En.toggled().html_lang(), "zh-CN");
        assert_eq!(Lang::En.pick("甲", "a"), "a");
        assert_eq!(serde_json::to_string(&Lang::En).unwrap(), "\"en\"");
    }

    #[test]
    fn the_toggle_names_the_other_language() {
        assert_eq!(Lang::Zh.texts().lang_toggle, "English");
        assert_eq!(Lang::En.texts().lang_toggle, "中文");
    }

    #[test]
    fn numbers_and_sizes_read_well() {
        assert_eq!(group(0), "0");
        assert_eq!(group(999), "999");
        assert_eq!(group(1000), "1,000");
        assert_eq!(group(1234567), "1,234,567");
        assert_eq!(file_size(0), "0 B");
        assert_eq!(file_size(999), "999 B");
        assert_eq!(file_size(1500), "1.5 KB");
        assert_eq!(file_size(2_300_000), "2.3 MB");
        assert_eq!(count_word(Lang::Zh, 3, "错误", "error", "errors"), "3 个错误");
        assert_eq!(count_word(Lang::En, 1, "错误", "error", "errors"), "1 error");
        assert_eq!(year(Lang::Zh, Some(2021)), "2021 年");
        assert_eq!(year(Lang::En, None), "not stated");
        assert_eq!(units_count(Lang::Zh, 200), "共 200 个单位");
        assert_eq!(progress_detail(Lang::En, 12, 200), "unit 12 of 200");
        assert_eq!(text_chars(Lang::Zh, 148631), "148,631 字");
        assert_eq!(changes_title(Lang::Zh, Some(2020), Some(2021)), "2021 年预算与 2020 年预算对比");
        assert_eq!(claims_summary(Lang::Zh, 29, 28, 1, 0), "共 29 处数字：28 处一致，1 处不一致");
        assert_eq!(claims_summary(Lang::En, 3, 3, 0, 0), "3 claims: 3 agree");
        assert!(too_large(Lang::Zh, "a.xlsx", 70_000_000, 64 * 1024 * 1024).contains("70.0 MB"));
    }
}

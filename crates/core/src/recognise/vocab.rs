//! The words of budget tables: titles, column headers, line labels, function class names.

use crate::model::{Code, ColumnRole, MoneyUnit, SummaryLine, TableKind};

/// Text folded for matching: no white space, no quotes, half-width brackets and colons.
pub fn normalize(s: &str) -> std::borrow::Cow<'_, str> {
    let dropped = |c: char| c.is_whitespace() || matches!(c, '"' | '“' | '”' | '\'' | '‘' | '’' | '「' | '」' | '\u{feff}');
    let mapped = |c: char| matches!(c, '（' | '）' | '：' | '【' | '】' | '，' | '．');
    // Most cells need nothing done: no allocation for them.
    if !s.chars().any(|c| dropped(c) || mapped(c)) {
        return std::borrow::Cow::Borrowed(s);
    }
    s.chars()
        .filter(|&c| !dropped(c))
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '：' => ':',
            '【' => '[',
            '】' => ']',
            '，' => ',',
            '．' => '.',
            _ => c,
        })
        .collect::<String>()
        .into()
}

/// Strips list numbering: `一、` `（一）` `1.` `1、` `- ` `(1)`.
pub fn strip_numbering(s: &str) -> &str {
    let mut t = s.trim_start_matches(['-', '*', '•', '·']);
    let numerals = "一二三四五六七八九十";
    // (一) or (1)
    if let Some(rest) = t.strip_prefix('(') {
        if let Some(end) = rest.find(')') {
            let inner = &rest[..end];
            if !inner.is_empty() && inner.chars().all(|c| numerals.contains(c) || c.is_ascii_digit()) {
                t = &rest[end + 1..];
            }
        }
    }
    let lead: usize = t.chars().take_while(|c| numerals.contains(*c) || c.is_ascii_digit()).map(char::len_utf8).sum();
    if lead > 0 {
        let rest = &t[lead..];
        for sep in ['、', '.', ',', ':'] {
            if let Some(r) = rest.strip_prefix(sep) {
                return r;
            }
        }
    }
    t
}

/// The year in a title or header such as `2021年部门…`.
pub fn year_in(s: &str) -> Option<i32> {
    let b = s.as_bytes();
    for i in 0..b.len().saturating_sub(3) {
        if b[i..i + 4].iter().all(u8::is_ascii_digit) && (i == 0 || !b[i - 1].is_ascii_digit()) && s[i + 4..].starts_with('年') {
            let y: i32 = s[i..i + 4].parse().ok()?;
            if (1990..=2100).contains(&y) {
                return Some(y);
            }
        }
    }
    None
}

/// Recognises a table title. Titles vary by region and year; the words that matter do not.
pub fn title_kind(text: &str) -> Option<TableKind> {
    let n = normalize(text);
    if n.chars().count() > 48 || n.chars().count() < 4 {
        return None;
    }
    let n = strip_numbering(&n).to_string();
    // A title names a table: it ends in 表 (optionally followed by a note such as (续) or a table number).
    // A parenthesised note after the name, `(功能科目)`, `(续)`, is not part of it.
    let mut core: &str = &n;
    while let Some(open) = core.strip_suffix(')').and_then(|c| c.rfind('(')) {
        core = &core[..open];
    }
    let core = core.trim_end_matches(|c: char| c == ')' || c == '(' || c == '续' || c.is_ascii_digit() || c == '-');
    if !(core.ends_with('表') || core.ends_with("表(续") || n.contains("表") && n.len() < 30) {
        return None;
    }
    if ["项目支出表", "政府采购", "绩效", "目录", "说明", "项目经费", "资产"].iter().any(|w| n.contains(w)) {
        return None;
    }
    let has = |w: &str| n.contains(w);
    let one_fund = has("一般公共预算") || has("政府性基金") || has("国有资本经营");
    let kind = if has("三公") {
        TableKind::ThreePublic
    } else if has("财政拨款收支") || (has("财政拨款") && has("收入支出") && has("总表")) {
        TableKind::AppropriationSummary
    } else if has("机关运行经费") && has("支出") {
        TableKind::OperatingCost
    } else if has("财政拨款") && has("基本支出") && !one_fund {
        TableKind::AppropriationBasicEconomic
    } else if has("财政拨款") && has("支出") && !has("收入") && !has("经济分类") && !one_fund {
        TableKind::AppropriationFunction
    } else if has("基本支出") && (has("经济分类") || has("一般公共预算")) {
        TableKind::GpbBasicEconomic
    } else if has("一般公共预算") && has("支出") {
        TableKind::GpbFunction
    } else if has("政府性基金") && has("支出") {
        TableKind::GfFunction
    } else if has("国有资本经营") && has("支出") {
        TableKind::SocFunction
    } else if (has("收支") || has("收入支出")) && has("总表") {
        TableKind::Summary
    } else if has("收入") && !has("支出") && (has("总表") || has("预算表") || has("决算表") || n.ends_with("收入表")) {
        TableKind::Revenue
    } else if has("支出") && !has("收入") && !has("财政拨款") && (has("总表") || has("预算表") || has("决算表") || n.ends_with("支出表"))
    {
        TableKind::Expenditure
    } else {
        return None;
    };
    Some(kind)
}

/// `单位：元`, `金额单位:万元`, `(单位：元)`: the money unit a table states.
pub fn money_unit(cell: &str) -> Option<MoneyUnit> {
    // Every form says 单位 (perhaps spaced out): most cells are rejected without folding.
    if !(cell.contains('单') && cell.contains('位')) {
        return None;
    }
    let n = normalize(cell);
    // 编制单位:… names the department, not the unit of amounts; the same line may go on with the
    // unit (`编制单位：X 单位：元`), so every 单位: is looked at.
    for (pos, _) in n.match_indices("单位:") {
        let before = &n[..pos];
        if before.ends_with("编制") || before.ends_with("预算") || before.ends_with("填报") {
            continue;
        }
        let rest = n[pos + "单位:".len()..].trim_start_matches(['(', ')']);
        let unit = if rest.starts_with("万元") {
            MoneyUnit::TenThousandYuan
        } else if rest.starts_with("亿元") {
            MoneyUnit::HundredMillionYuan
        } else if rest.starts_with("千元") {
            MoneyUnit::ThousandYuan
        } else if rest.starts_with('元') {
            MoneyUnit::Yuan
        } else {
            continue;
        };
        return Some(unit);
    }
    None
}

/// A document's heading that names its unit and year: `第二部分 上海市普陀区财政局2024年度部门决算表`,
/// `上海市普陀区财政局2024年度部门决算`, `江苏省人大常委会办公厅2017年度部门预算` → (unit, year).
pub fn document_heading(cell: &str) -> Option<(String, i32)> {
    match heading(cell)? {
        (Some(unit), year) => Some((unit, year)),
        (None, _) => None,
    }
}

/// The year of a document's heading, with or without its unit: `第二部分 2018年度部门预算表`.
pub fn document_year(cell: &str) -> Option<i32> {
    heading(cell).map(|(_, year)| year)
}

fn heading(cell: &str) -> Option<(Option<String>, i32)> {
    let n = normalize(cell);
    let (at, word) = ["年度部门决算", "年部门决算", "年度部门预算", "年部门预算", "年度单位预算", "年单位预算", "年度预算", "年度决算"]
        .iter()
        .find_map(|w| n.find(w).map(|i| (i, *w)))?;
    // A heading ends there (or with 表 / 公开): a sentence goes on.
    if n[at + word.len()..].chars().count() > 4 {
        return None;
    }
    let before = &n[..at];
    let digits = before.len().checked_sub(4)?;
    let year: i32 = before.get(digits..)?.parse().ok()?;
    if !(1990..=2100).contains(&year) {
        return None;
    }
    let mut unit = &before[..digits];
    if let Some(i) = unit.find("部分") {
        unit = &unit[i + "部分".len()..];
    }
    let unit = unit.trim_matches(|c: char| c.is_whitespace() || matches!(c, '：' | ':' | '、'));
    if unit.is_empty() {
        return Some((None, year));
    }
    if unit.contains(['。', '，', ',', '、', '；', ';']) || ["纳入", "按照", "根据", "本"].iter().any(|w| unit.starts_with(w)) {
        return None;
    }
    // A unit name ends in its kind of body; anything else (a sentence) is not a heading.
    let named = ["局", "委员会", "厅", "办公室", "院", "处", "部", "会", "中心", "所", "站", "馆", "队", "街道", "镇", "政府", "委"]
        .iter()
        .any(|w| unit.ends_with(w));
    (named && (2..=40).contains(&unit.chars().count())).then(|| (Some(unit.to_string()), year))
}

const UNIT_LABELS: &[&str] = &["编制部门", "编制单位", "单位名称", "部门名称", "预算单位", "填报单位", "主管部门", "部门"];

/// A cell that is only the label of a unit name, its name in the next cell: `部门：` | `江苏省…`.
pub fn unit_label_only(cell: &str) -> bool {
    let n = normalize(cell);
    n.strip_suffix(':').is_some_and(|l| UNIT_LABELS.contains(&l))
}

/// `编制部门：上海市科学技术委员会` → the department or unit name.
pub fn unit_name(cell: &str) -> Option<String> {
    // Every form has a colon after its label: most cells are rejected without a search.
    if !cell.contains([':', '：']) {
        return None;
    }
    let n = cell.trim().replace('：', ":");
    for label in UNIT_LABELS {
        // A bare `部门：` (Jiangsu) only at the start of its cell.
        if let Some(idx) = n.find(label).filter(|i| *label != "部门" || *i == 0) {
            let rest = n[idx + label.len()..].trim_start();
            if let Some(rest) = rest.strip_prefix(':') {
                // The same cell may go on with the money unit: `编制部门：X  单位：元`.
                let name = rest.split("单位:").next().unwrap_or(rest);
                let name = name.trim().trim_end_matches(['(', '（']).trim();
                if !name.is_empty() {
                    return Some(name.to_string());
                }
            }
        }
    }
    None
}

/// A header word that names which figure a column holds, not what it is: `预算数`, `决算数`.
pub fn figure_group(text: &str) -> Option<crate::model::ColumnGroup> {
    use crate::model::ColumnGroup as G;
    let n = normalize(text);
    let n: &str = &n;
    if n.contains("决算数") || n == "决算" || n.ends_with("实际执行数") {
        Some(G::Final)
    } else if n.contains("调整预算") {
        Some(G::Adjusted)
    } else if n.starts_with("本年") && (n.ends_with("数") || n == "本年预算") {
        // 上年执行数 | 本年预算数: the budget year beside the prior year.
        Some(G::CurrentYear)
    } else if n.ends_with("预算数") && !n.contains("机关运行") || n == "年初预算" || n == "预算" {
        Some(G::Budgeted)
    } else if n.starts_with("上年") && (n.ends_with("数") || n.ends_with("执行")) {
        Some(G::PriorYear)
    } else {
        None
    }
}

/// What a header cell says its column is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeaderRole {
    /// A code column: 类, 款, 项 (1, 2, 3) or a joined code column (0).
    Code(u8),
    Name,
    Amount(ColumnRole),
}

/// Classifies a column from its lowest header cell (`leaf`) and all its header cells joined (`full`).
pub fn header_role(kind: TableKind, leaf: &str, full: &str) -> Option<HeaderRole> {
    let l = normalize(leaf);
    let f = normalize(full);
    let l: &str = &l;
    match l {
        "类" => return Some(HeaderRole::Code(1)),
        "款" => return Some(HeaderRole::Code(2)),
        "项" => return Some(HeaderRole::Code(3)),
        _ => {}
    }
    if l.contains("编码") || l.contains("代码") || l == "科目编号" {
        return Some(HeaderRole::Code(0));
    }
    if l.contains("名称") || l == "项目" || l == "科目" || l == "支出项目" || l == "收入项目" {
        return Some(HeaderRole::Name);
    }
    use ColumnRole as R;
    let role = if kind == TableKind::ThreePublic {
        if l.contains("机关运行") || f.contains("机关运行") {
            R::OfficeOperation
        } else if l.contains("因公出国") {
            R::Abroad
        } else if l.contains("公务接待") {
            R::Reception
        } else if l.contains("购置费") && !l.contains("运行") {
            R::VehiclePurchase
        } else if (l.contains("运行费") || l.contains("运行维护费")) && !l.contains("购置") {
            R::VehicleOperation
        } else if l.contains("公务用车") || (l == "小计" && f.contains("公务用车")) {
            R::Vehicle
        } else if l == "合计" || l == "小计" || l == "总计" || l.ends_with("合计") {
            R::Total
        } else {
            return None;
        }
    } else if kind == TableKind::OperatingCost && l.contains("机关运行经费") {
        // Jiangsu's 机关运行经费支出预算表: one amount column headed 机关运行经费支出.
        R::Amount
    } else if (l == "合计" || l == "小计") && f.contains("本年收入") && !f.contains("本年支出") {
        // 决算: the 合计 under 本年收入 in a fund's 收入支出决算表 is that income, not the row's total.
        R::CurrentIncome
    } else if l == "合计" || l == "总计" || l == "小计" || l == "合计数" || l == "本年收入合计" || l == "本年支出合计"
    {
        R::Total
    } else if l.starts_with("年初") && (l.contains("结转") || l.contains("结余")) {
        R::OpeningBalance
    } else if l.starts_with("年末") && (l.contains("结转") || l.contains("结余")) {
        R::ClosingBalance
    } else if l == "本年收入" {
        R::CurrentIncome
    } else if l.contains("预留机动") {
        R::Reserve
    } else if l.contains("结转下年") {
        R::CarriedForward
    } else if l.contains("财政专户") {
        R::SpecialAccount
    } else if l.contains("上年结转") || l.contains("上年结余") {
        R::CarryOver
    } else if l.starts_with("一般公共预算") && l.contains("财政拨款") {
        // A fund's own appropriation column (财政拨款收入支出决算总表, central 收入总表).
        R::GeneralPublicBudget
    } else if l.starts_with("政府性基金") && l.contains("财政拨款") {
        R::GovernmentFund
    } else if l.starts_with("国有资本经营") && l.contains("财政拨款") {
        R::StateCapital
    } else if l.contains("财政拨款") {
        R::FiscalAppropriation
    } else if l.contains("事业单位经营收入") || l == "经营收入" {
        R::OperatingIncome
    } else if l.contains("事业收入") {
        R::BusinessIncome
    } else if l.contains("上级补助") {
        R::SuperiorSubsidy
    } else if l.contains("附属单位上缴") {
        R::AffiliateIncome
    } else if l.contains("其他收入") {
        R::OtherIncome
    } else if l.contains("基本支出") {
        R::Basic
    } else if l.contains("项目支出") {
        R::Project
    } else if l.contains("上缴上级") {
        R::PaymentToSuperior
    } else if l.contains("对附属单位补助") {
        R::SubsidyToAffiliates
    } else if l.contains("经营支出") {
        R::OperatingExpenditure
    } else if l.contains("人员经费") {
        R::Personnel
    } else if l.contains("公用经费") {
        R::PublicExpense
    } else if l.contains("一般公共预算") {
        R::GeneralPublicBudget
    } else if l.contains("政府性基金") {
        R::GovernmentFund
    } else if l.contains("国有资本经营") {
        R::StateCapital
    } else if l.contains("预算数")
        || l.contains("决算数")
        || l.contains("执行数")
        || l == "金额"
        || l.contains("预算金额")
        || l == "预算"
        || l.contains("本年预算")
    {
        R::Amount
    } else {
        return None;
    };
    Some(HeaderRole::Amount(role))
}

/// Words that mark a header row (a repeated header mid-table included).
pub fn is_header_word(cell: &str) -> bool {
    let n = normalize(cell);
    // 人员经费合计 / 公用经费合计: the totals of a 决算's basic-expenditure blocks.
    if n.chars().count() > 24 || n == "人员经费合计" || n == "公用经费合计" {
        return false;
    }
    matches!(&*n, "类" | "款" | "项" | "小计" | "购置费" | "运行费" | "栏次")
        || [
            "项目",
            "科目",
            "合计",
            "总计",
            "基本支出",
            "项目支出",
            "预算数",
            "决算数",
            "本年收入",
            "本年支出",
            "收入预算",
            "支出预算",
            "人员经费",
            "公用经费",
            "因公出国",
            "公务接待",
            "机关运行经费",
            "三公",
            "财政拨款",
            "一般公共预算",
            "政府性基金",
            "事业收入",
            "其他收入",
        ]
        .iter()
        .any(|w| n.contains(w))
}

/// A total row of a coded table.
pub fn is_total_label(label: &str) -> bool {
    let n = normalize(label);
    let n = strip_numbering(&n);
    matches!(n, "合计" | "总计" | "支出合计" | "收入合计" | "支出总计" | "收入总计" | "本年支出合计" | "本年收入合计" | "合计数")
}

/// Interprets a summary-table label.
pub fn summary_line(label: &str, income_half: bool) -> SummaryLine {
    let n = normalize(label);
    let stripped = strip_numbering(&n);
    // `一、本年收入` / `一、本年支出` (central 财政拨款收支总表): the year's subtotal printed above its
    // lines. Unnumbered, the words are a header.
    let numbered = stripped.len() != n.len();
    let n = stripped.trim_end_matches(':');
    if numbered && n == "本年收入" && income_half {
        return SummaryLine::CurrentIncomeTotal;
    }
    if numbered && n == "本年支出" && !income_half {
        return SummaryLine::CurrentExpenditureTotal;
    }
    if income_half {
        match n {
            "本年收入合计" | "本年收入小计" | "当年收入小计" | "当年收入" => SummaryLine::CurrentIncomeTotal,
            "收入总计" | "收入合计" | "收入总计数" | "总计" | "合计" => SummaryLine::IncomeTotal,
            _ if n.starts_with("使用非财政拨款结余") || n.starts_with("用事业基金弥补") => SummaryLine::UseOfBalance,
            _ if n.starts_with("年初") && (n.contains("结转") || n.contains("结余")) => SummaryLine::OpeningBalance,
            _ if n.starts_with("上年结转") && n.contains("结余") => SummaryLine::OpeningBalance,
            _ if n.starts_with("财政拨款") => SummaryLine::FiscalAppropriation,
            _ if n.starts_with("一般公共预算") => SummaryLine::GeneralPublicBudgetFunds,
            _ if n.starts_with("政府性基金") => SummaryLine::GovernmentFunds,
            _ if n.starts_with("国有资本经营") => SummaryLine::StateCapitalFunds,
            _ if n.starts_with("事业单位经营收入") || n == "经营收入" => SummaryLine::OperatingIncome,
            _ if n.starts_with("事业收入") => SummaryLine::BusinessIncome,
            _ if n.starts_with("上级补助") => SummaryLine::SuperiorSubsidy,
            _ if n.starts_with("附属单位上缴") => SummaryLine::AffiliateIncome,
            _ if n.starts_with("其他收入") => SummaryLine::OtherIncome,
            _ if n.starts_with("上年结转") || n.starts_with("上年结余") => SummaryLine::CarryOver,
            _ => SummaryLine::Other,
        }
    } else {
        match n {
            "本年支出合计" | "本年支出小计" | "当年支出小计" => SummaryLine::CurrentExpenditureTotal,
            "支出总计" | "支出合计" | "总计" | "合计" => SummaryLine::ExpenditureTotal,
            _ if n.starts_with("结余分配") => SummaryLine::BalanceDistribution,
            _ if n.starts_with("年末") && (n.contains("结转") || n.contains("结余")) => SummaryLine::ClosingBalance,
            _ if n.starts_with("结转下年") => SummaryLine::ClosingBalance,
            "基本支出" => SummaryLine::BasicExpenditure,
            "项目支出" => SummaryLine::ProjectExpenditure,
            _ => match function_class_code(n) {
                Some(code) => SummaryLine::FunctionClass(code),
                None => SummaryLine::Other,
            },
        }
    }
}

/// 支出功能分类 类 names, current and former, by code.
const FUNCTION_CLASSES: &[(&str, &[&str])] = &[
    ("201", &["一般公共服务支出"]),
    ("202", &["外交支出"]),
    ("203", &["国防支出"]),
    ("204", &["公共安全支出"]),
    ("205", &["教育支出"]),
    ("206", &["科学技术支出"]),
    ("207", &["文化旅游体育与传媒支出", "文化体育与传媒支出", "文化和旅游体育与传媒支出"]),
    ("208", &["社会保障和就业支出"]),
    ("209", &["社会保险基金支出"]),
    ("210", &["卫生健康支出", "医疗卫生与计划生育支出", "医疗卫生支出"]),
    ("211", &["节能环保支出"]),
    ("212", &["城乡社区支出", "城乡社区事务支出"]),
    ("213", &["农林水支出", "农林水事务支出"]),
    ("214", &["交通运输支出"]),
    ("215", &["资源勘探工业信息等支出", "资源勘探信息等支出", "资源勘探电力信息等支出"]),
    ("216", &["商业服务业等支出"]),
    ("217", &["金融支出", "金融监管等事务支出"]),
    ("219", &["援助其他地区支出"]),
    ("220", &["自然资源海洋气象等支出", "国土海洋气象等支出", "国土资源气象等支出"]),
    ("221", &["住房保障支出"]),
    ("222", &["粮油物资储备支出", "粮油物资储备管理事务支出"]),
    ("223", &["国有资本经营预算支出"]),
    ("224", &["灾害防治及应急管理支出"]),
    ("227", &["预备费"]),
    ("229", &["其他支出"]),
    ("230", &["转移性支出"]),
    ("231", &["债务还本支出"]),
    ("232", &["债务付息支出"]),
    ("233", &["债务发行费用支出"]),
    ("234", &["抗疫特别国债安排的支出"]),
];

pub fn function_class_code(name: &str) -> Option<Code> {
    let n = normalize(name);
    let n = strip_numbering(&n);
    FUNCTION_CLASSES.iter().find(|(_, names)| names.contains(&n)).map(|(code, _)| Code(code.to_string()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn document_headings_name_their_unit_and_year() {
        use super::document_heading as h;
        assert_eq!(h("第二部分 上海市普陀区财政局2024年度部门决算表"), Some(("上海市普陀区财政局".into(), 2024)));
        assert_eq!(h("中共上海市普陀区委社会工作部 2024 年度部门决算"), Some(("中共上海市普陀区委社会工作部".into(), 2024)));
        assert_eq!(h("江苏省人大常委会办公厅2017年度部门预算"), Some(("江苏省人大常委会办公厅".into(), 2017)));
        assert_eq!(h("第二部分 江苏省高级人民法院2018年度预算表"), Some(("江苏省高级人民法院".into(), 2018)));
        // A sentence is not a heading.
        assert_eq!(h("按照要求编制了2024年度部门决算"), None);
        assert_eq!(h("2024年度部门决算"), None);
        // A heading without its unit gives the year alone.
        assert_eq!(document_year("第二部分 2018年度部门预算表"), Some(2018));
        assert_eq!(document_year("按照要求编制了2024年度部门决算"), None);
        assert_eq!(h("级决算、下属行政事业单位决算。纳入上海市普陀区财政局 2024 年度部门决算编制范围的"), None);
    }

    use super::*;

    #[test]
    fn titles_by_words_not_position() {
        let cases = [
            ("2021年部门财务收支预算总表", Some(TableKind::Summary)),
            ("部门收支总表", Some(TableKind::Summary)),
            ("收入支出决算总表", Some(TableKind::Summary)),
            ("2021年部门收入预算总表", Some(TableKind::Revenue)),
            ("收入决算表", Some(TableKind::Revenue)),
            ("2021年部门支出预算总表", Some(TableKind::Expenditure)),
            ("2021年部门财政拨款收支预算总表", Some(TableKind::AppropriationSummary)),
            ("财政拨款收入支出决算总表", Some(TableKind::AppropriationSummary)),
            ("2021年部门一般公共预算支出功能分类预算表", Some(TableKind::GpbFunction)),
            ("一般公共预算支出表", Some(TableKind::GpbFunction)),
            ("2021年部门政府性基金预算支出功能分类预算表", Some(TableKind::GfFunction)),
            ("国有资本经营预算支出表", Some(TableKind::SocFunction)),
            ("2021年部门一般公共预算基本支出部门预算经济分类预算表", Some(TableKind::GpbBasicEconomic)),
            ("一般公共预算基本支出表", Some(TableKind::GpbBasicEconomic)),
            ("部门“三公”经费和机关运行经费预算表", Some(TableKind::ThreePublic)),
            ("一般公共预算\"三公\"经费支出表", Some(TableKind::ThreePublic)),
            ("表3 部门支出预算总表", Some(TableKind::Expenditure)),
            ("五、2017年度江苏省高级人民法院部门财政拨款支出预算表", Some(TableKind::AppropriationFunction)),
            ("六、2017年度江苏省高级人民法院部门财政拨款基本支出预算表", Some(TableKind::AppropriationBasicEconomic)),
            ("十、2017年度江苏省高级人民法院部门一般公共预算机关运行经费支出预算表", Some(TableKind::OperatingCost)),
            ("一般公共预算财政拨款支出决算表", Some(TableKind::GpbFunction)),
            ("一般公共预算财政拨款基本支出决算表", Some(TableKind::GpbBasicEconomic)),
            ("财政拨款支出预算表(部门经济分类科目)", None),
            ("财政拨款支出预算表（功能科目）", Some(TableKind::AppropriationFunction)),
            ("财政拨款基本支出预算表（经济科目）", Some(TableKind::AppropriationBasicEconomic)),
            ("- 1. 2021年部门财务收支预算总表", Some(TableKind::Summary)),
            ("项目支出表", None),
            ("政府采购预算表", None),
            ("2021年部门预算编制说明", None),
            ("一、2021年“三公”经费预算情况说明", None),
            ("2021年，上海市科学技术委员会预算支出总额为477,326万元，其中：财政拨款支出预算421,007万元", None),
        ];
        for (title, want) in cases {
            assert_eq!(title_kind(title), want, "{title}");
        }
    }

    #[test]
    fn units_and_names() {
        assert_eq!(money_unit("单位：元"), Some(MoneyUnit::Yuan));
        assert_eq!(money_unit("金额单位:万元"), Some(MoneyUnit::TenThousandYuan));
        assert_eq!(money_unit("（单位：元）"), Some(MoneyUnit::Yuan));
        assert_eq!(money_unit("编制单位：上海市科委"), None);
        assert_eq!(money_unit("编制单位：上海市普陀区司法局 单位：元"), Some(MoneyUnit::Yuan));
        assert_eq!(unit_name("编制部门：上海市科学技术委员会"), Some("上海市科学技术委员会".into()));
        assert_eq!(unit_name("部门：江苏省人民检察院"), Some("江苏省人民检察院".into()));
        assert_eq!(unit_name("本部门：说明"), None);
        assert!(unit_label_only("部门：") && unit_label_only("编制单位:") && !unit_label_only("部门：江苏省人民检察院"));
        assert_eq!(unit_name("编制单位：某某中心    单位：元"), Some("某某中心".into()));
        assert_eq!(year_in("2021年部门收入预算总表"), Some(2021));
        assert_eq!(year_in("部门收入预算总表"), None);
    }

    #[test]
    fn summary_labels() {
        assert_eq!(summary_line("一、财政拨款收入", true), SummaryLine::FiscalAppropriation);
        assert_eq!(summary_line("1. 一般公共预算资金", true), SummaryLine::GeneralPublicBudgetFunds);
        assert_eq!(summary_line("三、事业单位经营收入", true), SummaryLine::OperatingIncome);
        assert_eq!(summary_line("收入总计", true), SummaryLine::IncomeTotal);
        assert_eq!(summary_line("四、卫生健康支出", false), SummaryLine::FunctionClass(Code("210".into())));
        assert_eq!(summary_line("医疗卫生与计划生育支出", false), SummaryLine::FunctionClass(Code("210".into())));
        assert_eq!(summary_line("支出总计", false), SummaryLine::ExpenditureTotal);
    }
}

//! The words claims are read by: the labels of the amounts the tables hold (each naming its
//! [`Subject`]), a project's total and annual labels, the words of a total, of a change and of a
//! comparison with an earlier year, and the headings that open a project section.

use super::tokens::{contains, find_all, is_clause_break};
use crate::narrative::{Against, ClassBasis, Subject};
use crate::recognise::vocab;

/// The label among `aliases` that ends nearest the end of `hay` (the text just before an
/// amount); of labels overlapping it, the one starting first (`财政拨款支出总额` is 财政拨款, not
/// 支出总额). Returns (start, end, index into `aliases`).
pub(in crate::narrative) fn nearest_label<T>(hay: &[char], aliases: &[(&str, T)]) -> Option<(usize, usize, usize)> {
    let mut all: Vec<(usize, usize, usize)> = Vec::new();
    for (i, (a, _)) in aliases.iter().enumerate() {
        let needle: Vec<char> = a.chars().collect();
        for s in find_all(hay, &needle) {
            all.push((s, s + needle.len(), i));
        }
    }
    let last_end = all.iter().map(|m| m.1).max()?;
    let (rs, re) = all.iter().filter(|m| m.1 == last_end).map(|m| (m.0, m.1)).min()?;
    all.into_iter().filter(|m| m.0 < re && m.1 > rs).min_by_key(|m| (m.0, std::cmp::Reverse(m.1)))
}

/// Labels of amounts the tables hold (folded forms). Bare 购置费/运行费 count only in a sentence
/// about 公务用车.
pub(in crate::narrative) const SUBJECTS: &[(&str, Subject)] = &[
    ("预算支出总额", Subject::ExpenditureTotal),
    ("支出预算总额", Subject::ExpenditureTotal),
    ("收支预算总额", Subject::ExpenditureTotal),
    ("支出预算总计", Subject::ExpenditureTotal),
    ("部门支出预算", Subject::ExpenditureTotal),
    ("部门预算支出", Subject::ExpenditureTotal),
    ("支出总计", Subject::ExpenditureTotal),
    ("预算收入总额", Subject::IncomeTotal),
    ("收入预算总额", Subject::IncomeTotal),
    ("部门收入预算", Subject::IncomeTotal),
    ("收入总计", Subject::IncomeTotal),
    ("财政拨款支出", Subject::Appropriation),
    ("财政拨款收支", Subject::Appropriation),
    ("财政拨款收入", Subject::Appropriation),
    ("财政拨款预算", Subject::Appropriation),
    ("一般公共预算拨款", Subject::GeneralPublicBudget),
    ("一般公共预算支出", Subject::GeneralPublicBudget),
    ("一般公共预算财政拨款", Subject::GeneralPublicBudget),
    ("政府性基金拨款", Subject::GovernmentFund),
    ("政府性基金预算拨款", Subject::GovernmentFund),
    ("政府性基金预算支出", Subject::GovernmentFund),
    ("政府性基金支出", Subject::GovernmentFund),
    ("国有资本经营预算拨款", Subject::StateCapital),
    ("国有资本经营预算支出", Subject::StateCapital),
    ("国有资本经营拨款", Subject::StateCapital),
    ("三公经费", Subject::ThreePublicTotal),
    ("三公经费财政拨款", Subject::ThreePublicTotal),
    ("因公出国(境)费", Subject::Abroad),
    ("因公出国(境)经费", Subject::Abroad),
    ("因公出国费", Subject::Abroad),
    ("出国(境)费", Subject::Abroad),
    ("公务接待费", Subject::Reception),
    ("公务用车购置及运行费", Subject::Vehicle),
    ("公务用车购置及运行维护费", Subject::Vehicle),
    ("公务用车购置和运行费", Subject::Vehicle),
    ("公务用车购置和运行维护费", Subject::Vehicle),
    ("公务用车费", Subject::Vehicle),
    ("公务用车购置费", Subject::VehiclePurchase),
    ("购置费", Subject::VehiclePurchase),
    ("公务用车运行费", Subject::VehicleOperation),
    ("公务用车运行维护费", Subject::VehicleOperation),
    ("运行费", Subject::VehicleOperation),
    ("运行维护费", Subject::VehicleOperation),
    ("机关运行经费", Subject::OfficeOperation),
    ("机关运行费", Subject::OfficeOperation),
];

/// The totals a 决算's text states (folded forms, docs/relations.md §N29): the 总表s' lines, the
/// year's 基本 / 项目支出, the 一般公共预算 appropriation spending and its basic part, 人员经费 and
/// 公用经费. Its other words (each 类's and 项's 决算数, 年初预算, 完成率) are not read yet.
pub(in crate::narrative) const FINAL_SUBJECTS: &[(&str, Subject)] = &[
    ("财政拨款收入支出总计", Subject::FinalAppropriationTotal),
    ("财政拨款收支总计", Subject::FinalAppropriationTotal),
    ("收入支出总计", Subject::FinalTotal),
    ("收支总计", Subject::FinalTotal),
    ("本年收入合计", Subject::FinalCurrentIncome),
    ("本年支出合计", Subject::FinalCurrentExpenditure),
    ("一般公共预算财政拨款基本支出", Subject::FinalGpbBasic),
    ("一般公共预算财政拨款支出", Subject::FinalGpb),
    ("基本支出", Subject::FinalBasic),
    ("项目支出", Subject::FinalProject),
    ("人员经费", Subject::FinalPersonnel),
    ("公用经费", Subject::FinalPublicExpense),
];

/// Labels of a project's whole amount and of its amount for the year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(in crate::narrative) enum ProjectLabel {
    Total,
    Annual,
}

pub(in crate::narrative) const PROJECT_LABELS: &[(&str, ProjectLabel)] = &[
    ("项目资金总额", ProjectLabel::Total),
    ("项目总预算", ProjectLabel::Total),
    ("项目总投入", ProjectLabel::Total),
    ("项目总经费", ProjectLabel::Total),
    ("项目总金额", ProjectLabel::Total),
    ("项目总投资", ProjectLabel::Total),
    ("资金总额", ProjectLabel::Total),
    ("总预算", ProjectLabel::Total),
    ("总投入", ProjectLabel::Total),
    ("总经费", ProjectLabel::Total),
    ("总投资", ProjectLabel::Total),
    ("年度资金申请总额", ProjectLabel::Annual),
    ("年度资金申请额", ProjectLabel::Annual),
    ("年度资金", ProjectLabel::Annual),
    ("年度预算", ProjectLabel::Annual),
    ("当年预算", ProjectLabel::Annual),
    ("本年预算", ProjectLabel::Annual),
    ("年度申请", ProjectLabel::Annual),
];

pub(in crate::narrative) const TOTAL_WORDS: &[&str] = &["合计", "总计", "共计"];

/// `Some(true)` for a heading that opens a project section (…项目经费情况说明), `Some(false)` for
/// any other section heading ending in 说明 (预算编制说明, 其他相关情况说明), `None` otherwise.
/// Bulleted lines (`- 七、项目经费情况说明`) are a table of contents, not headings.
pub(in crate::narrative) fn heading_scope(chars: &[char]) -> Option<bool> {
    let s: String = chars.iter().collect();
    let t = s.trim();
    if t.is_empty() || t.starts_with(['-', '*', '•', '·']) || t.chars().count() > 40 || t.contains(['。', '，', ',']) {
        return None;
    }
    let t = t.trim_end_matches([':', '：', ' ']);
    if !t.ends_with("说明") {
        return None;
    }
    Some(t.contains("项目"))
}

/// The figure a list of 类 amounts refers to, from the sentence introducing it.
pub(in crate::narrative) fn intro_basis(sentence: &[char]) -> Option<ClassBasis> {
    // `…科目3,327万元，主要用于…` is an item of the list, not its introduction.
    if contains(sentence, "主要用于") || !(contains(sentence, "如下") || contains(sentence, "主要内容")) {
        return None;
    }
    Some(if contains(sentence, "一般公共预算") {
        ClassBasis::GeneralPublicBudget
    } else if contains(sentence, "财政拨款") {
        ClassBasis::Appropriation
    } else {
        ClassBasis::Expenditure
    })
}

/// Whether the words just before an amount end in a word of change (`增加`, `减少了`).
pub(in crate::narrative) fn says_change(f: &[char]) -> bool {
    let mut end = f.len();
    while end > 0 && matches!(f[end - 1], '了' | ':' | '为' | ' ') {
        end -= 1;
    }
    let h: String = f[..end].iter().collect();
    ["增加", "减少", "增长", "下降", "降低", "提高", "上升", "节约", "增支", "减支", "压减", "压缩"].iter().any(|w| h.ends_with(w))
}

pub(in crate::narrative) const UP: &[&str] = &["增加", "增长", "上升", "提高", "增", "多"];

pub(in crate::narrative) const DOWN: &[&str] = &["减少", "下降", "降低", "减", "少"];

/// `比2020年预算减少` / `较上年增加` / `同比增长` just before an amount: the sign and the year.
pub(in crate::narrative) fn change_before(f: &[char]) -> Option<(i32, Against)> {
    let mut end = f.len();
    while end > 0 && matches!(f[end - 1], '了' | ':' | '为') {
        end -= 1;
    }
    let h = &f[..end];
    let mut dirs: Vec<(&str, i32)> = UP.iter().map(|w| (*w, 1)).chain(DOWN.iter().map(|w| (*w, -1))).collect();
    dirs.sort_by_key(|(w, _)| std::cmp::Reverse(w.chars().count()));
    let (word, sign) = dirs.into_iter().find(|(w, _)| {
        let w: Vec<char> = w.chars().collect();
        h.ends_with(&w)
    })?;
    let before = &h[..h.len() - word.chars().count()];
    comparison(before).map(|a| (sign, a))
}

/// `比2020年预算` / `较上年` / `与上年同期相比` / `同比` ending `before` (within its clause): the
/// year compared with, read after the first comparison word.
pub(in crate::narrative) fn comparison(before: &[char]) -> Option<Against> {
    let start = before.iter().rposition(|c| is_clause_break(*c)).map_or(0, |i| i + 1);
    let clause = &before[start..];
    if clause.len() > 20 {
        return None;
    }
    let ci = clause.iter().position(|c| matches!(c, '比' | '较' | '与' | '同'))?;
    let after: String = clause[ci + 1..].iter().collect();
    if let Some(y) = vocab::year_in(&after) {
        return Some(Against::Year(y));
    }
    if ["上年", "上一年", "去年"].iter().any(|w| after.contains(w)) || after.starts_with('比') && clause[ci] == '同' {
        return Some(Against::PreviousYear);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_and_comparisons() {
        let f = |s: &str| s.chars().collect::<Vec<char>>();
        assert_eq!(change_before(&f(",比2020年预算减少")), Some((-1, Against::Year(2020))));
        assert_eq!(change_before(&f("较上年增加了")), Some((1, Against::PreviousYear)));
        assert_eq!(change_before(&f("同比增长")), Some((1, Against::PreviousYear)));
        assert_eq!(change_before(&f("减少")), None);
        assert_eq!(change_before(&f("比上年增加两辆公务用车,减少")), None);
    }

    #[test]
    fn headings() {
        let h = |s: &str| heading_scope(&s.chars().collect::<Vec<_>>());
        assert_eq!(h("2021年部门预算编制说明"), Some(false));
        assert_eq!(h("科技创新发展保障资金项目经费情况说明"), Some(true));
        assert_eq!(h("七、项目经费情况说明"), Some(true));
        assert_eq!(h("- 七、项目经费情况说明"), None, "a table of contents");
        assert_eq!(h("一、2021年“三公”经费预算情况说明"), Some(false));
        assert_eq!(h("详见单位的《财政项目支出绩效目标表》"), None);
    }
}

//! The narrative text against the tables (docs/relations.md §13–15): claims are read out of the text
//! ([`extract_claims`]) and each is given a verdict ([`check_claims`]).
//!
//! Four kinds of claim:
//! - an **amount** stated for something the tables hold (预算支出总额, 财政拨款支出预算, 一般公共预算
//!   拨款, 政府性基金拨款, 国有资本经营预算拨款, a 类 in quotes such as “教育支出”科目, the 三公 total and
//!   items, 机关运行经费): rule GJ701;
//! - a **year-over-year** change of such an amount ("比2020年预算减少39,338万元", "与2020年预算持平"),
//!   checked against a prior-year budget when one is given: GJ702;
//! - an **itemised sum**: amounts followed by 合计/总计/共计, or a total followed by 其中 and its
//!   parts: GJ703;
//! - a project's **total and annual amounts** (项目资金总额 vs 年度资金申请总额): the annual amount may
//!   not exceed the project total: GJ704.
//!
//! Amounts about the tables are only read outside the project sections (项目经费情况说明): a
//! project's 公务接待费 is not the department's. Text that states amounts the tables do not hold
//! (绩效目标 coverage, 中小企业 reservations) yields no claim, so it is never "disagrees".
//!
//! Positions are 1-based lines and 1-based columns counted in characters (not bytes).

mod check;
mod document;
mod extract;
mod pages;
mod percent;
mod share;
mod wording;
pub use document::{document_findings, level, Level};
pub use pages::{page_line, PageLines, PagedText, FILE_BREAK, HIDDEN_START, PAGE_BREAK};
pub use percent::{class_name_findings, percent_findings, restated_findings};
pub use share::share_findings;
pub use wording::{punctuation_findings, wording_findings};

use rust_decimal::Decimal;
use serde::Serialize;

use crate::cell::CellRef;
use crate::model::{MoneyUnit, TableKind};

pub use check::{check_claims, findings};
pub use extract::{extract_claims, extract_final_claims};

/// An amount as the text writes it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TextAmount {
    pub value: Decimal,
    pub unit: MoneyUnit,
    /// Decimal places as written (`995.20` → 2, `0.8` → 1, `3,327` → 0).
    pub decimals: u32,
    /// The amount with its unit as written (`3,327万元`).
    pub written: String,
    pub line: usize,
    pub column: usize,
}

impl TextAmount {
    /// The amount in 元.
    pub fn in_yuan(&self) -> Decimal {
        self.value * self.unit.yuan()
    }

    /// Half a unit of its last written place, in 元: how far its rounding may have moved it.
    pub fn half_place(&self) -> Decimal {
        Decimal::new(5, self.decimals + 1) * self.unit.yuan()
    }
}

/// Which amount of the tables a claim is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "subject")]
pub enum Subject {
    /// 预算支出总额: summary 支出总计 (else the expenditure table's 合计).
    ExpenditureTotal,
    /// 预算收入总额: summary 收入总计 (else the revenue table's 合计).
    IncomeTotal,
    /// 财政拨款支出预算: appropriation summary 支出总计 (else summary 财政拨款收入).
    Appropriation,
    /// 一般公共预算拨款支出: appropriation summary 支出总计 in 一般公共预算 (else gpb_function 合计).
    GeneralPublicBudget,
    /// 政府性基金拨款支出: appropriation summary 支出总计 in 政府性基金 (else gf_function 合计).
    GovernmentFund,
    /// 国有资本经营预算拨款支出: its column or table; without either, what the appropriation
    /// summary leaves over (合计 − 一般公共预算 − 政府性基金).
    StateCapital,
    /// A function 类 by name (“教育支出”科目), in the table the text is listing.
    FunctionClass {
        name: String,
        basis: ClassBasis,
    },
    ThreePublicTotal,
    Abroad,
    Reception,
    Vehicle,
    VehiclePurchase,
    VehicleOperation,
    /// 机关运行经费.
    OfficeOperation,
    /// 决算: 收入支出总计 (收入支出决算总表 总计).
    FinalTotal,
    /// 决算: 本年收入合计 (收入支出决算总表).
    FinalCurrentIncome,
    /// 决算: 本年支出合计 (收入支出决算总表).
    FinalCurrentExpenditure,
    /// 决算: 财政拨款收入支出总计 (财政拨款收入支出决算总表 总计).
    FinalAppropriationTotal,
    /// 决算: 基本支出 / 项目支出 of the year (支出决算表 合计).
    FinalBasic,
    FinalProject,
    /// 决算: 一般公共预算财政拨款支出 and its 基本支出 (一般公共预算财政拨款支出决算表 合计).
    FinalGpb,
    FinalGpbBasic,
    /// 决算: 人员经费 / 公用经费 (一般公共预算财政拨款基本支出决算表 合计).
    FinalPersonnel,
    FinalPublicExpense,
}

/// Which figure of a 类 the text lists, from the sentence that introduces the list
/// ("财政拨款支出主要内容如下" → appropriation). Without such a sentence: appropriation, the
/// figure 预算编制说明 lists in the Shanghai format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClassBasis {
    /// The class line of the appropriation summary (合计).
    Appropriation,
    /// The class row of the general public budget table (合计).
    GeneralPublicBudget,
    /// The class row of the expenditure table (合计).
    Expenditure,
}

impl Subject {
    pub fn name_zh(&self) -> String {
        match self {
            Subject::ExpenditureTotal => "预算支出总额".into(),
            Subject::IncomeTotal => "预算收入总额".into(),
            Subject::Appropriation => "财政拨款支出预算".into(),
            Subject::GeneralPublicBudget => "一般公共预算拨款支出预算".into(),
            Subject::GovernmentFund => "政府性基金拨款支出预算".into(),
            Subject::StateCapital => "国有资本经营预算拨款支出预算".into(),
            Subject::FunctionClass { name, .. } => format!("“{name}”科目"),
            Subject::ThreePublicTotal => "“三公”经费".into(),
            Subject::Abroad => "因公出国（境）费".into(),
            Subject::Reception => "公务接待费".into(),
            Subject::Vehicle => "公务用车购置及运行费".into(),
            Subject::VehiclePurchase => "公务用车购置费".into(),
            Subject::VehicleOperation => "公务用车运行费".into(),
            Subject::OfficeOperation => "机关运行经费".into(),
            Subject::FinalTotal => "收入支出总计".into(),
            Subject::FinalCurrentIncome => "本年收入合计".into(),
            Subject::FinalCurrentExpenditure => "本年支出合计".into(),
            Subject::FinalAppropriationTotal => "财政拨款收入支出总计".into(),
            Subject::FinalBasic => "基本支出".into(),
            Subject::FinalProject => "项目支出".into(),
            Subject::FinalGpb => "一般公共预算财政拨款支出".into(),
            Subject::FinalGpbBasic => "一般公共预算财政拨款基本支出".into(),
            Subject::FinalPersonnel => "人员经费".into(),
            Subject::FinalPublicExpense => "公用经费".into(),
        }
    }
    pub fn name_en(&self) -> String {
        match self {
            Subject::ExpenditureTotal => "total expenditure".into(),
            Subject::IncomeTotal => "total income".into(),
            Subject::Appropriation => "appropriation spending".into(),
            Subject::GeneralPublicBudget => "general public budget spending".into(),
            Subject::GovernmentFund => "government fund spending".into(),
            Subject::StateCapital => "state capital spending".into(),
            Subject::FunctionClass { name, .. } => format!("class \"{name}\""),
            Subject::ThreePublicTotal => "三公 total".into(),
            Subject::Abroad => "travel abroad".into(),
            Subject::Reception => "receptions".into(),
            Subject::Vehicle => "official vehicles".into(),
            Subject::VehiclePurchase => "vehicle purchase".into(),
            Subject::VehicleOperation => "vehicle operation".into(),
            Subject::OfficeOperation => "office running costs".into(),
            Subject::FinalTotal => "total income and expenditure".into(),
            Subject::FinalCurrentIncome => "income of the year".into(),
            Subject::FinalCurrentExpenditure => "expenditure of the year".into(),
            Subject::FinalAppropriationTotal => "appropriation income and expenditure total".into(),
            Subject::FinalBasic => "basic expenditure".into(),
            Subject::FinalProject => "project expenditure".into(),
            Subject::FinalGpb => "general public budget appropriation spending".into(),
            Subject::FinalGpbBasic => "its basic expenditure".into(),
            Subject::FinalPersonnel => "personnel costs".into(),
            Subject::FinalPublicExpense => "public expenses".into(),
        }
    }

    /// A 决算's subject (checked by GJ718, not by the budget rules).
    pub fn is_final(&self) -> bool {
        matches!(
            self,
            Subject::FinalTotal
                | Subject::FinalCurrentIncome
                | Subject::FinalCurrentExpenditure
                | Subject::FinalAppropriationTotal
                | Subject::FinalBasic
                | Subject::FinalProject
                | Subject::FinalGpb
                | Subject::FinalGpbBasic
                | Subject::FinalPersonnel
                | Subject::FinalPublicExpense
        )
    }
}

/// Which earlier year a change is stated against.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "against", content = "year")]
pub enum Against {
    /// `比2020年…`.
    Year(i32),
    /// `比上年…`, `较去年…`.
    PreviousYear,
}

/// What a claim says.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum ClaimKind {
    /// `subject` is `amount`.
    Amount { subject: Subject },
    /// `subject` changed by `amount` (signed: negative for 减少; zero for 持平) since `against`.
    /// `stated` is the current amount the text gives just before, if any.
    YearOverYear { subject: Subject, against: Against, stated: Option<TextAmount> },
    /// `amount` is the sum of `parts`.
    ItemisedSum { parts: Vec<TextAmount> },
    /// A project's annual amount (`amount`) within its total.
    ProjectAmounts { total: TextAmount },
}

/// A statement of the text that can be held against the tables or against itself.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Claim {
    pub kind: ClaimKind,
    /// What the amount is of, as the text words it (`财政拨款支出预算`, `“教育支出”科目`, `总计`).
    pub subject: String,
    /// The amount claimed: for a change the signed change (`持平` is a zero in the unit and
    /// places of the amount it follows); for a sum, its total; for project amounts, the annual one.
    pub amount: TextAmount,
    /// The sentence the amount stands in (trimmed).
    pub sentence: String,
    /// 1-based line and column (in characters) of the amount, or of `持平`.
    pub line: usize,
    pub column: usize,
    /// For the text of a PDF: the page the line is on, and the line on that page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<(u32, usize)>,
}

/// What checking a claim gave.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "verdict")]
pub enum Verdict {
    Agrees,
    /// `expected` is what the tables (or the other amounts of the text) give, in `unit` and
    /// rounded to the text's precision; `actual` is what the text says; `difference` = actual − expected.
    Disagrees {
        expected: Decimal,
        actual: Decimal,
        difference: Decimal,
        unit: MoneyUnit,
    },
    CannotCheck {
        reason: String,
        reason_en: String,
    },
}

/// A claim with its verdict, the rule that judged it and the cells it was held against.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClaimVerdict {
    pub claim: Claim,
    /// GJ701 (amount), GJ702 (year over year), GJ703 (itemised sum), GJ704 (project amounts).
    pub rule: crate::rules::RuleRef,
    pub verdict: Verdict,
    /// The table the claim was compared with (GJ701, GJ702).
    pub table: Option<TableKind>,
    /// The table cells compared: this year's first, then the prior year's (GJ702).
    pub cells: Vec<CellRef>,
    pub message: String,
    pub message_en: String,
}

impl ClaimVerdict {
    pub fn agrees(&self) -> bool {
        self.verdict == Verdict::Agrees
    }
    pub fn disagrees(&self) -> bool {
        matches!(self.verdict, Verdict::Disagrees { .. })
    }
}

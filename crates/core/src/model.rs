//! The typed budget: what recognition produces and the rules read.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::cell::CellRef;

/// The tables of a department budget (docs/tables.md). Final accounts map onto the same kinds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TableKind {
    Summary,
    Revenue,
    Expenditure,
    AppropriationSummary,
    GpbFunction,
    GfFunction,
    SocFunction,
    GpbBasicEconomic,
    ThreePublic,
    /// 财政拨款支出预算表 by function (一般公共预算 + 政府性基金 together): Jiangsu's extended set.
    AppropriationFunction,
    /// 财政拨款基本支出预算表 by economic class: Jiangsu's extended set.
    AppropriationBasicEconomic,
    /// 一般公共预算机关运行经费支出预算表 by economic class: Jiangsu's extended set.
    OperatingCost,
}

impl TableKind {
    /// Every kind, in the order tables are shown; the last three are the extended sets' extras.
    pub const ALL: [TableKind; 12] = [
        TableKind::Summary,
        TableKind::Revenue,
        TableKind::Expenditure,
        TableKind::AppropriationSummary,
        TableKind::GpbFunction,
        TableKind::GfFunction,
        TableKind::SocFunction,
        TableKind::GpbBasicEconomic,
        TableKind::ThreePublic,
        TableKind::AppropriationFunction,
        TableKind::AppropriationBasicEconomic,
        TableKind::OperatingCost,
    ];

    /// Tables a budget may well not have: the 国有资本经营 table (most departments have none) and
    /// the extended sets' extras.
    pub fn optional(self) -> bool {
        matches!(
            self,
            TableKind::SocFunction | TableKind::AppropriationFunction | TableKind::AppropriationBasicEconomic | TableKind::OperatingCost
        )
    }

    /// The stable id used in JSON and the CLI.
    pub fn id(self) -> &'static str {
        match self {
            TableKind::Summary => "summary",
            TableKind::Revenue => "revenue",
            TableKind::Expenditure => "expenditure",
            TableKind::AppropriationSummary => "appropriation_summary",
            TableKind::GpbFunction => "gpb_function",
            TableKind::GfFunction => "gf_function",
            TableKind::SocFunction => "soc_function",
            TableKind::GpbBasicEconomic => "gpb_basic_economic",
            TableKind::ThreePublic => "three_public",
            TableKind::AppropriationFunction => "appropriation_function",
            TableKind::AppropriationBasicEconomic => "appropriation_basic_economic",
            TableKind::OperatingCost => "operating_cost",
        }
    }

    pub fn from_id(id: &str) -> Option<TableKind> {
        TableKind::ALL.into_iter().find(|k| k.id() == id)
    }

    pub fn name_zh(self) -> &'static str {
        match self {
            TableKind::Summary => "部门财务收支预算总表",
            TableKind::Revenue => "部门收入预算总表",
            TableKind::Expenditure => "部门支出预算总表",
            TableKind::AppropriationSummary => "部门财政拨款收支预算总表",
            TableKind::GpbFunction => "一般公共预算支出功能分类预算表",
            TableKind::GfFunction => "政府性基金预算支出功能分类预算表",
            TableKind::SocFunction => "国有资本经营预算支出功能分类预算表",
            TableKind::GpbBasicEconomic => "一般公共预算基本支出经济分类预算表",
            TableKind::ThreePublic => "“三公”经费和机关运行经费预算表",
            TableKind::AppropriationFunction => "部门财政拨款支出预算表",
            TableKind::AppropriationBasicEconomic => "部门财政拨款基本支出预算表",
            TableKind::OperatingCost => "一般公共预算机关运行经费支出预算表",
        }
    }

    /// The table's usual name in a document of this kind and family (决算 tables have their own
    /// names, and so have the central and local standard sets).
    pub fn name_for(self, doc: DocKind, family: Option<Family>) -> &'static str {
        match (doc, self) {
            (DocKind::Budget, k) => match (family, k) {
                (Some(Family::Central), TableKind::Summary) => "收支总表",
                (Some(Family::Central), TableKind::Revenue) => "收入总表",
                (Some(Family::Central), TableKind::Expenditure) => "支出总表",
                (Some(Family::Central), TableKind::AppropriationSummary) => "财政拨款收支总表",
                (Some(Family::Central), TableKind::GpbFunction) => "一般公共预算支出表",
                (Some(Family::Central), TableKind::GpbBasicEconomic) => "一般公共预算基本支出表",
                (Some(Family::Central), TableKind::ThreePublic) => "一般公共预算“三公”经费支出表",
                (Some(Family::Central), TableKind::GfFunction) => "政府性基金预算支出表",
                (Some(Family::Central), TableKind::SocFunction) => "国有资本经营预算支出表",
                (Some(Family::Local), TableKind::Summary) => "收支预算总表",
                (Some(Family::Local), TableKind::Revenue) => "收入预算总表",
                (Some(Family::Local), TableKind::Expenditure) => "支出预算总表",
                (Some(Family::Local), TableKind::AppropriationSummary) => "财政拨款收支预算总表",
                (Some(Family::Local), TableKind::AppropriationFunction) => "财政拨款支出预算表",
                (Some(Family::Local), TableKind::AppropriationBasicEconomic) => "财政拨款基本支出预算表",
                (Some(Family::Local), TableKind::GpbFunction) => "一般公共预算支出预算表",
                (Some(Family::Local), TableKind::GpbBasicEconomic) => "一般公共预算基本支出预算表",
                (Some(Family::Local), TableKind::ThreePublic) => "一般公共预算“三公”经费支出预算表",
                (Some(Family::Local), TableKind::GfFunction) => "政府性基金支出预算表",
                (Some(Family::Local), TableKind::SocFunction) => "国有资本经营预算支出预算表",
                _ => k.name_zh(),
            },
            (DocKind::FinalAccounts, TableKind::Summary) => "收入支出决算总表",
            (DocKind::FinalAccounts, TableKind::Revenue) => "收入决算表",
            (DocKind::FinalAccounts, TableKind::Expenditure) => "支出决算表",
            (DocKind::FinalAccounts, TableKind::AppropriationSummary) => "财政拨款收入支出决算总表",
            (DocKind::FinalAccounts, TableKind::GpbFunction) => "一般公共预算财政拨款支出决算表",
            (DocKind::FinalAccounts, TableKind::GfFunction) => "政府性基金预算财政拨款收入支出决算表",
            (DocKind::FinalAccounts, TableKind::SocFunction) => "国有资本经营预算财政拨款收入支出决算表",
            (DocKind::FinalAccounts, TableKind::GpbBasicEconomic) => "一般公共预算财政拨款基本支出决算表",
            (DocKind::FinalAccounts, TableKind::ThreePublic) => "财政拨款“三公”经费支出决算表",
            (DocKind::FinalAccounts, TableKind::AppropriationFunction) => "财政拨款支出决算表",
            (DocKind::FinalAccounts, TableKind::AppropriationBasicEconomic) => "财政拨款基本支出决算表",
            (DocKind::FinalAccounts, TableKind::OperatingCost) => "机关运行经费支出决算表",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            TableKind::Summary => "Income and expenditure summary",
            TableKind::Revenue => "Revenue by function",
            TableKind::Expenditure => "Expenditure by function",
            TableKind::AppropriationSummary => "Fiscal appropriation summary",
            TableKind::GpbFunction => "General public budget by function",
            TableKind::GfFunction => "Government funds by function",
            TableKind::SocFunction => "State capital operations by function",
            TableKind::GpbBasicEconomic => "Basic expenditure by economic class",
            TableKind::ThreePublic => "“Three public” and office running costs",
            TableKind::AppropriationFunction => "Fiscal appropriation by function",
            TableKind::AppropriationBasicEconomic => "Appropriation basic expenditure by economic class",
            TableKind::OperatingCost => "Office running costs by economic class",
        }
    }

    /// Which code system the table's rows are keyed by.
    pub fn code_system(self) -> Option<CodeSystem> {
        match self {
            TableKind::Revenue
            | TableKind::Expenditure
            | TableKind::GpbFunction
            | TableKind::GfFunction
            | TableKind::SocFunction
            | TableKind::AppropriationFunction => Some(CodeSystem::Function),
            TableKind::GpbBasicEconomic | TableKind::AppropriationBasicEconomic | TableKind::OperatingCost => Some(CodeSystem::Economic),
            _ => None,
        }
    }

    /// Tables with an income half and an expenditure half side by side.
    pub fn two_halves(self) -> bool {
        matches!(self, TableKind::Summary | TableKind::AppropriationSummary)
    }
}

/// The unit a table states for its amounts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum MoneyUnit {
    #[serde(rename = "元")]
    Yuan,
    #[serde(rename = "千元")]
    ThousandYuan,
    #[serde(rename = "万元")]
    TenThousandYuan,
    #[serde(rename = "亿元")]
    HundredMillionYuan,
}

impl MoneyUnit {
    pub fn label(self) -> &'static str {
        match self {
            MoneyUnit::Yuan => "元",
            MoneyUnit::ThousandYuan => "千元",
            MoneyUnit::TenThousandYuan => "万元",
            MoneyUnit::HundredMillionYuan => "亿元",
        }
    }
    pub fn label_en(self) -> &'static str {
        match self {
            MoneyUnit::Yuan => "yuan",
            MoneyUnit::ThousandYuan => "thousand yuan",
            MoneyUnit::TenThousandYuan => "10k yuan",
            MoneyUnit::HundredMillionYuan => "100m yuan",
        }
    }
    /// How many 元 one unit is.
    pub fn yuan(self) -> Decimal {
        match self {
            MoneyUnit::Yuan => Decimal::ONE,
            MoneyUnit::ThousandYuan => Decimal::from(1_000),
            MoneyUnit::TenThousandYuan => Decimal::from(10_000),
            MoneyUnit::HundredMillionYuan => Decimal::from(100_000_000),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CodeSystem {
    /// 支出功能分类科目: 类 3 digits, 款 2, 项 2.
    Function,
    /// 部门预算支出经济分类: 类 3 digits, 款 2.
    Economic,
}

/// A classification code, digits only (`2050802`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Code(pub String);

impl Code {
    /// 1 for 类, 2 for 款, 3 for 项.
    pub fn level(&self) -> u8 {
        match self.0.len() {
            3 => 1,
            5 => 2,
            7 => 3,
            _ => 0,
        }
    }
    pub fn parent(&self) -> Option<Code> {
        match self.0.len() {
            5 | 7 => Some(Code(self.0[..self.0.len() - 2].to_string())),
            _ => None,
        }
    }
    /// Whether this code is a direct child of `parent` (款 of a 类, 项 of a 款), without allocating.
    pub fn is_child_of(&self, parent: &Code) -> bool {
        self.0.len() == parent.0.len() + 2 && self.0.starts_with(&parent.0)
    }
    pub fn class(&self) -> Code {
        Code(self.0[..3.min(self.0.len())].to_string())
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Which half of a two-half table a row or column is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Half {
    Whole,
    Income,
    Expenditure,
}

/// What an amount column holds, from its header.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnRole {
    /// 合计 / 总计 / 小计.
    Total,
    /// 预算数 / 金额 in a summary half.
    Amount,
    CarryOver,
    FiscalAppropriation,
    BusinessIncome,
    OperatingIncome,
    SuperiorSubsidy,
    AffiliateIncome,
    OtherIncome,
    Basic,
    Project,
    PaymentToSuperior,
    OperatingExpenditure,
    SubsidyToAffiliates,
    Personnel,
    PublicExpense,
    GeneralPublicBudget,
    GovernmentFund,
    StateCapital,
    /// 三公: 因公出国(境)费.
    Abroad,
    /// 三公: 公务接待费.
    Reception,
    /// 三公: 公务用车购置及运行费 (小计).
    Vehicle,
    VehiclePurchase,
    VehicleOperation,
    /// 机关运行经费.
    OfficeOperation,
    /// 决算: 年初结转和结余.
    OpeningBalance,
    /// 决算: 本年收入 (the income of the year, in a fund's 收入支出决算表).
    CurrentIncome,
    /// 决算: 年末结转和结余.
    ClosingBalance,
    /// 单位预留机动经费 (Jiangsu's 支出预算总表): a part of the expenditure total.
    Reserve,
    /// 结转下年资金 (Jiangsu's 支出预算总表): carried to next year, outside the total.
    CarriedForward,
    /// 财政专户管理资金收入 (central 收入总表).
    SpecialAccount,
}

impl ColumnRole {
    pub fn name_zh(self) -> &'static str {
        match self {
            ColumnRole::Total => "合计",
            ColumnRole::Amount => "预算数",
            ColumnRole::CarryOver => "上年结转",
            ColumnRole::FiscalAppropriation => "财政拨款收入",
            ColumnRole::BusinessIncome => "事业收入",
            ColumnRole::OperatingIncome => "事业单位经营收入",
            ColumnRole::SuperiorSubsidy => "上级补助收入",
            ColumnRole::AffiliateIncome => "附属单位上缴收入",
            ColumnRole::OtherIncome => "其他收入",
            ColumnRole::Basic => "基本支出",
            ColumnRole::Project => "项目支出",
            ColumnRole::PaymentToSuperior => "上缴上级支出",
            ColumnRole::OperatingExpenditure => "经营支出",
            ColumnRole::SubsidyToAffiliates => "对附属单位补助支出",
            ColumnRole::Personnel => "人员经费",
            ColumnRole::PublicExpense => "公用经费",
            ColumnRole::GeneralPublicBudget => "一般公共预算",
            ColumnRole::GovernmentFund => "政府性基金预算",
            ColumnRole::StateCapital => "国有资本经营预算",
            ColumnRole::Abroad => "因公出国(境)费",
            ColumnRole::Reception => "公务接待费",
            ColumnRole::Vehicle => "公务用车购置及运行费",
            ColumnRole::VehiclePurchase => "公务用车购置费",
            ColumnRole::VehicleOperation => "公务用车运行费",
            ColumnRole::OfficeOperation => "机关运行经费",
            ColumnRole::OpeningBalance => "年初结转和结余",
            ColumnRole::CurrentIncome => "本年收入",
            ColumnRole::ClosingBalance => "年末结转和结余",
            ColumnRole::Reserve => "单位预留机动经费",
            ColumnRole::CarriedForward => "结转下年资金",
            ColumnRole::SpecialAccount => "财政专户管理资金收入",
        }
    }
    pub fn name_en(self) -> &'static str {
        match self {
            ColumnRole::Total => "total",
            ColumnRole::Amount => "amount",
            ColumnRole::CarryOver => "carried over",
            ColumnRole::FiscalAppropriation => "fiscal appropriation",
            ColumnRole::BusinessIncome => "business income",
            ColumnRole::OperatingIncome => "operating income",
            ColumnRole::SuperiorSubsidy => "subsidy from superior",
            ColumnRole::AffiliateIncome => "payments from affiliates",
            ColumnRole::OtherIncome => "other income",
            ColumnRole::Basic => "basic expenditure",
            ColumnRole::Project => "project expenditure",
            ColumnRole::PaymentToSuperior => "payments to superior",
            ColumnRole::OperatingExpenditure => "operating expenditure",
            ColumnRole::SubsidyToAffiliates => "subsidies to affiliates",
            ColumnRole::Personnel => "personnel",
            ColumnRole::PublicExpense => "public expenses",
            ColumnRole::GeneralPublicBudget => "general public budget",
            ColumnRole::GovernmentFund => "government funds",
            ColumnRole::StateCapital => "state capital operations",
            ColumnRole::Abroad => "official travel abroad",
            ColumnRole::Reception => "official receptions",
            ColumnRole::Vehicle => "official vehicles",
            ColumnRole::VehiclePurchase => "vehicle purchase",
            ColumnRole::VehicleOperation => "vehicle operation",
            ColumnRole::OfficeOperation => "office running costs",
            ColumnRole::OpeningBalance => "balance at the start of the year",
            ColumnRole::CurrentIncome => "income of the year",
            ColumnRole::ClosingBalance => "balance at the end of the year",
            ColumnRole::Reserve => "unit reserve",
            ColumnRole::CarriedForward => "carried to next year",
            ColumnRole::SpecialAccount => "special-account funds",
        }
    }
}

/// Which figure of a column group a column holds, where a table prints several (三公 决算:
/// 预算数 | 决算数 for each item; two-year tables: 上年 | 本年).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnGroup {
    /// The table has one figure per column.
    #[default]
    Single,
    /// 预算数 / 年初预算数 (in final accounts).
    Budgeted,
    /// 调整预算数.
    Adjusted,
    /// 决算数.
    Final,
    /// 上年 (the prior year, in a two-year budget table).
    PriorYear,
    /// 本年.
    CurrentYear,
}

impl ColumnGroup {
    /// The figure the table's relations are first about: the only one, 决算数, or 本年.
    pub fn primary(self) -> bool {
        matches!(self, ColumnGroup::Single | ColumnGroup::Final | ColumnGroup::CurrentYear)
    }
    pub fn name_zh(self) -> &'static str {
        match self {
            ColumnGroup::Single => "",
            ColumnGroup::Budgeted => "预算数",
            ColumnGroup::Adjusted => "调整预算数",
            ColumnGroup::Final => "决算数",
            ColumnGroup::PriorYear => "上年",
            ColumnGroup::CurrentYear => "本年",
        }
    }
    pub fn name_en(self) -> &'static str {
        match self {
            ColumnGroup::Single => "",
            ColumnGroup::Budgeted => "budgeted",
            ColumnGroup::Adjusted => "adjusted budget",
            ColumnGroup::Final => "final",
            ColumnGroup::PriorYear => "prior year",
            ColumnGroup::CurrentYear => "this year",
        }
    }
}

/// One amount column of a table.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Column {
    pub role: ColumnRole,
    pub half: Half,
    /// Which figure of a group of figures (预算数 | 决算数) the column holds.
    #[serde(default)]
    pub group: ColumnGroup,
    /// The header text as written (levels joined by ` / `).
    pub header: String,
    /// Zero-based sheet column.
    pub col: u32,
}

/// A line of a summary table, recognised from its label.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "line", content = "code")]
pub enum SummaryLine {
    /// 一、财政拨款收入.
    FiscalAppropriation,
    /// 一般公共预算资金 (a part of 财政拨款收入, or a line of its own in the appropriation summary).
    GeneralPublicBudgetFunds,
    GovernmentFunds,
    StateCapitalFunds,
    BusinessIncome,
    OperatingIncome,
    SuperiorSubsidy,
    AffiliateIncome,
    OtherIncome,
    CarryOver,
    /// 本年收入合计 (central budgets and 决算: the year's income before carry-overs).
    CurrentIncomeTotal,
    /// 使用非财政拨款结余（含专用结余）.
    UseOfBalance,
    /// 年初结转和结余 / 年初财政拨款结转和结余 / 上年结转结余 (as a line).
    OpeningBalance,
    IncomeTotal,
    /// An expenditure line for one function 类, with its code.
    FunctionClass(Code),
    /// 本年支出合计.
    CurrentExpenditureTotal,
    /// 结余分配.
    BalanceDistribution,
    /// 年末结转和结余 / 结转下年.
    ClosingBalance,
    ExpenditureTotal,
    /// 基本支出 as an expenditure line (a summary that lists expenditure by use, Jiangsu).
    BasicExpenditure,
    /// 项目支出 as an expenditure line.
    ProjectExpenditure,
    /// A line gouji does not interpret (kept, shown, not summed).
    Other,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum Line {
    /// A coded row (类/款/项).
    Item,
    /// 合计/总计 row of a coded table, or the single data row of the 三公 table.
    Total,
    Summary {
        line: SummaryLine,
    },
    /// A row with a name but no code (e.g. 其中 lines).
    Uncoded,
}

/// One amount cell. Blank cells are zero and keep their address.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Amount {
    pub value: Decimal,
    pub cell: CellRef,
    pub blank: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Row {
    /// Zero-based sheet row.
    pub row: u32,
    pub half: Half,
    pub line: Line,
    pub code: Option<Code>,
    pub name: String,
    /// The cell holding the name (or code), for pointing at the row.
    pub label_cell: CellRef,
    /// One entry per table column: `None` where the column is in the other half or the cell was unreadable.
    pub amounts: Vec<Option<Amount>>,
}

impl Row {
    pub fn amount(&self, col: usize) -> Option<&Amount> {
        self.amounts.get(col).and_then(Option::as_ref)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Table {
    pub kind: TableKind,
    pub sheet: String,
    pub title: String,
    pub title_cell: CellRef,
    pub unit: Option<MoneyUnit>,
    /// Decimal places the amounts are written with (for rounding tolerance).
    pub decimals: u32,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// Present but without data (only a 合计 row, or a note such as 本表为空表).
    pub empty: bool,
    /// Every line of the table with amounts became a row. False for text copied without tabs
    /// when a line's amounts could not be given to any row: a code absent from the table is then
    /// not known to be zero, and sums over its rows are not checked.
    pub complete: bool,
    pub unit_name: Option<String>,
    pub year: Option<i32>,
    /// For a table read from a PDF: where its cells are on the printed pages (title, labels,
    /// amounts), by grid row and column.
    #[serde(skip)]
    pub places: std::collections::BTreeMap<(u32, u32), crate::grid::Place>,
}

impl Table {
    /// Where a cell of this table stands on its printed page (PDF input).
    pub fn place_of(&self, cell: &CellRef) -> Option<crate::grid::Place> {
        if *cell.sheet != *self.sheet {
            return None;
        }
        self.places.get(&(cell.row, cell.col)).copied()
    }

    /// The pages the table is printed on, first to last (PDF input).
    pub fn pages(&self) -> Option<(u32, u32)> {
        let mut pages = self.places.values().map(|p| p.page);
        let first = pages.next()?;
        Some(pages.fold((first, first), |(a, b), p| (a.min(p), b.max(p))))
    }

    /// Index of the first column with this role in this half.
    /// The column of a role in a half; where the table prints several figures (预算数 | 决算数),
    /// the one its relations are about (决算数, 本年).
    pub fn column(&self, role: ColumnRole, half: Half) -> Option<usize> {
        let of = |c: &Column| c.role == role && c.half == half;
        self.columns.iter().position(|c| of(c) && c.group.primary()).or_else(|| self.columns.iter().position(of))
    }
    pub fn column_any_half(&self, role: ColumnRole) -> Option<usize> {
        self.columns.iter().position(|c| c.role == role && c.group.primary()).or_else(|| self.columns.iter().position(|c| c.role == role))
    }
    /// The column of a role in one figure group.
    pub fn column_in(&self, role: ColumnRole, group: ColumnGroup) -> Option<usize> {
        self.columns.iter().position(|c| c.role == role && c.group == group)
    }
    /// The figure groups the table prints, in column order.
    pub fn groups(&self) -> Vec<ColumnGroup> {
        let mut out: Vec<ColumnGroup> = Vec::new();
        for c in &self.columns {
            if !out.contains(&c.group) {
                out.push(c.group);
            }
        }
        out
    }
    pub fn total_row(&self) -> Option<&Row> {
        self.rows.iter().find(|r| r.line == Line::Total)
    }
    /// The first row without a code whose name (white space ignored) starts with `starts`
    /// (`人员经费合计`, `公用经费合计` in a 决算's basic-expenditure table).
    pub fn uncoded_row(&self, starts: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.line == Line::Uncoded && r.name.replace(char::is_whitespace, "").starts_with(starts))
    }
    pub fn row_by_code(&self, code: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.code.as_ref().is_some_and(|c| c.0 == code))
    }
    pub fn summary_line(&self, half: Half, line: &SummaryLine) -> Option<&Row> {
        self.rows.iter().find(|r| r.half == half && matches!(&r.line, Line::Summary { line: l } if l == line))
    }
}

/// What a document is: a budget (部门预算, amounts planned) or final accounts (部门决算, amounts
/// spent). Some relations hold for one and not the other.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    #[default]
    Budget,
    FinalAccounts,
}

impl DocKind {
    pub fn id(self) -> &'static str {
        match self {
            DocKind::Budget => "budget",
            DocKind::FinalAccounts => "final_accounts",
        }
    }
    pub fn name_zh(self) -> &'static str {
        match self {
            DocKind::Budget => "预算",
            DocKind::FinalAccounts => "决算",
        }
    }
    pub fn name_en(self) -> &'static str {
        match self {
            DocKind::Budget => "budget",
            DocKind::FinalAccounts => "final accounts",
        }
    }
}

/// The template a document follows (docs/families.md): which tables it has and how they are laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Family {
    /// Shanghai municipal and district budgets: 部门财务收支预算总表 … 8 or 9 tables.
    Shanghai,
    /// The 操作规程 standard of 2016 and provincial sets such as Jiangsu's: 收支总体情况表 / 收支预算总表 … 8 tables.
    Local,
    /// Central departments: 收支总表 with 本年收入合计 and 上年结转结余 … 9 tables.
    Central,
    /// Final accounts: 收入支出决算总表 … 9 tables.
    FinalAccounts,
}

impl Family {
    pub fn name_zh(self) -> &'static str {
        match self {
            Family::Shanghai => "上海格式",
            Family::Local => "地方标准格式",
            Family::Central => "中央部门格式",
            Family::FinalAccounts => "部门决算",
        }
    }
    pub fn name_en(self) -> &'static str {
        match self {
            Family::Shanghai => "Shanghai layout",
            Family::Local => "local standard layout",
            Family::Central => "central layout",
            Family::FinalAccounts => "final accounts",
        }
    }
    pub fn id(self) -> &'static str {
        match self {
            Family::Shanghai => "shanghai",
            Family::Local => "local",
            Family::Central => "central",
            Family::FinalAccounts => "final_accounts",
        }
    }
}

/// One unit's budget: the tables found for it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Budget {
    pub unit_name: Option<String>,
    /// Budget or final accounts.
    pub kind: DocKind,
    /// The template family, when the tables tell.
    pub family: Option<Family>,
    pub year: Option<i32>,
    pub tables: Vec<Table>,
    /// What reading found in the cells: unreadable amounts, formulas without values, missing units.
    pub diagnostics: Vec<crate::finding::Finding>,
    /// The files its tables were read from, in order (empty where the caller gave no names).
    pub files: Vec<String>,
}

impl Budget {
    pub fn table(&self, kind: TableKind) -> Option<&Table> {
        self.tables.iter().find(|t| t.kind == kind)
    }
    pub fn missing(&self) -> Vec<TableKind> {
        TableKind::ALL.into_iter().filter(|k| !k.optional() && self.table(*k).is_none()).collect()
    }
}

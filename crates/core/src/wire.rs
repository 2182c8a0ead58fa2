//! [`FileTables`] as bytes, for handing the tables a browser worker found in part of a workbook
//! to the worker that groups and checks them (a `postMessage` with the buffer transferred).
//!
//! The format is private to one build of gouji (both ends are the same wasm): no versioning
//! beyond a magic number. It is compact where the volume is (a 200-unit workbook has ≈ 400,000
//! amount cells): sheet names are written once and shared again on the way in, numbers are
//! LEB128, amounts are mantissa and scale. A serde format could not do either, and the model's
//! serde shape is the JSON contract (internally tagged enums, names as text). Decoding checks
//! every length and value and returns an error, never panics.

use std::sync::Arc;

use rust_decimal::Decimal;

use crate::cell::CellRef;
use crate::finding::{Finding, FindingKind, Severity, TextSpan};
use crate::model::{Amount, Code, Column, ColumnGroup, ColumnRole, Half, Line, MoneyUnit, Row, SummaryLine, Table, TableKind};
use crate::read::FormulaNote;
use crate::recognise::{Extracted, FileTables};

const MAGIC: &[u8; 4] = b"GJW1";

const HALVES: [Half; 3] = [Half::Whole, Half::Income, Half::Expenditure];
const UNITS: [MoneyUnit; 4] = [MoneyUnit::Yuan, MoneyUnit::ThousandYuan, MoneyUnit::TenThousandYuan, MoneyUnit::HundredMillionYuan];
const SEVERITIES: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];
const FINDING_KINDS: [FindingKind; 13] = [
    FindingKind::Hierarchy,
    FindingKind::Structure,
    FindingKind::RowArithmetic,
    FindingKind::GrandTotal,
    FindingKind::InterTable,
    FindingKind::FunctionVsEconomic,
    FindingKind::ThreePublic,
    FindingKind::Rounding,
    FindingKind::BadValue,
    FindingKind::FormulaWithoutCachedValues,
    FindingKind::FormulaEvaluated,
    FindingKind::MissingUnit,
    FindingKind::Narrative,
];
const GROUPS: [ColumnGroup; 6] = [
    ColumnGroup::Single,
    ColumnGroup::Budgeted,
    ColumnGroup::Adjusted,
    ColumnGroup::Final,
    ColumnGroup::PriorYear,
    ColumnGroup::CurrentYear,
];
const ROLES: [ColumnRole; 31] = [
    ColumnRole::Total,
    ColumnRole::Amount,
    ColumnRole::CarryOver,
    ColumnRole::FiscalAppropriation,
    ColumnRole::BusinessIncome,
    ColumnRole::OperatingIncome,
    ColumnRole::SuperiorSubsidy,
    ColumnRole::AffiliateIncome,
    ColumnRole::OtherIncome,
    ColumnRole::Basic,
    ColumnRole::Project,
    ColumnRole::PaymentToSuperior,
    ColumnRole::OperatingExpenditure,
    ColumnRole::SubsidyToAffiliates,
    ColumnRole::Personnel,
    ColumnRole::PublicExpense,
    ColumnRole::GeneralPublicBudget,
    ColumnRole::GovernmentFund,
    ColumnRole::StateCapital,
    ColumnRole::Abroad,
    ColumnRole::Reception,
    ColumnRole::Vehicle,
    ColumnRole::VehiclePurchase,
    ColumnRole::VehicleOperation,
    ColumnRole::OfficeOperation,
    ColumnRole::OpeningBalance,
    ColumnRole::CurrentIncome,
    ColumnRole::ClosingBalance,
    ColumnRole::Reserve,
    ColumnRole::CarriedForward,
    ColumnRole::SpecialAccount,
];

/// The tables of a file (or part of one) as bytes. Fails only on a value this module does not
/// know (a new enum variant not yet listed here, a rule id outside the registry).
pub fn encode(tables: &FileTables) -> Result<Vec<u8>, String> {
    let mut w = Writer { out: Vec::with_capacity(64 * 1024), sheets: Vec::new() };
    w.out.extend_from_slice(MAGIC);
    w.uint(tables.sheets as u64);
    w.uint(tables.cells);
    w.opt_str(tables.text.as_deref());
    w.uint(tables.formulas.len() as u64);
    for n in &tables.formulas {
        w.cell(&n.cell);
        w.str(&n.formula);
        w.opt_dec(n.evaluated.as_ref());
        w.bool(n.zero_cached);
    }
    w.uint(tables.tables.len() as u64);
    for e in &tables.tables {
        w.table(&e.table)?;
        w.uint(e.findings.len() as u64);
        for f in &e.findings {
            w.finding(f)?;
        }
        w.bool(e.unit_stated);
    }
    Ok(w.out)
}

/// [`encode`]'s bytes back into tables, sheet names shared as reading made them.
pub fn decode(bytes: &[u8]) -> Result<FileTables, String> {
    let mut r = Reader { bytes, at: 0, sheets: Vec::new() };
    if r.take(4)? != MAGIC {
        return Err("not gouji's table bytes".into());
    }
    let sheets = r.len()?;
    let cells = r.uint()?;
    let text = r.opt_string()?;
    let n = r.len()?;
    let mut formulas = Vec::with_capacity(n.min(r.left()));
    for _ in 0..n {
        formulas.push(FormulaNote { cell: r.cell()?, formula: r.string()?, evaluated: r.opt_dec()?, zero_cached: r.bool()? });
    }
    let n = r.len()?;
    let mut tables = Vec::with_capacity(n.min(r.left()));
    for _ in 0..n {
        let table = r.table()?;
        let k = r.len()?;
        let mut findings = Vec::with_capacity(k.min(r.left()));
        for _ in 0..k {
            findings.push(r.finding()?);
        }
        tables.push(Extracted { table, findings, unit_stated: r.bool()? });
    }
    if r.at != bytes.len() {
        return Err(format!("{} bytes left over", bytes.len() - r.at));
    }
    Ok(FileTables { tables, formulas, sheets, cells, text })
}

fn index_of<T: PartialEq + std::fmt::Debug>(all: &[T], v: &T) -> Result<u64, String> {
    all.iter().position(|x| x == v).map(|i| i as u64).ok_or_else(|| format!("{v:?} is not in the wire's list"))
}

struct Writer {
    out: Vec<u8>,
    /// Sheet names written so far (a name is written once; cells refer to it by number).
    sheets: Vec<Arc<str>>,
}

impl Writer {
    fn uint(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.out.push(v as u8 | 0x80);
            v >>= 7;
        }
        self.out.push(v as u8);
    }
    fn int(&mut self, v: i64) {
        self.uint(((v << 1) ^ (v >> 63)) as u64);
    }
    fn bool(&mut self, v: bool) {
        self.out.push(v as u8);
    }
    fn str(&mut self, s: &str) {
        self.uint(s.len() as u64);
        self.out.extend_from_slice(s.as_bytes());
    }
    fn opt_str(&mut self, s: Option<&str>) {
        self.bool(s.is_some());
        if let Some(s) = s {
            self.str(s);
        }
    }
    fn dec(&mut self, d: &Decimal) {
        // Scale and sign in one byte, then the magnitude (96 bits at most).
        self.out.push(d.scale() as u8 | if d.is_sign_negative() { 0x80 } else { 0 });
        let m = d.mantissa().unsigned_abs();
        self.uint(m as u64);
        self.uint((m >> 64) as u64);
    }
    fn opt_dec(&mut self, d: Option<&Decimal>) {
        self.bool(d.is_some());
        if let Some(d) = d {
            self.dec(d);
        }
    }
    fn cell(&mut self, c: &CellRef) {
        // Cells of a sheet share its name's allocation: compare pointers first, text second.
        let known = self.sheets.iter().rposition(|s| Arc::ptr_eq(s, &c.sheet) || **s == *c.sheet);
        match known {
            Some(i) => self.uint(i as u64),
            None => {
                self.uint(self.sheets.len() as u64);
                self.str(&c.sheet);
                self.sheets.push(c.sheet.clone());
            }
        }
        self.uint(c.row.into());
        self.uint(c.col.into());
    }
    fn table(&mut self, t: &Table) -> Result<(), String> {
        self.uint(index_of(&TableKind::ALL, &t.kind)?);
        self.str(&t.sheet);
        self.str(&t.title);
        self.cell(&t.title_cell);
        match &t.unit {
            Some(u) => self.uint(1 + index_of(&UNITS, u)?),
            None => self.uint(0),
        }
        self.uint(t.decimals.into());
        self.uint(t.columns.len() as u64);
        for c in &t.columns {
            self.uint(index_of(&ROLES, &c.role)?);
            self.uint(index_of(&HALVES, &c.half)?);
            self.uint(index_of(&GROUPS, &c.group)?);
            self.str(&c.header);
            self.uint(c.col.into());
        }
        self.uint(t.rows.len() as u64);
        for row in &t.rows {
            self.uint(row.row.into());
            self.uint(index_of(&HALVES, &row.half)?);
            self.line(&row.line);
            self.opt_str(row.code.as_ref().map(Code::as_str));
            self.str(&row.name);
            self.cell(&row.label_cell);
            self.uint(row.amounts.len() as u64);
            for a in &row.amounts {
                self.bool(a.is_some());
                if let Some(a) = a {
                    self.dec(&a.value);
                    self.cell(&a.cell);
                    self.bool(a.blank);
                }
            }
        }
        self.bool(t.empty);
        self.bool(t.complete);
        self.opt_str(t.unit_name.as_deref());
        self.bool(t.year.is_some());
        if let Some(y) = t.year {
            self.int(y.into());
        }
        self.uint(t.places.len() as u64);
        for ((r, c), p) in &t.places {
            self.uint((*r).into());
            self.uint((*c).into());
            self.uint(p.page.into());
            for v in p.bbox {
                self.uint(v.to_bits().into());
            }
        }
        Ok(())
    }
    fn line(&mut self, l: &Line) {
        match l {
            Line::Item => self.uint(0),
            Line::Total => self.uint(1),
            Line::Uncoded => self.uint(2),
            Line::Summary { line } => {
                let (tag, code) = summary_tag(line);
                self.uint(3 + tag);
                if let Some(code) = code {
                    self.str(code.as_str());
                }
            }
        }
    }
    fn finding(&mut self, f: &Finding) -> Result<(), String> {
        self.str(f.rule.id());
        self.uint(index_of(&FINDING_KINDS, &f.kind)?);
        self.uint(index_of(&SEVERITIES, &f.severity)?);
        match &f.table {
            Some(k) => self.uint(1 + index_of(&TableKind::ALL, k)?),
            None => self.uint(0),
        }
        self.str(&f.message);
        self.str(&f.message_en);
        self.opt_dec(f.expected.as_ref());
        self.opt_dec(f.actual.as_ref());
        self.opt_dec(f.difference.as_ref());
        match &f.unit {
            Some(u) => self.uint(1 + index_of(&UNITS, u)?),
            None => self.uint(0),
        }
        self.uint(f.cells.len() as u64);
        for c in &f.cells {
            self.cell(c);
        }
        self.bool(f.text.is_some());
        if let Some(t) = &f.text {
            self.uint(t.line as u64);
            self.uint(t.column as u64);
            self.str(&t.sentence);
            self.uint(t.page.map_or(0, u64::from));
            self.uint(t.page_line.map_or(0, |l| l as u64));
        }
        Ok(())
    }
}

/// A summary line's number on the wire and the code it carries.
fn summary_tag(l: &SummaryLine) -> (u64, Option<&Code>) {
    match l {
        SummaryLine::FiscalAppropriation => (0, None),
        SummaryLine::GeneralPublicBudgetFunds => (1, None),
        SummaryLine::GovernmentFunds => (2, None),
        SummaryLine::StateCapitalFunds => (3, None),
        SummaryLine::BusinessIncome => (4, None),
        SummaryLine::OperatingIncome => (5, None),
        SummaryLine::SuperiorSubsidy => (6, None),
        SummaryLine::AffiliateIncome => (7, None),
        SummaryLine::OtherIncome => (8, None),
        SummaryLine::CarryOver => (9, None),
        SummaryLine::IncomeTotal => (10, None),
        SummaryLine::FunctionClass(code) => (11, Some(code)),
        SummaryLine::ExpenditureTotal => (12, None),
        SummaryLine::Other => (13, None),
        SummaryLine::CurrentIncomeTotal => (14, None),
        SummaryLine::UseOfBalance => (15, None),
        SummaryLine::OpeningBalance => (16, None),
        SummaryLine::CurrentExpenditureTotal => (17, None),
        SummaryLine::BalanceDistribution => (18, None),
        SummaryLine::ClosingBalance => (19, None),
        SummaryLine::BasicExpenditure => (20, None),
        SummaryLine::ProjectExpenditure => (21, None),
    }
}

fn summary_line(tag: u64, code: impl FnOnce() -> Result<String, String>) -> Result<SummaryLine, String> {
    Ok(match tag {
        0 => SummaryLine::FiscalAppropriation,
        1 => SummaryLine::GeneralPublicBudgetFunds,
        2 => SummaryLine::GovernmentFunds,
        3 => SummaryLine::StateCapitalFunds,
        4 => SummaryLine::BusinessIncome,
        5 => SummaryLine::OperatingIncome,
        6 => SummaryLine::SuperiorSubsidy,
        7 => SummaryLine::AffiliateIncome,
        8 => SummaryLine::OtherIncome,
        9 => SummaryLine::CarryOver,
        10 => SummaryLine::IncomeTotal,
        11 => SummaryLine::FunctionClass(Code(code()?)),
        12 => SummaryLine::ExpenditureTotal,
        13 => SummaryLine::Other,
        14 => SummaryLine::CurrentIncomeTotal,
        15 => SummaryLine::UseOfBalance,
        16 => SummaryLine::OpeningBalance,
        17 => SummaryLine::CurrentExpenditureTotal,
        18 => SummaryLine::BalanceDistribution,
        19 => SummaryLine::ClosingBalance,
        20 => SummaryLine::BasicExpenditure,
        21 => SummaryLine::ProjectExpenditure,
        _ => return Err(format!("summary line {tag}")),
    })
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    sheets: Vec<Arc<str>>,
}

impl<'a> Reader<'a> {
    fn left(&self) -> usize {
        self.bytes.len() - self.at
    }
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        if n > self.left() {
            return Err("the bytes end early".into());
        }
        let s = &self.bytes[self.at..self.at + n];
        self.at += n;
        Ok(s)
    }
    fn byte(&mut self) -> Result<u8, String> {
        Ok(self.take(1)?[0])
    }
    fn uint(&mut self) -> Result<u64, String> {
        let mut v: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7F) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err("a number runs on".into())
    }
    fn u32(&mut self) -> Result<u32, String> {
        u32::try_from(self.uint()?).map_err(|_| "a number out of range".to_string())
    }
    /// A count of things each at least one byte long: never more than the bytes left.
    fn len(&mut self) -> Result<usize, String> {
        let n = self.uint()?;
        if n > self.left() as u64 {
            return Err(format!("a count of {n} with {} bytes left", self.left()));
        }
        Ok(n as usize)
    }
    fn int(&mut self) -> Result<i64, String> {
        let v = self.uint()?;
        Ok((v >> 1) as i64 ^ -((v & 1) as i64))
    }
    fn bool(&mut self) -> Result<bool, String> {
        match self.byte()? {
            0 => Ok(false),
            1 => Ok(true),
            b => Err(format!("{b} is not a yes or no")),
        }
    }
    fn str(&mut self) -> Result<&'a str, String> {
        let n = self.len()?;
        std::str::from_utf8(self.take(n)?).map_err(|e| e.to_string())
    }
    fn string(&mut self) -> Result<String, String> {
        self.str().map(str::to_owned)
    }
    fn opt_string(&mut self) -> Result<Option<String>, String> {
        Ok(if self.bool()? { Some(self.string()?) } else { None })
    }
    fn dec(&mut self) -> Result<Decimal, String> {
        let head = self.byte()?;
        let lo = self.uint()?;
        let hi = self.uint()?;
        let m = (i128::from(hi) << 64) | i128::from(lo);
        let m = if head & 0x80 != 0 { -m } else { m };
        let mut d = Decimal::try_from_i128_with_scale(m, u32::from(head & 0x7F)).map_err(|e| e.to_string())?;
        // -0 keeps its sign as written (Decimal has a negative zero).
        d.set_sign_negative(head & 0x80 != 0);
        Ok(d)
    }
    fn opt_dec(&mut self) -> Result<Option<Decimal>, String> {
        Ok(if self.bool()? { Some(self.dec()?) } else { None })
    }
    fn cell(&mut self) -> Result<CellRef, String> {
        let id = self.uint()?;
        let sheet = match self.sheets.get(id as usize) {
            Some(s) => s.clone(),
            None if id == self.sheets.len() as u64 => {
                let s: Arc<str> = self.str()?.into();
                self.sheets.push(s.clone());
                s
            }
            None => return Err(format!("sheet {id} before it was named")),
        };
        Ok(CellRef { sheet, row: self.u32()?, col: self.u32()? })
    }
    fn pick<T: Copy>(&mut self, all: &[T], what: &str) -> Result<T, String> {
        let i = self.uint()?;
        all.get(i as usize).copied().ok_or_else(|| format!("{what} {i}"))
    }
    fn opt_pick<T: Copy>(&mut self, all: &[T], what: &str) -> Result<Option<T>, String> {
        match self.uint()? {
            0 => Ok(None),
            i => all.get(i as usize - 1).copied().map(Some).ok_or_else(|| format!("{what} {i}")),
        }
    }
    fn table(&mut self) -> Result<Table, String> {
        let kind = self.pick(&TableKind::ALL, "table kind")?;
        let sheet = self.string()?;
        let title = self.string()?;
        let title_cell = self.cell()?;
        let unit = self.opt_pick(&UNITS, "money unit")?;
        let decimals = self.u32()?;
        let n = self.len()?;
        let mut columns = Vec::with_capacity(n);
        for _ in 0..n {
            columns.push(Column {
                role: self.pick(&ROLES, "column role")?,
                half: self.pick(&HALVES, "half")?,
                group: self.pick(&GROUPS, "column group")?,
                header: self.string()?,
                col: self.u32()?,
            });
        }
        let n = self.len()?;
        let mut rows = Vec::with_capacity(n);
        for _ in 0..n {
            let row = self.u32()?;
            let half = self.pick(&HALVES, "half")?;
            let line = self.line()?;
            let code = self.opt_string()?.map(Code);
            let name = self.string()?;
            let label_cell = self.cell()?;
            let k = self.len()?;
            let mut amounts = Vec::with_capacity(k);
            for _ in 0..k {
                amounts.push(if self.bool()? {
                    Some(Amount { value: self.dec()?, cell: self.cell()?, blank: self.bool()? })
                } else {
                    None
                });
            }
            rows.push(Row { row, half, line, code, name, label_cell, amounts });
        }
        let empty = self.bool()?;
        let complete = self.bool()?;
        let unit_name = self.opt_string()?;
        let year = if self.bool()? { Some(i32::try_from(self.int()?).map_err(|_| "a year out of range")?) } else { None };
        let n = self.len()?;
        let mut places = std::collections::BTreeMap::new();
        for _ in 0..n {
            let key = (self.u32()?, self.u32()?);
            let page = self.u32()?;
            let mut bbox = [0f32; 4];
            for v in &mut bbox {
                *v = f32::from_bits(self.u32()?);
            }
            places.insert(key, crate::grid::Place { page, bbox });
        }
        Ok(Table { kind, sheet, title, title_cell, unit, decimals, columns, rows, empty, complete, unit_name, year, places })
    }
    fn line(&mut self) -> Result<Line, String> {
        Ok(match self.uint()? {
            0 => Line::Item,
            1 => Line::Total,
            2 => Line::Uncoded,
            t => Line::Summary { line: summary_line(t - 3, || self.string())? },
        })
    }
    fn finding(&mut self) -> Result<Finding, String> {
        let id = self.str()?;
        let rule = crate::rules::rule(id).ok_or_else(|| format!("rule {id}"))?;
        Ok(Finding {
            rule,
            kind: self.pick(&FINDING_KINDS, "finding kind")?,
            severity: self.pick(&SEVERITIES, "severity")?,
            table: self.opt_pick(&TableKind::ALL, "table kind")?,
            message: self.string()?,
            message_en: self.string()?,
            expected: self.opt_dec()?,
            actual: self.opt_dec()?,
            difference: self.opt_dec()?,
            unit: self.opt_pick(&UNITS, "money unit")?,
            cells: {
                let n = self.len()?;
                let mut cells = Vec::with_capacity(n);
                for _ in 0..n {
                    cells.push(self.cell()?);
                }
                cells
            },
            text: if self.bool()? {
                Some(TextSpan {
                    line: self.uint()? as usize,
                    column: self.uint()? as usize,
                    sentence: self.string()?,
                    page: Some(self.uint()? as u32).filter(|p| *p > 0),
                    page_line: Some(self.uint()? as usize).filter(|l| *l > 0),
                })
            } else {
                None
            },
            // Places are filled in when the budget is checked, after the trip.
            places: Vec::new(),
        })
    }
}

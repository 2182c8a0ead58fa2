//! Rules about cells that could not be read as they should (found while reading, listed here so
//! the registry names every id a finding can carry).

use super::{Applies, Rule, Stage};
use crate::finding::{FindingKind, Severity};

/// GJ001 — a cell in an amount column that is not a number.
///
/// What it checks: every cell under an amount header reads as an amount (numbers, text with
/// separators, dashes or blanks for zero, parentheses for negatives, full-width digits).
/// Why it matters: a typo such as `352O739` (letter O) is not zero; reading it as zero would hide it.
/// Example: `表3!F12 “352O739”不是金额`.
pub const BAD_VALUE: Rule = Rule {
    id: "GJ001",
    kind: FindingKind::BadValue,
    severity: Severity::Error,
    relation: "tables §cells",
    stage: Stage::Reading,
    heuristic: false,
    applies: Applies::ALL,
    check: None,
    title: "金额单元格无法识别",
    title_en: "Unreadable amount",
    checks: "every cell in an amount column reads as an amount",
    why: "a typo is not a zero; the cell is left out and named",
    example: "“352O739”不是金额",
};

/// GJ002 — formulas whose saved result is missing.
///
/// What it checks: formula cells have saved values. Plain SUM ranges and `+`/`-` of cells are
/// evaluated by gouji (warning); others are left out (error).
/// Why it matters: a reader of saved values sees an empty cell where a total should be.
/// Example: `Sheet1!E12 = SUM(E5:E11)` without a value.
pub const FORMULA_WITHOUT_VALUE: Rule = Rule {
    id: "GJ002",
    kind: FindingKind::FormulaWithoutCachedValues,
    severity: Severity::Error,
    relation: "tables §formulas",
    stage: Stage::Reading,
    heuristic: false,
    applies: Applies::ALL,
    check: None,
    title: "公式没有保存计算结果",
    title_en: "Formulas without saved values",
    checks: "formula cells carry saved results; plain SUM and +/- are evaluated",
    why: "an unsaved formula reads as empty; gouji evaluates only what it cannot get wrong",
    example: "E12 = SUM(E5:E11)",
};

/// GJ003 — a table that does not state its unit.
///
/// What it checks: each table has a 单位 line (元/万元).
/// Why it matters: 元 and 万元 differ by 10,000; gouji never assumes a unit.
/// Example: `部门收入预算总表 没有写明金额单位`.
pub const MISSING_UNIT: Rule = Rule {
    id: "GJ003",
    kind: FindingKind::MissingUnit,
    severity: Severity::Warning,
    relation: "tables §units",
    stage: Stage::Reading,
    heuristic: false,
    applies: Applies::ALL,
    check: None,
    title: "未写明金额单位",
    title_en: "Unit not stated",
    checks: "each table states 元 or 万元",
    why: "a unit assumed is a 10,000-fold error waiting",
    example: "收入总表没有写明金额单位",
};

/// GJ004 — a table whose title and header were found but whose rows could not be read.
///
/// What it checks: a recognised table has data rows, a 合计 row, or a note that it is empty.
/// Why it matters: an unread table would otherwise pass every check by having nothing to check.
/// Example: `找到了“部门收入预算总表”的标题和表头，但没有读到任何数据行`.
pub const UNREAD_TABLE: Rule = Rule {
    id: "GJ004",
    kind: FindingKind::Structure,
    severity: Severity::Warning,
    relation: "tables §empty tables",
    stage: Stage::Reading,
    heuristic: false,
    applies: Applies::ALL,
    check: None,
    title: "表格没有读到数据行",
    title_en: "Table found without rows",
    checks: "a recognised table has rows, a 合计 row, or a note that it is empty",
    why: "a table read as nothing would pass every check",
    example: "部门收入预算总表：没有读到任何数据行",
};

/// GJ005 — a code printed wrong.
///
/// What it checks: each code of a coded table reads as a 类/款/项 code. A 类 printed too short
/// or too long (`7 | 11 | 02`) whose 款 is that of the row above is read as the code the rows
/// around it make (`2101102`), and said; anything less certain is left unread.
/// Why it matters: a misprinted code makes the row vanish from every comparison by code; the
/// published 普陀区社会福利院 2024 budget prints 事业单位医疗 as `7 11 02` in two tables.
/// Example: `科目编码印为“7 11 02”，按上下行应为 2101102`.
pub const MALFORMED_CODE: Rule = Rule {
    id: "GJ005",
    kind: FindingKind::Structure,
    severity: Severity::Warning,
    relation: "tables §codes",
    stage: Stage::Reading,
    heuristic: false,
    applies: Applies::ALL,
    check: None,
    title: "科目编码印错",
    title_en: "Code printed wrong",
    checks: "every code of a coded table is a 类/款/项 code; a misprinted 类 under its 款 is read as the rows around it make it",
    why: "a misprinted code drops the row from every comparison by code",
    example: "“7 11 02” → 2101102",
};

/// GJ006 — rows of copied text whose amounts cannot be put in their columns.
///
/// What it checks: in text copied out of a PDF without tabs, each data row has one amount per
/// column of its table (of its half). A row with fewer or more (blank cells dropped by the copy)
/// is kept without amounts, takes part in no check, and is listed here.
/// Why it matters: placing such amounts would be a guess, and a guess makes false alarms; the
/// PDF itself is read cell by cell.
/// Example: `“部门支出预算总表”有 12 行的金额无法确定所在的列`.
pub const UNPLACED_ROWS: Rule = Rule {
    id: "GJ006",
    kind: FindingKind::Structure,
    severity: Severity::Warning,
    relation: "tables §page layout",
    stage: Stage::Reading,
    heuristic: false,
    applies: Applies::ALL,
    check: None,
    title: "复制文字中的行无法定位到列",
    title_en: "Copied rows that cannot be placed",
    checks: "each row of copied text has one amount per column; others are listed and left out",
    why: "placing them would be a guess; the PDF itself is read cell by cell",
    example: "支出总表有 12 行的金额无法确定所在的列",
};

/// GJ007 — a table with amounts that also says it is empty.
///
/// What it checks: a table whose rows hold amounts carries no note such as 本表为空表 / 无数据.
/// Why it matters: either the note or the amounts are wrong; a reader cannot tell which.
/// Example: `万里街道 2024 三公经费表：有数据，却又注明“本单位无三公经费，故本表为空表”`.
pub const EMPTY_NOTE_WITH_DATA: Rule = Rule {
    id: "GJ007",
    kind: FindingKind::Structure,
    severity: Severity::Error,
    relation: "relations §C2",
    stage: Stage::Reading,
    heuristic: false,
    applies: Applies::ALL,
    check: None,
    title: "有数据的表注明为空表",
    title_en: "Table with amounts says it is empty",
    checks: "a table with amounts carries no 空表 / 无数据 note",
    why: "the note or the amounts are wrong, and the reader cannot tell which",
    example: "三公经费表有数据，又注明本表为空表",
};

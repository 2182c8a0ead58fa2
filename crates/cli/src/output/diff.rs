//! `gouji diff`: two years of a budget, amount by amount, as text (grouped by table, changed
//! amounts only unless `--all`), JSON or CSV (every amount).
//!
//! ```json
//! {"old_path":"2020.xlsx","new_path":"2021.xlsx",
//!  "comparisons":[{"unit_name":"…","old_year":2020,"new_year":2021,"only_old":[],"only_new":[],"skipped":[],"changed":411}],
//!  "unpaired_old":[],"unpaired_new":[],
//!  "rows":[{"unit_name":"…","table":"expenditure","code":"2050802","name":"干部教育","old_name":null,"half":"whole",
//!           "column":"合计","role":"total","old":"…","new":"…","delta":"…","pct":"…","status":"both",
//!           "unit":"元","old_cell":"表3!E7","new_cell":"表3!E7"}]}
//! ```
//! Amounts are decimal strings in the tables' unit (元 when both years are in 元; the coarser
//! unit, the finer year rounded to its places, when they differ). `pct` is in percent.

use std::io::{self, Write};

use gouji_core::amount::format_grouped;
use gouji_core::model::{Budget, Half, TableKind};
use gouji_core::yoy::SkippedTable;
use gouji_core::{compare_years, ChangeRow, ChangeStatus, YearOverYear};
use rust_decimal::Decimal;
use serde::Serialize;

use super::{amount, Paint};
use crate::args::{DiffArgs, Format, Lang, Sort};

/// One unit's two years.
pub struct Pair {
    pub unit_name: Option<String>,
    pub yoy: YearOverYear,
}

/// Every unit found in both submissions, compared; units found in one only.
pub struct Diffs {
    pub pairs: Vec<Pair>,
    pub unpaired_old: Vec<Option<String>>,
    pub unpaired_new: Vec<Option<String>>,
}

/// Pairs the budgets of two submissions: the one with the one, else by unit name.
pub fn pair(old: &[Budget], new: &[Budget]) -> Diffs {
    if old.len() == 1 && new.len() == 1 {
        let unit_name = new[0].unit_name.clone().or_else(|| old[0].unit_name.clone());
        return Diffs {
            pairs: vec![Pair { unit_name, yoy: compare_years(&old[0], &new[0]) }],
            unpaired_old: Vec::new(),
            unpaired_new: Vec::new(),
        };
    }
    let mut pairs = Vec::new();
    let mut unpaired_new = Vec::new();
    let mut used = vec![false; old.len()];
    for n in new {
        match old.iter().enumerate().position(|(i, o)| !used[i] && o.unit_name.is_some() && o.unit_name == n.unit_name) {
            Some(i) => {
                used[i] = true;
                pairs.push(Pair { unit_name: n.unit_name.clone(), yoy: compare_years(&old[i], n) });
            }
            None => unpaired_new.push(n.unit_name.clone()),
        }
    }
    let unpaired_old = old.iter().zip(&used).filter(|(_, u)| !**u).map(|(o, _)| o.unit_name.clone()).collect();
    Diffs { pairs, unpaired_old, unpaired_new }
}

/// The rows in output order: by table, then as the tables list them or largest change first.
fn ordered(yoy: &YearOverYear, sort: Sort) -> Vec<&ChangeRow> {
    let mut rows: Vec<&ChangeRow> = yoy.rows.iter().collect();
    if sort == Sort::Size {
        let order = |k: TableKind| TableKind::ALL.iter().position(|x| *x == k).unwrap_or(usize::MAX);
        // Stable: equal changes keep the tables' order.
        rows.sort_by(|a, b| order(a.table).cmp(&order(b.table)).then_with(|| b.delta.map(|d| d.abs()).cmp(&a.delta.map(|d| d.abs()))));
    }
    rows
}

pub fn write(out: &mut impl Write, a: &DiffArgs, old_path: &str, new_path: &str, d: &Diffs) -> io::Result<()> {
    match a.format {
        Format::Json => json(out, a.sort, old_path, new_path, d),
        Format::Csv => csv_rows(out, a.sort, d),
        Format::Text => text(out, a, old_path, new_path, d, Paint::new(a.display.color)),
    }
}

#[derive(Serialize)]
struct RowJson<'a> {
    unit_name: Option<&'a str>,
    table: &'static str,
    code: Option<&'a str>,
    name: &'a str,
    old_name: Option<&'a str>,
    half: &'static str,
    /// The column's standard name (合计, 基本支出, …).
    column: &'static str,
    role: String,
    old: Option<String>,
    new: Option<String>,
    delta: Option<String>,
    pct: Option<String>,
    status: &'static str,
    unit: Option<&'static str>,
    old_cell: Option<String>,
    new_cell: Option<String>,
}

fn half(h: Half) -> &'static str {
    match h {
        Half::Whole => "whole",
        Half::Income => "income",
        Half::Expenditure => "expenditure",
    }
}

fn row_json<'a>(unit_name: Option<&'a str>, r: &'a ChangeRow) -> RowJson<'a> {
    RowJson {
        unit_name,
        table: r.table.id(),
        code: r.code.as_deref(),
        name: &r.name,
        old_name: r.old_name.as_deref(),
        half: half(r.half),
        column: r.column_zh,
        role: serde_json::to_value(r.column).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default(),
        old: amount(r.old),
        new: amount(r.new),
        delta: amount(r.delta),
        pct: amount(r.pct),
        status: r.status.as_str(),
        unit: r.unit.map(|u| u.label()),
        old_cell: r.old_cell.as_ref().map(ToString::to_string),
        new_cell: r.new_cell.as_ref().map(ToString::to_string),
    }
}

fn json(out: &mut impl Write, sort: Sort, old_path: &str, new_path: &str, d: &Diffs) -> io::Result<()> {
    #[derive(Serialize)]
    struct Comparison<'a> {
        unit_name: Option<&'a str>,
        old_year: Option<i32>,
        new_year: Option<i32>,
        only_old: Vec<&'static str>,
        only_new: Vec<&'static str>,
        skipped: &'a [SkippedTable],
        changed: usize,
    }
    #[derive(Serialize)]
    struct Document<'a> {
        old_path: &'a str,
        new_path: &'a str,
        comparisons: Vec<Comparison<'a>>,
        unpaired_old: &'a [Option<String>],
        unpaired_new: &'a [Option<String>],
        rows: Vec<RowJson<'a>>,
    }
    let doc = Document {
        old_path,
        new_path,
        comparisons: d
            .pairs
            .iter()
            .map(|p| Comparison {
                unit_name: p.unit_name.as_deref(),
                old_year: p.yoy.old_year,
                new_year: p.yoy.new_year,
                only_old: p.yoy.only_old.iter().map(|k| k.id()).collect(),
                only_new: p.yoy.only_new.iter().map(|k| k.id()).collect(),
                skipped: &p.yoy.skipped,
                changed: p.yoy.changed().count(),
            })
            .collect(),
        unpaired_old: &d.unpaired_old,
        unpaired_new: &d.unpaired_new,
        rows: d.pairs.iter().flat_map(|p| ordered(&p.yoy, sort).into_iter().map(|r| row_json(p.unit_name.as_deref(), r))).collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}

const HEADER: [&str; 15] = [
    "unit_name",
    "table",
    "code",
    "name",
    "old_name",
    "half",
    "column",
    "old",
    "new",
    "delta",
    "pct",
    "status",
    "unit",
    "old_cell",
    "new_cell",
];

fn csv_rows(out: &mut impl Write, sort: Sort, d: &Diffs) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(HEADER).map_err(io_error)?;
    for p in &d.pairs {
        for r in ordered(&p.yoy, sort) {
            let j = row_json(p.unit_name.as_deref(), r);
            w.write_record([
                j.unit_name.unwrap_or(""),
                j.table,
                j.code.unwrap_or(""),
                j.name,
                j.old_name.unwrap_or(""),
                j.half,
                j.column,
                &j.old.unwrap_or_default(),
                &j.new.unwrap_or_default(),
                &j.delta.unwrap_or_default(),
                &j.pct.unwrap_or_default(),
                j.status,
                j.unit.unwrap_or(""),
                &j.old_cell.unwrap_or_default(),
                &j.new_cell.unwrap_or_default(),
            ])
            .map_err(io_error)?;
        }
    }
    w.flush()
}

/// The I/O error inside a CSV error (a closed pipe stays a closed pipe, for the exit status).
fn io_error(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// `35,123,456`, `-0.80`: grouped, with the places the amounts are written with.
fn shown(d: Option<Decimal>, dp: u32) -> String {
    d.map_or_else(|| "—".into(), |d| format_grouped(d, dp))
}

fn signed(d: Option<Decimal>, dp: u32) -> String {
    match d {
        Some(d) if d.is_sign_positive() && !d.is_zero() => format!("+{}", format_grouped(d, dp)),
        other => shown(other, dp),
    }
}

fn status_tag(r: &ChangeRow, lang: Lang) -> String {
    match (r.status, lang) {
        (ChangeStatus::Both, _) => String::new(),
        (ChangeStatus::New, Lang::Zh) => " [新增]".into(),
        (ChangeStatus::New, Lang::En) => " [new]".into(),
        (ChangeStatus::Removed, Lang::Zh) => " [已删除]".into(),
        (ChangeStatus::Removed, Lang::En) => " [removed]".into(),
        (ChangeStatus::Renamed, Lang::Zh) => format!(" [原名：{}]", r.old_name.as_deref().unwrap_or("")),
        (ChangeStatus::Renamed, Lang::En) => format!(" [was: {}]", r.old_name.as_deref().unwrap_or("")),
    }
}

fn year(y: Option<i32>, lang: Lang) -> String {
    match (y, lang) {
        (Some(y), Lang::Zh) => format!("{y}年"),
        (Some(y), Lang::En) => y.to_string(),
        (None, Lang::Zh) => "（年份未知）".into(),
        (None, Lang::En) => "(year unknown)".into(),
    }
}

fn text(out: &mut impl Write, a: &DiffArgs, old_path: &str, new_path: &str, d: &Diffs, p: Paint) -> io::Result<()> {
    let lang = a.display.lang;
    for (i, pair) in d.pairs.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        let y = &pair.yoy;
        let unit = pair.unit_name.as_deref().unwrap_or(lang.pick("（单位名称未知）", "(unit not named)"));
        writeln!(out, "{}", p.bold(&format!("{unit}: {} → {}", year(y.old_year, lang), year(y.new_year, lang))))?;
        writeln!(out, "  {}", p.dim(&format!("{old_path} → {new_path}")))?;
        let rows = ordered(y, a.sort);
        for kind in TableKind::ALL {
            let of: Vec<&&ChangeRow> = rows.iter().filter(|r| r.table == kind).collect();
            if of.is_empty() {
                continue;
            }
            let shown_rows: Vec<&&ChangeRow> =
                of.iter().copied().filter(|r| a.all || r.status != ChangeStatus::Both || r.delta.is_none_or(|d| !d.is_zero())).collect();
            let unit = of[0]
                .unit
                .map_or(lang.pick("单位未写明", "unit not stated").to_string(), |u| lang.pick(u.label(), u.label_en()).to_string());
            let count = match lang {
                Lang::Zh => format!(
                    "{} 项中 {} 项有变动",
                    of.len(),
                    of.iter().filter(|r| r.status != ChangeStatus::Both || r.delta.is_none_or(|d| !d.is_zero())).count()
                ),
                Lang::En => format!(
                    "{} of {} amounts changed",
                    of.iter().filter(|r| r.status != ChangeStatus::Both || r.delta.is_none_or(|d| !d.is_zero())).count(),
                    of.len()
                ),
            };
            writeln!(out)?;
            writeln!(out, "  {}  {}", p.bold(&format!("{}（{unit}）", lang.pick(kind.name_zh(), kind.name_en()))), p.dim(&count))?;
            let dp = of.iter().flat_map(|r| [r.old, r.new]).flatten().map(|v| v.scale()).max().unwrap_or(0).min(4);
            for r in shown_rows {
                let code = r.code.as_deref().map(|c| format!("{c} ")).unwrap_or_default();
                let column = lang.pick(r.column_zh, r.column.name_en());
                let pct = r.pct.map(|v| format!(", {}%", signed(Some(v), 2))).unwrap_or_default();
                let change = format!("({}{pct})", signed(r.delta, dp));
                let change = match r.delta {
                    Some(d) if d.is_sign_negative() && !d.is_zero() => p.red(&change),
                    Some(d) if !d.is_zero() => p.green(&change),
                    _ => p.dim(&change),
                };
                writeln!(
                    out,
                    "    {code}{}{} · {column}: {} → {}  {change}",
                    r.name.trim(),
                    status_tag(r, lang),
                    shown(r.old, dp),
                    shown(r.new, dp)
                )?;
            }
        }
        for (kinds, zh, en) in
            [(&y.only_old, "只在前一年", "only in the earlier year"), (&y.only_new, "只在后一年", "only in the later year")]
        {
            if !kinds.is_empty() {
                let names: Vec<&str> = kinds.iter().map(|k| lang.pick(k.name_zh(), k.name_en())).collect();
                writeln!(out, "  {}: {}", lang.pick(zh, en), names.join(lang.pick("、", ", ")))?;
            }
        }
        for s in &y.skipped {
            writeln!(
                out,
                "  {} {}: {}",
                p.yellow(lang.pick("未比较", "not compared")),
                lang.pick(s.table.name_zh(), s.table.name_en()),
                lang.pick(&s.reason, &s.reason_en)
            )?;
        }
        writeln!(out)?;
        let changed = y.changed().count();
        let line = match lang {
            Lang::Zh => format!("共比较 {} 个金额，{} 个有变动", y.rows.len(), changed),
            Lang::En => format!("{} amounts compared, {} changed", y.rows.len(), changed),
        };
        writeln!(out, "  {}", p.bold(&line))?;
    }
    for (names, zh, en) in [
        (&d.unpaired_old, "前一年中未配对的单位", "units only in the earlier submission"),
        (&d.unpaired_new, "后一年中未配对的单位", "units only in the later submission"),
    ] {
        if !names.is_empty() {
            let names: Vec<&str> = names.iter().map(|n| n.as_deref().unwrap_or("?")).collect();
            writeln!(out, "{}: {}", lang.pick(zh, en), names.join(lang.pick("、", ", ")))?;
        }
    }
    Ok(())
}

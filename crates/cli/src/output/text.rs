//! Text for people: grouped by budget, then by table; Chinese unless `--lang en`.

use std::io::{self, Write};

use gouji_core::{BudgetReport, ClaimVerdict, Finding, Severity, Table, Verdict};

use super::{BatchTotals, Paint};
use crate::args::Lang;
use crate::input::{InputError, Submission, Tally};

/// At most this many cells are listed under a finding (JSON and CSV list them all).
const MAX_CELLS: usize = 12;

pub fn findings(out: &mut impl Write, subs: &[Submission], lang: Lang, p: Paint) -> io::Result<()> {
    let mut first = true;
    for s in subs {
        match &s.outcome {
            Err(e) => {
                gap(out, &mut first)?;
                writeln!(out, "{}", p.bold(&s.path))?;
                unreadable_line(out, e, lang, p)?;
            }
            Ok(reports) => {
                for r in reports {
                    gap(out, &mut first)?;
                    budget(out, &s.path, r, lang, p)?;
                }
            }
        }
    }
    let tally = Tally::of(subs);
    if tally.budgets + tally.unreadable > 1 {
        writeln!(out)?;
        writeln!(out, "{}", p.bold(&grand_total(&tally, lang)))?;
    }
    Ok(())
}

fn gap(out: &mut impl Write, first: &mut bool) -> io::Result<()> {
    if !std::mem::take(first) {
        writeln!(out)?;
    }
    Ok(())
}

fn unreadable_line(out: &mut impl Write, e: &InputError, lang: Lang, p: Paint) -> io::Result<()> {
    let message = lang.pick(&e.message_zh, &e.message_en);
    writeln!(out, "  {} [{}] {message}", p.red(lang.pick("无法读取", "cannot read")), e.kind)
}

fn budget(out: &mut impl Write, path: &str, r: &BudgetReport, lang: Lang, p: Paint) -> io::Result<()> {
    let b = &r.budget;
    writeln!(out, "{}", p.bold(&format!("{path} — {}", unit_and_year(r, lang))))?;
    let what = match (b.kind, b.family) {
        (gouji_core::model::DocKind::FinalAccounts, _) => lang.pick("（部门决算）", " (final accounts)").to_string(),
        (gouji_core::model::DocKind::Budget, Some(f)) => {
            lang.pick(&format!("（部门预算 · {}）", f.name_zh()), &format!(" (budget, {})", f.name_en())).to_string()
        }
        (gouji_core::model::DocKind::Budget, None) => String::new(),
    };
    writeln!(
        out,
        "  {}",
        lang.pick(&format!("找到 {} 张表{what}：", b.tables.len()), &format!("{} table(s) found{what}:", b.tables.len()))
    )?;
    for t in &b.tables {
        writeln!(out, "    {}", p.dim(&table_line(t, b.kind, b.family, lang)))?;
    }

    // Findings by table, in the order the tables were found; findings of no table (or of a
    // table not in this budget) last.
    let mut groups: Vec<(Option<&Table>, Vec<&Finding>)> = Vec::new();
    for t in &b.tables {
        let of: Vec<&Finding> = r.findings.iter().filter(|f| f.table == Some(t.kind)).collect();
        if !of.is_empty() {
            groups.push((Some(t), of));
        }
    }
    let rest: Vec<&Finding> = r.findings.iter().filter(|f| f.table.is_none_or(|k| b.table(k).is_none())).collect();
    if !rest.is_empty() {
        groups.push((None, rest));
    }
    for (table, fs) in groups {
        writeln!(out)?;
        let heading = match table {
            Some(t) => format!("{}  {}", p.bold(lang.pick(t.kind.name_for(b.kind, b.family), t.kind.name_en())), p.dim(&table_at(t, lang))),
            None => p.bold(lang.pick("（不属于某张表）", "(not tied to one table)")),
        };
        writeln!(out, "  {heading}")?;
        for f in fs {
            finding(out, f, lang, p)?;
        }
    }

    if !r.claims.is_empty() {
        claims(out, &r.claims, lang, p)?;
    }

    writeln!(out)?;
    let counts = counts(r.count(Severity::Error), r.count(Severity::Warning), r.count(Severity::Info), lang);
    let verdict = if r.count(Severity::Error) > 0 { p.red(&counts) } else { p.green(&counts) };
    writeln!(out, "  {verdict}")?;
    // Findings that share a cell and a difference: one probable cause each.
    let causes = gouji_core::causes::causes(&r.findings);
    if !causes.is_empty() {
        let grouped: usize = causes.iter().map(|c| c.findings.len()).sum();
        writeln!(
            out,
            "  {}",
            lang.pick(
                &format!("可能的共同原因 {} 个（涉及 {grouped} 条问题）：", causes.len()),
                &format!("{} probable cause(s) (behind {grouped} findings):", causes.len())
            )
        )?;
        for c in &causes {
            let rules: Vec<&str> = c.findings.iter().map(|&i| r.findings[i].rule.id()).collect();
            let line = match lang {
                Lang::Zh => {
                    format!("差额 {} 元出现在 {} 条关系中（{}），可能源于 {}", c.difference, c.findings.len(), rules.join("、"), c.cell)
                }
                Lang::En => format!(
                    "a difference of {} yuan in {} relations ({}), probably from {}",
                    c.difference,
                    c.findings.len(),
                    rules.join(", "),
                    c.cell
                ),
            };
            writeln!(out, "    {line}")?;
        }
    }
    if !r.not_checked.is_empty() {
        writeln!(
            out,
            "  {}",
            lang.pick(&format!("未核对 {} 项：", r.not_checked.len()), &format!("{} relation(s) not checked:", r.not_checked.len()))
        )?;
        for n in &r.not_checked {
            writeln!(out, "    {}  {}", p.dim(n.rule.id()), lang.pick(&n.reason, &n.reason_en))?;
        }
    }
    Ok(())
}

fn unit_and_year(r: &BudgetReport, lang: Lang) -> String {
    let name = r.budget.unit_name.as_deref().unwrap_or(lang.pick("（单位名称未知）", "(unit not named)"));
    match r.budget.year {
        Some(y) => lang.pick(&format!("{name} {y} 年"), &format!("{name}, {y}")).to_string(),
        None => name.to_string(),
    }
}

/// `部门收入预算总表  表2!A1  元`.
fn table_line(t: &Table, doc: gouji_core::model::DocKind, family: Option<gouji_core::model::Family>, lang: Lang) -> String {
    let unit = match t.unit {
        Some(u) => lang.pick(u.label(), u.label_en()).to_string(),
        None => lang.pick("单位未写明", "unit not stated").to_string(),
    };
    let empty = if t.empty { lang.pick("  （空表）", "  (empty)") } else { "" };
    format!("{}  {}  {unit}{empty}", lang.pick(t.kind.name_for(doc, family), t.kind.name_en()), table_at(t, lang))
}

/// Where a table is: a PDF's pages, as a person holding the printout finds it; a sheet's title cell.
fn table_at(t: &Table, lang: Lang) -> String {
    match (t.pages(), lang) {
        (Some((a, b)), Lang::Zh) if a == b => format!("第 {a} 页"),
        (Some((a, b)), Lang::Zh) => format!("第 {a}–{b} 页"),
        (Some((a, b)), Lang::En) if a == b => format!("page {a}"),
        (Some((a, b)), Lang::En) => format!("pages {a}–{b}"),
        (None, _) => t.title_cell.to_string(),
    }
}

fn finding(out: &mut impl Write, f: &Finding, lang: Lang, p: Paint) -> io::Result<()> {
    let label = severity(f.severity, lang);
    // Pad before painting so the escape codes do not upset the alignment.
    let padded = format!("{label:<width$}", width = if lang == Lang::Zh { 4 } else { 7 });
    let sev = match f.severity {
        Severity::Error => p.red(&padded),
        Severity::Warning => p.yellow(&padded),
        Severity::Info => p.cyan(&padded),
    };
    writeln!(out, "    {sev} {}  {}", p.bold(f.rule.id()), lang.pick(&f.message, &f.message_en))?;
    if !f.cells.is_empty() {
        let shown: Vec<String> = f.cells.iter().take(MAX_CELLS).map(ToString::to_string).collect();
        let more = f.cells.len().saturating_sub(MAX_CELLS);
        let tail = match (more, lang) {
            (0, _) => String::new(),
            (n, Lang::Zh) => format!(" 等，另有 {n} 个"),
            (n, Lang::En) => format!(" and {n} more"),
        };
        let label = lang.pick("单元格：", "cells: ");
        writeln!(out, "         {}", p.dim(&format!("{label}{}{tail}", shown.join(", "))))?;
    }
    // A PDF's cells: the page a person holding the printout turns to.
    if let Some(first) = f.places.first() {
        let mut others: Vec<u32> = f.places.iter().map(|p| p.page).filter(|p| *p != first.page).collect();
        others.sort_unstable();
        others.dedup();
        let list = others.iter().map(u32::to_string).collect::<Vec<_>>().join("、");
        let [x0, top, x1, bottom] = first.bbox;
        let at = match (lang, others.is_empty()) {
            (Lang::Zh, true) => format!("PDF 第 {} 页（x {x0:.0}–{x1:.0}、y {top:.0}–{bottom:.0} 点）", first.page),
            (Lang::Zh, false) => format!("PDF 第 {} 页（x {x0:.0}–{x1:.0}、y {top:.0}–{bottom:.0} 点），另见第 {list} 页", first.page),
            (Lang::En, true) => format!("PDF page {} (x {x0:.0}–{x1:.0}, y {top:.0}–{bottom:.0} pt)", first.page),
            (Lang::En, false) => format!("PDF page {} (x {x0:.0}–{x1:.0}, y {top:.0}–{bottom:.0} pt), also page {list}", first.page),
        };
        writeln!(out, "         {}", p.dim(&at))?;
    }
    if let Some(t) = &f.text {
        let place = match (lang, t.page.zip(t.page_line)) {
            (Lang::Zh, Some((page, on))) => {
                format!("PDF {}（说明文字第 {} 行第 {} 列）", gouji_core::narrative::page_line(page, on, true), t.line, t.column)
            }
            (Lang::En, Some((page, on))) => {
                format!("PDF {} (text line {}, column {})", gouji_core::narrative::page_line(page, on, false), t.line, t.column)
            }
            (Lang::Zh, None) => format!("说明文字第 {} 行第 {} 列", t.line, t.column),
            (Lang::En, None) => format!("text line {}, column {}", t.line, t.column),
        };
        writeln!(out, "         {}", p.dim(&place))?;
    }
    Ok(())
}

/// At most this many characters of a claim's sentence are shown.
const MAX_SENTENCE: usize = 80;

/// The narrative text's claims, each with its verdict and sentence.
fn claims(out: &mut impl Write, claims: &[ClaimVerdict], lang: Lang, p: Paint) -> io::Result<()> {
    let agree = claims.iter().filter(|c| c.agrees()).count();
    let disagree = claims.iter().filter(|c| c.disagrees()).count();
    let cannot = claims.len() - agree - disagree;
    writeln!(out)?;
    let heading = match lang {
        Lang::Zh => format!("说明文字：{} 处，{agree} 处一致，{disagree} 处不一致，{cannot} 处无法核对", claims.len()),
        Lang::En => format!("Narrative text: {} claim(s), {agree} agree, {disagree} disagree, {cannot} cannot be checked", claims.len()),
    };
    writeln!(out, "  {}", p.bold(&heading))?;
    for c in claims {
        let mark = match c.verdict {
            Verdict::Agrees => p.green("✓"),
            Verdict::Disagrees { .. } => p.red("✗"),
            Verdict::CannotCheck { .. } => p.yellow("?"),
        };
        let place = match c.claim.page {
            Some((page, on)) => format!("p{page}.{on}:{}", c.claim.column),
            None => format!("{}:{}", c.claim.line, c.claim.column),
        };
        writeln!(out, "    {mark} {:<9} {}  {}", place, p.bold(c.rule.id()), lang.pick(&c.message, &c.message_en))?;
        let n = c.claim.sentence.chars().count();
        let mut sentence: String = c.claim.sentence.chars().take(MAX_SENTENCE).collect();
        if n > MAX_SENTENCE {
            sentence.push('…');
        }
        writeln!(out, "                {}", p.dim(&format!("「{sentence}」")))?;
    }
    Ok(())
}

fn severity(s: Severity, lang: Lang) -> &'static str {
    match (s, lang) {
        (Severity::Error, Lang::Zh) => "错误",
        (Severity::Warning, Lang::Zh) => "警告",
        (Severity::Info, Lang::Zh) => "提示",
        (s, Lang::En) => s.as_str(),
    }
}

fn counts(errors: usize, warnings: usize, infos: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{errors} 个错误，{warnings} 个警告，{infos} 条提示"),
        Lang::En => format!("{errors} error(s), {warnings} warning(s), {infos} info"),
    }
}

fn grand_total(t: &Tally, lang: Lang) -> String {
    let c = counts(t.errors, t.warnings, t.infos, lang);
    match lang {
        Lang::Zh => format!("合计：{} 份预算，{} 份无法读取；{c}", t.budgets, t.unreadable),
        Lang::En => format!("Total: {} budget(s), {} unreadable; {c}", t.budgets, t.unreadable),
    }
}

/// `gouji batch`: one line per file, then the totals.
pub fn batch_summary(out: &mut impl Write, subs: &[Submission], totals: &BatchTotals, lang: Lang, p: Paint) -> io::Result<()> {
    for s in subs {
        match &s.outcome {
            Err(e) => {
                let msg = lang.pick(&e.message_zh, &e.message_en);
                writeln!(out, "{}  {}  {} [{}] {msg}", p.red("✗"), s.path, p.red(lang.pick("无法读取", "cannot read")), e.kind)?;
            }
            Ok(reports) => {
                let units: Vec<String> = reports.iter().map(|r| unit_and_year(r, lang)).collect();
                let tables: usize = reports.iter().map(|r| r.budget.tables.len()).sum();
                let mut t = Tally::default();
                reports.iter().for_each(|r| t.add(r));
                let mark = if t.errors > 0 { p.red("✗") } else { p.green("✓") };
                let counts = match lang {
                    Lang::Zh => format!("{tables} 张表  {} 个错误  {} 个警告", t.errors, t.warnings),
                    Lang::En => format!("{tables} table(s)  {} error(s)  {} warning(s)", t.errors, t.warnings),
                };
                writeln!(out, "{mark}  {}  {}  {counts}", s.path, units.join(lang.pick("；", "; ")))?;
            }
        }
    }
    let t = &totals.tally;
    let secs = totals.elapsed.as_secs_f64();
    let rate = totals.budgets_per_second();
    let line = match lang {
        Lang::Zh => format!(
            "共 {} 个文件：{} 份预算，{} 个无法读取；{} 个错误，{} 个警告，{} 条提示；用时 {secs:.2} 秒，每秒 {rate:.1} 份预算",
            t.submissions, t.budgets, t.unreadable, t.errors, t.warnings, t.infos
        ),
        Lang::En => format!(
            "{} file(s): {} budget(s), {} unreadable; {} error(s), {} warning(s), {} info; {secs:.2} s, {rate:.1} budgets/s",
            t.submissions, t.budgets, t.unreadable, t.errors, t.warnings, t.infos
        ),
    };
    writeln!(out, "{}", p.bold(&line))
}

/// The registry for people.
pub fn rules(out: &mut impl Write, lang: Lang, p: Paint) -> io::Result<()> {
    for r in gouji_core::rules::REGISTRY {
        let sev = format!("{:<7}", r.severity.as_str());
        let sev = match r.severity {
            Severity::Error => p.red(&sev),
            Severity::Warning => p.yellow(&sev),
            Severity::Info => p.cyan(&sev),
        };
        writeln!(out, "{}  {sev}  {}  {}", p.bold(r.id), lang.pick(r.title, r.title_en), p.dim(&format!("[{}]", r.kind.as_str())))?;
        writeln!(out, "       {}", r.checks)?;
        writeln!(out, "       {}", p.dim(&format!("{} · {} · {} · {}", r.why, r.stage.as_str(), r.applies.describe(), r.relation)))?;
    }
    Ok(())
}

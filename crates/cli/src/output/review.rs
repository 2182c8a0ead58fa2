//! The 检查表 as text (the workbook is `gouji_core::review::xlsx`).

use std::io::{self, Write};

use gouji_core::review::{Answer, Checklist};

use crate::args::Lang;

fn answer(a: Answer, lang: Lang) -> &'static str {
    lang.pick(a.zh(), a.en())
}

/// `检查表 — FILE`, then each item with its answer and evidence.
pub fn text(out: &mut impl Write, file: &str, list: &Checklist, lang: Lang) -> io::Result<()> {
    writeln!(out, "{} — {file}", list.title)?;
    writeln!(out, "  {}: {}", list.unit_label, list.unit.as_deref().unwrap_or("—"))?;
    for item in &list.items {
        writeln!(out, "  {:<6} {}", answer(item.answer, lang), lang.pick(&item.name, &item.name_en))?;
        for line in item.evidence_lines(lang == Lang::Zh) {
            writeln!(out, "           {line}")?;
        }
    }
    writeln!(
        out,
        "  {}\n",
        match lang {
            Lang::Zh =>
                format!("是 {}，否 {}，待人工判断 {}", list.count(Answer::Yes), list.count(Answer::No), list.count(Answer::ForReviewer)),
            Lang::En => format!(
                "yes {}, no {}, for the reviewer {}",
                list.count(Answer::Yes),
                list.count(Answer::No),
                list.count(Answer::ForReviewer)
            ),
        }
    )
}

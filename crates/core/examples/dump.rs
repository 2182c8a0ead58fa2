//! Prints what gouji recognises in a file: `cargo run -p gouji-core --example dump -- FILE...`
//! (`-- --text FILE...`: the narrative text it reads; `-- --grid FILE`: the cells).
use gouji_core::{analyse, InputFile, Limits};

fn main() {
    let mut paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.first().map(String::as_str) == Some("--text") {
        paths.remove(0);
        let bytes: Vec<Vec<u8>> = paths.iter().map(|p| std::fs::read(p).expect("readable file")).collect();
        let files: Vec<InputFile<'_>> = paths.iter().zip(&bytes).map(|(p, b)| InputFile { name: p, bytes: b }).collect();
        match analyse(&files, &Limits::default()) {
            Ok(a) => println!("{}", a.text.unwrap_or_default()),
            Err(e) => println!("ERROR {}: {}", e.kind(), e.message_zh()),
        }
        return;
    }
    if paths.first().map(String::as_str) == Some("--grid") {
        paths.remove(0);
        return paths.iter().for_each(|p| grids(p));
    }
    let bytes: Vec<Vec<u8>> = paths.iter().map(|p| std::fs::read(p).expect("readable file")).collect();
    let files: Vec<InputFile<'_>> = paths.iter().zip(&bytes).map(|(p, b)| InputFile { name: p, bytes: b }).collect();
    match analyse(&files, &Limits::default()) {
        Err(e) => println!("ERROR {}: {}", e.kind(), e.message_zh()),
        Ok(a) => {
            for r in a.budgets {
                println!("== budget {:?} {:?}", r.budget.unit_name, r.budget.year);
                for t in &r.budget.tables {
                    println!(
                        "-- {} {} {:?} unit={:?} dec={} empty={} rows={}",
                        t.kind.id(),
                        t.title_cell,
                        t.title,
                        t.unit,
                        t.decimals,
                        t.empty,
                        t.rows.len()
                    );
                    for c in &t.columns {
                        println!("   col {} {:?} {:?} {:?}", gouji_core::cell::column_letters(c.col), c.role, c.half, c.header);
                    }
                    for row in &t.rows {
                        let amts: Vec<String> =
                            row.amounts.iter().map(|a| a.as_ref().map(|a| a.value.to_string()).unwrap_or("-".into())).collect();
                        println!(
                            "   {:>3} {:?} {:?} {:?} {}",
                            row.row + 1,
                            row.line,
                            row.code.as_ref().map(|c| c.0.clone()),
                            row.name,
                            amts.join(" | ")
                        );
                    }
                }
                for f in &r.findings {
                    println!(
                        "!! {} {:?} {:?} {} {:?}",
                        f.rule,
                        f.severity,
                        f.kind,
                        f.message,
                        f.cells.iter().map(|c| c.to_string()).collect::<Vec<_>>()
                    );
                }
            }
        }
    }
}

#[allow(dead_code)]
fn grids(path: &str) {
    let bytes = std::fs::read(path).unwrap();
    for g in gouji_core::read::read_grids(path, &bytes, &Limits::default()).unwrap() {
        println!("grid {} rows={} cols={} first=({},{})", g.name, g.row_count(), g.col_count(), g.first_row, g.first_col);
        for r in g.rows().take(12) {
            let t: Vec<String> = g.row(r).texts().map(|(c, t)| format!("{c}:{t}")).collect();
            println!("  {r}: {}", t.join(" | "));
        }
    }
}

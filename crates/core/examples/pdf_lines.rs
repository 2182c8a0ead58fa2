//! Prints how gouji lays out PDF pages: `cargo run -p gouji-core --example pdf_lines -- FILE [PAGE...]`.
//! Each page: its counts, and `hidden N (M not blank)` — the glyphs drawn off the page or
//! clipped away, with the first few that are not white space and where the first is; each line:
//! its top, its place (table region or free text), then `column:text` per cell.
use gouji_core::read::pdf::{layout, pages};
use gouji_core::Limits;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: pdf_lines FILE [PAGE...]");
        std::process::exit(2);
    };
    let wanted: Vec<u32> = args[1..].iter().filter_map(|a| a.parse().ok()).collect();
    let bytes = std::fs::read(path).expect("readable file");
    let pages = match pages(path, &bytes, &Limits::default()) {
        Ok(p) => p,
        Err(e) => return println!("ERROR {}: {}", e.kind(), e.message_zh()),
    };
    for page in pages.iter().filter(|p| wanted.is_empty() || wanted.contains(&p.number)) {
        let laid = layout::lay_out(page);
        println!(
            "== page {} ({} glyphs, {} segments, {} tables) hidden {} ({} not blank){}",
            page.number,
            page.glyphs.len(),
            page.segments.len(),
            laid.regions.len(),
            page.hidden.len(),
            printing(page).count(),
            hidden_from(page)
        );
        for r in &laid.regions {
            println!("   table {:?} columns {:?}", r.bbox, r.columns);
        }
        for l in &laid.lines {
            let cells: Vec<String> = l.cells.iter().map(|c| format!("{}:{}", c.col, c.text)).collect();
            println!("{:>6.1} {:?} {}", l.top, l.place, cells.join(" | "));
        }
    }
}

/// The hidden glyphs that are not white space.
fn printing(page: &layout::Page) -> impl Iterator<Item = &layout::Glyph> {
    page.hidden.iter().map(|&i| &page.glyphs[i]).filter(|g| !g.text.is_whitespace())
}

/// ` from “…” at (x, top)`: the first hidden glyphs that are not white space, and where the
/// first of them is.
fn hidden_from(page: &layout::Page) -> String {
    let Some(g) = printing(page).next() else { return String::new() };
    let text: String = printing(page).take(20).map(|g| g.text).collect();
    format!(" from “{text}” at ({:.1}, {:.1})", g.x0, g.top)
}

//! The page never links gouji-core: not by the linker stripping unused code, but because
//! gouji-core is not in the page's dependency graph at all. `cargo tree` over the page package
//! (for the browser target, normal dependencies) must name gouji-protocol and not gouji-core;
//! the worker's must name both (so the test would see the core were the page to take it).

use std::process::Command;

fn tree(package: &str) -> String {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "tree",
            "--offline",
            "--quiet",
            "-p",
            package,
            "--target",
            "wasm32-unknown-unknown",
            "--edges",
            "normal",
            "--prefix",
            "none",
        ])
        .output()
        .expect("cargo tree runs");
    assert!(out.status.success(), "cargo tree -p {package} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("cargo tree prints UTF-8")
}

fn names(tree: &str) -> Vec<&str> {
    tree.lines().filter_map(|l| l.split_whitespace().next()).collect()
}

#[test]
fn the_page_depends_on_the_protocol_and_never_on_the_core() {
    let page = tree("gouji-web");
    let page = names(&page);
    assert!(page.contains(&"gouji-protocol"), "the page's graph: {page:?}");
    assert!(page.contains(&"yew"), "the page's graph: {page:?}");
    assert!(!page.contains(&"gouji-core"), "gouji-core is in the page's dependency graph: {page:?}");
    assert!(!page.contains(&"calamine"), "a reader is in the page's dependency graph: {page:?}");

    let protocol = tree("gouji-protocol");
    assert!(!names(&protocol).contains(&"gouji-core"), "gouji-protocol depends on gouji-core");

    let worker = tree("gouji-worker");
    let worker = names(&worker);
    assert!(worker.contains(&"gouji-core") && worker.contains(&"gouji-protocol"), "the worker's graph: {worker:?}");
}

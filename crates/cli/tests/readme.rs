//! The README's rule table is generated from the registry; this fails when it is stale.
//! Regenerate with `./x docs`.

#[test]
fn readme_rule_table_matches_the_registry() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md")).expect("README.md");
    let start = readme.find("<!-- rules:start -->\n").expect("rules:start marker") + "<!-- rules:start -->\n".len();
    let end = readme.find("<!-- rules:end -->").expect("rules:end marker");
    assert_eq!(&readme[start..end], gouji_core::rules::markdown_table(), "README rule table is stale: run ./x docs");
}

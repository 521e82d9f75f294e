//! Every TOML block of every checked page loads (see `docs_check::toml_blocks`).

#[test]
fn every_configuration_block_of_the_pages_loads() {
    let problems: Vec<String> = docs_check::PAGES
        .iter()
        .flat_map(|(path, text)| docs_check::toml_blocks::check_page(path, text))
        .collect();
    assert!(
        problems.is_empty(),
        "TOML blocks that do not load (mark a piece of a Cargo.toml, or a part of a file that \
         cannot stand alone, ```toml,fragment):\n{}",
        problems.join("\n")
    );
}

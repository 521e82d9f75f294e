//! Part of the docs check: every relative link and image of the pages (`[text](path)`,
//! `![alt](path)`, outside code) leads to a file that exists — a chart embedded before
//! `cargo xtask bench --charts-into-docs` drew it, or a page renamed, fails here rather than
//! on GitHub.

use std::path::Path;

/// The relative link targets of `page` (its path from `root`) that lead nowhere.
pub fn broken(root: &Path, page: &str, text: &str) -> Vec<String> {
    let dir = Path::new(page).parent().unwrap_or(Path::new(""));
    targets(text)
        .into_iter()
        .filter(|target| !root.join(dir).join(target).exists())
        .map(|target| format!("{page}: the link `{target}` leads to no file"))
        .collect()
}

/// The relative paths (fragments and queries dropped) that `text` links to outside fenced
/// blocks and inline code; URLs with a scheme and bare `#fragment`s are not paths.
fn targets(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut fenced = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if fenced {
            continue;
        }
        let prose: String = line
            .split('`')
            .enumerate()
            .filter(|(index, _)| index % 2 == 0)
            .map(|(_, part)| part)
            .collect::<Vec<_>>()
            .join(" ");
        let mut rest = prose.as_str();
        while let Some(at) = rest.find("](") {
            rest = &rest[at + 2..];
            let end = rest.find(')').unwrap_or(rest.len());
            let target = rest[..end].split_whitespace().next().unwrap_or("");
            let path = target.split(['#', '?']).next().unwrap_or("");
            let scheme = path
                .split_once(':')
                .is_some_and(|(head, _)| !head.contains('/'));
            if !path.is_empty() && !scheme {
                found.push(path.to_owned());
            }
            rest = &rest[end..];
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links_and_images_outside_code() {
        let text = "See [keys](key-rotation.md#new-key) and ![chart](bench/throughput.svg \"t\").\n\
                    [web](https://example.org/x.md), [mail](mailto:a@b), [here](#top)\n\
                    `[not](code.md)` but [yes](../README.md)\n\
                    ```md\n[fenced](nothing.md)\n```\n";
        assert_eq!(
            targets(text),
            ["key-rotation.md", "bench/throughput.svg", "../README.md"]
        );
    }

    #[test]
    fn a_missing_target_is_named_with_its_page() {
        let root = tempfile::tempdir().expect("dir");
        std::fs::create_dir_all(root.path().join("docs/bench")).expect("mkdir");
        std::fs::write(root.path().join("docs/bench/flows.svg"), "<svg/>").expect("write");
        let text = "![flows](bench/flows.svg) ![growth](bench/growth.svg)";
        assert_eq!(
            broken(root.path(), "docs/benchmarks.md", text),
            ["docs/benchmarks.md: the link `bench/growth.svg` leads to no file"]
        );
    }
}

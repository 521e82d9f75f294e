//! `cargo xtask new-provider NAME [--dir DIR] [--check]`: a provider crate skeleton
//! (`oauthclient-NAME`) with its conformance test, from `xtask/templates/provider/`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use crate::process::run_ok;

/// (template, path in the new crate)
const FILES: &[(&str, &str)] = &[
    (
        include_str!("../templates/provider/Cargo.toml.tmpl"),
        "Cargo.toml",
    ),
    (
        include_str!("../templates/provider/lib.rs.tmpl"),
        "src/lib.rs",
    ),
    (
        include_str!("../templates/provider/README.md.tmpl"),
        "README.md",
    ),
    (
        include_str!("../templates/provider/conformance.rs.tmpl"),
        "tests/conformance.rs",
    ),
    (
        include_str!("../templates/provider/token.json.tmpl"),
        "tests/fixtures/token.json",
    ),
    (
        include_str!("../templates/provider/user.json.tmpl"),
        "tests/fixtures/user.json",
    ),
    (
        include_str!("../templates/provider/conformance.json.tmpl"),
        "tests/fixtures/conformance.json",
    ),
];

/// Generates the crate; with `--check`, also runs its tests.
pub fn new_provider(args: &[String]) -> Result<(), String> {
    generate(args, None)
}

/// [`new_provider`], building the check in `target` (to reuse what is built there).
pub fn new_provider_with_target(args: &[String], target: &Path) -> Result<(), String> {
    generate(args, Some(target))
}

fn generate(args: &[String], target: Option<&Path>) -> Result<(), String> {
    let mut name = None;
    let mut dir = std::env::current_dir().map_err(|err| format!("current directory: {err}"))?;
    let mut check = false;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--dir" => {
                dir = PathBuf::from(args.next().ok_or("--dir needs a directory")?);
            }
            "--check" => check = true,
            other if name.is_none() && !other.starts_with('-') => name = Some(other.to_owned()),
            other => return Err(format!("unexpected argument `{other}`")),
        }
    }
    let name = name.ok_or("usage: cargo xtask new-provider NAME [--dir DIR] [--check]")?;
    if !valid_name(&name) {
        return Err(format!(
            "`{name}` is not a provider name: lower-case letters, digits and `-`, starting with a letter"
        ));
    }
    let crate_dir = dir.join(format!("oauthclient-{name}"));
    if crate_dir.exists() {
        return Err(format!("{} already exists", crate_dir.display()));
    }
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .ok_or("xtask is not inside the workspace")?;
    let values = [
        ("{{name}}", name.clone()),
        ("{{name_snake}}", name.replace('-', "_")),
        ("{{NAME}}", name.replace('-', "_").to_ascii_uppercase()),
        ("{{Title}}", camel_case(&name)),
        (
            "{{core_path}}",
            workspace.join("oauthclient-core").display().to_string(),
        ),
        (
            "{{testkit_path}}",
            workspace.join("oauthclient-testkit").display().to_string(),
        ),
    ];
    for (template, path) in FILES {
        let text = values
            .iter()
            .fold((*template).to_owned(), |text, (key, value)| {
                text.replace(key, value)
            });
        let target = crate_dir.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|err| format!("cannot create {}: {err}", parent.display()))?;
        }
        std::fs::write(&target, text)
            .map_err(|err| format!("cannot write {}: {err}", target.display()))?;
    }
    println!("xtask: created {}", crate_dir.display());
    if check {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
        let manifest = crate_dir.join("Cargo.toml");
        let mut command = Command::new(cargo);
        command
            .args(["test", "--quiet", "--manifest-path"])
            .arg(&manifest);
        if let Some(target) = target {
            command.env("CARGO_TARGET_DIR", target);
        }
        run_ok(&mut command, Duration::from_secs(1200))?;
        println!("xtask: the generated crate builds and its conformance test passes");
    } else {
        println!("xtask: next: cd {} && cargo test", crate_dir.display());
    }
    Ok(())
}

fn valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|first| first.is_ascii_lowercase())
        && name.len() <= 32
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !name.ends_with('-')
}

/// `my-idp` → `MyIdp` (a type-name prefix and a display title).
fn camel_case(name: &str) -> String {
    name.split('-')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert!(valid_name("gitlab") && valid_name("my-idp2"));
        for bad in ["", "GitLab", "9lives", "a_b", "x-", "a.b", &"x".repeat(33)] {
            assert!(!valid_name(bad), "{bad}");
        }
        assert_eq!(camel_case("gitlab"), "Gitlab");
        assert_eq!(camel_case("my-idp"), "MyIdp");
    }
}

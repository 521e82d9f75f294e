//! `cargo xtask api [--bless]`: the public API of each published crate, checked in as
//! `api/<crate>.txt`, so that an API change is a visible, deliberate part of a commit (and of
//! its review) instead of a side effect found after a release.
//!
//! The listings come from rustdoc's JSON output. It is unstable, so it is requested on the
//! stable toolchain with `RUSTC_BOOTSTRAP` naming only our crates (dependencies build exactly
//! as usual), into `<target dir>/public-api`, apart from the normal builds, whose cache it
//! would otherwise invalidate. All crates are documented by one `cargo doc` with
//! `--all-features`, as CI's docs step and docs.rs build them: one feature resolution, one
//! build of the dependencies, crates documented in parallel.

mod diff;
mod items;
mod listing;
mod render;
#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// The rustdoc JSON format the listing code was written against. Another version still works
/// as long as the shapes it reads are unchanged; the note printed then explains a listing
/// change nobody made.
const KNOWN_FORMAT_VERSION: u64 = 57;

const HINT: &str = "run `cargo xtask api --bless` if the change is deliberate";

/// A crate whose API is listed.
struct Published {
    /// The package name, which also names its listing: `api/<package>.txt`.
    package: String,
    /// The library's crate name, which names rustdoc's JSON file.
    crate_name: String,
}

/// `cargo xtask api [--bless]`.
pub fn api(args: &[String]) -> Result<(), String> {
    match args {
        [] => run(false),
        [flag] if flag == "--bless" => run(true),
        _ => Err("usage: cargo xtask api [--bless]".to_owned()),
    }
}

/// The `cargo xtask ci` step: the listings must match the crates.
pub fn check() -> Result<(), String> {
    run(false)
}

fn run(bless: bool) -> Result<(), String> {
    let metadata = cargo_metadata()?;
    let root = PathBuf::from(
        metadata["workspace_root"]
            .as_str()
            .ok_or("cargo metadata: no workspace_root")?,
    );
    let target = PathBuf::from(
        metadata["target_directory"]
            .as_str()
            .ok_or("cargo metadata: no target_directory")?,
    )
    .join("public-api");
    let published = published(&metadata)?;
    build_json(&published, &target)?;

    let api_dir = root.join("api");
    let mut changed = Vec::new();
    for krate in &published {
        let json = target
            .join("doc")
            .join(format!("{}.json", krate.crate_name));
        let listing = listing::listing(&read_json(&json)?)
            .map_err(|err| format!("{} ({}): {err}", krate.package, json.display()))?;
        let expected = file_text(&krate.package, &listing.lines);
        let file = api_dir.join(format!("{}.txt", krate.package));
        println!(
            "api: {}: {} items, {} methods and trait items ({} lines)",
            krate.package,
            listing.items,
            listing.members,
            listing.lines.len()
        );
        let current = match std::fs::read_to_string(&file) {
            Ok(text) => Some(text),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => None,
            Err(err) => return Err(format!("cannot read {}: {err}", file.display())),
        };
        if current.as_deref() == Some(expected.as_str()) {
            continue;
        }
        if bless {
            std::fs::create_dir_all(&api_dir)
                .map_err(|err| format!("cannot create {}: {err}", api_dir.display()))?;
            std::fs::write(&file, &expected)
                .map_err(|err| format!("cannot write {}: {err}", file.display()))?;
            println!("api: wrote api/{}.txt", krate.package);
        } else {
            match &current {
                Some(current) => print_diff(&krate.package, current, &expected),
                None => println!("api: api/{}.txt does not exist yet", krate.package),
            }
            changed.push(format!("api/{}.txt", krate.package));
        }
    }
    for stale in stale_listings(&api_dir, &published)? {
        let name = format!(
            "api/{}",
            stale.file_name().unwrap_or_default().to_string_lossy()
        );
        if bless {
            std::fs::remove_file(&stale)
                .map_err(|err| format!("cannot remove {}: {err}", stale.display()))?;
            println!("api: removed {name} (no such published crate)");
        } else {
            println!("api: {name} lists no published crate");
            changed.push(name);
        }
    }
    if changed.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "the public API differs from {}; {HINT}",
            changed.join(", ")
        ))
    }
}

fn cargo_metadata() -> Result<Value, String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(&cargo)
        .args(["metadata", "--no-deps", "--format-version", "1"])
        .output()
        .map_err(|err| format!("cannot run {cargo} metadata: {err}"))?;
    if !output.status.success() {
        return Err(format!(
            "`cargo metadata` failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    serde_json::from_slice(&output.stdout)
        .map_err(|err| format!("`cargo metadata` printed no JSON: {err}"))
}

/// The workspace's publishable packages that have a library (a binary has no API to list).
fn published(metadata: &Value) -> Result<Vec<Published>, String> {
    let packages = metadata["packages"]
        .as_array()
        .ok_or("cargo metadata: no packages")?;
    let mut published = Vec::new();
    for package in packages {
        // `publish = false` is an empty list of allowed registries; absent is null.
        if package["publish"].as_array().is_some_and(Vec::is_empty) {
            continue;
        }
        let name = package["name"]
            .as_str()
            .ok_or("cargo metadata: a package has no name")?;
        let library = package["targets"].as_array().and_then(|targets| {
            targets.iter().find(|target| {
                target["kind"]
                    .as_array()
                    .is_some_and(|kinds| kinds.iter().any(|kind| kind == "lib"))
            })
        });
        if let Some(library) = library.and_then(|lib| lib["name"].as_str()) {
            published.push(Published {
                package: name.to_owned(),
                crate_name: library.replace('-', "_"),
            });
        }
    }
    published.sort_by(|a, b| a.package.cmp(&b.package));
    Ok(published)
}

fn build_json(published: &[Published], target: &Path) -> Result<(), String> {
    let mut args = vec!["doc", "--no-deps", "--lib", "--all-features"];
    for krate in published {
        args.extend(["--package", krate.package.as_str()]);
    }
    let crates: Vec<&str> = published.iter().map(|k| k.crate_name.as_str()).collect();
    let target = target.to_string_lossy();
    crate::process::cargo(
        &args,
        &[
            ("CARGO_TARGET_DIR", target.as_ref()),
            // Unstable options for these crates only.
            ("RUSTC_BOOTSTRAP", &crates.join(",")),
            ("RUSTDOCFLAGS", "-Z unstable-options --output-format json"),
        ],
    )
}

fn read_json(path: &Path) -> Result<Value, String> {
    let bytes =
        std::fs::read(path).map_err(|err| format!("cannot read {}: {err}", path.display()))?;
    let doc: Value = serde_json::from_slice(&bytes)
        .map_err(|err| format!("{} is not JSON: {err}", path.display()))?;
    match doc["format_version"].as_u64() {
        Some(KNOWN_FORMAT_VERSION) => {}
        version => println!(
            "api: note: {} has rustdoc JSON format {}, the listings were written for {KNOWN_FORMAT_VERSION}; \
             a change in form only (not in the API) comes from the toolchain",
            path.display(),
            version.map_or_else(|| "?".to_owned(), |v| v.to_string()),
        ),
    }
    Ok(doc)
}

/// The checked-in file: a header saying how to regenerate it, then the listing.
fn file_text(package: &str, lines: &[String]) -> String {
    let mut text = format!(
        "// The public API of {package}, listed by `cargo xtask api`. Do not edit: after a \
         deliberate API change, run `cargo xtask api --bless`.\n"
    );
    for line in lines {
        text.push_str(line);
        text.push('\n');
    }
    text
}

fn print_diff(package: &str, current: &str, expected: &str) {
    let old: Vec<&str> = current.lines().collect();
    let new: Vec<&str> = expected.lines().collect();
    println!("--- api/{package}.txt (checked in)");
    println!("+++ {package} (the crate now)");
    for line in diff::diff(&old, &new) {
        println!("{line}");
    }
}

/// `api/*.txt` files that belong to no published crate (one renamed, or made `publish = false`).
fn stale_listings(api_dir: &Path, published: &[Published]) -> Result<Vec<PathBuf>, String> {
    let Ok(entries) = std::fs::read_dir(api_dir) else {
        return Ok(Vec::new());
    };
    let mut stale = Vec::new();
    for entry in entries {
        let path = entry
            .map_err(|err| format!("cannot list {}: {err}", api_dir.display()))?
            .path();
        let listed = path
            .file_stem()
            .and_then(|stem| stem.to_str())
            .is_some_and(|stem| published.iter().any(|k| k.package == stem));
        if path.extension().is_some_and(|ext| ext == "txt") && !listed {
            stale.push(path);
        }
    }
    stale.sort();
    Ok(stale)
}

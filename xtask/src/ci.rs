//! `cargo xtask ci`: the checks a change must pass.

use crate::process::cargo;

/// The checks a change must pass, in the order that fails fastest.
pub fn ci() -> Result<(), String> {
    cargo(&["fmt", "--all", "--", "--check"], &[])?;
    cargo(
        &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--all-features",
            "--",
            "-D",
            "warnings",
        ],
        &[],
    )?;
    // Features must be additive and each backend must build alone.
    for features in [
        &["--no-default-features", "--features", "sqlite"][..],
        &["--no-default-features", "--features", "postgres"][..],
    ] {
        let mut args = vec!["clippy", "-p", "oauthclient-store-diesel", "--all-targets"];
        args.extend_from_slice(features);
        args.extend_from_slice(&["--", "-D", "warnings"]);
        cargo(&args, &[])?;
    }
    crate::deps::deps()?;
    // Every locale's catalogs against English (fast, and before the long test run).
    crate::catalogs::catalogs()?;
    // The newcomer's path: every page's code compiles, its configurations load, and the tests
    // docs/security.md cites exist.
    crate::docs_check::check(&crate::process::workspace_root())?;
    // README's test command, with the list of suites that did not run.
    crate::test::test()?;
    cargo(
        &["doc", "--workspace", "--no-deps", "--all-features"],
        &[("RUSTDOCFLAGS", "-D warnings")],
    )?;
    // API changes are deliberate: the listings in api/ must match the crates.
    crate::public_api::check()?;
    // Every crate packages (and its package builds); nothing is published.
    forget_packaged_workspace_crates()?;
    cargo(
        &[
            "package",
            "--workspace",
            "--allow-dirty",
            "--exclude",
            "xtask",
            "--exclude",
            "oauthclient-bench",
            "--exclude",
            "registry-fixture",
            // Reads the pages from outside its directory: it cannot be packaged (nor needs to).
            "--exclude",
            "docs-check",
        ],
        &[],
    )?;
    Ok(())
}

/// `cargo package --workspace` verifies each crate against the others' packages through a
/// temporary local registry, and extracts those packages under `$CARGO_HOME/registry/src/-<hash>/`
/// (the hash follows the checkout's path). Cargo treats registry crates as immutable: it reuses
/// an extraction it finds there, and their compiled artifacts in the target directory. So after a
/// change, a second run from the same path would verify against the *previous* package of a
/// crate whose version did not change (unpublished, 0.1.0 throughout). Both are ours and
/// disposable; only directories of local registries (`-<hash>`), never crates.io's, are
/// touched.
fn forget_packaged_workspace_crates() -> Result<(), String> {
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(
        || std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"),
        std::path::PathBuf::from,
    );
    let packages = target.join("package");
    if packages.exists() {
        std::fs::remove_dir_all(&packages)
            .map_err(|err| format!("cannot remove {}: {err}", packages.display()))?;
    }
    // The verification builds go to the shared target directory, where a registry crate's
    // fingerprint never looks at its sources: forget ours, so they are compiled again.
    let fingerprints = target.join("debug").join(".fingerprint");
    if let Ok(entries) = std::fs::read_dir(&fingerprints) {
        for entry in entries.flatten() {
            if entry
                .file_name()
                .to_string_lossy()
                .starts_with("oauthclient-")
            {
                std::fs::remove_dir_all(entry.path())
                    .map_err(|err| format!("cannot remove {}: {err}", entry.path().display()))?;
            }
        }
    }
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME").map(|home| std::path::Path::new(&home).join(".cargo"))
        });
    let Some(sources) = cargo_home.map(|home| home.join("registry").join("src")) else {
        return Ok(());
    };
    let Ok(registries) = std::fs::read_dir(&sources) else {
        return Ok(());
    };
    for registry in registries.flatten() {
        if !registry.file_name().to_string_lossy().starts_with('-') {
            continue;
        }
        let Ok(crates) = std::fs::read_dir(registry.path()) else {
            continue;
        };
        for extracted in crates.flatten() {
            let name = extracted.file_name().to_string_lossy().into_owned();
            if name.starts_with("oauthclient-") || name.starts_with("registry-fixture-") {
                std::fs::remove_dir_all(extracted.path()).map_err(|err| {
                    format!(
                        "cannot remove the stale package {}: {err}",
                        extracted.path().display()
                    )
                })?;
            }
        }
    }
    Ok(())
}

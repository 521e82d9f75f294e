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
    // README's test command.
    cargo(&["test", "--workspace", "--all-features"], &[])?;
    cargo(
        &["doc", "--workspace", "--no-deps", "--all-features"],
        &[("RUSTDOCFLAGS", "-D warnings")],
    )?;
    // Every crate packages (and its package builds); nothing is published.
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
        ],
        &[],
    )?;
    Ok(())
}

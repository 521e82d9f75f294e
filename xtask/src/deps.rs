//! `cargo xtask deps`: the dependency graph stays lean, and users can see what each crate costs.
//!
//! Rules checked (normal dependencies only, as a user's build sees them):
//! - `oauthclient-core` pulls in no actix and no diesel;
//! - a provider crate (`oauthclient-github`, `-orcid`, `-oidc`) depends on no other workspace
//!   crate than `oauthclient-core`, and on no actix or diesel; the templates
//!   (`oauthclient-providers`) on `oauthclient-core` and `oauthclient-oidc` only (the OpenID
//!   Connect templates speak its protocol);
//! - `oauthclient-store-diesel` with only `sqlite` links no libpq (`pq-sys`);
//! - the front end (`oauthclient-frontend`) pulls in no web framework; the actix-web adapter no
//!   axum, the axum adapter no actix: a host compiles the framework it uses, only;
//! - no library crate's modules form an import cycle ([`crate::module_cycles`]).

use std::collections::BTreeSet;
use std::process::Command;

/// One crate build as a user would make it: the package and its feature flags.
struct Build {
    package: &'static str,
    features: &'static [&'static str],
}

const CORE: Build = Build {
    package: "oauthclient-core",
    features: &[],
};
const WEB: Build = Build {
    package: "oauthclient-web",
    features: &[],
};
const STORE_SQLITE: Build = Build {
    package: "oauthclient-store-diesel",
    features: &["--no-default-features", "--features", "sqlite"],
};
const FRONTEND: Build = Build {
    package: "oauthclient-frontend",
    features: &[],
};
const AXUM: Build = Build {
    package: "oauthclient-axum",
    features: &["--all-features"],
};
const DEMO: Build = Build {
    package: "oauthclient-demo",
    features: &[],
};
const PROVIDERS: [&str; 4] = [
    "oauthclient-github",
    "oauthclient-orcid",
    "oauthclient-oidc",
    "oauthclient-providers",
];
/// The workspace crates a provider crate may depend on besides `oauthclient-core`.
fn allowed_for(provider: &str) -> &'static [&'static str] {
    match provider {
        "oauthclient-providers" => &["oauthclient-oidc"],
        _ => &[],
    }
}
const WORKSPACE_CRATES: [&str; 8] = [
    "oauthclient-web",
    "oauthclient-store-diesel",
    "oauthclient-testkit",
    "oauthclient-demo",
    "oauthclient-cli",
    "oauthclient-github",
    "oauthclient-orcid",
    "oauthclient-oidc",
];

/// Checks the rules and prints how many crates each user-facing build pulls in.
pub fn deps() -> Result<(), String> {
    let mut problems = Vec::new();
    let core = crates(&CORE)?;
    forbid(&mut problems, CORE.package, &core, &["actix", "diesel"]);
    for provider in PROVIDERS {
        let build = Build {
            package: provider,
            features: &[],
        };
        let graph = crates(&build)?;
        forbid(&mut problems, provider, &graph, &["actix", "diesel"]);
        for other in WORKSPACE_CRATES
            .iter()
            .filter(|name| **name != provider && !allowed_for(provider).contains(*name))
        {
            if graph.contains(*other) {
                problems.push(format!(
                    "{provider} depends on {other}: providers depend on oauthclient-core only (templates also on oauthclient-oidc)"
                ));
            }
        }
    }
    let frontend = crates(&FRONTEND)?;
    forbid(
        &mut problems,
        FRONTEND.package,
        &frontend,
        &["actix", "axum", "tower-sessions", "diesel"],
    );
    let web = crates(&WEB)?;
    forbid(
        &mut problems,
        WEB.package,
        &web,
        &["axum", "tower-sessions"],
    );
    let axum = crates(&AXUM)?;
    forbid(&mut problems, AXUM.package, &axum, &["actix"]);
    let store = crates(&STORE_SQLITE)?;
    forbid(
        &mut problems,
        "oauthclient-store-diesel (sqlite only)",
        &store,
        &["pq-sys"],
    );

    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    for krate in crate::module_cycles::LIBRARY_CRATES {
        match crate::module_cycles::check(krate, &root.join(krate).join("src")) {
            Ok(report) => {
                for line in report {
                    println!("xtask: {line}");
                }
            }
            Err(problem) => problems.push(problem),
        }
    }

    println!("xtask: crates pulled in (normal dependencies, the crate itself included):");
    for (label, graph) in [
        ("oauthclient-core", &core),
        ("oauthclient-frontend", &frontend),
        ("oauthclient-web (actix-web)", &web),
        ("oauthclient-axum (all features)", &axum),
        ("oauthclient-store-diesel (sqlite)", &store),
        ("oauthclient-demo", &crates(&DEMO)?),
    ] {
        println!("  {label:<36} {:>4}", graph.len());
    }
    if problems.is_empty() {
        println!("xtask: dependency rules hold");
        Ok(())
    } else {
        Err(format!(
            "dependency rules broken:\n  {}",
            problems.join("\n  ")
        ))
    }
}

fn forbid(problems: &mut Vec<String>, who: &str, graph: &BTreeSet<String>, prefixes: &[&str]) {
    for name in graph {
        if prefixes.iter().any(|prefix| name.starts_with(prefix)) {
            problems.push(format!("{who} pulls in {name}"));
        }
    }
}

/// The distinct crate names of a build's normal dependency graph (`cargo tree`).
fn crates(build: &Build) -> Result<BTreeSet<String>, String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(&cargo)
        .args([
            "tree",
            "-p",
            build.package,
            "-e",
            "normal",
            "--prefix",
            "none",
        ])
        .args(build.features)
        .output()
        .map_err(|err| format!("cannot run cargo tree: {err}"))?;
    if !output.status.success() {
        return Err(format!(
            "cargo tree -p {} failed: {}",
            build.package,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .map(str::to_owned)
        .collect())
}

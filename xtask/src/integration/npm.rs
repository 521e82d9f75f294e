//! npm packages for the integration suites, installed under `target/` from a pinned
//! package.json (never globally, never with `npx`).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use crate::process::run_ok;

const NPM_LIMIT: Duration = Duration::from_secs(5 * 60);

/// Installs `package_json` into `dir` unless that same package.json was installed there
/// already (and `module` is present). Returns `dir/node_modules`.
pub fn install(package_json: &Path, dir: &Path, module: &str) -> Result<PathBuf, String> {
    let wanted = std::fs::read_to_string(package_json)
        .map_err(|err| format!("cannot read {}: {err}", package_json.display()))?;
    let modules = dir.join("node_modules");
    let installed = modules.join(module).join("package.json");
    // Written after a successful install only, so a failed or changed one is redone.
    let stamp = dir.join("installed-package.json");
    if std::fs::read_to_string(&stamp).ok().as_deref() == Some(wanted.as_str())
        && installed.exists()
    {
        println!("xtask: {module} already installed in {}", dir.display());
        return Ok(modules);
    }
    let _ = std::fs::remove_file(&stamp);
    std::fs::create_dir_all(dir)
        .and_then(|()| std::fs::write(dir.join("package.json"), &wanted))
        .map_err(|err| format!("cannot prepare {}: {err}", dir.display()))?;
    run_ok(
        Command::new("npm")
            .current_dir(dir)
            .args(["install", "--no-audit", "--no-fund", "--loglevel=error"])
            .arg("--update-notifier=false"),
        NPM_LIMIT,
    )?;
    if !installed.exists() {
        return Err(format!(
            "npm install finished but {} is missing",
            installed.display()
        ));
    }
    std::fs::write(&stamp, &wanted)
        .map_err(|err| format!("cannot write {}: {err}", stamp.display()))?;
    Ok(modules)
}

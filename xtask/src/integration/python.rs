//! Python tools for the suites: a throwaway venv under `target/` per requirements file,
//! installed from PyPI with pip and reused while the file is unchanged.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use crate::process::{output_line, run_ok};

const PIP_LIMIT: Duration = Duration::from_secs(5 * 60);

/// A venv in `dir` with the pinned `requirements` (a file); `what` names them in messages.
/// Reused while the file is unchanged. Returns its python.
pub fn ensure_venv(requirements: &Path, dir: &Path, what: &str) -> Result<PathBuf, String> {
    let wanted = std::fs::read_to_string(requirements)
        .map_err(|err| format!("cannot read {}: {err}", requirements.display()))?;
    let python = dir.join("bin").join("python");
    // Written after a successful install only, so a failed or changed one is redone.
    let stamp = dir.join("installed-requirements.txt");
    if std::fs::read_to_string(&stamp).ok().as_deref() == Some(wanted.as_str()) && python.exists() {
        println!("xtask: {what} already installed in {}", dir.display());
        return Ok(python);
    }
    let system_python = output_line("python3", &["--version"]).ok_or(
        "`python3` was not found on PATH: install Python 3.9 or newer (apt-get install python3 python3-venv)",
    )?;
    println!(
        "xtask: {system_python}: creating a venv for {what} in {}",
        dir.display()
    );
    let _ = std::fs::remove_file(&stamp);
    run_ok(
        Command::new("python3")
            .args(["-m", "venv", "--clear"])
            .arg(dir),
        PIP_LIMIT,
    )?;
    run_ok(
        Command::new(&python)
            .args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "-r",
            ])
            .arg(requirements),
        PIP_LIMIT,
    )?;
    std::fs::write(&stamp, &wanted)
        .map_err(|err| format!("cannot write {}: {err}", stamp.display()))?;
    Ok(python)
}

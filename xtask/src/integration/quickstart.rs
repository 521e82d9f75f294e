//! docs/quickstart.md, step 3, word for word: its Rust block must be
//! `oauthclient-demo/examples/quickstart.rs`, and that program, run with the page's
//! `oauthclient.toml`, must serve its page at `/` (signed out: the sign-in link) and send
//! `/oauth/login/github/` to GitHub.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use crate::process::{Server, cargo, free_ports, remove_dir};

const PAGE: &str = "docs/quickstart.md";
const EXAMPLE: &str = "oauthclient-demo/examples/quickstart.rs";
const READY_LIMIT: Duration = Duration::from_secs(30);

pub fn run(root: &Path, target: &Path) -> Result<(), String> {
    let page = read(&root.join(PAGE))?;
    let section = page
        .split("## 3. Your own app")
        .nth(1)
        .ok_or_else(|| format!("{PAGE} has no \"## 3. Your own app\" section"))?;
    // `no_run`: the docs check compiles it; running it needs the configuration, done below.
    let rust = fenced(section, "rust,no_run")
        .ok_or_else(|| format!("{PAGE}: no ```rust,no_run block in step 3"))?;
    let example = read(&root.join(EXAMPLE))?;
    if without_header(&example) != rust {
        return Err(format!(
            "{PAGE} step 3 and {EXAMPLE} differ: keep them identical (the example's `//!` header aside)"
        ));
    }
    // The ```toml block is oauthclient.toml (Cargo.toml's is a ```toml,fragment).
    let config = fenced(section, "toml")
        .ok_or_else(|| format!("{PAGE}: no oauthclient.toml block in step 3"))?;

    cargo(
        &["build", "-p", "oauthclient-demo", "--example", "quickstart"],
        &[],
    )?;
    let dir = target.join("quickstart-run");
    remove_dir(&dir)?;
    std::fs::create_dir_all(&dir)
        .and_then(|()| std::fs::write(dir.join("oauthclient.toml"), config))
        .map_err(|err| format!("cannot prepare {}: {err}", dir.display()))?;
    let port = free_ports(1)?[0];
    let binary = target
        .join("debug")
        .join("examples")
        .join(format!("quickstart{}", std::env::consts::EXE_SUFFIX));
    let server = Server::start(
        "quickstart",
        Command::new(binary)
            .current_dir(&dir)
            .env("PORT", port.to_string())
            // The page's `secret_key` is a placeholder, refused until the environment's replaces it.
            .env(
                "OAUTHCLIENT_SECRET_KEY",
                "quickstart-secret-key-quickstart-secret-key-quickstart",
            )
            .env(
                "GITHUB_APP_CREDENTIALS_CONSUMER_KEY",
                "quickstart-client-id",
            )
            .env(
                "GITHUB_APP_CREDENTIALS_CONSUMER_SECRET",
                "quickstart-client-secret",
            ),
        "listening on",
        READY_LIMIT,
    )?;
    let home = get(port, "/");
    let answer = get(port, "/oauth/login/github/");
    server.stop();
    let (home, answer) = (home?, answer?);
    // The quickstart ends on a page of its own, not on a 404.
    if !(home.starts_with("HTTP/1.1 200") && home.contains("href=\"/oauth/login/github/\"")) {
        return Err(format!(
            "the quickstart's app does not serve its page at /; it answered:\n{}",
            home.lines().take(12).collect::<Vec<_>>().join("\n")
        ));
    }
    let redirected = answer.starts_with("HTTP/1.1 302")
        && answer.lines().any(|line| {
            line.to_ascii_lowercase()
                .starts_with("location: https://github.com/login/oauth/authorize?")
                && line.contains("client_id=quickstart-client-id")
        });
    if redirected {
        println!("xtask: the quickstart's app sends /oauth/login/github/ to GitHub");
        Ok(())
    } else {
        Err(format!(
            "the quickstart's app did not redirect to GitHub; it answered:\n{}",
            answer.lines().take(12).collect::<Vec<_>>().join("\n")
        ))
    }
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|err| format!("cannot read {}: {err}", path.display()))
}

/// The body of the first ```{language} block.
fn fenced<'a>(text: &'a str, language: &str) -> Option<&'a str> {
    text.split(&format!("```{language}\n"))
        .nth(1)?
        .split("```")
        .next()
}

/// The example without its leading `//!` lines and the blank line after them.
fn without_header(example: &str) -> &str {
    let mut rest = example;
    while let Some(line_end) = rest.find('\n') {
        if !rest.starts_with("//!") {
            break;
        }
        rest = &rest[line_end + 1..];
    }
    rest.strip_prefix('\n').unwrap_or(rest)
}

/// A plain HTTP/1.1 GET on loopback: the head of the answer.
fn get(port: u16, path: &str) -> Result<String, String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))
        .map_err(|err| format!("cannot connect to the quickstart's app: {err}"))?;
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .map_err(|err| err.to_string())?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .map_err(|err| format!("cannot send the request: {err}"))?;
    let mut answer = Vec::new();
    stream
        .read_to_end(&mut answer)
        .map_err(|err| format!("cannot read the answer: {err}"))?;
    Ok(String::from_utf8_lossy(&answer).into_owned())
}

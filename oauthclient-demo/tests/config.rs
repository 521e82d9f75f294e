//! The real binary: bad configuration, help, and a configuration file.

mod common;

use std::process::Command;

use common::{browser, location, start};

fn demo() -> Command {
    Command::new(env!("CARGO_BIN_EXE_oauthclient-demo"))
}

#[test]
fn help_lists_the_options() {
    let output = demo().arg("--help").output().expect("runs");
    assert!(output.status.success());
    let help = String::from_utf8_lossy(&output.stdout);
    for option in ["--config", "--listen", "--sandbox-port", "--data-dir"] {
        assert!(help.contains(option), "{option} in {help}");
    }
}

#[test]
fn bad_configuration_is_one_line_naming_the_key_and_exit_code_2() {
    let dir = tempfile::tempdir().expect("dir");
    let cases = [
        ("site_url = \"https://example.org\"\n", "secret_key"),
        (
            "secret_key = \"0123456789abcdef0123456789abcdef\"\nsite_url = \"https://example.org\"\nsession_store = \"memcached\"\n",
            "session_store",
        ),
        (
            "secret_key = \"0123456789abcdef0123456789abcdef\"\nsite_url = \"https://example.org\"\n[remote_apps.x.params]\nauthorize_url = \"http://evil.example/a\"\naccess_token_url = \"https://x.example/t\"\n[X_APP_CREDENTIALS]\nconsumer_key = \"k\"\nconsumer_secret = \"s\"\n",
            "remote_apps.x.params.authorize_url",
        ),
        ("this is = not toml =", "(toml)"),
    ];
    for (index, (toml, key)) in cases.iter().enumerate() {
        let path = dir.path().join(format!("bad{index}.toml"));
        std::fs::write(&path, toml).expect("write");
        let output = demo().arg("--config").arg(&path).output().expect("runs");
        assert_eq!(output.status.code(), Some(2), "{key}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        let lines: Vec<&str> = stderr
            .lines()
            .filter(|line| !line.trim().is_empty())
            .collect();
        assert_eq!(lines.len(), 1, "one line: {stderr}");
        assert!(lines[0].contains(key), "{key}: {stderr}");
    }
    let output = demo()
        .args(["--config", "/does/not/exist.toml"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn the_github_orcid_example_loads() {
    let example = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../docs/examples/demo-github-orcid.toml"
    );
    let text = std::fs::read_to_string(example).expect("example");
    let dir = tempfile::tempdir().expect("dir");
    let port = common::free_port();
    let text = text
        .replace("127.0.0.1:5000", &format!("127.0.0.1:{port}"))
        .replace(
            "sqlite://oauthclient-demo.sqlite",
            &format!("sqlite://{}/demo.sqlite", dir.path().display()),
        )
        // What an operator puts in place of the example's placeholders (refused as they are).
        .replace(
            "replace-me-with-at-least-32-random-bytes-or-use-OAUTHCLIENT_SECRET_KEY",
            "demo-example-test-secret-demo-example-test-secret",
        )
        .replace("\"changeme\"", "\"demo-example-credential\"");
    let path = dir.path().join("demo.toml");
    std::fs::write(&path, text).expect("write");
    let demo = start(&["--config", path.to_str().expect("utf-8 path")]);
    assert!(demo.sandbox.is_none());
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.block_on(async {
        let page = browser()
            .get(&demo.base)
            .send()
            .await
            .expect("home")
            .text()
            .await
            .expect("body");
        assert!(
            page.contains("Sign in with GitHub") && page.contains("Sign in with ORCID"),
            "{page}"
        );
        let response = browser()
            .get(format!("{}/oauth/login/github/", demo.base))
            .send()
            .await
            .expect("login");
        assert!(location(&response).starts_with("https://github.com/login/oauth/authorize?"));
        // Real providers and no `[mail]`: no page publishes confirmation links; they go to
        // the server's log, as the banner says.
        let mailbox = browser()
            .get(format!("{}/mailbox", demo.base))
            .send()
            .await
            .expect("mailbox");
        assert_eq!(mailbox.status(), 404);
    });
    assert!(
        demo.stdout
            .iter()
            .any(|line| line.starts_with("Mail:") && line.contains("server's log")),
        "{:?}",
        demo.stdout
    );
}

#[test]
fn the_sandbox_keeps_its_mailbox_page() {
    let demo = start(&[]);
    assert!(demo.sandbox.is_some());
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let status = runtime.block_on(async {
        browser()
            .get(format!("{}/mailbox", demo.base))
            .send()
            .await
            .expect("mailbox")
            .status()
    });
    assert_eq!(status, 200);
    assert!(
        demo.stdout
            .iter()
            .any(|line| line.starts_with("Mail:") && line.contains("/mailbox")),
        "{:?}",
        demo.stdout
    );
}

//! The password form (`POST /login`) is rate-limited per client IP with the core limiter:
//! by default (no `[rate_limit]` table) 5 attempts at once, then one every 10 seconds.

mod common;

use common::{browser, start};

#[tokio::test]
async fn password_guessing_beyond_the_burst_gets_429_with_retry_after() {
    let demo = start(&[]);
    let guesser = browser();
    for n in 0..5 {
        let password = format!("guess number {n}");
        let fields = [
            ("email", "victim@demo.example"),
            ("password", password.as_str()),
        ];
        let response = demo.submit(&guesser, "/login", "/login", &fields).await;
        assert_eq!(response.status(), 401, "attempt {n}");
    }
    let fields = [("email", "victim@demo.example"), ("password", "guess six")];
    let refused = demo.submit(&guesser, "/login", "/login", &fields).await;
    assert_eq!(refused.status(), 429);
    let retry_after: u64 = refused
        .headers()
        .get("retry-after")
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse().ok())
        .expect("Retry-After in seconds");
    assert!((1..=10).contains(&retry_after), "{retry_after}");
    // The form page itself stays reachable: only attempts are counted.
    assert!(
        demo.page(&guesser, "/login")
            .await
            .contains("name=\"password\"")
    );
}

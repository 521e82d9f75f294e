//! The PostgreSQL database the PostgreSQL phases run on: created for one run, dropped after.

use std::process::Command;

/// A PostgreSQL database made for one run and dropped after it.
pub struct ThrowawayDatabase {
    admin_url: String,
    name: String,
    pub url: String,
}

impl ThrowawayDatabase {
    /// `oauthclient_bench_{pid}_{suffix}` on the server of `admin_url`.
    pub fn create(admin_url: &str, suffix: &str) -> Result<Self, String> {
        let name = format!("oauthclient_bench_{}_{suffix}", std::process::id());
        let mut url = url::Url::parse(admin_url).map_err(|err| {
            oauthclient_core::redact::redact_url_in(&format!("{admin_url}: {err}"), admin_url)
        })?;
        url.set_path(&name);
        let database = Self {
            admin_url: admin_url.to_owned(),
            url: url.to_string(),
            name,
        };
        database.psql(&format!("DROP DATABASE IF EXISTS {}", database.name))?;
        database.psql(&format!("CREATE DATABASE {}", database.name))?;
        Ok(database)
    }

    fn psql(&self, sql: &str) -> Result<(), String> {
        let output = Command::new("psql")
            .args([self.admin_url.as_str(), "-qc", sql])
            .output()
            .map_err(|err| format!("psql (postgresql-client) is needed: {err}"))?;
        if output.status.success() {
            Ok(())
        } else {
            let message = format!(
                "psql {}: `{sql}` failed: {}",
                self.admin_url,
                String::from_utf8_lossy(&output.stderr).trim()
            );
            // The admin URL may carry the server's password.
            Err(oauthclient_core::redact::redact_url_in(
                &message,
                &self.admin_url,
            ))
        }
    }
}

impl Drop for ThrowawayDatabase {
    fn drop(&mut self) {
        let _ = self.psql(&format!(
            "DROP DATABASE IF EXISTS {} WITH (FORCE)",
            self.name
        ));
    }
}

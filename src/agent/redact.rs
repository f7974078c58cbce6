//! Redaction of secrets before anything leaves the machine: private key blocks, well-known token
//! shapes (`AKIA…`, `sk-…`, `ghp_…`, `xox…`), credentials in URLs, passwords / tokens / secrets
//! in assignments, and every value of a `.env` file. Each secret becomes a numbered placeholder;
//! the mapping stays local so a rewrite that keeps a placeholder gets the real value back.

use std::path::Path;
use std::sync::LazyLock;

use regex::{Captures, Regex};

/// Text with secrets replaced, and how to put them back.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Redacted {
    pub text: String,
    /// `(placeholder, original)` pairs; never sent anywhere.
    pub restore: Vec<(String, String)>,
}

const KEY_WORDS: &str = r"[A-Za-z0-9_.\-]*(?:password|passwd|passphrase|pwd|secret|token|api[_\-]?key|apikey|access[_\-]?key|auth[_\-]?key|private[_\-]?key|client[_\-]?secret|credentials?)[A-Za-z0-9_.\-]*";

static PRIVATE_KEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----[\s\S]*?(-----END [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----|\z)").unwrap()
});
static TOKENS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b",
        r"|\bsk-[A-Za-z0-9_\-]{16,}",
        r"|\bgh[pousr]_[A-Za-z0-9]{20,}",
        r"|\bgithub_pat_[A-Za-z0-9_]{20,}",
        r"|\bxox[abposre]-[A-Za-z0-9\-]{10,}",
        r"|\bAIza[0-9A-Za-z_\-]{35}",
        r"|\beyJ[A-Za-z0-9_\-]{10,}\.[A-Za-z0-9_\-]{10,}\.[A-Za-z0-9_\-]{10,}",
    ))
    .unwrap()
});
static URL_CREDENTIALS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(://[^/\s:@]+:)([^@\s/]{3,})@").unwrap());
static QUOTED_ASSIGNMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r#"(?i)({KEY_WORDS}["']?\]?\s*(?::=|=>|:|=|==)\s*)(?:"([^"\n]{{3,}})"|'([^'\n]{{3,}})'|`([^`\n]{{3,}})`)"#
    ))
    .unwrap()
});
static BARE_ASSIGNMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r#"(?im)^(\s*(?:export\s+)?-?\s*{KEY_WORDS}\s*[:=]\s*)([^\s"'#\[{{][^\s#]{{2,}})"#
    ))
    .unwrap()
});
static ENV_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?m)^(\s*(?:export\s+)?[A-Za-z_][A-Za-z0-9_.]*\s*=\s*)(\S.*?)\s*$"#).unwrap()
});

/// Whether `path` is a dotenv file, whose every value is treated as a secret.
pub fn is_env_file(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name == ".env" || name.starts_with(".env.") || name.ends_with(".env")
}

/// Whether unquoted `key: value` assignments count as secrets (configuration formats).
pub fn is_config_file(path: &Path) -> bool {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    matches!(
        ext.as_str(),
        "yaml" | "yml" | "ini" | "cfg" | "conf" | "properties" | "toml" | "env" | "sh" | "bash"
    )
}

/// Redacts `text`; `config` also treats unquoted `password: value` assignments as secrets.
pub fn redact_text(text: &str, config: bool) -> Redacted {
    let mut r = Redactor::default();
    let mut s = PRIVATE_KEY
        .replace_all(text, |c: &Captures| r.hide(&c[0]))
        .into_owned();
    s = TOKENS
        .replace_all(&s, |c: &Captures| r.hide(&c[0]))
        .into_owned();
    s = URL_CREDENTIALS
        .replace_all(&s, |c: &Captures| format!("{}{}@", &c[1], r.hide(&c[2])))
        .into_owned();
    s = QUOTED_ASSIGNMENT
        .replace_all(&s, |c: &Captures| {
            let (q, v) = if let Some(v) = c.get(2) {
                ('"', v.as_str())
            } else if let Some(v) = c.get(3) {
                ('\'', v.as_str())
            } else {
                ('`', c.get(4).map(|m| m.as_str()).unwrap_or(""))
            };
            format!("{}{q}{}{q}", &c[1], r.hide(v))
        })
        .into_owned();
    if config {
        s = BARE_ASSIGNMENT
            .replace_all(&s, |c: &Captures| format!("{}{}", &c[1], r.hide(&c[2])))
            .into_owned();
    }
    Redacted {
        text: s,
        restore: r.restore,
    }
}

/// Redacts the text of a document at `path`: every value of a `.env` file, otherwise as
/// [`redact_text`] with unquoted assignments counted in configuration formats.
pub fn redact_document(path: Option<&Path>, text: &str) -> Redacted {
    let env = path.is_some_and(is_env_file);
    let config = path.is_some_and(|p| env || is_config_file(p));
    let mut first = redact_text(text, config);
    if env {
        let mut r = Redactor {
            restore: std::mem::take(&mut first.restore),
        };
        first.text = ENV_LINE
            .replace_all(&first.text, |c: &Captures| {
                format!("{}{}", &c[1], r.hide(&c[2]))
            })
            .into_owned();
        first.restore = r.restore;
    }
    first
}

/// Puts the originals back into `text` (an agent's reply that kept placeholders).
pub fn restore(text: &str, pairs: &[(String, String)]) -> String {
    let mut s = text.to_string();
    for (placeholder, original) in pairs.iter().rev() {
        s = s.replace(placeholder, original);
    }
    s
}

#[derive(Default)]
struct Redactor {
    restore: Vec<(String, String)>,
}

impl Redactor {
    fn hide(&mut self, secret: &str) -> String {
        if secret.starts_with("<redacted-") {
            return secret.to_string();
        }
        if let Some((p, _)) = self.restore.iter().find(|(_, o)| o == secret) {
            return p.clone();
        }
        let p = format!("<redacted-secret-{}>", self.restore.len() + 1);
        self.restore.push((p.clone(), secret.to_string()));
        p
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn red(s: &str) -> String {
        redact_text(s, false).text
    }

    #[test]
    fn token_shapes_are_hidden() {
        for secret in [
            "AKIAIOSFODNN7EXAMPLE",
            "sk-proj-abcdefghijklmnopqrstuvwxyz012345",
            "sk-ant-api03-abcdefghijklmnopqrstuv",
            "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
            "xoxb-1234567890-abcdefghij",
        ] {
            let out = red(&format!("key = {secret} # note"));
            assert!(!out.contains(secret), "{secret} leaked: {out}");
            assert!(out.contains("<redacted-secret-1>"), "{out}");
        }
    }

    #[test]
    fn private_keys_and_url_credentials() {
        let text = "x = 1\n-----BEGIN RSA PRIVATE KEY-----\nMIIEow\nabc\n-----END RSA PRIVATE KEY-----\ny = 2\n";
        let out = red(text);
        assert!(!out.contains("MIIEow"));
        assert!(out.starts_with("x = 1\n<redacted-secret-1>\ny = 2"));
        let out = red("DB = 'postgres://admin:hunter22@db:5432/x'");
        assert!(!out.contains("hunter22"), "{out}");
        assert!(out.contains("admin:"));
    }

    #[test]
    fn assignments_in_code() {
        let out = red(
            "password = \"correct horse\"\napi_key: 'abc123'\nconfig[\"client_secret\"] = \"zzz999\"\nname = \"fine\"\n",
        );
        assert!(
            !out.contains("correct horse") && !out.contains("abc123") && !out.contains("zzz999"),
            "{out}"
        );
        assert!(out.contains("name = \"fine\""));
        // A call is code, not a secret.
        assert_eq!(red("token = get_token()"), "token = get_token()");
    }

    #[test]
    fn config_and_env_files() {
        let r = redact_text("db:\n  password: s3cr3tvalue\n  host: x\n", true);
        assert!(!r.text.contains("s3cr3tvalue"));
        assert!(r.text.contains("host: x"));
        let r = redact_document(
            Some(Path::new("/p/.env")),
            "HOST=db.internal\nexport PORT=5432\n# comment\n",
        );
        assert!(
            !r.text.contains("db.internal") && !r.text.contains("5432"),
            "{}",
            r.text
        );
        assert!(r.text.contains("# comment"));
    }

    #[test]
    fn restore_round_trips() {
        let src = "token = \"abcdef\"\nother = \"abcdef\"\n";
        let r = redact_text(src, false);
        assert_eq!(r.restore.len(), 1, "same secret, same placeholder");
        assert_eq!(restore(&r.text, &r.restore), src);
    }
}

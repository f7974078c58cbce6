//! Redaction of secrets before anything leaves the machine: private key blocks, well-known token
//! shapes (`AKIA…`, `sk-…`, `sk_live_…`, `ghp_…`, `xox…`, `npm_…`, webhook URLs; the list is in
//! docs/agent.md), credentials in URLs, `Authorization` header values, 40-character AWS-style
//! secrets wherever they stand, passwords / tokens / secrets in assignments (code, connection
//! strings, `.npmrc`, Dockerfile `ENV`/`ARG`), and every value of a `.env` or `.envrc` file.
//! Each secret becomes a numbered placeholder; the mapping stays local so a rewrite that keeps a
//! placeholder gets the real value back. References (`$VAR`, `${VAR}`, `<token>`) are kept.

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
        // Stripe secret and restricted keys, webhook signing secrets.
        r"|\b[sr]k_(?:live|test)_[A-Za-z0-9]{16,}",
        r"|\bwhsec_[A-Za-z0-9]{24,}",
        r"|\bnpm_[A-Za-z0-9]{36}\b",
        r"|\bglpat-[A-Za-z0-9_\-]{20,}",
        r"|\bya29\.[0-9A-Za-z_\-]{20,}",
        r"|\bSG\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9_\-]{43}\b",
        r"|\bSK[0-9a-fA-F]{32}\b",
        r"|\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_\-]{50,}",
        r"|\bhf_[A-Za-z0-9]{34,}\b",
        r"|\bshp(?:at|ss|ca|pa)_[a-fA-F0-9]{32}\b",
        r"|\bdo[por]_v1_[a-f0-9]{64}\b",
        // Incoming webhooks carry their secret in the path.
        r"|https://hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9_/\-]{16,}",
        r"|https://(?:ptb\.|canary\.)?discord(?:app)?\.com/api/webhooks/[0-9]+/[A-Za-z0-9_\-]{20,}",
        r"|https://[a-z0-9\-]+\.webhook\.office\.com/[A-Za-z0-9@/_\-]{20,}",
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
/// `Authorization: Bearer <opaque>` in a header line, a header map or a curl argument.
static AUTH_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)(\b(?:proxy-)?authorization["']?\s*[:=,]\s*["']?\s*(?:bearer|token|basic|digest)\s+)([A-Za-z0-9._~+/\-]{8,}=*)"#).unwrap()
});
/// `Bearer <opaque>` anywhere (a string built elsewhere); the token must look random.
static BEARER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(\bbearer\s+)([A-Za-z0-9._~+/\-]{20,}=*)").unwrap());
/// A 40-character AWS-style secret on its own (a dict value, an argument), bounded by
/// characters that cannot be part of it; [`looks_random`] keeps identifiers and hex digests.
static AWS_SECRET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(^|[^A-Za-z0-9/+=])([A-Za-z0-9/+]{40})($|[^A-Za-z0-9/+=])").unwrap()
});
/// `.npmrc`: `//registry/:_authToken=…`, `_auth=…`, `_password=…`.
static NPMRC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?m)((?:^|:)_(?:authToken|auth|password)\s*=\s*)([^\s"'$][^\s]*)"#).unwrap()
});
/// Dockerfile `ENV`/`ARG` lines, in both forms (`K=V ...` and `K V`).
static DOCKER_ENV: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r#"(?im)^(\s*(?:ENV|ARG)\s+(?:[A-Za-z0-9_]+=\S+\s+)*)({KEY_WORDS})(\s*=\s*|\s+)([^\s"'$\\][^\s]*)"#
    ))
    .unwrap()
});
/// `Password=…;` in connection strings, `--password=…` on a command line.
static CONN_STRING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)((?:^|[;\s"'])(?:--)?(?:password|pwd|accountkey|sharedaccesskey|sharedaccesssignature)\s*=\s*)([^;\s"'<>(){}\[\],$%]{3,})([;"']|\s|$)"#).unwrap()
});
static ENV_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?m)^(\s*(?:export\s+)?[A-Za-z_][A-Za-z0-9_.]*\s*=\s*)(\S.*?)\s*$"#).unwrap()
});

/// Whether `path` is a dotenv file, whose every value is treated as a secret.
pub fn is_env_file(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name == ".env" || name.starts_with(".env.") || name.ends_with(".env") || name == ".envrc"
}

/// Whether a 40-character candidate is random enough to be a secret: mixed case and digits,
/// not all hex (digests), and high character entropy (identifiers and words are low).
fn looks_random(s: &str) -> bool {
    let has = |f: fn(&u8) -> bool| s.as_bytes().iter().any(f);
    if !(has(u8::is_ascii_uppercase) && has(u8::is_ascii_lowercase) && has(u8::is_ascii_digit)) {
        return false;
    }
    if s.bytes().all(|b| b.is_ascii_hexdigit()) {
        return false;
    }
    let mut counts = [0u32; 256];
    for b in s.bytes() {
        counts[b as usize] += 1;
    }
    let n = s.len() as f64;
    let entropy: f64 = counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = c as f64 / n;
            -p * p.log2()
        })
        .sum();
    entropy >= 4.2
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
    s = AUTH_HEADER
        .replace_all(&s, |c: &Captures| format!("{}{}", &c[1], r.hide(&c[2])))
        .into_owned();
    s = BEARER
        .replace_all(&s, |c: &Captures| {
            if c[2].bytes().any(|b| b.is_ascii_digit()) {
                format!("{}{}", &c[1], r.hide(&c[2]))
            } else {
                c[0].to_string()
            }
        })
        .into_owned();
    s = AWS_SECRET
        .replace_all(&s, |c: &Captures| {
            if looks_random(&c[2]) {
                format!("{}{}{}", &c[1], r.hide(&c[2]), &c[3])
            } else {
                c[0].to_string()
            }
        })
        .into_owned();
    s = NPMRC
        .replace_all(&s, |c: &Captures| format!("{}{}", &c[1], r.hide(&c[2])))
        .into_owned();
    s = DOCKER_ENV
        .replace_all(&s, |c: &Captures| {
            let key = c[2].to_ascii_uppercase();
            // `DB_PASSWORD_FILE=/run/secrets/db` names where the secret is, not the secret.
            if key.ends_with("_FILE") || key.ends_with("_PATH") || key.ends_with("_DIR") {
                c[0].to_string()
            } else {
                format!("{}{}{}{}", &c[1], &c[2], &c[3], r.hide(&c[4]))
            }
        })
        .into_owned();
    s = CONN_STRING
        .replace_all(&s, |c: &Captures| {
            format!("{}{}{}", &c[1], r.hide(&c[2]), &c[3])
        })
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

    /// Each shape from the adversarial pass (issue 11) and the documented list, one by one: the
    /// secret is gone, the text around it survives, and a near miss beside it is kept.
    #[test]
    fn each_secret_shape_is_hidden_and_its_near_miss_kept() {
        let aws = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        let cases: &[(&str, &str, &str, &str)] = &[
            // (file, text, secret, near miss that must survive)
            (
                "pay.py",
                "stripe.Charge.create(api_key=sk_live_4eC39HqLyjWDarjtT1zdp7dc, amount=5)",
                "sk_live_4eC39HqLyjWDarjtT1zdp7dc",
                "sk_live_docs",
            ),
            (
                "pay.py",
                "client = Stripe('rk_test_51H8abcdEFGHijklMNOPqrst')",
                "rk_test_51H8abcdEFGHijklMNOPqrst",
                "pk_live_publishable",
            ),
            (
                "aws.py",
                &format!("CREDS = {{\"prod\": (\"AKIA-id-elsewhere\", \"{aws}\")}}"),
                aws,
                "da39a3ee5e6b4b0d3255bfef95601890afd80709",
            ),
            (
                "api.py",
                "headers = {\"Authorization\": \"Bearer 8f2a1c9e7b3d4f6a0e5c\"}",
                "8f2a1c9e7b3d4f6a0e5c",
                "Authorization: Bearer ${API_TOKEN}",
            ),
            (
                "call.sh",
                "curl -H 'Authorization: Bearer abc123opaquevalue' https://x",
                "abc123opaquevalue",
                "the bearer of bad news",
            ),
            (
                "client.ts",
                "const h = `Bearer ${t}`; fetch(u, {headers: {auth: 'Bearer q8ZkP2mL9vX4nR7tY1wB'}})",
                "q8ZkP2mL9vX4nR7tY1wB",
                "Bearer ${t}",
            ),
            (
                ".npmrc",
                "//registry.example/:_authToken=npm_abcdefghijklmnopqrstuvwxyz0123456789\n",
                "npm_abcdefghijklmnopqrstuvwxyz0123456789",
                "_authToken=${NPM_TOKEN}",
            ),
            (
                ".npmrc",
                "//registry.example/:_authToken=opaque-legacy-token-value\n",
                "opaque-legacy-token-value",
                "registry=https://registry.example/",
            ),
            (
                "notify.py",
                "URL = \"https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX\"",
                "T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",
                "https://hooks.slack.com/docs",
            ),
            (
                "notify.py",
                "u = 'https://discord.com/api/webhooks/123456789012345678/abcdefghijklmnopqrstuvwxyz_-0123'",
                "abcdefghijklmnopqrstuvwxyz_-0123",
                "https://discord.com/developers",
            ),
            (
                "Dockerfile",
                "FROM postgres\nENV DB_PASSWORD=hunter2secret\n",
                "hunter2secret",
                "ENV DB_PASSWORD=$DB_PASSWORD",
            ),
            (
                "Dockerfile",
                "ENV PGUSER=app DB_PASSWORD=s3cr3t-in-a-list\nARG API_TOKEN tok3n-legacy-form\n",
                "s3cr3t-in-a-list",
                "ENV DB_PASSWORD_FILE=/run/secrets/db",
            ),
            (
                ".envrc",
                "use flake\nexport OPENAI_KEY_FOR_DEV=abc123xyz\nlayout python\n",
                "abc123xyz",
                "use flake",
            ),
            (
                "db.cs",
                "var cs = \"Server=db;User Id=sa;Password=Pa55w0rd!;Encrypt=true\";",
                "Pa55w0rd!",
                "User Id=sa",
            ),
            (
                "run.sh",
                "mysql --password=hunter2x -u root",
                "hunter2x",
                "connect(password=password)",
            ),
            (
                "ci.yml",
                "token: glpat-abcdefghij0123456789",
                "glpat-abcdefghij0123456789",
                "glpat-short",
            ),
            (
                "g.py",
                "t = 'ya29.a0AfH6SMBx3dKJ9s8f7g6h5j4k3l2'",
                "ya29.a0AfH6SMBx3dKJ9s8f7g6h5j4k3l2",
                "ya29.short",
            ),
            (
                "mail.py",
                "key = SG.abcdefghijklmnopqrstuv.abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
                "SG.abcdefghijklmnopqrstuv.abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
                "SG.short",
            ),
            (
                "hf.py",
                "login(hf_abcdefghijklmnopqrstuvwxyzABCDEFGH)",
                "hf_abcdefghijklmnopqrstuvwxyzABCDEFGH",
                "hf_hub_download",
            ),
            (
                "shop.rb",
                "SHOP = shpat_0123456789abcdef0123456789abcdef",
                "shpat_0123456789abcdef0123456789abcdef",
                "shpat_",
            ),
            (
                "whsec.py",
                "secret_for_hook = whsec_abcdefghijklmnopqrstuvwx12",
                "whsec_abcdefghijklmnopqrstuvwx12",
                "whsec_",
            ),
            (
                "twilio.py",
                "sid = SK0123456789abcdef0123456789abcdef",
                "SK0123456789abcdef0123456789abcdef",
                "SKU",
            ),
        ];
        for (file, text, secret, near) in cases {
            let doc = format!("{text}\n{near}\n");
            let out = redact_document(Some(Path::new(file)), &doc);
            assert!(
                !out.text.contains(secret),
                "{file}: {secret} leaked: {}",
                out.text
            );
            assert!(out.text.contains("<redacted-secret-1>"), "{}", out.text);
            assert!(
                out.text.contains(&format!("\n{near}\n")),
                "{file}: near miss {near:?} was changed: {}",
                out.text
            );
            assert_eq!(restore(&out.text, &out.restore), doc, "{file}");
        }
    }

    /// Long random-looking text that is not a secret: identifiers, digests, base64 lines.
    #[test]
    fn forty_character_near_misses_survive() {
        for keep in [
            "let ThisIsAnExtremelyLongIdentifierName12 = 1;",
            "commit da39a3ee5e6b4b0d3255bfef95601890afd80709",
            "DA39A3EE5E6B4B0D3255BFEF95601890AFD80709",
            "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
            "path/to/some/Module/with/Many/Segments1",
        ] {
            assert_eq!(red(keep), keep);
        }
    }

    #[test]
    fn restore_round_trips() {
        let src = "token = \"abcdef\"\nother = \"abcdef\"\n";
        let r = redact_text(src, false);
        assert_eq!(r.restore.len(), 1, "same secret, same placeholder");
        assert_eq!(restore(&r.text, &r.restore), src);
    }
}

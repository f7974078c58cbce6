//! A real LiteLLM proxy (`litellm[proxy]==1.80.17`, installed by scripts/litellm-venv.sh into a
//! cached venv) on a loopback port, with a generated config: mock models for a code reply, prose
//! only, a long slow reply, a 429 and a 500, behind a master key; `claude-code` serves the
//! Anthropic Messages route by routing to `code` through the same proxy (LiteLLM translates the
//! stream), so both wire formats come from LiteLLM's own code. Nothing leaves loopback: the
//! model cost map is read from the package (`LITELLM_LOCAL_MODEL_COST_MAP`), telemetry is off,
//! proxies are unset.
//!
//! `SKILL_LSP_LITELLM` names the `litellm` executable; without it the tests say they were skipped,
//! unless `SKILL_LSP_REQUIRE_LITELLM=1` (scripts/test.sh sets both), where a missing proxy fails.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const MASTER_KEY: &str = "sk-test-litellm-master-0123456789";
/// The reply of the `code` and `claude-code` models.
pub const CODE_REPLY: &str = "Here is the fix:\n```python\ntry:\n    return open(p).read()\nexcept OSError:\n    return None\n```\n";
pub const PROSE_REPLY: &str =
    "I would leave this code as it is: the bare except is intentional because the caller retries.";

/// The running proxy; dropping it stops it.
pub struct Proxy {
    pub port: u16,
    child: Child,
    _dir: tempfile::TempDir,
    pub log: PathBuf,
    /// How long the proxy took to answer its health check.
    pub startup: Duration,
}

impl Drop for Proxy {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Proxy {
    pub fn base(&self) -> String {
        format!("http://127.0.0.1:{}/v1", self.port)
    }
}

/// The `litellm` executable, or `None` (after saying so) when the tests should skip.
pub fn executable() -> Option<PathBuf> {
    match std::env::var_os("SKILL_LSP_LITELLM").filter(|v| !v.is_empty()) {
        Some(p) => Some(PathBuf::from(p)),
        None if std::env::var("SKILL_LSP_REQUIRE_LITELLM").as_deref() == Ok("1") => {
            panic!(
                "SKILL_LSP_REQUIRE_LITELLM=1 but SKILL_LSP_LITELLM is not set (scripts/litellm-venv.sh prints it)"
            )
        }
        None => {
            eprintln!(
                "skipped: set SKILL_LSP_LITELLM to a litellm[proxy]==1.80.17 executable (scripts/litellm-venv.sh)"
            );
            None
        }
    }
}

fn config(port: u16) -> String {
    let q = |s: &str| serde_json::to_string(s).unwrap();
    let long: String = (0..400)
        .map(|i| format!("Line {i} of a long answer about error handling.\n"))
        .collect();
    format!(
        r#"model_list:
  - model_name: code
    litellm_params: {{model: openai/mock-code, api_key: unused, mock_response: {code}}}
  - model_name: claude-code
    litellm_params: {{model: openai/code, api_base: "http://127.0.0.1:{port}/v1", api_key: {key}}}
  - model_name: prose
    litellm_params: {{model: openai/mock-prose, api_key: unused, mock_response: {prose}}}
  - model_name: slow
    litellm_params: {{model: openai/mock-slow, api_key: unused, mock_delay: 3, mock_response: {long}}}
  - model_name: ratelimited
    litellm_params: {{model: openai/mock-429, api_key: unused, mock_response: "litellm.RateLimitError"}}
  - model_name: broken
    litellm_params: {{model: openai/mock-500, api_key: unused, mock_response: "litellm.InternalServerError"}}
litellm_settings:
  telemetry: false
  num_retries: 0
  request_timeout: 60
general_settings:
  master_key: {key}
"#,
        code = q(CODE_REPLY),
        prose = q(PROSE_REPLY),
        long = q(&long),
        key = q(MASTER_KEY),
    )
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn healthy(port: u16) -> bool {
    use std::io::{Read, Write};
    let Ok(mut s) = std::net::TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let _ = s.set_read_timeout(Some(Duration::from_secs(2)));
    let req = format!(
        "GET /health/liveliness HTTP/1.1\r\nhost: 127.0.0.1:{port}\r\nconnection: close\r\n\r\n"
    );
    if s.write_all(req.as_bytes()).is_err() {
        return false;
    }
    let mut buf = [0u8; 64];
    matches!(s.read(&mut buf), Ok(n) if n > 12 && buf[..n].starts_with(b"HTTP/1.1 200"))
}

/// Starts the proxy and waits (up to two minutes: it imports a lot) until it answers.
pub fn start(exe: &std::path::Path) -> Proxy {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let cfg = dir.path().join("config.yaml");
    std::fs::write(&cfg, config(port)).unwrap();
    let log = dir.path().join("litellm.log");
    let out = std::fs::File::create(&log).unwrap();
    let mut cmd = Command::new(exe);
    cmd.args([
        "--config",
        cfg.to_str().unwrap(),
        "--host",
        "127.0.0.1",
        "--port",
        &port.to_string(),
    ])
    .env("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    .env("LITELLM_TELEMETRY", "False")
    .env("HOME", dir.path())
    .env_remove("HTTP_PROXY")
    .env_remove("HTTPS_PROXY")
    .env_remove("http_proxy")
    .env_remove("https_proxy")
    .env_remove("OPENAI_API_KEY")
    .env_remove("ANTHROPIC_API_KEY")
    .env_remove("DATABASE_URL")
    .stdin(Stdio::null())
    .stdout(out.try_clone().unwrap())
    .stderr(out);
    // The proxy dies with this test process even if the test panics or is killed.
    #[cfg(target_os = "linux")]
    unsafe {
        use std::os::unix::process::CommandExt;
        cmd.pre_exec(|| {
            libc::prctl(
                libc::PR_SET_PDEATHSIG,
                libc::SIGKILL as libc::c_ulong,
                0,
                0,
                0,
            );
            Ok(())
        });
    }
    let t = Instant::now();
    let mut child = cmd.spawn().expect("start litellm");
    loop {
        if healthy(port) {
            break;
        }
        if let Ok(Some(st)) = child.try_wait() {
            panic!(
                "litellm exited ({st}): {}",
                std::fs::read_to_string(&log).unwrap_or_default()
            );
        }
        if t.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!(
                "litellm did not answer within 120 s: {}",
                std::fs::read_to_string(&log).unwrap_or_default()
            );
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    Proxy {
        port,
        child,
        _dir: dir,
        log,
        startup: t.elapsed(),
    }
}

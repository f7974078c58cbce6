//! Agents: the [`Agent`] trait every backend implements, the request / event / error types, the
//! limits every backend honours, and the `auto` choice of a backend from settings. Knows nothing
//! of LSP.
//!
//! A run is one future: it streams [`AgentEvent`]s into a channel while it runs and ends with the
//! whole reply or a typed [`AgentError`]. Dropping the future stops the work (the HTTP connection
//! is closed, the command's process group is killed), and so does cancelling the
//! [`CancellationToken`] passed in, so callers never need to wait for a stubborn backend.

pub mod anthropic;
pub mod command;
pub mod context;
mod http;
pub mod openai;
pub mod preset;
pub mod prompt;
pub mod redact;
pub mod reply;
pub mod widen;

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

pub use tokio_util::sync::CancellationToken;

use crate::settings::{AgentSettings, Provider};

/// Longest a reply may be before the run stops with [`AgentError::TooLarge`].
pub const DEFAULT_MAX_REPLY_BYTES: usize = 1024 * 1024;

/// What an agent is asked: one system message and the user's message(s).
#[derive(Debug, Clone, PartialEq)]
pub struct AgentRequest {
    pub system: String,
    /// User turns, in order (usually one).
    pub user: Vec<String>,
    /// Model override; `None` uses the backend's configured model.
    pub model: Option<String>,
    pub max_tokens: u32,
    pub temperature: f64,
}

impl AgentRequest {
    /// The request as one plain text (what the `command` backend writes to stdin).
    pub fn as_plain_text(&self) -> String {
        let mut out = String::new();
        if !self.system.is_empty() {
            out.push_str(&self.system);
            out.push_str("\n\n");
        }
        out.push_str(&self.user.join("\n\n"));
        out
    }
}

/// Token counts reported by the provider.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Usage {
    pub input_tokens: u64,
    pub output_tokens: u64,
}

/// Something that happened while a run streams.
#[derive(Debug, Clone, PartialEq)]
pub enum AgentEvent {
    /// The request left (HTTP request sent / process spawned with its input written).
    Sent,
    /// A piece of the reply.
    Text(String),
    Usage(Usage),
    /// The reply is complete.
    Done,
}

/// Where a running agent sends its events. Sends never block; a closed receiver is ignored.
pub type EventSink = tokio::sync::mpsc::UnboundedSender<AgentEvent>;

/// The whole reply of a successful run.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AgentReply {
    pub text: String,
    pub usage: Option<Usage>,
    /// The model stopped because it hit the output limit, so the reply is cut short.
    pub truncated: bool,
}

/// Every way a run can fail. Messages are for users: they say what to do and never contain a key.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AgentError {
    #[error("could not connect to the agent at {endpoint}: {detail}")]
    Refused { endpoint: String, detail: String },
    #[error("{}", unauthorized_message(*status, env_var))]
    Unauthorized { status: u16, env_var: String },
    #[error(
        "the agent answered 404 (not found) for the model `{0}`: check `agent.model` and `agent.endpoint`"
    )]
    NotFound(String),
    #[error("the agent is rate limiting requests{}", match retry_after { Some(d) => format!(" and asks to wait {} s before the next one; try again then", d.as_secs()), None => "; retries exhausted, try again later".into() })]
    RateLimited { retry_after: Option<Duration> },
    #[error(
        "the agent answered with a server error (HTTP {status}){}",
        detail_suffix(detail)
    )]
    Server { status: u16, detail: String },
    #[error(
        "the agent rejected the request (HTTP {status}){}",
        detail_suffix(detail)
    )]
    BadRequest { status: u16, detail: String },
    #[error("the agent did not finish within {}s (setting `agent.timeoutSecs`)", .0.as_secs())]
    Timeout(Duration),
    #[error("the agent stopped sending for {}s in the middle of its reply", .0.as_secs())]
    Stalled(Duration),
    #[error("the connection to the agent broke before the reply was complete: {0}")]
    BrokenStream(String),
    #[error("the agent sent something that is not its wire format: {0}")]
    Malformed(String),
    #[error("the reply is larger than the limit of {limit} bytes; stopped reading")]
    TooLarge { limit: usize },
    #[error("the agent command failed (exit {}): {}", code.map(|c| c.to_string()).unwrap_or_else(|| "by signal".into()), if stderr.is_empty() { "no error output" } else { stderr.as_str() })]
    CommandFailed { code: Option<i32>, stderr: String },
    #[error(
        "could not start the agent command `{program}`: {detail} (check `agent.command` and `PATH`)"
    )]
    CommandNotStarted { program: String, detail: String },
    #[error("the agent returned an empty reply")]
    Empty,
    #[error("{0}")]
    NoAgent(String),
    #[error("cancelled")]
    Cancelled,
}

fn unauthorized_message(status: u16, env_var: &str) -> String {
    if status == 0 {
        format!(
            "no API key: set the environment variable {env_var} (or `agent.apiKeyEnv` to the variable that holds it)"
        )
    } else {
        format!(
            "the agent rejected the credentials (HTTP {status}): set the environment variable {env_var} to a valid API key"
        )
    }
}

fn detail_suffix(detail: &str) -> String {
    if detail.is_empty() {
        String::new()
    } else {
        format!(": {detail}")
    }
}

impl AgentError {
    /// Worth another attempt (before any part of the reply was received).
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            AgentError::Refused { .. } | AgentError::RateLimited { .. } | AgentError::Server { .. }
        )
    }
}

/// The boxed future every backend returns.
pub type AgentFuture<'a> =
    Pin<Box<dyn Future<Output = Result<AgentReply, AgentError>> + Send + 'a>>;

/// An agent backend. Implementations must stop promptly when `cancel` fires or the future is
/// dropped, and must never put a secret in an error or a log line.
pub trait Agent: Send + Sync {
    /// Short human description for progress messages and logs (`openai gpt-4.1-mini`).
    fn describe(&self) -> String;
    /// Exactly what [`Agent::run`] would send for `request` (the JSON body, or for a command its
    /// program, arguments and stdin), for `skill-lsp ask --dry-run`. Never contains a key.
    fn wire_body(&self, request: &AgentRequest) -> serde_json::Value {
        serde_json::json!({ "system": request.system, "user": request.user, "max_tokens": request.max_tokens, "temperature": request.temperature })
    }
    /// Run one request, streaming events into `events`.
    fn run<'a>(
        &'a self,
        request: AgentRequest,
        events: EventSink,
        cancel: CancellationToken,
    ) -> AgentFuture<'a>;
}

/// Time and size limits shared by the backends.
#[derive(Debug, Clone, PartialEq)]
pub struct Limits {
    /// Whole run, retries included.
    pub timeout: Duration,
    /// Longest silence between two chunks of a stream (HTTP backends).
    pub stall: Duration,
    /// Time to open a connection.
    pub connect: Duration,
    /// Retries on 429 / 5xx / refused connections.
    pub retries: u32,
    /// First backoff; doubled on each retry.
    pub backoff: Duration,
    /// Upper bound on one wait (also caps `Retry-After`).
    pub max_backoff: Duration,
    pub max_reply_bytes: usize,
}

impl Limits {
    pub fn from_settings(s: &AgentSettings) -> Limits {
        Limits {
            timeout: Duration::from_secs(s.timeout_secs.max(1)),
            // Reasoning models and local models that are still loading can be silent for a while.
            stall: Duration::from_secs(60.min(s.timeout_secs.max(1))),
            connect: Duration::from_secs(10),
            retries: s.retries.min(10),
            backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(20),
            max_reply_bytes: DEFAULT_MAX_REPLY_BYTES,
        }
    }

    /// Wait before retry number `attempt` (0-based), honouring a server's `Retry-After`.
    pub fn backoff_for(&self, attempt: u32, retry_after: Option<Duration>) -> Duration {
        let exp = self.backoff.saturating_mul(1u32 << attempt.min(16));
        retry_after.unwrap_or(exp).min(self.max_backoff)
    }
}

/// Default models when the user names none.
pub const DEFAULT_ANTHROPIC_MODEL: &str = "claude-sonnet-4-5";
pub const DEFAULT_OPENAI_MODEL: &str = "gpt-4.1-mini";
pub const DEFAULT_OLLAMA_MODEL: &str = "llama3.2";
/// Where a local Ollama answers.
pub const OLLAMA_BASE: &str = "http://127.0.0.1:11434";

/// Reads an environment variable holding a key; empty counts as unset.
fn env_key(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// The key to send: a local endpoint gets the provider's usual key only when `agent.apiKeyEnv`
/// names it explicitly (a local server needs none, and a logging proxy should not see it).
fn key_for(s: &AgentSettings, endpoint: &str, env_var: &str) -> Option<String> {
    if s.api_key_env.is_none() && is_loopback(endpoint) {
        None
    } else {
        env_key(env_var)
    }
}

/// Builds the agent the settings describe. `Provider::Auto` looks at the environment and probes a
/// local Ollama (short timeout); when nothing is found the error is [`AgentError::NoAgent`] with a
/// message saying how to configure one.
pub async fn from_settings(s: &AgentSettings) -> Result<Arc<dyn Agent>, AgentError> {
    from_settings_with(s, OLLAMA_BASE).await
}

/// [`from_settings`] with the Ollama probe address made explicit (tests point it at a fake).
pub async fn from_settings_with(
    s: &AgentSettings,
    ollama_base: &str,
) -> Result<Arc<dyn Agent>, AgentError> {
    let limits = Limits::from_settings(s);
    match s.provider {
        Provider::None => Err(AgentError::NoAgent(
            "no agent: `agent.provider` is `none`; set it to `auto`, `openai`, `anthropic` or `command`".into(),
        )),
        Provider::OpenAi => {
            let env_var = s.api_key_env.clone().unwrap_or_else(|| "OPENAI_API_KEY".into());
            let endpoint = s.endpoint.clone().unwrap_or_else(|| openai::DEFAULT_ENDPOINT.into());
            let model = s.model.clone().unwrap_or_else(|| DEFAULT_OPENAI_MODEL.into());
            let key = key_for(s, &endpoint, &env_var);
            Ok(Arc::new(openai::OpenAi::new(endpoint, model, key, env_var, limits)?))
        }
        Provider::Anthropic => {
            let env_var = s.api_key_env.clone().unwrap_or_else(|| "ANTHROPIC_API_KEY".into());
            let endpoint = s.endpoint.clone().unwrap_or_else(|| anthropic::DEFAULT_ENDPOINT.into());
            let model = s.model.clone().unwrap_or_else(|| DEFAULT_ANTHROPIC_MODEL.into());
            let key = key_for(s, &endpoint, &env_var);
            Ok(Arc::new(anthropic::Anthropic::new(endpoint, model, key, env_var, limits)?))
        }
        Provider::Command => {
            if let Some(p) = s.preset {
                // `agent.command` may point at the program elsewhere; `agent.args` add to the preset's.
                let program = s.command.clone().unwrap_or_else(|| p.program().into());
                let args = p.args().iter().map(|a| a.to_string()).chain(s.args.iter().cloned()).collect();
                return Ok(Arc::new(command::CommandAgent::new(program, args, limits)));
            }
            let program = s.command.clone().ok_or_else(|| {
                AgentError::NoAgent("`agent.provider` is `command` but neither `agent.command` nor `agent.preset` is set".into())
            })?;
            Ok(Arc::new(command::CommandAgent::new(program, s.args.clone(), limits)))
        }
        Provider::Auto if s.preset.is_some() => {
            Box::pin(from_settings_with(&AgentSettings { provider: Provider::Command, ..s.clone() }, ollama_base)).await
        }
        Provider::Auto => {
            // A key named in settings decides the provider by its name; otherwise the usual variables.
            if let Some(var) = &s.api_key_env
                && env_key(var).is_some()
            {
                let provider = if var.to_ascii_uppercase().contains("ANTHROPIC") { Provider::Anthropic } else { Provider::OpenAi };
                return Box::pin(from_settings_with(&AgentSettings { provider, ..s.clone() }, ollama_base)).await;
            }
            if s.endpoint.is_some() {
                return Box::pin(from_settings_with(&AgentSettings { provider: Provider::OpenAi, ..s.clone() }, ollama_base)).await;
            }
            if s.command.is_some() {
                return Box::pin(from_settings_with(&AgentSettings { provider: Provider::Command, ..s.clone() }, ollama_base)).await;
            }
            if env_key("ANTHROPIC_API_KEY").is_some() {
                let s2 = AgentSettings { provider: Provider::Anthropic, api_key_env: None, ..s.clone() };
                return Box::pin(from_settings_with(&s2, ollama_base)).await;
            }
            if env_key("OPENAI_API_KEY").is_some() {
                let s2 = AgentSettings { provider: Provider::OpenAi, api_key_env: None, ..s.clone() };
                return Box::pin(from_settings_with(&s2, ollama_base)).await;
            }
            if let Some(models) = probe_ollama(ollama_base, Duration::from_millis(400)).await {
                let model = s
                    .model
                    .clone()
                    .or_else(|| models.into_iter().next())
                    .unwrap_or_else(|| DEFAULT_OLLAMA_MODEL.into());
                let endpoint = format!("{}/v1", ollama_base.trim_end_matches('/'));
                return Ok(Arc::new(openai::OpenAi::new(endpoint, model, None, "OPENAI_API_KEY".into(), limits)?));
            }
            Err(AgentError::NoAgent(
                "no agent configured: set ANTHROPIC_API_KEY or OPENAI_API_KEY, run Ollama on 127.0.0.1:11434, \
                 or set `agent.provider` (openai, anthropic, command) in your user or editor settings"
                    .into(),
            ))
        }
    }
}

/// Asks a local Ollama for its models (`/api/tags`); `None` when nothing answers in time.
pub async fn probe_ollama(base: &str, within: Duration) -> Option<Vec<String>> {
    let client = reqwest::Client::builder()
        .timeout(within)
        .connect_timeout(within)
        .no_proxy()
        .build()
        .ok()?;
    let base = base.trim_end_matches('/');
    if let Ok(resp) = client.get(format!("{base}/api/tags")).send().await
        && resp.status().is_success()
    {
        let v: serde_json::Value = resp.json().await.unwrap_or_default();
        let models = v["models"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|m| m["name"].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        return Some(models);
    }
    let resp = client.get(format!("{base}/v1/models")).send().await.ok()?;
    if !resp.status().is_success() {
        return None;
    }
    let v: serde_json::Value = resp.json().await.unwrap_or_default();
    Some(
        v["data"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|m| m["id"].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default(),
    )
}

/// Whether a URL points at this machine (no key is needed there).
pub fn is_loopback(url: &str) -> bool {
    let rest = url.split("://").nth(1).unwrap_or(url);
    let host_port = rest.split('/').next().unwrap_or("");
    let host = if let Some(stripped) = host_port.strip_prefix('[') {
        stripped.split(']').next().unwrap_or("")
    } else {
        host_port
            .rsplit_once(':')
            .map(|(h, _)| h)
            .unwrap_or(host_port)
    };
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// Runs `fut` until it ends, `cancel` fires, or `timeout` passes, whichever comes first. The
/// future is dropped on the other two, which closes connections and kills processes it owns.
pub(crate) async fn guarded<T>(
    fut: impl Future<Output = Result<T, AgentError>>,
    cancel: &CancellationToken,
    timeout: Duration,
) -> Result<T, AgentError> {
    tokio::select! {
        biased;
        _ = cancel.cancelled() => Err(AgentError::Cancelled),
        r = tokio::time::timeout(timeout, fut) => r.unwrap_or(Err(AgentError::Timeout(timeout))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_hosts() {
        assert!(is_loopback("http://127.0.0.1:8080/v1"));
        assert!(is_loopback("http://localhost:11434/v1"));
        assert!(is_loopback("http://[::1]:80/"));
        assert!(!is_loopback("https://api.openai.com/v1"));
        assert!(!is_loopback("https://127.example.com/v1"));
    }

    #[test]
    fn backoff_doubles_and_is_capped() {
        let l = Limits {
            backoff: Duration::from_millis(100),
            max_backoff: Duration::from_secs(1),
            ..Limits::from_settings(&crate::settings::Settings::default().agent)
        };
        assert_eq!(l.backoff_for(0, None), Duration::from_millis(100));
        assert_eq!(l.backoff_for(2, None), Duration::from_millis(400));
        assert_eq!(l.backoff_for(9, None), Duration::from_secs(1));
        assert_eq!(
            l.backoff_for(0, Some(Duration::from_secs(60))),
            Duration::from_secs(1)
        );
    }

    #[test]
    fn messages_say_what_to_do() {
        let e = AgentError::Unauthorized {
            status: 401,
            env_var: "MY_KEY".into(),
        };
        assert!(e.to_string().contains("MY_KEY"));
        let e = AgentError::CommandFailed {
            code: Some(3),
            stderr: "boom".into(),
        };
        assert_eq!(e.to_string(), "the agent command failed (exit 3): boom");
    }
}

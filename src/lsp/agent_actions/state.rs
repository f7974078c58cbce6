//! Per-server agent state: the injected agent, the one built from settings (cached), the runs in
//! progress (by progress token, for cancellation) and the hover explanations.

use std::collections::HashMap;
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::sync::watch;
use tracing::info;

use crate::agent::{self, Agent, AgentError, CancellationToken};
use crate::lsp::proto::{NumberOrString, ProgressToken};
use crate::settings::AgentSettings;

/// How long a "no agent" answer from `auto` is trusted before probing again.
pub(super) const NO_AGENT_TTL: Duration = Duration::from_secs(30);

pub(super) type Resolved = (AgentSettings, Instant, Result<Arc<dyn Agent>, AgentError>);

/// Per-server agent state: the injected agent, the one built from settings, running jobs, and
/// the hover cache.
pub struct AgentState {
    pub injected: Option<Arc<dyn Agent>>,
    pub(super) resolved: tokio::sync::Mutex<Option<Resolved>>,
    /// Progress token -> cancellation of the run it reports.
    pub(super) jobs: Mutex<HashMap<String, CancellationToken>>,
    pub(super) next: AtomicU64,
    pub(super) hover: Mutex<HashMap<(String, Vec<String>), HoverEntry>>,
    /// Overrides every wait for the client's answers (tests).
    pub(super) client_timeout: Option<Duration>,
}

#[derive(Clone)]
pub(super) enum HoverEntry {
    Pending(watch::Receiver<Option<String>>),
    Ready(String),
    Failed(Instant),
}

impl AgentState {
    pub fn new(injected: Option<Arc<dyn Agent>>, client_timeout: Option<Duration>) -> Self {
        AgentState {
            client_timeout,
            injected,
            resolved: tokio::sync::Mutex::new(None),
            jobs: Mutex::new(HashMap::new()),
            next: AtomicU64::new(1),
            hover: Mutex::new(HashMap::new()),
        }
    }

    /// The agent to use: the injected one, else the one the settings describe (cached per settings).
    pub async fn agent(&self, settings: &AgentSettings) -> Result<Arc<dyn Agent>, AgentError> {
        if let Some(a) = &self.injected {
            return Ok(a.clone());
        }
        let mut slot = self.resolved.lock().await;
        if let Some((s, at, r)) = slot.as_ref()
            && s == settings
            && (r.is_ok() || at.elapsed() < NO_AGENT_TTL)
        {
            return r.clone();
        }
        let r = agent::from_settings(settings).await;
        match &r {
            Ok(a) => info!(agent = %a.describe(), "agent ready"),
            Err(e) => info!("no agent: {e}"),
        }
        *slot = Some((settings.clone(), Instant::now(), r.clone()));
        r
    }

    /// Number of runs in progress (tests and `doctor`).
    pub fn running(&self) -> usize {
        self.jobs.lock().expect("lock").len()
    }

    /// Stops every run in progress (end of input, exit, a signal): each ends at once, killing its
    /// command's process group, and its request is answered with `cancelled`.
    pub fn cancel_all(&self) {
        let jobs = self.jobs.lock().expect("lock");
        if !jobs.is_empty() {
            info!(runs = jobs.len(), "stopping the agent runs in progress");
        }
        for c in jobs.values() {
            c.cancel();
        }
    }
}

/// Wraps the server's input so that end of input (or a read error) stops the agent runs in
/// progress: the framework finishes in-flight requests before it returns, and a run must not
/// keep the process alive until `agent.timeoutSecs`.
pub struct CancelOnEof<R> {
    inner: R,
    /// Called once, at the end of input: cancels the runs (the server passes the session's).
    on_end: Option<Box<dyn FnOnce() + Send>>,
}

impl<R> CancelOnEof<R> {
    pub fn new(inner: R, on_end: impl FnOnce() + Send + 'static) -> Self {
        CancelOnEof {
            inner,
            on_end: Some(Box::new(on_end)),
        }
    }
}

impl<R: tokio::io::AsyncRead + Unpin> tokio::io::AsyncRead for CancelOnEof<R> {
    fn poll_read(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &mut tokio::io::ReadBuf<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        let before = buf.filled().len();
        let r = std::pin::Pin::new(&mut self.inner).poll_read(cx, buf);
        let ended = match &r {
            std::task::Poll::Ready(Ok(())) => buf.filled().len() == before && buf.remaining() > 0,
            std::task::Poll::Ready(Err(_)) => true,
            std::task::Poll::Pending => false,
        };
        if ended && let Some(on_end) = self.on_end.take() {
            on_end();
        }
        r
    }
}

pub(super) fn token_key(t: &ProgressToken) -> String {
    match t {
        NumberOrString::Number(n) => format!("n:{n}"),
        NumberOrString::String(s) => format!("s:{s}"),
    }
}

/// `window/workDoneProgress/cancel`: stop the run that reports on `token`.
pub fn cancel_progress(agent: &AgentState, token: ProgressToken) {
    let key = token_key(&token);
    if let Some(c) = agent.jobs.lock().expect("lock").get(&key) {
        info!("cancelling the agent run ({key})");
        c.cancel();
    }
}

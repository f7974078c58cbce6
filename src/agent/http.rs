//! What the HTTP backends share: sending a JSON request with bounded retries and backoff, mapping
//! statuses to [`AgentError`]s, and reading a Server-Sent Events stream with a stall timeout and
//! a reply cap. Secrets travel only in headers and are scrubbed from any text the server echoes.

use std::time::Duration;

use eventsource_stream::{EventStreamError, Eventsource};
use futures_util::StreamExt;

use super::{
    AgentError, AgentEvent, AgentReply, AgentRequest, CancellationToken, EventSink, Limits, Usage,
};

/// What an HTTP backend (OpenAI-compatible, Anthropic) holds, and how a run of either goes:
/// a remote endpoint without a key fails at once, else the body is posted and the SSE stream
/// read, under the run's cancellation and time limit.
pub(crate) struct Endpoint {
    /// The base URL (`.../v1`), without a trailing `/`.
    pub base: String,
    /// The configured model; a request may name another.
    pub model: String,
    /// Never logged or shown; `Debug` is not derived for this reason.
    pub key: Option<String>,
    pub env_var: String,
    pub limits: Limits,
    client: reqwest::Client,
}

impl Endpoint {
    pub fn new(
        base: String,
        model: String,
        key: Option<String>,
        env_var: String,
        limits: Limits,
    ) -> Result<Self, AgentError> {
        let client = client(&base, &limits)?;
        Ok(Endpoint {
            base: base.trim_end_matches('/').to_string(),
            model,
            key,
            env_var,
            limits,
            client,
        })
    }

    /// The model `request` runs with.
    pub fn model_for(&self, request: &AgentRequest) -> String {
        request.model.clone().unwrap_or_else(|| self.model.clone())
    }

    /// `<kind> <model> at <endpoint without credentials>`.
    pub fn describe(&self, kind: &str) -> String {
        format!("{kind} {} at {}", self.model, public_url(&self.base))
    }

    /// Post `body` to `url` with `headers` (and `auth(key)` when there is a key) and stream the
    /// reply through `parse`.
    #[allow(clippy::too_many_arguments)]
    pub async fn run(
        &self,
        url: String,
        mut headers: Vec<(&'static str, String)>,
        auth: fn(&str) -> (&'static str, String),
        body: serde_json::Value,
        request: &AgentRequest,
        events: &EventSink,
        cancel: &CancellationToken,
        parse: impl FnMut(&str, &str) -> Result<Parsed, AgentError>,
    ) -> Result<AgentReply, AgentError> {
        if self.key.is_none() && !super::is_loopback(&self.base) {
            return Err(AgentError::Unauthorized {
                status: 0,
                env_var: self.env_var.clone(),
            });
        }
        let model = self.model_for(request);
        if let Some(k) = &self.key {
            headers.push(auth(k));
        }
        let call = SseCall {
            client: &self.client,
            url,
            headers,
            body,
            limits: &self.limits,
            env_var: &self.env_var,
            model: &model,
            secret: self.key.as_deref(),
        };
        let fut = stream_sse(call, events, parse);
        super::guarded(fut, cancel, self.limits.timeout).await
    }
}

/// One streaming call.
pub(crate) struct SseCall<'a> {
    pub client: &'a reqwest::Client,
    pub url: String,
    /// Extra headers; values may be secrets and are never logged.
    pub headers: Vec<(&'static str, String)>,
    pub body: serde_json::Value,
    pub limits: &'a Limits,
    /// Named in 401/403 messages.
    pub env_var: &'a str,
    pub model: &'a str,
    /// Scrubbed from any text taken from the server's answers.
    pub secret: Option<&'a str>,
}

/// What a provider's parser found in one SSE event.
#[derive(Debug, Default)]
pub(crate) struct Parsed {
    pub text: Option<String>,
    pub usage: Option<Usage>,
    /// The provider's end marker was seen.
    pub done: bool,
    /// The model stopped at its output limit.
    pub truncated: bool,
}

/// Builds the client used by a backend (no proxy for loopback endpoints, so a corporate proxy
/// setting does not swallow requests to a local model).
pub(crate) fn client(endpoint: &str, limits: &Limits) -> Result<reqwest::Client, AgentError> {
    let mut b = reqwest::Client::builder().connect_timeout(limits.connect);
    if super::is_loopback(endpoint) {
        b = b.no_proxy();
    }
    b.build().map_err(|e| AgentError::Refused {
        endpoint: public_url(endpoint),
        detail: innermost(&e),
    })
}

/// The URL without its query string (a user might put a key there).
pub(crate) fn public_url(url: &str) -> String {
    url.split(['?', '#']).next().unwrap_or(url).to_string()
}

/// The innermost cause of an error, which names the OS error without repeating URLs.
fn innermost(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cur: &(dyn std::error::Error + 'static) = e;
    while let Some(next) = cur.source() {
        cur = next;
    }
    cur.to_string()
}

/// Sends the request, retrying refused connections, 429 and 5xx with backoff. A wait that would
/// not fit (a `Retry-After` beyond `max_backoff`, or past the run's time budget) is not made:
/// the error is reported at once rather than turning into a timeout.
async fn send_with_retries(call: &SseCall<'_>) -> Result<reqwest::Response, AgentError> {
    let started = std::time::Instant::now();
    let mut attempt = 0u32;
    loop {
        let err = match send_once(call).await {
            Ok(resp) => return Ok(resp),
            Err(e) => e,
        };
        if !err.is_retryable() || attempt >= call.limits.retries {
            return Err(err);
        }
        let retry_after = match &err {
            AgentError::RateLimited { retry_after } => *retry_after,
            _ => None,
        };
        if retry_after.is_some_and(|d| d > call.limits.max_backoff) {
            return Err(err);
        }
        let wait = call.limits.backoff_for(attempt, retry_after);
        if started.elapsed() + wait >= call.limits.timeout {
            return Err(err);
        }
        tracing::info!(attempt = attempt + 1, wait_ms = wait.as_millis() as u64, error = %err, "agent request failed; retrying");
        tokio::time::sleep(wait).await;
        attempt += 1;
    }
}

async fn send_once(call: &SseCall<'_>) -> Result<reqwest::Response, AgentError> {
    let mut req = call
        .client
        .post(&call.url)
        .json(&call.body)
        .header("accept", "text/event-stream");
    for (k, v) in &call.headers {
        req = req.header(*k, v);
    }
    let resp = req.send().await.map_err(|e| {
        if e.is_connect() {
            AgentError::Refused {
                endpoint: public_url(&call.url),
                detail: innermost(&e),
            }
        } else {
            // The request went out and the connection broke before an answer: not a refusal, and
            // not retried (the server may have acted on it).
            AgentError::BrokenStream(format!("no answer to the request ({})", innermost(&e)))
        }
    })?;
    let status = resp.status().as_u16();
    if resp.status().is_success() {
        return Ok(resp);
    }
    let retry_after = resp
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s >= 0.0)
        .map(Duration::from_secs_f64);
    let detail = error_detail(resp, call.secret).await;
    Err(match status {
        401 | 403 => AgentError::Unauthorized {
            status,
            env_var: call.env_var.to_string(),
        },
        404 => AgentError::NotFound(call.model.to_string()),
        429 => AgentError::RateLimited { retry_after },
        500..=599 => AgentError::Server { status, detail },
        _ => AgentError::BadRequest { status, detail },
    })
}

/// A short, scrubbed explanation from an error body (`error.message` when it is JSON).
async fn error_detail(resp: reqwest::Response, secret: Option<&str>) -> String {
    let body = tokio::time::timeout(Duration::from_secs(2), async {
        let mut s = resp.bytes_stream();
        let mut buf = Vec::new();
        while let Some(Ok(chunk)) = s.next().await {
            buf.extend_from_slice(&chunk);
            if buf.len() > 8192 {
                break;
            }
        }
        buf
    })
    .await
    .unwrap_or_default();
    let text = String::from_utf8_lossy(&body);
    let msg = serde_json::from_str::<serde_json::Value>(&text)
        .ok()
        .and_then(|v| {
            v["error"]["message"]
                .as_str()
                .or_else(|| v["error"].as_str())
                .or_else(|| v["message"].as_str())
                .map(str::to_owned)
        })
        .unwrap_or_else(|| text.trim().to_string());
    scrub(&msg, secret, 300)
}

/// Removes the key and anything that looks like a secret from text shown to users, and shortens it.
pub(crate) fn scrub(text: &str, secret: Option<&str>, max_chars: usize) -> String {
    let mut s = text.to_string();
    if let Some(k) = secret.filter(|k| k.len() >= 4) {
        s = s.replace(k, "[redacted]");
    }
    let s = super::redact::redact_text(&s, false).text;
    let s: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() > max_chars {
        let mut t: String = s.chars().take(max_chars).collect();
        t.push('…');
        t
    } else {
        s
    }
}

/// Sends the call and reads the SSE stream, handing each event to `parse`.
pub(crate) async fn stream_sse(
    call: SseCall<'_>,
    events: &EventSink,
    mut parse: impl FnMut(&str, &str) -> Result<Parsed, AgentError>,
) -> Result<AgentReply, AgentError> {
    let limits = call.limits;
    let resp = send_with_retries(&call).await?;
    let _ = events.send(AgentEvent::Sent);
    let mut stream = resp.bytes_stream().eventsource();
    let mut reply = AgentReply::default();
    loop {
        let next = tokio::time::timeout(limits.stall, stream.next())
            .await
            .map_err(|_| AgentError::Stalled(limits.stall))?;
        let ev = match next {
            None => {
                return Err(AgentError::BrokenStream(
                    "the stream ended without its end marker".into(),
                ));
            }
            Some(Err(EventStreamError::Transport(e))) => {
                return Err(AgentError::BrokenStream(innermost(&e)));
            }
            Some(Err(EventStreamError::Utf8(e))) => {
                return Err(AgentError::Malformed(format!("invalid UTF-8 ({e})")));
            }
            Some(Err(EventStreamError::Parser(e))) => {
                return Err(AgentError::Malformed(scrub(
                    &e.to_string(),
                    call.secret,
                    200,
                )));
            }
            Some(Ok(ev)) => ev,
        };
        let parsed = parse(&ev.event, &ev.data)?;
        if let Some(t) = parsed.text.filter(|t| !t.is_empty()) {
            if reply.text.len() + t.len() > limits.max_reply_bytes {
                return Err(AgentError::TooLarge {
                    limit: limits.max_reply_bytes,
                });
            }
            reply.text.push_str(&t);
            let _ = events.send(AgentEvent::Text(t));
        }
        if let Some(u) = parsed.usage {
            let merged = merge_usage(reply.usage, u);
            reply.usage = Some(merged);
            let _ = events.send(AgentEvent::Usage(merged));
        }
        reply.truncated |= parsed.truncated;
        if parsed.done {
            break;
        }
    }
    if reply.text.trim().is_empty() {
        return Err(AgentError::Empty);
    }
    let _ = events.send(AgentEvent::Done);
    Ok(reply)
}

/// Providers report input and output counts in different events; keep the largest of each.
fn merge_usage(old: Option<Usage>, new: Usage) -> Usage {
    let old = old.unwrap_or_default();
    Usage {
        input_tokens: old.input_tokens.max(new.input_tokens),
        output_tokens: old.output_tokens.max(new.output_tokens),
    }
}

/// Parses one SSE `data` payload as JSON, mapping failures to [`AgentError::Malformed`].
pub(crate) fn json(data: &str) -> Result<serde_json::Value, AgentError> {
    serde_json::from_str(data).map_err(|e| {
        let snippet: String = data.chars().take(80).collect();
        AgentError::Malformed(format!("{e} in event `{}`", scrub(&snippet, None, 80)))
    })
}

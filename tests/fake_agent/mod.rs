//! A loopback fake agent server speaking the real wire formats (OpenAI Chat Completions SSE and
//! Anthropic Messages SSE over HTTP/1.1 chunked responses), with scripted replies and faults.
//! Binds 127.0.0.1:0, records every request, notices when a client hangs up mid-stream, and stops
//! by itself (when dropped, or after two minutes at the latest).
#![allow(dead_code)]

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Notify;

/// How a streamed response ends.
#[derive(Debug, Clone, PartialEq)]
pub enum End {
    /// The terminating chunk, then the connection closes.
    Finish,
    /// Keep the connection open and send nothing more (until the client hangs up).
    Hang,
    /// Drop the connection without the terminating chunk.
    Abort,
}

/// One scripted answer.
#[derive(Debug, Clone)]
pub enum Reply {
    /// A plain response with a status, extra headers and a body.
    Status {
        status: u16,
        headers: Vec<(String, String)>,
        body: String,
    },
    /// `200 text/event-stream`: each chunk written after `delay`, then `end`.
    Stream {
        chunks: Vec<String>,
        delay: Duration,
        end: End,
    },
    /// Accept the connection and never answer.
    Silent,
    /// Read the request, then close the connection without a byte of answer (a server that dies
    /// while it handles the request).
    Close,
}

impl Reply {
    pub fn status(status: u16, body: &str) -> Reply {
        Reply::Status {
            status,
            headers: vec![],
            body: body.to_string(),
        }
    }
    pub fn with_header(self, k: &str, v: &str) -> Reply {
        match self {
            Reply::Status {
                status,
                mut headers,
                body,
            } => {
                headers.push((k.into(), v.into()));
                Reply::Status {
                    status,
                    headers,
                    body,
                }
            }
            other => other,
        }
    }
    pub fn stream(chunks: Vec<String>) -> Reply {
        Reply::Stream {
            chunks,
            delay: Duration::ZERO,
            end: End::Finish,
        }
    }
    pub fn slow(chunks: Vec<String>, delay: Duration, end: End) -> Reply {
        Reply::Stream { chunks, delay, end }
    }
}

/// A request as the server saw it.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    /// Lowercased names.
    pub headers: Vec<(String, String)>,
    pub body: String,
    /// When the first byte of the request arrived.
    pub first_byte: Instant,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_default()
    }
}

#[derive(Default)]
struct Shared {
    script: Mutex<VecDeque<Reply>>,
    last: Mutex<Option<Reply>>,
    requests: Mutex<Vec<Recorded>>,
    /// Times a client hung up before its response was complete.
    hangups: Mutex<Vec<Instant>>,
    /// When each chunk was written (for latency figures).
    chunk_times: Mutex<Vec<Instant>>,
    changed: Notify,
}

/// The running fake. Dropping it stops the server.
pub struct FakeAgent {
    pub addr: SocketAddr,
    shared: Arc<Shared>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for FakeAgent {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl FakeAgent {
    /// Starts serving `script` in order; the last reply repeats once the script runs out.
    pub async fn start(script: Vec<Reply>) -> FakeAgent {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let addr = listener.local_addr().unwrap();
        let shared = Arc::new(Shared::default());
        *shared.script.lock().unwrap() = script.into();
        let s2 = shared.clone();
        let task = tokio::spawn(async move {
            let deadline = tokio::time::sleep(Duration::from_secs(120));
            tokio::pin!(deadline);
            loop {
                tokio::select! {
                    _ = &mut deadline => break,
                    acc = listener.accept() => {
                        let Ok((sock, _)) = acc else { continue };
                        let s3 = s2.clone();
                        tokio::spawn(async move {
                            let _ = tokio::time::timeout(Duration::from_secs(120), serve(sock, s3)).await;
                        });
                    }
                }
            }
        });
        FakeAgent { addr, shared, task }
    }

    /// Base URL in the style of settings (`http://127.0.0.1:PORT/v1`).
    pub fn url(&self) -> String {
        format!("http://{}/v1", self.addr)
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.shared.requests.lock().unwrap().clone()
    }

    pub fn hangups(&self) -> usize {
        self.shared.hangups.lock().unwrap().len()
    }

    pub fn chunk_times(&self) -> Vec<Instant> {
        self.shared.chunk_times.lock().unwrap().clone()
    }

    /// Waits until `n` requests arrived (or `within` passes); returns whether they did.
    pub async fn wait_requests(&self, n: usize, within: Duration) -> bool {
        self.wait(within, |s| s.requests.lock().unwrap().len() >= n)
            .await
    }

    /// Waits until a client hung up mid-response.
    pub async fn wait_hangup(&self, within: Duration) -> bool {
        self.wait(within, |s| !s.hangups.lock().unwrap().is_empty())
            .await
    }

    async fn wait(&self, within: Duration, done: impl Fn(&Shared) -> bool) -> bool {
        let end = Instant::now() + within;
        loop {
            let notified = self.shared.changed.notified();
            if done(&self.shared) {
                return true;
            }
            let left = end.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return false;
            }
            let _ = tokio::time::timeout(left.min(Duration::from_millis(50)), notified).await;
        }
    }
}

fn next_reply(shared: &Shared) -> Reply {
    let mut script = shared.script.lock().unwrap();
    let mut last = shared.last.lock().unwrap();
    match script.pop_front() {
        Some(r) => {
            *last = Some(r.clone());
            r
        }
        None => last
            .clone()
            .unwrap_or_else(|| Reply::status(500, "no script")),
    }
}

async fn read_request(sock: &mut TcpStream) -> Option<Recorded> {
    let mut buf = Vec::new();
    let mut tmp = [0u8; 8192];
    let mut first_byte = None;
    let head_end = loop {
        let n = sock.read(&mut tmp).await.ok()?;
        if n == 0 {
            return None;
        }
        first_byte.get_or_insert_with(Instant::now);
        buf.extend_from_slice(&tmp[..n]);
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_string();
    let mut lines = head.split("\r\n");
    let mut start = lines.next()?.split(' ');
    let method = start.next()?.to_string();
    let path = start.next()?.to_string();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let len: usize = headers
        .iter()
        .find(|(k, _)| k == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    while buf.len() < head_end + len {
        let n = sock.read(&mut tmp).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&tmp[..n]);
    }
    let body = String::from_utf8_lossy(&buf[head_end..head_end + len]).to_string();
    Some(Recorded {
        method,
        path,
        headers,
        body,
        first_byte: first_byte?,
    })
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    }
}

async fn serve(mut sock: TcpStream, shared: Arc<Shared>) {
    let _ = sock.set_nodelay(true);
    let Some(req) = read_request(&mut sock).await else {
        return;
    };
    shared.requests.lock().unwrap().push(req);
    shared.changed.notify_waiters();
    let hangup = |shared: &Shared| {
        shared.hangups.lock().unwrap().push(Instant::now());
        shared.changed.notify_waiters();
    };
    match next_reply(&shared) {
        Reply::Close => drop(sock),
        Reply::Silent => {
            let mut b = [0u8; 64];
            let _ = sock.read(&mut b).await;
            hangup(&shared);
        }
        Reply::Status {
            status,
            headers,
            body,
        } => {
            let mut resp = format!(
                "HTTP/1.1 {status} {}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n",
                reason(status),
                body.len()
            );
            for (k, v) in headers {
                resp.push_str(&format!("{k}: {v}\r\n"));
            }
            resp.push_str("\r\n");
            resp.push_str(&body);
            let _ = sock.write_all(resp.as_bytes()).await;
            let _ = sock.shutdown().await;
        }
        Reply::Stream { chunks, delay, end } => {
            let head = "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ncache-control: no-cache\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n";
            if sock.write_all(head.as_bytes()).await.is_err() {
                return hangup(&shared);
            }
            let (mut rd, mut wr) = sock.into_split();
            for c in chunks {
                if !delay.is_zero() {
                    let mut b = [0u8; 64];
                    tokio::select! {
                        _ = tokio::time::sleep(delay) => {}
                        r = rd.read(&mut b) => {
                            if matches!(r, Ok(0) | Err(_)) {
                                return hangup(&shared);
                            }
                        }
                    }
                }
                let framed = format!("{:x}\r\n{c}\r\n", c.len());
                if wr.write_all(framed.as_bytes()).await.is_err() || wr.flush().await.is_err() {
                    return hangup(&shared);
                }
                shared.chunk_times.lock().unwrap().push(Instant::now());
                shared.changed.notify_waiters();
            }
            match end {
                End::Finish => {
                    let _ = wr.write_all(b"0\r\n\r\n").await;
                    let _ = wr.shutdown().await;
                }
                End::Abort => {}
                End::Hang => {
                    let mut b = [0u8; 64];
                    loop {
                        match rd.read(&mut b).await {
                            Ok(0) | Err(_) => return hangup(&shared),
                            Ok(_) => {}
                        }
                    }
                }
            }
        }
    }
}

/// OpenAI Chat Completions stream events for `texts`, ending with a finish reason and `[DONE]`.
pub fn openai_sse(texts: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = texts
        .iter()
        .map(|t| {
            let ev = serde_json::json!({"id": "c1", "object": "chat.completion.chunk", "choices": [{"index": 0, "delta": {"content": t}, "finish_reason": null}]});
            format!("data: {ev}\n\n")
        })
        .collect();
    v.push(format!(
        "data: {}\n\n",
        serde_json::json!({"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}], "usage": {"prompt_tokens": 11, "completion_tokens": 7}})
    ));
    v.push("data: [DONE]\n\n".into());
    v
}

/// The OpenAI events without the end (for streams that stall or break).
pub fn openai_partial(texts: &[&str]) -> Vec<String> {
    let mut v = openai_sse(texts);
    v.truncate(texts.len());
    v
}

/// Anthropic Messages stream events for `texts`.
pub fn anthropic_sse(texts: &[&str]) -> Vec<String> {
    let ev = |name: &str, data: serde_json::Value| format!("event: {name}\ndata: {data}\n\n");
    let mut v = vec![
        ev(
            "message_start",
            serde_json::json!({"type": "message_start", "message": {"id": "m1", "type": "message", "role": "assistant", "content": [], "usage": {"input_tokens": 25, "output_tokens": 1}}}),
        ),
        ev(
            "content_block_start",
            serde_json::json!({"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}}),
        ),
        ev("ping", serde_json::json!({"type": "ping"})),
    ];
    for t in texts {
        v.push(ev("content_block_delta", serde_json::json!({"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": t}})));
    }
    v.push(ev(
        "content_block_stop",
        serde_json::json!({"type": "content_block_stop", "index": 0}),
    ));
    v.push(ev("message_delta", serde_json::json!({"type": "message_delta", "delta": {"stop_reason": "end_turn"}, "usage": {"output_tokens": 15}})));
    v.push(ev(
        "message_stop",
        serde_json::json!({"type": "message_stop"}),
    ));
    v
}

/// The Anthropic events up to the last text delta (for streams that stall or break).
pub fn anthropic_partial(texts: &[&str]) -> Vec<String> {
    let mut v = anthropic_sse(texts);
    v.truncate(3 + texts.len());
    v
}

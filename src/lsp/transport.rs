//! The byte stream between the client and the framework. `tower-lsp-server`'s codec answers the
//! first bad frame with one id-null error and then stops reading, so the client's bytes go through
//! [`Decoder`] first: every malformed frame gets its own JSON-RPC error, reading goes on at the next
//! `Content-Length` header, and only well-formed messages reach the framework, re-serialised so it
//! parses exactly what was checked (through an in-memory pipe). One writer task owns the real
//! output and interleaves the framework's frames with our error replies at frame boundaries.
//!
//! The reader also sees `exit` and end of input before the framework does, so [`run`] returns
//! shortly after either even when a handler never finishes (a client that never answers a request,
//! a stuck computation). Knows JSON-RPC framing and the `exit` method, nothing of the server's
//! features.

mod decoder;
pub mod stdio;

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use serde_json::Value;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::{mpsc, oneshot};
use tracing::{debug, warn};

pub use decoder::{
    DEFAULT_MAX_MESSAGE_BYTES, Decoder, Event, INVALID_REQUEST, METHOD_NOT_FOUND, PARSE_ERROR,
    error, frame,
};

const HEADER_NAME: &[u8] = b"content-length";
/// Input idle this long while a frame is unfinished: check whether it was declared too long.
const STALL: Duration = Duration::from_millis(150);
/// After `exit` or end of input, how long in-flight work may take before [`run`] returns anyway.
const GRACE: Duration = Duration::from_millis(250);
/// Error replies queued for a client that does not read its input; more are logged and dropped.
const REPLY_QUEUE: usize = 1024;

/// The body size cap, shared with the server so a settings change applies to the next frame.
#[derive(Debug)]
pub struct MessageLimit(AtomicUsize);

impl Default for MessageLimit {
    fn default() -> Self {
        MessageLimit(AtomicUsize::new(DEFAULT_MAX_MESSAGE_BYTES))
    }
}

impl MessageLimit {
    pub fn get(&self) -> usize {
        self.0.load(Ordering::Relaxed)
    }
    pub fn set(&self, bytes: usize) {
        self.0.store(bytes.max(1), Ordering::Relaxed);
    }
}

/// Why [`run`] ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct End {
    /// `exit` was received (else the input ended).
    pub exit: bool,
    /// A `shutdown` request was received before: the framework cancels a `shutdown` still in
    /// flight when `exit` follows at once, so its handler may never have run.
    pub shutdown: bool,
}

/// Called once from the reader the moment `exit` or end of input is seen (before [`run`] returns),
/// e.g. to arm a process-level watchdog.
pub type OnEnd = Box<dyn FnOnce(End) + Send>;

/// Serve `framework` (given the read end it should consume and the write end it should produce
/// into) behind a [`Decoder`] on `input` and one writer on `output`. Returns after the framework
/// ends, or at most [`GRACE`] after `exit` / end of input whatever is still running.
pub async fn run<I, O, F, Fut>(
    input: I,
    output: O,
    limit: Arc<MessageLimit>,
    on_end: Option<OnEnd>,
    framework: F,
) -> End
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite + Unpin + Send + 'static,
    F: FnOnce(tokio::io::DuplexStream, tokio::io::DuplexStream) -> Fut,
    Fut: Future<Output = ()>,
{
    let (to_fw, fw_in) = tokio::io::duplex(1 << 16);
    let (fw_out, from_fw) = tokio::io::duplex(1 << 16);
    let (msg_tx, msg_rx) = mpsc::unbounded_channel::<Vec<u8>>();
    let (reply_tx, reply_rx) = mpsc::channel::<Vec<u8>>(REPLY_QUEUE);
    let (out_tx, out_rx) = mpsc::channel::<Vec<u8>>(64);
    let (end_tx, end_rx) = oneshot::channel::<End>();
    let reader = tokio::spawn(read_loop(input, limit, msg_tx, reply_tx, end_tx, on_end));
    tokio::spawn(forward(msg_rx, to_fw));
    tokio::spawn(split_frames(from_fw, out_tx));
    let writer = tokio::spawn(write_loop(output, reply_rx, out_rx));

    // Boxed so that dropping it below really drops it (and closes its output).
    let mut fw = Box::pin(framework(fw_in, fw_out));
    let mut end_rx = end_rx;
    let end = tokio::select! {
        _ = &mut fw => None,
        end = &mut end_rx => {
            if tokio::time::timeout(GRACE, &mut fw).await.is_err() {
                debug!("in-flight work abandoned at exit");
            }
            end.ok()
        }
    };
    let end = end.or_else(|| end_rx.try_recv().ok()).unwrap_or(End {
        exit: false,
        shutdown: false,
    });
    // Dropping the framework closes its output: the writer drains what is left and stops.
    drop(fw);
    reader.abort();
    let _ = tokio::time::timeout(Duration::from_millis(100), writer).await;
    end
}

async fn read_loop<I: AsyncRead + Unpin>(
    mut input: I,
    limit: Arc<MessageLimit>,
    messages: mpsc::UnboundedSender<Vec<u8>>,
    replies: mpsc::Sender<Vec<u8>>,
    end_tx: oneshot::Sender<End>,
    on_end: Option<OnEnd>,
) {
    let mut dec = Decoder::new(limit.get());
    let mut buf = vec![0u8; 64 * 1024];
    let reply = |ev: Value| {
        warn!(
            "malformed message from the client: {}",
            ev["error"]["message"]
        );
        if replies
            .try_send(serde_json::to_vec(&ev).expect("json"))
            .is_err()
        {
            warn!("the client is not reading; an error reply was dropped");
        }
    };
    let mut shutdown = false;
    let exit = 'read: loop {
        let read = input.read(&mut buf);
        let n = if dec.wants_stall_check() {
            match tokio::time::timeout(STALL, read).await {
                Ok(r) => Some(r),
                Err(_) => {
                    dec.stalled();
                    None
                }
            }
        } else {
            Some(read.await)
        };
        let ended = match n {
            None => false,
            Some(Ok(0)) => true,
            Some(Ok(n)) => {
                // Read now, not before the wait: a settings change meanwhile applies to these bytes.
                dec.set_limit(limit.get());
                dec.feed(&buf[..n]);
                false
            }
            Some(Err(e)) => {
                warn!("reading the client failed: {e}");
                true
            }
        };
        if ended {
            dec.finish();
        }
        for ev in dec.by_ref() {
            match ev {
                Event::Message { body, method } => {
                    let exit = method.as_deref() == Some("exit");
                    shutdown |= method.as_deref() == Some("shutdown");
                    let _ = messages.send(frame(&body));
                    if exit {
                        break 'read true;
                    }
                }
                Event::Reply(v) => reply(v),
            }
        }
        if ended {
            break 'read false;
        }
    };
    let end = End { exit, shutdown };
    debug!(?end, "client input ended");
    if let Some(f) = on_end {
        f(end);
    }
    let _ = end_tx.send(end);
}

/// Feed validated frames to the framework; a separate task so a framework that stops reading
/// (it does while `initialize` runs) never stops us from seeing `exit`.
async fn forward(mut rx: mpsc::UnboundedReceiver<Vec<u8>>, mut to_fw: tokio::io::DuplexStream) {
    while let Some(f) = rx.recv().await {
        if to_fw.write_all(&f).await.is_err() {
            return;
        }
    }
    let _ = to_fw.shutdown().await;
}

/// Cut the framework's output (well-formed by construction) into whole frames.
async fn split_frames(from_fw: tokio::io::DuplexStream, out: mpsc::Sender<Vec<u8>>) {
    let mut r = BufReader::new(from_fw);
    loop {
        let mut head = Vec::new();
        let mut len = 0usize;
        loop {
            let start = head.len();
            match r.read_until(b'\n', &mut head).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            let line = decoder::trim(head[start..].trim_ascii_end());
            if line.is_empty() {
                break;
            }
            if let Some(v) = line
                .get(HEADER_NAME.len() + 1..)
                .filter(|_| line[..HEADER_NAME.len()].eq_ignore_ascii_case(HEADER_NAME))
            {
                len = std::str::from_utf8(decoder::trim(v))
                    .ok()
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(0);
            }
        }
        let start = head.len();
        head.resize(start + len, 0);
        if r.read_exact(&mut head[start..]).await.is_err() || out.send(head).await.is_err() {
            return;
        }
    }
}

async fn write_loop<O: AsyncWrite + Unpin>(
    mut output: O,
    mut replies: mpsc::Receiver<Vec<u8>>,
    mut frames: mpsc::Receiver<Vec<u8>>,
) {
    loop {
        let bytes = tokio::select! {
            Some(f) = frames.recv() => f,
            Some(body) = replies.recv() => frame(&body),
            else => break,
        };
        if output.write_all(&bytes).await.is_err() || output.flush().await.is_err() {
            return;
        }
    }
    let _ = output.flush().await;
}

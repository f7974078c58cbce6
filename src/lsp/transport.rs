//! The byte stream between the client and the framework. `tower-lsp-server`'s codec answers the
//! first bad frame with one id-null error and then stops reading, so the client's bytes go through
//! [`Decoder`] first: every malformed frame gets its own JSON-RPC error, reading goes on at the next
//! `Content-Length` header, and only well-formed messages reach the framework, re-serialised so it
//! parses exactly what was checked (over a channel, `chunks.rs`). One writer task owns the real
//! output and interleaves the framework's frames with our error replies at frame boundaries.
//!
//! The reader also sees `exit` and end of input before the framework does, so [`run`] returns
//! shortly after either even when a handler never finishes (a client that never answers a request,
//! a stuck computation). Knows JSON-RPC framing and the `exit` method, nothing of the server's
//! features.

mod chunks;
mod decoder;
pub mod stdio;

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use serde_json::Value;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::sync::{mpsc, oneshot};
use tracing::{debug, warn};

use chunks::{ChunkReader, ChunkWriter, Frames};

pub use decoder::{
    DEFAULT_MAX_MESSAGE_BYTES, Decoder, Event, INVALID_REQUEST, METHOD_NOT_FOUND, PARSE_ERROR,
    error, frame,
};

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
    F: FnOnce(FrameworkInput, FrameworkOutput) -> Fut,
    Fut: Future<Output = ()>,
{
    let (msg_tx, msg_rx) = mpsc::unbounded_channel::<Vec<u8>>();
    let (reply_tx, reply_rx) = mpsc::channel::<Vec<u8>>(REPLY_QUEUE);
    let (out_tx, out_rx) = mpsc::channel::<Vec<u8>>(64);
    let (end_tx, end_rx) = oneshot::channel::<End>();
    let seen = Arc::new(Seen::default());
    let reader = tokio::spawn(read_loop(
        input,
        limit,
        msg_tx,
        reply_tx,
        (end_tx, seen.clone()),
        on_end,
    ));
    let writer = tokio::spawn(write_loop(output, reply_rx, out_rx));
    let (fw_in, fw_out) = (ChunkReader::new(msg_rx), ChunkWriter::new(out_tx));

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
    // The framework can handle `exit` and end before the reader, preempted between handing the
    // frame on and reporting, has sent its `End`: what it had seen by then says the same.
    let end = end
        .or_else(|| end_rx.try_recv().ok())
        .unwrap_or_else(|| End {
            exit: seen.exit.load(Ordering::SeqCst),
            shutdown: seen.shutdown.load(Ordering::SeqCst),
        });
    // Dropping the framework closes its output: the writer drains what is left and stops.
    drop(fw);
    reader.abort();
    let _ = tokio::time::timeout(Duration::from_millis(100), writer).await;
    end
}

/// What the reader has handed on so far, set before each frame goes to the framework.
#[derive(Default)]
struct Seen {
    exit: AtomicBool,
    shutdown: AtomicBool,
}

async fn read_loop<I: AsyncRead + Unpin>(
    mut input: I,
    limit: Arc<MessageLimit>,
    messages: mpsc::UnboundedSender<Vec<u8>>,
    replies: mpsc::Sender<Vec<u8>>,
    (end_tx, seen): (oneshot::Sender<End>, Arc<Seen>),
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
                    seen.shutdown.fetch_or(shutdown, Ordering::SeqCst);
                    seen.exit.fetch_or(exit, Ordering::SeqCst);
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

/// The framework's input: the checked frames, straight from the reader's channel (unbounded, so
/// a framework that stops reading, as it does while `initialize` runs, never stops the reader
/// from seeing `exit`).
pub type FrameworkInput = ChunkReader<mpsc::UnboundedReceiver<Vec<u8>>>;
/// The framework's output: its writes, whole, into the writer's channel.
pub type FrameworkOutput = ChunkWriter;

/// One writer for the client: the framework's output and our error replies, a reply only
/// between two of the framework's frames.
async fn write_loop<O: AsyncWrite + Unpin>(
    mut output: O,
    mut replies: mpsc::Receiver<Vec<u8>>,
    mut framework: mpsc::Receiver<Vec<u8>>,
) {
    let mut frames = Frames::default();
    loop {
        let aligned = frames.aligned();
        let bytes = tokio::select! {
            Some(f) = framework.recv() => {
                frames.feed(&f);
                f
            }
            Some(body) = replies.recv(), if aligned => frame(&body),
            else => break,
        };
        if output.write_all(&bytes).await.is_err() || output.flush().await.is_err() {
            return;
        }
    }
    let _ = output.flush().await;
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn msg(v: Value) -> Vec<u8> {
        frame(&serde_json::to_vec(&v).unwrap())
    }

    /// The framework ends on `exit` while the reader is still busy reporting (here: an `on_end`
    /// that takes its time): `shutdown` before `exit` still counts, as the reader had seen it.
    // Two workers: the reader blocks one in `on_end` while the framework ends on the other.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn shutdown_then_exit_is_clean_even_when_the_framework_ends_first() {
        let mut input = msg(json!({"jsonrpc": "2.0", "id": 1, "method": "shutdown"}));
        input.extend(msg(json!({"jsonrpc": "2.0", "method": "exit"})));
        let (mut client, server_in) = tokio::io::duplex(1 << 16);
        let (server_out, _client_out) = tokio::io::duplex(1 << 16);
        client.write_all(&input).await.unwrap();
        let slow = Box::new(|_: End| std::thread::sleep(Duration::from_millis(300))) as OnEnd;
        let limit = Arc::new(MessageLimit::default());
        let end = run(
            server_in,
            server_out,
            limit,
            Some(slow),
            |mut i, _o| async move {
                // Read frames until `exit`, then end at once, as the framework does.
                let mut got = Vec::new();
                let mut buf = [0u8; 4096];
                while !String::from_utf8_lossy(&got).contains("\"exit\"") {
                    let n = i.read(&mut buf).await.unwrap();
                    if n == 0 {
                        break;
                    }
                    got.extend_from_slice(&buf[..n]);
                }
            },
        )
        .await;
        let want = End {
            exit: true,
            shutdown: true,
        };
        assert_eq!(end, want);
    }
}

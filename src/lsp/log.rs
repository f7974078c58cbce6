//! Where the server's logs go: a `tracing` layer that forwards events to the client as
//! `window/logMessage` at the client's trace level (`initialize`'s `trace`, then `$/setTrace`),
//! stderr for errors only (editors file everything on stderr as an error), and a log file when the
//! settings ask for one (`logFile`, at `logLevel` / `SKILL_LSP_LOG`).
//!
//! Trace level to what is forwarded: `off` -> warnings and errors, `messages` -> also info,
//! `verbose` -> also debug. Events are queued on a channel and sent by one task, so logging never
//! waits on the client and never holds a lock across I/O.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU8, Ordering};

use tokio::sync::mpsc::{UnboundedSender, unbounded_channel};
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::Layer;
use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::util::SubscriberInitExt;

use super::proto::{Client, MessageType, TraceValue};

/// 0 = warn, 1 = info, 2 = debug (see the module docs).
static TRACE: AtomicU8 = AtomicU8::new(0);
static SINK: Mutex<Option<UnboundedSender<(MessageType, String)>>> = Mutex::new(None);

/// Sets what is forwarded from now on.
pub fn set_trace(value: TraceValue) {
    let v = match value {
        TraceValue::Off => 0,
        TraceValue::Messages => 1,
        TraceValue::Verbose => 2,
    };
    TRACE.store(v, Ordering::Relaxed);
}

/// Starts forwarding to `client` (called at `initialize`; a later call replaces the client).
pub fn connect(client: Client, trace: Option<TraceValue>) {
    set_trace(trace.unwrap_or_default());
    let (tx, mut rx) = unbounded_channel::<(MessageType, String)>();
    *SINK.lock().expect("lock") = Some(tx);
    tokio::spawn(async move {
        while let Some((typ, msg)) = rx.recv().await {
            client.log_message(typ, msg).await;
        }
    });
}

/// The layer that forwards to the connected client.
pub struct ClientLayer;

fn forwarded(level: &Level) -> bool {
    let max = match TRACE.load(Ordering::Relaxed) {
        0 => Level::WARN,
        1 => Level::INFO,
        _ => Level::DEBUG,
    };
    *level <= max
}

/// Collects an event's message and fields into one line: `skills loaded skills=89 ms=12`.
#[derive(Default)]
struct Line(String);

impl tracing::field::Visit for Line {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        if field.name() == "message" {
            let fields = std::mem::take(&mut self.0);
            let _ = write!(self.0, "{value:?}{fields}");
        } else {
            let _ = write!(self.0, " {}={value:?}", field.name());
        }
    }

    fn record_str(&mut self, field: &tracing::field::Field, value: &str) {
        if field.name() == "message" {
            let fields = std::mem::take(&mut self.0);
            let _ = write!(self.0, "{value}{fields}");
        } else {
            let _ = write!(self.0, " {}={value}", field.name());
        }
    }
}

impl<S: Subscriber> Layer<S> for ClientLayer {
    fn on_event(&self, event: &Event<'_>, _ctx: Context<'_, S>) {
        let meta = event.metadata();
        // The framework's own events while it sends a log message would feed back into here.
        if !forwarded(meta.level()) || meta.target().starts_with("tower_lsp") {
            return;
        }
        let Some(tx) = SINK.lock().expect("lock").clone() else {
            return;
        };
        let mut line = Line::default();
        event.record(&mut line);
        let typ = match *meta.level() {
            Level::ERROR => MessageType::ERROR,
            Level::WARN => MessageType::WARNING,
            Level::INFO => MessageType::INFO,
            _ => MessageType::LOG,
        };
        let _ = tx.send((typ, line.0));
    }
}

/// Logging for `skill-lsp serve`: errors on stderr, everything the trace level allows to the
/// client, and `log_file` (when set) at `level` (or `SKILL_LSP_LOG`).
pub fn init_server(log_file: Option<PathBuf>, level: &str) {
    let filter = std::env::var("SKILL_LSP_LOG")
        .ok()
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| level.to_string());
    let filter = tracing_subscriber::EnvFilter::try_new(&filter)
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let stderr = tracing_subscriber::fmt::layer()
        .with_ansi(false)
        .with_target(false)
        .with_writer(std::io::stderr)
        .with_filter(tracing_subscriber::filter::LevelFilter::ERROR);
    let file = log_file.and_then(|path| {
        match std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
        {
            Ok(f) => Some(
                tracing_subscriber::fmt::layer()
                    .with_ansi(false)
                    .with_target(false)
                    .with_writer(Mutex::new(f))
                    .with_filter(filter),
            ),
            Err(e) => {
                // Before any subscriber exists: the one place a plain stderr line is right.
                #[allow(clippy::print_stderr)]
                {
                    eprintln!(
                        "skill-lsp: cannot open the log file {}: {e}",
                        path.display()
                    );
                }
                None
            }
        }
    });
    let _ = tracing_subscriber::registry()
        .with(stderr)
        .with(file)
        .with(ClientLayer)
        .try_init();
}

/// Logging for the CLI subcommands: stderr at `level` (or `SKILL_LSP_LOG`).
pub fn init_cli(level: &str) {
    let filter = std::env::var("SKILL_LSP_LOG")
        .ok()
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| level.to_string());
    let filter = tracing_subscriber::EnvFilter::try_new(&filter)
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(false)
        .with_target(false)
        .with_writer(std::io::stderr)
        .try_init();
}

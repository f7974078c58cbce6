//! The process's stdin and stdout on threads of their own. tokio's `stdin()` and `stdout()` hand
//! every read and every write to the blocking pool, so each message in and each reply out waits
//! for a pool thread to be woken; here one thread blocks in `read` and one in `write` for the
//! whole session and they meet the runtime over a channel (as ruff's server does through
//! `lsp-server`'s I/O threads). A reply still goes out whole: a frame is written, then whatever
//! else is already queued, then stdout is flushed.
//!
//! Measured (`cargo bench --bench peers`, three alternating rounds against the build before):
//! `initialize` 1.06 / 2.27 / 1.19 ms against 6.43 / 4.84 / 2.39 ms (the first read and write no
//! longer wait for the blocking pool to start threads); hover median 0.17-0.22 against
//! 0.20-0.24 ms and p99 0.39-0.63 against 0.36-0.77 ms, within the noise; diagnostics the same.

use std::io::{Read, Write};
use std::time::Duration;

use tokio::sync::{mpsc, oneshot};

use super::chunks::{ChunkReader, ChunkWriter};

/// Chunks read ahead of the server (each up to 64 KiB).
const READ_AHEAD: usize = 8;
/// Frames queued for the writer before a write waits.
const WRITE_QUEUE: usize = 64;

/// What a reader thread read; end of input (or a read error, logged) ends it.
pub type ThreadReader = ChunkReader<mpsc::Receiver<Vec<u8>>>;

/// Bytes for a writer thread: a write is queued whole; flushing is the thread's (after each
/// batch); shutting down lets the thread drain the queue and end.
pub type ThreadWriter = ChunkWriter;

/// Read `input` on a thread of its own.
pub fn reader(mut input: impl Read + Send + 'static) -> std::io::Result<ThreadReader> {
    let (tx, rx) = mpsc::channel::<Vec<u8>>(READ_AHEAD);
    std::thread::Builder::new()
        .name("skill-lsp-stdin".into())
        .spawn(move || {
            let mut buf = vec![0u8; 64 * 1024];
            loop {
                match input.read(&mut buf) {
                    Ok(0) => break,
                    Ok(n) => {
                        if tx.blocking_send(buf[..n].to_vec()).is_err() {
                            break;
                        }
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    Err(e) => {
                        tracing::warn!("reading the client failed: {e}");
                        break;
                    }
                }
            }
        })?;
    Ok(ChunkReader::new(rx))
}

/// Resolves once the writer thread has written and flushed everything and ended.
pub struct Drained(oneshot::Receiver<()>);

impl Drained {
    /// Wait for the writer thread at most `max` (a client that stopped reading must not keep
    /// the process alive).
    pub async fn wait(self, max: Duration) {
        let _ = tokio::time::timeout(max, self.0).await;
    }
}

/// Write to `output` on a thread of its own.
pub fn writer(mut output: impl Write + Send + 'static) -> std::io::Result<(ThreadWriter, Drained)> {
    let (tx, mut rx) = mpsc::channel::<Vec<u8>>(WRITE_QUEUE);
    let (done_tx, done_rx) = oneshot::channel();
    std::thread::Builder::new()
        .name("skill-lsp-stdout".into())
        .spawn(move || {
            'out: while let Some(bytes) = rx.blocking_recv() {
                if output.write_all(&bytes).is_err() {
                    break;
                }
                // Whatever else is queued goes out before the one flush.
                while let Ok(more) = rx.try_recv() {
                    if output.write_all(&more).is_err() {
                        break 'out;
                    }
                }
                if output.flush().is_err() {
                    break;
                }
            }
            let _ = output.flush();
            let _ = done_tx.send(());
        })?;
    Ok((ChunkWriter::new(tx), Drained(done_rx)))
}

/// The process's stdin and stdout, each a duplicate of its file descriptor read or written
/// unbuffered by its thread (std's `Stdout` is line-buffered: a frame would go out in two
/// writes), with a buffer so a batch of frames leaves in one write.
#[cfg(unix)]
pub fn streams() -> std::io::Result<(ThreadReader, ThreadWriter, Drained)> {
    use std::os::fd::AsFd;
    let input = std::fs::File::from(std::io::stdin().as_fd().try_clone_to_owned()?);
    let output = std::fs::File::from(std::io::stdout().as_fd().try_clone_to_owned()?);
    let (w, drained) = writer(std::io::BufWriter::with_capacity(64 * 1024, output))?;
    Ok((reader(input)?, w, drained))
}

/// Elsewhere std's handles, read and written by the threads all the same.
#[cfg(not(unix))]
pub fn streams() -> std::io::Result<(ThreadReader, ThreadWriter, Drained)> {
    let output = std::io::BufWriter::with_capacity(64 * 1024, std::io::stdout());
    let (w, drained) = writer(output)?;
    Ok((reader(std::io::stdin())?, w, drained))
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    use super::*;

    /// A sink the test can read back.
    #[derive(Clone, Default)]
    struct Shared(Arc<Mutex<Vec<u8>>>);

    impl Write for Shared {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[tokio::test]
    async fn the_reader_yields_every_byte_then_end_of_input() {
        // More than one 64 KiB read, and more chunks than the read-ahead holds.
        let input: Vec<u8> = (0..1_000_000u32).map(|i| (i % 251) as u8).collect();
        let mut r = reader(std::io::Cursor::new(input.clone())).unwrap();
        let mut got = Vec::new();
        r.read_to_end(&mut got).await.unwrap();
        assert_eq!(got, input);
    }

    #[tokio::test]
    async fn the_writer_drains_everything_before_it_says_so() {
        let sink = Shared::default();
        let (mut w, drained) = writer(sink.clone()).unwrap();
        for i in 0..500 {
            w.write_all(format!("frame {i};").as_bytes()).await.unwrap();
        }
        w.shutdown().await.unwrap();
        drop(w);
        drained.wait(Duration::from_secs(10)).await;
        let want: String = (0..500).map(|i| format!("frame {i};")).collect();
        assert_eq!(
            String::from_utf8(sink.0.lock().unwrap().clone()).unwrap(),
            want
        );
    }

    /// An output that fails ends the thread; the next write says so instead of waiting.
    #[tokio::test]
    async fn a_failed_output_is_an_error_not_a_hang() {
        struct Broken;
        impl Write for Broken {
            fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
                Err(std::io::ErrorKind::BrokenPipe.into())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let (mut w, drained) = writer(Broken).unwrap();
        w.write_all(b"x").await.unwrap();
        drained.wait(Duration::from_secs(10)).await;
        let r = tokio::time::timeout(Duration::from_secs(10), async {
            loop {
                if let Err(e) = w.write_all(b"y").await {
                    return e;
                }
            }
        })
        .await
        .expect("a write after the thread ended fails at once");
        assert_eq!(r.kind(), std::io::ErrorKind::BrokenPipe);
    }
}

//! The threads that compute small documents' diagnostics: a fixed few, started on first use and
//! kept for the life of the process. Not tokio's blocking pool: its threads come and go (and
//! grow with bursts), and every thread that runs a search keeps its own lazy-DFA caches of the
//! selection and tip regexes (megabytes with ten documents open) and its own malloc arena. A
//! fixed set keeps those copies to the number of threads. As many threads as the small lane of
//! [`super::diagnostics`] lets analyses run at once, so no job waits here for a thread.

use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{LazyLock, Mutex};

use super::background::{JobError, outcome};

type Job = Box<dyn FnOnce() + Send>;

/// Jobs sent and not finished: the last one to finish hands freed pages back.
static QUEUED: AtomicUsize = AtomicUsize::new(0);

struct Pool {
    tx: Sender<Job>,
}

/// The number of analysis threads: the small lane's width.
fn threads() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get().clamp(2, 8))
}

static POOL: LazyLock<Pool> = LazyLock::new(|| {
    let (tx, rx) = channel::<Job>();
    let rx = std::sync::Arc::new(Mutex::new(rx));
    for i in 0..threads() {
        let rx = rx.clone();
        let started = std::thread::Builder::new()
            .name(format!("skill-lsp-diag-{i}"))
            .spawn(move || work(&rx));
        if let Err(e) = started {
            tracing::warn!("cannot start an analysis thread: {e}");
        }
    }
    Pool { tx }
});

fn work(rx: &Mutex<Receiver<Job>>) {
    loop {
        // The lock is held only to take one job, never while it runs.
        let job = match rx.lock().unwrap_or_else(|e| e.into_inner()).recv() {
            Ok(job) => job,
            Err(_) => return,
        };
        job();
        // The last job in flight done: give the pages its search freed back (the result is
        // already sent, so no one waits for this). Measured: 1.3-1.6 MB less with ten documents.
        if QUEUED.fetch_sub(1, Ordering::SeqCst) == 1 {
            crate::lsp::memory::release_freed_memory();
        }
    }
}

/// Run `job` on an analysis thread.
pub async fn run<R, F>(job: F) -> Result<R, JobError>
where
    R: Send + 'static,
    F: FnOnce() -> R + Send + 'static,
{
    let (tx, rx) = tokio::sync::oneshot::channel();
    let boxed: Job = Box::new(move || {
        let _ = tx.send(std::panic::catch_unwind(AssertUnwindSafe(job)));
    });
    QUEUED.fetch_add(1, Ordering::SeqCst);
    POOL.tx.send(boxed).map_err(|_| {
        QUEUED.fetch_sub(1, Ordering::SeqCst);
        JobError::NoThread("no analysis thread is running".into())
    })?;
    outcome(rx.await)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn returns_the_result_and_reports_a_panic() {
        assert_eq!(run(|| 6 * 7).await, Ok(42));
        let err = run(|| -> u8 { panic!("tip exploded") }).await.unwrap_err();
        assert_eq!(err, JobError::Panicked("tip exploded".into()));
        // The thread that caught the panic still serves.
        assert_eq!(run(|| "still here").await, Ok("still here"));
    }
}

//! Work that may take a while and must not slow what the user is waiting for: the analysis of
//! a big document runs on a thread of its own at a lower scheduling priority (`nice` 10 on
//! Linux), so a hover, or a small document's diagnostics, gets the CPU first when the machine
//! is busy. A fresh thread per job: a big document's analysis takes hundreds of milliseconds,
//! a thread start tens of microseconds, and a lowered priority cannot be raised again without
//! privileges (so a pooled thread could not go back to serving hovers).
//!
//! Measured (`cargo bench --bench longline`, load ~1.3, 2026-12-02): the small-file hover p99
//! during a 1 MB analysis was 4.6 ms at normal priority, 4.2 ms at nice 10, 3.8 ms at nice 19 and
//! 3.5 ms as SCHED_IDLE, against 0.28 ms with nothing in flight: priority is not what delays
//! those hovers. Kept because it costs nothing and helps when the analysis does compete for a
//! core. (What did delay them was the `malloc_trim` run right after each big analysis; it now
//! waits for a quiet moment, see `lsp/memory.rs`.)

use std::panic::AssertUnwindSafe;

/// How much lower than the server's own threads (Linux `nice` steps).
const NICE: i32 = 10;

/// Why a job handed to another thread gave no result.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum JobError {
    /// No thread could take it (the OS refused a thread, or the pool's threads are gone).
    #[error("{0}")]
    NoThread(String),
    /// It panicked; the panic's message.
    #[error("analysis panicked: {0}")]
    Panicked(String),
    #[error("the analysis thread ended without a result")]
    Lost,
}

/// What came back over a job's channel, as the job's result or why there is none.
pub(super) fn outcome<R>(
    got: Result<std::thread::Result<R>, tokio::sync::oneshot::error::RecvError>,
) -> Result<R, JobError> {
    match got {
        Ok(Ok(r)) => Ok(r),
        Ok(Err(panic)) => Err(JobError::Panicked(
            panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "(no message)".into()),
        )),
        Err(_) => Err(JobError::Lost),
    }
}

/// Run `job` on a new low-priority thread.
pub async fn run_low_priority<R, F>(job: F) -> Result<R, JobError>
where
    R: Send + 'static,
    F: FnOnce() -> R + Send + 'static,
{
    let (tx, rx) = tokio::sync::oneshot::channel();
    std::thread::Builder::new()
        .name("skill-lsp-analysis".into())
        .spawn(move || {
            lower_this_thread();
            let _ = tx.send(std::panic::catch_unwind(AssertUnwindSafe(job)));
        })
        .map_err(|e| JobError::NoThread(format!("cannot start an analysis thread: {e}")))?;
    outcome(rx.await)
}

#[cfg(target_os = "linux")]
fn lower_this_thread() {
    // SAFETY: gettid and setpriority take plain integers and touch no memory of ours; on Linux
    // PRIO_PROCESS with a thread id sets that one thread's nice value. A failure (a seccomp
    // filter, say) leaves the thread at normal priority, which is only slower for others.
    unsafe {
        let tid = libc::gettid();
        libc::setpriority(libc::PRIO_PROCESS, tid as libc::id_t, NICE);
    }
}

#[cfg(not(target_os = "linux"))]
fn lower_this_thread() {}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn returns_the_result_and_reports_a_panic() {
        assert_eq!(run_low_priority(|| 6 * 7).await, Ok(42));
        let err = run_low_priority(|| -> u8 { panic!("tip exploded") })
            .await
            .unwrap_err();
        assert_eq!(err, JobError::Panicked("tip exploded".into()));
        assert_eq!(err.to_string(), "analysis panicked: tip exploded");
    }

    #[cfg(target_os = "linux")]
    #[tokio::test]
    async fn the_job_runs_at_a_lower_priority_than_the_caller() {
        // SAFETY: as above; getpriority reads a number. errno is not checked: a nice of -1 is
        // impossible for an unprivileged test.
        let here = unsafe { libc::getpriority(libc::PRIO_PROCESS, libc::gettid() as libc::id_t) };
        let there = run_low_priority(|| unsafe {
            libc::getpriority(libc::PRIO_PROCESS, libc::gettid() as libc::id_t)
        })
        .await
        .unwrap();
        assert_eq!(there, (here + NICE).min(19), "caller {here}, job {there}");
        // The caller's own thread is untouched.
        let after = unsafe { libc::getpriority(libc::PRIO_PROCESS, libc::gettid() as libc::id_t) };
        assert_eq!(after, here);
    }
}

//! Handing freed heap pages back to the system, once the server is quiet. A leaf: the session's
//! loads, the analysis threads and the diagnostics tasks ask for it after work that freed a lot.
//!
//! glibc keeps freed heap pages otherwise, and an editor runs this process all day. But
//! `malloc_trim` locks each arena while it walks it, and every thread of the server allocates
//! from the same arena (`main.rs`), so a trim in the middle of a burst of work can hold up a
//! hover on another thread. A request therefore only starts a timer: the trim runs on a thread
//! of its own once [`QUIET`] has passed with no newer request, after a burst rather than inside
//! it. Measured (`cargo bench --bench longline`, small-file hovers while a 1 MB line is
//! analysed, three alternating rounds): p99 16, 11 and 5.8 ms against 9.0, 10 and 19 ms with the
//! trim right after each analysis, medians 0.20-0.22 ms both: no difference this machine's noise
//! can show; RSS the same (`cargo bench --bench memory`: ten documents 29.5-30.0 MB against
//! 30.1-30.3 MB, 10,000 edits +11-12% against +10%).

use std::sync::{Condvar, Mutex, Once};
use std::time::{Duration, Instant};

/// How long after the last request the trim runs.
pub const QUIET: Duration = Duration::from_millis(200);

/// When the latest request came, if one is waiting.
struct Trimmer {
    due: Mutex<Option<Instant>>,
    wake: Condvar,
}

static TRIMMER: Trimmer = Trimmer {
    due: Mutex::new(None),
    wake: Condvar::new(),
};
static START: Once = Once::new();

impl Trimmer {
    fn run(&self) {
        let mut due = self.due.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            match *due {
                None => due = self.wake.wait(due).unwrap_or_else(|e| e.into_inner()),
                Some(at) => {
                    let now = Instant::now();
                    if now < at {
                        due = (self.wake.wait_timeout(due, at - now))
                            .unwrap_or_else(|e| e.into_inner())
                            .0;
                        continue;
                    }
                    *due = None;
                    drop(due);
                    trim_now();
                    due = self.due.lock().unwrap_or_else(|e| e.into_inner());
                }
            }
        }
    }
}

/// Give freed pages back [`QUIET`] after the last call (a later call moves the time on).
pub fn release_freed_memory() {
    START.call_once(|| {
        let spawned = std::thread::Builder::new()
            .name("skill-lsp-trim".into())
            .spawn(|| TRIMMER.run());
        if let Err(e) = spawned {
            // Only memory is at stake: the pages stay with the allocator, as without a trim.
            tracing::warn!("cannot start the memory trim thread: {e}");
        }
    });
    *TRIMMER.due.lock().unwrap_or_else(|e| e.into_inner()) = Some(Instant::now() + QUIET);
    TRIMMER.wake.notify_one();
}

fn trim_now() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free pages of the allocator's own heap.
    unsafe {
        libc::malloc_trim(0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The request returns at once and the trim thread takes it: the pending time is cleared
    /// once the quiet time has passed (the trim itself is not observable from here).
    #[test]
    fn a_request_is_taken_after_the_quiet_time() {
        release_freed_memory();
        assert!(TRIMMER.due.lock().unwrap().is_some());
        let deadline = Instant::now() + QUIET * 25;
        while TRIMMER.due.lock().unwrap().is_some() {
            assert!(
                Instant::now() < deadline,
                "the trim thread never took the request"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

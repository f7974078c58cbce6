//! The `command` backend: runs a configured program (an agent CLI in print mode, a script) with
//! the prompt on stdin (or in place of a `{prompt}` argument) and streams its stdout as the reply.
//! A non-zero exit reports stderr; empty output is an error.
//!
//! Agent programs never outlive their run, nor the process that started them:
//! - the program runs in its own process group, killed whole on cancel, timeout, end of the run
//!   (stragglers it left in the background included) or when the run is dropped;
//! - the program gets `PR_SET_PDEATHSIG` (Linux), so it dies with the thread that spawned it even
//!   when we are killed with SIGKILL;
//! - a tiny watchdog (`sh`) joins the group and holds a pipe from us: when we die in any way the
//!   pipe closes and the watchdog kills the group, grandchildren included (PDEATHSIG only reaches
//!   the direct child). It also keeps the group id alive, so killing the group after the program
//!   was reaped can never hit a stranger that reused the id;
//! - [`kill_all`] kills every live group at once, for the server's signal and exit handling.

use std::process::Stdio;
use std::sync::Mutex;

use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::preset::PROMPT_ARG;
use super::{
    Agent, AgentError, AgentEvent, AgentFuture, AgentReply, AgentRequest, CancellationToken,
    EventSink, Limits,
};

/// Most stderr kept for the error message.
const STDERR_KEEP: usize = 2000;
/// Longest prompt passed as one argument (Linux allows 128 KiB per argument).
const MAX_ARG_PROMPT: usize = 120 * 1024;

/// Process groups of the runs in progress (for [`kill_all`]).
static LIVE: Mutex<Vec<i32>> = Mutex::new(Vec::new());

/// Kills the process group of every command agent still running in this process. For signal
/// handlers and exit paths, where the runs' own clean-up (dropping them) will not happen.
pub fn kill_all() -> usize {
    let groups: Vec<i32> = LIVE.lock().map(|g| g.clone()).unwrap_or_default();
    for &pgid in &groups {
        // SAFETY: killpg only sends a signal; a group that is gone yields ESRCH, which is fine.
        unsafe {
            libc::killpg(pgid, libc::SIGKILL);
        }
    }
    if !groups.is_empty() {
        tracing::info!(groups = groups.len(), "killed the running agent commands");
    }
    groups.len()
}

/// Number of command agents running in this process.
pub fn live() -> usize {
    LIVE.lock().map(|g| g.len()).unwrap_or(0)
}

/// Runs an external program as the agent.
pub struct CommandAgent {
    program: String,
    args: Vec<String>,
    limits: Limits,
}

impl CommandAgent {
    pub fn new(program: String, args: Vec<String>, limits: Limits) -> Self {
        CommandAgent {
            program,
            args,
            limits,
        }
    }
}

/// Kills a process group when dropped. Without a watchdog holding the group id, it is disarmed
/// once the leader was reaped (the id may be reused from then on).
struct GroupGuard {
    pgid: Option<i32>,
    /// Keeps the group alive and kills it if we die; killed with the group.
    watchdog: Option<tokio::process::Child>,
    registered: Option<i32>,
}

impl GroupGuard {
    fn new(pgid: Option<i32>) -> GroupGuard {
        let pgid = pgid.filter(|p| *p > 1);
        if let Some(p) = pgid
            && let Ok(mut live) = LIVE.lock()
        {
            live.push(p);
        }
        let watchdog = pgid.and_then(spawn_watchdog);
        GroupGuard {
            pgid,
            watchdog,
            registered: pgid,
        }
    }

    /// The leader was reaped.
    fn leader_reaped(&mut self) {
        if self.watchdog.is_none() {
            self.pgid = None;
        }
    }
}

impl Drop for GroupGuard {
    fn drop(&mut self) {
        if let Some(pgid) = self.pgid {
            // SAFETY: killpg only sends a signal; a group that is gone yields ESRCH, which is fine.
            unsafe {
                libc::killpg(pgid, libc::SIGKILL);
            }
            tracing::debug!(pgid, "killed the agent command's process group");
        }
        if let Some(p) = self.registered
            && let Ok(mut live) = LIVE.lock()
            && let Some(i) = live.iter().position(|x| *x == p)
        {
            live.swap_remove(i);
        }
        // The watchdog died with the group; `kill_on_drop` and tokio reap it.
    }
}

/// Starts `sh` in group `pgid`, waiting for end of input on a pipe only we hold, then killing the
/// group. `None` when it cannot start (the run goes on, with the weaker guarantees).
fn spawn_watchdog(pgid: i32) -> Option<tokio::process::Child> {
    let mut cmd = tokio::process::Command::new("sh");
    cmd.args(["-c", "read _; kill -KILL -\"$1\"", "skill-lsp-watchdog"])
        .arg(pgid.to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .process_group(pgid);
    match cmd.spawn() {
        Ok(c) => Some(c),
        Err(e) => {
            tracing::debug!("no watchdog for the agent command: {e}");
            None
        }
    }
}

/// Asks the kernel to kill the program when the thread that spawned it dies (Linux only).
#[cfg(target_os = "linux")]
fn die_with_parent(cmd: &mut tokio::process::Command) {
    // SAFETY: the closure runs between fork and exec and calls only async-signal-safe functions
    // (prctl, getppid, _exit).
    let parent = std::process::id() as libc::pid_t;
    unsafe {
        cmd.pre_exec(move || {
            libc::prctl(
                libc::PR_SET_PDEATHSIG,
                libc::SIGKILL as libc::c_ulong,
                0,
                0,
                0,
            );
            // The parent may have died before prctl took effect.
            if libc::getppid() != parent {
                libc::_exit(1);
            }
            Ok(())
        });
    }
}

#[cfg(not(target_os = "linux"))]
fn die_with_parent(_cmd: &mut tokio::process::Command) {}

impl CommandAgent {
    async fn run_inner(
        &self,
        request: AgentRequest,
        events: &EventSink,
    ) -> Result<AgentReply, AgentError> {
        let mut input = request.as_plain_text();
        let as_arg = self.args.iter().any(|a| a == PROMPT_ARG);
        if as_arg && input.len() > MAX_ARG_PROMPT {
            return Err(AgentError::NoAgent(format!(
                "the prompt ({} KiB) is too long to pass to `{}` as an argument; lower `agent.contextTokens`",
                input.len() / 1024,
                self.program
            )));
        }
        let args: Vec<String> = self
            .args
            .iter()
            .map(|a| {
                if a == PROMPT_ARG {
                    input.clone()
                } else {
                    a.clone()
                }
            })
            .collect();
        if as_arg {
            input.clear();
        }
        let mut cmd = tokio::process::Command::new(&self.program);
        cmd.args(&args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true)
            .process_group(0);
        die_with_parent(&mut cmd);
        let mut child = cmd.spawn().map_err(|e| AgentError::CommandNotStarted {
            program: self.program.clone(),
            detail: e.to_string(),
        })?;
        let mut guard = GroupGuard::new(child.id().map(|p| p as i32));

        // Feed stdin from a task so a program that writes before reading cannot deadlock us.
        if let Some(mut stdin) = child.stdin.take() {
            tokio::spawn(async move {
                // A program that exits without reading its input is not an error here.
                let _ = stdin.write_all(input.as_bytes()).await;
                let _ = stdin.shutdown().await;
            });
        }
        let stderr_task = child.stderr.take().map(|mut err| {
            tokio::spawn(async move {
                let mut kept: Vec<u8> = Vec::new();
                let mut buf = [0u8; 4096];
                while let Ok(n) = err.read(&mut buf).await {
                    if n == 0 {
                        break;
                    }
                    kept.extend_from_slice(&buf[..n]);
                    if kept.len() > STDERR_KEEP * 4 {
                        kept.drain(..kept.len() - STDERR_KEEP * 2);
                    }
                }
                String::from_utf8_lossy(&kept).into_owned()
            })
        });
        let _ = events.send(AgentEvent::Sent);

        let mut reply = AgentReply::default();
        if let Some(mut out) = child.stdout.take() {
            let mut pending: Vec<u8> = Vec::new();
            let mut buf = vec![0u8; 8192];
            loop {
                let n = out
                    .read(&mut buf)
                    .await
                    .map_err(|e| AgentError::BrokenStream(e.to_string()))?;
                if n == 0 {
                    break;
                }
                if reply.text.len() + pending.len() + n > self.limits.max_reply_bytes {
                    return Err(AgentError::TooLarge {
                        limit: self.limits.max_reply_bytes,
                    });
                }
                pending.extend_from_slice(&buf[..n]);
                let text = take_utf8(&mut pending);
                if !text.is_empty() {
                    reply.text.push_str(&text);
                    let _ = events.send(AgentEvent::Text(text));
                }
            }
            if !pending.is_empty() {
                let text = String::from_utf8_lossy(&pending).into_owned();
                reply.text.push_str(&text);
                let _ = events.send(AgentEvent::Text(text));
            }
        }
        let status = child
            .wait()
            .await
            .map_err(|e| AgentError::BrokenStream(e.to_string()))?;
        guard.leader_reaped();
        let stderr = match stderr_task {
            Some(t) => t.await.unwrap_or_default(),
            None => String::new(),
        };
        if !status.success() {
            return Err(AgentError::CommandFailed {
                code: status.code(),
                stderr: tail(&stderr),
            });
        }
        if reply.text.trim().is_empty() {
            return Err(AgentError::Empty);
        }
        let _ = events.send(AgentEvent::Done);
        Ok(reply)
    }
}

/// Takes the longest valid UTF-8 prefix out of `pending`, leaving an incomplete character behind.
fn take_utf8(pending: &mut Vec<u8>) -> String {
    let valid = match std::str::from_utf8(pending) {
        Ok(_) => pending.len(),
        Err(e) if e.error_len().is_none() => e.valid_up_to(),
        // Invalid bytes in the middle: replace them rather than stall.
        Err(_) => pending.len(),
    };
    let text = String::from_utf8_lossy(&pending[..valid]).into_owned();
    pending.drain(..valid);
    text
}

/// The end of stderr, trimmed and scrubbed of anything that looks like a secret.
fn tail(stderr: &str) -> String {
    let t = stderr.trim();
    let start = t
        .char_indices()
        .rev()
        .nth(STDERR_KEEP)
        .map(|(i, _)| i)
        .unwrap_or(0);
    super::redact::redact_text(&t[start..], false).text
}

impl Agent for CommandAgent {
    fn describe(&self) -> String {
        format!("command `{}`", self.program)
    }

    fn wire_body(&self, request: &AgentRequest) -> serde_json::Value {
        serde_json::json!({ "program": self.program, "args": self.args, "stdin": request.as_plain_text() })
    }

    fn run<'a>(
        &'a self,
        request: AgentRequest,
        events: EventSink,
        cancel: CancellationToken,
    ) -> AgentFuture<'a> {
        Box::pin(async move {
            super::guarded(
                self.run_inner(request, &events),
                &cancel,
                self.limits.timeout,
            )
            .await
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_split_across_reads_is_kept_whole() {
        let mut p = "é".as_bytes()[..1].to_vec();
        assert_eq!(take_utf8(&mut p), "");
        p.push("é".as_bytes()[1]);
        assert_eq!(take_utf8(&mut p), "é");
        assert!(p.is_empty());
    }
}

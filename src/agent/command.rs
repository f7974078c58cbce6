//! The `command` backend: runs a configured program (an agent CLI in print mode, a script) with
//! the prompt on stdin and streams its stdout as the reply. The program runs in its own process
//! group, and the whole group is killed on cancel, timeout, or when the run is dropped, so
//! grandchildren do not outlive it. A non-zero exit reports stderr; empty output is an error.

use std::process::Stdio;

use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::{
    Agent, AgentError, AgentEvent, AgentFuture, AgentReply, AgentRequest, CancellationToken,
    EventSink, Limits,
};

/// Most stderr kept for the error message.
const STDERR_KEEP: usize = 2000;

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

/// Kills a process group when dropped, unless disarmed after the leader was reaped.
struct GroupGuard {
    pgid: Option<i32>,
}

impl Drop for GroupGuard {
    fn drop(&mut self) {
        if let Some(pgid) = self.pgid.filter(|p| *p > 1) {
            // SAFETY: killpg only sends a signal; a group that is gone yields ESRCH, which is fine.
            unsafe {
                libc::killpg(pgid, libc::SIGKILL);
            }
            tracing::debug!(pgid, "killed the agent command's process group");
        }
    }
}

impl CommandAgent {
    async fn run_inner(
        &self,
        request: AgentRequest,
        events: &EventSink,
    ) -> Result<AgentReply, AgentError> {
        let mut cmd = tokio::process::Command::new(&self.program);
        cmd.args(&self.args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true)
            .process_group(0);
        let mut child = cmd.spawn().map_err(|e| AgentError::CommandFailed {
            code: None,
            stderr: format!("could not start `{}`: {e}", self.program),
        })?;
        let mut guard = GroupGuard {
            pgid: child.id().map(|p| p as i32),
        };

        // Feed stdin from a task so a program that writes before reading cannot deadlock us.
        let input = request.as_plain_text();
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
        // The leader is reaped: its group id may be reused from now on, so do not signal it.
        guard.pgid = None;
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

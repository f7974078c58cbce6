//! One agent run: the request slot, the progress it reports (`$/progress` from the stream), its
//! cancellation, and what becomes of the reply (an edit or an answer document).

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tracing::{debug, info, warn};

use super::RunCtx;
use super::state::AgentState;
use crate::agent::prompt::Mode;
use crate::agent::{Agent, AgentError, AgentEvent, CancellationToken};
use crate::lsp::proto::{
    MessageActionItem, MessageType, NumberOrString, ProgressParams, ProgressParamsValue,
    ProgressToken, WorkDoneProgress, WorkDoneProgressBegin, WorkDoneProgressCreateParams,
    WorkDoneProgressEnd, WorkDoneProgressReport, notification, request,
};
use crate::lsp::session::Snapshot;

use super::answer::{open_prompt, show_answer};
use super::state::token_key;
use super::{AskArgs, CLIENT_REPLY_TIMEOUT, OPEN_PROMPT, Prepared, fail, prepare};

/// Agent runs allowed at once (each occupies a request slot of the server while it streams).
pub(super) const MAX_RUNS: usize = 2;

/// Least time between two `$/progress` reports.
pub(super) const REPORT_EVERY: Duration = Duration::from_millis(50);

/// Removes the job and ends its progress when the run is dropped (`$/cancelRequest`) or ends.
pub(super) struct Job {
    b: RunCtx,
    key: String,
    token: Option<ProgressToken>,
    cancel: CancellationToken,
    ended: bool,
}

impl Drop for Job {
    fn drop(&mut self) {
        self.cancel.cancel();
        self.b
            .session
            .agent
            .jobs
            .lock()
            .expect("lock")
            .remove(&self.key);
        if !self.ended
            && let Some(token) = self.token.take()
        {
            let client = self.b.client.clone();
            // Dropped outside a runtime (process teardown): nobody is listening anyway.
            let Ok(rt) = tokio::runtime::Handle::try_current() else {
                return;
            };
            rt.spawn(async move {
                client
                    .send_notification::<notification::Progress>(end(token, "cancelled"))
                    .await;
            });
        }
    }
}

pub(super) fn end(token: ProgressToken, message: &str) -> ProgressParams {
    ProgressParams {
        token,
        value: ProgressParamsValue::WorkDone(WorkDoneProgress::End(WorkDoneProgressEnd {
            message: Some(message.to_string()),
        })),
    }
}

pub(super) fn human_bytes(n: usize) -> String {
    if n < 1024 {
        format!("{n} B")
    } else {
        format!("{:.1} KB", n as f64 / 1024.0)
    }
}

pub(super) async fn ask(b: &RunCtx, args: AskArgs, client_token: Option<ProgressToken>) -> Value {
    let mode = args.mode();
    let what = mode.as_str();
    let prepared = match prepare(b, &args) {
        Ok(p) => p,
        Err(e) => return fail(b, what, e.to_string()).await,
    };
    // Each run holds one of the framework's few concurrent request slots until it ends; keep
    // some free so edits, hovers and diagnostics never queue behind agents.
    if b.session.agent.running() >= MAX_RUNS {
        return fail(
            b,
            what,
            format!(
                "{MAX_RUNS} agent runs are already in progress; wait for one to finish or cancel it"
            ),
        )
        .await;
    }
    let agent = match b.session.agent.agent(&prepared.settings.agent).await {
        Ok(a) => a,
        Err(e) => return no_agent(b, &args, e).await,
    };
    run_prepared(b, &args, client_token, prepared, agent).await
}

/// [`AGENT_STATUS`](super::AGENT_STATUS) with `snap` taken after the router pulled the settings
/// again (see `server.rs`). Agent settings are never per root (a workspace file cannot set
/// them), so no document is needed.
pub async fn agent_status(snap: &Snapshot, agent: &AgentState) -> Value {
    match agent.agent(&snap.settings.agent).await {
        Ok(a) => json!({ "ok": true, "agent": a.describe() }),
        Err(e) => json!({ "ok": false, "error": e.to_string() }),
    }
}

/// No agent: say so plainly and offer the prompt to paste elsewhere.
pub(super) async fn no_agent(b: &RunCtx, args: &AskArgs, e: AgentError) -> Value {
    let msg = e.to_string();
    warn!("no agent: {msg}");
    let client = b.client.clone();
    let b2 = b.clone();
    let args2 = args.clone();
    let text = format!("skill-lsp: {msg}");
    // The question waits for the user; the request does not.
    tokio::spawn(async move {
        let open = MessageActionItem {
            title: "Open the prompt".into(),
            properties: Default::default(),
        };
        if let Ok(Some(choice)) = client
            .show_message_request(MessageType::WARNING, text, Some(vec![open]))
            .await
            && choice.title == "Open the prompt"
        {
            open_prompt(&b2, &args2).await;
        }
    });
    json!({ "ok": false, "error": msg, "noAgent": true, "openPrompt": { "command": OPEN_PROMPT, "arguments": [args] } })
}

pub(super) async fn run_prepared(
    b: &RunCtx,
    args: &AskArgs,
    client_token: Option<ProgressToken>,
    p: Prepared,
    agent: Arc<dyn Agent>,
) -> Value {
    let mode = p.prompt.mode;
    let what = mode.as_str();
    let flags = b.snapshot().flags;
    let cancel = CancellationToken::new();
    // Progress: the client's token, else one we create when the client supports it.
    let mut token = client_token;
    if token.is_none() && flags.work_done_progress {
        let t = NumberOrString::String(format!(
            "skill-lsp/{}/{}",
            what,
            b.session.agent.next.fetch_add(1, Ordering::Relaxed)
        ));
        let create = b.client.send_request::<request::WorkDoneProgressCreate>(
            WorkDoneProgressCreateParams { token: t.clone() },
        );
        match tokio::time::timeout(
            b.session
                .agent
                .client_timeout
                .unwrap_or(CLIENT_REPLY_TIMEOUT),
            create,
        )
        .await
        {
            Ok(Ok(())) => token = Some(t),
            Ok(Err(e)) => debug!("workDoneProgress/create failed: {e}"),
            Err(_) => warn!(
                "the editor did not answer window/workDoneProgress/create in time; running without progress"
            ),
        }
    }
    let key = token.as_ref().map(token_key).unwrap_or_else(|| {
        format!(
            "job:{}",
            b.session.agent.next.fetch_add(1, Ordering::Relaxed)
        )
    });
    b.session
        .agent
        .jobs
        .lock()
        .expect("lock")
        .insert(key.clone(), cancel.clone());
    let mut job = Job {
        b: b.clone(),
        key,
        token: token.clone(),
        cancel: cancel.clone(),
        ended: false,
    };
    let skills = if p.prompt.skills.is_empty() {
        "no skills".to_string()
    } else {
        p.prompt.skills.join(", ")
    };
    if let Some(t) = &token {
        let begin = WorkDoneProgressBegin {
            title: format!("skill-lsp: {what}"),
            cancellable: Some(true),
            message: Some(format!("{skills} · {}", agent.describe())),
            percentage: None,
        };
        b.client
            .send_notification::<notification::Progress>(ProgressParams {
                token: t.clone(),
                value: ProgressParamsValue::WorkDone(WorkDoneProgress::Begin(begin)),
            })
            .await;
    }
    info!(mode = what, skills = %skills, tokens = p.prompt.tokens, agent = %agent.describe(), "asking the agent");

    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    let request = p.prompt.request(
        p.settings.agent.max_output_tokens,
        p.settings.agent.temperature,
    );
    let run = agent.run(request, tx, cancel.clone());
    let pump = pump_progress(b.clone(), token.clone(), rx);
    let (result, received) = tokio::join!(run, pump);

    let outcome = match result {
        Err(AgentError::Cancelled) => {
            job.ended = true;
            if let Some(t) = token.clone() {
                b.client
                    .send_notification::<notification::Progress>(end(t, "cancelled"))
                    .await;
            }
            b.client
                .show_message(MessageType::INFO, format!("skill-lsp: {what} cancelled"))
                .await;
            return json!({ "ok": false, "cancelled": true });
        }
        Err(e) => Err(e.to_string()),
        Ok(r) if r.truncated && mode == Mode::Rewrite => Err(format!(
            "the reply was cut short at the output limit ({} tokens, setting `agent.maxOutputTokens`); nothing was applied",
            p.settings.agent.max_output_tokens
        )),
        Ok(r) => Ok(r),
    };
    // The progress ends with what happened to the reply, so it is computed first.
    let value = match outcome {
        Err(msg) => fail(b, what, msg).await,
        Ok(reply) => match mode {
            Mode::Rewrite => {
                if let Some(t) = &token {
                    b.client
                        .send_notification::<notification::Progress>(ProgressParams {
                            token: t.clone(),
                            value: ProgressParamsValue::WorkDone(WorkDoneProgress::Report(
                                WorkDoneProgressReport {
                                    cancellable: Some(false),
                                    message: Some(format!(
                                        "received {} · applying",
                                        human_bytes(received)
                                    )),
                                    percentage: None,
                                },
                            )),
                        })
                        .await;
                }
                super::edit::apply_rewrite(b, args, &p, &reply.text).await
            }
            Mode::Explain | Mode::Review => {
                show_answer(b, &p, &agent.describe(), &reply.text, reply.truncated).await
            }
        },
    };
    job.ended = true;
    if let Some(t) = token {
        b.client
            .send_notification::<notification::Progress>(end(t, &end_message(&value, received)))
            .await;
    }
    value
}

/// The last progress message: what became of the reply.
pub(super) fn end_message(value: &Value, received: usize) -> String {
    let size = human_bytes(received);
    if value["ok"] != true {
        let why = value["error"].as_str().unwrap_or("failed");
        let short: String = why.chars().take(120).collect();
        return if value["refused"] == true || value.get("replyPath").is_some() {
            format!("not applied: {short}")
        } else {
            format!("failed: {short}")
        };
    }
    if value["unchanged"] == true {
        format!("no change suggested · {size}")
    } else if value["applied"] == true {
        format!("applied · {size}")
    } else if value["truncated"] == true {
        format!("cut short at the output limit · {size}")
    } else {
        format!("done · {size}")
    }
}

/// Forwards stream events as `$/progress` reports, at most one per [`REPORT_EVERY`] (the last
/// state is always reported). Returns the bytes received.
pub(super) async fn pump_progress(
    b: RunCtx,
    token: Option<ProgressToken>,
    mut rx: tokio::sync::mpsc::UnboundedReceiver<AgentEvent>,
) -> usize {
    let mut bytes = 0usize;
    let mut out_tokens: Option<u64> = None;
    let mut last: Option<Instant> = None;
    let mut dirty = false;
    let mut receiving = false;
    let report = |bytes: usize, out_tokens: Option<u64>, waiting: bool| {
        let message = if waiting {
            "waiting for the agent…".to_string()
        } else {
            match out_tokens {
                Some(t) if t > 0 => format!("received {} (~{t} tokens)", human_bytes(bytes)),
                _ => format!("received {}", human_bytes(bytes)),
            }
        };
        WorkDoneProgressReport {
            cancellable: Some(true),
            message: Some(message),
            percentage: None,
        }
    };
    loop {
        let ev = if dirty {
            let due = last.map(|l| l + REPORT_EVERY).unwrap_or_else(Instant::now);
            tokio::select! {
                ev = rx.recv() => ev,
                _ = tokio::time::sleep_until(due.into()) => {
                    if let Some(t) = &token {
                        b.client.send_notification::<notification::Progress>(ProgressParams { token: t.clone(), value: ProgressParamsValue::WorkDone(WorkDoneProgress::Report(report(bytes, out_tokens, false))) }).await;
                    }
                    last = Some(Instant::now());
                    dirty = false;
                    continue;
                }
            }
        } else {
            rx.recv().await
        };
        let Some(ev) = ev else { break };
        let waiting = match ev {
            AgentEvent::Text(t) => {
                bytes += t.len();
                false
            }
            AgentEvent::Usage(u) => {
                out_tokens = Some(u.output_tokens);
                continue;
            }
            AgentEvent::Sent => true,
            AgentEvent::Done => continue,
        };
        let Some(t) = &token else { continue };
        // The first piece of the reply is reported at once (the stream started); later ones at
        // most every REPORT_EVERY.
        let first_text = !waiting && !receiving;
        receiving |= !waiting;
        if first_text || last.is_none_or(|l| l.elapsed() >= REPORT_EVERY) {
            b.client
                .send_notification::<notification::Progress>(ProgressParams {
                    token: t.clone(),
                    value: ProgressParamsValue::WorkDone(WorkDoneProgress::Report(report(
                        bytes, out_tokens, waiting,
                    ))),
                })
                .await;
            last = Some(Instant::now());
            dirty = false;
        } else {
            dirty = true;
        }
    }
    bytes
}

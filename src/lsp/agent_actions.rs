//! Agent code actions, the `skill-lsp.ask` / `skill-lsp.openPrompt` commands, their progress and
//! cancellation, and the optional agent part of tip hovers.
//!
//! `textDocument/codeAction` stays instant: it only lists commands. The work happens in
//! `workspace/executeCommand`: snapshot the document and settings, release every lock, build the
//! prompt, stream the agent's reply while reporting `$/progress`, then apply a versioned edit
//! (rewrite) or open a markdown answer (explain / review). The run lives inside the request
//! future, so `$/cancelRequest` (the framework drops the future) stops the HTTP stream or kills
//! the command at once; `window/workDoneProgress/cancel` fires the run's cancellation token.

use std::collections::HashMap;
use std::ops::Range as ByteRange;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tokio::sync::watch;
use tracing::{debug, info, warn};

use super::diagnostics::DiagnosticsState;
use super::proto::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, Command,
    ExecuteCommandParams, Hover, HoverContents, HoverParams, MarkupContent, MarkupKind,
    MessageActionItem, MessageType, NumberOrString, ProgressParams, ProgressParamsValue,
    ProgressToken, Range, ShowDocumentParams, Uri, WorkDoneProgress, WorkDoneProgressBegin,
    WorkDoneProgressCreateParams, WorkDoneProgressEnd, WorkDoneProgressReport, jsonrpc,
    notification, request,
};
use super::server::Backend;
use super::session::{DocSnapshot, Snapshot};
use crate::agent::context;
use crate::agent::prompt::{self, Mode, Prompt};
use crate::agent::{self, Agent, AgentError, AgentEvent, CancellationToken};
use crate::settings::AgentSettings;
use crate::skills::guard;
use crate::skills::select::{self, DocumentInfo};
use crate::skills::tips::FindOptions;

/// Runs the agent on a range or file.
pub const ASK: &str = "skill-lsp.ask";
/// Writes the prompt `skill-lsp.ask` would send as markdown and shows it.
pub const OPEN_PROMPT: &str = "skill-lsp.openPrompt";
/// Which agent a run would use, `{ok, agent}` or `{ok: false, error}`; editors ask before they
/// prompt for an instruction, so "no agent" comes first and says how to configure one.
pub const AGENT_STATUS: &str = "skill-lsp.agentStatus";
/// Commands this module answers.
pub const COMMANDS: &[&str] = &[ASK, OPEN_PROMPT, AGENT_STATUS];

/// Skills offered as "apply" actions.
const TOP_SKILLS: usize = 3;
/// Agent runs allowed at once (each occupies a request slot of the server while it streams).
const MAX_RUNS: usize = 2;
/// Least time between two `$/progress` reports.
const REPORT_EVERY: Duration = Duration::from_millis(50);
/// How long a "no agent" answer from `auto` is trusted before probing again.
const NO_AGENT_TTL: Duration = Duration::from_secs(30);
/// How long a failed hover explanation is not retried.
const HOVER_RETRY_AFTER: Duration = Duration::from_secs(60);
/// Longest wait for the client to answer a request it should answer at once (progress create,
/// showDocument): a client that never answers must not keep `skill-lsp.ask` open forever.
const CLIENT_REPLY_TIMEOUT: Duration = Duration::from_secs(10);

type Resolved = (AgentSettings, Instant, Result<Arc<dyn Agent>, AgentError>);

/// Per-server agent state: the injected agent, the one built from settings, running jobs, and
/// the hover cache.
pub struct AgentState {
    pub injected: Option<Arc<dyn Agent>>,
    resolved: tokio::sync::Mutex<Option<Resolved>>,
    /// Progress token -> cancellation of the run it reports.
    jobs: Mutex<HashMap<String, CancellationToken>>,
    next: AtomicU64,
    hover: Mutex<HashMap<(String, Vec<String>), HoverEntry>>,
    /// Overrides every wait for the client's answers (tests).
    pub(super) client_timeout: Option<Duration>,
}

#[derive(Clone)]
enum HoverEntry {
    Pending(watch::Receiver<Option<String>>),
    Ready(String),
    Failed(Instant),
}

impl AgentState {
    pub fn new(injected: Option<Arc<dyn Agent>>, client_timeout: Option<Duration>) -> Self {
        AgentState {
            client_timeout,
            injected,
            resolved: tokio::sync::Mutex::new(None),
            jobs: Mutex::new(HashMap::new()),
            next: AtomicU64::new(1),
            hover: Mutex::new(HashMap::new()),
        }
    }

    /// The agent to use: the injected one, else the one the settings describe (cached per settings).
    pub async fn agent(&self, settings: &AgentSettings) -> Result<Arc<dyn Agent>, AgentError> {
        if let Some(a) = &self.injected {
            return Ok(a.clone());
        }
        let mut slot = self.resolved.lock().await;
        if let Some((s, at, r)) = slot.as_ref()
            && s == settings
            && (r.is_ok() || at.elapsed() < NO_AGENT_TTL)
        {
            return r.clone();
        }
        let r = agent::from_settings(settings).await;
        match &r {
            Ok(a) => info!(agent = %a.describe(), "agent ready"),
            Err(e) => info!("no agent: {e}"),
        }
        *slot = Some((settings.clone(), Instant::now(), r.clone()));
        r
    }

    /// Number of runs in progress (tests and `doctor`).
    pub fn running(&self) -> usize {
        self.jobs.lock().expect("lock").len()
    }

    /// Stops every run in progress (end of input, exit, a signal): each ends at once, killing its
    /// command's process group, and its request is answered with `cancelled`.
    pub fn cancel_all(&self) {
        let jobs = self.jobs.lock().expect("lock");
        if !jobs.is_empty() {
            info!(runs = jobs.len(), "stopping the agent runs in progress");
        }
        for c in jobs.values() {
            c.cancel();
        }
    }
}

/// Wraps the server's input so that end of input (or a read error) stops the agent runs in
/// progress: the framework finishes in-flight requests before it returns, and a run must not
/// keep the process alive until `agent.timeoutSecs`.
pub struct CancelOnEof<R> {
    inner: R,
    state: Option<Arc<super::session::Session>>,
}

impl<R> CancelOnEof<R> {
    pub fn new(inner: R, state: Arc<super::session::Session>) -> Self {
        CancelOnEof {
            inner,
            state: Some(state),
        }
    }
}

impl<R: tokio::io::AsyncRead + Unpin> tokio::io::AsyncRead for CancelOnEof<R> {
    fn poll_read(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &mut tokio::io::ReadBuf<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        let before = buf.filled().len();
        let r = std::pin::Pin::new(&mut self.inner).poll_read(cx, buf);
        let ended = match &r {
            std::task::Poll::Ready(Ok(())) => buf.filled().len() == before && buf.remaining() > 0,
            std::task::Poll::Ready(Err(_)) => true,
            std::task::Poll::Pending => false,
        };
        if ended && let Some(state) = self.state.take() {
            state.agent.cancel_all();
        }
        r
    }
}

fn token_key(t: &ProgressToken) -> String {
    match t {
        NumberOrString::Number(n) => format!("n:{n}"),
        NumberOrString::String(s) => format!("s:{s}"),
    }
}

// ---------------------------------------------------------------- code actions

/// Arguments of `skill-lsp.ask` / `skill-lsp.openPrompt`.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AskArgs {
    pub uri: Uri,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<Range>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skills: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instruction: Option<String>,
    /// `rewrite` (default), `explain` or `review`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
}

fn ask_command(title: &str, args: &AskArgs) -> Command {
    Command {
        title: title.to_string(),
        command: ASK.to_string(),
        arguments: Some(vec![serde_json::to_value(args).unwrap_or(Value::Null)]),
    }
}

/// What "fix <tip>" rewrites when nothing is selected: whole lines, not the matched span (an agent
/// cannot fix `except Exception:` without the `pass` under it), and the whole block when the
/// finding's line opens one.
fn fix_range(doc: &DocSnapshot, text: &str, diag: Range) -> Range {
    let bytes = doc.byte_range(diag);
    let rope = &doc.rope;
    let first = rope.byte_to_line(bytes.start.min(rope.len_bytes()));
    let last = rope.byte_to_line(bytes.end.min(rope.len_bytes()));
    let line_start = rope.line_to_byte(first);
    let block = crate::agent::prompt::enclosing_block(text, line_start);
    let end = if block.start == line_start && block.end > line_start {
        block.end
    } else {
        let next = (last + 1).min(rope.len_lines());
        rope.line_to_byte(next)
    };
    // Keep the final line break out of the range so the edit does not swallow it.
    let mut end = end.max(line_start);
    if end > line_start && text.as_bytes().get(end - 1) == Some(&b'\n') {
        end -= 1;
        if end > line_start && text.as_bytes().get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
    }
    doc.range_of(line_start..end)
}

/// The tip id and skill of one of our tip diagnostics.
fn tip_of(d: &super::proto::Diagnostic) -> Option<(String, String)> {
    let id = match d.code.as_ref()? {
        NumberOrString::String(s) if s.contains('/') && !s.starts_with("skill-lsp/") => s.clone(),
        _ => return None,
    };
    let skill = d
        .data
        .as_ref()
        .and_then(|v| v.get("skill"))
        .and_then(Value::as_str)
        .map(str::to_owned)
        .unwrap_or_else(|| id.split('/').next().unwrap_or("").to_string());
    Some((id, skill))
}

/// `textDocument/codeAction`: instant, no network. Lists "Ask agent: ..." commands.
/// `snap` is taken for `doc`; `diags` holds the findings already computed for it.
pub fn code_actions(
    diags: &DiagnosticsState,
    snap: &Snapshot,
    doc: &DocSnapshot,
    params: &CodeActionParams,
) -> Vec<CodeActionOrCommand> {
    let uri = &params.text_document.uri;
    let wanted = |kind: &CodeActionKind| match &params.context.only {
        None => true,
        Some(only) => only.iter().any(|o| {
            o.as_str().is_empty()
                || kind.as_str() == o.as_str()
                || kind.as_str().starts_with(&format!("{}.", o.as_str()))
        }),
    };
    let range = params.range;
    let selection = range.start != range.end;
    let mut out: Vec<(CodeActionKind, CodeAction)> = Vec::new();
    let text = doc.text();

    for d in &params.context.diagnostics {
        let Some((id, skill)) = tip_of(d) else {
            continue;
        };
        let args = AskArgs {
            uri: uri.clone(),
            range: Some(if selection {
                range
            } else {
                fix_range(doc, &text, d.range)
            }),
            skills: vec![skill],
            instruction: Some(format!("Fix the tip `{id}`: {}", d.message)),
            mode: Some("rewrite".into()),
        };
        let title = format!("Ask agent: fix {id}");
        out.push((
            CodeActionKind::QUICKFIX,
            CodeAction {
                title: title.clone(),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![d.clone()]),
                command: Some(ask_command(&title, &args)),
                ..Default::default()
            },
        ));
    }

    let matches = select::select_with_settings(&snap.library, &doc.info(&text), &snap.settings);
    if selection {
        // Skills whose tips fire in the selection first (cached findings: no heavy work here),
        // then the best applicable ones.
        let bytes = doc.byte_range(range);
        let first = doc.rope.byte_to_line(bytes.start.min(doc.rope.len_bytes())) as u32;
        let last = doc.rope.byte_to_line(bytes.end.min(doc.rope.len_bytes())) as u32;
        let mut ranked: Vec<crate::skills::model::SkillId> = Vec::new();
        for f in super::diagnostics::findings_near(diags, snap, doc, first..last + 1) {
            if f.range.start < bytes.end && f.range.end > bytes.start && !ranked.contains(&f.skill)
            {
                ranked.push(f.skill);
            }
        }
        for m in &matches {
            if !ranked.contains(&m.skill) {
                ranked.push(m.skill);
            }
        }
        for id in ranked.into_iter().take(TOP_SKILLS) {
            let name = snap.library.skill(id).name.clone();
            let title = format!("Ask agent: apply {name}");
            let args = AskArgs {
                uri: uri.clone(),
                range: Some(range),
                skills: vec![name],
                instruction: None,
                mode: Some("rewrite".into()),
            };
            out.push((
                CodeActionKind::REFACTOR_REWRITE,
                CodeAction {
                    title: title.clone(),
                    kind: Some(CodeActionKind::REFACTOR_REWRITE),
                    command: Some(ask_command(&title, &args)),
                    ..Default::default()
                },
            ));
        }
    }
    if !matches.is_empty() || selection {
        let explain = AskArgs {
            uri: uri.clone(),
            range: Some(range),
            skills: vec![],
            instruction: None,
            mode: Some("explain".into()),
        };
        let review = AskArgs {
            uri: uri.clone(),
            range: None,
            skills: vec![],
            instruction: None,
            mode: Some("review".into()),
        };
        for (title, args) in [
            ("Ask agent: explain with skills", explain),
            ("Ask agent: review this file with skills", review),
        ] {
            out.push((
                CodeActionKind::EMPTY,
                CodeAction {
                    title: title.into(),
                    kind: Some(CodeActionKind::EMPTY),
                    command: Some(ask_command(title, &args)),
                    ..Default::default()
                },
            ));
        }
    }
    let literals = snap.flags.code_action_literals;
    out.into_iter()
        .filter(|(k, _)| wanted(k))
        .map(|(_, a)| {
            if literals {
                CodeActionOrCommand::CodeAction(a)
            } else {
                CodeActionOrCommand::Command(a.command.expect("every agent action has a command"))
            }
        })
        .collect()
}

// ---------------------------------------------------------------- execute

/// `workspace/executeCommand` for [`COMMANDS`]. Every failure is shown with `window/showMessage`
/// and the request always answers (a JSON value with `ok: false` and the reason).
pub async fn execute(b: &Backend, params: ExecuteCommandParams) -> jsonrpc::Result<Option<Value>> {
    if params.command == AGENT_STATUS {
        return Ok(Some(agent_status(b).await));
    }
    let args = match parse_args(&params.arguments) {
        Ok(a) => a,
        Err(msg) => {
            b.client
                .show_message(MessageType::ERROR, format!("skill-lsp: {msg}"))
                .await;
            return Err(jsonrpc::Error::invalid_params(msg));
        }
    };
    let token = params.work_done_progress_params.work_done_token;
    let out = match params.command.as_str() {
        OPEN_PROMPT => open_prompt(b, &args).await,
        _ => ask(b, args, token).await,
    };
    Ok(Some(out))
}

fn parse_args(arguments: &[Value]) -> Result<AskArgs, String> {
    let first = arguments.first().cloned().unwrap_or(Value::Null);
    let v = match first {
        Value::String(uri) => json!({ "uri": uri }),
        other => other,
    };
    let args: AskArgs = serde_json::from_value(v)
        .map_err(|e| format!("{ASK} expects {{uri, range?, skills?, instruction?, mode?}}: {e}"))?;
    if let Some(m) = &args.mode
        && Mode::parse(m).is_none()
    {
        return Err(format!("unknown mode `{m}` (rewrite, explain, review)"));
    }
    Ok(args)
}

/// Everything a run needs, detached from the server's locks.
pub(super) struct Prepared {
    pub doc: DocSnapshot,
    pub text: String,
    pub prompt: Prompt,
    pub settings: crate::settings::Shared,
}

pub(super) async fn fail(b: &Backend, what: &str, msg: String) -> Value {
    warn!("{what}: {msg}");
    b.client
        .show_message(MessageType::ERROR, format!("skill-lsp {what}: {msg}"))
        .await;
    json!({ "ok": false, "error": msg })
}

/// The document (open, else read from disk with version 0 for explain / review). A file that is
/// not open is read only when it lies inside a workspace folder once symlinks are resolved, is a
/// regular file and is under [`guard::MAX_DOCUMENT`]: its text goes into an agent prompt, and a
/// client-named path must not send `/etc/…` or block on a FIFO.
fn load_doc(b: &Backend, uri: &Uri) -> Result<DocSnapshot, String> {
    if let Some(d) = b.document(uri) {
        return Ok(d);
    }
    let not_open = |why: String| format!("{} is not open and {why}", uri.as_str());
    let path =
        super::convert::uri_to_path(uri).ok_or_else(|| not_open("is not a file: URI".into()))?;
    let snap = b.snapshot();
    let root = select::root_for(&snap.workspaces, &path)
        .cloned()
        .ok_or_else(|| not_open("is outside every workspace folder".into()))?;
    let text = guard::read_text_capped(&path, Some(&root), guard::MAX_DOCUMENT)
        .map_err(|e| not_open(format!("cannot be read: {e}")))?;
    let lang = select::language_of(&path, &text, None);
    Ok(DocSnapshot {
        uri: uri.clone(),
        path: Some(path),
        root: Some(root),
        version: 0,
        language_id: lang,
        rope: ropey::Rope::from_str(&text),
        encoding: snap.flags.encoding,
    })
}

/// Builds the prompt for `args`. Pure work over snapshots; no lock is held.
fn prepare(b: &Backend, args: &AskArgs) -> Result<Prepared, String> {
    let mode = args
        .mode
        .as_deref()
        .and_then(Mode::parse)
        .unwrap_or(Mode::Rewrite);
    let doc = load_doc(b, &args.uri)?;
    if mode == Mode::Rewrite && b.document(&args.uri).is_none() {
        return Err("open the file before asking for a rewrite".into());
    }
    let snap: Snapshot = b.snapshot().for_doc(&doc);
    if let Some(path) = &doc.path {
        prompt::check_not_ignored(path, doc.root.as_deref()).map_err(|e| e.to_string())?;
    }
    let text = doc.text();
    let target = context::target_for(&text, args.range.map(|r| doc.byte_range(r)), mode);
    let info = doc.info(&text);
    let prompt = build_prompt(
        &snap,
        &info,
        target,
        &args.skills,
        args.instruction.as_deref(),
        mode,
        snap.settings.agent.context_tokens,
    )?;
    Ok(Prepared {
        doc,
        text,
        prompt,
        settings: snap.settings.clone(),
    })
}

/// The prompt for a target range. Shared by ask, openPrompt and hover.
#[allow(clippy::too_many_arguments)]
fn build_prompt(
    snap: &Snapshot,
    info: &DocumentInfo,
    target: ByteRange<usize>,
    skills: &[String],
    instruction: Option<&str>,
    mode: Mode,
    budget: u32,
) -> Result<Prompt, String> {
    let ask = context::Ask {
        target,
        skills,
        instruction,
        mode,
        budget,
    };
    context::build(&snap.library, &snap.settings, info, &ask)
}

fn line_of(text: &str, offset: usize) -> u32 {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&c| c == b'\n')
        .count() as u32
}

/// Removes the job and ends its progress when the run is dropped (`$/cancelRequest`) or ends.
struct Job {
    b: Backend,
    key: String,
    token: Option<ProgressToken>,
    cancel: CancellationToken,
    ended: bool,
}

impl Drop for Job {
    fn drop(&mut self) {
        self.cancel.cancel();
        self.b
            .state
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

fn end(token: ProgressToken, message: &str) -> ProgressParams {
    ProgressParams {
        token,
        value: ProgressParamsValue::WorkDone(WorkDoneProgress::End(WorkDoneProgressEnd {
            message: Some(message.to_string()),
        })),
    }
}

fn human_bytes(n: usize) -> String {
    if n < 1024 {
        format!("{n} B")
    } else {
        format!("{:.1} KB", n as f64 / 1024.0)
    }
}

async fn ask(b: &Backend, args: AskArgs, client_token: Option<ProgressToken>) -> Value {
    let mode = args
        .mode
        .as_deref()
        .and_then(Mode::parse)
        .unwrap_or(Mode::Rewrite);
    let what = mode.as_str();
    let prepared = match prepare(b, &args) {
        Ok(p) => p,
        Err(msg) => return fail(b, what, msg).await,
    };
    // Each run holds one of the framework's few concurrent request slots until it ends; keep
    // some free so edits, hovers and diagnostics never queue behind agents.
    if b.state.agent.running() >= MAX_RUNS {
        return fail(
            b,
            what,
            format!(
                "{MAX_RUNS} agent runs are already in progress; wait for one to finish or cancel it"
            ),
        )
        .await;
    }
    let agent = match b.state.agent.agent(&prepared.settings.agent).await {
        Ok(a) => a,
        Err(e) => return no_agent(b, &args, e).await,
    };
    run_prepared(b, &args, client_token, prepared, agent).await
}

/// [`AGENT_STATUS`]. The settings are pulled again first: the user may have just changed them,
/// and the pull that `workspace/didChangeConfiguration` starts can still be under way (messages
/// are handled concurrently), which would answer with the agent from before the change. Agent
/// settings are never per root (a workspace file cannot set them), so no document is needed.
pub(super) async fn agent_status(b: &Backend) -> Value {
    if b.pull_configuration().await {
        b.settings_changed(false).await;
    }
    let settings = b.snapshot().settings;
    match b.state.agent.agent(&settings.agent).await {
        Ok(a) => json!({ "ok": true, "agent": a.describe() }),
        Err(e) => json!({ "ok": false, "error": e.to_string() }),
    }
}

/// No agent: say so plainly and offer the prompt to paste elsewhere.
async fn no_agent(b: &Backend, args: &AskArgs, e: AgentError) -> Value {
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

async fn run_prepared(
    b: &Backend,
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
            b.state.agent.next.fetch_add(1, Ordering::Relaxed)
        ));
        let create = b.client.send_request::<request::WorkDoneProgressCreate>(
            WorkDoneProgressCreateParams { token: t.clone() },
        );
        match tokio::time::timeout(
            b.state.agent.client_timeout.unwrap_or(CLIENT_REPLY_TIMEOUT),
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
    let key = token
        .as_ref()
        .map(token_key)
        .unwrap_or_else(|| format!("job:{}", b.state.agent.next.fetch_add(1, Ordering::Relaxed)));
    b.state
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
                super::agent_edit::apply_rewrite(b, args, &p, &reply.text).await
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
fn end_message(value: &Value, received: usize) -> String {
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
async fn pump_progress(
    b: Backend,
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

fn stamp() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or(0)
}

/// Writes markdown to the cache and opens it (showDocument), else shows it in a message / log.
pub(super) async fn show_markdown(
    b: &Backend,
    kind: &str,
    stem: &str,
    markdown: &str,
) -> Result<PathBuf, String> {
    // `<cache>/<kind>`: `$XDG_CACHE_HOME/skill-lsp/answers` unless the server was given a folder.
    let dir = b.state.cache.join(kind);
    let path = dir.join(format!("{stem}-{}.md", stamp()));
    let written = std::fs::create_dir_all(&dir).and_then(|_| std::fs::write(&path, markdown));
    let flags = b.snapshot().flags;
    if written.is_ok()
        && flags.show_document
        && let Some(uri) = super::convert::path_to_uri(&path)
    {
        let show = b.client.show_document(ShowDocumentParams {
            uri,
            external: Some(false),
            take_focus: Some(true),
            selection: None,
        });
        match tokio::time::timeout(
            b.state.agent.client_timeout.unwrap_or(CLIENT_REPLY_TIMEOUT),
            show,
        )
        .await
        {
            Ok(Ok(true)) => return Ok(path),
            Ok(Ok(false)) => debug!("the editor declined to show {}", path.display()),
            Ok(Err(e)) => debug!("window/showDocument failed: {e}"),
            Err(_) => warn!("the editor did not answer window/showDocument in time"),
        }
    }
    // Fallback: the whole text in the log, a short version (or the path) in a message.
    b.client
        .log_message(MessageType::INFO, markdown.to_string())
        .await;
    let short = if markdown.chars().count() <= 600 {
        markdown.to_string()
    } else {
        match &written {
            Ok(()) => format!(
                "answer written to {} (full text in the log)",
                path.display()
            ),
            Err(_) => "the answer is in the skill-lsp log".to_string(),
        }
    };
    b.client
        .show_message(MessageType::INFO, format!("skill-lsp: {short}"))
        .await;
    written.map(|_| path).map_err(|e| e.to_string())
}

pub(super) fn file_stem(doc: &DocSnapshot) -> String {
    doc.path
        .as_ref()
        .and_then(|p| p.file_name())
        .map(|n| {
            n.to_string_lossy()
                .replace(|c: char| !c.is_alphanumeric() && c != '.' && c != '-', "_")
        })
        .unwrap_or_else(|| "untitled".into())
}

async fn show_answer(
    b: &Backend,
    p: &Prepared,
    agent: &str,
    reply: &str,
    truncated: bool,
) -> Value {
    let mode = p.prompt.mode.as_str();
    let first = line_of(&p.text, p.prompt.target.start) + 1;
    let last = line_of(
        &p.text,
        p.prompt
            .target
            .end
            .saturating_sub(1)
            .max(p.prompt.target.start),
    ) + 1;
    let file = p
        .doc
        .path
        .as_ref()
        .map(|x| x.display().to_string())
        .unwrap_or_else(|| p.doc.uri.as_str().to_string());
    let cut = if truncated {
        format!(
            "\n\n---\n\n> **Cut short:** the reply stopped at the output limit ({} tokens, setting `agent.maxOutputTokens`); the text above is incomplete.\n",
            p.settings.agent.max_output_tokens
        )
    } else {
        String::new()
    };
    let md = format!(
        "<!-- skill-lsp {mode} · {agent} -->\n# {} of `{file}` (lines {first}-{last})\n\nSkills: {}\n\n---\n\n{}\n{cut}",
        if mode == "review" {
            "Review"
        } else {
            "Explanation"
        },
        if p.prompt.skills.is_empty() {
            "none".to_string()
        } else {
            p.prompt.skills.join(", ")
        },
        reply.trim()
    );
    match show_markdown(b, "answers", &format!("{}-{mode}", file_stem(&p.doc)), &md).await {
        Ok(path) => {
            json!({ "ok": true, "path": path.display().to_string(), "skills": p.prompt.skills, "truncated": truncated })
        }
        Err(e) => {
            json!({ "ok": true, "path": Value::Null, "warning": e, "text": md, "truncated": truncated })
        }
    }
}

/// `skill-lsp.openPrompt`: the assembled prompt as a markdown document.
async fn open_prompt(b: &Backend, args: &AskArgs) -> Value {
    let p = match prepare(b, args) {
        Ok(p) => p,
        Err(msg) => return fail(b, "prompt", msg).await,
    };
    let md = p.prompt.to_markdown();
    match show_markdown(
        b,
        "prompts",
        &format!("{}-{}", file_stem(&p.doc), p.prompt.mode.as_str()),
        &md,
    )
    .await
    {
        Ok(path) => {
            json!({ "ok": true, "path": path.display().to_string(), "tokens": p.prompt.tokens })
        }
        Err(e) => fail(b, "prompt", e).await,
    }
}

/// `window/workDoneProgress/cancel`: stop the run that reports on `token`.
pub fn cancel_progress(b: &Backend, token: ProgressToken) {
    let key = token_key(&token);
    if let Some(c) = b.state.agent.jobs.lock().expect("lock").get(&key) {
        info!("cancelling the agent run ({key})");
        c.cancel();
    }
}

// ---------------------------------------------------------------- hover

/// Adds the agent's short explanation to a tip hover when `hover.agent` is on. Waits at most
/// `hover.agentTimeoutMs`; on timeout the tip alone is returned and the explanation keeps
/// computing in the background, cached per (code span, skills) for the next hover.
pub async fn augment_hover(b: &Backend, params: &HoverParams, tip: Option<Hover>) -> Option<Hover> {
    let tip = tip?;
    let snap = b.snapshot();
    if !snap.settings.hover.agent {
        return Some(tip);
    }
    let uri = &params.text_document_position_params.text_document.uri;
    let Some(doc) = b.document(uri) else {
        return Some(tip);
    };
    let snap = snap.for_doc(&doc);
    let text = doc.text();
    let span = match tip.range {
        Some(r) if r.start != r.end => doc.byte_range(r),
        _ => {
            let off = doc.offset_at(params.text_document_position_params.position);
            let s = text[..off].rfind('\n').map(|i| i + 1).unwrap_or(0);
            let e = text[off..]
                .find('\n')
                .map(|i| off + i)
                .unwrap_or(text.len());
            s..e
        }
    };
    if text[span.clone()].trim().is_empty() {
        return Some(tip);
    }
    // Skills whose tips fire on this line.
    let info = doc.info(&text);
    let line = line_of(&text, span.start);
    let selected = select::select_with_settings(&snap.library, &info, &snap.settings);
    let findings = snap.library.tips.find(
        &snap.library,
        &selected,
        &info,
        &FindOptions {
            settings: Some(&snap.settings.tips),
            lines: Some(line..line + 1),
            implicit: true,
        },
    );
    let mut skills: Vec<String> = findings.iter().map(|f| f.skill_name.to_string()).collect();
    skills.sort();
    skills.dedup();
    let key = (text[span.clone()].to_string(), skills.clone());
    let wait = Duration::from_millis(snap.settings.hover.agent_timeout_ms);

    let entry = b.state.agent.hover.lock().expect("lock").get(&key).cloned();
    let mut rx = match entry {
        Some(HoverEntry::Ready(s)) => return Some(with_agent(tip, &s)),
        Some(HoverEntry::Failed(at)) if at.elapsed() < HOVER_RETRY_AFTER => return Some(tip),
        // A pending entry whose task died (sender gone, no value) is computed again.
        Some(HoverEntry::Pending(rx)) if rx.has_changed().is_ok() || rx.borrow().is_some() => rx,
        _ => {
            // Resolving `auto` may probe a local Ollama: never longer than the hover may wait.
            let agent =
                match tokio::time::timeout(wait, b.state.agent.agent(&snap.settings.agent)).await {
                    Ok(Ok(a)) => a,
                    _ => return Some(tip),
                };
            let budget = snap.settings.agent.context_tokens.min(2000);
            let instruction = "In two or three sentences, say why the tip applies to this code and how to fix it.";
            let built = build_prompt(
                &snap,
                &info,
                span.clone(),
                &skills,
                Some(instruction),
                Mode::Explain,
                budget,
            );
            let Ok(prompt) = built else {
                return Some(tip);
            };
            let (tx, rx) = watch::channel(None);
            b.state
                .agent
                .hover
                .lock()
                .expect("lock")
                .insert(key.clone(), HoverEntry::Pending(rx.clone()));
            let b2 = b.clone();
            let key2 = key.clone();
            let timeout = Duration::from_secs(snap.settings.agent.timeout_secs.min(60));
            tokio::spawn(async move {
                let (etx, _erx) = tokio::sync::mpsc::unbounded_channel();
                let req = prompt.request(300, 0.2);
                let r =
                    tokio::time::timeout(timeout, agent.run(req, etx, CancellationToken::new()))
                        .await;
                let entry = match r {
                    Ok(Ok(reply)) => {
                        let s = reply.text.trim().to_string();
                        let _ = tx.send(Some(s.clone()));
                        HoverEntry::Ready(s)
                    }
                    Ok(Err(e)) => {
                        debug!("hover explanation failed: {e}");
                        HoverEntry::Failed(Instant::now())
                    }
                    Err(_) => HoverEntry::Failed(Instant::now()),
                };
                let mut cache = b2.state.agent.hover.lock().expect("lock");
                if cache.len() > 500 {
                    cache.clear();
                }
                cache.insert(key2, entry);
            });
            rx
        }
    };
    let got = tokio::time::timeout(wait, async {
        loop {
            if let Some(s) = rx.borrow().clone() {
                return Some(s);
            }
            if rx.changed().await.is_err() {
                return None;
            }
        }
    })
    .await;
    match got {
        Ok(Some(s)) => Some(with_agent(tip, &s)),
        _ => Some(tip),
    }
}

fn with_agent(mut tip: Hover, explanation: &str) -> Hover {
    let extra = format!("\n\n---\n\n**Agent:** {explanation}");
    tip.contents = match tip.contents {
        HoverContents::Markup(mut m) => {
            m.value.push_str(&extra);
            HoverContents::Markup(m)
        }
        other => {
            let base = match other {
                HoverContents::Scalar(s) => marked(&s),
                HoverContents::Array(v) => v.iter().map(marked).collect::<Vec<_>>().join("\n\n"),
                HoverContents::Markup(m) => m.value,
            };
            HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: format!("{base}{extra}"),
            })
        }
    };
    tip
}

fn marked(s: &super::proto::MarkedString) -> String {
    match s {
        super::proto::MarkedString::String(s) => s.clone(),
        super::proto::MarkedString::LanguageString(l) => {
            format!("```{}\n{}\n```", l.language, l.value)
        }
    }
}

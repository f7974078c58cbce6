//! Agent code actions, the `skill-lsp.ask` / `skill-lsp.openPrompt` commands, their progress and
//! cancellation, and the optional agent part of tip hovers.
//!
//! `textDocument/codeAction` stays instant: it only lists commands. The work happens in
//! `workspace/executeCommand`: snapshot the document and settings, release every lock, build the
//! prompt, stream the agent's reply while reporting `$/progress`, then apply a versioned edit
//! (rewrite) or open a markdown answer (explain / review). The run lives inside the request
//! future, so `$/cancelRequest` (the framework drops the future) stops the HTTP stream or kills
//! the command at once; `window/workDoneProgress/cancel` fires the run's cancellation token.
//!
//! Here: the commands, their arguments and the prompt a run is prepared with. `actions` lists the
//! code actions, `run` runs the agent and reports progress, `edit` applies a rewrite, `answer`
//! writes and opens answer and prompt documents, `hover` adds the agent to tip hovers, `state`
//! holds the agent, the runs in progress and the hover cache.

mod actions;
mod answer;
mod edit;
mod hover;
mod run;
pub(super) mod state;

pub use actions::code_actions;
pub use hover::augment_hover;
pub use run::agent_status;
pub use state::{AgentState, CancelOnEof, cancel_progress};

use answer::open_prompt;
use run::ask;

use std::ops::Range as ByteRange;
use std::sync::Arc;
use std::time::Duration;

use serde_json::{Value, json};
use tracing::warn;

use crate::agent::context;
use crate::agent::prompt::{self, Mode, Prompt};
use crate::lsp::proto::Client;
use crate::lsp::proto::{ExecuteCommandParams, MessageType, Range, Uri, jsonrpc};
use crate::lsp::session::Session;
use crate::lsp::session::{DocSnapshot, Snapshot};
use crate::skills::guard;
use crate::skills::select::{self, DocumentInfo};

/// What an agent run needs from the server, and no more: the client (progress, messages,
/// `showDocument`, `applyEdit`) and the session (the agent state, the open documents a rewrite
/// checks again when the reply arrives, the cache folder). A run never routes, reloads or
/// changes settings, so it does not get the `Backend`.
#[derive(Clone)]
pub struct RunCtx {
    pub client: Client,
    pub session: Arc<Session>,
}

impl RunCtx {
    fn snapshot(&self) -> Snapshot {
        self.session.snapshot()
    }

    fn document(&self, uri: &Uri) -> Option<DocSnapshot> {
        self.session.document(uri)
    }
}

/// Runs the agent on a range or file.
pub const ASK: &str = "skill-lsp.ask";

/// Writes the prompt `skill-lsp.ask` would send as markdown and shows it.
pub const OPEN_PROMPT: &str = "skill-lsp.openPrompt";

/// Which agent a run would use, `{ok, agent}` or `{ok: false, error}`; editors ask before they
/// prompt for an instruction, so "no agent" comes first and says how to configure one.
pub const AGENT_STATUS: &str = "skill-lsp.agentStatus";

/// Commands this module answers.
pub const COMMANDS: &[&str] = &[ASK, OPEN_PROMPT, AGENT_STATUS];

/// Longest wait for the client to answer a request it should answer at once (progress create,
/// showDocument): a client that never answers must not keep `skill-lsp.ask` open forever.
const CLIENT_REPLY_TIMEOUT: Duration = Duration::from_secs(10);

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

impl AskArgs {
    /// The mode (checked by [`parse_args`]; rewrite when none is given).
    pub fn mode(&self) -> Mode {
        self.mode
            .as_deref()
            .and_then(Mode::parse)
            .unwrap_or(Mode::Rewrite)
    }
}

/// `workspace/executeCommand` for [`COMMANDS`]. Every failure is shown with `window/showMessage`
/// and the request always answers (a JSON value with `ok: false` and the reason).
/// ([`AGENT_STATUS`] is routed to [`agent_status`] by the server, which pulls the settings first.)
pub async fn execute(b: &RunCtx, params: ExecuteCommandParams) -> jsonrpc::Result<Option<Value>> {
    let args = match parse_args(&params.arguments) {
        Ok(a) => a,
        Err(e) => {
            let msg = e.to_string();
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

/// Why a command cannot run; shown to the user and returned as the `error` of the answer.
#[derive(Debug, thiserror::Error)]
pub(super) enum AskError {
    #[error("{ask} expects {{uri, range?, skills?, instruction?, mode?}}: {0}", ask = ASK)]
    BadArguments(serde_json::Error),
    #[error("unknown mode `{0}` (rewrite, explain, review)")]
    UnknownMode(String),
    #[error("{0} is not open and is not a file: URI")]
    NotAFile(String),
    #[error("{0} is not open and is outside every workspace folder")]
    OutsideWorkspaces(String),
    #[error("{uri} is not open and cannot be read: {why}")]
    Unreadable { uri: String, why: guard::Refused },
    #[error("open the file before asking for a rewrite")]
    RewriteNeedsOpenFile,
    #[error(transparent)]
    Ignored(#[from] prompt::PromptError),
    /// [`context::build`]'s: an unknown skill, no code in range, over the budget.
    #[error(transparent)]
    Prompt(#[from] context::ContextError),
}

fn parse_args(arguments: &[Value]) -> Result<AskArgs, AskError> {
    let first = arguments.first().cloned().unwrap_or(Value::Null);
    let v = match first {
        Value::String(uri) => json!({ "uri": uri }),
        other => other,
    };
    let args: AskArgs = serde_json::from_value(v).map_err(AskError::BadArguments)?;
    if let Some(m) = &args.mode
        && Mode::parse(m).is_none()
    {
        return Err(AskError::UnknownMode(m.clone()));
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

pub(super) async fn fail(b: &RunCtx, what: &str, msg: String) -> Value {
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
fn load_doc(b: &RunCtx, uri: &Uri) -> Result<DocSnapshot, AskError> {
    if let Some(d) = b.document(uri) {
        return Ok(d);
    }
    let name = || uri.as_str().to_string();
    let path = crate::lsp::convert::uri_to_path(uri).ok_or_else(|| AskError::NotAFile(name()))?;
    let snap = b.snapshot();
    let root = select::root_for(&snap.workspaces, &path)
        .cloned()
        .ok_or_else(|| AskError::OutsideWorkspaces(name()))?;
    let text = guard::read_text_capped(&path, Some(&root), guard::MAX_DOCUMENT)
        .map_err(|why| AskError::Unreadable { uri: name(), why })?;
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
fn prepare(b: &RunCtx, args: &AskArgs) -> Result<Prepared, AskError> {
    let mode = args.mode();
    let doc = load_doc(b, &args.uri)?;
    if mode == Mode::Rewrite && b.document(&args.uri).is_none() {
        return Err(AskError::RewriteNeedsOpenFile);
    }
    let snap: Snapshot = b.snapshot().for_doc(&doc);
    if let Some(path) = &doc.path {
        prompt::check_not_ignored(path, doc.root.as_deref())?;
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
    )
    .map_err(AskError::Prompt)?;
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
) -> Result<Prompt, context::ContextError> {
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

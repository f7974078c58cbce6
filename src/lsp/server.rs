//! The `LanguageServer` implementation: routing. Each method takes a snapshot of the state,
//! releases every lock and delegates to a handler module or the domain; the life cycle (settings,
//! library loads, watchers) is in `lifecycle`. Document changes are applied before any `.await`,
//! so versions stay authoritative even though the framework runs handlers concurrently.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use serde_json::{Value, json};
use tracing::{debug, info, warn};

use super::agent_actions;
use super::capabilities::{folder_paths, server_capabilities, walkable_root};
use super::convert::uri_to_path;
use super::diagnostics;
use super::documents::Document;
use super::proto::*;
use super::{hover, tip_actions};
use crate::settings;
use crate::skills::select;

pub use super::capabilities::CORE_COMMANDS;
pub use super::session::{
    ClientFlags, DocSnapshot, ServerDeps, Session, Snapshot, UserConfig, World,
};

/// The server. Cheap to clone (an `Arc` and a client handle).
#[derive(Clone)]
pub struct Backend {
    pub client: Client,
    pub state: Arc<Session>,
}

/// How long the server waits for the client to answer one of its requests.
pub const CLIENT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// How long a watched-file reload waits for the rest of a burst of changes.
pub const RELOAD_COALESCE: std::time::Duration = std::time::Duration::from_millis(150);

impl Backend {
    pub fn new(client: Client, deps: ServerDeps) -> Backend {
        Backend {
            client,
            state: Arc::new(Session::new(deps)),
        }
    }

    pub fn snapshot(&self) -> Snapshot {
        self.state.snapshot()
    }

    pub fn document(&self, uri: &Uri) -> Option<DocSnapshot> {
        self.state.document(uri)
    }

    pub fn open_uris(&self) -> Vec<Uri> {
        self.state.open_uris()
    }

    /// What the diagnostics tasks get: the client and the session, not the router.
    pub(super) fn diagnostics_ctx(&self) -> diagnostics::Ctx {
        diagnostics::Ctx {
            client: self.client.clone(),
            session: self.state.clone(),
        }
    }

    /// What an agent run gets: the client and the session, not the router.
    fn run_ctx(&self) -> agent_actions::RunCtx {
        agent_actions::RunCtx {
            client: self.client.clone(),
            session: self.state.clone(),
        }
    }

    /// Whether `shutdown` was received (the process exits 1 on `exit` otherwise).
    pub fn shutdown_requested(&self) -> bool {
        self.state.shutdown.load(Ordering::SeqCst)
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> jsonrpc::Result<InitializeResult> {
        super::log::connect(self.client.clone(), params.trace);
        let flags = ClientFlags::from_capabilities(&params.capabilities);
        let folders = Arc::new(folder_paths(&params));
        self.state.update_world(|w| {
            w.flags = flags;
            w.workspaces = folders;
        });
        if let Some(opts) = params
            .initialization_options
            .clone()
            .filter(|v| !v.is_null())
        {
            self.state
                .editor_settings
                .lock()
                .expect("lock")
                .push(("initializationOptions".into(), opts));
        }
        let (resolved, _) = self.resolve_settings();
        let _ = resolved;
        // Answer now; the library loads in the background and requests that need it wait.
        let job = self.prepare_load();
        let b = self.clone();
        tokio::spawn(async move { b.load(job).await });
        Ok(InitializeResult {
            capabilities: server_capabilities(&flags),
            server_info: Some(ServerInfo {
                name: "skill-lsp".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        self.register_watchers();
        let b = self.clone();
        tokio::spawn(async move { b.loading_progress().await });
        let configuration = self.state.world().flags.configuration;
        if configuration {
            self.pull_configuration().await;
            self.settings_changed(false).await;
        } else {
            let resolved = self.state.world().roots.all.clone();
            self.report_warnings(&resolved).await;
            self.report_project_problems().await;
        }
        if self.library_loaded() {
            let lib = self.state.world().library.clone();
            info!(skills = lib.skills.len(), "skill-lsp ready");
        }
    }

    async fn shutdown(&self) -> jsonrpc::Result<()> {
        self.state.shutdown.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let td = params.text_document;
        let path = uri_to_path(&td.uri);
        // Our own prompt, answer and skill-copy files: not code to give tips on.
        if path
            .as_ref()
            .is_some_and(|p| p.starts_with(&*self.state.cache))
        {
            debug!(
                uri = td.uri.as_str(),
                "not serving a file of the skill-lsp cache"
            );
            return;
        }
        let lang = match &path {
            Some(p) => select::language_of(p, &td.text, Some(&td.language_id)),
            None => td.language_id.clone(),
        };
        let doc = Document::new(td.uri.clone(), path, td.version, lang, &td.text);
        self.state
            .docs
            .write()
            .expect("lock")
            .insert(td.uri.clone(), doc);
        diagnostics::schedule(&self.diagnostics_ctx(), td.uri, diagnostics::Why::Open);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        {
            let encoding = self.state.world().flags.encoding;
            let mut docs = self.state.docs.write().expect("lock");
            let Some(doc) = docs.get_mut(&uri) else {
                let ours = uri_to_path(&uri).is_some_and(|p| p.starts_with(&*self.state.cache));
                if !ours {
                    warn!(
                        "didChange for a document that is not open: {}",
                        uri.as_str()
                    );
                }
                return;
            };
            for change in &params.content_changes {
                doc.apply(change, encoding);
            }
            doc.version = params.text_document.version;
        }
        diagnostics::schedule(&self.diagnostics_ctx(), uri, diagnostics::Why::Change);
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        let uri = params.text_document.uri;
        self.library_ready().await;
        // Saving a guidance file reloads the library even when the client does not watch files.
        let is_guidance = uri_to_path(&uri).is_some_and(|p| {
            self.snapshot().library.is_guidance_file(&p) || p.ends_with(settings::WORKSPACE_FILE)
        });
        if is_guidance {
            self.settings_changed(true).await;
        } else {
            diagnostics::schedule(&self.diagnostics_ctx(), uri, diagnostics::Why::Refresh);
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        let closed = self.document(&uri);
        self.state.docs.write().expect("lock").remove(&uri);
        diagnostics::clear(&self.diagnostics_ctx(), uri, closed).await;
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let pull = self.state.world().flags.configuration;
        if pull {
            self.pull_configuration().await;
        } else if !params.settings.is_null() {
            let mut editor = self.state.editor_settings.lock().expect("lock");
            editor.retain(|(s, _)| s != "workspace/didChangeConfiguration");
            editor.push(("workspace/didChangeConfiguration".into(), params.settings));
        }
        self.settings_changed(false).await;
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        debug!(changes = params.changes.len(), "watched files changed");
        self.reload_soon();
    }

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        let removed: Vec<PathBuf> = (params.event.removed.iter())
            .filter_map(|f| uri_to_path(&f.uri))
            .collect();
        // `walkable_root` looks at the disk: decided before the world is locked.
        let added: Vec<PathBuf> = (params.event.added.iter())
            .filter_map(|f| uri_to_path(&f.uri))
            .filter(|p| walkable_root(p))
            .collect();
        self.state.update_world(|w| {
            let mut ws = Vec::clone(&w.workspaces);
            ws.retain(|p| !removed.contains(p));
            for p in added {
                if !ws.contains(&p) {
                    ws.push(p);
                }
            }
            w.workspaces = Arc::new(ws);
        });
        self.settings_changed(true).await;
    }

    async fn hover(&self, params: HoverParams) -> jsonrpc::Result<Option<Hover>> {
        let tdp = &params.text_document_position_params;
        if self.document(&tdp.text_document.uri).is_none() {
            return Ok(None);
        }
        // Tips and skills come from the library: a hover during the first load waits for it.
        self.library_ready().await;
        // One snapshot for the whole hover: document, library and its root's settings agree.
        let Some((snap, doc)) = self.state.snapshot_for(&tdp.text_document.uri) else {
            return Ok(None);
        };
        if let Some(h) = super::authoring::hover(&snap, &doc, tdp.position) {
            return Ok(Some(h));
        }
        let tip = hover::hover(&self.state.diagnostics, &snap, &doc, tdp.position).await;
        if snap.settings.hover.agent {
            let position = tdp.position;
            Ok(agent_actions::augment_hover(&self.run_ctx(), &snap, &doc, position, tip).await)
        } else {
            Ok(tip)
        }
    }

    async fn code_action(
        &self,
        params: CodeActionParams,
    ) -> jsonrpc::Result<Option<CodeActionResponse>> {
        self.library_ready().await;
        // One snapshot for every kind of action: document, library and its root's settings agree.
        let Some((snap, doc)) = self.state.snapshot_for(&params.text_document.uri) else {
            return Ok(Some(Vec::new()));
        };
        let diags = &self.state.diagnostics;
        let mut actions = tip_actions::code_actions(diags, &snap, &doc, &params);
        actions.extend(agent_actions::code_actions(diags, &snap, &doc, &params));
        actions.extend(super::authoring::code_actions(&snap, &doc, &params));
        Ok(Some(actions))
    }

    async fn code_lens(&self, params: CodeLensParams) -> jsonrpc::Result<Option<Vec<CodeLens>>> {
        self.library_ready().await;
        let Some((snap, doc)) = self.state.snapshot_for(&params.text_document.uri) else {
            return Ok(None);
        };
        Ok(Some(super::authoring::code_lenses(&snap, &doc)))
    }

    async fn code_lens_resolve(&self, lens: CodeLens) -> jsonrpc::Result<CodeLens> {
        self.library_ready().await;
        // A walk of the workspace, with progress and cancel (see `authoring`).
        let after = self.state.deps.lens_progress_after;
        super::authoring::resolve_lens_request(self.snapshot(), self.client.clone(), after, lens)
            .await
    }

    async fn completion(
        &self,
        params: CompletionParams,
    ) -> jsonrpc::Result<Option<CompletionResponse>> {
        self.library_ready().await;
        let uri = &params.text_document_position.text_document.uri;
        let Some((snap, doc)) = self.state.snapshot_for(uri) else {
            return Ok(None);
        };
        Ok(super::authoring::completion(&snap, &doc, &params))
    }

    async fn code_action_resolve(&self, action: CodeAction) -> jsonrpc::Result<CodeAction> {
        self.library_ready().await;
        // Every action is complete when listed (tip actions carry their edit, agent actions a
        // command that does the work): nothing to resolve.
        Ok(action)
    }

    async fn execute_command(
        &self,
        params: ExecuteCommandParams,
    ) -> jsonrpc::Result<Option<Value>> {
        self.library_ready().await;
        let cmd = params.command.as_str();
        match cmd {
            super::skills_for_file::COMMAND => {
                let uri = super::skills_for_file::uri_arg(&params.arguments)?;
                let (snap, doc) = match self.state.snapshot_for(&uri) {
                    Some((snap, doc)) => (snap, Some(doc)),
                    None => (self.snapshot(), None),
                };
                super::skills_for_file::command(&snap, doc.as_ref(), &params.arguments).map(Some)
            }
            "skill-lsp.reload" => {
                self.settings_changed(true).await;
                let lib = self.snapshot().library;
                Ok(Some(
                    json!({ "skills": lib.skills.len(), "problems": lib.all_problems().len() }),
                ))
            }
            super::authoring::TIP_HITS => {
                let snap = self.snapshot();
                let args = params.arguments.clone();
                tokio::task::spawn_blocking(move || {
                    super::authoring::tip_hits_command(&snap, &args)
                })
                .await
                .map_err(|_| jsonrpc::Error::internal_error())?
                .map(Some)
            }
            super::authoring::FILES_FOR_SKILL => {
                let snap = self.snapshot();
                let args = params.arguments.clone();
                // A walk of the workspace: on the blocking pool, never on a request thread.
                tokio::task::spawn_blocking(move || super::authoring::files_for_skill(&snap, &args))
                    .await
                    .map_err(|_| jsonrpc::Error::internal_error())?
                    .map(Some)
            }
            tip_actions::SHOW_SKILL => {
                let arg = tip_actions::arg(&params);
                tip_actions::show_skill(&self.snapshot(), &self.client, &arg)
                    .await
                    .map(Some)
            }
            tip_actions::TURN_OFF_TIP => {
                let done = tip_actions::turn_off_tip(&self.snapshot(), &tip_actions::arg(&params))?;
                // Clients without file watching (Neovim on Linux) would never tell us: apply it now.
                self.settings_changed(false).await;
                Ok(Some(done))
            }
            agent_actions::AGENT_STATUS => {
                // The settings are pulled again first: the user may have just changed them, and
                // the pull that `workspace/didChangeConfiguration` starts can still be under way
                // (messages are handled concurrently), which would answer with the agent from
                // before the change.
                if self.pull_configuration().await {
                    self.settings_changed(false).await;
                }
                let snap = self.snapshot();
                Ok(Some(
                    agent_actions::agent_status(&snap, &self.state.agent).await,
                ))
            }
            c if agent_actions::COMMANDS.contains(&c) => {
                agent_actions::execute(&self.run_ctx(), params).await
            }
            other => Err(jsonrpc::Error::invalid_params(format!(
                "unknown command `{other}`"
            ))),
        }
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> jsonrpc::Result<Option<WorkspaceSymbolResponse>> {
        self.library_ready().await;
        let snap = self.snapshot();
        let out = super::symbols::workspace_symbols(&snap, &params.query);
        Ok(Some(WorkspaceSymbolResponse::Flat(out)))
    }
}

impl Backend {
    /// `window/workDoneProgress/cancel` (not part of the framework's trait).
    async fn work_done_progress_cancel(&self, params: WorkDoneProgressCancelParams) {
        if !super::authoring::cancel_lens_walk(&params.token) {
            agent_actions::cancel_progress(&self.state.agent, params.token);
        }
    }

    /// `$/setTrace`: how much of the log is forwarded as `window/logMessage` (see `log`).
    async fn set_trace(&self, params: SetTraceParams) {
        super::log::set_trace(params.value);
    }
}

/// Build the service (used by stdio and by the in-process test harness).
pub fn service(deps: ServerDeps) -> (LspService<Backend>, tower_lsp_server::ClientSocket) {
    LspService::build(move |client| Backend::new(client, deps))
        .custom_method(
            "window/workDoneProgress/cancel",
            Backend::work_done_progress_cancel,
        )
        .custom_method("$/setTrace", Backend::set_trace)
        .finish()
}

/// Serve on any async streams, behind the forgiving [`transport`](super::transport): every
/// malformed frame is answered and skipped. Returns whether `shutdown` came before `exit`, at most
/// a moment after `exit` or end of input whatever is still in flight.
pub async fn serve<I, O>(input: I, output: O, deps: ServerDeps) -> bool
where
    I: tokio::io::AsyncRead + Unpin + Send + 'static,
    O: tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    serve_with(input, output, deps, false).await
}

/// After `exit` or end of input, the process ends by this deadline even if the runtime is wedged
/// (a handler stuck in synchronous work never yields to the graceful path).
const HARD_EXIT: std::time::Duration = std::time::Duration::from_millis(900);

async fn serve_with<I, O>(input: I, output: O, deps: ServerDeps, hard_exit: bool) -> bool
where
    I: tokio::io::AsyncRead + Unpin + Send + 'static,
    O: tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let limit = deps.message_limit.clone();
    let (service, socket) = service(deps);
    let state = service.inner().state.clone();
    let on_end = {
        let state = state.clone();
        Box::new(move |end: super::transport::End| {
            // Agent runs end now, not at `agent.timeoutSecs`.
            state.agent.cancel_all();
            if hard_exit {
                std::thread::spawn(move || {
                    std::thread::sleep(HARD_EXIT);
                    warn!("still running {HARD_EXIT:?} after exit: ending the process");
                    crate::agent::command::kill_all();
                    let clean = end.shutdown || state.shutdown.load(Ordering::SeqCst);
                    std::process::exit(if clean { 0 } else { 1 });
                });
            }
        }) as super::transport::OnEnd
    };
    // The framework's default of 4 messages in flight counts notifications too: a few agent runs
    // streaming in `executeCommand` would stall `didChange`. Handlers are cheap; let more run.
    let cancel_runs = state.clone();
    let input =
        super::agent_actions::CancelOnEof::new(input, move || cancel_runs.agent.cancel_all());
    let end = super::transport::run(input, output, limit, Some(on_end), move |i, o| async move {
        tower_lsp_server::Server::new(i, o, socket)
            .concurrency_level(32)
            .serve(service)
            .await
    })
    .await;
    crate::agent::command::kill_all();
    end.shutdown || state.shutdown.load(Ordering::SeqCst)
}

/// Serve over stdin/stdout; the process is sure to end soon after `exit` or end of input.
pub async fn serve_stdio(deps: ServerDeps) -> bool {
    match super::transport::stdio::streams() {
        Ok((input, output, drained)) => {
            let clean = serve_with(input, output, deps, true).await;
            // The last replies (`shutdown`'s among them) are out before the process ends.
            drained.wait(std::time::Duration::from_millis(200)).await;
            clean
        }
        Err(e) => {
            warn!("no stdio threads ({e}); serving through the runtime's stdio instead");
            serve_with(tokio::io::stdin(), tokio::io::stdout(), deps, true).await
        }
    }
}

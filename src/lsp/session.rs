//! The session: everything the handlers share, owned in one place. The state that changes
//! together (library, per-root settings, client flags, workspace folders) is one immutable
//! [`World`] behind one lock and swapped whole, so a [`Snapshot`] is one atomic read: a handler
//! never sees a new library with old settings. The document store, the caches and the agent
//! runs live beside it. Handlers work on [`Snapshot`] and [`DocSnapshot`], detached from every
//! lock; `server.rs` routes requests and owns no state.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64};
use std::sync::{Arc, Mutex, RwLock};

use serde_json::Value;

use super::agent_actions::state::AgentState;
use super::diagnostics::state::DiagnosticsState;
use super::documents::{self, Document, PositionEncoding};
use super::proto::*;
use crate::settings::{self, PerRoot, Resolved, Settings};
use crate::skills::library::Library;
use crate::skills::select::{self, DocumentInfo};

/// Client capabilities reduced to plain flags at `initialize`.
#[derive(Debug, Clone, Copy, Default)]
pub struct ClientFlags {
    pub encoding: PositionEncoding,
    pub show_document: bool,
    pub work_done_progress: bool,
    pub configuration: bool,
    pub apply_edit: bool,
    pub document_changes: bool,
    pub markdown: bool,
    pub code_action_literals: bool,
    pub code_action_resolve: bool,
    pub watched_files_dynamic: bool,
    pub workspace_folders: bool,
    pub create_files: bool,
    /// `workspaceEdit.changeAnnotationSupport`: edits can ask for confirmation (a preview).
    pub change_annotations: bool,
}

impl ClientFlags {
    pub fn from_capabilities(caps: &ClientCapabilities) -> ClientFlags {
        let general = caps.general.as_ref();
        let encodings = general
            .and_then(|g| g.position_encodings.clone())
            .unwrap_or_default();
        // Prefer UTF-8 (no conversion), then UTF-32, else the mandatory UTF-16.
        let encoding = if encodings.contains(&PositionEncodingKind::UTF8) {
            PositionEncoding::Utf8
        } else if encodings.contains(&PositionEncodingKind::UTF32) {
            PositionEncoding::Utf32
        } else {
            PositionEncoding::Utf16
        };
        let window = caps.window.as_ref();
        let ws = caps.workspace.as_ref();
        let td = caps.text_document.as_ref();
        let edit = ws.and_then(|w| w.workspace_edit.as_ref());
        ClientFlags {
            encoding,
            show_document: window
                .and_then(|w| w.show_document.as_ref())
                .is_some_and(|s| s.support),
            work_done_progress: window.and_then(|w| w.work_done_progress).unwrap_or(false),
            configuration: ws.and_then(|w| w.configuration).unwrap_or(false),
            apply_edit: ws.and_then(|w| w.apply_edit).unwrap_or(false),
            document_changes: edit.and_then(|e| e.document_changes).unwrap_or(false),
            change_annotations: edit.is_some_and(|e| e.change_annotation_support.is_some()),
            create_files: edit
                .and_then(|e| e.resource_operations.as_ref())
                .is_some_and(|ops| ops.contains(&ResourceOperationKind::Create)),
            markdown: td
                .and_then(|t| t.hover.as_ref())
                .and_then(|h| h.content_format.as_ref())
                .is_none_or(|f| f.contains(&MarkupKind::Markdown)),
            code_action_literals: td
                .and_then(|t| t.code_action.as_ref())
                .is_some_and(|c| c.code_action_literal_support.is_some()),
            code_action_resolve: td
                .and_then(|t| t.code_action.as_ref())
                .and_then(|c| c.resolve_support.as_ref())
                .is_some_and(|r| r.properties.iter().any(|p| p == "edit")),
            watched_files_dynamic: ws
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|d| d.dynamic_registration)
                .unwrap_or(false),
            workspace_folders: ws.and_then(|w| w.workspace_folders).unwrap_or(false),
        }
    }

    pub fn position_encoding_kind(&self) -> PositionEncodingKind {
        match self.encoding {
            PositionEncoding::Utf8 => PositionEncodingKind::UTF8,
            PositionEncoding::Utf16 => PositionEncodingKind::UTF16,
            PositionEncoding::Utf32 => PositionEncodingKind::UTF32,
        }
    }
}

/// Where the user config file is read from.
#[derive(Debug, Clone, Default)]
pub enum UserConfig {
    /// `$XDG_CONFIG_HOME/skill-lsp/config.yaml`.
    #[default]
    Default,
    /// No user file (tests).
    None,
    Path(PathBuf),
}

/// What the server is built with. Tests inject a fake agent and isolated skill sources.
#[derive(Clone, Default)]
pub struct ServerDeps {
    /// An agent to use instead of the one the settings describe.
    pub agent: Option<Arc<dyn crate::agent::Agent>>,
    pub user_config: UserConfig,
    /// `--skills DIR` from the command line: added to the configured paths.
    pub extra_skills: Vec<PathBuf>,
    /// `--no-builtin`.
    pub no_builtin: bool,
    /// Ignore the user skill folders (tests).
    pub no_user_folders: bool,
    /// Where agent answers, prompts and copies of embedded skills are written (so editors can
    /// open them). `None`: `$XDG_CACHE_HOME/skill-lsp` (fallback `~/.cache/skill-lsp`); tests
    /// pass a temporary folder so they never touch the user's cache.
    pub cache_dir: Option<PathBuf>,
    /// Longest wait for the client to answer the agent actions' requests (progress create,
    /// showDocument, applyEdit). `None`: the defaults in `agent_actions`; tests shorten it.
    pub agent_client_timeout: Option<std::time::Duration>,
    /// The transport's body cap; the server keeps it at the `maxMessageBytes` setting.
    pub message_limit: Arc<super::transport::MessageLimit>,
    /// How long a code lens walk runs before it shows progress. `None`: the default in
    /// `authoring`; tests set zero.
    pub lens_progress_after: Option<std::time::Duration>,
}
/// What changes together, replaced as a whole (see [`Session::update_world`]).
#[derive(Clone)]
pub struct World {
    pub library: Arc<Library>,
    /// Settings resolved per workspace root (see [`settings::PerRoot`]).
    pub roots: Arc<PerRoot>,
    pub flags: ClientFlags,
    pub workspaces: Arc<Vec<PathBuf>>,
}

/// Everything the handlers share.
pub struct Session {
    world: RwLock<Arc<World>>,
    pub docs: RwLock<HashMap<Uri, Document>>,
    /// `initializationOptions` and the last `workspace/configuration` answer.
    pub(super) editor_settings: Mutex<Vec<(String, Value)>>,
    pub(super) shutdown: AtomicBool,
    pub(super) reload_generation: AtomicU64,
    /// `true` once a library for the session is in place: `initialize` answers before the
    /// first load ends, and requests that need the library wait on this.
    pub(super) library_loaded: tokio::sync::watch::Sender<bool>,
    /// Watched-file changes arrived that no reload has picked up yet.
    pub(super) reload_dirty: AtomicBool,
    /// A coalescing reload task is waiting or loading (see `Backend::reload_soon`).
    pub(super) reload_queued: AtomicBool,
    pub(super) warned: Mutex<HashSet<String>>,
    pub deps: ServerDeps,
    /// [`ServerDeps::cache_dir`] or the user's cache folder.
    pub cache: Arc<PathBuf>,
    pub diagnostics: DiagnosticsState,
    pub agent: AgentState,
}

impl Session {
    pub fn new(deps: ServerDeps) -> Session {
        let agent = AgentState::new(deps.agent.clone(), deps.agent_client_timeout);
        let cache = Arc::new(
            deps.cache_dir
                .clone()
                .unwrap_or_else(super::convert::default_cache_dir),
        );
        let resolved = Arc::new(Resolved {
            settings: Settings::default(),
            origins: Default::default(),
            warnings: Vec::new(),
        });
        let roots = Arc::new(PerRoot {
            all: resolved.clone(),
            base: resolved,
            roots: Vec::new(),
        });
        Session {
            world: RwLock::new(Arc::new(World {
                library: Arc::new(Library::default()),
                roots,
                flags: ClientFlags::default(),
                workspaces: Arc::new(Vec::new()),
            })),
            docs: RwLock::new(HashMap::new()),
            editor_settings: Mutex::new(Vec::new()),
            shutdown: AtomicBool::new(false),
            reload_generation: AtomicU64::new(0),
            library_loaded: tokio::sync::watch::Sender::new(false),
            reload_dirty: AtomicBool::new(false),
            reload_queued: AtomicBool::new(false),
            warned: Mutex::new(HashSet::new()),
            deps,
            cache,
            diagnostics: DiagnosticsState::default(),
            agent,
        }
    }

    /// The current world: one atomic read.
    pub fn world(&self) -> Arc<World> {
        self.world.read().expect("lock").clone()
    }

    /// Replace the world with `f` applied to a copy, returning what `f` returns. `f` runs under
    /// the write lock: it must not do I/O (callers compute first, then store).
    pub fn update_world<T>(&self, f: impl FnOnce(&mut World) -> T) -> T {
        let mut slot = self.world.write().expect("lock");
        let mut next = World::clone(&slot);
        let out = f(&mut next);
        *slot = Arc::new(next);
        out
    }

    pub fn snapshot(&self) -> Snapshot {
        Snapshot::of(&self.world(), &self.cache)
    }

    /// An open document, with its root taken from the current world.
    pub fn document(&self, uri: &Uri) -> Option<DocSnapshot> {
        let world = self.world();
        let docs = self.docs.read().expect("lock");
        docs.get(uri).map(|d| DocSnapshot::of(d, &world))
    }

    /// An open document and the snapshot it was read with, from the same world.
    pub fn snapshot_for(&self, uri: &Uri) -> Option<(Snapshot, DocSnapshot)> {
        let world = self.world();
        let doc = {
            let docs = self.docs.read().expect("lock");
            DocSnapshot::of(docs.get(uri)?, &world)
        };
        Some((Snapshot::of(&world, &self.cache).for_doc(&doc), doc))
    }

    pub fn open_uris(&self) -> Vec<Uri> {
        self.docs.read().expect("lock").keys().cloned().collect()
    }

    /// Wait until a library is in place (at once after the first load).
    pub async fn library_ready(&self) {
        let mut rx = self.library_loaded.subscribe();
        let _ = rx.wait_for(|loaded| *loaded).await;
    }
}

/// What handlers work on: immutable and detached from the locks.
#[derive(Clone)]
pub struct Snapshot {
    pub library: Arc<Library>,
    /// The settings of the documents outside every root until [`Snapshot::for_doc`] picks a
    /// document's root.
    pub settings: settings::Shared,
    /// Every root's settings.
    pub roots: Arc<PerRoot>,
    pub flags: ClientFlags,
    pub workspaces: Arc<Vec<PathBuf>>,
    /// See [`ServerDeps::cache_dir`], resolved.
    pub cache: Arc<PathBuf>,
}

/// One document at one version.
#[derive(Debug, Clone)]
pub struct DocSnapshot {
    pub uri: Uri,
    pub path: Option<PathBuf>,
    pub root: Option<PathBuf>,
    pub version: i32,
    pub language_id: String,
    pub rope: ropey::Rope,
    pub encoding: PositionEncoding,
}

impl Snapshot {
    fn of(world: &World, cache: &Arc<PathBuf>) -> Snapshot {
        Snapshot {
            library: world.library.clone(),
            settings: settings::Shared(world.roots.base.clone()),
            roots: world.roots.clone(),
            flags: world.flags,
            workspaces: world.workspaces.clone(),
            cache: cache.clone(),
        }
    }

    /// This snapshot with the settings of the root that contains `doc`.
    pub fn for_doc(mut self, doc: &DocSnapshot) -> Snapshot {
        self.settings = self.roots.for_root(doc.root.as_deref());
        self
    }
}

impl DocSnapshot {
    fn of(d: &Document, world: &World) -> DocSnapshot {
        DocSnapshot {
            uri: d.uri.clone(),
            path: d.path.clone(),
            root: d
                .path
                .as_ref()
                .and_then(|p| select::root_for(&world.workspaces, p).cloned()),
            version: d.version,
            language_id: d.language_id.clone(),
            rope: d.rope.clone(),
            encoding: world.flags.encoding,
        }
    }

    pub fn text(&self) -> String {
        // One allocation of the right size; `to_string` goes through `Display` and re-copies the
        // string at each doubling (~4% of an edit's diagnostics on a 10,000-line file).
        String::from(&self.rope)
    }

    /// Selection input for this document, over `text` (from [`DocSnapshot::text`]).
    pub fn info<'a>(&'a self, text: &'a str) -> DocumentInfo<'a> {
        DocumentInfo {
            path: self.path.as_deref(),
            root: self.root.as_deref(),
            language_id: &self.language_id,
            text,
        }
    }

    pub fn offset_at(&self, pos: Position) -> usize {
        documents::offset_at(&self.rope, pos, self.encoding)
    }

    pub fn position_at(&self, byte: usize) -> Position {
        documents::position_at(&self.rope, byte, self.encoding)
    }

    pub fn range_of(&self, bytes: std::ops::Range<usize>) -> Range {
        documents::range_of(&self.rope, bytes, self.encoding)
    }

    pub fn byte_range(&self, range: Range) -> std::ops::Range<usize> {
        documents::byte_range(&self.rope, range, self.encoding)
    }
}

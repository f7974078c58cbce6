//! The server's life cycle beyond routing: resolving the settings layers, loading and swapping
//! the library (coalesced reloads, the "Loading skills" progress), pulling the editor's
//! configuration, reporting settings and project problems once, and registering file watchers.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use tracing::{debug, info, warn};

use super::diagnostics;
use super::proto::*;
use super::server::{Backend, CLIENT_TIMEOUT, RELOAD_COALESCE, UserConfig};
use crate::settings::{self, Inputs, Resolved, Settings};
use crate::skills::library::{Library, SkillSources};

impl Backend {
    pub(super) fn sources(&self, settings: &Settings, workspaces: &[PathBuf]) -> SkillSources {
        let mut s = settings.skills.sources(workspaces);
        s.configured
            .extend(self.state.deps.extra_skills.iter().cloned());
        if self.state.deps.no_builtin {
            s.builtin = false;
        }
        if self.state.deps.no_user_folders {
            s.user_dirs.clear();
        }
        s
    }

    pub(super) fn user_config_path(&self) -> Option<PathBuf> {
        match &self.state.deps.user_config {
            UserConfig::Default => settings::user_config_file(),
            UserConfig::None => None,
            UserConfig::Path(p) => Some(p.clone()),
        }
    }

    /// Re-read the settings files and recompute settings. Returns whether the skill sources changed.
    pub(super) fn resolve_settings(&self) -> (Arc<Resolved>, bool) {
        let workspaces = self.state.world().workspaces.clone();
        let mut inputs = Inputs::read(self.user_config_path().as_deref(), &workspaces);
        inputs.editor = self.state.editor_settings.lock().expect("lock").clone();
        let per_root = Arc::new(settings::resolve_per_root(&inputs, &workspaces));
        let resolved = per_root.all.clone();
        self.state
            .deps
            .message_limit
            .set(resolved.settings.max_message_bytes);
        let changed = self.state.update_world(|w| {
            let changed = w.roots.all.settings.skills != resolved.settings.skills;
            w.roots = per_root;
            changed
        });
        (resolved, changed)
    }

    /// Show settings warnings, each once per session.
    pub(super) async fn report_warnings(&self, resolved: &Resolved) {
        self.warn_once("skill-lsp settings", &resolved.warnings)
            .await;
    }

    /// Show `messages` (log and a warning message), each once per session.
    pub(super) async fn warn_once(&self, what: &str, messages: &[String]) {
        let fresh: Vec<String> = {
            let mut warned = self.state.warned.lock().expect("lock");
            (messages.iter())
                .filter(|w| warned.insert((*w).clone()))
                .cloned()
                .collect()
        };
        if !fresh.is_empty() {
            for w in &fresh {
                warn!("{what}: {w}");
            }
            self.client
                .show_message(
                    MessageType::WARNING,
                    format!("{what}: {}", fresh.join("; ")),
                )
                .await;
        }
    }

    /// Problems reading each root's project files for the tip policy (`.gitattributes` with a
    /// bad glob, a linter configuration that is not valid TOML or not a regular file): shown
    /// once, as `check` prints them, instead of silently checking files the project excludes.
    pub(super) async fn report_project_problems(&self) {
        let snap = self.snapshot();
        let roots: Vec<_> = (snap.workspaces.iter())
            .map(|r| (r.clone(), snap.roots.for_root(Some(r)).tips.clone()))
            .collect();
        let problems = tokio::task::spawn_blocking(move || {
            (roots.iter())
                .flat_map(|(root, tips)| crate::skills::policy::cached(root, tips).problems.clone())
                .collect::<Vec<String>>()
        })
        .await
        .unwrap_or_default();
        self.warn_once("skill-lsp tips", &problems).await;
    }

    /// Load the library for the current settings and swap it in. Stale loads are discarded.
    pub async fn reload(&self) {
        let job = self.prepare_load();
        self.load(job).await;
    }

    /// Wait until a library is in place (at once after the first load). Requests that need the
    /// library call this, so one that arrives while `initialize`'s load runs gets the right
    /// answer, not an empty one, and nothing else waits meanwhile.
    pub async fn library_ready(&self) {
        self.state.library_ready().await;
    }

    /// Whether the first library load has finished.
    pub fn library_loaded(&self) -> bool {
        *self.state.library_loaded.borrow()
    }

    /// Claim a load generation and read what to load, now (so a later settings change always
    /// gets a later generation).
    pub(super) fn prepare_load(&self) -> (u64, SkillSources) {
        let generation = self.state.reload_generation.fetch_add(1, Ordering::SeqCst) + 1;
        let world = self.state.world();
        (
            generation,
            self.sources(&world.roots.all.settings, &world.workspaces),
        )
    }

    /// Load on the blocking pool and swap the library in atomically (one `Arc` store), unless
    /// a newer load started meanwhile.
    pub(super) async fn load(&self, (generation, sources): (u64, SkillSources)) {
        let started = std::time::Instant::now();
        let lib = match tokio::task::spawn_blocking(move || Library::load(&sources)).await {
            Ok(lib) => lib,
            Err(e) => {
                warn!("library load failed: {e}");
                self.client
                    .show_message(
                        MessageType::ERROR,
                        format!("skill-lsp: loading the skills failed ({e}); tips are off"),
                    )
                    .await;
                // Requests waiting for the library get the (empty) one rather than a hang.
                self.state.library_loaded.send_replace(true);
                return;
            }
        };
        if self.state.reload_generation.load(Ordering::SeqCst) != generation {
            debug!("discarding a stale library load");
            return;
        }
        info!(
            skills = lib.skills.len(),
            problems = lib.all_problems().len(),
            ms = started.elapsed().as_millis() as u64,
            "skills loaded"
        );
        let lib = Arc::new(lib);
        let old = self
            .state
            .update_world(|w| std::mem::replace(&mut w.library, lib));
        self.state.library_loaded.send_replace(true);
        drop(old);
        crate::lsp::memory::release_freed_memory();
        diagnostics::schedule_all(&self.diagnostics_ctx());
    }

    /// `window/workDoneProgress` "Loading skills" while the first load runs (clients that
    /// support it; a client that never answers the create request only loses the progress).
    pub(super) async fn loading_progress(&self) {
        if self.library_loaded() || !self.state.world().flags.work_done_progress {
            return;
        }
        let token = NumberOrString::String("skill-lsp/loading".into());
        let create = self.client.send_request::<request::WorkDoneProgressCreate>(
            WorkDoneProgressCreateParams {
                token: token.clone(),
            },
        );
        match tokio::time::timeout(std::time::Duration::from_secs(5), create).await {
            Ok(Ok(())) => {}
            Ok(Err(e)) => return debug!("workDoneProgress/create failed: {e}"),
            Err(_) => return debug!("workDoneProgress/create: no answer"),
        }
        let progress = |value| ProgressParams {
            token: token.clone(),
            value: ProgressParamsValue::WorkDone(value),
        };
        self.client
            .send_notification::<notification::Progress>(progress(WorkDoneProgress::Begin(
                WorkDoneProgressBegin {
                    title: "Loading skills".into(),
                    cancellable: Some(false),
                    message: None,
                    percentage: None,
                },
            )))
            .await;
        self.library_ready().await;
        let n = self.snapshot().library.skills.len();
        self.client
            .send_notification::<notification::Progress>(progress(WorkDoneProgress::End(
                WorkDoneProgressEnd {
                    message: Some(format!("{n} skills")),
                },
            )))
            .await;
    }

    /// Ask the client for `skillLsp` settings (when it supports pull configuration). Returns
    /// whether the answer differs from the one before.
    pub(super) async fn pull_configuration(&self) -> bool {
        if !self.state.world().flags.configuration {
            return false;
        }
        let items = vec![ConfigurationItem {
            scope_uri: None,
            section: Some("skillLsp".into()),
        }];
        let answer = tokio::time::timeout(CLIENT_TIMEOUT, self.client.configuration(items)).await;
        let Ok(answer) = answer else {
            warn!(
                "the client did not answer workspace/configuration within {}s; using the other settings layers",
                CLIENT_TIMEOUT.as_secs()
            );
            return false;
        };
        match answer {
            Ok(values) => {
                let mut editor = self.state.editor_settings.lock().expect("lock");
                let key = "workspace/configuration";
                let before = editor
                    .iter()
                    .find(|(s, _)| s == key)
                    .map(|(_, v)| v.clone());
                editor.retain(|(s, _)| s != key);
                let now = values.into_iter().next().filter(|v| !v.is_null());
                if let Some(v) = &now {
                    editor.push((key.into(), v.clone()));
                }
                before != now
            }
            Err(e) => {
                debug!("workspace/configuration failed: {e}");
                false
            }
        }
    }

    /// A reload for watched-file changes, coalesced: a burst (a `git checkout`, an editor saving
    /// twenty files) waits [`RELOAD_COALESCE`] for the rest of the burst and then loads once;
    /// changes arriving during that load cause exactly one more. Each full load of a large
    /// library costs memory while the old one is still in use (20 loads of 5,000 skills took
    /// the process from 36 to 366 MB).
    pub fn reload_soon(&self) {
        self.state.reload_dirty.store(true, Ordering::SeqCst);
        if self.state.reload_queued.swap(true, Ordering::SeqCst) {
            return;
        }
        let b = self.clone();
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(RELOAD_COALESCE).await;
                b.state.reload_dirty.store(false, Ordering::SeqCst);
                b.settings_changed(true).await;
                if b.state.reload_dirty.load(Ordering::SeqCst) {
                    continue;
                }
                b.state.reload_queued.store(false, Ordering::SeqCst);
                // A change that came between the check and the store found the task still
                // queued and left it to us.
                if !b.state.reload_dirty.load(Ordering::SeqCst)
                    || b.state.reload_queued.swap(true, Ordering::SeqCst)
                {
                    break;
                }
            }
        });
    }

    /// Settings may have changed: resolve, report, reload when the skill sources changed.
    pub async fn settings_changed(&self, force_reload: bool) {
        let (resolved, sources_changed) = self.resolve_settings();
        self.report_warnings(&resolved).await;
        self.report_project_problems().await;
        if sources_changed || force_reload {
            self.reload().await;
        } else {
            diagnostics::schedule_all(&self.diagnostics_ctx());
        }
    }

    pub(super) fn register_watchers(&self) {
        if !self.state.world().flags.watched_files_dynamic {
            return;
        }
        // The settings file, and every guidance format where its tool reads it.
        let mut globs: Vec<String> = std::iter::once("**/.skill-lsp.yaml")
            .chain(crate::skills::format_table::watch_globs())
            .map(String::from)
            .collect();
        let world = self.state.world();
        let sources = self.sources(&world.roots.all.settings, &world.workspaces);
        for dir in sources.user_dirs.iter().chain(sources.configured.iter()) {
            globs.push(format!("{}/**/*.{{md,mdc}}", dir.display()));
        }
        if let Some(p) = self.user_config_path() {
            globs.push(p.display().to_string());
        }
        let watchers = globs
            .into_iter()
            .map(|g| FileSystemWatcher {
                glob_pattern: GlobPattern::String(g),
                kind: None,
            })
            .collect();
        let registration = Registration {
            id: "skill-lsp-watch".into(),
            method: "workspace/didChangeWatchedFiles".into(),
            register_options: serde_json::to_value(DidChangeWatchedFilesRegistrationOptions {
                watchers,
            })
            .ok(),
        };
        let client = self.client.clone();
        tokio::spawn(async move {
            match tokio::time::timeout(
                CLIENT_TIMEOUT,
                client.register_capability(vec![registration]),
            )
            .await
            {
                Ok(Ok(())) => {}
                Ok(Err(e)) => debug!("registerCapability failed: {e}"),
                Err(_) => warn!(
                    "the client did not answer client/registerCapability; files are not watched"
                ),
            }
        });
    }
}

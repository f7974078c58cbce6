//! What `initialize` answers and reads: the server's capabilities for the client's flags, and
//! the workspace folders that may be walked for guidance files.

use std::path::PathBuf;

use tracing::info;

use super::convert::uri_to_path;
use super::proto::*;
use super::session::ClientFlags;
use super::{agent_actions, tip_actions};
use crate::settings;

/// Commands `server.rs` answers itself (the rest `tip_actions` and `agent_actions` do).
pub const CORE_COMMANDS: &[&str] = &[super::skills_for_file::COMMAND, "skill-lsp.reload"];

pub(super) fn server_capabilities(flags: &ClientFlags) -> ServerCapabilities {
    let mut commands: Vec<String> = CORE_COMMANDS.iter().map(|s| s.to_string()).collect();
    commands.push(super::authoring::FILES_FOR_SKILL.to_string());
    commands.push(super::authoring::TIP_HITS.to_string());
    commands.extend(tip_actions::COMMANDS.iter().map(|s| s.to_string()));
    commands.extend(agent_actions::COMMANDS.iter().map(|s| s.to_string()));
    ServerCapabilities {
        position_encoding: Some(flags.position_encoding_kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                ..Default::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        code_lens_provider: Some(CodeLensOptions {
            resolve_provider: Some(true),
        }),
        // Frontmatter keys and values, tip keys (guidance files only).
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![":".into(), " ".into()]),
            ..Default::default()
        }),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::REFACTOR_REWRITE,
                CodeActionKind::EMPTY,
            ]),
            resolve_provider: Some(true),
            ..Default::default()
        })),
        execute_command_provider: Some(ExecuteCommandOptions {
            commands,
            ..Default::default()
        }),
        workspace_symbol_provider: Some(OneOf::Left(true)),
        workspace: Some(WorkspaceServerCapabilities {
            workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                supported: Some(true),
                change_notifications: Some(OneOf::Left(true)),
            }),
            file_operations: None,
        }),
        ..Default::default()
    }
}

pub(super) fn folder_paths(params: &InitializeParams) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Some(folders) = &params.workspace_folders {
        out.extend(folders.iter().filter_map(|f| uri_to_path(&f.uri)));
    }
    #[allow(deprecated)]
    if out.is_empty()
        && let Some(root) = params.root_uri.as_ref().and_then(uri_to_path)
    {
        out.push(root);
    }
    out.retain(|p| walkable_root(p));
    out
}

/// Whether a workspace folder may be walked for guidance files. A client without a project root
/// may hand over the home folder or `/` (a client started from `~` walked gigabytes and loaded a
/// dependency's `CLAUDE.md` from the cargo registry): those are served like no folder at all,
/// file by file, unless they are a project themselves (`.git` or `.skill-lsp.yaml`).
pub(super) fn walkable_root(p: &std::path::Path) -> bool {
    let home = std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(PathBuf::from);
    let too_wide = p.parent().is_none() || home.as_deref() == Some(p);
    if too_wide && !(p.join(".git").exists() || p.join(settings::WORKSPACE_FILE).exists()) {
        info!(folder = %p.display(), "not walking a home or root folder for guidance files; open a project folder to load its skills");
        return false;
    }
    true
}

//! Zed extension for skill-lsp: starts `skill-lsp serve` (from the `lsp.skill-lsp.binary`
//! settings, else `PATH`) and hands it the `lsp.skill-lsp.settings` object as its `skillLsp`
//! configuration section and as `initializationOptions`.

use zed_extension_api::{self as zed, serde_json, settings::LspSettings, LanguageServerId, Result};

const SERVER: &str = "skill-lsp";

struct SkillLspExtension;

impl zed::Extension for SkillLspExtension {
    fn new() -> Self {
        SkillLspExtension
    }

    fn language_server_command(
        &mut self,
        _id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<zed::Command> {
        let binary = LspSettings::for_worktree(SERVER, worktree)
            .ok()
            .and_then(|s| s.binary);
        let path = binary
            .as_ref()
            .and_then(|b| b.path.clone())
            .or_else(|| worktree.which(SERVER))
            .ok_or_else(|| {
                "skill-lsp not found on PATH: install it (cargo install --path . in the skill-lsp \
                 repository) or set lsp.skill-lsp.binary.path"
                    .to_string()
            })?;
        let args = binary
            .and_then(|b| b.arguments)
            .unwrap_or_else(|| vec!["serve".to_string()]);
        Ok(zed::Command {
            command: path,
            args,
            env: worktree.shell_env(),
        })
    }

    fn language_server_initialization_options(
        &mut self,
        _id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<Option<serde_json::Value>> {
        Ok(LspSettings::for_worktree(SERVER, worktree)
            .ok()
            .and_then(|s| s.settings))
    }

    fn language_server_workspace_configuration(
        &mut self,
        _id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<Option<serde_json::Value>> {
        let settings = LspSettings::for_worktree(SERVER, worktree)
            .ok()
            .and_then(|s| s.settings)
            .unwrap_or_else(|| serde_json::json!({}));
        Ok(Some(serde_json::json!({ "skillLsp": settings })))
    }
}

zed::register_extension!(SkillLspExtension);

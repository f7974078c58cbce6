//! Agent code actions, the `skill-lsp.ask` command, progress and cancellation. (Placeholder: owned
//! by the agent engineer.)

use std::sync::Arc;

use serde_json::Value;

use super::proto::{
    CodeAction, CodeActionOrCommand, CodeActionParams, ExecuteCommandParams, Hover, HoverParams, ProgressToken,
    jsonrpc,
};
use super::server::Backend;

/// Commands this module answers.
pub const COMMANDS: &[&str] = &[];

/// Per-server agent state (running jobs, caches, the injected agent).
pub struct AgentState {
    pub injected: Option<Arc<dyn crate::agent::Agent>>,
}

impl AgentState {
    pub fn new(injected: Option<Arc<dyn crate::agent::Agent>>) -> Self {
        AgentState { injected }
    }
}

pub fn code_actions(_b: &Backend, _params: &CodeActionParams) -> Vec<CodeActionOrCommand> {
    Vec::new()
}

pub async fn resolve(_b: &Backend, action: CodeAction) -> jsonrpc::Result<CodeAction> {
    Ok(action)
}

pub async fn execute(_b: &Backend, _params: ExecuteCommandParams) -> jsonrpc::Result<Option<Value>> {
    Ok(None)
}

/// Adds the agent's explanation to a tip hover when `hover.agent` is on.
pub async fn augment_hover(_b: &Backend, _params: &HoverParams, tip: Option<Hover>) -> Option<Hover> {
    tip
}

/// `window/workDoneProgress/cancel`.
pub fn cancel_progress(_b: &Backend, _token: ProgressToken) {}

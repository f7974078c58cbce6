//! Code actions and commands that need no agent. (Placeholder: owned by the tips engineer.)

use serde_json::Value;

use super::proto::{CodeAction, CodeActionOrCommand, CodeActionParams, ExecuteCommandParams, jsonrpc};
use super::server::Backend;

/// Commands this module answers.
pub const COMMANDS: &[&str] = &[];

pub fn code_actions(_b: &Backend, _params: &CodeActionParams) -> Vec<CodeActionOrCommand> {
    Vec::new()
}

pub async fn resolve(_b: &Backend, action: CodeAction) -> jsonrpc::Result<CodeAction> {
    Ok(action)
}

pub async fn execute(_b: &Backend, _params: ExecuteCommandParams) -> jsonrpc::Result<Option<Value>> {
    Ok(None)
}

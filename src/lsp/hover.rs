//! Tip hovers. (Placeholder: owned by the tips engineer.)

use super::proto::{Hover, HoverParams, jsonrpc};
use super::server::Backend;

/// `textDocument/hover`: the tip under the cursor, or `None`.
pub async fn hover(_b: &Backend, _params: HoverParams) -> jsonrpc::Result<Option<Hover>> {
    Ok(None)
}

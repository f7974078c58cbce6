//! One alias for the protocol types, so a framework upgrade (the type re-export moved between
//! tower-lsp-server 0.23 and 0.24) touches one line.

pub use tower_lsp_server::jsonrpc;
pub use tower_lsp_server::ls_types::*;
pub use tower_lsp_server::{Client, LanguageServer, LspService};

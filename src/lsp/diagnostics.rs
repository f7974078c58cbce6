//! Tip diagnostics and problem diagnostics for open documents. (Placeholder: owned by the tips
//! engineer.)

use super::proto::Uri;
use super::server::Backend;

/// Per-server state for debounced publishing.
#[derive(Debug, Default)]
pub struct DiagnosticsState {}

/// Recompute and publish diagnostics for `uri` after the configured delay.
pub fn schedule(_b: &Backend, _uri: Uri) {}

/// Recompute every open document (after a reload or a settings change).
pub fn schedule_all(_b: &Backend) {}

/// The document closed: clear its diagnostics.
pub async fn clear(b: &Backend, uri: Uri) {
    b.client.publish_diagnostics(uri, Vec::new(), None).await;
}

//! The document a command asks about: the open document, else the file on disk, as selection
//! sees it. Shared by `skillsForFile` and the tip status it can include.

use std::path::PathBuf;

use tracing::warn;

use super::convert;
use super::proto::Uri;
use super::session::{DocSnapshot, Snapshot};
use crate::skills::guard;
use crate::skills::select::{self, DocumentInfo};

/// The document the command asks about, as selection sees it.
pub struct Target {
    pub path: Option<PathBuf>,
    pub language_id: String,
    pub text: String,
    pub root: Option<PathBuf>,
}

impl Target {
    /// `doc` when the document is open, else the file at `uri` on disk. `None` for a URI that is
    /// neither an open document nor a file path.
    pub fn read(snap: &Snapshot, doc: Option<&DocSnapshot>, uri: &Uri) -> Option<Target> {
        if let Some(d) = doc {
            return Some(Target {
                path: d.path.clone(),
                language_id: d.language_id.clone(),
                text: d.text(),
                root: d.root.clone(),
            });
        }
        let path = convert::uri_to_path(uri)?;
        // Not open: its text from disk when it is a readable regular file (a FIFO or a device
        // named by the client must not block or fill memory); otherwise the path alone selects,
        // and the log says why.
        let text = match guard::read_bytes_capped(&path, None, guard::MAX_DOCUMENT) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(guard::Refused::Missing) => String::new(),
            Err(e) => {
                warn!("{}: {e}; selecting by its path only", path.display());
                String::new()
            }
        };
        let language_id = select::language_of(&path, &text, None);
        let root = select::root_for(&snap.workspaces, &path).cloned();
        Some(Target {
            path: Some(path),
            language_id,
            text,
            root,
        })
    }

    pub fn info(&self) -> DocumentInfo<'_> {
        DocumentInfo {
            path: self.path.as_deref(),
            root: self.root.as_deref(),
            language_id: &self.language_id,
            text: &self.text,
        }
    }
}

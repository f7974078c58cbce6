//! What the domain knows of a document it is asked about: its path, workspace folder, language
//! and text, and the path globs match against. A leaf: selection, tips and the file policy all
//! read it, and it reads nothing of theirs.

use std::path::{Path, PathBuf};

/// What selection needs to know about a document.
#[derive(Debug, Clone, Copy)]
pub struct DocumentInfo<'a> {
    /// Absolute path, when the document is a file.
    pub path: Option<&'a Path>,
    /// The workspace folder containing it; globs match the path relative to it.
    pub root: Option<&'a Path>,
    /// LSP language id (from the client, else inferred).
    pub language_id: &'a str,
    pub text: &'a str,
}

/// The path used for glob matching: relative to the root when possible, `/`-separated.
pub fn match_path(doc: &DocumentInfo) -> Option<String> {
    let path = doc.path?;
    let rel = doc
        .root
        .and_then(|r| path.strip_prefix(r).ok())
        .unwrap_or(path);
    let s = rel.to_string_lossy().replace('\\', "/");
    Some(s.trim_start_matches('/').to_string())
}

/// The workspace folder (longest prefix) that contains `path`.
pub fn root_for<'a>(roots: &'a [PathBuf], path: &Path) -> Option<&'a PathBuf> {
    roots
        .iter()
        .filter(|r| path.starts_with(r))
        .max_by_key(|r| r.components().count())
}

//! The boundary between the domain and the protocol: paths and URIs, severities, problems as
//! diagnostics, skills as locations (embedded skills are written to a cache folder so editors can
//! open them), edits as workspace edits.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::proto::{
    Diagnostic, DiagnosticSeverity, DocumentChanges, Hover, HoverContents, Location, MarkupContent,
    MarkupKind, NumberOrString, OneOf, OptionalVersionedTextDocumentIdentifier, Position, Range,
    TextDocumentEdit, TextEdit, Uri, WorkspaceEdit,
};
use crate::skills::library::Library;
use crate::skills::model::{Problem, Severity, Skill};

/// A hover showing `value`, as markdown when the client renders it, else as plain text.
pub fn hover(markdown: bool, value: String, range: Option<Range>) -> Hover {
    let kind = if markdown {
        MarkupKind::Markdown
    } else {
        MarkupKind::PlainText
    };
    Hover {
        contents: HoverContents::Markup(MarkupContent { kind, value }),
        range,
    }
}

pub fn path_to_uri(path: &Path) -> Option<Uri> {
    Uri::from_file_path(path)
}

pub fn uri_to_path(uri: &Uri) -> Option<PathBuf> {
    uri.to_file_path().map(|p| p.into_owned())
}

pub fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Hint => DiagnosticSeverity::HINT,
        Severity::Information => DiagnosticSeverity::INFORMATION,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Error => DiagnosticSeverity::ERROR,
    }
}

/// A problem as a diagnostic on the guidance file, covering its whole line.
pub fn problem_diagnostic(p: &Problem) -> Diagnostic {
    Diagnostic {
        range: Range::new(
            Position::new(p.line, 0),
            Position::new(p.line, u32::MAX / 2),
        ),
        severity: Some(severity(p.severity)),
        code: Some(NumberOrString::String(format!("skill-lsp/{}", p.code))),
        source: Some("skill-lsp".into()),
        message: p.message.clone(),
        ..Default::default()
    }
}

/// Diagnostics for the problems of the guidance file at `path`, with lines clamped to the text.
/// `text` is the open document's: a loaded guidance file is checked as it stands in the editor.
pub fn problem_diagnostics(
    lib: &Library,
    path: &Path,
    text: Option<&str>,
    line_count: usize,
) -> Vec<Diagnostic> {
    let live = text.and_then(|t| lib.live_problems(path, t));
    let stored;
    let problems: Vec<&Problem> = match &live {
        Some(v) => v.iter().collect(),
        None => {
            stored = lib.problems_for(path);
            stored
        }
    };
    problems
        .into_iter()
        .map(|p| {
            let mut d = problem_diagnostic(p);
            let last = line_count.saturating_sub(1) as u32;
            d.range.start.line = d.range.start.line.min(last);
            d.range.end.line = d.range.end.line.min(last);
            d
        })
        .collect()
}

/// The user's cache folder for us: `$XDG_CACHE_HOME/skill-lsp` (fallback `~/.cache/skill-lsp`).
pub fn default_cache_dir() -> PathBuf {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .unwrap_or_else(std::env::temp_dir);
    base.join("skill-lsp")
}

/// A real file path for a skill: its own path, or (embedded) a copy under `cache` so editors
/// can open it.
pub fn skill_file(skill: &Skill, cache: &Path) -> Option<PathBuf> {
    let shown = skill.path.to_string_lossy();
    match shown.strip_prefix("builtin:/") {
        Some(rel) => {
            let target = cache
                .join(concat!("builtin-", env!("CARGO_PKG_VERSION")))
                .join(rel);
            materialize(&target, &skill.text).then_some(target)
        }
        None => Some(skill.path.clone()),
    }
}

/// Copies this process has written or checked, by path. Every hover on a bundled tip links its
/// skill: after the first, a `stat` stands in for reading the copy back and comparing it.
static MATERIALIZED: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

/// Make `target` hold `text`: written when missing or different (a copy from another build of
/// the same version, or edited by hand), left alone when already the same.
fn materialize(target: &Path, text: &str) -> bool {
    let seen = || {
        let done = MATERIALIZED.lock().unwrap_or_else(|e| e.into_inner());
        done.iter().any(|p| p == target)
    };
    let same_len = || std::fs::metadata(target).is_ok_and(|m| m.len() == text.len() as u64);
    if seen() && same_len() {
        return true;
    }
    let same = std::fs::read(target).is_ok_and(|t| t == text.as_bytes());
    if !same {
        let written = target
            .parent()
            .is_some_and(|dir| std::fs::create_dir_all(dir).is_ok())
            && std::fs::write(target, text).is_ok();
        if !written {
            return false;
        }
    }
    let mut done = MATERIALIZED.lock().unwrap_or_else(|e| e.into_inner());
    if !done.iter().any(|p| p == target) {
        done.push(target.to_path_buf());
    }
    true
}

/// URI of a skill file (materialized under `cache` when embedded).
pub fn skill_uri(skill: &Skill, cache: &Path) -> Option<Uri> {
    path_to_uri(&skill_file(skill, cache)?)
}

/// A location at a 0-based line of a skill file.
pub fn skill_location(skill: &Skill, line: u32, cache: &Path) -> Option<Location> {
    Some(Location {
        uri: skill_uri(skill, cache)?,
        range: Range::new(Position::new(line, 0), Position::new(line, 0)),
    })
}

/// `edits` to `uri` as a workspace edit: versioned `documentChanges` when the client takes
/// them, else the plain `changes` map.
pub fn workspace_edit(
    flags_document_changes: bool,
    uri: &Uri,
    version: Option<i32>,
    edits: Vec<TextEdit>,
) -> WorkspaceEdit {
    if flags_document_changes {
        WorkspaceEdit {
            document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier {
                    uri: uri.clone(),
                    version,
                },
                edits: edits.into_iter().map(OneOf::Left).collect(),
            }])),
            ..Default::default()
        }
    } else {
        WorkspaceEdit {
            changes: Some(HashMap::from([(uri.clone(), edits)])),
            ..Default::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The copy is written when missing, rewritten when it differs (even at the same length, the
    /// first time this process sees it), and rewritten when it changes size after that.
    #[test]
    fn an_embedded_skill_copy_is_written_once_and_repaired_when_it_differs() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("nested/skill.md");
        assert!(materialize(&target, "alpha\n"));
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "alpha\n");

        let other = dir.path().join("other.md");
        std::fs::write(&other, "ALPHA\n").unwrap();
        assert!(materialize(&other, "alpha\n"));
        assert_eq!(std::fs::read_to_string(&other).unwrap(), "alpha\n");

        std::fs::write(&target, "alpha, edited\n").unwrap();
        assert!(materialize(&target, "alpha\n"));
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "alpha\n");

        std::fs::remove_file(&target).unwrap();
        assert!(materialize(&target, "alpha\n"));
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "alpha\n");

        // A folder that cannot be created: no path handed out.
        let blocked = dir.path().join("file-not-dir");
        std::fs::write(&blocked, "x").unwrap();
        assert!(!materialize(&blocked.join("skill.md"), "alpha\n"));
    }
}

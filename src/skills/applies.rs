//! The inverse of selection: every file under some folders that one skill applies to, with the
//! reasons. Used by `skill-lsp match --skill` and the `skill-lsp.filesForSkill` command.
//!
//! Walks with the `ignore` crate (git ignore files honoured, `.git` skipped, hidden guidance
//! folders such as `.github` kept) and runs the same selection as the editor on each file.

use std::path::{Path, PathBuf};

use crate::skills::library::Library;
use crate::skills::model::SkillId;
use crate::skills::select::{self, DocumentInfo, Reason};

/// One file the skill applies to.
#[derive(Debug, Clone)]
pub struct Applies {
    pub path: PathBuf,
    pub language_id: String,
    pub score: u32,
    /// Rank of the skill among every skill selected for the file (1 = first).
    pub rank: usize,
    pub reasons: Vec<Reason>,
}

/// Only the start of a file is read: selection's content signals look at the first 64 KiB.
const HEAD: usize = 64 * 1024;

/// Files under `paths` (files or folders) that `skill` applies to, in path order. `root` is the
/// workspace folder globs are relative to. `settings` as for the editor (disabled skills).
pub fn files_for_skill(
    lib: &Library,
    skill: SkillId,
    root: &Path,
    paths: &[PathBuf],
    settings: &crate::settings::Settings,
) -> Vec<Applies> {
    let mut out = Vec::new();
    for base in paths {
        let walk = ignore::WalkBuilder::new(base)
            .hidden(false)
            .git_global(true)
            .filter_entry(|e| e.file_name() != ".git")
            .build();
        for entry in walk.flatten() {
            if !entry.file_type().is_some_and(|t| t.is_file()) {
                continue;
            }
            let path = std::path::absolute(entry.path()).unwrap_or_else(|_| entry.path().into());
            let Some(text) = read_head(&path) else {
                continue;
            };
            let lang = select::language_of(&path, &text, None);
            let info = DocumentInfo {
                path: Some(&path),
                root: Some(root),
                language_id: &lang,
                text: &text,
            };
            let matches = select::select_with_settings(lib, &info, settings);
            if let Some((i, m)) = matches.iter().enumerate().find(|(_, m)| m.skill == skill) {
                out.push(Applies {
                    path: entry.path().to_path_buf(),
                    language_id: lang.clone(),
                    score: m.score,
                    rank: i + 1,
                    reasons: m.reasons.iter().cloned().collect(),
                });
            }
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

/// The first [`HEAD`] bytes as text; `None` for unreadable or binary (NUL byte) files.
fn read_head(path: &Path) -> Option<String> {
    use std::io::Read;
    let f = std::fs::File::open(path).ok()?;
    let mut buf = Vec::with_capacity(4096);
    f.take(HEAD as u64).read_to_end(&mut buf).ok()?;
    if memchr::memchr(0, &buf).is_some() {
        return None;
    }
    // A character cut at the end becomes one replacement character: harmless for selection.
    Some(String::from_utf8_lossy(&buf).into_owned())
}

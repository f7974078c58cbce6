//! Whether a file may be sent at all: git's ignore rules, every source, symlinks resolved.

use std::path::{Path, PathBuf};

use super::PromptError;

/// Fails with [`PromptError::Ignored`] when `path` is ignored by git's rules: the `.gitignore`
/// files between it and its repository root (or `root`), `.git/info/exclude`, and the user's
/// global `core.excludesFile` (default `$XDG_CONFIG_HOME/git/ignore`). Symlinks are resolved
/// first: a link (even a tracked one) to an ignored file is refused, since its content is what
/// would be sent.
pub fn check_not_ignored(path: &Path, root: Option<&Path>) -> Result<(), PromptError> {
    let global = ignore::gitignore::gitconfig_excludes_path();
    if is_ignored_with(path, root, global.as_deref()) {
        Err(PromptError::Ignored(path.to_path_buf()))
    } else {
        Ok(())
    }
}

pub(super) fn is_ignored_with(path: &Path, root: Option<&Path>, global: Option<&Path>) -> bool {
    if is_ignored(path, root, global) {
        return true;
    }
    // The target of a symlink (any link on the way), checked in its own repository.
    let Ok(real) = std::fs::canonicalize(path) else {
        return false;
    };
    if real == path {
        return false;
    }
    let real_root = root.and_then(|r| std::fs::canonicalize(r).ok());
    is_ignored(&real, real_root.as_deref(), global)
}

pub(super) fn is_ignored(path: &Path, root: Option<&Path>, global: Option<&Path>) -> bool {
    use ignore::gitignore::GitignoreBuilder;
    let Some(parent) = path.parent() else {
        return false;
    };
    // The repository root: the nearest ancestor with `.git`, else the workspace root.
    let repo = parent
        .ancestors()
        .find(|d| d.join(".git").exists())
        .map(Path::to_path_buf);
    let top = repo
        .clone()
        .or_else(|| root.filter(|r| path.starts_with(r)).map(Path::to_path_buf));
    let Some(top) = top else { return false };
    // Git's order: the deepest .gitignore with an opinion wins, then .git/info/exclude, then
    // the global excludes file (matched from the repository root).
    let mut sources: Vec<(PathBuf, PathBuf)> = parent
        .ancestors()
        .take_while(|d| d.starts_with(&top))
        .map(|d| (d.to_path_buf(), d.join(".gitignore")))
        .collect();
    if repo.is_some() {
        sources.push((top.clone(), top.join(".git/info/exclude")));
    }
    if let Some(g) = global {
        sources.push((top.clone(), g.to_path_buf()));
    }
    for (dir, file) in sources {
        if !file.is_file() {
            continue;
        }
        let mut b = GitignoreBuilder::new(&dir);
        if b.add(&file).is_some() {
            continue;
        }
        let Ok(gi) = b.build() else { continue };
        let m = gi.matched_path_or_any_parents(path, false);
        if m.is_ignore() {
            return true;
        }
        if m.is_whitelist() {
            return false;
        }
    }
    false
}

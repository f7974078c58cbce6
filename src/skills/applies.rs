//! The inverse of selection: every file under some folders that one skill applies to, with the
//! reasons. Used by `skill-lsp match --skill` and the `skill-lsp.filesForSkill` command.
//!
//! Walks with the `ignore` crate (git ignore files honoured, `.git` skipped, hidden guidance
//! folders such as `.github` kept) and runs the same selection as the editor on each file.

use std::path::{Path, PathBuf};

use crate::skills::library::Library;
use crate::skills::model::{Problem, Severity, Skill, SkillId};
use crate::skills::select::{self, DocumentInfo, Reason, SkillFilter};

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

/// A walk's stop flag and progress counter, shared with whoever started it (the editor's lens
/// resolve shows the count and stops the walk when the request is cancelled).
#[derive(Debug, Default, Clone)]
pub struct Control {
    pub cancel: std::sync::Arc<std::sync::atomic::AtomicBool>,
    /// Files looked at so far.
    pub seen: std::sync::Arc<std::sync::atomic::AtomicUsize>,
}

impl Control {
    fn stopped(&self) -> bool {
        self.cancel.load(std::sync::atomic::Ordering::Relaxed)
    }

    fn tick(&self) {
        self.seen.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }
}

/// Only the start of a file is read: selection's content signals look at the first 64 KiB.
const HEAD: usize = 64 * 1024;

/// Files under `paths` (files or folders) that `skill` applies to, in path order. `root` is the
/// workspace folder globs are relative to. `filter` as for the editor (disabled skills).
pub fn files_for_skill(
    lib: &Library,
    skill: SkillId,
    root: &Path,
    paths: &[PathBuf],
    filter: SkillFilter,
) -> Vec<Applies> {
    files_for_skill_with(lib, skill, root, paths, filter, &Control::default()).unwrap_or_default()
}

/// [`files_for_skill`] under `ctl`: `None` when it was cancelled.
pub fn files_for_skill_with(
    lib: &Library,
    skill: SkillId,
    root: &Path,
    paths: &[PathBuf],
    filter: SkillFilter,
    ctl: &Control,
) -> Option<Vec<Applies>> {
    let mut out = Vec::new();
    for (path, _) in walk(root, paths) {
        if ctl.stopped() {
            return None;
        }
        ctl.tick();
        let Some(text) = read_head(&path, HEAD) else {
            continue;
        };
        let (lang, matches) = select_file(lib, &path, root, &text, filter);
        if let Some((i, m)) = matches.iter().enumerate().find(|(_, m)| m.skill == skill) {
            out.push(Applies {
                path,
                language_id: lang.clone(),
                score: m.score,
                rank: i + 1,
                reasons: m.reasons.iter().cloned().collect(),
            });
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Some(out)
}

/// The file's language and the skills selected for it, as the editor would select them.
fn select_file(
    lib: &Library,
    path: &Path,
    root: &Path,
    text: &str,
    filter: SkillFilter,
) -> (String, Vec<select::Match>) {
    let lang = select::language_of(path, text, None);
    let info = DocumentInfo {
        path: Some(path),
        root: Some(root),
        language_id: &lang,
        text,
    };
    let matches = lib.select_skills_with(&info, filter);
    (lang, matches)
}

/// Every file under `paths` (git ignore files honoured, `.git` skipped, hidden folders kept),
/// with its path relative to `root` (`/`-separated).
pub fn walk<'a>(root: &'a Path, paths: &[PathBuf]) -> impl Iterator<Item = (PathBuf, String)> + 'a {
    let mut builder = ignore::WalkBuilder::new(paths.first().map_or(root, |p| p.as_path()));
    for p in paths.iter().skip(1) {
        builder.add(p);
    }
    builder
        .hidden(false)
        .git_global(true)
        .filter_entry(|e| e.file_name() != ".git");
    builder.build().flatten().filter_map(move |entry| {
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            return None;
        }
        let path = entry.into_path();
        let abs = std::path::absolute(&path).unwrap_or_else(|_| path.clone());
        let rel = abs
            .strip_prefix(root)
            .map(|r| r.to_string_lossy().replace('\\', "/"))
            .unwrap_or_else(|_| abs.to_string_lossy().into_owned());
        Some((path, rel))
    })
}

/// How many files under `root` a glob of a guidance file matches, and the first `show` of them
/// (relative paths, in walk order). Vendored and output folders are left out, as for tips.
pub fn glob_matches(
    root: &Path,
    glob: &str,
    show: usize,
) -> Result<(usize, Vec<String>), globset::Error> {
    let g = super::globs::build(&super::globs::normalize(glob), false)?.compile_matcher();
    let mut n = 0;
    let mut first = Vec::new();
    for (_, rel) in walk(root, &[root.to_path_buf()]) {
        if g.is_match(&rel) && super::policy::files::conventional(&rel).is_none() {
            n += 1;
            if first.len() < show {
                first.push(rel);
            }
        }
    }
    Ok((n, first))
}

/// The globs among `globs` that match no file under `root` (git-ignored files left out, as the
/// editor never opens them from the tree; vendored folders count: a skill may target them). One walk for all of them, ended as soon as every glob has
/// matched, so the usual answer ("all match") costs a few files. `None` when the walk was stopped
/// (`stop` said so, or `cap` files were seen without an answer): nothing can be said then.
/// Globs that do not compile are skipped: they are reported as `bad-glob` already.
pub fn unmatched_globs(
    root: &Path,
    globs: &[String],
    cap: usize,
    stop: &dyn Fn() -> bool,
) -> Option<Vec<String>> {
    let mut open: Vec<(&String, globset::GlobMatcher)> = globs
        .iter()
        .filter_map(|g| {
            let m = super::globs::build(&super::globs::normalize(g), false).ok()?;
            Some((g, m.compile_matcher()))
        })
        .collect();
    for (seen, (_, rel)) in walk(root, &[root.to_path_buf()]).enumerate() {
        if open.is_empty() {
            break;
        }
        if seen >= cap || (seen % 256 == 0 && stop()) {
            return None;
        }
        open.retain(|(_, m)| !m.is_match(&rel));
    }
    Some(open.into_iter().map(|(g, _)| g.clone()).collect())
}

/// Globs worth offering while a glob is typed: `**/*.<ext>` for the workspace's extensions and
/// `<dir>/**` for its folders (two levels deep), most files first, from the first `cap` files of
/// the walk (git-ignored files left out).
pub fn glob_suggestions(root: &Path, cap: usize) -> Vec<String> {
    use std::collections::HashMap;
    let mut exts: HashMap<String, usize> = HashMap::new();
    let mut dirs: HashMap<String, usize> = HashMap::new();
    for (_, rel) in walk(root, &[root.to_path_buf()]).take(cap) {
        let parts: Vec<&str> = rel.split('/').collect();
        for depth in 1..parts.len().min(3) {
            *dirs.entry(parts[..depth].join("/")).or_default() += 1;
        }
        let name = parts.last().copied().unwrap_or("");
        if let Some((stem, ext)) = name.rsplit_once('.')
            && !stem.is_empty()
            && !ext.is_empty()
            && ext.len() <= 12
        {
            *exts.entry(ext.to_string()).or_default() += 1;
        }
    }
    let ranked = |m: HashMap<String, usize>| {
        let mut v: Vec<(String, usize)> = m.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        v.into_iter().map(|(k, _)| k)
    };
    let mut out: Vec<String> = ranked(exts).take(20).map(|e| format!("**/*.{e}")).collect();
    out.extend(ranked(dirs).take(40).map(|d| format!("{d}/**")));
    out
}

/// A `paths-match-nothing` warning per glob of `skill` (its live copy) that matches no file under
/// `root`, on the line that spells the glob. `unmatched` is [`unmatched_globs`]'s answer.
pub fn unmatched_glob_problems(skill: &Skill, unmatched: &[String]) -> Vec<Problem> {
    let front_end = skill.body_line as usize;
    unmatched
        .iter()
        .map(|g| {
            // Formats whose globs match at any depth are stored with `**/` in front: find the
            // glob as the author wrote it.
            let written = [g.as_str(), g.strip_prefix("**/").unwrap_or(g)];
            let found = skill
                .text
                .lines()
                .take(front_end.max(1))
                .enumerate()
                .find_map(|(i, l)| written.iter().find(|w| l.contains(**w)).map(|w| (i, *w)));
            let (line, shown) = found.map_or((0, g.as_str()), |(i, w)| (i as u32, w));
            Problem::new(
                &skill.path,
                line,
                Severity::Warning,
                "paths-match-nothing",
                format!(
                    "the glob `{shown}` matches no file in the workspace (git-ignored files left out), so it never applies this skill; check it for a typo"
                ),
            )
        })
        .collect()
}

/// Findings of one tip over the files under `root` its skill applies to (vendored, generated
/// and minified files left out, as for `check`): each hit's file and 0-based line.
pub fn tip_hits(
    lib: &Library,
    tip: usize,
    root: &Path,
    filter: SkillFilter,
) -> Vec<(PathBuf, u32)> {
    tip_hits_with(lib, tip, root, filter, &Control::default()).unwrap_or_default()
}

/// [`tip_hits`] under `ctl`: `None` when it was cancelled.
pub fn tip_hits_with(
    lib: &Library,
    tip: usize,
    root: &Path,
    filter: SkillFilter,
    ctl: &Control,
) -> Option<Vec<(PathBuf, u32)>> {
    let skill = lib.tips.tip(tip).skill;
    let mut out = Vec::new();
    for (path, rel) in walk(root, &[root.to_path_buf()]) {
        if ctl.stopped() {
            return None;
        }
        ctl.tick();
        if super::policy::files::conventional(&rel).is_some() {
            continue;
        }
        let Some(text) = read_head(&path, WHOLE) else {
            continue;
        };
        if super::policy::files::by_content(&rel, &text).is_some() {
            continue;
        }
        let (lang, matches) = select_file(lib, &path, root, &text, filter);
        if !matches.iter().any(|m| m.skill == skill) {
            continue;
        }
        let doc = crate::skills::tips::Document {
            text: &text,
            language_id: &lang,
            rel_path: Some(&rel),
        };
        for f in lib
            .tips
            .find_in(lib.skills.len(), &[skill], &doc, &Default::default())
        {
            if f.tip == tip {
                out.push((path.clone(), f.line));
            }
        }
    }
    Some(out)
}

/// Files read whole for tips are capped like the editor's documents.
const WHOLE: usize = 8 * 1024 * 1024;

/// The first `limit` bytes as text; `None` for unreadable or binary (NUL byte) files.
fn read_head(path: &Path, limit: usize) -> Option<String> {
    use std::io::Read;
    let f = std::fs::File::open(path).ok()?;
    let mut buf = Vec::with_capacity(4096);
    f.take(limit as u64).read_to_end(&mut buf).ok()?;
    if memchr::memchr(0, &buf).is_some() {
        return None;
    }
    // A character cut at the end becomes one replacement character: harmless for selection.
    Some(String::from_utf8_lossy(&buf).into_owned())
}

//! What tips leave alone in a project, for the editor and `check` alike: files the project does not
//! own or did not write (vendored, generated, minified: [`files`]), files matched by
//! `tips.exclude`, and rules the project already silenced for another tool, by that tool's own
//! comment ([`comments`]) or configuration ([`linters`]).
//!
//! [`Project`] is read once per workspace root (a few small files at the root); [`FileRules`] is
//! what one file needs while its tips are found. Nothing here knows about LSP.

pub mod comments;
pub mod files;
pub mod ignores;
pub mod linters;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use globset::GlobSet;

use crate::skills::tip_policy::TipPolicy;
pub use comments::FileRules;
pub use files::Skip;

/// A project file the policy reads (`.gitattributes`, linter configurations) at the root: through
/// [`crate::skills::guard`] (a regular file inside the root once symlinks are resolved, under the
/// size cap), because a repository controls these files and one symlinked to `/dev/zero` or a
/// FIFO must not hang or bloat the server. Absent is normal; any other refusal is a problem.
pub(crate) fn read_project_file(path: &Path, problems: &mut Vec<String>) -> Option<String> {
    use crate::skills::guard::{self, Refused};
    match guard::read_text(path, path.parent()) {
        Ok(text) => Some(text),
        Err(Refused::Missing) => None,
        Err(e) => {
            problems.push(format!("{}: not read: {e}", path.display()));
            None
        }
    }
}

/// The rules of one workspace.
#[derive(Debug, Default)]
pub struct Project {
    pub root: PathBuf,
    /// `tips.exclude` (and `check --exclude`), compiled.
    exclude: Option<GlobSet>,
    exclude_src: Vec<String>,
    include_vendored: bool,
    attributes: files::Attributes,
    /// Rules turned off by the project's linter configurations.
    pub linters: linters::Configs,
    /// Problems met reading the project's files (bad `.gitattributes` glob...), with file and line.
    pub problems: Vec<String>,
}

impl Project {
    /// Read the project files at `root` under the tip settings.
    pub fn load(root: &Path, tips: &TipPolicy) -> Project {
        let mut problems = Vec::new();
        let exclude_src = tips.exclude.clone();
        let exclude = match crate::skills::tips::trigger::glob_set(&files::dir_globs(&exclude_src))
        {
            Ok(g) => g,
            Err(e) => {
                problems.push(format!("tips.exclude: {e}"));
                None
            }
        };
        let attributes = files::Attributes::read(root, &mut problems);
        let linters = linters::Configs::read(root, &mut problems);
        Project {
            root: root.to_path_buf(),
            exclude,
            exclude_src,
            include_vendored: tips.include_vendored,
            attributes,
            linters,
            problems,
        }
    }

    /// Add globs (from `check --exclude`) to the exclusions.
    pub fn extend_exclude(
        &mut self,
        globs: &[String],
    ) -> Result<(), crate::skills::tips::trigger::GlobError> {
        self.exclude_src.extend(globs.iter().cloned());
        self.exclude =
            crate::skills::tips::trigger::glob_set(&files::dir_globs(&self.exclude_src))?;
        Ok(())
    }

    /// Replace the exclusions (`check --exclude`, like ruff's, replaces the configured list).
    pub fn set_exclude(
        &mut self,
        globs: &[String],
    ) -> Result<(), crate::skills::tips::trigger::GlobError> {
        self.exclude_src.clear();
        self.extend_exclude(globs)
    }

    /// Why tips leave `rel` (relative to the root, `/` separators) alone, judged by its path only.
    pub fn skip_path(&self, rel: &str) -> Option<Skip> {
        if let Some(g) = &self.exclude
            && g.is_match(rel)
        {
            let which = self
                .exclude_src
                .iter()
                .find(|p| {
                    crate::skills::tips::trigger::glob_set(&files::dir_globs(&[(*p).clone()]))
                        .ok()
                        .flatten()
                        .is_some_and(|g| g.is_match(rel))
                })
                .cloned()
                .unwrap_or_default();
            return Some(Skip::Excluded(which));
        }
        if self.include_vendored {
            return None;
        }
        self.attributes
            .skip(rel)
            .or_else(|| files::conventional(rel))
            .or_else(|| {
                self.linters
                    .excluded(rel)
                    .map(|why| Skip::Vendored(format!("not linted: {why}")))
            })
    }

    /// Why tips leave this file alone, judged by its path and then its first bytes.
    pub fn skip(&self, rel: &str, text: &str) -> Option<Skip> {
        self.skip_path(rel).or_else(|| {
            if self.include_vendored || self.attributes.not_generated(rel) {
                None
            } else {
                files::by_content(rel, text)
            }
        })
    }

    /// What silences tips in this file besides `skill-lsp: ignore`.
    pub fn file_rules(&self, rel: &str, text: &str) -> FileRules {
        FileRules::new(self.linters.off_for(rel), text)
    }

    /// The rules in force, one line each, for `doctor` and `check --verbose`.
    pub fn describe(&self) -> Vec<String> {
        let mut v = Vec::new();
        if self.include_vendored {
            v.push(
                "tips.includeVendored: vendored, generated and minified files are checked".into(),
            );
        } else {
            v.push(format!(
                "conventional folders: {}",
                files::VENDOR_DIRS.join(", ")
            ));
            v.push("minified or bundled: *.min.*, *-min.*, *.bundle.*, *.chunk.*".into());
            v.push(format!(
                "generated: a first-lines marker ({}) or a line over {} characters",
                files::GENERATED_MARKERS,
                files::LONG_LINE
            ));
            v.extend(self.attributes.describe());
        }
        if !self.exclude_src.is_empty() {
            v.push(format!("tips.exclude: {}", self.exclude_src.join(", ")));
        }
        v.push("tests: tips with `tests: false` (default for security skills) skip test files, test functions and test data folders (`tips.includeTests` runs them there too)".into());
        v.push(
            "other tools' suppression comments silence tips that name the rule in `equivalents:`"
                .into(),
        );
        v.extend(self.linters.describe());
        v
    }
}

/// Projects read recently, by root and settings: the editor asks for every diagnostics run, and a
/// root's few small files are read again only when the entry is older than this.
const FRESH: Duration = Duration::from_secs(3);

type CacheKey = (PathBuf, Vec<String>, bool);
type Cache = HashMap<CacheKey, (Instant, Arc<Project>)>;

/// The project at `root` under `tips`, read at most every few seconds (editor use).
pub fn cached(root: &Path, tips: &TipPolicy) -> Arc<Project> {
    static CACHE: Mutex<Option<Cache>> = Mutex::new(None);
    let key = (
        root.to_path_buf(),
        tips.exclude.clone(),
        tips.include_vendored,
    );
    if let Some((at, p)) = CACHE
        .lock()
        .expect("lock")
        .get_or_insert_with(HashMap::new)
        .get(&key)
        && at.elapsed() < FRESH
    {
        return p.clone();
    }
    // Read outside the lock: no lock is held across I/O.
    let p = Arc::new(Project::load(root, tips));
    let mut guard = CACHE.lock().expect("lock");
    let map = guard.get_or_insert_with(HashMap::new);
    if map.len() > 64 {
        map.clear();
    }
    map.insert(key, (Instant::now(), p.clone()));
    p
}

/// For the editor: why tips leave this document alone, or (`Ok`) what silences tips in it.
/// Documents without a path or root are never skipped.
pub fn judge(
    doc: &crate::skills::select::DocumentInfo,
    tips: &TipPolicy,
) -> Result<FileRules, Skip> {
    let (Some(root), Some(rel)) = (doc.root, crate::skills::select::match_path(doc)) else {
        return Ok(FileRules::default());
    };
    if doc.path.is_some_and(|p| !p.starts_with(root)) {
        return Ok(FileRules::default());
    }
    let project = cached(root, tips);
    if let Some(why) = project.skip(&rel, doc.text) {
        return Err(why);
    }
    Ok(project.file_rules(&rel, doc.text))
}

/// [`judge`] without the reason: `None` when tips leave this document alone.
pub fn for_document(
    doc: &crate::skills::select::DocumentInfo,
    tips: &TipPolicy,
) -> Option<FileRules> {
    judge(doc, tips).ok()
}

//! The skill library: where skills come from (roots), loading them in every format, problems,
//! and the compiled indexes (selection, tips) built once per load. Skills read from files keep
//! only headings and line ranges once indexed; [`Library::hydrated`] reads the rest. `scan`
//! finds the files under a root, `clashes` decides which of several skills for one name or one
//! file a load keeps.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::builtin;
use super::formats::{self, FileInput};
use super::guard::{self, Refused};
use super::model::{
    Bodies, Origin, Problem, Section, Severity, Skill, SkillId, SkillText, SourceFormat,
    builtin_path,
};
use super::select::SelectIndex;
use super::tips::TipIndex;

mod clashes;
mod query;
mod scan;
use clashes::{drop_identical_copies, drop_skill_folder_extras, resolve_clashes};
pub use scan::workspace_format;
use scan::{scan_root, scan_workspace};

/// Where to look for skills.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SkillSources {
    /// Load the embedded library.
    pub builtin: bool,
    /// User folders (skills roots).
    pub user_dirs: Vec<PathBuf>,
    /// Files or folders from settings / `--skills`.
    pub configured: Vec<PathBuf>,
    /// Workspace folders: their conventional locations are scanned.
    pub workspaces: Vec<PathBuf>,
}

impl SkillSources {
    /// The default user folders: `$XDG_CONFIG_HOME/skill-lsp/skills` (fallback
    /// `~/.config/skill-lsp/skills`), `~/.agents/skills`, `~/.claude/skills`.
    pub fn default_user_dirs() -> Vec<PathBuf> {
        let mut out = Vec::new();
        if let Some(cfg) = crate::dirs::config_dir() {
            out.push(cfg.join("skills"));
        }
        if let Some(home) = std::env::var_os("HOME").filter(|h| !h.is_empty()) {
            let home = PathBuf::from(home);
            out.push(home.join(".agents/skills"));
            out.push(home.join(".claude/skills"));
        }
        out
    }
}

/// A root that was scanned, for `doctor`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct RootInfo {
    pub path: String,
    pub origin: Origin,
    pub exists: bool,
    pub skills: usize,
}

/// A loaded library. Immutable: a reload builds a new one.
#[derive(Debug, Default)]
pub struct Library {
    pub skills: Vec<Skill>,
    /// Problems not tied to one loaded skill (unreadable files, roots that are not folders).
    pub problems: Vec<Problem>,
    pub roots: Vec<RootInfo>,
    pub select: SelectIndex,
    pub tips: TipIndex,
    by_name: HashMap<String, SkillId>,
    /// The first skill loaded from each file. Every hover asks whether its document is a skill
    /// file: comparing its path with each skill's, component by component, was 56 K of the
    /// 206 K instructions a hover cost the server (callgrind, 2,000 hovers over stdio).
    by_path: HashMap<PathBuf, SkillId>,
}

/// One file found while scanning, before parsing.
struct Found {
    path: PathBuf,
    rel: String,
    text: SkillText,
    format: SourceFormat,
    origin: Origin,
    dir: Option<PathBuf>,
}

const SKIP_DIRS: &[&str] = &[
    ".git",
    "node_modules",
    "target",
    ".venv",
    "venv",
    "__pycache__",
    "dist",
    "build",
    ".hg",
    ".svn",
];

impl Library {
    /// Load every source. Never fails: problems are collected.
    pub fn load(sources: &SkillSources) -> Library {
        let mut found = Vec::new();
        let mut problems = Vec::new();
        let mut roots = Vec::new();
        if sources.builtin {
            let before = found.len();
            for (rel, text) in builtin::files() {
                if let Some(format) = formats::detect(&rel) {
                    found.push(Found {
                        path: builtin_path(Path::new(&rel)),
                        rel,
                        text: SkillText::Embedded(text),
                        format,
                        origin: Origin::Builtin,
                        dir: None,
                    });
                }
            }
            roots.push(RootInfo {
                path: "builtin:/".into(),
                origin: Origin::Builtin,
                exists: true,
                skills: found.len() - before,
            });
        }
        for dir in &sources.user_dirs {
            scan_root(
                dir,
                Origin::User,
                &mut found,
                &mut problems,
                &mut roots,
                true,
                None,
            );
        }
        for p in &sources.configured {
            // A path inside a workspace folder (the only kind a workspace file may add) stays
            // confined to it, whoever configured it.
            let confine = sources.workspaces.iter().find(|ws| p.starts_with(ws));
            scan_root(
                p,
                Origin::Configured,
                &mut found,
                &mut problems,
                &mut roots,
                false,
                confine.map(PathBuf::as_path),
            );
        }
        for ws in &sources.workspaces {
            scan_workspace(ws, &mut found, &mut problems, &mut roots);
        }
        drop_skill_folder_extras(&mut found);
        drop_identical_copies(&mut found);
        let read_done = std::time::Instant::now();
        let skills: Vec<Skill> = parse_all(found);
        let parse_done = std::time::Instant::now();
        let lib = Self::assemble(skills, problems, roots);
        tracing::debug!(
            parse_ms = (parse_done - read_done).as_secs_f64() * 1e3,
            index_ms = parse_done.elapsed().as_secs_f64() * 1e3,
            skills = lib.skills.len(),
            "library built"
        );
        lib
    }

    /// A library from in-memory texts, each parsed as if it lived at its path (tests, benches).
    pub fn from_texts(files: Vec<(PathBuf, String)>) -> Library {
        let mut skills = Vec::new();
        for (path, text) in files {
            let rel = path.to_string_lossy().replace('\\', "/");
            if let Some(format) = formats::detect(&rel) {
                let dir = matches!(format, SourceFormat::AgentsMd | SourceFormat::ClaudeMd)
                    .then(|| path.parent().map(Path::to_path_buf).unwrap_or_default());
                skills.push(formats::parse(FileInput {
                    path: path.clone(),
                    rel: &rel,
                    text: SkillText::from(text),
                    format,
                    origin: Origin::Configured,
                    dir,
                }));
            }
        }
        Self::assemble(skills, Vec::new(), Vec::new())
    }

    /// Add skills (already parsed) on top of the builtin library, as `load` would.
    pub fn assemble(
        mut skills: Vec<Skill>,
        problems: Vec<Problem>,
        roots: Vec<RootInfo>,
    ) -> Library {
        // Skills taken from another library (a bench or a test adding to a loaded one) may
        // have dropped their bodies: the indexes below need them.
        for s in skills.iter_mut().filter(|s| s.bodies == Bodies::Dropped) {
            match reread_sections(s) {
                Some(sections) => {
                    s.sections = sections;
                    s.bodies = Bodies::OnDisk;
                }
                None => {
                    tracing::warn!(path = %s.path.display(), "skill file changed or gone; its tips are skipped until the next reload")
                }
            }
        }
        let owners = resolve_clashes(&mut skills);
        let t = std::time::Instant::now();
        let (tips, tip_problems) = TipIndex::build_owned(&skills, &owners);
        tracing::debug!(ms = t.elapsed().as_secs_f64() * 1e3, "tip index built");
        for (idx, p) in tip_problems {
            if let Some(s) = skills.get_mut(idx) {
                s.problems.push(p);
            }
        }
        let t = std::time::Instant::now();
        let select = SelectIndex::build(&skills);
        tracing::debug!(ms = t.elapsed().as_secs_f64() * 1e3, "select index built");
        let mut dropped = false;
        for s in skills.iter_mut().filter(|s| s.bodies == Bodies::OnDisk) {
            for sec in &mut s.sections {
                sec.prose = String::new();
                sec.code_blocks = Vec::new();
                sec.comments = Vec::new();
            }
            s.bodies = Bodies::Dropped;
            dropped = true;
        }
        if dropped {
            // The freed bodies sit between the headings and names that stay, so few heap pages
            // come free and the process keeps their size. Copying what stays, then freeing the
            // originals, frees whole pages the allocator can give back (8 MB with the corpus).
            let compact = skills.to_vec();
            drop(skills);
            skills = compact;
        }
        let mut by_name = HashMap::new();
        for (i, s) in skills.iter().enumerate() {
            for a in &s.aliases {
                by_name.entry(a.to_ascii_lowercase()).or_insert(i);
            }
        }
        for (i, s) in skills.iter().enumerate() {
            by_name.insert(s.name.to_ascii_lowercase(), i);
        }
        let mut by_path = HashMap::with_capacity(skills.len());
        for (i, s) in skills.iter().enumerate() {
            by_path.entry(s.path.clone()).or_insert(i);
        }
        Library {
            skills,
            problems,
            roots,
            select,
            tips,
            by_name,
            by_path,
        }
    }

    /// A skill by name or alias (case-insensitive).
    pub fn find(&self, name: &str) -> Option<SkillId> {
        self.by_name.get(&name.to_ascii_lowercase()).copied()
    }

    pub fn skill(&self, id: SkillId) -> &Skill {
        &self.skills[id]
    }

    /// The skill with its section bodies (prose, code blocks, comments), for hovers and agent
    /// prompts. A skill read from a file dropped them after indexing: its file is read again
    /// (one small read). When the file no longer has the same headings (edited since; a reload
    /// follows), the skill comes back as indexed, with titles and line ranges only.
    pub fn hydrated(&self, id: SkillId) -> std::borrow::Cow<'_, Skill> {
        let s = &self.skills[id];
        if s.bodies != Bodies::Dropped {
            return std::borrow::Cow::Borrowed(s);
        }
        match reread_sections(s) {
            Some(sections) => {
                let mut full = s.clone();
                full.sections = sections;
                full.bodies = Bodies::Kept;
                std::borrow::Cow::Owned(full)
            }
            None => std::borrow::Cow::Borrowed(s),
        }
    }

    /// Every problem about the file at `path` (skill problems and library problems).
    pub fn problems_for(&self, path: &Path) -> Vec<&Problem> {
        self.skills
            .iter()
            .flat_map(|s| s.problems.iter())
            .chain(self.problems.iter())
            .filter(|p| p.path == path)
            .collect()
    }

    /// The skill loaded from the file at `path`.
    pub fn skill_at(&self, path: &Path) -> Option<SkillId> {
        self.by_path.get(path).copied()
    }

    /// The problems of the guidance file at `path` as its text stands now (an editor buffer
    /// that is not saved yet): the file parsed again with its format, its tips compiled, plus the
    /// library-wide problems about it (name clashes, roots). `None` when no loaded skill comes
    /// from `path`.
    pub fn live_problems(&self, path: &Path, text: &str) -> Option<Vec<Problem>> {
        let skill = &self.skills[self.skill_at(path)?];
        let fresh = self.live_skill(path, text)?;
        let (_, tip_problems) = super::tips::TipIndex::build(std::slice::from_ref(&fresh));
        let mut out = fresh.problems.clone();
        out.extend(tip_problems.into_iter().map(|(_, p)| p));
        out.extend(
            skill
                .problems
                .iter()
                .chain(self.problems.iter())
                .filter(|p| p.path == path && LIBRARY_CODES.contains(&p.code))
                .cloned(),
        );
        Some(out)
    }

    /// The loaded guidance file at `path` parsed again from `text` (the editor's unsaved copy).
    pub fn live_skill(&self, path: &Path, text: &str) -> Option<Skill> {
        let skill = &self.skills[self.skill_at(path)?];
        // Enough of the path for what parsing derives from it: an Agent Skill's folder (its
        // name) and the folder above (its category).
        let comps: Vec<String> = path
            .components()
            .rev()
            .take(3)
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let rel = comps.into_iter().rev().collect::<Vec<_>>().join("/");
        let dir = match &skill.activation {
            crate::skills::model::Activation::Subtree { dir } => Some(dir.clone()),
            _ => None,
        };
        Some(formats::parse(FileInput {
            path: path.to_path_buf(),
            rel: &rel,
            text: SkillText::from(text),
            format: skill.format,
            origin: skill.origin,
            dir,
        }))
    }

    /// Every problem in the library.
    pub fn all_problems(&self) -> Vec<&Problem> {
        self.skills
            .iter()
            .flat_map(|s| s.problems.iter())
            .chain(self.problems.iter())
            .collect()
    }

    /// Is this path one of the loaded guidance files?
    pub fn is_guidance_file(&self, path: &Path) -> bool {
        self.skills.iter().any(|s| s.path == path) || self.problems.iter().any(|p| p.path == path)
    }
}

/// Parse files on both cores: loading is on the start-up path.
fn parse_all(found: Vec<Found>) -> Vec<Skill> {
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(4);
    if found.len() < 64 || threads < 2 {
        return found.into_iter().map(parse_found).collect();
    }
    let chunk = found.len().div_ceil(threads);
    let mut parts: Vec<Vec<Found>> = Vec::new();
    let mut it = found.into_iter().peekable();
    while it.peek().is_some() {
        parts.push(it.by_ref().take(chunk).collect());
    }
    std::thread::scope(|scope| {
        let handles: Vec<_> = parts
            .into_iter()
            .map(|part| scope.spawn(move || part.into_iter().map(parse_found).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    })
}

/// Problems that come from the library as a whole rather than from parsing one file.
const LIBRARY_CODES: &[&str] = &[
    "name-clash",
    "shadows-bundled",
    "outside-workspace",
    "missing-root",
];

/// The sections of `s` parsed again from its file, when their headings and lines still match.
fn reread_sections(s: &Skill) -> Option<Vec<Section>> {
    // Through the guard: the file may have been swapped for a symlink to a device since.
    let text = guard::read_text(&s.path, None).ok()?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let offset: usize = text
        .split_inclusive('\n')
        .take(s.body_line as usize)
        .map(str::len)
        .sum();
    let sections = super::markdown::sections(&text[offset..], s.body_line);
    let same = sections.len() == s.sections.len()
        && sections
            .iter()
            .zip(&s.sections)
            .all(|(a, b)| a.line_start == b.line_start && a.heading_path == b.heading_path);
    if !same {
        tracing::info!(path = %s.path.display(), "skill file changed since it was loaded");
        return None;
    }
    Some(sections)
}

fn parse_found(f: Found) -> Skill {
    let mut skill = formats::parse(FileInput {
        path: f.path,
        rel: &f.rel,
        text: f.text,
        format: f.format,
        origin: f.origin,
        dir: f.dir,
    });
    // Only embedded skills need their text kept (to be written out for editors to open); a
    // file on disk can be read again, and a corpus of 750 files is 7 MB of it. The section
    // bodies go too once the library has indexed them (see `Library::assemble`).
    if skill.origin != Origin::Builtin {
        skill.text = SkillText::default();
        skill.bodies = Bodies::OnDisk;
    } else {
        borrow_comments(&mut skill);
    }
    skill
}

/// An embedded skill keeps its sections for good: its comments (the tip blocks, 146 KB for the
/// bundled library) point into its text instead of holding copies.
fn borrow_comments(skill: &mut Skill) {
    let starts: Vec<usize> = std::iter::once(0)
        .chain(skill.text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    for sec in &mut skill.sections {
        for (line, raw) in &mut sec.comments {
            let from = starts.get(*line as usize).copied().unwrap_or(0);
            *raw = skill.text.borrow_part(from, std::mem::take(raw));
        }
    }
}

#[cfg(test)]
mod tests;

//! Selection: which skills apply to a document, ranked, each with the reasons why. Deterministic
//! and explainable. The index is built once per library load so that one selection touches only
//! candidate skills (one `GlobIndex` pass over every skill's globs, a language map, an inverted
//! index of description words). How the evidence found becomes a score and reasons is
//! `evidence`; named content signals are `signals`, SQL dialects `dialect`.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use globset::{GlobSet, GlobSetBuilder};
use regex::{Regex, RegexSet};

use super::evidence::{self, Evidence, LangFit, Tier};
use super::globs;
use super::languages;
use super::library::Library;
use super::model::{Activation, Skill, SkillId};

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

/// Why a skill applies.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind", content = "detail")]
pub enum Reason {
    Always,
    /// `AGENTS.md` / `CLAUDE.md` governing the folder; `distance` folders up (0 = same folder).
    Nearest {
        file: String,
        distance: u32,
    },
    Language {
        id: String,
        inferred: bool,
    },
    Glob(std::sync::Arc<str>),
    /// A required content regex matched.
    Content(std::sync::Arc<str>),
    /// A named content signal matched, in words (`imports hardhat`, `kind: Deployment`).
    Signal(std::sync::Arc<str>),
    Description(Vec<String>),
    /// Asked for by name.
    Requested,
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::Always => write!(f, "always applies"),
            Reason::Nearest { file, distance: 0 } => write!(f, "nearest {file} (same folder)"),
            Reason::Nearest { file, distance } => {
                let folders = if *distance == 1 { "folder" } else { "folders" };
                write!(f, "nearest {file} ({distance} {folders} up)")
            }
            Reason::Language {
                id,
                inferred: false,
            } => write!(f, "language {id}"),
            Reason::Language { id, inferred: true } => write!(f, "language {id} (inferred)"),
            Reason::Glob(g) => write!(f, "glob `{g}`"),
            Reason::Content(r) => f.write_str(&content_words(r)),
            Reason::Signal(words) => f.write_str(words),
            Reason::Description(terms) => write!(f, "description mentions {}", terms.join(", ")),
            Reason::Requested => write!(f, "requested by name"),
        }
    }
}

/// A content regex in words: `imports fastapi` for the usual `^\s*(from|import)\s+fastapi\b`,
/// else the pattern itself, quoted and cut to a readable length.
fn content_words(re: &str) -> String {
    static IMPORTS: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"\((?:\?:)?(?:from\|import|import\|from)\)\\s\+\(?(?:\?:)?([A-Za-z0-9_|.]+)",
        )
        .expect("static regex")
    });
    let unescaped = re.replace(r"\.", ".");
    if let Some(c) = IMPORTS.captures(&unescaped) {
        let names: Vec<&str> = c[1].split('|').filter(|n| !n.is_empty()).collect();
        if !names.is_empty() {
            return format!("imports {}", names.join(" or "));
        }
    }
    let shown: String = re.chars().take(60).collect();
    let more = if re.chars().count() > 60 { "…" } else { "" };
    format!("content matches `{shown}{more}`")
}

/// The reasons of one match: almost always one or two, kept inline because a selection builds
/// a few hundred matches and a heap vector each was a quarter of its time.
pub type Reasons = smallvec::SmallVec<[Reason; 2]>;

/// One applicable skill.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Match {
    pub skill: SkillId,
    pub score: u32,
    pub reasons: Reasons,
}

/// Per-skill compiled conditions.
#[derive(Debug, Default)]
struct Compiled {
    /// Required patterns: indices into `SelectIndex::content_set`, with the source of each and
    /// whether it reads as an import (strong evidence).
    content: Vec<(std::sync::Arc<str>, usize, bool)>,
    /// Named signals: index into the skill's `signals` and into `content_set` (`NO_REGEX` for
    /// `dialect`).
    signals: Vec<(usize, usize)>,
    exclude: Option<GlobSet>,
    /// May its declared languages bring it in when its globs miss (`evidence::fallback_ok`)?
    fallback: bool,
    /// How narrow the skill is (0-20): fewer declared languages, narrower.
    specificity: u32,
}

/// A signal without a regex (`dialect`).
const NO_REGEX: usize = usize::MAX;

/// The compiled selection index of a library.
#[derive(Debug, Default)]
pub struct SelectIndex {
    globs: globs::GlobIndex,
    /// Glob index entry -> owner, pattern and its precomputed specificity.
    glob_owner: Vec<(SkillId, std::sync::Arc<str>, u32)>,
    /// Declared language -> auto skills.
    by_language: HashMap<String, Vec<SkillId>>,
    /// Declared language -> auto skills with globs that may apply by language alone.
    fallback_by_language: HashMap<String, Vec<SkillId>>,
    /// Auto skills whose only conditions are content regexes, and every skill with named
    /// signals (a signal brings its skill in whatever else holds).
    content_only: Vec<SkillId>,
    always: Vec<SkillId>,
    subtree: Vec<(SkillId, String)>,
    /// Model-decided skills by inferred language.
    model_by_language: HashMap<String, Vec<SkillId>>,
    /// Word -> model-decided and generic (always-on, `**`) skills whose name, aliases or
    /// description mention it: one lookup per document term ranks them all.
    words: HashMap<String, Vec<SkillId>>,
    compiled: Vec<Compiled>,
    /// Every skill's content regexes in one set: one pass over the text per selection, instead
    /// of one per candidate (`(?m)^\s*import x` has no literal prefix to skip ahead with).
    content_set: Option<RegexSet>,
    /// The exact (Unicode) patterns, compiled on first use, that confirm a prefilter hit.
    content_exact: Vec<(String, std::sync::OnceLock<Option<Regex>>)>,
    /// Position of each skill in name order, for cheap deterministic tie-breaks.
    name_rank: Vec<u32>,
}

const STOP: &[&str] = &[
    "the",
    "and",
    "for",
    "with",
    "use",
    "using",
    "when",
    "this",
    "that",
    "your",
    "code",
    "from",
    "into",
    "best",
    "practices",
    "guide",
    "guidelines",
    "rules",
    "patterns",
    "pattern",
    "development",
    "writing",
    "write",
    "build",
    "building",
    "app",
    "apps",
    "application",
    "applications",
    "project",
    "projects",
    "file",
    "files",
    "src",
    "lib",
    "main",
    "index",
    "test",
    "tests",
    "are",
    "not",
    "all",
    "any",
    "how",
    "what",
    "should",
    "must",
    "can",
    "will",
    "you",
    "its",
    "via",
    "new",
    "based",
    "more",
    "also",
    "such",
    "like",
    "each",
    "other",
    "about",
    "help",
    "helps",
    "user",
    "users",
    "data",
    "work",
    "working",
    "tool",
    "tools",
    "skill",
    "skills",
    "including",
    "include",
    "includes",
    "standards",
    "expert",
    "guidance",
    "comprehensive",
    "modern",
    "features",
];

/// `STOP` as a set: every word of every description and path is checked against it.
static STOP_SET: std::sync::LazyLock<HashSet<&'static str>> =
    std::sync::LazyLock::new(|| STOP.iter().copied().collect());

fn is_stop(word: &str) -> bool {
    STOP_SET.contains(word)
}

fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || c == '+' || c == '#'))
        .filter(|w| w.len() >= 3)
        .map(str::to_ascii_lowercase)
        .filter(|w| !is_stop(w))
}

fn index_words(index: &mut HashMap<String, Vec<SkillId>>, id: SkillId, s: &Skill) {
    let mut ws: HashSet<String> = words(&s.name)
        .chain(s.aliases.iter().flat_map(|a| words(a).collect::<Vec<_>>()))
        .collect();
    ws.extend(words(&s.description));
    for w in ws {
        index.entry(w).or_default().push(id);
    }
}

/// Matches being built, indexed densely by skill (no hashing on the hot path).
struct Acc {
    pos: Vec<u32>,
    out: Vec<Match>,
}

impl Acc {
    fn new(n: usize, expected: usize) -> Acc {
        Acc {
            pos: vec![u32::MAX; n],
            out: Vec::with_capacity(expected),
        }
    }

    /// Add a score and its reasons; a skill seen for the first time takes `reasons` as they are.
    fn merge(&mut self, id: SkillId, score: u32, reasons: Reasons) {
        if self.pos[id] == u32::MAX {
            self.pos[id] = self.out.len() as u32;
            self.out.push(Match {
                skill: id,
                score,
                reasons,
            });
        } else {
            let m = &mut self.out[self.pos[id] as usize];
            m.score += score;
            m.reasons.extend(reasons);
        }
    }

    fn add(&mut self, id: SkillId, score: u32, reason: Reason) {
        self.merge(id, score, smallvec::smallvec![reason]);
    }

    /// The matches, best score first, then in name order (ranks are unique, so the order is
    /// total). Sorting small keys and then moving each match along its permutation cycle beats
    /// swapping the large matches inside a sort.
    fn into_ranked(self, name_rank: &[u32]) -> Vec<Match> {
        let mut v = self.out;
        let mut keys: Vec<(u64, u32)> = v
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let key = (u64::from(u32::MAX - m.score) << 32) | u64::from(name_rank[m.skill]);
                (key, i as u32)
            })
            .collect();
        keys.sort_unstable();
        // Position k takes the match at keys[k].1: follow each cycle once, marking visits.
        for k in 0..keys.len() {
            // `u64::MAX` marks a placed position (a real key has a rank below `u32::MAX`).
            if keys[k].0 == u64::MAX {
                continue;
            }
            let mut j = k;
            loop {
                let src = keys[j].1 as usize;
                keys[j].0 = u64::MAX;
                if src == k {
                    break;
                }
                v.swap(j, src);
                j = src;
            }
        }
        v
    }
}

impl SelectIndex {
    pub fn build(skills: &[Skill]) -> SelectIndex {
        let mut ix = SelectIndex::default();
        let mut gb = globs::GlobIndexBuilder::default();
        let mut content_patterns: Vec<String> = Vec::new();
        for (id, s) in skills.iter().enumerate() {
            let mut c = Compiled::default();
            for r in &s.content {
                if Regex::new(r).is_ok() {
                    let strong = content_words(r).starts_with("imports ");
                    c.content
                        .push((r.as_str().into(), content_patterns.len(), strong));
                    content_patterns.push(r.clone());
                }
            }
            for (i, sig) in s.signals.iter().enumerate() {
                match super::signals::regex(sig) {
                    Some(r) if Regex::new(&r).is_ok() => {
                        c.signals.push((i, content_patterns.len()));
                        content_patterns.push(r);
                    }
                    Some(_) => {}
                    None => c.signals.push((i, NO_REGEX)),
                }
            }
            let declared = !s.languages_inferred && !s.languages.is_empty();
            c.specificity = if declared {
                20u32.saturating_sub(3 * (s.languages.len() as u32 - 1))
            } else {
                10
            };
            if !s.exclude.is_empty() {
                let mut eb = GlobSetBuilder::new();
                for g in &s.exclude {
                    if let Ok(glob) = globs::build(g, false) {
                        eb.add(glob);
                    }
                }
                c.exclude = eb.build().ok();
            }
            match &s.activation {
                Activation::Always => {
                    ix.always.push(id);
                    index_words(&mut ix.words, id, s);
                }
                Activation::Subtree { dir } => {
                    ix.subtree.push((id, dir.to_string_lossy().to_string()))
                }
                Activation::Manual => {}
                Activation::ModelDecided => {
                    for l in &s.languages {
                        ix.model_by_language.entry(l.clone()).or_default().push(id);
                    }
                    index_words(&mut ix.words, id, s);
                }
                Activation::Auto => {
                    let mut has_glob = false;
                    for g in &s.globs {
                        let ci = s.format == super::model::SourceFormat::CopilotInstructions;
                        if gb.add(g, ci).is_ok() {
                            ix.glob_owner
                                .push((id, g.as_str().into(), glob_specificity(g)));
                            has_glob = true;
                        }
                    }
                    index_words(&mut ix.words, id, s);
                    if declared && !has_glob {
                        for l in &s.languages {
                            ix.by_language.entry(l.clone()).or_default().push(id);
                        }
                    } else if has_glob && declared && s.signals.is_empty() {
                        for l in &s.languages {
                            if super::evidence::fallback_ok(&s.globs, l) {
                                c.fallback = true;
                                ix.fallback_by_language
                                    .entry(l.clone())
                                    .or_default()
                                    .push(id);
                            }
                        }
                    }
                    if !c.signals.is_empty() || (!has_glob && !declared && !c.content.is_empty()) {
                        ix.content_only.push(id);
                    }
                }
            }
            ix.compiled.push(c);
        }
        ix.globs = gb.build();
        // ASCII word boundaries keep one pass over a non-ASCII file on the lazy DFA (a Unicode
        // `\b` made it fall back to the NFA: most of `check`'s time); hits are confirmed below.
        ix.content_set = crate::skills::tips::prefilter_set(&content_patterns).ok();
        ix.content_exact = content_patterns
            .into_iter()
            .map(|p| (p, std::sync::OnceLock::new()))
            .collect();
        let mut order: Vec<usize> = (0..skills.len()).collect();
        order.sort_by(|&a, &b| skills[a].name.cmp(&skills[b].name));
        ix.name_rank = vec![0; skills.len()];
        for (rank, id) in order.into_iter().enumerate() {
            ix.name_rank[id] = rank as u32;
        }
        ix
    }
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

// Built once: `str::find` sets up a new searcher per call, per line of every document.
static FROM: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new(" from "));
static REQUIRE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new("require("));

/// Terms describing a document, for model-decided skills: language, path words, imports.
fn doc_terms(doc: &DocumentInfo, rel: Option<&str>) -> (Vec<String>, Vec<String>) {
    let mut strong = Vec::new();
    let mut weak = Vec::new();
    if let Some(rel) = rel {
        for w in words(rel) {
            if !["yml", "yaml", "json", "md", "txt"].contains(&w.as_str()) {
                weak.push(w);
            }
        }
    }
    let mut add = |import: &str| {
        let i = import.trim_start_matches('@');
        // Go modules start with their host (`github.com/gin-gonic/gin`): the package follows.
        let i = match i.split_once('/') {
            Some((host, rest)) if host.contains('.') => rest,
            _ => i,
        };
        for part in i.split(['/', '.', '-', '_']).take(2) {
            // Files repeat their imports' packages: skip known ones before allocating.
            if strong.iter().any(|x: &String| x.eq_ignore_ascii_case(part)) {
                continue;
            }
            let p = part.to_ascii_lowercase();
            if p.len() >= 2
                && !is_stop(&p)
                && ![
                    "github", "com", "org", "std", "crate", "self", "super", "node",
                ]
                .contains(&p.as_str())
            {
                strong.push(p);
            }
        }
    };
    // Imports sit in the first lines; 300 is plenty and bounds the cost on huge files.
    let mut scanned = 0;
    for line in doc.text.split_inclusive('\n').take(300) {
        scanned += line.len();
        let t = line.trim();
        // Every form below starts with one of these bytes: most lines are ruled out at once.
        if !matches!(t.as_bytes().first(), Some(b'f' | b'i' | b'u' | b'"')) {
            continue;
        }
        let import = if let Some(rest) = t
            .strip_prefix("from ")
            .or_else(|| t.strip_prefix("import "))
        {
            // python `from x.y import z`, `import x`; JS `import x from 'pkg'`
            if let Some(idx) = FROM.find(rest.as_bytes()) {
                quoted(&rest[idx + 6..])
            } else if rest.starts_with(['"', '\'']) {
                quoted(rest)
            } else {
                rest.split(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .next()
            }
        } else if let Some(rest) = t.strip_prefix("use ") {
            rest.split("::").next()
        } else if t.starts_with('"') && t.ends_with('"') && t.contains('/') {
            // Go import blocks.
            quoted(t)
        } else {
            None
        };
        if let Some(i) = import {
            add(i);
        }
    }
    // CommonJS `require('x')` can sit anywhere in a line: one search over the scanned text.
    let head = &doc.text[..scanned];
    for idx in REQUIRE.find_iter(head.as_bytes()) {
        let rest = &head[idx + 8..];
        let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
        if let Some(i) = quoted(line) {
            add(i);
        }
    }
    strong.sort();
    strong.dedup();
    weak.sort();
    weak.dedup();
    (strong, weak)
}

fn quoted(s: &str) -> Option<&str> {
    let s = s.trim_start();
    let q = s
        .chars()
        .next()
        .filter(|c| *c == '"' || *c == '\'' || *c == '`')?;
    let rest = &s[1..];
    rest.find(q).map(|end| &rest[..end])
}

/// Applicable skills for a document, best first.
pub fn select(lib: &Library, doc: &DocumentInfo) -> Vec<Match> {
    let ix = &lib.select;
    let rel = match_path(doc);
    let lang = doc.language_id;
    let langs: Vec<&str> = std::iter::once(lang)
        .chain(languages::related(lang).iter().copied())
        .collect();
    let n = lib.skills.len();
    let mut acc = Acc::new(n, ix.always.len() + 16);

    // How well each model-decided or generic skill's words fit the document's terms.
    let (strong, weak) = doc_terms(doc, rel.as_deref());
    let mut fit = vec![(0u32, 0u32); n];
    let mut fit_terms: Vec<(SkillId, &str)> = Vec::new();
    for (terms, weight) in [(&strong, 1u32), (&weak, 0u32)] {
        for t in terms {
            if let Some(ids) = ix.words.get(t) {
                for &id in ids {
                    if weight == 1 {
                        fit[id].0 += 1
                    } else {
                        fit[id].1 += 1
                    }
                    fit_terms.push((id, t.as_str()));
                }
            }
        }
    }
    // Grouped by skill, each group keeping the terms' order (strong first).
    fit_terms.sort_by_key(|(id, _)| *id);
    // Ranks `github-actions` (globs `**/*`) above `a11y` (also `**/*`) for a workflow file.
    let generic_fit = |id: SkillId| (fit[id].0 * 20 + fit[id].1 * 10).min(100);

    for &id in &ix.always {
        acc.add(
            id,
            evidence::score(Tier::Description, 120 + generic_fit(id)),
            Reason::Always,
        );
    }

    // AGENTS.md / CLAUDE.md: the governing files along the path, nearest first.
    if let Some(path) = doc.path {
        for (id, dir) in &ix.subtree {
            let d = Path::new(dir);
            let governs = if d.is_absolute() {
                path.starts_with(d)
            } else {
                rel.as_deref().is_some_and(|r| Path::new(r).starts_with(d))
            };
            if governs {
                let parent = path.parent().unwrap_or(path);
                let depth_doc = parent.components().count();
                let depth_dir = if d.is_absolute() {
                    d.components().count()
                } else {
                    doc.root.map(|r| r.components().count()).unwrap_or(0) + d.components().count()
                };
                let distance = depth_doc.saturating_sub(depth_dir) as u32;
                let file = lib
                    .skill(*id)
                    .path
                    .file_name()
                    .map(|n| n.to_string_lossy().to_string())
                    .unwrap_or_default();
                acc.add(
                    *id,
                    evidence::score(Tier::Nearest, 500 - 10 * distance.min(30)),
                    Reason::Nearest { file, distance },
                );
            }
        }
    }

    // Auto skills: candidates from globs, declared languages, content conditions.
    // Each candidate once, with its most specific matching glob (ties: the first declared).
    // Dense per-skill slots instead of sorting the hits: a thousand skills, a few hundred hits.
    const ABSENT: u32 = u32::MAX;
    const NO_GLOB: u32 = u32::MAX - 1;
    let mut best = vec![ABSENT; n];
    let mut candidates: Vec<SkillId> = Vec::new();
    if let Some(rel) = rel.as_deref() {
        let mut hits = Vec::new();
        ix.globs.matches(rel, &mut hits);
        for i in hits {
            let (id, _, spec) = &ix.glob_owner[i];
            let slot = &mut best[*id];
            if *slot == ABSENT {
                *slot = i as u32;
                candidates.push(*id);
            } else {
                let held = ix.glob_owner[*slot as usize].2;
                if *spec > held || (*spec == held && (i as u32) < *slot) {
                    *slot = i as u32;
                }
            }
        }
    }
    let mut content_hits: Option<regex::SetMatches> = None;
    // What a file is shows at its top (imports, `apiVersion:`/`kind:`, a shebang): content
    // conditions read the first 64 KiB, so selecting for a huge file costs what a small one does.
    let head = &doc.text[..floor_char_boundary(doc.text, CONTENT_HEAD)];
    let by_language = langs.iter().filter_map(|l| ix.by_language.get(*l));
    let fallback = ix.fallback_by_language.get(lang);
    for &id in by_language
        .flatten()
        .chain(fallback.into_iter().flatten())
        .chain(&ix.content_only)
    {
        if best[id] == ABSENT {
            best[id] = NO_GLOB;
            candidates.push(id);
        }
    }
    let mut dialect: Option<Option<super::dialect::Dialect>> = None;
    acc.out.reserve(candidates.len());
    for id in candidates {
        let s = lib.skill(id);
        let c = &ix.compiled[id];
        if let (Some(ex), Some(rel)) = (&c.exclude, rel.as_deref())
            && ex.is_match(rel)
        {
            continue;
        }
        let declared = !s.languages_inferred && !s.languages.is_empty();
        // The document's language among the declared ones: exactly, or a related id.
        let lang_fit = if !declared {
            None
        } else if let Some(l) = s.languages.iter().find(|l| l.as_str() == lang) {
            Some((l, LangFit::Exact))
        } else {
            s.languages
                .iter()
                .find(|l| langs.contains(&l.as_str()))
                .map(|l| (l, LangFit::Related))
        };
        let lang_ok = !declared || lang_fit.is_some();
        let mut hits_of = |i: usize| {
            let hits = content_hits.get_or_insert_with(|| match &ix.content_set {
                Some(set) => set.matches(head),
                None => RegexSet::empty().matches(""),
            });
            if !hits.matched(i) {
                return None;
            }
            let (src, cell) = &ix.content_exact[i];
            cell.get_or_init(|| Regex::new(src).ok())
                .as_ref()
                .and_then(|re| re.find(head))
                .map(|m| m.as_str())
        };
        // Required patterns: one must match, whatever else holds.
        let mut pattern = None;
        if !c.content.is_empty() {
            pattern = c
                .content
                .iter()
                .find(|(_, i, _)| hits_of(*i).is_some())
                .map(|(src, _, strong)| (src.clone(), *strong));
            if pattern.is_none() {
                continue;
            }
        }
        let mut ev = Evidence {
            specificity: c.specificity,
            ..Default::default()
        };
        // Named signals, each in its own languages (default: the skill's).
        for &(si, set_i) in &c.signals {
            let sig = &s.signals[si];
            let in_lang = if sig.languages.is_empty() {
                lang_ok
            } else {
                sig.languages.iter().any(|l| langs.contains(&l.as_str()))
            };
            if !in_lang {
                continue;
            }
            let found = if set_i == NO_REGEX {
                let d = *dialect.get_or_insert_with(|| {
                    super::dialect::detect(doc.text, lang, rel.as_deref(), doc.path, doc.root)
                });
                d.filter(|d| {
                    sig.values
                        .iter()
                        .any(|v| super::dialect::Dialect::parse(v) == Some(*d))
                })
                .map(|d| d.name())
            } else {
                hits_of(set_i)
            };
            if let Some(found) = found {
                ev.content.push((
                    Reason::Signal(super::signals::words(sig, found).into()),
                    super::signals::is_strong(sig.kind),
                    sig.values.len(),
                ));
            }
        }
        let glob = (best[id] < NO_GLOB).then(|| &ix.glob_owner[best[id] as usize]);
        match glob {
            // `**` is "every file": as generic as an always-on rule.
            Some((_, g, _)) if globs::is_everything(g) => {
                if lang_ok {
                    acc.merge(
                        id,
                        evidence::score(Tier::Description, 120 + generic_fit(id)),
                        smallvec::smallvec![Reason::Glob(g.clone())],
                    );
                }
                continue;
            }
            Some((_, g, spec)) if lang_ok => {
                let spec = spec + name_fits_language(&s.name, lang);
                ev.glob = Some((g.clone(), spec, evidence::is_explicit(g)));
            }
            _ => {}
        }
        // Where the skill's own scope holds: its glob, else (no globs) its languages.
        let scoped = ev.glob.is_some() || (s.globs.is_empty() && lang_ok);
        if let Some((src, strong)) = pattern
            && (scoped || !ev.content.is_empty())
        {
            ev.content.push((Reason::Content(src), strong, 1));
        }
        if let Some((l, fit)) = lang_fit {
            let alone = ev.glob.is_none() && ev.content.is_empty();
            if !alone {
                ev.language = Some((l.clone(), fit));
            } else if s.globs.is_empty() {
                // Languages alone are the skill's scope; a skill that names signals and shows
                // none here is the weaker candidate (`async-python` on a file without asyncio).
                let fit = if s.signals.is_empty() {
                    fit
                } else {
                    LangFit::Fallback
                };
                ev.language = Some((l.clone(), fit));
            } else if c.fallback && fit == LangFit::Exact {
                // Its globs name kinds of file this one may be a variant of.
                ev.language = Some((l.clone(), LangFit::Fallback));
            }
        }
        if ev.is_empty() {
            continue;
        }
        if fit[id] != (0, 0) {
            ev.fit = fit[id];
            ev.fit_terms = terms_of(&fit_terms, id);
        }
        let (score, reasons) = ev.rank();
        acc.merge(id, score, reasons);
    }

    // Model-decided skills: rank by how well name + description fit the document.
    let mut lang_match = vec![false; 0];
    let mut model: Vec<SkillId> = Vec::new();
    for l in &langs {
        if let Some(ids) = ix.model_by_language.get(*l) {
            if lang_match.is_empty() {
                lang_match = vec![false; n];
            }
            for &id in ids {
                lang_match[id] = true;
            }
            model.extend_from_slice(ids);
        }
    }
    model.extend(fit_terms.iter().map(|(id, _)| *id));
    model.sort_unstable();
    model.dedup();
    for id in model {
        let s = lib.skill(id);
        if s.activation != Activation::ModelDecided {
            continue;
        }
        let matched = !lang_match.is_empty() && lang_match[id];
        let mut score = fit[id].0 * 40 + fit[id].1 * 10;
        // A language match alone, or an import, or at least four path words.
        if score < 40 && !matched {
            continue;
        }
        let mut reasons = Reasons::new();
        if matched {
            score += 60;
            let l = s
                .languages
                .iter()
                .find(|l| langs.contains(&l.as_str()))
                .cloned()
                .unwrap_or_default();
            reasons.push(Reason::Language {
                id: l,
                inferred: true,
            });
        }
        let terms = terms_of(&fit_terms, id);
        if !terms.is_empty() {
            reasons.push(Reason::Description(terms));
        }
        acc.merge(
            id,
            evidence::score(Tier::Description, score.min(350)),
            reasons,
        );
    }

    acc.into_ranked(&ix.name_rank)
}

/// The description words of `id` the document's terms hit (`fit_terms` grouped by skill).
fn terms_of(fit_terms: &[(SkillId, &str)], id: SkillId) -> Vec<String> {
    let from = fit_terms.partition_point(|(i, _)| *i < id);
    fit_terms[from..]
        .iter()
        .take_while(|(i, _)| *i == id)
        .map(|(_, t)| t.to_string())
        .collect()
}

/// How much of a document content conditions read.
pub const CONTENT_HEAD: usize = 64 * 1024;

fn floor_char_boundary(s: &str, max: usize) -> usize {
    if max >= s.len() {
        return s.len();
    }
    let mut i = max;
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Rank of a matching glob: literal folders and file names are more specific than extensions,
/// and a long `{a,b,c,...}` list is less specific than one extension.
fn glob_specificity(g: &str) -> u32 {
    let mut score: i64 = 300;
    let segments: Vec<&str> = g.split('/').filter(|s| *s != "**").collect();
    let dirs = segments.len().saturating_sub(1);
    score += 40 * dirs.min(3) as i64;
    if let Some(last) = segments.last() {
        if !last.contains(['*', '?', '[', '{']) {
            score += 20;
        }
        // `*.t.sol` is narrower than `*.sol`: count literal characters outside `{}`.
        let mut depth = 0;
        let literal = last
            .chars()
            .filter(|c| {
                match c {
                    '{' | '[' => depth += 1,
                    '}' | ']' => depth -= 1,
                    _ => {}
                }
                depth == 0 && !matches!(c, '*' | '?' | '}' | ']')
            })
            .count() as i64;
        score += 4 * literal.min(10);
    }
    let alternatives = g.matches(',').count() as i64;
    score -= 3 * alternatives.min(30);
    score.max(150) as u32
}

/// A small bonus when the skill's name names the document's language (`python.mdc` for a `.py`).
fn name_fits_language(name: &str, lang: &str) -> u32 {
    // Called for every glob match: compare words in place rather than allocate.
    let mut words = name.split(|c: char| !c.is_alphanumeric());
    let wanted: &[&str] = match lang {
        "typescriptreact" => &["react", "tsx", "typescript"],
        "javascriptreact" => &["react", "jsx", "javascript"],
        "shellscript" => &["bash", "shell", "sh"],
        "dockerfile" => &["docker", "dockerfile"],
        "typescript" => &["typescript", "ts"],
        "javascript" => &["javascript", "js", "node"],
        "python" => &["python", "py"],
        "go" => &["go", "golang"],
        "rust" => &["rust"],
        other => {
            return if words.any(|w| w.eq_ignore_ascii_case(other)) {
                5
            } else {
                0
            };
        }
    };
    if words.any(|w| wanted.iter().any(|x| w.eq_ignore_ascii_case(x))) {
        30
    } else {
        0
    }
}

/// `select` with the settings' enabled / disabled lists applied.
pub fn select_with_settings(
    lib: &Library,
    doc: &DocumentInfo,
    settings: &crate::settings::Settings,
) -> Vec<Match> {
    let mut v = select(lib, doc);
    retain_enabled(lib, &mut v, settings);
    v
}

/// Drop skills the settings turn off.
pub fn retain_enabled(lib: &Library, v: &mut Vec<Match>, settings: &crate::settings::Settings) {
    let sk = &settings.skills;
    if sk.enabled.is_none() && sk.disabled.is_empty() {
        return;
    }
    v.retain(|m| {
        let s = lib.skill(m.skill);
        let on = sk
            .enabled
            .as_ref()
            .is_none_or(|list| list.iter().any(|n| s.answers_to(n)));
        on && !sk.disabled.iter().any(|n| s.answers_to(n))
    });
}

/// Skills asked for by name (manual ones included), in the order given.
pub fn requested(lib: &Library, names: &[String]) -> Vec<Match> {
    names
        .iter()
        .filter_map(|n| lib.find(n))
        .map(|id| Match {
            skill: id,
            score: evidence::score(evidence::Tier::Requested, 0),
            reasons: smallvec::smallvec![Reason::Requested],
        })
        .collect()
}

/// Convenience for callers with an owned path.
pub fn language_of(path: &Path, text: &str, client_lang: Option<&str>) -> String {
    match client_lang {
        Some(l) if !l.is_empty() && l != "plaintext" => l.to_string(),
        _ => languages::language_for(path, text)
            .unwrap_or("plaintext")
            .to_string(),
    }
}

/// The workspace folder (longest prefix) that contains `path`.
pub fn root_for<'a>(roots: &'a [PathBuf], path: &Path) -> Option<&'a PathBuf> {
    roots
        .iter()
        .filter(|r| path.starts_with(r))
        .max_by_key(|r| r.components().count())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::skills::model::Origin;

    fn lib(files: &[(&str, &str)]) -> Library {
        let skills = files
            .iter()
            .map(|(rel, text)| {
                crate::skills::formats::parse_text(rel, text, Origin::Configured).unwrap()
            })
            .collect();
        Library::assemble(skills, Vec::new(), Vec::new())
    }

    fn run(lib: &Library, rel: &str, lang: &str, text: &str) -> Vec<(String, u32, Vec<String>)> {
        let root = Path::new("/w");
        let path = root.join(rel);
        let doc = DocumentInfo {
            path: Some(&path),
            root: Some(root),
            language_id: lang,
            text,
        };
        select(lib, &doc)
            .into_iter()
            .map(|m| {
                let reasons = m.reasons.iter().map(|r| r.to_string()).collect();
                (lib.skill(m.skill).name.clone(), m.score, reasons)
            })
            .collect()
    }

    /// A skill matched by several of its globs reports the most specific one; equally specific
    /// globs report the first declared.
    #[test]
    fn most_specific_glob_is_the_reason() {
        let l = lib(&[
            (
                ".cursor/rules/api.mdc",
                "---\ndescription: API\nglobs: **/*.py, **/api/**/*.py\n---\nBody\n",
            ),
            (
                ".cursor/rules/twins.mdc",
                "---\ndescription: Twins\nglobs: **/y/**/*.py, **/x/**/*.py\n---\nBody\n",
            ),
        ]);
        let got = run(&l, "api/x/y/m.py", "python", "");
        let api = got.iter().find(|m| m.0 == "api").unwrap();
        assert_eq!(api.2[0], "glob `**/api/**/*.py`");
        let twins = got.iter().find(|m| m.0 == "twins").unwrap();
        assert_eq!(twins.2[0], "glob `**/y/**/*.py`");
    }

    /// Best score first; equal scores in name order, whatever order the skills were loaded in.
    #[test]
    fn ranking_is_score_then_name() {
        let rule = |d: &str| format!("---\ndescription: {d}\nglobs: **/*.py\n---\nBody\n");
        let (c, a, b) = (rule("c"), rule("a"), rule("b"));
        let files = [
            (".cursor/rules/charlie.mdc", c.as_str()),
            (".cursor/rules/alpha.mdc", a.as_str()),
            (".cursor/rules/bravo.mdc", b.as_str()),
            (
                ".cursor/rules/deep.mdc",
                "---\ndescription: d\nglobs: src/app/**/*.py\n---\nBody\n",
            ),
        ];
        let forward = lib(&files);
        let mut reversed_files = files;
        reversed_files.reverse();
        let reversed = lib(&reversed_files);
        for l in [&forward, &reversed] {
            let names: Vec<String> = run(l, "src/app/m.py", "python", "")
                .into_iter()
                .map(|m| m.0)
                .collect();
            assert_eq!(names, ["deep", "alpha", "bravo", "charlie"]);
        }
    }

    /// Imports become strong terms wherever the language puts them.
    #[test]
    fn document_terms_from_imports() {
        let text = "#!/usr/bin/env node\nconst x = 1, fastify = require('fastify');\nimport React from \"react\";\nfrom pandas.io import sql\nimport numpy as np\nuse tokio::sync;\nimport (\n\t\"github.com/gin-gonic/gin\"\n)\n";
        let path = Path::new("/w/src/handlers/orders.py");
        let doc = DocumentInfo {
            path: Some(path),
            root: Some(Path::new("/w")),
            language_id: "python",
            text,
        };
        let (strong, weak) = doc_terms(&doc, match_path(&doc).as_deref());
        assert_eq!(
            strong,
            [
                "fastify", "gin", "gonic", "numpy", "pandas", "react", "tokio"
            ]
        );
        assert_eq!(weak, ["handlers", "orders"]);
    }
}

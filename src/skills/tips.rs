//! Tips: the triggers of every skill compiled once per library load, and finding them in a
//! document (all of it for diagnostics and `check`, or a few lines for a hover).
//!
//! Declared triggers come from `<!-- skill-lsp tip ... -->` comments ([`trigger`]); implicit ones
//! from the bad examples of skills nobody annotated ([`implicit`]). Per language, line patterns
//! sit in a `RegexSet` used as a prefilter over the whole text, so only the patterns that match
//! somewhere run individually; span patterns run on the whole text; implicit lines are one hash
//! lookup per document line. Comment/string/async/test context comes from the document's tree
//! where its grammar judges it ([`structural::context`]), else from [`lexer`].
//! Structural tips (an ast-grep `rule:`) run over the document's tree ([`structural`]); their
//! `pattern`, when they have one, is the regex used where the document has no usable tree.

pub mod fix;
pub mod implicit;
pub mod incremental;
pub mod lexer;
pub mod structural;
pub mod trigger;

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

use globset::GlobSet;
use regex::{Regex, RegexSet};

use super::model::{Problem, Severity, Skill, SkillId};
use crate::settings::TipSettings;
pub use trigger::Context;

/// Patterns per `RegexSet`: keeps each automaton small enough for the lazy DFA.
const SET_CHUNK: usize = 128;
/// Lines around the requested ones searched by span triggers when only a few lines are wanted.
const SPAN_WINDOW: usize = 200;
/// Lazy DFA cache per `RegexSet`: big enough that a set of many patterns does not thrash the cache
/// and fall back to the (much slower) NFA simulation on a large file. Grows only as needed.
const DFA_CACHE: usize = 8 << 20;
/// Key of the index for tips that apply to any language.
const ANY: &str = "*";
/// Bytes of one line that tips look at: a minified bundle is one line of megabytes, and its hits
/// are noise nobody reads. Past this, the line is reported as too long ([`Limits`]).
pub const LINE_CAP: usize = 64 * 1024;
/// Findings kept per search: past this the search stops ([`Limits::truncated`]); a hover then
/// searches its own line.
pub const MAX_FINDINGS: usize = 20_000;
/// Bytes of a document searched at all (cut at a line start); the rest is reported.
pub const DOC_CAP: usize = 8 << 20;
/// Long lines listed by line number in [`Limits`] (the rest are only counted).
const LONG_LINES_LISTED: usize = 20;
/// The comment that silences tips on its line or the next.
const IGNORE_MARK: &str = "skill-lsp: ignore";

/// Where a tip comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TipKind {
    /// A `skill-lsp tip` comment in the skill file.
    Declared,
    /// Derived from a bad example of a skill without declared triggers.
    Implicit,
}

/// Whether an HTML comment of a section declares tips (`skill-lsp tip ...`).
pub fn declares_triggers(line: u32, raw: &str) -> bool {
    trigger::parse(line, raw).is_some()
}

/// One compiled tip.
#[derive(Debug)]
pub struct Tip {
    /// The skill whose section holds the tip (hovers read it there).
    pub skill: SkillId,
    /// The skill whose selection raises the tip and whose name the tip id carries: `skill`
    /// itself, or the workspace skill that shadows a bundled one and keeps its tips.
    pub owner: SkillId,
    pub skill_name: Arc<str>,
    /// Index into the skill's `sections`.
    pub section: usize,
    /// Full id, `<skill>/<tip>`.
    pub id: Arc<str>,
    pub message: Arc<str>,
    /// The skill author's severity (settings may override it).
    pub severity: Severity,
    pub kind: TipKind,
    /// `false`: hover only.
    pub diagnostic: bool,
    /// 0-based line of the trigger (declared) or of the bad block (implicit) in the skill file.
    pub line: u32,
    /// The declared pattern, for `skills` listings and debugging.
    pub pattern: Option<String>,
    /// LSP language ids; empty means any.
    pub languages: Vec<String>,
    matcher: Matcher,
    /// A span pattern that gives the same matches on a window of whole lines.
    windowable: bool,
    not: Option<LazyRegex>,
    unless: Option<LazyRegex>,
    requires: Option<LazyRegex>,
    paths: Option<GlobSet>,
    /// The tip's own `paths` as written (see `Trigger::path_globs`).
    pub path_globs: Vec<String>,
    exclude: Option<GlobSet>,
    context: Vec<Context>,
    /// Rule ids of other tools this tip is the same as (`ruff:S113`).
    pub equivalents: Vec<Arc<str>>,
    /// Replacement for the highlighted span (`$1` expands the pattern's groups).
    pub fix: Option<String>,
    /// A structural tip's rule per grammar.
    pub structural: Option<Arc<structural::Rule>>,
    /// Precision measured on real code, when the skill records it.
    pub precision: Option<f64>,
    /// `measured: TP/N` as recorded (see [`trigger::Declared::measured`]).
    pub measured: Option<(u32, u32)>,
    /// Hover only because measured under the bar; an override naming the tip re-enables it.
    pub demoted: bool,
}

/// A regex compiled on first use. Every trigger is validated when the library loads, but most
/// never get a prefilter hit in a session; keeping hundreds of compiled Unicode NFAs resident
/// cost ~60 MB for the bundled library alone.
#[derive(Debug)]
struct LazyRegex {
    src: String,
    cell: OnceLock<Option<Regex>>,
}

impl From<Regex> for LazyRegex {
    fn from(re: Regex) -> LazyRegex {
        LazyRegex::new(re.as_str().to_string())
    }
}

impl LazyRegex {
    /// Does the (validated) regex match? A pattern that no longer compiles matches nothing.
    fn is_match(&self, text: &str) -> bool {
        self.get().is_some_and(|re| re.is_match(text))
    }

    fn new(src: String) -> LazyRegex {
        LazyRegex {
            src,
            cell: OnceLock::new(),
        }
    }

    fn get(&self) -> Option<&Regex> {
        self.cell
            .get_or_init(|| Regex::new(&self.src).ok())
            .as_ref()
    }
}

#[derive(Debug)]
enum Matcher {
    /// Per line: `re` on the line, `ml` (`(?mR:…)` with ASCII word boundaries, see
    /// [`trigger::ascii_boundaries`]) to locate candidate lines in the whole text.
    Line {
        re: LazyRegex,
        ml: LazyRegex,
    },
    /// On the whole text; `pre` (ASCII word boundaries) first says whether it can match at all.
    Span {
        re: LazyRegex,
        pre: LazyRegex,
    },
    Implicit,
    /// A structural tip without a fallback regex: only its rule finds it.
    Structural,
}

impl Tip {
    /// The id without the skill prefix.
    pub fn short_id(&self) -> &str {
        self.id.rsplit_once('/').map_or(&self.id, |(_, t)| t)
    }
}

#[derive(Debug, Default)]
struct LangIndex {
    /// Line tips of this group and their prefilter patterns, compiled into `compiled` the first
    /// time a document of these languages is searched: a session editing Python never pays for
    /// the Solidity or GDScript sets.
    line_tips: Vec<(usize, String)>,
    /// Line patterns in chunks: the set and, per pattern, the tip it belongs to.
    compiled: OnceLock<Vec<(RegexSet, Vec<usize>)>>,
    span: Vec<usize>,
    /// Structural tips of this group.
    structural: Vec<usize>,
    /// Normalized bad line -> implicit tips.
    implicit: HashMap<String, Vec<usize>>,
}

/// All tips of a library, compiled once per load.
impl LangIndex {
    /// The prefilter sets of this group, compiled on first use.
    fn sets(&self) -> &[(RegexSet, Vec<usize>)] {
        self.compiled.get_or_init(|| {
            let mut out = Vec::new();
            for chunk in self.line_tips.chunks(SET_CHUNK) {
                let pats: Vec<&str> = chunk.iter().map(|(_, p)| p.as_str()).collect();
                let tis: Vec<usize> = chunk.iter().map(|(ti, _)| *ti).collect();
                match regex::RegexSetBuilder::new(&pats)
                    .dfa_size_limit(DFA_CACHE)
                    .build()
                {
                    Ok(set) => out.push((set, tis)),
                    Err(e) => {
                        // Too big together: fall back to one set per pattern.
                        tracing::debug!(
                            "tip RegexSet chunk failed ({e}); compiling patterns one by one"
                        );
                        for (&ti, p) in tis.iter().zip(&pats) {
                            if let Ok(set) = RegexSet::new([p]) {
                                out.push((set, vec![ti]));
                            }
                        }
                    }
                }
            }
            out
        })
    }
}

#[derive(Debug, Default)]
pub struct TipIndex {
    tips: Vec<Tip>,
    /// Tips grouped by language list, each group compiled once.
    groups: Vec<LangIndex>,
    /// Language id (or `*`) -> the groups that apply to it.
    langs: HashMap<String, Vec<usize>>,
}

/// What to look for.
#[derive(Debug, Clone, Default)]
pub struct FindOptions<'a> {
    /// Severity overrides, off switches, implicit diagnostics. `None`: defaults.
    pub settings: Option<&'a TipSettings>,
    /// Only findings whose first line is in this 0-based range (hover); `None`: the whole text.
    pub lines: Option<Range<u32>>,
    /// Include implicit tips (hovers do; diagnostics only for skills that enable them).
    pub implicit: bool,
}

/// A tip raised at a place in a document.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// Index of the tip in the [`TipIndex`].
    pub tip: usize,
    pub skill: SkillId,
    pub skill_name: Arc<str>,
    /// `<skill>/<tip>`.
    pub id: Arc<str>,
    /// Byte range of the highlighted span (the `hit` group when present).
    pub range: Range<usize>,
    /// 0-based line of `range.start`.
    pub line: u32,
    pub message: Arc<str>,
    /// After settings overrides.
    pub severity: Severity,
    pub kind: TipKind,
    pub section: usize,
    /// Whether this finding should be published as a diagnostic (declared and not hover-only, or
    /// implicit for a skill listed in `tips.implicitDiagnostics`).
    pub diagnostic: bool,
    /// Why it is silenced; only ever set when [`FindExtra::keep_suppressed`] asked for them.
    pub suppressed: Option<Suppressed>,
    /// A structural tip's ast-grep `fix:` for this match (a regex tip's is expanded on demand,
    /// see [`fix::for_finding`]).
    pub fix: Option<fix::Fix>,
}

/// What silenced a finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Suppressed {
    /// A `skill-lsp: ignore` comment on this 0-based line.
    Ignore { line: u32 },
    /// Another tool's comment (the equivalent rule it names).
    Tool { rule: Arc<str> },
    /// The project's configuration of another tool (the rule and where it is turned off).
    Config { rule: Arc<str>, source: String },
}

/// What a search needs beyond [`FindOptions`]: the file's suppressions from other tools.
#[derive(Debug, Default)]
pub struct FindExtra<'a> {
    /// Other tools' configuration and file-wide comments for this file.
    pub rules: Option<&'a super::policy::FileRules>,
    /// Return silenced findings too (with [`Finding::suppressed`] set), for `check` statistics
    /// and unused-suppression reports.
    pub keep_suppressed: bool,
    /// Judge `not-test` tips in tests too (`check --no-policy`: what the policy leaves out).
    pub tests_too: bool,
}

/// What a search left out, so it can be said where the user looks (never silent).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Limits {
    /// Searched lines longer than [`LINE_CAP`] (0-based line, length in bytes), the first
    /// [`LONG_LINES_LISTED`]: only their first `LINE_CAP` bytes were checked.
    pub long_lines: Vec<(u32, usize)>,
    /// How many searched lines were longer than [`LINE_CAP`].
    pub long_line_count: usize,
    /// The search stopped at [`MAX_FINDINGS`].
    pub truncated: bool,
    /// The document was longer than [`DOC_CAP`]: its length; only the first `DOC_CAP` bytes
    /// (to a line start) were searched.
    pub doc_len: Option<usize>,
    /// The caller cancelled the search (a newer version arrived): the findings are partial.
    pub cancelled: bool,
}

impl Limits {
    /// Nothing was left out.
    pub fn is_complete(&self) -> bool {
        *self == Limits::default()
    }

    /// One sentence for a diagnostic or hover note; `None` when the search was complete (or
    /// only cancelled, which nobody publishes).
    pub fn note(&self) -> Option<String> {
        let mut parts = Vec::new();
        if self.long_line_count > 0 {
            let (l, len) = self.long_lines[0];
            parts.push(if self.long_line_count == 1 {
                format!(
                    "line {} is {len} bytes long: tips checked only its first {LINE_CAP} bytes",
                    l + 1
                )
            } else {
                format!(
                    "{} lines are longer than {LINE_CAP} bytes (the first is line {}, {len} \
                     bytes): tips checked only the first {LINE_CAP} bytes of each",
                    self.long_line_count,
                    l + 1
                )
            });
        }
        if let Some(n) = self.doc_len {
            parts.push(format!(
                "the file is {n} bytes: tips checked only its first {DOC_CAP} bytes"
            ));
        }
        if self.truncated {
            parts.push(format!(
                "the search stopped after {MAX_FINDINGS} findings (hovers still check their line)"
            ));
        }
        (!parts.is_empty()).then(|| format!("skill-lsp: {}", parts.join("; ")))
    }
}

/// Findings of one search and what it left out.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub findings: Vec<Finding>,
    pub limits: Limits,
    /// What a later search of an edited version needs to recompute only what the edit touched
    /// ([`TipIndex::find_incremental`]).
    pub memo: incremental::Memo,
}

impl TipIndex {
    /// Compile every declared and implicit tip of `skills`. Problems (bad regex, bad YAML in a
    /// trigger) are returned with the index of the skill they belong to.
    pub fn build(skills: &[Skill]) -> (TipIndex, Vec<(usize, Problem)>) {
        let owners: Vec<SkillId> = (0..skills.len()).collect();
        Self::build_owned(skills, &owners)
    }

    /// [`TipIndex::build`] where the tips of skill `i` are raised for, and named after,
    /// `skills[owners[i]]` (see [`Tip::owner`]).
    pub fn build_owned(skills: &[Skill], owners: &[SkillId]) -> (TipIndex, Vec<(usize, Problem)>) {
        let mut tips = Vec::new();
        let mut problems = Vec::new();
        let mut implicit_lines: Vec<(usize, Vec<String>)> = Vec::new();
        for (si, skill) in skills.iter().enumerate() {
            let owner = owners.get(si).copied().unwrap_or(si);
            let name: Arc<str> = Arc::from(skills[owner].name.as_str());
            let mut ids = HashSet::new();
            let mut annotated = false;
            for (sec_i, sec) in skill.sections.iter().enumerate() {
                for (line, raw) in &sec.comments {
                    let Some((decls, issues)) = trigger::parse(*line, raw) else {
                        continue;
                    };
                    annotated = true;
                    for is in issues {
                        problems.push((
                            si,
                            Problem {
                                path: skill.path.clone(),
                                line: is.line,
                                severity: is.severity,
                                code: is.code,
                                message: is.message,
                            },
                        ));
                    }
                    for d in decls {
                        if !ids.insert(d.id.clone()) {
                            problems.push((
                                si,
                                Problem {
                                    path: skill.path.clone(),
                                    line: d.line,
                                    severity: Severity::Error,
                                    code: "tip-duplicate-id",
                                    message: format!(
                                        "tip id `{}` is used twice in this skill",
                                        d.id
                                    ),
                                },
                            ));
                            continue;
                        }
                        let languages = d
                            .languages
                            .clone()
                            .unwrap_or_else(|| skill.languages.clone());
                        let rule = match &d.structural {
                            None => None,
                            Some(spec) => {
                                match structural_rule(&d.id, spec, &languages, skill.is_builtin()) {
                                    Ok(r) => Some(Arc::new(r)),
                                    Err(message) => {
                                        problems.push((
                                            si,
                                            Problem {
                                                path: skill.path.clone(),
                                                line: d.line,
                                                severity: Severity::Error,
                                                code: "tip-bad-rule",
                                                message: format!("tip `{}`: {message}", d.id),
                                            },
                                        ));
                                        continue;
                                    }
                                }
                            }
                        };
                        let ascii = trigger::ascii_boundaries(&d.pattern);
                        let mut context = d.context;
                        if !d.tests.unwrap_or(!security_skill(skill))
                            && !context.contains(&Context::NotTest)
                        {
                            context.push(Context::NotTest);
                        }
                        // `d.re` proved the pattern compiles; drop it and compile on first use.
                        let re = LazyRegex::new(d.re.as_str().to_string());
                        let matcher = if rule.is_some() && d.pattern.is_empty() {
                            Matcher::Structural
                        } else if d.span {
                            Matcher::Span {
                                pre: LazyRegex::new(ascii),
                                re,
                            }
                        } else {
                            Matcher::Line {
                                re,
                                ml: LazyRegex::new(format!("(?mR:{ascii})")),
                            }
                        };
                        tips.push(Tip {
                            skill: si,
                            owner,
                            skill_name: name.clone(),
                            section: sec_i,
                            id: Arc::from(format!("{name}/{}", d.id)),
                            message: Arc::from(d.message),
                            severity: d.severity,
                            kind: TipKind::Declared,
                            diagnostic: d.diagnostic,
                            line: d.line,
                            windowable: trigger::is_windowable(&d.pattern),
                            pattern: Some(d.pattern).filter(|p| !p.is_empty()),
                            languages,
                            matcher,
                            // Validated like `re`; compiled on first use (a Unicode-aware
                            // regex held compiled costs ~25 KB, most never run).
                            not: d.not.map(LazyRegex::from),
                            unless: d.unless.map(LazyRegex::from),
                            requires: d.requires.map(LazyRegex::from),
                            paths: d.paths,
                            path_globs: d.path_globs,
                            exclude: d.exclude,
                            context,
                            equivalents: d.equivalents.into_iter().map(Arc::from).collect(),
                            fix: d.fix,
                            structural: rule,
                            precision: d.precision,
                            measured: d.measured,
                            demoted: d.demoted,
                        });
                    }
                }
            }
            if annotated {
                continue;
            }
            for d in implicit::derive(skill) {
                let sec = &skill.sections[d.section];
                let slug = sec.anchor();
                let slug = if slug.is_empty() {
                    format!("section-{}", d.section)
                } else {
                    slug
                };
                tips.push(Tip {
                    skill: si,
                    owner,
                    skill_name: name.clone(),
                    section: d.section,
                    id: Arc::from(format!("{name}/{slug}")),
                    message: Arc::from(implicit_message(sec.title(), &sec.prose)),
                    severity: Severity::Hint,
                    kind: TipKind::Implicit,
                    diagnostic: true,
                    line: d.line,
                    pattern: None,
                    languages: d.languages,
                    matcher: Matcher::Implicit,
                    windowable: true,
                    not: None,
                    unless: None,
                    requires: None,
                    paths: None,
                    path_globs: Vec::new(),
                    exclude: None,
                    context: if security_skill(skill) {
                        vec![Context::Code, Context::NotTest]
                    } else {
                        vec![Context::Code]
                    },
                    equivalents: Vec::new(),
                    fix: None,
                    structural: None,
                    precision: None,
                    measured: None,
                    demoted: false,
                });
                // The normalized lines are indexed below, with the tip's index.
                implicit_lines.push((tips.len() - 1, d.lines));
            }
        }
        let mut index = TipIndex {
            tips,
            groups: Vec::new(),
            langs: HashMap::new(),
        };
        index.index(implicit_lines);
        (index, problems)
    }

    fn index(&mut self, implicit_lines: Vec<(usize, Vec<String>)>) {
        // Tips are grouped by their exact language list, and each group is compiled once: a
        // JavaScript tip for four language ids lives in one set, not four copies.
        let mut group_of: HashMap<Vec<String>, usize> = HashMap::new();
        let mut groups: Vec<LangIndex> = Vec::new();
        let mut line_pats: Vec<Vec<usize>> = Vec::new();
        let mut langs: HashMap<String, Vec<usize>> = HashMap::new();
        let mut group =
            |t: &Tip, groups: &mut Vec<LangIndex>, line_pats: &mut Vec<Vec<usize>>| -> usize {
                let mut key = if t.languages.is_empty() {
                    vec![ANY.to_string()]
                } else {
                    t.languages.clone()
                };
                key.sort();
                key.dedup();
                *group_of.entry(key.clone()).or_insert_with(|| {
                    groups.push(LangIndex::default());
                    line_pats.push(Vec::new());
                    let g = groups.len() - 1;
                    for k in key {
                        langs.entry(k).or_default().push(g);
                    }
                    g
                })
            };
        for (ti, t) in self.tips.iter().enumerate() {
            let g = group(t, &mut groups, &mut line_pats);
            match &t.matcher {
                Matcher::Line { .. } => line_pats[g].push(ti),
                Matcher::Span { .. } => groups[g].span.push(ti),
                Matcher::Implicit | Matcher::Structural => {}
            }
            if t.structural.is_some() {
                groups[g].structural.push(ti);
            }
        }
        for (ti, lines) in implicit_lines {
            let g = group(&self.tips[ti], &mut groups, &mut line_pats);
            let li = &mut groups[g];
            for l in &lines {
                let v = li.implicit.entry(l.clone()).or_default();
                if !v.contains(&ti) {
                    v.push(ti);
                }
            }
        }
        for (g, tis) in line_pats.into_iter().enumerate() {
            groups[g].line_tips = tis
                .into_iter()
                .map(|ti| match &self.tips[ti].matcher {
                    Matcher::Line { ml, .. } => (ti, ml.src.clone()),
                    _ => unreachable!("only line tips are in line_pats"),
                })
                .collect();
        }
        self.groups = groups;
        self.langs = langs;
    }

    /// Every compiled tip.
    pub fn tips(&self) -> &[Tip] {
        &self.tips
    }

    /// One tip by index (from [`Finding::tip`]).
    pub fn tip(&self, i: usize) -> &Tip {
        &self.tips[i]
    }

    /// Number of declared tips.
    pub fn declared_count(&self) -> usize {
        self.tips
            .iter()
            .filter(|t| t.kind == TipKind::Declared)
            .count()
    }

    /// Tips of the skills selected for `doc` (from [`crate::skills::select::select`]).
    pub fn find(
        &self,
        lib: &crate::skills::library::Library,
        matches: &[crate::skills::select::Match],
        doc: &crate::skills::select::DocumentInfo,
        opts: &FindOptions,
    ) -> Vec<Finding> {
        self.find_report(lib, matches, doc, opts, None).findings
    }

    /// [`TipIndex::find`] with what the search left out, stopping early (with
    /// [`Limits::cancelled`]) once `cancel` is set.
    pub fn find_report(
        &self,
        lib: &crate::skills::library::Library,
        matches: &[crate::skills::select::Match],
        doc: &crate::skills::select::DocumentInfo,
        opts: &FindOptions,
        cancel: Option<&AtomicBool>,
    ) -> Report {
        self.find_with_report(lib, matches, doc, opts, &FindExtra::default(), cancel)
    }

    /// [`TipIndex::find`] with other tools' suppressions and, on request, the silenced findings.
    pub fn find_with(
        &self,
        lib: &crate::skills::library::Library,
        matches: &[crate::skills::select::Match],
        doc: &crate::skills::select::DocumentInfo,
        opts: &FindOptions,
        extra: &FindExtra,
    ) -> Vec<Finding> {
        self.find_with_report(lib, matches, doc, opts, extra, None)
            .findings
    }

    /// [`TipIndex::find_with`] with what the search left out (see [`TipIndex::find_report`]).
    pub fn find_with_report(
        &self,
        lib: &crate::skills::library::Library,
        matches: &[crate::skills::select::Match],
        doc: &crate::skills::select::DocumentInfo,
        opts: &FindOptions,
        extra: &FindExtra,
        cancel: Option<&AtomicBool>,
    ) -> Report {
        let selected: Vec<SkillId> = matches.iter().map(|m| m.skill).collect();
        let rel = super::select::match_path(doc);
        self.find_in_report_with(
            lib.skills.len(),
            &selected,
            &Document {
                text: doc.text,
                language_id: doc.language_id,
                rel_path: rel.as_deref(),
            },
            opts,
            extra,
            cancel,
        )
    }

    /// The engine behind [`TipIndex::find`]: `selected` are skill ids out of `skill_count`.
    pub fn find_in(
        &self,
        skill_count: usize,
        selected: &[SkillId],
        doc: &Document,
        opts: &FindOptions,
    ) -> Vec<Finding> {
        self.find_in_report(skill_count, selected, doc, opts, None)
            .findings
    }

    /// [`TipIndex::find_in`] with what the search left out (see [`TipIndex::find_report`]).
    ///
    /// Linear in the text: every line is cut at [`LINE_CAP`], per-line checks (`not`, ignore
    /// comments) run once per tip and line however many hits the line has, and the search stops
    /// at [`MAX_FINDINGS`] or past [`DOC_CAP`] bytes.
    pub fn find_in_report(
        &self,
        skill_count: usize,
        selected: &[SkillId],
        doc: &Document,
        opts: &FindOptions,
        cancel: Option<&AtomicBool>,
    ) -> Report {
        self.find_in_report_with(
            skill_count,
            selected,
            doc,
            opts,
            &FindExtra::default(),
            cancel,
        )
    }

    /// [`TipIndex::find_in_report`] with the extras of [`TipIndex::find_with`].
    pub fn find_in_report_with(
        &self,
        skill_count: usize,
        selected: &[SkillId],
        doc: &Document,
        opts: &FindOptions,
        extra: &FindExtra,
        cancel: Option<&AtomicBool>,
    ) -> Report {
        let defaults;
        let settings = match opts.settings {
            Some(s) => s,
            None => {
                defaults = crate::settings::Settings::default().tips;
                &defaults
            }
        };
        if !settings.enabled || selected.is_empty() || self.tips.is_empty() {
            return Report::default();
        }
        let mut doc = *doc;
        let mut doc_len = None;
        if doc.text.len() > DOC_CAP {
            let mut cut = DOC_CAP;
            while !doc.text.is_char_boundary(cut) {
                cut -= 1;
            }
            let cut = doc.text[..cut].rfind('\n').map_or(cut, |i| i + 1);
            doc_len = Some(doc.text.len());
            doc.text = &doc.text[..cut];
        }
        let doc = &doc;
        let mut sel =
            vec![false; skill_count.max(selected.iter().copied().max().map_or(0, |m| m + 1))];
        for &s in selected {
            sel[s] = true;
        }
        let mut run = Run::new(self, doc, opts, settings, sel);
        run.cancel = cancel;
        run.extra = extra;
        self.run_groups(&mut run, doc.language_id);
        let mut limits = std::mem::take(&mut run.limits);
        limits.doc_len = doc_len;
        let memo = incremental::Memo::of(&run, opts.lines.is_none() && doc_len.is_none());
        let mut out = run.out;
        sort_findings(&mut out);
        Report {
            findings: out,
            limits,
            memo,
        }
    }

    /// Every group of tips for `lang`, in index order.
    fn run_groups<'a>(&'a self, run: &mut Run<'a>, lang: &str) {
        let mut groups: Vec<usize> = lang_keys(lang)
            .into_iter()
            .filter_map(|k| self.langs.get(k))
            .flatten()
            .copied()
            .collect();
        groups.sort_unstable();
        groups.dedup();
        for g in groups {
            if run.halted() {
                break;
            }
            run.lang(&self.groups[g]);
        }
    }

    /// Every full and short tip id: what a `skill-lsp: ignore` comment may name.
    pub fn ids(&self) -> HashSet<&str> {
        self.tips
            .iter()
            .flat_map(|t| [&*t.id, t.short_id()])
            .collect()
    }
}

/// The document as the engine needs it.
#[derive(Debug, Clone, Copy)]
pub struct Document<'a> {
    pub text: &'a str,
    pub language_id: &'a str,
    /// Path relative to the workspace root (`/` separators), for tip `paths`/`exclude` and test files.
    pub rel_path: Option<&'a str>,
}

/// Compile a structural tip's rule for the grammars of its languages.
/// A bundled skill's rules compile on first use (the tests compile every one); anyone else's now,
/// so a bad rule is a problem on its skill file as it loads.
fn structural_rule(
    id: &str,
    spec: &structural::Spec,
    languages: &[String],
    bundled: bool,
) -> Result<structural::Rule, String> {
    if languages.is_empty() {
        return Err(format!(
            "a structural tip needs `languages` (grammars: {})",
            structural::Grammar::names()
        ));
    }
    let (grammars, missing) = structural::grammars_for(languages);
    if !missing.is_empty() {
        return Err(format!(
            "no grammar for {} in this build (grammars: {}); use a regex `pattern` for it",
            missing.join(", "),
            structural::Grammar::names()
        ));
    }
    if bundled {
        return Ok(structural::lazy(id, spec, &grammars));
    }
    structural::compile(id, spec, &grammars)
}

/// Index keys to look in for a document language: itself, its base language, then any-language tips.
fn lang_keys(lang: &str) -> Vec<&str> {
    let mut v = vec![lang];
    v.extend_from_slice(super::languages::related(lang));
    v.push(ANY);
    v
}

/// Message of an implicit tip: the section's first sentence, else its title.
fn implicit_message(title: &str, prose: &str) -> String {
    let para = prose
        .split("\n\n")
        .map(str::trim)
        .find(|p| {
            !p.is_empty() && !p.starts_with("<!--") && !p.starts_with('|') && !p.starts_with('#')
        })
        .unwrap_or("");
    let flat = para.split_whitespace().collect::<Vec<_>>().join(" ");
    let sentence = match flat.find(". ") {
        Some(i) => &flat[..=i],
        None => flat.as_str(),
    };
    let mut s = if sentence.is_empty() {
        title.to_string()
    } else {
        sentence.to_string()
    };
    if s.chars().count() > 160 {
        s = s.chars().take(157).collect::<String>() + "...";
    }
    s
}

/// A `RegexSet` to use as a **prefilter** for `patterns` (say, skills' `content` regexes): word
/// boundaries made ASCII and a large lazy-DFA cache, so one pass over a big or non-ASCII file stays
/// on the DFA (with Unicode `\b` the set runs on the NFA for any file containing one non-ASCII
/// byte: seconds instead of milliseconds). It may report a pattern the exact regex would not match
/// (and, only when a `\b` sits next to a non-ASCII letter, rarely miss one): confirm each hit with
/// the exact `Regex` before acting on it.
pub fn prefilter_set<S: AsRef<str>>(patterns: &[S]) -> Result<RegexSet, regex::Error> {
    regex::RegexSetBuilder::new(
        patterns
            .iter()
            .map(|p| trigger::ascii_boundaries(p.as_ref())),
    )
    .dfa_size_limit(DFA_CACHE)
    .build()
}

/// The findings to publish as diagnostics, in document order, and how many were eligible.
///
/// At most `per_tip` of one tip (the first ones in the document), then at most `max` in all,
/// the louder severities kept first; 0 means no limit. Hover-only findings never count.
pub fn publishable(findings: &[Finding], max: usize, per_tip: usize) -> (Vec<&Finding>, usize) {
    let mut per: HashMap<&str, usize> = HashMap::new();
    let eligible: Vec<&Finding> = findings.iter().filter(|f| f.diagnostic).collect();
    let total = eligible.len();
    let mut shown: Vec<&Finding> = eligible
        .into_iter()
        .filter(|f| {
            let n = per.entry(&f.id).or_default();
            *n += 1;
            per_tip == 0 || *n <= per_tip
        })
        .collect();
    if max != 0 && shown.len() > max {
        // Stable: equal severities keep document order, so the first hits win.
        shown.sort_by_key(|f| std::cmp::Reverse(f.severity));
        shown.truncate(max);
        shown.sort_by_key(|f| (f.range.start, f.range.end));
    }
    (shown, total)
}

/// The tips covering byte `offset`, most specific first: declared before implicit, then the
/// shorter span, then the louder severity.
pub fn tips_at(findings: &[Finding], offset: usize) -> Vec<&Finding> {
    let mut v: Vec<&Finding> = findings
        .iter()
        .filter(|f| {
            f.range.start <= offset
                && (offset < f.range.end || (offset == f.range.end && f.range.is_empty()))
        })
        .collect();
    v.sort_by_key(|f| {
        (
            f.kind != TipKind::Declared,
            f.range.len(),
            std::cmp::Reverse(f.severity),
        )
    });
    v
}

/// Security skills' tips are about production code: by default not in tests.
fn security_skill(skill: &Skill) -> bool {
    skill.category.as_deref() == Some("security")
}

/// The ids of each `skill-lsp: ignore` comment on `line` (empty: a bare ignore, which silences
/// every tip), with the byte offset of the comment in the line.
pub fn ignore_comments(line: &str) -> Vec<(usize, Vec<&str>)> {
    let mut out = Vec::new();
    let mut rest = line;
    let mut base = 0;
    while let Some(i) = rest.find("skill-lsp: ignore") {
        let after = &rest[i + "skill-lsp: ignore".len()..];
        let at = base + i;
        base += i + "skill-lsp: ignore".len();
        if after.starts_with(|c: char| c.is_alphanumeric()) {
            rest = after;
            continue;
        }
        let ids: Vec<&str> = after
            .split(|c: char| c == ',' || c.is_whitespace())
            .map(str::trim)
            .take_while(|w| !w.starts_with("-->") && !w.starts_with("*/"))
            .filter(|w| !w.is_empty())
            .take_while(|w| {
                w.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '/' | '.'))
            })
            .collect();
        out.push((at, ids));
        rest = after;
    }
    out
}

/// Does a `skill-lsp: ignore [ids]` comment on `line` silence `tip`?
fn suppresses(line: &str, full_id: &str, short_id: &str) -> bool {
    let mut rest = line;
    while let Some(i) = rest.find("skill-lsp: ignore") {
        let after = &rest[i + "skill-lsp: ignore".len()..];
        if after.starts_with(|c: char| c.is_alphanumeric()) {
            rest = after;
            continue;
        }
        let ids: Vec<&str> = after
            .split(|c: char| c == ',' || c.is_whitespace())
            .map(str::trim)
            .take_while(|w| !w.starts_with("-->") && !w.starts_with("*/"))
            .filter(|w| !w.is_empty())
            .take_while(|w| {
                w.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '/' | '.'))
            })
            .collect();
        if ids.is_empty() || ids.iter().any(|w| *w == full_id || *w == short_id) {
            return true;
        }
        rest = after;
    }
    false
}

/// Severity after settings, and whether the finding is a diagnostic; `None` when turned off.
fn effective(tip: &Tip, s: &TipSettings) -> Option<(Severity, bool)> {
    let sev = match s
        .overrides
        .get(&*tip.id)
        .or_else(|| s.overrides.get(&*tip.skill_name))
    {
        Some(None) => return None,
        Some(Some(sev)) => *sev,
        None => s.severity.unwrap_or(tip.severity),
    };
    // A severity for the tip itself (not its skill) opts a demoted tip back into diagnostics.
    let opted_in = tip.demoted && matches!(s.overrides.get(&*tip.id), Some(Some(_)));
    let diag = (tip.diagnostic || opted_in)
        && (tip.kind == TipKind::Declared
            || s.implicit_diagnostics
                .iter()
                .any(|n| n == &*tip.skill_name || n == &*tip.id));
    Some((sev, diag))
}

/// One search over one document.
struct Run<'a> {
    index: &'a TipIndex,
    text: &'a str,
    lang: &'a str,
    rel_path: Option<&'a str>,
    opts: &'a FindOptions<'a>,
    settings: &'a TipSettings,
    selected: Vec<bool>,
    line_starts: Vec<usize>,
    /// Bytes of the text the lexer needs to see (the end of the last line of interest).
    limit: usize,
    regions: OnceLock<lexer::Regions>,
    scopes: OnceLock<lexer::Scopes>,
    /// The document's tree, parsed (or read from the cache) the first time a structural tip
    /// needs it; `None` inside: no grammar, too large, or no tree.
    tree: OnceLock<Option<Arc<structural::Parsed>>>,
    test_file: bool,
    file_ok: HashMap<usize, bool>,
    seen: HashSet<usize>,
    out: Vec<Finding>,
    /// `not` of a tip on a line, judged once however many hits the line has (a hit-dense long
    /// line made this quadratic).
    not_on_line: HashMap<(usize, usize), bool>,
    /// Lines holding an ignore comment (one pass over the text), and per tip and line whether
    /// it silences the tip.
    ignore_lines: HashSet<usize>,
    ignored: HashMap<(usize, usize), bool>,
    limits: Limits,
    cancel: Option<&'a AtomicBool>,
    extra: &'a FindExtra<'a>,
    /// An incremental search: only these lines (0-based, end exclusive) for line and implicit
    /// tips; structural rules only on nodes overlapping `swindow` (all when `None`); span tips
    /// everywhere.
    dirty: Option<Range<usize>>,
    swindow: Option<Range<usize>>,
    /// Structural findings raised: (tip, highlighted range, matched node).
    nodes: Vec<(usize, Range<usize>, Range<usize>)>,
}

impl<'a> Run<'a> {
    fn new(
        index: &'a TipIndex,
        doc: &Document<'a>,
        opts: &'a FindOptions<'a>,
        settings: &'a TipSettings,
        selected: Vec<bool>,
    ) -> Self {
        let text = doc.text;
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let limit = match &opts.lines {
            Some(r) => {
                let end = line_starts
                    .get(r.end as usize)
                    .copied()
                    .unwrap_or(text.len());
                // The lexer need not see past what tips check of the last line.
                let last = line_starts[(r.end as usize).clamp(1, line_starts.len()) - 1];
                let mut cap = end.min(last.saturating_add(LINE_CAP + 1)).min(text.len());
                while !text.is_char_boundary(cap) {
                    cap -= 1;
                }
                cap.max(last.min(end))
            }
            None => text.len(),
        };
        let first = match &opts.lines {
            Some(r) => (r.start as usize).min(line_starts.len()),
            None => 0,
        };
        let mut limits = Limits::default();
        for (l, &s) in line_starts.iter().enumerate().skip(first) {
            if s > limit || (s == limit && l > first) {
                break;
            }
            let e = line_starts.get(l + 1).map_or(text.len(), |&e| e - 1);
            let len = e.saturating_sub(s);
            if len > LINE_CAP {
                limits.long_line_count += 1;
                if limits.long_lines.len() < LONG_LINES_LISTED {
                    limits.long_lines.push((l as u32, len));
                }
            }
        }
        let ignore_lines = memchr::memmem::find_iter(&text.as_bytes()[..limit], IGNORE_MARK)
            .map(|i| line_starts.partition_point(|&s| s <= i).saturating_sub(1))
            .collect();
        Run {
            index,
            text,
            lang: doc.language_id,
            rel_path: doc.rel_path,
            opts,
            settings,
            selected,
            line_starts,
            limit,
            regions: OnceLock::new(),
            scopes: OnceLock::new(),
            tree: OnceLock::new(),
            test_file: doc.rel_path.is_some_and(lexer::is_test_path),
            file_ok: HashMap::new(),
            seen: HashSet::new(),
            out: Vec::new(),
            not_on_line: HashMap::new(),
            ignore_lines,
            ignored: HashMap::new(),
            limits,
            cancel: None,
            extra: &NO_EXTRA,
            dirty: None,
            swindow: None,
            nodes: Vec::new(),
        }
    }

    /// Stop searching: cancelled by the caller, or [`MAX_FINDINGS`] reached.
    fn halted(&mut self) -> bool {
        if !self.limits.cancelled && self.cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
            self.limits.cancelled = true;
        }
        self.limits.cancelled || self.limits.truncated
    }

    fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    fn line_of(&self, off: usize) -> usize {
        self.line_starts
            .partition_point(|&s| s <= off)
            .saturating_sub(1)
    }

    /// Line `l` without its line break, cut at [`LINE_CAP`] bytes (see [`Limits::long_lines`]).
    fn line(&self, l: usize) -> (usize, &'a str) {
        let s = self.line_starts[l];
        let mut e = self
            .line_starts
            .get(l + 1)
            .map_or(self.text.len(), |&e| e - 1)
            .max(s);
        if e - s > LINE_CAP {
            e = s + LINE_CAP;
            while !self.text.is_char_boundary(e) {
                e -= 1;
            }
            return (s, &self.text[s..e]);
        }
        let t = &self.text[s..e];
        (s, t.strip_suffix('\r').unwrap_or(t))
    }

    /// Is byte `off` of line `l` past what tips check of it ([`LINE_CAP`])?
    fn past_cap(&self, l: usize, off: usize) -> bool {
        off - self.line_starts[l] > LINE_CAP
    }

    fn regions(&self) -> &lexer::Regions {
        self.regions
            .get_or_init(|| match lexer::syntax_for(self.lang) {
                Some(syn) => lexer::lex(&self.text[..self.limit], syn),
                None => lexer::Regions::default(),
            })
    }

    fn scopes(&self) -> &lexer::Scopes {
        self.scopes
            .get_or_init(|| lexer::scopes(&self.text[..self.limit], self.lang, self.regions()))
    }

    fn tree(&self) -> Option<&Arc<structural::Parsed>> {
        self.tree
            .get_or_init(|| {
                let g = structural::Grammar::for_document(self.lang)?;
                // The path is only the cache's guess of which tree to start from: the cached
                // tree is reused or edited only after comparing its text with this one.
                structural::trees::parsed(self.rel_path, g, self.text)
            })
            .as_ref()
    }

    /// Does structural tip `ti` run on this document's tree (else its fallback regex runs)?
    /// Not where there is no grammar or tree, nor when the tree has a syntax error.
    fn tree_rules(&self, ti: usize) -> bool {
        let Some(rule) = &self.index.tips[ti].structural else {
            return false;
        };
        self.tree()
            .is_some_and(|t| !t.has_error && rule.for_grammar(t.grammar).is_some())
    }

    /// Structural tips of a group: every selected rule in one walk of the tree.
    fn structural(&mut self, li: &'a LangIndex) {
        let index = self.index;
        let mut want = Vec::new();
        for &ti in &li.structural {
            // One group per tip, each group visited once: no `seen` check (a fallback regex of
            // the same tip may have marked it already).
            if self.selected[index.tips[ti].skill] && self.file_ok(ti) {
                want.push(ti);
            }
        }
        if want.is_empty() {
            return;
        }
        let Some(tree) = self.tree().cloned() else {
            return;
        };
        let rules: Vec<(usize, &structural::Compiled, &str)> = want
            .iter()
            .filter_map(|&ti| {
                let t = &index.tips[ti];
                let c = t.structural.as_ref()?.for_grammar(tree.grammar)?;
                Some((ti, c, &*t.message))
            })
            .collect();
        let window = match &self.opts.lines {
            Some(r) => {
                let a = self.line_starts[(r.start as usize).min(self.line_count() - 1)];
                let b = self
                    .line_starts
                    .get(r.end as usize)
                    .copied()
                    .unwrap_or(self.text.len());
                Some(a..b)
            }
            None => self.swindow.clone(),
        };
        for h in structural::scan(&tree, &rules, window.clone()) {
            let t = &index.tips[h.rule];
            // With a syntax error somewhere, a tip with a fallback regex uses the regex.
            if tree.has_error && !matches!(t.matcher, Matcher::Structural) {
                continue;
            }
            if let Some(w) = &window
                && (h.node.end <= w.start || h.node.start >= w.end)
            {
                continue;
            }
            let l = self.line_of(h.range.start);
            if self.not_matches(h.rule, l) {
                continue;
            }
            let ok = t.context.iter().all(|c| match c {
                Context::Async => h.in_async,
                Context::NotAsync => !h.in_async,
                Context::NotTest => self.extra.tests_too || (!self.test_file && !h.in_test),
                // Where a match may sit is the rule's to say (`kind: comment`, `inside: …`).
                Context::Code | Context::Any | Context::Comment | Context::String => true,
            });
            if ok {
                let message = h.message.map(Arc::from);
                let at = self.out.len();
                self.emit(h.rule, h.range.clone(), l, message);
                if self.out.len() > at {
                    self.nodes.push((h.rule, h.range, h.node.clone()));
                }
                if let (Some((range, new, title)), Some(f)) = (h.fix, self.out.get_mut(at))
                    && let Some(old) = self.text.get(range.clone())
                {
                    f.fix = Some(fix::Fix {
                        old: old.to_string(),
                        range,
                        new,
                        title,
                    });
                }
            }
        }
    }

    /// The tree that judges comment/string/async/test context for regex tips (every grammar
    /// but JSON, see `structural::context::judges`); `None`: the lexer does.
    fn context_tree(&self) -> Option<&Arc<structural::Parsed>> {
        let g = structural::Grammar::for_document(self.lang)?;
        if !structural::context::judges(g) {
            return None;
        }
        self.tree()
    }

    fn class_at(&self, pos: usize) -> lexer::Class {
        match self.context_tree() {
            Some(t) => structural::context::class_at(t, pos),
            None => self.regions().class_at(pos),
        }
    }

    fn is_async(&self, pos: usize) -> bool {
        match self.context_tree() {
            Some(t) => {
                structural::context::in_async(&structural::context::node_at(t, pos), t.grammar)
            }
            None => self.scopes().flags_at(pos) & lexer::ASYNC != 0,
        }
    }

    /// In a test scope: a test file, or a test function/module marked as one.
    fn in_test(&self, pos: usize) -> bool {
        self.test_file
            || match self.context_tree() {
                Some(t) => {
                    structural::context::in_test(&structural::context::node_at(t, pos), t.grammar)
                }
                None => self.scopes().flags_at(pos) & lexer::TEST != 0,
            }
    }

    fn lang(&mut self, li: &'a LangIndex) {
        let index = self.index;
        // Line triggers.
        let only = match (&self.opts.lines, &self.dirty) {
            (Some(r), _) => Some(r.start as usize..r.end as usize),
            (None, d) => d.clone(),
        };
        if let Some(r) = only {
            let end = r.end.min(self.line_count());
            for l in r.start.min(end)..end {
                let (_, line) = self.line(l);
                for (set, map) in li.sets() {
                    for pi in set.matches(line).iter() {
                        let ti = map[pi];
                        if self.selected[index.tips[ti].owner] && !self.halted() {
                            self.line_tip(ti, l);
                        }
                    }
                }
            }
        } else {
            for (set, map) in li.sets() {
                for pi in set.matches(self.text).iter() {
                    let ti = map[pi];
                    if self.selected[index.tips[ti].owner] && !self.halted() && self.seen.insert(ti)
                    {
                        self.scan_line_tip(ti);
                    }
                }
            }
        }
        // Span triggers.
        for &ti in &li.span {
            if !self.selected[index.tips[ti].owner] || self.halted() || !self.seen.insert(ti) {
                continue;
            }
            let Matcher::Span { re, pre } = &index.tips[ti].matcher else {
                continue;
            };
            let Some(re) = re.get() else { continue };
            // For a few lines (hover), search a window around them unless the pattern needs the
            // whole text (`\A`, `\z`, or `^`/`$` without `(?m)`); windows start at a line start,
            // so `^` and `\b` behave as in the whole text.
            let (base, hay) = match &self.opts.lines {
                Some(r) if index.tips[ti].windowable => {
                    let a = self.line_starts[(r.start as usize)
                        .saturating_sub(SPAN_WINDOW)
                        .min(self.line_count() - 1)];
                    let b = self
                        .line_starts
                        .get(r.end as usize + SPAN_WINDOW)
                        .copied()
                        .unwrap_or(self.text.len());
                    (a, &self.text[a..b.max(a)])
                }
                _ => (0, self.text),
            };
            if !hay.is_ascii() && pre.get().is_some_and(|p| !p.is_match(hay)) {
                continue;
            }
            for caps in re.captures_iter(hay) {
                if self.halted() {
                    break;
                }
                let m = caps.name("hit").or_else(|| caps.get(0)).expect("group 0");
                if m.is_empty() {
                    continue;
                }
                let range = base + m.start()..base + m.end();
                let first = self.line_of(range.start);
                if self.past_cap(first, range.start) {
                    continue;
                }
                let last = self.line_of(range.end.saturating_sub(1).max(range.start));
                if let Some(r) = &self.opts.lines
                    && ((last as u32) < r.start || first as u32 >= r.end)
                {
                    continue;
                }
                self.accept(ti, range, first);
            }
        }
        if !li.structural.is_empty() {
            self.structural(li);
        }
        // Implicit tips.
        if self.opts.implicit && !li.implicit.is_empty() {
            let (from, to) = match (&self.opts.lines, &self.dirty) {
                (Some(r), _) => (
                    (r.start as usize).min(self.line_count()),
                    (r.end as usize).min(self.line_count()),
                ),
                (None, Some(d)) => (d.start.min(self.line_count()), d.end.min(self.line_count())),
                (None, None) => (0, self.line_count()),
            };
            let mut buf = String::new();
            for l in from..to {
                if self.halted() {
                    break;
                }
                let (start, line) = self.line(l);
                if implicit::normalize_into(line, &mut buf) < implicit::MIN_TOKENS {
                    continue;
                }
                let Some(tis) = li.implicit.get(&buf) else {
                    continue;
                };
                let a = line.len() - line.trim_start().len();
                let b = line.trim_end().len();
                for &ti in tis {
                    if self.selected[index.tips[ti].owner] {
                        self.accept(ti, start + a..start + b, l);
                    }
                }
            }
        }
    }

    /// Whole text: find the lines where a line tip matches, then run it on each such line.
    fn scan_line_tip(&mut self, ti: usize) {
        let Matcher::Line { ml, .. } = &self.index.tips[ti].matcher else {
            return;
        };
        let Some(ml) = ml.get() else { return };
        let mut pos = 0;
        while pos <= self.text.len() && !self.halted() {
            let Some(m) = ml.find_at(self.text, pos) else {
                break;
            };
            let l = self.line_of(m.start());
            self.line_tip(ti, l);
            match self.line_starts.get(l + 1) {
                Some(&next) => pos = next,
                None => break,
            }
        }
    }

    fn line_tip(&mut self, ti: usize, l: usize) {
        let Matcher::Line { re, .. } = &self.index.tips[ti].matcher else {
            return;
        };
        let Some(re) = re.get() else { return };
        let (start, line) = self.line(l);
        for caps in re.captures_iter(line) {
            if self.halted() {
                break;
            }
            let m = caps.name("hit").or_else(|| caps.get(0)).expect("group 0");
            // Highlight from the first non-blank character (`^\s*except` should not underline indentation).
            let lead = m.as_str().len() - m.as_str().trim_start().len();
            if m.as_str().trim().is_empty() {
                continue;
            }
            self.accept(ti, start + m.start() + lead..start + m.end(), l);
        }
    }

    fn file_ok(&mut self, ti: usize) -> bool {
        if let Some(&ok) = self.file_ok.get(&ti) {
            return ok;
        }
        let t = &self.index.tips[ti];
        let path_ok = |g: &Option<GlobSet>, want: bool| match g {
            None => true,
            Some(g) => self.rel_path.is_some_and(|p| g.is_match(p)) == want,
        };
        let ok = path_ok(&t.paths, true)
            && (t.exclude.is_none() || path_ok(&t.exclude, false))
            && t.unless.as_ref().is_none_or(|re| !re.is_match(self.text))
            && t.requires.as_ref().is_none_or(|re| re.is_match(self.text));
        self.file_ok.insert(ti, ok);
        ok
    }

    /// Does the tip's `not` match line `l`? Once per tip and line.
    fn not_matches(&mut self, ti: usize, l: usize) -> bool {
        let Some(not) = &self.index.tips[ti].not else {
            return false;
        };
        if let Some(&hit) = self.not_on_line.get(&(ti, l)) {
            return hit;
        }
        let hit = not.is_match(self.line(l).1);
        self.not_on_line.insert((ti, l), hit);
        hit
    }

    /// Does an ignore comment on line `l` or the one before silence the tip? Once per tip and line.
    fn ignored(&mut self, ti: usize, l: usize) -> bool {
        let here = self.ignore_lines.contains(&l);
        let above = l > 0 && self.ignore_lines.contains(&(l - 1));
        if !here && !above {
            return false;
        }
        if let Some(&hit) = self.ignored.get(&(ti, l)) {
            return hit;
        }
        let t = &self.index.tips[ti];
        let short = t.short_id();
        let hit = (here && suppresses(self.line(l).1, &t.id, short))
            || (above && suppresses(self.line(l - 1).1, &t.id, short));
        self.ignored.insert((ti, l), hit);
        hit
    }

    fn accept(&mut self, ti: usize, range: Range<usize>, l: usize) {
        // Callers only pass lines of interest (span tips: overlapping the requested lines).
        if !self.file_ok(ti) || self.not_matches(ti, l) {
            return;
        }
        if self.out.len() >= MAX_FINDINGS {
            self.limits.truncated = true;
            return;
        }
        // A structural tip's regex is its fallback: not where its rule runs on the tree.
        if self.index.tips[ti].structural.is_some() && self.tree_rules(ti) {
            return;
        }
        let t = &self.index.tips[ti];
        // Context is judged at the first non-blank byte of the span.
        let pos = self.text[range.clone()]
            .find(|c: char| !c.is_whitespace())
            .map_or(range.start, |p| range.start + p);
        if pos >= self.limit && self.opts.lines.is_some() {
            // A span reaching past the lexed prefix: judge it at its start, which is inside.
            return;
        }
        for c in &t.context {
            let ok = match c {
                Context::Any => true,
                Context::Code => self.class_at(pos) == lexer::Class::Code,
                Context::Comment => self.class_at(pos) == lexer::Class::Comment,
                Context::String => self.class_at(pos) == lexer::Class::String,
                Context::Async => self.is_async(pos),
                Context::NotAsync => !self.is_async(pos),
                Context::NotTest => self.extra.tests_too || !self.in_test(pos),
            };
            if !ok {
                return;
            }
        }
        self.emit(ti, range, l, None);
    }

    /// Raise tip `ti` at `range` (on line `l`) unless a comment suppresses it or settings turn
    /// it off; `message` replaces the tip's (a structural rule's `$VAR`s filled in).
    fn emit(&mut self, ti: usize, range: Range<usize>, l: usize, message: Option<Arc<str>>) {
        if self.out.len() >= MAX_FINDINGS {
            self.limits.truncated = true;
            return;
        }
        let suppressed = if self.ignored(ti, l) {
            let t = &self.index.tips[ti];
            let here =
                self.ignore_lines.contains(&l) && suppresses(self.line(l).1, &t.id, t.short_id());
            Some(Suppressed::Ignore {
                line: (if here { l } else { l - 1 }) as u32,
            })
        } else {
            self.other_tools(ti, l)
        };
        if suppressed.is_some() && !self.extra.keep_suppressed {
            return;
        }
        let t = &self.index.tips[ti];
        let Some((severity, diagnostic)) = effective(t, self.settings) else {
            return;
        };
        self.out.push(Finding {
            tip: ti,
            skill: t.skill,
            skill_name: t.skill_name.clone(),
            id: t.id.clone(),
            line: self.line_of(range.start) as u32,
            range,
            message: message.unwrap_or_else(|| t.message.clone()),
            severity,
            kind: t.kind,
            section: t.section,
            diagnostic,
            suppressed,
            fix: None,
        });
    }

    /// Silenced by another tool's comment or configuration, for a tip with `equivalents`.
    fn other_tools(&self, ti: usize, l: usize) -> Option<Suppressed> {
        let t = &self.index.tips[ti];
        if t.equivalents.is_empty() {
            return None;
        }
        let line = self.line(l).1;
        let prev = (l > 0).then(|| self.line(l - 1).1);
        for e in &t.equivalents {
            if super::policy::comments::line_silences(e, line, prev)
                || self.extra.rules.is_some_and(|r| r.region_off(e, l as u32))
            {
                return Some(Suppressed::Tool { rule: e.clone() });
            }
            if let Some(source) = self.extra.rules.and_then(|r| r.config_off(e)) {
                return Some(Suppressed::Config {
                    rule: e.clone(),
                    source: source.to_string(),
                });
            }
        }
        None
    }
}

/// Document order, declared before implicit, then the shorter span, the louder severity; one
/// finding per tip and range.
fn sort_findings(out: &mut Vec<Finding>) {
    out.sort_by(|a, b| {
        (
            a.line,
            a.range.start,
            a.kind != TipKind::Declared,
            a.range.len(),
            std::cmp::Reverse(a.severity),
            &a.id,
        )
            .cmp(&(
                b.line,
                b.range.start,
                b.kind != TipKind::Declared,
                b.range.len(),
                std::cmp::Reverse(b.severity),
                &b.id,
            ))
    });
    out.dedup_by(|a, b| a.tip == b.tip && a.range == b.range);
}

static NO_EXTRA: FindExtra<'static> = FindExtra {
    rules: None,
    keep_suppressed: false,
    tests_too: false,
};

#[cfg(test)]
mod tests;

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
mod run;
pub mod structural;
pub mod trigger;

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, OnceLock};

use globset::GlobSet;
use regex::{Regex, RegexSet};

use super::model::{Problem, Severity, Skill, SkillId};
use crate::settings::TipSettings;
use run::{Run, sort_findings};
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
) -> Result<structural::Rule, structural::RuleError> {
    if languages.is_empty() {
        return Err(structural::RuleError::NoLanguages);
    }
    let (grammars, missing) = structural::grammars_for(languages);
    if !missing.is_empty() {
        return Err(structural::RuleError::NoGrammar(missing));
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

#[cfg(test)]
mod tests;

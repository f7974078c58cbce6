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
//!
//! Here: the compiled tips and the index's types and searches; `build` compiles the index,
//! `run` is one search over a document, `publish` caps and silences what a search found.

mod build;
pub mod fix;
pub mod implicit;
pub mod incremental;
pub mod lexer;
mod publish;
mod run;
pub mod structural;
pub mod trigger;

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, OnceLock};

use regex::{Regex, RegexSet};

use super::model::{Problem, Severity, Skill, SkillId};
use crate::skills::regexes::DFA_CACHE;
use crate::skills::tip_policy::TipPolicy;
use publish::{effective, suppresses};
pub use publish::{ignore_comments, publishable, tips_at};
use run::{Run, sort_findings};
pub use trigger::Context;

/// Patterns per `RegexSet`: keeps each automaton small enough for the lazy DFA.
const SET_CHUNK: usize = 128;
/// Lines around the requested ones searched by span triggers when only a few lines are wanted.
const SPAN_WINDOW: usize = 200;
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
    // Boxed: few tips have these, and held inline they were most of a tip's 768 bytes.
    not: Option<Box<LazyRegex>>,
    unless: Option<Box<LazyRegex>>,
    requires: Option<Box<LazyRegex>>,
    paths: Option<Box<trigger::LazyGlobs>>,
    /// The tip's own `paths` as written (see `Trigger::path_globs`).
    pub path_globs: Vec<String>,
    exclude: Option<Box<trigger::LazyGlobs>>,
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
    pub settings: Option<&'a TipPolicy>,
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

    /// The engine behind [`crate::skills::library::Library::find_tips`]: `selected` are skill ids out of `skill_count`.
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
                defaults = TipPolicy::default();
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
        self.compile_while_parsing(run, &groups);
        for g in groups {
            if run.halted() {
                break;
            }
            run.lang(&self.groups[g]);
        }
    }

    /// The first search of a language after a load compiles its line-tip sets and structural
    /// rules on first use (~20 ms for Python's bundled tips), and parses the document, as long
    /// again, which needs none of them: on two cores, one thread compiles while this one parses
    /// (`FIGURES=first cargo bench --bench figures` prints the first search against later ones).
    fn compile_while_parsing<'a>(&'a self, run: &Run<'a>, groups: &[usize]) {
        let Some(g) = structural::Grammar::for_document(run.lang) else {
            return;
        };
        if run.tree.get().is_some() || !structural::two_cores() {
            return;
        }
        let sets: Vec<&LangIndex> = groups
            .iter()
            .map(|&gi| &self.groups[gi])
            .filter(|li| !li.line_tips.is_empty() && li.compiled.get().is_none())
            .collect();
        let rules: Vec<&structural::Rule> = groups
            .iter()
            .flat_map(|&gi| &self.groups[gi].structural)
            .filter(|&&ti| run.selected[self.tips[ti].skill])
            .filter_map(|&ti| self.tips[ti].structural.as_deref())
            .filter(|r| r.cold(g))
            .collect();
        if sets.is_empty() && rules.is_empty() {
            return;
        }
        std::thread::scope(|s| {
            s.spawn(|| {
                for li in sets {
                    li.sets();
                }
                for r in rules {
                    r.for_grammar(g);
                }
            });
            run.tree();
        });
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

/// Index keys to look in for a document language: itself, its base language, then any-language tips.
fn lang_keys(lang: &str) -> Vec<&str> {
    let mut v = vec![lang];
    v.extend_from_slice(super::languages::related(lang));
    v.push(ANY);
    v
}

#[cfg(test)]
mod tests;

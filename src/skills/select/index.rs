//! The selection index of a library, built once per load: every skill's globs in one
//! `GlobIndex`, declared languages to skills, the description-word index, and every content
//! regex in one set, so that one selection touches only candidate skills.

use std::collections::HashMap;

use globset::{GlobSet, GlobSetBuilder};
use regex::Regex;

use crate::skills::regexes::PatternMatcher;

use super::specificity::{glob_specificity, name_language_bits};
use super::terms::index_words;
use crate::skills::globs;
use crate::skills::model::{Activation, Skill, SkillId};

/// Per-skill compiled conditions.
#[derive(Debug, Default)]
pub(super) struct Compiled {
    /// Required patterns: indices into `SelectIndex::content_set`, with the source of each and
    /// whether it reads as an import (strong evidence).
    pub(super) content: Vec<(std::sync::Arc<str>, usize, bool)>,
    /// Named signals: index into the skill's `signals` and into `content_set` (`NO_REGEX` for
    /// `dialect`).
    pub(super) signals: Vec<(usize, usize)>,
    pub(super) exclude: Option<GlobSet>,
    /// May its declared languages bring it in when its globs miss (`evidence::fallback_ok`)?
    pub(super) fallback: bool,
    /// How narrow the skill is (0-20): fewer declared languages, narrower.
    pub(super) specificity: u32,
    /// The declared languages, shared: every match that names one clones it.
    pub(super) languages: Vec<std::sync::Arc<str>>,
    /// `name_language_bits` of the skill's name.
    pub(super) name_bits: u16,
}

/// A signal without a regex (`dialect`).
pub(super) const NO_REGEX: usize = usize::MAX;

/// The compiled selection index of a library.
#[derive(Debug, Default)]
pub struct SelectIndex {
    pub(super) globs: globs::GlobIndex,
    /// Glob index entry -> owner, pattern, its precomputed specificity and whether it is
    /// explicit (`evidence::is_explicit`).
    pub(super) glob_owner: Vec<(SkillId, std::sync::Arc<str>, u32, bool)>,
    /// Declared language -> auto skills.
    pub(super) by_language: HashMap<String, Vec<SkillId>>,
    /// Declared language -> auto skills with globs that may apply by language alone.
    pub(super) fallback_by_language: HashMap<String, Vec<SkillId>>,
    /// Auto skills whose only conditions are content regexes, and every skill with named
    /// signals (a signal brings its skill in whatever else holds).
    pub(super) content_only: Vec<SkillId>,
    pub(super) always: Vec<SkillId>,
    pub(super) subtree: Vec<(SkillId, String)>,
    /// Model-decided skills by inferred language.
    pub(super) model_by_language: HashMap<String, Vec<SkillId>>,
    /// Word -> model-decided and generic (always-on, `**`) skills whose name, aliases or
    /// description mention it: one lookup per document term ranks them all.
    pub(super) words: HashMap<String, Vec<SkillId>>,
    pub(super) compiled: Vec<Compiled>,
    /// Every skill's content regexes in one set: one pass over the text per selection, instead
    /// of one per candidate (`(?m)^\s*import x` has no literal prefix to skip ahead with).
    pub(super) content_set: Option<PatternMatcher>,
    /// The exact (Unicode) patterns, compiled on first use, that confirm a prefilter hit.
    pub(super) content_exact: Vec<(String, std::sync::OnceLock<Option<Regex>>)>,
    /// Position of each skill in name order, for cheap deterministic tie-breaks.
    pub(super) name_rank: Vec<u32>,
    /// The inverse: rank -> skill.
    pub(super) by_rank: Vec<SkillId>,
}

impl SelectIndex {
    pub fn build(skills: &[Skill]) -> SelectIndex {
        let mut ix = SelectIndex::default();
        let mut gb = globs::GlobIndexBuilder::default();
        let mut content_patterns: Vec<String> = Vec::new();
        // Skills repeat each other's patterns (one library in several formats, the same
        // `imports` signal): each distinct pattern once in the set.
        let mut pattern_ids: HashMap<String, usize> = HashMap::new();
        // A pattern's id in the set; `None` when it does not compile (checked once per distinct
        // pattern, without building it: see `regexes::validate`).
        let mut intern = |p: &str| {
            if let Some(&i) = pattern_ids.get(p) {
                return Some(i);
            }
            crate::skills::regexes::validate(p).ok()?;
            content_patterns.push(p.to_string());
            pattern_ids.insert(p.to_string(), content_patterns.len() - 1);
            Some(content_patterns.len() - 1)
        };
        for (id, s) in skills.iter().enumerate() {
            let mut c = Compiled::default();
            for r in &s.content {
                if let Some(pi) = intern(r) {
                    let strong = crate::skills::evidence::content_words(r).starts_with("imports ");
                    c.content.push((r.as_str().into(), pi, strong));
                }
            }
            for (i, sig) in s.signals.iter().enumerate() {
                match crate::skills::signals::regex(sig) {
                    Some(r) => {
                        if let Some(pi) = intern(&r) {
                            c.signals.push((i, pi));
                        }
                    }
                    None => c.signals.push((i, NO_REGEX)),
                }
            }
            let declared = !s.languages_inferred && !s.languages.is_empty();
            c.languages = s.languages.iter().map(|l| l.as_str().into()).collect();
            c.name_bits = name_language_bits(&s.name);
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
                        let ci =
                            s.format == crate::skills::model::SourceFormat::CopilotInstructions;
                        if gb.add(g, ci).is_ok() {
                            ix.glob_owner.push((
                                id,
                                g.as_str().into(),
                                glob_specificity(g),
                                crate::skills::evidence::is_explicit(g),
                            ));
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
                            if crate::skills::evidence::fallback_ok(&s.globs, l) {
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
        ix.content_set = crate::skills::regexes::prefilter_matcher(&content_patterns).ok();
        ix.content_exact = content_patterns
            .into_iter()
            .map(|p| (p, std::sync::OnceLock::new()))
            .collect();
        let mut order: Vec<usize> = (0..skills.len()).collect();
        order.sort_by(|&a, &b| skills[a].name.cmp(&skills[b].name));
        ix.name_rank = vec![0; skills.len()];
        for (rank, &id) in order.iter().enumerate() {
            ix.name_rank[id] = rank as u32;
        }
        ix.by_rank = order;
        ix
    }
}

//! Selection: which skills apply to a document, ranked, each with the reasons why. Deterministic
//! and explainable. The index is built once per library load so that one selection touches only
//! candidate skills (one `GlobIndex` pass over every skill's globs, a language map, an inverted
//! index of description words). How the evidence found becomes a score and reasons is
//! `evidence`; named content signals are `signals`, SQL dialects `dialect`.

use std::path::Path;

use regex::Regex;

pub use super::document::{DocumentInfo, match_path, root_for};
use super::evidence::{self, Evidence, LangFit, Tier};
pub use super::evidence::{Match, Reason, Reasons};
use super::globs;
use super::languages;
use super::model::{Activation, Skill, SkillId};
use super::regexes::Matched;

mod acc;
mod fit;
mod index;
mod scratch;
mod specificity;
mod terms;

use acc::Acc;
use index::NO_REGEX;
pub use index::SelectIndex;
use scratch::ABSENT;
use specificity::{NAME_WORDS, name_fits_language};
use terms::doc_terms;

/// Applicable skills for a document, best first.
/// `ix` is the index built from `skills` ([`crate::skills::library::Library::select_skills`]
/// calls this with its own).
pub fn select(ix: &SelectIndex, skills: &[Skill], doc: &DocumentInfo) -> Vec<Match> {
    let rel = match_path(doc);
    let lang = doc.language_id;
    let langs: Vec<&str> = std::iter::once(lang)
        .chain(languages::related(lang).iter().copied())
        .collect();
    let n = skills.len();
    let name_row = NAME_WORDS.iter().position(|(l, _)| *l == lang);
    let mut scratch = scratch::take(n);
    let mut acc = Acc::new(std::mem::take(&mut scratch.pos), ix.always.len() + 16);

    // How well each model-decided or generic skill's words fit the document's terms.
    let (strong, weak) = doc_terms(doc, rel.as_deref());
    let fit = fit::TermFit::new(&ix.words, strong, weak, std::mem::take(&mut scratch.masks));
    // Ranks `github-actions` (globs `**/*`) above `a11y` (also `**/*`) for a workflow file.
    let generic_fit = |id: SkillId| {
        let (s, w) = fit.counts(id);
        (s * 20 + w * 10).min(100)
    };

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
                let file = skills[*id]
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
    const NO_GLOB: u32 = u32::MAX - 1;
    let mut best = std::mem::take(&mut scratch.best);
    let mut candidates = std::mem::take(&mut scratch.candidates);
    if let Some(rel) = rel.as_deref() {
        let mut hits = std::mem::take(&mut scratch.hits);
        ix.globs.matches(rel, &mut hits);
        for &i in &hits {
            let (id, _, spec, _) = &ix.glob_owner[i];
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
        hits.clear();
        scratch.hits = hits;
    }
    let mut content_hits: Option<Matched> = None;
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
    for &id in &candidates {
        let s = &skills[id];
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
        } else if let Some(l) = c.languages.iter().find(|l| &***l == lang) {
            Some((l, LangFit::Exact))
        } else {
            c.languages
                .iter()
                .find(|l| langs.contains(&&***l))
                .map(|l| (l, LangFit::Related))
        };
        let lang_ok = !declared || lang_fit.is_some();
        let mut hits_of = |i: usize| {
            let hits = content_hits.get_or_insert_with(|| match &ix.content_set {
                Some(set) => set.matches(head),
                None => Matched::none(0),
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
            Some((_, g, _, _)) if globs::is_everything(g) => {
                if lang_ok {
                    acc.merge(
                        id,
                        evidence::score(Tier::Description, 120 + generic_fit(id)),
                        smallvec::smallvec![Reason::Glob(g.clone())],
                    );
                }
                continue;
            }
            Some((_, g, spec, explicit)) if lang_ok => {
                let spec = spec + name_fits_language(&s.name, c.name_bits, name_row, lang);
                ev.glob = Some((g.clone(), spec, *explicit));
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
        if fit.any(id) {
            ev.fit = fit.counts(id);
            ev.fit_terms = fit.terms(id);
        }
        let (score, reasons) = ev.rank();
        acc.merge(id, score, reasons);
    }

    // Model-decided skills: rank by how well name + description fit the document.
    // Each candidate once: the skills the terms hit, then language matches not among them
    // (the order is free: ranking below is a total order).
    for &id in &candidates {
        best[id] = ABSENT;
    }
    scratch.best = best;
    candidates.clear();
    scratch.candidates = candidates;
    let mut lang_match = std::mem::take(&mut scratch.lang);
    let mut model: Vec<SkillId> = fit.touched().to_vec();
    for l in &langs {
        if let Some(ids) = ix.model_by_language.get(*l) {
            for &id in ids {
                if !lang_match[id] && !fit.any(id) {
                    model.push(id);
                }
                lang_match[id] = true;
            }
        }
    }
    for id in model {
        let s = &skills[id];
        if s.activation != Activation::ModelDecided {
            continue;
        }
        let matched = lang_match[id];
        let (strong_hits, weak_hits) = fit.counts(id);
        let mut score = strong_hits * 40 + weak_hits * 10;
        // A language match alone, or an import, or at least four path words.
        if score < 40 && !matched {
            continue;
        }
        let mut reasons = Reasons::new();
        if matched {
            score += 60;
            let l = ix.compiled[id]
                .languages
                .iter()
                .find(|l| langs.contains(&&***l))
                .cloned()
                .unwrap_or_else(|| "".into());
            reasons.push(Reason::Language {
                id: l,
                inferred: true,
            });
        }
        let terms = fit.terms(id);
        if !terms.is_empty() {
            reasons.push(Reason::Description(terms));
        }
        acc.merge(
            id,
            evidence::score(Tier::Description, score.min(350)),
            reasons,
        );
    }

    for l in &langs {
        for &id in ix.model_by_language.get(*l).into_iter().flatten() {
            lang_match[id] = false;
        }
    }
    scratch.lang = lang_match;
    scratch.masks = fit.into_masks();
    let (ranked, pos) = acc.into_ranked(&ix.name_rank, &ix.by_rank);
    scratch.pos = pos;
    scratch::give(scratch);
    ranked
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

/// The skills the settings turn on and off (`skills.enabled`, `skills.disabled`), as names or
/// aliases. The default turns nothing off.
#[derive(Debug, Clone, Copy, Default)]
pub struct SkillFilter<'a> {
    /// When set, only these skills are used.
    pub enabled: Option<&'a [String]>,
    /// Skills never used.
    pub disabled: &'a [String],
}

/// Drop the skills `filter` turns off.
pub fn retain_enabled(skills: &[Skill], v: &mut Vec<Match>, filter: SkillFilter) {
    if filter.enabled.is_none() && filter.disabled.is_empty() {
        return;
    }
    v.retain(|m| {
        let s = &skills[m.skill];
        let on = filter
            .enabled
            .is_none_or(|list| list.iter().any(|n| s.answers_to(n)));
        on && !filter.disabled.iter().any(|n| s.answers_to(n))
    });
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

#[cfg(test)]
mod tests;

//! Cheap relevance: identifier and keyword overlap between a section and the code, and the text
//! of a section as it goes into a prompt (tip blocks stripped).

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;

use super::fenced;
use crate::skills::model::Skill;

pub(super) static TIP_ID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?m)^\s*-?\s*id:\s*['\x22]?([a-z0-9][a-z0-9-]*)").unwrap());
pub(super) static HTML_COMMENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?s)<!--.*?-->\n?").unwrap());

/// Ids of the tips declared in a section.
pub(super) fn section_tip_ids(sec: &crate::skills::model::Section) -> Vec<String> {
    sec.comments
        .iter()
        .filter(|(_, c)| c.trim_start().starts_with("skill-lsp tip"))
        .flat_map(|(_, c)| {
            TIP_ID
                .captures_iter(c)
                .map(|m| m[1].to_string())
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The markdown of a skill's body (after frontmatter), without HTML comments.
pub(super) fn skill_body(skill: &Skill) -> String {
    let body: String = skill
        .text
        .split_inclusive('\n')
        .skip(skill.body_line as usize)
        .collect();
    crate::skills::markdown::collapse_blank_lines(HTML_COMMENT.replace_all(&body, "").trim(), false)
}

/// The markdown source of one section (its heading and body), without HTML comments.
pub(super) fn section_text(skill: &Skill, i: usize) -> String {
    let sec = &skill.sections[i];
    let raw: String = skill
        .text
        .split_inclusive('\n')
        .skip(sec.line_start as usize)
        .take(sec.line_end.saturating_sub(sec.line_start) as usize)
        .collect();
    if raw.trim().is_empty() && !sec.prose.is_empty() {
        // Text not available (a model built by hand): rebuild from the parsed parts.
        let mut s = format!(
            "{} {}\n\n{}\n",
            "#".repeat(sec.level.max(1) as usize),
            sec.title(),
            sec.prose
        );
        for b in &sec.code_blocks {
            s.push_str(&fenced(&b.code, b.lang.as_deref().unwrap_or("")));
        }
        return s;
    }
    // Removing comments leaves runs of blank lines; keep at most one (lines kept as written).
    crate::skills::markdown::collapse_blank_lines(HTML_COMMENT.replace_all(&raw, "").trim(), false)
}

pub(super) const STOPWORDS: &[&str] = &[
    "the", "and", "for", "with", "this", "that", "from", "are", "not", "use", "you", "your", "can",
    "will", "when", "into", "its", "has", "have", "but", "all", "any", "more", "than", "then",
    "also", "should", "must", "each", "one", "only", "which", "what", "was", "were", "been",
    "being", "there", "their", "they", "them", "these", "those", "how", "why", "does", "did",
    "out", "about", "over", "such", "like", "other", "some", "instead", "prefer", "avoid", "code",
];

pub(super) fn terms(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| w.len() >= 3 && w.len() <= 40 && !w.bytes().all(|b| b.is_ascii_digit()))
        .flat_map(|w| {
            let lower = w.to_lowercase();
            let mut out = vec![lower.clone()];
            if lower.contains('_') {
                out.extend(lower.split('_').filter(|p| p.len() >= 3).map(str::to_owned));
            }
            out
        })
        .filter(|w| !STOPWORDS.contains(&w.as_str()))
}

pub(super) fn add_terms(query: &mut HashMap<String, f64>, text: &str, weight: f64) {
    for t in terms(text) {
        let e = query.entry(t).or_insert(0.0);
        if *e < weight {
            *e = weight;
        }
    }
}

/// Overlap of a section's distinct terms with the query, damped for long sections.
pub(super) fn score_terms(query: &HashMap<String, f64>, text: &str) -> f64 {
    let set: HashSet<String> = terms(text).collect();
    if set.is_empty() {
        return 0.0;
    }
    let hit: f64 = set.iter().filter_map(|t| query.get(t)).sum();
    hit / (1.0 + set.len() as f64 / 40.0).sqrt()
}

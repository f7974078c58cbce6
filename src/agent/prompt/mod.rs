//! Prompt assembly (pure): the applicable skills' most relevant sections, the file's path and
//! language, the selection (or the enclosing block), nearby code, tip findings in range and the
//! instruction, fitted to a token budget (least relevant material dropped first) and redacted.
//!
//! Relevance is cheap on purpose: identifier and keyword overlap between a section (heading, prose
//! and code) and the target code, its surroundings and the instruction, plus a large bonus for
//! sections whose tips fire in the target. Tokens are estimated at ~4 characters each.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

mod ignore;
mod relevance;
mod templates;
#[cfg(test)]
mod tests;
mod text;

pub use ignore::check_not_ignored;
#[cfg(test)]
use ignore::is_ignored_with;
use relevance::*;
use templates::*;
use text::*;
pub use text::{enclosing_block, fenced};

use super::redact;
use crate::skills::model::Skill;

/// What the agent is asked to do.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Replace the selection with improved code (exactly one fenced block expected back).
    Rewrite,
    /// Explain the code in the light of the skills (markdown).
    Explain,
    /// Review the code against the skills (markdown findings).
    Review,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Rewrite => "rewrite",
            Mode::Explain => "explain",
            Mode::Review => "review",
        }
    }

    pub fn parse(s: &str) -> Option<Mode> {
        match s.trim().to_ascii_lowercase().as_str() {
            "rewrite" | "apply" | "fix" => Some(Mode::Rewrite),
            "explain" => Some(Mode::Explain),
            "review" => Some(Mode::Review),
            _ => None,
        }
    }
}

/// A tip raised in the target range (from the tips engine), given to the agent as a hint.
#[derive(Debug, Clone, PartialEq)]
pub struct TipFinding {
    /// Full tip id, `skill/tip`.
    pub tip_id: String,
    /// 0-based line in the document.
    pub line: u32,
    pub message: String,
}

/// Everything the prompt is built from.
#[derive(Debug, Clone)]
pub struct PromptInput<'a> {
    pub path: Option<&'a Path>,
    /// LSP language id (`python`), or empty.
    pub language: &'a str,
    pub text: &'a str,
    /// Byte range of the selection; an empty range is a cursor (the enclosing block is used).
    /// Ignored in review mode, which targets the whole file.
    pub selection: Range<usize>,
    /// Applicable skills, most relevant first.
    pub skills: Vec<&'a Skill>,
    /// Skills the user named (always get their best section in, when the budget allows).
    pub explicit: Vec<String>,
    pub findings: Vec<TipFinding>,
    pub instruction: Option<&'a str>,
    pub mode: Mode,
    /// `agent.contextTokens`.
    pub budget_tokens: u32,
}

/// An assembled prompt, ready to send.
#[derive(Debug, Clone, PartialEq)]
pub struct Prompt {
    pub mode: Mode,
    pub system: String,
    pub user: String,
    /// Byte range of the document the answer is about (and that a rewrite replaces).
    pub target: Range<usize>,
    /// The target text as it is in the document (not redacted).
    pub target_text: String,
    /// Skills whose material made it in, in prompt order.
    pub skills: Vec<String>,
    /// `skill › heading` of every section included.
    pub sections: Vec<String>,
    /// What the budget left out, most relevant first.
    pub dropped: Vec<String>,
    /// Estimated tokens of system + user.
    pub tokens: u32,
    /// Placeholders for redacted secrets (kept local, used to restore them in a rewrite).
    pub restore: Vec<(String, String)>,
}

/// Why no prompt could be built.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PromptError {
    #[error("{} is ignored by git (.gitignore, .git/info/exclude or core.excludesFile, symlinks resolved); skill-lsp does not send ignored files to an agent", .0.display())]
    Ignored(PathBuf),
    #[error(
        "the code to send needs about {tokens} tokens but `agent.contextTokens` is {budget}: select a smaller range or raise the budget"
    )]
    TooLarge { tokens: u32, budget: u32 },
    #[error("there is no code to send in the selected range")]
    Empty,
}

/// Cheap token estimate: about four characters per token (shared with the skill validator).
pub use crate::skills::tokens::estimate as estimate_tokens;

/// Builds the prompt. Pure: reads nothing but its input.
pub fn assemble(input: &PromptInput) -> Result<Prompt, PromptError> {
    let text = input.text;
    let target = match input.mode {
        Mode::Review if input.selection.is_empty() => 0..text.len(),
        _ if input.selection.is_empty() => {
            enclosing_block(text, input.selection.start.min(text.len()))
        }
        _ => clamp(text, input.selection.clone()),
    };
    let target_text = &text[target.clone()];
    if target_text.trim().is_empty() && input.mode != Mode::Review {
        return Err(PromptError::Empty);
    }
    let lang = input.language;
    let first_line = line_of(text, target.start);
    let last_line = first_line + target_text.trim_end_matches('\n').matches('\n').count() as u32;

    // Mandatory parts.
    let system = system_prompt(input.mode, lang);
    let mut head = String::new();
    head.push_str("# Task\n\n");
    head.push_str(task_text(input.mode));
    if let Some(instr) = input.instruction.map(str::trim).filter(|s| !s.is_empty()) {
        head.push_str("\n\nThe user's instruction: ");
        head.push_str(instr);
    }
    head.push_str("\n\n# File\n\n");
    match input.path {
        Some(p) => head.push_str(&format!("Path: `{}`", p.display())),
        None => head.push_str("Path: (unsaved)"),
    }
    if !lang.is_empty() {
        head.push_str(&format!(" (language: {lang})"));
    }
    head.push('\n');
    let findings: Vec<&TipFinding> = input
        .findings
        .iter()
        .filter(|f| f.line >= first_line && f.line <= last_line)
        .collect();
    let mut findings_text = String::new();
    if !findings.is_empty() {
        findings_text.push_str("# Tips raised in this code\n\n");
        for f in &findings {
            findings_text.push_str(&format!(
                "- line {}: `{}`: {}\n",
                f.line + 1,
                f.tip_id,
                f.message
            ));
        }
    }
    let target_label = match input.mode {
        Mode::Review if target.start == 0 && target.end == text.len() => {
            "The whole file".to_string()
        }
        Mode::Rewrite => format!(
            "Selected code (lines {}-{}): replace exactly this",
            first_line + 1,
            last_line + 1
        ),
        _ => format!("Selected code (lines {}-{})", first_line + 1, last_line + 1),
    };
    let target_part = format!("# {target_label}\n\n{}", fenced(target_text, lang));
    let mandatory = estimate_tokens(&system)
        + estimate_tokens(&head)
        + estimate_tokens(&findings_text)
        + estimate_tokens(&target_part);
    if mandatory > input.budget_tokens {
        return Err(PromptError::TooLarge {
            tokens: mandatory,
            budget: input.budget_tokens,
        });
    }
    let mut remaining = input.budget_tokens - mandatory;

    // Query for relevance: target and instruction weigh more than the surroundings.
    let before_start = line_start_n_before(text, target.start, NEARBY_LINES);
    let after_end = line_end_n_after(text, target.end, NEARBY_LINES);
    let before = &text[before_start..target.start];
    let after = &text[target.end..after_end];
    let mut query: HashMap<String, f64> = HashMap::new();
    add_terms(&mut query, before, 1.0);
    add_terms(&mut query, after, 1.0);
    add_terms(&mut query, target_text, 3.0);
    if let Some(i) = input.instruction {
        add_terms(&mut query, i, 3.0);
    }
    for f in &findings {
        add_terms(&mut query, &f.message, 2.0);
    }
    let firing: HashSet<&str> = findings.iter().map(|f| f.tip_id.as_str()).collect();

    // Candidate material.
    let mut parts: Vec<Part> = Vec::new();
    for (rank, skill) in input.skills.iter().enumerate() {
        let explicit = input.explicit.iter().any(|n| skill.answers_to(n));
        let rank_factor = 1.0 + 0.5 / (rank as f64 + 1.0);
        let body = skill_body(skill);
        let body_tokens = estimate_tokens(&body);
        let mut scored: Vec<(f64, bool, usize)> = Vec::new();
        if body_tokens <= SMALL_SKILL_TOKENS || skill.sections.is_empty() {
            let fires = firing
                .iter()
                .any(|t| t.split('/').next() == Some(skill.name.as_str()));
            let s = score_terms(&query, &format!("{} {}", skill.description, body)) * rank_factor;
            parts.push(Part::section(
                skill,
                usize::MAX,
                "(whole skill)".into(),
                body,
                s,
                fires,
                explicit,
                true,
            ));
            continue;
        }
        for (i, sec) in skill.sections.iter().enumerate() {
            let raw = section_text(skill, i);
            if raw.trim().is_empty() {
                continue;
            }
            let fires = section_tip_ids(sec)
                .iter()
                .any(|id| firing.contains(format!("{}/{}", skill.name, id).as_str()));
            let s = score_terms(&query, &format!("{} {}", sec.heading_path.join(" "), raw))
                * rank_factor;
            scored.push((s, fires, i));
            let title = if sec.heading_path.is_empty() {
                "(introduction)".to_string()
            } else {
                sec.heading_path.join(" › ")
            };
            parts.push(Part::section(
                skill, i, title, raw, s, fires, explicit, false,
            ));
        }
        // Each skill's best section ranks above the others' ordinary sections.
        if let Some(best) = scored
            .iter()
            .filter(|(s, _, _)| *s > 0.0)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|b| b.2)
            && let Some(p) = parts
                .iter_mut()
                .find(|p| p.skill == skill.name && p.section == best)
        {
            p.best = true;
        }
    }
    let max_score = parts
        .iter()
        .map(|p| p.score)
        .fold(0.0f64, f64::max)
        .max(1e-9);
    for p in &mut parts {
        let norm = 100.0 * p.score / max_score;
        p.priority = norm
            + if p.fires { 500.0 } else { 0.0 }
            + if p.explicit && (p.best || p.whole) {
                400.0
            } else {
                0.0
            }
            + if p.best || (p.whole && p.score > 0.0) {
                200.0
            } else {
                0.0
            };
    }
    // Weakly related sections are noise unless the skill was named or a tip fired: a section
    // must reach a fraction of the best one's relevance, and an unnamed skill brings at most a
    // few sections.
    parts.retain(|p| {
        p.fires || (p.explicit && p.score > 0.0) || 100.0 * p.score / max_score >= MIN_RELEVANCE
    });
    parts.sort_by(|a, b| b.priority.total_cmp(&a.priority));
    let mut per_skill: HashMap<String, usize> = HashMap::new();
    parts.retain(|p| {
        let n = per_skill.entry(p.skill.clone()).or_insert(0);
        *n += 1;
        p.fires || p.explicit || *n <= MAX_SECTIONS_PER_SKILL
    });

    // Fill the budget: sections in priority order, nearby code right after the best sections.
    let mut chosen: Vec<Part> = Vec::new();
    let mut dropped: Vec<String> = Vec::new();
    let mut nearby_before = String::new();
    let mut nearby_after = String::new();
    let mut nearby_done = false;
    for p in parts {
        if !nearby_done && p.priority < NEARBY_PRIORITY {
            nearby_done = true;
            (nearby_before, nearby_after) =
                fit_nearby(before, after, lang, &mut remaining, &mut dropped);
        }
        let cost = p.tokens + 8;
        if cost <= remaining {
            remaining -= cost;
            chosen.push(p);
        } else {
            dropped.push(format!("{} › {}", p.skill, p.title));
        }
    }
    if !nearby_done {
        (nearby_before, nearby_after) =
            fit_nearby(before, after, lang, &mut remaining, &mut dropped);
    }

    // Skills in the order given, sections in document order.
    let mut guidance = String::new();
    let mut skills_used = Vec::new();
    let mut sections_used = Vec::new();
    for skill in &input.skills {
        let mut mine: Vec<&Part> = chosen.iter().filter(|p| p.skill == skill.name).collect();
        if mine.is_empty() {
            continue;
        }
        mine.sort_by_key(|p| p.section);
        skills_used.push(skill.name.clone());
        guidance.push_str(&format!("## Skill `{}`", skill.name));
        if !skill.description.is_empty() {
            guidance.push_str(&format!(": {}", skill.description.trim()));
        }
        guidance.push_str("\n\n");
        for p in mine {
            sections_used.push(format!("{} › {}", p.skill, p.title));
            guidance.push_str(p.text.trim());
            guidance.push_str("\n\n");
        }
    }

    let mut user = head;
    if !guidance.is_empty() {
        user.push_str("\n# Guidance from skills\n\n");
        user.push_str(&guidance);
    }
    if !findings_text.is_empty() {
        user.push('\n');
        user.push_str(&findings_text);
    }
    if !nearby_before.is_empty() {
        user.push_str(&format!(
            "\n# Code before (context only, do not repeat)\n\n{nearby_before}"
        ));
    }
    user.push('\n');
    user.push_str(&target_part);
    if !nearby_after.is_empty() {
        user.push_str(&format!(
            "\n# Code after (context only, do not repeat)\n\n{nearby_after}"
        ));
    }
    let redacted = redact::redact_document(input.path, &user);
    let system = redact::redact_text(&system, false).text;
    let tokens = estimate_tokens(&system) + estimate_tokens(&redacted.text);
    Ok(Prompt {
        mode: input.mode,
        system,
        user: redacted.text,
        target: target.clone(),
        target_text: target_text.to_string(),
        skills: skills_used,
        sections: sections_used,
        dropped,
        tokens,
        restore: redacted.restore,
    })
}

impl Prompt {
    /// The request for the agent.
    pub fn request(&self, max_tokens: u32, temperature: f64) -> super::AgentRequest {
        super::AgentRequest {
            system: self.system.clone(),
            user: vec![self.user.clone()],
            model: None,
            max_tokens,
            temperature,
        }
    }

    /// The prompt as a markdown document ("Open the prompt"), to paste anywhere.
    pub fn to_markdown(&self) -> String {
        let mut s = String::new();
        s.push_str(&format!(
            "<!-- skill-lsp prompt ({}), about {} tokens; skills: {} -->\n\n",
            self.mode.as_str(),
            self.tokens,
            if self.skills.is_empty() {
                "none".to_string()
            } else {
                self.skills.join(", ")
            }
        ));
        s.push_str("# System\n\n");
        s.push_str(&self.system);
        s.push_str("\n\n---\n\n");
        s.push_str(&self.user);
        s
    }
}

const NEARBY_LINES: usize = 40;
/// Least relevance (percent of the best section's) for a section of an unnamed skill.
const MIN_RELEVANCE: f64 = 25.0;
/// Most sections of one unnamed skill without a firing tip.
const MAX_SECTIONS_PER_SKILL: usize = 3;
const NEARBY_PRIORITY: f64 = 300.0;
/// Skills this small are sent whole.
const SMALL_SKILL_TOKENS: u32 = 400;

struct Part {
    skill: String,
    section: usize,
    title: String,
    text: String,
    tokens: u32,
    score: f64,
    fires: bool,
    explicit: bool,
    best: bool,
    whole: bool,
    priority: f64,
}

impl Part {
    #[allow(clippy::too_many_arguments)]
    fn section(
        skill: &Skill,
        section: usize,
        title: String,
        text: String,
        score: f64,
        fires: bool,
        explicit: bool,
        whole: bool,
    ) -> Part {
        let tokens = estimate_tokens(&text);
        Part {
            skill: skill.name.clone(),
            section,
            title,
            text,
            tokens,
            score,
            fires,
            explicit,
            best: false,
            whole,
            priority: 0.0,
        }
    }
}

/// Nearby code, trimmed from the far ends until it fits.
fn fit_nearby(
    before: &str,
    after: &str,
    lang: &str,
    remaining: &mut u32,
    dropped: &mut Vec<String>,
) -> (String, String) {
    let mut b: Vec<&str> = before.lines().collect();
    let mut a: Vec<&str> = after.lines().collect();
    // `after` starts with the rest of the target's last line when the selection ends mid-line.
    let cost = |b: &[&str], a: &[&str]| -> u32 {
        let n: usize = b.iter().chain(a.iter()).map(|l| l.len() + 1).sum();
        (n as u32).div_ceil(4) + 24
    };
    let total = b.len() + a.len();
    while !(b.is_empty() && a.is_empty()) && cost(&b, &a) > *remaining {
        if b.len() >= a.len() {
            b.remove(0);
        } else {
            a.pop();
        }
    }
    if b.len() + a.len() < total {
        dropped.push(format!(
            "{} of {} nearby lines",
            total - b.len() - a.len(),
            total
        ));
    }
    if b.is_empty() && a.is_empty() {
        return (String::new(), String::new());
    }
    *remaining = remaining.saturating_sub(cost(&b, &a));
    let fb = if b.iter().all(|l| l.trim().is_empty()) {
        String::new()
    } else {
        fenced(&b.join("\n"), lang)
    };
    let fa = if a.iter().all(|l| l.trim().is_empty()) {
        String::new()
    } else {
        fenced(&a.join("\n"), lang)
    };
    (fb, fa)
}

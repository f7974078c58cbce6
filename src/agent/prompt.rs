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
use std::sync::LazyLock;

use regex::Regex;

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

/// Fails with [`PromptError::Ignored`] when `path` is ignored by git's rules: the `.gitignore`
/// files between it and its repository root (or `root`), `.git/info/exclude`, and the user's
/// global `core.excludesFile` (default `$XDG_CONFIG_HOME/git/ignore`). Symlinks are resolved
/// first: a link (even a tracked one) to an ignored file is refused, since its content is what
/// would be sent.
pub fn check_not_ignored(path: &Path, root: Option<&Path>) -> Result<(), PromptError> {
    let global = ignore::gitignore::gitconfig_excludes_path();
    if is_ignored_with(path, root, global.as_deref()) {
        Err(PromptError::Ignored(path.to_path_buf()))
    } else {
        Ok(())
    }
}

fn is_ignored_with(path: &Path, root: Option<&Path>, global: Option<&Path>) -> bool {
    if is_ignored(path, root, global) {
        return true;
    }
    // The target of a symlink (any link on the way), checked in its own repository.
    let Ok(real) = std::fs::canonicalize(path) else {
        return false;
    };
    if real == path {
        return false;
    }
    let real_root = root.and_then(|r| std::fs::canonicalize(r).ok());
    is_ignored(&real, real_root.as_deref(), global)
}

fn is_ignored(path: &Path, root: Option<&Path>, global: Option<&Path>) -> bool {
    use ignore::gitignore::GitignoreBuilder;
    let Some(parent) = path.parent() else {
        return false;
    };
    // The repository root: the nearest ancestor with `.git`, else the workspace root.
    let repo = parent
        .ancestors()
        .find(|d| d.join(".git").exists())
        .map(Path::to_path_buf);
    let top = repo
        .clone()
        .or_else(|| root.filter(|r| path.starts_with(r)).map(Path::to_path_buf));
    let Some(top) = top else { return false };
    // Git's order: the deepest .gitignore with an opinion wins, then .git/info/exclude, then
    // the global excludes file (matched from the repository root).
    let mut sources: Vec<(PathBuf, PathBuf)> = parent
        .ancestors()
        .take_while(|d| d.starts_with(&top))
        .map(|d| (d.to_path_buf(), d.join(".gitignore")))
        .collect();
    if repo.is_some() {
        sources.push((top.clone(), top.join(".git/info/exclude")));
    }
    if let Some(g) = global {
        sources.push((top.clone(), g.to_path_buf()));
    }
    for (dir, file) in sources {
        if !file.is_file() {
            continue;
        }
        let mut b = GitignoreBuilder::new(&dir);
        if b.add(&file).is_some() {
            continue;
        }
        let Ok(gi) = b.build() else { continue };
        let m = gi.matched_path_or_any_parents(path, false);
        if m.is_ignore() {
            return true;
        }
        if m.is_whitelist() {
            return false;
        }
    }
    false
}

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

fn system_prompt(mode: Mode, lang: &str) -> String {
    let lang = if lang.is_empty() {
        "the file's language"
    } else {
        lang
    };
    let common = "You are an expert software engineer. The user's editor sends you code together with guidance \
                  from skills (their team's or community best practices). Follow the guidance where it applies, \
                  and do not invent requirements it does not state.";
    match mode {
        Mode::Rewrite => format!(
            "{common}\n\nRewrite the selected code. Reply with exactly one fenced code block (```{lang}) that \
             contains the complete replacement for the selected code only: not the code before or after it. Keep \
             the indentation and the surrounding interfaces. Keep any `<redacted-secret-N>` placeholder exactly \
             as it is. No explanation outside the code block; put short notes in code comments only if needed."
        ),
        Mode::Explain => format!(
            "{common}\n\nExplain the selected code in the light of the guidance, in concise markdown: what it \
             does, what the guidance says about it (name the skill and section), and what to change if anything."
        ),
        Mode::Review => format!(
            "{common}\n\nReview the code against the guidance. Answer in markdown: a list of concrete findings, \
             each with the line number, the skill and section it comes from, why it matters, and a suggested fix \
             as a short code block. Say so plainly when the code already follows the guidance."
        ),
    }
}

fn task_text(mode: Mode) -> &'static str {
    match mode {
        Mode::Rewrite => {
            "Rewrite the selected code so it follows the guidance below. Answer with one fenced code block that replaces the selection."
        }
        Mode::Explain => "Explain the selected code using the guidance below.",
        Mode::Review => "Review the code using the guidance below.",
    }
}

/// A fenced block whose fence is longer than any backtick run inside.
pub fn fenced(code: &str, lang: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in code.chars() {
        if c == '`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    let fence = "`".repeat(longest.max(2) + 1);
    let body = code.strip_suffix('\n').unwrap_or(code);
    format!("{fence}{lang}\n{body}\n{fence}\n")
}

fn clamp(text: &str, r: Range<usize>) -> Range<usize> {
    let mut s = r.start.min(text.len());
    let mut e = r.end.min(text.len()).max(s);
    while !text.is_char_boundary(s) {
        s -= 1;
    }
    while !text.is_char_boundary(e) {
        e += 1;
    }
    s..e
}

/// 0-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> u32 {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count() as u32
}

fn line_start(text: &str, offset: usize) -> usize {
    text[..offset].rfind('\n').map(|i| i + 1).unwrap_or(0)
}

fn line_end(text: &str, offset: usize) -> usize {
    text[offset..]
        .find('\n')
        .map(|i| offset + i + 1)
        .unwrap_or(text.len())
}

fn line_start_n_before(text: &str, offset: usize, n: usize) -> usize {
    let mut start = line_start(text, offset);
    for _ in 0..n {
        if start == 0 {
            break;
        }
        start = line_start(text, start - 1);
    }
    start
}

fn line_end_n_after(text: &str, offset: usize, n: usize) -> usize {
    // When the target ends at a line start, the following lines are "after".
    let mut end = if offset == 0 || text.as_bytes().get(offset - 1) == Some(&b'\n') {
        offset
    } else {
        line_end(text, offset)
    };
    for _ in 0..n {
        if end >= text.len() {
            break;
        }
        end = line_end(text, end);
    }
    end
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

/// The block around a cursor, by indentation: the nearest line above with less indentation that
/// opens a block, down to where the indentation returns (plus a closing `}` / `end` line). Falls
/// back to the cursor's line for top-level code or huge blocks.
pub fn enclosing_block(text: &str, offset: usize) -> Range<usize> {
    let offset = clamp(text, offset..offset).start;
    let lines: Vec<(usize, &str)> = {
        let mut v = Vec::new();
        let mut pos = 0;
        for l in text.split_inclusive('\n') {
            v.push((pos, l));
            pos += l.len();
        }
        v
    };
    if lines.is_empty() {
        return 0..0;
    }
    let cur = (line_of(text, offset) as usize).min(lines.len() - 1);
    let blank = |i: usize| lines[i].1.trim().is_empty();
    let next_nonblank = |i: usize| (i + 1..lines.len()).find(|&j| !blank(j));
    // The header: this line if the next one is indented deeper, else the nearest shallower line above.
    let mut header = None;
    if !blank(cur)
        && let Some(n) = next_nonblank(cur)
        && indent_of(lines[n].1) > indent_of(lines[cur].1)
    {
        header = Some(cur);
    }
    if header.is_none() {
        let base = if blank(cur) {
            (0..cur)
                .rev()
                .find(|&j| !blank(j))
                .map(|j| indent_of(lines[j].1))
                .unwrap_or(0)
        } else {
            indent_of(lines[cur].1)
        };
        header = (0..cur)
            .rev()
            .find(|&j| !blank(j) && indent_of(lines[j].1) < base);
    }
    let Some(h) = header else {
        return lines[cur].0..lines[cur].0 + lines[cur].1.len();
    };
    let hi = indent_of(lines[h].1);
    let mut end = h;
    for (j, &(_, l)) in lines.iter().enumerate().skip(h + 1) {
        if l.trim().is_empty() {
            continue;
        }
        if indent_of(l) > hi {
            end = j;
            continue;
        }
        let t = l.trim_start();
        if indent_of(l) == hi
            && (t.starts_with('}')
                || t.starts_with(')')
                || t.starts_with(']')
                || t == "end"
                || t.starts_with("end ")
                || t.starts_with("fi")
                || t.starts_with("done")
                || t.starts_with("esac"))
        {
            end = j;
        }
        break;
    }
    if end - h > 400 {
        return lines[cur].0..lines[cur].0 + lines[cur].1.len();
    }
    lines[h].0..lines[end].0 + lines[end].1.len()
}

static TIP_ID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?m)^\s*-?\s*id:\s*['\x22]?([a-z0-9][a-z0-9-]*)").unwrap());
static HTML_COMMENT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?s)<!--.*?-->\n?").unwrap());

/// Ids of the tips declared in a section.
fn section_tip_ids(sec: &crate::skills::model::Section) -> Vec<String> {
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
fn skill_body(skill: &Skill) -> String {
    let body: String = skill
        .text
        .split_inclusive('\n')
        .skip(skill.body_line as usize)
        .collect();
    crate::skills::markdown::collapse_blank_lines(HTML_COMMENT.replace_all(&body, "").trim(), false)
}

/// The markdown source of one section (its heading and body), without HTML comments.
fn section_text(skill: &Skill, i: usize) -> String {
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

const STOPWORDS: &[&str] = &[
    "the", "and", "for", "with", "this", "that", "from", "are", "not", "use", "you", "your", "can",
    "will", "when", "into", "its", "has", "have", "but", "all", "any", "more", "than", "then",
    "also", "should", "must", "each", "one", "only", "which", "what", "was", "were", "been",
    "being", "there", "their", "they", "them", "these", "those", "how", "why", "does", "did",
    "out", "about", "over", "such", "like", "other", "some", "instead", "prefer", "avoid", "code",
];

fn terms(text: &str) -> impl Iterator<Item = String> + '_ {
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

fn add_terms(query: &mut HashMap<String, f64>, text: &str, weight: f64) {
    for t in terms(text) {
        let e = query.entry(t).or_insert(0.0);
        if *e < weight {
            *e = weight;
        }
    }
}

/// Overlap of a section's distinct terms with the query, damped for long sections.
fn score_terms(query: &HashMap<String, f64>, text: &str) -> f64 {
    let set: HashSet<String> = terms(text).collect();
    if set.is_empty() {
        return 0.0;
    }
    let hit: f64 = set.iter().filter_map(|t| query.get(t)).sum();
    hit / (1.0 + set.len() as f64 / 40.0).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::skills::model::{Activation, Origin, Section, SourceFormat};
    use std::sync::Arc;

    /// A skill built from markdown: `## ` headings become sections with the right line ranges.
    pub(crate) fn skill(name: &str, body: &str) -> Skill {
        let text = format!("---\nname: {name}\ndescription: about {name}\n---\n{body}");
        let lines: Vec<&str> = text.lines().collect();
        let mut sections = Vec::new();
        let mut starts: Vec<usize> = (4..lines.len())
            .filter(|&i| lines[i].starts_with('#'))
            .collect();
        starts.push(lines.len());
        for w in starts.windows(2) {
            let title = lines[w[0]].trim_start_matches('#').trim().to_string();
            let comments = (w[0]..w[1])
                .filter(|&i| lines[i].starts_with("<!-- skill-lsp tip"))
                .map(|i| {
                    (
                        i as u32,
                        lines[i]
                            .trim_start_matches("<!--")
                            .trim_end_matches("-->")
                            .trim()
                            .to_string(),
                    )
                })
                .collect();
            sections.push(Section {
                heading_path: vec![title],
                level: 2,
                line_start: w[0] as u32,
                line_end: w[1] as u32,
                prose: lines[w[0] + 1..w[1]].join("\n"),
                code_blocks: vec![],
                comments,
            });
        }
        Skill {
            name: name.into(),
            aliases: vec![],
            description: format!("about {name}"),
            category: None,
            format: SourceFormat::Seed,
            origin: Origin::Configured,
            path: PathBuf::from(format!("/skills/{name}.md")),
            activation: Activation::Auto,
            languages: vec!["python".into()],
            languages_inferred: false,
            globs: vec![],
            exclude: vec![],
            content: vec![],
            signals: vec![],
            body_line: 4,
            sections,
            extra: Default::default(),
            problems: vec![],
            text: Arc::from(text.as_str()),
            bodies: Default::default(),
        }
    }

    fn big_skill(name: &str, topics: &[(&str, &str)]) -> Skill {
        let mut body = String::new();
        for (title, words) in topics {
            body.push_str(&format!("## {title}\n\n"));
            for i in 0..30 {
                body.push_str(&format!(
                    "Line {i} of filler prose about {words} and general matters.\n"
                ));
            }
        }
        skill(name, &body)
    }

    fn input<'a>(text: &'a str, sel: Range<usize>, skills: Vec<&'a Skill>) -> PromptInput<'a> {
        PromptInput {
            path: Some(Path::new("/repo/app.py")),
            language: "python",
            text,
            selection: sel,
            skills,
            explicit: vec![],
            findings: vec![],
            instruction: None,
            mode: Mode::Rewrite,
            budget_tokens: 6000,
        }
    }

    #[test]
    fn relevant_section_wins_under_a_tight_budget() {
        let s = big_skill(
            "py",
            &[
                ("Logging setup", "logging handlers formatters"),
                ("Exceptions", "except exception raise traceback"),
                ("Packaging", "wheel setuptools pyproject def"),
            ],
        );
        let code = "def f():\n    try:\n        go()\n    except Exception:\n        pass\n";
        let mut inp = input(code, 0..code.len(), vec![&s]);
        inp.budget_tokens = 900;
        let p = assemble(&inp).unwrap();
        assert_eq!(
            p.sections,
            vec!["py › Exceptions".to_string()],
            "dropped: {:?}",
            p.dropped
        );
        assert!(
            p.dropped.iter().any(|d| d.contains("Packaging")),
            "weakly related section dropped for budget: {:?}",
            p.dropped
        );
        assert!(
            !p.dropped
                .iter()
                .chain(&p.sections)
                .any(|d| d.contains("Logging")),
            "unrelated sections are not candidates"
        );
        assert!(p.tokens <= 900, "{}", p.tokens);
        assert!(p.user.contains("except Exception:"));
    }

    #[test]
    fn firing_tip_section_beats_word_overlap() {
        let s = big_skill(
            "py",
            &[
                ("Printing", "print print print statements output"),
                ("Quiet", "nothing in common"),
            ],
        );
        let mut text = s.text.to_string();
        // Declare a tip in the "Quiet" section.
        text = text.replace(
            "## Quiet\n",
            "## Quiet\n<!-- skill-lsp tip id: quiet-one -->\n",
        );
        let s2 = skill(
            "py",
            text.split_once("---\n")
                .unwrap()
                .1
                .split_once("---\n")
                .unwrap()
                .1,
        );
        let code = "print(x)\nprint(y)\n";
        let mut inp = input(code, 0..code.len(), vec![&s2]);
        inp.budget_tokens = 800;
        inp.findings = vec![TipFinding {
            tip_id: "py/quiet-one".into(),
            line: 0,
            message: "be quiet".into(),
        }];
        let p = assemble(&inp).unwrap();
        assert_eq!(
            p.sections.first().map(String::as_str),
            Some("py › Quiet"),
            "{:?}",
            p.sections
        );
        assert!(p.user.contains("`py/quiet-one`: be quiet"));
    }

    #[test]
    fn small_skills_go_whole_and_secrets_are_redacted() {
        let s = skill("tiny", "## One\n\nUse requests with timeouts.\n");
        let code =
            "import requests\nAPI_KEY = \"sk-live-abcdefghijklmnopqrstu\"\nrequests.get(url)\n";
        let p = assemble(&input(code, 0..code.len(), vec![&s])).unwrap();
        assert_eq!(p.sections, vec!["tiny › (whole skill)".to_string()]);
        assert!(!p.user.contains("abcdefghijklmnop"), "{}", p.user);
        assert!(p.user.contains("<redacted-secret-1>"));
        assert_eq!(p.restore.len(), 1);
        // The target keeps the real text for the edit.
        assert!(p.target_text.contains("sk-live-abcdefghijklmnopqrstu"));
    }

    #[test]
    fn target_too_large_is_refused() {
        let code = "x = 1\n".repeat(4000);
        let mut inp = input(&code, 0..code.len(), vec![]);
        inp.budget_tokens = 1000;
        assert!(matches!(assemble(&inp), Err(PromptError::TooLarge { .. })));
    }

    #[test]
    fn cursor_uses_the_enclosing_block() {
        let code =
            "import os\n\ndef f(a):\n    if a:\n        return 1\n    return 2\n\nx = f(1)\n";
        let at = code.find("return 1").unwrap();
        let r = enclosing_block(code, at);
        assert_eq!(&code[r], "    if a:\n        return 1\n");
        let at = code.find("def f").unwrap();
        let r = enclosing_block(code, at);
        assert_eq!(
            &code[r],
            "def f(a):\n    if a:\n        return 1\n    return 2\n"
        );
        let js = "function g() {\n  let y = 1;\n  return y;\n}\n";
        let r = enclosing_block(js, js.find("let").unwrap());
        assert_eq!(&js[r], js);
        let r = enclosing_block(code, code.find("x = f").unwrap());
        assert_eq!(&code[r], "x = f(1)\n");
    }

    #[test]
    fn nearby_code_is_included_and_trimmed() {
        let mut code = String::new();
        for i in 0..200 {
            code.push_str(&format!("value_{i} = compute({i})\n"));
        }
        let start = code.find("value_100 ").unwrap();
        let end = code.find("value_101 ").unwrap();
        let p = assemble(&input(&code, start..end, vec![])).unwrap();
        assert!(p.user.contains("value_99 = compute(99)"));
        assert!(p.user.contains("value_102 = compute(102)"));
        assert!(
            !p.user.contains("value_10 = compute(10)\n"),
            "only nearby lines"
        );
        let mut inp = input(&code, start..end, vec![]);
        inp.budget_tokens = 420;
        let p = assemble(&inp).unwrap();
        assert!(
            p.user.contains("value_99 = compute(99)"),
            "closest lines kept"
        );
        assert!(!p.user.contains("value_61 = compute(61)"));
        assert!(p.dropped.iter().any(|d| d.contains("nearby lines")));
    }

    #[test]
    fn gitignored_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(".git")).unwrap();
        std::fs::write(dir.path().join(".gitignore"), "secrets/\n*.key\n").unwrap();
        std::fs::create_dir_all(dir.path().join("secrets")).unwrap();
        std::fs::create_dir_all(dir.path().join("src")).unwrap();
        std::fs::write(dir.path().join("src/.gitignore"), "!keep.key\n").unwrap();
        assert!(check_not_ignored(&dir.path().join("secrets/a.py"), None).is_err());
        assert!(check_not_ignored(&dir.path().join("b.key"), None).is_err());
        assert!(check_not_ignored(&dir.path().join("src/main.py"), None).is_ok());
        assert!(
            check_not_ignored(&dir.path().join("src/keep.key"), None).is_ok(),
            "deeper negation wins"
        );
        let e = check_not_ignored(&dir.path().join("b.key"), None).unwrap_err();
        assert!(e.to_string().contains(".gitignore"));
    }

    /// Every git ignore source counts: nested `.gitignore` (deepest wins, `!` re-includes),
    /// `.git/info/exclude`, the global excludes file; and a symlink (tracked or not) to an
    /// ignored file is refused, while a link to a file that is not ignored is fine.
    #[cfg(unix)]
    #[test]
    fn every_ignore_source_and_symlink_targets() {
        let dir = tempfile::tempdir().unwrap();
        let repo = dir.path().canonicalize().unwrap();
        let write = |rel: &str, text: &str| {
            let p = repo.join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        };
        write(".git/info/exclude", "local-only.txt\n");
        write("global-ignore", "*.secret\n");
        write("sub/.gitignore", "deep.txt\n!kept.secret\n");
        for f in [
            "a.py",
            "local-only.txt",
            "x.secret",
            "sub/deep.txt",
            "sub/kept.secret",
            "sub/ok.txt",
        ] {
            write(f, "content");
        }
        std::os::unix::fs::symlink(repo.join("x.secret"), repo.join("link.py")).unwrap();
        std::os::unix::fs::symlink(repo.join("sub/deep.txt"), repo.join("sub/link2.py")).unwrap();
        std::os::unix::fs::symlink(repo.join("a.py"), repo.join("fine.py")).unwrap();
        let global = repo.join("global-ignore");
        let ignored = |rel: &str| is_ignored_with(&repo.join(rel), None, Some(&global));
        assert!(!ignored("a.py"));
        assert!(ignored("local-only.txt"), ".git/info/exclude");
        assert!(ignored("x.secret"), "global excludes file");
        assert!(
            !is_ignored_with(&repo.join("x.secret"), None, None),
            "only through the global file"
        );
        assert!(ignored("sub/deep.txt"), "nested .gitignore");
        assert!(!ignored("sub/kept.secret"), "re-included deeper");
        assert!(!ignored("sub/ok.txt"));
        assert!(ignored("link.py"), "symlink to a globally ignored file");
        assert!(ignored("sub/link2.py"), "symlink to a nested-ignored file");
        assert!(!ignored("fine.py"), "symlink to a file that is not ignored");
    }

    #[test]
    fn fences_grow_past_backticks_in_code() {
        let f = fenced("a ``` b", "md");
        assert!(f.starts_with("````md\n"));
    }
}

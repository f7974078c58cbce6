//! Gathering what a prompt is built from: the skills (named, or the best applicable ones), the tip
//! findings in the target range, then [`prompt::assemble`]. Shared by the server's commands, the
//! agent hover and `skill-lsp ask`, so they all send the same thing.

use std::ops::Range;

use super::prompt::{self, Mode, Prompt, PromptError, PromptInput, TipFinding};
use crate::settings::Settings;
use crate::skills::library::Library;
use crate::skills::select::{DocumentInfo, Match};
use crate::skills::tips::FindOptions;

/// Skills whose material may go into a prompt when none is named.
pub const PROMPT_SKILLS: usize = 6;

/// What to ask about.
#[derive(Debug, Clone)]
pub struct Ask<'a> {
    /// Byte range of the target in `doc.text` (see [`target_for`]).
    pub target: Range<usize>,
    /// Skills named by the user (names or aliases); empty: the best applicable ones.
    pub skills: &'a [String],
    pub instruction: Option<&'a str>,
    pub mode: Mode,
    /// Token budget (`agent.contextTokens`, or less for hovers).
    pub budget: u32,
}

/// Why no prompt could be built for an [`Ask`].
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ContextError {
    /// Named skills the library does not hold (names or aliases, as given).
    #[error("unknown skill {}", .0.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", "))]
    UnknownSkills(Vec<String>),
    #[error(transparent)]
    Prompt(#[from] PromptError),
}

/// The byte range a request is about: the selection; a cursor's enclosing block; the whole file
/// for a review without a selection. `selection` is `None` when no range was given.
pub fn target_for(text: &str, selection: Option<Range<usize>>, mode: Mode) -> Range<usize> {
    match selection {
        None if mode == Mode::Review => 0..text.len(),
        None => 0..text.len(),
        Some(s) if s.is_empty() && mode == Mode::Review => 0..text.len(),
        Some(s) if s.is_empty() => prompt::enclosing_block(text, s.start),
        Some(s) => s,
    }
}

fn line_of(text: &str, offset: usize) -> u32 {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&c| c == b'\n')
        .count() as u32
}

/// Builds the prompt for `ask` over `doc`; the errors' texts are user-facing sentences.
pub fn build(
    lib: &Library,
    settings: &Settings,
    doc: &DocumentInfo,
    ask: &Ask,
) -> Result<Prompt, ContextError> {
    let text = doc.text;
    let selected = lib.select_skills_with(doc, settings.skills.filter());
    let unknown: Vec<String> = ask
        .skills
        .iter()
        .filter(|n| lib.find(n).is_none())
        .cloned()
        .collect();
    if !unknown.is_empty() {
        return Err(ContextError::UnknownSkills(unknown));
    }
    let target = ask.target.start.min(text.len())..ask.target.end.min(text.len());
    let first = line_of(text, target.start);
    let last = first
        + text[target.clone()]
            .trim_end_matches('\n')
            .matches('\n')
            .count() as u32;
    let named = lib.requested(ask.skills);
    let mut tip_skills = selected.clone();
    tip_skills.extend(named.iter().cloned());
    let opts = FindOptions {
        settings: Some(&settings.tips),
        lines: Some(first..last + 1),
        implicit: true,
    };
    let found = lib.find_tips(&tip_skills, doc, &opts);
    // Named skills only; else the skills whose tips fire in the target first, then the best
    // applicable ones.
    let chosen: Vec<Match> = if ask.skills.is_empty() {
        let mut v: Vec<Match> = Vec::new();
        for f in &found {
            if !v.iter().any(|m| m.skill == f.skill)
                && let Some(m) = selected.iter().find(|m| m.skill == f.skill)
            {
                v.push(m.clone());
            }
        }
        for m in &selected {
            if v.len() >= PROMPT_SKILLS {
                break;
            }
            if !v.iter().any(|x| x.skill == m.skill) {
                v.push(m.clone());
            }
        }
        v
    } else {
        named
    };
    let findings: Vec<TipFinding> = found
        .iter()
        .filter(|f| ask.skills.is_empty() || chosen.iter().any(|m| m.skill == f.skill))
        .map(|f| TipFinding {
            tip_id: f.id.to_string(),
            line: f.line,
            message: f.message.to_string(),
        })
        .collect();
    // Skills read from files dropped their section bodies after indexing: read them again.
    let hydrated: Vec<_> = chosen.iter().map(|m| lib.hydrated(m.skill)).collect();
    let input = PromptInput {
        path: doc.path,
        language: doc.language_id,
        text,
        selection: target,
        skills: hydrated.iter().map(|s| s.as_ref()).collect(),
        explicit: ask.skills.to_vec(),
        findings,
        instruction: ask.instruction,
        mode: ask.mode,
        budget_tokens: ask.budget,
    };
    Ok(prompt::assemble(&input)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::{Path, PathBuf};

    #[test]
    fn skills_whose_tips_fire_are_always_in_the_prompt() {
        let mut files: Vec<(PathBuf, String)> = (0..8)
            .map(|i| {
                let text = format!(
                    "---\nname: aa-skill-{i}\ndescription: Python guidance {i}.\nlanguages: [python]\n---\n# Skill {i}\n\n## Handlers\n\nKeep handler code small and handle errors.\n"
                );
                (PathBuf::from(format!("/lib/python/aa-skill-{i}.md")), text)
            })
            .collect();
        files.push((
            PathBuf::from("/lib/python/zz-tipper.md"),
            "---\nname: zz-tipper\ndescription: Frobnication.\nlanguages: [python]\n---\n# Tipper\n\n## Never frobnicate\n\n<!-- skill-lsp tip\nid: no-frob\npattern: 'frobnicate\\('\nmessage: Do not frobnicate.\n-->\n\nFrobnicating loses data.\n".into(),
        ));
        let lib = Library::from_texts(files);
        assert!(lib.find("zz-tipper").is_some());
        let text = "def handler(x):\n    return frobnicate(x)\n";
        let path = Path::new("/ws/app.py");
        let doc = DocumentInfo {
            path: Some(path),
            root: Some(Path::new("/ws")),
            language_id: "python",
            text,
        };
        let ask = Ask {
            target: 0..text.len(),
            skills: &[],
            instruction: None,
            mode: Mode::Rewrite,
            budget: 6000,
        };
        let p = build(&lib, &Settings::default(), &doc, &ask).unwrap();
        assert_eq!(
            p.skills.first().map(String::as_str),
            Some("zz-tipper"),
            "{:?}",
            p.skills
        );
        assert!(
            p.user.contains("`zz-tipper/no-frob`: Do not frobnicate."),
            "{}",
            p.user
        );
        // Named skills replace the automatic choice; unknown names are an error.
        let named = vec!["aa-skill-3".to_string()];
        let p = build(
            &lib,
            &Settings::default(),
            &doc,
            &Ask {
                skills: &named,
                ..ask.clone()
            },
        )
        .unwrap();
        assert_eq!(p.skills, vec!["aa-skill-3".to_string()]);
        assert!(
            !p.user.contains("no-frob"),
            "findings of other skills are left out when skills are named"
        );
        let bad = vec!["nope".to_string()];
        assert!(
            build(
                &lib,
                &Settings::default(),
                &doc,
                &Ask {
                    skills: &bad,
                    ..ask
                }
            )
            .unwrap_err()
            .to_string()
            .contains("unknown skill `nope`")
        );
    }
}

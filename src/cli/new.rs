//! `skill-lsp new FORMAT NAME`: a valid skeleton for one guidance format, written where that
//! format's tools look for it, with each frontmatter key explained in a comment and one tip whose
//! bad and good examples hold (so `skill-lsp test` passes on it from the start).

use std::path::{Path, PathBuf};

/// The formats `new` can write, with where each lives (relative to the workspace) and its
/// frontmatter.
struct Spec {
    name: &'static str,
    about: &'static str,
    /// `{name}` is replaced by the skill name.
    path: &'static str,
    frontmatter: &'static str,
}

const SPECS: &[Spec] = &[
    Spec {
        name: "agent-skill",
        about: "Agent Skills folder (SKILL.md), read by Claude Code, Copilot, Codex and others",
        path: ".agents/skills/{name}/SKILL.md",
        frontmatter: "\
# 1-64 chars: lowercase letters, digits and single hyphens; must equal the folder name.
name: {name}
# What the skill does and when to use it (<= 1024 chars); agents decide from this alone.
description: Describe what this skill covers and when to use it.
# Optional, skill-lsp: limit where it applies (LSP language ids, globs).
languages: [python]
paths: [\"**/*.py\"]",
    },
    Spec {
        name: "seed",
        about: "skill-lsp library skill (skills/<category>/<name>.md)",
        path: "skills/general/{name}.md",
        frontmatter: "\
name: {name}
# One or two sentences: what it covers and when to use it.
description: Describe what this skill covers and when to use it.
# LSP language ids it applies to; omit to let the description decide.
languages: [python]
# Globs (relative to the workspace root) it applies to; a string or a list.
paths: [\"**/*.py\"]
# Globs that never match; regexes over the text that must match (any one).
# exclude: [\"**/migrations/**\"]
# content: ['(?m)^\\s*import\\s+requests']",
    },
    Spec {
        name: "copilot-instructions",
        about: "GitHub Copilot path-specific instructions",
        path: ".github/instructions/{name}.instructions.md",
        frontmatter: "\
# Comma-separated globs the instructions apply to; \"**\" means every file.
applyTo: \"**/*.py\"
# Optional: \"code-review\" or \"coding-agent\" to hide these from one agent.
# excludeAgent: code-review",
    },
    Spec {
        name: "cursor-rule",
        about: "Cursor project rule (.mdc)",
        path: ".cursor/rules/{name}.mdc",
        frontmatter: "\
# When the agent should pull this rule in (used when alwaysApply is false and globs are empty).
description: Describe when this rule applies.
# Comma-separated globs that attach the rule automatically.
globs: \"**/*.py\"
# true: included in every request, whatever the file.
alwaysApply: false",
    },
    Spec {
        name: "continue",
        about: "Continue rule",
        path: ".continue/rules/{name}.md",
        frontmatter: "\
name: {name}
description: Describe when this rule applies.
# Globs (a string or a list) and/or a regex over the file's text.
globs: \"**/*.py\"
# regex: \"^import requests\"
# true: always included; false with neither globs nor regex: the agent decides.
alwaysApply: false",
    },
    Spec {
        name: "windsurf",
        about: "Windsurf rule",
        path: ".windsurf/rules/{name}.md",
        frontmatter: "\
# always_on | glob | model_decision | manual
trigger: glob
# With trigger: glob, the comma-separated globs.
globs: \"**/*.py\"
# With trigger: model_decision, when to apply.
description: Describe when this rule applies.",
    },
    Spec {
        name: "kiro",
        about: "Kiro steering file",
        path: ".kiro/steering/{name}.md",
        frontmatter: "\
# always (default) | fileMatch | manual | auto
inclusion: fileMatch
# With inclusion: fileMatch, the glob of files that pull it in.
fileMatchPattern: \"**/*.py\"",
    },
    Spec {
        name: "claude-rule",
        about: "Claude Code rule (.claude/rules)",
        path: ".claude/rules/{name}.md",
        frontmatter: "\
# Globs the rule applies to; without paths it applies to every file.
paths: [\"**/*.py\"]",
    },
];

/// The body: one section with a tip and examples that hold.
const BODY: &str = r#"# {title}

One paragraph on what this covers and why it matters to this project.

## Catch what you expect

<!-- skill-lsp tip
id: blind-except
pattern: '^\s*except\s*(?:Exception)?\s*:'
message: A blanket `except` hides real failures; catch the exceptions you expect.
severity: information
near: ["except ValueError:"]
-->

Say why, in a sentence or two: this is what hovers show.

```python
# BAD
try:
    run()
except Exception:
    pass
```

```python
# GOOD
try:
    run()
except TimeoutError:
    retry()
```
"#;

#[derive(Debug, Clone, clap::Args)]
pub struct NewArgs {
    /// The format: agent-skill, seed, copilot-instructions, cursor-rule, continue, windsurf,
    /// kiro, claude-rule.
    pub format: String,
    /// The skill's name: lowercase letters, digits and hyphens.
    pub name: String,
    /// Folder the format's conventional path is relative to (default: the current folder).
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// Agent Skills' name rule, which every format here can live with.
pub fn valid_name(name: &str) -> bool {
    (1..=64).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !name.starts_with('-')
        && !name.ends_with('-')
        && !name.contains("--")
}

/// Why no skeleton can be written.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SkeletonError {
    #[error("unknown format `{0}`; one of:\n{list}", list = format_list())]
    UnknownFormat(String),
    #[error(
        "`{0}` is not a valid skill name: 1-64 lowercase letters, digits and single hyphens, not starting or ending with a hyphen"
    )]
    BadName(String),
}

/// The formats `new` writes, one per line with what each is.
fn format_list() -> String {
    let list: Vec<_> = SPECS
        .iter()
        .map(|s| format!("  {:<22}{}", s.name, s.about))
        .collect();
    list.join("\n")
}

/// The skeleton's relative path and text.
pub fn skeleton(format: &str, name: &str) -> Result<(String, String), SkeletonError> {
    let Some(spec) = SPECS.iter().find(|s| s.name == format) else {
        return Err(SkeletonError::UnknownFormat(format.to_string()));
    };
    if !valid_name(name) {
        return Err(SkeletonError::BadName(name.to_string()));
    }
    let title: String = name
        .split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ");
    let text = format!(
        "---\n{}\n---\n\n{}",
        spec.frontmatter.replace("{name}", name),
        BODY.replace("{title}", &title)
    );
    Ok((spec.path.replace("{name}", name), text))
}

/// `skill-lsp new`.
pub fn run(args: NewArgs) -> anyhow::Result<i32> {
    let (rel, text) = skeleton(&args.format, &args.name)?;
    let base = args.dir.unwrap_or_else(|| PathBuf::from("."));
    let path = base.join(&rel);
    if path.exists() {
        anyhow::bail!("{} exists already; nothing written", path.display());
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    write_new(&path, &text)?;
    println!("{}", path.display());
    if args.format == "seed" {
        eprintln!(
            "skill-lsp: library skills load from a skills folder: add `skills` to `skills.paths` in .skill-lsp.yaml, or pass --skills skills"
        );
    }
    Ok(0)
}

/// Create the file, never overwriting one that appeared meanwhile.
fn write_new(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    f.write_all(text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_agent_skills_rule() {
        for ok in ["a", "python-errors", "k8s-2"] {
            assert!(valid_name(ok), "{ok}");
        }
        for bad in ["", "-a", "a-", "a--b", "Python", "a_b", &"x".repeat(65)] {
            assert!(!valid_name(bad), "{bad}");
        }
    }

    #[test]
    fn unknown_format_lists_the_formats() {
        let e = skeleton("nope", "x").unwrap_err();
        assert_eq!(e, SkeletonError::UnknownFormat("nope".into()));
        let e = e.to_string();
        assert!(
            e.contains("cursor-rule") && e.contains("agent-skill"),
            "{e}"
        );
    }
}

//! The one list of guidance formats: for each, how a file of that format is named, where its tool
//! reads it in a workspace, and what the editor watches for it. Detection
//! ([`super::formats::detect`]), the workspace check ([`super::library::workspace_format`]) and
//! the server's file watchers all read [`FORMATS`], so a new format (or a new place an existing
//! one lives) is one row here. How each format's frontmatter maps onto a skill is in `formats`.

use super::model::SourceFormat;

/// A path as detection sees it: relative to the root it was found in, `/`-separated, lower-cased.
pub struct Names<'a> {
    pub lower: &'a str,
    /// The last segment.
    pub name: &'a str,
}

impl Names<'_> {
    /// Whether a folder segment (`".cursor/rules/"`) starts the path or follows a `/`.
    pub fn has(&self, seg: &str) -> bool {
        self.lower.starts_with(seg) || self.lower.contains(&format!("/{seg}"))
    }

    /// A markdown file that is not a project's own README, LICENSE, CHANGELOG or CONTRIBUTING.
    pub fn guidance_md(&self) -> bool {
        self.name.ends_with(".md")
            && !["readme", "license", "changelog", "contributing"]
                .iter()
                .any(|p| self.name.starts_with(p))
    }
}

/// One format's row.
pub struct FormatSpec {
    pub format: SourceFormat,
    /// Whether a path is a file of this format (rows are tried in order; the first wins).
    pub matches: fn(&Names) -> bool,
    /// Whether a file of this format found in a workspace sits where its tool reads it (a
    /// `.mdc` file elsewhere is not a Cursor rule). `None`: only in skill folders, never loose.
    pub in_workspace: Option<fn(&str) -> bool>,
    /// Globs for `workspace/didChangeWatchedFiles`, so the editor reports changes to it.
    pub watch: &'static [&'static str],
    /// A path of this format, for the test that keeps the three columns in agreement.
    pub example: &'static str,
}

/// Skill folders in a workspace (seed-format and `SKILL.md` files under them), watched as a whole.
pub const SKILL_FOLDER_WATCH: &[&str] = &[
    "**/.claude/skills/**/*.md",
    "**/.skills/**/*.md",
    "**/.agents/skills/**/*.md",
];

/// Every format, in detection order: specific names first, the seed format (any other markdown
/// file in a skill folder) last.
pub const FORMATS: &[FormatSpec] = &[
    FormatSpec {
        format: SourceFormat::AgentSkill,
        matches: |n| n.name == "skill.md",
        in_workspace: None,
        watch: &[],
        example: ".claude/skills/pdf/SKILL.md",
    },
    FormatSpec {
        format: SourceFormat::AgentsMd,
        matches: |n| n.name == "agents.md",
        in_workspace: Some(|_| true),
        watch: &["**/AGENTS.md"],
        example: "backend/AGENTS.md",
    },
    FormatSpec {
        format: SourceFormat::ClaudeMd,
        matches: |n| n.name == "claude.md",
        in_workspace: Some(|_| true),
        watch: &["**/CLAUDE.md"],
        example: "CLAUDE.md",
    },
    FormatSpec {
        format: SourceFormat::CopilotRepo,
        matches: |n| n.name == "copilot-instructions.md",
        in_workspace: Some(|l| l == ".github/copilot-instructions.md"),
        watch: &["**/.github/copilot-instructions.md"],
        example: ".github/copilot-instructions.md",
    },
    FormatSpec {
        format: SourceFormat::CopilotInstructions,
        matches: |n| n.name.ends_with(".instructions.md"),
        in_workspace: Some(|l| l.starts_with(".github/instructions/")),
        watch: &["**/.github/instructions/**/*.instructions.md"],
        example: ".github/instructions/python.instructions.md",
    },
    FormatSpec {
        format: SourceFormat::CopilotPrompt,
        matches: |n| n.name.ends_with(".prompt.md"),
        in_workspace: Some(|l| l.starts_with(".github/prompts/")),
        watch: &["**/.github/prompts/*.prompt.md"],
        example: ".github/prompts/review.prompt.md",
    },
    FormatSpec {
        format: SourceFormat::CursorMdc,
        matches: |n| n.name.ends_with(".mdc"),
        in_workspace: Some(|l| l.starts_with(".cursor/rules/")),
        watch: &["**/.cursor/rules/**/*.mdc"],
        example: ".cursor/rules/react/hooks.mdc",
    },
    FormatSpec {
        format: SourceFormat::CursorLegacy,
        matches: |n| n.name == ".cursorrules",
        in_workspace: Some(|l| l == ".cursorrules"),
        watch: &["**/.cursorrules"],
        example: ".cursorrules",
    },
    FormatSpec {
        format: SourceFormat::Cline,
        // The file, or markdown and text files in the folder (its README too: the folder is
        // Cline's own).
        matches: |n| {
            n.name == ".clinerules"
                || (n.has(".clinerules/") && (n.name.ends_with(".md") || n.name.ends_with(".txt")))
        },
        in_workspace: Some(|l| l == ".clinerules" || l.starts_with(".clinerules/")),
        watch: &["**/.clinerules", "**/.clinerules/**"],
        example: ".clinerules/testing.md",
    },
    FormatSpec {
        format: SourceFormat::Continue,
        matches: |n| n.guidance_md() && n.has(".continue/rules/"),
        in_workspace: Some(|l| l.starts_with(".continue/rules/")),
        watch: &["**/.continue/rules/*.md"],
        example: ".continue/rules/style.md",
    },
    FormatSpec {
        format: SourceFormat::Windsurf,
        matches: |n| n.guidance_md() && (n.has(".windsurf/rules/") || n.has(".devin/rules/")),
        in_workspace: Some(|l| l.starts_with(".windsurf/rules/") || l.starts_with(".devin/rules/")),
        watch: &["**/.windsurf/rules/*.md", "**/.devin/rules/*.md"],
        example: ".devin/rules/api.md",
    },
    FormatSpec {
        format: SourceFormat::Kiro,
        matches: |n| n.guidance_md() && n.has(".kiro/steering/"),
        in_workspace: Some(|l| l.starts_with(".kiro/steering/")),
        watch: &["**/.kiro/steering/*.md"],
        example: ".kiro/steering/tech.md",
    },
    FormatSpec {
        format: SourceFormat::ClaudeRule,
        matches: |n| n.guidance_md() && n.has(".claude/rules/"),
        in_workspace: Some(|l| l.starts_with(".claude/rules/")),
        watch: &["**/.claude/rules/**/*.md"],
        example: ".claude/rules/frontend/react.md",
    },
    FormatSpec {
        format: SourceFormat::Seed,
        matches: |n| n.guidance_md(),
        in_workspace: None,
        watch: &[],
        example: ".skills/python/errors.md",
    },
];

/// The row of the first format `rel` (relative, `/`-separated) matches.
pub fn spec_for(rel: &str) -> Option<&'static FormatSpec> {
    let lower = rel.to_ascii_lowercase();
    let names = Names {
        lower: &lower,
        name: lower.rsplit('/').next().unwrap_or(&lower),
    };
    FORMATS.iter().find(|f| (f.matches)(&names))
}

/// Every glob the editor should watch for guidance files (the settings file is the server's).
pub fn watch_globs() -> impl Iterator<Item = &'static str> {
    FORMATS
        .iter()
        .flat_map(|f| f.watch.iter().copied())
        .chain(SKILL_FOLDER_WATCH.iter().copied())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::skills::formats::detect;
    use crate::skills::library::workspace_format;

    fn watched(path: &str) -> bool {
        let mut b = globset::GlobSetBuilder::new();
        for g in watch_globs() {
            b.add(globset::Glob::new(g).unwrap());
        }
        b.build().unwrap().is_match(path)
    }

    /// The three uses of the table agree on each format's own example: detected as that
    /// format, accepted loose in a workspace exactly when the row says so, and watched.
    #[test]
    fn every_row_detects_places_and_watches_its_example() {
        for f in FORMATS {
            let ex = f.example;
            assert_eq!(detect(ex), Some(f.format), "{ex}");
            assert_eq!(
                workspace_format(ex),
                f.in_workspace.map(|_| f.format),
                "{ex}"
            );
            assert!(watched(ex), "{ex} is not watched");
        }
        let all: std::collections::HashSet<_> = FORMATS.iter().map(|f| f.format).collect();
        assert_eq!(all.len(), FORMATS.len(), "one row per format");
    }

    #[test]
    fn detection_keeps_its_order_and_exclusions() {
        for (path, want) in [
            ("docs/README.md", None),
            ("python/CHANGELOG.md", None),
            (".clinerules/README.md", Some(SourceFormat::Cline)),
            (".clinerules/logo.png", None),
            (".continue/rules/readme.md", None),
            ("x/.cursor/rules/a.mdc", Some(SourceFormat::CursorMdc)),
            ("notes.txt", None),
            ("a/b/SKILL.md", Some(SourceFormat::AgentSkill)),
            (
                ".github/instructions/x.instructions.md",
                Some(SourceFormat::CopilotInstructions),
            ),
            ("python/errors.md", Some(SourceFormat::Seed)),
        ] {
            assert_eq!(detect(path), want, "{path}");
        }
        // Where a tool does not read it, a loose file is not guidance.
        assert_eq!(workspace_format("docs/rules.mdc"), None);
        assert_eq!(workspace_format("src/x.instructions.md"), None);
        assert_eq!(workspace_format("python/errors.md"), None);
    }
}

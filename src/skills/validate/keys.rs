//! The keys each guidance format knows in its frontmatter, and skill-lsp's own: their type,
//! what they mean and an example. Validation checks files against these tables; completion and
//! hover on a guidance file offer them.

use crate::skills::model::SourceFormat;

/// What a key means, for diagnostics, completion and hover.
#[derive(Debug, Clone, Copy)]
pub struct KeyDoc {
    pub key: &'static str,
    pub kind: Kind,
    /// What the key means in this format and what skill-lsp does with it.
    pub doc: &'static str,
    pub example: &'static str,
}

/// The type a value must have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Bool,
    /// A string or a list of strings (globs, ids).
    List,
    /// A string-to-string map.
    StringMap,
    /// `content`: a regex, or a list of regexes and named signals (`{imports: [...]}`).
    Content,
    /// One of these words.
    Enum(&'static [&'static str]),
    /// Anything (kept, not interpreted).
    Any,
}

const NAME: KeyDoc = KeyDoc {
    key: "name",
    kind: Kind::Text,
    doc: "The skill's name: how agents, `skill-lsp match --skill` and the editor refer to it.",
    example: "name: python-errors",
};
const DESCRIPTION: KeyDoc = KeyDoc {
    key: "description",
    kind: Kind::Text,
    doc: "What the guidance covers and when to use it. Agents decide from it whether to load the file; skill-lsp ranks model-decided skills by how well it fits the file.",
    example: "description: Catch what you expect. Use when writing try/except.",
};

/// skill-lsp's own keys, accepted in every format.
pub(super) const OURS: &[KeyDoc] = &[
    KeyDoc {
        key: "aliases",
        kind: Kind::List,
        doc: "Other names that find this skill (skill-lsp).",
        example: "aliases: [python-exceptions]",
    },
    KeyDoc {
        key: "category",
        kind: Kind::Text,
        doc: "Grouping shown in listings (skill-lsp); defaults to the folder.",
        example: "category: backend",
    },
    KeyDoc {
        key: "languages",
        kind: Kind::List,
        doc: "LSP language ids the skill applies to (skill-lsp). Without it the languages are inferred from the globs.",
        example: "languages: [python]",
    },
    KeyDoc {
        key: "paths",
        kind: Kind::List,
        doc: "Globs relative to the workspace root the skill applies to (skill-lsp, Claude Code).",
        example: "paths: [\"src/**/*.py\"]",
    },
    KeyDoc {
        key: "exclude",
        kind: Kind::List,
        doc: "Globs the skill never applies to (skill-lsp).",
        example: "exclude: [\"**/migrations/**\"]",
    },
    KeyDoc {
        key: "content",
        kind: Kind::Content,
        doc: "What the file's text says it is (skill-lsp), over its first 64 KiB. A string is a regex the file must match (one of them, when there are several). A mapping is a named signal that brings the skill in by itself and ranks it: `imports`, `kind`, `api-version`, `keys`, `shebang`, `dialect` (postgresql, mysql, sqlite, clickhouse, snowflake, bigquery) or `text` (a regex, weaker evidence), with optional `languages`.",
        example: "content:\n  - imports: [fastapi, starlette]\n  - kind: [Deployment]\n    languages: [yaml]",
    },
    KeyDoc {
        key: "activation",
        kind: Kind::Enum(&["always", "auto", "model", "model-decided", "manual"]),
        doc: "Override how the skill decides it applies (skill-lsp); normally derived from the format's own keys.",
        example: "activation: manual",
    },
];

const AGENT_SKILL: &[KeyDoc] = &[
    NAME,
    DESCRIPTION,
    KeyDoc {
        key: "license",
        kind: Kind::Text,
        doc: "License of the skill (Agent Skills).",
        example: "license: Apache-2.0",
    },
    KeyDoc {
        key: "compatibility",
        kind: Kind::Text,
        doc: "Environment requirements, at most 500 characters (Agent Skills).",
        example: "compatibility: Requires git and network access",
    },
    KeyDoc {
        key: "metadata",
        kind: Kind::StringMap,
        doc: "Extra string properties (Agent Skills).",
        example: "metadata:\n  author: platform-team",
    },
    KeyDoc {
        key: "allowed-tools",
        kind: Kind::Text,
        doc: "Space-delimited tools the skill may use without asking (Agent Skills, experimental).",
        example: "allowed-tools: Bash(git:*) Read",
    },
    KeyDoc {
        key: "disable-model-invocation",
        kind: Kind::Bool,
        doc: "true: only used when asked for by name (Claude Code); skill-lsp treats it as manual.",
        example: "disable-model-invocation: true",
    },
    KeyDoc {
        key: "user-invocable",
        kind: Kind::Bool,
        doc: "false: hidden from the slash-command menu (Claude Code).",
        example: "user-invocable: false",
    },
    KeyDoc {
        key: "argument-hint",
        kind: Kind::Text,
        doc: "Hint shown for the skill's arguments (Claude Code).",
        example: "argument-hint: [file]",
    },
    KeyDoc {
        key: "model",
        kind: Kind::Text,
        doc: "Model to use while the skill is active (Claude Code).",
        example: "model: sonnet",
    },
    KeyDoc {
        key: "context",
        kind: Kind::Text,
        doc: "`fork` runs the skill in a sub-agent (Claude Code).",
        example: "context: fork",
    },
    KeyDoc {
        key: "agent",
        kind: Kind::Text,
        doc: "Sub-agent type used with `context: fork` (Claude Code).",
        example: "agent: Explore",
    },
    KeyDoc {
        key: "hooks",
        kind: Kind::Any,
        doc: "Hooks scoped to the skill (Claude Code).",
        example: "hooks: {}",
    },
    KeyDoc {
        key: "version",
        kind: Kind::Any,
        doc: "Version of the skill (kept, not interpreted).",
        example: "version: 1.0.0",
    },
];

const SEED: &[KeyDoc] = &[
    NAME,
    DESCRIPTION,
    KeyDoc {
        key: "globs",
        kind: Kind::List,
        doc: "Alias of `paths`.",
        example: "globs: [\"**/*.py\"]",
    },
    KeyDoc {
        key: "disable-model-invocation",
        kind: Kind::Bool,
        doc: "true: only used when asked for by name.",
        example: "disable-model-invocation: true",
    },
    KeyDoc {
        key: "version",
        kind: Kind::Any,
        doc: "Version of the skill (kept, not interpreted).",
        example: "version: 1.0.0",
    },
    KeyDoc {
        key: "license",
        kind: Kind::Text,
        doc: "License of the skill.",
        example: "license: MIT",
    },
];

const COPILOT_INSTRUCTIONS: &[KeyDoc] = &[
    KeyDoc {
        key: "applyTo",
        kind: Kind::List,
        doc: "Comma-separated globs the instructions apply to; `**` means every file (Copilot). Without it the file is only used when attached by hand.",
        example: "applyTo: \"**/*.ts,**/*.tsx\"",
    },
    KeyDoc {
        key: "excludeAgent",
        kind: Kind::Enum(&["code-review", "coding-agent"]),
        doc: "Hide the instructions from one Copilot agent (Copilot).",
        example: "excludeAgent: code-review",
    },
    NAME,
    DESCRIPTION,
];

const COPILOT_PROMPT: &[KeyDoc] = &[
    DESCRIPTION,
    NAME,
    KeyDoc {
        key: "mode",
        kind: Kind::Enum(&["ask", "edit", "agent"]),
        doc: "Chat mode the prompt runs in (Copilot; newer versions call it `agent`).",
        example: "mode: agent",
    },
    KeyDoc {
        key: "agent",
        kind: Kind::Text,
        doc: "Agent the prompt runs with (Copilot).",
        example: "agent: agent",
    },
    KeyDoc {
        key: "model",
        kind: Kind::Text,
        doc: "Model to use (Copilot).",
        example: "model: GPT-4o",
    },
    KeyDoc {
        key: "tools",
        kind: Kind::List,
        doc: "Tools the prompt may use (Copilot).",
        example: "tools: ['codebase']",
    },
    KeyDoc {
        key: "argument-hint",
        kind: Kind::Text,
        doc: "Hint shown in the chat input (Copilot).",
        example: "argument-hint: a file name",
    },
];

const CURSOR: &[KeyDoc] = &[
    KeyDoc {
        key: "description",
        kind: Kind::Text,
        doc: "When the agent should pull the rule in (Cursor \"agent requested\"); used when `alwaysApply` is false and there are no globs.",
        example: "description: Conventions for our REST handlers",
    },
    KeyDoc {
        key: "globs",
        kind: Kind::List,
        doc: "Comma-separated globs that attach the rule automatically (Cursor). Quote a value that starts with `*`: YAML reads it as an alias.",
        example: "globs: \"src/**/*.ts\"",
    },
    KeyDoc {
        key: "alwaysApply",
        kind: Kind::Bool,
        doc: "true: the rule is in every request, whatever the file (Cursor).",
        example: "alwaysApply: false",
    },
];

const CONTINUE: &[KeyDoc] = &[
    NAME,
    DESCRIPTION,
    KeyDoc {
        key: "globs",
        kind: Kind::List,
        doc: "Globs (a string or a list) that attach the rule (Continue).",
        example: "globs: \"**/*.py\"",
    },
    KeyDoc {
        key: "regex",
        kind: Kind::List,
        doc: "Regexes over the file's text that attach the rule (Continue); skill-lsp reads them as `content`.",
        example: "regex: \"^import requests\"",
    },
    KeyDoc {
        key: "alwaysApply",
        kind: Kind::Bool,
        doc: "true: always included; false with neither globs nor regex: the agent decides (Continue).",
        example: "alwaysApply: false",
    },
];

const WINDSURF: &[KeyDoc] = &[
    KeyDoc {
        key: "trigger",
        kind: Kind::Enum(&["always_on", "glob", "model_decision", "manual"]),
        doc: "How the rule is activated (Windsurf).",
        example: "trigger: glob",
    },
    KeyDoc {
        key: "globs",
        kind: Kind::List,
        doc: "With `trigger: glob`, the globs that attach the rule (Windsurf).",
        example: "globs: \"**/*.py\"",
    },
    KeyDoc {
        key: "description",
        kind: Kind::Text,
        doc: "With `trigger: model_decision`, when to apply the rule (Windsurf).",
        example: "description: Database migration conventions",
    },
];

const KIRO: &[KeyDoc] = &[
    KeyDoc {
        key: "inclusion",
        kind: Kind::Enum(&["always", "fileMatch", "manual", "auto"]),
        doc: "When the steering file is included (Kiro); `always` by default.",
        example: "inclusion: fileMatch",
    },
    KeyDoc {
        key: "fileMatchPattern",
        kind: Kind::List,
        doc: "With `inclusion: fileMatch`, the glob of files that pull it in (Kiro).",
        example: "fileMatchPattern: \"components/**/*.tsx\"",
    },
    NAME,
    DESCRIPTION,
];

const CLAUDE_RULE: &[KeyDoc] = &[DESCRIPTION];

/// The keys a format knows (skill-lsp's own keys come on top, see [`ours`]). `None` for formats
/// that have no frontmatter of their own (AGENTS.md, `.cursorrules`, ...): nothing is checked.
pub fn keys_for(format: SourceFormat) -> Option<&'static [KeyDoc]> {
    Some(match format {
        SourceFormat::AgentSkill => AGENT_SKILL,
        SourceFormat::Seed => SEED,
        SourceFormat::CopilotInstructions => COPILOT_INSTRUCTIONS,
        SourceFormat::CopilotPrompt => COPILOT_PROMPT,
        SourceFormat::CursorMdc => CURSOR,
        SourceFormat::Continue => CONTINUE,
        SourceFormat::Windsurf => WINDSURF,
        SourceFormat::Kiro => KIRO,
        SourceFormat::ClaudeRule | SourceFormat::Cline => CLAUDE_RULE,
        SourceFormat::CopilotRepo
        | SourceFormat::CursorLegacy
        | SourceFormat::AgentsMd
        | SourceFormat::ClaudeMd => return None,
    })
}

/// skill-lsp's keys, valid in every format.
pub fn ours() -> &'static [KeyDoc] {
    OURS
}

/// The documentation of `key` in `format`, if it is a key there.
pub fn key_doc(format: SourceFormat, key: &str) -> Option<&'static KeyDoc> {
    keys_for(format)
        .into_iter()
        .flatten()
        .chain(OURS)
        .find(|k| k.key == key)
}

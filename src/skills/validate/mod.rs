//! Each guidance format's own rules for its frontmatter, checked as problems on the file: keys
//! the format does not know (with a did-you-mean), values of the wrong type, the Agent Skills
//! specification's limits, combinations that make a rule never apply, `languages` ids no client
//! uses, bodies too long for an agent to load comfortably and links to files that do not exist.
//!
//! The key tables are also what completion and hover on a guidance file offer (`keys_for`).

use std::path::Path;

use serde_json::{Map, Value};

use super::model::{Severity, SourceFormat};
use super::suggest::did_you_mean;

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
const OURS: &[KeyDoc] = &[
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

/// One problem found by validation: 0-based line, severity, code, message.
pub type Finding = (u32, Severity, &'static str, String);

/// The Agent Skills specification's limits (characters).
pub const AGENT_SKILL_NAME_MAX: usize = 64;
pub const AGENT_SKILL_DESCRIPTION_MAX: usize = 1024;
pub const AGENT_SKILL_COMPATIBILITY_MAX: usize = 500;

/// Body size (estimated tokens) over which agents no longer load a skill comfortably.
pub const BODY_TOKEN_LIMIT: u32 = 5_000;

/// Everything [`check`] needs about the file.
pub struct Input<'a> {
    pub format: SourceFormat,
    pub map: &'a Map<String, Value>,
    /// Was there a frontmatter block at all?
    pub present: bool,
    /// 0-based line of a key in the file.
    pub key_line: &'a dyn Fn(&str) -> u32,
    /// The folder the file sits in (for Agent Skills: the skill folder), when it is a real file.
    pub dir: Option<&'a Path>,
    pub body: &'a str,
    pub body_line: u32,
}

/// Check the frontmatter and body of one file against its format's rules.
pub fn check(input: &Input) -> Vec<Finding> {
    let mut out = Vec::new();
    if input.present
        && let Some(keys) = keys_for(input.format)
    {
        check_keys(input, keys, &mut out);
    }
    if input.format == SourceFormat::AgentSkill {
        agent_skill_limits(input, &mut out);
    }
    never_applies(input, &mut out);
    languages(input, &mut out);
    body(input, &mut out);
    out
}

fn check_keys(input: &Input, keys: &[KeyDoc], out: &mut Vec<Finding>) {
    let all = || keys.iter().chain(OURS);
    for (key, value) in input.map {
        let line = (input.key_line)(key);
        let Some(doc) = all().find(|k| k.key == key) else {
            let format = input.format.as_str();
            match did_you_mean(key, all().map(|k| k.key)) {
                Some(s) => out.push((
                    line,
                    Severity::Warning,
                    "unknown-key",
                    format!("`{key}` is not a key of the {format} format; did you mean `{s}`?"),
                )),
                None => out.push((
                    line,
                    Severity::Hint,
                    "unknown-key",
                    format!("`{key}` is not a key of the {format} format; it is kept but not used"),
                )),
            }
            continue;
        };
        // The format's parser already reports these values, with what it does instead.
        let reported = matches!(
            (input.format, key.as_str()),
            (SourceFormat::Windsurf, "trigger")
                | (SourceFormat::Kiro, "inclusion")
                | (_, "activation")
        );
        if let Some(why) = wrong_type(doc.kind, value).filter(|_| !reported) {
            out.push((
                line,
                Severity::Warning,
                "wrong-type",
                format!("`{key}`: {why}"),
            ));
        }
    }
}

/// Why `value` does not fit `kind`, if it does not.
fn wrong_type(kind: Kind, value: &Value) -> Option<String> {
    let shown = |v: &Value| match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    match kind {
        Kind::Any => None,
        Kind::Text => match value {
            Value::String(_) | Value::Null => None,
            Value::Number(_) | Value::Bool(_) => None,
            _ => Some("must be a string".into()),
        },
        Kind::Bool => match value {
            Value::Bool(_) | Value::Null => None,
            Value::String(s) if matches!(s.trim(), "true" | "false") => None,
            v => {
                let s = shown(v);
                let hint = did_you_mean(s.trim(), ["true", "false"])
                    .map(|b| format!(" (did you mean `{b}`?)"))
                    .unwrap_or_default();
                Some(format!(
                    "must be true or false, not `{s}`{hint}; the value is ignored"
                ))
            }
        },
        Kind::List => match value {
            Value::String(_) | Value::Null => None,
            Value::Array(a) if a.iter().all(|v| v.is_string()) => None,
            _ => Some("must be a string or a list of strings".into()),
        },
        Kind::Content => match value {
            Value::String(_) | Value::Null | Value::Object(_) => None,
            Value::Array(a) if a.iter().all(|v| v.is_string() || v.is_object()) => None,
            _ => {
                Some("must be a regex, or a list of regexes and signals (`- imports: [x]`)".into())
            }
        },
        Kind::StringMap => match value {
            Value::Object(m) if m.values().all(|v| v.is_string()) => None,
            Value::Null => None,
            _ => Some("must be a map of strings to strings".into()),
        },
        Kind::Enum(words) => {
            if value.is_array() || value.is_object() {
                return Some(format!(
                    "must be one value, one of {}",
                    words
                        .iter()
                        .map(|w| format!("`{w}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
            let s = shown(value);
            if value.is_null() || words.contains(&s.trim()) {
                return None;
            }
            let hint = did_you_mean(s.trim(), words.iter().copied())
                .map(|w| format!(" (did you mean `{w}`?)"))
                .unwrap_or_default();
            Some(format!(
                "`{s}` is not one of {}{hint}",
                words
                    .iter()
                    .map(|w| format!("`{w}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        }
    }
}

/// The Agent Skills specification's limits on `name`, `description` and `compatibility`.
fn agent_skill_limits(input: &Input, out: &mut Vec<Finding>) {
    let map = input.map;
    if let Some(Value::String(name)) = map.get("name") {
        let line = (input.key_line)("name");
        let len = name.chars().count();
        let ok_chars = name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if len == 0 || len > AGENT_SKILL_NAME_MAX {
            out.push((
                line,
                Severity::Warning,
                "bad-name",
                format!("`name` must be 1-64 characters (it has {len})"),
            ));
        } else if !ok_chars || name.starts_with('-') || name.ends_with('-') || name.contains("--") {
            out.push((
                line,
                Severity::Warning,
                "bad-name",
                format!(
                    "`name: {name}` must be lowercase letters, digits and single hyphens, not starting or ending with a hyphen"
                ),
            ));
        }
    }
    match map.get("description") {
        None => out.push((
            0,
            Severity::Warning,
            "missing-description",
            "an Agent Skill needs a `description`: agents decide from it alone whether to load the skill".into(),
        )),
        Some(Value::String(d)) if d.trim().is_empty() => out.push((
            (input.key_line)("description"),
            Severity::Warning,
            "missing-description",
            "`description` is empty".into(),
        )),
        _ => {}
    }
    if let Some(Value::String(c)) = map.get("compatibility")
        && c.chars().count() > AGENT_SKILL_COMPATIBILITY_MAX
    {
        out.push((
            (input.key_line)("compatibility"),
            Severity::Warning,
            "long-compatibility",
            format!(
                "`compatibility` is {} characters; the specification allows 500",
                c.chars().count()
            ),
        ));
    }
}

/// Key combinations with which a rule is never applied, though its author surely meant it to be.
fn never_applies(input: &Input, out: &mut Vec<Finding>) {
    let map = input.map;
    let has = |k: &str| match map.get(k) {
        None | Some(Value::Null) => false,
        Some(Value::String(s)) => !s.trim().is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(_) => true,
    };
    let is_false = |k: &str| {
        matches!(map.get(k), Some(Value::Bool(false)))
            || matches!(map.get(k), Some(Value::String(s)) if s.trim() == "false")
    };
    let (line_key, why) = match input.format {
        SourceFormat::CursorMdc
            if input.present
                && !matches!(map.get("alwaysApply"), Some(Value::Bool(true)))
                && !has("globs")
                && !has("description") =>
        {
            (
                "alwaysApply",
                "with `alwaysApply` not true, no `globs` and no `description`, Cursor only uses this rule when it is @-mentioned",
            )
        }
        // `trigger: glob` without globs, and Kiro `fileMatch` without a pattern, are the
        // parser's `no-conditions`.
        SourceFormat::Windsurf
            if map.get("trigger").and_then(Value::as_str) == Some("model_decision")
                && !has("description") =>
        {
            (
                "trigger",
                "`trigger: model_decision` without a `description`: the model has nothing to decide on",
            )
        }
        SourceFormat::Continue
            if is_false("alwaysApply") && !has("globs") && !has("regex") && !has("description") =>
        {
            (
                "alwaysApply",
                "`alwaysApply: false` with no `globs`, `regex` or `description`: Continue never includes the rule",
            )
        }
        _ => return,
    };
    out.push((
        (input.key_line)(line_key),
        Severity::Warning,
        "never-applies",
        why.into(),
    ));
}

/// `languages` entries no client sends as a language id.
fn languages(input: &Input, out: &mut Vec<Finding>) {
    let list: Vec<&str> = match input.map.get("languages") {
        Some(Value::String(s)) => s.split(',').map(str::trim).collect(),
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => return,
    };
    let known = super::languages::known_ids();
    for l in list {
        if l.is_empty() || known.contains(&l) {
            continue;
        }
        let hint = did_you_mean(l, known.iter().copied())
            .map(|s| format!("; did you mean `{s}`?"))
            .unwrap_or_else(|| {
                " (LSP ids look like `python`, `typescriptreact`, `shellscript`)".into()
            });
        out.push((
            (input.key_line)("languages"),
            Severity::Warning,
            "unknown-language",
            format!("`{l}` is not a language id editors send{hint}"),
        ));
    }
}

/// A body too long to load comfortably, and relative links to files that are not there.
fn body(input: &Input, out: &mut Vec<Finding>) {
    let tokens = super::tokens::estimate(input.body);
    if tokens > BODY_TOKEN_LIMIT {
        out.push((
            input.body_line,
            Severity::Information,
            "long-body",
            format!(
                "the body is about {tokens} tokens; agents load a skill whole, so over {BODY_TOKEN_LIMIT} consider moving detail into files beside it"
            ),
        ));
    }
    let Some(dir) = input.dir else { return };
    use pulldown_cmark::{Event, Parser, Tag};
    for (ev, range) in Parser::new(input.body).into_offset_iter() {
        let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = ev else {
            continue;
        };
        let target = dest_url.split('#').next().unwrap_or("");
        if target.is_empty() || target.contains("://") || target.starts_with("mailto:") {
            continue;
        }
        let target = percent_encoding::percent_decode_str(target).decode_utf8_lossy();
        // Absolute paths and links out of the skill's folder are not ours to check.
        if target.starts_with('/') || target.starts_with("..") {
            continue;
        }
        if !dir.join(target.as_ref()).exists() {
            let line = input.body_line + input.body[..range.start].matches('\n').count() as u32;
            out.push((
                line,
                Severity::Warning,
                "broken-link",
                format!("link to `{target}`: no such file beside the skill"),
            ));
        }
    }
}

//! Each format's activation rules: when a file of that format applies without an
//! `activation:` key, one small function per format, read off the frontmatter and the
//! conditions [`super::parse`] collected.

use std::path::PathBuf;

use serde_json::{Map, Value};

use super::{Conditions, Reader};
use crate::skills::frontmatter::{string, tri_bool};
use crate::skills::globs;
use crate::skills::model::{Activation, Severity, SourceFormat};

/// What the activation rules of a format look at.
pub(super) struct Facts<'a> {
    pub map: &'a Map<String, Value>,
    pub cond: &'a Conditions,
    pub has_conditions: bool,
    /// `languages:` is declared.
    pub languages: bool,
    pub description: &'a str,
    /// For AGENTS.md / CLAUDE.md: the folder they govern.
    pub dir: Option<&'a PathBuf>,
}

/// A format's activation when the file has no `activation:` key.
pub(super) fn activation(format: SourceFormat, f: &Facts, r: &mut Reader) -> Activation {
    match format {
        SourceFormat::Seed | SourceFormat::AgentSkill => skill_activation(f),
        SourceFormat::CopilotRepo | SourceFormat::CursorLegacy => Activation::Always,
        SourceFormat::CopilotInstructions => copilot_activation(f),
        SourceFormat::CopilotPrompt => Activation::Manual,
        SourceFormat::CursorMdc => cursor_activation(f),
        SourceFormat::Continue => continue_activation(f),
        SourceFormat::Windsurf => windsurf_activation(f, r),
        SourceFormat::Kiro => kiro_activation(f, r),
        SourceFormat::Cline => cline_activation(f),
        SourceFormat::ClaudeRule => conditions_or_always(f),
        SourceFormat::AgentsMd | SourceFormat::ClaudeMd => Activation::Subtree {
            dir: f.dir.cloned().unwrap_or_default(),
        },
    }
}

/// Seed skills and Agent Skills: manual when model invocation is off, automatic with conditions
/// or languages, else the model decides.
fn skill_activation(f: &Facts) -> Activation {
    if tri_bool(f.map.get("disable-model-invocation")) == Some(true) {
        Activation::Manual
    } else if f.has_conditions || f.languages {
        Activation::Auto
    } else {
        Activation::ModelDecided
    }
}

/// `.instructions.md`: `applyTo: "**"` is always, other globs auto, none manual.
fn copilot_activation(f: &Facts) -> Activation {
    if f.cond.globs.iter().any(|g| globs::is_everything(g)) {
        Activation::Always
    } else if !f.cond.globs.is_empty() {
        Activation::Auto
    } else {
        Activation::Manual
    }
}

/// `.mdc`: `alwaysApply`, globs, a description (the model decides), else manual.
fn cursor_activation(f: &Facts) -> Activation {
    if tri_bool(f.map.get("alwaysApply")) == Some(true) {
        Activation::Always
    } else if !f.cond.globs.is_empty() {
        Activation::Auto
    } else if !f.description.is_empty() && string(f.map.get("description")).is_some() {
        Activation::ModelDecided
    } else {
        Activation::Manual
    }
}

/// Continue rules: `alwaysApply: false` leaves it to the model; no key at all is always.
fn continue_activation(f: &Facts) -> Activation {
    match tri_bool(f.map.get("alwaysApply")) {
        Some(true) => Activation::Always,
        _ if f.has_conditions => Activation::Auto,
        None => Activation::Always,
        Some(false) => Activation::ModelDecided,
    }
}

/// Windsurf's `trigger:`.
fn windsurf_activation(f: &Facts, r: &mut Reader) -> Activation {
    match string(f.map.get("trigger")).as_deref() {
        Some("always_on") => Activation::Always,
        Some("glob") => Activation::Auto,
        Some("model_decision") => Activation::ModelDecided,
        Some("manual") => Activation::Manual,
        Some(other) => {
            r.push(
                r.key_line("trigger"),
                Severity::Warning,
                "unknown-trigger",
                format!("unknown Windsurf trigger `{other}`; treated as always_on"),
            );
            Activation::Always
        }
        None => conditions_or_always(f),
    }
}

/// Kiro's `inclusion:`.
fn kiro_activation(f: &Facts, r: &mut Reader) -> Activation {
    match string(f.map.get("inclusion")).as_deref() {
        None | Some("always") => Activation::Always,
        Some("fileMatch") | Some("filematch") => Activation::Auto,
        Some("manual") => Activation::Manual,
        Some("auto") => Activation::ModelDecided,
        Some(other) => {
            r.push(
                r.key_line("inclusion"),
                Severity::Warning,
                "unknown-inclusion",
                format!("unknown Kiro inclusion `{other}`; treated as always"),
            );
            Activation::Always
        }
    }
}

/// Cline: an empty `paths:` list is manual.
fn cline_activation(f: &Facts) -> Activation {
    if f.cond.glob_key.is_some() && f.cond.raw_globs.is_empty() {
        Activation::Manual
    } else {
        conditions_or_always(f)
    }
}

/// Automatic with conditions, else always (Claude rules, Windsurf and Cline without a trigger).
fn conditions_or_always(f: &Facts) -> Activation {
    if f.has_conditions {
        Activation::Auto
    } else {
        Activation::Always
    }
}

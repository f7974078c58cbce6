//! Settings: wire options (every field optional, camelCase) from four layers, resolved into typed
//! [`Settings`] with the origin of every value. Layers, lowest first: built-in defaults < user file
//! (`$XDG_CONFIG_HOME/skill-lsp/config.yaml`) < workspace file (`.skill-lsp.yaml`) < editor
//! (`initializationOptions`, then `workspace/configuration` section `skillLsp`).
//!
//! One bad key is reported and skipped, never fatal. A workspace file is untrusted: keys that choose
//! a program to run, an endpoint to call or a file to write are ignored there with a warning.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::skills::model::Severity;

/// Resolved settings used by the server and the CLI.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// `tracing` filter (e.g. `info`, `skill_lsp=debug`). `SKILL_LSP_LOG` wins over it.
    pub log_level: String,
    /// Log to this file instead of stderr.
    pub log_file: Option<PathBuf>,
    pub skills: SkillSettings,
    pub tips: TipSettings,
    pub hover: HoverSettings,
    pub agent: AgentSettings,
}

/// Where skills come from and which are enabled.
#[derive(Debug, Clone, PartialEq)]
pub struct SkillSettings {
    /// Load the library embedded in the binary.
    pub builtin: bool,
    /// Extra skill roots (files or folders). From a workspace file, only paths inside that workspace.
    pub paths: Vec<PathBuf>,
    /// Load the user folders (`~/.config/skill-lsp/skills`, `~/.agents/skills`, `~/.claude/skills`).
    pub user_folders: bool,
    /// When set, only these skills (names or aliases) are used.
    pub enabled: Option<Vec<String>>,
    /// Skills (names or aliases) never used.
    pub disabled: Vec<String>,
}

/// Tip diagnostics and hovers.
#[derive(Debug, Clone, PartialEq)]
pub struct TipSettings {
    /// Tips at all (hover and diagnostics).
    pub enabled: bool,
    /// Publish tip diagnostics (hovers still work when false).
    pub diagnostics: bool,
    /// Severity for every tip, overriding the skill's own choice.
    pub severity: Option<Severity>,
    /// Per skill name or full tip id (`skill/tip`): a severity, or `None` for "off".
    pub overrides: BTreeMap<String, Option<Severity>>,
    /// Skills whose implicit tips (derived from bad examples) also produce diagnostics.
    pub implicit_diagnostics: Vec<String>,
    /// Delay between the last edit and recomputing diagnostics.
    pub debounce_ms: u64,
}

/// Hover behaviour.
#[derive(Debug, Clone, PartialEq)]
pub struct HoverSettings {
    /// Ask the agent for a short explanation on tip hovers (sends code to the agent).
    pub agent: bool,
    /// Longest a hover waits for the agent before answering with the tip alone.
    pub agent_timeout_ms: u64,
}

/// Which agent runs code actions and how.
#[derive(Debug, Clone, PartialEq)]
pub struct AgentSettings {
    pub provider: Provider,
    /// Model name; each provider has a default.
    pub model: Option<String>,
    /// Base URL of the API (`http://localhost:11434/v1` for Ollama).
    pub endpoint: Option<String>,
    /// Name of the environment variable that holds the API key (never the key itself).
    pub api_key_env: Option<String>,
    /// Program run by the `command` provider; the prompt goes to its stdin.
    pub command: Option<String>,
    pub args: Vec<String>,
    /// Whole-request timeout.
    pub timeout_secs: u64,
    /// Upper bound on the reply length asked of the model.
    pub max_output_tokens: u32,
    pub temperature: f32,
    /// Retries on 429/5xx/connection errors, with backoff.
    pub retries: u32,
    /// Token budget for the assembled prompt.
    pub context_tokens: u32,
}

/// Agent backend choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provider {
    /// An API key in the environment picks its provider; else a local Ollama; else none.
    Auto,
    OpenAi,
    Anthropic,
    Command,
    None,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            log_level: "info".into(),
            log_file: None,
            skills: SkillSettings {
                builtin: true,
                paths: Vec::new(),
                user_folders: true,
                enabled: None,
                disabled: Vec::new(),
            },
            tips: TipSettings {
                enabled: true,
                diagnostics: true,
                severity: None,
                overrides: BTreeMap::new(),
                implicit_diagnostics: Vec::new(),
                debounce_ms: 300,
            },
            hover: HoverSettings {
                agent: false,
                agent_timeout_ms: 1500,
            },
            agent: AgentSettings {
                provider: Provider::Auto,
                model: None,
                endpoint: None,
                api_key_env: None,
                command: None,
                args: Vec::new(),
                timeout_secs: 120,
                max_output_tokens: 4096,
                temperature: 0.2,
                retries: 2,
                context_tokens: 6000,
            },
        }
    }
}

/// `$XDG_CONFIG_HOME/skill-lsp` (fallback `~/.config/skill-lsp`).
pub fn config_dir() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").filter(|v| !v.is_empty()).map(|h| PathBuf::from(h).join(".config")))?;
    Some(base.join("skill-lsp"))
}

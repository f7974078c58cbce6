//! Every setting, declared once: its dotted camelCase key, whether a workspace file may set it,
//! and how a value is checked and applied. The key list, the workspace trust rule and the
//! setter all come from [`TABLE`]; a test checks the VS Code extension declares each key.

use std::path::PathBuf;

use serde_json::Value;

use super::{Provider, Settings, expand_home, normalize_path};
use crate::skills::model::Severity;

/// One setting.
pub struct Spec {
    /// Dotted camelCase (`tips.debounceMs`). Maps (`tips.overrides`) are leaves.
    pub key: &'static str,
    /// Whether a workspace file (`.skill-lsp.yaml`, untrusted) may set it: no key that chooses
    /// a program to run, an endpoint to call, a file to write or the user's own folders.
    pub workspace: bool,
    /// Check `v` and apply it (`ws`: the workspace folder when the value comes from its file).
    pub set: fn(&mut Settings, &str, &Value, Option<&PathBuf>) -> Result<(), SettingError>,
}

/// Why a value was not applied; shown as a settings warning, prefixed with where it came from.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SettingError {
    /// `want` says what the key takes ("true or false", "a list of strings").
    #[error("`{key}` must be {want}, got {got}")]
    WrongType {
        key: String,
        want: &'static str,
        got: Value,
    },
    #[error("`{key}` must be at least {min}, got {got}")]
    TooSmall { key: String, min: u64, got: u64 },
    #[error(
        "`skills.paths` entry `{0}` is outside the workspace; a workspace file may only add skill paths inside it"
    )]
    PathOutsideWorkspace(String),
    #[error("`{key}`: unknown severity `{value}` (off, hint, information, warning, error)")]
    UnknownSeverity { key: String, value: String },
    #[error("`agent.provider`: unknown provider `{0}` (auto, openai, anthropic, command, none)")]
    UnknownProvider(String),
    #[error("`agent.preset`: unknown preset `{0}` ({names})", names = crate::agent::preset::NAMES.join(", "))]
    UnknownPreset(String),
    #[error("`{key}`: {error}")]
    BadGlob {
        key: String,
        error: crate::skills::tips::trigger::GlobError,
    },
    #[error("unknown setting `{0}`")]
    UnknownKey(String),
    /// Every bad entry of a map (`tips.overrides`), in order.
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Several(Vec<SettingError>),
}

fn wrong(key: &str, want: &'static str, got: &Value) -> SettingError {
    SettingError::WrongType {
        key: key.to_string(),
        want,
        got: got.clone(),
    }
}

/// The setting named `key`.
pub fn spec(key: &str) -> Option<&'static Spec> {
    TABLE.iter().find(|s| s.key == key)
}

/// Every key, in table order.
pub fn keys() -> impl Iterator<Item = &'static str> {
    TABLE.iter().map(|s| s.key)
}

pub const TABLE: &[Spec] = &[
    Spec {
        key: "logLevel",
        workspace: false,
        set: |s, key, v, _ws| {
            s.log_level = want_opt_str(key, v)?.unwrap_or_else(|| "info".into());
            Ok(())
        },
    },
    Spec {
        key: "logFile",
        workspace: false,
        set: |s, key, v, _ws| {
            s.log_file = want_opt_str(key, v)?.map(|p| expand_home(&p));
            Ok(())
        },
    },
    Spec {
        key: "maxMessageBytes",
        workspace: false,
        set: |s, key, v, _ws| {
            let n = want_u64(key, v)?;
            if n < 4096 {
                return Err(SettingError::TooSmall {
                    key: key.to_string(),
                    min: 4096,
                    got: n,
                });
            }
            s.max_message_bytes = usize::try_from(n).unwrap_or(usize::MAX);
            Ok(())
        },
    },
    Spec {
        key: "skills.builtin",
        workspace: true,
        set: |s, key, v, _ws| {
            s.skills.builtin = want_bool(key, v)?;
            Ok(())
        },
    },
    Spec {
        key: "skills.userFolders",
        workspace: false,
        set: |s, key, v, _ws| {
            s.skills.user_folders = want_bool(key, v)?;
            Ok(())
        },
    },
    Spec {
        key: "skills.paths",
        workspace: true,
        set: |s, key, v, ws| {
            let mut paths = Vec::new();
            for p in want_list(key, v)? {
                let path = expand_home(&p);
                match ws {
                    Some(root) => {
                        let full = normalize_path(&root.join(&path));
                        // The text first, then the file system: a symlink inside the workspace
                        // may point anywhere.
                        if !full.starts_with(root)
                            || !crate::skills::guard::resolves_inside(&full, root)
                        {
                            return Err(SettingError::PathOutsideWorkspace(p));
                        }
                        paths.push(full);
                    }
                    None => paths.push(path),
                }
            }
            // Paths accumulate across layers: a workspace adds to the user's paths.
            for p in paths {
                if !s.skills.paths.contains(&p) {
                    s.skills.paths.push(p);
                }
            }
            Ok(())
        },
    },
    Spec {
        key: "skills.enabled",
        workspace: true,
        set: |s, key, v, _ws| {
            s.skills.enabled = if v.is_null() {
                None
            } else {
                Some(want_list(key, v)?)
            };
            Ok(())
        },
    },
    Spec {
        key: "skills.disabled",
        workspace: true,
        set: |s, key, v, _ws| {
            s.skills.disabled = want_list(key, v)?;
            Ok(())
        },
    },
    Spec {
        key: "tips.enabled",
        workspace: true,
        set: |s, key, v, _ws| {
            s.tips.enabled = want_bool(key, v)?;
            Ok(())
        },
    },
    Spec {
        key: "tips.diagnostics",
        workspace: true,
        set: |s, key, v, _ws| {
            s.tips.diagnostics = want_bool(key, v)?;
            Ok(())
        },
    },
    Spec {
        key: "tips.severity",
        workspace: true,
        set: |s, key, v, _ws| {
            s.tips.severity = if v.is_null() {
                None
            } else {
                want_severity(key, v)?
            };
            Ok(())
        },
    },
    Spec {
        key: "tips.overrides",
        workspace: true,
        set: |s, key, v, _ws| {
            let serde_json::Value::Object(map) = v else {
                return Err(wrong(
                    key,
                    "a mapping of skill or tip id to severity or off",
                    v,
                ));
            };
            let mut bad = Vec::new();
            for (k, sev) in map {
                match want_severity(&format!("tips.overrides.{k}"), sev) {
                    Ok(x) => {
                        s.tips.overrides.insert(k.clone(), x);
                    }
                    Err(e) => bad.push(e),
                }
            }
            if !bad.is_empty() {
                return Err(SettingError::Several(bad));
            };
            Ok(())
        },
    },
    Spec {
        key: "tips.implicitDiagnostics",
        workspace: true,
        set: |s, key, v, _ws| {
            s.tips.implicit_diagnostics = want_list(key, v)?;
            Ok(())
        },
    },
    Spec {
        key: "tips.debounceMs",
        workspace: true,
        set: |s, key, v, _ws| {
            s.tips.debounce_ms = want_u64(key, v)?.min(60_000);
            Ok(())
        },
    },
    Spec {
        key: "tips.maxDiagnostics",
        workspace: true,
        set: |s, key, v, _ws| {
            s.tips.max_diagnostics = want_u64(key, v)? as usize;
            Ok(())
        },
    },
    Spec {
        key: "tips.maxPerTip",
        workspace: true,
        set: |s, key, v, _ws| {
            s.tips.max_per_tip = want_u64(key, v)? as usize;
            Ok(())
        },
    },
    Spec {
        key: "tips.exclude",
        workspace: true,
        set: |s, key, v, _ws| {
            let globs = want_list(key, v)?;
            if let Err(e) = crate::skills::tips::trigger::glob_set(&globs) {
                return Err(SettingError::BadGlob {
                    key: key.to_string(),
                    error: e,
                });
            }
            // Accumulates like `skills.paths`: a workspace adds to the user's exclusions.
            for g in globs {
                if !s.tips.exclude.contains(&g) {
                    s.tips.exclude.push(g);
                }
            }
            Ok(())
        },
    },
    Spec {
        key: "tips.includeVendored",
        workspace: true,
        set: |s, key, v, _ws| {
            s.tips.include_vendored = want_bool(key, v)?;
            Ok(())
        },
    },
    Spec {
        key: "tips.includeTests",
        workspace: true,
        set: |s, key, v, _ws| {
            s.tips.include_tests = want_bool(key, v)?;
            Ok(())
        },
    },
    Spec {
        key: "hover.agent",
        workspace: false,
        set: |s, key, v, _ws| {
            s.hover.agent = want_bool(key, v)?;
            Ok(())
        },
    },
    Spec {
        key: "hover.agentTimeoutMs",
        workspace: false,
        set: |s, key, v, _ws| {
            s.hover.agent_timeout_ms = want_u64(key, v)?;
            Ok(())
        },
    },
    Spec {
        key: "agent.provider",
        workspace: false,
        set: |s, key, v, _ws| {
            s.agent.provider = match want_opt_str(key, v)?
                .as_deref()
                .map(str::to_ascii_lowercase)
                .as_deref()
            {
                None | Some("auto") => Provider::Auto,
                Some("openai") | Some("ollama") | Some("openai-compatible") => Provider::OpenAi,
                Some("anthropic") => Provider::Anthropic,
                Some("command") => Provider::Command,
                Some("none") | Some("off") => Provider::None,
                Some(other) => {
                    return Err(SettingError::UnknownProvider(other.to_string()));
                }
            };
            Ok(())
        },
    },
    Spec {
        key: "agent.model",
        workspace: false,
        set: |s, key, v, _ws| {
            s.agent.model = want_opt_str(key, v)?;
            Ok(())
        },
    },
    Spec {
        key: "agent.endpoint",
        workspace: false,
        set: |s, key, v, _ws| {
            s.agent.endpoint = want_opt_str(key, v)?;
            Ok(())
        },
    },
    Spec {
        key: "agent.apiKeyEnv",
        workspace: false,
        set: |s, key, v, _ws| {
            s.agent.api_key_env = want_opt_str(key, v)?;
            Ok(())
        },
    },
    Spec {
        key: "agent.command",
        workspace: false,
        set: |s, key, v, _ws| {
            s.agent.command = want_opt_str(key, v)?;
            Ok(())
        },
    },
    Spec {
        key: "agent.args",
        workspace: false,
        set: |s, key, v, _ws| {
            s.agent.args = want_list(key, v)?;
            Ok(())
        },
    },
    Spec {
        key: "agent.timeoutSecs",
        workspace: false,
        set: |s, key, v, _ws| {
            s.agent.timeout_secs = want_u64(key, v)?.max(1);
            Ok(())
        },
    },
    Spec {
        key: "agent.maxOutputTokens",
        workspace: false,
        set: |s, key, v, _ws| {
            s.agent.max_output_tokens = want_u64(key, v)?.clamp(16, 1_000_000) as u32;
            Ok(())
        },
    },
    Spec {
        key: "agent.temperature",
        workspace: false,
        set: |s, key, v, _ws| {
            s.agent.temperature = v.as_f64().ok_or_else(|| wrong(key, "a number", v))?;
            Ok(())
        },
    },
    Spec {
        key: "agent.retries",
        workspace: false,
        set: |s, key, v, _ws| {
            s.agent.retries = want_u64(key, v)?.min(10) as u32;
            Ok(())
        },
    },
    Spec {
        key: "agent.preset",
        workspace: false,
        set: |s, key, v, _ws| {
            s.agent.preset = match want_opt_str(key, v)? {
                None => None,
                Some(name) => Some(
                    crate::agent::preset::Preset::parse(&name)
                        .ok_or(SettingError::UnknownPreset(name))?,
                ),
            };
            Ok(())
        },
    },
    Spec {
        key: "agent.previewEdits",
        workspace: false,
        set: |s, key, v, _ws| {
            s.agent.preview_edits = want_bool(key, v)?;
            Ok(())
        },
    },
    Spec {
        key: "agent.contextTokens",
        workspace: false,
        set: |s, key, v, _ws| {
            s.agent.context_tokens = want_u64(key, v)?.clamp(256, 2_000_000) as u32;
            Ok(())
        },
    },
];

pub(super) fn want_bool(key: &str, v: &serde_json::Value) -> Result<bool, SettingError> {
    v.as_bool().ok_or_else(|| wrong(key, "true or false", v))
}
pub(super) fn want_u64(key: &str, v: &serde_json::Value) -> Result<u64, SettingError> {
    v.as_u64()
        .ok_or_else(|| wrong(key, "a non-negative integer", v))
}
pub(super) fn want_opt_str(
    key: &str,
    v: &serde_json::Value,
) -> Result<Option<String>, SettingError> {
    match v {
        serde_json::Value::Null => Ok(None),
        serde_json::Value::String(s) if s.trim().is_empty() => Ok(None),
        serde_json::Value::String(s) => Ok(Some(s.clone())),
        _ => Err(wrong(key, "a string", v)),
    }
}
pub(super) fn want_list(key: &str, v: &serde_json::Value) -> Result<Vec<String>, SettingError> {
    match v {
        serde_json::Value::Null => Ok(Vec::new()),
        serde_json::Value::String(s) => Ok(vec![s.clone()]),
        serde_json::Value::Array(items) => items
            .iter()
            .map(|i| {
                i.as_str()
                    .map(str::to_string)
                    .ok_or_else(|| wrong(key, "a list of strings", v))
            })
            .collect(),
        _ => Err(wrong(key, "a list of strings", v)),
    }
}
pub(super) fn want_severity(
    key: &str,
    v: &serde_json::Value,
) -> Result<Option<Severity>, SettingError> {
    match v.as_str() {
        Some("off") | Some("none") => Ok(None),
        Some(s) => Severity::parse(s)
            .map(Some)
            .ok_or_else(|| SettingError::UnknownSeverity {
                key: key.to_string(),
                value: s.to_string(),
            }),
        None if v.as_bool() == Some(false) => Ok(None),
        None => Err(wrong(key, "a severity string", v)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The VS Code extension declares every setting (so its settings UI offers it) and nothing
    /// the server does not know; where it declares a default, the server's own default is the
    /// same value (applying it to the defaults changes nothing).
    #[test]
    fn the_vscode_extension_declares_every_setting_with_our_defaults() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/editors/vscode/package.json");
        let pkg: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let props = pkg["contributes"]["configuration"]["properties"]
            .as_object()
            .expect("contributes.configuration.properties");
        let ours: Vec<String> = props
            .keys()
            .filter_map(|k| k.strip_prefix("skillLsp."))
            // The client's own settings (how to start the server, protocol tracing).
            .filter(|k| !k.starts_with("server.") && !k.starts_with("trace."))
            .map(String::from)
            .collect();
        for key in keys() {
            assert!(
                ours.iter().any(|k| k == key),
                "editors/vscode/package.json does not declare skillLsp.{key}"
            );
        }
        for key in &ours {
            let spec =
                spec(key).unwrap_or_else(|| panic!("package.json declares unknown skillLsp.{key}"));
            if let Some(default) = props[&format!("skillLsp.{key}")].get("default") {
                let mut s = Settings::default();
                (spec.set)(&mut s, key, default, None).unwrap();
                assert_eq!(s, Settings::default(), "skillLsp.{key}: default {default}");
            }
        }
    }

    /// `:help skill-lsp-settings` (editors/nvim/doc/skill-lsp.txt) names every setting, and
    /// every `skills.`/`tips.`/`hover.`/`agent.` key it names is one. (The Emacs package and the
    /// other editors pass the `skillLsp` section through and point at these docs.)
    #[test]
    fn the_neovim_help_names_every_setting() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/editors/nvim/doc/skill-lsp.txt"
        );
        let doc = std::fs::read_to_string(path).unwrap();
        let start = doc
            .find("*skill-lsp-settings*")
            .expect("a settings section");
        let end = start
            + doc[start..]
                .find("*skill-lsp-commands*")
                .expect("a next section");
        let section = &doc[start..end];
        let word = |c: char| c.is_ascii_alphanumeric() || c == '.' || c == '_';
        let tokens: Vec<&str> = section.split(|c: char| !word(c)).collect();
        for key in keys() {
            assert!(
                tokens.contains(&key),
                "editors/nvim/doc/skill-lsp.txt does not name the setting {key}"
            );
        }
        for t in tokens {
            let t = t.trim_end_matches('.');
            if ["skills.", "tips.", "hover.", "agent."]
                .iter()
                .any(|p| t.starts_with(p))
            {
                assert!(
                    spec(t).is_some(),
                    "the Neovim help names unknown setting {t}"
                );
            }
        }
    }

    #[test]
    fn workspace_files_may_not_choose_programs_endpoints_or_files() {
        for key in keys() {
            let spec = spec(key).unwrap();
            let risky = key.starts_with("agent.")
                || key.starts_with("hover.")
                || key.starts_with("log")
                || key == "maxMessageBytes"
                || key == "skills.userFolders";
            assert_eq!(spec.workspace, !risky, "{key}");
        }
        let n = TABLE.len();
        let unique: std::collections::HashSet<_> = keys().collect();
        assert_eq!(unique.len(), n, "each key once");
    }
}

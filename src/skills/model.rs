//! The normalized skill model: what every guidance format (seed skills, Agent Skills, Copilot,
//! Cursor, Continue, Windsurf, Kiro, Cline, Claude rules, AGENTS.md) is turned into.
//!
//! Nothing here knows about LSP. Lines are 0-based and count from the first line of the file
//! (frontmatter included), so a problem or a section can be shown at the right place.

use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Index of a skill inside one loaded [`crate::skills::library::Library`].
pub type SkillId = usize;

/// Which ecosystem a file came from. Kept so `skills` and `doctor` can say where a rule came from
/// and so selection can apply that format's own semantics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceFormat {
    /// `<root>/<category>/<name>.md` with `name`/`description` frontmatter.
    Seed,
    /// `<name>/SKILL.md` (Agent Skills, Claude Code skills).
    AgentSkill,
    /// `.github/copilot-instructions.md`: always applies.
    CopilotRepo,
    /// `*.instructions.md` with `applyTo`.
    CopilotInstructions,
    /// `.github/prompts/*.prompt.md`: manual.
    CopilotPrompt,
    /// `.cursor/rules/**/*.mdc`.
    CursorMdc,
    /// Legacy `.cursorrules`: always applies.
    CursorLegacy,
    /// `.continue/rules/*.md`.
    Continue,
    /// `.windsurf/rules/*.md`.
    Windsurf,
    /// `.kiro/steering/*.md`.
    Kiro,
    /// `.clinerules` file or folder.
    Cline,
    /// `.claude/rules/**/*.md`.
    ClaudeRule,
    /// `AGENTS.md` in any folder.
    AgentsMd,
    /// `CLAUDE.md` in any folder.
    ClaudeMd,
}

impl SourceFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceFormat::Seed => "seed",
            SourceFormat::AgentSkill => "agent-skill",
            SourceFormat::CopilotRepo => "copilot-repo",
            SourceFormat::CopilotInstructions => "copilot-instructions",
            SourceFormat::CopilotPrompt => "copilot-prompt",
            SourceFormat::CursorMdc => "cursor-mdc",
            SourceFormat::CursorLegacy => "cursor-legacy",
            SourceFormat::Continue => "continue",
            SourceFormat::Windsurf => "windsurf",
            SourceFormat::Kiro => "kiro",
            SourceFormat::Cline => "cline",
            SourceFormat::ClaudeRule => "claude-rule",
            SourceFormat::AgentsMd => "agents-md",
            SourceFormat::ClaudeMd => "claude-md",
        }
    }
}

/// Where a skill root came from; later origins win name clashes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Origin {
    /// Embedded in the binary from the repository's `skills/` folder.
    Builtin,
    /// A user folder (`~/.config/skill-lsp/skills`, `~/.agents/skills`, `~/.claude/skills`).
    User,
    /// A path from settings or `--skills DIR`.
    Configured,
    /// A conventional location inside a workspace folder.
    Workspace,
}

/// How a skill decides it applies to a file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum Activation {
    /// Applies to every file.
    Always,
    /// Applies when its languages / paths / content conditions match.
    Auto,
    /// Applies when its description fits the file (Cursor "agent-requested", Windsurf
    /// `model_decision`, Agent Skills without `paths`). Ranked by how well the description fits.
    ModelDecided,
    /// Never applied automatically; only when asked for by name.
    Manual,
    /// `AGENTS.md` / `CLAUDE.md`: applies to every file under `dir`, nearest first.
    Subtree { dir: PathBuf },
}

impl Activation {
    pub fn label(&self) -> &'static str {
        match self {
            Activation::Always => "always",
            Activation::Auto => "auto",
            Activation::ModelDecided => "model-decided",
            Activation::Manual => "manual",
            Activation::Subtree { .. } => "subtree",
        }
    }
}

/// Severity shared by problems and tips. Ordered from quietest to loudest.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Hint,
    #[serde(alias = "info")]
    Information,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Hint => "hint",
            Severity::Information => "information",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s.trim().to_ascii_lowercase().as_str() {
            "hint" => Some(Severity::Hint),
            "info" | "information" => Some(Severity::Information),
            "warn" | "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// Something wrong with a guidance file. Collected, never fatal: the rest of the library loads.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    /// The file the problem is in (a real path, or `builtin:/...` for embedded skills).
    pub path: PathBuf,
    /// 0-based line in that file.
    pub line: u32,
    pub severity: Severity,
    /// Stable machine-readable code, e.g. `invalid-yaml`, `bad-glob`, `name-clash`.
    pub code: &'static str,
    pub message: String,
}

impl Problem {
    /// A problem of the file as a whole (reported on its first line).
    pub fn file(path: &Path, severity: Severity, code: &'static str, message: String) -> Problem {
        Problem::new(path, 0, severity, code, message)
    }

    pub fn new(
        path: &Path,
        line: u32,
        severity: Severity,
        code: &'static str,
        message: String,
    ) -> Problem {
        Problem {
            path: path.to_path_buf(),
            line,
            severity,
            code,
            message,
        }
    }
}

/// Whether a fenced code block shows what to avoid or what to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Marker {
    Bad,
    Good,
    Neutral,
}

/// A fenced code block inside a section.
#[derive(Debug, Clone, serde::Serialize)]
pub struct CodeBlock {
    /// Info string's first word (`python`, `ts`, ...), lowercased; `None` when absent.
    pub lang: Option<String>,
    pub code: String,
    /// 0-based line of the opening fence.
    pub line: u32,
    pub marker: Marker,
}

/// One heading and what sits under it up to the next heading of any level.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Section {
    /// Titles of the enclosing headings, outermost first, ending with this section's own title.
    /// The text before the first heading is a section with an empty path.
    pub heading_path: Vec<String>,
    /// Heading level (1-6); 0 for the preamble before the first heading.
    pub level: u8,
    /// 0-based line of the heading (or of the first body line for the preamble).
    pub line_start: u32,
    /// 0-based line after the last line of the section (exclusive).
    pub line_end: u32,
    /// Prose of the section (markdown source with code blocks removed), trimmed.
    pub prose: String,
    pub code_blocks: Vec<CodeBlock>,
    /// HTML comments directly in the section (raw text between `<!--` and `-->`), with the
    /// 0-based line where each starts. Tip declarations live here. An embedded skill's
    /// comments borrow its text (`Library` keeps them for the agent's prompts and `tiptest`).
    pub comments: Vec<(u32, SkillText)>,
}

impl Section {
    pub fn title(&self) -> &str {
        self.heading_path.last().map(String::as_str).unwrap_or("")
    }

    /// GitHub-style anchor of the title.
    pub fn anchor(&self) -> String {
        slug(self.title())
    }
}

/// GitHub-style heading slug: lowercase, spaces to `-`, punctuation dropped.
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.trim().chars() {
        if c.is_alphanumeric() || c == '-' || c == '_' {
            out.extend(c.to_lowercase());
        } else if c == ' ' {
            out.push('-');
        }
    }
    out
}

/// What a named content signal looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SignalKind {
    /// Modules the file imports (Python, JS/TS, Go, Rust, C#, Java, Kotlin, Swift forms).
    Imports,
    /// A top-level `kind:` (Kubernetes-style YAML or JSON).
    Kind,
    /// A top-level `apiVersion:` group (`argoproj.io`, `networking.istio.io`; `v1` for core).
    ApiVersion,
    /// Top-level keys of a YAML, JSON or TOML file (`scrape_configs`, `expo`, `tool.poetry`).
    Keys,
    /// Interpreters named on the `#!` line.
    Shebang,
    /// SQL dialects, detected from the text, the path and the files beside it.
    Dialect,
    /// A regex: evidence like the others, but weaker (it says less about what the file is).
    Text,
}

impl SignalKind {
    pub const ALL: &[(&str, SignalKind)] = &[
        ("imports", SignalKind::Imports),
        ("kind", SignalKind::Kind),
        ("api-version", SignalKind::ApiVersion),
        ("keys", SignalKind::Keys),
        ("shebang", SignalKind::Shebang),
        ("dialect", SignalKind::Dialect),
        ("text", SignalKind::Text),
    ];

    pub fn key(self) -> &'static str {
        SignalKind::ALL
            .iter()
            .find(|(_, k)| *k == self)
            .map(|(n, _)| *n)
            .unwrap_or("text")
    }
}

/// A named content signal: `{imports: [hardhat, ethers]}`, `{kind: [Deployment]}`, ...
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Signal {
    pub kind: SignalKind,
    /// Module names, kinds, groups, keys, interpreters or dialects (`*` is a wildcard); for
    /// `text`, the regex.
    pub values: Vec<String>,
    /// The languages the signal is read in; empty: the skill's declared languages (any when it
    /// declares none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<String>,
}

/// A skill after normalization. Compiled matchers live in the library's index, not here, so the
/// model stays plain data that can be printed as JSON.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Skill {
    /// Unique within a library (clashes get a problem and the later origin wins).
    pub name: String,
    /// Other names that find this skill (`--skill helm` finds `helm-charts`).
    pub aliases: Vec<String>,
    pub description: String,
    /// Category from the seed layout (`skills/<category>/<name>.md`), or from frontmatter.
    pub category: Option<String>,
    pub format: SourceFormat,
    pub origin: Origin,
    /// Real path on disk, or `builtin:/<category>/<name>.md` for embedded skills.
    pub path: PathBuf,
    pub activation: Activation,
    /// LSP language ids this skill is about.
    pub languages: Vec<String>,
    /// True when `languages` were inferred (from globs, name, description) rather than declared.
    pub languages_inferred: bool,
    /// Path globs, already normalized to our dialect (see `docs/skill-format.md`).
    pub globs: Vec<String>,
    /// Globs that exclude files even when `globs` match.
    pub exclude: Vec<String>,
    /// Regexes over the file text (`content` entries written as strings): when there are any,
    /// one must match.
    pub content: Vec<String>,
    /// Named content signals (`content` entries written as mappings): evidence that brings the
    /// skill in by itself.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub signals: Vec<Signal>,
    /// 0-based line where the markdown body starts (after the frontmatter).
    pub body_line: u32,
    pub sections: Vec<Section>,
    /// Frontmatter keys we do not interpret, kept as they were (`license`, `metadata`, ...).
    #[serde(skip_serializing_if = "serde_json::Map::is_empty")]
    pub extra: serde_json::Map<String, serde_json::Value>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<Problem>,
    /// The whole file text of an embedded skill (written to a cache folder so editors can open
    /// it) or of one built in memory; empty for skills read from disk.
    #[serde(skip)]
    pub text: SkillText,
    /// Where the section bodies (prose, code blocks, comments) live.
    #[serde(skip)]
    pub bodies: Bodies,
}

/// Where a skill's section bodies live. A loaded corpus is tens of thousands of sections; after
/// the library has indexed them (tips, selection) only hovers and agent prompts read them, a
/// few skills at a time, so skills read from files drop them and read the file again on demand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Bodies {
    /// In `sections` for good (embedded skills, skills built in memory).
    #[default]
    Kept,
    /// In `sections` until the library has indexed them; `path` can be read again.
    OnDisk,
    /// Dropped after indexing: headings and line ranges remain, and
    /// `Library::hydrated` reads the rest from `path` again.
    Dropped,
}

impl Skill {
    /// Whether this skill came from the embedded library.
    pub fn is_builtin(&self) -> bool {
        self.origin == Origin::Builtin
    }

    pub fn display_path(&self) -> String {
        self.path.display().to_string()
    }

    /// Does `name` refer to this skill (its name or one of its aliases, case-insensitive)?
    pub fn answers_to(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name)
            || self.aliases.iter().any(|a| a.eq_ignore_ascii_case(name))
    }

    /// Section whose line range contains `line`.
    pub fn section_at_line(&self, line: u32) -> Option<&Section> {
        self.sections
            .iter()
            .rev()
            .find(|s| s.line_start <= line && line < s.line_end)
    }
}

/// A skill file's text: borrowed from the binary for an embedded skill (copying the bundled
/// library's ~480 KB to the heap was a tenth of the idle server's memory), shared otherwise.
/// Cheap to clone either way.
#[derive(Clone, Debug)]
pub enum SkillText {
    Embedded(&'static str),
    Shared(Arc<str>),
}

impl Default for SkillText {
    fn default() -> Self {
        SkillText::Embedded("")
    }
}

impl std::ops::Deref for SkillText {
    type Target = str;
    fn deref(&self) -> &str {
        match self {
            SkillText::Embedded(s) => s,
            SkillText::Shared(s) => s,
        }
    }
}

impl serde::Serialize for SkillText {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self)
    }
}

impl SkillText {
    /// The part of `self` equal to `part`, borrowed when `self` is embedded and holds it at or
    /// after byte `from`; else `part` as it is.
    pub fn borrow_part(&self, from: usize, part: SkillText) -> SkillText {
        if let SkillText::Embedded(text) = self
            && let Some(rest) = text.get(from..)
            && let Some(i) = rest.find(&*part)
        {
            return SkillText::Embedded(&rest[i..i + part.len()]);
        }
        part
    }
}

impl PartialEq for SkillText {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl From<Arc<str>> for SkillText {
    fn from(s: Arc<str>) -> Self {
        SkillText::Shared(s)
    }
}

impl From<String> for SkillText {
    fn from(s: String) -> Self {
        SkillText::Shared(Arc::from(s))
    }
}

impl From<&str> for SkillText {
    fn from(s: &str) -> Self {
        SkillText::Shared(Arc::from(s))
    }
}

/// A path used by the model: real files keep their path, embedded ones live under `builtin:/`.
pub fn builtin_path(rel: &Path) -> PathBuf {
    PathBuf::from(format!("builtin:/{}", rel.display()))
}

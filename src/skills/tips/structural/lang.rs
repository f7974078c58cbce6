//! The grammars compiled into this build, as one ast-grep [`Language`].
//!
//! ast-grep's `SupportLang` names every grammar it knows and panics when one whose feature is off
//! is used, so rules never see it: [`Grammar`] lists only the grammars enabled in `Cargo.toml`
//! (each a `SupportLang` variant, whose pattern preprocessing we reuse) plus Dockerfiles through
//! `tree-sitter-containerfile`. A rule for any other language is a problem on the skill file.

use std::borrow::Cow;

use ast_grep_core::Language;
use ast_grep_core::matcher::{Pattern, PatternBuilder, PatternError};
use ast_grep_core::tree_sitter::{LanguageExt, StrDoc, TSLanguage};
use ast_grep_language::SupportLang;

/// A grammar this build can parse.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Grammar {
    Python,
    JavaScript,
    TypeScript,
    Tsx,
    Rust,
    Go,
    Bash,
    Yaml,
    Json,
    Hcl,
    Dockerfile,
}

impl Grammar {
    /// Every compiled grammar (the test that each loads walks this list).
    pub const ALL: &'static [Grammar] = &[
        Grammar::Python,
        Grammar::JavaScript,
        Grammar::TypeScript,
        Grammar::Tsx,
        Grammar::Rust,
        Grammar::Go,
        Grammar::Bash,
        Grammar::Yaml,
        Grammar::Json,
        Grammar::Hcl,
        Grammar::Dockerfile,
    ];

    /// The grammar that parses documents of an LSP language id (`None`: no grammar, regex tips only).
    pub fn for_document(language_id: &str) -> Option<Grammar> {
        Some(match language_id {
            "python" => Grammar::Python,
            "javascript" | "javascriptreact" => Grammar::JavaScript,
            "typescript" => Grammar::TypeScript,
            "typescriptreact" => Grammar::Tsx,
            "rust" => Grammar::Rust,
            "go" => Grammar::Go,
            "shellscript" | "sh" | "bash" | "zsh" | "bats" => Grammar::Bash,
            "yaml"
            | "github-actions-workflow"
            | "helm"
            | "dockercompose"
            | "yaml.docker-compose"
            | "ansible" => Grammar::Yaml,
            "json" | "jsonc" => Grammar::Json,
            "terraform" | "terraform-vars" | "hcl" => Grammar::Hcl,
            "dockerfile" | "containerfile" => Grammar::Dockerfile,
            _ => return None,
        })
    }

    /// A tip's language name (an LSP id or an ast-grep name like `Python`, `ts`, `yml`).
    pub fn from_name(name: &str) -> Option<Grammar> {
        let n = name.trim().to_ascii_lowercase();
        if let Some(g) = Grammar::for_document(&n) {
            return Some(g);
        }
        Some(match n.as_str() {
            "py" => Grammar::Python,
            "js" | "jsx" => Grammar::JavaScript,
            "ts" => Grammar::TypeScript,
            "tsx" => Grammar::Tsx,
            "rs" => Grammar::Rust,
            "golang" => Grammar::Go,
            "yml" => Grammar::Yaml,
            "docker" => Grammar::Dockerfile,
            _ => return None,
        })
    }

    /// The LSP language ids documents of this grammar carry (for a tip that names a grammar).
    pub fn language_ids(self) -> &'static [&'static str] {
        match self {
            Grammar::Python => &["python"],
            Grammar::JavaScript => &["javascript", "javascriptreact"],
            Grammar::TypeScript => &["typescript"],
            Grammar::Tsx => &["typescriptreact"],
            Grammar::Rust => &["rust"],
            Grammar::Go => &["go"],
            Grammar::Bash => &["shellscript"],
            Grammar::Yaml => &["yaml"],
            Grammar::Json => &["json"],
            Grammar::Hcl => &["terraform"],
            Grammar::Dockerfile => &["dockerfile"],
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Grammar::Python => "python",
            Grammar::JavaScript => "javascript",
            Grammar::TypeScript => "typescript",
            Grammar::Tsx => "tsx",
            Grammar::Rust => "rust",
            Grammar::Go => "go",
            Grammar::Bash => "bash",
            Grammar::Yaml => "yaml",
            Grammar::Json => "json",
            Grammar::Hcl => "hcl",
            Grammar::Dockerfile => "dockerfile",
        }
    }

    /// The ast-grep language behind it; `None` for Dockerfile (ours).
    fn builtin(self) -> Option<SupportLang> {
        Some(match self {
            Grammar::Python => SupportLang::Python,
            Grammar::JavaScript => SupportLang::JavaScript,
            Grammar::TypeScript => SupportLang::TypeScript,
            Grammar::Tsx => SupportLang::Tsx,
            Grammar::Rust => SupportLang::Rust,
            Grammar::Go => SupportLang::Go,
            Grammar::Bash => SupportLang::Bash,
            Grammar::Yaml => SupportLang::Yaml,
            Grammar::Json => SupportLang::Json,
            Grammar::Hcl => SupportLang::Hcl,
            Grammar::Dockerfile => return None,
        })
    }

    /// Names of the compiled grammars, for problem messages.
    pub fn names() -> String {
        Grammar::ALL
            .iter()
            .map(|g| g.name())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl Language for Grammar {
    fn pre_process_pattern<'q>(&self, query: &'q str) -> Cow<'q, str> {
        match self.builtin() {
            Some(l) => l.pre_process_pattern(query),
            // `$X` is literal text in a Dockerfile's shell fragments; swap the sigil like the
            // languages whose identifiers cannot start with `$`.
            None => Cow::Owned(query.replace('$', "µ")),
        }
    }

    fn expando_char(&self) -> char {
        match self.builtin() {
            Some(l) => l.expando_char(),
            None => 'µ',
        }
    }

    fn kind_to_id(&self, kind: &str) -> u16 {
        self.get_ts_language().id_for_node_kind(kind, true)
    }

    fn field_to_id(&self, field: &str) -> Option<u16> {
        self.get_ts_language()
            .field_id_for_name(field)
            .map(|f| f.get())
    }

    fn build_pattern(&self, builder: &PatternBuilder) -> Result<Pattern, PatternError> {
        builder.build(|src| StrDoc::try_new(src, *self))
    }
}

impl LanguageExt for Grammar {
    fn get_ts_language(&self) -> TSLanguage {
        match self.builtin() {
            Some(l) => l.get_ts_language(),
            None => tree_sitter_containerfile::LANGUAGE.into(),
        }
    }
}

impl<'de> serde::Deserialize<'de> for Grammar {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Grammar, D::Error> {
        let s = String::deserialize(d)?;
        Grammar::from_name(&s).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "no grammar for `{s}` in this build (grammars: {})",
                Grammar::names()
            ))
        })
    }
}

//! The comment and string rules of each language family the lexer knows, and which family an
//! LSP language id belongs to.

/// How a quote character behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Quote {
    /// Backslash escapes the next character.
    Escaped,
    /// No escapes (shell single quotes, Go raw strings).
    Raw,
}

/// Comment and string rules of one language family.
#[derive(Debug)]
pub struct Syntax {
    pub(super) line: &'static [&'static str],
    pub(super) block: &'static [(&'static str, &'static str)],
    pub(super) nested_block: bool,
    /// Line comments start only at the start of a word (`#` in shell and YAML: `$#`, `a#b`).
    pub(super) word_start_comment: bool,
    pub(super) single: Option<Quote>,
    pub(super) double: Option<Quote>,
    pub(super) backtick: Option<Quote>,
    /// `'''` / `"""` strings (Python, TOML, Kotlin, Swift, Java text blocks).
    pub(super) triple: bool,
    /// `'`/`"` strings may span lines (they end at the line break otherwise).
    pub(super) multiline: bool,
    /// Rust raw strings and char literals vs lifetimes.
    pub(super) rust: bool,
    /// `<<EOF` here-documents (shell, HCL, Ruby).
    pub(super) heredoc: bool,
    /// YAML: a quote starts a string only at the start of a value.
    pub(super) yaml: bool,
    /// A backslash outside strings escapes the next character (shell).
    pub(super) code_escape: bool,
}

const BASE: Syntax = Syntax {
    line: &[],
    block: &[],
    nested_block: false,
    word_start_comment: false,
    single: None,
    double: None,
    backtick: None,
    triple: false,
    multiline: false,
    rust: false,
    heredoc: false,
    yaml: false,
    code_escape: false,
};

static PYTHON: Syntax = Syntax {
    line: &["#"],
    single: Some(Quote::Escaped),
    double: Some(Quote::Escaped),
    triple: true,
    ..BASE
};
static SHELL: Syntax = Syntax {
    line: &["#"],
    word_start_comment: true,
    single: Some(Quote::Raw),
    double: Some(Quote::Escaped),
    multiline: true,
    heredoc: true,
    code_escape: true,
    ..BASE
};
static DOCKERFILE: Syntax = Syntax {
    line: &["#"],
    word_start_comment: true,
    single: Some(Quote::Raw),
    double: Some(Quote::Escaped),
    heredoc: true,
    code_escape: true,
    ..BASE
};
static YAML: Syntax = Syntax {
    line: &["#"],
    word_start_comment: true,
    single: Some(Quote::Raw),
    double: Some(Quote::Escaped),
    yaml: true,
    ..BASE
};
static TOML: Syntax = Syntax {
    line: &["#"],
    single: Some(Quote::Raw),
    double: Some(Quote::Escaped),
    triple: true,
    ..BASE
};
static HASH: Syntax = Syntax {
    line: &["#"],
    single: Some(Quote::Escaped),
    double: Some(Quote::Escaped),
    ..BASE
};
static RUBY: Syntax = Syntax {
    line: &["#"],
    single: Some(Quote::Escaped),
    double: Some(Quote::Escaped),
    heredoc: true,
    ..BASE
};
static MAKEFILE: Syntax = Syntax {
    line: &["#"],
    single: Some(Quote::Raw),
    double: Some(Quote::Escaped),
    code_escape: true,
    ..BASE
};
static TERRAFORM: Syntax = Syntax {
    line: &["#", "//"],
    block: &[("/*", "*/")],
    double: Some(Quote::Escaped),
    heredoc: true,
    ..BASE
};
static JS: Syntax = Syntax {
    line: &["//"],
    block: &[("/*", "*/")],
    single: Some(Quote::Escaped),
    double: Some(Quote::Escaped),
    backtick: Some(Quote::Escaped),
    ..BASE
};
static GO: Syntax = Syntax {
    line: &["//"],
    block: &[("/*", "*/")],
    single: Some(Quote::Escaped),
    double: Some(Quote::Escaped),
    backtick: Some(Quote::Raw),
    ..BASE
};
static RUST: Syntax = Syntax {
    line: &["//"],
    block: &[("/*", "*/")],
    nested_block: true,
    single: Some(Quote::Escaped),
    double: Some(Quote::Escaped),
    multiline: true,
    rust: true,
    ..BASE
};
static CLIKE: Syntax = Syntax {
    line: &["//"],
    block: &[("/*", "*/")],
    single: Some(Quote::Escaped),
    double: Some(Quote::Escaped),
    triple: true,
    ..BASE
};
static PHP: Syntax = Syntax {
    line: &["//", "#"],
    block: &[("/*", "*/")],
    single: Some(Quote::Escaped),
    double: Some(Quote::Escaped),
    ..BASE
};
static CSS: Syntax = Syntax {
    block: &[("/*", "*/")],
    single: Some(Quote::Escaped),
    double: Some(Quote::Escaped),
    ..BASE
};
static SCSS: Syntax = Syntax {
    line: &["//"],
    block: &[("/*", "*/")],
    single: Some(Quote::Escaped),
    double: Some(Quote::Escaped),
    ..BASE
};
static SQL: Syntax = Syntax {
    line: &["--"],
    block: &[("/*", "*/")],
    single: Some(Quote::Escaped),
    double: Some(Quote::Escaped),
    backtick: Some(Quote::Raw),
    multiline: true,
    ..BASE
};
static LUA: Syntax = Syntax {
    line: &["--"],
    block: &[("--[[", "]]")],
    single: Some(Quote::Escaped),
    double: Some(Quote::Escaped),
    ..BASE
};
static HASKELL: Syntax = Syntax {
    line: &["--"],
    block: &[("{-", "-}")],
    nested_block: true,
    double: Some(Quote::Escaped),
    ..BASE
};
static POWERSHELL: Syntax = Syntax {
    line: &["#"],
    block: &[("<#", "#>")],
    single: Some(Quote::Raw),
    double: Some(Quote::Escaped),
    ..BASE
};
static MARKUP: Syntax = Syntax {
    block: &[("<!--", "-->")],
    ..BASE
};
static JSONC: Syntax = Syntax {
    line: &["//"],
    block: &[("/*", "*/")],
    double: Some(Quote::Escaped),
    ..BASE
};
static LISP: Syntax = Syntax {
    line: &[";"],
    double: Some(Quote::Escaped),
    ..BASE
};
static INI: Syntax = Syntax {
    line: &["#", ";"],
    word_start_comment: true,
    ..BASE
};

/// The comment/string rules for an LSP language id; `None` for unknown languages (everything is code).
pub fn syntax_for(lang: &str) -> Option<&'static Syntax> {
    let s: &'static Syntax = match lang {
        "python" | "gdscript" | "starlark" | "bazel" | "r" | "nim" | "elixir" | "crystal"
        | "julia" => {
            if lang == "r" || lang == "elixir" {
                &HASH
            } else {
                &PYTHON
            }
        }
        "shellscript" | "sh" | "bash" | "zsh" | "fish" | "shell" => &SHELL,
        "dockerfile" | "containerfile" => &DOCKERFILE,
        "toml" => &TOML,
        "ruby" | "perl" => &RUBY,
        "makefile" | "cmake" => &MAKEFILE,
        "terraform" | "hcl" | "terraform-vars" => &TERRAFORM,
        "javascript" | "typescript" | "javascriptreact" | "typescriptreact" | "json5" => &JS,
        "go" => &GO,
        "rust" => &RUST,
        "java" | "c" | "cpp" | "csharp" | "objective-c" | "objective-cpp" | "swift" | "kotlin"
        | "scala" | "dart" | "groovy" | "solidity" | "proto" | "protobuf" | "zig" | "glsl"
        | "hlsl" | "cuda-cpp" => &CLIKE,
        "php" => &PHP,
        "css" => &CSS,
        "scss" | "less" | "sass" => &SCSS,
        "sql" | "plsql" | "mysql" | "postgres" | "pgsql" => &SQL,
        "lua" => &LUA,
        "haskell" | "elm" => &HASKELL,
        "powershell" => &POWERSHELL,
        "html" | "xml" | "markdown" | "vue" | "svelte" | "astro" | "mdx" | "xsl" | "svg" => &MARKUP,
        "json" | "jsonc" => &JSONC,
        "clojure" | "lisp" | "scheme" | "racket" => &LISP,
        "ini" | "properties" | "editorconfig" | "dotenv" | "ignore" => &INI,
        "graphql" | "just" | "nix" => &HASH,
        "prisma" | "go.mod" => &JSONC,
        l if l.contains("yaml")
            || l.contains("yml")
            || l == "github-actions-workflow"
            || l == "dockercompose"
            || l == "helm"
            || l == "ansible" =>
        {
            &YAML
        }
        _ => return None,
    };
    Some(s)
}

/// How to write a comment in `lang`: `(open, close)` (`close` is empty for line comments).
/// `None` when the language has no comments (JSON) or is unknown.
pub fn comment_syntax(lang: &str) -> Option<(&'static str, &'static str)> {
    if lang == "json" {
        return None;
    }
    let syn = syntax_for(lang)?;
    if let Some(l) = syn.line.first() {
        return Some((l, ""));
    }
    syn.block.first().copied()
}

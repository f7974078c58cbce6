//! Code / comment / string classification per language family, and the async and test scopes a
//! trigger's `context` can ask for, where no syntax tree answers: languages whose grammar judges
//! context (`structural::context::judges`: Python, JS/TS, Go, Rust, Bash, YAML, Dockerfile, HCL)
//! read it off their tree. The
//! scanner still gives comment syntax for every language (ignore comments, code actions) and
//! classifies skills' own example blocks.
//!
//! Best effort by design: a small byte scanner per family, no parser. All delimiters are ASCII, so
//! every region boundary falls on a UTF-8 character boundary.

use std::sync::OnceLock;

use regex::Regex;

/// What a byte of the document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Code,
    Comment,
    String,
}

/// How a quote character behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quote {
    /// Backslash escapes the next character.
    Escaped,
    /// No escapes (shell single quotes, Go raw strings).
    Raw,
}

/// Comment and string rules of one language family.
#[derive(Debug)]
pub struct Syntax {
    line: &'static [&'static str],
    block: &'static [(&'static str, &'static str)],
    nested_block: bool,
    /// Line comments start only at the start of a word (`#` in shell and YAML: `$#`, `a#b`).
    word_start_comment: bool,
    single: Option<Quote>,
    double: Option<Quote>,
    backtick: Option<Quote>,
    /// `'''` / `"""` strings (Python, TOML, Kotlin, Swift, Java text blocks).
    triple: bool,
    /// `'`/`"` strings may span lines (they end at the line break otherwise).
    multiline: bool,
    /// Rust raw strings and char literals vs lifetimes.
    rust: bool,
    /// `<<EOF` here-documents (shell, HCL, Ruby).
    heredoc: bool,
    /// YAML: a quote starts a string only at the start of a value.
    yaml: bool,
    /// A backslash outside strings escapes the next character (shell).
    code_escape: bool,
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

/// Sorted, non-overlapping comment and string regions of one text. Everything else is code.
#[derive(Debug, Default, Clone)]
pub struct Regions {
    spans: Vec<(usize, usize, Class)>,
}

impl Regions {
    /// The class of the byte at `off`.
    pub fn class_at(&self, off: usize) -> Class {
        let i = self.spans.partition_point(|s| s.0 <= off);
        if i > 0 {
            let s = self.spans[i - 1];
            if off < s.1 {
                return s.2;
            }
        }
        Class::Code
    }

    /// The regions themselves: `(start, end, class)` byte ranges, sorted.
    pub fn spans(&self) -> &[(usize, usize, Class)] {
        &self.spans
    }
}

fn is_word_break(c: u8) -> bool {
    matches!(
        c,
        b' ' | b'\t' | b'\n' | b'\r' | b';' | b'|' | b'&' | b'(' | b')'
    )
}

fn line_end(b: &[u8], from: usize) -> usize {
    b[from..]
        .iter()
        .position(|&c| c == b'\n')
        .map_or(b.len(), |p| from + p)
}

fn find_block_end(b: &[u8], mut i: usize, open: &[u8], close: &[u8], nested: bool) -> usize {
    let mut depth = 1usize;
    while i < b.len() {
        if b[i..].starts_with(close) {
            depth -= 1;
            i += close.len();
            if depth == 0 {
                return i;
            }
        } else if nested && b[i..].starts_with(open) {
            depth += 1;
            i += open.len();
        } else {
            i += 1;
        }
    }
    b.len()
}

/// End (exclusive) of a string whose body starts at `i`, closed by `q`.
fn string_end(b: &[u8], mut i: usize, q: u8, kind: Quote, multiline: bool) -> usize {
    while i < b.len() {
        let c = b[i];
        if c == b'\\' && kind == Quote::Escaped {
            i += 2;
            continue;
        }
        if c == q {
            return i + 1;
        }
        if c == b'\n' && !multiline {
            return i;
        }
        i += 1;
    }
    b.len()
}

fn triple_end(b: &[u8], mut i: usize, q: u8) -> usize {
    while i < b.len() {
        if b[i] == b'\\' {
            i += 2;
            continue;
        }
        if b[i] == q && b[i..].starts_with(&[q, q, q]) {
            return i + 3;
        }
        i += 1;
    }
    b.len()
}

/// YAML: is the quote at `i` the start of a scalar (line start, or after `:`, `-`, `[`, `{`, `,`, `?`)?
fn yaml_value_start(b: &[u8], i: usize) -> bool {
    let mut j = i;
    while j > 0 && matches!(b[j - 1], b' ' | b'\t') {
        j -= 1;
    }
    j == 0 || matches!(b[j - 1], b'\n' | b':' | b'-' | b'[' | b'{' | b',' | b'?')
}

/// Rust: `'a'`, `'\n'`, `'\u{1F600}'` are char literals; `'a` and `'static` are lifetimes.
fn rust_char_end(text: &str, i: usize) -> Option<usize> {
    let b = text.as_bytes();
    let j = i + 1;
    if j >= b.len() {
        return None;
    }
    if b[j] == b'\\' {
        // The first quote after the escape (skip the escaped char itself for `'\''`).
        let mut k = j + 2;
        while k < b.len() && k < j + 12 {
            if b[k] == b'\'' {
                return Some(k + 1);
            }
            k += 1;
        }
        return None;
    }
    let ch = text[j..].chars().next()?;
    let k = j + ch.len_utf8();
    (k < b.len() && b[k] == b'\'').then_some(k + 1)
}

/// Rust raw string starting at `i` (`r"…"`, `r#"…"#`, `br"…"`): its end.
fn rust_raw_end(b: &[u8], i: usize) -> Option<usize> {
    if i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_') {
        return None;
    }
    let mut j = i;
    if b[j] == b'b' {
        j += 1;
    }
    if j >= b.len() || b[j] != b'r' {
        return None;
    }
    j += 1;
    let mut hashes = 0;
    while j < b.len() && b[j] == b'#' {
        hashes += 1;
        j += 1;
    }
    if j >= b.len() || b[j] != b'"' {
        return None;
    }
    j += 1;
    while j < b.len() {
        if b[j] == b'"'
            && b[j + 1..]
                .iter()
                .take(hashes)
                .filter(|&&c| c == b'#')
                .count()
                == hashes
        {
            return Some((j + 1 + hashes).min(b.len()));
        }
        j += 1;
    }
    Some(b.len())
}

/// Here-document marker at `i` (`<<EOF`, `<<-'EOF'`, `<<~EOS`): the terminator word.
fn heredoc_word(b: &[u8], i: usize) -> Option<(Vec<u8>, usize)> {
    if !b[i..].starts_with(b"<<") || b[i..].starts_with(b"<<<") {
        return None;
    }
    let mut j = i + 2;
    if j < b.len() && (b[j] == b'-' || b[j] == b'~') {
        j += 1;
    }
    while j < b.len() && b[j] == b' ' {
        j += 1;
    }
    let quote = (j < b.len() && (b[j] == b'\'' || b[j] == b'"')).then(|| b[j]);
    if quote.is_some() {
        j += 1;
    }
    let start = j;
    while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'_') {
        j += 1;
    }
    if j == start {
        return None;
    }
    let word = b[start..j].to_vec();
    if quote.is_some_and(|q| j < b.len() && b[j] == q) {
        j += 1;
    }
    Some((word, j))
}

/// Classify `text` with `syn`.
pub fn lex(text: &str, syn: &Syntax) -> Regions {
    let b = text.as_bytes();
    let n = b.len();
    let mut starts = [false; 256];
    for l in syn.line {
        starts[l.as_bytes()[0] as usize] = true;
    }
    for (o, _) in syn.block {
        starts[o.as_bytes()[0] as usize] = true;
    }
    if syn.single.is_some() {
        starts[b'\'' as usize] = true;
    }
    if syn.double.is_some() || syn.triple {
        starts[b'"' as usize] = true;
    }
    if syn.backtick.is_some() {
        starts[b'`' as usize] = true;
    }
    if syn.rust {
        starts[b'r' as usize] = true;
        starts[b'b' as usize] = true;
    }
    if syn.heredoc {
        starts[b'<' as usize] = true;
        starts[b'\n' as usize] = true;
    }
    if syn.code_escape {
        starts[b'\\' as usize] = true;
    }
    let mut out: Vec<(usize, usize, Class)> = Vec::new();
    let mut pending_heredoc: Option<Vec<u8>> = None;
    let mut i = 0;
    'outer: while i < n {
        let c = b[i];
        if !starts[c as usize] {
            i += 1;
            continue;
        }
        for &(open, close) in syn.block {
            if b[i..].starts_with(open.as_bytes()) {
                let end = find_block_end(
                    b,
                    i + open.len(),
                    open.as_bytes(),
                    close.as_bytes(),
                    syn.nested_block,
                );
                out.push((i, end, Class::Comment));
                i = end;
                continue 'outer;
            }
        }
        for &lc in syn.line {
            if b[i..].starts_with(lc.as_bytes())
                && (!syn.word_start_comment || i == 0 || is_word_break(b[i - 1]))
            {
                let end = line_end(b, i);
                out.push((i, end, Class::Comment));
                i = end;
                continue 'outer;
            }
        }
        match c {
            b'\\' if syn.code_escape => i += 2,
            b'\n' => {
                i += 1;
                if let Some(word) = pending_heredoc.take() {
                    // The body runs to the line that is exactly the word (leading tabs/spaces allowed).
                    let body = i;
                    let mut k = i;
                    let mut end = n;
                    while k < n {
                        let le = line_end(b, k);
                        let line = &b[k..le];
                        let trimmed = line.iter().position(|c| !c.is_ascii_whitespace()).map_or(
                            &line[..0],
                            |p| {
                                let t = &line[p..];
                                let e = t
                                    .iter()
                                    .rposition(|c| !c.is_ascii_whitespace())
                                    .map_or(0, |q| q + 1);
                                &t[..e]
                            },
                        );
                        if trimmed == word.as_slice() {
                            end = k;
                            break;
                        }
                        k = le + 1;
                    }
                    if end > body {
                        out.push((body, end, Class::String));
                    }
                    i = end;
                }
            }
            b'<' if syn.heredoc => {
                if let Some((word, after)) = heredoc_word(b, i) {
                    pending_heredoc = Some(word);
                    i = after;
                } else {
                    i += 1;
                }
            }
            b'r' | b'b' if syn.rust => {
                if let Some(end) = rust_raw_end(b, i) {
                    out.push((i, end, Class::String));
                    i = end;
                } else {
                    i += 1;
                }
            }
            b'"' | b'\'' | b'`' => {
                if syn.yaml && !yaml_value_start(b, i) {
                    i += 1;
                    continue;
                }
                if syn.triple && c != b'`' && b[i..].starts_with(&[c, c, c]) {
                    let end = triple_end(b, i + 3, c);
                    out.push((i, end, Class::String));
                    i = end;
                    continue;
                }
                if syn.rust && c == b'\'' {
                    match rust_char_end(text, i) {
                        Some(end) => {
                            out.push((i, end, Class::String));
                            i = end;
                        }
                        None => i += 1,
                    }
                    continue;
                }
                let q = match c {
                    b'"' => syn.double,
                    b'\'' => syn.single,
                    _ => syn.backtick,
                };
                let Some(q) = q else {
                    i += 1;
                    continue;
                };
                let end = string_end(b, i + 1, c, q, syn.multiline || c == b'`');
                out.push((i, end, Class::String));
                i = end;
            }
            _ => i += 1,
        }
    }
    Regions { spans: out }
}

/// Flag: inside an async function body.
pub const ASYNC: u8 = 1;
/// Flag: inside a test function or test module.
pub const TEST: u8 = 2;

/// Async / test flags along a text: transitions sorted by offset.
#[derive(Debug, Default, Clone)]
pub struct Scopes {
    marks: Vec<(usize, u8)>,
}

impl Scopes {
    /// Flags in force at byte `off`.
    pub fn flags_at(&self, off: usize) -> u8 {
        let i = self.marks.partition_point(|m| m.0 <= off);
        if i == 0 { 0 } else { self.marks[i - 1].1 }
    }

    fn mark(&mut self, off: usize, flags: u8) {
        if self.marks.last().map(|m| m.1) != Some(flags) {
            self.marks.push((off, flags));
        }
    }
}

fn regex(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("static regex"))
}

/// Compute async / test scopes by braces, for the C-like languages without a tree that judges
/// them (Java, Kotlin, C#, Swift, Dart, PHP, ...).
pub fn scopes(text: &str, lang: &str, regions: &Regions) -> Scopes {
    match lang {
        "java" | "c" | "cpp" | "csharp" | "swift" | "kotlin" | "dart" | "scala" | "php"
        | "groovy" => brace_scopes(text, regions),
        _ => Scopes::default(),
    }
}

fn brace_scopes(text: &str, regions: &Regions) -> Scopes {
    static TEST_RE: OnceLock<Regex> = OnceLock::new();
    static ASYNC_RE: OnceLock<Regex> = OnceLock::new();
    static FN_RE: OnceLock<Regex> = OnceLock::new();
    let test_re = regex(
        &TEST_RE,
        r"@(?:Test|ParameterizedTest)\b|\[(?:Fact|Theory|Test|TestMethod)\]|\b(?:describe|it|test)(?:\.\w+)?\s*\(",
    );
    let async_re = regex(&ASYNC_RE, r"\basync\b|\bsuspend\b");
    let fn_re = regex(&FN_RE, r"\b(?:function|func|fun|def)\b");
    let b = text.as_bytes();
    let spans = regions.spans();
    let mut s = Scopes::default();
    let mut stack: Vec<u8> = Vec::new();
    let mut cur = 0u8;
    let mut boundary = 0usize;
    let mut ri = 0;
    let mut i = 0;
    while i < b.len() {
        if ri < spans.len() && i >= spans[ri].0 {
            i = i.max(spans[ri].1);
            ri += 1;
            continue;
        }
        match b[i] {
            b';' => boundary = i + 1,
            b'{' => {
                let mut h = boundary.max(i.saturating_sub(400));
                while !text.is_char_boundary(h) {
                    h += 1;
                }
                let header = &text[h..i];
                let mut child = (cur & TEST) | if test_re.is_match(header) { TEST } else { 0 };
                if async_re.is_match(header) {
                    child |= ASYNC;
                } else if !fn_re.is_match(header) {
                    child |= cur & ASYNC;
                }
                stack.push(cur);
                cur = child;
                s.mark(i + 1, cur);
                boundary = i + 1;
            }
            b'}' => {
                cur = stack.pop().unwrap_or(0);
                s.mark(i + 1, cur);
                boundary = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    s
}

/// Is this path a test file by its name or folder (`test_x.py`, `x_test.go`, `x.spec.ts`, `tests/`)?
pub fn is_test_path(path: &str) -> bool {
    let path = path.replace('\\', "/");
    let mut parts = path.split('/').collect::<Vec<_>>();
    let file = parts.pop().unwrap_or("");
    if parts.iter().any(|p| {
        matches!(
            *p,
            "tests"
                | "test"
                | "__tests__"
                | "spec"
                | "testdata"
                | "e2e"
                | "fixtures"
                | "__fixtures__"
                | "__mocks__"
        )
    }) {
        return true;
    }
    let stem = file.split('.').next().unwrap_or(file);
    file.starts_with("test_")
        || file == "conftest.py"
        // Django's per-app test module.
        || file == "tests.py"
        || stem.ends_with("_test")
        || stem.ends_with("_tests")
        || stem.ends_with("_spec")
        || file.contains(".test.")
        || file.contains(".spec.")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class_of(lang: &str, text: &str, needle: &str) -> Class {
        let r = lex(text, syntax_for(lang).unwrap());
        r.class_at(
            text.find(needle)
                .unwrap_or_else(|| panic!("{needle} not in text")),
        )
    }

    #[test]
    fn python_comments_and_strings() {
        let t = "x = eval(y)  # eval(z)\ns = 'eval(a)'\nd = \"\"\"\neval(b)\n\"\"\"\nf(c)\n";
        assert_eq!(class_of("python", t, "eval(y)"), Class::Code);
        assert_eq!(class_of("python", t, "eval(z)"), Class::Comment);
        assert_eq!(class_of("python", t, "eval(a)"), Class::String);
        assert_eq!(class_of("python", t, "eval(b)"), Class::String);
        assert_eq!(class_of("python", t, "f(c)"), Class::Code);
    }

    #[test]
    fn shell_quotes_and_hash() {
        let t = "rm -rf $DIR\nrm -rf \"$SAFE\"\necho ${#arr} $# # real comment\necho 'it''s' $X\ncat <<EOF\n$IN_HEREDOC\nEOF\necho $AFTER\n";
        assert_eq!(class_of("shellscript", t, "$DIR"), Class::Code);
        assert_eq!(class_of("shellscript", t, "$SAFE"), Class::String);
        assert_eq!(class_of("shellscript", t, "#arr"), Class::Code);
        assert_eq!(class_of("shellscript", t, "$#"), Class::Code);
        assert_eq!(class_of("shellscript", t, "# real"), Class::Comment);
        assert_eq!(class_of("shellscript", t, "$X"), Class::Code);
        assert_eq!(class_of("shellscript", t, "$IN_HEREDOC"), Class::String);
        assert_eq!(class_of("shellscript", t, "$AFTER"), Class::Code);
    }

    #[test]
    fn js_go_rust_sql_yaml() {
        let js = "const a = `x ${eval(1)}`; // eval(2)\n/* eval(3) */ eval(4)\n";
        assert_eq!(class_of("typescript", js, "eval(1)"), Class::String);
        assert_eq!(class_of("typescript", js, "eval(2)"), Class::Comment);
        assert_eq!(class_of("typescript", js, "eval(3)"), Class::Comment);
        assert_eq!(class_of("typescript", js, "eval(4)"), Class::Code);
        let go = "s := `raw\npanic(1)`\npanic(2) // panic(3)\n";
        assert_eq!(class_of("go", go, "panic(1)"), Class::String);
        assert_eq!(class_of("go", go, "panic(2)"), Class::Code);
        assert_eq!(class_of("go", go, "panic(3)"), Class::Comment);
        let rs = "fn f<'a>(x: &'a str) { let c = '\"'; let r = r#\"unwrap()\"#; x.unwrap() /* /* a */ unwrap(9) */ }\n";
        assert_eq!(class_of("rust", rs, "unwrap()\"#"), Class::String);
        assert_eq!(class_of("rust", rs, "x.unwrap"), Class::Code);
        assert_eq!(class_of("rust", rs, "unwrap(9)"), Class::Comment);
        let sql = "SELECT * FROM t -- SELECT 1\nWHERE a = 'SELECT 2' /* SELECT 3 */\n";
        assert_eq!(class_of("sql", sql, "SELECT *"), Class::Code);
        assert_eq!(class_of("sql", sql, "SELECT 1"), Class::Comment);
        assert_eq!(class_of("sql", sql, "SELECT 2"), Class::String);
        assert_eq!(class_of("sql", sql, "SELECT 3"), Class::Comment);
        let yaml = "image: nginx:latest # pin it\nrun: echo don't \"$X\"\nname: 'quoted: latest'\n";
        assert_eq!(class_of("yaml", yaml, "nginx"), Class::Code);
        assert_eq!(class_of("yaml", yaml, "# pin"), Class::Comment);
        assert_eq!(class_of("yaml", yaml, "don't"), Class::Code);
        assert_eq!(class_of("yaml", yaml, "$X"), Class::Code);
        assert_eq!(class_of("yaml", yaml, "quoted"), Class::String);
        let html = "<a href=x><!-- <script> --> <script>\n";
        assert_eq!(class_of("html", html, "<script> -->"), Class::Comment);
        assert_eq!(class_of("html", html, "<script>\n"), Class::Code);
    }

    #[test]
    fn unterminated_and_empty_do_not_panic() {
        for lang in [
            "python",
            "rust",
            "shellscript",
            "sql",
            "yaml",
            "go",
            "html",
            "dockerfile",
            "terraform",
        ] {
            let syn = syntax_for(lang).unwrap();
            for t in [
                "", "'", "\"", "/*", "<!--", "r#\"", "<<", "<<EOF", "\\", "'\\", "é'ü", "'🎉'",
                "```",
            ] {
                let r = lex(t, syn);
                for s in r.spans() {
                    assert!(
                        t.is_char_boundary(s.0) && t.is_char_boundary(s.1.min(t.len())),
                        "{lang} {t:?}"
                    );
                }
                let _ = scopes(t, lang, &r);
            }
        }
    }

    #[test]
    fn brace_async_and_test_scopes() {
        // Languages with a tree (JS/TS, Rust, Go, Python) are judged there
        // (`structural::context`); the braces serve the others.
        let kt = "fun a() { x1() }\nsuspend fun b() {\n  if (y) { x2() }\n  fun c() { x3() }\n}\nx5()\nclass T {\n  @Test\n  fun t() { x6() }\n}\n";
        let r = lex(kt, syntax_for("kotlin").unwrap());
        let s = scopes(kt, "kotlin", &r);
        let at = |n: &str| s.flags_at(kt.find(n).unwrap());
        assert_eq!(at("x1"), 0);
        assert_eq!(at("x2"), ASYNC);
        assert_eq!(at("x3"), 0);
        assert_eq!(at("x5"), 0);
        assert_eq!(at("x6"), TEST);
        let cs = "class A {\n  async Task Run() { c1(); }\n  [Fact]\n  void T() { c2(); }\n}\n";
        let r = lex(cs, syntax_for("csharp").unwrap());
        let s = scopes(cs, "csharp", &r);
        assert_eq!(s.flags_at(cs.find("c1").unwrap()), ASYNC);
        assert_eq!(s.flags_at(cs.find("c2").unwrap()), TEST);
        // No scopes for languages judged on their tree.
        let py = "async def f():\n    time.sleep(1)\n";
        let r = lex(py, syntax_for("python").unwrap());
        assert_eq!(
            scopes(py, "python", &r).flags_at(py.find("time").unwrap()),
            0
        );
    }

    #[test]
    fn test_paths() {
        assert!(is_test_path("tests/test_api.py"));
        assert!(is_test_path("pkg/server_test.go"));
        assert!(is_test_path("src/app.spec.ts"));
        assert!(is_test_path("src/__tests__/x.js"));
        assert!(!is_test_path("src/contest.py"));
        assert!(!is_test_path("src/latest.rs"));
        assert!(is_test_path("shop/tests.py"));
        assert!(!is_test_path("shop/testing.py"));
    }
}

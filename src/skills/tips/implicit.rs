//! Implicit tips: the distinctive lines of a section's bad examples, normalized to tokens, so a
//! document line with exactly that token sequence finds the section nobody annotated.

use std::collections::HashSet;

use super::lexer::{self, Class};
use crate::skills::model::{Marker, Skill};

/// Fewest tokens a bad line needs to become a trigger: shorter lines are too common to be precise.
pub const MIN_TOKENS: usize = 4;

/// Normalize `line` into `out` (tokens joined by one space): identifiers and numbers, string
/// literals (kept whole), and single punctuation characters. Returns the number of tokens.
pub fn normalize_into(line: &str, out: &mut String) -> usize {
    out.clear();
    let mut n = 0;
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if n > 0 {
            out.push(' ');
        }
        n += 1;
        if c.is_alphanumeric() || c == '_' || c == '$' {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if d.is_alphanumeric() || d == '_' || d == '$' {
                    end = j + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            out.push_str(&line[i..end]);
        } else if c == '"' || c == '\'' || c == '`' {
            let mut end = line.len();
            let mut escaped = false;
            for (j, d) in chars.by_ref() {
                if escaped {
                    escaped = false;
                } else if d == '\\' {
                    escaped = true;
                } else if d == c {
                    end = j + d.len_utf8();
                    break;
                }
            }
            out.push_str(&line[i..end]);
        } else {
            out.push(c);
        }
    }
    n
}

/// LSP language id of a fenced block's info string (`py` → `python`).
pub fn block_language(info: &str) -> Option<&'static str> {
    Some(match info.trim().to_ascii_lowercase().as_str() {
        "py" | "python" | "python3" | "py3" => "python",
        "js" | "javascript" | "mjs" | "cjs" | "node" => "javascript",
        "ts" | "typescript" | "mts" | "cts" => "typescript",
        "tsx" => "typescriptreact",
        "jsx" => "javascriptreact",
        "rs" | "rust" => "rust",
        "go" | "golang" => "go",
        "sh" | "bash" | "shell" | "zsh" | "shellscript" => "shellscript",
        "dockerfile" | "docker" | "containerfile" => "dockerfile",
        "yaml" | "yml" => "yaml",
        "sql" | "postgres" | "postgresql" | "psql" | "mysql" | "sqlite" | "plpgsql" => "sql",
        "java" => "java",
        "kotlin" | "kt" => "kotlin",
        "c" | "h" => "c",
        "cpp" | "c++" | "cc" | "cxx" | "hpp" => "cpp",
        "cs" | "csharp" | "c#" => "csharp",
        "rb" | "ruby" => "ruby",
        "php" => "php",
        "swift" => "swift",
        "tf" | "hcl" | "terraform" => "terraform",
        "toml" => "toml",
        "html" => "html",
        "css" => "css",
        "scss" => "scss",
        "json" => "json",
        "xml" => "xml",
        "properties" => "properties",
        "ini" | "cfg" => "ini",
        "dotenv" | "env" => "dotenv",
        "lua" => "lua",
        "r" => "r",
        "make" | "makefile" => "makefile",
        "ps1" | "powershell" | "pwsh" => "powershell",
        "vue" => "vue",
        "svelte" => "svelte",
        "dart" => "dart",
        "scala" => "scala",
        "elixir" | "ex" | "exs" => "elixir",
        _ => return None,
    })
}

/// One implicit tip derived from a section: its languages and the normalized lines that raise it.
#[derive(Debug)]
pub struct Derived {
    pub section: usize,
    /// 0-based line of the first bad block used.
    pub line: u32,
    /// LSP language ids (empty: any).
    pub languages: Vec<String>,
    pub lines: Vec<String>,
}

/// Derive implicit tips for a skill: one per section with at least one usable bad line.
pub fn derive(skill: &Skill) -> Vec<Derived> {
    let mut good: HashSet<String> = HashSet::new();
    let mut buf = String::new();
    for sec in &skill.sections {
        for b in sec.code_blocks.iter().filter(|b| b.marker == Marker::Good) {
            for l in b.code.lines() {
                normalize_into(l, &mut buf);
                good.insert(buf.clone());
            }
        }
    }
    let mut out = Vec::new();
    for (si, sec) in skill.sections.iter().enumerate() {
        let mut d = Derived {
            section: si,
            line: u32::MAX,
            languages: Vec::new(),
            lines: Vec::new(),
        };
        for b in sec.code_blocks.iter().filter(|b| b.marker == Marker::Bad) {
            let lang = b.lang.as_deref().and_then(block_language);
            let regions = lang
                .and_then(lexer::syntax_for)
                .map(|syn| lexer::lex(&b.code, syn));
            let mut off = 0;
            let mut used = false;
            for l in b.code.split_inclusive('\n') {
                let start = off;
                off += l.len();
                let Some(p) = l.find(|c: char| !c.is_whitespace()) else {
                    continue;
                };
                if regions
                    .as_ref()
                    .is_some_and(|r| r.class_at(start + p) != Class::Code)
                {
                    continue;
                }
                if normalize_into(l, &mut buf) < MIN_TOKENS
                    || good.contains(&buf)
                    || d.lines.contains(&buf)
                {
                    continue;
                }
                d.lines.push(buf.clone());
                used = true;
            }
            if used {
                d.line = d.line.min(b.line);
                match lang {
                    Some(l) => {
                        if !d.languages.iter().any(|x| x == l) {
                            d.languages.push(l.to_string());
                        }
                    }
                    None => {
                        for l in &skill.languages {
                            if !d.languages.contains(l) {
                                d.languages.push(l.clone());
                            }
                        }
                    }
                }
            }
        }
        if !d.lines.is_empty() {
            out.push(d);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_tokens() {
        let mut s = String::new();
        assert_eq!(normalize_into("  except   Exception:pass ", &mut s), 4);
        assert_eq!(s, "except Exception : pass");
        assert_eq!(normalize_into("x=\"a  b\"+'c'", &mut s), 5);
        assert_eq!(s, "x = \"a  b\" + 'c'");
        assert_eq!(normalize_into("名前 = \"🎉\"", &mut s), 3);
        assert_eq!(s, "名前 = \"🎉\"");
        assert_eq!(normalize_into("", &mut s), 0);
        assert_eq!(normalize_into("'unterminated", &mut s), 1);
    }
}

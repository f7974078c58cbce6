//! Turning an agent's reply into a replacement for the selection. Order of preference: the first
//! fenced block in the document's language; else the only fenced block; else the whole reply when
//! it looks like code and not prose; else an error. Prose never lands in source code. The result
//! keeps the selection's indentation and its trailing-newline convention.

/// Why a reply cannot be used as a rewrite.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ReplyError {
    #[error("no code in reply: the agent answered with prose and no code block")]
    NoCode,
    #[error(
        "the reply was cut off inside a code block (raise `agent.maxOutputTokens` or select less code)"
    )]
    CutOff,
    #[error(
        "the reply has {0} code blocks and none is marked as {1}; not guessing which one to apply"
    )]
    Ambiguous(usize, String),
    /// The reply overlaps the code around the target in a way that cannot be placed.
    #[error(transparent)]
    Overlap(#[from] super::widen::Unplaceable),
    /// Applied, the reply would turn a file that parsed into one that does not.
    #[error(
        "the rewrite would break the file: it parses now, but with the reply applied line {line} has a syntax error ({found})"
    )]
    BreaksSyntax { line: usize, found: String },
}

/// A rewrite ready to apply: the byte range of the document to replace and its new text.
#[derive(Debug, Clone, PartialEq)]
pub struct Rewrite {
    pub range: std::ops::Range<usize>,
    pub text: String,
    /// Why the range is wider than the target, when it is.
    pub widened: Option<String>,
}

/// The whole pipeline over the document: extract the code, restore redacted secrets, widen the
/// range when the reply repeats the code around `target` (see [`super::widen`]), and fit the
/// code to the range's indentation.
pub fn rewrite(
    reply: &str,
    language: &str,
    text: &str,
    target: std::ops::Range<usize>,
    restore: &[(String, String)],
) -> Result<Rewrite, ReplyError> {
    let code = extract_code(reply, language)?;
    let code = super::redact::restore(&code, restore);
    let w = super::widen::widen(text, target, &code)?;
    let line_start = text[..w.range.start]
        .rfind('\n')
        .map(|i| i + 1)
        .unwrap_or(0);
    let fitted = fit_to_selection(
        &code,
        &text[w.range.clone()],
        &text[line_start..w.range.start],
    );
    refuse_if_breaks(language, text, &w.range, &fitted)?;
    Ok(Rewrite {
        range: w.range,
        text: fitted,
        widened: w.why,
    })
}

/// Where a grammar covers `language`, refuse a replacement that turns a document that parsed
/// into one that does not. A document that already had an error is left to the user's judgement.
fn refuse_if_breaks(
    language: &str,
    text: &str,
    range: &std::ops::Range<usize>,
    replacement: &str,
) -> Result<(), ReplyError> {
    use crate::skills::tips::structural::trees::syntax_error;
    if syntax_error(language, text).is_some() {
        return Ok(());
    }
    let mut after = String::with_capacity(text.len() + replacement.len());
    after.push_str(&text[..range.start]);
    after.push_str(replacement);
    after.push_str(&text[range.end..]);
    let Some(at) = syntax_error(language, &after) else {
        return Ok(());
    };
    let line = after[..at].matches('\n').count() + 1;
    let found = after[at..]
        .lines()
        .next()
        .unwrap_or("")
        .trim()
        .chars()
        .take(60)
        .collect::<String>();
    let found = if found.is_empty() {
        "unexpected end of file".to_string()
    } else {
        format!("at `{found}`")
    };
    Err(ReplyError::BreaksSyntax { line, found })
}

/// A fenced block found in a reply.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub lang: String,
    pub code: String,
    pub closed: bool,
}

/// Fenced blocks (``` or ~~~, three or more) in order.
pub fn blocks(reply: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut open: Option<(char, usize, String, Vec<&str>)> = None;
    for line in reply.lines() {
        let t = line.trim_start();
        match &mut open {
            None => {
                let c = t.chars().next().unwrap_or(' ');
                if c == '`' || c == '~' {
                    let n = t.chars().take_while(|&x| x == c).count();
                    if n >= 3 {
                        let info = t[n..].trim();
                        if !(c == '`' && info.contains('`')) {
                            let lang = info
                                .split([' ', '{', ','])
                                .next()
                                .unwrap_or("")
                                .to_ascii_lowercase();
                            open = Some((c, n, lang, Vec::new()));
                        }
                    }
                }
            }
            Some((c, n, lang, body)) => {
                let closing = t.chars().take_while(|x| x == c).count();
                if closing >= *n && t[closing..].trim().is_empty() && t.starts_with(*c) {
                    let mut code = body.join("\n");
                    code.push('\n');
                    out.push(Block {
                        lang: std::mem::take(lang),
                        code,
                        closed: true,
                    });
                    open = None;
                } else {
                    body.push(line);
                }
            }
        }
    }
    if let Some((_, _, lang, body)) = open {
        let mut code = body.join("\n");
        code.push('\n');
        out.push(Block {
            lang,
            code,
            closed: false,
        });
    }
    out
}

/// Whether a fence's info string names `language` (LSP id), including common aliases.
pub fn lang_matches(info: &str, language: &str) -> bool {
    if info.is_empty() || language.is_empty() {
        return false;
    }
    let norm = |s: &str| -> String {
        match s.to_ascii_lowercase().as_str() {
            "py" | "python3" => "python".into(),
            "ts" => "typescript".into(),
            "tsx" | "typescriptreact" => "typescriptreact".into(),
            "js" | "node" => "javascript".into(),
            "jsx" | "javascriptreact" => "javascriptreact".into(),
            "rs" => "rust".into(),
            "sh" | "bash" | "zsh" | "shellscript" | "shell" => "shellscript".into(),
            "yml" => "yaml".into(),
            "docker" | "dockerfile" => "dockerfile".into(),
            "golang" => "go".into(),
            "c++" | "cc" | "hpp" => "cpp".into(),
            "cs" | "c#" => "csharp".into(),
            "rb" => "ruby".into(),
            "kt" | "kts" => "kotlin".into(),
            "md" => "markdown".into(),
            "tf" | "hcl" | "terraform" => "terraform".into(),
            other => other.to_string(),
        }
    };
    let a = norm(info);
    let b = norm(language);
    a == b
        || (a == "typescript" && b == "typescriptreact")
        || (a == "javascript" && b == "javascriptreact")
}

/// The code to apply from a reply.
pub fn extract_code(reply: &str, language: &str) -> Result<String, ReplyError> {
    let bs = blocks(reply);
    if let Some(b) = bs.iter().find(|b| lang_matches(&b.lang, language)) {
        return if b.closed {
            Ok(b.code.clone())
        } else {
            Err(ReplyError::CutOff)
        };
    }
    match bs.len() {
        0 => {}
        1 => {
            return if bs[0].closed {
                Ok(bs[0].code.clone())
            } else {
                Err(ReplyError::CutOff)
            };
        }
        n => {
            // Several blocks: only an unlabelled single candidate is safe.
            let unlabelled: Vec<&Block> = bs.iter().filter(|b| b.lang.is_empty()).collect();
            if unlabelled.len() == 1 && unlabelled[0].closed {
                return Ok(unlabelled[0].code.clone());
            }
            return Err(ReplyError::Ambiguous(
                n,
                if language.is_empty() {
                    "the file's language".into()
                } else {
                    language.into()
                },
            ));
        }
    }
    if looks_like_code(reply) {
        Ok(reply.to_string())
    } else {
        Err(ReplyError::NoCode)
    }
}

/// A reply with no fences is used only when most lines look like code and few like sentences.
pub fn looks_like_code(text: &str) -> bool {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if lines.is_empty() {
        return false;
    }
    let code_like = |l: &str| {
        let last = l.chars().last().unwrap_or(' ');
        matches!(last, ';' | '{' | '}' | ':' | ')' | ']' | ',' | '(' | '[')
            || l.contains(" = ")
            || l.contains("=>")
            || l.contains("::")
            || l.starts_with('#')
            || l.starts_with("//")
            || l.contains("()")
            || (l.contains('(') && l.contains(')') && !l.contains(". "))
            || l.split_whitespace().count() <= 2
    };
    let prose_like = |l: &str| {
        let words = l.split_whitespace().count();
        let first = l.chars().next().unwrap_or(' ');
        words >= 6
            && first.is_uppercase()
            && (l.ends_with('.') || l.ends_with(':') || l.ends_with('!'))
            && !l.contains(';')
    };
    let code = lines.iter().filter(|l| code_like(l)).count();
    let prose = lines.iter().filter(|l| prose_like(l)).count();
    prose == 0 && code * 2 >= lines.len()
}

fn indent_of(line: &str) -> &str {
    &line[..line.len() - line.trim_start().len()]
}

/// Common leading whitespace of the non-blank lines.
fn common_indent<'a>(lines: impl Iterator<Item = &'a str>) -> String {
    let mut common: Option<String> = None;
    for l in lines.filter(|l| !l.trim().is_empty()) {
        let ind = indent_of(l);
        common = Some(match common {
            None => ind.to_string(),
            Some(c) => c
                .chars()
                .zip(ind.chars())
                .take_while(|(a, b)| a == b)
                .map(|(a, _)| a)
                .collect(),
        });
    }
    common.unwrap_or_default()
}

/// Re-indents `code` to sit where `original` sat. `line_prefix` is the document text between the
/// start of the selection's first line and the selection start (whitespace when the selection
/// starts in the indentation, code when it starts mid-line).
pub fn fit_to_selection(code: &str, original: &str, line_prefix: &str) -> String {
    let prefix_ws = line_prefix.trim().is_empty();
    let orig_first_full = format!("{line_prefix}{}", original.lines().next().unwrap_or(""));
    // Indentation of the original, measured on whole lines.
    let base = if prefix_ws {
        common_indent(std::iter::once(orig_first_full.as_str()).chain(original.lines().skip(1)))
    } else {
        common_indent(original.lines().skip(1))
    };
    let code_lines: Vec<&str> = code.lines().collect();
    let reply_indent = if prefix_ws {
        common_indent(code_lines.iter().copied())
    } else {
        common_indent(code_lines.iter().skip(1).copied())
    };
    let mut out = String::new();
    for (i, l) in code_lines.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if l.trim().is_empty() {
            continue;
        }
        if i == 0 && !prefix_ws {
            out.push_str(l.trim_start());
            continue;
        }
        let rest = l
            .strip_prefix(reply_indent.as_str())
            .unwrap_or_else(|| l.trim_start());
        let line = format!("{base}{rest}");
        if i == 0 {
            // The document already has `line_prefix` before the selection.
            out.push_str(line.strip_prefix(line_prefix).unwrap_or(line.trim_start()));
        } else {
            out.push_str(&line);
        }
    }
    // Same trailing newline convention as the selection, and its line endings.
    let out = out.trim_end_matches(['\n', '\r']).to_string();
    let out = if original.ends_with('\n') {
        format!("{out}\n")
    } else {
        out
    };
    if original.contains("\r\n") {
        out.replace("\r\n", "\n").replace('\n', "\r\n")
    } else {
        out
    }
}

/// The full pipeline: extract, restore redacted secrets, fit to the selection.
pub fn replacement(
    reply: &str,
    language: &str,
    original: &str,
    line_prefix: &str,
    restore: &[(String, String)],
) -> Result<String, ReplyError> {
    let code = extract_code(reply, language)?;
    let code = super::redact::restore(&code, restore);
    Ok(fit_to_selection(&code, original, line_prefix))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefers_the_block_in_the_language() {
        let r = "Here:\n```text\nnot this\n```\n```py\nx = 1\n```\n";
        assert_eq!(extract_code(r, "python").unwrap(), "x = 1\n");
        let r = "Sure.\n\n```\nlet a = 1;\n```\nDone.";
        assert_eq!(extract_code(r, "rust").unwrap(), "let a = 1;\n");
        let r = "```js\na()\n```\n```css\nb{}\n```";
        assert!(matches!(
            extract_code(r, "python"),
            Err(ReplyError::Ambiguous(2, _))
        ));
    }

    #[test]
    fn bare_code_is_accepted_and_prose_is_not() {
        assert_eq!(
            extract_code("x = compute(1)\nreturn x\n", "python").unwrap(),
            "x = compute(1)\nreturn x\n"
        );
        assert_eq!(
            extract_code(
                "I would rewrite this function to use a context manager instead.\nIt is safer that way.",
                "python"
            ),
            Err(ReplyError::NoCode)
        );
        assert_eq!(
            extract_code("```python\nx = 1\n", "python"),
            Err(ReplyError::CutOff)
        );
    }

    #[test]
    fn longer_fences_hold_inner_fences() {
        let r = "````markdown\n# T\n```py\nx\n```\n````\n";
        assert_eq!(extract_code(r, "markdown").unwrap(), "# T\n```py\nx\n```\n");
    }

    #[test]
    fn indentation_and_trailing_newline_follow_the_selection() {
        let original = "    if a:\n        go()\n";
        let code = "if a:\n    try:\n        go()\n    except OSError:\n        pass\n";
        assert_eq!(
            fit_to_selection(code, original, ""),
            "    if a:\n        try:\n            go()\n        except OSError:\n            pass\n"
        );
        // Selection started after the indentation (editor selected from the first non-blank).
        let fitted = fit_to_selection("x = 1\ny = 2", "x = 0\n    y = 0", "    ");
        assert_eq!(fitted, "x = 1\n    y = 2");
        // Mid-line expression, no trailing newline.
        assert_eq!(fit_to_selection("  a + b\n", "a+b", "total = "), "a + b");
    }

    #[test]
    fn crlf_selections_get_crlf_replacements() {
        let out = fit_to_selection("if a:\n    b()\n", "    if a:\r\n        c()\r\n", "");
        assert_eq!(out, "    if a:\r\n        b()\r\n");
    }

    #[test]
    fn placeholders_are_restored() {
        let pairs = vec![("<redacted-secret-1>".to_string(), "hunter2".to_string())];
        let out = replacement(
            "```python\npw = \"<redacted-secret-1>\"\n```",
            "python",
            "pw='x'\n",
            "",
            &pairs,
        )
        .unwrap();
        assert_eq!(out, "pw = \"hunter2\"\n");
    }

    #[test]
    fn syntax_errors_are_found_where_a_grammar_exists() {
        use crate::skills::tips::structural::trees::syntax_error;
        for (lang, text, bad) in [
            (
                "python",
                "def f():\n    try:\n        x = 1\n    return x\n",
                true,
            ),
            ("python", "def f():\n    return 1\n", false),
            (
                "javascript",
                "function f() {\n  if (x) {\n    return 1;\n}\n",
                true,
            ),
            ("json", "{\"a\": 1", true),
            ("plaintext", "{{{", false),
        ] {
            assert_eq!(syntax_error(lang, text).is_some(), bad, "{lang}: {text:?}");
        }
    }
}

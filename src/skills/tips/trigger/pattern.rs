//! The regex and glob helpers of declared triggers: whether a pattern needs the whole text or a
//! window of lines, its ASCII-word-boundary prefilter form, and globs in our dialect.

use globset::{GlobSet, GlobSetBuilder};

use crate::skills::globs;

/// Does the pattern need the whole text (multi-line flags or an explicit line break)?
pub fn is_span_pattern(p: &str) -> bool {
    if p.contains("\\n") {
        return true;
    }
    let b = p.as_bytes();
    let mut i = 0;
    while i + 1 < b.len() {
        if b[i] == b'\\' {
            i += 2;
            continue;
        }
        if b[i] == b'(' && b[i + 1] == b'?' {
            let mut j = i + 2;
            while j < b.len() && b[j].is_ascii_alphabetic() {
                if b[j] == b'm' || b[j] == b's' {
                    return true;
                }
                j += 1;
            }
        }
        i += 1;
    }
    false
}

/// The pattern with `\b` / `\B` made ASCII word boundaries and `\w` / `\d` / `\W` / `\D` made
/// small supersets, for prefiltering only. A Unicode word
/// boundary makes the lazy DFA give up on any non-ASCII text (one `é` in a file turned a 3 ms scan
/// into 4 s of NFA simulation); the ASCII variant keeps it on the DFA. Candidates it finds are
/// then checked with the exact (Unicode) pattern, line by line.
pub fn ascii_boundaries(p: &str) -> String {
    let mut out = String::with_capacity(p.len() + 16);
    let mut chars = p.chars().peekable();
    let mut class_depth = 0usize;
    let mut negations: Vec<bool> = Vec::new();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let Some(n) = chars.next() else {
                    out.push(c);
                    break;
                };
                // Unicode `\w` / `\d` compile to large UTF-8 automata (tens of KB per use, and
                // more DFA states). ASCII word characters plus every non-ASCII character is a
                // superset, so the prefilter still never misses what the exact pattern matches.
                // Inside a negated class a smaller set would be a larger complement: keep it.
                let negated = negations.last().copied().unwrap_or(false);
                match (n, if negated { usize::MAX } else { class_depth }) {
                    ('b', 0) => out.push_str("(?-u:\\b)"),
                    ('B', 0) => out.push_str("(?-u:\\B)"),
                    ('w', 0) => out.push_str("[0-9A-Za-z_\\x{80}-\\x{10FFFF}]"),
                    ('w', d) if d != usize::MAX => out.push_str("0-9A-Za-z_\\x{80}-\\x{10FFFF}"),
                    ('d', 0) => out.push_str("[0-9\\x{80}-\\x{10FFFF}]"),
                    ('d', d) if d != usize::MAX => out.push_str("0-9\\x{80}-\\x{10FFFF}"),
                    ('W', 0) => out.push_str("[^0-9A-Za-z_]"),
                    ('D', 0) => out.push_str("[^0-9]"),
                    _ => {
                        out.push(c);
                        out.push(n);
                    }
                }
            }
            '[' => {
                class_depth += 1;
                out.push(c);
                // `[]` and `[^]` at the start of a class are literal brackets.
                let neg = chars.peek() == Some(&'^');
                negations.push(neg || negations.last().copied().unwrap_or(false));
                if neg {
                    out.push(chars.next().unwrap());
                }
                if chars.peek() == Some(&']') {
                    out.push(chars.next().unwrap());
                }
            }
            ']' if class_depth > 0 => {
                class_depth -= 1;
                negations.pop();
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// Can a span pattern run on a window of whole lines with the same matches as on the whole
/// text? Not when it anchors at the text's ends (`\A`, `\z`, or `^`/`$` without `(?m)`).
pub fn is_windowable(p: &str) -> bool {
    if p.contains("\\A") || p.contains("\\z") {
        return false;
    }
    let multi_line = {
        let b = p.as_bytes();
        (0..b.len().saturating_sub(1)).any(|i| {
            b[i] == b'(' && b[i + 1] == b'?' && (i == 0 || b[i - 1] != b'\\') && {
                let flags: Vec<u8> = b[i + 2..]
                    .iter()
                    .take_while(|c| c.is_ascii_alphabetic())
                    .copied()
                    .collect();
                flags.contains(&b'm')
            }
        })
    };
    multi_line || (!p.contains('^') && !p.contains('$'))
}

/// A list of globs that does not compile.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GlobError {
    #[error("bad glob `{pattern}`: {source}")]
    Bad {
        pattern: String,
        source: globset::Error,
    },
    /// The set as a whole (globset's own limits).
    #[error("{0}")]
    Set(globset::Error),
}

/// Compile globs in our dialect (see "Glob dialect" in `docs/skill-format.md`).
pub fn glob_set(patterns: &[String]) -> Result<Option<GlobSet>, GlobError> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        let g = globs::build(&globs::normalize(p), false).map_err(|source| GlobError::Bad {
            pattern: p.clone(),
            source,
        })?;
        b.add(g);
    }
    b.build().map(Some).map_err(GlobError::Set)
}

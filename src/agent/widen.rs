//! Replies that repeat the code around their target. Models asked to rewrite a few lines often
//! answer with the whole construct: the `try:` above an `except … pass` quickfix, the function
//! header above a body, the closing brace below it. Applied verbatim over the target, such a reply
//! leaves the repeated lines twice and breaks the file. [`widen`] finds the overlap and widens the
//! range to replace to the construct the reply contains, or refuses when it cannot tell how the
//! reply fits. Works on lines and indentation only (no grammar), so it is the same for every
//! language.

use std::ops::Range;

/// How far above and below the target the repeated lines are looked for.
const LOOK_AROUND: usize = 40;
/// Most lines after the target a reply's tail may repeat.
const MAX_TAIL: usize = 3;

/// The range to replace, and why it differs from the target.
#[derive(Debug, Clone, PartialEq)]
pub struct Widened {
    pub range: Range<usize>,
    /// Set when the range was widened: a sentence for logs and messages.
    pub why: Option<String>,
}

/// A reply that repeats the code above its target but not enough of it to place.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error(
    "the reply starts with `{first}` from line {line}, above the selected code, but leaves out most of the {between} lines in between; not guessing how it fits"
)]
pub struct Unplaceable {
    /// The reply's first line (trimmed).
    pub first: String,
    /// The 1-based line above the target that it repeats.
    pub line: usize,
    /// Non-blank lines between that line and the target.
    pub between: usize,
}

/// Byte ranges of the lines of `text` (without their line break).
fn lines(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, _) in text.match_indices('\n') {
        let end = if i > start && text.as_bytes()[i - 1] == b'\r' {
            i - 1
        } else {
            i
        };
        out.push(start..end);
        start = i + 1;
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

/// A line that says something (not only brackets, punctuation or blank).
fn substantive(line: &str) -> bool {
    line.chars().any(char::is_alphanumeric)
}

/// Opening minus closing brackets, outside string literals (roughly: quotes toggle).
fn balance(text: &str) -> i64 {
    let mut n = 0i64;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for c in text.chars() {
        if let Some(q) = quote {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == q || c == '\n' {
                quote = None;
            }
            continue;
        }
        match c {
            '"' | '\'' | '`' => quote = Some(c),
            '(' | '[' | '{' => n += 1,
            ')' | ']' | '}' => n -= 1,
            _ => {}
        }
    }
    n
}

/// The range of `text` that `code` (the reply's code, before re-indenting) should replace when
/// the agent was asked to rewrite `target`. `Err` says why the edit is refused.
pub fn widen(text: &str, target: Range<usize>, code: &str) -> Result<Widened, Unplaceable> {
    let same = Ok(Widened {
        range: target.clone(),
        why: None,
    });
    let doc = lines(text);
    if doc.is_empty() || target.start > text.len() || target.end > text.len() {
        return same;
    }
    let line_of = |off: usize| {
        doc.iter()
            .position(|r| off <= r.end)
            .unwrap_or(doc.len() - 1)
    };
    let first = line_of(target.start);
    // Only whole-line targets: a mid-line expression cannot repeat a header.
    if !text[doc[first].start..target.start].trim().is_empty() {
        return same;
    }
    let last = if target.end > target.start {
        line_of(target.end - 1)
    } else {
        first
    };
    if !text[target.end.min(doc[last].end)..doc[last].end]
        .trim()
        .is_empty()
    {
        return same;
    }
    let trimmed = |i: usize| text[doc[i].clone()].trim();
    let target_lines: Vec<&str> = (first..=last)
        .map(trimmed)
        .filter(|l| !l.is_empty())
        .collect();
    let reply: Vec<&str> = code
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let (Some(&reply_first), Some(&reply_last)) = (reply.first(), reply.last()) else {
        return same;
    };
    let target_indent = (first..=last)
        .map(|i| &text[doc[i].clone()])
        .find(|l| !l.trim().is_empty())
        .map(indent)
        .unwrap_or(0);

    // Head: the reply opens with a line found above the target (the enclosing header, or the
    // lines just before it) and not in the target itself.
    let mut start_line = first;
    let mut head_why = None;
    if substantive(reply_first) && !target_lines.contains(&reply_first) {
        let header = (first.saturating_sub(LOOK_AROUND)..first)
            .rev()
            .find(|&h| trimmed(h) == reply_first && indent(&text[doc[h].clone()]) <= target_indent);
        if let Some(h) = header {
            // The lines between the header and the target must be in the reply too (perhaps
            // changed), or the reply is an excerpt we cannot place.
            let between: Vec<&str> = (h + 1..first)
                .map(trimmed)
                .filter(|l| !l.is_empty())
                .collect();
            let kept = between.iter().filter(|l| reply.contains(l)).count();
            if kept * 2 < between.len() {
                return Err(Unplaceable {
                    first: reply_first.to_string(),
                    line: h + 1,
                    between: between.len(),
                });
            }
            start_line = h;
            head_why = Some(format!("line {}", h + 1));
        }
    }

    // Tail: the reply's last lines repeat the lines right after the target.
    let after: Vec<usize> = (last + 1..doc.len().min(last + 1 + LOOK_AROUND))
        .filter(|&i| !trimmed(i).is_empty())
        .take(MAX_TAIL)
        .collect();
    let region = |s: usize, e: usize| &text[doc[s].start..doc[e].end];
    let mut end_line = last;
    for m in (1..=after.len().min(reply.len().saturating_sub(1))).rev() {
        let tail = &reply[reply.len() - m..];
        let repeated = tail.iter().zip(&after[..m]).all(|(r, &i)| *r == trimmed(i));
        if !repeated {
            continue;
        }
        let ends_like_target =
            target_lines.len() >= m && target_lines[target_lines.len() - m..] == *tail;
        let says_something = tail.iter().any(|l| substantive(l));
        // A reply that ends like the target ends is ambiguous unless it also took the header.
        if ends_like_target && head_why.is_none() {
            continue;
        }
        if !says_something && head_why.is_none() {
            continue;
        }
        // Brackets must balance as they do in the code replaced.
        if balance(code) != balance(region(start_line, after[m - 1])) {
            continue;
        }
        end_line = after[m - 1];
        break;
    }
    let _ = reply_last;
    if start_line == first && end_line == last {
        return same;
    }
    let start = doc[start_line].start;
    let end = if end_line == last {
        target.end
    } else {
        // Keep the target's convention: through the line break when the target had it.
        let had_break = target.end > doc[last].end;
        if had_break {
            text[doc[end_line].end..]
                .find('\n')
                .map(|i| doc[end_line].end + i + 1)
                .unwrap_or(text.len())
        } else {
            doc[end_line].end
        }
    };
    let mut parts = Vec::new();
    if let Some(h) = head_why {
        parts.push(format!("from {h}"));
    }
    if end_line != last {
        parts.push(format!("through line {}", end_line + 1));
    }
    Ok(Widened {
        range: start..end,
        why: Some(format!(
            "the reply repeats the code around the selection, so the edit covers it ({})",
            parts.join(", ")
        )),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PY: &str = "def load(p):\n    try:\n        data = open(p).read()\n    except Exception:\n        pass\n    return data\n";

    fn span(text: &str, from: &str, to: &str) -> Range<usize> {
        let s = text.find(from).unwrap();
        let s = text[..s].rfind('\n').map(|i| i + 1).unwrap_or(0);
        let e = text.find(to).unwrap() + to.len();
        s..e
    }

    #[test]
    fn a_reply_with_the_enclosing_try_covers_it() {
        let target = span(PY, "    except Exception:", "        pass\n");
        let code = "try:\n    data = open(p).read()\nexcept OSError:\n    data = None\n";
        let w = widen(PY, target, code).unwrap();
        assert_eq!(
            &PY[w.range.clone()],
            "    try:\n        data = open(p).read()\n    except Exception:\n        pass\n"
        );
        assert!(w.why.unwrap().contains("line 2"));
    }

    #[test]
    fn a_reply_that_only_rewrites_the_target_is_left_alone() {
        let target = span(PY, "    except Exception:", "        pass\n");
        let code = "except OSError:\n    data = None\n";
        assert_eq!(
            widen(PY, target.clone(), code).unwrap(),
            Widened {
                range: target,
                why: None
            }
        );
    }

    #[test]
    fn a_header_without_the_lines_between_is_refused() {
        let text = "def f():\n    try:\n        a()\n        b()\n        c()\n    except Exception:\n        pass\n";
        let target = span(text, "    except Exception:", "        pass\n");
        let code = "try:\n    z()\nexcept OSError:\n    log()\n";
        let e = widen(text, target, code).unwrap_err();
        assert_eq!((e.first.as_str(), e.line, e.between), ("try:", 2, 3));
        let e = e.to_string();
        assert!(e.contains("`try:`") && e.contains("line 2"), "{e}");
    }

    #[test]
    fn a_function_body_reply_with_header_and_brace_covers_both() {
        let text = "fn f() {\n    let x = 1;\n    if x > 0 {\n        go();\n    }\n}\nfn g() {}\n";
        let target = span(text, "    let x = 1;", "    }\n");
        let code = "fn f() {\n    let x = 2;\n    if x > 0 {\n        go();\n    }\n}\n";
        let w = widen(text, target, code).unwrap();
        assert_eq!(
            &text[w.range],
            "fn f() {\n    let x = 1;\n    if x > 0 {\n        go();\n    }\n}\n"
        );
    }

    #[test]
    fn a_repeated_next_line_is_covered() {
        let target = span(PY, "    except Exception:", "        pass\n");
        let code = "except OSError:\n    data = None\nreturn data\n";
        let w = widen(PY, target, code).unwrap();
        assert_eq!(
            &PY[w.range],
            "    except Exception:\n        pass\n    return data\n"
        );
    }

    #[test]
    fn mid_line_targets_are_never_widened() {
        let text = "total = a+b\n";
        let w = widen(text, 8..11, "total = a + b").unwrap();
        assert_eq!(w.range, 8..11);
    }
}

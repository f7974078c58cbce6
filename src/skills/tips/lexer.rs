//! Code / comment / string classification per language family, and the async and test scopes a
//! trigger's `context` can ask for, where no syntax tree answers: languages whose grammar judges
//! context (`structural::context::judges`: Python, JS/TS, Go, Rust, Bash, YAML, Dockerfile, HCL)
//! read it off their tree. The
//! scanner still gives comment syntax for every language (ignore comments, code actions) and
//! classifies skills' own example blocks.
//!
//! Best effort by design: a small byte scanner per family, no parser. All delimiters are ASCII, so
//! every region boundary falls on a UTF-8 character boundary.

mod scopes;
mod syntax;
pub use scopes::{ASYNC, Scopes, TEST, is_test_path, scopes};
use syntax::Quote;
pub use syntax::{Syntax, comment_syntax, syntax_for};

/// What a byte of the document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Code,
    Comment,
    String,
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

#[cfg(test)]
mod tests;

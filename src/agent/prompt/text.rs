//! Text geometry for the prompt: fences, line arithmetic and the enclosing block of an offset.

use std::ops::Range;

/// A fenced block whose fence is longer than any backtick run inside.
pub fn fenced(code: &str, lang: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in code.chars() {
        if c == '`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    let fence = "`".repeat(longest.max(2) + 1);
    let body = code.strip_suffix('\n').unwrap_or(code);
    format!("{fence}{lang}\n{body}\n{fence}\n")
}

pub(super) fn clamp(text: &str, r: Range<usize>) -> Range<usize> {
    let mut s = r.start.min(text.len());
    let mut e = r.end.min(text.len()).max(s);
    while !text.is_char_boundary(s) {
        s -= 1;
    }
    while !text.is_char_boundary(e) {
        e += 1;
    }
    s..e
}

/// 0-based line of a byte offset.
pub(super) fn line_of(text: &str, offset: usize) -> u32 {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count() as u32
}

pub(super) fn line_start(text: &str, offset: usize) -> usize {
    text[..offset].rfind('\n').map(|i| i + 1).unwrap_or(0)
}

pub(super) fn line_end(text: &str, offset: usize) -> usize {
    text[offset..]
        .find('\n')
        .map(|i| offset + i + 1)
        .unwrap_or(text.len())
}

pub(super) fn line_start_n_before(text: &str, offset: usize, n: usize) -> usize {
    let mut start = line_start(text, offset);
    for _ in 0..n {
        if start == 0 {
            break;
        }
        start = line_start(text, start - 1);
    }
    start
}

pub(super) fn line_end_n_after(text: &str, offset: usize, n: usize) -> usize {
    // When the target ends at a line start, the following lines are "after".
    let mut end = if offset == 0 || text.as_bytes().get(offset - 1) == Some(&b'\n') {
        offset
    } else {
        line_end(text, offset)
    };
    for _ in 0..n {
        if end >= text.len() {
            break;
        }
        end = line_end(text, end);
    }
    end
}

pub(super) fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

/// The block around a cursor, by indentation: the nearest line above with less indentation that
/// opens a block, down to where the indentation returns (plus a closing `}` / `end` line). Falls
/// back to the cursor's line for top-level code or huge blocks.
pub fn enclosing_block(text: &str, offset: usize) -> Range<usize> {
    let offset = clamp(text, offset..offset).start;
    let lines: Vec<(usize, &str)> = {
        let mut v = Vec::new();
        let mut pos = 0;
        for l in text.split_inclusive('\n') {
            v.push((pos, l));
            pos += l.len();
        }
        v
    };
    if lines.is_empty() {
        return 0..0;
    }
    let cur = (line_of(text, offset) as usize).min(lines.len() - 1);
    let blank = |i: usize| lines[i].1.trim().is_empty();
    let next_nonblank = |i: usize| (i + 1..lines.len()).find(|&j| !blank(j));
    // The header: this line if the next one is indented deeper, else the nearest shallower line above.
    let mut header = None;
    if !blank(cur)
        && let Some(n) = next_nonblank(cur)
        && indent_of(lines[n].1) > indent_of(lines[cur].1)
    {
        header = Some(cur);
    }
    if header.is_none() {
        let base = if blank(cur) {
            (0..cur)
                .rev()
                .find(|&j| !blank(j))
                .map(|j| indent_of(lines[j].1))
                .unwrap_or(0)
        } else {
            indent_of(lines[cur].1)
        };
        header = (0..cur)
            .rev()
            .find(|&j| !blank(j) && indent_of(lines[j].1) < base);
    }
    let Some(h) = header else {
        return lines[cur].0..lines[cur].0 + lines[cur].1.len();
    };
    let hi = indent_of(lines[h].1);
    let mut end = h;
    for (j, &(_, l)) in lines.iter().enumerate().skip(h + 1) {
        if l.trim().is_empty() {
            continue;
        }
        if indent_of(l) > hi {
            end = j;
            continue;
        }
        let t = l.trim_start();
        if indent_of(l) == hi
            && (t.starts_with('}')
                || t.starts_with(')')
                || t.starts_with(']')
                || t == "end"
                || t.starts_with("end ")
                || t.starts_with("fi")
                || t.starts_with("done")
                || t.starts_with("esac"))
        {
            end = j;
        }
        break;
    }
    if end - h > 400 {
        return lines[cur].0..lines[cur].0 + lines[cur].1.len();
    }
    lines[h].0..lines[end].0 + lines[end].1.len()
}

//! Markdown bodies split into sections by heading (CommonMark via `pulldown-cmark`), each with its
//! heading path, line range, prose, fenced code blocks (classified bad / good / neutral) and HTML
//! comments (where tip triggers live).

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::model::{CodeBlock, Marker, Section, SkillText};

/// Split `body` (the text after the frontmatter, which starts at 0-based line `first_line` of the
/// file) into sections.
pub fn sections(body: &str, first_line: u32) -> Vec<Section> {
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(body.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line_of = |byte: usize| -> u32 {
        let idx = line_starts
            .partition_point(|&s| s <= byte)
            .saturating_sub(1);
        first_line + idx as u32
    };
    let total_lines = first_line + line_starts.len() as u32;

    let mut out: Vec<Section> = Vec::new();
    let mut stack: Vec<(u8, String)> = Vec::new();
    // Byte ranges (within `body`) removed from prose: headings, code blocks, HTML comments.
    let mut cut: Vec<Vec<(usize, usize)>> = Vec::new();
    let mut starts: Vec<usize> = Vec::new();

    let mut cur = Section {
        heading_path: Vec::new(),
        level: 0,
        line_start: first_line,
        line_end: total_lines,
        prose: String::new(),
        code_blocks: Vec::new(),
        comments: Vec::new(),
    };
    let mut cur_cut: Vec<(usize, usize)> = Vec::new();
    let mut cur_start = 0usize;
    // Where the previous block-level thing ended, to find the prose line just before a code block.
    let mut last_block_end = 0usize;

    let mut heading: Option<(u8, usize, String)> = None;
    let mut code: Option<(Option<String>, Vec<String>, usize, String)> = None;
    let mut html: Option<(usize, String)> = None;

    // No extensions: tables and strikethrough change nothing we keep, and cost parse time.
    let parser = Parser::new_ext(body, Options::empty()).into_offset_iter();
    for (event, range) in parser {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((level_num(level), range.start, String::new()));
                cur_cut.push((range.start, range.end));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, start, title)) = heading.take() {
                    // Close the current section.
                    cur.line_end = line_of(start);
                    out.push(std::mem::replace(
                        &mut cur,
                        Section {
                            heading_path: Vec::new(),
                            level,
                            line_start: line_of(start),
                            line_end: total_lines,
                            prose: String::new(),
                            code_blocks: Vec::new(),
                            comments: Vec::new(),
                        },
                    ));
                    cut.push(std::mem::take(&mut cur_cut));
                    starts.push(cur_start);
                    cur_start = start;
                    cur_cut.push((start, range.end));
                    while stack.last().is_some_and(|(l, _)| *l >= level) {
                        stack.pop();
                    }
                    stack.push((level, title.trim().to_string()));
                    cur.heading_path = stack.iter().map(|(_, t)| t.clone()).collect();
                    last_block_end = range.end;
                }
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let (lang, words) = match &kind {
                    CodeBlockKind::Fenced(info) => {
                        let words: Vec<String> = info
                            .split(|c: char| c.is_whitespace() || c == ',' || c == '{' || c == '}')
                            .filter(|w| !w.is_empty())
                            .map(|w| w.to_ascii_lowercase())
                            .collect();
                        (words.first().cloned(), words)
                    }
                    CodeBlockKind::Indented => (None, Vec::new()),
                };
                code = Some((lang, words, range.start, String::new()));
                cur_cut.push((range.start, range.end));
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((lang, words, start, mut text)) = code.take() {
                    text.shrink_to_fit();
                    let before = body.get(last_block_end..start).unwrap_or("");
                    let marker = classify(&words, &text, before);
                    cur.code_blocks.push(CodeBlock {
                        lang,
                        code: text,
                        line: line_of(start),
                        marker,
                    });
                    last_block_end = range.end;
                }
            }
            Event::Text(t) => {
                if let Some((_, _, _, buf)) = code.as_mut() {
                    buf.push_str(&t);
                } else if let Some((_, _, title)) = heading.as_mut() {
                    title.push_str(&t);
                }
            }
            Event::Code(t) => {
                if let Some((_, _, title)) = heading.as_mut() {
                    title.push_str(&t);
                }
            }
            Event::Start(Tag::HtmlBlock) => html = Some((range.start, String::new())),
            Event::End(TagEnd::HtmlBlock) => {
                if let Some((start, text)) = html.take() {
                    push_comments(&text, start, &line_of, &mut cur.comments);
                    cur_cut.push((start, range.end));
                }
            }
            Event::Html(t) => {
                if let Some((_, buf)) = html.as_mut() {
                    buf.push_str(&t);
                }
            }
            Event::InlineHtml(t) if t.trim_start().starts_with("<!--") => {
                push_comments(&t, range.start, &line_of, &mut cur.comments);
                cur_cut.push((range.start, range.end));
            }
            Event::End(TagEnd::Paragraph)
            | Event::End(TagEnd::List(_))
            | Event::End(TagEnd::Table) => {
                let _ = &range;
            }
            _ => {}
        }
    }
    out.push(cur);
    cut.push(cur_cut);
    starts.push(cur_start);

    // Prose: each section's source minus headings, code and comments.
    for (i, section) in out.iter_mut().enumerate() {
        let start = starts[i];
        let end = if i + 1 < starts.len() {
            starts[i + 1]
        } else {
            body.len()
        };
        let mut prose = String::new();
        let mut pos = start;
        let mut cuts = cut[i].clone();
        cuts.sort();
        for (a, b) in cuts {
            if a > pos {
                prose.push_str(&body[pos..a.min(end)]);
            }
            pos = pos.max(b);
        }
        if pos < end {
            prose.push_str(&body[pos..end]);
        }
        section.prose = collapse_blank_lines(prose.trim(), true);
        // A library keeps tens of thousands of sections for its lifetime: growth slack in
        // their strings and vectors was a fifth of the resident size.
        section.prose.shrink_to_fit();
        section.code_blocks.shrink_to_fit();
        section.comments.shrink_to_fit();
    }
    // Drop an empty preamble (nothing before the first heading).
    if out.len() > 1
        && out[0].heading_path.is_empty()
        && out[0].prose.is_empty()
        && out[0].code_blocks.is_empty()
        && out[0].comments.is_empty()
    {
        out.remove(0);
    }
    out.shrink_to_fit();
    out
}

fn push_comments(
    text: &str,
    start: usize,
    line_of: &dyn Fn(usize) -> u32,
    out: &mut Vec<(u32, SkillText)>,
) {
    let mut rest = text;
    let mut base = start;
    while let Some(open) = rest.find("<!--") {
        let after = &rest[open + 4..];
        let Some(close) = after.find("-->") else {
            break;
        };
        out.push((line_of(base + open), SkillText::from(&after[..close])));
        let consumed = open + 4 + close + 3;
        base += consumed;
        rest = &rest[consumed..];
    }
}

/// `s` with runs of blank lines cut to one (removing comments leaves such runs), trailing
/// whitespace trimmed, and each line's trailing whitespace too when `trim_lines`.
pub(crate) fn collapse_blank_lines(s: &str, trim_lines: bool) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank = 0;
    for line in s.lines() {
        if line.trim().is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        out.push_str(if trim_lines { line.trim_end() } else { line });
        out.push('\n');
    }
    out.trim_end().to_string()
}

fn level_num(l: HeadingLevel) -> u8 {
    match l {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

const BAD_WORDS: &[&str] = &[
    "bad",
    "don't",
    "dont",
    "avoid",
    "wrong",
    "incorrect",
    "anti-pattern",
    "antipattern",
    "❌",
    "never",
    "before",
];
const GOOD_WORDS: &[&str] = &[
    "good",
    "do",
    "prefer",
    "better",
    "correct",
    "instead",
    "fixed",
    "✅",
    "recommended",
    "after",
];
const INFO_BAD: &[&str] = &["bad", "avoid", "wrong", "dont"];
const INFO_GOOD: &[&str] = &["good", "prefer", "correct", "do"];

/// Bad / good / neutral, by the rules documented in `docs/skill-format.md`.
pub fn classify(info_words: &[String], code: &str, prose_before: &str) -> Marker {
    for w in info_words.iter().skip(1) {
        if INFO_BAD.contains(&w.as_str()) {
            return Marker::Bad;
        }
        if INFO_GOOD.contains(&w.as_str()) {
            return Marker::Good;
        }
    }
    if let Some(first) = code.lines().find(|l| !l.trim().is_empty())
        && let Some(m) = comment_marker(first)
    {
        return m;
    }
    if let Some(last) = prose_before.lines().rev().find(|l| !l.trim().is_empty()) {
        let t = last.trim().trim_end_matches(['*', '_']).trim();
        if t.ends_with(':')
            && let Some(m) = leading_word_marker(t)
        {
            return m;
        }
    }
    Marker::Neutral
}

fn comment_marker(line: &str) -> Option<Marker> {
    let t = line.trim();
    let leaders = ["<!--", "/*", "//", "--", "#", ";", "%", "'"];
    let rest = leaders.iter().find_map(|l| t.strip_prefix(l))?;
    let rest = rest.trim_start_matches(['*', ' ', '!', '-']);
    // Only an explicit marker word at the start counts; "# Do the thing" would be noisy, so the
    // short good words need a colon or a dash after them.
    let word: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '\'' || *c == '-' || !c.is_ascii())
        .collect();
    let after = rest[word.len()..].trim_start();
    let lw = word.to_lowercase();
    let strong_bad = [
        "bad",
        "wrong",
        "incorrect",
        "anti-pattern",
        "antipattern",
        "❌",
        "avoid",
        "don't",
        "dont",
    ];
    let strong_good = [
        "good",
        "correct",
        "better",
        "✅",
        "fixed",
        "recommended",
        "prefer",
    ];
    if strong_bad.contains(&lw.as_str())
        && (word.chars().all(|c| !c.is_lowercase())
            || after.is_empty()
            || after.starts_with([':', '-', '—', '('])
            || lw != "avoid")
    {
        return Some(Marker::Bad);
    }
    if strong_good.contains(&lw.as_str())
        && (word.chars().all(|c| !c.is_lowercase())
            || after.is_empty()
            || after.starts_with([':', '-', '—', '(']))
    {
        return Some(Marker::Good);
    }
    if rest.starts_with('❌') {
        return Some(Marker::Bad);
    }
    if rest.starts_with('✅') {
        return Some(Marker::Good);
    }
    None
}

fn leading_word_marker(t: &str) -> Option<Marker> {
    let t = t.trim_start_matches(['*', '_', '#', '>', '-', ' ']);
    if t.starts_with('❌') {
        return Some(Marker::Bad);
    }
    if t.starts_with('✅') {
        return Some(Marker::Good);
    }
    let word: String = t
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '\'' || *c == '-')
        .collect::<String>()
        .to_lowercase();
    if BAD_WORDS.contains(&word.as_str()) {
        return Some(Marker::Bad);
    }
    if GOOD_WORDS.contains(&word.as_str()) {
        return Some(Marker::Good);
    }
    None
}

/// The first paragraph of a body (for files without a description).
pub fn first_paragraph(body: &str) -> String {
    let mut in_para = false;
    let mut text = String::new();
    for event in Parser::new(body) {
        match event {
            Event::Start(Tag::Paragraph) => in_para = true,
            Event::End(TagEnd::Paragraph) => {
                if !text.trim().is_empty() {
                    break;
                }
                in_para = false;
            }
            Event::Text(t) | Event::Code(t) if in_para => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak if in_para => text.push(' '),
            _ => {}
        }
    }
    let t = text.trim();
    if t.chars().count() > 300 {
        let cut: String = t.chars().take(297).collect();
        format!("{cut}...")
    } else {
        t.to_string()
    }
}

/// The first level-1 heading, if any.
pub fn first_heading(body: &str) -> Option<String> {
    let mut inside = false;
    let mut text = String::new();
    for event in Parser::new(body) {
        match event {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            }) => inside = true,
            Event::End(TagEnd::Heading(_)) if inside => {
                return Some(text.trim().to_string()).filter(|s| !s.is_empty());
            }
            Event::Text(t) | Event::Code(t) if inside => text.push_str(&t),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "Intro line.\n\n# Top\n\nSome prose.\n\n## Blind except\n\n<!-- skill-lsp tip\nid: x\n-->\n\nWhy it hurts.\n\n```python\n# BAD\ntry:\n    f()\nexcept:\n    pass\n```\n\n```python\n# GOOD\ntry:\n    f()\nexcept ValueError:\n    log()\n```\n\nBad:\n\n```js\nvar x = 1\n```\n\n### Deeper\n\ntext\n";

    #[test]
    fn splits_sections_with_paths_and_lines() {
        let s = sections(DOC, 10);
        let titles: Vec<_> = s.iter().map(|s| s.heading_path.join(" > ")).collect();
        assert_eq!(
            titles,
            vec![
                "",
                "Top",
                "Top > Blind except",
                "Top > Blind except > Deeper"
            ]
        );
        assert_eq!(s[0].prose, "Intro line.");
        assert_eq!(s[1].line_start, 12);
        assert_eq!(s[1].line_end, 16);
        assert_eq!(s[2].line_start, 16);
        let be = &s[2];
        assert_eq!(be.code_blocks.len(), 3);
        assert_eq!(be.code_blocks[0].marker, Marker::Bad);
        assert_eq!(be.code_blocks[0].lang.as_deref(), Some("python"));
        assert_eq!(be.code_blocks[0].line, 10 + 14);
        assert_eq!(be.code_blocks[1].marker, Marker::Good);
        assert_eq!(
            be.code_blocks[2].marker,
            Marker::Bad,
            "prose 'Bad:' marks the next block"
        );
        assert_eq!(be.comments.len(), 1);
        assert_eq!(be.comments[0].0, 18);
        assert!(be.comments[0].1.starts_with(" skill-lsp tip"));
        assert!(be.prose.contains("Why it hurts."));
        assert!(
            !be.prose.contains("except"),
            "code removed from prose: {}",
            be.prose
        );
        assert!(
            !be.prose.contains("skill-lsp"),
            "comments removed from prose"
        );
    }

    #[test]
    fn markers() {
        assert_eq!(
            classify(&["python".into(), "bad".into()], "x", ""),
            Marker::Bad
        );
        assert_eq!(
            classify(&["ts".into()], "// ❌ wrong way\nx", ""),
            Marker::Bad
        );
        assert_eq!(
            classify(&["ts".into()], "// Good: with cleanup\nx", ""),
            Marker::Good
        );
        assert_eq!(
            classify(&["sh".into()], "# Don't do this\nx", ""),
            Marker::Bad
        );
        assert_eq!(
            classify(&["sh".into()], "# Install deps\nx", ""),
            Marker::Neutral
        );
        assert_eq!(classify(&["py".into()], "x", "**Don't:**"), Marker::Bad);
        assert_eq!(classify(&["py".into()], "x", "Prefer this:"), Marker::Good);
        assert_eq!(classify(&["py".into()], "x", "Run it:"), Marker::Neutral);
    }

    #[test]
    fn first_paragraph_and_heading() {
        assert_eq!(
            first_paragraph("# T\n\nHello\nworld.\n\nNext."),
            "Hello world."
        );
        assert_eq!(first_heading("# T `x`\n\nHello"), Some("T x".into()));
    }
}

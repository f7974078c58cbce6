//! The words of skills and documents that selection compares: the stop words, a skill's
//! indexed words (name, aliases, description), and a document's terms (imports first, then the
//! words of its path).

use std::collections::{HashMap, HashSet};

use super::DocumentInfo;
use crate::skills::model::{Skill, SkillId};

const STOP: &[&str] = &[
    "the",
    "and",
    "for",
    "with",
    "use",
    "using",
    "when",
    "this",
    "that",
    "your",
    "code",
    "from",
    "into",
    "best",
    "practices",
    "guide",
    "guidelines",
    "rules",
    "patterns",
    "pattern",
    "development",
    "writing",
    "write",
    "build",
    "building",
    "app",
    "apps",
    "application",
    "applications",
    "project",
    "projects",
    "file",
    "files",
    "src",
    "lib",
    "main",
    "index",
    "test",
    "tests",
    "are",
    "not",
    "all",
    "any",
    "how",
    "what",
    "should",
    "must",
    "can",
    "will",
    "you",
    "its",
    "via",
    "new",
    "based",
    "more",
    "also",
    "such",
    "like",
    "each",
    "other",
    "about",
    "help",
    "helps",
    "user",
    "users",
    "data",
    "work",
    "working",
    "tool",
    "tools",
    "skill",
    "skills",
    "including",
    "include",
    "includes",
    "standards",
    "expert",
    "guidance",
    "comprehensive",
    "modern",
    "features",
];

/// `STOP` as a set: every word of every description and path is checked against it.
static STOP_SET: std::sync::LazyLock<HashSet<&'static str>> =
    std::sync::LazyLock::new(|| STOP.iter().copied().collect());

pub(super) fn is_stop(word: &str) -> bool {
    STOP_SET.contains(word)
}

pub(super) fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || c == '+' || c == '#'))
        .filter(|w| w.len() >= 3)
        .map(str::to_ascii_lowercase)
        .filter(|w| !is_stop(w))
}

pub(super) fn index_words(index: &mut HashMap<String, Vec<SkillId>>, id: SkillId, s: &Skill) {
    let mut ws: HashSet<String> = words(&s.name)
        .chain(s.aliases.iter().flat_map(|a| words(a).collect::<Vec<_>>()))
        .collect();
    ws.extend(words(&s.description));
    for w in ws {
        index.entry(w).or_default().push(id);
    }
}

// Built once: `str::find` sets up a new searcher per call, per line of every document.
static FROM: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new(" from "));
static REQUIRE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new("require("));

/// Terms describing a document, for model-decided skills: language, path words, imports.
pub(super) fn doc_terms(doc: &DocumentInfo, rel: Option<&str>) -> (Vec<String>, Vec<String>) {
    let mut strong = Vec::new();
    let mut weak = Vec::new();
    if let Some(rel) = rel {
        for w in words(rel) {
            if !["yml", "yaml", "json", "md", "txt"].contains(&w.as_str()) {
                weak.push(w);
            }
        }
    }
    let mut add = |import: &str| {
        let i = import.trim_start_matches('@');
        // Go modules start with their host (`github.com/gin-gonic/gin`): the package follows.
        let i = match i.split_once('/') {
            Some((host, rest)) if host.contains('.') => rest,
            _ => i,
        };
        for part in i.split(['/', '.', '-', '_']).take(2) {
            // Files repeat their imports' packages: skip known ones before allocating.
            if strong.iter().any(|x: &String| x.eq_ignore_ascii_case(part)) {
                continue;
            }
            let p = part.to_ascii_lowercase();
            if p.len() >= 2
                && !is_stop(&p)
                && ![
                    "github", "com", "org", "std", "crate", "self", "super", "node",
                ]
                .contains(&p.as_str())
            {
                strong.push(p);
            }
        }
    };
    // Imports sit in the first lines; 300 is plenty and bounds the cost on huge files.
    let mut scanned = 0;
    let mut seen: Vec<&str> = Vec::new();
    for line in doc.text.split_inclusive('\n').take(300) {
        scanned += line.len();
        let t = line.trim();
        // Every form below starts with one of these bytes: most lines are ruled out at once.
        if !matches!(t.as_bytes().first(), Some(b'f' | b'i' | b'u' | b'"')) {
            continue;
        }
        let import = if let Some(rest) = t
            .strip_prefix("from ")
            .or_else(|| t.strip_prefix("import "))
        {
            // python `from x.y import z`, `import x`; JS `import x from 'pkg'`
            if let Some(idx) = FROM.find(rest.as_bytes()) {
                quoted(&rest[idx + 6..])
            } else if rest.starts_with(['"', '\'']) {
                quoted(rest)
            } else {
                rest.split(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .next()
            }
        } else if let Some(rest) = t.strip_prefix("use ") {
            rest.split("::").next()
        } else if t.starts_with('"') && t.ends_with('"') && t.contains('/') {
            // Go import blocks.
            quoted(t)
        } else {
            None
        };
        // Files repeat imports (one per function, generated code): each text once.
        if let Some(i) = import
            && !seen.contains(&i)
        {
            seen.push(i);
            add(i);
        }
    }
    // CommonJS `require('x')` can sit anywhere in a line: one search over the scanned text.
    let head = &doc.text[..scanned];
    for idx in REQUIRE.find_iter(head.as_bytes()) {
        let rest = &head[idx + 8..];
        let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
        if let Some(i) = quoted(line)
            && !seen.contains(&i)
        {
            seen.push(i);
            add(i);
        }
    }
    strong.sort();
    strong.dedup();
    weak.sort();
    weak.dedup();
    (strong, weak)
}

fn quoted(s: &str) -> Option<&str> {
    let s = s.trim_start();
    let q = s
        .chars()
        .next()
        .filter(|c| *c == '"' || *c == '\'' || *c == '`')?;
    let rest = &s[1..];
    rest.find(q).map(|end| &rest[..end])
}

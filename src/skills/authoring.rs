//! Help for the people who write guidance files, as plain data (the LSP layer turns it into
//! completion items, hovers and code actions): what can be typed at a place in the frontmatter or
//! in a `<!-- skill-lsp tip` block, what a key means, and the certain fixes of a few problems.
//!
//! Positions are 0-based lines and byte columns in the file's text.

use super::model::SourceFormat;
use super::suggest::did_you_mean;
use super::validate::{self, Kind};

/// Where the cursor is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// In the frontmatter, typing a key (`line` has no `:` before the cursor).
    FrontmatterKey,
    /// In the frontmatter, after `key:`.
    FrontmatterValue,
    /// Inside a `<!-- skill-lsp tip ... -->` block, typing a key.
    TipKey,
    /// Inside a tip block, after `key:`.
    TipValue,
    Body,
}

/// One completion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub label: String,
    /// Text inserted (the label, plus `: ` for keys).
    pub insert: String,
    pub detail: String,
    pub documentation: Option<String>,
    pub is_key: bool,
}

/// The frontmatter's line range: the opening `---` line and the closing one.
fn frontmatter_lines(text: &str) -> Option<(usize, usize)> {
    let mut lines = text.lines();
    let first = lines.next()?.trim_start_matches('\u{feff}');
    if first.trim_end() != "---" {
        return None;
    }
    let end = lines.position(|l| l.trim_end() == "---" || l.trim_end() == "...")?;
    Some((0, end + 1))
}

/// Is `line` inside a tip block (between `<!-- skill-lsp tip` and `-->`)?
fn in_tip_block(text: &str, line: usize) -> bool {
    let mut inside = false;
    for (i, l) in text.lines().enumerate() {
        let t = l.trim_start();
        if i == line {
            return inside && !t.starts_with("<!--");
        }
        if t.starts_with("<!--") && t[4..].trim_start().starts_with("skill-lsp tip") {
            inside = !t.contains("-->");
        } else if inside && t.contains("-->") {
            inside = false;
        }
    }
    false
}

/// Where `(line, col)` is, and the key of its line when there is one before the cursor.
pub fn place(text: &str, line: usize, col: usize) -> (Place, Option<String>) {
    let Some(l) = text.lines().nth(line) else {
        return (Place::Body, None);
    };
    let before = &l[..col.min(l.len())];
    let key = before
        .split_once(':')
        .map(|(k, _)| k.trim().trim_start_matches("- ").trim().to_string());
    let in_fm = frontmatter_lines(text).is_some_and(|(s, e)| line > s && line < e);
    match (in_fm, in_tip_block(text, line), key) {
        (true, _, None) => (Place::FrontmatterKey, None),
        (true, _, Some(k)) => (Place::FrontmatterValue, Some(k)),
        (false, true, None) => (Place::TipKey, None),
        (false, true, Some(k)) => (Place::TipValue, Some(k)),
        _ => (Place::Body, None),
    }
}

/// What a tip block key means.
const TIP_KEYS: &[(&str, &str)] = &[
    (
        "id",
        "The tip's id, unique in the skill: diagnostics show `<skill>/<id>`.",
    ),
    (
        "pattern",
        "Regex that raises the tip (per line; `(?m)`, `(?s)` or `\\n` make it match the whole text). A `hit` group sets the highlighted span.",
    ),
    (
        "message",
        "The diagnostic's message: one sentence on what is wrong and what to do.",
    ),
    (
        "severity",
        "hint | information | warning | error (default information).",
    ),
    (
        "not",
        "Regex: the tip is not raised when it matches the same line.",
    ),
    (
        "unless",
        "Regex: the tip is not raised anywhere in a file where it matches.",
    ),
    (
        "requires",
        "Regex: the tip is raised only in a file where it matches.",
    ),
    (
        "languages",
        "LSP language ids the tip is checked in (default: the skill's).",
    ),
    (
        "paths",
        "Globs (relative to the workspace) the tip is checked in.",
    ),
    ("exclude", "Globs the tip is never checked in."),
    (
        "context",
        "Where a match may start: code (default), any, comment, string, async, not-async, not-test.",
    ),
    (
        "diagnostic",
        "false: the tip answers hovers but raises no diagnostic.",
    ),
    (
        "expect",
        "Code examples that must raise the tip (`skill-lsp test`).",
    ),
    (
        "near",
        "Code examples that must not raise it (`skill-lsp test`).",
    ),
];

const CONTEXTS: &[&str] = &[
    "code",
    "any",
    "comment",
    "string",
    "async",
    "not-async",
    "not-test",
];

/// Completions at `(line, col)` of a guidance file of `format`.
pub fn complete(format: SourceFormat, text: &str, line: usize, col: usize) -> Vec<Item> {
    complete_with(format, text, line, col, &Vec::new)
}

/// [`complete`], with `workspace_globs` asked for (only) when the value of a glob key is being
/// completed: globs made from the workspace's folders and extensions.
pub fn complete_with(
    format: SourceFormat,
    text: &str,
    line: usize,
    col: usize,
    workspace_globs: &dyn Fn() -> Vec<String>,
) -> Vec<Item> {
    let (place, key) = place(text, line, col);
    let key_item = |key: &str, detail: &str, doc: Option<String>| Item {
        label: key.to_string(),
        insert: format!("{key}: "),
        detail: detail.to_string(),
        documentation: doc,
        is_key: true,
    };
    let value_item = |v: &str, detail: &str| Item {
        label: v.to_string(),
        insert: v.to_string(),
        detail: detail.to_string(),
        documentation: None,
        is_key: false,
    };
    match place {
        Place::FrontmatterKey => {
            let present = present_keys(text);
            validate::keys_for(format)
                .into_iter()
                .flatten()
                .chain(validate::ours())
                .filter(|k| !present.iter().any(|p| p == k.key))
                .map(|k| {
                    key_item(
                        k.key,
                        &format!("{} key", format.as_str()),
                        Some(format!("{}\n\n```yaml\n{}\n```", k.doc, k.example)),
                    )
                })
                .collect()
        }
        Place::FrontmatterValue => {
            let Some(doc) = key.as_deref().and_then(|k| validate::key_doc(format, k)) else {
                return Vec::new();
            };
            match doc.kind {
                Kind::Bool => ["true", "false"]
                    .iter()
                    .map(|v| value_item(v, doc.key))
                    .collect(),
                Kind::Enum(words) => words.iter().map(|v| value_item(v, doc.key)).collect(),
                _ if doc.key == "languages" => super::languages::known_ids()
                    .into_iter()
                    .map(|v| value_item(v, "LSP language id"))
                    .collect(),
                _ if GLOB_KEYS.contains(&doc.key) => workspace_globs()
                    .iter()
                    .map(|g| value_item(g, "glob from this workspace"))
                    .collect(),
                _ => Vec::new(),
            }
        }
        Place::TipKey => TIP_KEYS
            .iter()
            .map(|(k, d)| key_item(k, "tip trigger key", Some(d.to_string())))
            .collect(),
        Place::TipValue => match key.as_deref() {
            Some("severity") => ["hint", "information", "warning", "error"]
                .iter()
                .map(|v| value_item(v, "severity"))
                .collect(),
            Some("context") => CONTEXTS.iter().map(|v| value_item(v, "context")).collect(),
            Some("diagnostic") => ["true", "false"]
                .iter()
                .map(|v| value_item(v, "diagnostic"))
                .collect(),
            Some("languages") => super::languages::known_ids()
                .into_iter()
                .map(|v| value_item(v, "LSP language id"))
                .collect(),
            _ => Vec::new(),
        },
        Place::Body => Vec::new(),
    }
}

/// Keys already written in the frontmatter.
fn present_keys(text: &str) -> Vec<String> {
    let Some((s, e)) = frontmatter_lines(text) else {
        return Vec::new();
    };
    text.lines()
        .take(e)
        .skip(s + 1)
        .filter(|l| !l.starts_with([' ', '\t', '-', '#']))
        .filter_map(|l| l.split_once(':').map(|(k, _)| k.trim().to_string()))
        .collect()
}

/// Markdown for the key under `(line, col)`: what it means in this format and an example.
pub fn hover(format: SourceFormat, text: &str, line: usize, col: usize) -> Option<String> {
    let l = text.lines().nth(line)?;
    let (key_part, _) = l.split_once(':')?;
    let key = key_part.trim().trim_start_matches("- ").trim();
    let start = l.find(key)?;
    if col < start || col > start + key.len() {
        return None;
    }
    match place(text, line, 0).0 {
        Place::FrontmatterKey => {
            let doc = validate::key_doc(format, key)?;
            let ours = validate::ours().iter().any(|k| k.key == key);
            Some(format!(
                "**`{key}`** ({})\n\n{}\n\n```yaml\n{}\n```",
                if ours {
                    "skill-lsp key".to_string()
                } else {
                    format!("{} key", format.as_str())
                },
                doc.doc,
                doc.example
            ))
        }
        Place::TipKey => TIP_KEYS
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(k, d)| format!("**`{k}`** (tip trigger)\n\n{d}")),
        _ => None,
    }
}

/// Keys whose values are globs.
const GLOB_KEYS: &[&str] = &["paths", "globs", "applyTo", "fileMatchPattern", "exclude"];

/// The glob under `(line, col)` when it is in the value of a glob key of the frontmatter (inline
/// `key: a, b` or `[a, b]`, or a `- item` under the key).
pub fn glob_at(text: &str, line: usize, col: usize) -> Option<String> {
    let (fm_start, fm_end) = frontmatter_lines(text)?;
    if line <= fm_start || line >= fm_end {
        return None;
    }
    let lines: Vec<&str> = text.lines().collect();
    let l = lines.get(line)?;
    let (key, value_start) = match l.split_once(':') {
        Some((k, _)) if !l.trim_start().starts_with('-') => (k.trim().to_string(), k.len() + 1),
        _ if l.trim_start().starts_with("- ") => {
            // A list item: the key is the nearest unindented line above.
            let owner = lines[fm_start + 1..line]
                .iter()
                .rev()
                .find(|x| !x.starts_with([' ', '\t', '-']))?;
            let k = owner.split_once(':')?.0.trim().to_string();
            (k, l.find("- ")? + 2)
        }
        _ => return None,
    };
    if !GLOB_KEYS.contains(&key.as_str()) || col < value_start {
        return None;
    }
    // The comma-separated item around the cursor, without brackets and quotes. Commas inside
    // braces belong to the glob.
    let bytes = l.as_bytes();
    let mut depth = 0i32;
    let mut start = value_start;
    let mut end = l.len();
    for (i, &c) in bytes.iter().enumerate().skip(value_start) {
        match c {
            b'{' => depth += 1,
            b'}' => depth -= 1,
            b',' | b'[' | b']' if depth <= 0 => {
                if i < col {
                    start = i + 1;
                } else {
                    end = i;
                    break;
                }
            }
            _ => {}
        }
    }
    let g = l[start..end]
        .trim()
        .trim_matches(|c| c == '"' || c == '\'')
        .trim();
    (!g.is_empty()).then(|| g.to_string())
}

/// A text edit that fixes a problem for certain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    pub line: usize,
    /// Byte columns of the replaced text on `line`.
    pub start: usize,
    pub end: usize,
    pub new_text: String,
}

/// The certain fix of a problem `code` reported on `line`, if there is one. `folder` is the
/// folder name of an Agent Skill (its `name` must equal it).
pub fn quick_fix(
    format: SourceFormat,
    text: &str,
    code: &str,
    line: usize,
    folder: Option<&str>,
) -> Option<Fix> {
    let l = text.lines().nth(line)?;
    let (key_part, value_part) = l.split_once(':')?;
    let key = key_part.trim();
    let start = l.find(key)?;
    match code {
        "unknown-key" => {
            let known = validate::keys_for(format)
                .into_iter()
                .flatten()
                .chain(validate::ours())
                .map(|k| k.key);
            let to = did_you_mean(key, known)?;
            Some(Fix {
                title: format!("Rename `{key}` to `{to}`"),
                line,
                start,
                end: start + key.len(),
                new_text: to.to_string(),
            })
        }
        "bad-name" | "name-mismatch" if key == "name" => {
            let folder = folder?;
            let vstart = key_part.len() + 1 + (value_part.len() - value_part.trim_start().len());
            Some(Fix {
                title: format!("Set `name` to the folder name `{folder}`"),
                line,
                start: vstart,
                end: l.trim_end().len().max(vstart),
                new_text: folder.to_string(),
            })
        }
        // `globs: **/*.ts`: YAML reads a leading `*` as an alias.
        "lenient-yaml" | "wrong-type" => {
            let v = value_part.trim();
            if !v.starts_with('*') {
                return None;
            }
            let vstart = key_part.len() + 1 + (value_part.len() - value_part.trim_start().len());
            Some(Fix {
                title: format!("Quote the glob `{v}`"),
                line,
                start: vstart,
                end: vstart + v.len(),
                new_text: format!("\"{}\"", v.replace('"', "\\\"")),
            })
        }
        _ => None,
    }
}

/// Problem codes [`quick_fix`] may have a fix for.
pub fn fixable(code: &str) -> bool {
    matches!(
        code,
        "unknown-key" | "bad-name" | "name-mismatch" | "lenient-yaml" | "wrong-type"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const MDC: &str = "---\ndescription: x\nglo\nalwaysApply: \n---\n# R\n\n<!-- skill-lsp tip\nid: t\nsev\nseverity: \n-->\n";

    #[test]
    fn places_and_completions() {
        assert_eq!(place(MDC, 2, 3).0, Place::FrontmatterKey);
        let keys: Vec<_> = complete(SourceFormat::CursorMdc, MDC, 2, 3)
            .into_iter()
            .map(|i| i.label)
            .collect();
        assert!(keys.contains(&"globs".to_string()), "{keys:?}");
        assert!(
            !keys.contains(&"description".to_string()),
            "present keys are not offered"
        );
        let vals: Vec<_> = complete(SourceFormat::CursorMdc, MDC, 3, 13)
            .into_iter()
            .map(|i| i.label)
            .collect();
        assert_eq!(vals, ["true", "false"]);
        assert_eq!(place(MDC, 9, 3).0, Place::TipKey);
        let sev: Vec<_> = complete(SourceFormat::CursorMdc, MDC, 10, 10)
            .into_iter()
            .map(|i| i.label)
            .collect();
        assert_eq!(sev, ["hint", "information", "warning", "error"]);
        assert_eq!(place(MDC, 5, 1).0, Place::Body);
    }

    #[test]
    fn fixes() {
        let t = "---\ndescripton: x\nglobs: **/*.ts\n---\n";
        let f = quick_fix(SourceFormat::CursorMdc, t, "unknown-key", 1, None).unwrap();
        assert_eq!(
            (f.start, f.end, f.new_text.as_str()),
            (0, 10, "description")
        );
        let f = quick_fix(SourceFormat::CursorMdc, t, "lenient-yaml", 2, None).unwrap();
        assert_eq!(
            (f.start, f.end, f.new_text.as_str()),
            (7, 14, "\"**/*.ts\"")
        );
        let g = "---\nglobs: [\"src/**/*.ts\", \"lib/{a,b}/*.js\"]\npaths:\n  - 'docs/**'\n---\n";
        assert_eq!(glob_at(g, 1, 12).as_deref(), Some("src/**/*.ts"));
        assert_eq!(glob_at(g, 1, 30).as_deref(), Some("lib/{a,b}/*.js"));
        assert_eq!(glob_at(g, 3, 7).as_deref(), Some("docs/**"));
        assert_eq!(glob_at(g, 1, 2), None, "on the key itself");
        let s = "---\nname: PDF_Tools\n---\n";
        let f = quick_fix(
            SourceFormat::AgentSkill,
            s,
            "bad-name",
            1,
            Some("pdf-tools"),
        )
        .unwrap();
        assert_eq!((f.start, f.end, f.new_text.as_str()), (6, 15, "pdf-tools"));
    }
}

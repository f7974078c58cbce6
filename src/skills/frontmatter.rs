//! Frontmatter: the `---` block on line 1. Strict YAML first; when that fails, a lenient
//! line-by-line `key: value` reader, because many real rule files are not valid YAML
//! (`globs: **/*.ts` starts with a YAML alias; unquoted descriptions contain `: `).

use serde_json::{Map, Value};

/// The frontmatter of one file, split from its body.
#[derive(Debug, Clone, Default)]
pub struct Frontmatter {
    /// Keys and values (YAML scalars become JSON strings/bools/numbers).
    pub map: Map<String, Value>,
    /// 0-based line where the body starts.
    pub body_line: u32,
    /// Byte offset where the body starts in the text (BOM excluded).
    pub body_offset: usize,
    /// Whether a frontmatter block was present.
    pub present: bool,
    /// Strict YAML failed and the lenient reader was used: the YAML error and its 0-based line in
    /// the file.
    pub yaml_error: Option<(u32, String)>,
    /// The block opened but never closed.
    pub unterminated: bool,
    /// The YAML nests too deep or is too large to parse (see [`super::guard::check_yaml`]):
    /// its 0-based line in the file and the limit crossed. The lenient reader was used.
    pub too_complex: Option<(u32, String)>,
}

/// Split and parse the frontmatter of `text`. Accepts a UTF-8 BOM and CRLF line endings.
pub fn parse(text: &str) -> Frontmatter {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let text = &text[bom..];
    let mut fm = Frontmatter::default();
    let mut lines = text.split_inclusive('\n');
    let Some(first) = lines.next() else { return fm };
    if first.trim_end_matches(['\r', '\n']).trim_end() != "---" {
        return fm;
    }
    let mut offset = first.len();
    let start = offset;
    let mut end = None;
    for (line_no, line) in (1u32..).zip(lines) {
        let bare = line.trim_end_matches(['\r', '\n']).trim_end();
        if bare == "---" || bare == "..." {
            end = Some((offset, offset + line.len(), line_no + 1));
            break;
        }
        offset += line.len();
    }
    let Some((yaml_end, body_offset, body_line)) = end else {
        fm.unterminated = true;
        return fm;
    };
    fm.present = true;
    fm.body_offset = body_offset + bom;
    fm.body_line = body_line;
    let yaml = &text[start..yaml_end];
    if yaml.trim().is_empty() {
        return fm;
    }
    if let Err(e) = super::guard::check_yaml(yaml, super::guard::YamlLimits::SMALL) {
        fm.too_complex = Some((e.line + 1, e.message));
        fm.map = lenient(yaml);
        return fm;
    }
    match yaml_serde::from_str::<Value>(yaml) {
        Ok(Value::Object(map)) => fm.map = map,
        Ok(Value::Null) => {}
        Ok(other) => {
            fm.yaml_error = Some((
                1,
                format!("frontmatter is a {}, not a mapping", kind(&other)),
            ));
            fm.map = lenient(yaml);
        }
        Err(e) => {
            let line = e.location().map(|l| l.line() as u32).unwrap_or(0);
            fm.yaml_error = Some((line.max(1), first_line(&e.to_string())));
            fm.map = lenient(yaml);
        }
    }
    fm
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Array(_) => "list",
        Value::String(_) => "string",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        _ => "value",
    }
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or(s).to_string()
}

/// The lenient reader: `key: value` per line, one pair of matching quotes stripped, `[a, b]` read
/// as a list, indented `- item` lines as a list under the previous key, `true`/`false` as booleans.
/// Indented `key: value` lines under a key with no value become a nested map (one level).
pub fn lenient(yaml: &str) -> Map<String, Value> {
    let mut map = Map::new();
    let mut last_key: Option<String> = None;
    for raw in yaml.lines() {
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let indented = line.starts_with(' ') || line.starts_with('\t');
        let t = line.trim();
        if indented || t.starts_with("- ") || t == "-" {
            let Some(key) = &last_key else { continue };
            if let Some(item) = t.strip_prefix('-') {
                let item = scalar(item.trim());
                match map.get_mut(key) {
                    Some(Value::Array(list)) => list.push(item),
                    Some(v @ Value::Null) | Some(v @ Value::String(_)) if is_blank(v) => {
                        *v = Value::Array(vec![item])
                    }
                    _ => {}
                }
            } else if let Some((k, v)) = split_kv(t) {
                if let Some(slot) = map.get_mut(key) {
                    if is_blank(slot) {
                        *slot = Value::Object(Map::new());
                    }
                    if let Value::Object(inner) = slot {
                        inner.insert(k.to_string(), value(v));
                    }
                }
            } else if let Some(Value::String(s)) = map.get_mut(key) {
                // Folded continuation of a plain multi-line scalar.
                if !s.is_empty() {
                    s.push(' ');
                }
                s.push_str(t);
            }
            continue;
        }
        if let Some((k, v)) = split_kv(t) {
            map.insert(k.to_string(), value(v));
            last_key = Some(k.to_string());
        }
    }
    map
}

fn is_blank(v: &Value) -> bool {
    matches!(v, Value::Null) || matches!(v, Value::String(s) if s.is_empty())
}

fn split_kv(t: &str) -> Option<(&str, &str)> {
    let idx = t.find(':')?;
    let k = t[..idx].trim();
    if k.is_empty() || k.contains(' ') && !k.starts_with('"') {
        return None;
    }
    Some((unquote(k), t[idx + 1..].trim()))
}

fn value(v: &str) -> Value {
    if v.is_empty() || v == "|" || v == ">" || v == "|-" || v == ">-" {
        return Value::String(String::new());
    }
    if v.starts_with('[') && v.ends_with(']') {
        let inner = &v[1..v.len() - 1];
        return Value::Array(
            split_outside_braces(inner)
                .into_iter()
                .filter(|s| !s.is_empty())
                .map(|s| scalar(&s))
                .collect(),
        );
    }
    scalar(v)
}

fn scalar(v: &str) -> Value {
    match v {
        "true" | "True" | "TRUE" => Value::Bool(true),
        "false" | "False" | "FALSE" => Value::Bool(false),
        "null" | "~" => Value::Null,
        _ => Value::String(unquote(v).to_string()),
    }
}

/// Strip one pair of matching quotes.
pub fn unquote(s: &str) -> &str {
    let s = s.trim();
    if s.len() >= 2 {
        let b = s.as_bytes();
        if (b[0] == b'"' && b[s.len() - 1] == b'"') || (b[0] == b'\'' && b[s.len() - 1] == b'\'') {
            return &s[1..s.len() - 1];
        }
    }
    s
}

/// Split on commas that are not inside `{}` or `[]`, trimming each piece.
pub fn split_outside_braces(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut cur = String::new();
    for c in s.chars() {
        match c {
            '{' | '[' => {
                depth += 1;
                cur.push(c)
            }
            '}' | ']' => {
                depth -= 1;
                cur.push(c)
            }
            ',' if depth <= 0 => {
                out.push(cur.trim().to_string());
                cur.clear();
            }
            _ => cur.push(c),
        }
    }
    if !cur.trim().is_empty() {
        out.push(cur.trim().to_string());
    }
    out
}

/// Read a string-or-list field as a list of strings (comma lists split outside braces).
pub fn string_list(v: Option<&Value>) -> Vec<String> {
    match v {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::String(s)) => split_outside_braces(s)
            .into_iter()
            .map(|p| unquote(&p).to_string())
            .filter(|p| !p.is_empty())
            .collect(),
        Some(Value::Array(items)) => items
            .iter()
            .flat_map(|i| match i {
                Value::String(s) => split_outside_braces(s)
                    .into_iter()
                    .map(|p| unquote(&p).to_string())
                    .collect(),
                Value::Null => Vec::new(),
                other => vec![other.to_string()],
            })
            .filter(|p| !p.is_empty())
            .collect(),
        Some(other) => vec![other.to_string()],
    }
}

/// A field as a trimmed string, if present and scalar.
pub fn string(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A three-state boolean (`true`, `false`, absent); strings `"true"`/`"false"` accepted.
pub fn tri_bool(v: Option<&Value>) -> Option<bool> {
    match v? {
        Value::Bool(b) => Some(*b),
        Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "yes" | "on" => Some(true),
            "false" | "no" | "off" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_yaml() {
        let fm = parse("---\nname: a\ndescription: \"b: c\"\n---\n# Body\n");
        assert!(fm.present);
        assert_eq!(fm.map["name"], "a");
        assert_eq!(fm.map["description"], "b: c");
        assert_eq!(fm.body_line, 4);
        assert!(fm.yaml_error.is_none());
    }

    #[test]
    fn lenient_fallback_on_alias_glob() {
        let fm = parse(
            "---\ndescription: Rules for TS\nglobs: **/*.{ts,tsx}, src/**\nalwaysApply: false\n---\nbody",
        );
        assert!(fm.yaml_error.is_some());
        assert_eq!(fm.map["description"], "Rules for TS");
        assert_eq!(
            string_list(fm.map.get("globs")),
            vec!["**/*.{ts,tsx}", "src/**"]
        );
        assert_eq!(tri_bool(fm.map.get("alwaysApply")), Some(false));
    }

    #[test]
    fn bom_and_crlf() {
        let fm = parse("\u{feff}---\r\nname: x\r\napplyTo: '**/*.py'\r\n---\r\nHello\r\n");
        assert!(fm.present);
        assert_eq!(fm.map["name"], "x");
        assert_eq!(fm.map["applyTo"], "**/*.py");
        assert_eq!(fm.body_line, 4);
    }

    #[test]
    fn only_first_line_opens() {
        let fm = parse("# Title\n\n---\nname: no\n---\n");
        assert!(!fm.present);
        assert!(fm.map.is_empty());
    }

    #[test]
    fn unterminated() {
        let fm = parse("---\nname: x\n");
        assert!(fm.unterminated);
        assert!(!fm.present);
    }

    #[test]
    fn unquoted_colon_description() {
        let fm = parse("---\nname: x\ndescription: Use this: always\n---\n");
        assert!(fm.yaml_error.is_some());
        assert_eq!(fm.map["description"], "Use this: always");
    }

    #[test]
    fn lenient_lists_and_nested() {
        let m = lenient(
            "paths:\n  - a/**\n  - \"b/*.py\"\nmetadata:\n  author: me\nlanguages: [python, 'go']\n",
        );
        assert_eq!(string_list(m.get("paths")), vec!["a/**", "b/*.py"]);
        assert_eq!(m["metadata"]["author"], "me");
        assert_eq!(string_list(m.get("languages")), vec!["python", "go"]);
    }

    /// 200,000 levels of nesting (71 s in the YAML parser) are refused before parsing.
    #[test]
    fn deep_nesting_is_refused_not_parsed() {
        for deep in [
            "[".repeat(200_000),
            "\n".to_string() + &"- ".repeat(200_000) + "x",
        ] {
            let text = format!("---\nname: deep\ndescription: d\nx: {deep}\n---\n# Body\n");
            let fm = parse(&text);
            let (line, msg) = fm.too_complex.expect("refused");
            assert!(line == 3 || line == 4, "{line}");
            assert!(msg.contains("deeper than 64"), "{msg}");
            assert_eq!(
                fm.map["name"], "deep",
                "the lenient reader still reads the keys"
            );
            assert!(fm.present);
        }
    }

    #[test]
    fn split_braces() {
        assert_eq!(
            split_outside_braces("**/*.{ts,tsx},src/**, a"),
            vec!["**/*.{ts,tsx}", "src/**", "a"]
        );
    }
}

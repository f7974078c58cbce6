//! Async and test scopes where no syntax tree judges them: brace scopes for the C-like
//! languages, and whether a path is a test file by its name or folder.

use std::sync::OnceLock;

use regex::Regex;

use super::Regions;

/// Flag: inside an async function body.
pub const ASYNC: u8 = 1;
/// Flag: inside a test function or test module.
pub const TEST: u8 = 2;

/// Async / test flags along a text: transitions sorted by offset.
#[derive(Debug, Default, Clone)]
pub struct Scopes {
    marks: Vec<(usize, u8)>,
}

impl Scopes {
    /// Flags in force at byte `off`.
    pub fn flags_at(&self, off: usize) -> u8 {
        let i = self.marks.partition_point(|m| m.0 <= off);
        if i == 0 { 0 } else { self.marks[i - 1].1 }
    }

    fn mark(&mut self, off: usize, flags: u8) {
        if self.marks.last().map(|m| m.1) != Some(flags) {
            self.marks.push((off, flags));
        }
    }
}

fn regex(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("static regex"))
}

/// Compute async / test scopes by braces, for the C-like languages without a tree that judges
/// them (Java, Kotlin, C#, Swift, Dart, PHP, ...).
pub fn scopes(text: &str, lang: &str, regions: &Regions) -> Scopes {
    match lang {
        "java" | "c" | "cpp" | "csharp" | "swift" | "kotlin" | "dart" | "scala" | "php"
        | "groovy" => brace_scopes(text, regions),
        _ => Scopes::default(),
    }
}

fn brace_scopes(text: &str, regions: &Regions) -> Scopes {
    static TEST_RE: OnceLock<Regex> = OnceLock::new();
    static ASYNC_RE: OnceLock<Regex> = OnceLock::new();
    static FN_RE: OnceLock<Regex> = OnceLock::new();
    let test_re = regex(
        &TEST_RE,
        r"@(?:Test|ParameterizedTest)\b|\[(?:Fact|Theory|Test|TestMethod)\]|\b(?:describe|it|test)(?:\.\w+)?\s*\(",
    );
    let async_re = regex(&ASYNC_RE, r"\basync\b|\bsuspend\b");
    let fn_re = regex(&FN_RE, r"\b(?:function|func|fun|def)\b");
    let b = text.as_bytes();
    let spans = regions.spans();
    let mut s = Scopes::default();
    let mut stack: Vec<u8> = Vec::new();
    let mut cur = 0u8;
    let mut boundary = 0usize;
    let mut ri = 0;
    let mut i = 0;
    while i < b.len() {
        if ri < spans.len() && i >= spans[ri].0 {
            i = i.max(spans[ri].1);
            ri += 1;
            continue;
        }
        match b[i] {
            b';' => boundary = i + 1,
            b'{' => {
                let mut h = boundary.max(i.saturating_sub(400));
                while !text.is_char_boundary(h) {
                    h += 1;
                }
                let header = &text[h..i];
                let mut child = (cur & TEST) | if test_re.is_match(header) { TEST } else { 0 };
                if async_re.is_match(header) {
                    child |= ASYNC;
                } else if !fn_re.is_match(header) {
                    child |= cur & ASYNC;
                }
                stack.push(cur);
                cur = child;
                s.mark(i + 1, cur);
                boundary = i + 1;
            }
            b'}' => {
                cur = stack.pop().unwrap_or(0);
                s.mark(i + 1, cur);
                boundary = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    s
}

/// Is this path a test file by its name or folder (`test_x.py`, `x_test.go`, `x.spec.ts`, `tests/`)?
pub fn is_test_path(path: &str) -> bool {
    let path = path.replace('\\', "/");
    let mut parts = path.split('/').collect::<Vec<_>>();
    let file = parts.pop().unwrap_or("");
    if parts.iter().any(|p| {
        matches!(
            *p,
            "tests"
                | "test"
                | "__tests__"
                | "spec"
                | "testdata"
                | "e2e"
                | "fixtures"
                | "__fixtures__"
                | "__mocks__"
        )
    }) {
        return true;
    }
    let stem = file.split('.').next().unwrap_or(file);
    file.starts_with("test_")
        || file == "conftest.py"
        // Django's per-app test module.
        || file == "tests.py"
        || stem.ends_with("_test")
        || stem.ends_with("_tests")
        || stem.ends_with("_spec")
        || file.contains(".test.")
        || file.contains(".spec.")
}

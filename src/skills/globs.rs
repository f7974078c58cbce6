//! The glob dialect (documented in `docs/skill-format.md`): normalization of patterns from every
//! format, and compilation with `globset` (`*` never crosses `/`).

use globset::{Glob, GlobBuilder, GlobMatcher};

/// Normalize one pattern: trim, drop `./`, anchor `/x` at the root, prepend `**/` to anything
/// that does not already start with it; `*` and `**` alone mean every file.
pub fn normalize(pattern: &str) -> String {
    let p = pattern.trim().replace('\\', "/");
    let p = p.strip_prefix("./").unwrap_or(&p);
    if p.is_empty() {
        return String::new();
    }
    if p == "*" || p == "**" || p == "**/*" {
        return "**".to_string();
    }
    if let Some(rooted) = p.strip_prefix('/') {
        return rooted.to_string();
    }
    if p.starts_with("**/") {
        return p.to_string();
    }
    format!("**/{p}")
}

/// Build a matcher for an already-normalized pattern.
pub fn build(pattern: &str, case_insensitive: bool) -> Result<Glob, globset::Error> {
    GlobBuilder::new(pattern)
        .literal_separator(true)
        .case_insensitive(case_insensitive)
        .backslash_escape(true)
        .empty_alternates(true)
        .build()
}

/// Compile one normalized pattern into a matcher.
pub fn matcher(pattern: &str) -> Result<GlobMatcher, globset::Error> {
    Ok(build(pattern, false)?.compile_matcher())
}

/// Is `pattern` "every file"?
pub fn is_everything(pattern: &str) -> bool {
    pattern == "**"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalization() {
        assert_eq!(normalize("*.py"), "**/*.py");
        assert_eq!(normalize("**/*.ts"), "**/*.ts");
        assert_eq!(normalize("/src/**"), "src/**");
        assert_eq!(normalize("./a/*.md"), "**/a/*.md");
        assert_eq!(normalize("*"), "**");
        assert_eq!(normalize(" src/**/*.{ts,tsx} "), "**/src/**/*.{ts,tsx}");
    }

    #[test]
    fn star_does_not_cross_slash() {
        let m = matcher("src/*.py").unwrap();
        assert!(m.is_match("src/a.py"));
        assert!(!m.is_match("src/x/a.py"));
        let m = matcher(&normalize("*.py")).unwrap();
        assert!(m.is_match("a.py"));
        assert!(m.is_match("deep/er/a.py"));
        let m = matcher(&normalize("**/.github/workflows/*.{yml,yaml}")).unwrap();
        assert!(m.is_match(".github/workflows/ci.yml"));
        assert!(m.is_match("sub/.github/workflows/ci.yaml"));
    }
}

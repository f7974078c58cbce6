//! The regex and glob helpers of declared triggers: whether a pattern needs the whole text or a
//! window of lines, and globs in our dialect (the ASCII-word-boundary prefilter form is in
//! [`crate::skills::regexes`]).

use globset::{GlobSet, GlobSetBuilder};

use crate::skills::globs;
pub use crate::skills::regexes::ascii_boundaries;

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
    for g in parse_globs(patterns)? {
        b.add(g);
    }
    b.build().map(Some).map_err(GlobError::Set)
}

/// Each pattern read as a glob of our dialect; the first bad one is the error.
fn parse_globs(patterns: &[String]) -> Result<Vec<globset::Glob>, GlobError> {
    patterns
        .iter()
        .map(|p| {
            globs::build(&globs::normalize(p), false).map_err(|source| GlobError::Bad {
                pattern: p.clone(),
                source,
            })
        })
        .collect()
}

/// A tip's `paths` or `exclude`: each glob checked when the tip is read, the set built the first
/// time a document asks (a set is 5-20 KB of compiled regexes and literal tables, and most tips'
/// sets are never needed in a session: the bundled ones held ~0.7 MB of an idle server's heap).
#[derive(Debug)]
pub struct LazyGlobs {
    patterns: Vec<globset::Glob>,
    set: std::sync::OnceLock<Option<GlobSet>>,
}

impl LazyGlobs {
    /// Does `path` match one of the globs? A set globset will not build (its own size limits,
    /// which glob syntax cannot reach) matches nothing and says so in the log.
    pub fn is_match(&self, path: &str) -> bool {
        self.set
            .get_or_init(|| {
                let mut b = GlobSetBuilder::new();
                for g in &self.patterns {
                    b.add(g.clone());
                }
                b.build()
                    .map_err(|e| tracing::error!("tip globs {:?} do not build: {e}", self.globs()))
                    .ok()
            })
            .as_ref()
            .is_some_and(|s| s.is_match(path))
    }

    fn globs(&self) -> Vec<&str> {
        self.patterns.iter().map(|g| g.glob()).collect()
    }
}

/// [`glob_set`], built on first use: every glob's syntax is checked now.
pub fn lazy_glob_set(patterns: &[String]) -> Result<Option<LazyGlobs>, GlobError> {
    if patterns.is_empty() {
        return Ok(None);
    }
    Ok(Some(LazyGlobs {
        patterns: parse_globs(patterns)?,
        set: std::sync::OnceLock::new(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tip_globs_are_checked_at_once_and_built_when_first_asked() {
        assert!(matches!(
            lazy_glob_set(&["**/*.py".into(), "src/[z".into()]),
            Err(GlobError::Bad { pattern, .. }) if pattern == "src/[z"
        ));
        let g = lazy_glob_set(&["**/migrations/**".into(), "db/*.sql".into()])
            .unwrap()
            .unwrap();
        assert!(
            g.set.get().is_none(),
            "nothing built before a document asks"
        );
        assert!(g.is_match("app/migrations/0001_init.py"));
        assert!(g.is_match("db/schema.sql"));
        assert!(
            !g.is_match("db/sub/schema.sql"),
            "`*` stays inside one folder"
        );
        assert!(g.set.get().is_some_and(|s| s.is_some()));
        assert!(lazy_glob_set(&[]).unwrap().is_none());
    }
}

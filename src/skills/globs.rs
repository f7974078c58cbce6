//! The glob dialect (documented in `docs/skill-format.md`): normalization of patterns from every
//! format, compilation with `globset` (`*` never crosses `/`), and [`GlobIndex`], which matches
//! many patterns against one path in a single pass.

use globset::{Glob, GlobBuilder, GlobMatcher, GlobSet, GlobSetBuilder};

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

/// Many patterns matched against one path in a single pass.
///
/// `globset::GlobSet` runs one regex per pattern that needs both an extension and a folder
/// (`**/api/**/*.py`): with a thousand skills that was 20 µs per path, most of a selection.
/// Here every distinct pattern becomes one alternative of a single `RegexSet` (the regexes
/// are globset's own, so the dialect is unchanged) and `**` is answered without matching.
#[derive(Debug, Default)]
pub struct GlobIndex {
    /// Entries whose pattern is `**`.
    everything: Vec<usize>,
    set: Option<DistinctSet>,
    /// Distinct pattern -> the entries (in `add` order) that share it.
    owners: Vec<Vec<usize>>,
    /// Entries whose pattern compiled, to report how many the index holds.
    len: usize,
}

/// The distinct patterns, numbered alike in both forms.
#[derive(Debug)]
enum DistinctSet {
    Regex(regex::bytes::RegexSet),
    /// When the combined regex would exceed its size limit (tens of thousands of patterns):
    /// slower, never wrong.
    Globs(GlobSet),
}

/// Collects patterns for a [`GlobIndex`].
#[derive(Debug)]
pub struct GlobIndexBuilder {
    everything: Vec<usize>,
    /// (glob, entries) per distinct compiled pattern.
    patterns: Vec<(Glob, Vec<usize>)>,
    /// A pattern's regex -> its index in `patterns`.
    seen: std::collections::HashMap<String, usize>,
    next: usize,
    size_limit: usize,
}

impl Default for GlobIndexBuilder {
    fn default() -> Self {
        GlobIndexBuilder {
            everything: Vec::new(),
            patterns: Vec::new(),
            seen: Default::default(),
            next: 0,
            size_limit: 64 << 20,
        }
    }
}

impl GlobIndexBuilder {
    /// Add a normalized pattern; returns its entry number, or the compile error (the entry
    /// number is then not used).
    pub fn add(&mut self, pattern: &str, case_insensitive: bool) -> Result<usize, globset::Error> {
        let entry = self.next;
        if is_everything(pattern) {
            self.everything.push(entry);
        } else {
            let glob = build(pattern, case_insensitive)?;
            match self.seen.get(glob.regex()) {
                Some(&i) => self.patterns[i].1.push(entry),
                None => {
                    self.seen
                        .insert(glob.regex().to_string(), self.patterns.len());
                    self.patterns.push((glob, vec![entry]));
                }
            }
        }
        self.next += 1;
        Ok(entry)
    }

    /// The most memory the combined regex may take before the index falls back to a `GlobSet`.
    pub fn size_limit(mut self, bytes: usize) -> Self {
        self.size_limit = bytes;
        self
    }

    pub fn build(self) -> GlobIndex {
        let (globs, owners): (Vec<Glob>, Vec<Vec<usize>>) = self.patterns.into_iter().unzip();
        let regexes: Vec<&str> = globs.iter().map(Glob::regex).collect();
        let set = if regexes.is_empty() {
            None
        } else {
            match regex::bytes::RegexSetBuilder::new(&regexes)
                .size_limit(self.size_limit)
                .build()
            {
                Ok(set) => Some(DistinctSet::Regex(set)),
                Err(e) => {
                    // Each pattern compiled alone, so only the combined size can fail here.
                    tracing::warn!(error = %e, patterns = regexes.len(), "glob index: one regex too large, matching pattern by pattern");
                    let mut b = GlobSetBuilder::new();
                    for g in globs {
                        b.add(g);
                    }
                    b.build().ok().map(DistinctSet::Globs)
                }
            }
        };
        GlobIndex {
            everything: self.everything,
            set,
            owners,
            len: self.next,
        }
    }
}

impl GlobIndex {
    /// Entries whose pattern matches `path` (relative, `/`-separated), in no fixed order.
    pub fn matches(&self, path: &str, out: &mut Vec<usize>) {
        out.extend_from_slice(&self.everything);
        match &self.set {
            Some(DistinctSet::Regex(set)) => {
                for i in set.matches(path.as_bytes()).iter() {
                    out.extend_from_slice(&self.owners[i]);
                }
            }
            Some(DistinctSet::Globs(set)) => {
                for i in set.matches(path) {
                    out.extend_from_slice(&self.owners[i]);
                }
            }
            None => {}
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
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

    /// The index answers what globset's own matcher answers, for shared and distinct patterns.
    #[test]
    fn index_agrees_with_globset() {
        let patterns = [
            ("**", false),
            ("**/*.py", false),
            ("**/*.py", false),
            ("**/api/**/*.py", false),
            ("src/*.rs", false),
            ("**/Dockerfile*", false),
            ("**/*.{ts,tsx}", false),
            ("**/*.MD", true),
            ("**/.github/workflows/*.{yml,yaml}", false),
        ];
        let index = |limit: usize| {
            let mut b = GlobIndexBuilder::default().size_limit(limit);
            for (p, ci) in patterns {
                b.add(p, ci).unwrap();
            }
            assert!(b.add("**/[z-a", false).is_err());
            b.build()
        };
        // The combined regex, and (a size limit nothing fits in) the pattern-by-pattern form.
        let fast = index(64 << 20);
        let slow = index(10);
        assert!(matches!(fast.set, Some(DistinctSet::Regex(_))));
        assert!(matches!(slow.set, Some(DistinctSet::Globs(_))));
        for ix in [fast, slow] {
            assert_eq!(ix.len(), patterns.len());
            let paths = [
                "api/handlers/orders.py",
                "orders.py",
                "src/main.rs",
                "src/deep/main.rs",
                "docker/Dockerfile.dev",
                "web/App.tsx",
                "README.md",
                ".github/workflows/ci.yml",
                "notes.txt",
            ];
            for path in paths {
                let mut got = Vec::new();
                ix.matches(path, &mut got);
                got.sort();
                let want: Vec<usize> = patterns
                    .iter()
                    .enumerate()
                    .filter(|(_, (p, ci))| {
                        is_everything(p) || build(p, *ci).unwrap().compile_matcher().is_match(path)
                    })
                    .map(|(i, _)| i)
                    .collect();
                assert_eq!(got, want, "{path}");
            }
            let mut got = Vec::new();
            ix.matches("api/v1/x.py", &mut got);
            got.sort();
            assert_eq!(got, vec![0, 1, 2, 3]);
        }
    }
}

//! How strongly a skill applies to a document: the evidence selection found, its defined order,
//! and the score and reasons it becomes (documented in `docs/skill-format.md`, "Ranking").
//!
//! The strongest piece of evidence decides the tier, and a higher tier always ranks first:
//! an explicit glob on the path, then a content signal (imports, `kind:`, `apiVersion:`,
//! top-level keys, a shebang, the SQL dialect; a plain regex is the weaker content evidence), then
//! the nearest `AGENTS.md`/`CLAUDE.md`, then a file-name convention (an extension glob, the test
//! naming conventions), then the language, then how well the description fits (always-on rules
//! sit there too). Inside a tier: the winning piece's strength (a glob's specificity, how many
//! signals matched and how narrow they are, an exact language over a related one), then the
//! other evidence, then how narrow the skill is. The reasons list the winning piece first.

use std::fmt;

use super::model::SkillId;

/// Evidence tiers, weakest first. A score is `1000 * tier + strength`, strength under 1000.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tier {
    Description = 1,
    Language = 2,
    Convention = 3,
    Nearest = 4,
    Content = 5,
    Glob = 6,
    Requested = 7,
}

pub fn score(tier: Tier, strength: u32) -> u32 {
    1000 * tier as u32 + strength.min(999)
}

/// How a declared language matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LangFit {
    /// The document's language id is one the skill declares.
    Exact,
    /// A related id (`typescript` for a `typescriptreact` document).
    Related,
    /// The weakest language evidence: the skill's globs missed but the document's language id
    /// is one it declares (see [`fallback_ok`]), or the skill names content signals and none
    /// matched.
    Fallback,
}

/// What one auto skill has going for it on one document.
#[derive(Debug, Default)]
pub struct Evidence {
    /// A matching glob, its specificity and whether it is explicit (not a convention).
    pub glob: Option<(std::sync::Arc<str>, u32, bool)>,
    /// Matched content evidence: reason, strong (a named signal, or a regex that reads as an
    /// import), how many values the signal lists.
    pub content: Vec<(Reason, bool, usize)>,
    pub language: Option<(std::sync::Arc<str>, LangFit)>,
    /// Description words the document's terms hit: (import terms, path terms).
    pub fit: (u32, u32),
    pub fit_terms: Vec<std::sync::Arc<str>>,
    /// How narrow the skill is, 0-20 (see `select::skill_specificity`).
    pub specificity: u32,
}

impl Evidence {
    pub fn is_empty(&self) -> bool {
        self.glob.is_none() && self.content.is_empty() && self.language.is_none()
    }

    /// The score and the reasons, the winning piece first.
    pub fn rank(mut self) -> (u32, Reasons) {
        let mut reasons = Reasons::new();
        let mut content = std::mem::take(&mut self.content);
        let content_strong = content.iter().any(|(_, strong, _)| *strong);
        let tier = match &self.glob {
            Some((_, _, true)) => Tier::Glob,
            _ if !content.is_empty() => Tier::Content,
            Some(_) => Tier::Convention,
            None => Tier::Language,
        };
        let lang_strength = |fit: LangFit| match fit {
            LangFit::Exact => 500,
            LangFit::Related => 400,
            LangFit::Fallback => 300,
        };
        let lang_extra = |fit: LangFit| match fit {
            LangFit::Exact => 40,
            LangFit::Related => 30,
            LangFit::Fallback => 20,
        };
        let mut strength = 0;
        let glob_reason = |g: &std::sync::Arc<str>| Reason::Glob(g.clone());
        // The winner.
        match tier {
            Tier::Glob | Tier::Convention => {
                let (g, spec, _) = self.glob.as_ref().expect("tier from glob");
                strength += spec;
                reasons.push(glob_reason(g));
            }
            Tier::Content => {
                let narrowest = content
                    .iter()
                    .filter(|(_, strong, _)| *strong == content_strong)
                    .map(|(_, _, n)| *n)
                    .min()
                    .unwrap_or(20) as u32;
                let matched = content.len().min(5) as u32;
                strength += if content_strong { 500 } else { 300 };
                strength += 40 * (matched - 1) + 20u32.saturating_sub(narrowest);
            }
            _ => {}
        }
        if tier == Tier::Content {
            // Strong ones first, in declaration order.
            content.sort_by_key(|(_, strong, _)| !*strong);
            reasons.extend(content.drain(..).map(|(r, _, _)| r));
        }
        // The rest, strongest first.
        if tier != Tier::Glob && tier != Tier::Convention {
            if let Some((g, _, explicit)) = &self.glob {
                strength += if *explicit { 60 } else { 40 };
                reasons.push(glob_reason(g));
            }
        } else if !content.is_empty() {
            strength += 50;
            reasons.extend(content.drain(..).map(|(r, _, _)| r));
        }
        if let Some((id, fit)) = self.language {
            if tier == Tier::Language {
                strength += lang_strength(fit);
            } else {
                strength += lang_extra(fit);
            }
            reasons.push(Reason::Language {
                id,
                inferred: false,
            });
        }
        strength += (self.fit.0 * 10 + self.fit.1 * 5).min(30);
        if !self.fit_terms.is_empty() {
            reasons.push(Reason::Description(self.fit_terms));
        }
        strength += self.specificity.min(20);
        (score(tier, strength), reasons)
    }
}

/// Literal words of globs that state the usual test-file conventions.
const TEST_WORDS: &[&str] = &[
    "test",
    "tests",
    "spec",
    "specs",
    "e2e",
    "__tests__",
    "__test__",
    "t",
    "conftest",
    "testing",
];

/// Is the glob an explicit statement about the path (a file name, a folder) rather than a
/// file-name convention (an extension, `test_*.py`, `*.spec.ts`, `tests/**`)?
pub fn is_explicit(glob: &str) -> bool {
    let segments: Vec<&str> = glob.split('/').filter(|s| *s != "**").collect();
    let Some((last, dirs)) = segments.split_last() else {
        return false;
    };
    let test_words = |s: &str| {
        s.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .map(|w| w.trim_matches('_'))
            .filter(|w| !w.is_empty())
            .all(|w| TEST_WORDS.contains(&w.to_ascii_lowercase().as_str()))
    };
    if !dirs.iter().all(|d| test_words(d)) {
        return true;
    }
    let name = last.strip_prefix('*').unwrap_or(last);
    // `*.py`, `*.{ts,tsx}`, `*.tf.json`, `*.t.sol`: an extension.
    if last.starts_with('*') && name.starts_with('.') && !name[1..].contains('*') {
        return false;
    }
    // What is left of the name after its extension: `test_*`, `*.{test,spec}`, `conftest`.
    let stem = match name.rfind('.') {
        Some(i) => &name[..i],
        None => name,
    };
    !(test_words(stem) || *last == "**" || *last == "*")
}

/// Does a glob name only a kind of file (a name or an extension, no folder, no test convention)?
fn is_file_kind(glob: &str) -> bool {
    let segments: Vec<&str> = glob.split('/').filter(|s| *s != "**").collect();
    segments.len() == 1 && {
        let last = segments[0];
        let name = last.strip_prefix('*').unwrap_or(last);
        let stem = name.split('.').next().unwrap_or("");
        let test = stem
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|w| TEST_WORDS.contains(&w.to_ascii_lowercase().as_str()))
            || name.contains(".t.")
            || name.contains("test")
            || name.contains("spec");
        !test
    }
}

/// Languages that host files of many kinds: the language id alone says nothing about what a
/// YAML, JSON or Markdown file is.
const CONTAINERS: &[&str] = &[
    "yaml",
    "json",
    "jsonc",
    "toml",
    "xml",
    "ini",
    "properties",
    "markdown",
    "plaintext",
    "html",
];

/// May the skill apply by its declared language when its globs miss? Only when each glob names a
/// kind of file (not a folder, not a test convention) and the language is not a container
/// format: `Dockerfile-alt` with language `dockerfile` gets the Docker skill, a YAML file does
/// not get every YAML skill, a Python file outside `pkg/` does not get the `pkg/**` skill.
pub fn fallback_ok(globs: &[String], language: &str) -> bool {
    !globs.is_empty() && globs.iter().all(|g| is_file_kind(g)) && !CONTAINERS.contains(&language)
}

/// Why a skill applies.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind", content = "detail")]
pub enum Reason {
    Always,
    /// `AGENTS.md` / `CLAUDE.md` governing the folder; `distance` folders up (0 = same folder).
    Nearest {
        file: String,
        distance: u32,
    },
    Language {
        id: std::sync::Arc<str>,
        inferred: bool,
    },
    Glob(std::sync::Arc<str>),
    /// A required content regex matched.
    Content(std::sync::Arc<str>),
    /// A named content signal matched, in words (`imports hardhat`, `kind: Deployment`).
    Signal(std::sync::Arc<str>),
    Description(Vec<std::sync::Arc<str>>),
    /// Asked for by name.
    Requested,
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::Always => write!(f, "always applies"),
            Reason::Nearest { file, distance: 0 } => write!(f, "nearest {file} (same folder)"),
            Reason::Nearest { file, distance } => {
                let folders = if *distance == 1 { "folder" } else { "folders" };
                write!(f, "nearest {file} ({distance} {folders} up)")
            }
            Reason::Language {
                id,
                inferred: false,
            } => write!(f, "language {id}"),
            Reason::Language { id, inferred: true } => write!(f, "language {id} (inferred)"),
            Reason::Glob(g) => write!(f, "glob `{g}`"),
            Reason::Content(r) => f.write_str(&content_words(r)),
            Reason::Signal(words) => f.write_str(words),
            Reason::Description(terms) => write!(f, "description mentions {}", terms.join(", ")),
            Reason::Requested => write!(f, "requested by name"),
        }
    }
}

/// A content regex in words: `imports fastapi` for the usual `^\s*(from|import)\s+fastapi\b`,
/// else the pattern itself, quoted and cut to a readable length.
pub(crate) fn content_words(re: &str) -> String {
    static IMPORTS: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"\((?:\?:)?(?:from\|import|import\|from)\)\\s\+\(?(?:\?:)?([A-Za-z0-9_|.]+)",
        )
        .expect("static regex")
    });
    let unescaped = re.replace(r"\.", ".");
    if let Some(c) = IMPORTS.captures(&unescaped) {
        let names: Vec<&str> = c[1].split('|').filter(|n| !n.is_empty()).collect();
        if !names.is_empty() {
            return format!("imports {}", names.join(" or "));
        }
    }
    let shown: String = re.chars().take(60).collect();
    let more = if re.chars().count() > 60 { "…" } else { "" };
    format!("content matches `{shown}{more}`")
}

/// The reasons of one match: almost always one or two, kept inline because a selection builds
/// a few hundred matches and a heap vector each was a quarter of its time.
pub type Reasons = smallvec::SmallVec<[Reason; 2]>;

/// One applicable skill.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Match {
    pub skill: SkillId,
    pub score: u32,
    pub reasons: Reasons,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explicit_globs_and_conventions() {
        for g in [
            "**/Dockerfile",
            "**/Dockerfile.*",
            "**/.github/workflows/*.yml",
            "**/api/**/*.py",
            "**/tailwind.config.*",
            "**/docker-compose-*.yml",
            "**/values*.yaml",
            "**/playwright.config.*",
            "src/app/**/*.py",
        ] {
            assert!(is_explicit(g), "{g}");
        }
        for g in [
            "**/*.py",
            "**/*.{ts,tsx}",
            "**/*.tf.json",
            "**/*.t.sol",
            "**/test_*.py",
            "**/*_test.{py,go}",
            "**/*.{test,spec}.*",
            "**/{test,tests,e2e,__tests__,spec}/**",
            "**/{test,tests}/**/*.{js,ts}",
            "**/conftest.py",
            "**/tests.py",
        ] {
            assert!(!is_explicit(g), "{g}");
        }
    }

    #[test]
    fn language_fallback_needs_file_kind_globs() {
        let g = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(fallback_ok(
            &g(&["**/Dockerfile", "**/*.Dockerfile"]),
            "dockerfile"
        ));
        assert!(!fallback_ok(&g(&["**/pkg1/**/*.py"]), "python"));
        assert!(!fallback_ok(
            &g(&["**/test_*.py", "**/conftest.py"]),
            "python"
        ));
        assert!(!fallback_ok(&g(&["**/docker-compose.yml"]), "yaml"));
        assert!(!fallback_ok(&g(&["**/*.t.sol"]), "solidity"));
    }

    #[test]
    fn a_higher_tier_always_wins() {
        let glob = Evidence {
            glob: Some(("**/Dockerfile".into(), 150, true)),
            ..Default::default()
        };
        let content = Evidence {
            content: vec![(Reason::Content("x".into()), true, 1); 5],
            language: Some(("python".into(), LangFit::Exact)),
            fit: (9, 9),
            specificity: 20,
            ..Default::default()
        };
        assert!(glob.rank().0 > content.rank().0);
    }
}

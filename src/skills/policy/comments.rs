//! Other tools' suppression comments, read as each tool reads them, for tips that name an
//! equivalent rule (`equivalents: [ruff:S113]`): a line the project silenced for ruff is silenced
//! for the tip too. Line comments (`# noqa: S113`, `// eslint-disable-next-line no-console`) are
//! checked per finding; file-wide ones (`/* eslint-disable */`, `# ruff: noqa`, a ShellCheck
//! directive before the first command, `# hadolint global ignore=`, `#![allow(clippy::x)]`,
//! `// biome-ignore-all`) are read once per file, only when a finding asks.

use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::AhoCorasick;

use super::linters::covers;

/// What silences tips in one file besides `skill-lsp: ignore`.
#[derive(Debug, Default)]
pub struct FileRules {
    /// Rules the project's configuration turns off here: (`tool:selector`, where it was read).
    config_off: Vec<(String, String)>,
    /// File-wide and block directives, read on first use.
    regions: OnceLock<Vec<Region>>,
    text: String,
}

#[derive(Debug)]
struct Region {
    tool: &'static str,
    /// Empty: every rule of the tool.
    selectors: Vec<String>,
    lines: Range<u32>,
}

impl FileRules {
    /// `text` is kept only when it holds a file-wide directive of some tool.
    pub fn new(config_off: Vec<(String, String)>, text: &str) -> FileRules {
        let keep = needles().is_match(text);
        FileRules {
            config_off,
            regions: OnceLock::new(),
            text: if keep {
                text.to_string()
            } else {
                String::new()
            },
        }
    }

    /// Do `self` and `other` silence the same rules on every line? Said only of files without
    /// file-wide or block directives (whose regions move with every edit): an incremental
    /// search then keeps the findings it did not search again.
    pub fn same_without_regions(&self, other: &FileRules) -> bool {
        self.text.is_empty() && other.text.is_empty() && self.config_off == other.config_off
    }

    /// The configuration that turns `equivalent` off for this file, if any.
    pub fn config_off(&self, equivalent: &str) -> Option<&str> {
        let (tool, rule) = equivalent.split_once(':')?;
        self.config_off.iter().find_map(|(off, source)| {
            let (t, sel) = off.split_once(':')?;
            (t == tool && covers(tool, sel, rule)).then_some(source.as_str())
        })
    }

    /// Is `equivalent` silenced on 0-based `line` by a file-wide or block directive?
    pub fn region_off(&self, equivalent: &str, line: u32) -> bool {
        let Some((tool, rule)) = equivalent.split_once(':') else {
            return false;
        };
        if self.text.is_empty() {
            return false;
        }
        self.regions
            .get_or_init(|| regions(&self.text))
            .iter()
            .any(|r| {
                r.tool == tool
                    && r.lines.contains(&line)
                    && (r.selectors.is_empty() || r.selectors.iter().any(|s| covers(tool, s, rule)))
            })
    }
}

fn needles() -> &'static AhoCorasick {
    static AC: OnceLock<AhoCorasick> = OnceLock::new();
    AC.get_or_init(|| {
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build([
                "eslint-disable",
                "biome-ignore-all",
                "shellcheck disable",
                "hadolint global",
                "#![allow(clippy::",
                "#![expect(clippy::",
                "ruff: noqa",
                "flake8: noqa",
            ])
            .expect("literal needles")
    })
}

/// Rules listed after a directive: up to a `--` description, a comment end or a line end.
fn list(rest: &str, seps: &[char]) -> Vec<String> {
    let rest = rest.split("--").next().unwrap_or("");
    let rest = rest.split("*/").next().unwrap_or("");
    rest.split(|c: char| seps.contains(&c) || c.is_whitespace())
        .map(|s| s.trim_matches(|c: char| c == ':' || c == '=' || c == '[' || c == ']'))
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Text after the first case-insensitive `needle` in `hay`.
fn after<'a>(hay: &'a str, needle: &str) -> Option<&'a str> {
    let lower = hay.to_ascii_lowercase();
    lower.find(needle).map(|i| &hay[i + needle.len()..])
}

fn regions(text: &str) -> Vec<Region> {
    let mut out = Vec::new();
    let all = 0..u32::MAX;
    let mut open: Vec<Region> = Vec::new();
    let mut header = true;
    for (i, line) in text.lines().enumerate() {
        let i = i as u32;
        let t = line.trim();
        let comment = t.starts_with('#') || t.starts_with("//") || t.starts_with("/*");
        if !(t.is_empty() || comment) {
            header = false;
        }
        if let Some(rest) = after(line, "eslint-disable") {
            if !(rest.starts_with("-line") || rest.starts_with("-next-line")) {
                open.push(Region {
                    tool: "eslint",
                    selectors: list(rest, &[',']),
                    lines: i..u32::MAX,
                });
            }
        } else if after(line, "eslint-enable").is_some() {
            for mut r in open.drain(..) {
                r.lines.end = i;
                out.push(r);
            }
        }
        if let Some(rest) = after(line, "biome-ignore-all") {
            let cat = rest.split(':').next().unwrap_or("").trim();
            out.push(Region {
                tool: "biome",
                selectors: if cat.is_empty() {
                    vec![]
                } else {
                    vec![cat.to_string()]
                },
                lines: all.clone(),
            });
        }
        if header && let Some(rest) = after(line, "shellcheck disable=") {
            out.push(Region {
                tool: "shellcheck",
                selectors: list(rest, &[',']),
                lines: all.clone(),
            });
        }
        if let Some(rest) = after(line, "hadolint global ignore=") {
            out.push(Region {
                tool: "hadolint",
                selectors: list(rest, &[',']),
                lines: all.clone(),
            });
        }
        for attr in ["#![allow(", "#![expect("] {
            if let Some(rest) = line.trim_start().strip_prefix(attr) {
                let rules = rest
                    .split(|c: char| c == ',' || c == ')' || c.is_whitespace())
                    .filter_map(|r| r.strip_prefix("clippy::"))
                    .map(str::to_string)
                    .collect::<Vec<_>>();
                if !rules.is_empty() {
                    out.push(Region {
                        tool: "clippy",
                        selectors: rules,
                        lines: all.clone(),
                    });
                }
            }
        }
        for tool in ["ruff", "flake8"] {
            if let Some(rest) = t.strip_prefix('#').map(str::trim_start)
                && let Some(rest) = rest
                    .strip_prefix(tool)
                    .and_then(|r| r.strip_prefix(": noqa"))
            {
                out.push(Region {
                    tool: if tool == "ruff" { "ruff" } else { "flake8" },
                    selectors: list(rest, &[',']),
                    lines: all.clone(),
                });
            }
        }
    }
    out.extend(open);
    out
}

/// Does a tool's own comment on `line` (the finding's) or on `prev` silence `equivalent`?
pub fn line_silences(equivalent: &str, line: &str, prev: Option<&str>) -> bool {
    let Some((tool, rule)) = equivalent.split_once(':') else {
        return false;
    };
    let prev = prev.unwrap_or("");
    let has = |sel: &[String]| sel.is_empty() || sel.iter().any(|s| covers(tool, s, rule));
    match tool {
        "ruff" | "flake8" => noqa(line).is_some_and(|s| has(&s)),
        "bandit" => after(line, "nosec")
            .is_some_and(|r| has(&list(r.split('#').next().unwrap_or(""), &[',']))),
        "pylint" => after(line, "pylint: disable=")
            .or_else(|| after(prev, "pylint: disable-next="))
            .is_some_and(|r| !list(r, &[',']).is_empty() && has(&list(r, &[',']))),
        "eslint" => {
            let same = after(line, "eslint-disable-line").map(|r| list(r, &[',']));
            let next = after(prev, "eslint-disable-next-line").map(|r| list(r, &[',']));
            same.is_some_and(|s| has(&s)) || next.is_some_and(|s| has(&s))
        }
        "biome" => after(prev, "biome-ignore").is_some_and(|r| {
            !r.starts_with('-') && {
                let cat = r.split(':').next().unwrap_or("").trim();
                !cat.is_empty() && covers(tool, cat, rule)
            }
        }),
        "shellcheck" => after(prev, "shellcheck disable=").is_some_and(|r| {
            let s = list(r.split('#').next().unwrap_or(""), &[',']);
            !s.is_empty() && has(&s)
        }),
        "hadolint" => after(prev, "hadolint ignore=").is_some_and(|r| {
            let s = list(r.split('#').next().unwrap_or(""), &[',']);
            !s.is_empty() && has(&s)
        }),
        "zizmor" => [line, prev].iter().any(|l| {
            after(l, "zizmor: ignore[").is_some_and(|r| {
                let s = list(r.split(']').next().unwrap_or(""), &[',']);
                !s.is_empty() && has(&s)
            })
        }),
        "clippy" => {
            let p = prev.trim_start();
            (p.starts_with("#[allow(") || p.starts_with("#[expect("))
                && p.contains(&format!("clippy::{rule}"))
        }
        "gosec" | "golangci" => {
            after(line, "#nosec").is_some_and(|r| {
                let s = list(r.split("//").next().unwrap_or(""), &[',']);
                tool == "golangci" || has(&s)
            }) || after(line, "//nolint").is_some_and(|r| match r.strip_prefix(':') {
                None => true,
                Some(r) => {
                    let linters = list(r.split("//").next().unwrap_or(""), &[',']);
                    linters
                        .iter()
                        .any(|l| l == tool || (tool == "golangci" && l == rule))
                }
            })
        }
        "semgrep" => [line, prev].iter().any(|l| {
            after(l, "nosemgrep").is_some_and(|r| match r.trim_start().strip_prefix(':') {
                None => true,
                Some(r) => list(r, &[','])
                    .iter()
                    .any(|s| s == rule || s.ends_with(&format!(".{rule}"))),
            })
        }),
        _ => false,
    }
}

/// The codes of a `# noqa` comment (empty: a bare `noqa`, which silences everything).
fn noqa(line: &str) -> Option<Vec<String>> {
    let lower = line.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find("noqa").map(|i| i + from) {
        let before = lower[..i].trim_end();
        if before.ends_with('#') {
            let rest = &line[i + 4..];
            return Some(match rest.strip_prefix(':') {
                Some(codes) => codes
                    .split(|c: char| c == ',' || c.is_whitespace())
                    .map(str::trim)
                    .filter(|c| !c.is_empty() && c.chars().all(|ch| ch.is_ascii_alphanumeric()))
                    .map(str::to_string)
                    .collect(),
                None => Vec::new(),
            });
        }
        from = i + 4;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_tool_comment() {
        let s = |e: &str, l: &str, p: &str| line_silences(e, l, Some(p));
        assert!(s("ruff:S113", "requests.get(u)  # noqa: S113", ""));
        assert!(s("ruff:S113", "requests.get(u)  # noqa", ""));
        assert!(!s("ruff:S113", "requests.get(u)  # noqa: E501", ""));
        assert!(s("bandit:B113", "requests.get(u)  # nosec B113", ""));
        assert!(s("bandit:B113", "requests.get(u)  # nosec", ""));
        assert!(!s("bandit:B113", "requests.get(u)  # nosec B602", ""));
        assert!(s(
            "eslint:no-console",
            "console.log(x)",
            "// eslint-disable-next-line no-console"
        ));
        assert!(s(
            "eslint:no-console",
            "console.log(x) // eslint-disable-line",
            ""
        ));
        assert!(!s(
            "eslint:no-console",
            "console.log(x)",
            "// eslint-disable-next-line no-eval -- why"
        ));
        assert!(s(
            "shellcheck:SC2086",
            "rm $x",
            "# shellcheck disable=SC2086"
        ));
        assert!(!s(
            "shellcheck:SC2086",
            "rm $x",
            "# shellcheck disable=SC2046"
        ));
        assert!(s(
            "hadolint:DL3007",
            "FROM node:latest",
            "# hadolint ignore=DL3006,DL3007"
        ));
        assert!(s(
            "zizmor:artipacked",
            "- uses: actions/checkout@v4 # zizmor: ignore[artipacked]",
            ""
        ));
        assert!(s(
            "biome:lint/suspicious/noExplicitAny",
            "let x: any;",
            "// biome-ignore lint/suspicious/noExplicitAny: legacy"
        ));
        assert!(s(
            "clippy:unwrap_used",
            "x.unwrap()",
            "#[allow(clippy::unwrap_used)]"
        ));
        assert!(s("gosec:G107", "http.Get(url) //nolint:gosec", ""));
        assert!(s("gosec:G107", "http.Get(url) // #nosec G107", ""));
        assert!(!s(
            "ruff:S113",
            "x = 1  # this is noqa-free prose",
            "# noqa: S113"
        ));
    }

    #[test]
    fn file_wide_directives() {
        let text = "/* eslint-disable no-console */\nconsole.log(1)\n/* eslint-enable */\nconsole.log(2)\n";
        let r = FileRules::new(vec![], text);
        assert!(r.region_off("eslint:no-console", 1));
        assert!(!r.region_off("eslint:no-console", 3));
        assert!(!r.region_off("eslint:no-eval", 1));
        let sh = "#!/bin/sh\n# shellcheck disable=SC2086\nrm $x\n# shellcheck disable=SC2046\necho $(ls)\n";
        let r = FileRules::new(vec![], sh);
        assert!(r.region_off("shellcheck:SC2086", 4));
        assert!(
            !r.region_off("shellcheck:SC2046", 4),
            "not in the header: applies to its next command only"
        );
        let r = FileRules::new(vec![], "# ruff: noqa: S113\nimport requests\n");
        assert!(r.region_off("ruff:S113", 1));
        let r = FileRules::new(vec![("ruff:S".into(), "pyproject.toml".into())], "x");
        assert_eq!(r.config_off("ruff:S113"), Some("pyproject.toml"));
        assert_eq!(r.config_off("eslint:S113"), None);
    }
}

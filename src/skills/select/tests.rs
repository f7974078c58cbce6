use super::*;
use crate::skills::library::Library;
use crate::skills::model::Origin;

fn lib(files: &[(&str, &str)]) -> Library {
    let skills = files
        .iter()
        .map(|(rel, text)| {
            crate::skills::formats::parse_text(rel, text, Origin::Configured).unwrap()
        })
        .collect();
    Library::assemble(skills, Vec::new(), Vec::new())
}

fn run(lib: &Library, rel: &str, lang: &str, text: &str) -> Vec<(String, u32, Vec<String>)> {
    let root = Path::new("/w");
    let path = root.join(rel);
    let doc = DocumentInfo {
        path: Some(&path),
        root: Some(root),
        language_id: lang,
        text,
    };
    lib.select_skills(&doc)
        .into_iter()
        .map(|m| {
            let reasons = m.reasons.iter().map(|r| r.to_string()).collect();
            (lib.skill(m.skill).name.clone(), m.score, reasons)
        })
        .collect()
}

/// A PostgreSQL script (`.pgsql`, or a document an SQL extension calls `pgsql`) gets the
/// PostgreSQL skill by its dialect and the generic SQL skills by the related `sql` id.
#[test]
fn pgsql_scripts_get_postgresql_and_sql_skills() {
    let l = Library::load(&crate::skills::library::SkillSources {
        builtin: true,
        ..Default::default()
    });
    let text = "CREATE INDEX idx_a ON orders (customer_id);\nSELECT * FROM orders;\n";
    let path = Path::new("db/m.pgsql");
    let by_file = run(&l, "db/m.pgsql", &language_of(path, text, None), text);
    let by_id = run(&l, "db/m.txt", "pgsql", text);
    for got in [by_file, by_id] {
        let names: Vec<&str> = got.iter().map(|(n, _, _)| n.as_str()).collect();
        assert_eq!(names.first(), Some(&"postgresql"), "{got:?}");
        assert!(names.contains(&"sql"), "{got:?}");
    }
}

/// A skill matched by several of its globs reports the most specific one; equally specific
/// globs report the first declared.
#[test]
fn most_specific_glob_is_the_reason() {
    let l = lib(&[
        (
            ".cursor/rules/api.mdc",
            "---\ndescription: API\nglobs: **/*.py, **/api/**/*.py\n---\nBody\n",
        ),
        (
            ".cursor/rules/twins.mdc",
            "---\ndescription: Twins\nglobs: **/y/**/*.py, **/x/**/*.py\n---\nBody\n",
        ),
    ]);
    let got = run(&l, "api/x/y/m.py", "python", "");
    let api = got.iter().find(|m| m.0 == "api").unwrap();
    assert_eq!(api.2[0], "glob `**/api/**/*.py`");
    let twins = got.iter().find(|m| m.0 == "twins").unwrap();
    assert_eq!(twins.2[0], "glob `**/y/**/*.py`");
}

/// Best score first; equal scores in name order, whatever order the skills were loaded in.
#[test]
fn ranking_is_score_then_name() {
    let rule = |d: &str| format!("---\ndescription: {d}\nglobs: **/*.py\n---\nBody\n");
    let (c, a, b) = (rule("c"), rule("a"), rule("b"));
    let files = [
        (".cursor/rules/charlie.mdc", c.as_str()),
        (".cursor/rules/alpha.mdc", a.as_str()),
        (".cursor/rules/bravo.mdc", b.as_str()),
        (
            ".cursor/rules/deep.mdc",
            "---\ndescription: d\nglobs: src/app/**/*.py\n---\nBody\n",
        ),
    ];
    let forward = lib(&files);
    let mut reversed_files = files;
    reversed_files.reverse();
    let reversed = lib(&reversed_files);
    for l in [&forward, &reversed] {
        let names: Vec<String> = run(l, "src/app/m.py", "python", "")
            .into_iter()
            .map(|m| m.0)
            .collect();
        assert_eq!(names, ["deep", "alpha", "bravo", "charlie"]);
    }
}

/// Imports become strong terms wherever the language puts them.
#[test]
fn document_terms_from_imports() {
    let text = "#!/usr/bin/env node\nconst x = 1, fastify = require('fastify');\nimport React from \"react\";\nfrom pandas.io import sql\nimport numpy as np\nuse tokio::sync;\nimport (\n\t\"github.com/gin-gonic/gin\"\n)\n";
    let path = Path::new("/w/src/handlers/orders.py");
    let doc = DocumentInfo {
        path: Some(path),
        root: Some(Path::new("/w")),
        language_id: "python",
        text,
    };
    let (strong, weak) = doc_terms(&doc, match_path(&doc).as_deref());
    assert_eq!(
        strong,
        [
            "fastify", "gin", "gonic", "numpy", "pandas", "react", "tokio"
        ]
    );
    assert_eq!(weak, ["handlers", "orders"]);
}

/// The forward-only set answers what `regex`'s `RegexSet` answers, pattern by pattern: the
/// bundled library's content patterns over every real-code file of `tests/realcode`, the bundled
/// skills themselves and non-ASCII text; and a pattern the lazy DFA gives up on (a Unicode `\b`
/// beside non-ASCII text) is answered by the PikeVM, not dropped.
#[test]
fn the_forward_only_prefilter_agrees_with_regex_set() {
    use crate::skills::regexes::{PatternMatcher, prefilter_matcher, prefilter_set};
    let lib = Library::load(&crate::skills::library::SkillSources {
        builtin: true,
        ..Default::default()
    });
    let patterns: Vec<String> = lib
        .select
        .content_exact
        .iter()
        .map(|(p, _)| p.clone())
        .collect();
    assert!(patterns.len() > 50, "{}", patterns.len());
    let ours = prefilter_matcher(&patterns).unwrap();
    let theirs = prefilter_set(&patterns).unwrap();
    assert_eq!(ours.len(), theirs.len());
    let mut texts: Vec<String> = Vec::new();
    for dir in ["tests/realcode", "skills"] {
        for e in ignore::WalkBuilder::new(dir)
            .standard_filters(false)
            .build()
            .flatten()
        {
            if let Ok(t) = std::fs::read_to_string(e.path()) {
                texts.push(t);
            }
        }
    }
    assert!(texts.len() > 500, "{}", texts.len());
    texts.push("# café ☕ naïve\nfrom fastapi import FastAPI\nimport torch\n".into());
    texts.push(String::new());
    let mut matched = 0;
    for t in &texts {
        let (a, b) = (ours.matches(t), theirs.matches(t));
        for (i, p) in patterns.iter().enumerate() {
            assert_eq!(a.matched(i), b.matched(i), "pattern {p} on {t:.80}");
            matched += usize::from(a.matched(i));
        }
    }
    assert!(matched > 100, "{matched}");

    let unicode = PatternMatcher::new(&[r"\bcafé\b", r"\bnever\b"]).unwrap();
    let m = unicode.matches("un café ☕ crème");
    assert!(m.matched(0) && !m.matched(1));
    assert!(!unicode.matches("cafés").matched(0));
    assert!(PatternMatcher::new(&["("]).is_err());
}

//! Prompt assembly: budgets, relevance, redaction, ignore rules, templates.

use super::*;
use crate::skills::model::{Activation, Origin, Section, SourceFormat};

/// A skill built from markdown: `## ` headings become sections with the right line ranges.
pub(crate) fn skill(name: &str, body: &str) -> Skill {
    let text = format!("---\nname: {name}\ndescription: about {name}\n---\n{body}");
    let lines: Vec<&str> = text.lines().collect();
    let mut sections = Vec::new();
    let mut starts: Vec<usize> = (4..lines.len())
        .filter(|&i| lines[i].starts_with('#'))
        .collect();
    starts.push(lines.len());
    for w in starts.windows(2) {
        let title = lines[w[0]].trim_start_matches('#').trim().to_string();
        let comments = (w[0]..w[1])
            .filter(|&i| lines[i].starts_with("<!-- skill-lsp tip"))
            .map(|i| {
                (
                    i as u32,
                    lines[i]
                        .trim_start_matches("<!--")
                        .trim_end_matches("-->")
                        .trim()
                        .into(),
                )
            })
            .collect();
        sections.push(Section {
            heading_path: vec![title],
            level: 2,
            line_start: w[0] as u32,
            line_end: w[1] as u32,
            prose: lines[w[0] + 1..w[1]].join("\n"),
            code_blocks: vec![],
            comments,
        });
    }
    Skill {
        name: name.into(),
        aliases: vec![],
        description: format!("about {name}"),
        category: None,
        format: SourceFormat::Seed,
        origin: Origin::Configured,
        path: PathBuf::from(format!("/skills/{name}.md")),
        activation: Activation::Auto,
        languages: vec!["python".into()],
        languages_inferred: false,
        globs: vec![],
        exclude: vec![],
        content: vec![],
        signals: vec![],
        body_line: 4,
        sections,
        extra: Default::default(),
        problems: vec![],
        text: text.as_str().into(),
        bodies: Default::default(),
    }
}

fn big_skill(name: &str, topics: &[(&str, &str)]) -> Skill {
    let mut body = String::new();
    for (title, words) in topics {
        body.push_str(&format!("## {title}\n\n"));
        for i in 0..30 {
            body.push_str(&format!(
                "Line {i} of filler prose about {words} and general matters.\n"
            ));
        }
    }
    skill(name, &body)
}

fn input<'a>(text: &'a str, sel: Range<usize>, skills: Vec<&'a Skill>) -> PromptInput<'a> {
    PromptInput {
        path: Some(Path::new("/repo/app.py")),
        language: "python",
        text,
        selection: sel,
        skills,
        explicit: vec![],
        findings: vec![],
        instruction: None,
        mode: Mode::Rewrite,
        budget_tokens: 6000,
    }
}

#[test]
fn relevant_section_wins_under_a_tight_budget() {
    let s = big_skill(
        "py",
        &[
            ("Logging setup", "logging handlers formatters"),
            ("Exceptions", "except exception raise traceback"),
            ("Packaging", "wheel setuptools pyproject def"),
        ],
    );
    let code = "def f():\n    try:\n        go()\n    except Exception:\n        pass\n";
    let mut inp = input(code, 0..code.len(), vec![&s]);
    inp.budget_tokens = 900;
    let p = assemble(&inp).unwrap();
    assert_eq!(
        p.sections,
        vec!["py › Exceptions".to_string()],
        "dropped: {:?}",
        p.dropped
    );
    assert!(
        p.dropped.iter().any(|d| d.contains("Packaging")),
        "weakly related section dropped for budget: {:?}",
        p.dropped
    );
    assert!(
        !p.dropped
            .iter()
            .chain(&p.sections)
            .any(|d| d.contains("Logging")),
        "unrelated sections are not candidates"
    );
    assert!(p.tokens <= 900, "{}", p.tokens);
    assert!(p.user.contains("except Exception:"));
}

#[test]
fn firing_tip_section_beats_word_overlap() {
    let s = big_skill(
        "py",
        &[
            ("Printing", "print print print statements output"),
            ("Quiet", "nothing in common"),
        ],
    );
    let mut text = s.text.to_string();
    // Declare a tip in the "Quiet" section.
    text = text.replace(
        "## Quiet\n",
        "## Quiet\n<!-- skill-lsp tip id: quiet-one -->\n",
    );
    let s2 = skill(
        "py",
        text.split_once("---\n")
            .unwrap()
            .1
            .split_once("---\n")
            .unwrap()
            .1,
    );
    let code = "print(x)\nprint(y)\n";
    let mut inp = input(code, 0..code.len(), vec![&s2]);
    inp.budget_tokens = 800;
    inp.findings = vec![TipFinding {
        tip_id: "py/quiet-one".into(),
        line: 0,
        message: "be quiet".into(),
    }];
    let p = assemble(&inp).unwrap();
    assert_eq!(
        p.sections.first().map(String::as_str),
        Some("py › Quiet"),
        "{:?}",
        p.sections
    );
    assert!(p.user.contains("`py/quiet-one`: be quiet"));
}

#[test]
fn small_skills_go_whole_and_secrets_are_redacted() {
    let s = skill("tiny", "## One\n\nUse requests with timeouts.\n");
    let code = "import requests\nAPI_KEY = \"sk-live-abcdefghijklmnopqrstu\"\nrequests.get(url)\n";
    let p = assemble(&input(code, 0..code.len(), vec![&s])).unwrap();
    assert_eq!(p.sections, vec!["tiny › (whole skill)".to_string()]);
    assert!(!p.user.contains("abcdefghijklmnop"), "{}", p.user);
    assert!(p.user.contains("<redacted-secret-1>"));
    assert_eq!(p.restore.len(), 1);
    // The target keeps the real text for the edit.
    assert!(p.target_text.contains("sk-live-abcdefghijklmnopqrstu"));
}

#[test]
fn target_too_large_is_refused() {
    let code = "x = 1\n".repeat(4000);
    let mut inp = input(&code, 0..code.len(), vec![]);
    inp.budget_tokens = 1000;
    assert!(matches!(assemble(&inp), Err(PromptError::TooLarge { .. })));
}

#[test]
fn cursor_uses_the_enclosing_block() {
    let code = "import os\n\ndef f(a):\n    if a:\n        return 1\n    return 2\n\nx = f(1)\n";
    let at = code.find("return 1").unwrap();
    let r = enclosing_block(code, at);
    assert_eq!(&code[r], "    if a:\n        return 1\n");
    let at = code.find("def f").unwrap();
    let r = enclosing_block(code, at);
    assert_eq!(
        &code[r],
        "def f(a):\n    if a:\n        return 1\n    return 2\n"
    );
    let js = "function g() {\n  let y = 1;\n  return y;\n}\n";
    let r = enclosing_block(js, js.find("let").unwrap());
    assert_eq!(&js[r], js);
    let r = enclosing_block(code, code.find("x = f").unwrap());
    assert_eq!(&code[r], "x = f(1)\n");
}

#[test]
fn nearby_code_is_included_and_trimmed() {
    let mut code = String::new();
    for i in 0..200 {
        code.push_str(&format!("value_{i} = compute({i})\n"));
    }
    let start = code.find("value_100 ").unwrap();
    let end = code.find("value_101 ").unwrap();
    let p = assemble(&input(&code, start..end, vec![])).unwrap();
    assert!(p.user.contains("value_99 = compute(99)"));
    assert!(p.user.contains("value_102 = compute(102)"));
    assert!(
        !p.user.contains("value_10 = compute(10)\n"),
        "only nearby lines"
    );
    let mut inp = input(&code, start..end, vec![]);
    inp.budget_tokens = 420;
    let p = assemble(&inp).unwrap();
    assert!(
        p.user.contains("value_99 = compute(99)"),
        "closest lines kept"
    );
    assert!(!p.user.contains("value_61 = compute(61)"));
    assert!(p.dropped.iter().any(|d| d.contains("nearby lines")));
}

#[test]
fn gitignored_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    std::fs::write(dir.path().join(".gitignore"), "secrets/\n*.key\n").unwrap();
    std::fs::create_dir_all(dir.path().join("secrets")).unwrap();
    std::fs::create_dir_all(dir.path().join("src")).unwrap();
    std::fs::write(dir.path().join("src/.gitignore"), "!keep.key\n").unwrap();
    assert!(check_not_ignored(&dir.path().join("secrets/a.py"), None).is_err());
    assert!(check_not_ignored(&dir.path().join("b.key"), None).is_err());
    assert!(check_not_ignored(&dir.path().join("src/main.py"), None).is_ok());
    assert!(
        check_not_ignored(&dir.path().join("src/keep.key"), None).is_ok(),
        "deeper negation wins"
    );
    let e = check_not_ignored(&dir.path().join("b.key"), None).unwrap_err();
    assert!(e.to_string().contains(".gitignore"));
}

/// Every git ignore source counts: nested `.gitignore` (deepest wins, `!` re-includes),
/// `.git/info/exclude`, the global excludes file; and a symlink (tracked or not) to an
/// ignored file is refused, while a link to a file that is not ignored is fine.
#[cfg(unix)]
#[test]
fn every_ignore_source_and_symlink_targets() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().canonicalize().unwrap();
    let write = |rel: &str, text: &str| {
        let p = repo.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    write(".git/info/exclude", "local-only.txt\n");
    write("global-ignore", "*.secret\n");
    write("sub/.gitignore", "deep.txt\n!kept.secret\n");
    for f in [
        "a.py",
        "local-only.txt",
        "x.secret",
        "sub/deep.txt",
        "sub/kept.secret",
        "sub/ok.txt",
    ] {
        write(f, "content");
    }
    std::os::unix::fs::symlink(repo.join("x.secret"), repo.join("link.py")).unwrap();
    std::os::unix::fs::symlink(repo.join("sub/deep.txt"), repo.join("sub/link2.py")).unwrap();
    std::os::unix::fs::symlink(repo.join("a.py"), repo.join("fine.py")).unwrap();
    let global = repo.join("global-ignore");
    let ignored = |rel: &str| is_ignored_with(&repo.join(rel), None, Some(&global));
    assert!(!ignored("a.py"));
    assert!(ignored("local-only.txt"), ".git/info/exclude");
    assert!(ignored("x.secret"), "global excludes file");
    assert!(
        !is_ignored_with(&repo.join("x.secret"), None, None),
        "only through the global file"
    );
    assert!(ignored("sub/deep.txt"), "nested .gitignore");
    assert!(!ignored("sub/kept.secret"), "re-included deeper");
    assert!(!ignored("sub/ok.txt"));
    assert!(ignored("link.py"), "symlink to a globally ignored file");
    assert!(ignored("sub/link2.py"), "symlink to a nested-ignored file");
    assert!(!ignored("fine.py"), "symlink to a file that is not ignored");
}

#[test]
fn fences_grow_past_backticks_in_code() {
    let f = fenced("a ``` b", "md");
    assert!(f.starts_with("````md\n"));
}

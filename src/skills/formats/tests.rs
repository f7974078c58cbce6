use super::*;

#[test]
fn detection() {
    assert_eq!(detect("python/SKILL.md"), Some(SourceFormat::AgentSkill));
    assert_eq!(detect("backend/fastapi.md"), Some(SourceFormat::Seed));
    assert_eq!(
        detect(".github/instructions/py.instructions.md"),
        Some(SourceFormat::CopilotInstructions)
    );
    assert_eq!(
        detect(".github/copilot-instructions.md"),
        Some(SourceFormat::CopilotRepo)
    );
    assert_eq!(
        detect(".cursor/rules/react.mdc"),
        Some(SourceFormat::CursorMdc)
    );
    assert_eq!(detect(".continue/rules/a.md"), Some(SourceFormat::Continue));
    assert_eq!(detect(".windsurf/rules/a.md"), Some(SourceFormat::Windsurf));
    assert_eq!(detect(".kiro/steering/a.md"), Some(SourceFormat::Kiro));
    assert_eq!(detect(".clinerules"), Some(SourceFormat::Cline));
    assert_eq!(detect(".clinerules/01-style.md"), Some(SourceFormat::Cline));
    assert_eq!(
        detect(".claude/rules/x/y.md"),
        Some(SourceFormat::ClaudeRule)
    );
    assert_eq!(detect("pkg/AGENTS.md"), Some(SourceFormat::AgentsMd));
    assert_eq!(detect("README.md"), None);
    assert_eq!(detect("notes.txt"), None);
}

#[test]
fn cursor_mdc_lenient() {
    let s = parse_text(".cursor/rules/ts.mdc", "---\ndescription: TS rules\nglobs: **/*.ts, **/*.tsx\nalwaysApply: false\n---\n# TS\nUse strict.\n", Origin::Workspace).unwrap();
    assert_eq!(s.name, "ts");
    assert_eq!(s.activation, Activation::Auto);
    assert_eq!(s.globs, vec!["**/*.ts", "**/*.tsx"]);
    assert_eq!(s.languages, vec!["typescript", "typescriptreact"]);
    assert!(s.languages_inferred);
    assert_eq!(s.problems.len(), 1);
    assert_eq!(s.problems[0].code, "lenient-yaml");
}

#[test]
fn copilot_apply_to() {
    let s = parse_text(
        "x/py.instructions.md",
        "---\napplyTo: '**/*.py,src/**'\n---\nBe nice.\n",
        Origin::Workspace,
    )
    .unwrap();
    assert_eq!(s.activation, Activation::Auto);
    assert_eq!(s.globs, vec!["**/*.py", "**/src/**"]);
    let s = parse_text(
        "x/all.instructions.md",
        "---\napplyTo: '**'\n---\nBe nice.\n",
        Origin::Workspace,
    )
    .unwrap();
    assert_eq!(s.activation, Activation::Always);
    let s = parse_text(
        "x/none.instructions.md",
        "Just text, no frontmatter.\n",
        Origin::Workspace,
    )
    .unwrap();
    assert_eq!(s.activation, Activation::Manual);
    assert_eq!(s.description, "Just text, no frontmatter.");
}

#[test]
fn seed_skill_with_our_keys() {
    let s = parse_text(
        "backend-development/python-error-handling.md",
        "---\nname: python-error-handling\ndescription: d\nlanguages: [python]\npaths: '**/*.py'\naliases: [pyerr]\nlicense: MIT\n---\n# X\n",
        Origin::Builtin,
    )
    .unwrap();
    assert_eq!(s.category.as_deref(), Some("backend-development"));
    assert_eq!(s.activation, Activation::Auto);
    assert_eq!(s.languages, vec!["python"]);
    assert!(!s.languages_inferred);
    assert_eq!(s.aliases, vec!["pyerr"]);
    assert_eq!(s.extra["license"], "MIT");
    assert!(s.problems.is_empty());
}

#[test]
fn bad_glob_and_regex_are_problems() {
    let s = parse_text(
        "a/b.md",
        "---\nname: b\ndescription: d\npaths: ['src/[a']\ncontent: ['(unclosed']\n---\nx\n",
        Origin::Configured,
    )
    .unwrap();
    let codes: Vec<_> = s.problems.iter().map(|p| p.code).collect();
    assert!(codes.contains(&"bad-glob"), "{codes:?}");
    assert!(codes.contains(&"bad-regex"), "{codes:?}");
    assert_eq!(
        s.problems
            .iter()
            .find(|p| p.code == "bad-glob")
            .unwrap()
            .line,
        3
    );
}

#[test]
fn agents_md_is_subtree() {
    let s = parse_text(
        "pkg/api/AGENTS.md",
        "# Agents\nRun tests with make.\n",
        Origin::Workspace,
    )
    .unwrap();
    assert_eq!(
        s.activation,
        Activation::Subtree {
            dir: PathBuf::from("pkg/api")
        }
    );
    assert_eq!(s.name, "pkg/api/AGENTS.md");
}

#[test]
fn formats_activation_table() {
    let w = |rel: &str, fm: &str| {
        parse_text(rel, &format!("---\n{fm}\n---\nbody\n"), Origin::Workspace)
            .unwrap()
            .activation
    };
    assert_eq!(
        w(
            ".windsurf/rules/a.md",
            "trigger: model_decision\ndescription: x"
        ),
        Activation::ModelDecided
    );
    assert_eq!(
        w(".windsurf/rules/a.md", "trigger: glob\nglobs: '*.py'"),
        Activation::Auto
    );
    assert_eq!(
        w(
            ".kiro/steering/a.md",
            "inclusion: fileMatch\nfileMatchPattern: ['*.ts']"
        ),
        Activation::Auto
    );
    assert_eq!(
        w(".kiro/steering/a.md", "inclusion: manual"),
        Activation::Manual
    );
    assert_eq!(w(".continue/rules/a.md", "name: a"), Activation::Always);
    assert_eq!(
        w(".continue/rules/a.md", "alwaysApply: false\ndescription: d"),
        Activation::ModelDecided
    );
    assert_eq!(
        w(".continue/rules/a.md", "regex: 'import React'"),
        Activation::Auto
    );
    assert_eq!(w(".clinerules/a.md", "paths: []"), Activation::Manual);
    assert_eq!(
        w(".claude/rules/a.md", "paths: ['src/**']"),
        Activation::Auto
    );
    assert_eq!(
        w(".cursor/rules/a.mdc", "alwaysApply: true"),
        Activation::Always
    );
    assert_eq!(
        w(".cursor/rules/a.mdc", "description: When writing tests"),
        Activation::ModelDecided
    );
    assert_eq!(
        w(".cursor/rules/a.mdc", "alwaysApply: false"),
        Activation::Manual
    );
    assert_eq!(
        w(
            "skills/x/SKILL.md",
            "name: x\ndescription: d\ndisable-model-invocation: true"
        ),
        Activation::Manual
    );
}

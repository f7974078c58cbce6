//! Skill authors in the editor (real protocol, in-process duplex harness): each format's own
//! frontmatter rules as diagnostics on the guidance file, checked on the buffer as typed.

mod common;

use serde_json::json;
use skill_lsp::lsp::proto::{DiagnosticSeverity, NumberOrString, PublishDiagnosticsParams};

/// `(code, line, message)` of each diagnostic.
fn diags(d: &PublishDiagnosticsParams) -> Vec<(String, u32, String)> {
    d.diagnostics
        .iter()
        .map(|x| {
            let code = match &x.code {
                Some(NumberOrString::String(c)) => c.clone(),
                _ => String::new(),
            };
            (code, x.range.start.line, x.message.clone())
        })
        .collect()
}

fn has(d: &[(String, u32, String)], code: &str, line: u32, words: &str) -> bool {
    d.iter()
        .any(|(c, l, m)| c == code && *l == line && m.contains(words))
}

#[tokio::test]
async fn typos_and_wrong_types_in_a_cursor_rule_are_reported_as_typed() {
    let saved = "---\ndescription: API rules\nglobs: \"src/**/*.ts\"\nalwaysApply: false\n---\n# API\nUse zod.\n";
    let mut s = common::builder()
        .configuration(json!({"skills": {"builtin": false}}))
        .file(".cursor/rules/api.mdc", saved)
        .file("src/api/client.ts", "export const x = 1;\n")
        .start()
        .await;
    let uri = s.open(".cursor/rules/api.mdc", "markdown", saved).await;
    let d = s.await_diagnostics(&uri, Some(1)).await;
    assert!(
        diags(&d).is_empty(),
        "a clean rule has no diagnostics: {:?}",
        diags(&d)
    );

    // The user types two mistakes; nothing is saved.
    let typed = "---\ndescripton: API rules\nglobs: \"src/**/*.ts\"\nalwaysApply: flase\n---\n# API\nUse zod.\n";
    s.change_full(&uri, 2, typed).await;
    let d = s.await_diagnostics(&uri, Some(2)).await;
    let got = diags(&d);
    assert!(
        has(
            &got,
            "skill-lsp/unknown-key",
            1,
            "did you mean `description`?"
        ),
        "{got:?}"
    );
    assert!(
        has(
            &got,
            "skill-lsp/wrong-type",
            3,
            "must be true or false, not `flase` (did you mean `false`?)"
        ),
        "{got:?}"
    );
    let typo = d
        .diagnostics
        .iter()
        .find(|x| x.message.contains("descripton"))
        .unwrap();
    assert_eq!(typo.severity, Some(DiagnosticSeverity::WARNING));

    // Fixed again: the diagnostics go.
    s.change_full(&uri, 3, saved).await;
    let d = s.await_diagnostics(&uri, Some(3)).await;
    assert!(diags(&d).is_empty(), "{:?}", diags(&d));
    s.shutdown().await;
}

/// An expected diagnostic: code, 0-based line, words of the message.
type Want = (&'static str, u32, &'static str);

#[tokio::test]
async fn each_format_is_checked_by_its_own_rules() {
    let cases: &[(&str, &str, &[Want])] = &[
        (
            ".agents/skills/pdf-tools/SKILL.md",
            "---\nname: PDF_Tools\ndescription: \"\"\ncompatibility: x\nmetadata:\n  owner: [a, b]\n---\n# PDF\nBody.\n",
            &[
                (
                    "skill-lsp/bad-name",
                    1,
                    "lowercase letters, digits and single hyphens",
                ),
                (
                    "skill-lsp/name-mismatch",
                    1,
                    "differs from the folder `pdf-tools`",
                ),
                ("skill-lsp/missing-description", 2, "`description` is empty"),
                (
                    "skill-lsp/wrong-type",
                    4,
                    "must be a map of strings to strings",
                ),
            ],
        ),
        (
            ".windsurf/rules/db.md",
            "---\ntrigger: model_decision\n---\n# DB\nText.\n",
            &[("skill-lsp/never-applies", 1, "without a `description`")],
        ),
        (
            ".kiro/steering/ui.md",
            "---\ninclusion: fileMatch\n---\n# UI\nText.\n",
            &[("skill-lsp/no-conditions", 0, "never applies automatically")],
        ),
        (
            ".github/instructions/ts.instructions.md",
            "---\napplyTo: \"**/*.ts\"\nexcludeAgent: code-reveiw\n---\n# TS\nText.\n",
            &[("skill-lsp/wrong-type", 2, "(did you mean `code-review`?)")],
        ),
        (
            ".continue/rules/py.md",
            "---\nname: py\nalwaysApply: false\n---\n# Py\nText.\n",
            &[(
                "skill-lsp/never-applies",
                2,
                "Continue never includes the rule",
            )],
        ),
        (
            ".cursor/rules/orphan.mdc",
            "---\nalwaysApply: false\n---\n# Orphan\nText.\n",
            &[(
                "skill-lsp/never-applies",
                1,
                "only uses this rule when it is @-mentioned",
            )],
        ),
        (
            ".claude/rules/style.md",
            "---\npaths: [\"**/*.py\"]\nlanguages: [pyhton]\n---\n# Style\nSee [the guide](guide.md) and [site](https://example.com).\n",
            &[
                ("skill-lsp/unknown-language", 2, "did you mean `python`?"),
                (
                    "skill-lsp/broken-link",
                    5,
                    "link to `guide.md`: no such file beside the skill",
                ),
            ],
        ),
    ];
    // Files the globs above match: a glob that matches nothing is a warning of its own.
    let mut b = common::builder()
        .configuration(json!({"skills": {"builtin": false}}))
        .file("src/app.ts", "export {};\n")
        .file("app/main.py", "print(1)\n");
    for (rel, text, _) in cases {
        b = b.file(rel, text);
    }
    let mut s = b.start().await;
    for (rel, text, want) in cases {
        let uri = s.open(rel, "markdown", text).await;
        let d = s.await_diagnostics(&uri, Some(1)).await;
        let got = diags(&d);
        for (code, line, words) in *want {
            assert!(
                has(&got, code, *line, words),
                "{rel}: want {code} at {line} ({words}); got {got:?}"
            );
        }
        assert_eq!(
            got.len(),
            want.len(),
            "{rel}: nothing else is reported: {got:?}"
        );
    }
    s.shutdown().await;
}

#[tokio::test]
async fn completion_hover_quick_fixes_and_files_for_skill_on_guidance_files() {
    let rule = "---\ndescripton: API rules\nglobs: \"src/**/*.ts\"\nalwaysApply: \n---\n# API\n\n<!-- skill-lsp tip\nid: no-any\npattern: ': any\\b'\nseverity: \n-->\n";
    let mut s = common::builder()
        .configuration(json!({"skills": {"builtin": false}}))
        .file(".cursor/rules/api.mdc", rule)
        .file("src/a.ts", "export const a = 1;\n")
        .file("src/b/c.ts", "export const c = 1;\n")
        .file("lib/d.py", "d = 1\n")
        .start()
        .await;
    let uri = s.open(".cursor/rules/api.mdc", "markdown", rule).await;
    let at = |line: u32, character: u32| json!({"textDocument": {"uri": uri.as_str()}, "position": {"line": line, "character": character}});
    let labels = |v: &serde_json::Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|i| i["label"].as_str().unwrap().to_string())
            .collect()
    };
    // Values of a boolean key, the format's keys on an empty frontmatter line, tip severities.
    let r = s
        .request_raw("textDocument/completion", at(3, 13))
        .await
        .unwrap();
    assert_eq!(labels(&r), ["true", "false"], "{r}");
    let r = s
        .request_raw("textDocument/completion", at(1, 3))
        .await
        .unwrap();
    let keys = labels(&r);
    assert!(keys.contains(&"description".to_string()), "{r}");
    assert!(
        !keys.contains(&"globs".to_string()),
        "keys already written are not offered: {r}"
    );
    let r = s
        .request_raw("textDocument/completion", at(10, 10))
        .await
        .unwrap();
    assert_eq!(
        labels(&r),
        ["hint", "information", "warning", "error"],
        "{r}"
    );
    let r = s
        .request_raw("textDocument/completion", at(9, 0))
        .await
        .unwrap();
    assert!(
        labels(&r).contains(&"pattern".to_string()),
        "tip keys inside the block: {r}"
    );
    // Inside a glob value: globs made from the workspace's extensions and folders, most files first.
    let r = s
        .request_raw("textDocument/completion", at(2, 9))
        .await
        .unwrap();
    let globs = labels(&r);
    assert_eq!(globs[0], "**/*.ts", "two .ts files come first: {r}");
    for g in ["**/*.py", "**/*.mdc", "src/**", "src/b/**", "lib/**"] {
        assert!(globs.contains(&g.to_string()), "{g} in {globs:?}");
    }
    assert!(
        !globs.iter().any(|g| g.contains(".git/")),
        "no .git folder: {globs:?}"
    );
    // Nothing in the body.
    let r = s
        .request_raw("textDocument/completion", at(5, 2))
        .await
        .unwrap();
    assert!(r.is_null(), "{r}");

    // Hover on a key says what it means in this format.
    let h = s.request_raw("textDocument/hover", at(2, 2)).await.unwrap();
    let text = h["contents"]["value"].as_str().unwrap();
    assert!(
        text.contains("**`globs`** (cursor-mdc key)") && text.contains("attach the rule"),
        "{text}"
    );

    // The unknown key's quick fix renames it, on this version of the document.
    let d = s.await_diagnostics(&uri, Some(1)).await;
    let diag = d
        .diagnostics
        .iter()
        .find(|x| x.message.contains("descripton"))
        .expect("unknown key reported")
        .clone();
    let actions = s
        .request_raw(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri.as_str()}, "range": diag.range, "context": {"diagnostics": [diag]}}),
        )
        .await
        .unwrap();
    let fix = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == "Rename `descripton` to `description`")
        .unwrap_or_else(|| panic!("{actions}"));
    let edit = &fix["edit"]["documentChanges"][0];
    assert_eq!(edit["textDocument"]["version"], 1);
    assert_eq!(edit["edits"][0]["newText"], "description");
    assert_eq!(
        edit["edits"][0]["range"]["start"],
        json!({"line": 1, "character": 0})
    );
    assert_eq!(
        edit["edits"][0]["range"]["end"],
        json!({"line": 1, "character": 10})
    );

    // The inverse of selection over the workspace.
    let r = s
        .request_raw(
            "workspace/executeCommand",
            json!({"command": "skill-lsp.filesForSkill", "arguments": [{"name": "api"}]}),
        )
        .await
        .unwrap();
    let mut files: Vec<String> = r["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            f["path"]
                .as_str()
                .unwrap()
                .rsplit_once("/src/")
                .map(|(_, p)| p.to_string())
                .unwrap_or_default()
        })
        .collect();
    files.sort();
    assert_eq!(files, ["a.ts", "b/c.ts"], "{r}");
    let e = s
        .request_raw(
            "workspace/executeCommand",
            json!({"command": "skill-lsp.filesForSkill", "arguments": [{"name": "apii"}]}),
        )
        .await
        .unwrap_err();
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .contains("did you mean `api`?"),
        "{e}"
    );
    s.shutdown().await;
}

#[tokio::test]
async fn lenses_count_files_and_tip_hits_and_a_glob_hover_counts_files() {
    let rule = "---\ndescription: TS rules\nglobs: \"src/**/*.ts\"\n---\n# TS\n\n## No any\n\n<!-- skill-lsp tip\nid: no-any\npattern: ':\\s*any\\b'\nmessage: Avoid any.\n-->\n";
    let mut s = common::builder()
        .configuration(json!({"skills": {"builtin": false}}))
        .file(".cursor/rules/ts.mdc", rule)
        .file("src/a.ts", "let a: any = 1;\nlet b: any = 2;\n")
        .file("src/b/c.ts", "export const c = 1;\n")
        .file("src/vendor/v.ts", "let v: any = 1;\n")
        .file("lib/d.ts", "let d: any = 1;\n")
        .start()
        .await;
    let uri = s.open(".cursor/rules/ts.mdc", "markdown", rule).await;
    let lenses = s
        .request_raw(
            "textDocument/codeLens",
            json!({"textDocument": {"uri": uri.as_str()}}),
        )
        .await
        .unwrap();
    let lenses = lenses.as_array().unwrap().clone();
    assert_eq!(lenses.len(), 2, "{lenses:?}");
    let mut titles = Vec::new();
    for l in lenses {
        let r = s.request_raw("codeLens/resolve", l).await.unwrap();
        titles.push((
            r["range"]["start"]["line"].as_u64().unwrap(),
            r["command"]["title"].as_str().unwrap().to_string(),
            r["command"]["command"].as_str().unwrap().to_string(),
        ));
    }
    // Three files match the glob (the vendored one too: the rule applies there); the tip's hits
    // leave the vendored folder out, as `check` does.
    assert_eq!(
        titles[0],
        (
            0,
            "applies to 3 files".into(),
            "skill-lsp.filesForSkill".into()
        ),
        "{titles:?}"
    );
    assert_eq!(
        titles[1],
        (
            9,
            "2 hits in the workspace".into(),
            "skill-lsp.tipHits".into()
        ),
        "{titles:?}"
    );
    let hits = s
        .request_raw(
            "workspace/executeCommand",
            json!({"command": "skill-lsp.tipHits", "arguments": [{"tip": "ts/no-any"}]}),
        )
        .await
        .unwrap();
    let lines: Vec<u64> = hits["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [0, 1], "{hits}");

    let h = s
        .request_raw("textDocument/hover", json!({"textDocument": {"uri": uri.as_str()}, "position": {"line": 2, "character": 12}}))
        .await
        .unwrap();
    let text = h["contents"]["value"].as_str().unwrap();
    assert!(
        text.contains("`src/**/*.ts` matches 2 files in this workspace"),
        "{text}"
    );
    assert!(
        text.contains("- `src/a.ts`") && !text.contains("vendor"),
        "{text}"
    );
    s.shutdown().await;
}

#[tokio::test]
async fn a_glob_that_matches_no_workspace_file_is_a_warning_naming_it() {
    let saved =
        "---\napplyTo: \"frontend/srcc/**/*.ts,docs/**\"\n---\n# Frontend\nUse strict mode.\n";
    let mut s = common::builder()
        .configuration(json!({"skills": {"builtin": false}}))
        .file(".github/instructions/fe.instructions.md", saved)
        .file("frontend/src/app.ts", "export {};\n")
        .file("docs/intro.md", "# Intro\n")
        .file(".git/HEAD", "ref: refs/heads/main\n")
        .file(".gitignore", "build/\n")
        .file("build/srcc/gen.ts", "export {};\n")
        .start()
        .await;
    let uri = s
        .open(".github/instructions/fe.instructions.md", "markdown", saved)
        .await;
    let d = s.await_diagnostics(&uri, Some(1)).await;
    let got = diags(&d);
    let warned: Vec<_> = got
        .iter()
        .filter(|(c, _, _)| c == "skill-lsp/paths-match-nothing")
        .collect();
    assert_eq!(warned.len(), 1, "only the typo, not `docs/**`: {got:?}");
    assert!(
        has(
            &got,
            "skill-lsp/paths-match-nothing",
            1,
            "the glob `frontend/srcc/**/*.ts` matches no file"
        ),
        "{got:?}"
    );
    let w = d
        .diagnostics
        .iter()
        .find(|x| x.message.contains("srcc"))
        .unwrap();
    assert_eq!(w.severity, Some(DiagnosticSeverity::WARNING));

    // Fixed as typed, unsaved: the warning goes.
    let fixed = saved.replace("srcc", "src");
    s.change_full(&uri, 2, &fixed).await;
    let d = s.await_diagnostics(&uri, Some(2)).await;
    assert!(diags(&d).is_empty(), "{:?}", diags(&d));

    // A new typo: a file under a git-ignored folder does not count as a match.
    let typo = saved.replace("frontend/srcc", "build/srcc");
    s.change_full(&uri, 3, &typo).await;
    let d = s.await_diagnostics(&uri, Some(3)).await;
    assert!(
        has(
            &diags(&d),
            "skill-lsp/paths-match-nothing",
            1,
            "`build/srcc/**/*.ts`"
        ),
        "{:?}",
        diags(&d)
    );
    s.shutdown().await;
}

/// A lens walk that takes a while shows a cancellable progress with the count, and stops when
/// the progress is cancelled or the request is (the walk ends, the progress says "cancelled").
#[tokio::test]
async fn a_long_lens_walk_shows_progress_and_stops_when_cancelled() {
    let rule = "---\ndescription: TS rules\nglobs: \"src/**/*.ts\"\n---\n# TS\n";
    let mut b = common::builder()
        .configuration(json!({"skills": {"builtin": false}}))
        .deps(|d| d.lens_progress_after = Some(std::time::Duration::ZERO))
        .file(".cursor/rules/ts.mdc", rule);
    const FILES: usize = 4_000;
    for i in 0..FILES {
        b = b.file(&format!("src/m{}/f{i}.ts", i % 40), "export const x = 1;\n");
    }
    let mut s = b.start().await;
    let uri = s.open(".cursor/rules/ts.mdc", "markdown", rule).await;
    let lenses = s
        .request_raw(
            "textDocument/codeLens",
            json!({"textDocument": {"uri": uri.as_str()}}),
        )
        .await
        .unwrap();
    let lens = lenses[0].clone();

    // To the end: the answer, and a progress that began and ended with the count.
    let r = s
        .request_raw("codeLens/resolve", lens.clone())
        .await
        .unwrap();
    assert_eq!(r["command"]["title"], format!("applies to {FILES} files"));
    let begin = s
        .await_message("$/progress", |p| p["value"]["kind"] == "begin")
        .await;
    assert_eq!(
        begin["params"]["value"]["title"],
        "Counting workspace files"
    );
    assert_eq!(begin["params"]["value"]["cancellable"], true);
    let token = begin["params"]["token"].clone();
    let t = token.clone();
    let end = s
        .await_message("$/progress", move |p| {
            p["token"] == t && p["value"]["kind"] == "end"
        })
        .await;
    let msg = end["params"]["value"]["message"].as_str().unwrap();
    let n: usize = msg.split(' ').next().unwrap().parse().unwrap();
    assert!(msg.ends_with("files looked at") && n > FILES, "{msg}");

    // Cancelled from the progress (the editor's cancel button).
    let id = s.start_request("codeLens/resolve", lens.clone()).await;
    let t0 = token.clone();
    let begin = s
        .await_message("$/progress", move |p| {
            p["token"] != t0 && p["value"]["kind"] == "begin"
        })
        .await;
    let token2 = begin["params"]["token"].clone();
    s.notify_raw("window/workDoneProgress/cancel", json!({ "token": token2 }))
        .await;
    let err = s.await_response(id).await.unwrap_err();
    assert_eq!(err["code"], -32800, "{err}");
    let t = token2.clone();
    let end = s
        .await_message("$/progress", move |p| {
            p["token"] == t && p["value"]["kind"] == "end"
        })
        .await;
    assert_eq!(end["params"]["value"]["message"], "cancelled");

    // Cancelled as a request: the walk stops too, and its progress still ends.
    let id = s.start_request("codeLens/resolve", lens).await;
    let (a, b2) = (token.clone(), token2.clone());
    let begin = s
        .await_message("$/progress", move |p| {
            p["token"] != a && p["token"] != b2 && p["value"]["kind"] == "begin"
        })
        .await;
    let token3 = begin["params"]["token"].clone();
    s.notify_raw("$/cancelRequest", json!({ "id": id })).await;
    let err = s.await_response(id).await.unwrap_err();
    assert_eq!(err["code"], -32800, "{err}");
    let end = s
        .await_message("$/progress", move |p| {
            p["token"] == token3 && p["value"]["kind"] == "end"
        })
        .await;
    assert_eq!(end["params"]["value"]["message"], "cancelled");
    s.shutdown().await;
}

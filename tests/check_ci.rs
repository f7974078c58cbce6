//! `skill-lsp check` as a CI tool, through the real binary on small real-looking trees: exit
//! statuses, output formats, selection, what tips leave alone (vendored, generated, minified,
//! tests, other tools' comments and configs), our own suppressions, `--changed-since`,
//! baselines and fixes. (SARIF and JUnit are also validated by their schema / a real reader in
//! `scripts/formats-test.sh`.)

use std::path::Path;
use std::process::Command;

const SKILL: &str = r#"---
name: team
description: Team rules for services.
languages: [python, javascript, shellscript, dockerfile, yaml]
---

# Team rules

## Always pass a timeout

<!-- skill-lsp tip
- id: no-timeout
  pattern: 'requests\.get\([^)]*\)'
  not: 'timeout='
  message: Pass a timeout.
  severity: warning
  languages: [python]
  tests: false
  equivalents: [ruff:S113, bandit:B113]
- id: console
  pattern: 'console\.log\('
  message: No console output in services.
  severity: warning
  languages: [javascript]
  equivalents: [eslint:no-console, biome:lint/suspicious/noConsole]
- id: var
  pattern: '\bvar\s+'
  message: Use let or const.
  severity: information
  languages: [javascript]
  fix: 'let '
- id: unquoted
  pattern: '\brm \$\w+'
  message: Quote the variable.
  severity: warning
  languages: [shellscript]
  equivalents: [shellcheck:SC2086]
- id: latest
  pattern: '^FROM \S+:latest'
  message: Pin the image.
  severity: error
  languages: [dockerfile]
  equivalents: [hadolint:DL3007]
- id: checkout
  pattern: 'actions/checkout@v\d+'
  message: Set persist-credentials false.
  severity: hint
  languages: [yaml]
  equivalents: [zizmor:artipacked]
-->

Say how long you wait.
"#;

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(root: &Path, args: &[&str]) -> Out {
    let out = Command::new(env!("CARGO_BIN_EXE_skill-lsp"))
        .arg("check")
        .args(["--no-builtin", "--skills", "skills"])
        .args(args)
        .current_dir(root)
        .env("HOME", root)
        .env("XDG_CONFIG_HOME", root.join(".config"))
        .env_remove("SKILL_LSP_LOG")
        .env_remove("NO_COLOR")
        .output()
        .expect("run skill-lsp");
    Out {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// `path:line tip` of every finding, from the JSON output.
fn found(root: &Path, args: &[&str]) -> Vec<String> {
    let mut a = vec!["--output-format", "json"];
    a.extend_from_slice(args);
    let o = run(root, &a);
    let v: serde_json::Value = serde_json::from_str(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}: {} / {}", o.stdout, o.stderr));
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{}:{} {}",
                f["path"].as_str().unwrap(),
                f["line"],
                f["tip"].as_str().unwrap()
            )
        })
        .collect()
}

/// A small service repository: one finding of each tip in plain source files.
fn service() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let r = tmp.path();
    std::fs::create_dir_all(r.join(".git")).unwrap();
    write(r, "skills/team.md", SKILL);
    write(
        r,
        "app/client.py",
        "import requests\n\ndef fetch(u):\n    return requests.get(u)\n",
    );
    write(r, "web/app.js", "var x = 1;\nconsole.log(x);\n");
    write(r, "deploy/clean.sh", "#!/bin/sh\nrm $TARGET\n");
    write(r, "Dockerfile", "FROM python:latest\nRUN true\n");
    write(
        r,
        ".github/workflows/ci.yml",
        "jobs:\n  t:\n    steps:\n      - uses: actions/checkout@v4\n",
    );
    tmp
}

const ALL: &[&str] = &[
    ".github/workflows/ci.yml:4 team/checkout",
    "Dockerfile:1 team/latest",
    "app/client.py:4 team/no-timeout",
    "deploy/clean.sh:2 team/unquoted",
    "web/app.js:1 team/var",
    "web/app.js:2 team/console",
];

#[test]
fn exit_status_follows_fail_on_and_exit_zero() {
    let t = service();
    let r = t.path();
    assert_eq!(found(r, &[]), ALL);
    // Default --fail-on warning: the error and warnings fail.
    assert_eq!(run(r, &[]).code, 1);
    assert_eq!(run(r, &["--exit-zero"]).code, 0);
    assert_eq!(
        run(r, &["--fail-on", "error", "--ignore", "team/latest"]).code,
        0
    );
    assert_eq!(run(r, &["--fail-on", "error"]).code, 1);
    // Only hints and information left: below the default threshold.
    assert_eq!(run(r, &["--select", "team/checkout,team/var"]).code, 0);
    assert_eq!(
        run(r, &["--select", "team/checkout", "--fail-on", "hint"]).code,
        1
    );
    // --severity raises every finding.
    assert_eq!(
        run(r, &["--select", "team/checkout", "--severity", "error"]).code,
        1
    );
}

#[test]
fn configuration_errors_exit_2_with_file_and_line() {
    let t = service();
    let r = t.path();
    let o = run(r, &["--skills", "no/such/dir"]);
    assert_eq!(o.code, 2, "{}", o.stderr);
    assert!(o.stderr.contains("--skills no/such/dir"), "{}", o.stderr);

    write(
        r,
        "skills/broken.md",
        "---\nname: broken\ndescription: b\nlanguages: [python]\n---\n\n# B\n\n## S\n\n<!-- skill-lsp tip\nid: x\npattern: '(unclosed'\nmessage: m\n-->\n",
    );
    let o = run(r, &["--exit-zero"]);
    assert_eq!(
        o.code, 2,
        "a broken tip wins over --exit-zero: {}",
        o.stderr
    );
    assert!(
        o.stderr.contains("broken.md:13: error: tip-bad-regex"),
        "{}",
        o.stderr
    );
    assert!(
        o.stdout.contains("team/latest"),
        "the run still reports: {}",
        o.stdout
    );
    std::fs::remove_file(r.join("skills/broken.md")).unwrap();

    write(r, ".skill-lsp.yaml", "tips: [not, a, mapping\n");
    let o = run(r, &[]);
    assert_eq!(o.code, 2);
    assert!(
        o.stderr.contains(".skill-lsp.yaml") && o.stderr.contains("line 1"),
        "{}",
        o.stderr
    );
    write(r, ".skill-lsp.yaml", "tips:\n  exclude: 7\n");
    let o = run(r, &[]);
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("tips.exclude"), "{}", o.stderr);
}

#[test]
fn every_output_format() {
    let t = service();
    let r = t.path();
    let o = run(r, &["--output-format", "concise", "--color", "never"]);
    assert!(
        o.stdout
            .contains("Dockerfile:1:1: error team/latest Pin the image."),
        "{}",
        o.stdout
    );
    assert!(
        o.stdout
            .ends_with("6 findings in 5 files (6 files checked, 1 skill); 1 fixable with --fix\n"),
        "{}",
        o.stdout
    );

    let o = run(r, &["--output-format", "full"]);
    assert!(
        o.stdout
            .contains("  |\n4 |     return requests.get(u)\n  |            ^^^^^^^^^^^^^^^\n"),
        "{}",
        o.stdout
    );
    assert!(o.stdout.contains("= skill: team ("), "{}", o.stdout);
    assert!(
        o.stdout.contains("team.md#always-pass-a-timeout)"),
        "{}",
        o.stdout
    );

    let o = run(r, &["--output-format", "grouped"]);
    assert!(
        o.stdout.contains(
            "web/app.js:\n  1:1 information team/var Use let or const.\n  2:1 warning team/console"
        ),
        "{}",
        o.stdout
    );

    let o = run(r, &["--output-format", "json-lines"]);
    let lines: Vec<serde_json::Value> = o
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 6);
    assert_eq!(lines[1]["tip"], "team/latest");

    // GitHub workflow commands: `::level key=value,...::message`, values escaped.
    let o = run(r, &["--output-format", "github"]);
    let re = regex::Regex::new(
        r"^::(error|warning|notice) file=[^,:]+,line=\d+,col=\d+,endLine=\d+(,endColumn=\d+)?,title=[^,:]+::[^\r\n]+$",
    )
    .unwrap();
    let gh: Vec<&str> = o.stdout.lines().collect();
    assert_eq!(gh.len(), 6);
    for l in &gh {
        assert!(re.is_match(l), "not a workflow command: {l}");
    }
    assert!(gh.contains(&"::error file=Dockerfile,line=1,col=1,endLine=1,endColumn=19,title=skill-lsp team/latest::Pin the image. (team/latest)"), "{gh:?}");
    assert!(
        gh[0].starts_with("::notice file=.github/workflows/ci.yml,"),
        "{gh:?}"
    );

    let o = run(r, &["--output-format", "gitlab"]);
    let v: serde_json::Value = serde_json::from_str(&o.stdout).unwrap();
    let issues = v.as_array().unwrap();
    assert_eq!(issues.len(), 6);
    for i in issues {
        assert!(i["description"].is_string() && i["check_name"].is_string());
        assert_eq!(i["fingerprint"].as_str().unwrap().len(), 16);
        assert!(
            ["info", "minor", "major", "critical", "blocker"]
                .contains(&i["severity"].as_str().unwrap())
        );
        assert!(i["location"]["path"].is_string() && i["location"]["lines"]["begin"].is_u64());
    }
    let fps: std::collections::HashSet<&str> = issues
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    assert_eq!(fps.len(), 6, "fingerprints are unique");

    let o = run(r, &["--output-format", "sarif"]);
    let v: serde_json::Value = serde_json::from_str(&o.stdout).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let run0 = &v["runs"][0];
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), 6);
    for res in run0["results"].as_array().unwrap() {
        let i = res["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[i]["id"], res["ruleId"]);
        assert!(
            rules[i]["helpUri"]
                .as_str()
                .unwrap()
                .starts_with("file:///")
        );
        let region = &res["locations"][0]["physicalLocation"]["region"];
        assert!(region["startLine"].as_u64().unwrap() >= 1);
    }
    assert_eq!(
        rules.iter().find(|r| r["id"] == "team/no-timeout").unwrap()["properties"]["equivalents"]
            [0],
        "ruff:S113"
    );

    let o = run(r, &["--output-format", "junit"]);
    assert!(o.stdout.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"skill-lsp\" tests=\"6\" failures=\"6\""), "{}", o.stdout);
    assert_eq!(o.stdout.matches("<failure ").count(), 6);

    let o = run(r, &["--statistics", "--color", "never"]);
    assert!(
        o.stdout
            .lines()
            .any(|l| l.trim_start().starts_with("1  team/var") && l.contains("[*]")),
        "{}",
        o.stdout
    );
}

#[test]
fn color_only_when_asked_or_on_a_terminal() {
    let t = service();
    let r = t.path();
    assert!(!run(r, &[]).stdout.contains('\x1b'), "piped: no colour");
    assert!(
        run(r, &["--color", "always"]).stdout.contains("\x1b["),
        "forced colour"
    );
}

#[test]
fn select_ignore_and_exclude() {
    let t = service();
    let r = t.path();
    assert_eq!(
        found(r, &["--select", "team/c"]),
        [ALL[0], ALL[5]],
        "prefix"
    );
    assert_eq!(
        found(
            r,
            &["--select", "team/latest", "--extend-select", "team/var"]
        ),
        [ALL[1], ALL[4]]
    );
    assert_eq!(
        found(r, &["--ignore", "team", "--select", "team/latest"]),
        [ALL[1]],
        "the more specific wins"
    );
    assert_eq!(found(r, &["--ignore", "team"]), Vec::<String>::new());
    assert_eq!(found(r, &["--exclude", "web/,deploy/**"]).len(), 3);
    write(r, ".skill-lsp.yaml", "tips:\n  exclude: [\"*.sh\"]\n");
    assert_eq!(found(r, &[]).len(), 5);
    assert_eq!(found(r, &["--extend-exclude", "Dockerfile"]).len(), 4);
    assert_eq!(
        found(r, &["--exclude", "Dockerfile"]).len(),
        5,
        "--exclude replaces tips.exclude"
    );
    // A tip turned off in settings comes back when selected by name.
    write(
        r,
        ".skill-lsp.yaml",
        "tips:\n  overrides:\n    team/latest: off\n",
    );
    assert_eq!(found(r, &[]).len(), 5);
    assert_eq!(found(r, &["--extend-select", "team/latest"]).len(), 6);
}

#[test]
fn vendored_generated_minified_and_tests_are_left_alone() {
    let t = service();
    let r = t.path();
    let js = "var y = 2;\nconsole.log(y);\n";
    write(r, "web/vendor/jquery.plugin.js", js);
    write(r, "web/static/app.min.js", js);
    write(r, "web/wwwroot/lib/x.js", js);
    write(
        r,
        "web/gen/api.js",
        &format!("// Code generated by openapi-gen. DO NOT EDIT.\n{js}"),
    );
    write(
        r,
        "web/long.js",
        &format!("var z = [{}];\n{js}", "1,".repeat(1200)),
    );
    write(r, "web/contrib/lib.js", js);
    write(r, "web/proto/msg.js", js);
    write(
        r,
        ".gitattributes",
        "web/contrib/** linguist-vendored\n*.pb.js linguist-generated=true\nweb/proto/msg.js linguist-generated\n",
    );
    write(
        r,
        "tests/test_client.py",
        "import requests\nrequests.get(u)\n",
    );
    write(
        r,
        "app/fixtures/seed.py",
        "import requests\nrequests.get(u)\n",
    );
    write(
        r,
        "app/client_test.py",
        "import requests\nrequests.get(u)\n",
    );
    write(r, "tests/check.js", js);
    let got = found(r, &[]);
    let mut want: Vec<String> = ALL.iter().map(|s| s.to_string()).collect();
    // `console` and `var` have no `tests: false`: they apply in tests; `no-timeout` does not.
    want.push("tests/check.js:1 team/var".into());
    want.push("tests/check.js:2 team/console".into());
    want.sort();
    assert_eq!(got, want);
    let o = run(r, &["--verbose"]);
    for (file, why) in [
        ("web/vendor/jquery.plugin.js", "vendored (folder vendor/)"),
        ("web/static/app.min.js", "minified (`*.min.*` file name)"),
        ("web/wwwroot/lib/x.js", "vendored (folder wwwroot/lib/)"),
        (
            "web/gen/api.js",
            "generated (`Code generated ... DO NOT EDIT` on line 1)",
        ),
        ("web/long.js", "minified (line 1 is over 2000 characters)"),
        (
            "web/contrib/lib.js",
            "vendored (.gitattributes:1 `web/contrib/** linguist-vendored`)",
        ),
        (
            "web/proto/msg.js",
            "generated (.gitattributes:3 `web/proto/msg.js linguist-generated`)",
        ),
    ] {
        assert!(
            o.stderr
                .contains(&format!("skill-lsp: skipped {file}: {why}\n")),
            "{file}: {}",
            o.stderr
        );
    }
    assert!(
        o.stderr.contains("exclusion rules in force"),
        "{}",
        o.stderr
    );
    // Settings bring them back.
    assert_eq!(found(r, &["--include-vendored"]).len(), want.len() + 15);
    write(r, ".skill-lsp.yaml", "tips:\n  includeVendored: true\n");
    assert_eq!(found(r, &[]).len(), want.len() + 15);
    // ... and `tests: false` tips in the test file, the fixture folder and the `_test.py` file.
    write(r, ".skill-lsp.yaml", "tips:\n  includeTests: true\n");
    let tests = |got: Vec<String>| {
        got.into_iter()
            .filter(|f| f.ends_with("team/no-timeout") && !want.contains(f))
            .collect::<Vec<_>>()
    };
    let back = tests(found(r, &[]));
    assert_eq!(back.len(), 3, "{back:?}");
    std::fs::remove_file(r.join(".skill-lsp.yaml")).unwrap();
    assert_eq!(tests(found(r, &["--include-tests"])), back);
}

#[test]
fn other_tools_comments_silence_equivalent_tips() {
    let t = service();
    let r = t.path();
    write(
        r,
        "app/client.py",
        "import requests\nrequests.get(a)  # noqa: S113\nrequests.get(b)  # nosec B113\nrequests.get(c)  # noqa: E501\n",
    );
    write(
        r,
        "web/app.js",
        "// eslint-disable-next-line no-console\nconsole.log(1);\nconsole.log(2); // eslint-disable-line no-console\n// biome-ignore lint/suspicious/noConsole: cli output\nconsole.log(3);\nconsole.log(4);\n",
    );
    write(
        r,
        "deploy/clean.sh",
        "#!/bin/sh\nset -e\n# shellcheck disable=SC2086\nrm $TARGET\nrm $OTHER\n",
    );
    write(
        r,
        "Dockerfile",
        "# hadolint ignore=DL3007\nFROM python:latest\n",
    );
    write(
        r,
        ".github/workflows/ci.yml",
        "jobs:\n  t:\n    steps:\n      - uses: actions/checkout@v4 # zizmor: ignore[artipacked]\n",
    );
    assert_eq!(
        found(r, &[]),
        [
            "app/client.py:4 team/no-timeout",
            "deploy/clean.sh:5 team/unquoted",
            "web/app.js:6 team/console",
        ]
    );
    // File-wide directives.
    write(
        r,
        "web/app.js",
        "/* eslint-disable no-console */\nconsole.log(1);\n",
    );
    write(
        r,
        "deploy/clean.sh",
        "#!/bin/sh\n# shellcheck disable=SC2086\n\nrm $TARGET\nrm $OTHER\n",
    );
    write(
        r,
        "app/client.py",
        "# ruff: noqa: S113\nimport requests\nrequests.get(a)\n",
    );
    assert_eq!(found(r, &[]), Vec::<String>::new());
    let o = run(r, &["--verbose"]);
    assert!(
        o.stderr
            .contains("findings silenced by other tools' comments"),
        "{}",
        o.stderr
    );
}

#[test]
fn project_linter_configs_silence_equivalent_tips() {
    let t = service();
    let r = t.path();
    write(
        r,
        "pyproject.toml",
        "[tool.ruff.lint]\nselect = [\"E\", \"S\"]\n[tool.ruff.lint.per-file-ignores]\n\"app/*\" = [\"S1\"]\n",
    );
    write(r, "scripts/job.py", "import requests\nrequests.get(u)\n");
    write(r, ".eslintrc.json", r#"{"rules": {"no-console": "off"}}"#);
    write(r, ".shellcheckrc", "disable=SC2086\n");
    write(r, ".hadolint.yaml", "ignored:\n  - DL3007\n");
    assert_eq!(
        found(r, &[]),
        [
            ".github/workflows/ci.yml:4 team/checkout",
            "scripts/job.py:2 team/no-timeout",
            "web/app.js:1 team/var"
        ]
    );
    // ruff's `extend-exclude`: Python files the project never lints are left alone.
    write(
        r,
        "pyproject.toml",
        "[tool.ruff]\nextend-exclude = [\"_gen\", \"./third/lib\"]\n\
         [tool.ruff.lint.per-file-ignores]\n\"app/*\" = [\"S1\"]\n",
    );
    write(r, "app/_gen/api.py", "import requests\nrequests.get(u)\n");
    write(r, "third/lib/x.py", "import requests\nrequests.get(u)\n");
    write(
        r,
        "app/pkg/_vendor/six.py",
        "import requests\nrequests.get(u)\n",
    );
    let o = run(r, &["--verbose", "--select", "team/no-timeout"]);
    assert!(
        o.stderr.contains(
            "skipped app/_gen/api.py: vendored (not linted: pyproject.toml extend-exclude `_gen`)"
        ),
        "{}",
        o.stderr
    );
    assert!(o.stderr.contains("skipped third/lib/x.py: vendored (not linted: pyproject.toml extend-exclude `./third/lib`)"), "{}", o.stderr);
    assert!(
        o.stderr
            .contains("skipped app/pkg/_vendor/six.py: vendored (folder _vendor/)"),
        "{}",
        o.stderr
    );
    std::fs::remove_file(r.join(".eslintrc.json")).unwrap();
    write(
        r,
        "biome.json",
        "{\n  // lint settings\n  \"linter\": {\"rules\": {\"suspicious\": {\"noConsole\": \"off\"}}}\n}\n",
    );
    assert_eq!(found(r, &[]).len(), 3, "biome.json turns noConsole off");
    write(r, "pyproject.toml", "[tool.ruff\n");
    let o = run(r, &[]);
    assert!(
        o.stderr.contains("pyproject.toml:1: not valid TOML"),
        "{}",
        o.stderr
    );
}

#[test]
fn our_own_suppressions_unknown_and_unused() {
    let t = service();
    let r = t.path();
    write(
        r,
        "app/client.py",
        "import requests\nrequests.get(a)  # skill-lsp: ignore no-timeout\n\nrequests.get(b)  # skill-lsp: ignore team/no-timout\n\nx = 1  # skill-lsp: ignore team/latest\n",
    );
    let o = run(
        r,
        &["--select", "team/no-timeout,skill-lsp", "--color", "never"],
    );
    assert!(
        o.stdout.contains("app/client.py:4:20: warning skill-lsp/unknown-ignore `skill-lsp: ignore` names an unknown tip `team/no-timout`; did you mean `team/no-timeout`?"),
        "{}",
        o.stdout
    );
    assert!(
        o.stdout
            .contains("app/client.py:4:1: warning team/no-timeout"),
        "{}",
        o.stdout
    );
    assert!(!o.stdout.contains("unused-ignore"), "{}", o.stdout);
    let o = run(
        r,
        &[
            "--report-unused-suppressions",
            "--select",
            "skill-lsp/unused",
        ],
    );
    assert!(o.stdout.contains("app/client.py:6:10: warning skill-lsp/unused-ignore `skill-lsp: ignore team/latest` silences nothing"), "{}", o.stdout);
    assert_eq!(o.stdout.matches("unused-ignore").count(), 1, "{}", o.stdout);
}

fn git(root: &Path, args: &[&str]) {
    let st = Command::new("git")
        .args([
            "-c",
            "user.email=t@example.com",
            "-c",
            "user.name=t",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(root)
        .output()
        .unwrap();
    assert!(
        st.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&st.stderr)
    );
}

#[test]
fn changed_since_and_baselines() {
    let t = tempfile::tempdir().unwrap();
    let r = t.path();
    git(r, &["init", "-q"]);
    write(r, "skills/team.md", SKILL);
    write(
        r,
        "app/client.py",
        "import requests\nrequests.get(a)\n\nrequests.get(b)\n",
    );
    write(r, "Dockerfile", "FROM python:latest\n");
    git(r, &["add", "."]);
    git(r, &["commit", "-qm", "init"]);
    write(
        r,
        "app/client.py",
        "import requests\nrequests.get(a)\n\nrequests.get(c)\nrequests.get(d)\n",
    );
    write(r, "web/new.js", "console.log(1);\n");
    assert_eq!(
        found(r, &["--changed-since", "HEAD"]),
        [
            "app/client.py:4 team/no-timeout",
            "app/client.py:5 team/no-timeout",
            "web/new.js:1 team/console"
        ]
    );
    let o = run(r, &["--changed-since", "no-such-ref"]);
    assert_eq!(o.code, 2);
    assert!(
        o.stderr.contains("`no-such-ref` is not a commit"),
        "{}",
        o.stderr
    );

    let o = run(r, &["--write-baseline", "baseline.json"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(
        found(r, &["--baseline", "baseline.json"]),
        Vec::<String>::new()
    );
    assert_eq!(run(r, &["--baseline", "baseline.json"]).code, 0);
    // Lines moved by an unrelated edit stay hidden; a new finding shows.
    write(
        r,
        "app/client.py",
        "import requests\n# a comment\n\nrequests.get(a)\n\nrequests.get(c)\nrequests.get(d)\nrequests.get(e)\n",
    );
    assert_eq!(
        found(r, &["--baseline", "baseline.json"]),
        ["app/client.py:8 team/no-timeout"]
    );
    write(r, "bad.json", "{\"findings\": 3}");
    let o = run(r, &["--baseline", "bad.json"]);
    assert_eq!(o.code, 2);
    assert!(
        o.stderr.contains("bad.json:1: not a skill-lsp baseline"),
        "{}",
        o.stderr
    );
}

#[test]
fn fix_and_diff() {
    let t = service();
    let r = t.path();
    write(
        r,
        "web/app.js",
        "var x = 1;\n  var  y = 2;\nconsole.log(x);\n",
    );
    let o = run(r, &["--diff", "--select", "team/var"]);
    assert_eq!(o.code, 1, "a diff to apply fails the run");
    assert_eq!(
        o.stdout,
        "--- a/web/app.js\n+++ b/web/app.js\n@@ -1,3 +1,3 @@\n-var x = 1;\n-  var  y = 2;\n+let x = 1;\n+  let y = 2;\n console.log(x);\n"
    );
    assert_eq!(
        std::fs::read_to_string(r.join("web/app.js")).unwrap(),
        "var x = 1;\n  var  y = 2;\nconsole.log(x);\n"
    );
    let o = run(r, &["--fix", "--select", "team"]);
    assert!(
        o.stderr.contains("fixed 2 findings in 1 files"),
        "{}",
        o.stderr
    );
    assert_eq!(
        std::fs::read_to_string(r.join("web/app.js")).unwrap(),
        "let x = 1;\n  let y = 2;\nconsole.log(x);\n"
    );
    assert!(
        !o.stdout.contains("team/var") && o.stdout.contains("team/console"),
        "{}",
        o.stdout
    );
}

/// Structural tips whose ast-grep `fix:` overlap (one renames the call, one the name in it) and
/// one whose fix would not parse.
const FIXES: &str = r#"---
name: fixes
description: Structural fixes.
languages: [python]
---

# Fixes

## Call the new API

<!-- skill-lsp tip
- id: old-call
  message: Call new_call.
  severity: warning
  rule:
    pattern: old_call($$$ARGS)
  fix: new_call($$$ARGS)
- id: old-name
  message: Rename old_call.
  severity: warning
  rule:
    kind: identifier
    regex: '^old_call$'
  fix: renamed
- id: no-print
  message: Log instead of printing.
  severity: warning
  rule:
    pattern: print($A)
  fix: print($A
-->

Use the new API.
"#;

#[test]
fn structural_fixes_apply_once_deterministically_and_never_break_parsing() {
    let t = tempfile::tempdir().unwrap();
    let r = t.path();
    std::fs::create_dir_all(r.join(".git")).unwrap();
    write(r, "skills/fixes.md", FIXES);
    let code = "def f():
    x = old_call(1,
        2)
    print(x)
";
    write(r, "app/m.py", code);
    let o = run(r, &["--diff"]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    // The two fixes overlap: the one starting first, then the shorter, wins on every run.
    assert_eq!(
        o.stdout,
        "--- a/app/m.py\n+++ b/app/m.py\n@@ -1,4 +1,4 @@\n def f():\n-    x = old_call(1,\n+    x = renamed(1,\n         2)\n     print(x)\n"
    );
    assert!(
        o.stderr.contains("app/m.py:4:5: skill-lsp: fix of fixes/no-print not applied: the file would no longer parse (line 4)"),
        "{}",
        o.stderr
    );
    assert_eq!(
        std::fs::read_to_string(r.join("app/m.py")).unwrap(),
        code,
        "--diff writes nothing"
    );
    let o = run(r, &["--fix", "--output-format", "json"]);
    assert_eq!(o.code, 1, "print() is left: {}", o.stderr);
    assert!(
        o.stderr.contains("fixed 1 findings in 1 files"),
        "{}",
        o.stderr
    );
    let fixed = std::fs::read_to_string(r.join("app/m.py")).unwrap();
    assert_eq!(
        fixed,
        "def f():\n    x = renamed(1,\n        2)\n    print(x)\n"
    );
    // What is reported after --fix is the fixed file's findings, at their new places.
    let v: serde_json::Value = serde_json::from_str(&o.stdout).unwrap();
    let left: Vec<String> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{}:{} {}",
                f["path"].as_str().unwrap(),
                f["line"],
                f["tip"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(left, ["app/m.py:4 fixes/no-print"]);
    // Again: nothing to do, nothing written.
    let o = run(r, &["--fix"]);
    assert!(!o.stderr.contains("fixed"), "{}", o.stderr);
    assert_eq!(std::fs::read_to_string(r.join("app/m.py")).unwrap(), fixed);
    let o = run(r, &["--diff"]);
    assert_eq!((o.code, o.stdout.as_str()), (0, ""), "{}", o.stderr);
}

#[test]
fn bundled_structural_fixes() {
    let t = tempfile::tempdir().unwrap();
    let r = t.path();
    std::fs::create_dir_all(r.join(".git")).unwrap();
    write(
        r,
        "app/conf.py",
        "import yaml\n\nsettings = yaml.load(\n    stream\n)\nsafe = yaml.load(s, Loader=yaml.SafeLoader)\n",
    );
    write(
        r,
        "tests/test_a.py",
        "import unittest\n\n\nclass T(unittest.TestCase):\n    def test_a(self):\n        self.assertEquals(1, 1)\n        self.failUnlessRaises(ValueError, int, \"x\")\n        self.assertDictContainsSubset({}, {})\n",
    );
    let bundled = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_skill-lsp"))
            .arg("check")
            .args([
                "--select",
                "python-anti-patterns/yaml-load,python-testing-patterns/deprecated-assert-alias",
            ])
            .args(args)
            .current_dir(r)
            .env("HOME", r)
            .env("XDG_CONFIG_HOME", r.join(".config"))
            .output()
            .unwrap()
    };
    let o = bundled(&["--fix"]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("fixed 3 findings in 2 files"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(r.join("app/conf.py")).unwrap(),
        "import yaml\n\nsettings = yaml.safe_load(\n    stream\n)\nsafe = yaml.load(s, Loader=yaml.SafeLoader)\n",
        "the call keeps its layout"
    );
    assert_eq!(
        std::fs::read_to_string(r.join("tests/test_a.py")).unwrap(),
        "import unittest\n\n\nclass T(unittest.TestCase):\n    def test_a(self):\n        self.assertEqual(1, 1)\n        self.assertRaises(ValueError, int, \"x\")\n        self.assertDictContainsSubset({}, {})\n",
        "an alias without a replacement keeps its finding"
    );
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        stdout.contains(
            "tests/test_a.py:8:14: error python-testing-patterns/deprecated-assert-alias"
        ),
        "{stdout}"
    );
    assert_eq!(stdout.matches("python-").count(), 1, "{stdout}");
}

/// docs/cli.md lists the equivalents of every bundled tip that has some, exactly.
#[test]
fn docs_list_every_bundled_equivalent() {
    use skill_lsp::skills::library::{Library, SkillSources};
    let lib = Library::load(&SkillSources {
        builtin: true,
        ..Default::default()
    });
    let mut rows: Vec<String> = lib
        .tips
        .tips()
        .iter()
        .filter(|t| !t.equivalents.is_empty())
        .map(|t| {
            let eq: Vec<String> = t.equivalents.iter().map(|e| format!("`{e}`")).collect();
            format!("| `{}` | {} |", t.id, eq.join(", "))
        })
        .collect();
    rows.sort();
    assert!(rows.len() >= 30, "{rows:?}");
    let docs =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/cli.md")).unwrap();
    let table: Vec<&str> = docs
        .lines()
        .skip_while(|l| !l.starts_with("| tip | equivalents |"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .collect();
    assert_eq!(
        table,
        rows,
        "the table in docs/cli.md, as it should read:\n{}",
        rows.join("\n")
    );
}

/// A minified line with thousands of findings (opted in with `--include-vendored`-style
/// settings): every row keeps a window of its line, not a copy of it, so the full output, the
/// baseline and SARIF stay proportional to the findings, and the caret still sits under the hit.
#[test]
fn long_lines_show_a_window_around_each_finding() {
    let t = service();
    let r = t.path();
    write(r, ".skill-lsp.yaml", "tips:\n  includeVendored: true\n");
    let unit = "if(a==b){console.log(x)};";
    write(r, "web/bundle.js", &unit.repeat(40_000)); // one line, 1 MB
    let o = run(
        r,
        &[
            "--output-format",
            "full",
            "--color",
            "never",
            "web/bundle.js",
        ],
    );
    let blocks: Vec<&str> = o.stdout.split("web/bundle.js:1:").skip(1).collect();
    assert!(
        blocks.len() > 100,
        "{}",
        &o.stdout[..o.stdout.len().min(2000)]
    );
    assert!(
        o.stdout.len() < blocks.len() * 2_000,
        "{} bytes of output for {} findings",
        o.stdout.len(),
        blocks.len()
    );
    // A finding deep in the line: the window starts with `…`, and the caret marks `console.log(`.
    let deep = blocks
        .iter()
        .find(|b| b.starts_with("5010:"))
        .expect("a finding near column 5000");
    let lines: Vec<&str> = deep.lines().collect();
    let src = lines.iter().find(|l| l.starts_with("1 | ")).unwrap();
    let marks = lines.iter().find(|l| l.contains('^')).unwrap();
    assert!(src.starts_with("1 | …") && src.ends_with('…'), "{src}");
    let at = marks.find('^').unwrap();
    let under: String = src
        .chars()
        .skip(marks[..at].chars().count())
        .take(12)
        .collect();
    assert_eq!(under, "console.log(", "{src}\n{marks}");

    let base = r.join("baseline.json");
    let o = run(
        r,
        &["--write-baseline", base.to_str().unwrap(), "web/bundle.js"],
    );
    let size = std::fs::metadata(&base).map(|m| m.len()).unwrap_or(0);
    assert!(
        size > 0 && size < 4_000_000,
        "baseline {size} bytes: {}",
        o.stderr
    );
    let o = run(r, &["--baseline", base.to_str().unwrap(), "web/bundle.js"]);
    assert_eq!(
        o.code, 0,
        "the baseline accounts for every finding: {}",
        o.stdout
    );
}

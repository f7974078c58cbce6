//! Tools for skill authors, as a user runs them: `skill-lsp test` on skills written for the test
//! (one that holds, one whose examples contradict its tip) and on the bundled library.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output};

const GOOD_SKILL: &str = r#"---
name: py-errors
description: Catch what you expect.
languages: [python]
---

# Python errors

## Never swallow exceptions

<!-- skill-lsp tip
id: blind-except
pattern: '^\s*except\s*(?:Exception)?\s*:'
message: Blanket except hides real failures.
severity: warning
expect:
  - |
    try:
        go()
    except:
        pass
near:
  - "except ValueError:"
-->

```python
# BAD
try:
    run()
except Exception:
    pass
```

```python
# GOOD
try:
    run()
except TimeoutError:
    retry()
```
"#;

/// The tip's pattern also matches the good example, and an inline `expect` it cannot raise.
const BAD_SKILL: &str = r#"---
name: shell-style
description: Shell habits.
languages: [shellscript]
---

# Shell

## Quote expansions

<!-- skill-lsp tip
id: any-echo
pattern: '\becho\b'
message: Quote your expansions.
expect: ["printf '%s' $x"]
-->

```bash
# BAD
echo $name
```

```bash
# GOOD
echo "$name"
```
"#;

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn skill_lsp(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_skill-lsp"))
        .args(args)
        .current_dir(cwd)
        // No user folders: only what the test writes is loaded.
        .env("XDG_CONFIG_HOME", "/nonexistent/skill-lsp-test/config")
        .env("HOME", "/nonexistent/skill-lsp-test/home")
        .output()
        .expect("run skill-lsp")
}

#[test]
fn test_passes_a_skill_whose_examples_hold() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "skills/python/py-errors.md", GOOD_SKILL);
    let out = skill_lsp(&["test", "skills"], dir.path());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Two blocks plus one expect and one near example.
    assert!(
        stdout.contains("PASS py-errors/blind-except (4 examples)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("1 passed, 0 failed, 0 untested"),
        "{stdout}"
    );
}

#[test]
fn test_fails_a_skill_whose_examples_contradict_its_tip() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "skills/shell/shell-style.md", BAD_SKILL);
    let out = skill_lsp(&["test", "skills"], dir.path());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("FAIL shell-style/any-echo"), "{stdout}");
    assert!(
        stdout.contains("good block at line 23: raises the tip (as shellscript)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("expect at line 12: does not raise the tip"),
        "{stdout}"
    );
    assert!(
        stdout.contains("    | echo \"$name\""),
        "the offending example is shown: {stdout}"
    );

    let out = skill_lsp(&["test", "skills", "--json"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["failed"], 1);
    let tip = &v["tips"][0];
    assert_eq!(tip["id"], "shell-style/any-echo");
    assert_eq!(tip["status"], "fail");
    let kinds: Vec<_> = tip["failures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["example"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(kinds, ["good block", "expect"]);
}

#[test]
fn test_reports_a_broken_trigger_and_a_missing_path() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "skills/x/broken.md",
        "---\nname: broken\ndescription: d\nlanguages: [python]\n---\n# B\n\n## S\n\n<!-- skill-lsp tip\nid: t\npattern: '(unclosed'\nmessage: m\n-->\n",
    );
    let out = skill_lsp(&["test", "skills"], dir.path());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("pattern does not compile"), "{stdout}");

    let out = skill_lsp(&["test", "no-such-folder"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("no-such-folder: no such file or folder")
    );
}

/// The bundled library's tips against their own examples. Tips known not to hold are listed in
/// tests/tiptest-known-failures.txt; any other failure fails this test.
#[test]
fn bundled_tips_hold_on_their_own_examples() {
    let dir = tempfile::tempdir().unwrap();
    let out = skill_lsp(&["test", "--json"], dir.path());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let known: BTreeSet<String> = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tiptest-known-failures.txt"),
    )
    .unwrap()
    .lines()
    .map(str::trim)
    .filter(|l| !l.is_empty() && !l.starts_with('#'))
    .map(String::from)
    .collect();
    let tips = v["tips"].as_array().unwrap();
    assert!(
        tips.len() > 300,
        "the bundled library has its tips: {}",
        tips.len()
    );
    let mut new_failures = Vec::new();
    let mut fixed = Vec::new();
    for t in tips {
        let id = t["id"].as_str().unwrap();
        match (t["status"].as_str().unwrap(), known.contains(id)) {
            ("fail", false) => new_failures.push(format!("{id}: {}", t["failures"])),
            ("pass", true) => fixed.push(id.to_string()),
            _ => {}
        }
    }
    let passed = v["passed"].as_u64().unwrap();
    let failed = v["failed"].as_u64().unwrap();
    eprintln!(
        "bundled tips: {passed} hold on their examples, {failed} do not (known list: {})",
        known.len()
    );
    if !fixed.is_empty() {
        eprintln!("these now pass; remove them from tests/tiptest-known-failures.txt: {fixed:?}");
    }
    assert!(
        new_failures.is_empty(),
        "tips whose examples no longer hold:\n{}",
        new_failures.join("\n")
    );
    assert!(
        v["problems"].as_array().unwrap().is_empty(),
        "{}",
        v["problems"]
    );
}

#[test]
fn new_writes_a_skeleton_that_loads_clean_and_passes_its_test() {
    for (format, rel) in [
        ("agent-skill", ".agents/skills/team-style/SKILL.md"),
        ("seed", "skills/general/team-style.md"),
        (
            "copilot-instructions",
            ".github/instructions/team-style.instructions.md",
        ),
        ("cursor-rule", ".cursor/rules/team-style.mdc"),
        ("continue", ".continue/rules/team-style.md"),
        ("windsurf", ".windsurf/rules/team-style.md"),
        ("kiro", ".kiro/steering/team-style.md"),
        ("claude-rule", ".claude/rules/team-style.md"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(".git")).unwrap();
        let out = skill_lsp(&["new", format, "team-style"], dir.path());
        assert_eq!(
            out.status.code(),
            Some(0),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(dir.path().join(rel).is_file(), "{format}: {rel}");
        // A second run never overwrites.
        let again = skill_lsp(&["new", format, "team-style"], dir.path());
        assert_eq!(again.status.code(), Some(2), "{format}");
        assert!(String::from_utf8_lossy(&again.stderr).contains("exists already"));

        // The workspace loads it from its conventional place, without a single problem.
        // A library skill is found through `--skills` (or `skills.paths`); the others through
        // their format's conventional place.
        let extra: &[&str] = if format == "seed" {
            &["--skills", "skills"]
        } else {
            &[]
        };
        let args = [&["skills", "--json", "--no-builtin"], extra].concat();
        let out = skill_lsp(&args, dir.path());
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        let skills = v["skills"].as_array().unwrap();
        assert_eq!(skills.len(), 1, "{format}: {v}");
        assert_eq!(skills[0]["problems"], serde_json::json!([]), "{format}");
        assert_eq!(v["problems"], serde_json::json!([]), "{format}");

        // Its tip holds on its examples, and it applies to a Python file of the workspace.
        let out = skill_lsp(&["test", rel], dir.path());
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "{format}: {stdout}");
        assert!(stdout.contains("1 passed, 0 failed"), "{format}: {stdout}");
        write(dir.path(), "app/main.py", "import os\n");
        let args = [
            &["match", "--skill", "team-style", "--no-builtin", "--json"],
            extra,
        ]
        .concat();
        let out = skill_lsp(&args, dir.path());
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        let files: Vec<_> = v["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["file"].as_str().unwrap().to_string())
            .collect();
        assert!(
            files.iter().any(|f| f.ends_with("app/main.py")),
            "{format}: {v}"
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let out = skill_lsp(&["new", "cursor-rule", "Bad_Name"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a valid skill name"));
}

#[test]
fn match_skill_lists_the_files_a_skill_applies_to() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    write(dir.path(), ".gitignore", "ignored/\n");
    write(dir.path(), "skills/python/py-errors.md", GOOD_SKILL);
    write(dir.path(), "src/app.py", "print(1)\n");
    write(dir.path(), "src/lib/util.py", "print(2)\n");
    write(dir.path(), "src/web/main.ts", "console.log(1)\n");
    write(dir.path(), "ignored/gen.py", "print(3)\n");
    let out = skill_lsp(
        &[
            "match",
            "--skill",
            "py-errors",
            "--skills",
            "skills",
            "--no-builtin",
            ".",
        ],
        dir.path(),
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains("./src/app.py  (#1 for this file; language python)"),
        "{stdout}"
    );
    assert!(stdout.contains("src/lib/util.py"), "{stdout}");
    assert!(!stdout.contains("main.ts"), "{stdout}");
    assert!(
        stdout.contains("py-errors applies to 2 files"),
        "git-ignored files are left out: {stdout}"
    );

    let out = skill_lsp(
        &[
            "match",
            "--skill",
            "py-eror",
            "--skills",
            "skills",
            "--no-builtin",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean `py-errors`?"));
}

/// The schemas under docs/schemas are `skill-lsp schema FORMAT`'s output (regenerate with
/// `skill-lsp schema --out docs/schemas`); a real JSON Schema reader checks them in
/// scripts/formats-test.sh.
#[test]
fn published_schemas_are_the_commands_output() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let listed = skill_lsp(&["schema"], repo);
    assert!(listed.status.success());
    let formats: Vec<String> = String::from_utf8_lossy(&listed.stdout)
        .lines()
        .map(str::to_string)
        .collect();
    assert!(formats.contains(&"agent-skill".to_string()), "{formats:?}");
    let mut on_disk: Vec<String> = std::fs::read_dir(repo.join("docs/schemas"))
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            name.strip_suffix(".schema.json").map(str::to_string)
        })
        .collect();
    on_disk.sort();
    let mut sorted = formats.clone();
    sorted.sort();
    assert_eq!(on_disk, sorted, "one schema file per format");
    for f in &formats {
        let out = skill_lsp(&["schema", f], repo);
        assert!(out.status.success(), "{f}");
        let committed =
            std::fs::read_to_string(repo.join(format!("docs/schemas/{f}.schema.json"))).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            committed,
            "docs/schemas/{f}.schema.json is stale: run `skill-lsp schema --out docs/schemas`"
        );
        let v: serde_json::Value = serde_json::from_str(&committed).unwrap();
        assert_eq!(v["type"], "object");
    }
    let alias = skill_lsp(&["schema", "cursor-rule"], repo);
    assert_eq!(
        alias.stdout,
        skill_lsp(&["schema", "cursor-mdc"], repo).stdout
    );
    let bad = skill_lsp(&["schema", "windsrf"], repo);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("did you mean `windsurf`"));
}

//! `skill-lsp check` as a user runs it: the real binary on a temporary tree with a custom skill.

use std::path::Path;
use std::process::Command;

const SKILL: &str = r#"---
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
-->

Catch what you expect.
"#;

fn write(root: &Path, rel: &str, bytes: &[u8]) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, bytes).unwrap();
}

fn run(root: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_skill-lsp"))
        .arg("check")
        .args(["--no-builtin", "--skills", "skills"])
        .args(args)
        .current_dir(root)
        .env("HOME", root)
        .env("XDG_CONFIG_HOME", root.join(".config"))
        .env_remove("SKILL_LSP_LOG")
        .output()
        .expect("run skill-lsp");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn check_walks_respects_gitignore_skips_binary_and_huge_files() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    std::fs::create_dir_all(root.join(".git")).unwrap();
    write(root, "skills/py-errors.md", SKILL.as_bytes());
    write(root, ".gitignore", b"build/\n");
    let bad = b"try:\n    run()\nexcept:\n    pass\n";
    write(root, "src/b.py", bad);
    write(
        root,
        "src/a.py",
        "# 名前 🎉\ntry:\n    run()\n    except Exception:\n        pass\n".as_bytes(),
    );
    write(
        root,
        "src/ok.py",
        b"try:\n    run()\nexcept KeyError:\n    pass\n# except:\n",
    );
    write(root, "build/gen.py", bad);
    let mut binary = bad.to_vec();
    binary.push(0);
    write(root, "src/blob.py", &binary);
    let mut huge = bad.to_vec();
    huge.extend(std::iter::repeat_n(b'#', 2 * 1024 * 1024));
    write(root, "src/huge.py", &huge);

    let (code, out) = run(root, &[]);
    assert_eq!(
        code, 1,
        "warnings fail by default (--fail-on warning): {out}"
    );
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines,
        vec![
            "src/a.py:4:5: warning py-errors/blind-except Blanket except hides real failures.",
            "src/b.py:3:1: warning py-errors/blind-except Blanket except hides real failures.",
            // The skill file itself, a .gitignore, a.py, b.py, ok.py: blob, huge and build/ are skipped.
            "2 findings in 2 files (5 files checked, 1 skill)",
        ],
        "{out}"
    );

    let (code, _) = run(root, &["--error-on-findings"]);
    assert_eq!(code, 1);
    let (code, _) = run(root, &["--exit-zero"]);
    assert_eq!(code, 0);
    let (code, _) = run(root, &["--fail-on", "error"]);
    assert_eq!(code, 0, "warnings are below --fail-on error");
    let (code, out) = run(root, &["--error-on-findings", "src/ok.py"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.starts_with("0 findings in 0 files (1 file checked"),
        "{out}"
    );

    // huge.py is one 2 MiB line: a minified file unless vendored/minified files are included.
    let (_, out) = run(
        root,
        &[
            "--json",
            "--max-file-size",
            "100000000",
            "--include-vendored",
            "src",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let f = &v["findings"];
    assert_eq!(
        f.as_array().unwrap().len(),
        3,
        "huge.py is checked now: {v}"
    );
    assert_eq!(f[0]["path"], "src/a.py");
    assert_eq!(
        (f[0]["line"].as_u64(), f[0]["column"].as_u64()),
        (Some(4), Some(5))
    );
    assert_eq!(
        (f[0]["endLine"].as_u64(), f[0]["endColumn"].as_u64()),
        (Some(4), Some(22))
    );
    assert_eq!(f[0]["tip"], "py-errors/blind-except");
    assert_eq!(f[0]["skill"], "py-errors");
    assert_eq!(f[0]["severity"], "warning");
    assert_eq!(f[0]["kind"], "declared");
    assert_eq!(v["summary"]["filesSkipped"], 1, "the binary file: {v}");

    // Settings apply: a workspace override turns the tip off.
    write(
        root,
        ".skill-lsp.yaml",
        b"tips:\n  overrides:\n    py-errors/blind-except: off\n",
    );
    let (_, out) = run(root, &["src"]);
    assert!(out.starts_with("0 findings"), "{out}");

    let (code, _) = run(root, &["no/such/path"]);
    assert_eq!(code, 2);
}

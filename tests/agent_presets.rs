//! `agent.preset`: each preset runs its program in the documented non-interactive mode, with the
//! prompt where that program expects it. Checked with a stand-in script of the same name on
//! `PATH` that records its arguments and stdin. A workspace file can never pick a preset.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

const CODE: &str =
    "def load(p):\n    try:\n        return open(p).read()\n    except:\n        return None\n";

/// The stand-in: arguments NUL-separated into `argv`, stdin into `stdin`, a short answer out.
const STANDIN: &str = "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\0' \"$a\"; done > \"$STANDIN_LOG/argv\"\ncat > \"$STANDIN_LOG/stdin\"\necho \"The bare except hides errors.\"\n";

fn run_ask(dir: &Path, bin: &Path, log: &Path) -> std::process::Output {
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    std::process::Command::new(env!("CARGO_BIN_EXE_skill-lsp"))
        .args([
            "ask",
            "--no-builtin",
            "--file",
            "app.py",
            "--mode",
            "explain",
            "why?",
        ])
        .current_dir(dir)
        .env("PATH", path)
        .env("STANDIN_LOG", log)
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("XDG_CACHE_HOME", dir.join("cache"))
        .env_remove("OPENAI_API_KEY")
        .env_remove("ANTHROPIC_API_KEY")
        .output()
        .unwrap()
}

fn setup(
    preset: &str,
    user_config: bool,
) -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join(".git")).unwrap();
    std::fs::write(root.join("app.py"), CODE).unwrap();
    let bin = root.join("bin");
    let log = root.join("log");
    std::fs::create_dir_all(&bin).unwrap();
    std::fs::create_dir_all(&log).unwrap();
    let exe = bin.join(preset);
    std::fs::write(&exe, STANDIN).unwrap();
    std::fs::set_permissions(&exe, std::fs::Permissions::from_mode(0o755)).unwrap();
    let yaml = format!("agent:\n  preset: {preset}\n");
    if user_config {
        std::fs::create_dir_all(root.join("config/skill-lsp")).unwrap();
        std::fs::write(root.join("config/skill-lsp/config.yaml"), yaml).unwrap();
    } else {
        std::fs::write(root.join(".skill-lsp.yaml"), yaml).unwrap();
    }
    (dir, bin, log)
}

#[test]
fn each_preset_runs_its_documented_command() {
    // (preset, arguments before the prompt, whether the prompt is the last argument)
    let cases: &[(&str, &[&str], bool)] = &[
        ("claude", &["-p", "--output-format", "text"], false),
        (
            "codex",
            &[
                "exec",
                "--sandbox",
                "read-only",
                "--skip-git-repo-check",
                "-",
            ],
            false,
        ),
        ("gemini", &["-p"], true),
        (
            "aider",
            &[
                "--no-git",
                "--no-auto-commits",
                "--no-pretty",
                "--no-stream",
                "--yes-always",
                "--message",
            ],
            true,
        ),
        ("llm", &["--no-log"], false),
    ];
    for (preset, fixed, as_arg) in cases {
        let (dir, bin, log) = setup(preset, true);
        let out = run_ask(dir.path(), &bin, &log);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{preset}: {stderr}");
        assert_eq!(
            String::from_utf8_lossy(&out.stdout).trim(),
            "The bare except hides errors.",
            "{preset}"
        );
        assert!(
            stderr.contains(&format!("command `{preset}`")),
            "{preset}: {stderr}"
        );
        let argv = std::fs::read_to_string(log.join("argv")).unwrap();
        let args: Vec<&str> = argv.split('\0').filter(|a| !a.is_empty()).collect();
        let stdin = std::fs::read_to_string(log.join("stdin")).unwrap();
        let n = fixed.len();
        assert_eq!(&args[..n], *fixed, "{preset}: {args:?}");
        if *as_arg {
            assert_eq!(args.len(), n + 1, "{preset}: the prompt is one argument");
            assert!(
                args[n].contains("    except:") && args[n].contains("why?"),
                "{preset}"
            );
            assert!(stdin.is_empty(), "{preset}: nothing on stdin");
        } else {
            assert_eq!(args.len(), n, "{preset}: {args:?}");
            assert!(
                stdin.contains("    except:") && stdin.contains("why?"),
                "{preset}: {stdin}"
            );
        }
    }
}

#[test]
fn a_workspace_file_cannot_choose_a_preset() {
    let (dir, bin, log) = setup("claude", false);
    let out = run_ask(dir.path(), &bin, &log);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("`agent.preset` is ignored in a workspace file"),
        "{stderr}"
    );
    assert!(
        !log.join("argv").exists(),
        "the workspace's choice never ran: {stderr}"
    );
    assert_ne!(out.status.code(), Some(0), "{stderr}");
}

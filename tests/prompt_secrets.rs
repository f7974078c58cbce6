//! What `skill-lsp ask` would send, through the real binary (`--dry-run` sends nothing): files
//! ignored by any git source (the global `core.excludesFile` included) and symlinks to ignored
//! files are refused; each secret shape in the file is redacted from the request.
#![cfg(unix)]

use std::path::Path;
use std::process::{Command, Output};

/// `ask --dry-run` on `file` with `home` as `$HOME` (where git's global config lives).
fn dry_run(dir: &Path, home: &Path, file: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_skill-lsp"))
        .args([
            "ask",
            "--file",
            file,
            "--mode",
            "review",
            "--provider",
            "openai",
        ])
        .args([
            "--endpoint",
            "http://127.0.0.1:9/v1",
            "--model",
            "m",
            "--dry-run",
        ])
        .current_dir(dir)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env_remove("GIT_CONFIG_GLOBAL")
        .env_remove("OPENAI_API_KEY")
        .output()
        .unwrap()
}

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn repo() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap().join("repo");
    std::fs::create_dir_all(root.join(".git")).unwrap();
    (dir, root)
}

#[test]
fn files_ignored_only_by_the_global_excludes_file_are_refused() {
    let (dir, root) = repo();
    write(&root, "notes.private.py", "print('mine')\n");
    let with = dir.path().join("home-with");
    let without = dir.path().join("home-without");
    write(&with, "my-global-ignore", "*.private.py\n");
    write(
        &with,
        ".gitconfig",
        &format!(
            "[core]\n\texcludesFile = {}\n",
            with.join("my-global-ignore").display()
        ),
    );
    std::fs::create_dir_all(&without).unwrap();

    let out = dry_run(&root, &without, "notes.private.py");
    assert!(
        out.status.success(),
        "not ignored without the global file: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = dry_run(&root, &with, "notes.private.py");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "refused: {err}");
    assert!(err.contains("ignored by git"), "{err}");
    assert!(out.stdout.is_empty(), "nothing printed to send");
    // The default location, `$XDG_CONFIG_HOME/git/ignore`, counts too.
    let xdg = dir.path().join("home-xdg");
    write(&xdg, "config/git/ignore", "*.private.py\n");
    assert!(!dry_run(&root, &xdg, "notes.private.py").status.success());
}

#[test]
fn a_tracked_symlink_to_an_ignored_file_is_refused() {
    let (dir, root) = repo();
    let home = dir.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    write(&root, ".gitignore", "secrets/\n");
    write(&root, "secrets/keys.py", "KEY = 'real'\n");
    write(&root, "plain.py", "print(1)\n");
    std::os::unix::fs::symlink("secrets/keys.py", root.join("keys_link.py")).unwrap();
    std::os::unix::fs::symlink("plain.py", root.join("plain_link.py")).unwrap();
    let out = dry_run(&root, &home, "keys_link.py");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(err.contains("ignored by git"), "{err}");
    assert!(!String::from_utf8_lossy(&out.stdout).contains("real"));
    let out = dry_run(&root, &home, "plain_link.py");
    assert!(
        out.status.success(),
        "a link to a file that is not ignored is fine: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Each secret shape the adversarial pass saw sent verbatim, in the files it lives in.
#[test]
fn each_secret_shape_is_redacted_from_the_request() {
    let (dir, root) = repo();
    let home = dir.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    let cases = [
        (
            "pay.py",
            "stripe.Charge.create(api_key=sk_live_4eC39HqLyjWDarjtT1zdp7dc)\n",
            "4eC39HqLyjWDarjtT1zdp7dc",
        ),
        (
            "aws.py",
            "CREDS = {'prod': 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'}\n",
            "wJalrXUtnFEMI",
        ),
        (
            "api.py",
            "requests.get(u, headers={'Authorization': 'Bearer 8f2a1c9e7b3d4f6a0e5c'})\n",
            "8f2a1c9e7b3d4f6a0e5c",
        ),
        (
            ".npmrc",
            "//registry.example/:_authToken=npm_abcdefghijklmnopqrstuvwxyz0123456789\n",
            "npm_abcdefghij",
        ),
        (
            "notify.py",
            "HOOK = 'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX'\n",
            "T00000000/B00000000",
        ),
        (
            "Dockerfile",
            "FROM postgres\nENV DB_PASSWORD=hunter2secret\n",
            "hunter2secret",
        ),
        (
            ".envrc",
            "export DEV_DB_URL=postgres-dev-77\n",
            "postgres-dev-77",
        ),
    ];
    for (file, text, secret) in cases {
        write(&root, file, text);
        let out = dry_run(&root, &home, file);
        assert!(
            out.status.success(),
            "{file}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let sent = String::from_utf8_lossy(&out.stdout);
        assert!(sent.contains("redacted-secret-1"), "{file}: {sent}");
        assert!(!sent.contains(secret), "{file}: {secret} sent: {sent}");
    }
}

//! Code lens "applies to N files" on a 10,000-file tree (issue 18): `codeLens/resolve` on a
//! guidance file whose glob covers the tree, timed from request to answer, over the release
//! binary on stdio. Prints plain lines; asserts nothing.
//!
//! Run: `cargo bench --bench lens` (`LENS_FILES=50000` for a bigger tree, `LENS_RUNS=9`).

use std::time::{Duration, Instant};

use serde_json::{Value, json};

#[path = "common/lsp.rs"]
mod lsp;

use lsp::{Server, file_uri, median, ms};

fn env_or(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Send a request and wait for its answer (the client answers the server's own requests, such
/// as progress create, meanwhile).
fn request(s: &mut Server, method: &str, params: Value) -> (Duration, Value) {
    let (id, t) = s.request(method, params);
    let (at, m) = s.response(id).expect("the server answers");
    (at - t, m)
}

fn main() {
    let files = env_or("LENS_FILES", 10_000);
    let runs = env_or("LENS_RUNS", 5);
    let scratch = tempfile::tempdir().unwrap();
    let ws = scratch.path().join("ws");
    let home = scratch.path().join("home");
    std::fs::create_dir_all(ws.join(".git")).unwrap();
    std::fs::create_dir_all(&home).unwrap();
    // A tree shaped like a project: 100 folders, TypeScript and Python sources, a few lines each.
    for i in 0..files {
        let dir = ws.join(format!("src/pkg{}/mod{}", i % 100, (i / 100) % 10));
        std::fs::create_dir_all(&dir).unwrap();
        let (ext, body) = if i % 3 == 0 {
            (
                "py",
                "import os\n\n\ndef f(x):\n    return os.path.join(x, 'a')\n",
            )
        } else {
            (
                "ts",
                "export function f(x: number): number {\n  return x + 1;\n}\n",
            )
        };
        std::fs::write(dir.join(format!("f{i}.{ext}")), body).unwrap();
    }
    let rule = "---\ndescription: TypeScript rules\nglobs: \"src/**/*.ts\"\nalwaysApply: false\n---\n# TS\n\nPrefer `unknown` to `any`.\n";
    let rule_path = ws.join(".cursor/rules/ts.mdc");
    std::fs::create_dir_all(rule_path.parent().unwrap()).unwrap();
    std::fs::write(&rule_path, rule).unwrap();
    let ws = ws.canonicalize().unwrap();

    let mut s = Server::spawn("skill-lsp", &mut lsp::skill_lsp_command(&ws, &home));
    s.initialize(&ws);
    std::thread::sleep(Duration::from_millis(1000));
    s.drain();
    let uri = file_uri(&ws.join(".cursor/rules/ts.mdc"));
    s.open(&uri, "markdown", 1, rule);
    let (_, lenses) = request(
        &mut s,
        "textDocument/codeLens",
        json!({"textDocument": {"uri": uri}}),
    );
    let lens = lenses["result"][0].clone();
    assert_eq!(lens["data"]["kind"], "applies", "{lenses}");

    let mut times = Vec::new();
    let mut title = String::new();
    let started = Instant::now();
    for _ in 0..runs {
        let (d, r) = request(&mut s, "codeLens/resolve", lens.clone());
        title = r["result"]["command"]["title"]
            .as_str()
            .unwrap_or("?")
            .to_string();
        times.push(d);
    }
    let mut sorted = times.clone();
    sorted.sort();
    println!(
        "code lens on a {files}-file tree: \"{title}\", codeLens/resolve median {} (min {}, max {}, {runs} runs, {} in all)",
        ms(median(&times)),
        ms(sorted[0]),
        ms(*sorted.last().unwrap()),
        ms(started.elapsed()),
    );
    s.stop();
}

//! Core figures for the README (issue 2): corpus load time, selection latency with 1,000 skills,
//! incremental `didChange` on a 100,000-line document, and resident memory of the real server
//! with the corpus loaded and 10 documents open. Prints plain lines; asserts nothing.
//!
//! Run: `cargo bench --bench figures` (`FIGURES=load,select,first,did_change,rss` picks parts).

use std::io::{BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::json;

#[path = "../tests/common/frames.rs"]
mod frames;
#[path = "common/peers_ws.rs"]
mod peers_ws;

use frames::{frame, read_msg};
use skill_lsp::lsp::proto::{self, LanguageServer};
use skill_lsp::skills::library::{Library, SkillSources};
use skill_lsp::skills::model::Origin;
use skill_lsp::skills::select::DocumentInfo;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus")
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn pct(mut v: Vec<Duration>, p: f64) -> Duration {
    v.sort();
    v[((v.len() as f64 - 1.0) * p).round() as usize]
}

fn fmt(d: Duration) -> String {
    let us = d.as_secs_f64() * 1e6;
    if us < 1000.0 {
        format!("{us:.1}us")
    } else {
        format!("{:.2}ms", us / 1000.0)
    }
}

/// Library with the corpus, the builtins and synthetic skills up to `n` skills.
pub fn library_with(n: usize) -> Library {
    let base = Library::load(&SkillSources {
        builtin: true,
        configured: vec![corpus()],
        ..Default::default()
    });
    let mut skills = base.skills;
    let mut i = 0;
    while skills.len() < n {
        let text = format!(
            "---\nname: synthetic-{i}\ndescription: Synthetic skill {i} about widgets and gadgets number {i}.\nlanguages: [python]\npaths: ['**/pkg{i}/**/*.py']\n---\n# Synthetic {i}\n\nBody.\n"
        );
        if let Some(s) = skill_lsp::skills::formats::parse_text(
            &format!("synthetic/synthetic-{i}.md"),
            &text,
            Origin::Configured,
        ) {
            skills.push(s);
        }
        i += 1;
    }
    Library::assemble(skills, Vec::new(), Vec::new())
}

fn bench_load() {
    let sources = SkillSources {
        builtin: false,
        configured: vec![corpus()],
        ..Default::default()
    };
    let first = Instant::now();
    let lib = Library::load(&sources);
    let first = first.elapsed();
    let runs: Vec<Duration> = (0..15)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(Library::load(&sources));
            t.elapsed()
        })
        .collect();
    println!(
        "load_corpus files=746 skills={} first={} median={} (target < 150ms)",
        lib.skills.len(),
        fmt(first),
        fmt(median(runs))
    );
}

fn bench_select() {
    let lib = library_with(1000);
    let root = Path::new("/work/project");
    let path = root.join("api/handlers/orders.py");
    let text = "from fastapi import APIRouter\nimport httpx\n\nrouter = APIRouter()\n".repeat(20);
    let doc = DocumentInfo {
        path: Some(&path),
        root: Some(root),
        language_id: "python",
        text: &text,
    };
    let n = lib.select_skills(&doc).len();
    // `SELECT_RUNS=200000` makes the loop dominate a profile (`perf record`).
    let count = std::env::var("SELECT_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5000);
    let runs: Vec<Duration> = (0..count)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(lib.select_skills(&doc));
            t.elapsed()
        })
        .collect();
    println!(
        "select skills_loaded={} matched={n} median={} p99={} (target < 50us median)",
        lib.skills.len(),
        fmt(median(runs.clone())),
        fmt(pct(runs, 0.99))
    );
}

fn bench_did_change(rt: &tokio::runtime::Runtime) {
    let cache = std::env::temp_dir().join(format!("skill-lsp-bench-cache-{}", std::process::id()));
    let (service, _socket) = skill_lsp::lsp::server::service(skill_lsp::lsp::ServerDeps {
        user_config: skill_lsp::lsp::server::UserConfig::None,
        no_user_folders: true,
        cache_dir: Some(cache.clone()),
        ..Default::default()
    });
    let backend = service.inner().clone();
    let text: String = (0..100_000)
        .map(|i| format!("    value_{i} = compute({i})  # 漢字 line\n"))
        .collect();
    let uri: proto::Uri = "file:///tmp/bench/big.py".parse().unwrap();
    rt.block_on(async {
        let init: proto::InitializeParams =
            serde_json::from_value(json!({"capabilities": {}})).unwrap();
        backend.initialize(init).await.unwrap();
        backend
            .did_open(proto::DidOpenTextDocumentParams {
                text_document: proto::TextDocumentItem {
                    uri: uri.clone(),
                    language_id: "python".into(),
                    version: 1,
                    text,
                },
            })
            .await;
        let mut runs = Vec::new();
        for i in 0..2000u32 {
            let line = (i * 37) % 100_000;
            let params = proto::DidChangeTextDocumentParams {
                text_document: proto::VersionedTextDocumentIdentifier {
                    uri: uri.clone(),
                    version: 2 + i as i32,
                },
                content_changes: vec![proto::TextDocumentContentChangeEvent {
                    range: Some(proto::Range::new(
                        proto::Position::new(line, 4),
                        proto::Position::new(line, 4),
                    )),
                    range_length: None,
                    text: "x".into(),
                }],
            };
            let t = Instant::now();
            backend.did_change(params).await;
            runs.push(t.elapsed());
        }
        println!(
            "did_change_1char lines=100000 median={} p99={} (target < 50us median)",
            fmt(median(runs.clone())),
            fmt(pct(runs, 0.99))
        );
    });
    let _ = std::fs::remove_dir_all(&cache);
}

fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// `options`: the editor's `initializationOptions`; `label` names the variant in the output.
fn bench_memory(label: &str, options: serde_json::Value) {
    let bin = env!("CARGO_BIN_EXE_skill-lsp");
    let tmp = std::env::temp_dir().join(format!("skill-lsp-bench-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let mut child = Command::new(bin)
        .args(["--skills", &corpus().display().to_string()])
        .env("HOME", &tmp)
        .env("XDG_CACHE_HOME", tmp.join("cache"))
        .env("XDG_CONFIG_HOME", tmp.join("config"))
        .env("SKILL_LSP_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn skill-lsp");
    let mut stdin = child.stdin.take().unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let root_uri = format!("file://{}", tmp.display());
    stdin.write_all(&frame(&json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"rootUri": root_uri, "capabilities": {}, "initializationOptions": options}}))).unwrap();
    stdin.flush().unwrap();
    while read_msg(&mut out).is_some_and(|m| m["id"] != json!(1)) {}
    stdin
        .write_all(&frame(
            &json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
        ))
        .unwrap();
    stdin.write_all(&frame(&json!({"jsonrpc": "2.0", "id": 9, "method": "workspace/symbol", "params": {"query": "python"}}))).unwrap();
    stdin.flush().unwrap();
    while read_msg(&mut out).is_some_and(|m| m["id"] != json!(9)) {}
    std::thread::sleep(Duration::from_millis(300));
    let rss_init = rss_kib(child.id()).unwrap_or(0);
    let body: String = (0..2000).map(|i| format!("def f_{i}(x):\n    try:\n        return x + {i}\n    except Exception:\n        pass\n")).collect();
    for i in 0..10 {
        let (name, lang) = [
            ("a.py", "python"),
            ("b.ts", "typescript"),
            ("Dockerfile", "dockerfile"),
            ("c.rs", "rust"),
            ("d.go", "go"),
        ][i % 5];
        let uri = format!("{root_uri}/doc{i}/{name}");
        stdin.write_all(&frame(&json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": lang, "version": 1, "text": body}}}))).unwrap();
    }
    stdin.write_all(&frame(&json!({"jsonrpc": "2.0", "id": 2, "method": "workspace/symbol", "params": {"query": "python"}}))).unwrap();
    stdin.flush().unwrap();
    while read_msg(&mut out).is_some_and(|m| m["id"] != json!(2)) {}
    // Let debounced diagnostics run.
    std::thread::sleep(Duration::from_millis(1500));
    let rss = rss_kib(child.id()).unwrap_or(0);
    println!(
        "rss{label} corpus_loaded docs_open=10 doc_lines=10000 rss={:.1}MiB after_init={:.1}MiB (target < 40MB)",
        rss as f64 / 1024.0,
        rss_init as f64 / 1024.0
    );
    stdin
        .write_all(&frame(
            &json!({"jsonrpc": "2.0", "id": 3, "method": "shutdown"}),
        ))
        .unwrap();
    stdin.flush().unwrap();
    while read_msg(&mut out).is_some_and(|m| m["id"] != json!(3)) {}
    stdin
        .write_all(&frame(&json!({"jsonrpc": "2.0", "method": "exit"})))
        .unwrap();
    stdin.flush().unwrap();
    let _ = child.wait();
    let _ = std::fs::remove_dir_all(&tmp);
}

/// The first search of a document after a load against the ones after it (in process, no
/// protocol): what a server's first `didOpen` pays for compiling tips on first use. The
/// document is the peers bench's 10,000-line Python file; each search is of a fresh copy
/// (a new path, so no cached tree), as a first open of each file would be.
fn bench_first_search() {
    use skill_lsp::skills::tips::FindOptions;
    let settings = skill_lsp::settings::Settings::default();
    let text = peers_ws::document(10_000);
    let root = Path::new("/work/project");
    let run = |lib: &Library, i: usize| {
        let path = root.join(format!("big{i}.py"));
        let doc = DocumentInfo {
            path: Some(&path),
            root: Some(root),
            language_id: "python",
            text: &text,
        };
        let t = Instant::now();
        let matches = lib.select_skills_with(&doc, settings.skills.filter());
        let found = lib.find_tips(
            &matches,
            &doc,
            &FindOptions {
                settings: Some(&settings.tips),
                implicit: true,
                ..Default::default()
            },
        );
        (t.elapsed(), found.len())
    };
    let mut firsts = Vec::new();
    let mut warm = Vec::new();
    let mut n = 0;
    for _ in 0..5 {
        let lib = Library::load(&SkillSources {
            builtin: true,
            ..Default::default()
        });
        let (d, k) = run(&lib, 0);
        firsts.push(d);
        n = k;
        for i in 1..6 {
            warm.push(run(&lib, i).0);
        }
    }
    println!(
        "first_search python_lines=10000 findings={n} first={} warm={} (medians of 5 loads; first - warm is compiling on first use)",
        fmt(median(firsts)),
        fmt(median(warm))
    );
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` would pass nothing useful: run either way.
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    // `FIGURES=select,rss cargo bench --bench figures` runs only those parts.
    let only = std::env::var("FIGURES").unwrap_or_default();
    let run = |name: &str| only.is_empty() || only.split(',').any(|p| p.trim() == name);
    if run("load") {
        bench_load();
    }
    if run("select") {
        bench_select();
    }
    if run("first") {
        bench_first_search();
    }
    if run("did_change") {
        bench_did_change(&rt);
    }
    if run("rss") {
        bench_memory("", json!(null));
        // The same with every tip diagnostic published (the caps off): what the caps save.
        bench_memory(
            "_uncapped",
            json!({"tips": {"maxDiagnostics": 0, "maxPerTip": 0}}),
        );
    }
}

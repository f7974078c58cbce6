//! Agent figures (issues 4 and 16), through the in-process LSP harness: the server's latency from
//! `workspace/executeCommand` to the first request byte at the fake server; from a streamed chunk
//! leaving the fake to its `$/progress` report at the client; prompt assembly for a 10,000-line
//! file with 1,000 skills loaded; and, for a rewrite against the fake and against a real LiteLLM
//! proxy (when `SKILL_LSP_LITELLM` names one; scripts/litellm-venv.sh installs it), measured the
//! same way by a timestamping loopback relay in front of either server: executeCommand -> first
//! request byte, first streamed byte -> first `$/progress`, last byte -> `workspace/applyEdit`.
//! Prints plain lines; asserts nothing.
//!
//! Run: `cargo bench --bench agent` (with LiteLLM:
//! `SKILL_LSP_LITELLM=$(bash scripts/litellm-venv.sh) cargo bench --bench agent`)

#[path = "../tests/common/mod.rs"]
mod common;
#[path = "../tests/fake_agent/mod.rs"]
mod fake_agent;
#[path = "../tests/litellm/mod.rs"]
mod litellm;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use fake_agent::{End, FakeAgent, Reply, openai_sse};
use serde_json::json;
use skill_lsp::agent::context::{self, Ask};
use skill_lsp::agent::openai::OpenAi;
use skill_lsp::agent::prompt::Mode;
use skill_lsp::agent::{Limits, prompt};
use skill_lsp::settings::Settings;
use skill_lsp::skills::library::Library;
use skill_lsp::skills::select::DocumentInfo;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn fmt(d: Duration) -> String {
    let us = d.as_secs_f64() * 1e6;
    if us < 1000.0 {
        format!("{us:.1}us")
    } else {
        format!("{:.2}ms", us / 1000.0)
    }
}

fn python_file(lines: usize) -> String {
    let mut s = String::from("import os\nimport logging\n\n");
    let mut i = 0;
    while s.lines().count() < lines {
        s.push_str(&format!(
            "def handler_{i}(path, retries=3):\n    try:\n        with open(path) as f:\n            return f.read()\n    except:\n        logging.warning('failed %s', path)\n        return None\n\n"
        ));
        i += 1;
    }
    s
}

fn many_skills(n: usize) -> Library {
    let topics = [
        "exceptions logging retries",
        "files paths encoding",
        "async tasks cancellation",
        "typing dataclasses",
        "http requests timeouts",
        "sql queries transactions",
    ];
    let files = (0..n)
        .map(|i| {
            let t = topics[i % topics.len()];
            let mut body = format!("---\nname: skill-{i:04}\ndescription: Guidance about {t} number {i}.\nlanguages: [python]\npaths: [\"**/*.py\"]\n---\n# Skill {i}\n\n");
            for s in 0..5 {
                body.push_str(&format!("## Section {s} on {t}\n\nPrefer explicit handling of {t}; avoid hidden state in handler_{s} code paths.\n\n```python\ndef handler_{s}(path):\n    return open(path).read()\n```\n\n"));
            }
            (PathBuf::from(format!("/bench/skills/cat{}/skill-{i:04}.md", i % 10)), body)
        })
        .collect();
    Library::from_texts(files)
}

fn limits() -> Limits {
    let mut l = Limits::from_settings(&Settings::default().agent);
    l.retries = 0;
    l
}

/// Client without `window.workDoneProgress`: the command carries its own token, so no
/// `workDoneProgress/create` round trip (client latency) is in the figure.
fn caps() -> serde_json::Value {
    let mut c = common::default_capabilities();
    c["window"]["workDoneProgress"] = json!(false);
    c
}

async fn first_byte() -> Vec<Duration> {
    let fake = FakeAgent::start(vec![Reply::stream(openai_sse(&["ok"]))]).await;
    let agent = OpenAi::new(
        fake.url(),
        "m".into(),
        None,
        "OPENAI_API_KEY".into(),
        limits(),
    )
    .unwrap();
    let mut s = common::builder()
        .capabilities(caps())
        .init_options(json!({"tips": {"diagnostics": false}}))
        .deps(|d| d.agent = Some(Arc::new(agent)))
        .start()
        .await;
    let uri = s.open("app.py", "python", &python_file(300)).await;
    s.settle(Duration::from_millis(200)).await;
    let mut out = Vec::new();
    for i in 0..40 {
        let params = json!({"command": "skill-lsp.ask", "workDoneToken": format!("t{i}"), "arguments": [{"uri": uri.as_str(), "range": {"start": {"line": 4, "character": 0}, "end": {"line": 10, "character": 0}}, "mode": "explain"}]});
        let t0 = Instant::now();
        let id = s.start_request("workspace/executeCommand", params).await;
        fake.wait_requests(i + 1, Duration::from_secs(10)).await;
        let first = fake.requests()[i].first_byte;
        let _ = s.await_response(id).await;
        if i >= 5 {
            out.push(first.saturating_duration_since(t0));
        }
    }
    s.shutdown().await;
    out
}

async fn chunk_to_progress() -> Vec<Duration> {
    let texts: Vec<String> = (0..25).map(|i| format!("part {i} ")).collect();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let fake = FakeAgent::start(vec![Reply::slow(
        openai_sse(&refs),
        Duration::from_millis(70),
        End::Finish,
    )])
    .await;
    let agent = OpenAi::new(
        fake.url(),
        "m".into(),
        None,
        "OPENAI_API_KEY".into(),
        limits(),
    )
    .unwrap();
    let mut s = common::builder()
        .capabilities(caps())
        .init_options(json!({"tips": {"diagnostics": false}}))
        .deps(|d| d.agent = Some(Arc::new(agent)))
        .start()
        .await;
    let uri = s.open("app.py", "python", &python_file(50)).await;
    let params = json!({"command": "skill-lsp.ask", "workDoneToken": "bench", "arguments": [{"uri": uri.as_str(), "range": {"start": {"line": 4, "character": 0}, "end": {"line": 10, "character": 0}}, "mode": "explain"}]});
    let id = s.start_request("workspace/executeCommand", params).await;
    let mut arrivals = Vec::new();
    for _ in 0..texts.len() {
        s.await_message("$/progress", |p| {
            p["value"]["kind"] == "report"
                && p["value"]["message"]
                    .as_str()
                    .unwrap_or("")
                    .starts_with("received")
        })
        .await;
        arrivals.push(Instant::now());
    }
    let _ = s.await_response(id).await;
    let chunks = fake.chunk_times();
    s.shutdown().await;
    arrivals
        .iter()
        .zip(chunks.iter())
        .skip(1)
        .map(|(a, c)| a.saturating_duration_since(*c))
        .collect()
}

fn assembly() -> (Duration, Duration, usize) {
    let lib = many_skills(1000);
    let text = python_file(10_000);
    let settings = Settings::default();
    let path = PathBuf::from("/bench/ws/app/handlers.py");
    let doc = DocumentInfo {
        path: Some(&path),
        root: Some(std::path::Path::new("/bench/ws")),
        language_id: "python",
        text: &text,
    };
    let mid = text.len() / 2;
    let start = text[..mid].rfind("\ndef ").map(|i| i + 1).unwrap_or(0);
    let end = text[start + 1..]
        .find("\ndef ")
        .map(|i| start + 2 + i)
        .unwrap_or(text.len());
    let ask = Ask {
        target: start..end,
        skills: &[],
        instruction: Some("make it robust"),
        mode: Mode::Rewrite,
        budget: settings.agent.context_tokens,
    };
    let mut whole = Vec::new();
    let mut sections = 0;
    for _ in 0..60 {
        let t = Instant::now();
        let p = context::build(&lib, &settings, &doc, &ask).expect("prompt");
        whole.push(t.elapsed());
        sections = p.sections.len();
    }
    // The assembly alone (six skills already chosen).
    let skills: Vec<_> = lib.skills.iter().take(6).collect();
    let mut pure = Vec::new();
    for _ in 0..60 {
        let input = prompt::PromptInput {
            path: Some(&path),
            language: "python",
            text: &text,
            selection: start..end,
            skills: skills.clone(),
            explicit: vec![],
            findings: vec![],
            instruction: Some("make it robust"),
            mode: Mode::Rewrite,
            budget_tokens: settings.agent.context_tokens,
        };
        let t = Instant::now();
        let _ = prompt::assemble(&input).expect("prompt");
        pure.push(t.elapsed());
    }
    (median(whole), median(pure), sections)
}

/// When bytes crossed a timestamping relay during one request.
#[derive(Default, Clone)]
struct Crossing {
    request_first: Option<Instant>,
    /// First response read holding a stream event (`data:`).
    stream_first: Option<Instant>,
    response_last: Option<Instant>,
}

/// A loopback relay in front of `upstream` that records, per connection, when the request's
/// first byte arrived and when the response's events came through.
async fn relay(upstream: std::net::SocketAddr) -> (String, Arc<std::sync::Mutex<Vec<Crossing>>>) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let log: Arc<std::sync::Mutex<Vec<Crossing>>> = Arc::default();
    let log2 = log.clone();
    tokio::spawn(async move {
        while let Ok((client, _)) = listener.accept().await {
            let log = log2.clone();
            tokio::spawn(async move {
                let _ = client.set_nodelay(true);
                let Ok(server) = tokio::net::TcpStream::connect(upstream).await else {
                    return;
                };
                let _ = server.set_nodelay(true);
                // One slot per request: a kept-alive connection carries several in turn.
                let slot = Arc::new(std::sync::atomic::AtomicUsize::new(usize::MAX));
                let slot_up = slot.clone();
                let (mut cr, mut cw) = client.into_split();
                let (mut sr, mut sw) = server.into_split();
                let log_up = log.clone();
                let up = tokio::spawn(async move {
                    let mut buf = vec![0u8; 65536];
                    while let Ok(n) = cr.read(&mut buf).await {
                        if n == 0 {
                            break;
                        }
                        {
                            let now = Instant::now();
                            let mut l = log_up.lock().unwrap();
                            let cur = slot_up.load(std::sync::atomic::Ordering::SeqCst);
                            if cur == usize::MAX || l[cur].response_last.is_some() {
                                l.push(Crossing {
                                    request_first: Some(now),
                                    ..Default::default()
                                });
                                slot_up.store(l.len() - 1, std::sync::atomic::Ordering::SeqCst);
                            }
                        }
                        if sw.write_all(&buf[..n]).await.is_err() {
                            break;
                        }
                    }
                    let _ = sw.shutdown().await;
                });
                let mut buf = vec![0u8; 65536];
                while let Ok(n) = sr.read(&mut buf).await {
                    if n == 0 {
                        break;
                    }
                    let now = Instant::now();
                    {
                        let mut l = log.lock().unwrap();
                        let cur = slot.load(std::sync::atomic::Ordering::SeqCst);
                        if cur != usize::MAX {
                            if buf[..n].windows(5).any(|w| w == b"data:") {
                                l[cur].stream_first.get_or_insert(now);
                            }
                            l[cur].response_last = Some(now);
                        }
                    }
                    if cw.write_all(&buf[..n]).await.is_err() {
                        break;
                    }
                }
                let _ = cw.shutdown().await;
                up.abort();
            });
        }
    });
    (format!("http://{addr}/v1"), log)
}

/// One round of `n` rewrites against `base` (behind the relay): the three latencies of each.
async fn rewrite_round(
    upstream: std::net::SocketAddr,
    model: &str,
    key: Option<&str>,
    n: usize,
) -> [Vec<Duration>; 3] {
    let (url, log) = relay(upstream).await;
    let agent = OpenAi::new(
        url,
        model.into(),
        key.map(str::to_owned),
        "BENCH_KEY".into(),
        limits(),
    )
    .unwrap();
    let mut s = common::builder()
        .capabilities(caps())
        .init_options(json!({"tips": {"diagnostics": false}}))
        .deps(|d| d.agent = Some(Arc::new(agent)))
        .start()
        .await;
    let code = "import os\n\ndef load(p):\n    try:\n        return open(p).read()\n    except:\n        return None\n";
    let uri = s.open("app.py", "python", code).await;
    s.settle(Duration::from_millis(200)).await;
    let mut out: [Vec<Duration>; 3] = Default::default();
    for i in 0..n + 2 {
        let token = format!("rw{i}");
        let params = json!({"command": "skill-lsp.ask", "workDoneToken": token, "arguments": [{"uri": uri.as_str(), "range": {"start": {"line": 3, "character": 0}, "end": {"line": 7, "character": 0}}, "mode": "rewrite", "skills": ["python-error-handling"]}]});
        let t0 = Instant::now();
        let id = s.start_request("workspace/executeCommand", params).await;
        let tk = token.clone();
        s.await_message("$/progress", move |p| {
            p["token"] == tk.as_str()
                && p["value"]["kind"] == "report"
                && p["value"]["message"]
                    .as_str()
                    .unwrap_or("")
                    .starts_with("received")
        })
        .await;
        let progress = Instant::now();
        s.await_message("workspace/applyEdit", |_| true).await;
        let apply = Instant::now();
        let r = s.await_response(id).await.unwrap();
        assert_eq!(r["applied"], true, "{r}");
        let c = log.lock().unwrap()[i].clone();
        if i >= 2 {
            out[0].push(c.request_first.unwrap().saturating_duration_since(t0));
            out[1].push(progress.saturating_duration_since(c.stream_first.unwrap()));
            out[2].push(apply.saturating_duration_since(c.response_last.unwrap()));
        }
    }
    s.shutdown().await;
    out
}

const REWRITE_NAMES: [&str; 3] = [
    "executeCommand -> first request byte",
    "first streamed byte -> first $/progress",
    "last byte -> workspace/applyEdit",
];

/// Three rounds against one server; prints each figure's median per round, the median of those
/// and the spread (max - min of the round medians). Returns the overall medians.
async fn rewrite_figures(
    label: &str,
    upstream: std::net::SocketAddr,
    model: &str,
    key: Option<&str>,
) -> [Duration; 3] {
    let mut rounds: [Vec<Duration>; 3] = Default::default();
    for _ in 0..3 {
        let r = rewrite_round(upstream, model, key, 15).await;
        for k in 0..3 {
            rounds[k].push(median(r[k].clone()));
        }
    }
    let mut medians = [Duration::ZERO; 3];
    for k in 0..3 {
        let m = median(rounds[k].clone());
        let spread = *rounds[k].iter().max().unwrap() - *rounds[k].iter().min().unwrap();
        println!(
            "rewrite_{label} {:<42} median={} spread={} rounds=[{}] (n=15 each)",
            REWRITE_NAMES[k],
            fmt(m),
            fmt(spread),
            rounds[k]
                .iter()
                .map(|d| fmt(*d))
                .collect::<Vec<_>>()
                .join(", ")
        );
        medians[k] = m;
    }
    medians
}

fn main() {
    let cache = tempfile::tempdir().unwrap();
    // SAFETY: set before any thread is started.
    unsafe { std::env::set_var("XDG_CACHE_HOME", cache.path()) };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let fb = rt.block_on(first_byte());
    println!(
        "ask_first_byte median={} (executeCommand -> first request byte at the fake server, n={})",
        fmt(median(fb.clone())),
        fb.len()
    );
    let cp = rt.block_on(chunk_to_progress());
    println!(
        "chunk_to_progress median={} (chunk written by the fake -> $/progress report at the client, n={})",
        fmt(median(cp.clone())),
        cp.len()
    );
    let fake = rt.block_on(FakeAgent::start(vec![Reply::stream(openai_sse(&[
        "Here is the fix:\n```python\n",
        "try:\n    return open(p).read()\n",
        "except OSError:\n    return None\n```\n",
    ]))]));
    let fake_m = rt.block_on(rewrite_figures("fake", fake.addr, "m", None));
    match litellm::executable() {
        Some(exe) => {
            let proxy = litellm::start(&exe);
            let addr: std::net::SocketAddr = format!("127.0.0.1:{}", proxy.port).parse().unwrap();
            let real = rt.block_on(rewrite_figures(
                "litellm",
                addr,
                "code",
                Some(litellm::MASTER_KEY),
            ));
            for k in 0..3 {
                println!(
                    "rewrite_overhead_litellm_over_fake {:<42} {} (target <= 2 ms)",
                    REWRITE_NAMES[k],
                    fmt(real[k].saturating_sub(fake_m[k]))
                );
            }
        }
        None => println!("rewrite_litellm skipped (SKILL_LSP_LITELLM not set)"),
    }
    let (whole, pure, sections) = assembly();
    println!(
        "prompt_10k_lines_1000_skills median={} (selection + tips in range + assembly; {sections} sections chosen)",
        fmt(whole)
    );
    println!(
        "prompt_assemble_only median={} (6 skills, 10,000-line file)",
        fmt(pure)
    );
}

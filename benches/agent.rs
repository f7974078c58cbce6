//! Agent figures (issue 4), against the loopback fake agent server through the in-process LSP
//! harness: the server's latency from `workspace/executeCommand` to the first request byte at
//! the fake server; from a streamed chunk leaving the fake to its `$/progress` report at the
//! client; and prompt assembly for a 10,000-line file with 1,000 skills loaded. Prints plain
//! lines; asserts nothing.
//!
//! Run: `cargo bench --bench agent`

#[path = "../tests/common/mod.rs"]
mod common;
#[path = "../tests/fake_agent/mod.rs"]
mod fake_agent;

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

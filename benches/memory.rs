//! Memory side by side (issue 14): each server (skill-lsp, ruff's, ast-grep's) started fresh
//! over stdio with the same client and the same ten generated 1,000-line Python documents as
//! benches/peers.rs, resident memory idle and with the ten open; then, for skill-lsp, a leak
//! check: 10,000 one-character edits over the ten documents (a round edits each once, then waits
//! for each one's diagnostics of that version; every 100th round also hovers), RSS at the start,
//! after the first 1,000 edits (warm) and at the end, with the change in percent. Prints plain
//! lines; asserts nothing.
//!
//! Run: `cargo bench --bench memory` (`MEMORY_RUNS=3` repeats it and prints median [min-max];
//! `MEMORY_EDITS=<n>` sets the edits; `PEERS_ONLY=skill-lsp` drives only ours; the peers are
//! installed as for `peers`, into `target/peers/venv`; `MEMORY_SMAPS=<dir>` saves the server's
//! `/proc/<pid>/smaps` at the start, after 1,000 edits and at the end).

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::json;

#[path = "common/lsp.rs"]
mod lsp;
#[path = "common/peers_ws.rs"]
mod peers_ws;

use lsp::{Server, file_uri};
use peers_ws::{BLOCK_LINES, EXCEPT_LINE, TOTAL_LINE, scratch_workspace, toggle_total, venv};

/// Resident memory: (total, anonymous, file-backed) MB.
type Rss = (f64, f64, f64);

fn rss(s: &Server) -> Rss {
    let mb = |k: u64| k as f64 / 1024.0;
    let (a, f) = s.rss_split_kib();
    (mb(s.rss_kib()), mb(a), mb(f))
}

#[derive(Debug, Clone, Default)]
struct Row {
    idle: Rss,
    docs: Rss,
    /// Leak check (skill-lsp only): RSS after the first 1,000 edits and at the end, the edits
    /// made, and how long they took.
    warm: Option<Rss>,
    end: Option<Rss>,
    edits: usize,
    took: Duration,
}

fn drive(name: &str, cmd: &mut Command, ws: &Path, edits: usize) -> Row {
    let mut s = Server::spawn(name, cmd);
    std::thread::sleep(Duration::from_millis(300));
    s.initialize(ws);
    // Idle: whatever the server does after `initialized` (our library load) has settled.
    std::thread::sleep(Duration::from_millis(1500));
    s.drain();
    let idle = rss(&s);

    let mut docs: Vec<(String, String)> = Vec::new();
    for i in 0..10 {
        let p = ws.join(format!("doc_{i}.py"));
        let uri = file_uri(&p);
        let text = std::fs::read_to_string(&p).unwrap();
        s.open(&uri, "python", 1, &text);
        s.diagnostics(&uri, Some(1)).expect("diagnostics on open");
        docs.push((uri, text));
    }
    std::thread::sleep(Duration::from_millis(500));
    let docs_rss = rss(&s);
    smaps(&s, "start");

    let mut row = Row {
        idle,
        docs: docs_rss,
        ..Default::default()
    };
    if edits == 0 {
        s.stop();
        return row;
    }
    let blocks = docs[0].1.lines().count() / BLOCK_LINES;
    let started = Instant::now();
    let mut done = 0;
    let mut round = 0usize;
    while done < edits {
        let version = 2 + round as i64;
        let mut sent = Vec::new();
        for (k, (uri, text)) in docs.iter_mut().enumerate() {
            if done == edits {
                break;
            }
            // `    total = 0` <-> `    total = 1` in a block that moves with the round.
            let line = ((round * 7 + k) % blocks) * BLOCK_LINES + TOTAL_LINE;
            let (col, new) = toggle_total(text, line);
            s.notify(
                "textDocument/didChange",
                json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [
                    {"range": {"start": {"line": line, "character": col}, "end": {"line": line, "character": col + 1}}, "text": new}
                ]}),
            );
            sent.push(uri.clone());
            done += 1;
        }
        for uri in &sent {
            s.diagnostics(uri, Some(version))
                .expect("diagnostics on change");
        }
        if round % 100 == 99 {
            for (uri, _) in &docs {
                s.hover(uri, EXCEPT_LINE as u32, 10);
            }
        }
        round += 1;
        if done == 1_000.min(edits) && row.warm.is_none() {
            std::thread::sleep(Duration::from_millis(300));
            s.drain();
            row.warm = Some(rss(&s));
            smaps(&s, "warm");
        }
        if round.is_multiple_of(50) {
            // The client keeps only what it waits for.
            s.drain();
        }
    }
    row.took = started.elapsed();
    std::thread::sleep(Duration::from_millis(500));
    s.drain();
    row.end = Some(rss(&s));
    smaps(&s, "end");
    row.edits = done;
    s.stop();
    row
}

/// `MEMORY_SMAPS=<dir>`: the server's `/proc/<pid>/smaps` at `label` (`start`, `warm`, `end`)
/// into `<dir>/<label>.smaps`, to tell which mappings (heap, thread stacks, the binary) grow.
fn smaps(s: &Server, label: &str) {
    if let Some(dir) = std::env::var_os("MEMORY_SMAPS") {
        let dir = std::path::PathBuf::from(dir);
        std::fs::create_dir_all(&dir).unwrap();
        if let Ok(m) = std::fs::read_to_string(format!("/proc/{}/smaps", s.pid())) {
            std::fs::write(dir.join(format!("{label}.smaps")), m).unwrap();
        }
    }
}

fn pct_change(from: f64, to: f64) -> f64 {
    (to - from) / from * 100.0
}

fn print_run(rows: &[(String, Row)]) {
    println!("| server | RSS idle | RSS ten documents | of which heap+stacks / mapped files |");
    println!("|---|---|---|---|");
    for (name, r) in rows {
        println!(
            "| {name} | {:.1} MB | {:.1} MB | {:.1} / {:.1} MB (idle {:.1} / {:.1}) |",
            r.idle.0, r.docs.0, r.docs.1, r.docs.2, r.idle.1, r.idle.2
        );
    }
    let us = &rows[0].1;
    for (name, r) in &rows[1..] {
        println!(
            "{name} ÷ skill-lsp: idle {:.2}, ten documents {:.2}",
            r.idle.0 / us.idle.0,
            r.docs.0 / us.docs.0
        );
    }
    if let (Some(warm), Some(end)) = (us.warm, us.end) {
        println!(
            "leak check, skill-lsp, {} edits in {:.1} s: RSS {:.1} MB at the start, {:.1} MB after 1,000, {:.1} MB at the end ({:+.1}% from the start, {:+.1}% from 1,000; heap+stacks {:.1} -> {:.1} MB)",
            us.edits,
            us.took.as_secs_f64(),
            us.docs.0,
            warm.0,
            end.0,
            pct_change(us.docs.0, end.0),
            pct_change(warm.0, end.0),
            us.docs.1,
            end.1
        );
    }
}

fn main() {
    let runs: usize = std::env::var("MEMORY_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    let edits: usize = std::env::var("MEMORY_EDITS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let only_ours = std::env::var("PEERS_ONLY").is_ok_and(|v| v == "skill-lsp");
    let venv = (!only_ours).then(venv);
    let (_scratch, ws, home) = scratch_workspace();
    let mut all: Vec<Vec<(String, Row)>> = Vec::new();
    for run in 0..runs {
        let mut rows = vec![(
            "skill-lsp".to_string(),
            drive("skill-lsp", &mut peers_ws::ours(&ws, &home), &ws, edits),
        )];
        if let Some(venv) = &venv {
            let version = |bin: &str| peers_ws::version(venv, bin);
            rows.push((
                version("ruff").replace(' ', " server "),
                drive("ruff", &mut peers_ws::ruff(venv, &ws, &home), &ws, 0),
            ));
            rows.push((
                format!("{} lsp", version("ast-grep")),
                drive(
                    "ast-grep",
                    &mut peers_ws::ast_grep(venv, &ws, &home),
                    &ws,
                    0,
                ),
            ));
        }
        println!("\nrun {} of {runs}", run + 1);
        print_run(&rows);
        all.push(rows);
    }
    if runs > 1 {
        println!("\nmedian [min-max] over {runs} runs");
        for (i, (name, _)) in all[0].iter().enumerate() {
            let col = |f: &dyn Fn(&Row) -> Option<f64>| -> String {
                let mut v: Vec<f64> = all.iter().filter_map(|rows| f(&rows[i].1)).collect();
                if v.is_empty() {
                    return "-".into();
                }
                v.sort_by(|a, b| a.partial_cmp(b).unwrap());
                format!("{:.1} [{:.1}-{:.1}]", v[v.len() / 2], v[0], v[v.len() - 1])
            };
            println!(
                "{name}: idle {} MB, ten documents {} MB, leak check end {} MB, change from the start {} %, from 1,000 edits {} %",
                col(&|r| Some(r.idle.0)),
                col(&|r| Some(r.docs.0)),
                col(&|r| r.end.map(|e| e.0)),
                col(&|r| r.end.map(|e| pct_change(r.docs.0, e.0))),
                col(&|r| Some(pct_change(r.warm?.0, r.end?.0))),
            );
        }
    }
}

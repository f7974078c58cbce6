//! skill-lsp side by side with ruff's and ast-grep's language servers (issue 14): the same client
//! (benches/common/lsp.rs) drives each server over stdio on the same generated Python documents,
//! in one run, and prints the table of the issue plus a ratio row per peer (peer ÷ skill-lsp:
//! above 1 means skill-lsp is faster or smaller). Hovers a server answers with `null` are counted
//! as such. Prints plain lines; asserts nothing.
//!
//! ast-grep runs twice: with the workspace's one rule (the bare `except:`), as a user would set
//! it up, and with the bundled library's 14 Python structural rules added (written out as
//! ast-grep rule files, `write_our_python_rules`), so its `didOpen` and `didChange` are also
//! timed doing the structural work ours does. The diagnostics each server published on opening
//! big.py are printed too.
//!
//! The peers are installed from PyPI into `target/peers/venv` on first run (pinned versions;
//! `PEERS_VENV=<dir>` to use another venv). Run: `cargo bench --bench peers`
//! (`PEERS_RUNS=3` repeats the whole run and prints median and spread per cell;
//! `PEERS_ONLY=skill-lsp` drives only ours, `PEERS_WRAP="valgrind --tool=callgrind"` or
//! `PEERS_WRAP=heaptrack` runs ours under a profiler).

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use skill_lsp::skills::library::{Library, SkillSources};
use skill_lsp::skills::tips::structural::{self, Grammar};

#[path = "common/lsp.rs"]
mod lsp;
#[path = "common/peers_ws.rs"]
mod peers_ws;

use lsp::{Server, file_uri, median, ms, pct};
use peers_ws::{BLOCK_LINES, EXCEPT_LINE, TOTAL_LINE, scratch_workspace, toggle_total, venv};

/// Hovers per server.
const HOVERS: usize = 200;
/// Edits per server (each waits for its diagnostics, then a pause so the next one is isolated).
const CHANGES: usize = 15;

#[derive(Debug, Clone, Default)]
struct Row {
    init: Duration,
    rss_idle: f64,
    rss_docs: f64,
    open: Duration,
    /// Diagnostics published on open (what each server found in big.py).
    open_diags: usize,
    hover_median: Duration,
    hover_p99: Duration,
    hover_null: usize,
    /// Hovers on `total = 0` lines, where no tip is: (median, p99, null answers).
    off_tip: (Duration, Duration, usize),
    change: Duration,
    full_sync: bool,
    /// (anonymous, file-backed) MB, idle and with ten documents.
    split_idle: (f64, f64),
    split_docs: (f64, f64),
}

fn sync_kind(init: &Value) -> i64 {
    let s = &init["result"]["capabilities"]["textDocumentSync"];
    s.as_i64().or_else(|| s["change"].as_i64()).unwrap_or(1)
}

fn drive(name: &str, cmd: &mut Command, ws: &Path) -> Row {
    let mut s = Server::spawn(name, cmd);
    // Process start-up (loading the binary) is not `initialize`: let every server get to
    // reading its input first.
    std::thread::sleep(Duration::from_millis(300));
    let (init, r) = s.initialize(ws);
    let full_sync = sync_kind(&r) != 2;
    // Idle: whatever the server does after `initialized` (our library load) has settled.
    std::thread::sleep(Duration::from_millis(1500));
    s.drain();
    let rss_idle = s.rss_kib() as f64 / 1024.0;
    let mb = |(a, f): (u64, u64)| (a as f64 / 1024.0, f as f64 / 1024.0);
    let split_idle = mb(s.rss_split_kib());

    let big_path = ws.join("big.py");
    let big = file_uri(&big_path);
    let mut text = std::fs::read_to_string(&big_path).unwrap();
    let t = s.open(&big, "python", 1, &text);
    let (at, m) = s.diagnostics(&big, Some(1)).expect("diagnostics on open");
    let open = at - t;
    let open_diags = m["params"]["diagnostics"].as_array().map_or(0, Vec::len);

    let blocks = text.lines().count() / BLOCK_LINES;
    // Hovers on one line of every block (`col` into it): times and `null` answers.
    let mut hover_lines = |at: usize, col: u32| {
        let (mut times, mut nulls) = (Vec::new(), 0);
        for i in 0..HOVERS {
            let line = (i * blocks / HOVERS) * BLOCK_LINES + at;
            let (d, r) = s.hover(&big, line as u32, col);
            nulls += usize::from(r["result"].is_null());
            times.push(d);
        }
        (times, nulls)
    };
    let (hovers, nulls) = hover_lines(EXCEPT_LINE, 10);
    let (off, off_null) = hover_lines(TOTAL_LINE, 6);

    let mut changes = Vec::new();
    for i in 0..CHANGES {
        std::thread::sleep(Duration::from_millis(400));
        s.drain();
        let version = 2 + i as i64;
        let line = (i * 7 % blocks) * BLOCK_LINES + TOTAL_LINE;
        // `    total = 0` <-> `    total = 1`, one character.
        let (col, new) = toggle_total(&mut text, line);
        let change = if full_sync {
            json!({"text": text})
        } else {
            json!({"range": {"start": {"line": line, "character": col}, "end": {"line": line, "character": col + 1}}, "text": new})
        };
        let t = s.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": big, "version": version}, "contentChanges": [change]}),
        );
        let (at, _) = s
            .diagnostics(&big, Some(version))
            .expect("diagnostics on change");
        changes.push(at - t);
    }
    s.close(&big);

    for i in 0..10 {
        let p = ws.join(format!("doc_{i}.py"));
        let uri = file_uri(&p);
        s.open(&uri, "python", 1, &std::fs::read_to_string(&p).unwrap());
        s.diagnostics(&uri, Some(1)).expect("diagnostics on open");
    }
    std::thread::sleep(Duration::from_millis(500));
    let rss_docs = s.rss_kib() as f64 / 1024.0;
    let split_docs = mb(s.rss_split_kib());
    s.stop();
    Row {
        init,
        rss_idle,
        rss_docs,
        open,
        open_diags,
        hover_median: median(&hovers),
        hover_p99: pct(&hovers, 0.99),
        hover_null: nulls,
        off_tip: (median(&off), pct(&off, 0.99), off_null),
        change: median(&changes),
        full_sync,
        split_idle,
        split_docs,
    }
}

fn ratio(a: f64, b: f64) -> String {
    if b <= 0.0 {
        return "-".into();
    }
    format!("{:.2}", a / b)
}

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

fn print_table(rows: &[(String, Row)]) {
    println!(
        "| server | initialize | RSS idle / 10 docs | didOpen → diagnostics | hover median / p99 | didChange → diagnostics |"
    );
    println!("|---|---|---|---|---|---|");
    for (name, r) in rows {
        let nulls = if r.hover_null > 0 {
            format!(" ({} of {HOVERS} null)", r.hover_null)
        } else {
            String::new()
        };
        println!(
            "| {name} | {} | {:.1} / {:.1} MB | {} | {} / {}{nulls} | {}{} |",
            ms(r.init),
            r.rss_idle,
            r.rss_docs,
            ms(r.open),
            ms(r.hover_median),
            ms(r.hover_p99),
            ms(r.change),
            if r.full_sync { " (full sync)" } else { "" }
        );
    }
    for (name, r) in rows {
        let (m, p, nulls) = r.off_tip;
        println!(
            "hover off every tip ({name}, `total = 0` lines): median {} / p99 {} ({nulls} of {HOVERS} null)",
            ms(m),
            ms(p)
        );
    }
    for (name, r) in rows {
        println!("diagnostics on opening big.py ({name}): {}", r.open_diags);
    }
    for (name, r) in rows {
        println!(
            "memory {name}: idle {:.1} MB heap+stacks + {:.1} MB mapped files; ten documents {:.1} + {:.1} MB",
            r.split_idle.0, r.split_idle.1, r.split_docs.0, r.split_docs.1
        );
    }
    let us = &rows[0].1;
    for (name, r) in &rows[1..] {
        println!(
            "| {name} ÷ skill-lsp | {} | {} / {} | {} | {} / {} | {} |",
            ratio(secs(r.init), secs(us.init)),
            ratio(r.rss_idle, us.rss_idle),
            ratio(r.rss_docs, us.rss_docs),
            ratio(secs(r.open), secs(us.open)),
            ratio(secs(r.hover_median), secs(us.hover_median)),
            ratio(secs(r.hover_p99), secs(us.hover_p99)),
            ratio(secs(r.change), secs(us.change)),
        );
    }
}

/// Rule files for ast-grep of every structural tip of the bundled library that compiles for
/// Python (the 14 the structural bench runs), next to the workspace's bare-`except:` rule: so
/// ast-grep's server can be timed doing the same structural work as ours on the same documents.
/// skill-lsp's one key beside ast-grep's (`file-rule`) is left out. Returns how many.
fn write_our_python_rules(ws: &Path) -> usize {
    let lib = Library::load(&SkillSources {
        builtin: true,
        ..Default::default()
    });
    let mut n = 0;
    for t in lib.tips.tips() {
        let Some(rule) = t.structural.as_deref() else {
            continue;
        };
        let (Some(_), Some(spec)) = (rule.for_grammar(Grammar::Python), rule.spec()) else {
            continue;
        };
        let mut yaml = spec.yaml.clone();
        yaml.remove(structural::FILE_RULE);
        let id = t.id.replace('/', "-");
        let head = format!("id: {id}\nlanguage: python\nseverity: warning\nmessage: {id}\n");
        let body = yaml_serde::to_string(&yaml).expect("a rule serialises");
        std::fs::write(ws.join(format!("rules/{id}.yml")), head + &body).unwrap();
        n += 1;
    }
    n
}

fn main() {
    let venv = venv();
    let runs: usize = std::env::var("PEERS_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    let (_scratch, ws, home) = scratch_workspace();
    // The same documents, with our Python rules added to ast-grep's config.
    let (_scratch_rules, ws_rules, home_rules) = scratch_workspace();
    let our_rules = write_our_python_rules(&ws_rules);
    let version = |bin: &str| peers_ws::version(&venv, bin);
    println!(
        "peers: {}, {}; documents: big.py 10,000 lines, ten of 1,000 lines; {HOVERS} hovers on `except:` lines and {HOVERS} on `total = 0` lines; {CHANGES} one-character edits",
        version("ruff"),
        version("ast-grep")
    );
    let mut all: Vec<Vec<(String, Row)>> = Vec::new();
    for run in 0..runs {
        let started = Instant::now();
        let mut rows = Vec::new();
        let mut ours = peers_ws::ours(&ws, &home);
        rows.push(("skill-lsp".to_string(), drive("skill-lsp", &mut ours, &ws)));
        if std::env::var("PEERS_ONLY").is_ok_and(|v| v == "skill-lsp") {
            print_table(&rows);
            all.push(rows);
            continue;
        }
        rows.push((
            version("ruff").replace(' ', " server "),
            drive("ruff", &mut peers_ws::ruff(&venv, &ws, &home), &ws),
        ));
        rows.push((
            format!("{} lsp", version("ast-grep")),
            drive("ast-grep", &mut peers_ws::ast_grep(&venv, &ws, &home), &ws),
        ));
        rows.push((
            format!("{} lsp, +{our_rules} rules", version("ast-grep")),
            drive(
                "ast-grep",
                &mut peers_ws::ast_grep(&venv, &ws_rules, &home_rules),
                &ws_rules,
            ),
        ));
        println!(
            "\nrun {} of {runs} ({:.1} s)",
            run + 1,
            started.elapsed().as_secs_f64()
        );
        print_table(&rows);
        all.push(rows);
    }
    if runs > 1 {
        println!("\nmedian [min-max] over {runs} runs");
        for (i, (name, _)) in all[0].iter().enumerate() {
            let col = |f: &dyn Fn(&Row) -> f64| {
                let mut v: Vec<f64> = all.iter().map(|rows| f(&rows[i].1)).collect();
                v.sort_by(|a, b| a.partial_cmp(b).unwrap());
                (v[v.len() / 2], v[0], v[v.len() - 1])
            };
            let fmt_ms = |(m, a, b): (f64, f64, f64)| format!("{m:.2} [{a:.2}-{b:.2}] ms");
            let fmt_mb = |(m, a, b): (f64, f64, f64)| format!("{m:.1} [{a:.1}-{b:.1}] MB");
            println!(
                "| {name} | {} | {} / {} | {} | {} / {} | {} |",
                fmt_ms(col(&|r| secs(r.init) * 1e3)),
                fmt_mb(col(&|r| r.rss_idle)),
                fmt_mb(col(&|r| r.rss_docs)),
                fmt_ms(col(&|r| secs(r.open) * 1e3)),
                fmt_ms(col(&|r| secs(r.hover_median) * 1e3)),
                fmt_ms(col(&|r| secs(r.hover_p99) * 1e3)),
                fmt_ms(col(&|r| secs(r.change) * 1e3)),
            );
        }
    }
}

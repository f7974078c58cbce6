//! One long line (issue 11): diagnostics and hover on a 1 MB single-line bundle
//! (`if(a==b){console.log(x)};` repeated, thousands of hits), and hovers on a small file while
//! that one is analysed. Drives the release binary over stdio. Prints plain lines; it stops only if
//! the long line gets no diagnostics at all (then there would be nothing to time).
//!
//! Run: `cargo bench --bench longline` (`LONGLINE_MB=10` for a bigger line; `LONGLINE_DEBUG=1`
//! prints each small-file hover over 1 ms with its place in the round).

use std::time::{Duration, Instant};

use serde_json::json;

#[path = "common/lsp.rs"]
mod lsp;

use lsp::{Server, file_uri, median, ms, pct};

const UNIT: &str = "if(a==b){console.log(x)};";

fn main() {
    let mb: usize = std::env::var("LONGLINE_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    let scratch = tempfile::tempdir().unwrap();
    let ws = scratch.path().join("ws");
    let home = scratch.path().join("home");
    std::fs::create_dir_all(ws.join("src")).unwrap();
    std::fs::create_dir_all(&home).unwrap();
    let ws = ws.canonicalize().unwrap();
    // A line this long marks the file as minified, which `check` and the server skip by
    // default; the point here is what analysing one costs, so the workspace opts in.
    std::fs::write(
        ws.join(".skill-lsp.yaml"),
        "tips:\n  includeVendored: true\n",
    )
    .unwrap();
    let mut s = Server::spawn("skill-lsp", &mut lsp::skill_lsp_command(&ws, &home));
    s.initialize(&ws);
    std::thread::sleep(Duration::from_millis(1000));
    s.drain();

    let mut line = UNIT.repeat(mb * 1_000_000 / UNIT.len());
    let big = file_uri(&ws.join("src/bundle.js"));
    let small = file_uri(&ws.join("Dockerfile"));
    s.open(&small, "dockerfile", 1, "FROM node:latest\nRUN echo hi\n");
    s.diagnostics(&small, Some(1)).expect("small diagnostics");

    // Control: hovers on the small file with nothing else in flight (what this machine gives
    // a hover at all, to read the figure under load against).
    let mut quiet = Vec::new();
    for _ in 0..200 {
        let (d, _) = s.hover(&small, 0, 12);
        quiet.push(d);
    }
    println!(
        "hover on the small file, nothing else in flight: median {}, p99 {}, max {}",
        ms(median(&quiet)),
        ms(pct(&quiet, 0.99)),
        ms(pct(&quiet, 1.0))
    );

    // Open: to diagnostics (the same document five times, closed in between).
    let mut opens = Vec::new();
    let mut shown = 0;
    for v in 1..=5 {
        let t = s.open(&big, "javascript", v, &line);
        let (at, d) = s.diagnostics(&big, Some(v)).expect("diagnostics");
        opens.push(at - t);
        shown = d["params"]["diagnostics"].as_array().map_or(0, Vec::len);
        // Nothing published means the file was skipped and the figures below would time
        // nothing: say so rather than print them.
        assert!(shown > 0, "the long line got no diagnostics: skipped? {d}");
        if v < 5 {
            s.close(&big);
            s.diagnostics(&big, None);
        }
    }
    println!(
        "{mb} MB single line ({} bytes): didOpen -> diagnostics median {} (min {}, max {}), {shown} diagnostics published",
        line.len(),
        ms(median(&opens)),
        ms(pct(&opens, 0.0)),
        ms(pct(&opens, 1.0))
    );

    // Hover on hits of that line, the version analysed (cached findings).
    let mut cached = Vec::new();
    for i in 0..200u32 {
        let (d, _) = s.hover(&big, 0, 4 + (i % 2000) * UNIT.len() as u32);
        cached.push(d);
    }
    // Past the line cap: the note.
    let (past, r) = s.hover(&big, 0, (line.len() - 10) as u32);
    let note = r["result"]["contents"]["value"].as_str().unwrap_or("");
    println!(
        "hover on the line, analysed version: median {}, p99 {}; past the cap {} ({:?})",
        ms(median(&cached)),
        ms(pct(&cached, 0.99)),
        ms(past),
        note
    );

    // Each round: a one-character edit of the big line (a new version: a fresh analysis starts
    // and cancels the previous one), then at once a hover on the big line (not analysed yet:
    // searched for that line) and hovers on the small file while the analysis runs.
    let mut first_big = Vec::new();
    let mut small_hovers = Vec::new();
    let mut overlapped = 0;
    let mut analyses = Vec::new();
    for round in 0..20 {
        let v = 10 + round as i64;
        let pos = 7 + (round % 100) * UNIT.len();
        let new = if &line[pos..pos + 1] == "x" { "y" } else { "x" };
        line.replace_range(pos..pos + 1, new);
        let t = s.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": big, "version": v}, "contentChanges": [
                {"range": {"start": {"line": 0, "character": pos}, "end": {"line": 0, "character": pos + 1}}, "text": new}
            ]}),
        );
        let (d, _) = s.hover(&big, 0, 4);
        first_big.push(d);
        let mut last = Instant::now();
        for k in 0..10 {
            let (d, _) = s.hover(&small, 0, 12);
            if d > Duration::from_millis(1) && std::env::var("LONGLINE_DEBUG").is_ok() {
                eprintln!(
                    "slow small hover: round {round} #{k} {} at {:.1} ms after the change",
                    ms(d),
                    (Instant::now() - t).as_secs_f64() * 1e3
                );
            }
            small_hovers.push(d);
            last = Instant::now();
        }
        let (at, _) = s
            .diagnostics(&big, Some(v))
            .expect("diagnostics after change");
        analyses.push(at - t);
        if at > last {
            overlapped += 1;
        }
        std::thread::sleep(Duration::from_millis(50));
        s.drain();
    }
    println!(
        "hover on the line right after an edit (searched for that line): median {}, p99 {}",
        ms(median(&first_big)),
        ms(pct(&first_big, 0.99))
    );
    println!(
        "didChange -> diagnostics on the line: median {} (min {}, max {})",
        ms(median(&analyses)),
        ms(pct(&analyses, 0.0)),
        ms(pct(&analyses, 1.0))
    );
    println!(
        "hover on a small file while the line is analysed: median {}, p99 {}, max {} ({} hovers; in {overlapped} of 20 rounds the last small hover was answered before the big file's diagnostics)",
        ms(median(&small_hovers)),
        ms(pct(&small_hovers, 0.99)),
        ms(pct(&small_hovers, 1.0)),
        small_hovers.len()
    );
    s.stop();
}

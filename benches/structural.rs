//! Structural-tip figures (issue 12), release build: on a 10,000-line Python file with 1,000
//! synthetic skills loaded over the bundled ones (benches/common/tipdata.rs):
//! - cold parse + every structural rule of the library for Python, in process; the same for
//!   JavaScript, TypeScript, YAML, Bash and Dockerfile on 10,000-line files made of the real-code
//!   set's files (`grammars`); and the parse alone of the Python file by PyPI's `tree-sitter`
//!   binding with the grammar version we link (into the peers venv), for what the grammar costs
//!   on this machine whoever calls it;
//! - diagnostics after a one-line edit, in process (the tree re-parsed incrementally from the
//!   previous version, then selection and the tips, as the server's diagnostics task runs them:
//!   from the previous version's findings, only what the edit touched; the whole pass too);
//! - the real server over stdio with the same skills (`--skills`): hover median / p99 on tip
//!   positions, and `didChange` → `publishDiagnostics` for isolated one-character edits;
//! - `skill-lsp check` over a large tree against `ast-grep scan` (PyPI `ast-grep-cli`, in the
//!   peers venv) with as many rules as `check` runs on that tree's files, from one run;
//! - the release binary's size.
//!
//! Prints plain lines; asserts nothing. Run: `cargo bench --bench structural`
//! (`STRUCTURAL_RUNS=3` repeats everything and prints median [min-max] per figure;
//! `TIPS_BENCH_TREE=<dir>` picks the tree, default `~/.cargo/registry/src`;
//! `STRUCTURAL=parse,grammars,edit,server,check` picks parts; `EDIT_GAP_MS=400` idles before each
//! timed in-process edit pass, as the server bench does between edits).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::json;
use skill_lsp::settings::Settings;
use skill_lsp::skills::library::{Library, SkillSources};
use skill_lsp::skills::select::{self, DocumentInfo};
use skill_lsp::skills::tips::incremental::Prev;
use skill_lsp::skills::tips::structural::{self, Grammar, Parsed};
use skill_lsp::skills::tips::{FindExtra, FindOptions, Report, TipKind};

#[path = "common/lsp.rs"]
mod lsp;
#[path = "common/tipdata.rs"]
mod tipdata;

use lsp::{Server, file_uri, median, pct};

/// Figures of one run, by name (milliseconds or plain numbers).
type Figures = BTreeMap<&'static str, f64>;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// CPU time of this thread: on a machine shared with other work, wall time measures the
/// neighbours too; the CPU time of the computation does not.
fn cpu_now() -> Duration {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes into the timespec we pass.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

fn parts() -> impl Fn(&str) -> bool {
    let only = std::env::var("STRUCTURAL").unwrap_or_default();
    move |name: &str| only.is_empty() || only.split(',').any(|p| p.trim() == name)
}

struct Setup {
    _tmp: tempfile::TempDir,
    synthetic: PathBuf,
    ws: PathBuf,
    home: PathBuf,
    lib: Library,
    text: String,
}

fn setup() -> Setup {
    let tmp = tempfile::tempdir().expect("tempdir");
    let synthetic = tmp.path().join("synthetic");
    tipdata::write_synthetic(&synthetic);
    let ws = tmp.path().join("ws");
    let home = tmp.path().join("home");
    std::fs::create_dir_all(ws.join("app")).unwrap();
    std::fs::create_dir_all(&home).unwrap();
    let ws = ws.canonicalize().unwrap();
    let text = tipdata::big_python();
    std::fs::write(ws.join("app/service.py"), &text).unwrap();
    let lib = Library::load(&SkillSources {
        builtin: true,
        configured: vec![synthetic.clone()],
        ..Default::default()
    });
    Setup {
        _tmp: tmp,
        synthetic,
        ws,
        home,
        lib,
        text,
    }
}

/// Cold parse + every structural rule the library has for Python, over the whole file; then
/// the same file parsed by tree-sitter's own Python binding with the grammar version we link.
fn cold_parse(s: &Setup, fig: &mut Figures) {
    cold(s, Grammar::Python, &s.text, "", fig);
    check::reference_parse(&s.text, fig);
}

/// Cold parse + every structural rule the library has for `g`, over `text`; figures named with
/// `label` (empty for the Python file of the target).
fn cold(s: &Setup, g: Grammar, text: &str, label: &'static str, fig: &mut Figures) {
    let rules: Vec<(usize, &structural::Compiled, &str)> = s
        .lib
        .tips
        .tips()
        .iter()
        .enumerate()
        .filter_map(|(i, t)| {
            let c = t.structural.as_ref()?.for_grammar(g)?;
            Some((i, c, &*t.message))
        })
        .collect();
    let mut parse = Vec::new();
    let mut total = Vec::new();
    let mut parse_cpu = Vec::new();
    let mut total_cpu = Vec::new();
    let mut hits = 0;
    let mut errors = false;
    for _ in 0..15 {
        let (t, c) = (Instant::now(), cpu_now());
        let p = Parsed::new(g, text).expect("a tree");
        parse.push(t.elapsed());
        parse_cpu.push(cpu_now() - c);
        hits = structural::scan(&p, &rules, None).len();
        total.push(t.elapsed());
        total_cpu.push(cpu_now() - c);
        errors = p.has_error;
    }
    if label.is_empty() {
        println!(
            "cold_parse_and_structural_rules rules={} hits={hits} parse median={:.2}ms (cpu {:.2}ms) parse+rules median={:.2}ms (cpu {:.2}ms) p99={:.2}ms (target <= 30 ms)",
            rules.len(),
            ms(median(&parse)),
            ms(median(&parse_cpu)),
            ms(median(&total)),
            ms(median(&total_cpu)),
            ms(pct(&total, 0.99))
        );
    } else {
        println!(
            "cold_parse_and_structural_rules {label} lines={} bytes={} syntax_errors={errors} rules={} hits={hits} parse median={:.2}ms (cpu {:.2}ms) parse+rules median={:.2}ms (cpu {:.2}ms)",
            text.lines().count(),
            text.len(),
            rules.len(),
            ms(median(&parse)),
            ms(median(&parse_cpu)),
            ms(median(&total)),
            ms(median(&total_cpu)),
        );
    }
    // `STRUCTURAL_PER_RULE=1`: what each rule costs alone on the parsed file (finds the
    // expensive ones).
    if std::env::var_os("STRUCTURAL_PER_RULE").is_some() {
        let p = Parsed::new(g, text).expect("a tree");
        let mut each: Vec<(f64, usize, &str)> = rules
            .iter()
            .map(|r| {
                let one = std::slice::from_ref(r);
                let runs: Vec<Duration> = (0..5)
                    .map(|_| {
                        let t = Instant::now();
                        std::hint::black_box(structural::scan(&p, one, None));
                        t.elapsed()
                    })
                    .collect();
                let n = structural::scan(&p, one, None).len();
                (ms(median(&runs)), n, s.lib.tips.tips()[r.0].id.as_ref())
            })
            .collect();
        each.sort_by(|a, b| b.0.total_cmp(&a.0));
        for (t, n, id) in each {
            println!("  rule {id}: {t:.2} ms alone, {n} hits");
        }
    }
    let name = |what: &str| -> &'static str {
        if label.is_empty() {
            Box::leak(what.to_string().into_boxed_str())
        } else {
            Box::leak(format!("{label} {what}").into_boxed_str())
        }
    };
    fig.insert(name("cold parse (ms)"), ms(median(&parse)));
    fig.insert(
        name("cold parse + structural rules (ms)"),
        ms(median(&total)),
    );
    fig.insert(name("cold parse cpu (ms)"), ms(median(&parse_cpu)));
    fig.insert(
        name("cold parse + structural rules cpu (ms)"),
        ms(median(&total_cpu)),
    );
}

/// A grammar, its label, which file names are of it, the separator joining its files.
type Kind = (Grammar, &'static str, fn(&str) -> bool, &'static str);

/// The other grammars with bundled structural rules, each on a file of at least 10,000 lines
/// made of the real-code set's files of that language (tests/realcode) repeated in order: real
/// shapes at the Python file's size. YAML files are joined as documents (`---`).
fn other_grammars(s: &Setup, fig: &mut Figures) {
    let set = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/realcode");
    let mut files: Vec<PathBuf> = Vec::new();
    let mut stack = vec![set];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                files.push(p);
            }
        }
    }
    files.sort();
    let kinds: &[Kind] = &[
        (
            Grammar::JavaScript,
            "javascript",
            |n| n.ends_with(".js"),
            "\n",
        ),
        (
            Grammar::TypeScript,
            "typescript",
            |n| n.ends_with(".ts"),
            "\n",
        ),
        (
            Grammar::Yaml,
            "yaml",
            |n| n.ends_with(".yml") || n.ends_with(".yaml"),
            "\n---\n",
        ),
        (
            Grammar::Bash,
            "bash",
            |n| n.ends_with(".sh") || n.ends_with(".bash"),
            "\n",
        ),
        (
            Grammar::Dockerfile,
            "dockerfile",
            |n| n.starts_with("Dockerfile") || n.ends_with(".dockerfile"),
            "\n",
        ),
    ];
    for &(g, label, wanted, sep) in kinds {
        let texts: Vec<String> = files
            .iter()
            .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(wanted))
            .filter_map(|p| std::fs::read_to_string(p).ok())
            .collect();
        if texts.is_empty() {
            println!("cold_parse_and_structural_rules {label} skipped: no files in the set");
            continue;
        }
        let mut text = String::new();
        'fill: loop {
            for t in &texts {
                text.push_str(t);
                text.push_str(sep);
                if text.lines().count() >= 10_000 {
                    break 'fill;
                }
            }
        }
        cold(s, g, &text, label, fig);
    }
}

/// What the server's diagnostics task runs for one version: selection, the project's
/// suppressions, every tip (the tree from the cache, edited when the text changed); from the
/// previous version's text and report when given (only what the edit touched), as the server
/// does after an edit. Returns the report and whether it was incremental.
fn diagnostics_pass(
    lib: &Library,
    info: &DocumentInfo,
    settings: &Settings,
    prev: Option<(&str, &Report)>,
) -> (Report, bool) {
    let matches = lib.select_skills_with(info, settings.skills.filter());
    let rules = skill_lsp::skills::policy::for_document(info, &settings.tips).unwrap_or_default();
    let opts = FindOptions {
        settings: Some(&settings.tips),
        implicit: true,
        ..Default::default()
    };
    let extra = FindExtra {
        rules: Some(&rules),
        keep_suppressed: false,
        tests_too: false,
    };
    if let Some((old, r)) = prev {
        let selected: Vec<usize> = matches.iter().map(|m| m.skill).collect();
        let rel = select::match_path(info);
        let doc = skill_lsp::skills::tips::Document {
            text: info.text,
            language_id: info.language_id,
            rel_path: rel.as_deref(),
        };
        let p = Prev {
            text: old,
            findings: &r.findings,
            limits: &r.limits,
            memo: &r.memo,
        };
        if let Some(r) =
            lib.tips
                .find_incremental(lib.skills.len(), &selected, &doc, &opts, &extra, None, p)
        {
            return (r, true);
        }
    }
    (
        lib.find_tips_report(&matches, info, &opts, &extra, None),
        false,
    )
}

/// Diagnostics after a one-line edit, in process (the tree cache edits the previous tree).
fn edit(s: &Setup, fig: &mut Figures) {
    let path = s.ws.join("app/service.py");
    let settings = Settings::default();
    let mut text = s.text.clone();
    let pass = |t: &str, prev: Option<(&str, &Report)>| -> (Report, bool) {
        let info = DocumentInfo {
            path: Some(&path),
            root: Some(&s.ws),
            language_id: "python",
            text: t,
        };
        diagnostics_pass(&s.lib, &info, &settings, prev)
    };
    // Cold: the first pass parses the file.
    let (t, c) = (Instant::now(), cpu_now());
    let (mut report, _) = pass(&text, None);
    let n = report.findings.len();
    let cold = t.elapsed();
    let cold_cpu = cpu_now() - c;
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let (mut whole, mut whole_cpu, mut inc, mut inc_cpu) = (vec![], vec![], vec![], vec![]);
    let mut incremental = 0;
    for k in 0..30 {
        // `        total = 0` -> `1` and back, on a different line each time.
        let mut line = (k * 997) % 9_900;
        while !text[line_starts[line]..].starts_with("        total = ") {
            line += 1;
        }
        let at = line_starts[line] + "        total = ".len();
        let new = if &text[at..at + 1] == "0" { "1" } else { "0" };
        let old = text.clone();
        text.replace_range(at..at + 1, new);
        // Every tip over the whole text (what each edit cost before incremental search)...
        let (t, c) = (Instant::now(), cpu_now());
        let (full, _) = pass(&text, None);
        whole.push(t.elapsed());
        whole_cpu.push(cpu_now() - c);
        // ...and from the previous version, as the server now does. The whole pass above left
        // the new tree in the cache, so parse it again from the old one first: the incremental
        // pass pays the re-parse like the server does.
        let _ = structural::trees::parsed(Some("app/service.py"), Grammar::Python, &old);
        // `EDIT_GAP_MS=<n>`: idle before the timed pass, as between a user's isolated edits
        // (the server bench waits 400 ms), so its caches are as cold as the server's.
        if let Some(ms) = std::env::var("EDIT_GAP_MS")
            .ok()
            .and_then(|v| v.parse().ok())
        {
            std::thread::sleep(Duration::from_millis(ms));
        }
        let (t, c) = (Instant::now(), cpu_now());
        let (r, was) = pass(&text, Some((&old, &report)));
        inc.push(t.elapsed());
        inc_cpu.push(cpu_now() - c);
        incremental += usize::from(was);
        assert_eq!(r.findings, full.findings, "incremental == whole");
        report = r;
    }
    println!(
        "diagnostics_after_one_line_edit findings={n} first_pass={:.2}ms (cpu {:.2}ms) whole median={:.2}ms (cpu {:.2}ms); incremental ({incremental}/30) median={:.2}ms (cpu {:.2}ms) p99={:.2}ms (in process; target <= 10 ms)",
        ms(cold),
        ms(cold_cpu),
        ms(median(&whole)),
        ms(median(&whole_cpu)),
        ms(median(&inc)),
        ms(median(&inc_cpu)),
        ms(pct(&inc, 0.99))
    );
    fig.insert("in-process first diagnostics (ms)", ms(cold));
    fig.insert("in-process whole pass after edit (ms)", ms(median(&whole)));
    fig.insert(
        "in-process whole pass after edit cpu (ms)",
        ms(median(&whole_cpu)),
    );
    fig.insert("in-process diagnostics after edit (ms)", ms(median(&inc)));
    fig.insert("in-process first diagnostics cpu (ms)", ms(cold_cpu));
    fig.insert(
        "in-process diagnostics after edit cpu (ms)",
        ms(median(&inc_cpu)),
    );
}

/// The release server with the same skills, over stdio.
fn server(s: &Setup, fig: &mut Figures) {
    let mut cmd = lsp::skill_lsp_command(&s.ws, &s.home);
    cmd.arg("--skills").arg(&s.synthetic);
    let mut srv = Server::spawn("skill-lsp", &mut cmd);
    srv.initialize(&s.ws);
    // The library (1,000 skills on top of the bundled ones) loads after `initialize`.
    std::thread::sleep(Duration::from_millis(2000));
    srv.drain();
    let uri = file_uri(&s.ws.join("app/service.py"));
    let mut text = s.text.clone();
    let t = srv.open(&uri, "python", 1, &text);
    let (at, d) = srv.diagnostics(&uri, Some(1)).expect("diagnostics on open");
    let open = at - t;
    let published = d["params"]["diagnostics"].as_array().map_or(0, Vec::len);
    // Hover where tips are: the start of each published diagnostic, round robin.
    let spots: Vec<(u32, u32)> = d["params"]["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|d| {
            let p = &d["range"]["start"];
            Some((p["line"].as_u64()? as u32, p["character"].as_u64()? as u32))
        })
        .collect();
    let mut hovers = Vec::new();
    let mut answered = 0;
    for i in 0..400 {
        let (line, col) = spots
            .get(i * 7 % spots.len().max(1))
            .copied()
            .unwrap_or((0, 0));
        let (d, r) = srv.hover(&uri, line, col);
        answered += usize::from(!r["result"].is_null());
        hovers.push(d);
    }
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let mut changes = Vec::new();
    for k in 0..15 {
        std::thread::sleep(Duration::from_millis(400));
        srv.drain();
        let mut line = (k * 661) % 9_900;
        while !text[line_starts[line]..].starts_with("        total = ") {
            line += 1;
        }
        let col = "        total = ".len();
        let at = line_starts[line] + col;
        let new = if &text[at..at + 1] == "0" { "1" } else { "0" };
        text.replace_range(at..at + 1, new);
        let version = 2 + k as i64;
        let t = srv.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [
                {"range": {"start": {"line": line, "character": col}, "end": {"line": line, "character": col + 1}}, "text": new}
            ]}),
        );
        let (at, _) = srv
            .diagnostics(&uri, Some(version))
            .expect("diagnostics on change");
        changes.push(at - t);
    }
    srv.stop();
    println!(
        "server_10k_lines_1000_skills didOpen->diagnostics={:.1}ms ({published} published); hover median={:.3}ms p99={:.3}ms ({answered}/400 answered; target median <= 0.3 ms); didChange->diagnostics median={:.2}ms min={:.2}ms max={:.2}ms (target <= 10 ms)",
        ms(open),
        ms(median(&hovers)),
        ms(pct(&hovers, 0.99)),
        ms(median(&changes)),
        ms(pct(&changes, 0.0)),
        ms(pct(&changes, 1.0))
    );
    fig.insert("server didOpen -> diagnostics (ms)", ms(open));
    fig.insert("server hover median (ms)", ms(median(&hovers)));
    fig.insert("server hover p99 (ms)", ms(pct(&hovers, 0.99)));
    fig.insert("server didChange -> diagnostics (ms)", ms(median(&changes)));
}

fn main() {
    let run = parts();
    let runs: usize = std::env::var("STRUCTURAL_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    let bin = env!("CARGO_BIN_EXE_skill-lsp");
    let size = std::fs::metadata(bin).map_or(0, |m| m.len());
    println!("binary {bin}: {:.1} MB ({size} bytes)", size as f64 / 1e6);
    let s = setup();
    let declared = s.lib.tips.declared_count();
    let structural = s
        .lib
        .tips
        .tips()
        .iter()
        .filter(|t| t.structural.is_some())
        .count();
    let implicit = s
        .lib
        .tips
        .tips()
        .iter()
        .filter(|t| t.kind == TipKind::Implicit)
        .count();
    println!(
        "library skills={} declared_tips={declared} (structural {structural}) implicit_tips={implicit}; document lines=10000 bytes={}",
        s.lib.skills.len(),
        s.text.len()
    );
    let mut all: Vec<Figures> = Vec::new();
    for r in 0..runs {
        if runs > 1 {
            println!("\nrun {} of {runs}", r + 1);
        }
        let mut fig = Figures::new();
        if run("parse") {
            cold_parse(&s, &mut fig);
        }
        if run("grammars") {
            other_grammars(&s, &mut fig);
        }
        if run("edit") {
            edit(&s, &mut fig);
        }
        if run("server") {
            server(&s, &mut fig);
        }
        if run("check") {
            check::check_vs_ast_grep(&s.lib, &mut fig);
        }
        all.push(fig);
    }
    if runs > 1 {
        println!("\nmedian [min-max] over {runs} runs");
        for k in all[0].keys() {
            let mut v: Vec<f64> = all.iter().filter_map(|f| f.get(k).copied()).collect();
            v.sort_by(|a, b| a.partial_cmp(b).unwrap());
            println!(
                "{k}: {:.3} [{:.3}-{:.3}]",
                v[v.len() / 2],
                v[0],
                v[v.len() - 1]
            );
        }
    }
}

/// `skill-lsp check` against `ast-grep scan` over one tree, from one run.
mod check {
    use super::*;

    /// ast-grep rules for Rust, one per bundled Rust tip (systems/rust.md), written the way an
    /// ast-grep user would write the same check.
    const RULES: &[(&str, &str)] = &[
        ("unwrap-in-library", "rule:\n  pattern: $X.unwrap()\n"),
        (
            "thread-sleep-in-async",
            "rule:\n  any:\n    - pattern: thread::sleep($$$A)\n    - pattern: std::thread::sleep($$$A)\n  inside:\n    stopBy: end\n    any:\n      - kind: async_block\n      - kind: function_item\n        has:\n          kind: function_modifiers\n          regex: async\n",
        ),
        (
            "blocking-fs-in-async",
            "rule:\n  pattern: std::fs::$F($$$A)\n  inside:\n    stopBy: end\n    any:\n      - kind: async_block\n      - kind: function_item\n        has:\n          kind: function_modifiers\n          regex: async\n",
        ),
        (
            "block-on-in-async",
            "rule:\n  any:\n    - pattern: block_on($$$A)\n    - pattern: $X.block_on($$$A)\n  inside:\n    stopBy: end\n    any:\n      - kind: async_block\n      - kind: function_item\n        has:\n          kind: function_modifiers\n          regex: async\n",
        ),
        (
            "guard-across-await",
            "rule:\n  kind: let_declaration\n  has:\n    stopBy: end\n    pattern: $G.lock()\n  precedes:\n    stopBy: end\n    has:\n      stopBy: end\n      kind: await_expression\n",
        ),
        (
            "unsafe-without-safety",
            "rule:\n  kind: unsafe_block\n  not:\n    inside:\n      stopBy: end\n      follows:\n        kind: line_comment\n        regex: SAFETY\n",
        ),
        (
            "static-mut",
            "rule:\n  kind: static_item\n  has:\n    kind: mutable_specifier\n",
        ),
        (
            "transmute",
            "rule:\n  any:\n    - pattern: mem::transmute($$$A)\n    - pattern: std::mem::transmute($$$A)\n    - pattern: transmute($$$A)\n",
        ),
    ];

    fn venv() -> PathBuf {
        if let Ok(v) = std::env::var("PEERS_VENV") {
            return PathBuf::from(v);
        }
        let v = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/peers/venv");
        if !v.join("bin/ast-grep").exists() {
            eprintln!("installing ast-grep-cli==0.51.1 into {}", v.display());
            let ok = Command::new("python3")
                .args(["-m", "venv"])
                .arg(&v)
                .status()
                .is_ok_and(|s| s.success())
                && Command::new(v.join("bin/pip"))
                    .args(["install", "-q", "ast-grep-cli==0.51.1"])
                    .status()
                    .is_ok_and(|s| s.success());
            assert!(ok, "could not install ast-grep-cli (python3 -m venv, pip)");
        }
        v
    }

    /// The parse alone by another binding, on the same text: PyPI's `tree-sitter` with
    /// `tree-sitter-python` 0.25.0, the grammar version in our Cargo.lock, so the figure says
    /// what the grammar costs on this machine whatever the caller. Skipped (with a line) when
    /// pip cannot install them.
    pub fn reference_parse(text: &str, fig: &mut Figures) {
        const PKGS: [&str; 2] = ["tree-sitter==0.26.1", "tree-sitter-python==0.25.0"];
        let py = venv().join("bin/python");
        let has = |py: &Path| {
            Command::new(py)
                .args(["-c", "import tree_sitter, tree_sitter_python"])
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        };
        if !has(&py) {
            eprintln!("installing {} into the peers venv", PKGS.join(" "));
            let _ = Command::new(venv().join("bin/pip"))
                .args(["install", "-q"])
                .args(PKGS)
                .status();
            if !has(&py) {
                println!(
                    "reference_parse skipped: pip could not install {}",
                    PKGS.join(" ")
                );
                return;
            }
        }
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("big.py");
        std::fs::write(&file, text).unwrap();
        let script = "import sys, time, statistics, tree_sitter, tree_sitter_python as g\n\
            src = open(sys.argv[1], 'rb').read()\n\
            lang = tree_sitter.Language(g.language())\n\
            ts = []\n\
            for _ in range(15):\n\
            \x20   p = tree_sitter.Parser(lang)\n\
            \x20   t = time.perf_counter(); tree = p.parse(src); ts.append(time.perf_counter() - t)\n\
            assert tree.root_node.end_byte == len(src)\n\
            print(statistics.median(ts) * 1000)\n";
        let out = Command::new(&py).arg("-c").arg(script).arg(&file).output();
        let Some(ms) = out.ok().filter(|o| o.status.success()).and_then(|o| {
            String::from_utf8_lossy(&o.stdout)
                .trim()
                .parse::<f64>()
                .ok()
        }) else {
            println!("reference_parse skipped: the py-tree-sitter script failed");
            return;
        };
        println!(
            "reference_parse py-tree-sitter 0.26.1 + tree-sitter-python 0.25.0, same file: parse median={ms:.2}ms"
        );
        fig.insert("reference parse, py-tree-sitter (ms)", ms);
    }

    /// CPU seconds (user + system) of the waited-for children so far.
    fn children_cpu() -> f64 {
        // SAFETY: getrusage writes into the struct we pass and reads nothing else.
        let mut u: libc::rusage = unsafe { std::mem::zeroed() };
        unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut u) };
        let tv = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
        tv(u.ru_utime) + tv(u.ru_stime)
    }

    pub fn check_vs_ast_grep(lib: &Library, fig: &mut Figures) {
        let tree = std::env::var_os("TIPS_BENCH_TREE")
            .map(PathBuf::from)
            .unwrap_or_else(|| {
                PathBuf::from(std::env::var_os("HOME").unwrap_or_default())
                    .join(".cargo/registry/src")
            });
        if !tree.is_dir() {
            println!("check_vs_ast_grep skipped: {} is missing", tree.display());
            return;
        }
        // The tips `check` runs on a Rust file: declared, for Rust or for any language, of a
        // bundled skill.
        let rust_tips: Vec<&skill_lsp::skills::tips::Tip> = lib
            .tips
            .tips()
            .iter()
            .filter(|t| t.kind == TipKind::Declared)
            .filter(|t| {
                let skill = lib.skill(t.skill);
                let langs = if t.languages.is_empty() {
                    &skill.languages
                } else {
                    &t.languages
                };
                langs.is_empty() || langs.iter().any(|l| l == "rust")
            })
            .filter(|t| lib.skill(t.skill).origin == skill_lsp::skills::model::Origin::Builtin)
            .collect();
        let rust: Vec<&str> = rust_tips.iter().map(|t| &*t.id).collect();
        let sg = venv().join("bin/ast-grep");
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("rules")).unwrap();
        std::fs::write(dir.path().join("sgconfig.yml"), "ruleDirs: [rules]\n").unwrap();
        let mut rules: Vec<(String, String)> = RULES
            .iter()
            .map(|(id, r)| (id.to_string(), r.to_string()))
            .collect();
        // The tips for any language (secrets, ...): their own regex over Rust string literals,
        // so both tools run as many rules.
        for t in &rust_tips {
            if t.id.starts_with("rust/") {
                continue;
            }
            if let Some(p) = &t.pattern {
                let p = p.replace("(?P<hit>", "(?:").replace("(?<hit>", "(?:");
                let id = t.id.replace('/', "-");
                let quoted = serde_json::to_string(&p).unwrap();
                rules.push((
                    id,
                    format!("rule:\n  kind: string_literal\n  regex: {quoted}\n"),
                ));
            }
        }
        for (id, rule) in &rules {
            std::fs::write(
                dir.path().join(format!("rules/{id}.yml")),
                format!("id: {id}\nlanguage: rust\nseverity: info\nmessage: {id}\n{rule}"),
            )
            .unwrap();
        }
        // Whichever tool ran first paid for reading the tree from disk: 32 s against 8 s warm
        // for `check` on 13,205 files (2026-12-08). Read every file once before timing either.
        let t = Instant::now();
        let (mut files, mut bytes) = (0usize, 0u64);
        for e in ignore::WalkBuilder::new(&tree)
            .standard_filters(false)
            .build()
            .flatten()
        {
            if e.file_type().is_some_and(|t| t.is_file())
                && let Ok(b) = std::fs::read(e.path())
            {
                files += 1;
                bytes += b.len() as u64;
            }
        }
        println!(
            "page cache warmed: {files} files, {:.0} MB read in {:.1} s",
            bytes as f64 / 1e6,
            t.elapsed().as_secs_f64()
        );
        let bin = env!("CARGO_BIN_EXE_skill-lsp");
        let cpu0 = children_cpu();
        let t = Instant::now();
        let out = Command::new(bin)
            .args(["check", "--json"])
            .arg(&tree)
            .current_dir(dir.path())
            .stderr(Stdio::null())
            .output()
            .expect("run skill-lsp check");
        let check = t.elapsed();
        let cpu1 = children_cpu();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
        let sum = &v["summary"];
        let t = Instant::now();
        let out = Command::new(&sg)
            .arg("scan")
            .arg("--config")
            .arg(dir.path().join("sgconfig.yml"))
            .arg("--json=stream")
            .arg(&tree)
            .current_dir(dir.path())
            .stderr(Stdio::piped())
            .output()
            .expect("run ast-grep scan");
        let scan = t.elapsed();
        let cpu2 = children_cpu();
        let sg_findings = out
            .stdout
            .split(|&b| b == b'\n')
            .filter(|l| !l.is_empty())
            .count();
        if !out.status.success() && sg_findings == 0 {
            println!(
                "ast-grep scan failed: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            );
        }
        println!(
            "check_vs_ast_grep tree={} files_checked={} findings={} check={:.2}s (cpu {:.2}s); ast-grep scan rules={} (bundled Rust tips check runs: {} {:?}) findings={sg_findings} scan={:.2}s (cpu {:.2}s); ratio check/scan wall={:.2} cpu={:.2}",
            tree.display(),
            sum["filesChecked"],
            sum["findings"],
            check.as_secs_f64(),
            cpu1 - cpu0,
            rules.len(),
            rust.len(),
            rust,
            scan.as_secs_f64(),
            cpu2 - cpu1,
            check.as_secs_f64() / scan.as_secs_f64(),
            (cpu1 - cpu0) / (cpu2 - cpu1)
        );
        fig.insert("check (s)", check.as_secs_f64());
        fig.insert("ast-grep scan (s)", scan.as_secs_f64());
        fig.insert("check / scan", check.as_secs_f64() / scan.as_secs_f64());
        fig.insert("check cpu (s)", cpu1 - cpu0);
        fig.insert("ast-grep scan cpu (s)", cpu2 - cpu1);
    }
}

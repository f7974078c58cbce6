//! Tip figures (issue 3): hover and diagnostics on a 10,000-line file with 1,000 synthetic skills
//! loaded on top of the bundled ones, and `skill-lsp check` over a large real tree compared with
//! `rg` searching the same tree for the same trigger patterns. Prints plain lines; asserts nothing.
//!
//! Run: `cargo bench --bench tips` (`TIPS_BENCH_TREE=<dir>` to choose the tree; default
//! `~/.cargo/registry/src`; `TIPS_BENCH_RG_ALL=1` also times `rg` with every bundled pattern).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use skill_lsp::settings::Settings;
use skill_lsp::skills::library::{Library, SkillSources};
use skill_lsp::skills::select::DocumentInfo;
use skill_lsp::skills::tips::{self, FindOptions, TipKind};

#[path = "common/tipdata.rs"]
mod tipdata;

use tipdata::{big_python, write_synthetic};

fn pct(v: &mut [Duration], p: f64) -> Duration {
    v.sort();
    v[((v.len() as f64 - 1.0) * p).round() as usize]
}

fn fmt(d: Duration) -> String {
    format!("{:.3}ms", d.as_secs_f64() * 1e3)
}

fn main() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("synthetic");
    write_synthetic(&dir);
    let t = Instant::now();
    let lib = Library::load(&SkillSources {
        builtin: true,
        configured: vec![dir.clone()],
        ..Default::default()
    });
    let load = t.elapsed();
    let t = Instant::now();
    let (_ix, _) = tips::TipIndex::build(&lib.skills);
    let build = t.elapsed();
    let declared = lib.tips.declared_count();
    let implicit = lib
        .tips
        .tips()
        .iter()
        .filter(|t| t.kind == TipKind::Implicit)
        .count();
    println!(
        "library_load skills={} declared_tips={declared} implicit_tips={implicit} load={} tip_index_build={}",
        lib.skills.len(),
        fmt(load),
        fmt(build)
    );

    let text = big_python();
    let path = tmp.path().join("ws/app/service.py");
    let root = tmp.path().join("ws");
    let info = DocumentInfo {
        path: Some(&path),
        root: Some(&root),
        language_id: "python",
        text: &text,
    };
    let settings = Settings::default();
    let matches = lib.select_skills_with(&info, settings.skills.filter());
    let all = lib.find_tips(
        &matches,
        &info,
        &FindOptions {
            settings: Some(&settings.tips),
            implicit: true,
            ..Default::default()
        },
    );
    println!(
        "document lines=10000 bytes={} selected_skills={} findings={} (diagnostics={})",
        text.len(),
        matches.len(),
        all.len(),
        all.iter().filter(|f| f.diagnostic).count()
    );

    // Hover, uncached (what the server does before the diagnostics task saw this version):
    // selection + tips of the hovered line + most specific first.
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let mut cold = Vec::new();
    let mut reread = Vec::new();
    let mut hits = 0;
    for k in 0..400 {
        let line = (k * 7919) % 10_000;
        let off = line_starts[line] + 9;
        let t = Instant::now();
        let text_copy = text.clone(); // the server copies the rope into a String
        let info = DocumentInfo {
            text: &text_copy,
            ..info
        };
        let m = lib.select_skills_with(&info, settings.skills.filter());
        let near = lib.find_tips(
            &m,
            &info,
            &FindOptions {
                settings: Some(&settings.tips),
                lines: Some(line as u32..line as u32 + 1),
                implicit: true,
            },
        );
        let at = tips::tips_at(&near, off);
        hits += usize::from(!at.is_empty());
        cold.push(t.elapsed());
        // Rendering then needs the section's text: skills read from files read it back.
        if let Some(f) = at.first() {
            let t = Instant::now();
            let skill = lib.hydrated(f.skill);
            std::hint::black_box(&skill.sections[f.section].prose);
            reread.push(t.elapsed());
        }
    }
    println!(
        "hover_10k_lines_1000_skills median={} p99={} (uncached: selection + line tips; {hits}/400 positions on a tip)",
        fmt(pct(&mut cold, 0.5)),
        fmt(pct(&mut cold, 0.99))
    );
    if !reread.is_empty() {
        println!(
            "hover_section_text median={} p99={} (reading a file skill's section bodies back for the hover text)",
            fmt(pct(&mut reread, 0.5)),
            fmt(pct(&mut reread, 0.99))
        );
    }
    // Hover on a version the diagnostics task already analysed: a lookup in the findings.
    let mut warm = Vec::new();
    for k in 0..2000 {
        let line = (k * 7919) % 10_000;
        let off = line_starts[line] + 9;
        let t = Instant::now();
        let lo = all.partition_point(|f| (f.line as usize) < line);
        let near: Vec<_> = all[lo..]
            .iter()
            .take_while(|f| f.line as usize == line)
            .cloned()
            .collect();
        let at = tips::tips_at(&near, off);
        std::hint::black_box(at);
        warm.push(t.elapsed());
    }
    println!(
        "hover_10k_lines_1000_skills_cached median={} p99={}",
        fmt(pct(&mut warm, 0.5)),
        fmt(pct(&mut warm, 0.99))
    );

    // Where the time goes: selection alone, tips alone.
    let mut sel_t = Vec::new();
    let mut tips_t = Vec::new();
    for _ in 0..10 {
        let t = Instant::now();
        let m = lib.select_skills_with(&info, settings.skills.filter());
        sel_t.push(t.elapsed());
        let t = Instant::now();
        let f = lib.find_tips(
            &m,
            &info,
            &FindOptions {
                settings: Some(&settings.tips),
                implicit: true,
                ..Default::default()
            },
        );
        std::hint::black_box(f);
        tips_t.push(t.elapsed());
    }
    println!(
        "breakdown_10k_lines selection_median={} tips_find_median={}",
        fmt(pct(&mut sel_t, 0.5)),
        fmt(pct(&mut tips_t, 0.5))
    );
    // Diagnostics: selection + every tip over the whole file.
    let mut diag = Vec::new();
    for _ in 0..30 {
        let t = Instant::now();
        let m = lib.select_skills_with(&info, settings.skills.filter());
        let f = lib.find_tips(
            &m,
            &info,
            &FindOptions {
                settings: Some(&settings.tips),
                implicit: true,
                ..Default::default()
            },
        );
        std::hint::black_box(f);
        diag.push(t.elapsed());
    }
    println!(
        "diagnostics_10k_lines_1000_skills median={} p99={}",
        fmt(pct(&mut diag, 0.5)),
        fmt(pct(&mut diag, 0.99))
    );

    check_vs_rg();
}

/// `skill-lsp check` (release binary, bundled skills) vs `rg` with every bundled line pattern.
fn check_vs_rg() {
    let tree = std::env::var_os("TIPS_BENCH_TREE")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".cargo/registry/src")
        });
    if !tree.is_dir() {
        println!("check_vs_rg skipped: {} is missing", tree.display());
        return;
    }
    let bin = env!("CARGO_BIN_EXE_skill-lsp");
    let t = Instant::now();
    let out = Command::new(bin)
        .args(["check", "--json"])
        .arg(&tree)
        .current_dir(std::env::temp_dir())
        .stderr(Stdio::null())
        .output()
        .expect("run skill-lsp check");
    let check = t.elapsed();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    let s = &v["summary"];
    println!(
        "check_tree path={} files_checked={} files_skipped={} findings={} files_with_findings={} time={:.2}s",
        tree.display(),
        s["filesChecked"],
        s["filesSkipped"],
        s["findings"],
        s["filesWithFindings"],
        check.as_secs_f64()
    );
    let lib = Library::load(&SkillSources {
        builtin: true,
        ..Default::default()
    });
    // Two comparisons: every bundled line pattern over every file (what `check` could at most
    // run), and only the Rust patterns over `*.rs` files (what `check` runs on this tree, which
    // is almost all Rust).
    let line_pats = |rust_only: bool| -> Vec<String> {
        lib.tips
            .tips()
            .iter()
            .filter(|t| t.kind == TipKind::Declared)
            .filter(|t| !rust_only || t.languages.iter().any(|l| l == "rust"))
            .filter_map(|t| t.pattern.clone())
            .filter(|p| !tips::trigger::is_span_pattern(p))
            // rg joins the patterns into one regex: named groups would clash.
            .map(|p| p.replace("(?P<hit>", "(?:").replace("(?<hit>", "(?:"))
            .collect()
    };
    // `rg` with all ~350 patterns takes minutes on the registry: opt in with TIPS_BENCH_RG_ALL=1.
    let all = std::env::var("TIPS_BENCH_RG_ALL").is_ok_and(|v| v == "1");
    let runs: &[(&str, bool)] = if all {
        &[("rust_patterns_rs_files", true), ("all_patterns", false)]
    } else {
        &[("rust_patterns_rs_files", true)]
    };
    for &(label, rust_only) in runs {
        let pats = line_pats(rust_only);
        let pat_file = std::env::temp_dir().join(format!(
            "skill-lsp-bench-patterns-{}.txt",
            std::process::id()
        ));
        std::fs::write(&pat_file, pats.join("\n")).unwrap();
        let run = || {
            let mut c = Command::new("rg");
            c.args(["--count-matches", "--no-messages", "-f"])
                .arg(&pat_file);
            if rust_only {
                c.args(["-g", "*.rs"]);
            }
            c.arg(&tree)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
        };
        // The file cache is warm from `check`; `rg` with every pattern is slow (one alternation of
        // hundreds of Unicode-aware patterns), so one run each.
        let t = Instant::now();
        let status = run();
        let rg_time = t.elapsed();
        let _ = std::fs::remove_file(&pat_file);
        match status {
            Ok(_) => println!(
                "check_vs_rg {label} patterns={} check={:.2}s rg={:.2}s ratio={:.2}",
                pats.len(),
                check.as_secs_f64(),
                rg_time.as_secs_f64(),
                check.as_secs_f64() / rg_time.as_secs_f64()
            ),
            Err(_) => {
                println!("check_vs_rg skipped: rg is not installed");
                break;
            }
        }
    }
    let _ = Path::new(bin);
}

//! Tip evaluation: the labelled fixtures under `tests/eval/<skill>/**` run through selection and
//! the declared tips of the bundled library, compared with their `expect:` / `near:` labels.
//!
//! A label names the tip expected (`expect: skill/tip`) or deliberately not expected (`near:`) on
//! its own line; `expect-next:` / `near-next:` on a comment line label the line below (for the
//! first line of a continued Dockerfile instruction, which cannot carry a comment).
//!
//! Run `cargo test --test eval -- --nocapture` to see the report (precision/recall per language,
//! every false positive and false negative with file:line and tip id, and why a missed tip was
//! missed). `EVAL_ONLY=<skill-folder>` limits the report to one fixture folder (and skips the
//! global assertions).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use skill_lsp::skills::library::{Library, SkillSources};
use skill_lsp::skills::select::{self, DocumentInfo};
use skill_lsp::skills::tips::{FindOptions, TipKind};

fn eval_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/eval")
}

/// Every fixture: (skill folder, root, absolute path).
fn fixtures() -> Vec<(String, PathBuf, PathBuf)> {
    let mut out = Vec::new();
    let Ok(rd) = std::fs::read_dir(eval_dir()) else {
        return out;
    };
    let mut dirs: Vec<_> = rd
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.path())
        .collect();
    dirs.sort();
    for root in dirs {
        let name = root.file_name().unwrap().to_string_lossy().to_string();
        let mut stack = vec![root.clone()];
        while let Some(d) = stack.pop() {
            let Ok(rd) = std::fs::read_dir(&d) else {
                continue;
            };
            for e in rd.flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else {
                    out.push((name.clone(), root.clone(), p));
                }
            }
        }
    }
    out.sort();
    out
}

/// `expect: a/b` and `near: a/b` labels of one line (several allowed, comma or space separated).
fn labels(line: &str, key: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(i) = rest.find(key) {
        let before_ok = i == 0 || !rest.as_bytes()[i - 1].is_ascii_alphanumeric();
        rest = &rest[i + key.len()..];
        if !before_ok {
            continue;
        }
        for w in rest.trim_start().split([',', ' ']).map(str::trim) {
            let w = w.trim_end_matches(['.', ';', ')', '*', '/', '>', '-', '#']);
            let valid = !w.is_empty()
                && w.contains('/')
                && w.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '/');
            if valid {
                out.push(w.to_string());
            } else if !w.is_empty() {
                break;
            }
        }
    }
    out
}

#[derive(Default, Clone, Copy)]
struct Score {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Score {
    fn precision(&self) -> f64 {
        if self.tp + self.fp == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        }
    }
    fn recall(&self) -> f64 {
        if self.tp + self.fn_ == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        }
    }
    fn add(&mut self, o: Score) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
}

#[test]
fn tips_precision_and_recall_on_labelled_fixtures() {
    let only = std::env::var("EVAL_ONLY").ok().filter(|s| !s.is_empty());
    let lib = Library::load(&SkillSources {
        builtin: true,
        ..Default::default()
    });
    let mut report = String::new();
    let mut problems: Vec<String> = Vec::new();
    for s in &lib.skills {
        for p in &s.problems {
            if p.code.starts_with("tip-") {
                problems.push(format!(
                    "{}:{}: {} {}",
                    s.display_path(),
                    p.line + 1,
                    p.code,
                    p.message
                ));
            }
        }
    }
    let known: BTreeSet<String> = lib
        .tips
        .tips()
        .iter()
        .filter(|t| t.kind == TipKind::Declared)
        .map(|t| t.id.to_string())
        .collect();
    let mut per_lang: BTreeMap<String, Score> = BTreeMap::new();
    let mut expect_count: HashMap<String, usize> = HashMap::new();
    let mut near_count: HashMap<String, usize> = HashMap::new();
    let mut errors: Vec<String> = Vec::new();
    let mut unknown: Vec<String> = Vec::new();
    let mut files = 0;
    for (folder, root, path) in fixtures() {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let rel = path.strip_prefix(eval_dir()).unwrap().display().to_string();
        // Label bookkeeping covers every fixture, so the coverage assertion is global.
        let mut expects: BTreeSet<(u32, String)> = BTreeSet::new();
        let mut nears: BTreeSet<(u32, String)> = BTreeSet::new();
        for (i, line) in text.lines().enumerate() {
            for id in labels(line, "expect:") {
                *expect_count.entry(id.clone()).or_default() += 1;
                expects.insert((i as u32, id));
            }
            for id in labels(line, "near:") {
                *near_count.entry(id.clone()).or_default() += 1;
                nears.insert((i as u32, id));
            }
            // For the first line of a multi-line construct that cannot carry a comment (a
            // Dockerfile RUN continued with `\`): the label sits on the line above.
            for id in labels(line, "expect-next:") {
                *expect_count.entry(id.clone()).or_default() += 1;
                expects.insert((i as u32 + 1, id));
            }
            for id in labels(line, "near-next:") {
                *near_count.entry(id.clone()).or_default() += 1;
                nears.insert((i as u32 + 1, id));
            }
        }
        for (l, id) in expects.iter().chain(nears.iter()) {
            if !known.contains(id) {
                unknown.push(format!("{rel}:{}: label names unknown tip `{id}`", l + 1));
            }
        }
        if only.as_deref().is_some_and(|o| o != folder) {
            continue;
        }
        files += 1;
        let lang = select::language_of(&path, &text, None);
        let doc = DocumentInfo {
            path: Some(&path),
            root: Some(&root),
            language_id: &lang,
            text: &text,
        };
        let matches = lib.select_skills(&doc);
        let findings = lib.find_tips(&matches, &doc, &FindOptions::default());
        let found: BTreeSet<(u32, String)> = findings
            .iter()
            .filter(|f| f.kind == TipKind::Declared)
            .map(|f| (f.line, f.id.to_string()))
            .collect();
        let mut score = Score::default();
        for f in &found {
            if expects.contains(f) {
                score.tp += 1;
            } else {
                score.fp += 1;
                let why = if nears.contains(f) {
                    "FP (labelled near)"
                } else {
                    "FP (unlabelled)"
                };
                let src = text.lines().nth(f.0 as usize).unwrap_or("").trim();
                errors.push(format!(
                    "{why} {rel}:{}: {}   | {}",
                    f.0 + 1,
                    f.1,
                    clip(src)
                ));
            }
        }
        for e in &expects {
            if !found.contains(e) {
                score.fn_ += 1;
                let skill = e.1.split('/').next().unwrap_or("");
                let why = match lib.find(skill) {
                    None => "skill not in the library".to_string(),
                    Some(id) if !matches.iter().any(|m| m.skill == id) => {
                        format!("skill `{skill}` not selected for this file (language {lang})")
                    }
                    Some(_) if !known.contains(&e.1) => "no such tip".to_string(),
                    Some(_) => {
                        let on_line: Vec<String> = findings
                            .iter()
                            .filter(|f| f.line == e.0)
                            .map(|f| f.id.to_string())
                            .collect();
                        if on_line.is_empty() {
                            "pattern/context did not match".to_string()
                        } else {
                            format!("line raised {} instead", on_line.join(", "))
                        }
                    }
                };
                let src = text.lines().nth(e.0 as usize).unwrap_or("").trim();
                errors.push(format!(
                    "FN {rel}:{}: {} ({why})   | {}",
                    e.0 + 1,
                    e.1,
                    clip(src)
                ));
            }
        }
        per_lang.entry(lang.clone()).or_default().add(score);
    }
    let mut total = Score::default();
    report.push_str(&format!(
        "\n{:<26} {:>5} {:>5} {:>5} {:>9} {:>7}\n",
        "language", "tp", "fp", "fn", "precision", "recall"
    ));
    for (lang, s) in &per_lang {
        total.add(*s);
        report.push_str(&format!(
            "{:<26} {:>5} {:>5} {:>5} {:>9.3} {:>7.3}\n",
            lang,
            s.tp,
            s.fp,
            s.fn_,
            s.precision(),
            s.recall()
        ));
    }
    report.push_str(&format!(
        "{:<26} {:>5} {:>5} {:>5} {:>9.3} {:>7.3}   ({files} files, {} declared tips)\n",
        "OVERALL",
        total.tp,
        total.fp,
        total.fn_,
        total.precision(),
        total.recall(),
        known.len()
    ));
    if !errors.is_empty() {
        report.push_str("\nfalse positives / false negatives:\n");
        for e in &errors {
            report.push_str(&format!("  {e}\n"));
        }
    }
    let mut uncovered = Vec::new();
    for id in &known {
        let e = expect_count.get(id).copied().unwrap_or(0);
        let n = near_count.get(id).copied().unwrap_or(0);
        if e == 0 || n == 0 {
            uncovered.push(format!("{id} (expect: {e}, near: {n})"));
        }
    }
    if !uncovered.is_empty() {
        report.push_str("\ndeclared tips without both an expect and a near label:\n");
        for u in &uncovered {
            report.push_str(&format!("  {u}\n"));
        }
    }
    if !unknown.is_empty() {
        report.push_str("\nlabels naming unknown tips:\n");
        for u in &unknown {
            report.push_str(&format!("  {u}\n"));
        }
    }
    if !problems.is_empty() {
        report.push_str("\ntrigger problems in bundled skills:\n");
        for p in &problems {
            report.push_str(&format!("  {p}\n"));
        }
    }
    println!("{report}");
    if only.is_some() {
        return;
    }
    assert!(files > 0, "no fixtures under tests/eval");
    assert!(
        problems.is_empty(),
        "bundled skills have trigger problems (see report)"
    );
    assert!(
        total.precision() >= 0.9,
        "overall precision {:.3} < 0.9 (see report)",
        total.precision()
    );
    assert!(
        total.recall() >= 0.8,
        "overall recall {:.3} < 0.8 (see report)",
        total.recall()
    );
    assert!(
        uncovered.is_empty(),
        "{} declared tips lack an expect or near label (see report)",
        uncovered.len()
    );
    assert!(
        unknown.is_empty(),
        "{} labels name unknown tips (see report)",
        unknown.len()
    );
}

fn clip(s: &str) -> String {
    if s.chars().count() > 90 {
        s.chars().take(87).collect::<String>() + "..."
    } else {
        s.to_string()
    }
}

/// The corpus skills (real files from other ecosystems) only get implicit tips, and those must not
/// raise diagnostics unless a user opts in per skill.
#[test]
fn corpus_implicit_tips_raise_no_diagnostics_by_default() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if !corpus.is_dir() {
        eprintln!("skipped: {} is missing", corpus.display());
        return;
    }
    let lib = Library::load(&SkillSources {
        builtin: false,
        configured: vec![corpus],
        ..Default::default()
    });
    let implicit = lib
        .tips
        .tips()
        .iter()
        .filter(|t| t.kind == TipKind::Implicit)
        .count();
    assert!(implicit > 0, "the corpus should yield implicit tips");
    let mut hover_only = 0;
    let mut files = 0;
    for (_, root, path) in fixtures() {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        files += 1;
        let lang = select::language_of(&path, &text, None);
        let doc = DocumentInfo {
            path: Some(&path),
            root: Some(&root),
            language_id: &lang,
            text: &text,
        };
        let matches = lib.select_skills(&doc);
        let findings = lib.find_tips(
            &matches,
            &doc,
            &FindOptions {
                implicit: true,
                ..Default::default()
            },
        );
        let diags: Vec<_> = findings.iter().filter(|f| f.diagnostic).collect();
        assert!(
            diags.is_empty(),
            "{}: implicit tips raised diagnostics by default: {diags:?}",
            path.display()
        );
        hover_only += findings.len();
    }
    println!(
        "corpus: {} skills, {implicit} implicit tips; on {files} fixtures: {hover_only} hover-only findings, 0 diagnostics",
        lib.skills.len()
    );
}

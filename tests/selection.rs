//! Issue 15: selection on real files from public repositories (`tests/selection/`, provenance
//! and hand-written labels in `cases.json`, labelled before selection was run on them). For each
//! file an acceptable skill must come first, one must be in the first three, and none of the
//! must-not skills may be in the first five. Prints every failure with the ranking and reasons.

use std::path::Path;

use skill_lsp::skills::library::{Library, SkillSources};
use skill_lsp::skills::select::{DocumentInfo, language_of};

#[derive(serde::Deserialize)]
struct Case {
    repo: String,
    path: String,
    first: Vec<String>,
    top3: Vec<String>,
    not_top5: Vec<String>,
}

/// The targets: top-1 >= 0.95, top-3 >= 0.97, no must-not skill in the top five.
const TOP1_TARGET: f64 = 0.95;
const TOP3_TARGET: f64 = 0.97;
/// The floors the test enforces: the targets themselves. Measured when ranking by evidence
/// landed: top-1 161/163 = 0.988, top-3 162/163 = 0.994, no must-not violations (before it:
/// 0.558 / 0.748 / 9). The labels are never to be weakened to pass.
const TOP1_FLOOR: f64 = TOP1_TARGET;
const TOP3_FLOOR: f64 = TOP3_TARGET;

#[test]
fn bundled_skills_rank_real_files() {
    let lib = Library::load(&SkillSources {
        builtin: true,
        ..Default::default()
    });
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/selection");
    let cases: Vec<Case> =
        serde_json::from_str(&std::fs::read_to_string(base.join("cases.json")).unwrap()).unwrap();
    assert!(cases.len() >= 120, "{} cases", cases.len());
    let repos: std::collections::HashSet<&str> = cases.iter().map(|c| c.repo.as_str()).collect();
    assert!(repos.len() >= 25, "{} repositories", repos.len());
    for c in &cases {
        for name in c.first.iter().chain(&c.top3).chain(&c.not_top5) {
            assert!(lib.find(name).is_some(), "{}: unknown skill {name}", c.path);
        }
    }

    let (mut top1, mut top3, mut violations) = (0usize, 0usize, Vec::new());
    let mut failures = Vec::new();
    for c in &cases {
        let root = base.join("files").join(c.repo.replace('/', "__"));
        let path = root.join(&c.path);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", c.path));
        let lang = language_of(&path, &text, None);
        let doc = DocumentInfo {
            path: Some(&path),
            root: Some(&root),
            language_id: &lang,
            text: &text,
        };
        let ranked = lib.select_skills(&doc);
        let names: Vec<&str> = ranked
            .iter()
            .map(|m| lib.skill(m.skill).name.as_str())
            .collect();
        let first_ok = names
            .first()
            .is_some_and(|n| c.first.iter().any(|f| f == n));
        let top3_ok = names.iter().take(3).any(|n| c.top3.iter().any(|f| f == n));
        let bad: Vec<&str> = names
            .iter()
            .take(5)
            .copied()
            .filter(|n| c.not_top5.iter().any(|f| f == n))
            .collect();
        top1 += usize::from(first_ok);
        top3 += usize::from(top3_ok);
        if !bad.is_empty() {
            violations.push(format!("{} {}: {bad:?} in the top five", c.repo, c.path));
        }
        if !first_ok || !top3_ok || !bad.is_empty() {
            let shown: Vec<String> = ranked
                .iter()
                .take(5)
                .map(|m| {
                    let why: Vec<String> = m.reasons.iter().map(|r| r.to_string()).collect();
                    format!(
                        "{} {} ({})",
                        lib.skill(m.skill).name,
                        m.score,
                        why.join("; ")
                    )
                })
                .collect();
            failures.push(format!(
                "{} {} [{lang}] want first {:?}, top3 {:?}, not {:?}\n    got: {}",
                c.repo,
                c.path,
                c.first,
                c.top3,
                c.not_top5,
                shown.join("\n         ")
            ));
        }
    }
    let n = cases.len() as f64;
    let (r1, r3) = (top1 as f64 / n, top3 as f64 / n);
    eprintln!(
        "selection on {} files from {} repositories: top-1 {:.3}, top-3 {:.3}, must-not violations {} (targets {TOP1_TARGET} / {TOP3_TARGET} / 0)",
        cases.len(),
        repos.len(),
        r1,
        r3,
        violations.len()
    );
    for f in &failures {
        eprintln!("{f}");
    }
    assert!(
        r1 >= TOP1_FLOOR && r3 >= TOP3_FLOOR && violations.is_empty(),
        "top-1 {r1:.3} (floor {TOP1_FLOOR}), top-3 {r3:.3} (floor {TOP3_FLOOR}), must-not violations (none allowed):\n{}",
        violations.join("\n")
    );
}

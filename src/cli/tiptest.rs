//! `skill-lsp test`: tests declared tips the way `ast-grep test` tests rules.
//!
//! For every declared tip of the skills under test, its examples are run through the same tips
//! engine the server uses:
//! - each code block marked bad in the tip's section must raise at least one of that section's
//!   tips, and each tip must be raised by at least one of them (a section often shows two
//!   anti-patterns in two bad blocks, each with its own tip);
//! - each code block marked good must raise none of the section's tips;
//! - the tip's inline `expect:` examples must raise it and its `near:` examples must not;
//! - where a tip declares a fix, its fix on each `expect:` example must apply, keep the example
//!   parsing and leave nothing for the tip to raise.
//!
//! The example is checked as a file of the block's language at a path made from the skill's own
//! globs (`**/.github/workflows/*.yml` gives `.github/workflows/example.yml`), so path-scoped
//! skills are exercised where they apply. A tip with no example at all is reported as untested,
//! which is not a failure.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::json;

use super::CommonArgs;
use crate::skills::library::{Library, SkillSources};
use crate::skills::model::{Marker, Origin, Skill, SkillId};
use crate::skills::tips::{Document, FindOptions, TipKind, fix, implicit, trigger};

#[derive(Debug, Clone, clap::Args)]
pub struct TestArgs {
    /// Skill files or folders to test (default: the bundled library).
    pub paths: Vec<PathBuf>,
}

/// One example that did not behave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// `bad block`, `good block`, `expect` or `near`.
    pub example: &'static str,
    /// 1-based line in the skill file (of the fence, or of the trigger for inline examples).
    pub line: u32,
    pub code: String,
    pub why: String,
}

/// The outcome for one tip.
#[derive(Debug, Clone)]
pub struct TipResult {
    pub id: String,
    pub path: PathBuf,
    /// 1-based line of the trigger.
    pub line: u32,
    /// Examples checked for this tip.
    pub examples: usize,
    pub failures: Vec<Failure>,
}

impl TipResult {
    pub fn status(&self) -> &'static str {
        if !self.failures.is_empty() {
            "fail"
        } else if self.examples == 0 {
            "untested"
        } else {
            "pass"
        }
    }
}

/// An example as a document: its text, language id and a path where the skill applies.
struct Example<'a> {
    kind: &'static str,
    line: u32,
    code: &'a str,
    lang: String,
}

/// Test every declared tip of the skills of `lib` picked by `keep`.
pub fn test_library(lib: &Library, keep: impl Fn(&Skill) -> bool) -> Vec<TipResult> {
    let mut by_section: BTreeMap<(SkillId, usize), Vec<usize>> = BTreeMap::new();
    for (ti, tip) in lib.tips.tips().iter().enumerate() {
        if tip.kind == TipKind::Declared && keep(&lib.skills[tip.skill]) {
            by_section
                .entry((tip.skill, tip.section))
                .or_default()
                .push(ti);
        }
    }
    let mut out = Vec::new();
    for ((sid, sec_i), tis) in by_section {
        let skill = lib.hydrated(sid);
        let Some(sec) = skill.sections.get(sec_i) else {
            continue;
        };
        // Inline examples, by trigger line.
        let mut inline: BTreeMap<u32, (Vec<String>, Vec<String>)> = BTreeMap::new();
        for (line, raw) in &sec.comments {
            if let Some((decls, _)) = trigger::parse(*line, raw) {
                for d in decls {
                    inline.insert(d.line, (d.expect, d.near));
                }
            }
        }
        let default_lang = skill.languages.first().cloned().unwrap_or_default();
        let block_lang = |lang: &Option<String>| {
            lang.as_deref()
                .and_then(implicit::block_language)
                .map(str::to_string)
                .unwrap_or_else(|| default_lang.clone())
        };
        // Where a tip's example is placed: somewhere its own `paths` admit, else the skill's.
        let tip_path = |ti: usize, lang: &str| {
            let own = &lib.tips.tip(ti).path_globs;
            example_path(own.iter().chain(&skill.globs), lang)
        };
        let raised = |ex: &Example| -> Vec<usize> {
            let mut paths: Vec<String> = tis.iter().map(|&ti| tip_path(ti, &ex.lang)).collect();
            paths.sort();
            paths.dedup();
            let opts = FindOptions::default();
            let mut hit: Vec<usize> = Vec::new();
            for path in &paths {
                let doc = Document {
                    text: ex.code,
                    language_id: &ex.lang,
                    rel_path: Some(path),
                };
                for f in lib.tips.find_in(lib.skills.len(), &[sid], &doc, &opts) {
                    // Each tip counts only where its own examples are placed.
                    if tis.contains(&f.tip)
                        && !hit.contains(&f.tip)
                        && tip_path(f.tip, &ex.lang) == *path
                    {
                        hit.push(f.tip);
                    }
                }
            }
            hit
        };
        // A tip's fix on an example that raises it: applied through the plan `check --fix` uses,
        // it must apply, keep the example parsing and leave nothing for the tip to raise (so a
        // second `--fix` has nothing to do). `None`: no fix to judge.
        let fix_fails = |ex: &Example, ti: usize| -> Option<String> {
            let path = tip_path(ti, &ex.lang);
            let doc = Document {
                text: ex.code,
                language_id: &ex.lang,
                rel_path: Some(&path),
            };
            let opts = FindOptions::default();
            let found = lib.tips.find_in(lib.skills.len(), &[sid], &doc, &opts);
            let edits: Vec<fix::Fix> = found
                .iter()
                .filter(|f| f.tip == ti)
                .filter_map(|f| fix::for_finding(lib.tips.tip(ti), ex.code, f))
                .collect();
            if edits.is_empty() {
                return None;
            }
            let refs: Vec<&fix::Fix> = edits.iter().collect();
            let p = fix::plan(ex.code, &ex.lang, &refs);
            if let Some((_, why)) = p.refused.iter().find(|(_, w)| *w != fix::Refused::Overlaps) {
                return Some(format!("its fix is refused: {why}"));
            }
            let again = Document {
                text: &p.text,
                ..doc
            };
            let left = lib.tips.find_in(lib.skills.len(), &[sid], &again, &opts);
            left.iter()
                .any(|f| f.tip == ti)
                .then(|| format!("still raises the tip once fixed: {:?}", p.text))
        };
        let mut results: Vec<TipResult> = tis
            .iter()
            .map(|&ti| {
                let t = lib.tips.tip(ti);
                TipResult {
                    id: t.id.to_string(),
                    path: skill.path.clone(),
                    line: t.line + 1,
                    examples: 0,
                    failures: Vec::new(),
                }
            })
            .collect();
        let fail = |r: &mut TipResult, ex: &Example, why: String| {
            r.failures.push(Failure {
                example: ex.kind,
                line: ex.line,
                code: ex.code.to_string(),
                why,
            })
        };
        // Section blocks.
        let mut bad_raised = vec![false; tis.len()];
        let mut bad_blocks = 0;
        for b in &sec.code_blocks {
            let ex = Example {
                kind: match b.marker {
                    Marker::Bad => "bad block",
                    Marker::Good => "good block",
                    Marker::Neutral => continue,
                },
                line: b.line + 1,
                code: &b.code,
                lang: block_lang(&b.lang),
            };
            let hit = raised(&ex);
            match b.marker {
                Marker::Bad => {
                    bad_blocks += 1;
                    for (i, ti) in tis.iter().enumerate() {
                        bad_raised[i] |= hit.contains(ti);
                    }
                    if hit.is_empty() {
                        // Blame every tip of the section: none of them recognises the example.
                        for r in results.iter_mut() {
                            fail(
                                r,
                                &ex,
                                format!("raises none of this section's tips (as {})", ex.lang),
                            );
                        }
                    }
                    for r in results.iter_mut() {
                        r.examples += 1;
                    }
                }
                _ => {
                    for (i, r) in results.iter_mut().enumerate() {
                        r.examples += 1;
                        if hit.contains(&tis[i]) {
                            fail(r, &ex, format!("raises the tip (as {})", ex.lang));
                        }
                    }
                }
            }
        }
        // Inline examples, first: a tip whose own `expect` examples raise it is illustrated even
        // when the section's bad blocks show another tip of the section. Their failures are
        // reported after the blocks'.
        let mut inline_failures: Vec<Vec<Failure>> = vec![Vec::new(); tis.len()];
        for (i, &ti) in tis.iter().enumerate() {
            let t = lib.tips.tip(ti);
            let Some((expect, near)) = inline.get(&t.line) else {
                continue;
            };
            let lang = t
                .languages
                .first()
                .cloned()
                .unwrap_or_else(|| default_lang.clone());
            for (kind, list, want) in [("expect", expect, true), ("near", near, false)] {
                for code in list {
                    let ex = Example {
                        kind,
                        line: t.line + 1,
                        code,
                        lang: lang.clone(),
                    };
                    results[i].examples += 1;
                    let got = raised(&ex).contains(&ti);
                    bad_raised[i] |= want && got;
                    if let Some(why) = (want && got).then(|| fix_fails(&ex, ti)).flatten() {
                        inline_failures[i].push(Failure {
                            example: ex.kind,
                            line: ex.line,
                            code: ex.code.to_string(),
                            why,
                        });
                    }
                    if got != want {
                        let why = if want {
                            format!("does not raise the tip (as {lang})")
                        } else {
                            format!("raises the tip (as {lang})")
                        };
                        inline_failures[i].push(Failure {
                            example: ex.kind,
                            line: ex.line,
                            code: ex.code.to_string(),
                            why,
                        });
                    }
                }
            }
        }
        if bad_blocks > 0 {
            for (i, r) in results.iter_mut().enumerate() {
                if !bad_raised[i] && r.failures.is_empty() {
                    r.failures.push(Failure {
                        example: "bad block",
                        line: r.line,
                        code: String::new(),
                        why: "no bad example of its section raises this tip".into(),
                    });
                }
            }
        }
        for (r, f) in results.iter_mut().zip(inline_failures) {
            r.failures.extend(f);
        }
        out.extend(results);
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

/// A relative path for an example in `lang`: the first of `globs` made concrete whose language
/// agrees, else `example.<ext>`.
fn example_path<'a>(globs: impl IntoIterator<Item = &'a String>, lang: &str) -> String {
    let ext = crate::skills::languages::extension_for(lang).unwrap_or("txt");
    for g in globs {
        let mut p = concrete(g);
        // A folder glob (`**/migrations/**`): a file of the language inside it.
        if p.ends_with('/') {
            p.push_str(&format!("example.{ext}"));
        }
        if crate::skills::languages::language_for(Path::new(&p), "") == Some(lang) {
            return p;
        }
    }
    match lang {
        "dockerfile" => "Dockerfile".into(),
        _ => format!("example.{ext}"),
    }
}

/// A path a glob matches: `**/` dropped, `*` -> `example`, `?` -> `x`, the first alternative of
/// a brace group, the first character of a class.
fn concrete(glob: &str) -> String {
    let g = glob.trim_start_matches("./");
    let g = g.strip_prefix("**/").unwrap_or(g);
    let mut out = String::new();
    let mut chars = g.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '*' => {
                if chars.peek() == Some(&'*') {
                    chars.next();
                    if chars.peek() == Some(&'/') {
                        chars.next();
                    }
                    continue;
                }
                out.push_str("example");
            }
            '?' => out.push('x'),
            '{' => {
                let mut first = String::new();
                let mut depth = 1;
                let mut in_first = true;
                for c in chars.by_ref() {
                    match c {
                        '{' => depth += 1,
                        '}' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        ',' if depth == 1 => in_first = false,
                        _ => {}
                    }
                    if in_first && c != '{' {
                        first.push(c);
                    }
                }
                out.push_str(&concrete(&first));
            }
            '[' => {
                let mut picked = None;
                for c in chars.by_ref() {
                    if c == ']' {
                        break;
                    }
                    if picked.is_none() && c != '!' && c != '^' {
                        picked = Some(c);
                    }
                }
                out.extend(picked);
            }
            '\\' => out.extend(chars.next()),
            c => out.push(c),
        }
    }
    out
}

/// `skill-lsp test`.
pub fn run(args: TestArgs, common: &CommonArgs) -> anyhow::Result<i32> {
    let (lib, keep_paths) = if args.paths.is_empty() {
        let sources = SkillSources {
            builtin: true,
            ..Default::default()
        };
        (Library::load(&sources), Vec::new())
    } else {
        let mut abs = Vec::new();
        for p in &args.paths {
            if !p.exists() {
                anyhow::bail!("{}: no such file or folder", p.display());
            }
            abs.push(std::fs::canonicalize(p)?);
        }
        let sources = SkillSources {
            builtin: false,
            configured: abs.clone(),
            ..Default::default()
        };
        (Library::load(&sources), abs)
    };
    let keep = |s: &Skill| {
        if keep_paths.is_empty() {
            return s.origin == Origin::Builtin;
        }
        let p = std::fs::canonicalize(&s.path).unwrap_or_else(|_| s.path.clone());
        keep_paths.iter().any(|k| p.starts_with(k))
    };
    let results = test_library(&lib, keep);
    // Broken triggers are failures too: a tip that does not load cannot be tested.
    let broken: Vec<_> = lib
        .skills
        .iter()
        .filter(|s| keep(s))
        .flat_map(|s| s.problems.iter())
        .filter(|p| p.code.starts_with("tip-"))
        .collect();
    let failed = results.iter().filter(|r| r.status() == "fail").count();
    let passed = results.iter().filter(|r| r.status() == "pass").count();
    let untested = results.len() - failed - passed;
    if common.json {
        let tips: Vec<_> = results
            .iter()
            .map(|r| {
                json!({
                    "id": r.id,
                    "path": r.path.display().to_string(),
                    "line": r.line,
                    "status": r.status(),
                    "examples": r.examples,
                    "failures": r.failures.iter().map(|f| json!({
                        "example": f.example,
                        "line": f.line,
                        "code": f.code,
                        "why": f.why,
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
        let problems: Vec<_> = broken.iter().map(|p| super::problem_json(p)).collect();
        println!(
            "{}",
            serde_json::to_string_pretty(&json!({
                "tips": tips,
                "problems": problems,
                "passed": passed,
                "failed": failed,
                "untested": untested,
            }))?
        );
    } else {
        for r in &results {
            match r.status() {
                "pass" => println!("PASS {} ({} examples)", r.id, r.examples),
                "untested" => println!("SKIP {} (no examples)", r.id),
                _ => {
                    println!("FAIL {}  {}:{}", r.id, r.path.display(), r.line);
                    for f in &r.failures {
                        println!("  {} at line {}: {}", f.example, f.line, f.why);
                        for l in f.code.lines().take(8) {
                            println!("    | {l}");
                        }
                    }
                }
            }
        }
        for p in &broken {
            println!("FAIL {}:{}: {}", p.path.display(), p.line + 1, p.message);
        }
        println!(
            "\n{} passed, {} failed, {} untested",
            passed,
            failed + broken.len(),
            untested
        );
    }
    Ok(if failed > 0 || !broken.is_empty() {
        1
    } else {
        0
    })
}

#[cfg(test)]
mod tests {
    use super::{concrete, example_path};

    #[test]
    fn a_folder_glob_places_the_example_inside_it() {
        let globs = ["**/migrations/**".to_string(), "**/*.sql".to_string()];
        assert_eq!(example_path(&globs, "sql"), "migrations/example.sql");
        // A glob of another language is passed over for one that fits.
        let globs = ["**/*.py".to_string(), "**/db/**".to_string()];
        assert_eq!(example_path(&globs, "sql"), "db/example.sql");
        assert_eq!(example_path(&[], "sql"), "example.sql");
    }

    #[test]
    fn globs_become_paths_they_match() {
        for g in [
            "**/.github/workflows/*.yml",
            "**/docker-compose.{yml,yaml}",
            "src/**/*.[jt]s",
            "**/Dockerfile",
            "*.py",
        ] {
            let p = concrete(g);
            let m = globset::GlobBuilder::new(g)
                .literal_separator(true)
                .build()
                .unwrap()
                .compile_matcher();
            assert!(m.is_match(&p), "{g} -> {p}");
        }
        assert_eq!(
            concrete("**/.github/workflows/*.yml"),
            ".github/workflows/example.yml"
        );
    }
}

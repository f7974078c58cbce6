//! Unit tests of the tips engine on hand-built skills (no loader needed).

use std::path::PathBuf;
use std::sync::Arc;

use super::*;
use crate::skills::model::{Activation, CodeBlock, Marker, Origin, Section, SourceFormat};

pub(super) fn skill(name: &str, languages: &[&str], sections: Vec<Section>) -> Skill {
    Skill {
        name: name.into(),
        aliases: Vec::new(),
        description: String::new(),
        category: None,
        format: SourceFormat::Seed,
        origin: Origin::Configured,
        path: PathBuf::from(format!("/skills/{name}.md")),
        activation: Activation::Auto,
        languages: languages.iter().map(|s| s.to_string()).collect(),
        languages_inferred: false,
        globs: Vec::new(),
        exclude: Vec::new(),
        content: Vec::new(),
        signals: Vec::new(),
        body_line: 0,
        sections,
        extra: Default::default(),
        problems: Vec::new(),
        text: Default::default(),
        bodies: Default::default(),
    }
}

pub(super) fn section(
    title: &str,
    line: u32,
    comments: &[&str],
    blocks: Vec<CodeBlock>,
) -> Section {
    Section {
        heading_path: vec![title.to_string()],
        level: 2,
        line_start: line,
        line_end: line + 20,
        prose: format!("Why {title} matters. More text."),
        code_blocks: blocks,
        comments: comments
            .iter()
            .enumerate()
            .map(|(i, c)| (line + 1 + i as u32, (*c).into()))
            .collect(),
    }
}

fn block(lang: &str, code: &str, marker: Marker) -> CodeBlock {
    CodeBlock {
        lang: Some(lang.into()),
        code: code.into(),
        line: 5,
        marker,
    }
}

fn find(
    index: &TipIndex,
    n: usize,
    lang: &str,
    path: Option<&str>,
    text: &str,
    opts: &FindOptions,
) -> Vec<Finding> {
    let all: Vec<usize> = (0..n).collect();
    index.find_in(
        n,
        &all,
        &Document {
            text,
            language_id: lang,
            rel_path: path,
        },
        opts,
    )
}

fn lines_of(f: &[Finding]) -> Vec<(u32, &str)> {
    f.iter().map(|f| (f.line, &*f.id)).collect()
}

const BLIND: &str = "skill-lsp tip\nid: blind-except\npattern: '^\\s*except\\s*(?:Exception)?\\s*:'\nmessage: Catch what you expect.\nseverity: warning\n";

#[test]
fn declared_line_tip_in_code_only() {
    let s = skill(
        "py-errors",
        &["python"],
        vec![section("Never swallow", 10, &[BLIND], vec![])],
    );
    let (index, problems) = TipIndex::build(&[s]);
    assert!(problems.is_empty(), "{problems:?}");
    let text = "try:\n    x()\nexcept Exception:\n    pass\ns = '''\nexcept:\n'''\n# except:\n";
    let f = find(
        &index,
        1,
        "python",
        Some("app.py"),
        text,
        &FindOptions::default(),
    );
    assert_eq!(lines_of(&f), vec![(2, "py-errors/blind-except")]);
    assert_eq!(f[0].severity, Severity::Warning);
    assert_eq!(&text[f[0].range.clone()], "except Exception:");
    assert!(f[0].diagnostic);
    // Another language: nothing.
    assert!(find(&index, 1, "rust", None, text, &FindOptions::default()).is_empty());
    // Not selected: nothing.
    let none = index.find_in(
        1,
        &[],
        &Document {
            text,
            language_id: "python",
            rel_path: None,
        },
        &FindOptions::default(),
    );
    assert!(none.is_empty());
}

#[test]
fn hit_group_not_unless_requires_paths() {
    let t = "skill-lsp tip\n- id: latest\n  pattern: 'image:\\s*\\S+:(?P<hit>latest)\\b'\n  message: Pin the tag.\n  not: 'allow-latest'\n- id: needs-user\n  pattern: '^FROM '\n  message: Add USER.\n  unless: '(?m)^USER '\n- id: asyncio-only\n  pattern: 'sleep\\('\n  message: m\n  requires: 'import asyncio'\n  paths: 'src/**'\n  exclude: '**/vendor/**'\n";
    let s = skill(
        "k",
        &["yaml", "dockerfile", "python"],
        vec![section("S", 0, &[t], vec![])],
    );
    let (index, problems) = TipIndex::build(&[s]);
    assert!(problems.is_empty(), "{problems:?}");
    let y = "a:\n  image: nginx:latest\n  image: redis:latest # allow-latest\n";
    let f = find(&index, 1, "yaml", None, y, &FindOptions::default());
    assert_eq!(lines_of(&f), vec![(1, "k/latest")]);
    assert_eq!(&y[f[0].range.clone()], "latest");
    let d = "FROM alpine\nRUN true\n";
    assert_eq!(
        lines_of(&find(
            &index,
            1,
            "dockerfile",
            None,
            d,
            &FindOptions::default()
        )),
        vec![(0, "k/needs-user")]
    );
    let d2 = "FROM alpine\nUSER app\n";
    assert!(find(&index, 1, "dockerfile", None, d2, &FindOptions::default()).is_empty());
    let p = "import asyncio\ntime.sleep(1)\n";
    assert_eq!(
        find(
            &index,
            1,
            "python",
            Some("src/a.py"),
            p,
            &FindOptions::default()
        )
        .len(),
        1
    );
    assert!(
        find(
            &index,
            1,
            "python",
            Some("lib/a.py"),
            p,
            &FindOptions::default()
        )
        .is_empty()
    );
    assert!(
        find(
            &index,
            1,
            "python",
            Some("src/vendor/a.py"),
            p,
            &FindOptions::default()
        )
        .is_empty()
    );
    assert!(find(&index, 1, "python", None, p, &FindOptions::default()).is_empty());
    assert!(
        find(
            &index,
            1,
            "python",
            Some("src/a.py"),
            "time.sleep(1)\n",
            &FindOptions::default()
        )
        .is_empty()
    );
}

#[test]
fn span_trigger_and_contexts() {
    let t = "skill-lsp tip\n- id: blocking\n  pattern: '\\btime\\.sleep\\('\n  message: Use asyncio.sleep.\n  context: [code, async]\n- id: todo\n  pattern: 'TODO'\n  message: m\n  context: comment\n- id: chain\n  pattern: '(?s)apt-get update\\s*\\n\\s*RUN apt-get install'\n  message: same layer\n  languages: [dockerfile]\n- id: prod\n  pattern: 'print\\('\n  message: m\n  context: not-test\n";
    let s = skill("k", &["python"], vec![section("S", 0, &[t], vec![])]);
    let (index, problems) = TipIndex::build(&[s]);
    assert!(problems.is_empty(), "{problems:?}");
    let p =
        "def a():\n    time.sleep(1)  # TODO\nasync def b():\n    time.sleep(2)\n    x = 'TODO'\n";
    let f = find(
        &index,
        1,
        "python",
        Some("app.py"),
        p,
        &FindOptions::default(),
    );
    assert_eq!(lines_of(&f), vec![(1, "k/todo"), (3, "k/blocking")]);
    let d = "RUN apt-get update\nRUN apt-get install -y curl\n";
    let f = find(&index, 1, "dockerfile", None, d, &FindOptions::default());
    assert_eq!(lines_of(&f), vec![(0, "k/chain")]);
    // A test-looking name in a module that is no test file is not a test (`def test_start`
    // of a server); a test framework's marker is.
    let t = "print(1)\ndef test_x():\n    print(2)\n@pytest.mark.slow\ndef check():\n    print(3)\nclass T(unittest.TestCase):\n    def go(self):\n        print(4)\n";
    assert_eq!(
        lines_of(&find(
            &index,
            1,
            "python",
            Some("m.py"),
            t,
            &FindOptions::default()
        )),
        vec![(0, "k/prod"), (2, "k/prod")]
    );
    assert!(
        find(
            &index,
            1,
            "python",
            Some("tests/m.py"),
            t,
            &FindOptions::default()
        )
        .is_empty()
    );
}

#[test]
fn suppression_comments() {
    let s = skill(
        "py-errors",
        &["python"],
        vec![section("S", 0, &[BLIND], vec![])],
    );
    let (index, _) = TipIndex::build(&[s]);
    let text = "try: a()\nexcept:  # skill-lsp: ignore blind-except\n  pass\n# skill-lsp: ignore py-errors/blind-except\nexcept:\n  pass\n# skill-lsp: ignore\nexcept:\n# skill-lsp: ignore other-tip\nexcept:\n";
    let f = find(&index, 1, "python", None, text, &FindOptions::default());
    assert_eq!(lines_of(&f), vec![(9, "py-errors/blind-except")]);
}

#[test]
fn settings_overrides() {
    let s = skill(
        "py-errors",
        &["python"],
        vec![section("S", 0, &[BLIND], vec![])],
    );
    let (index, _) = TipIndex::build(&[s]);
    let text = "except:\n";
    let mut st = TipPolicy {
        severity: Some(Severity::Hint),
        ..Default::default()
    };
    let f = find(
        &index,
        1,
        "python",
        None,
        text,
        &FindOptions {
            settings: Some(&st),
            ..Default::default()
        },
    );
    assert_eq!(f[0].severity, Severity::Hint);
    st.overrides
        .insert("py-errors".into(), Some(Severity::Error));
    let f = find(
        &index,
        1,
        "python",
        None,
        text,
        &FindOptions {
            settings: Some(&st),
            ..Default::default()
        },
    );
    assert_eq!(f[0].severity, Severity::Error);
    st.overrides.insert("py-errors/blind-except".into(), None);
    assert!(
        find(
            &index,
            1,
            "python",
            None,
            text,
            &FindOptions {
                settings: Some(&st),
                ..Default::default()
            }
        )
        .is_empty()
    );
    st.overrides.clear();
    st.enabled = false;
    assert!(
        find(
            &index,
            1,
            "python",
            None,
            text,
            &FindOptions {
                settings: Some(&st),
                ..Default::default()
            }
        )
        .is_empty()
    );
}

/// A tip measured under the bar answers hovers only; a severity for that tip in `tips.overrides`
/// brings its diagnostic back, one for its whole skill does not.
#[test]
fn demoted_tip_is_hover_only_until_its_own_override() {
    let low = "skill-lsp tip\nid: blind-except\npattern: '^\\s*except\\s*:'\nmessage: m\nmeasured: 2/10\n";
    let s = skill(
        "py-errors",
        &["python"],
        vec![section("S", 0, &[low], vec![])],
    );
    let (index, _) = TipIndex::build(&[s]);
    let mut st = TipPolicy::default();
    let run = |st: &crate::skills::tip_policy::TipPolicy| {
        let f = find(
            &index,
            1,
            "python",
            None,
            "except:\n",
            &FindOptions {
                settings: Some(st),
                ..Default::default()
            },
        );
        assert_eq!(f.len(), 1, "a demoted tip still answers hovers");
        f[0].diagnostic
    };
    assert!(!run(&st));
    st.overrides
        .insert("py-errors".into(), Some(Severity::Warning));
    assert!(!run(&st), "a skill-wide severity does not opt in");
    st.overrides
        .insert("py-errors/blind-except".into(), Some(Severity::Warning));
    assert!(run(&st));
}

#[test]
fn trigger_problems_are_reported_with_lines() {
    let bad = "skill-lsp tip\nid: x\npattern: '(oops'\nmessage: m\n";
    let dup =
        "skill-lsp tip\n- id: y\n  pattern: a\n  message: m\n- id: y\n  pattern: b\n  message: m\n";
    let s = skill(
        "k",
        &["python"],
        vec![section("S", 20, &[bad, dup], vec![])],
    );
    let (index, problems) = TipIndex::build(&[s]);
    let codes: Vec<_> = problems.iter().map(|(i, p)| (*i, p.code, p.line)).collect();
    assert_eq!(
        codes,
        vec![(0, "tip-bad-regex", 23), (0, "tip-duplicate-id", 26)]
    );
    assert_eq!(index.declared_count(), 1);
}

#[test]
fn implicit_tips_from_bad_blocks() {
    let bad = block(
        "python",
        "# BAD\ntry:\n    load()\nexcept Exception as e:\n    pass\n",
        Marker::Bad,
    );
    let good = block(
        "python",
        "# GOOD\ntry:\n    load()\nexcept FileNotFoundError:\n    pass\n",
        Marker::Good,
    );
    let s = skill(
        "plain",
        &["python"],
        vec![section("Blind except", 3, &[], vec![bad, good])],
    );
    let (index, _) = TipIndex::build(&[s]);
    let text =
        "try:\n    run()\n    except   Exception as e :\n    pass\n# except Exception as e:\n";
    let opts = FindOptions {
        implicit: true,
        ..Default::default()
    };
    let f = find(&index, 1, "python", None, text, &opts);
    assert_eq!(lines_of(&f), vec![(2, "plain/blind-except")]);
    assert_eq!(f[0].kind, TipKind::Implicit);
    assert!(
        !f[0].diagnostic,
        "implicit tips are not diagnostics by default"
    );
    assert_eq!(&text[f[0].range.clone()], "except   Exception as e :");
    assert!(find(&index, 1, "python", None, text, &FindOptions::default()).is_empty());
    let st = TipPolicy {
        implicit_diagnostics: vec!["plain".into()],
        ..Default::default()
    };
    let f = find(
        &index,
        1,
        "python",
        None,
        text,
        &FindOptions {
            settings: Some(&st),
            implicit: true,
            ..Default::default()
        },
    );
    assert!(f[0].diagnostic);
    // A skill with declared tips gets no implicit ones.
    let bad = block("python", "except Exception:\n    pass\n", Marker::Bad);
    let s = skill(
        "annotated",
        &["python"],
        vec![
            section("S", 0, &[BLIND], vec![]),
            section("T", 30, &[], vec![bad]),
        ],
    );
    let (index, _) = TipIndex::build(&[s]);
    assert!(index.tips().iter().all(|t| t.kind == TipKind::Declared));
}

#[test]
fn line_ranges_and_tips_at() {
    let t = "skill-lsp tip\n- id: wide\n  pattern: 'foo\\(.*\\)'\n  message: m\n- id: narrow\n  pattern: 'foo'\n  message: n\n  severity: hint\n";
    let s = skill("k", &["python"], vec![section("S", 0, &[t], vec![])]);
    let (index, _) = TipIndex::build(&[s]);
    let text = "a = 1\nfoo(1)\nfoo(2)\n";
    let opts = FindOptions {
        lines: Some(2..3),
        ..Default::default()
    };
    let f = find(&index, 1, "python", None, text, &opts);
    assert!(f.iter().all(|f| f.line == 2), "{f:?}");
    assert_eq!(f.len(), 2);
    let at = tips_at(&f, text.find("foo(2)").unwrap() + 1);
    assert_eq!(
        at.iter().map(|f| &*f.id).collect::<Vec<_>>(),
        vec!["k/narrow", "k/wide"]
    );
    assert!(
        tips_at(&f, text.find("(2)").unwrap() + 1)
            .iter()
            .all(|f| &*f.id == "k/wide")
    );
    assert!(tips_at(&f, 0).is_empty());
    // Same result as the whole-text search restricted to that line.
    let all = find(&index, 1, "python", None, text, &FindOptions::default());
    let line2: Vec<_> = all.into_iter().filter(|f| f.line == 2).collect();
    assert_eq!(line2, f);
}

#[test]
fn cjk_emoji_and_odd_input() {
    let t = "skill-lsp tip\nid: e\npattern: 'eval\\((?P<hit>[^)]*)\\)'\nmessage: m\n";
    let s = skill("k", &["javascript"], vec![section("S", 0, &[t], vec![])]);
    let (index, _) = TipIndex::build(&[s]);
    let text = "const 名前 = '🎉'; eval(名前🎉); // eval(x)\r\n";
    let f = find(&index, 1, "javascript", None, text, &FindOptions::default());
    assert_eq!(f.len(), 1);
    assert_eq!(&text[f[0].range.clone()], "名前🎉");
    for text in [
        "",
        "\n",
        "\r\n\r\n",
        "eval(",
        "x".repeat(200_000).as_str(),
        "'unterminated eval(1)",
    ] {
        let _ = find(&index, 1, "javascript", None, text, &FindOptions::default());
        let _ = find(
            &index,
            1,
            "javascript",
            None,
            text,
            &FindOptions {
                lines: Some(0..5),
                ..Default::default()
            },
        );
    }
    // Under the line cap, a non-ASCII line is searched to its end; past it, the tail is not.
    let long = format!("{}eval(1)\n", "é".repeat(LINE_CAP / 2 - 10));
    assert_eq!(
        find(
            &index,
            1,
            "javascript",
            None,
            &long,
            &FindOptions::default()
        )
        .len(),
        1
    );
    let longer = format!("{}eval(1)\n", "é".repeat(100_000));
    let doc = Document {
        text: &longer,
        language_id: "javascript",
        rel_path: None,
    };
    let r = index.find_in_report(1, &[0], &doc, &FindOptions::default(), None);
    assert!(r.findings.is_empty());
    assert_eq!(r.limits.long_lines, vec![(0, 200_007)]);
}

#[test]
fn prefilter_stays_fast_and_finds_on_non_ascii_text() {
    let set = crate::skills::regexes::prefilter_matcher(&[
        r"(?m)^\s*(?:import|from)\s+fastapi\b",
        r"\bdjango\b",
    ])
    .unwrap();
    let text = format!(
        "# café ☕\n{}from fastapi import FastAPI\n",
        "x = 1\n".repeat(1000)
    );
    let m = set.matches(&text);
    assert!(m.matched(0) && !m.matched(1));
}

fn hit(id: &str, start: usize, severity: Severity, diagnostic: bool) -> Finding {
    Finding {
        tip: 0,
        skill: 0,
        skill_name: Arc::from("s"),
        id: Arc::from(id),
        range: start..start + 1,
        line: start as u32,
        message: Arc::from("m"),
        severity,
        kind: TipKind::Declared,
        section: 0,
        diagnostic,
        suppressed: None,
        fix: None,
    }
}

/// Per-tip cap first (earliest hits kept), then the overall cap keeps louder severities,
/// and the result stays in document order; hover-only findings are never published.
#[test]
fn publishable_caps_per_tip_then_overall() {
    let mut f: Vec<Finding> = (0..10)
        .map(|i| hit("s/noisy", i, Severity::Hint, true))
        .collect();
    f.push(hit("s/quiet", 20, Severity::Information, true));
    f.push(hit("s/loud", 30, Severity::Error, true));
    f.push(hit("s/hover", 40, Severity::Error, false));

    let (shown, total) = publishable(&f, 0, 0);
    assert_eq!((shown.len(), total), (12, 12));

    let (shown, _) = publishable(&f, 0, 3);
    let starts: Vec<usize> = shown.iter().map(|f| f.range.start).collect();
    assert_eq!(starts, [0, 1, 2, 20, 30]);

    let (shown, total) = publishable(&f, 3, 3);
    let starts: Vec<usize> = shown.iter().map(|f| f.range.start).collect();
    assert_eq!(
        starts,
        [0, 20, 30],
        "error and information kept, then the first hint"
    );
    assert_eq!(total, 12);
}

/// A JavaScript skill with a line tip (`==`, with a `not`), a span tip and an ignore-aware line.
fn js_index() -> TipIndex {
    let t = "skill-lsp tip\n- id: loose\n  pattern: '[^=!]==[^=]'\n  message: Use ===.\n  not: 'null'\n- id: log\n  pattern: '(?m)console\\.log\\('\n  message: No console.log.\n";
    let s = skill(
        "js",
        &["javascript"],
        vec![section("Equality", 3, &[t], vec![])],
    );
    let (index, problems) = TipIndex::build(&[s]);
    assert!(problems.is_empty(), "{problems:?}");
    index
}

fn report(index: &TipIndex, text: &str, opts: &FindOptions, cancel: Option<&AtomicBool>) -> Report {
    index.find_in_report(
        1,
        &[0],
        &Document {
            text,
            language_id: "javascript",
            rel_path: Some("dist/app.js"),
        },
        opts,
        cancel,
    )
}

#[test]
fn long_line_checked_up_to_the_cap_and_reported() {
    let index = js_index();
    let unit = "if(a==b){console.log(x)};";
    let long = unit.repeat(LINE_CAP / unit.len() + 400);
    let text = format!("a == b\n{long}\nc == d // null\ne == f\n");
    let r = report(&index, &text, &FindOptions::default(), None);
    // Every hit of the long line lies in its first LINE_CAP bytes, and both tips found there.
    let start = text.find('\n').unwrap() + 1;
    let on_long: Vec<&Finding> = r.findings.iter().filter(|f| f.line == 1).collect();
    let per_unit = LINE_CAP / unit.len();
    assert!(on_long.iter().all(|f| f.range.start - start <= LINE_CAP));
    let loose = on_long.iter().filter(|f| &*f.id == "js/loose").count();
    let log = on_long.iter().filter(|f| &*f.id == "js/log").count();
    assert!(
        loose >= per_unit - 1 && loose <= per_unit + 1,
        "{loose} vs {per_unit}"
    );
    assert!(
        log >= per_unit - 1 && log <= per_unit + 1,
        "{log} vs {per_unit}"
    );
    // Lines after it are still checked; `not` still drops line 2.
    let after: Vec<u32> = r
        .findings
        .iter()
        .filter(|f| f.line != 1)
        .map(|f| f.line)
        .collect();
    assert_eq!(after, vec![0, 3]);
    assert_eq!(r.limits.long_line_count, 1);
    assert_eq!(r.limits.long_lines, vec![(1, long.len())]);
    let note = r.limits.note().expect("a note");
    assert!(
        note.contains("line 2 is") && note.contains("first 65536 bytes"),
        "{note}"
    );
    // The same for a hover on that line.
    let opts = FindOptions {
        lines: Some(1..2),
        ..Default::default()
    };
    let h = report(&index, &text, &opts, None);
    assert_eq!(h.findings.len(), on_long.len());
    assert_eq!(h.limits.long_lines, vec![(1, long.len())]);
    // A hover elsewhere does not mention it.
    let opts = FindOptions {
        lines: Some(3..4),
        ..Default::default()
    };
    assert!(report(&index, &text, &opts, None).limits.is_complete());
}

#[test]
fn not_and_ignore_comments_hold_on_a_hit_dense_line() {
    let index = js_index();
    let unit = "if(a==b){console.log(x)};";
    // `not` on the line drops every `==` hit of it, the ignore comment every `log` hit.
    let text = format!(
        "{} // null\n{} // skill-lsp: ignore js/log\n",
        unit.repeat(500),
        unit.repeat(500)
    );
    let r = report(&index, &text, &FindOptions::default(), None);
    assert!(r.limits.is_complete());
    let ids: Vec<(u32, &str)> = r.findings.iter().map(|f| (f.line, &*f.id)).collect();
    assert!(ids.iter().filter(|x| x.0 == 0).all(|x| x.1 == "js/log"));
    assert!(ids.iter().filter(|x| x.0 == 1).all(|x| x.1 == "js/loose"));
    assert_eq!(ids.len(), 1000);
}

#[test]
fn findings_capped_and_cancel_stops_the_search() {
    let index = js_index();
    let text = "x == y\n".repeat(MAX_FINDINGS + 10);
    let r = report(&index, &text, &FindOptions::default(), None);
    assert_eq!(r.findings.len(), MAX_FINDINGS);
    assert!(r.limits.truncated);
    assert!(r.limits.note().unwrap().contains("stopped after"));
    let cancel = AtomicBool::new(true);
    let r = report(&index, &text, &FindOptions::default(), Some(&cancel));
    assert!(r.limits.cancelled);
    assert!(r.findings.is_empty());
    assert_eq!(r.limits.note(), None, "a cancelled search is not published");
}

#[test]
fn every_bundled_structural_rule_compiles_for_each_of_its_grammars() {
    // Bundled rules compile on first use (so an idle server never pages in a grammar); this is
    // where a broken one is caught instead of on a user's first document.
    let lib = crate::skills::library::Library::load(&crate::skills::library::SkillSources {
        builtin: true,
        ..Default::default()
    });
    let mut checked = 0;
    for t in lib.tips.tips() {
        let Some(rule) = &t.structural else { continue };
        for g in rule.grammars() {
            assert!(
                rule.for_grammar(g).is_some(),
                "{} does not compile for {}",
                t.id,
                g.name()
            );
            checked += 1;
        }
    }
    assert!(
        checked >= 10,
        "the bundled library has structural rules ({checked})"
    );
}

#[test]
fn a_user_structural_rule_that_does_not_compile_is_a_problem_at_load() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bad.md"),
        "---\nname: bad-rule\ndescription: d\nglobs: \"**/*.py\"\n---\n# Bad\n\n## Calls\n\n<!-- skill-lsp tip\nid: bad\nlanguages: [python]\nmessage: m\nrule:\n  pattern: \"def (\"\n  kind: no_such_kind\n-->\n",
    )
    .unwrap();
    let lib = crate::skills::library::Library::load(&crate::skills::library::SkillSources {
        configured: vec![dir.path().to_path_buf()],
        ..Default::default()
    });
    let problems: Vec<&Problem> = lib
        .skills
        .iter()
        .flat_map(|s| s.problems.iter())
        .chain(lib.problems.iter())
        .collect();
    assert!(
        problems.iter().any(|p| p.code == "tip-bad-rule"),
        "{problems:?}"
    );
}

/// The findings (id, line, range) of `lib` in Python `text` at `/work/project/<name>`, over
/// `lines` or the whole text.
fn python_findings(
    lib: &crate::skills::library::Library,
    name: &str,
    text: &str,
    lines: Option<Range<u32>>,
) -> Vec<(String, u32, Range<usize>)> {
    let root = std::path::Path::new("/work/project");
    let path = root.join(name);
    let doc = crate::skills::select::DocumentInfo {
        path: Some(&path),
        root: Some(root),
        language_id: "python",
        text,
    };
    let matches = lib.select_skills(&doc);
    let opts = FindOptions {
        implicit: true,
        lines,
        ..Default::default()
    };
    (lib.find_tips(&matches, &doc, &opts).into_iter())
        .map(|f| (f.id.to_string(), f.line, f.range))
        .collect()
}

#[test]
fn the_first_search_of_a_language_finds_what_later_ones_find() {
    // The first Python search after a load compiles the group's sets and rules on one thread
    // while it parses on another (`compile_while_parsing`); nothing may be lost on that path.
    let lib = crate::skills::library::Library::load(&crate::skills::library::SkillSources {
        builtin: true,
        ..Default::default()
    });
    let python: Vec<usize> = lib.tips.langs["python"].clone();
    let cold = |lib: &crate::skills::library::Library| {
        python.iter().any(|&g| {
            let li = &lib.tips.groups[g];
            !li.line_tips.is_empty() && li.compiled.get().is_none()
        })
    };
    assert!(cold(&lib), "nothing for Python is compiled at load");
    let text = "import subprocess\nimport requests\n\n\ndef f(cmd):\n    try:\n        subprocess.run(\n            cmd,\n            shell=True,\n        )\n    except:\n        pass\n    return requests.get(\"https://example.com\")\n".repeat(40);
    let first = python_findings(&lib, "first.py", &text, None);
    assert!(!cold(&lib), "the first search compiled Python's sets");
    let later = python_findings(&lib, "later.py", &text, None);
    assert_eq!(first, later);
    let ids: HashSet<&str> = first.iter().map(|(id, _, _)| id.as_str()).collect();
    // A line tip (bare except), a structural rule over a multi-line call (shell=True).
    assert!(ids.iter().any(|id| id.ends_with("bare-except")), "{ids:?}");
    assert!(ids.iter().any(|id| id.ends_with("shell-true")), "{ids:?}");
}

#[test]
fn a_big_document_searched_whole_finds_what_a_search_of_all_its_lines_finds() {
    // The whole-text search finds candidate lines with multi-line patterns over the text; a
    // search of lines (a hover's) runs the line patterns line by line. On a document of a few
    // thousand lines, with hits in code, comments and strings, both give the same findings.
    let lib = crate::skills::library::Library::load(&crate::skills::library::SkillSources {
        builtin: true,
        ..Default::default()
    });
    let block = "import subprocess\nimport requests\nimport hashlib\n\n\ndef f(cmd, data):\n    try:\n        subprocess.run(\n            cmd,\n            shell=True,\n        )\n    except:\n        pass\n    h = hashlib.md5(data)  # a comment\n    s = \"except: in a string\"\n    return requests.get(\"https://example.com\", verify=False)\n\n\n";
    let text = block.repeat(120);
    let whole = python_findings(&lib, "big.py", &text, None);
    let lines = python_findings(
        &lib,
        "big.py",
        &text,
        Some(0..text.lines().count() as u32 + 1),
    );
    assert_eq!(whole, lines);
    let ids: HashSet<&str> = whole.iter().map(|(id, _, _)| id.as_str()).collect();
    assert!(ids.iter().any(|id| id.ends_with("bare-except")), "{ids:?}");
    // One bare `except` per block: the one in a string is not code.
    let bare = whole
        .iter()
        .filter(|(id, _, _)| id.ends_with("bare-except"))
        .count();
    assert_eq!(bare, text.matches("    except:\n").count(), "{ids:?}");
}

use regex::Regex;

use super::*;

#[test]
fn parses_mapping_and_list() {
    let raw = " skill-lsp tip\nid: blind-except\npattern: '^\\s*except\\s*:'\nmessage: Catch what you expect.\nseverity: warning\n";
    let (t, issues) = parse(10, raw).unwrap();
    assert!(issues.is_empty(), "{issues:?}");
    assert_eq!(t.len(), 1);
    assert_eq!(t[0].id, "blind-except");
    assert_eq!(t[0].severity, Severity::Warning);
    assert!(!t[0].span);
    assert_eq!(t[0].context, vec![Context::Code]);
    assert_eq!(t[0].line, 11);
    let raw = "skill-lsp tip\n  - id: a\n    pattern: 'x(?m)^y'\n    message: m\n    context: [async, not-test]\n  - id: b\n    pattern: z\n    message: n\n    diagnostic: false\n    languages: python\n";
    let (t, issues) = parse(0, raw).unwrap();
    assert!(issues.is_empty(), "{issues:?}");
    assert_eq!(t.len(), 2);
    assert!(t[0].span);
    assert_eq!(
        t[0].context,
        vec![Context::Async, Context::NotTest, Context::Code]
    );
    assert!(!t[1].diagnostic);
    assert_eq!(t[1].languages.as_deref(), Some(&["python".to_string()][..]));
}

/// A trigger nested 200,000 levels deep is reported on its line, not handed to the parser.
#[test]
fn deep_trigger_yaml_is_refused() {
    let raw = format!(
        "skill-lsp tip\nid: x\npattern: y\nmessage: {}\n",
        "[".repeat(200_000)
    );
    let (t, issues) = parse(4, &raw).unwrap();
    assert!(t.is_empty());
    assert_eq!(issues[0].code, "tip-yaml");
    assert!(issues[0].message.contains("deeper than 64"), "{issues:?}");
    assert_eq!(issues[0].line, 7);
}

#[test]
fn measured_figures_demote_with_enough_findings() {
    let tip = |extra: &str| {
        let raw = format!("skill-lsp tip\nid: a\npattern: x\nmessage: m\n{extra}");
        let (t, issues) = parse(0, &raw).unwrap();
        (t, issues)
    };
    // 3 of 5 right: under 0.8 with enough findings to judge.
    let (t, issues) = tip("measured: 3/5\n");
    assert!(issues.is_empty(), "{issues:?}");
    assert_eq!(t[0].measured, Some((3, 5)));
    assert_eq!(t[0].precision, Some(0.6));
    assert!(!t[0].diagnostic && t[0].demoted);
    // 4 of 5 is the bar itself; 1 of 4 is too few findings to judge.
    for m in ["measured: 4/5\n", "measured: 1/4\n", "measured: 9/9\n"] {
        let (t, _) = tip(m);
        assert!(t[0].diagnostic && !t[0].demoted, "{m}");
    }
    // The author's explicit word wins either way, and is not a demotion.
    let (t, _) = tip("measured: 1/10\ndiagnostic: true\n");
    assert!(t[0].diagnostic && !t[0].demoted);
    let (t, _) = tip("measured: 10/10\ndiagnostic: false\n");
    assert!(!t[0].diagnostic && !t[0].demoted);
    for bad in [
        "measured: 6/5\n",
        "measured: 0/0\n",
        "measured: 0.7\n",
        "measured: a/b\n",
    ] {
        let (t, issues) = tip(bad);
        assert!(t.is_empty(), "{bad}");
        assert_eq!(issues[0].code, "tip-bad-field", "{bad}");
        assert!(issues[0].message.contains("TP/N"), "{issues:?}");
    }
}

#[test]
fn precision_under_the_bar_turns_the_diagnostic_off() {
    let (t, issues) = parse(
        0,
        "skill-lsp tip\nid: a\npattern: x\nmessage: m\nprecision: 0.7\n",
    )
    .unwrap();
    assert!(issues.is_empty(), "{issues:?}");
    assert_eq!(t[0].precision, Some(0.7));
    assert!(!t[0].diagnostic);
    let (t, _) = parse(
        0,
        "skill-lsp tip\nid: a\npattern: x\nmessage: m\nprecision: 0.8\n",
    )
    .unwrap();
    assert!(t[0].diagnostic);
    // The author's explicit word wins.
    let (t, _) = parse(
        0,
        "skill-lsp tip\nid: a\npattern: x\nmessage: m\nprecision: 0.5\ndiagnostic: true\n",
    )
    .unwrap();
    assert!(t[0].diagnostic);
    let (_, issues) = parse(
        0,
        "skill-lsp tip\nid: a\npattern: x\nmessage: m\nprecision: high\n",
    )
    .unwrap();
    assert_eq!(issues[0].code, "tip-bad-field");
}

#[test]
fn structural_tip_needs_no_pattern() {
    let raw = "skill-lsp tip\nid: s\nmessage: m\nrule:\n  kind: call\n";
    let (t, issues) = parse(0, raw).unwrap();
    assert!(issues.is_empty(), "{issues:?}");
    assert!(t[0].structural.is_some());
    assert!(t[0].pattern.is_empty());
    let (_, issues) = parse(0, "skill-lsp tip\nid: s\nmessage: m\nrule:\n  kynd: call\n").unwrap();
    assert_eq!(issues[0].code, "tip-bad-rule");
    assert_eq!(issues[0].line, 3);
}

#[test]
fn not_a_tip_comment() {
    assert!(parse(0, " just a comment ").is_none());
    assert!(parse(0, "skill-lsp tipsy").is_none());
    assert!(parse(0, "skill-lsp: ignore x").is_none());
}

#[test]
fn reports_problems_at_lines() {
    let raw = "skill-lsp tip\nid: x\npattern: '(unclosed'\nmessage: m\n";
    let (t, issues) = parse(5, raw).unwrap();
    assert!(t.is_empty());
    assert_eq!(issues[0].code, "tip-bad-regex");
    assert_eq!(issues[0].line, 7);
    let (_, issues) = parse(0, "skill-lsp tip\nid: x\nmessage: m\n").unwrap();
    assert_eq!(issues[0].code, "tip-missing-field");
    assert!(issues[0].message.contains("pattern"));
    let (_, issues) = parse(0, "skill-lsp tip\nid: Bad_Id\npattern: x\nmessage: m\n").unwrap();
    assert_eq!(issues[0].code, "tip-bad-id");
    let (_, issues) = parse(
        0,
        "skill-lsp tip\nid: x\npattern: x\nmessage: m\ncontext: sideways\n",
    )
    .unwrap();
    assert_eq!(issues[0].code, "tip-bad-context");
    assert_eq!(issues[0].line, 4);
    let (_, issues) = parse(3, "skill-lsp tip\nid: x\n  pattern: [\n").unwrap();
    assert_eq!(issues[0].code, "tip-yaml");
    assert!(issues[0].line >= 3);
    let (t, issues) = parse(
        0,
        "skill-lsp tip\nid: x\npattern: x\nmessage: m\ncolour: red\n",
    )
    .unwrap();
    assert_eq!(t.len(), 1);
    assert_eq!(issues[0].code, "tip-unknown-key");
    assert_eq!(issues[0].severity, Severity::Warning);
    let (_, issues) = parse(
        0,
        "skill-lsp tip\nid: x\npattern: x\nmessage: m\nseverity: loud\n",
    )
    .unwrap();
    assert_eq!(issues[0].code, "tip-bad-severity");
    let (_, issues) = parse(
        0,
        "skill-lsp tip\nid: x\npattern: x\nmessage: m\npaths: '[z'\n",
    )
    .unwrap();
    assert_eq!(issues[0].code, "tip-bad-glob");
}

#[test]
fn ascii_boundaries_only_outside_classes() {
    assert_eq!(ascii_boundaries(r"\bfoo\B"), r"(?-u:\b)foo(?-u:\B)");
    assert_eq!(ascii_boundaries(r"\\b[\b]x"), r"\\b[\b]x");
    assert_eq!(ascii_boundaries(r"[]\b]\b"), r"[]\b](?-u:\b)");
    for p in [r"\beval\(", r"(?i)\b\w*(token)\b", r"[^\]]\bx"] {
        assert!(Regex::new(&ascii_boundaries(p)).is_ok(), "{p}");
    }
    assert_eq!(
        ascii_boundaries(r"[^\w]\d"),
        r"[^\w](?:[0-9]|(?-i:[\x{80}-\x{10FFFF}]))"
    );
    assert_eq!(
        ascii_boundaries(r"[\w.]+"),
        r"(?:[0-9A-Za-z_.]|(?-i:[\x{80}-\x{10FFFF}]))+"
    );
    // A class the rewrite does not understand keeps its items, made supersets in place.
    assert_eq!(
        ascii_boundaries(r"[\w[:punct:]]"),
        r"[0-9A-Za-z_\x{80}-\x{10FFFF}[:punct:]]"
    );
    assert_eq!(
        ascii_boundaries(r"[]\w]"),
        r"(?:[]0-9A-Za-z_]|(?-i:[\x{80}-\x{10FFFF}]))"
    );
    assert_eq!(
        ascii_boundaries(r"[\w&&a]"),
        r"[0-9A-Za-z_\x{80}-\x{10FFFF}&&a]"
    );
    // The prefilter never misses what the exact pattern finds (no `\b` next to non-ASCII).
    let cases = [
        (r"\w+\s*=\s*\d+", "café = ٣"),
        (r"[^\w]x\W", "é x!"),
        (r"^\s*[\w.]+\(", "  número.parse("),
        (r"\D\d", "x٣"),
        (r"(?i)^\s*[\w.]+\s+SET\b", "  Número.x set y"),
        (r"(?i)\bselect\s+\w+\s+from", "SELECT ÉTAT FROM t"),
        (r"(?i)[\w-]+K", "été-\u{212A}"),
    ];
    for (p, hay) in cases {
        let exact = Regex::new(p).unwrap();
        let pre = Regex::new(&ascii_boundaries(p)).unwrap();
        assert!(exact.is_match(hay), "{p} on {hay}");
        assert!(pre.is_match(hay), "prefilter of {p} missed {hay}");
    }
}

#[test]
fn windowable_spans() {
    assert!(is_windowable("(?m)^FROM a\\nRUN"));
    assert!(is_windowable("(?s)call\\{value:.*\\}"));
    assert!(!is_windowable("(?m)^FROM\\b[^\\n]*\\z"));
    assert!(!is_windowable("(?s)^a.*b$"));
}

#[test]
fn span_detection() {
    assert!(is_span_pattern("(?m)^FROM"));
    assert!(is_span_pattern("(?is)a.*b"));
    assert!(is_span_pattern("a\\nb"));
    assert!(!is_span_pattern("(?i)except"));
    assert!(!is_span_pattern("\\(\\?m\\)"));
    assert!(!is_span_pattern("(?P<hit>x)"));
}

/// A structural rule led by `matches:` beside `not:` gets a hint on its `rule:` line (ast-grep
/// runs the `not` first, on every node); the same rule led by `kind:` does not, nor does one
/// with `matches:` alone.
#[test]
fn a_rule_led_by_matches_gets_a_slow_rule_hint() {
    let slow = "skill-lsp tip\nid: s\nmessage: m\nlanguage: yaml\nrule:\n  matches: gha-step\n  not: { has: { kind: block_mapping_pair } }\n";
    let (t, issues) = parse(10, slow).unwrap();
    assert_eq!(t.len(), 1, "a hint keeps the tip");
    assert_eq!(issues.len(), 1, "{issues:?}");
    assert_eq!(issues[0].code, "tip-slow-rule");
    assert_eq!(issues[0].severity, Severity::Hint);
    assert_eq!(issues[0].line, 14, "the line of `rule:`");
    assert!(issues[0].message.contains("tip `s`"), "{issues:?}");
    let led_by_kind = "skill-lsp tip\nid: s\nmessage: m\nlanguage: yaml\nrule:\n  kind: block_mapping\n  all:\n    - matches: gha-step\n    - not: { has: { kind: block_mapping_pair } }\n";
    let (_, issues) = parse(0, led_by_kind).unwrap();
    assert!(issues.is_empty(), "{issues:?}");
    let alone = "skill-lsp tip\nid: s\nmessage: m\nlanguage: yaml\nrule:\n  matches: gha-step\n  has: { kind: block_mapping_pair }\n";
    let (_, issues) = parse(0, alone).unwrap();
    assert!(issues.is_empty(), "{issues:?}");
}

//! Property tests over frontmatter, tip-trigger and YAML parsing: random and mutated YAML, deep
//! nesting of every kind. Zero panics, offsets that stay inside the text, and anything deeper
//! than the limit refused before the YAML parser sees it. The case counts are fixed so the
//! run is bounded (a few seconds in CI).

use proptest::prelude::*;
use skill_lsp::skills::frontmatter;
use skill_lsp::skills::guard::{YamlLimits, check_yaml};
use skill_lsp::skills::library::Library;

/// Real frontmatter shapes (ours and other formats'), the seeds for mutation.
const SEEDS: &[&str] = &[
    "name: errs\ndescription: Python errors\nlanguages: [python]\n",
    "description: Rules for TS\nglobs: **/*.{ts,tsx}, src/**\nalwaysApply: false\n",
    "applyTo: '**/*.py'\n",
    "name: x\nmetadata:\n  author: me\n  tags: [a, b]\npaths:\n  - a/**\n  - \"b/*.py\"\n",
    "description: >\n  folded text\n  continues\nname: \"quoted: colon\"\n",
    "a: &anchor {k: v}\nb: *anchor\nc: [1, 2.5, true, null, ~]\n",
    "inclusion: fileMatch\nfileMatchPattern: '*.tsx'\n",
];

/// Bytes YAML cares about, plus some text and a multi-byte character.
const ALPHABET: &[char] = &[
    '-', ':', '[', ']', '{', '}', '\'', '"', '#', '&', '*', '!', '|', '>', ',', '?', '%', '@', '`',
    ' ', ' ', ' ', '\n', '\n', '\t', '\r', 'a', 'b', 'k', '1', '.', '\\', 'é', '😀',
];

fn yamlish() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(ALPHABET), 0..400)
        .prop_map(|cs| cs.into_iter().collect())
}

#[derive(Debug, Clone)]
enum Edit {
    Insert(usize, char),
    Delete(usize, usize),
    Duplicate(usize, usize, usize),
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    let edit = prop_oneof![
        (any::<usize>(), proptest::sample::select(ALPHABET)).prop_map(|(p, c)| Edit::Insert(p, c)),
        (any::<usize>(), 0usize..20).prop_map(|(p, n)| Edit::Delete(p, n)),
        (any::<usize>(), 0usize..30, 1usize..200).prop_map(|(p, n, k)| Edit::Duplicate(p, n, k)),
    ];
    proptest::collection::vec(edit, 1..12)
}

fn floor(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn apply(seed: &str, edits: &[Edit]) -> String {
    let mut s = seed.to_string();
    for e in edits {
        let len = s.len().max(1);
        match *e {
            Edit::Insert(p, c) => {
                let at = floor(&s, p % (len + 1));
                s.insert(at, c);
            }
            Edit::Delete(p, n) => {
                let a = floor(&s, p % len);
                let b = floor(&s, a + n);
                s.replace_range(a..b, "");
            }
            Edit::Duplicate(p, n, k) => {
                let a = floor(&s, p % len);
                let b = floor(&s, a + n);
                let piece = s[a..b].repeat(k);
                s.insert_str(b, &piece);
            }
        }
    }
    s
}

fn check_frontmatter(yaml: &str) {
    let text = format!("---\n{yaml}\n---\n# Body\n\ntext\n");
    let fm = frontmatter::parse(&text);
    assert!(fm.body_offset <= text.len());
    assert!(text.is_char_boundary(fm.body_offset));
    if fm.present {
        assert!(fm.body_line >= 2);
    }
    // The whole file, as a skill whose tip trigger is the same YAML: parsing, problems, indexes.
    let text = format!("{text}\n## S\n\n<!-- skill-lsp tip\n{yaml}\n-->\n");
    let lib = Library::from_texts(vec![(".skills/p/SKILL.md".into(), text)]);
    assert!(lib.skills.len() <= 1);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_yaml_never_panics(yaml in yamlish()) {
        let _ = check_yaml(&yaml, YamlLimits::SMALL);
        check_frontmatter(&yaml);
    }

    #[test]
    fn mutated_real_frontmatter_never_panics(seed in proptest::sample::select(SEEDS), e in edits()) {
        let yaml = apply(seed, &e);
        check_frontmatter(&yaml);
    }

    /// Nesting of any kind past the limit is refused by the guard, so the parser never sees it.
    #[test]
    fn deep_nesting_is_always_refused(
        kind in 0usize..5,
        depth in 65usize..20_000,
        prefix in proptest::sample::select(SEEDS),
    ) {
        let deep = match kind {
            0 => "[".repeat(depth),
            1 => "{a: ".repeat(depth),
            2 => "- ".repeat(depth) + "x",
            3 => (0..depth.min(300)).map(|i| format!("{}k{i}:\n", " ".repeat(i))).collect(),
            _ => "[{".repeat(depth / 2 + 1),
        };
        let field = if kind == 2 || kind == 3 { format!("deep:\n{deep}") } else { format!("deep: {deep}") };
        let yaml = format!("{prefix}{field}\n");
        prop_assert!(check_yaml(&yaml, YamlLimits::SMALL).is_err());
        let fm = frontmatter::parse(&format!("---\n{yaml}---\nbody\n"));
        prop_assert!(fm.too_complex.is_some());
    }
}

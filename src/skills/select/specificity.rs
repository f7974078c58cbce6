//! How specific a matching glob is, and whether a skill's name names the document's language:
//! the strengths that order skills inside one evidence tier.

/// Rank of a matching glob: literal folders and file names are more specific than extensions,
/// and a long `{a,b,c,...}` list is less specific than one extension.
pub(super) fn glob_specificity(g: &str) -> u32 {
    let mut score: i64 = 300;
    let segments: Vec<&str> = g.split('/').filter(|s| *s != "**").collect();
    let dirs = segments.len().saturating_sub(1);
    score += 40 * dirs.min(3) as i64;
    if let Some(last) = segments.last() {
        if !last.contains(['*', '?', '[', '{']) {
            score += 20;
        }
        // `*.t.sol` is narrower than `*.sol`: count literal characters outside `{}`.
        let mut depth = 0;
        let literal = last
            .chars()
            .filter(|c| {
                match c {
                    '{' | '[' => depth += 1,
                    '}' | ']' => depth -= 1,
                    _ => {}
                }
                depth == 0 && !matches!(c, '*' | '?' | '}' | ']')
            })
            .count() as i64;
        score += 4 * literal.min(10);
    }
    let alternatives = g.matches(',').count() as i64;
    score -= 3 * alternatives.min(30);
    score.max(150) as u32
}

/// The words by which a skill's name names a language (`python.mdc` for a `.py` file).
pub(super) const NAME_WORDS: &[(&str, &[&str])] = &[
    ("typescriptreact", &["react", "tsx", "typescript"]),
    ("javascriptreact", &["react", "jsx", "javascript"]),
    ("shellscript", &["bash", "shell", "sh"]),
    ("dockerfile", &["docker", "dockerfile"]),
    ("typescript", &["typescript", "ts"]),
    ("javascript", &["javascript", "js", "node"]),
    ("python", &["python", "py"]),
    ("go", &["go", "golang"]),
    ("rust", &["rust"]),
];

/// Which rows of `NAME_WORDS` a skill's name hits, one bit each: computed once per skill, as
/// every glob match asks.
pub(super) fn name_language_bits(name: &str) -> u16 {
    let mut bits = 0;
    for (i, (_, wanted)) in NAME_WORDS.iter().enumerate() {
        let mut words = name.split(|c: char| !c.is_alphanumeric());
        if words.any(|w| wanted.iter().any(|x| w.eq_ignore_ascii_case(x))) {
            bits |= 1 << i;
        }
    }
    bits
}

/// A small bonus when the skill's name names the document's language: 30 for a language of
/// `NAME_WORDS` (`row`, its index, found once per selection), 5 when the name has the language
/// id itself as a word.
pub(super) fn name_fits_language(name: &str, bits: u16, row: Option<usize>, lang: &str) -> u32 {
    match row {
        Some(i) if bits & (1 << i) != 0 => 30,
        Some(_) => 0,
        None if name
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w.eq_ignore_ascii_case(lang)) =>
        {
            5
        }
        None => 0,
    }
}

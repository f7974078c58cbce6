//! Regex helpers shared by selection and the tips engine: the ASCII-word-boundary form of a
//! pattern that keeps a prefilter on the lazy DFA, and the prefilter sets built from it. A leaf.

use std::sync::Mutex;

use regex_automata::hybrid::dfa::{self as lazy, DFA};
use regex_automata::nfa::thompson::{self, NFA, WhichCaptures, pikevm::PikeVM};
use regex_automata::{Input, MatchKind, PatternID, PatternSet};

/// The `regex` crate's default limit on one compiled program.
const SIZE_LIMIT: usize = 10 << 20;

/// Whether `Regex::new(pattern)` succeeds, with its error as that reports it, without building
/// the regex: the same parse, and the same size limit on the same forward NFA (with captures,
/// the biggest program it builds). `Regex::new` also builds a reverse NFA and search engines on
/// both. A tip's patterns are only checked when the library loads and compiled on first use;
/// building them whole to check them was two thirds of the bundled library's load
/// (callgrind: 863 M of 1,303 M instructions).
pub fn validate(pattern: &str) -> Result<(), String> {
    let hir = regex_automata::util::syntax::parse(pattern).map_err(|e| e.to_string())?;
    NFA::compiler()
        .configure(thompson::Config::new().nfa_size_limit(Some(SIZE_LIMIT)))
        .build_from_hir(&hir)
        .map(drop)
        .map_err(|e| match e.size_limit() {
            Some(limit) => format!("Compiled regex exceeds size limit of {limit} bytes."),
            None => e.to_string(),
        })
}

/// Lazy DFA cache per set (`RegexSet` or [`PatternMatcher`]): big enough that a set of many patterns does not thrash the cache
/// and fall back to the (much slower) NFA simulation on a large file. Grows only as needed.
pub const DFA_CACHE: usize = 8 << 20;

/// Every non-ASCII character, with case folding off: under `(?i)` regex-syntax folds a class
/// one code point at a time, so a bare `\x{80}-\x{10FFFF}` cost 6-7 ms per use to compile (the
/// first document of a language waited for it); folding cannot add to a set that holds every
/// non-ASCII character and, through `K`/`ſ`, only ASCII letters already beside it.
const NON_ASCII: &str = r"(?-i:[\x{80}-\x{10FFFF}])";

/// The pattern with `\b` / `\B` made ASCII word boundaries and `\w` / `\d` / `\W` / `\D` made
/// small supersets, for prefiltering only. A Unicode word
/// boundary makes the lazy DFA give up on any non-ASCII text (one `é` in a file turned a 3 ms scan
/// into 4 s of NFA simulation); the ASCII variant keeps it on the DFA. Candidates it finds are
/// then checked with the exact (Unicode) pattern, line by line.
pub fn ascii_boundaries(p: &str) -> String {
    let cs: Vec<char> = p.chars().collect();
    let mut out = String::with_capacity(p.len() + 16);
    let mut class_depth = 0usize;
    let mut negations: Vec<bool> = Vec::new();
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i];
        // `[\w.]`: the class's ASCII part, or any non-ASCII character unfolded.
        if c == '['
            && class_depth == 0
            && let Some((end, inner)) = word_class(&cs, i)
        {
            out.push_str(&format!("(?:[{inner}]|{NON_ASCII})"));
            i = end + 1;
            continue;
        }
        i += 1;
        match c {
            '\\' => {
                let Some(&n) = cs.get(i) else {
                    out.push(c);
                    break;
                };
                i += 1;
                // Unicode `\w` / `\d` compile to large UTF-8 automata (tens of KB per use, and
                // more DFA states). ASCII word characters plus every non-ASCII character is a
                // superset, so the prefilter still never misses what the exact pattern matches.
                // Inside a negated class a smaller set would be a larger complement: keep it.
                let negated = negations.last().copied().unwrap_or(false);
                match (n, if negated { usize::MAX } else { class_depth }) {
                    ('b', 0) => out.push_str("(?-u:\\b)"),
                    ('B', 0) => out.push_str("(?-u:\\B)"),
                    ('w', 0) => out.push_str(&format!("(?:[0-9A-Za-z_]|{NON_ASCII})")),
                    ('w', d) if d != usize::MAX => out.push_str("0-9A-Za-z_\\x{80}-\\x{10FFFF}"),
                    ('d', 0) => out.push_str(&format!("(?:[0-9]|{NON_ASCII})")),
                    ('d', d) if d != usize::MAX => out.push_str("0-9\\x{80}-\\x{10FFFF}"),
                    ('W', 0) => out.push_str("[^0-9A-Za-z_]"),
                    ('D', 0) => out.push_str("[^0-9]"),
                    _ => {
                        out.push(c);
                        out.push(n);
                    }
                }
            }
            '[' => {
                class_depth += 1;
                out.push(c);
                // `[]` and `[^]` at the start of a class are literal brackets.
                let neg = cs.get(i) == Some(&'^');
                negations.push(neg || negations.last().copied().unwrap_or(false));
                if neg {
                    out.push('^');
                    i += 1;
                }
                if cs.get(i) == Some(&']') {
                    out.push(']');
                    i += 1;
                }
            }
            ']' if class_depth > 0 => {
                class_depth -= 1;
                negations.pop();
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// A plain positive class at `cs[start]` (`[`) that holds `\w` or `\d`: the index of its `]` and
/// its items with those made ASCII. `None` for a negated class, one with a nested class or a set
/// operation (`&&`, `--`, `~~`), or other escapes that stand for large sets (`\W`, `\p{..}`).
fn word_class(cs: &[char], start: usize) -> Option<(usize, String)> {
    let mut j = start + 1;
    let mut inner = String::new();
    if cs.get(j) == Some(&'^') {
        return None;
    }
    if cs.get(j) == Some(&']') {
        inner.push(']');
        j += 1;
    }
    let mut words = false;
    loop {
        match *cs.get(j)? {
            '\\' => {
                match *cs.get(j + 1)? {
                    'w' => inner.push_str("0-9A-Za-z_"),
                    'd' => inner.push_str("0-9"),
                    'W' | 'D' | 'S' | 'p' | 'P' => return None,
                    n => {
                        inner.push('\\');
                        inner.push(n);
                        j += 2;
                        continue;
                    }
                }
                words = true;
                j += 2;
            }
            '[' => return None,
            ']' => return words.then_some((j, inner)),
            c @ ('&' | '-' | '~') if cs.get(j + 1) == Some(&c) => return None,
            c => {
                inner.push(c);
                j += 1;
            }
        }
    }
}

/// Which patterns of a set match somewhere in a text, searched forward only: the lazy DFA of
/// the forward NFA, and the PikeVM on the same NFA when the lazy DFA gives up. `regex`'s
/// `RegexSet` answers the same question but also builds a reverse NFA it never uses for it:
/// for the bundled library's 79 content patterns 412 KB beside the forward NFA's 324 KB, the
/// biggest part of the idle server's heap.
#[derive(Debug)]
pub struct PatternMatcher {
    nfa: NFA,
    dfa: DFA,
    pikevm: PikeVM,
    /// Search state, one per thread searching at once (taken, used, given back). The PikeVM's is
    /// made the first time that thread needs the fallback: sized by the NFA's states, it is
    /// ~0.2 MB for the bundled library's patterns, and most texts never need it.
    caches: Mutex<Vec<(lazy::Cache, Option<thompson::pikevm::Cache>)>>,
}

/// The patterns that matched.
#[derive(Debug, Clone)]
pub struct Matched(PatternSet);

impl Matched {
    /// Whether pattern `i` matched.
    pub fn matched(&self, i: usize) -> bool {
        PatternID::new(i).is_ok_and(|id| self.0.contains(id))
    }
    /// Nothing matched (for a set of `len` patterns).
    pub fn none(len: usize) -> Matched {
        Matched(PatternSet::new(len))
    }
}

impl PatternMatcher {
    /// Compile `patterns` with the `regex` crate's defaults (Unicode, UTF-8) and its size limit.
    pub fn new<S: AsRef<str>>(patterns: &[S]) -> Result<PatternMatcher, String> {
        let nfa = NFA::compiler()
            .configure(
                thompson::Config::new()
                    .which_captures(WhichCaptures::None)
                    .nfa_size_limit(Some(10 << 20)),
            )
            .build_many(patterns)
            .map_err(|e| e.to_string())?;
        let dfa = DFA::builder()
            .configure(
                DFA::config()
                    .match_kind(MatchKind::All)
                    .cache_capacity(DFA_CACHE)
                    // A Unicode `\b` left in a pattern: give up on non-ASCII text (the PikeVM
                    // answers) rather than fail to build.
                    .unicode_word_boundary(true),
            )
            .build_from_nfa(nfa.clone())
            .map_err(|e| e.to_string())?;
        let pikevm = PikeVM::builder()
            .configure(PikeVM::config().match_kind(MatchKind::All))
            .build_from_nfa(nfa.clone())
            .map_err(|e| e.to_string())?;
        Ok(PatternMatcher {
            nfa,
            dfa,
            pikevm,
            caches: Mutex::new(Vec::new()),
        })
    }

    /// How many patterns the set holds.
    pub fn len(&self) -> usize {
        self.nfa.pattern_len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The patterns that match somewhere in `text`.
    pub fn matches(&self, text: &str) -> Matched {
        let taken = self.caches.lock().unwrap_or_else(|e| e.into_inner()).pop();
        let (mut dc, mut vc) = taken.unwrap_or_else(|| (self.dfa.create_cache(), None));
        let input = Input::new(text);
        let mut set = PatternSet::new(self.len());
        if self
            .dfa
            .try_which_overlapping_matches(&mut dc, &input, &mut set)
            .is_err()
        {
            set.clear();
            let vc = vc.get_or_insert_with(|| self.pikevm.create_cache());
            self.pikevm.which_overlapping_matches(vc, &input, &mut set);
        }
        self.caches
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((dc, vc));
        Matched(set)
    }
}

/// [`prefilter_set`] as a [`PatternMatcher`]: the same patterns made ASCII at word boundaries,
/// searched forward only.
pub fn prefilter_matcher<S: AsRef<str>>(patterns: &[S]) -> Result<PatternMatcher, String> {
    let ascii: Vec<String> = patterns
        .iter()
        .map(|p| ascii_boundaries(p.as_ref()))
        .collect();
    PatternMatcher::new(&ascii)
}

/// The reference [`PatternMatcher`] is checked against (`select/tests.rs`): a `RegexSet` to use
/// as a **prefilter** for `patterns` (say, skills' `content` regexes): word
/// boundaries made ASCII and a large lazy-DFA cache, so one pass over a big or non-ASCII file stays
/// on the DFA (with Unicode `\b` the set runs on the NFA for any file containing one non-ASCII
/// byte: seconds instead of milliseconds). It may report a pattern the exact regex would not match
/// (and, only when a `\b` sits next to a non-ASCII letter, rarely miss one): confirm each hit with
/// the exact `Regex` before acting on it.
#[cfg(test)]
pub fn prefilter_set<S: AsRef<str>>(patterns: &[S]) -> Result<regex::RegexSet, regex::Error> {
    regex::RegexSetBuilder::new(patterns.iter().map(|p| ascii_boundaries(p.as_ref())))
        .dfa_size_limit(DFA_CACHE)
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `validate` says what `Regex::new` says, error text included: every pattern of the bundled
    /// tips, and patterns broken each way the parser or the size limit rejects.
    #[test]
    fn validate_agrees_with_regex_new() {
        let lib = crate::skills::library::Library::load(&crate::skills::library::SkillSources {
            builtin: true,
            ..Default::default()
        });
        let mut patterns: Vec<String> = lib
            .tips
            .tips()
            .iter()
            .filter_map(|t| t.pattern.clone())
            .collect();
        assert!(patterns.len() > 100, "{} bundled patterns", patterns.len());
        let nested = format!("{}a{}", "(".repeat(300), ")".repeat(300));
        for p in [
            r"plain",
            r"(?i)\bexcept\s*:",
            r"(unclosed",
            r"a{3,1}",
            r"\q",
            r"[z-a]",
            r"(?<name>x)(?<name>y)",
            r"\p{NoSuchClass}",
            r"\w{1000}",
            r"(\w{100}){100}",
            r"(?:\pL{50}){50}",
            &nested,
        ] {
            patterns.push(p.to_string());
        }
        let mut rejected = (0, 0);
        for p in &patterns {
            let want = regex::Regex::new(p).map(drop).map_err(|e| e.to_string());
            match &want {
                Err(e) if e.contains("size limit") => rejected.1 += 1,
                Err(_) => rejected.0 += 1,
                Ok(()) => {}
            }
            assert_eq!(validate(p), want, "{p:.80}");
        }
        assert!(
            rejected.0 >= 6 && rejected.1 >= 1,
            "rejected (syntax, size): {rejected:?}"
        );
    }
}

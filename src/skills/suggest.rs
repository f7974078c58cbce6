//! "Did you mean": the closest known word to a misspelt one (skill names, tip ids, keys).

/// Levenshtein distance over characters (the words compared are short).
pub fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = Vec::with_capacity(b.len() + 1);
        cur.push(i + 1);
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The candidate closest to `word`, if it is close enough to be a likely typo: at most a third
/// of the word's length in edits (and at least one), ties broken by the candidates' order.
pub fn did_you_mean<'a, I>(word: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (distance(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_words_are_suggested_and_far_ones_are_not() {
        assert_eq!(distance("descripton", "description"), 1);
        assert_eq!(distance("", "abc"), 3);
        let keys = ["name", "description", "globs", "alwaysApply"];
        assert_eq!(did_you_mean("descripton", keys), Some("description"));
        assert_eq!(did_you_mean("glob", keys), Some("globs"));
        assert_eq!(did_you_mean("alwaysaply", keys), Some("alwaysApply"));
        assert_eq!(did_you_mean("xyz", keys), None);
    }
}

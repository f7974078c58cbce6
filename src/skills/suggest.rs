//! "Did you mean": the closest known word to a misspelt one (skill names, tip ids, keys).

/// Edit distance over characters where swapping two neighbours counts as one edit (optimal
/// string alignment): `flase` is one edit from `false`, as a typist would see it.
pub fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    for i in 0..=a.len() {
        d[i * w] = i;
    }
    for (j, cell) in d.iter_mut().enumerate().take(w) {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[(i - 1) * w + j] + 1)
                .min(d[i * w + j - 1] + 1)
                .min(d[(i - 1) * w + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[(i - 2) * w + j - 2] + 1);
            }
            d[i * w + j] = v;
        }
    }
    d[a.len() * w + b.len()]
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
        assert_eq!(distance("flase", "false"), 1);
        assert_eq!(did_you_mean("flase", ["true", "false"]), Some("false"));
        let keys = ["name", "description", "globs", "alwaysApply"];
        assert_eq!(did_you_mean("descripton", keys), Some("description"));
        assert_eq!(did_you_mean("glob", keys), Some("globs"));
        assert_eq!(did_you_mean("alwaysaply", keys), Some("alwaysApply"));
        assert_eq!(did_you_mean("xyz", keys), None);
    }
}

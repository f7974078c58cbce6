//! Our own suppression comments checked, for `check` and the editor alike: a `skill-lsp: ignore`
//! that names no tip is reported with the nearest known id (a typo silences nothing, silently).

use std::collections::HashSet;
use std::ops::Range;

use crate::skills::tips::ignore_comments;

/// An id in a `skill-lsp: ignore` comment that names no tip.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unknown {
    /// 0-based line.
    pub line: u32,
    /// Byte offset of the `skill-lsp: ignore` marker in the line.
    pub marker: usize,
    /// Byte range of the id in the whole text.
    pub range: Range<usize>,
    pub id: String,
    /// The known id it most likely meant.
    pub guess: Option<String>,
}

impl Unknown {
    /// What `check` and the editor say.
    pub fn message(&self) -> String {
        let hint = self
            .guess
            .as_ref()
            .map(|k| format!("; did you mean `{k}`?"))
            .unwrap_or_default();
        format!(
            "`skill-lsp: ignore` names an unknown tip `{}`{hint}",
            self.id
        )
    }
}

/// The nearest of `ids` to `id` (full ids for a full id, short for short), when close enough.
pub fn guess<'a>(ids: &HashSet<&'a str>, id: &str) -> Option<&'a str> {
    ids.iter()
        .filter(|k| k.contains('/') == id.contains('/'))
        .map(|k| (strsim::jaro_winkler(k, id), *k))
        .filter(|(s, _)| *s > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, k)| k)
}

/// Every unknown id in the `skill-lsp: ignore` comments of `text`, in order.
pub fn unknown(text: &str, ids: &HashSet<&str>) -> Vec<Unknown> {
    let mut out = Vec::new();
    let mut start = 0;
    for (l, raw) in text.split_inclusive('\n').enumerate() {
        let line_start = start;
        start += raw.len();
        if !raw.contains("skill-lsp: ignore") {
            continue;
        }
        let line = raw.trim_end_matches(['\n', '\r']);
        for (marker, list) in ignore_comments(line) {
            for id in list {
                if ids.contains(id) {
                    continue;
                }
                // `id` borrows from `line`: its offset is the distance between the two.
                let at = id.as_ptr() as usize - line.as_ptr() as usize;
                out.push(Unknown {
                    line: l as u32,
                    marker,
                    range: line_start + at..line_start + at + id.len(),
                    id: id.to_string(),
                    guess: guess(ids, id).map(str::to_string),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_ids_with_their_place_and_a_guess() {
        let ids: HashSet<&str> = ["team/no-timeout", "no-timeout", "team/latest", "latest"].into();
        let text =
            "a\nx()  # skill-lsp: ignore team/no-timout, latest\ny()  # skill-lsp: ignore zzz\n";
        let u = unknown(text, &ids);
        assert_eq!(u.len(), 2, "{u:?}");
        assert_eq!(u[0].line, 1);
        assert_eq!(&text[u[0].range.clone()], "team/no-timout");
        assert_eq!(u[0].guess.as_deref(), Some("team/no-timeout"));
        assert_eq!(u[0].marker, 7);
        assert_eq!(&text[u[1].range.clone()], "zzz");
        assert_eq!(u[1].guess, None);
        assert_eq!(
            u[0].message(),
            "`skill-lsp: ignore` names an unknown tip `team/no-timout`; did you mean `team/no-timeout`?"
        );
    }
}

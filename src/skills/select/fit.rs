//! How well the words of each skill (name, aliases, description) fit a document's terms (its
//! imports, then its path words): one lookup per term in the selection index's word map, one
//! bit per term per skill, so the counts and the words a reason names need no sorting.

use std::collections::HashMap;
use std::sync::Arc;

use crate::skills::model::SkillId;

/// Terms past this many are not looked up (strong ones come first, so path words go first).
const MAX_TERMS: usize = 128;

pub(super) struct TermFit {
    /// Strong terms (imports) then weak ones (path words), shared: a reason clones a pointer.
    terms: Vec<Arc<str>>,
    /// Bits of `terms` that are strong.
    strong: u128,
    /// Per skill, the terms its words hit.
    masks: Vec<u128>,
    /// Skills with at least one hit, in the order first hit.
    touched: Vec<SkillId>,
}

impl TermFit {
    pub(super) fn new(
        words: &HashMap<String, Vec<SkillId>>,
        strong: Vec<String>,
        weak: Vec<String>,
        mut masks: Vec<u128>,
    ) -> TermFit {
        let n_strong = strong.len().min(MAX_TERMS);
        let terms: Vec<Arc<str>> = strong
            .into_iter()
            .chain(weak)
            .take(MAX_TERMS)
            .map(Into::into)
            .collect();
        let mut touched = Vec::new();
        for (i, t) in terms.iter().enumerate() {
            for &id in words.get(&**t).into_iter().flatten() {
                if masks[id] == 0 {
                    touched.push(id);
                }
                masks[id] |= 1 << i;
            }
        }
        let strong = if n_strong == MAX_TERMS {
            u128::MAX
        } else {
            (1u128 << n_strong) - 1
        };
        TermFit {
            terms,
            strong,
            masks,
            touched,
        }
    }

    /// (strong hits, weak hits) of a skill.
    pub(super) fn counts(&self, id: SkillId) -> (u32, u32) {
        let m = self.masks[id];
        (
            (m & self.strong).count_ones(),
            (m & !self.strong).count_ones(),
        )
    }

    pub(super) fn any(&self, id: SkillId) -> bool {
        self.masks[id] != 0
    }

    /// The document terms a skill's words hit, strong first, each in the document's order.
    pub(super) fn terms(&self, id: SkillId) -> Vec<Arc<str>> {
        let mut m = self.masks[id];
        let mut out = Vec::with_capacity(m.count_ones() as usize);
        while m != 0 {
            let i = m.trailing_zeros() as usize;
            out.push(self.terms[i].clone());
            m &= m - 1;
        }
        out
    }

    /// The per-skill bits, cleared (`masks` as it came in).
    pub(super) fn into_masks(mut self) -> Vec<u128> {
        for &id in &self.touched {
            self.masks[id] = 0;
        }
        self.masks
    }

    /// Skills whose words hit at least one term.
    pub(super) fn touched(&self) -> &[SkillId] {
        &self.touched
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_terms_follow_the_document_order_strong_first() {
        let mut words: HashMap<String, Vec<SkillId>> = HashMap::new();
        words.insert("fastapi".into(), vec![0, 2]);
        words.insert("api".into(), vec![2]);
        words.insert("httpx".into(), vec![2]);
        let fit = TermFit::new(
            &words,
            vec!["fastapi".into(), "httpx".into()],
            vec!["api".into(), "fastapi".into()],
            vec![0; 3],
        );
        assert_eq!(fit.counts(0), (1, 1));
        assert_eq!(fit.counts(1), (0, 0));
        assert_eq!(fit.counts(2), (2, 2));
        let t: Vec<String> = fit.terms(2).iter().map(|t| t.to_string()).collect();
        assert_eq!(t, ["fastapi", "httpx", "api", "fastapi"]);
        assert_eq!(fit.touched(), &[0, 2]);
        assert!(!fit.any(1));
    }

    #[test]
    fn terms_past_the_cap_are_ignored_not_wrapped() {
        let mut words: HashMap<String, Vec<SkillId>> = HashMap::new();
        let strong: Vec<String> = (0..200).map(|i| format!("t{i}")).collect();
        words.insert("t199".into(), vec![0]);
        words.insert("t3".into(), vec![0]);
        let fit = TermFit::new(&words, strong, vec!["w".into()], vec![0; 1]);
        assert_eq!(fit.counts(0), (1, 0));
        assert_eq!(fit.terms(0).len(), 1);
        assert_eq!(fit.into_masks(), vec![0]);
    }
}

//! The matches of one selection as they are built, indexed densely by skill, and their final
//! ranking.

use super::scratch::NO_MATCH;
use super::{Match, Reason, Reasons};
use crate::skills::model::SkillId;

/// Matches being built, indexed densely by skill (no hashing on the hot path).
pub(super) struct Acc {
    /// Skill -> its slot in `out` (`NO_MATCH`): borrowed from the scratch, handed back clean.
    pos: Vec<u32>,
    pub out: Vec<Match>,
}

impl Acc {
    /// `pos` is clean (every entry `NO_MATCH`).
    pub fn new(pos: Vec<u32>, expected: usize) -> Acc {
        Acc {
            pos,
            out: Vec::with_capacity(expected),
        }
    }

    /// Add a score and its reasons; a skill seen for the first time takes `reasons` as they are.
    pub fn merge(&mut self, id: SkillId, score: u32, reasons: Reasons) {
        if self.pos[id] == NO_MATCH {
            self.pos[id] = self.out.len() as u32;
            self.out.push(Match {
                skill: id,
                score,
                reasons,
            });
        } else {
            let m = &mut self.out[self.pos[id] as usize];
            m.score += score;
            m.reasons.extend(reasons);
        }
    }

    pub fn add(&mut self, id: SkillId, score: u32, reason: Reason) {
        self.merge(id, score, smallvec::smallvec![reason]);
    }

    /// The matches, best score first, then in name order (ranks are unique, so the order is
    /// total). One integer key per match, `(score, name rank)`, sorts fast; the rank leads back
    /// to the match (`by_rank`, then `pos`). Also gives back `pos`, clean.
    pub fn into_ranked(self, name_rank: &[u32], by_rank: &[SkillId]) -> (Vec<Match>, Vec<u32>) {
        let (mut v, mut pos) = (self.out, self.pos);
        let mut keys: Vec<u64> = v
            .iter()
            .map(|m| (u64::from(u32::MAX - m.score) << 32) | u64::from(name_rank[m.skill]))
            .collect();
        keys.sort_unstable();
        let mut ranked = Vec::with_capacity(v.len());
        for key in keys {
            let skill = by_rank[key as u32 as usize];
            let slot = &mut v[pos[skill] as usize];
            pos[skill] = NO_MATCH;
            ranked.push(std::mem::replace(
                slot,
                Match {
                    skill,
                    score: 0,
                    reasons: Reasons::new(),
                },
            ));
        }
        (ranked, pos)
    }
}

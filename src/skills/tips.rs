//! Tips: compiled triggers per language; finding tips in a text or at a position.
//! (Placeholder: owned by the tips engineer.)

use super::model::{Problem, Skill};

/// All tips of a library, compiled once per load.
#[derive(Debug, Default)]
pub struct TipIndex {}

impl TipIndex {
    /// Compile every declared and implicit tip of `skills`. Problems (bad regex, bad YAML in a
    /// trigger) are returned with the index of the skill they belong to.
    pub fn build(_skills: &[Skill]) -> (TipIndex, Vec<(usize, Problem)>) {
        (TipIndex::default(), Vec::new())
    }
}

//! Buffers of one entry per skill that a selection needs (best glob, match slot, term bits,
//! language flags), kept per thread and reused: a selection touches a few hundred of a
//! thousand skills, so it resets the entries it set instead of allocating and filling four
//! arrays every time (that was a tenth of its time).
//!
//! The invariant: a `Scratch` in the cell is clean (every entry at its empty value). Each user
//! resets what it set before `give`; a selection that panics half-way simply never gives its
//! buffers back.

use std::cell::Cell;

/// `best`: no candidate yet.
pub(super) const ABSENT: u32 = u32::MAX;
/// `pos`: no match yet.
pub(super) const NO_MATCH: u32 = u32::MAX;

#[derive(Default)]
pub(super) struct Scratch {
    pub best: Vec<u32>,
    pub pos: Vec<u32>,
    pub masks: Vec<u128>,
    pub lang: Vec<bool>,
    /// Lists kept for their capacity only: empty between selections.
    pub candidates: Vec<usize>,
    pub hits: Vec<usize>,
}

thread_local! {
    static CELL: Cell<Option<Box<Scratch>>> = const { Cell::new(None) };
}

/// Clean buffers for a library of `n` skills.
pub(super) fn take(n: usize) -> Box<Scratch> {
    match CELL.with(|c| c.take()) {
        Some(s) if s.best.len() == n => s,
        _ => Box::new(Scratch {
            best: vec![ABSENT; n],
            pos: vec![NO_MATCH; n],
            masks: vec![0; n],
            lang: vec![false; n],
            candidates: Vec::new(),
            hits: Vec::new(),
        }),
    }
}

/// Hand buffers back; the caller has reset every entry it set.
pub(super) fn give(s: Box<Scratch>) {
    debug_assert!(
        s.best.iter().all(|&b| b == ABSENT)
            && s.pos.iter().all(|&p| p == NO_MATCH)
            && s.masks.iter().all(|&m| m == 0)
            && s.lang.iter().all(|&l| !l)
            && s.candidates.is_empty()
            && s.hits.is_empty(),
        "selection scratch returned dirty"
    );
    CELL.with(|c| c.set(Some(s)));
}

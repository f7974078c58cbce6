//! The tips' policy: which tips show, at what severity, in which files, how many. The settings
//! layer fills it from `tips.*`; the domain reads it and knows nothing of settings.

use std::collections::BTreeMap;

use super::model::Severity;

/// What tips show and where: set by the `tips.*` settings (`settings::TipPolicy` is this
/// type), read by the tips engine and the file policy.
#[derive(Debug, Clone, PartialEq)]
pub struct TipPolicy {
    /// Tips at all (hover and diagnostics).
    pub enabled: bool,
    /// Publish tip diagnostics (hovers still work when false).
    pub diagnostics: bool,
    /// Severity for every tip, overriding the skill's own choice.
    pub severity: Option<Severity>,
    /// Per skill name or full tip id (`skill/tip`): a severity, or `None` for "off".
    pub overrides: BTreeMap<String, Option<Severity>>,
    /// Skills whose implicit tips (derived from bad examples) also produce diagnostics.
    pub implicit_diagnostics: Vec<String>,
    /// Edits closer together than this form a burst: the first edit (and an isolated one) is
    /// diagnosed at once, later ones of the burst wait a short pause (at most this). Opening a
    /// document never waits.
    pub debounce_ms: u64,
    /// Most tip diagnostics published for one document (0: no limit). A generated or legacy
    /// file can hold thousands of hits; past a few hundred they are noise for the reader and
    /// megabytes for the editor and for us. Hovers and code actions still see every finding.
    pub max_diagnostics: usize,
    /// Most diagnostics of one tip in one document (0: no limit), so one repeated pattern
    /// cannot crowd out the others (the idea of cSpell's `maxDuplicateProblems`).
    pub max_per_tip: usize,
    /// Globs (skill glob dialect, relative to the workspace root) of files tips leave alone.
    pub exclude: Vec<String>,
    /// Show tips in vendored, generated and minified files too (see `skills::policy`).
    pub include_vendored: bool,
    /// Show tips declared `tests: false` in test files, test functions and test data folders too.
    pub include_tests: bool,
}

impl Default for TipPolicy {
    fn default() -> Self {
        TipPolicy {
            enabled: true,
            diagnostics: true,
            severity: None,
            overrides: BTreeMap::new(),
            implicit_diagnostics: Vec::new(),
            debounce_ms: 300,
            max_diagnostics: 500,
            max_per_tip: 50,
            exclude: Vec::new(),
            include_vendored: false,
            include_tests: false,
        }
    }
}

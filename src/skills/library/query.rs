//! What callers ask of a loaded library: the skills that apply to a document (ranked, with the
//! settings' filter) and the tips of those skills in it. The indexes take only what they need
//! (the skills, the ids selected); these methods hand them the library's own.

use std::sync::atomic::AtomicBool;

use super::Library;
use crate::skills::document::{self, DocumentInfo};
use crate::skills::evidence::{self, Match, Reason};
use crate::skills::select::{self, SkillFilter};
use crate::skills::tips::{Document, FindExtra, FindOptions, Finding, Report};

impl Library {
    /// Applicable skills for `doc`, best first.
    pub fn select_skills(&self, doc: &DocumentInfo) -> Vec<Match> {
        select::select(&self.select, &self.skills, doc)
    }

    /// [`Library::select_skills`] without the skills `filter` turns off.
    pub fn select_skills_with(&self, doc: &DocumentInfo, filter: SkillFilter) -> Vec<Match> {
        let mut v = self.select_skills(doc);
        select::retain_enabled(&self.skills, &mut v, filter);
        v
    }

    /// Skills asked for by name (manual ones included), in the order given; unknown names are
    /// left out.
    pub fn requested(&self, names: &[String]) -> Vec<Match> {
        names
            .iter()
            .filter_map(|n| self.find(n))
            .map(|id| Match {
                skill: id,
                score: evidence::score(evidence::Tier::Requested, 0),
                reasons: smallvec::smallvec![Reason::Requested],
            })
            .collect()
    }

    /// Tips of the skills in `matches` (from [`Library::select_skills`]) found in `doc`.
    pub fn find_tips(
        &self,
        matches: &[Match],
        doc: &DocumentInfo,
        opts: &FindOptions,
    ) -> Vec<Finding> {
        self.find_tips_report(matches, doc, opts, &FindExtra::default(), None)
            .findings
    }

    /// [`Library::find_tips`] with other tools' suppressions, what the search left out, and a
    /// stop once `cancel` is set ([`crate::skills::tips::Limits::cancelled`]).
    pub fn find_tips_report(
        &self,
        matches: &[Match],
        doc: &DocumentInfo,
        opts: &FindOptions,
        extra: &FindExtra,
        cancel: Option<&AtomicBool>,
    ) -> Report {
        let selected: Vec<_> = matches.iter().map(|m| m.skill).collect();
        let rel = document::match_path(doc);
        self.tips.find_in_report_with(
            self.skills.len(),
            &selected,
            &Document {
                text: doc.text,
                language_id: doc.language_id,
                rel_path: rel.as_deref(),
            },
            opts,
            extra,
            cancel,
        )
    }
}

//! Which skills a load keeps when several stand for one: the same file found in two
//! conventional places loads once, files inside an Agent Skill folder are not skills of their
//! own, and of skills with one name the higher origin wins (a rule file with a derived name is
//! renamed instead; a bundled skill that is shadowed may lend its tips).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::Found;
use crate::skills::model::{Activation, Problem, Severity, Skill, SkillId, SourceFormat};

/// Later origins win: workspace > configured > user > builtin. The loser gets a problem and is
/// dropped. Rule files whose name was derived (not declared) are renamed instead, so a
/// `.cursor/rules/react.mdc` does not hide a `react` skill.
///
/// A skill that shadows a *bundled* one is expected (teams adapt the bundled skills): it is
/// reported once, as information, on the shadowing file, and when it declares no tips of its
/// own the bundled skill stays as `<name>@builtin` (manual, so never selected by itself) and
/// lends it its tips, which keep their ids (`<name>/<tip>`). Returns, per skill, the skill
/// whose selection raises its tips (itself, or the shadowing skill for such a lender).
pub(super) fn resolve_clashes(skills: &mut Vec<Skill>) -> Vec<SkillId> {
    let mut order: Vec<usize> = (0..skills.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(skills[i].origin));
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut drop = vec![false; skills.len()];
    // (lender, borrower) by index before the dropped skills are removed.
    let mut lenders: Vec<(usize, usize)> = Vec::new();
    for i in order {
        let key = skills[i].name.to_ascii_lowercase();
        if let Some(&winner) = seen.get(&key) {
            let rule_like = !matches!(
                skills[i].format,
                SourceFormat::Seed | SourceFormat::AgentSkill
            );
            if rule_like
                || skills[i].format != skills[winner].format
                    && !matches!(
                        skills[winner].format,
                        SourceFormat::Seed | SourceFormat::AgentSkill
                    )
            {
                let renamed = format!("{}@{}", skills[i].name, skills[i].format.as_str());
                if let std::collections::hash_map::Entry::Vacant(slot) =
                    seen.entry(renamed.to_ascii_lowercase())
                {
                    slot.insert(i);
                    skills[i].name = renamed;
                    continue;
                }
            }
            if skills[i].is_builtin() && !skills[winner].is_builtin() {
                let keeps_tips = !declares_tips(&skills[winner]);
                let message = if keeps_tips {
                    format!(
                        "skill `{}` replaces the bundled skill of the same name and keeps its tips (declare tips here to replace them)",
                        skills[winner].name
                    )
                } else {
                    format!(
                        "skill `{}` replaces the bundled skill of the same name, tips included",
                        skills[winner].name
                    )
                };
                let path = skills[winner].path.clone();
                skills[winner].problems.push(Problem::file(
                    &path,
                    Severity::Information,
                    "shadows-bundled",
                    message,
                ));
                let renamed = format!("{}@builtin", skills[i].name);
                if keeps_tips && !seen.contains_key(&renamed.to_ascii_lowercase()) {
                    seen.insert(renamed.to_ascii_lowercase(), i);
                    skills[i].name = renamed;
                    skills[i].activation = Activation::Manual;
                    skills[i].aliases.clear();
                    lenders.push((i, winner));
                } else {
                    drop[i] = true;
                }
                continue;
            }
            let winner_path = skills[winner].display_path();
            let p = Problem::file(
                &skills[i].path,
                Severity::Warning,
                "name-clash",
                format!(
                    "skill `{}` is shadowed by {} (same name, higher precedence)",
                    skills[i].name, winner_path
                ),
            );
            let note = Problem::file(
                &skills[winner].path,
                Severity::Hint,
                "name-clash",
                format!(
                    "skill `{}` shadows {}",
                    skills[winner].name,
                    skills[i].display_path()
                ),
            );
            skills[winner].problems.push(note);
            // Keep the loser's problem visible on the winner list so `doctor` shows it.
            skills[winner].problems.push(p);
            drop[i] = true;
        } else {
            seen.insert(key, i);
        }
    }
    // New indices once the dropped skills are gone.
    let mut new_index = vec![usize::MAX; skills.len()];
    let mut next = 0;
    for (i, d) in drop.iter().enumerate() {
        if !d {
            new_index[i] = next;
            next += 1;
        }
    }
    let mut idx = 0;
    skills.retain(|_| {
        let keep = !drop[idx];
        idx += 1;
        keep
    });
    let mut owners: Vec<SkillId> = (0..skills.len()).collect();
    for (lender, borrower) in lenders {
        owners[new_index[lender]] = new_index[borrower];
    }
    owners
}

/// Whether a skill declares tips (a `skill-lsp tip` comment in any section).
fn declares_tips(s: &Skill) -> bool {
    s.sections.iter().any(|sec| {
        sec.comments
            .iter()
            .any(|(line, raw)| crate::skills::tips::declares_triggers(*line, raw))
    })
}

/// The same guidance file present in two conventional places (`.agents/skills/x/SKILL.md` and
/// `.claude/skills/x/SKILL.md` is common) loads once: same format, same file (or skill folder)
/// name and identical text. The copy from the higher origin stays, the first one found on a tie.
/// `AGENTS.md`-style files are scoped to their folder and are never copies of each other.
pub(super) fn drop_identical_copies(found: &mut Vec<Found>) {
    // Grouped by format, name and length first, so only same-sized files are compared.
    type Key = (SourceFormat, Option<std::ffi::OsString>, usize);
    let key = |f: &Found| -> Key {
        let name = if f.format == SourceFormat::AgentSkill {
            f.path.parent().and_then(Path::file_name)
        } else {
            f.path.file_name()
        };
        (f.format, name.map(|n| n.to_os_string()), f.text.len())
    };
    let mut groups: HashMap<Key, Vec<usize>> = HashMap::new();
    for (i, f) in found.iter().enumerate() {
        if f.dir.is_none() {
            groups.entry(key(f)).or_default().push(i);
        }
    }
    let mut drop = vec![false; found.len()];
    for members in groups.values().filter(|m| m.len() > 1) {
        for (n, &i) in members.iter().enumerate() {
            if drop[i] {
                continue;
            }
            for &j in &members[n + 1..] {
                if drop[j] || found[i].text != found[j].text {
                    continue;
                }
                // Keep the higher origin; on a tie, the first found.
                let loser = if found[j].origin > found[i].origin {
                    i
                } else {
                    j
                };
                drop[loser] = true;
                tracing::debug!(path = %found[loser].path.display(), "identical copy of a skill found in another place; loaded once");
                if loser == i {
                    break;
                }
            }
        }
    }
    let mut i = 0;
    found.retain(|_| {
        let keep = !drop[i];
        i += 1;
        keep
    });
}

/// Files inside an Agent Skill folder other than its SKILL.md (references, examples) are not
/// skills of their own.
pub(super) fn drop_skill_folder_extras(found: &mut Vec<Found>) {
    // A set and each file's ancestors: hundreds of skill folders times every file found was a
    // tenth of the corpus' load time.
    let dirs: std::collections::HashSet<PathBuf> = found
        .iter()
        .filter(|f| f.format == SourceFormat::AgentSkill)
        .filter_map(|f| f.path.parent().map(Path::to_path_buf))
        .collect();
    if dirs.is_empty() {
        return;
    }
    found.retain(|f| {
        f.format == SourceFormat::AgentSkill || !f.path.ancestors().any(|a| dirs.contains(a))
    });
}

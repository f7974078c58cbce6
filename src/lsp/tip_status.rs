//! Whether tips check a file, and if not why: the `tips` part of `skill-lsp.skillsForFile` asked
//! with `{"uri": ..., "details": true}`, so an editor can say it in a status line instead of
//! leaving a vendored or generated file silently clean.

use serde_json::{Value, json};

use super::session::Snapshot;
use super::target::Target;
use crate::skills::select;

/// `{enabled, checked, skipped: {kind, reason, setting} | null, testFile, note}` for `target`,
/// with the settings of the root that contains it.
pub fn status(snap: &Snapshot, target: &Target) -> Value {
    let settings = snap.roots.for_root(target.root.as_deref());
    let info = target.info();
    let enabled = settings.tips.enabled;
    let skipped = crate::skills::policy::judge(&info, &settings.tips).err();
    let test_file =
        select::match_path(&info).is_some_and(|rel| crate::skills::tips::lexer::is_test_path(&rel));
    let note = match (&skipped, enabled) {
        (_, false) => "tips are turned off (tips.enabled: false)".to_string(),
        (Some(why), true) => format!(
            "tips are off in this file: {why}; `{}` brings them back",
            why.setting()
        ),
        (None, true) if test_file => {
            "a test file: tips with `tests: false` (security and robustness) are off here".into()
        }
        (None, true) => "tips check this file".into(),
    };
    json!({
        "enabled": enabled,
        "checked": enabled && skipped.is_none(),
        "skipped": skipped.as_ref().map(|w| json!({
            "kind": w.kind(),
            "reason": w.to_string(),
            "setting": w.setting(),
        })),
        "testFile": test_file,
        "note": note,
    })
}

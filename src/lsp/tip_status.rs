//! Whether tips check a file, and if not why: the `tips` part of `skill-lsp.skillsForFile` asked
//! with `{"uri": ..., "details": true}`, so an editor can say it in a status line instead of
//! leaving a vendored or generated file silently clean.

use serde_json::{Value, json};

use super::proto::Uri;
use super::server::Backend;
use crate::skills::select::{self, DocumentInfo};

/// `{enabled, checked, skipped: {kind, reason, setting} | null, testFile, note}` for `uri` (an
/// open document, else the file on disk). `Value::Null` for a URI that is neither.
pub fn status(b: &Backend, uri: &Uri) -> Value {
    let snap = b.snapshot();
    let (path, lang, text, root) = match b.document(uri) {
        Some(d) => (
            d.path.clone(),
            d.language_id.clone(),
            d.text(),
            d.root.clone(),
        ),
        None => {
            let Some(path) = super::convert::uri_to_path(uri) else {
                return Value::Null;
            };
            // As `skillsForFile` reads it: a regular file under the cap (a FIFO or a device
            // named by the client must not block or fill memory), else the path alone.
            let text = crate::skills::guard::read_bytes_capped(
                &path,
                None,
                crate::skills::guard::MAX_DOCUMENT,
            )
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default();
            let lang = select::language_of(&path, &text, None);
            let root = select::root_for(&snap.workspaces, &path).cloned();
            (Some(path), lang, text, root)
        }
    };
    let settings = snap.roots.for_root(root.as_deref());
    let info = DocumentInfo {
        path: path.as_deref(),
        root: root.as_deref(),
        language_id: &lang,
        text: &text,
    };
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

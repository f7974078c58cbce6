//! The end of a rewrite: turn the agent's reply into one versioned `workspace/applyEdit`, or say
//! why not. The reply's code is placed by [`crate::agent::reply::rewrite`] (which widens the range
//! when the reply repeats the construct around the target); the edit is refused when the
//! document changed under it, and offered as a preview (a change annotation with
//! `needsConfirmation`) when the client supports it and `agent.previewEdits` allows. A reply that
//! cannot be used is opened as a document, so the agent's words are never lost.

use std::collections::HashMap;
use std::time::Duration;

use serde_json::{Value, json};
use tracing::{debug, info};

use super::RunCtx;
use super::answer::{file_stem, show_markdown};
use super::{AskArgs, Prepared, fail};
use crate::agent::reply;
use crate::lsp::proto::{
    AnnotatedTextEdit, ChangeAnnotation, DocumentChanges, MessageType, OneOf,
    OptionalVersionedTextDocumentIdentifier, TextDocumentEdit, TextEdit, WorkspaceEdit,
};

/// Longest wait for `workspace/applyEdit` without a preview.
const APPLY_EDIT_TIMEOUT: Duration = Duration::from_secs(30);
/// Longest wait for `workspace/applyEdit` when the user is asked to confirm it in a preview.
const PREVIEW_TIMEOUT: Duration = Duration::from_secs(600);
/// The change annotation id of a previewed rewrite.
const ANNOTATION: &str = "skill-lsp.rewrite";

/// Applies a rewrite as a versioned edit, or explains why not.
pub(super) async fn apply_rewrite(
    b: &RunCtx,
    args: &AskArgs,
    p: &Prepared,
    reply_text: &str,
) -> Value {
    let target = p.prompt.target.clone();
    let rw = match reply::rewrite(
        reply_text,
        &p.doc.language_id,
        &p.text,
        target,
        &p.prompt.restore,
    ) {
        Ok(rw) => rw,
        Err(e) => return refuse_with_reply(b, p, &e.to_string(), reply_text).await,
    };
    if let Some(why) = &rw.widened {
        info!("{why}");
    }
    if p.text.get(rw.range.clone()) == Some(rw.text.as_str()) {
        b.client
            .show_message(MessageType::INFO, "skill-lsp: the agent suggests no change")
            .await;
        return json!({ "ok": true, "applied": false, "unchanged": true });
    }
    // The document may have changed while the agent worked.
    let Some(cur) = b.document(&args.uri) else {
        return fail(
            b,
            "rewrite",
            "the document was closed while the agent worked; nothing was applied".into(),
        )
        .await;
    };
    let (version, range) = if cur.version == p.doc.version {
        (cur.version, cur.range_of(rw.range.clone()))
    } else {
        let cur_text = cur.text();
        if cur_text.get(rw.range.clone()) == p.text.get(rw.range.clone()) {
            (cur.version, cur.range_of(rw.range.clone()))
        } else {
            return fail(
                b,
                "rewrite",
                "the selected code changed while the agent was working, so the rewrite was not applied; run it again".into(),
            )
            .await;
        }
    };
    let flags = b.snapshot().flags;
    if !flags.apply_edit {
        return fail(
            b,
            "rewrite",
            "the editor does not support workspace/applyEdit".into(),
        )
        .await;
    }
    let preview =
        flags.document_changes && flags.change_annotations && p.settings.agent.preview_edits;
    let edit = TextEdit {
        range,
        new_text: rw.text.clone(),
    };
    let ws_edit = if flags.document_changes {
        let (edit, annotations) = if preview {
            let label = format!(
                "skill-lsp rewrite ({})",
                if p.prompt.skills.is_empty() {
                    "no skills".to_string()
                } else {
                    p.prompt.skills.join(", ")
                }
            );
            let annotation = ChangeAnnotation {
                label,
                needs_confirmation: Some(true),
                description: rw.widened.clone(),
            };
            (
                OneOf::Right(AnnotatedTextEdit {
                    text_edit: edit,
                    annotation_id: ANNOTATION.to_string(),
                }),
                Some(HashMap::from([(ANNOTATION.to_string(), annotation)])),
            )
        } else {
            (OneOf::Left(edit), None)
        };
        WorkspaceEdit {
            document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier {
                    uri: args.uri.clone(),
                    version: Some(version),
                },
                edits: vec![edit],
            }])),
            change_annotations: annotations,
            ..Default::default()
        }
    } else {
        WorkspaceEdit {
            changes: Some(HashMap::from([(args.uri.clone(), vec![edit])])),
            ..Default::default()
        }
    };
    let wait = b.session.agent.client_timeout.unwrap_or(if preview {
        PREVIEW_TIMEOUT
    } else {
        APPLY_EDIT_TIMEOUT
    });
    match tokio::time::timeout(wait, b.client.apply_edit(ws_edit)).await {
        Ok(Ok(r)) if r.applied => {
            json!({ "ok": true, "applied": true, "version": version, "skills": p.prompt.skills, "preview": preview, "widened": rw.widened })
        }
        Ok(Ok(r)) => {
            fail(
                b,
                "rewrite",
                format!(
                    "the editor did not apply the edit{}",
                    r.failure_reason
                        .map(|s| format!(": {s}"))
                        .unwrap_or_default()
                ),
            )
            .await
        }
        Ok(Err(e)) => fail(b, "rewrite", format!("workspace/applyEdit failed: {e}")).await,
        Err(_) => {
            fail(
                b,
                "rewrite",
                format!(
                    "the editor did not answer workspace/applyEdit within {:.1}s; the edit may not have been applied",
                    wait.as_secs_f64()
                ),
            )
            .await
        }
    }
}

/// A reply that cannot be applied: say why, and open the reply as a document so nothing the
/// agent said is lost (it is also written to the log when the editor cannot show documents).
async fn refuse_with_reply(b: &RunCtx, p: &Prepared, why: &str, reply_text: &str) -> Value {
    debug!(reply = %reply_text, "unusable reply");
    let md = format!(
        "<!-- skill-lsp rewrite reply (not applied) -->\n# The agent's reply was not applied\n\n{why}.\n\n---\n\n{}\n",
        reply_text.trim()
    );
    let stem = format!("{}-rewrite-reply", file_stem(&p.doc));
    let shown = show_markdown(b, "answers", &stem, &md).await;
    let mut v = fail(
        b,
        "rewrite",
        format!("{why}; nothing was applied (the reply is opened as a document)"),
    )
    .await;
    v["refused"] = true.into();
    v["replyPath"] = match shown {
        Ok(path) => path.display().to_string().into(),
        Err(_) => Value::Null,
    };
    v
}

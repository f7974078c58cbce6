//! Answer and prompt documents: markdown written to the cache folder and opened in the editor
//! (`window/showDocument`), else shown in a message and the log.

use std::path::PathBuf;

use serde_json::{Value, json};
use tracing::{debug, warn};

use super::RunCtx;
use super::{AskArgs, CLIENT_REPLY_TIMEOUT, Prepared, fail, line_of, prepare};
use crate::lsp::proto::{MessageType, ShowDocumentParams};
use crate::lsp::session::DocSnapshot;

pub(super) fn stamp() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or(0)
}

/// Writes markdown to the cache and opens it (showDocument), else shows it in a message / log.
pub(super) async fn show_markdown(
    b: &RunCtx,
    kind: &str,
    stem: &str,
    markdown: &str,
) -> std::io::Result<PathBuf> {
    // `<cache>/<kind>`: `$XDG_CACHE_HOME/skill-lsp/answers` unless the server was given a folder.
    let dir = b.session.cache.join(kind);
    let path = dir.join(format!("{stem}-{}.md", stamp()));
    let written = std::fs::create_dir_all(&dir).and_then(|_| std::fs::write(&path, markdown));
    let flags = b.snapshot().flags;
    if written.is_ok()
        && flags.show_document
        && let Some(uri) = crate::lsp::convert::path_to_uri(&path)
    {
        let show = b.client.show_document(ShowDocumentParams {
            uri,
            external: Some(false),
            take_focus: Some(true),
            selection: None,
        });
        match tokio::time::timeout(
            b.session
                .agent
                .client_timeout
                .unwrap_or(CLIENT_REPLY_TIMEOUT),
            show,
        )
        .await
        {
            Ok(Ok(true)) => return Ok(path),
            Ok(Ok(false)) => debug!("the editor declined to show {}", path.display()),
            Ok(Err(e)) => debug!("window/showDocument failed: {e}"),
            Err(_) => warn!("the editor did not answer window/showDocument in time"),
        }
    }
    // Fallback: the whole text in the log, a short version (or the path) in a message.
    b.client
        .log_message(MessageType::INFO, markdown.to_string())
        .await;
    let short = if markdown.chars().count() <= 600 {
        markdown.to_string()
    } else {
        match &written {
            Ok(()) => format!(
                "answer written to {} (full text in the log)",
                path.display()
            ),
            Err(_) => "the answer is in the skill-lsp log".to_string(),
        }
    };
    b.client
        .show_message(MessageType::INFO, format!("skill-lsp: {short}"))
        .await;
    written.map(|_| path)
}

pub(super) fn file_stem(doc: &DocSnapshot) -> String {
    doc.path
        .as_ref()
        .and_then(|p| p.file_name())
        .map(|n| {
            n.to_string_lossy()
                .replace(|c: char| !c.is_alphanumeric() && c != '.' && c != '-', "_")
        })
        .unwrap_or_else(|| "untitled".into())
}

pub(super) async fn show_answer(
    b: &RunCtx,
    p: &Prepared,
    agent: &str,
    reply: &str,
    truncated: bool,
) -> Value {
    let mode = p.prompt.mode.as_str();
    let first = line_of(&p.text, p.prompt.target.start) + 1;
    let last = line_of(
        &p.text,
        p.prompt
            .target
            .end
            .saturating_sub(1)
            .max(p.prompt.target.start),
    ) + 1;
    let file = p
        .doc
        .path
        .as_ref()
        .map(|x| x.display().to_string())
        .unwrap_or_else(|| p.doc.uri.as_str().to_string());
    let cut = if truncated {
        format!(
            "\n\n---\n\n> **Cut short:** the reply stopped at the output limit ({} tokens, setting `agent.maxOutputTokens`); the text above is incomplete.\n",
            p.settings.agent.max_output_tokens
        )
    } else {
        String::new()
    };
    let md = format!(
        "<!-- skill-lsp {mode} · {agent} -->\n# {} of `{file}` (lines {first}-{last})\n\nSkills: {}\n\n---\n\n{}\n{cut}",
        if mode == "review" {
            "Review"
        } else {
            "Explanation"
        },
        if p.prompt.skills.is_empty() {
            "none".to_string()
        } else {
            p.prompt.skills.join(", ")
        },
        reply.trim()
    );
    match show_markdown(b, "answers", &format!("{}-{mode}", file_stem(&p.doc)), &md).await {
        Ok(path) => {
            json!({ "ok": true, "path": path.display().to_string(), "skills": p.prompt.skills, "truncated": truncated })
        }
        Err(e) => {
            json!({ "ok": true, "path": Value::Null, "warning": e.to_string(), "text": md, "truncated": truncated })
        }
    }
}

/// `skill-lsp.openPrompt`: the assembled prompt as a markdown document.
pub(super) async fn open_prompt(b: &RunCtx, args: &AskArgs) -> Value {
    let p = match prepare(b, args) {
        Ok(p) => p,
        Err(e) => return fail(b, "prompt", e.to_string()).await,
    };
    let md = p.prompt.to_markdown();
    match show_markdown(
        b,
        "prompts",
        &format!("{}-{}", file_stem(&p.doc), p.prompt.mode.as_str()),
        &md,
    )
    .await
    {
        Ok(path) => {
            json!({ "ok": true, "path": path.display().to_string(), "tokens": p.prompt.tokens })
        }
        Err(e) => fail(b, "prompt", e.to_string()).await,
    }
}

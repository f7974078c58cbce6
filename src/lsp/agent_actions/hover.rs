//! The optional agent part of tip hovers (`hover.agent`): a short explanation, waited for at most
//! `hover.agentTimeoutMs` and cached per (code span, skills).

use std::time::{Duration, Instant};

use tokio::sync::watch;
use tracing::debug;

use super::RunCtx;
use crate::agent::CancellationToken;
use crate::agent::prompt::Mode;
use crate::lsp::proto::{Hover, HoverContents, MarkupContent, MarkupKind, Position};
use crate::lsp::session::{DocSnapshot, Snapshot};
use crate::skills::tips::FindOptions;

use super::state::HoverEntry;
use super::{build_prompt, line_of};

/// How long a failed hover explanation is not retried.
pub(super) const HOVER_RETRY_AFTER: Duration = Duration::from_secs(60);

/// Adds the agent's short explanation to a tip hover when `hover.agent` is on. Waits at most
/// `hover.agentTimeoutMs`; on timeout the tip alone is returned and the explanation keeps
/// computing in the background, cached per (code span, skills) for the next hover.
/// `snap` is the hover's snapshot, taken for `doc`.
pub async fn augment_hover(
    b: &RunCtx,
    snap: &Snapshot,
    doc: &DocSnapshot,
    position: Position,
    tip: Option<Hover>,
) -> Option<Hover> {
    let tip = tip?;
    if !snap.settings.hover.agent {
        return Some(tip);
    }
    let text = doc.text();
    let span = match tip.range {
        Some(r) if r.start != r.end => doc.byte_range(r),
        _ => {
            let off = doc.offset_at(position);
            let s = text[..off].rfind('\n').map(|i| i + 1).unwrap_or(0);
            let e = text[off..]
                .find('\n')
                .map(|i| off + i)
                .unwrap_or(text.len());
            s..e
        }
    };
    if text[span.clone()].trim().is_empty() {
        return Some(tip);
    }
    // Skills whose tips fire on this line.
    let info = doc.info(&text);
    let line = line_of(&text, span.start);
    let selected = snap
        .library
        .select_skills_with(&info, snap.settings.skills.filter());
    let findings = snap.library.find_tips(
        &selected,
        &info,
        &FindOptions {
            settings: Some(&snap.settings.tips),
            lines: Some(line..line + 1),
            implicit: true,
        },
    );
    let mut skills: Vec<String> = findings.iter().map(|f| f.skill_name.to_string()).collect();
    skills.sort();
    skills.dedup();
    let key = (text[span.clone()].to_string(), skills.clone());
    let wait = Duration::from_millis(snap.settings.hover.agent_timeout_ms);

    let entry = b
        .session
        .agent
        .hover
        .lock()
        .expect("lock")
        .get(&key)
        .cloned();
    let mut rx = match entry {
        Some(HoverEntry::Ready(s)) => return Some(with_agent(tip, &s)),
        Some(HoverEntry::Failed(at)) if at.elapsed() < HOVER_RETRY_AFTER => return Some(tip),
        // A pending entry whose task died (sender gone, no value) is computed again.
        Some(HoverEntry::Pending(rx)) if rx.has_changed().is_ok() || rx.borrow().is_some() => rx,
        _ => {
            // Resolving `auto` may probe a local Ollama: never longer than the hover may wait.
            let agent =
                match tokio::time::timeout(wait, b.session.agent.agent(&snap.settings.agent)).await
                {
                    Ok(Ok(a)) => a,
                    _ => return Some(tip),
                };
            let budget = snap.settings.agent.context_tokens.min(2000);
            let instruction = "In two or three sentences, say why the tip applies to this code and how to fix it.";
            let built = build_prompt(
                snap,
                &info,
                span.clone(),
                &skills,
                Some(instruction),
                Mode::Explain,
                budget,
            );
            let Ok(prompt) = built else {
                return Some(tip);
            };
            let (tx, rx) = watch::channel(None);
            b.session
                .agent
                .hover
                .lock()
                .expect("lock")
                .insert(key.clone(), HoverEntry::Pending(rx.clone()));
            let b2 = b.clone();
            let key2 = key.clone();
            let timeout = Duration::from_secs(snap.settings.agent.timeout_secs.min(60));
            tokio::spawn(async move {
                let (etx, _erx) = tokio::sync::mpsc::unbounded_channel();
                let req = prompt.request(300, 0.2);
                let r =
                    tokio::time::timeout(timeout, agent.run(req, etx, CancellationToken::new()))
                        .await;
                let entry = match r {
                    Ok(Ok(reply)) => {
                        let s = reply.text.trim().to_string();
                        let _ = tx.send(Some(s.clone()));
                        HoverEntry::Ready(s)
                    }
                    Ok(Err(e)) => {
                        debug!("hover explanation failed: {e}");
                        HoverEntry::Failed(Instant::now())
                    }
                    Err(_) => HoverEntry::Failed(Instant::now()),
                };
                let mut cache = b2.session.agent.hover.lock().expect("lock");
                if cache.len() > 500 {
                    cache.clear();
                }
                cache.insert(key2, entry);
            });
            rx
        }
    };
    let got = tokio::time::timeout(wait, async {
        loop {
            if let Some(s) = rx.borrow().clone() {
                return Some(s);
            }
            if rx.changed().await.is_err() {
                return None;
            }
        }
    })
    .await;
    match got {
        Ok(Some(s)) => Some(with_agent(tip, &s)),
        _ => Some(tip),
    }
}

pub(super) fn with_agent(mut tip: Hover, explanation: &str) -> Hover {
    let extra = format!("\n\n---\n\n**Agent:** {explanation}");
    tip.contents = match tip.contents {
        HoverContents::Markup(mut m) => {
            m.value.push_str(&extra);
            HoverContents::Markup(m)
        }
        other => {
            let base = match other {
                HoverContents::Scalar(s) => marked(&s),
                HoverContents::Array(v) => v.iter().map(marked).collect::<Vec<_>>().join("\n\n"),
                HoverContents::Markup(m) => m.value,
            };
            HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: format!("{base}{extra}"),
            })
        }
    };
    tip
}

pub(super) fn marked(s: &crate::lsp::proto::MarkedString) -> String {
    match s {
        crate::lsp::proto::MarkedString::String(s) => s.clone(),
        crate::lsp::proto::MarkedString::LanguageString(l) => {
            format!("```{}\n{}\n```", l.language, l.value)
        }
    }
}

//! Tip hovers: the skill section behind the tip under the cursor (message, why, the good
//! example, a link to the section), most specific tip first, at most three. In a file tips leave
//! alone, a note where a tip would be, saying why. `null` elsewhere.

use super::convert;
use super::diagnostics::{self, DiagnosticsState};
use super::proto::{Hover, Position};
use super::session::{DocSnapshot, Snapshot};
use crate::skills::model::{Marker, Section};
use crate::skills::tips::{self, Finding};

/// Most tips shown in one hover.
const MAX_TIPS: usize = 3;
/// Prose kept from the section (characters).
const MAX_WHY: usize = 600;
/// Lines kept from the good example.
const MAX_EXAMPLE_LINES: usize = 14;

/// `textDocument/hover`: the tip under the cursor in `doc`, or `None`. `snap` is the one
/// snapshot the whole hover works on (taken with the document, see `Session::snapshot_for`);
/// `diags` holds the findings the diagnostics already computed for this version.
pub async fn hover(
    diags: &DiagnosticsState,
    snap: &Snapshot,
    doc: &DocSnapshot,
    position: Position,
) -> Option<Hover> {
    if !snap.settings.tips.enabled {
        return None;
    }
    let offset = doc.offset_at(position);
    let line = doc.rope.byte_to_line(offset.min(doc.rope.len_bytes())) as u32;
    let line_start = doc.rope.line_to_byte(line as usize);
    if offset - line_start > tips::LINE_CAP {
        return Some(too_long(doc, line, offset, snap.flags.markdown));
    }
    let near = diagnostics::findings_near_async(diags, snap, doc, line..line + 1).await;
    let mut shown: Vec<&Finding> = Vec::new();
    for f in tips::tips_at(&near, offset) {
        if !shown.iter().any(|s| s.id == f.id) {
            shown.push(f);
        }
        if shown.len() == MAX_TIPS {
            break;
        }
    }
    let Some(first) = shown.first() else {
        return skipped(diags, snap, doc, line, offset).await;
    };
    let markdown = snap.flags.markdown;
    Some(convert::hover(
        markdown,
        render(snap, &shown, markdown),
        Some(doc.range_of(first.range.clone())),
    ))
}

/// In a file tips leave alone, where a tip would be: a note saying which tips are not shown and
/// why (never a diagnostic: vendored code is not the reader's to fix). `None` elsewhere.
async fn skipped(
    diags: &DiagnosticsState,
    snap: &Snapshot,
    doc: &DocSnapshot,
    line: u32,
    offset: usize,
) -> Option<Hover> {
    let (why, near) = diagnostics::skipped_near(diags, snap, doc, line..line + 1).await?;
    let here = tips::tips_at(&near, offset);
    let first = here.first()?;
    let mut ids: Vec<String> = Vec::new();
    for f in &here {
        let id = format!("`{}`", f.id);
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    let value = format!(
        "skill-lsp: tips are off in this file: {why}. Not shown here: {}. `{}` brings them back.",
        ids.join(", "),
        why.setting()
    );
    Some(convert::hover(
        snap.flags.markdown,
        value,
        Some(doc.range_of(first.range.clone())),
    ))
}

/// The note on a part of a line tips do not check (past [`tips::LINE_CAP`]).
fn too_long(doc: &DocSnapshot, line: u32, offset: usize, markdown: bool) -> Hover {
    let len = doc.rope.line(line as usize).len_bytes();
    convert::hover(
        markdown,
        format!(
            "skill-lsp: line {} is {len} bytes long; tips check only its first {} bytes",
            line + 1,
            tips::LINE_CAP
        ),
        Some(doc.range_of(offset..offset)),
    )
}

/// Remove HTML comments (tip triggers live there) from markdown prose.
fn strip_comments(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find("<!--") {
        out.push_str(&rest[..i]);
        match rest[i..].find("-->") {
            Some(j) => rest = &rest[i + j + 3..],
            None => {
                rest = "";
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The section's explanation, trimmed to what fits a hover: whole paragraphs up to `MAX_WHY`.
fn why(section: &Section, message: &str) -> String {
    let prose = strip_comments(&section.prose);
    let mut out = String::new();
    for para in prose.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        let flat = para.lines().map(str::trim).collect::<Vec<_>>().join(" ");
        // Lead-ins of the examples ("Bad:", "**Do this:**") say nothing without the code.
        if (flat.len() < 40 && flat.ends_with(':')) || flat.ends_with(":**") {
            continue;
        }
        if flat == message {
            continue;
        }
        if !out.is_empty() && out.len() + flat.len() > MAX_WHY {
            break;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        if flat.chars().count() > MAX_WHY {
            out.push_str(&flat.chars().take(MAX_WHY - 3).collect::<String>());
            out.push_str("...");
            break;
        }
        out.push_str(&flat);
    }
    out
}

/// The first good example of the section, without its `GOOD` marker line.
fn good_example(section: &Section) -> Option<(String, String)> {
    let block = section
        .code_blocks
        .iter()
        .find(|b| b.marker == Marker::Good)?;
    let mut lines: Vec<&str> = block.code.lines().collect();
    if lines.first().is_some_and(|l| {
        let w = l
            .trim_start_matches(|c: char| "#/-*<!; ".contains(c))
            .trim_start();
        [
            "GOOD", "Good", "Do", "Prefer", "Better", "Correct", "Instead", "Fixed", "✅",
        ]
        .iter()
        .any(|m| w.starts_with(m))
    }) {
        lines.remove(0);
    }
    while lines.first().is_some_and(|l| l.trim().is_empty()) {
        lines.remove(0);
    }
    let more = lines.len() > MAX_EXAMPLE_LINES;
    lines.truncate(MAX_EXAMPLE_LINES);
    let mut code = lines.join("\n");
    if more {
        code.push_str("\n...");
    }
    (!code.trim().is_empty()).then(|| (block.lang.clone().unwrap_or_default(), code))
}

/// Hover text for `findings` (most specific first): the first in full, the others compact.
pub fn render(snap: &Snapshot, findings: &[&Finding], markdown: bool) -> String {
    let mut parts = Vec::new();
    for (i, f) in findings.iter().enumerate() {
        // Only the first finding shows the section's prose and example: only it reads a file
        // skill's bodies back (see `hydrated`); the others need titles, which stay loaded.
        let skill = if i == 0 {
            snap.library.hydrated(f.skill)
        } else {
            std::borrow::Cow::Borrowed(snap.library.skill(f.skill))
        };
        let Some(section) = skill.sections.get(f.section) else {
            continue;
        };
        let title = section.heading_path.join(" › ");
        let mut s = String::new();
        if markdown {
            s.push_str(&format!(
                "**{}** › {}\n\n{}\n",
                skill.name, title, f.message
            ));
        } else {
            s.push_str(&format!("{} › {}\n{}\n", skill.name, title, f.message));
        }
        if i == 0 {
            let w = why(section, &f.message);
            if !w.is_empty() {
                s.push('\n');
                s.push_str(&w);
                s.push('\n');
            }
            if let Some((lang, code)) = good_example(section) {
                if markdown {
                    s.push_str(&format!("\nInstead:\n```{lang}\n{code}\n```\n"));
                } else {
                    s.push_str(&format!("\nInstead:\n{code}\n"));
                }
            }
        }
        if markdown && crate::skills::sanitize::untrusted(skill.origin) {
            s = crate::skills::sanitize::markdown(&s);
        }
        let line = section.line_start;
        let file = skill
            .path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        match convert::skill_uri(&skill, &snap.cache) {
            Some(uri) if markdown => s.push_str(&format!(
                "\n[{file}:{}]({}#L{})  `{}`",
                line + 1,
                uri.as_str(),
                line + 1,
                f.id
            )),
            _ => s.push_str(&format!(
                "\n{}:{}  ({})",
                skill.display_path(),
                line + 1,
                f.id
            )),
        }
        parts.push(s);
    }
    parts.join(if markdown { "\n\n---\n\n" } else { "\n\n" })
}

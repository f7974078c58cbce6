//! Editor help on guidance files (completion, key hovers, quick fixes, `skill-lsp.filesForSkill`):
//! the protocol side of [`crate::skills::authoring`] and [`crate::skills::applies`].

use serde_json::{Value, json};

use super::proto::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, CompletionItem,
    CompletionItemKind, CompletionParams, CompletionResponse, Documentation, Hover, HoverContents,
    MarkupContent, MarkupKind, NumberOrString, OptionalVersionedTextDocumentIdentifier, Position,
    TextDocumentEdit, TextEdit, WorkspaceEdit, jsonrpc,
};
use super::server::{Backend, DocSnapshot, Snapshot};
use crate::skills::authoring;
use crate::skills::library::workspace_format;
use crate::skills::model::SourceFormat;

/// `{name}`: every workspace file the skill applies to.
pub const FILES_FOR_SKILL: &str = "skill-lsp.filesForSkill";

/// The guidance format of `doc`: the loaded skill's, else its conventional location's.
fn format_of(snap: &Snapshot, doc: &DocSnapshot) -> Option<SourceFormat> {
    let path = doc.path.as_ref()?;
    if let Some(id) = snap.library.skill_at(path) {
        return Some(snap.library.skill(id).format);
    }
    let root = doc.root.as_ref()?;
    let rel = path
        .strip_prefix(root)
        .ok()?
        .to_string_lossy()
        .replace('\\', "/");
    workspace_format(&rel)
}

/// Line and byte column of an LSP position.
fn line_col(doc: &DocSnapshot, pos: Position) -> (usize, usize) {
    let offset = doc.offset_at(pos);
    let line = doc.rope.byte_to_line(offset.min(doc.rope.len_bytes()));
    (line, offset - doc.rope.line_to_byte(line))
}

/// `textDocument/completion` on a guidance file.
pub fn completion(b: &Backend, params: &CompletionParams) -> Option<CompletionResponse> {
    let tdp = &params.text_document_position;
    let doc = b.document(&tdp.text_document.uri)?;
    let snap = b.snapshot();
    let format = format_of(&snap, &doc)?;
    let (line, col) = line_col(&doc, tdp.position);
    let items = authoring::complete(format, &doc.text(), line, col);
    if items.is_empty() {
        return None;
    }
    let markdown = snap.flags.markdown;
    Some(CompletionResponse::Array(
        items
            .into_iter()
            .map(|i| CompletionItem {
                label: i.label,
                kind: Some(if i.is_key {
                    CompletionItemKind::PROPERTY
                } else {
                    CompletionItemKind::VALUE
                }),
                detail: Some(i.detail),
                documentation: i.documentation.map(|d| {
                    Documentation::MarkupContent(MarkupContent {
                        kind: if markdown {
                            MarkupKind::Markdown
                        } else {
                            MarkupKind::PlainText
                        },
                        value: d,
                    })
                }),
                insert_text: Some(i.insert),
                ..Default::default()
            })
            .collect(),
    ))
}

/// Hover on a frontmatter or tip key of a guidance file.
pub fn hover(snap: &Snapshot, doc: &DocSnapshot, pos: Position) -> Option<Hover> {
    let format = format_of(snap, doc)?;
    let (line, col) = line_col(doc, pos);
    let value = authoring::hover(format, &doc.text(), line, col)?;
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: if snap.flags.markdown {
                MarkupKind::Markdown
            } else {
                MarkupKind::PlainText
            },
            value,
        }),
        range: None,
    })
}

/// Quick fixes for the problems of a guidance file whose fix is certain.
pub fn code_actions(b: &Backend, params: &CodeActionParams) -> Vec<CodeActionOrCommand> {
    let Some(doc) = b.document(&params.text_document.uri) else {
        return Vec::new();
    };
    let snap = b.snapshot();
    let Some(format) = format_of(&snap, &doc) else {
        return Vec::new();
    };
    let text = doc.text();
    let folder = doc
        .path
        .as_ref()
        .and_then(|p| p.parent())
        .and_then(|p| p.file_name())
        .map(|f| f.to_string_lossy().into_owned())
        .filter(|_| format == SourceFormat::AgentSkill);
    let mut out = Vec::new();
    for d in &params.context.diagnostics {
        let Some(NumberOrString::String(code)) = &d.code else {
            continue;
        };
        let Some(code) = code.strip_prefix("skill-lsp/") else {
            continue;
        };
        if !authoring::fixable(code) {
            continue;
        }
        let line = d.range.start.line as usize;
        let Some(fix) = authoring::quick_fix(format, &text, code, line, folder.as_deref()) else {
            continue;
        };
        let line_start = doc.rope.line_to_byte(line.min(doc.rope.len_lines()));
        let range = super::documents::range_of(
            &doc.rope,
            line_start + fix.start..line_start + fix.end,
            doc.encoding,
        );
        let edit = TextDocumentEdit {
            text_document: OptionalVersionedTextDocumentIdentifier {
                uri: doc.uri.clone(),
                version: Some(doc.version),
            },
            edits: vec![super::proto::OneOf::Left(TextEdit {
                range,
                new_text: fix.new_text,
            })],
        };
        out.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: fix.title,
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![d.clone()]),
            is_preferred: Some(true),
            edit: Some(WorkspaceEdit {
                document_changes: Some(super::proto::DocumentChanges::Edits(vec![edit])),
                ..Default::default()
            }),
            ..Default::default()
        }));
    }
    out
}

/// `skill-lsp.filesForSkill` `{name}`: the workspace files the skill applies to, with reasons.
pub fn files_for_skill(snap: &Snapshot, args: &[Value]) -> jsonrpc::Result<Value> {
    let name = args
        .first()
        .and_then(|a| a.get("name").and_then(Value::as_str).or_else(|| a.as_str()))
        .ok_or_else(|| {
            jsonrpc::Error::invalid_params("skill-lsp.filesForSkill expects {\"name\": <skill>}")
        })?;
    let id = snap.library.find(name).ok_or_else(|| {
        let hint = crate::skills::suggest::did_you_mean(
            name,
            snap.library.skills.iter().map(|s| s.name.as_str()),
        )
        .map(|n| format!(" (did you mean `{n}`?)"))
        .unwrap_or_default();
        jsonrpc::Error::invalid_params(format!("no skill named `{name}` is loaded{hint}"))
    })?;
    let mut files = Vec::new();
    for root in &snap.workspaces {
        for a in crate::skills::applies::files_for_skill(
            &snap.library,
            id,
            root,
            std::slice::from_ref(root),
            &snap.settings,
        ) {
            let uri = super::convert::path_to_uri(&a.path);
            files.push(json!({
                "uri": uri.map(|u| u.as_str().to_string()),
                "path": a.path.display().to_string(),
                "rank": a.rank,
                "reasons": a.reasons.iter().map(|r| r.to_string()).collect::<Vec<_>>(),
            }));
        }
    }
    Ok(json!({ "skill": snap.library.skill(id).name, "files": files }))
}

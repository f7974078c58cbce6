//! `skill-lsp.skillsForFile`: the ranked skills for a document (open, else the file on disk) and,
//! asked with `{"uri": ..., "details": true}`, whether tips check it (see `tip_status`).

use serde_json::{Value, json};

use super::convert;
use super::proto::{Uri, jsonrpc};
use super::session::{DocSnapshot, Snapshot};
use super::target::Target;

/// The command's name.
pub const COMMAND: &str = "skill-lsp.skillsForFile";

/// `skill-lsp.skillsForFile` with its arguments: `uri` or `{"uri", "details"}`. `doc` is the
/// open document for that URI, if any (the router looks it up, see [`uri_arg`]).
pub fn command(
    snap: &Snapshot,
    doc: Option<&DocSnapshot>,
    args: &[Value],
) -> jsonrpc::Result<Value> {
    let uri = uri_arg(args)?;
    let target = Target::read(snap, doc, &uri);
    let skills = target.as_ref().map_or(Value::Null, |t| skills(snap, t));
    // `{"uri": ..., "details": true}`: the skills and whether tips check the file.
    let details = args.first().and_then(|a| a.get("details"));
    if details.and_then(Value::as_bool) == Some(true) {
        let tips = target
            .as_ref()
            .map_or(Value::Null, |t| super::tip_status::status(snap, t));
        return Ok(json!({"skills": skills, "tips": tips}));
    }
    Ok(skills)
}

/// The document URI of the command's arguments: a string or `{"uri": ...}`.
pub fn uri_arg(args: &[Value]) -> jsonrpc::Result<Uri> {
    args.first()
        .and_then(|a| {
            a.as_str()
                .map(str::to_string)
                .or_else(|| a.get("uri").and_then(Value::as_str).map(str::to_string))
        })
        .and_then(|s| s.parse::<Uri>().ok())
        .ok_or_else(|| {
            jsonrpc::Error::invalid_params(
                "skill-lsp.skillsForFile expects a document URI as its first argument",
            )
        })
}

/// The ranked skills for `target`, with the settings of the root that contains it.
fn skills(snap: &Snapshot, target: &Target) -> Value {
    let settings = snap.roots.for_root(target.root.as_deref());
    let matches = snap
        .library
        .select_skills_with(&target.info(), settings.skills.filter());
    let list: Vec<Value> = matches
        .iter()
        .map(|m| {
            let s = snap.library.skill(m.skill);
            json!({
                "name": s.name,
                "description": s.description,
                "path": convert::skill_file(s, &snap.cache).map(|p| p.display().to_string()).unwrap_or_else(|| s.display_path()),
                "uri": convert::skill_uri(s, &snap.cache).map(|u| u.to_string()),
                "format": s.format.as_str(),
                "activation": s.activation.label(),
                "score": m.score,
                "reasons": m.reasons.iter().map(|r| r.to_string()).collect::<Vec<_>>(),
            })
        })
        .collect();
    Value::Array(list)
}

//! `skill-lsp match --skill NAME [PATH...]`: every file a skill applies to, with the reason.

use std::path::PathBuf;

use serde_json::json;

use super::CommonArgs;
use crate::skills::applies;

pub fn run(name: &str, paths: &[PathBuf], common: &CommonArgs) -> anyhow::Result<i32> {
    let r = common.resolved();
    let lib = crate::skills::library::Library::load(&common.sources(&r));
    let Some(id) = lib.find(name) else {
        let hint =
            crate::skills::suggest::did_you_mean(name, lib.skills.iter().map(|s| s.name.as_str()))
                .map(|n| format!(" (did you mean `{n}`?)"))
                .unwrap_or_default();
        anyhow::bail!("no skill named `{name}` is loaded{hint}");
    };
    let paths = if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths.to_vec()
    };
    for p in &paths {
        if !p.exists() {
            anyhow::bail!("{}: no such file or folder", p.display());
        }
    }
    let ws = common.workspace();
    let found = applies::files_for_skill(&lib, id, &ws, &paths, r.settings.skills.filter());
    let skill = lib.skill(id);
    if common.json {
        let files: Vec<_> = found
            .iter()
            .map(|a| {
                json!({
                    "file": a.path.display().to_string(),
                    "languageId": a.language_id,
                    "score": a.score,
                    "rank": a.rank,
                    "reasons": a.reasons.iter().map(|r| r.to_string()).collect::<Vec<_>>(),
                })
            })
            .collect();
        println!(
            "{}",
            serde_json::to_string_pretty(&json!({
                "skill": skill.name,
                "path": skill.display_path(),
                "files": files,
            }))?
        );
    } else {
        for a in &found {
            let reasons: Vec<String> = a.reasons.iter().map(|r| r.to_string()).collect();
            println!(
                "{}  (#{} for this file; {})",
                a.path.display(),
                a.rank,
                reasons.join("; ")
            );
        }
        let n = found.len();
        println!(
            "{} applies to {n} file{}",
            skill.name,
            if n == 1 { "" } else { "s" }
        );
    }
    Ok(0)
}

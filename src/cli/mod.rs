//! The command-line interface: `serve` (default), `skills`, `match`, `doctor`, plus `check` and
//! `ask`. Every subcommand calls the same domain functions as the server.
//!
//! This is the only part of the library allowed to print to stdout.
#![allow(clippy::print_stdout, clippy::print_stderr)]

pub mod ask;
pub mod check;
pub mod match_skill;
pub mod new;
pub mod tiptest;

use std::path::{Path, PathBuf};

use serde_json::json;

use crate::settings::{self, Inputs, Layer, Resolved};
use crate::skills::library::{Library, SkillSources};
use crate::skills::select::{self, DocumentInfo};

/// Options shared by every subcommand.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct CommonArgs {
    /// Extra skill folder or file (repeatable).
    #[arg(long = "skills", value_name = "DIR", global = true)]
    pub skills: Vec<PathBuf>,
    /// Do not load the skills embedded in the binary.
    #[arg(long, global = true)]
    pub no_builtin: bool,
    /// Machine-readable JSON output.
    #[arg(long, global = true)]
    pub json: bool,
}

impl CommonArgs {
    /// The workspace folder for CLI runs: the git root above the current folder, else the
    /// current folder.
    pub fn workspace(&self) -> PathBuf {
        let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        cwd.ancestors()
            .find(|a| a.join(".git").exists())
            .map(Path::to_path_buf)
            .unwrap_or(cwd)
    }

    /// Settings from the user file and the workspace file, plus the command-line flags.
    pub fn resolved(&self) -> Resolved {
        let ws = self.workspace();
        let inputs = Inputs::read(
            settings::user_config_file().as_deref(),
            std::slice::from_ref(&ws),
        );
        let mut r = settings::resolve(&inputs);
        if self.no_builtin {
            r.settings.skills.builtin = false;
            r.origins
                .insert("skills.builtin".into(), (Layer::Cli, "--no-builtin".into()));
        }
        for p in &self.skills {
            let abs = std::path::absolute(p).unwrap_or_else(|_| p.clone());
            r.settings.skills.paths.push(abs);
            r.origins
                .insert("skills.paths".into(), (Layer::Cli, "--skills".into()));
        }
        r
    }

    pub fn sources(&self, r: &Resolved) -> SkillSources {
        SkillSources::from_settings(&r.settings, &[self.workspace()])
    }

    /// The library as the server would load it for the current folder.
    pub fn library(&self) -> Library {
        let r = self.resolved();
        Library::load(&self.sources(&r))
    }
}

/// `skill-lsp skills`.
pub fn skills(common: &CommonArgs) -> anyhow::Result<i32> {
    let lib = common.library();
    if common.json {
        let list: Vec<_> = lib
            .skills
            .iter()
            .map(|s| {
                json!({
                    "name": s.name,
                    "aliases": s.aliases,
                    "description": s.description,
                    "category": s.category,
                    "format": s.format.as_str(),
                    "origin": s.origin,
                    "path": s.display_path(),
                    "activation": s.activation.label(),
                    "languages": s.languages,
                    "languagesInferred": s.languages_inferred,
                    "globs": s.globs,
                    "exclude": s.exclude,
                    "content": s.content,
                    "sections": s.sections.len(),
                    "problems": s.problems.iter().map(problem_json).collect::<Vec<_>>(),
                })
            })
            .collect();
        let problems: Vec<_> = lib.problems.iter().map(problem_json).collect();
        println!(
            "{}",
            serde_json::to_string_pretty(&json!({ "skills": list, "problems": problems }))?
        );
        return Ok(0);
    }
    for s in &lib.skills {
        let langs = if s.languages.is_empty() {
            "-".to_string()
        } else {
            format!(
                "{}{}",
                s.languages.join(","),
                if s.languages_inferred {
                    " (inferred)"
                } else {
                    ""
                }
            )
        };
        println!(
            "{:<36} {:<20} {:<13} {}",
            s.name,
            s.format.as_str(),
            s.activation.label(),
            langs
        );
        if !s.globs.is_empty() {
            println!("{:<36} globs: {}", "", s.globs.join(", "));
        }
        println!("{:<36} {}", "", s.display_path());
        for p in &s.problems {
            println!(
                "{:<36} {}:{}: {} {}: {}",
                "",
                p.path.display(),
                p.line + 1,
                p.severity.as_str(),
                p.code,
                p.message
            );
        }
    }
    for p in &lib.problems {
        println!(
            "{}:{}: {} {}: {}",
            p.path.display(),
            p.line + 1,
            p.severity.as_str(),
            p.code,
            p.message
        );
    }
    println!(
        "{} skills, {} problems",
        lib.skills.len(),
        lib.all_problems().len()
    );
    Ok(0)
}

fn problem_json(p: &crate::skills::model::Problem) -> serde_json::Value {
    json!({ "path": p.path.display().to_string(), "line": p.line + 1, "severity": p.severity.as_str(), "code": p.code, "message": p.message })
}

/// `skill-lsp match FILE...`.
pub fn match_files(files: &[PathBuf], common: &CommonArgs) -> anyhow::Result<i32> {
    let r = common.resolved();
    let lib = Library::load(&common.sources(&r));
    let ws = common.workspace();
    let mut out = Vec::new();
    let mut status = 0;
    for f in files {
        let text = match std::fs::read(f) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(e) => {
                eprintln!("skill-lsp: {}: {e}", f.display());
                status = 2;
                continue;
            }
        };
        let abs = std::path::absolute(f).unwrap_or_else(|_| f.clone());
        let lang = select::language_of(&abs, &text, None);
        let root = if abs.starts_with(&ws) {
            Some(ws.as_path())
        } else {
            abs.parent()
        };
        let info = DocumentInfo {
            path: Some(&abs),
            root,
            language_id: &lang,
            text: &text,
        };
        let matches = select::select_with_settings(&lib, &info, &r.settings);
        if common.json {
            out.push(json!({
                "file": f.display().to_string(),
                "languageId": lang,
                "skills": matches.iter().map(|m| {
                    let s = lib.skill(m.skill);
                    json!({ "name": s.name, "score": m.score, "format": s.format.as_str(), "path": s.display_path(), "reasons": m.reasons.iter().map(|r| r.to_string()).collect::<Vec<_>>() })
                }).collect::<Vec<_>>(),
            }));
        } else {
            println!("{} ({lang})", f.display());
            if matches.is_empty() {
                println!("  no skills apply");
            }
            for m in &matches {
                let s = lib.skill(m.skill);
                let reasons: Vec<String> = m.reasons.iter().map(|r| r.to_string()).collect();
                println!("  {:>4}  {:<34} {}", m.score, s.name, reasons.join("; "));
            }
        }
    }
    if common.json {
        println!("{}", serde_json::to_string_pretty(&out)?);
    }
    Ok(status)
}

/// `skill-lsp doctor`: settings with their origins, skill roots and counts, problems.
pub fn doctor(common: &CommonArgs) -> anyhow::Result<i32> {
    let r = common.resolved();
    let sources = common.sources(&r);
    let started = std::time::Instant::now();
    let lib = Library::load(&sources);
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    let s = &r.settings;
    let values = json!({
        "logLevel": s.log_level, "logFile": s.log_file,
        "skills.builtin": s.skills.builtin, "skills.paths": s.skills.paths, "skills.userFolders": s.skills.user_folders,
        "skills.enabled": s.skills.enabled, "skills.disabled": s.skills.disabled,
        "tips.enabled": s.tips.enabled, "tips.diagnostics": s.tips.diagnostics, "tips.severity": s.tips.severity,
        "tips.overrides": s.tips.overrides, "tips.implicitDiagnostics": s.tips.implicit_diagnostics, "tips.debounceMs": s.tips.debounce_ms,
        "hover.agent": s.hover.agent, "hover.agentTimeoutMs": s.hover.agent_timeout_ms,
        "agent.provider": format!("{:?}", s.agent.provider).to_lowercase(), "agent.model": s.agent.model, "agent.endpoint": s.agent.endpoint,
        "agent.apiKeyEnv": s.agent.api_key_env, "agent.command": s.agent.command, "agent.args": s.agent.args,
        "agent.timeoutSecs": s.agent.timeout_secs, "agent.maxOutputTokens": s.agent.max_output_tokens, "agent.temperature": s.agent.temperature,
        "agent.retries": s.agent.retries, "agent.contextTokens": s.agent.context_tokens,
    });
    let origin = |k: &str| {
        r.origins
            .get(k)
            .map(|(l, src)| format!("{l:?} ({src})").to_lowercase())
            .unwrap_or_else(|| "default".into())
    };
    let problems = lib.all_problems();
    if common.json {
        let settings: serde_json::Map<String, serde_json::Value> = values
            .as_object()
            .into_iter()
            .flatten()
            .map(|(k, v)| (k.clone(), json!({ "value": v, "from": origin(k) })))
            .collect();
        println!(
            "{}",
            serde_json::to_string_pretty(&json!({
                "version": env!("CARGO_PKG_VERSION"),
                "userConfig": settings::user_config_file(),
                "workspace": common.workspace(),
                "settings": settings,
                "warnings": r.warnings,
                "roots": lib.roots,
                "skills": lib.skills.len(),
                "loadMs": ms,
                "problems": problems.iter().map(|p| problem_json(p)).collect::<Vec<_>>(),
            }))?
        );
        return Ok(0);
    }
    println!("skill-lsp {}", env!("CARGO_PKG_VERSION"));
    println!(
        "user config: {}",
        settings::user_config_file()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| "-".into())
    );
    println!("workspace:   {}", common.workspace().display());
    println!("\nsettings:");
    if let Some(map) = values.as_object() {
        for (k, v) in map {
            println!("  {k:<24} = {:<40} [{}]", v.to_string(), origin(k));
        }
    }
    if !r.warnings.is_empty() {
        println!("\nsettings warnings:");
        for w in &r.warnings {
            println!("  {w}");
        }
    }
    println!("\nskill roots:");
    for root in &lib.roots {
        println!(
            "  {:<10} {:>4} skills  {}{}",
            format!("{:?}", root.origin).to_lowercase(),
            root.skills,
            root.path,
            if root.exists { "" } else { "  (missing)" }
        );
    }
    println!(
        "\n{} skills loaded in {ms:.1} ms, {} problems",
        lib.skills.len(),
        problems.len()
    );
    for p in problems {
        println!(
            "  {}:{}: {} {}: {}",
            p.path.display(),
            p.line + 1,
            p.severity.as_str(),
            p.code,
            p.message
        );
    }
    Ok(0)
}

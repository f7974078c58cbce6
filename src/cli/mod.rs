//! The command-line interface: `serve` (default), `skills`, `match`, `doctor`, plus `check` and
//! `ask`. Every subcommand calls the same domain functions as the server.
//!
//! This is the only part of the library allowed to print to stdout.
#![allow(clippy::print_stdout, clippy::print_stderr)]

pub mod ask;
pub mod check;
pub mod doctor;
pub mod match_skill;
pub mod new;
pub mod schema;
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
        self.resolved_with(None)
    }

    /// [`CommonArgs::resolved`] with editor settings (the `skillLsp` section) as the editor layer.
    pub fn resolved_with(&self, editor: Option<serde_json::Value>) -> Resolved {
        let ws = self.workspace();
        let mut inputs = Inputs::read(
            settings::user_config_file().as_deref(),
            std::slice::from_ref(&ws),
        );
        if let Some(v) = editor.filter(|v| !v.is_null()) {
            inputs.editor.push(("--settings".into(), v));
        }
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
        r.settings.skills.sources(&[self.workspace()])
    }

    /// The library as the server would load it for the current folder.
    pub fn library(&self) -> Library {
        let r = self.resolved();
        Library::load(&self.sources(&r))
    }
}

/// How `skill-lsp skills` orders its list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum SkillSort {
    /// By name (case-insensitive).
    #[default]
    Name,
    /// By path (bundled skills first, then files on disk).
    Path,
    /// By format, then name.
    Format,
    /// By origin (builtin, user, configured, workspace), then name.
    Origin,
}

/// `skill-lsp skills` options.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct SkillsArgs {
    /// Order of the list.
    #[arg(long, value_enum, default_value_t = SkillSort::Name)]
    pub sort: SkillSort,
}

/// The skills of `lib` in the order `sort` asks for.
pub fn sorted_skills(lib: &Library, sort: SkillSort) -> Vec<&crate::skills::model::Skill> {
    let mut list: Vec<_> = lib.skills.iter().collect();
    let name = |s: &crate::skills::model::Skill| s.name.to_ascii_lowercase();
    match sort {
        SkillSort::Name => list.sort_by_cached_key(|s| name(s)),
        SkillSort::Path => list.sort_by_cached_key(|s| s.display_path()),
        SkillSort::Format => list.sort_by_cached_key(|s| (s.format.as_str(), name(s))),
        SkillSort::Origin => list.sort_by_cached_key(|s| (s.origin, name(s))),
    }
    list
}

/// `skill-lsp skills`.
pub fn skills(args: &SkillsArgs, common: &CommonArgs) -> anyhow::Result<i32> {
    let lib = common.library();
    let sorted = sorted_skills(&lib, args.sort);
    if common.json {
        let list: Vec<_> = sorted
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
                    "signals": s.signals,
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
    for s in &sorted {
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
        "{}, {}",
        doctor::plural(lib.skills.len(), "skill", "skills"),
        doctor::plural(lib.all_problems().len(), "problem", "problems")
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
        let read =
            crate::skills::guard::read_bytes_capped(f, None, crate::skills::guard::MAX_DOCUMENT);
        let text = match read {
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
        let matches = lib.select_skills_with(&info, r.settings.skills.filter());
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

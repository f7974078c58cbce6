//! `skill-lsp check`: lint files and folders with the tips of the skills that apply to each file,
//! like a linter (`path:line:col: severity skill/tip message`), for terminals and CI.
//!
//! The walk respects `.gitignore` (and `.ignore`), runs in parallel, and skips binary files (a NUL
//! byte in the first 8 KiB), files that are not UTF-8 and files over `--max-file-size`.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::json;

use super::CommonArgs;
use crate::skills::library::Library;
use crate::skills::select::{self, DocumentInfo};
use crate::skills::tips::{FindOptions, Finding, TipKind};

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files or folders to check (default: the current folder).
    pub paths: Vec<PathBuf>,
    /// Exit with status 1 when anything was found.
    #[arg(long)]
    pub error_on_findings: bool,
    /// Skip files larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 1024 * 1024)]
    pub max_file_size: u64,
    /// Worker threads (default: one per core).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Do not read `.gitignore` / `.ignore` files.
    #[arg(long)]
    pub no_ignore: bool,
}

/// One finding in one file, ready to print.
#[derive(Debug, Clone)]
struct Row {
    path: String,
    line: u32,
    col: u32,
    end_line: u32,
    end_col: u32,
    finding: Finding,
}

/// 1-based line and column (in characters) of byte `off`.
fn line_col(text: &str, line_starts: &[usize], off: usize) -> (u32, u32) {
    let line = line_starts.partition_point(|&s| s <= off).saturating_sub(1);
    let col = text[line_starts[line]..off].chars().count();
    (line as u32 + 1, col as u32 + 1)
}

/// Folders never worth walking even when no ignore file says so.
const SKIP_DIRS: &[&str] = &[
    ".git",
    ".hg",
    ".svn",
    "node_modules",
    ".venv",
    ".tox",
    "__pycache__",
];

/// Findings of one file (declared tips that are diagnostics under the settings).
fn check_text(
    lib: &Library,
    settings: &crate::settings::Settings,
    path: &Path,
    root: &Path,
    text: &str,
) -> Vec<Finding> {
    let lang = select::language_of(path, text, None);
    let info = DocumentInfo {
        path: Some(path),
        root: Some(root),
        language_id: &lang,
        text,
    };
    let matches = select::select_with_settings(lib, &info, settings);
    if matches.is_empty() {
        return Vec::new();
    }
    let opts = FindOptions {
        settings: Some(&settings.tips),
        lines: None,
        implicit: !settings.tips.implicit_diagnostics.is_empty(),
    };
    let mut v = lib.tips.find(lib, &matches, &info, &opts);
    v.retain(|f| f.diagnostic);
    v
}

fn display(p: &Path) -> String {
    let s = p.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

pub fn run(args: CheckArgs, common: &CommonArgs) -> anyhow::Result<i32> {
    let resolved = common.resolved();
    let lib = Library::load(&common.sources(&resolved));
    let settings = &resolved.settings;
    let ws = common.workspace();
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    for p in &paths {
        if !p.exists() {
            anyhow::bail!("{}: no such file or folder", p.display());
        }
    }
    let mut walk = ignore::WalkBuilder::new(&paths[0]);
    for p in &paths[1..] {
        walk.add(p);
    }
    walk.hidden(false)
        .git_ignore(!args.no_ignore)
        .git_global(!args.no_ignore)
        .git_exclude(!args.no_ignore)
        .ignore(!args.no_ignore)
        .parents(!args.no_ignore)
        .filter_entry(|e| {
            !(e.file_type().is_some_and(|t| t.is_dir())
                && SKIP_DIRS.contains(&&*e.file_name().to_string_lossy()))
        });
    if let Some(n) = args.threads {
        walk.threads(n);
    }
    let rows: Mutex<Vec<Row>> = Mutex::new(Vec::new());
    let checked = AtomicUsize::new(0);
    let skipped = AtomicUsize::new(0);
    let abs_roots: Vec<PathBuf> = paths
        .iter()
        .map(|p| std::path::absolute(p).unwrap_or_else(|_| p.clone()))
        .map(|p| {
            if p.is_file() {
                p.parent().map(Path::to_path_buf).unwrap_or(p)
            } else {
                p
            }
        })
        .collect();
    walk.build_parallel().run(|| {
        let (lib, rows, checked, skipped, ws, abs_roots) =
            (&lib, &rows, &checked, &skipped, &ws, &abs_roots);
        let max = args.max_file_size;
        Box::new(move |entry| {
            let Ok(entry) = entry else {
                return ignore::WalkState::Continue;
            };
            if !entry.file_type().is_some_and(|t| t.is_file()) {
                return ignore::WalkState::Continue;
            }
            let path = entry.path();
            if entry.metadata().map(|m| m.len() > max).unwrap_or(true) {
                skipped.fetch_add(1, Ordering::Relaxed);
                return ignore::WalkState::Continue;
            }
            let Ok(bytes) = std::fs::read(path) else {
                skipped.fetch_add(1, Ordering::Relaxed);
                return ignore::WalkState::Continue;
            };
            if bytes[..bytes.len().min(8192)].contains(&0) {
                skipped.fetch_add(1, Ordering::Relaxed);
                return ignore::WalkState::Continue;
            }
            let Ok(text) = std::str::from_utf8(&bytes) else {
                skipped.fetch_add(1, Ordering::Relaxed);
                return ignore::WalkState::Continue;
            };
            checked.fetch_add(1, Ordering::Relaxed);
            let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
            let root = if abs.starts_with(ws) {
                ws.as_path()
            } else {
                select::root_for(abs_roots, &abs)
                    .map(PathBuf::as_path)
                    .unwrap_or_else(|| abs.parent().unwrap_or(&abs))
            };
            let found = check_text(lib, settings, &abs, root, text);
            if found.is_empty() {
                return ignore::WalkState::Continue;
            }
            let mut line_starts = vec![0];
            line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
            let shown = display(path);
            let mut local = Vec::with_capacity(found.len());
            for f in found {
                let (line, col) = line_col(text, &line_starts, f.range.start);
                let (end_line, end_col) = line_col(text, &line_starts, f.range.end);
                local.push(Row {
                    path: shown.clone(),
                    line,
                    col,
                    end_line,
                    end_col,
                    finding: f,
                });
            }
            rows.lock().expect("lock").extend(local);
            ignore::WalkState::Continue
        })
    });
    let mut rows = rows.into_inner().expect("lock");
    rows.sort_by(|a, b| {
        (&a.path, a.line, a.col, &a.finding.id).cmp(&(&b.path, b.line, b.col, &b.finding.id))
    });
    let files_with: std::collections::BTreeSet<&str> =
        rows.iter().map(|r| r.path.as_str()).collect();
    let summary = Summary {
        findings: rows.len(),
        files_with_findings: files_with.len(),
        files_checked: checked.load(Ordering::Relaxed),
        files_skipped: skipped.load(Ordering::Relaxed),
        skills: lib.skills.len(),
    };
    print(&rows, &summary, common.json)?;
    Ok(if args.error_on_findings && !rows.is_empty() {
        1
    } else {
        0
    })
}

struct Summary {
    findings: usize,
    files_with_findings: usize,
    files_checked: usize,
    files_skipped: usize,
    skills: usize,
}

#[allow(clippy::print_stdout)]
fn print(rows: &[Row], s: &Summary, json_out: bool) -> anyhow::Result<()> {
    use std::io::Write;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if json_out {
        let findings: Vec<_> = rows
            .iter()
            .map(|r| {
                json!({
                    "path": r.path,
                    "line": r.line,
                    "column": r.col,
                    "endLine": r.end_line,
                    "endColumn": r.end_col,
                    "severity": r.finding.severity.as_str(),
                    "tip": &*r.finding.id,
                    "skill": &*r.finding.skill_name,
                    "message": &*r.finding.message,
                    "kind": if r.finding.kind == TipKind::Declared { "declared" } else { "implicit" },
                })
            })
            .collect();
        let v = json!({
            "findings": findings,
            "summary": {
                "findings": s.findings,
                "filesWithFindings": s.files_with_findings,
                "filesChecked": s.files_checked,
                "filesSkipped": s.files_skipped,
                "skills": s.skills,
            }
        });
        writeln!(out, "{}", serde_json::to_string_pretty(&v)?)?;
    } else {
        for r in rows {
            writeln!(
                out,
                "{}:{}:{}: {} {} {}",
                r.path,
                r.line,
                r.col,
                r.finding.severity.as_str(),
                r.finding.id,
                r.finding.message
            )?;
        }
        writeln!(
            out,
            "{} in {} ({} checked, {})",
            super::doctor::plural(s.findings, "finding", "findings"),
            super::doctor::plural(s.files_with_findings, "file", "files"),
            super::doctor::plural(s.files_checked, "file", "files"),
            super::doctor::plural(s.skills, "skill", "skills"),
        )?;
    }
    out.flush()?;
    Ok(())
}

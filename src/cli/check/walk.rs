//! The walk of `check`: which files are read (`.gitignore`, binary, size, the project's exclusions)
//! and the findings of each, on every core, with a progress line on a terminal for long runs.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use super::{CheckArgs, Row, Summary, fix};
use crate::settings::Settings;
use crate::skills::guard::{self, Refused};
use crate::skills::library::Library;
use crate::skills::model::Severity;
use crate::skills::policy::Project;
use crate::skills::select::{self, DocumentInfo};
use crate::skills::tips::{self, FindExtra, FindOptions, Finding, Suppressed, TipKind};

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

pub struct Inputs<'a> {
    pub lib: &'a Library,
    pub settings: &'a Settings,
    pub project: &'a Project,
    pub ws: &'a Path,
    pub paths: &'a [PathBuf],
    pub args: &'a CheckArgs,
    pub progress: bool,
}

pub struct Walked {
    pub rows: Vec<Row>,
    pub summary: Summary,
    /// Files that could not be read (the walk goes on; the status is 2).
    pub errors: Vec<String>,
}

/// 1-based line and column (in characters) of byte `off`.
fn line_col(text: &str, line_starts: &[usize], off: usize) -> (u32, u32) {
    let line = line_starts.partition_point(|&s| s <= off).saturating_sub(1);
    let col = text[line_starts[line]..off].chars().count();
    (line as u32 + 1, col as u32 + 1)
}

fn display(p: &Path) -> String {
    let s = p.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

#[derive(Default)]
struct Shared {
    rows: Vec<Row>,
    skipped: Vec<(String, String)>,
    suppressed: std::collections::BTreeMap<&'static str, usize>,
    errors: Vec<String>,
}

pub fn walk(inp: &Inputs) -> Walked {
    let args = inp.args;
    let mut walk = ignore::WalkBuilder::new(&inp.paths[0]);
    for p in &inp.paths[1..] {
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
    let shared = Mutex::new(Shared::default());
    let checked = AtomicUsize::new(0);
    let skipped = AtomicUsize::new(0);
    let done = AtomicBool::new(false);
    let abs_roots = abs_roots(inp.paths);
    let ids = inp.lib.tips.ids();
    std::thread::scope(|scope| {
        if inp.progress {
            scope.spawn(|| progress(&checked, &done));
        }
        walk.build_parallel().run(|| {
            let (shared, checked, skipped, abs_roots, ids) =
                (&shared, &checked, &skipped, &abs_roots, &ids);
            Box::new(move |entry| {
                let entry = match entry {
                    Ok(e) => e,
                    Err(e) => {
                        shared.lock().expect("lock").errors.push(e.to_string());
                        return ignore::WalkState::Continue;
                    }
                };
                if !entry.file_type().is_some_and(|t| t.is_file()) {
                    return ignore::WalkState::Continue;
                }
                let path = entry.path();
                let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
                let root = root_of(inp.ws, abs_roots, &abs);
                let rel = display(abs.strip_prefix(root).unwrap_or(&abs));
                let shown = display(path);
                let skip = |why: String| {
                    skipped.fetch_add(1, Ordering::Relaxed);
                    shared
                        .lock()
                        .expect("lock")
                        .skipped
                        .push((shown.clone(), why));
                    ignore::WalkState::Continue
                };
                if let Some(why) = inp.project.skip_path(&rel) {
                    return skip(why.to_string());
                }
                // Through the guard: the entry was a regular file when listed, but a named
                // path or a swapped file may be a FIFO or a device by the time it is opened.
                let bytes = match guard::read_bytes_capped(path, None, args.max_file_size) {
                    Ok(b) => b,
                    Err(Refused::TooLarge(..)) => {
                        return skip(format!(
                            "larger than --max-file-size {}",
                            args.max_file_size
                        ));
                    }
                    Err(e) => {
                        skipped.fetch_add(1, Ordering::Relaxed);
                        shared
                            .lock()
                            .expect("lock")
                            .errors
                            .push(format!("{shown}: {e}"));
                        return ignore::WalkState::Continue;
                    }
                };
                if bytes[..bytes.len().min(8192)].contains(&0) {
                    return skip("binary".into());
                }
                let Ok(text) = std::str::from_utf8(&bytes) else {
                    return skip("not UTF-8".into());
                };
                if let Some(why) = inp.project.skip(&rel, text) {
                    return skip(why.to_string());
                }
                checked.fetch_add(1, Ordering::Relaxed);
                let file = File {
                    abs: &abs,
                    root,
                    rel: &rel,
                    shown: &shown,
                    text,
                };
                let (rows, silenced) = check_file(inp, &file, ids);
                if !rows.is_empty() || !silenced.is_empty() {
                    let mut s = shared.lock().expect("lock");
                    s.rows.extend(rows);
                    for k in silenced {
                        *s.suppressed.entry(k).or_default() += 1;
                    }
                }
                ignore::WalkState::Continue
            })
        });
        done.store(true, Ordering::Relaxed);
    });
    let mut s = shared.into_inner().expect("lock");
    s.rows
        .sort_by(|a, b| (&a.path, a.line, a.col, &a.tip).cmp(&(&b.path, b.line, b.col, &b.tip)));
    s.skipped.sort();
    s.errors.sort();
    Walked {
        rows: s.rows,
        errors: s.errors,
        summary: Summary {
            files_checked: checked.load(Ordering::Relaxed),
            files_skipped: skipped.load(Ordering::Relaxed),
            skipped: s.skipped,
            suppressed: s.suppressed,
            skills: 0,
        },
    }
}

/// The folders walked, absolute (a file's own folder for a file).
fn abs_roots(paths: &[PathBuf]) -> Vec<PathBuf> {
    paths
        .iter()
        .map(|p| std::path::absolute(p).unwrap_or_else(|_| p.clone()))
        .map(|p| {
            if p.is_file() {
                p.parent().map(Path::to_path_buf).unwrap_or(p)
            } else {
                p
            }
        })
        .collect()
}

/// The root a file's relative path is taken from: the workspace when the file is in it, else the
/// walked folder it is in.
fn root_of<'a>(ws: &'a Path, abs_roots: &'a [PathBuf], abs: &'a Path) -> &'a Path {
    if abs.starts_with(ws) {
        ws
    } else {
        select::root_for(abs_roots, abs)
            .map(PathBuf::as_path)
            .unwrap_or_else(|| abs.parent().unwrap_or(abs))
    }
}

/// The rows of file `shown` (relative path `rel`) checked again with new text (`--fix` passes).
pub fn recheck(inp: &Inputs, shown: &str, rel: &str, text: &str) -> Vec<Row> {
    let path = Path::new(shown);
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let roots = abs_roots(inp.paths);
    let root = root_of(inp.ws, &roots, &abs);
    let file = File {
        abs: &abs,
        root,
        rel,
        shown,
        text,
    };
    let ids = inp.lib.tips.ids();
    check_file(inp, &file, &ids).0
}

/// `checked N files` on stderr after the first second, redrawn until the walk ends.
fn progress(checked: &AtomicUsize, done: &AtomicBool) {
    use std::io::Write;
    let start = std::time::Instant::now();
    let mut shown = false;
    while !done.load(Ordering::Relaxed) {
        std::thread::sleep(Duration::from_millis(100));
        if start.elapsed() >= Duration::from_secs(1) {
            let _ = write!(
                std::io::stderr(),
                "\r\x1b[2Kskill-lsp: checked {} files ({:.0} s)",
                checked.load(Ordering::Relaxed),
                start.elapsed().as_secs_f64()
            );
            shown = true;
        }
    }
    if shown {
        let _ = write!(std::io::stderr(), "\r\x1b[2K");
    }
}

struct File<'a> {
    abs: &'a Path,
    root: &'a Path,
    rel: &'a str,
    shown: &'a str,
    text: &'a str,
}

/// The rows of one file and what silenced the other findings.
fn check_file(
    inp: &Inputs,
    f: &File,
    ids: &std::collections::HashSet<&str>,
) -> (Vec<Row>, Vec<&'static str>) {
    let (lib, settings, text) = (inp.lib, inp.settings, f.text);
    let lang = select::language_of(f.abs, text, None);
    let info = DocumentInfo {
        path: Some(f.abs),
        root: Some(f.root),
        language_id: &lang,
        text,
    };
    let matches = lib.select_skills_with(&info, settings.skills.filter());
    let has_ignores = memchr::memmem::find(text.as_bytes(), b"skill-lsp: ignore").is_some();
    if matches.is_empty() && !has_ignores {
        return (Vec::new(), Vec::new());
    }
    let found: Vec<Finding> = if matches.is_empty() {
        Vec::new()
    } else {
        let rules = inp.project.file_rules(f.rel, text);
        let opts = FindOptions {
            settings: Some(&settings.tips),
            lines: None,
            implicit: !settings.tips.implicit_diagnostics.is_empty(),
        };
        let extra = FindExtra {
            rules: Some(&rules),
            keep_suppressed: true,
            tests_too: inp.args.no_policy || settings.tips.include_tests,
        };
        let r = lib.find_tips_report(&matches, &info, &opts, &extra, None);
        if let Some(note) = r.limits.note() {
            // What the search left out is said, never silent (stderr, like every problem).
            let _ = std::io::Write::write_all(
                &mut std::io::stderr(),
                format!("{}: warning: {note}\n", f.shown).as_bytes(),
            );
        }
        let mut v = r.findings;
        v.retain(|f| f.diagnostic);
        v
    };
    let mut line_starts = vec![0];
    line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
    let line_text = |l: usize| {
        let s = line_starts[l];
        let e = line_starts.get(l + 1).map_or(text.len(), |&e| e - 1);
        text[s..e.max(s)].trim_end_matches('\r')
    };
    let mut rows = Vec::new();
    let mut silenced = Vec::new();
    for fd in &found {
        // `--no-policy` reports what other tools' comments and configs silence (not our own).
        let silenced_by_tool = inp.args.no_policy
            && matches!(
                fd.suppressed,
                Some(Suppressed::Tool { .. } | Suppressed::Config { .. })
            );
        if let Some(s) = fd.suppressed.as_ref().filter(|_| !silenced_by_tool) {
            silenced.push(match s {
                Suppressed::Ignore { .. } => "skill-lsp: ignore comments",
                Suppressed::Tool { .. } => "other tools' comments",
                Suppressed::Config { .. } => "other tools' configuration",
            });
            continue;
        }
        let (line, col) = line_col(text, &line_starts, fd.range.start);
        let (end_line, end_col) = line_col(text, &line_starts, fd.range.end);
        let (source_line, source_col, source_more) = super::source_window(
            line_text(line as usize - 1),
            fd.range.start - line_starts[line as usize - 1],
        );
        let tip = lib.tips.tip(fd.tip);
        let skill = lib.skill(fd.skill);
        let anchor = skill
            .sections
            .get(fd.section)
            .map(|s| s.anchor())
            .unwrap_or_default();
        rows.push(Row {
            path: f.shown.to_string(),
            rel: f.rel.to_string(),
            line,
            col,
            end_line,
            end_col,
            severity: fd.severity,
            tip: fd.id.clone(),
            skill: fd.skill_name.clone(),
            message: fd.message.clone(),
            kind: if fd.kind == TipKind::Declared {
                "declared"
            } else {
                "implicit"
            },
            source_line,
            source_col,
            source_more,
            help: Some(if anchor.is_empty() {
                skill.display_path()
            } else {
                format!("{}#{anchor}", skill.display_path())
            }),
            fix: tips::fix::for_finding(tip, text, fd).map(|edit| {
                let (line, col) = line_col(text, &line_starts, edit.range.start);
                let (end_line, end_col) = line_col(text, &line_starts, edit.range.end);
                fix::Fix {
                    edit,
                    line,
                    col,
                    end_line,
                    end_col,
                }
            }),
        });
    }
    if has_ignores {
        ignores(
            f,
            &found,
            ids,
            inp.args.report_unused_suppressions,
            &mut rows,
        );
    }
    (rows, silenced)
}

/// Our own findings about `skill-lsp: ignore` comments: unknown ids (always), unused ones (asked).
fn ignores(
    f: &File,
    found: &[Finding],
    ids: &std::collections::HashSet<&str>,
    unused: bool,
    rows: &mut Vec<Row>,
) {
    let unknown = crate::skills::policy::ignores::unknown(f.text, ids);
    for (l, line) in f.text.lines().enumerate() {
        if !line.contains("skill-lsp: ignore") {
            continue;
        }
        let used: Vec<&Finding> = found
            .iter()
            .filter(|fd| fd.suppressed == Some(Suppressed::Ignore { line: l as u32 }))
            .collect();
        for (at, list) in tips::ignore_comments(line) {
            let col = line[..at].chars().count() as u32 + 1;
            let source = super::source_window(line, at);
            let mut push = |tip: &str, sev: Severity, msg: String| {
                let end_col = col + "skill-lsp: ignore".len() as u32;
                rows.push(Row {
                    path: f.shown.to_string(),
                    rel: f.rel.to_string(),
                    line: l as u32 + 1,
                    col,
                    end_line: l as u32 + 1,
                    end_col,
                    severity: sev,
                    tip: tip.into(),
                    skill: "skill-lsp".into(),
                    message: msg.into(),
                    kind: "check",
                    source_line: source.0.clone(),
                    source_col: source.1,
                    source_more: source.2,
                    help: None,
                    fix: None,
                });
            };
            for u in unknown
                .iter()
                .filter(|u| u.line as usize == l && u.marker == at)
            {
                push("skill-lsp/unknown-ignore", Severity::Warning, u.message());
            }
            if !unused {
                continue;
            }
            let silences = |id: &str| {
                used.iter().any(|fd| {
                    let short = fd.id.rsplit_once('/').map_or(&*fd.id, |(_, s)| s);
                    &*fd.id == id || short == id
                })
            };
            if list.is_empty() {
                if used.is_empty() {
                    push(
                        "skill-lsp/unused-ignore",
                        Severity::Warning,
                        "`skill-lsp: ignore` silences nothing".into(),
                    );
                }
            } else {
                for id in list.iter().filter(|id| ids.contains(*id) && !silences(id)) {
                    push(
                        "skill-lsp/unused-ignore",
                        Severity::Warning,
                        format!("`skill-lsp: ignore {id}` silences nothing"),
                    );
                }
            }
        }
    }
}

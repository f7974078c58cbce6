//! `skill-lsp check`: lint files and folders with the tips of the skills that apply to each file,
//! like a linter, for terminals and CI (`docs/cli.md` documents every flag, format and status).
//!
//! [`walk`] finds and checks the files (in parallel, respecting `.gitignore` and the project's
//! exclusions from [`crate::skills::policy`]); [`filter`] narrows the findings (`--select`,
//! `--changed-since`, `--baseline`); [`fix`] applies declared fixes; [`output`] prints them in
//! the chosen format. Exit status: 0 clean, 1 findings at or above `--fail-on`, 2 usage or
//! configuration error (always on stderr with file and line).

mod filter;
mod fix;
mod output;
mod walk;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::Arc;

use super::CommonArgs;
use crate::skills::library::Library;
use crate::skills::model::Severity;
use crate::skills::policy::Project;

/// `--output-format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Concise,
    Full,
    Grouped,
    Json,
    JsonLines,
    Github,
    Gitlab,
    Sarif,
    Junit,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

/// `--fail-on` / `--severity` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Level {
    Hint,
    #[value(alias = "info")]
    Information,
    #[value(alias = "warn")]
    Warning,
    Error,
}

impl Level {
    fn severity(self) -> Severity {
        match self {
            Level::Hint => Severity::Hint,
            Level::Information => Severity::Information,
            Level::Warning => Severity::Warning,
            Level::Error => Severity::Error,
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files or folders to check (default: the current folder).
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, value_name = "FORMAT", default_value = "concise")]
    pub output_format: Format,
    /// Exit with 1 when a finding is at or above this severity.
    #[arg(long, value_enum, value_name = "SEVERITY", default_value = "warning")]
    pub fail_on: Level,
    /// Exit with 0 even when something was found (usage and configuration errors still give 2).
    #[arg(long)]
    pub exit_zero: bool,
    /// Kept for old scripts: now the default (see `--fail-on`).
    #[arg(long, hide = true)]
    pub error_on_findings: bool,
    /// Print how many findings each tip has instead of the findings.
    #[arg(long)]
    pub statistics: bool,
    /// Only these tips: full ids, skill names or prefixes (comma-separated, repeatable).
    #[arg(long, value_delimiter = ',', value_name = "TIP")]
    pub select: Vec<String>,
    /// Tips to add to the selection (also turns on tips that settings turned off).
    #[arg(long, value_delimiter = ',', value_name = "TIP")]
    pub extend_select: Vec<String>,
    /// Tips to leave out: full ids, skill names or prefixes.
    #[arg(long, value_delimiter = ',', value_name = "TIP")]
    pub ignore: Vec<String>,
    /// Globs of files to leave out, replacing `tips.exclude`.
    #[arg(long, value_delimiter = ',', value_name = "GLOB")]
    pub exclude: Option<Vec<String>>,
    /// Globs of files to leave out, added to `tips.exclude`.
    #[arg(long, value_delimiter = ',', value_name = "GLOB")]
    pub extend_exclude: Vec<String>,
    /// Report every finding at this severity.
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub severity: Option<Level>,
    /// Colour: on a terminal unless `NO_COLOR` is set (`auto`), or forced.
    #[arg(long, value_enum, default_value = "auto")]
    pub color: Color,
    /// Also check vendored, generated and minified files.
    #[arg(long)]
    pub include_vendored: bool,
    /// Also run tips declared `tests: false` in test files and test data (`tips.includeTests`).
    #[arg(long)]
    pub include_tests: bool,
    /// List skipped files and why, the exclusion rules in force and silenced findings (stderr).
    #[arg(short, long)]
    pub verbose: bool,
    /// Report `skill-lsp: ignore` comments that silence nothing.
    #[arg(long)]
    pub report_unused_suppressions: bool,
    /// Only findings on lines changed since this git ref (and in untracked files).
    #[arg(long, value_name = "REF")]
    pub changed_since: Option<String>,
    /// Hide findings recorded in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record the current findings in this file (then exit 0).
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Apply the fixes tips declare.
    #[arg(long)]
    pub fix: bool,
    /// Print the fixes as a unified diff, write nothing (exit 1 when there is one).
    #[arg(long, conflicts_with = "fix")]
    pub diff: bool,
    /// For measuring what the policy leaves out: check vendored, generated and minified files,
    /// apply `tests: false` tips in tests and report what other tools' comments and configs
    /// silence (our own `skill-lsp: ignore` still silences).
    #[arg(long, hide = true)]
    pub no_policy: bool,
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

/// One finding (or one check of our own, like an unknown ignore id), ready to print.
#[derive(Debug, Clone)]
pub struct Row {
    /// As walked (relative to the current folder when a relative path was given).
    pub path: String,
    /// Relative to the workspace root, `/` separators (SARIF, GitLab, baselines, git).
    pub rel: String,
    pub line: u32,
    pub col: u32,
    pub end_line: u32,
    pub end_col: u32,
    pub severity: Severity,
    pub tip: Arc<str>,
    pub skill: Arc<str>,
    pub message: Arc<str>,
    /// `declared`, `implicit` or `check` (our own: unknown or unused ignores).
    pub kind: &'static str,
    /// The first line of the span, without its line break; for a long line (minified,
    /// generated) only a window around the span (see [`source_window`]).
    pub source_line: String,
    /// The 1-based column at which `source_line` starts (1: the line's start).
    pub source_col: u32,
    /// Whether the line goes on past `source_line`.
    pub source_more: bool,
    /// Where the tip is explained: the skill file and section.
    pub help: Option<String>,
    pub fix: Option<fix::Fix>,
}

/// Counts for the summary and `--verbose`.
#[derive(Debug, Default)]
pub struct Summary {
    pub files_checked: usize,
    pub files_skipped: usize,
    pub skills: usize,
    /// Files tips leave alone, with why (`--verbose`).
    pub skipped: Vec<(String, String)>,
    /// Silenced findings by what silenced them (`ignore`, `tool`, `config`).
    pub suppressed: std::collections::BTreeMap<&'static str, usize>,
}

fn stderr_line(msg: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{msg}");
}

/// Configuration problems: every one on stderr with file and line; `true` when any is an error.
fn report_config(common: &CommonArgs, resolved: &crate::settings::Resolved, lib: &Library) -> bool {
    let mut broken = false;
    for w in &resolved.warnings {
        stderr_line(&format!("skill-lsp: error: settings: {w}"));
        broken = true;
    }
    for p in &common.skills {
        let ok = if p.is_dir() {
            std::fs::read_dir(p).is_ok()
        } else {
            std::fs::File::open(p).is_ok()
        };
        if !ok {
            stderr_line(&format!(
                "skill-lsp: error: --skills {}: not a readable file or folder",
                p.display()
            ));
            broken = true;
        }
    }
    for p in lib.all_problems() {
        if p.severity < Severity::Warning {
            continue;
        }
        let level = if p.severity == Severity::Error {
            "error"
        } else {
            "warning"
        };
        stderr_line(&format!(
            "{}:{}: {level}: {}: {}",
            p.path.display(),
            p.line + 1,
            p.code,
            p.message
        ));
        broken |= p.severity == Severity::Error;
    }
    broken
}

pub fn run(args: CheckArgs, common: &CommonArgs) -> anyhow::Result<i32> {
    let mut resolved = common.resolved();
    filter::reenable(
        &mut resolved.settings.tips,
        &args.select,
        &args.extend_select,
    );
    if args.include_tests {
        resolved.settings.tips.include_tests = true;
    }
    if args.include_vendored || args.no_policy {
        resolved.settings.tips.include_vendored = true;
    }
    let lib = Library::load(&common.sources(&resolved));
    let mut broken = report_config(common, &resolved, &lib);
    let ws = common.workspace();
    let mut project = Project::load(&ws, &resolved.settings.tips);
    if let Some(ex) = &args.exclude {
        project
            .set_exclude(ex)
            .map_err(|e| anyhow::anyhow!("--exclude: {e}"))?;
    }
    project
        .extend_exclude(&args.extend_exclude)
        .map_err(|e| anyhow::anyhow!("--extend-exclude: {e}"))?;
    for p in &project.problems {
        stderr_line(&format!("skill-lsp: warning: {p}"));
    }
    if args.verbose {
        stderr_line("skill-lsp: exclusion rules in force:");
        for r in project.describe() {
            stderr_line(&format!("  {r}"));
        }
    }
    let format = if common.json && args.output_format == Format::Concise {
        Format::Json
    } else {
        args.output_format
    };
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
    let changed = match &args.changed_since {
        Some(r) => Some(filter::changed_lines(&ws, r)?),
        None => None,
    };
    let baseline = match &args.baseline {
        Some(f) => Some(filter::Baseline::read(f)?),
        None => None,
    };
    let walked = walk::walk(&walk::Inputs {
        lib: &lib,
        settings: &resolved.settings,
        project: &project,
        ws: &ws,
        paths: &paths,
        args: &args,
        progress: std::io::stderr().is_terminal(),
    });
    let mut summary = walked.summary;
    summary.skills = lib.skills.len();
    for e in &walked.errors {
        stderr_line(&format!("skill-lsp: error: {e}"));
        broken = true;
    }
    if args.verbose {
        for (path, why) in &summary.skipped {
            stderr_line(&format!("skill-lsp: skipped {path}: {why}"));
        }
        for (k, n) in &summary.suppressed {
            stderr_line(&format!("skill-lsp: {n} findings silenced by {k}"));
        }
    }
    let sel = filter::Selection::new(&args.select, &args.extend_select, &args.ignore);
    let mut rows: Vec<Row> = walked
        .rows
        .into_iter()
        .filter(|r| sel.keeps(&r.tip, &r.skill))
        .collect();
    if let Some(l) = args.severity {
        for r in &mut rows {
            r.severity = l.severity();
        }
    }
    if let Some(c) = &changed {
        rows.retain(|r| c.touches(&r.rel, r.line, r.end_line));
    }
    if let Some(path) = &args.write_baseline {
        filter::Baseline::write(path, &rows)?;
        stderr_line(&format!(
            "skill-lsp: wrote {} findings to {}",
            rows.len(),
            path.display()
        ));
        return Ok(if broken { 2 } else { 0 });
    }
    if let Some(b) = baseline {
        let before = rows.len();
        rows = b.hide(rows);
        if args.verbose {
            stderr_line(&format!(
                "skill-lsp: {} findings hidden by the baseline",
                before - rows.len()
            ));
        }
    }
    if args.fix || args.diff {
        let inputs = walk::Inputs {
            lib: &lib,
            settings: &resolved.settings,
            project: &project,
            ws: &ws,
            paths: &paths,
            args: &args,
            progress: false,
        };
        let (rest, done) = fix::apply(rows, args.fix, |path, rel, text| {
            let mut v: Vec<Row> = walk::recheck(&inputs, path, rel, text)
                .into_iter()
                .filter(|r| sel.keeps(&r.tip, &r.skill))
                .collect();
            if let Some(l) = args.severity {
                v.iter_mut().for_each(|r| r.severity = l.severity());
            }
            if let Some(c) = &changed {
                v.retain(|r| c.touches(&r.rel, r.line, r.end_line));
            }
            // The rows of one file: a fresh baseline hides for it what it hid before.
            match args.baseline.as_ref().map(|f| filter::Baseline::read(f)) {
                Some(Ok(b)) => b.hide(v),
                _ => v,
            }
        })?;
        rows = rest;
        // `--diff` says whether there is something to apply (as ruff's), not what is left.
        if args.diff {
            return Ok(match (broken, done.files > 0 && !args.exit_zero) {
                (true, _) => 2,
                (false, true) => 1,
                (false, false) => 0,
            });
        }
    }
    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    };
    if !args.diff {
        output::print(format, &rows, &summary, &lib, args.statistics, color)?;
    }
    if broken {
        return Ok(2);
    }
    let fail = args.fail_on.severity();
    Ok(
        if !args.exit_zero && rows.iter().any(|r| r.severity >= fail) {
            1
        } else {
            0
        },
    )
}

/// Lines up to this many bytes are kept whole in a row.
const SOURCE_LINE_WHOLE: usize = 400;

/// The text a row keeps of its line: the whole line when short, else about 120 bytes before the
/// span's start and 280 from it (on character boundaries), with the 1-based column the window
/// starts at and whether the line goes on after it. A megabyte line with thousands of findings
/// otherwise put a copy of itself in every row (gigabytes of memory, and as much output,
/// baseline and SARIF text).
pub fn source_window(line: &str, span_start: usize) -> (String, u32, bool) {
    if line.len() <= SOURCE_LINE_WHOLE {
        return (line.to_string(), 1, false);
    }
    let floor = |mut i: usize| {
        i = i.min(line.len());
        while !line.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let start = floor(span_start.saturating_sub(120));
    let end = floor(start + SOURCE_LINE_WHOLE);
    let col = line[..start].chars().count() as u32 + 1;
    (line[start..end].to_string(), col, end < line.len())
}

#[cfg(test)]
mod source_window_tests {
    use super::source_window;

    #[test]
    fn short_lines_whole_long_lines_a_window_on_character_boundaries() {
        assert_eq!(source_window("x = 1", 0), ("x = 1".to_string(), 1, false));
        let line = "é".repeat(1000); // 2 bytes each
        let (w, col, more) = source_window(&line, 1001); // mid-character
        assert!(more && w.chars().all(|c| c == 'é'), "{w}");
        assert!(w.len() <= 400 && !w.is_empty());
        // The window starts about 120 bytes before the span: column 441 (character 440).
        assert_eq!(col, 441);
        // Near the end: the window runs to the end of the line.
        let (_, col, more) = source_window(&line, 1999);
        assert_eq!((col, more), (940, false));
    }
}

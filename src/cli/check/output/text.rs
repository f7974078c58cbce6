//! The human formats: `concise` (one line per finding), `full` (with a code frame and the skill
//! link) and `grouped` (by file), coloured on a terminal.

use std::io::Write;

use anstyle::{AnsiColor, Style};

use super::super::{Row, Summary};
use crate::skills::model::Severity;

fn paint(s: &str, style: Style, color: bool) -> String {
    if color {
        format!("{style}{s}{style:#}")
    } else {
        s.to_string()
    }
}

pub fn paint_severity(sev: Severity, color: bool) -> String {
    let c = match sev {
        Severity::Error => AnsiColor::Red,
        Severity::Warning => AnsiColor::Yellow,
        Severity::Information => AnsiColor::Blue,
        Severity::Hint => AnsiColor::Cyan,
    };
    paint(
        sev.as_str(),
        Style::new().fg_color(Some(c.into())).bold(),
        color,
    )
}

fn bold(s: &str, color: bool) -> String {
    paint(s, Style::new().bold(), color)
}

fn dim(s: &str, color: bool) -> String {
    paint(s, Style::new().dimmed(), color)
}

fn summary_line(out: &mut impl Write, rows: &[Row], s: &Summary) -> std::io::Result<()> {
    let files: std::collections::BTreeSet<&str> = rows.iter().map(|r| r.path.as_str()).collect();
    let fixable = rows.iter().filter(|r| r.fix.is_some()).count();
    let plural = crate::cli::doctor::plural;
    write!(
        out,
        "{} in {} ({} checked, {})",
        plural(rows.len(), "finding", "findings"),
        plural(files.len(), "file", "files"),
        plural(s.files_checked, "file", "files"),
        plural(s.skills, "skill", "skills"),
    )?;
    if fixable > 0 {
        write!(out, "; {fixable} fixable with --fix")?;
    }
    writeln!(out)
}

pub fn concise(
    out: &mut impl Write,
    rows: &[Row],
    s: &Summary,
    color: bool,
) -> std::io::Result<()> {
    for r in rows {
        writeln!(
            out,
            "{}:{}:{}: {} {} {}",
            bold(&r.path, color),
            r.line,
            r.col,
            paint_severity(r.severity, color),
            bold(&r.tip, color),
            r.message
        )?;
    }
    summary_line(out, rows, s)
}

pub fn grouped(
    out: &mut impl Write,
    rows: &[Row],
    s: &Summary,
    color: bool,
) -> std::io::Result<()> {
    let mut last: Option<&str> = None;
    for r in rows {
        if last != Some(r.path.as_str()) {
            if last.is_some() {
                writeln!(out)?;
            }
            writeln!(out, "{}:", bold(&r.path, color))?;
            last = Some(&r.path);
        }
        writeln!(
            out,
            "  {}:{} {} {} {}",
            r.line,
            r.col,
            paint_severity(r.severity, color),
            bold(&r.tip, color),
            r.message
        )?;
    }
    if last.is_some() {
        writeln!(out)?;
    }
    summary_line(out, rows, s)
}

/// Like rustc and ruff: header, the source line with the span underlined, then the skill link.
pub fn full(out: &mut impl Write, rows: &[Row], s: &Summary, color: bool) -> std::io::Result<()> {
    for r in rows {
        writeln!(
            out,
            "{}:{}:{}: {} {}",
            bold(&r.path, color),
            r.line,
            r.col,
            paint_severity(r.severity, color),
            bold(&r.tip, color)
        )?;
        writeln!(out, "  {}", r.message)?;
        let num = r.line.to_string();
        let pad = " ".repeat(num.len());
        // A long line shows as a window around the span, `…` where it was cut.
        let cut_before = if r.source_col > 1 { "…" } else { "" };
        let cut_after = if r.source_more { "…" } else { "" };
        let line = format!(
            "{cut_before}{}{cut_after}",
            r.source_line.replace('\t', "    ")
        );
        writeln!(out, "{pad} {}", dim("|", color))?;
        writeln!(out, "{} {} {line}", dim(&num, color), dim("|", color))?;
        // Columns count characters; tabs were widened above, so widen them in the prefix too.
        let skip = r.col.saturating_sub(r.source_col) as usize;
        let before: String = r.source_line.chars().take(skip).collect();
        let lead = before.replace('\t', "    ").chars().count() + cut_before.chars().count();
        let width = if r.end_line == r.line {
            (r.end_col.saturating_sub(r.col) as usize).max(1)
        } else {
            line.chars().count().saturating_sub(lead).max(1)
        };
        let marks = "^".repeat(width);
        let sev = match r.severity {
            Severity::Error => AnsiColor::Red,
            Severity::Warning => AnsiColor::Yellow,
            _ => AnsiColor::Blue,
        };
        writeln!(
            out,
            "{pad} {} {}{}",
            dim("|", color),
            " ".repeat(lead),
            paint(
                &marks,
                Style::new().fg_color(Some(sev.into())).bold(),
                color
            )
        )?;
        if let Some(f) = &r.fix {
            writeln!(
                out,
                "{pad} = fix: replace `{}` with `{}`",
                f.edit.old, f.edit.new
            )?;
        }
        if let Some(h) = &r.help {
            writeln!(out, "{pad} = skill: {} ({h})", r.skill)?;
        }
        writeln!(out)?;
    }
    summary_line(out, rows, s)
}

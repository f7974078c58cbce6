//! Formats for programs: `json`, `json-lines`, GitHub workflow commands (`github`) and the GitLab
//! Code Quality report (`gitlab`).

use std::io::Write;

use serde_json::{Value, json};

use super::super::{Row, Summary};
use crate::skills::model::Severity;

fn finding(r: &Row) -> Value {
    let mut v = json!({
        "path": r.path,
        "line": r.line,
        "column": r.col,
        "endLine": r.end_line,
        "endColumn": r.end_col,
        "severity": r.severity.as_str(),
        "tip": &*r.tip,
        "skill": &*r.skill,
        "message": &*r.message,
        "kind": r.kind,
        "help": r.help,
    });
    if let Some(f) = &r.fix {
        v["fix"] = json!({ "replacement": f.edit.new });
    }
    v
}

pub fn json(out: &mut impl Write, rows: &[Row], s: &Summary) -> anyhow::Result<()> {
    let files: std::collections::BTreeSet<&str> = rows.iter().map(|r| r.path.as_str()).collect();
    let v = json!({
        "findings": rows.iter().map(finding).collect::<Vec<_>>(),
        "summary": {
            "findings": rows.len(),
            "filesWithFindings": files.len(),
            "filesChecked": s.files_checked,
            "filesSkipped": s.files_skipped,
            "skills": s.skills,
        }
    });
    writeln!(out, "{}", serde_json::to_string_pretty(&v)?)?;
    Ok(())
}

pub fn json_lines(out: &mut impl Write, rows: &[Row]) -> anyhow::Result<()> {
    for r in rows {
        writeln!(out, "{}", serde_json::to_string(&finding(r))?)?;
    }
    Ok(())
}

/// Workflow command data: `%`, CR and LF escaped (GitHub's `escapeData`).
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Workflow command property values: also `:` and `,` (GitHub's `escapeProperty`).
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// `::warning file=...,line=...,col=...,endLine=...,endColumn=...,title=...::message`.
pub fn github(out: &mut impl Write, rows: &[Row]) -> anyhow::Result<()> {
    for r in rows {
        let level = match r.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Information | Severity::Hint => "notice",
        };
        let mut props = format!(
            "file={},line={},col={}",
            escape_property(&r.rel),
            r.line,
            r.col
        );
        // GitHub takes endColumn only for one-line annotations.
        if r.end_line == r.line {
            props.push_str(&format!(",endLine={},endColumn={}", r.end_line, r.end_col));
        } else {
            props.push_str(&format!(",endLine={}", r.end_line));
        }
        props.push_str(&format!(
            ",title={}",
            escape_property(&format!("skill-lsp {}", r.tip))
        ));
        writeln!(
            out,
            "::{level} {props}::{}",
            escape_data(&format!("{} ({})", r.message, r.tip))
        )?;
    }
    Ok(())
}

/// GitLab Code Quality: a JSON array of issues with a fingerprint and a location.
pub fn gitlab(out: &mut impl Write, rows: &[Row]) -> anyhow::Result<()> {
    let prints = super::fingerprints(rows);
    let list: Vec<Value> = rows
        .iter()
        .zip(prints)
        .map(|(r, fp)| {
            json!({
                "type": "issue",
                "description": format!("{}: {}", r.tip, r.message),
                "check_name": &*r.tip,
                "categories": ["Style"],
                "fingerprint": fp,
                "severity": match r.severity {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                    Severity::Information | Severity::Hint => "info",
                },
                "location": {
                    "path": r.rel,
                    "lines": { "begin": r.line, "end": r.end_line },
                },
            })
        })
        .collect();
    writeln!(out, "{}", serde_json::to_string_pretty(&list)?)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_the_toolkit_does() {
        assert_eq!(escape_data("100%\nok\r"), "100%25%0Aok%0D");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}

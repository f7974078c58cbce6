//! JUnit XML, as CI test-report readers take it: a test suite per file with findings and a failed
//! test case per finding; a clean run is one suite with one passing case (as ruff does).

use std::io::Write;

use super::super::{Row, Summary};

fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&apos;"),
            // Characters XML 1.0 cannot carry at all.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => o.push('\u{FFFD}'),
            c => o.push(c),
        }
    }
    o
}

pub fn write(out: &mut impl Write, rows: &[Row], s: &Summary) -> std::io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="skill-lsp" tests="{}" failures="{}" errors="0">"#,
        rows.len().max(1),
        rows.len()
    )?;
    if rows.is_empty() {
        writeln!(
            out,
            r#"  <testsuite name="skill-lsp" tests="1" failures="0" errors="0" skipped="0">"#
        )?;
        writeln!(
            out,
            r#"    <testcase name="no findings" classname="skill-lsp"><system-out>{} files checked</system-out></testcase>"#,
            s.files_checked
        )?;
        writeln!(out, "  </testsuite>")?;
    }
    let mut i = 0;
    while i < rows.len() {
        let path = &rows[i].path;
        let n = rows[i..].iter().take_while(|r| &r.path == path).count();
        writeln!(
            out,
            r#"  <testsuite name="{}" tests="{n}" failures="{n}" errors="0" skipped="0">"#,
            esc(path)
        )?;
        for r in &rows[i..i + n] {
            writeln!(
                out,
                r#"    <testcase name="{}" classname="{}" file="{}" line="{}">"#,
                esc(&format!("{} at {}:{}", r.tip, r.line, r.col)),
                esc(&r.rel),
                esc(&r.rel),
                r.line
            )?;
            writeln!(
                out,
                r#"      <failure message="{}" type="{}">{}:{}:{}: {} {}</failure>"#,
                esc(&r.message),
                r.severity.as_str(),
                esc(&r.path),
                r.line,
                r.col,
                esc(&r.tip),
                esc(&r.message)
            )?;
            writeln!(out, "    </testcase>")?;
        }
        writeln!(out, "  </testsuite>")?;
        i += n;
    }
    writeln!(out, "</testsuites>")
}

//! Printing `check` results in every `--output-format`, and `--statistics`.

mod junit;
mod machine;
mod sarif;
mod text;

use std::io::Write;

use super::{Format, Row, Summary};
use crate::skills::library::Library;

/// Write `rows` to stdout in `format`.
pub fn print(
    format: Format,
    rows: &[Row],
    summary: &Summary,
    lib: &Library,
    statistics: bool,
    color: bool,
) -> anyhow::Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if statistics {
        stats(&mut out, rows, format, color)?;
    } else {
        match format {
            Format::Concise => text::concise(&mut out, rows, summary, color)?,
            Format::Full => text::full(&mut out, rows, summary, color)?,
            Format::Grouped => text::grouped(&mut out, rows, summary, color)?,
            Format::Json => machine::json(&mut out, rows, summary)?,
            Format::JsonLines => machine::json_lines(&mut out, rows)?,
            Format::Github => machine::github(&mut out, rows)?,
            Format::Gitlab => machine::gitlab(&mut out, rows)?,
            Format::Sarif => sarif::write(&mut out, rows, lib)?,
            Format::Junit => junit::write(&mut out, rows, summary)?,
        }
    }
    out.flush()?;
    Ok(())
}

/// Findings per tip, most first (`--statistics`): text, or JSON for the machine formats.
fn stats(out: &mut impl Write, rows: &[Row], format: Format, color: bool) -> anyhow::Result<()> {
    let mut by: std::collections::BTreeMap<&str, (usize, usize, &Row)> = Default::default();
    for r in rows {
        let e = by.entry(&r.tip).or_insert((0, 0, r));
        e.0 += 1;
        e.1 += r.fix.is_some() as usize;
    }
    let mut v: Vec<_> = by.into_iter().collect();
    v.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.0.cmp(b.0)));
    if matches!(format, Format::Concise | Format::Full | Format::Grouped) {
        let width = v.iter().map(|(t, _)| t.len()).max().unwrap_or(0);
        for (tip, (n, fixable, r)) in &v {
            let fix = if *fixable > 0 { "[*]" } else { "   " };
            writeln!(
                out,
                "{n:>6}  {tip:<width$}  {fix} {}  {}",
                text::paint_severity(r.severity, color),
                r.message
            )?;
        }
        return Ok(());
    }
    let list: Vec<_> = v
        .iter()
        .map(|(tip, (n, fixable, r))| {
            serde_json::json!({ "tip": tip, "count": n, "fixable": fixable, "severity": r.severity.as_str(), "message": &*r.message })
        })
        .collect();
    writeln!(out, "{}", serde_json::to_string_pretty(&list)?)?;
    Ok(())
}

/// A stable fingerprint of a finding for GitLab and SARIF: FNV-1a of tip, path, trimmed line
/// text and how many identical ones came before (so two equal findings in a file stay distinct).
pub fn fingerprint(r: &Row, nth: usize) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for part in [
        r.tip.as_bytes(),
        r.rel.as_bytes(),
        r.source_line.trim().as_bytes(),
        nth.to_string().as_bytes(),
    ] {
        for &b in part.iter().chain(&[0xff]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x100000001b3);
        }
    }
    format!("{h:016x}")
}

/// Fingerprints of all rows, in order.
pub fn fingerprints(rows: &[Row]) -> Vec<String> {
    let mut seen: std::collections::HashMap<(&str, &str, &str), usize> = Default::default();
    rows.iter()
        .map(|r| {
            let n = seen
                .entry((&r.tip, &r.rel, r.source_line.trim()))
                .or_default();
            *n += 1;
            fingerprint(r, *n - 1)
        })
        .collect()
}

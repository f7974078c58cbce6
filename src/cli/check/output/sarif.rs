//! SARIF 2.1.0 (one run; a rule per tip found, with its help link; regions in Unicode code points,
//! which is what our columns count). Validated against the OASIS schema by `scripts/formats-test.sh`.

use std::collections::BTreeMap;
use std::io::Write;

use serde_json::{Value, json};

use super::super::Row;
use crate::skills::library::Library;
use crate::skills::model::Severity;

const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Information | Severity::Hint => "note",
    }
}

/// Relative paths as URI references: `/` kept, everything unsafe percent-encoded.
fn uri(rel: &str) -> String {
    const SET: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'/')
        .remove(b'-')
        .remove(b'_')
        .remove(b'.')
        .remove(b'~');
    percent_encoding::utf8_percent_encode(rel, SET).to_string()
}

/// A help link as an absolute URI: a file skill's path as `file://`, an embedded one as `builtin:`.
fn help_uri(help: &str) -> String {
    if let Some(rest) = help.strip_prefix("builtin:") {
        return format!("builtin:{}", uri(rest).replace("%23", "#"));
    }
    let (path, anchor) = help
        .split_once('#')
        .map_or((help, None), |(p, a)| (p, Some(a)));
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.into());
    let mut s = format!("file://{}", uri(&abs.to_string_lossy().replace('\\', "/")));
    if let Some(a) = anchor {
        s.push('#');
        s.push_str(&uri(a));
    }
    s
}

pub fn write(out: &mut impl Write, rows: &[Row], lib: &Library) -> anyhow::Result<()> {
    // Rules: one per tip that has a finding, in id order; results point at them by index.
    let mut rules: BTreeMap<&str, &Row> = BTreeMap::new();
    for r in rows {
        rules.entry(&r.tip).or_insert(r);
    }
    let index: BTreeMap<&str, usize> = rules.keys().enumerate().map(|(i, k)| (*k, i)).collect();
    let rule_list: Vec<Value> = rules
        .values()
        .map(|r| {
            let tip = lib.tips.tips().iter().find(|t| *t.id == *r.tip);
            let mut v = json!({
                "id": &*r.tip,
                "name": r.tip.rsplit_once('/').map_or(&*r.tip, |(_, t)| t),
                "shortDescription": { "text": &*r.message },
                "defaultConfiguration": { "level": level(tip.map_or(r.severity, |t| t.severity)) },
                "properties": { "skill": &*r.skill },
            });
            if let Some(h) = &r.help {
                v["helpUri"] = json!(help_uri(h));
                v["help"] = json!({ "text": format!("See the skill {} ({h}).", r.skill) });
            }
            if let Some(t) = tip
                && !t.equivalents.is_empty()
            {
                v["properties"]["equivalents"] =
                    json!(t.equivalents.iter().map(|e| &**e).collect::<Vec<_>>());
            }
            v
        })
        .collect();
    let prints = super::fingerprints(rows);
    let results: Vec<Value> = rows
        .iter()
        .zip(prints)
        .map(|(r, fp)| {
            let mut v = json!({
                "ruleId": &*r.tip,
                "ruleIndex": index[&*r.tip],
                "level": level(r.severity),
                "message": { "text": &*r.message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri(&r.rel), "uriBaseId": "%SRCROOT%" },
                        "region": {
                            "startLine": r.line,
                            "startColumn": r.col,
                            "endLine": r.end_line,
                            "endColumn": r.end_col,
                            "snippet": { "text": r.source_line },
                        },
                    },
                }],
                "partialFingerprints": { "skillLsp/v1": fp },
            });
            if let Some(f) = &r.fix {
                v["fixes"] = json!([{
                    "description": { "text": format!("Replace `{}` with `{}`", f.edit.old, f.edit.new) },
                    "artifactChanges": [{
                        "artifactLocation": { "uri": uri(&r.rel), "uriBaseId": "%SRCROOT%" },
                        "replacements": [{
                            "deletedRegion": {
                                "startLine": f.line, "startColumn": f.col,
                                "endLine": f.end_line, "endColumn": f.end_col,
                            },
                            "insertedContent": { "text": f.edit.new },
                        }],
                    }],
                }]);
            }
            v
        })
        .collect();
    let v = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "skill-lsp",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": rule_list,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    writeln!(out, "{}", serde_json::to_string_pretty(&v)?)?;
    Ok(())
}

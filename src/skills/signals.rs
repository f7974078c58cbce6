//! Named content signals (`content: [{imports: [...]}, {kind: [...]}, ...]`): each becomes a
//! regex over the document's first 64 KiB (run with every other content regex in selection's one
//! pass), except `dialect`, which asks [`super::dialect`]. Also the words a reason shows for a
//! match (`imports hardhat`, `kind: Deployment`).

use super::model::{Signal, SignalKind};

/// A value as a regex: escaped, `*` a wildcard within a name.
fn value_re(v: &str) -> String {
    v.split('*')
        .map(regex::escape)
        .collect::<Vec<_>>()
        .join(r"[\w.-]*")
}

fn alternatives(values: &[String]) -> String {
    let alts: Vec<String> = values.iter().map(|v| value_re(v.trim())).collect();
    format!("(?:{})", alts.join("|"))
}

/// The regex a signal stands for; `None` for `dialect` (not a regex).
pub fn regex(s: &Signal) -> Option<String> {
    let m = alternatives(&s.values);
    Some(match s.kind {
        // Python/Java/Kotlin/Swift `import m`, `from m import`; C# `using m;`; Rust `use m::`;
        // JS/TS `from 'm'`, `require('m')`, `import 'm'`, `import('m')`; Go `"m/..."` lines.
        SignalKind::Imports => format!(
            r#"(?m)^[ \t]*(?:from|import)[ \t]+{m}(?:[.\s;,]|$)|^[ \t]*using[ \t]+(?:static[ \t]+)?{m}[ \t]*[.;]|^[ \t]*(?:pub[ \t]+)?use[ \t]+{m}::|(?:\bfrom|\brequire[ \t]*\(|\bimport[ \t]*\(?)[ \t]*['"]{m}(?:/[^'"\n]*)?['"]|^[ \t]*(?:import[ \t]+)?(?:[\w.]+[ \t]+)?"{m}(?:/[^"\n]*)?"[ \t]*$"#
        ),
        SignalKind::Kind => format!(
            r#"(?m)^kind:[ \t]*["']?{m}["']?[ \t]*(?:#.*)?$|^[ \t]*"kind"[ \t]*:[ \t]*"{m}""#
        ),
        SignalKind::ApiVersion => format!(
            r#"(?m)^apiVersion:[ \t]*["']?{m}(?:/[\w.-]*)?["']?[ \t]*(?:#.*)?$|^[ \t]*"apiVersion"[ \t]*:[ \t]*"{m}(?:/[\w.-]*)?""#
        ),
        // YAML at the left margin, TOML tables and keys, JSON members of the root object.
        SignalKind::Keys => format!(
            r#"(?m)^["']?{m}["']?[ \t]*:|^\[{m}[\].]|^{m}[ \t]*=|^(?:\{{[ \t]*)?[ \t]{{0,4}}"{m}"[ \t]*:"#
        ),
        SignalKind::Shebang => format!(r"\A#![^\n]*\b{m}\b"),
        SignalKind::Text => {
            if s.values.len() == 1 {
                s.values[0].clone()
            } else {
                let alts: Vec<String> = s.values.iter().map(|r| format!("(?:{r})")).collect();
                alts.join("|")
            }
        }
        SignalKind::Dialect => return None,
    })
}

/// Whether the signal says what the file is (imports, a kind, keys, ...) rather than matching
/// some text: the stronger kind of content evidence.
pub fn is_strong(kind: SignalKind) -> bool {
    kind != SignalKind::Text
}

/// The reason for a match, in words: `imports hardhat`, `kind: Deployment`, `dialect
/// ClickHouse`. `found` is the matched text (empty when unknown): the value it contains is
/// named, else every value.
pub fn words(s: &Signal, found: &str) -> String {
    let named: Vec<&str> = {
        let hit: Vec<&str> = s
            .values
            .iter()
            .map(String::as_str)
            .filter(|v| contains_value(found, v))
            .collect();
        if hit.is_empty() {
            s.values.iter().map(String::as_str).collect()
        } else {
            // The longest one that fits (`react-native` over `react`).
            let best = hit.iter().copied().max_by_key(|v| v.len()).unwrap_or("");
            vec![best]
        }
    };
    let list = named.join(" or ");
    match s.kind {
        SignalKind::Imports => format!("imports {list}"),
        SignalKind::Kind => format!("kind: {list}"),
        SignalKind::ApiVersion => format!("apiVersion: {list}"),
        SignalKind::Keys => format!("top-level key {list}"),
        SignalKind::Shebang => format!("#! {list}"),
        SignalKind::Dialect => format!("{list} dialect"),
        SignalKind::Text => {
            let re = &s.values[0];
            let shown: String = re.chars().take(60).collect();
            let more = if re.chars().count() > 60 { "…" } else { "" };
            format!("content matches `{shown}{more}`")
        }
    }
}

/// Does `found` contain the value `v` (`*` a wildcard)?
fn contains_value(found: &str, v: &str) -> bool {
    if found.is_empty() {
        return false;
    }
    match v.split_once('*') {
        None => found.contains(v),
        Some((a, b)) => found
            .find(a)
            .is_some_and(|i| b.is_empty() || found[i + a.len()..].contains(b)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sig(kind: SignalKind, values: &[&str]) -> Signal {
        Signal {
            kind,
            values: values.iter().map(|v| v.to_string()).collect(),
            languages: Vec::new(),
        }
    }

    fn hits(s: &Signal, text: &str) -> bool {
        regex::Regex::new(&regex(s).unwrap())
            .unwrap()
            .is_match(text)
    }

    #[test]
    fn imports_in_each_language() {
        let s = sig(
            SignalKind::Imports,
            &["hardhat", "@nomicfoundation/*", "django.db"],
        );
        for text in [
            "const { ethers } = require(\"hardhat\");",
            "import { network } from 'hardhat';",
            "require(\"@nomicfoundation/hardhat-toolbox\");",
            "import hre from \"hardhat/config\"",
            "from django.db import models",
            "import django.db.models",
        ] {
            assert!(hits(&s, text), "{text}");
        }
        for text in [
            "// hardhat is great",
            "from djangoxdb import y",
            "import hardhatx from 'hardhatx'",
        ] {
            assert!(!hits(&s, text), "{text}");
        }
        let rust = sig(SignalKind::Imports, &["tokio"]);
        assert!(hits(&rust, "use tokio::sync::Mutex;"));
        let cs = sig(SignalKind::Imports, &["UnityEngine"]);
        assert!(hits(&cs, "using UnityEngine;"));
        let go = sig(SignalKind::Imports, &["github.com/gin-gonic/gin"]);
        assert!(hits(&go, "import (\n\t\"github.com/gin-gonic/gin\"\n)"));
        assert!(hits(&go, "\tg \"github.com/gin-gonic/gin/binding\""));
    }

    #[test]
    fn kinds_versions_keys_shebang() {
        let k = sig(SignalKind::Kind, &["Deployment", "Kustomization"]);
        assert!(hits(&k, "apiVersion: apps/v1\nkind: Deployment\n"));
        assert!(hits(&k, "{\n  \"kind\": \"Kustomization\",\n"));
        assert!(!hits(&k, "  kind: Deployment\n"), "nested, not top-level");
        assert!(!hits(&k, "kind: DeploymentConfig\n"));
        let v = sig(SignalKind::ApiVersion, &["*.istio.io", "argoproj.io"]);
        assert!(hits(&v, "apiVersion: networking.istio.io/v1beta1\n"));
        assert!(hits(&v, "apiVersion: argoproj.io/v1alpha1\n"));
        assert!(!hits(&v, "apiVersion: apps/v1\n"));
        let keys = sig(SignalKind::Keys, &["expo", "tool.poetry"]);
        assert!(hits(&keys, "{\n  \"expo\": {\n"));
        assert!(hits(&keys, "expo:\n  name: x\n"));
        assert!(hits(&keys, "[tool.poetry]\nname = 'x'\n"));
        assert!(!hits(&keys, "{\n  \"a\": {\n        \"expo\": 1\n"));
        let sh = sig(SignalKind::Shebang, &["bash", "sh"]);
        assert!(hits(&sh, "#!/usr/bin/env bash\nset -e\n"));
        assert!(!hits(&sh, "echo\n#!/bin/bash\n"));
    }

    #[test]
    fn reasons_name_what_was_found() {
        let s = sig(SignalKind::Imports, &["react", "react-native"]);
        assert_eq!(words(&s, "} from \"react-native\""), "imports react-native");
        assert_eq!(words(&s, ""), "imports react or react-native");
        let k = sig(SignalKind::Kind, &["Deployment"]);
        assert_eq!(words(&k, "kind: Deployment"), "kind: Deployment");
    }
}

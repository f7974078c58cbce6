//! Property test of incremental tip search (issue 14): random edits to real-looking Python,
//! JavaScript, Rust, shell and YAML documents, with the bundled library; after every edit the findings
//! recomputed from the previous version (`TipIndex::find_incremental`, as the server's
//! diagnostics task runs it: selection, the project's suppressions, every tip) must equal a
//! whole search of the same text, and so must what the search left out. Edits insert and delete
//! the text that moves context (quotes, `#`, `async`, brackets, decorators, ignore comments) and
//! the text tips look for. The case count is fixed so the run is bounded.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, TestRunner};
use skill_lsp::settings::Settings;
use skill_lsp::skills::library::{Library, SkillSources};
use skill_lsp::skills::select::{self, DocumentInfo};
use skill_lsp::skills::tips::incremental::Prev;
use skill_lsp::skills::tips::{Document, FindExtra, FindOptions, Report};

const PY: &str = r#"import json
import hashlib
import subprocess
import requests
from datetime import datetime


class Store:
    """Keeps records."""

    def __init__(self, path, items=[]):
        self.path = path
        self.items = items

    def load(self):
        try:
            with open(self.path) as f:
                return json.load(f)
        except Exception:
            pass
        return None

    async def fetch(self, url):
        r = requests.get(url)
        return r.json()

    def run(self, cmd):
        subprocess.run(
            cmd,
            shell=True,
        )
        digest = hashlib.md5(cmd.encode()).hexdigest()
        return digest


def compare(a, b):
    if a == None:
        return type(a) == type(b)
    stamp = datetime.utcnow()
    return eval(b)  # skill-lsp: ignore
"#;

const JS: &str = r#"const fs = require('fs');

function load(path) {
  try {
    return JSON.parse(fs.readFileSync(path, 'utf8'));
  } catch (e) {
  }
  if (path == null) {
    console.log("missing");
  }
  return eval(path);
}

async function save(path, data) {
  fs.writeFileSync(path, JSON.stringify(data));
  document.getElementById('x').innerHTML = data;
}

describe('load', () => {
  it('reads', () => {
    load('x');
  });
});
"#;

const RS: &str = r#"use std::fs;

pub fn read(path: &str) -> String {
    fs::read_to_string(path).unwrap()
}

pub async fn slow() {
    std::thread::sleep(std::time::Duration::from_secs(1));
    let v: Option<u8> = None;
    v.unwrap();
}

#[cfg(test)]
mod tests {
    #[test]
    fn t() {
        super::read("x").len();
        None::<u8>.unwrap();
    }
}
"#;

const YAML: &str = r#"on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: echo "${{ github.event.issue.title }}"
      - run: curl https://example.com/install.sh | sh
"#;

const SH: &str = r#"#!/usr/bin/env bash
set -euo pipefail

out=build
name="$1"

clean() {
  rm -rf $out/cache
  cp $name "$out/"
}

for f in *.txt; do
  echo "$f"
done

if [[ -n $name ]]; then
  mkdir -p $out/logs
fi
chmod 755 $name
"#;

/// Text an edit inserts: context movers and what the tips look for.
const PIECES: &[&str] = &[
    "a",
    " ",
    "\n",
    "\n    ",
    "#",
    "# skill-lsp: ignore\n",
    "\"",
    "\"\"\"",
    "'",
    "`",
    "(",
    ")",
    "{",
    "}",
    ":",
    "async ",
    "await ",
    "@pytest.mark.slow\n",
    "x == None",
    "eval(x)",
    "requests.post(u)",
    "requests.get(u, timeout=3)",
    "shell=True, ",
    "except:\n        pass\n",
    "    def f(self):\n        return eval(y)\n",
    "hashlib.sha1(b)",
    ".unwrap()",
    "// ",
    "/* ",
    "*/",
    "é",
    "😀",
    "      - run: npm install\n",
    "    permissions: {}\n",
    "from hashlib import md5\n",
    "md5(x)",
    "out=\"a b\"\n",
    "name=ok\n",
    "rm $out\n",
];

#[derive(Debug, Clone)]
enum Edit {
    /// At a fraction of the text (snapped to a character boundary), delete bytes, insert text:
    /// mostly breaks the syntax (a whole search then).
    Raw {
        at: f64,
        delete: usize,
        insert: String,
    },
    /// Replace the ASCII letter at or after a fraction of the text with another: mostly keeps it.
    Letter { at: f64, to: char },
    /// Duplicate the line at a fraction of the text, or drop it.
    Line { at: f64, drop: bool },
}

fn edit() -> impl Strategy<Value = Edit> {
    let raw = (
        0.0f64..1.0,
        prop_oneof![3 => Just(0usize), 2 => 1usize..4, 1 => 4usize..80],
        proptest::collection::vec(proptest::sample::select(PIECES.to_vec()), 0..3),
    )
        .prop_map(|(at, delete, v)| Edit::Raw {
            at,
            delete,
            insert: v.concat(),
        });
    prop_oneof![
        2 => raw,
        3 => (0.0f64..1.0, proptest::char::range('a', 'z')).prop_map(|(at, to)| Edit::Letter { at, to }),
        2 => (0.0f64..1.0, any::<bool>()).prop_map(|(at, drop)| Edit::Line { at, drop }),
    ]
}

fn snap(text: &str, at: f64) -> usize {
    let mut a = ((text.len() as f64) * at) as usize;
    while !text.is_char_boundary(a) {
        a -= 1;
    }
    a
}

fn apply(text: &str, e: &Edit) -> String {
    match e {
        Edit::Raw { at, delete, insert } => {
            let a = snap(text, *at);
            let mut b = (a + delete).min(text.len());
            while !text.is_char_boundary(b) {
                b += 1;
            }
            format!("{}{}{}", &text[..a], insert, &text[b..])
        }
        Edit::Letter { at, to } => {
            let a = snap(text, *at);
            match text[a..].find(|c: char| c.is_ascii_lowercase()) {
                Some(i) => {
                    let i = a + i;
                    format!("{}{}{}", &text[..i], to, &text[i + 1..])
                }
                None => text.to_string(),
            }
        }
        Edit::Line { at, drop } => {
            let a = snap(text, *at);
            let s = text[..a].rfind('\n').map_or(0, |i| i + 1);
            let e = text[a..].find('\n').map_or(text.len(), |i| a + i + 1);
            if *drop {
                format!("{}{}", &text[..s], &text[e..])
            } else {
                format!("{}{}", &text[..e], &text[s..])
            }
        }
    }
}

struct Fixture {
    lib: Library,
    root: PathBuf,
    _tmp: tempfile::TempDir,
}

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().canonicalize().unwrap();
        std::fs::create_dir_all(root.join("app")).unwrap();
        std::fs::create_dir_all(root.join(".github/workflows")).unwrap();
        let lib = Library::load(&SkillSources {
            builtin: true,
            ..Default::default()
        });
        Fixture {
            lib,
            root,
            _tmp: tmp,
        }
    })
}

/// The search the server's diagnostics task runs, whole or from `prev` (text and report).
fn search(path: &Path, lang: &str, text: &str, prev: Option<(&str, &Report)>) -> (Report, bool) {
    let f = fixture();
    let settings = Settings::default();
    let info = DocumentInfo {
        path: Some(path),
        root: Some(&f.root),
        language_id: lang,
        text,
    };
    let matches = f.lib.select_skills_with(&info, settings.skills.filter());
    let selected: Vec<usize> = matches.iter().map(|m| m.skill).collect();
    let rules = skill_lsp::skills::policy::for_document(&info, &settings.tips).unwrap_or_default();
    let opts = FindOptions {
        settings: Some(&settings.tips),
        implicit: true,
        ..Default::default()
    };
    let extra = FindExtra {
        rules: Some(&rules),
        keep_suppressed: false,
        tests_too: false,
    };
    let rel = select::match_path(&info);
    let doc = Document {
        text,
        language_id: lang,
        rel_path: rel.as_deref(),
    };
    let n = f.lib.skills.len();
    if let Some((old, r)) = prev {
        let p = Prev {
            text: old,
            findings: &r.findings,
            limits: &r.limits,
            memo: &r.memo,
        };
        if let Some(r) = f
            .lib
            .tips
            .find_incremental(n, &selected, &doc, &opts, &extra, None, p)
        {
            return (r, true);
        }
    }
    (
        f.lib
            .tips
            .find_in_report_with(n, &selected, &doc, &opts, &extra, None),
        false,
    )
}

fn check(rel: &str, lang: &str, start: &str, cases: u32) {
    let path = fixture().root.join(rel);
    let mut runner = TestRunner::new(Config {
        cases,
        ..Config::default()
    });
    let strategy = proptest::collection::vec(edit(), 1..12);
    let mut incremental = 0;
    let mut edits = 0;
    for _ in 0..cases {
        let edits_case = strategy.new_tree(&mut runner).unwrap().current();
        let mut text = start.to_string();
        let (mut report, _) = search(&path, lang, &text, None);
        assert!(
            !report.findings.is_empty(),
            "{rel}: the document has findings"
        );
        for e in &edits_case {
            let next = apply(&text, e);
            let (inc, was) = search(&path, lang, &next, Some((&text, &report)));
            let (full, _) = search(&path, lang, &next, None);
            edits += 1;
            incremental += usize::from(was);
            assert_eq!(
                inc.findings, full.findings,
                "{rel}: findings after {e:?}\n--- before\n{text}\n--- after\n{next}"
            );
            assert_eq!(inc.limits, full.limits, "{rel}: limits after {e:?}");
            // An edit that broke the syntax was checked (a whole search): go on from the text
            // before it, so the case keeps editing a tree the incremental path can use.
            if skill_lsp::skills::tips::structural::trees::syntax_error(lang, &next).is_none() {
                text = next;
                report = inc;
            }
        }
    }
    eprintln!("{rel}: {incremental} of {edits} edits recomputed incrementally");
    if lang != "yaml" {
        assert!(
            incremental * 3 >= edits,
            "{rel}: only {incremental} of {edits} edits took the incremental path"
        );
    }
}

#[test]
fn python_edits_give_the_findings_of_a_whole_search() {
    check("app/service.py", "python", PY, 48);
}

#[test]
fn javascript_edits_give_the_findings_of_a_whole_search() {
    check("app/load.js", "javascript", JS, 32);
}

#[test]
fn rust_edits_give_the_findings_of_a_whole_search() {
    check("app/lib.rs", "rust", RS, 32);
}

#[test]
fn bash_edits_give_the_findings_of_a_whole_search() {
    check("app/build.sh", "shellscript", SH, 32);
}

/// Findings that depend on another statement (a shell variable's assignments, a Python import)
/// change when only that statement is edited: the edit is far from every finding it changes.
#[test]
fn an_edit_changes_findings_elsewhere_that_depend_on_it() {
    let cases: &[(&str, &str, &str, &str, &str)] = &[
        (
            "app/build.sh",
            "shellscript",
            SH,
            "out=build\n",
            "out=\"$2\"\n",
        ),
        (
            "app/service.py",
            "python",
            "from hashlib import md5\n\n\ndef f(x):\n    return md5(x).hexdigest()\n",
            "from hashlib import md5\n",
            "from hashlib import sha256\n",
        ),
    ];
    for &(rel, lang, start, from, to) in cases {
        let path = fixture().root.join(rel);
        let next = start.replacen(from, to, 1);
        assert_ne!(next, start);
        let (before, _) = search(&path, lang, start, None);
        let (inc, was) = search(&path, lang, &next, Some((start, &before)));
        let (full, _) = search(&path, lang, &next, None);
        assert!(was, "{rel}: the edit took the incremental path");
        assert_ne!(
            before.findings.len(),
            full.findings.len(),
            "{rel}: the edit changes findings"
        );
        assert_eq!(
            inc.findings, full.findings,
            "{rel}: after {from:?} -> {to:?}"
        );
    }
}

#[test]
fn yaml_edits_give_the_findings_of_a_whole_search() {
    check(".github/workflows/ci.yml", "yaml", YAML, 12);
}

/// Found by the YAML case above (a CI run, 2026-12-07): tree-sitter's YAML document takes in
/// the blank lines after it, so the job node of `missing-permissions` ran to the old text's end.
/// Deleting the last blank line edited only past the new tree's end, and the region, grown by
/// the new tree's statements alone, left that node out: its finding was dropped, not found again.
#[test]
fn deleting_a_trailing_blank_line_keeps_a_finding_whose_node_reached_it() {
    let before = "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: echo \"${{ github.event.issue.title }}\"\n\n";
    let path = fixture().root.join(".github/workflows/ci.yml");
    let (old, _) = search(&path, "yaml", before, None);
    let ids = |r: &Report| {
        r.findings
            .iter()
            .map(|f| f.id.to_string())
            .collect::<Vec<_>>()
    };
    assert!(
        ids(&old).contains(&"github-actions/missing-permissions".to_string()),
        "{:?}",
        ids(&old)
    );
    for cut in 1..=2 {
        let after = &before[..before.len() - cut];
        let (inc, was) = search(&path, "yaml", after, Some((before, &old)));
        let (full, _) = search(&path, "yaml", after, None);
        assert!(was, "the edit took the incremental path");
        assert_eq!(ids(&inc), ids(&full), "after cutting {cut} newline(s)");
        assert_eq!(inc.findings, full.findings);
    }
}

//! Property test over positions, through the in-process duplex harness: hovers, completions,
//! code actions and code lenses at random positions (past the end of a line, past the last
//! line, inside a surrogate pair or a multi-byte character, `u32::MAX`), interleaved with
//! incremental edits at random (also inverted and out-of-range) ranges, in each of the three
//! position encodings. Every request is answered (a hang fails the harness's timeout), no answer
//! is an internal error, every range in an answer lies inside the document as the client holds
//! it, and the server still serves a known hover at the end. The case count is fixed so the run
//! is bounded (seconds in CI).

mod common;

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{Value, json};

/// Lines mixing ASCII, two-byte, three-byte and astral characters (a surrogate pair in UTF-16),
/// with tabs and a CRLF, so that byte, UTF-16 and code point offsets all differ.
const PY: &str = "import pickle\r\n\
data = pickle.loads(blob)  # é 😀 ü\n\
\tname = \"naïve 🦀 text\"\n\
def f(x):\n    return eval(x)  # ∑∂ 😀😀\n";

const SKILL: &str = "---\nname: demo-skill\ndescription: Demo 😀 guidance\nglobs: \"**/*.py\"\n---\n# Demo\n\n## Pickle é\n\n<!-- skill-lsp tip\nid: pickle-load\npattern: pickle\\.loads\nmessage: untrusted pickle 😀\n-->\n";

const YAML: &str = "on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4 # 😀\n      - run: echo \"${{ github.event.issue.title }}\" é\n";

#[derive(Debug, Clone)]
enum Op {
    Hover(usize, u32, u32),
    Completion(usize, u32, u32),
    CodeAction(usize, (u32, u32), (u32, u32)),
    CodeLens(usize),
    Edit(usize, (u32, u32), (u32, u32), String),
}

/// A line or character: mostly near the text, sometimes far past it.
fn coord() -> impl Strategy<Value = u32> {
    prop_oneof![8 => 0u32..40, 1 => 40u32..5_000, 1 => Just(u32::MAX)]
}

fn pos() -> impl Strategy<Value = (u32, u32)> {
    (coord(), coord())
}

fn insert_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        proptest::sample::select(vec![
            "a",
            "é",
            "😀",
            "\n",
            "\r\n",
            "\t",
            "pickle.loads(",
            " ",
        ]),
        0..6,
    )
    .prop_map(|v| v.concat())
}

fn op() -> impl Strategy<Value = Op> {
    let doc = 0usize..3;
    prop_oneof![
        4 => (doc.clone(), coord(), coord()).prop_map(|(d, l, c)| Op::Hover(d, l, c)),
        2 => (doc.clone(), coord(), coord()).prop_map(|(d, l, c)| Op::Completion(d, l, c)),
        2 => (doc.clone(), pos(), pos()).prop_map(|(d, a, b)| Op::CodeAction(d, a, b)),
        1 => doc.clone().prop_map(Op::CodeLens),
        2 => (doc, pos(), pos(), insert_text()).prop_map(|(d, a, b, t)| Op::Edit(d, a, b, t)),
    ]
}

/// The length of `line` in the encoding's units.
fn units(line: &str, encoding: &str) -> u32 {
    match encoding {
        "utf-8" => line.len() as u32,
        "utf-32" => line.chars().count() as u32,
        _ => line.encode_utf16().count() as u32,
    }
}

/// Lines as LSP counts them (`\n`, `\r\n` and `\r` end a line), without their terminators.
fn lines(text: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push(String::new());
            }
            '\n' => out.push(String::new()),
            c => out.last_mut().unwrap().push(c),
        }
    }
    out
}

/// Every `{start, end}` range anywhere in `v` that belongs to the document `uri` (hover and
/// completion ranges, and code action edits to this document) lies inside `text`. Ranges in a
/// command's arguments are skipped.
fn check_ranges(v: &Value, uri: &str, text: &str, encoding: &str, what: &str) -> usize {
    fn walk(v: &Value, inside_doc: bool, uri: &str, f: &mut dyn FnMut(&Value)) {
        match v {
            Value::Object(m) => {
                // Edits keyed by another document's URI (a settings file) are not checked.
                let doc = match m.get("textDocument").and_then(|t| t["uri"].as_str()) {
                    Some(u) => u == uri,
                    None => inside_doc,
                };
                if let Some(r) = m.get("range")
                    && doc
                {
                    f(r);
                }
                for (k, child) in m {
                    if k == "changes" {
                        if let Some(edits) = child.get(uri) {
                            walk(edits, true, uri, f);
                        }
                    } else if k != "range" && k != "command" {
                        // A command's arguments are the client's own request echoed (the
                        // range to ask about), not a position the server computed.
                        walk(child, doc, uri, f);
                    }
                }
            }
            Value::Array(a) => a.iter().for_each(|c| walk(c, inside_doc, uri, f)),
            _ => {}
        }
    }
    let ls = lines(text);
    let mut checked = 0;
    walk(v, true, uri, &mut |r| {
        checked += 1;
        for end in ["start", "end"] {
            let line = r[end]["line"].as_u64().expect("line") as usize;
            let ch = r[end]["character"].as_u64().expect("character") as u32;
            assert!(
                line < ls.len(),
                "{what}: {end} line {line} of {}: {v}",
                ls.len()
            );
            let len = units(&ls[line], encoding);
            assert!(
                ch <= len,
                "{what}: {end} character {ch} > {len} on line {line}: {v}"
            );
        }
    });
    checked
}

fn position(p: (u32, u32)) -> Value {
    json!({"line": p.0, "character": p.1})
}

/// Applies an LSP edit to the client's copy the way the protocol defines it: positions past the
/// end of a line mean its end, past the last line the end of the text; a position inside a
/// character is where the server decides, so the client resyncs with a full change afterwards.
async fn run(encoding: &str, cases: u32) {
    let mut s = common::builder()
        .file(".skills/demo/SKILL.md", SKILL)
        .capabilities({
            let mut c = common::default_capabilities();
            c["general"]["positionEncodings"] = json!([encoding]);
            c
        })
        .start()
        .await;
    assert_eq!(
        s.init_result["capabilities"]["positionEncoding"], encoding,
        "the server takes the only encoding offered"
    );
    let docs = [
        (s.uri("app.py"), "python", PY.to_string()),
        (
            s.uri(".skills/demo/SKILL.md"),
            "markdown",
            SKILL.to_string(),
        ),
        (s.uri(".github/workflows/ci.yml"), "yaml", YAML.to_string()),
    ];
    let rels = [
        "app.py",
        ".skills/demo/SKILL.md",
        ".github/workflows/ci.yml",
    ];
    let mut texts: Vec<String> = docs.iter().map(|d| d.2.clone()).collect();
    let mut versions = [1i32; 3];
    for (i, (_, lang, text)) in docs.iter().enumerate() {
        s.open(rels[i], lang, text).await;
    }

    let mut runner = TestRunner::new(Config {
        rng_algorithm: proptest::test_runner::RngAlgorithm::ChaCha,
        ..Config::default()
    });
    let strategy = op();
    let mut answered = 0;
    let mut ranges = 0;
    for _ in 0..cases {
        let op = strategy.new_tree(&mut runner).unwrap().current();
        let d = match &op {
            Op::Hover(d, ..)
            | Op::Completion(d, ..)
            | Op::CodeAction(d, ..)
            | Op::CodeLens(d)
            | Op::Edit(d, ..) => *d,
        };
        let uri = docs[d].0.as_str().to_string();
        let doc = json!({"uri": uri});
        let (method, params) = match &op {
            Op::Hover(_, l, c) => (
                "textDocument/hover",
                json!({"textDocument": doc, "position": position((*l, *c))}),
            ),
            Op::Completion(_, l, c) => (
                "textDocument/completion",
                json!({"textDocument": doc, "position": position((*l, *c))}),
            ),
            Op::CodeAction(_, a, b) => (
                "textDocument/codeAction",
                json!({"textDocument": doc, "range": {"start": position(*a), "end": position(*b)},
                       "context": {"diagnostics": []}}),
            ),
            Op::CodeLens(_) => ("textDocument/codeLens", json!({"textDocument": doc})),
            Op::Edit(_, a, b, text) => {
                versions[d] += 1;
                s.notify_raw(
                    "textDocument/didChange",
                    json!({"textDocument": {"uri": uri, "version": versions[d]},
                           "contentChanges": [{"range": {"start": position(*a), "end": position(*b)}, "text": text}]}),
                )
                .await;
                // Where an edit lands inside a character or past the end is the server's
                // choice; resynchronise with a full change so the ranges can be checked.
                let next = format!("{}{text}", texts[d]);
                versions[d] += 1;
                s.change_full(&docs[d].0, versions[d], &next).await;
                texts[d] = next;
                continue;
            }
        };
        match s.request_raw(method, params.clone()).await {
            Ok(v) => {
                ranges +=
                    check_ranges(&v, &uri, &texts[d], encoding, &format!("{method} {params}"));
                answered += 1;
            }
            Err(e) => {
                let code = e["code"].as_i64().unwrap_or(0);
                assert!(code != -32603, "{method} {params}: internal error {e}");
                answered += 1;
            }
        }
    }
    assert!(
        answered > cases / 2,
        "most operations are requests: {answered}"
    );
    // Hovers on tip hits and the ignore-comment edits carry ranges: the check saw real ones.
    assert!(ranges > 20, "only {ranges} ranges in {answered} answers");

    // Still serving: the tip on the first document's second line, after a full resync.
    versions[0] += 1;
    s.change_full(&docs[0].0, versions[0], PY).await;
    let line = 1u32;
    let ch = units("data = pickle", encoding);
    let h = s
        .request_raw(
            "textDocument/hover",
            json!({"textDocument": {"uri": docs[0].0.as_str()}, "position": position((line, ch))}),
        )
        .await
        .expect("hover");
    assert!(
        h.to_string().contains("untrusted pickle"),
        "the tip's hover after {cases} random operations: {h}"
    );
    s.shutdown().await;
}

#[tokio::test]
async fn random_positions_utf16() {
    run("utf-16", 400).await;
}

#[tokio::test]
async fn random_positions_utf8() {
    run("utf-8", 400).await;
}

#[tokio::test]
async fn random_positions_utf32() {
    run("utf-32", 400).await;
}

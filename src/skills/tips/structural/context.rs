//! Context conditions judged on the syntax tree: is a byte in a comment, a string or code; is a
//! node in an async body; is it in a test scope.
//!
//! Every compiled grammar but JSON judges ([`judges`]): Python, JavaScript, TypeScript, TSX, Go,
//! Rust, Bash, YAML, Dockerfile and HCL. This answers for regex tips as well as structural ones;
//! the hand-written lexer (`tips::lexer`) answers only for languages without one of these grammars.
//!
//! Shell inside a Dockerfile (a `RUN`/`CMD` shell command, a `RUN <<EOF` heredoc) is opaque text
//! to its grammar, so that text is parsed again with the Bash grammar: `RUN echo "curl | sh"` is a
//! string there, `# note` lines a comment. A YAML scalar is code unless it is quoted (`run: echo
//! "$X"` is code: GitHub Actions expands `${{ }}` in it before any shell reads it). HCL `"${x}"`
//! and `%{ if }` inside a string are code, like `f"{x}"` in Python.

use ast_grep_core::Node;
use ast_grep_core::tree_sitter::StrDoc;

use super::{Grammar, Parsed};
use crate::skills::tips::lexer::Class;

pub type TNode<'r> = Node<'r, StrDoc<Grammar>>;

/// Does the tree of `g` judge comment/string/async/test context for regex tips too? (JSON has
/// no comments and no code: the lexer's one rule for it is all there is.)
pub fn judges(g: Grammar) -> bool {
    g != Grammar::Json
}

/// The smallest node holding the byte at `pos` (a token where there is one).
pub fn node_at(parsed: &Parsed, pos: usize) -> TNode<'_> {
    let root = parsed.root.root();
    let len = parsed.root.get_text().len();
    let pos = pos.min(len.saturating_sub(1));
    // The one-byte range: a zero-width one also matches the token that ends at `pos`.
    match root
        .get_inner_node()
        .descendant_for_byte_range(pos, (pos + 1).min(len))
    {
        Some(n) => parsed.root.adopt(n),
        None => root,
    }
}

/// What the byte at `pos` is: in a comment, in a string literal (an interpolation inside one,
/// `f"{x}"` or `` `${x}` ``, is code), or code.
pub fn class_at(parsed: &Parsed, pos: usize) -> Class {
    let g = parsed.grammar;
    let node = node_at(parsed, pos);
    for n in std::iter::once(node.clone()).chain(node.ancestors()) {
        let kind = n.kind();
        if kind.ends_with("comment") {
            return Class::Comment;
        }
        if is_interpolation(g, &kind) {
            return Class::Code;
        }
        if is_string(g, &kind) {
            return Class::String;
        }
        if g == Grammar::Dockerfile
            && let Some(c) = dockerfile_shell(parsed, &n, pos)
        {
            return c;
        }
    }
    Class::Code
}

/// Inside a Dockerfile shell command (`RUN`, shell-form `CMD`/`ENTRYPOINT`/`SHELL`/
/// `HEALTHCHECK`) or a `RUN` heredoc: the class of `pos` in that text parsed as Bash. `None`: `n`
/// is no shell. A `COPY <<EOF` heredoc is file content, a string.
fn dockerfile_shell(parsed: &Parsed, n: &TNode, pos: usize) -> Option<Class> {
    let range = match &*n.kind() {
        "shell_command" => n.range(),
        "heredoc_block" => {
            if n.parent().is_none_or(|p| p.kind() != "run_instruction") {
                return Some(Class::String);
            }
            // The script lines: after the block's first line break, before its end marker.
            let r = n.range();
            let end = n
                .children()
                .find(|c| c.kind() == "heredoc_end")
                .map_or(r.end, |e| e.range().start);
            r.start..end
        }
        _ => return None,
    };
    let text = parsed.root.get_text();
    // Dockerfile comment lines inside a continued instruction never reach the shell: blank them
    // (same length) so they do not end the command for Bash; they are comments either way.
    let mut script = text[range.clone()].as_bytes().to_vec();
    for c in n.dfs().filter(|c| c.kind() == "comment") {
        let r = c.range();
        if (r.start..r.end).contains(&pos) {
            return Some(Class::Comment);
        }
        for b in &mut script[r.start - range.start..r.end - range.start] {
            if *b != b'\n' {
                *b = b' ';
            }
        }
    }
    let script = String::from_utf8(script).ok()?;
    Some(shell_class(&script, pos.checked_sub(range.start)?))
}

/// The class of byte `pos` of a shell script, from its Bash tree (the last script parsed is kept:
/// the hits of one instruction ask about the same text).
fn shell_class(script: &str, pos: usize) -> Class {
    thread_local! {
        static LAST: std::cell::RefCell<Option<(String, Parsed)>> = const { std::cell::RefCell::new(None) };
    }
    LAST.with(|last| {
        let mut last = last.borrow_mut();
        if last.as_ref().is_none_or(|(t, _)| t != script) {
            *last = Parsed::new(Grammar::Bash, script).map(|p| (script.to_string(), p));
        }
        match last.as_ref() {
            Some((_, p)) => class_at(p, pos),
            None => Class::Code,
        }
    })
}

fn is_string(g: Grammar, kind: &str) -> bool {
    match g {
        Grammar::Python => kind == "string",
        Grammar::JavaScript | Grammar::TypeScript | Grammar::Tsx => {
            matches!(kind, "string" | "template_string" | "regex" | "jsx_text")
        }
        Grammar::Go => matches!(
            kind,
            "interpreted_string_literal" | "raw_string_literal" | "rune_literal"
        ),
        Grammar::Rust => matches!(
            kind,
            "string_literal" | "raw_string_literal" | "char_literal"
        ),
        Grammar::Bash => matches!(
            kind,
            "string" | "raw_string" | "ansi_c_string" | "translated_string" | "heredoc_body"
        ),
        Grammar::Yaml => matches!(kind, "double_quote_scalar" | "single_quote_scalar"),
        // Shell-form commands are judged by their Bash tree ([`dockerfile_shell`]).
        Grammar::Dockerfile => matches!(
            kind,
            "double_quoted_string" | "single_quoted_string" | "json_string"
        ),
        Grammar::Hcl => matches!(kind, "quoted_template" | "heredoc_template"),
        Grammar::Json => false,
    }
}

/// Code inside a string: `f"{x}"`, `` `${x}` ``, `"$(cmd)"` (a command substitution runs, and its
/// words are unquoted again), HCL `"${x}"` and `%{ if }`.
fn is_interpolation(g: Grammar, kind: &str) -> bool {
    match g {
        Grammar::Python => kind == "interpolation",
        Grammar::JavaScript | Grammar::TypeScript | Grammar::Tsx => kind == "template_substitution",
        Grammar::Bash => matches!(kind, "command_substitution" | "process_substitution"),
        Grammar::Hcl => matches!(kind, "template_interpolation" | "template_directive"),
        _ => false,
    }
}

/// Test scope from the tree, by the test frameworks' own markers: a pytest-decorated function or
/// class (`@pytest.mark.*`, `@pytest.fixture`), a `unittest`-style `*TestCase` class, a Go
/// function taking `*testing.T`/`B`/`F` or `testing.TB`, a Rust item under `#[test]`,
/// `#[cfg(test)]`, `#[tokio::test]`, `#[rstest]`, `#[bench]`, and a
/// `describe`/`it`/`test`/`before*`/`after*` callback. A name alone (`def test_start`,
/// `func TestX`) does not make a test: a test file does ([`crate::skills::tips::lexer::is_test_path`],
/// judged by the caller).
pub fn in_test(node: &TNode, g: Grammar) -> bool {
    node.ancestors().any(|a| is_test_scope(&a, g))
}

fn is_test_scope(a: &TNode, g: Grammar) -> bool {
    let kind = a.kind();
    match g {
        Grammar::Python => match &*kind {
            "decorated_definition" => a.children().any(|d| {
                d.kind() == "decorator" && {
                    let t = d.text();
                    let t = t.trim_start_matches('@').trim_start();
                    t.starts_with("pytest.mark.")
                        || t.starts_with("pytest.fixture")
                        || t.starts_with("mark.")
                }
            }),
            "class_definition" => a.field("superclasses").is_some_and(|bases| {
                bases.children().any(|b| {
                    let t = b.text();
                    matches!(&*b.kind(), "identifier" | "attribute")
                        && t.rsplit('.')
                            .next()
                            .is_some_and(|n| n.ends_with("TestCase"))
                })
            }),
            _ => false,
        },
        Grammar::Rust => {
            // `#[test]` / `#[cfg(test)]` are attribute siblings before the item.
            matches!(&*kind, "function_item" | "mod_item")
                && a.prev_all()
                    .take_while(|p| p.kind() == "attribute_item" || p.kind().contains("comment"))
                    .any(|p| p.kind() == "attribute_item" && rust_test_attribute(&p.text()))
        }
        Grammar::Go => {
            matches!(&*kind, "function_declaration" | "method_declaration")
                && a.field("parameters").is_some_and(|ps| {
                    ps.children().any(|p| {
                        p.kind() == "parameter_declaration"
                            && p.field("type").is_some_and(|t| {
                                let t = t.text();
                                let t: String = t.split_whitespace().collect();
                                matches!(
                                    t.as_str(),
                                    "*testing.T" | "*testing.B" | "*testing.F" | "testing.TB"
                                )
                            })
                    })
                })
        }
        Grammar::JavaScript | Grammar::TypeScript | Grammar::Tsx => {
            kind == "call_expression"
                && a.field("function").is_some_and(|f| {
                    let f = f.text();
                    let base = f.split(['.', '(']).next().unwrap_or("").trim();
                    matches!(
                        base,
                        "describe"
                            | "it"
                            | "test"
                            | "beforeEach"
                            | "afterEach"
                            | "beforeAll"
                            | "afterAll"
                    )
                })
                && a.field("arguments").is_some_and(|args| {
                    args.children().any(|c| {
                        matches!(
                            &*c.kind(),
                            "arrow_function" | "function_expression" | "function"
                        )
                    })
                })
        }
        _ => false,
    }
}

/// `#[test]`, `#[cfg(test)]` (also inside `all(...)`, not `not(test)`), `#[tokio::test]`,
/// `#[rstest]`, `#[test_case(...)]`, `#[bench]`.
fn rust_test_attribute(text: &str) -> bool {
    let inner = text
        .trim()
        .trim_start_matches("#[")
        .trim_end_matches(']')
        .trim();
    let path = inner
        .split(|c: char| c == '(' || c.is_whitespace())
        .next()
        .unwrap_or("");
    let last = path.rsplit("::").next().unwrap_or("");
    if matches!(last, "test" | "rstest" | "test_case" | "bench") {
        return true;
    }
    if path == "cfg" {
        let args = &inner[path.len()..];
        return !args.contains("not(")
            && args
                .split(|c: char| !c.is_alphanumeric() && c != '_')
                .any(|w| w == "test");
    }
    false
}

/// Inside an async body. The innermost function decides: a sync Python `def` or `lambda`, a
/// sync Rust `fn` or closure (`spawn_blocking(move || ...)` runs off the runtime) is not async;
/// a JavaScript arrow function runs on the same event loop, so a sync one inherits.
pub fn in_async(node: &TNode, g: Grammar) -> bool {
    for a in node.ancestors() {
        let kind = a.kind();
        let decides = match g {
            Grammar::Python => matches!(&*kind, "function_definition" | "lambda"),
            Grammar::Rust => {
                if kind == "async_block" {
                    return true;
                }
                matches!(&*kind, "function_item" | "closure_expression")
            }
            Grammar::JavaScript | Grammar::TypeScript | Grammar::Tsx => match &*kind {
                "arrow_function" => {
                    if has_async(&a) {
                        return true;
                    }
                    false
                }
                "function_declaration"
                | "function_expression"
                | "function"
                | "method_definition"
                | "generator_function_declaration"
                | "generator_function" => true,
                _ => false,
            },
            _ => return false,
        };
        if decides {
            return has_async(&a);
        }
    }
    false
}

/// The `async` keyword is an unnamed child before the body (Rust: in the modifiers).
fn has_async(a: &TNode) -> bool {
    a.children().any(|c| {
        c.kind() == "async"
            || (c.kind() == "function_modifiers" && c.children().any(|m| m.kind() == "async"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(g: Grammar, text: &str) -> Parsed {
        Parsed::new(g, text).expect("parses")
    }

    fn class(g: Grammar, text: &str, needle: &str) -> Class {
        let p = parsed(g, text);
        class_at(&p, text.find(needle).expect("needle"))
    }

    fn flags(g: Grammar, text: &str, needle: &str) -> (bool, bool) {
        let p = parsed(g, text);
        let n = node_at(&p, text.find(needle).expect("needle"));
        (in_async(&n, g), in_test(&n, g))
    }

    #[test]
    fn comments_strings_and_interpolations() {
        let py = "x = eval(y)  # eval(z)\ns = 'eval(a)'\nd = \"\"\"\neval(b)\n\"\"\"\nf = f\"{eval(c)} eval(d)\"\n";
        assert_eq!(class(Grammar::Python, py, "eval(y)"), Class::Code);
        assert_eq!(class(Grammar::Python, py, "eval(z)"), Class::Comment);
        assert_eq!(class(Grammar::Python, py, "eval(a)"), Class::String);
        assert_eq!(class(Grammar::Python, py, "eval(b)"), Class::String);
        assert_eq!(class(Grammar::Python, py, "eval(c)"), Class::Code);
        assert_eq!(class(Grammar::Python, py, "eval(d)"), Class::String);
        // The quote itself is the string's, not the code's before it.
        assert_eq!(class(Grammar::Python, py, "'eval(a)"), Class::String);
        // A regex literal holding `//` or a quote is no comment or string start (the lexer's
        // blind spot).
        let js = "const re = /https?:\\/\\//; const a = `x ${eval(1)} eval(2)`; // eval(3)\n/* eval(4) */ eval(5)\n";
        assert_eq!(class(Grammar::JavaScript, js, "eval(1)"), Class::Code);
        assert_eq!(class(Grammar::JavaScript, js, "eval(2)"), Class::String);
        assert_eq!(class(Grammar::JavaScript, js, "eval(3)"), Class::Comment);
        assert_eq!(class(Grammar::JavaScript, js, "eval(4)"), Class::Comment);
        assert_eq!(class(Grammar::JavaScript, js, "eval(5)"), Class::Code);
        let go = "package p\nvar s = `raw\npanic(1)`\nfunc f() { panic(2) } // panic(3)\n";
        assert_eq!(class(Grammar::Go, go, "panic(1)"), Class::String);
        assert_eq!(class(Grammar::Go, go, "panic(2)"), Class::Code);
        assert_eq!(class(Grammar::Go, go, "panic(3)"), Class::Comment);
        let rs = "fn f<'a>(x: &'a str) { let c = '\"'; let r = r#\"unwrap()\"#; x.unwrap() /* /* a */ unwrap(9) */ }\n";
        assert_eq!(class(Grammar::Rust, rs, "unwrap()\"#"), Class::String);
        assert_eq!(class(Grammar::Rust, rs, "x.unwrap"), Class::Code);
        assert_eq!(class(Grammar::Rust, rs, "unwrap(9)"), Class::Comment);
    }

    #[test]
    fn bash_strings_comments_and_substitutions() {
        let sh = "#!/bin/sh\nrm -rf $A # rm -rf $B\necho \"rm -rf $C $(rm -rf $D)\" 'rm -rf $E'\ncat <<EOF\nrm -rf $F $(rm -rf $G)\nEOF\nx=a#b; rm -rf $H\n";
        let g = Grammar::Bash;
        assert_eq!(class(g, sh, "/bin/sh"), Class::Comment, "the shebang");
        assert_eq!(class(g, sh, "rm -rf $A"), Class::Code);
        assert_eq!(class(g, sh, "rm -rf $B"), Class::Comment);
        assert_eq!(class(g, sh, "rm -rf $C"), Class::String);
        // A command substitution runs, quoted or not: its words are code again.
        assert_eq!(class(g, sh, "rm -rf $D"), Class::Code);
        assert_eq!(class(g, sh, "rm -rf $E"), Class::String);
        assert_eq!(class(g, sh, "rm -rf $F"), Class::String, "a here-document");
        assert_eq!(class(g, sh, "rm -rf $G"), Class::Code);
        // `#` inside a word is no comment.
        assert_eq!(class(g, sh, "rm -rf $H"), Class::Code);
    }

    #[test]
    fn yaml_quoted_scalars_are_strings_plain_and_block_ones_code() {
        let y = "# rm -rf $A\non: push\nsteps:\n  - run: rm -rf $B # rm -rf $C\n  - run: |\n      echo \"rm -rf $D\"\n      # rm -rf $E\n  - name: 'rm -rf $F'\n    env: { X: \"rm -rf $G\" }\n";
        let g = Grammar::Yaml;
        assert_eq!(class(g, y, "rm -rf $A"), Class::Comment);
        assert_eq!(class(g, y, "rm -rf $B"), Class::Code);
        assert_eq!(class(g, y, "rm -rf $C"), Class::Comment);
        // A `run:` script is code to the end: Actions expands `${{ }}` in it before any shell
        // sees quotes or comments.
        assert_eq!(class(g, y, "rm -rf $D"), Class::Code);
        assert_eq!(class(g, y, "rm -rf $E"), Class::Code);
        assert_eq!(class(g, y, "rm -rf $F"), Class::String);
        assert_eq!(class(g, y, "rm -rf $G"), Class::String);
    }

    #[test]
    fn dockerfile_shell_is_judged_as_bash() {
        let d = "# curl x | sh A\nFROM alpine:3.20\nENV MSG=\"curl x | sh B\"\nRUN curl x | sh C \\\n# curl x | sh D\n    && echo \"curl x | sh E\" 'curl x | sh F' \\\n    && echo $(curl x | sh G)\nCMD [\"curl x | sh H\"]\nCMD curl x | sh I\nRUN <<EOF\ncurl x | sh J\necho 'curl x | sh K'\nEOF\nCOPY <<EOF /etc/motd\ncurl x | sh L\nEOF\n";
        let g = Grammar::Dockerfile;
        assert!(!parsed(g, d).has_error);
        assert_eq!(class(g, d, "curl x | sh A"), Class::Comment);
        assert_eq!(class(g, d, "curl x | sh B"), Class::String);
        assert_eq!(class(g, d, "curl x | sh C"), Class::Code);
        assert_eq!(
            class(g, d, "curl x | sh D"),
            Class::Comment,
            "a comment line in a RUN"
        );
        assert_eq!(class(g, d, "curl x | sh E"), Class::String);
        assert_eq!(class(g, d, "curl x | sh F"), Class::String);
        assert_eq!(class(g, d, "curl x | sh G"), Class::Code);
        assert_eq!(
            class(g, d, "curl x | sh H"),
            Class::String,
            "exec form: JSON strings"
        );
        assert_eq!(class(g, d, "curl x | sh I"), Class::Code);
        assert_eq!(
            class(g, d, "curl x | sh J"),
            Class::Code,
            "a RUN heredoc is a script"
        );
        assert_eq!(class(g, d, "curl x | sh K"), Class::String);
        assert_eq!(
            class(g, d, "curl x | sh L"),
            Class::String,
            "a COPY heredoc is a file"
        );
    }

    #[test]
    fn hcl_templates_interpolations_and_comments() {
        let h = "# file(\"a\")\nresource \"x\" \"y\" {\n  a = file(\"b\") // file(\"c\")\n  b = \"file(d) ${file(\"e\")} %{ if file(\"f\") }x%{ endif }\"\n  /* file(\"g\") */\n  c = <<EOT\nfile(h) ${file(\"i\")}\nEOT\n}\n";
        let g = Grammar::Hcl;
        assert!(!parsed(g, h).has_error);
        assert_eq!(class(g, h, "file(\"a\")"), Class::Comment);
        assert_eq!(class(g, h, "file(\"b\")"), Class::Code);
        assert_eq!(class(g, h, "file(\"c\")"), Class::Comment);
        assert_eq!(class(g, h, "file(d)"), Class::String);
        assert_eq!(class(g, h, "file(\"e\")"), Class::Code);
        assert_eq!(class(g, h, "file(\"f\")"), Class::Code);
        assert_eq!(class(g, h, "file(\"g\")"), Class::Comment);
        assert_eq!(class(g, h, "file(h)"), Class::String);
        assert_eq!(class(g, h, "file(\"i\")"), Class::Code);
    }

    #[test]
    fn config_grammars_have_no_async_or_test_scope() {
        for (g, text, needle) in [
            (Grammar::Bash, "test_x() {\n  run1\n}\n", "run1"),
            (Grammar::Yaml, "test:\n  run: run1\n", "run1"),
            (Grammar::Dockerfile, "FROM a:1\nRUN run1\n", "run1"),
            (Grammar::Hcl, "run \"test\" {\n  a = run1\n}\n", "run1"),
        ] {
            assert_eq!(flags(g, text, needle), (false, false), "{g:?}");
        }
    }

    #[test]
    fn async_bodies_and_closures() {
        let py = "def sync():\n    a1()\nasync def run():\n    a2()\n    def inner():\n        a3()\n    await loop.run_in_executor(None, lambda: a4())\n    a5()\n";
        let g = Grammar::Python;
        assert!(!flags(g, py, "a1").0);
        assert!(flags(g, py, "a2").0);
        assert!(!flags(g, py, "a3").0);
        assert!(!flags(g, py, "a4").0, "a lambda body is not async");
        assert!(flags(g, py, "a5").0);
        let js = "function a() { x1(); }\nasync function b() {\n  if (y) { x2(); }\n  function c() { x3(); }\n  list.map(async (v) => { x4(); });\n  list.forEach((v) => x7());\n}\nx5();\n";
        let g = Grammar::JavaScript;
        assert!(!flags(g, js, "x1").0);
        assert!(flags(g, js, "x2").0);
        assert!(!flags(g, js, "x3").0);
        assert!(flags(g, js, "x4").0);
        assert!(flags(g, js, "x7").0, "a sync arrow runs on the same loop");
        assert!(!flags(g, js, "x5").0);
        let rs = "async fn a() {\n    spawn_blocking(move || { r4(); });\n    asyncify(move || r5()).await;\n    r6();\n    tokio::spawn(async move { r7() });\n}\nfn b() { r2(); }\n";
        let g = Grammar::Rust;
        assert!(!flags(g, rs, "r4").0);
        assert!(!flags(g, rs, "r5").0);
        assert!(flags(g, rs, "r6").0);
        assert!(flags(g, rs, "r7").0);
        assert!(!flags(g, rs, "r2").0);
    }

    #[test]
    fn test_scope_by_marker_not_by_name() {
        let py = "def test_start():\n    p1()\n\nclass TestServer:\n    def test_x(self):\n        p2()\n\n@pytest.mark.parametrize('a', [1])\ndef check(a):\n    p3()\n\n@pytest.fixture\ndef server():\n    p4()\n\nclass ApiTests(unittest.TestCase):\n    def test_get(self):\n        p5()\n\nclass Store(Base):\n    def get(self):\n        p6()\n";
        let g = Grammar::Python;
        assert!(!flags(g, py, "p1").1, "a test-looking name is not a test");
        assert!(!flags(g, py, "p2").1);
        assert!(flags(g, py, "p3").1);
        assert!(flags(g, py, "p4").1);
        assert!(flags(g, py, "p5").1);
        assert!(!flags(g, py, "p6").1);
        let go = "package p\nfunc TestRun(t *testing.T) { g1() }\nfunc TestLooking() { g2() }\nfunc helper(tb testing.TB) { g3() }\n";
        let g = Grammar::Go;
        assert!(flags(g, go, "g1").1);
        assert!(!flags(g, go, "g2").1);
        assert!(flags(g, go, "g3").1);
        let rs = "#[cfg(test)]\nmod tests {\n    #[test]\n    fn t() { r1(); }\n}\n#[cfg(not(test))]\nfn real() { r2(); }\n#[serde(rename = \"latest\")]\nfn ser() { r3(); }\n#[tokio::test]\nasync fn t2() { r4(); }\nfn test_like() { r5(); }\n";
        let g = Grammar::Rust;
        assert!(flags(g, rs, "r1").1);
        assert!(!flags(g, rs, "r2").1);
        assert!(!flags(g, rs, "r3").1);
        assert_eq!(flags(g, rs, "r4"), (true, true));
        assert!(!flags(g, rs, "r5").1);
        let js = "describe('s', () => { it('t', async () => { x6(); }); });\nconst ok = re.test(s) && x8();\ntest('u', function () { x9(); });\n";
        let g = Grammar::JavaScript;
        assert_eq!(flags(g, js, "x6"), (true, true));
        assert!(!flags(g, js, "x8").1);
        assert!(flags(g, js, "x9").1);
    }
}

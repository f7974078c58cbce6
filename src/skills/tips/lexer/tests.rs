use super::*;

fn class_of(lang: &str, text: &str, needle: &str) -> Class {
    let r = lex(text, syntax_for(lang).unwrap());
    r.class_at(
        text.find(needle)
            .unwrap_or_else(|| panic!("{needle} not in text")),
    )
}

#[test]
fn python_comments_and_strings() {
    let t = "x = eval(y)  # eval(z)\ns = 'eval(a)'\nd = \"\"\"\neval(b)\n\"\"\"\nf(c)\n";
    assert_eq!(class_of("python", t, "eval(y)"), Class::Code);
    assert_eq!(class_of("python", t, "eval(z)"), Class::Comment);
    assert_eq!(class_of("python", t, "eval(a)"), Class::String);
    assert_eq!(class_of("python", t, "eval(b)"), Class::String);
    assert_eq!(class_of("python", t, "f(c)"), Class::Code);
}

#[test]
fn shell_quotes_and_hash() {
    let t = "rm -rf $DIR\nrm -rf \"$SAFE\"\necho ${#arr} $# # real comment\necho 'it''s' $X\ncat <<EOF\n$IN_HEREDOC\nEOF\necho $AFTER\n";
    assert_eq!(class_of("shellscript", t, "$DIR"), Class::Code);
    assert_eq!(class_of("shellscript", t, "$SAFE"), Class::String);
    assert_eq!(class_of("shellscript", t, "#arr"), Class::Code);
    assert_eq!(class_of("shellscript", t, "$#"), Class::Code);
    assert_eq!(class_of("shellscript", t, "# real"), Class::Comment);
    assert_eq!(class_of("shellscript", t, "$X"), Class::Code);
    assert_eq!(class_of("shellscript", t, "$IN_HEREDOC"), Class::String);
    assert_eq!(class_of("shellscript", t, "$AFTER"), Class::Code);
}

#[test]
fn js_go_rust_sql_yaml() {
    let js = "const a = `x ${eval(1)}`; // eval(2)\n/* eval(3) */ eval(4)\n";
    assert_eq!(class_of("typescript", js, "eval(1)"), Class::String);
    assert_eq!(class_of("typescript", js, "eval(2)"), Class::Comment);
    assert_eq!(class_of("typescript", js, "eval(3)"), Class::Comment);
    assert_eq!(class_of("typescript", js, "eval(4)"), Class::Code);
    let go = "s := `raw\npanic(1)`\npanic(2) // panic(3)\n";
    assert_eq!(class_of("go", go, "panic(1)"), Class::String);
    assert_eq!(class_of("go", go, "panic(2)"), Class::Code);
    assert_eq!(class_of("go", go, "panic(3)"), Class::Comment);
    let rs = "fn f<'a>(x: &'a str) { let c = '\"'; let r = r#\"unwrap()\"#; x.unwrap() /* /* a */ unwrap(9) */ }\n";
    assert_eq!(class_of("rust", rs, "unwrap()\"#"), Class::String);
    assert_eq!(class_of("rust", rs, "x.unwrap"), Class::Code);
    assert_eq!(class_of("rust", rs, "unwrap(9)"), Class::Comment);
    let sql = "SELECT * FROM t -- SELECT 1\nWHERE a = 'SELECT 2' /* SELECT 3 */\n";
    assert_eq!(class_of("sql", sql, "SELECT *"), Class::Code);
    assert_eq!(class_of("sql", sql, "SELECT 1"), Class::Comment);
    assert_eq!(class_of("sql", sql, "SELECT 2"), Class::String);
    assert_eq!(class_of("sql", sql, "SELECT 3"), Class::Comment);
    let yaml = "image: nginx:latest # pin it\nrun: echo don't \"$X\"\nname: 'quoted: latest'\n";
    assert_eq!(class_of("yaml", yaml, "nginx"), Class::Code);
    assert_eq!(class_of("yaml", yaml, "# pin"), Class::Comment);
    assert_eq!(class_of("yaml", yaml, "don't"), Class::Code);
    assert_eq!(class_of("yaml", yaml, "$X"), Class::Code);
    assert_eq!(class_of("yaml", yaml, "quoted"), Class::String);
    let html = "<a href=x><!-- <script> --> <script>\n";
    assert_eq!(class_of("html", html, "<script> -->"), Class::Comment);
    assert_eq!(class_of("html", html, "<script>\n"), Class::Code);
}

#[test]
fn unterminated_and_empty_do_not_panic() {
    for lang in [
        "python",
        "rust",
        "shellscript",
        "sql",
        "yaml",
        "go",
        "html",
        "dockerfile",
        "terraform",
    ] {
        let syn = syntax_for(lang).unwrap();
        for t in [
            "", "'", "\"", "/*", "<!--", "r#\"", "<<", "<<EOF", "\\", "'\\", "é'ü", "'🎉'", "```",
        ] {
            let r = lex(t, syn);
            for s in r.spans() {
                assert!(
                    t.is_char_boundary(s.0) && t.is_char_boundary(s.1.min(t.len())),
                    "{lang} {t:?}"
                );
            }
            let _ = scopes(t, lang, &r);
        }
    }
}

#[test]
fn brace_async_and_test_scopes() {
    // Languages with a tree (JS/TS, Rust, Go, Python) are judged there
    // (`structural::context`); the braces serve the others.
    let kt = "fun a() { x1() }\nsuspend fun b() {\n  if (y) { x2() }\n  fun c() { x3() }\n}\nx5()\nclass T {\n  @Test\n  fun t() { x6() }\n}\n";
    let r = lex(kt, syntax_for("kotlin").unwrap());
    let s = scopes(kt, "kotlin", &r);
    let at = |n: &str| s.flags_at(kt.find(n).unwrap());
    assert_eq!(at("x1"), 0);
    assert_eq!(at("x2"), ASYNC);
    assert_eq!(at("x3"), 0);
    assert_eq!(at("x5"), 0);
    assert_eq!(at("x6"), TEST);
    let cs = "class A {\n  async Task Run() { c1(); }\n  [Fact]\n  void T() { c2(); }\n}\n";
    let r = lex(cs, syntax_for("csharp").unwrap());
    let s = scopes(cs, "csharp", &r);
    assert_eq!(s.flags_at(cs.find("c1").unwrap()), ASYNC);
    assert_eq!(s.flags_at(cs.find("c2").unwrap()), TEST);
    // No scopes for languages judged on their tree.
    let py = "async def f():\n    time.sleep(1)\n";
    let r = lex(py, syntax_for("python").unwrap());
    assert_eq!(
        scopes(py, "python", &r).flags_at(py.find("time").unwrap()),
        0
    );
}

#[test]
fn test_paths() {
    assert!(is_test_path("tests/test_api.py"));
    assert!(is_test_path("pkg/server_test.go"));
    assert!(is_test_path("src/app.spec.ts"));
    assert!(is_test_path("src/__tests__/x.js"));
    assert!(!is_test_path("src/contest.py"));
    assert!(!is_test_path("src/latest.rs"));
    assert!(is_test_path("shop/tests.py"));
    assert!(!is_test_path("shop/testing.py"));
}

use super::*;
use ast_grep_core::Node;
use ast_grep_core::tree_sitter::LanguageExt;
use ast_grep_core::tree_sitter::StrDoc;

/// Print a document's tree: `DUMP_LANG=yaml DUMP_FILE=x.yml cargo test --lib dump_tree -- --ignored --nocapture`.
#[test]
#[ignore]
#[allow(clippy::print_stderr)]
fn dump_tree() {
    let lang = std::env::var("DUMP_LANG").unwrap_or_default();
    let file = std::env::var("DUMP_FILE").unwrap_or_default();
    let text = std::fs::read_to_string(file).unwrap();
    let g = Grammar::from_name(&lang).unwrap();
    let p = Parsed::new(g, &text).unwrap();
    fn walk(n: &Node<StrDoc<Grammar>>, depth: usize) {
        let t = n.text();
        let first = t.lines().next().unwrap_or("");
        eprintln!(
            "{}{} [{}] {:?}",
            "  ".repeat(depth),
            n.kind(),
            if n.is_named() { "n" } else { "a" },
            &first[..first.len().min(50)]
        );
        for c in n.children() {
            walk(&c, depth + 1);
        }
    }
    walk(&p.root.root(), 0);
}

#[test]
fn every_shipped_grammar_loads_and_parses() {
    let samples: &[(Grammar, &str, &str)] = &[
        (Grammar::Python, "def f(x):\n    return x\n", "return $X"),
        (
            Grammar::JavaScript,
            "function f(x) { return x; }\n",
            "return $X",
        ),
        (
            Grammar::TypeScript,
            "function f(x: number): number { return x; }\n",
            "return $X",
        ),
        (
            Grammar::Tsx,
            "const a = <div>{x}</div>;\n",
            "<div>{$X}</div>",
        ),
        (
            Grammar::Rust,
            "fn f(x: u8) -> u8 { x }\n",
            "fn $F($$$A) -> $R { $$$B }",
        ),
        (
            Grammar::Go,
            "package a\nfunc f(x int) int { return x }\n",
            "return $X",
        ),
        (Grammar::Bash, "echo \"$x\"\n", "echo $A"),
        (Grammar::Yaml, "a:\n  b: 1\n", "b: $V"),
        (Grammar::Json, "{\"a\": [1, 2]}\n", "[1, 2]"),
        (
            Grammar::Hcl,
            "resource \"a\" \"b\" {\n  x = 1\n}\n",
            "x = $V",
        ),
        (
            Grammar::Dockerfile,
            "FROM alpine:3\nRUN echo hi \\\n  && ls\n",
            "",
        ),
    ];
    assert_eq!(samples.len(), Grammar::ALL.len());
    for &(g, src, pattern) in samples {
        let p = Parsed::new(g, src).unwrap_or_else(|| panic!("{g:?} gives no tree"));
        assert!(!p.has_error, "{g:?}: {src:?} has a syntax error");
        assert!(p.root.root().children().count() > 0, "{g:?}");
        let rule = if pattern.is_empty() {
            "rule:\n  kind: run_instruction\n".to_string()
        } else {
            format!("rule:\n  pattern: '{pattern}'\n")
        };
        let map: Mapping = yaml_serde::from_str(&rule).unwrap();
        let spec = Spec::from_block(&map).unwrap();
        let r = compile("t", &spec, &[g]).unwrap_or_else(|e| panic!("{g:?}: {e}"));
        let c = r.for_grammar(g).unwrap();
        let hits = scan(&p, &[(0, c, "m")], None);
        assert_eq!(hits.len(), 1, "{g:?}: {pattern} on {src:?}: {hits:?}");
    }
}

/// Compile a tip block's rule for `g` and return the highlighted texts.
fn run(g: Grammar, rule_yaml: &str, text: &str) -> Vec<String> {
    let map: Mapping = yaml_serde::from_str(rule_yaml).unwrap();
    let spec = Spec::from_block(&map).unwrap();
    spec.check().unwrap();
    let r = compile("t", &spec, &[g]).unwrap_or_else(|e| panic!("{e}"));
    let p = Parsed::new(g, text).unwrap();
    scan(&p, &[(0, r.for_grammar(g).unwrap(), "m")], None)
        .into_iter()
        .map(|h| text[h.range].to_string())
        .collect()
}

#[test]
fn shipped_utils_compile() {
    let all = utils::load().unwrap();
    assert!(all.contains_key(&Grammar::Yaml) && all.contains_key(&Grammar::Dockerfile));
    let ids: Vec<String> = utils::ids().into_iter().map(|(i, _)| i).collect();
    for want in [
        "gha-step",
        "gha-job",
        "gha-workflow",
        "k8s-container",
        "compose-service",
        "dockerfile-instruction",
    ] {
        assert!(ids.iter().any(|i| i == want), "{want} in {ids:?}");
    }
}

const WORKFLOW: &str = "name: ci\non: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          fetch-depth: 0\n      - name: x\n        run: echo hi\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make lint\n";

#[test]
fn util_gha_step_and_job() {
    let steps = run(Grammar::Yaml, "rule:\n  matches: gha-step\n", WORKFLOW);
    assert_eq!(
        steps,
        ["uses: actions/checkout@v4", "name: x", "run: make lint"]
    );
    let jobs = run(
        Grammar::Yaml,
        "rule:\n  matches: gha-job\n  has: { field: key, pattern: $HIT }\n",
        WORKFLOW,
    );
    assert_eq!(jobs, ["test", "lint"]);
    // A `steps:` key in some other YAML file is a list of steps too, but `jobs:` must be top-level.
    let nested = "config:\n  jobs:\n    a:\n      x: 1\n";
    assert!(run(Grammar::Yaml, "rule:\n  matches: gha-job\n", nested).is_empty());
}

#[test]
fn util_k8s_container_in_any_workload() {
    let text = "apiVersion: batch/v1\nkind: CronJob\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          initContainers:\n            - name: init\n              image: a\n          containers:\n            - name: app\n              image: b\n            - image: c\n              name: side\n---\napiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: p\n    image: d\n";
    let got = run(Grammar::Yaml, "rule:\n  matches: k8s-container\n", text);
    assert_eq!(got, ["name: init", "name: app", "image: c", "name: p"]);
    // Not a Kubernetes object: nothing.
    assert!(
        run(
            Grammar::Yaml,
            "rule:\n  matches: k8s-container\n",
            "containers:\n  - name: x\n"
        )
        .is_empty()
    );
}

#[test]
fn util_compose_service_and_dockerfile_instruction() {
    let compose =
        "services:\n  web:\n    image: nginx\n  db:\n    image: postgres\nvolumes:\n  data: {}\n";
    let got = run(
        Grammar::Yaml,
        "rule:\n  matches: compose-service\n  has: { field: key, pattern: $HIT }\n",
        compose,
    );
    assert_eq!(got, ["web", "db"]);
    let df = "FROM alpine\nRUN cd /src && \\\n    make | tee log\nWORKDIR /x\n";
    let got = run(
        Grammar::Dockerfile,
        "rule:\n  matches: dockerfile-instruction\n",
        df,
    );
    assert_eq!(got, ["FROM alpine", "RUN cd /src && \\", "WORKDIR /x"]);
    let got = run(
        Grammar::Dockerfile,
        "rule:\n  matches: dockerfile-run\n  regex: 'make \\|'\n",
        df,
    );
    assert_eq!(got, ["RUN cd /src && \\"]);
}

mod engine {
    use crate::skills::model::Severity;
    use crate::skills::tips::tests::{section, skill};
    use crate::skills::tips::{Document, FindOptions, TipIndex};

    const SHELL_TRUE: &str = "skill-lsp tip\nid: shell-true\nmessage: '`$F` runs through a shell.'\nseverity: warning\nlanguages: [python]\nrule:\n  pattern: $F($$$A)\n  has:\n    kind: keyword_argument\n    regex: '^shell\\s*=\\s*True$'\n    pattern: $HIT\n    stopBy: end\nconstraints:\n  F: { regex: '^subprocess\\.' }\n";

    fn index(comments: &[&str], langs: &[&str]) -> (TipIndex, Vec<String>) {
        let s = skill(
            "py",
            langs,
            vec![section("Subprocess", 10, comments, vec![])],
        );
        let (ix, problems) = TipIndex::build(&[s]);
        (
            ix,
            problems
                .into_iter()
                .map(|(_, p)| format!("{}: {}", p.code, p.message))
                .collect(),
        )
    }

    fn find(ix: &TipIndex, lang: &str, path: &str, text: &str) -> Vec<(u32, String, String)> {
        ix.find_in(
            1,
            &[0],
            &Document {
                text,
                language_id: lang,
                rel_path: Some(path),
            },
            &FindOptions::default(),
        )
        .into_iter()
        .map(|f| {
            (
                f.line,
                text[f.range.clone()].to_string(),
                f.message.to_string(),
            )
        })
        .collect()
    }

    #[test]
    fn message_variables_are_read_whole_and_once() {
        // `$FOO`, `$HITS` and `$Z` are no variables of this rule: they stay as written, even
        // though `$F` and `$HIT` are; what `$$$A` matched (`"$F"`) is not substituted again.
        let t = SHELL_TRUE.replace(
            "message: '`$F` runs through a shell.'",
            "message: '$F($$$A) - $FOO $HITS $Z $HIT $ 5$'",
        );
        let (ix, problems) = index(&[&t], &["python"]);
        assert!(problems.is_empty(), "{problems:?}");
        let text = "subprocess.run(\"$F\", shell=True)\n";
        let got = find(&ix, "python", "app.py", text);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(
            got[0].2,
            "subprocess.run(\"$F\", shell=True) - $FOO $HITS $Z shell=True $ 5$"
        );
    }

    #[test]
    fn multi_line_call_with_message_variables() {
        let (ix, problems) = index(&[SHELL_TRUE], &["python"]);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(ix.tips()[0].severity, Severity::Warning);
        let text = "import subprocess\nsubprocess.run(\n    cmd,\n    check=True,\n    shell=True,\n)\nsubprocess.run(cmd, shell=False)\nx = 'subprocess.run(cmd, shell=True)'\n# subprocess.run(cmd, shell=True)\nsubprocess.call(cmd, shell=True)  # skill-lsp: ignore shell-true\n";
        let got = find(&ix, "python", "app.py", text);
        assert_eq!(
            got,
            [(
                4,
                "shell=True".to_string(),
                "`subprocess.run` runs through a shell.".to_string()
            )]
        );
    }

    #[test]
    fn not_test_by_the_tree() {
        let t = SHELL_TRUE.replace(
            "severity: warning\n",
            "severity: warning\ncontext: not-test\n",
        );
        let (ix, _) = index(&[&t], &["python"]);
        let text = "@pytest.mark.slow\ndef check_run():\n    subprocess.run(x, shell=True)\n\ndef run():\n    subprocess.run(x, shell=True)\n\ndef test_start():\n    subprocess.run(x, shell=True)\n";
        let got: Vec<u32> = find(&ix, "python", "app.py", text)
            .iter()
            .map(|f| f.0)
            .collect();
        // The marked test is left alone; `test_start` in a module that is no test file is no test.
        assert_eq!(got, [5, 8]);
        assert!(find(&ix, "python", "tests/test_app.py", text).is_empty());
    }

    #[test]
    fn rule_for_a_language_without_grammar_is_a_problem_not_a_panic() {
        let t = SHELL_TRUE.replace("languages: [python]", "languages: [solidity]");
        let (ix, problems) = index(&[&t], &["solidity"]);
        assert!(ix.tips().is_empty());
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].starts_with("tip-bad-rule")
                && problems[0].contains("no grammar for solidity"),
            "{problems:?}"
        );
        // A rule ast-grep rejects is reported too, with ast-grep's reason.
        let t = SHELL_TRUE.replace("kind: keyword_argument", "kind: no_such_kind");
        let (_, problems) = index(&[&t], &["python"]);
        assert!(
            problems.iter().any(|p| p.contains("no_such_kind")),
            "{problems:?}"
        );
        let bad = "skill-lsp tip\nid: x\nmessage: m\nlanguages: [python]\nrule:\n  patern: x\n";
        let (_, problems) = index(&[bad], &["python"]);
        assert!(
            problems.iter().any(|p| p.starts_with("tip-bad-rule")),
            "{problems:?}"
        );
    }

    /// [`SHELL_TRUE`] with a regex for where the tree cannot answer.
    fn with_fallback() -> (TipIndex, Vec<String>) {
        let t = SHELL_TRUE.replace(
            "languages: [python]\n",
            "languages: [python]\npattern: 'subprocess\\.\\w+\\(.*\\bshell\\s*=\\s*True'\n",
        );
        index(&[&t], &["python"])
    }

    #[test]
    fn syntax_error_falls_back_to_the_regex() {
        let (ix, problems) = with_fallback();
        assert!(problems.is_empty(), "{problems:?}");
        // Parses: the rule runs (one finding, on the keyword), the regex does not.
        let ok = "subprocess.run(x, shell=True)\n";
        assert_eq!(find(&ix, "python", "a.py", ok)[0].1, "shell=True");
        // Broken elsewhere in the file: the regex answers, on its own span.
        let broken = "def f(:\n    pass\nsubprocess.run(x, shell=True)\n";
        let got = find(&ix, "python", "a.py", broken);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, 2);
        assert!(got[0].1.starts_with("subprocess.run("), "{got:?}");
    }

    #[test]
    fn a_line_past_the_cap_is_left_to_the_regex() {
        let (ix, _) = with_fallback();
        let call = "subprocess.run(x, shell=True)\n";
        // A data line just under the cap: the tree answers, on the keyword.
        let under = format!(
            "{call}DATA = '{}'\n",
            "x".repeat(crate::skills::tips::LINE_CAP - 20)
        );
        assert_eq!(find(&ix, "python", "a.py", &under)[0].1, "shell=True");
        // Just over it: no tree is built for the file; the regex answers on its own span, on
        // every line, the long one up to the cap.
        let over = format!(
            "{call}DATA = '{}'\n",
            "x".repeat(crate::skills::tips::LINE_CAP)
        );
        let got = find(&ix, "python", "a.py", &over);
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0].1.starts_with("subprocess.run("), "{got:?}");
    }
}

#[test]
fn helm_templates_are_masked_keeping_offsets() {
    let text = "apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: {{ .Values.image }}\n          {{- include \"probes\" . | nindent 10 }}\n        - name: side\n          image: busybox\n";
    let (masked, actions) = trees::mask(Grammar::Yaml, text);
    assert_eq!(masked.len(), text.len());
    assert_eq!(actions.len(), 2);
    let x = "x".repeat("{{ .Values.image }}".len());
    assert!(masked.contains(&format!("image: {x}\n")), "{masked}");
    assert!(masked.contains("\n          #"));
    let p = Parsed::new(Grammar::Yaml, text).unwrap();
    assert!(!p.has_error);
    // The container whose text holds a template is never judged; the plain one is.
    let got = run(Grammar::Yaml, "rule:\n  matches: k8s-container\n", text);
    assert_eq!(got, ["name: side"]);
    // GitHub Actions expressions are YAML values, not templates.
    let (m, a) = trees::mask(Grammar::Yaml, "run: echo ${{ github.sha }}\n");
    assert!(a.is_empty() && m.contains("${{ github.sha }}"));
}

#[test]
fn cached_tree_is_edited_incrementally_and_matches_a_fresh_parse() {
    let key = "/tmp/struct-cache-test.py";
    let v1 = "import subprocess\n\ndef f():\n    subprocess.run(x)\n";
    let a = trees::parsed(Some(key), Grammar::Python, v1).unwrap();
    let again = trees::parsed(Some(key), Grammar::Python, v1).unwrap();
    assert!(
        std::sync::Arc::ptr_eq(&a, &again),
        "same text: the cached tree"
    );
    drop((a, again));
    let v2 = "import subprocess\n\ndef f():\n    subprocess.run(x, shell=True)\n";
    let b = trees::parsed(Some(key), Grammar::Python, v2).unwrap();
    let fresh = Parsed::new(Grammar::Python, v2).unwrap();
    assert_eq!(b.root.get_text(), v2);
    assert_eq!(
        b.root.root().get_inner_node().to_sexp(),
        fresh.root.root().get_inner_node().to_sexp()
    );
    // Multi-byte text around the edit.
    let v3 = "import subprocess\n# é\ndef f():\n    subprocess.run(y, shell=True)  # ü\n";
    let c = trees::parsed(Some(key), Grammar::Python, v3).unwrap();
    assert_eq!(c.root.get_text(), v3);
    assert_eq!(
        c.root.root().get_inner_node().to_sexp(),
        Parsed::new(Grammar::Python, v3)
            .unwrap()
            .root
            .root()
            .get_inner_node()
            .to_sexp()
    );
}

/// The ancestor kinds read off a rule's `inside`s skip only nodes that cannot match: the same
/// rule without them finds the same names, in and out of loops, through `all` and nested
/// `inside`s (stopBy end and neighbour, with a field).
#[test]
fn ancestor_prefilter_keeps_every_match() {
    let rule = "rule:\n  kind: identifier\n  pattern: $V\n  all:\n    - not: { inside: { kind: attribute, field: attribute } }\n  inside:\n    stopBy: end\n    all:\n      - any: [{ kind: lambda }, { kind: function_definition }]\n      - inside: { stopBy: end, any: [{ kind: for_statement }, { kind: while_statement }] }\n";
    let map: Mapping = yaml_serde::from_str(rule).unwrap();
    let spec = Spec::from_block(&map).unwrap();
    let g = Grammar::Python;
    let with = compile("t", &spec, &[g]).unwrap();
    let c = with.for_grammar(g).unwrap();
    let lang = g.get_ts_language();
    let id = |k: &str| lang.id_for_node_kind(k, true);
    let mut want = vec![
        vec![id("lambda"), id("function_definition")],
        vec![id("for_statement"), id("while_statement")],
    ];
    let mut got = c.ancestors.clone();
    want.iter_mut().for_each(|w| w.sort());
    assert_eq!(got.len(), 1, "{got:?}");
    got[0].iter_mut().for_each(|k| k.sort());
    assert_eq!(got[0], want);
    let mut plain = compile_one("t", &spec, g).unwrap();
    plain.ancestors.clear();
    let text = "def f(x):\n    return x.y\n\nfor a in xs:\n    h = lambda: g(a.b)\n    def k(z):\n        return z\n\nwhile True:\n    cb = lambda: q\n";
    let p = Parsed::new(g, text).unwrap();
    let names = |c: &Compiled| -> Vec<String> {
        scan(&p, &[(0, c, "m")], None)
            .into_iter()
            .map(|h| text[h.range].to_string())
            .collect()
    };
    let found = names(c);
    for name in ["g", "a", "z", "q"] {
        assert!(found.iter().any(|f| f == name), "{name} in {found:?}");
    }
    for name in ["f", "x", "y", "b", "xs", "h", "cb"] {
        assert!(!found.iter().any(|f| f == name), "{name} not in {found:?}");
    }
    assert_eq!(found, names(&plain));
}

/// A `file-rule` keeps a match only when the file's root matches it with the match's
/// metavariables bound; it gives what the same condition as an `inside` the root gives (asked
/// per candidate node), and it makes the rule non-local.
#[test]
fn file_rule_filters_by_the_bound_variable_like_an_inside_the_root() {
    let g = Grammar::Bash;
    let base = "  kind: simple_expansion\n  pattern: $HIT\n  has: { kind: variable_name, pattern: $NAME }\n";
    let assigned =
        "{ kind: variable_assignment, has: { field: name, pattern: $NAME }, stopBy: end }";
    let as_file_rule = format!("rule:\n{base}file-rule:\n  not: {{ has: {assigned} }}\n");
    // In `all`, in order: `$NAME` is bound before the `not` reads it (a rule's keys are not).
    let as_inside = format!(
        "rule:\n  kind: simple_expansion\n  pattern: $HIT\n  all:\n    - has: {{ kind: variable_name, pattern: $NAME }}\n    - not: {{ inside: {{ kind: program, stopBy: end, has: {assigned} }} }}\n"
    );
    let text = "a=1\necho $a $b\nf() { echo $b $a; }\nb=2\necho $c $c\n";
    let got = run(g, &as_file_rule, text);
    assert_eq!(got, vec!["$c", "$c"]);
    assert_eq!(got, run(g, &as_inside, text));
    // Taken apart (`all`, a rule on the root, `not`, `has` to the end) or whole: the same.
    let nested = format!(
        "rule:\n{base}file-rule:\n  all:\n    - kind: program\n    - any: [{{ kind: comment }}, {{ not: {{ has: {assigned} }} }}]\n"
    );
    assert_eq!(run(g, &nested, text), got);

    let spec = |y: &str| Spec::from_block(&yaml_serde::from_str(y).unwrap()).unwrap();
    // What they depend on elsewhere: the assignments (by kind), for either way of writing it.
    let assignment = g
        .get_ts_language()
        .id_for_node_kind("variable_assignment", true);
    let reach = |y: &str| compile_one("t", &spec(y), g).unwrap().reach;
    assert_eq!(reach(&as_file_rule), Reach::Kinds(vec![assignment]));
    assert_eq!(reach(&as_inside), Reach::Kinds(vec![assignment]));
    let local =
        format!("rule:\n{base}  not: {{ inside: {{ kind: function_definition, stopBy: end }} }}\n");
    assert_eq!(reach(&local), Reach::Local);
    // Up to an ancestor that is never the root, then down: inside the match's statement.
    let below_root = format!(
        "rule:\n{base}  inside: {{ kind: function_definition, stopBy: end, has: {{ kind: word, inside: {{ kind: command }} }} }}\n"
    );
    assert_eq!(reach(&below_root), Reach::Local);
    // A far part that looks up or sideways, or a file rule ast-grep evaluates whole: anything.
    let up = format!(
        "rule:\n{base}  inside: {{ kind: program, stopBy: end, has: {{ kind: word, inside: {{ kind: command }} }} }}\n"
    );
    assert_eq!(reach(&up), Reach::Any);
    let root = format!("rule:\n{base}file-rule:\n  kind: program\n");
    assert_eq!(reach(&root), Reach::Any);
    // A bad file rule is the tip's problem, in ast-grep's words, named.
    let bad = format!("rule:\n{base}file-rule:\n  kind: no_such_kind\n");
    let e = compile_one("t", &spec(&bad), g).unwrap_err().to_string();
    assert!(
        e.starts_with("file-rule:") && e.contains("no_such_kind"),
        "{e}"
    );
    let bad = format!("rule:\n{base}file-rule:\n  hass: {{ kind: word }}\n");
    let e = spec(&bad).check().unwrap_err().to_string();
    assert!(e.starts_with("file-rule:"), "{e}");
}

/// A file rule on a big tree scanned on two threads: the halves share the file rule's answers
/// (a variable assigned in one half and expanded in the other is still found assigned), and the
/// hits are those of one walk.
#[test]
fn a_file_rule_on_two_threads_gives_what_one_walk_gives() {
    let g = Grammar::Bash;
    let y = "rule:\n  kind: simple_expansion\n  pattern: $HIT\n  has: { kind: variable_name, pattern: $NAME }\nfile-rule:\n  not: { has: { kind: variable_assignment, has: { field: name, pattern: $NAME }, stopBy: end } }\n";
    let spec = Spec::from_block(&yaml_serde::from_str(y).unwrap()).unwrap();
    let r = compile("t", &spec, &[g]).unwrap();
    let list = [(0, r.for_grammar(g).unwrap(), "m")];
    // `late` is assigned only at the very end, `early` only at the start: both are known in
    // every half. `never` is assigned nowhere.
    let block = "echo \"$early\" \"$late\" \"$never\"\n";
    let text = format!(
        "early=1\n{}late=2\n",
        block.repeat(100 * 1024 / block.len())
    );
    let p = Parsed::new(g, &text).unwrap();
    assert!(!p.has_error);
    let both = scan(&p, &list, None);
    assert_eq!(both, scan(&p, &list, Some(0..usize::MAX)));
    let lines = text.lines().count() - 2;
    assert_eq!(both.len(), lines, "one `$never` per line");
    assert!(both.iter().all(|h| &text[h.range.clone()] == "$never"));
}

#[test]
fn a_big_tree_scanned_on_two_threads_gives_what_one_walk_gives() {
    let rules = [
        "rule:\n  kind: call\n  has: { field: function, regex: '^print$' }\n",
        "rule:\n  kind: except_clause\n",
        "rule:\n  kind: identifier\n  regex: '^total$'\n",
        "rule:\n  kind: comparison_operator\n  regex: '== None'\n",
        "rule:\n  kind: string\n",
        // The root and the statements themselves: each half owns the ones it starts.
        "rule:\n  kind: module\n",
        "rule:\n  kind: function_definition\n",
    ];
    let compiled: Vec<_> = rules
        .iter()
        .map(|y| {
            let map: Mapping = yaml_serde::from_str(y).unwrap();
            let spec = Spec::from_block(&map).unwrap();
            compile("t", &spec, &[Grammar::Python]).unwrap()
        })
        .collect();
    let list: Vec<(usize, &Compiled, &str)> = compiled
        .iter()
        .enumerate()
        .map(|(i, r)| (i, r.for_grammar(Grammar::Python).unwrap(), "m"))
        .collect();
    let block = "def f(x):\n    total = 0\n    try:\n        print(\"a\", x)\n    except:\n        total = 1\n    if x == None:\n        print(total)\n    return total\n\n";
    let n = 100 * 1024 / block.len();
    // Top-level functions, and the same functions as the methods of one class (the middle
    // falls inside a statement).
    let module = block.repeat(n);
    let class = format!("class C:\n    {}", block.repeat(n).replace('\n', "\n    "));
    for text in [module, class] {
        let p = Parsed::new(Grammar::Python, &text).unwrap();
        assert!(!p.has_error);
        // Seven rules on a 100 KiB tree: the two-thread path.
        let both = scan(&p, &list, None);
        // A window over everything is one walk on this thread: each rule alone that way, then
        // together, in one walk's order.
        let alone = |i: usize, window| scan(&p, &list[i..=i], window);
        let mut one: Vec<Hit> = (0..list.len())
            .flat_map(|i| alone(i, Some(0..usize::MAX)))
            .collect();
        one.sort_by_key(|h| (h.node.start, std::cmp::Reverse(h.node.end), h.rule));
        assert!(both.len() > 5 * 100, "{}", both.len());
        assert_eq!(both, one);
        assert_eq!(both, scan(&p, &list, Some(0..usize::MAX)));
        // One rule alone on a big tree takes the two threads too, with the same answer.
        for i in 0..list.len() {
            assert_eq!(alone(i, None), alone(i, Some(0..usize::MAX)), "rule {i}");
        }
        assert!((0..list.len()).all(|r| both.iter().any(|h| h.rule == r)));
        assert_eq!(both.iter().filter(|h| h.rule == 5).count(), 1);
        assert_eq!(both.iter().filter(|h| h.rule == 6).count(), n);
        // Every function's own hits: none lost or doubled at the middle.
        assert_eq!(both.iter().filter(|h| h.rule == 1).count(), n);
    }
}

/// The statements and kinds near a range, found from the range down the tree, are what a walk of
/// every node finds: over every range of a few byte positions of documents in four grammars.
#[test]
fn statements_and_kinds_near_a_range_are_those_of_a_whole_walk() {
    fn all_tops(p: &Parsed) -> Vec<(Range<usize>, bool)> {
        p.root
            .root()
            .children()
            .map(|n| {
                let k = n.kind();
                let leads = k.contains("comment") || k.contains("attribute") || k == "decorator";
                (n.range(), leads)
            })
            .collect()
    }
    fn all_kinds(p: &Parsed, range: &Range<usize>) -> Vec<bool> {
        let end = range.end.max(range.start + 1);
        let mut out = Vec::new();
        for n in p.root.root().dfs() {
            let r = n.range();
            if r.start < end && range.start < r.end {
                let k = usize::from(n.get_inner_node().kind_id());
                if out.len() <= k {
                    out.resize(k + 1, false);
                }
                out[k] = true;
            }
        }
        out
    }
    let docs: &[(Grammar, &str)] = &[
        (
            Grammar::Python,
            "import os\n\n# a comment\n@dec\ndef f(x):\n    return x\n\n\nclass A:\n    def g(self):\n        pass\n\nx = 1\n",
        ),
        (
            Grammar::Rust,
            "use std::io;\n\n#[cfg(test)]\nmod tests {\n    fn t() {}\n}\n// SAFETY: fine\nfn main() { let x = 1; }\n",
        ),
        (
            Grammar::JavaScript,
            "const a = 1;\n// lead\nfunction f() {\n  return a + 2;\n}\nf();\n",
        ),
        (
            Grammar::Yaml,
            "on: push\njobs:\n  a:\n    runs-on: x\n---\nb: 2\n\n---\n# c\nc: [3]\n",
        ),
    ];
    let mut checked = 0;
    for &(g, text) in docs {
        let p = Parsed::new(g, text).unwrap();
        let tops = all_tops(&p);
        assert!(tops.len() >= 3, "{g:?}: a few statements");
        for lo in 0..=text.len() {
            for hi in lo..=(lo + 24).min(text.len()) {
                // Statements overlapping `lo..hi`, and the one after the last of them.
                let first = tops.iter().position(|(r, _)| r.end > lo);
                let want: Vec<_> = match first {
                    None => Vec::new(),
                    Some(i) => {
                        let past = tops[i..]
                            .iter()
                            .position(|(r, _)| r.start >= hi)
                            .map_or(tops.len(), |j| i + j + 1);
                        tops[i..past].to_vec()
                    }
                };
                assert_eq!(top_level_near(&p, lo, hi), want, "{g:?} {lo}..{hi}");
                assert_eq!(
                    reach::kinds_in(&p, lo..hi),
                    all_kinds(&p, &(lo..hi)),
                    "{g:?} kinds {lo}..{hi}"
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 1000);
}

//! `file-rule`: a condition on the whole file that a structural match must meet, with the
//! match's metavariables bound (`$NAME` in it is what `$NAME` matched). skill-lsp's one key
//! beside ast-grep's own (documented in `docs/skill-format.md`).
//!
//! Why it exists: "this variable is assigned a safe value somewhere in the script", written as
//! `inside: {kind: program, stopBy: end, has: …}` in the rule, is a search of the whole file for
//! every candidate node: quadratic (a 10,000-line script took 4-7 s for one rule). Here the
//! answer is remembered per distinct binding, and a `has` with `stopBy: end` (a search of every
//! descendant of the root) looks only at the nodes of the kinds its rule can match, listed once
//! per scan, instead of walking the whole tree again for each binding.
//!
//! Semantics are ast-grep's, evaluated on the root: `not`, `all` (in order, bindings flowing
//! from one item to the next), `any` (the first that holds) and `has` + `stopBy: end` (the first
//! descendant in document order) are taken apart here; anything else is handed to ast-grep whole
//! on the root node.

use std::borrow::Cow;
use std::collections::HashMap;

use ast_grep_config::{RuleConfig, RuleCore, SerializableRuleConfig};
use ast_grep_core::meta_var::MetaVarEnv;
use ast_grep_core::tree_sitter::StrDoc;
use ast_grep_core::{Matcher, Node, NodeMatch};
use yaml_serde::{Mapping, Value};

use super::reach::{self, Reach};
use super::{Grammar, Parsed, RuleError, Spec, error_chain, utils};

/// The tip block key.
pub const KEY: &str = "file-rule";

type TNode<'t> = Node<'t, StrDoc<Grammar>>;
type Env<'t> = Cow<'t, MetaVarEnv<'t, StrDoc<Grammar>>>;

/// A compiled `file-rule`.
pub struct FileRule {
    cond: Cond,
    /// The metavariables of the main rule that the file rule names: the memo's key.
    vars: Vec<String>,
    /// What the answer depends on.
    pub reach: Reach,
}

enum Cond {
    Not(Box<Cond>),
    All(Vec<Cond>),
    Any(Vec<Cond>),
    /// `has: {stopBy: end, …}` on the root: some node of `kinds` (sorted) matches `rule`.
    Anywhere {
        rule: RuleCore,
        kinds: Vec<u16>,
    },
    /// Any other rule, matched against the root node by ast-grep.
    Root(RuleCore),
}

/// Compile the `file-rule` value `rule` of `spec` for `g`; `main_vars` are the main rule's
/// metavariables. The caller names the key in the error.
pub fn compile(
    spec: &Spec,
    rule: &Value,
    g: Grammar,
    main_vars: &[String],
) -> Result<FileRule, RuleError> {
    // The whole rule first: its errors are the ones to show, and it names the variables.
    let whole = root_rule(spec, rule, g)?;
    let named = whole.defined_vars();
    let vars = main_vars
        .iter()
        .filter(|v| named.contains(v.as_str()))
        .cloned()
        .collect();
    Ok(FileRule {
        cond: cond(spec, rule, g, 0)?,
        vars,
        reach: reach_of(spec, rule, g, 0),
    })
}

/// What the answer of `rule` on the root depends on: the kinds its `has`-to-the-end parts find
/// (as [`cond`] takes it apart), anything for the rest.
fn reach_of(spec: &Spec, rule: &Value, g: Grammar, depth: usize) -> Reach {
    let single = rule
        .as_mapping()
        .filter(|m| m.len() == 1 && depth < 16)
        .and_then(|m| m.iter().next())
        .and_then(|(k, v)| Some((k.as_str()?, v)));
    let items = |v: &Value| {
        v.as_sequence().map_or(Reach::Any, |s| {
            s.iter()
                .fold(Reach::Local, |r, x| r.join(reach_of(spec, x, g, depth + 1)))
        })
    };
    match single {
        Some(("not", v)) => reach_of(spec, v, g, depth + 1),
        Some(("all" | "any", v)) => items(v),
        Some(("has", Value::Mapping(body)))
            if body.get("stopBy").and_then(Value::as_str) == Some("end")
                && !body.contains_key("field") =>
        {
            let mut body = body.clone();
            body.remove("stopBy");
            reach::of_found(spec, &Value::Mapping(body), g)
        }
        _ => Reach::Any,
    }
}

fn config_yaml(
    spec: &Spec,
    rule: &Value,
    g: Grammar,
) -> Result<SerializableRuleConfig<Grammar>, RuleError> {
    let mut yaml = Mapping::new();
    yaml.insert("id".into(), Value::String(KEY.into()));
    yaml.insert("language".into(), Value::String(g.name().to_string()));
    yaml.insert("rule".into(), rule.clone());
    if let Some(u) = spec.yaml.get("utils") {
        yaml.insert("utils".into(), u.clone());
    }
    yaml_serde::from_value(Value::Mapping(yaml)).map_err(RuleError::Shape)
}

/// `rule` as a matcher for the root node (which needs no node kind of its own, so not through
/// `RuleConfig::try_from`, which insists on one).
fn root_rule(spec: &Spec, rule: &Value, g: Grammar) -> Result<RuleCore, RuleError> {
    config_yaml(spec, rule, g)?
        .get_matcher(utils::globals(g))
        .map_err(|e| RuleError::AstGrep(error_chain(&e)))
}

fn cond(spec: &Spec, rule: &Value, g: Grammar, depth: usize) -> Result<Cond, RuleError> {
    let single = rule
        .as_mapping()
        .filter(|m| m.len() == 1 && depth < 16)
        .and_then(|m| m.iter().next())
        .and_then(|(k, v)| Some((k.as_str()?, v)));
    let items = |v: &Value| -> Result<Vec<Cond>, RuleError> {
        v.as_sequence()
            .map(|s| s.iter().map(|x| cond(spec, x, g, depth + 1)).collect())
            .unwrap_or_else(|| Ok(Vec::new()))
    };
    match single {
        Some(("not", v)) => Ok(Cond::Not(Box::new(cond(spec, v, g, depth + 1)?))),
        Some(("all", v)) if v.is_sequence() => Ok(Cond::All(items(v)?)),
        Some(("any", v)) if v.is_sequence() => Ok(Cond::Any(items(v)?)),
        Some(("has", Value::Mapping(body)))
            if body.get("stopBy").and_then(Value::as_str) == Some("end")
                && !body.contains_key("field") =>
        {
            let mut body = body.clone();
            body.remove("stopBy");
            let body = Value::Mapping(body);
            // A rule with node kinds: only those nodes are candidates.
            match RuleConfig::try_from(config_yaml(spec, &body, g)?, utils::globals(g)) {
                Ok(c) => {
                    let kinds = c.matcher.potential_kinds();
                    match kinds {
                        Some(k) if k.iter().next().is_some() => {
                            let mut kinds: Vec<u16> = k.iter().map(|k| k as u16).collect();
                            kinds.sort_unstable();
                            Ok(Cond::Anywhere {
                                rule: c.matcher,
                                kinds,
                            })
                        }
                        _ => Ok(Cond::Root(root_rule(spec, rule, g)?)),
                    }
                }
                Err(_) => Ok(Cond::Root(root_rule(spec, rule, g)?)),
            }
        }
        _ => Ok(Cond::Root(root_rule(spec, rule, g)?)),
    }
}

/// What a scan remembers about the file rules of its rules. Shared by the two halves of a big
/// tree's scan (behind a lock, held while an answer is worked out), so each question is worked
/// out once per scan, not once per half: with the halves asking apart, the Bash rule whose file
/// rule follows each variable name cost more on two threads than on one.
#[derive(Default)]
pub struct Memo<'t> {
    answers: HashMap<(usize, String), bool>,
    /// Nodes by kind set, in document order (the root left out: `has` looks below it).
    nodes: HashMap<Vec<u16>, Vec<TNode<'t>>>,
}

/// Does the file's root meet `f` with the bindings of `m` (rule number `i` of the scan)?
pub fn allows<'t>(
    parsed: &'t Parsed,
    i: usize,
    f: &FileRule,
    m: &NodeMatch<'t, StrDoc<Grammar>>,
    memo: &std::sync::Mutex<Memo<'t>>,
) -> bool {
    let env = m.get_env();
    let mut key = String::new();
    for v in &f.vars {
        if let Some(n) = env.get_match(v) {
            key.push_str(&n.text());
        }
        for n in env.get_multiple_matches(v) {
            key.push('\u{1}');
            key.push_str(&n.text());
        }
        key.push('\u{0}');
    }
    // A panic in another half's rule poisons the lock, not the answers: they stay usable.
    let mut memo = memo.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(&a) = memo.answers.get(&(i, key.clone())) {
        return a;
    }
    let mut env: Env<'t> = Cow::Owned(env.clone());
    let a = eval(&f.cond, parsed, &mut env, &mut memo.nodes);
    memo.answers.insert((i, key), a);
    a
}

fn eval<'t>(
    c: &Cond,
    parsed: &'t Parsed,
    env: &mut Env<'t>,
    nodes: &mut HashMap<Vec<u16>, Vec<TNode<'t>>>,
) -> bool {
    match c {
        Cond::Not(x) => !eval(x, parsed, &mut env.clone(), nodes),
        Cond::All(xs) => {
            let mut e = env.clone();
            if xs.iter().all(|x| eval(x, parsed, &mut e, nodes)) {
                *env = e;
                return true;
            }
            false
        }
        Cond::Any(xs) => {
            for x in xs {
                let mut e = env.clone();
                if eval(x, parsed, &mut e, nodes) {
                    *env = e;
                    return true;
                }
            }
            false
        }
        Cond::Anywhere { rule, kinds } => {
            let list = nodes
                .entry(kinds.clone())
                .or_insert_with(|| of_kinds(parsed, kinds));
            for n in list.iter() {
                let mut e = env.clone();
                if rule.match_node_with_env(n.clone(), &mut e).is_some() {
                    *env = e;
                    return true;
                }
            }
            false
        }
        Cond::Root(rule) => rule.match_node_with_env(parsed.root.root(), env).is_some(),
    }
}

/// The nodes of `kinds` (sorted) below the root, in document order, by one walk of the tree.
fn of_kinds<'t>(parsed: &'t Parsed, kinds: &[u16]) -> Vec<TNode<'t>> {
    let mut out = Vec::new();
    let mut cursor = parsed.root.root().get_inner_node().walk();
    let mut depth = 0usize;
    loop {
        let n = cursor.node();
        if depth > 0 && kinds.binary_search(&n.kind_id()).is_ok() {
            out.push(parsed.root.adopt(n));
        }
        if cursor.goto_first_child() {
            depth += 1;
            continue;
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() {
                return out;
            }
            depth -= 1;
        }
    }
}

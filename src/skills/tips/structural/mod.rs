//! Structural tips: a tip whose trigger is an ast-grep rule (`rule:` in the tip block, with
//! `constraints`, `utils`, `transform` and `fix` as ast-grep writes them) instead of a regex.
//!
//! This module owns compiling those rules per grammar ([`compile`]), the reusable utils shipped
//! with the library ([`utils`]), parsing documents into trees kept per document text ([`trees`]),
//! the context conditions read off a tree ([`context`]) and running every selected rule over one
//! tree in a single walk ([`scan`]). Which findings
//! are kept (paths, settings, suppressions) stays in `tips.rs`, like for regex tips.

pub mod context;
pub mod file_rule;
pub mod lang;
pub mod reach;
mod scan;
pub mod trees;
pub mod utils;

use std::ops::Range;
use std::sync::Arc;

use ast_grep_config::{RuleConfig, SerializableRuleConfig};
use ast_grep_core::Matcher;
use yaml_serde::{Mapping, Value};

pub use lang::Grammar;
pub use reach::Reach;
pub(crate) use scan::two_cores;
pub use scan::{Hit, scan, scan_with};
pub use trees::Parsed;

/// Why a structural tip's rule cannot be used; shown on its skill file after `tip `<id>`: `.
#[derive(Debug, thiserror::Error)]
pub enum RuleError {
    /// Not an ast-grep rule at all (a key or a shape ast-grep does not take).
    #[error("{0}")]
    Shape(yaml_serde::Error),
    /// ast-grep refused it for a grammar (a pattern, a kind, a util): its error with the causes.
    #[error("{0}")]
    AstGrep(String),
    #[error(
        "the rule matches no node kind of {} (a `kind` or `pattern` must say what it matches)",
        .0.name()
    )]
    NoKinds(Grammar),
    #[error("a structural tip needs `languages` (grammars: {})", Grammar::names())]
    NoLanguages,
    #[error(
        "no grammar for {} in this build (grammars: {}); use a regex `pattern` for it",
        .0.join(", "),
        Grammar::names()
    )]
    NoGrammar(Vec<String>),
    /// The `file-rule` is not a rule, or ast-grep refused it.
    #[error("{FILE_RULE}: {0}")]
    FileRule(Box<RuleError>),
}

/// Keys of a tip block that belong to the ast-grep rule.
pub const RULE_KEYS: &[&str] = &[
    "rule",
    "constraints",
    "utils",
    "transform",
    "fix",
    "rewriters",
    FILE_RULE,
];

/// skill-lsp's one key beside ast-grep's (see [`file_rule`]).
pub use file_rule::KEY as FILE_RULE;

/// The rule of one tip, as written (validated when the tip block is read).
#[derive(Debug, Clone)]
pub struct Spec {
    /// The ast-grep keys of the tip block (`rule`, `constraints`, ...).
    pub yaml: Mapping,
}

impl Spec {
    /// The ast-grep part of a tip block, when it has a `rule:`.
    pub fn from_block(map: &Mapping) -> Option<Spec> {
        map.get("rule")?;
        let mut yaml = Mapping::new();
        for k in RULE_KEYS {
            if let Some(v) = map.get(*k) {
                yaml.insert(Value::String((*k).to_string()), v.clone());
            }
        }
        Some(Spec { yaml })
    }

    /// Is it an ast-grep rule at all (keys and shapes)? Language-specific checks (patterns,
    /// kinds, utils) happen in [`compile`], once the tip's languages are known.
    pub fn check(&self) -> Result<(), RuleError> {
        let mut core = self.yaml.clone();
        for k in ["fix", "rewriters", FILE_RULE] {
            core.remove(k);
        }
        yaml_serde::from_value::<ast_grep_config::SerializableRuleCore>(Value::Mapping(core))
            .map_err(RuleError::Shape)?;
        if let Some(f) = self.yaml.get(FILE_RULE) {
            yaml_serde::from_value::<ast_grep_config::SerializableRule>(f.clone())
                .map_err(|e| RuleError::FileRule(Box::new(RuleError::Shape(e))))?;
        }
        Ok(())
    }
}

/// One compiled rule for one grammar.
pub struct Compiled {
    pub grammar: Grammar,
    config: RuleConfig<Grammar>,
    /// Node kinds the rule can match (a rule must have some: ast-grep's own requirement).
    kinds: Vec<u16>,
    /// Metavariables the message may name.
    vars: Vec<String>,
    /// What a match can depend on outside its top-level statement ([`reach`]): siblings
    /// (`precedes`/`follows`, here or in a shipped util), what an `inside` with `stopBy: end`
    /// finds with its `has`, the `file-rule`.
    pub reach: Reach,
    /// The rule's `file-rule`, compiled with the same utils.
    file: Option<file_rule::FileRule>,
    /// Ancestor kinds a match needs, read off the rule's positive `inside`s ([`ancestor_chains`]):
    /// checked on the walk's own ancestor stack before the matcher runs.
    ancestors: Vec<Chain>,
}

/// Kind sets, innermost first: a matching node has an ancestor of the first set's kinds, above it
/// one of the second's, and so on.
type Chain = Vec<Vec<u16>>;

impl std::fmt::Debug for Compiled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Compiled")
            .field("grammar", &self.grammar)
            .field("kinds", &self.kinds.len())
            .finish()
    }
}

/// A structural tip: its rule per grammar, compiled when first asked for (a bundled tip) or
/// when the skill loads (a user's tip, whose problems must show on its skill file at once).
/// Compiling a rule parses its patterns with the grammar, touching the grammar's tables: a
/// session that never opens a Go file never pages in the Go grammar.
#[derive(Debug, Default)]
pub struct Rule {
    id: String,
    spec: Option<Spec>,
    per_grammar: Vec<(Grammar, std::sync::OnceLock<Option<Compiled>>)>,
}

impl Rule {
    pub fn for_grammar(&self, g: Grammar) -> Option<&Compiled> {
        let (_, cell) = self.per_grammar.iter().find(|(x, _)| *x == g)?;
        cell.get_or_init(|| {
            let spec = self.spec.as_ref()?;
            compile_one(&self.id, spec, g)
                .map_err(|e| {
                    // Bundled rules are compiled by the tests; say so rather than go silent.
                    tracing::error!(
                        "structural tip `{}` does not compile for {}: {e}",
                        self.id,
                        g.name()
                    )
                })
                .ok()
        })
        .as_ref()
    }

    /// The ast-grep keys it was written with (`None` for a rule built without them).
    pub fn spec(&self) -> Option<&Spec> {
        self.spec.as_ref()
    }

    /// Is the rule for `g` and not compiled for it yet?
    pub fn cold(&self, g: Grammar) -> bool {
        self.per_grammar
            .iter()
            .any(|(x, cell)| *x == g && cell.get().is_none())
    }

    /// The grammars the rule is for.
    pub fn grammars(&self) -> impl Iterator<Item = Grammar> + '_ {
        self.per_grammar.iter().map(|(g, _)| *g)
    }
}

/// The grammars for a tip's languages. Names without a compiled grammar are returned apart: a
/// structural tip for them is a problem on the skill file (ast-grep would panic on them).
pub fn grammars_for(languages: &[String]) -> (Vec<Grammar>, Vec<String>) {
    let mut out = Vec::new();
    let mut missing = Vec::new();
    for l in languages {
        match Grammar::from_name(l) {
            Some(g) => {
                if !out.contains(&g) {
                    out.push(g);
                }
            }
            None => missing.push(l.clone()),
        }
    }
    (out, missing)
}

/// Compile `spec` for each grammar now. `Err` says what is wrong, in ast-grep's words.
pub fn compile(id: &str, spec: &Spec, grammars: &[Grammar]) -> Result<Rule, RuleError> {
    let mut per_grammar = Vec::new();
    for &g in grammars {
        let c = compile_one(id, spec, g)?;
        per_grammar.push((g, std::sync::OnceLock::from(Some(c))));
    }
    Ok(Rule {
        id: id.to_string(),
        spec: Some(spec.clone()),
        per_grammar,
    })
}

/// `spec` for each grammar, compiled on first use (see [`Rule`]).
pub fn lazy(id: &str, spec: &Spec, grammars: &[Grammar]) -> Rule {
    Rule {
        id: id.to_string(),
        spec: Some(spec.clone()),
        per_grammar: grammars
            .iter()
            .map(|&g| (g, std::sync::OnceLock::new()))
            .collect(),
    }
}

fn compile_one(id: &str, spec: &Spec, g: Grammar) -> Result<Compiled, RuleError> {
    let mut yaml = spec.yaml.clone();
    let file_yaml = yaml.remove(FILE_RULE);
    yaml.insert("id".into(), Value::String(id.to_string()));
    yaml.insert("language".into(), Value::String(g.name().to_string()));
    let ser: SerializableRuleConfig<Grammar> =
        yaml_serde::from_value(Value::Mapping(yaml)).map_err(RuleError::Shape)?;
    let config = RuleConfig::try_from(ser, utils::globals(g))
        .map_err(|e| RuleError::AstGrep(error_chain(&e)))?;
    let kinds = config
        .matcher
        .potential_kinds()
        .map(|k| k.iter().map(|k| k as u16).collect::<Vec<_>>())
        .unwrap_or_default();
    if kinds.is_empty() {
        return Err(RuleError::NoKinds(g));
    }
    let mut vars: Vec<String> = config
        .matcher
        .defined_vars()
        .into_iter()
        .map(str::to_string)
        .collect();
    // Longest first, so `$NAME` never substitutes the start of `$NAMES`.
    vars.sort_by_key(|v| std::cmp::Reverse(v.len()));
    let file = match file_yaml {
        Some(f) => Some(
            file_rule::compile(spec, &f, g, &vars).map_err(|e| RuleError::FileRule(Box::new(e)))?,
        ),
        None => None,
    };
    let text = yaml_serde::to_string(&spec.yaml).unwrap_or_else(|_| "precedes".into());
    let siblings = ["precedes", "follows"]
        .iter()
        .any(|k| text.contains(k) || (text.contains("matches") && utils::SOURCE.contains(k)));
    let mut reach = if siblings { Reach::Any } else { Reach::Local };
    if let Some(f) = &file {
        reach = reach.join(f.reach.clone());
    }
    if let Some(r) = spec.yaml.get("rule") {
        reach = reach.join(reach::of_rule(spec, r, g));
    }
    let ancestors = spec
        .yaml
        .get("rule")
        .map(|r| ancestor_chains(spec, r, g, 0))
        .unwrap_or_default();
    Ok(Compiled {
        grammar: g,
        config,
        kinds,
        vars,
        reach,
        file,
        ancestors,
    })
}

/// What ancestors a match of `rule` must have, from the `inside`s it requires: its own and those
/// of its `all` items (`any`, `not`, `has`, siblings and utils are left out: nothing certain
/// follows from them). An `inside` is met by an ancestor (whatever its `stopBy` or `field`) of
/// a kind its rule can match (ast-grep's `potential_kinds`, the same sets that dispatch rules by
/// node kind), and what that rule itself requires `inside` lies above that ancestor.
///
/// Why: tree-sitter has no parent pointers, so every `inside` step up (a parent, the list of
/// ancestors) walks down from the root again, through the siblings at each level: on a file with
/// a thousand top-level statements, one `inside` costs microseconds for each candidate node. A
/// rule on `identifier` inside a function inside a loop was half the structural pass. The walk
/// of [`scan`] knows the ancestors' kinds for free, and a node without the required ones cannot
/// match: skipping it never changes a finding.
fn ancestor_chains(spec: &Spec, rule: &Value, g: Grammar, depth: usize) -> Vec<Chain> {
    let mut out = Vec::new();
    let Some(map) = rule.as_mapping() else {
        return out;
    };
    // Deep enough for any rule written by hand; a bound all the same.
    if depth > 8 {
        return out;
    }
    if let Some(Value::Mapping(inside)) = map.get("inside") {
        let mut body = inside.clone();
        body.remove("stopBy");
        body.remove("field");
        let body = Value::Mapping(body);
        let above = ancestor_chains(spec, &body, g, depth + 1);
        match body_kinds(spec, &body, g) {
            Some(k) if above.is_empty() => out.push(vec![k]),
            Some(k) => out.extend(above.into_iter().map(|c| {
                let mut v = vec![k.clone()];
                v.extend(c);
                v
            })),
            None => out.extend(above),
        }
    }
    if let Some(Value::Sequence(items)) = map.get("all") {
        for it in items {
            out.extend(ancestor_chains(spec, it, g, depth + 1));
        }
    }
    out
}

/// The node kinds `body` (a rule, with the tip's local utils) can match; `None` when any kind
/// may match or it does not compile alone.
pub(super) fn body_kinds(spec: &Spec, body: &Value, g: Grammar) -> Option<Vec<u16>> {
    let mut yaml = Mapping::new();
    yaml.insert("id".into(), Value::String("inside".into()));
    yaml.insert("language".into(), Value::String(g.name().to_string()));
    yaml.insert("rule".into(), body.clone());
    if let Some(u) = spec.yaml.get("utils") {
        yaml.insert("utils".into(), u.clone());
    }
    let ser: SerializableRuleConfig<Grammar> = yaml_serde::from_value(Value::Mapping(yaml)).ok()?;
    let config = RuleConfig::try_from(ser, utils::globals(g)).ok()?;
    let kinds: Vec<u16> = config
        .matcher
        .potential_kinds()?
        .iter()
        .map(|k| k as u16)
        .collect();
    (!kinds.is_empty()).then_some(kinds)
}

/// Does the ancestor stack (outermost first) hold every chain of `c`, each in order?
fn ancestors_allow(c: &Compiled, stack: &[u16]) -> bool {
    c.ancestors.iter().all(|chain| {
        let mut want = chain.iter().peekable();
        for k in stack.iter().rev() {
            match want.peek() {
                Some(set) if set.contains(k) => {
                    want.next();
                }
                Some(_) => {}
                None => break,
            }
        }
        want.peek().is_none()
    })
}

/// An error with its causes (ast-grep's outer errors only say which key is wrong).
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        s.push_str(": ");
        s.push_str(&c.to_string());
        cur = c.source();
    }
    s
}

/// Byte ranges of `new` (in its coordinates) whose syntax differs from `old`'s, by tree-sitter's
/// own comparison after applying to a copy of `old`'s tree the edit that turns its text into
/// `new`'s (the common prefix/suffix difference), plus the edited bytes themselves. Nodes
/// outside these ranges are the same nodes, shifted. `None` when the trees are of different
/// grammars.
pub fn changed_ranges(old: &Parsed, new: &Parsed) -> Option<Vec<Range<usize>>> {
    if old.grammar != new.grammar {
        return None;
    }
    let a: &str = old.root.get_text();
    let b: &str = new.root.get_text();
    let (p, s) = common_ends(a, b);
    let edit = ast_grep_core::source::Edit::<String> {
        position: p,
        deleted_length: a.len() - p - s,
        inserted_text: b.as_bytes()[p..b.len() - s].to_vec(),
    };
    let mut tree = old.root.root().get_doc().tree.clone();
    let mut src = a.to_string();
    ast_grep_core::tree_sitter::perform_edit(&mut tree, &mut src, &edit);
    let new_tree = &new.root.root().get_doc().tree;
    let mut out: Vec<Range<usize>> = tree
        .changed_ranges(new_tree)
        .map(|r| r.start_byte..r.end_byte)
        .collect();
    out.push(p..b.len() - s);
    Some(out)
}

/// The lengths of the common prefix and suffix of `a` and `b` (not overlapping), both cut at
/// character boundaries of either text.
pub fn common_ends(a: &str, b: &str) -> (usize, usize) {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    let mut p = x.iter().zip(y).take_while(|(i, j)| i == j).count();
    while !(a.is_char_boundary(p) && b.is_char_boundary(p)) {
        p -= 1;
    }
    let max = x.len().min(y.len()) - p;
    let mut s = x
        .iter()
        .rev()
        .zip(y.iter().rev())
        .take(max)
        .take_while(|(i, j)| i == j)
        .count();
    while !(a.is_char_boundary(a.len() - s) && b.is_char_boundary(b.len() - s)) {
        s -= 1;
    }
    (p, s)
}

/// The root's children (a module's top-level statements) that overlap `lo..hi`, and the one
/// after them: their byte ranges, and whether each says something about the next one. Found
/// from `lo` down the tree rather than by walking every statement: on a 10,000-line file the
/// walk was a tenth of an edit's diagnostics.
pub fn top_level_near(parsed: &Parsed, lo: usize, hi: usize) -> Vec<(Range<usize>, bool)> {
    let root = parsed.root.root();
    let inner = root.get_inner_node();
    let mut cursor = inner.walk();
    let mut out = Vec::new();
    // The first child ending after `lo`: those before it cannot overlap.
    if cursor.goto_first_child_for_byte(lo).is_none() {
        return out;
    }
    loop {
        let n = cursor.node();
        let k = n.kind();
        // Attributes and comments say something about the item after them (`#[cfg(test)]`,
        // a `// SAFETY:` comment): an edit of one concerns the next item too.
        let leads = k.contains("comment") || k.contains("attribute") || k == "decorator";
        out.push((n.start_byte()..n.end_byte(), leads));
        if n.start_byte() >= hi || !cursor.goto_next_sibling() {
            return out;
        }
    }
}

/// Shared handle to a compiled rule set, so a tip keeps its rule alive cheaply.
pub type SharedRule = Arc<Rule>;

#[cfg(test)]
mod tests;

//! How far a structural rule's match reaches beyond its own top-level statement, read off the
//! rule when it compiles, and what that means after an edit ([`Reach`], [`kinds_in`]).
//!
//! Most rules look only at the matched node, its descendants and its ancestors (all inside one
//! top-level statement), so after an edit only the edited statements are searched again. Some
//! look further: at siblings (`precedes`/`follows`), at the whole file from an ancestor that may
//! be the root (`inside` with `stopBy: end` holding a `has`), or through a `file-rule`. Re-running
//! those on the whole tree after every edit costs a walk of every node (~12 ms on a 10,000-line
//! Python file), so a rule whose far part only finds nodes of known kinds (`from hashlib import
//! md5`: an `import_from_statement`; a shell assignment: `variable_assignment`) re-runs whole
//! only when the edited statements, before or after the edit, hold a node of those kinds.
//! Otherwise every node the far part can find is outside the edit, unchanged, and so are the
//! rule's matches outside it.

use std::ops::Range;

use yaml_serde::Value;

use super::{Grammar, Parsed, Spec, body_kinds};

/// What a rule's matches can depend on outside their top-level statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reach {
    /// Nothing.
    Local,
    /// Nodes of these kinds (sorted) and their descendants, anywhere in the file.
    Kinds(Vec<u16>),
    /// Anything.
    Any,
}

impl Reach {
    pub fn join(self, other: Reach) -> Reach {
        match (self, other) {
            (Reach::Any, _) | (_, Reach::Any) => Reach::Any,
            (Reach::Local, r) | (r, Reach::Local) => r,
            (Reach::Kinds(mut a), Reach::Kinds(b)) => {
                a.extend(b);
                a.sort_unstable();
                a.dedup();
                Reach::Kinds(a)
            }
        }
    }

    /// Must the rule run on the whole tree after an edit whose statements held `edited` kinds?
    pub fn rescan(&self, edited: &[bool]) -> bool {
        match self {
            Reach::Local => false,
            Reach::Any => true,
            Reach::Kinds(k) => k
                .iter()
                .any(|&k| edited.get(usize::from(k)).copied().unwrap_or(false)),
        }
    }
}

/// The reach of `body`, a rule found anywhere in the file (a `has` body, its `stopBy` and
/// `field` ignored): the kinds it can match when it only looks down (no `inside`, `precedes` or
/// `follows`, itself or through the tip's local utils), else anything.
pub fn of_found(spec: &Spec, body: &Value, g: Grammar) -> Reach {
    let mut body = body.clone();
    if let Value::Mapping(m) = &mut body {
        m.remove("stopBy");
        m.remove("field");
    }
    let body = &body;
    if !looks_down_only(spec, body, 0) {
        return Reach::Any;
    }
    match body_kinds(spec, body, g) {
        Some(mut k) => {
            k.sort_unstable();
            k.dedup();
            Reach::Kinds(k)
        }
        None => Reach::Any,
    }
}

/// The reach of the far parts of a tip's `rule`: each `has` under an `inside` with
/// `stopBy: end` whose ancestor may be the root (a search of the whole file), and any
/// `precedes`/`follows` there.
pub fn of_rule(spec: &Spec, rule: &Value, g: Grammar) -> Reach {
    walk(spec, rule, g, false, 0)
}

fn walk(spec: &Spec, v: &Value, g: Grammar, far: bool, depth: usize) -> Reach {
    if depth > 16 {
        return Reach::Any;
    }
    match v {
        Value::Mapping(m) => {
            let mut r = Reach::Local;
            for (k, v) in m {
                let k = k.as_str().unwrap_or_default();
                r = r.join(match k {
                    "has" if far => of_found(spec, v, g),
                    "precedes" | "follows" if far => Reach::Any,
                    "inside" => {
                        let end = v
                            .as_mapping()
                            .and_then(|b| b.get("stopBy"))
                            .is_some_and(|s| s.as_str() == Some("end"));
                        walk(
                            spec,
                            v,
                            g,
                            far || (end && may_be_root(spec, v, g)),
                            depth + 1,
                        )
                    }
                    _ => walk(spec, v, g, far, depth + 1),
                });
            }
            r
        }
        Value::Sequence(items) => items.iter().fold(Reach::Local, |r, x| {
            r.join(walk(spec, x, g, far, depth + 1))
        }),
        _ => Reach::Local,
    }
}

/// May the ancestor an `inside` body finds be the root? Not when the kinds it matches exclude
/// the root's: then it is inside the match's top-level statement, and so is all below it.
fn may_be_root(spec: &Spec, inside: &Value, g: Grammar) -> bool {
    let mut body = inside.clone();
    if let Value::Mapping(m) = &mut body {
        m.remove("stopBy");
        m.remove("field");
    }
    let root = Parsed::new(g, "").map(|p| p.root.root().get_inner_node().kind_id());
    match (body_kinds(spec, &body, g), root) {
        (Some(k), Some(r)) => k.contains(&r),
        _ => true,
    }
}

/// Does `v` look only at a node and its descendants? Local utils it `matches` are read too; a
/// shipped util is taken as looking anywhere.
fn looks_down_only(spec: &Spec, v: &Value, depth: usize) -> bool {
    if depth > 16 {
        return false;
    }
    match v {
        Value::Mapping(m) => m.iter().all(|(k, v)| match k.as_str().unwrap_or_default() {
            "inside" | "precedes" | "follows" => false,
            "matches" => v.as_str().is_some_and(|name| {
                spec.yaml
                    .get("utils")
                    .and_then(|u| u.get(name))
                    .is_some_and(|u| looks_down_only(spec, u, depth + 1))
            }),
            _ => looks_down_only(spec, v, depth + 1),
        }),
        Value::Sequence(items) => items.iter().all(|x| looks_down_only(spec, x, depth + 1)),
        _ => true,
    }
}

/// Which node kinds (by id) occur among the nodes of `parsed` overlapping `range`. Each level is
/// entered at the first child ending after the range's start and left at the first starting
/// past its end (children are in order), so the walk visits the range's nodes, not the file's.
pub fn kinds_in(parsed: &Parsed, range: Range<usize>) -> Vec<bool> {
    let end = range.end.max(range.start + 1);
    let mut out = Vec::new();
    let root = parsed.root.root().get_inner_node();
    if !(root.start_byte() < end && range.start < root.end_byte()) {
        return out;
    }
    let mut mark = |k: u16| {
        let k = usize::from(k);
        if out.len() <= k {
            out.resize(k + 1, false);
        }
        out[k] = true;
    };
    mark(root.kind_id());
    let mut cursor = root.walk();
    if cursor.goto_first_child_for_byte(range.start).is_none() {
        return out;
    }
    loop {
        let n = cursor.node();
        // Entered at a child ending after the start, so it overlaps unless it starts past the
        // end; and so do the siblings after it until one does.
        if n.start_byte() < end {
            mark(n.kind_id());
            if cursor.goto_first_child_for_byte(range.start).is_some() {
                continue;
            }
            if cursor.goto_next_sibling() {
                continue;
            }
        }
        // This level is done: on to the parent's next sibling.
        loop {
            if !cursor.goto_parent() {
                return out;
            }
            if cursor.goto_next_sibling() {
                break;
            }
        }
    }
}

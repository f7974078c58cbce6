//! Parsed documents: one tree-sitter tree per document, kept between requests.
//!
//! The cache is keyed by the document's path and checked against its text, so it needs no
//! protocol knowledge: a hover or a diagnostics pass on the same text reuses the tree, and a new
//! version is re-parsed incrementally from the old tree (the changed byte range is the common
//! prefix/suffix difference, what `didChange` sent, given to tree-sitter's edit API through
//! ast-grep's `Root::edit`).
//!
//! YAML with Go-template actions (`{{ … }}`, Helm charts) is masked before parsing: each action
//! becomes same-length filler (a comment when it stands alone on its line, `x`s inside a value),
//! so offsets stay true and the tree is the one of the YAML around the templates. Matches over a
//! masked range are dropped by [`super::scan`].

use std::borrow::Cow;
use std::collections::VecDeque;
use std::ops::Range;
use std::sync::{Arc, Mutex};

use ast_grep_core::source::Edit;
use ast_grep_core::tree_sitter::StrDoc;
use ast_grep_core::{AstGrep, Node};

use super::Grammar;

/// Documents kept parsed: the few used last (the one being edited, the one being analysed). A
/// 1,000-line document's tree takes ~0.6 MB, and the others are parsed again on demand (a few
/// milliseconds). The unit tests share this cache across parallel threads, so there it is
/// larger: a test's own entry must not be pushed out between two of its calls.
const KEEP: usize = if cfg!(test) { 24 } else { 4 };
/// Larger texts get regex tips only: a generated or minified file is no place for rules.
pub const MAX_BYTES: usize = 8 << 20;

/// A parsed document.
pub struct Parsed {
    pub root: AstGrep<StrDoc<Grammar>>,
    pub grammar: Grammar,
    /// The tree has a syntax error somewhere.
    pub has_error: bool,
    /// Byte ranges of masked template actions, in order.
    pub templates: Vec<Range<usize>>,
}

impl Parsed {
    /// Parse `text` (masked when it is templated YAML). `None` when tree-sitter gives no tree.
    pub fn new(grammar: Grammar, text: &str) -> Option<Parsed> {
        let (masked, templates) = mask(grammar, text);
        let root = AstGrep::try_new(&masked, grammar).ok()?;
        Some(Parsed::from_root(root, grammar, templates))
    }

    fn from_root(
        root: AstGrep<StrDoc<Grammar>>,
        grammar: Grammar,
        templates: Vec<Range<usize>>,
    ) -> Parsed {
        let has_error = root.root().get_inner_node().has_error();
        Parsed {
            root,
            grammar,
            has_error,
            templates,
        }
    }

    /// Does `r` touch a masked template action?
    pub fn overlaps_template(&self, r: &Range<usize>) -> bool {
        let i = self.templates.partition_point(|t| t.end <= r.start);
        self.templates.get(i).is_some_and(|t| t.start < r.end)
    }

    /// The smallest named node covering byte `pos`.
    pub fn node_at(&self, pos: usize) -> Option<Node<'_, StrDoc<Grammar>>> {
        let inner = self
            .root
            .root()
            .get_inner_node()
            .named_descendant_for_byte_range(pos, pos)?;
        Some(self.root.adopt(inner))
    }
}

/// Where `text` fails to parse as `language` (an LSP language id): the byte offset of the first
/// syntax error or missing token. `None` when it parses, when no grammar covers the language, or
/// when the text is too large to parse (so callers never refuse for want of a grammar).
pub fn syntax_error(language: &str, text: &str) -> Option<usize> {
    let grammar = Grammar::for_document(language)?;
    if text.len() > MAX_BYTES {
        return None;
    }
    let parsed = Parsed::new(grammar, text)?;
    if !parsed.has_error {
        return python_bare_try(&parsed);
    }
    let mut cursor = parsed.root.root().get_inner_node().walk();
    // Depth-first to the first node that is an error or missing (tree-sitter's own order).
    loop {
        let node = cursor.node();
        if node.is_error() || node.is_missing() {
            return Some(node.start_byte());
        }
        if node.has_error() && cursor.goto_first_child() {
            continue;
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() {
                return Some(0);
            }
        }
    }
}

/// tree-sitter-python accepts a `try:` with neither `except` nor `finally` (Python does not):
/// the start of the first such statement.
fn python_bare_try(parsed: &Parsed) -> Option<usize> {
    if parsed.grammar != Grammar::Python {
        return None;
    }
    parsed
        .root
        .root()
        .dfs()
        .find(|n| {
            n.kind() == "try_statement"
                && !n.children().any(|c| {
                    matches!(
                        c.kind().as_ref(),
                        "except_clause" | "except_group_clause" | "finally_clause"
                    )
                })
        })
        .map(|n| n.range().start)
}

/// Text to parse: templated YAML masked, anything else as is.
pub fn mask(grammar: Grammar, text: &str) -> (Cow<'_, str>, Vec<Range<usize>>) {
    if grammar != Grammar::Yaml || !text.contains("{{") {
        return (Cow::Borrowed(text), Vec::new());
    }
    let b = text.as_bytes();
    let mut actions = Vec::new();
    let mut i = 0;
    while i + 1 < b.len() {
        // `${{ … }}` is a GitHub Actions expression, part of the YAML value: not a template.
        if b[i] == b'{' && b[i + 1] == b'{' && (i == 0 || b[i - 1] != b'$') {
            match text[i + 2..].find("}}") {
                Some(j) => {
                    let end = i + 2 + j + 2;
                    actions.push(i..end);
                    i = end;
                    continue;
                }
                None => {
                    actions.push(i..b.len());
                    break;
                }
            }
        }
        i += 1;
    }
    if actions.is_empty() {
        return (Cow::Borrowed(text), actions);
    }
    let mut out = b.to_vec();
    for a in &actions {
        let ls = text[..a.start].rfind('\n').map_or(0, |p| p + 1);
        let le = text[a.end..].find('\n').map_or(text.len(), |p| a.end + p);
        // Alone on its line (besides other actions): it stands where keys or items would, so
        // it becomes a comment and the YAML around it keeps its structure.
        let alone = strip(&text[ls..a.start], &actions, ls).trim().is_empty()
            && strip(&text[a.end..le], &actions, a.end).trim().is_empty();
        for (k, byte) in out[a.clone()].iter_mut().enumerate() {
            if *byte == b'\n' || *byte == b'\r' {
                continue;
            }
            *byte = match (alone, k) {
                (true, 0) => b'#',
                (true, _) => b' ',
                (false, _) => b'x',
            };
        }
    }
    // Only ASCII bytes replaced whole actions (which start and end on ASCII braces), and a
    // multi-byte character inside an action is overwritten entirely.
    let s = String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into());
    (Cow::Owned(s), actions)
}

/// `s` (starting at byte `base`) with the parts covered by actions removed.
fn strip(s: &str, actions: &[Range<usize>], base: usize) -> String {
    let mut out = String::new();
    for (i, c) in s.char_indices() {
        let at = base + i;
        if !actions.iter().any(|a| a.contains(&at)) {
            out.push(c);
        }
    }
    out
}

/// Recently parsed documents, most recent last.
static CACHE: Mutex<VecDeque<(String, Arc<Parsed>)>> = Mutex::new(VecDeque::new());

/// The tree of `text`: from the cache when `key` names a document parsed before with the same
/// text, re-parsed incrementally when only part of it changed, else parsed afresh.
pub fn parsed(key: Option<&str>, grammar: Grammar, text: &str) -> Option<Arc<Parsed>> {
    if text.len() > MAX_BYTES {
        return None;
    }
    let Some(key) = key else {
        return Parsed::new(grammar, text).map(Arc::new);
    };
    let (masked, templates) = mask(grammar, text);
    let old = {
        let mut cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
        let pos = cache
            .iter()
            .position(|(k, p)| k == key && p.grammar == grammar);
        match pos {
            Some(i) if cache[i].1.root.get_text() == masked.as_ref() => {
                let hit = cache.remove(i).expect("index in range");
                let p = hit.1.clone();
                cache.push_back(hit);
                return Some(p);
            }
            Some(i) => cache.remove(i).map(|(_, p)| p),
            None => None,
        }
    };
    // Parsing happens outside the lock; two requests racing on one document parse twice.
    let parsed = match old {
        Some(old) => reparse(old, &masked, templates)?,
        None => {
            let root = AstGrep::try_new(masked.as_ref(), grammar).ok()?;
            Parsed::from_root(root, grammar, templates)
        }
    };
    let parsed = Arc::new(parsed);
    let gone: Vec<_> = {
        let mut cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
        cache.push_back((key.to_string(), parsed.clone()));
        let over = cache.len().saturating_sub(KEEP);
        cache.drain(..over).collect()
    };
    // Freed outside the lock.
    drop(gone);
    Some(parsed)
}

/// Drop the tree kept for `key` (its document closed): a closed file's tree and text copy
/// would otherwise stay until 24 other documents pushed them out.
pub fn forget(key: &str) {
    let gone: VecDeque<_> = {
        let mut cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
        let (gone, kept) = std::mem::take(&mut *cache)
            .into_iter()
            .partition(|(k, _)| k == key);
        *cache = kept;
        gone
    };
    // Freed outside the lock.
    drop(gone);
}

/// The old tree edited to `text`: the bytes between the common prefix and suffix changed.
fn reparse(old: Arc<Parsed>, text: &str, templates: Vec<Range<usize>>) -> Option<Parsed> {
    let grammar = old.grammar;
    let mut root = Arc::try_unwrap(old).map_or_else(|shared| shared.root.clone(), |p| p.root);
    let before = root.get_text().as_bytes();
    let after = text.as_bytes();
    let prefix = before.iter().zip(after).take_while(|(a, b)| a == b).count();
    let max_suffix = before.len().min(after.len()) - prefix;
    let suffix = before
        .iter()
        .rev()
        .zip(after.iter().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    let edit = Edit::<String> {
        position: prefix,
        deleted_length: before.len() - prefix - suffix,
        inserted_text: after[prefix..after.len() - suffix].to_vec(),
    };
    let edited = root.edit(edit).is_ok();
    let root = match edited {
        true if root.get_text() == text => root,
        // An edit that split a character or a failed parse: start over.
        _ => AstGrep::try_new(text, grammar).ok()?,
    };
    Some(Parsed::from_root(root, grammar, templates))
}

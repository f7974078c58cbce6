//! Reusable rules shipped with the library (`matches: <id>` in any structural tip): the shapes
//! config-file rules keep needing, written once in `utils.yml` next to this file. Each util is
//! compiled for its own grammar only; a rule of another grammar that names it gets ast-grep's
//! "undefined util" error on its skill file.

use std::collections::HashMap;
use std::sync::OnceLock;

use ast_grep_config::{DeserializeEnv, GlobalRules, SerializableGlobalRule};

use super::Grammar;

/// The shipped utils (YAML list of ast-grep global utility rules).
pub const SOURCE: &str = include_str!("utils.yml");

/// Utils per grammar, compiled on first use; a util that does not compile is reported once.
pub fn globals(g: Grammar) -> &'static GlobalRules {
    static ALL: OnceLock<HashMap<Grammar, GlobalRules>> = OnceLock::new();
    static EMPTY: OnceLock<GlobalRules> = OnceLock::new();
    let all = ALL.get_or_init(|| match load() {
        Ok(m) => m,
        Err(e) => {
            tracing::error!("shipped structural utils do not compile: {e}");
            HashMap::new()
        }
    });
    all.get(&g)
        .unwrap_or_else(|| EMPTY.get_or_init(GlobalRules::default))
}

/// Compile every shipped util, grouped by grammar.
pub fn load() -> Result<HashMap<Grammar, GlobalRules>, String> {
    let rules: Vec<SerializableGlobalRule<Grammar>> =
        yaml_serde::from_str(SOURCE).map_err(|e| format!("utils.yml: {e}"))?;
    let mut by: HashMap<Grammar, Vec<SerializableGlobalRule<Grammar>>> = HashMap::new();
    for r in rules {
        by.entry(r.language).or_default().push(r);
    }
    let mut out = HashMap::new();
    for (g, rules) in by {
        let ids: Vec<String> = rules.iter().map(|r| r.id.clone()).collect();
        let globals = DeserializeEnv::parse_global_utils(rules).map_err(|e| {
            format!(
                "utils.yml ({}: {}): {}",
                g.name(),
                ids.join(", "),
                super::error_chain(&e)
            )
        })?;
        out.insert(g, globals);
    }
    Ok(out)
}

/// Ids of the shipped utils with their grammar, for docs and `skills` listings.
pub fn ids() -> Vec<(String, Grammar)> {
    yaml_serde::from_str::<Vec<SerializableGlobalRule<Grammar>>>(SOURCE)
        .map(|v| v.into_iter().map(|r| (r.id, r.language)).collect())
        .unwrap_or_default()
}

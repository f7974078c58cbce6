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

/// Utils of one grammar, compiled the first time a rule of that grammar compiles (compiling
/// parses the utils' patterns, paging in the grammar); a util that does not compile is reported
/// once.
pub fn globals(g: Grammar) -> &'static GlobalRules {
    static CELLS: OnceLock<HashMap<Grammar, OnceLock<GlobalRules>>> = OnceLock::new();
    let cells = CELLS.get_or_init(|| Grammar::ALL.iter().map(|&g| (g, OnceLock::new())).collect());
    cells[&g].get_or_init(|| match load_one(g) {
        Ok(r) => r,
        Err(e) => {
            tracing::error!("shipped structural utils do not compile: {e}");
            GlobalRules::default()
        }
    })
}

/// Why the shipped utils do not compile (a bug in `utils.yml`; the tests compile them).
#[derive(Debug, thiserror::Error)]
pub enum UtilsError {
    #[error("utils.yml: {0}")]
    Yaml(yaml_serde::Error),
    /// `causes`: ast-grep's error with its causes.
    #[error("utils.yml ({}: {}): {causes}", grammar.name(), ids.join(", "))]
    Compile {
        grammar: Grammar,
        ids: Vec<String>,
        causes: String,
    },
}

fn parse_source() -> Result<Vec<SerializableGlobalRule<Grammar>>, UtilsError> {
    yaml_serde::from_str(SOURCE).map_err(UtilsError::Yaml)
}

/// Compile the utils of one grammar.
fn compile(
    grammar: Grammar,
    rules: Vec<SerializableGlobalRule<Grammar>>,
) -> Result<GlobalRules, UtilsError> {
    let ids: Vec<String> = rules.iter().map(|r| r.id.clone()).collect();
    DeserializeEnv::parse_global_utils(rules).map_err(|e| UtilsError::Compile {
        grammar,
        ids,
        causes: super::error_chain(&e),
    })
}

/// Compile the shipped utils of grammar `g`.
fn load_one(g: Grammar) -> Result<GlobalRules, UtilsError> {
    let rules: Vec<_> = parse_source()?
        .into_iter()
        .filter(|r| r.language == g)
        .collect();
    compile(g, rules)
}

/// Compile every shipped util, grouped by grammar.
pub fn load() -> Result<HashMap<Grammar, GlobalRules>, UtilsError> {
    let rules = parse_source()?;
    let mut by: HashMap<Grammar, Vec<SerializableGlobalRule<Grammar>>> = HashMap::new();
    for r in rules {
        by.entry(r.language).or_default().push(r);
    }
    let mut out = HashMap::new();
    for (g, rules) in by {
        out.insert(g, compile(g, rules)?);
    }
    Ok(out)
}

/// Ids of the shipped utils with their grammar, for docs and `skills` listings.
pub fn ids() -> Vec<(String, Grammar)> {
    yaml_serde::from_str::<Vec<SerializableGlobalRule<Grammar>>>(SOURCE)
        .map(|v| v.into_iter().map(|r| (r.id, r.language)).collect())
        .unwrap_or_default()
}

//! `workspace/symbol`: skills by name or alias, and their sections by title.

use super::proto::{Location, Position, Range, SymbolInformation, SymbolKind};
use super::session::Snapshot;

/// Most symbols answered.
const MAX_SYMBOLS: usize = 500;

/// The skills whose name or alias contains `query` (every skill for an empty query) and the
/// sections whose title contains it, case-insensitively.
pub fn workspace_symbols(snap: &Snapshot, query: &str) -> Vec<SymbolInformation> {
    let lib = &snap.library;
    let q = query.to_lowercase();
    let mut out = Vec::new();
    for s in &lib.skills {
        let skill_hit = q.is_empty()
            || s.name.to_lowercase().contains(&q)
            || s.aliases.iter().any(|a| a.to_lowercase().contains(&q));
        let Some(uri) = (if skill_hit
            || s.sections
                .iter()
                .any(|sec| sec.title().to_lowercase().contains(&q))
        {
            super::convert::skill_uri(s, &snap.cache)
        } else {
            None
        }) else {
            continue;
        };
        if skill_hit {
            #[allow(deprecated)]
            out.push(SymbolInformation {
                name: s.name.clone(),
                kind: SymbolKind::FILE,
                tags: None,
                deprecated: None,
                location: Location {
                    uri: uri.clone(),
                    range: Range::default(),
                },
                container_name: s.category.clone(),
            });
        }
        for sec in &s.sections {
            if !q.is_empty() && sec.title().to_lowercase().contains(&q) {
                #[allow(deprecated)]
                out.push(SymbolInformation {
                    name: sec.title().to_string(),
                    kind: SymbolKind::STRING,
                    tags: None,
                    deprecated: None,
                    location: Location {
                        uri: uri.clone(),
                        range: Range::new(
                            Position::new(sec.line_start, 0),
                            Position::new(sec.line_start, 0),
                        ),
                    },
                    container_name: Some(s.name.clone()),
                });
            }
        }
        if out.len() >= MAX_SYMBOLS {
            break;
        }
    }
    out
}

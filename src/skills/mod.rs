//! The skill domain: loading guidance files in every format, selecting which apply to a file,
//! and finding tips in code. Knows nothing of LSP.

pub mod applies;
pub mod authoring;
pub mod builtin;
pub mod dialect;
pub mod document;
pub mod evidence;
pub mod format_table;
pub mod formats;
pub mod frontmatter;
pub mod globs;
pub mod guard;
pub mod languages;
pub mod library;
pub mod markdown;
pub mod model;
pub mod policy;
pub mod regexes;
pub mod sanitize;
pub mod schema;
pub mod select;
pub mod signals;
pub mod suggest;
pub mod tip_policy;
pub mod tips;
pub mod tokens;
pub mod validate;

//! The only place that speaks the protocol. Handlers are thin: they take a snapshot of the state,
//! call the domain (`crate::skills`, `crate::agent`) and convert the result through [`convert`].

pub mod agent_actions;
mod analysis_pool;
pub mod authoring;
mod background;
mod capabilities;
pub mod convert;
pub mod diagnostics;
pub mod documents;
pub mod hover;
mod lifecycle;
pub mod log;
mod memory;
pub mod proto;
pub mod server;
pub mod session;
pub mod skills_for_file;
pub mod symbols;
mod target;
pub mod tip_actions;
mod tip_fixes;
mod tip_status;
pub mod transport;

pub use server::{Backend, serve, serve_stdio};
pub use session::ServerDeps;

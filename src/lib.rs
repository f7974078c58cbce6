//! skill-lsp: a language server that brings skills (agent guidance files) to every editor.
//!
//! Data flows one way: files -> [`skills::library`] -> [`skills::select`] -> [`skills::tips`] /
//! [`agent::prompt`] -> [`lsp`] -> the editor. The CLI ([`cli`]) calls the same domain functions.
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod agent;
pub mod cli;
pub mod dirs;
pub mod lsp;
pub mod settings;
pub mod skills;

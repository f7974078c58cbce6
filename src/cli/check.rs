//! `skill-lsp check`: lint paths with tips. (Placeholder: owned by the tips engineer.)

use super::CommonArgs;

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files or folders to check (default: the current folder).
    pub paths: Vec<std::path::PathBuf>,
}

pub fn run(_args: CheckArgs, _common: &CommonArgs) -> anyhow::Result<i32> {
    anyhow::bail!("check is not implemented yet")
}

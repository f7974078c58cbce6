//! `skill-lsp ask`: run the agent from the terminal. (Placeholder: owned by the agent engineer.)

use super::CommonArgs;

#[derive(Debug, clap::Args)]
pub struct AskArgs {
    /// The instruction.
    pub instruction: Option<String>,
}

pub async fn run(_args: AskArgs, _common: &CommonArgs) -> anyhow::Result<i32> {
    anyhow::bail!("ask is not implemented yet")
}

//! The command-line interface (placeholder while the lead writes it).
pub mod ask;
pub mod check;

/// Options shared by every subcommand.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct CommonArgs {
    /// Extra skill folder or file (repeatable).
    #[arg(long = "skills", value_name = "DIR", global = true)]
    pub skills: Vec<std::path::PathBuf>,
    /// Do not load the skills embedded in the binary.
    #[arg(long, global = true)]
    pub no_builtin: bool,
    /// Machine-readable JSON output.
    #[arg(long, global = true)]
    pub json: bool,
}

//! The `skill-lsp` binary: LSP over stdio by default, plus the CLI subcommands.

use std::path::PathBuf;

use clap::{Parser, Subcommand};
use skill_lsp::cli::{self, CommonArgs, ask, check, tiptest};
use skill_lsp::lsp::ServerDeps;

#[derive(Debug, Parser)]
#[command(
    name = "skill-lsp",
    version,
    about = "Skill-aware language server: skill selection, tips and agent actions for every editor"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Serve LSP over stdio (the default; editors pass it by habit).
    #[arg(long, global = true)]
    stdio: bool,
    #[command(flatten)]
    common: CommonArgs,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the language server over stdio.
    Serve,
    /// List every loaded skill: name, format, activation, languages, globs, problems.
    Skills(cli::SkillsArgs),
    /// Show which skills apply to each file, ranked, with reasons.
    Match {
        /// The files (or, with --skill, the folders to search; default: the current folder).
        #[arg(required_unless_present = "skill")]
        files: Vec<PathBuf>,
        /// The inverse: every file under the paths that this skill applies to, with the reason.
        #[arg(long, value_name = "NAME")]
        skill: Option<String>,
    },
    /// Lint files with the tips of the skills that apply to them.
    Check(check::CheckArgs),
    /// Run the agent on a file with the matching skills as context.
    Ask(ask::AskArgs),
    /// Settings with where each value came from, skill roots, counts and problems.
    Doctor(cli::doctor::DoctorArgs),
    /// Test tips against their examples: bad blocks must raise them, good ones must not.
    Test(tiptest::TestArgs),
    /// Write a valid skeleton of a guidance file (agent-skill, cursor-rule, copilot-instructions, ...).
    New(cli::new::NewArgs),
    /// Print the JSON Schema of a format's frontmatter (for yaml-language-server), or write all.
    Schema(cli::schema::SchemaArgs),
}

/// `serve` on SIGTERM, SIGINT or SIGHUP: kill the agent programs we started (they run in their own
/// process groups, so the signal did not reach them) and end at once with 128 + the signal.
/// (`ask` handles its signals itself.)
async fn end_on_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let (Ok(mut term), Ok(mut int), Ok(mut hup)) = (
            signal(SignalKind::terminate()),
            signal(SignalKind::interrupt()),
            signal(SignalKind::hangup()),
        ) else {
            tracing::warn!("could not install signal handlers");
            return;
        };
        let code = tokio::select! {
            _ = term.recv() => 128 + libc::SIGTERM,
            _ = int.recv() => 128 + libc::SIGINT,
            _ = hup.recv() => 128 + libc::SIGHUP,
        };
        tracing::info!(code, "ending on a signal");
        skill_lsp::agent::command::kill_all();
        std::process::exit(code);
    }
}

/// The server: one malloc arena, before any thread starts. glibc gives each thread that
/// contends for the heap an arena of its own (up to 8 per core), and each keeps the pages its
/// thread freed; the server's threads mostly wait. Measured with ten documents open, two arenas
/// against the default: 1.3-1.5 MB less RSS, idle 1.2 MB less. One against two (no-LTO builds,
/// two alternating runs each): over 2,000 edits of ten documents the heap grew 1.8-2.1 MB
/// instead of 3.1-3.5 (freed pages of one arena are reused by every thread), and the peers
/// bench's open, hover and change figures did not get worse; but the memory bench's burst of
/// ten documents edited at once took 21 s instead of 16-17 (the two analysis threads share the
/// arena's lock). (The CLI keeps the default: `check` searches files on every core.)
fn limit_malloc_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt sets an allocator parameter; called before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 1);
    }
}

fn main() {
    let cli = Cli::parse();
    let is_server = matches!(cli.command, None | Some(Command::Serve));
    if is_server {
        limit_malloc_arenas();
    }
    let mut builder = tokio::runtime::Builder::new_multi_thread();
    if is_server {
        // The library loads on a blocking thread, which would otherwise idle for tokio's
        // default 10 s; a server's blocking work comes seconds apart, and a new thread costs
        // tens of microseconds. Idle, 6 threads instead of 8 (the RSS difference is within
        // this machine's noise).
        builder.thread_keep_alive(std::time::Duration::from_millis(500));
    }
    let runtime = builder.enable_all().build().expect("tokio runtime");
    let code = match cli.command {
        None | Some(Command::Serve) => {
            let resolved = cli.common.resolved();
            // The file opens before `initialize`, so editor settings come too late for it: an
            // editor's own log-file setting arrives as SKILL_LSP_LOG_FILE (VS Code's
            // `skillLsp.logFile`), over the user file's `logFile`.
            let log_file = std::env::var_os("SKILL_LSP_LOG_FILE")
                .filter(|v| !v.is_empty())
                .map(std::path::PathBuf::from)
                .or_else(|| resolved.settings.log_file.clone());
            skill_lsp::lsp::log::init_server(log_file, &resolved.settings.log_level);
            let _ = cli.stdio;
            let deps = ServerDeps {
                extra_skills: cli.common.skills.clone(),
                no_builtin: cli.common.no_builtin,
                ..Default::default()
            };
            // The user file's cap applies from the first frame; editor settings refine it later.
            deps.message_limit.set(resolved.settings.max_message_bytes);
            runtime.spawn(end_on_signal());
            // On a worker, not in `block_on`: the main thread is none of the runtime's workers,
            // so the framework's loop polled there took every request from a worker and handed
            // its reply back to one, two thread wake-ups per message. A panic ends it unclean.
            let serving = runtime.spawn(skill_lsp::lsp::serve_stdio(deps));
            let clean = runtime.block_on(serving).unwrap_or(false);
            skill_lsp::agent::command::kill_all();
            // The spec: exit code 1 when `exit` arrives without a prior `shutdown`.
            if clean { 0 } else { 1 }
        }
        Some(cmd) => {
            // A CLI piped into `head` should stop quietly, not panic on a broken pipe.
            #[cfg(unix)]
            // SAFETY: restoring the default disposition of SIGPIPE installs no handler, so
            // nothing can race with it; no other thread runs yet.
            unsafe {
                libc::signal(libc::SIGPIPE, libc::SIG_DFL);
            }
            skill_lsp::lsp::log::init_cli("warn");
            let result = match cmd {
                Command::Skills(args) => cli::skills(&args, &cli.common),
                Command::Match {
                    files,
                    skill: Some(name),
                } => cli::match_skill::run(&name, &files, &cli.common),
                Command::Match { files, .. } => cli::match_files(&files, &cli.common),
                Command::Doctor(args) => runtime.block_on(cli::doctor::run(&args, &cli.common)),
                Command::Check(args) => check::run(args, &cli.common),
                Command::Ask(args) => runtime.block_on(ask::run(args, &cli.common)),
                Command::Test(args) => tiptest::run(args, &cli.common),
                Command::New(args) => cli::new::run(args),
                Command::Schema(args) => cli::schema::run(args),
                Command::Serve => unreachable!("handled above"),
            };
            match result {
                Ok(code) => code,
                Err(e) => {
                    // `--json` output stays JSON, errors included.
                    if cli.common.json {
                        println!("{}", serde_json::json!({ "error": format!("{e:#}") }));
                    } else {
                        eprintln!("skill-lsp: {e:#}");
                    }
                    2
                }
            }
        }
    };
    runtime.shutdown_timeout(std::time::Duration::from_millis(200));
    std::process::exit(code);
}

//! `skill-lsp ask`: run the agent from the terminal with the same prompt the server builds.
//! Explain / review stream the reply to stdout; a rewrite prints a unified diff and writes the
//! file only with `--apply`. `--dry-run` prints exactly what would be sent and sends nothing.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Context as _;

use super::CommonArgs;
use crate::agent::prompt::{self, Mode};
use crate::agent::{self, AgentError, AgentEvent, CancellationToken, context, reply};
use crate::settings::Provider;
use crate::skills::library::Library;
use crate::skills::select::{self, DocumentInfo};

#[derive(Debug, clap::Args)]
pub struct AskArgs {
    /// The file to ask about.
    #[arg(long, value_name = "FILE")]
    pub file: PathBuf,
    /// `L:C-L:C` (1-based line and column), `L-L` (whole lines) or `L` (one line). Default: the
    /// whole file.
    #[arg(long, value_name = "L:C-L:C")]
    pub range: Option<String>,
    /// Use this skill (name or alias; repeatable). Default: the best applicable skills.
    #[arg(long = "skill", id = "skill", value_name = "NAME")]
    pub skill: Vec<String>,
    #[arg(long, value_enum, default_value = "rewrite")]
    pub mode: Mode,
    /// Print the request that would be sent (JSON) and send nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Write the rewrite into the file (default: only print the diff).
    #[arg(long)]
    pub apply: bool,
    /// Agent provider for this run: auto, openai, anthropic, command, none.
    #[arg(long, value_name = "NAME")]
    pub provider: Option<String>,
    /// API base URL for this run (e.g. `http://localhost:11434/v1`).
    #[arg(long, value_name = "URL")]
    pub endpoint: Option<String>,
    /// Model for this run.
    #[arg(long, value_name = "MODEL")]
    pub model: Option<String>,
    /// The instruction (free text).
    pub instruction: Option<String>,
}

/// Parses `L:C-L:C`, `L-L` or `L` (1-based) into a byte range of `text`.
pub fn parse_range(spec: &str, text: &str) -> anyhow::Result<std::ops::Range<usize>> {
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line_count = if text.ends_with('\n') {
        line_starts.len() - 1
    } else {
        line_starts.len()
    };
    let pos = |p: &str, end: bool| -> anyhow::Result<usize> {
        let (l, c) = match p.split_once(':') {
            Some((l, c)) => (l.trim().parse::<usize>()?, Some(c.trim().parse::<usize>()?)),
            None => (p.trim().parse::<usize>()?, None),
        };
        anyhow::ensure!(l >= 1, "lines start at 1");
        anyhow::ensure!(
            l <= line_count.max(1),
            "line {l} is past the end of the file ({line_count} lines)"
        );
        let start = line_starts[l - 1];
        let line_end = line_starts.get(l).copied().unwrap_or(text.len());
        Ok(match c {
            // Columns count characters, 1-based; past the end clamps to the line end.
            Some(c) => {
                let line = &text[start..line_end];
                let body = line.strip_suffix('\n').unwrap_or(line);
                start
                    + body
                        .char_indices()
                        .nth(c.saturating_sub(1))
                        .map(|(i, _)| i)
                        .unwrap_or(body.len())
            }
            None if end => line_end,
            None => start,
        })
    };
    let (a, b) = spec.split_once('-').unwrap_or((spec, spec));
    let start = pos(a, false)
        .with_context(|| format!("bad range `{spec}` (expected L:C-L:C, L-L or L)"))?;
    let end =
        pos(b, true).with_context(|| format!("bad range `{spec}` (expected L:C-L:C, L-L or L)"))?;
    anyhow::ensure!(start <= end, "range `{spec}` ends before it starts");
    Ok(start..end)
}

pub async fn run(args: AskArgs, common: &CommonArgs) -> anyhow::Result<i32> {
    // The CLI restores SIGPIPE's default so `skill-lsp check | head` stops quietly, but here a
    // command agent that exits without reading its prompt would kill us with no message: writes
    // to a closed pipe must come back as errors (the run then reports the agent's exit).
    #[cfg(unix)]
    // SAFETY: setting a signal disposition to SIG_IGN has no handler to race with.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_IGN);
    }
    let mut resolved = common.resolved();
    for w in &resolved.warnings {
        let _ = writeln!(std::io::stderr(), "skill-lsp: settings: {w}");
    }
    let s = &mut resolved.settings.agent;
    if let Some(p) = &args.provider {
        s.provider = match p.to_ascii_lowercase().as_str() {
            "auto" => Provider::Auto,
            "openai" => Provider::OpenAi,
            "anthropic" => Provider::Anthropic,
            "command" => Provider::Command,
            "none" => Provider::None,
            other => {
                anyhow::bail!("unknown provider `{other}` (auto, openai, anthropic, command, none)")
            }
        };
    }
    if args.endpoint.is_some() {
        s.endpoint = args.endpoint.clone();
    }
    if args.model.is_some() {
        s.model = args.model.clone();
    }
    let settings = resolved.settings;

    let path = std::path::absolute(&args.file).unwrap_or_else(|_| args.file.clone());
    // The guard: a FIFO or a device named by mistake must not block or fill memory.
    let text =
        crate::skills::guard::read_text_capped(&path, None, crate::skills::guard::MAX_DOCUMENT)
            .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
    let ws = common.workspace();
    let root = if path.starts_with(&ws) {
        Some(ws.as_path())
    } else {
        path.parent()
    };
    prompt::check_not_ignored(&path, root)?;
    let lang = select::language_of(&path, &text, None);
    let selection = args
        .range
        .as_deref()
        .map(|r| parse_range(r, &text))
        .transpose()?;
    let target = context::target_for(&text, selection, args.mode);
    let lib = Library::load(&common.sources(&common.resolved()));
    let doc = DocumentInfo {
        path: Some(&path),
        root,
        language_id: &lang,
        text: &text,
    };
    let ask = context::Ask {
        target,
        skills: &args.skill,
        instruction: args.instruction.as_deref(),
        mode: args.mode,
        budget: settings.agent.context_tokens,
    };
    let built = context::build(&lib, &settings, &doc, &ask)?;
    let request = built.request(settings.agent.max_output_tokens, settings.agent.temperature);

    let agent = agent::from_settings(&settings.agent).await;
    if args.dry_run {
        let body = match &agent {
            Ok(a) => a.wire_body(&request),
            Err(e) => {
                let _ = writeln!(
                    std::io::stderr(),
                    "skill-lsp: {e}\nskill-lsp: showing the request in the OpenAI format"
                );
                let model = settings
                    .agent
                    .model
                    .clone()
                    .unwrap_or_else(|| agent::DEFAULT_OPENAI_MODEL.into());
                let a = agent::openai::OpenAi::new(
                    agent::openai::DEFAULT_ENDPOINT.into(),
                    model,
                    None,
                    "OPENAI_API_KEY".into(),
                    agent::Limits::from_settings(&settings.agent),
                )?;
                agent::Agent::wire_body(&a, &request)
            }
        };
        print_out(&serde_json::to_string_pretty(&body)?);
        print_out("\n");
        let _ = writeln!(
            std::io::stderr(),
            "skill-lsp: ~{} tokens; skills: {}; dropped for the budget: {}",
            built.tokens,
            if built.skills.is_empty() {
                "none".into()
            } else {
                built.skills.join(", ")
            },
            if built.dropped.is_empty() {
                "nothing".into()
            } else {
                built.dropped.join("; ")
            }
        );
        return Ok(0);
    }
    let agent = match agent {
        Ok(a) => a,
        Err(e) if common.json => {
            print_out(&format!(
                "{}\n",
                serde_json::json!({ "error": e.to_string() })
            ));
            return Ok(1);
        }
        Err(e) => {
            let _ = writeln!(
                std::io::stderr(),
                "skill-lsp: {e}\nskill-lsp: `--dry-run` prints the prompt so you can paste it anywhere"
            );
            return Ok(1);
        }
    };

    // Run, streaming; Ctrl-C or SIGTERM cancels (the HTTP stream closes / the command's group is
    // killed before we exit).
    let cancel = CancellationToken::new();
    let c2 = cancel.clone();
    let terminated = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let t2 = terminated.clone();
    tokio::spawn(async move {
        #[cfg(unix)]
        let term = async {
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(mut s) => {
                    s.recv().await;
                }
                Err(_) => std::future::pending::<()>().await,
            }
        };
        #[cfg(not(unix))]
        let term = std::future::pending::<()>();
        tokio::select! {
            r = tokio::signal::ctrl_c() => if r.is_err() { return },
            _ = term => t2.store(true, std::sync::atomic::Ordering::SeqCst),
        }
        c2.cancel();
    });
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let stream_text = args.mode != Mode::Rewrite;
    let progress = std::io::stderr().is_terminal();
    let label = args.mode.as_str();
    let shower = tokio::spawn(async move {
        let mut bytes = 0usize;
        let mut last = Instant::now() - Duration::from_secs(1);
        while let Some(ev) = rx.recv().await {
            if let AgentEvent::Text(t) = ev {
                bytes += t.len();
                if stream_text {
                    print_out(&t);
                } else if progress && last.elapsed() >= Duration::from_millis(100) {
                    let _ = write!(
                        std::io::stderr(),
                        "\r\x1b[2K{label}: received {bytes} bytes"
                    );
                    last = Instant::now();
                }
            }
        }
        if progress && !stream_text {
            let _ = write!(std::io::stderr(), "\r\x1b[2K");
        }
    });
    let _ = writeln!(
        std::io::stderr(),
        "skill-lsp: asking {} ({} skills: {})",
        agent.describe(),
        built.skills.len(),
        built.skills.join(", ")
    );
    let result = agent.run(request, tx, cancel).await;
    let _ = shower.await;
    let reply = match result {
        Ok(r) => r,
        Err(AgentError::Cancelled) => {
            agent::command::kill_all();
            if terminated.load(std::sync::atomic::Ordering::SeqCst) {
                let _ = writeln!(std::io::stderr(), "\nskill-lsp: stopped by SIGTERM");
                return Ok(143);
            }
            let _ = writeln!(std::io::stderr(), "\nskill-lsp: cancelled");
            return Ok(130);
        }
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "\nskill-lsp: {label} failed: {e}");
            return Ok(1);
        }
    };
    if stream_text {
        print_out("\n");
        if reply.truncated {
            let _ = writeln!(
                std::io::stderr(),
                "skill-lsp: the {label} was cut short at the output limit ({} tokens, `agent.maxOutputTokens`); the text above is incomplete",
                settings.agent.max_output_tokens
            );
            return Ok(1);
        }
        return Ok(0);
    }
    if reply.truncated {
        let _ = writeln!(
            std::io::stderr(),
            "skill-lsp: the reply was cut short at the output limit (`agent.maxOutputTokens`); nothing was applied"
        );
        return Ok(1);
    }
    let rw = match reply::rewrite(
        &reply.text,
        &lang,
        &text,
        built.target.clone(),
        &built.restore,
    ) {
        Ok(rw) => rw,
        Err(e) => {
            let _ = writeln!(
                std::io::stderr(),
                "skill-lsp: {e}; nothing was applied; the reply was:\n{}",
                reply.text
            );
            return Ok(1);
        }
    };
    if let Some(why) = &rw.widened {
        let _ = writeln!(std::io::stderr(), "skill-lsp: {why}");
    }
    let mut new_text = String::with_capacity(text.len() + rw.text.len());
    new_text.push_str(&text[..rw.range.start]);
    new_text.push_str(&rw.text);
    new_text.push_str(&text[rw.range.end..]);
    // Headers relative to the workspace, so `git apply` at its root takes the diff.
    let shown = path.strip_prefix(&ws).unwrap_or(&args.file);
    print_out(&unified_diff(shown, &text, &new_text));
    if new_text == text {
        let _ = writeln!(std::io::stderr(), "skill-lsp: the agent suggests no change");
        return Ok(0);
    }
    if args.apply {
        // Refuse if the file changed while the agent worked.
        let now = std::fs::read_to_string(&path).unwrap_or_default();
        if now != text {
            let _ = writeln!(
                std::io::stderr(),
                "skill-lsp: {} changed while the agent worked; not written",
                path.display()
            );
            return Ok(1);
        }
        std::fs::write(&path, &new_text)
            .with_context(|| format!("cannot write {}", path.display()))?;
        let _ = writeln!(std::io::stderr(), "skill-lsp: wrote {}", path.display());
    } else {
        let _ = writeln!(std::io::stderr(), "skill-lsp: not written (use --apply)");
    }
    Ok(0)
}

/// A unified diff of `old` -> `new` with `a/` and `b/` headers.
pub fn unified_diff(path: &Path, old: &str, new: &str) -> String {
    let name = path.display().to_string();
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}

fn print_out(s: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(s.as_bytes());
    let _ = out.flush();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_in_every_form() {
        let t = "ab\ncdé\nf\n";
        assert_eq!(&t[parse_range("2", t).unwrap()], "cdé\n");
        assert_eq!(&t[parse_range("1-2", t).unwrap()], "ab\ncdé\n");
        assert_eq!(&t[parse_range("2:2-2:4", t).unwrap()], "dé");
        assert_eq!(&t[parse_range("1:2-3:1", t).unwrap()], "b\ncdé\n");
        assert!(parse_range("3-1", t).is_err());
        assert!(parse_range("x", t).is_err());
    }

    #[test]
    fn diff_has_headers_and_hunks() {
        let d = unified_diff(Path::new("a.py"), "x = 1\ny = 2\n", "x = 1\ny = 3\n");
        assert!(
            d.contains("--- a/a.py")
                && d.contains("+++ b/a.py")
                && d.contains("-y = 2")
                && d.contains("+y = 3"),
            "{d}"
        );
    }
}

//! `skill-lsp doctor`: the resolved settings with their origins, the skill roots, every problem,
//! and the agent actually in use (provider, model, endpoint, whether its key variable is set,
//! never the key), optionally probed with a tiny request. Exits 1 when anything is wrong, so the
//! editors' health checks (`:checkhealth skill_lsp`, VS Code "Show status") can say so.

use std::time::Duration;

use serde_json::{Value, json};

use super::{CommonArgs, problem_json};
use crate::agent::{self, AgentRequest, CancellationToken};
use crate::settings::{self, AgentSettings, Provider};
use crate::skills::library::Library;
use crate::skills::model::{Origin, Severity};

/// `skill-lsp doctor` options.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct DoctorArgs {
    /// Also send the agent a tiny request and say whether it answers (short timeout).
    #[arg(long)]
    pub probe: bool,
    /// Editor settings (the `skillLsp` section) as JSON, applied as the editor layer: what the
    /// editors' health checks pass so the report matches the server they start.
    #[arg(long, value_name = "JSON")]
    pub settings: Option<String>,
    /// How long `--probe` waits for the first answer, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 10)]
    pub probe_timeout: u64,
    /// Files to explain: whether tips check each one and, if not, why and what brings them back.
    pub files: Vec<std::path::PathBuf>,
}

/// Whether tips check `file` under `project` (`None`) or why not.
fn file_skip(
    project: &crate::skills::policy::Project,
    file: &std::path::Path,
) -> Option<crate::skills::policy::Skip> {
    let abs = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
    let rel = abs
        .strip_prefix(&project.root)
        .unwrap_or(&abs)
        .to_string_lossy()
        .replace('\\', "/");
    let text =
        crate::skills::guard::read_bytes_capped(file, None, crate::skills::guard::MAX_DOCUMENT)
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default();
    project.skip(&rel, &text)
}

/// The agent the settings resolve to, as `doctor` shows it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AgentReport {
    /// `openai`, `anthropic`, `command` or `none`.
    pub provider: String,
    pub model: Option<String>,
    pub endpoint: Option<String>,
    pub command: Option<String>,
    /// The variable the key is read from (never the key).
    pub key_env: Option<String>,
    /// Whether that variable is set (non-empty); `None` when no key is needed.
    pub key_set: Option<bool>,
    /// What the server reports in progress messages (`openai-compatible gpt-4.1-mini at ...`).
    pub description: Option<String>,
    /// Why no agent is usable, in words that say how to configure one.
    pub error: Option<String>,
    /// With `--probe`: `Some(Ok(ms))` or `Some(Err(message))`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub probe: Option<ProbeResult>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProbeResult {
    pub ok: bool,
    pub ms: u64,
    pub message: String,
}

fn key_set(var: &str) -> bool {
    std::env::var(var).is_ok_and(|v| !v.trim().is_empty())
}

/// The provider `auto` settles on, in the order [`agent::from_settings`] decides (the Ollama case
/// is recognised from the agent that function built).
fn effective_provider(s: &AgentSettings) -> Provider {
    match s.provider {
        // A preset picks the command backend, before anything else (as `from_settings` does).
        Provider::Auto if s.preset.is_some() => Provider::Command,
        Provider::Auto => {
            if let Some(var) = &s.api_key_env
                && key_set(var)
            {
                if var.to_ascii_uppercase().contains("ANTHROPIC") {
                    Provider::Anthropic
                } else {
                    Provider::OpenAi
                }
            } else if s.endpoint.is_some() {
                Provider::OpenAi
            } else if s.command.is_some() {
                Provider::Command
            } else if key_set("ANTHROPIC_API_KEY") {
                Provider::Anthropic
            } else if key_set("OPENAI_API_KEY") {
                Provider::OpenAi
            } else {
                Provider::Auto
            }
        }
        p => p,
    }
}

/// Resolves the agent as the server would (same function), without sending anything.
pub async fn agent_report(
    s: &AgentSettings,
) -> (AgentReport, Option<std::sync::Arc<dyn agent::Agent>>) {
    let built = agent::from_settings(s).await;
    let provider = effective_provider(s);
    let mut r = AgentReport {
        provider: "none".into(),
        model: None,
        endpoint: None,
        command: None,
        key_env: None,
        key_set: None,
        description: built.as_ref().ok().map(|a| a.describe()),
        error: built.as_ref().err().map(|e| e.to_string()),
        probe: None,
    };
    let http = |r: &mut AgentReport, name: &str, endpoint: String, model: &str, var: &str| {
        r.provider = name.into();
        r.model = Some(s.model.clone().unwrap_or_else(|| model.into()));
        // A local endpoint gets no key unless `agent.apiKeyEnv` names one (see `agent::key_for`).
        if s.api_key_env.is_some() || !agent::is_loopback(&endpoint) {
            let var = s.api_key_env.clone().unwrap_or_else(|| var.into());
            r.key_set = Some(key_set(&var));
            r.key_env = Some(var);
        }
        r.endpoint = Some(endpoint);
    };
    match provider {
        Provider::OpenAi => http(
            &mut r,
            "openai",
            s.endpoint
                .clone()
                .unwrap_or_else(|| agent::openai::DEFAULT_ENDPOINT.into()),
            agent::DEFAULT_OPENAI_MODEL,
            "OPENAI_API_KEY",
        ),
        Provider::Anthropic => http(
            &mut r,
            "anthropic",
            s.endpoint
                .clone()
                .unwrap_or_else(|| agent::anthropic::DEFAULT_ENDPOINT.into()),
            agent::DEFAULT_ANTHROPIC_MODEL,
            "ANTHROPIC_API_KEY",
        ),
        Provider::Command => {
            r.provider = "command".into();
            r.command = s
                .command
                .clone()
                .or_else(|| s.preset.map(|p| p.command_line()));
        }
        Provider::Auto if built.is_ok() => {
            // Nothing configured, but a local Ollama answered: its first model is used.
            r.provider = "openai".into();
            r.endpoint = Some(format!("{}/v1", agent::OLLAMA_BASE));
            r.model = r
                .description
                .as_deref()
                .and_then(|d| d.strip_prefix("openai-compatible "))
                .and_then(|d| d.split(" at ").next())
                .map(str::to_string);
        }
        Provider::Auto | Provider::None => {}
    }
    (r, built.ok())
}

/// Sends `a` a tiny request through its real request path, bounded by `within`.
pub async fn probe(a: &dyn agent::Agent, within: Duration) -> ProbeResult {
    let request = AgentRequest {
        system: "You are a health check. Reply with the single word OK.".into(),
        user: vec!["ping".into()],
        model: None,
        max_tokens: 8,
        temperature: 0.0,
    };
    let (tx, _rx) = tokio::sync::mpsc::unbounded_channel();
    let cancel = CancellationToken::new();
    let started = std::time::Instant::now();
    let outcome = tokio::time::timeout(within, a.run(request, tx, cancel.clone())).await;
    cancel.cancel();
    let ms = started.elapsed().as_millis() as u64;
    match outcome {
        Ok(Ok(reply)) => ProbeResult {
            ok: true,
            ms,
            message: format!(
                "answered in {ms} ms: {:?}",
                reply.text.trim().chars().take(40).collect::<String>()
            ),
        },
        Ok(Err(e)) => ProbeResult {
            ok: false,
            ms,
            message: e.to_string(),
        },
        Err(_) => ProbeResult {
            ok: false,
            ms,
            message: format!("no answer within {} s", within.as_secs()),
        },
    }
}

/// What is wrong with the agent settings (an explicit provider that cannot work, a key variable
/// that is named but unset, a failed probe). No agent at all under `auto` is not wrong: agent
/// actions are optional, and the report says how to configure one.
fn agent_issues(s: &AgentSettings, r: &AgentReport) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(e) = &r.error
        && !matches!(s.provider, Provider::Auto | Provider::None)
    {
        out.push(format!("agent: {e}"));
    }
    if let (Some(var), Some(false)) = (&r.key_env, r.key_set) {
        out.push(format!("agent: the key variable {var} is not set"));
    }
    if let Some(p) = r.probe.as_ref().filter(|p| !p.ok) {
        out.push(format!("agent probe: {}", p.message));
    }
    out
}

fn settings_values(s: &settings::Settings) -> Value {
    json!({
        "logLevel": s.log_level, "logFile": s.log_file,
        "skills.builtin": s.skills.builtin, "skills.paths": s.skills.paths, "skills.userFolders": s.skills.user_folders,
        "skills.enabled": s.skills.enabled, "skills.disabled": s.skills.disabled,
        "tips.enabled": s.tips.enabled, "tips.diagnostics": s.tips.diagnostics, "tips.severity": s.tips.severity,
        "tips.overrides": s.tips.overrides, "tips.implicitDiagnostics": s.tips.implicit_diagnostics, "tips.debounceMs": s.tips.debounce_ms,
        "tips.exclude": s.tips.exclude, "tips.includeVendored": s.tips.include_vendored,
        "tips.maxDiagnostics": s.tips.max_diagnostics, "tips.maxPerTip": s.tips.max_per_tip,
        "hover.agent": s.hover.agent, "hover.agentTimeoutMs": s.hover.agent_timeout_ms,
        "agent.provider": format!("{:?}", s.agent.provider).to_lowercase(), "agent.model": s.agent.model, "agent.endpoint": s.agent.endpoint,
        "agent.apiKeyEnv": s.agent.api_key_env, "agent.command": s.agent.command, "agent.args": s.agent.args,
        "agent.timeoutSecs": s.agent.timeout_secs, "agent.maxOutputTokens": s.agent.max_output_tokens, "agent.temperature": s.agent.temperature,
        "agent.retries": s.agent.retries, "agent.contextTokens": s.agent.context_tokens,
    })
}

/// `n thing` / `n things`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `skill-lsp doctor`.
pub async fn run(args: &DoctorArgs, common: &CommonArgs) -> anyhow::Result<i32> {
    let editor = match &args.settings {
        Some(text) => Some(
            serde_json::from_str::<Value>(text)
                .map_err(|e| anyhow::anyhow!("--settings is not JSON: {e}"))?,
        ),
        None => None,
    };
    let r = common.resolved_with(editor);
    let sources = common.sources(&r);
    let started = std::time::Instant::now();
    let lib = Library::load(&sources);
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    let (mut agent_r, built) = agent_report(&r.settings.agent).await;
    // No agent: nothing to probe. The report says why, and `agent_issues` whether that is wrong
    // (an explicit provider that does not resolve); no agent under `auto` is not a failure.
    if args.probe
        && let Some(a) = &built
    {
        agent_r.probe =
            Some(probe(a.as_ref(), Duration::from_secs(args.probe_timeout.max(1))).await);
    }
    let values = settings_values(&r.settings);
    let origin = |k: &str| {
        r.origins
            .get(k)
            .map(|(l, src)| format!("{l:?} ({src})").to_lowercase())
            .unwrap_or_else(|| "default".into())
    };
    let problems = lib.all_problems();
    // Everything that makes the exit status 1.
    let mut issues: Vec<String> = r
        .warnings
        .iter()
        .map(|w| format!("settings: {w}"))
        .collect();
    for root in lib.roots.iter().filter(|x| !x.exists) {
        if root.origin == Origin::Configured {
            issues.push(format!(
                "skills: the configured root {} does not exist",
                root.path
            ));
        }
    }
    let bad = problems
        .iter()
        .filter(|p| p.severity >= Severity::Warning && p.code != "missing-root")
        .count();
    if bad > 0 {
        issues.push(format!(
            "skills: {} in guidance files",
            plural(bad, "warning or error", "warnings or errors")
        ));
    }
    issues.extend(agent_issues(&r.settings.agent, &agent_r));
    let status = if issues.is_empty() { 0 } else { 1 };
    let project = crate::skills::policy::Project::load(&common.workspace(), &r.settings.tips);
    let exclusions = project.describe();
    let files: Vec<(String, Option<crate::skills::policy::Skip>)> = args
        .files
        .iter()
        .map(|f| (f.display().to_string(), file_skip(&project, f)))
        .collect();

    if common.json {
        let settings: serde_json::Map<String, Value> = values
            .as_object()
            .into_iter()
            .flatten()
            .map(|(k, v)| (k.clone(), json!({ "value": v, "from": origin(k) })))
            .collect();
        println!(
            "{}",
            serde_json::to_string_pretty(&json!({
                "version": env!("CARGO_PKG_VERSION"),
                "ok": issues.is_empty(),
                "issues": issues,
                "userConfig": settings::user_config_file(),
                "workspace": common.workspace(),
                "settings": settings,
                "warnings": r.warnings,
                "agent": agent_r,
                "roots": lib.roots,
                "skills": lib.skills.len(),
                "loadMs": ms,
                "exclusions": exclusions,
                "exclusionProblems": project.problems,
                "files": files.iter().map(|(f, why)| json!({
                    "path": f,
                    "checked": why.is_none(),
                    "skipped": why.as_ref().map(|w| json!({"kind": w.kind(), "reason": w.to_string(), "setting": w.setting()})),
                })).collect::<Vec<_>>(),
                "problems": problems.iter().map(|p| problem_json(p)).collect::<Vec<_>>(),
            }))?
        );
        return Ok(status);
    }
    println!("skill-lsp {}", env!("CARGO_PKG_VERSION"));
    println!(
        "user config: {}",
        settings::user_config_file()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| "-".into())
    );
    println!("workspace:   {}", common.workspace().display());
    println!("\nsettings:");
    if let Some(map) = values.as_object() {
        for (k, v) in map {
            println!("  {k:<24} = {:<40} [{}]", v.to_string(), origin(k));
        }
    }
    if !r.warnings.is_empty() {
        println!("\nsettings warnings:");
        for w in &r.warnings {
            println!("  {w}");
        }
    }
    print_agent(&agent_r);
    println!("\ntips leave alone (`check --verbose` lists the files):");
    for e in &exclusions {
        println!("  {e}");
    }
    for p in &project.problems {
        println!("  problem: {p}");
    }
    for (f, why) in &files {
        match why {
            None => println!("  {f}: tips check this file"),
            Some(w) => println!(
                "  {f}: tips leave it alone: {w} (`{}` brings them back)",
                w.setting()
            ),
        }
    }
    println!("\nskill roots:");
    for root in &lib.roots {
        println!(
            "  {:<10} {:>4} {:<6}  {}{}",
            format!("{:?}", root.origin).to_lowercase(),
            root.skills,
            if root.skills == 1 { "skill" } else { "skills" },
            root.path,
            if root.exists { "" } else { "  (missing)" }
        );
    }
    println!(
        "\n{} loaded in {ms:.1} ms, {}",
        plural(lib.skills.len(), "skill", "skills"),
        plural(problems.len(), "problem", "problems")
    );
    for p in problems {
        println!(
            "  {}:{}: {} {}: {}",
            p.path.display(),
            p.line + 1,
            p.severity.as_str(),
            p.code,
            p.message
        );
    }
    if issues.is_empty() {
        println!("\ndoctor: no problems found");
    } else {
        println!(
            "\ndoctor: {} found:",
            plural(issues.len(), "problem", "problems")
        );
        for i in &issues {
            println!("  - {i}");
        }
    }
    Ok(status)
}

fn print_agent(a: &AgentReport) {
    println!("\nagent:");
    if a.provider == "none" {
        println!(
            "  none: {}",
            a.error.as_deref().unwrap_or("no agent configured")
        );
        return;
    }
    println!("  provider    {}", a.provider);
    if let Some(m) = &a.model {
        println!("  model       {m}");
    }
    if let Some(e) = &a.endpoint {
        println!("  endpoint    {e}");
    }
    if let Some(c) = &a.command {
        println!("  command     {c}");
    }
    match (&a.key_env, a.key_set) {
        (Some(var), Some(true)) => println!("  key         {var} is set"),
        (Some(var), _) => println!("  key         {var} is NOT set"),
        (None, _) if a.endpoint.is_some() => println!("  key         none needed (local endpoint)"),
        _ => {}
    }
    if let Some(e) = &a.error {
        println!("  error       {e}");
    }
    match &a.probe {
        Some(p) if p.ok => println!("  probe       ok, {}", p.message),
        Some(p) => println!("  probe       FAILED: {}", p.message),
        None => {}
    }
}

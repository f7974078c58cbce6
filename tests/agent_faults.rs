//! Faults and limits of the agent backends, against the loopback fake server speaking the real
//! OpenAI and Anthropic wire formats, and against real processes for the `command` backend. Every
//! case must end with a clear, typed error (no panic, no hang) and never show the API key.

mod fake_agent;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use fake_agent::{
    End, FakeAgent, Reply, anthropic_partial, anthropic_sse, openai_partial, openai_sse,
};
use skill_lsp::agent::anthropic::Anthropic;
use skill_lsp::agent::command::CommandAgent;
use skill_lsp::agent::openai::OpenAi;
use skill_lsp::agent::{
    Agent, AgentError, AgentEvent, AgentReply, AgentRequest, CancellationToken, Limits,
};

const KEY: &str = "sk-test-SECRETKEY0123456789abcdef";

#[derive(Clone, Copy, Debug)]
enum P {
    OpenAi,
    Anthropic,
}
const BOTH: [P; 2] = [P::OpenAi, P::Anthropic];

fn limits() -> Limits {
    Limits {
        timeout: Duration::from_secs(10),
        stall: Duration::from_millis(400),
        connect: Duration::from_secs(2),
        retries: 2,
        backoff: Duration::from_millis(20),
        max_backoff: Duration::from_secs(3),
        max_reply_bytes: 1024 * 1024,
    }
}

fn agent(p: P, url: &str, limits: Limits) -> Box<dyn Agent> {
    match p {
        P::OpenAi => Box::new(
            OpenAi::new(
                url.into(),
                "test-model".into(),
                Some(KEY.into()),
                "MY_OPENAI_KEY".into(),
                limits,
            )
            .unwrap(),
        ),
        P::Anthropic => Box::new(
            Anthropic::new(
                url.into(),
                "test-model".into(),
                Some(KEY.into()),
                "MY_ANTHROPIC_KEY".into(),
                limits,
            )
            .unwrap(),
        ),
    }
}

fn env_var(p: P) -> &'static str {
    match p {
        P::OpenAi => "MY_OPENAI_KEY",
        P::Anthropic => "MY_ANTHROPIC_KEY",
    }
}

fn sse(p: P, texts: &[&str]) -> Vec<String> {
    match p {
        P::OpenAi => openai_sse(texts),
        P::Anthropic => anthropic_sse(texts),
    }
}

fn partial(p: P, texts: &[&str]) -> Vec<String> {
    match p {
        P::OpenAi => openai_partial(texts),
        P::Anthropic => anthropic_partial(texts),
    }
}

fn request() -> AgentRequest {
    AgentRequest {
        system: "be brief".into(),
        user: vec!["hello".into()],
        model: None,
        max_tokens: 256,
        temperature: 0.1,
    }
}

async fn run(a: &dyn Agent) -> (Result<AgentReply, AgentError>, Vec<AgentEvent>) {
    run_with(a, CancellationToken::new()).await
}

async fn run_with(
    a: &dyn Agent,
    cancel: CancellationToken,
) -> (Result<AgentReply, AgentError>, Vec<AgentEvent>) {
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let r = a.run(request(), tx, cancel).await;
    let mut events = Vec::new();
    while let Ok(e) = rx.try_recv() {
        events.push(e);
    }
    (r, events)
}

fn assert_clean(e: &AgentError) {
    let msg = e.to_string();
    assert!(
        !msg.contains(KEY) && !msg.contains("SECRETKEY"),
        "key leaked into: {msg}"
    );
    assert!(msg.len() > 8, "message too short to help: {msg}");
}

#[tokio::test]
async fn streams_a_reply_in_both_wire_formats() {
    for p in BOTH {
        let fake = FakeAgent::start(vec![Reply::stream(sse(p, &["Hel", "lo ", "world"]))]).await;
        let a = agent(p, &fake.url(), limits());
        let (r, events) = run(a.as_ref()).await;
        let reply = r.unwrap_or_else(|e| panic!("{p:?}: {e}"));
        assert_eq!(reply.text, "Hello world");
        assert!(reply.usage.is_some_and(|u| u.output_tokens > 0), "{p:?}");
        let texts: Vec<&AgentEvent> = events
            .iter()
            .filter(|e| matches!(e, AgentEvent::Text(_)))
            .collect();
        assert_eq!(texts.len(), 3, "{p:?}: one event per delta");
        assert_eq!(events.last(), Some(&AgentEvent::Done));
        let req = &fake.requests()[0];
        let body = req.json();
        assert_eq!(body["stream"], true);
        assert_eq!(body["model"], "test-model");
        match p {
            P::OpenAi => {
                assert_eq!(req.path, "/v1/chat/completions");
                assert_eq!(
                    req.header("authorization"),
                    Some(format!("Bearer {KEY}").as_str())
                );
                assert_eq!(body["messages"][0]["role"], "system");
                assert_eq!(body["max_tokens"], 256);
            }
            P::Anthropic => {
                assert_eq!(req.path, "/v1/messages");
                assert_eq!(req.header("x-api-key"), Some(KEY));
                assert_eq!(req.header("anthropic-version"), Some("2023-06-01"));
                assert_eq!(body["system"], "be brief");
                assert_eq!(body["messages"][0]["role"], "user");
            }
        }
    }
}

#[tokio::test]
async fn connection_refused_is_retried_then_reported() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    for p in BOTH {
        let url = format!("http://127.0.0.1:{port}/v1");
        let a = agent(p, &url, limits());
        let t = Instant::now();
        let (r, _) = run(a.as_ref()).await;
        let e = r.unwrap_err();
        assert!(matches!(e, AgentError::Refused { .. }), "{p:?}: {e:?}");
        assert!(e.to_string().contains(&format!("127.0.0.1:{port}")), "{e}");
        // Two retries with 20 ms and 40 ms backoff.
        assert!(
            t.elapsed() >= Duration::from_millis(55),
            "{:?}",
            t.elapsed()
        );
        assert_clean(&e);
    }
}

#[tokio::test]
async fn unauthorized_names_the_env_var_and_hides_the_key() {
    for p in BOTH {
        for status in [401, 403] {
            let body = format!(r#"{{"error":{{"message":"Incorrect API key provided: {KEY}"}}}}"#);
            let fake = FakeAgent::start(vec![Reply::status(status, &body)]).await;
            let a = agent(p, &fake.url(), limits());
            let (r, _) = run(a.as_ref()).await;
            let e = r.unwrap_err();
            assert_eq!(
                e,
                AgentError::Unauthorized {
                    status,
                    env_var: env_var(p).into()
                },
                "{p:?}"
            );
            assert!(e.to_string().contains(env_var(p)));
            assert_clean(&e);
            assert_eq!(fake.requests().len(), 1, "no retry on {status}");
        }
    }
}

#[tokio::test]
async fn missing_key_for_a_remote_endpoint_fails_before_sending() {
    let a = OpenAi::new(
        "https://api.example.invalid/v1".into(),
        "m".into(),
        None,
        "SOME_KEY_VAR".into(),
        limits(),
    )
    .unwrap();
    let (r, _) = run(&a).await;
    let e = r.unwrap_err();
    assert!(e.to_string().contains("SOME_KEY_VAR"), "{e}");
}

#[tokio::test]
async fn unknown_model_is_not_found() {
    for p in BOTH {
        let fake = FakeAgent::start(vec![Reply::status(
            404,
            r#"{"error":{"message":"model not found"}}"#,
        )])
        .await;
        let (r, _) = run(agent(p, &fake.url(), limits()).as_ref()).await;
        let e = r.unwrap_err();
        assert_eq!(e, AgentError::NotFound("test-model".into()));
        assert!(e.to_string().contains("agent.model"));
    }
}

#[tokio::test]
async fn rate_limit_honours_retry_after_then_succeeds() {
    for p in BOTH {
        let fake = FakeAgent::start(vec![
            Reply::status(429, "{}").with_header("retry-after", "1"),
            Reply::stream(sse(p, &["ok"])),
        ])
        .await;
        let t = Instant::now();
        let (r, _) = run(agent(p, &fake.url(), limits()).as_ref()).await;
        assert_eq!(r.unwrap().text, "ok");
        assert!(
            t.elapsed() >= Duration::from_millis(950),
            "waited {:?}",
            t.elapsed()
        );
        assert_eq!(fake.requests().len(), 2);
    }
}

#[tokio::test]
async fn rate_limit_retries_are_bounded_with_backoff() {
    for p in BOTH {
        // Without Retry-After: exponential backoff, then a clear error.
        let fake = FakeAgent::start(vec![Reply::status(429, "{}")]).await;
        let t = Instant::now();
        let (r, _) = run(agent(p, &fake.url(), limits()).as_ref()).await;
        let e = r.unwrap_err();
        assert_eq!(e, AgentError::RateLimited { retry_after: None });
        assert_eq!(fake.requests().len(), 3, "1 try + 2 retries");
        assert!(t.elapsed() >= Duration::from_millis(55));
        assert!(e.to_string().contains("rate limiting"));
        // A Retry-After longer than any wait we would make is reported at once, with the wait.
        let fake = FakeAgent::start(vec![
            Reply::status(429, "{}").with_header("retry-after", "3600"),
        ])
        .await;
        let mut l = limits();
        l.retries = 1;
        l.max_backoff = Duration::from_millis(200);
        let t = Instant::now();
        let (r, _) = run(agent(p, &fake.url(), l).as_ref()).await;
        assert!(
            matches!(r.unwrap_err(), AgentError::RateLimited { retry_after: Some(d) } if d.as_secs() == 3600)
        );
        assert!(t.elapsed() < Duration::from_secs(2));
        assert_eq!(fake.requests().len(), 1, "no pointless retry");
    }
}

/// Issue 11.7: `Retry-After: 3600` used to end as "did not finish within Ns" when the capped
/// waits ran past `agent.timeoutSecs`; it is a rate limit, and says how long to wait.
#[tokio::test]
async fn a_long_retry_after_is_a_rate_limit_not_a_timeout() {
    for p in BOTH {
        for (retry_after, max_backoff) in [("3600", 20), ("4", 20)] {
            let fake = FakeAgent::start(vec![
                Reply::status(429, "{}").with_header("retry-after", retry_after),
            ])
            .await;
            let mut l = limits();
            l.timeout = Duration::from_secs(3);
            l.max_backoff = Duration::from_secs(max_backoff);
            let t = Instant::now();
            let (r, _) = run(agent(p, &fake.url(), l).as_ref()).await;
            let e = r.unwrap_err();
            assert!(
                matches!(e, AgentError::RateLimited { retry_after: Some(d) } if d.as_secs().to_string() == retry_after),
                "{p:?} {retry_after}: {e:?}"
            );
            assert!(e.to_string().contains(&format!("{retry_after} s")), "{e}");
            assert!(t.elapsed() < Duration::from_secs(2), "{:?}", t.elapsed());
            assert_eq!(fake.requests().len(), 1);
        }
    }
}

/// Issue 16.3: a server that dies while handling the request broke the connection; it did not
/// refuse it, and the request is not sent again (it may have been acted on).
#[tokio::test]
async fn a_server_that_dies_before_answering_is_a_broken_connection() {
    for p in BOTH {
        let fake = FakeAgent::start(vec![Reply::Close]).await;
        let (r, _) = run(agent(p, &fake.url(), limits()).as_ref()).await;
        let e = r.unwrap_err();
        assert!(matches!(e, AgentError::BrokenStream(_)), "{p:?}: {e:?}");
        assert!(!e.to_string().contains("refused"), "{e}");
        assert_eq!(fake.requests().len(), 1, "not retried");
    }
}

#[tokio::test]
async fn server_errors_are_retried_then_reported() {
    for p in BOTH {
        let fake = FakeAgent::start(vec![
            Reply::status(503, "busy"),
            Reply::status(500, "oops"),
            Reply::stream(sse(p, &["fine"])),
        ])
        .await;
        let (r, _) = run(agent(p, &fake.url(), limits()).as_ref()).await;
        assert_eq!(r.unwrap().text, "fine");
        assert_eq!(fake.requests().len(), 3);

        let echo = format!(r#"{{"error":{{"message":"internal error for key {KEY}"}}}}"#);
        let fake = FakeAgent::start(vec![Reply::status(500, &echo)]).await;
        let (r, _) = run(agent(p, &fake.url(), limits()).as_ref()).await;
        let e = r.unwrap_err();
        assert!(
            matches!(&e, AgentError::Server { status: 500, detail } if detail.contains("internal error")),
            "{e:?}"
        );
        assert_clean(&e);
        assert_eq!(fake.requests().len(), 3);
    }
}

#[tokio::test]
async fn a_stalled_stream_times_out() {
    for p in BOTH {
        let fake = FakeAgent::start(vec![Reply::slow(
            partial(p, &["start"]),
            Duration::ZERO,
            End::Hang,
        )])
        .await;
        let t = Instant::now();
        let (r, events) = run(agent(p, &fake.url(), limits()).as_ref()).await;
        assert_eq!(
            r.unwrap_err(),
            AgentError::Stalled(Duration::from_millis(400)),
            "{p:?}"
        );
        assert!(t.elapsed() < Duration::from_secs(5));
        assert!(
            events.contains(&AgentEvent::Text("start".into())),
            "partial text was streamed"
        );
        assert!(
            fake.wait_hangup(Duration::from_secs(2)).await,
            "the connection is closed after the stall"
        );
    }
}

#[tokio::test]
async fn overall_timeout_bounds_a_slow_but_steady_stream() {
    for p in BOTH {
        let many: Vec<String> = (0..50).map(|i| i.to_string()).collect();
        let refs: Vec<&str> = many.iter().map(String::as_str).collect();
        let fake = FakeAgent::start(vec![Reply::slow(
            sse(p, &refs),
            Duration::from_millis(100),
            End::Finish,
        )])
        .await;
        let mut l = limits();
        l.timeout = Duration::from_millis(600);
        let t = Instant::now();
        let (r, _) = run(agent(p, &fake.url(), l).as_ref()).await;
        assert_eq!(
            r.unwrap_err(),
            AgentError::Timeout(Duration::from_millis(600))
        );
        assert!(t.elapsed() < Duration::from_secs(4), "{:?}", t.elapsed());
    }
}

#[tokio::test]
async fn a_stream_that_breaks_midway_is_reported() {
    for p in BOTH {
        let fake = FakeAgent::start(vec![Reply::slow(
            partial(p, &["par", "tial"]),
            Duration::ZERO,
            End::Abort,
        )])
        .await;
        let (r, _) = run(agent(p, &fake.url(), limits()).as_ref()).await;
        let e = r.unwrap_err();
        assert!(matches!(e, AgentError::BrokenStream(_)), "{p:?}: {e:?}");
        // A clean close without the end marker is incomplete too.
        let fake = FakeAgent::start(vec![Reply::slow(
            partial(p, &["par"]),
            Duration::ZERO,
            End::Finish,
        )])
        .await;
        let (r, _) = run(agent(p, &fake.url(), limits()).as_ref()).await;
        assert!(matches!(r.unwrap_err(), AgentError::BrokenStream(m) if m.contains("end marker")));
    }
}

#[tokio::test]
async fn malformed_events_are_reported() {
    for p in BOTH {
        let mut chunks = partial(p, &["ok"]);
        chunks.push("event: content_block_delta\ndata: {\"type\": oops\n\n".into());
        let fake = FakeAgent::start(vec![Reply::stream(chunks)]).await;
        let (r, _) = run(agent(p, &fake.url(), limits()).as_ref()).await;
        let e = r.unwrap_err();
        assert!(matches!(e, AgentError::Malformed(_)), "{p:?}: {e:?}");
        assert!(e.to_string().contains("wire format"));
    }
}

#[tokio::test]
async fn a_huge_reply_is_capped() {
    for p in BOTH {
        let big = "x".repeat(64 * 1024);
        let refs: Vec<&str> = (0..40).map(|_| big.as_str()).collect();
        let fake = FakeAgent::start(vec![Reply::stream(sse(p, &refs))]).await;
        let mut l = limits();
        l.max_reply_bytes = 256 * 1024;
        let (r, events) = run(agent(p, &fake.url(), l).as_ref()).await;
        assert_eq!(r.unwrap_err(), AgentError::TooLarge { limit: 256 * 1024 });
        let received: usize = events
            .iter()
            .map(|e| {
                if let AgentEvent::Text(t) = e {
                    t.len()
                } else {
                    0
                }
            })
            .sum();
        assert!(received <= 256 * 1024);
    }
}

#[tokio::test]
async fn cancelling_closes_the_connection() {
    for p in BOTH {
        let fake = FakeAgent::start(vec![Reply::slow(
            partial(p, &["a", "b", "c"]),
            Duration::from_millis(50),
            End::Hang,
        )])
        .await;
        let mut l = limits();
        l.stall = Duration::from_secs(30);
        let a = agent(p, &fake.url(), l);
        let cancel = CancellationToken::new();
        let c2 = cancel.clone();
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(250)).await;
            c2.cancel();
        });
        let (r, _) = run_with(a.as_ref(), cancel).await;
        assert_eq!(r.unwrap_err(), AgentError::Cancelled);
        assert!(
            fake.wait_hangup(Duration::from_secs(2)).await,
            "{p:?}: the fake saw the client hang up"
        );
    }
}

#[tokio::test]
async fn dropping_the_run_closes_the_connection() {
    let fake = FakeAgent::start(vec![Reply::slow(
        openai_partial(&["a"]),
        Duration::ZERO,
        End::Hang,
    )])
    .await;
    let mut l = limits();
    l.stall = Duration::from_secs(30);
    let a = agent(P::OpenAi, &fake.url(), l);
    let (tx, _rx) = tokio::sync::mpsc::unbounded_channel();
    let fut = a.run(request(), tx, CancellationToken::new());
    assert!(
        tokio::time::timeout(Duration::from_millis(300), fut)
            .await
            .is_err(),
        "still streaming"
    );
    assert!(fake.wait_hangup(Duration::from_secs(2)).await);
}

/// A writer that appends log output to a shared buffer.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);
impl std::io::Write for Capture {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn the_api_key_never_reaches_the_logs() {
    let cap = Capture::default();
    let c2 = cap.clone();
    let sub = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || c2.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(sub);
    for p in BOTH {
        let echo = format!(r#"{{"error":{{"message":"bad key {KEY}"}}}}"#);
        let fake =
            FakeAgent::start(vec![Reply::status(500, &echo), Reply::status(401, &echo)]).await;
        let (r, _) = run(agent(p, &fake.url(), limits()).as_ref()).await;
        assert_clean(&r.unwrap_err());
    }
    let logs = String::from_utf8_lossy(&cap.0.lock().unwrap()).to_string();
    assert!(logs.contains("retrying"), "the retry was logged: {logs}");
    assert!(!logs.contains("SECRETKEY"), "key in logs: {logs}");
}

#[tokio::test]
async fn auto_finds_a_local_ollama_or_says_no_agent() {
    if std::env::var_os("ANTHROPIC_API_KEY").is_some()
        || std::env::var_os("OPENAI_API_KEY").is_some()
    {
        eprintln!("skipped: a real API key is set in this environment");
        return;
    }
    let fake = FakeAgent::start(vec![Reply::status(
        200,
        r#"{"models":[{"name":"qwen2.5-coder:7b"}]}"#,
    )])
    .await;
    let s = skill_lsp::settings::Settings::default().agent;
    let a = skill_lsp::agent::from_settings_with(&s, &format!("http://{}", fake.addr))
        .await
        .unwrap();
    assert!(
        a.describe().contains("qwen2.5-coder:7b"),
        "{}",
        a.describe()
    );
    assert_eq!(fake.requests()[0].path, "/api/tags");

    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let e = skill_lsp::agent::from_settings_with(&s, &format!("http://127.0.0.1:{port}"))
        .await
        .err()
        .unwrap();
    assert!(matches!(e, AgentError::NoAgent(_)));
    assert!(e.to_string().contains("OPENAI_API_KEY"));
}

// ---- command backend ----

fn cmd(script: &str, timeout: Duration) -> CommandAgent {
    let mut l = limits();
    l.timeout = timeout;
    CommandAgent::new("sh".into(), vec!["-c".into(), script.into()], l)
}

/// Alive and not a zombie.
fn alive(pid: i32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(s) => !s
            .rsplit(')')
            .next()
            .unwrap_or("")
            .trim_start()
            .starts_with('Z'),
        Err(_) => false,
    }
}

#[tokio::test]
async fn command_streams_stdout_and_gets_the_prompt_on_stdin() {
    let a = cmd("cat; printf ' and done'", Duration::from_secs(5));
    let (r, events) = run(&a).await;
    let reply = r.unwrap();
    assert_eq!(reply.text, "be brief\n\nhello and done");
    assert!(events.iter().any(|e| matches!(e, AgentEvent::Text(_))));
}

#[tokio::test]
async fn a_hanging_command_is_killed_with_its_children() {
    let dir = tempfile::tempdir().unwrap();
    let pids = dir.path().join("pids");
    let script = format!(
        "echo $$ > {p}; sleep 30 & echo $! >> {p}; wait",
        p = pids.display()
    );
    let a = cmd(&script, Duration::from_millis(700));
    let t = Instant::now();
    let (r, _) = run(&a).await;
    assert_eq!(
        r.unwrap_err(),
        AgentError::Timeout(Duration::from_millis(700))
    );
    assert!(t.elapsed() < Duration::from_secs(5));
    let text = std::fs::read_to_string(&pids).unwrap();
    let ids: Vec<i32> = text.lines().filter_map(|l| l.trim().parse().ok()).collect();
    assert_eq!(ids.len(), 2, "{text}");
    let deadline = Instant::now() + Duration::from_secs(3);
    while ids.iter().any(|&p| alive(p)) && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    for p in ids {
        assert!(!alive(p), "process {p} survived the timeout");
    }
}

#[tokio::test]
async fn a_cancelled_command_is_killed() {
    let dir = tempfile::tempdir().unwrap();
    let pids = dir.path().join("pids");
    let a = cmd(
        &format!("echo $$ > {}; printf partial; sleep 30", pids.display()),
        Duration::from_secs(30),
    );
    let cancel = CancellationToken::new();
    let c2 = cancel.clone();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(300)).await;
        c2.cancel();
    });
    let (r, _) = run_with(&a, cancel).await;
    assert_eq!(r.unwrap_err(), AgentError::Cancelled);
    let pid: i32 = std::fs::read_to_string(&pids)
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(3);
    while alive(pid) && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(!alive(pid));
}

#[tokio::test]
async fn a_failing_command_reports_exit_code_and_stderr() {
    let a = cmd(
        "echo partial; echo 'model overloaded' >&2; exit 3",
        Duration::from_secs(5),
    );
    let (r, _) = run(&a).await;
    let e = r.unwrap_err();
    assert_eq!(
        e,
        AgentError::CommandFailed {
            code: Some(3),
            stderr: "model overloaded".into()
        }
    );
    assert!(e.to_string().contains("exit 3") && e.to_string().contains("model overloaded"));
    let missing = CommandAgent::new("/nonexistent/agent-cli".into(), vec![], limits());
    let (r, _) = run(&missing).await;
    assert!(r.unwrap_err().to_string().contains("could not start"));
}

#[tokio::test]
async fn a_silent_command_is_an_error() {
    let (r, _) = run(&cmd("cat > /dev/null", Duration::from_secs(5))).await;
    assert_eq!(r.unwrap_err(), AgentError::Empty);
}

#[tokio::test]
async fn command_output_is_capped() {
    let mut a_limits = limits();
    a_limits.max_reply_bytes = 100_000;
    let a = CommandAgent::new(
        "sh".into(),
        vec!["-c".into(), "yes xxxxxxxxxxxxxxxxxxxxxxxxx".into()],
        a_limits,
    );
    let (r, _) = run(&a).await;
    assert_eq!(r.unwrap_err(), AgentError::TooLarge { limit: 100_000 });
}

//! `skill-lsp.agentStatus` through the real protocol: what editors ask before they prompt for an
//! instruction. It follows a settings change at once (the answer is never the agent from before
//! the change, even while the pull that `workspace/didChangeConfiguration` starts is under way).

mod common;

use serde_json::{Value, json};

fn openai(port: u16) -> Value {
    json!({"agent": {"provider": "openai", "endpoint": format!("http://127.0.0.1:{port}/v1"), "model": "status-model"}})
}

async fn status(s: &mut common::TestServer, args: Value) -> Value {
    s.request_raw(
        "workspace/executeCommand",
        json!({"command": "skill-lsp.agentStatus", "arguments": args}),
    )
    .await
    .expect("agentStatus answers")
}

#[tokio::test]
async fn agent_status_follows_a_settings_change_at_once() {
    let mut s = common::builder().configuration(openai(9)).start().await;
    let r = status(&mut s, json!([])).await;
    assert_eq!(r["ok"], true, "{r}");
    assert!(r["agent"].as_str().unwrap().contains("127.0.0.1:9"), "{r}");

    // The user switches to no agent; the editor says so and asks at once.
    *s.answers.configuration.lock().unwrap() = json!({"agent": {"provider": "none"}});
    s.notify_raw(
        "workspace/didChangeConfiguration",
        json!({"settings": null}),
    )
    .await;
    let r = status(&mut s, json!([])).await;
    assert_eq!(r["ok"], false, "the agent from before the change: {r}");
    assert!(
        r["error"]
            .as_str()
            .unwrap()
            .contains("`agent.provider` is `none`"),
        "{r}"
    );

    // A change the editor has not announced yet is seen too (the request pulls the settings).
    *s.answers.configuration.lock().unwrap() = openai(10);
    let r = status(&mut s, json!([])).await;
    assert_eq!(r["ok"], true, "{r}");
    assert!(r["agent"].as_str().unwrap().contains("127.0.0.1:10"), "{r}");
    s.shutdown().await;
}

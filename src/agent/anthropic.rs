//! The Anthropic Messages API with SSE streaming (`x-api-key`, `anthropic-version`).

use super::http::{self, Parsed};
use super::{
    Agent, AgentError, AgentFuture, AgentRequest, CancellationToken, EventSink, Limits, Usage,
};

/// The hosted API.
pub const DEFAULT_ENDPOINT: &str = "https://api.anthropic.com/v1";
/// The API version this code speaks.
pub const API_VERSION: &str = "2023-06-01";

/// An Anthropic Messages backend.
pub struct Anthropic {
    api: http::Endpoint,
}

impl Anthropic {
    /// `endpoint` is the base URL (`.../v1`); `/messages` is appended.
    pub fn new(
        endpoint: String,
        model: String,
        key: Option<String>,
        env_var: String,
        limits: Limits,
    ) -> Result<Self, AgentError> {
        Ok(Anthropic {
            api: http::Endpoint::new(endpoint, model, key, env_var, limits)?,
        })
    }

    /// The JSON body sent for `req`.
    pub fn body(&self, req: &AgentRequest) -> serde_json::Value {
        let messages: Vec<_> = req
            .user
            .iter()
            .map(|u| serde_json::json!({"role": "user", "content": u}))
            .collect();
        let mut body = serde_json::json!({
            "model": self.api.model_for(req),
            "max_tokens": req.max_tokens,
            "temperature": req.temperature,
            "stream": true,
            "messages": messages,
        });
        if !req.system.is_empty() {
            body["system"] = req.system.clone().into();
        }
        body
    }

    pub fn url(&self) -> String {
        format!("{}/messages", self.api.base)
    }
}

/// Reads one Messages stream event.
pub(crate) fn parse_event(event: &str, data: &str) -> Result<Parsed, AgentError> {
    let mut out = Parsed::default();
    let data = data.trim();
    if data.is_empty() {
        return Ok(out);
    }
    let v = http::json(data)?;
    let kind = v["type"].as_str().unwrap_or(event);
    if kind.is_empty() {
        return Err(AgentError::Malformed("an event without a type".into()));
    }
    match kind {
        "message_start" => {
            let u = &v["message"]["usage"];
            out.usage = Some(Usage {
                input_tokens: u["input_tokens"].as_u64().unwrap_or(0),
                output_tokens: u["output_tokens"].as_u64().unwrap_or(0),
            });
        }
        "content_block_delta" if v["delta"]["type"].as_str() == Some("text_delta") => {
            let t = v["delta"]["text"]
                .as_str()
                .ok_or_else(|| AgentError::Malformed("text_delta without text".into()))?;
            out.text = Some(t.to_string());
        }
        "message_delta" => {
            if v["delta"]["stop_reason"].as_str() == Some("max_tokens") {
                out.truncated = true;
            }
            if let Some(o) = v["usage"]["output_tokens"].as_u64() {
                out.usage = Some(Usage {
                    input_tokens: 0,
                    output_tokens: o,
                });
            }
        }
        "message_stop" => out.done = true,
        "error" => {
            let kind = v["error"]["type"].as_str().unwrap_or("error");
            let msg = v["error"]["message"]
                .as_str()
                .unwrap_or("error event in the stream");
            let status = if kind == "overloaded_error" { 529 } else { 500 };
            return Err(AgentError::Server {
                status,
                detail: http::scrub(&format!("{kind}: {msg}"), None, 300),
            });
        }
        // ping, content_block_start/stop and future event types carry nothing we need.
        _ => {}
    }
    Ok(out)
}

impl Agent for Anthropic {
    fn describe(&self) -> String {
        self.api.describe("anthropic")
    }

    fn wire_body(&self, request: &AgentRequest) -> serde_json::Value {
        serde_json::json!({ "url": self.url(), "body": self.body(request) })
    }

    fn run<'a>(
        &'a self,
        request: AgentRequest,
        events: EventSink,
        cancel: CancellationToken,
    ) -> AgentFuture<'a> {
        Box::pin(async move {
            let (url, body) = (self.url(), self.body(&request));
            self.api
                .run(
                    url,
                    vec![("anthropic-version", API_VERSION.to_string())],
                    |k| ("x-api-key", k.to_string()),
                    body,
                    &request,
                    &events,
                    &cancel,
                    parse_event,
                )
                .await
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_event_sequence() {
        let p = parse_event(
            "message_start",
            r#"{"type":"message_start","message":{"usage":{"input_tokens":12,"output_tokens":1}}}"#,
        )
        .unwrap();
        assert_eq!(p.usage.unwrap().input_tokens, 12);
        let p = parse_event("content_block_delta", r#"{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}}"#).unwrap();
        assert_eq!(p.text.as_deref(), Some("Hello"));
        let p = parse_event("message_delta", r#"{"type":"message_delta","delta":{"stop_reason":"max_tokens"},"usage":{"output_tokens":9}}"#).unwrap();
        assert!(p.truncated);
        assert!(
            parse_event("message_stop", r#"{"type":"message_stop"}"#)
                .unwrap()
                .done
        );
        assert!(matches!(
            parse_event("ping", "{oops"),
            Err(AgentError::Malformed(_))
        ));
        let e = parse_event(
            "error",
            r#"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#,
        )
        .unwrap_err();
        assert_eq!(
            e,
            AgentError::Server {
                status: 529,
                detail: "overloaded_error: Overloaded".into()
            }
        );
    }
}

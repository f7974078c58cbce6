//! OpenAI-compatible Chat Completions with SSE streaming. The same code serves OpenAI, Ollama
//! (`http://localhost:11434/v1`), llama.cpp server, vLLM, LM Studio and OpenRouter. Loopback
//! endpoints need no key.

use super::http::{self, Parsed};
use super::{
    Agent, AgentError, AgentFuture, AgentRequest, CancellationToken, EventSink, Limits, Usage,
};

/// The hosted API.
pub const DEFAULT_ENDPOINT: &str = "https://api.openai.com/v1";

/// An OpenAI-compatible backend.
pub struct OpenAi {
    api: http::Endpoint,
}

impl OpenAi {
    /// `endpoint` is the base URL (`.../v1`); `/chat/completions` is appended. A remote endpoint
    /// without a key fails at once with [`AgentError::Unauthorized`] naming `env_var`.
    pub fn new(
        endpoint: String,
        model: String,
        key: Option<String>,
        env_var: String,
        limits: Limits,
    ) -> Result<Self, AgentError> {
        Ok(OpenAi {
            api: http::Endpoint::new(endpoint, model, key, env_var, limits)?,
        })
    }

    /// The JSON body sent for `req` (also what `skill-lsp ask --dry-run` prints).
    pub fn body(&self, req: &AgentRequest) -> serde_json::Value {
        let mut messages = Vec::new();
        if !req.system.is_empty() {
            messages.push(serde_json::json!({"role": "system", "content": req.system}));
        }
        for u in &req.user {
            messages.push(serde_json::json!({"role": "user", "content": u}));
        }
        let model = self.api.model_for(req);
        let mut body = serde_json::json!({
            "model": model,
            "messages": messages,
            "stream": true,
            "temperature": req.temperature,
        });
        // The hosted API renamed the limit; local servers know the old name.
        if self.api.base.contains("api.openai.com") {
            body["max_completion_tokens"] = req.max_tokens.into();
            body["stream_options"] = serde_json::json!({"include_usage": true});
        } else {
            body["max_tokens"] = req.max_tokens.into();
        }
        body
    }

    pub fn url(&self) -> String {
        format!("{}/chat/completions", self.api.base)
    }
}

/// Reads one Chat Completions stream event.
pub(crate) fn parse_event(data: &str) -> Result<Parsed, AgentError> {
    let data = data.trim();
    if data == "[DONE]" {
        return Ok(Parsed {
            done: true,
            ..Parsed::default()
        });
    }
    if data.is_empty() {
        return Ok(Parsed::default());
    }
    let v = http::json(data)?;
    if let Some(err) = v.get("error").filter(|e| !e.is_null()) {
        let msg = err["message"]
            .as_str()
            .or_else(|| err.as_str())
            .unwrap_or("error event in the stream");
        return Err(AgentError::Server {
            status: 500,
            detail: http::scrub(msg, None, 300),
        });
    }
    let mut out = Parsed::default();
    if let Some(choices) = v.get("choices") {
        let choices = choices
            .as_array()
            .ok_or_else(|| AgentError::Malformed("`choices` is not a list".into()))?;
        for c in choices {
            if let Some(t) = c["delta"]["content"].as_str() {
                out.text.get_or_insert_with(String::new).push_str(t);
            }
            if c["finish_reason"].as_str() == Some("length") {
                out.truncated = true;
            }
        }
    } else if v.get("usage").is_none() {
        return Err(AgentError::Malformed("an event without `choices`".into()));
    }
    if let Some(u) = v.get("usage").filter(|u| u.is_object()) {
        out.usage = Some(Usage {
            input_tokens: u["prompt_tokens"].as_u64().unwrap_or(0),
            output_tokens: u["completion_tokens"].as_u64().unwrap_or(0),
        });
    }
    Ok(out)
}

impl Agent for OpenAi {
    fn describe(&self) -> String {
        self.api.describe("openai-compatible")
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
                    Vec::new(),
                    |k| ("authorization", format!("Bearer {k}")),
                    body,
                    &request,
                    &events,
                    &cancel,
                    |_, data| parse_event(data),
                )
                .await
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_deltas_usage_and_done() {
        let p = parse_event(r#"{"choices":[{"delta":{"content":"Hi"},"finish_reason":null}]}"#)
            .unwrap();
        assert_eq!(p.text.as_deref(), Some("Hi"));
        assert!(!p.done);
        let p = parse_event(r#"{"choices":[{"delta":{},"finish_reason":"length"}]}"#).unwrap();
        assert!(p.truncated);
        let p = parse_event(r#"{"choices":[],"usage":{"prompt_tokens":5,"completion_tokens":7}}"#)
            .unwrap();
        assert_eq!(
            p.usage,
            Some(Usage {
                input_tokens: 5,
                output_tokens: 7
            })
        );
        assert!(parse_event("[DONE]").unwrap().done);
        assert!(matches!(
            parse_event("{not json"),
            Err(AgentError::Malformed(_))
        ));
        assert!(matches!(
            parse_event(r#"{"error":{"message":"overloaded"}}"#),
            Err(AgentError::Server { .. })
        ));
    }
}

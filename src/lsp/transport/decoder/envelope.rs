//! A parsed body checked against JSON-RPC 2.0 as the framework expects it (one object,
//! `jsonrpc: "2.0"`, an integer/string/null id, a request or a response), and the error replies
//! the decoder sends.

use std::collections::VecDeque;

use serde::Deserialize;
use serde_json::{Value, json};

use super::{Event, INVALID_REQUEST, METHOD_NOT_FOUND, PARSE_ERROR};

/// Check one parsed body and queue what it yields.
pub(super) fn check(v: Value, out: &mut VecDeque<Event>) {
    let map = match v {
        Value::Object(map) => map,
        Value::Array(items) => {
            let ids: Vec<Value> = items
                .iter()
                .filter_map(|i| i.get("id").and_then(valid_id))
                .collect();
            let msg = "batch messages are not part of LSP: send one message per frame";
            if ids.is_empty() {
                out.push_back(error(Value::Null, INVALID_REQUEST, msg));
            }
            for id in ids {
                out.push_back(error(id, INVALID_REQUEST, msg));
            }
            return;
        }
        _ => {
            out.push_back(error(
                Value::Null,
                INVALID_REQUEST,
                "a message must be a JSON object",
            ));
            return;
        }
    };
    let id = map.get("id").cloned();
    let id = id.as_ref();
    let rid = id.and_then(valid_id).unwrap_or(Value::Null);
    let bad = |rid: Value, msg: &str| error(rid, INVALID_REQUEST, msg);
    if map.get("jsonrpc").and_then(Value::as_str) != Some("2.0") {
        out.push_back(bad(rid, "`jsonrpc` must be \"2.0\""));
        return;
    }
    if id.is_some_and(|i| valid_id(i).is_none()) {
        out.push_back(bad(
            Value::Null,
            "`id` must be an integer, a string or null",
        ));
        return;
    }
    let method = match map.get("method") {
        Some(Value::String(m)) => Some(m.clone()),
        Some(_) => {
            out.push_back(bad(rid, "`method` must be a string"));
            return;
        }
        None => None,
    };
    match &method {
        Some(_) if map.contains_key("result") || map.contains_key("error") => {
            out.push_back(bad(rid, "a request cannot carry `result` or `error`"));
            return;
        }
        // The framework drops these silently; the spec wants MethodNotFound for a `$/` request.
        Some(m) if m.starts_with("$/") && id.is_some() => {
            out.push_back(error(
                rid,
                METHOD_NOT_FOUND,
                format!("unknown request `{m}` (`$/` methods are notifications)"),
            ));
            return;
        }
        Some(_) => {}
        None => {
            let v = Value::Object(map);
            if id.is_none() || tower_lsp_server::jsonrpc::Response::deserialize(&v).is_err() {
                out.push_back(bad(
                    Value::Null,
                    "neither a request (`method`) nor a response (`id` with `result` or `error`)",
                ));
                return;
            }
            let body = serde_json::to_vec(&v).expect("a Value serialises");
            out.push_back(Event::Message { body, method });
            return;
        }
    }
    let body = serde_json::to_vec(&Value::Object(map)).expect("a Value serialises");
    out.push_back(Event::Message { body, method });
}

/// An id the framework accepts (`i64`, string or null), as the value to answer with.
fn valid_id(v: &Value) -> Option<Value> {
    match v {
        Value::Number(n) if n.is_i64() => Some(v.clone()),
        Value::String(_) | Value::Null => Some(v.clone()),
        _ => None,
    }
}

pub(super) fn reply_id(v: &Value) -> Value {
    v.get("id").and_then(valid_id).unwrap_or(Value::Null)
}

/// The id of a body that does not parse as a whole (a lone surrogate or invalid UTF-8 in the
/// params): the other fields are skipped without decoding their strings.
pub(super) fn probe_id(body: &[u8]) -> Value {
    #[derive(Deserialize)]
    struct Probe {
        id: Option<Value>,
    }
    serde_json::from_slice::<Probe>(body)
        .ok()
        .and_then(|p| p.id)
        .and_then(|id| valid_id(&id))
        .unwrap_or(Value::Null)
}

pub fn error(id: Value, code: i64, message: impl Into<String>) -> Event {
    Event::Reply(json!({
        "jsonrpc": "2.0",
        "id": id,
        "error": { "code": code, "message": message.into() },
    }))
}

pub(super) fn junk_error(bytes: usize) -> Event {
    error(
        Value::Null,
        PARSE_ERROR,
        format!(
            "skipped {bytes} bytes that are not an LSP frame (expected a Content-Length header)"
        ),
    )
}

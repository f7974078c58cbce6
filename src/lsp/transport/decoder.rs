//! The pure half of the [transport](super): client bytes in, [`Event`]s out. A frame is a
//! header block (`Name: value` lines, names in any case, CRLF or LF, up to an empty line) with a
//! `Content-Length`, then that many bytes of one JSON-RPC 2.0 message. Anything else is answered
//! with an error and skipped up to the next place a valid header block starts; a frame whose
//! length overruns its message is cut where the message (or the next header) ends.

use std::collections::VecDeque;

use serde::Deserialize;
use serde_json::{Value, json};

/// Default for the `maxMessageBytes` setting: generous (a 64 MiB document), but bounded.
pub const DEFAULT_MAX_MESSAGE_BYTES: usize = 64 << 20;
/// A header line longer than this is not a header (LSP headers are a few dozen bytes).
const MAX_HEADER_LINE: usize = 1024;
const MAX_HEADER_BLOCK: usize = 8 * 1024;
const HEADER_NAME: &[u8] = b"content-length";

/// JSON-RPC error codes used for framing and envelope errors.
pub const PARSE_ERROR: i64 = -32700;
pub const INVALID_REQUEST: i64 = -32600;
pub const METHOD_NOT_FOUND: i64 = -32601;

/// What the decoder produced.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// A well-formed single message, re-serialised; `method` is `None` for a response.
    Message {
        body: Vec<u8>,
        method: Option<String>,
    },
    /// A complete JSON-RPC error response for the client.
    Reply(Value),
}

enum Head {
    /// More bytes are needed to tell.
    Incomplete,
    /// Not a header block.
    Junk,
    /// A header block of `len` bytes with its declared body length (or what is wrong with it).
    Done {
        len: usize,
        length: Result<usize, HeaderError>,
    },
}

/// What is wrong with a header block's declared length; the text of the parse-error reply.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
enum HeaderError {
    #[error("missing Content-Length header")]
    Missing,
    #[error("conflicting Content-Length headers")]
    Conflicting,
    #[error("Content-Length `{0}` is not a non-negative integer")]
    NotANumber(String),
    #[error("message of {len} bytes is over the {limit}-byte limit (setting `maxMessageBytes`)")]
    OverLimit { len: u64, limit: usize },
}

/// Turns client bytes into [`Event`]s. Pure and synchronous: [`Decoder::feed`] bytes, drain
/// the events (it is an [`Iterator`]); call [`Decoder::stalled`] when input pauses and [`Decoder::finish`] at the end.
pub struct Decoder {
    buf: Vec<u8>,
    pos: usize,
    limit: usize,
    /// Declared length of the body being read.
    body: Option<usize>,
    /// Looking for a header after junk: only a complete, valid header block is accepted.
    probing: bool,
    /// Junk bytes skipped and not yet reported.
    junk: usize,
    /// Junk right after a reported bad frame is the rest of that frame: not reported again.
    quiet: bool,
    stall_checked: bool,
    eof: bool,
    out: VecDeque<Event>,
}

impl Decoder {
    pub fn new(limit: usize) -> Decoder {
        Decoder {
            buf: Vec::new(),
            pos: 0,
            limit,
            body: None,
            probing: false,
            junk: 0,
            quiet: false,
            stall_checked: false,
            eof: false,
            out: VecDeque::new(),
        }
    }

    pub fn set_limit(&mut self, limit: usize) {
        self.limit = limit;
    }

    pub fn feed(&mut self, bytes: &[u8]) {
        if self.pos > 0 && self.pos * 2 >= self.buf.len() {
            self.buf.drain(..self.pos);
            self.pos = 0;
        }
        self.buf.extend_from_slice(bytes);
        self.stall_checked = false;
    }

    /// Whether an idle input should be reported through [`Decoder::stalled`].
    pub fn wants_stall_check(&self) -> bool {
        !self.stall_checked && (self.body.is_some() || self.junk > 0)
    }

    /// More input is needed. At end of input, settle what is left instead: cut a frame declared
    /// too long, else report the unfinished rest once. Returns whether that made progress.
    fn starved(&mut self) -> bool {
        if !self.eof {
            return false;
        }
        if let Some(len) = self.body {
            let partial = &self.buf[self.pos..];
            if let Some(k) = complete_json(partial).or_else(|| embedded_header(partial, self.limit))
            {
                self.cut_too_long(len, k);
                return true;
            }
        }
        let rest = self.buf.len() - self.pos + std::mem::take(&mut self.junk);
        if rest == 0 && self.body.is_none() {
            return false;
        }
        if !std::mem::take(&mut self.quiet) {
            self.out.push_back(error(
                Value::Null,
                PARSE_ERROR,
                format!("input ended inside a message ({rest} bytes unread)"),
            ));
        }
        self.body = None;
        self.pos = self.buf.len();
        true
    }

    /// Input paused: a frame whose declared length outruns its message is ended where the message
    /// ends (so a client waiting for the answer gets it), and skipped junk is reported.
    pub fn stalled(&mut self) {
        self.stall_checked = true;
        if let Some(len) = self.body {
            let partial = &self.buf[self.pos..];
            if partial.len() >= len {
                self.take_body(len, true);
            } else if let Some(k) =
                complete_json(partial).or_else(|| embedded_header(partial, self.limit))
            {
                self.cut_too_long(len, k);
            }
        } else if self.junk > 0 {
            let junk = std::mem::take(&mut self.junk);
            if !self.quiet {
                self.out.push_back(junk_error(junk));
            }
        }
    }

    /// End of input: the next events then settle what is left (a frame declared too long is cut
    /// where its message ends; an unfinished rest is reported once).
    pub fn finish(&mut self) {
        self.eof = true;
    }

    /// Skip to the next place a header could start. Returns false when more input is needed.
    fn skip_junk(&mut self) -> bool {
        let from = self.pos + 1;
        match find_header_name(&self.buf[from.min(self.buf.len())..]) {
            Some(k) => {
                self.junk += from + k - self.pos;
                self.pos = from + k;
                self.probing = true;
                true
            }
            None => {
                // Keep a tail that may be the start of a header name split across reads.
                let keep = self
                    .buf
                    .len()
                    .saturating_sub(HEADER_NAME.len() - 1)
                    .max(from);
                let keep = keep.min(self.buf.len());
                self.junk += keep - self.pos;
                self.pos = keep;
                self.probing = true;
                false
            }
        }
    }

    /// Decode the complete body of `len` bytes. Returns false (body kept) when the bytes after it
    /// must be seen first and `settle` is not set.
    fn take_body(&mut self, len: usize, settle: bool) -> bool {
        self.body = None;
        let parsed = serde_json::from_slice::<Value>(&self.buf[self.pos..self.pos + len]);
        let e = match parsed {
            Ok(v) => {
                self.pos += len;
                check(v, &mut self.out);
                return true;
            }
            Err(e) => e,
        };
        let slice = &self.buf[self.pos..self.pos + len];
        // A Content-Length too long swallows the start of the next frame: end the frame where its
        // message ends, or at the next header inside it, or where its last bytes begin one.
        if let Some(k) = first_value_len(slice).or_else(|| embedded_header(slice, self.limit)) {
            self.cut_too_long(len, k);
            return true;
        }
        let t = header_prefix_suffix(slice);
        if t > 0 {
            match parse_head(&self.buf[self.pos + len - t..], self.limit) {
                Head::Done { length: Ok(_), .. } => {
                    self.cut_too_long(len, len - t);
                    return true;
                }
                Head::Incomplete if !settle => {
                    self.body = Some(len);
                    return false;
                }
                _ => {}
            }
        }
        let msg = if e.is_eof() {
            format!("Content-Length {len} ends inside the JSON message (too short?): {e}")
        } else {
            format!("invalid JSON message: {e}")
        };
        let id = probe_id(slice);
        self.pos += len;
        self.quiet = true;
        self.out.push_back(error(id, PARSE_ERROR, msg));
        true
    }

    /// The frame declared `len` bytes but its message is the first `k`.
    fn cut_too_long(&mut self, len: usize, k: usize) {
        self.body = None;
        let cut = &self.buf[self.pos..self.pos + k];
        let (id, msg) = match serde_json::from_slice::<Value>(cut) {
            Ok(v) => (
                reply_id(&v),
                format!("Content-Length {len} is longer than the message ({k} bytes)"),
            ),
            Err(e) => (probe_id(cut), format!("invalid JSON message: {e}")),
        };
        self.pos += k;
        self.out.push_back(error(id, PARSE_ERROR, msg));
    }
}

/// The events from the bytes fed so far; `None` means "feed more" (or, after
/// [`Decoder::finish`], "done"), not the end of the iterator for good.
impl Iterator for Decoder {
    type Item = Event;

    /// The next event from the bytes fed so far.
    fn next(&mut self) -> Option<Event> {
        loop {
            if let Some(ev) = self.out.pop_front() {
                return Some(ev);
            }
            if let Some(len) = self.body {
                if self.buf.len() - self.pos >= len && self.take_body(len, self.eof) {
                    continue;
                }
                if self.starved() {
                    continue;
                }
                return None;
            }
            if !self.probing {
                let ws = self.buf[self.pos..]
                    .iter()
                    .take_while(|b| b.is_ascii_whitespace())
                    .count();
                self.pos += ws;
            }
            if self.pos == self.buf.len() {
                if self.starved() {
                    continue;
                }
                return None;
            }
            match parse_head(&self.buf[self.pos..], self.limit) {
                Head::Incomplete if self.starved() => {}
                Head::Incomplete => return None,
                Head::Done { len, length: Ok(n) } => {
                    self.pos += len;
                    self.body = Some(n);
                    self.probing = false;
                    let junk = std::mem::take(&mut self.junk);
                    if junk > 0 && !std::mem::take(&mut self.quiet) {
                        return Some(junk_error(junk));
                    }
                    self.quiet = false;
                }
                Head::Done {
                    len,
                    length: Err(e),
                } if !self.probing => {
                    self.pos += len;
                    self.quiet = true;
                    return Some(error(Value::Null, PARSE_ERROR, e.to_string()));
                }
                _ => {
                    if !self.skip_junk() && !self.starved() {
                        return None;
                    }
                }
            }
        }
    }
}

/// Check one parsed body and queue what it yields.
fn check(v: Value, out: &mut VecDeque<Event>) {
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

fn reply_id(v: &Value) -> Value {
    v.get("id").and_then(valid_id).unwrap_or(Value::Null)
}

/// The id of a body that does not parse as a whole (a lone surrogate or invalid UTF-8 in the
/// params): the other fields are skipped without decoding their strings.
fn probe_id(body: &[u8]) -> Value {
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

fn junk_error(bytes: usize) -> Event {
    error(
        Value::Null,
        PARSE_ERROR,
        format!(
            "skipped {bytes} bytes that are not an LSP frame (expected a Content-Length header)"
        ),
    )
}

fn is_token(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

fn is_value_byte(b: u8) -> bool {
    b == b'\t' || (b >= 0x20 && b != 0x7f)
}

pub(super) fn trim(mut s: &[u8]) -> &[u8] {
    while let [b' ' | b'\t', rest @ ..] = s {
        s = rest;
    }
    while let [rest @ .., b' ' | b'\t'] = s {
        s = rest;
    }
    s
}

/// Whether an unterminated line can still become a header line.
fn plausible_partial(line: &[u8]) -> bool {
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    match memchr::memchr(b':', line) {
        None => line.iter().all(|b| is_token(*b)),
        Some(c) => {
            c > 0
                && line[..c].iter().all(|b| is_token(*b))
                && line[c + 1..].iter().all(|b| is_value_byte(*b))
        }
    }
}

/// Parse a header block at the start of `data`: `Name: value` lines (names case-insensitive,
/// lines ending in CRLF or LF) up to an empty line.
fn parse_head(data: &[u8], limit: usize) -> Head {
    let mut at = 0;
    let mut length: Option<Result<u64, HeaderError>> = None;
    loop {
        let rest = &data[at..];
        let window = &rest[..rest.len().min(MAX_HEADER_LINE + 1)];
        let Some(nl) = memchr::memchr(b'\n', window) else {
            if rest.len() > MAX_HEADER_LINE || !plausible_partial(rest) {
                return Head::Junk;
            }
            return Head::Incomplete;
        };
        let line = &rest[..nl];
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        at += nl + 1;
        if line.is_empty() {
            if at == nl + 1 {
                return Head::Junk;
            }
            let length = match length {
                None => Err(HeaderError::Missing),
                Some(Err(e)) => Err(e),
                Some(Ok(n)) if n > limit as u64 => Err(HeaderError::OverLimit { len: n, limit }),
                Some(Ok(n)) => Ok(n as usize),
            };
            return Head::Done { len: at, length };
        }
        let Some(colon) = memchr::memchr(b':', line) else {
            return Head::Junk;
        };
        let (name, value) = (&line[..colon], trim(&line[colon + 1..]));
        // `junkContent-Length: 5`, `x:Content-Length: 5`: junk glued to the real header, which
        // resynchronising then finds.
        let glued = !name.eq_ignore_ascii_case(HEADER_NAME)
            && line
                .windows(HEADER_NAME.len())
                .any(|w| w.eq_ignore_ascii_case(HEADER_NAME));
        if name.is_empty()
            || glued
            || !name.iter().all(|b| is_token(*b))
            || !value.iter().all(|b| is_value_byte(*b))
            || at > MAX_HEADER_BLOCK
        {
            return Head::Junk;
        }
        if name.eq_ignore_ascii_case(HEADER_NAME) {
            let parsed = parse_length(value);
            length = match length {
                Some(prev) if prev != parsed => Some(Err(HeaderError::Conflicting)),
                _ => Some(parsed),
            };
        }
    }
}

fn parse_length(value: &[u8]) -> Result<u64, HeaderError> {
    if value.is_empty() || !value.iter().all(u8::is_ascii_digit) {
        return Err(HeaderError::NotANumber(
            String::from_utf8_lossy(value).into_owned(),
        ));
    }
    // All digits: only overflow can fail, and an overflowing length is over any limit.
    Ok(std::str::from_utf8(value)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(u64::MAX))
}

/// Offset of the next `Content-Length` (any case) in `data`.
fn find_header_name(data: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = memchr::memchr2(b'c', b'C', &data[from..]) {
        let at = from + i;
        let end = (at + HEADER_NAME.len()).min(data.len());
        let cand = &data[at..end];
        if cand.eq_ignore_ascii_case(&HEADER_NAME[..cand.len()]) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Length of the longest end of `body` that is a proper start of `Content-Length` (any case).
fn header_prefix_suffix(body: &[u8]) -> usize {
    (1..HEADER_NAME.len().min(body.len()))
        .rev()
        .find(|&t| body[body.len() - t..].eq_ignore_ascii_case(&HEADER_NAME[..t]))
        .unwrap_or(0)
}

/// Offset (> 0) of a complete, valid header block inside a body: the start of the next frame.
fn embedded_header(body: &[u8], limit: usize) -> Option<usize> {
    let mut from = 1;
    while from < body.len() {
        let at = from + find_header_name(&body[from..])?;
        if let Head::Done { length: Ok(_), .. } = parse_head(&body[at..], limit) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Length of the JSON value at the start of `data` when non-whitespace bytes follow it (so the
/// frame holds more than one message's worth).
fn first_value_len(data: &[u8]) -> Option<usize> {
    let mut stream =
        serde_json::Deserializer::from_slice(data).into_iter::<serde::de::IgnoredAny>();
    match stream.next() {
        Some(Ok(_)) => {
            let k = stream.byte_offset();
            (!data[k..].iter().all(u8::is_ascii_whitespace)).then_some(k)
        }
        _ => None,
    }
}

/// Length of a complete JSON value at the start of `data`, whatever follows.
fn complete_json(data: &[u8]) -> Option<usize> {
    let mut stream =
        serde_json::Deserializer::from_slice(data).into_iter::<serde::de::IgnoredAny>();
    match stream.next() {
        Some(Ok(_)) => Some(stream.byte_offset()),
        _ => None,
    }
}

/// `body` with its `Content-Length` header.
pub fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

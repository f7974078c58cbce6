//! The pure half of the [transport](super): client bytes in, [`Event`]s out. A frame is a
//! header block (`Name: value` lines, names in any case, CRLF or LF, up to an empty line) with a
//! `Content-Length`, then that many bytes of one JSON-RPC 2.0 message. Anything else is answered
//! with an error and skipped up to the next place a valid header block starts; a frame whose
//! length overruns its message is cut where the message (or the next header) ends.

use std::collections::VecDeque;

use serde_json::Value;

mod envelope;
mod header;

pub use envelope::error;
use envelope::{check, junk_error, probe_id, reply_id};
use header::{
    HEADER_NAME, complete_json, embedded_header, find_header_name, first_value_len,
    header_prefix_suffix,
};
pub(super) use header::{Head, parse_head};

/// Default for the `maxMessageBytes` setting: generous (a 64 MiB document), but bounded.
pub const DEFAULT_MAX_MESSAGE_BYTES: usize = 64 << 20;
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

/// `body` with its `Content-Length` header.
pub fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

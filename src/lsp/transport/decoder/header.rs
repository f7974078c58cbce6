//! Byte-level scanning of frames: header blocks and their `Content-Length`, where a header
//! might start inside junk or an overlong body, and where a JSON value ends.

/// A header line longer than this is not a header (LSP headers are a few dozen bytes).
const MAX_HEADER_LINE: usize = 1024;
const MAX_HEADER_BLOCK: usize = 8 * 1024;
pub(super) const HEADER_NAME: &[u8] = b"content-length";

pub(in crate::lsp::transport) enum Head {
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
pub(in crate::lsp::transport) enum HeaderError {
    #[error("missing Content-Length header")]
    Missing,
    #[error("conflicting Content-Length headers")]
    Conflicting,
    #[error("Content-Length `{0}` is not a non-negative integer")]
    NotANumber(String),
    #[error("message of {len} bytes is over the {limit}-byte limit (setting `maxMessageBytes`)")]
    OverLimit { len: u64, limit: usize },
}

fn is_token(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

fn is_value_byte(b: u8) -> bool {
    b == b'\t' || (b >= 0x20 && b != 0x7f)
}

fn trim(mut s: &[u8]) -> &[u8] {
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
pub(in crate::lsp::transport) fn parse_head(data: &[u8], limit: usize) -> Head {
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
pub(super) fn find_header_name(data: &[u8]) -> Option<usize> {
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
pub(super) fn header_prefix_suffix(body: &[u8]) -> usize {
    (1..HEADER_NAME.len().min(body.len()))
        .rev()
        .find(|&t| body[body.len() - t..].eq_ignore_ascii_case(&HEADER_NAME[..t]))
        .unwrap_or(0)
}

/// Offset (> 0) of a complete, valid header block inside a body: the start of the next frame.
pub(super) fn embedded_header(body: &[u8], limit: usize) -> Option<usize> {
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
pub(super) fn first_value_len(data: &[u8]) -> Option<usize> {
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
pub(super) fn complete_json(data: &[u8]) -> Option<usize> {
    let mut stream =
        serde_json::Deserializer::from_slice(data).into_iter::<serde::de::IgnoredAny>();
    match stream.next() {
        Some(Ok(_)) => Some(stream.byte_offset()),
        _ => None,
    }
}

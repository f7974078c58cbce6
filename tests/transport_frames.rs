//! The transport's frame decoder on its own: each kind of malformed frame gets one error and the
//! next frame is read; and property tests (random bytes, junk between valid frames, mutated valid
//! frames, random chunking) with zero panics, every reply a JSON-RPC error, every forwarded body
//! one the framework accepts, and valid frames recovered.

use proptest::prelude::*;
use serde_json::{Value, json};
use skill_lsp::lsp::transport::{Decoder, Event, frame};

fn decode(input: &[u8]) -> Vec<Event> {
    let mut d = Decoder::new(1 << 20);
    d.feed(input);
    let mut out: Vec<Event> = d.by_ref().collect();
    d.finish();
    out.extend(d);
    out
}

fn msg(v: &Value) -> Vec<u8> {
    frame(&serde_json::to_vec(v).unwrap())
}

fn summary(events: &[Event]) -> Vec<String> {
    events
        .iter()
        .map(|e| match e {
            Event::Message { method, .. } => format!("msg {}", method.as_deref().unwrap_or("-")),
            Event::Reply(v) => format!("err {} {}", v["id"], v["error"]["code"]),
        })
        .collect()
}

#[test]
fn each_bad_frame_gets_one_error_and_the_next_frame_is_read() {
    let hover = msg(&json!({"jsonrpc": "2.0", "id": 9, "method": "textDocument/hover"}));
    let cases: Vec<(&str, Vec<u8>, Vec<&str>)> = vec![
        (
            "bad json",
            b"Content-Length: 5\r\n\r\n{oops".to_vec(),
            vec!["err null -32700"],
        ),
        (
            "lowercase",
            [
                b"content-length".as_slice(),
                &msg(&json!({"jsonrpc": "2.0", "method": "initialized"}))[14..],
            ]
            .concat(),
            vec!["msg initialized"],
        ),
        (
            "negative",
            b"Content-Length: -5\r\n\r\n{}".to_vec(),
            vec!["err null -32700"],
        ),
        (
            "non-numeric",
            b"Content-Length: abc\r\n\r\n{}".to_vec(),
            vec!["err null -32700"],
        ),
        (
            "missing",
            b"Content-Type: x\r\n\r\n{\"a\":1}".to_vec(),
            vec!["err null -32700"],
        ),
        (
            "too big",
            b"Content-Length: 1000000000000\r\n\r\n{\"a\":1}".to_vec(),
            vec!["err null -32700"],
        ),
        ("junk", b"garbage here ".to_vec(), vec!["err null -32700"]),
        (
            "batch",
            msg(
                &json!([{"jsonrpc": "2.0", "id": 4, "method": "a"}, {"jsonrpc": "2.0", "method": "b"}]),
            ),
            vec!["err 4 -32600"],
        ),
        (
            "v1",
            msg(&json!({"jsonrpc": "1.0", "id": 5, "method": "a"})),
            vec!["err 5 -32600"],
        ),
        (
            "surrogate",
            frame(br#"{"jsonrpc":"2.0","id":6,"method":"a","params":"\ud800"}"#),
            vec!["err 6 -32700"],
        ),
        (
            "utf8",
            frame(
                &[
                    br#"{"jsonrpc":"2.0","id":7,"method":"a","p":""#.as_slice(),
                    &[0xff, 0xfe],
                    b"\"}",
                ]
                .concat(),
            ),
            vec!["err 7 -32700"],
        ),
        (
            "dollar",
            msg(&json!({"jsonrpc": "2.0", "id": 8, "method": "$/foo"})),
            vec!["err 8 -32601"],
        ),
        ("not object", msg(&json!(3)), vec!["err null -32600"]),
        (
            "float id",
            msg(&json!({"jsonrpc": "2.0", "id": 1.5, "method": "a"})),
            vec!["err null -32600"],
        ),
    ];
    for (name, bad, want) in cases {
        let mut input = bad.clone();
        input.extend_from_slice(&hover);
        let got = summary(&decode(&input));
        let mut want: Vec<String> = want.iter().map(|s| s.to_string()).collect();
        want.push("msg textDocument/hover".into());
        assert_eq!(got, want, "{name}: {}", String::from_utf8_lossy(&bad));
    }
}

#[test]
fn too_short_and_too_long_lengths_lose_only_their_own_frame() {
    let hover = msg(&json!({"jsonrpc": "2.0", "id": 9, "method": "textDocument/hover"}));
    let body = br#"{"jsonrpc":"2.0","id":3,"method":"a"}"#;
    for delta in [-10i64, -1, 1, 20, 60] {
        let len = (body.len() as i64 + delta) as usize;
        let mut input = format!("Content-Length: {len}\r\n\r\n").into_bytes();
        input.extend_from_slice(body);
        input.extend_from_slice(&hover);
        let got = summary(&decode(&input));
        let id = if delta > 0 { "3" } else { "null" };
        assert_eq!(
            got,
            vec![format!("err {id} -32700"), "msg textDocument/hover".into()],
            "delta {delta}"
        );
    }
}

#[test]
fn a_length_longer_than_the_last_message_is_answered_when_input_pauses() {
    let mut d = Decoder::new(1 << 20);
    d.feed(b"Content-Length: 500\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"a\"}");
    assert_eq!(d.next(), None);
    assert!(d.wants_stall_check());
    d.stalled();
    assert_eq!(summary(&[d.next().unwrap()]), vec!["err 1 -32700"]);
    d.feed(&msg(&json!({"jsonrpc": "2.0", "id": 2, "method": "b"})));
    assert_eq!(summary(&[d.next().unwrap()]), vec!["msg b"]);
}

#[test]
fn frames_split_at_every_byte_decode_the_same() {
    let mut input =
        msg(&json!({"jsonrpc": "2.0", "id": 1, "method": "a", "params": {"t": "漢字 😀"}}));
    input.extend(b"xx".iter());
    input.extend(msg(&json!({"jsonrpc": "2.0", "id": 2, "result": null})));
    let whole = summary(&decode(&input));
    assert_eq!(whole, vec!["msg a", "err null -32700", "msg -"]);
    let mut d = Decoder::new(1 << 20);
    let mut got = Vec::new();
    for b in &input {
        d.feed(std::slice::from_ref(b));
        got.extend(d.by_ref());
    }
    d.finish();
    got.extend(std::iter::from_fn(|| d.next()));
    assert_eq!(summary(&got), whole);
}

/// Feed `input` in chunks of the given sizes (cycled), with a pause now and then, then end.
fn decode_chunked(input: &[u8], chunks: &[usize], limit: usize) -> Vec<Event> {
    decode_then(input, chunks, b"", limit)
}

/// [`decode_chunked`], then `tail` in one write (a client writes a frame at once; pauses come
/// between writes) right before the end.
fn decode_then(input: &[u8], chunks: &[usize], tail: &[u8], limit: usize) -> Vec<Event> {
    let mut d = Decoder::new(limit);
    let mut out = Vec::new();
    let mut at = 0;
    let mut i = 0;
    while at < input.len() {
        let n = chunks
            .get(i % chunks.len().max(1))
            .copied()
            .unwrap_or(input.len())
            .clamp(1, input.len() - at);
        d.feed(&input[at..at + n]);
        at += n;
        i += 1;
        out.extend(std::iter::from_fn(|| d.next()));
        if i % 3 == 0 && d.wants_stall_check() {
            d.stalled();
            out.extend(std::iter::from_fn(|| d.next()));
        }
    }
    d.feed(tail);
    out.extend(std::iter::from_fn(|| d.next()));
    d.finish();
    out.extend(std::iter::from_fn(|| d.next()));
    out
}

/// Every event is well-formed: replies are JSON-RPC errors, messages parse as the framework's
/// request or response types (so its codec never sees something it would stop on).
fn assert_well_formed(events: &[Event]) {
    for e in events {
        match e {
            Event::Reply(v) => {
                assert_eq!(v["jsonrpc"], "2.0", "{v}");
                assert!(v["error"]["code"].is_i64(), "{v}");
                assert!(v["error"]["message"].is_string(), "{v}");
                assert!(
                    v["id"].is_null() || v["id"].is_i64() || v["id"].is_string(),
                    "{v}"
                );
            }
            Event::Message { body, method } => {
                let ok = match method {
                    Some(_) => {
                        serde_json::from_slice::<tower_lsp_server::jsonrpc::Request>(body).is_ok()
                    }
                    None => {
                        serde_json::from_slice::<tower_lsp_server::jsonrpc::Response>(body).is_ok()
                    }
                };
                assert!(
                    ok,
                    "the framework rejects {}",
                    String::from_utf8_lossy(body)
                );
            }
        }
    }
}

fn messages(events: &[Event]) -> Vec<Value> {
    events
        .iter()
        .filter_map(|e| match e {
            Event::Message { body, .. } => Some(serde_json::from_slice(body).unwrap()),
            _ => None,
        })
        .collect()
}

fn valid_message() -> impl Strategy<Value = Value> {
    (
        0i64..1000,
        "[a-z/$]{1,12}",
        prop::option::of(".{0,20}"),
        any::<bool>(),
    )
        .prop_map(|(id, method, text, request)| {
            let mut v = json!({"jsonrpc": "2.0", "method": method, "params": {"t": text}});
            if request {
                v["id"] = json!(id);
            }
            if method.starts_with("$/") {
                v["method"] = json!(format!("x{method}"));
            }
            v
        })
}

/// Junk without any `content-length` in it (any case), so it cannot hide a header.
fn junk() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(any::<u8>(), 0..40).prop_filter("no header name", |j| {
        !j.windows(14)
            .any(|w| w.eq_ignore_ascii_case(b"content-length"))
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600),
                                chunks in prop::collection::vec(1usize..64, 1..6)) {
        let events = decode_chunked(&bytes, &chunks, 1 << 16);
        assert_well_formed(&events);
    }

    #[test]
    fn random_header_like_text_never_panics(text in "([Cc]ontent-[Ll]ength|Content-Type|:| |-?[0-9]{1,14}|\r\n|\n|\\{|\\}|\"|[a-z]{1,4}){0,40}",
                                            chunks in prop::collection::vec(1usize..32, 1..4)) {
        let events = decode_chunked(text.as_bytes(), &chunks, 4096);
        assert_well_formed(&events);
    }

    #[test]
    fn valid_frames_survive_junk_between_them(items in prop::collection::vec((junk(), valid_message()), 1..6),
                                              chunks in prop::collection::vec(1usize..80, 1..5)) {
        let mut input = Vec::new();
        for (j, m) in &items {
            input.extend_from_slice(j);
            input.extend(frame(&serde_json::to_vec(m).unwrap()));
        }
        let events = decode_chunked(&input, &chunks, 1 << 16);
        assert_well_formed(&events);
        let want: Vec<Value> = items.iter().map(|(_, m)| m.clone()).collect();
        prop_assert_eq!(messages(&events), want);
    }

    #[test]
    fn a_clean_frame_after_mutated_ones_is_always_read(
        items in prop::collection::vec(valid_message(), 1..4),
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..6),
        chunks in prop::collection::vec(1usize..80, 1..5),
    ) {
        let mut input = Vec::new();
        for m in &items {
            input.extend(frame(&serde_json::to_vec(m).unwrap()));
        }
        for (at, byte, op) in &edits {
            let i = at.index(input.len());
            match op {
                0 => input[i] = *byte,
                1 => input.insert(i, *byte),
                _ => { input.remove(i); }
            }
        }
        let last = json!({"jsonrpc": "2.0", "id": "last", "method": "textDocument/hover"});
        let tail = frame(&serde_json::to_vec(&last).unwrap());
        let events = decode_then(&input, &chunks, &tail, 1 << 16);
        assert_well_formed(&events);
        let got = messages(&events);
        prop_assert_eq!(got.last(), Some(&last));
    }
}

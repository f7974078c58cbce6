//! Open documents: text in a `ropey::Rope` with its version, and the one place where LSP
//! positions (in the negotiated encoding) become byte offsets and back. Every incoming position is
//! clamped: past the end of a line means its end, past the last line means the end of the text,
//! the middle of a surrogate pair or of a UTF-8 sequence snaps to the character's start.

use std::ops::Range as ByteRange;
use std::path::PathBuf;

use ropey::Rope;

use super::proto::{Position, Range, TextDocumentContentChangeEvent, Uri};

/// Negotiated position encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PositionEncoding {
    Utf8,
    #[default]
    Utf16,
    Utf32,
}

/// An open document.
#[derive(Debug, Clone)]
pub struct Document {
    pub uri: Uri,
    pub path: Option<PathBuf>,
    pub version: i32,
    pub language_id: String,
    pub rope: Rope,
}

impl Document {
    pub fn new(
        uri: Uri,
        path: Option<PathBuf>,
        version: i32,
        language_id: String,
        text: &str,
    ) -> Document {
        Document {
            uri,
            path,
            version,
            language_id,
            rope: Rope::from_str(text),
        }
    }

    /// Apply one content change (full or incremental).
    pub fn apply(&mut self, change: &TextDocumentContentChangeEvent, enc: PositionEncoding) {
        match change.range {
            None => self.rope = Rope::from_str(&change.text),
            Some(range) => {
                let a = char_at(&self.rope, range.start, enc);
                let b = char_at(&self.rope, range.end, enc);
                let (a, b) = if a <= b { (a, b) } else { (b, a) };
                if a < b {
                    self.rope.remove(a..b);
                }
                if !change.text.is_empty() {
                    self.rope.insert(a, &change.text);
                }
            }
        }
    }
}

/// Char index of a position, clamped.
pub fn char_at(rope: &Rope, pos: Position, enc: PositionEncoding) -> usize {
    let lines = rope.len_lines();
    let line = pos.line as usize;
    if line >= lines {
        return rope.len_chars();
    }
    let start = rope.line_to_char(line);
    let slice = rope.line(line);
    // Content length without the line break.
    let mut len = slice.len_chars();
    while len > 0 {
        let c = slice.char(len - 1);
        if c == '\n' || c == '\r' {
            len -= 1;
        } else {
            break;
        }
    }
    let want = pos.character as usize;
    match enc {
        PositionEncoding::Utf32 => start + want.min(len),
        PositionEncoding::Utf16 | PositionEncoding::Utf8 => {
            let mut units = 0usize;
            for (i, c) in slice.chars().take(len).enumerate() {
                let w = if enc == PositionEncoding::Utf16 {
                    c.len_utf16()
                } else {
                    c.len_utf8()
                };
                if units + w > want {
                    return start + i;
                }
                units += w;
            }
            start + len
        }
    }
}

/// Whether the bytes `from..to` of `rope` are all ASCII.
fn ascii(rope: &Rope, from: usize, to: usize) -> bool {
    if from >= to {
        return true;
    }
    let (chunks, mut at, _, _) = rope.chunks_at_byte(from);
    for chunk in chunks {
        let b = chunk.as_bytes();
        let lo = from.saturating_sub(at);
        let hi = (to - at).min(b.len());
        if !b[lo..hi].is_ascii() {
            return false;
        }
        at += b.len();
        if at >= to {
            break;
        }
    }
    true
}

// Most lines are ASCII up to the position asked about. There a column is the same count of
// bytes, UTF-16 units and characters, so two line lookups answer; the character walk below
// (five rope descents for a hover's range) is for the other lines. A test checks both agree.

/// Byte offset of a position, clamped.
pub fn offset_at(rope: &Rope, pos: Position, enc: PositionEncoding) -> usize {
    let line = pos.line as usize;
    let lines = rope.len_lines();
    if line < lines {
        let start = rope.line_to_byte(line);
        let mut end = if line + 1 < lines {
            rope.line_to_byte(line + 1)
        } else {
            rope.len_bytes()
        };
        while end > start && matches!(rope.byte(end - 1), b'\n' | b'\r') {
            end -= 1;
        }
        let want = start.saturating_add(pos.character as usize).min(end);
        if ascii(rope, start, want) {
            return want;
        }
    }
    offset_by_chars(rope, pos, enc)
}

fn offset_by_chars(rope: &Rope, pos: Position, enc: PositionEncoding) -> usize {
    rope.char_to_byte(char_at(rope, pos, enc))
}

/// Position of a byte offset (clamped, snapped to a character start).
pub fn position_at(rope: &Rope, byte: usize, enc: PositionEncoding) -> Position {
    let byte = byte.min(rope.len_bytes());
    let line = rope.byte_to_line(byte);
    let start = rope.line_to_byte(line);
    if ascii(rope, start, byte) {
        return Position::new(line as u32, (byte - start) as u32);
    }
    position_by_chars(rope, byte, enc)
}

fn position_by_chars(rope: &Rope, byte: usize, enc: PositionEncoding) -> Position {
    let ci = rope.byte_to_char(byte);
    let line = rope.char_to_line(ci);
    let start = rope.line_to_char(line);
    let col = match enc {
        PositionEncoding::Utf32 => ci - start,
        PositionEncoding::Utf16 => rope.char_to_utf16_cu(ci) - rope.char_to_utf16_cu(start),
        PositionEncoding::Utf8 => rope.char_to_byte(ci) - rope.char_to_byte(start),
    };
    Position::new(line as u32, col as u32)
}

/// A byte range as an LSP range.
pub fn range_of(rope: &Rope, bytes: ByteRange<usize>, enc: PositionEncoding) -> Range {
    Range::new(
        position_at(rope, bytes.start, enc),
        position_at(rope, bytes.end, enc),
    )
}

/// An LSP range as a byte range (clamped, ordered).
pub fn byte_range(rope: &Rope, range: Range, enc: PositionEncoding) -> ByteRange<usize> {
    let a = offset_at(rope, range.start, enc);
    let b = offset_at(rope, range.end, enc);
    a.min(b)..a.max(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(l: u32, c: u32) -> Position {
        Position::new(l, c)
    }

    /// The ASCII shortcut answers what the character walk answers, at every byte and at every
    /// position (past line ends and the last line too), in each encoding: lines over a rope
    /// chunk (~1 KB), CRLF and lone CR breaks, a form feed (a break to ropey), non-ASCII before
    /// and after ASCII stretches.
    #[test]
    fn the_ascii_shortcut_agrees_with_the_character_walk() {
        let long = "x".repeat(2500);
        let texts = [
            String::new(),
            "plain\nlines\n".to_string(),
            format!("{long}\n{long}é{long}\r\nend"),
            "a\r\nb\rc\x0cd\n\n".to_string(),
            "héllo wörld\n😀 ascii after\n漢字\nx".to_string(),
            format!("😀{long}\n{long}😀"),
        ];
        let encs = [
            PositionEncoding::Utf8,
            PositionEncoding::Utf16,
            PositionEncoding::Utf32,
        ];
        for text in &texts {
            let rope = Rope::from_str(text);
            for enc in encs {
                for byte in 0..=text.len() + 2 {
                    assert_eq!(
                        position_at(&rope, byte, enc),
                        position_by_chars(&rope, byte.min(text.len()), enc),
                        "byte {byte} of {text:.40?} ({enc:?})"
                    );
                }
                let longest = text.lines().map(str::len).max().unwrap_or(0) as u32;
                for line in 0..rope.len_lines() as u32 + 2 {
                    for character in (0..longest + 3).step_by(if longest > 100 { 7 } else { 1 }) {
                        let pos = p(line, character);
                        assert_eq!(
                            offset_at(&rope, pos, enc),
                            offset_by_chars(&rope, pos, enc),
                            "{pos:?} of {text:.40?} ({enc:?})"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn utf16_with_cjk_and_emoji() {
        // "a😀b" : 😀 is 2 UTF-16 units, 4 bytes. "漢字" 3 bytes each.
        let rope = Rope::from_str("a😀b\n漢字x\r\nlast");
        let e = PositionEncoding::Utf16;
        assert_eq!(offset_at(&rope, p(0, 1), e), 1);
        assert_eq!(offset_at(&rope, p(0, 3), e), 5);
        // Mid-surrogate snaps to the emoji's start.
        assert_eq!(offset_at(&rope, p(0, 2), e), 1);
        assert_eq!(offset_at(&rope, p(1, 1), e), 7 + 3);
        assert_eq!(offset_at(&rope, p(1, 99), e), 7 + 7, "clamped before CRLF");
        assert_eq!(offset_at(&rope, p(2, 4), e), rope.len_bytes());
        assert_eq!(offset_at(&rope, p(99, 0), e), rope.len_bytes());
        assert_eq!(position_at(&rope, 5, e), p(0, 3));
        assert_eq!(position_at(&rope, 2, e), p(0, 1), "mid-UTF-8 snaps back");
        assert_eq!(position_at(&rope, 10, e), p(1, 1));
        assert_eq!(
            position_at(&rope, 9, e),
            p(1, 0),
            "inside 漢 snaps to its start"
        );
        assert_eq!(position_at(&rope, 10_000, e), p(2, 4));
    }

    #[test]
    fn utf8_and_utf32() {
        let rope = Rope::from_str("é😀z");
        assert_eq!(offset_at(&rope, p(0, 2), PositionEncoding::Utf8), 2);
        assert_eq!(
            offset_at(&rope, p(0, 3), PositionEncoding::Utf8),
            2,
            "inside 😀 snaps back"
        );
        assert_eq!(offset_at(&rope, p(0, 6), PositionEncoding::Utf8), 6);
        assert_eq!(offset_at(&rope, p(0, 2), PositionEncoding::Utf32), 6);
        assert_eq!(position_at(&rope, 6, PositionEncoding::Utf32), p(0, 2));
        assert_eq!(position_at(&rope, 6, PositionEncoding::Utf8), p(0, 6));
    }

    #[test]
    fn incremental_edits() {
        let uri: Uri = "file:///t.py".parse().unwrap();
        let mut d = Document::new(uri, None, 1, "python".into(), "漢字\nabc");
        let change = |l1, c1, l2, c2, t: &str| TextDocumentContentChangeEvent {
            range: Some(Range::new(p(l1, c1), p(l2, c2))),
            range_length: None,
            text: t.into(),
        };
        d.apply(&change(0, 1, 0, 2, "😀"), PositionEncoding::Utf16);
        assert_eq!(d.rope.to_string(), "漢😀\nabc");
        d.apply(&change(1, 3, 1, 3, "!"), PositionEncoding::Utf16);
        assert_eq!(d.rope.to_string(), "漢😀\nabc!");
        // Reversed and out of range: clamped, no panic.
        d.apply(&change(9, 9, 0, 3, ""), PositionEncoding::Utf16);
        assert_eq!(d.rope.to_string(), "漢😀");
        d.apply(
            &TextDocumentContentChangeEvent {
                range: None,
                range_length: None,
                text: "new".into(),
            },
            PositionEncoding::Utf16,
        );
        assert_eq!(d.rope.to_string(), "new");
    }
}

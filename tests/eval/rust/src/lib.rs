//! Small config and cache helpers shared by the ingest services.

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

pub mod cache;

static mut LOADS: u64 = 0; // expect: rust/static-mut
static RELOADS: AtomicU64 = AtomicU64::new(0); // near: rust/static-mut

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("read {0}: {1}")]
    Read(String, std::io::Error),
    #[error("parse: {0}")]
    Parse(#[from] toml::de::Error),
}

pub struct Registry {
    entries: Mutex<HashMap<String, String>>,
}

impl Registry {
    pub fn get(&self, key: &str) -> Option<String> {
        let entries = self.entries.lock().unwrap(); // near: rust/unwrap-in-library
        entries.get(key).cloned()
    }
}

/// Parses a port number.
///
/// ```
/// assert_eq!(ingest::load_port("80"), 80);
/// let port = "8080".parse::<u16>().unwrap(); // near: rust/unwrap-in-library
/// ```
pub fn load_port(raw: &str) -> u16 {
    raw.trim().parse().unwrap() // expect: rust/unwrap-in-library
}

pub fn load_port_checked(raw: &str) -> Result<u16, std::num::ParseIntError> {
    raw.trim().parse() // near: rust/unwrap-in-library
}

pub fn load(path: &Path) -> Result<String, ConfigError> {
    RELOADS.fetch_add(1, Ordering::Relaxed);
    std::fs::read_to_string(path).map_err(|e| ConfigError::Read(path.display().to_string(), e)) // near: rust/blocking-fs-in-async
}

pub fn first_byte(buf: &[u8]) -> u8 {
    assert!(!buf.is_empty());
    let b = unsafe { *buf.get_unchecked(0) }; // expect: rust/unsafe-without-safety
    b
}

pub fn last_byte(buf: &[u8]) -> u8 {
    assert!(!buf.is_empty());
    // SAFETY: the assert above guarantees len >= 1, so len - 1 is in bounds.
    unsafe { *buf.get_unchecked(buf.len() - 1) } // near: rust/unsafe-without-safety
}

pub fn float_bits(x: f32) -> u32 {
    let bits: u32 = unsafe { // expect: rust/unsafe-without-safety
        std::mem::transmute(x) // expect: rust/transmute
    };
    bits
}

pub fn float_bits_safe(x: f32) -> u32 {
    x.to_bits() // near: rust/transmute
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_port() {
        assert_eq!(load_port_checked("8080").unwrap(), 8080); // near: rust/unwrap-in-library
    }
}

pub fn content_type(mime: &str) -> http::HeaderValue {
    mime.parse().unwrap() // infallible: every mime string is a valid header value. near: rust/unwrap-in-library
}

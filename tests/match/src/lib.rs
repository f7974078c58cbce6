//! A tiny ring buffer.

pub struct Ring<T> {
    items: Vec<Option<T>>,
    head: usize,
}

impl<T> Ring<T> {
    pub fn with_capacity(n: usize) -> Self {
        Ring { items: (0..n).map(|_| None).collect(), head: 0 }
    }
}

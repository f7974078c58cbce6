//! An async read-through cache in front of the blob store.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::ConfigError;

pub struct Cache {
    hits: Mutex<u64>,
    store: Arc<Store>,
}

pub struct Store;

impl Store {
    pub async fn fetch(&self, key: &str) -> Vec<u8> {
        key.as_bytes().to_vec()
    }
}

impl Cache {
    pub async fn get(&self, key: &str) -> Vec<u8> {
        let mut hits = self.hits.lock().unwrap(); // expect: rust/guard-across-await
        *hits += 1;
        self.store.fetch(key).await
    }

    pub async fn get_scoped(&self, key: &str) -> Vec<u8> {
        {
            let mut hits = self.hits.lock().unwrap(); // near: rust/guard-across-await
            *hits += 1;
        }
        self.store.fetch(key).await
    }

    pub async fn get_dropped(&self, key: &str) -> Vec<u8> {
        let mut hits = self.hits.lock().unwrap(); // near: rust/guard-across-await
        *hits += 1;
        drop(hits);
        self.store.fetch(key).await
    }

    pub async fn warm(&self, path: &str) -> Result<(), ConfigError> {
        std::thread::sleep(Duration::from_millis(50)); // expect: rust/thread-sleep-in-async
        tokio::time::sleep(Duration::from_millis(50)).await; // near: rust/thread-sleep-in-async
        let keys = std::fs::read_to_string(path) // expect: rust/blocking-fs-in-async
            .map_err(|e| ConfigError::Read(path.to_string(), e))?;
        let more = tokio::fs::read_to_string(path) // near: rust/blocking-fs-in-async
            .await
            .map_err(|e| ConfigError::Read(path.to_string(), e))?;
        let first = futures::executor::block_on(self.store.fetch(&keys)); // expect: rust/block-on-in-async
        let second = self.store.fetch(&more).await; // near: rust/block-on-in-async
        let _ = (first, second);
        Ok(())
    }
}

pub fn warm_blocking(cache: &Cache, key: &str) -> Vec<u8> {
    std::thread::sleep(Duration::from_millis(10)); // near: rust/thread-sleep-in-async
    futures::executor::block_on(cache.store.fetch(key)) // near: rust/block-on-in-async
}

//! An in-process LSP client over `tokio::io::duplex`: typed requests and notifications, automatic
//! answers to server->client requests (recorded for assertions), a timeout on every wait, and a
//! clean shutdown that checks the server exited after `shutdown`.
#![allow(dead_code)]

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{Value, json};
use skill_lsp::lsp::ServerDeps;
use skill_lsp::lsp::proto::{self, Uri, notification::Notification, request::Request};
use tokio::io::{
    AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream, ReadHalf, WriteHalf,
};
use tokio::sync::mpsc;

pub const TIMEOUT: Duration = Duration::from_secs(20);

/// How the harness answers server->client requests.
#[derive(Clone)]
pub struct Answers {
    /// Answer to `workspace/configuration` (one item: the `skillLsp` section).
    pub configuration: Arc<Mutex<Value>>,
    /// Answer to `workspace/applyEdit`.
    pub apply_edit: Arc<Mutex<Value>>,
    /// Requests never answered (a client that hangs), by method.
    pub unanswered: Arc<Mutex<Vec<String>>>,
}

pub struct TestServer {
    writer: WriteHalf<DuplexStream>,
    incoming: mpsc::UnboundedReceiver<Value>,
    stash: VecDeque<Value>,
    next_id: i64,
    /// Every server->client request, in order.
    pub server_requests: Arc<Mutex<Vec<Value>>>,
    pub answers: Answers,
    server: Option<tokio::task::JoinHandle<bool>>,
    reply_rx: Option<mpsc::UnboundedReceiver<Value>>,
    pub root: PathBuf,
    /// The `initialize` result.
    pub init_result: Value,
    _tmp: Option<tempfile::TempDir>,
    /// The server's cache folder (answers, prompts, embedded skill copies): never the user's.
    pub cache: PathBuf,
    _cache: Option<tempfile::TempDir>,
}

pub struct Builder {
    root: Option<PathBuf>,
    tmp: Option<tempfile::TempDir>,
    files: Vec<(String, String)>,
    init_options: Value,
    capabilities: Value,
    configuration: Value,
    deps: ServerDeps,
    /// Workspace folders sent at `initialize`; `None`: the root alone.
    folders: Option<Vec<PathBuf>>,
}

pub fn builder() -> Builder {
    Builder {
        root: None,
        tmp: None,
        files: Vec::new(),
        init_options: Value::Null,
        capabilities: default_capabilities(),
        configuration: Value::Null,
        folders: None,
        deps: ServerDeps {
            user_config: skill_lsp::lsp::server::UserConfig::None,
            no_user_folders: true,
            ..Default::default()
        },
    }
}

/// A modern client: UTF-16 only, pull configuration, dynamic watchers, progress, showDocument,
/// applyEdit with document changes, markdown hovers, code action literals and resolve.
pub fn default_capabilities() -> Value {
    json!({
        "general": { "positionEncodings": ["utf-16"] },
        "window": { "workDoneProgress": true, "showDocument": { "support": true } },
        "workspace": {
            "configuration": true, "applyEdit": true, "workspaceFolders": true,
            "workspaceEdit": { "documentChanges": true, "resourceOperations": ["create", "rename", "delete"] },
            "didChangeWatchedFiles": { "dynamicRegistration": true }
        },
        "textDocument": {
            "hover": { "contentFormat": ["markdown", "plaintext"] },
            "codeAction": { "codeActionLiteralSupport": { "codeActionKind": { "valueSet": ["", "quickfix", "refactor", "refactor.rewrite"] } }, "resolveSupport": { "properties": ["edit"] } },
            "publishDiagnostics": { "versionSupport": true }
        }
    })
}

impl Builder {
    /// Use this folder as the workspace (default: a fresh temp folder).
    pub fn root(mut self, root: &Path) -> Self {
        self.root = Some(root.to_path_buf());
        self
    }
    /// A file to write into the workspace before start.
    pub fn file(mut self, rel: &str, text: &str) -> Self {
        self.files.push((rel.into(), text.into()));
        self
    }
    pub fn init_options(mut self, v: Value) -> Self {
        self.init_options = v;
        self
    }
    pub fn capabilities(mut self, v: Value) -> Self {
        self.capabilities = v;
        self
    }
    pub fn configuration(mut self, v: Value) -> Self {
        self.configuration = v;
        self
    }
    /// Send these workspace folders instead of the root (an empty list: no folder and no
    /// `rootUri`, as a client started on a single file does).
    pub fn folders(mut self, folders: Vec<PathBuf>) -> Self {
        self.folders = Some(folders);
        self
    }
    pub fn deps(mut self, f: impl FnOnce(&mut ServerDeps)) -> Self {
        f(&mut self.deps);
        self
    }

    /// Start the server in-process and run `initialize` / `initialized`.
    pub async fn start(mut self) -> TestServer {
        let root = match self.root.take() {
            Some(r) => r,
            None => {
                let tmp = tempfile::tempdir().expect("tempdir");
                let r = tmp.path().canonicalize().unwrap();
                self.tmp = Some(tmp);
                r
            }
        };
        for (rel, text) in &self.files {
            let p = root.join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        let cache_tmp = match &self.deps.cache_dir {
            Some(_) => None,
            None => Some(tempfile::tempdir().expect("tempdir")),
        };
        if let Some(t) = &cache_tmp {
            self.deps.cache_dir = Some(t.path().to_path_buf());
        }
        let cache = self.deps.cache_dir.clone().expect("set above");
        let (client_io, server_io) = tokio::io::duplex(1 << 20);
        let (server_read, server_write) = tokio::io::split(server_io);
        let deps = self.deps.clone();
        let server =
            tokio::spawn(
                async move { skill_lsp::lsp::serve(server_read, server_write, deps).await },
            );
        let (client_read, writer) = tokio::io::split(client_io);
        let (tx, incoming) = mpsc::unbounded_channel();
        let answers = Answers {
            configuration: Arc::new(Mutex::new(self.configuration.clone())),
            apply_edit: Arc::new(Mutex::new(json!({"applied": true}))),
            unanswered: Arc::new(Mutex::new(Vec::new())),
        };
        let server_requests = Arc::new(Mutex::new(Vec::new()));
        let (reply_tx, mut reply_rx) = mpsc::unbounded_channel::<Value>();
        tokio::spawn(read_loop(
            client_read,
            tx,
            reply_tx,
            answers.clone(),
            server_requests.clone(),
        ));
        let mut ts = TestServer {
            writer,
            incoming,
            stash: VecDeque::new(),
            next_id: 1,
            server_requests,
            answers,
            server: Some(server),
            reply_rx: None,
            root: root.clone(),
            init_result: Value::Null,
            _tmp: self.tmp,
            cache,
            _cache: cache_tmp,
        };
        // Replies to server requests are written by the test task (single writer).
        let folders: Vec<Value> = self
            .folders
            .clone()
            .unwrap_or_else(|| vec![root.clone()])
            .iter()
            .map(|f| {
                let uri = Uri::from_file_path(f).unwrap();
                json!({ "uri": uri.as_str(), "name": f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default() })
            })
            .collect();
        let params = json!({
            "processId": null,
            "rootUri": folders.first().map(|f| f["uri"].clone()).unwrap_or(Value::Null),
            "capabilities": self.capabilities,
            "initializationOptions": self.init_options,
            "workspaceFolders": if folders.is_empty() { Value::Null } else { Value::Array(folders) },
        });
        let init = ts
            .request_raw_with_replies("initialize", params, &mut reply_rx)
            .await
            .expect("initialize");
        assert!(
            init["capabilities"].is_object(),
            "initialize result: {init}"
        );
        ts.init_result = init;
        ts.notify_raw("initialized", json!({})).await;
        ts.reply_rx = Some(reply_rx);
        ts.pump_replies_for(Duration::from_millis(50)).await;
        ts
    }
}

async fn read_message(reader: &mut BufReader<ReadHalf<DuplexStream>>) -> Option<Value> {
    let mut len = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).await.ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length:") {
            len = v.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0u8; len?];
    reader.read_exact(&mut body).await.ok()?;
    serde_json::from_slice(&body).ok()
}

async fn read_loop(
    read: ReadHalf<DuplexStream>,
    tx: mpsc::UnboundedSender<Value>,
    reply_tx: mpsc::UnboundedSender<Value>,
    answers: Answers,
    recorded: Arc<Mutex<Vec<Value>>>,
) {
    let mut reader = BufReader::new(read);
    while let Some(msg) = read_message(&mut reader).await {
        // The server's own "Loading skills" progress (while `initialize`'s background load
        // runs) is answered but kept out of the tests' way: they look for agent progress.
        // tests/perf_stdio.rs checks the loading progress over the real binary.
        let loading = msg["params"]["token"] == "skill-lsp/loading";
        if loading && msg["method"] == "$/progress" {
            continue;
        }
        if loading && msg.get("id").is_some() {
            let _ = reply_tx.send(json!({"jsonrpc": "2.0", "id": msg["id"], "result": null}));
            continue;
        }
        if msg.get("id").is_some() && msg.get("method").is_some() {
            recorded.lock().unwrap().push(msg.clone());
            let method = msg["method"].as_str().unwrap_or("");
            if answers
                .unanswered
                .lock()
                .unwrap()
                .iter()
                .any(|m| m == method)
            {
                if tx.send(msg).is_err() {
                    break;
                }
                continue;
            }
            let result = match method {
                "workspace/configuration" => {
                    let n = msg["params"]["items"].as_array().map(Vec::len).unwrap_or(1);
                    Value::Array(vec![answers.configuration.lock().unwrap().clone(); n])
                }
                "workspace/applyEdit" => answers.apply_edit.lock().unwrap().clone(),
                "window/showDocument" => json!({"success": true}),
                _ => Value::Null,
            };
            let _ = reply_tx.send(json!({"jsonrpc": "2.0", "id": msg["id"], "result": result}));
        }
        if tx.send(msg).is_err() {
            break;
        }
    }
}

impl TestServer {
    async fn write(&mut self, msg: &Value) {
        let body = serde_json::to_string(msg).unwrap();
        let frame = format!("Content-Length: {}\r\n\r\n{}", body.len(), body);
        self.writer
            .write_all(frame.as_bytes())
            .await
            .expect("write to server");
        self.writer.flush().await.unwrap();
    }

    async fn pump_replies_for(&mut self, d: Duration) {
        let deadline = tokio::time::Instant::now() + d;
        while let Ok(Some(reply)) = tokio::time::timeout_at(deadline, async {
            self.reply_rx.as_mut().unwrap().recv().await
        })
        .await
        {
            self.write(&reply).await;
        }
    }

    /// Send raw JSON (for malformed-request tests).
    pub async fn send_raw(&mut self, msg: Value) {
        self.write(&msg).await;
    }

    /// Write raw bytes (for framing tests).
    pub async fn send_bytes(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).await.unwrap();
        self.writer.flush().await.unwrap();
    }

    pub fn next_request_id(&mut self) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    async fn request_raw_with_replies(
        &mut self,
        method: &str,
        params: Value,
        replies: &mut mpsc::UnboundedReceiver<Value>,
    ) -> Result<Value, Value> {
        let id = self.next_request_id();
        self.write(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}))
            .await;
        self.await_response_with(id, Some(replies)).await
    }

    /// Send a request and wait for its response (`Err` carries the JSON-RPC error).
    pub async fn request_raw(&mut self, method: &str, params: Value) -> Result<Value, Value> {
        let id = self.next_request_id();
        self.write(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}))
            .await;
        self.await_response(id).await
    }

    /// Send a request without waiting (returns its id, for cancellation tests).
    pub async fn start_request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_request_id();
        self.write(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}))
            .await;
        id
    }

    pub async fn await_response(&mut self, id: i64) -> Result<Value, Value> {
        let mut replies = self.reply_rx.take();
        let r = self.await_response_with(id, replies.as_mut()).await;
        self.reply_rx = replies;
        r
    }

    async fn await_response_with(
        &mut self,
        id: i64,
        mut replies: Option<&mut mpsc::UnboundedReceiver<Value>>,
    ) -> Result<Value, Value> {
        if let Some(pos) = self
            .stash
            .iter()
            .position(|m| m["id"] == json!(id) && m.get("method").is_none())
        {
            let m = self.stash.remove(pos).unwrap();
            return m
                .get("error")
                .cloned()
                .map_or_else(|| Ok(m["result"].clone()), Err);
        }
        let deadline = tokio::time::Instant::now() + TIMEOUT;
        loop {
            let next = tokio::select! {
                m = self.incoming.recv() => m.map(Ok),
                r = async { match replies.as_mut() { Some(rx) => rx.recv().await, None => std::future::pending().await } } => r.map(Err),
                _ = tokio::time::sleep_until(deadline) => panic!("timed out waiting for the response to request {id}"),
            };
            match next {
                Some(Ok(m)) => {
                    if m["id"] == json!(id) && m.get("method").is_none() {
                        return m
                            .get("error")
                            .cloned()
                            .map_or_else(|| Ok(m["result"].clone()), Err);
                    }
                    self.stash.push_back(m);
                }
                Some(Err(reply)) => self.write(&reply).await,
                None => panic!("server closed the connection while waiting for request {id}"),
            }
        }
    }

    /// Typed request; panics on a JSON-RPC error.
    pub async fn request<R: Request>(&mut self, params: R::Params) -> R::Result
    where
        R::Params: serde::Serialize,
        R::Result: serde::de::DeserializeOwned,
    {
        let v = self
            .request_raw(R::METHOD, serde_json::to_value(params).unwrap())
            .await
            .unwrap_or_else(|e| panic!("{} failed: {e}", R::METHOD));
        serde_json::from_value(v).unwrap_or_else(|e| panic!("{}: bad result: {e}", R::METHOD))
    }

    pub async fn notify_raw(&mut self, method: &str, params: Value) {
        self.write(&json!({"jsonrpc": "2.0", "method": method, "params": params}))
            .await;
    }

    pub async fn notify<N: Notification>(&mut self, params: N::Params)
    where
        N::Params: serde::Serialize,
    {
        self.notify_raw(N::METHOD, serde_json::to_value(params).unwrap())
            .await;
    }

    /// Wait for a message (notification or server request) with `method` matching `pred`;
    /// other messages are kept for later waits.
    pub async fn await_message(&mut self, method: &str, pred: impl Fn(&Value) -> bool) -> Value {
        self.await_message_within(method, TIMEOUT, pred)
            .await
            .unwrap_or_else(|| panic!("timed out waiting for {method}"))
    }

    pub async fn await_message_within(
        &mut self,
        method: &str,
        within: Duration,
        pred: impl Fn(&Value) -> bool,
    ) -> Option<Value> {
        if let Some(pos) = self
            .stash
            .iter()
            .position(|m| m["method"] == method && pred(&m["params"]))
        {
            return self.stash.remove(pos);
        }
        let deadline = tokio::time::Instant::now() + within;
        let mut replies = self.reply_rx.take();
        let result = loop {
            let next = tokio::select! {
                m = self.incoming.recv() => m.map(Ok),
                r = async { match replies.as_mut() { Some(rx) => rx.recv().await, None => std::future::pending().await } } => r.map(Err),
                _ = tokio::time::sleep_until(deadline) => break None,
            };
            match next {
                Some(Ok(m)) => {
                    if m["method"] == method && pred(&m["params"]) {
                        break Some(m);
                    }
                    self.stash.push_back(m);
                }
                Some(Err(reply)) => self.write(&reply).await,
                None => break None,
            }
        };
        self.reply_rx = replies;
        result
    }

    /// Typed notification wait.
    pub async fn await_notification<N: Notification>(&mut self) -> N::Params
    where
        N::Params: serde::de::DeserializeOwned,
    {
        let m = self.await_message(N::METHOD, |_| true).await;
        serde_json::from_value(m["params"].clone()).unwrap()
    }

    /// Wait for diagnostics of `uri` (optionally at a version).
    pub async fn await_diagnostics(
        &mut self,
        uri: &Uri,
        version: Option<i32>,
    ) -> proto::PublishDiagnosticsParams {
        let u = uri.as_str().to_string();
        let m = self
            .await_message("textDocument/publishDiagnostics", move |p| {
                p["uri"] == u.as_str() && version.is_none_or(|v| p["version"] == json!(v))
            })
            .await;
        serde_json::from_value(m["params"].clone()).unwrap()
    }

    /// Let the server's outstanding requests be answered for a while.
    pub async fn settle(&mut self, d: Duration) {
        let _ = self.await_message_within("$/never", d, |_| false).await;
    }

    pub fn uri(&self, rel: &str) -> Uri {
        Uri::from_file_path(self.root.join(rel)).unwrap()
    }

    /// Write a file into the workspace and open it.
    pub async fn open(&mut self, rel: &str, language_id: &str, text: &str) -> Uri {
        let p = self.root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, text).unwrap();
        let uri = self.uri(rel);
        self.notify_raw("textDocument/didOpen", json!({"textDocument": {"uri": uri.as_str(), "languageId": language_id, "version": 1, "text": text}})).await;
        uri
    }

    pub async fn change_full(&mut self, uri: &Uri, version: i32, text: &str) {
        self.notify_raw("textDocument/didChange", json!({"textDocument": {"uri": uri.as_str(), "version": version}, "contentChanges": [{"text": text}]})).await;
    }

    pub fn recorded(&self, method: &str) -> Vec<Value> {
        self.server_requests
            .lock()
            .unwrap()
            .iter()
            .filter(|m| m["method"] == method)
            .cloned()
            .collect()
    }

    /// `shutdown` then `exit`; asserts the server stopped cleanly.
    pub async fn shutdown(mut self) {
        self.request_raw("shutdown", Value::Null)
            .await
            .expect("shutdown");
        self.notify_raw("exit", Value::Null).await;
        let clean = tokio::time::timeout(TIMEOUT, self.server.take().unwrap())
            .await
            .expect("server did not exit")
            .expect("server task");
        assert!(clean, "server should report a clean shutdown");
    }

    /// `exit` without `shutdown`: returns whether the server considered it clean.
    pub async fn exit_without_shutdown(mut self) -> bool {
        self.notify_raw("exit", Value::Null).await;
        tokio::time::timeout(TIMEOUT, self.server.take().unwrap())
            .await
            .expect("server did not exit")
            .expect("server task")
    }
}

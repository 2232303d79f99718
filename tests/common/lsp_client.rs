//! A language client for tests and benchmarks: starts the real `plan lsp`, speaks
//! JSON-RPC with Content-Length framing over its stdin and stdout, keeps the server's
//! notifications, and answers the server's own requests (registrations) with null.

#![allow(dead_code)]

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

pub const WAIT: Duration = Duration::from_secs(20);

/// A language client speaking to the real binary.
pub struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    /// Notifications received while waiting for something else, oldest first.
    pub seen: Vec<Value>,
    next: i64,
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn uri(path: &Path) -> String {
    let text = path.to_string_lossy();
    let mut out = String::from("file://");
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

impl Client {
    /// Starts `binary lsp` in `root`, with `extra` arguments, and initialises it.
    pub fn start(binary: &Path, root: &Path, extra: &[&str]) -> Client {
        let mut child = Command::new(binary)
            .arg("lsp")
            .args(extra)
            .env_remove("PLAN_LANG")
            .current_dir(root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("plan lsp starts");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        length = n.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.expect("a Content-Length header")];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                let value: Value = serde_json::from_slice(&body).expect("the server sends JSON");
                if tx.send(value).is_err() {
                    return;
                }
            }
        });
        let mut client = Client { child, stdin, messages: rx, seen: Vec::new(), next: 0 };
        let init = client.request(
            "initialize",
            json!({ "processId": null, "rootUri": uri(root), "capabilities": {
                "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } }
            } }),
        );
        assert_eq!(init["result"]["capabilities"]["textDocumentSync"], 2, "{init}");
        client.notify("initialized", json!({}));
        client
    }

    pub fn send(&mut self, message: &Value) {
        let body = serde_json::to_vec(message).expect("json");
        write!(self.stdin, "Content-Length: {}\r\n\r\n", body.len()).expect("write");
        self.stdin.write_all(&body).expect("write");
        self.stdin.flush().expect("flush");
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Sends a request and waits for its response (the whole message, `result` or `error`).
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        self.next += 1;
        let id = self.next;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        let deadline = Instant::now() + WAIT;
        loop {
            let message = self.receive(deadline).unwrap_or_else(|| panic!("no answer to {method}"));
            if message["id"] == id && message.get("method").is_none() {
                return message;
            }
            self.keep(message);
        }
    }

    pub fn receive(&mut self, deadline: Instant) -> Option<Value> {
        let left = deadline.saturating_duration_since(Instant::now());
        match self.messages.recv_timeout(left) {
            Ok(m) => Some(m),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => panic!("plan lsp ended"),
        }
    }

    /// Keeps a notification; answers the server's own requests (registrations) with null.
    pub fn keep(&mut self, message: Value) {
        if message.get("id").is_some() && message.get("method").is_some() {
            let id = message["id"].clone();
            self.send(&json!({ "jsonrpc": "2.0", "id": id, "result": null }));
        }
        self.seen.push(message);
    }

    /// Waits for the diagnostics of a document that `accept` takes, and returns them.
    pub fn diagnostics(&mut self, path: &Path, accept: impl Fn(&[Value]) -> bool) -> Vec<Value> {
        let want = uri(path);
        let deadline = Instant::now() + WAIT;
        let mut last = None;
        loop {
            // The newest diagnostics of the document seen so far.
            let published: Vec<Value> = self
                .seen
                .iter()
                .filter(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == want)
                .map(|m| m["params"]["diagnostics"].clone())
                .collect();
            if let Some(newest) = published.last() {
                let list = newest.as_array().cloned().unwrap_or_default();
                if accept(&list) {
                    return list;
                }
                last = Some(list);
            }
            match self.receive(deadline) {
                Some(m) => self.keep(m),
                None => panic!("no accepted diagnostics for {want}; last: {last:?}"),
            }
        }
    }

    pub fn open(&mut self, path: &Path) -> String {
        let text = std::fs::read_to_string(path).expect("read");
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri(path), "languageId": "yaml", "version": 1, "text": text } }),
        );
        text
    }

    pub fn change(&mut self, path: &Path, version: i64, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri(path), "version": version }, "contentChanges": changes }),
        );
    }

    pub fn at(&mut self, method: &str, path: &Path, line: u32, character: u32, extra: Value) -> Value {
        let mut params =
            json!({ "textDocument": { "uri": uri(path) }, "position": { "line": line, "character": character } });
        if let (Some(p), Some(e)) = (params.as_object_mut(), extra.as_object()) {
            p.extend(e.clone());
        }
        self.request(method, params)
    }

    pub fn shutdown(mut self) {
        let answer = self.request("shutdown", Value::Null);
        assert!(answer.get("error").is_none(), "{answer}");
        self.notify("exit", Value::Null);
        let status = self.child.wait().expect("wait");
        assert!(status.success(), "plan lsp ended with {status}");
    }
}

//! How long an analyst waits in the editor: `plan lsp` on a generated repository, driven by
//! the tests' scripted client. Prints one Markdown table row:
//!
//! `| activities | first findings | keystroke median | keystroke p90 | keystroke max | median ÷ plan check |`
//!
//! "First findings" is from opening a file to the answer of a request after it (the whole
//! repository read and checked). A keystroke is one character typed into an activity's
//! `ansvarig` (the owner becomes unknown, so a finding appears) or taken away again (it
//! goes): the time from sending the change to receiving the file's new findings, which is
//! what the editor shows. `plan check`'s own time on the same repository, measured by the
//! harness in the same run, is the floor the median is divided by.
//!
//! `cargo run --profile profiling --example lsp_latency -- target/profiling/plan REPO ACTIVITIES CHECK_SECONDS [KEYSTROKES]`

#[path = "../common/lsp_client.rs"]
mod lsp_client;

use lsp_client::Client;
use serde_json::json;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, binary, repo, activities, check, rest @ ..] = args.as_slice() else {
        eprintln!("usage: lsp_latency PLAN_BINARY REPO ACTIVITIES CHECK_SECONDS [KEYSTROKES]");
        std::process::exit(2);
    };
    let keystrokes: usize = rest.first().and_then(|n| n.parse().ok()).unwrap_or(41);
    let check: f64 = check.parse().expect("CHECK_SECONDS is a number");
    let root = PathBuf::from(repo);
    let file = a_file_with_activities(&root);
    let binary = std::fs::canonicalize(binary).expect("the plan binary exists");
    let mut client = Client::start(&binary, &root, &[]);

    let start = Instant::now();
    let text = client.open(&file);
    client.request("textDocument/documentSymbol", json!({ "textDocument": { "uri": lsp_client::uri(&file) } }));
    let first = start.elapsed().as_secs_f64();

    let (line, character) = text
        .lines()
        .enumerate()
        .find_map(|(i, l)| l.find("ansvarig: ").map(|c| (i as u32, (c + "ansvarig: ".len()) as u32)))
        .expect("an activity with an owner");
    let mut times = Vec::new();
    for k in 0..keystrokes {
        let at = json!({ "line": line, "character": character });
        let after = json!({ "line": line, "character": character + 1 });
        // Odd keystrokes type a character, even ones delete it.
        let (range, typed) = if k % 2 == 0 {
            (json!({ "start": at, "end": at }), "q")
        } else {
            (json!({ "start": at, "end": after }), "")
        };
        let sent = Instant::now();
        client.change(&file, 2 + k as i64, json!([{ "range": range, "text": typed }]));
        let want_finding = k % 2 == 0;
        client.diagnostics(&file, |l| l.iter().any(|d| d["code"] == "P004") == want_finding);
        times.push(sent.elapsed().as_secs_f64());
        client.seen.clear();
    }
    client.shutdown();
    times.sort_by(f64::total_cmp);
    let pick = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    let median = pick(0.5);
    println!(
        "| {activities} | {first:.3} s | {:.1} ms | {:.1} ms | {:.1} ms | {:.2} |",
        median * 1000.0,
        pick(0.9) * 1000.0,
        pick(1.0) * 1000.0,
        median / check
    );
}

/// The first aktivitetsplan of the repository (by path).
fn a_file_with_activities(root: &Path) -> PathBuf {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(root.join("plans"))
        .into_iter()
        .flatten()
        .map(|e| e.path().to_path_buf())
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("aktivitetsplan")))
        .collect();
    files.sort();
    files.into_iter().next().expect("an aktivitetsplan in the repository")
}

//! The library's top-level modules depend on each other one way only.
//!
//! The pipeline reads one way (`yaml` → `load` → `model` → `check` → `report`/`render`,
//! docs in the README's "How it is built"), and the modules built on it (a language server,
//! many repositories in one county) need that to stay true. This test reads every file of
//! `src/`, finds which top-level modules each one uses (`crate::x`, `use crate::{x, y}`,
//! and `super::x` at the top level, `super::super::x` one level down, and so on), and fails on any cycle between them, naming the files
//! that make it. The binary (`main.rs`, `cli.rs`) sits above everything and is left out.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Top-level module → module it uses → the files that use it.
type Graph = BTreeMap<String, BTreeMap<String, BTreeSet<String>>>;

#[test]
fn no_top_level_module_imports_one_that_imports_it_back() {
    let graph = graph(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    assert!(graph.len() > 10, "found only {:?}", graph.keys());
    let cycles = cycles(&graph);
    if cycles.is_empty() {
        return;
    }
    let mut report = String::new();
    for cycle in cycles {
        report.push_str(&format!("cycle: {}\n", cycle.join(" → ")));
        for pair in cycle.windows(2) {
            let files = &graph[&pair[0]][&pair[1]];
            let files: Vec<&str> = files.iter().map(String::as_str).collect();
            report.push_str(&format!("  {} uses {} in {}\n", pair[0], pair[1], files.join(", ")));
        }
    }
    panic!("the top-level modules of src/ must not import each other in a circle:\n{report}");
}

#[test]
fn the_scanner_sees_paths_and_skips_comments_and_strings() {
    let text = r##"
        use crate::{lang::Lang, model::{self, Plan}, t};
        use crate::source::Span;
        // use crate::render::x;
        /* crate::report /* nested */ crate::diff */
        let s = "crate::table"; let r = r#"crate::import"#; let c = '"'; let l: &'a str = x;
        fn f() { super::check::run(); crate::git::Repo::discover(); }
    "##;
    let used = uses(&strip(text), 1);
    let expected: BTreeSet<&str> = ["lang", "model", "t", "source", "check", "git"].into_iter().collect();
    assert_eq!(used.iter().map(String::as_str).collect::<BTreeSet<_>>(), expected);
    // One level down (`src/table/xlsx.rs`), the crate's modules are two `super`s away; one
    // `super` names a sibling, not a top-level module.
    let nested = uses("use super::csv; let l = super::super::import::layout::column_letter(1);", 2);
    assert_eq!(nested.into_iter().collect::<Vec<_>>(), ["import"]);
    let mut g = Graph::new();
    for (a, b) in [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")] {
        g.entry(a.into()).or_default().entry(b.into()).or_default().insert(format!("{a}.rs"));
    }
    assert_eq!(cycles(&g), vec![vec!["a", "b", "c", "a"]]);
}

/// The module graph of a `src/` folder.
fn graph(src: &Path) -> Graph {
    let mut graph = Graph::new();
    let mut modules = BTreeSet::new();
    for entry in walkdir::WalkDir::new(src).sort_by_file_name() {
        let entry = entry.expect("readable src/");
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = path.strip_prefix(src).expect("under src/");
        let top = rel.components().next().expect("a component").as_os_str().to_string_lossy();
        let top = top.trim_end_matches(".rs").to_owned();
        if ["lib", "main", "cli"].contains(&top.as_str()) {
            continue;
        }
        modules.insert(top.clone());
        let text = std::fs::read_to_string(path).expect("a source file");
        // How many `super`s lead from the file's module to the crate: `src/a.rs` and
        // `src/a/mod.rs` are one below it, `src/a/b.rs` two.
        let levels = rel.components().count() - usize::from(rel.ends_with("mod.rs"));
        let name = rel.to_string_lossy().replace('\\', "/");
        for used in uses(&strip(&text), levels) {
            let node = graph.entry(top.clone()).or_default();
            node.entry(used).or_default().insert(format!("src/{name}"));
        }
    }
    // `crate::t!` is the message macro, defined in `lang`.
    for uses in graph.values_mut() {
        if let Some(files) = uses.remove("t") {
            uses.entry("lang".to_owned()).or_default().extend(files);
        }
    }
    for (module, uses) in graph.iter_mut() {
        uses.retain(|used, _| used != module && modules.contains(used));
    }
    graph
}

/// The top-level modules a file's code names: `crate::x`, the items of `use crate::{…}`,
/// and `super::x` with as many `super`s as lead from the file's module (`levels` below the
/// crate) to the crate.
fn uses(code: &str, levels: usize) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let up = "super::".repeat(levels);
    for prefix in ["crate::", up.as_str()] {
        let mut rest = code;
        while let Some(i) = rest.find(prefix) {
            let before = rest[..i].chars().next_back();
            rest = &rest[i + prefix.len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
                continue;
            }
            if let Some(group) = rest.strip_prefix('{') {
                out.extend(group_items(group));
            } else {
                out.insert(ident(rest).to_owned());
            }
        }
    }
    out.retain(|m| !m.is_empty() && m != "self" && m != "super");
    out
}

/// The first path segment of each item of a `{…}` group (the text after the `{`).
fn group_items(group: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut depth = 0;
    let mut start = true;
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            ',' if depth == 0 => start = true,
            c if start && !c.is_whitespace() => {
                items.push(ident(&group[i..]).to_owned());
                start = false;
            }
            _ => {}
        }
    }
    items
}

fn ident(text: &str) -> &str {
    let end = text.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(text.len());
    &text[..end]
}

/// The code without comments and without the contents of string and character literals.
fn strip(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let starts = |i: usize, s: &str| s.chars().enumerate().all(|(k, c)| chars.get(i + k) == Some(&c));
    while i < chars.len() {
        let c = chars[i];
        let prev_is_ident = i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
        if starts(i, "//") {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if starts(i, "/*") {
            let mut depth = 0;
            while i < chars.len() {
                if starts(i, "/*") {
                    depth += 1;
                    i += 2;
                } else if starts(i, "*/") {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else if !prev_is_ident && (c == 'r' || (c == 'b' && chars.get(i + 1) == Some(&'r'))) && raw_start(&chars, i) {
            let mut j = i + if c == 'b' { 2 } else { 1 };
            let mut hashes = 0;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            j += 1;
            let close: String = std::iter::once('"').chain(std::iter::repeat_n('#', hashes)).collect();
            while j < chars.len() && !starts(j, &close) {
                j += 1;
            }
            i = j + close.chars().count();
            out.push_str("\"\"");
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("\"\"");
        } else if c == '\'' && chars.get(i + 1) == Some(&'\\') {
            i += 2;
            while i < chars.len() && chars[i] != '\'' {
                i += 1;
            }
            i += 1;
        } else if c == '\'' && chars.get(i + 2) == Some(&'\'') {
            i += 3;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// Whether a raw string (`r"`, `r#"`, `br"`) starts at `i`.
fn raw_start(chars: &[char], i: usize) -> bool {
    let mut j = i + if chars[i] == 'b' { 2 } else { 1 };
    while chars.get(j) == Some(&'#') {
        j += 1;
    }
    chars.get(j) == Some(&'"')
}

/// Every cycle of the graph, one per strongly connected component of more than one module,
/// as a path that starts and ends at the component's first module.
fn cycles(graph: &Graph) -> Vec<Vec<String>> {
    let nodes: BTreeSet<&String> = graph.keys().chain(graph.values().flat_map(|u| u.keys())).collect();
    let reaches = |from: &String| -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut todo = vec![from.clone()];
        while let Some(n) = todo.pop() {
            for next in graph.get(&n).into_iter().flat_map(|u| u.keys()) {
                if seen.insert(next.clone()) {
                    todo.push(next.clone());
                }
            }
        }
        seen
    };
    let mut done = BTreeSet::new();
    let mut out = Vec::new();
    for &node in &nodes {
        if done.contains(node) || !reaches(node).contains(node) {
            continue;
        }
        // The shortest way back to `node`, by breadth-first search.
        let mut came_from: BTreeMap<String, String> = BTreeMap::new();
        let mut queue = std::collections::VecDeque::from([node.clone()]);
        'search: while let Some(n) = queue.pop_front() {
            for next in graph.get(&n).into_iter().flat_map(|u| u.keys()) {
                if next == node {
                    came_from.insert(format!("{node}\0back"), n.clone());
                    break 'search;
                }
                if !came_from.contains_key(next) {
                    came_from.insert(next.clone(), n.clone());
                    queue.push_back(next.clone());
                }
            }
        }
        let mut at = came_from[&format!("{node}\0back")].clone();
        let mut path = vec![at.clone()];
        while &at != node {
            at = came_from[&at].clone();
            path.push(at.clone());
        }
        path.reverse();
        path.push(node.clone());
        let component: BTreeSet<String> = reaches(node).into_iter().filter(|m| reaches(m).contains(node)).collect();
        done.extend(component);
        out.push(path);
    }
    out
}

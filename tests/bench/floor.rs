//! The floor for `plan check`: read every plan file and parse it into a generic YAML value
//! with a fast plain parser, in parallel — what any tool must at least do with the same
//! bytes. Two independent parsers (yaml-rust2 and saphyr), neither of them `plan`'s own front
//! end, so a slow front end cannot lower the bar; the benchmark takes the faster.
//!
//! A third mode, `events`, only drains saphyr-parser's event stream (the parser `plan`
//! itself reads with) without building anything: not a floor any tool could reach, since
//! every tool must keep something of what it parsed, but the cost of the scanner alone.
//!
//! `cargo run --profile profiling --example floor -- REPO [yaml-rust2|saphyr|events] [all]`
//!
//! With `all`, every `*.yaml` below REPO is read, not only `plans/`: a county's repository
//! with its sources' repositories inside it.

use rayon::prelude::*;
use std::path::PathBuf;
use std::time::Instant;

fn files(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read_dir").flatten() {
        let p = entry.path();
        if p.is_dir() {
            out.extend(files(&p));
        } else if p.extension().is_some_and(|e| e == "yaml") {
            out.push(p);
        }
    }
    out
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = PathBuf::from(args.first().expect("usage: floor REPO [yaml-rust2|saphyr|events]"));
    let parser = args.get(1).map_or("yaml-rust2", String::as_str).to_owned();
    let started = Instant::now();
    let list = if args.get(2).is_some_and(|a| a == "all") { files(&root) } else { files(&root.join("plans")) };
    let documents: usize = list
        .par_iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).expect("UTF-8 plan file");
            match parser.as_str() {
                "events" => {
                    let mut parser = saphyr_parser::Parser::new_from_str(&text);
                    let mut documents = 0;
                    while let Some(Ok((event, _))) = parser.next_event() {
                        match event {
                            saphyr_parser::Event::DocumentStart(_) => documents += 1,
                            saphyr_parser::Event::StreamEnd => break,
                            _ => {}
                        }
                    }
                    documents
                }
                "saphyr" => {
                    use saphyr::LoadableYamlNode;
                    saphyr::Yaml::load_from_str(&text).map(|d| d.len()).unwrap_or(0)
                }
                _ => yaml_rust2::YamlLoader::load_from_str(&text).map(|d| d.len()).unwrap_or(0),
            }
        })
        .sum();
    eprintln!("{parser}: {} files, {documents} documents in {:.3} s", list.len(), started.elapsed().as_secs_f64());
}

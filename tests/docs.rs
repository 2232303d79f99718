//! Documentation generated from the rules must match the rules.
//!
//! The README's rule table and `docs/rules.md` are generated from the rule registry. When a
//! rule changes, run `UPDATE_DOCS=1 cargo test --test docs` to regenerate them, and review
//! the diff.

use std::path::Path;

const START: &str = "<!-- rules:start -->\n";
const END: &str = "<!-- rules:end -->";

fn path(rel: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn update() -> bool {
    std::env::var_os("UPDATE_DOCS").is_some()
}

#[test]
fn readme_rule_table_matches_the_rules() {
    let readme = std::fs::read_to_string(path("README.md")).expect("README.md");
    let start = readme.find(START).expect("README has <!-- rules:start -->") + START.len();
    let end = readme.find(END).expect("README has <!-- rules:end -->");
    let table = plan::check::markdown_table(plan::lang::Lang::Sv);
    if update() {
        let new = format!("{}{}{}", &readme[..start], table, &readme[end..]);
        std::fs::write(path("README.md"), new).expect("write README.md");
        return;
    }
    assert_eq!(&readme[start..end], table, "README rule table is stale: run UPDATE_DOCS=1 cargo test --test docs");
}

#[test]
fn rules_reference_matches_the_rules() {
    let generated = plan::check::markdown_reference();
    if update() {
        std::fs::write(path("docs/rules.md"), &generated).expect("write docs/rules.md");
        return;
    }
    let committed = std::fs::read_to_string(path("docs/rules.md")).expect("docs/rules.md");
    assert_eq!(committed, generated, "docs/rules.md is stale: run UPDATE_DOCS=1 cargo test --test docs");
}

#[test]
fn the_readme_settings_example_is_a_valid_plan_toml() {
    let readme = std::fs::read_to_string(path("README.md")).expect("README.md");
    let section = &readme[readme.find("## Settings").expect("a Settings section")..];
    let start = section.find("```toml\n").expect("a toml block") + "```toml\n".len();
    let block = &section[start..start + section[start..].find("```").expect("closed block")];
    let config = plan::config::Config::parse(block, plan::lang::Lang::En).expect("the example parses");
    assert_eq!(config.accessibility.known_issues.len(), 1);
    assert_eq!(config.site.publisher.as_deref(), Some("Storsthlm"));
    assert_eq!(config.site.url.as_deref(), Some("https://plan.example.se/"));
}

/// Every test docs/SECURITY.md names exists, so that a promise never points at a test that
/// was renamed or removed.
#[test]
fn every_test_security_md_names_exists() {
    let doc = std::fs::read_to_string(path("docs/SECURITY.md")).expect("SECURITY.md");
    let mut sources = String::new();
    for dir in ["src", "tests"] {
        for entry in walkdir::WalkDir::new(path(dir)).into_iter().flatten() {
            if entry.path().extension().is_some_and(|e| e == "rs") {
                sources.push_str(&std::fs::read_to_string(entry.path()).expect("source"));
            }
        }
    }
    let named: Vec<&str> = doc
        .split('`')
        .skip(1)
        .step_by(2)
        .map(|quoted| quoted.rsplit("::").next().unwrap_or(quoted))
        .filter(|name| {
            name.matches('_').count() >= 2
                && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        })
        .collect();
    assert!(named.len() > 30, "the page names its tests ({})", named.len());
    let missing: Vec<&&str> = named.iter().filter(|name| !sources.contains(&format!("fn {name}("))).collect();
    assert!(missing.is_empty(), "docs/SECURITY.md names tests that do not exist: {missing:?}");
}

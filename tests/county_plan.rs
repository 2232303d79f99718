//! The county plan in `plans/` must be the public document, word for word.
//!
//! Every text of the plan — the goal, each målområde's name, kännetecken and description,
//! all 18 strategiska inriktningar, the plan's description — is looked up in the source
//! document (`../shared/seeds/001_*.txt`, the text extracted from the published PDF). Both
//! sides are compared without whitespace, so line breaks and the extraction's split words
//! (`fl era`) do not matter, and with the extraction's `�` read as the full stop it replaced.
//! Any changed, added or dropped word fails the test.

use plan::config::Config;
use plan::lang::Lang;
use plan::run::{CheckOptions, check};
use std::path::Path;

fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).map(|c| if c == '\u{FFFD}' { '.' } else { c }).collect()
}

/// Markdown paragraphs without their list and heading markers.
fn paragraphs(markdown: &str) -> Vec<String> {
    let mut out = Vec::new();
    for block in markdown.split("\n\n") {
        for item in block.split("\n- ") {
            let item = item.trim().trim_start_matches("- ");
            if item.is_empty() || item.starts_with('#') {
                continue;
            }
            out.push(item.to_owned());
        }
    }
    out
}

#[test]
fn the_county_plan_is_the_source_document_word_for_word() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let seeds = root.join("../shared/seeds");
    let Some(seed) = std::fs::read_dir(&seeds)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("001_")))
    else {
        eprintln!("skipped: the source documents are not beside the repository ({})", seeds.display());
        return;
    };
    let source = squash(&std::fs::read_to_string(seed).expect("seed text"));

    let config = Config::default();
    let options = CheckOptions {
        today: chrono::NaiveDate::from_ymd_opt(2025, 12, 31).expect("date"),
        lang: Lang::En,
        levels: Default::default(),
        county: Default::default(),
        status_words: Default::default(),
    };
    let checked = check(root, &config, &options).expect("plans/ loads");
    let lan = checked.plan.action_plans.iter().find(|p| p.id.value.as_str() == "lan").expect("the county plan `lan`");

    let mut texts: Vec<(String, String)> = Vec::new();
    let mut add = |what: String, text: &str| texts.push((what, text.to_owned()));
    add("mål".into(), &lan.goal.as_ref().expect("mål").value);
    for p in paragraphs(&lan.description.as_ref().expect("beskrivning").value) {
        add("beskrivning".into(), &p);
    }
    let mut directions = 0;
    for area in &lan.goal_areas {
        let id = area.id.value.as_str();
        add(format!("{id} namn"), &area.name.as_ref().expect("namn").value);
        add(format!("{id} kännetecken"), &area.hallmark.as_ref().expect("kännetecken").value);
        for p in paragraphs(&area.description.as_ref().expect("beskrivning").value) {
            add(format!("{id} beskrivning"), &p);
        }
        for d in &area.directions {
            directions += 1;
            add(d.id.value.to_string(), &d.text.as_ref().expect("text").value);
        }
    }
    assert_eq!(lan.goal_areas.len(), 5, "five målområden");
    assert_eq!(directions, 18, "18 strategiska inriktningar");
    let missing: Vec<String> =
        texts.iter().filter(|(_, t)| !source.contains(&squash(t))).map(|(w, t)| format!("{w}: {t}")).collect();
    assert!(missing.is_empty(), "not found word for word in the source:\n{}", missing.join("\n"));
}

#[test]
fn organisations_include_all_26_municipalities_with_their_codes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let options = CheckOptions {
        today: chrono::NaiveDate::from_ymd_opt(2025, 12, 31).expect("date"),
        lang: Lang::En,
        levels: Default::default(),
        county: Default::default(),
        status_words: Default::default(),
    };
    let checked = check(root, &Config::default(), &options).expect("plans/ loads");
    let municipalities: Vec<(&str, &str)> = checked
        .plan
        .organisations
        .iter()
        .filter(|o| o.category.is_some_and(|c| c.value == plan::model::OrgCategory::Municipality))
        .map(|o| {
            (
                o.name.as_ref().map_or("", |n| n.value.as_str()),
                o.municipality_code.as_ref().map_or("", |c| c.value.as_str()),
            )
        })
        .collect();
    assert_eq!(municipalities.len(), 26);
    assert!(municipalities.contains(&("Stockholms stad", "0180")));
    assert!(municipalities.contains(&("Södertälje kommun", "0181")));
    assert!(municipalities.contains(&("Norrtälje kommun", "0188")));
    let mut codes: Vec<&str> = municipalities.iter().map(|(_, c)| *c).collect();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), 26, "every kommunkod is different");
}

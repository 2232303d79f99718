//! The JSON Schema for editors: the committed `schema/plan.schema.json` is what `plan schema`
//! prints, every plan file in `plans/`, `examples/` and the `plan init` templates is valid against it, and it rejects
//! what `plan check` rejects as schema errors.

mod common;

use common::{plan, repo};
use plan::lang::Lang;
use plan::source::FileId;
use serde_json::Value;

fn validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&plan::model::schema::json_text()).expect("JSON");
    jsonschema::validator_for(&schema).expect("the schema compiles")
}

fn yaml_to_json(text: &str) -> Value {
    let parsed = plan::yaml::parse(text, FileId(0), Lang::En);
    assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
    parsed.root.expect("a document").to_json()
}

fn yaml_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read_dir").flatten() {
        let p = entry.path();
        if p.is_dir() {
            out.extend(yaml_files(&p));
        } else if p.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            out.push(p);
        }
    }
    out
}

#[test]
fn the_committed_schema_is_current() {
    let committed = std::fs::read_to_string(repo("schema/plan.schema.json")).expect("schema/plan.schema.json");
    let out = plan().arg("schema").output().expect("runs");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        committed,
        String::from_utf8(out.stdout).expect("UTF-8"),
        "schema/plan.schema.json is stale: run `cargo run -- schema > schema/plan.schema.json`"
    );
}

#[test]
fn every_bundled_plan_file_is_valid_against_the_schema() {
    let validator = validator();
    let mut files = yaml_files(&repo("plans"));
    files
        .extend(yaml_files(&repo("examples")).into_iter().filter(|p| p.components().any(|c| c.as_os_str() == "plans")));
    // What `plan init` writes.
    files.extend(yaml_files(&repo("src/init/templates")));
    assert!(files.len() >= 10, "found {} files", files.len());
    for file in files {
        let value = yaml_to_json(&std::fs::read_to_string(&file).expect("read"));
        let errors: Vec<String> =
            validator.iter_errors(&value).map(|e| format!("{e} at {}", e.instance_path())).collect();
        assert!(errors.is_empty(), "{}: {}", file.display(), errors.join("; "));
    }
}

#[test]
fn the_schema_rejects_what_the_format_forbids() {
    let validator = validator();
    let activity_plan = |activity: &str| {
        format!(
            "typ: aktivitetsplan\nid: x-2025\nhandlingsplan: x\når: 2025\naktiviteter:\n  - id: A1\n    titel: T\n{activity}"
        )
    };
    let good = activity_plan("    status: pågående\n    ansvarig: kommunen\n");
    assert!(validator.is_valid(&yaml_to_json(&good)));
    for bad in [
        activity_plan("    status: pågåend\n"),
        activity_plan("    status: klar\n    ansvaring: kommunen\n"),
        activity_plan("    status: klar\n    slut: 31/12/2025\n"),
        activity_plan("    status: klar\n    inriktningar: MO1.1\n"),
        activity_plan("    ansvarig: kommunen\n"),
        "typ: organisationer\norganisationer:\n  - { id: x, namn: X, kategori: kommun, kommunkod: 181 }\n".to_owned(),
        "typ: handlingsplanen\nid: x\n".to_owned(),
        "typ: handlingsplan\nid: 1.10\nnamn: X\nperiod: { från: 2024, till: 2030 }\n".to_owned(),
    ] {
        assert!(!validator.is_valid(&yaml_to_json(&bad)), "accepted:\n{bad}");
    }
}

#[test]
fn the_schema_knows_kolada_sources() {
    let validator = validator();
    let plan = |source: &str| {
        format!(
            "typ: handlingsplan\nid: x\nnamn: X\nperiod: {{ från: 2024, till: 2030 }}\nmålområden:\n  - id: MO1\n    namn: M\n    indikatorer:\n      - id: I1\n        namn: I\n        källa: {source}\n"
        )
    };
    for good in ["{ kolada: N00945 }", "{ kolada: N00945, kommunkod: \"0180\", kön: K }", "{ text: SCB }"] {
        assert!(validator.is_valid(&yaml_to_json(&plan(good))), "rejected: {good}");
    }
    for bad in [
        "{ kolada: N00945, kön: X }",
        "{ kolada: N00945, kommunkod: \"180\" }",
        "{ text: SCB, kommunkod: \"0180\" }",
        "{ kolada: N00945, text: SCB }",
        "{}",
    ] {
        assert!(!validator.is_valid(&yaml_to_json(&plan(bad))), "accepted: {bad}");
    }
}

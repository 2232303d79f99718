//! Many organisations, one county: the county plan's copy verified against the decided text
//! (P012) and put back with `plan county update`, through the real binary.

mod common;

use common::{copy_dir, plan, repo};
use std::path::Path;

fn run(cmd: &mut assert_cmd::Command) -> (i32, String, String) {
    let out = cmd.output().expect("runs");
    let text = |b: Vec<u8>| String::from_utf8(b).expect("UTF-8");
    (out.status.code().unwrap_or(-1), text(out.stdout), text(out.stderr))
}

/// A copy of the fixture with three words of the county plan changed.
fn changed_copy() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("kommun");
    copy_dir(&repo("tests/fixtures/lansplan/changed-words-in-a-copy"), &root);
    (dir, root)
}

fn codes(root: &Path) -> (i32, Vec<String>) {
    let (code, out, _) = run(plan().arg("check").arg(root).args(["--format", "json"]));
    let doc: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let codes = doc["diagnostics"].as_array().expect("list").iter().map(|d| d["code"].to_string()).collect();
    (code, codes)
}

#[test]
fn a_changed_word_is_shown_with_the_decided_text_in_both_languages() {
    let (_dir, root) = changed_copy();
    let (code, sv, _) = run(plan().arg("check").arg(&root));
    assert_eq!(code, 1);
    insta::assert_snapshot!("county_plan_changed_sv", sv);
    let (_, en, _) = run(plan().arg("check").arg(&root).args(["--lang", "en"]));
    insta::assert_snapshot!("county_plan_changed_en", en);
}

#[test]
fn county_update_writes_the_decided_text_and_pins_its_version() {
    let (_dir, root) = changed_copy();
    let toml_before = std::fs::read_to_string(root.join("plan.toml")).expect("plan.toml");
    let (code, out, err) = run(plan().args(["county", "update"]).arg(&root));
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("skrev länets handlingsplan (beslutad 2023-12-20) till plans/lan/handlingsplan.yaml; 3 texter skilde sig:\n  målet\n  MO1.1\n  namnet på MO2\n"),
        "{out}"
    );
    assert!(out.contains("plan.toml: [county] digest låser nu versionen beslutad 2023-12-20"), "{out}");
    let copy = std::fs::read(root.join("plans/lan/handlingsplan.yaml")).expect("copy");
    assert!(copy == std::fs::read(repo("plans/lan/handlingsplan.yaml")).expect("bundled"), "the decided file");
    let toml = std::fs::read_to_string(root.join("plan.toml")).expect("plan.toml");
    assert!(toml.starts_with("[county]\ndigest = \"sha256:"), "{toml}");
    assert!(toml.ends_with("\n[rules]\nP010 = \"off\"\n"), "the rest of plan.toml stays: {toml}");
    assert_ne!(toml, toml_before);
    assert_eq!(codes(&root), (0, vec![]));
    // Again: nothing to do, nothing written.
    let modified = |p: &str| std::fs::metadata(root.join(p)).and_then(|m| m.modified()).expect("mtime");
    let before = (modified("plan.toml"), modified("plans/lan/handlingsplan.yaml"));
    let (code, out, _) = run(plan().args(["county", "update"]).arg(&root).args(["--lang", "en"]));
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "plans/lan/handlingsplan.yaml already has the county's text (decided 2023-12-20); nothing was changed\n"
    );
    assert_eq!((modified("plan.toml"), modified("plans/lan/handlingsplan.yaml")), before);
}

#[test]
fn a_pinned_digest_of_a_version_the_tool_does_not_carry() {
    let (_dir, root) = changed_copy();
    let unknown = format!("sha256:{}", "0".repeat(64));
    std::fs::write(root.join("plan.toml"), format!("[county]\ndigest = \"{unknown}\"\n[rules]\nP010 = \"off\"\n"))
        .expect("write");
    let (code, out, _) = run(plan().arg("check").arg(&root).args(["--format", "json", "--lang", "en"]));
    assert_eq!(code, 1);
    let doc: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let found = &doc["diagnostics"].as_array().expect("list")[..];
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0]["code"].as_str(), found[0]["line"].as_u64()), (Some("P012"), Some(8)));
    assert!(found[0]["message"].as_str().unwrap_or("").contains("does not match `digest` in plan.toml"));
    // A malformed digest is a plan.toml error with its line.
    std::fs::write(root.join("plan.toml"), "[county]\ndigest = \"abc\"\n").expect("write");
    let (code, _, err) = run(plan().arg("check").arg(&root));
    assert_eq!(code, 2);
    assert!(err.contains("`[county]` `digest`: `abc` ska vara `sha256:`"), "{err}");
}

#[test]
fn county_update_without_a_copy_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(&repo("tests/data/site"), dir.path());
    std::fs::remove_file(dir.path().join("plans/lan/handlingsplan.yaml")).expect("rm");
    let (code, _, err) = run(plan().args(["county", "update"]).arg(dir.path()));
    assert_eq!(code, 2);
    assert!(err.contains("det finns ingen kopia av länets handlingsplan"), "{err}");
}

/// `plan init DIR --kommun …` with the check date pinned, so the aktivitetsplan's year is known.
fn init_kommun(dir: &Path, kommun: &str) -> (i32, String, String) {
    run(plan().arg("init").arg(dir).args(["--kommun", kommun]).env("PLAN_TODAY", "2026-03-01"))
}

#[test]
fn init_for_a_municipality_makes_its_own_repository_that_checks_clean() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("nacka");
    let (code, out, err) = init_kommun(&dir, "Nacka");
    assert_eq!(code, 0, "{err}");
    for file in [
        "plan.toml",
        "plans/organisationer.yaml",
        "plans/lan/handlingsplan.yaml",
        "plans/nacka/handlingsplan.yaml",
        "plans/nacka/aktivitetsplan-2026.yaml",
    ] {
        assert!(out.contains(&format!("  {file}\n")), "{file} in {out}");
        assert!(dir.join(file).is_file(), "{file}");
    }
    let toml = std::fs::read_to_string(dir.join("plan.toml")).expect("plan.toml");
    assert!(
        toml.contains(
            "[site]\ntitle = \"Handlingsplan för god och nära vård och omsorg i Nacka\"\npublisher = \"Nacka kommun\"\n"
        ),
        "{toml}"
    );
    assert!(toml.contains("[county]\ndigest = \"sha256:"), "{toml}");
    let local = std::fs::read_to_string(dir.join("plans/nacka/handlingsplan.yaml")).expect("local");
    assert!(
        local.contains("\nid: nacka-plan\n") && local.contains("\nföljer: lan\n") && local.contains("\nägare: nacka\n")
    );
    assert!(local.contains(
        "  - id: NACKA-U1\n    namn: Sömlös vård och omsorg\n    inriktningar: [MO1.1, MO1.2, MO1.3, MO1.4]\n"
    ));
    // Only the honest warnings: no activity traces to an inriktning yet.
    let (code, out, _) = run(plan().arg("check").arg(&dir).args(["--format", "json"]));
    assert_eq!(code, 0, "{out}");
    let doc: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let all = doc["diagnostics"].as_array().expect("list");
    assert_eq!(all.len(), 18);
    assert!(all.iter().all(|d| d["code"] == "P010"));
    // The first activity is one command away, and the plan still checks.
    let args = ["new", "activity", "--plan", "nacka-2026", "--title", "Ny", "--owner", "nacka", "--direction", "MO1.1"];
    let (code, out, err) = run(plan().args(args).arg(&dir));
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "NACKA-2026-01 plans/nacka/aktivitetsplan-2026.yaml:9\n");
    let (code, _, _) = run(plan().arg("check").arg(&dir));
    assert_eq!(code, 0);
    // The site is Nacka's.
    let site = tmp.path().join("site");
    let (code, _, err) = run(plan().arg("render").arg(&dir).arg("--out").arg(&site));
    assert_eq!(code, 0, "{err}");
    let index = std::fs::read_to_string(site.join("index.html")).expect("index.html");
    assert!(index.contains("Handlingsplan för god och nära vård och omsorg i Nacka"), "the title");
    assert!(index.contains("Nacka kommun"), "the publisher");
    // Its start page is about its own plan: the utvecklingsområden with the county's
    // inriktningar they serve and this year's activities, the county plan as the context.
    assert!(index.contains("<p class=\"meta\"><a href=\"planer/nacka-plan.html\">Handlingsplan</a> · Ägare: <a href=\"organisationer/nacka.html\">Nacka kommun</a></p>\n  <h2 id=\"own-1\">Utvecklingsområden</h2>"), "{index}");
    assert!(
        index.contains("<span class=\"id\">NACKA-U1</span>")
            && index.contains("<a href=\"inriktningar/MO1.1.html\">MO1.1</a>")
    );
    assert!(index.contains("<a href=\"aktiviteter/NACKA-2026-01.html\">Ny</a>"), "the year's activity");
    assert!(index.contains("<h2 id=\"county-heading\">Länets handlingsplan: "), "the county plan as context");
    // A changed word of the county plan's copy is a finding there.
    let copy = dir.join("plans/lan/handlingsplan.yaml");
    let text = std::fs::read_to_string(&copy).expect("copy");
    std::fs::write(
        &copy,
        text.replacen("den lokala samverkan mellan kommunerna", "den goda samverkan mellan kommunerna", 1),
    )
    .expect("write");
    let (code, out, _) = run(plan().arg("check").arg(&dir));
    assert_eq!(code, 1);
    assert!(out.contains("P012 länsplan") && out.contains("`goda` i stället för"), "{out}");
}

#[test]
fn a_municipality_is_found_by_name_code_or_id_and_a_typo_gets_a_suggestion() {
    let tmp = tempfile::tempdir().expect("tempdir");
    for (given, id, name) in [
        ("0186", "lidingo", "Lidingö stad"),
        ("taby", "taby", "Täby kommun"),
        ("Upplands Väsby", "upplands-vasby", "Upplands Väsby kommun"),
        ("SÖDERTÄLJE KOMMUN", "sodertalje", "Södertälje kommun"),
    ] {
        let dir = tmp.path().join(id);
        let (code, _, err) = init_kommun(&dir, given);
        assert_eq!(code, 0, "{given}: {err}");
        let toml = std::fs::read_to_string(dir.join("plan.toml")).expect("plan.toml");
        assert!(toml.contains(&format!("publisher = \"{name}\"")), "{given}: {toml}");
        assert!(dir.join(format!("plans/{id}/aktivitetsplan-2026.yaml")).is_file(), "{given}");
    }
    let dir = tmp.path().join("fel");
    let (code, out, err) = init_kommun(&dir, "Nackka");
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(err.contains("`Nackka` är ingen av länets kommuner; menade du Nacka?"), "{err}");
    assert!(!dir.exists(), "nothing is written");
}

#[test]
fn init_on_a_terminal_asks_whose_repository_it_is() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let bin = assert_cmd::cargo::cargo_bin("plan");
    let dir = tmp.path().join("solna");
    // `script` gives the program a terminal; the answer arrives on it.
    let command = format!("{} init {}", bin.display(), dir.display());
    let mut child = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .env("PLAN_TODAY", "2026-03-01")
        .env_remove("PLAN_LANG")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("script runs");
    use std::io::Write;
    child.stdin.take().expect("stdin").write_all(b"Solna\n").expect("answer");
    let out = child.wait_with_output().expect("ends");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Vilken kommuns repositorium är det?"), "{text}");
    assert!(dir.join("plans/solna/handlingsplan.yaml").is_file(), "{text}");
}

#[test]
fn a_local_plan_and_its_utvecklingsomraden_follow_their_own_kolada_indicators() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("nacka");
    assert_eq!(init_kommun(&dir, "Nacka").0, 0);
    // The municipality's own indicators: one for the plan, one for an utvecklingsområde.
    let local = dir.join("plans/nacka/handlingsplan.yaml");
    let text = std::fs::read_to_string(&local).expect("local plan");
    let text = text.replacen(
        "    ansvarig: nacka\n  - id: NACKA-U2\n",
        "    ansvarig: nacka\n    indikatorer:\n      - id: NACKA-IND-SIP\n        namn: Andel med SIP\n        enhet: procent\n        riktning: öka\n        källa: { kolada: N00945 }\n        målvärde: 60\n  - id: NACKA-U2\n",
        1,
    );
    let text = format!(
        "{text}indikatorer:\n  - id: NACKA-IND-NOJD\n    namn: Nöjdhet med hemtjänsten\n    riktning: öka\n    källa: {{ kolada: U21468 }}\n    värden: {{ 2024: 88 }}\n"
    );
    std::fs::write(&local, text).expect("write");
    assert_eq!(codes(&dir).0, 0, "indicators are part of the format for a local plan");
    // A Kolada download fills both, for Nacka's code (0182, from the plan's owner).
    let response = tmp.path().join("kolada.json");
    std::fs::write(
        &response,
        r#"{"count": 3, "values": [
            {"kpi": "N00945", "municipality": "0182", "period": 2024, "values": [{"gender": "T", "value": 52.5, "status": ""}]},
            {"kpi": "N00945", "municipality": "0182", "period": 2025, "values": [{"gender": "T", "value": 55.0, "status": ""}]},
            {"kpi": "U21468", "municipality": "0182", "period": 2025, "values": [{"gender": "T", "value": 90, "status": ""}]},
            {"kpi": "N00945", "municipality": "0180", "period": 2025, "values": [{"gender": "T", "value": 40.0, "status": ""}]}
        ]}"#,
    )
    .expect("write");
    let (code, out, err) = run(plan().args(["import", "--kolada"]).arg(&response).arg(&dir));
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("NACKA-IND-SIP 2025: 55 (nytt)") && out.contains("NACKA-IND-NOJD 2025: 90 (nytt)"), "{out}");
    let text = std::fs::read_to_string(&local).expect("local plan");
    assert!(text.contains("        värden: { 2024: 52.5, 2025: 55 }\n"), "{text}");
    assert!(text.contains("    värden: { 2024: 88, 2025: 90 }\n"), "{text}");
    // The site shows them on the plan's page, charted, with Kolada's credit.
    let site = tmp.path().join("site");
    assert_eq!(run(plan().arg("render").arg(&dir).arg("--out").arg(&site).env("PLAN_TODAY", "2026-03-01")).0, 0);
    let page = std::fs::read_to_string(site.join("planer/nacka-plan.html")).expect("plan page");
    for expected in ["id=\"NACKA-IND-NOJD\"", "id=\"NACKA-IND-SIP\"", "Kolada N00945 (0182)", "<svg", "Källa: Kolada"]
    {
        assert!(page.contains(expected), "{expected} on the plan page");
    }
    // The report has them under the plan, with the utvecklingsområde named.
    let (code, report, err) = run(plan().arg("report").arg(&dir).args(["--year", "2025", "--today", "2026-03-01"]));
    assert_eq!(code, 0, "{err}");
    assert!(report.contains("-- Planens egna indikatorer --"), "{report}");
    assert!(
        report.contains("  Andel med SIP (procent, ska öka) – Sömlös vård och omsorg\n    2024: 52,5  2025: 55"),
        "{report}"
    );
    // And the export lists them by plan and utvecklingsområde.
    let (code, csv, _) = run(plan().arg("export").arg(&dir).args(["--format", "csv", "--table", "indikatorer"]));
    assert_eq!(code, 0);
    assert!(
        csv.contains("NACKA-IND-SIP;Andel med SIP;nacka-plan;;NACKA-U1;procent;öka;Kolada;N00945;2025;55;60"),
        "{csv}"
    );
}

#[test]
fn a_county_checks_its_municipalities_and_reports_their_findings_under_their_paths() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let county = common::county_with_sources(tmp.path());
    let (code, out, err) = run(plan().arg("check").arg(&county).args(["--format", "json"]));
    assert_eq!(code, 0, "{err}");
    let doc: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    // 2 files of the county's own + 4 per municipality; 1 + 3 × 3 plans; 3 activities.
    assert_eq!(doc["summary"]["files"], 14);
    assert_eq!(doc["summary"]["plans"], 10);
    assert_eq!(doc["summary"]["activities"], 3);
    assert_eq!(doc["summary"]["errors"], 0);
    let files: std::collections::BTreeSet<&str> =
        doc["diagnostics"].as_array().expect("list").iter().filter_map(|d| d["file"].as_str()).collect();
    assert!(files.contains("kommuner/solna/plans/lan/handlingsplan.yaml"), "{files:?}");
    // An error in one municipality: reported under its path, and the check fails.
    let nacka = county.join("kommuner/nacka/plans/nacka/aktivitetsplan-2026.yaml");
    let text = std::fs::read_to_string(&nacka).expect("read");
    std::fs::write(&nacka, text.replacen("ansvarig: nacka", "ansvarig: nackaa", 1)).expect("write");
    let (code, out, _) = run(plan().arg("check").arg(&county));
    assert_eq!(code, 1);
    assert!(out.contains("╭─[kommuner/nacka/plans/nacka/aktivitetsplan-2026.yaml:"), "{out}");
    assert!(out.contains("menade du `nacka`?"), "{out}");
    // A municipality whose plan.toml is broken is skipped and reported at the county's line.
    std::fs::write(county.join("kommuner/vaxholm/plan.toml"), "[rules]\nP999 = \"off\"\n").expect("write");
    let (code, out, _) = run(plan().arg("check").arg(&county).args(["--format", "json", "--lang", "en"]));
    assert_eq!(code, 1);
    let doc: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let p013: Vec<&serde_json::Value> =
        doc["diagnostics"].as_array().expect("list").iter().filter(|d| d["code"] == "P013").collect();
    assert_eq!(p013.len(), 1, "{p013:?}");
    assert_eq!(
        (p013[0]["file"].as_str(), p013[0]["line"].as_u64()),
        (Some("plan.toml"), Some(15)),
        "the line of its path"
    );
    assert!(p013[0]["message"].as_str().unwrap_or("").contains("`kommuner/vaxholm` could not be read and was skipped"));
    assert_eq!(doc["summary"]["files"], 10, "Vaxholm's files are not counted");
}

#[test]
fn a_source_that_is_missing_outside_a_link_or_empty_is_an_error_naming_its_line() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let county = common::county_with_sources(tmp.path());
    let settings = std::fs::read_to_string(county.join("plan.toml")).expect("plan.toml");
    let attempt = |settings: &str| {
        std::fs::write(county.join("plan.toml"), settings).expect("write");
        run(plan().arg("check").arg(&county))
    };
    let (code, _, err) = attempt(&settings.replace("kommuner/solna", "kommuner/solnaa"));
    assert_eq!(code, 2);
    assert!(err.contains("plan.toml: rad 12: `[[sources]]` `kommuner/solnaa` finns inte"), "{err}");
    let (code, _, err) = attempt(&settings.replace("kommuner/solna", "../elsewhere"));
    assert_eq!(code, 2);
    assert!(
        err.contains("rad 12: `[[sources]]` `path = \"../elsewhere\"` ska vara en mapp inuti repositoriet"),
        "{err}"
    );
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(county.join("kommuner/solna"), county.join("kommuner/lank")).expect("symlink");
        let (code, _, err) = attempt(&settings.replace("kommuner/solna", "kommuner/lank"));
        assert_eq!(code, 2);
        assert!(err.contains("rad 12: `[[sources]]` `kommuner/lank` går genom en symbolisk länk"), "{err}");
    }
    #[cfg(unix)]
    {
        // A source whose plan folder is a link out of the repository is not read either.
        let outside = tmp.path().join("outside");
        copy_dir(&county.join("kommuner/solna/plans"), &outside);
        std::fs::create_dir_all(county.join("kommuner/ute")).expect("mkdir");
        std::os::unix::fs::symlink(&outside, county.join("kommuner/ute/plans")).expect("symlink");
        let (code, _, err) = attempt(&settings.replace("kommuner/solna", "kommuner/ute"));
        assert_eq!(code, 2);
        assert!(err.contains("rad 12: `[[sources]]` `kommuner/ute`: planmappen `plans`"), "{err}");
        assert!(err.contains("är en symbolisk länk"), "{err}");
    }
    std::fs::create_dir_all(county.join("kommuner/tom/plans")).expect("mkdir");
    let (code, _, err) = attempt(&settings.replace("kommuner/solna", "kommuner/tom"));
    assert_eq!(code, 2);
    assert!(err.contains("rad 12: `[[sources]]` `kommuner/tom` har inga planfiler"), "{err}");
    // Nothing was written or deleted along the way.
    assert!(county.join("kommuner/solna/plans/solna/handlingsplan.yaml").is_file());
}

#[test]
fn the_county_site_shows_every_municipality_and_the_county_wide_coverage() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let county = common::county_with_sources(tmp.path());
    // Solna has an error: the county still publishes, and marks Solna as failing.
    let solna = county.join("kommuner/solna/plans/solna/aktivitetsplan-2026.yaml");
    let text = std::fs::read_to_string(&solna).expect("read");
    std::fs::write(&solna, text.replacen("ansvarig: solna", "ansvarig: solnaa", 1)).expect("write");
    let site = tmp.path().join("site");
    let (code, _, err) = run(plan().arg("render").arg(&county).arg("--out").arg(&site));
    assert_eq!(code, 0, "{err}");
    let page = |p: &str| std::fs::read_to_string(site.join(p)).unwrap_or_else(|_| panic!("{p}"));
    let list = page("kommuner.html");
    assert!(list.contains("<a href=\"kommuner/nacka.html\">Nacka kommun</a>"));
    assert!(list.contains("<td class=\"date\">2026-04-30</td>"), "Nacka's latest follow-up");
    assert!(list.contains("<span class=\"standing standing-errors\">Har fel (1 fel)</span>"), "Solna fails");
    assert!(list.contains("<td class=\"count\">2 / 18</td>"), "Nacka covers two inriktningar");
    let nacka = page("kommuner/nacka.html");
    assert!(nacka.contains("<h1>Nacka kommun</h1>"));
    assert!(
        nacka
            .contains("<a href=\"https://www.example.se/nacka/plan/aktiviteter/NACKA-2026-01.html\">Utbilda i SIP</a>")
    );
    assert!(nacka.contains("<section id=\"MO2.3\""), "an anchor per inriktning");
    let solna = page("kommuner/solna.html");
    assert!(solna.contains("Kontrollen av kommunens repositorium hittade fel"), "{solna}");
    let matrix = page("tackning-kommuner.html");
    assert!(matrix.contains("<td class=\"count\"><a href=\"kommuner/nacka.html#MO2.3\">1</a></td>"), "{matrix}");
    assert!(matrix.contains("<td class=\"count total\">0 / 18</td>"), "Vaxholm covers none");
    let direction = page("inriktningar/MO1.2.html");
    assert!(direction.contains("<h2>I kommunerna</h2>"));
    assert!(direction.contains("Gemensam hemgångsrutin"));
    assert!(page("index.html").contains("href=\"kommuner.html\""), "in the site's navigation");
    // The Markdown site has the same pages.
    let md = tmp.path().join("md");
    assert_eq!(run(plan().arg("render").arg(&county).arg("--out").arg(&md).args(["--format", "markdown"])).0, 0);
    for p in ["kommuner.md", "kommuner/nacka.md", "tackning-kommuner.md"] {
        assert!(md.join(p).is_file(), "{p}");
    }
}

#[test]
fn report_and_export_include_the_municipalities() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let county = common::county_with_sources(tmp.path());
    let (code, report, err) = run(plan().arg("report").arg(&county).args(["--year", "2026"]));
    assert_eq!(code, 0, "{err}");
    assert!(
        report.contains(
            "== Nacka kommun – Handlingsplan för god och nära vård och omsorg i Nacka (kommuner/nacka/nacka-plan) =="
        ),
        "{report}"
    );
    assert!(report.contains("== Solna stad – "), "{report}");
    let (code, csv, err) = run(plan().arg("export").arg(&county).args(["--format", "csv"]));
    assert_eq!(code, 0, "{err}");
    let header = csv.lines().next().expect("header").trim_start_matches('\u{feff}');
    assert!(header.starts_with("repositorium;id;"), "{header}");
    assert!(csv.contains("\r\nNacka kommun;NACKA-2026-01;"), "{csv}");
    assert!(csv.contains("\r\nSolna stad;SOLNA-2026-01;"), "{csv}");
}

#[test]
fn a_district_follows_the_city_and_the_city_reads_its_districts() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let city = tmp.path().join("stockholm");
    assert_eq!(init_kommun(&city, "Stockholm").0, 0);
    let district = city.join("stadsdelar/skarholmen");
    let args = ["--municipality", "Stockholm", "--district", "Skärholmen", "--follows"];
    let (code, out, err) = run(plan().arg("init").arg(&district).args(args).arg(&city).env("PLAN_TODAY", "2026-03-01"));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("  plans/stockholms-stad/handlingsplan.yaml\n"), "the city's plan is copied in: {out}");
    assert!(!out.contains("aktivitetsplan-2026.yaml\n  plans/stockholms-stad"), "{out}");
    let local =
        std::fs::read_to_string(district.join("plans/stockholms-stad-skarholmen/handlingsplan.yaml")).expect("plan");
    assert!(
        local.contains("\nföljer: stockholms-stad-plan\n") && local.contains("\nägare: stockholms-stad-skarholmen\n")
    );
    let orgs =
        std::fs::read_to_string(district.join("plans/stockholms-stad-skarholmen/organisationer.yaml")).expect("orgs");
    assert!(orgs.contains(
        "namn: Skärholmens stadsdelsförvaltning\n    kategori: stadsdelsförvaltning\n    del_av: stockholms-stad\n"
    ));
    assert!(!district.join("plans/stockholms-stad/aktivitetsplan-2026.yaml").exists(), "not the city's activities");
    let (code, out, _) = run(plan().arg("check").arg(&district).args(["--format", "json"]));
    assert_eq!(code, 0, "{out}");
    // Without --follows, the district's plan follows the county plan; the genitive follows
    // the name ("Rinkeby-Kista stadsdelsförvaltning").
    let rk = tmp.path().join("rinkeby-kista");
    let (code, _, err) = run(plan()
        .arg("init")
        .arg(&rk)
        .args(["--kommun", "Stockholm", "--stadsdel", "Rinkeby-Kista"])
        .env("PLAN_TODAY", "2026-03-01"));
    assert_eq!(code, 0, "{err}");
    let toml = std::fs::read_to_string(rk.join("plan.toml")).expect("plan.toml");
    assert!(toml.contains("publisher = \"Rinkeby-Kista stadsdelsförvaltning\""), "{toml}");
    assert!(
        std::fs::read_to_string(rk.join("plans/stockholms-stad-rinkeby-kista/handlingsplan.yaml"))
            .expect("plan")
            .contains("\nföljer: lan\n")
    );
    // The city reads its district as a source and publishes its page.
    let settings = std::fs::read_to_string(city.join("plan.toml")).expect("plan.toml");
    std::fs::write(city.join("plan.toml"), format!("{settings}\n[[sources]]\npath = \"stadsdelar/skarholmen\"\n"))
        .expect("write");
    let site = tmp.path().join("site");
    let (code, _, err) = run(plan().arg("render").arg(&city).arg("--out").arg(&site));
    assert_eq!(code, 0, "{err}");
    let page = std::fs::read_to_string(site.join("kommuner/skarholmen.html")).expect("the district's page");
    assert!(page.contains("<h1>Skärholmens stadsdelsförvaltning</h1>"), "{page}");
    // --district needs --municipality; --follows needs --district.
    assert_eq!(run(plan().arg("init").arg(tmp.path().join("x")).args(["--district", "Farsta"])).0, 2);
    assert_eq!(
        run(plan().arg("init").arg(tmp.path().join("y")).args(["--kommun", "Stockholm", "--follows"]).arg(&city)).0,
        2
    );
}

#[test]
fn a_source_keeps_its_own_rule_levels_beside_the_countys_p013() {
    // kommuner/a holds another decided version than the county (a P013 there); its own
    // plan.toml makes P010 a warning while the county turns P010 off. The county's levels
    // apply to P013, never to the source's own findings.
    let tmp = tempfile::tempdir().expect("tempdir");
    let county = tmp.path().join("lan");
    copy_dir(&repo("tests/fixtures/kalla/unreadable-source-and-another-county-plan"), &county);
    std::fs::write(county.join("kommuner/a/plan.toml"), "[rules]\nP010 = \"warning\"\n").expect("write");
    let (_, out, _) = run(plan().arg("check").arg(&county).args(["--format", "json"]));
    let doc: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let all = doc["diagnostics"].as_array().expect("list");
    let p010 = all.iter().filter(|d| d["code"] == "P010" && d["severity"] == "warning").count();
    assert_eq!(p010, 18, "kommuner/a's own P010 warnings");
    assert!(all.iter().any(|d| d["code"] == "P013" && d["file"] == "kommuner/a/plans/lan/handlingsplan.yaml"));
}

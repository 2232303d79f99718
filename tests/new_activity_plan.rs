//! `plan new aktivitetsplan --from ID --year Y`: next year's plan, with every unfinished
//! activity carried over under a new id that says which activity it continues.

mod common;

use common::{copy_dir, outcome, plan, repo};
use std::path::{Path, PathBuf};

fn setup() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("repo");
    copy_dir(&repo("tests/data/next-year"), &root);
    (dir, root)
}

fn new_plan(root: &Path, args: &[&str]) -> (i32, String, String) {
    outcome(plan().current_dir(root).args(["new", "aktivitetsplan"]).args(args))
}

fn read(root: &Path, rel: &str) -> String {
    std::fs::read_to_string(root.join(rel)).expect("read")
}

/// `plan check --format json` of the repository: its exit code and `CODE file:line:column`
/// of every finding.
fn check(root: &Path) -> (i32, Vec<String>) {
    let (code, out, _) = outcome(plan().current_dir(root).args(["check", "--format", "json"]));
    let doc: serde_json::Value = serde_json::from_str(&out).expect("json");
    let found = doc["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            format!(
                "{} {}:{}:{}",
                d["code"].as_str().unwrap_or_default(),
                d["file"].as_str().unwrap_or_default(),
                d["line"],
                d["column"]
            )
        })
        .collect();
    (code, found)
}

const NEXT_YEAR: &str = "\
# Aktivitetsplan för 2025, påbörjad med `plan new aktivitetsplan`: de ofärdiga
# aktiviteterna från 2024 är överförda och säger vilken de fortsätter (`fortsätter`).
typ: aktivitetsplan
id: ap-2025
namn: Aktivitetsplan 2025
handlingsplan: lan
år: 2025
uppdrag:
  - id: AP-2025-U1
    namn: Samordnad individuell plan
    ansvarig: region
aktiviteter:
  - id: AP-2025-01
    titel: Samordnad individuell plan
    fortsätter: AP-2024-01
    uppdrag: AP-2025-U1
    beskrivning: |
      Första raden.

      Andra stycket.
    inriktningar: [MO1.1]
    ansvarig: region
    medverkande: [stockholm, socialforvaltningen]
    sakområden: [barn-unga]
    prioriterad: true
    status: pågående

  - id: AP-2025-03
    titel: Försenad utbildning
    fortsätter: AP-2024-03
    inriktningar: [MO1.2]
    ansvarig: socialforvaltningen
    status: pågående

  - id: AP-2025-04
    titel: Inte påbörjad
    fortsätter: AP-2024-04
    inriktningar: [MO1.1]
    ansvarig: stockholm
    status: planerad

  - id: AP-2025-05
    titel: Vilande samverkan
    fortsätter: AP-2024-05
    inriktningar: [MO1.1]
    ansvarig: region
    status: pausad

  - id: AP-2025-06
    titel: Id utan årtal
    fortsätter: sip-uppfoljning
    inriktningar: [MO1.2]
    ansvarig: region
    status: pågående
";

#[test]
fn carries_every_unfinished_activity_into_the_next_year_and_checks_clean() {
    let (_dir, root) = setup();
    let before = read(&root, "plans/aktivitetsplan-2024.yaml");
    let (code, out, err) = new_plan(&root, &["--från", "ap-2024", "--år", "2025"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(err, "");
    assert_eq!(
        out,
        "plans/aktivitetsplan-2025.yaml: ny aktivitetsplan `ap-2025` för 2025 med 5 aktiviteter från `ap-2024` (skrivet)\n\
         \x20 AP-2025-01 fortsätter AP-2024-01 (pågående)\n\
         \x20 AP-2025-03 fortsätter AP-2024-03 (pågående)\n\
         \x20 AP-2025-04 fortsätter AP-2024-04 (planerad)\n\
         \x20 AP-2025-05 fortsätter AP-2024-05 (pausad)\n\
         \x20 AP-2025-06 fortsätter sip-uppfoljning (pågående)\n\
         klara eller avbrutna, inte överförda: AP-2024-02, AP-2024-06\n"
    );
    assert_eq!(read(&root, "plans/aktivitetsplan-2025.yaml"), NEXT_YEAR);
    assert_eq!(read(&root, "plans/aktivitetsplan-2024.yaml"), before, "the old year is not touched");
    // Before, AP-2024-03 was late (P008); carried over, its work goes on as AP-2025-03 and
    // the old year has nothing left to report.
    assert_eq!(check(&root), (0, vec![]));
}

#[test]
fn the_english_flags_and_an_explicit_id_and_file_write_the_same_plan() {
    let (_dir, root) = setup();
    let args = ["--from", "ap-2024", "--year", "2025", "--id", "ap-2025", "--into", "plans/nasta.yaml"];
    let (code, out, err) = new_plan(&root, &args);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("plans/nasta.yaml: ny aktivitetsplan `ap-2025`"), "{out}");
    assert_eq!(read(&root, "plans/nasta.yaml"), NEXT_YEAR);
    let (_dir, root) = setup();
    let (code, out, _) = outcome(plan().current_dir(&root).args([
        "--lang",
        "en",
        "new",
        "activity-plan",
        "--from",
        "ap-2024",
        "--year",
        "2026",
    ]));
    assert_eq!(code, 0);
    assert!(
        out.starts_with("plans/aktivitetsplan-2026.yaml: new aktivitetsplan `ap-2026` for 2026 with 5 activities"),
        "{out}"
    );
    assert!(out.contains("\n  AP-2026-01 continues AP-2024-01 (pågående)\n"), "{out}");
}

#[test]
fn ids_already_taken_get_the_plans_next_number() {
    let (_dir, root) = setup();
    let taken = "typ: aktivitetsplan\nid: annan\nhandlingsplan: lan\når: 2025\naktiviteter:\n  - id: AP-2025-03\n    titel: Redan här\n    inriktningar: [MO1.1]\n    ansvarig: region\n    status: planerad\n";
    std::fs::write(root.join("plans/annan.yaml"), taken).expect("write");
    let (code, out, err) = new_plan(&root, &["--from", "ap-2024", "--year", "2025"]);
    assert_eq!(code, 0, "{err}");
    // AP-2024-03 would become AP-2025-03, which the other plan has: the plan's next number.
    assert!(out.contains("\n  AP-2025-01 fortsätter AP-2024-01 (pågående)\n  AP-2025-02 fortsätter AP-2024-03 (pågående)\n  AP-2025-04 fortsätter AP-2024-04 (planerad)\n"), "{out}");
    assert!(out.contains("\n  AP-2025-06 fortsätter sip-uppfoljning (pågående)\n"), "{out}");
    assert_eq!(check(&root).0, 0);
}

#[test]
fn refuses_what_would_not_check_clean_and_writes_nothing() {
    let (_dir, root) = setup();
    let cases: &[(&[&str], &str)] = &[
        (
            &["--from", "ap-2023", "--year", "2025"],
            "fel: det finns ingen aktivitetsplan `ap-2023`; menade du `ap-2024`?\n",
        ),
        (
            &["--from", "ap-2024", "--year", "2024"],
            "fel: året 2024 ligger inte efter `ap-2024`:s år 2024; arbetet förs över till ett senare år\n",
        ),
        (
            &["--from", "ap-2024", "--year", "2031"],
            "fel: 2031 ligger utanför handlingsplanen `lan`:s period 2024–2030\n",
        ),
        (
            &["--from", "ap-2024", "--year", "2025", "--id", "ap-2024"],
            "fel: id:t `ap-2024` finns redan i repositoriet; välj ett annat med --id\n",
        ),
        (
            &["--from", "ap-2024", "--year", "2025", "--into", "plans/aktivitetsplan-2024.yaml"],
            "fel: plans/aktivitetsplan-2024.yaml finns redan; `plan new aktivitetsplan` skriver aldrig över en fil (ange en annan med --into)\n",
        ),
        (
            &["--from", "ap-2024", "--year", "2025", "--into", "utanfor.yaml"],
            "fel: utanfor.yaml ligger inte i repositoriets planmapp",
        ),
        (
            &["--from", "ap-2024", "--year", "2025", "--into", "plans/.dold.yaml"],
            "fel: plans/.dold.yaml: `plan check` läser inga filer eller mappar vars namn börjar med en punkt",
        ),
        (
            &["--from", "ap-2024", "--year", "2025", "--id", "ap 2025"],
            "fel: `ap 2025` är inget giltigt id: ett id börjar med en bokstav eller siffra",
        ),
        #[cfg(unix)]
        (
            &["--from", "ap-2024", "--year", "2025", "--into", "plans/link.yaml"],
            "fel: plans/link.yaml är en symbolisk länk eller nås genom en; `plan` skriver inte genom länkar",
        ),
    ];
    let files = || {
        let mut names: Vec<String> = std::fs::read_dir(root.join("plans"))
            .expect("plans")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    // A link in the plan folder to a file outside it, not yet there: a write through it would
    // create a file outside the repository.
    let outside = root.parent().expect("parent").join("outside.yaml");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&outside, root.join("plans/link.yaml")).expect("symlink");
    let (before, old) = (files(), read(&root, "plans/aktivitetsplan-2024.yaml"));
    for (args, expected) in cases {
        let (code, out, err) = new_plan(&root, args);
        assert_eq!((code, out.as_str()), (2, ""), "{args:?}: {err}");
        assert!(err.starts_with(expected), "{args:?}: {err}");
    }
    assert_eq!(files(), before);
    assert!(!root.join("utanfor.yaml").exists());
    assert!(!outside.exists());
    assert_eq!(read(&root, "plans/aktivitetsplan-2024.yaml"), old);
}

#[test]
fn a_continued_activity_that_does_not_exist_is_a_p004_at_its_value() {
    let (_dir, root) = setup();
    assert_eq!(new_plan(&root, &["--from", "ap-2024", "--year", "2025"]).0, 0);
    let path = root.join("plans/aktivitetsplan-2025.yaml");
    let text =
        read(&root, "plans/aktivitetsplan-2025.yaml").replace("fortsätter: AP-2024-04", "fortsätter: AP-2024-40");
    std::fs::write(&path, text).expect("write");
    assert_eq!(check(&root), (1, vec!["P004 plans/aktivitetsplan-2025.yaml:37:17".to_owned()]));
}

#[test]
fn both_years_pages_link_the_continued_work() {
    let (dir, root) = setup();
    assert_eq!(new_plan(&root, &["--from", "ap-2024", "--year", "2025"]).0, 0);
    let site = dir.path().join("site");
    let (code, _, err) = outcome(plan().current_dir(&root).args(["render", "--out"]).arg(&site));
    assert_eq!(code, 0, "{err}");
    let page = |id: &str| std::fs::read_to_string(site.join(format!("aktiviteter/{id}.html"))).expect("page");
    assert!(
        page("AP-2025-03").contains(
            "<div><dt>Fortsätter</dt><dd><a href=\"../aktiviteter/AP-2024-03.html\">AP-2024-03 (2024)</a></dd></div>"
        ),
        "{}",
        page("AP-2025-03")
    );
    assert!(page("AP-2024-03").contains(
        "<div><dt>Fortsätter i</dt><dd><ul class=\"inline-list\"><li><a href=\"../aktiviteter/AP-2025-03.html\">AP-2025-03 (2025)</a></li></ul></dd></div>"
    ));
    assert!(!page("AP-2024-02").contains("Fortsätter"), "finished work is not continued");
    let md = dir.path().join("md");
    let (code, _, err) = outcome(plan().current_dir(&root).args(["render", "--format", "markdown", "--out"]).arg(&md));
    assert_eq!(code, 0, "{err}");
    let page = |id: &str| std::fs::read_to_string(md.join(format!("aktiviteter/{id}.md"))).expect("page");
    assert!(page("AP-2025-03").contains("\n- Fortsätter: [AP-2024-03 (2024)](../aktiviteter/AP-2024-03.md)\n"));
    assert!(page("AP-2024-03").contains("\n- Fortsätter i: [AP-2025-03 (2025)](../aktiviteter/AP-2025-03.md)\n"));
}

#[test]
fn four_at_the_same_moment_write_one_plan_and_the_others_are_refused() {
    let (_dir, root) = setup();
    let children: Vec<_> = (0..4)
        .map(|_| {
            std::process::Command::new(env!("CARGO_BIN_EXE_plan"))
                .current_dir(&root)
                .args(["new", "aktivitetsplan", "--from", "ap-2024", "--year", "2025"])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    let mut codes: Vec<i32> =
        children.into_iter().map(|c| c.wait_with_output().expect("wait").status.code().unwrap_or(-1)).collect();
    codes.sort();
    // They take turns on the repository's lock: the first writes, the others find its plan.
    assert_eq!(codes, [0, 2, 2, 2]);
    assert_eq!(read(&root, "plans/aktivitetsplan-2025.yaml"), NEXT_YEAR);
}

#[test]
fn a_year_is_carried_over_once_and_its_late_work_is_not_reported_twice() {
    let (_dir, root) = setup();
    let late = |root: &Path| {
        let (_, found) = check(root);
        found.into_iter().filter(|f| f.starts_with("P008")).collect::<Vec<_>>()
    };
    assert_eq!(late(&root), ["P008 plans/aktivitetsplan-2024.yaml:49:13"]);
    assert_eq!(new_plan(&root, &["--from", "ap-2024", "--year", "2025"]).0, 0);
    assert_eq!(late(&root), Vec::<String>::new());
    // Again, for the same year under another id, or for a later year: refused, naming where
    // the work went, and nothing is written.
    for args in [
        &["--from", "ap-2024", "--year", "2025", "--id", "ap-2025b", "--into", "plans/b.yaml"][..],
        &["--from", "ap-2024", "--year", "2026"],
    ] {
        let (code, out, err) = new_plan(&root, args);
        assert_eq!((code, out.as_str()), (2, ""), "{args:?}");
        assert_eq!(
            err,
            "fel: `ap-2024` är redan överförd: `AP-2024-01` fortsätter i `AP-2025-01` i aktivitetsplanen `ap-2025` \
             (plans/aktivitetsplan-2025.yaml); en aktivitet förs över en gång, så lägg till i den planen med \
             `plan new activity --plan ap-2025`\n"
        );
    }
    assert!(!root.join("plans/b.yaml").exists() && !root.join("plans/aktivitetsplan-2026.yaml").exists());
    // The new year itself is carried on the year after.
    let (code, out, err) = new_plan(&root, &["--from", "ap-2025", "--year", "2026"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("\n  AP-2026-01 fortsätter AP-2025-01 (pågående)\n"), "{out}");
}

#[test]
fn an_old_plan_with_errors_is_mended_before_it_is_carried_over() {
    let (_dir, root) = setup();
    let file = root.join("plans/aktivitetsplan-2024.yaml");
    let text = std::fs::read_to_string(&file).expect("read").replace("id: AP-2024-04", "id: AP-2024-03");
    std::fs::write(&file, text).expect("write");
    let (code, out, err) = new_plan(&root, &["--from", "ap-2024", "--year", "2025"]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert_eq!(
        err,
        "fel: plans/aktivitetsplan-2024.yaml har 1 fel; rätta dem först (`plan check` visar var), så att det som förs över är det planen säger\n"
    );
    assert!(!root.join("plans/aktivitetsplan-2025.yaml").exists());
}

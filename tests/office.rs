//! The Excel round trip with a real spreadsheet program: `plan export --format xlsx`, two
//! cells edited and saved in LibreOffice Calc (headless, driven over UNO by
//! tests/office/edit.py), `plan import` of the saved workbook. The import must change
//! exactly what was edited and nothing else, although LibreOffice rewrites the whole file
//! (its own styles, shared strings, the drop-down lists and the hidden sheet).
//!
//! Runs when `PLAN_OFFICE_TESTS=1` (tests/run sets it, after installing Debian's
//! libreoffice-calc-nogui and python3-uno); otherwise it says so and passes.

mod common;

use common::{copy_dir, outcome, plan, repo};

fn enabled() -> bool {
    if std::env::var_os("PLAN_OFFICE_TESTS").is_some() {
        return true;
    }
    eprintln!("skipped: set PLAN_OFFICE_TESTS=1 (needs soffice and python3-uno) to run the LibreOffice round trip");
    false
}

#[test]
fn an_export_edited_in_libreoffice_imports_exactly_the_edits() {
    if !enabled() {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("repo");
    copy_dir(&repo("tests/data/tables"), &root);
    let exported = dir.path().join("plan.xlsx");
    let (code, _, err) = outcome(plan().arg("export").arg(&root).args(["--format", "xlsx", "--out"]).arg(&exported));
    assert_eq!(code, 0, "{err}");
    // Row 3 is K-2025-01, row 4 K-2025-02: a new title for one, a new status for the other.
    let edited = dir.path().join("redigerad.xlsx");
    let script = repo("tests/office/edit.py");
    // Debian's own Python, which python3-uno extends (a pyenv or venv python3 first on the
    // PATH would not have it).
    let python = std::env::var("PLAN_OFFICE_PYTHON").unwrap_or_else(|_| "/usr/bin/python3".into());
    let status = std::process::Command::new(python)
        .arg(&script)
        .arg(&exported)
        .arg(&edited)
        .arg("aktiviteter!B3=Gemensam rutin för utskrivning och hemgång")
        .arg("aktiviteter!R4=pågående")
        .status()
        .expect("Debian's python3 runs");
    assert!(status.success(), "LibreOffice did not save the workbook");
    let into = "plans/kommun/aktivitetsplan-2025.yaml";
    let before = std::fs::read_to_string(root.join(into)).expect("read");
    let (code, out, err) =
        outcome(plan().current_dir(&root).arg("import").arg(&edited).args(["--into", into, "--force"]));
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(
        out,
        format!("{into}: 0 nya aktiviteter, 2 ändrade (skrivet)\n  K-2025-01: titel\n  K-2025-02: status\n"),
        "{err}"
    );
    let after = std::fs::read_to_string(root.join(into)).expect("read");
    let changed: Vec<(&str, &str)> = before.lines().zip(after.lines()).filter(|(b, a)| b != a).collect();
    assert_eq!(
        changed,
        [
            (
                "    titel: Gemensam rutin för utskrivning, med \"citat\"; och semikolon",
                "    titel: Gemensam rutin för utskrivning och hemgång"
            ),
            ("    status: planerad", "    status: pågående"),
        ]
    );
    assert_eq!(before.lines().count(), after.lines().count());
    // And the 2024 plan, not edited, imports from the same workbook with no change at all.
    let other = "plans/kommun/aktivitetsplan-2024.yaml";
    let (code, out, err) = outcome(plan().current_dir(&root).arg("import").arg(&edited).args(["--into", other]));
    assert_eq!((code, out.as_str()), (0, format!("{other}: inga ändringar\n").as_str()), "{err}");
}

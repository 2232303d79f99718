//! `plan completions` and `plan man`: both are generated from the clap definition, so these
//! tests check that every subcommand reaches them and that the output has its format's header.

mod common;

use common::plan;

const SUBCOMMANDS: &[&str] =
    &["check", "render", "serve", "diff", "schema", "explain", "export", "list", "init", "completions", "man"];

#[test]
fn bash_completion_knows_every_subcommand_and_the_export_formats() {
    let out = plan().args(["completions", "bash"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(text.contains("_plan()"), "a bash completion function");
    for name in SUBCOMMANDS {
        assert!(text.contains(&format!("plan__{name}")) || text.contains(&format!("plan,{name}")), "{name}");
    }
    assert!(text.contains("csv xlsx json"), "the values of --format");
    // `plan list --status` offers the statuses, not file names; an id flag offers no file names.
    let status = text.split("--status)").nth(1).and_then(|t| t.split(";;").next()).unwrap_or_default();
    assert!(status.contains("compgen -W \"planerad pågående klar försenad pausad avbruten\""), "{status}");
    let goal_area = text.split("--goal-area)").nth(1).and_then(|t| t.split(";;").next()).unwrap_or_default();
    assert!(!goal_area.is_empty() && !goal_area.contains("compgen -f"), "{goal_area}");
}

#[test]
fn every_shell_gets_a_script() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = plan().args(["completions", shell]).output().expect("runs");
        assert_eq!(out.status.code(), Some(0), "{shell}");
        assert!(String::from_utf8_lossy(&out.stdout).contains("export"), "{shell}");
    }
    let out = plan().args(["completions", "tcsh"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_man_page_is_roff_with_every_subcommand() {
    // Swedish by default, English with `--lang en`: (headings, synopsis, options).
    for (args, name, synopsis, options) in [
        (vec!["man"], ".SH NAMN", ".SS ÖVERSIKT", ".SS FLAGGOR"),
        (vec!["man", "--lang", "en"], ".SH NAME", ".SS SYNOPSIS", ".SS OPTIONS"),
    ] {
        let out = plan().args(&args).output().expect("runs");
        assert_eq!(out.status.code(), Some(0));
        let text = String::from_utf8(out.stdout).expect("UTF-8");
        assert!(text.lines().any(|l| l.starts_with(".TH plan 1")), "{text}");
        assert!(text.contains(name), "{args:?}");
        for sub in SUBCOMMANDS {
            assert!(text.contains(&format!("\nplan\\-{sub}(1)\n")), "{sub} is listed");
            let section = format!(".SH \"PLAN {}\"\n", sub.to_uppercase());
            assert!(text.contains(&section), "{sub} has a section of its own");
        }
        let export = text.split(".SH \"PLAN EXPORT\"").nth(1).and_then(|t| t.split(".SH ").next()).unwrap_or_default();
        assert!(export.contains(synopsis) && export.contains(options), "{export}");
        assert!(export.contains("\\-\\-format") && export.contains("aktiviteter"), "{export}");
    }
}

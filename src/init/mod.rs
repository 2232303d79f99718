//! `plan init`: a new plan repository that checks clean from the first minute.
//!
//! The county plan and the county's organisations are embedded from this repository's
//! own `plans/` folder with `include_str!`, so what `plan init` writes can never drift
//! from the bundled, word-for-word county plan. One example local plan and one
//! aktivitetsplan (trimmed from `examples/liten-kommun`) show the format in use; a test
//! checks that the result has no errors. Nothing is overwritten: an existing `plan.toml`
//! or `plans/` makes init refuse before it writes anything.

pub mod county;

use crate::error::Error;
use crate::lang::Lang;
use crate::t;
use std::path::Path;

/// Every file `plan init` writes: its path relative to the folder, and its text.
pub const FILES: &[(&str, &str)] = &[
    ("plan.toml", include_str!("templates/plan.toml")),
    ("plans/organisationer.yaml", include_str!("../../plans/organisationer.yaml")),
    ("plans/lan/handlingsplan.yaml", include_str!("../../plans/lan/handlingsplan.yaml")),
    ("plans/lokal/handlingsplan.yaml", include_str!("templates/handlingsplan.yaml")),
    ("plans/lokal/aktivitetsplan-2025.yaml", include_str!("templates/aktivitetsplan.yaml")),
];

/// Writes a new repository into `dir` (created if missing) and returns the files written,
/// relative to `dir`. An existing repository there is refused before anything is written.
pub fn init(dir: &Path, lang: Lang) -> Result<Vec<&'static str>, Error> {
    let d = dir.display();
    if dir.exists() && !dir.is_dir() {
        return Err(Error::Output(t!(lang, "{d} är en fil, inte en mapp", "{d} is a file, not a folder")));
    }
    for existing in ["plan.toml", "plans"] {
        let path = dir.join(existing);
        if path.exists() || path.is_symlink() {
            let p = path.display();
            return Err(Error::Output(t!(
                lang,
                "{p} finns redan; `plan init` skriver inte över ett befintligt repositorium",
                "{p} already exists; `plan init` does not overwrite an existing repository"
            )));
        }
    }
    let mut written = Vec::new();
    for (name, text) in FILES {
        let path = dir.join(name);
        crate::atomic::write(&path, text.as_bytes()).map_err(|e| {
            let p = path.display();
            Error::Output(t!(lang, "kunde inte skriva {p}: {e}", "could not write {p}: {e}"))
        })?;
        written.push(*name);
    }
    Ok(written)
}

/// What `plan init` says when it is done: the files it wrote and what to do next.
pub fn next_steps(dir: &Path, written: &[&str], lang: Lang) -> String {
    let d = dir.display();
    let mut text = t!(lang, "Skapade ett planrepositorium i {d}:\n", "Created a plan repository in {d}:\n");
    for name in written {
        text.push_str(&format!("  {name}\n"));
    }
    let shown = if dir == Path::new(".") { String::new() } else { format!(" {d}") };
    text.push_str(&t!(
        lang,
        "\nNästa steg:\n  plan check{shown}    # kontrollera planen (varningar om ej täckta inriktningar, P010, är väntade)\n  plan render{shown}   # publicera den som webbplats i public/\n",
        "\nNext steps:\n  plan check{shown}    # check the plan (warnings about uncovered directions, P010, are expected)\n  plan render{shown}   # publish it as a website in public/\n"
    ));
    text
}

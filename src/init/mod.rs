//! `plan init`: a new plan repository that checks clean from the first minute.
//!
//! The county plan and the county's organisations are embedded from this repository's
//! own `plans/` folder with `include_str!`, so what `plan init` writes can never drift
//! from the bundled, word-for-word county plan. With `--kommun`, the repository is that
//! municipality's: its own local handlingsplan following the county plan (one
//! utvecklingsområde per målområde to start from), this year's empty aktivitetsplan, and a
//! `plan.toml` whose `[site]` names it and whose `[county] digest` pins the county plan's
//! version. Without it, one example local plan and aktivitetsplan (trimmed from
//! `examples/liten-kommun`) show the format in use. A test checks that both have no errors.
//! Nothing is overwritten: an existing `plan.toml` or `plans/` makes init refuse before it
//! writes anything.
//!
//! Beside the plan, init writes what an editor needs ([`editor_files`]): the JSON Schema of
//! the plan files at `schema/plan.schema.json`, and for VS Code `.vscode/settings.json`
//! (the schema mapped to the plan files for the YAML extension) and `.vscode/extensions.json`
//! (recommending that extension and plan's own). Each of them is written only where there
//! is nothing yet: a folder's own `.vscode/settings.json` is left as it is.

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

/// Writes a new repository with the neutral example into `dir` (created if missing) and
/// returns the files written, relative to `dir`. An existing repository there is refused
/// before anything is written.
pub fn init(dir: &Path, lang: Lang) -> Result<Vec<String>, Error> {
    let files: Vec<(String, String)> = FILES.iter().map(|(n, t)| ((*n).to_owned(), (*t).to_owned())).collect();
    write_new(dir, &files, lang)
}

/// Writes a new repository for the municipality `m` into `dir`, with a first aktivitetsplan
/// for `year` (kept inside the county plan's period).
pub fn init_municipality(dir: &Path, m: &Municipality, year: i32, lang: Lang) -> Result<Vec<String>, Error> {
    write_new(dir, &municipality_files(m, year), lang)
}

/// The files for editors that `plan init` writes beside the plan, where nothing is yet.
pub fn editor_files() -> Vec<(String, String)> {
    vec![
        (SCHEMA.to_owned(), crate::model::schema::json_text()),
        (".vscode/settings.json".to_owned(), include_str!("templates/vscode-settings.json").to_owned()),
        (".vscode/extensions.json".to_owned(), include_str!("templates/vscode-extensions.json").to_owned()),
    ]
}

/// Where a new repository keeps the JSON Schema of its plan files (the path that its
/// `.vscode/settings.json` and the README name).
pub const SCHEMA: &str = "schema/plan.schema.json";

/// Whether `name` (relative to `dir`) can be written without touching anything that is
/// there: nothing by that name, and every folder above it inside `dir` a real folder or
/// missing (never a link, which would lead the file elsewhere).
fn free(dir: &Path, name: &str) -> bool {
    let mut at = dir.to_path_buf();
    for part in Path::new(name).components() {
        at.push(part);
        match std::fs::symlink_metadata(&at) {
            Err(_) => return true,
            Ok(meta) if meta.is_dir() && at != dir.join(name) => {}
            Ok(_) => return false,
        }
    }
    false
}

/// Moves the staged file `from` to `to` unless something is at `to` by then, and says
/// whether it did: a hard link refuses an existing name, where a rename would replace it.
/// Where links cannot be made (some file systems), a rename after a last look.
fn move_new(from: &Path, to: &Path) -> std::io::Result<bool> {
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent)?;
    }
    match std::fs::hard_link(from, to) {
        Ok(()) => std::fs::remove_file(from).map(|()| true),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(_) if std::fs::symlink_metadata(to).is_err() => std::fs::rename(from, to).map(|()| true),
        Err(_) => Ok(false),
    }
}

/// Refuses an existing repository, then writes every file and the editor files that have
/// no file in their place.
fn write_new(dir: &Path, files: &[(String, String)], lang: Lang) -> Result<Vec<String>, Error> {
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
    // The repository is written whole into a folder of its own first, and moved into place
    // only when every file is there: a full disk or a kill leaves `dir` as it was, and
    // `plan init` can simply be run again.
    // A folder that exists (perhaps the user's working folder) stays the same folder; the
    // staged files are moved into it.
    let missing = std::fs::symlink_metadata(dir).is_err();
    let absolute = crate::files::absolute(dir);
    let stage_in = if missing { absolute.parent().unwrap_or(Path::new("/")) } else { dir };
    let could_not = |path: &Path, e: std::io::Error| {
        let (p, e) = (path.display(), crate::lang::ui::io_error(lang, &e));
        Error::Output(t!(lang, "kunde inte skriva {p}: {e}", "could not write {p}: {e}"))
    };
    std::fs::create_dir_all(stage_in).map_err(|e| could_not(stage_in, e))?;
    sweep_stages(stage_in);
    let stage = stage_in.join(format!("{STAGE}{}-{}", std::process::id(), nanos()));
    let editor: Vec<(String, String)> =
        editor_files().into_iter().filter(|(name, _)| missing || free(dir, name)).collect();
    let all: Vec<(String, String)> = files.iter().cloned().chain(editor.iter().cloned()).collect();
    let mut kept = Vec::new();
    let staged = stage_files(&stage, &all).and_then(|()| {
        if missing {
            // A missing folder is the staged one, renamed.
            std::fs::rename(&stage, dir)
        } else {
            // plan.toml last: until it is there, nothing here looks like a repository.
            std::fs::rename(stage.join("plans"), dir.join("plans"))?;
            for (name, _) in &editor {
                if !move_new(&stage.join(name), &dir.join(name))? {
                    kept.push(name.clone());
                }
            }
            std::fs::rename(stage.join(crate::config::FILE_NAME), dir.join(crate::config::FILE_NAME))?;
            std::fs::remove_dir_all(&stage)
        }
    });
    if let Err(e) = staged {
        let _ = std::fs::remove_dir_all(&stage);
        return Err(could_not(dir, e));
    }
    Ok(all.into_iter().map(|(name, _)| name).filter(|name| !kept.contains(name)).collect())
}

/// The start of the name of the folder a new repository is staged in.
const STAGE: &str = ".plan-init-";

fn nanos() -> u128 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos())
}

/// Writes `files` below the new folder `stage`, each flushed to disk.
fn stage_files(stage: &Path, files: &[(String, String)]) -> std::io::Result<()> {
    std::fs::create_dir(stage)?;
    for (name, text) in files {
        let path = stage.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let mut file = std::fs::File::create_new(&path)?;
        std::io::Write::write_all(&mut file, text.as_bytes())?;
        file.sync_all()?;
    }
    Ok(())
}

/// Removes the staging folders of `plan init` runs in `dir` that no longer run.
fn sweep_stages(dir: &Path) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let name = entry.file_name();
        let pid = name
            .to_str()
            .and_then(|n| n.strip_prefix(STAGE))
            .and_then(|n| n.split_once('-'))
            .and_then(|(p, _)| p.parse().ok());
        if pid.is_some_and(|pid| !crate::files::write::alive(pid)) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// A municipality of the county, as the bundled organisations file names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Municipality {
    /// Its organisation id (`nacka`, `upplands-vasby`).
    pub id: String,
    /// Its name (`Nacka kommun`, `Lidingö stad`).
    pub name: String,
    /// Its kommunkod (`0182`).
    pub code: String,
}

impl Municipality {
    /// The place's name, for "… i Nacka": the name without `kommun` or `stad`, and without
    /// the genitive `s` of names such as "Vaxholms stad" or "Danderyds kommun" (no place in
    /// the county ends in an s).
    pub fn short_name(&self) -> &str {
        let place = self.name.strip_suffix(" kommun").or_else(|| self.name.strip_suffix(" stad")).unwrap_or(&self.name);
        if place.len() < self.name.len() { place.strip_suffix('s').unwrap_or(place) } else { place }
    }
}

/// The county's municipalities, from the bundled organisations file, in its order.
pub fn municipalities() -> Vec<Municipality> {
    let input = vec![("organisationer.yaml".to_owned(), crate::load::Input::Bytes(FILES[1].1.as_bytes().to_vec()))];
    let loaded = crate::load::load_inputs(input, Lang::Sv);
    loaded
        .plan
        .organisations
        .iter()
        .filter(|o| o.category.is_some_and(|c| c.value == crate::model::OrgCategory::Municipality))
        .filter_map(|o| {
            Some(Municipality {
                id: o.id.value.0.clone(),
                name: o.name.as_ref()?.value.clone(),
                code: o.municipality_code.as_ref()?.value.clone(),
            })
        })
        .collect()
}

/// The municipality a user means by a name (`Nacka`, `nacka kommun`, `Taby`), an id or a
/// kommunkod (`0182`); an unknown one is a usage error with a did-you-mean.
pub fn find_municipality(given: &str, lang: Lang) -> Result<Municipality, Error> {
    let fold = |s: &str| s.trim().to_lowercase().replace(['å', 'ä'], "a").replace('ö', "o").replace(['-', ' '], "");
    let wanted = fold(given);
    let all = municipalities();
    let found = all
        .iter()
        .find(|m| [m.id.as_str(), m.name.as_str(), m.short_name(), m.code.as_str()].iter().any(|k| fold(k) == wanted));
    if let Some(m) = found {
        return Ok(m.clone());
    }
    let hint = match crate::suggest::did_you_mean(given, all.iter().map(|m| m.short_name())) {
        Some(s) => t!(lang, "; menade du {s}?", "; did you mean {s}?"),
        None => String::new(),
    };
    let names = all.iter().map(|m| m.short_name()).collect::<Vec<_>>().join(", ");
    Err(Error::Usage(t!(
        lang,
        "`{given}` är ingen av länets kommuner{hint} (skriv namnet eller kommunkoden: {names})",
        "`{given}` is none of the county's municipalities{hint} (give the name or the kommunkod: {names})"
    )))
}

/// The files of a municipality's new repository.
fn municipality_files(m: &Municipality, year: i32) -> Vec<(String, String)> {
    let owner = Owner { id: m.id.clone(), name: m.name.clone(), place: m.short_name().to_owned() };
    let county_id = crate::county::newest().plan_id().to_owned();
    repository_files(&owner, &county_id, None, Vec::new(), year)
}

/// The organisation whose repository it is, and the place its plan is for.
struct Owner {
    id: String,
    name: String,
    place: String,
}

/// A stadsdelsförvaltning of a municipality: its id, and its name in the genitive form the
/// city uses ("Skärholmens stadsdelsförvaltning", "Rinkeby-Kista stadsdelsförvaltning").
fn district(m: &Municipality, place: &str) -> Owner {
    let slug: String = place
        .trim()
        .to_lowercase()
        .replace(['å', 'ä'], "a")
        .replace('ö', "o")
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let place = place.trim().to_owned();
    let vowel = place.chars().last().is_some_and(|c| "aeiouyåäöAEIOUYÅÄÖ".contains(c));
    let genitive = if vowel { place.clone() } else { format!("{place}s") };
    Owner { id: format!("{}-{slug}", m.id), name: format!("{genitive} stadsdelsförvaltning"), place }
}

/// Writes a new repository for the stadsdelsförvaltning `place` of the municipality `m`: its
/// plan follows the city's plan when `city` is the city's repository (its plans are copied
/// in, without its aktivitetsplaner), else the county plan.
pub fn init_district(
    dir: &Path,
    m: &Municipality,
    place: &str,
    city: Option<&Path>,
    year: i32,
    lang: Lang,
) -> Result<Vec<String>, Error> {
    let owner = district(m, place);
    let county_id = crate::county::newest().plan_id().to_owned();
    let (follows, copied) = match city {
        Some(city) => city_plans(city, &county_id, lang)?,
        None => (county_id, Vec::new()),
    };
    let orgs = format!(
        "# {name} som organisation; del av {city}.\ntyp: organisationer\norganisationer:\n  - id: {id}\n    namn: {}\n    kategori: stadsdelsförvaltning\n    del_av: {}\n",
        crate::edit::emit::inline(&crate::edit::Value::str(owner.name.clone()), false),
        m.id,
        name = owner.name,
        city = m.name,
        id = owner.id,
    );
    write_new(dir, &repository_files(&owner, &follows, Some(orgs), copied, year), lang)
}

/// The city's plans, to copy into a district's repository: every plan file of the city's
/// repository but its aktivitetsplaner, its copy of the county plan and the bundled
/// organisations (the district has its own), at the same place below `plans/`; and the id
/// of the city's own plan, which the district's follows.
fn city_plans(city: &Path, county_id: &str, lang: Lang) -> Result<(String, Vec<(String, String)>), Error> {
    let config = crate::config::Config::load(city, lang)?;
    let files = crate::load::find_files(city, &config, lang)?;
    let inputs = files.iter().map(|(n, p)| (n.clone(), crate::load::Input::Disk(p.clone()))).collect();
    let loaded = crate::load::load_inputs(inputs, lang);
    let plan = &loaded.plan;
    let plans = &plan.action_plans;
    let Some(own) = plan.own_plans().into_iter().find(|&p| plans[p].follows.is_some()) else {
        let c = city.display();
        return Err(Error::Usage(t!(
            lang,
            "{c} har ingen lokal handlingsplan att följa; ange stadens repositorium",
            "{c} has no local handlingsplan to follow; give the city's repository"
        )));
    };
    let mut copied = Vec::new();
    for (file, source) in plan.sources.iter() {
        let is_activity_plan = plan.activity_plans.iter().any(|a| a.id.span.file == file);
        let is_county = plans.iter().any(|a| a.id.span.file == file && a.id.value.as_str() == county_id);
        let bundled = &*source.text == FILES[1].1;
        if is_activity_plan || is_county || bundled {
            continue;
        }
        let name = source.name.clone();
        let under_plans = config.plan_dirs.iter().find_map(|d| {
            let d = d.to_string_lossy().replace('\\', "/");
            name.strip_prefix(&format!("{d}/")).map(str::to_owned)
        });
        copied.push((format!("plans/{}", under_plans.unwrap_or(name)), source.text.to_string()));
    }
    Ok((plans[own].id.value.0.clone(), copied))
}

/// The files of a new repository for `owner`, whose plan follows `follows`: settings, the
/// bundled organisations and county plan, `orgs` (the owner's own organisation, when the
/// bundled file does not have it), `copied` plan files, the local plan and the year's
/// aktivitetsplan.
fn repository_files(
    owner: &Owner,
    follows: &str,
    orgs: Option<String>,
    copied: Vec<(String, String)>,
    year: i32,
) -> Vec<(String, String)> {
    let county = crate::county::newest();
    let texts = county.texts();
    let (first, last) = (2024, 2030);
    let year = year.clamp(first, last);
    let (id, name, short) = (&owner.id, &owner.name, &owner.place);
    let prefix = id.to_uppercase();
    let plan_id = format!("{id}-plan");
    let quote = |s: &str| crate::edit::emit::inline(&crate::edit::Value::str(s.to_owned()), false);
    let title = format!("Handlingsplan för god och nära vård och omsorg i {short}");
    let toml = format!(
        "# plan.toml – inställningar för {name}s planrepositorium (skapat med `plan init --kommun`).\n\
         # Alla inställningar utom [site] och [county] är frivilliga; se README.md i plan-verktyget.\n\n\
         # Lås kontrolldatumet (för CI-körningar som ska ge samma resultat varje dag). Standard: i dag.\n\
         # today = {year}-12-31\n\n\
         # Nivå per regel: \"error\", \"warning\" eller \"off\", med kod eller namn.\n\
         # [rules]\n\
         # P010 = \"warning\"\n\n\
         [site]\n\
         title = {title:?}\n\
         publisher = {name:?}\n\n\
         # Länets handlingsplan i plans/lan/ ska stå kvar ordagrant som länet beslutade den\n\
         # (regel P012). digest låser versionen beslutad {decided}; när länet beslutar en ny\n\
         # version byter `plan county update` till den.\n\
         [county]\n\
         digest = {digest:?}\n",
        decided = county.decided,
        digest = county.digest(),
    );
    let followed = if follows == texts.id {
        "länets handlingsplan (plans/lan/handlingsplan.yaml)".to_owned()
    } else {
        format!("stadens handlingsplan `{follows}`, som följer länets")
    };
    let mut local = format!(
        "# {name}s lokala handlingsplan. Den följer {followed}.\n\
         # Skapad av `plan init --kommun` som en början: ett utvecklingsområde per målområde i\n\
         # länets plan, som leder till målområdets inriktningar. Byt namn på dem, dela upp eller\n\
         # ta bort dem så att de blir era egna, och lägg till planens beslut och beskrivning.\n\
         typ: handlingsplan\n\
         id: {plan_id}\n\
         namn: {}\n\
         följer: {follows}\n\
         period: {{ från: {first}, till: {last} }}\n\
         ägare: {id}\n\
         utvecklingsområden:\n",
        quote(&title),
    );
    for (n, area) in texts.areas.iter().enumerate() {
        let directions = area.directions.iter().map(|(d, _)| d.as_str()).collect::<Vec<_>>().join(", ");
        let area_name = area.name.as_deref().unwrap_or(&area.id);
        local.push_str(&format!(
            "  - id: {prefix}-U{}\n    namn: {}\n    inriktningar: [{directions}]\n    ansvarig: {id}\n",
            n + 1,
            quote(area_name)
        ));
    }
    let activities = format!(
        "# {name}s aktiviteter {year}, under den lokala handlingsplanen. Lägg till en aktivitet med\n\
         #   plan new activity --plan {id}-{year} --title \"…\" --owner {id} --direction MO1.1\n\
         # eller hämta dem från Excel med `plan import`.\n\
         typ: aktivitetsplan\n\
         id: {id}-{year}\n\
         handlingsplan: {plan_id}\n\
         år: {year}\n\
         aktiviteter: []\n"
    );
    let mut files = vec![
        ("plan.toml".to_owned(), toml),
        (FILES[1].0.to_owned(), FILES[1].1.to_owned()),
        (FILES[2].0.to_owned(), county.file.to_owned()),
    ];
    if let Some(orgs) = orgs {
        files.push((format!("plans/{id}/organisationer.yaml"), orgs));
    }
    files.extend(copied);
    files.push((format!("plans/{id}/handlingsplan.yaml"), local));
    files.push((format!("plans/{id}/aktivitetsplan-{year}.yaml"), activities));
    files
}

/// What `plan init` says when it is done: the files it wrote and what to do next.
pub fn next_steps(dir: &Path, written: &[String], lang: Lang) -> String {
    let d = dir.display();
    let mut text = t!(lang, "Skapade ett planrepositorium i {d}:\n", "Created a plan repository in {d}:\n");
    for name in written {
        text.push_str(&format!("  {name}\n"));
    }
    let left: Vec<String> =
        editor_files().into_iter().map(|(name, _)| name).filter(|name| !written.contains(name)).collect();
    if !left.is_empty() {
        text.push_str(&t!(
            lang,
            "\nFanns redan och lämnades orörda (se docs/editors.md i plan-verktyget för vad de brukar innehålla):\n",
            "\nAlready there and left alone (docs/editors.md of the plan tool says what they usually hold):\n"
        ));
        for name in left {
            text.push_str(&format!("  {name}\n"));
        }
    }
    let shown = if dir == Path::new(".") { String::new() } else { format!(" {d}") };
    text.push_str(&t!(
        lang,
        "\nNästa steg:\n  plan check{shown}    # kontrollera planen (varningar om ej täckta inriktningar, P010, är väntade)\n  plan render{shown}   # publicera den som webbplats i public/\n",
        "\nNext steps:\n  plan check{shown}    # check the plan (warnings about uncovered directions, P010, are expected)\n  plan render{shown}   # publish it as a website in public/\n"
    ));
    text
}

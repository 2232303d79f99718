//! Generates a large, valid, synthetic plan repository for benchmarks: the real county plan
//! and organisations, then municipalities, each with a local handlingsplan and seven yearly
//! aktivitetsplaner (2024–2030) of activities with Markdown descriptions and follow-ups.
//! Deterministic: the same `--activities` and `--seed` give the same bytes.
//!
//! `cargo run --profile profiling --example generate -- OUT_DIR --activities 100000 [--seed 1]`
//!
//! With `--sources N` it writes a county's repository instead: the county plan and the
//! organisations in `plans/`, and N municipalities' repositories under `kommuner/`, each with
//! its own `plan.toml`, its copy of the county plan and seven aktivitetsplaner of 48
//! activities, listed under `[[sources]]` (the whole county: 26 municipalities and Stockholms
//! stad's 11 districts is `--sources 37`).

use std::fmt::Write as _;
use std::path::Path;

const COUNTY_PLAN: &str = include_str!("../../plans/lan/handlingsplan.yaml");
const ORGANISATIONS: &str = include_str!("../../plans/organisationer.yaml");
const DIRECTIONS: &[&str] = &[
    "MO1.1", "MO1.2", "MO1.3", "MO1.4", "MO2.1", "MO2.2", "MO2.3", "MO2.4", "MO3.1", "MO3.2", "MO3.3", "MO4.1",
    "MO4.2", "MO4.3", "MO5.1", "MO5.2", "MO5.3", "MO5.4",
];
const TOPICS: &[&str] = &["barn-unga", "psykisk-ohalsa", "funktionsnedsattning", "aldre", "digitalisering"];
/// Every activity is finished by the check date (2030-12-31), so the repository is clean.
const STATUSES: &[&str] = &["klar", "klar", "klar", "avbruten"];
/// Activities per yearly plan.
const PER_PLAN: usize = 48;
const YEARS: std::ops::RangeInclusive<i32> = 2024..=2030;

/// xorshift64*: small, fast and the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

fn write(path: &Path, text: &str) {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).expect("create folder");
    }
    std::fs::write(path, text).expect("write file");
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut out = None;
    let mut activities = 1000usize;
    let mut seed = 1u64;
    let mut sources = 0usize;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--activities" => {
                activities = args[i + 1].parse().expect("--activities N");
                i += 1;
            }
            "--seed" => {
                seed = args[i + 1].parse().expect("--seed N");
                i += 1;
            }
            "--sources" => {
                sources = args[i + 1].parse().expect("--sources N");
                i += 1;
            }
            other => out = Some(other.to_owned()),
        }
        i += 1;
    }
    let out = out.expect("usage: generate OUT_DIR --activities N [--seed S] [--sources N]");
    let root = Path::new(&out);
    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    if sources > 0 {
        let mut settings =
            String::from("# Synthetic county repository made by tests/bench/generate.rs.\ntoday = 2030-12-31\n");
        write(&root.join("plans/lan/handlingsplan.yaml"), COUNTY_PLAN);
        write(&root.join("plans/organisationer.yaml"), ORGANISATIONS);
        let mut made = 0;
        for s in 0..sources {
            let folder = root.join(format!("kommuner/s{s:02}"));
            let _ = write!(settings, "\n[[sources]]\npath = \"kommuner/s{s:02}\"\n");
            made += repository(&folder, 1, PER_PLAN * YEARS.count(), &mut rng);
        }
        write(&root.join("plan.toml"), &settings);
        eprintln!("{made} activities in {sources} sources written to {out}");
        return;
    }
    let made = repository(root, activities.div_ceil(PER_PLAN * YEARS.count()).max(1), activities, &mut rng);
    eprintln!("{made} activities written to {out}");
}

/// One repository at `root` with `municipalities` local plans and `activities` activities
/// in all; returns how many were written.
fn repository(root: &Path, municipalities: usize, activities: usize, rng: &mut Rng) -> usize {
    write(
        &root.join("plan.toml"),
        "# Synthetic benchmark repository made by tests/bench/generate.rs.\ntoday = 2030-12-31\n",
    );
    write(&root.join("plans/lan/handlingsplan.yaml"), COUNTY_PLAN);
    write(&root.join("plans/organisationer.yaml"), ORGANISATIONS);
    let owners = [
        "region-stockholm",
        "slso",
        "storsthlm",
        "vis-tjanstestyrgrupp",
        "samradsgrupp-aldre",
        "samradsgrupp-barn-unga",
    ];
    let mut made = 0;
    for m in 0..municipalities {
        let id = format!("k{m:04}");
        let mut orgs = String::from("typ: organisationer\norganisationer:\n");
        for (suffix, name, category) in
            [("soc", "Socialförvaltningen", "förvaltning"), ("vc", "Vårdcentralen", "vårdcentral")]
        {
            let _ = writeln!(orgs, "  - {{ id: {id}-{suffix}, namn: \"{name} i kommun {m}\", kategori: {category} }}");
        }
        write(&root.join(format!("plans/{id}/organisationer.yaml")), &orgs);
        let mut plan = format!(
            "typ: handlingsplan\nid: {id}\nnamn: Handlingsplan för kommun {m}\nföljer: lan\nperiod: {{ från: 2024, till: 2030 }}\nägare: {id}-soc\nutvecklingsområden:\n"
        );
        for u in 0..4 {
            let _ = writeln!(
                plan,
                "  - id: {id}-U{u}\n    namn: Utvecklingsområde {u}\n    inriktningar: [{}, {}]\n    ansvarig: {id}-soc",
                rng.pick(DIRECTIONS),
                rng.pick(DIRECTIONS)
            );
        }
        write(&root.join(format!("plans/{id}/handlingsplan.yaml")), &plan);
        for year in YEARS {
            if made >= activities {
                break;
            }
            let mut ap =
                format!("typ: aktivitetsplan\nid: {id}-{year}\nhandlingsplan: {id}\når: {year}\naktiviteter:\n");
            for a in 0..PER_PLAN.min(activities - made) {
                made += 1;
                let status = rng.pick(STATUSES);
                let (done, middle) = (status, "pågående");
                let _ = write!(
                    ap,
                    "  - id: {id}-{year}-{a:02}\n    titel: Aktivitet {a} för att stärka samverkan i kommun {m}\n    beskrivning: |\n      Aktiviteten bidrar till **god och nära vård**. Den följs upp i [handlingsplanen](https://example.se/plan).\n\n      - ett första steg\n      - ett andra steg\n"
                );
                let _ = write!(
                    ap,
                    "    utvecklingsområden: [{id}-U{}]\n    inriktningar: [{}]\n    ansvarig: {}\n    medverkande: [{}, {id}-vc]\n    sakområden: [{}]\n    start: {year}-02-01\n    slut: {year}-11-30\n    status: {done}\n    uppföljning:\n      - {{ datum: {year}-06-30, status: {middle}, kommentar: \"Halvårsuppföljning.\" }}\n      - {{ datum: {year}-11-30, status: {done}, kommentar: \"Helårsuppföljning.\" }}\n",
                    a % 4,
                    rng.pick(DIRECTIONS),
                    rng.pick(&owners),
                    rng.pick(&owners),
                    rng.pick(TOPICS),
                );
            }
            write(&root.join(format!("plans/{id}/aktivitetsplan-{year}.yaml")), &ap);
        }
    }
    made
}

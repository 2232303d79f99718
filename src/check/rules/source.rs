//! P013 `källa`: a repository listed under `[[sources]]` cannot be read, or its copy of the
//! county plan is not the county's.
//!
//! These findings are made while a county repository reads its sources
//! ([`crate::run::Repository::sources`]); this file holds the rule's documentation.

use crate::check::{Rule, RuleMeta, Text};
use crate::diagnostic::{Code, Severity};

/// The rule.
pub struct Source;

/// Its metadata and documentation.
pub static META: RuleMeta = RuleMeta {
    code: Code::new("P013"),
    name: "källa",
    default_severity: Severity::Error,
    summary: Text {
        sv: "Ett repositorium under `[[sources]]` i plan.toml kunde inte läsas (dess plan.toml är trasig), eller dess kopia av länets handlingsplan är inte densamma som länets.",
        en: "A repository under `[[sources]]` in plan.toml could not be read (its plan.toml is broken), or its copy of the county plan is not the county's.",
    },
    description: Text {
        sv: "\
Ett läns repositorium kan läsa kommunernas egna repositorier, listade under `[[sources]]` i \
`plan.toml`. Varje källa läses med sina egna inställningar och kontrolleras för sig; dess fynd \
visas med källans sökvägar. Regeln rapporterar två saker som gäller källan som helhet:

- källans `plan.toml` går inte att läsa: fyndet pekar på raden i länets `plan.toml` där \
källan står, och källan hoppas över (de andra läses ändå, och länets webbplats visar källan \
som felande);
- källans kopia av länets handlingsplan är en annan version än den i länets repositorium \
(till exempel en äldre, beslutad version): kör `plan county update` i kommunens repositorium.

En mapp som saknas, ligger utanför repositoriet, är en symbolisk länk eller saknar planfiler \
är i stället ett fel i inställningarna som stoppar kommandot.",
        en: "\
A county's repository can read the municipalities' own repositories, listed under \
`[[sources]]` in `plan.toml`. Each source is read with its own settings and checked on its \
own; its findings are shown under the source's paths. The rule reports two things about a \
source as a whole:

- the source's `plan.toml` cannot be read: the finding points at the line of the county's \
`plan.toml` that lists the source, and the source is skipped (the others are still read, and \
the county's site shows the source as failing);
- the source's copy of the county plan is another version than the one in the county's \
repository (an older decided version, say): run `plan county update` in the municipality's \
repository.

A folder that is missing, lies outside the repository, is a symbolic link or holds no plan \
files is instead an error in the settings that stops the command.",
    },
};

impl Rule for Source {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
}

//! P003 `dubblett-id`: the same id defined twice anywhere in the repository.
//!
//! Ids become URLs and are how everything refers to everything, so they share one
//! namespace across all files. The index keeps the first definition; this rule reports
//! every later one and shows where the first is.

use crate::check::{Context, Rule, RuleMeta, Text};
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::lang::Lang;
use crate::t;

/// The rule.
pub struct DuplicateId;

/// Its metadata and documentation.
pub static META: RuleMeta = RuleMeta {
    code: Code::new("P003"),
    name: "dubblett-id",
    default_severity: Severity::Error,
    summary: Text {
        sv: "Samma id är definierat två gånger någonstans i repositoriet (båda ställena visas).",
        en: "The same id is defined twice anywhere in the repository (both places are shown).",
    },
    description: Text {
        sv: "\
Varje `id` ska vara unikt i hela repositoriet, oavsett fil och oavsett vad det namnger: en \
organisation och en aktivitet får inte heller dela id. Id blir adresser på den publicerade \
webbplatsen och är det som alla referenser pekar på, så ett dubblerat id gör det oklart vad \
en referens betyder. Den första definitionen (i filordning) används; varje senare rapporteras \
tillsammans med platsen för den första.",
        en: "\
Every `id` must be unique in the whole repository, whatever file it is in and whatever it \
names: an organisation and an activity may not share an id either. Ids become addresses on \
the published site and are what every reference points at, so a duplicated id makes a \
reference ambiguous. The first definition (in file order) is used; every later one is \
reported together with the place of the first.",
    },
};

impl Rule for DuplicateId {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let plan = cx.plan;
        for &(first, again) in &plan.index.duplicates {
            let (id, span) = plan.id_of(again);
            let id = crate::diagnostic::sanitize(id);
            let kind = first.kind().name(cx.lang);
            out.push(
                Diagnostic::new(META.code, span, message(cx.lang, &id))
                    .with_related(plan.id_of(first).1, first_here(cx.lang, kind))
                    .with_help(help(cx.lang)),
            );
        }
    }
}

fn message(lang: Lang, id: &str) -> String {
    t!(lang, "id `{id}` är redan definierat", "the id `{id}` is already defined")
}

fn first_here(lang: Lang, kind: &str) -> String {
    t!(lang, "först definierat här, som {kind}", "first defined here, as {kind}")
}

fn help(lang: Lang) -> String {
    t!(
        lang,
        "ge det ena ett annat id; id måste vara unika i hela repositoriet",
        "give one of them another id; ids must be unique across the repository"
    )
}

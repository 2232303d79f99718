//! P011 `följer`: `följer` names a missing plan or forms a cycle.
//!
//! Local plans follow another plan to any depth; the chain must end at a plan that follows
//! nothing (the county plan). Every plan on a cycle is reported once, with the cycle spelt
//! out, so that breaking it at any point is obvious.

use crate::check::{Context, Rule, RuleMeta, Text};
use crate::diagnostic::sanitize;
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::model::Entity;
use crate::suggest::did_you_mean;
use crate::t;

/// The rule.
pub struct Follows;

/// Its metadata and documentation.
pub static META: RuleMeta = RuleMeta {
    code: Code::new("P011"),
    name: "följer",
    default_severity: Severity::Error,
    summary: Text {
        sv: "`följer` pekar på en plan som inte finns, eller bildar en cykel.",
        en: "`följer` names a missing plan or forms a cycle.",
    },
    description: Text {
        sv: "\
En lokal handlingsplan följer en annan handlingsplan med `följer: <plan-id>`, i så många led \
som behövs (en stadsdels plan kan följa stadens, som följer länets). Kedjan ska sluta i en \
plan utan `följer`. Regeln rapporterar en `följer` som pekar på ett id som inte finns eller \
inte är en handlingsplan, och planer som följer varandra i en cykel.",
        en: "\
A local handlingsplan follows another handlingsplan with `följer: <plan id>`, through as many \
levels as needed (a district's plan can follow the city's, which follows the county's). The \
chain must end at a plan without `följer`. The rule reports a `följer` naming an id that does \
not exist or is not a handlingsplan, and plans that follow each other in a cycle.",
    },
};

impl Rule for Follows {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let plan = cx.plan;
        let lang = cx.lang;
        for (p, ap) in plan.action_plans.iter().enumerate() {
            let Some(follows) = &ap.follows else { continue };
            let target = sanitize(&follows.value.0);
            match plan.index.get(&follows.value.0) {
                Some(Entity::ActionPlan(_)) => {}
                Some(other) => {
                    let is = other.kind().name(lang);
                    out.push(
                        Diagnostic::new(
                            META.code,
                            follows.span,
                            t!(
                                lang,
                                "`följer` ska peka på en handlingsplan, men `{target}` är {is}",
                                "`följer` must name a handlingsplan, but `{target}` is {is}"
                            ),
                        )
                        .with_related(plan.id_of(other).1, t!(lang, "definierat här", "defined here")),
                    );
                    continue;
                }
                None => {
                    let ids = plan.action_plans.iter().map(|a| a.id.value.as_str());
                    let help = match did_you_mean(&follows.value.0, ids) {
                        Some(s) => t!(lang, "menade du `{s}`?", "did you mean `{s}`?"),
                        None => t!(
                            lang,
                            "en lokal plan följer oftast länsplanen, `följer: lan`",
                            "a local plan usually follows the county plan, `följer: lan`"
                        ),
                    };
                    out.push(
                        Diagnostic::new(
                            META.code,
                            follows.span,
                            t!(
                                lang,
                                "planen `{target}` som `följer` pekar på finns inte",
                                "the plan `{target}` named by `följer` does not exist"
                            ),
                        )
                        .with_help(help)
                        .about(&follows.value.0),
                    );
                    continue;
                }
            }
            // Walk the chain; `plan.chain` stops at the first repeat, which is on a cycle
            // through `p` exactly when it is `p` itself.
            let chain = plan.chain(p);
            let last = *chain.last().unwrap_or(&p);
            let closes = plan.action_plans[last].follows.as_ref().and_then(|f| plan.action_plan(&f.value.0)) == Some(p);
            if closes {
                let mut names: Vec<&str> = chain.iter().map(|&i| plan.action_plans[i].id.value.as_str()).collect();
                names.push(ap.id.value.as_str());
                let cycle = names.join(" → ");
                out.push(
                    Diagnostic::new(
                        META.code,
                        follows.span,
                        t!(lang, "`följer` bildar en cykel: {cycle}", "`följer` forms a cycle: {cycle}"),
                    )
                    .with_help(t!(
                        lang,
                        "en kedja av planer ska sluta i en plan utan `följer`, som länsplanen",
                        "a chain of plans must end at a plan without `följer`, such as the county plan"
                    )),
                );
            }
        }
    }
}

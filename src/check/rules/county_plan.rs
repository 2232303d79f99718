//! P012 `länsplan`: the repository's copy of the county plan does not say what the county
//! decided.
//!
//! The copy is the handlingsplan with the county plan's id (`lan`, or `[county] plan`) that
//! follows no other plan. It is checked when `plan.toml` has a `[county]` section (as `plan
//! init` writes it) or when the copy calls itself by the decided plan's name, so a
//! repository of another county, or a test plan, is left alone. Each text is compared as
//! words with the decided version ([`crate::county`]): the pinned one, or the newest the
//! tool carries; whitespace and line breaks do not count.

use crate::check::{Context, Rule, RuleMeta, Text};
use crate::county::{self, Strategy, Version, WordOp, WordTag};
use crate::diagnostic::{Code, Diagnostic, Severity, sanitize};
use crate::lang::Lang;
use crate::model::ActionPlan;
use crate::source::Span;
use crate::t;

/// The rule.
pub struct CountyPlan;

/// Its metadata and documentation.
pub static META: RuleMeta = RuleMeta {
    code: Code::new("P012"),
    name: "länsplan",
    default_severity: Severity::Error,
    summary: Text {
        sv: "Kopian av länets handlingsplan skiljer sig från den beslutade texten: ett ändrat ord i målet, ett målområde eller en strategisk inriktning, eller ett målområde eller en inriktning som saknas eller har lagts till.",
        en: "The copy of the county plan differs from the decided text: a changed word in the goal, a målområde or a strategisk inriktning, or a målområde or inriktning missing or added.",
    },
    description: Text {
        sv: "\
Länets handlingsplan är beslutad av VIS politisk styrgrupp, och dess ord ska stå kvar \
precis som de beslutades, också i varje kommuns kopia. `plan` bär med sig den beslutade \
texten och jämför kopian med den: det övergripande målet, varje målområdes namn och \
kännetecken och varje strategisk inriktnings lydelse. Mellanslag och radbrytningar räknas \
inte, bara orden.

Kopian är den handlingsplan som har länsplanens id (`lan`, eller det som anges under \
`[county] plan` i `plan.toml`) och inte följer någon annan plan. Den kontrolleras när \
`plan.toml` har ett avsnitt `[county]`, som `plan init` skriver, eller när planen har \
länsplanens beslutade namn.

`[county] digest` låser vilken beslutad version kopian följer, så att en nyare version av \
verktyget med en reviderad länsplan inte flaggar en kopia som ännu inte har bytts. \
`plan county update` skriver den beslutade texten till kopian och uppdaterar `digest`.",
        en: "\
The county plan was decided by VIS politisk styrgrupp, and its words must stay exactly as \
decided, in every municipality's copy too. `plan` carries the decided text and compares the \
copy with it: the overall goal, each målområde's name and kännetecken, and each strategisk \
inriktning's wording. Spaces and line breaks do not count, only the words.

The copy is the handlingsplan with the county plan's id (`lan`, or the one given as \
`[county] plan` in `plan.toml`) that follows no other plan. It is checked when `plan.toml` \
has a `[county]` section, as `plan init` writes it, or when the plan has the county plan's \
decided name.

`[county] digest` pins the decided version the copy follows, so that a newer version of the \
tool carrying a revised county plan does not flag a copy that has not moved to it yet. \
`plan county update` writes the decided text to the copy and updates `digest`.",
    },
};

impl Rule for CountyPlan {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(plan) = cx.county.copy(cx.plan) else { return };
        let claims_the_name = |v: &Version| plan.name.as_ref().is_some_and(|n| Some(&n.value) == v.name().as_ref());
        if !(cx.county.configured || claims_the_name(county::newest())) {
            return;
        }
        let copy = Strategy::of_plan(plan);
        let lang = cx.lang;
        let decided = match &cx.county.digest {
            None => county::newest(),
            Some(pin) => match county::with_digest(pin) {
                Some(version) => version,
                // A version the tool does not carry: only the digest can be compared.
                None if copy.digest() == *pin => return,
                None => {
                    let newest = county::newest().decided;
                    out.push(
                        Diagnostic::new(
                            META.code,
                            plan.id.span,
                            t!(
                                lang,
                                "länsplanens text stämmer inte med `digest` i plan.toml, och den här versionen av plan känner inte till den versionen av länsplanen",
                                "the county plan's text does not match `digest` in plan.toml, and this version of plan does not know that version of the county plan"
                            ),
                        )
                        .with_help(t!(
                            lang,
                            "skriv tillbaka länets text, eller kör `plan county update` för att byta till länsplanen beslutad {newest}",
                            "write the county's text back, or run `plan county update` to move to the county plan decided {newest}"
                        )),
                    );
                    return;
                }
            },
        };
        compare(plan, &copy, decided, lang, out);
    }
}

/// Every difference between the copy and the decided texts, at the place to fix.
fn compare(plan: &ActionPlan, copy: &Strategy, decided: &Version, lang: Lang, out: &mut Vec<Diagnostic>) {
    let date = decided.decided;
    let texts = decided.texts();
    let changed = |what: String, at: Span, decided_text: &str, copy_text: &str| {
        let change = describe(&county::compare_words(decided_text, copy_text), lang);
        Diagnostic::new(
            META.code,
            at,
            t!(
                lang,
                "{what} skiljer sig från länets beslutade text ({date}): {change}",
                "{what} differs from the county's decided text ({date}): {change}"
            ),
        )
        .with_help(t!(
            lang,
            "länets text är «{decided_text}»; skriv tillbaka den, eller kör `plan county update`",
            "the county's text is “{decided_text}”; write it back, or run `plan county update`"
        ))
    };
    let differs = |a: &Option<String>, b: &Option<String>| a.as_deref().unwrap_or("") != b.as_deref().unwrap_or("");
    if differs(&texts.goal, &copy.goal) {
        let at = plan.goal.as_ref().map_or(plan.id.span, |g| g.span);
        let what = lang.pick("målet", "the goal").to_owned();
        out.push(changed(what, at, texts.goal.as_deref().unwrap_or(""), copy.goal.as_deref().unwrap_or("")));
    }
    let mut missing = Vec::new();
    for area in &texts.areas {
        let Some((g, copy_area)) = copy.areas.iter().enumerate().find(|(_, a)| a.id == area.id) else {
            missing.push(area.id.clone());
            continue;
        };
        let model = &plan.goal_areas[g];
        let id = &area.id;
        for (decided_text, copy_text, at, what) in [
            (
                &area.name,
                &copy_area.name,
                model.name.as_ref().map(|n| n.span),
                t!(lang, "namnet på {id}", "the name of {id}"),
            ),
            (
                &area.hallmark,
                &copy_area.hallmark,
                model.hallmark.as_ref().map(|h| h.span),
                t!(lang, "kännetecknet för {id}", "the kännetecken of {id}"),
            ),
        ] {
            if differs(decided_text, copy_text) {
                let at = at.unwrap_or(model.id.span);
                out.push(changed(what, at, decided_text.as_deref().unwrap_or(""), copy_text.as_deref().unwrap_or("")));
            }
        }
        for (dir_id, decided_text) in &area.directions {
            let Some(d) = copy_area.directions.iter().position(|(i, _)| i == dir_id) else {
                missing.push(dir_id.clone());
                continue;
            };
            if differs(decided_text, &copy_area.directions[d].1) {
                let direction = &model.directions[d];
                let at = direction.text.as_ref().map_or(direction.id.span, |t| t.span);
                let what = t!(lang, "inriktningen {dir_id}", "the inriktning {dir_id}");
                let copy_text = copy_area.directions[d].1.as_deref().unwrap_or("");
                out.push(changed(what, at, decided_text.as_deref().unwrap_or(""), copy_text));
            }
        }
    }
    if !missing.is_empty() {
        let n = missing.len();
        let ids = missing.join(", ");
        out.push(
            Diagnostic::new(
                META.code,
                plan.id.span,
                t!(
                    lang,
                    "länets beslutade handlingsplan ({date}) har {ids}, som saknas i kopian",
                    "the county's decided plan ({date}) has {ids}, missing from the copy"
                ),
            )
            .with_label(t!(lang, "{n} saknas", "{n} missing"))
            .with_help(t!(
                lang,
                "kör `plan county update` för att skriva länets text till kopian",
                "run `plan county update` to write the county's text to the copy"
            )),
        );
    }
    for area in &plan.goal_areas {
        let mut extra: Vec<(&str, Span)> = Vec::new();
        match texts.areas.iter().find(|a| a.id == area.id.value.as_str()) {
            // A målområde of its own: its inriktningar come with it.
            None => extra.push((area.id.value.as_str(), area.id.span)),
            Some(decided_area) => {
                for d in &area.directions {
                    let id = d.id.value.as_str();
                    if !decided_area.directions.iter().any(|(x, _)| x == id) {
                        extra.push((id, d.id.span));
                    }
                }
            }
        }
        for (id, at) in extra {
            let id = sanitize(id);
            out.push(
                Diagnostic::new(
                    META.code,
                    at,
                    t!(
                        lang,
                        "`{id}` finns inte där i länets beslutade handlingsplan ({date})",
                        "`{id}` is not there in the county's decided plan ({date})"
                    ),
                )
                .with_help(t!(
                    lang,
                    "länets text ändras bara av länet; egna utvecklingsområden hör hemma i den lokala handlingsplanen",
                    "only the county changes its text; your own utvecklingsområden belong in the local handlingsplan"
                )),
            );
        }
    }
}

/// What changed, in a few words: "`regionala` i stället för `lokala`".
fn describe(pieces: &[WordOp], lang: Lang) -> String {
    let mut parts = Vec::new();
    let mut i = 0;
    let changes = pieces.iter().filter(|p| p.op != WordTag::Equal).count();
    let mut shown = 0;
    while i < pieces.len() && parts.len() < 3 {
        let quote = |s: &str| format!("`{}`", sanitize(s.trim()));
        match &pieces[i..] {
            [a, b, ..]
                if matches!((a.op, b.op), (WordTag::Delete, WordTag::Insert) | (WordTag::Insert, WordTag::Delete)) =>
            {
                let (old, new) = if a.op == WordTag::Delete { (a, b) } else { (b, a) };
                let (new, old) = (quote(&new.text), quote(&old.text));
                parts.push(t!(lang, "{new} i stället för {old}", "{new} instead of {old}"));
                shown += 2;
                i += 2;
                continue;
            }
            [WordOp { op: WordTag::Delete, text }, ..] => {
                let old = quote(text);
                parts.push(t!(lang, "{old} saknas", "{old} is missing"));
                shown += 1;
            }
            [WordOp { op: WordTag::Insert, text }, ..] => {
                let new = quote(text);
                parts.push(t!(lang, "{new} har lagts till", "{new} was added"));
                shown += 1;
            }
            _ => {}
        }
        i += 1;
    }
    let mut text = parts.join(", ");
    if text.is_empty() {
        text = lang.pick("texten saknas", "the text is missing").to_owned();
    } else if changes > shown {
        text.push_str(", …");
    }
    text
}

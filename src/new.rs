//! `plan new activity`: append a skeleton activity to an aktivitetsplan, with the next free id.
//!
//! Analysts number activities `LAN-2024-01`, `LAN-2024-02`, … The next id continues the
//! plan's own numbering (same prefix, same zero padding) and is checked against every id
//! in the repository, so the new activity never collides. The skeleton holds the keys an
//! activity needs; what the user did not give stays empty for `plan check` to point at.

use crate::edit::{Document, Order, Seg, Value};
use crate::error::Error;
use crate::import::{Outcome, read_plan_file, write_plan_file};
use crate::lang::Lang;
use crate::model::index::Kind;
use crate::model::{Entity, Plan, Status};
use crate::suggest::did_you_mean;
use crate::t;
use std::path::Path;

/// What `plan new activity` was asked for.
#[derive(Debug, Clone, Default)]
pub struct NewActivity {
    /// The aktivitetsplan's id.
    pub plan: String,
    /// The title, if given.
    pub title: Option<String>,
    /// The responsible organisation's id, if given.
    pub owner: Option<String>,
    /// Strategiska inriktningar.
    pub directions: Vec<String>,
}

/// Splits an id into the text before its trailing digits and those digits.
fn split_number(id: &str) -> Option<(&str, &str)> {
    let digits = id.len() - id.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    (digits > 0).then(|| id.split_at(id.len() - digits))
}

/// The next id after `ids` (a plan's activity ids, in file order) that `taken` does not hold.
pub fn next_id(plan_id: &str, ids: &[&str], taken: impl Fn(&str) -> bool) -> String {
    // The numbering of the last numbered activity is the plan's numbering.
    let (prefix, width, mut n) = match ids.iter().rev().find_map(|id| split_number(id)) {
        Some((prefix, _)) => {
            let numbers: Vec<&str> =
                ids.iter().filter_map(|id| split_number(id)).filter(|(p, _)| *p == prefix).map(|(_, d)| d).collect();
            let width = numbers.iter().map(|d| d.len()).max().unwrap_or(2);
            // Numbers of 19 digits or more are not a numbering anyone counts on (and one more
            // than the largest u64 would wrap around to 0).
            let max = numbers.iter().filter(|d| d.len() <= 18).filter_map(|d| d.parse::<u64>().ok()).max().unwrap_or(0);
            (prefix.to_owned(), width, max + 1)
        }
        None => (format!("{}-", plan_id.to_uppercase()), 2, 1),
    };
    loop {
        let id = format!("{prefix}{n:0width$}");
        if !taken(&id) {
            return id;
        }
        n += 1;
    }
}

fn unknown(lang: Lang, what: &str, id: &str, candidates: Vec<&str>) -> String {
    let hint = match did_you_mean(id, candidates.iter().copied()) {
        Some(s) => t!(lang, "; menade du `{s}`?", "; did you mean `{s}`?"),
        None => String::new(),
    };
    t!(lang, "det finns ingen {what} `{id}`{hint}", "there is no {what} `{id}`{hint}")
}

/// Appends the activity to the plan's file; the outcome says the new id and `file:line`.
pub fn new_activity(plan: &Plan, args: &NewActivity, lang: Lang) -> Result<Outcome, Error> {
    let id = args.plan.as_str();
    let Some(Entity::ActivityPlan(p)) = plan.index.get(id) else {
        let what = t!(lang, "aktivitetsplan", "aktivitetsplan");
        return Err(Error::Usage(unknown(lang, &what, id, plan.index.ids_of(Kind::ActivityPlan).collect())));
    };
    if let Some(owner) = &args.owner
        && !matches!(plan.index.get(owner), Some(Entity::Organisation(_)))
    {
        let what = t!(lang, "organisation", "organisation");
        return Err(Error::Usage(unknown(lang, &what, owner, plan.index.ids_of(Kind::Organisation).collect())));
    }
    for d in &args.directions {
        if !matches!(plan.index.get(d), Some(Entity::Direction(..))) {
            let what = t!(lang, "strategisk inriktning", "strategic direction");
            return Err(Error::Usage(unknown(lang, &what, d, plan.index.ids_of(Kind::Direction).collect())));
        }
    }
    let ap = &plan.activity_plans[p];
    let source = plan.sources.get(ap.id.span.file);
    let ids: Vec<&str> = ap.activities.iter().map(|a| a.id.value.as_str()).collect();
    let new_id = next_id(id, &ids, |candidate| plan.index.get(candidate).is_some());
    let (text, bom) = read_plan_file(&source.path, lang)?;
    let mut doc = Document::new(text);
    let item = Value::BlockMap(vec![
        ("id".into(), Value::Str(new_id.clone())),
        ("titel".into(), Value::Str(args.title.clone().unwrap_or_default())),
        ("inriktningar".into(), Value::Flow(args.directions.iter().cloned().map(Value::Str).collect())),
        ("ansvarig".into(), Value::Str(args.owner.clone().unwrap_or_default())),
        ("status".into(), Value::str("planerad")),
    ]);
    let list = [Seg::Key("aktiviteter")];
    let edited = if doc.is_block_list(&list) {
        doc.push(&list, &item)
    } else {
        doc.set(
            &[],
            "aktiviteter",
            &Value::BlockSeq(vec![item]),
            Order::Format(crate::model::schema::Def::ActivityPlan),
        )
    };
    edited.map_err(|e| Error::Input(format!("{}: {}", source.name, e.message(lang))))?;
    let line = doc
        .find_item(&list, "id", &new_id)
        .and_then(|i| {
            doc.inspect(&[Seg::Key("aktiviteter"), Seg::Index(i), Seg::Key("id")], |n| n.map(|n| n.span.start.line))
        })
        .unwrap_or(1);
    write_plan_file(&source.path, doc.text(), bom)?;
    Ok(Outcome { out: format!("{new_id} {}:{line}\n", source.name), ..Outcome::default() })
}

/// What `plan new aktivitetsplan` was asked for.
#[derive(Debug, Clone)]
pub struct NewActivityPlan<'a> {
    /// The id of the aktivitetsplan whose unfinished work is carried over.
    pub from: String,
    /// The new plan's year.
    pub year: i32,
    /// The new plan's id; by default the old id with its year replaced.
    pub id: Option<String>,
    /// The file to write; by default beside the old plan, its name with the year replaced.
    pub into: Option<&'a Path>,
}

/// Whether an activity of this status is carried into the next year: everything not done
/// and not cancelled.
pub fn carried(status: Option<Status>) -> bool {
    !matches!(status, Some(Status::Done | Status::Cancelled))
}

/// The status a carried activity starts the new year with. `försenad` was late against last
/// year's end date; in the new year it has a new one and is simply under way.
pub fn carried_status(status: Option<Status>) -> Status {
    match status {
        None | Some(Status::Planned) => Status::Planned,
        Some(Status::Ongoing | Status::Delayed) => Status::Ongoing,
        Some(Status::Paused) => Status::Paused,
        Some(s @ (Status::Done | Status::Cancelled)) => s,
    }
}

/// `text` with the year `from` replaced by `to` where it stands as a year (four digits not
/// part of a longer number); `None` when it holds no such year.
pub fn with_year(text: &str, from: i32, to: i32) -> Option<String> {
    let (from, to) = (from.to_string(), to.to_string());
    let mut out = String::new();
    let mut rest = text;
    let mut found = false;
    while let Some(at) = rest.find(&from) {
        let before = rest[..at].chars().next_back();
        let after = rest[at + from.len()..].chars().next();
        out.push_str(&rest[..at]);
        if before.is_some_and(|c| c.is_ascii_digit()) || after.is_some_and(|c| c.is_ascii_digit()) {
            out.push_str(&from);
        } else {
            out.push_str(&to);
            found = true;
        }
        rest = &rest[at + from.len()..];
    }
    out.push_str(rest);
    found.then_some(out)
}

/// Writes next year's aktivitetsplan with every unfinished activity of `from` carried over:
/// a new id (the old one with the new year, or the plan's next number), `fortsätter:` the
/// old id, the same title, traces, owner, uppdrag and description, a status for a new year
/// (`försenad` becomes `pågående`) and no dates or follow-ups of the old year.
pub fn new_activity_plan(
    root: &Path,
    config: &crate::config::Config,
    options: &crate::run::CheckOptions,
    before: &crate::check::Checked,
    args: &NewActivityPlan<'_>,
) -> Result<Outcome, Error> {
    let (plan, lang) = (&before.plan, options.lang);
    let from_id = args.from.as_str();
    let Some(Entity::ActivityPlan(p)) = plan.index.get(from_id) else {
        let what = t!(lang, "aktivitetsplan", "aktivitetsplan");
        return Err(Error::Usage(unknown(lang, &what, from_id, plan.index.ids_of(Kind::ActivityPlan).collect())));
    };
    let old = &plan.activity_plans[p];
    let year = args.year;
    // What is carried over is what the old plan says; with errors in its file (a duplicate
    // id, an unreadable activity) that is not known for sure.
    let errors = before
        .diagnostics
        .iter()
        .filter(|d| d.severity == crate::diagnostic::Severity::Error && d.span.file == old.id.span.file)
        .count();
    if errors > 0 {
        let file = crate::escape::Terminal(&plan.sources.get(old.id.span.file).name).to_string();
        let n = crate::lang::ui::count(lang, errors, crate::lang::ui::ERRORS);
        return Err(Error::Usage(t!(
            lang,
            "{file} har {n}; rätta dem först (`plan check` visar var), så att det som förs över är det planen säger",
            "{file} has {n}; fix them first (`plan check` shows where), so that what is carried over is what the plan says"
        )));
    }
    let Some(old_year) = old.year.as_ref().map(|y| y.value) else {
        return Err(Error::Usage(t!(
            lang,
            "aktivitetsplanen `{from_id}` har inget `år`; skriv in det först (`plan check` visar var)",
            "the aktivitetsplan `{from_id}` has no `år`; write it first (`plan check` shows where)"
        )));
    };
    if year <= old_year {
        return Err(Error::Usage(t!(
            lang,
            "året {year} ligger inte efter `{from_id}`:s år {old_year}; arbetet förs över till ett senare år",
            "the year {year} is not after `{from_id}`'s year {old_year}; work is carried into a later year"
        )));
    }
    // Each activity is carried over once: a second run, for the same year or another, would
    // continue the same work twice.
    for later in plan.activity_plans.iter() {
        for act in &later.activities {
            let Some(old_act) = act.continues.as_ref().map(|c| c.value.as_str()) else { continue };
            if !old.activities.iter().any(|a| a.id.value.as_str() == old_act) {
                continue;
            }
            let (new_act, in_plan) = (act.id.value.as_str(), later.id.value.as_str());
            let file = crate::escape::Terminal(&plan.sources.get(later.id.span.file).name).to_string();
            return Err(Error::Usage(t!(
                lang,
                "`{from_id}` är redan överförd: `{old_act}` fortsätter i `{new_act}` i aktivitetsplanen `{in_plan}` ({file}); en aktivitet förs över en gång, så lägg till i den planen med `plan new activity --plan {in_plan}`",
                "`{from_id}` has been carried over already: `{old_act}` continues as `{new_act}` in the aktivitetsplan `{in_plan}` ({file}); an activity is carried over once, so add to that plan with `plan new activity --plan {in_plan}`"
            )));
        }
    }
    let action_plan = old.action_plan.as_ref().map(|a| a.value.0.clone()).unwrap_or_default();
    if let Some(period) = plan.action_plan(&action_plan).and_then(|a| plan.action_plans[a].period.as_ref())
        && !period.contains(year)
    {
        let (first, last) = (period.from.value, period.to.value);
        return Err(Error::Usage(t!(
            lang,
            "{year} ligger utanför handlingsplanen `{action_plan}`:s period {first}–{last}",
            "{year} lies outside the handlingsplan `{action_plan}`'s period {first}–{last}"
        )));
    }

    let new_id = match &args.id {
        Some(id) => id.clone(),
        None => with_year(from_id, old_year, year).unwrap_or_else(|| format!("{from_id}-{year}")),
    };
    if !crate::model::ids::is_valid_id(&new_id) {
        let shown = crate::escape::Terminal(&new_id).to_string();
        return Err(Error::Usage(t!(
            lang,
            "`{shown}` är inget giltigt id: ett id börjar med en bokstav eller siffra och har bara bokstäver, siffror, `.`, `_` och `-`",
            "`{shown}` is not a valid id: an id starts with a letter or digit and has only letters, digits, `.`, `_` and `-`"
        )));
    }
    if plan.index.get(&new_id).is_some() {
        return Err(Error::Usage(t!(
            lang,
            "id:t `{new_id}` finns redan i repositoriet; välj ett annat med --id",
            "the id `{new_id}` already exists in the repository; choose another with --id"
        )));
    }
    let old_source = plan.sources.get(old.id.span.file);
    // Shown as given, or by default as the old plan's file is named in findings.
    let (into, shown) = match args.into {
        Some(into) => (into.to_path_buf(), into.display().to_string()),
        None => {
            let name = old_source.path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            let name = with_year(name, old_year, year).unwrap_or_else(|| format!("aktivitetsplan-{year}.yaml"));
            (
                old_source.path.with_file_name(&name),
                Path::new(&old_source.name).with_file_name(&name).display().to_string(),
            )
        }
    };
    let place = crate::import::refuse_target(root, config, &into, lang)?;
    let shown = crate::escape::Terminal(&shown).to_string();
    if place.exists() {
        return Err(Error::Usage(t!(
            lang,
            "{shown} finns redan; `plan new aktivitetsplan` skriver aldrig över en fil (ange en annan med --into)",
            "{shown} already exists; `plan new aktivitetsplan` never overwrites a file (give another with --into)"
        )));
    }

    // New ids: unique in the repository and in this new plan.
    let mut given: Vec<String> = vec![new_id.clone()];
    // `numbered`: the ids given so far of the same kind; `kind`: what sets the kind's
    // numbering apart (`-up` for uppdrag: `LAN-2026-UP-01`), for ids without the year.
    let mut fresh = |candidate: Option<String>, numbered: &[String], kind: &str| -> String {
        let taken = |c: &str| plan.index.get(c).is_some() || given.iter().any(|g| g == c);
        let id = match candidate {
            Some(c) if !taken(&c) => c,
            _ => {
                let ids: Vec<&str> = numbered.iter().map(String::as_str).collect();
                next_id(&format!("{new_id}{kind}"), &ids, taken)
            }
        };
        given.push(id.clone());
        id
    };

    let (carry, left): (Vec<&crate::model::Activity>, Vec<_>) =
        old.activities.iter().partition(|a| carried(a.status.as_ref().map(|s| s.value)));
    let mut assignments = Vec::new();
    let mut assignment_ids: Vec<(&str, String)> = Vec::new();
    for asg in &old.assignments {
        let id = asg.id.value.as_ref();
        if !carry.iter().any(|a| a.assignment.as_ref().is_some_and(|r| r.value.as_ref() == id)) {
            continue;
        }
        let numbered: Vec<String> = assignment_ids.iter().map(|(_, n)| n.clone()).collect();
        let new = fresh(with_year(id, old_year, year), &numbered, "-up");
        let mut fields = vec![("id".to_owned(), Value::Str(new.clone()))];
        fields.push(("namn".into(), Value::Str(asg.name.as_ref().map(|n| n.value.clone()).unwrap_or_default())));
        if let Some(owner) = &asg.owner {
            fields.push(("ansvarig".into(), Value::str(owner.value.as_ref())));
        }
        if let Some(d) = &asg.description {
            fields.push(("beskrivning".into(), Value::Str(d.value.clone())));
        }
        assignments.push(Value::BlockMap(fields));
        assignment_ids.push((id, new));
    }

    let mut activities = Vec::new();
    let mut numbered: Vec<String> = Vec::new();
    let mut lines = Vec::new();
    for act in &carry {
        let old_act = act.id.value.as_ref();
        let id = fresh(with_year(old_act, old_year, year), &numbered, "");
        numbered.push(id.clone());
        let mut fields = vec![
            ("id".to_owned(), Value::Str(id.clone())),
            ("titel".into(), Value::Str(act.title.as_ref().map(|t| t.value.clone()).unwrap_or_default())),
            ("fortsätter".into(), Value::str(old_act)),
        ];
        if let Some(asg) = &act.assignment {
            let new = assignment_ids.iter().find(|(old, _)| *old == asg.value.as_ref()).map(|(_, n)| n.clone());
            fields.push(("uppdrag".into(), Value::Str(new.unwrap_or_else(|| asg.value.as_ref().to_owned()))));
        }
        if let Some(d) = &act.description {
            fields.push(("beskrivning".into(), Value::Str(d.value.clone())));
        }
        fn list<T: AsRef<str>>(v: &[crate::source::Spanned<T>]) -> Value {
            Value::Flow(v.iter().map(|r| Value::str(r.value.as_ref())).collect())
        }
        if !act.directions.is_empty() {
            fields.push(("inriktningar".into(), list(&act.directions)));
        }
        if !act.focus_areas.is_empty() {
            fields.push(("utvecklingsområden".into(), list(&act.focus_areas)));
        }
        fields.push(("ansvarig".into(), Value::str(act.owner.as_ref().map(|o| o.value.as_ref()).unwrap_or_default())));
        if !act.contributors.is_empty() {
            fields.push(("medverkande".into(), list(&act.contributors)));
        }
        if !act.topics.is_empty() {
            fields.push(("sakområden".into(), list(&act.topics)));
        }
        if let Some(p) = &act.prioritised {
            fields.push(("prioriterad".into(), Value::Bool(p.value)));
        }
        let status = carried_status(act.status.as_ref().map(|s| s.value));
        fields.push(("status".into(), Value::str(status.as_str())));
        activities.push(Value::BlockMap(fields));
        let word = status.as_str();
        lines.push(t!(lang, "  {id} fortsätter {old_act} ({word})", "  {id} continues {old_act} ({word})"));
    }

    let mut top = vec![("typ".to_owned(), Value::str("aktivitetsplan")), ("id".into(), Value::Str(new_id.clone()))];
    if let Some(name) = &old.name {
        let name = with_year(&name.value, old_year, year).unwrap_or_else(|| name.value.clone());
        top.push(("namn".into(), Value::Str(name)));
    }
    top.push(("handlingsplan".into(), Value::Str(action_plan)));
    top.push(("år".into(), Value::Int(year.into())));
    if !assignments.is_empty() {
        top.push(("uppdrag".into(), Value::BlockSeq(assignments)));
    }
    use crate::edit::emit::{after_key, item, key_text};
    let mut text = format!(
        "# Aktivitetsplan för {year}, påbörjad med `plan new aktivitetsplan`: de ofärdiga\n\
         # aktiviteterna från {old_year} är överförda och säger vilken de fortsätter (`fortsätter`).\n"
    );
    for (k, v) in &top {
        text.push_str(&format!("{}:{}\n", key_text(k, false), after_key(v, 0, false, "\n")));
    }
    // One blank line between activities, as people write them by hand.
    let items: Vec<String> = activities.iter().map(|a| format!("  - {}\n", item(a, 2, "\n"))).collect();
    text.push_str(if items.is_empty() { "aktiviteter: []\n" } else { "aktiviteter:\n" });
    text.push_str(&items.join("\n"));
    crate::import::check_plan_size(&shown, &text, false, lang)?;
    crate::import::stage_plan_file(&place, &text, false).and_then(|s| s.commit_new()).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => Error::Usage(t!(
            lang,
            "{shown} skapades av något annat medan planen skrevs; inget skrevs över",
            "{shown} was created by something else while the plan was written; nothing was overwritten"
        )),
        _ => Error::io(&place, e),
    })?;

    let mut outcome = Outcome::default();
    let n = carry.len();
    let carried_n = crate::lang::ui::count(lang, n, ("aktivitet", "aktiviteter", "activity", "activities"));
    outcome.say(t!(
        lang,
        "{shown}: ny aktivitetsplan `{new_id}` för {year} med {carried_n} från `{from_id}` (skrivet)",
        "{shown}: new aktivitetsplan `{new_id}` for {year} with {carried_n} from `{from_id}` (written)"
    ));
    lines.into_iter().for_each(|l| outcome.say(l));
    if !left.is_empty() {
        let ids = left.iter().map(|a| a.id.value.as_ref()).collect::<Vec<_>>().join(", ");
        outcome.say(t!(
            lang,
            "klara eller avbrutna, inte överförda: {ids}",
            "done or cancelled, not carried over: {ids}"
        ));
    }
    crate::import::report_check(root, config, options, before, &mut outcome, ("den nya planen", "the new plan"))?;
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::next_id;

    #[test]
    fn the_next_id_continues_the_numbering_and_skips_taken_ids() {
        assert_eq!(next_id("lan-2024", &["LAN-2024-01", "LAN-2024-07"], |_| false), "LAN-2024-08");
        assert_eq!(next_id("lan-2024", &["LAN-2024-009"], |_| false), "LAN-2024-010");
        assert_eq!(next_id("lan-2024", &["LAN-2024-99"], |_| false), "LAN-2024-100");
        assert_eq!(next_id("lan-2024", &[], |_| false), "LAN-2024-01");
        assert_eq!(next_id("lan-2024", &["A1", "A2"], |id| id == "A3"), "A4");
        assert_eq!(next_id("x", &["utan-nummer"], |_| false), "X-01");
        // A number too large to count on does not wrap around; the next id is still new.
        assert_eq!(next_id("n", &["N-18446744073709551615"], |_| false), "N-00000000000000000001");
        assert_eq!(next_id("n", &["N-18446744073709551615", "N-02"], |_| false), "N-00000000000000000003");
    }
}

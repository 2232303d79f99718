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
use crate::model::{Entity, Plan};
use crate::suggest::did_you_mean;
use crate::t;

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

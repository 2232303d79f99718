//! `plan list`: activities, directions or organisations, filtered, as a text table for
//! people or as the same flat tables `plan export` writes (JSON or CSV) for scripts.
//!
//! Filter values are validated against the plan before anything is listed: an unknown
//! owner, direction, plan or status is a usage error with a did-you-mean, because an empty
//! list caused by a typo looks exactly like a true "nothing matches". A filter that does
//! not apply to the listed kind is refused for the same reason.

use crate::error::Error;
use crate::lang::Lang;
use crate::model::index::Kind;
use crate::model::{Entity, Plan, Status};
use crate::suggest::did_you_mean;
use crate::t;
use crate::table::{Cell, Table, activities, directions, organisations};

/// What `plan list` lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ListKind {
    /// Activities.
    #[value(alias = "aktiviteter")]
    Activities,
    /// Strategic directions.
    #[value(alias = "inriktningar")]
    Directions,
    /// Organisations.
    #[value(alias = "organisationer")]
    Organisations,
}

/// Output formats of `plan list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ListFormat {
    /// Aligned text columns for people.
    #[default]
    Table,
    /// The `plan export` JSON of the listed rows.
    Json,
    /// The `plan export` CSV of the listed rows.
    Csv,
}

/// Filters as given on the command line.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// `--owner`: an organisation id or exact name (activities); its parts (`del_av`) count.
    pub owner: Option<String>,
    /// `--status`: a status word (activities): the format's, one `words` maps, or a synonym.
    pub status: Option<String>,
    /// `plan.toml`'s `[import.status]`: the analyst's own status words.
    pub status_words: std::collections::BTreeMap<String, String>,
    /// `--year`: the aktivitetsplan's year (activities).
    pub year: Option<i32>,
    /// `--direction`: a strategic direction id (activities).
    pub direction: Option<String>,
    /// `--plan`: an aktivitetsplan or handlingsplan id (activities, directions).
    pub plan: Option<String>,
    /// `--goal-area`: a målområde id (activities, directions).
    pub goal_area: Option<String>,
}

/// The filters, resolved against the plan.
struct Resolved {
    /// The owner and its parts.
    owner: Option<Vec<String>>,
    status: Option<Status>,
    year: Option<i32>,
    direction: Option<Entity>,
    plan: Option<String>,
    /// The målområde, as `(handlingsplan, index)`.
    goal_area: Option<(usize, usize)>,
}

/// The listed rows as a table (the export columns), or a usage error in `lang`.
pub fn table(plan: &Plan, kind: ListKind, filters: &Filters, lang: Lang) -> Result<Table, Error> {
    refuse_inapplicable(kind, filters, lang)?;
    let r = resolve(plan, kind, filters, lang)?;
    Ok(match kind {
        ListKind::Activities => activities::table(plan, |e| keep_activity(plan, &r, e)),
        ListKind::Directions => {
            let chain: Option<Vec<usize>> =
                r.plan.as_deref().and_then(|id| plan.action_plan(id)).map(|p| plan.chain(p));
            directions::table(plan, |e| {
                let Entity::Direction(p, g, _) = e else { return true };
                chain.as_ref().is_none_or(|chain| chain.contains(&p)) && r.goal_area.is_none_or(|area| area == (p, g))
            })
        }
        ListKind::Organisations => organisations::table(plan),
    })
}

fn refuse_inapplicable(kind: ListKind, f: &Filters, lang: Lang) -> Result<(), Error> {
    let given = [
        ("--owner", f.owner.is_some()),
        ("--status", f.status.is_some()),
        ("--year", f.year.is_some()),
        ("--direction", f.direction.is_some()),
        ("--plan", f.plan.is_some()),
        ("--goal-area", f.goal_area.is_some()),
    ];
    let applies = |flag: &str| match kind {
        ListKind::Activities => true,
        ListKind::Directions => matches!(flag, "--plan" | "--goal-area"),
        ListKind::Organisations => false,
    };
    if let Some((flag, _)) = given.iter().find(|(flag, set)| *set && !applies(flag)) {
        let what = kind_name(kind);
        return Err(Error::Usage(t!(
            lang,
            "`{flag}` gäller inte för `plan list {what}`",
            "`{flag}` does not apply to `plan list {what}`"
        )));
    }
    Ok(())
}

/// The kind as typed on the command line.
fn kind_name(kind: ListKind) -> &'static str {
    match kind {
        ListKind::Activities => "activities",
        ListKind::Directions => "directions",
        ListKind::Organisations => "organisations",
    }
}

/// ", menade du `x`?" when something is close.
fn hint(lang: Lang, suggestion: Option<&str>) -> String {
    match suggestion {
        Some(s) => t!(lang, "; menade du `{s}`?", "; did you mean `{s}`?"),
        None => String::new(),
    }
}

fn resolve(plan: &Plan, kind: ListKind, f: &Filters, lang: Lang) -> Result<Resolved, Error> {
    let owner = match f.owner.as_deref() {
        None => None,
        Some(given) => Some(plan.organisation_and_parts(&resolve_owner(plan, given, lang)?)),
    };
    let status = match f.status.as_deref() {
        None => None,
        Some(given) => Some(Status::from_word(given, &f.status_words).ok_or_else(|| {
            let mut words: Vec<&str> = Status::words().collect();
            words.extend(f.status_words.keys().map(String::as_str));
            words.extend(Status::SYNONYMS.iter().map(|(w, _)| *w));
            let h = hint(lang, did_you_mean(given, words));
            let all = Status::listed();
            Error::Usage(t!(
                lang,
                "okänd status `{given}`{h} (möjliga: {all})",
                "unknown status `{given}`{h} (possible: {all})"
            ))
        })?),
    };
    let direction = match f.direction.as_deref() {
        None => None,
        Some(given) => match plan.index.get(given) {
            Some(e @ Entity::Direction(..)) => Some(e),
            _ => {
                let h = hint(lang, did_you_mean(given, plan.index.ids_of(Kind::Direction)));
                return Err(Error::Usage(t!(
                    lang,
                    "`{given}` är ingen strategisk inriktning{h}",
                    "`{given}` is not a strategic direction{h}"
                )));
            }
        },
    };
    let plan_id = match f.plan.as_deref() {
        None => None,
        Some(given) => {
            let ok = matches!(
                (kind, plan.index.get(given)),
                (ListKind::Activities, Some(Entity::ActivityPlan(_) | Entity::ActionPlan(_)))
                    | (ListKind::Directions, Some(Entity::ActionPlan(_)))
            );
            if !ok {
                let candidates: Vec<&str> = match kind {
                    ListKind::Activities => {
                        plan.index.ids_of(Kind::ActivityPlan).chain(plan.index.ids_of(Kind::ActionPlan)).collect()
                    }
                    _ => plan.index.ids_of(Kind::ActionPlan).collect(),
                };
                let h = hint(lang, did_you_mean(given, candidates));
                return Err(Error::Usage(match kind {
                    ListKind::Activities => t!(
                        lang,
                        "`{given}` är ingen aktivitetsplan eller handlingsplan{h}",
                        "`{given}` is not an activity plan or action plan{h}"
                    ),
                    _ => t!(lang, "`{given}` är ingen handlingsplan{h}", "`{given}` is not an action plan{h}"),
                }));
            }
            Some(given.to_owned())
        }
    };
    let goal_area = match f.goal_area.as_deref() {
        None => None,
        Some(given) => match plan.index.get(given) {
            Some(Entity::GoalArea(p, g)) => Some((p, g)),
            Some(Entity::Direction(..)) => {
                return Err(Error::Usage(t!(
                    lang,
                    "`{given}` är en strategisk inriktning, inget målområde: använd `--direction {given}`",
                    "`{given}` is a strategic direction, not a goal area: use `--direction {given}`"
                )));
            }
            _ => {
                let h = hint(lang, did_you_mean(given, plan.index.ids_of(Kind::GoalArea)));
                return Err(Error::Usage(t!(
                    lang,
                    "`{given}` är inget målområde{h}",
                    "`{given}` is not a goal area{h}"
                )));
            }
        },
    };
    Ok(Resolved { owner, status, year: f.year, direction, plan: plan_id, goal_area })
}

/// An organisation id, or the id of the organisation with this exact name (any case).
fn resolve_owner(plan: &Plan, given: &str, lang: Lang) -> Result<String, Error> {
    if let Some(Entity::Organisation(_)) = plan.index.get(given) {
        return Ok(given.to_owned());
    }
    let wanted = given.trim().to_lowercase();
    if let Some(org) =
        plan.organisations.iter().find(|o| o.name.as_ref().is_some_and(|n| n.value.trim().to_lowercase() == wanted))
    {
        return Ok(org.id.value.0.clone());
    }
    let names = plan.organisations.iter().filter_map(|o| o.name.as_ref().map(|n| n.value.as_str()));
    let h = hint(lang, did_you_mean(given, plan.index.ids_of(Kind::Organisation).chain(names)));
    Err(Error::Usage(t!(
        lang,
        "`{given}` är varken id eller namn på någon organisation{h}",
        "`{given}` is neither the id nor the name of an organisation{h}"
    )))
}

fn keep_activity(plan: &Plan, r: &Resolved, e: Entity) -> bool {
    let Entity::Activity(p, i) = e else { return false };
    let ap = &plan.activity_plans[p];
    let act = &ap.activities[i];
    let traced = || plan.traced_directions(act);
    r.owner.as_ref().is_none_or(|o| act.owner.as_ref().is_some_and(|a| o.contains(&a.value.0)))
        && r.status.is_none_or(|s| act.status.as_ref().is_some_and(|a| a.value == s))
        && r.year.is_none_or(|y| ap.year.as_ref().is_some_and(|a| a.value == y))
        && r.direction.is_none_or(|d| traced().contains(&d))
        && r.goal_area.is_none_or(|(gp, gg)| {
            traced().iter().any(|d| matches!(*d, Entity::Direction(p, g, _) if (p, g) == (gp, gg)))
        })
        && r.plan
            .as_ref()
            .is_none_or(|id| &ap.id.value.0 == id || ap.action_plan.as_ref().is_some_and(|h| &h.value.0 == id))
}

/// The line shown when nothing matches.
pub fn nothing_found(kind: ListKind, lang: Lang) -> String {
    match kind {
        ListKind::Activities => {
            t!(lang, "Inga aktiviteter matchar urvalet.", "No activities match the filters.")
        }
        ListKind::Directions => {
            t!(lang, "Inga strategiska inriktningar matchar urvalet.", "No strategic directions match the filters.")
        }
        ListKind::Organisations => t!(lang, "Inga organisationer finns.", "There are no organisations."),
    }
}

/// The key columns shown as text: (header in each language, the table column), and the
/// index of the one column that is shortened to fit a terminal.
fn view(kind: ListKind) -> (&'static [(&'static str, &'static str, &'static str)], usize) {
    match kind {
        ListKind::Activities => (
            &[
                ("id", "id", activities::ID),
                ("titel", "title", activities::TITLE),
                ("ansvarig", "owner", activities::OWNER_NAME),
                ("status", "status", activities::STATUS),
                ("slut", "end", activities::END),
            ],
            1,
        ),
        ListKind::Directions => (
            &[
                ("id", "id", directions::ID),
                ("målområde", "goal area", directions::GOAL_AREA),
                ("aktiviteter", "activities", directions::ACTIVITIES),
                ("text", "text", directions::TEXT),
            ],
            3,
        ),
        ListKind::Organisations => (
            &[
                ("id", "id", organisations::ID),
                ("namn", "name", organisations::ORG_NAME),
                ("kategori", "category", organisations::CATEGORY),
            ],
            1,
        ),
    }
}

/// The table as aligned text columns with headers in `lang`; with `width` (a terminal's),
/// the long column is shortened with `…` so each row fits on one line.
pub fn text(table: &Table, kind: ListKind, lang: Lang, width: Option<usize>) -> String {
    let (columns, flexible) = view(kind);
    let index: Vec<usize> =
        columns.iter().map(|(_, _, c)| table.columns.iter().position(|t| t == c).unwrap_or(0)).collect();
    let header: Vec<String> =
        columns.iter().map(|(sv, en, _)| if lang == Lang::Sv { (*sv).to_owned() } else { (*en).to_owned() }).collect();
    let mut lines: Vec<Vec<String>> = vec![header];
    for row in &table.rows {
        let mut cells: Vec<String> = index.iter().map(|&i| one_line(row.get(i))).collect();
        // An owner without a name is shown by id.
        if kind == ListKind::Activities && cells[2].is_empty() {
            let owner = table.columns.iter().position(|c| *c == activities::OWNER).and_then(|i| row.get(i));
            cells[2] = one_line(owner);
        }
        // As on the site, an activity without `slut` ends with its plan's year.
        if kind == ListKind::Activities && cells[4].is_empty() {
            let year = table.columns.iter().position(|c| *c == activities::YEAR).and_then(|i| row.get(i));
            if let Some(Cell::Number(year)) = year {
                let due = crate::model::year_bounds(*year as i32).map(|(_, last)| last.to_string());
                cells[4] = due.unwrap_or_default();
            }
        }
        lines.push(cells);
    }
    let mut widths: Vec<usize> =
        (0..columns.len()).map(|c| lines.iter().map(|l| l[c].chars().count()).max().unwrap_or(0)).collect();
    if let Some(width) = width {
        let others: usize = widths.iter().enumerate().filter(|(c, _)| *c != flexible).map(|(_, w)| w + 2).sum();
        let room = width.saturating_sub(others).max(12);
        if widths[flexible] > room {
            widths[flexible] = room;
            for line in &mut lines {
                line[flexible] = shorten(&line[flexible], room);
            }
        }
    }
    let mut out = String::new();
    for line in &lines {
        let mut text = String::new();
        for (c, cell) in line.iter().enumerate() {
            if c + 1 == line.len() {
                text.push_str(cell);
            } else {
                let pad = widths[c].saturating_sub(cell.chars().count());
                text.push_str(cell);
                text.push_str(&" ".repeat(pad + 2));
            }
        }
        out.push_str(text.trim_end());
        out.push('\n');
    }
    out
}

/// A cell on one line: line breaks become spaces.
/// A cell on one line for the terminal, its control characters shown as escapes
/// ([`crate::escape::terminal`]) before the columns are measured.
fn one_line(cell: Option<&Cell>) -> String {
    let text = cell.map(Cell::display).unwrap_or_default().split_whitespace().collect::<Vec<_>>().join(" ");
    crate::escape::terminal(&text).into_owned()
}

/// The text cut to `max` characters, the last one `…`.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::{ListKind, shorten, text};
    use crate::lang::Lang;
    use crate::table::{Cell, Table, organisations};

    #[test]
    fn a_terminal_width_shortens_only_the_long_column() {
        let row = |id: &str, name: &str| {
            let mut cells = vec![Cell::Text(id.into()), Cell::Text(name.into()), Cell::Text("kommun".into())];
            cells.resize(organisations::COLUMNS.len(), Cell::Empty);
            cells
        };
        let table = Table {
            name: organisations::NAME,
            columns: organisations::COLUMNS.into(),
            rows: vec![row("a", "Ett mycket långt namn på en förvaltning"), row("bb", "Kort")],
        };
        let shown = text(&table, ListKind::Organisations, Lang::En, Some(30));
        assert_eq!(
            shown,
            "id  name              category\na   Ett mycket lång…  kommun\nbb  Kort              kommun\n"
        );
        assert!(shown.lines().all(|l| l.chars().count() <= 30));
        assert!(text(&table, ListKind::Organisations, Lang::En, None).contains("förvaltning  kommun"));
    }

    #[test]
    fn shortens_by_characters_not_bytes() {
        assert_eq!(shorten("Förstärka åtgärder", 8), "Förstär…");
        assert_eq!(shorten("kort", 8), "kort");
    }
}

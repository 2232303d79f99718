//! The `aktiviteter` table: one row per activity, with its plan, year, what it traces to,
//! who owns it and takes part (by id and by name), status, dates and latest follow-up.
//!
//! The layout is shared with `plan import` (docs/exchange.md): columns written by people
//! come first as written (never an implied default date), derived columns (`målområden`,
//! names) help the reader and are ignored on import.

use super::{Cell, Table};
use crate::model::{Entity, Plan};

/// Sheet name, CSV file stem and JSON key.
pub const NAME: &str = "aktiviteter";

/// Activity id.
pub const ID: &str = "id";
/// Title.
pub const TITLE: &str = "titel";
/// Id of the aktivitetsplan.
pub const ACTIVITY_PLAN: &str = "aktivitetsplan";
/// The plan's year.
pub const YEAR: &str = "år";
/// Id of the plan's handlingsplan (derived).
pub const ACTION_PLAN: &str = "handlingsplan";
/// Målområden traced to, directly or through utvecklingsområden (derived).
pub const GOAL_AREAS: &str = "målområden";
/// Inriktningar as written.
pub const DIRECTIONS: &str = "inriktningar";
/// Utvecklingsområden as written.
pub const FOCUS_AREAS: &str = "utvecklingsområden";
/// Uppdrag id.
pub const ASSIGNMENT: &str = "uppdrag";
/// Owner organisation id.
pub const OWNER: &str = "ansvarig";
/// Owner's name (derived).
pub const OWNER_NAME: &str = "ansvarig (namn)";
/// Contributor organisation ids.
pub const CONTRIBUTORS: &str = "medverkande";
/// Contributors' names (derived).
pub const CONTRIBUTOR_NAMES: &str = "medverkande (namn)";
/// Sakområde ids.
pub const TOPICS: &str = "sakområden";
/// `ja`, `nej` or empty.
pub const PRIORITISED: &str = "prioriterad";
/// Start date as written.
pub const START: &str = "start";
/// End date as written.
pub const END: &str = "slut";
/// Current status.
pub const STATUS: &str = "status";
/// Date of the latest follow-up.
pub const FOLLOW_UP_DATE: &str = "uppföljning datum";
/// Status of the latest follow-up.
pub const FOLLOW_UP_STATUS: &str = "uppföljning status";
/// Comment of the latest follow-up.
pub const FOLLOW_UP_COMMENT: &str = "uppföljning kommentar";
/// Markdown description.
pub const DESCRIPTION: &str = "beskrivning";

/// Every column, in order.
pub const COLUMNS: &[&str] = &[
    ID,
    TITLE,
    ACTIVITY_PLAN,
    YEAR,
    ACTION_PLAN,
    GOAL_AREAS,
    DIRECTIONS,
    FOCUS_AREAS,
    ASSIGNMENT,
    OWNER,
    OWNER_NAME,
    CONTRIBUTORS,
    CONTRIBUTOR_NAMES,
    TOPICS,
    PRIORITISED,
    START,
    END,
    STATUS,
    FOLLOW_UP_DATE,
    FOLLOW_UP_STATUS,
    FOLLOW_UP_COMMENT,
    DESCRIPTION,
];

/// The table of the activities `keep` accepts (it is given `Entity::Activity(plan, i)`),
/// in file order.
pub fn table(plan: &Plan, keep: impl Fn(Entity) -> bool) -> Table {
    let mut rows = Vec::new();
    for (p, ap) in plan.activity_plans.iter().enumerate() {
        for (i, act) in ap.activities.iter().enumerate() {
            if !keep(Entity::Activity(p, i)) {
                continue;
            }
            // In the order the plans define them, not the order the activity names them.
            let mut areas: Vec<(usize, usize)> = plan
                .traced_directions(act)
                .into_iter()
                .filter_map(|e| match e {
                    Entity::Direction(hp, g, _) => Some((hp, g)),
                    _ => None,
                })
                .collect();
            areas.sort_unstable();
            areas.dedup();
            let goal_areas = areas.iter().map(|&(hp, g)| plan.action_plans[hp].goal_areas[g].id.value.as_str());
            let owner = act.owner.as_ref().map(|o| o.value.as_str());
            let latest = act.latest_follow_up();
            rows.push(vec![
                Cell::Text(act.id.value.0.clone()),
                Cell::text(act.title.as_ref().map(|t| t.value.as_str())),
                Cell::Text(ap.id.value.0.clone()),
                ap.year.as_ref().map_or(Cell::Empty, |y| Cell::Number(f64::from(y.value))),
                Cell::text(ap.action_plan.as_ref().map(|h| h.value.as_str())),
                Cell::ids(goal_areas),
                Cell::ids(act.directions.iter().map(|d| d.value.as_str())),
                Cell::ids(act.focus_areas.iter().map(|f| f.value.as_str())),
                Cell::text(act.assignment.as_ref().map(|a| a.value.as_str())),
                Cell::text(owner),
                Cell::text(owner.and_then(|o| plan.organisation_name(o))),
                Cell::ids(act.contributors.iter().map(|c| c.value.as_str())),
                Cell::List {
                    items: act
                        .contributors
                        .iter()
                        .map(|c| plan.organisation_name_or_id(&c.value.0).to_owned())
                        .collect(),
                    separator: "; ",
                },
                Cell::ids(act.topics.iter().map(|t| t.value.as_str())),
                Cell::text(act.prioritised.as_ref().map(|p| if p.value { "ja" } else { "nej" })),
                act.start.as_ref().map_or(Cell::Empty, |d| Cell::Date(d.value)),
                act.end.as_ref().map_or(Cell::Empty, |d| Cell::Date(d.value)),
                Cell::text(act.status.as_ref().map(|s| s.value.as_str())),
                latest.and_then(|f| f.date.as_ref()).map_or(Cell::Empty, |d| Cell::Date(d.value)),
                Cell::text(latest.and_then(|f| f.status.as_ref()).map(|s| s.value.as_str())),
                Cell::text(latest.and_then(|f| f.comment.as_ref()).map(|c| c.value.as_str())),
                Cell::text(act.description.as_ref().map(|d| d.value.trim_end_matches(['\n', '\r']))),
            ]);
        }
    }
    Table { name: NAME, columns: COLUMNS.into(), rows }
}

//! The `inriktningar` table: one row per strategic direction, with its målområde and the
//! number of activities that trace to it (directly or through an utvecklingsområde), so a
//! spreadsheet shows at a glance where the strategy is and is not being worked on.

use super::{Cell, Table};
use crate::model::{Entity, Plan};
use std::collections::HashMap;

/// Sheet name, CSV file stem and JSON key.
pub const NAME: &str = "inriktningar";

/// Direction id.
pub const ID: &str = "id";
/// Id of its målområde.
pub const GOAL_AREA: &str = "målområde";
/// Name of its målområde.
pub const GOAL_AREA_NAME: &str = "målområde namn";
/// Its wording.
pub const TEXT: &str = "text";
/// Number of activities that trace to it.
pub const ACTIVITIES: &str = "aktiviteter";

/// Every column, in order.
pub const COLUMNS: &[&str] = &[ID, GOAL_AREA, GOAL_AREA_NAME, TEXT, ACTIVITIES];

/// How many activities trace to each direction.
pub fn activity_counts(plan: &Plan) -> HashMap<Entity, usize> {
    let mut counts = HashMap::new();
    for ap in &plan.activity_plans {
        for act in &ap.activities {
            for e in plan.traced_directions(act) {
                *counts.entry(e).or_insert(0) += 1;
            }
        }
    }
    counts
}

/// The table of the directions `keep` accepts (it is given `Entity::Direction(p, g, d)`).
pub fn table(plan: &Plan, keep: impl Fn(Entity) -> bool) -> Table {
    let counts = activity_counts(plan);
    let mut rows = Vec::new();
    for (p, hp) in plan.action_plans.iter().enumerate() {
        for (g, area) in hp.goal_areas.iter().enumerate() {
            for (d, dir) in area.directions.iter().enumerate() {
                let e = Entity::Direction(p, g, d);
                if !keep(e) {
                    continue;
                }
                rows.push(vec![
                    Cell::Text(dir.id.value.0.clone()),
                    Cell::Text(area.id.value.0.clone()),
                    Cell::text(area.name.as_ref().map(|n| n.value.as_str())),
                    Cell::text(dir.text.as_ref().map(|t| t.value.as_str())),
                    Cell::Number(counts.get(&e).copied().unwrap_or(0) as f64),
                ]);
            }
        }
    }
    Table { name: NAME, columns: COLUMNS.into(), rows }
}

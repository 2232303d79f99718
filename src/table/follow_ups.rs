//! The `uppföljningar` table: one row per follow-up of every activity, oldest first within
//! an activity, so the whole log is in the workbook and not only the latest entry the
//! `aktiviteter` table shows. Its headers are the activity table's own words for the same
//! things, so `[import.kolumner]` renames them the same way.

use super::activities::{ACTIVITY_PLAN, FOLLOW_UP_COMMENT, FOLLOW_UP_DATE, FOLLOW_UP_STATUS, ID, TITLE};
use super::{Cell, Table};
use crate::model::Plan;

/// Sheet name, CSV file stem and JSON key.
pub const NAME: &str = "uppföljningar";

/// Every column, in order.
pub const COLUMNS: &[&str] = &[ID, TITLE, ACTIVITY_PLAN, FOLLOW_UP_DATE, FOLLOW_UP_STATUS, FOLLOW_UP_COMMENT];

/// The table of every follow-up, activity by activity in file order, each activity's
/// follow-ups by date (the order written among equal dates).
pub fn table(plan: &Plan) -> Table {
    let mut rows = Vec::new();
    for ap in &plan.activity_plans {
        for act in &ap.activities {
            let mut log: Vec<_> = act.follow_ups.iter().collect();
            log.sort_by_key(|f| f.date.map(|d| d.value));
            for f in log {
                rows.push(vec![
                    Cell::Text(act.id.value.0.clone()),
                    Cell::text(act.title.as_ref().map(|t| t.value.as_str())),
                    Cell::Text(ap.id.value.0.clone()),
                    f.date.as_ref().map_or(Cell::Empty, |d| Cell::Date(d.value)),
                    Cell::text(f.status.as_ref().map(|s| s.value.as_str())),
                    Cell::text(f.comment.as_ref().map(|c| c.value.as_str())),
                ]);
            }
        }
    }
    Table { name: NAME, columns: COLUMNS.into(), rows }
}

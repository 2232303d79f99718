//! The `indikatorer` table: one row per indicator and year, the long format that charts
//! and pivot tables want. An indicator without values still gets one row, with `år` and
//! `värde` empty, so it is not lost from the sheet.

use super::{Cell, Table};
use crate::model::{IndicatorAt, IndicatorSource, Plan};

/// Sheet name, CSV file stem and JSON key.
pub const NAME: &str = "indikatorer";

/// Indicator id.
pub const ID: &str = "id";
/// Name.
pub const INDICATOR_NAME: &str = "namn";
/// Id of its handlingsplan.
pub const ACTION_PLAN: &str = "handlingsplan";
/// Id of its målområde, when it follows one.
pub const GOAL_AREA: &str = "målområde";
/// Id of its utvecklingsområde, when it follows one.
pub const FOCUS_AREA: &str = "utvecklingsområde";
/// Unit of the values.
pub const UNIT: &str = "enhet";
/// `öka` or `minska`.
pub const TREND: &str = "riktning";
/// `Kolada`, or the free-text source.
pub const SOURCE: &str = "källa";
/// The Kolada KPI id, when the source is Kolada.
pub const KOLADA_KPI: &str = "kolada kpi";
/// The year of the value.
pub const YEAR: &str = "år";
/// The value.
pub const VALUE: &str = "värde";
/// The target value.
pub const TARGET: &str = "målvärde";

/// Every column, in order.
pub const COLUMNS: &[&str] =
    &[ID, INDICATOR_NAME, ACTION_PLAN, GOAL_AREA, FOCUS_AREA, UNIT, TREND, SOURCE, KOLADA_KPI, YEAR, VALUE, TARGET];

/// The table of every indicator value, in file order: a plan's own indicators, then its
/// målområden's, then its utvecklingsområden's.
pub fn table(plan: &Plan) -> Table {
    let mut rows = Vec::new();
    for hp in &plan.action_plans {
        for (at, _, ind) in hp.indicators() {
            let (area, focus) = match at {
                IndicatorAt::Plan => (Cell::Empty, Cell::Empty),
                IndicatorAt::GoalArea(g) => (Cell::Text(hp.goal_areas[g].id.value.0.clone()), Cell::Empty),
                IndicatorAt::FocusArea(f) => (Cell::Empty, Cell::Text(hp.focus_areas[f].id.value.0.clone())),
            };
            let (source, kpi) = match ind.source.as_ref().map(|s| &s.value) {
                Some(IndicatorSource::Kolada { kpi, .. }) => (Cell::Text("Kolada".into()), Cell::Text(kpi.clone())),
                Some(IndicatorSource::Text(text)) => (Cell::Text(text.clone()), Cell::Empty),
                None => (Cell::Empty, Cell::Empty),
            };
            let row = |year: Cell, value: Cell| {
                vec![
                    Cell::Text(ind.id.value.0.clone()),
                    Cell::text(ind.name.as_ref().map(|n| n.value.as_str())),
                    Cell::Text(hp.id.value.0.clone()),
                    area.clone(),
                    focus.clone(),
                    Cell::text(ind.unit.as_ref().map(|u| u.value.as_str())),
                    Cell::text(ind.trend.as_ref().map(|t| t.value.as_str())),
                    source.clone(),
                    kpi.clone(),
                    year,
                    value,
                    ind.target.as_ref().map_or(Cell::Empty, |t| Cell::Number(t.value)),
                ]
            };
            if ind.values.is_empty() {
                rows.push(row(Cell::Empty, Cell::Empty));
            }
            for (year, value) in &ind.values {
                rows.push(row(Cell::Number(f64::from(year.value)), Cell::Number(value.value)));
            }
        }
    }
    Table { name: NAME, columns: COLUMNS.into(), rows }
}

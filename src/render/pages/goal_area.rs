//! One page per målområde: kännetecken, description, its activities counted per year, the
//! inriktningar with the status of the activities that trace to each (the activities
//! themselves are listed on each inriktning's page), and the indicators with a chart and a
//! table of their values.

use super::{Job, Page, SiteCx, home};
use crate::lang::Lang;
use crate::model::Entity;
use crate::render::chart::{Chart, number};
use crate::render::context::{Link, StatusCount, anchor, text};
use crate::render::paths::PageKind;
use serde::Serialize;
use serde_json::json;
use std::collections::BTreeSet;

/// An inriktning on its målområde's page, with every activity that traces to it.
#[derive(Serialize)]
struct DirectionSection {
    id: String,
    anchor: String,
    text: String,
    description: String,
    link: Link,
    /// The activities tracing to it, by status.
    counts: Vec<StatusCount>,
    /// How many activities trace to it.
    total: usize,
}

/// Status counts of the distinct activities that trace to a goal area.
pub fn status_counts(cx: &SiteCx<'_>, p: usize, g: usize) -> (Vec<StatusCount>, usize) {
    status_counts_of_year(cx, p, g, None)
}

/// Like [`status_counts`], counting only the activities of aktivitetsplaner of `year` (all
/// of them when `None`).
pub fn status_counts_of_year(cx: &SiteCx<'_>, p: usize, g: usize, year: Option<i32>) -> (Vec<StatusCount>, usize) {
    let area = &cx.plan.action_plans[p].goal_areas[g];
    let mut seen: BTreeSet<(usize, usize)> = BTreeSet::new();
    for d in 0..area.directions.len() {
        for &(ap, a, _) in cx.by_direction.get(&Entity::Direction(p, g, d)).map_or(&[][..], Vec::as_slice) {
            if year.is_none_or(|y| cx.plan.activity_plans[ap].year.is_some_and(|py| py.value == y)) {
                seen.insert((ap, a));
            }
        }
    }
    cx.status_counts(seen.iter().map(|&(ap, a)| &cx.plan.activity_plans[ap].activities[a]))
}

/// A Kolada source as a reader needs it to find the figures: the KPI, the municipality or
/// region code (written, or the plan owner's), and the gender when it is not the total.
fn kolada_source(cx: &SiteCx<'_>, p: usize, ind: &crate::model::Indicator) -> String {
    use crate::model::Gender;
    let Some((kpi, code, gender)) = cx.plan.kolada_of(&cx.plan.action_plans[p], ind) else { return String::new() };
    let mut about: Vec<&str> = code.into_iter().collect();
    match (gender, cx.lang()) {
        (Gender::Total, _) => {}
        (Gender::Women, Lang::Sv) => about.push("kvinnor"),
        (Gender::Women, Lang::En) => about.push("women"),
        (Gender::Men, Lang::Sv) => about.push("män"),
        (Gender::Men, Lang::En) => about.push("men"),
    }
    if about.is_empty() { format!("Kolada {kpi}") } else { format!("Kolada {kpi} ({})", about.join(", ")) }
}

/// An indicator as the templates show it (the `indicator` component): its facts, values as
/// a chart and a table, and Kolada's credit. The same on a målområde's page and on a plan's.
pub(super) fn indicator_view(cx: &SiteCx<'_>, p: usize, ind: &crate::model::Indicator) -> serde_json::Value {
    let swedish = cx.lang() == Lang::Sv;
    let id = ind.id.value.as_str();
    let name = text(ind.name.as_ref(), id);
    let mut values: Vec<(i32, f64)> = ind.values.iter().map(|(y, v)| (y.value, v.value)).collect();
    values.sort_by_key(|v| v.0);
    let description =
        values.iter().map(|(y, v)| format!("{y}: {}", number(*v, swedish))).collect::<Vec<_>>().join("; ");
    let target = ind.target.map(|t| t.value);
    let svg = (!values.is_empty()).then(|| {
        Chart { id: &anchor(id), title: &name, description: &description, values: &values, target, swedish }.svg()
    });
    let source = ind.source.as_ref().map(|s| match &s.value {
        crate::model::IndicatorSource::Kolada { .. } => kolada_source(cx, p, ind),
        crate::model::IndicatorSource::Text(t) => t.clone(),
    });
    json!({
        "id": id,
        "anchor": anchor(id),
        "name": name,
        "unit": ind.unit.as_ref().map(|u| u.value.clone()),
        "trend": ind.trend.map(|t| match t.value {
            crate::model::Trend::Increase => cx.label("trend_increase"),
            crate::model::Trend::Decrease => cx.label("trend_decrease"),
        }),
        "source": source,
        // Kolada's terms: its raw values are credited; nothing computed is shown here.
        "credit": ind.is_from_kolada().then(|| cx.label("kolada_credit")),
        "target": target.map(|t| number(t, swedish)),
        "values": values.iter().map(|(y, v)| json!({ "year": y, "value": number(*v, swedish) })).collect::<Vec<_>>(),
        "chart": svg,
        "description": cx.markdown(ind.description.as_ref()),
    })
}

/// Every målområde page.
pub fn pages<'c>(cx: &'c SiteCx<'_>) -> Vec<Job<'c>> {
    let mut jobs: Vec<Job<'c>> = Vec::new();
    for (p, ap) in cx.plan.action_plans.iter().enumerate() {
        for g in 0..ap.goal_areas.len() {
            jobs.push(Box::new(move || page(cx, p, g)));
        }
    }
    jobs
}

fn page(cx: &SiteCx<'_>, p: usize, g: usize) -> Page {
    let area = &cx.plan.action_plans[p].goal_areas[g];
    let id = area.id.value.as_str();
    let path = cx.path_of(PageKind::GoalArea, id);
    let directions: Vec<_> = area
        .directions
        .iter()
        .enumerate()
        .map(|(d, dir)| {
            let tracing = cx.by_direction.get(&Entity::Direction(p, g, d)).map_or(&[][..], Vec::as_slice);
            let (counts, total) =
                cx.status_counts(tracing.iter().map(|&(ap, a, _)| &cx.plan.activity_plans[ap].activities[a]));
            DirectionSection {
                id: dir.id.value.as_str().to_owned(),
                anchor: anchor(dir.id.value.as_str()),
                text: text(dir.text.as_ref(), ""),
                description: cx.markdown(dir.description.as_ref()),
                link: cx.entity_link(&path, Entity::Direction(p, g, d)),
                counts,
                total,
            }
        })
        .collect();
    let indicators: Vec<_> = area.indicators.iter().map(|ind| indicator_view(cx, p, ind)).collect();
    let (counts, total) = status_counts(cx, p, g);
    let mut distinct: BTreeSet<(usize, usize)> = BTreeSet::new();
    for d in 0..area.directions.len() {
        for &(ap, a, _) in cx.by_direction.get(&Entity::Direction(p, g, d)).map_or(&[][..], Vec::as_slice) {
            distinct.insert((ap, a));
        }
    }
    let years = super::year_counts(cx, distinct.into_iter());
    let name = text(area.name.as_ref(), id);
    let title = match area.number {
        Some(n) => format!("{} {}. {name}", cx.label("goal_area"), n.value),
        None => name.clone(),
    };
    let crumbs = vec![home(cx, &path), cx.entity_link(&path, Entity::ActionPlan(p))];
    let data = json!({
        "goal_area": {
            "id": id,
            "number": area.number.map(|n| n.value),
            "name": name,
            "hallmark": area.hallmark.as_ref().map(|h| h.value.clone()),
            "description": cx.markdown(area.description.as_ref()),
            "plan": cx.entity_link(&path, Entity::ActionPlan(p)),
            "counts": counts,
            "total": total,
        },
        "indicators": indicators,
        "years": years,
        "statuses": super::statuses(cx),
    });
    Page::new(cx, path, "goal_area", &title, crumbs, data).with("directions", &directions)
}

//! The report's words in Swedish and English, and how its numbers are written.
//!
//! One catalogue serves the three formats (and is the `labels` object of the HTML
//! template), so a heading reads the same in the terminal, in Markdown and on paper.

use super::{Bucket, Verdict};
use crate::lang::{Catalogue, Lang};
use std::collections::BTreeMap;

/// `(key, Swedish, English)` for every word of the report.
const WORDS: &Catalogue = &[
    ("title", "Uppföljning", "Follow-up report"),
    ("cut", "Avstämt per", "As of"),
    ("check_date", "kontrolldatum", "check date"),
    (
        "running",
        "Perioden pågår: status är aktiviteternas nuvarande status.",
        "The period is still running: statuses are the activities' current status.",
    ),
    (
        "not_started",
        "Året har inte börjat än: status är aktiviteternas nuvarande, planerade status.",
        "The year has not begun yet: statuses are the activities' current, planned status.",
    ),
    (
        "closed",
        "Status är den senaste uppföljningen till och med avstämningsdagen.",
        "Statuses are the latest follow-up on or before the cut date.",
    ),
    ("activity_plans", "Aktivitetsplaner", "Activity plans"),
    ("by_status", "Aktiviteter per status", "Activities by status"),
    ("status", "Status", "Status"),
    ("count", "Antal", "Count"),
    ("total", "totalt", "total"),
    ("total_title", "Totalt", "Total"),
    ("goal_area", "Målområde", "Goal area"),
    ("finished", "Klara aktiviteter", "Finished activities"),
    ("overdue", "Förfallna aktiviteter", "Overdue activities"),
    ("paused", "Pausade aktiviteter", "Paused activities"),
    ("cancelled", "Avbrutna aktiviteter", "Cancelled activities"),
    ("all_activities", "Aktiviteter och senaste kommentar", "Activities and their latest comment"),
    ("latest_comment", "Senaste kommentar", "Latest comment"),
    ("appendix", "Bilaga: alla uppföljningskommentarer", "Appendix: every follow-up comment"),
    ("latest_value", "senaste värdet", "latest value"),
    ("latest_value_column", "Senaste värdet", "Latest value"),
    ("previous_value", "Föregående värde", "Previous value"),
    ("indicators", "Indikatorer", "Indicators"),
    ("plan_indicators", "Planens egna indikatorer", "The plan's own indicators"),
    ("none", "inga", "none"),
    ("id", "Id", "Id"),
    ("title_col", "Titel", "Title"),
    ("owner", "Ansvarig", "Responsible"),
    ("due", "Slut", "Due"),
    ("direction", "Inriktning", "Direction"),
    ("indicator", "Indikator", "Indicator"),
    ("source", "Källa", "Source"),
    ("target", "Målvärde", "Target"),
    ("change", "Förändring", "Change"),
    ("verdict", "Bedömning", "Assessment"),
    ("to_target", "Kvar till målvärdet", "Left to target"),
    ("reached", "nått", "reached"),
    ("kolada_credit", "Källa: Kolada", "Source: Kolada"),
    ("own_calculation", "Egen beräkning", "Own calculation"),
    (
        "own_calculation_note",
        "förändring, bedömning och kvar till målvärdet är beräknade här från värdena, inte uppgifter från källan.",
        "change, assessment and left to target are calculated here from the values, not figures from the source.",
    ),
    ("no_plans", "Inga aktivitetsplaner för året.", "No activity plans for the year."),
    ("no_value", "–", "–"),
    ("footnote", "Fotnot", "Note"),
    (
        "footnote_text",
        "En aktivitet som leder till flera målområden räknas under vart och ett av dem; planens summa räknar varje aktivitet en gång. Antalet per status visar den status som har rapporterats: ”försenad” betyder att någon har rapporterat aktiviteten som försenad. Förfallna aktiviteter är de vars slutdatum har passerat utan att de är klara eller avbrutna, vilken status de än har; statusen står i listan. När ett år ännu saknar värde för en indikator visas det senaste värdet som finns, med sitt år inom parentes (Kolada publicerar ett års värden året efter).",
        "An activity that traces to several goal areas is counted under each of them; the plan's total counts each activity once. The count by status shows the status that was reported: “delayed” means someone reported the activity as delayed. Overdue activities are those whose end date has passed without them being done or cancelled, whatever their status; the status is shown in the list. When a year has no value yet for an indicator, the latest value there is is shown, with its year in brackets (Kolada publishes a year's values the year after).",
    ),
    ("contents", "Innehåll", "Contents"),
];

/// One word of the report.
pub fn word(lang: Lang, key: &str) -> &'static str {
    crate::lang::word(WORDS, lang, key)
}

/// Every word in one language, for the HTML template's `labels`.
pub fn all(lang: Lang) -> BTreeMap<&'static str, &'static str> {
    crate::lang::words(WORDS, lang)
}

/// A bucket's name with a capital letter, for tables.
pub fn bucket_title(lang: Lang, bucket: Bucket) -> String {
    let name = bucket.name(lang);
    let mut chars = name.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// A verdict as shown.
pub fn verdict(lang: Lang, v: Verdict) -> &'static str {
    match (lang, v) {
        (Lang::Sv, Verdict::Better) => "åt rätt håll",
        (Lang::Sv, Verdict::Worse) => "åt fel håll",
        (Lang::Sv, Verdict::Unchanged) => "oförändrat",
        (Lang::En, Verdict::Better) => "the right way",
        (Lang::En, Verdict::Worse) => "the wrong way",
        (Lang::En, Verdict::Unchanged) => "unchanged",
    }
}

/// The wanted direction as shown.
pub fn trend(lang: Lang, t: crate::model::Trend) -> &'static str {
    match (lang, t) {
        (Lang::Sv, crate::model::Trend::Increase) => "ska öka",
        (Lang::Sv, crate::model::Trend::Decrease) => "ska minska",
        (Lang::En, crate::model::Trend::Increase) => "should increase",
        (Lang::En, crate::model::Trend::Decrease) => "should decrease",
    }
}

/// A value as the site writes it (decimal comma and a real minus in Swedish), or a dash.
pub fn number(lang: Lang, value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_owned(), |v| crate::render::chart::number(v, lang == Lang::Sv))
}

/// A change with its sign (`+2,5`, `−1`, `0`), or a dash.
pub fn signed(lang: Lang, value: Option<f64>) -> String {
    match value {
        Some(v) if v > 0.0 => format!("+{}", number(lang, Some(v))),
        other => number(lang, other),
    }
}

/// What is left to the målvärde: `reached`, or the distance, or a dash.
pub fn to_target(lang: Lang, line: &super::IndicatorLine) -> String {
    match (line.reached, line.to_target) {
        (Some(true), _) => word(lang, "reached").to_owned(),
        (_, Some(d)) => number(lang, Some(d.abs())),
        _ => "–".to_owned(),
    }
}

/// Whether a table of indicators shows a value of an earlier year than the report's for
/// some indicator: its value columns are then "the latest value" and "the one before", and
/// every value carries its year.
pub fn shows_earlier(lines: &[super::IndicatorLine], year: i32) -> bool {
    lines.iter().any(|l| l.value.is_some() && l.value_year.is_some_and(|y| y != year))
}

/// The headers of a table's two value columns: the years, or "Föregående värde" and
/// "Senaste värdet" when the table is `labelled` ([`shows_earlier`]).
pub fn value_headers(lang: Lang, labelled: bool, year: i32) -> (String, String) {
    if labelled {
        (word(lang, "previous_value").to_owned(), word(lang, "latest_value_column").to_owned())
    } else {
        ((year - 1).to_string(), year.to_string())
    }
}

/// An indicator's latest value, with its year in brackets (`30 (2024)`) when `labelled`.
pub fn value_text(lang: Lang, line: &super::IndicatorLine, labelled: bool) -> String {
    match line.value_year {
        Some(y) if labelled && line.value.is_some() => format!("{} ({y})", number(lang, line.value)),
        _ => number(lang, line.value),
    }
}

/// The value of the year before the latest, with its year in brackets when `labelled`.
pub fn previous_text(lang: Lang, line: &super::IndicatorLine, labelled: bool) -> String {
    match line.value_year {
        Some(y) if labelled && line.previous.is_some() => format!("{} ({})", number(lang, line.previous), y - 1),
        _ => number(lang, line.previous),
    }
}

/// A comment as one line: `2025-10-31 (pågående): Fyra möten genomförda.`
pub fn comment(lang: Lang, c: &super::Comment) -> String {
    match c.status {
        Some(s) => format!("{} ({}): {}", c.date, super::Bucket::Status(s).name(lang), c.text),
        None => format!("{}: {}", c.date, c.text),
    }
}

/// The heading of a plan's narrative: "Analys av vaxholm-2025, helår".
pub fn analysis_heading(report: &super::FollowUpReport, activity_plan: &str) -> String {
    let period = report.tertial.name(report.lang);
    crate::t!(report.lang, "Analys av {activity_plan}, {period}", "Analysis of {activity_plan}, {period}")
}

/// The heading over the inriktningar no activity traces to in the year.
pub fn uncovered_heading(lang: Lang, year: i32) -> String {
    crate::t!(lang, "Inriktningar utan aktivitet {year}", "Strategic directions with no activity in {year}")
}

/// The report's title line: "Uppföljning 2025, T1 (januari–april)".
pub fn title(report: &super::FollowUpReport) -> String {
    let lang = report.lang;
    format!("{} {}, {}", word(lang, "title"), report.year, report.tertial.name(lang))
}

/// The line that says what the statuses mean: the cut date and how statuses were read.
pub fn cut_line(report: &super::FollowUpReport) -> String {
    let lang = report.lang;
    let first_day = chrono::NaiveDate::from_ymd_opt(report.year, 1, 1);
    let how = if first_day.is_some_and(|d| report.today < d) {
        word(lang, "not_started")
    } else if report.running {
        word(lang, "running")
    } else {
        word(lang, "closed")
    };
    format!("{} {} ({} {}). {how}", word(lang, "cut"), report.cut, word(lang, "check_date"), report.today)
}

/// A goal area's heading: "Målområde 1. Sömlös vård och omsorg".
pub fn goal_area_heading(lang: Lang, area: &super::GoalAreaReport) -> String {
    match area.number {
        Some(n) => format!("{} {n}. {}", word(lang, "goal_area"), area.name),
        None => format!("{} {}", word(lang, "goal_area"), area.name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique() {
        let mut keys: Vec<&str> = WORDS.iter().map(|(k, ..)| *k).collect();
        keys.sort_unstable();
        let n = keys.len();
        keys.dedup();
        assert_eq!(keys.len(), n);
    }

    #[test]
    fn changes_carry_their_sign() {
        assert_eq!(signed(Lang::Sv, Some(2.5)), "+2,5");
        assert_eq!(signed(Lang::Sv, Some(-1.0)), "−1");
        assert_eq!(signed(Lang::En, Some(-1.5)), "-1.5");
        assert_eq!(signed(Lang::En, None), "–");
    }
}

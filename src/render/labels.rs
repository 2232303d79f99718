//! The words of the site's own interface (headings, table headers, status names), in
//! Swedish and English. Templates read them as `labels.<key>`, so an overriding template
//! stays bilingual without repeating the catalogue.

use crate::lang::{Catalogue, Lang};
use crate::model::Status;
use std::collections::BTreeMap;

/// `(key, Swedish, English)` for every interface word.
const LABELS: &Catalogue = &[
    ("skip_to_content", "Hoppa till innehållet", "Skip to content"),
    ("main_navigation", "Huvudmeny", "Main navigation"),
    ("breadcrumbs", "Du är här", "You are here"),
    ("home", "Start", "Home"),
    ("search", "Sök", "Search"),
    ("search_label", "Sök på webbplatsen", "Search the site"),
    ("search_button", "Sök", "Search"),
    (
        "search_no_js",
        "Sökningen behöver JavaScript. Utan den hittar du allt i listorna:",
        "Search needs JavaScript. Without it, everything is in the lists:",
    ),
    (
        "search_hint",
        "Skriv ett eller flera ord. Sökningen hittar aktiviteter, strategiska inriktningar, utvecklingsområden, sakområden och organisationer.",
        "Type one or more words. Search finds activities, strategic directions, focus areas, topics and organisations.",
    ),
    ("search_results", "Sökresultat", "Search results"),
    ("search_count", "träffar", "results"),
    ("search_count_one", "träff", "result"),
    ("search_shown", "visas", "shown"),
    ("search_none", "Inga träffar.", "No results."),
    ("kind_activity", "Aktivitet", "Activity"),
    ("kind_direction", "Strategisk inriktning", "Strategic direction"),
    ("kind_focus_area", "Utvecklingsområde", "Focus area"),
    ("kind_topic", "Sakområde", "Topic"),
    ("kind_organisation", "Organisation", "Organisation"),
    ("goal", "Övergripande mål", "Overall goal"),
    ("goal_areas", "Målområden", "Goal areas"),
    ("goal_area", "Målområde", "Goal area"),
    ("hallmark", "Kännetecken", "Hallmark"),
    ("directions", "Strategiska inriktningar", "Strategic directions"),
    ("direction", "Strategisk inriktning", "Strategic direction"),
    ("indicators", "Indikatorer", "Indicators"),
    ("indicator", "Indikator", "Indicator"),
    ("target", "Målvärde", "Target"),
    ("trend", "Önskad riktning", "Desired direction"),
    ("year", "År", "Year"),
    ("value", "Värde", "Value"),
    ("unit", "Enhet", "Unit"),
    ("source", "Källa", "Source"),
    ("kolada_credit", "Källa: Kolada", "Source: Kolada"),
    ("trend_increase", "Ska öka", "Should increase"),
    ("trend_decrease", "Ska minska", "Should decrease"),
    ("plans", "Planer", "Plans"),
    ("action_plan", "Handlingsplan", "Action plan"),
    ("action_plans", "Handlingsplaner", "Action plans"),
    ("activity_plan", "Aktivitetsplan", "Activity plan"),
    ("activity_plans", "Aktivitetsplaner", "Activity plans"),
    ("follows", "Följer", "Follows"),
    ("period", "Period", "Period"),
    ("owner", "Ansvarig", "Responsible"),
    ("plan_owner", "Ägare", "Owner"),
    ("decision", "Beslut", "Decision"),
    ("decided_by", "Beslutad av", "Decided by"),
    ("reviews", "Planerade uppföljningar", "Planned reviews"),
    ("focus_areas", "Utvecklingsområden", "Focus areas"),
    ("focus_area", "Utvecklingsområde", "Focus area"),
    ("traces_to", "Leder till", "Traces to"),
    ("topics", "Sakområden", "Topics"),
    ("topic", "Sakområde", "Topic"),
    ("consultation_group", "Samrådsgrupp", "Consultation group"),
    ("assignments", "Uppdrag", "Assignments"),
    ("assignment", "Uppdrag", "Assignment"),
    ("continues", "Fortsätter", "Continues"),
    ("continued_by", "Fortsätter i", "Continued in"),
    ("activities", "Aktiviteter", "Activities"),
    ("activity", "Aktivitet", "Activity"),
    ("id", "Id", "Id"),
    ("title", "Titel", "Title"),
    ("status", "Status", "Status"),
    ("start", "Start", "Start"),
    ("end", "Slut", "End"),
    ("contributors", "Medverkande", "Taking part"),
    ("prioritised", "Prioriterad", "Prioritised"),
    ("yes", "Ja", "Yes"),
    ("last_changed", "Senast ändrad", "Last changed"),
    ("follow_up", "Uppföljning", "Follow-up"),
    ("follow_up_log", "Uppföljningar", "Follow-up log"),
    ("date", "Datum", "Date"),
    ("comment", "Kommentar", "Comment"),
    ("no_follow_up", "Ingen uppföljning ännu.", "No follow-up yet."),
    ("no_activities", "Inga aktiviteter ännu.", "No activities yet."),
    ("page", "sida", "page"),
    ("of", "av", "of"),
    ("pages", "Sidor", "Pages"),
    ("showing", "Visar", "Showing"),
    ("previous_page", "Föregående sida", "Previous page"),
    ("next_page", "Nästa sida", "Next page"),
    ("per_year", "Per år", "By year"),
    ("year_missing", "Utan år", "No year"),
    ("back_to", "Tillbaka till", "Back to"),
    ("organisations", "Organisationer", "Organisations"),
    ("organisation", "Organisation", "Organisation"),
    ("category", "Kategori", "Category"),
    ("part_of", "Del av", "Part of"),
    ("municipality_code", "Kommunkod", "Municipality code"),
    ("contact", "Kontakt", "Contact"),
    ("owns", "Ansvarar för", "Responsible for"),
    ("takes_part_in", "Medverkar i", "Takes part in"),
    ("members", "Består av", "Consists of"),
    ("coverage", "Täckning", "Coverage"),
    (
        "coverage_intro",
        "Antal aktiviteter per strategisk inriktning, plan och år. En tom ruta är en lucka: ingen aktivitet leder dit.",
        "Number of activities per strategic direction, plan and year. An empty cell is a gap: no activity traces there.",
    ),
    ("gap", "Ingen aktivitet", "No activity"),
    ("total", "Totalt", "Total"),
    ("follow_up_page", "Uppföljning", "Follow-up"),
    (
        "follow_up_intro",
        "Status för aktiviteterna per år, per plan och per målområde, och de aktiviteter som är försenade",
        "Status of the activities per year, per plan and per goal area, and the activities that are overdue",
    ),
    ("as_of", "per", "as of"),
    ("by_goal_area", "Per målområde", "By goal area"),
    ("by_plan", "Per plan", "By plan"),
    ("past_end", "Slutdatum passerat", "Past end date"),
    (
        "overdue_explained",
        "Kolumnen Slutdatum passerat räknar aktiviteter vars slutdatum har passerats utan att de är klara eller avbrutna, vilken status planen än anger; statusen Försenad är den som står i planen.",
        "The column Past end date counts activities whose end date has passed without being finished or cancelled, whatever status the plan gives; the status Delayed is the one written in the plan.",
    ),
    ("overdue", "Försenade aktiviteter", "Overdue activities"),
    ("overdue_short", "försenad", "overdue"),
    (
        "overdue_intro",
        "Aktiviteter vars slutdatum har passerats utan att de är klara eller avbrutna.",
        "Activities whose end date has passed without being finished or cancelled.",
    ),
    ("no_overdue", "Inga aktiviteter är försenade.", "No activities are overdue."),
    ("status_summary", "Aktiviteter per status", "Activities by status"),
    ("years", "År", "Years"),
    ("county_plan", "Länets handlingsplan", "The county plan"),
    ("no_activities_year", "Inga aktiviteter det här året.", "No activities this year."),
    (
        "counts_instead",
        "Året har fler aktiviteter än en sida rymmer. Här visas antalen; aktiviteterna listas i årets aktivitetsplaner.",
        "The year has more activities than one page holds. This page shows the counts; the activities are listed in the year's activity plans.",
    ),
    (
        "coverage_by_plan",
        "aktiviteter per aktivitetsplan och strategisk inriktning",
        "activities per activity plan and strategic direction",
    ),
    ("year_activity_plans", "Årets aktivitetsplaner", "The year's activity plans"),
    ("sources", "Kommuner", "Municipalities"),
    ("county_coverage", "Täckning i kommunerna", "Coverage in the municipalities"),
    (
        "county_coverage_intro",
        "Hur många aktiviteter i varje kommuns repositorium som leder till var och en av länets strategiska inriktningar, alla år.",
        "How many activities in each municipality's repository trace to each of the county's strategic directions, all years.",
    ),
    (
        "sources_intro",
        "Kommunernas egna repositorier, som länets webbplats läser och visar tillsammans. Varje kommun publicerar också sin egen webbplats.",
        "The municipalities' own repositories, which the county's site reads and shows together. Each municipality also publishes its own site.",
    ),
    ("source_unreadable", "Kunde inte läsas", "Could not be read"),
    ("source_errors", "Har fel", "Has errors"),
    ("source_warnings", "Har varningar", "Has warnings"),
    ("source_clean", "Utan anmärkning", "No findings"),
    ("source_standing", "Kontroll", "Check"),
    (
        "source_failing_note",
        "Kontrollen av kommunens repositorium hittade fel; uppgifterna nedan kan vara ofullständiga.",
        "The check of the municipality's repository found errors; what follows may be incomplete.",
    ),
    (
        "source_unreadable_note",
        "Kommunens repositorium kunde inte läsas:",
        "The municipality's repository could not be read:",
    ),
    ("in_sources", "I kommunerna", "In the municipalities"),
    ("last_follow_up", "Senaste uppföljning", "Latest follow-up"),
    ("covered_directions", "Inriktningar med aktiviteter", "Directions with activities"),
    ("published_site", "Kommunens webbplats", "The municipality's site"),
    ("activities_by_year", "Aktiviteter per år", "Activities by year"),
    ("errors_count", "fel", "errors"),
    ("warnings_count", "varningar", "warnings"),
    (
        "direct_activities",
        "Aktiviteter direkt mot länets inriktningar",
        "Activities aimed at the county's inriktningar directly",
    ),
    ("accessibility", "Tillgänglighet", "Accessibility"),
    ("accessibility_statement", "Tillgänglighetsredogörelse", "Accessibility statement"),
    ("edit_this_page", "Redigera den här sidan", "Edit this page"),
    ("not_stated", "Ej angivet", "Not stated"),
    ("changes", "Ändringar", "Changes"),
    ("changes_decision", "Beslut", "Decision"),
    ("changes_commit", "Ändring", "Change"),
    ("changes_feed", "Prenumerera på ändringarna (Atom-flöde)", "Subscribe to the changes (Atom feed)"),
    ("changes_feed_title", "Ändringar i planen", "Changes to the plan"),
    ("changes_added", "Nya aktiviteter", "Activities added"),
    ("changes_removed", "Borttagna aktiviteter", "Activities removed"),
    ("changes_changed", "Ändrade aktiviteter", "Activities changed"),
    ("changes_strategy", "Strategin: målområden och inriktningar", "The strategy: goal areas and directions"),
    ("changes_field", "Uppgift", "Field"),
    ("changes_before", "Före", "Before"),
    ("changes_after", "Efter", "After"),
    ("changes_words", "Ändrade ord", "Changed words"),
    ("changes_deleted", "borttaget:", "removed:"),
    ("changes_inserted", "tillagt:", "added:"),
    ("changes_moved_from", "Flyttad från", "Moved from"),
    ("changes_follow_ups", "Nya uppföljningar", "Follow-ups added"),
    ("changes_compared_with", "Jämfört med", "Compared with"),
    (
        "changes_first",
        "Jämfört med en tom plan: det här är den första.",
        "Compared with an empty plan: this is the first.",
    ),
    (
        "changes_none",
        "Inga ändringar i planens innehåll (bara i hur filerna är skrivna).",
        "No changes to the plan's content (only to how the files are written).",
    ),
    ("changes_older", "Äldre", "Older"),
    ("changes_newer", "Nyare", "Newer"),
    ("changes_commit_id", "Commit", "Commit"),
    ("changes_message", "Meddelande", "Message"),
    ("changes_name", "Namn", "Name"),
    ("changes_text", "Text", "Text"),
    ("changes_what", "Ändring", "Change"),
    ("published_by", "Publiceras av", "Published by"),
    ("chart_of", "Diagram över", "Chart of"),
    ("values_table", "Värden per år", "Values per year"),
    ("related_activities", "Aktiviteter som leder hit", "Activities tracing here"),
    ("via", "via", "via"),
    ("directly", "direkt", "directly"),
    ("what", "Vad", "What"),
    ("plan", "Plan", "Plan"),
    ("footer_generated", "Skapad med plan från planfilerna i git.", "Made with plan from the plan files in git."),
];

/// Every interface word in one language, for the `labels` object of every page.
pub fn labels(lang: Lang) -> BTreeMap<&'static str, &'static str> {
    crate::lang::words(LABELS, lang)
}

/// One interface word.
pub fn label(lang: Lang, key: &str) -> &'static str {
    crate::lang::word(LABELS, lang, key)
}

/// The name of a status as shown on the site.
pub fn status_name(lang: Lang, status: Status) -> &'static str {
    match (lang, status) {
        (Lang::Sv, Status::Planned) => "Planerad",
        (Lang::Sv, Status::Ongoing) => "Pågående",
        (Lang::Sv, Status::Done) => "Klar",
        (Lang::Sv, Status::Delayed) => "Försenad",
        (Lang::Sv, Status::Paused) => "Pausad",
        (Lang::Sv, Status::Cancelled) => "Avbruten",
        (Lang::En, Status::Planned) => "Planned",
        (Lang::En, Status::Ongoing) => "Ongoing",
        (Lang::En, Status::Done) => "Done",
        (Lang::En, Status::Delayed) => "Delayed",
        (Lang::En, Status::Paused) => "Paused",
        (Lang::En, Status::Cancelled) => "Cancelled",
    }
}

/// A text symbol for each status, so status is never shown by colour alone.
pub fn status_icon(status: Status) -> &'static str {
    match status {
        Status::Planned => "○",
        Status::Ongoing => "◐",
        Status::Done => "●",
        Status::Delayed => "▲",
        Status::Paused => "‖",
        Status::Cancelled => "✕",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_translated() {
        let mut keys: Vec<&str> = LABELS.iter().map(|(k, ..)| *k).collect();
        keys.sort_unstable();
        let n = keys.len();
        keys.dedup();
        assert_eq!(keys.len(), n);
        assert!(LABELS.iter().all(|(_, sv, en)| !sv.is_empty() && !en.is_empty()));
    }
}

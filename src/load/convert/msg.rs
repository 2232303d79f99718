//! Messages of the converter (P002 findings), in both languages.

use crate::lang::Lang;
use crate::model::schema::Def;
use crate::t;

/// "i en aktivitet" / "in an activity": where in the format a part of a file sits.
fn within(lang: Lang, def: Def) -> &'static str {
    use Def::*;
    match (lang, def) {
        (Lang::Sv, OrganisationsFile) => TOP_LEVEL.0,
        (Lang::Sv, Organisation) => "i en organisation",
        (Lang::Sv, ActionPlan) => "i en handlingsplan",
        (Lang::Sv, Period) => "i `period`",
        (Lang::Sv, Decision) => "i `beslut`",
        (Lang::Sv, Topic) => "i ett sakområde",
        (Lang::Sv, GoalArea) => "i ett målområde",
        (Lang::Sv, Direction) => "i en inriktning",
        (Lang::Sv, Indicator) => "i en indikator",
        (Lang::Sv, Source) => "i `källa`",
        (Lang::Sv, Review) => "i en uppföljning av planen",
        (Lang::Sv, FocusArea) => "i ett utvecklingsområde",
        (Lang::Sv, ActivityPlan) => "i en aktivitetsplan",
        (Lang::Sv, Assignment) => "i ett uppdrag",
        (Lang::Sv, Analysis) => "i `analys`",
        (Lang::Sv, Activity) => "i en aktivitet",
        (Lang::Sv, FollowUp) => "i en uppföljning",
        (Lang::En, OrganisationsFile) => TOP_LEVEL.1,
        (Lang::En, Organisation) => "in an organisation",
        (Lang::En, ActionPlan) => "in a handlingsplan",
        (Lang::En, Period) => "in `period`",
        (Lang::En, Decision) => "in `beslut`",
        (Lang::En, Topic) => "in a sakområde",
        (Lang::En, GoalArea) => "in a målområde",
        (Lang::En, Direction) => "in an inriktning",
        (Lang::En, Indicator) => "in an indicator",
        (Lang::En, Source) => "in `källa`",
        (Lang::En, Review) => "in a review of the plan",
        (Lang::En, FocusArea) => "in an utvecklingsområde",
        (Lang::En, ActivityPlan) => "in an aktivitetsplan",
        (Lang::En, Assignment) => "in an uppdrag",
        (Lang::En, Analysis) => "in `analys`",
        (Lang::En, Activity) => "in an activity",
        (Lang::En, FollowUp) => "in a follow-up",
    }
}

/// A file's top level, before its `typ` says what kind of file it is (and an
/// organisations file's, which has no name of its own).
const TOP_LEVEL: (&str, &str) = ("på filens översta nivå", "at the top level of the file");

/// What a YAML value turned out to be, for "expected a list, found a text".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// A mapping.
    Map,
    /// A sequence.
    List,
    /// Text.
    Text,
    /// A number.
    Number,
    /// true/false.
    Bool,
    /// Nothing.
    Null,
}

/// What a value should be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    /// A mapping.
    Map,
    /// A list.
    List,
    /// Text.
    Text,
    /// An integer.
    Integer,
    /// A number.
    Number,
    /// A year.
    Year,
    /// true/false.
    Bool,
    /// A date.
    Date,
    /// An id.
    Id,
}

fn found(lang: Lang, f: Found) -> &'static str {
    match (lang, f) {
        (Lang::Sv, Found::Map) => "en mappning (nycklar och värden)",
        (Lang::Sv, Found::List) => "en lista",
        (Lang::Sv, Found::Text) => "en text",
        (Lang::Sv, Found::Number) => "ett tal",
        (Lang::Sv, Found::Bool) => "ett sanningsvärde",
        (Lang::Sv, Found::Null) => "ingenting",
        (Lang::En, Found::Map) => "a mapping (keys and values)",
        (Lang::En, Found::List) => "a list",
        (Lang::En, Found::Text) => "a text",
        (Lang::En, Found::Number) => "a number",
        (Lang::En, Found::Bool) => "a true/false value",
        (Lang::En, Found::Null) => "nothing",
    }
}

fn expected(lang: Lang, e: Expected) -> &'static str {
    match (lang, e) {
        (Lang::Sv, Expected::Map) => "en mappning (nycklar och värden)",
        (Lang::Sv, Expected::List) => "en lista",
        (Lang::Sv, Expected::Text) => "en text",
        (Lang::Sv, Expected::Integer) => "ett heltal",
        (Lang::Sv, Expected::Number) => "ett tal",
        (Lang::Sv, Expected::Year) => "ett årtal",
        (Lang::Sv, Expected::Bool) => "true eller false",
        (Lang::Sv, Expected::Date) => "ett datum (ÅÅÅÅ-MM-DD)",
        (Lang::Sv, Expected::Id) => "ett id",
        (Lang::En, Expected::Map) => "a mapping (keys and values)",
        (Lang::En, Expected::List) => "a list",
        (Lang::En, Expected::Text) => "a text",
        (Lang::En, Expected::Integer) => "a whole number",
        (Lang::En, Expected::Number) => "a number",
        (Lang::En, Expected::Year) => "a year",
        (Lang::En, Expected::Bool) => "true or false",
        (Lang::En, Expected::Date) => "a date (YYYY-MM-DD)",
        (Lang::En, Expected::Id) => "an id",
    }
}

/// `key` holds the wrong kind of value.
pub fn wrong_type(lang: Lang, key: &str, want: Expected, got: Found) -> String {
    let want = expected(lang, want);
    let got = found(lang, got);
    if key.is_empty() {
        t!(lang, "här ska stå {want}, inte {got}", "expected {want} here, found {got}")
    } else {
        t!(lang, "`{key}` ska vara {want}, inte {got}", "`{key}` must be {want}, not {got}")
    }
}

/// Help for a value written as text where a list belongs: the list as it should be
/// written (`ids` joined with `, `), and, when it was written over several lines, the other
/// way of writing it.
pub fn list_help(lang: Lang, key: &str, ids: &str, lines: bool) -> String {
    if lines {
        t!(
            lang,
            "skriv en lista: `{key}: [{ids}]`, eller ett id per rad med `- ` först",
            "write a list: `{key}: [{ids}]`, or one id per line starting with `- `"
        )
    } else if ids.contains(", ") {
        t!(
            lang,
            "skriv en lista, med kommatecken mellan id: `{key}: [{ids}]`",
            "write a list, with commas between ids: `{key}: [{ids}]`"
        )
    } else {
        t!(
            lang,
            "skriv en lista, också för ett enda id: `{key}: [{ids}]`",
            "write a list, also for a single id: `{key}: [{ids}]`"
        )
    }
}

/// A list item holding several ids.
pub fn several_in_one(lang: Lang, text: &str) -> String {
    t!(lang, "`{text}` är flera id i en och samma post", "`{text}` is several ids in one item")
}

/// A key the format does not have.
pub fn unknown_key(lang: Lang, key: &str, part: Def) -> String {
    let w = within(lang, part);
    t!(lang, "okänd nyckel `{key}` {w}", "unknown key `{key}` {w}")
}

/// Help naming the key that was probably meant.
pub fn did_you_mean(lang: Lang, suggestion: &str) -> String {
    t!(lang, "menade du `{suggestion}`?", "did you mean `{suggestion}`?")
}

/// Help listing the keys that are allowed.
pub fn allowed_keys(lang: Lang, keys: &[&str]) -> String {
    let keys = keys.join(", ");
    t!(lang, "tillåtna nycklar här: {keys}", "keys allowed here: {keys}")
}

/// A required key is absent.
pub fn missing_key(lang: Lang, key: &str, part: Def) -> String {
    let w = within(lang, part);
    t!(lang, "nyckeln `{key}` saknas {w}", "the key `{key}` is missing {w}")
}

/// A file without `typ`.
pub fn missing_typ(lang: Lang) -> String {
    let w = lang.pick(TOP_LEVEL.0, TOP_LEVEL.1);
    t!(lang, "nyckeln `typ` saknas {w}", "the key `typ` is missing {w}")
}

/// Label under the place where a key is missing.
pub fn missing_key_label(lang: Lang, key: &str) -> String {
    t!(lang, "lägg till `{key}` här", "add `{key}` here")
}

/// A value outside its closed list.
pub fn bad_keyword(lang: Lang, key: &str, value: &str) -> String {
    t!(lang, "`{value}` är inte ett giltigt värde för `{key}`", "`{value}` is not a valid value for `{key}`")
}

/// Help for a keyword with a space around it.
pub fn trim_help(lang: Lang, key: &str, word: &str) -> String {
    t!(
        lang,
        "ta bort mellanslaget före eller efter ordet: `{key}: {word}`",
        "remove the space before or after the word: `{key}: {word}`"
    )
}

/// Help for a keyword written with capitals.
pub fn lowercase_help(lang: Lang, key: &str, word: &str) -> String {
    t!(lang, "skriv ordet med små bokstäver: `{key}: {word}`", "write the word in lower case: `{key}: {word}`")
}

/// Help for a word that `plan.toml` maps to a status for imports.
pub fn mapped_help(lang: Lang, key: &str, word: &str, meant: &str) -> String {
    t!(
        lang,
        "`{word}` betyder `{meant}` enligt `[import.status]` i plan.toml, men det gäller bara vid import; skriv `{key}: {meant}`",
        "`[import.status]` in plan.toml maps `{word}` to `{meant}`, but only for imports; write `{key}: {meant}`"
    )
}

/// Help for a common synonym of a keyword.
pub fn synonym_help(lang: Lang, key: &str, word: &str, values: &[&str]) -> String {
    let values = values.join(" | ");
    t!(
        lang,
        "skriv `{key}: {word}`; planfilerna använder bara orden {values}",
        "write `{key}: {word}`; plan files use only the words {values}"
    )
}

/// Help listing the allowed values.
pub fn allowed_values(lang: Lang, values: &[&str]) -> String {
    let values = values.join(" | ");
    t!(lang, "giltiga värden: {values}", "valid values: {values}")
}

/// A date that is not a date.
pub fn bad_date(lang: Lang, value: &str) -> String {
    t!(lang, "`{value}` är inte ett giltigt datum", "`{value}` is not a valid date")
}

/// How to write dates.
pub fn date_help(lang: Lang) -> String {
    t!(lang, "skriv datum som ÅÅÅÅ-MM-DD, till exempel 2024-03-01", "write dates as YYYY-MM-DD, for example 2024-03-01")
}

/// What to do about a date that is not one: the part that is impossible, or the date as it
/// should be written.
pub fn bad_date_help(lang: Lang, key: &str, bad: &super::dates::BadDate) -> String {
    use super::dates::BadDate;
    const MONTHS: [(&str, &str); 12] = [
        ("januari", "January"),
        ("februari", "February"),
        ("mars", "March"),
        ("april", "April"),
        ("maj", "May"),
        ("juni", "June"),
        ("juli", "July"),
        ("augusti", "August"),
        ("september", "September"),
        ("oktober", "October"),
        ("november", "November"),
        ("december", "December"),
    ];
    match *bad {
        BadDate::NoSuchMonth { month } => t!(
            lang,
            "det finns ingen månad {month}; månaden står i mitten, ÅÅÅÅ-MM-DD, och är 01–12",
            "there is no month {month}; the month is in the middle, YYYY-MM-DD, and is 01–12"
        ),
        BadDate::NoSuchDay { year, month, day, last } => {
            let (sv, en) = MONTHS[(month.clamp(1, 12) - 1) as usize];
            if day == 0 {
                t!(lang, "det finns ingen dag 0; dagen är 01–{last}", "there is no day 0; the day is 01–{last}")
            } else {
                t!(
                    lang,
                    "{sv} {year} har bara {last} dagar, så dag {day} finns inte; rätta dagen",
                    "{en} {year} has only {last} days, so there is no day {day}; correct the day"
                )
            }
        }
        BadDate::OtherForm { date } => {
            t!(lang, "skriv datumet som ÅÅÅÅ-MM-DD: `{key}: {date}`", "write the date as YYYY-MM-DD: `{key}: {date}`")
        }
        BadDate::Unknown => date_help(lang),
    }
}

/// A year out of any sensible range.
pub fn bad_year(lang: Lang, value: &str) -> String {
    t!(lang, "`{value}` är inte ett rimligt årtal", "`{value}` is not a plausible year")
}

/// An id that breaks the id pattern.
pub fn bad_id(lang: Lang, value: &str) -> String {
    t!(lang, "`{value}` är inte ett giltigt id", "`{value}` is not a valid id")
}

/// How ids are written.
pub fn id_help(lang: Lang) -> String {
    t!(
        lang,
        "ett id börjar med en bokstav eller siffra och innehåller bara bokstäver (a–z, å, ä, ö), siffror, punkt, bindestreck och understreck",
        "an id starts with a letter or digit and contains only letters (a–z, å, ä, ö), digits, dot, hyphen and underscore"
    )
}

/// An id or code written as a YAML number.
pub fn number_not_text(lang: Lang, key: &str, value: &str) -> String {
    t!(
        lang,
        "`{key}: {value}` läses av YAML som ett tal, inte som text",
        "YAML reads `{key}: {value}` as a number, not as text"
    )
}

/// Help: quote it.
pub fn quote_help(lang: Lang, key: &str, value: &str) -> String {
    t!(
        lang,
        "sätt citattecken runt värdet: `{key}: \"{value}\"` (annars kan till exempel 1.10 bli 1.1)",
        "put quotes around the value: `{key}: \"{value}\"` (otherwise 1.10, for example, becomes 1.1)"
    )
}

/// A kommunkod that is not four digits.
pub fn bad_municipality_code(lang: Lang, value: &str) -> String {
    t!(lang, "kommunkoden `{value}` ska vara fyra siffror", "the municipality code `{value}` must be four digits")
}

/// What a municipality code looks like, and where to find it.
pub fn municipality_code_help(lang: Lang) -> String {
    t!(
        lang,
        "skriv koden inom citattecken, till exempel `kommunkod: \"0180\"` (Stockholm) eller `\"0001\"` (Region Stockholm), som i Kolada",
        "write the code in quotes, for example `kommunkod: \"0180\"` (Stockholm) or `\"0001\"` (Region Stockholm), as in Kolada"
    )
}

/// `kommunkod` or `kön` in a källa without `kolada`.
pub fn kolada_only(lang: Lang, key: &str) -> String {
    t!(
        lang,
        "`{key}` i `källa` gäller bara ett Kolada-nyckeltal (`kolada`)",
        "`{key}` in `källa` applies only to a Kolada KPI (`kolada`)"
    )
}

/// A källa with not exactly one of kolada/text.
pub fn bad_source(lang: Lang) -> String {
    t!(
        lang,
        "`källa` ska ha exakt en av nycklarna `kolada` och `text`",
        "`källa` must have exactly one of the keys `kolada` and `text`"
    )
}

/// A file with nothing in it.
pub fn empty_file(lang: Lang) -> String {
    t!(lang, "filen är tom", "the file is empty")
}

/// What a plan file starts with.
pub fn typ_help(lang: Lang) -> String {
    t!(
        lang,
        "en planfil börjar med `typ: organisationer`, `typ: handlingsplan` eller `typ: aktivitetsplan`",
        "a plan file starts with `typ: organisationer`, `typ: handlingsplan` or `typ: aktivitetsplan`"
    )
}

/// An unknown `typ`.
pub fn unknown_typ(lang: Lang, value: &str) -> String {
    t!(lang, "okänd filtyp `{value}`", "unknown file type `{value}`")
}

/// A required text that is empty.
pub fn empty_string(lang: Lang, key: &str) -> String {
    t!(lang, "`{key}` är tom", "`{key}` is empty")
}

//! `plan import --kolada`: yearly indicator values from a downloaded Kolada (API v3) response.
//!
//! The user downloads `https://api.kolada.se/v3/data/kpi/<KPI>/municipality/<code>` (or
//! any v3 data query) and gives the file to the tool; the tool never goes on the network.
//! Every indicator whose `källa` names that KPI and, explicitly or through its plan's
//! owner, that municipality code gets the value for its gender (`T` unless `kön` says
//! otherwise) in `värden`, inserted in year order through the surgical editor. A year that
//! already has a different value is a conflict unless `--force`; a `null` value (Kolada
//! says why in `status`) is reported and not written.

use super::{Outcome, read_plan_file, report_check, stage_plan_file};
use crate::config::Config;
use crate::edit::{Batch, Document, EditError, Order, Seg, Value};
use crate::error::Error;
use crate::model::schema::Def;
use crate::run::{CheckOptions, check};
use crate::t;
use crate::yaml::NodeKind;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// A Kolada v3 data response, as much of it as the import reads.
#[derive(Debug, Deserialize)]
pub struct Response {
    /// Number of entries Kolada says it holds (informational).
    #[serde(default)]
    pub count: Option<u64>,
    /// One entry per KPI, municipality and period.
    #[serde(default)]
    pub values: Vec<Entry>,
    /// The next page's address, when the response is one page of several.
    #[serde(default)]
    pub next_url: Option<serde_json::Value>,
    /// The same, as some responses spell it.
    #[serde(default)]
    pub next_page: Option<serde_json::Value>,
}

/// One KPI, municipality and period.
#[derive(Debug, Deserialize)]
pub struct Entry {
    /// The KPI id.
    pub kpi: String,
    /// Kolada's municipality or region code.
    pub municipality: String,
    /// The year, as a number or a string.
    pub period: Period,
    /// One value per gender.
    #[serde(default)]
    pub values: Vec<GenderValue>,
}

/// A year written as a number (`2023`) or a string (`"2023"`).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum Period {
    /// `2023`.
    Number(i64),
    /// `"2023"`.
    Text(String),
}

impl Period {
    /// The year, if it is one.
    pub fn year(&self) -> Option<i32> {
        match self {
            Period::Number(n) => i32::try_from(*n).ok(),
            Period::Text(s) => s.trim().parse().ok(),
        }
    }
}

/// The value for one gender.
#[derive(Debug, Deserialize)]
pub struct GenderValue {
    /// `T`, `K` or `M`.
    pub gender: String,
    /// The value; `null` when Kolada has none.
    #[serde(default)]
    pub value: Option<f64>,
    /// Why there is no value, or a remark.
    #[serde(default)]
    pub status: Option<String>,
}

/// Whether a `next_url`/`next_page` field says there are more pages.
fn more_pages(v: &Option<serde_json::Value>) -> bool {
    match v {
        None | Some(serde_json::Value::Null) => false,
        Some(serde_json::Value::String(s)) => !s.trim().is_empty(),
        Some(_) => true,
    }
}

/// Parses a Kolada response, or says in `lang` why the text is not one: where its JSON is
/// broken (line and column), or which field (`values[3].period`) holds the wrong kind of
/// value. Kolada's responses are one line long, so the field is what finds the place.
pub fn parse(text: &str, lang: crate::lang::Lang) -> Result<Response, String> {
    use serde_json::Value;
    if text.trim_start().starts_with('<') {
        return Err(t!(
            lang,
            "filen är en webbsida (HTML), inte ett svar från Koladas API; spara svaret från API-adressen (https://api.kolada.se/v3/…) som en .json-fil",
            "the file is a web page (HTML), not a response from Kolada's API; save the response of the API address (https://api.kolada.se/v3/…) as a .json file"
        ));
    }
    let value: Value = serde_json::from_str(text).map_err(|e| json_syntax(lang, &e))?;
    check_shape(&value, lang)?;
    serde_json::from_value(value).map_err(|e| {
        let e = e.to_string();
        t!(lang, "svaret har inte Koladas form ({e})", "the response does not have Kolada's shape ({e})")
    })
}

/// A JSON syntax error, with its line and column, in `lang`.
fn json_syntax(lang: crate::lang::Lang, e: &serde_json::Error) -> String {
    let (l, c) = (e.line(), e.column().max(1));
    let english = e.to_string();
    let what = english.split(" at line ").next().unwrap_or(&english);
    let sv = if what.starts_with("EOF") {
        "filen tar slut mitt i JSON-innehållet; den är kanske inte helt nedladdad"
    } else if what.starts_with("trailing comma") {
        "ett kommatecken för mycket före `]` eller `}`"
    } else if what.starts_with("key must be a string") {
        "en nyckel ska stå inom dubbla citattecken"
    } else if what.starts_with("trailing characters") {
        "efter JSON-innehållet följer mer text"
    } else if what.starts_with("expected") {
        "här saknas ett värde, ett `:` eller ett `,`"
    } else if what.contains("escape") || what.contains("control character") {
        "en text innehåller ett tecken som JSON inte tillåter"
    } else {
        "JSON-syntaxen är fel här"
    };
    t!(lang, "rad {l}, kolumn {c}: {sv}", "line {l}, column {c}: {what}")
}

/// The kind of a JSON value, for "`values[0].kpi` must be a text, not a number".
fn kind(lang: crate::lang::Lang, v: &serde_json::Value) -> &'static str {
    use serde_json::Value;
    match v {
        Value::Null => "null",
        Value::Bool(_) => lang.pick("ett sanningsvärde", "a true/false value"),
        Value::Number(_) => lang.pick("ett tal", "a number"),
        Value::String(_) => lang.pick("en text", "a text"),
        Value::Array(_) => lang.pick("en lista", "a list"),
        Value::Object(_) => lang.pick("ett objekt", "an object"),
    }
}

/// Checks that a parsed response has the fields the import reads, of the right kinds.
fn check_shape(root: &serde_json::Value, lang: crate::lang::Lang) -> Result<(), String> {
    use serde_json::Value;
    let wrong = |path: &str, want: &str, got: &Value| {
        let got = kind(lang, got);
        t!(lang, "`{path}` ska vara {want}, inte {got}", "`{path}` must be {want}, not {got}")
    };
    let (object, list, text, number) = (
        lang.pick("ett objekt", "an object"),
        lang.pick("en lista", "a list"),
        lang.pick("en text", "a text"),
        lang.pick("ett tal eller null", "a number or null"),
    );
    let Value::Object(top) = root else {
        let got = kind(lang, root);
        return Err(t!(
            lang,
            "svaret ska vara ett JSON-objekt med `values`, inte {got}",
            "the response must be a JSON object with `values`, not {got}",
        ));
    };
    let Some(values) = top.get("values") else { return Ok(()) };
    let Value::Array(entries) = values else { return Err(wrong("values", list, values)) };
    for (i, entry) in entries.iter().enumerate() {
        let at = format!("values[{i}]");
        let Value::Object(entry) = entry else { return Err(wrong(&at, object, entry)) };
        for key in ["kpi", "municipality"] {
            match entry.get(key) {
                Some(Value::String(_)) => {}
                Some(other) => return Err(wrong(&format!("{at}.{key}"), text, other)),
                None if key == "municipality" && entry.contains_key("ou") => {
                    let kpi = entry.get("kpi").and_then(Value::as_str).unwrap_or("N00945");
                    let kpi = crate::escape::Terminal(kpi).to_string();
                    return Err(t!(
                        lang,
                        "svaret gäller organisatoriska enheter (`ou` i `{at}`: en skola, ett äldreboende …), inte kommuner; `plan` läser värden per kommun eller region, från adresser som https://api.kolada.se/v3/data/kpi/{kpi}/municipality/KOMMUNKOD (`plan kolada urls` skriver dem för repositoriets indikatorer)",
                        "the response is about organisational units (`ou` in `{at}`: a school, a care home …), not municipalities; `plan` reads values per municipality or region, from addresses such as https://api.kolada.se/v3/data/kpi/{kpi}/municipality/CODE (`plan kolada urls` prints them for the repository's indicators)"
                    ));
                }
                None => {
                    return Err(t!(lang, "`{at}` saknar `{key}`", "`{at}` has no `{key}`"));
                }
            }
        }
        match entry.get("period") {
            Some(Value::Number(_) | Value::String(_)) => {}
            Some(other) => {
                let want = lang.pick("ett år (ett tal eller en text)", "a year (a number or a text)");
                return Err(wrong(&format!("{at}.period"), want, other));
            }
            None => return Err(t!(lang, "`{at}` saknar `period`", "`{at}` has no `period`")),
        }
        let Some(genders) = entry.get("values") else { continue };
        let Value::Array(genders) = genders else { return Err(wrong(&format!("{at}.values"), list, genders)) };
        for (j, g) in genders.iter().enumerate() {
            let at = format!("{at}.values[{j}]");
            let Value::Object(g) = g else { return Err(wrong(&at, object, g)) };
            match g.get("gender") {
                Some(Value::String(_)) => {}
                Some(other) => return Err(wrong(&format!("{at}.gender"), text, other)),
                None => return Err(t!(lang, "`{at}` saknar `gender`", "`{at}` has no `gender`")),
            }
            if let Some(v) = g.get("value").filter(|v| !matches!(v, Value::Number(_) | Value::Null)) {
                return Err(wrong(&format!("{at}.value"), number, v));
            }
            if let Some(v) = g.get("status").filter(|v| !matches!(v, Value::String(_) | Value::Null)) {
                return Err(wrong(&format!("{at}.status"), lang.pick("en text eller null", "a text or null"), v));
            }
        }
    }
    Ok(())
}

/// One value to write into one indicator.
#[derive(Debug)]
struct Fill {
    /// The list the indicator is in: `(key, id)` of the målområde or utvecklingsområde
    /// holding it, or `None` for the plan's own `indikatorer`.
    holder: Option<(&'static str, String)>,
    indicator: String,
    year: i32,
    value: f64,
    old: Option<f64>,
}

/// Runs `plan import --kolada FILE.json` against the repository at `root`.
pub fn run(root: &Path, config: &Config, options: &CheckOptions, file: &Path, force: bool) -> Result<Outcome, Error> {
    let lang = options.lang;
    let f = file.display();
    let text = read_response(file, lang)?;
    let response = parse(text.trim_start_matches('\u{feff}'), lang).map_err(|e| {
        Error::Input(t!(lang, "{f}: inget Kolada-svar (API v3): {e}", "{f}: not a Kolada (API v3) response: {e}"))
    })?;
    let before = check(root, config, options)?;
    let plan = &before.plan;
    let mut outcome = Outcome::default();
    if more_pages(&response.next_url) || more_pages(&response.next_page) {
        outcome.warn(t!(
            lang,
            "obs: svaret är en sida av flera (next_url/next_page); ladda ner resten och importera dem också",
            "note: the response is one page of several (next_url/next_page); download the rest and import them too"
        ));
    }
    // Every Kolada indicator: (file, where it is held, indicator, kpi, code, gender), in a
    // målområde, an utvecklingsområde or the plan itself.
    let mut indicators = Vec::new();
    for ap in &plan.action_plans {
        for (at, _, ind) in ap.indicators() {
            let holder = match at {
                crate::model::IndicatorAt::Plan => None,
                crate::model::IndicatorAt::GoalArea(g) => Some(("målområden", ap.goal_areas[g].id.value.0.clone())),
                crate::model::IndicatorAt::FocusArea(f) => {
                    Some(("utvecklingsområden", ap.focus_areas[f].id.value.0.clone()))
                }
            };
            if let Some((kpi, code, gender)) = plan.kolada_of(ap, ind) {
                indicators.push((ind.id.span.file, holder, ind, kpi, code, gender));
            }
        }
    }
    let mut fills: BTreeMap<crate::source::FileId, Vec<Fill>> = BTreeMap::new();
    let (mut unmatched, mut conflicts, mut same) = (0usize, Vec::new(), 0usize);
    for (entry, year) in response.values.iter().zip(years(&response, &f.to_string(), lang)?) {
        let matching: Vec<_> =
            indicators.iter().filter(|i| i.3 == entry.kpi && i.4 == Some(entry.municipality.as_str())).collect();
        if matching.is_empty() {
            unmatched += 1;
            continue;
        }
        for (file, holder, ind, kpi, code, gender) in matching {
            let id = ind.id.value.as_str();
            let code = code.unwrap_or_default();
            let Some(v) = entry.values.iter().find(|v| v.gender == gender.as_str()) else { continue };
            let Some(value) = v.value else {
                let why = v.status.clone().filter(|s| !s.is_empty()).unwrap_or_else(|| "-".into());
                outcome.warn(t!(
                    lang,
                    "{id} ({kpi}, {code}): inget värde för {year}: {why}",
                    "{id} ({kpi}, {code}): no value for {year}: {why}"
                ));
                continue;
            };
            let old = ind.values.iter().find(|(y, _)| y.value == year).map(|(_, v)| v.value);
            if old == Some(value) {
                same += 1;
                continue;
            }
            if let Some(o) = old
                && !force
            {
                let o = crate::edit::emit::number(o);
                let n = crate::edit::emit::number(value);
                conflicts.push(t!(
                    lang,
                    "{id} ({kpi}, {code}) {year}: filen har {o}, Kolada {n}",
                    "{id} ({kpi}, {code}) {year}: the file has {o}, Kolada {n}"
                ));
                continue;
            }
            let fill = Fill { holder: holder.clone(), indicator: id.to_owned(), year, value, old };
            fills.entry(*file).or_default().push(fill);
        }
    }
    // An indicator whose KPI is in the response but whose municipality is unknown can never
    // match; say so rather than leave the user wondering.
    for (_, _, ind, kpi, code, _) in &indicators {
        if code.is_none() && response.values.iter().any(|e| e.kpi == *kpi) {
            let id = ind.id.value.as_str();
            outcome.warn(t!(
                lang,
                "obs: {id} ({kpi}) har ingen giltig kommunkod: skriv `kommunkod` i `källa` med fyra siffror inom citattecken (`\"0180\"`), eller ge planens ägare en",
                "note: {id} ({kpi}) has no valid municipality code: write `kommunkod` in `källa` as four digits in quotes (`\"0180\"`), or give the plan's owner one"
            ));
        }
    }
    if unmatched > 0 {
        let values = crate::lang::ui::count(lang, unmatched, crate::lang::ui::VALUES);
        let belong = if unmatched == 1 { lang.pick("hör", "belongs") } else { lang.pick("hör", "belong") };
        outcome.warn(t!(
            lang,
            "obs: {values} i svaret {belong} inte till någon indikator (KPI och kommunkod)",
            "note: {values} in the response {belong} to no indicator (KPI and municipality code)"
        ));
    }
    if !conflicts.is_empty() {
        for c in &conflicts {
            outcome.warn(c);
        }
        let n = conflicts.len();
        let years = crate::lang::ui::count(lang, n, crate::lang::ui::YEARS);
        let have = if n == 1 { lang.pick("har", "has") } else { lang.pick("har", "have") };
        return Ok(outcome.refused(t!(
            lang,
            "inget skrevs: {years} har redan ett annat värde; kör igen med --force för att ersätta dem",
            "nothing was written: {years} already {have} a different value; run again with --force to replace them"
        )));
    }
    if response.values.is_empty() {
        outcome.say(t!(
            lang,
            "inga ändringar: svaret innehåller inga värden (kontrollera KPI och kommunkod i adressen; `plan kolada urls` skriver adresserna)",
            "no changes: the response holds no values (check the KPI and the municipality code in the address; `plan kolada urls` prints the addresses)"
        ));
        return Ok(outcome);
    }
    if fills.is_empty() {
        let values = crate::lang::ui::count(lang, same, crate::lang::ui::VALUES);
        outcome.say(t!(lang, "inga ändringar ({values} stämde redan)", "no changes ({values} already matched)"));
        return Ok(outcome);
    }
    for list in fills.values_mut() {
        list.sort_by(|a, b| (&a.indicator, a.year).cmp(&(&b.indicator, b.year)));
    }
    // All or nothing: every file's new text is built and checked first, then every file is
    // staged beside itself, and only when all are staged are they renamed into place.
    let mut texts = Vec::new();
    for (file, list) in &fills {
        let source = plan.sources.get(*file);
        let (text, bom) = read_plan_file(&source.path, lang)?;
        let mut doc = Document::new(text);
        doc.batch(|b| apply(b, list)).map_err(|e| Error::Input(format!("{}: {}", source.name, e.message(lang))))?;
        super::check_plan_size(&source.name, doc.text(), bom, lang)?;
        for fill in list {
            let v = crate::edit::emit::number(fill.value);
            let (ind, year) = (&fill.indicator, fill.year);
            outcome.say(match fill.old {
                None => t!(lang, "  {ind} {year}: {v} (nytt)", "  {ind} {year}: {v} (new)"),
                Some(o) => {
                    let o = crate::edit::emit::number(o);
                    t!(lang, "  {ind} {year}: {v} (var {o})", "  {ind} {year}: {v} (was {o})")
                }
            });
        }
        texts.push((source.path.clone(), doc.into_text(), bom, source.name.clone()));
    }
    let mut staged = Vec::new();
    for (path, text, bom, name) in &texts {
        let s = stage_plan_file(path, text, *bom).map_err(|e| {
            let why = crate::lang::ui::io_error(lang, &e);
            Error::Output(t!(lang, "{name}: {why}; inget skrevs", "{name}: {why}; nothing was written"))
        })?;
        staged.push((s, name.as_str()));
    }
    for name in commit_all(staged, lang)? {
        outcome.say(t!(lang, "skrev {name}", "wrote {name}"));
    }
    report_check(root, config, options, &before, &mut outcome, ("importen", "the import"))?;
    Ok(outcome)
}

/// The response's text, at most [`super::limits::MAX_INPUT_BYTES`] of it (a real one is a
/// few kilobytes; parsed JSON takes several times its size).
fn read_response(file: &Path, lang: crate::lang::Lang) -> Result<String, Error> {
    let f = file.display();
    let most = super::limits::MAX_INPUT_BYTES;
    let bytes = match crate::files::read::file(file, most) {
        Ok(bytes) => bytes,
        Err(crate::files::read::ReadError::TooLarge { .. }) => {
            let most = super::limits::size(most);
            return Err(Error::Input(t!(
                lang,
                "{f}: filen är större än {most}; importen läser Kolada-svar på högst {most}",
                "{f}: the file is larger than {most}; the import reads Kolada responses of at most {most}"
            )));
        }
        Err(e) => return Err(e.at(file, lang)),
    };
    decode(bytes).ok_or_else(|| {
        Error::Input(t!(
            lang,
            "{f}: filen är varken UTF-8 eller UTF-16; spara svaret från API-adressen igen, som text",
            "{f}: the file is neither UTF-8 nor UTF-16; save the response of the API address again, as text"
        ))
    })
}

/// The text of a saved response: UTF-8, or UTF-16 as Windows PowerShell saves it (`>` and
/// `Out-File` write UTF-16 with a byte-order mark), also without the mark (JSON starts with
/// an ASCII character, so one of its first two bytes is zero). A UTF-8 mark stays for the
/// caller to trim.
pub fn decode(bytes: Vec<u8>) -> Option<String> {
    fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Option<String> {
        if !bytes.len().is_multiple_of(2) {
            return None;
        }
        char::decode_utf16(bytes.chunks_exact(2).map(|c| unit([c[0], c[1]]))).collect::<Result<String, _>>().ok()
    }
    match bytes.as_slice() {
        [0xFF, 0xFE, rest @ ..] => utf16(rest, u16::from_le_bytes),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, u16::from_be_bytes),
        [a, 0, ..] if *a != 0 => utf16(&bytes, u16::from_le_bytes),
        [0, b, ..] if *b != 0 => utf16(&bytes, u16::from_be_bytes),
        _ => String::from_utf8(bytes).ok(),
    }
}

/// One address of Kolada's API for the values of the repository's indicators.
#[derive(Debug, Clone, PartialEq)]
pub struct KoladaUrl {
    /// `https://api.kolada.se/v3/data/kpi/<KPI>/municipality/<code>`.
    pub url: String,
    /// The ids of the indicators it fills.
    pub indicators: Vec<String>,
}

/// The Kolada API addresses whose responses `plan import --kolada` fills the repository's
/// indicators from: one per KPI and municipality code, in the order the indicators are
/// written; and the ids of the Kolada indicators without a municipality code, which no
/// address can serve.
pub fn urls(plan: &crate::model::Plan) -> (Vec<KoladaUrl>, Vec<String>) {
    let (mut urls, mut without_code): (Vec<KoladaUrl>, Vec<String>) = (Vec::new(), Vec::new());
    let enc = |s: &str| percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string();
    for ap in &plan.action_plans {
        for (_, _, ind) in ap.indicators() {
            let id = ind.id.value.as_str().to_owned();
            match plan.kolada_of(ap, ind) {
                Some((kpi, Some(code), _)) => {
                    let url = format!("https://api.kolada.se/v3/data/kpi/{}/municipality/{}", enc(kpi), enc(code));
                    match urls.iter_mut().find(|u| u.url == url) {
                        Some(u) => u.indicators.push(id),
                        None => urls.push(KoladaUrl { url, indicators: vec![id] }),
                    }
                }
                Some((_, None, _)) => without_code.push(id),
                None => {}
            }
        }
    }
    (urls, without_code)
}

/// Every entry's period as a year, or the refusal of the first that is not a plausible one
/// ([`super::limits::KOLADA_YEARS`]): a period of -5 or 2147483647 is a broken file.
fn years(response: &Response, f: &str, lang: crate::lang::Lang) -> Result<Vec<i32>, Error> {
    let range = super::limits::KOLADA_YEARS;
    let (first, last) = (range.start(), range.end());
    let mut years = Vec::with_capacity(response.values.len());
    for (i, entry) in response.values.iter().enumerate() {
        match entry.period.year().filter(|y| range.contains(y)) {
            Some(year) => years.push(year),
            None => {
                let p = match &entry.period {
                    Period::Number(n) => n.to_string(),
                    Period::Text(s) => format!("\"{s}\""),
                };
                let (kpi, code) = (&entry.kpi, &entry.municipality);
                return Err(Error::Input(t!(
                    lang,
                    "{f}: values[{i}] ({kpi}, {code}): perioden {p} är inget år från {first} till {last}; inget skrevs",
                    "{f}: values[{i}] ({kpi}, {code}): the period {p} is not a year from {first} to {last}; nothing was written"
                )));
            }
        }
    }
    Ok(years)
}

/// Renames every staged file into place, in order; returns their names. When a rename
/// fails, the error says which files were written and which were not.
fn commit_all(staged: Vec<(crate::files::write::Staged, &str)>, lang: crate::lang::Lang) -> Result<Vec<&str>, Error> {
    let names: Vec<&str> = staged.iter().map(|(_, n)| *n).collect();
    for (i, (file, name)) in staged.into_iter().enumerate() {
        if let Err(e) = file.commit() {
            let why = crate::lang::ui::io_error(lang, &e);
            let done = if i == 0 { lang.pick("inga", "none").to_owned() } else { names[..i].join(", ") };
            let not = names[i..].join(", ");
            return Err(Error::Output(t!(
                lang,
                "{name}: {why}; skrevs: {done}; skrevs inte: {not}",
                "{name}: {why}; written: {done}; not written: {not}"
            )));
        }
    }
    Ok(names)
}

/// Writes the fills of one file (sorted by indicator and year) in one batch.
fn apply(b: &mut Batch<'_, '_>, fills: &[Fill]) -> Result<(), EditError> {
    let missing = |id: &str| EditError::Missing(id.to_owned());
    for group in fills.chunk_by(|a, b| a.indicator == b.indicator) {
        let first = &group[0];
        let mut list: Vec<Seg<'_>> = Vec::new();
        if let Some((key, id)) = &first.holder {
            let g = b.find_item(&[Seg::Key(key)], "id", id).ok_or_else(|| missing(id))?;
            list.extend([Seg::Key(key), Seg::Index(g)]);
        }
        list.push(Seg::Key("indikatorer"));
        let i = b.find_item(&list, "id", &first.indicator).ok_or_else(|| missing(&first.indicator))?;
        let mut ind = list.clone();
        ind.push(Seg::Index(i));
        let mut values = ind.clone();
        values.push(Seg::Key("värden"));
        if b.node(&values).is_some_and(|n| matches!(n.kind, NodeKind::Map(_))) {
            for fill in group {
                b.set(&values, &fill.year.to_string(), &Value::Num(fill.value), Order::Numeric)?;
            }
        } else {
            let entries = group.iter().map(|f| (f.year.to_string(), Value::Num(f.value))).collect();
            b.set(&ind, "värden", &Value::FlowMap(entries), Order::Format(Def::Indicator))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_nulls_and_page_fields_are_accepted() {
        let r = parse(
            r#"{"count": 2, "values": [
                {"kpi": "N1", "municipality": "0180", "period": 2023, "values": [{"gender": "T", "value": 74.1, "status": "", "count": 1}]},
                {"kpi": "N1", "municipality": "0180", "period": "2022", "values": [{"gender": "T", "value": null, "status": "Missing"}]},
                {"kpi": "N1", "municipality": "0001", "period": 2021}
            ], "next_page": "https://api.kolada.se/v3/data?page=2"}"#,
            crate::lang::Lang::En,
        )
        .unwrap();
        assert_eq!(r.values[1].period.year(), Some(2022));
        assert_eq!(r.values[1].values[0].value, None);
        assert!(r.values[2].values.is_empty());
        assert!(more_pages(&r.next_page) && !more_pages(&r.next_url));
        assert!(parse(r#"{"values": []}"#, crate::lang::Lang::En).unwrap().values.is_empty());
        assert!(parse("[1, 2]", crate::lang::Lang::En).is_err());
    }

    fn periods(json: &str) -> Result<Vec<i32>, Error> {
        years(&parse(json, crate::lang::Lang::En).expect("parses"), "k.json", crate::lang::Lang::En)
    }

    #[test]
    fn periods_are_years_from_1990_to_2100() {
        let one = |p: &str| {
            format!(
                r#"{{"values": [{{"kpi": "N1", "municipality": "0180", "period": 2023}}, {{"kpi": "N2", "municipality": "0180", "period": {p}}}]}}"#
            )
        };
        assert_eq!(periods(&one("1990")).expect("ok"), [2023, 1990]);
        assert_eq!(periods(&one("\"2100\"")).expect("ok"), [2023, 2100]);
        for (p, said) in [
            ("-5", "-5"),
            ("2147483647", "2147483647"),
            ("1989", "1989"),
            ("2101", "2101"),
            ("\"2023H1\"", "\"2023H1\""),
            ("99999999999", "99999999999"),
        ] {
            let e = periods(&one(p)).expect_err(p).to_string();
            assert_eq!(
                e,
                format!(
                    "k.json: values[1] (N2, 0180): the period {said} is not a year from 1990 to 2100; nothing was written"
                )
            );
        }
    }

    #[test]
    fn a_failed_rename_says_which_files_were_written_and_which_not() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (a, b, c) = (dir.path().join("a.yaml"), dir.path().join("b.yaml"), dir.path().join("c.yaml"));
        let staged = vec![
            (crate::files::write::stage(&a, b"a").expect("stage"), "plans/a.yaml"),
            (crate::files::write::stage(&b, b"b").expect("stage"), "plans/b.yaml"),
            (crate::files::write::stage(&c, b"c").expect("stage"), "plans/c.yaml"),
        ];
        // A folder with a file in it where b.yaml should go: its rename cannot succeed.
        std::fs::create_dir(&b).expect("mkdir");
        std::fs::write(b.join("x"), b"x").expect("write");
        let e = commit_all(staged, crate::lang::Lang::En).expect_err("fails").to_string();
        assert!(e.starts_with("plans/b.yaml: "), "{e}");
        assert!(e.ends_with("; written: plans/a.yaml; not written: plans/b.yaml, plans/c.yaml"), "{e}");
        assert_eq!(std::fs::read(&a).expect("a"), b"a");
        assert!(b.is_dir() && !c.exists());
    }
}

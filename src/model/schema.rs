//! The JSON Schema of plan files, for editors: completion, hover help and inline validation.
//!
//! The field tables here are the one description of the file format's shape: the
//! converter ([`crate::load`]) reads files by them (the keys a part may have, which are
//! required), its P002 messages name the parts by [`Def`], the editor writes new keys in
//! their order, and `plan schema` prints them as a JSON Schema. So the schema editors see
//! cannot drift from what the tool accepts. Descriptions are in Swedish, like the files.

use super::{Gender, OrgCategory, Status, Trend};
use serde_json::{Map, Value, json};

/// A part of a plan file that the schema describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Def {
    /// A `typ: organisationer` file.
    OrganisationsFile,
    /// An organisation.
    Organisation,
    /// A `typ: handlingsplan` file.
    ActionPlan,
    /// `period`.
    Period,
    /// `beslut`.
    Decision,
    /// A sakområde.
    Topic,
    /// A målområde.
    GoalArea,
    /// A strategisk inriktning.
    Direction,
    /// An indikator.
    Indicator,
    /// `källa`.
    Source,
    /// A planned review of a plan.
    Review,
    /// An utvecklingsområde.
    FocusArea,
    /// A `typ: aktivitetsplan` file.
    ActivityPlan,
    /// An uppdrag.
    Assignment,
    /// `analys`: an aktivitetsplan's narrative per period.
    Analysis,
    /// An aktivitet.
    Activity,
    /// A follow-up entry.
    FollowUp,
}

/// Every definition, in the order they appear in the schema.
pub const DEFS: &[Def] = &[
    Def::OrganisationsFile,
    Def::Organisation,
    Def::ActionPlan,
    Def::Period,
    Def::Decision,
    Def::Topic,
    Def::GoalArea,
    Def::Direction,
    Def::Indicator,
    Def::Source,
    Def::Review,
    Def::FocusArea,
    Def::ActivityPlan,
    Def::Assignment,
    Def::Analysis,
    Def::Activity,
    Def::FollowUp,
];

/// What a key holds.
#[derive(Debug, Clone, Copy)]
pub enum Shape {
    /// The file type, a constant.
    Typ(&'static str),
    /// Plain text.
    Text,
    /// Markdown text.
    Markdown,
    /// An id defined here.
    Id,
    /// An id of something defined elsewhere.
    Ref,
    /// A list of ids of things defined elsewhere.
    Refs,
    /// A date, `YYYY-MM-DD`.
    Date,
    /// A year.
    Year,
    /// A whole number.
    Integer,
    /// A number.
    Number,
    /// true or false.
    Bool,
    /// One word from a closed list, each with its meaning.
    Keyword(&'static [(&'static str, &'static str)]),
    /// A four-digit municipality code.
    MunicipalityCode,
    /// A nested mapping.
    Object(Def),
    /// A list of nested mappings.
    List(Def),
    /// Year → number.
    YearValues,
}

/// One key: its name, what it holds, whether it is required, and what it means.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// The key.
    pub key: &'static str,
    /// Its value.
    pub shape: Shape,
    /// Whether the key must be present.
    pub required: bool,
    /// Its meaning, in Swedish.
    pub description: &'static str,
}

const fn f(key: &'static str, shape: Shape, required: bool, description: &'static str) -> Field {
    Field { key, shape, required, description }
}

const DESCRIPTION: &str = "Beskrivning i Markdown.";

use Shape::*;

const ORGANISATIONS_FILE_FIELDS: &[Field] = &[
    f("typ", Typ("organisationer"), true, "Filtyp: en lista över organisationer som kan äga eller delta i arbete."),
    f(
        "organisationer",
        List(Def::Organisation),
        true,
        "Organisationerna. Ansvariga är alltid organisationer eller roller, aldrig namngivna personer.",
    ),
    f("beskrivning", Markdown, false, DESCRIPTION),
];

const ORGANISATION_FIELDS: &[Field] = &[
    f("id", Id, true, "Organisationens id, unikt i hela repositoriet."),
    f("namn", Text, true, "Organisationens namn."),
    f("kategori", Keyword(OrgCategory::MEANINGS), true, "Vilken sorts aktör organisationen är."),
    f("del_av", Ref, false, "Id för den organisation som den här är en del av."),
    f("kommunkod", MunicipalityCode, false, "Kommunkod med fyra siffror, inom citattecken, till exempel \"0181\"."),
    f("kontakt", Text, false, "En funktionsadress, aldrig en persons adress."),
    f("beskrivning", Markdown, false, DESCRIPTION),
];

const ACTION_PLAN_FIELDS: &[Field] = &[
    f("typ", Typ("handlingsplan"), true, "Filtyp: en flerårig handlingsplan, länets eller en lokal plan."),
    f("id", Id, true, "Planens id, unikt i hela repositoriet."),
    f("namn", Text, true, "Planens namn."),
    f("följer", Ref, false, "Id för den plan som den här lokala planen följer. Länsplanen har ingen `följer`."),
    f("period", Object(Def::Period), true, "Åren planen gäller, inklusive första och sista året."),
    f("ägare", Ref, false, "Id för den organisation som äger planen."),
    f("beslut", Object(Def::Decision), false, "Beslutet som antog planen."),
    f("mål", Text, false, "Det övergripande målet."),
    f("beskrivning", Markdown, false, DESCRIPTION),
    f("sakområden", List(Def::Topic), false, "Sakområdena, med sina samrådsgrupper."),
    f("målområden", List(Def::GoalArea), false, "Målområdena med sina strategiska inriktningar och indikatorer."),
    f(
        "uppföljningar",
        List(Def::Review),
        false,
        "Planerade uppföljningar av planen själv, till exempel en halvtidsuppföljning.",
    ),
    f(
        "utvecklingsområden",
        List(Def::FocusArea),
        false,
        "En lokal plans utvecklingsområden, som var och ett leder till länets inriktningar.",
    ),
    f(
        "indikatorer",
        List(Def::Indicator),
        false,
        "Indikatorer som följer planen som helhet, till exempel en kommuns egna nyckeltal i Kolada.",
    ),
];

const PERIOD_FIELDS: &[Field] = &[f("från", Year, true, "Första året."), f("till", Year, true, "Sista året.")];

const DECISION_FIELDS: &[Field] = &[
    f("datum", Date, true, "Beslutsdatum, ÅÅÅÅ-MM-DD."),
    f("av", Ref, false, "Id för den organisation som fattade beslutet."),
];

const TOPIC_FIELDS: &[Field] = &[
    f("id", Id, true, "Sakområdets id."),
    f("namn", Text, true, "Sakområdets namn."),
    f("samrådsgrupp", Ref, false, "Id för sakområdets samrådsgrupp."),
    f("beskrivning", Markdown, false, DESCRIPTION),
];

const GOAL_AREA_FIELDS: &[Field] = &[
    f("id", Id, true, "Målområdets id, till exempel MO1."),
    f("nummer", Integer, false, "Målområdets nummer i planen."),
    f("namn", Text, true, "Målområdets namn."),
    f("kännetecken", Text, false, "Hur målområdet ser ut från invånarens sida."),
    f("beskrivning", Markdown, false, DESCRIPTION),
    f("inriktningar", List(Def::Direction), false, "De strategiska inriktningarna."),
    f("indikatorer", List(Def::Indicator), false, "Indikatorer som följer målområdet över tid."),
];

const DIRECTION_FIELDS: &[Field] = &[
    f("id", Id, true, "Inriktningens id, till exempel MO1.2."),
    f("text", Text, true, "Inriktningens lydelse, ordagrant ur planen."),
    f("beskrivning", Markdown, false, DESCRIPTION),
];

const INDICATOR_FIELDS: &[Field] = &[
    f("id", Id, true, "Indikatorns id."),
    f("namn", Text, true, "Indikatorns namn."),
    f("enhet", Text, false, "Enheten för värdena, till exempel procent."),
    f("riktning", Keyword(Trend::MEANINGS), false, "Vilket håll värdet bör gå."),
    f("källa", Object(Def::Source), false, "Var värdena kommer från: ett Kolada-nyckeltal eller en text."),
    f("målvärde", Number, false, "Målvärdet."),
    f("värden", YearValues, false, "Värden per år: `{ 2023: 71.5, 2024: 73.0 }`."),
    f("beskrivning", Markdown, false, DESCRIPTION),
];

const SOURCE_FIELDS: &[Field] = &[
    f("kolada", Text, false, "Id för ett nyckeltal i Kolada, till exempel N00945."),
    f(
        "kommunkod",
        MunicipalityCode,
        false,
        "Kommun- eller regionkod i Kolada, fyra siffror inom citattecken: \"0180\" Stockholm, \"0001\" Region Stockholm. Standard: kommunkoden hos planens ägare (eller närmaste organisation den är del av).",
    ),
    f("kön", Keyword(Gender::MEANINGS), false, "Vilket värde i Kolada: T totalt (standard), K kvinnor, M män."),
    f("text", Text, false, "En källa beskriven i text."),
];

const REVIEW_FIELDS: &[Field] = &[
    f("datum", Date, true, "När uppföljningen ska göras, ÅÅÅÅ-MM-DD."),
    f("typ", Text, false, "Vilken sorts uppföljning, till exempel halvtid."),
    f("beskrivning", Markdown, false, DESCRIPTION),
];

const FOCUS_AREA_FIELDS: &[Field] = &[
    f("id", Id, true, "Utvecklingsområdets id."),
    f("namn", Text, true, "Utvecklingsområdets namn."),
    f("inriktningar", Refs, false, "Id för de strategiska inriktningar i planerna som följs som området leder till."),
    f("ansvarig", Ref, false, "Id för den ansvariga organisationen."),
    f("beskrivning", Markdown, false, DESCRIPTION),
    f("indikatorer", List(Def::Indicator), false, "Indikatorer som följer utvecklingsområdet över tid."),
];

const ACTIVITY_PLAN_FIELDS: &[Field] = &[
    f("typ", Typ("aktivitetsplan"), true, "Filtyp: ett års aktiviteter under en handlingsplan."),
    f("id", Id, true, "Aktivitetsplanens id."),
    f("namn", Text, false, "Aktivitetsplanens namn."),
    f("handlingsplan", Ref, true, "Id för den handlingsplan som aktivitetsplanen hör till."),
    f("år", Year, true, "Året, inom handlingsplanens period."),
    f("beslut", Object(Def::Decision), false, "Beslutet som antog aktivitetsplanen."),
    f("beskrivning", Markdown, false, DESCRIPTION),
    f("uppdrag", List(Def::Assignment), false, "Uppdrag som grupperar årets aktiviteter."),
    f(
        "analys",
        Object(Def::Analysis),
        false,
        "Analysen av året per uppföljningsperiod (t1, t2, helår), i Markdown; `plan report` visar den för perioden.",
    ),
    f("aktiviteter", List(Def::Activity), false, "Årets aktiviteter."),
];

const ANALYSIS_FIELDS: &[Field] = &[
    f("t1", Markdown, false, "Analysen efter första tertialen (januari–april)."),
    f("t2", Markdown, false, "Analysen efter andra tertialen (januari–augusti, delårsrapporten)."),
    f("helår", Markdown, false, "Analysen av hela året."),
];

const ASSIGNMENT_FIELDS: &[Field] = &[
    f("id", Id, true, "Uppdragets id."),
    f("namn", Text, true, "Uppdragets namn."),
    f("ansvarig", Ref, false, "Id för den ansvariga organisationen."),
    f("beskrivning", Markdown, false, DESCRIPTION),
];

const ACTIVITY_FIELDS: &[Field] = &[
    f("id", Id, true, "Aktivitetens id, unikt i hela repositoriet."),
    f("titel", Text, true, "Aktivitetens titel."),
    f(
        "fortsätter",
        Ref,
        false,
        "Id för aktiviteten i en tidigare aktivitetsplan som den här fortsätter (skrivs av `plan new aktivitetsplan --from`).",
    ),
    f("uppdrag", Ref, false, "Id för ett uppdrag i samma aktivitetsplan."),
    f("beskrivning", Markdown, false, DESCRIPTION),
    f("inriktningar", Refs, false, "Id för strategiska inriktningar som aktiviteten leder till direkt."),
    f("utvecklingsområden", Refs, false, "Id för den egna planens utvecklingsområden som aktiviteten leder till."),
    f("ansvarig", Ref, false, "Id för den ansvariga organisationen (krävs, se regel P006)."),
    f("medverkande", Refs, false, "Id för organisationer som medverkar."),
    f("sakområden", Refs, false, "Id för sakområden som aktiviteten berör."),
    f("prioriterad", Bool, false, "Om aktiviteten är prioriterad."),
    f("start", Date, false, "Startdatum, ÅÅÅÅ-MM-DD; annars 1 januari det året."),
    f("slut", Date, false, "Slutdatum, ÅÅÅÅ-MM-DD; annars 31 december det året."),
    f("status", Keyword(Status::MEANINGS), true, "Aktivitetens status nu."),
    f("uppföljning", List(Def::FollowUp), false, "Uppföljningar, äldst först."),
];

const FOLLOW_UP_FIELDS: &[Field] = &[
    f("datum", Date, true, "När uppföljningen gjordes, ÅÅÅÅ-MM-DD."),
    f("status", Keyword(Status::MEANINGS), true, "Status vid uppföljningen."),
    f("kommentar", Text, false, "Vad som rapporterades."),
];

/// The keys of a definition.
pub fn fields(def: Def) -> &'static [Field] {
    match def {
        Def::OrganisationsFile => ORGANISATIONS_FILE_FIELDS,
        Def::Organisation => ORGANISATION_FIELDS,
        Def::ActionPlan => ACTION_PLAN_FIELDS,
        Def::Period => PERIOD_FIELDS,
        Def::Decision => DECISION_FIELDS,
        Def::Topic => TOPIC_FIELDS,
        Def::GoalArea => GOAL_AREA_FIELDS,
        Def::Direction => DIRECTION_FIELDS,
        Def::Indicator => INDICATOR_FIELDS,
        Def::Source => SOURCE_FIELDS,
        Def::Review => REVIEW_FIELDS,
        Def::FocusArea => FOCUS_AREA_FIELDS,
        Def::ActivityPlan => ACTIVITY_PLAN_FIELDS,
        Def::Assignment => ASSIGNMENT_FIELDS,
        Def::Analysis => ANALYSIS_FIELDS,
        Def::Activity => ACTIVITY_FIELDS,
        Def::FollowUp => FOLLOW_UP_FIELDS,
    }
}

impl Def {
    /// The keys of this part of a file, in the format's order.
    pub fn fields(self) -> &'static [Field] {
        fields(self)
    }

    /// The names of its keys, in the format's order.
    pub fn keys(self) -> impl Iterator<Item = &'static str> + Clone {
        self.fields().iter().map(|f| f.key)
    }

    /// Whether it may have this key.
    pub fn has_key(self, key: &str) -> bool {
        self.keys().any(|k| k == key)
    }

    /// Its required keys.
    pub fn required(self) -> impl Iterator<Item = &'static str> {
        self.fields().iter().filter(|f| f.required).map(|f| f.key)
    }

    /// The `typ` of a whole file of this kind (`aktivitetsplan`); `None` for the parts of a file.
    pub fn file_type(self) -> Option<&'static str> {
        self.fields().iter().find_map(|f| match f.shape {
            Shape::Typ(t) => Some(t),
            _ => None,
        })
    }

    /// The kind of file a `typ` names.
    pub fn of_file_type(typ: &str) -> Option<Def> {
        FILES.iter().copied().find(|d| d.file_type() == Some(typ))
    }
}

/// The kinds of whole file, in the order the format lists their `typ`.
pub const FILES: &[Def] = &[Def::OrganisationsFile, Def::ActionPlan, Def::ActivityPlan];

/// The `typ` words, in order: `organisationer`, `handlingsplan`, `aktivitetsplan`.
pub fn file_types() -> impl Iterator<Item = &'static str> + Clone {
    FILES.iter().filter_map(|d| d.file_type())
}

fn name(def: Def) -> &'static str {
    match def {
        Def::OrganisationsFile => "organisationer",
        Def::Organisation => "organisation",
        Def::ActionPlan => "handlingsplan",
        Def::Period => "period",
        Def::Decision => "beslut",
        Def::Topic => "sakomrade",
        Def::GoalArea => "malomrade",
        Def::Direction => "inriktning",
        Def::Indicator => "indikator",
        Def::Source => "kalla",
        Def::Review => "planuppfoljning",
        Def::FocusArea => "utvecklingsomrade",
        Def::ActivityPlan => "aktivitetsplan",
        Def::Assignment => "uppdrag",
        Def::Analysis => "analys",
        Def::Activity => "aktivitet",
        Def::FollowUp => "uppfoljning",
    }
}

const ID_PATTERN: &str = "^[A-Za-zÅÄÖåäö0-9][A-Za-zÅÄÖåäö0-9._-]*$";

fn shape(shape: Shape, description: &str) -> Value {
    let mut v = match shape {
        Shape::Typ(t) => json!({ "const": t }),
        Shape::Text => json!({ "type": "string" }),
        Shape::Markdown => json!({ "type": "string", "contentMediaType": "text/markdown" }),
        Shape::Id | Shape::Ref => json!({ "type": "string", "pattern": ID_PATTERN }),
        Shape::Refs => json!({ "type": "array", "items": { "type": "string", "pattern": ID_PATTERN } }),
        Shape::Date => json!({ "type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "format": "date" }),
        Shape::Year => json!({ "type": "integer", "minimum": 1900, "maximum": 2200 }),
        Shape::Integer => json!({ "type": "integer" }),
        Shape::Number => json!({ "type": "number" }),
        Shape::Bool => json!({ "type": "boolean" }),
        Shape::Keyword(words) => json!({
            "type": "string",
            "anyOf": words.iter().map(|(w, d)| json!({ "const": w, "description": d })).collect::<Vec<_>>(),
        }),
        Shape::MunicipalityCode => json!({ "type": "string", "pattern": "^[0-9]{4}$" }),
        Shape::Object(def) => json!({ "$ref": format!("#/$defs/{}", name(def)) }),
        Shape::List(def) => json!({ "type": "array", "items": { "$ref": format!("#/$defs/{}", name(def)) } }),
        Shape::YearValues => json!({
            "type": "object",
            "propertyNames": { "pattern": "^[0-9]{4}$" },
            "additionalProperties": { "type": "number" },
        }),
    };
    v["description"] = Value::from(description);
    v
}

fn definition(def: Def) -> Value {
    let mut properties = Map::new();
    for field in fields(def) {
        properties.insert(field.key.to_owned(), shape(field.shape, field.description));
    }
    let required: Vec<&str> = def.required().collect();
    let mut v = json!({
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    });
    if def == Def::Source {
        v["oneOf"] = json!([
            { "required": ["kolada"], "not": { "required": ["text"] } },
            { "required": ["text"], "propertyNames": { "const": "text" } },
        ]);
    }
    v
}

/// The JSON Schema (draft 2020-12) of every plan file, one schema for every `typ`.
pub fn json_schema() -> Value {
    let mut defs = Map::new();
    for &def in DEFS {
        defs.insert(name(def).to_owned(), definition(def));
    }
    let dispatch: Vec<Value> = FILES
        .iter()
        .filter_map(|&def| Some((def, def.file_type()?)))
        .map(|(def, typ)| {
            json!({
                "if": { "properties": { "typ": { "const": typ } }, "required": ["typ"] },
                "then": { "$ref": format!("#/$defs/{}", name(def)) },
            })
        })
        .collect();
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "urn:plan:plan-file:1",
        "title": "Planfil",
        "description": "En planfil för `plan`: organisationer, en handlingsplan eller en aktivitetsplan. Nyckeln `typ` säger vilken.",
        "type": "object",
        "required": ["typ"],
        "properties": {
            "typ": {
                "description": "Vad filen innehåller.",
                "anyOf": [
                    { "const": "organisationer", "description": "Organisationer som kan äga eller delta i arbete." },
                    { "const": "handlingsplan", "description": "En flerårig handlingsplan: länets eller en lokal plan." },
                    { "const": "aktivitetsplan", "description": "Ett års aktiviteter under en handlingsplan." },
                ],
            },
        },
        "allOf": dispatch,
        "$defs": defs,
    })
}

/// The schema as the text committed at `schema/plan.schema.json`.
pub fn json_text() -> String {
    let mut text = serde_json::to_string_pretty(&json_schema()).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_described() {
        for &def in DEFS {
            assert!(fields(def).iter().all(|f| !f.description.is_empty()), "{def:?}");
        }
    }

    #[test]
    fn definition_names_are_ascii_for_references() {
        assert!(DEFS.iter().all(|&d| name(d).is_ascii()));
    }

    #[test]
    fn every_file_type_names_its_definition() {
        assert_eq!(file_types().collect::<Vec<_>>(), ["organisationer", "handlingsplan", "aktivitetsplan"]);
        for &def in FILES {
            assert_eq!(Def::of_file_type(def.file_type().unwrap()), Some(def));
        }
        assert!(DEFS.iter().filter(|d| !FILES.contains(d)).all(|d| d.file_type().is_none()));
    }
}

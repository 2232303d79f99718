//! P002 `schema`: the file does not follow the plan file format.
//!
//! These findings are made while the YAML tree is turned into the typed model
//! ([`crate::load::convert`], where their messages are); this file holds the rule's
//! documentation.
//! Each is reported at the value (or key) at fault, and conversion carries on with the
//! next value, so one misspelt key never hides the rest of the file.

use crate::check::{Rule, RuleMeta, Text};
use crate::diagnostic::{Code, Severity};

/// The rule.
pub struct Schema;

/// Its metadata and documentation.
pub static META: RuleMeta = RuleMeta {
    code: Code::P002,
    name: "schema",
    default_severity: Severity::Error,
    summary: Text {
        sv: "Filen följer inte filformatet: okänd nyckel, fel typ, nyckel som saknas, värde utanför sin lista, felaktigt datum eller id.",
        en: "The file does not follow the file format: unknown key, wrong type, missing key, value outside its list, bad date or id.",
    },
    description: Text {
        sv: "\
Varje planfil har en nyckel `typ` (organisationer, handlingsplan eller aktivitetsplan) som \
bestämmer vilka nycklar filen får ha. Regeln rapporterar:

- okända nycklar, med förslag på den nyckel du troligen menade (`ansvaring` → `ansvarig`);
- värden av fel typ, till exempel en lista där det ska stå en text;
- obligatoriska nycklar som saknas (till exempel `id`, `namn`, `titel`, `status`);
- värden utanför sin lista (`status` är planerad, pågående, klar, försenad, pausad eller avbruten);
- datum som inte är giltiga datum på formen ÅÅÅÅ-MM-DD;
- id som inte följer mönstret `^[A-Za-zÅÄÖåäö0-9][A-Za-zÅÄÖåäö0-9._-]*$`;
- id och koder skrivna som tal: YAML läser `id: 1.10` som talet 1.1, så skriv `id: \"1.10\"`.

Ett fel i en aktivitet hindrar inte att resten av filen kontrolleras.",
        en: "\
Every plan file has a key `typ` (organisationer, handlingsplan or aktivitetsplan) that \
decides which keys the file may have. The rule reports:

- unknown keys, suggesting the key you probably meant (`ansvaring` → `ansvarig`);
- values of the wrong type, such as a list where a text belongs;
- required keys that are missing (for example `id`, `namn`, `titel`, `status`);
- values outside their list (`status` is planerad, pågående, klar, försenad, pausad or avbruten);
- dates that are not valid dates written YYYY-MM-DD;
- ids that do not match `^[A-Za-zÅÄÖåäö0-9][A-Za-zÅÄÖåäö0-9._-]*$`;
- ids and codes written as numbers: YAML reads `id: 1.10` as the number 1.1, so write `id: \"1.10\"`.

An error in one activity does not stop the rest of the file from being checked.",
    },
};

impl Rule for Schema {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
}

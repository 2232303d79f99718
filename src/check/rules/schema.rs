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

Hjälpen säger vad som ska stå: en lista skriven som text (`sakområden: aldre; digitalisering`) \
skrivs om som lista, ett omöjligt datum får veta vilken del som inte går (`2025-02-30`: februari \
har 28 dagar), ett datum i annan form skrivs ÅÅÅÅ-MM-DD, en status med kalkylarkets ord (`Pågår`, \
`Ej påbörjad`, `Avslutad`, eller ett ord som `[import.status]` i plan.toml översätter) får \
formatets ord. En felstavad nyckel (`ansvarg`) eller `typ` läses som den som menades, så att inget \
annat fynd följer av den (ingen saknad `ansvarig`, ingen inriktning utan aktivitet).

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

The help says what to write: a list written as text (`sakområden: aldre; digitalisering`) is \
written out as a list, an impossible date is told which part cannot be (`2025-02-30`: February \
has 28 days), a date in another form is written YYYY-MM-DD, a status in a sheet's words \
(`Pågår`, `Ej påbörjad`, `Avslutad`, or a word `[import.status]` in plan.toml maps) gets the \
format's word. A misspelt key (`ansvarg`) or `typ` is read as the one meant, so that no other \
finding follows from it (no missing `ansvarig`, no uncovered inriktning).

An error in one activity does not stop the rest of the file from being checked.",
    },
};

impl Rule for Schema {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
}

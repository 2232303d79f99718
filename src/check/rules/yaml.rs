//! P001 `yaml`: the file is not YAML, or uses YAML that plan files do not allow.
//!
//! These findings are made by the YAML front end ([`crate::yaml`]) and the loader
//! ([`crate::load`]), where their messages are; this file holds the rule's documentation.

use crate::check::{Rule, RuleMeta, Text};
use crate::diagnostic::{Code, Severity};

/// The rule.
pub struct Yaml;

/// Its metadata and documentation.
pub static META: RuleMeta = RuleMeta {
    code: Code::P001,
    name: "yaml",
    default_severity: Severity::Error,
    summary: Text {
        sv: "Filen är inte giltig YAML i UTF-8, eller använder YAML som planfiler inte tillåter (flera dokument, dubbla nycklar, ankare, alias, taggar, för djup nästling eller för stor fil).",
        en: "The file is not valid UTF-8 YAML, or uses YAML that plan files do not allow (several documents, duplicate keys, anchors, aliases, tags, nesting too deep or a file too large).",
    },
    description: Text {
        sv: "\
Planfiler läses av människor och publiceras, så de använder en enkel delmängd av YAML:

- filen ska vara kodad i UTF-8 (en inledande BOM går bra, UTF-16 gör det inte);
- ett dokument per fil (inga extra `---`);
- varje nyckel högst en gång i samma mappning;
- inga ankare (`&namn`), alias (`*namn`) eller taggar (`!!str`, `!!python/object`): det är \
så YAML-bomber och överraskningar kommer in;
- högst 64 nivåers nästling och högst 16 MiB per fil.

Ett syntaxfel stoppar läsningen av just den filen vid första felet; övriga filer kontrolleras ändå. \
Felet förklaras med planfilens ord där det ska rättas, som kan vara före stället där läsningen \
stannade: ett `: ` eller ` #` i ett värde utan citattecken, en nyckel som är indragen ett steg \
för mycket eller för lite (med kolumnen den ska stå i), ett citattecken som aldrig stängs eller \
stängs för tidigt, en lista som saknar `]`, en rad som saknar `:` eller `- `, en tabb. Hjälpen \
visar raden som den ska skrivas.

Det som bara följer av att en fil inte går att läsa rapporteras inte: referenser till id som \
kan vara definierade i filen och inriktningar som dess aktiviteter kan leda till. En rad under \
felet säger hur många sådana fynd som inte visas.",
        en: "\
Plan files are read by people and published, so they use a plain subset of YAML:

- the file is encoded in UTF-8 (a leading BOM is fine, UTF-16 is not);
- one document per file (no extra `---`);
- each key at most once in a mapping;
- no anchors (`&name`), aliases (`*name`) or tags (`!!str`, `!!python/object`): they are how \
YAML bombs and surprises get in;
- at most 64 levels of nesting and at most 16 MiB per file.

A syntax error stops the reading of that file at its first error; the other files are still checked. \
The error is explained in the words of plan files where it is to be fixed, which may be before \
the place the reading stopped: a `: ` or ` #` in an unquoted value, a key indented one step too \
far or too little (with the column it belongs in), a quote never closed or closed too early, a \
list without its `]`, a line without its `:` or `- `, a tab. The help shows the line as it should \
be written.

What only follows from a file that cannot be read is not reported: references to ids that may \
be defined in the file, and inriktningar its activities may trace to. A line under the error \
says how many such findings are not shown.",
    },
};

impl Rule for Yaml {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
}

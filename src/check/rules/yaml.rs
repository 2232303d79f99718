//! P001 `yaml`: the file is not YAML, or uses YAML that plan files do not allow.
//!
//! These findings are made by the loader ([`crate::load`]) and the YAML front end
//! ([`crate::load::yaml`]); this file holds the rule's documentation and its messages.

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

Ett syntaxfel stoppar läsningen av just den filen vid första felet; övriga filer kontrolleras ändå.",
        en: "\
Plan files are read by people and published, so they use a plain subset of YAML:

- the file is encoded in UTF-8 (a leading BOM is fine, UTF-16 is not);
- one document per file (no extra `---`);
- each key at most once in a mapping;
- no anchors (`&name`), aliases (`*name`) or tags (`!!str`, `!!python/object`): they are how \
YAML bombs and surprises get in;
- at most 64 levels of nesting and at most 16 MiB per file.

A syntax error stops the reading of that file at its first error; the other files are still checked.",
    },
};

impl Rule for Yaml {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
}

/// Messages of P001, in both languages.
pub mod msg {
    use crate::lang::Lang;
    use crate::t;

    /// The parser's own description of a syntax error (in English, from the parser).
    pub fn syntax(lang: Lang, info: &str) -> String {
        t!(lang, "ogiltig YAML: {info}", "invalid YAML: {info}")
    }

    /// Help for a tab where YAML wants spaces.
    pub fn tab_help(lang: Lang) -> String {
        t!(
            lang,
            "använd mellanslag för indrag; YAML tillåter inte tabbar där",
            "indent with spaces; YAML does not allow tabs there"
        )
    }

    /// A second `---` document.
    pub fn multiple_documents(lang: Lang) -> String {
        t!(lang, "filen innehåller mer än ett YAML-dokument", "the file holds more than one YAML document")
    }

    /// An alias `*x`.
    pub fn alias(lang: Lang) -> String {
        t!(lang, "alias (`*namn`) är inte tillåtna i planfiler", "aliases (`*name`) are not allowed in plan files")
    }

    /// An anchor `&x`.
    pub fn anchor(lang: Lang) -> String {
        t!(lang, "ankare (`&namn`) är inte tillåtna i planfiler", "anchors (`&name`) are not allowed in plan files")
    }

    /// Help for anchors and aliases.
    pub fn alias_help(lang: Lang) -> String {
        t!(lang, "skriv ut värdet på varje ställe där det behövs", "write the value out in full wherever it is needed")
    }

    /// A tag such as `!!str`.
    pub fn tag(lang: Lang) -> String {
        t!(
            lang,
            "taggar (som `!!str`) är inte tillåtna i planfiler",
            "tags (such as `!!str`) are not allowed in plan files"
        )
    }

    /// Help for tags.
    pub fn tag_help(lang: Lang) -> String {
        t!(
            lang,
            "ta bort taggen; sätt citattecken runt värdet om det ska läsas som text",
            "remove the tag; quote the value if it should be read as text"
        )
    }

    /// Nesting past the limit.
    pub fn too_deep(lang: Lang, max: usize) -> String {
        t!(
            lang,
            "YAML-strukturen är nästlad djupare än {max} nivåer",
            "the YAML structure is nested deeper than {max} levels"
        )
    }

    /// A key that is itself a mapping or list.
    pub fn complex_key(lang: Lang) -> String {
        t!(
            lang,
            "en nyckel ska vara en enkel text, inte en lista eller mappning",
            "a key must be plain text, not a list or mapping"
        )
    }

    /// A key written twice.
    pub fn duplicate_key(lang: Lang, key: &str) -> String {
        t!(
            lang,
            "nyckeln `{key}` förekommer två gånger i samma mappning",
            "the key `{key}` appears twice in the same mapping"
        )
    }

    /// Points at the first of two equal keys.
    pub fn first_key(lang: Lang) -> String {
        t!(lang, "första förekomsten", "first occurrence")
    }

    /// Help for duplicate keys.
    pub fn duplicate_key_help(lang: Lang) -> String {
        t!(lang, "ta bort en av dem; bara den första används", "remove one of them; only the first is used")
    }

    /// A file past the size limit.
    pub fn too_large(lang: Lang, bytes: u64, max: u64) -> String {
        let mib = bytes / (1024 * 1024);
        let max = max / (1024 * 1024);
        t!(
            lang,
            "filen är {mib} MiB; planfiler får vara högst {max} MiB",
            "the file is {mib} MiB; plan files may be at most {max} MiB"
        )
    }

    /// Bytes that are not UTF-8.
    pub fn not_utf8(lang: Lang) -> String {
        t!(lang, "filen är inte kodad i UTF-8", "the file is not encoded in UTF-8")
    }

    /// UTF-16 with a byte order mark.
    pub fn utf16(lang: Lang) -> String {
        t!(
            lang,
            "filen är kodad i UTF-16; planfiler ska vara UTF-8",
            "the file is encoded in UTF-16; plan files must be UTF-8"
        )
    }

    /// Help for encodings.
    pub fn encoding_help(lang: Lang) -> String {
        t!(lang, "spara filen som UTF-8 i din editor", "save the file as UTF-8 in your editor")
    }

    /// A file that could not be read.
    pub fn unreadable(lang: Lang, error: &str) -> String {
        t!(lang, "filen kunde inte läsas: {error}", "the file could not be read: {error}")
    }
}

//! Messages of the YAML front end (P001 findings), in both languages.

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

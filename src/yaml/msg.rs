//! Messages of the YAML front end (P001 findings), in both languages.

use super::explain::Problem;
use crate::lang::Lang;
use crate::t;

/// What a syntax error means, how to fix it, and a label for its second place: the
/// explanation of one [`Problem`] in the analyst's terms.
pub fn syntax(lang: Lang, problem: &Problem) -> (String, String, Option<String>) {
    use Problem::*;
    let write = |fixed: &Option<String>| fixed.as_ref().map(|f| format!(": `{f}`")).unwrap_or_default();
    match problem {
        ColonInValue { key, fixed } => (
            t!(
                lang,
                "värdet av `{key}` innehåller `: `, och då läser YAML det som en ny nyckel mitt på raden",
                "the value of `{key}` contains `: `, so YAML reads it as a new key in the middle of the line"
            ),
            t!(lang, "sätt citattecken runt hela värdet: `{fixed}`", "put quotes around the whole value: `{fixed}`"),
            None,
        ),
        IndentedMore { key, sibling } => {
            let (s, l, c) = (&sibling.key, sibling.line, sibling.column);
            (
                t!(
                    lang,
                    "`{key}` är indragen längre än `{s}` på rad {l}, så YAML läser raden som en fortsättning av värdet ovanför",
                    "`{key}` is indented further than `{s}` on line {l}, so YAML reads the line as going on with the value above"
                ),
                t!(
                    lang,
                    "låt `{key}` börja i kolumn {c}, rakt under `{s}` (rad {l}); dra in med mellanslag",
                    "start `{key}` in column {c}, right below `{s}` (line {l}); indent with spaces"
                ),
                None,
            )
        }
        IndentedLess { key, sibling } => {
            let (s, l, c) = (&sibling.key, sibling.line, sibling.column);
            (
                t!(
                    lang,
                    "`{key}` står längre till vänster än `{s}` på rad {l}, så YAML vet inte vart nyckeln hör",
                    "`{key}` starts further left than `{s}` on line {l}, so YAML cannot tell where the key belongs"
                ),
                t!(
                    lang,
                    "låt `{key}` börja i kolumn {c}, rakt under `{s}` (rad {l}); dra in med mellanslag",
                    "start `{key}` in column {c}, right below `{s}` (line {l}); indent with spaces"
                ),
                None,
            )
        }
        ItemIndent { sibling } => {
            let (l, c) = (sibling.line, sibling.column);
            (
                t!(
                    lang,
                    "listposten står inte i samma kolumn som listposten på rad {l}",
                    "the list item does not line up with the list item on line {l}"
                ),
                t!(
                    lang,
                    "låt `-` stå i kolumn {c}, rakt under `-` på rad {l}",
                    "put the `-` in column {c}, right below the `-` on line {l}"
                ),
                None,
            )
        }
        MissingDash { value, sibling } => {
            let (l, c) = (sibling.line, sibling.column);
            (
                t!(
                    lang,
                    "`{value}` står i en lista men saknar `- ` först",
                    "`{value}` is in a list but lacks its leading `- `"
                ),
                t!(
                    lang,
                    "skriv `- {value}`, med `-` i kolumn {c} som på rad {l}",
                    "write `- {value}`, with the `-` in column {c} as on line {l}"
                ),
                None,
            )
        }
        MissingColon { fixed } => (
            t!(lang, "raden saknar `:` efter nyckeln", "the line has no `:` after its key"),
            t!(
                lang,
                "skriv nyckel, kolon och mellanslag före värdet: `{fixed}`",
                "write the key, a colon and a space before the value: `{fixed}`"
            ),
            None,
        ),
        NoSpaceAfterColon { fixed } => (
            t!(lang, "efter `:` ska det stå ett mellanslag", "a `:` must be followed by a space"),
            t!(lang, "skriv `{fixed}`", "write `{fixed}`"),
            None,
        ),
        ValueOnNextLine { key, fixed } => (
            t!(
                lang,
                "värdet av `{key}` står på nästa rad utan att vara indraget",
                "the value of `{key}` is on the next line without being indented"
            ),
            t!(
                lang,
                "skriv värdet på samma rad som nyckeln: `{fixed}`",
                "write the value on the line of its key: `{fixed}`"
            ),
            None,
        ),
        QuoteEndsEarly { key, closed_at, fixed } => {
            let fix = write(fixed);
            (
                t!(
                    lang,
                    "texten i `{key}` slutar vid citattecknet i kolumn {closed_at}, men raden fortsätter efter det",
                    "the text of `{key}` ends at the quote in column {closed_at}, but the line goes on after it"
                ),
                t!(
                    lang,
                    "sätt andra citattecken runt hela värdet än dem som står i texten{fix}",
                    "put quotes other than those in the text around the whole value{fix}"
                ),
                Some(t!(lang, "här slutar texten", "the text ends here")),
            )
        }
        UnclosedQuote { quote, line, closed, literal } => {
            let help = match (closed, literal) {
                (Some(c), Some(l)) => t!(
                    lang,
                    "avsluta texten med `{quote}` på samma rad: `{c}`; eller, om `{quote}` hör till texten, skriv `{l}`",
                    "close the text with `{quote}` on the same line: `{c}`; or, if the `{quote}` is part of the text, write `{l}`"
                ),
                _ => t!(
                    lang,
                    "avsluta texten med `{quote}` på rad {line}",
                    "close the text with `{quote}` on line {line}"
                ),
            };
            (
                t!(
                    lang,
                    "citattecknet `{quote}` på rad {line} stängs aldrig",
                    "the quote `{quote}` on line {line} is never closed"
                ),
                help,
                None,
            )
        }
        ReservedStart { ch, fixed } => {
            let why = match ch {
                '*' => {
                    lang.pick(", som YAML läser som en hänvisning (alias)", ", which YAML reads as a reference (alias)")
                }
                '&' => lang.pick(", som YAML läser som ett ankare", ", which YAML reads as an anchor"),
                '?' => lang.pick(", som YAML läser som en nyckel", ", which YAML reads as a key"),
                '-' => lang.pick(", som YAML läser som en lista", ", which YAML reads as a list"),
                _ => "",
            };
            (
                t!(
                    lang,
                    "ett värde som börjar med `{ch}` måste stå inom citattecken{why}",
                    "a value starting with `{ch}` must be in quotes{why}"
                ),
                match fixed {
                    Some(f) => t!(lang, "sätt citattecken runt värdet: `{f}`", "put quotes around the value: `{f}`"),
                    None => t!(lang, "sätt citattecken runt värdet", "put quotes around the value"),
                },
                None,
            )
        }
        StartsWithBracket { open, fixed } => (
            t!(
                lang,
                "värdet börjar med `{open}`, så YAML läser det som en lista eller mappning, och texten efter den blir över",
                "the value starts with `{open}`, so YAML reads it as a list or mapping, and the text after it is left over"
            ),
            match fixed {
                Some(f) => {
                    t!(lang, "sätt citattecken runt hela värdet: `{f}`", "put quotes around the whole value: `{f}`")
                }
                None => t!(lang, "sätt citattecken runt hela värdet", "put quotes around the whole value"),
            },
            Some(t!(lang, "här blir texten över", "the text left over starts here")),
        ),
        UnclosedBracket { open, line, fixed } => {
            let close = if *open == '[' { ']' } else { '}' };
            (
                t!(
                    lang,
                    "`{open}` på rad {line} stängs aldrig med `{close}`",
                    "the `{open}` on line {line} is never closed with `{close}`"
                ),
                t!(
                    lang,
                    "avsluta med `{close}` på samma rad: `{fixed}`",
                    "close it with `{close}` on the same line: `{fixed}`"
                ),
                None,
            )
        }
        FlowOnSeveralLines { key, line, fixed } => (
            t!(
                lang,
                "listan i `{key}` fortsätter efter rad {line} på en rad som inte är indragen längre än `{key}`",
                "the list of `{key}` goes on after line {line} on a line not indented further than `{key}`"
            ),
            match fixed {
                Some(f) => t!(lang, "skriv listan på en rad: `{f}`", "write the list on one line: `{f}`"),
                None => t!(lang, "skriv listan på en rad", "write the list on one line"),
            },
            None,
        ),
        CommentInBrackets { line, fixed } => (
            t!(
                lang,
                "` #` på rad {line} börjar en kommentar, så resten av raden, med den avslutande klammern, läses inte",
                "the ` #` on line {line} starts a comment, so the rest of the line, with its closing bracket, is not read"
            ),
            match fixed {
                Some(f) => t!(
                    lang,
                    "sätt citattecken runt texten med `#`: `{f}`",
                    "put quotes around the text with the `#`: `{f}`"
                ),
                None => t!(lang, "sätt citattecken runt texten med `#`", "put quotes around the text with the `#`"),
            },
            None,
        ),
        Backslash { fixed } => (
            t!(
                lang,
                "inom dubbla citattecken börjar `\\` en specialkod (som `\\n` för ny rad), och här följer ingen sådan",
                "inside double quotes a `\\` starts an escape (such as `\\n` for a new line), and none follows here"
            ),
            match fixed {
                Some(f) => t!(
                    lang,
                    "använd enkla citattecken, där `\\` är ett vanligt tecken: `{f}`",
                    "use single quotes, where `\\` is an ordinary character: `{f}`"
                ),
                None => t!(lang, "skriv `\\\\` för ett `\\`", "write `\\\\` for a `\\`"),
            },
            None,
        ),
        BlockIndicator { ch } => (
            t!(lang, "efter `{ch}` ska texten börja på nästa rad", "after `{ch}` the text must start on the next line"),
            t!(
                lang,
                "flytta texten till raden under, indragen; eller, om `{ch}` hör till texten, sätt citattecken runt värdet",
                "move the text to the line below, indented; or, if the `{ch}` is part of the text, put quotes around the value"
            ),
            None,
        ),
        DashAfterKey { fixed } => (
            t!(
                lang,
                "`- ` på samma rad som nyckeln börjar en lista, och en lista kan inte börja där",
                "a `- ` on the line of its key starts a list, and a list cannot start there"
            ),
            match fixed {
                Some(f) => t!(
                    lang,
                    "sätt citattecken runt texten: `{f}`; eller skriv listans poster på egna rader under nyckeln",
                    "put quotes around the text: `{f}`; or write the list's items on their own lines below the key"
                ),
                None => t!(
                    lang,
                    "skriv listans poster på egna rader under nyckeln",
                    "write the list's items on their own lines below the key"
                ),
            },
            None,
        ),
        Tab { indentation: false, .. } => (
            t!(lang, "här står en tabb där YAML kräver mellanslag", "a tab stands where YAML requires a space"),
            t!(lang, "skriv ett mellanslag i stället för tabben", "write a space instead of the tab"),
            None,
        ),
        Tab { sibling, .. } => (
            t!(lang, "raden är indragen med en tabb", "the line is indented with a tab"),
            match sibling {
                Some(s) => {
                    let (k, l, c) = (&s.key, s.line, s.column);
                    t!(
                        lang,
                        "dra in med mellanslag i stället, så att raden börjar i kolumn {c} som `{k}` på rad {l}; YAML tillåter inte tabbar i indrag",
                        "indent with spaces instead, so that the line starts in column {c} as `{k}` on line {l} does; YAML does not allow tabs in indentation"
                    )
                }
                None => tab_help(lang),
            },
            None,
        ),
        EmptyItem => (
            t!(
                lang,
                "två kommatecken i rad: ett värde saknas mellan dem",
                "two commas in a row: a value is missing between them"
            ),
            t!(lang, "ta bort det ena kommatecknet", "remove one of the commas"),
            None,
        ),
        ByteOrderMark => (
            t!(
                lang,
                "filen innehåller ett osynligt tecken (U+FEFF, byte order mark) mitt i texten",
                "the file holds an invisible character (U+FEFF, byte order mark) in the middle of the text"
            ),
            t!(
                lang,
                "ta bort tecknet; det följer ofta med när text klistras in från ett annat program",
                "remove the character; it often comes along when text is pasted from another program"
            ),
            None,
        ),
        Other { info } => (
            t!(lang, "YAML-syntaxen är fel här, och resten av filen kan inte läsas", "invalid YAML: {info}"),
            t!(
                lang,
                "jämför raden med raderna ovanför: indrag med mellanslag i samma kolumn som nyckeln ovanför, och citattecken runt värden som innehåller `: ` eller ` #`",
                "compare the line with the lines above: indentation with spaces in the column of the key above, and quotes around values that contain `: ` or ` #`"
            ),
            None,
        ),
    }
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
    t!(
        lang,
        "hör `&` eller `*` till texten, sätt citattecken runt hela värdet; annars skriv ut värdet på varje ställe där det behövs",
        "if the `&` or `*` is part of the text, put quotes around the whole value; otherwise write the value out in full wherever it is needed"
    )
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

/// A file with more values than the limit.
pub fn too_many_values(lang: Lang, max: usize) -> String {
    let max = crate::lang::ui::thousands(max as u64);
    t!(
        lang,
        "filen har fler än {max} värden; dela upp den i flera filer (till exempel en aktivitetsplan per år)",
        "the file holds more than {max} values; split it into several files (one aktivitetsplan a year, say)"
    )
}

/// Nesting deeper than the limit.
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

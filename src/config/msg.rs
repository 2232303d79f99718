//! Mistakes in `plan.toml`, in the user's language and with their line.
//!
//! `plan.toml` is read with the `toml` crate and serde, whose errors are English
//! ("unknown field `titel`, expected one of `title`, `publisher`, `colors`"). Those
//! messages are few and follow fixed patterns, so they are recognised here and said again in
//! the tool's words — which setting, in which table, what is allowed, what was probably
//! meant — at the line and column the parser gives. The tool's own checks (a colour, a
//! date, a rule) are put on the line of the key they are about.

use crate::lang::Lang;
use crate::suggest::did_you_mean;
use crate::t;

/// A `toml` error about `text`, in `lang`, with its line and column.
pub fn toml_error(lang: Lang, e: &toml::de::Error, text: &str) -> String {
    let message = e.message().trim_end();
    let table = e.span().and_then(|s| table_at(text, s.start));
    let line = e.span().map(|s| line_text(text, s.start)).unwrap_or_default();
    let said = match lang {
        Lang::Sv => swedish(message, table.as_deref(), line),
        Lang::En => message.to_owned(),
    };
    match e.span().map(|s| line_col(text, s.start)) {
        Some((l, c)) => t!(lang, "rad {l}, kolumn {c}: {said}", "line {l}, column {c}: {said}"),
        None => said,
    }
}

/// `message` about `key` (in `[table]`, or at the top when `None`), with the line the key is
/// on when it can be found.
pub fn located(lang: Lang, text: &str, table: Option<&str>, key: &str, message: String) -> String {
    match line_of(text, table, key) {
        Some(l) => t!(lang, "rad {l}: {message}", "line {l}: {message}"),
        None => message,
    }
}

/// The 1-based line of `key = …` in `[table]` (or before any table), if it is there.
pub fn line_of(text: &str, table: Option<&str>, key: &str) -> Option<usize> {
    let mut current: Option<String> = None;
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if let Some(header) = header(line) {
            current = Some(header);
            continue;
        }
        let Some((k, _)) = line.split_once('=') else { continue };
        let k = k.trim().trim_matches(['"', '\'']);
        if k == key && current.as_deref() == table {
            return Some(i + 1);
        }
    }
    None
}

/// The table a byte offset lies in (`site.colors`), from the last `[header]` before it.
fn table_at(text: &str, offset: usize) -> Option<String> {
    let before = &text[..offset.min(text.len())];
    before.lines().rev().map(str::trim).find_map(header)
}

/// The table a trimmed `[header]` or `[[header]]` line names.
fn header(line: &str) -> Option<String> {
    let header = line.strip_prefix('[')?;
    Some(header.trim_start_matches('[').split(']').next().unwrap_or_default().trim().to_owned())
}

/// The line a byte offset lies on.
fn line_text(text: &str, offset: usize) -> &str {
    let offset = offset.min(text.len());
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    text[start..].lines().next().unwrap_or_default()
}

/// The 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// The words in backticks of a serde message: `unknown field `a`, expected one of `b`, `c``.
fn quoted(message: &str) -> Vec<&str> {
    message.split('`').skip(1).step_by(2).collect()
}

/// "i `[site]`" for a table, "överst i filen" before any.
fn where_sv(table: Option<&str>) -> String {
    match table {
        Some(t) => format!("i `[{t}]`"),
        None => "överst i filen".to_owned(),
    }
}

/// What serde or the TOML parser said, in Swedish; `line` is the line it was about.
fn swedish(message: &str, table: Option<&str>, line: &str) -> String {
    let words = quoted(message);
    let listed = |w: &[&str]| w.iter().map(|w| format!("`{w}`")).collect::<Vec<_>>().join(", ");
    let guess = |got: &str, allowed: &[&str]| {
        did_you_mean(got, allowed.iter().copied()).map(|s| format!("menade du `{s}`? ")).unwrap_or_default()
    };
    if let Some(rest) = message.strip_prefix("unknown field ")
        && let Some((&got, allowed)) = words.split_first()
    {
        let here = where_sv(table);
        if rest.contains("there are no fields") {
            return format!("okänd inställning `{got}` {here}, där inga inställningar finns");
        }
        return format!("okänd inställning `{got}` {here}; {}tillåtna här: {}", guess(got, allowed), listed(allowed));
    }
    if message.starts_with("unknown variant ")
        && let Some((&got, allowed)) = words.split_first()
    {
        return format!("`{got}` är inget giltigt värde; {}skriv ett av {}", guess(got, allowed), listed(allowed));
    }
    if let Some(field) = message.strip_prefix("missing field ") {
        return format!("inställningen {} saknas {}", field.trim(), where_sv(table));
    }
    if let Some(rest) = message.strip_prefix("invalid type: ")
        && let Some((found, expected)) = rest.split_once(", expected ")
    {
        return format!("här ska stå {}, inte {}", expected_sv(expected), found_sv(found));
    }
    if message.starts_with("duplicate key") || message.starts_with("duplicate field") {
        return "inställningen anges en gång till; varje inställning får bara stå en gång".to_owned();
    }
    // `P001 = off`: the line as it should be written.
    if message.starts_with("string values must be quoted")
        && let Some((key, value)) = line.split_once('=')
        && !value.trim().is_empty()
    {
        let value = value.split(" #").next().unwrap_or(value).trim();
        return format!("en text ska stå inom citattecken: `{} = \"{value}\"`", key.trim());
    }
    syntax_sv(message)
}

/// serde's name for what it wanted, in Swedish.
fn expected_sv(expected: &str) -> &'static str {
    match expected.trim() {
        "a sequence" | "a list" => "en lista, till exempel `[\"a\", \"b\"]`",
        "a string" => "en text inom citattecken",
        "a map" | "a table" => "en tabell",
        "a boolean" => "true eller false",
        e if e.contains("datetime") || e.contains("date") => "ett datum, ÅÅÅÅ-MM-DD",
        e if e.starts_with('u') || e.starts_with('i') || e.contains("integer") => "ett heltal",
        e if e.starts_with('f') || e.contains("float") || e.contains("number") => "ett tal",
        _ => "något annat",
    }
}

/// serde's description of what it found, in Swedish.
fn found_sv(found: &str) -> String {
    let found = found.trim();
    let value = |prefix: &str| found.strip_prefix(prefix).map(|v| v.trim().trim_matches('`').to_owned());
    if let Some(v) = value("string ") {
        return format!("texten {v}");
    }
    if let Some(v) = value("integer ").or_else(|| value("floating point ")) {
        return format!("talet {v}");
    }
    if let Some(v) = value("boolean ") {
        return format!("sanningsvärdet {v}");
    }
    match found {
        "sequence" | "a sequence" => "en lista".to_owned(),
        "map" | "a map" => "en tabell".to_owned(),
        f if f.contains("datetime") => "ett datum".to_owned(),
        _ => "ett värde av annat slag".to_owned(),
    }
}

/// The TOML parser's syntax errors, in Swedish.
fn syntax_sv(message: &str) -> String {
    let m = message;
    let said = if m.starts_with("string values must be quoted") {
        "en text ska stå inom citattecken, till exempel `title = \"Handlingsplan\"`"
    } else if m.starts_with("unclosed table") || m.starts_with("unclosed array table") {
        "tabellens rubrik saknar sitt `]`"
    } else if m.starts_with("unclosed array") {
        "listan saknar sitt `]`"
    } else if m.starts_with("unclosed inline table") {
        "`{` saknar sitt `}`"
    } else if m.starts_with("invalid basic string") || m.starts_with("invalid literal string") {
        "texten saknar sitt avslutande citattecken på samma rad"
    } else if m.starts_with("invalid multi-line") {
        "en text över flera rader saknar sina avslutande tre citattecken"
    } else if m.starts_with("missing comma between array elements") {
        "ett kommatecken saknas mellan värdena i listan"
    } else if m.starts_with("missing comma between key-value pairs") {
        "ett kommatecken saknas mellan inställningarna inom `{ }`"
    } else if m.starts_with("missing assignment") || m.contains("expected `=`") {
        "`=` saknas mellan nyckeln och värdet"
    } else if m.starts_with("unquoted keys cannot be empty") {
        "en nyckel saknas före `=`"
    } else if m.starts_with("invalid key") || m.starts_with("invalid unquoted key") {
        "nyckeln kan inte skrivas så; en nyckel med å, ä, ö eller mellanslag ska stå inom citattecken, till exempel `\"försenad\" = \"error\"`"
    } else if m.starts_with("missing value") {
        "ett värde saknas efter `=`"
    } else if m.starts_with("invalid date-time") {
        "ogiltigt datum; skriv ÅÅÅÅ-MM-DD, till exempel `today = 2025-06-30`"
    } else if m.starts_with("invalid integer") || m.starts_with("invalid float") || m.contains("number") {
        "talet kan inte läsas"
    } else if m.starts_with("missing escaped value") || m.contains("escape") {
        "`\\` inom dubbla citattecken ska följas av en giltig specialkod; använd enkla citattecken för text med `\\`"
    } else if m.starts_with("invalid boolean") {
        "ett sanningsvärde skrivs `true` eller `false`"
    } else if m.starts_with("unexpected") {
        "oväntat innehåll här; varje rad ska vara `nyckel = värde`, en `[tabell]` eller en kommentar (`#`)"
    } else {
        "TOML-syntaxen är fel här; varje rad ska vara `nyckel = värde`, en `[tabell]` eller en kommentar (`#`)"
    };
    said.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(text: &str) -> toml::de::Error {
        toml::from_str::<toml::Table>(text).expect_err("invalid")
    }

    #[test]
    fn serde_messages_are_said_in_swedish_with_the_table() {
        assert_eq!(
            swedish("unknown field `titel`, expected one of `title`, `publisher`, `colors`", Some("site"), ""),
            "okänd inställning `titel` i `[site]`; menade du `title`? tillåtna här: `title`, `publisher`, `colors`"
        );
        assert_eq!(
            swedish("unknown variant `loud`, expected one of `error`, `warning`, `off`", Some("rules"), ""),
            "`loud` är inget giltigt värde; skriv ett av `error`, `warning`, `off`"
        );
        assert_eq!(
            swedish("invalid type: string \"plans\", expected a sequence", None, ""),
            "här ska stå en lista, till exempel `[\"a\", \"b\"]`, inte texten \"plans\""
        );
        assert_eq!(
            swedish("invalid type: integer `5`, expected a string", None, ""),
            "här ska stå en text inom citattecken, inte talet 5"
        );
    }

    #[test]
    fn syntax_errors_are_said_in_swedish_at_their_line() {
        let text = "[site]\ntitle = Handlingsplan\n";
        assert_eq!(
            toml_error(Lang::Sv, &error(text), text),
            "rad 2, kolumn 9: en text ska stå inom citattecken: `title = \"Handlingsplan\"`"
        );
        let text = "[site\n";
        assert!(toml_error(Lang::Sv, &error(text), text).ends_with("tabellens rubrik saknar sitt `]`"));
        assert!(toml_error(Lang::En, &error(text), text).starts_with("line 1, column"));
    }

    #[test]
    fn keys_are_found_in_their_table() {
        let text = "today = 2025-01-01\n[site.colors]\nprimary = \"#fff\"\n[rules]\n\"försenad\" = \"off\"\n";
        assert_eq!(line_of(text, None, "today"), Some(1));
        assert_eq!(line_of(text, Some("site.colors"), "primary"), Some(3));
        assert_eq!(line_of(text, Some("rules"), "försenad"), Some(5));
        assert_eq!(line_of(text, Some("site"), "primary"), None);
    }
}

//! clap's errors in Swedish.
//!
//! clap writes its errors in English ("invalid value 'xml' for '--format <FORMAT>'"). Every
//! error carries its kind and the pieces it was made from (the argument, the value, the
//! values allowed, a suggestion, the usage), so the Swedish sentence is written here from
//! those pieces, in the tool's own style: what is wrong, the values allowed, what was
//! probably meant, the usage, and where to read more. English keeps clap's own text.

use super::sv::clap_words;
use clap::error::{ContextKind, ContextValue, ErrorKind};

/// A clap error as the tool writes errors in Swedish, ending in a newline.
pub fn swedish(e: &clap::Error) -> String {
    let one = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::StyledStr(s)) => Some(s.to_string()),
        Some(ContextValue::Number(n)) => Some(n.to_string()),
        Some(ContextValue::Strings(v)) => v.first().cloned(),
        _ => None,
    };
    let many = |kind| match e.get(kind) {
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::String(s)) => vec![s.clone()],
        Some(ContextValue::StyledStrs(v)) => v.iter().map(ToString::to_string).collect(),
        Some(ContextValue::StyledStr(s)) => vec![s.to_string()],
        _ => Vec::new(),
    };
    let quoted = |items: &[String]| items.iter().map(|i| format!("`{i}`")).collect::<Vec<_>>().join(", ");
    let arg = one(ContextKind::InvalidArg).unwrap_or_default();
    let value = one(ContextKind::InvalidValue).unwrap_or_default();
    let mut tips = Vec::new();
    let message = match e.kind() {
        ErrorKind::InvalidValue if value.is_empty() => format!("`{arg}` behöver ett värde"),
        ErrorKind::InvalidValue => {
            let valid = many(ContextKind::ValidValue);
            if !valid.is_empty() {
                tips.push(format!("möjliga värden: {}", valid.join(", ")));
            }
            if let Some(s) = one(ContextKind::SuggestedValue) {
                tips.push(format!("menade du `{s}`?"));
            }
            format!("`{value}` är inget giltigt värde för `{arg}`")
        }
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(e).map(|s| format!(": {s}")).unwrap_or_default();
            format!("`{value}` är inget giltigt värde för `{arg}`{why}")
        }
        ErrorKind::UnknownArgument => {
            if let Some(s) = one(ContextKind::SuggestedArg) {
                tips.push(format!("menade du `{s}`?"));
            } else if arg.starts_with('-') {
                tips.push(format!("om `{arg}` är ett värde och inte en flagga, skriv `-- {arg}`"));
            }
            if arg.starts_with('-') { format!("okänd flagga `{arg}`") } else { format!("oväntat argument `{arg}`") }
        }
        ErrorKind::InvalidSubcommand => {
            let sub = one(ContextKind::InvalidSubcommand).unwrap_or_default();
            let suggested = many(ContextKind::SuggestedSubcommand);
            match suggested.as_slice() {
                [] => tips.push("`plan --help` listar alla kommandon".to_owned()),
                [one] => tips.push(format!("menade du `{one}`?")),
                several => tips.push(format!("menade du något av {}?", quoted(several))),
            }
            format!("okänt kommando `{sub}`")
        }
        ErrorKind::NoEquals => format!("`{arg}` ska skrivas med `=` före värdet"),
        ErrorKind::TooManyValues => format!("`{arg}` tar inte fler värden, men fick också `{value}`"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            let expected = one(ContextKind::ExpectedNumValues).or_else(|| one(ContextKind::MinValues));
            let actual = one(ContextKind::ActualNumValues).unwrap_or_default();
            match expected {
                Some(n) => format!("`{arg}` behöver {n} värden, men fick {actual}"),
                None => format!("`{arg}` fick fel antal värden ({actual})"),
            }
        }
        ErrorKind::ArgumentConflict => {
            let prior = many(ContextKind::PriorArg);
            if prior.is_empty() || prior.iter().all(|p| *p == arg) {
                format!("`{arg}` kan bara anges en gång")
            } else {
                format!("`{arg}` kan inte användas tillsammans med {}", quoted(&prior))
            }
        }
        ErrorKind::MissingRequiredArgument => {
            let missing = many(ContextKind::InvalidArg);
            if missing.len() == 1 {
                format!("{} måste också anges", quoted(&missing))
            } else {
                format!("de här måste också anges: {}", quoted(&missing))
            }
        }
        ErrorKind::MissingSubcommand => {
            let name = one(ContextKind::InvalidSubcommand).unwrap_or_else(|| "plan".to_owned());
            tips.push(format!("`{name} --help` listar kommandona"));
            format!("`{name}` behöver ett kommando")
        }
        _ => "kommandoraden går inte att tolka".to_owned(),
    };
    let mut out = format!("fel: {message}\n");
    for tip in tips {
        out.push_str(&format!("\n  tips: {tip}\n"));
    }
    let usage = one(ContextKind::Usage);
    if let Some(usage) = &usage {
        out.push_str(&format!("\n{}\n", clap_words(usage.trim_end())));
    }
    // The command the usage is of: `plan check` in "Usage: plan check [OPTIONS] [PATH]".
    let command: Vec<&str> = usage
        .as_deref()
        .and_then(|u| u.trim_start().strip_prefix("Usage:"))
        .map(|u| u.split_whitespace().take_while(|w| !w.starts_with(['[', '<', '-'])).collect())
        .unwrap_or_default();
    let command = if command.is_empty() { "plan".to_owned() } else { command.join(" ") };
    out.push_str(&format!("\nMer hjälp: `{command} --help`.\n"));
    out
}

//! Messages of the loader: files that cannot be read as plan files (P001), in both languages.

use crate::lang::Lang;
use crate::t;

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

/// The note on the last finding kept from a file with too many.
pub fn more_findings(lang: Lang, more: usize) -> String {
    let n = crate::lang::ui::thousands(more as u64);
    t!(
        lang,
        "filen har {n} fynd till som inte visas; rätta de här först och kör `plan check` igen",
        "the file has {n} more findings that are not shown; fix these first and run `plan check` again"
    )
}

/// Bytes that are not UTF-8.
pub fn not_utf8(lang: Lang) -> String {
    t!(lang, "filen är inte kodad i UTF-8", "the file is not encoded in UTF-8")
}

/// Bytes that are a Swedish letter in Windows-1252 (or Latin-1), not UTF-8.
pub fn windows_1252(lang: Lang, letter: char) -> String {
    t!(
        lang,
        "filen är sparad som Windows-1252 (eller Latin-1), inte UTF-8: här står ett `{letter}` som planfiler inte kan läsa",
        "the file is saved as Windows-1252 (or Latin-1), not UTF-8: a `{letter}` here cannot be read in a plan file"
    )
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
    t!(
        lang,
        "spara filen som UTF-8: i VS Code, klicka på kodningen i statusraden och välj \"Spara med kodning\", UTF-8; i Anteckningar, välj Arkiv, Spara som, och Kodning: UTF-8",
        "save the file as UTF-8: in VS Code, click the encoding in the status bar and choose \"Save with Encoding\", UTF-8; in Notepad, choose File, Save as, and Encoding: UTF-8"
    )
}

/// A folder below a plan folder that could not be read.
pub fn unreadable_folder(lang: Lang, error: &str) -> String {
    t!(
        lang,
        "mappen kunde inte läsas, så planfilerna i den kontrollerades inte: {error}",
        "the folder could not be read, so the plan files in it were not checked: {error}"
    )
}

/// A file that could not be read.
pub fn unreadable(lang: Lang, error: &str) -> String {
    t!(lang, "filen kunde inte läsas: {error}", "the file could not be read: {error}")
}

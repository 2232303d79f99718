//! Reading one sheet of an xlsx file within the limits of [`super::limits`].
//!
//! An xlsx file is a zip of XML parts, and calamine trusts what the parts say: it reserves
//! room for as many shared strings as `uniqueCount` claims, and a sheet read as a range is
//! as large as its first and last cell are apart, so a 4 KB file with cells in `A1` and
//! `XFD1048576` asks for 17 billion cells. So the package is checked first, with the `zip`
//! crate: the number of parts, each part's declared and actually unpacked size, their
//! total, the packing ratio, the shared-string table's declared and real count, the style
//! sheet's size. Only then does calamine open the file, and the sheet is read one cell at
//! a time (calamine's cell reader, which allocates nothing for the sheet's extent), each
//! cell's position checked before it is kept. Only filled cells are kept.

use super::limits::{self, MAX_COLUMNS, MAX_ROWS, count, size};
use super::table::{Builder, Cell, excel_date};
use crate::error::Error;
use crate::lang::Lang;
use crate::t;
use calamine::{DataRef, Reader, Xlsx};
use std::io::{BufReader, Read};
use std::path::Path;

/// Reads `sheet` (or the activity sheet, or the first) of the xlsx file at `path`.
pub fn read(path: &Path, sheet: Option<&str>, lang: Lang) -> Result<super::table::Table, Error> {
    let p = path.display().to_string();
    check_package(path, &p, lang)?;
    let file = crate::files::read::regular(path).map_err(|e| e.at(path, lang))?;
    let mut book = Xlsx::new(BufReader::new(file)).map_err(|e| Error::Input(format!("{p}: {e}")))?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(s) => names.iter().find(|n| n.as_str() == s).cloned().ok_or_else(|| {
            let all = names.join(", ");
            Error::Usage(t!(
                lang,
                "{p}: bladet `{s}` finns inte (bladen är: {all})",
                "{p}: there is no sheet `{s}` (the sheets are: {all})"
            ))
        })?,
        None => {
            names.iter().find(|n| n.as_str() == super::layout::SHEET).or_else(|| names.first()).cloned().ok_or_else(
                || Error::Input(t!(lang, "{p}: arbetsboken har inga blad", "{p}: the workbook has no sheets")),
            )?
        }
    };
    let bad = |e: calamine::XlsxError| Error::Input(format!("{p}: {name}: {e}"));
    let mut reader = book.worksheet_cells_reader(&name).map_err(bad)?;
    let end = reader.dimensions().end;
    if end.0 >= MAX_ROWS || end.1 >= MAX_COLUMNS {
        let at = cell_ref(end);
        return Err(outside(lang, &p, &name, &t!(lang, "säger att det når till {at}", "says it reaches {at}")));
    }
    // Filled cells as (row, column, cell), 0-based, in the order the sheet holds them.
    let mut filled: Vec<(u32, u32, Cell)> = Vec::new();
    let mut text = 0usize;
    while let Some(c) = reader.next_cell().map_err(bad)? {
        let (row, column) = c.get_position();
        if row >= MAX_ROWS || column >= MAX_COLUMNS {
            let at = cell_ref((row, column));
            return Err(outside(lang, &p, &name, &t!(lang, "har en cell i {at}", "has a cell in {at}")));
        }
        text += text_len(c.get_value());
        if text > limits::MAX_TEXT_BYTES {
            let most = size(limits::MAX_TEXT_BYTES as u64);
            return Err(Error::Input(t!(
                lang,
                "{p}: bladet {name} har mer än {most} text i sina celler; importen läser inte mer",
                "{p}: the sheet {name} has more than {most} of text in its cells; the import reads no more"
            )));
        }
        let cell = convert(c.get_value());
        if cell.is_empty() {
            continue;
        }
        if filled.len() >= limits::MAX_CELLS {
            return Err(Builder::too_many_cells(lang, &p, &name));
        }
        filled.push((row, column, cell));
    }
    filled.sort_by_key(|(row, column, _)| (*row, *column));
    let first_column = filled.iter().map(|(_, c, _)| *c).min().unwrap_or(0);
    let mut table = Builder::new(&p, name, first_column as usize, lang);
    for (i, group) in filled.chunk_by(|a, b| a.0 == b.0).enumerate() {
        let mut cells = Vec::new();
        for (_, column, cell) in group {
            let at = (column - first_column) as usize;
            if cells.len() <= at {
                cells.resize(at + 1, Cell::Empty);
            }
            cells[at] = cell.clone();
        }
        let number = group[0].0 as usize + 1;
        if i == 0 {
            table.headers(cells.iter().map(Cell::text))?;
        } else {
            table.row(number, cells)?;
        }
    }
    Ok(table.finish())
}

/// The refusal of a sheet that reaches beyond [`MAX_ROWS`] or [`MAX_COLUMNS`].
fn outside(lang: Lang, p: &str, sheet: &str, what: &str) -> Error {
    let (rows, last) = (count(u64::from(MAX_ROWS)), super::layout::column_letter(MAX_COLUMNS as usize - 1));
    Error::Input(t!(
        lang,
        "{p}: bladet {sheet} {what}; importen läser högst {rows} rader och {MAX_COLUMNS} kolumner (till {last})",
        "{p}: the sheet {sheet} {what}; the import reads at most {rows} rows and {MAX_COLUMNS} columns (up to {last})"
    ))
}

/// `(row, column)`, 0-based, as a spreadsheet names the cell: `(0, 0)` → `A1`.
fn cell_ref((row, column): (u32, u32)) -> String {
    format!("{}{}", super::layout::column_letter(column as usize), u64::from(row) + 1)
}

/// How much text a cell would hold once kept.
fn text_len(data: &DataRef<'_>) -> usize {
    match data {
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.len(),
        DataRef::SharedString(s) => s.len(),
        _ => 0,
    }
}

fn convert(data: &DataRef<'_>) -> Cell {
    match data {
        DataRef::Empty | DataRef::Error(_) => Cell::Empty,
        DataRef::String(s) => Cell::Text(s.clone()),
        DataRef::SharedString(s) => Cell::Text((*s).to_owned()),
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(d) => excel_date(d.as_f64()).map_or(Cell::Number(d.as_f64()), Cell::Date),
        DataRef::DateTimeIso(s) => {
            s.get(..10).and_then(crate::model::parse_date).map_or(Cell::Text(s.clone()), Cell::Date)
        }
        DataRef::DurationIso(s) => Cell::Text(s.clone()),
    }
}

/// A reader that counts what passes and fails once more than `limit` bytes have.
struct Counted<R> {
    inner: R,
    read: u64,
    limit: u64,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        if self.read > self.limit {
            return Err(std::io::Error::other("over the limit"));
        }
        Ok(n)
    }
}

/// Checks the zip package of an xlsx file against the limits before calamine reads it.
fn check_package(path: &Path, p: &str, lang: Lang) -> Result<(), Error> {
    let bytes = std::fs::metadata(path).map_err(|e| Error::io(path, e))?.len();
    if bytes > limits::MAX_INPUT_BYTES {
        return Err(too_large_file(lang, p, bytes));
    }
    let file = crate::files::read::regular(path).map_err(|e| e.at(path, lang))?;
    let not_zip = |e: zip::result::ZipError| {
        Error::Input(t!(
            lang,
            "{p}: filen är ingen xlsx-fil (inget zip-arkiv: {e})",
            "{p}: the file is not an xlsx file (not a zip archive: {e})"
        ))
    };
    let mut zip = zip::ZipArchive::new(BufReader::new(file)).map_err(not_zip)?;
    if zip.len() > limits::MAX_ENTRIES {
        let (n, most) = (count(zip.len() as u64), count(limits::MAX_ENTRIES as u64));
        return Err(Error::Input(t!(
            lang,
            "{p}: filen har {n} delar; importen läser en xlsx-fil med högst {most}",
            "{p}: the file has {n} parts; the import reads an xlsx file of at most {most}"
        )));
    }
    // What each part says it holds, before anything is unpacked.
    let mut declared = 0u64;
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(not_zip)?;
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_else(|_| format!("#{i}"));
        let (unpacked, packed) = (entry.size(), entry.compressed_size());
        if unpacked > limits::MAX_ENTRY_BYTES {
            return Err(too_large_part(lang, p, &name, Some(unpacked)));
        }
        if unpacked > limits::RATIO_FROM_BYTES && unpacked / packed.max(1) > limits::MAX_RATIO {
            let (ratio, most) = (unpacked / packed.max(1), limits::MAX_RATIO);
            return Err(Error::Input(t!(
                lang,
                "{p}: delen {name} är packad {ratio} gånger (högst {most} gånger godtas; filen ser ut som en zip-bomb)",
                "{p}: the part {name} is packed {ratio} times (at most {most} times is accepted; the file looks like a zip bomb)"
            )));
        }
        declared += unpacked;
        if declared > limits::MAX_TOTAL_BYTES {
            return Err(too_large_total(lang, p));
        }
    }
    // What each part really holds: a part may say less than it unpacks to.
    let mut total = 0u64;
    for i in 0..zip.len() {
        let entry = zip.by_index(i).map_err(not_zip)?;
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_else(|_| format!("#{i}"));
        let limit = limits::MAX_ENTRY_BYTES.min(limits::MAX_TOTAL_BYTES - total);
        let mut counted = Counted { inner: entry, read: 0, limit };
        // Named as calamine finds parts: `\` as `/`, case ignored (so `xl\sharedStrings.xml`
        // is the shared-string table too).
        let normal = name.replace('\\', "/").to_ascii_lowercase();
        let local = normal.rsplit('/').next().unwrap_or_default().to_owned();
        let scanned = match local.as_str() {
            "sharedstrings.xml" => shared_strings(&mut counted, lang, p, &name),
            "styles.xml" => styles(&mut counted, lang, p, &name),
            _ => std::io::copy(&mut counted, &mut std::io::sink())
                .map(|_| ())
                .map_err(|e| unreadable(lang, p, &name, &e)),
        };
        if counted.read > limit {
            return Err(if limit < limits::MAX_ENTRY_BYTES {
                too_large_total(lang, p)
            } else {
                too_large_part(lang, p, &name, None)
            });
        }
        scanned?;
        total += counted.read;
    }
    Ok(())
}

/// A part that cannot be unpacked or read as XML (the zip crate's or quick-xml's words after).
fn unreadable(lang: Lang, p: &str, part: &str, e: &dyn std::fmt::Display) -> Error {
    Error::Input(t!(lang, "{p}: delen {part} går inte att läsa ({e})", "{p}: the part {part} cannot be read ({e})"))
}

/// An XML reader configured as calamine configures its own.
fn xml<R: Read>(inner: R) -> quick_xml::Reader<BufReader<R>> {
    let mut r = quick_xml::Reader::from_reader(BufReader::new(inner));
    let config = r.config_mut();
    config.check_end_names = false;
    config.check_comments = false;
    r
}

/// Counts the shared-string table's entries (and reads what it declares) against the limit.
fn shared_strings<R: Read>(inner: R, lang: Lang, p: &str, part: &str) -> Result<(), Error> {
    use quick_xml::events::Event;
    let most = limits::MAX_SHARED_STRINGS;
    let too_many = |n: String| {
        let most = count(most);
        Error::Input(t!(
            lang,
            "{p}: tabellen med delade texter ({part}) har {n} texter; importen läser högst {most}",
            "{p}: the shared-string table ({part}) has {n} strings; the import reads at most {most}"
        ))
    };
    let mut reader = xml(inner);
    let mut buf = Vec::new();
    let mut seen = 0u64;
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) => match e.local_name().as_ref() {
                "sst" => {
                    for a in e.attributes().flatten() {
                        if matches!(a.key.local_name().as_ref(), "count" | "uniqueCount")
                            && let Some(n) = a.value.trim().parse::<u64>().ok()
                            && n > most
                        {
                            return Err(too_many(count(n)));
                        }
                    }
                }
                "si" => {
                    seen += 1;
                    if seen > most {
                        let n = count(most);
                        return Err(too_many(t!(lang, "fler än {n}", "more than {n}")));
                    }
                }
                _ => {}
            },
            Ok(Event::Eof) => return Ok(()),
            Ok(_) => {}
            Err(e) => return Err(unreadable(lang, p, part, &e)),
        }
    }
}

/// Counts the style sheet's elements and cell formats against their limits, and bounds the
/// length of each value in it (see [`limits::MAX_CELL_FORMATS`]).
fn styles<R: Read>(inner: R, lang: Lang, p: &str, part: &str) -> Result<(), Error> {
    use quick_xml::events::Event;
    let mut reader = xml(inner);
    let mut buf = Vec::new();
    let (mut seen, mut formats) = (0u64, 0u64);
    let too_many = |most: u64, what: &str| {
        let most = count(most);
        Error::Input(t!(
            lang,
            "{p}: formatmallarna ({part}) har fler än {most} {what}; importen läser inte fler",
            "{p}: the style sheet ({part}) has more than {most} {what}; the import reads no more"
        ))
    };
    let long = || {
        let most = size(limits::MAX_STYLE_VALUE_BYTES as u64);
        Error::Input(t!(
            lang,
            "{p}: formatmallarna ({part}) har ett värde längre än {most}; importen läser inte så långa",
            "{p}: the style sheet ({part}) has a value longer than {most}; the import reads none that long"
        ))
    };
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) => {
                seen += 1;
                if seen > limits::MAX_STYLE_ELEMENTS {
                    return Err(too_many(limits::MAX_STYLE_ELEMENTS, lang.pick("element", "elements")));
                }
                if e.local_name().as_ref() == "xf" {
                    formats += 1;
                    if formats > limits::MAX_CELL_FORMATS {
                        return Err(too_many(
                            limits::MAX_CELL_FORMATS,
                            lang.pick("cellformat (<xf>)", "cell formats (<xf>)"),
                        ));
                    }
                }
                if e.attributes().flatten().any(|a| a.value.len() > limits::MAX_STYLE_VALUE_BYTES) {
                    return Err(long());
                }
            }
            Ok(Event::Text(t)) if t.len() > limits::MAX_STYLE_VALUE_BYTES => return Err(long()),
            Ok(Event::CData(t)) if t.len() > limits::MAX_STYLE_VALUE_BYTES => return Err(long()),
            Ok(Event::Eof) => return Ok(()),
            Ok(_) => {}
            Err(e) => return Err(unreadable(lang, p, part, &e)),
        }
    }
}

fn too_large_file(lang: Lang, p: &str, bytes: u64) -> Error {
    let (n, most) = (size(bytes), size(limits::MAX_INPUT_BYTES));
    Error::Input(t!(
        lang,
        "{p}: filen är {n}; importen läser filer på högst {most}",
        "{p}: the file is {n}; the import reads files of at most {most}"
    ))
}

/// A part over the limit: by what it declares (`Some`), or by what it unpacked to so far.
fn too_large_part(lang: Lang, p: &str, part: &str, declared: Option<u64>) -> Error {
    let most = size(limits::MAX_ENTRY_BYTES);
    let n = declared.map_or_else(|| t!(lang, "mer än {most}", "more than {most}"), size);
    Error::Input(t!(
        lang,
        "{p}: delen {part} är {n} uppackad; importen läser delar på högst {most}",
        "{p}: the part {part} is {n} unpacked; the import reads parts of at most {most}"
    ))
}

fn too_large_total(lang: Lang, p: &str) -> Error {
    let most = size(limits::MAX_TOTAL_BYTES);
    Error::Input(t!(
        lang,
        "{p}: filen är mer än {most} uppackad; importen läser inte mer",
        "{p}: the file is more than {most} unpacked; the import reads no more"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_named_as_a_spreadsheet_names_them() {
        assert_eq!(cell_ref((0, 0)), "A1");
        assert_eq!(cell_ref((1_048_575, 16_383)), "XFD1048576");
    }
}

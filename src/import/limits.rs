//! How much `plan import` reads, and the one place that says so.
//!
//! A spreadsheet or a Kolada response is a file someone sent: it may be a zip bomb, a sheet
//! that claims a million rows, or a shared-string table of a billion entries. Every limit
//! here is checked before the memory it guards is allocated, and each is far above what a
//! real activity plan reaches (a few hundred to a few thousand rows of 22 columns; the plan
//! file it becomes may not exceed [`crate::load::MAX_FILE_BYTES`] anyway). docs/exchange.md
//! lists them for users; a file over a limit is refused with a message that names the file,
//! the part or sheet, and the limit, and the command exits 2.

/// The largest spreadsheet file (xlsx or CSV) read at all, as it is on disk.
pub const MAX_INPUT_BYTES: u64 = 64 * MIB;

/// The largest one part (entry) of an xlsx file may be when unpacked, as declared and as read.
pub const MAX_ENTRY_BYTES: u64 = 64 * MIB;

/// The largest all parts of an xlsx file together may be when unpacked.
pub const MAX_TOTAL_BYTES: u64 = 256 * MIB;

/// The most parts an xlsx file may have (Excel writes about a dozen).
pub const MAX_ENTRIES: usize = 10_000;

/// The highest ratio of unpacked to packed size for a part larger than [`RATIO_FROM_BYTES`]:
/// spreadsheet XML packs about 5 to 20 times; a zip bomb packs about 1000 times.
pub const MAX_RATIO: u64 = 200;

/// Parts smaller than this are not held to [`MAX_RATIO`] (small repetitive parts pack well).
pub const RATIO_FROM_BYTES: u64 = MIB;

/// The most rows a sheet may reach (the last row number, as the spreadsheet shows it).
pub const MAX_ROWS: u32 = 100_000;

/// The most columns a sheet may reach: 200, column `GR`.
pub const MAX_COLUMNS: u32 = 200;

/// The most filled (non-empty) cells read from one sheet or CSV file.
pub const MAX_CELLS: usize = 2_000_000;

/// The most text, in bytes, held from one sheet's cells together (a shared string is
/// counted every time a cell uses it).
pub const MAX_TEXT_BYTES: usize = 64 * MIB as usize;

/// The most entries an xlsx file's shared-string table (`xl/sharedStrings.xml`) may
/// declare or hold.
pub const MAX_SHARED_STRINGS: u64 = 1_000_000;

/// The most elements an xlsx file's style sheet (`xl/styles.xml`) may hold (Excel itself
/// allows 64,000 cell formats).
pub const MAX_STYLE_ELEMENTS: u64 = 1_000_000;

/// Cell formats (`<xf>`) in an xlsx style sheet. calamine copies the font, fill, border and
/// number format an `<xf>` refers to into each one, so what the style sheet costs is their
/// number times the size of what they refer to; Excel itself allows 64,000 cell formats.
pub const MAX_CELL_FORMATS: u64 = 65_536;

/// The longest attribute value or text in an xlsx style sheet (a font name, a number
/// format): Excel's longest is 255 characters.
pub const MAX_STYLE_VALUE_BYTES: usize = 512;

/// The first and last year a Kolada period may be.
pub const KOLADA_YEARS: std::ops::RangeInclusive<i32> = 1990..=2100;

// The limits leave room for a plan file at the loader's limit and for the whole layout.
const _: () = assert!(
    MAX_INPUT_BYTES >= crate::load::MAX_FILE_BYTES
        && MAX_ENTRY_BYTES <= MAX_TOTAL_BYTES
        && MAX_COLUMNS as usize >= super::layout::COLUMNS.len()
);

/// One mebibyte.
pub const MIB: u64 = 1024 * 1024;

pub use crate::lang::ui::{bytes as size, thousands as count};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_counts_read_as_limits() {
        assert_eq!(size(64 * MIB), "64 MiB");
        assert_eq!(size(MIB + MIB / 2), "1.5 MiB");
        assert_eq!(size(12), "12 B");
        assert_eq!(count(100_000), "100 000");
        assert_eq!(count(2_000_000), "2 000 000");
        assert_eq!(count(200), "200");
    }
}

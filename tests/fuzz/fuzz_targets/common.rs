//! Shared by the fuzz targets: turning fuzz input into plan files.

use plan::load::Input;
use plan::run::CheckOptions;

/// One input is one or more plan files, separated by NUL bytes (which no plan file contains).
pub fn files(data: &[u8]) -> Vec<(String, Input)> {
    data.split(|&b| b == 0)
        .take(16)
        .enumerate()
        .map(|(i, bytes)| (format!("plans/f{i:02}.yaml"), Input::Bytes(bytes.to_vec())))
        .collect()
}

/// A fixed check date, so runs are reproducible.
pub fn options() -> CheckOptions {
    CheckOptions {
        today: chrono_date(),
        lang: plan::lang::Lang::Sv,
        levels: Default::default(),
        county: Default::default(),
        status_words: Default::default(),
    }
}

fn chrono_date() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2025, 6, 30).expect("a date")
}

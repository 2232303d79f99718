//! What is wrong with a date that is not one.
//!
//! "Write dates as YYYY-MM-DD" is no help for `2025-02-30`, which is written so. A date
//! that is not a date is either impossible — a month past 12, a day past the month's
//! last — or written in another form an analyst knows from Excel or letters: `30/6 2025`,
//! `2025-6-30`, `20250630`, `30.06.2025`. This says which, so the help can name the part
//! to correct or the date as it should be written.

use chrono::{Datelike, NaiveDate};

/// Why a text is not a date of the form `YYYY-MM-DD`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BadDate {
    /// A month outside 1–12.
    NoSuchMonth {
        /// The month written.
        month: u32,
    },
    /// A day past the last day of its month (or day 0).
    NoSuchDay {
        /// The year.
        year: i32,
        /// The month.
        month: u32,
        /// The day written.
        day: u32,
        /// The month's last day.
        last: u32,
    },
    /// A real date written in another form.
    OtherForm {
        /// The date as it should be written.
        date: NaiveDate,
    },
    /// Nothing recognisable.
    Unknown,
}

/// The last day of a month, if the month exists.
fn last_day(year: i32, month: u32) -> Option<u32> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let next = if month == 12 { NaiveDate::from_ymd_opt(year + 1, 1, 1)? } else { first.with_month0(month)? };
    Some(next.pred_opt()?.day0() + 1)
}

/// The numbers of a text made of digits and separators, if that is all it is.
fn numbers(text: &str) -> Option<Vec<&str>> {
    let parts: Vec<&str> = text.split(['-', '/', '.', ' ']).filter(|p| !p.is_empty()).collect();
    parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit())).then_some(parts)
}

/// Why `text` (not a valid `YYYY-MM-DD` date) is not a date.
pub fn diagnose(text: &str) -> BadDate {
    let text = text.trim();
    let Some(parts) = numbers(text) else { return BadDate::Unknown };
    let n = |s: &str| s.parse::<u32>().ok();
    let ymd = |y: &str, m: &str, d: &str| Some((i32::try_from(n(y)?).ok()?, n(m)?, n(d)?));
    let (year, month, day) = match parts.as_slice() {
        // 2025-02-30, 2025-2-3, 2025/02/03
        [y, m, d] if y.len() == 4 => {
            let Some((year, month, day)) = ymd(y, m, d) else { return BadDate::Unknown };
            (year, month, day)
        }
        // 30/6 2025, 30.06.2025, 30-06-2025: day first, as in Sweden.
        [d, m, y] if y.len() == 4 && d.len() <= 2 && m.len() <= 2 => {
            let Some((year, month, day)) = ymd(y, m, d) else { return BadDate::Unknown };
            (year, month, day)
        }
        // 20250630
        [all] if all.len() == 8 => {
            let Some((year, month, day)) = ymd(&all[..4], &all[4..6], &all[6..]) else { return BadDate::Unknown };
            (year, month, day)
        }
        _ => return BadDate::Unknown,
    };
    if let Some(date) = NaiveDate::from_ymd_opt(year, month, day) {
        // Written in a form other than the format's (`2025-6-30` is valid but not the form).
        return BadDate::OtherForm { date };
    }
    if !(1..=12).contains(&month) {
        return BadDate::NoSuchMonth { month };
    }
    match last_day(year, month) {
        Some(last) => BadDate::NoSuchDay { year, month, day, last },
        None => BadDate::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        crate::model::parse_date(s).expect("a date")
    }

    #[test]
    fn impossible_dates_say_which_part() {
        assert_eq!(diagnose("2025-02-30"), BadDate::NoSuchDay { year: 2025, month: 2, day: 30, last: 28 });
        assert_eq!(diagnose("2024-02-30"), BadDate::NoSuchDay { year: 2024, month: 2, day: 30, last: 29 });
        assert_eq!(diagnose("2025-04-31"), BadDate::NoSuchDay { year: 2025, month: 4, day: 31, last: 30 });
        assert_eq!(diagnose("2025-12-00"), BadDate::NoSuchDay { year: 2025, month: 12, day: 0, last: 31 });
        assert_eq!(diagnose("2025-13-13"), BadDate::NoSuchMonth { month: 13 });
        assert_eq!(diagnose("2025-13-01"), BadDate::NoSuchMonth { month: 13 });
    }

    #[test]
    fn other_forms_give_the_date_as_it_should_be_written() {
        for form in ["2025-6-30", "30/6 2025", "30.06.2025", "20250630", "2025/06/30"] {
            assert_eq!(diagnose(form), BadDate::OtherForm { date: date("2025-06-30") }, "{form}");
        }
        assert_eq!(diagnose("i juni"), BadDate::Unknown);
        assert_eq!(diagnose("2025"), BadDate::Unknown);
    }
}

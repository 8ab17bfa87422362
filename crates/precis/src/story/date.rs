//! Calendar dates as day numbers, so the clusterer can measure gaps.

use std::fmt;

/// A date that could not be read, with what was wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError {
    /// The text that was given.
    pub given: String,
    /// What is wrong with it.
    pub reason: &'static str,
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "date {:?} is not an ISO 8601 date ({}); write it as YYYY-MM-DD, \
             optionally followed by a time (YYYY-MM-DDTHH:MM:SSZ)",
            self.given, self.reason
        )
    }
}

impl std::error::Error for DateError {}

/// Reads an ISO 8601 date (`2015-12-15`) or date-time (`2015-12-15T09:30:00Z`,
/// `2015-12-15 09:30`) and returns the day number: days since 1970-01-01.
/// The time of day, if any, is checked for shape but not used.
///
/// ```
/// use precis::story::parse_day;
/// assert_eq!(parse_day("1970-01-02"), Ok(1));
/// assert_eq!(parse_day("2000-03-01T12:00:00Z"), Ok(11017));
/// assert!(parse_day("2001-02-29").is_err());
/// ```
pub fn parse_day(text: &str) -> Result<i32, DateError> {
    let err = |reason| Err(DateError { given: text.to_owned(), reason });
    let s = text.trim();
    let b = s.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return err("expected YYYY-MM-DD");
    }
    let num = |r: std::ops::Range<usize>| -> Option<i32> {
        let part = s.get(r)?;
        part.bytes().all(|c| c.is_ascii_digit()).then(|| part.parse().ok())?
    };
    let (Some(year), Some(month), Some(day)) = (num(0..4), num(5..7), num(8..10)) else {
        return err("year, month and day must be digits");
    };
    if !(1..=12).contains(&month) {
        return err("month out of range");
    }
    if day < 1 || day > days_in_month(year, month) {
        return err("day out of range for the month");
    }
    let rest = &s[10..];
    if !rest.is_empty() {
        let rb = rest.as_bytes();
        let time_ok = (rb[0] == b'T' || rb[0] == b't' || rb[0] == b' ')
            && rb.len() >= 6
            && rb[1..3].iter().all(u8::is_ascii_digit)
            && rb[3] == b':'
            && rb[4..6].iter().all(u8::is_ascii_digit);
        if !time_ok {
            return err("unexpected text after the date");
        }
    }
    Ok(days_from_civil(year, month, day))
}

fn days_in_month(year: i32, month: i32) -> i32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// `days_from_civil`).
fn days_from_civil(year: i32, month: i32, day: i32) -> i32 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The ISO date (`YYYY-MM-DD`) of a day number.
pub fn format_day(days: i32) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i32::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_times() {
        assert_eq!(parse_day("1970-01-01"), Ok(0));
        assert_eq!(parse_day("1969-12-31"), Ok(-1));
        assert_eq!(parse_day("2000-02-29"), Ok(11_016));
        assert_eq!(parse_day("1998-10-16T08:00:00Z"), parse_day("1998-10-16"));
        assert_eq!(parse_day("1998-10-16 08:00"), parse_day("1998-10-16"));
        for day in [-600_000, -1, 0, 10_957, 11_016, 20_000, 2_900_000] {
            assert_eq!(parse_day(&format_day(day)), Ok(day), "{}", format_day(day));
        }
        assert_eq!(format_day(11_016), "2000-02-29");
    }

    #[test]
    fn malformed_dates_say_why() {
        for (bad, why) in [
            ("", "expected YYYY-MM-DD"),
            ("16/10/1998", "expected YYYY-MM-DD"),
            ("1998-13-01", "month out of range"),
            ("1998-02-29", "day out of range"),
            ("1900-02-29", "day out of range"),
            ("1998-04-31", "day out of range"),
            ("199x-01-01", "must be digits"),
            ("1998-01-01yesterday", "unexpected text"),
            ("1998-01-01T9", "unexpected text"),
        ] {
            let e = parse_day(bad).unwrap_err();
            assert!(e.reason.contains(why), "{bad}: {}", e.reason);
            assert!(e.to_string().contains("YYYY-MM-DD"), "{e}");
        }
    }
}

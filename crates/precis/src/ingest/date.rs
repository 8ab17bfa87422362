//! Document dates: ISO 8601 calendar dates and date-times, made comparable.
//!
//! A document's `date` is written as `2015-12-15` or as a date-time such as
//! `2015-12-15T10:30:00Z`, `2015-12-15 10:30`, `2015-12-15T10:30:00.5+03:00`
//! (the extended format of ISO 8601 and RFC 3339; `T` or a space between
//! date and time; seconds and fractions optional; `Z` or an offset of
//! `±HH:MM`, `±HHMM` or `±HH`, none meaning UTC). [`DocDate::parse`] turns
//! it into seconds since 1970-01-01 UTC, so dates of any writing compare,
//! and [`DocDate::day`] gives the day number that story clustering and
//! reading order need.
//!
//! The parser is ours (about a hundred lines and a table of tests) rather
//! than `jiff` or `chrono`: the core needs this one narrow format, checked
//! strictly, with a reason a user can act on, and no time zone database.

use std::fmt;

/// A point in time from a document's `date`: seconds since 1970-01-01
/// 00:00:00 UTC. A date without a time is midnight UTC of that day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DocDate {
    seconds: i64,
}

/// Why a date string is not an ISO 8601 date or date-time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError {
    /// What is wrong, as a phrase ("month 13 is out of range").
    pub reason: String,
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.reason)
    }
}

impl std::error::Error for DateError {}

const SECONDS_PER_DAY: i64 = 86_400;

impl DocDate {
    /// Parses an ISO 8601 date (`YYYY-MM-DD`) or date-time (see the module
    /// documentation). Years run from 0001 to 9999.
    pub fn parse(text: &str) -> Result<DocDate, DateError> {
        let fail = |reason: String| Err(DateError { reason });
        let s = text.trim().as_bytes();
        if s.len() < 10 || s[4] != b'-' || s[7] != b'-' {
            return fail(format!(
                "{:?} does not start with a date written YYYY-MM-DD",
                text.trim()
            ));
        }
        let (Some(year), Some(month), Some(day)) =
            (digits(&s[0..4]), digits(&s[5..7]), digits(&s[8..10]))
        else {
            return fail(format!(
                "{:?} does not start with a date written YYYY-MM-DD",
                text.trim()
            ));
        };
        if year == 0 {
            return fail("year 0000 is out of range (0001 to 9999)".into());
        }
        if !(1..=12).contains(&month) {
            return fail(format!("month {month} is out of range (01 to 12)"));
        }
        let last = days_in_month(year, month);
        if day == 0 || day > last {
            return fail(format!(
                "day {day} is out of range for {year:04}-{month:02} (01 to {last})"
            ));
        }
        let mut seconds = days_from_civil(year, month, day) * SECONDS_PER_DAY;
        let rest = &s[10..];
        if rest.is_empty() {
            return Ok(DocDate { seconds });
        }
        if !matches!(rest[0], b'T' | b't' | b' ') {
            return fail(format!(
                "unexpected {:?} after the date; a time follows a `T`, as in 2015-12-15T10:30:00Z",
                String::from_utf8_lossy(rest)
            ));
        }
        let time = &rest[1..];
        let bad_time = || {
            fail(format!(
                "the time {:?} is not written HH:MM or HH:MM:SS, with an optional fraction and zone",
                String::from_utf8_lossy(time)
            ))
        };
        if time.len() < 5 || time[2] != b':' {
            return bad_time();
        }
        let (Some(hour), Some(minute)) = (digits(&time[0..2]), digits(&time[3..5])) else {
            return bad_time();
        };
        let mut at = 5;
        let mut second = 0;
        if time.get(at) == Some(&b':') {
            let Some(sec) = time.get(at + 1..at + 3).and_then(digits) else {
                return bad_time();
            };
            second = sec;
            at += 3;
            if matches!(time.get(at), Some(b'.' | b',')) {
                let frac = time[at + 1..].iter().take_while(|b| b.is_ascii_digit()).count();
                if frac == 0 {
                    return bad_time();
                }
                at += 1 + frac;
            }
        }
        if hour > 23 {
            return fail(format!("hour {hour} is out of range (00 to 23)"));
        }
        if minute > 59 {
            return fail(format!("minute {minute} is out of range (00 to 59)"));
        }
        // 60 is a leap second; it counts as the last second of the minute.
        if second > 60 {
            return fail(format!("second {second} is out of range (00 to 60)"));
        }
        seconds += i64::from(hour) * 3600 + i64::from(minute) * 60 + i64::from(second.min(59));
        let zone = &time[at..];
        let offset = match zone {
            [] | [b'Z' | b'z'] => 0,
            [sign @ (b'+' | b'-'), rest @ ..] => {
                let (h, m) = match rest {
                    [h1, h2] => (digits(&[*h1, *h2]), Some(0)),
                    [h1, h2, b':', m1, m2] | [h1, h2, m1, m2] => {
                        (digits(&[*h1, *h2]), digits(&[*m1, *m2]))
                    }
                    _ => (None, None),
                };
                match (h, m) {
                    (Some(h), Some(m)) if h <= 23 && m <= 59 => {
                        let off = i64::from(h) * 3600 + i64::from(m) * 60;
                        if *sign == b'-' {
                            -off
                        } else {
                            off
                        }
                    }
                    _ => {
                        return fail(format!(
                            "the zone {:?} is not Z or an offset such as +03:00",
                            String::from_utf8_lossy(zone)
                        ))
                    }
                }
            }
            _ => {
                return fail(format!(
                    "unexpected {:?} after the time; end it with Z or an offset such as +03:00",
                    String::from_utf8_lossy(zone)
                ))
            }
        };
        // Local time minus its offset from UTC is UTC.
        seconds -= offset;
        Ok(DocDate { seconds })
    }

    /// Midnight UTC of a calendar day, or `None` when the day does not exist.
    pub fn from_ymd(year: u32, month: u32, day: u32) -> Option<DocDate> {
        let valid = (1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        valid.then(|| DocDate { seconds: days_from_civil(year, month, day) * SECONDS_PER_DAY })
    }

    /// Seconds since 1970-01-01 00:00:00 UTC.
    pub fn seconds(self) -> i64 {
        self.seconds
    }

    /// Days since 1970-01-01 (UTC); negative before it.
    pub fn day(self) -> i64 {
        self.seconds.div_euclid(SECONDS_PER_DAY)
    }

    /// Whole days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: DocDate) -> i64 {
        later.day() - self.day()
    }
}

impl fmt::Display for DocDate {
    /// The UTC date, `YYYY-MM-DD`, followed by `THH:MM:SSZ` unless it is midnight.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = civil_from_days(self.day());
        write!(f, "{y:04}-{m:02}-{d:02}")?;
        let secs = self.seconds.rem_euclid(SECONDS_PER_DAY);
        if secs != 0 {
            write!(f, "T{:02}:{:02}:{:02}Z", secs / 3600, secs / 60 % 60, secs % 60)?;
        }
        Ok(())
    }
}

/// The value of two to four ASCII digits.
fn digits(s: &[u8]) -> Option<u32> {
    s.iter().try_fold(0u32, |n, &b| b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0')))
}

fn is_leap(year: u32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
/// `days_from_civil`).
fn days_from_civil(year: u32, month: u32, day: u32) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The inverse of [`days_from_civil`].
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(text: &str) -> i64 {
        DocDate::parse(text).unwrap_or_else(|e| panic!("{text:?}: {e}")).seconds()
    }

    fn reason(text: &str) -> String {
        DocDate::parse(text).expect_err(text).reason
    }

    #[test]
    fn dates_and_date_times() {
        assert_eq!(secs("1970-01-01"), 0);
        assert_eq!(secs("1970-01-02"), 86_400);
        assert_eq!(secs("1969-12-31"), -86_400);
        // 2015-12-15 is day 16,784 (checked with `date -d 2015-12-15 +%s`).
        assert_eq!(secs("2015-12-15"), 1_450_137_600);
        assert_eq!(secs(" 2015-12-15 "), 1_450_137_600);
        assert_eq!(secs("2015-12-15T10:30Z"), 1_450_137_600 + 37_800);
        assert_eq!(secs("2015-12-15T10:30:00Z"), 1_450_137_600 + 37_800);
        assert_eq!(secs("2015-12-15 10:30:00"), 1_450_137_600 + 37_800);
        assert_eq!(secs("2015-12-15t10:30:00.250z"), 1_450_137_600 + 37_800);
        assert_eq!(secs("2015-12-15T10:30:00,5"), 1_450_137_600 + 37_800);
        assert_eq!(secs("2015-12-15T13:30:00+03:00"), 1_450_137_600 + 37_800);
        assert_eq!(secs("2015-12-15T13:30+0300"), 1_450_137_600 + 37_800);
        assert_eq!(secs("2015-12-15T05:30:00-05"), 1_450_137_600 + 37_800);
        assert_eq!(secs("2016-12-31T23:59:60Z"), secs("2016-12-31T23:59:59Z"));
        assert_eq!(secs("2000-02-29"), secs("2000-03-01") - 86_400);
        assert_eq!(DocDate::parse("0001-01-01").unwrap().day(), -719_162);
        assert_eq!(DocDate::parse("9999-12-31").unwrap().day(), 2_932_896);
    }

    #[test]
    fn malformed_dates_say_why() {
        for (text, why) in [
            ("", "does not start with a date"),
            ("yesterday", "does not start with a date"),
            ("15/12/2015", "does not start with a date"),
            ("2015-1-5", "does not start with a date"),
            ("20151215", "does not start with a date"),
            ("0000-01-01", "year 0000"),
            ("2015-13-01", "month 13"),
            ("2015-00-10", "month 0"),
            ("2015-02-29", "day 29 is out of range for 2015-02 (01 to 28)"),
            ("1900-02-29", "day 29"),
            ("2015-04-31", "day 31"),
            ("2015-12-15X", "unexpected \"X\" after the date"),
            ("2015-12-15T", "is not written HH:MM"),
            ("2015-12-15T1030", "is not written HH:MM"),
            ("2015-12-15T10:3a", "is not written HH:MM"),
            ("2015-12-15T10:30:0", "is not written HH:MM"),
            ("2015-12-15T10:30:00.", "is not written HH:MM"),
            ("2015-12-15T24:00", "hour 24"),
            ("2015-12-15T10:60", "minute 60"),
            ("2015-12-15T10:30:61", "second 61"),
            ("2015-12-15T10:30:00+3", "the zone \"+3\""),
            ("2015-12-15T10:30:00+24:00", "the zone"),
            ("2015-12-15T10:30:00 UTC", "unexpected \" UTC\" after the time"),
            ("2015-12-15T10:30:00Zulu", "unexpected \"Zulu\""),
            ("２０１５-12-15", "does not start with a date"),
        ] {
            let got = reason(text);
            assert!(got.contains(why), "{text:?}: {got:?} lacks {why:?}");
        }
    }

    #[test]
    fn order_days_and_display() {
        let a = DocDate::parse("2013-06-30T23:00:00-02:00").unwrap();
        let b = DocDate::parse("2013-07-01T00:30:00Z").unwrap();
        assert!(a > b, "23:00 at -02:00 is 01:00 UTC on July 1st");
        assert_eq!(a.day(), b.day());
        assert_eq!(a.to_string(), "2013-07-01T01:00:00Z");
        assert_eq!(DocDate::parse("2015-12-15").unwrap().to_string(), "2015-12-15");
        assert_eq!(
            DocDate::parse("2013-07-01").unwrap().days_until(DocDate::parse("2015-12-15").unwrap()),
            897
        );
        assert_eq!(DocDate::from_ymd(2015, 12, 15), DocDate::parse("2015-12-15").ok());
        assert_eq!(DocDate::from_ymd(2015, 2, 29), None);
        assert_eq!(DocDate::from_ymd(0, 1, 1), None);
        // Every day of four centuries goes to the calendar and back.
        for day in -150_000..150_000 {
            let (y, m, d) = civil_from_days(day);
            assert_eq!(days_from_civil(y as u32, m as u32, d as u32), day);
        }
    }
}

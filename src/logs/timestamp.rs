//! The leading RFC 3339 timestamp GitHub Actions puts on every log line
//! (`2026-11-25T09:00:01.1234567Z `), recognised byte by byte so a line that arrives in
//! pieces is judged exactly like one that arrives whole.

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};

/// Longest prefix worth holding back: date, time, 9 fraction digits, `+hh:mm`, the space.
pub(super) const MAX_LEN: usize = 36;

#[derive(Debug, PartialEq)]
pub(super) enum Scan {
    /// Looks like the start of a timestamp: wait for more bytes.
    Incomplete,
    NotStamp,
    /// A timestamp and, when present, the one space after it: `len` bytes to drop.
    Stamp {
        len: usize,
        at: DateTime<Utc>,
    },
}

/// Judges the start of a line. `at_end` says no more bytes of this line will come,
/// so a timestamp with nothing after it still counts and a short prefix does not.
pub(super) fn scan(bytes: &[u8], at_end: bool) -> Scan {
    match shape(bytes) {
        Ok(Shape {
            len,
            spaced,
            at: Some(at),
        }) if spaced || at_end => Scan::Stamp { len, at },
        Ok(Shape { spaced: false, .. }) | Err(Stop::Short) if !at_end => Scan::Incomplete,
        _ => Scan::NotStamp,
    }
}

/// Splits a whole line into its timestamp (if any) and the rest.
pub(super) fn split(line: &[u8]) -> (Option<DateTime<Utc>>, &[u8]) {
    match scan(line, true) {
        Scan::Stamp { len, at } => (Some(at), &line[len..]),
        _ => (None, line),
    }
}

enum Stop {
    /// The bytes so far fit; more are needed.
    Short,
    Bad,
}

struct Shape {
    len: usize,
    spaced: bool,
    /// None when the shape is right but the date is not (month 13).
    at: Option<DateTime<Utc>>,
}

fn shape(b: &[u8]) -> Result<Shape, Stop> {
    let year = digits(b, 0, 4)?;
    expect(b, 4, b"-")?;
    let month = digits(b, 5, 2)?;
    expect(b, 7, b"-")?;
    let day = digits(b, 8, 2)?;
    expect(b, 10, b"Tt")?;
    let hour = digits(b, 11, 2)?;
    expect(b, 13, b":")?;
    let minute = digits(b, 14, 2)?;
    expect(b, 16, b":")?;
    let second = digits(b, 17, 2)?;
    let mut i = 19;
    let mut nanos = 0;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while let Some(d) = b.get(i).filter(|d| d.is_ascii_digit()) {
            if i - start == 9 {
                return Err(Stop::Bad);
            }
            nanos = nanos * 10 + u32::from(d - b'0');
            i += 1;
        }
        match b.get(i) {
            None => return Err(Stop::Short),
            Some(_) if i == start => return Err(Stop::Bad),
            Some(_) => nanos *= 10u32.pow((9 - (i - start)) as u32),
        }
    }
    let offset_minutes = match b.get(i) {
        None => return Err(Stop::Short),
        Some(b'Z' | b'z') => {
            i += 1;
            0
        }
        Some(&sign @ (b'+' | b'-')) => {
            let hours = digits(b, i + 1, 2)?;
            expect(b, i + 3, b":")?;
            let minutes = digits(b, i + 4, 2)?;
            i += 6;
            let total = i64::from(hours * 60 + minutes);
            if sign == b'-' { -total } else { total }
        }
        Some(_) => return Err(Stop::Bad),
    };
    let spaced = match b.get(i) {
        None => false,
        Some(b' ') => true,
        Some(_) => return Err(Stop::Bad),
    };
    let at = NaiveDate::from_ymd_opt(year as i32, month, day)
        .and_then(|date| date.and_hms_nano_opt(hour, minute, second, nanos))
        .and_then(|local| local.checked_sub_signed(TimeDelta::minutes(offset_minutes)))
        .map(|utc| utc.and_utc());
    Ok(Shape {
        len: i + usize::from(spaced),
        spaced,
        at,
    })
}

fn digits(b: &[u8], at: usize, count: usize) -> Result<u32, Stop> {
    let mut value = 0;
    for i in at..at + count {
        match b.get(i) {
            None => return Err(Stop::Short),
            Some(d) if d.is_ascii_digit() => value = value * 10 + u32::from(d - b'0'),
            Some(_) => return Err(Stop::Bad),
        }
    }
    Ok(value)
}

fn expect(b: &[u8], at: usize, allowed: &[u8]) -> Result<(), Stop> {
    match b.get(at) {
        None => Err(Stop::Short),
        Some(c) if allowed.contains(c) => Ok(()),
        Some(_) => Err(Stop::Bad),
    }
}

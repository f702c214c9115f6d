//! ISO 8601 timestamps as Discord writes them.

use std::{fmt, str::FromStr};

use serde::{
    Deserialize, Deserializer, Serialize, Serializer,
    de::{Error as DeError, Visitor},
};

/// A point in time with microsecond precision, eight bytes.
///
/// Parsed from ISO 8601 with any UTC offset (`Z`, `+00:00`, `-05:30`) and any
/// number of fractional digits; written the way Discord writes it,
/// `2021-06-01T12:34:56.789000+00:00`.
///
/// ```
/// use kokoro_model::Timestamp;
///
/// let t: Timestamp = "2021-06-01T14:34:56.5+02:00".parse().unwrap();
/// assert_eq!(t.to_string(), "2021-06-01T12:34:56.500000+00:00");
/// assert_eq!(t.as_secs(), 1_622_550_896);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    micros: i64,
}

/// Why a string is not an ISO 8601 timestamp.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ParseTimestampError {
    /// The string does not have the shape `YYYY-MM-DDTHH:MM:SS[.fff][Z|±HH:MM]`.
    #[error("expected an ISO 8601 timestamp like 2021-06-01T12:34:56.789000+00:00")]
    Format,
    /// A component is out of its range (month 13, hour 25, …).
    #[error("a date or time component is out of range")]
    Range,
}

impl Timestamp {
    /// The Unix epoch.
    pub const UNIX_EPOCH: Self = Self { micros: 0 };

    /// A timestamp `micros` microseconds after the Unix epoch.
    pub const fn from_micros(micros: i64) -> Self {
        Self { micros }
    }

    /// A timestamp `secs` seconds after the Unix epoch.
    pub const fn from_secs(secs: i64) -> Self {
        Self {
            micros: secs.saturating_mul(1_000_000),
        }
    }

    /// The current time from the system clock.
    pub fn now() -> Self {
        let since = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        Self::from_micros(i64::try_from(since.as_micros()).unwrap_or(i64::MAX))
    }

    /// Microseconds since the Unix epoch.
    pub const fn as_micros(self) -> i64 {
        self.micros
    }

    /// Milliseconds since the Unix epoch.
    pub const fn as_millis(self) -> i64 {
        self.micros.div_euclid(1000)
    }

    /// Seconds since the Unix epoch.
    pub const fn as_secs(self) -> i64 {
        self.micros.div_euclid(1_000_000)
    }

    /// Parses an ISO 8601 timestamp.
    pub fn parse(s: &str) -> Result<Self, ParseTimestampError> {
        let b = s.as_bytes();
        if b.len() < 19 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't' | b' ') {
            return Err(ParseTimestampError::Format);
        }
        if b[13] != b':' || b[16] != b':' {
            return Err(ParseTimestampError::Format);
        }
        let year = digits(&b[0..4])? as i64;
        let month = digits(&b[5..7])?;
        let day = digits(&b[8..10])?;
        let hour = digits(&b[11..13])?;
        let minute = digits(&b[14..16])?;
        let second = digits(&b[17..19])?;
        if !(1..=12).contains(&month)
            || day == 0
            || day > days_in_month(year, month)
            || hour > 23
            || minute > 59
            || second > 60
        {
            return Err(ParseTimestampError::Range);
        }
        let mut rest = &b[19..];
        let mut frac_micros = 0i64;
        if let [b'.', tail @ ..] = rest {
            let n = tail.iter().take_while(|c| c.is_ascii_digit()).count();
            if n == 0 {
                return Err(ParseTimestampError::Format);
            }
            for (i, c) in tail[..n].iter().enumerate().take(6) {
                frac_micros += i64::from(c - b'0') * 10i64.pow(5 - i as u32);
            }
            rest = &tail[n..];
        }
        let offset_secs: i64 = match rest {
            [] | [b'Z' | b'z'] => 0,
            [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
                let h = digits(&[*h1, *h2])? as i64;
                let m = digits(&[*m1, *m2])? as i64;
                if h > 23 || m > 59 {
                    return Err(ParseTimestampError::Range);
                }
                let off = h * 3600 + m * 60;
                if *sign == b'-' { -off } else { off }
            }
            _ => return Err(ParseTimestampError::Format),
        };
        let days = days_from_civil(year, month, day);
        let secs =
            days * 86_400 + i64::from(hour) * 3600 + i64::from(minute) * 60 + i64::from(second)
                - offset_secs;
        Ok(Self::from_micros(secs * 1_000_000 + frac_micros))
    }

    /// The calendar parts in UTC: year, month, day, hour, minute, second, microsecond.
    pub fn to_parts(self) -> (i64, u32, u32, u32, u32, u32, u32) {
        let secs = self.micros.div_euclid(1_000_000);
        let micro = self.micros.rem_euclid(1_000_000) as u32;
        let days = secs.div_euclid(86_400);
        let sod = secs.rem_euclid(86_400) as u32;
        let (y, m, d) = civil_from_days(days);
        (y, m, d, sod / 3600, sod / 60 % 60, sod % 60, micro)
    }
}

fn digits(b: &[u8]) -> Result<u32, ParseTimestampError> {
    b.iter().try_fold(0u32, |acc, c| {
        if c.is_ascii_digit() {
            Ok(acc * 10 + u32::from(c - b'0'))
        } else {
            Err(ParseTimestampError::Format)
        }
    })
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

// Howard Hinnant's days-from-civil algorithm (proleptic Gregorian calendar).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, mo, d, h, mi, s, us) = self.to_parts();
        write!(
            f,
            "{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{us:06}+00:00"
        )
    }
}

impl FromStr for Timestamp {
    type Err = ParseTimestampError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

struct TimestampVisitor;

impl Visitor<'_> for TimestampVisitor {
    type Value = Timestamp;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an ISO 8601 timestamp")
    }

    fn visit_str<E: DeError>(self, v: &str) -> Result<Timestamp, E> {
        Timestamp::parse(v).map_err(E::custom)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(TimestampVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_discord_format() {
        for s in [
            "2021-04-09T20:20:09.916000+00:00",
            "1970-01-01T00:00:00.000000+00:00",
            "2024-02-29T23:59:59.999999+00:00",
            "1969-12-31T23:59:59.500000+00:00",
        ] {
            assert_eq!(Timestamp::parse(s).unwrap().to_string(), s);
        }
    }

    #[test]
    fn applies_offsets_and_fractions() {
        let a = Timestamp::parse("2021-06-01T12:00:00Z").unwrap();
        let b = Timestamp::parse("2021-06-01T07:30:00-04:30").unwrap();
        let c = Timestamp::parse("2021-06-01T12:00:00.000000001+00:00").unwrap();
        assert_eq!(a, b);
        assert_eq!(a, c);
        assert_eq!(a.as_secs(), 1_622_548_800);
    }

    #[test]
    fn rejects_garbage_without_panicking() {
        for bad in [
            "",
            "2021",
            "2021-13-01T00:00:00Z",
            "2021-02-30T00:00:00Z",
            "2021-01-01T24:00:00Z",
            "2021-01-01T00:00:00.Z",
            "2021-01-01T00:00:00+0000",
            "2021-01-01T00:00:00+25:00",
            "२०२१-01-01T00:00:00Z",
            "2021-01-01T00:00:00ZZ",
        ] {
            assert!(Timestamp::parse(bad).is_err(), "{bad} was accepted");
        }
    }
}

//! Every number in the config has a range, checked while the file is read, so a value out of
//! it is reported like any other config error (file:line:column, key) with the range allowed,
//! and nothing later has to guard against, say, a refresh period that overflows a clock.

use serde::de::{self, Deserialize, Deserializer, Visitor};
use std::collections::BTreeMap;
use std::fmt;

/// A whole number from `MIN` to `MAX`, refused with both bounds named.
struct Bounded<const MIN: u64, const MAX: u64>(u64);

impl<'de, const MIN: u64, const MAX: u64> Deserialize<'de> for Bounded<MIN, MAX> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_u64(BoundedVisitor::<MIN, MAX>)
    }
}

struct BoundedVisitor<const MIN: u64, const MAX: u64>;

impl<const MIN: u64, const MAX: u64> BoundedVisitor<MIN, MAX> {
    fn out_of_range<E: de::Error>(got: impl fmt::Display) -> E {
        E::custom(format!("must be from {MIN} to {MAX} (got {got})"))
    }
}

impl<'de, const MIN: u64, const MAX: u64> Visitor<'de> for BoundedVisitor<MIN, MAX> {
    type Value = Bounded<MIN, MAX>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a whole number from {MIN} to {MAX}")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        if (MIN..=MAX).contains(&v) {
            Ok(Bounded(v))
        } else {
            Err(Self::out_of_range(v))
        }
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        match u64::try_from(v) {
            Ok(v) => self.visit_u64(v),
            Err(_) => Err(Self::out_of_range(v)),
        }
    }
}

/// For `deserialize_with`: a `u64`, `u32` or `usize` field from `MIN` to `MAX`.
pub fn within<'de, D, T, const MIN: u64, const MAX: u64>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: TryFrom<u64>,
{
    let Bounded(v) = Bounded::<MIN, MAX>::deserialize(deserializer)?;
    T::try_from(v).map_err(|_| de::Error::custom(format!("{v} is too large on this machine")))
}

/// For `deserialize_with`: a map of names to numbers from `MIN` to `MAX` (WIP limits).
pub fn map_within<'de, D, const MIN: u64, const MAX: u64>(
    deserializer: D,
) -> Result<BTreeMap<String, u32>, D::Error>
where
    D: Deserializer<'de>,
{
    let map = BTreeMap::<String, Bounded<MIN, MAX>>::deserialize(deserializer)?;
    map.into_iter()
        .map(|(name, Bounded(v))| {
            u32::try_from(v)
                .map(|v| (name, v))
                .map_err(|_| de::Error::custom(format!("{v} is too large")))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    struct Doc {
        #[serde(deserialize_with = "within::<_, _, 5, 60>")]
        n: u32,
    }

    fn parse(text: &str) -> Result<u32, String> {
        toml::from_str::<Doc>(text)
            .map(|d| d.n)
            .map_err(|e| e.message().to_string())
    }

    #[test]
    fn bounds_are_inclusive_and_named_when_missed() {
        assert_eq!(parse("n = 5"), Ok(5));
        assert_eq!(parse("n = 60"), Ok(60));
        assert_eq!(parse("n = 4"), Err("must be from 5 to 60 (got 4)".into()));
        assert_eq!(parse("n = -1"), Err("must be from 5 to 60 (got -1)".into()));
        assert_eq!(
            parse("n = 18446744073709551615"),
            Err("must be from 5 to 60 (got 18446744073709551615)".into())
        );
        let e = parse("n = 7.5").unwrap_err();
        assert!(e.contains("a whole number from 5 to 60"), "{e}");
    }
}

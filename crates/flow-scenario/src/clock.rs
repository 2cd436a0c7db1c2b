//! The scenario's `clock`: the instant at which hours of operation are evaluated.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer, de::Error as _};

/// The instant at which hours of operation are evaluated when the scenario has no `clock`:
/// Monday 5 January 2026, 17:00 UTC, which is 12:00 in New York, 09:00 in Los Angeles and 17:00
/// in London. Answers evaluated at it are marked assumed.
pub const DEFAULT_CLOCK: &str = "2026-01-05T17:00:00Z";

/// Parses an RFC 3339 instant such as `2026-12-07T09:30:00Z` or `2026-12-07T09:30:00-05:00`.
pub fn parse_instant(text: &str) -> Result<DateTime<Utc>, String> {
    DateTime::parse_from_rfc3339(text)
        .map(|instant| instant.with_timezone(&Utc))
        .map_err(|error| {
            format!(
                "invalid clock {text:?}: {error}; expected an RFC 3339 instant such as \"2026-12-07T09:30:00Z\""
            )
        })
}

/// Returns [`DEFAULT_CLOCK`] as an instant.
pub fn default_instant() -> DateTime<Utc> {
    parse_instant(DEFAULT_CLOCK).expect("DEFAULT_CLOCK is a valid RFC 3339 instant")
}

/// Deserializes the optional `clock` of a scenario.
pub(crate) fn deserialize_clock<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<DateTime<Utc>>, D::Error> {
    let text = String::deserialize(deserializer)?;
    parse_instant(&text).map(Some).map_err(D::Error::custom)
}

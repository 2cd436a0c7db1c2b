//! Hours of operation in a scenario: a fixed answer, or a weekly schedule with overrides that is
//! evaluated at the scenario's clock in the schedule's own time zone.
//!
//! The schedule has the shape that `aws connect describe-hours-of-operation` returns
//! (<https://docs.aws.amazon.com/connect/latest/APIReference/API_HoursOfOperation.html>), and the
//! overrides the shape of `list-hours-of-operation-overrides`
//! (<https://docs.aws.amazon.com/connect/latest/APIReference/API_HoursOfOperationOverride.html>).
//! Times are wall-clock times in `TimeZone`, so daylight saving time moves them with the zone. An
//! end time of 00:00 means midnight at the end of the day, and an end time at or before the start
//! time means the range runs past midnight into the next day, so 00:00 to 00:00 is the whole day.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Timelike, Utc, Weekday};
use chrono_tz::Tz;
use serde::de::{Error as _, IgnoredAny};
use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

const MINUTES_PER_DAY: u32 = 24 * 60;

/// One entry of the scenario's `hours`.
#[derive(Debug, Clone, PartialEq)]
pub enum HoursEntry {
    /// `true` (open) or `false` (closed), whatever the time.
    Fixed(bool),
    /// A weekly schedule with overrides, evaluated at the scenario's clock.
    Schedule(Box<HoursSchedule>),
}

/// A weekly schedule in one time zone, with its overrides.
#[derive(Debug, Clone, PartialEq)]
pub struct HoursSchedule {
    pub name: Option<String>,
    pub time_zone: Tz,
    pub config: Vec<TimeRange>,
    /// Overrides in the order the scenario lists them; a later one applies after an earlier one.
    pub overrides: Vec<HoursOverride>,
}

/// A range of wall-clock time on `day`, in minutes after midnight at the start of `day`. `end`
/// passes 1440 for a range that runs past midnight, and after a `CLOSED` override has cut a range,
/// `start` may pass 1440 too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeRange {
    pub day: Weekday,
    pub start: u32,
    /// Greater than `start`, at most 2880.
    pub end: u32,
}

/// An override of the weekly schedule between two dates, both included.
#[derive(Debug, Clone, PartialEq)]
pub struct HoursOverride {
    pub name: Option<String>,
    pub effective_from: NaiveDate,
    pub effective_till: NaiveDate,
    pub override_type: OverrideType,
    pub config: Vec<TimeRange>,
}

/// The effect of an override on the weekly ranges of the days it covers.
///
/// NOTE: the API reference lists `OverrideType` but does not define how each value combines with
/// the weekly schedule. flowsim's reading: `STANDARD` replaces a day's ranges, `OPEN` adds open
/// ranges and `CLOSED` removes the ranges it lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum OverrideType {
    /// On each weekday that the override lists, its ranges replace the weekly ranges.
    #[default]
    Standard,
    /// Its ranges are open in addition to the weekly ranges.
    Open,
    /// Its ranges are closed, even where the weekly ranges are open.
    Closed,
}

/// The result of evaluating a schedule at one instant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HoursEvaluation {
    pub open: bool,
    /// The local time, the ranges that decided and the overrides that applied, for the trace.
    pub detail: String,
}

impl HoursSchedule {
    /// Evaluates whether the hours are open at `instant`, in the schedule's time zone.
    pub fn evaluate(&self, instant: DateTime<Utc>) -> HoursEvaluation {
        let local = instant.with_timezone(&self.time_zone);
        let date = local.date_naive();
        let minute = local.hour() * 60 + local.minute();
        let today = self.ranges_on(date);
        let yesterday = self.ranges_on(date - Duration::days(1));
        let open_today = today.iter().any(|r| r.start <= minute && minute < r.end);
        let shifted = minute + MINUTES_PER_DAY;
        let open_from_yesterday = yesterday.iter().any(|r| r.start <= shifted && shifted < r.end);
        let open = open_today || open_from_yesterday;
        let detail = self.describe(local.format("%A %Y-%m-%d %H:%M").to_string(), date, &today, open);
        HoursEvaluation { open, detail }
    }

    /// Returns the ranges that start on `date`: the weekly ranges of its weekday, changed by every
    /// override in effect on that date.
    fn ranges_on(&self, date: NaiveDate) -> Vec<TimeRange> {
        let weekday = date.weekday();
        let mut ranges: Vec<TimeRange> = self.config.iter().filter(|r| r.day == weekday).copied().collect();
        for applied in self.overrides_on(date) {
            let listed: Vec<TimeRange> = applied
                .config
                .iter()
                .filter(|r| r.day == weekday)
                .copied()
                .collect();
            ranges = match applied.override_type {
                OverrideType::Standard if listed.is_empty() => ranges,
                OverrideType::Standard => listed,
                OverrideType::Open => ranges.into_iter().chain(listed).collect(),
                OverrideType::Closed => subtract(&ranges, &listed),
            };
        }
        ranges
    }

    fn overrides_on(&self, date: NaiveDate) -> impl Iterator<Item = &HoursOverride> {
        self.overrides
            .iter()
            .filter(move |o| o.effective_from <= date && date <= o.effective_till)
    }

    fn describe(&self, local: String, date: NaiveDate, today: &[TimeRange], open: bool) -> String {
        let state = if open { "open" } else { "closed" };
        let ranges = if today.is_empty() {
            "none".to_string()
        } else {
            today.iter().map(|r| r.to_string()).collect::<Vec<_>>().join(", ")
        };
        let mut detail = format!("{state} at {local} {}; ranges that day: {ranges}", self.time_zone);
        let applied: Vec<String> = self.overrides_on(date).map(HoursOverride::label).collect();
        if !applied.is_empty() {
            detail.push_str(&format!("; overrides in effect: {}", applied.join(", ")));
        }
        detail
    }
}

impl HoursOverride {
    fn label(&self) -> String {
        let name = self.name.as_deref().unwrap_or("unnamed");
        let kind = format!("{:?}", self.override_type).to_lowercase();
        format!("{name:?} ({kind})")
    }
}

impl std::fmt::Display for TimeRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let clock = |minutes: u32| format!("{:02}:{:02}", (minutes / 60) % 24, minutes % 60);
        let next_day = if self.end > MINUTES_PER_DAY {
            " next day"
        } else {
            ""
        };
        write!(f, "{}–{}{next_day}", clock(self.start), clock(self.end))
    }
}

/// Returns `ranges` with every part that lies in one of `closed` removed.
fn subtract(ranges: &[TimeRange], closed: &[TimeRange]) -> Vec<TimeRange> {
    let mut remaining = ranges.to_vec();
    for cut in closed {
        remaining = remaining
            .into_iter()
            .flat_map(|range| cut_out(range, cut))
            .collect();
    }
    remaining
}

/// Returns the parts of `range` before and after `cut`, both starting on the same day.
fn cut_out(range: TimeRange, cut: &TimeRange) -> Vec<TimeRange> {
    let mut parts = Vec::new();
    if range.start < cut.start {
        parts.push(TimeRange {
            end: range.end.min(cut.start),
            ..range
        });
    }
    if cut.end < range.end {
        let start = range.start.max(cut.end);
        parts.push(TimeRange { start, ..range });
    }
    parts
}

// The JSON shapes, as the Connect API writes them.

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct RawSchedule {
    time_zone: String,
    config: Vec<RawRange>,
    name: Option<String>,
    #[serde(default)]
    hours_of_operation_override_list: Vec<RawOverride>,
    // Fields of the describe output that do not change the evaluation.
    #[serde(rename = "HoursOfOperationId")]
    _id: Option<IgnoredAny>,
    #[serde(rename = "HoursOfOperationArn")]
    _arn: Option<IgnoredAny>,
    #[serde(rename = "Description")]
    _description: Option<IgnoredAny>,
    #[serde(rename = "Tags")]
    _tags: Option<IgnoredAny>,
    #[serde(rename = "LastModifiedTime")]
    _last_modified_time: Option<IgnoredAny>,
    #[serde(rename = "LastModifiedRegion")]
    _last_modified_region: Option<IgnoredAny>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct RawRange {
    day: String,
    start_time: RawTime,
    end_time: RawTime,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct RawTime {
    hours: u32,
    minutes: u32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct RawOverride {
    #[serde(alias = "OverrideName")]
    name: Option<String>,
    effective_from: String,
    effective_till: String,
    #[serde(default)]
    override_type: OverrideType,
    #[serde(alias = "OverrideConfig")]
    config: Vec<RawRange>,
    recurrence_config: Option<Value>,
    // Fields of the list output that do not change the evaluation.
    #[serde(rename = "HoursOfOperationOverrideId")]
    _override_id: Option<IgnoredAny>,
    #[serde(rename = "HoursOfOperationId")]
    _hours_id: Option<IgnoredAny>,
    #[serde(rename = "HoursOfOperationArn")]
    _hours_arn: Option<IgnoredAny>,
    #[serde(rename = "Description", alias = "OverrideDescription")]
    _description: Option<IgnoredAny>,
    #[serde(rename = "LastModifiedTime")]
    _last_modified_time: Option<IgnoredAny>,
    #[serde(rename = "LastModifiedRegion")]
    _last_modified_region: Option<IgnoredAny>,
}

impl<'de> Deserialize<'de> for HoursEntry {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match Value::deserialize(deserializer)? {
            Value::Bool(open) => Ok(HoursEntry::Fixed(open)),
            Value::Object(fields) => schedule_from_object(fields)
                .map(|schedule| HoursEntry::Schedule(Box::new(schedule)))
                .map_err(D::Error::custom),
            other => Err(D::Error::custom(format!(
                "invalid hours {other}: expected true, false, or an hours of operation object with `TimeZone` and `Config`"
            ))),
        }
    }
}

/// Reads `{"HoursOfOperation": {...}, "HoursOfOperationOverrideList": [...]}`, the two outputs of the
/// AWS CLI side by side, or the inner object alone.
fn schedule_from_object(mut fields: Map<String, Value>) -> Result<HoursSchedule, String> {
    let overrides = fields.remove("HoursOfOperationOverrideList");
    let mut inner = match fields.remove("HoursOfOperation") {
        Some(Value::Object(inner)) if fields.is_empty() => inner,
        Some(Value::Object(_)) => {
            let extra = fields.keys().next().cloned().unwrap_or_default();
            return Err(format!(
                "unknown field `{extra}` next to `HoursOfOperation`; expected only `HoursOfOperationOverrideList`"
            ));
        }
        Some(other) => return Err(format!("invalid HoursOfOperation {other}: expected an object")),
        None => fields,
    };
    if let Some(overrides) = overrides {
        inner.insert("HoursOfOperationOverrideList".to_string(), overrides);
    }
    let raw: RawSchedule = serde_json::from_value(Value::Object(inner)).map_err(|e| e.to_string())?;
    raw.into_schedule()
}

impl RawSchedule {
    fn into_schedule(self) -> Result<HoursSchedule, String> {
        let time_zone = self.time_zone.parse::<Tz>().map_err(|_| {
            format!(
                "unknown TimeZone {:?}; use an IANA time zone such as \"America/New_York\" or \"UTC\"",
                self.time_zone
            )
        })?;
        let config = convert_ranges(&self.config)?;
        let overrides = self
            .hours_of_operation_override_list
            .into_iter()
            .map(RawOverride::into_override)
            .collect::<Result<_, _>>()?;
        Ok(HoursSchedule {
            name: self.name,
            time_zone,
            config,
            overrides,
        })
    }
}

impl RawOverride {
    fn into_override(self) -> Result<HoursOverride, String> {
        let label = self.name.clone().unwrap_or_else(|| "unnamed".to_string());
        if self.recurrence_config.is_some() {
            return Err(format!(
                "override {label:?} has a RecurrenceConfig, which flowsim does not evaluate yet; list each occurrence as its own override"
            ));
        }
        let effective_from = parse_date(&self.effective_from, "EffectiveFrom")?;
        let effective_till = parse_date(&self.effective_till, "EffectiveTill")?;
        if effective_till < effective_from {
            return Err(format!(
                "override {label:?} ends ({effective_till}) before it starts ({effective_from})"
            ));
        }
        Ok(HoursOverride {
            name: self.name,
            effective_from,
            effective_till,
            override_type: self.override_type,
            config: convert_ranges(&self.config)?,
        })
    }
}

fn parse_date(text: &str, field: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("invalid {field} {text:?}: expected a date such as \"2026-12-24\""))
}

fn convert_ranges(raw: &[RawRange]) -> Result<Vec<TimeRange>, String> {
    raw.iter().map(RawRange::to_range).collect()
}

impl RawRange {
    fn to_range(&self) -> Result<TimeRange, String> {
        let day = parse_day(&self.day)?;
        let start = self.start_time.minutes("StartTime")?;
        let end = self.end_time.minutes("EndTime")?;
        // An end at or before the start, 00:00 included, is on the next day.
        let end = if end <= start { end + MINUTES_PER_DAY } else { end };
        Ok(TimeRange { day, start, end })
    }
}

impl RawTime {
    fn minutes(&self, field: &str) -> Result<u32, String> {
        if self.hours > 23 || self.minutes > 59 {
            return Err(format!(
                "invalid {field} {{\"Hours\": {}, \"Minutes\": {}}}: expected Hours 0 to 23 and Minutes 0 to 59",
                self.hours, self.minutes
            ));
        }
        Ok(self.hours * 60 + self.minutes)
    }
}

fn parse_day(text: &str) -> Result<Weekday, String> {
    let day = match text {
        "MONDAY" => Weekday::Mon,
        "TUESDAY" => Weekday::Tue,
        "WEDNESDAY" => Weekday::Wed,
        "THURSDAY" => Weekday::Thu,
        "FRIDAY" => Weekday::Fri,
        "SATURDAY" => Weekday::Sat,
        "SUNDAY" => Weekday::Sun,
        _ => {
            return Err(format!(
                "invalid Day {text:?}: expected MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY or SUNDAY"
            ));
        }
    };
    Ok(day)
}

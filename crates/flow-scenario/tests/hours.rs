//! Evaluation of hours-of-operation schedules: time zones, daylight saving time, midnight, ranges
//! past midnight and overrides.

use flow_scenario::HoursEntry;
use flow_scenario::clock::parse_instant;
use serde_json::{Value, json};

fn schedule(value: Value) -> Box<flow_scenario::HoursSchedule> {
    match serde_json::from_value::<HoursEntry>(value).expect("the test schedule is valid") {
        HoursEntry::Schedule(schedule) => schedule,
        HoursEntry::Fixed(open) => panic!("expected a schedule, got the fixed answer {open}"),
    }
}

fn range(day: &str, start: (u32, u32), end: (u32, u32)) -> Value {
    json!({
        "Day": day,
        "StartTime": {"Hours": start.0, "Minutes": start.1},
        "EndTime": {"Hours": end.0, "Minutes": end.1},
    })
}

fn weekdays_nine_to_five(time_zone: &str) -> Value {
    let days = ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"];
    let config: Vec<Value> = days.iter().map(|day| range(day, (9, 0), (17, 0))).collect();
    json!({"TimeZone": time_zone, "Config": config})
}

/// Asserts the answer at each instant, naming the case that failed.
fn assert_open_at(definition: Value, cases: &[(&str, bool, &str)]) {
    let schedule = schedule(definition);
    for (instant, expected, case) in cases {
        let evaluation = schedule.evaluate(parse_instant(instant).expect("the test instant is valid"));
        assert_eq!(
            evaluation.open, *expected,
            "{case} ({instant}): {}",
            evaluation.detail
        );
    }
}

#[test]
fn time_zone_and_daylight_saving() {
    assert_open_at(
        weekdays_nine_to_five("America/New_York"),
        &[
            ("2024-03-11T13:30:00Z", true, "Monday 09:30 EDT, after DST starts"),
            ("2024-03-11T21:30:00Z", false, "Monday 17:30 EDT"),
            (
                "2024-03-08T13:30:00Z",
                false,
                "Friday 08:30 EST, before DST starts",
            ),
            ("2024-03-08T14:30:00Z", true, "Friday 09:30 EST"),
            ("2024-03-08T21:59:00Z", true, "Friday 16:59 EST"),
            ("2024-03-09T15:00:00Z", false, "Saturday 10:00 EST"),
            ("2024-11-04T14:00:00Z", true, "Monday 09:00 EST, after DST ends"),
            ("2024-11-01T13:00:00Z", true, "Friday 09:00 EDT, before DST ends"),
        ],
    );
}

#[test]
fn posix_style_zone_follows_its_rules() {
    assert_open_at(
        weekdays_nine_to_five("EST5EDT"),
        &[
            ("2024-07-01T13:00:00Z", true, "Monday 09:00 EDT"),
            ("2024-01-08T13:00:00Z", false, "Monday 08:00 EST"),
        ],
    );
}

#[test]
fn daylight_saving_change_days() {
    let sunday_small_hours = json!({
        "TimeZone": "America/New_York",
        "Config": [range("SUNDAY", (1, 0), (2, 0))],
    });
    assert_open_at(
        sunday_small_hours,
        &[
            ("2026-11-01T05:30:00Z", true, "first 01:30, EDT"),
            ("2026-11-01T06:30:00Z", true, "second 01:30, EST"),
            ("2026-11-01T07:30:00Z", false, "02:30 EST"),
            ("2026-03-08T06:30:00Z", true, "01:30 EST before the skipped hour"),
            (
                "2026-03-08T07:00:00Z",
                false,
                "03:00 EDT, the hour after 01:59 EST",
            ),
        ],
    );
}

#[test]
fn midnight_end_means_end_of_day() {
    let ten_to_midnight = json!({
        "TimeZone": "UTC",
        "Config": [range("MONDAY", (10, 0), (0, 0))],
    });
    assert_open_at(
        ten_to_midnight,
        &[
            ("2026-12-07T09:59:00Z", false, "Monday 09:59"),
            ("2026-12-07T10:00:00Z", true, "Monday 10:00"),
            ("2026-12-07T23:59:00Z", true, "Monday 23:59"),
            ("2026-12-08T00:00:00Z", false, "Tuesday 00:00"),
        ],
    );
}

#[test]
fn midnight_to_midnight_is_whole_day() {
    let all_sunday = json!({
        "TimeZone": "Europe/London",
        "Config": [range("SUNDAY", (0, 0), (0, 0))],
    });
    assert_open_at(
        all_sunday,
        &[
            ("2026-12-06T00:00:00Z", true, "Sunday 00:00 GMT"),
            ("2026-12-06T23:59:00Z", true, "Sunday 23:59 GMT"),
            ("2026-12-05T23:59:00Z", false, "Saturday 23:59 GMT"),
            ("2026-12-07T00:00:00Z", false, "Monday 00:00 GMT"),
        ],
    );
}

#[test]
fn range_past_midnight() {
    let friday_night = json!({
        "TimeZone": "UTC",
        "Config": [range("FRIDAY", (22, 0), (6, 0))],
    });
    assert_open_at(
        friday_night,
        &[
            ("2026-12-04T21:59:00Z", false, "Friday 21:59"),
            ("2026-12-04T22:00:00Z", true, "Friday 22:00"),
            ("2026-12-05T05:59:00Z", true, "Saturday 05:59"),
            ("2026-12-05T06:00:00Z", false, "Saturday 06:00"),
            ("2026-12-05T23:00:00Z", false, "Saturday 23:00"),
        ],
    );
}

#[test]
fn several_ranges_a_day() {
    let lunch_break = json!({
        "TimeZone": "Asia/Tokyo",
        "Config": [range("MONDAY", (9, 0), (12, 0)), range("MONDAY", (13, 0), (17, 0))],
    });
    assert_open_at(
        lunch_break,
        &[
            ("2026-12-07T02:59:00Z", true, "Monday 11:59 JST"),
            ("2026-12-07T03:30:00Z", false, "Monday 12:30 JST"),
            ("2026-12-07T04:00:00Z", true, "Monday 13:00 JST"),
            ("2026-12-07T08:00:00Z", false, "Monday 17:00 JST"),
        ],
    );
}

fn with_overrides(overrides: Value) -> Value {
    json!({
        "HoursOfOperation": weekdays_nine_to_five("UTC"),
        "HoursOfOperationOverrideList": overrides,
    })
}

#[test]
fn closed_override_takes_precedence() {
    let christmas = json!([{
        "Name": "Christmas",
        "EffectiveFrom": "2026-12-25",
        "EffectiveTill": "2026-12-25",
        "OverrideType": "CLOSED",
        "Config": [range("FRIDAY", (0, 0), (0, 0))],
    }]);
    assert_open_at(
        with_overrides(christmas),
        &[
            ("2026-12-25T10:00:00Z", false, "Christmas Day, a Friday"),
            ("2026-12-24T10:00:00Z", true, "the day before"),
            ("2027-01-01T10:00:00Z", true, "the next Friday"),
        ],
    );
}

#[test]
fn standard_override_replaces_listed_days() {
    let short_week = json!([{
        "Name": "Short Christmas Eve",
        "EffectiveFrom": "2026-12-21",
        "EffectiveTill": "2026-12-27",
        "Config": [range("THURSDAY", (9, 0), (12, 0))],
    }]);
    assert_open_at(
        with_overrides(short_week),
        &[
            (
                "2026-12-24T11:00:00Z",
                true,
                "Thursday 11:00, inside the override",
            ),
            (
                "2026-12-24T13:00:00Z",
                false,
                "Thursday 13:00, after the override closes",
            ),
            (
                "2026-12-23T13:00:00Z",
                true,
                "Wednesday 13:00, a day the override does not list",
            ),
            (
                "2026-12-31T13:00:00Z",
                true,
                "the next Thursday, after the override ends",
            ),
        ],
    );
}

#[test]
fn open_override_adds_ranges() {
    let saturday_sale = json!([{
        "OverrideName": "Saturday sale",
        "EffectiveFrom": "2026-12-05",
        "EffectiveTill": "2026-12-05",
        "OverrideType": "OPEN",
        "OverrideConfig": [range("SATURDAY", (10, 0), (14, 0))],
    }]);
    assert_open_at(
        with_overrides(saturday_sale),
        &[
            ("2026-12-05T11:00:00Z", true, "the sale Saturday"),
            ("2026-12-05T15:00:00Z", false, "after the sale"),
            ("2026-12-12T11:00:00Z", false, "the next Saturday"),
            ("2026-12-04T10:00:00Z", true, "the Friday before"),
        ],
    );
}

#[test]
fn closed_override_cuts_part_of_range() {
    let meeting = json!([{
        "Name": "Team meeting",
        "EffectiveFrom": "2026-12-07",
        "EffectiveTill": "2026-12-07",
        "OverrideType": "CLOSED",
        "Config": [range("MONDAY", (12, 0), (13, 0))],
    }]);
    assert_open_at(
        with_overrides(meeting),
        &[
            ("2026-12-07T11:59:00Z", true, "before the meeting"),
            ("2026-12-07T12:30:00Z", false, "during the meeting"),
            ("2026-12-07T13:00:00Z", true, "after the meeting"),
        ],
    );
}

#[test]
fn evaluation_detail_names_time_and_overrides() {
    let christmas = json!([{
        "Name": "Christmas",
        "EffectiveFrom": "2026-12-25",
        "EffectiveTill": "2026-12-25",
        "OverrideType": "CLOSED",
        "Config": [range("FRIDAY", (0, 0), (0, 0))],
    }]);
    let schedule = schedule(with_overrides(christmas));
    let evaluation = schedule.evaluate(parse_instant("2026-12-25T10:00:00Z").unwrap());
    insta::assert_snapshot!(evaluation.detail, @r#"closed at Friday 2026-12-25 10:00 UTC; ranges that day: none; overrides in effect: "Christmas" (closed)"#);
}

#[test]
fn fixed_entries_parse() {
    let open: HoursEntry = serde_json::from_value(json!(true)).unwrap();
    let closed: HoursEntry = serde_json::from_value(json!(false)).unwrap();
    assert_eq!(open, HoursEntry::Fixed(true));
    assert_eq!(closed, HoursEntry::Fixed(false));
}

#[test]
fn invalid_schedules_are_rejected() {
    let cases = [
        (
            json!({"TimeZone": "Mars/Olympus", "Config": []}),
            "unknown TimeZone \"Mars/Olympus\"",
        ),
        (
            json!({"TimeZone": "UTC", "Config": [range("MONDAY", (24, 0), (17, 0))]}),
            "invalid StartTime {\"Hours\": 24, \"Minutes\": 0}",
        ),
        (
            json!({"TimeZone": "UTC", "Config": [range("Monday", (9, 0), (17, 0))]}),
            "invalid Day \"Monday\"",
        ),
        (
            json!({"TimeZone": "UTC", "Config": [], "Timezone": "UTC"}),
            "unknown field `Timezone`",
        ),
        (json!("open"), "invalid hours \"open\""),
        (
            with_overrides(json!([{
                "Name": "Backwards",
                "EffectiveFrom": "2026-12-25",
                "EffectiveTill": "2026-12-24",
                "Config": [],
            }])),
            "override \"Backwards\" ends (2026-12-24) before it starts (2026-12-25)",
        ),
        (
            with_overrides(json!([{
                "Name": "Every Monday",
                "EffectiveFrom": "2026-01-01",
                "EffectiveTill": "2026-12-31",
                "Config": [],
                "RecurrenceConfig": {"RecurrencePattern": {"Frequency": "WEEKLY", "Interval": 1}},
            }])),
            "override \"Every Monday\" has a RecurrenceConfig",
        ),
        (
            with_overrides(json!([{
                "Name": "Bad date",
                "EffectiveFrom": "25/12/2026",
                "EffectiveTill": "2026-12-25",
                "Config": [],
            }])),
            "invalid EffectiveFrom \"25/12/2026\"",
        ),
    ];
    for (value, expected) in cases {
        let error = serde_json::from_value::<HoursEntry>(value.clone())
            .expect_err("the schedule is invalid")
            .to_string();
        assert!(
            error.contains(expected),
            "{value}: expected {expected:?} in {error:?}"
        );
    }
}

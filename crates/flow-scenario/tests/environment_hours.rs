//! The scenario environment's hours answers from schedules, the clock and queue hours, and Lambda
//! results that run past the block's time limit.

use flow_executor::{Answer, Environment, HoursSource, LambdaRequest, LambdaResult, OpenQuestion};
use flow_scenario::{Scenario, ScenarioEnvironment};
use serde_json::{Value, json};

fn environment(scenario: Value) -> ScenarioEnvironment {
    let scenario = Scenario::from_json(&scenario.to_string(), None).expect("test scenario is valid");
    ScenarioEnvironment::new(&scenario)
}

/// New York, Monday to Friday, 09:00 to 17:00.
fn new_york_office() -> Value {
    let day = |name: &str| json!({"Day": name, "StartTime": {"Hours": 9, "Minutes": 0}, "EndTime": {"Hours": 17, "Minutes": 0}});
    json!({"HoursOfOperation": {
        "Name": "New York office",
        "TimeZone": "America/New_York",
        "Config": [day("MONDAY"), day("TUESDAY"), day("WEDNESDAY"), day("THURSDAY"), day("FRIDAY")],
    }})
}

#[test]
fn schedule_at_scenario_clock() {
    let mut open =
        environment(json!({"clock": "2026-12-07T14:30:00Z", "hours": {"office": new_york_office()}}));
    let mut closed =
        environment(json!({"clock": "2026-12-07T22:30:00Z", "hours": {"office": new_york_office()}}));

    let open_answer = open.hours_status("check", HoursSource::Hours("office")).unwrap();
    let closed_answer = closed
        .hours_status("check", HoursSource::Hours("office"))
        .unwrap();

    assert!(open_answer.value.open);
    assert!(!open_answer.assumed);
    assert_eq!(
        open_answer.value.detail.as_deref(),
        Some("open at Monday 2026-12-07 09:30 America/New_York; ranges that day: 09:00–17:00")
    );
    assert!(!closed_answer.value.open);
    assert!(!closed_answer.assumed);
}

#[test]
fn clock_offset_is_converted() {
    let mut env =
        environment(json!({"clock": "2026-12-07T09:30:00-05:00", "hours": {"office": new_york_office()}}));
    assert_eq!(
        env.hours_open("check", HoursSource::Hours("office")),
        Ok(Answer::given(true))
    );
}

#[test]
fn schedule_without_clock_is_assumed() {
    let mut env = environment(json!({"hours": {"office": new_york_office()}}));
    let answer = env.hours_status("check", HoursSource::Hours("office")).unwrap();
    assert!(answer.assumed);
    assert!(answer.value.open, "the default clock is Monday 12:00 in New York");
    assert_eq!(
        answer.value.detail.as_deref(),
        Some(
            "open at Monday 2026-01-05 12:00 America/New_York; ranges that day: 09:00–17:00 \
             (no scenario clock, so at 2026-01-05T17:00:00Z)"
        )
    );
}

#[test]
fn schedule_without_clock_strict_is_open_question() {
    let mut env = environment(json!({"hours": {"office": new_york_office()}})).with_strict(true);
    let question = env
        .hours_status("check", HoursSource::Hours("office"))
        .unwrap_err();
    assert_eq!(
        question,
        OpenQuestion {
            question: "the time at which hours `office` are checked at block `check`; add `clock` with an RFC 3339 instant such as \"2026-12-07T09:30:00Z\"".to_string()
        }
    );
}

#[test]
fn queue_names_its_hours() {
    let scenario = json!({
        "clock": "2026-12-05T15:00:00Z",
        "hours": {"office": new_york_office(), "BasicQueue": true},
        "queues": {"BasicQueue": {"hours": "office"}},
    });
    let mut env = environment(scenario);
    assert_eq!(
        env.hours_open("check", HoursSource::QueueHours("BasicQueue")),
        Ok(Answer::given(false)),
        "the queue's named hours win over an entry keyed by the queue; Saturday is closed"
    );
}

#[test]
fn queue_without_named_hours_uses_queue_key() {
    let scenario = json!({"hours": {"BasicQueue": false}, "queues": {"BasicQueue": {"atCapacity": false}}});
    let mut env = environment(scenario);
    assert_eq!(
        env.hours_open("check", HoursSource::QueueHours("BasicQueue")),
        Ok(Answer::given(false))
    );
}

#[test]
fn invalid_clock_is_rejected() {
    let error = Scenario::from_json(&json!({"clock": "tomorrow"}).to_string(), None).unwrap_err();
    assert!(
        error.message.contains("invalid clock \"tomorrow\""),
        "{}",
        error.message
    );
}

fn request(timeout_seconds: u32) -> LambdaRequest {
    LambdaRequest {
        function: "slowLookup".to_string(),
        parameters: json!({}),
        timeout_seconds,
    }
}

#[test]
fn slow_lambda_times_out() {
    let scenario = json!({"lambda": {"slowLookup": [{"response": {"ok": "yes"}, "durationSeconds": 5}]}});
    let mut env = environment(scenario);

    let within = env.invoke_lambda("fetch", &request(8)).unwrap();
    let over = env.invoke_lambda("fetch", &request(3)).unwrap();

    assert_eq!(
        within.value,
        LambdaResult::Response {
            value: json!({"ok": "yes"})
        }
    );
    assert_eq!(
        over.value,
        LambdaResult::Error {
            message:
                "timed out: the function ran 5 seconds, over the block's InvocationTimeLimitSeconds of 3"
                    .to_string()
        }
    );
}

#[test]
fn negative_duration_is_rejected() {
    let scenario = json!({"lambda": {"slowLookup": [{"error": "boom", "durationSeconds": -1}]}});
    let error = Scenario::from_json(&scenario.to_string(), None).unwrap_err();
    assert!(
        error.message.contains("invalid durationSeconds -1"),
        "{}",
        error.message
    );
}

#[test]
fn attribute_overflow_setting_applies() {
    let scenario = Scenario::from_json(
        &json!({"settings": {"attributeOverflow": "truncate"}}).to_string(),
        None,
    )
    .expect("test scenario is valid");
    let settings = scenario.run_settings(flow_executor::RunSettings::default());
    assert_eq!(
        settings.attribute_overflow,
        flow_executor::AttributeOverflowPolicy::Truncate
    );
}

#[test]
fn queue_naming_unknown_hours_is_reported() {
    let scenario = Scenario::from_json(
        &json!({"hours": {"office": true}, "queues": {"BasicQueue": {"hours": "ofice"}}}).to_string(),
        None,
    )
    .expect("test scenario is valid");
    let flow: flow_graph::model::Flow = serde_json::from_value(json!({
        "Version": "2019-10-30",
        "StartAction": "check",
        "Actions": [{"Identifier": "check", "Type": "CheckHoursOfOperation", "Parameters": {}, "Transitions": {}}],
    }))
    .expect("test flow is valid");

    let problems = flow_scenario::check_against(&scenario, &flow);
    let messages: Vec<String> = problems.iter().map(|p| p.message.clone()).collect();

    assert!(
        messages.contains(&"queue `BasicQueue` names hours `ofice`, which `hours` does not list".to_string()),
        "{messages:?}"
    );
}

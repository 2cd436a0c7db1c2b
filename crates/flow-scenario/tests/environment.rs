//! The scenario environment's results, in order, with their assumed flags, and strict mode.

use flow_executor::{
    Answer, CallerInput, Environment, HoursSource, LambdaRequest, LambdaResult, OpenQuestion, QueueStatus,
};
use flow_graph::model::Flow;
use flow_scenario::{ResourceNames, Scenario, ScenarioEnvironment};
use serde_json::{Value, json};

const BALANCE_ARN: &str = "arn:aws:lambda:us-east-1:111122223333:function:getBalance";
const QUEUE_ARN: &str =
    "arn:aws:connect:us-east-1:111122223333:instance/i-1/queue/6e2f3a5c-0000-4000-8000-00000000000a";
const HOURS_ARN: &str = "arn:aws:connect:us-east-1:111122223333:instance/i-1/operating-hours/7d3e1c2b-0000-4000-8000-00000000000b";

fn environment(scenario: Value) -> ScenarioEnvironment {
    let scenario = Scenario::from_json(&scenario.to_string(), None).expect("test scenario is valid");
    ScenarioEnvironment::new(&scenario)
}

fn lambda_request(function: &str) -> LambdaRequest {
    LambdaRequest {
        function: function.to_string(),
        parameters: json!({}),
        timeout_seconds: 8,
    }
}

fn keys(keys: &str) -> CallerInput {
    CallerInput::Keys(keys.to_string())
}

fn default_queue() -> QueueStatus {
    QueueStatus {
        at_capacity: false,
        agents_online: 1,
        agents_available: 1,
        agents_staffed: 1,
        contacts_in_queue: 0,
        oldest_contact_age_seconds: 0,
        ..QueueStatus::default()
    }
}

#[test]
fn inputs_are_consumed_in_order() {
    let mut env = environment(json!({"inputs": ["1", "timeout", "4155550100#"]}));
    assert_eq!(env.caller_input("menu"), Ok(Answer::given(keys("1"))));
    assert_eq!(env.caller_input("menu"), Ok(Answer::given(CallerInput::Timeout)));
    assert_eq!(
        env.caller_input("account"),
        Ok(Answer::given(keys("4155550100#")))
    );
    assert_eq!(
        env.caller_input("menu"),
        Ok(Answer::assumed(CallerInput::Timeout))
    );
    assert_eq!(
        env.caller_input("menu"),
        Ok(Answer::assumed(CallerInput::Timeout))
    );
}

#[test]
fn lambda_results_advance_and_last_repeats() {
    let mut env = environment(json!({"lambda": {"getBalance": [
        {"response": {"balance": "10"}},
        {"error": "throttled"},
        {"response": {"balance": "0"}}
    ]}}));
    let request = lambda_request(BALANCE_ARN);
    let expected = [
        LambdaResult::Response {
            value: json!({"balance": "10"}),
        },
        LambdaResult::Error {
            message: "throttled".into(),
        },
        LambdaResult::Response {
            value: json!({"balance": "0"}),
        },
        LambdaResult::Response {
            value: json!({"balance": "0"}),
        },
    ];
    for (call, result) in expected.into_iter().enumerate() {
        assert_eq!(
            env.invoke_lambda("fetch", &request),
            Ok(Answer::given(result)),
            "call {call}"
        );
    }
}

#[test]
fn lambda_lists_advance_per_function() {
    let mut env = environment(json!({"lambda": {
        "a": [{"response": {"n": "a1"}}, {"response": {"n": "a2"}}],
        "b": [{"response": {"n": "b1"}}, {"response": {"n": "b2"}}]
    }}));
    let response = |n: &str| {
        Ok(Answer::given(LambdaResult::Response {
            value: json!({"n": n}),
        }))
    };
    assert_eq!(env.invoke_lambda("x", &lambda_request("a")), response("a1"));
    assert_eq!(env.invoke_lambda("x", &lambda_request("b")), response("b1"));
    assert_eq!(env.invoke_lambda("x", &lambda_request("a")), response("a2"));
    assert_eq!(env.invoke_lambda("x", &lambda_request("b")), response("b2"));
}

#[test]
fn unlisted_lambda_fails_as_assumed() {
    let mut env = environment(json!({"lambda": {"other": [{"response": {}}]}}));
    let answer = env.invoke_lambda("fetch", &lambda_request(BALANCE_ARN)).unwrap();
    assert!(answer.assumed);
    assert_eq!(
        answer.value,
        LambdaResult::Error {
            message: format!("the scenario lists no result for Lambda function `{BALANCE_ARN}`")
        }
    );
}

#[test]
fn hours_answer_given_and_default_open() {
    let mut env = environment(json!({"hours": {"7d3e1c2b-0000-4000-8000-00000000000b": false}}));
    assert_eq!(
        env.hours_open("check", HoursSource::Hours(HOURS_ARN)),
        Ok(Answer::given(false))
    );
    assert_eq!(
        env.hours_open("check", HoursSource::Hours("other-hours")),
        Ok(Answer::assumed(true))
    );
}

#[test]
fn queue_hours_are_keyed_by_queue() {
    let mut env = environment(json!({"hours": {"6e2f3a5c-0000-4000-8000-00000000000a": false}}));
    assert_eq!(
        env.hours_open("check", HoursSource::QueueHours(QUEUE_ARN)),
        Ok(Answer::given(false))
    );
}

#[test]
fn queue_status_given_and_default() {
    let mut env = environment(json!({"queues": {"6e2f3a5c-0000-4000-8000-00000000000a": {
        "atCapacity": true, "contactsInQueue": 7
    }}}));
    let given = QueueStatus {
        at_capacity: true,
        contacts_in_queue: 7,
        ..default_queue()
    };
    assert_eq!(env.queue_status("transfer", QUEUE_ARN), Ok(Answer::given(given)));
    assert_eq!(
        env.queue_status("transfer", "OtherQueue"),
        Ok(Answer::assumed(default_queue()))
    );
}

#[test]
fn display_names_match_with_flow_names() {
    let flow: Flow = serde_json::from_value(json!({
        "Version": "2019-10-30",
        "StartAction": "set-queue",
        "Metadata": {"ActionMetadata": {"set-queue": {"queue": {"id": QUEUE_ARN, "text": "BasicQueue"}}}},
        "Actions": [{
            "Identifier": "set-queue",
            "Type": "UpdateContactTargetQueue",
            "Parameters": {"QueueId": QUEUE_ARN},
            "Transitions": {}
        }]
    }))
    .unwrap();
    let scenario = json!({"queues": {"BasicQueue": {"atCapacity": true}}});

    let mut without_names = environment(scenario.clone());
    assert!(without_names.queue_status("t", QUEUE_ARN).unwrap().assumed);

    let mut env = environment(scenario).with_names(ResourceNames::from_flows([&flow]));
    let answer = env.queue_status("t", QUEUE_ARN).unwrap();
    assert!(!answer.assumed);
    assert!(answer.value.at_capacity);
}

#[test]
fn fixed_percent_is_given() {
    let mut env = environment(json!({"random": {"percent": 37}}));
    assert_eq!(env.random_percent("split"), Ok(Answer::given(37)));
    assert_eq!(env.random_percent("split"), Ok(Answer::given(37)));
}

#[test]
fn seeded_percents_are_given_and_pinned() {
    let mut env = environment(json!({"random": {"seed": 1234567}}));
    let drawn: Vec<_> = (0..5).map(|_| env.random_percent("split").unwrap()).collect();
    assert!(drawn.iter().all(|answer| !answer.assumed));
    let values: Vec<u8> = drawn.into_iter().map(|answer| answer.value).collect();
    assert_eq!(values, [18, 74, 24, 32, 22]);
}

#[test]
fn default_seed_percents_are_assumed_and_pinned() {
    let mut env = environment(json!({}));
    let drawn: Vec<_> = (0..5).map(|_| env.random_percent("split").unwrap()).collect();
    assert!(drawn.iter().all(|answer| answer.assumed));
    let values: Vec<u8> = drawn.into_iter().map(|answer| answer.value).collect();
    assert_eq!(values, [36, 1, 80, 45, 48]);
}

#[test]
fn strict_mode_returns_open_questions() {
    let mut env = environment(json!({"settings": {"strict": true}}));
    let questions = [
        env.caller_input("menu").unwrap_err(),
        env.invoke_lambda("fetch", &lambda_request(BALANCE_ARN))
            .unwrap_err(),
        env.hours_open("check", HoursSource::Hours(HOURS_ARN))
            .unwrap_err(),
        env.hours_open("check", HoursSource::QueueHours(QUEUE_ARN))
            .unwrap_err(),
        env.queue_status("transfer", QUEUE_ARN).unwrap_err(),
        env.random_percent("split").unwrap_err(),
    ];
    let text: Vec<&str> = questions
        .iter()
        .map(|q: &OpenQuestion| q.question.as_str())
        .collect();
    insta::assert_snapshot!(text.join("\n"));
}

#[test]
fn strict_mode_still_answers_given_questions() {
    let mut env = environment(json!({
        "inputs": ["2"],
        "lambda": {"getBalance": [{"response": {}}]},
        "hours": {"main": true},
        "queues": {"BasicQueue": {}},
        "random": {"seed": 1}
    }))
    .with_strict(true);
    assert_eq!(env.caller_input("menu"), Ok(Answer::given(keys("2"))));
    assert!(env.invoke_lambda("f", &lambda_request(BALANCE_ARN)).is_ok());
    assert_eq!(
        env.hours_open("h", HoursSource::Hours("main")),
        Ok(Answer::given(true))
    );
    assert!(env.queue_status("q", "BasicQueue").is_ok());
    assert!(env.random_percent("r").is_ok());
    assert!(env.caller_input("menu").is_err(), "inputs are used up");
}

#[test]
fn with_strict_false_overrides_settings() {
    let mut env = environment(json!({"settings": {"strict": true}})).with_strict(false);
    assert_eq!(
        env.caller_input("menu"),
        Ok(Answer::assumed(CallerInput::Timeout))
    );
}

//! Contact handlers: contact attributes, the working queue and the transfer to it.

mod common;

use common::{ScriptedEnv, run_block};
use flow_executor::{EndReason, HandlerError, Outcome, QueueStatus};
use serde_json::{Value, json};

fn set_attributes(parameters: Value) -> Value {
    json!({
        "Identifier": "set",
        "Type": "UpdateContactAttributes",
        "Parameters": parameters,
        "Transitions": {"NextAction": "x", "Errors": [{"ErrorType": "NoMatchingError", "NextAction": "e"}]},
    })
}

#[test]
fn attributes_written_as_strings() {
    let block = set_attributes(json!({"Attributes": {
        "tier": "$.External.tier",
        "greeting": "Hi $.Customer.FirstName",
        "score": "$.External.score",
        "voicemail-destination": "queue",
    }}));
    let tree = json!({"External": {"tier": "gold", "score": 7}, "Customer": {"FirstName": "Ana"}});
    let run = run_block(block, tree, ScriptedEnv::default());
    assert_eq!(run.result, Ok(Outcome::Next));
    assert_eq!(
        run.state.get(&["Attributes"]),
        Some(&json!({"tier": "gold", "greeting": "Hi Ana", "score": "7", "voicemail-destination": "queue"}))
    );
}

#[test]
fn attributes_related_target() {
    let block = set_attributes(json!({"Attributes": {"a": "1"}, "TargetContact": "Related"}));
    let run = run_block(block, json!({}), ScriptedEnv::default());
    assert_eq!(run.result, Ok(Outcome::Next));
    assert_eq!(
        run.state.get(&["RelatedContact", "Attributes", "a"]),
        Some(&json!("1"))
    );
    assert_eq!(run.state.get(&["Attributes"]), None);
}

#[test]
fn attributes_bad_key_writes_nothing() {
    for key in ["a.b", "$x"] {
        let block = set_attributes(json!({"Attributes": {"good": "1", key: "2"}}));
        let run = run_block(block, json!({}), ScriptedEnv::default());
        assert_eq!(run.result, Ok(Outcome::Error("NoMatchingError".into())), "{key}");
        assert_eq!(run.state.get(&["Attributes"]), None, "{key}");
    }
}

#[test]
fn attributes_over_32_kb_write_nothing() {
    let existing = "x".repeat(30_000);
    let tree = json!({"Attributes": {"big": existing}});
    let block = set_attributes(json!({"Attributes": {"more": "y".repeat(3_000)}}));
    let run = run_block(block, tree, ScriptedEnv::default());
    assert_eq!(run.result, Ok(Outcome::Error("NoMatchingError".into())));
    assert_eq!(run.state.get(&["Attributes", "more"]), None);
    let notes = run.recorder.notes();
    assert_eq!(notes.len(), 1);
    assert!(
        notes[0].starts_with("the attributes would take 33007 bytes"),
        "{notes:?}"
    );
}

#[test]
fn attributes_at_32_kb_are_written() {
    // 32,768 bytes exactly: "big" (3) + 32,760 values + "m" (1) + 4.
    let tree = json!({"Attributes": {"big": "x".repeat(32_760)}});
    let block = set_attributes(json!({"Attributes": {"m": "yyyy"}}));
    let run = run_block(block, tree, ScriptedEnv::default());
    assert_eq!(run.result, Ok(Outcome::Next));
}

#[test]
fn attributes_replacing_value_counts_once() {
    let tree = json!({"Attributes": {"big": "x".repeat(32_000)}});
    let block = set_attributes(json!({"Attributes": {"big": "small"}}));
    let run = run_block(block, tree, ScriptedEnv::default());
    assert_eq!(run.result, Ok(Outcome::Next));
    assert_eq!(run.state.get(&["Attributes", "big"]), Some(&json!("small")));
}

#[test]
fn attributes_bad_target_is_invalid() {
    let block = set_attributes(json!({"Attributes": {"a": "1"}, "TargetContact": "Other"}));
    let run = run_block(block, json!({}), ScriptedEnv::default());
    assert!(matches!(run.result, Err(HandlerError::Invalid(_))));
}

fn set_queue(parameters: Value) -> Value {
    json!({"Identifier": "q", "Type": "UpdateContactTargetQueue", "Parameters": parameters, "Transitions": {"NextAction": "x"}})
}

#[test]
fn target_queue_table() {
    let arn =
        "arn:aws:connect:eu-west-2:123456789012:instance/abc/queue/7c9e6679-7425-40de-944b-e07fc1f90ae7";
    let cases = [
        (
            json!({"QueueId": arn}),
            json!({"ARN": arn, "Id": "7c9e6679-7425-40de-944b-e07fc1f90ae7"}),
        ),
        (
            json!({"QueueId": "Sales"}),
            json!({"ARN": "Sales", "Id": "Sales", "Name": "Sales"}),
        ),
        (
            json!({"QueueId": "$.Attributes.queue"}),
            json!({"ARN": "Support", "Id": "Support", "Name": "Support"}),
        ),
        (
            json!({"AgentId": "arn:aws:connect:r:1:instance/abc/agent/a1"}),
            json!({"ARN": "arn:aws:connect:r:1:instance/abc/agent/a1", "Id": "a1"}),
        ),
    ];
    for (parameters, queue) in cases {
        let run = run_block(
            set_queue(parameters.clone()),
            json!({"Attributes": {"queue": "Support"}}),
            ScriptedEnv::default(),
        );
        assert_eq!(run.result, Ok(Outcome::Next), "{parameters}");
        assert_eq!(run.state.get(&["Queue"]), Some(&queue), "{parameters}");
    }
}

#[test]
fn target_queue_empty_is_error() {
    let run = run_block(
        set_queue(json!({"QueueId": "$.Attributes.missing"})),
        json!({}),
        ScriptedEnv::default(),
    );
    assert_eq!(run.result, Ok(Outcome::Error("NoMatchingError".into())));
}

fn transfer() -> Value {
    json!({"Identifier": "t", "Type": "TransferContactToQueue", "Parameters": {}, "Transitions": {"NextAction": "x"}})
}

#[test]
fn transfer_without_queue_is_error() {
    let run = run_block(transfer(), json!({}), ScriptedEnv::default());
    assert_eq!(run.result, Ok(Outcome::Error("NoMatchingError".into())));
}

#[test]
fn transfer_to_full_queue() {
    let mut env = ScriptedEnv::default();
    env.queues.insert(
        "Sales".into(),
        QueueStatus {
            at_capacity: true,
            ..Default::default()
        },
    );
    let run = run_block(transfer(), json!({"Queue": {"ARN": "Sales"}}), env);
    assert_eq!(run.result, Ok(Outcome::Error("QueueAtCapacity".into())));
}

#[test]
fn transfer_ends_in_queue() {
    let mut env = ScriptedEnv::default();
    env.queues.insert("Sales".into(), QueueStatus::default());
    let run = run_block(transfer(), json!({"Queue": {"ARN": "Sales"}}), env);
    assert_eq!(
        run.result,
        Ok(Outcome::End(EndReason::TransferredToQueue {
            queue: "Sales".into()
        }))
    );
}

#[test]
fn attributes_key_may_be_template() {
    let block =
        set_attributes(json!({"Attributes": {"survey_result_$.Attributes.loopCounter": "$.Lex.IntentName"}}));
    let tree = json!({"Attributes": {"loopCounter": "2"}, "Lex": {"IntentName": "Yes"}});
    let run = run_block(block, tree, ScriptedEnv::default());
    assert_eq!(run.result, Ok(Outcome::Next));
    assert_eq!(
        run.state.get(&["Attributes", "survey_result_2"]),
        Some(&json!("Yes"))
    );
}

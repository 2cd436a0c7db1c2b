//! Contact limits as run settings: the attribute budget with both overflow policies, and the
//! Lambda response size.

mod common;

use common::{ScriptedEnv, run_block_with};
use flow_executor::{AttributeOverflowPolicy, ContactState, LambdaResult, Outcome, RunSettings};
use serde_json::{Value, json};

fn set_attributes(attributes: Value) -> Value {
    json!({
        "Identifier": "set",
        "Type": "UpdateContactAttributes",
        "Parameters": {"Attributes": attributes},
        "Transitions": {"NextAction": "x", "Errors": [{"ErrorType": "NoMatchingError", "NextAction": "e"}]},
    })
}

fn truncating(max_bytes: usize) -> RunSettings {
    RunSettings {
        attributes_max_bytes: max_bytes,
        attribute_overflow: AttributeOverflowPolicy::Truncate,
        ..RunSettings::default()
    }
}

#[test]
fn truncate_keeps_pairs_that_fit() {
    // "a" + 6 = 7 bytes, "b" + 20 = 21 bytes, "c" + 2 = 3 bytes, under a 12-byte budget.
    let block = set_attributes(json!({"a": "aaaaaa", "b": "b".repeat(20), "c": "cc"}));
    let run = run_block_with(
        block,
        ContactState::new(json!({})),
        ScriptedEnv::default(),
        &truncating(12),
    );

    assert_eq!(run.result, Ok(Outcome::Next));
    assert_eq!(
        run.state.get(&["Attributes"]),
        Some(&json!({"a": "aaaaaa", "c": "cc"}))
    );
    assert_eq!(
        run.recorder.notes(),
        vec!["truncated at the 12-byte attribute limit: dropped b".to_string()]
    );
}

#[test]
fn truncate_counts_existing_attributes() {
    let tree = json!({"Attributes": {"kept": "12345"}});
    let block = set_attributes(json!({"new": "123456"}));
    let run = run_block_with(
        block,
        ContactState::new(tree),
        ScriptedEnv::default(),
        &truncating(12),
    );

    assert_eq!(run.result, Ok(Outcome::Next));
    assert_eq!(run.state.get(&["Attributes"]), Some(&json!({"kept": "12345"})));
}

#[test]
fn error_policy_writes_nothing() {
    let settings = RunSettings {
        attributes_max_bytes: 12,
        ..RunSettings::default()
    };
    let block = set_attributes(json!({"a": "aaaaaa", "b": "b".repeat(20)}));
    let run = run_block_with(
        block,
        ContactState::new(json!({})),
        ScriptedEnv::default(),
        &settings,
    );

    assert_eq!(run.result, Ok(Outcome::Error("NoMatchingError".into())));
    assert_eq!(run.state.get(&["Attributes"]), None);
    let notes = run.recorder.notes();
    assert!(
        notes[0].starts_with("the attributes would take 28 bytes, over the 12-byte limit"),
        "{notes:?}"
    );
}

#[test]
fn default_limits_are_connect_values() {
    let settings = RunSettings::default();
    assert_eq!(settings.attributes_max_bytes, 32_768);
    assert_eq!(settings.attribute_overflow, AttributeOverflowPolicy::Error);
    assert_eq!(settings.lambda_response_max_bytes, 32_768);
}

fn lambda() -> Value {
    json!({
        "Identifier": "lambda",
        "Type": "InvokeLambdaFunction",
        "Parameters": {"LambdaFunctionARN": "lookup", "ResponseValidation": {"ResponseType": "JSON"}},
        "Transitions": {"NextAction": "x"},
    })
}

fn lambda_env(value: Value) -> ScriptedEnv {
    ScriptedEnv {
        lambda: [LambdaResult::Response { value }].into(),
        ..Default::default()
    }
}

#[test]
fn lambda_response_over_limit_fails() {
    let settings = RunSettings {
        lambda_response_max_bytes: 16,
        ..RunSettings::default()
    };
    let tree = json!({"External": {"old": "1"}});
    let run = run_block_with(
        lambda(),
        ContactState::new(tree),
        lambda_env(json!({"data": "0123456789"})),
        &settings,
    );

    assert_eq!(run.result, Ok(Outcome::Error("NoMatchingError".into())));
    assert_eq!(run.state.get(&["External"]), Some(&json!({"old": "1"})));
    // `{"data":"0123456789"}` is 21 bytes of JSON text.
    let notes = run.recorder.notes();
    assert!(
        notes.contains(&"the Lambda response is 21 bytes, over the 16-byte limit".to_string()),
        "{notes:?}"
    );
}

#[test]
fn lambda_response_replaces_external() {
    let tree = json!({"External": {"old": "1"}});
    let run = run_block_with(
        lambda(),
        ContactState::new(tree),
        lambda_env(json!({"new": "2"})),
        &RunSettings::default(),
    );

    assert_eq!(run.result, Ok(Outcome::Next));
    assert_eq!(run.state.get(&["External"]), Some(&json!({"new": "2"})));
}

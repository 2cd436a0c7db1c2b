//! Whole runs of small flows through the built-in handlers, snapshotted as event traces.

mod common;

use common::{Recorder, ScriptedEnv, graph};
use flow_executor::{CallerInput, ContactState, Executor, LambdaResult, QueueStatus, RunSettings, handlers};
use serde_json::{Value, json};

/// Builds a support line that greets, looks the caller up in Lambda, offers a menu with one
/// retry, then queues the call.
fn support_line() -> Value {
    json!({
        "Version": "2019-10-30",
        "StartAction": "greet",
        "Metadata": {"name": "support-line"},
        "Actions": [
            {"Identifier": "greet", "Type": "MessageParticipant",
             "Parameters": {"Text": "Welcome to Example Bank."},
             "Transitions": {"NextAction": "lookup"}},
            {"Identifier": "lookup", "Type": "InvokeLambdaFunction",
             "Parameters": {"LambdaFunctionARN": "arn:aws:lambda:$.AwsRegion:123456789012:function:lookup",
                            "InvocationTimeLimitSeconds": "8",
                            "LambdaInvocationAttributes": {"phone": "$.CustomerEndpoint.Address"}},
             "Transitions": {"NextAction": "remember",
                             "Errors": [{"ErrorType": "NoMatchingError", "NextAction": "menu"}]}},
            {"Identifier": "remember", "Type": "UpdateContactAttributes",
             "Parameters": {"Attributes": {"tier": "$.External.tier"}},
             "Transitions": {"NextAction": "menu",
                             "Errors": [{"ErrorType": "NoMatchingError", "NextAction": "menu"}]}},
            {"Identifier": "menu", "Type": "GetParticipantInput",
             "Parameters": {"Text": "Hello $.Attributes.tier caller. Press 1 for cards, 2 for loans.",
                            "StoreInput": "False", "InputTimeLimitSeconds": "5"},
             "Transitions": {"NextAction": "retry",
                             "Conditions": [
                                 {"NextAction": "cards", "Condition": {"Operator": "Equals", "Operands": ["1"]}},
                                 {"NextAction": "loans", "Condition": {"Operator": "Equals", "Operands": ["2"]}}],
                             "Errors": [
                                 {"ErrorType": "InputTimeLimitExceeded", "NextAction": "retry"},
                                 {"ErrorType": "NoMatchingCondition", "NextAction": "retry"},
                                 {"ErrorType": "NoMatchingError", "NextAction": "bye"}]}},
            {"Identifier": "retry", "Type": "Loop",
             "Parameters": {"LoopCount": "1"},
             "Transitions": {"NextAction": "bye",
                             "Conditions": [
                                 {"NextAction": "menu", "Condition": {"Operator": "Equals", "Operands": ["ContinueLooping"]}},
                                 {"NextAction": "bye", "Condition": {"Operator": "Equals", "Operands": ["DoneLooping"]}}]}},
            {"Identifier": "cards", "Type": "UpdateContactTargetQueue",
             "Parameters": {"QueueId": "Cards"},
             "Transitions": {"NextAction": "queue",
                             "Errors": [{"ErrorType": "NoMatchingError", "NextAction": "bye"}]}},
            {"Identifier": "loans", "Type": "TransferToFlow",
             "Parameters": {"ContactFlowId": "loans-flow"},
             "Transitions": {"NextAction": "bye",
                             "Errors": [{"ErrorType": "NoMatchingError", "NextAction": "bye"}]}},
            {"Identifier": "queue", "Type": "TransferContactToQueue",
             "Parameters": {},
             "Transitions": {"NextAction": "bye",
                             "Errors": [{"ErrorType": "QueueAtCapacity", "NextAction": "busy"},
                                        {"ErrorType": "NoMatchingError", "NextAction": "bye"}]}},
            {"Identifier": "busy", "Type": "MessageParticipant",
             "Parameters": {"Text": "All agents are busy."},
             "Transitions": {"NextAction": "bye"}},
            {"Identifier": "bye", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}},
        ],
    })
}

fn caller() -> Value {
    json!({"AwsRegion": "eu-west-2", "Channel": "VOICE", "CustomerEndpoint": {"Address": "+441234567890"}})
}

fn run(env: &mut ScriptedEnv) -> String {
    let graph = graph(support_line());
    let registry = handlers::builtin_registry();
    let executor = Executor::new(&graph, &registry, RunSettings::default());
    let mut state = ContactState::new(caller());
    let mut recorder = Recorder::default();
    executor.run(&mut state, env, &mut recorder);
    recorder.text()
}

#[test]
fn support_line_to_full_queue() {
    let mut env = ScriptedEnv::keys(&["1"]);
    env.lambda.push_back(LambdaResult::Response {
        value: json!({"tier": "gold"}),
    });
    env.queues.insert(
        "Cards".into(),
        QueueStatus {
            at_capacity: true,
            ..Default::default()
        },
    );
    insta::assert_snapshot!(run(&mut env));
}

#[test]
fn support_line_retries_then_hangs_up() {
    let mut env = ScriptedEnv {
        inputs: [CallerInput::Keys("9".into()), CallerInput::Timeout].into(),
        ..Default::default()
    };
    env.lambda.push_back(LambdaResult::Error {
        message: "throttled".into(),
    });
    insta::assert_snapshot!(run(&mut env));
}

#[test]
fn support_line_typed_ahead_keys() {
    let mut env = ScriptedEnv::keys(&["32"]);
    env.lambda.push_back(LambdaResult::Response {
        value: json!({"tier": "silver"}),
    });
    insta::assert_snapshot!(run(&mut env));
}

/// Builds a flow that stores a six-digit account number and then requests confirmation.
fn account_then_confirm() -> Value {
    json!({
        "Version": "2019-10-30",
        "StartAction": "account",
        "Actions": [
            {"Identifier": "account", "Type": "GetParticipantInput",
             "Parameters": {"Text": "Enter your six-digit account number.", "StoreInput": "True",
                            "InputTimeLimitSeconds": "5",
                            "InputValidation": {"CustomValidation": {"MaximumLength": "6"}}},
             "Transitions": {"NextAction": "confirm",
                             "Errors": [{"ErrorType": "NoMatchingError", "NextAction": "bye"}]}},
            {"Identifier": "confirm", "Type": "GetParticipantInput",
             "Parameters": {"Text": "You entered $.StoredCustomerInput. Press 1 to confirm.", "StoreInput": "False",
                            "InputTimeLimitSeconds": "5"},
             "Transitions": {"NextAction": "bye",
                             "Conditions": [{"NextAction": "bye", "Condition": {"Operator": "Equals", "Operands": ["1"]}}],
                             "Errors": [{"ErrorType": "InputTimeLimitExceeded", "NextAction": "bye"},
                                        {"ErrorType": "NoMatchingCondition", "NextAction": "bye"},
                                        {"ErrorType": "NoMatchingError", "NextAction": "bye"}]}},
            {"Identifier": "bye", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}},
        ],
    })
}

#[test]
fn typed_ahead_key_answers_next_prompt() {
    let graph = graph(account_then_confirm());
    let registry = handlers::builtin_registry();
    let executor = Executor::new(&graph, &registry, RunSettings::default());
    let mut state = ContactState::new(json!({"Channel": "VOICE"}));
    let mut recorder = Recorder::default();
    let mut env = ScriptedEnv::keys(&["1234561"]);
    executor.run(&mut state, &mut env, &mut recorder);
    insta::assert_snapshot!(recorder.text());
}

//! Lex handlers: `ConnectParticipantWithLexBot` and `GetParticipantInput` with a bot.

mod common;

use common::{Recorder, ScriptedEnv, graph, run_block};
use flow_executor::{
    ContactState, Executor, LexAlternateIntent, LexIntent, LexResult, LexSentiment, Outcome, RunSettings,
    handlers,
};
use serde_json::{Map, Value, json};

const ALIAS_ARN: &str = "arn:aws:lex:eu-west-2:123456789012:bot-alias/BOTID12345/ALIAS12345";

fn lex_block(extra: Value) -> Value {
    let mut parameters = json!({
        "Text": "What would you like, $.Customer.FirstName?",
        "LexV2Bot": {"AliasArn": ALIAS_ARN},
    });
    for (key, value) in extra.as_object().expect("extra parameters are an object") {
        parameters[key] = value.clone();
    }
    json!({
        "Identifier": "ask",
        "Type": "ConnectParticipantWithLexBot",
        "Parameters": parameters,
        "Transitions": {"NextAction": "x"},
    })
}

fn voice_caller() -> Value {
    json!({"Channel": "VOICE", "Customer": {"FirstName": "Ana"}, "Attributes": {"account": "A-17"}})
}

fn object(value: Value) -> Map<String, Value> {
    value.as_object().cloned().expect("test value is an object")
}

fn pizza_intent() -> LexIntent {
    LexIntent {
        intent: "OrderPizza".into(),
        confidence: Some(0.91),
        slots: object(json!({"size": "large"})),
        session_attributes: object(json!({"orderId": "o-9"})),
        sentiment: Some(LexSentiment {
            label: "POSITIVE".into(),
            positive: Some(0.8),
            negative: Some(0.05),
            mixed: Some(0.05),
            neutral: Some(0.1),
        }),
        dialog_state: Some("ReadyForFulfillment".into()),
        transcript: Some("a large pizza please".into()),
        alternate_intents: vec![LexAlternateIntent {
            intent: "OrderDrink".into(),
            confidence: Some(0.3),
            slots: Map::new(),
        }],
    }
}

fn env_with(result: LexResult) -> ScriptedEnv {
    ScriptedEnv {
        lex: [result].into(),
        ..Default::default()
    }
}

#[test]
fn lex_intent_is_result() {
    let run = run_block(
        lex_block(json!({})),
        voice_caller(),
        env_with(LexResult::Intent(Box::new(pizza_intent()))),
    );
    assert_eq!(run.result, Ok(Outcome::Result("OrderPizza".into())));
    assert_eq!(run.recorder.notes(), vec!["prompt: What would you like, Ana?"]);
}

#[test]
fn lex_writes_every_attribute() {
    let run = run_block(
        lex_block(json!({})),
        voice_caller(),
        env_with(LexResult::Intent(Box::new(pizza_intent()))),
    );
    let expected = json!({
        "IntentName": "OrderPizza",
        "IntentConfidence": {"Score": 0.91},
        "Slots": {"size": "large"},
        "SessionAttributes": {"orderId": "o-9"},
        "SentimentResponse": {
            "Label": "POSITIVE",
            "Scores": {"Positive": 0.8, "Negative": 0.05, "Mixed": 0.05, "Neutral": 0.1},
        },
        "DialogState": "ReadyForFulfillment",
        "InputTranscript": "a large pizza please",
        "AlternateIntents": {
            "OrderDrink": {"IntentName": "OrderDrink", "IntentConfidence": {"Score": 0.3}, "Slots": {}},
        },
    });
    assert_eq!(run.state.get(&["Lex"]), Some(&expected));
}

#[test]
fn lex_sends_resolved_session_attributes() {
    let block = lex_block(json!({
        "LexSessionAttributes": {"account": "$.Attributes.account", "x-amz-lex:allow-interrupt:*:*": "True"},
        "LexInitializationData": {"InitialMessage": "I want $.Attributes.account"},
        "LexTimeoutSeconds": {"Text": "120"},
    }));
    let intent = LexIntent {
        intent: "Billing".into(),
        session_attributes: object(json!({"account": "A-18", "step": "2"})),
        ..Default::default()
    };
    let run = run_block(
        block,
        voice_caller(),
        env_with(LexResult::Intent(Box::new(intent))),
    );
    let request = &run.env.lex_requests[0];
    assert_eq!(request.bot, ALIAS_ARN);
    assert_eq!(
        Value::Object(request.session_attributes.clone()),
        json!({"account": "A-17", "x-amz-lex:allow-interrupt:*:*": "True"})
    );
    assert_eq!(request.initial_message.as_deref(), Some("I want A-17"));
    assert_eq!(request.timeout_seconds, Some(120));
    // The bot's session attributes are merged over the ones the block sent.
    assert_eq!(
        run.state.get(&["Lex", "SessionAttributes"]),
        Some(&json!({"account": "A-18", "x-amz-lex:allow-interrupt:*:*": "True", "step": "2"}))
    );
}

#[test]
fn lex_branches_by_answer_and_channel() {
    let error = |message: &str| LexResult::Error {
        message: message.into(),
    };
    let cases = [
        (
            "VOICE",
            LexResult::Timeout,
            Outcome::Error("InputTimeLimitExceeded".into()),
        ),
        (
            "CHAT",
            LexResult::Timeout,
            Outcome::Error("InputTimeLimitExceeded".into()),
        ),
        (
            "VOICE",
            error("alias not found"),
            Outcome::Error("NoMatchingError".into()),
        ),
        (
            "CHAT",
            LexResult::Intent(Box::new(pizza_intent())),
            Outcome::Result("OrderPizza".into()),
        ),
        (
            "TASK",
            LexResult::Intent(Box::new(pizza_intent())),
            Outcome::Error("NoMatchingError".into()),
        ),
        (
            "EMAIL",
            LexResult::Intent(Box::new(pizza_intent())),
            Outcome::Error("NoMatchingError".into()),
        ),
    ];
    for (channel, answer, expected) in cases {
        let tree = json!({"Channel": channel});
        let run = run_block(lex_block(json!({})), tree, env_with(answer));
        assert_eq!(run.result, Ok(expected), "{channel}");
    }
}

#[test]
fn lex_timeout_is_assumed_default() {
    let run = run_block(lex_block(json!({})), voice_caller(), ScriptedEnv::default());
    assert_eq!(run.result, Ok(Outcome::Error("InputTimeLimitExceeded".into())));
    assert!(
        run.recorder.text().contains("(assumed)"),
        "{}",
        run.recorder.text()
    );
    assert_eq!(run.state.get(&["Lex"]), None);
}

#[test]
fn lex_without_bot_is_error() {
    let block = json!({
        "Identifier": "ask",
        "Type": "ConnectParticipantWithLexBot",
        "Parameters": {"LexV2Bot": {"AliasArn": "$.Attributes.missingBot"}},
        "Transitions": {"NextAction": "x"},
    });
    let run = run_block(
        block,
        voice_caller(),
        env_with(LexResult::Intent(Box::new(pizza_intent()))),
    );
    assert_eq!(run.result, Ok(Outcome::Error("NoMatchingError".into())));
    assert!(run.env.lex_requests.is_empty());
}

#[test]
fn lex_timeout_metadata_is_ignored() {
    let block = lex_block(json!({"LexTimeoutSeconds": {"Text": {"unit": 60}}}));
    let run = run_block(block, voice_caller(), ScriptedEnv::default());
    assert_eq!(run.env.lex_requests[0].timeout_seconds, None);
    assert_eq!(
        run.recorder.notes()[1],
        "LexTimeoutSeconds.Text {\"unit\":60} is not a whole number of seconds; it is ignored"
    );
}

#[test]
fn lex_classic_bot_by_name() {
    let block = json!({
        "Identifier": "ask",
        "Type": "ConnectParticipantWithLexBot",
        "Parameters": {"LexBot": {"Name": "OrderFlowers", "Region": "us-east-1", "Alias": "prod"}},
        "Transitions": {"NextAction": "x"},
    });
    let run = run_block(
        block,
        voice_caller(),
        env_with(LexResult::Intent(Box::new(pizza_intent()))),
    );
    assert_eq!(run.env.lex_requests[0].bot, "OrderFlowers");
    assert_eq!(run.result, Ok(Outcome::Result("OrderPizza".into())));
}

#[test]
fn get_participant_input_with_bot_uses_lex() {
    let block = json!({
        "Identifier": "menu",
        "Type": "GetParticipantInput",
        "Parameters": {"Text": "How can I help?", "LexV2Bot": {"AliasArn": ALIAS_ARN}},
        "Transitions": {"NextAction": "x"},
    });
    let tree = json!({"Channel": "CHAT"});
    let run = run_block(block, tree, env_with(LexResult::Intent(Box::new(pizza_intent()))));
    assert_eq!(run.result, Ok(Outcome::Result("OrderPizza".into())));
    assert_eq!(run.state.get(&["Lex", "IntentName"]), Some(&json!("OrderPizza")));
}

/// Builds an order line: a Lex bot whose intent picks a branch, with a confidence check on the
/// winning intent and a retry on timeout.
fn order_line() -> Value {
    json!({
        "Version": "2019-10-30",
        "StartAction": "ask",
        "Metadata": {"name": "order-line"},
        "Actions": [
            {"Identifier": "ask", "Type": "ConnectParticipantWithLexBot",
             "Parameters": {"Text": "What would you like to order?",
                            "LexV2Bot": {"AliasArn": ALIAS_ARN},
                            "LexSessionAttributes": {"caller": "$.CustomerEndpoint.Address"}},
             "Transitions": {"NextAction": "bye",
                             "Conditions": [
                                 {"NextAction": "sure", "Condition": {"Operator": "Equals", "Operands": ["OrderPizza"]}}],
                             "Errors": [
                                 {"ErrorType": "InputTimeLimitExceeded", "NextAction": "ask"},
                                 {"ErrorType": "NoMatchingCondition", "NextAction": "bye"},
                                 {"ErrorType": "NoMatchingError", "NextAction": "bye"}]}},
            {"Identifier": "sure", "Type": "Compare",
             "Parameters": {"ComparisonValue": "$.Lex.IntentConfidence.Score"},
             "Transitions": {"NextAction": "bye",
                             "Conditions": [
                                 {"NextAction": "confirm", "Condition": {"Operator": "NumberGreaterThan", "Operands": ["0.7"]}}],
                             "Errors": [{"ErrorType": "NoMatchingCondition", "NextAction": "bye"}]}},
            {"Identifier": "confirm", "Type": "MessageParticipant",
             "Parameters": {"Text": "One $.Lex.Slots.size pizza coming up."},
             "Transitions": {"NextAction": "bye"}},
            {"Identifier": "bye", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}},
        ],
    })
}

#[test]
fn order_line_retries_then_orders() {
    let graph = graph(order_line());
    let registry = handlers::builtin_registry();
    let executor = Executor::new(&graph, &registry, RunSettings::default());
    let mut state =
        ContactState::new(json!({"Channel": "VOICE", "CustomerEndpoint": {"Address": "+441234567890"}}));
    let mut env = ScriptedEnv {
        lex: [LexResult::Timeout, LexResult::Intent(Box::new(pizza_intent()))].into(),
        ..Default::default()
    };
    let mut recorder = Recorder::default();
    executor.run(&mut state, &mut env, &mut recorder);
    insta::assert_snapshot!(recorder.text());
}

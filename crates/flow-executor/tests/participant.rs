//! Participant handlers: prompts, menu input, stored input and disconnect.

mod common;

use common::{ScriptedEnv, run_block, run_block_with};
use flow_executor::{CallerInput, ContactState, EndReason, Outcome, RunSettings};
use serde_json::{Value, json};

fn menu_block() -> Value {
    json!({
        "Identifier": "menu",
        "Type": "GetParticipantInput",
        "Parameters": {"Text": "Press 1 for sales, $.Customer.FirstName", "InputTimeLimitSeconds": "5", "StoreInput": "False"},
        "Transitions": {"NextAction": "x"},
    })
}

fn store_block(extra: Value) -> Value {
    let mut parameters = json!({"Text": "Enter your account number", "StoreInput": "True"});
    for (key, value) in extra.as_object().expect("extra parameters are an object") {
        parameters[key] = value.clone();
    }
    json!({
        "Identifier": "store",
        "Type": "GetParticipantInput",
        "Parameters": parameters,
        "Transitions": {"NextAction": "x"},
    })
}

#[test]
fn message_participant_notes_prompt() {
    let block = json!({
        "Identifier": "hello",
        "Type": "MessageParticipant",
        "Parameters": {"SSML": "<speak>Hi $.Customer.FirstName.</speak>"},
        "Transitions": {"NextAction": "x"},
    });
    let run = run_block(
        block,
        json!({"Customer": {"FirstName": "Ana"}}),
        ScriptedEnv::default(),
    );
    assert_eq!(run.result, Ok(Outcome::Next));
    assert_eq!(run.recorder.notes(), vec!["prompt: <speak>Hi Ana.</speak>"]);
}

#[test]
fn message_participant_prompt_kinds() {
    let cases = [
        (json!({"Text": "plain"}), "prompt: plain"),
        (
            json!({"PromptId": "arn:aws:connect:prompt/1"}),
            "prompt: audio prompt arn:aws:connect:prompt/1",
        ),
        (
            json!({"Media": {"Uri": "s3://bucket/$.Attributes.lang/welcome.wav", "SourceType": "S3"}}),
            "prompt: media s3://bucket/en/welcome.wav",
        ),
    ];
    for (parameters, expected) in cases {
        let block = json!({"Identifier": "p", "Type": "MessageParticipant", "Parameters": parameters, "Transitions": {}});
        let run = run_block(
            block,
            json!({"Attributes": {"lang": "en"}}),
            ScriptedEnv::default(),
        );
        assert_eq!(run.recorder.notes(), vec![expected.to_string()]);
    }
}

#[test]
fn menu_takes_first_key_and_buffers_rest() {
    let run = run_block(
        menu_block(),
        json!({"Customer": {"FirstName": "Ana"}}),
        ScriptedEnv::keys(&["12#"]),
    );
    assert_eq!(run.result, Ok(Outcome::Result("1".into())));
    assert_eq!(run.state.key_buffer, "2#");
    assert!(
        run.recorder.text().contains("answer caller input = \"12#\""),
        "{}",
        run.recorder.text()
    );
    assert!(run.recorder.text().contains("prompt: Press 1 for sales, Ana"));
}

#[test]
fn menu_reads_buffer_before_asking() {
    let mut state = ContactState::new(json!({}));
    state.key_buffer = "34".into();
    let run = run_block_with(
        menu_block(),
        state,
        ScriptedEnv::keys(&["9"]),
        &RunSettings::default(),
    );
    assert_eq!(run.result, Ok(Outcome::Result("3".into())));
    assert_eq!(run.state.key_buffer, "4");
    assert_eq!(run.env.inputs.len(), 1, "the scripted key stays unused");
}

#[test]
fn menu_timeout_is_error() {
    let env = ScriptedEnv {
        inputs: [CallerInput::Timeout].into(),
        ..Default::default()
    };
    let run = run_block(menu_block(), json!({}), env);
    assert_eq!(run.result, Ok(Outcome::Error("InputTimeLimitExceeded".into())));
}

#[test]
fn menu_unscripted_input_is_assumed_timeout() {
    let run = run_block(menu_block(), json!({}), ScriptedEnv::default());
    assert_eq!(run.result, Ok(Outcome::Error("InputTimeLimitExceeded".into())));
    assert!(
        run.recorder
            .text()
            .contains("answer caller input = \"timeout\" (assumed)")
    );
}

#[test]
fn menu_strict_unscripted_is_open() {
    let env = ScriptedEnv {
        strict: true,
        ..Default::default()
    };
    let run = run_block(menu_block(), json!({}), env);
    assert!(matches!(run.result, Err(flow_executor::HandlerError::Open(_))));
}

#[test]
fn input_on_chat_takes_error() {
    for channel in ["CHAT", "TASK"] {
        let run = run_block(
            menu_block(),
            json!({"Channel": channel}),
            ScriptedEnv::keys(&["1"]),
        );
        assert_eq!(
            run.result,
            Ok(Outcome::Error("NoMatchingError".into())),
            "{channel}"
        );
    }
}

#[test]
fn store_input_table() {
    let cases = [
        (json!({}), "1234#9", "1234", "9"),
        (json!({}), "1234", "1234", ""),
        (json!({}), "12*34#", "34", ""),
        (
            json!({"DTMFConfiguration": {"DisableCancelKey": "True"}}),
            "12*34#",
            "12*34",
            "",
        ),
        (
            json!({"DTMFConfiguration": {"InputTerminationSequence": "**"}}),
            "5566**7",
            "5566",
            "7",
        ),
        (
            json!({"InputValidation": {"CustomValidation": {"MaximumLength": "3"}}}),
            "123456",
            "123",
            "456",
        ),
        (json!({}), "#", "", ""),
    ];
    for (extra, keys, stored, left) in cases {
        let run = run_block(store_block(extra.clone()), json!({}), ScriptedEnv::keys(&[keys]));
        assert_eq!(run.result, Ok(Outcome::Next), "{extra} {keys}");
        assert_eq!(
            run.state.get(&["StoredCustomerInput"]),
            Some(&json!(stored)),
            "{extra} {keys}"
        );
        assert_eq!(run.state.key_buffer, left, "{extra} {keys}");
    }
}

#[test]
fn store_timeout_stores_timeout() {
    let env = ScriptedEnv {
        inputs: [CallerInput::Timeout].into(),
        ..Default::default()
    };
    let run = run_block(store_block(json!({})), json!({}), env);
    assert_eq!(run.result, Ok(Outcome::Next));
    assert_eq!(run.state.get(&["StoredCustomerInput"]), Some(&json!("Timeout")));
}

#[test]
fn store_phone_number_validation() {
    let e164 = json!({"InputValidation": {"PhoneNumberValidation": {"NumberFormat": "E164"}}});
    let local =
        json!({"InputValidation": {"PhoneNumberValidation": {"NumberFormat": "Local", "CountryCode": "US"}}});
    let cases = [
        (e164.clone(), "14155552671#", true),
        (e164.clone(), "123#", false),
        (local.clone(), "4155552671#", true),
        (local.clone(), "99#", false),
    ];
    for (extra, keys, valid) in cases {
        let run = run_block(store_block(extra.clone()), json!({}), ScriptedEnv::keys(&[keys]));
        if valid {
            assert_eq!(run.result, Ok(Outcome::Next), "{keys}");
            assert!(run.state.get(&["StoredCustomerInput"]).is_some(), "{keys}");
        } else {
            assert_eq!(
                run.result,
                Ok(Outcome::Error("InvalidPhoneNumber".into())),
                "{keys}"
            );
            assert_eq!(run.state.get(&["StoredCustomerInput"]), None, "{keys}");
        }
    }
}

#[test]
fn disconnect_ends_the_contact() {
    let block =
        json!({"Identifier": "bye", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}});
    let run = run_block(block, json!({}), ScriptedEnv::default());
    assert_eq!(run.result, Ok(Outcome::End(EndReason::Disconnected)));
}

//! Third-party transfer, outbound calls, callbacks and Voice ID.

mod common;

use common::{ScriptedEnv, run_block, run_block_with};
use flow_executor::{ContactState, EndReason, HandlerError, Outcome, RunSettings};
use serde_json::{Value, json};

fn block(action_type: &str, parameters: Value) -> Value {
    json!({
        "Identifier": "b",
        "Type": action_type,
        "Parameters": parameters,
        "Transitions": {"NextAction": "x"},
    })
}

fn on(channel: &str) -> Value {
    json!({"Channel": channel, "CustomerEndpoint": {"Address": "+15550100101", "Type": "TELEPHONE_NUMBER"}})
}

fn scripted(results: &[&str]) -> ScriptedEnv {
    ScriptedEnv {
        results: results.iter().map(|r| r.to_string()).collect(),
        ..Default::default()
    }
}

fn result(text: &str) -> Result<Outcome, HandlerError> {
    Ok(Outcome::Result(text.into()))
}

fn error(error_type: &str) -> Result<Outcome, HandlerError> {
    Ok(Outcome::Error(error_type.into()))
}

fn third_party(continues: &str) -> Value {
    block(
        "TransferParticipantToThirdParty",
        json!({
            "ThirdPartyPhoneNumber": "$.Attributes.partner",
            "ThirdPartyConnectionTimeLimitSeconds": "30",
            "ContinueFlowExecution": continues,
            "ThirdPartyDTMFDigits": "1,2#",
        }),
    )
}

fn partner_line(channel: &str) -> Value {
    let mut tree = on(channel);
    tree["Attributes"] = json!({"partner": "+442071838750"});
    tree
}

#[test]
fn third_party_branches() {
    let transferred = Ok(Outcome::End(EndReason::TransferredToPhoneNumber {
        number: "+442071838750".into(),
    }));
    let cases = [
        ("False", "VOICE", vec![], transferred),
        ("True", "VOICE", vec![], Ok(Outcome::Next)),
        ("True", "VOICE", vec!["CallFailed"], error("CallFailed")),
        (
            "True",
            "VOICE",
            vec!["ConnectionTimeLimitExceeded"],
            error("ConnectionTimeLimitExceeded"),
        ),
        (
            "False",
            "VOICE",
            vec!["ConnectionTimeLimitExceeded"],
            error("ConnectionTimeLimitExceeded"),
        ),
        (
            "False",
            "VOICE",
            vec!["NoMatchingError"],
            error("NoMatchingError"),
        ),
        ("True", "CHAT", vec![], error("NoMatchingError")),
    ];
    for (continues, channel, answers, expected) in cases {
        let run = run_block(third_party(continues), partner_line(channel), scripted(&answers));
        assert_eq!(run.result, expected, "{continues} {channel} {answers:?}");
    }
}

#[test]
fn third_party_call_failed_needs_continue() {
    let run = run_block(
        third_party("False"),
        partner_line("VOICE"),
        scripted(&["CallFailed"]),
    );
    assert!(
        matches!(run.result, Err(HandlerError::Invalid(_))),
        "{:?}",
        run.result
    );
}

#[test]
fn third_party_notes_dial() {
    let run = run_block(third_party("True"), partner_line("VOICE"), ScriptedEnv::default());
    assert_eq!(
        run.recorder.notes(),
        vec!["dialling +442071838750, waiting up to 30 s for an answer, then sending DTMF 1,2#"]
    );
}

#[test]
fn third_party_invalid_number_is_error() {
    for number in ["", "4420718", "+1555"] {
        let mut tree = on("VOICE");
        tree["Attributes"] = json!({"partner": number});
        let run = run_block(third_party("True"), tree, ScriptedEnv::default());
        assert_eq!(run.result, error("NoMatchingError"), "{number:?}");
        assert!(run.env.results_asked.is_empty());
    }
}

#[test]
fn outbound_call_status_branches() {
    let cases = [
        ("VOICE", vec![], result("CallAnswered")),
        ("VOICE", vec!["VoicemailBeep"], result("VoicemailBeep")),
        ("VOICE", vec!["VoicemailNoBeep"], result("VoicemailNoBeep")),
        ("VOICE", vec!["NotDetected"], result("NotDetected")),
        ("VOICE", vec!["NoMatchingError"], error("NoMatchingError")),
        ("CHAT", vec!["CallAnswered"], error("NoMatchingError")),
    ];
    for (channel, answers, expected) in cases {
        let run = run_block(
            block("CheckOutboundCallStatus", json!({})),
            on(channel),
            scripted(&answers),
        );
        assert_eq!(run.result, expected, "{channel} {answers:?}");
    }
}

#[test]
fn complete_outbound_call_notes_caller_id() {
    let parameters = json!({"CallerId": {"Number": "+15550100199"}});
    let run = run_block(
        block("CompleteOutboundCall", parameters.clone()),
        on("VOICE"),
        ScriptedEnv::default(),
    );
    assert_eq!(run.result, Ok(Outcome::Next));
    assert_eq!(
        run.recorder.notes(),
        vec!["calling the customer +15550100101 from +15550100199"]
    );
    let chat = run_block(
        block("CompleteOutboundCall", parameters),
        on("CHAT"),
        ScriptedEnv::default(),
    );
    assert_eq!(chat.result, error("NoMatchingError"));
}

fn set_callback(number: &str, channel: &str, answers: &[&str]) -> common::BlockRun {
    let mut tree = on(channel);
    tree["Attributes"] = json!({"callback": number});
    let parameters = json!({"CallbackNumber": "$.Attributes.callback"});
    run_block(
        block("UpdateContactCallbackNumber", parameters),
        tree,
        scripted(answers),
    )
}

#[test]
fn callback_number_branches() {
    let cases = [
        ("+12065550142", "VOICE", vec![], Ok(Outcome::Next)),
        ("12065550142", "VOICE", vec![], Ok(Outcome::Next)),
        ("555-0102", "VOICE", vec![], error("InvalidCallbackNumber")),
        ("", "VOICE", vec![], error("InvalidCallbackNumber")),
        (
            "+12065550142",
            "VOICE",
            vec!["CallbackNumberNotDialable"],
            error("CallbackNumberNotDialable"),
        ),
        (
            "+12065550142",
            "VOICE",
            vec!["NoMatchingError"],
            error("NoMatchingError"),
        ),
        ("+12065550142", "CHAT", vec![], error("InvalidCallbackNumber")),
        ("+12065550142", "TASK", vec![], error("InvalidCallbackNumber")),
    ];
    for (number, channel, answers, expected) in cases {
        let run = set_callback(number, channel, &answers);
        assert_eq!(run.result, expected, "{number:?} {channel} {answers:?}");
    }
}

#[test]
fn callback_uses_number_set_before() {
    let set = set_callback("12065550142", "VOICE", &[]);
    assert_eq!(set.recorder.notes(), vec!["callback number set to +12065550142"]);
    let parameters = json!({"QueueId": "Callbacks", "InitialCallDelaySeconds": "99"});
    let run = run_block_with(
        block("CreateCallbackContact", parameters),
        set.state,
        ScriptedEnv::default(),
        &RunSettings::default(),
    );
    assert_eq!(run.result, Ok(Outcome::Next));
    assert_eq!(
        run.recorder.notes(),
        vec!["queueing a callback to +12065550142 in queue Callbacks after 99 s"]
    );
}

#[test]
fn callback_contact_branches() {
    let cases = [
        ("VOICE", vec![], Ok(Outcome::Next)),
        ("CHAT", vec![], Ok(Outcome::Next)),
        ("VOICE", vec!["NoMatchingError"], error("NoMatchingError")),
        ("TASK", vec![], error("NoMatchingError")),
        ("EMAIL", vec![], error("NoMatchingError")),
    ];
    for (channel, answers, expected) in cases {
        let run = run_block(
            block("CreateCallbackContact", json!({})),
            on(channel),
            scripted(&answers),
        );
        assert_eq!(run.result, expected, "{channel} {answers:?}");
    }
}

#[test]
fn callback_contact_without_number_is_error() {
    let run = run_block(
        block("CreateCallbackContact", json!({})),
        json!({"Channel": "CHAT"}),
        ScriptedEnv::default(),
    );
    assert_eq!(run.result, error("NoMatchingError"));
}

fn check_voice_id(option: &str, channel: &str, answers: &[&str]) -> common::BlockRun {
    let parameters = json!({"CheckVoiceIdOption": option});
    run_block(block("CheckVoiceId", parameters), on(channel), scripted(answers))
}

#[test]
fn voice_id_results_per_option() {
    let cases = [
        (
            "enrollmentStatus",
            vec!["Enrolled", "NotEnrolled", "OptedOut"],
            "Enrolled",
        ),
        (
            "voiceAuthentication",
            vec![
                "Authenticated",
                "NotAuthenticated",
                "Inconclusive",
                "NotEnrolled",
                "OptedOut",
            ],
            "Authenticated",
        ),
        (
            "fraudDetection",
            vec!["HighRisk", "LowRisk", "Inconclusive"],
            "LowRisk",
        ),
    ];
    for (option, results, default) in cases {
        for answer in &results {
            let run = check_voice_id(option, "VOICE", &[answer]);
            assert_eq!(run.result, result(answer), "{option} {answer}");
        }
        let failed = check_voice_id(option, "VOICE", &["NoMatchingError"]);
        assert_eq!(failed.result, error("NoMatchingError"), "{option}");
        let assumed = check_voice_id(option, "VOICE", &[]);
        assert_eq!(assumed.result, result(default), "{option}");
    }
}

#[test]
fn voice_id_rejects_other_option_result() {
    let run = check_voice_id("fraudDetection", "VOICE", &["Authenticated"]);
    assert!(
        matches!(run.result, Err(HandlerError::Invalid(_))),
        "{:?}",
        run.result
    );
}

#[test]
fn voice_id_unknown_option_is_invalid() {
    let run = check_voice_id("voiceprint", "VOICE", &[]);
    let Err(HandlerError::Invalid(message)) = run.result else {
        panic!("expected an invalid parameter, got {:?}", run.result);
    };
    assert!(message.contains("CheckVoiceIdOption"), "{message}");
}

#[test]
fn voice_id_blocks_need_voice() {
    for channel in ["CHAT", "TASK", "EMAIL"] {
        let check = check_voice_id("enrollmentStatus", channel, &["Enrolled"]);
        assert_eq!(check.result, error("NoMatchingError"), "{channel}");
        let start = run_block(
            block("StartVoiceIdStream", json!({})),
            on(channel),
            ScriptedEnv::default(),
        );
        assert_eq!(start.result, error("NoMatchingError"), "{channel}");
    }
}

#[test]
fn voice_id_check_after_stream_has_no_warning() {
    let start = run_block(
        block("StartVoiceIdStream", json!({})),
        on("VOICE"),
        ScriptedEnv::default(),
    );
    assert_eq!(start.result, Ok(Outcome::Next));
    let check = run_block_with(
        block("CheckVoiceId", json!({"CheckVoiceIdOption": "enrollmentStatus"})),
        start.state,
        ScriptedEnv::default(),
        &RunSettings::default(),
    );
    assert!(check.recorder.notes().is_empty(), "{:?}", check.recorder.notes());
    let alone = check_voice_id("enrollmentStatus", "VOICE", &[]);
    assert_eq!(alone.recorder.notes().len(), 1);
}

#[test]
fn voice_id_stream_error_branch() {
    let run = run_block(
        block("StartVoiceIdStream", json!({})),
        on("VOICE"),
        scripted(&["NoMatchingError"]),
    );
    assert_eq!(run.result, error("NoMatchingError"));
    let state: &ContactState = &run.state;
    assert!(state.get(&["Lex"]).is_none());
}

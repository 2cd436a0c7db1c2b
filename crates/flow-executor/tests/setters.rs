//! Logging, recording, voice and media-streaming setters.

mod common;

use common::{ScriptedEnv, run_block};
use flow_executor::{Outcome, handlers};
use serde_json::{Value, json};

fn action(action_type: &str, parameters: Value) -> Value {
    json!({"Identifier": "s", "Type": action_type, "Parameters": parameters, "Transitions": {"NextAction": "x"}})
}

#[test]
fn setters_note_what_they_set() {
    let cases = [
        (
            "UpdateFlowLoggingBehavior",
            json!({"FlowLoggingBehavior": "Enabled"}),
            "flow logging Enabled",
        ),
        (
            "UpdateContactMediaStreamingBehavior",
            json!({"MediaStreamingState": "Disabled"}),
            "media streaming Disabled",
        ),
        (
            "UpdateContactRecordingBehavior",
            json!({"RecordingBehavior": {"RecordedParticipants": ["Agent"]}}),
            r#"UpdateContactRecordingBehavior {"RecordingBehavior":{"RecordedParticipants":["Agent"]}}"#,
        ),
        (
            "UpdateContactRecordingAndAnalyticsBehavior",
            json!({"VoiceBehavior": {}}),
            r#"UpdateContactRecordingAndAnalyticsBehavior {"VoiceBehavior":{}}"#,
        ),
    ];
    for (action_type, parameters, note) in cases {
        let run = run_block(action(action_type, parameters), json!({}), ScriptedEnv::default());
        assert_eq!(run.result, Ok(Outcome::Next), "{action_type}");
        assert_eq!(run.recorder.notes(), vec![note.to_string()], "{action_type}");
    }
}

#[test]
fn voice_is_written() {
    let parameters =
        json!({"TextToSpeechVoice": "Amy", "TextToSpeechEngine": "Neural", "TextToSpeechStyle": "None"});
    let run = run_block(
        action("UpdateContactTextToSpeechVoice", parameters),
        json!({}),
        ScriptedEnv::default(),
    );
    assert_eq!(run.result, Ok(Outcome::Next));
    assert_eq!(run.state.get(&["TextToSpeechVoiceId"]), Some(&json!("Amy")));
    assert_eq!(
        run.recorder.notes(),
        vec!["TextToSpeechEngine Neural", "TextToSpeechStyle None"]
    );
}

#[test]
fn builtin_registry_lists_types() {
    let registry = handlers::builtin_registry();
    let types: Vec<&str> = registry.types().collect();
    insta::assert_snapshot!(types.join("\n"));
}

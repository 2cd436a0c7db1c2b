//! Blocks that work on some channels only take their error branch on the others.

mod common;

use common::{ScriptedEnv, run_block};
use flow_executor::Outcome;
use serde_json::json;

#[test]
fn media_streaming_voice_only() {
    let block = json!({
        "Identifier": "stream",
        "Type": "UpdateContactMediaStreamingBehavior",
        "Parameters": {"MediaStreamingState": "Enabled", "MediaStreamType": "Audio"},
        "Transitions": {"NextAction": "x", "Errors": [{"ErrorType": "NoMatchingError", "NextAction": "e"}]},
    });
    let cases = [
        ("VOICE", Outcome::Next),
        ("CHAT", Outcome::Error("NoMatchingError".into())),
        ("TASK", Outcome::Error("NoMatchingError".into())),
        ("EMAIL", Outcome::Error("NoMatchingError".into())),
    ];
    for (channel, expected) in cases {
        let run = run_block(block.clone(), json!({"Channel": channel}), ScriptedEnv::default());
        assert_eq!(run.result, Ok(expected), "{channel}");
    }
}

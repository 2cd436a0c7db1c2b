//! `flowsim attrs`: the writers and readers of each attribute path, as text and as JSON Lines.

use std::process::Command;

/// Builds a flow where a Lambda result is copied into a contact attribute and read back in a prompt.
fn lookup_flow() -> String {
    let flow = serde_json::json!({
        "Version": "2019-10-30",
        "StartAction": "lookup",
        "Actions": [
            {"Identifier": "lookup", "Type": "InvokeLambdaFunction",
                "Parameters": {"LambdaFunctionARN": "arn:aws:lambda:us-east-1:111122223333:function:tier", "InvocationTimeLimitSeconds": "3"},
                "Transitions": {"NextAction": "remember", "Errors": [{"NextAction": "end", "ErrorType": "NoMatchingError"}]}},
            {"Identifier": "remember", "Type": "UpdateContactAttributes",
                "Parameters": {"Attributes": {"tier": "$.External.tier"}, "TargetContact": "Current"},
                "Transitions": {"NextAction": "say", "Errors": [{"NextAction": "end", "ErrorType": "NoMatchingError"}]}},
            {"Identifier": "say", "Type": "MessageParticipant",
                "Parameters": {"Text": "Hello from $.CustomerEndpoint.Address, your tier is $.Attributes.tier"},
                "Transitions": {"NextAction": "end", "Errors": [{"NextAction": "end", "ErrorType": "NoMatchingError"}]}},
            {"Identifier": "end", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}
        ]
    });
    flow.to_string()
}

fn run_attrs(extra: &[&str]) -> String {
    let folder = tempfile::tempdir().expect("a temporary folder can be created");
    let flow_path = folder.path().join("lookup.json");
    std::fs::write(&flow_path, lookup_flow()).expect("the flow file can be written");
    let output = Command::new(env!("CARGO_BIN_EXE_flowsim"))
        .arg("attrs")
        .arg(&flow_path)
        .args(extra)
        .output()
        .expect("flowsim runs");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("the output is UTF-8")
}

#[test]
fn attrs_text_output() {
    insta::assert_snapshot!(run_attrs(&[]));
}

#[test]
fn attrs_json_lines() {
    let output = run_attrs(&["--json"]);
    let events: Vec<serde_json::Value> = output
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is JSON"))
        .collect();
    assert_eq!(events.len(), 4);
    let tier = events
        .iter()
        .find(|e| e["data"]["path"] == "$.Attributes.tier")
        .expect("the contact attribute is listed");
    assert_eq!(tier["type"], "attribute");
    assert_eq!(tier["data"]["writers"], serde_json::json!(["remember"]));
    assert_eq!(tier["data"]["readers"], serde_json::json!(["say"]));
}

#[test]
fn attrs_missing_file() {
    let output = Command::new(env!("CARGO_BIN_EXE_flowsim"))
        .args(["attrs", "no-such-flow.json"])
        .output()
        .expect("flowsim runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no-such-flow.json"));
}

//! `flowsim lint --sarif`: the log validates against the SARIF 2.1.0 schema and locates each result.

use serde_json::{Value, json};
use std::process::Command;

const SCHEMA: &str = include_str!("schemas/sarif-schema-2.1.0.json");

/// Builds a flow that reads `$.External.balance` on a Lambda error branch, where nothing wrote it.
fn flow_with_finding() -> String {
    let flow = json!({
        "Version": "2019-10-30",
        "StartAction": "lookup",
        "Actions": [
            {"Identifier": "lookup", "Type": "InvokeLambdaFunction",
                "Parameters": {"LambdaFunctionARN": "arn:aws:lambda:us-east-1:111122223333:function:balance", "InvocationTimeLimitSeconds": "3"},
                "Transitions": {"NextAction": "say", "Errors": [{"NextAction": "say", "ErrorType": "NoMatchingError"}]}},
            {"Identifier": "say", "Type": "MessageParticipant", "Parameters": {"Text": "Your balance is $.External.balance"},
                "Transitions": {"NextAction": "end", "Errors": [{"NextAction": "end", "ErrorType": "NoMatchingError"}]}},
            {"Identifier": "end", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}
        ]
    });
    serde_json::to_string_pretty(&flow).expect("a JSON value always serializes")
}

fn lint_to_sarif(flow_text: &str) -> Value {
    let folder = tempfile::tempdir().expect("a temporary folder can be created");
    let flow_path = folder.path().join("balance.json");
    let sarif_path = folder.path().join("lint.sarif");
    std::fs::write(&flow_path, flow_text).expect("the flow file can be written");
    let status = Command::new(env!("CARGO_BIN_EXE_flowsim"))
        .args(["lint", "--sarif"])
        .arg(&sarif_path)
        .arg(&flow_path)
        .output()
        .expect("flowsim runs");
    assert_eq!(
        status.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let text = std::fs::read_to_string(&sarif_path).expect("flowsim wrote the SARIF log");
    serde_json::from_str(&text).expect("the SARIF log is JSON")
}

/// Escapes the bare `]` in every `language` pattern of the schema and returns how many it changed.
fn escape_language_patterns(schema: &mut Value) -> usize {
    const BARE: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";
    match schema {
        Value::Object(members) => {
            let mut count = 0;
            for (key, value) in members.iter_mut() {
                if key == "pattern" && value == BARE {
                    *value = json!("^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}\\]?$");
                    count += 1;
                } else {
                    count += escape_language_patterns(value);
                }
            }
            count
        }
        Value::Array(items) => items.iter_mut().map(escape_language_patterns).sum(),
        _ => 0,
    }
}

#[test]
fn sarif_log_matches_schema() {
    let mut schema: Value = serde_json::from_str(SCHEMA).expect("the schema file is JSON");
    // The published pattern for `language` has a bare `]`, which ECMA-262 reads as a literal but the
    // jsonschema crate's regex check rejects. Escaping it keeps the pattern's meaning.
    let escaped = escape_language_patterns(&mut schema);
    assert_eq!(escaped, 2, "the schema has two `language` patterns to escape");
    let validator = jsonschema::draft4::new(&schema).expect("the SARIF schema compiles");
    assert!(
        !validator.is_valid(&json!({"runs": []})),
        "a log without `version` is rejected"
    );
    let log = lint_to_sarif(&flow_with_finding());
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn sarif_result_locates_block() {
    let log = lint_to_sarif(&flow_with_finding());
    let results = log["runs"][0]["results"].as_array().expect("results is an array");
    let finding = results
        .iter()
        .find(|r| r["ruleId"] == "FG063")
        .expect("the read on the error branch is reported");
    assert_eq!(finding["level"], "warning");
    assert_eq!(finding["properties"]["jsonPointer"], "/Actions/1/Parameters/Text");
    assert_eq!(finding["properties"]["identifier"], "say");
    let region = &finding["locations"][0]["physicalLocation"]["region"];
    let say_line = flow_with_finding()
        .lines()
        .position(|line| line.contains("\"Identifier\": \"say\""))
        .expect("the flow text names the block")
        + 1;
    assert_eq!(region["startLine"], json!(say_line));
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules is an array");
    let index = finding["ruleIndex"]
        .as_u64()
        .expect("the result names its rule index") as usize;
    assert_eq!(rules[index]["id"], "FG063");
}

#[test]
fn sarif_log_of_a_folder_matches_schema() {
    let mut schema: Value = serde_json::from_str(SCHEMA).expect("the schema file is JSON");
    escape_language_patterns(&mut schema);
    let validator = jsonschema::draft4::new(&schema).expect("the SARIF schema compiles");
    let folder = tempfile::tempdir().expect("a temporary folder can be created");
    let sarif_path = folder.path().join("folder.sarif");
    let output = Command::new(env!("CARGO_BIN_EXE_flowsim"))
        .args(["lint", "--sarif"])
        .arg(&sarif_path)
        .arg("flows/module-and-transfer")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("flowsim runs");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = std::fs::read_to_string(&sarif_path).expect("flowsim wrote the SARIF log");
    let log: Value = serde_json::from_str(&text).expect("the SARIF log is JSON");
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let files: Vec<&str> = log["runs"][0]["results"]
        .as_array()
        .expect("results is an array")
        .iter()
        .filter_map(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str())
        .collect();
    assert!(!files.is_empty(), "the folder has findings");
    assert!(
        files
            .iter()
            .all(|uri| uri.ends_with(".json") && !uri.ends_with("flowsim.resources.json")),
        "{files:?}"
    );
}

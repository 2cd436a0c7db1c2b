//! `flowsim lint` and `flowsim attrs` on folders of flows, on files beside a resource map, and on
//! the resource map itself.

use serde_json::{Value, json};
use std::path::Path;
use std::process::{Command, Output};

const FOLDER: &str = "flows/module-and-transfer";

/// Runs `flowsim` from the repository root with `args`.
fn flowsim(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_flowsim"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the flowsim binary that cargo built should start")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Returns the `code` of each `diagnostic` event in JSON Lines output.
fn json_codes(output: &Output) -> Vec<String> {
    stdout(output)
        .lines()
        .map(|line| serde_json::from_str::<Value>(line).expect("each line is JSON"))
        .map(|event| event["data"]["code"].as_str().unwrap_or_default().to_string())
        .collect()
}

/// Builds a flow that sets `written` as contact attributes and then sends the message `text`.
fn flow_saying(written: Value, text: &str) -> String {
    json!({"Version": "2019-10-30", "StartAction": "remember", "Actions": [
        {"Identifier": "remember", "Type": "UpdateContactAttributes",
            "Parameters": {"Attributes": written, "TargetContact": "Current"},
            "Transitions": {"NextAction": "say", "Errors": [{"NextAction": "end", "ErrorType": "NoMatchingError"}]}},
        {"Identifier": "say", "Type": "MessageParticipant", "Parameters": {"Text": text},
            "Transitions": {"NextAction": "end", "Errors": [{"NextAction": "end", "ErrorType": "NoMatchingError"}]}},
        {"Identifier": "end", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}
    ]})
    .to_string()
}

fn write(folder: &Path, name: &str, text: &str) {
    std::fs::write(folder.join(name), text).expect("the test file can be written");
}

fn path_text(path: &Path) -> &str {
    path.to_str().expect("temporary paths are UTF-8")
}

#[test]
fn lint_folder_checks_each_flow() {
    let output = flowsim(&["lint", FOLDER]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    let checked: Vec<&str> = text.lines().filter(|l| l.contains(": checked as ")).collect();
    assert_eq!(
        checked,
        [
            "flows/module-and-transfer/account-lookup.json: checked as module (the export is a flow module)",
            "flows/module-and-transfer/billing.json: checked as contactFlow (from Metadata.type)",
            "flows/module-and-transfer/support-inbound.json: checked as contactFlow (from Metadata.type)",
        ]
    );
    assert!(text.ends_with("3 files checked: 0 errors, 1 warning\n"), "{text}");
    assert!(!text.contains("flowsim.resources.json"), "{text}");
    assert_eq!(stderr(&output), "");
}

#[test]
fn lint_folder_fills_placeholders() {
    let output = flowsim(&["lint", "--json", FOLDER]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let codes = json_codes(&output);
    assert_eq!(codes, ["FG050"]);
}

#[test]
fn lint_file_beside_resource_map_fills_placeholders() {
    let output = flowsim(&["lint", "--json", "flows/module-and-transfer/account-lookup.json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(json_codes(&output), Vec::<String>::new());
}

#[test]
fn lint_skips_resource_map_file() {
    let output = flowsim(&[
        "lint",
        "flows/module-and-transfer/account-lookup.json",
        "flows/module-and-transfer/flowsim.resources.json",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        stderr(&output),
        "flowsim: skipped flows/module-and-transfer/flowsim.resources.json: the resource map, not a flow; \
         it fills the placeholders of the flows beside it\n"
    );
    let text = stdout(&output);
    assert!(text.ends_with("1 file checked: 0 errors, 0 warnings\n"), "{text}");
    assert!(!text.contains("FG010"), "{text}");
    assert!(!text.contains("FG011"), "{text}");
}

#[test]
fn lint_folder_sarif_has_one_run() {
    let folder = tempfile::tempdir().expect("a temporary folder can be created");
    let sarif_path = folder.path().join("lint.sarif");
    let output = flowsim(&["lint", "--sarif", path_text(&sarif_path), FOLDER]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));

    let text = std::fs::read_to_string(&sarif_path).expect("flowsim wrote the SARIF log");
    let log: Value = serde_json::from_str(&text).expect("the SARIF log is JSON");
    let runs = log["runs"].as_array().expect("the log has runs");
    assert_eq!(runs.len(), 1);

    let results = runs[0]["results"].as_array().expect("the run has results");
    let located: Vec<(&str, &str, u64)> = results
        .iter()
        .map(|result| {
            let location = &result["locations"][0]["physicalLocation"];
            (
                result["ruleId"].as_str().unwrap_or_default(),
                location["artifactLocation"]["uri"].as_str().unwrap_or_default(),
                location["region"]["startLine"].as_u64().unwrap_or_default(),
            )
        })
        .collect();

    let billing = "flows/module-and-transfer/billing.json";
    let line = std::fs::read_to_string(billing)
        .expect("the example flow is readable")
        .lines()
        .position(|l| l.contains("\"Identifier\": \"d3a4b5c6-7e8f-4091-8ca3-c4d5e6f7a8b9\""))
        .expect("the example flow has the block")
        + 1;
    assert_eq!(located, [("FG050", billing, line as u64)]);
}

#[test]
fn lint_folder_reports_broken_flow() {
    let folder = tempfile::tempdir().expect("a temporary folder can be created");
    write(
        folder.path(),
        "good.json",
        &flow_saying(json!({"tier": "gold"}), "Hello $.Attributes.tier"),
    );
    write(
        folder.path(),
        "broken.json",
        "{\"Version\": \"2019-10-30\", \"Actions\": [",
    );
    write(folder.path(), "profile.json", "{\"FirstName\": \"Maya\"}");
    let output = flowsim(&["lint", "--json", path_text(folder.path())]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(json_codes(&output), ["FG091"]);
    let skipped = folder.path().join("profile.json");
    assert_eq!(
        stderr(&output),
        format!(
            "flowsim: skipped {}: not a flow-language export: no Version, StartAction or Actions\n",
            skipped.display()
        )
    );
}

#[test]
fn lint_folder_skips_profile_fixture_array() {
    let output = flowsim(&["lint", "flows/caller-lookup"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(
        stdout(&output).ends_with("1 file checked: 0 errors, 0 warnings\n"),
        "{}",
        stdout(&output)
    );
    assert_eq!(
        stderr(&output),
        "flowsim: skipped flows/caller-lookup/profiles.json: not a flow-language export, such as a profile \
         fixture: expected a flow object at the top level, found an array\n"
    );

    let output = flowsim(&["attrs", "flows/caller-lookup"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

#[test]
fn lint_empty_folder_is_usage_error() {
    let folder = tempfile::tempdir().expect("a temporary folder can be created");
    let output = flowsim(&["lint", path_text(folder.path())]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("no flow or module found in"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn lint_reports_near_miss_without_strict() {
    let folder = tempfile::tempdir().expect("a temporary folder can be created");
    let flow = flow_saying(json!({"tier": "gold"}), "Your tier is $.Attributes.teir");
    write(folder.path(), "tier.json", &flow);
    let output = flowsim(&["lint", "--json", path_text(&folder.path().join("tier.json"))]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(json_codes(&output), ["FG053"]);
}

#[test]
fn attrs_folder_lists_each_flow() {
    let output = flowsim(&["attrs", FOLDER]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    insta::assert_snapshot!(stdout(&output));
}

#[test]
fn attrs_folder_json_names_file() {
    let output = flowsim(&["attrs", "--json", FOLDER]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let events: Vec<Value> = stdout(&output)
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is JSON"))
        .collect();
    let tier = events
        .iter()
        .find(|e| e["data"]["path"] == "$.Attributes.customerTier")
        .expect("billing's contact attribute is listed");
    assert_eq!(tier["data"]["file"], "flows/module-and-transfer/billing.json");
    assert_eq!(
        tier["data"]["writers"],
        json!(["d3a4b5c6-7e8f-4091-8ca3-c4d5e6f7a8b9"])
    );
    let files: std::collections::BTreeSet<&str> =
        events.iter().filter_map(|e| e["data"]["file"].as_str()).collect();
    assert_eq!(files.len(), 3, "{files:?}");
}

#[test]
fn attrs_resource_map_is_skipped() {
    let output = flowsim(&["attrs", "flows/module-and-transfer/flowsim.resources.json"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), "0 attribute paths\n");
    assert!(
        stderr(&output).contains("the resource map, not a flow"),
        "{}",
        stderr(&output)
    );
}

/// Builds a flow that sets the contact attribute `tier` and the flow attribute `greeted`, then
/// transfers to the flow with id `target`.
fn flow_transferring(target: &str) -> String {
    json!({"Version": "2019-10-30", "StartAction": "set", "Actions": [
        {"Identifier": "set", "Type": "UpdateContactAttributes",
            "Parameters": {"Attributes": {"tier": "gold"}, "TargetContact": "Current"},
            "Transitions": {"NextAction": "remember", "Errors": [{"ErrorType": "NoMatchingError", "NextAction": "bye"}]}},
        {"Identifier": "remember", "Type": "UpdateFlowAttributes",
            "Parameters": {"FlowAttributes": {"greeted": {"Value": "yes"}}},
            "Transitions": {"NextAction": "go", "Errors": [{"ErrorType": "NoMatchingError", "NextAction": "go"}]}},
        {"Identifier": "go", "Type": "TransferToFlow", "Parameters": {"ContactFlowId": target},
            "Transitions": {"NextAction": "bye", "Errors": [{"ErrorType": "NoMatchingError", "NextAction": "bye"}]}},
        {"Identifier": "bye", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}
    ]})
    .to_string()
}

#[test]
fn lint_folder_follows_transfers() {
    let folder = tempfile::tempdir().expect("a temporary folder can be created");
    write(folder.path(), "entry.json", &flow_transferring("target"));
    let text = "Tier $.Attributes.tier, greeted $.FlowAttributes.greeted";
    write(folder.path(), "target.json", &flow_saying(json!({}), text));

    let output = flowsim(&["lint", "--json", "--strict", path_text(folder.path())]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let events: Vec<Value> = stdout(&output)
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is JSON"))
        .collect();
    assert_eq!(events.len(), 1, "{events:?}");
    let finding = &events[0]["data"];
    assert_eq!(finding["code"], "FG050");
    assert_eq!(
        finding["message"],
        "`$.FlowAttributes.greeted` is read before any block writes it on some route"
    );
    let hint = finding["hint"].as_str().unwrap_or_default();
    assert!(
        hint.starts_with(
            "flow \"entry\" transfers here after it sets `$.FlowAttributes.greeted`, but TransferToFlow clears flow attributes"
        ),
        "{hint}"
    );

    let alone = folder.path().join("target.json");
    let output = flowsim(&["lint", "--json", "--strict", path_text(&alone)]);
    assert_eq!(json_codes(&output), ["FG052", "FG050"]);
}

#[test]
fn lint_scenario_file_says_what_it_is() {
    let output = flowsim(&["lint", "flows/dtmf-menu/scenarios/agent.scenario.json"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).contains("= hint: this is a flowsim scenario file, not a flow;"),
        "{}",
        stdout(&output)
    );
}

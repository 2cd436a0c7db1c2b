//! End-to-end tests of `flowsim test`: exit codes, snapshots, expectations, JSON, JUnit and coverage.

use serde_json::{Value, json};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use tempfile::TempDir;

const QUEUE_ARN: &str = "arn:aws:connect:us-east-1:111122223333:instance/i-1/queue/q-billing";

/// Runs `flowsim test` in `folder` with `args`.
fn flowsim_test(folder: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_flowsim"))
        .arg("test")
        .args(args)
        .current_dir(folder)
        .output()
        .expect("the flowsim binary that cargo built should start")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn exit_code(output: &Output) -> i32 {
    output.status.code().unwrap_or(-1)
}

fn write_json(path: &Path, value: &Value) {
    let text = serde_json::to_string_pretty(value).expect("test JSON serializes");
    fs::write(path, text).expect("the temporary folder is writable");
}

/// A menu flow: key 1 sets the billing department and transfers to the billing queue, anything
/// else plays a goodbye and disconnects.
fn menu_flow() -> Value {
    json!({
        "Version": "2019-10-30",
        "StartAction": "menu",
        "Metadata": {"name": "Menu", "ActionMetadata": {"menu": {"friendlyName": "Main menu"}}},
        "Actions": [
            {
                "Identifier": "menu",
                "Type": "GetParticipantInput",
                "Parameters": {"Text": "Press 1 for billing.", "StoreInput": "False", "InputTimeLimitSeconds": "5"},
                "Transitions": {
                    "NextAction": "bye",
                    "Conditions": [{"NextAction": "billing", "Condition": {"Operator": "Equals", "Operands": ["1"]}}],
                    "Errors": [
                        {"ErrorType": "InputTimeLimitExceeded", "NextAction": "bye"},
                        {"ErrorType": "NoMatchingCondition", "NextAction": "bye"},
                        {"ErrorType": "NoMatchingError", "NextAction": "bye"}
                    ]
                }
            },
            {
                "Identifier": "billing",
                "Type": "UpdateContactAttributes",
                "Parameters": {"Attributes": {"department": "billing"}, "TargetContact": "Current"},
                "Transitions": {"NextAction": "set-queue", "Errors": [{"ErrorType": "NoMatchingError", "NextAction": "bye"}]}
            },
            {
                "Identifier": "set-queue",
                "Type": "UpdateContactTargetQueue",
                "Parameters": {"QueueId": QUEUE_ARN},
                "Transitions": {"NextAction": "queue", "Errors": [{"ErrorType": "NoMatchingError", "NextAction": "bye"}]}
            },
            {
                "Identifier": "queue",
                "Type": "TransferContactToQueue",
                "Parameters": {},
                "Transitions": {
                    "NextAction": "bye",
                    "Errors": [
                        {"ErrorType": "QueueAtCapacity", "NextAction": "bye"},
                        {"ErrorType": "NoMatchingError", "NextAction": "bye"}
                    ]
                }
            },
            {
                "Identifier": "bye",
                "Type": "MessageParticipant",
                "Parameters": {"Text": "Goodbye."},
                "Transitions": {"NextAction": "end", "Errors": [{"ErrorType": "NoMatchingError", "NextAction": "end"}]}
            },
            {"Identifier": "end", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}
        ]
    })
}

/// Creates a temporary project with the menu flow, a billing scenario and a timeout scenario.
fn menu_project() -> TempDir {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let root = folder.path();
    fs::create_dir(root.join("scenarios")).expect("the temporary folder is writable");
    write_json(&root.join("menu.json"), &menu_flow());
    let billing = json!({
        "flow": "../menu.json",
        "inputs": ["1"],
        "expect": {
            "end": "transferredToQueue",
            "queue": "q-billing",
            "path": ["Main menu", "billing", "set-queue", "queue"],
            "prompts": ["Press 1"],
            "attributes": [{"path": "$.Attributes.department", "Equals": "billing"}]
        }
    });
    write_json(&root.join("scenarios/billing.scenario.json"), &billing);
    let timeout = json!({
        "flow": "../menu.json",
        "inputs": ["timeout"],
        "expect": {"end": "disconnected", "avoids": ["queue"], "prompts": ["Press 1", "Goodbye"]}
    });
    write_json(&root.join("scenarios/timeout.scenario.json"), &timeout);
    folder
}

fn accept(folder: &Path) {
    let output = flowsim_test(folder, &["--accept"]);
    assert_eq!(exit_code(&output), 0, "{}", stdout(&output));
}

#[test]
fn missing_snapshots_fail() {
    let project = menu_project();
    let output = flowsim_test(project.path(), &[]);
    let text = stdout(&output);
    assert_eq!(exit_code(&output), 1, "{text}");
    assert!(
        text.contains("snapshot scenarios/billing.snap is missing; run `flowsim test --accept` to write it"),
        "{text}"
    );
    assert!(text.ends_with("0 passed, 2 failed\n"), "{text}");
}

#[test]
fn accept_then_clean_second_run() {
    let project = menu_project();
    let first = flowsim_test(project.path(), &["--accept"]);
    let text = stdout(&first);
    assert_eq!(exit_code(&first), 0, "{text}");
    assert!(
        text.contains("PASS  scenarios/billing.scenario.json  (snapshot written)"),
        "{text}"
    );
    assert!(project.path().join("scenarios/billing.snap").is_file());
    assert!(project.path().join("scenarios/timeout.snap").is_file());

    let second = flowsim_test(project.path(), &[]);
    let text = stdout(&second);
    assert_eq!(exit_code(&second), 0, "{text}");
    assert_eq!(
        text,
        "PASS  scenarios/billing.scenario.json\nPASS  scenarios/timeout.scenario.json\n\n2 passed, 0 failed\n"
    );
}

#[test]
fn snapshot_is_readable_text() {
    let project = menu_project();
    accept(project.path());
    let snapshot =
        fs::read_to_string(project.path().join("scenarios/timeout.snap")).expect("the snapshot exists");
    insta::assert_snapshot!(snapshot);
}

#[test]
fn failed_expectation_names_the_step() {
    let project = menu_project();
    let scenario = json!({
        "flow": "../menu.json",
        "inputs": ["1"],
        "expect": {"end": "disconnected", "attributes": [{"path": "$.Attributes.department", "Equals": "sales"}]}
    });
    write_json(&project.path().join("scenarios/wrong.scenario.json"), &scenario);
    let output = flowsim_test(project.path(), &["scenarios/wrong.scenario.json", "--accept"]);
    let text = stdout(&output);
    assert_eq!(exit_code(&output), 1, "{text}");
    let expected = format!(
        "FAIL  scenarios/wrong.scenario.json  (snapshot written)\n\
         \x20     expect.end: expected disconnected, got transferredToQueue to {QUEUE_ARN} at block queue (at step 4)\n\
         \x20     expect.attributes[0]: expected $.Attributes.department Equals \"sales\", got \"billing\" (at step 2, block billing)\n\
         \n0 passed, 1 failed\n"
    );
    assert_eq!(text, expected);
}

#[test]
fn misspelled_visit_fails_once() {
    let project = menu_project();
    let scenario = json!({
        "flow": "../menu.json",
        "inputs": ["1"],
        "expect": {"visits": ["Billing queu"]}
    });
    write_json(&project.path().join("scenarios/typo.scenario.json"), &scenario);
    let output = flowsim_test(project.path(), &["scenarios/typo.scenario.json", "--accept"]);
    let text = stdout(&output);
    assert_eq!(exit_code(&output), 1, "{text}");
    let failures: Vec<&str> = text.lines().filter(|l| l.contains("expect.visits[0]")).collect();
    assert_eq!(failures.len(), 1, "{text}");
    assert!(
        failures[0].contains("which names no block; check its spelling"),
        "{text}"
    );
}

#[test]
fn retargeted_transition_fails_with_a_diff() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let example = folder.path().join("dtmf-menu");
    copy_folder(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("flows/dtmf-menu"),
        &example,
    );
    accept(folder.path());

    let flow_path = example.join("dtmf-menu.json");
    let mut flow: Value =
        serde_json::from_str(&fs::read_to_string(&flow_path).expect("the example flow reads"))
            .expect("the example flow is JSON");
    let (original, disconnect) = retarget_start(&mut flow);
    write_json(&flow_path, &flow);

    let output = flowsim_test(folder.path(), &["dtmf-menu/scenarios/agent.scenario.json"]);
    let text = stdout(&output);
    assert_eq!(exit_code(&output), 1, "{text}");
    let parting = format!("the runs part at step 2: expected block {original}, got block {disconnect}");
    assert!(text.contains(&parting), "{text}");
    assert!(text.contains("--- snapshot\n"), "{text}");
    assert!(text.contains("+++ this run\n"), "{text}");
    assert!(text.contains(&format!("+step 2: {disconnect}")), "{text}");
    assert!(text.ends_with("0 passed, 1 failed\n"), "{text}");
}

/// Points the start block's `NextAction` at the flow's disconnect block and returns the old and
/// the new target.
fn retarget_start(flow: &mut Value) -> (String, String) {
    let start = flow["StartAction"]
        .as_str()
        .expect("the example has a StartAction")
        .to_string();
    let actions = flow["Actions"].as_array_mut().expect("the example has actions");
    let disconnect = actions
        .iter()
        .find(|a| a["Type"] == "DisconnectParticipant")
        .and_then(|a| a["Identifier"].as_str())
        .expect("the example has a disconnect block")
        .to_string();
    let block = actions
        .iter_mut()
        .find(|a| a["Identifier"] == start.as_str())
        .expect("the start block exists");
    let original = block["Transitions"]["NextAction"]
        .as_str()
        .expect("the start block has a NextAction")
        .to_string();
    block["Transitions"]["NextAction"] = json!(disconnect);
    (original, disconnect)
}

fn copy_folder(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("the temporary folder is writable");
    for entry in fs::read_dir(from).expect("the example folder lists") {
        let entry = entry.expect("the example folder lists");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_folder(&entry.path(), &target);
        } else if !entry.file_name().to_string_lossy().ends_with(".snap") {
            fs::copy(entry.path(), target).expect("the example file copies");
        }
    }
}

#[test]
fn json_lines_have_test_and_summary_events() {
    let project = menu_project();
    accept(project.path());
    let output = flowsim_test(project.path(), &["--json", "--coverage"]);
    assert_eq!(exit_code(&output), 0);
    let events: Vec<Value> = stdout(&output)
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is JSON"))
        .collect();
    let kinds: Vec<&str> = events.iter().map(|e| e["type"].as_str().unwrap_or("")).collect();
    assert_eq!(kinds, ["test", "test", "coverage", "summary"]);
    assert_eq!(events[0]["data"]["scenario"], "scenarios/billing.scenario.json");
    assert_eq!(events[0]["data"]["flow"], "menu.json");
    assert_eq!(events[0]["data"]["passed"], true);
    assert_eq!(events[0]["data"]["snapshot"], "matched");
    assert_eq!(events[2]["data"]["flow"], "menu.json");
    assert_eq!(events[2]["data"]["covered"], 5);
    assert_eq!(events[2]["data"]["total"], 14);
    assert_eq!(events[3]["data"]["passed"], 2);
    assert_eq!(events[3]["data"]["failed"], 0);
}

#[test]
fn json_failures_carry_their_message() {
    let project = menu_project();
    let output = flowsim_test(project.path(), &["--json", "scenarios/billing.scenario.json"]);
    assert_eq!(exit_code(&output), 1);
    let first_line = stdout(&output).lines().next().unwrap_or_default().to_string();
    let event: Value = serde_json::from_str(&first_line).expect("the first line is JSON");
    let failure = &event["data"]["failures"][0];
    assert_eq!(failure["kind"], "missingSnapshot");
    assert_eq!(failure["snapshot"], "scenarios/billing.snap");
    assert_eq!(
        failure["message"],
        "snapshot scenarios/billing.snap is missing; run `flowsim test --accept` to write it"
    );
    assert_eq!(event["data"]["passed"], false);
}

#[test]
fn junit_file_is_written() {
    let project = menu_project();
    let junit = project.path().join("results.xml");
    let output = flowsim_test(project.path(), &["--junit", "results.xml"]);
    assert_eq!(exit_code(&output), 1);
    let xml = fs::read_to_string(&junit).expect("the JUnit file exists");
    assert!(
        xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"),
        "{xml}"
    );
    assert!(
        xml.contains(r#"<testsuites name="flowsim" tests="2" failures="2" errors="0">"#),
        "{xml}"
    );
    assert!(
        xml.contains(r#"<testsuite name="menu.json" tests="2" failures="2" errors="0">"#),
        "{xml}"
    );
    assert!(
        xml.contains(
            r#"<testcase name="billing" classname="menu.json" file="scenarios/billing.scenario.json">"#
        ),
        "{xml}"
    );
    assert!(xml.contains(r#"type="missingSnapshot""#), "{xml}");
}

#[test]
fn coverage_lists_missed_transitions() {
    let project = menu_project();
    accept(project.path());
    let output = flowsim_test(project.path(), &["--coverage"]);
    let text = stdout(&output);
    assert_eq!(exit_code(&output), 0, "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn min_coverage_fails_under_the_threshold() {
    let project = menu_project();
    accept(project.path());
    // 5 of the 12 transitions not proven dead: 41.7%.
    let under = flowsim_test(project.path(), &["--min-coverage", "42"]);
    let text = stdout(&under);
    assert_eq!(exit_code(&under), 1, "{text}");
    assert!(
        text.contains(
            "coverage of menu.json is 41.6% of the transitions not proven dead, under the minimum of 42%"
        ),
        "{text}"
    );
    let over = flowsim_test(project.path(), &["--min-coverage", "41"]);
    assert_eq!(exit_code(&over), 0, "{}", stdout(&over));
}

#[test]
fn no_scenarios_is_a_usage_error() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let output = flowsim_test(folder.path(), &[]);
    assert_eq!(exit_code(&output), 2);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("no *.scenario.json files found under ."),
        "{stderr}"
    );
}

#[test]
fn target_folders_are_skipped() {
    let project = menu_project();
    let target = project.path().join("target");
    fs::create_dir(&target).expect("the temporary folder is writable");
    fs::write(target.join("stale.scenario.json"), "{not json").expect("the temporary folder is writable");
    accept(project.path());
    let output = flowsim_test(project.path(), &[]);
    assert_eq!(exit_code(&output), 0, "{}", stdout(&output));
}

#[test]
fn unreadable_scenario_fails_only_itself() {
    let project = menu_project();
    accept(project.path());
    let broken: PathBuf = project.path().join("scenarios/broken.scenario.json");
    fs::write(&broken, r#"{"expect": {"ends": "disconnected"}}"#).expect("the temporary folder is writable");
    let output = flowsim_test(project.path(), &[]);
    let text = stdout(&output);
    assert_eq!(exit_code(&output), 1, "{text}");
    assert!(text.contains("PASS  scenarios/billing.scenario.json\n"), "{text}");
    assert!(text.contains("FAIL  scenarios/broken.scenario.json\n"), "{text}");
    assert!(text.contains("unknown field `ends`"), "{text}");
    assert!(text.ends_with("2 passed, 1 failed\n"), "{text}");
}

#[test]
fn example_snapshots_are_current() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = flowsim_test(root, &["flows"]);
    let text = stdout(&output);
    assert_eq!(
        exit_code(&output),
        0,
        "run `flowsim test flows --accept` and read the diff:\n{text}"
    );
    assert!(text.ends_with(" passed, 0 failed\n"), "{text}");
}

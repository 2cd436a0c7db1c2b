//! `flowsim run` on a folder of flows: entry choice, module calls, transfers and the resource map.

use std::process::{Command, Output};

const EXAMPLE: &str = "flows/module-and-transfer";
const BILLING_ID: &str = "c41e9f07-8b2d-4d6a-b3f5-96a0e7d2c3a4";

fn flowsim(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_flowsim"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the flowsim binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn scenario(name: &str) -> String {
    format!("{EXAMPLE}/scenarios/{name}.scenario.json")
}

#[test]
fn folder_run_follows_module_and_transfer() {
    let output = flowsim(&[
        "run",
        EXAMPLE,
        "--start",
        "support-inbound.json",
        "--scenario",
        &scenario("premium-caller"),
    ]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "stderr: {}", stderr(&output));
    assert!(
        text.contains("flow set: flows/module-and-transfer (3 flows and modules)"),
        "{text}"
    );
    assert!(
        text.contains("[call module e2f4a6b8-1c3d-4e5f-8a9b-0c1d2e3f4a5b]"),
        "{text}"
    );
    assert!(text.contains("[return \"Premium\" from module]"), "{text}");
    assert!(
        text.contains(&format!("[transfer to flow {BILLING_ID}]")),
        "{text}"
    );
    assert!(
        text.contains("note    enter flow \"Harborline billing\""),
        "{text}"
    );
    assert!(text.contains("Hello Maya. As a premium customer"), "{text}");
    let filled = "lambda arn:aws:lambda:us-east-1:123456789012:function:harborline-account-lookup:";
    assert!(text.contains(filled), "{text}");
    assert!(text.contains("ended: transferred to queue"), "{text}");
}

#[test]
fn scenario_flow_picks_entry() {
    let output = flowsim(&["run", "--scenario", &scenario("standard-caller")]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "stderr: {}", stderr(&output));
    assert!(text.contains(": \"Standard\" Equals \"Standard\"]"), "{text}");
    assert!(!text.contains("prompt: Hello"), "{text}");
    assert!(text.contains("\"customerTier\": \"standard\""), "{text}");
}

#[test]
fn module_error_takes_error_branch() {
    let output = flowsim(&["run", "--scenario", &scenario("lookup-fails")]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "stderr: {}", stderr(&output));
    assert!(text.contains("[return \"Error\" from module]"), "{text}");
    assert!(text.contains("[error NoMatchingError]"), "{text}");
    assert!(!text.contains("transfer to flow"), "{text}");
}

#[test]
fn start_by_resource_map_name() {
    let output = flowsim(&["run", EXAMPLE, "--start", "Harborline billing"]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "stderr: {}", stderr(&output));
    assert!(text.starts_with("flow \"Harborline billing\""), "{text}");
}

#[test]
fn start_by_unknown_name_fails() {
    let output = flowsim(&["run", EXAMPLE, "--start", "Billing"]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(message.contains("--start \"Billing\" not found"), "{message}");
    assert!(message.contains("flowsim.resources.json"), "{message}");
}

#[test]
fn folder_without_start_lists_flows() {
    let output = flowsim(&["run", EXAMPLE]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(message.contains("holds 2 flows"), "{message}");
    assert!(
        message.contains("choose the entry flow with --start"),
        "{message}"
    );
}

#[test]
fn start_needs_a_folder() {
    let output = flowsim(&["run", "flows/dtmf-menu/dtmf-menu.json", "--start", "dtmf-menu"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("needs a folder of flows"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn json_output_names_flow_set() {
    let output = flowsim(&["run", "--json", "--scenario", &scenario("billing-queue-full")]);
    assert_eq!(output.status.code(), Some(0), "stderr: {}", stderr(&output));
    let events: Vec<serde_json::Value> = stdout(&output)
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is JSON"))
        .collect();
    let kinds: Vec<&str> = events
        .iter()
        .map(|e| e["type"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(kinds[..2], ["diagnostic", "flow"]);
    assert_eq!(events[0]["data"]["code"], "FG050");
    assert_eq!(events[1]["data"]["flowSet"]["members"], 3);
}

#[test]
fn module_input_rejected_for_flow_entry() {
    let folder = tempfile::tempdir().expect("a temporary folder can be created");
    let scenario = folder.path().join("inbound.scenario.json");
    let flow = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(EXAMPLE)
        .join("support-inbound.json");
    let text = serde_json::json!({
        "flow": flow,
        "contact": {"moduleInput": {"customerNumber": "+15550100101"}}
    });
    std::fs::write(&scenario, text.to_string()).expect("the scenario is written");
    let scenario = scenario.to_string_lossy().to_string();

    let output = flowsim(&["run", "--scenario", &scenario]);
    assert_eq!(output.status.code(), Some(2), "{}", stdout(&output));
    assert!(
        stderr(&output).contains(
            "`contact.moduleInput` is set, but the entry flow \"Harborline support inbound\" is not a flow module"
        ),
        "{}",
        stderr(&output)
    );

    let output = flowsim(&[
        "explore",
        EXAMPLE,
        "--start",
        "support-inbound.json",
        "--scenario",
        &scenario,
    ]);
    assert_eq!(output.status.code(), Some(2), "{}", stdout(&output));
    assert!(
        stderr(&output).contains("is not a flow module"),
        "{}",
        stderr(&output)
    );

    let output = flowsim(&[
        "explore",
        "flows/dtmf-menu/dtmf-menu.json",
        "--scenario",
        &scenario,
    ]);
    assert_eq!(output.status.code(), Some(2), "{}", stdout(&output));
}

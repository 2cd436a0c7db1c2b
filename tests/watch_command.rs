//! `flowsim run --watch/--break/--until` and `flowsim query`: output snapshots, exit codes and a
//! closed output pipe.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader};
use std::process::{Command, Output, Stdio};

const GOLD_CALLER: &str = "flows/caller-lookup/scenarios/gold-caller.scenario.json";
const BALANCE: &str = "flows/dtmf-menu/scenarios/balance.scenario.json";
const DTMF_MENU: &str = "flows/dtmf-menu/dtmf-menu.json";

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

fn json_lines(output: &Output) -> Vec<Value> {
    stdout(output)
        .lines()
        .map(|line| serde_json::from_str(line).expect("each output line is JSON"))
        .collect()
}

/// Returns a flow whose first block sets `$.Attributes['a b']` and whose other two blocks loop
/// over each other forever.
fn looping_flow() -> Value {
    json!({
        "Version": "2019-10-30",
        "StartAction": "set",
        "Metadata": {"ActionMetadata": {"set": {"friendlyName": "Set greeting"}}},
        "Actions": [
            {
                "Identifier": "set",
                "Type": "UpdateContactAttributes",
                "Parameters": {"Attributes": {"a b": "hello"}, "TargetContact": "Current"},
                "Transitions": {
                    "NextAction": "ping",
                    "Errors": [{"NextAction": "ping", "ErrorType": "NoMatchingError"}]
                }
            },
            {
                "Identifier": "ping",
                "Type": "MessageParticipant",
                "Parameters": {"Text": "ping"},
                "Transitions": {
                    "NextAction": "pong",
                    "Errors": [{"NextAction": "pong", "ErrorType": "NoMatchingError"}]
                }
            },
            {
                "Identifier": "pong",
                "Type": "MessageParticipant",
                "Parameters": {"Text": "pong"},
                "Transitions": {
                    "NextAction": "ping",
                    "Errors": [{"NextAction": "ping", "ErrorType": "NoMatchingError"}]
                }
            }
        ]
    })
}

fn write_looping_flow(folder: &tempfile::TempDir) -> String {
    let path = folder.path().join("loop.json");
    std::fs::write(&path, looping_flow().to_string()).expect("the flow file can be written");
    path.to_string_lossy().into_owned()
}

#[test]
fn watch_prints_start_and_changes() {
    let output = flowsim(&[
        "run",
        "--scenario",
        GOLD_CALLER,
        "--watch",
        "$.Customer.Attributes.tier",
        "--watch",
        "$.Customer.FirstName",
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let watch_lines: Vec<String> = stdout(&output)
        .lines()
        .filter(|line| line.trim_start().starts_with("watch "))
        .map(str::to_string)
        .collect();
    insta::assert_snapshot!(watch_lines.join("\n"));
}

#[test]
fn watch_json_events() {
    let output = flowsim(&[
        "run",
        "--json",
        "--scenario",
        BALANCE,
        "--watch",
        "$.External.balance",
    ]);
    assert!(output.status.success());
    let watches: Vec<Value> = json_lines(&output)
        .into_iter()
        .filter(|line| line["type"] == "watch")
        .collect();
    insta::assert_json_snapshot!(watches);
}

#[test]
fn watch_bracket_path_with_space() {
    let folder = tempfile::tempdir().expect("a temporary folder can be created");
    let flow = write_looping_flow(&folder);
    let output = flowsim(&["run", &flow, "--until", "3", "--watch", "$.Attributes['a b']"]);
    assert!(output.status.success());
    let text = stdout(&output);
    assert!(
        text.contains("watch   $.Attributes['a b'] = missing at the start"),
        "{text}"
    );
    assert!(
        text.contains(
            r#"watch   $.Attributes['a b'] = "hello" (was missing), changed by step 1 set "Set greeting""#
        ),
        "{text}"
    );
}

#[test]
fn watch_rejects_invalid_path() {
    let cases = [
        (
            "Attributes.tier",
            "flowsim: --watch: invalid attribute path `Attributes.tier`: a path starts with `$.`; \
             did you mean `$.Attributes.tier`?\n",
        ),
        (
            "Foo.bar",
            "flowsim: --watch: invalid attribute path `Foo.bar`: a path starts with `$.`, such as \
             `$.Attributes.tier`\n",
        ),
        (
            "$.Attributes.",
            "flowsim: --watch: invalid attribute path `$.Attributes.`: the path ends with a dot at \
             byte 12; write a Connect path such as `$.Attributes.tier`\n",
        ),
    ];
    for (path, expected) in cases {
        let output = flowsim(&["run", "--scenario", BALANCE, "--watch", path]);
        assert_eq!(output.status.code(), Some(2), "--watch {path}");
        assert_eq!(
            String::from_utf8_lossy(&output.stderr),
            expected,
            "--watch {path}"
        );
    }
}

#[test]
fn watch_unknown_namespace_warns() {
    let output = flowsim(&["run", "--scenario", BALANCE, "--watch", "$.Externl.balance"]);
    assert_eq!(output.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(
            "flowsim: warning: --watch `$.Externl.balance` reads namespace `Externl`, which Connect \
             does not have, so it stays missing; did you mean `$.External`? Connect's namespaces \
             include `$.Attributes`, `$.External`,"
        ),
        "{stderr}"
    );
    assert!(
        stdout(&output).contains("watch   $.Externl.balance = missing at the start"),
        "{}",
        stdout(&output)
    );

    let known = flowsim(&["run", "--scenario", BALANCE, "--watch", "$.External.balance"]);
    let stderr = String::from_utf8_lossy(&known.stderr);
    assert!(!stderr.contains("--watch"), "{stderr}");
}

#[test]
fn break_stops_before_named_block() {
    let output = flowsim(&[
        "run",
        "--scenario",
        BALANCE,
        "--break",
        "af192450-1352-4546-9f33-f63df0b7eb1c",
    ]);
    assert_eq!(output.status.code(), Some(0));
    insta::assert_snapshot!(stdout(&output));
}

#[test]
fn break_by_block_name() {
    let folder = tempfile::tempdir().expect("a temporary folder can be created");
    let flow = write_looping_flow(&folder);
    let output = flowsim(&["run", &flow, "--json", "--break", "Set greeting"]);
    assert_eq!(output.status.code(), Some(0));
    let lines = json_lines(&output);
    let end = lines.last().expect("the run prints an end event");
    assert_eq!(end["type"], "end");
    assert_eq!(end["data"]["outcome"]["kind"], "stopped");
    assert_eq!(end["data"]["outcome"]["step"], 1);
    assert_eq!(end["data"]["steps"], 0);
    assert!(lines.iter().all(|line| line["type"] != "step"));
}

#[test]
fn break_unknown_block_rejected() {
    let cases = [
        (
            "nope",
            "--break \"nope\" names no block of the flow by Identifier or name",
        ),
        (
            "0463893e",
            "--break \"0463893e\" names no block of the flow by Identifier or name; \
             did you mean \"0463893e-fc6a-40e5-9405-dc3a332b333c\"?",
        ),
    ];
    for (block, expected) in cases {
        let output = flowsim(&["run", "--scenario", GOLD_CALLER, "--break", block]);
        assert_eq!(output.status.code(), Some(2), "--break {block}");
        assert!(output.stdout.is_empty(), "--break {block}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(expected), "--break {block}: {stderr}");
    }
}

#[test]
fn break_in_transfer_target_flow() {
    let billing_greeting = "c2f3a4b5-6d7e-4f80-9b92-b3c4d5e6f7a8";
    let output = flowsim(&[
        "run",
        "--json",
        "--scenario",
        "flows/module-and-transfer/scenarios/premium-caller.scenario.json",
        "--break",
        billing_greeting,
    ]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let lines = json_lines(&output);
    let end = &lines.last().expect("the run prints an end event")["data"];
    assert_eq!(end["outcome"]["kind"], "stopped");
    assert_eq!(end["outcome"]["identifier"], billing_greeting);

    let misspelt = flowsim(&[
        "run",
        "--scenario",
        "flows/module-and-transfer/scenarios/premium-caller.scenario.json",
        "--break",
        "c2f3a4b5",
    ]);
    assert_eq!(misspelt.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&misspelt.stderr);
    assert!(
        stderr.contains(
            "--break \"c2f3a4b5\" names no block of the run's flows by Identifier or name; did you \
             mean \"c2f3a4b5-6d7e-4f80-9b92-b3c4d5e6f7a8\"?"
        ),
        "{stderr}"
    );
}

#[test]
fn until_stops_after_step() {
    let output = flowsim(&["run", "--json", "--scenario", BALANCE, "--until", "6"]);
    assert_eq!(output.status.code(), Some(0));
    let lines = json_lines(&output);
    let steps = lines.iter().filter(|line| line["type"] == "step").count();
    assert_eq!(steps, 6);
    let end = &lines.last().expect("the run prints an end event")["data"];
    assert_eq!(end["outcome"]["kind"], "stopped");
    assert_eq!(end["identifier"], "5381f807-9ebf-438a-bede-13b813856565");
    assert_eq!(end["state"]["External"]["balance"], "42.10");
}

#[test]
fn until_past_the_end_runs_to_end() {
    let output = flowsim(&["run", "--json", "--scenario", BALANCE, "--until", "50"]);
    assert_eq!(output.status.code(), Some(0));
    let lines = json_lines(&output);
    let end = &lines.last().expect("the run prints an end event")["data"];
    assert_eq!(end["outcome"]["kind"], "ended");
    assert_eq!(end["steps"], 10);
}

#[test]
fn closed_pipe_ends_run_early() {
    let folder = tempfile::tempdir().expect("a temporary folder can be created");
    let flow = write_looping_flow(&folder);
    let mut child = Command::new(env!("CARGO_BIN_EXE_flowsim"))
        .args(["run", &flow, "--step-budget", "1000000"])
        .stdout(Stdio::piped())
        .spawn()
        .expect("the flowsim binary starts");
    let stdout = child.stdout.take().expect("stdout is piped");
    let first_lines: Vec<String> = BufReader::new(stdout)
        .lines()
        .take(3)
        .map(|line| line.expect("a line of the trace"))
        .collect();
    assert_eq!(first_lines.len(), 3);
    let status = child.wait().expect("flowsim exits");
    // A run that spent the whole step budget would exit with 3; a run stopped by the closed pipe
    // exits with 0.
    assert_eq!(status.code(), Some(0));
}

#[test]
fn query_at_several_steps() {
    let cases: [(&str, &str, Option<Value>); 5] = [
        ("0", "$.External.balance", None),
        ("5", "$.External.balance", None),
        ("6", "$.External.balance", Some(json!("42.10"))),
        (
            "10",
            "$.External",
            Some(json!({"balance": "42.10", "dueDate": "June 3"})),
        ),
        ("2", "$.TextToSpeechVoiceId", Some(json!("Joanna"))),
    ];
    for (at, path, expected) in cases {
        let output = flowsim(&["query", DTMF_MENU, "--scenario", BALANCE, "--at", at, path]);
        match expected {
            Some(value) => {
                assert_eq!(output.status.code(), Some(0), "--at {at} {path}");
                let printed: Value = serde_json::from_slice(&output.stdout).expect("query prints JSON");
                assert_eq!(printed, value, "--at {at} {path}");
            }
            None => {
                assert_eq!(output.status.code(), Some(1), "--at {at} {path}");
                assert!(output.stdout.is_empty(), "--at {at} {path}");
            }
        }
    }
}

#[test]
fn query_flow_from_scenario() {
    let output = flowsim(&["query", "--scenario", BALANCE, "--at", "6", "$.External.balance"]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let printed: Value = serde_json::from_slice(&output.stdout).expect("query prints JSON");
    assert_eq!(printed, json!("42.10"));
}

#[test]
fn query_without_flow_or_scenario_fails() {
    let output = flowsim(&["query", "--at", "6", "$.External.balance"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no flow to run"), "{stderr}");
}

#[test]
fn query_selecting_nothing_exits_1() {
    let paths = [
        "$.External.missing",
        "$.External[?@ == 'no such value']",
        "$.Attributes[*]",
    ];
    for path in paths {
        let output = flowsim(&["query", "--scenario", BALANCE, "--at", "6", path]);
        assert_eq!(output.status.code(), Some(1), "{path}");
        assert!(output.stdout.is_empty(), "{path}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(
            stderr,
            format!("flowsim: {path} selects nothing in the contact state after step 6\n")
        );

        let json = flowsim(&["query", "--scenario", BALANCE, "--json", "--at", "6", path]);
        assert_eq!(json.status.code(), Some(1), "{path}");
        assert_eq!(
            json_lines(&json),
            vec![json!({"type": "query", "data": {"path": path, "step": 6, "found": false, "value": null}})]
        );
    }
}

#[test]
fn query_rfc_filter_selects_array() {
    let output = flowsim(&[
        "query",
        DTMF_MENU,
        "--scenario",
        BALANCE,
        "--at",
        "6",
        "$.External[?@ == 'June 3']",
    ]);
    assert_eq!(output.status.code(), Some(0));
    let printed: Value = serde_json::from_slice(&output.stdout).expect("query prints JSON");
    assert_eq!(printed, json!(["June 3"]));
}

#[test]
fn query_json_envelope() {
    let output = flowsim(&[
        "query",
        DTMF_MENU,
        "--scenario",
        BALANCE,
        "--json",
        "--at",
        "6",
        "$.External.dueDate",
    ]);
    assert_eq!(output.status.code(), Some(0));
    let lines = json_lines(&output);
    assert_eq!(
        lines,
        vec![
            json!({"type": "query", "data": {"path": "$.External.dueDate", "step": 6, "found": true, "value": "June 3"}})
        ]
    );
}

#[test]
fn query_past_the_end_fails() {
    let output = flowsim(&[
        "query",
        DTMF_MENU,
        "--scenario",
        BALANCE,
        "--at",
        "11",
        "$.External",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("--at 11 is past the end of the run, which ended after 10 steps"),
        "{stderr}"
    );
    assert!(stderr.contains("give --at 10 or less"), "{stderr}");
}

#[test]
fn query_invalid_path_fails() {
    let examples = "write a Connect path such as `$.Attributes.tier` or a JSONPath such as \
                    `$.Attributes[?@ == 'gold']`";
    let cases = [
        (
            "$.External[?bad",
            format!("invalid path \"$.External[?bad\": it is not valid RFC 9535 JSONPath; {examples}"),
        ),
        (
            "$.External.",
            format!(
                "invalid path \"$.External.\": as a Connect path, the path ends with a dot at byte 10, \
                 and it is not RFC 9535 JSONPath either; {examples}"
            ),
        ),
        (
            "External.balance",
            "invalid path \"External.balance\": a path starts with `$`; did you mean \
             `$.External.balance`?"
                .to_string(),
        ),
        (
            "balance",
            format!("invalid path \"balance\": a path starts with `$`; {examples}"),
        ),
    ];
    for (path, expected) in cases {
        let output = flowsim(&["query", DTMF_MENU, "--scenario", BALANCE, "--at", "1", path]);
        assert_eq!(output.status.code(), Some(2), "{path}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(stderr, format!("flowsim: {expected}\n"), "{path}");
    }
}

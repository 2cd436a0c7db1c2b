//! `flowsim run --interactive`: questions for what the scenario leaves open, and a saved session that
//! replays to the same trace.
//!
//! These tests pipe the answers into standard input and read the questions from standard error.
//! tests/interactive_pty.rs checks how a terminal shows them.

use serde_json::{Value, json};
use std::io::Write;
use std::process::{Command, Output, Stdio};

const DTMF_MENU: &str = "flows/dtmf-menu/dtmf-menu.json";
const CALLER_LOOKUP: &str = "flows/caller-lookup/caller-lookup.json";
/// A caller-lookup scenario with no `profiles` section, for the caller +15550100101.
const NO_PROFILES: &str = "tests/fixtures/no-profiles-scenario.json";
const BALANCE_LAMBDA: &str = "arn:aws:lambda:us-east-1:123456789012:function:harborline-balance-lookup";

fn flowsim_with_input(args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_flowsim"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the flowsim binary starts");
    let mut stdin = child.stdin.take().expect("stdin is piped");
    stdin
        .write_all(input.as_bytes())
        .expect("the answers can be written");
    drop(stdin);
    child.wait_with_output().expect("flowsim exits")
}

fn flowsim(args: &[&str]) -> Output {
    flowsim_with_input(args, "")
}

/// Returns the step events of a `--json` run, which name no file paths.
fn steps(output: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str::<Value>(line).expect("each output line is JSON"))
        .filter(|line| line["type"] == "step")
        .collect()
}

/// Returns the answers of every step, each with its `assumed` flag.
fn answers(steps: &[Value]) -> Vec<Value> {
    steps
        .iter()
        .flat_map(|step| step["data"]["answers"].as_array().cloned().unwrap_or_default())
        .collect()
}

#[test]
fn session_saved_and_replayed() {
    let folder = tempfile::tempdir().expect("a temporary folder can be created");
    let saved = folder.path().join("session.scenario.json");
    let saved_text = saved.to_string_lossy().into_owned();
    let typed = "yes\n1\n{\"balance\": \"7.00\", \"dueDate\": \"May 1\"}\ntimeout\n";
    let session = flowsim_with_input(
        &["run", DTMF_MENU, "--json", "--interactive", "--save", &saved_text],
        typed,
    );
    assert!(
        session.status.success(),
        "{}",
        String::from_utf8_lossy(&session.stderr)
    );

    let scenario: Value =
        serde_json::from_str(&std::fs::read_to_string(&saved).expect("the session was saved")).expect("JSON");
    assert_eq!(scenario["inputs"], json!(["1", "timeout"]));
    assert_eq!(
        scenario["lambda"][BALANCE_LAMBDA],
        json!([{"response": {"balance": "7.00", "dueDate": "May 1"}}])
    );
    assert_eq!(scenario["hours"].as_object().map(|hours| hours.len()), Some(1));

    let replay = flowsim(&["run", "--json", "--scenario", &saved_text]);
    assert!(
        replay.status.success(),
        "{}",
        String::from_utf8_lossy(&replay.stderr)
    );
    let session_steps = steps(&session);
    assert_eq!(session_steps, steps(&replay));
    assert!(
        answers(&session_steps)
            .iter()
            .all(|answer| answer["assumed"] == false)
    );
}

#[test]
fn questions_show_prompt_first() {
    let session = flowsim_with_input(&["run", DTMF_MENU, "--interactive"], "yes\n3\n");
    let questions = String::from_utf8_lossy(&session.stderr);
    let prompt = questions
        .find("the caller hears: For your account balance, press 1.")
        .expect("the menu prompt is shown");
    let keys = questions
        .find("keys at block 2f8fa4ff-cd06-4312-aada-129f3ec8d3fa")
        .expect("the keys are asked for");
    assert!(prompt < keys, "{questions}");
}

#[test]
fn invalid_answer_asked_again() {
    let session = flowsim_with_input(&["run", DTMF_MENU, "--json", "--interactive"], "maybe\nno\n");
    let questions = String::from_utf8_lossy(&session.stderr);
    assert!(
        questions.contains("invalid answer \"maybe\": expected yes or no"),
        "{questions}"
    );
    let steps = steps(&session);
    let hours = &steps[2]["data"];
    assert_eq!(hours["type"], "CheckHoursOfOperation");
    assert_eq!(hours["branch"]["result"], "False");
}

#[test]
fn end_of_input_keeps_defaults() {
    let session = flowsim_with_input(&["run", DTMF_MENU, "--json", "--interactive"], "");
    assert!(session.status.success());
    let steps = steps(&session);
    let plain = flowsim(&["run", DTMF_MENU, "--json"]);
    assert_eq!(steps, self::steps(&plain));
    assert!(answers(&steps).iter().all(|answer| answer["assumed"] == true));
}

#[test]
fn profile_store_chosen_inline() {
    let folder = tempfile::tempdir().expect("a temporary folder can be created");
    let saved = folder.path().join("profile.scenario.json");
    let saved_text = saved.to_string_lossy().into_owned();
    let profile = json!({"ProfileId": "p1", "FirstName": "Ana", "PhoneNumber": "+15550100100"});
    let typed = format!("2\n{profile}\n");
    let session = flowsim_with_input(
        &[
            "run",
            CALLER_LOOKUP,
            "--json",
            "--interactive",
            "--save",
            &saved_text,
        ],
        &typed,
    );
    assert!(
        session.status.success(),
        "{}",
        String::from_utf8_lossy(&session.stderr)
    );
    let questions = String::from_utf8_lossy(&session.stderr);
    assert!(
        questions.contains("the scenario has no profile store"),
        "{questions}"
    );

    let scenario: Value =
        serde_json::from_str(&std::fs::read_to_string(&saved).expect("the session was saved")).expect("JSON");
    assert_eq!(scenario["profiles"], json!([profile]));
    assert!(scenario.get("inputs").is_none());

    let session_steps = steps(&session);
    let writes_first_name = session_steps
        .iter()
        .flat_map(|step| step["data"]["writes"].as_array().cloned().unwrap_or_default())
        .any(|write| write["path"] == "$.Customer.FirstName" && write["value"] == "Ana");
    assert!(writes_first_name);
    let replay = flowsim(&["run", "--json", "--scenario", &saved_text]);
    assert_eq!(session_steps, steps(&replay));
}

#[test]
fn profile_without_id_gets_one() {
    let folder = tempfile::tempdir().expect("a temporary folder can be created");
    let saved = folder.path().join("profile.scenario.json");
    let saved_text = saved.to_string_lossy().into_owned();
    let typed = "2\n{\"FirstName\": \"Maya\", \"PhoneNumber\": \"+15550100101\"}\n";
    let session = flowsim_with_input(
        &[
            "run",
            "--scenario",
            NO_PROFILES,
            "--json",
            "--interactive",
            "--save",
            &saved_text,
        ],
        typed,
    );
    assert_eq!(
        session.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&session.stderr)
    );

    let scenario: Value =
        serde_json::from_str(&std::fs::read_to_string(&saved).expect("the session was saved")).expect("JSON");
    assert_eq!(
        scenario["profiles"],
        json!([{
            "ProfileId": "00000000000000000000000000000001",
            "FirstName": "Maya",
            "PhoneNumber": "+15550100101"
        }])
    );

    let session_steps = steps(&session);
    let writes_profile_id = session_steps
        .iter()
        .flat_map(|step| step["data"]["writes"].as_array().cloned().unwrap_or_default())
        .any(|write| {
            write["path"] == "$.Customer.ProfileId" && write["value"] == "00000000000000000000000000000001"
        });
    assert!(writes_profile_id);
    let replay = flowsim(&["run", "--json", "--scenario", &saved_text]);
    assert_eq!(
        replay.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&replay.stderr)
    );
    assert_eq!(session_steps, steps(&replay));
}

#[test]
fn invalid_profile_asked_again() {
    let typed = "2\n{\"FirstNme\": \"Maya\"}\n{\"Gender\": \"x\"}\nMaya\n{\"FirstName\": \"Maya\"}\n";
    let session = flowsim_with_input(&["run", CALLER_LOOKUP, "--json", "--interactive"], typed);
    assert_eq!(session.status.code(), Some(0));
    let questions = String::from_utf8_lossy(&session.stderr);
    let rejections = [
        "invalid answer \"{\\\"FirstNme\\\": \\\"Maya\\\"}\": invalid profile: unknown field `FirstNme`",
        "invalid answer \"{\\\"Gender\\\": \\\"x\\\"}\": invalid profile: invalid Gender \"x\"",
        "invalid answer \"Maya\": expected a JSON object, but it is not valid JSON",
    ];
    for rejection in rejections {
        assert!(questions.contains(rejection), "{rejection}\n{questions}");
    }
    let profile_questions = questions.matches("profile as a JSON object").count();
    assert_eq!(profile_questions, 4, "{questions}");
    assert!(!steps(&session).is_empty());
}

#[test]
fn save_requires_interactive() {
    let output = flowsim(&["run", DTMF_MENU, "--save", "session.scenario.json"]);
    assert_eq!(output.status.code(), Some(2));
}

//! `flowsim explore`: JSON events, and written scenarios that `flowsim run` replays to their branch.

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

fn flowsim(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_flowsim"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the flowsim binary runs")
}

fn json_lines(output: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).expect("each output line is JSON"))
        .collect()
}

fn events<'a>(lines: &'a [Value], kind: &str) -> Vec<&'a Value> {
    lines.iter().filter(|line| line["type"] == kind).collect()
}

/// Returns true when the run's JSON trace has a step at `identifier` that leads to `target`.
fn run_takes(scenario: &Path, identifier: &str, target: &str) -> bool {
    let output = flowsim(&["run", "--json", "--scenario", &scenario.to_string_lossy()]);
    json_lines(&output)
        .iter()
        .filter(|line| line["type"] == "step")
        .any(|step| step["data"]["identifier"] == identifier && step["data"]["next"] == target)
}

fn check_written_scenarios(flow: &str, base: Option<&str>) {
    let folder = tempfile::tempdir().expect("a temporary folder can be created");
    let folder_text = folder.path().to_string_lossy().to_string();
    let mut args = vec!["explore", "--json", flow, "--write-scenarios", &folder_text];
    if let Some(base) = base {
        args.extend(["--scenario", base]);
    }
    let output = flowsim(&args);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let lines = json_lines(&output);
    let transitions = events(&lines, "transition");
    let mut files: Vec<_> = std::fs::read_dir(folder.path())
        .expect("the folder was written")
        .map(|entry| entry.expect("the entry is readable").path())
        .filter(|path| path.to_string_lossy().ends_with(".scenario.json"))
        .collect();
    files.sort();
    assert_eq!(files.len(), transitions.len());
    for (file, transition) in files.iter().zip(&transitions) {
        let identifier = transition["data"]["transition"]["identifier"]
            .as_str()
            .unwrap_or_default();
        let target = transition["data"]["transition"]["target"]
            .as_str()
            .unwrap_or_default();
        assert!(
            run_takes(file, identifier, target),
            "{} does not reach {identifier} -> {target}",
            file.display()
        );
    }
}

#[test]
fn dtmf_menu_scenarios_replay() {
    check_written_scenarios("flows/dtmf-menu/dtmf-menu.json", None);
}

#[test]
fn caller_lookup_scenarios_replay() {
    check_written_scenarios(
        "flows/caller-lookup/caller-lookup.json",
        Some("flows/caller-lookup/scenarios/gold-caller.scenario.json"),
    );
}

#[test]
fn module_input_scenarios_replay() {
    check_written_scenarios("tests/fixtures/explore/contact-route-module.json", None);
}

#[test]
fn queue_name_scenarios_replay() {
    check_written_scenarios("tests/fixtures/explore/queue-name-whisper.json", None);
}

#[test]
fn dynamic_module_scenarios_replay() {
    check_written_scenarios("tests/fixtures/explore/dynamic-module-call.json", None);
    check_written_scenarios("tests/fixtures/explore/dynamic-folder/main.json", None);
}

#[test]
fn dynamic_module_in_folder_names_folder_module() {
    let output = flowsim(&[
        "explore",
        "--json",
        "tests/fixtures/explore/dynamic-folder/main.json",
    ]);
    assert!(output.status.success());
    let lines = json_lines(&output);
    let summary = &events(&lines, "summary")[0]["data"];
    assert_eq!(summary["reached"], 4);
    let large = events(&lines, "transition")
        .into_iter()
        .find(|event| event["data"]["transition"]["target"] == "large")
        .expect("the Large result is reached");
    let chosen = large["data"]["choices"][0]["choice"]["value"].as_str();
    assert_eq!(chosen, Some("size-check"));
}

#[test]
fn start_choices_reach_live_transitions() {
    for (flow, reached, dead) in [
        ("tests/fixtures/explore/contact-route-module.json", 4, 2),
        ("tests/fixtures/explore/queue-name-whisper.json", 9, 1),
        ("tests/fixtures/explore/dynamic-module-call.json", 10, 0),
    ] {
        let output = flowsim(&["explore", "--json", flow]);
        assert!(output.status.success(), "{flow}");
        let lines = json_lines(&output);
        let summary = &events(&lines, "summary")[0]["data"];
        assert_eq!(summary["reached"], reached, "{flow}");
        assert_eq!(summary["dead"], dead, "{flow}");
        assert_eq!(summary["unreached"], 0, "{flow}");
    }
}

#[test]
fn json_summary_counts_transitions() {
    let output = flowsim(&["explore", "--json", "flows/dtmf-menu/dtmf-menu.json"]);
    assert!(output.status.success());
    let lines = json_lines(&output);
    let summary = &events(&lines, "summary")[0]["data"];
    let reached = events(&lines, "transition").len();
    let not_reached = events(&lines, "unreached").len();
    assert_eq!(summary["transitions"], 62);
    assert_eq!(summary["reached"], reached);
    assert_eq!(reached + not_reached, 62);
}

#[test]
fn max_runs_bound_is_reported() {
    let output = flowsim(&["explore", "flows/dtmf-menu/dtmf-menu.json", "--max-runs", "3"]);
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success());
    assert!(
        text.contains("bound hit: exploration stopped after --max-runs 3 runs"),
        "{text}"
    );
}

/// Explores an example into a fresh folder, accepts the snapshots of the written scenarios and
/// returns the `coverage` events of `flowsim test --coverage --json` on them.
fn explored_coverage(explore_args: &[&str]) -> Vec<Value> {
    let folder = tempfile::tempdir().expect("a temporary folder can be created");
    let folder_text = folder.path().to_string_lossy().to_string();
    let mut args = vec!["explore"];
    args.extend(explore_args);
    args.extend(["--write-scenarios", &folder_text]);
    let explored = flowsim(&args);
    assert!(
        explored.status.success(),
        "{}",
        String::from_utf8_lossy(&explored.stderr)
    );

    let accepted = flowsim(&["test", "--accept", &folder_text]);
    assert!(
        accepted.status.success(),
        "{}{}",
        String::from_utf8_lossy(&accepted.stdout),
        String::from_utf8_lossy(&accepted.stderr)
    );
    let tested = flowsim(&[
        "test",
        "--coverage",
        "--json",
        "--min-coverage",
        "100",
        &folder_text,
    ]);
    assert!(
        tested.status.success(),
        "{}",
        String::from_utf8_lossy(&tested.stdout)
    );
    json_lines(&tested)
        .into_iter()
        .filter(|line| line["type"] == "coverage")
        .collect()
}

/// Renders each flow's coverage and its dead transitions with their reasons, one per line.
fn coverage_lines(coverage: &[Value]) -> String {
    let mut lines = Vec::new();
    for flow in coverage {
        let data = &flow["data"];
        assert_eq!(data["missed"], serde_json::json!([]), "{data}");
        lines.push(format!(
            "{}: {} of {} covered, live {}%",
            data["flow"]
                .as_str()
                .unwrap_or_default()
                .rsplit('/')
                .next()
                .unwrap_or_default(),
            data["covered"],
            data["total"],
            data["livePercent"]
        ));
        for dead in data["dead"].as_array().into_iter().flatten() {
            lines.push(format!(
                "  dead {} {}: {}",
                dead["identifier"].as_str().unwrap_or_default(),
                dead["branch"].as_str().unwrap_or_default(),
                dead["reason"].as_str().unwrap_or_default()
            ));
        }
    }
    lines.join("\n")
}

#[test]
fn explored_caller_lookup_covers_every_live_transition() {
    let coverage = explored_coverage(&["flows/caller-lookup/caller-lookup.json"]);
    insta::assert_snapshot!(coverage_lines(&coverage));
}

#[test]
fn explored_dtmf_menu_covers_every_live_transition() {
    let coverage = explored_coverage(&["flows/dtmf-menu/dtmf-menu.json"]);
    insta::assert_snapshot!(coverage_lines(&coverage));
}

#[test]
fn explored_module_and_transfer_covers_every_live_transition() {
    let coverage = explored_coverage(&["flows/module-and-transfer", "--start", "support-inbound.json"]);
    insta::assert_snapshot!(coverage_lines(&coverage));
}

#[test]
fn writing_again_replaces_the_earlier_exploration() {
    let folder = tempfile::tempdir().expect("a temporary folder can be created");
    let folder_text = folder.path().to_string_lossy().to_string();
    let own = folder.path().join("mine.scenario.json");
    std::fs::write(&own, r#"{"description": "kept: not written by the explorer"}"#).expect("writable");
    let stale = folder.path().join("999-old.scenario.json");
    std::fs::write(
        &stale,
        r#"{"description": "Takes NextAction; written by flowsim explore."}"#,
    )
    .expect("writable");
    std::fs::write(folder.path().join("999-old.snap"), "old trace").expect("writable");

    let output = flowsim(&[
        "explore",
        "flows/dtmf-menu/dtmf-menu.json",
        "--write-scenarios",
        &folder_text,
    ]);
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("removed 1 scenario(s) that an earlier flowsim explore wrote"),
        "{stderr}"
    );
    assert!(own.exists(), "a scenario the explorer did not write stays");
    assert!(!stale.exists());
    assert!(!folder.path().join("999-old.snap").exists());
}

#[test]
fn write_scenarios_keeps_user_files() {
    let folder = tempfile::tempdir().expect("a temporary folder can be created");
    let folder_text = folder.path().to_string_lossy().to_string();
    let args = [
        "explore",
        "flows/dtmf-menu/dtmf-menu.json",
        "--write-scenarios",
        &folder_text,
    ];

    let first = flowsim(&args);
    assert!(first.status.success());
    let message = String::from_utf8_lossy(&first.stderr).to_string();
    assert!(message.contains("wrote 56 scenario(s) to "), "{message}");

    let second = flowsim(&args);
    let message = String::from_utf8_lossy(&second.stderr).to_string();
    assert!(message.contains("removed 56 scenario(s)"), "{message}");
    assert!(message.contains("wrote 56 scenario(s) to "), "{message}");

    let kept = folder.path().join("001-bcbb4426-nextaction.scenario.json");
    std::fs::write(&kept, r#"{"description": "Mine now.", "flow": "x.json"}"#)
        .expect("the scenario is written");
    let edited = folder.path().join("002-0d6ba23f-nextaction.scenario.json");
    let mut scenario: Value =
        serde_json::from_str(&std::fs::read_to_string(&edited).expect("the scenario is readable"))
            .expect("the scenario is JSON");
    scenario["expect"] = serde_json::json!({"end": "disconnected"});
    std::fs::write(&edited, scenario.to_string()).expect("the scenario is written");

    let third = flowsim(&args);
    assert!(third.status.success());
    let message = String::from_utf8_lossy(&third.stderr).to_string();
    assert!(message.contains("removed 54 scenario(s)"), "{message}");
    assert!(message.contains("kept 1 scenario(s)"), "{message}");
    assert!(message.contains("wrote 56 scenario(s) to "), "{message}");
    let text = std::fs::read_to_string(&kept).expect("the kept scenario is readable");
    assert!(text.contains("Mine now."));
    let text = std::fs::read_to_string(&edited).expect("the edited scenario is readable");
    assert!(text.contains("\"expect\""));
    for renamed in ["001-bcbb4426-nextaction-2", "002-0d6ba23f-nextaction-2"] {
        let path = folder.path().join(format!("{renamed}.scenario.json"));
        assert!(path.exists(), "{} is missing", path.display());
    }
}

#[test]
fn folder_without_resource_map_warns_on_write() {
    let folder = tempfile::tempdir().expect("a temporary folder can be created");
    for name in ["main.json", "size-check.json"] {
        let source = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/explore/dynamic-folder")
            .join(name);
        std::fs::copy(&source, folder.path().join(name)).expect("the fixture is copied");
    }
    let folder_text = folder.path().to_string_lossy().to_string();
    let written = folder.path().join("explored");
    let written_text = written.to_string_lossy().to_string();
    let output = flowsim(&[
        "explore",
        &folder_text,
        "--start",
        "main.json",
        "--write-scenarios",
        &written_text,
    ]);
    assert!(output.status.success());
    let message = String::from_utf8_lossy(&output.stderr).to_string();
    assert!(
        message.contains("has no flowsim.resources.json, so `flowsim run --scenario` runs"),
        "{message}"
    );
}

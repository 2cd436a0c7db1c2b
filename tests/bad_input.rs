//! Bad input of every kind gets a clear message, not a panic: flows through `flowsim lint` and
//! `flowsim run`, scenarios and profile fixtures through their parsers.

use customer_profiles::{Fixture, LogicalOperator, SearchPair, SearchQuery};
use flow_scenario::Scenario;
use std::path::Path;
use std::process::Command;

const BAD_FIXTURES: &str = "tests/fixtures/bad";

/// Runs the flowsim binary from the repository root and returns its exit code and its standard
/// output followed by its standard error.
fn flowsim(args: &[&str]) -> (i32, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_flowsim"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the flowsim binary should start");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.code().unwrap_or(-1), text)
}

fn lint(file: &str) -> String {
    flowsim(&["lint", &format!("{BAD_FIXTURES}/{file}")]).1
}

#[test]
fn lint_bad_flows_name_problem() {
    let cases = [
        (
            "malformed-comma.json",
            "error[FG091]: invalid JSON at line 5, column 24: key must be a string",
        ),
        ("empty.json", "error[FG092]: file is empty"),
        (
            "top-level-array.json",
            "expected a flow object at the top level, found an array",
        ),
        (
            "top-level-string.json",
            "found a JSON string whose text is not valid JSON (expected ident at line 1, column 2 of the string)",
        ),
        ("missing-version.json", "error[FG010]: missing `Version`"),
        (
            "wrong-version.json",
            "`Version` is \"2020-01-01\", but Connect accepts only \"2019-10-30\"",
        ),
        ("missing-start.json", "error[FG011]: missing `StartAction`"),
        (
            "dangling-start.json",
            "error[FG012]: `StartAction` \"zz\" names no action",
        ),
        (
            "duplicate-identifier.json",
            "error[FG013]: duplicate `Identifier` \"a\"; /Actions/0 has it too",
        ),
        (
            "actions-object.json",
            "error[FG002]: `Actions` is an object, expected an array of actions",
        ),
        (
            "wrong-parameter-type.json",
            "error[FG026]: MessageParticipant parameter `Text` must be a string, number or boolean",
        ),
        (
            "invalid-attribute-path.json",
            "warning[FG057]: \"$.Attributes.[bad\" is not a valid attribute path",
        ),
        (
            "windows-1252.json",
            "warning[FG001]: file is not valid UTF-8 (first invalid byte 0xE9 at offset 135); decoded it as Windows-1252",
        ),
        (
            "utf16-bom.json",
            "warning[FG009]: file is UTF-16LE, not UTF-8; decoded it as UTF-16LE",
        ),
    ];
    for (file, expected) in cases {
        let output = lint(file);
        assert!(
            output.contains(expected),
            "{file}: expected {expected:?} in:\n{output}"
        );
    }
}

#[test]
fn utf16_file_hint_says_save_as_utf8() {
    let output = lint("utf16-bom.json");
    assert!(output.contains("save the file as UTF-8"), "{output}");
    assert!(output.contains("0 errors, 1 warning"), "{output}");
}

#[test]
fn oversized_and_deep_files_rejected() {
    let folder = tempfile::tempdir().expect("a temporary folder should be creatable");
    let big = folder.path().join("big.json");
    let padding = "a".repeat(flow_graph::load::MAX_FILE_BYTES);
    std::fs::write(
        &big,
        format!("{{\"Version\":\"2019-10-30\",\"x\":\"{padding}\"}}"),
    )
    .expect("write big.json");
    let deep = folder.path().join("deep.json");
    let depth = flow_graph::load::MAX_DEPTH + 1;
    let nested = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    std::fs::write(&deep, format!("{{\"Version\":\"2019-10-30\",\"x\":{nested}}}")).expect("write deep.json");

    let (_, output) = flowsim(&["lint", big.to_str().expect("temporary paths are UTF-8")]);
    assert!(output.contains("error[FG095]"), "{output}");
    assert!(
        output.contains("more than the limit of 16777216 bytes (16 MiB)"),
        "{output}"
    );
    let (_, output) = flowsim(&["lint", deep.to_str().expect("temporary paths are UTF-8")]);
    assert!(
        output.contains("error[FG096]: JSON nests deeper than 64 levels"),
        "{output}"
    );
}

#[test]
fn run_of_invalid_flow_exits_3() {
    let (code, output) = flowsim(&["run", &format!("{BAD_FIXTURES}/duplicate-identifier.json")]);
    assert_eq!(code, 3, "{output}");
    assert!(output.contains("duplicate `Identifier` \"a\""), "{output}");
}

#[test]
fn cycle_without_exit_exhausts_budget() {
    let (code, output) = flowsim(&["run", "--step-budget", "5", "tests/fixtures/endless-loop.json"]);
    assert_eq!(code, 3, "{output}");
    assert!(output.to_lowercase().contains("step budget"), "{output}");
}

fn scenario_error(file: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(BAD_FIXTURES)
        .join(file);
    let text = std::fs::read_to_string(&path).expect("the fixture should be readable");
    match Scenario::from_json(&text, None) {
        Ok(_) => panic!("{file} should be rejected"),
        Err(error) => error.to_string(),
    }
}

#[test]
fn scenario_unknown_field_rejected() {
    let message = scenario_error("unknown-field.scenario.json");
    assert!(
        message.starts_with("unknown field `colour`, expected one of"),
        "{message}"
    );
    assert!(message.contains("<scenario>:1:42 at /colour"), "{message}");
}

#[test]
fn scenario_channel_number_is_type_error() {
    let message = scenario_error("channel-number.scenario.json");
    assert!(
        message.starts_with("invalid type: 7, expected a string or an object"),
        "{message}"
    );
    assert!(message.contains("at /contact/channel"), "{message}");
    assert!(
        message.contains("channel is VOICE, CHAT, TASK or EMAIL"),
        "{message}"
    );
    assert!(!message.contains("JSON syntax"), "{message}");
}

fn fixture_error(file: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(BAD_FIXTURES)
        .join(file);
    let text = std::fs::read_to_string(&path).expect("the fixture should be readable");
    match Fixture::parse(&text, file) {
        Ok(_) => panic!("{file} should be rejected"),
        Err(error) => error.to_string(),
    }
}

#[test]
fn profile_fixture_errors_locate_problem() {
    let cases = [
        (
            "duplicate-profile-id.json",
            "duplicate-profile-id.json:1:21: duplicate ProfileId \"p1\" at index 1 (line 1); the first is at index 0",
        ),
        (
            "unreadable-line.ndjson",
            "unreadable-line.ndjson:2:17: invalid profile at index 1: EOF while parsing an object",
        ),
        (
            "wrong-type-profile.json",
            "wrong-type-profile.json:1:32: invalid profile at index 0: invalid type: integer `5`, expected a string",
        ),
    ];
    for (file, expected) in cases {
        let message = fixture_error(file);
        assert!(
            message.starts_with(expected),
            "{file}: expected {expected:?}, got {message:?}"
        );
    }
}

#[test]
fn profile_identifier_over_255_rejected() {
    let account = "x".repeat(256);
    let text = format!(r#"[{{"ProfileId":"p1","AccountNumber":"{account}"}}]"#);
    let message = Fixture::parse(&text, "long.json")
        .expect_err("a 256-character value should be rejected")
        .to_string();
    assert!(
        message.contains("AccountNumber has 256 characters but at most 255 are allowed"),
        "{message}"
    );
}

#[test]
fn six_profile_identifiers_rejected() {
    let output = lint("six-profile-identifiers.json");
    assert!(
        output.contains("error[FG041]: GetCustomerProfile searches by 6 identifiers, more than 5"),
        "{output}"
    );
    assert!(
        output.contains("at /Actions/0/Parameters/ProfileRequestData"),
        "{output}"
    );
}

#[test]
fn search_query_limits_rejected() {
    let pairs = (0..6)
        .map(|i| SearchPair::new("_phone", &format!("+1555010010{i}")))
        .collect();
    let error = SearchQuery::new(pairs, LogicalOperator::Or).expect_err("six pairs should be rejected");
    assert_eq!(
        error.to_string(),
        "the search has 6 identifiers but at most 5 are allowed"
    );

    let long_value = "1".repeat(256);
    let error = SearchQuery::single("_account", &long_value).expect_err("256 characters should be rejected");
    assert_eq!(
        error.to_string(),
        "the value for _account has 256 characters but at most 255 are allowed"
    );
}

#[test]
fn attributes_over_32kb_take_error_branch() {
    let flow = format!("{BAD_FIXTURES}/attributes-over-32kb.json");
    let (code, output) = flowsim(&["run", &flow]);
    assert_eq!(code, 0, "{output}");
    assert!(
        output.contains("warning[FG060]: contact attributes reach 33005 bytes here"),
        "{output}"
    );
    assert!(
        output.contains("set  [error NoMatchingError] -> too-large"),
        "{output}"
    );
    assert!(
        output.contains(
            "the attributes would take 33005 bytes, over the 32768-byte limit, so nothing was written"
        ),
        "{output}"
    );
}

#[test]
fn self_invoking_module_stops_at_depth_limit() {
    let folder = format!("{BAD_FIXTURES}/self-invoking-module");
    let (code, output) = flowsim(&["run", &folder, "--step-budget", "20"]);
    assert_eq!(code, 3, "{output}");
    assert!(
        output.contains(
            "module call depth limit of 10 reached at module \"11111111-1111-4111-8111-111111111111\""
        ),
        "{output}"
    );
    assert!(
        output.contains("a module that invokes itself, directly or through others, never returns"),
        "{output}"
    );
    assert!(
        output.contains("stopped: step budget of 20 exhausted"),
        "{output}"
    );
}

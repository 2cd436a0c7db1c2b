//! End-to-end tests of the `flowsim` command: example runs, JSON output, lint, help and exit codes.

use std::path::Path;
use std::process::{Command, Output};

/// Runs `flowsim` from the repository root with `args`.
fn flowsim(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_flowsim"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the flowsim binary that cargo built should start")
}

/// Renders the exit code, standard output and standard error of a command for a snapshot.
fn transcript(output: &Output) -> String {
    let mut text = format!("exit code: {}\n", output.status.code().unwrap_or(-1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !stderr.is_empty() {
        text.push_str("--- stderr\n");
        text.push_str(&stderr);
    }
    text.push_str("--- stdout\n");
    text.push_str(&stdout);
    text
}

/// Returns `path` relative to the repository root, with forward slashes.
fn relative(path: &Path) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let relative = path
        .strip_prefix(root)
        .expect("the glob yields paths inside the repository");
    relative.to_string_lossy().replace('\\', "/")
}

#[test]
fn example_scenarios_trace() {
    insta::glob!("../flows", "**/*.scenario.json", |path| {
        let scenario = relative(path);
        let output = flowsim(&["run", "--scenario", &scenario]);
        insta::assert_snapshot!(transcript(&output));
    });
}

#[test]
fn caller_lookup_greets_by_first_name() {
    let output = flowsim(&[
        "run",
        "--scenario",
        "flows/caller-lookup/scenarios/gold-caller.scenario.json",
    ]);
    let stdout = String::from_utf8_lossy(&output.stdout);

    assert_eq!(output.status.code(), Some(0));
    assert!(
        stdout.contains("prompt  Hello Maya, thanks for calling Harborline Energy."),
        "{stdout}"
    );
    assert!(
        stdout.contains("set     $.Customer.FirstName = \"Maya\""),
        "{stdout}"
    );
}

#[test]
fn json_output_uses_one_envelope() {
    let output = flowsim(&[
        "run",
        "--json",
        "--scenario",
        "flows/caller-lookup/scenarios/unknown-caller.scenario.json",
    ]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let events: Vec<serde_json::Value> = stdout
        .lines()
        .map(|line| serde_json::from_str(line).expect("every line is one JSON object"))
        .collect();

    for event in &events {
        let keys: Vec<&String> = event.as_object().expect("an object").keys().collect();
        assert_eq!(keys, ["type", "data"]);
    }
    let kinds: Vec<&str> = events.iter().map(|e| e["type"].as_str().unwrap_or("")).collect();
    assert_eq!(kinds.first(), Some(&"flow"));
    assert_eq!(kinds.last(), Some(&"end"));
    assert!(kinds[1..kinds.len() - 1].iter().all(|kind| *kind == "step"));

    let end = &events.last().expect("an end event")["data"];
    assert_eq!(end["outcome"]["kind"], "ended");
    assert_eq!(end["identifier"], end["outcome"]["identifier"]);
    assert!(end["state"]["Attributes"].is_object());
    assert!(end["state"]["Customer"].is_object());
}

#[test]
fn json_output_is_stable_between_runs() {
    let args = [
        "run",
        "--json",
        "--scenario",
        "flows/dtmf-menu/scenarios/typed-ahead.scenario.json",
    ];
    let first = flowsim(&args);
    let second = flowsim(&args);

    assert_eq!(first.stdout, second.stdout);
}

#[test]
fn lint_reports_every_problem() {
    let output = flowsim(&["lint", "tests/fixtures/several-mistakes.json"]);
    insta::assert_snapshot!(transcript(&output));
}

#[test]
fn lint_json_diagnostics() {
    let output = flowsim(&["lint", "--json", "tests/fixtures/several-mistakes.json"]);
    insta::assert_snapshot!(transcript(&output));
}

#[test]
fn malformed_json_names_line_and_column() {
    let output = flowsim(&["run", "tests/fixtures/malformed.json"]);
    insta::assert_snapshot!(transcript(&output));
}

#[test]
fn endless_loop_exhausts_step_budget() {
    let output = flowsim(&["run", "--step-budget", "6", "tests/fixtures/endless-loop.json"]);
    insta::assert_snapshot!(transcript(&output));
}

#[test]
fn strict_run_stops_at_open_question() {
    let output = flowsim(&["run", "--strict", "tests/fixtures/endless-loop.json"]);
    insta::assert_snapshot!(transcript(&output));
}

#[test]
fn exit_codes() {
    let cases: &[(&[&str], i32)] = &[
        (
            &[
                "run",
                "--scenario",
                "flows/dtmf-menu/scenarios/agent.scenario.json",
            ],
            0,
        ),
        (&["lint", "flows/caller-lookup/caller-lookup.json"], 0),
        (&["lint", "tests/fixtures/several-mistakes.json"], 1),
        (&["run", "tests/fixtures/no-such-file.json"], 2),
        (&["run"], 2),
        (&["frobnicate"], 2),
        (&["run", "tests/fixtures/several-mistakes.json"], 3),
        (
            &["run", "--step-budget", "4", "tests/fixtures/endless-loop.json"],
            3,
        ),
    ];
    for (args, expected) in cases {
        let output = flowsim(args);
        assert_eq!(
            output.status.code(),
            Some(*expected),
            "flowsim {}",
            args.join(" ")
        );
    }
}

#[test]
fn help_texts() {
    for command in [
        &["--help"][..],
        &["run", "--help"],
        &["lint", "--help"],
        &["blocks", "--help"],
        &["query", "--help"],
    ] {
        let output = flowsim(command);
        let name = format!(
            "help_{}",
            command.join("_").trim_start_matches("--").replace("--", "")
        );
        insta::assert_snapshot!(name, transcript(&output));
    }
}

/// Returns each `(code, meaning)` row of an exit-code list, with backticks removed and whitespace
/// collapsed, so the README's table and the help text compare by their words.
fn exit_code_rows<'a>(rows: impl Iterator<Item = (&'a str, &'a str)>) -> Vec<(String, String)> {
    let words = |text: &str| {
        text.replace('`', "")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    rows.map(|(code, meaning)| (code.trim().to_string(), words(meaning)))
        .collect()
}

#[test]
fn help_exit_codes_match_readme() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("the README is readable");
    let table = readme
        .split("### Exit codes")
        .nth(1)
        .expect("the README has an exit-code table");
    let table_rows = table
        .lines()
        .take_while(|line| !line.starts_with('#'))
        .filter_map(|line| line.strip_prefix("| ")?.strip_suffix(" |")?.split_once(" | "))
        .filter(|(code, _)| code.trim().parse::<u8>().is_ok());
    let expected = exit_code_rows(table_rows);

    let output = flowsim(&["--help"]);
    let help = String::from_utf8_lossy(&output.stdout).into_owned();
    let listed = help
        .split("Exit codes:\n")
        .nth(1)
        .expect("the help lists exit codes");
    let mut help_rows: Vec<(String, String)> = Vec::new();
    for line in listed.lines() {
        let text = line.trim();
        match text.split_once("  ") {
            Some((code, meaning)) if code.parse::<u8>().is_ok() => {
                help_rows.push((code.to_string(), meaning.to_string()));
            }
            _ => {
                let last = help_rows.last_mut().expect("a continuation follows a code");
                last.1.push(' ');
                last.1.push_str(text);
            }
        }
    }
    let actual = exit_code_rows(help_rows.iter().map(|(c, m)| (c.as_str(), m.as_str())));

    assert_eq!(actual.len(), 4, "{help}");
    assert_eq!(actual, expected);
}

#[test]
fn strict_run_without_profiles_stops() {
    let scenario = "tests/fixtures/no-profiles-scenario.json";
    let strict = flowsim(&["run", "--strict", "--scenario", scenario]);
    let lenient = flowsim(&["run", "--scenario", scenario]);
    let strict_out = String::from_utf8_lossy(&strict.stdout);
    let lenient_out = String::from_utf8_lossy(&lenient.stdout);

    assert_eq!(strict.status.code(), Some(3));
    assert!(
        strict_out.contains("the scenario has no `profiles`"),
        "{strict_out}"
    );
    assert_eq!(lenient.status.code(), Some(0));
    assert!(lenient_out.contains("[error NoMatchingError]"), "{lenient_out}");
}

//! Property tests over generated flows: they validate, every run ends, and runs repeat byte for byte.
//!
//! `PROPTEST_CASES` sets the case count of each property (64 by default).

mod generator;

use flow_graph::validate::{ValidateOptions, validate};
use flow_graph::{Diagnostic, Severity, load_bytes};
use generator::{GeneratedCase, case_plan, fixed_plans};
use proptest::prelude::*;
use proptest::test_runner::Config;
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

/// Returns the proptest configuration: `PROPTEST_CASES` cases, 64 when it is not set.
fn config() -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|text| text.parse().ok())
        .unwrap_or(64);
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

fn errors_of(document: &Value) -> Vec<Diagnostic> {
    let bytes = serde_json::to_vec(document).expect("a serde_json::Value always serialises");
    let loaded = load_bytes(&bytes, None).expect("a generated flow is valid JSON with an Actions array");
    validate(&loaded, &ValidateOptions::default())
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn generated_flow_validates(plan in case_plan()) {
        let case = GeneratedCase::build(&plan);
        let flow_errors = errors_of(&case.flow);
        prop_assert!(flow_errors.is_empty(), "flow errors: {flow_errors:#?}\nflow: {:#}", case.flow);
        if let Some(module) = &case.module {
            let module_errors = errors_of(module);
            prop_assert!(module_errors.is_empty(), "module errors: {module_errors:#?}\nmodule: {module:#}");
        }
    }
}

/// Runs `flowsim run FLOW --scenario SCENARIO --json` and returns its output.
fn run_json(flow: &Path, scenario: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_flowsim"))
        .arg("run")
        .arg(flow)
        .arg("--scenario")
        .arg(scenario)
        .arg("--json")
        .output()
        .expect("the flowsim binary that cargo built starts")
}

/// Returns the `end` event's outcome `kind`, or `None` when the output has no `end` event.
fn end_kind(stdout: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(stdout);
    let last = text.lines().last()?;
    let event: Value = serde_json::from_str(last).ok()?;
    if event["type"] != "end" {
        return None;
    }
    event["data"]["outcome"]["kind"].as_str().map(String::from)
}

/// Writes the case into a new temporary folder and returns the folder and the flow's path.
fn write_case(case: &GeneratedCase) -> (tempfile::TempDir, std::path::PathBuf) {
    let folder = tempfile::tempdir().expect("a temporary folder can be created");
    let flow = case.write(folder.path()).expect("the case files can be written");
    (folder, flow)
}

/// Checks that one run of the case ends with an outcome and no panic, and returns its output.
fn run_case(flow: &Path) -> Result<Output, TestCaseError> {
    let scenario = flow.with_file_name("case.scenario.json");
    let output = run_json(flow, &scenario);
    let stderr = String::from_utf8_lossy(&output.stderr);
    prop_assert!(!stderr.contains("panicked"), "flowsim panicked: {stderr}");
    prop_assert_ne!(output.status.code(), Some(101), "flowsim panicked: {}", stderr);
    let kind = end_kind(&output.stdout);
    prop_assert!(
        kind.is_some(),
        "no end event; status {:?}, stderr: {}",
        output.status,
        stderr
    );
    Ok(output)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn generated_run_ends_and_repeats(plan in case_plan()) {
        let case = GeneratedCase::build(&plan);
        let (_folder, flow) = write_case(&case);
        let first = run_case(&flow)?;
        let second = run_case(&flow)?;
        prop_assert_eq!(&first.stdout, &second.stdout, "two runs differ for flow {:#}", case.flow);
        prop_assert_eq!(first.status.code(), second.status.code());
    }
}

/// Runs every flow with `threads` worker threads and returns each run's output, in flow order.
fn run_with_threads(flows: &[std::path::PathBuf], threads: usize) -> Vec<Output> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let outputs = std::sync::Mutex::new(vec![None; flows.len()]);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(flow) = flows.get(index) else { break };
                    let output = run_json(flow, &flow.with_file_name("case.scenario.json"));
                    outputs.lock().expect("no worker panics while it holds the lock")[index] = Some(output);
                }
            });
        }
    });
    let outputs = outputs.into_inner().expect("every worker has finished");
    outputs
        .into_iter()
        .map(|output| output.expect("the workers run every flow"))
        .collect()
}

#[test]
fn generated_runs_match_across_threads() {
    let cases: Vec<GeneratedCase> = fixed_plans(24).iter().map(GeneratedCase::build).collect();
    let written: Vec<_> = cases.iter().map(write_case).collect();
    let flows: Vec<_> = written.iter().map(|(_, flow)| flow.clone()).collect();

    let one_thread = run_with_threads(&flows, 1);
    let four_threads = run_with_threads(&flows, 4);

    for (index, (alone, shared)) in one_thread.iter().zip(&four_threads).enumerate() {
        let stderr = String::from_utf8_lossy(&alone.stderr);
        let flow = &cases[index].flow;
        assert!(
            end_kind(&alone.stdout).is_some(),
            "case {index} has no end event: {stderr}\n{flow:#}"
        );
        assert_eq!(
            alone.stdout, shared.stdout,
            "case {index} differs between 1 and 4 threads: {flow:#}"
        );
        assert_eq!(
            alone.status.code(),
            shared.status.code(),
            "case {index} exit codes differ"
        );
    }
}

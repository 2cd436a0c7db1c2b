//! Stress tests of the CLI: lint over hundreds of flows, an output pipe closed early, memory of a
//! million-step run, thousands of scenarios and Ctrl-C during `flowsim test --accept`.

mod generator;

use generator::{GeneratedCase, case_plan};
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::TestRunner;
use serde_json::{Value, json};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The peak resident set size that a long run may reach, in kibibytes.
const MAX_RSS_KIB: i64 = 200 * 1024;

/// The growth of peak resident set size allowed between a short and a long run, in kibibytes. A run
/// that kept even 40 bytes per step would grow past it.
const MAX_RSS_GROWTH_KIB: i64 = 8 * 1024;

// NOTE: a million steps take about a minute with the debug binary that `cargo test` builds, so the
// long run takes 250,000 steps, and the growth check against a short run stands in for the rest.
const SHORT_RUN_STEPS: &str = "10000";
const LONG_RUN_STEPS: &str = "250000";

fn flowsim() -> Command {
    Command::new(env!("CARGO_BIN_EXE_flowsim"))
}

fn write_json(path: &Path, value: &Value) {
    let text = serde_json::to_string_pretty(value).expect("a serde_json::Value always serialises");
    fs::write(path, text).expect("the temporary folder is writable");
}

/// A flow that sets an attribute, plays a prompt and returns to the first block forever, so only the
/// step budget ends its runs.
fn endless_loop_flow() -> Value {
    json!({
        "Version": "2019-10-30",
        "StartAction": "count",
        "Metadata": {"name": "Endless loop"},
        "Actions": [
            {
                "Identifier": "count",
                "Type": "UpdateContactAttributes",
                "Parameters": {"Attributes": {"lap": "on"}},
                "Transitions": {
                    "NextAction": "greet",
                    "Errors": [{"ErrorType": "NoMatchingError", "NextAction": "greet"}]
                }
            },
            {
                "Identifier": "greet",
                "Type": "MessageParticipant",
                "Parameters": {"Text": "Still here."},
                "Transitions": {
                    "NextAction": "count",
                    "Errors": [{"ErrorType": "NoMatchingError", "NextAction": "count"}]
                }
            }
        ]
    })
}

/// Writes the endless loop flow and a voice scenario into `folder`, and returns their paths.
fn write_endless_loop(folder: &Path) -> (PathBuf, PathBuf) {
    let flow = folder.join("loop.json");
    let scenario = folder.join("loop.scenario.json");
    write_json(&flow, &endless_loop_flow());
    write_json(&scenario, &json!({"contact": {"channel": "VOICE"}}));
    (flow, scenario)
}

#[test]
fn lint_checks_hundreds_of_flows() {
    let folder = tempfile::tempdir().expect("a temporary folder can be created");
    let mut runner = TestRunner::deterministic();
    let strategy = case_plan();
    let mut flows = Vec::new();
    for index in 0..300 {
        let plan = strategy.new_tree(&mut runner).expect("the case strategy never rejects a draw").current();
        let path = folder.path().join(format!("flow-{index:03}.json"));
        write_json(&path, &GeneratedCase::build(&plan).flow);
        flows.push(path);
    }

    let started = Instant::now();
    let output = flowsim().arg("lint").args(&flows).output().expect("flowsim starts");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);

    assert!(started.elapsed() < Duration::from_secs(20), "lint took {:?}", started.elapsed());
    assert!(!stderr.contains("panicked"), "lint panicked: {stderr}");
    assert_eq!(output.status.code(), Some(0), "lint failed: {stdout}\n{stderr}");
    assert!(stdout.contains("300 files checked: 0 errors"), "summary missing: {stdout}");
}

#[test]
fn closed_pipe_ends_quietly() {
    let folder = tempfile::tempdir().expect("a temporary folder can be created");
    let (flow, scenario) = write_endless_loop(folder.path());
    let mut child = flowsim()
        .arg("run")
        .arg(&flow)
        .arg("--scenario")
        .arg(&scenario)
        .args(["--step-budget", "1000000"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("flowsim starts");

    let mut stdout = child.stdout.take().expect("stdout is piped");
    let mut first = [0u8; 64];
    stdout.read_exact(&mut first).expect("the run writes its first line");
    drop(stdout);
    let closed = Instant::now();

    let output = child.wait_with_output().expect("flowsim ends");
    let stderr = String::from_utf8_lossy(&output.stderr);
    // The million steps would take about a minute, so a prompt end shows that the run stopped.
    assert!(closed.elapsed() < Duration::from_secs(10), "the run went on for {:?}", closed.elapsed());
    assert!(!stderr.contains("panicked"), "flowsim panicked: {stderr}");
    assert!(stderr.is_empty(), "flowsim wrote to stderr: {stderr}");
    assert_ne!(output.status.code(), Some(101), "flowsim exited as a panic does");
}

/// Waits for the child `pid` and returns its exit code and its peak resident set size in kibibytes.
fn wait_with_peak_rss(pid: u32) -> (i32, i64) {
    let mut status = 0;
    // SAFETY: `rusage` is plain data that zeroed memory represents validly, and wait4 writes only
    // into `status` and `usage`, which outlive the call.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid as libc::pid_t, &mut status, 0, &mut usage) };
    assert_eq!(waited, pid as libc::pid_t, "wait4 failed: {}", std::io::Error::last_os_error());
    (libc::WEXITSTATUS(status), usage.ru_maxrss)
}

/// Runs the endless loop flow with `--json` to /dev/null for `steps` steps, and returns the exit code
/// and the peak resident set size in kibibytes.
fn loop_run_peak_rss(flow: &Path, scenario: &Path, steps: &str) -> (i32, i64) {
    let child = flowsim()
        .arg("run")
        .arg(flow)
        .arg("--scenario")
        .arg(scenario)
        .args(["--json", "--step-budget", steps])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("flowsim starts");
    wait_with_peak_rss(child.id())
}

#[test]
fn long_run_memory_stays_flat() {
    let folder = tempfile::tempdir().expect("a temporary folder can be created");
    let (flow, scenario) = write_endless_loop(folder.path());

    let (short_code, short_kib) = loop_run_peak_rss(&flow, &scenario, SHORT_RUN_STEPS);
    let (long_code, long_kib) = loop_run_peak_rss(&flow, &scenario, LONG_RUN_STEPS);

    assert_eq!(short_code, 3, "a run that exhausts its step budget exits with 3");
    assert_eq!(long_code, 3, "a run that exhausts its step budget exits with 3");
    assert!(long_kib < MAX_RSS_KIB, "peak RSS {long_kib} KiB is over {MAX_RSS_KIB} KiB");
    let growth = long_kib - short_kib;
    assert!(growth < MAX_RSS_GROWTH_KIB, "peak RSS grew {growth} KiB from {short_kib} KiB");
}

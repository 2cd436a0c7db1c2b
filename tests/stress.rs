//! Stress tests of the CLI: lint over hundreds of flows, an output pipe closed early, memory of a
//! long run, thousands of scenarios and Ctrl-C during `flowsim test --accept`.

mod generator;

use generator::{GeneratedCase, fixed_plans};
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
// long run takes 250,000 steps, and the growth check against a short run covers the rest.
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
    let mut flows = Vec::new();
    for (index, plan) in fixed_plans(300).iter().enumerate() {
        let path = folder.path().join(format!("flow-{index:03}.json"));
        write_json(&path, &GeneratedCase::build(plan).flow);
        flows.push(path);
    }

    let started = Instant::now();
    let output = flowsim()
        .arg("lint")
        .args(&flows)
        .output()
        .expect("flowsim starts");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);

    assert!(
        started.elapsed() < Duration::from_secs(20),
        "lint took {:?}",
        started.elapsed()
    );
    assert!(!stderr.contains("panicked"), "lint panicked: {stderr}");
    assert_eq!(output.status.code(), Some(0), "lint failed: {stdout}\n{stderr}");
    assert!(
        stdout.contains("300 files checked: 0 errors"),
        "summary missing: {stdout}"
    );
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
    stdout
        .read_exact(&mut first)
        .expect("the run writes its first line");
    drop(stdout);
    let closed = Instant::now();

    let output = child.wait_with_output().expect("flowsim ends");
    let stderr = String::from_utf8_lossy(&output.stderr);
    // The million steps would take about a minute, so a prompt end shows that the run stopped.
    assert!(
        closed.elapsed() < Duration::from_secs(10),
        "the run went on for {:?}",
        closed.elapsed()
    );
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
    assert_eq!(
        waited,
        pid as libc::pid_t,
        "wait4 failed: {}",
        std::io::Error::last_os_error()
    );
    (libc::WEXITSTATUS(status), usage.ru_maxrss)
}

/// Runs the endless loop flow with `--json` to /dev/null for `steps` steps, and returns the exit code
/// and the peak resident set size in kibibytes.
fn loop_run_peak_rss(flow: &Path, scenario: &Path, steps: &str) -> (i32, i64) {
    #[expect(
        clippy::zombie_processes,
        reason = "wait4 reaps the child to read its resource usage"
    )]
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
    assert!(
        long_kib < MAX_RSS_KIB,
        "peak RSS {long_kib} KiB is over {MAX_RSS_KIB} KiB"
    );
    let growth = long_kib - short_kib;
    assert!(
        growth < MAX_RSS_GROWTH_KIB,
        "peak RSS grew {growth} KiB from {short_kib} KiB"
    );
}

/// Writes `count` generated cases into `case-NNNN` folders under `root`.
fn write_cases(root: &Path, count: usize) {
    for (index, plan) in fixed_plans(count).iter().enumerate() {
        let folder = root.join(format!("case-{index:04}"));
        fs::create_dir(&folder).expect("the temporary folder is writable");
        GeneratedCase::build(plan)
            .write(&folder)
            .expect("the case files can be written");
    }
}

/// Returns the `test` events of `flowsim test --json` output.
fn test_events(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .filter(|event| event["type"] == "test")
        .map(|event| event["data"].clone())
        .collect()
}

fn count_status(events: &[Value], status: &str) -> usize {
    events.iter().filter(|e| e["snapshot"] == status).count()
}

#[test]
fn test_command_runs_two_thousand_scenarios() {
    let root = tempfile::tempdir().expect("a temporary folder can be created");
    write_cases(root.path(), 2000);

    let accepted = flowsim()
        .arg("test")
        .arg(root.path())
        .args(["--accept", "--json"])
        .output()
        .expect("flowsim starts");
    let stderr = String::from_utf8_lossy(&accepted.stderr);
    assert!(!stderr.contains("panicked"), "flowsim test panicked: {stderr}");
    let events = test_events(&accepted.stdout);
    assert_eq!(events.len(), 2000, "stderr: {stderr}");
    assert_eq!(count_status(&events, "written"), 2000);
    assert_eq!(accepted.status.code(), Some(0), "stderr: {stderr}");

    // A second run over the first 200 cases keeps the test near 20 seconds on two cores.
    let first_cases: Vec<PathBuf> = (0..200)
        .map(|i| root.path().join(format!("case-{i:04}")))
        .collect();
    let repeated = flowsim()
        .arg("test")
        .args(&first_cases)
        .arg("--json")
        .output()
        .expect("flowsim starts");
    let events = test_events(&repeated.stdout);
    assert_eq!(
        count_status(&events, "matched"),
        200,
        "a second run changed snapshots"
    );
    assert_eq!(repeated.status.code(), Some(0));
}

/// Lists the files under `root` whose names are not those of a generated case or its snapshot.
fn stray_files(root: &Path) -> Vec<PathBuf> {
    let expected = [
        "flow.json",
        "module.json",
        "flowsim.resources.json",
        "case.scenario.json",
        "case.snap",
    ];
    let mut stray = Vec::new();
    for folder in fs::read_dir(root).expect("the temporary folder is readable") {
        let folder = folder.expect("the temporary folder is readable").path();
        for file in fs::read_dir(&folder).expect("the case folder is readable") {
            let path = file.expect("the case folder is readable").path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            if !expected.contains(&name) {
                stray.push(path);
            }
        }
    }
    stray
}

/// Waits until a `case.snap` file exists under `root`, for at most `limit`.
fn wait_for_first_snapshot(root: &Path, limit: Duration) -> bool {
    let started = Instant::now();
    while started.elapsed() < limit {
        let written = fs::read_dir(root)
            .expect("the temporary folder is readable")
            .any(|folder| folder.is_ok_and(|f| f.path().join("case.snap").exists()));
        if written {
            return true;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    false
}

#[test]
fn interrupted_accept_leaves_whole_snapshots() {
    let root = tempfile::tempdir().expect("a temporary folder can be created");
    write_cases(root.path(), 2000);
    let mut child = flowsim()
        .arg("test")
        .arg(root.path())
        .arg("--accept")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("flowsim starts");

    assert!(
        wait_for_first_snapshot(root.path(), Duration::from_secs(15)),
        "no snapshot was written"
    );
    // SAFETY: kill only sends a signal to the child that this test started and has not reaped yet.
    let sent = unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGINT) };
    assert_eq!(sent, 0, "kill failed: {}", std::io::Error::last_os_error());
    let status = child.wait().expect("flowsim ends");
    assert_eq!(status.code(), Some(130), "an interrupted test run exits with 130");

    let check = flowsim()
        .arg("test")
        .arg(root.path())
        .arg("--json")
        .output()
        .expect("flowsim starts");
    let events = test_events(&check.stdout);
    assert_eq!(events.len(), 2000);
    assert_eq!(
        count_status(&events, "changed"),
        0,
        "an interrupted write left a changed snapshot"
    );
    assert!(
        count_status(&events, "matched") > 0,
        "no snapshot survived the interrupt"
    );
    assert_eq!(
        stray_files(root.path()),
        Vec::<PathBuf>::new(),
        "the interrupt left stray files"
    );
}

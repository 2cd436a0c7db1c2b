//! `flowsim test`: run every scenario, check its expectations and compare its trace with its snapshot.

use super::run::{self, Header};
use super::{CliError, EXIT_OK, EXIT_TEST_FAILED, finish_output};
use crate::cli::{RunArgs, TestArgs};
use crate::output::Output;
use crate::output::json::envelope;
use clap::{Args, FromArgMatches};
use flow_executor::trace::{StepLog, TraceRecorder};
use flow_executor::{ContactState, RunOutcome};
use flow_graph::model::Flow;
use flow_scenario::coverage::{Coverage, CoverageRecorder, FlowCoverage, RunFlow};
use flow_scenario::expect::{Failure, RunRecord, describe_outcome};
use flow_scenario::snapshot::{compare, render_snapshot, snapshot_path, write_atomically};
use flow_scenario::suite::{ScenarioResult, SnapshotStatus, TestFailure, find_scenarios, tidy_path};
use flow_scenario::{ResourceNames, Scenario};
use rayon::prelude::*;
use serde_json::json;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

/// Exit code: Ctrl-C stopped `flowsim test --accept`, as shells report a process that SIGINT ended.
const EXIT_INTERRUPTED: u8 = 130;

/// Set by the Ctrl-C handler of `--accept`. Scenarios not yet started are skipped, and the ones in
/// progress finish their snapshot write, so no temporary snapshot file is left behind.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Tests every scenario under the paths and returns the exit code.
pub fn test(args: TestArgs) -> Result<u8, CliError> {
    let paths = match args.paths.is_empty() {
        true => vec![PathBuf::from(".")],
        false => args.paths.clone(),
    };
    let scenarios =
        find_scenarios(&paths).map_err(|e| CliError::input(format!("cannot search for scenarios: {e}")))?;
    if scenarios.is_empty() {
        return Err(CliError::input(format!(
            "no *.scenario.json files found under {}; name a scenario file or a folder that holds some",
            display_paths(&paths)
        )));
    }
    if args.accept {
        // `set_handler` fails only when a handler is already set, and Ctrl-C then keeps its
        // default action of ending the process at once.
        let _ = ctrlc::set_handler(|| INTERRUPTED.store(true, Ordering::SeqCst));
    }
    let tested: Vec<(ScenarioResult, Coverage)> = scenarios
        .par_iter()
        .filter(|_| !INTERRUPTED.load(Ordering::SeqCst))
        .map(|path| test_scenario(path, args.accept))
        .collect();
    if INTERRUPTED.load(Ordering::SeqCst) {
        return Err(CliError {
            exit_code: EXIT_INTERRUPTED,
            message: "interrupted before every scenario ran. The snapshots written so far are complete, so run `flowsim test --accept` again to finish".into(),
        });
    }
    let mut coverage = Coverage::new();
    let mut results = Vec::with_capacity(tested.len());
    for (result, run_coverage) in tested {
        results.push(result);
        coverage.merge(run_coverage);
    }
    report(&args, &results, &coverage.report())
}

fn display_paths(paths: &[PathBuf]) -> String {
    let displayed: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    displayed.join(", ")
}

/// Prints the results, writes the JUnit file and returns the exit code.
fn report(args: &TestArgs, results: &[ScenarioResult], coverage: &[FlowCoverage]) -> Result<u8, CliError> {
    if let Some(junit) = &args.junit {
        write_junit(junit, results)?;
    }
    let show_coverage = args.coverage || args.min_coverage.is_some();
    let under: Vec<&FlowCoverage> = match args.min_coverage {
        Some(minimum) => coverage
            .iter()
            .filter(|c| c.live_percent() < f64::from(minimum))
            .collect(),
        None => Vec::new(),
    };
    let summary = Summary::of(results, args.min_coverage, &under);
    let mut out = Output::new(io::stdout().lock());
    let coverage = if show_coverage { coverage } else { &[] };
    match args.json {
        true => print_json(&mut out, results, coverage, &summary),
        false => print_text(&mut out, results, coverage, &summary),
    }
    finish_output(out.finish())?;
    Ok(if summary.passed() {
        EXIT_OK
    } else {
        EXIT_TEST_FAILED
    })
}

fn write_junit(path: &Path, results: &[ScenarioResult]) -> Result<(), CliError> {
    let xml = flow_scenario::junit::render_junit(results)
        .map_err(|e| CliError::input(format!("cannot render JUnit XML: {e}")))?;
    write_atomically(path, &xml)
        .map_err(|e| CliError::input(format!("cannot write JUnit XML to {}: {e}", path.display())))
}

/// Counts of a whole test command.
struct Summary {
    passed: usize,
    failed: usize,
    min_coverage: Option<u8>,
    /// The flows under `--min-coverage`, with their coverage in percent.
    under_coverage: Vec<(String, f64)>,
}

impl Summary {
    fn of(results: &[ScenarioResult], min_coverage: Option<u8>, under: &[&FlowCoverage]) -> Summary {
        let passed = results.iter().filter(|r| r.passed()).count();
        Summary {
            passed,
            failed: results.len() - passed,
            min_coverage,
            under_coverage: under.iter().map(|c| (c.flow.clone(), c.live_percent())).collect(),
        }
    }

    fn passed(&self) -> bool {
        self.failed == 0 && self.under_coverage.is_empty()
    }
}

/// Runs one scenario and checks it. Every problem, from an unreadable file on, becomes a failure
/// of this scenario, so the other scenarios still run.
fn test_scenario(path: &Path, accept: bool) -> (ScenarioResult, Coverage) {
    let mut result = ScenarioResult {
        scenario: path.display().to_string(),
        flow: tidy_path(path),
        outcome: None,
        steps: 0,
        snapshot: SnapshotStatus::NotRun,
        failures: Vec::new(),
    };
    let mut coverage = Coverage::new();
    match run_scenario(path, &mut coverage) {
        Ok((scenario, finished)) => check_run(&mut result, &scenario, &finished, accept),
        Err(message) => result.failures.push(TestFailure::Error { message }),
    }
    (result, coverage)
}

/// A finished run of one scenario.
struct Finished {
    flow: String,
    steps: StepLog,
    outcome: RunOutcome,
    state: ContactState,
    names: ResourceNames,
    /// Entries of `expect` that name no block of the flows the run could enter.
    unknown_blocks: Vec<Failure>,
}

/// Loads the scenario and runs it the way `flowsim run --scenario FILE` does, adding the branches
/// it takes to `coverage`.
fn run_scenario(path: &Path, coverage: &mut Coverage) -> Result<(Scenario, Finished), String> {
    let scenario = Scenario::load(path).map_err(|e| e.to_string())?;
    let run_args = run_args(path)?;
    let mut finished = None;
    let mut finish = |header: &Header<'_>, names: ResourceNames| {
        finished = Some(execute(&run_args, &scenario, header, names, coverage)?);
        Ok(EXIT_OK)
    };
    run::prepare(&run_args, &scenario, &mut finish).map_err(|e| e.message)?;
    match finished {
        Some(finished) => Ok((scenario, finished)),
        None => Err("the flow has validation errors, printed on standard error, so it was not run".into()),
    }
}

/// Builds the arguments of `flowsim run --scenario FILE` through clap, so every option keeps the
/// default `flowsim run` gives it.
fn run_args(scenario: &Path) -> Result<RunArgs, String> {
    let command = RunArgs::augment_args(clap::Command::new("run"));
    let scenario = scenario.as_os_str().to_owned();
    let matches = command
        .try_get_matches_from([std::ffi::OsString::from("run"), "--scenario".into(), scenario])
        .map_err(|e| e.to_string())?;
    RunArgs::from_arg_matches(&matches).map_err(|e| e.to_string())
}

fn execute(
    run_args: &RunArgs,
    scenario: &Scenario,
    header: &Header<'_>,
    names: ResourceNames,
    coverage: &mut Coverage,
) -> Result<Finished, CliError> {
    let (mut state, mut env) = run::environment(run_args, scenario, names.clone())?;
    let mut observers = (TraceRecorder::new(StepLog::default()), CoverageRecorder::new());
    let outcome = header.executor.run(&mut state, &mut env, &mut observers);
    let flows: Vec<RunFlow<'_>> = header
        .flows
        .iter()
        .map(|&(label, graph)| RunFlow {
            label,
            graph,
            set: header.set,
        })
        .collect();
    coverage.add_run(&observers.1, &flows);
    let graphs: Vec<&Flow> = header.flows.iter().map(|(_, graph)| graph.flow()).collect();
    let unknown_blocks = match &scenario.expect {
        Some(expect) => expect.check_block_names(&graphs),
        None => Vec::new(),
    };
    Ok(Finished {
        flow: tidy_path(header.flow),
        steps: observers.0.sink,
        outcome,
        state,
        names,
        unknown_blocks,
    })
}

/// Checks a finished run's expectations and snapshot, recording the failures in `result`.
fn check_run(result: &mut ScenarioResult, scenario: &Scenario, finished: &Finished, accept: bool) {
    result.flow = finished.flow.clone();
    result.outcome = Some(describe_outcome(&finished.outcome));
    result.steps = finished.steps.steps.len();
    let unknown_blocks = finished.unknown_blocks.iter().cloned();
    result
        .failures
        .extend(unknown_blocks.map(TestFailure::Expectation));
    if let Some(expect) = &scenario.expect {
        let record = RunRecord {
            steps: &finished.steps.steps,
            outcome: &finished.outcome,
            state: finished.state.tree(),
            names: &finished.names,
        };
        // An entry that names no block already failed above, so its run check would only repeat it.
        let named_nothing = |failure: &Failure| {
            finished
                .unknown_blocks
                .iter()
                .any(|unknown| unknown.expectation == failure.expectation)
        };
        let failures = expect.check(&record);
        result.failures.extend(
            failures
                .into_iter()
                .filter(|failure| !named_nothing(failure))
                .map(TestFailure::Expectation),
        );
    }
    let text = render_snapshot(&finished.steps.steps, &finished.outcome);
    let path = Path::new(&result.scenario);
    let (status, failure) = check_snapshot(&snapshot_path(path), &text, accept);
    result.snapshot = status;
    result.failures.extend(failure);
}

/// Compares the run's snapshot text with the file, writing it under `--accept`.
fn check_snapshot(path: &Path, text: &str, accept: bool) -> (SnapshotStatus, Option<TestFailure>) {
    let snapshot = path.display().to_string();
    let old = match std::fs::read_to_string(path) {
        Ok(old) => Some(old),
        Err(error) if error.kind() == io::ErrorKind::NotFound => None,
        Err(error) => {
            let message = format!("cannot read snapshot {snapshot}: {error}");
            return (SnapshotStatus::NotRun, Some(TestFailure::Error { message }));
        }
    };
    let diff = old.as_deref().and_then(|old| compare(old, text));
    let status = match (&old, &diff) {
        (Some(_), None) => return (SnapshotStatus::Matched, None),
        (None, _) if !accept => {
            return (
                SnapshotStatus::Missing,
                Some(TestFailure::MissingSnapshot { snapshot }),
            );
        }
        (None, _) => SnapshotStatus::Written,
        (Some(_), Some(_)) if accept => SnapshotStatus::Updated,
        (Some(_), Some(diff)) => {
            let failure = TestFailure::ChangedSnapshot {
                snapshot,
                diff: diff.clone(),
            };
            return (SnapshotStatus::Changed, Some(failure));
        }
    };
    match write_atomically(path, text) {
        Ok(()) => (status, None),
        Err(error) => {
            let message = format!("cannot write snapshot {snapshot}: {error}");
            (status, Some(TestFailure::Error { message }))
        }
    }
}

fn print_text<W: Write>(
    out: &mut Output<W>,
    results: &[ScenarioResult],
    coverage: &[FlowCoverage],
    summary: &Summary,
) {
    for result in results {
        print_result(out, result);
    }
    if !coverage.is_empty() {
        out.line("");
        out.line("coverage:");
        for flow in coverage {
            print_coverage(out, flow);
        }
    }
    out.line("");
    for (flow, percent) in &summary.under_coverage {
        let minimum = summary.min_coverage.unwrap_or(0);
        // Rounded down, so that 89.96% does not print as 90.0% under a minimum of 90%.
        let rounded = (percent * 10.0).floor() / 10.0;
        out.line(&format!(
            "coverage of {flow} is {rounded:.1}% of the transitions not proven dead, under the minimum of {minimum}%"
        ));
    }
    let under = match summary.under_coverage.len() {
        0 => String::new(),
        1 => ", 1 flow under the minimum coverage".to_string(),
        count => format!(", {count} flows under the minimum coverage"),
    };
    out.line(&format!(
        "{} passed, {} failed{under}",
        summary.passed, summary.failed
    ));
}

fn print_result<W: Write>(out: &mut Output<W>, result: &ScenarioResult) {
    let note = match result.snapshot {
        SnapshotStatus::Written => "  (snapshot written)",
        SnapshotStatus::Updated => "  (snapshot updated)",
        _ => "",
    };
    let verdict = if result.passed() { "PASS" } else { "FAIL" };
    out.line(&format!("{verdict}  {}{note}", result.scenario));
    for failure in &result.failures {
        for line in failure.details().lines() {
            out.line(&format!("      {line}"));
        }
    }
}

fn print_coverage<W: Write>(out: &mut Output<W>, flow: &FlowCoverage) {
    let name = flow
        .name
        .as_deref()
        .map(|n| format!(" {n:?}"))
        .unwrap_or_default();
    out.line(&format!(
        "  {}{name}: {} of {} transitions ({:.1}%), {} of {} not proven dead ({:.1}%)",
        flow.flow,
        flow.covered,
        flow.total,
        flow.percent(),
        flow.covered,
        flow.total - flow.dead.len(),
        flow.live_percent()
    ));
    for missed in &flow.missed {
        out.line(&format!("    missed  {}", describe_transition(missed)));
    }
    for dead in &flow.dead {
        let reason = dead.reason.as_deref().unwrap_or("dead");
        out.line(&format!("    dead    {}: {reason}", describe_transition(dead)));
    }
}

fn describe_transition(transition: &flow_scenario::coverage::Transition) -> String {
    let block = transition
        .name
        .as_deref()
        .map(|n| format!(" {n:?}"))
        .unwrap_or_default();
    format!(
        "{} {}{block} {} -> {}",
        transition.action_type, transition.identifier, transition.branch, transition.target
    )
}

fn print_json<W: Write>(
    out: &mut Output<W>,
    results: &[ScenarioResult],
    coverage: &[FlowCoverage],
    summary: &Summary,
) {
    for result in results {
        let mut data = serde_json::to_value(result).unwrap_or_default();
        data["passed"] = json!(result.passed());
        for (index, failure) in result.failures.iter().enumerate() {
            data["failures"][index]["message"] = json!(failure.message());
        }
        out.line(&envelope("test", data));
    }
    for flow in coverage {
        let mut data = serde_json::to_value(flow).unwrap_or_default();
        data["percent"] = json!(flow.percent());
        data["livePercent"] = json!(flow.live_percent());
        out.line(&envelope("coverage", data));
    }
    let under: Vec<_> = summary
        .under_coverage
        .iter()
        .map(|(flow, percent)| json!({"flow": flow, "percent": percent}))
        .collect();
    let data = json!({
        "passed": summary.passed,
        "failed": summary.failed,
        "minCoverage": summary.min_coverage,
        "underCoverage": under,
    });
    out.line(&envelope("summary", data));
}

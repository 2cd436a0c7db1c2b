//! `flowsim query`: run a flow up to a step and print what a JSONPath selects in the contact state.

use super::run::{Header, environment, prepare};
use super::{CliError, EXIT_OK, finish_output};
use crate::cli::{QueryArgs, RunArgs};
use crate::output::Output;
use crate::output::json::envelope;
use crate::output::watch::Breakpoints;
use flow_executor::resolve::lookup;
use flow_executor::trace::{StepLog, TraceRecorder};
use flow_executor::{Control, Event, NextStep, Observer, RunOutcome};
use flow_scenario::{ResourceNames, Scenario};
use jsonpath_rust::JsonPath;
use serde_json::{Value, json};
use std::io;

/// Exit code: the path selects nothing in the state at that step.
pub const EXIT_NOTHING_SELECTED: u8 = 1;

/// Runs the flow to the step `--at` names and prints the value the path selects there.
pub fn query(args: QueryArgs) -> Result<u8, CliError> {
    let run_args = run_args(&args);
    let scenario = match &args.scenario {
        Some(path) => Scenario::load(path).map_err(|e| CliError::input(e.to_string()))?,
        None => Scenario::default(),
    };
    prepare(&run_args, &scenario, &mut |header, names| {
        query_at(&args, &run_args, &scenario, names, header)
    })
}

/// Returns the options of a plain run of the same flow and scenario.
fn run_args(args: &QueryArgs) -> RunArgs {
    RunArgs {
        flow: args.flow(),
        start: args.start.clone(),
        follow_contact: false,
        scenario: args.scenario.clone(),
        json: args.json,
        strict: false,
        step_budget: None,
        flow_type: None,
        watch: Vec::new(),
        breakpoints: Vec::new(),
        until: None,
        interactive: false,
        save: None,
    }
}

/// Runs the prepared flow until after step `--at`, then selects and prints the path.
fn query_at(
    args: &QueryArgs,
    run_args: &RunArgs,
    scenario: &Scenario,
    names: ResourceNames,
    header: &Header<'_>,
) -> Result<u8, CliError> {
    let (mut state, mut env) = environment(run_args, scenario, names)?;
    let at = args.at as usize;
    let mut observer = StopAfter {
        recorder: TraceRecorder::new(StepLog::default()),
        breakpoints: Breakpoints {
            blocks: Vec::new(),
            until: Some(at),
        },
    };
    let outcome = header.executor.run(&mut state, &mut env, &mut observer);
    let steps = observer.recorder.sink.steps.len();
    if steps < at {
        return Err(past_the_end(at, steps, &outcome));
    }
    let selected = select(state.tree(), args.path())?;
    print(args, at, selected.as_ref())?;
    Ok(if selected.is_some() {
        EXIT_OK
    } else {
        EXIT_NOTHING_SELECTED
    })
}

/// Returns the usage error for a step the run never reached.
fn past_the_end(at: usize, steps: usize, outcome: &RunOutcome) -> CliError {
    CliError::input(format!(
        "--at {at} is past the end of the run, which ended after {steps} step{} ({}); give --at {steps} or less",
        if steps == 1 { "" } else { "s" },
        crate::output::text::describe_outcome(outcome)
    ))
}

/// Returns what `path` selects in `tree`, or `None` when it selects nothing. A Connect path
/// (`$.Attributes['a b']`) selects one value. Any other RFC 9535 path, such as a filter, selects
/// the array of every node it matches.
pub fn select(tree: &Value, path: &str) -> Result<Option<Value>, CliError> {
    let connect_error = match flow_executor::path::translate(path) {
        Ok(_) => {
            let found = lookup(tree, path).map_err(|e| CliError::input(e.to_string()))?;
            return Ok(found.cloned());
        }
        Err(error) => error,
    };
    let nodes = tree
        .query(path)
        .map_err(|_| invalid_path(path, &connect_error.message))?;
    if nodes.is_empty() {
        return Ok(None);
    }
    Ok(Some(Value::Array(nodes.into_iter().cloned().collect())))
}

/// Returns the usage error for a path that is neither a Connect path nor RFC 9535 JSONPath.
/// `connect_error` says why it is not a Connect path. The JSONPath parser's own message is left
/// out, since it names grammar rules (`expected jp_query`) rather than the mistake.
fn invalid_path(path: &str, connect_error: &str) -> CliError {
    const EXAMPLES: &str =
        "write a Connect path such as `$.Attributes.tier` or a JSONPath such as `$.Attributes[?@ == 'gold']`";
    if !path.starts_with('$') {
        let fixed = format!("$.{}", path.trim_start_matches('.'));
        let hint = if crate::output::watch::names_known_namespace(&fixed) {
            format!("did you mean `{fixed}`?")
        } else {
            EXAMPLES.to_string()
        };
        return CliError::input(format!("invalid path {path:?}: a path starts with `$`; {hint}"));
    }
    let reason = if looks_like_jsonpath(path) {
        "it is not valid RFC 9535 JSONPath".to_string()
    } else {
        format!("as a Connect path, {connect_error}, and it is not RFC 9535 JSONPath either")
    };
    CliError::input(format!("invalid path {path:?}: {reason}; {EXAMPLES}"))
}

/// Returns true when `path` uses syntax that only JSONPath has: a filter, a wildcard, a slice or
/// descendants.
fn looks_like_jsonpath(path: &str) -> bool {
    ["[?", "*", "..", ":"].iter().any(|syntax| path.contains(syntax))
}

/// Prints the selected value as pretty JSON, or as a `query` event with `--json`. Nothing selected
/// prints a message on standard error.
fn print(args: &QueryArgs, at: usize, selected: Option<&Value>) -> Result<(), CliError> {
    let mut out = Output::new(io::stdout().lock());
    if args.json {
        let data = json!({ "path": args.path(), "step": at, "found": selected.is_some(), "value": selected });
        out.line(&envelope("query", data));
    } else if let Some(value) = selected {
        out.line(&serde_json::to_string_pretty(value).unwrap_or_default());
    } else {
        eprintln!(
            "flowsim: {} selects nothing in the contact state after step {at}",
            args.path()
        );
    }
    finish_output(out.finish())
}

/// Records the steps and stops the run after step `until`.
struct StopAfter {
    recorder: TraceRecorder<StepLog>,
    breakpoints: Breakpoints,
}

impl Observer for StopAfter {
    fn on_event(&mut self, event: &Event<'_>) {
        self.recorder.on_event(event);
    }

    fn before_step(&mut self, next: &NextStep<'_>) -> Control {
        if self.breakpoints.stops_before(next) {
            Control::Stop
        } else {
            Control::Continue
        }
    }
}

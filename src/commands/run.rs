//! `flowsim run`: dry-run one flow under a scenario and print its trace.

use super::{CliError, EXIT_OK, EXIT_RUN_FAILED, finish_output};
use crate::cli::RunArgs;
use crate::output::Output;
use crate::output::json::{JsonTrace, envelope};
use crate::output::text::TextTrace;
use flow_executor::trace::TraceRecorder;
use flow_executor::{ContactState, Executor, Registry, RunOutcome, RunSettings};
use flow_graph::FlowGraph;
use flow_graph::catalogue::FlowType;
use flow_graph::load::{LoadedFlow, load_path};
use flow_graph::validate::{ResolvedFlowType, ValidateOptions, validate};
use flow_scenario::{ResourceNames, Scenario, ScenarioEnvironment};
use serde_json::json;
use std::io;
use std::path::{Path, PathBuf};

/// Runs the flow and returns the exit code.
pub fn run(args: RunArgs) -> Result<u8, CliError> {
    let scenario = load_scenario(args.scenario.as_deref())?;
    let flow_path = choose_flow(&args, &scenario)?;
    let loaded = load_path(&flow_path).map_err(|e| CliError::input(e.to_string()))?;
    if !report_validation(&loaded, args.flow_type) {
        return Ok(EXIT_RUN_FAILED);
    }
    check_scenario(&scenario, &loaded)?;
    let settings = run_settings(&args, &scenario, &loaded);
    let flow_type = ResolvedFlowType::of(&loaded.flow, args.flow_type);
    let graph = FlowGraph::build(loaded.flow, loaded.source);
    let registry = registry();
    let mut state = flow_scenario::initial_state(&scenario).map_err(|e| CliError::input(e.to_string()))?;
    let names = ResourceNames::from_flows([graph.flow()]);
    let strict = args.strict || scenario.settings.strict;
    let mut env = ScenarioEnvironment::new(&scenario)
        .with_strict(strict)
        .with_names(names);
    let executor = Executor::new(&graph, &registry, settings);
    let header = Header {
        flow: &flow_path,
        scenario: args.scenario.as_deref(),
        graph: &graph,
        executor: &executor,
        flow_type,
    };
    let outcome = if args.json {
        run_json(&executor, &mut state, &mut env, &header)?
    } else {
        run_text(&executor, &mut state, &mut env, &header)?
    };
    Ok(if outcome.is_normal_end() {
        EXIT_OK
    } else {
        EXIT_RUN_FAILED
    })
}

/// Creates the registry with every built-in handler and the Customer Profiles actions.
pub fn registry() -> Registry {
    let mut registry = flow_executor::handlers::builtin_registry();
    customer_profiles::register(&mut registry);
    registry
}

fn load_scenario(path: Option<&Path>) -> Result<Scenario, CliError> {
    match path {
        Some(path) => Scenario::load(path).map_err(|e| CliError::input(e.to_string())),
        None => Ok(Scenario::default()),
    }
}

fn choose_flow(args: &RunArgs, scenario: &Scenario) -> Result<PathBuf, CliError> {
    if let Some(flow) = &args.flow {
        return Ok(flow.clone());
    }
    scenario.flow_path().ok_or_else(|| {
        CliError::input("no flow to run: name the flow file, or give a scenario whose \"flow\" names it")
    })
}

/// Prints the validation diagnostics on standard error and returns false when any is an error.
fn report_validation(loaded: &LoadedFlow, flow_type: Option<FlowType>) -> bool {
    let options = ValidateOptions {
        flow_type,
        ..ValidateOptions::default()
    };
    let diagnostics = validate(loaded, &options);
    for diagnostic in &diagnostics {
        eprintln!("{diagnostic}");
    }
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    if errors > 0 {
        eprintln!(
            "flowsim: the flow has {errors} error{}, so it was not run",
            if errors == 1 { "" } else { "s" }
        );
    }
    errors == 0
}

fn check_scenario(scenario: &Scenario, loaded: &LoadedFlow) -> Result<(), CliError> {
    let problems = flow_scenario::check_against(scenario, &loaded.flow);
    if problems.is_empty() {
        return Ok(());
    }
    let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
    Err(CliError::input(lines.join("\n")))
}

fn run_settings(args: &RunArgs, scenario: &Scenario, loaded: &LoadedFlow) -> RunSettings {
    let mut settings = scenario.run_settings(RunSettings::default());
    if let Some(budget) = args.step_budget {
        settings.step_budget = budget;
    }
    let resolved = ResolvedFlowType::of(&loaded.flow, args.flow_type);
    settings.flow_type = resolved.flow_type.console_name().to_string();
    settings
}

/// What the output prints before the first step.
struct Header<'a> {
    flow: &'a Path,
    scenario: Option<&'a Path>,
    graph: &'a FlowGraph,
    executor: &'a Executor<'a>,
    /// The flow type the run uses, with where it came from.
    flow_type: ResolvedFlowType,
}

impl Header<'_> {
    fn flow_name(&self) -> Option<&str> {
        self.graph.flow().name()
    }
}

fn run_text(
    executor: &Executor<'_>,
    state: &mut ContactState,
    env: &mut ScenarioEnvironment,
    header: &Header<'_>,
) -> Result<RunOutcome, CliError> {
    let mut out = Output::new(io::stdout().lock());
    let name = header.flow_name().map(|n| format!(" {n:?}")).unwrap_or_default();
    out.line(&format!("flow{name}: {}", header.flow.display()));
    out.line(&format!("flow type: {}", header.flow_type));
    if let Some(scenario) = header.scenario {
        out.line(&format!("scenario: {}", scenario.display()));
    }
    out.line("");
    let mut recorder = TraceRecorder::new(TextTrace::new(out));
    let outcome = executor.run(state, env, &mut recorder);
    let mut trace = recorder.sink;
    trace.write_end(state.tree());
    finish_output(trace.out.finish())?;
    Ok(outcome)
}

fn run_json(
    executor: &Executor<'_>,
    state: &mut ContactState,
    env: &mut ScenarioEnvironment,
    header: &Header<'_>,
) -> Result<RunOutcome, CliError> {
    let mut out = Output::new(io::stdout().lock());
    let data = json!({
        "file": header.flow.display().to_string(),
        "name": header.flow_name(),
        "flowType": header.executor.settings.flow_type,
        "flowTypeSource": header.flow_type.source,
        "scenario": header.scenario.map(|p| p.display().to_string()),
    });
    out.line(&envelope("flow", data));
    let mut recorder = TraceRecorder::new(JsonTrace::new(out));
    let outcome = executor.run(state, env, &mut recorder);
    let mut trace = recorder.sink;
    trace.write_end(state.tree());
    finish_output(trace.out.finish())?;
    Ok(outcome)
}

//! Runs an arbitrary flow under an arbitrary scenario, with a small step budget.
//!
//! The input is the flow's bytes, a NUL byte, then the scenario's UTF-8 text. The seed script
//! joins real flows and scenarios that way. As in `flowsim run`, a flow with validation errors is
//! not run.

#![no_main]

use flow_executor::{Executor, NullObserver, RunSettings};
use flow_graph::validate::{ValidateOptions, validate};
use flow_graph::{FlowGraph, load_bytes};
use flow_scenario::{Scenario, ScenarioEnvironment, initial_state};
use libfuzzer_sys::fuzz_target;
use serde_json::json;

/// Blocks executed before a run stops, small so that looping flows stay fast.
const STEP_BUDGET: usize = 64;

fuzz_target!(|data: &[u8]| {
    let (flow_bytes, scenario_bytes) = match data.iter().position(|&b| b == 0) {
        Some(split) => (&data[..split], &data[split + 1..]),
        None => (data, &b""[..]),
    };
    let Ok(loaded) = load_bytes(flow_bytes, None) else {
        return;
    };
    if validate(&loaded, &ValidateOptions::default())
        .iter()
        .any(|d| d.is_error())
    {
        return;
    }
    let Some(scenario) = parse_scenario(scenario_bytes) else {
        return;
    };
    let mut settings = scenario.run_settings(RunSettings::default());
    settings.step_budget = settings.step_budget.min(STEP_BUDGET);
    let Ok(mut state) = initial_state(&scenario) else {
        return;
    };
    let graph = FlowGraph::build(loaded.flow, None);
    let mut registry = flow_executor::handlers::builtin_registry();
    customer_profiles::register(&mut registry);
    let executor = Executor::new(&graph, &registry, settings);
    let mut env = ScenarioEnvironment::new(&scenario);
    let _ = executor.run(&mut state, &mut env, &mut NullObserver);
});

/// Parses the scenario part, treating an empty part as an empty scenario.
fn parse_scenario(bytes: &[u8]) -> Option<Scenario> {
    let text = std::str::from_utf8(bytes).ok()?;
    if text.trim().is_empty() {
        return Scenario::from_json(&json!({}).to_string(), None).ok();
    }
    Scenario::from_json(text, None).ok()
}

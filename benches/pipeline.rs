//! Benchmarks of flowsim's pipeline: loading and validating a flow, running it, and exploring
//! every branch of it.
//!
//! Run with `cargo bench --bench pipeline`; `docs/benchmarks.md` records the results.

use criterion::{Criterion, criterion_group, criterion_main};
use flow_executor::{Executor, NullObserver, RunSettings};
use flow_graph::FlowGraph;
use flow_graph::validate::{ValidateOptions, validate};
use flow_scenario::{Scenario, ScenarioEnvironment};
use std::hint::black_box;
use std::path::{Path, PathBuf};

fn repository_file(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn registry() -> flow_executor::Registry {
    let mut registry = flow_executor::handlers::builtin_registry();
    customer_profiles::register(&mut registry);
    registry
}

/// Benchmarks loading and validating the caller-lookup example, from bytes in memory.
fn load_and_validate(c: &mut Criterion) {
    let bytes =
        std::fs::read(repository_file("flows/caller-lookup/caller-lookup.json")).expect("the example exists");
    c.bench_function("load and validate caller-lookup", |b| {
        b.iter(|| {
            let loaded = flow_graph::load_bytes(black_box(&bytes), None).expect("the example loads");
            validate(&loaded, &ValidateOptions::default())
        })
    });
}

/// Benchmarks one run of a scenario, from the initial state to the end, with no output.
fn run_scenario(c: &mut Criterion, name: &str, scenario: &str, budget: usize) {
    let scenario = Scenario::load(&repository_file(scenario)).expect("the scenario loads");
    let flow_path = scenario.flow_path().expect("the scenario names its flow");
    let loaded = flow_graph::load_path(&flow_path).expect("the flow loads");
    let graph = FlowGraph::build(loaded.flow, None);
    let registry = registry();
    let settings = RunSettings {
        step_budget: budget,
        ..scenario.run_settings(RunSettings::default())
    };
    let executor = Executor::new(&graph, &registry, settings);
    c.bench_function(name, |b| {
        b.iter(|| {
            let mut state = flow_scenario::initial_state(&scenario).expect("the state builds");
            let mut env = ScenarioEnvironment::new(&scenario);
            executor.run(&mut state, &mut env, &mut NullObserver)
        })
    });
}

fn runs(c: &mut Criterion) {
    run_scenario(
        c,
        "run caller-lookup gold-caller",
        "flows/caller-lookup/scenarios/gold-caller.scenario.json",
        1000,
    );
    run_scenario(
        c,
        "run dtmf-menu typed-ahead",
        "flows/dtmf-menu/scenarios/typed-ahead.scenario.json",
        1000,
    );
    run_scenario(
        c,
        "run a retry loop for 10,000 steps",
        "benches/retry-loop-scenario.json",
        10_000,
    );
}

/// Benchmarks a whole exploration of an example flow with the default bounds, from building the
/// explorer to the report, including the dead-transition proofs.
fn explore_example(c: &mut Criterion, name: &str, flow: &str) {
    let loaded = flow_graph::load_path(&repository_file(flow)).expect("the flow loads");
    let graph = FlowGraph::build(loaded.flow, None);
    let registry = registry();
    let base = Scenario::default();
    c.bench_function(name, |b| {
        b.iter(|| {
            flow_scenario::explore::explore(
                black_box(&graph),
                &registry,
                &base,
                RunSettings::default(),
                flow_scenario::explore::ExploreOptions::default(),
            )
            .expect("the default scenario loads no fixture")
        })
    });
}

fn explorations(c: &mut Criterion) {
    explore_example(c, "explore dtmf-menu", "flows/dtmf-menu/dtmf-menu.json");
    explore_example(
        c,
        "explore caller-lookup",
        "flows/caller-lookup/caller-lookup.json",
    );
}

criterion_group!(benches, load_and_validate, runs, explorations);
criterion_main!(benches);

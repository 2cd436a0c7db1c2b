//! A small menu flow and a helper that runs it under a scenario, shared by the `flowsim test` tests.

// Each test file compiles this module on its own and reads only some of the fields of `Run`.
#![allow(dead_code)]

use flow_executor::trace::{StepLog, TraceRecorder};
use flow_executor::{Executor, RunOutcome, RunSettings};
use flow_graph::FlowGraph;
use flow_graph::model::Flow;
use flow_scenario::coverage::CoverageRecorder;
use flow_scenario::{ResourceNames, Scenario, ScenarioEnvironment, initial_state};
use serde_json::{Value, json};

pub const QUEUE_ARN: &str =
    "arn:aws:connect:us-east-1:111122223333:instance/i-1/queue/6e2f3a5c-0000-4000-8000-00000000000a";

/// Builds a menu flow: a greeting, a menu with keys 1 (billing queue) and 2 (goodbye), and a goodbye
/// that disconnects. A timeout or a wrong key also leads to the goodbye.
pub fn menu_flow() -> Flow {
    serde_json::from_value(json!({
        "Version": "2019-10-30",
        "StartAction": "greet",
        "Metadata": {
            "name": "Menu",
            "ActionMetadata": {
                "greet": {"friendlyName": "Greeting"},
                "menu": {"friendlyName": "Main menu"},
                "billing": {"friendlyName": "Set billing"},
                "queue": {"friendlyName": "Billing queue"},
                "bye": {"friendlyName": "Goodbye"}
            }
        },
        "Actions": [
            {
                "Identifier": "greet",
                "Type": "MessageParticipant",
                "Parameters": {"Text": "Welcome to Harborline, $.Attributes.name."},
                "Transitions": {"NextAction": "menu", "Errors": [{"ErrorType": "NoMatchingError", "NextAction": "bye"}]}
            },
            {
                "Identifier": "menu",
                "Type": "GetParticipantInput",
                "Parameters": {"Text": "Press 1 for billing, 2 to leave.", "StoreInput": "False", "InputTimeLimitSeconds": "5"},
                "Transitions": {
                    "NextAction": "bye",
                    "Conditions": [
                        {"NextAction": "billing", "Condition": {"Operator": "Equals", "Operands": ["1"]}},
                        {"NextAction": "bye", "Condition": {"Operator": "Equals", "Operands": ["2"]}}
                    ],
                    "Errors": [
                        {"ErrorType": "InputTimeLimitExceeded", "NextAction": "bye"},
                        {"ErrorType": "NoMatchingCondition", "NextAction": "bye"},
                        {"ErrorType": "NoMatchingError", "NextAction": "bye"}
                    ]
                }
            },
            {
                "Identifier": "billing",
                "Type": "UpdateContactAttributes",
                "Parameters": {"Attributes": {"department": "billing", "priority": "7"}, "TargetContact": "Current"},
                "Transitions": {"NextAction": "set-queue", "Errors": [{"ErrorType": "NoMatchingError", "NextAction": "bye"}]}
            },
            {
                "Identifier": "set-queue",
                "Type": "UpdateContactTargetQueue",
                "Parameters": {"QueueId": QUEUE_ARN},
                "Transitions": {"NextAction": "queue", "Errors": [{"ErrorType": "NoMatchingError", "NextAction": "bye"}]}
            },
            {
                "Identifier": "queue",
                "Type": "TransferContactToQueue",
                "Parameters": {},
                "Transitions": {
                    "NextAction": "bye",
                    "Errors": [
                        {"ErrorType": "QueueAtCapacity", "NextAction": "bye"},
                        {"ErrorType": "NoMatchingError", "NextAction": "bye"}
                    ]
                }
            },
            {
                "Identifier": "bye",
                "Type": "DisconnectParticipant",
                "Parameters": {},
                "Transitions": {}
            }
        ]
    }))
    .expect("the menu flow is valid")
}

/// A finished run of the menu flow.
pub struct Run {
    pub steps: StepLog,
    pub outcome: RunOutcome,
    pub state: Value,
    pub names: ResourceNames,
    pub coverage: CoverageRecorder,
    pub graph: FlowGraph,
    pub scenario: Scenario,
}

/// Runs the menu flow under `scenario`, recording its steps and the branches it takes.
pub fn run_menu(scenario: Value) -> Run {
    let scenario = Scenario::from_json(&scenario.to_string(), None).expect("test scenario is valid");
    let graph = FlowGraph::build(menu_flow(), None);
    let registry = flow_executor::handlers::builtin_registry();
    let executor = Executor::new(&graph, &registry, scenario.run_settings(RunSettings::default()));
    let mut state = initial_state(&scenario).expect("the contact tree builds");
    let mut names = ResourceNames::from_flows([graph.flow()]);
    names.insert(QUEUE_ARN, "Billing");
    let mut env = ScenarioEnvironment::new(&scenario).with_names(names.clone());
    let mut observers = (TraceRecorder::new(StepLog::default()), CoverageRecorder::new());
    let outcome = executor.run(&mut state, &mut env, &mut observers);
    drop(executor);
    Run {
        steps: observers.0.sink,
        outcome,
        state: state.tree().clone(),
        names,
        coverage: observers.1,
        graph,
        scenario,
    }
}

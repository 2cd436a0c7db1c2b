//! Whole runs of small flows with a scenario's contact, environment and profile store.

use flow_executor::{EndReason, Event, Executor, Observer, RunOutcome, RunSettings};
use flow_graph::FlowGraph;
use flow_graph::model::Flow;
use flow_scenario::{Scenario, ScenarioEnvironment, initial_state};
use serde_json::{Value, json};

const HOURS_ARN: &str = "arn:aws:connect:us-east-1:111122223333:instance/i-1/operating-hours/h-7";

/// Records each external answer of a run as (question, answer, assumed).
#[derive(Default)]
struct Answers(Vec<(String, Value, bool)>);

impl Observer for Answers {
    fn on_event(&mut self, event: &Event<'_>) {
        if let Event::ExternalAnswer {
            question,
            answer,
            assumed,
            ..
        } = event
        {
            self.0.push((question.to_string(), (*answer).clone(), *assumed));
        }
    }
}

/// A flow that checks hours, then plays a welcome message in hours and disconnects, or
/// disconnects at once after hours.
fn hours_flow() -> Flow {
    serde_json::from_value(json!({
        "Version": "2019-10-30",
        "StartAction": "check",
        "Actions": [
            {
                "Identifier": "check",
                "Type": "CheckHoursOfOperation",
                "Parameters": {"HoursOfOperationId": HOURS_ARN},
                "Transitions": {
                    "NextAction": "closed",
                    "Errors": [{"ErrorType": "NoMatchingError", "NextAction": "closed"}],
                    "Conditions": [
                        {"NextAction": "open", "Condition": {"Operator": "Equals", "Operands": ["True"]}},
                        {"NextAction": "closed", "Condition": {"Operator": "Equals", "Operands": ["False"]}}
                    ]
                }
            },
            {
                "Identifier": "open",
                "Type": "MessageParticipant",
                "Parameters": {"Text": "Welcome, $.Attributes.name."},
                "Transitions": {
                    "NextAction": "closed",
                    "Errors": [{"ErrorType": "NoMatchingError", "NextAction": "closed"}]
                }
            },
            {"Identifier": "closed", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}
        ]
    }))
    .expect("test flow is valid")
}

/// Runs `flow` under `scenario` and returns the outcome and the external answers.
fn run(flow: Flow, scenario: Value) -> (RunOutcome, Vec<(String, Value, bool)>) {
    let scenario = Scenario::from_json(&scenario.to_string(), None).expect("test scenario is valid");
    let graph = FlowGraph::build(flow, None);
    let registry = flow_executor::handlers::builtin_registry();
    let executor = Executor::new(&graph, &registry, scenario.run_settings(RunSettings::default()));
    let mut state = initial_state(&scenario).expect("the contact tree builds");
    let mut env = ScenarioEnvironment::new(&scenario);
    let mut answers = Answers::default();
    let outcome = executor.run(&mut state, &mut env, &mut answers);
    (outcome, answers.0)
}

fn disconnected_at(identifier: &str) -> RunOutcome {
    RunOutcome::Ended {
        identifier: identifier.to_string(),
        reason: EndReason::Disconnected,
    }
}

#[test]
fn closed_hours_skip_welcome() {
    let (outcome, answers) = run(hours_flow(), json!({"hours": {"h-7": false}}));
    assert_eq!(outcome, disconnected_at("closed"));
    assert_eq!(answers.len(), 1);
    assert_eq!(answers[0].1, json!(false));
    assert!(!answers[0].2, "the scenario gave the hours");
}

#[test]
fn unlisted_hours_are_assumed_open() {
    let (outcome, answers) = run(hours_flow(), json!({"contact": {"attributes": {"name": "Ana"}}}));
    assert_eq!(outcome, disconnected_at("closed"));
    assert_eq!(answers.len(), 1);
    assert_eq!(answers[0].1, json!(true));
    assert!(answers[0].2, "no hours in the scenario, so open is assumed");
}

#[test]
fn strict_run_stops_at_open_question() {
    let (outcome, answers) = run(hours_flow(), json!({"settings": {"strict": true}}));
    assert!(answers.is_empty());
    let RunOutcome::OpenQuestion { identifier, question } = outcome else {
        panic!("expected an open question, got {outcome:?}");
    };
    assert_eq!(identifier, "check");
    assert!(question.contains("add the key \"h-7\" to `hours`"), "{question}");
}

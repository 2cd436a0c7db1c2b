//! Branch exploration of the example flows and of small flows with dead transitions.

use flow_executor::{Registry, RunSettings};
use flow_graph::{FlowGraph, load_bytes, load_path};
use flow_scenario::Scenario;
use flow_scenario::explore::{DeadReason, Exploration, ExploreOptions, explore};
use std::path::Path;

fn registry() -> Registry {
    let mut registry = flow_executor::handlers::builtin_registry();
    customer_profiles::register(&mut registry);
    registry
}

fn explore_graph(graph: &FlowGraph) -> Exploration {
    let registry = registry();
    let base = Scenario::default();
    explore(
        graph,
        &registry,
        &base,
        RunSettings::default(),
        ExploreOptions::default(),
    )
    .expect("the default scenario has no fixture that could fail to load")
}

fn explore_example(relative: &str) -> Exploration {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(relative);
    let loaded = load_path(&path).expect("the example flow loads");
    explore_graph(&FlowGraph::build(loaded.flow, loaded.source))
}

fn explore_json(text: &str) -> Exploration {
    let loaded = load_bytes(text.as_bytes(), None).expect("the test flow loads");
    explore_graph(&FlowGraph::build(loaded.flow, None))
}

/// Renders one line per transition: reached with its step and choices, or its reason.
fn report_lines(exploration: &Exploration) -> String {
    let mut lines = Vec::new();
    for reached in &exploration.reached {
        let t = &reached.transition;
        let choices: Vec<String> = reached
            .choices
            .iter()
            .map(|c| format!("{} at {}: {}", c.question, c.identifier, c.choice.describe()))
            .collect();
        lines.push(format!(
            "reached {} {} -> {} (step {}) [{}]",
            t.identifier,
            t.label,
            t.target,
            reached.steps,
            choices.join("; ")
        ));
    }
    for unreached in &exploration.unreached {
        let t = &unreached.transition;
        lines.push(format!(
            "{} {} -> {}: {}",
            t.identifier,
            t.label,
            t.target,
            unreached.reason.describe()
        ));
    }
    lines.join("\n")
}

#[test]
fn dtmf_menu_counts() {
    let exploration = explore_example("flows/dtmf-menu/dtmf-menu.json");
    let summary = &exploration.summary;
    assert_eq!(summary.transitions, 62);
    assert_eq!(
        summary.reached + summary.dead + summary.unreached,
        summary.transitions
    );
    assert!(summary.reached >= 33, "reached only {}", summary.reached);
    assert!(!summary.run_limit_hit);
    insta::assert_snapshot!(report_lines(&exploration));
}

#[test]
fn caller_lookup_counts() {
    let exploration = explore_example("flows/caller-lookup/caller-lookup.json");
    let summary = &exploration.summary;
    assert_eq!(summary.transitions, 37);
    assert_eq!(
        summary.reached + summary.dead + summary.unreached,
        summary.transitions
    );
    assert!(summary.reached >= 20, "reached only {}", summary.reached);
    assert!(!summary.run_limit_hit);
    insta::assert_snapshot!(report_lines(&exploration));
}

#[test]
fn exploration_is_deterministic() {
    let first = explore_example("flows/dtmf-menu/dtmf-menu.json");
    let second = explore_example("flows/dtmf-menu/dtmf-menu.json");
    assert_eq!(first, second);
}

/// A menu whose second condition repeats the first, a store-mode block with a condition, a
/// `Compare` on a literal, a Loop of 0 passes and a block no transition leads to.
const DEAD_FLOW: &str = r#"{
  "Version": "2019-10-30",
  "StartAction": "menu",
  "Actions": [
    {"Identifier": "menu", "Type": "GetParticipantInput",
     "Parameters": {"Text": "Press 1", "StoreInput": "False", "InputTimeLimitSeconds": "5"},
     "Transitions": {"NextAction": "bye",
       "Errors": [{"NextAction": "bye", "ErrorType": "InputTimeLimitExceeded"},
                  {"NextAction": "bye", "ErrorType": "NoMatchingCondition"},
                  {"NextAction": "bye", "ErrorType": "NoMatchingError"}],
       "Conditions": [
         {"NextAction": "store", "Condition": {"Operator": "Equals", "Operands": ["1"]}},
         {"NextAction": "orphan", "Condition": {"Operator": "Equals", "Operands": ["1"]}},
         {"NextAction": "bye", "Condition": {"Operator": "Equals", "Operands": ["12"]}}]}},
    {"Identifier": "store", "Type": "GetParticipantInput",
     "Parameters": {"Text": "Enter your number", "StoreInput": "True", "InputTimeLimitSeconds": "5"},
     "Transitions": {"NextAction": "literal",
       "Errors": [{"NextAction": "bye", "ErrorType": "NoMatchingError"}],
       "Conditions": [{"NextAction": "bye", "Condition": {"Operator": "Equals", "Operands": ["5"]}}]}},
    {"Identifier": "literal", "Type": "Compare",
     "Parameters": {"ComparisonValue": "7"},
     "Transitions": {"NextAction": "loop",
       "Errors": [{"NextAction": "loop", "ErrorType": "NoMatchingCondition"}],
       "Conditions": [{"NextAction": "bye", "Condition": {"Operator": "NumberGreaterThan", "Operands": ["10"]}}]}},
    {"Identifier": "loop", "Type": "Loop",
     "Parameters": {"LoopCount": "0"},
     "Transitions": {"NextAction": "bye",
       "Conditions": [
         {"NextAction": "literal", "Condition": {"Operator": "Equals", "Operands": ["ContinueLooping"]}},
         {"NextAction": "bye", "Condition": {"Operator": "Equals", "Operands": ["DoneLooping"]}}]}},
    {"Identifier": "orphan", "Type": "MessageParticipant",
     "Parameters": {"Text": "Never heard"},
     "Transitions": {"NextAction": "bye"}},
    {"Identifier": "bye", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}
  ]
}"#;

fn reason_of(exploration: &Exploration, identifier: &str, label: &str) -> Option<DeadReason> {
    exploration
        .unreached
        .iter()
        .find(|u| u.transition.identifier == identifier && u.transition.label == label)
        .map(|u| u.reason.clone())
}

#[test]
fn shadowed_condition_is_dead() {
    let exploration = explore_json(DEAD_FLOW);
    let reason = reason_of(&exploration, "menu", "condition 1: Equals \"1\"");
    assert_eq!(reason, Some(DeadReason::Shadowed { by: 0 }));
}

#[test]
fn unreachable_block_is_dead() {
    let exploration = explore_json(DEAD_FLOW);
    let reason = reason_of(&exploration, "orphan", "NextAction");
    assert_eq!(reason, Some(DeadReason::UnreachableBlock));
}

#[test]
fn conditions_no_value_meets_are_dead() {
    let exploration = explore_json(DEAD_FLOW);
    let never_met = |identifier: &str, label: &str| {
        matches!(
            reason_of(&exploration, identifier, label),
            Some(DeadReason::NeverMet { .. })
        )
    };
    assert!(
        never_met("menu", "condition 2: Equals \"12\""),
        "a menu result is one key"
    );
    assert!(
        never_met("store", "condition 0: Equals \"5\""),
        "store mode has no result"
    );
    assert!(
        never_met("literal", "condition 0: NumberGreaterThan \"10\""),
        "7 is not over 10"
    );
    assert!(
        never_met("loop", "condition 0: Equals \"ContinueLooping\""),
        "LoopCount 0"
    );
    let fallback = |identifier: &str| {
        matches!(
            reason_of(&exploration, identifier, "NextAction"),
            Some(DeadReason::FallbackNeverUsed { .. })
        )
    };
    assert!(fallback("menu"), "menu NextAction is a fallback");
    assert!(
        fallback("literal"),
        "a Compare takes a condition or NoMatchingCondition"
    );
    assert!(fallback("loop"), "a Loop with a valid count never fails");
}

#[test]
fn dead_flow_reaches_live_transitions() {
    let exploration = explore_json(DEAD_FLOW);
    let reached: Vec<String> = exploration
        .reached
        .iter()
        .map(|r| format!("{} {}", r.transition.identifier, r.transition.label))
        .collect();
    assert!(reached.contains(&"menu condition 0: Equals \"1\"".to_string()));
    assert!(reached.contains(&"menu error NoMatchingCondition".to_string()));
    assert!(reached.contains(&"menu error InputTimeLimitExceeded".to_string()));
    assert!(reached.contains(&"literal error NoMatchingCondition".to_string()));
    assert!(reached.contains(&"loop condition 1: Equals \"DoneLooping\"".to_string()));
    insta::assert_snapshot!(report_lines(&exploration));
}

/// A flow whose branches depend on the channel, a Lex slot, a Lambda result and a queue metric.
const CHOICE_FLOW: &str = r#"{
  "Version": "2019-10-30",
  "StartAction": "channel",
  "Actions": [
    {"Identifier": "channel", "Type": "Compare",
     "Parameters": {"ComparisonValue": "$.Channel"},
     "Transitions": {"NextAction": "lambda",
       "Errors": [{"NextAction": "lambda", "ErrorType": "NoMatchingCondition"}],
       "Conditions": [{"NextAction": "lambda", "Condition": {"Operator": "Equals", "Operands": ["CHAT"]}}]}},
    {"Identifier": "lambda", "Type": "InvokeLambdaFunction",
     "Parameters": {"LambdaFunctionARN": "arn:aws:lambda:us-east-1:111122223333:function:lookup", "InvocationTimeLimitSeconds": "3"},
     "Transitions": {"NextAction": "status",
       "Errors": [{"NextAction": "bye", "ErrorType": "NoMatchingError"}]}},
    {"Identifier": "status", "Type": "Compare",
     "Parameters": {"ComparisonValue": "$.External.status"},
     "Transitions": {"NextAction": "bot",
       "Errors": [{"NextAction": "bot", "ErrorType": "NoMatchingCondition"}],
       "Conditions": [{"NextAction": "bot", "Condition": {"Operator": "Equals", "Operands": ["active"]}}]}},
    {"Identifier": "bot", "Type": "ConnectParticipantWithLexBot",
     "Parameters": {"Text": "How can I help?", "LexV2Bot": {"AliasArn": "arn:aws:lex:us-east-1:111122223333:bot-alias/BOT/ALIAS"}},
     "Transitions": {"NextAction": "bye",
       "Errors": [{"NextAction": "bye", "ErrorType": "NoMatchingCondition"},
                  {"NextAction": "bye", "ErrorType": "NoMatchingError"}],
       "Conditions": [{"NextAction": "size", "Condition": {"Operator": "Equals", "Operands": ["Order"]}}]}},
    {"Identifier": "size", "Type": "Compare",
     "Parameters": {"ComparisonValue": "$.Lex.Slots.size"},
     "Transitions": {"NextAction": "staff",
       "Errors": [{"NextAction": "staff", "ErrorType": "NoMatchingCondition"}],
       "Conditions": [{"NextAction": "staff", "Condition": {"Operator": "Equals", "Operands": ["large"]}}]}},
    {"Identifier": "staff", "Type": "CheckMetricData",
     "Parameters": {"MetricType": "NumberOfAgentsAvailable", "QueueId": "arn:aws:connect:us-east-1:111122223333:instance/i/queue/q"},
     "Transitions": {"NextAction": "bye",
       "Errors": [{"NextAction": "bye", "ErrorType": "NoMatchingCondition"},
                  {"NextAction": "bye", "ErrorType": "NoMatchingError"}],
       "Conditions": [{"NextAction": "bye", "Condition": {"Operator": "NumberGreaterThan", "Operands": ["0"]}}]}},
    {"Identifier": "bye", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}
  ]
}"#;

#[test]
fn choices_reach_every_condition() {
    let exploration = explore_json(CHOICE_FLOW);
    let reached: Vec<String> = exploration
        .reached
        .iter()
        .map(|r| format!("{} {}", r.transition.identifier, r.transition.label))
        .collect();
    for expected in [
        "channel condition 0: Equals \"CHAT\"",
        "channel error NoMatchingCondition",
        "lambda error NoMatchingError",
        "status condition 0: Equals \"active\"",
        "status error NoMatchingCondition",
        "bot condition 0: Equals \"Order\"",
        "bot error NoMatchingCondition",
        "size condition 0: Equals \"large\"",
        "size error NoMatchingCondition",
        "staff condition 0: NumberGreaterThan \"0\"",
        "staff error NoMatchingCondition",
    ] {
        assert!(reached.contains(&expected.to_string()), "{expected} not reached");
    }
    insta::assert_snapshot!(report_lines(&exploration));
}

/// A customer-queue style flow: it transfers to the working queue that an earlier flow set.
const QUEUE_FROM_OUTSIDE: &str = r#"{
  "Version": "2019-10-30",
  "StartAction": "transfer",
  "Actions": [
    {"Identifier": "transfer", "Type": "TransferContactToQueue", "Parameters": {},
     "Transitions": {"NextAction": "bye", "Errors": [
       {"ErrorType": "QueueAtCapacity", "NextAction": "full"},
       {"ErrorType": "NoMatchingError", "NextAction": "bye"}]}},
    {"Identifier": "full", "Type": "MessageParticipant", "Parameters": {"Text": "The queue is full."},
     "Transitions": {"NextAction": "bye"}},
    {"Identifier": "bye", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}
  ]
}"#;

#[test]
fn working_queue_set_outside_the_flow_is_a_choice() {
    let exploration = explore_json(QUEUE_FROM_OUTSIDE);
    let reached: Vec<String> = exploration
        .reached
        .iter()
        .map(|r| {
            let choices: Vec<String> = r
                .choices
                .iter()
                .map(|c| format!("{}: {}", c.question, c.choice.describe()))
                .collect();
            format!(
                "{} {} [{}]",
                r.transition.identifier,
                r.transition.label,
                choices.join("; ")
            )
        })
        .collect();
    insta::assert_snapshot!(reached.join("\n"));
}

/// Checks the same hours twice and draws two percentages. A run takes the second hours check's
/// other branch, or the second draw's other branch, only when one key gets two different results.
const REPEATED_QUESTIONS: &str = r#"{
  "Version": "2019-10-30",
  "StartAction": "first-hours",
  "Actions": [
    {"Identifier": "first-hours", "Type": "CheckHoursOfOperation",
     "Parameters": {"HoursOfOperationId": "arn:aws:connect:us-east-1:123456789012:instance/i/operating-hours/main"},
     "Transitions": {"NextAction": "bye", "Conditions": [
       {"NextAction": "second-hours", "Condition": {"Operator": "Equals", "Operands": ["True"]}},
       {"NextAction": "first-draw", "Condition": {"Operator": "Equals", "Operands": ["False"]}}],
       "Errors": [{"ErrorType": "NoMatchingError", "NextAction": "bye"}]}},
    {"Identifier": "second-hours", "Type": "CheckHoursOfOperation",
     "Parameters": {"HoursOfOperationId": "arn:aws:connect:us-east-1:123456789012:instance/i/operating-hours/main"},
     "Transitions": {"NextAction": "bye", "Conditions": [
       {"NextAction": "bye", "Condition": {"Operator": "Equals", "Operands": ["True"]}},
       {"NextAction": "closed-later", "Condition": {"Operator": "Equals", "Operands": ["False"]}}],
       "Errors": [{"ErrorType": "NoMatchingError", "NextAction": "bye"}]}},
    {"Identifier": "closed-later", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}},
    {"Identifier": "first-draw", "Type": "DistributeByPercentage", "Parameters": {},
     "Transitions": {"NextAction": "second-draw", "Conditions": [
       {"NextAction": "second-draw", "Condition": {"Operator": "NumberLessThan", "Operands": ["50"]}}],
       "Errors": [{"ErrorType": "NoMatchingCondition", "NextAction": "second-draw"},
                  {"ErrorType": "NoMatchingError", "NextAction": "bye"}]}},
    {"Identifier": "second-draw", "Type": "DistributeByPercentage", "Parameters": {},
     "Transitions": {"NextAction": "bye", "Conditions": [
       {"NextAction": "bye", "Condition": {"Operator": "NumberLessThan", "Operands": ["50"]}}],
       "Errors": [{"ErrorType": "NoMatchingCondition", "NextAction": "bye"},
                  {"ErrorType": "NoMatchingError", "NextAction": "bye"}]}},
    {"Identifier": "bye", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}
  ]
}"#;

#[test]
fn repeated_questions_keep_first_answer() {
    let exploration = explore_json(REPEATED_QUESTIONS);
    let reached: Vec<String> = exploration
        .reached
        .iter()
        .map(|r| format!("{} {}", r.transition.identifier, r.transition.label))
        .collect();
    let not_reached: Vec<String> = exploration
        .unreached
        .iter()
        .filter(|u| !u.dead)
        .map(|u| format!("{} {}", u.transition.identifier, u.transition.label))
        .collect();

    assert!(reached.contains(&"second-hours condition 0: Equals \"True\"".to_string()));
    assert!(reached.contains(&"second-draw condition 0: NumberLessThan \"50\"".to_string()));
    assert!(reached.contains(&"first-draw error NoMatchingCondition".to_string()));
    assert!(reached.contains(&"second-draw error NoMatchingCondition".to_string()));
    assert_eq!(not_reached, ["second-hours condition 1: Equals \"False\""]);
}

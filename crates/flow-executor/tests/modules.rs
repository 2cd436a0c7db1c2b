//! Runs across a flow set: module calls and returns, transfers, missing targets and call depth.

mod common;

use common::{Recorder, ScriptedEnv};
use flow_executor::handlers::builtin_registry;
use flow_executor::{ContactState, EndReason, Executor, RunOutcome, RunSettings};
use flow_graph::load::load_bytes;
use flow_graph::{FlowSet, SetOptions};
use serde_json::{Value, json};
use std::path::PathBuf;

const MODULE_ARN: &str = "arn:aws:connect:us-east-1:111122223333:instance/i-1/flow-module/lookup:$LATEST";

/// A flow export with `actions`, starting at the first, loaded as if read from `file`.
fn export(file: &str, actions: Value, extra: Value) -> flow_graph::LoadedFlow {
    let start = actions[0]["Identifier"].clone();
    let mut document = json!({"Version": "2019-10-30", "StartAction": start, "Actions": actions});
    if let (Some(target), Some(extra)) = (document.as_object_mut(), extra.as_object()) {
        target.extend(extra.clone());
    }
    let bytes = serde_json::to_vec(&document).expect("a JSON value serializes");
    load_bytes(&bytes, Some(PathBuf::from(file))).expect("test flows load")
}

fn module_settings() -> Value {
    json!({"Settings": {"InputParameters": [], "OutputParameters": [], "Transitions": []}})
}

/// The entry flow: sets a flow and a contact attribute, invokes `module`, branches on its result
/// and transfers to `transfer_to`.
fn main_flow(module: &str, transfer_to: &str) -> flow_graph::LoadedFlow {
    export(
        "main.json",
        json!([
            {"Identifier": "flag", "Type": "UpdateFlowAttributes",
             "Parameters": {"FlowAttributes": {"step": {"Value": "1"}}},
             "Transitions": {"NextAction": "lang"}},
            {"Identifier": "lang", "Type": "UpdateContactAttributes",
             "Parameters": {"Attributes": {"lang": "es"}},
             "Transitions": {"NextAction": "call"}},
            {"Identifier": "call", "Type": "InvokeFlowModule",
             "Parameters": {"FlowModuleId": module, "Input": {"account": "$.Attributes.lang"}},
             "Transitions": {
                 "NextAction": "failed",
                 "Conditions": [
                     {"NextAction": "transfer", "Condition": {"Operator": "Equals", "Operands": ["Found"]}},
                     {"NextAction": "failed", "Condition": {"Operator": "Equals", "Operands": ["NotFound"]}}
                 ],
                 "Errors": [{"ErrorType": "NoMatchingError", "NextAction": "failed"}]
             }},
            {"Identifier": "transfer", "Type": "TransferToFlow",
             "Parameters": {"ContactFlowId": transfer_to},
             "Transitions": {"Errors": [{"ErrorType": "NoMatchingError", "NextAction": "failed"}]}},
            {"Identifier": "failed", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}
        ]),
        json!({}),
    )
}

/// A module that returns `Found` when its input `account` is `es`, else `NotFound`.
fn lookup_module() -> flow_graph::LoadedFlow {
    export(
        "lookup.json",
        json!([
            {"Identifier": "check", "Type": "Compare",
             "Parameters": {"ComparisonValue": "$.Modules.Input.account"},
             "Transitions": {
                 "NextAction": "missing",
                 "Conditions": [{"NextAction": "mark", "Condition": {"Operator": "Equals", "Operands": ["es"]}}],
                 "Errors": [{"ErrorType": "NoMatchingCondition", "NextAction": "missing"}]
             }},
            {"Identifier": "mark", "Type": "UpdateFlowAttributes",
             "Parameters": {"FlowAttributes": {
                 "seenExternal": {"Value": "$.External.secret"},
                 "seenQueue": {"Value": "$.Metrics.Queue.Name"}
             }},
             "Transitions": {"NextAction": "found"}},
            {"Identifier": "found", "Type": "EndFlowModuleExecution",
             "Parameters": {"Result": "Found", "ResultData": {"tier": "gold"}}, "Transitions": {}},
            {"Identifier": "missing", "Type": "EndFlowModuleExecution",
             "Parameters": {"Result": "NotFound"}, "Transitions": {}}
        ]),
        module_settings(),
    )
}

/// The transfer target: copies the flow attribute `step` and the module result into contact
/// attributes, so the test can see what survived.
fn billing_flow() -> flow_graph::LoadedFlow {
    export(
        "billing.json",
        json!([
            {"Identifier": "copy", "Type": "UpdateContactAttributes",
             "Parameters": {"Attributes": {"stepSeen": "$.FlowAttributes.step", "tier": "$.Modules.ResultData.tier"}},
             "Transitions": {"NextAction": "bye"}},
            {"Identifier": "bye", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}
        ]),
        json!({"Metadata": {"name": "Billing", "type": "contactFlow"}}),
    )
}

struct Run {
    outcome: RunOutcome,
    state: ContactState,
    recorder: Recorder,
}

fn run_set(flows: Vec<flow_graph::LoadedFlow>, tree: Value, budget: usize) -> Run {
    let set = FlowSet::from_loaded(flows, &SetOptions::default());
    let entry = set.by_id("main").expect("every test set has main.json");
    let registry = builtin_registry();
    let settings = RunSettings {
        step_budget: budget,
        ..RunSettings::default()
    };
    let executor = Executor::new(&entry.graph, &registry, settings).with_flows(&set);
    let mut state = ContactState::new(tree);
    let mut recorder = Recorder::default();
    let outcome = executor.run(&mut state, &mut ScriptedEnv::default(), &mut recorder);
    Run {
        outcome,
        state,
        recorder,
    }
}

fn standard_run() -> Run {
    let flows = vec![main_flow(MODULE_ARN, "billing"), lookup_module(), billing_flow()];
    let tree = json!({"External": {"secret": "s3"}, "Metrics": {"Queue": {"Name": "Billing"}}});
    run_set(flows, tree, 100)
}

#[test]
fn module_call_resumes_at_caller() {
    let run = standard_run();
    insta::assert_snapshot!(run.recorder.text());
}

#[test]
fn module_input_and_result_data() {
    let run = standard_run();
    assert_eq!(
        run.state.get(&["Modules", "Input", "account"]),
        Some(&json!("es"))
    );
    assert_eq!(run.state.get(&["Modules", "Result"]), Some(&json!("Found")));
    assert_eq!(run.state.get(&["Attributes", "tier"]), Some(&json!("gold")));
}

#[test]
fn module_cannot_see_caller_data() {
    let run = standard_run();
    let text = run.recorder.text();
    assert!(
        text.contains("write $.FlowAttributes.seenExternal = \"\""),
        "{text}"
    );
    assert!(text.contains("write $.FlowAttributes.seenQueue = \"\""), "{text}");
    assert_eq!(run.state.get(&["External", "secret"]), Some(&json!("s3")));
    assert_eq!(
        run.state.get(&["Metrics", "Queue", "Name"]),
        Some(&json!("Billing"))
    );
}

#[test]
fn transfer_clears_flow_attributes() {
    let run = standard_run();
    assert_eq!(run.state.get(&["Attributes", "lang"]), Some(&json!("es")));
    assert_eq!(run.state.get(&["Attributes", "stepSeen"]), Some(&json!("")));
    assert_eq!(run.state.get(&["FlowAttributes", "step"]), None);
    assert_eq!(
        run.outcome,
        RunOutcome::Ended {
            identifier: "bye".into(),
            reason: EndReason::Disconnected
        }
    );
}

#[test]
fn module_flow_attributes_survive_return() {
    let flows = vec![main_flow(MODULE_ARN, "nowhere"), lookup_module(), billing_flow()];
    let run = run_set(flows, json!({}), 100);
    assert_eq!(
        run.state.get(&["FlowAttributes", "seenExternal"]),
        Some(&json!(""))
    );
    assert_eq!(run.state.get(&["FlowAttributes", "step"]), Some(&json!("1")));
}

#[test]
fn missing_transfer_target_takes_error() {
    let flows = vec![main_flow(MODULE_ARN, "Billing"), lookup_module(), billing_flow()];
    let run = run_set(flows, json!({}), 100);
    let notes = run.recorder.notes();
    assert!(
        notes
            .iter()
            .any(|n| n.starts_with("TransferToFlow target \"Billing\" not found")),
        "notes: {notes:?}"
    );
    assert_eq!(run.outcome.identifier(), "failed");
}

#[test]
fn missing_module_takes_error() {
    let flows = vec![
        main_flow("no-such-module", "billing"),
        lookup_module(),
        billing_flow(),
    ];
    let run = run_set(flows, json!({}), 100);
    let notes = run.recorder.notes();
    assert!(
        notes.iter().any(|n| n.contains("\"no-such-module\" not found")),
        "notes: {notes:?}"
    );
    assert!(
        run.recorder
            .text()
            .contains("\"matched\":\"NoMatchingError\"} -> failed")
    );
    assert_eq!(run.outcome.identifier(), "failed");
}

#[test]
fn flow_as_module_takes_error() {
    let flows = vec![main_flow("billing", "billing"), lookup_module(), billing_flow()];
    let run = run_set(flows, json!({}), 100);
    let notes = run.recorder.notes();
    assert!(
        notes
            .iter()
            .any(|n| n.contains("names the flow \"billing\", not a module")),
        "notes: {notes:?}"
    );
    assert_eq!(run.outcome.identifier(), "failed");
}

#[test]
fn module_without_flow_set_takes_error() {
    let set = FlowSet::from_loaded(vec![main_flow(MODULE_ARN, "billing")], &SetOptions::default());
    let entry = set.by_id("main").expect("main.json is loaded");
    let registry = builtin_registry();
    let executor = Executor::new(&entry.graph, &registry, RunSettings::default());
    let mut recorder = Recorder::default();
    let mut state = ContactState::new(json!({}));
    let mut env = ScriptedEnv::default();
    let outcome = executor.run(&mut state, &mut env, &mut recorder);
    assert!(
        recorder
            .notes()
            .iter()
            .any(|n| n.contains("is not loaded, because only one flow runs"))
    );
    assert_eq!(
        env.results_asked,
        ["module result (the module is not loaded): Success|Found|NotFound|Error (default Error)"]
    );
    assert_eq!(outcome.identifier(), "failed");
}

#[test]
fn unloaded_module_result_comes_from_environment() {
    let set = FlowSet::from_loaded(vec![main_flow(MODULE_ARN, "billing")], &SetOptions::default());
    let entry = set.by_id("main").expect("main.json is loaded");
    let registry = builtin_registry();
    let executor = Executor::new(&entry.graph, &registry, RunSettings::default());
    // The transfer ends the run, because no flow set contains its target.
    let cases = [
        ("Found", "transfer"),
        ("NotFound", "failed"),
        ("Success", "failed"),
        ("Error", "failed"),
    ];
    for (result, after_call) in cases {
        let mut env = ScriptedEnv {
            results: [result.to_string()].into(),
            ..ScriptedEnv::default()
        };
        let mut state = ContactState::new(json!({}));
        let outcome = executor.run(&mut state, &mut env, &mut Recorder::default());
        assert_eq!(outcome.identifier(), after_call, "{result}");
    }
}

#[test]
fn transfer_without_flow_set_ends_run() {
    let set = FlowSet::from_loaded(
        vec![billing_flow(), main_flow("x", "billing")],
        &SetOptions::default(),
    );
    let entry = set.by_id("main").expect("main.json is loaded");
    let transfer = entry
        .graph
        .block_id("transfer")
        .expect("main has a transfer block");
    assert_eq!(entry.graph.action(transfer).action_type, "TransferToFlow");
    let single = export(
        "single.json",
        json!([{"Identifier": "t", "Type": "TransferToFlow", "Parameters": {"ContactFlowId": "billing"}, "Transitions": {}}]),
        json!({}),
    );
    let graph = flow_graph::FlowGraph::build(single.flow, None);
    let registry = builtin_registry();
    let executor = Executor::new(&graph, &registry, RunSettings::default());
    let mut state = ContactState::new(json!({}));
    let outcome = executor.run(&mut state, &mut ScriptedEnv::default(), &mut Recorder::default());
    assert_eq!(
        outcome,
        RunOutcome::Ended {
            identifier: "t".into(),
            reason: EndReason::TransferredToFlow {
                flow: "billing".into()
            }
        }
    );
}

/// A module whose only block invokes itself, with an error branch that returns `Error`.
fn recursive_module() -> flow_graph::LoadedFlow {
    export(
        "lookup.json",
        json!([
            {"Identifier": "again", "Type": "InvokeFlowModule",
             "Parameters": {"FlowModuleId": "lookup"},
             "Transitions": {"NextAction": "done",
                             "Errors": [{"ErrorType": "NoMatchingError", "NextAction": "fail"}]}},
            {"Identifier": "done", "Type": "EndFlowModuleExecution", "Parameters": {}, "Transitions": {}},
            {"Identifier": "fail", "Type": "EndFlowModuleExecution", "Parameters": {"Result": "Error"}, "Transitions": {}}
        ]),
        module_settings(),
    )
}

#[test]
fn self_invoking_module_hits_depth_limit() {
    let flows = vec![main_flow("lookup", "billing"), recursive_module(), billing_flow()];
    let run = run_set(flows, json!({}), 1000);
    let notes = run.recorder.notes();
    let limit_notes = notes
        .iter()
        .filter(|n| n.starts_with("module call depth limit of 10"))
        .count();
    assert_eq!(limit_notes, 1);
    // Every level returns Error to its caller, so the entry flow takes its error branch.
    assert_eq!(run.outcome.identifier(), "failed");
    assert!(run.outcome.is_normal_end());
}

#[test]
fn step_budget_spans_flows() {
    let flows = vec![main_flow(MODULE_ARN, "billing"), lookup_module(), billing_flow()];
    let run = run_set(flows, json!({}), 7);
    assert_eq!(
        run.outcome,
        RunOutcome::StepBudgetExhausted {
            identifier: "transfer".into(),
            budget: 7
        }
    );
}

/// An entry flow that sets the `event` hook to `hook_flow`, then transfers to a queue or
/// disconnects.
fn hooked_flow(event: &str, hook_flow: &str, to_queue: bool) -> flow_graph::LoadedFlow {
    let last = if to_queue {
        json!({"Identifier": "end", "Type": "TransferContactToQueue", "Parameters": {}, "Transitions": {}})
    } else {
        json!({"Identifier": "end", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}})
    };
    export(
        "main.json",
        json!([
            {"Identifier": "hook", "Type": "UpdateContactEventHooks",
             "Parameters": {"EventHooks": {event: hook_flow}},
             "Transitions": {"NextAction": "queue"}},
            {"Identifier": "queue", "Type": "UpdateContactTargetQueue",
             "Parameters": {"QueueId": "q-1"},
             "Transitions": {"NextAction": "end"}},
            last
        ]),
        json!({}),
    )
}

/// A customer queue flow that plays two prompts in a loop.
fn queue_flow() -> flow_graph::LoadedFlow {
    export(
        "hold-music.json",
        json!([
            {"Identifier": "first", "Type": "MessageParticipant", "Parameters": {"Text": "Please hold."},
             "Transitions": {"NextAction": "second"}},
            {"Identifier": "second", "Type": "MessageParticipant", "Parameters": {"Text": "Still busy."},
             "Transitions": {"NextAction": "first"}}
        ]),
        json!({"Metadata": {"name": "Hold music", "type": "customerQueue"}}),
    )
}

/// A disconnect flow that thanks the caller and disconnects.
fn survey_flow() -> flow_graph::LoadedFlow {
    export(
        "survey.json",
        json!([
            {"Identifier": "thanks", "Type": "MessageParticipant", "Parameters": {"Text": "Thanks."},
             "Transitions": {"NextAction": "bye"}},
            {"Identifier": "bye", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}
        ]),
        json!({"Metadata": {"name": "Survey", "type": "contactFlow"}}),
    )
}

fn run_following(flows: Vec<flow_graph::LoadedFlow>, follow: bool) -> (RunOutcome, Recorder) {
    let set = FlowSet::from_loaded(flows, &SetOptions::default());
    let entry = set.by_id("main").expect("every test set has main.json");
    let registry = builtin_registry();
    let executor = Executor::new(&entry.graph, &registry, RunSettings::default())
        .with_flows(&set)
        .with_follow_contact(follow);
    let mut recorder = Recorder::default();
    let mut state = ContactState::new(json!({}));
    let outcome = executor.run(&mut state, &mut ScriptedEnv::default(), &mut recorder);
    (outcome, recorder)
}

#[test]
fn follow_contact_runs_disconnect_flow() {
    let flows = vec![hooked_flow("CustomerRemaining", "survey", false), survey_flow()];
    let (outcome, recorder) = run_following(flows, true);
    assert_eq!(outcome.identifier(), "bye");
    let notes = recorder.notes();
    assert!(
        notes.contains(&"contact event CustomerRemaining: run flow \"Survey\" (id survey)".to_string()),
        "notes: {notes:?}"
    );
    assert!(notes.contains(&"prompt: Thanks.".to_string()), "notes: {notes:?}");
}

#[test]
fn follow_contact_runs_one_queue_pass() {
    let flows = vec![hooked_flow("CustomerQueue", "hold-music", true), queue_flow()];
    let (outcome, recorder) = run_following(flows, true);
    assert_eq!(
        outcome,
        RunOutcome::Ended {
            identifier: "end".into(),
            reason: EndReason::TransferredToQueue { queue: "q-1".into() }
        }
    );
    let text = recorder.text();
    assert!(text.contains("4: enter first (MessageParticipant)"), "{text}");
    assert!(text.contains("5: enter second (MessageParticipant)"), "{text}");
    assert!(text.ends_with("end after 5 steps: {\"kind\":\"ended\",\"identifier\":\"end\",\"reason\":{\"kind\":\"transferredToQueue\",\"queue\":\"q-1\"}}"), "{text}");
}

#[test]
fn without_follow_contact_hooks_wait() {
    let flows = vec![hooked_flow("CustomerRemaining", "survey", false), survey_flow()];
    let (outcome, recorder) = run_following(flows, false);
    assert_eq!(outcome.identifier(), "end");
    assert!(!recorder.text().contains("contact event"));
}

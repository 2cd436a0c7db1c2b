//! Scenario keys that name no Lambda function, hours or queue of the flow are errors.

use flow_graph::model::Flow;
use flow_scenario::{
    ResourceNames, Scenario, ScenarioErrorKind, check_against, check_against_flows,
    check_against_named_flows, check_entry,
};
use serde_json::{Value, json};
use std::path::Path;

const BALANCE_ARN: &str = "arn:aws:lambda:us-east-1:111122223333:function:getBalance";
const QUEUE_ARN: &str = "arn:aws:connect:us-east-1:111122223333:instance/i-1/queue/q-42";
const HOURS_ARN: &str = "arn:aws:connect:us-east-1:111122223333:instance/i-1/operating-hours/h-7";

fn scenario(value: Value) -> Scenario {
    Scenario::from_json(&value.to_string(), Some(Path::new("s.scenario.json")))
        .expect("test scenario is valid")
}

/// Builds a flow from (Identifier, Type, Parameters) triples, with console metadata naming the
/// queue `BasicQueue` and the hours `Main hours`.
fn flow(actions: &[(&str, &str, Value)]) -> Flow {
    let actions: Vec<Value> = actions
        .iter()
        .map(|(identifier, action_type, parameters)| {
            json!({"Identifier": identifier, "Type": action_type, "Parameters": parameters, "Transitions": {}})
        })
        .collect();
    serde_json::from_value(json!({
        "Version": "2019-10-30",
        "StartAction": actions.first().map(|a| a["Identifier"].clone()),
        "Metadata": {"ActionMetadata": {
            "set-queue": {"queue": {"id": QUEUE_ARN, "text": "BasicQueue"}},
            "check-hours": {"Hours": {"id": HOURS_ARN, "text": "Main hours"}}
        }},
        "Actions": actions
    }))
    .expect("test flow is valid")
}

fn main_flow() -> Flow {
    flow(&[
        (
            "fetch",
            "InvokeLambdaFunction",
            json!({"LambdaFunctionARN": BALANCE_ARN}),
        ),
        (
            "set-queue",
            "UpdateContactTargetQueue",
            json!({"QueueId": QUEUE_ARN}),
        ),
        (
            "check-hours",
            "CheckHoursOfOperation",
            json!({"HoursOfOperationId": HOURS_ARN}),
        ),
        ("transfer", "TransferContactToQueue", json!({})),
    ])
}

fn pointers(scenario: &Scenario, flow: &Flow) -> Vec<String> {
    check_against(scenario, flow)
        .into_iter()
        .map(|error| error.pointer)
        .collect()
}

#[test]
fn keys_naming_flow_resources_pass() {
    let scenario = scenario(json!({
        "lambda": {"getBalance": [{"response": {}}], BALANCE_ARN: [{"response": {}}]},
        "hours": {"h-7": true, "Main hours": false},
        "queues": {"q-42": {}, "BasicQueue": {}, QUEUE_ARN: {}}
    }));
    assert_eq!(check_against(&scenario, &main_flow()), vec![]);
}

#[test]
fn unused_keys_are_errors() {
    let scenario = scenario(json!({
        "lambda": {"getBalnce": [{"response": {}}], "sendSms": [{"response": {}}]},
        "hours": {"weekend": true},
        "queues": {"Sales/EMEA": {}}
    }));
    let errors = check_against(&scenario, &main_flow());
    assert!(errors.iter().all(|e| e.kind == ScenarioErrorKind::UnusedKey));
    let pointers: Vec<&str> = errors.iter().map(|e| e.pointer.as_str()).collect();
    assert_eq!(
        pointers,
        [
            "/lambda/getBalnce",
            "/lambda/sendSms",
            "/hours/weekend",
            "/queues/Sales~1EMEA"
        ]
    );
    let rendered: Vec<String> = errors.iter().map(ToString::to_string).collect();
    insta::assert_snapshot!(rendered.join("\n\n"));
}

#[test]
fn dynamic_lambda_skips_lambda_check() {
    let flow = flow(&[
        (
            "fetch",
            "InvokeLambdaFunction",
            json!({"LambdaFunctionARN": "$.Attributes.lambdaArn"}),
        ),
        (
            "fetch-2",
            "InvokeLambdaFunction",
            json!({"LambdaFunctionARN": BALANCE_ARN}),
        ),
    ]);
    let scenario = scenario(json!({"lambda": {"anything": [{"error": "x"}]}, "hours": {"h": true}}));
    assert_eq!(pointers(&scenario, &flow), ["/hours/h"]);
}

#[test]
fn region_reference_in_arn_is_dynamic() {
    let arn = "arn:aws:lambda:$.AwsRegion:111122223333:function:getBalance";
    let flow = flow(&[("fetch", "InvokeLambdaFunction", json!({"LambdaFunctionARN": arn}))]);
    let scenario = scenario(json!({"lambda": {"other": [{"error": "x"}]}}));
    assert_eq!(pointers(&scenario, &flow), Vec::<String>::new());
}

#[test]
fn dynamic_queue_skips_queue_check() {
    let flow = flow(&[(
        "set-queue",
        "UpdateContactTargetQueue",
        json!({"QueueId": "$.Attributes.queue"}),
    )]);
    let scenario = scenario(json!({"queues": {"any": {}}}));
    assert_eq!(pointers(&scenario, &flow), Vec::<String>::new());
}

#[test]
fn working_queue_from_outside_skips_queue_check() {
    let flow = flow(&[("transfer", "TransferContactToQueue", json!({}))]);
    let scenario = scenario(json!({"queues": {"any": {}}, "lambda": {"f": [{"error": "x"}]}}));
    assert_eq!(pointers(&scenario, &flow), ["/lambda/f"]);
}

#[test]
fn start_queue_enables_queue_check() {
    let flow = flow(&[("transfer", "TransferContactToQueue", json!({}))]);
    let scenario = scenario(json!({
        "contact": {"queue": QUEUE_ARN},
        "queues": {"q-42": {}, "other": {}}
    }));
    assert_eq!(pointers(&scenario, &flow), ["/queues/other"]);
}

#[test]
fn queue_hours_accept_queue_keys() {
    let flow = flow(&[
        (
            "set-queue",
            "UpdateContactTargetQueue",
            json!({"QueueId": QUEUE_ARN}),
        ),
        ("check-hours", "CheckHoursOfOperation", json!({})),
    ]);
    let scenario = scenario(json!({"hours": {"BasicQueue": false, "q-42": true, "h-7": true}}));
    assert_eq!(pointers(&scenario, &flow), ["/hours/h-7"]);
}

#[test]
fn queue_hours_of_unknown_queue_skip_hours_check() {
    let flow = flow(&[("check-hours", "CheckHoursOfOperation", json!({}))]);
    let scenario = scenario(json!({"hours": {"anything": false}}));
    assert_eq!(pointers(&scenario, &flow), Vec::<String>::new());
}

#[test]
fn agent_queue_counts_as_queue() {
    let flow = flow(&[(
        "set-agent",
        "UpdateContactTargetQueue",
        json!({"AgentId": "agent-1"}),
    )]);
    let scenario = scenario(json!({"queues": {"agent-1": {}}}));
    assert_eq!(pointers(&scenario, &flow), Vec::<String>::new());
}

#[test]
fn several_flows_pool_their_resources() {
    let module = flow(&[(
        "notify",
        "InvokeLambdaFunction",
        json!({"LambdaFunctionARN": "sendSms"}),
    )]);
    let scenario = scenario(json!({"lambda": {"getBalance": [{"error": "x"}], "sendSms": [{"error": "x"}]}}));
    let main = main_flow();
    assert_eq!(check_against(&scenario, &main).len(), 1);
    assert_eq!(check_against_flows(&scenario, [&main, &module]), vec![]);
}

#[test]
fn flow_without_resources_says_so() {
    let flow = flow(&[("bye", "DisconnectParticipant", json!({}))]);
    let scenario = scenario(json!({"lambda": {"f": [{"error": "x"}]}}));
    let errors = check_against(&scenario, &flow);
    assert_eq!(errors.len(), 1);
    assert_eq!(
        errors[0].hint.as_deref(),
        Some("the flow names none of this kind; remove the key")
    );
}

#[test]
fn resource_map_names_count_as_keys() {
    let scenario = scenario(json!({"queues": {"Billing desk": {"atCapacity": true}}}));
    let mut names = ResourceNames::default();
    names.insert(QUEUE_ARN, "Billing desk");

    let without_names = check_against_flows(&scenario, [&main_flow()]);
    let with_names = check_against_named_flows(&scenario, [&main_flow()], &names);

    assert_eq!(without_names.len(), 1);
    assert_eq!(with_names, vec![]);
}

#[test]
fn module_input_needs_a_module_entry() {
    let scenario = scenario(json!({"contact": {"moduleInput": {"email": "ana@example.com"}}}));
    let error = check_entry(&scenario, &main_flow()).expect("a flow that is not a module is rejected");
    assert_eq!(error.pointer, "/contact/moduleInput");
    assert_eq!(
        error.message,
        "`contact.moduleInput` is set, but the entry flow is not a flow module"
    );

    let mut module = main_flow();
    module.settings = Some(json!({"InputParameters": [], "OutputParameters": [], "Transitions": []}));
    assert_eq!(check_entry(&scenario, &module), None);
    assert_eq!(check_against(&scenario, &main_flow()), vec![]);
}

//! The `cases`, `dataTables` and queue-metric sections: parsing, and whole runs that read and
//! write them.

use flow_executor::handlers::cases::CaseStore;
use flow_executor::handlers::data_tables::DataTableStore;
use flow_executor::{ContactState, EndReason, Executor, NullObserver, RunOutcome, RunSettings};
use flow_graph::FlowGraph;
use flow_graph::model::Flow;
use flow_scenario::{Scenario, ScenarioEnvironment, ScenarioErrorKind, initial_state};
use serde_json::{Value, json};

fn parse(scenario: Value) -> Scenario {
    Scenario::from_json(&scenario.to_string(), None).expect("test scenario is valid")
}

/// Builds a flow from `actions`, starting at the first one.
fn flow(actions: Value) -> Flow {
    let start = actions[0]["Identifier"].clone();
    serde_json::from_value(json!({"Version": "2019-10-30", "StartAction": start, "Actions": actions}))
        .expect("test flow is valid")
}

/// Runs `flow` under `scenario` and returns the outcome and the final contact state.
fn run(flow: Flow, scenario: Value) -> (RunOutcome, ContactState) {
    let scenario = parse(scenario);
    let graph = FlowGraph::build(flow, None);
    let registry = flow_executor::handlers::builtin_registry();
    let executor = Executor::new(&graph, &registry, scenario.run_settings(RunSettings::default()));
    let mut state = initial_state(&scenario).expect("the contact tree builds");
    let mut env = ScenarioEnvironment::new(&scenario);
    let outcome = executor.run(&mut state, &mut env, &mut NullObserver);
    (outcome, state)
}

fn block(identifier: &str, action_type: &str, parameters: Value, next: &str) -> Value {
    json!({
        "Identifier": identifier,
        "Type": action_type,
        "Parameters": parameters,
        "Transitions": {"NextAction": next, "Errors": [{"ErrorType": "NoMatchingError", "NextAction": "failed"}]},
    })
}

fn disconnect(identifier: &str) -> Value {
    json!({"Identifier": identifier, "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}})
}

fn ended_at(identifier: &str) -> RunOutcome {
    RunOutcome::Ended {
        identifier: identifier.to_string(),
        reason: EndReason::Disconnected,
    }
}

#[test]
fn cases_section_parses() {
    let scenario = parse(json!({"cases": [{"case_id": "c-1", "status": "open"}]}));
    let cases = scenario.cases.expect("the section is present");
    assert_eq!(cases.len(), 1);
    assert_eq!(cases[0]["status"], json!("open"));
    assert_eq!(parse(json!({})).cases, None);
}

#[test]
fn data_tables_section_parses() {
    let scenario = parse(json!({"dataTables": {"operations": {
        "primaryAttributes": ["Location"],
        "records": [{"Location": "Leeds", "Open": "true"}],
    }}}));
    let table = &scenario.data_tables["operations"];
    assert_eq!(table.primary_attributes, ["Location"]);
    assert_eq!(table.records[0]["Open"], json!("true"));
    assert_eq!(table.lock_version, 1);
}

#[test]
fn invalid_fixture_sections_rejected() {
    let cases = [
        json!({"cases": {"case_id": "c-1"}}),
        json!({"cases": ["c-1"]}),
        json!({"dataTables": {"t": {"records": []}}}),
        json!({"dataTables": {"t": {"primaryAttributes": [], "rows": []}}}),
    ];
    for scenario in cases {
        let error = Scenario::from_json(&scenario.to_string(), None).expect_err("the scenario is invalid");
        assert_eq!(error.kind, ScenarioErrorKind::Invalid, "{scenario}");
    }
}

#[test]
fn queue_metrics_parse() {
    let scenario = parse(json!({"queues": {"Sales": {
        "agentsBusy": 3,
        "agentsAfterContactWork": 1,
        "agentsMissed": 2,
        "agentsNonProductive": 4,
        "estimatedWaitTimeSeconds": 90,
        "contactPositionInQueue": 5,
        "contactEstimatedWaitTimeSeconds": 30,
    }}}));
    let queue = &scenario.queues["Sales"];
    assert_eq!(queue.agents_busy, 3);
    assert_eq!(queue.agents_after_contact_work, 1);
    assert_eq!(queue.agents_missed, 2);
    assert_eq!(queue.agents_non_productive, 4);
    assert_eq!(queue.estimated_wait_time_seconds, Some(90));
    assert_eq!(queue.contact_position_in_queue, Some(5));
    assert_eq!(queue.contact_estimated_wait_time_seconds, Some(30));
    assert_eq!(
        parse(json!({"queues": {"Q": {}}})).queues["Q"].estimated_wait_time_seconds,
        None
    );
}

#[test]
fn fixtures_installed_in_state() {
    let scenario = parse(json!({
        "cases": [{"case_id": "c-1"}],
        "dataTables": {"t": {"primaryAttributes": ["k"]}},
    }));
    let state = initial_state(&scenario).expect("the contact tree builds");
    let cases = state.extensions.get::<CaseStore>().expect("a case store");
    assert_eq!(cases.cases().len(), 1);
    let tables = state
        .extensions
        .get::<DataTableStore>()
        .expect("a data-table store");
    assert_eq!(tables.tables["t"].lock_version, 1);

    let empty = initial_state(&parse(json!({}))).expect("the contact tree builds");
    assert!(empty.extensions.get::<CaseStore>().is_none());
    assert!(empty.extensions.get::<DataTableStore>().is_none());
}

/// Creates a linked case, reads it back through the link, and branches on its status.
fn case_flow() -> Flow {
    flow(json!([
        block("create", "CreateCase", json!({
            "CaseTemplateId": "template-1",
            "LinkContactToCase": "true",
            "CaseRequestFields": {"customer_id": "p-1", "title": "Router for $.CustomerEndpoint.Address"},
        }), "get"),
        {
            "Identifier": "get",
            "Type": "GetCase",
            "Parameters": {"CaseResponseFields": ["case_id", "status", "title"]},
            "Transitions": {
                "NextAction": "found",
                "Errors": [
                    {"ErrorType": "ContactNotLinked", "NextAction": "unlinked"},
                    {"ErrorType": "NoneFound", "NextAction": "failed"},
                    {"ErrorType": "MultipleFound", "NextAction": "failed"},
                    {"ErrorType": "NoMatchingError", "NextAction": "failed"}
                ]
            }
        },
        disconnect("found"),
        disconnect("unlinked"),
        disconnect("failed"),
    ]))
}

#[test]
fn created_case_found_later_in_run() {
    let (outcome, state) = run(case_flow(), json!({"cases": []}));
    assert_eq!(outcome, ended_at("found"));
    let case = state.get(&["Case"]).expect("GetCase wrote the case");
    assert_eq!(case["status"], json!("open"));
    assert_eq!(case["title"], json!("Router for +15550100100"));
    assert_eq!(case["case_id"], json!("00000000-0000-4000-8000-000000000001"));
}

#[test]
fn case_results_without_fixture() {
    let (outcome, _) = run(case_flow(), json!({"results": {"get": ["ContactNotLinked"]}}));
    assert_eq!(outcome, ended_at("unlinked"));
}

#[test]
fn case_results_checked_against_flow() {
    let valid = parse(json!({"results": {"get": ["NoneFound"], "CreateCase": ["ContactNotLinked"]}}));
    assert_eq!(flow_scenario::check_against(&valid, &case_flow()), []);

    let invalid = parse(json!({"results": {"get": ["QueueAtCapacity"]}}));
    let errors = flow_scenario::check_against(&invalid, &case_flow());
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].kind, ScenarioErrorKind::Invalid);
}

#[test]
fn data_table_upsert_then_evaluate() {
    let flow = flow(json!([
        block("write", "UpsertDataTableValues", json!({
            "DataTableId": "arn:aws:connect:us-east-1:123456789012:instance/i/data-table/sites",
            "LockVersion": "1",
            "DataTableUpsertAttributes": [{
                "PrimaryKeyGroupName": "pg1",
                "PrimaryValues": [{"Name": "Location", "Value": "York"}],
                "Attributes": [{"Name": "Open", "Value": "false"}],
            }],
        }), "read"),
        block("read", "EvaluateDataTableValues", json!({
            "DataTableId": "sites",
            "Queries": [{"QueryName": "york", "PrimaryValues": [{"Name": "Location", "Value": "York"}]}],
        }), "check"),
        {
            "Identifier": "check",
            "Type": "Compare",
            "Parameters": {"ComparisonValue": "$.DataTables.york.Open"},
            "Transitions": {
                "NextAction": "failed",
                "Errors": [{"ErrorType": "NoMatchingCondition", "NextAction": "failed"}],
                "Conditions": [{"NextAction": "closed", "Condition": {"Operator": "Equals", "Operands": ["false"]}}]
            }
        },
        disconnect("closed"),
        disconnect("failed"),
    ]));
    let scenario = json!({"dataTables": {"sites": {
        "primaryAttributes": ["Location"],
        "records": [{"Location": "York", "Open": "true"}],
    }}});
    let (outcome, state) = run(flow, scenario);
    assert_eq!(outcome, ended_at("closed"));
    let tables = state
        .extensions
        .get::<DataTableStore>()
        .expect("a data-table store");
    assert_eq!(tables.tables["sites"].lock_version, 2);
}

#[test]
fn queue_metrics_reach_flow() {
    let flow = flow(json!([
        block("metrics", "GetMetricData", json!({"QueueId": "Sales"}), "check"),
        {
            "Identifier": "check",
            "Type": "CheckMetricData",
            "Parameters": {"MetricType": "NumberOfContactsInQueue", "QueueId": "Sales"},
            "Transitions": {
                "NextAction": "failed",
                "Errors": [
                    {"ErrorType": "NoMatchingCondition", "NextAction": "short"},
                    {"ErrorType": "NoMatchingError", "NextAction": "failed"}
                ],
                "Conditions": [{"NextAction": "long", "Condition": {"Operator": "NumberGreaterThan", "Operands": ["5"]}}]
            }
        },
        disconnect("long"),
        disconnect("short"),
        disconnect("failed"),
    ]));
    let scenario = json!({"queues": {"Sales": {"contactsInQueue": 9, "estimatedWaitTimeSeconds": 300}}});
    let (outcome, state) = run(flow, scenario);
    assert_eq!(outcome, ended_at("long"));
    assert_eq!(
        state.get(&["Metrics", "Queue", "EstimatedWaitTime"]),
        Some(&json!(300))
    );
    assert_eq!(state.get(&["Metrics", "Queue", "Size"]), Some(&json!(9)));
}

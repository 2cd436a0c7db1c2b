//! A whole flow that chains every profile block: get, create when none is found, get again,
//! update, associate, get object, get calculated attributes and check segment membership.

mod common;

use common::block::memory_store;
use common::{NoEnvironment, Recorder};
use customer_profiles::{ProfileSlot, SearchQuery};
use flow_executor::handlers::builtin_registry;
use flow_executor::{ContactState, Executor, RunOutcome, RunSettings};
use flow_graph::{Flow, FlowGraph};
use serde_json::{Value, json};

const FIXTURE: &str = r#"{
  "segments": {"gold-members": ["p-1"]},
  "profiles": [
    {"ProfileId": "p-1", "FirstName": "Ana", "PhoneNumber": "+15550100101",
     "Objects": {"Asset": [{"AssetId": "a-1", "Status": "Active"}]},
     "CalculatedAttributes": {"_frequent_caller": true}}
  ]
}"#;

fn block(identifier: &str, action_type: &str, parameters: Value, transitions: Value) -> Value {
    json!({"Identifier": identifier, "Type": action_type, "Parameters": parameters, "Transitions": transitions})
}

fn next_or_fallback(next: &str) -> Value {
    json!({"NextAction": next, "Errors": [{"NextAction": "fallback", "ErrorType": "NoMatchingError"}]})
}

fn none_found_to(next: &str) -> Value {
    json!({"NextAction": next, "Errors": [
        {"NextAction": next, "ErrorType": "NoneFoundError"},
        {"NextAction": "fallback", "ErrorType": "NoMatchingError"}
    ]})
}

fn get_profile(identifier: &str, on_none_found: &str) -> Value {
    block(
        identifier,
        "GetCustomerProfile",
        json!({
            "ProfileRequestData": {"IdentifierName": "_phone", "IdentifierValue": "$.CustomerEndpoint.Address"},
            "ProfileResponseData": ["FirstName"]
        }),
        json!({"NextAction": "update", "Errors": [
            {"NextAction": "fallback", "ErrorType": "MultipleFoundError"},
            {"NextAction": on_none_found, "ErrorType": "NoneFoundError"},
            {"NextAction": "fallback", "ErrorType": "NoMatchingError"}
        ]}),
    )
}

fn journey_flow() -> FlowGraph {
    let disconnect = |identifier: &str| block(identifier, "DisconnectParticipant", json!({}), json!({}));
    let profile_id = "$.Customer.ProfileId";
    let flow: Flow = serde_json::from_value(json!({
        "Version": "2019-10-30",
        "StartAction": "get-profile",
        "Actions": [
            get_profile("get-profile", "create"),
            block("create", "CreateCustomerProfile", json!({
                "ProfileRequestData": {"FirstName": "$.Attributes.name", "PhoneNumber": "$.CustomerEndpoint.Address"},
                "ProfileResponseData": []
            }), next_or_fallback("get-again")),
            get_profile("get-again", "fallback"),
            block("update", "UpdateCustomerProfile", json!({
                "ProfileRequestData": {"Attributes.lastIntent": "billing"},
                "ProfileResponseData": ["FirstName", "Attributes.lastIntent"]
            }), next_or_fallback("associate")),
            block("associate", "AssociateContactToCustomerProfile", json!({
                "ProfileRequestData": {"ProfileId": profile_id, "ContactId": "$.ContactId"},
                "ProfileResponseData": {}
            }), next_or_fallback("get-asset")),
            block("get-asset", "GetCustomerProfileObject", json!({
                "ProfileRequestData": {"ProfileId": profile_id, "ObjectType": "Asset", "UseLatest": "true"},
                "ProfileResponseData": ["AssetStatus"]
            }), none_found_to("calculated")),
            block("calculated", "GetCalculatedAttributesForCustomerProfile", json!({
                "ProfileRequestData": {"ProfileId": profile_id},
                "ProfileResponseData": ["CalculatedAttributes._frequent_caller"]
            }), none_found_to("segment")),
            block("segment", "CheckSegmentMembershipForCustomerProfile", json!({
                "ProfileRequestData": {"ProfileId": profile_id, "SegmentName": "gold-members"}
            }), json!({
                "NextAction": "fallback",
                "Conditions": [
                    {"NextAction": "gold", "Condition": {"Operator": "Equals", "Operands": ["True"]}},
                    {"NextAction": "standard", "Condition": {"Operator": "Equals", "Operands": ["False"]}}
                ],
                "Errors": [{"NextAction": "fallback", "ErrorType": "NoMatchingError"}]
            })),
            disconnect("gold"),
            disconnect("standard"),
            disconnect("fallback")
        ]
    }))
    .expect("the journey flow is valid");
    FlowGraph::build(flow, None)
}

/// Where one call ended, the blocks it entered, and its final state.
struct Call {
    ended_at: String,
    path: Vec<String>,
    state: ContactState,
}

fn call(number: &str) -> Call {
    let graph = journey_flow();
    let mut registry = builtin_registry();
    customer_profiles::register(&mut registry);
    let executor = Executor::new(&graph, &registry, RunSettings::default());

    let tree = json!({"ContactId": "c-100", "CustomerEndpoint": {"Address": number}, "Attributes": {"name": "Dana"}});
    let mut state = ContactState::new(tree);
    customer_profiles::install(&mut state, memory_store(FIXTURE));

    let mut recorder = Recorder::default();
    let outcome = executor.run(&mut state, &mut NoEnvironment, &mut recorder);
    let RunOutcome::Ended { identifier, .. } = outcome else {
        panic!("the run did not end at a terminal block: {outcome:?}");
    };
    let path = recorder
        .events
        .iter()
        .filter(|e| e["type"] == "blockEntered")
        .filter_map(|e| e["data"]["identifier"].as_str().map(str::to_string))
        .collect();
    Call {
        ended_at: identifier,
        path,
        state,
    }
}

fn customer(call: &Call) -> Value {
    call.state.get(&["Customer"]).cloned().unwrap_or(Value::Null)
}

fn found_by_contact(call: &Call) -> Vec<String> {
    let slot = call
        .state
        .extensions
        .get::<ProfileSlot>()
        .expect("the call installed a store");
    let query = SearchQuery::single("_ctrContactId", "c-100").expect("the query is valid");
    let found = slot.store.search(&query).expect("the memory store answers");
    found.into_iter().map(|m| m.profile.profile_id).collect()
}

#[test]
fn known_caller_reaches_gold() {
    let call = call("+15550100101");
    assert_eq!(call.ended_at, "gold");
    assert_eq!(
        call.path,
        [
            "get-profile",
            "update",
            "associate",
            "get-asset",
            "calculated",
            "segment",
            "gold"
        ]
    );
    assert_eq!(found_by_contact(&call), ["p-1"]);
    insta::assert_json_snapshot!(customer(&call));
}

#[test]
fn new_caller_created_then_found() {
    let call = call("+15550100199");
    assert_eq!(call.ended_at, "standard");
    assert_eq!(
        call.path,
        [
            "get-profile",
            "create",
            "get-again",
            "update",
            "associate",
            "get-asset",
            "calculated",
            "segment",
            "standard"
        ]
    );
    assert_eq!(found_by_contact(&call), ["00000000000000000000000000000001"]);
    insta::assert_json_snapshot!(customer(&call));
}

//! GetCustomerProfile inside a whole flow run, with the built-in handlers and the executor.

mod common;

use common::{NoEnvironment, Recorder};
use customer_profiles::{Fixture, MemoryStore, ProfileStore, SearchSettings, UnavailableStore};
use flow_executor::handlers::builtin_registry;
use flow_executor::{ContactState, Executor, RunOutcome, RunSettings};
use flow_graph::{Flow, FlowGraph};
use serde_json::{Value, json};

/// A Get profile block by caller number whose four branches each end at their own block.
fn lookup_flow() -> FlowGraph {
    let disconnect = |identifier: &str| json!({"Identifier": identifier, "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}});
    let flow: Flow = serde_json::from_value(json!({
        "Version": "2019-10-30",
        "StartAction": "get-profile",
        "Actions": [
            {
                "Identifier": "get-profile",
                "Type": "GetCustomerProfile",
                "Parameters": {
                    "ProfileRequestData": {"IdentifierName": "_phone", "IdentifierValue": "$.CustomerEndpoint.Address"},
                    "ProfileResponseData": ["FirstName", "City", "ShippingCity", "Attributes.loyaltyTier"]
                },
                "Transitions": {"NextAction": "greet", "Errors": [
                    {"NextAction": "disambiguate", "ErrorType": "MultipleFoundError"},
                    {"NextAction": "create", "ErrorType": "NoneFoundError"},
                    {"NextAction": "fallback", "ErrorType": "NoMatchingError"}
                ]}
            },
            disconnect("greet"),
            disconnect("disambiguate"),
            disconnect("create"),
            disconnect("fallback")
        ]
    }))
    .expect("the test flow is valid");
    FlowGraph::build(flow, None)
}

fn fixture_store(text: &str, settings: SearchSettings) -> Box<dyn ProfileStore> {
    let fixture = Fixture::parse(text, "profiles.ndjson").expect("the test fixture is valid");
    Box::new(MemoryStore::new(fixture, settings).expect("the settings are valid"))
}

const PROFILES: &str = r#"{"ProfileId": "p-1", "FirstName": "Ana", "LastName": "Diaz", "PhoneNumber": "+15550100101", "Address": {"City": "Springfield"}, "ShippingAddress": {"City": "Shelbyville"}, "Attributes": {"loyaltyTier": "gold"}}
{"ProfileId": "p-2", "PhoneNumber": "+15550100102"}
{"ProfileId": "p-3", "PhoneNumber": "+15550100102"}
{"ProfileId": "p-4", "FirstName": "Bo", "PhoneNumber": "555-010-0104"}
"#;

/// Runs the lookup flow for a caller and returns where it ended and the final `$.Customer`.
fn call(number: &str, store: Option<Box<dyn ProfileStore>>) -> (String, Value) {
    let graph = lookup_flow();
    let mut registry = builtin_registry();
    customer_profiles::register(&mut registry);
    let executor = Executor::new(&graph, &registry, RunSettings::default());

    let mut state = ContactState::new(json!({"CustomerEndpoint": {"Address": number}}));
    if let Some(store) = store {
        customer_profiles::install(&mut state, store);
    }

    let outcome = executor.run(&mut state, &mut NoEnvironment, &mut Recorder::default());
    let ended_at = match outcome {
        RunOutcome::Ended { identifier, .. } => identifier,
        other => panic!("the run did not end at a terminal block: {other:?}"),
    };
    let customer = state.get(&["Customer"]).cloned().unwrap_or(Value::Null);
    (ended_at, customer)
}

#[test]
fn four_branches_table() {
    let cases = [
        ("+15550100101", "greet"),
        ("+15550100102", "disambiguate"),
        ("+15550100103", "create"),
    ];
    for (number, expected) in cases {
        let store = fixture_store(PROFILES, SearchSettings::default());
        let (ended_at, _) = call(number, Some(store));
        assert_eq!(ended_at, expected, "caller {number}");
    }
}

#[test]
fn unavailable_store_takes_fallback() {
    let (ended_at, customer) = call("+15550100101", Some(Box::new(UnavailableStore)));
    assert_eq!(ended_at, "fallback");
    assert_eq!(customer, Value::Null);
}

#[test]
fn missing_store_takes_fallback() {
    let (ended_at, _) = call("+15550100101", None);
    assert_eq!(ended_at, "fallback");
}

#[test]
fn success_fills_customer() {
    let store = fixture_store(PROFILES, SearchSettings::default());
    let (ended_at, customer) = call("+15550100101", Some(store));
    assert_eq!(ended_at, "greet");
    assert_eq!(
        customer,
        json!({
            "ProfileId": "p-1",
            "FirstName": "Ana",
            "City": "Springfield",
            "ShippingCity": "Shelbyville",
            "Attributes": {"loyaltyTier": "gold"}
        })
    );
}

#[test]
fn national_number_found_by_default() {
    let store = fixture_store(PROFILES, SearchSettings::default());
    let (ended_at, customer) = call("+15550100104", Some(store));
    assert_eq!(ended_at, "greet");
    assert_eq!(customer["ProfileId"], "p-4");
}

#[test]
fn national_number_missed_when_exact() {
    let settings = SearchSettings {
        phone_matching: customer_profiles::PhoneMatching::Exact,
        ..SearchSettings::default()
    };
    let store = fixture_store(PROFILES, settings);
    let (ended_at, customer) = call("+15550100104", Some(store));
    assert_eq!(ended_at, "create");
    assert_eq!(customer, Value::Null);
}

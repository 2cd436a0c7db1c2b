//! The contact tree a run starts from, and the profile store installed on it.

use customer_profiles::{ProfileSlot, ProfileStore, SearchQuery};
use flow_executor::ContactState;
use flow_scenario::{Scenario, ScenarioError, ScenarioErrorKind, initial_state};
use serde_json::{Value, json};
use std::path::Path;

fn scenario(value: Value) -> Scenario {
    Scenario::from_json(&value.to_string(), Some(Path::new("cases/test.scenario.json")))
        .expect("test scenario is valid")
}

fn installed_store(state: &ContactState) -> Option<&dyn ProfileStore> {
    state
        .extensions
        .get::<ProfileSlot>()
        .map(|slot| slot.store.as_ref())
}

fn state_error(value: Value) -> ScenarioError {
    initial_state(&scenario(value)).expect_err("the profiles should be rejected")
}

#[test]
fn voice_defaults() {
    let state = initial_state(&scenario(json!({}))).unwrap();
    insta::assert_json_snapshot!(state.tree());
}

#[test]
fn given_contact_fields() {
    let state = initial_state(&scenario(json!({"contact": {
        "customerEndpoint": "+15550100101",
        "systemEndpoint": "+15550100102",
        "attributes": {"tier": "gold", "connect_prefs.lang": "es"},
        "contactId": "c-2",
        "initialContactId": "c-1",
        "instanceArn": "arn:aws:connect:eu-west-2:111122223333:instance/i-9",
        "languageCode": "es-ES"
    }})))
    .unwrap();
    insta::assert_json_snapshot!(state.tree());
}

#[test]
fn region_comes_from_instance_arn() {
    let state = initial_state(&scenario(json!({"contact": {
        "instanceArn": "arn:aws:connect:ap-southeast-2:111122223333:instance/i-9"
    }})))
    .unwrap();
    assert_eq!(state.get(&["AwsRegion"]), Some(&json!("ap-southeast-2")));

    let state = initial_state(&scenario(json!({"contact": {
        "instanceArn": "arn:aws:connect:ap-southeast-2:111122223333:instance/i-9",
        "awsRegion": "eu-central-1"
    }})))
    .unwrap();
    assert_eq!(state.get(&["AwsRegion"]), Some(&json!("eu-central-1")));
}

#[test]
fn email_endpoints_are_addresses() {
    let state = initial_state(&scenario(json!({"contact": {"channel": "EMAIL"}}))).unwrap();
    assert_eq!(state.get(&["Channel"]), Some(&json!("EMAIL")));
    assert_eq!(
        state.get(&["CustomerEndpoint"]),
        Some(&json!({"Address": "customer@example.com", "Type": "EMAIL_ADDRESS"}))
    );
    assert_eq!(
        state.get(&["SystemEndpoint"]),
        Some(&json!({"Address": "support@example.com", "Type": "EMAIL_ADDRESS"}))
    );
}

#[test]
fn chat_has_no_default_endpoints() {
    let state = initial_state(&scenario(json!({"contact": {"channel": "CHAT"}}))).unwrap();
    assert_eq!(state.get(&["Channel"]), Some(&json!("CHAT")));
    assert_eq!(state.get(&["CustomerEndpoint"]), None);
    assert_eq!(state.get(&["SystemEndpoint"]), None);
}

#[test]
fn chat_endpoint_given_is_telephone_number() {
    let state = initial_state(&scenario(json!({"contact": {
        "channel": "CHAT", "customerEndpoint": "+15550100101"
    }})))
    .unwrap();
    assert_eq!(
        state.get(&["CustomerEndpoint"]),
        Some(&json!({"Address": "+15550100101", "Type": "TELEPHONE_NUMBER"}))
    );
    assert_eq!(state.get(&["SystemEndpoint"]), None);
}

#[test]
fn working_queue_is_set_when_given() {
    let arn = "arn:aws:connect:us-east-1:111122223333:instance/i-1/queue/q-42";
    let state = initial_state(&scenario(json!({"contact": {"queue": arn}}))).unwrap();
    assert_eq!(state.get(&["Queue"]), Some(&json!({"ARN": arn, "Id": "q-42"})));

    let state = initial_state(&scenario(json!({"contact": {"queue": "BasicQueue"}}))).unwrap();
    assert_eq!(
        state.get(&["Queue"]),
        Some(&json!({"ARN": "BasicQueue", "Id": "BasicQueue", "Name": "BasicQueue"}))
    );

    let state = initial_state(&scenario(json!({}))).unwrap();
    assert_eq!(state.get(&["Queue"]), None);
}

#[test]
fn module_input_is_set_when_given() {
    let input = json!({"email": "ana@example.com", "retries": 2});
    let state = initial_state(&scenario(json!({"contact": {"moduleInput": input}}))).unwrap();
    assert_eq!(state.get(&["Modules", "Input"]), Some(&input));

    let state = initial_state(&scenario(json!({}))).unwrap();
    assert_eq!(state.get(&["Modules"]), None);
}

#[test]
fn two_builds_are_identical() {
    let scenario = scenario(json!({"contact": {"attributes": {"a": "1", "b": "2"}}}));
    let first = initial_state(&scenario).unwrap();
    let second = initial_state(&scenario).unwrap();
    assert_eq!(first.tree().to_string(), second.tree().to_string());
}

#[test]
fn no_profiles_section_installs_no_store() {
    let state = initial_state(&scenario(json!({}))).unwrap();
    assert!(installed_store(&state).is_none());
}

#[test]
fn inline_profiles_are_searchable() {
    let state = initial_state(&scenario(json!({"profiles": [
        {"ProfileId": "p-1", "FirstName": "Ana", "PhoneNumber": "+15550100101"}
    ]})))
    .unwrap();
    let store = installed_store(&state).expect("a store is installed");
    let query = SearchQuery::single("_phone", "+15550100101").unwrap();
    let found = store.search(&query).unwrap();
    assert_eq!(found.len(), 1);
}

#[test]
fn phone_matching_setting_reaches_store() {
    let profiles = json!([{"ProfileId": "p-1", "PhoneNumber": "(555) 010-0101"}]);
    let query = SearchQuery::single("_phone", "+15550100101").unwrap();

    let normalised = initial_state(&scenario(json!({"profiles": profiles}))).unwrap();
    let found = installed_store(&normalised).unwrap().search(&query).unwrap();
    assert_eq!(
        found.len(),
        1,
        "normalised matching finds a differently written number"
    );

    let exact = initial_state(&scenario(json!({
        "profiles": profiles, "settings": {"phoneMatching": "exact"}
    })))
    .unwrap();
    let found = installed_store(&exact).unwrap().search(&query).unwrap();
    assert!(found.is_empty(), "exact matching needs the same text");
}

#[test]
fn unavailable_profiles_fail_every_search() {
    let state = initial_state(&scenario(json!({"profiles": {"unavailable": true}}))).unwrap();
    let store = installed_store(&state).expect("a store is installed");
    let query = SearchQuery::single("_phone", "+15550100101").unwrap();
    assert!(store.search(&query).is_err());
}

#[test]
fn fixture_file_is_resolved_against_scenario() {
    let folder = std::env::temp_dir().join(format!("flow-scenario-contact-{}", std::process::id()));
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(
        folder.join("p.json"),
        r#"[{"ProfileId": "p-1", "EmailAddress": "ana@example.com"}]"#,
    )
    .unwrap();
    let path = folder.join("a.scenario.json");
    std::fs::write(&path, r#"{"profiles": "p.json"}"#).unwrap();

    let state = initial_state(&Scenario::load(&path).unwrap()).unwrap();

    let query = SearchQuery::single("_email", "ana@example.com").unwrap();
    assert_eq!(installed_store(&state).unwrap().search(&query).unwrap().len(), 1);
    std::fs::remove_dir_all(&folder).unwrap();
}

#[test]
fn missing_fixture_is_profiles_error() {
    let error = state_error(json!({"profiles": "no-such-fixture.json"}));
    assert_eq!(error.kind, ScenarioErrorKind::Profiles);
    assert_eq!(error.pointer, "/profiles");
    assert!(
        error
            .message
            .starts_with("cannot load the profile fixture: cases/no-such-fixture.json"),
        "{}",
        error.message
    );
}

#[test]
fn invalid_inline_profile_points_at_it() {
    let error = state_error(json!({"profiles": [{"ProfileId": "p-1"}, {"FirstName": "no id"}]}));
    assert_eq!(error.kind, ScenarioErrorKind::Profiles);
    assert_eq!(error.pointer, "/profiles/1");
    insta::assert_snapshot!(error.message);
}

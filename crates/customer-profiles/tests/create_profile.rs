//! The branches of CreateCustomerProfile and what it writes and stores.

mod common;

use common::block::{MaybeStore, error, memory_store, run_block, state_with};
use customer_profiles::{ProfileSlot, SearchQuery, UnavailableStore};
use flow_executor::Outcome;
use serde_json::{Value, json};

const TYPE: &str = "CreateCustomerProfile";

const FIXTURE: &str = r#"{
  "domainArn": "arn:aws:profile:us-east-1:111122223333:domains/example",
  "profiles": [{"ProfileId": "p-1", "FirstName": "Ana", "PhoneNumber": "+15550100101"}]
}"#;

fn caller() -> Value {
    json!({"CustomerEndpoint": {"Address": "+15550100199"}, "Attributes": {"name": "Dana"}})
}

fn create(request: Value, response: Value) -> Value {
    json!({"ProfileRequestData": request, "ProfileResponseData": response})
}

fn full_request() -> Value {
    json!({
        "FirstName": "$.Attributes.name",
        "LastName": "Reyes",
        "PhoneNumber": "$.CustomerEndpoint.Address",
        "EmailAddress": "dana@example.com",
        "Address1": "2 Oak Ave",
        "City": "Springfield",
        "ShippingCity": "Shelbyville",
        "Attributes.loyaltyTier": "silver"
    })
}

#[test]
fn branches_table() {
    let long = "x".repeat(256);
    let cases: Vec<(&str, Value, MaybeStore, Outcome)> = vec![
        (
            "all fields",
            full_request(),
            Some(memory_store(FIXTURE)),
            Outcome::Next,
        ),
        ("no fields", json!({}), Some(memory_store(FIXTURE)), Outcome::Next),
        (
            "invalid field",
            json!({"Nickname": "D"}),
            Some(memory_store(FIXTURE)),
            error("NoMatchingError"),
        ),
        (
            "nested address",
            json!({"Address.City": "X"}),
            Some(memory_store(FIXTURE)),
            error("NoMatchingError"),
        ),
        (
            "profile id",
            json!({"ProfileId": "p-9"}),
            Some(memory_store(FIXTURE)),
            error("NoMatchingError"),
        ),
        (
            "value over 255",
            json!({"FirstName": long}),
            Some(memory_store(FIXTURE)),
            error("NoMatchingError"),
        ),
        (
            "invalid gender",
            json!({"Gender": "M"}),
            Some(memory_store(FIXTURE)),
            error("NoMatchingError"),
        ),
        (
            "unavailable store",
            full_request(),
            Some(Box::new(UnavailableStore)),
            error("NoMatchingError"),
        ),
        ("no store", full_request(), None, error("NoMatchingError")),
    ];
    for (case, request, store, expected) in cases {
        let run = run_block(TYPE, create(request, json!([])), state_with(caller(), store));
        assert_eq!(run.outcome, expected, "{case}");
    }
}

#[test]
fn success_writes_requested_fields() {
    let response = json!([
        "FirstName",
        "LastName",
        "PhoneNumber",
        "City",
        "ShippingCity",
        "Attributes.loyaltyTier"
    ]);
    let run = run_block(
        TYPE,
        create(full_request(), response),
        state_with(caller(), Some(memory_store(FIXTURE))),
    );
    assert_eq!(run.outcome, Outcome::Next);
    insta::assert_json_snapshot!(run.customer());
}

#[test]
fn created_profile_is_stored() {
    let run = run_block(
        TYPE,
        create(full_request(), json!([])),
        state_with(caller(), Some(memory_store(FIXTURE))),
    );
    let stored = run
        .store()
        .get("00000000000000000000000000000001")
        .expect("the memory store answers")
        .expect("the block stored the profile");
    insta::assert_json_snapshot!(stored);
}

#[test]
fn later_search_finds_created() {
    let run = run_block(
        TYPE,
        create(full_request(), json!([])),
        state_with(caller(), Some(memory_store(FIXTURE))),
    );
    let query = SearchQuery::single("_phone", "+15550100199").expect("the query is valid");
    let found = run.store().search(&query).expect("the memory store answers");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].profile.profile_id, "00000000000000000000000000000001");
    assert_eq!(found[0].profile.first_name.as_deref(), Some("Dana"));
}

#[test]
fn ids_count_up_per_store() {
    let first = run_block(
        TYPE,
        create(json!({"FirstName": "A"}), json!([])),
        state_with(caller(), Some(memory_store(FIXTURE))),
    );
    let second = run_block(TYPE, create(json!({"FirstName": "B"}), json!([])), first.state);
    assert_eq!(second.customer()["ProfileId"], "00000000000000000000000000000002");
    let again = run_block(
        TYPE,
        create(json!({"FirstName": "A"}), json!([])),
        state_with(caller(), Some(memory_store(FIXTURE))),
    );
    assert_eq!(again.customer()["ProfileId"], "00000000000000000000000000000001");
}

#[test]
fn ids_skip_fixture_ids() {
    let fixture = r#"[{"ProfileId": "00000000000000000000000000000001"}]"#;
    let run = run_block(
        TYPE,
        create(json!({"FirstName": "A"}), json!([])),
        state_with(caller(), Some(memory_store(fixture))),
    );
    assert_eq!(run.customer()["ProfileId"], "00000000000000000000000000000002");
}

#[test]
fn empty_value_left_out() {
    let request = json!({"FirstName": "Dana", "LastName": "$.Attributes.unset"});
    let run = run_block(
        TYPE,
        create(request, json!(["LastName"])),
        state_with(caller(), Some(memory_store(FIXTURE))),
    );
    assert_eq!(run.outcome, Outcome::Next);
    let stored = run
        .store()
        .get("00000000000000000000000000000001")
        .expect("the memory store answers");
    assert_eq!(stored.expect("the block stored the profile").last_name, None);
}

#[test]
fn failure_stores_nothing() {
    let run = run_block(
        TYPE,
        create(json!({"Nickname": "D"}), json!([])),
        state_with(caller(), Some(memory_store(FIXTURE))),
    );
    assert_eq!(run.customer(), Value::Null);
    let stored = run
        .store()
        .get("00000000000000000000000000000001")
        .expect("the memory store answers");
    assert_eq!(stored, None);
    assert_eq!(
        run.notes(),
        [
            "CreateCustomerProfile failed: ProfileRequestData has the invalid field Nickname (use a flat name \
          such as FirstName, City, ShippingCity or Attributes.<key>)"
        ]
    );
}

#[test]
fn over_limit_stores_nothing() {
    let mut state = state_with(caller(), None);
    let mut slot = ProfileSlot::new(memory_store(FIXTURE));
    slot.max_customer_chars = 40;
    customer_profiles::install_slot(&mut state, slot);
    let run = run_block(TYPE, create(full_request(), json!(["FirstName", "City"])), state);
    assert_eq!(run.outcome, error("NoMatchingError"));
    assert_eq!(run.customer(), Value::Null);
    let stored = run
        .store()
        .get("00000000000000000000000000000001")
        .expect("the memory store answers");
    assert_eq!(stored, None);
}

#[test]
fn failure_notes_table() {
    let cases = [
        (
            json!({"Address.City": "X"}),
            "CreateCustomerProfile failed: ProfileRequestData has the invalid field Address.City (did you mean City? Address fields have flat names)",
        ),
        (
            json!({"ProfileId": "p-9"}),
            "CreateCustomerProfile failed: ProfileRequestData may not set ProfileId (Create profile assigns a new id, and Update profile changes the profile at $.Customer.ProfileId)",
        ),
        (
            json!({"FirstName": "x".repeat(300)}),
            "CreateCustomerProfile failed: the value of FirstName has 300 characters but a request value may have at most 255",
        ),
        (
            json!({"Gender": "M"}),
            "CreateCustomerProfile failed: invalid profile field: invalid Gender \"M\": expected MALE, FEMALE, UNSPECIFIED (use GenderString for any other value)",
        ),
    ];
    for (request, expected) in cases {
        let run = run_block(
            TYPE,
            create(request.clone(), json!([])),
            state_with(caller(), Some(memory_store(FIXTURE))),
        );
        assert_eq!(run.notes(), [expected], "{request}");
    }
}

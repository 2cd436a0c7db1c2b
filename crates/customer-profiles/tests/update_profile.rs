//! The branches of UpdateCustomerProfile and what it writes and stores.

mod common;

use common::block::{MaybeStore, error, memory_store, run_block, state_with};
use customer_profiles::{SearchQuery, UnavailableStore};
use flow_executor::Outcome;
use serde_json::{Value, json};

const TYPE: &str = "UpdateCustomerProfile";

const FIXTURE: &str = r#"[
  {"ProfileId": "p-1", "FirstName": "Ana", "LastName": "Diaz", "EmailAddress": "ana@example.com",
   "Address": {"City": "Springfield"}, "Attributes": {"loyaltyTier": "gold"}}
]"#;

fn found(profile_id: &str) -> Value {
    json!({"Customer": {"ProfileId": profile_id}, "Attributes": {"email": "ana.diaz@example.com"}})
}

fn update(request: Value, response: Value) -> Value {
    json!({"ProfileRequestData": request, "ProfileResponseData": response})
}

#[test]
fn branches_table() {
    let request = json!({"EmailAddress": "$.Attributes.email"});
    let cases: Vec<(&str, Value, Value, MaybeStore, Outcome)> = vec![
        (
            "found profile",
            request.clone(),
            found("p-1"),
            Some(memory_store(FIXTURE)),
            Outcome::Next,
        ),
        (
            "no ProfileId",
            request.clone(),
            json!({}),
            Some(memory_store(FIXTURE)),
            error("NoMatchingError"),
        ),
        (
            "empty ProfileId",
            request.clone(),
            found(""),
            Some(memory_store(FIXTURE)),
            error("NoMatchingError"),
        ),
        (
            "profile gone",
            request.clone(),
            found("p-9"),
            Some(memory_store(FIXTURE)),
            error("NoMatchingError"),
        ),
        (
            "invalid field",
            json!({"Email": "a@b"}),
            found("p-1"),
            Some(memory_store(FIXTURE)),
            error("NoMatchingError"),
        ),
        (
            "ProfileId field",
            json!({"ProfileId": "p-1"}),
            found("p-1"),
            Some(memory_store(FIXTURE)),
            error("NoMatchingError"),
        ),
        (
            "value over 255",
            json!({"City": "x".repeat(256)}),
            found("p-1"),
            Some(memory_store(FIXTURE)),
            error("NoMatchingError"),
        ),
        (
            "unavailable store",
            request.clone(),
            found("p-1"),
            Some(Box::new(UnavailableStore)),
            error("NoMatchingError"),
        ),
        (
            "no store",
            request.clone(),
            found("p-1"),
            None,
            error("NoMatchingError"),
        ),
    ];
    for (case, request, tree, store, expected) in cases {
        let run = run_block(TYPE, update(request, json!([])), state_with(tree, store));
        assert_eq!(run.outcome, expected, "{case}");
    }
}

#[test]
fn success_writes_requested_fields() {
    let request = json!({"EmailAddress": "$.Attributes.email", "City": "Shelbyville", "Attributes.loyaltyTier": "platinum"});
    let response = json!(["FirstName", "EmailAddress", "City", "Attributes.loyaltyTier"]);
    let run = run_block(
        TYPE,
        update(request, response),
        state_with(found("p-1"), Some(memory_store(FIXTURE))),
    );
    assert_eq!(run.outcome, Outcome::Next);
    insta::assert_json_snapshot!(run.customer());
}

#[test]
fn update_is_stored_and_reindexed() {
    let request = json!({"EmailAddress": "$.Attributes.email"});
    let run = run_block(
        TYPE,
        update(request, json!([])),
        state_with(found("p-1"), Some(memory_store(FIXTURE))),
    );
    let new_email = SearchQuery::single("_email", "ana.diaz@example.com").expect("the query is valid");
    let old_email = SearchQuery::single("_email", "ana@example.com").expect("the query is valid");
    assert_eq!(
        run.store()
            .search(&new_email)
            .expect("the memory store answers")
            .len(),
        1
    );
    assert_eq!(
        run.store()
            .search(&old_email)
            .expect("the memory store answers")
            .len(),
        0
    );
}

#[test]
fn empty_value_clears_field() {
    let request = json!({"LastName": "", "Attributes.loyaltyTier": "$.Attributes.unset", "City": ""});
    let run = run_block(
        TYPE,
        update(request, json!([])),
        state_with(found("p-1"), Some(memory_store(FIXTURE))),
    );
    assert_eq!(run.outcome, Outcome::Next);
    let stored = run
        .store()
        .get("p-1")
        .expect("the memory store answers")
        .expect("p-1 is stored");
    insta::assert_json_snapshot!(stored);
}

#[test]
fn failure_changes_nothing() {
    let request = json!({"FirstName": "Anna", "Gender": "F"});
    let run = run_block(
        TYPE,
        update(request, json!(["FirstName"])),
        state_with(found("p-1"), Some(memory_store(FIXTURE))),
    );
    assert_eq!(run.outcome, error("NoMatchingError"));
    assert_eq!(run.customer(), json!({"ProfileId": "p-1"}));
    let stored = run
        .store()
        .get("p-1")
        .expect("the memory store answers")
        .expect("p-1 is stored");
    assert_eq!(stored.first_name.as_deref(), Some("Ana"));
}

#[test]
fn failure_notes_table() {
    let cases = [
        (
            json!({}),
            "UpdateCustomerProfile failed: $.Customer.ProfileId is not set, so there is no profile to update (run a Get or Create profile block that succeeds before this block)",
        ),
        (
            found("p-9"),
            "UpdateCustomerProfile failed: no profile has the ProfileId \"p-9\" from $.Customer.ProfileId (check the fixture, or the block that set $.Customer.ProfileId)",
        ),
    ];
    for (tree, expected) in cases {
        let run = run_block(
            TYPE,
            update(json!({"FirstName": "Anna"}), json!([])),
            state_with(tree.clone(), Some(memory_store(FIXTURE))),
        );
        assert_eq!(run.notes(), [expected], "{tree}");
    }
}

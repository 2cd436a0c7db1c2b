//! The branches of AssociateContactToCustomerProfile and the profile key it adds.

mod common;

use common::block::{MaybeStore, error, memory_store, run_block, state_with};
use customer_profiles::{SearchQuery, UnavailableStore};
use flow_executor::Outcome;
use serde_json::{Value, json};

const TYPE: &str = "AssociateContactToCustomerProfile";

const FIXTURE: &str = r#"[{"ProfileId": "p-1", "FirstName": "Ana"}, {"ProfileId": "p-2"}]"#;

fn contact(profile_id: &str) -> Value {
    json!({"ContactId": "c-100", "Customer": {"ProfileId": profile_id}})
}

fn associate(request: Value) -> Value {
    json!({"ProfileRequestData": request, "ProfileResponseData": {}})
}

fn usual_request() -> Value {
    json!({"ProfileId": "$.Customer.ProfileId", "ContactId": "$.ContactId"})
}

#[test]
fn branches_table() {
    let cases: Vec<(&str, Value, Value, MaybeStore, Outcome)> = vec![
        (
            "profile exists",
            usual_request(),
            contact("p-1"),
            Some(memory_store(FIXTURE)),
            Outcome::Next,
        ),
        (
            "profile missing",
            usual_request(),
            contact("p-9"),
            Some(memory_store(FIXTURE)),
            error("NoMatchingError"),
        ),
        (
            "ProfileId unset",
            usual_request(),
            json!({"ContactId": "c-100"}),
            Some(memory_store(FIXTURE)),
            error("NoMatchingError"),
        ),
        (
            "no ProfileId key",
            json!({"ContactId": "$.ContactId"}),
            contact("p-1"),
            Some(memory_store(FIXTURE)),
            error("NoMatchingError"),
        ),
        (
            "no ContactId key",
            json!({"ProfileId": "p-1"}),
            contact("p-1"),
            Some(memory_store(FIXTURE)),
            error("NoMatchingError"),
        ),
        (
            "unavailable store",
            usual_request(),
            contact("p-1"),
            Some(Box::new(UnavailableStore)),
            error("NoMatchingError"),
        ),
        (
            "no store",
            usual_request(),
            contact("p-1"),
            None,
            error("NoMatchingError"),
        ),
    ];
    for (case, request, tree, store, expected) in cases {
        let run = run_block(TYPE, associate(request), state_with(tree, store));
        assert_eq!(run.outcome, expected, "{case}");
    }
}

#[test]
fn contact_search_finds_profile() {
    let run = run_block(
        TYPE,
        associate(usual_request()),
        state_with(contact("p-1"), Some(memory_store(FIXTURE))),
    );
    let query = SearchQuery::single("_ctrContactId", "c-100").expect("the query is valid");
    let found = run.store().search(&query).expect("the memory store answers");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].profile.profile_id, "p-1");
}

#[test]
fn success_writes_nothing() {
    let run = run_block(
        TYPE,
        associate(usual_request()),
        state_with(contact("p-1"), Some(memory_store(FIXTURE))),
    );
    assert_eq!(run.customer(), json!({"ProfileId": "p-1"}));
    let writes: Vec<&Value> = run
        .events
        .iter()
        .filter(|e| e["type"] == "attributeWritten")
        .collect();
    assert!(writes.is_empty(), "writes: {writes:?}");
}

#[test]
fn failure_notes_table() {
    let cases = [
        (
            json!({"ContactId": "c-100"}),
            vec![
                "$.Customer.ProfileId is not set; it reads as the empty string",
                "AssociateContactToCustomerProfile failed: ProfileId resolves to an empty value from \"$.Customer.ProfileId\" (set the attribute in an earlier block, or give a literal value)",
            ],
        ),
        (
            contact("p-9"),
            vec![
                "AssociateContactToCustomerProfile failed: no profile has the ProfileId \"p-9\" (associate a profile that a Get or Create profile block found or created)",
            ],
        ),
    ];
    for (tree, expected) in cases {
        let run = run_block(
            TYPE,
            associate(usual_request()),
            state_with(tree.clone(), Some(memory_store(FIXTURE))),
        );
        assert_eq!(run.notes(), expected, "{tree}");
    }
}

#[test]
fn missing_key_note() {
    let run = run_block(
        TYPE,
        associate(json!({"ProfileId": "p-1"})),
        state_with(contact("p-1"), Some(memory_store(FIXTURE))),
    );
    assert_eq!(
        run.notes(),
        [
            "AssociateContactToCustomerProfile failed: ProfileRequestData has no ContactId (add \"ContactId\": \"$.ContactId\")"
        ]
    );
}

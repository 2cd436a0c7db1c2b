//! The branches of GetCalculatedAttributesForCustomerProfile and what it writes.

mod common;

use common::block::{MaybeStore, error, memory_store, run_block, state_with};
use customer_profiles::UnavailableStore;
use flow_executor::Outcome;
use serde_json::{Value, json};

const TYPE: &str = "GetCalculatedAttributesForCustomerProfile";

const FIXTURE: &str = r#"[
  {"ProfileId": "p-1", "CalculatedAttributes": {
     "_frequent_caller": true, "_new_customer": "False", "_average_hold_time": 42.5,
     "_last_channel": "VOICE"}},
  {"ProfileId": "p-2"}
]"#;

fn tree(profile_id: &str) -> Value {
    json!({"Customer": {"ProfileId": profile_id}})
}

fn calculated(response: Value) -> Value {
    json!({"ProfileRequestData": {"ProfileId": "$.Customer.ProfileId"}, "ProfileResponseData": response})
}

fn usual_response() -> Value {
    json!([
        "CalculatedAttributes._frequent_caller",
        "CalculatedAttributes._new_customer",
        "CalculatedAttributes._average_hold_time",
        "CalculatedAttributes._last_channel"
    ])
}

#[test]
fn branches_table() {
    let cases: Vec<(&str, Value, Value, MaybeStore, Outcome)> = vec![
        (
            "attributes found",
            usual_response(),
            tree("p-1"),
            Some(memory_store(FIXTURE)),
            Outcome::Next,
        ),
        (
            "profile without",
            usual_response(),
            tree("p-2"),
            Some(memory_store(FIXTURE)),
            error("NoneFoundError"),
        ),
        (
            "none requested",
            json!([]),
            tree("p-1"),
            Some(memory_store(FIXTURE)),
            error("NoneFoundError"),
        ),
        (
            "unknown profile",
            usual_response(),
            tree("p-9"),
            Some(memory_store(FIXTURE)),
            error("NoMatchingError"),
        ),
        (
            "no ProfileId",
            usual_response(),
            json!({}),
            Some(memory_store(FIXTURE)),
            error("NoMatchingError"),
        ),
        (
            "unavailable store",
            usual_response(),
            tree("p-1"),
            Some(Box::new(UnavailableStore)),
            error("NoMatchingError"),
        ),
        (
            "no store",
            usual_response(),
            tree("p-1"),
            None,
            error("NoMatchingError"),
        ),
    ];
    for (case, response, tree, store, expected) in cases {
        let run = run_block(TYPE, calculated(response), state_with(tree, store));
        assert_eq!(run.outcome, expected, "{case}");
    }
}

#[test]
fn success_writes_values() {
    let run = run_block(
        TYPE,
        calculated(usual_response()),
        state_with(tree("p-1"), Some(memory_store(FIXTURE))),
    );
    insta::assert_json_snapshot!(run.customer());
}

#[test]
fn partial_match_notes_missing() {
    let response = json!([
        "CalculatedAttributes._last_channel",
        "CalculatedAttributes._last_agent_id",
        "_frequent_caller"
    ]);
    let run = run_block(
        TYPE,
        calculated(response),
        state_with(tree("p-1"), Some(memory_store(FIXTURE))),
    );
    assert_eq!(run.outcome, Outcome::Next);
    assert_eq!(
        run.customer()["CalculatedAttributes"],
        json!({"_last_channel": "VOICE"})
    );
    assert_eq!(
        run.notes(),
        [
            "profile p-1 has no calculated attribute _last_agent_id, so it is not written",
            "_frequent_caller is not a calculated attribute response field, so it is not written (use CalculatedAttributes.<name>, such as CalculatedAttributes._frequent_caller)",
        ]
    );
}

#[test]
fn none_found_writes_nothing() {
    let run = run_block(
        TYPE,
        calculated(usual_response()),
        state_with(tree("p-2"), Some(memory_store(FIXTURE))),
    );
    assert_eq!(run.customer(), json!({"ProfileId": "p-2"}));
}

#[test]
fn over_limit_writes_nothing() {
    let mut state = state_with(tree("p-1"), None);
    let mut slot = customer_profiles::ProfileSlot::new(memory_store(FIXTURE));
    slot.max_customer_chars = 10;
    customer_profiles::install_slot(&mut state, slot);
    let run = run_block(TYPE, calculated(usual_response()), state);
    assert_eq!(run.outcome, error("NoMatchingError"));
    assert_eq!(run.customer(), json!({"ProfileId": "p-1"}));
}

//! The results and error branch of CheckSegmentMembershipForCustomerProfile.

mod common;

use common::block::{MaybeStore, error, memory_store, run_block, state_with};
use customer_profiles::UnavailableStore;
use flow_executor::Outcome;
use serde_json::{Value, json};

const TYPE: &str = "CheckSegmentMembershipForCustomerProfile";

const FIXTURE: &str = r#"{
  "segments": {"gold-members": ["p-1"], "lapsed": []},
  "profiles": [{"ProfileId": "p-1"}, {"ProfileId": "p-2"}]
}"#;

fn check(segment_name: &str) -> Value {
    json!({"ProfileRequestData": {"ProfileId": "$.Customer.ProfileId", "SegmentName": segment_name}})
}

fn tree(profile_id: &str) -> Value {
    json!({"Customer": {"ProfileId": profile_id}})
}

fn result(text: &str) -> Outcome {
    Outcome::Result(text.to_string())
}

#[test]
fn results_table() {
    let cases: Vec<(&str, &str, Value, MaybeStore, Outcome)> = vec![
        (
            "member",
            "gold-members",
            tree("p-1"),
            Some(memory_store(FIXTURE)),
            result("True"),
        ),
        (
            "not a member",
            "gold-members",
            tree("p-2"),
            Some(memory_store(FIXTURE)),
            result("False"),
        ),
        (
            "empty segment",
            "lapsed",
            tree("p-1"),
            Some(memory_store(FIXTURE)),
            result("False"),
        ),
        (
            "unknown segment",
            "platinum",
            tree("p-1"),
            Some(memory_store(FIXTURE)),
            error("NoMatchingError"),
        ),
        (
            "unknown profile",
            "gold-members",
            tree("p-9"),
            Some(memory_store(FIXTURE)),
            error("NoMatchingError"),
        ),
        (
            "no ProfileId",
            "gold-members",
            json!({}),
            Some(memory_store(FIXTURE)),
            error("NoMatchingError"),
        ),
        (
            "unavailable store",
            "gold-members",
            tree("p-1"),
            Some(Box::new(UnavailableStore)),
            error("NoMatchingError"),
        ),
        (
            "no store",
            "gold-members",
            tree("p-1"),
            None,
            error("NoMatchingError"),
        ),
    ];
    for (case, segment_name, tree, store, expected) in cases {
        let run = run_block(TYPE, check(segment_name), state_with(tree, store));
        assert_eq!(run.outcome, expected, "{case}");
    }
}

#[test]
fn unknown_segment_note() {
    let run = run_block(
        TYPE,
        check("platinum"),
        state_with(tree("p-1"), Some(memory_store(FIXTURE))),
    );
    assert_eq!(
        run.notes(),
        [
            "CheckSegmentMembershipForCustomerProfile failed: no segment is named \"platinum\" (list its members under segments in the profile fixture)"
        ]
    );
}

#[test]
fn no_segment_name_note() {
    let parameters = json!({"ProfileRequestData": {"ProfileId": "p-1"}});
    let run = run_block(
        TYPE,
        parameters,
        state_with(tree("p-1"), Some(memory_store(FIXTURE))),
    );
    assert_eq!(
        run.notes(),
        [
            "CheckSegmentMembershipForCustomerProfile failed: ProfileRequestData has no SegmentName (add \"SegmentName\": \"gold-members\")"
        ]
    );
}

#[test]
fn unknown_member_rejected() {
    let text = r#"{"segments": {"gold-members": ["p-7"]}, "profiles": [{"ProfileId": "p-1"}]}"#;
    let failure = customer_profiles::Fixture::parse(text, "profiles.json").expect_err("p-7 is not a profile");
    assert_eq!(failure.kind, customer_profiles::FixtureErrorKind::InvalidSegment);
    assert_eq!(
        failure.to_string(),
        "profiles.json: segment \"gold-members\" lists the unknown ProfileId \"p-7\" (list only ids of profiles in this fixture)"
    );
}

//! Matching scenario keys to the ARNs, ids and names that flows use.

use flow_scenario::names::{best_match, resource_id};
use flow_scenario::{MatchRank, match_rank};

const LAMBDA: &str = "arn:aws:lambda:us-east-1:111122223333:function:getBalance";
const LAMBDA_ALIAS: &str = "arn:aws:lambda:us-east-1:111122223333:function:getBalance:prod";
const QUEUE: &str = "arn:aws:connect:us-east-1:111122223333:instance/i-1/queue/q-42";
const HOURS: &str = "arn:aws:connect:us-east-1:111122223333:instance/i-1/operating-hours/h-7";

/// (scenario key, flow value, display name from metadata, expected rank)
const CASES: &[(&str, &str, Option<&str>, Option<MatchRank>)] = &[
    (LAMBDA, LAMBDA, None, Some(MatchRank::Exact)),
    ("getBalance", LAMBDA, None, Some(MatchRank::Id)),
    ("getBalance", LAMBDA_ALIAS, None, Some(MatchRank::Id)),
    ("getBalance:prod", LAMBDA_ALIAS, None, Some(MatchRank::Qualified)),
    ("getBalance:test", LAMBDA_ALIAS, None, None),
    ("getbalance", LAMBDA, None, None),
    ("function:getBalance", LAMBDA, None, None),
    ("q-42", QUEUE, None, Some(MatchRank::Id)),
    ("BasicQueue", QUEUE, Some("BasicQueue"), Some(MatchRank::Name)),
    ("BasicQueue", QUEUE, None, None),
    ("h-7", HOURS, None, Some(MatchRank::Id)),
    ("Main hours", HOURS, Some("Main hours"), Some(MatchRank::Name)),
    ("i-1", QUEUE, None, None),
    (QUEUE, "q-42", None, Some(MatchRank::Id)),
    ("BasicQueue", "BasicQueue", None, Some(MatchRank::Exact)),
    ("q-4", QUEUE, None, None),
    ("", QUEUE, None, None),
];

#[test]
fn match_rank_table() {
    for (key, reference, name, expected) in CASES {
        assert_eq!(
            match_rank(key, reference, *name),
            *expected,
            "key {key:?} against {reference:?}"
        );
    }
}

#[test]
fn resource_id_table() {
    let cases = [
        (LAMBDA, Some("getBalance")),
        (LAMBDA_ALIAS, Some("getBalance")),
        (QUEUE, Some("q-42")),
        (HOURS, Some("h-7")),
        ("arn:aws:connect:us-east-1:1:", None),
        ("getBalance", None),
        ("arn:too:short", None),
    ];
    for (value, expected) in cases {
        assert_eq!(resource_id(value), expected, "resource id of {value:?}");
    }
}

#[test]
fn best_match_prefers_closest_then_first() {
    let keys = ["getBalance", LAMBDA_ALIAS, "getBalance:prod"];
    assert_eq!(best_match(keys, LAMBDA_ALIAS, None), Some(1));
    assert_eq!(
        best_match(["getBalance", "getBalance:prod"], LAMBDA_ALIAS, None),
        Some(1)
    );
    assert_eq!(best_match(["getBalance", "getBalance"], LAMBDA, None), Some(0));
    assert_eq!(
        best_match(["BasicQueue", "q-42"], QUEUE, Some("BasicQueue")),
        Some(1)
    );
    assert_eq!(best_match(["other"], QUEUE, None), None);
}

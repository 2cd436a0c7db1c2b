//! The branches of GetCustomerProfileObject and what it writes to `$.Customer`.

mod common;

use common::block::{MaybeStore, error, memory_store, run_block, state_with};
use customer_profiles::UnavailableStore;
use flow_executor::Outcome;
use serde_json::{Value, json};

const TYPE: &str = "GetCustomerProfileObject";

const FIXTURE: &str = r#"[
  {"ProfileId": "p-1", "FirstName": "Ana",
   "Objects": {
     "Asset": [
       {"AssetId": "a-1", "AssetName": "Router", "SerialNumber": "SN-1", "Status": "Retired"},
       {"AssetId": "a-2", "AssetName": "Modem", "SerialNumber": "SN-2", "Status": "Active", "Price": 99.5,
        "Attributes": {"warranty": "2027-01-01"}}
     ],
     "_order": [
       {"OrderId": "o-1", "Status": "Shipped", "TotalPrice": "40.00",
        "BillingAddress": {"City": "Springfield"}, "Attributes": {"channel": "web"}}
     ],
     "Case": [{"CaseId": "c-1", "Title": "No signal", "Status": "Open"}],
     "Subscription": [{"plan": "fiber-500", "renewal": "2026-12-01"}]
   }},
  {"ProfileId": "p-2", "FirstName": "Ben"}
]"#;

fn tree() -> Value {
    json!({"Customer": {"ProfileId": "p-1"}, "Attributes": {"serial": "SN-1"}})
}

fn get_object(request: Value, response: Value) -> Value {
    json!({"ProfileRequestData": request, "ProfileResponseData": response})
}

fn latest(object_type: &str) -> Value {
    json!({"ProfileId": "$.Customer.ProfileId", "ObjectType": object_type, "UseLatest": "true"})
}

#[test]
fn branches_table() {
    let by_serial = json!({"ProfileId": "p-1", "ObjectType": "Asset", "IdentifierName": "SerialNumber", "IdentifierValue": "$.Attributes.serial"});
    let by_missing_id = json!({"ProfileId": "p-1", "ObjectType": "Asset", "IdentifierName": "_assetId", "IdentifierValue": "a-9"});
    let no_selection = json!({"ProfileId": "p-1", "ObjectType": "Asset"});
    let use_latest_false = json!({"ProfileId": "p-1", "ObjectType": "Asset", "UseLatest": false});
    let typo = json!({"ProfileId": "p-1", "ObjectType": "Asset", "UseLatset": true});
    let no_type = json!({"ProfileId": "p-1", "UseLatest": true});
    let unknown_profile = json!({"ProfileId": "p-9", "ObjectType": "Asset", "UseLatest": true});
    let cases: Vec<(&str, Value, MaybeStore, Outcome)> = vec![
        (
            "latest asset",
            latest("Asset"),
            Some(memory_store(FIXTURE)),
            Outcome::Next,
        ),
        (
            "asset by serial",
            by_serial,
            Some(memory_store(FIXTURE)),
            Outcome::Next,
        ),
        (
            "asset id not found",
            by_missing_id,
            Some(memory_store(FIXTURE)),
            error("NoneFoundError"),
        ),
        (
            "no objects of type",
            latest("Warranty"),
            Some(memory_store(FIXTURE)),
            error("NoneFoundError"),
        ),
        (
            "no selection",
            no_selection,
            Some(memory_store(FIXTURE)),
            error("NoMatchingError"),
        ),
        (
            "UseLatest false",
            use_latest_false,
            Some(memory_store(FIXTURE)),
            error("NoMatchingError"),
        ),
        (
            "UseLatset typo",
            typo,
            Some(memory_store(FIXTURE)),
            error("NoMatchingError"),
        ),
        (
            "no ObjectType",
            no_type,
            Some(memory_store(FIXTURE)),
            error("NoMatchingError"),
        ),
        (
            "unknown profile",
            unknown_profile,
            Some(memory_store(FIXTURE)),
            error("NoMatchingError"),
        ),
        (
            "unavailable store",
            latest("Asset"),
            Some(Box::new(UnavailableStore)),
            error("NoMatchingError"),
        ),
        ("no store", latest("Asset"), None, error("NoMatchingError")),
    ];
    for (case, request, store, expected) in cases {
        let run = run_block(TYPE, get_object(request, json!([])), state_with(tree(), store));
        assert_eq!(run.outcome, expected, "{case}");
    }
}

#[test]
fn latest_asset_writes() {
    let response = json!([
        "AssetAssetName",
        "AssetSerialNumber",
        "AssetStatus",
        "AssetPrice",
        "AssetAttributes.warranty"
    ]);
    let run = run_block(
        TYPE,
        get_object(latest("Asset"), response),
        state_with(tree(), Some(memory_store(FIXTURE))),
    );
    assert_eq!(run.outcome, Outcome::Next);
    insta::assert_json_snapshot!(run.customer());
}

#[test]
fn identifier_picks_object() {
    let request = json!({"ProfileId": "p-1", "ObjectType": "Asset", "IdentifierName": "SerialNumber", "IdentifierValue": "$.Attributes.serial"});
    let run = run_block(
        TYPE,
        get_object(request, json!(["AssetName", "Status"])),
        state_with(tree(), Some(memory_store(FIXTURE))),
    );
    assert_eq!(
        run.customer()["Asset"],
        json!({"AssetId": "a-1", "AssetName": "Router", "Status": "Retired"})
    );
}

#[test]
fn order_under_standard_name() {
    let response = json!([
        "OrderStatus",
        "OrderTotalPrice",
        "OrderBillingCity",
        "OrderAttributes.channel"
    ]);
    let run = run_block(
        TYPE,
        get_object(latest("Order"), response),
        state_with(tree(), Some(memory_store(FIXTURE))),
    );
    assert_eq!(run.outcome, Outcome::Next);
    insta::assert_json_snapshot!(run.customer());
}

#[test]
fn case_by_id() {
    let request = json!({"ProfileId": "p-1", "ObjectType": "_case", "IdentifierName": "_caseId", "IdentifierValue": "c-1"});
    let run = run_block(
        TYPE,
        get_object(request, json!(["CaseTitle", "CaseCaseId"])),
        state_with(tree(), Some(memory_store(FIXTURE))),
    );
    assert_eq!(
        run.customer()["Case"],
        json!({"CaseId": "c-1", "Title": "No signal"})
    );
}

#[test]
fn custom_type_object_attributes() {
    let response = json!(["ObjectAttributes.plan", "ObjectAttributes.renewal"]);
    let run = run_block(
        TYPE,
        get_object(latest("Subscription"), response),
        state_with(tree(), Some(memory_store(FIXTURE))),
    );
    assert_eq!(run.outcome, Outcome::Next);
    insta::assert_json_snapshot!(run.customer());
}

#[test]
fn unknown_names_noted() {
    let response = json!(["OrderStatus", "AssetColour", "AssetModelName"]);
    let run = run_block(
        TYPE,
        get_object(latest("Asset"), response),
        state_with(tree(), Some(memory_store(FIXTURE))),
    );
    assert_eq!(run.customer()["Asset"], json!({"AssetId": "a-2"}));
    assert_eq!(
        run.notes(),
        [
            "OrderStatus is not a response field of Asset objects, so it is not written (use names such as AssetStatus, OrderTotalPrice, CaseTitle, AssetAttributes.<key> or ObjectAttributes.<key>)",
            "AssetColour is not a response field of Asset objects, so it is not written (use names such as AssetStatus, OrderTotalPrice, CaseTitle, AssetAttributes.<key> or ObjectAttributes.<key>)",
            "the object has no ModelName, so $.Customer.Asset.ModelName is not written",
        ]
    );
}

#[test]
fn none_found_writes_nothing() {
    let run = run_block(
        TYPE,
        get_object(latest("Case"), json!(["CaseTitle"])),
        state_with(json!({}), Some(memory_store(FIXTURE))),
    );
    assert_eq!(run.outcome, error("NoMatchingError"));
    let run = run_block(
        TYPE,
        get_object(
            json!({"ProfileId": "p-2", "ObjectType": "Case", "UseLatest": "True"}),
            json!(["CaseTitle"]),
        ),
        state_with(json!({}), Some(memory_store(FIXTURE))),
    );
    assert_eq!(run.outcome, error("NoneFoundError"));
    assert_eq!(run.customer(), Value::Null);
}

#[test]
fn failure_notes_table() {
    let cases = [
        (
            json!({"ProfileId": "p-1", "ObjectType": "Asset"}),
            "GetCustomerProfileObject failed: ProfileRequestData has UseLatest \"\" and no IdentifierName (set UseLatest to true, or give IdentifierName and IdentifierValue)",
        ),
        (
            json!({"ProfileId": "p-1", "ObjectType": "Asset", "UseLatset": true}),
            "GetCustomerProfileObject failed: ProfileRequestData has the misspelt key UseLatset (did you mean UseLatest?)",
        ),
        (
            json!({"ProfileId": "p-9", "ObjectType": "Asset", "UseLatest": true}),
            "GetCustomerProfileObject failed: no profile has the ProfileId \"p-9\" (use the id that a Get or Create profile block stored at $.Customer.ProfileId)",
        ),
        (
            json!({"ProfileId": "p-1", "UseLatest": true}),
            "GetCustomerProfileObject failed: ProfileRequestData has no ObjectType (add \"ObjectType\": \"Asset\")",
        ),
    ];
    for (request, expected) in cases {
        let run = run_block(
            TYPE,
            get_object(request.clone(), json!([])),
            state_with(tree(), Some(memory_store(FIXTURE))),
        );
        assert_eq!(run.notes(), [expected], "{request}");
    }
}

#[test]
fn over_limit_writes_nothing() {
    let mut state = state_with(tree(), None);
    let mut slot = customer_profiles::ProfileSlot::new(memory_store(FIXTURE));
    slot.max_customer_chars = 5;
    customer_profiles::install_slot(&mut state, slot);
    let run = run_block(TYPE, get_object(latest("Asset"), json!(["AssetName"])), state);
    assert_eq!(run.outcome, error("NoMatchingError"));
    assert_eq!(run.customer(), json!({"ProfileId": "p-1"}));
}

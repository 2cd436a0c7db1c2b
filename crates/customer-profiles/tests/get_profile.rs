//! The four outcomes of GetCustomerProfile and what it writes to `$.Customer`.

mod common;

use common::{NoEnvironment, Recorder};
use customer_profiles::actions::get_profile;
use customer_profiles::{Fixture, MemoryStore, ProfileSlot, ProfileStore, SearchSettings, UnavailableStore};
use flow_executor::{ActionContext, ContactState, Outcome, RunSettings};
use flow_graph::model::{Action, Flow};
use serde_json::{Value, json};

const FIXTURE: &str = r#"{
  "domainArn": "arn:aws:profile:us-east-1:111122223333:domains/example",
  "searchKeys": {"loyaltyId": ["Attributes.loyaltyId"]},
  "profiles": [
    {"ProfileId": "p-1", "FirstName": "Ana", "LastName": "Diaz", "PhoneNumber": "(555) 010-0101",
     "EmailAddress": "ana@example.com", "AccountNumber": "A-100",
     "Address": {"Address1": "1 Main St", "City": "Springfield", "PostalCode": "62701"},
     "ShippingAddress": {"City": "Shelbyville"},
     "MailingAddress": {"State": "IL"},
     "BillingAddress": {"Country": "US"},
     "Attributes": {"loyaltyTier": "gold", "loyaltyId": "L-7"}},
    {"ProfileId": "p-2", "FirstName": "Ben", "PhoneNumber": "+15550100102"},
    {"ProfileId": "p-3", "FirstName": "Cleo", "MobilePhoneNumber": "555-010-0102"}
  ]
}"#;

struct BlockRun {
    outcome: Outcome,
    state: ContactState,
    events: Vec<Value>,
}

impl BlockRun {
    fn customer(&self) -> Value {
        self.state.get(&["Customer"]).cloned().unwrap_or(Value::Null)
    }

    fn notes(&self) -> Vec<&str> {
        self.events
            .iter()
            .filter(|e| e["type"] == "note")
            .filter_map(|e| e["data"]["message"].as_str())
            .collect()
    }
}

fn memory_store() -> Box<dyn ProfileStore> {
    let fixture = Fixture::parse(FIXTURE, "profiles.json").expect("the test fixture is valid");
    let store = MemoryStore::new(fixture, SearchSettings::default()).expect("the default settings are valid");
    Box::new(store)
}

fn caller(number: &str) -> Value {
    json!({"CustomerEndpoint": {"Address": number, "Type": "TELEPHONE_NUMBER"},
           "Attributes": {"email": "ana@example.com"}})
}

fn run_block(parameters: Value, store: Option<Box<dyn ProfileStore>>, tree: Value) -> BlockRun {
    run_with_slot(parameters, store.map(ProfileSlot::new), tree)
}

fn run_with_slot(parameters: Value, slot: Option<ProfileSlot>, tree: Value) -> BlockRun {
    let action: Action = serde_json::from_value(json!({
        "Identifier": "get-profile",
        "Type": "GetCustomerProfile",
        "Parameters": parameters,
        "Transitions": {"NextAction": "greet", "Errors": [
            {"NextAction": "disambiguate", "ErrorType": "MultipleFoundError"},
            {"NextAction": "create", "ErrorType": "NoneFoundError"},
            {"NextAction": "fallback", "ErrorType": "NoMatchingError"}
        ]}
    }))
    .expect("the test action is valid");

    let flow: Flow = serde_json::from_value(json!({
        "Version": "2019-10-30", "StartAction": "get-profile", "Actions": []
    }))
    .expect("the test flow is valid");

    let mut state = ContactState::new(tree);
    if let Some(slot) = slot {
        customer_profiles::install_slot(&mut state, slot);
    }

    let mut env = NoEnvironment;
    let mut observer = Recorder::default();
    let settings = RunSettings::default();
    let mut ctx = ActionContext {
        flow: &flow,
        action: &action,
        step: 1,
        state: &mut state,
        env: &mut env,
        observer: &mut observer,
        settings: &settings,
    };

    let outcome = get_profile::execute(&mut ctx).expect("the handler never fails on these blocks");
    BlockRun {
        outcome,
        state,
        events: observer.events,
    }
}

fn by_phone(response: Value) -> Value {
    json!({
        "ProfileRequestData": {"IdentifierName": "_phone", "IdentifierValue": "$.CustomerEndpoint.Address"},
        "ProfileResponseData": response
    })
}

fn error(error_type: &str) -> Outcome {
    Outcome::Error(error_type.to_string())
}

#[test]
fn four_outcomes_table() {
    let cases = [
        ("+15550100101", Some(memory_store()), Outcome::Next),
        ("+15550100102", Some(memory_store()), error("MultipleFoundError")),
        ("+15550100103", Some(memory_store()), error("NoneFoundError")),
        (
            "+15550100101",
            Some(Box::new(UnavailableStore) as Box<dyn ProfileStore>),
            error("NoMatchingError"),
        ),
        ("+15550100101", None, error("NoMatchingError")),
    ];
    for (number, store, expected) in cases {
        let described = format!("caller {number}, store installed: {}", store.is_some());
        let run = run_block(by_phone(json!(["FirstName"])), store, caller(number));
        assert_eq!(run.outcome, expected, "{described}");
    }
}

#[test]
fn success_writes_requested_fields() {
    let response = json!([
        "FirstName",
        "City",
        "Address1",
        "PostalCode",
        "ShippingCity",
        "MailingState",
        "BillingCountry",
        "Attributes.loyaltyTier"
    ]);
    let run = run_block(by_phone(response), Some(memory_store()), caller("+15550100101"));
    assert_eq!(run.outcome, Outcome::Next);
    insta::assert_json_snapshot!(run.customer());
}

#[test]
fn success_trace() {
    let run = run_block(
        by_phone(json!(["FirstName", "MiddleName", "Address.City"])),
        Some(memory_store()),
        caller("+15550100101"),
    );
    assert_eq!(run.outcome, Outcome::Next);
    insta::assert_json_snapshot!(run.events);
}

#[test]
fn unrequested_fields_not_written() {
    let run = run_block(
        by_phone(json!(["FirstName"])),
        Some(memory_store()),
        caller("+15550100101"),
    );
    let customer = run.customer();
    assert_eq!(customer["FirstName"], "Ana");
    assert_eq!(customer["ProfileId"], "p-1");
    assert!(customer.get("LastName").is_none(), "{customer}");
    assert!(customer.get("Address").is_none(), "{customer}");
}

#[test]
fn response_data_as_object() {
    let parameters = by_phone(json!({"LastName": "", "City": ""}));
    let run = run_block(parameters, Some(memory_store()), caller("+15550100101"));
    let customer = run.customer();
    assert_eq!(customer["LastName"], "Diaz");
    assert_eq!(customer["City"], "Springfield");
}

#[test]
fn missing_response_data_writes_id() {
    let parameters =
        json!({"ProfileRequestData": {"IdentifierName": "_profileId", "IdentifierValue": "p-2"}});
    let run = run_block(parameters, Some(memory_store()), json!({}));
    assert_eq!(run.outcome, Outcome::Next);
    assert_eq!(
        run.customer(),
        json!({
            "ProfileId": "p-2",
            "ProfileARN": "arn:aws:profile:us-east-1:111122223333:domains/example/profiles/p-2"
        })
    );
}

#[test]
fn no_arn_without_domain() {
    let fixture = Fixture::parse(r#"[{"ProfileId": "p-1", "AccountNumber": "A-1"}]"#, "plain.json")
        .expect("the fixture is valid");
    let store = MemoryStore::new(fixture, SearchSettings::default()).expect("valid settings");
    let parameters = json!({"ProfileRequestData": {"AccountNumber": "A-1"}, "ProfileResponseData": []});
    let run = run_block(parameters, Some(Box::new(store)), json!({}));
    assert_eq!(run.outcome, Outcome::Next);
    assert_eq!(run.customer(), json!({"ProfileId": "p-1"}));
}

#[test]
fn failure_leaves_customer_untouched() {
    let earlier = json!({"ProfileId": "p-old", "FirstName": "Old"});
    for number in ["+15550100102", "+15550100103"] {
        let mut tree = caller(number);
        tree["Customer"] = earlier.clone();
        let run = run_block(by_phone(json!(["FirstName"])), Some(memory_store()), tree);
        assert_ne!(run.outcome, Outcome::Next, "caller {number}");
        assert_eq!(run.customer(), earlier, "caller {number}");
    }
}

#[test]
fn request_forms_table() {
    let cases = [
        json!({"PhoneNumber": "$.CustomerEndpoint.Address"}),
        json!({"EmailAddress": "ANA@example.com"}),
        json!({"AccountNumber": "A-100"}),
        json!({"IdentifierName": "loyaltyId", "IdentifierValue": "L-7"}),
        json!({"IdentifierName": "_fullName", "IdentifierValue": "Ana Diaz"}),
        json!({"SearchCriteria": [
            {"IdentifierName": "_phone", "IdentifierValue": "$.CustomerEndpoint.Address"},
            {"IdentifierName": "_email", "IdentifierValue": "$.Attributes.email"}
        ], "LogicalOperator": "AND"}),
    ];
    for request in cases {
        let parameters = json!({"ProfileRequestData": request, "ProfileResponseData": ["FirstName"]});
        let run = run_block(parameters, Some(memory_store()), caller("+15550100101"));
        assert_eq!(run.outcome, Outcome::Next, "request {request}");
        assert_eq!(run.customer()["FirstName"], "Ana", "request {request}");
    }
}

#[test]
fn and_versus_or() {
    let criteria = json!([
        {"IdentifierName": "_phone", "IdentifierValue": "$.CustomerEndpoint.Address"},
        {"IdentifierName": "_email", "IdentifierValue": "$.Attributes.email"}
    ]);
    let cases = [("AND", error("NoneFoundError")), ("OR", Outcome::Next)];
    for (operator, expected) in cases {
        let parameters =
            json!({"ProfileRequestData": {"SearchCriteria": criteria, "LogicalOperator": operator}});
        // The caller's number finds p-1, whose email differs from this one.
        let mut tree = caller("+15550100101");
        tree["Attributes"]["email"] = json!("other@example.com");
        let run = run_block(parameters, Some(memory_store()), tree);
        assert_eq!(run.outcome, expected, "operator {operator}");
    }
}

#[test]
fn no_matching_reasons_table() {
    let six: Vec<Value> = (0..6)
        .map(|_| json!({"IdentifierName": "_account", "IdentifierValue": "A-100"}))
        .collect();
    let long = "1".repeat(256);
    let cases = [
        (
            json!({}),
            "the block has no ProfileRequestData (put IdentifierName and IdentifierValue inside a ProfileRequestData object)",
        ),
        (
            json!({"ProfileRequestData": {"SearchCriteria": [{"IdentifierName": "_phone", "IdentifierValue": "+15550100101"}]}}),
            "SearchCriteria has no LogicalOperator (add \"LogicalOperator\": \"AND\" or \"OR\")",
        ),
        (
            json!({"ProfileRequestData": {"SearchCriteria": six, "LogicalOperator": "OR"}}),
            "the search has 6 identifiers but at most 5 are allowed",
        ),
        (
            json!({"ProfileRequestData": {"IdentifierName": "_phone", "IdentifierValue": "$.Attributes.missing"}}),
            "the value for _phone is empty",
        ),
        (
            json!({"ProfileRequestData": {"IdentifierName": "_account", "IdentifierValue": long}}),
            "the value for _account has 256 characters but at most 255 are allowed",
        ),
        (
            json!({"ProfileRequestData": {"IdentiferName": "_phone", "IdentiferValue": "+15550100101"}}),
            "ProfileRequestData has the misspelt key IdentiferName (did you mean IdentifierName?)",
        ),
        (
            json!({"ProfileRequestData": {"SearchCriteria": [], "LogicalOperator": "XOR"}}),
            "invalid LogicalOperator \"XOR\" (use \"AND\" or \"OR\")",
        ),
        (
            json!({"ProfileRequestData": {"SearchCriteria": [], "LogicalOperator": "AND"}}),
            "the search has no identifier",
        ),
        (
            json!({"ProfileRequestData": {"IdentifierName": "_phone", "IdentifierValue": "+15550100101",
                "SearchCriteria": [], "LogicalOperator": "OR"}}),
            "ProfileRequestData has both IdentifierName and SearchCriteria (use one identifier, or list every identifier in SearchCriteria)",
        ),
        (
            json!({"ProfileRequestData": {"FirstName": "Ana"}}),
            "ProfileRequestData has the unknown field FirstName (use IdentifierName and IdentifierValue, or a field such as PhoneNumber, EmailAddress or AccountNumber)",
        ),
        (
            json!({"ProfileRequestData": {"IdentifierName": "memberNumber", "IdentifierValue": "M-1"}}),
            "unknown search key \"memberNumber\" (use a predefined key such as _phone, _email or _account, or declare it under searchKeys in the profile fixture)",
        ),
    ];
    for (parameters, reason) in cases {
        let run = run_block(parameters.clone(), Some(memory_store()), caller("+15550100101"));
        assert_eq!(run.outcome, error("NoMatchingError"), "{parameters}");
        // The resolver may add its own note before the handler's, as for a missing attribute.
        let last_note = run.notes().last().map(|note| note.to_string());
        assert_eq!(
            last_note,
            Some(format!("GetCustomerProfile failed: {reason}")),
            "{parameters}"
        );
        assert_eq!(run.customer(), Value::Null, "{parameters}");
    }
}

#[test]
fn store_failure_notes() {
    let unavailable = run_block(
        by_phone(json!([])),
        Some(Box::new(UnavailableStore)),
        caller("+15550100101"),
    );
    let missing = run_block(by_phone(json!([])), None, caller("+15550100101"));
    assert_eq!(
        unavailable.notes(),
        ["GetCustomerProfile failed: the profile store is unavailable because the scenario sets it so"]
    );
    assert_eq!(
        missing.notes(),
        [
            "GetCustomerProfile failed: no profile store is installed (give the scenario a profile \
          fixture, or set it unavailable to test the error branch)"
        ]
    );
}

#[test]
fn multiple_found_report() {
    let run = run_block(
        by_phone(json!(["FirstName"])),
        Some(memory_store()),
        caller("+15550100102"),
    );
    let answers: Vec<&Value> = run
        .events
        .iter()
        .filter(|e| e["type"] == "externalAnswer")
        .collect();
    assert_eq!(answers.len(), 1);
    assert_eq!(
        answers[0]["data"]["question"],
        "profile search _phone = \"+15550100102\""
    );
    assert_eq!(answers[0]["data"]["answer"]["matched"], 2);
}

#[test]
fn register_adds_every_handler() {
    let mut registry = flow_executor::Registry::new();
    customer_profiles::register(&mut registry);
    assert_eq!(
        registry.types().collect::<Vec<_>>(),
        [
            "GetCustomerProfile",
            "CreateCustomerProfile",
            "UpdateCustomerProfile",
            "AssociateContactToCustomerProfile",
            "GetCustomerProfileObject",
            "GetCalculatedAttributesForCustomerProfile",
            "CheckSegmentMembershipForCustomerProfile"
        ]
    );
}

#[test]
fn customer_character_limit() {
    // The earlier "Old value 123" (13), "p-1" (3) and "Ana" (3) come to 19 characters. The plain
    // fixture has no domain ARN, so no ProfileARN adds to them.
    let mut tree = caller("+15550100101");
    tree["Customer"] = json!({"Note": "Old value 123"});
    let cases = [(19, Outcome::Next), (18, error("NoMatchingError"))];
    for (limit, expected) in cases {
        let plain = Fixture::parse(
            r#"[{"ProfileId": "p-1", "FirstName": "Ana", "PhoneNumber": "+15550100101"}]"#,
            "plain.json",
        )
        .expect("the fixture is valid");
        let store = MemoryStore::new(plain, SearchSettings::default()).expect("valid settings");
        let mut slot = ProfileSlot::new(Box::new(store));
        slot.max_customer_chars = limit;
        let run = run_with_slot(by_phone(json!(["FirstName"])), Some(slot), tree.clone());
        assert_eq!(run.outcome, expected, "limit {limit}");
    }
}

#[test]
fn over_limit_writes_nothing() {
    let mut slot = ProfileSlot::new(memory_store());
    slot.max_customer_chars = 10;
    let run = run_with_slot(
        by_phone(json!(["FirstName", "City"])),
        Some(slot),
        caller("+15550100101"),
    );
    assert_eq!(run.outcome, error("NoMatchingError"));
    assert_eq!(run.customer(), Value::Null);
    assert_eq!(
        run.notes().last().copied(),
        Some(
            "GetCustomerProfile failed: the block's writes would bring $.Customer to 84 characters, \
             over the limit of 10 (request fewer fields in ProfileResponseData)"
        )
    );
}

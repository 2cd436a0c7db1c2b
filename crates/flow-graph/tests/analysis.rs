//! Attribute reads and writes, and the dataflow lint rules that use them.

use flow_graph::analysis::{self, access_of};
use flow_graph::codes;
use flow_graph::load_bytes;
use flow_graph::model::Action;
use flow_graph::validate::{ValidateOptions, validate};
use serde_json::{Value, json};

const DATAFLOW_CODES: &[&str] = &[
    codes::READ_BEFORE_WRITE,
    codes::ATTRIBUTE_MAY_BE_UNSET,
    codes::ATTRIBUTE_NEVER_SET,
    codes::ATTRIBUTE_NEAR_MISS,
    codes::EXTERNAL_REPLACED,
    codes::CUSTOMER_FIELD_NOT_REQUESTED,
    codes::PROFILE_ID_UNSET,
    codes::REFERENCE_INVALID,
    codes::NAMESPACE_UNKNOWN,
    codes::UNSET_AFTER_FAILURE,
];

/// Builds a flow whose first action is the start.
fn flow_json(actions: Value) -> Value {
    let start = actions[0]["Identifier"].clone();
    json!({"Version": "2019-10-30", "StartAction": start, "Actions": actions})
}

/// Returns `code identifier: message | hint` for each dataflow finding.
fn findings(actions: Value) -> Vec<String> {
    let document = flow_json(actions).to_string();
    let loaded = load_bytes(document.as_bytes(), None).expect("the test flow loads");
    let options = ValidateOptions {
        strict: true,
        ..ValidateOptions::default()
    };
    validate(&loaded, &options)
        .into_iter()
        .filter(|d| DATAFLOW_CODES.contains(&d.code))
        .map(|d| {
            let identifier = d.identifier.unwrap_or_default();
            format!(
                "{} {identifier}: {} | {}",
                d.code,
                d.message,
                d.hint.unwrap_or_default()
            )
        })
        .collect()
}

fn codes_of(actions: Value) -> Vec<String> {
    findings(actions)
        .into_iter()
        .map(|f| f.split(' ').next().unwrap_or_default().to_string())
        .collect()
}

fn set_attributes(id: &str, attributes: Value, next: &str) -> Value {
    json!({"Identifier": id, "Type": "UpdateContactAttributes",
        "Parameters": {"Attributes": attributes, "TargetContact": "Current"},
        "Transitions": {"NextAction": next, "Errors": [{"NextAction": "end", "ErrorType": "NoMatchingError"}]}})
}

fn lambda(id: &str, next: &str, on_error: &str) -> Value {
    json!({"Identifier": id, "Type": "InvokeLambdaFunction",
        "Parameters": {"LambdaFunctionARN": "arn:aws:lambda:us-east-1:111122223333:function:lookup", "InvocationTimeLimitSeconds": "3"},
        "Transitions": {"NextAction": next, "Errors": [{"NextAction": on_error, "ErrorType": "NoMatchingError"}]}})
}

fn prompt(id: &str, text: &str, next: &str) -> Value {
    json!({"Identifier": id, "Type": "MessageParticipant", "Parameters": {"Text": text},
        "Transitions": {"NextAction": next, "Errors": [{"NextAction": "end", "ErrorType": "NoMatchingError"}]}})
}

fn end() -> Value {
    json!({"Identifier": "end", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}})
}

fn get_profile(id: &str, fields: Value, next: &str) -> Value {
    json!({"Identifier": id, "Type": "GetCustomerProfile",
        "Parameters": {"ProfileRequestData": {"IdentifierName": "_phone", "IdentifierValue": "$.CustomerEndpoint.Address"},
            "ProfileResponseData": fields},
        "Transitions": {"NextAction": next, "Errors": [
            {"NextAction": "end", "ErrorType": "NoneFoundError"},
            {"NextAction": "end", "ErrorType": "MultipleFoundError"},
            {"NextAction": "end", "ErrorType": "NoMatchingError"}]}})
}

fn action(value: Value) -> Action {
    serde_json::from_value(value).expect("the test action deserializes")
}

#[test]
fn access_of_template_and_condition() {
    let compare = action(json!({"Identifier": "c", "Type": "Compare",
        "Parameters": {"ComparisonValue": "$.Attributes.tier"},
        "Transitions": {"NextAction": "end", "Conditions": [
            {"NextAction": "end", "Condition": {"Operator": "NumberGreaterThan", "Operands": ["$.FlowAttributes.limit"]}}]}}));
    let reads: Vec<String> = access_of(&compare)
        .reads
        .iter()
        .map(|r| r.path.to_string())
        .collect();
    assert_eq!(reads, ["$.Attributes.tier", "$.FlowAttributes.limit"]);

    let greeting = action(prompt(
        "p",
        "Hello $.Customer.FirstName, your code is $.Attributes.['order id'].",
        "end",
    ));
    let reads: Vec<String> = access_of(&greeting)
        .reads
        .iter()
        .map(|r| r.path.to_string())
        .collect();
    assert_eq!(reads, ["$.Customer.FirstName", "$.Attributes['order id']"]);
}

#[test]
fn access_of_writers() {
    let cases = [
        (
            set_attributes("s", json!({"tier": "gold"}), "end"),
            vec!["$.Attributes.tier"],
        ),
        (lambda("l", "end", "end"), vec!["$.External"]),
        (
            get_profile("g", json!(["FirstName", "Attributes.tier", "OrderStatus"]), "end"),
            vec![
                "$.Customer.ProfileId",
                "$.Customer.ProfileARN",
                "$.Customer.FirstName",
                "$.Customer.Attributes.tier",
                "$.Customer.Order.Status",
            ],
        ),
        (
            json!({"Identifier": "f", "Type": "UpdateFlowAttributes",
            "Parameters": {"FlowAttributes": {"retries": {"Value": "0"}}}, "Transitions": {"NextAction": "end"}}),
            vec!["$.FlowAttributes.retries"],
        ),
        (
            json!({"Identifier": "i", "Type": "GetParticipantInput",
            "Parameters": {"Text": "Enter your account number", "StoreInput": "True", "InputTimeLimitSeconds": "5"},
            "Transitions": {"NextAction": "end"}}),
            vec!["$.StoredCustomerInput"],
        ),
        (
            set_attributes("r", json!({"tier": "gold"}), "end"),
            vec!["$.Attributes.tier"],
        ),
    ];
    for (value, expected) in cases {
        let writes: Vec<String> = access_of(&action(value.clone()))
            .writes
            .iter()
            .map(|w| w.path.to_string())
            .collect();
        assert_eq!(writes, expected, "{value}");
    }
}

#[test]
fn access_of_working_queue_reads() {
    let queue = "arn:aws:connect:us-east-1:123456789012:instance/i/queue/q";
    let hours = "arn:aws:connect:us-east-1:123456789012:instance/i/operating-hours/h";
    let cases = [
        (json!({"Type": "TransferContactToQueue", "Parameters": {}}), true),
        (
            json!({"Type": "TransferContactToQueue", "Parameters": {"QueueId": queue}}),
            false,
        ),
        (json!({"Type": "CheckHoursOfOperation", "Parameters": {}}), true),
        (
            json!({"Type": "CheckHoursOfOperation", "Parameters": {"HoursOfOperationId": hours}}),
            false,
        ),
        (
            json!({"Type": "CheckMetricData", "Parameters": {"MetricType": "NumberOfAgentsAvailable"}}),
            true,
        ),
        (
            json!({"Type": "GetMetricData", "Parameters": {"AgentId": "$.Agent.ARN"}}),
            false,
        ),
        (
            json!({"Type": "UpdateContactTargetQueue", "Parameters": {"QueueId": queue}}),
            false,
        ),
    ];
    for (mut value, expected) in cases {
        value["Identifier"] = json!("b");
        value["Transitions"] = json!({"NextAction": "end"});
        let reads: Vec<(String, bool)> = access_of(&action(value.clone()))
            .reads
            .iter()
            .filter(|r| r.implicit)
            .map(|r| (r.path.to_string(), r.implicit))
            .collect();
        let want: Vec<(String, bool)> = if expected {
            vec![("$.Queue.ARN".to_string(), true)]
        } else {
            Vec::new()
        };
        assert_eq!(reads, want, "{value}");
    }
}

#[test]
fn related_contact_write_is_not_this_contact() {
    let mut related = set_attributes("r", json!({"tier": "gold"}), "end");
    related["Parameters"]["TargetContact"] = json!("Related");
    assert!(access_of(&action(related)).writes.is_empty());
}

#[test]
fn read_unset_after_lambda_failure() {
    let actions = json!([
        lambda("lookup", "say", "say"),
        prompt("say", "Your balance is $.External.balance", "end"),
        end()
    ]);
    assert_eq!(
        findings(actions),
        [
            "FG063 say: `$.External.balance` is unset here when an earlier block fails | route: lookup -[NoMatchingError]-> say; Connect resolves the path to nothing there, so route the error branch elsewhere or set a default"
        ]
    );
}

#[test]
fn read_after_write_on_every_route() {
    let actions = json!([
        lambda("lookup", "say", "end"),
        prompt("say", "Your balance is $.External.balance", "end"),
        end()
    ]);
    assert!(findings(actions).is_empty());
}

#[test]
fn loop_back_edge_keeps_unwritten_route() {
    let actions = json!([
        prompt("ask", "Retry count $.FlowAttributes.retries", "count"),
        {"Identifier": "count", "Type": "UpdateFlowAttributes",
            "Parameters": {"FlowAttributes": {"retries": {"Value": "1"}}}, "Transitions": {"NextAction": "ask"}},
        end(),
    ]);
    assert_eq!(codes_of(actions), ["FG050"]);
}

#[test]
fn contact_attribute_set_on_one_branch() {
    let menu = json!({"Identifier": "menu", "Type": "Compare", "Parameters": {"ComparisonValue": "$.Channel"},
        "Transitions": {"NextAction": "say", "Conditions": [
            {"NextAction": "remember", "Condition": {"Operator": "Equals", "Operands": ["VOICE"]}},
            {"NextAction": "say", "Condition": {"Operator": "Equals", "Operands": ["CHAT"]}}],
            "Errors": [{"NextAction": "say", "ErrorType": "NoMatchingCondition"}]}});
    let actions = json!([
        menu,
        set_attributes("remember", json!({"tier": "gold"}), "say"),
        prompt("say", "Your tier is $.Attributes.tier", "end"),
        end(),
    ]);
    assert_eq!(
        findings(actions),
        [
            "FG051 say: `$.Attributes.tier` may be unset here: a route from the start sets it nowhere | route: menu -> say; set it on every route, or check it first"
        ]
    );
}

#[test]
fn contact_attribute_unset_after_failure() {
    let actions = json!([
        lambda("lookup", "remember", "say"),
        set_attributes("remember", json!({"tier": "$.External.tier"}), "say"),
        prompt("say", "Your tier is $.Attributes.tier", "end"),
        end(),
    ]);
    assert_eq!(codes_of(actions), ["FG063"]);
}

#[test]
fn never_set_attribute_behind_failure_is_never_set() {
    let actions = json!([
        lambda("lookup", "end", "say"),
        prompt("say", "Call $.Attributes.supportNumber", "end"),
        end(),
    ]);
    assert_eq!(codes_of(actions), ["FG052"]);
}

#[test]
fn contact_attribute_never_set_only_strict() {
    let actions = json!([prompt("say", "Your tier is $.Attributes.tier", "end"), end()]);
    assert_eq!(codes_of(actions.clone()), ["FG052"]);

    let loaded = load_bytes(flow_json(actions).to_string().as_bytes(), None).expect("the test flow loads");
    let lenient = validate(&loaded, &ValidateOptions::default());
    assert!(
        lenient.iter().all(|d| d.code != codes::ATTRIBUTE_NEVER_SET),
        "{lenient:?}"
    );
}

#[test]
fn near_miss_names_written_attribute() {
    let cases = [
        ("$.Attributes.CustomerTier", Some("FG053")),
        ("$.Attributes.customertier", Some("FG053")),
        ("$.Attributes.customerTeir", Some("FG053")),
        ("$.Attributes.customerTier2", Some("FG052")),
        ("$.Attributes.account", Some("FG052")),
        ("$.Attributes.customerTier", None),
    ];
    for (reference, expected) in cases {
        let actions = json!([
            set_attributes(
                "remember",
                json!({"customerTier": "gold", "customerTier1": "silver"}),
                "say"
            ),
            prompt("say", reference, "end"),
            end(),
        ]);
        let expected: Vec<String> = expected.into_iter().map(String::from).collect();
        assert_eq!(codes_of(actions), expected, "{reference}");
    }
}

#[test]
fn second_lambda_replaces_unread_result() {
    let actions = json!([
        lambda("first", "second", "end"),
        lambda("second", "say", "end"),
        prompt("say", "Hello $.External.name", "end"),
        end(),
    ]);
    assert_eq!(
        findings(actions),
        [
            "FG054 say: this `$.External` read sees the result of Lambda block \"second\", which replaced the result of \"first\" before any block read it | copy the first Lambda's result into contact or flow attributes before the second call"
        ]
    );
}

#[test]
fn second_lambda_after_read_is_fine() {
    let actions = json!([
        lambda("first", "keep", "end"),
        set_attributes("keep", json!({"name": "$.External.name"}), "second"),
        lambda("second", "say", "end"),
        prompt("say", "Balance $.External.balance", "end"),
        end(),
    ]);
    assert!(findings(actions).is_empty());
}

#[test]
fn customer_field_not_requested() {
    let actions = json!([
        get_profile("find", json!(["FirstName"]), "say"),
        prompt("say", "Hello $.Customer.FirstName from $.Customer.City", "end"),
        end()
    ]);
    let found = findings(actions);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with("FG055 say: `$.Customer.City` is read, but no profile action"),
        "{}",
        found[0]
    );
    assert!(
        found[0].contains("add \"City\" to `ProfileResponseData`"),
        "{}",
        found[0]
    );
}

#[test]
fn customer_near_miss_suggests_requested_field() {
    let cases = [
        ("$.Customer.Attributes.teir", Some("FG053")),
        ("$.Customer.Attributes.Tier", Some("FG053")),
        ("$.Customer.FirstNmae", Some("FG053")),
        ("$.Customer.Attributes.segment", Some("FG055")),
        ("$.Customer.Attributes.tier", None),
    ];
    for (reference, expected) in cases {
        let actions = json!([
            get_profile("find", json!(["FirstName", "Attributes.tier"]), "say"),
            prompt("say", reference, "end"),
            end()
        ]);
        let expected: Vec<String> = expected.into_iter().map(String::from).collect();
        assert_eq!(codes_of(actions), expected, "{reference}");
    }
}

#[test]
fn customer_read_without_profile_actions_is_not_checked() {
    let actions = json!([prompt("say", "Hello $.Customer.FirstName", "end"), end()]);
    assert!(findings(actions).is_empty());
}

#[test]
fn update_profile_without_profile_id() {
    let update = json!({"Identifier": "update", "Type": "UpdateCustomerProfile",
        "Parameters": {"ProfileRequestData": {"FirstName": "$.Attributes.name"}, "ProfileResponseData": []},
        "Transitions": {"NextAction": "end", "Errors": [{"NextAction": "end", "ErrorType": "NoMatchingError"}]}});
    let found = codes_of(json!([
        set_attributes("name", json!({"name": "Ana"}), "update"),
        update.clone(),
        end()
    ]));
    assert_eq!(found, ["FG056"]);

    let found = codes_of(json!([
        get_profile("find", json!([]), "name"),
        set_attributes("name", json!({"name": "Ana"}), "update"),
        update,
        end()
    ]));
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn associate_with_explicit_profile_id() {
    let associate = |profile_id: &str| {
        json!({"Identifier": "link", "Type": "AssociateContactToCustomerProfile",
        "Parameters": {"ProfileRequestData": {"ProfileId": profile_id, "ContactId": "$.ContactId"}},
        "Transitions": {"NextAction": "end", "Errors": [{"NextAction": "end", "ErrorType": "NoMatchingError"}]}})
    };
    assert_eq!(
        codes_of(json!([
            lambda("lookup", "link", "end"),
            associate("$.External.profileId"),
            end()
        ])),
        Vec::<String>::new()
    );
    let found = findings(json!([
        get_profile("find", json!([]), "link"),
        associate("$.Customer.ProfileId"),
        end()
    ]));
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn invalid_and_misspelled_references() {
    let cases = [
        (".Attributes.tier", "FG057", "does not start with `$`"),
        ("$Attributes.tier", "FG057", "not followed by a period"),
        ("$.Attributes..tier", "FG057", "empty name between two dots"),
        ("$.Attribute.tier", "FG058", "did you mean `$.Attributes`?"),
        ("$.Atributes.tier", "FG058", "did you mean `$.Attributes`?"),
    ];
    for (reference, code, detail) in cases {
        let actions = json!([{"Identifier": "c", "Type": "Compare", "Parameters": {"ComparisonValue": reference},
            "Transitions": {"NextAction": "end", "Conditions": [{"NextAction": "end", "Condition": {"Operator": "Equals", "Operands": ["gold"]}}]}}, end()]);
        let found = findings(actions);
        assert_eq!(found.len(), 1, "{reference}: {found:?}");
        assert!(found[0].starts_with(code), "{reference}: {}", found[0]);
        assert!(found[0].contains(detail), "{reference}: {}", found[0]);
    }
}

#[test]
fn system_attributes_need_no_write() {
    let actions = json!([
        prompt(
            "say",
            "You called from $.CustomerEndpoint.Address on $.Channel in $['AwsRegion']",
            "end"
        ),
        end()
    ]);
    assert!(findings(actions).is_empty());
}

#[test]
fn module_input_is_set_by_caller() {
    let mut document = flow_json(json!([
        prompt("say", "Order $.Modules.Input.orderId", "end"),
        end()
    ]));
    document["Settings"] = json!({"InputParameters": [], "OutputParameters": [], "Transitions": []});
    let loaded = load_bytes(document.to_string().as_bytes(), None).expect("the module loads");
    let found: Vec<_> = analysis::check(&loaded, true)
        .into_iter()
        .map(|d| d.code)
        .collect();
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn attribute_uses_lists_writers_and_readers() {
    let actions = json!([
        lambda("lookup", "remember", "end"),
        set_attributes("remember", json!({"tier": "$.External.tier"}), "say"),
        prompt("say", "Your tier is $.Attributes.tier", "end"),
        end(),
    ]);
    let loaded = load_bytes(flow_json(actions).to_string().as_bytes(), None).expect("the test flow loads");
    insta::assert_json_snapshot!(analysis::attribute_uses(&loaded.flow));
}

fn structural_codes(actions: Value) -> Vec<(String, String)> {
    let document = flow_json(actions).to_string();
    let loaded = load_bytes(document.as_bytes(), None).expect("the test flow loads");
    let structural = [
        codes::ERRORS_UNHANDLED,
        codes::CONDITION_SHADOWED,
        codes::ATTRIBUTE_KEY_CHARACTERS,
        codes::ATTRIBUTES_TOO_LARGE,
    ];
    analysis::check(&loaded, true)
        .into_iter()
        .filter(|d| structural.contains(&d.code))
        .map(|d| (d.code.to_string(), d.pointer))
        .collect()
}

fn compare(conditions: Value) -> Value {
    let conditions: Vec<Value> = conditions
        .as_array()
        .expect("conditions are an array")
        .iter()
        .map(|pair| json!({"NextAction": "end", "Condition": {"Operator": pair[0], "Operands": [pair[1]]}}))
        .collect();
    json!({"Identifier": "check", "Type": "Compare", "Parameters": {"ComparisonValue": "$.CustomerEndpoint.Address"},
        "Transitions": {"NextAction": "end", "Conditions": conditions,
            "Errors": [{"NextAction": "end", "ErrorType": "NoMatchingCondition"}]}})
}

#[test]
fn shadowed_conditions_table() {
    let cases = [
        (json!([["Equals", "1"], ["Equals", "1"]]), true),
        (json!([["Equals", "1"], ["Equals", "2"]]), false),
        (json!([["TextStartsWith", "+44"], ["Equals", "+441234"]]), true),
        (json!([["Equals", "+441234"], ["TextStartsWith", "+44"]]), false),
        (json!([["TextContains", "vip"], ["Equals", "gold-vip"]]), true),
        (json!([["NumberGreaterThan", "5"], ["Equals", "10"]]), true),
        (json!([["NumberGreaterThan", "5"], ["Equals", "5"]]), false),
        (json!([["NumberLessOrEqualTo", "5"], ["Equals", "5"]]), true),
        (
            json!([["TextStartsWith", "$.Attributes.prefix"], ["Equals", "+44"]]),
            false,
        ),
    ];
    for (conditions, expected) in cases {
        let found = structural_codes(json!([compare(conditions.clone()), end()]));
        let expected: Vec<(String, String)> = if expected {
            vec![(
                codes::CONDITION_SHADOWED.to_string(),
                "/Actions/0/Transitions/Conditions/1".to_string(),
            )]
        } else {
            Vec::new()
        };
        assert_eq!(found, expected, "{conditions}");
    }
}

#[test]
fn failure_without_error_branch() {
    let mut lookup = lambda("lookup", "end", "end");
    assert!(structural_codes(json!([lookup.clone(), end()])).is_empty());
    lookup["Transitions"]["Errors"] = json!([]);
    assert_eq!(
        structural_codes(json!([lookup, end()])),
        [(
            codes::ERRORS_UNHANDLED.to_string(),
            "/Actions/0/Transitions".to_string()
        )]
    );
}

#[test]
fn attribute_key_characters_table() {
    let cases = [
        ("tier", false),
        ("order-id_2", false),
        ("caller name", true),
        ("total%", true),
    ];
    for (key, expected) in cases {
        let found = structural_codes(json!([
            set_attributes("remember", json!({key: "x"}), "end"),
            end()
        ]));
        assert_eq!(!found.is_empty(), expected, "{key}: {found:?}");
    }
}

#[test]
fn attribute_budget_over_32_kb() {
    let large = "x".repeat(20 * 1024);
    let found = structural_codes(json!([
        set_attributes("first", json!({"notes": large}), "second"),
        set_attributes("second", json!({"history": large}), "end"),
        end(),
    ]));
    assert_eq!(
        found,
        [(
            codes::ATTRIBUTES_TOO_LARGE.to_string(),
            "/Actions/1/Parameters/Attributes".to_string()
        )]
    );

    let found = structural_codes(json!([
        set_attributes("first", json!({"notes": large}), "second"),
        set_attributes("second", json!({"notes": large}), "end"),
        end(),
    ]));
    assert!(found.is_empty(), "{found:?}");
}

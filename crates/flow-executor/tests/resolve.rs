//! The resolver: whole references, templates, nested values and the missing-attribute policy.

mod common;

use common::with_context;
use flow_executor::{HandlerError, MissingAttributePolicy, RunSettings};
use serde_json::{Value, json};

fn tree() -> Value {
    json!({
        "Attributes": {"tier": "gold", "a b": "spaced", "hoop-name": "Main", "count": "3"},
        "External": {"customer": {"tier": "silver", "score": 7}, "ok": true, "list": ["x", "y"], "acct.type": "Account"},
        "Customer": {"FirstName": "Ana", "LastName": "Diaz"},
        "AwsRegion": "eu-west-2",
        "SegmentAttributes": {"connect:Subtype": {"ValueString": "connect:Telephony"}},
        "Views": {"ViewResultData": {"FormData": {"pickup": ["Leeds", "York"]}}},
        "Empty": null,
    })
}

fn resolve_with(value: Value, settings: &RunSettings) -> (Result<Value, HandlerError>, Vec<String>) {
    let (result, recorder) = with_context(json!({}), tree(), settings, |ctx| ctx.resolve(&value));
    (result, recorder.notes())
}

fn resolve(value: Value) -> Value {
    resolve_with(value.clone(), &RunSettings::default())
        .0
        .unwrap_or_else(|e| panic!("resolving {value}: {e}"))
}

#[test]
fn resolve_table() {
    let cases = [
        (json!("$.Attributes.tier"), json!("gold")),
        (json!("$.Attributes.['a b']"), json!("spaced")),
        (json!("$.Attributes['a b']"), json!("spaced")),
        (json!("$.External['acct.type']"), json!("Account")),
        (json!("$.External.acct.type"), json!("")),
        (json!("$.attributes.tier"), json!("")),
        (json!("$.Attributes.hoop-name"), json!("Main")),
        (json!("$['AwsRegion']"), json!("eu-west-2")),
        (
            json!("$.External.customer"),
            json!({"tier": "silver", "score": 7}),
        ),
        (json!("$.External.customer.score"), json!(7)),
        (json!("$.External.ok"), json!(true)),
        (json!("$.Views.ViewResultData.FormData.pickup.1"), json!("York")),
        (json!("$.Views.ViewResultData.FormData.pickup[0]"), json!("Leeds")),
        (
            json!("$.SegmentAttributes['connect:Subtype'].ValueString"),
            json!("connect:Telephony"),
        ),
        (
            json!("Hello $.Customer.FirstName $.Customer.LastName."),
            json!("Hello Ana Diaz."),
        ),
        (
            json!("<speak><say-as interpret-as=\"digits\">$.Attributes.count</say-as></speak>"),
            json!("<speak><say-as interpret-as=\"digits\">3</say-as></speak>"),
        ),
        (
            json!("arn:aws:lambda:$.AwsRegion:123456789012:function:lookup"),
            json!("arn:aws:lambda:eu-west-2:123456789012:function:lookup"),
        ),
        (
            json!("$.Attributes.tier >> went_through_module"),
            json!("gold >> went_through_module"),
        ),
        (
            json!("score $.External.customer.score, ok $.External.ok"),
            json!("score 7, ok true"),
        ),
        (json!("list $.External.list"), json!("list [\"x\",\"y\"]")),
        (json!("costs $5 or $ 6"), json!("costs $5 or $ 6")),
        (json!("null reads [$.Empty]"), json!("null reads []")),
        (json!("plain text"), json!("plain text")),
        (json!(8), json!(8)),
        (json!(false), json!(false)),
        (json!(null), json!(null)),
        (
            json!({"k": "$.Attributes.tier", "n": {"m": ["$.AwsRegion", 1]}}),
            json!({"k": "gold", "n": {"m": ["eu-west-2", 1]}}),
        ),
    ];
    for (input, expected) in cases {
        assert_eq!(resolve(input.clone()), expected, "resolving {input}");
    }
}

#[test]
fn misspelled_key_reads_empty_with_note() {
    let (result, notes) = resolve_with(json!("$.Attributes.teir"), &RunSettings::default());
    assert_eq!(result, Ok(json!("")));
    assert_eq!(
        notes,
        vec!["$.Attributes.teir is not set; it reads as the empty string"]
    );
}

#[test]
fn missing_in_template_reads_empty() {
    let (result, notes) = resolve_with(json!("Hi $.Customer.Nickname!"), &RunSettings::default());
    assert_eq!(result, Ok(json!("Hi !")));
    assert_eq!(notes.len(), 1);
}

#[test]
fn missing_with_error_policy_fails() {
    let settings = RunSettings {
        missing_attribute: MissingAttributePolicy::Error,
        ..RunSettings::default()
    };
    let (result, notes) = resolve_with(json!("Hi $.Customer.Nickname"), &settings);
    assert_eq!(
        result,
        Err(HandlerError::MissingAttribute {
            path: "$.Customer.Nickname".into()
        })
    );
    assert_eq!(notes, vec!["$.Customer.Nickname is not set; the block fails"]);
}

#[test]
fn typed_parameter_helpers() {
    let parameters = json!({
        "StoreInput": "True", "Lower": "false", "Flag": true, "Bad": "yes",
        "Count": "8", "Number": 3, "Ref": "$.Attributes.count", "Text": "eight",
    });
    let settings = RunSettings::default();
    let (results, _) = with_context(parameters, tree(), &settings, |ctx| {
        (
            ctx.param_bool("StoreInput"),
            ctx.param_bool("Lower"),
            ctx.param_bool("Flag"),
            ctx.param_bool("Absent"),
            ctx.param_u32("Count"),
            ctx.param_u32("Number"),
            ctx.param_u32("Ref"),
            ctx.param_u32("Text"),
            ctx.param_bool("Bad"),
            ctx.resolve_string("Number"),
        )
    });
    assert_eq!(results.0, Ok(Some(true)));
    assert_eq!(results.1, Ok(Some(false)));
    assert_eq!(results.2, Ok(Some(true)));
    assert_eq!(results.3, Ok(None));
    assert_eq!(results.4, Ok(Some(8)));
    assert_eq!(results.5, Ok(Some(3)));
    assert_eq!(results.6, Ok(Some(3)));
    assert_eq!(
        results.7,
        Err(HandlerError::Invalid(
            "invalid parameter Text = \"eight\" in block block-1 at /Actions/0/Parameters/Text: expected a whole number".into()
        ))
    );
    assert!(matches!(results.8, Err(HandlerError::Invalid(_))));
    assert_eq!(results.9, Ok(Some("3".to_string())));
}

//! Literal Lambda time limits and loop counts outside their documented ranges.

use flow_graph::codes::LIMIT_OUT_OF_RANGE;
use flow_graph::load_bytes;
use flow_graph::validate::{ValidateOptions, validate};
use serde_json::{Value, json};

fn limit_messages(action_type: &str, parameters: Value) -> Vec<String> {
    let flow = json!({
        "Version": "2019-10-30",
        "StartAction": "only",
        "Metadata": {"type": "contactFlow"},
        "Actions": [{"Identifier": "only", "Type": action_type, "Parameters": parameters, "Transitions": {}}],
    });
    let loaded = load_bytes(flow.to_string().as_bytes(), None).expect("the test flow loads");
    validate(&loaded, &ValidateOptions::default())
        .into_iter()
        .filter(|d| d.code == LIMIT_OUT_OF_RANGE)
        .map(|d| d.message)
        .collect()
}

#[test]
fn lambda_time_limit_range() {
    let cases = [
        (json!("8"), None),
        (json!("1"), None),
        (json!(3), None),
        (json!("$.Attributes.timeout"), None),
        (
            json!("0"),
            Some("InvocationTimeLimitSeconds \"0\" is not a whole number from 1 to 8"),
        ),
        (
            json!("30"),
            Some("InvocationTimeLimitSeconds \"30\" is not a whole number from 1 to 8"),
        ),
        (
            json!("2.5"),
            Some("InvocationTimeLimitSeconds \"2.5\" is not a whole number from 1 to 8"),
        ),
    ];
    for (value, expected) in cases {
        let parameters = json!({"LambdaFunctionARN": "lookup", "InvocationTimeLimitSeconds": value});
        let messages = limit_messages("InvokeLambdaFunction", parameters);
        let expected: Vec<String> = expected.into_iter().map(String::from).collect();
        assert_eq!(messages, expected, "{value}");
    }
}

#[test]
fn loop_count_range() {
    let cases = [
        (json!("0"), None),
        (json!("100"), None),
        (json!("$.Attributes.surveySize"), None),
        (
            json!("101"),
            Some("LoopCount \"101\" is not a whole number from 0 to 100"),
        ),
        (
            json!("-1"),
            Some("LoopCount \"-1\" is not a whole number from 0 to 100"),
        ),
    ];
    for (value, expected) in cases {
        let messages = limit_messages("Loop", json!({"LoopCount": value}));
        let expected: Vec<String> = expected.into_iter().map(String::from).collect();
        assert_eq!(messages, expected, "{value}");
    }
}

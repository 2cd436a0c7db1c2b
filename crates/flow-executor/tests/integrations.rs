//! The Lambda handler.

mod common;

use common::{ScriptedEnv, run_block};
use flow_executor::{HandlerError, LambdaResult, Outcome};
use serde_json::{Value, json};

fn lambda(extra: Value) -> Value {
    let mut parameters = json!({
        "LambdaFunctionARN": "arn:aws:lambda:$.AwsRegion:123456789012:function:lookup",
        "InvocationTimeLimitSeconds": "3",
        "LambdaInvocationAttributes": {"phone": "$.CustomerEndpoint.Address"},
    });
    for (key, value) in extra.as_object().expect("extra parameters are an object") {
        parameters[key] = value.clone();
    }
    json!({"Identifier": "lambda", "Type": "InvokeLambdaFunction", "Parameters": parameters, "Transitions": {"NextAction": "x"}})
}

fn tree() -> Value {
    json!({"AwsRegion": "eu-west-2", "CustomerEndpoint": {"Address": "+441234"}, "External": {"old": "1"}})
}

fn env_with(result: LambdaResult) -> ScriptedEnv {
    ScriptedEnv {
        lambda: [result].into(),
        ..Default::default()
    }
}

fn response(value: Value) -> LambdaResult {
    LambdaResult::Response { value }
}

#[test]
fn lambda_request_is_resolved() {
    let run = run_block(lambda(json!({})), tree(), env_with(response(json!({"a": "b"}))));
    assert_eq!(run.result, Ok(Outcome::Next));
    let request = &run.env.lambda_requests[0];
    assert_eq!(
        request.function,
        "arn:aws:lambda:eu-west-2:123456789012:function:lookup"
    );
    assert_eq!(request.parameters, json!({"phone": "+441234"}));
    assert_eq!(request.timeout_seconds, 3);
}

#[test]
fn lambda_replaces_external() {
    let cases = [
        (
            json!({}),
            json!({"tier": "gold", "acct.type": "Account"}),
            json!({"tier": "gold", "acct.type": "Account"}),
        ),
        (
            json!({"ResponseValidation": {"ResponseType": "STRING_MAP"}}),
            json!({"a": "b"}),
            json!({"a": "b"}),
        ),
        (
            json!({"ResponseValidation": {"ResponseType": "JSON"}}),
            json!({"name": {"first": "Ana"}, "list": [1]}),
            json!({"name": {"first": "Ana"}, "list": [1]}),
        ),
    ];
    for (extra, returned, external) in cases {
        let run = run_block(lambda(extra.clone()), tree(), env_with(response(returned)));
        assert_eq!(run.result, Ok(Outcome::Next), "{extra}");
        assert_eq!(run.state.get(&["External"]), Some(&external), "{extra}");
    }
}

#[test]
fn lambda_rejected_responses_keep_external() {
    let json_type = json!({"ResponseValidation": {"ResponseType": "JSON"}});
    let cases = [
        (json!({}), response(json!({"name": {"first": "Ana"}}))),
        (json!({}), response(json!({"a": null}))),
        (json!({}), response(json!({"count": 3}))),
        (json!({}), response(json!({"ok": true}))),
        (json!({}), response(json!(["a"]))),
        (json_type.clone(), response(json!("text"))),
        (json_type.clone(), response(json!({"big": "x".repeat(33_000)}))),
        (
            json!({}),
            LambdaResult::Error {
                message: "timed out after 3 s".into(),
            },
        ),
    ];
    for (extra, result) in cases {
        let label = format!("{result:?}");
        let run = run_block(lambda(extra), tree(), env_with(result));
        assert_eq!(
            run.result,
            Ok(Outcome::Error("NoMatchingError".into())),
            "{label:.80}"
        );
        assert_eq!(
            run.state.get(&["External"]),
            Some(&json!({"old": "1"})),
            "{label:.80}"
        );
        assert_eq!(run.recorder.notes().len(), 1, "{label:.80}");
    }
}

#[test]
fn lambda_asynchronous_leaves_external() {
    let run = run_block(
        lambda(json!({"InvocationType": "ASYNCHRONOUS"})),
        tree(),
        env_with(response(json!({"a": "b"}))),
    );
    assert_eq!(run.result, Ok(Outcome::Next));
    assert_eq!(run.state.get(&["External"]), Some(&json!({"old": "1"})));
}

#[test]
fn lambda_invalid_parameters() {
    let cases = [
        json!({"InvocationType": "LATER"}),
        json!({"ResponseValidation": {"ResponseType": "XML"}}),
        json!({"InvocationTimeLimitSeconds": "soon"}),
    ];
    for extra in cases {
        let run = run_block(lambda(extra.clone()), tree(), env_with(response(json!({}))));
        assert!(
            matches!(run.result, Err(HandlerError::Invalid(_))),
            "{extra}: {:?}",
            run.result
        );
    }
}

#[test]
fn lambda_empty_arn_is_error() {
    let extra = json!({"LambdaFunctionARN": "$.Attributes.lambdaArn"});
    let run = run_block(lambda(extra), tree(), env_with(response(json!({}))));
    assert_eq!(run.result, Ok(Outcome::Error("NoMatchingError".into())));
    assert!(run.env.lambda_requests.is_empty());
}

#[test]
fn lambda_timeout_is_clamped() {
    let cases = [("30", 8, true), ("0", 1, true), ("8", 8, false), ("1", 1, false)];
    for (declared, used, noted) in cases {
        let extra = json!({"InvocationTimeLimitSeconds": declared});
        let run = run_block(lambda(extra), tree(), env_with(response(json!({}))));
        assert_eq!(run.result, Ok(Outcome::Next), "{declared}");
        assert_eq!(run.env.lambda_requests[0].timeout_seconds, used, "{declared}");
        let clamp_noted = run
            .recorder
            .notes()
            .iter()
            .any(|n| n.starts_with("InvocationTimeLimitSeconds"));
        assert_eq!(clamp_noted, noted, "{declared}");
    }
}

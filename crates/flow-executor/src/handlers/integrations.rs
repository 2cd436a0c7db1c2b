//! Integration actions: AWS Lambda.

use super::{NO_MATCHING_ERROR, fail_with};
use crate::env::{LambdaRequest, LambdaResult};
use crate::handler::{ActionContext, HandlerError, HandlerResult, Registry};
use crate::outcome::Outcome;
use serde_json::{Map, Value, json};

/// The default and largest `InvocationTimeLimitSeconds`.
pub const LAMBDA_TIMEOUT_MAX_SECONDS: u32 = 8;

pub fn register(registry: &mut Registry) {
    registry.register("InvokeLambdaFunction", invoke_lambda_function);
}

/// The response shape that a synchronous call must return before it is written to `$.External`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ResponseType {
    /// A flat object of string values. Anything else, numbers and booleans included, takes the
    /// error branch.
    ///
    /// NOTE: Connect's documentation only says the values should be strings. Whether it rejects
    /// or converts a number such as `{"count": 3}` is unverified, and flowsim rejects it.
    StringMap,
    /// Any JSON object, nested values included.
    Json,
}

/// Invokes a Lambda function. A synchronous call replaces `$.External` with the response; an
/// asynchronous one leaves `$.External` unchanged. An empty function ARN, a Lambda error, an
/// invalid response or one over [`crate::RunSettings::lambda_response_max_bytes`] (32 KB in
/// Connect) takes `NoMatchingError`.
fn invoke_lambda_function(ctx: &mut ActionContext<'_>) -> HandlerResult {
    let request = match build_request(ctx)? {
        Ok(request) => request,
        Err(reason) => return fail_with(ctx, NO_MATCHING_ERROR, &reason),
    };
    let synchronous = read_invocation_type(ctx)?;
    let response_type = read_response_type(ctx)?;
    let answer = ctx.env.invoke_lambda(&ctx.action.identifier, &request)?;
    let reported = serde_json::to_value(&answer.value).expect("a LambdaResult serializes to JSON");
    ctx.report_answer(&format!("lambda {}", request.function), &reported, answer.assumed);
    let response = match answer.value {
        LambdaResult::Error { message } => {
            return fail_with(
                ctx,
                NO_MATCHING_ERROR,
                &format!("the Lambda function failed: {message}"),
            );
        }
        LambdaResult::Response { value } => value,
    };
    if !synchronous {
        return Ok(Outcome::Next);
    }
    match check_response(response, response_type, ctx.settings.lambda_response_max_bytes) {
        Ok(external) => {
            ctx.write(&["External"], external);
            Ok(Outcome::Next)
        }
        Err(reason) => fail_with(ctx, NO_MATCHING_ERROR, &reason),
    }
}

/// Builds the request, or returns why the block takes its error branch (an ARN that resolves to
/// nothing).
fn build_request(ctx: &mut ActionContext<'_>) -> Result<Result<LambdaRequest, String>, HandlerError> {
    let function = ctx.resolve_string("LambdaFunctionARN")?.unwrap_or_default();
    if function.is_empty() {
        return Ok(Err(
            "LambdaFunctionARN is empty, so there is no function to invoke".to_string(),
        ));
    }
    let timeout_seconds = read_timeout(ctx)?;
    let parameters = ctx
        .resolve_param("LambdaInvocationAttributes")?
        .unwrap_or_else(|| json!({}));
    Ok(Ok(LambdaRequest {
        function,
        parameters,
        timeout_seconds,
    }))
}

/// Reads `InvocationTimeLimitSeconds`, 8 when absent. A value outside 1 to 8 is clamped into that
/// range with a trace note, so a flow that the linter reports can still run.
fn read_timeout(ctx: &mut ActionContext<'_>) -> Result<u32, HandlerError> {
    let declared = ctx
        .param_u32("InvocationTimeLimitSeconds")?
        .unwrap_or(LAMBDA_TIMEOUT_MAX_SECONDS);
    let clamped = declared.clamp(1, LAMBDA_TIMEOUT_MAX_SECONDS);
    if clamped != declared {
        ctx.note(&format!(
            "InvocationTimeLimitSeconds {declared} is outside 1 to {LAMBDA_TIMEOUT_MAX_SECONDS}; using {clamped}"
        ));
    }
    Ok(clamped)
}

/// Returns true for `SYNCHRONOUS`, the default, and false for `ASYNCHRONOUS`.
fn read_invocation_type(ctx: &mut ActionContext<'_>) -> Result<bool, HandlerError> {
    match ctx.resolve_string("InvocationType")?.as_deref() {
        None | Some("SYNCHRONOUS") => Ok(true),
        Some("ASYNCHRONOUS") => Ok(false),
        Some(other) => {
            Err(ctx.invalid_param("InvocationType", other, "expected SYNCHRONOUS or ASYNCHRONOUS"))
        }
    }
}

/// Reads `ResponseValidation.ResponseType`. Exports without it get `STRING_MAP`, the only type
/// older flows had.
fn read_response_type(ctx: &mut ActionContext<'_>) -> Result<ResponseType, HandlerError> {
    let declared = ctx
        .param("ResponseValidation")
        .and_then(|v| v.get("ResponseType"))
        .map(crate::resolve::render);
    match declared.as_deref() {
        None | Some("STRING_MAP") => Ok(ResponseType::StringMap),
        Some("JSON") => Ok(ResponseType::Json),
        Some(other) => Err(ctx.invalid_param(
            "ResponseValidation",
            other,
            "ResponseType must be STRING_MAP or JSON",
        )),
    }
}

/// Checks a synchronous response against the response type and the size limit in bytes, and
/// returns the value for `$.External`, or why it is rejected.
fn check_response(response: Value, response_type: ResponseType, max_bytes: usize) -> Result<Value, String> {
    let size = response.to_string().len();
    if size > max_bytes {
        return Err(format!(
            "the Lambda response is {size} bytes, over the {max_bytes}-byte limit"
        ));
    }
    let Value::Object(members) = response else {
        return Err(format!(
            "the Lambda response must be a JSON object, got {response}"
        ));
    };
    match response_type {
        ResponseType::Json => Ok(Value::Object(members)),
        ResponseType::StringMap => check_string_map(members).map(Value::Object),
    }
}

fn check_string_map(members: Map<String, Value>) -> Result<Map<String, Value>, String> {
    let non_string = members.iter().find(|(_, value)| !value.is_string());
    if let Some((key, value)) = non_string {
        return Err(format!(
            "the STRING_MAP response has a non-string value at {key:?}: {value}; \
             return strings, or set ResponseType to JSON"
        ));
    }
    Ok(members)
}

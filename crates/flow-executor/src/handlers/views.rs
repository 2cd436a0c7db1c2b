//! `ShowView`: a step-by-step guide view whose chosen action is the block's result.

use super::block_results::gate_channel;
use super::{NO_MATCHING_ERROR, fail_with};
use crate::env::{ViewRequest, ViewResult};
use crate::handler::{ActionContext, HandlerError, HandlerResult, Registry};
use crate::outcome::Outcome;
use crate::resolve::render;
use serde_json::{Value, json};

/// The error types a view may end with.
const VIEW_ERRORS: [&str; 2] = ["TimeLimitExceeded", NO_MATCHING_ERROR];

pub fn register(registry: &mut Registry) {
    registry.register("ShowView", show_view);
}

/// Shows the view and writes what the user chose to `$.Views.Action` and `$.Views.ViewResultData`.
///
/// The ShowView page of the Amazon Connect API reference supports the action on the chat channel
/// only (a guide runs as its own chat contact), so other channels take `NoMatchingError`.
fn show_view(ctx: &mut ActionContext<'_>) -> HandlerResult {
    if let Some(gated) = gate_channel(ctx, &["CHAT"], NO_MATCHING_ERROR) {
        return gated;
    }
    let request = match build_request(ctx)? {
        Ok(request) => request,
        Err(reason) => return fail_with(ctx, NO_MATCHING_ERROR, &reason),
    };
    let answer = ctx.env.show_view(&ctx.action.identifier, &request)?;
    let reported = serde_json::to_value(&answer.value).expect("a ViewResult serializes to JSON");
    ctx.report_answer(&format!("view {}", request.view), &reported, answer.assumed);
    match answer.value {
        ViewResult::Action { action, data } => {
            ctx.write(&["Views", "Action"], json!(action));
            ctx.write(&["Views", "ViewResultData"], data);
            Ok(Outcome::Result(action))
        }
        ViewResult::Error { error_type } if VIEW_ERRORS.contains(&error_type.as_str()) => {
            Ok(Outcome::Error(error_type))
        }
        ViewResult::Error { error_type } => Err(HandlerError::Invalid(format!(
            "invalid view error {error_type:?} at block {}: expected TimeLimitExceeded or NoMatchingError",
            ctx.action.identifier
        ))),
    }
}

/// Builds the request from `ViewResource` and `ViewData`, or returns why the block takes its error
/// branch (a view id that resolves to nothing).
fn build_request(ctx: &mut ActionContext<'_>) -> Result<Result<ViewRequest, String>, HandlerError> {
    let resource = ctx.resolve_param("ViewResource")?.unwrap_or(Value::Null);
    let view = resource.get("Id").map(render).unwrap_or_default();
    if view.is_empty() {
        return Ok(Err(
            "ViewResource.Id is empty, so there is no view to show".to_string()
        ));
    }
    let version = resource.get("Version").map(render);
    let data = ctx.resolve_param("ViewData")?.unwrap_or_else(|| json!({}));
    Ok(Ok(ViewRequest { view, version, data }))
}

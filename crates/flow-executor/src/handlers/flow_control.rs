//! Flow-control actions: compare, hours, loop, percentage split, wait, flow attributes, and the
//! blocks that end a flow.

use super::{NO_MATCHING_ERROR, fail_with, state_text};
use crate::env::HoursSource;
use crate::handler::{ActionContext, HandlerResult, Registry};
use crate::outcome::{EndReason, Outcome};
use crate::resolve::render;
use serde_json::{Value, json};

/// The largest `LoopCount` the Loop block accepts.
pub const LOOP_COUNT_MAX: u32 = 100;

pub fn register(registry: &mut Registry) {
    registry.register("Compare", compare);
    registry.register("CheckHoursOfOperation", check_hours_of_operation);
    registry.register("Loop", loop_block);
    registry.register("DistributeByPercentage", distribute_by_percentage);
    registry.register("UpdateFlowAttributes", update_flow_attributes);
    registry.register("TransferToFlow", transfer_to_flow);
    registry.register("EndFlowExecution", end_flow_execution);
    registry.register("EndFlowModuleExecution", end_flow_module_execution);
    registry.register("InvokeFlowModule", invoke_flow_module);
}

/// Returns the resolved `ComparisonValue` as the result. Objects and arrays are rendered as JSON
/// text, so `KeyExists` can test them.
fn compare(ctx: &mut ActionContext<'_>) -> HandlerResult {
    match ctx.resolve_string("ComparisonValue")? {
        Some(value) => Ok(Outcome::Result(value)),
        None => Err(ctx.invalid_param(
            "ComparisonValue",
            "",
            "Compare needs a ComparisonValue such as $.Attributes.tier",
        )),
    }
}

/// Checks `HoursOfOperationId`, or else the working queue's hours, and returns `True` or `False`.
/// Without either, and for an agent's queue (which has no hours), the block takes
/// `NoMatchingError`.
fn check_hours_of_operation(ctx: &mut ActionContext<'_>) -> HandlerResult {
    let hours = ctx
        .resolve_string("HoursOfOperationId")?
        .filter(|h| !h.is_empty());
    let queue = state_text(ctx, &["Queue", "ARN"]);
    let source = match (&hours, &queue) {
        (Some(hours), _) => HoursSource::Hours(hours),
        (None, Some(queue)) if queue.contains("/agent/") => {
            return fail_with(
                ctx,
                NO_MATCHING_ERROR,
                "the working queue is an agent's queue, which has no hours",
            );
        }
        (None, Some(queue)) => HoursSource::QueueHours(queue),
        (None, None) => {
            return fail_with(
                ctx,
                NO_MATCHING_ERROR,
                "the block names no hours and no working queue is set",
            );
        }
    };
    let answer = ctx.env.hours_status(&ctx.action.identifier, source)?;
    let question = match source {
        HoursSource::Hours(hours) => format!("hours {hours} open"),
        HoursSource::QueueHours(queue) => format!("hours of queue {queue} open"),
    };
    ctx.report_answer(&question, &json!(answer.value.open), answer.assumed);
    if let Some(detail) = &answer.value.detail {
        ctx.note(detail);
    }
    let result = if answer.value.open { "True" } else { "False" };
    Ok(Outcome::Result(result.to_string()))
}

/// Returns `ContinueLooping` `LoopCount` times, then `DoneLooping` once, and resets the counter
/// kept per (flow, `Identifier`). A count that is not a whole number from 0 to 100 takes
/// `NoMatchingError`.
fn loop_block(ctx: &mut ActionContext<'_>) -> HandlerResult {
    let count_text = ctx.resolve_string("LoopCount")?.unwrap_or_default();
    let count = match count_text.trim().parse::<u32>() {
        Ok(count) if count <= LOOP_COUNT_MAX => count,
        _ => {
            let reason = format!(
                "invalid LoopCount {count_text:?}: expected a whole number from 0 to {LOOP_COUNT_MAX}"
            );
            return fail_with(ctx, NO_MATCHING_ERROR, &reason);
        }
    };
    let key = (
        ctx.flow.name().unwrap_or_default().to_string(),
        ctx.action.identifier.clone(),
    );
    let done = ctx.state.loop_counters.get(&key).copied().unwrap_or(0);
    if done < count {
        ctx.state.loop_counters.insert(key, done + 1);
        ctx.note(&format!("loop pass {} of {count}", done + 1));
        return Ok(Outcome::Result("ContinueLooping".to_string()));
    }
    ctx.state.loop_counters.remove(&key);
    Ok(Outcome::Result("DoneLooping".to_string()))
}

/// Returns a number from 1 to 100 that the block's `NumberLessThan` conditions split.
fn distribute_by_percentage(ctx: &mut ActionContext<'_>) -> HandlerResult {
    let answer = ctx.env.random_percent(&ctx.action.identifier)?;
    ctx.report_answer("random percent", &json!(answer.value), answer.assumed);
    Ok(Outcome::Result(answer.value.to_string()))
}

/// Writes each entry of `FlowAttributes` (`{"name": {"Value": "v"}}`, optionally with `"Type"`) to
/// `$.FlowAttributes.name`.
fn update_flow_attributes(ctx: &mut ActionContext<'_>) -> HandlerResult {
    let Some(Value::Object(attributes)) = ctx.param("FlowAttributes").cloned() else {
        return Err(ctx.invalid_param(
            "FlowAttributes",
            "",
            "expected an object such as {\"name\": {\"Value\": \"v\"}}",
        ));
    };
    let mut values = Vec::with_capacity(attributes.len());
    for (name, spec) in &attributes {
        let raw = match spec {
            Value::Object(fields) => fields.get("Value").cloned(),
            scalar => Some(scalar.clone()),
        };
        let Some(raw) = raw else {
            return Err(ctx.invalid_param("FlowAttributes", name, "each flow attribute needs a \"Value\""));
        };
        values.push((name.clone(), render(&ctx.resolve(&raw)?)));
    }
    for (name, value) in values {
        ctx.write(&["FlowAttributes", &name], Value::String(value));
    }
    Ok(Outcome::Next)
}

/// Ends this flow and hands the contact to the flow named by `ContactFlowId`.
fn transfer_to_flow(ctx: &mut ActionContext<'_>) -> HandlerResult {
    let flow = ctx.resolve_string("ContactFlowId")?.unwrap_or_default();
    if flow.is_empty() {
        return fail_with(
            ctx,
            NO_MATCHING_ERROR,
            "ContactFlowId is empty, so there is no flow to transfer to",
        );
    }
    Ok(Outcome::End(EndReason::TransferredToFlow { flow }))
}

/// Ends the flow. In an inbound or transfer flow this disconnects the contact. In whisper, hold
/// and customer-queue flows only the flow ends, and the contact goes on.
fn end_flow_execution(ctx: &mut ActionContext<'_>) -> HandlerResult {
    let reason = match ctx.settings.flow_type.as_str() {
        "contactFlow" | "agentTransfer" | "queueTransfer" => EndReason::Disconnected,
        _ => EndReason::FlowEnded,
    };
    Ok(Outcome::End(reason))
}

/// Returns from a flow module with the branch named by `Result`, writing `ResultData`, when given,
/// to `$.Modules.ResultData` and the branch to `$.Modules.Result`.
fn end_flow_module_execution(ctx: &mut ActionContext<'_>) -> HandlerResult {
    let result = ctx.resolve_string("Result")?;
    if let Some(data) = ctx.resolve_param("ResultData")? {
        ctx.write(&["Modules", "ResultData"], data);
    }
    if let Some(result) = &result {
        ctx.write(&["Modules", "Result"], json!(result));
    }
    Ok(Outcome::End(EndReason::ModuleReturned { result }))
}

/// Asks the executor to run the module named by `FlowModuleId` (an id or ARN, optionally with a
/// `:$LATEST` or alias qualifier) with the resolved `Input` at `$.Modules.Input`.
fn invoke_flow_module(ctx: &mut ActionContext<'_>) -> HandlerResult {
    let module = ctx.resolve_string("FlowModuleId")?.unwrap_or_default();
    if module.is_empty() {
        return fail_with(
            ctx,
            NO_MATCHING_ERROR,
            "FlowModuleId is empty, so there is no module to invoke",
        );
    }
    let input = ctx.resolve_param("Input")?;
    Ok(Outcome::InvokeModule { module, input })
}

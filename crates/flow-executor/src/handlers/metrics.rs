//! Queue metrics: Check staffing / Check queue status (`CheckMetricData`) and Get queue metrics
//! (`GetMetricData`), read from the environment's queue status.

use super::{NO_MATCHING_ERROR, fail_with, state_text};
use crate::env::QueueStatus;
use crate::handler::{ActionContext, HandlerError, HandlerResult, Registry};
use crate::outcome::Outcome;
use serde_json::{Value, json};

/// The `MetricType` values of `CheckMetricData`.
pub const METRIC_TYPES: &[&str] = &[
    "NumberOfAgentsAvailable",
    "NumberOfAgentsStaffed",
    "NumberOfAgentsOnline",
    "OldestContactInQueueAgeSeconds",
    "NumberOfContactsInQueue",
];

pub fn register(registry: &mut Registry) {
    registry.register("CheckMetricData", check_metric_data);
    registry.register("GetMetricData", get_metric_data);
}

/// Reads one metric of the queue named by `QueueId` or `AgentId`, else of the working queue, and
/// returns it as the result that the conditions test. No queue takes `NoMatchingError`.
fn check_metric_data(ctx: &mut ActionContext<'_>) -> HandlerResult {
    let metric = ctx.resolve_string("MetricType")?.unwrap_or_default();
    if !METRIC_TYPES.contains(&metric.as_str()) {
        let hint = format!("expected one of {}", METRIC_TYPES.join(", "));
        return Err(ctx.invalid_param("MetricType", &metric, &hint));
    }
    let Some(queue) = metric_queue(ctx)? else {
        return fail_with(
            ctx,
            NO_MATCHING_ERROR,
            "no queue to check: set QueueId or AgentId, or a working queue first",
        );
    };
    let status = queue_status(ctx, &queue)?;
    let value = metric_value(&status, &metric);
    ctx.note(&format!("{metric} of queue {queue} is {value}"));
    Ok(Outcome::Result(value.to_string()))
}

fn metric_value(status: &QueueStatus, metric: &str) -> u32 {
    match metric {
        "NumberOfAgentsAvailable" => status.agents_available,
        "NumberOfAgentsStaffed" => status.agents_staffed,
        "NumberOfAgentsOnline" => status.agents_online,
        "OldestContactInQueueAgeSeconds" => status.oldest_contact_age_seconds,
        _ => status.contacts_in_queue,
    }
}

/// Returns the queue named by `QueueId`, else by `AgentId` (the agent's queue), else the working
/// queue, or `None` when there is none.
fn metric_queue(ctx: &mut ActionContext<'_>) -> Result<Option<String>, HandlerError> {
    for name in ["QueueId", "AgentId"] {
        if let Some(queue) = ctx.resolve_string(name)?.filter(|q| !q.is_empty()) {
            return Ok(Some(queue));
        }
    }
    Ok(state_text(ctx, &["Queue", "ARN"]))
}

fn queue_status(ctx: &mut ActionContext<'_>, queue: &str) -> Result<QueueStatus, HandlerError> {
    let answer = ctx.env.queue_status(&ctx.action.identifier, queue)?;
    let reported = serde_json::to_value(&answer.value).expect("QueueStatus serializes to JSON");
    ctx.report_answer(&format!("status of queue {queue}"), &reported, answer.assumed);
    Ok(answer.value)
}

/// Writes the real-time metrics of the queue named by `QueueId` or `AgentId`, else of the working
/// queue, to `$.Metrics.Queue`, `$.Metrics.Agents.<state>.Count` and `$.Metrics.Contact`. Metrics
/// are JSON numbers, and an estimate the queue status lacks is `null`, as Connect leaves a metric
/// empty when the queue had no activity. No queue takes `NoMatchingError`.
fn get_metric_data(ctx: &mut ActionContext<'_>) -> HandlerResult {
    let channel = ctx.resolve_string("QueueChannel")?;
    if let Some(channel) = channel
        .as_deref()
        .filter(|c| !["Voice", "Chat", "VOICE", "CHAT"].contains(c))
    {
        return Err(ctx.invalid_param("QueueChannel", channel, "expected Voice or Chat"));
    }
    let Some(queue) = metric_queue(ctx)? else {
        return fail_with(
            ctx,
            NO_MATCHING_ERROR,
            "no queue to read: set QueueId or AgentId, or a working queue first",
        );
    };
    let status = queue_status(ctx, &queue)?;
    let name = queue_name(ctx, &queue);
    ctx.write(&["Metrics"], metrics_tree(&queue, &name, &status));
    Ok(Outcome::Next)
}

/// Returns the working queue's `$.Queue.Name` when `queue` is the working queue, else the last `/`
/// segment of `queue`, which is the name itself for a scenario key and the queue id for an ARN.
fn queue_name(ctx: &ActionContext<'_>, queue: &str) -> String {
    let working = state_text(ctx, &["Queue", "ARN"]);
    let working_name = state_text(ctx, &["Queue", "Name"]);
    match working_name {
        Some(name) if working.as_deref() == Some(queue) => name,
        _ => queue.rsplit('/').next().unwrap_or(queue).to_string(),
    }
}

/// Builds the `$.Metrics` object of `queue`.
// NOTE: the queue status does not carry per-channel numbers, so `QueueChannel` filters nothing.
fn metrics_tree(queue: &str, name: &str, status: &QueueStatus) -> Value {
    let count = |value: u32| json!({"Count": value});
    json!({
        "Queue": {
            "Name": name,
            "ARN": queue,
            "Size": status.contacts_in_queue,
            "OldestContactAge": status.oldest_contact_age_seconds,
            "EstimatedWaitTime": status.estimated_wait_time_seconds,
        },
        "Agents": {
            "Online": count(status.agents_online),
            "Available": count(status.agents_available),
            "Staffed": count(status.agents_staffed),
            "AfterContactWork": count(status.agents_after_contact_work),
            "Busy": count(status.agents_busy),
            "Missed": count(status.agents_missed),
            "NonProductive": count(status.agents_non_productive),
        },
        "Contact": {
            "EstimatedWaitTime": status.contact_estimated_wait_time_seconds,
            "PositionInQueue": status.contact_position_in_queue,
        },
    })
}

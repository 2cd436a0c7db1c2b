//! Contact actions: contact attributes, the working queue and the transfer to it.

use super::{NO_MATCHING_ERROR, fail_with, state_text};
use crate::handler::{ActionContext, HandlerError, HandlerResult, Registry};
use crate::outcome::{EndReason, Outcome};
use crate::resolve::render;
use crate::settings::AttributeOverflowPolicy;
use serde_json::{Value, json};

pub fn register(registry: &mut Registry) {
    registry.register("UpdateContactAttributes", update_contact_attributes);
    registry.register("UpdateContactTargetQueue", update_contact_target_queue);
    registry.register("TransferContactToQueue", transfer_contact_to_queue);
}

/// Sets contact attributes, all or none: every key and value is resolved and checked before the
/// first write. `TargetContact` `Related` writes the related contact's attributes.
fn update_contact_attributes(ctx: &mut ActionContext<'_>) -> HandlerResult {
    let target = ctx
        .resolve_string("TargetContact")?
        .unwrap_or_else(|| "Current".to_string());
    let prefix: &[&str] = match target.as_str() {
        "Current" => &["Attributes"],
        "Related" => &["RelatedContact", "Attributes"],
        other => {
            return Err(ctx.invalid_param("TargetContact", other, "expected \"Current\" or \"Related\""));
        }
    };
    let pairs = match resolve_attribute_pairs(ctx)? {
        Ok(pairs) => pairs,
        Err(reason) => return fail_with(ctx, NO_MATCHING_ERROR, &reason),
    };
    let limit = ctx.settings.attributes_max_bytes;
    let total = attributes_size_after(ctx, prefix, &pairs);
    if total <= limit {
        write_attributes(ctx, prefix, pairs);
        return Ok(Outcome::Next);
    }
    match ctx.settings.attribute_overflow {
        AttributeOverflowPolicy::Error => {
            let reason = format!(
                "the attributes would take {total} bytes, over the {limit}-byte limit, so nothing was written \
                 (set the scenario setting attributeOverflow to \"truncate\" to keep what fits)"
            );
            fail_with(ctx, NO_MATCHING_ERROR, &reason)
        }
        AttributeOverflowPolicy::Truncate => {
            write_what_fits(ctx, prefix, pairs, limit);
            Ok(Outcome::Next)
        }
    }
}

fn write_attributes(ctx: &mut ActionContext<'_>, prefix: &[&str], pairs: Vec<(String, String)>) {
    for (key, value) in pairs {
        let mut segments = prefix.to_vec();
        segments.push(&key);
        ctx.write(&segments, Value::String(value));
    }
}

/// Writes the pairs in order, dropping each one that would take the attributes past `limit`,
/// and notes the dropped keys.
fn write_what_fits(ctx: &mut ActionContext<'_>, prefix: &[&str], pairs: Vec<(String, String)>, limit: usize) {
    let mut dropped = Vec::new();
    for pair in pairs {
        let total = attributes_size_after(ctx, prefix, std::slice::from_ref(&pair));
        if total > limit {
            dropped.push(pair.0);
            continue;
        }
        write_attributes(ctx, prefix, vec![pair]);
    }
    ctx.note(&format!(
        "truncated at the {limit}-byte attribute limit: dropped {}",
        dropped.join(", ")
    ));
}

/// Resolves every key and value of `Attributes` to text. Keys may be templates such as
/// `survey_result_$.Attributes.loopCounter`. The inner `Err` names a resolved key that contains
/// `$` or `.`, which no attribute path could read back.
fn resolve_attribute_pairs(
    ctx: &mut ActionContext<'_>,
) -> Result<Result<Vec<(String, String)>, String>, HandlerError> {
    let Some(Value::Object(attributes)) = ctx.param("Attributes").cloned() else {
        return Err(ctx.invalid_param("Attributes", "", "expected an object of key-value pairs"));
    };
    let mut pairs = Vec::with_capacity(attributes.len());
    for (raw_key, raw_value) in &attributes {
        let key = render(&ctx.resolve(&Value::String(raw_key.clone()))?);
        if key.is_empty() || key.contains(['$', '.']) {
            return Ok(Err(format!(
                "invalid attribute key {key:?}: keys must be non-empty and contain no `$` or `.`"
            )));
        }
        let value = render(&ctx.resolve(raw_value)?);
        pairs.push((key, value));
    }
    Ok(Ok(pairs))
}

/// Returns the size in bytes of the user-defined attributes at `prefix` after `pairs` are written.
fn attributes_size_after(ctx: &ActionContext<'_>, prefix: &[&str], pairs: &[(String, String)]) -> usize {
    let mut sizes: indexmap::IndexMap<&str, usize> = indexmap::IndexMap::new();
    if let Some(Value::Object(existing)) = ctx.state.get(prefix) {
        for (key, value) in existing {
            sizes.insert(key, key.len() + render(value).len());
        }
    }
    for (key, value) in pairs {
        sizes.insert(key, key.len() + value.len());
    }
    sizes.values().sum()
}

/// Sets the working queue from `QueueId` or `AgentId` (an agent's queue), writing `$.Queue.ARN`,
/// `$.Queue.Id` and, for a value that is neither an ARN nor an id, `$.Queue.Name`.
fn update_contact_target_queue(ctx: &mut ActionContext<'_>) -> HandlerResult {
    let queue = match ctx.resolve_string("QueueId")? {
        Some(queue) => queue,
        None => ctx.resolve_string("AgentId")?.unwrap_or_default(),
    };
    if queue.is_empty() {
        return fail_with(
            ctx,
            NO_MATCHING_ERROR,
            "the block names no queue (QueueId or AgentId is empty)",
        );
    }
    let id = queue.rsplit('/').next().unwrap_or(&queue).to_string();
    ctx.write(&["Queue", "ARN"], json!(queue));
    ctx.write(&["Queue", "Id"], json!(id));
    if !queue.starts_with("arn:") && !looks_like_id(&queue) {
        ctx.write(&["Queue", "Name"], json!(queue));
    }
    Ok(Outcome::Next)
}

/// Returns true for a Connect resource id: a UUID such as `7c9e6679-7425-40de-944b-e07fc1f90ae7`.
fn looks_like_id(text: &str) -> bool {
    text.len() == 36 && text.chars().all(|c| c.is_ascii_hexdigit() || c == '-')
}

/// Places the contact in the working queue and ends the flow, unless there is no working queue
/// (`NoMatchingError`) or the queue is full (`QueueAtCapacity`).
fn transfer_contact_to_queue(ctx: &mut ActionContext<'_>) -> HandlerResult {
    let queue = match ctx.resolve_string("QueueId")?.filter(|q| !q.is_empty()) {
        Some(queue) => queue,
        None => match state_text(ctx, &["Queue", "ARN"]) {
            Some(queue) => queue,
            None => {
                return fail_with(
                    ctx,
                    NO_MATCHING_ERROR,
                    "no working queue is set; add a Set working queue block first",
                );
            }
        },
    };
    let answer = ctx.env.queue_status(&ctx.action.identifier, &queue)?;
    let reported = serde_json::to_value(&answer.value).expect("QueueStatus serializes to JSON");
    ctx.report_answer(&format!("status of queue {queue}"), &reported, answer.assumed);
    if answer.value.at_capacity {
        return Ok(Outcome::Error("QueueAtCapacity".to_string()));
    }
    Ok(Outcome::End(EndReason::TransferredToQueue { queue }))
}

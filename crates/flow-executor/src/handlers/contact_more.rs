//! Contact actions that change the contact's properties, event flows, routing, tags and queue.

use super::contact_record::{ContactRecord, EVENT_HOOK_TYPES, EventHook, SUCCESS, ask_block_result};
use super::{NO_MATCHING_ERROR, fail_with, state_text};
use crate::handler::{ActionContext, HandlerError, HandlerResult, Registry};
use crate::outcome::{EndReason, Outcome};
use crate::resolve::render;
use serde_json::{Value, json};

/// The maximum length of a contact's `Name`, in characters ("UpdateContact" in the Amazon Connect
/// API Reference).
pub const CONTACT_NAME_MAX_CHARS: usize = 512;
/// The maximum length of a contact's `Description`, in characters ("UpdateContact" in the Amazon
/// Connect API Reference).
pub const CONTACT_DESCRIPTION_MAX_CHARS: usize = 4096;
/// The maximum number of tags that one TagContact request sets ("TagContact" in the Amazon Connect
/// API Reference).
pub const CONTACT_TAGS_MAX: usize = 6;
/// The `Type` values of a contact reference ("UpdateContact" in the Amazon Connect API Reference).
pub const REFERENCE_TYPES: &[&str] = &[
    "URL",
    "ATTACHMENT",
    "CONTACT_ANALYSIS",
    "NUMBER",
    "STRING",
    "DATE",
    "EMAIL",
    "EMAIL_MESSAGE",
];

pub fn register(registry: &mut Registry) {
    registry.register("UpdateContactEventHooks", update_contact_event_hooks);
    registry.register("UpdateContactData", super::contact_data::update_contact_data);
    registry.register("UpdateContactRoutingBehavior", update_contact_routing_behavior);
    registry.register("UpdateContactRoutingCriteria", update_contact_routing_criteria);
    registry.register(
        "UpdatePreviousContactParticipantState",
        update_previous_contact_participant_state,
    );
    registry.register("TagContact", tag_contact);
    registry.register("UntagContact", untag_contact);
    registry.register("UnTagContact", untag_contact);
    registry.register("UpdateContactMediaProcessing", update_contact_media_processing);
    registry.register("ResumeContact", resume_contact);
    registry.register("TransferContactToAgent", transfer_contact_to_agent);
    registry.register(
        "DequeueContactAndTransferToQueue",
        dequeue_contact_and_transfer_to_queue,
    );
}

/// Sets the flow that runs on one contact event. `EventHooks` must have exactly one entry whose
/// key is an event type, and its value, a flow id or ARN, may be a reference. A block with only
/// `EventHooksConfiguration`, as the console writes for "disable the whisper", switches the
/// event's flow off or on without naming one.
fn update_contact_event_hooks(ctx: &mut ActionContext<'_>) -> HandlerResult {
    if ctx.param("EventHooks").is_none() && ctx.param("EventHooksConfiguration").is_some() {
        return configure_event_hook(ctx);
    }
    let (event_type, raw_flow) = read_single_entry(ctx, "EventHooks")?;
    let flow = render(&ctx.resolve(&raw_flow)?);
    if flow.is_empty() {
        let reason = format!(
            "the {event_type} flow resolved to an empty id; set EventHooks.{event_type} to a flow id or ARN"
        );
        return fail_with(ctx, NO_MATCHING_ERROR, &reason);
    }
    let disabled = read_disable_execution(ctx, &event_type)?;
    ctx.note(&format!("the {event_type} event now runs flow {flow}"));
    let hook = EventHook { flow, disabled };
    ContactRecord::of_mut(ctx.state)
        .event_hooks
        .insert(event_type, hook);
    Ok(Outcome::Next)
}

/// Switches the flow of the one event in `EventHooksConfiguration` off or on, keeping the flow an
/// earlier block set.
fn configure_event_hook(ctx: &mut ActionContext<'_>) -> HandlerResult {
    let (event_type, _) = read_single_entry(ctx, "EventHooksConfiguration")?;
    let disabled = read_disable_execution(ctx, &event_type)?;
    let state = if disabled { "off" } else { "on" };
    ctx.note(&format!("the {event_type} event flow is now switched {state}"));
    let hooks = &mut ContactRecord::of_mut(ctx.state).event_hooks;
    let hook = hooks.entry(event_type).or_insert_with(|| EventHook {
        flow: String::new(),
        disabled,
    });
    hook.disabled = disabled;
    Ok(Outcome::Next)
}

/// Returns the one entry of the object parameter `name`, whose key must be an event type that
/// Connect accepts.
fn read_single_entry(ctx: &ActionContext<'_>, name: &str) -> Result<(String, Value), HandlerError> {
    let Some(Value::Object(hooks)) = ctx.param(name) else {
        return Err(ctx.invalid_param(name, "", "expected an object with one event type"));
    };
    if hooks.len() != 1 {
        let count = hooks.len().to_string();
        return Err(ctx.invalid_param(name, &count, "expected exactly one entry per block"));
    }
    let (event_type, value) = hooks.iter().next().expect("the length was checked above");
    if !EVENT_HOOK_TYPES.contains(&event_type.as_str()) {
        let hint = format!("expected one of {}", EVENT_HOOK_TYPES.join(", "));
        return Err(ctx.invalid_param(name, event_type, &hint));
    }
    Ok((event_type.clone(), value.clone()))
}

/// Reads `EventHooksConfiguration.<event_type>.DisableExecution`, false when absent.
fn read_disable_execution(ctx: &mut ActionContext<'_>, event_type: &str) -> Result<bool, HandlerError> {
    let raw = ctx
        .param("EventHooksConfiguration")
        .and_then(|configuration| configuration.get(event_type))
        .and_then(|entry| entry.get("DisableExecution"))
        .cloned();
    let Some(raw) = raw else {
        return Ok(false);
    };
    match render(&ctx.resolve(&raw)?).to_ascii_lowercase().as_str() {
        "true" => Ok(true),
        "false" => Ok(false),
        other => Err(ctx.invalid_param(
            "EventHooksConfiguration",
            other,
            "DisableExecution must be \"true\" or \"false\"",
        )),
    }
}

/// Records the contact's routing priority or its age adjustment in queue. Both are static, and the
/// block has no error branch, so an unusable value is an invalid flow.
fn update_contact_routing_behavior(ctx: &mut ActionContext<'_>) -> HandlerResult {
    let priority = read_integer(ctx, "QueuePriority")?;
    let adjustment = read_integer(ctx, "QueueTimeAdjustmentSeconds")?;
    if priority.is_none() && adjustment.is_none() {
        return Err(ctx.invalid_param(
            "QueuePriority",
            "",
            "set QueuePriority or QueueTimeAdjustmentSeconds",
        ));
    }
    if let Some(priority) = priority {
        if priority < 1 {
            let text = priority.to_string();
            return Err(ctx.invalid_param(
                "QueuePriority",
                &text,
                "expected a whole number from 1, where 1 is routed first",
            ));
        }
        ctx.note(&format!("the contact's routing priority is now {priority}"));
        ContactRecord::of_mut(ctx.state).queue_priority = Some(priority.unsigned_abs());
    }
    if let Some(adjustment) = adjustment {
        ctx.note(&format!(
            "the contact's age in queue is adjusted by {adjustment} seconds"
        ));
        ContactRecord::of_mut(ctx.state).queue_time_adjustment_seconds = Some(adjustment);
    }
    Ok(Outcome::Next)
}

/// Resolves parameter `name` as a whole number that may be negative.
fn read_integer(ctx: &mut ActionContext<'_>, name: &str) -> Result<Option<i64>, HandlerError> {
    let Some(text) = ctx.resolve_string(name)? else {
        return Ok(None);
    };
    match text.trim().parse() {
        Ok(number) => Ok(Some(number)),
        Err(_) => Err(ctx.invalid_param(name, &text, "expected a whole number")),
    }
}

/// Records the routing criteria. Criteria without a non-empty `Steps` array, or with a step that
/// has no `Expression`, take `NoMatchingError`.
fn update_contact_routing_criteria(ctx: &mut ActionContext<'_>) -> HandlerResult {
    let criteria = ctx.resolve_param("RoutingCriteria")?.unwrap_or(Value::Null);
    let steps = criteria.get("Steps").and_then(Value::as_array);
    let Some(steps) = steps.filter(|steps| !steps.is_empty()) else {
        return fail_with(
            ctx,
            NO_MATCHING_ERROR,
            "RoutingCriteria has no Steps; add at least one step with an Expression",
        );
    };
    if let Some(index) = steps.iter().position(|step| step.get("Expression").is_none()) {
        let reason = format!("RoutingCriteria.Steps[{index}] has no Expression");
        return fail_with(ctx, NO_MATCHING_ERROR, &reason);
    }
    ctx.note(&format!(
        "the contact is routed by {} routing step(s)",
        steps.len()
    ));
    ContactRecord::of_mut(ctx.state).routing_criteria = Some(criteria);
    Ok(Outcome::Next)
}

/// Puts a participant of the previous contact on or off hold. Whether that contact still has the
/// participant is outside the flow, so the scenario's results decide between success and
/// `NoMatchingError`.
fn update_previous_contact_participant_state(ctx: &mut ActionContext<'_>) -> HandlerResult {
    let state = ctx
        .resolve_string("PreviousContactParticipantState")?
        .unwrap_or_default();
    if !["AgentOnHold", "CustomerOnHold", "OffHold"].contains(&state.as_str()) {
        return Err(ctx.invalid_param(
            "PreviousContactParticipantState",
            &state,
            "expected AgentOnHold, CustomerOnHold or OffHold",
        ));
    }
    if let Some(channel) = other_channel(ctx, &["VOICE"]) {
        return fail_with(
            ctx,
            NO_MATCHING_ERROR,
            &format!("hold works on voice contacts only, and this contact is {channel}"),
        );
    }
    let result = ask_block_result(ctx, "previous contact hold result")?;
    if result != SUCCESS {
        return Ok(Outcome::Error(result));
    }
    ContactRecord::of_mut(ctx.state).previous_contact_participant_state = Some(state);
    Ok(Outcome::Next)
}

/// Returns the contact's `$.Channel` when it is set and not one of `channels`.
pub(super) fn other_channel(ctx: &ActionContext<'_>, channels: &[&str]) -> Option<String> {
    let channel = state_text(ctx, &["Channel"])?;
    (!channels.contains(&channel.as_str())).then_some(channel)
}

/// Adds user-defined tags, written to `$.Tags.<key>`, all or none as the flow-language TagContact
/// page states. A key that is empty, over 128 characters, starts with `aws:` or has a character
/// outside the API's key pattern `^(?!aws:)[a-zA-Z+-=._:/]+$`, a value over 256 characters, or more
/// than [`CONTACT_TAGS_MAX`] tags take `NoMatchingError` and write nothing.
fn tag_contact(ctx: &mut ActionContext<'_>) -> HandlerResult {
    let Some(Value::Object(tags)) = ctx.resolve_param("Tags")? else {
        return Err(ctx.invalid_param("Tags", "", "expected an object of tag keys and values"));
    };
    let tags: Vec<(String, String)> = tags
        .iter()
        .map(|(key, value)| (key.clone(), render(value)))
        .collect();
    if let Err(reason) = check_tags(&tags) {
        return fail_with(ctx, NO_MATCHING_ERROR, &reason);
    }
    for (key, value) in tags {
        ctx.write(&["Tags", &key], Value::String(value));
    }
    Ok(Outcome::Next)
}

fn check_tags(tags: &[(String, String)]) -> Result<(), String> {
    if tags.is_empty() {
        return Err("Tags is empty; add at least one tag key and value".to_string());
    }
    if tags.len() > CONTACT_TAGS_MAX {
        let count = tags.len();
        return Err(format!(
            "the block sets {count} tags, over the limit of {CONTACT_TAGS_MAX} per block; nothing was tagged"
        ));
    }
    for (key, value) in tags {
        if !is_tag_key(key) {
            return Err(format!(
                "invalid tag key {key:?}: keys have 1 to 128 letters, digits or + - = . _ : / and must not start with aws:"
            ));
        }
        if value.chars().count() > 256 {
            return Err(format!("the value of tag {key:?} is over 256 characters"));
        }
    }
    Ok(())
}

/// Returns true for a key that matches `^(?!aws:)[a-zA-Z+-=._:/]+$` with 1 to 128 characters. In
/// that pattern `+-=` is the range from `+` to `=`, which takes in the digits.
fn is_tag_key(key: &str) -> bool {
    let allowed = |c: char| c.is_ascii_alphabetic() || ('+'..='=').contains(&c) || "._:/".contains(c);
    let length = key.chars().count();
    (1..=128).contains(&length) && !key.starts_with("aws:") && key.chars().all(allowed)
}

/// Removes the tags named by `TagKeys` from `$.Tags`. A key that is not set is ignored; an empty
/// list takes `NoMatchingError`.
fn untag_contact(ctx: &mut ActionContext<'_>) -> HandlerResult {
    let Some(Value::Array(keys)) = ctx.resolve_param("TagKeys")? else {
        return Err(ctx.invalid_param("TagKeys", "", "expected an array of tag keys"));
    };
    if keys.is_empty() {
        return fail_with(
            ctx,
            NO_MATCHING_ERROR,
            "TagKeys is empty; name at least one tag to remove",
        );
    }
    for key in keys.iter().map(render) {
        if ctx.state.remove(&["Tags", &key]).is_some() {
            ctx.note(&format!("removed tag {key}"));
        }
    }
    Ok(Outcome::Next)
}

/// Turns message processing of a chat on or off. On another channel the block takes
/// `NoMatchingError`; on chat the scenario's results decide.
fn update_contact_media_processing(ctx: &mut ActionContext<'_>) -> HandlerResult {
    if let Some(channel) = other_channel(ctx, &["CHAT"]) {
        return fail_with(
            ctx,
            NO_MATCHING_ERROR,
            &format!("message processing works on chat contacts only, and this contact is {channel}"),
        );
    }
    let result = ask_block_result(ctx, "chat processing result")?;
    Ok(outcome_of(result))
}

/// Resumes a paused task, chat or email contact. A voice contact takes `NoMatchingError`; for the
/// others the scenario's results decide, because only Connect tracks whether the contact is paused.
fn resume_contact(ctx: &mut ActionContext<'_>) -> HandlerResult {
    if let Some(channel) = other_channel(ctx, &["CHAT", "TASK", "EMAIL"]) {
        return fail_with(
            ctx,
            NO_MATCHING_ERROR,
            &format!("only task, chat and email contacts can be resumed, and this contact is {channel}"),
        );
    }
    let result = ask_block_result(ctx, "resume contact result")?;
    if result == SUCCESS {
        ContactRecord::of_mut(ctx.state).resumed += 1;
    }
    Ok(outcome_of(result))
}

/// Maps a block result to `Next` for success and to an error branch otherwise.
pub(super) fn outcome_of(result: String) -> Outcome {
    if result == SUCCESS {
        Outcome::Next
    } else {
        Outcome::Error(result)
    }
}

/// Connects the contact to the agent of an agent or queue transfer flow, ending the flow.
fn transfer_contact_to_agent(_ctx: &mut ActionContext<'_>) -> HandlerResult {
    Ok(Outcome::End(EndReason::TransferredToAgent))
}

/// Moves a queued contact to the queue named by `QueueId` or `AgentId` and ends the customer-queue
/// flow, because Connect places a new contact segment in that queue ("DequeueContactAndTransferToQueue"
/// in the flow-language reference). No queue named takes `NoMatchingError`, and a full queue
/// `QueueAtCapacity`.
fn dequeue_contact_and_transfer_to_queue(ctx: &mut ActionContext<'_>) -> HandlerResult {
    let queue = match ctx.resolve_string("QueueId")?.filter(|q| !q.is_empty()) {
        Some(queue) => queue,
        None => ctx.resolve_string("AgentId")?.unwrap_or_default(),
    };
    if queue.is_empty() {
        return fail_with(
            ctx,
            NO_MATCHING_ERROR,
            "the block names no queue (QueueId and AgentId are empty)",
        );
    }
    let answer = ctx.env.queue_status(&ctx.action.identifier, &queue)?;
    let reported = serde_json::to_value(&answer.value).expect("QueueStatus serializes to JSON");
    ctx.report_answer(&format!("status of queue {queue}"), &reported, answer.assumed);
    if answer.value.at_capacity {
        return Ok(Outcome::Error("QueueAtCapacity".to_string()));
    }
    let id = queue.rsplit('/').next().unwrap_or(&queue).to_string();
    ctx.write(&["Queue"], json!({"ARN": queue, "Id": id}));
    Ok(Outcome::End(EndReason::TransferredToQueue { queue }))
}

//! Contact actions that create something outside the contact: tasks, outbound chats and emails,
//! related contacts, Amazon Q in Connect sessions and rendered message templates.
//!
//! Whether Connect accepts such a request depends on the instance (quotas, flows, templates), so
//! after the block's own checks the scenario's results decide between success and each error type.

use super::contact_more::{CONTACT_DESCRIPTION_MAX_CHARS, CONTACT_NAME_MAX_CHARS, other_channel, outcome_of};
use super::contact_record::{ContactRecord, SUCCESS, ask_block_result};
use super::{NO_MATCHING_ERROR, fail_with, state_text};
use crate::handler::{ActionContext, HandlerError, HandlerResult, Registry};
use crate::outcome::Outcome;
use crate::resolve::render;
use serde_json::{Map, Value, json};

/// The largest `DelaySeconds` of Create task: 6 days.
pub const TASK_DELAY_MAX_SECONDS: u32 = 6 * 24 * 60 * 60;

pub fn register(registry: &mut Registry) {
    registry.register("CreateTask", create_task);
    registry.register("CreateWisdomSession", create_wisdom_session);
    registry.register("StartOutboundChatContact", start_outbound_chat_contact);
    registry.register("StartOutboundEmailContact", start_outbound_email_contact);
    registry.register("RenderMessageTemplate", render_message_template);
    registry.register("CreateContact", create_contact);
    registry.register(
        "CreatePersistentContactAssociation",
        create_persistent_contact_association,
    );
}

/// Creates a task contact and writes its id to `$.Task.ContactId`. An empty or too long `Name`,
/// a too long `Description`, both or neither of `ContactFlowId` and `TaskTemplateId`, a
/// `DelaySeconds` outside 1 to 518,400, or both `DelaySeconds` and `ScheduledTime` take
/// `NoMatchingError`.
// NOTE: `ScheduledTime` must lie within 6 days of now in Connect; flowsim reads no clock, so it
// records the value without checking it.
fn create_task(ctx: &mut ActionContext<'_>) -> HandlerResult {
    let request = match task_request(ctx)? {
        Ok(request) => request,
        Err(reason) => return fail_with(ctx, NO_MATCHING_ERROR, &reason),
    };
    let result = ask_block_result(ctx, "task creation result")?;
    if result != SUCCESS {
        return Ok(Outcome::Error(result));
    }
    let contact_id = record_created(ctx, request);
    ctx.write(&["Task", "ContactId"], json!(contact_id));
    Ok(Outcome::Next)
}

/// Resolves and checks the task request. The inner `Err` is the reason the block fails.
fn task_request(ctx: &mut ActionContext<'_>) -> Result<Result<Value, String>, HandlerError> {
    let name = ctx.resolve_string("Name")?.unwrap_or_default();
    if name.is_empty() || name.chars().count() > CONTACT_NAME_MAX_CHARS {
        return Ok(Err(format!(
            "the task Name must have 1 to {CONTACT_NAME_MAX_CHARS} characters"
        )));
    }

    let description = ctx.resolve_string("Description")?.unwrap_or_default();
    if description.chars().count() > CONTACT_DESCRIPTION_MAX_CHARS {
        return Ok(Err(format!(
            "the task Description is over {CONTACT_DESCRIPTION_MAX_CHARS} characters"
        )));
    }

    let flow = ctx.resolve_string("ContactFlowId")?.filter(|f| !f.is_empty());
    let template = ctx.resolve_string("TaskTemplateId")?.filter(|t| !t.is_empty());
    if flow.is_some() == template.is_some() {
        return Ok(Err(
            "set exactly one of ContactFlowId and TaskTemplateId, so Connect knows which flow runs the task"
                .to_string(),
        ));
    }

    let delay = ctx.resolve_string("DelaySeconds")?.filter(|d| !d.is_empty());
    let scheduled = ctx.resolve_string("ScheduledTime")?.filter(|s| !s.is_empty());
    if let Err(reason) = check_schedule(delay.as_deref(), scheduled.as_deref()) {
        return Ok(Err(reason));
    }

    let mut request = json!({"Name": name, "Description": description, "ContactFlowId": flow, "TaskTemplateId": template, "DelaySeconds": delay, "ScheduledTime": scheduled});
    for name in ["Attributes", "References"] {
        if let Some(value) = ctx.resolve_param(name)? {
            request[name] = value;
        }
    }
    Ok(Ok(request))
}

fn check_schedule(delay: Option<&str>, scheduled: Option<&str>) -> Result<(), String> {
    if delay.is_some() && scheduled.is_some() {
        return Err("set DelaySeconds or ScheduledTime, not both".to_string());
    }
    let Some(delay) = delay else {
        return Ok(());
    };
    match delay.trim().parse::<u32>() {
        Ok(seconds) if (1..=TASK_DELAY_MAX_SECONDS).contains(&seconds) => Ok(()),
        _ => Err(format!(
            "invalid DelaySeconds {delay:?}: expected a whole number from 1 to {TASK_DELAY_MAX_SECONDS}"
        )),
    }
}

/// Records a created contact with the block's type and identifier, and returns its id.
fn record_created(ctx: &mut ActionContext<'_>, request: Value) -> String {
    let action_type = ctx.action.action_type.clone();
    let identifier = ctx.action.identifier.clone();
    let contact_id = ContactRecord::of_mut(ctx.state).add_created(&action_type, &identifier, request);
    ctx.note(&format!("created contact {contact_id}"));
    contact_id
}

/// Creates an Amazon Q in Connect session for the assistant `WisdomAssistantArn` and writes its
/// ARN to `$.Wisdom.SessionArn`. An empty assistant ARN takes `NoMatchingError`.
fn create_wisdom_session(ctx: &mut ActionContext<'_>) -> HandlerResult {
    let assistant = ctx.resolve_string("WisdomAssistantArn")?.unwrap_or_default();
    if assistant.is_empty() {
        return fail_with(
            ctx,
            NO_MATCHING_ERROR,
            "WisdomAssistantArn is empty; set the ARN of an Amazon Q in Connect assistant",
        );
    }
    let result = ask_block_result(ctx, "session creation result")?;
    if result != SUCCESS {
        return Ok(Outcome::Error(result));
    }
    let contact_id = state_text(ctx, &["ContactId"]).unwrap_or_default();
    ctx.write(
        &["Wisdom", "SessionArn"],
        json!(session_arn(&assistant, &contact_id)),
    );
    Ok(Outcome::Next)
}

/// Builds a session ARN of the assistant, `arn:…:session/<assistant id>/<session id>`, with the
/// contact id as session id so that runs repeat.
fn session_arn(assistant: &str, contact_id: &str) -> String {
    match assistant.split_once(":assistant/") {
        Some((prefix, assistant_id)) => format!("{prefix}:session/{assistant_id}/{contact_id}"),
        None => format!("{assistant}/session/{contact_id}"),
    }
}

/// Starts an outbound chat, such as an SMS, to `DestinationEndpoint.Address`. An empty destination
/// takes `NoMatchingError`.
fn start_outbound_chat_contact(ctx: &mut ActionContext<'_>) -> HandlerResult {
    let request = resolve_all(
        ctx,
        &[
            "SourceEndpoint",
            "DestinationEndpoint",
            "ContactFlowArn",
            "ContactSubtype",
            "RelatedContact",
        ],
    )?;
    let destination = request
        .get("DestinationEndpoint")
        .and_then(|e| e.get("Address"))
        .map(render)
        .unwrap_or_default();
    if destination.is_empty() {
        return fail_with(
            ctx,
            NO_MATCHING_ERROR,
            "DestinationEndpoint.Address is empty; set the number to message",
        );
    }
    send_request(ctx, "outbound chat result", request)
}

/// Sends an outbound email to `DestinationEmailAddress.EmailAddress`. A destination without `@`
/// takes `NoMatchingError`.
fn start_outbound_email_contact(ctx: &mut ActionContext<'_>) -> HandlerResult {
    let request = resolve_all(
        ctx,
        &["FromEmailAddress", "DestinationEmailAddress", "EmailMessage"],
    )?;
    let destination = request
        .get("DestinationEmailAddress")
        .and_then(|e| e.get("EmailAddress"))
        .map(render)
        .unwrap_or_default();
    if !destination.contains('@') {
        let reason = format!(
            "invalid DestinationEmailAddress.EmailAddress {destination:?}: expected an email address"
        );
        return fail_with(ctx, NO_MATCHING_ERROR, &reason);
    }
    send_request(ctx, "outbound email result", request)
}

/// Asks whether Connect accepted an outbound chat or email and records the new contact.
fn send_request(ctx: &mut ActionContext<'_>, topic: &str, request: Value) -> HandlerResult {
    let result = ask_block_result(ctx, topic)?;
    if result == SUCCESS {
        record_created(ctx, request);
    }
    Ok(outcome_of(result))
}

/// Renders an Amazon Q in Connect message template. An empty template ARN takes
/// `NoMatchingError`.
// NOTE: AWS's pages do not say where the rendered message is stored, so flowsim writes nothing.
fn render_message_template(ctx: &mut ActionContext<'_>) -> HandlerResult {
    let template = ctx
        .resolve_string("WisdomMessageTemplateArn")?
        .unwrap_or_default();
    if template.is_empty() {
        return fail_with(
            ctx,
            NO_MATCHING_ERROR,
            "WisdomMessageTemplateArn is empty; set the ARN of a message template",
        );
    }
    let result = ask_block_result(ctx, "template rendering result")?;
    Ok(outcome_of(result))
}

/// Creates a contact related to this one on `Channel`, such as an `EMAIL` contact that a later
/// Send message block uses.
fn create_contact(ctx: &mut ActionContext<'_>) -> HandlerResult {
    let request = resolve_all(ctx, &["Channel", "RelatedContact"])?;
    let channel = request.get("Channel").map(render).unwrap_or_default();
    if !["VOICE", "CHAT", "TASK", "EMAIL"].contains(&channel.as_str()) {
        let reason = format!("invalid Channel {channel:?}: expected VOICE, CHAT, TASK or EMAIL");
        return fail_with(ctx, NO_MATCHING_ERROR, &reason);
    }
    let result = ask_block_result(ctx, "contact creation result")?;
    if result == SUCCESS {
        record_created(ctx, request);
    }
    Ok(outcome_of(result))
}

/// Continues the transcript of a past chat in this one. On another channel the block takes
/// `NoMatchingError`; on chat the scenario's results decide, because only Connect stores the past
/// chat.
fn create_persistent_contact_association(ctx: &mut ActionContext<'_>) -> HandlerResult {
    if let Some(channel) = other_channel(ctx, &["CHAT"]) {
        return fail_with(
            ctx,
            NO_MATCHING_ERROR,
            &format!("persistent chat works on chat contacts only, and this contact is {channel}"),
        );
    }
    let rehydration = ctx.resolve_string("RehydrationType")?.unwrap_or_default();
    ctx.note(&format!("rehydration type {rehydration:?}"));
    let result = ask_block_result(ctx, "persistent chat result")?;
    Ok(outcome_of(result))
}

/// Resolves the parameters `names` that the action has into one object.
fn resolve_all(ctx: &mut ActionContext<'_>, names: &[&str]) -> Result<Value, HandlerError> {
    let mut request = Map::new();
    for name in names {
        if let Some(value) = ctx.resolve_param(name)? {
            request.insert(name.to_string(), value);
        }
    }
    Ok(Value::Object(request))
}

//! Blocks that hold the contact: `Wait` and `MessageParticipantIteratively` (Loop prompts).

use super::block_results::{
    LOOP_ENDED, ask_result, channel, gate_channel, result_options, to_outcome, wait_results,
};
use super::{NO_MATCHING_ERROR, fail_with};
use crate::handler::{ActionContext, HandlerError, HandlerResult, Registry};
use crate::outcome::{EndReason, Outcome};
use crate::resolve::render;
use serde_json::Value;
use std::collections::HashSet;

/// The maximum wait time that Connect accepts: seven days, in seconds.
pub const WAIT_MAX_SECONDS: u32 = 604_800;

pub fn register(registry: &mut Registry) {
    registry.register("Wait", wait);
    registry.register("MessageParticipantIteratively", message_participant_iteratively);
}

/// The `Wait` blocks in keep-running mode that already took their `Continue` branch, by
/// `Identifier`.
#[derive(Debug, Default)]
struct ContinuedWaits(HashSet<String>);

/// Runs `Wait`: the environment picks `WaitCompleted` (the time limit passed), an event from
/// `Events`, or an error. In keep-running mode (`ContinueExecution` is `True`) the first visit
/// defaults to `Continue` and later visits to `WaitCompleted`.
///
/// Channels follow "Wait" in the Amazon Connect Administrator Guide: a voice contact waits only in
/// the keep-running mode and otherwise takes `NoMatchingError`, and a task only ever completes or
/// fails.
fn wait(ctx: &mut ActionContext<'_>) -> HandlerResult {
    let channel = channel(ctx);
    let keeps_running = ctx.param_bool("ContinueExecution")?.unwrap_or(false);
    if channel == "VOICE" && !keeps_running {
        let reason = "Wait works on a voice contact only with ContinueExecution set to True";
        return fail_with(ctx, NO_MATCHING_ERROR, reason);
    }
    let seconds = wait_seconds(ctx)?;
    note_wait(ctx, seconds, keeps_running)?;
    let mut options = wait_results(ctx.action);
    if channel == "TASK" {
        options.retain(|option| option == "WaitCompleted" || option == NO_MATCHING_ERROR);
    }
    let default = wait_default(ctx, keeps_running);
    let result = ask_result(ctx, "wait result", &options, default)?;
    if result == "Continue" {
        let identifier = ctx.action.identifier.clone();
        continued_waits(ctx).0.insert(identifier);
    }
    Ok(to_outcome(ctx, result))
}

fn continued_waits<'s>(ctx: &'s mut ActionContext<'_>) -> &'s mut ContinuedWaits {
    if ctx.state.extensions.get::<ContinuedWaits>().is_none() {
        ctx.state.extensions.insert(ContinuedWaits::default());
    }
    ctx.state
        .extensions
        .get_mut::<ContinuedWaits>()
        .expect("the slot was inserted above")
}

/// Returns the result assumed when the environment gives none.
///
/// NOTE: in keep-running mode Connect runs the `Continue` branch while the wait goes on and
/// interrupts it when the wait ends. flowsim runs one branch at a time, so a block's first visit
/// takes `Continue` and a later visit (after the branch loops back) takes `WaitCompleted`.
fn wait_default(ctx: &mut ActionContext<'_>, keeps_running: bool) -> &'static str {
    let identifier = ctx.action.identifier.clone();
    if keeps_running && !continued_waits(ctx).0.contains(&identifier) {
        "Continue"
    } else {
        "WaitCompleted"
    }
}

/// Reads the wait time from `TimeLimitSeconds`, which the console writes, or `TimeoutSeconds`,
/// which the API reference names. Returns `None` when the block sets neither.
fn wait_seconds(ctx: &mut ActionContext<'_>) -> Result<Option<u32>, HandlerError> {
    for parameter in ["TimeLimitSeconds", "TimeoutSeconds"] {
        let Some(seconds) = ctx.param_u32(parameter)? else {
            continue;
        };
        if !(1..=WAIT_MAX_SECONDS).contains(&seconds) {
            let hint = format!("expected 1 to {WAIT_MAX_SECONDS} seconds (seven days)");
            return Err(ctx.invalid_param(parameter, &seconds.to_string(), &hint));
        }
        return Ok(Some(seconds));
    }
    Ok(None)
}

fn note_wait(
    ctx: &mut ActionContext<'_>,
    seconds: Option<u32>,
    keeps_running: bool,
) -> Result<(), HandlerError> {
    let limit = seconds.map_or_else(|| "no time limit".to_string(), |s| format!("up to {s} s"));
    let mut note = format!("waiting {limit}");
    if keeps_running {
        let minimum = ctx.resolve_string("MinimumWaitTimeSeconds")?;
        let minimum = minimum.map_or_else(String::new, |m| format!(", at least {m} s"));
        note.push_str(&format!("{minimum}, running the Continue branch meanwhile"));
    }
    ctx.note(&note);
    Ok(())
}

/// Runs "Loop prompts": notes each message, then with `InterruptFrequencySeconds` takes the
/// `MessagesInterrupted` result, or ends the run when the environment answers [`LOOP_ENDED`].
/// Without it the prompts loop until something outside the flow (an agent accepting the contact,
/// the caller hanging up) stops them, so the run ends here with `EndReason::FlowEnded`.
///
/// "Loop prompts" in the Amazon Connect Administrator Guide lists chat, task and email contacts as
/// taking the error branch.
fn message_participant_iteratively(ctx: &mut ActionContext<'_>) -> HandlerResult {
    if let Some(gated) = gate_channel(ctx, &["VOICE"], NO_MATCHING_ERROR) {
        return gated;
    }
    let messages = ctx.resolve_param("Messages")?.unwrap_or(Value::Null);
    let messages = messages.as_array().map(Vec::as_slice).unwrap_or_default();
    for (index, message) in messages.iter().enumerate() {
        ctx.note(&format!(
            "loop prompt {}: {}",
            index + 1,
            describe_message(message)
        ));
    }
    let Some(seconds) = ctx.param_u32("InterruptFrequencySeconds")? else {
        ctx.note(
            "the prompts loop until an agent accepts the contact or the caller hangs up; the run ends here",
        );
        return Ok(Outcome::End(EndReason::FlowEnded));
    };
    ctx.note(&format!("the loop is interrupted every {seconds} s"));
    let options = result_options(ctx.action).expect("MessageParticipantIteratively has result options");
    let result = ask_result(ctx, "loop prompts interrupt", &options, "MessagesInterrupted")?;
    if result == LOOP_ENDED {
        ctx.note("the prompts stopped before the next interrupt, such as when an agent accepts the contact");
        return Ok(Outcome::End(EndReason::FlowEnded));
    }
    Ok(to_outcome(ctx, result))
}

/// Describes one entry of `Messages`: its text, SSML, prompt or media location.
fn describe_message(message: &Value) -> String {
    if let Some(text) = message.get("Text").or_else(|| message.get("SSML")) {
        return render(text);
    }
    if let Some(prompt) = message.get("PromptId") {
        return format!("audio prompt {}", render(prompt));
    }
    match message.get("Media").and_then(|media| media.get("Uri")) {
        Some(uri) => format!("media {}", render(uri)),
        None => format!("unrecognised message {message}"),
    }
}

//! The results that blocks without a modelled backend ask the environment for, and the channel rule.

use super::{NO_MATCHING_ERROR, fail_with, state_text};
use crate::env::BlockQuestion;
use crate::handler::{ActionContext, HandlerError, HandlerResult};
use crate::outcome::Outcome;
use flow_graph::model::Action;
use serde_json::{Value, json};

/// The result of a block that succeeded and continues at `NextAction`.
pub const SUCCESS: &str = "Success";

/// flowsim's own result for `MessageParticipantIteratively`: something outside the flow (an agent
/// accepting the contact, the end of the hold) stopped the prompts before the next interrupt.
/// Connect has no such branch, so the run ends with the flow.
pub const LOOP_ENDED: &str = "Ended";

/// The results of `CheckOutboundCallStatus`.
const CALL_STATUSES: [&str; 4] = ["CallAnswered", "VoicemailBeep", "VoicemailNoBeep", "NotDetected"];

/// Lists every result that `action` may request from [`crate::Environment::block_result`], errors
/// included, or returns `None` when blocks of its type take no scripted result.
///
/// The scenario check uses this list to reject a scripted result that the block can never produce,
/// and each handler asks with the same list.
pub fn result_options(action: &Action) -> Option<Vec<String>> {
    let parameters = &action.parameters;
    let options: Vec<&str> = match action.action_type.as_str() {
        "CheckVoiceId" => voice_id_results(parameters.get("CheckVoiceIdOption"))
            .iter()
            .copied()
            .chain([NO_MATCHING_ERROR])
            .collect(),
        "CheckOutboundCallStatus" => CALL_STATUSES.iter().copied().chain([NO_MATCHING_ERROR]).collect(),
        "StartVoiceIdStream" | "CreateCallbackContact" => vec![SUCCESS, NO_MATCHING_ERROR],
        "UpdateContactCallbackNumber" => vec![SUCCESS, "CallbackNumberNotDialable", NO_MATCHING_ERROR],
        "TransferParticipantToThirdParty" => {
            third_party_results(is_true(parameters.get("ContinueFlowExecution")))
        }
        "MessageParticipantIteratively" => vec!["MessagesInterrupted", LOOP_ENDED, NO_MATCHING_ERROR],
        "Wait" => return Some(wait_results(action)),
        "InvokeFlowModule" => return Some(unloaded_module_results(action)),
        _ => {
            let options = super::contact_record::result_options(&action.action_type)?;
            return Some(options.iter().map(|option| option.to_string()).collect());
        }
    };
    Some(options.into_iter().map(String::from).collect())
}

/// Returns the results a module that is not loaded may return to an `InvokeFlowModule` block:
/// `Success`, each literal result its conditions name, `Error`, and, for a block with a
/// `NoMatchingCondition` entry, `NoMatchingCondition`, which stands for a result no condition
/// names. A module without custom branches returns `Success` or `Error`; one with custom branches
/// returns the name of one of them.
fn unloaded_module_results(action: &Action) -> Vec<String> {
    let mut results = vec![SUCCESS.to_string()];
    for entry in &action.transitions.conditions {
        for operand in entry.condition.operands.iter().filter_map(Value::as_str) {
            if !operand.starts_with("$.") && !results.iter().any(|r| r == operand) {
                results.push(operand.to_string());
            }
        }
    }
    if !results.iter().any(|r| r == "Error") {
        results.push("Error".to_string());
    }
    let handles_unnamed = action
        .transitions
        .errors
        .iter()
        .any(|entry| entry.error_type == "NoMatchingCondition");
    if handles_unnamed && !results.iter().any(|r| r == "NoMatchingCondition") {
        results.push("NoMatchingCondition".to_string());
    }
    results
}

/// Returns the results of `CheckVoiceId` for its `CheckVoiceIdOption`, as "Check Voice ID" in the
/// Amazon Connect Administrator Guide lists them. An unknown option gets every result.
fn voice_id_results(option: Option<&Value>) -> &'static [&'static str] {
    match option.and_then(Value::as_str) {
        Some("enrollmentStatus") => &["Enrolled", "NotEnrolled", "OptedOut"],
        Some("voiceAuthentication") => &[
            "Authenticated",
            "NotAuthenticated",
            "Inconclusive",
            "NotEnrolled",
            "OptedOut",
        ],
        Some("fraudDetection") => &["HighRisk", "LowRisk", "Inconclusive"],
        _ => &[
            "Enrolled",
            "Authenticated",
            "NotAuthenticated",
            "Inconclusive",
            "NotEnrolled",
            "OptedOut",
            "HighRisk",
            "LowRisk",
        ],
    }
}

/// `CallFailed` is a branch only when the flow continues after the call.
fn third_party_results(continues: bool) -> Vec<&'static str> {
    let mut results = vec![SUCCESS, "ConnectionTimeLimitExceeded", NO_MATCHING_ERROR];
    if continues {
        results.insert(1, "CallFailed");
    }
    results
}

/// Returns the results of a `Wait` block: `Continue` and `WaitCompleted` in the keep-running mode,
/// else `WaitCompleted` and each listed event, with `ParticipantNotFound` when the block waits for
/// a bot participant.
pub(super) fn wait_results(action: &Action) -> Vec<String> {
    if is_true(action.parameters.get("ContinueExecution")) {
        return ["Continue", "WaitCompleted", NO_MATCHING_ERROR]
            .map(String::from)
            .to_vec();
    }
    let events = wait_events(action);
    let mut results = vec!["WaitCompleted".to_string()];
    results.extend(events.iter().cloned());
    results.push(NO_MATCHING_ERROR.to_string());
    if events.iter().any(|e| e == "BotParticipantDisconnected") {
        results.push("ParticipantNotFound".to_string());
    }
    results
}

/// Returns the static `Events` of a `Wait` block.
pub(super) fn wait_events(action: &Action) -> Vec<String> {
    let Some(Value::Array(events)) = action.parameters.get("Events") else {
        return Vec::new();
    };
    events
        .iter()
        .filter_map(Value::as_str)
        .map(String::from)
        .collect()
}

/// Returns true for `"True"`, `"true"` or `true`, as console exports spell switches.
pub(super) fn is_true(value: Option<&Value>) -> bool {
    match value {
        Some(Value::Bool(flag)) => *flag,
        Some(Value::String(text)) => text.eq_ignore_ascii_case("true"),
        _ => false,
    }
}

/// Asks the environment which of `options` happened, reports the answer, and rejects an answer
/// that is not one of `options`.
pub(crate) fn ask_result(
    ctx: &mut ActionContext<'_>,
    topic: &str,
    options: &[String],
    default: &str,
) -> Result<String, HandlerError> {
    let option_names: Vec<&str> = options.iter().map(String::as_str).collect();
    let question = BlockQuestion {
        action_type: &ctx.action.action_type,
        topic,
        options: &option_names,
        default,
    };
    let answer = ctx.env.block_result(&ctx.action.identifier, &question)?;
    ctx.report_answer(topic, &json!(answer.value), answer.assumed);
    if !options.contains(&answer.value) {
        return Err(HandlerError::Invalid(format!(
            "invalid result {:?} for block {} ({}): expected one of {}; correct `results` in the scenario",
            answer.value,
            ctx.action.identifier,
            ctx.action.action_type,
            option_names.join(", ")
        )));
    }
    Ok(answer.value)
}

/// Turns a result into an outcome: [`SUCCESS`] continues at `NextAction`, an `ErrorType` of the
/// block's type takes that error branch, and anything else is tested against the conditions.
pub(super) fn to_outcome(ctx: &ActionContext<'_>, result: String) -> Outcome {
    let is_error = flow_graph::catalogue::lookup(&ctx.action.action_type)
        .is_some_and(|spec| spec.accepts_error(&result));
    if result == SUCCESS {
        Outcome::Next
    } else if is_error {
        Outcome::Error(result)
    } else {
        Outcome::Result(result)
    }
}

/// Returns the contact's channel from `$.Channel`, `VOICE` when it is not set.
pub(super) fn channel(ctx: &ActionContext<'_>) -> String {
    state_text(ctx, &["Channel"]).unwrap_or_else(|| "VOICE".to_string())
}

/// Takes the `error_type` branch with a note when the contact's channel is not one of `supported`,
/// or returns `None` when it is.
pub(super) fn gate_channel(
    ctx: &mut ActionContext<'_>,
    supported: &[&str],
    error_type: &str,
) -> Option<HandlerResult> {
    let channel = channel(ctx);
    if supported.contains(&channel.as_str()) {
        return None;
    }
    let reason = format!(
        "{} does not work on the {channel} channel (it supports {}), so it takes the {error_type} branch",
        ctx.action.action_type,
        supported.join(", ")
    );
    Some(fail_with(ctx, error_type, &reason))
}

//! Telephony and callbacks: third-party transfer, outbound calls, callback numbers and Voice ID.
//!
//! These blocks depend on telephone networks and services that flowsim does not model, so each
//! asks [`crate::Environment::block_result`] which of its documented results happened.

use super::block_results::{SUCCESS, ask_result, gate_channel, result_options, to_outcome};
use super::{NO_MATCHING_ERROR, fail_with, state_text};
use crate::handler::{ActionContext, HandlerError, HandlerResult, Registry};
use crate::outcome::{EndReason, Outcome};

pub fn register(registry: &mut Registry) {
    registry.register(
        "TransferParticipantToThirdParty",
        transfer_participant_to_third_party,
    );
    registry.register("CheckOutboundCallStatus", check_outbound_call_status);
    registry.register("CompleteOutboundCall", complete_outbound_call);
    registry.register("UpdateContactCallbackNumber", update_contact_callback_number);
    registry.register("CreateCallbackContact", create_callback_contact);
    registry.register("CheckVoiceId", check_voice_id);
    registry.register("StartVoiceIdStream", start_voice_id_stream);
}

/// The callback number that `UpdateContactCallbackNumber` set. Connect offers no attribute path
/// to read it back, so it lives in a state slot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallbackNumber(pub String);

/// Marks that a `StartVoiceIdStream` block ran, as `CheckVoiceId` needs.
#[derive(Debug, Default)]
struct VoiceIdStreaming;

/// Asks the environment for one of the block's results and turns it into an outcome.
fn ask_outcome(ctx: &mut ActionContext<'_>, topic: &str, default: &str) -> HandlerResult {
    let options = result_options(ctx.action).expect("every type in this module has result options");
    let result = ask_result(ctx, topic, &options, default)?;
    Ok(to_outcome(ctx, result))
}

/// Dials `ThirdPartyPhoneNumber`. On success with `ContinueFlowExecution` set to `False` the flow
/// ends with the contact transferred; with `True` the flow goes on after the third-party call.
///
/// NOTE: a number that is not E.164 takes `NoMatchingError` here. Connect's documentation asks
/// for E.164 but does not name the branch such a number takes.
fn transfer_participant_to_third_party(ctx: &mut ActionContext<'_>) -> HandlerResult {
    if let Some(gated) = gate_channel(ctx, &["VOICE"], NO_MATCHING_ERROR) {
        return gated;
    }
    let number = ctx.resolve_string("ThirdPartyPhoneNumber")?.unwrap_or_default();
    if !is_e164(&number) {
        let reason = format!("ThirdPartyPhoneNumber {number:?} is not an E.164 number such as +15550100101");
        return fail_with(ctx, NO_MATCHING_ERROR, &reason);
    }
    let continues = ctx.param_bool("ContinueFlowExecution")?.unwrap_or(false);
    let timeout = ctx.resolve_string("ThirdPartyConnectionTimeLimitSeconds")?;
    let digits = ctx.resolve_string("ThirdPartyDTMFDigits")?;
    let mut note = format!("dialling {number}");
    if let Some(timeout) = timeout {
        note.push_str(&format!(", waiting up to {timeout} s for an answer"));
    }
    if let Some(digits) = digits {
        note.push_str(&format!(", then sending DTMF {digits}"));
    }
    ctx.note(&note);
    match ask_outcome(ctx, "third-party call result", SUCCESS)? {
        Outcome::Next if !continues => Ok(Outcome::End(EndReason::TransferredToPhoneNumber { number })),
        outcome => Ok(outcome),
    }
}

/// Branches on answering-machine detection of an outbound campaign call.
fn check_outbound_call_status(ctx: &mut ActionContext<'_>) -> HandlerResult {
    if let Some(gated) = gate_channel(ctx, &["VOICE"], NO_MATCHING_ERROR) {
        return gated;
    }
    ask_outcome(ctx, "outbound call status", "CallAnswered")
}

/// Places the outbound call of an outbound whisper or campaign flow. Connect declares no error
/// branch for it, so only a non-voice contact fails.
fn complete_outbound_call(ctx: &mut ActionContext<'_>) -> HandlerResult {
    if let Some(gated) = gate_channel(ctx, &["VOICE"], NO_MATCHING_ERROR) {
        return gated;
    }
    let caller_id = ctx
        .resolve_param("CallerId")?
        .and_then(|caller| caller.get("Number").map(crate::resolve::render));
    let customer = state_text(ctx, &["CustomerEndpoint", "Address"]).unwrap_or_default();
    let from = caller_id.map_or_else(String::new, |number| format!(" from {number}"));
    ctx.note(&format!("calling the customer {customer}{from}"));
    Ok(Outcome::Next)
}

/// Sets the number a later `CreateCallbackContact` calls. A number that is not E.164 after a
/// leading `+` is added takes `InvalidCallbackNumber`, and so does any non-voice contact, as "Set
/// callback number" in the Amazon Connect Administrator Guide describes.
fn update_contact_callback_number(ctx: &mut ActionContext<'_>) -> HandlerResult {
    if let Some(gated) = gate_channel(ctx, &["VOICE"], "InvalidCallbackNumber") {
        return gated;
    }
    let raw = ctx.resolve_string("CallbackNumber")?.unwrap_or_default();
    // The guide's configuration tips say Connect adds the `+` itself, so `15550100101` is valid.
    let number = if raw.starts_with('+') {
        raw.clone()
    } else {
        format!("+{raw}")
    };
    if !is_e164(&number) {
        let reason = format!("the callback number {raw:?} is not a valid E.164 phone number");
        return fail_with(ctx, "InvalidCallbackNumber", &reason);
    }
    let outcome = ask_outcome(ctx, "callback number dialable", SUCCESS)?;
    if outcome == Outcome::Next {
        ctx.note(&format!("callback number set to {number}"));
        ctx.state.extensions.insert(CallbackNumber(number));
    }
    Ok(outcome)
}

/// Queues a callback to the callback number, which defaults to the customer's phone number.
fn create_callback_contact(ctx: &mut ActionContext<'_>) -> HandlerResult {
    if let Some(gated) = gate_channel(ctx, &["VOICE", "CHAT"], NO_MATCHING_ERROR) {
        return gated;
    }
    let number = match ctx.state.extensions.get::<CallbackNumber>() {
        Some(CallbackNumber(number)) => Some(number.clone()),
        None => state_text(ctx, &["CustomerEndpoint", "Address"]),
    };
    let Some(number) = number else {
        let reason = "there is no callback number: set one with UpdateContactCallbackNumber";
        return fail_with(ctx, NO_MATCHING_ERROR, reason);
    };
    let delay = ctx.resolve_string("InitialCallDelaySeconds")?;
    let queue = ctx
        .resolve_string("QueueId")?
        .or(state_text(ctx, &["Queue", "ARN"]));
    let mut note = format!("queueing a callback to {number}");
    if let Some(queue) = queue {
        note.push_str(&format!(" in queue {queue}"));
    }
    if let Some(delay) = delay {
        note.push_str(&format!(" after {delay} s"));
    }
    ctx.note(&note);
    ask_outcome(ctx, "callback creation", SUCCESS)
}

/// Branches on the Voice ID result that `CheckVoiceIdOption` selects (`enrollmentStatus`,
/// `voiceAuthentication` or `fraudDetection`). "Check Voice ID" in the Amazon Connect
/// Administrator Guide lists chat, task and email contacts as taking the error branch.
fn check_voice_id(ctx: &mut ActionContext<'_>) -> HandlerResult {
    if let Some(gated) = gate_channel(ctx, &["VOICE"], NO_MATCHING_ERROR) {
        return gated;
    }
    let option = ctx.resolve_string("CheckVoiceIdOption")?.unwrap_or_default();
    let default = match option.as_str() {
        "enrollmentStatus" => "Enrolled",
        "voiceAuthentication" => "Authenticated",
        "fraudDetection" => "LowRisk",
        _ => return Err(invalid_voice_id_option(ctx, &option)),
    };
    if ctx.state.extensions.get::<VoiceIdStreaming>().is_none() {
        ctx.note("no StartVoiceIdStream (Set Voice ID) block ran before this check, which Voice ID needs");
    }
    ask_outcome(ctx, "Voice ID result", default)
}

fn invalid_voice_id_option(ctx: &ActionContext<'_>, option: &str) -> HandlerError {
    ctx.invalid_param(
        "CheckVoiceIdOption",
        option,
        "expected enrollmentStatus, voiceAuthentication or fraudDetection",
    )
}

/// Starts streaming the caller's audio to Voice ID.
fn start_voice_id_stream(ctx: &mut ActionContext<'_>) -> HandlerResult {
    if let Some(gated) = gate_channel(ctx, &["VOICE"], NO_MATCHING_ERROR) {
        return gated;
    }
    let outcome = ask_outcome(ctx, "Voice ID streaming", SUCCESS)?;
    if outcome == Outcome::Next {
        ctx.state.extensions.insert(VoiceIdStreaming);
    }
    Ok(outcome)
}

/// Returns true for a number in E.164 form that libphonenumber (the `phonenumber` crate) accepts
/// as a valid number.
fn is_e164(number: &str) -> bool {
    number.starts_with('+')
        && phonenumber::parse(None, number).is_ok_and(|parsed| phonenumber::is_valid(&parsed))
}

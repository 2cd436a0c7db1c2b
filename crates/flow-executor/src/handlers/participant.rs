//! Participant actions: prompts, DTMF input and disconnect.

use super::{NO_MATCHING_ERROR, fail_with, state_text};
use crate::env::CallerInput;
use crate::handler::{ActionContext, HandlerError, HandlerResult, Registry};
use crate::outcome::{EndReason, Outcome};
use serde_json::{Value, json};

pub fn register(registry: &mut Registry) {
    registry.register("MessageParticipant", message_participant);
    registry.register("GetParticipantInput", get_participant_input);
    registry.register("DisconnectParticipant", disconnect_participant);
}

fn message_participant(ctx: &mut ActionContext<'_>) -> HandlerResult {
    play_prompt(ctx)?;
    Ok(Outcome::Next)
}

fn disconnect_participant(_ctx: &mut ActionContext<'_>) -> HandlerResult {
    Ok(Outcome::End(EndReason::Disconnected))
}

/// Notes the prompt the caller hears, as `prompt: <text>`, from `Text`, `SSML`, `PromptId` or
/// `Media`, with references substituted.
pub(crate) fn play_prompt(ctx: &mut ActionContext<'_>) -> Result<(), HandlerError> {
    let prompt = if let Some(text) = ctx.resolve_string("Text")? {
        text
    } else if let Some(ssml) = ctx.resolve_string("SSML")? {
        ssml
    } else if let Some(id) = ctx.resolve_string("PromptId")? {
        format!("audio prompt {id}")
    } else if let Some(media) = ctx.resolve_param("Media")? {
        let uri = media.get("Uri").map(crate::resolve::render);
        format!("media {}", uri.unwrap_or_default())
    } else {
        return Ok(());
    };
    ctx.note(&format!("prompt: {prompt}"));
    Ok(())
}

/// Runs "Get customer input" (menu mode), "Store customer input" (`StoreInput` is `True`), or a
/// Lex turn when the block names a bot in `LexV2Bot` or `LexBot`.
///
/// DTMF input is collected on voice contacts only, so a chat, task or email contact takes the
/// error branch unless the block uses a Lex bot
/// (<https://docs.aws.amazon.com/connect/latest/adminguide/get-customer-input.html>).
fn get_participant_input(ctx: &mut ActionContext<'_>) -> HandlerResult {
    if ctx.param("LexV2Bot").is_some() || ctx.param("LexBot").is_some() {
        return super::lex::run_lex_turn(ctx);
    }
    let channel = state_text(ctx, &["Channel"]).unwrap_or_default();
    if matches!(channel.as_str(), "CHAT" | "TASK" | "EMAIL") {
        let reason = format!("DTMF input needs a voice contact, and the channel is {channel}");
        return fail_with(ctx, NO_MATCHING_ERROR, &reason);
    }
    play_prompt(ctx)?;
    if ctx.param_bool("StoreInput")?.unwrap_or(false) {
        store_input(ctx)
    } else {
        menu_input(ctx)
    }
}

/// Menu mode: the first key is the result, and any further keys stay buffered for the next input
/// block, as Connect keeps keys typed ahead of a prompt.
fn menu_input(ctx: &mut ActionContext<'_>) -> HandlerResult {
    let Some(keys) = next_keys(ctx)? else {
        return Ok(Outcome::Error("InputTimeLimitExceeded".to_string()));
    };
    let mut chars = keys.chars();
    let first = chars.next().map(String::from).unwrap_or_default();
    ctx.state.key_buffer = chars.as_str().to_string();
    Ok(Outcome::Result(first))
}

/// Returns the keys typed ahead, else requests input from the environment. Returns `None` when the caller pressed
/// nothing before the time limit.
fn next_keys(ctx: &mut ActionContext<'_>) -> Result<Option<String>, HandlerError> {
    if !ctx.state.key_buffer.is_empty() {
        let keys = std::mem::take(&mut ctx.state.key_buffer);
        ctx.note(&format!("keys typed ahead: {keys}"));
        return Ok(Some(keys));
    }
    let answer = ctx.env.caller_input(&ctx.action.identifier)?;
    let (reported, keys) = match answer.value {
        CallerInput::Keys(keys) if !keys.is_empty() => (json!(keys), Some(keys)),
        _ => (json!("timeout"), None),
    };
    ctx.report_answer("caller input", &reported, answer.assumed);
    Ok(keys)
}

/// Store mode: collects keys into `$.StoredCustomerInput`. A timeout takes the success branch and
/// stores `Timeout` (<https://docs.aws.amazon.com/connect/latest/adminguide/store-customer-input.html>).
///
/// NOTE: keys typed ahead are taken as the whole input when they hold no terminator, so flowsim
/// does not wait for more keys after them.
fn store_input(ctx: &mut ActionContext<'_>) -> HandlerResult {
    let Some(keys) = next_keys(ctx)? else {
        ctx.write(&["StoredCustomerInput"], json!("Timeout"));
        return Ok(Outcome::Next);
    };
    let rules = StoreRules::read(ctx)?;
    let (value, rest) = rules.collect(&keys);
    ctx.state.key_buffer = rest.to_string();
    let action = ctx.action;
    let input_validation = action.parameters.get("InputValidation");
    let phone_check = input_validation
        .and_then(|v| v.get("PhoneNumberValidation"))
        .map(|validation| validate_phone_number(&value, validation));
    if let Some(Err(reason)) = phone_check {
        return fail_with(ctx, "InvalidPhoneNumber", &reason);
    }
    ctx.write(&["StoredCustomerInput"], json!(value));
    Ok(Outcome::Next)
}

/// The rules that end and edit input in store mode.
struct StoreRules {
    terminator: String,
    max_length: Option<usize>,
    cancel_key: bool,
}

impl StoreRules {
    fn read(ctx: &mut ActionContext<'_>) -> Result<Self, HandlerError> {
        let dtmf = ctx.param("DTMFConfiguration").cloned().unwrap_or(Value::Null);
        let terminator = match dtmf.get("InputTerminationSequence") {
            Some(sequence) => crate::resolve::render(&ctx.resolve(sequence)?),
            None => "#".to_string(),
        };
        let disable_cancel = dtmf
            .get("DisableCancelKey")
            .map(crate::resolve::render)
            .is_some_and(|v| v.eq_ignore_ascii_case("true"));
        let action = ctx.action;
        let max_length = match action
            .parameters
            .get("InputValidation")
            .and_then(|v| v.get("CustomValidation")?.get("MaximumLength"))
        {
            Some(raw) => Some(parse_length(ctx, raw)?),
            None => None,
        };
        // A terminator such as `**` makes `*` part of the input's end, so it cannot also cancel.
        let cancel_key = !disable_cancel && !terminator.contains('*');
        Ok(StoreRules {
            terminator,
            max_length,
            cancel_key,
        })
    }

    /// Splits `keys` into the stored value and the keys left over. Input ends at the terminator
    /// (not stored), at the maximum length, or at the last key. `*` clears what was typed unless
    /// `DisableCancelKey` is `True` or the terminator contains `*`.
    fn collect<'k>(&self, keys: &'k str) -> (String, &'k str) {
        let mut value = String::new();
        for (i, key) in keys.char_indices() {
            let rest = &keys[i + key.len_utf8()..];
            if key == '*' && self.cancel_key {
                value.clear();
                continue;
            }
            value.push(key);
            if !self.terminator.is_empty() && value.ends_with(&self.terminator) {
                value.truncate(value.len() - self.terminator.len());
                return (value, rest);
            }
            if self.max_length.is_some_and(|max| value.chars().count() >= max) {
                return (value, rest);
            }
        }
        (value, "")
    }
}

fn parse_length(ctx: &mut ActionContext<'_>, raw: &Value) -> Result<usize, HandlerError> {
    let text = crate::resolve::render(&ctx.resolve(raw)?);
    text.trim().parse().map_err(|_| {
        ctx.invalid_param(
            "InputValidation",
            &text,
            "CustomValidation.MaximumLength must be a whole number",
        )
    })
}

/// Checks `value` against `PhoneNumberValidation`: `E164` expects the country code first (a
/// caller cannot type `+`), `Local` a national number of `CountryCode`.
///
/// NOTE: Connect does not document its exact acceptance rules, so libphonenumber's validity
/// check (the `phonenumber` crate) replaces them. The value is stored as typed.
fn validate_phone_number(value: &str, validation: &Value) -> Result<(), String> {
    let format = validation
        .get("NumberFormat")
        .and_then(Value::as_str)
        .unwrap_or("E164");
    let parsed = if format == "Local" {
        let country = validation
            .get("CountryCode")
            .and_then(Value::as_str)
            .unwrap_or("");
        let id = country
            .parse()
            .map_err(|_| format!("invalid CountryCode {country:?}; use a two-letter code such as US"))?;
        phonenumber::parse(Some(id), value)
    } else {
        let international = if value.starts_with('+') {
            value.to_string()
        } else {
            format!("+{value}")
        };
        phonenumber::parse(None, international)
    };
    match parsed {
        Ok(number) if phonenumber::is_valid(&number) => Ok(()),
        _ => Err(format!("{value:?} is not a valid {format} phone number")),
    }
}

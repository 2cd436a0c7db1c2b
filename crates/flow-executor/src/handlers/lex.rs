//! Amazon Lex: `ConnectParticipantWithLexBot`, and `GetParticipantInput` when it names a bot.

use super::block_results::gate_channel;
use super::participant::play_prompt;
use super::{NO_MATCHING_ERROR, fail_with};
use crate::env::{LexAlternateIntent, LexIntent, LexRequest, LexResult, LexSentiment};
use crate::handler::{ActionContext, HandlerError, HandlerResult, Registry};
use crate::outcome::Outcome;
use crate::resolve::render;
use serde_json::{Map, Value, json};

pub fn register(registry: &mut Registry) {
    registry.register("ConnectParticipantWithLexBot", run_lex_turn);
}

/// Plays the prompt, sends one turn to the bot and writes what it recognised to `$.Lex`. The
/// result is the intent name. A timeout takes `InputTimeLimitExceeded` and a bot failure
/// `NoMatchingError`.
///
/// Lex works on voice and chat only: "Supported channels for flow blocks" in the Amazon Connect
/// Administrator Guide lists task and email contacts as unsupported for "Get customer input", so
/// they take the error branch.
pub(super) fn run_lex_turn(ctx: &mut ActionContext<'_>) -> HandlerResult {
    if let Some(gated) = gate_channel(ctx, &["VOICE", "CHAT"], NO_MATCHING_ERROR) {
        return gated;
    }
    play_prompt(ctx)?;
    let request = match build_request(ctx)? {
        Ok(request) => request,
        Err(reason) => return fail_with(ctx, NO_MATCHING_ERROR, &reason),
    };
    let answer = ctx.env.lex_turn(&ctx.action.identifier, &request)?;
    let reported = serde_json::to_value(&answer.value).expect("a LexResult serializes to JSON");
    ctx.report_answer(&format!("lex bot {}", request.bot), &reported, answer.assumed);
    match answer.value {
        LexResult::Timeout => Ok(Outcome::Error("InputTimeLimitExceeded".to_string())),
        LexResult::Error { message } => {
            fail_with(ctx, NO_MATCHING_ERROR, &format!("the Lex bot failed: {message}"))
        }
        LexResult::Intent(intent) => {
            ctx.write(&["Lex"], lex_attributes(&request, &intent));
            Ok(Outcome::Result(intent.intent))
        }
    }
}

/// Builds the turn's request, or returns why the block takes its error branch (no bot named).
fn build_request(ctx: &mut ActionContext<'_>) -> Result<Result<LexRequest, String>, HandlerError> {
    let Some(bot) = bot_name(ctx)? else {
        return Ok(Err(
            "the block names no bot: set LexV2Bot.AliasArn, or LexBot.Name for a Lex classic bot".to_string(),
        ));
    };
    let session_attributes = match ctx.resolve_param("LexSessionAttributes")? {
        None => Map::new(),
        Some(Value::Object(attributes)) => attributes,
        Some(other) => {
            let text = render(&other);
            return Err(ctx.invalid_param("LexSessionAttributes", &text, "expected an object of attributes"));
        }
    };
    Ok(Ok(LexRequest {
        bot,
        session_attributes,
        initial_message: initial_message(ctx)?,
        timeout_seconds: chat_timeout(ctx)?,
    }))
}

/// Reads the chat inactivity timeout from `LexTimeoutSeconds.Text`, such as `{"Text": "60"}`. A
/// value that is not a whole number of seconds is left out with a trace note, because some
/// exports hold console metadata there (`{"Text": {"unit": 60}}`).
fn chat_timeout(ctx: &mut ActionContext<'_>) -> Result<Option<u32>, HandlerError> {
    let Some(text) = ctx
        .resolve_param("LexTimeoutSeconds")?
        .and_then(|t| t.get("Text").cloned())
    else {
        return Ok(None);
    };
    let seconds = render(&text).trim().parse().ok();
    if seconds.is_none() {
        ctx.note(&format!(
            "LexTimeoutSeconds.Text {text} is not a whole number of seconds; it is ignored"
        ));
    }
    Ok(seconds)
}

/// Returns the resolved `LexV2Bot.AliasArn`, else `LexBot.Name`, or `None` when both are absent
/// or empty.
fn bot_name(ctx: &mut ActionContext<'_>) -> Result<Option<String>, HandlerError> {
    for (parameter, key) in [("LexV2Bot", "AliasArn"), ("LexBot", "Name")] {
        let name = ctx
            .resolve_param(parameter)?
            .and_then(|bot| bot.get(key).map(render))
            .filter(|name| !name.is_empty());
        if name.is_some() {
            return Ok(name);
        }
    }
    Ok(None)
}

/// Reads `LexInitializationData.InitialMessage`. The "Action syntax" of the API reference spells
/// the parameter `LexInitilizationData`, so both spellings are read.
fn initial_message(ctx: &mut ActionContext<'_>) -> Result<Option<String>, HandlerError> {
    for parameter in ["LexInitializationData", "LexInitilizationData"] {
        if let Some(data) = ctx.resolve_param(parameter)? {
            return Ok(data.get("InitialMessage").map(render));
        }
    }
    Ok(None)
}

/// Builds the `$.Lex` namespace of one turn. Session attributes are the ones the block sent with
/// the bot's own merged over them, as Lex returns the session's attributes with each response.
fn lex_attributes(request: &LexRequest, intent: &LexIntent) -> Value {
    let mut lex = Map::new();
    lex.insert("IntentName".into(), json!(intent.intent));
    if let Some(score) = intent.confidence {
        lex.insert("IntentConfidence".into(), json!({ "Score": score }));
    }
    lex.insert("Slots".into(), Value::Object(intent.slots.clone()));
    let mut session = request.session_attributes.clone();
    session.extend(intent.session_attributes.clone());
    lex.insert("SessionAttributes".into(), Value::Object(session));
    if let Some(sentiment) = &intent.sentiment {
        lex.insert("SentimentResponse".into(), sentiment_response(sentiment));
    }
    if let Some(state) = &intent.dialog_state {
        lex.insert("DialogState".into(), json!(state));
    }
    if let Some(transcript) = &intent.transcript {
        lex.insert("InputTranscript".into(), json!(transcript));
    }
    if !intent.alternate_intents.is_empty() {
        lex.insert(
            "AlternateIntents".into(),
            alternate_intents(&intent.alternate_intents),
        );
    }
    Value::Object(lex)
}

fn sentiment_response(sentiment: &LexSentiment) -> Value {
    let scores: Map<String, Value> = [
        ("Positive", sentiment.positive),
        ("Negative", sentiment.negative),
        ("Mixed", sentiment.mixed),
        ("Neutral", sentiment.neutral),
    ]
    .into_iter()
    .filter_map(|(name, score)| Some((name.to_string(), json!(score?))))
    .collect();
    json!({ "Label": sentiment.label, "Scores": scores })
}

/// Keys each alternate intent by its name, as "Check contact attributes" in the Amazon Connect
/// Administrator Guide selects an alternate intent by name.
///
/// NOTE: the documentation does not show the path below the name, so flowsim mirrors the winning
/// intent's shape: `IntentName`, `IntentConfidence.Score` and `Slots`.
fn alternate_intents(intents: &[LexAlternateIntent]) -> Value {
    let by_name: Map<String, Value> = intents
        .iter()
        .map(|alternate| {
            let mut entry = json!({ "IntentName": alternate.intent, "Slots": alternate.slots });
            if let Some(score) = alternate.confidence {
                entry["IntentConfidence"] = json!({ "Score": score });
            }
            (alternate.intent.clone(), entry)
        })
        .collect();
    Value::Object(by_name)
}

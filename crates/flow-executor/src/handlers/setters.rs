//! Setters for logging, recording, analytics, voice and media streaming. Most have no effect a
//! flow can read, so they only note what they set.

use crate::handler::{ActionContext, HandlerResult, Registry};
use crate::outcome::Outcome;
use serde_json::json;

pub fn register(registry: &mut Registry) {
    registry.register("UpdateFlowLoggingBehavior", update_flow_logging_behavior);
    registry.register("UpdateContactRecordingBehavior", note_parameters);
    registry.register("UpdateContactRecordingAndAnalyticsBehavior", note_parameters);
    registry.register("UpdateContactTextToSpeechVoice", update_text_to_speech_voice);
    registry.register("UpdateContactMediaStreamingBehavior", update_media_streaming);
}

fn update_flow_logging_behavior(ctx: &mut ActionContext<'_>) -> HandlerResult {
    let behavior = ctx.resolve_string("FlowLoggingBehavior")?.unwrap_or_default();
    ctx.note(&format!("flow logging {behavior}"));
    Ok(Outcome::Next)
}

/// Notes the block's resolved parameters as JSON, for blocks whose settings no later block reads.
fn note_parameters(ctx: &mut ActionContext<'_>) -> HandlerResult {
    let raw = serde_json::to_value(&ctx.action.parameters).expect("parameters are JSON values");
    let resolved = ctx.resolve(&raw)?;
    ctx.note(&format!("{} {resolved}", ctx.action.action_type));
    Ok(Outcome::Next)
}

/// Sets the text-to-speech voice in `$.TextToSpeechVoiceId`, and notes the engine and style.
fn update_text_to_speech_voice(ctx: &mut ActionContext<'_>) -> HandlerResult {
    if let Some(voice) = ctx.resolve_string("TextToSpeechVoice")? {
        ctx.write(&["TextToSpeechVoiceId"], json!(voice));
    }
    for name in ["TextToSpeechEngine", "TextToSpeechStyle"] {
        if let Some(value) = ctx.resolve_string(name)? {
            ctx.note(&format!("{name} {value}"));
        }
    }
    Ok(Outcome::Next)
}

/// Notes the streaming state. Media streaming works on voice contacts only, so another channel
/// takes `NoMatchingError`
/// (<https://docs.aws.amazon.com/connect/latest/APIReference/contact-actions-updatecontactmediastreamingbehavior.html>).
fn update_media_streaming(ctx: &mut ActionContext<'_>) -> HandlerResult {
    if let Some(gated) = super::block_results::gate_channel(ctx, &["VOICE"], super::NO_MATCHING_ERROR) {
        return gated;
    }
    let state = ctx.resolve_string("MediaStreamingState")?.unwrap_or_default();
    ctx.note(&format!("media streaming {state}"));
    Ok(Outcome::Next)
}

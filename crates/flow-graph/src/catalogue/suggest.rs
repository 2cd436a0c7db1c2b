//! Did-you-mean for unknown action types: legacy and hand-written names first, then edit distance.

use super::data::ACTIONS;

/// Names that hand-written flows and the legacy designer use for an action, with the flow-language
/// `Type` that does the same job.
const KNOWN_MISNAMES: &[(&str, &str)] = &[
    ("PlayPrompt", "MessageParticipant"),
    ("PlayAudio", "MessageParticipant"),
    ("SendMessage", "MessageParticipant"),
    ("CheckAttribute", "Compare"),
    ("CheckContactAttribute", "Compare"),
    ("CheckContactAttributes", "Compare"),
    ("CheckCondition", "Compare"),
    ("GetCustomerInput", "GetParticipantInput"),
    ("GetUserInput", "GetParticipantInput"),
    ("GetDigits", "GetParticipantInput"),
    ("StoreUserInput", "GetParticipantInput"),
    ("StoreCustomerInput", "GetParticipantInput"),
    ("TransferToQueue", "TransferContactToQueue"),
    ("TransferParticipantToQueue", "TransferContactToQueue"),
    ("Transfer", "TransferContactToQueue"),
    ("SetQueue", "UpdateContactTargetQueue"),
    ("SetWorkingQueue", "UpdateContactTargetQueue"),
    ("SetContactAttributes", "UpdateContactAttributes"),
    ("SetAttributes", "UpdateContactAttributes"),
    ("InvokeAWSLambdaFunction", "InvokeLambdaFunction"),
    ("InvokeExternalResource", "InvokeLambdaFunction"),
    ("InvokeLambda", "InvokeLambdaFunction"),
    ("Disconnect", "DisconnectParticipant"),
    ("DisconnectContact", "DisconnectParticipant"),
    ("HangUp", "DisconnectParticipant"),
    ("SetVoice", "UpdateContactTextToSpeechVoice"),
    ("CheckStaffing", "CheckMetricData"),
    ("CheckQueueStatus", "CheckMetricData"),
    ("GetQueueMetrics", "GetMetricData"),
    ("SetCallbackNumber", "UpdateContactCallbackNumber"),
    ("SetCallBackNumber", "UpdateContactCallbackNumber"),
    ("CreateCallback", "CreateCallbackContact"),
    ("TransferContactToFlow", "TransferToFlow"),
    ("SetContactFlow", "TransferToFlow"),
    ("StartMediaStreaming", "UpdateContactMediaStreamingBehavior"),
    ("StopMediaStreaming", "UpdateContactMediaStreamingBehavior"),
    ("SetLoggingBehavior", "UpdateFlowLoggingBehavior"),
    ("SetRecordingBehavior", "UpdateContactRecordingBehavior"),
    ("SetEventHook", "UpdateContactEventHooks"),
    ("LoopPrompts", "MessageParticipantIteratively"),
    ("UpdateRoutingPriority", "UpdateContactRoutingBehavior"),
    ("PercentileBranching", "DistributeByPercentage"),
    ("Resume", "EndFlowExecution"),
    ("EndFlow", "EndFlowExecution"),
    ("Return", "EndFlowModuleExecution"),
    ("InvokeModule", "InvokeFlowModule"),
    ("SetHoursOfOperation", "CheckHoursOfOperation"),
];

/// The minimum normalized Damerau-Levenshtein similarity for a suggestion: 0.8 allows about one
/// edit in five characters. Jaro-Winkler was not used because its prefix bonus turned `Start`
/// into `StartVoiceIdStream`.
const MIN_SIMILARITY: f64 = 0.8;

/// Suggests the action `Type` that `unknown` probably means, or `None` when nothing is close.
///
/// Known misnames match regardless of case; other names go to the most similar catalogue name.
pub fn suggest(unknown: &str) -> Option<&'static str> {
    known_misname(unknown).or_else(|| closest_name(unknown))
}

fn known_misname(unknown: &str) -> Option<&'static str> {
    KNOWN_MISNAMES
        .iter()
        .find(|(wrong, _)| wrong.eq_ignore_ascii_case(unknown))
        .map(|(_, right)| *right)
}

fn closest_name(unknown: &str) -> Option<&'static str> {
    let lowered = unknown.to_ascii_lowercase();
    ACTIONS
        .iter()
        .map(|spec| {
            let score = strsim::normalized_damerau_levenshtein(&lowered, &spec.name.to_ascii_lowercase());
            (score, spec.name)
        })
        .filter(|(score, _)| *score >= MIN_SIMILARITY)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, name)| name)
}

//! The `Environment` trait: every answer that comes from outside the flow.
//!
//! A scenario file implements it for tests, a branch explorer forces each answer in turn, and a real
//! backend could answer where a user wants one. Each answer says whether the scenario gave it or a
//! documented default was assumed, so the trace can mark assumed answers.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// An answer from the outside world, and whether it was assumed rather than given.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Answer<T> {
    pub value: T,
    /// True when the scenario did not answer and a documented default was used.
    pub assumed: bool,
}

impl<T> Answer<T> {
    /// Creates an answer that the scenario gave.
    pub fn given(value: T) -> Self {
        Answer {
            value,
            assumed: false,
        }
    }

    /// Creates a documented default, used because the scenario gave no answer.
    pub fn assumed(value: T) -> Self {
        Answer { value, assumed: true }
    }
}

/// A question the scenario left open while running under `--strict`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OpenQuestion {
    /// What was asked, such as `caller input at a GetParticipantInput block`.
    pub question: String,
}

/// The result of an environment call: an answer, or an open question under `--strict`.
pub type EnvResult<T> = Result<Answer<T>, OpenQuestion>;

/// The caller's action at an input block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(
    tag = "kind",
    content = "keys",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum CallerInput {
    /// DTMF keys, in the order pressed (`"1"`, `"4155550100#"`).
    Keys(String),
    /// The caller pressed nothing before the time limit.
    Timeout,
}

/// A synchronous or asynchronous Lambda invocation, as the block builds it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LambdaRequest {
    /// The resolved `LambdaFunctionARN`.
    pub function: String,
    /// The resolved `LambdaInvocationAttributes`, sent as `Details.Parameters`.
    pub parameters: Value,
    pub timeout_seconds: u32,
}

/// The result of a Lambda invocation.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum LambdaResult {
    /// The function returned this JSON value.
    Response { value: Value },
    /// The function failed, timed out or was throttled.
    Error { message: String },
}

/// The hours of operation that `CheckHoursOfOperation` checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(
    tag = "kind",
    content = "value",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum HoursSource<'a> {
    /// The block's `HoursOfOperationId`: an ARN, id or name.
    Hours(&'a str),
    /// The hours of this queue (ARN, id or name), because the block names no hours and Connect then
    /// uses the working queue's.
    QueueHours(&'a str),
}

/// Whether hours of operation are open, and how that was decided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HoursStatus {
    pub open: bool,
    /// The local time, time zone, ranges and overrides that decided, when the answer came from a
    /// schedule.
    pub detail: Option<String>,
}

/// A queue's state as `TransferContactToQueue` and the metric blocks see it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QueueStatus {
    pub at_capacity: bool,
    pub agents_online: u32,
    pub agents_available: u32,
    pub agents_staffed: u32,
    pub contacts_in_queue: u32,
    pub oldest_contact_age_seconds: u32,
    /// Agents in after-contact work.
    pub agents_after_contact_work: u32,
    /// Agents on a contact.
    pub agents_busy: u32,
    /// Agents who missed a contact and are in the Missed state.
    pub agents_missed: u32,
    /// Agents in a custom, non-productive status such as Break.
    pub agents_non_productive: u32,
    /// Connect's estimate of a new contact's wait in this queue, in seconds; `None` when the queue
    /// had no activity to estimate from.
    pub estimated_wait_time_seconds: Option<u32>,
    /// This contact's position in the queue, from 1, when the contact is in it.
    pub contact_position_in_queue: Option<u32>,
    /// Connect's estimate of this contact's remaining wait, in seconds, when it is in the queue.
    pub contact_estimated_wait_time_seconds: Option<u32>,
}

/// Everything outside the flow. Each method returns an answer, or an `OpenQuestion` when the scenario
/// is strict and gives none.
pub trait Environment {
    /// Returns what the caller does at an input block that found its key buffer empty.
    fn caller_input(&mut self, identifier: &str) -> EnvResult<CallerInput>;

    /// Invokes a Lambda function.
    fn invoke_lambda(&mut self, identifier: &str, request: &LambdaRequest) -> EnvResult<LambdaResult>;

    /// Returns whether the hours of operation are open now.
    fn hours_open(&mut self, identifier: &str, hours: HoursSource<'_>) -> EnvResult<bool>;

    /// Returns whether the hours of operation are open now, with how that was decided, for the
    /// trace. `CheckHoursOfOperation` calls this method.
    ///
    /// The default implementation calls [`Environment::hours_open`] and gives no detail.
    fn hours_status(&mut self, identifier: &str, hours: HoursSource<'_>) -> EnvResult<HoursStatus> {
        let answer = self.hours_open(identifier, hours)?;
        let status = HoursStatus {
            open: answer.value,
            detail: None,
        };
        Ok(Answer {
            value: status,
            assumed: answer.assumed,
        })
    }

    /// Returns the state of the queue named by `queue` (an ARN, id or name).
    fn queue_status(&mut self, identifier: &str, queue: &str) -> EnvResult<QueueStatus>;

    /// Returns a number from 1 to 100 for `DistributeByPercentage`.
    fn random_percent(&mut self, identifier: &str) -> EnvResult<u8>;

    /// Returns which of a block's documented results happened, for blocks whose result depends on
    /// something flowsim does not model in detail: a Voice ID check, an outbound call's status, a
    /// third-party transfer, a chat `Wait`. `question.options` lists the results the block can produce;
    /// the answer must be one of them.
    ///
    /// The default implementation returns `question.default`, marked as assumed.
    fn block_result(&mut self, identifier: &str, question: &BlockQuestion<'_>) -> EnvResult<String> {
        let _ = identifier;
        Ok(Answer::assumed(question.default.to_string()))
    }

    /// Returns what an Amazon Lex bot recognised in one turn of a `ConnectParticipantWithLexBot`
    /// block (or a `GetParticipantInput` block with a bot).
    ///
    /// The default implementation returns [`LexResult::Timeout`], marked as assumed: the caller says
    /// nothing.
    fn lex_turn(&mut self, identifier: &str, request: &LexRequest) -> EnvResult<LexResult> {
        let _ = (identifier, request);
        Ok(Answer::assumed(LexResult::Timeout))
    }

    /// Returns what the user did with the view that a `ShowView` block shows.
    ///
    /// The default implementation returns `TimeLimitExceeded`, marked as assumed: nobody responds.
    fn show_view(&mut self, identifier: &str, request: &ViewRequest) -> EnvResult<ViewResult> {
        let _ = (identifier, request);
        Ok(Answer::assumed(ViewResult::Error {
            error_type: "TimeLimitExceeded".to_string(),
        }))
    }

    /// Returns the error type a block fails with before it runs, or `None` when it runs normally.
    ///
    /// Every block with an `Errors` entry can fail for reasons outside the flow: the service it
    /// calls is throttled or down, or a limit is reached. A scenario's `faults` section, and the
    /// branch explorer, use this question to send the contact down such a branch. `action_type` is
    /// the block's `Type`, and `errors` lists
    /// the error types the block's `Errors` entries handle, without `NoMatchingCondition`, which
    /// only a result that meets no condition takes. The returned error type must be one of them.
    ///
    /// The default implementation returns `None`: no block fails this way.
    fn fault(
        &mut self,
        identifier: &str,
        action_type: &str,
        errors: &[&str],
    ) -> Result<Option<String>, OpenQuestion> {
        let _ = (identifier, action_type, errors);
        Ok(None)
    }
}

/// Returns the error types of `action`'s `Errors` entries that a fault can produce, in order and
/// without repeats. These are `NoMatchingError` and each error type the action catalogue lists for
/// the block's `Type`, or every declared one for a type the catalogue does not know. `NoMatchingCondition`
/// is never one, because only a result that meets no condition takes it.
pub fn fault_errors(action: &flow_graph::model::Action) -> Vec<&str> {
    let spec = flow_graph::catalogue::lookup(&action.action_type);
    let produced = |error_type: &str| {
        error_type == "NoMatchingError" || spec.is_none_or(|spec| spec.accepts_error(error_type))
    };
    let mut errors: Vec<&str> = Vec::new();
    for entry in &action.transitions.errors {
        let error_type = entry.error_type.as_str();
        if error_type != "NoMatchingCondition" && produced(error_type) && !errors.contains(&error_type) {
            errors.push(error_type);
        }
    }
    errors
}

/// A question about a block's result, with the results it can have.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BlockQuestion<'a> {
    /// The action `Type` asking, such as `CheckVoiceId`.
    pub action_type: &'a str,
    /// What is asked, in a few words: `voice authentication result`, `outbound call status`.
    pub topic: &'a str,
    /// Every result the block can produce, success results and `ErrorType`s alike.
    pub options: &'a [&'a str],
    /// The result assumed when nothing answers; one of `options`.
    pub default: &'a str,
}

/// One turn of a Lex conversation, as the block builds it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LexRequest {
    /// The bot: the `LexV2Bot.AliasArn`, or the `LexBot.Name` of a Lex classic bot.
    pub bot: String,
    /// The resolved `LexSessionAttributes`, sent to the bot with the turn.
    pub session_attributes: serde_json::Map<String, Value>,
    /// The resolved `LexInitializationData.InitialMessage`, when the block sets one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub initial_message: Option<String>,
    /// The resolved `LexTimeoutSeconds.Text`: how long a chat customer may stay silent before
    /// the block takes `InputTimeLimitExceeded`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeout_seconds: Option<u32>,
}

/// The result of one Lex turn.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum LexResult {
    /// The bot recognised an intent.
    Intent(Box<LexIntent>),
    /// The customer said or typed nothing before the time limit.
    Timeout,
    /// The bot failed, such as an alias that does not exist or a Lambda code hook that raised.
    Error { message: String },
}

/// An intent that a Lex bot recognised, with the values written to `$.Lex`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct LexIntent {
    /// The intent name, which is the block's result for its `Equals` conditions.
    pub intent: String,
    /// The intent confidence score, from 0 to 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f64>,
    /// Slot values by slot name.
    #[serde(skip_serializing_if = "serde_json::Map::is_empty")]
    pub slots: serde_json::Map<String, Value>,
    /// Session attributes the bot returned, merged over the ones the block sent.
    #[serde(skip_serializing_if = "serde_json::Map::is_empty")]
    pub session_attributes: serde_json::Map<String, Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sentiment: Option<LexSentiment>,
    /// The dialog state, such as `ReadyForFulfillment`, `Fulfilled` or `ElicitSlot`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dialog_state: Option<String>,
    /// What the bot understood the customer to say, written to `$.Lex.InputTranscript`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transcript: Option<String>,
    /// The intents the bot ranked below the winning one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub alternate_intents: Vec<LexAlternateIntent>,
}

/// The sentiment that Amazon Comprehend found in the utterance.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct LexSentiment {
    /// `POSITIVE`, `NEGATIVE`, `MIXED` or `NEUTRAL`.
    pub label: String,
    pub positive: Option<f64>,
    pub negative: Option<f64>,
    pub mixed: Option<f64>,
    pub neutral: Option<f64>,
}

/// An intent that the bot ranked below the winning one.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct LexAlternateIntent {
    pub intent: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f64>,
    #[serde(skip_serializing_if = "serde_json::Map::is_empty")]
    pub slots: serde_json::Map<String, Value>,
}

/// A view that a `ShowView` block shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ViewRequest {
    /// The resolved `ViewResource.Id`: a view ARN or id.
    pub view: String,
    /// The resolved `ViewResource.Version`, when the block sets one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// The resolved `ViewData`.
    pub data: Value,
}

/// The user's response to a view.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum ViewResult {
    /// The user chose `action`, and the view returned `data`.
    Action { action: String, data: Value },
    /// The view failed with this `ErrorType`: `TimeLimitExceeded` or `NoMatchingError`.
    Error { error_type: String },
}

//! The `Environment` trait: every answer that comes from outside the flow.
//!
//! A scenario file implements it for tests, a branch explorer forces each answer in turn, and a real
//! backend could answer where a user wants one. Each answer says whether the scenario gave it or a
//! documented default was assumed, so the trace can mark assumed answers.

use serde::Serialize;
use serde_json::Value;

/// An answer from the outside world, and whether it was assumed rather than given.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Answer<T> {
    pub value: T,
    /// True when the scenario did not answer and a documented default was used.
    pub assumed: bool,
}

impl<T> Answer<T> {
    /// An answer the scenario gave.
    pub fn given(value: T) -> Self {
        Answer {
            value,
            assumed: false,
        }
    }

    /// A documented default used because the scenario gave no answer.
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

/// What the caller did at an input block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "keys", rename_all = "snake_case")]
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

/// What a Lambda function returned.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LambdaResult {
    /// The function returned this JSON value.
    Response { value: Value },
    /// The function failed, timed out or was throttled.
    Error { message: String },
}

/// Which hours of operation `CheckHoursOfOperation` checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum HoursSource<'a> {
    /// The block's `HoursOfOperationId`: an ARN, id or name.
    Hours(&'a str),
    /// The hours of this queue (ARN, id or name), because the block names no hours and Connect then
    /// uses the working queue's.
    QueueHours(&'a str),
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

//! The result of one block, and the end of a whole run.

use serde::Serialize;
use serde_json::Value;

/// The result of running one block, before the transition rule picks the next block.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(
    tag = "kind",
    content = "value",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Outcome {
    /// Success with no result to test: the run continues at `NextAction`.
    Next,
    /// Success with a result that the block's `Conditions` are tested against (a menu key, the
    /// compared value, `"True"` or `"False"` from an hours check, a Lex intent, ...). With no
    /// conditions declared, the run continues at `NextAction`.
    Result(String),
    /// The block failed with this `ErrorType`, such as `NoMatchingError` or `QueueAtCapacity`.
    Error(String),
    /// The block ended the flow.
    End(EndReason),
    /// `InvokeFlowModule` asks to run the module named by `module` (an id or ARN) with `input` at
    /// `$.Modules.Input`. The executor runs it and resumes at the invoking block.
    InvokeModule { module: String, input: Option<Value> },
}

/// The reason a flow ended at a terminal block.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum EndReason {
    /// `DisconnectParticipant`, or `EndFlowExecution` in a flow type where it acts as a disconnect.
    Disconnected,
    /// `EndFlowExecution` in a whisper, hold or customer-queue flow: the flow ends, the contact goes on.
    FlowEnded,
    /// `TransferContactToQueue` placed the contact in this queue.
    TransferredToQueue { queue: String },
    /// `TransferToFlow` handed the contact to another flow.
    TransferredToFlow { flow: String },
    /// `TransferContactToAgent`.
    TransferredToAgent,
    /// `TransferParticipantToThirdParty` with `ContinueFlowExecution` set to `False`.
    TransferredToPhoneNumber { number: String },
    /// `EndFlowModuleExecution` returned from a module.
    ModuleReturned {
        #[serde(skip_serializing_if = "Option::is_none")]
        result: Option<String>,
    },
}

/// The end of a whole run.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum RunOutcome {
    /// A terminal block ended the flow normally.
    Ended { identifier: String, reason: EndReason },
    /// The step budget ran out at this block; the flow probably loops with no exit.
    StepBudgetExhausted { identifier: String, budget: usize },
    /// A block failed, no `Errors` entry matched, and it has no `NextAction` to fall back on.
    UnhandledError { identifier: String, error_type: String },
    /// A non-terminal block has no successor for the branch it took.
    NoTransition { identifier: String, branch: String },
    /// flowsim has no handler for this action type yet.
    NotSupported { identifier: String, action_type: String },
    /// Under `--strict`, the scenario left a question open at this block.
    OpenQuestion { identifier: String, question: String },
    /// The simulation itself failed at this block (an unreadable parameter, say).
    Failed { identifier: String, message: String },
    /// An observer stopped the run before step `step` entered this block, at a breakpoint or
    /// because its output was closed.
    Stopped { identifier: String, step: usize },
}

impl RunOutcome {
    /// Returns true when the run reached a terminal block.
    pub fn is_normal_end(&self) -> bool {
        matches!(self, RunOutcome::Ended { .. })
    }

    /// The `Identifier` of the last block the run executed, or for a stopped run the block it
    /// stopped before.
    pub fn identifier(&self) -> &str {
        match self {
            RunOutcome::Ended { identifier, .. }
            | RunOutcome::StepBudgetExhausted { identifier, .. }
            | RunOutcome::UnhandledError { identifier, .. }
            | RunOutcome::NoTransition { identifier, .. }
            | RunOutcome::NotSupported { identifier, .. }
            | RunOutcome::OpenQuestion { identifier, .. }
            | RunOutcome::Failed { identifier, .. }
            | RunOutcome::Stopped { identifier, .. } => identifier,
        }
    }
}

//! The `Observer` trait and the events the executor sends to it.
//!
//! Handlers never print. The human trace, `--json` output, snapshots and coverage are observers.

use crate::outcome::RunOutcome;
use crate::state::ContactState;
use serde::Serialize;
use serde_json::Value;

/// The rule by which the executor chose the next block.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum Branch {
    /// `NextAction` after a success with no conditions.
    Next,
    /// The condition at `index` (from 0) was the first to hold for `result`.
    Condition {
        index: usize,
        operator: String,
        operand: String,
        result: String,
    },
    /// No condition held for `result`, so the `NoMatchingCondition` entry or `NextAction` was taken.
    NoMatchingCondition { result: String },
    /// The block failed with `error_type`; `matched` is the `ErrorType` of the entry taken, which is
    /// `NoMatchingError` when no entry names the error itself.
    Error { error_type: String, matched: String },
    /// The block failed with `error_type`, no `Errors` entry matched, and the run went on at
    /// `NextAction`, as Connect does.
    UnhandledErrorFallback { error_type: String },
    /// The block ended the flow.
    End,
    /// `TransferToFlow` handed the contact to the flow with this id.
    FlowTransfer { flow: String },
    /// `InvokeFlowModule` entered the module with this id.
    ModuleCall { module: String },
    /// `EndFlowModuleExecution` returned to the invoking block with this result, if any.
    ModuleReturn { result: Option<String> },
}

/// Something the executor did. Borrowed data keeps the events cheap to send.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(
    tag = "type",
    content = "data",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Event<'a> {
    /// The run starts at the flow's `StartAction`.
    FlowStarted { flow: &'a str, start: &'a str },
    /// Step `step` (from 1) enters a block.
    BlockEntered {
        step: usize,
        identifier: &'a str,
        action_type: &'a str,
        name: Option<&'a str>,
    },
    /// A block wrote `value` at `path` (a Connect path such as `$.Attributes.tier`).
    AttributeWritten {
        step: usize,
        path: &'a str,
        value: &'a Value,
    },
    /// A block asked the outside world a question and got this answer.
    ExternalAnswer {
        step: usize,
        question: &'a str,
        answer: &'a Value,
        assumed: bool,
    },
    /// A block produced a note worth showing in the trace (an unresolved reference, a clamped value).
    Note { step: usize, message: &'a str },
    /// The block's branch and the block it leads to (`None` when the flow ends).
    BranchTaken {
        step: usize,
        identifier: &'a str,
        branch: &'a Branch,
        target: Option<&'a str>,
    },
    /// The run is over.
    RunEnded { outcome: &'a RunOutcome, steps: usize },
}

/// The block a run is about to enter, with the contact state as the previous step left it.
#[derive(Debug, Clone, Copy)]
pub struct NextStep<'a> {
    /// The step number the block will run as, from 1.
    pub step: usize,
    pub identifier: &'a str,
    /// The block's name from its flow's `Metadata`, when it has one.
    pub name: Option<&'a str>,
    pub state: &'a ContactState,
}

/// Whether a run goes on to its next step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Control {
    Continue,
    /// End the run before the next block with [`RunOutcome::Stopped`].
    Stop,
}

/// Receives every event of a run. Every method defaults to doing nothing.
pub trait Observer {
    fn on_event(&mut self, event: &Event<'_>) {
        let _ = event;
    }

    /// Decides whether the run enters `next`. The executor calls it before every step, so an
    /// observer can stop at a breakpoint or once its output is closed.
    ///
    /// The default implementation returns [`Control::Continue`].
    fn before_step(&mut self, next: &NextStep<'_>) -> Control {
        let _ = next;
        Control::Continue
    }
}

/// An observer that ignores everything.
#[derive(Debug, Default, Clone, Copy)]
pub struct NullObserver;

impl Observer for NullObserver {}

/// Sends each event to every observer in order.
impl<A: Observer, B: Observer> Observer for (A, B) {
    fn on_event(&mut self, event: &Event<'_>) {
        self.0.on_event(event);
        self.1.on_event(event);
    }

    /// Asks both observers, so each sees every step, and stops when either asks to.
    fn before_step(&mut self, next: &NextStep<'_>) -> Control {
        let first = self.0.before_step(next);
        let second = self.1.before_step(next);
        if first == Control::Stop || second == Control::Stop {
            Control::Stop
        } else {
            Control::Continue
        }
    }
}

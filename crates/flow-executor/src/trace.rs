//! `TraceRecorder`: an observer that gathers the events of each step into one `StepRecord`.
//!
//! The human trace, `--json` output and snapshots all render these records, so they agree on what a
//! step did.

use crate::observer::{Branch, Control, Event, NextStep, Observer};
use crate::outcome::RunOutcome;
use serde::Serialize;
use serde_json::Value;

/// Everything one step did, in the order it happened.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepRecord {
    /// The step number, from 1.
    pub step: usize,
    pub identifier: String,
    /// The block's name from the flow's `Metadata`, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(rename = "type")]
    pub action_type: String,
    /// Answers from the outside world, each marked when it was assumed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub answers: Vec<AnswerRecord>,
    /// Attributes written, in order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub writes: Vec<WriteRecord>,
    /// Notes the block left: prompts, unresolved references, clamped values.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// The branch taken; `None` until the step ends.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub branch: Option<Branch>,
    /// The block the branch leads to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
}

/// One answer from the outside world.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnswerRecord {
    pub question: String,
    pub answer: Value,
    pub assumed: bool,
}

/// One attribute write.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WriteRecord {
    pub path: String,
    pub value: Value,
}

/// Receives each finished step and the end of the run.
pub trait StepSink {
    fn step(&mut self, record: &StepRecord);
    fn end(&mut self, outcome: &RunOutcome, steps: usize);

    /// Returns true once the sink's output is closed, such as a pipe whose reader has gone, so
    /// the run stops early. The default implementation returns false.
    fn is_closed(&self) -> bool {
        false
    }
}

/// Collects every step in memory.
#[derive(Debug, Default, Clone)]
pub struct StepLog {
    pub steps: Vec<StepRecord>,
    pub outcome: Option<RunOutcome>,
}

impl StepSink for StepLog {
    fn step(&mut self, record: &StepRecord) {
        self.steps.push(record.clone());
    }

    fn end(&mut self, outcome: &RunOutcome, _steps: usize) {
        self.outcome = Some(outcome.clone());
    }
}

/// An observer that turns events into `StepRecord`s and hands each finished one to a sink.
#[derive(Debug, Default)]
pub struct TraceRecorder<S> {
    current: Option<StepRecord>,
    pub sink: S,
}

impl<S: StepSink> TraceRecorder<S> {
    pub fn new(sink: S) -> Self {
        TraceRecorder { current: None, sink }
    }

    fn finish_step(&mut self) {
        if let Some(record) = self.current.take() {
            self.sink.step(&record);
        }
    }

    fn current(&mut self) -> Option<&mut StepRecord> {
        self.current.as_mut()
    }
}

impl<S: StepSink> Observer for TraceRecorder<S> {
    fn on_event(&mut self, event: &Event<'_>) {
        match event {
            Event::BlockEntered {
                step,
                identifier,
                action_type,
                name,
            } => {
                self.finish_step();
                self.current = Some(StepRecord {
                    step: *step,
                    identifier: identifier.to_string(),
                    name: name.map(str::to_string),
                    action_type: action_type.to_string(),
                    answers: Vec::new(),
                    writes: Vec::new(),
                    notes: Vec::new(),
                    branch: None,
                    next: None,
                });
            }
            Event::AttributeWritten { path, value, .. } => {
                if let Some(record) = self.current() {
                    record.writes.push(WriteRecord {
                        path: path.to_string(),
                        value: (*value).clone(),
                    });
                }
            }
            Event::ExternalAnswer {
                question,
                answer,
                assumed,
                ..
            } => {
                if let Some(record) = self.current() {
                    let answer = (*answer).clone();
                    record.answers.push(AnswerRecord {
                        question: question.to_string(),
                        answer,
                        assumed: *assumed,
                    });
                }
            }
            Event::Note { message, .. } => {
                if let Some(record) = self.current() {
                    record.notes.push(message.to_string());
                }
            }
            Event::BranchTaken { branch, target, .. } => {
                if let Some(record) = self.current() {
                    record.branch = Some((*branch).clone());
                    record.next = target.map(str::to_string);
                }
                self.finish_step();
            }
            Event::RunEnded { outcome, steps } => {
                self.finish_step();
                self.sink.end(outcome, *steps);
            }
            _ => {}
        }
    }

    /// Stops the run once the sink's output is closed.
    fn before_step(&mut self, _next: &NextStep<'_>) -> Control {
        if self.sink.is_closed() {
            Control::Stop
        } else {
            Control::Continue
        }
    }
}

//! The `ActionHandler` trait, the context a handler runs in, and the `Registry` keyed by action `Type`.

use crate::env::{Environment, OpenQuestion};
use crate::observer::{Event, Observer};
use crate::outcome::Outcome;
use crate::settings::RunSettings;
use crate::state::ContactState;
use flow_graph::model::{Action, Flow};
use indexmap::IndexMap;
use serde_json::Value;
use std::fmt;

/// The reason a handler could not produce an [`Outcome`]. A Connect error branch is not one of these: it is
/// `Outcome::Error`.
#[derive(Debug, Clone, PartialEq)]
pub enum HandlerError {
    /// The scenario left a question open under `--strict`.
    Open(OpenQuestion),
    /// The block cannot be simulated as written (a parameter of the wrong JSON type, say). Validation
    /// catches most of these before the run starts.
    Invalid(String),
    /// A reference named an attribute that is not set, and `RunSettings::missing_attribute` is
    /// `Error`: the block takes its `NoMatchingError` branch.
    MissingAttribute { path: String },
}

impl From<OpenQuestion> for HandlerError {
    fn from(question: OpenQuestion) -> Self {
        HandlerError::Open(question)
    }
}

impl fmt::Display for HandlerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HandlerError::Open(q) => write!(f, "open question: {}", q.question),
            HandlerError::Invalid(message) => f.write_str(message),
            HandlerError::MissingAttribute { path } => write!(f, "missing attribute {path}"),
        }
    }
}

/// The result of a handler.
pub type HandlerResult = Result<Outcome, HandlerError>;

/// Runs one action `Type`. Implementations read parameters through the context's resolver, write
/// through [`ActionContext::write`], ask the outside world through [`ActionContext::env`], and never
/// print.
pub trait ActionHandler: Send + Sync {
    fn execute(&self, ctx: &mut ActionContext<'_>) -> HandlerResult;
}

/// Any `Fn(&mut ActionContext) -> HandlerResult` is a handler.
impl<F> ActionHandler for F
where
    F: Fn(&mut ActionContext<'_>) -> HandlerResult + Send + Sync,
{
    fn execute(&self, ctx: &mut ActionContext<'_>) -> HandlerResult {
        self(ctx)
    }
}

/// Handlers keyed by action `Type`.
#[derive(Default)]
pub struct Registry {
    handlers: IndexMap<String, Box<dyn ActionHandler>>,
}

impl Registry {
    /// Creates an empty registry.
    pub fn new() -> Self {
        Self::default()
    }

    /// Registers `handler` for `action_type`, replacing any earlier one.
    pub fn register(&mut self, action_type: &str, handler: impl ActionHandler + 'static) {
        self.handlers.insert(action_type.to_string(), Box::new(handler));
    }

    pub fn get(&self, action_type: &str) -> Option<&dyn ActionHandler> {
        self.handlers.get(action_type).map(|h| h.as_ref())
    }

    /// The registered action types, in registration order.
    pub fn types(&self) -> impl Iterator<Item = &str> {
        self.handlers.keys().map(String::as_str)
    }
}

/// Everything a handler may touch while it runs one block.
pub struct ActionContext<'a> {
    pub flow: &'a Flow,
    pub action: &'a Action,
    /// The step number, from 1.
    pub step: usize,
    pub state: &'a mut ContactState,
    pub env: &'a mut dyn Environment,
    pub observer: &'a mut dyn Observer,
    pub settings: &'a RunSettings,
}

impl ActionContext<'_> {
    /// Returns the raw parameter `name`, if the action has it.
    pub fn param(&self, name: &str) -> Option<&Value> {
        self.action.parameters.get(name)
    }

    /// Writes `value` at the Connect path `$.<segments joined by dots>` and reports the write.
    pub fn write(&mut self, segments: &[&str], value: Value) {
        let path = format!("$.{}", segments.join("."));
        self.observer.on_event(&Event::AttributeWritten {
            step: self.step,
            path: &path,
            value: &value,
        });
        self.state.set(segments, value);
    }

    /// Reports an answer from the outside world to the observer.
    pub fn report_answer(&mut self, question: &str, answer: &Value, assumed: bool) {
        self.observer.on_event(&Event::ExternalAnswer {
            step: self.step,
            question,
            answer,
            assumed,
        });
    }

    /// Adds a note to the trace of this step.
    pub fn note(&mut self, message: &str) {
        self.observer.on_event(&Event::Note {
            step: self.step,
            message,
        });
    }
}

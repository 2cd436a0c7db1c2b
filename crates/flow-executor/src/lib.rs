//! Runs a validated Amazon Connect flow over a contact-attribute JSON tree.
//!
//! The executor walks blocks from the flow's `StartAction`, runs each through the handler that the
//! [`Registry`] holds for its `Type`, picks the next block by the flow language's transition rule and
//! sends every step to an [`Observer`]. Everything outside the flow comes from an [`Environment`].

pub mod conditions;
pub mod env;
pub mod executor;
pub mod handler;
pub mod handlers;
pub mod observer;
pub mod outcome;
pub mod path;
pub mod resolve;
pub mod settings;
pub mod state;
pub mod trace;

pub use env::{
    Answer, BlockQuestion, CallerInput, EnvResult, Environment, HoursSource, HoursStatus, LambdaRequest,
    LambdaResult, LexAlternateIntent, LexIntent, LexRequest, LexResult, LexSentiment, OpenQuestion,
    QueueStatus, ViewRequest, ViewResult, fault_errors,
};
pub use executor::Executor;
pub use handler::{ActionContext, ActionHandler, HandlerError, HandlerResult, Registry};
pub use observer::{Branch, Control, Event, NextStep, NullObserver, Observer};
pub use outcome::{EndReason, Outcome, RunOutcome};
pub use settings::{AttributeOverflowPolicy, MissingAttributePolicy, RunSettings};
pub use state::{ContactState, Extensions};

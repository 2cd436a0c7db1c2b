//! Built-in handlers, grouped by family.

pub mod block_results;
mod calls;
pub mod cases;
mod contact;
mod contact_data;
mod contact_more;
pub mod contact_record;
pub mod data_tables;
mod flow_control;
pub use flow_control::LOOP_COUNT_MAX;
mod integrations;
mod lex;
mod metrics;
mod outbound;
mod participant;
mod setters;
mod views;
mod waiting;

use crate::handler::{ActionContext, HandlerResult, Registry};
use crate::outcome::Outcome;

/// The generic error type that every block may take.
pub const NO_MATCHING_ERROR: &str = "NoMatchingError";

/// Registers every built-in handler.
pub fn register_builtin(registry: &mut Registry) {
    participant::register(registry);
    contact::register(registry);
    contact_more::register(registry);
    flow_control::register(registry);
    integrations::register(registry);
    outbound::register(registry);
    metrics::register(registry);
    cases::register(registry);
    data_tables::register(registry);
    setters::register(registry);
    lex::register(registry);
    views::register(registry);
    waiting::register(registry);
    calls::register(registry);
}

/// Creates a registry with every built-in handler.
pub fn builtin_registry() -> Registry {
    let mut registry = Registry::new();
    register_builtin(&mut registry);
    registry
}

/// Takes the error branch `error_type` after noting `reason` in the trace.
fn fail_with(ctx: &mut ActionContext<'_>, error_type: &str, reason: &str) -> HandlerResult {
    ctx.note(reason);
    Ok(Outcome::Error(error_type.to_string()))
}

/// Returns the string at `segments` in the state, or `None` when it is absent or empty.
fn state_text(ctx: &ActionContext<'_>, segments: &[&str]) -> Option<String> {
    let value = ctx.state.get(segments)?;
    let text = crate::resolve::render(value);
    (!text.is_empty()).then_some(text)
}

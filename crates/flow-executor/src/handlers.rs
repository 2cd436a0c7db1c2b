//! Built-in handlers, grouped by family.

mod contact;
mod flow_control;
mod integrations;
mod participant;
mod setters;

use crate::handler::{ActionContext, HandlerResult, Registry};
use crate::outcome::Outcome;

/// The generic error type that every block may take.
pub const NO_MATCHING_ERROR: &str = "NoMatchingError";

/// Registers every built-in handler.
pub fn register_builtin(registry: &mut Registry) {
    participant::register(registry);
    contact::register(registry);
    flow_control::register(registry);
    integrations::register(registry);
    setters::register(registry);
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

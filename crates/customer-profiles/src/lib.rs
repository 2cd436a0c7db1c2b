//! Customer Profiles actions for flowsim, over an in-memory profile store.

use flow_executor::Registry;

/// Registers the handler of every Customer Profiles action.
pub fn register(registry: &mut Registry) {
    let _ = registry;
}

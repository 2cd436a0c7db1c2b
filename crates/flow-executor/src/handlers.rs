//! Built-in handlers, grouped by family.

use crate::handler::Registry;

/// Registers every built-in handler.
pub fn register_builtin(registry: &mut Registry) {
    let _ = registry;
}

/// Creates a registry with every built-in handler.
pub fn builtin_registry() -> Registry {
    let mut registry = Registry::new();
    register_builtin(&mut registry);
    registry
}

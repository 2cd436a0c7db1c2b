//! The one resolver every handler reads parameters through.

use crate::handler::{ActionContext, HandlerError};
use serde_json::Value;

impl ActionContext<'_> {
    /// Resolves a parameter value: a whole `$.…` reference is read from the state, `$.…` references
    /// inside text are substituted, objects and arrays are resolved member by member, and any other
    /// literal is returned as it is.
    pub fn resolve(&mut self, value: &Value) -> Result<Value, HandlerError> {
        let _ = value;
        todo!("flow-executor resolver")
    }

    /// Resolves parameter `name` to a string (numbers and booleans in their JSON spelling), or
    /// `None` when the action has no such parameter.
    pub fn resolve_string(&mut self, name: &str) -> Result<Option<String>, HandlerError> {
        let _ = name;
        todo!("flow-executor resolver")
    }
}

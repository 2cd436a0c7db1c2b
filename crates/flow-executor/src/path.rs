//! Translation of Connect's attribute-path syntax into RFC 9535 JSONPath for jsonpath-rust.

/// A Connect path that cannot be translated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathError {
    pub path: String,
    pub message: String,
}

/// Translates a Connect path such as `$.Attributes.['a b']` into RFC 9535 (`$.Attributes['a b']`).
pub fn translate(connect_path: &str) -> Result<String, PathError> {
    let _ = connect_path;
    todo!("flow-executor path translation")
}

//! Writing profile fields to `$.Customer`, within the character limit of that namespace.

use flow_executor::{ActionContext, ContactState};
use serde_json::Value;

/// One planned write under the contact tree, such as `["Customer", "City"]` = `"Springfield"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerWrite {
    pub segments: Vec<String>,
    pub value: String,
}

impl CustomerWrite {
    pub fn new(segments: &[&str], value: &str) -> Self {
        CustomerWrite {
            segments: segments.iter().map(|s| s.to_string()).collect(),
            value: value.to_string(),
        }
    }
}

/// Counts the characters of every string value in `$.Customer` as it would be after `writes`.
// NOTE: Connect does not document whether the limit counts names as well as values, or what a
// block does when it would pass it. flowsim counts values only and takes the error branch.
pub fn customer_chars_after(state: &ContactState, writes: &[CustomerWrite]) -> usize {
    let customer = state.get(&["Customer"]).cloned().unwrap_or(Value::Null);
    let mut preview = ContactState::new(serde_json::json!({ "Customer": customer }));
    for write in writes {
        let segments: Vec<&str> = write.segments.iter().map(String::as_str).collect();
        preview.set(&segments, Value::String(write.value.clone()));
    }
    preview.get(&["Customer"]).map_or(0, string_chars)
}

fn string_chars(value: &Value) -> usize {
    match value {
        Value::String(text) => text.chars().count(),
        Value::Object(members) => members.values().map(string_chars).sum(),
        Value::Array(items) => items.iter().map(string_chars).sum(),
        _ => 0,
    }
}

/// Performs `writes` through the context, so that each one reaches the trace.
pub fn apply(ctx: &mut ActionContext<'_>, writes: Vec<CustomerWrite>) {
    for write in writes {
        let segments: Vec<&str> = write.segments.iter().map(String::as_str).collect();
        ctx.write(&segments, Value::String(write.value));
    }
}

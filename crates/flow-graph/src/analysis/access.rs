//! The attribute paths that each action reads and writes, found from its parameters and conditions.

use crate::catalogue::{self, Family, ParamClass};
use crate::diagnostic::escape_pointer_token;
use crate::model::Action;
use crate::path::{self, Segment};
use serde::Serialize;
use serde_json::Value;

/// An attribute path in Connect's dotted form, such as `$.Attributes.tier`, split into segments.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct AttributePath(pub Vec<String>);

impl AttributePath {
    /// Builds a path from its segments, writing array indexes as decimal names.
    pub fn from_segments(segments: &[Segment]) -> Self {
        let names = segments.iter().map(|segment| match segment {
            Segment::Key(name) => name.clone(),
            Segment::Index(index) => index.to_string(),
        });
        AttributePath(names.collect())
    }

    /// Builds a path from dot-separated names, such as `Customer.ProfileId`.
    pub fn dotted(names: &str) -> Self {
        AttributePath(names.split('.').map(str::to_string).collect())
    }

    /// Returns the first segment, such as `Attributes` or `External`.
    pub fn namespace(&self) -> &str {
        self.0.first().map_or("", String::as_str)
    }

    /// Returns true when `self` equals `other` or contains it, as `$.External` contains `$.External.x`.
    pub fn covers(&self, other: &AttributePath) -> bool {
        other.0.starts_with(&self.0)
    }
}

impl std::fmt::Display for AttributePath {
    /// Writes `$.Attributes.tier`, with brackets around names that the dot form cannot hold.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("$")?;
        for name in &self.0 {
            if !name.is_empty() && name.chars().all(path::is_name_char) {
                write!(f, ".{name}")?;
            } else {
                write!(f, "['{}']", name.replace('\\', "\\\\").replace('\'', "\\'"))?;
            }
        }
        Ok(())
    }
}

/// One attribute path that an action reads, with the JSON pointer of the value that names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Read {
    pub path: AttributePath,
    /// JSON pointer relative to the action, such as `/Parameters/Text`.
    pub pointer: String,
    /// True for a read that the action makes without naming it, such as UpdateCustomerProfile
    /// reading `$.Customer.ProfileId`.
    pub implicit: bool,
}

/// One attribute path that an action writes when it succeeds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Write {
    pub path: AttributePath,
    /// JSON pointer relative to the action.
    pub pointer: String,
    /// Size in bytes of the key and literal value, for contact attributes with a literal value.
    pub literal_bytes: Option<usize>,
}

/// A string that looks like an attribute reference but is not a valid Connect path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BadReference {
    pub text: String,
    /// JSON pointer relative to the action.
    pub pointer: String,
    /// The reason the text is not a valid path.
    pub message: String,
}

/// A reference that indexes an array, such as `$.External.OrderIds[0]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IndexedReference {
    pub text: String,
    /// JSON pointer relative to the action.
    pub pointer: String,
}

/// The reads and writes of one action.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Access {
    pub reads: Vec<Read>,
    pub writes: Vec<Write>,
    pub bad_references: Vec<BadReference>,
    pub indexed_references: Vec<IndexedReference>,
}

/// Finds the attribute paths that `action` reads and writes.
pub fn access_of(action: &Action) -> Access {
    let mut access = Access::default();
    collect_parameter_reads(action, &mut access);
    collect_condition_reads(action, &mut access);
    collect_implicit_reads(action, &mut access);
    super::writes::collect_writes(action, &mut access);
    access
}

fn collect_parameter_reads(action: &Action, access: &mut Access) {
    let spec = catalogue::lookup(&action.action_type);
    for (name, value) in &action.parameters {
        let class = spec.and_then(|s| s.parameter(name)).map(|p| p.class);
        if class == Some(ParamClass::Static) || is_profile_field_list(name) {
            continue;
        }
        let pointer = format!("/Parameters/{}", escape_pointer_token(name));
        collect_value_reads(value, &pointer, access);
    }
}

/// Returns true for `ProfileResponseData`, whose strings are field names, not references.
fn is_profile_field_list(name: &str) -> bool {
    name == "ProfileResponseData"
}

fn collect_condition_reads(action: &Action, access: &mut Access) {
    for (position, condition) in action.transitions.conditions.iter().enumerate() {
        for (operand_index, operand) in condition.condition.operands.iter().enumerate() {
            let pointer = format!("/Transitions/Conditions/{position}/Condition/Operands/{operand_index}");
            collect_value_reads(operand, &pointer, access);
        }
    }
}

/// Adds the reads that blocks make without naming the path: profile actions read
/// `$.Customer.ProfileId`, and blocks that name no queue use the working queue, `$.Queue.ARN`.
fn collect_implicit_reads(action: &Action, access: &mut Access) {
    if reads_working_queue(action) {
        access.reads.push(Read {
            path: AttributePath::dotted("Queue.ARN"),
            pointer: "/Parameters".into(),
            implicit: true,
        });
    }
    let names_profile_id = action
        .parameters
        .get("ProfileRequestData")
        .and_then(|request| request.get("ProfileId"))
        .is_some();
    let reads_current_profile = match action.action_type.as_str() {
        "UpdateCustomerProfile" => true,
        "AssociateContactToCustomerProfile" => !names_profile_id,
        _ => false,
    };
    if reads_current_profile {
        access.reads.push(Read {
            path: AttributePath::dotted("Customer.ProfileId"),
            pointer: "/Parameters/ProfileRequestData".into(),
            implicit: true,
        });
    }
}

/// Returns true for a block that uses the working queue because it names no queue of its own:
/// `TransferContactToQueue`, `CheckMetricData` and `GetMetricData` without `QueueId` or `AgentId`,
/// and `CheckHoursOfOperation` without `HoursOfOperationId`, which checks the working queue's hours.
pub fn reads_working_queue(action: &Action) -> bool {
    let names_queue = ["QueueId", "AgentId"]
        .iter()
        .any(|p| action.parameters.contains_key(*p));
    match action.action_type.as_str() {
        "TransferContactToQueue" | "CheckMetricData" | "GetMetricData" => !names_queue,
        "CheckHoursOfOperation" => !action.parameters.contains_key("HoursOfOperationId"),
        _ => false,
    }
}

/// Walks a JSON value and records every `$.` reference in its strings.
fn collect_value_reads(value: &Value, pointer: &str, access: &mut Access) {
    match value {
        Value::String(text) => collect_text_reads(text, pointer, access),
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                collect_value_reads(item, &format!("{pointer}/{index}"), access);
            }
        }
        Value::Object(members) => {
            for (key, item) in members {
                let child = format!("{pointer}/{}", escape_pointer_token(key));
                collect_value_reads(item, &child, access);
            }
        }
        _ => {}
    }
}

/// Records the references in one string: the whole string when it is a single reference, or each
/// reference embedded in template text.
fn collect_text_reads(text: &str, pointer: &str, access: &mut Access) {
    let trimmed = text.trim();
    if let Some(message) = malformed_whole_reference(trimmed) {
        access.bad_references.push(BadReference {
            text: trimmed.to_string(),
            pointer: pointer.to_string(),
            message,
        });
        return;
    }
    for (start, _) in text.match_indices('$') {
        let rest = &text[start..];
        let Some(len) = path::reference_len(rest) else {
            continue;
        };
        if let Ok(segments) = path::parse(&rest[..len]) {
            // The Show view block documents array elements of its result data by index, as in
            // `$.Views.ViewResultData.FormData.extras.0`, so only other namespaces are reported.
            let documented = rest.starts_with("$.Views.");
            if !documented
                && segments
                    .iter()
                    .any(|segment| matches!(segment, Segment::Index(_)))
            {
                access.indexed_references.push(IndexedReference {
                    text: rest[..len].to_string(),
                    pointer: pointer.to_string(),
                });
            }
            access.reads.push(Read {
                path: AttributePath::from_segments(&segments),
                pointer: pointer.to_string(),
                implicit: false,
            });
        }
    }
}

/// Returns why a string that is meant as one whole reference is not a valid path: it starts with
/// `$.` but does not parse, or it misses the `$` or the period (`.Attributes.x`, `$Attributes.x`).
fn malformed_whole_reference(text: &str) -> Option<String> {
    if text.contains(char::is_whitespace) {
        return None;
    }
    if text.starts_with("$.") || text.starts_with("$[") {
        return path::parse(text).err().map(|e| e.message);
    }
    let without_period = text.strip_prefix('$').filter(|rest| starts_with_namespace(rest));
    let without_dollar = text.strip_prefix('.').filter(|rest| starts_with_namespace(rest));
    if without_period.is_some() {
        return Some("the `$` is not followed by a period".into());
    }
    without_dollar.map(|_| "the path does not start with `$`".into())
}

/// Returns true when `text` starts with a namespace name followed by a period, such as
/// `Attributes.x`.
fn starts_with_namespace(text: &str) -> bool {
    let Some((first, _)) = text.split_once('.') else {
        return false;
    };
    super::namespaces::is_known(first)
}

/// Returns true for the families whose actions write `$.Customer`.
pub(super) fn is_profile_action(action: &Action) -> bool {
    catalogue::lookup(&action.action_type).is_some_and(|spec| spec.family == Family::CustomerProfiles)
}

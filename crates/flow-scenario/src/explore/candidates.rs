//! Values that meet, or miss, a block's literal conditions, for the choices the explorer offers.

use flow_executor::conditions::{evaluate, parse_number};
use flow_graph::model::{Action, ConditionTransition, Flow};
use indexmap::IndexMap;
use serde_json::Value;

/// Values tried, in order, for a result that no condition accepts.
const MISS_CANDIDATES: [&str; 8] = ["no-match", "0", "-1", "999999", "x", "9", "#", ""];

/// Keys tried, in order, for a DTMF key that no menu condition accepts.
const MISS_KEYS: [&str; 12] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "#"];

/// Returns a condition's first operand when it is a literal: a string that is not a `$.` reference,
/// or a number.
pub fn literal_operand(entry: &ConditionTransition) -> Option<String> {
    match entry.condition.operands.first()? {
        Value::String(text) if !text.starts_with("$.") => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

/// Returns a value that meets `operator` with `operand`, or `None` when flowsim cannot derive one.
pub fn value_meeting(operator: &str, operand: &str) -> Option<String> {
    let shifted = |delta: f64| parse_number(operand).map(|n| format_number(n + delta));
    let value = match operator {
        "Equals" | "TextStartsWith" | "TextEndsWith" | "TextContains" => Some(operand.to_string()),
        "NumberGreaterThan" => shifted(1.0),
        "NumberLessThan" => shifted(-1.0),
        "NumberGreaterOrEqualTo" | "NumberLessOrEqualTo" => shifted(0.0),
        "KeyExists" => Some(serde_json::json!({ operand: "1" }).to_string()),
        _ => None,
    }?;
    meets(operator, &value, operand).then_some(value)
}

/// Returns one value per literal condition that meets it, then one value that none accepts, with
/// duplicates removed.
pub fn results_for(conditions: &[ConditionTransition]) -> Vec<String> {
    let mut values = Vec::new();
    for entry in conditions {
        let Some(operand) = literal_operand(entry) else {
            continue;
        };
        if let Some(value) = value_meeting(&entry.condition.operator, &operand) {
            push_unique(&mut values, value);
        }
    }
    if let Some(miss) = first_miss(conditions, &MISS_CANDIDATES) {
        push_unique(&mut values, miss);
    }
    values
}

/// Returns whole numbers from 0 up: one per literal condition that meets it, then one that none
/// accepts, for results such as queue metrics.
pub fn counts_for(conditions: &[ConditionTransition]) -> Vec<u32> {
    let mut counts: Vec<u32> = Vec::new();
    let mut candidates: Vec<String> = results_for(conditions);
    for entry in conditions {
        let Some(operand) = literal_operand(entry).and_then(|o| parse_number(&o)) else {
            continue;
        };
        for delta in [-1.0, 0.0, 1.0] {
            candidates.push(format_number((operand + delta).max(0.0).floor()));
        }
    }
    candidates.push("0".to_string());
    let mut missed = false;
    for candidate in candidates {
        let Ok(count) = candidate.parse::<u32>() else {
            continue;
        };
        let is_miss = first_true(conditions, &candidate).is_none();
        if counts.contains(&count) || (is_miss && missed) {
            continue;
        }
        missed |= is_miss;
        counts.push(count);
    }
    counts
}

/// Returns the single keys that the menu's `Equals` conditions name, then one key that none
/// accepts.
pub fn menu_keys(conditions: &[ConditionTransition]) -> Vec<String> {
    let mut keys = Vec::new();
    for entry in conditions {
        let Some(operand) = literal_operand(entry) else {
            continue;
        };
        let value = value_meeting(&entry.condition.operator, &operand);
        if let Some(value) = value.filter(|v| v.chars().count() == 1) {
            push_unique(&mut keys, value);
        }
    }
    if let Some(miss) = first_miss(conditions, &MISS_KEYS) {
        push_unique(&mut keys, miss);
    }
    keys
}

/// Returns the index of the first condition that `result` meets, comparing literal operands only.
/// A condition with a `$.` operand never matches here.
pub fn first_true(conditions: &[ConditionTransition], result: &str) -> Option<usize> {
    conditions.iter().position(|entry| {
        literal_operand(entry).is_some_and(|operand| meets(&entry.condition.operator, result, &operand))
    })
}

/// Returns the values that the flow's `Compare` blocks test each whole `$.` reference against,
/// keyed by the reference. An attribute copied from another reference by `UpdateContactAttributes`
/// adds its values to that reference too, so a Lambda result that is saved and then compared is
/// covered.
pub fn compared_values(flow: &Flow) -> IndexMap<String, Vec<String>> {
    let mut values: IndexMap<String, Vec<String>> = IndexMap::new();
    for action in flow.actions.iter().filter(|a| a.action_type == "Compare") {
        let Some(reference) = whole_reference(action.parameters.get("ComparisonValue")) else {
            continue;
        };
        let entry = values.entry(reference).or_default();
        for value in results_for(&action.transitions.conditions) {
            push_unique(entry, value);
        }
    }
    for (target, source) in attribute_copies(flow) {
        let Some(copied) = values.get(&target).cloned() else {
            continue;
        };
        let entry = values.entry(source).or_default();
        for value in copied {
            push_unique(entry, value);
        }
    }
    values
}

/// Returns the names of the contact attributes that some block of the flow writes.
pub fn written_attributes(flow: &Flow) -> Vec<String> {
    let mut names = Vec::new();
    for action in flow
        .actions
        .iter()
        .filter(|a| a.action_type == "UpdateContactAttributes")
    {
        if let Some(Value::Object(attributes)) = action.parameters.get("Attributes") {
            for name in attributes.keys() {
                push_unique(&mut names, name.clone());
            }
        }
    }
    names
}

/// Parameters that name a resource, which a whole `$.Attributes` reference may give at run time.
const RESOURCE_PARAMETERS: [&str; 5] = [
    "FlowModuleId",
    "ContactFlowId",
    "QueueId",
    "LambdaFunctionARN",
    "HoursOfOperationId",
];

/// Returns the contact attributes that name a resource of some block, each with the parameter,
/// such as `("moduleId", "FlowModuleId")` for `"FlowModuleId": "$.Attributes.moduleId"`.
pub fn resource_attributes(flow: &Flow) -> Vec<(String, &'static str)> {
    let mut found: Vec<(String, &'static str)> = Vec::new();
    for action in &flow.actions {
        for parameter in RESOURCE_PARAMETERS {
            let reference = whole_reference(action.parameters.get(parameter));
            let Some(name) = reference.as_deref().and_then(|r| r.strip_prefix("$.Attributes.")) else {
                continue;
            };
            if !name.contains('.') && !found.iter().any(|(known, _)| known == name) {
                found.push((name.to_string(), parameter));
            }
        }
    }
    found
}

/// Returns `(copy, source)` pairs of references for each attribute that a block sets to a whole
/// `$.` reference, such as `$.Attributes.balance` set from `$.External.balance`.
fn attribute_copies(flow: &Flow) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    for action in flow.actions.iter() {
        pairs.extend(copies_in(action));
    }
    pairs
}

fn copies_in(action: &Action) -> Vec<(String, String)> {
    let (parameter, namespace) = match action.action_type.as_str() {
        "UpdateContactAttributes" => ("Attributes", "$.Attributes"),
        "UpdateFlowAttributes" => ("FlowAttributes", "$.FlowAttributes"),
        _ => return Vec::new(),
    };
    let Some(Value::Object(attributes)) = action.parameters.get(parameter) else {
        return Vec::new();
    };
    let source_of = |value: &Value| match value {
        Value::Object(fields) => whole_reference(fields.get("Value")),
        other => whole_reference(Some(other)),
    };
    attributes
        .iter()
        .filter_map(|(name, value)| Some((format!("{namespace}.{name}"), source_of(value)?)))
        .collect()
}

/// Returns `value` when it is one whole `$.` reference such as `$.External.status`.
pub fn whole_reference(value: Option<&Value>) -> Option<String> {
    let text = value?.as_str()?.trim();
    let whole = text.starts_with("$.") && !text.contains(char::is_whitespace);
    whole.then(|| text.to_string())
}

fn first_miss(conditions: &[ConditionTransition], candidates: &[&str]) -> Option<String> {
    candidates
        .iter()
        .find(|candidate| first_true(conditions, candidate).is_none())
        .map(|candidate| candidate.to_string())
}

fn meets(operator: &str, result: &str, operand: &str) -> bool {
    evaluate(operator, result, operand).unwrap_or(false)
}

fn format_number(number: f64) -> String {
    if number.fract() == 0.0 && number.abs() < 1e15 {
        format!("{}", number as i64)
    } else {
        number.to_string()
    }
}

pub(crate) fn push_unique(values: &mut Vec<String>, value: String) {
    if !values.contains(&value) {
        values.push(value);
    }
}

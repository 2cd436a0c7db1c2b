//! Lint rules about one block at a time: failures with no error branch, found and not-found
//! outcomes with no branch of their own, shadowed conditions, numbers compared as text, attribute
//! key characters and the 32 KB attribute budget.

use super::dataflow::Facts;
use crate::catalogue;
use crate::codes;
use crate::diagnostic::{Diagnostic, escape_pointer_token};
use crate::model::{Action, Condition};
use serde_json::Value;

/// The maximum size of the user-defined attributes of a contact: "Contact attributes" in Amazon
/// Connect's feature specifications gives 32 KB for the attributes section of a contact record.
pub const MAX_ATTRIBUTE_BYTES: usize = 32 * 1024;

/// Runs every structural rule on the blocks of `facts`.
pub(super) fn check(facts: &Facts) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for action in &facts.graph.flow().actions {
        found.extend(unhandled_errors(action));
        found.extend(unwired_found_errors(action));
        found.extend(shadowed_conditions(action));
        found.extend(numbers_compared_as_text(action));
        found.extend(key_characters(action));
    }
    found.extend(attribute_budget(facts));
    found
}

/// Action types that console exports routinely write with no `Errors` entry. They fail only on
/// configuration problems, so a missing branch there is not worth a warning.
const ERRORS_USUALLY_OMITTED: &[&str] = &[
    "MessageParticipant",
    "MessageParticipantIteratively",
    "Loop",
    "UpdateContactTextToSpeechVoice",
];

/// Reports an action that declares error types but has no `Errors` entry, so a failure has no
/// branch to take.
fn unhandled_errors(action: &Action) -> Option<Diagnostic> {
    let spec = catalogue::lookup(&action.action_type)?;
    if ERRORS_USUALLY_OMITTED.contains(&spec.name) {
        return None;
    }
    if spec.terminal || spec.errors.is_empty() || !action.transitions.errors.is_empty() {
        return None;
    }
    let message = format!(
        "{} can fail with {}, but the block has no `Errors` entry",
        spec.name,
        spec.errors.join(" or ")
    );
    let diagnostic = Diagnostic::warning(codes::ERRORS_UNHANDLED, "/Transitions", message)
        .with_identifier(&action.identifier)
        .with_hint("add an `Errors` entry for each error type, so a failure reaches a block you chose");
    Some(diagnostic)
}

/// Error types that report a search outcome rather than a fault, so a flow usually needs a branch
/// of its own for each.
const FOUND_ERRORS: &[&str] = &["MultipleFoundError", "NoneFoundError"];

/// Reports an action that wires some `Errors` entries but not its found or not-found outcomes. Such
/// an outcome then takes the `NoMatchingError` entry, or `NextAction` without one, so an unknown
/// or ambiguous caller lands in the generic error path. An action with no `Errors` entry at all is
/// left to [`unhandled_errors`].
fn unwired_found_errors(action: &Action) -> Option<Diagnostic> {
    let spec = catalogue::lookup(&action.action_type)?;
    let wired = &action.transitions.errors;
    if wired.is_empty() {
        return None;
    }
    let missing: Vec<&str> = spec
        .errors
        .iter()
        .copied()
        .filter(|error| FOUND_ERRORS.contains(error))
        .filter(|error| !wired.iter().any(|entry| entry.error_type == *error))
        .collect();
    if missing.is_empty() {
        return None;
    }
    let outcome = if missing.len() == 1 {
        "that outcome takes"
    } else {
        "those outcomes take"
    };
    let message = format!(
        "{} has no `Errors` entry for {}, so {outcome} the generic error branch",
        spec.name,
        missing.join(" or ")
    );
    let diagnostic = Diagnostic::warning(codes::FOUND_ERRORS_UNWIRED, "/Transitions/Errors", message)
        .with_identifier(&action.identifier)
        .with_hint(format!(
            "add an `Errors` entry for {} that leads to the block for that case",
            missing.join(" and ")
        ));
    Some(diagnostic)
}

/// Reports `Equals` conditions with a numeric operand on a Compare block whose other conditions use
/// number operators. `Equals` compares text, so `10` does not match a value of `10.0` that the
/// number operators of the same block treat as ten.
fn numbers_compared_as_text(action: &Action) -> Vec<Diagnostic> {
    let conditions = &action.transitions.conditions;
    let compares_numbers = conditions
        .iter()
        .any(|entry| entry.condition.operator.starts_with("Number"));
    if action.action_type != "Compare" || !compares_numbers {
        return Vec::new();
    }
    conditions
        .iter()
        .enumerate()
        .filter(|(_, entry)| entry.condition.operator == "Equals")
        .filter_map(|(position, entry)| {
            let operand = operand_text(&entry.condition)?;
            if !is_decimal(operand) {
                return None;
            }
            let message = format!(
                "condition {position} compares {operand:?} as text while other conditions of this block compare numbers, so another spelling of the same number does not match it"
            );
            let diagnostic = Diagnostic::warning(
                codes::NUMBER_COMPARED_AS_TEXT,
                format!("/Transitions/Conditions/{position}"),
                message,
            )
            .with_identifier(&action.identifier)
            .with_hint("if the value can be written in more than one way, test the number with NumberGreaterOrEqualTo and NumberLessOrEqualTo");
            Some(diagnostic)
        })
        .collect()
}

/// Returns true for a decimal number as the number operators read it, such as `5`, `-3` or `4.50`.
fn is_decimal(text: &str) -> bool {
    let text = text.trim();
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    digits.bytes().any(|b| b.is_ascii_digit())
        && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && digits.bytes().filter(|b| *b == b'.').count() <= 1
}

fn shadowed_conditions(action: &Action) -> Vec<Diagnostic> {
    let conditions = &action.transitions.conditions;
    let mut found = Vec::new();
    for (later, entry) in conditions.iter().enumerate() {
        let earlier = conditions[..later]
            .iter()
            .position(|first| always_matches_first(&first.condition, &entry.condition));
        if let Some(earlier) = earlier {
            found.push(shadowed(action, earlier, later, &entry.condition));
        }
    }
    found
}

fn shadowed(action: &Action, earlier: usize, later: usize, condition: &Condition) -> Diagnostic {
    let message = format!(
        "condition {later} ({} {}) never matches, because condition {earlier} matches every value it matches",
        condition.operator,
        operand_text(condition).unwrap_or("?")
    );
    Diagnostic::warning(
        codes::CONDITION_SHADOWED,
        format!("/Transitions/Conditions/{later}"),
        message,
    )
    .with_identifier(&action.identifier)
    .with_hint("Connect takes the first condition that matches; move the narrower condition up or remove it")
}

fn operand_text(condition: &Condition) -> Option<&str> {
    match condition.operands.as_slice() {
        [Value::String(text)] if !text.contains('$') => Some(text),
        _ => None,
    }
}

/// Returns true when every value that `later` matches is also matched by `first`: the same
/// operator and literal operand, or an `Equals` literal that a broader text or number condition
/// already matches.
fn always_matches_first(first: &Condition, later: &Condition) -> bool {
    let (Some(bound), Some(value)) = (operand_text(first), operand_text(later)) else {
        return false;
    };
    if first.operator == later.operator {
        return bound == value;
    }
    if later.operator != "Equals" {
        return false;
    }
    match first.operator.as_str() {
        "TextStartsWith" => value.starts_with(bound),
        "TextEndsWith" => value.ends_with(bound),
        "TextContains" => value.contains(bound),
        operator => number_matches(operator, value, bound),
    }
}

fn number_matches(operator: &str, value: &str, bound: &str) -> bool {
    let (Ok(value), Ok(bound)) = (value.trim().parse::<f64>(), bound.trim().parse::<f64>()) else {
        return false;
    };
    match operator {
        "NumberGreaterThan" => value > bound,
        "NumberGreaterOrEqualTo" => value >= bound,
        "NumberLessThan" => value < bound,
        "NumberLessOrEqualTo" => value <= bound,
        _ => false,
    }
}

/// Reports literal contact attribute keys with characters other than letters, digits, `-` and
/// `_`, which the UpdateContactAttributes API rejects. Keys with `$` or `.` are errors elsewhere.
fn key_characters(action: &Action) -> Vec<Diagnostic> {
    if action.action_type != "UpdateContactAttributes" {
        return Vec::new();
    }
    let Some(Value::Object(attributes)) = action.parameters.get("Attributes") else {
        return Vec::new();
    };
    attributes
        .keys()
        .filter(|key| !key.contains(['$', '.']) && key.chars().any(|c| !is_key_char(c)))
        .map(|key| {
            Diagnostic::warning(
                codes::ATTRIBUTE_KEY_CHARACTERS,
                format!("/Parameters/Attributes/{}", escape_pointer_token(key)),
                format!("attribute key {key:?} has characters other than letters, digits, `-` and `_`"),
            )
            .with_identifier(&action.identifier)
            .with_hint("rename the key; other characters need bracket paths such as `$.Attributes.['a b']` and the API rejects them")
        })
        .collect()
}

fn is_key_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '_'
}

/// Reports the block at which the literal contact attributes written by reachable blocks pass
/// 32 KB, counting each key once with its largest literal value.
///
/// NOTE: this sums the writes of every reachable block, an upper bound on any one route, and counts
/// no value that holds a `$.` reference, whose size is known only at run time.
fn attribute_budget(facts: &Facts) -> Option<Diagnostic> {
    let reachable = super::dataflow::definitely_written(facts);
    let mut sizes: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    for block in facts.graph.blocks().filter(|b| reachable.contains_key(b)) {
        for write in &facts.access(block).writes {
            let Some(bytes) = write
                .literal_bytes
                .filter(|_| write.path.namespace() == "Attributes")
            else {
                continue;
            };
            let size = sizes.entry(write.path.to_string()).or_default();
            *size = (*size).max(bytes);
        }
        let total: usize = sizes.values().sum();
        if total > MAX_ATTRIBUTE_BYTES {
            let action = facts.graph.action(block);
            let message = format!(
                "contact attributes reach {total} bytes here, more than the 32 KB ({MAX_ATTRIBUTE_BYTES} bytes) limit"
            );
            return Some(
                Diagnostic::warning(codes::ATTRIBUTES_TOO_LARGE, "/Parameters/Attributes", message)
                    .with_identifier(&action.identifier)
                    .with_hint("store large values outside Connect and keep a key in the attribute, or blank attributes you no longer need"),
            );
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::{numbers_compared_as_text, unwired_found_errors};
    use crate::model::Action;
    use serde_json::json;

    fn get_profile(errors: &[&str]) -> Action {
        let errors: Vec<_> = errors
            .iter()
            .map(|error| json!({"NextAction": "next", "ErrorType": error}))
            .collect();
        serde_json::from_value(json!({
            "Identifier": "get-profile",
            "Type": "GetCustomerProfile",
            "Parameters": {},
            "Transitions": {"NextAction": "next", "Errors": errors}
        }))
        .expect("the test action deserializes")
    }

    fn compare(conditions: &[(&str, &str)]) -> Action {
        let conditions: Vec<_> = conditions
            .iter()
            .map(|(operator, operand)| json!({"NextAction": "next", "Condition": {"Operator": operator, "Operands": [operand]}}))
            .collect();
        serde_json::from_value(json!({
            "Identifier": "check-balance",
            "Type": "Compare",
            "Parameters": {"ComparisonValue": "$.Attributes.balance"},
            "Transitions": {"NextAction": "next", "Conditions": conditions}
        }))
        .expect("the test action deserializes")
    }

    #[test]
    fn numeric_equals_beside_number_operators() {
        let pointers = |conditions: &[(&str, &str)]| -> Vec<String> {
            numbers_compared_as_text(&compare(conditions))
                .into_iter()
                .map(|d| d.pointer)
                .collect()
        };
        assert_eq!(
            pointers(&[
                ("NumberGreaterThan", "100"),
                ("Equals", "100"),
                ("Equals", "none"),
                ("Equals", "1e3"),
                ("Equals", "-2.5"),
            ]),
            ["/Transitions/Conditions/1", "/Transitions/Conditions/4"]
        );
        assert!(pointers(&[("Equals", "100"), ("Equals", "200")]).is_empty());
        assert!(pointers(&[("NumberLessThan", "5"), ("TextStartsWith", "1")]).is_empty());
    }

    #[test]
    fn found_errors_need_their_own_entries() {
        let message = |errors: &[&str]| unwired_found_errors(&get_profile(errors)).map(|d| d.message);
        assert_eq!(
            message(&["NoMatchingError"]).as_deref(),
            Some(
                "GetCustomerProfile has no `Errors` entry for MultipleFoundError or NoneFoundError, so those outcomes take the generic error branch"
            )
        );
        assert_eq!(
            message(&["NoneFoundError", "NoMatchingError"]).as_deref(),
            Some(
                "GetCustomerProfile has no `Errors` entry for MultipleFoundError, so that outcome takes the generic error branch"
            )
        );
        assert_eq!(
            message(&["MultipleFoundError", "NoneFoundError", "NoMatchingError"]),
            None
        );
        assert_eq!(message(&[]), None);
    }
}

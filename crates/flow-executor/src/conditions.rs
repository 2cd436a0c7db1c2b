//! The condition operators that `Transitions.Conditions` test a block's result with.
//!
//! Text operators compare case-sensitively, and number operators are false when either side is not
//! a number, as "Actions in the Amazon Connect Flow Language"
//! (<https://docs.aws.amazon.com/connect/latest/APIReference/flow-language-actions.html>) describes.

/// An operator named in a `Condition` that flowsim does not implement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownOperator(pub String);

/// Tests `result` (the block's result) against one resolved `operand` with `operator`.
///
/// `KeyExists` is accepted by Connect although it is undocumented. It is true when `result` is a
/// JSON object with the member `operand`.
pub fn evaluate(operator: &str, result: &str, operand: &str) -> Result<bool, UnknownOperator> {
    let is_true = match operator {
        "Equals" => result == operand,
        "TextStartsWith" => result.starts_with(operand),
        "TextEndsWith" => result.ends_with(operand),
        "TextContains" => result.contains(operand),
        "NumberGreaterThan" => compare_numbers(result, operand, |a, b| a > b),
        "NumberGreaterOrEqualTo" => compare_numbers(result, operand, |a, b| a >= b),
        "NumberLessThan" => compare_numbers(result, operand, |a, b| a < b),
        "NumberLessOrEqualTo" => compare_numbers(result, operand, |a, b| a <= b),
        "KeyExists" => has_key(result, operand),
        other => return Err(UnknownOperator(other.to_string())),
    };
    Ok(is_true)
}

/// Parses `text` as a decimal number such as `5`, `05`, `-3` or `4478.67`, with surrounding
/// whitespace ignored. Returns `None` for anything else, including `inf`, `NaN` and `1e3`.
pub fn parse_number(text: &str) -> Option<f64> {
    let text = text.trim();
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    let well_formed = !digits.is_empty()
        && digits.bytes().any(|b| b.is_ascii_digit())
        && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    if !well_formed {
        return None;
    }
    text.parse().ok()
}

fn compare_numbers(result: &str, operand: &str, compare: impl Fn(f64, f64) -> bool) -> bool {
    match (parse_number(result), parse_number(operand)) {
        (Some(a), Some(b)) => compare(a, b),
        _ => false,
    }
}

fn has_key(result: &str, key: &str) -> bool {
    match serde_json::from_str::<serde_json::Value>(result) {
        Ok(serde_json::Value::Object(members)) => members.contains_key(key),
        _ => false,
    }
}

//! Numeric limits of action parameters: the Lambda time limit and the loop count.

use super::{Context, has_reference};
use crate::codes;
use crate::diagnostic::Diagnostic;
use crate::model::Action;
use serde_json::Value;

/// A parameter whose literal value must be a whole number in `min..=max`.
struct Range {
    action_type: &'static str,
    parameter: &'static str,
    min: u64,
    max: u64,
    /// The run-time effect of a value outside the range, for the hint.
    consequence: &'static str,
}

/// `InvocationTimeLimitSeconds` "must be greater than 0, no larger than 8, and an integer"
/// (<https://docs.aws.amazon.com/connect/latest/APIReference/interactions-invokelambdafunction.html>),
/// and the Loop block counts from 0 to 100.
///
/// NOTE: real exports hold Lambda time limits such as 30, so the service has accepted values over
/// 8 at some time. Both rules are therefore warnings.
const RANGES: &[Range] = &[
    Range {
        action_type: "InvokeLambdaFunction",
        parameter: "InvocationTimeLimitSeconds",
        min: 1,
        max: 8,
        consequence: "flowsim clamps a whole number outside the range into it",
    },
    Range {
        action_type: "Loop",
        parameter: "LoopCount",
        min: 0,
        max: 100,
        consequence: "the block takes its error branch",
    },
];

pub(super) fn check(context: &mut Context) {
    for (index, action) in context.actions() {
        for range in RANGES.iter().filter(|r| r.action_type == action.action_type) {
            if let Some(diagnostic) = check_range(context, index, action, range) {
                context.push_for(index, diagnostic);
            }
        }
    }
}

fn check_range(context: &Context, index: usize, action: &Action, range: &Range) -> Option<Diagnostic> {
    let text = match action.parameters.get(range.parameter)? {
        Value::String(text) => text.trim().to_string(),
        Value::Number(number) => number.to_string(),
        _ => return None,
    };
    if has_reference(&text) {
        return None;
    }
    let within = text
        .parse::<u64>()
        .is_ok_and(|n| (range.min..=range.max).contains(&n));
    if within {
        return None;
    }
    let pointer = context.pointer(index, &format!("/Parameters/{}", range.parameter));
    let message = format!(
        "{} {text:?} is not a whole number from {} to {}",
        range.parameter, range.min, range.max
    );
    let hint = format!(
        "set a value from {} to {}; at run time {}",
        range.min, range.max, range.consequence
    );
    Some(Diagnostic::warning(codes::LIMIT_OUT_OF_RANGE, pointer, message).with_hint(hint))
}

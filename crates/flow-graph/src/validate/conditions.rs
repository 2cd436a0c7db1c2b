//! Condition rules: known operators, one operand each, and what the action type accepts.

use super::{Context, has_reference};
use crate::catalogue::{self, ActionSpec, ConditionRule, OPERATORS};
use crate::codes;
use crate::diagnostic::Diagnostic;
use crate::model::{Action, Condition};
use serde_json::Value;

pub(super) fn check(context: &mut Context) {
    for (index, action) in context.actions() {
        if action.transitions.conditions.is_empty() {
            continue;
        }
        let Some(spec) = catalogue::lookup(&action.action_type) else {
            continue;
        };
        if spec.conditions == ConditionRule::None {
            report_not_accepted(context, index, spec);
            continue;
        }
        check_each(context, index, action, spec);
        check_every_result(context, index, action, spec);
    }
}

/// Reports each result of a [`ConditionRule::EveryResult`] action that no condition handles.
/// Connect rejects a Loop or CheckHoursOfOperation whose conditions are not exactly its results.
fn check_every_result(context: &mut Context, index: usize, action: &Action, spec: &ActionSpec) {
    let ConditionRule::EveryResult(results) = spec.conditions else {
        return;
    };
    let handled: Vec<&Value> = action
        .transitions
        .conditions
        .iter()
        .flat_map(|c| &c.condition.operands)
        .collect();
    for result in results {
        if handled.iter().any(|operand| operand.as_str() == Some(result)) {
            continue;
        }
        let diagnostic = Diagnostic::error(
            codes::RESULT_CONDITION_MISSING,
            context.pointer(index, "/Transitions/Conditions"),
            format!("{} has no condition for its result {result:?}", spec.name),
        )
        .with_hint(format!(
            "add a condition `Equals` {result:?} with its `NextAction`"
        ));
        context.push_for(index, diagnostic);
    }
}

fn report_not_accepted(context: &mut Context, index: usize, spec: &ActionSpec) {
    let diagnostic = Diagnostic::error(
        codes::CONDITIONS_NOT_ACCEPTED,
        context.pointer(index, "/Transitions/Conditions"),
        format!("{} takes no conditions", spec.name),
    )
    .with_hint("delete `Conditions`, or branch on the value with a Compare action");
    context.push_for(index, diagnostic);
}

fn check_each(context: &mut Context, index: usize, action: &Action, spec: &ActionSpec) {
    for (position, entry) in action.transitions.conditions.iter().enumerate() {
        let base = context.pointer(index, &format!("/Transitions/Conditions/{position}/Condition"));
        for diagnostic in condition_problems(spec, &entry.condition, &base) {
            context.push_for(index, diagnostic);
        }
    }
}

fn condition_problems(spec: &ActionSpec, condition: &Condition, base: &str) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let operator = condition.operator.as_str();
    if !OPERATORS.contains(&operator) {
        problems.push(
            Diagnostic::error(
                codes::UNKNOWN_OPERATOR,
                format!("{base}/Operator"),
                format!("unknown condition operator {operator:?}"),
            )
            .with_hint(format!("use one of: {}", OPERATORS.join(", "))),
        );
    }
    if condition.operands.len() != 1 {
        problems.push(
            Diagnostic::error(
                codes::OPERAND_COUNT,
                format!("{base}/Operands"),
                format!(
                    "condition {operator:?} has {} operands, but Connect requires exactly one",
                    condition.operands.len()
                ),
            )
            .with_hint("write one operand; add another condition for each further value"),
        );
    }
    problems.extend(rule_problems(spec, condition, base));
    problems
}

/// Checks the condition against the action type's [`ConditionRule`].
fn rule_problems(spec: &ActionSpec, condition: &Condition, base: &str) -> Vec<Diagnostic> {
    let results = match spec.conditions {
        ConditionRule::EqualsStatic => None,
        ConditionRule::Results(results) | ConditionRule::EveryResult(results) => Some(results),
        ConditionRule::None | ConditionRule::AnyOperator => return Vec::new(),
    };
    if condition.operator != "Equals" {
        let diagnostic = Diagnostic::error(
            codes::OPERATOR_NOT_ACCEPTED,
            format!("{base}/Operator"),
            format!(
                "{} accepts only `Equals` conditions, not {:?}",
                spec.name, condition.operator
            ),
        )
        .with_hint("write \"Operator\": \"Equals\"");
        return vec![diagnostic];
    }
    let operands = condition.operands.iter().enumerate();
    operands
        .filter_map(|(position, operand)| {
            operand_problem(spec, results, operand, &format!("{base}/Operands/{position}"))
        })
        .collect()
}

fn operand_problem(
    spec: &ActionSpec,
    results: Option<&[&str]>,
    operand: &Value,
    pointer: &str,
) -> Option<Diagnostic> {
    let text = match operand {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    };
    if has_reference(&text) {
        return Some(reference_operand(spec, &text, pointer));
    }
    let results = results?;
    (!results.contains(&text.as_str())).then(|| unknown_result(spec, results, &text, pointer))
}

fn reference_operand(spec: &ActionSpec, text: &str, pointer: &str) -> Diagnostic {
    let message = format!(
        "{} compares its result only with literals, but the operand is {text:?}",
        spec.name
    );
    Diagnostic::error(codes::OPERAND_NOT_LITERAL, pointer, message)
        .with_hint("write the literal value; use a Compare action to test against an attribute")
}

fn unknown_result(spec: &ActionSpec, results: &[&str], text: &str, pointer: &str) -> Diagnostic {
    let message = format!(
        "{} never returns {text:?}, so this condition never matches",
        spec.name
    );
    Diagnostic::warning(codes::RESULT_UNKNOWN, pointer, message).with_hint(format!(
        "results of {}: {}",
        spec.name,
        results.join(", ")
    ))
}

//! Rules that Connect enforces only when a flow is published: a missing `NextAction`, empty values
//! and deployment placeholders. They are warnings, and errors under `strict`.

use super::Context;
use crate::catalogue;
use crate::codes;
use crate::diagnostic::{Diagnostic, escape_pointer_token};
use crate::model::Action;
use serde_json::Value;

pub(super) fn check(context: &mut Context) {
    for (index, action) in context.actions() {
        check_next_action(context, index, action);
        let mut values = Vec::new();
        for (name, value) in &action.parameters {
            collect_strings(
                value,
                format!("/Parameters/{}", escape_pointer_token(name)),
                &mut values,
            );
        }
        for (position, entry) in action.transitions.conditions.iter().enumerate() {
            for (operand_position, operand) in entry.condition.operands.iter().enumerate() {
                let suffix =
                    format!("/Transitions/Conditions/{position}/Condition/Operands/{operand_position}");
                collect_strings(operand, suffix, &mut values);
            }
        }
        for (suffix, text) in values {
            check_value(context, index, &suffix, text);
        }
    }
}

fn check_next_action(context: &mut Context, index: usize, action: &Action) {
    let Some(spec) = catalogue::lookup(&action.action_type) else {
        return;
    };
    if spec.terminal || action.transitions.next_action.is_some() {
        return;
    }
    // The console exports a Loop prompts block of a hold or queue flow with `Transitions: {}`,
    // because without conditions it plays until the contact leaves the queue or hold.
    let plays_until_interrupted =
        spec.name == "MessageParticipantIteratively" && action.transitions.conditions.is_empty();
    if plays_until_interrupted {
        return;
    }
    let diagnostic = Diagnostic::new(
        context.publish_severity(),
        codes::NEXT_ACTION_MISSING,
        context.pointer(index, "/Transitions"),
        format!("{} does not end the flow, but has no `NextAction`", spec.name),
    )
    .with_hint("Connect rejects this on publish; set `NextAction`, usually to the error branch's target");
    context.push_for(index, diagnostic);
}

/// Collects every string inside `value`, with its pointer suffix.
fn collect_strings<'v>(value: &'v Value, suffix: String, out: &mut Vec<(String, &'v str)>) {
    match value {
        Value::String(text) => out.push((suffix, text)),
        Value::Array(items) => {
            for (position, item) in items.iter().enumerate() {
                collect_strings(item, format!("{suffix}/{position}"), out);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                collect_strings(item, format!("{suffix}/{}", escape_pointer_token(key)), out);
            }
        }
        _ => {}
    }
}

/// Reports an empty string that is a whole parameter value or an operand, and a placeholder anywhere.
/// Empty strings nested deeper, such as a label inside `ShowView.ViewData`, are the view's content.
fn check_value(context: &mut Context, index: usize, suffix: &str, text: &str) {
    let severity = context.publish_severity();
    let pointer = context.pointer(index, suffix);
    let depth = suffix.matches('/').count();
    let is_whole_value = (suffix.starts_with("/Parameters/") && depth == 2) || suffix.contains("/Operands/");
    if text.is_empty() && is_whole_value {
        let diagnostic = Diagnostic::new(
            severity,
            codes::EMPTY_VALUE,
            pointer,
            "value is an empty string, which Connect rejects on publish",
        )
        .with_hint("write a value, or a single space where the value must look blank");
        context.push_for(index, diagnostic);
    } else if let Some(placeholder) = find_placeholder(text) {
        let diagnostic = Diagnostic::new(
            severity,
            codes::PLACEHOLDER,
            pointer,
            format!("value holds the deployment placeholder {placeholder:?}"),
        )
        .with_hint("substitute the placeholder before importing the flow, as the deployment template does");
        context.push_for(index, diagnostic);
    }
}

/// Finds the first `${...}` or `{{...}}` placeholder in `text`.
pub(super) fn find_placeholder(text: &str) -> Option<&str> {
    [("${", "}"), ("{{", "}}")].into_iter().find_map(|(open, close)| {
        let start = text.find(open)?;
        let end = text[start + open.len()..].find(close)? + start + open.len() + close.len();
        Some(&text[start..end])
    })
}

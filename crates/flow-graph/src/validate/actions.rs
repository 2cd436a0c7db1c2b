//! Per-action rules from the catalogue: known `Type`, terminal transitions, error types and flow type.

use super::Context;
use crate::catalogue::{self, ActionSpec, ConditionRule};
use crate::codes;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Action;
use std::collections::HashSet;

pub(super) fn check(context: &mut Context) {
    for (index, action) in context.actions() {
        // An empty `Type` was already reported by the loader.
        if action.action_type.is_empty() {
            continue;
        }
        let Some(spec) = catalogue::lookup(&action.action_type) else {
            report_unknown_type(context, index, action);
            continue;
        };
        report_alias(context, index, action, spec);
        // A terminal action with transitions gets one diagnostic, not one more per error type.
        if !check_terminal(context, index, action, spec) {
            check_error_types(context, index, action, spec);
        }
        super::flow_types::check_action(context, index, spec);
    }
}

fn report_unknown_type(context: &mut Context, index: usize, action: &Action) {
    let hint = match catalogue::suggest(&action.action_type) {
        Some(known) => format!("did you mean \"{known}\"? `flowsim blocks` lists every action type"),
        None => "use a flow-language action type; `flowsim blocks` lists every one".to_string(),
    };
    let diagnostic = Diagnostic::error(
        codes::UNKNOWN_TYPE,
        context.pointer(index, "/Type"),
        format!("unknown action type {:?}", action.action_type),
    )
    .with_hint(hint);
    context.push_for(index, diagnostic);
}

fn report_alias(context: &mut Context, index: usize, action: &Action, spec: &ActionSpec) {
    if action.action_type == spec.name {
        return;
    }
    let diagnostic = Diagnostic::warning(
        codes::TYPE_ALIAS,
        context.pointer(index, "/Type"),
        format!(
            "action type {:?} is the documentation's spelling; the service writes {:?}",
            action.action_type, spec.name
        ),
    )
    .with_hint(format!("write \"Type\": \"{}\"", spec.name));
    context.push_for(index, diagnostic);
}

/// Reports transitions on an action that ends the flow, and returns true when it did.
fn check_terminal(context: &mut Context, index: usize, action: &Action, spec: &ActionSpec) -> bool {
    if !spec.terminal || action.transitions.is_empty() {
        return false;
    }
    let diagnostic = Diagnostic::error(
        codes::TERMINAL_WITH_TRANSITIONS,
        context.pointer(index, "/Transitions"),
        format!("{} ends the flow, but the action declares transitions", spec.name),
    )
    .with_hint("write \"Transitions\": {}");
    context.push_for(index, diagnostic);
    true
}

fn check_error_types(context: &mut Context, index: usize, action: &Action, spec: &ActionSpec) {
    let mut seen = HashSet::new();
    for (position, entry) in action.transitions.errors.iter().enumerate() {
        let pointer = context.pointer(index, &format!("/Transitions/Errors/{position}/ErrorType"));
        let diagnostic = if seen.insert(entry.error_type.as_str()) {
            undeclared_error_type(action, spec, &entry.error_type, pointer)
        } else {
            Some(duplicate_error_type(&entry.error_type, pointer))
        };
        if let Some(diagnostic) = diagnostic {
            context.push_for(index, diagnostic);
        }
    }
}

fn duplicate_error_type(error_type: &str, pointer: String) -> Diagnostic {
    Diagnostic::warning(
        codes::ERROR_TYPE_DUPLICATE,
        pointer,
        format!("error type {error_type:?} is declared twice; Connect takes the first entry"),
    )
    .with_hint("delete the second entry")
}

/// Reports an error type that the action does not raise, including a timeout on store-mode input.
fn undeclared_error_type(
    action: &Action,
    spec: &ActionSpec,
    error_type: &str,
    pointer: String,
) -> Option<Diagnostic> {
    let store_timeout = error_type == "InputTimeLimitExceeded" && stores_input(action);
    if spec.accepts_error(error_type) && !store_timeout {
        return None;
    }
    let severity = error_type_severity(action, spec, error_type);
    let message = error_type_message(spec, error_type, store_timeout);
    let hint = if store_timeout {
        "delete this entry; on a timeout, store mode continues on `NextAction` and stores \"Timeout\""
            .to_string()
    } else if spec.errors.is_empty() {
        format!("{} declares no error types; delete `Errors`", spec.name)
    } else {
        format!("error types of {}: {}", spec.name, spec.errors.join(", "))
    };
    Some(Diagnostic::new(severity, codes::ERROR_TYPE_UNKNOWN, pointer, message).with_hint(hint))
}

fn error_type_message(spec: &ActionSpec, error_type: &str, store_timeout: bool) -> String {
    if store_timeout {
        return format!(
            "{} with `StoreInput` \"True\" never raises {error_type:?}, and Connect rejects it",
            spec.name
        );
    }
    format!("{} does not declare error type {error_type:?}", spec.name)
}

/// Rates an undeclared error type. It is a warning, because the documentation lags the service,
/// unless it is clearly invalid. Clearly invalid are an error branch on an action that has none,
/// `NoMatchingCondition` on an action without conditions, and `InputTimeLimitExceeded` on a
/// store-input GetParticipantInput, which the service rejects.
fn error_type_severity(action: &Action, spec: &ActionSpec, error_type: &str) -> Severity {
    let no_errors = spec.errors.is_empty();
    let no_conditions = error_type == "NoMatchingCondition" && spec.conditions == ConditionRule::None;
    let store_timeout = error_type == "InputTimeLimitExceeded" && stores_input(action);
    if no_errors || no_conditions || store_timeout {
        Severity::Error
    } else {
        Severity::Warning
    }
}

/// Returns true for a GetParticipantInput in store mode (`StoreInput` "True").
pub(super) fn stores_input(action: &Action) -> bool {
    let store = action.parameters.get("StoreInput");
    action.action_type == "GetParticipantInput"
        && store.is_some_and(|value| match value {
            serde_json::Value::String(text) => text.eq_ignore_ascii_case("true"),
            serde_json::Value::Bool(flag) => *flag,
            _ => false,
        })
}

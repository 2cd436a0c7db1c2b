//! Parameter rules from the catalogue: required keys, JSON kinds and `$.` references by class.

use super::{Context, has_reference, is_whole_reference};
use crate::catalogue::{self, ActionSpec, Family, ParamClass, ParamSpec};
use crate::codes;
use crate::diagnostic::{Diagnostic, escape_pointer_token};
use crate::model::Action;
use serde_json::Value;

pub(super) fn check(context: &mut Context) {
    for (index, action) in context.actions() {
        let Some(spec) = catalogue::lookup(&action.action_type) else {
            continue;
        };
        check_required(context, index, action, spec);
        for (name, value) in &action.parameters {
            match spec.parameter(name) {
                Some(param) => check_value(context, index, spec, param, value),
                None if is_misplaced_request_key(spec, name) => {}
                None => report_unknown(context, index, spec, name),
            }
        }
    }
}

fn check_required(context: &mut Context, index: usize, action: &Action, spec: &ActionSpec) {
    let missing = spec
        .parameters
        .iter()
        .filter(|param| param.required && !action.parameters.contains_key(param.name));
    for param in missing {
        let diagnostic = Diagnostic::error(
            codes::PARAMETER_MISSING,
            context.pointer(index, "/Parameters"),
            format!("{} requires parameter `{}`", spec.name, param.name),
        )
        .with_hint(format!("add `{}` to `Parameters`", param.name));
        context.push_for(index, diagnostic);
    }
}

/// Returns true for a `ProfileRequestData` key under `Parameters`, which the profile rules report.
fn is_misplaced_request_key(spec: &ActionSpec, name: &str) -> bool {
    spec.family == Family::CustomerProfiles && super::profiles::REQUEST_KEYS.contains(&name)
}

/// Reports a parameter that the catalogue does not list. The service rejects unknown parameters on
/// publish, but the reference pages lag the console, so this is a warning unless `strict` is set.
fn report_unknown(context: &mut Context, index: usize, spec: &ActionSpec, name: &str) {
    let known: Vec<&str> = spec.parameters.iter().map(|p| p.name).collect();
    let listed = if known.is_empty() {
        "none".to_string()
    } else {
        known.join(", ")
    };
    let diagnostic = Diagnostic::new(
        context.publish_severity(),
        codes::PARAMETER_UNKNOWN,
        context.pointer(index, &format!("/Parameters/{}", escape_pointer_token(name))),
        format!(
            "{} does not take parameter `{name}`, so flowsim ignores it",
            spec.name
        ),
    )
    .with_hint(format!("parameters of {}: {listed}", spec.name));
    context.push_for(index, diagnostic);
}

fn check_value(context: &mut Context, index: usize, spec: &ActionSpec, param: &ParamSpec, value: &Value) {
    let pointer = context.pointer(
        index,
        &format!("/Parameters/{}", escape_pointer_token(param.name)),
    );
    if !param.kind.matches(value) {
        let diagnostic = Diagnostic::error(
            codes::PARAMETER_KIND,
            pointer,
            format!(
                "{} parameter `{}` must be {}",
                spec.name,
                param.name,
                param.kind.describe()
            ),
        )
        .with_hint("export the flow again, or write the value in the shape the console writes");
        context.push_for(index, diagnostic);
        return;
    }
    let Value::String(text) = value else { return };
    if let Some(diagnostic) = class_problem(spec, param, text, pointer) {
        context.push_for(index, diagnostic);
    }
}

/// Reports a `$.` reference that the parameter's class does not allow.
fn class_problem(spec: &ActionSpec, param: &ParamSpec, text: &str, pointer: String) -> Option<Diagnostic> {
    match param.class {
        ParamClass::Static if has_reference(text) => Some(
            Diagnostic::error(
                codes::REFERENCE_IN_STATIC,
                pointer,
                format!(
                    "{} parameter `{}` takes only a literal, but holds the reference {text:?}",
                    spec.name, param.name
                ),
            )
            .with_hint("write a literal value; Connect does not resolve `$.` references here"),
        ),
        ParamClass::SingleReference if has_reference(text) && !is_whole_reference(text) => Some(
            Diagnostic::error(
                codes::PARTIAL_REFERENCE,
                pointer,
                format!(
                    "{} parameter `{}` takes a literal or one whole `$.` reference, but holds {text:?}",
                    spec.name, param.name
                ),
            )
            .with_hint("make the reference the entire value, or build the text in an attribute first"),
        ),
        _ => None,
    }
}

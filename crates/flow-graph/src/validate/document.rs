//! Document-level rules: `Version`, `StartAction`, unique identifiers, transition targets and
//! reachability.

use super::Context;
use crate::codes;
use crate::diagnostic::Diagnostic;
use crate::graph::{EdgeKind, transitions_of};
use crate::model::Action;
use crate::model::FLOW_LANGUAGE_VERSION;
use std::collections::{HashMap, HashSet};

pub(super) fn check(context: &mut Context) {
    check_version(context);
    check_start_action(context);
    check_duplicates(context);
    check_targets(context);
    check_reachability(context);
}

fn check_version(context: &mut Context) {
    let message = match context.loaded.flow.version.as_deref() {
        Some(FLOW_LANGUAGE_VERSION) => return,
        Some(other) => {
            format!("`Version` is {other:?}, but Connect accepts only \"{FLOW_LANGUAGE_VERSION}\"")
        }
        None => "missing `Version`".to_string(),
    };
    context.push(
        Diagnostic::error(codes::VERSION_INVALID, "/Version", message)
            .with_hint(format!("set \"Version\": \"{FLOW_LANGUAGE_VERSION}\"")),
    );
}

fn check_start_action(context: &mut Context) {
    let flow = &context.loaded.flow;
    let diagnostic = match flow.start_action.as_deref() {
        None => Diagnostic::error(
            codes::START_ACTION_MISSING,
            "/StartAction",
            "missing `StartAction`",
        ),
        Some("") => Diagnostic::error(
            codes::START_ACTION_MISSING,
            "/StartAction",
            "`StartAction` is empty",
        ),
        Some(start) if flow.action(start).is_none() => Diagnostic::error(
            codes::START_ACTION_DANGLING,
            "/StartAction",
            format!("`StartAction` {start:?} names no action"),
        ),
        Some(_) => return,
    };
    context.push(diagnostic.with_hint("set `StartAction` to the `Identifier` of the first action"));
}

fn check_duplicates(context: &mut Context) {
    let mut first_seen: HashMap<&str, usize> = HashMap::new();
    for (index, action) in context.actions() {
        let Some(&first) = first_seen.get(action.identifier.as_str()) else {
            first_seen.insert(&action.identifier, index);
            continue;
        };
        let diagnostic = Diagnostic::error(
            codes::DUPLICATE_IDENTIFIER,
            context.pointer(index, "/Identifier"),
            format!(
                "duplicate `Identifier` {:?}; {} has it too",
                action.identifier,
                context.loaded.action_pointer(first)
            ),
        )
        .with_hint("give each action its own `Identifier`");
        context.push_for(index, diagnostic);
    }
}

fn check_targets(context: &mut Context) {
    let known: HashSet<&str> = context.actions().map(|(_, a)| a.identifier.as_str()).collect();
    for (index, action) in context.actions() {
        for (suffix, kind, target) in located_transitions(action) {
            if known.contains(target) {
                continue;
            }
            let message = if target.is_empty() {
                format!("transition target is empty ({})", describe(&kind))
            } else {
                format!(
                    "transition target {target:?} does not exist ({})",
                    describe(&kind)
                )
            };
            let diagnostic =
                Diagnostic::error(codes::TARGET_DANGLING, context.pointer(index, &suffix), message)
                    .with_hint("point the transition at an existing `Identifier`, or add the missing action");
            context.push_for(index, diagnostic);
        }
    }
}

/// Lists every transition of `action` with its pointer suffix, kind and target.
fn located_transitions(action: &Action) -> Vec<(String, EdgeKind, &str)> {
    let transitions = &action.transitions;
    let mut located = Vec::new();
    if let Some(next) = &transitions.next_action {
        located.push((
            "/Transitions/NextAction".to_string(),
            EdgeKind::Next,
            next.as_str(),
        ));
    }
    for (position, entry) in transitions.errors.iter().enumerate() {
        let suffix = format!("/Transitions/Errors/{position}/NextAction");
        located.push((
            suffix,
            EdgeKind::Error(entry.error_type.clone()),
            entry.next_action.as_str(),
        ));
    }
    for (position, entry) in transitions.conditions.iter().enumerate() {
        let suffix = format!("/Transitions/Conditions/{position}/NextAction");
        located.push((suffix, EdgeKind::Condition(position), entry.next_action.as_str()));
    }
    located
}

fn describe(kind: &EdgeKind) -> String {
    match kind {
        EdgeKind::Next => "`NextAction`".to_string(),
        EdgeKind::Error(error_type) => format!("error {error_type:?}"),
        EdgeKind::Condition(index) => format!("condition {index}"),
    }
}

fn check_reachability(context: &mut Context) {
    let flow = &context.loaded.flow;
    let Some(start) = flow.start_action.as_deref().filter(|s| flow.action(s).is_some()) else {
        return;
    };
    let mut reached: HashSet<&str> = HashSet::from([start]);
    let mut queue = vec![start];
    while let Some(identifier) = queue.pop() {
        let Some(action) = flow.action(identifier) else {
            continue;
        };
        for (_, target) in transitions_of(action) {
            if reached.insert(target) {
                queue.push(target);
            }
        }
    }
    for (index, action) in context.actions() {
        if reached.contains(action.identifier.as_str()) {
            continue;
        }
        let diagnostic = Diagnostic::warning(
            codes::UNREACHABLE,
            context.pointer(index, ""),
            format!("action {:?} is unreachable from `StartAction`", action.identifier),
        )
        .with_hint("connect it to the flow or delete it");
        context.push_for(index, diagnostic);
    }
}

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
    let is_scenario = context.loaded.source.as_ref().is_some_and(|path| {
        path.file_name()
            .and_then(|name| name.to_str())
            .is_some_and(|name| name.ends_with(".scenario.json"))
    });
    let hint = match is_scenario {
        true => "this is a flowsim scenario file, not a flow; lint the flow its `flow` field names, \
                 or run the scenario with `flowsim test`"
            .to_string(),
        false => format!("set \"Version\": \"{FLOW_LANGUAGE_VERSION}\""),
    };
    context.push(Diagnostic::error(codes::VERSION_INVALID, "/Version", message).with_hint(hint));
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
            let hint = match closest_identifier(target, &known) {
                Some(close) => format!("did you mean {close:?}? Otherwise add the missing action"),
                None => {
                    "point the transition at an existing `Identifier`, or add the missing action".to_string()
                }
            };
            let diagnostic =
                Diagnostic::error(codes::TARGET_DANGLING, context.pointer(index, &suffix), message)
                    .with_hint(hint);
            context.push_for(index, diagnostic);
        }
    }
}

/// Returns the existing `Identifier` closest to a dangling `target`, when a typo explains the
/// difference: at most two edits, and fewer than a third of the target's characters.
fn closest_identifier<'k>(target: &str, known: &HashSet<&'k str>) -> Option<&'k str> {
    if target.is_empty() {
        return None;
    }
    let limit = 2.min(target.chars().count() / 3);
    let mut candidates: Vec<(usize, &str)> = known
        .iter()
        .map(|id| (strsim::levenshtein(target, id), *id))
        .filter(|(distance, _)| *distance <= limit)
        .collect();
    candidates.sort();
    candidates.first().map(|(_, id)| *id)
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
    let reached = reach(flow, [start], |_| true);
    let unreached = |identifier: &str| !reached.contains(identifier);
    let targeted: HashSet<&str> = flow
        .actions
        .iter()
        .filter(|action| unreached(&action.identifier))
        .flat_map(|action| transitions_of(action).into_iter().map(|(_, target)| target))
        .filter(|target| *target != start)
        .collect();
    // One warning per unreachable region, at its entry: a block that no other unreachable block leads
    // to, or the first block of a region that is only a cycle.
    let mut covered: HashSet<&str> = HashSet::new();
    let mut entries = Vec::new();
    let by_entries_first = flow
        .actions
        .iter()
        .enumerate()
        .filter(|(_, action)| unreached(&action.identifier))
        .map(|(index, action)| (targeted.contains(action.identifier.as_str()), index, action));
    let mut candidates: Vec<_> = by_entries_first.collect();
    candidates.sort_by_key(|(is_target, index, _)| (*is_target, *index));
    for (_, index, action) in candidates {
        if covered.contains(action.identifier.as_str()) {
            continue;
        }
        let region = reach(flow, [action.identifier.as_str()], |id| {
            unreached(id) && !covered.contains(id)
        });
        let behind = region.len() - 1;
        covered.extend(region);
        entries.push((index, action.identifier.clone(), behind));
    }
    entries.sort();
    for (index, identifier, behind) in entries {
        let message = match behind {
            0 => format!("action {identifier:?} is unreachable from `StartAction`"),
            n => format!(
                "action {identifier:?} is unreachable from `StartAction`, and so {} the {n} action{} after it",
                if n == 1 { "is" } else { "are" },
                if n == 1 { "" } else { "s" }
            ),
        };
        let diagnostic = Diagnostic::warning(codes::UNREACHABLE, context.pointer(index, ""), message)
            .with_hint("connect it to the flow or delete it");
        context.push_for(index, diagnostic);
    }
}

/// Returns the identifiers reachable from `starts` through transitions, following only targets that
/// `follow` accepts.
fn reach<'f>(
    flow: &'f crate::model::Flow,
    starts: impl IntoIterator<Item = &'f str>,
    follow: impl Fn(&str) -> bool,
) -> HashSet<&'f str> {
    let mut reached: HashSet<&str> = starts.into_iter().collect();
    let mut queue: Vec<&str> = reached.iter().copied().collect();
    while let Some(identifier) = queue.pop() {
        let Some(action) = flow.action(identifier) else {
            continue;
        };
        for (_, target) in transitions_of(action) {
            if follow(target) && reached.insert(target) {
                queue.push(target);
            }
        }
    }
    reached
}

//! Checks a scenario against its flows: a key that names no Lambda function, hours, queue, Lex bot,
//! view or block of the flows is an error, because it usually hides a typo that leaves a question
//! to a default.

use crate::error::{ScenarioError, ScenarioErrorKind};
use crate::names::{closest_name, match_rank, resource_id};
use crate::references::{ResourceKind, ResourceNames, ResourceReference, resource_references};
use crate::scenario::Scenario;
use flow_graph::analysis::reads_working_queue;
use flow_graph::diagnostic::pointer;
use flow_graph::model::{Action, Flow};

/// Reports the `lambda`, `hours`, `queues`, `lex`, `views` and `results` keys of `scenario` that
/// name nothing `flow` uses, and scripted results that the block cannot produce.
pub fn check_against(scenario: &Scenario, flow: &Flow) -> Vec<ScenarioError> {
    check_against_flows(scenario, [flow])
}

/// Reports the keys that name nothing any of `flows` uses, for a run that enters modules or
/// transfers to other flows.
///
/// The scenario's `contact.queue` counts as a queue the flows use. A kind of resource is skipped
/// when only the run can tell which one the flows use. That is the case for a `$.` reference in its
/// parameter. For queues and queue hours, it is also the case for a block that reads the working
/// queue in a flow that never sets it, unless the scenario sets `contact.queue`.
pub fn check_against_flows<'a>(
    scenario: &Scenario,
    flows: impl IntoIterator<Item = &'a Flow>,
) -> Vec<ScenarioError> {
    check_against_named_flows(scenario, flows, &ResourceNames::default())
}

/// Reports the keys that name nothing any of `flows` uses, where a key may also be a name that
/// `names` gives a resource (from the flows' metadata or a resource map).
pub fn check_against_named_flows<'a>(
    scenario: &Scenario,
    flows: impl IntoIterator<Item = &'a Flow>,
    names: &ResourceNames,
) -> Vec<ScenarioError> {
    let flows: Vec<&Flow> = flows.into_iter().collect();
    let mut references: Vec<ResourceReference<'_>> =
        flows.iter().flat_map(|flow| resource_references(flow)).collect();
    let start_queue = scenario.contact.queue.as_deref();
    if let Some(queue) = start_queue {
        references.push(ResourceReference {
            kind: ResourceKind::Queue,
            identifier: "",
            parameter: "contact.queue",
            value: queue,
            display_name: None,
        });
    }
    let mut errors = Vec::new();
    for kind in [ResourceKind::Lambda, ResourceKind::Hours, ResourceKind::Queue] {
        let Some(known) = known_references(kind, &flows, &references, start_queue.is_some()) else {
            continue;
        };
        for key in scenario_keys(scenario, kind) {
            let named = known.iter().any(|r| {
                match_rank(key, r.value, r.display_name).is_some()
                    || match_rank(key, r.value, names.get(r.value)).is_some()
            });
            if !named {
                errors.push(unused_key(scenario, kind, key, &known));
            }
        }
    }
    errors.extend(crate::check_scripts::check_scripts(scenario, &flows));
    errors.extend(unknown_queue_hours(scenario));
    errors
}

/// Reports a `contact.moduleInput` when the run's entry flow is not a flow module, because only a
/// module reads `$.Modules.Input`.
pub fn check_entry(scenario: &Scenario, entry: &Flow) -> Option<ScenarioError> {
    scenario.contact.module_input.as_ref()?;
    if entry.is_module() {
        return None;
    }
    let entry_name = entry.name().map(|name| format!(" {name:?}")).unwrap_or_default();
    let message =
        format!("`contact.moduleInput` is set, but the entry flow{entry_name} is not a flow module");
    let error = ScenarioError::new(ScenarioErrorKind::Invalid, "/contact/moduleInput", message)
        .with_file(scenario.source.clone())
        .with_hint("remove `moduleInput`, or start the run at the module whose `$.Modules.Input` it sets");
    Some(error)
}

/// Reports a queue whose `hours` names a key that the scenario's `hours` does not list.
fn unknown_queue_hours(scenario: &Scenario) -> Vec<ScenarioError> {
    scenario
        .queues
        .iter()
        .filter_map(|(queue, state)| Some((queue.as_str(), state.hours.as_deref()?)))
        .filter(|(_, hours)| !scenario.hours.contains_key(*hours))
        .map(|(queue, hours)| unknown_queue_hours_error(scenario, queue, hours))
        .collect()
}

fn unknown_queue_hours_error(scenario: &Scenario, queue: &str, hours: &str) -> ScenarioError {
    let message = format!("queue `{queue}` names hours `{hours}`, which `hours` does not list");
    ScenarioError::new(
        ScenarioErrorKind::Invalid,
        pointer(["queues", queue, "hours"]),
        message,
    )
    .with_file(scenario.source.clone())
    .with_hint(format!("add \"{hours}\" to `hours`, or name one of its keys"))
}

/// Returns the references a key of `kind` may match, or `None` when only the run can tell them.
fn known_references<'r, 'a>(
    kind: ResourceKind,
    flows: &[&Flow],
    references: &'r [ResourceReference<'a>],
    start_queue_given: bool,
) -> Option<Vec<&'r ResourceReference<'a>>> {
    let working_queue_unknown = !start_queue_given && flows.iter().any(|flow| working_queue_unknown(flow));
    let queue_hours = flows
        .iter()
        .flat_map(|flow| &flow.actions)
        .any(checks_queue_hours);
    let accepts = |reference: &ResourceReference<'_>| match kind {
        ResourceKind::Hours => {
            reference.kind == ResourceKind::Hours || (queue_hours && reference.kind == ResourceKind::Queue)
        }
        _ => reference.kind == kind,
    };
    let known: Vec<_> = references.iter().filter(|r| accepts(r)).collect();
    let unknowable = match kind {
        ResourceKind::Lambda => false,
        ResourceKind::Hours => queue_hours && working_queue_unknown,
        ResourceKind::Queue => working_queue_unknown,
    };
    if unknowable || known.iter().any(|r| r.is_dynamic()) {
        return None;
    }
    Some(known)
}

/// Returns true when a block of `flow` reads the working queue and no block of it sets one, so the
/// queue comes from outside the flow (an earlier flow, or the queue of a customer-queue flow).
///
/// NOTE: a flow that sets the working queue on some paths only still counts as setting it, so a key
/// for a queue that an earlier flow set is reported as unused.
pub(crate) fn working_queue_unknown(flow: &Flow) -> bool {
    let sets_queue = flow
        .actions
        .iter()
        .any(|a| a.action_type == "UpdateContactTargetQueue");
    !sets_queue && flow.actions.iter().any(reads_working_queue)
}

/// Returns true for a `CheckHoursOfOperation` with no `HoursOfOperationId`, for which Connect checks
/// the working queue's hours.
fn checks_queue_hours(action: &Action) -> bool {
    action.action_type == "CheckHoursOfOperation" && reads_working_queue(action)
}

fn scenario_keys(scenario: &Scenario, kind: ResourceKind) -> Vec<&str> {
    match kind {
        ResourceKind::Lambda => scenario.lambda.keys().map(String::as_str).collect(),
        // A key that a queue's `hours` names is used whenever that queue's hours are checked.
        ResourceKind::Hours => scenario
            .hours
            .keys()
            .map(String::as_str)
            .filter(|key| !scenario.queues.values().any(|q| q.hours.as_deref() == Some(*key)))
            .collect(),
        ResourceKind::Queue => scenario.queues.keys().map(String::as_str).collect(),
    }
}

fn unused_key(
    scenario: &Scenario,
    kind: ResourceKind,
    key: &str,
    known: &[&ResourceReference<'_>],
) -> ScenarioError {
    let (section, message) = match kind {
        ResourceKind::Lambda => (
            "lambda",
            format!("no block of the flow invokes Lambda function `{key}`"),
        ),
        ResourceKind::Hours => (
            "hours",
            format!("no block of the flow checks hours of operation `{key}`"),
        ),
        ResourceKind::Queue => ("queues", format!("no block of the flow names queue `{key}`")),
    };
    ScenarioError::new(ScenarioErrorKind::UnusedKey, pointer([section, key]), message)
        .with_file(scenario.source.clone())
        .with_hint(unused_key_hint(key, known))
}

/// Lists what the flow names instead, and the closest name when one is close enough to be a typo.
fn unused_key_hint(key: &str, known: &[&ResourceReference<'_>]) -> String {
    let mut candidates: Vec<&str> = Vec::new();
    for reference in known {
        let short = resource_id(reference.value).unwrap_or(reference.value);
        for candidate in [Some(short), reference.display_name].into_iter().flatten() {
            if !candidates.contains(&candidate) {
                candidates.push(candidate);
            }
        }
    }
    if candidates.is_empty() {
        return "the flow names none of this kind; remove the key".to_string();
    }
    let closest = closest_name(key, candidates.iter().copied());
    let listed = candidates
        .iter()
        .map(|c| format!("`{c}`"))
        .collect::<Vec<_>>()
        .join(", ");
    match closest {
        Some(name) => format!("did you mean `{name}`? The flow names {listed}"),
        None => format!("the flow names {listed}; correct the key or remove it"),
    }
}

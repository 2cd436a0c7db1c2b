//! Scenario files that replay the path of each reached transition.

use super::choice::{Choice, ChoiceRecord};
use super::environment::QUEUE_METRICS;
use super::report::{Exploration, ReachedTransition};
use serde_json::{Map, Value, json};

/// A scenario file to write: its file name, its JSON, and the profile fixture beside it.
#[derive(Debug, Clone, PartialEq)]
pub struct WrittenScenario {
    pub file_name: String,
    pub scenario: Value,
    /// The file name and content of the profile fixture that the scenario's `profiles` names.
    pub fixture: Option<(String, Value)>,
}

/// The end of the `description` of every scenario the explorer writes, by which a later
/// exploration into the same folder finds the files to replace.
pub const WRITTEN_MARK: &str = "written by flowsim explore.";

/// The sections of a base scenario that the explorer replaces with its own choices, and the
/// expectations that belong to the base path.
const CHOSEN_SECTIONS: [&str; 11] = [
    "description",
    "inputs",
    "lambda",
    "hours",
    "queues",
    "random",
    "lex",
    "views",
    "results",
    "faults",
    "expect",
];

/// Builds one scenario per reached transition. Each starts from `base`, the base scenario's JSON
/// (an empty object without one), without the sections the explorer replaces. `flow` is set to
/// `flow`, and the path's choices are added. A flow with Customer Profiles blocks gets an empty
/// profile store where the path chose no profiles, because the explorer's store accepts new
/// profiles.
///
/// NOTE: `hours`, `queues` and `random` hold one answer per key in a scenario file, so a path that
/// chose two answers for the same key is written with its first answer and may not replay.
pub fn scenario_files(exploration: &Exploration, flow: &str, base: &Value) -> Vec<WrittenScenario> {
    let mut base = base.clone();
    if let Some(fields) = base.as_object_mut() {
        for section in CHOSEN_SECTIONS {
            fields.shift_remove(section);
        }
    }
    if let Some(fields) = base.as_object_mut().filter(|_| exploration.uses_profiles) {
        fields.entry("profiles").or_insert(json!([]));
    }
    exploration
        .reached
        .iter()
        .enumerate()
        .map(|(index, path)| scenario_file(index + 1, path, flow, &base))
        .collect()
}

fn scenario_file(number: usize, path: &ReachedTransition, flow: &str, base: &Value) -> WrittenScenario {
    let stem = format!("{number:03}-{}", slug(path));
    let mut scenario = base.as_object().cloned().unwrap_or_default();
    let t = &path.transition;
    let description = format!(
        "Takes {} of block {} to {}; {WRITTEN_MARK}",
        t.label, t.identifier, t.target
    );
    scenario.insert("description".to_string(), Value::String(description));
    scenario.insert("flow".to_string(), Value::String(flow.to_string()));
    for record in &path.choices {
        add_answer(&mut scenario, record);
    }
    end_faults(&mut scenario);
    let fixture = profile_fixture(&path.choices).map(|profiles| {
        let name = format!("{stem}.profiles.json");
        scenario.insert("profiles".to_string(), Value::String(name.clone()));
        (name, profiles)
    });
    if path
        .choices
        .iter()
        .any(|r| matches!(r.choice, Choice::Profiles { found: None, .. }))
    {
        scenario.insert("profiles".to_string(), json!({ "unavailable": true }));
    }
    WrittenScenario {
        file_name: format!("{stem}.scenario.json"),
        scenario: Value::Object(scenario),
        fixture,
    }
}

/// Adds the answer of one choice to its scenario section.
fn add_answer(scenario: &mut Map<String, Value>, record: &ChoiceRecord) {
    let subject = record.subject.clone();
    match &record.choice {
        Choice::Input { keys } => push(
            scenario,
            "inputs",
            None,
            json!(keys.as_deref().unwrap_or("timeout")),
        ),
        Choice::LambdaResponse { value } => {
            push(scenario, "lambda", Some(subject), json!({ "response": value }))
        }
        Choice::LambdaError => push(
            scenario,
            "lambda",
            Some(subject),
            json!({ "error": "chosen by flowsim explore" }),
        ),
        Choice::Hours { open } => set_once(scenario, "hours", subject, json!(open)),
        Choice::Queue { at_capacity, metric } => {
            let queue = object_in(scenario, "queues").entry(subject).or_insert(json!({}));
            if record.question == QUEUE_METRICS {
                return;
            }
            if let Value::Object(fields) = queue {
                match metric {
                    Some(metric) => fields
                        .entry(metric.scenario_field())
                        .or_insert(json!(metric.value)),
                    None => fields.entry("atCapacity").or_insert(json!(at_capacity)),
                };
            }
        }
        Choice::Percent { percent } => {
            scenario.entry("random").or_insert(json!({ "percent": percent }));
        }
        Choice::Result { result } => push(
            scenario,
            "results",
            Some(record.identifier.clone()),
            json!(result),
        ),
        Choice::LexIntent {
            intent,
            slots,
            session_attributes,
        } => push(
            scenario,
            "lex",
            Some(subject),
            json!({ "intent": intent, "slots": slots, "sessionAttributes": session_attributes }),
        ),
        Choice::LexTimeout => push(scenario, "lex", Some(subject), json!("timeout")),
        Choice::LexError => push(
            scenario,
            "lex",
            Some(subject),
            json!({ "error": "chosen by flowsim explore" }),
        ),
        Choice::ViewAction { action, data } => push(
            scenario,
            "views",
            Some(subject),
            json!({ "action": action, "data": data }),
        ),
        Choice::ViewError { error_type } => {
            push(scenario, "views", Some(subject), json!({ "error": error_type }))
        }
        Choice::Channel { channel } => {
            object_in(scenario, "contact").insert("channel".to_string(), json!(channel));
        }
        Choice::Attribute { value } => set_attribute(scenario, &subject, value.as_deref()),
        Choice::ModuleInput { value } => set_module_input(scenario, &subject, value.as_deref()),
        Choice::WorkingQueue { queue } => {
            if let Some(queue) = queue {
                object_in(scenario, "contact").insert("queue".to_string(), json!(queue));
            }
        }
        Choice::Profiles { .. } => {}
        Choice::Fault { error, visit } => {
            let list = object_in(scenario, "faults")
                .entry(record.identifier.clone())
                .or_insert(json!([]));
            if let Value::Array(visits) = list {
                if visits.len() <= *visit {
                    visits.resize(visit + 1, Value::Null);
                }
                visits[*visit] = json!(error);
            }
        }
    }
}

/// Ends each `faults` list with `null`, so the visits after the last fault run normally, as they
/// did in the explored run.
fn end_faults(scenario: &mut Map<String, Value>) {
    let Some(Value::Object(faults)) = scenario.get_mut("faults") else {
        return;
    };
    for list in faults.values_mut() {
        if let Value::Array(visits) = list
            && visits.last().is_some_and(|last| !last.is_null())
        {
            visits.push(Value::Null);
        }
    }
}

/// Appends `value` to the list at `section` (or at `section.key`).
fn push(scenario: &mut Map<String, Value>, section: &str, key: Option<String>, value: Value) {
    let list = match key {
        None => scenario.entry(section).or_insert(json!([])),
        Some(key) => object_in(scenario, section).entry(key).or_insert(json!([])),
    };
    if let Value::Array(items) = list {
        items.push(value);
    }
}

fn set_once(scenario: &mut Map<String, Value>, section: &str, key: String, value: Value) {
    object_in(scenario, section).entry(key).or_insert(value);
}

fn set_attribute(scenario: &mut Map<String, Value>, name: &str, value: Option<&str>) {
    let contact = object_in(scenario, "contact");
    let attributes = contact.entry("attributes").or_insert(json!({}));
    let Value::Object(attributes) = attributes else {
        return;
    };
    match value {
        Some(value) => attributes.insert(name.to_string(), json!(value)),
        None => attributes.shift_remove(name),
    };
}

fn set_module_input(scenario: &mut Map<String, Value>, name: &str, value: Option<&str>) {
    let Some(value) = value else {
        return;
    };
    let contact = object_in(scenario, "contact");
    let input = contact.entry("moduleInput").or_insert(json!({}));
    if let Value::Object(input) = input {
        input.insert(name.to_string(), json!(value));
    }
}

fn object_in<'m>(scenario: &'m mut Map<String, Value>, section: &str) -> &'m mut Map<String, Value> {
    let entry = scenario.entry(section).or_insert(json!({}));
    if !entry.is_object() {
        *entry = json!({});
    }
    entry.as_object_mut().expect("the entry was just made an object")
}

/// Returns the profiles that the path's searches found, as a fixture, when any search found some
/// or none and no search failed.
fn profile_fixture(choices: &[ChoiceRecord]) -> Option<Value> {
    let mut profiles: Vec<Value> = Vec::new();
    let mut searched = false;
    for record in choices {
        if let Choice::Profiles {
            found: Some(_),
            profiles: found,
            ..
        } = &record.choice
        {
            searched = true;
            for profile in found {
                let value = serde_json::to_value(profile).expect("a profile always serializes");
                if !profiles.contains(&value) {
                    profiles.push(value);
                }
            }
        }
    }
    searched.then_some(Value::Array(profiles))
}

/// Returns a file-name part for the transition: the block's name or the start of its
/// `Identifier`, then the branch.
fn slug(path: &ReachedTransition) -> String {
    let t = &path.transition;
    let block: String = t
        .name
        .clone()
        .unwrap_or_else(|| t.identifier.chars().take(8).collect());
    let text = format!("{block}-{}", t.label);
    let mut slug = String::new();
    for c in text.chars() {
        match c.is_ascii_alphanumeric() {
            true => slug.push(c.to_ascii_lowercase()),
            false if !slug.ends_with('-') => slug.push('-'),
            false => {}
        }
    }
    slug.trim_matches('-').chars().take(60).collect()
}

//! The Lambda functions, hours of operation and queues a flow names, with their display names.

use flow_graph::model::{Action, Flow};
use indexmap::IndexMap;
use serde::Serialize;
use serde_json::Value;

/// A kind of resource that a scenario answers questions about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum ResourceKind {
    Lambda,
    Hours,
    Queue,
}

/// The parameters that name a resource, with its kind. `AgentId` names an agent's queue.
const RESOURCE_PARAMETERS: [(&str, ResourceKind); 4] = [
    ("LambdaFunctionARN", ResourceKind::Lambda),
    ("HoursOfOperationId", ResourceKind::Hours),
    ("QueueId", ResourceKind::Queue),
    ("AgentId", ResourceKind::Queue),
];

/// One parameter of one block that names a resource.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceReference<'a> {
    pub kind: ResourceKind,
    /// The `Identifier` of the block, or empty for the scenario's own `contact.queue`.
    pub identifier: &'a str,
    pub parameter: &'static str,
    /// The parameter's text: an ARN, id or name, or a `$.` reference.
    pub value: &'a str,
    /// The name the console shows for the resource, from the flow's `Metadata`.
    pub display_name: Option<&'a str>,
}

impl ResourceReference<'_> {
    /// Returns true when the value contains a `$.` reference, so only the run can tell the resource.
    pub fn is_dynamic(&self) -> bool {
        self.value.contains("$.")
    }
}

/// Lists every parameter of `flow` that names a Lambda function, hours of operation or a queue.
pub fn resource_references(flow: &Flow) -> Vec<ResourceReference<'_>> {
    flow.actions
        .iter()
        .flat_map(|action| action_references(flow, action))
        .collect()
}

fn action_references<'a>(flow: &'a Flow, action: &'a Action) -> Vec<ResourceReference<'a>> {
    RESOURCE_PARAMETERS
        .iter()
        .filter_map(|&(parameter, kind)| {
            let value = action.parameters.get(parameter)?.as_str()?;
            Some(ResourceReference {
                kind,
                identifier: &action.identifier,
                parameter,
                value,
                display_name: display_name(flow, &action.identifier, parameter),
            })
        })
        .collect()
}

/// Reads the console's name for a parameter's resource from `Metadata.ActionMetadata`.
///
/// Console exports keep it in `parameters.<Parameter>.displayName`, and for queues and hours also in
/// `queue.text` and `Hours.text`.
fn display_name<'a>(flow: &'a Flow, identifier: &str, parameter: &str) -> Option<&'a str> {
    let metadata = flow.metadata.as_ref()?.action_metadata.get(identifier)?;
    let from_parameters = metadata
        .extra
        .get("parameters")
        .and_then(|parameters| parameters.get(parameter)?.get("displayName"));
    let section = match parameter {
        "QueueId" | "AgentId" => "queue",
        "HoursOfOperationId" => "Hours",
        _ => "",
    };
    let from_section = metadata.extra.get(section).and_then(|value| value.get("text"));
    from_parameters.or(from_section).and_then(Value::as_str)
}

/// Display names of the resources that one or more flows name, keyed by the flow's value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResourceNames {
    names: IndexMap<String, String>,
}

impl ResourceNames {
    /// Collects the display names of every static resource reference in `flows`.
    pub fn from_flows<'a>(flows: impl IntoIterator<Item = &'a Flow>) -> Self {
        let mut names = ResourceNames::default();
        for flow in flows {
            names.add_flow(flow);
        }
        names
    }

    /// Adds the display names of `flow`'s static resource references. The first name seen wins.
    pub fn add_flow(&mut self, flow: &Flow) {
        for reference in resource_references(flow) {
            if let (Some(name), false) = (reference.display_name, reference.is_dynamic()) {
                self.names
                    .entry(reference.value.to_string())
                    .or_insert_with(|| name.to_string());
            }
        }
    }

    /// Records `name` for `reference`, replacing the name a flow's metadata gave it, because a
    /// resource map names the resource as the instance does.
    pub fn insert(&mut self, reference: &str, name: &str) {
        self.names.insert(reference.to_string(), name.to_string());
    }

    /// Returns the display name of the resource that a flow refers to as `reference`.
    pub fn get(&self, reference: &str) -> Option<&str> {
        self.names.get(reference).map(String::as_str)
    }
}

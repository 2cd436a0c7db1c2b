//! The resource map: names and files for the flows, modules, queues, hours, Lambdas and prompts
//! that flows refer to by ARN or id, and values for deployment placeholders.
//!
//! It is read from `flowsim.resources.json` beside the flows and from a scenario's `resources`
//! section, which wins where both name the same key:
//!
//! ```json
//! {
//!   "flows": {"arn:aws:connect:us-east-1:111122223333:instance/i-1/contact-flow/f-1":
//!               {"name": "Billing", "file": "billing.json"}},
//!   "modules": {"m-1": {"name": "Account lookup", "file": "account-lookup.json"}},
//!   "queues": {"arn:aws:connect:us-east-1:111122223333:instance/i-1/queue/q-1": "Billing"},
//!   "hours": {}, "lambdas": {}, "prompts": {},
//!   "placeholders": {"${BillingFlowArn}": "arn:aws:connect:us-east-1:111122223333:instance/i-1/contact-flow/f-1"}
//! }
//! ```
//!
//! A flow or module key is its id or ARN. `file`, relative to the file that declares it, gives
//! that file the key as its id, and `name` lets a `TransferToFlow` or `InvokeFlowModule` that names
//! the flow resolve. Queue, hours, Lambda and prompt names let a scenario key name the resource.
//! Each placeholder text is replaced by its value in every flow file before the flow is parsed.

use crate::error::{ScenarioError, ScenarioErrorKind};
use crate::references::ResourceNames;
use flow_graph::SetOptions;
use flow_graph::diagnostic::pointer;
use indexmap::IndexMap;
use serde::Deserialize;
use serde_path_to_error::Segment;
use std::path::{Path, PathBuf};

pub use flow_graph::flow_set::RESOURCE_MAP_FILE;

/// Names, files and placeholder values for the resources that flows refer to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ResourceMap {
    /// Flows keyed by id or ARN.
    pub flows: IndexMap<String, FlowResource>,
    /// Flow modules keyed by id or ARN.
    pub modules: IndexMap<String, FlowResource>,
    /// Queue names keyed by ARN or id.
    pub queues: IndexMap<String, String>,
    /// Hours-of-operation names keyed by ARN or id.
    pub hours: IndexMap<String, String>,
    /// Lambda function names keyed by ARN.
    pub lambdas: IndexMap<String, String>,
    /// Prompt names keyed by ARN or id.
    pub prompts: IndexMap<String, String>,
    /// Placeholder text, such as `${QueueArn}` or `{{prompts.welcome}}`, and its value.
    pub placeholders: IndexMap<String, String>,
}

/// A flow or module in the resource map.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FlowResource {
    /// The flow's name in Connect.
    pub name: Option<String>,
    /// The exported file, relative to the file that declares the map.
    pub file: Option<PathBuf>,
}

impl ResourceMap {
    /// Reads the resource map at `path`. Its `file` entries are resolved against its folder.
    pub fn load(path: &Path) -> Result<ResourceMap, ScenarioError> {
        let file = Some(path.to_path_buf());
        let text = std::fs::read_to_string(path).map_err(|error| {
            ScenarioError::new(
                ScenarioErrorKind::Io,
                "",
                format!("cannot read resource map: {error}"),
            )
            .with_file(file.clone())
            .with_hint("check the path and that the file is UTF-8 text")
        })?;
        let mut deserializer = serde_json::Deserializer::from_str(&text);
        let mut map: ResourceMap = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
            let pointer = pointer(path_tokens(error.path()));
            ScenarioError::new(ScenarioErrorKind::Invalid, pointer, error.inner().to_string())
                .with_file(file.clone())
                .with_hint(
                    "a resource map has the sections flows, modules, queues, hours, lambdas, prompts and placeholders",
                )
        })?;
        if let Some(folder) = path.parent() {
            map.resolve_files(folder);
        }
        Ok(map)
    }

    /// Reads `flowsim.resources.json` in `folder` when it exists.
    pub fn load_beside(folder: &Path) -> Result<Option<ResourceMap>, ScenarioError> {
        let path = folder.join(RESOURCE_MAP_FILE);
        if !path.is_file() {
            return Ok(None);
        }
        ResourceMap::load(&path).map(Some)
    }

    /// Resolves each relative `file` against `folder`.
    pub fn resolve_files(&mut self, folder: &Path) {
        for resource in self.flows.values_mut().chain(self.modules.values_mut()) {
            if let Some(file) = resource.file.as_mut().filter(|file| file.is_relative()) {
                *file = folder.join(&*file);
            }
        }
    }

    /// Adds the entries of `other`, which win where both maps have the same key.
    pub fn merge(&mut self, other: ResourceMap) {
        self.flows.extend(other.flows);
        self.modules.extend(other.modules);
        self.queues.extend(other.queues);
        self.hours.extend(other.hours);
        self.lambdas.extend(other.lambdas);
        self.prompts.extend(other.prompts);
        self.placeholders.extend(other.placeholders);
    }

    /// Returns the placeholder values, file ids and flow names that a flow set load takes.
    pub fn set_options(&self) -> SetOptions {
        let mut options = SetOptions {
            placeholders: self.placeholders.clone(),
            ..SetOptions::default()
        };
        for (key, resource) in self.flows.iter().chain(&self.modules) {
            if let Some(file) = &resource.file {
                options.ids_by_file.push((file.clone(), key.clone()));
            }
            if let Some(name) = &resource.name {
                options.names.insert(name.clone(), key.clone());
            }
        }
        options
    }

    /// Adds the queue, hours, Lambda and prompt names to `names`, so a scenario key may use them.
    pub fn add_names(&self, names: &mut ResourceNames) {
        let sections = [&self.queues, &self.hours, &self.lambdas, &self.prompts];
        for (reference, name) in sections.into_iter().flatten() {
            names.insert(reference, name);
        }
    }
}

/// Returns the object keys and array indexes of a deserialization path, for a JSON pointer.
fn path_tokens(path: &serde_path_to_error::Path) -> Vec<String> {
    path.iter()
        .filter_map(|segment| match segment {
            Segment::Seq { index } => Some(index.to_string()),
            Segment::Map { key } => Some(key.clone()),
            _ => None,
        })
        .collect()
}

//! Serde structs that mirror the exported flow language (`"Version": "2019-10-30"`), with no logic.
//!
//! Every struct keeps the keys it does not model in an `extra` map, so a flow read and written back
//! loses nothing.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The only flow-language version that Connect accepts.
pub const FLOW_LANGUAGE_VERSION: &str = "2019-10-30";

/// One exported flow or flow module, as the console, `DescribeContactFlow` or an IaC template stores it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Flow {
    #[serde(rename = "Version", default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    #[serde(rename = "StartAction", default, skip_serializing_if = "Option::is_none")]
    pub start_action: Option<String>,
    #[serde(rename = "Metadata", default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
    #[serde(rename = "Actions", default)]
    pub actions: Vec<Action>,
    /// Present on flow modules only: input and output parameters and the module's branches.
    #[serde(rename = "Settings", default, skip_serializing_if = "Option::is_none")]
    pub settings: Option<Value>,
    #[serde(flatten)]
    pub extra: IndexMap<String, Value>,
}

/// Console layout and descriptive data. Connect ignores it at run time, and so does flowsim.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Metadata {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Console spelling of the flow type: `contactFlow`, `customerQueue`, `agentWhisper`, ...
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub flow_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(
        rename = "entryPointPosition",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub entry_point_position: Option<Position>,
    #[serde(
        rename = "ActionMetadata",
        default,
        skip_serializing_if = "IndexMap::is_empty"
    )]
    pub action_metadata: IndexMap<String, ActionMetadata>,
    #[serde(flatten)]
    pub extra: IndexMap<String, Value>,
}

/// Canvas coordinates of a block in the console designer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Position {
    #[serde(default)]
    pub x: f64,
    #[serde(default)]
    pub y: f64,
}

/// Per-block designer data, keyed by the action `Identifier` in [`Metadata::action_metadata`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ActionMetadata {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
    #[serde(rename = "isFriendlyName", default, skip_serializing_if = "Option::is_none")]
    pub is_friendly_name: Option<bool>,
    /// The block's label on the canvas, when the author gave one.
    #[serde(rename = "friendlyName", default, skip_serializing_if = "Option::is_none")]
    pub friendly_name: Option<String>,
    #[serde(flatten)]
    pub extra: IndexMap<String, Value>,
}

/// One block of the flow.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Action {
    #[serde(rename = "Identifier")]
    pub identifier: String,
    #[serde(rename = "Type")]
    pub action_type: String,
    #[serde(rename = "Parameters", default)]
    pub parameters: IndexMap<String, Value>,
    #[serde(rename = "Transitions", default)]
    pub transitions: Transitions,
    #[serde(flatten)]
    pub extra: IndexMap<String, Value>,
}

/// The successors of a block: the default one, error branches and condition branches.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Transitions {
    #[serde(rename = "NextAction", default, skip_serializing_if = "Option::is_none")]
    pub next_action: Option<String>,
    #[serde(rename = "Errors", default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ErrorTransition>,
    #[serde(rename = "Conditions", default, skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<ConditionTransition>,
    #[serde(flatten)]
    pub extra: IndexMap<String, Value>,
}

impl Transitions {
    /// Returns true when the block declares no successor of any kind.
    pub fn is_empty(&self) -> bool {
        self.next_action.is_none() && self.errors.is_empty() && self.conditions.is_empty()
    }
}

/// An `Errors` entry: the branch taken when the block fails with `error_type`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorTransition {
    #[serde(rename = "ErrorType")]
    pub error_type: String,
    #[serde(rename = "NextAction")]
    pub next_action: String,
    #[serde(flatten)]
    pub extra: IndexMap<String, Value>,
}

/// A `Conditions` entry: the branch taken when the block's result meets `condition`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConditionTransition {
    #[serde(rename = "NextAction")]
    pub next_action: String,
    #[serde(rename = "Condition")]
    pub condition: Condition,
    #[serde(flatten)]
    pub extra: IndexMap<String, Value>,
}

/// An operator with its operands, such as `Equals ["1"]` or `NumberGreaterThan ["$.Attributes.limit"]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Condition {
    #[serde(rename = "Operator")]
    pub operator: String,
    #[serde(rename = "Operands", default)]
    pub operands: Vec<Value>,
    #[serde(flatten)]
    pub extra: IndexMap<String, Value>,
}

impl Flow {
    /// Finds an action by its `Identifier`.
    pub fn action(&self, identifier: &str) -> Option<&Action> {
        self.actions.iter().find(|a| a.identifier == identifier)
    }

    /// Returns true for a flow module export, which carries `Settings`.
    pub fn is_module(&self) -> bool {
        self.settings.is_some()
    }

    /// Returns the flow's name from `Metadata`, when the export has one.
    pub fn name(&self) -> Option<&str> {
        self.metadata.as_ref()?.name.as_deref()
    }

    /// Returns the block's display name from `Metadata.ActionMetadata`, when it has one.
    pub fn block_name(&self, identifier: &str) -> Option<&str> {
        let meta = self.metadata.as_ref()?.action_metadata.get(identifier)?;
        meta.friendly_name.as_deref()
    }
}

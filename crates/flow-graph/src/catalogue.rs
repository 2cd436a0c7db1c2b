//! The action catalogue: every flow-language `Type` with its parameters, error types and conditions.
//!
//! This table is the single source of truth for validation, the executor's registry, `flowsim blocks`
//! and the lint. Its facts come from "Actions in the Amazon Connect Flow Language" in the Amazon
//! Connect API Reference (<https://docs.aws.amazon.com/connect/latest/APIReference/flow-language-actions.html>)
//! and, where that reference is silent, from the shapes that the Connect console writes into exports.

mod data;
mod flow_type;
mod suggest;

pub use flow_type::{Channel, FlowType};
pub use suggest::suggest;

use serde::Serialize;

/// The group that a flow-language action belongs to in AWS's documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Family {
    Participant,
    Contact,
    FlowControl,
    Interaction,
    CustomerProfiles,
}

/// Whether a parameter value may hold `$.` references, following the flow language's three
/// parameter classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum ParamClass {
    /// A literal only; Connect rejects any JSONPath.
    Static,
    /// A literal, or one `$.` reference that is the entire value.
    SingleReference,
    /// Free text with any number of embedded `$.` references, such as `"Hello $.Customer.FirstName"`.
    Template,
}

/// The JSON kind a parameter value must have.
///
/// Console exports write every scalar as a string (`"8"`, `"True"`), so [`JsonKind::Scalar`]
/// accepts a string, number or boolean alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum JsonKind {
    Scalar,
    Object,
    Array,
    Any,
}

impl JsonKind {
    /// Returns true when `value` has this kind.
    pub fn matches(self, value: &serde_json::Value) -> bool {
        use serde_json::Value;
        match self {
            JsonKind::Scalar => matches!(value, Value::String(_) | Value::Number(_) | Value::Bool(_)),
            JsonKind::Object => value.is_object(),
            JsonKind::Array => value.is_array(),
            JsonKind::Any => true,
        }
    }

    /// Returns the kind's name as messages write it.
    pub fn describe(self) -> &'static str {
        match self {
            JsonKind::Scalar => "a string, number or boolean",
            JsonKind::Object => "an object",
            JsonKind::Array => "an array",
            JsonKind::Any => "any JSON value",
        }
    }
}

/// One key of an action's `Parameters` object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ParamSpec {
    pub name: &'static str,
    pub class: ParamClass,
    pub kind: JsonKind,
    pub required: bool,
}

impl ParamSpec {
    /// Creates an optional parameter.
    pub const fn new(name: &'static str, class: ParamClass, kind: JsonKind) -> Self {
        ParamSpec {
            name,
            class,
            kind,
            required: false,
        }
    }

    /// Marks the parameter as required.
    pub const fn required(mut self) -> Self {
        self.required = true;
        self
    }
}

/// The rule for the `Conditions` that an action accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "rule", content = "results")]
pub enum ConditionRule {
    /// The action takes no conditions.
    None,
    /// Only `Equals`, with a literal operand (a DTMF key, an intent, a view action, a module branch).
    EqualsStatic,
    /// Every documented operator, with literal or `$.` operands.
    AnyOperator,
    /// Only `Equals`, with one of a fixed set of results such as `CallAnswered`.
    Results(&'static [&'static str]),
    /// Only `Equals`, with exactly one condition for each result, such as `True` and `False`.
    EveryResult(&'static [&'static str]),
}

/// The catalogue entry of one action `Type`: parameters, error types, conditions, flow types and
/// channels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ActionSpec {
    /// The `Type` string, in the spelling that the Connect service writes.
    pub name: &'static str,
    pub family: Family,
    /// The console block it corresponds to and what it does, in one line.
    pub summary: &'static str,
    pub parameters: &'static [ParamSpec],
    /// The `ErrorType` values that an `Errors` entry of this action may name.
    pub errors: &'static [&'static str],
    pub conditions: ConditionRule,
    /// True when the action ends the flow and so declares no transitions (`Transitions: {}`).
    pub terminal: bool,
    /// True when success ends the flow, so only the `Errors` entries lead on and `NextAction` is
    /// never followed: a transfer to a queue or to another flow.
    pub ends_on_success: bool,
    /// The flow types whose designer offers this action.
    pub flow_types: &'static [FlowType],
    /// The channels on which the action works; on the others it takes its error branch.
    pub channels: &'static [Channel],
}

impl ConditionRule {
    /// Returns the fixed results of a [`ConditionRule::Results`] or [`ConditionRule::EveryResult`]
    /// rule.
    pub fn results(self) -> Option<&'static [&'static str]> {
        match self {
            ConditionRule::Results(results) | ConditionRule::EveryResult(results) => Some(results),
            _ => None,
        }
    }
}

impl ActionSpec {
    /// Finds a parameter by its key.
    pub fn parameter(&self, name: &str) -> Option<&'static ParamSpec> {
        self.parameters.iter().find(|p| p.name == name)
    }

    /// Returns true when an `Errors` entry may name `error_type`.
    pub fn accepts_error(&self, error_type: &str) -> bool {
        self.errors.contains(&error_type)
    }
}

/// Other spellings of an action `Type` that flowsim accepts, with the service spelling.
/// Connect's documentation writes the first; the service and the console write the second.
pub const ALIASES: &[(&str, &str)] = &[
    ("UnTagContact", "UntagContact"),
    ("UpdateRoutingCriteria", "UpdateContactRoutingCriteria"),
];

/// The operators that a `Conditions` entry may use. `KeyExists` is undocumented, but the service
/// accepts it.
pub const OPERATORS: &[&str] = &[
    "Equals",
    "TextStartsWith",
    "TextEndsWith",
    "TextContains",
    "NumberGreaterThan",
    "NumberGreaterOrEqualTo",
    "NumberLessThan",
    "NumberLessOrEqualTo",
    "KeyExists",
];

/// Lists every action in the catalogue, grouped by family and sorted by name within each family.
pub fn all() -> &'static [ActionSpec] {
    data::ACTIONS
}

/// Finds the specification of `type_name`, also under an alias from [`ALIASES`].
pub fn lookup(type_name: &str) -> Option<&'static ActionSpec> {
    let name = canonical_name(type_name).unwrap_or(type_name);
    data::ACTIONS.iter().find(|spec| spec.name == name)
}

/// Returns the service spelling for an alias from [`ALIASES`], or `None` for any other name.
pub fn canonical_name(alias: &str) -> Option<&'static str> {
    ALIASES.iter().find(|(from, _)| *from == alias).map(|(_, to)| *to)
}

//! The scenario file's sections as serde structs: every section optional, unknown fields rejected.

mod de;
mod interactions;

use crate::hours::HoursEntry;
use chrono::{DateTime, Utc};
use flow_executor::{AttributeOverflowPolicy, CallerInput, MissingAttributePolicy, QueueStatus, RunSettings};
use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::path::{Component, Path, PathBuf};

pub use interactions::{LexAnswer, VIEW_ERRORS, ViewAnswer};

/// The outside world of one deterministic run, as a `*.scenario.json` file describes it.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct Scenario {
    /// A sentence on the purpose of the scenario, for people who read it.
    pub description: Option<String>,
    /// The flow file, relative to the scenario file. A flow given on the command line wins.
    pub flow: Option<PathBuf>,
    #[serde(deserialize_with = "de::object")]
    pub contact: Contact,
    pub profiles: Option<Profiles>,
    /// The caller's inputs at input blocks, in order.
    #[serde(deserialize_with = "de::caller_inputs")]
    pub inputs: Vec<CallerInput>,
    /// Results per Lambda function ARN or name, used in order; the last one repeats.
    #[serde(deserialize_with = "de::lambda_scripts")]
    pub lambda: IndexMap<String, Vec<LambdaAnswer>>,
    /// Hours of operation keyed by ARN, id or name: `true`, `false`, or a schedule evaluated at
    /// `clock`.
    pub hours: IndexMap<String, HoursEntry>,
    /// The instant at which hour schedules are evaluated, in RFC 3339 such as
    /// `"2026-12-07T09:30:00Z"`. Without it, schedules are evaluated at
    /// [`crate::clock::DEFAULT_CLOCK`] and the answer is marked assumed.
    #[serde(deserialize_with = "crate::clock::deserialize_clock")]
    pub clock: Option<DateTime<Utc>>,
    /// Queue states keyed by queue ARN, id or name.
    #[serde(deserialize_with = "de::queue_states")]
    pub queues: IndexMap<String, QueueState>,
    pub random: Option<RandomSource>,
    /// Amazon Connect Cases that the case blocks search and update: objects of case fields such
    /// as `case_id`, `customer_id`, `status` and `title`. Without this section the scenario's
    /// `results` decide the case blocks' branches.
    pub cases: Option<Vec<serde_json::Map<String, Value>>>,
    /// Data tables keyed by id, ARN or name. Without this section the scenario's `results` decide
    /// the data-table blocks' branches.
    pub data_tables: IndexMap<String, DataTableFixture>,
    /// Lex turns per bot (alias ARN, bot id, bot name, or `*` for any bot), used in order; the
    /// last one repeats.
    #[serde(deserialize_with = "interactions::scripts")]
    pub lex: IndexMap<String, Vec<LexAnswer>>,
    /// View outcomes per view ARN, id or name, used in order; the last one repeats.
    #[serde(deserialize_with = "interactions::scripts")]
    pub views: IndexMap<String, Vec<ViewAnswer>>,
    /// Results per block `Identifier` or action `Type`, used in order; the last one repeats. They
    /// answer blocks such as `CheckVoiceId`, `CheckOutboundCallStatus` and `Wait`.
    #[serde(deserialize_with = "interactions::scripts")]
    pub results: IndexMap<String, Vec<String>>,
    /// Failures per block `Identifier` or action `Type`, one per visit and used in order; the last
    /// one repeats. An error type makes the block fail with it before it runs, as when the service
    /// it calls fails; `null` lets that visit run normally.
    #[serde(deserialize_with = "interactions::scripts")]
    pub faults: IndexMap<String, Vec<Option<String>>>,
    #[serde(deserialize_with = "de::object")]
    pub settings: ScenarioSettings,
    /// Names, files and placeholder values for the resources the flows refer to, added to and
    /// overriding the `flowsim.resources.json` beside the flows.
    pub resources: crate::resources::ResourceMap,
    /// What `flowsim test` checks at the end of the run: the end, the path, prompts and attributes.
    pub expect: Option<crate::expect::Expectations>,
    /// The file the scenario was loaded from; relative paths in it are resolved against its folder.
    #[serde(skip)]
    pub source: Option<PathBuf>,
}

impl Scenario {
    /// Resolves `path` against the scenario file's folder, or returns it unchanged when the scenario
    /// has no file or the path is absolute.
    pub fn resolve_path(&self, path: &Path) -> PathBuf {
        let folder = self.source.as_deref().and_then(Path::parent);
        match folder {
            Some(folder) if path.is_relative() => lexically_tidy(&folder.join(path)),
            _ => path.to_path_buf(),
        }
    }

    /// Returns the `flow` file resolved against the scenario file's folder.
    pub fn flow_path(&self) -> Option<PathBuf> {
        self.flow.as_deref().map(|path| self.resolve_path(path))
    }

    /// Returns `base` with the scenario's `stepBudget` and `missingAttribute` applied.
    pub fn run_settings(&self, base: RunSettings) -> RunSettings {
        let mut settings = base;
        if let Some(budget) = self.settings.step_budget {
            settings.step_budget = budget.get();
        }
        if let Some(policy) = self.settings.missing_attribute {
            settings.missing_attribute = policy.into();
        }
        if let Some(policy) = self.settings.attribute_overflow {
            settings.attribute_overflow = policy.into();
        }
        settings
    }
}

/// The contact that enters the flow.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct Contact {
    pub channel: Channel,
    /// The caller's address: a phone number such as `+15550100101`, or an email address.
    pub customer_endpoint: Option<String>,
    /// The address the caller reached: the dialled number, or the contact center's email address.
    pub system_endpoint: Option<String>,
    /// Initial contact attributes. Connect's contact attributes are strings, so any other JSON value
    /// is rejected when the file is loaded.
    #[serde(deserialize_with = "de::string_attributes")]
    pub attributes: IndexMap<String, String>,
    pub contact_id: Option<String>,
    pub initial_contact_id: Option<String>,
    pub instance_arn: Option<String>,
    pub aws_region: Option<String>,
    pub language_code: Option<String>,
    /// The working queue when the flow starts (an ARN, id or name), as in a customer-queue flow or
    /// a flow that an earlier flow transferred to after setting the queue.
    pub queue: Option<String>,
    /// `$.Modules.Input` when the entry flow is a flow module: the input that the invoking flow's
    /// `InvokeFlowModule` block would pass.
    pub module_input: Option<serde_json::Map<String, serde_json::Value>>,
}

/// The contact's channel, as `$.Channel` spells it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Channel {
    #[default]
    Voice,
    Chat,
    Task,
    Email,
}

impl Channel {
    /// Returns the channel's spelling in `$.Channel`.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Voice => "VOICE",
            Channel::Chat => "CHAT",
            Channel::Task => "TASK",
            Channel::Email => "EMAIL",
        }
    }
}

/// The source of the run's Customer Profiles.
#[derive(Debug, Clone, PartialEq)]
pub enum Profiles {
    /// A JSON or NDJSON fixture file, relative to the scenario file.
    Fixture(PathBuf),
    /// Profiles written inline in the scenario.
    Inline(Vec<Value>),
    /// Customer Profiles is not available, so every profile action fails.
    Unavailable,
}

/// One scripted result of a Lambda function: `{"response": ...}` or `{"error": "..."}`, either
/// with an optional `"durationSeconds"`.
#[derive(Debug, Clone, PartialEq)]
pub enum LambdaAnswer {
    /// The function returned this JSON value.
    Response(Value),
    /// The function failed with this message (an exception, a timeout or a throttle).
    Error(String),
    /// The function ran this many seconds before it produced `answer`. When that is more than the
    /// block's `InvocationTimeLimitSeconds`, the call times out and the block takes its error
    /// branch.
    Timed {
        duration_seconds: f64,
        answer: Box<LambdaAnswer>,
    },
}

/// A queue's state. Fields left out take the values of a queue the scenario does not list.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct QueueState {
    /// The key in `hours` of the queue's hours of operation, which `CheckHoursOfOperation` uses
    /// when it names no hours.
    pub hours: Option<String>,
    pub at_capacity: bool,
    pub agents_online: u32,
    pub agents_available: u32,
    pub agents_staffed: u32,
    pub contacts_in_queue: u32,
    pub oldest_contact_age_seconds: u32,
    pub agents_after_contact_work: u32,
    pub agents_busy: u32,
    pub agents_missed: u32,
    pub agents_non_productive: u32,
    /// Connect's estimate of a new contact's wait, in seconds; absent when the queue had no
    /// activity.
    pub estimated_wait_time_seconds: Option<u32>,
    /// The contact's position in this queue, from 1, for a flow that runs while it waits.
    pub contact_position_in_queue: Option<u32>,
    /// The contact's estimated remaining wait in this queue, in seconds.
    pub contact_estimated_wait_time_seconds: Option<u32>,
}

/// A queue with room: one agent staffed, available and online, and no contact waiting.
impl Default for QueueState {
    fn default() -> Self {
        QueueState {
            hours: None,
            at_capacity: false,
            agents_online: 1,
            agents_available: 1,
            agents_staffed: 1,
            contacts_in_queue: 0,
            oldest_contact_age_seconds: 0,
            agents_after_contact_work: 0,
            agents_busy: 0,
            agents_missed: 0,
            agents_non_productive: 0,
            estimated_wait_time_seconds: None,
            contact_position_in_queue: None,
            contact_estimated_wait_time_seconds: None,
        }
    }
}

impl From<&QueueState> for QueueStatus {
    fn from(state: &QueueState) -> Self {
        QueueStatus {
            at_capacity: state.at_capacity,
            agents_online: state.agents_online,
            agents_available: state.agents_available,
            agents_staffed: state.agents_staffed,
            contacts_in_queue: state.contacts_in_queue,
            oldest_contact_age_seconds: state.oldest_contact_age_seconds,
            agents_after_contact_work: state.agents_after_contact_work,
            agents_busy: state.agents_busy,
            agents_missed: state.agents_missed,
            agents_non_productive: state.agents_non_productive,
            estimated_wait_time_seconds: state.estimated_wait_time_seconds,
            contact_position_in_queue: state.contact_position_in_queue,
            contact_estimated_wait_time_seconds: state.contact_estimated_wait_time_seconds,
        }
    }
}

/// The source of the number from 1 to 100 that `DistributeByPercentage` draws: `{"seed": N}` or
/// `{"percent": N}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RandomSource {
    /// flowsim's SplitMix64 generator started from this seed.
    Seed(u64),
    /// Every `DistributeByPercentage` block draws this number.
    Percent(u8),
}

/// Settings of the run and of the profile store.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct ScenarioSettings {
    /// Blocks executed before the run ends with `StepBudgetExhausted`.
    pub step_budget: Option<std::num::NonZeroUsize>,
    pub missing_attribute: Option<MissingAttribute>,
    /// The behaviour of Set contact attributes past the 32 KB attribute limit: `error` (the
    /// default) or `truncate`.
    pub attribute_overflow: Option<AttributeOverflow>,
    /// The comparison rule of profile searches by phone number.
    pub phone_matching: Option<PhoneMatching>,
    /// Reports a question the scenario leaves open instead of assuming a default value.
    pub strict: bool,
}

/// The value that a reference to a missing attribute resolves to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MissingAttribute {
    /// The empty string.
    Empty,
    /// The block fails with `NoMatchingError`.
    Error,
}

impl From<MissingAttribute> for MissingAttributePolicy {
    fn from(value: MissingAttribute) -> Self {
        match value {
            MissingAttribute::Empty => MissingAttributePolicy::Empty,
            MissingAttribute::Error => MissingAttributePolicy::Error,
        }
    }
}

/// The behaviour of Set contact attributes when a write would pass the 32 KB attribute limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AttributeOverflow {
    /// The block takes its error branch and writes nothing.
    Error,
    /// The block writes what fits and drops the rest, as the contact record does.
    Truncate,
}

impl From<AttributeOverflow> for AttributeOverflowPolicy {
    fn from(value: AttributeOverflow) -> Self {
        match value {
            AttributeOverflow::Error => AttributeOverflowPolicy::Error,
            AttributeOverflow::Truncate => AttributeOverflowPolicy::Truncate,
        }
    }
}

/// The rule by which a profile search by phone number compares the searched and stored numbers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PhoneMatching {
    /// Both numbers are read as E.164 first, so `+15551234567` finds `(555) 123-4567`.
    #[default]
    #[serde(alias = "normalized")]
    Normalised,
    /// The stored value must equal the searched value character for character.
    Exact,
}

/// One data table of the `dataTables` section.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct DataTableFixture {
    /// The attributes whose values identify a record, such as `["Line_Of_Business", "Location"]`.
    pub primary_attributes: Vec<String>,
    /// The records: objects of attribute values, primary attributes included.
    #[serde(default)]
    pub records: Vec<serde_json::Map<String, Value>>,
    /// The table's lock version, which each write increments; 1 when left out.
    #[serde(default = "first_lock_version")]
    pub lock_version: u64,
}

fn first_lock_version() -> u64 {
    1
}

/// Removes `.` and `name/..` from `path` without touching the file system.
///
/// NOTE: where `name` is a symbolic link to a folder elsewhere, `name/..` on disk is that folder's
/// parent, so the tidied path names another file. Scenario folders rarely hold such links.
pub(crate) fn lexically_tidy(path: &Path) -> PathBuf {
    let mut parts: Vec<Component<'_>> = Vec::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir if matches!(parts.last(), Some(Component::Normal(_))) => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    if parts.is_empty() {
        return PathBuf::from(".");
    }
    parts.iter().collect()
}

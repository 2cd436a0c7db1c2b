//! `ContactRecord`: contact settings that blocks change but no attribute path reads back.

use crate::env::BlockQuestion;
use crate::handler::{ActionContext, HandlerError};
use crate::state::ContactState;
use indexmap::IndexMap;
use serde::Serialize;
use serde_json::Value;

/// The event types that `UpdateContactEventHooks` accepts as the key of `EventHooks`.
pub const EVENT_HOOK_TYPES: &[&str] = &[
    "AgentHold",
    "AgentWhisper",
    "CustomerHold",
    "CustomerQueue",
    "CustomerRemaining",
    "CustomerWhisper",
    "DefaultAgentUI",
    "DisconnectAgentUI",
    "PauseContact",
    "ResumeContact",
];

/// The settings and side effects of a contact that its attribute tree does not show, kept in a
/// typed slot of [`ContactState::extensions`] so that later blocks and flows of the same run see them.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ContactRecord {
    /// Flows to run on contact events, keyed by event type such as `CustomerQueue` or
    /// `CustomerRemaining` (the disconnect flow).
    pub event_hooks: IndexMap<String, EventHook>,
    /// `QueuePriority` from Change routing priority: 1 is routed first.
    pub queue_priority: Option<u64>,
    /// `QueueTimeAdjustmentSeconds` from Change routing priority, added to the contact's age in
    /// queue. Negative values make the contact younger.
    pub queue_time_adjustment_seconds: Option<i64>,
    /// The resolved `RoutingCriteria` of the last Set routing criteria block.
    pub routing_criteria: Option<Value>,
    /// The last `PreviousContactParticipantState`: `AgentOnHold`, `CustomerOnHold` or `OffHold`.
    pub previous_contact_participant_state: Option<String>,
    /// Voice ID settings from Set contact properties, keyed by parameter name.
    pub voice_id: IndexMap<String, String>,
    /// Contacts that the flow created: tasks, outbound chats and emails, related contacts.
    pub created_contacts: Vec<CreatedContact>,
    /// The contacts that Resume contact resumed, counted.
    pub resumed: u32,
}

/// A flow that Connect runs on one contact event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EventHook {
    /// The flow's id or ARN, as the block resolved it. Empty when a block only switched the
    /// event's flow off, before any block set one.
    pub flow: String,
    /// True when `EventHooksConfiguration` sets `DisableExecution` for the event.
    pub disabled: bool,
}

/// A contact that a block created, as the block requested it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CreatedContact {
    /// The creating action `Type`, such as `CreateTask`.
    pub action_type: String,
    /// The `Identifier` of the creating block.
    pub identifier: String,
    /// The id flowsim gave the new contact.
    pub contact_id: String,
    /// The resolved parameters of the request.
    pub request: Value,
}

impl ContactRecord {
    /// Returns the record of `state`, if any block wrote one.
    pub fn of(state: &ContactState) -> Option<&ContactRecord> {
        state.extensions.get::<ContactRecord>()
    }

    /// Returns the record of `state`, creating an empty one first if there is none.
    pub fn of_mut(state: &mut ContactState) -> &mut ContactRecord {
        if state.extensions.get::<ContactRecord>().is_none() {
            state.extensions.insert(ContactRecord::default());
        }
        state
            .extensions
            .get_mut::<ContactRecord>()
            .expect("the record was inserted above")
    }

    /// Returns the flow of the event `event_type`, unless it is unset or disabled.
    pub fn event_flow(&self, event_type: &str) -> Option<&str> {
        let hook = self.event_hooks.get(event_type)?;
        (!hook.disabled && !hook.flow.is_empty()).then_some(hook.flow.as_str())
    }

    /// Records a created contact and returns its id: a fixed UUID numbered by creation order, so
    /// two runs of one scenario give the same ids.
    pub fn add_created(&mut self, action_type: &str, identifier: &str, request: Value) -> String {
        let contact_id = format!(
            "00000000-0000-4000-8000-{:012}",
            100 + self.created_contacts.len()
        );
        self.created_contacts.push(CreatedContact {
            action_type: action_type.to_string(),
            identifier: identifier.to_string(),
            contact_id: contact_id.clone(),
            request,
        });
        contact_id
    }
}

/// The result a block reports when it succeeds, in the options of a [`BlockQuestion`].
pub const SUCCESS: &str = "Success";

const NO_MATCHING_ERROR: &str = super::NO_MATCHING_ERROR;
const SUCCESS_OR_ERROR: &[&str] = &[SUCCESS, NO_MATCHING_ERROR];
const SENDING: &[&str] = &[SUCCESS, NO_MATCHING_ERROR, "TemplateRenderingError"];

/// The results that each contact, case and data-table type may ask the environment for, the first
/// being the default. The cases and data-table types ask only when the scenario has no fixture for
/// them.
const RESULT_OPTIONS: &[(&str, &[&str])] = &[
    ("UpdatePreviousContactParticipantState", SUCCESS_OR_ERROR),
    ("UpdateContactMediaProcessing", SUCCESS_OR_ERROR),
    ("ResumeContact", SUCCESS_OR_ERROR),
    ("CreateTask", SUCCESS_OR_ERROR),
    ("CreateWisdomSession", SUCCESS_OR_ERROR),
    ("CreateContact", SUCCESS_OR_ERROR),
    ("CreatePersistentContactAssociation", SUCCESS_OR_ERROR),
    ("StartOutboundChatContact", SENDING),
    ("StartOutboundEmailContact", SENDING),
    ("RenderMessageTemplate", SENDING),
    ("CreateCase", &[SUCCESS, "ContactNotLinked", NO_MATCHING_ERROR]),
    ("UpdateCase", &[SUCCESS, "ContactNotLinked", NO_MATCHING_ERROR]),
    (
        "GetCase",
        &[
            SUCCESS,
            "ContactNotLinked",
            "MultipleFound",
            "NoneFound",
            NO_MATCHING_ERROR,
        ],
    ),
    ("ListDataTableValues", SUCCESS_OR_ERROR),
    ("EvaluateDataTableValues", SUCCESS_OR_ERROR),
    ("UpsertDataTableValues", SUCCESS_OR_ERROR),
];

/// Lists the results that a block of `action_type` may ask the environment for, or returns `None`
/// for a type that sends no such question.
pub fn result_options(action_type: &str) -> Option<&'static [&'static str]> {
    RESULT_OPTIONS
        .iter()
        .find(|(name, _)| *name == action_type)
        .map(|(_, options)| *options)
}

/// Asks the environment which of the block type's [`result_options`] happened and reports the
/// result. A result outside the options is an invalid scenario.
pub fn ask_block_result(ctx: &mut ActionContext<'_>, topic: &str) -> Result<String, HandlerError> {
    let options = result_options(&ctx.action.action_type).unwrap_or(SUCCESS_OR_ERROR);
    let question = BlockQuestion {
        action_type: &ctx.action.action_type,
        topic,
        options,
        default: options[0],
    };
    let answer = ctx.env.block_result(&ctx.action.identifier, &question)?;
    ctx.report_answer(topic, &Value::String(answer.value.clone()), answer.assumed);
    if !options.contains(&answer.value.as_str()) {
        return Err(HandlerError::Invalid(format!(
            "invalid result {:?} for {topic} at block {}: expected one of {}; correct `results` in the scenario",
            answer.value,
            ctx.action.identifier,
            options.join(", ")
        )));
    }
    Ok(answer.value)
}

//! Flow types and contact channels, in the console and API spellings.

use crate::model::Flow;
use serde::Serialize;
use std::fmt;

/// The kind of flow, which decides the actions that the designer offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum FlowType {
    ContactFlow,
    CustomerQueue,
    CustomerHold,
    CustomerWhisper,
    OutboundWhisper,
    AgentHold,
    AgentWhisper,
    AgentTransfer,
    QueueTransfer,
    Campaign,
    /// A flow module, created with `CreateContactFlowModule` rather than `CreateContactFlow`.
    Module,
}

/// Each flow type with its console spelling (`Metadata.type`) and its API spelling (the `Type` of
/// `CreateContactFlow`). A module has neither, so it is listed under the names flowsim uses.
const NAMES: &[(FlowType, &str, &str)] = &[
    (FlowType::ContactFlow, "contactFlow", "CONTACT_FLOW"),
    (FlowType::CustomerQueue, "customerQueue", "CUSTOMER_QUEUE"),
    (FlowType::CustomerHold, "customerHold", "CUSTOMER_HOLD"),
    (FlowType::CustomerWhisper, "customerWhisper", "CUSTOMER_WHISPER"),
    (FlowType::OutboundWhisper, "outboundWhisper", "OUTBOUND_WHISPER"),
    (FlowType::AgentHold, "agentHold", "AGENT_HOLD"),
    (FlowType::AgentWhisper, "agentWhisper", "AGENT_WHISPER"),
    (FlowType::AgentTransfer, "agentTransfer", "AGENT_TRANSFER"),
    (FlowType::QueueTransfer, "queueTransfer", "QUEUE_TRANSFER"),
    (FlowType::Campaign, "campaign", "CAMPAIGN"),
    (FlowType::Module, "module", "MODULE"),
];

impl FlowType {
    /// Every flow type, modules included.
    pub const ALL: &'static [FlowType] = &[
        FlowType::ContactFlow,
        FlowType::CustomerQueue,
        FlowType::CustomerHold,
        FlowType::CustomerWhisper,
        FlowType::OutboundWhisper,
        FlowType::AgentHold,
        FlowType::AgentWhisper,
        FlowType::AgentTransfer,
        FlowType::QueueTransfer,
        FlowType::Campaign,
        FlowType::Module,
    ];

    /// Returns the spelling of `Metadata.type` in console exports, such as `customerQueue`.
    pub fn console_name(self) -> &'static str {
        self.names().1
    }

    /// Returns the spelling of the `CreateContactFlow` API, such as `CUSTOMER_QUEUE`.
    pub fn api_name(self) -> &'static str {
        self.names().2
    }

    /// Parses either spelling; the console spelling is matched case-sensitively.
    pub fn parse(name: &str) -> Option<FlowType> {
        NAMES
            .iter()
            .find(|(_, console, api)| *console == name || *api == name)
            .map(|(flow_type, _, _)| *flow_type)
    }

    /// Detects the type of `flow`: a module when it has `Settings` or an `EndFlowModuleExecution`
    /// action, otherwise the console's `Metadata.type`. Returns `None` when the export has neither.
    pub fn of(flow: &Flow) -> Option<FlowType> {
        let ends_module = flow
            .actions
            .iter()
            .any(|action| action.action_type == "EndFlowModuleExecution");
        if flow.is_module() || ends_module {
            return Some(FlowType::Module);
        }
        let metadata = flow.metadata.as_ref()?;
        FlowType::parse(metadata.flow_type.as_deref()?)
    }

    fn names(self) -> &'static (FlowType, &'static str, &'static str) {
        NAMES
            .iter()
            .find(|(flow_type, _, _)| *flow_type == self)
            .expect("NAMES lists every FlowType variant")
    }
}

impl fmt::Display for FlowType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.console_name())
    }
}

/// The channel of a contact, as `$.Channel` stores it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Channel {
    Voice,
    Chat,
    Task,
    Email,
}

impl Channel {
    /// Every channel.
    pub const ALL: &'static [Channel] = &[Channel::Voice, Channel::Chat, Channel::Task, Channel::Email];

    /// Returns the value of `$.Channel`, such as `VOICE`.
    pub fn name(self) -> &'static str {
        match self {
            Channel::Voice => "VOICE",
            Channel::Chat => "CHAT",
            Channel::Task => "TASK",
            Channel::Email => "EMAIL",
        }
    }
}

//! Flow-type rules: which flow type a flow is checked as, and the actions that type rejects.

use super::Context;
use crate::catalogue::{ActionSpec, FlowType};
use crate::codes;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Flow;
use serde::Serialize;
use std::fmt;

use FlowType::{
    AgentHold, AgentWhisper, ContactFlow, CustomerHold, CustomerQueue, CustomerWhisper, OutboundWhisper,
};

/// The source of a flow's flow type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum FlowTypeSource {
    /// `--flow-type` on the command line, or [`super::ValidateOptions::flow_type`].
    Requested,
    /// The console's `Metadata.type`.
    Metadata,
    /// The export is a flow module: it has `Settings` or an `EndFlowModuleExecution` action.
    Module,
    /// Nothing named a type, so the flow is taken to be an inbound contact flow.
    Default,
}

/// A flow type and where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ResolvedFlowType {
    pub flow_type: FlowType,
    pub source: FlowTypeSource,
}

impl ResolvedFlowType {
    /// Returns the type of `flow`: `requested` when given, else the export's own, else an inbound
    /// contact flow.
    pub fn of(flow: &Flow, requested: Option<FlowType>) -> Self {
        if let Some(flow_type) = requested {
            return ResolvedFlowType {
                flow_type,
                source: FlowTypeSource::Requested,
            };
        }
        match FlowType::of(flow) {
            Some(FlowType::Module) => ResolvedFlowType {
                flow_type: FlowType::Module,
                source: FlowTypeSource::Module,
            },
            Some(flow_type) => ResolvedFlowType {
                flow_type,
                source: FlowTypeSource::Metadata,
            },
            None => ResolvedFlowType {
                flow_type: ContactFlow,
                source: FlowTypeSource::Default,
            },
        }
    }
}

impl fmt::Display for ResolvedFlowType {
    /// Writes the type and the reason, such as `contactFlow (from Metadata.type)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let reason = match self.source {
            FlowTypeSource::Requested => "as requested with --flow-type",
            FlowTypeSource::Metadata => "from Metadata.type",
            FlowTypeSource::Module => "the export is a flow module",
            FlowTypeSource::Default => {
                "the default: the export has no Metadata.type; set one with --flow-type"
            }
        };
        write!(f, "{} ({reason})", self.flow_type)
    }
}

/// Flow types in which the "Restrictions" section of an action's page in the flow-language
/// reference states that the action is not available, so Connect rejects the flow. Sources:
/// <https://docs.aws.amazon.com/connect/latest/APIReference/participant-actions-disconnectparticipant.html>
/// (contact, transfer and customer queue flows only),
/// <https://docs.aws.amazon.com/connect/latest/APIReference/flow-control-actions-transfertoflow.html>
/// (not in hold, customer queue or whisper flows),
/// <https://docs.aws.amazon.com/connect/latest/APIReference/flow-control-actions-checkhoursofoperation.html>
/// (not in hold or whisper flows) and
/// <https://docs.aws.amazon.com/connect/latest/adminguide/contact-actions-transfercontacttoqueue.html>
/// (not in whisper, customer queue or hold flows).
const DOCUMENTED_REJECTIONS: &[(&str, &[FlowType])] = &[
    (
        "DisconnectParticipant",
        &[
            CustomerHold,
            AgentHold,
            CustomerWhisper,
            AgentWhisper,
            OutboundWhisper,
        ],
    ),
    (
        "TransferToFlow",
        &[
            CustomerHold,
            AgentHold,
            CustomerQueue,
            CustomerWhisper,
            AgentWhisper,
            OutboundWhisper,
        ],
    ),
    (
        "CheckHoursOfOperation",
        &[
            CustomerHold,
            AgentHold,
            CustomerWhisper,
            AgentWhisper,
            OutboundWhisper,
        ],
    ),
    (
        "TransferContactToQueue",
        &[
            CustomerHold,
            AgentHold,
            CustomerQueue,
            CustomerWhisper,
            AgentWhisper,
            OutboundWhisper,
        ],
    ),
];

/// Returns true when AWS's documentation states that `action_type` is not available in
/// `flow_type`.
pub fn documented_rejection(action_type: &str, flow_type: FlowType) -> bool {
    DOCUMENTED_REJECTIONS
        .iter()
        .any(|(name, rejected)| *name == action_type && rejected.contains(&flow_type))
}

/// Reports an action that the flow's type does not offer. It is an error where AWS's documentation
/// states the restriction and the flow type is known, and a warning where the catalogue's list is
/// the only source or the type is only the default.
pub(super) fn check_action(context: &mut Context, index: usize, spec: &ActionSpec) {
    let resolved = context.flow_type;
    let flow_type = resolved.flow_type;
    let documented = documented_rejection(spec.name, flow_type);
    if spec.flow_types.contains(&flow_type) && !documented {
        return;
    }
    let severity = if documented && resolved.source != FlowTypeSource::Default {
        Severity::Error
    } else {
        Severity::Warning
    };
    let accepted: Vec<&str> = spec
        .flow_types
        .iter()
        .filter(|t| !documented_rejection(spec.name, **t))
        .map(|t| t.console_name())
        .collect();
    let message = if documented {
        format!(
            "{} is not available in {flow_type} flows, so Connect rejects the flow",
            spec.name
        )
    } else {
        format!("{} is not offered in {flow_type} flows", spec.name)
    };
    let diagnostic = Diagnostic::new(
        severity,
        codes::FLOW_TYPE_MISMATCH,
        context.pointer(index, "/Type"),
        message,
    )
    .with_hint(format!(
        "{} is offered in: {}; the flow is checked as {resolved}",
        spec.name,
        accepted.join(", ")
    ));
    context.push_for(index, diagnostic);
}

//! Flow-type resolution and the severity of actions that a flow type rejects.

use flow_graph::catalogue::FlowType;
use flow_graph::load_bytes;
use flow_graph::validate::{FlowTypeSource, ResolvedFlowType, ValidateOptions, validate};
use flow_graph::{Diagnostic, Severity};
use serde_json::{Value, json};

/// Builds a flow of one terminal action, with `Metadata.type` when `metadata_type` is given.
fn one_action_flow(action_type: &str, metadata_type: Option<&str>) -> Value {
    let mut flow = json!({
        "Version": "2019-10-30",
        "StartAction": "only",
        "Actions": [{"Identifier": "only", "Type": action_type, "Parameters": {}, "Transitions": {}}],
    });
    if let Some(flow_type) = metadata_type {
        flow["Metadata"] = json!({"type": flow_type});
    }
    flow
}

fn flow_type_diagnostics(flow: &Value, requested: Option<FlowType>) -> Vec<Diagnostic> {
    let loaded = load_bytes(flow.to_string().as_bytes(), None).expect("the test flow loads");
    let options = ValidateOptions {
        flow_type: requested,
        ..ValidateOptions::default()
    };
    validate(&loaded, &options)
        .into_iter()
        .filter(|d| d.code == flow_graph::codes::FLOW_TYPE_MISMATCH)
        .collect()
}

#[test]
fn resolution_names_its_source() {
    let cases = [
        (
            one_action_flow("DisconnectParticipant", Some("customerQueue")),
            None,
            FlowType::CustomerQueue,
            FlowTypeSource::Metadata,
        ),
        (
            one_action_flow("DisconnectParticipant", None),
            None,
            FlowType::ContactFlow,
            FlowTypeSource::Default,
        ),
        (
            one_action_flow("DisconnectParticipant", Some("customerQueue")),
            Some(FlowType::AgentWhisper),
            FlowType::AgentWhisper,
            FlowTypeSource::Requested,
        ),
        (
            one_action_flow("EndFlowModuleExecution", None),
            None,
            FlowType::Module,
            FlowTypeSource::Module,
        ),
    ];
    for (flow, requested, flow_type, source) in cases {
        let loaded = load_bytes(flow.to_string().as_bytes(), None).expect("the test flow loads");
        let resolved = ResolvedFlowType::of(&loaded.flow, requested);
        assert_eq!(resolved.flow_type, flow_type, "{flow}");
        assert_eq!(resolved.source, source, "{flow}");
    }
}

#[test]
fn resolution_display_gives_reason() {
    let loaded = load_bytes(
        one_action_flow("DisconnectParticipant", None)
            .to_string()
            .as_bytes(),
        None,
    )
    .unwrap();
    let resolved = ResolvedFlowType::of(&loaded.flow, None);
    assert_eq!(
        resolved.to_string(),
        "contactFlow (the default: the export has no Metadata.type; set one with --flow-type)"
    );
}

#[test]
fn rejection_severity_by_source() {
    let cases = [
        (
            "DisconnectParticipant",
            Some("agentWhisper"),
            None,
            Some(Severity::Error),
        ),
        (
            "DisconnectParticipant",
            Some("customerHold"),
            None,
            Some(Severity::Error),
        ),
        ("DisconnectParticipant", Some("customerQueue"), None, None),
        (
            "DisconnectParticipant",
            None,
            Some(FlowType::OutboundWhisper),
            Some(Severity::Error),
        ),
        (
            "TransferToFlow",
            Some("customerQueue"),
            None,
            Some(Severity::Error),
        ),
        (
            "TransferContactToQueue",
            Some("customerWhisper"),
            None,
            Some(Severity::Error),
        ),
        (
            "CheckHoursOfOperation",
            Some("agentHold"),
            None,
            Some(Severity::Error),
        ),
        (
            "EndFlowExecution",
            Some("contactFlow"),
            None,
            Some(Severity::Warning),
        ),
        (
            "DequeueContactAndTransferToQueue",
            None,
            None,
            Some(Severity::Warning),
        ),
    ];
    for (action_type, metadata_type, requested, expected) in cases {
        let flow = one_action_flow(action_type, metadata_type);
        let found = flow_type_diagnostics(&flow, requested);
        let severity = found.first().map(|d| d.severity);
        assert_eq!(
            severity, expected,
            "{action_type} in {metadata_type:?} / {requested:?}: {found:?}"
        );
    }
}

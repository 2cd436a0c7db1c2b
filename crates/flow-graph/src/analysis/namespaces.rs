//! The top-level namespaces of Connect attribute paths and where their values come from.
//!
//! Source: "List of available contact attributes and their JSONPath references" in the Amazon
//! Connect Administrator Guide (<https://docs.aws.amazon.com/connect/latest/adminguide/connect-attrib-list.html>).

/// The source of the values of a namespace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The contact carries it from outside the flow: system attributes, endpoints, the queue, the agent.
    Contact,
    /// User-defined contact attributes, which this flow, an earlier flow or the API may set.
    ContactAttributes,
    /// Only blocks of this flow write it, so a read before any write finds nothing.
    Flow,
}

/// Namespaces that blocks of the running flow write.
const FLOW_NAMESPACES: &[&str] = &[
    "FlowAttributes",
    "External",
    "Lex",
    "StoredCustomerInput",
    "Views",
    "Modules",
    "Loop",
    "Metrics",
    "Case",
    "Wisdom",
    "DataTables",
    "DataTableList",
    "Customer",
];

/// Namespaces and system attributes that the contact carries.
const CONTACT_NAMESPACES: &[&str] = &[
    "ContactId",
    "InitialContactId",
    "PreviousContactId",
    "RelatedContactId",
    "Channel",
    "InstanceARN",
    "AwsRegion",
    "InitiationMethod",
    "CustomerId",
    "LanguageCode",
    "TextToSpeechVoiceId",
    "Name",
    "Description",
    "References",
    "Tags",
    "Task",
    "CustomerEndpoint",
    "SystemEndpoint",
    "Queue",
    "Agent",
    "Media",
    "MediaStreams",
    "SegmentAttributes",
    "Capabilities",
    "Email",
    "AdditionalEmailRecipients",
    "ContactDetails",
    "Recording",
    "InitiationTimestamp",
    "ConnectedToSystemTimestamp",
    "ScheduledTimestamp",
    "Campaign",
    "LambdaInvocation",
    "VoiceId",
    "Lex",
];

/// Returns where values of `namespace` come from, or `None` for a namespace Connect does not have.
pub fn origin(namespace: &str) -> Option<Origin> {
    if namespace == "Attributes" {
        Some(Origin::ContactAttributes)
    } else if FLOW_NAMESPACES.contains(&namespace) {
        Some(Origin::Flow)
    } else if CONTACT_NAMESPACES.contains(&namespace) {
        Some(Origin::Contact)
    } else {
        None
    }
}

/// Returns true for a namespace that Connect defines.
pub fn is_known(namespace: &str) -> bool {
    origin(namespace).is_some()
}

/// Returns the known namespace closest to `namespace`, for a "did you mean" hint.
pub fn closest(namespace: &str) -> Option<&'static str> {
    let lowered = namespace.to_ascii_lowercase();
    std::iter::once("Attributes")
        .chain(FLOW_NAMESPACES.iter().copied())
        .chain(CONTACT_NAMESPACES.iter().copied())
        .map(|known| {
            (
                strsim::damerau_levenshtein(&lowered, &known.to_ascii_lowercase()),
                known,
            )
        })
        .filter(|(distance, _)| *distance <= 2)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, known)| known)
}

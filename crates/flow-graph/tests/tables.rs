//! Table tests of the catalogue, `suggest`, the `Identifier` rules and the loader's limits.

use flow_graph::catalogue::{self, ConditionRule, FlowType};
use flow_graph::codes;
use flow_graph::load::MAX_FILE_BYTES;
use flow_graph::validate::identifier_problems;
use flow_graph::{LoadErrorKind, load_bytes};
use std::collections::HashSet;

#[test]
fn suggest_known_misnames() {
    let cases = [
        ("PlayPrompt", Some("MessageParticipant")),
        ("CheckAttribute", Some("Compare")),
        ("CheckContactAttributes", Some("Compare")),
        ("GetCustomerInput", Some("GetParticipantInput")),
        ("GetUserInput", Some("GetParticipantInput")),
        ("GetDigits", Some("GetParticipantInput")),
        ("TransferToQueue", Some("TransferContactToQueue")),
        ("TransferParticipantToQueue", Some("TransferContactToQueue")),
        ("SetContactAttributes", Some("UpdateContactAttributes")),
        ("SetAttributes", Some("UpdateContactAttributes")),
        ("InvokeAWSLambdaFunction", Some("InvokeLambdaFunction")),
        ("InvokeExternalResource", Some("InvokeLambdaFunction")),
        ("Disconnect", Some("DisconnectParticipant")),
        ("SetVoice", Some("UpdateContactTextToSpeechVoice")),
        ("CheckStaffing", Some("CheckMetricData")),
        ("SetCallbackNumber", Some("UpdateContactCallbackNumber")),
        ("TransferContactToFlow", Some("TransferToFlow")),
        ("StartMediaStreaming", Some("UpdateContactMediaStreamingBehavior")),
        ("playprompt", Some("MessageParticipant")),
        ("CheckCondition", Some("Compare")),
    ];
    for (unknown, expected) in cases {
        assert_eq!(catalogue::suggest(unknown), expected, "suggest({unknown:?})");
    }
}

#[test]
fn suggest_by_similarity() {
    let cases = [
        ("InvokeLambdaFuncton", Some("InvokeLambdaFunction")),
        ("MessageParticpant", Some("MessageParticipant")),
        ("disconnectparticipant", Some("DisconnectParticipant")),
        ("BrandNewDesignerBlock2030", None),
        ("Start", None),
        ("UpdateContactAttribute", Some("UpdateContactAttributes")),
        ("Xyzzy", None),
    ];
    for (unknown, expected) in cases {
        assert_eq!(catalogue::suggest(unknown), expected, "suggest({unknown:?})");
    }
}

#[test]
fn identifier_rules_table() {
    let long = "x".repeat(51);
    let cases: [(&str, &[&str]); 9] = [
        ("greet", &[]),
        ("Set Agent Whisper", &[]),
        ("FLOW_OBJECT_MAPS#", &[]),
        ("b11b10a6-c4bd-41ba-a9d9-098cc5374035", &[]),
        (&long, &[codes::IDENTIFIER_TOO_LONG]),
        ("menu: main", &[codes::IDENTIFIER_FORBIDDEN_CHARACTER]),
        ("a/b", &[codes::IDENTIFIER_FORBIDDEN_CHARACTER]),
        ("__proto__", &[codes::IDENTIFIER_RESERVED]),
        ("valueOf", &[codes::IDENTIFIER_RESERVED]),
    ];
    for (identifier, expected) in cases {
        let found: Vec<&str> = identifier_problems(identifier)
            .iter()
            .map(|(code, _)| *code)
            .collect();
        assert_eq!(found, expected, "identifier {identifier:?}");
    }
}

#[test]
fn identifier_length_counts_characters() {
    let fifty_accented = "é".repeat(50);
    assert!(identifier_problems(&fifty_accented).is_empty());
}

#[test]
fn catalogue_names_are_unique() {
    let mut seen = HashSet::new();
    for spec in catalogue::all() {
        assert!(seen.insert(spec.name), "{} is listed twice", spec.name);
    }
}

#[test]
fn catalogue_holds_documented_and_exported_types() {
    let documented = [
        "CompleteOutboundCall",
        "CreateCase",
        "CreateTask",
        "CreateWisdomSession",
        "DequeueContactAndTransferToQueue",
        "EndFlowModuleExecution",
        "GetCase",
        "InvokeFlowModule",
        "ResumeContact",
        "StartOutboundChatContact",
        "TagContact",
        "TransferContactToAgent",
        "TransferContactToQueue",
        "UntagContact",
        "UpdateCase",
        "UpdateContactAttributes",
        "UpdateContactCallbackNumber",
        "UpdateContactData",
        "UpdateContactEventHooks",
        "UpdateContactMediaProcessing",
        "UpdateContactMediaStreamingBehavior",
        "UpdateContactRecordingAndAnalyticsBehavior",
        "UpdateContactRecordingBehavior",
        "UpdateContactRoutingBehavior",
        "UpdateContactTargetQueue",
        "UpdateContactTextToSpeechVoice",
        "UpdatePreviousContactParticipantState",
        "CheckHoursOfOperation",
        "CheckMetricData",
        "CheckOutboundCallStatus",
        "CheckVoiceId",
        "Compare",
        "DistributeByPercentage",
        "EndFlowExecution",
        "GetMetricData",
        "Loop",
        "StartVoiceIdStream",
        "TransferToFlow",
        "UpdateFlowAttributes",
        "UpdateFlowLoggingBehavior",
        "UpdateContactRoutingCriteria",
        "Wait",
        "AssociateContactToCustomerProfile",
        "CreateCallbackContact",
        "CreateCustomerProfile",
        "GetCalculatedAttributesForCustomerProfile",
        "GetCustomerProfile",
        "GetCustomerProfileObject",
        "InvokeLambdaFunction",
        "UpdateCustomerProfile",
        "ConnectParticipantWithLexBot",
        "DisconnectParticipant",
        "GetParticipantInput",
        "MessageParticipant",
        "MessageParticipantIteratively",
        "ShowView",
    ];
    assert_eq!(documented.len(), 56);
    let exported = [
        "TransferParticipantToThirdParty",
        "ListDataTableValues",
        "UpsertDataTableValues",
    ];
    for name in documented.iter().chain(&exported) {
        let spec = catalogue::lookup(name).unwrap_or_else(|| panic!("{name} is missing"));
        assert_eq!(spec.name, *name);
    }
}

#[test]
fn catalogue_aliases_resolve() {
    let cases = [
        ("UnTagContact", "UntagContact"),
        ("UpdateRoutingCriteria", "UpdateContactRoutingCriteria"),
    ];
    for (alias, name) in cases {
        assert_eq!(catalogue::lookup(alias).map(|spec| spec.name), Some(name));
    }
}

#[test]
fn catalogue_terminal_actions() {
    let terminal: Vec<&str> = catalogue::all()
        .iter()
        .filter(|s| s.terminal)
        .map(|s| s.name)
        .collect();
    let expected = [
        "DisconnectParticipant",
        "EndFlowModuleExecution",
        "TransferContactToAgent",
        "EndFlowExecution",
    ];
    assert_eq!(terminal.len(), expected.len(), "{terminal:?}");
    for name in expected {
        assert!(terminal.contains(&name), "{name} is not terminal");
    }
}

#[test]
fn catalogue_fixed_results() {
    let cases: [(&str, ConditionRule); 3] = [
        (
            "Loop",
            ConditionRule::EveryResult(&["ContinueLooping", "DoneLooping"]),
        ),
        (
            "CheckHoursOfOperation",
            ConditionRule::EveryResult(&["True", "False"]),
        ),
        (
            "MessageParticipantIteratively",
            ConditionRule::Results(&["MessagesInterrupted"]),
        ),
    ];
    for (name, rule) in cases {
        let spec = catalogue::lookup(name).expect("action is in the catalogue");
        assert_eq!(spec.conditions, rule, "{name}");
    }
}

#[test]
fn flow_type_spellings() {
    let cases = [
        ("contactFlow", "CONTACT_FLOW", FlowType::ContactFlow),
        ("customerQueue", "CUSTOMER_QUEUE", FlowType::CustomerQueue),
        ("agentWhisper", "AGENT_WHISPER", FlowType::AgentWhisper),
        ("queueTransfer", "QUEUE_TRANSFER", FlowType::QueueTransfer),
        ("campaign", "CAMPAIGN", FlowType::Campaign),
    ];
    for (console, api, flow_type) in cases {
        assert_eq!(FlowType::parse(console), Some(flow_type));
        assert_eq!(FlowType::parse(api), Some(flow_type));
        assert_eq!(flow_type.console_name(), console);
        assert_eq!(flow_type.api_name(), api);
    }
    assert_eq!(FlowType::parse("inbound"), None);
}

#[test]
fn oversized_input_is_rejected() {
    let bytes = vec![b' '; MAX_FILE_BYTES + 1];
    let error = load_bytes(&bytes, None).expect_err("input over the limit must not load");
    assert_eq!(error.kind, LoadErrorKind::TooLarge);
}

#[test]
fn bare_number_is_not_a_flow() {
    let error = load_bytes(b"42", None).expect_err("a number is not a flow");
    assert_eq!(error.kind, LoadErrorKind::NotAnObject);
    assert_eq!(error.to_diagnostic().code, codes::LOAD_NOT_OBJECT);
}

#[test]
fn codes_table_is_unique() {
    let mut seen = HashSet::new();
    for (code, meaning) in codes::CODES {
        assert!(seen.insert(code), "{code} is listed twice");
        assert!(!meaning.is_empty(), "{code} has no meaning");
    }
}

#[test]
fn windows_1252_text_is_decoded() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/load/windows_1252.json");
    let loaded = flow_graph::load_path(&path).expect("fixture loads");
    let text = &loaded.flow.actions[0].parameters["Text"];
    assert_eq!(text, "We\u{2019}re open. Caf\u{e9} hours apply.");
    assert_eq!(loaded.diagnostics.len(), 1);
    assert_eq!(loaded.diagnostics[0].code, codes::DECODED_AS_WINDOWS_1252);
}

#[test]
fn utf8_byte_order_mark_is_skipped() {
    let bytes = b"\xEF\xBB\xBF{\"Version\": \"2019-10-30\", \"StartAction\": \"a\", \"Actions\": []}";
    let loaded = load_bytes(bytes, None).expect("a flow with a byte order mark loads");
    assert_eq!(loaded.flow.start_action.as_deref(), Some("a"));
    assert!(loaded.diagnostics.is_empty());
}

#[test]
fn catalogue_sorted_within_family() {
    let actions = catalogue::all();
    for pair in actions.windows(2) {
        if pair[0].family == pair[1].family {
            assert!(
                pair[0].name < pair[1].name,
                "{} is listed before {}",
                pair[0].name,
                pair[1].name
            );
        }
    }
}

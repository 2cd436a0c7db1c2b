//! Handlers that create contacts, sessions and messages: each success and error branch.

mod scripted_results;

use flow_executor::handlers::contact_record::ContactRecord;
use flow_executor::{HandlerError, Outcome};
use scripted_results::run;
use serde_json::json;

fn error(error_type: &str) -> Result<Outcome, HandlerError> {
    Ok(Outcome::Error(error_type.to_string()))
}

fn task(extra: serde_json::Value) -> serde_json::Value {
    let mut parameters = json!({"Name": "Call back $.Attributes.account", "ContactFlowId": "task-flow"});
    for (key, value) in extra.as_object().expect("extra parameters are an object") {
        parameters[key] = value.clone();
    }
    parameters
}

#[test]
fn task_created_and_recorded() {
    let parameters = task(json!({
        "Description": "Billing",
        "Attributes": {"account": "$.Attributes.account"},
        "References": {"case": {"Value": "https://example.com/c/1", "Type": "URL"}},
        "DelaySeconds": "3600",
    }));
    let run = run(
        "CreateTask",
        parameters,
        json!({"Attributes": {"account": "A7"}}),
        &[],
    );
    assert_eq!(run.result, Ok(Outcome::Next));
    let created = &ContactRecord::of(&run.state).expect("a record").created_contacts;
    assert_eq!(created.len(), 1);
    assert_eq!(created[0].request["Name"], json!("Call back A7"));
    assert_eq!(created[0].request["Attributes"], json!({"account": "A7"}));
    assert_eq!(created[0].request["DelaySeconds"], json!("3600"));
    let id = run.state.get(&["Task", "ContactId"]);
    assert_eq!(id, Some(&json!(created[0].contact_id)));
    assert_eq!(run.env.asked, ["task creation result: Success|NoMatchingError"]);
}

#[test]
fn task_invalid_requests_fail() {
    let cases = [
        json!({"Name": ""}),
        json!({"Name": "x".repeat(513)}),
        json!({"Description": "x".repeat(4097)}),
        json!({"TaskTemplateId": "template-1"}),
        json!({"ContactFlowId": ""}),
        json!({"DelaySeconds": "0"}),
        json!({"DelaySeconds": "518401"}),
        json!({"DelaySeconds": "60", "ScheduledTime": "1767225600"}),
    ];
    for extra in cases {
        let run = run("CreateTask", task(extra.clone()), json!({}), &[]);
        assert_eq!(run.result, error("NoMatchingError"), "{extra}");
        assert_eq!(run.state.get(&["Task"]), None, "{extra}");
        assert!(run.env.asked.is_empty(), "{extra}");
    }
}

#[test]
fn task_template_alone_accepted() {
    let parameters = json!({"Name": "n", "TaskTemplateId": "template-1", "DelaySeconds": "518400"});
    let run = run("CreateTask", parameters, json!({}), &[]);
    assert_eq!(run.result, Ok(Outcome::Next));
}

#[test]
fn task_scripted_failure_creates_nothing() {
    let run = run("CreateTask", task(json!({})), json!({}), &["NoMatchingError"]);
    assert_eq!(run.result, error("NoMatchingError"));
    assert_eq!(run.state.get(&["Task"]), None);
    assert!(ContactRecord::of(&run.state).is_none());
}

#[test]
fn wisdom_session_arn_written() {
    let assistant = "arn:aws:wisdom:us-east-1:123456789012:assistant/a-1";
    let tree = json!({"ContactId": "c-1"});
    let run = run(
        "CreateWisdomSession",
        json!({"WisdomAssistantArn": assistant}),
        tree,
        &[],
    );
    assert_eq!(run.result, Ok(Outcome::Next));
    let arn = run.state.get(&["Wisdom", "SessionArn"]);
    assert_eq!(
        arn,
        Some(&json!("arn:aws:wisdom:us-east-1:123456789012:session/a-1/c-1"))
    );
}

#[test]
fn wisdom_session_error_branches() {
    let empty = run(
        "CreateWisdomSession",
        json!({"WisdomAssistantArn": ""}),
        json!({}),
        &[],
    );
    assert_eq!(empty.result, error("NoMatchingError"));
    let parameters = json!({"WisdomAssistantArn": "assistant"});
    let failed = run("CreateWisdomSession", parameters, json!({}), &["NoMatchingError"]);
    assert_eq!(failed.result, error("NoMatchingError"));
    assert_eq!(failed.state.get(&["Wisdom"]), None);
}

#[test]
fn outbound_chat_branches() {
    let parameters = json!({
        "SourceEndpoint": {"Address": "arn:phone", "Type": "CONNECT_PHONENUMBER_ARN"},
        "DestinationEndpoint": {"Address": "$.CustomerEndpoint.Address", "Type": "TELEPHONE_NUMBER"},
        "ContactSubtype": "connect:SMS",
    });
    let tree = json!({"CustomerEndpoint": {"Address": "+15550100101"}});
    for (results, expected) in [
        (&[][..], Ok(Outcome::Next)),
        (&["TemplateRenderingError"][..], error("TemplateRenderingError")),
        (&["NoMatchingError"][..], error("NoMatchingError")),
    ] {
        let run = run(
            "StartOutboundChatContact",
            parameters.clone(),
            tree.clone(),
            results,
        );
        assert_eq!(run.result, expected, "{results:?}");
        let created = ContactRecord::of(&run.state).map_or(0, |r| r.created_contacts.len());
        assert_eq!(
            created,
            usize::from(run.result == Ok(Outcome::Next)),
            "{results:?}"
        );
    }
    let created = run("StartOutboundChatContact", parameters, tree, &[]);
    let request = &ContactRecord::of(&created.state)
        .expect("a record")
        .created_contacts[0]
        .request;
    assert_eq!(request["DestinationEndpoint"]["Address"], json!("+15550100101"));
}

#[test]
fn outbound_chat_without_destination_fails() {
    let parameters = json!({"DestinationEndpoint": {"Address": "", "Type": "TELEPHONE_NUMBER"}});
    let run = run("StartOutboundChatContact", parameters, json!({}), &[]);
    assert_eq!(run.result, error("NoMatchingError"));
    assert!(run.env.asked.is_empty());
}

#[test]
fn outbound_email_branches() {
    let parameters = json!({
        "FromEmailAddress": {"EmailAddress": "info@example.com"},
        "DestinationEmailAddress": {"EmailAddress": "jane@example.com"},
        "EmailMessage": {"MessageSourceType": "RAW"},
    });
    let sent = run("StartOutboundEmailContact", parameters.clone(), json!({}), &[]);
    assert_eq!(sent.result, Ok(Outcome::Next));
    assert_eq!(
        sent.env.asked,
        ["outbound email result: Success|NoMatchingError|TemplateRenderingError"]
    );
    let failed = run(
        "StartOutboundEmailContact",
        parameters,
        json!({}),
        &["TemplateRenderingError"],
    );
    assert_eq!(failed.result, error("TemplateRenderingError"));

    let parameters = json!({"DestinationEmailAddress": {"EmailAddress": "jane"}});
    let invalid = run("StartOutboundEmailContact", parameters, json!({}), &[]);
    assert_eq!(invalid.result, error("NoMatchingError"));
}

#[test]
fn message_template_branches() {
    let parameters = json!({"WisdomMessageTemplateArn": "arn:aws:wisdom:us-east-1:1:message-template/k/t"});
    let rendered = run("RenderMessageTemplate", parameters.clone(), json!({}), &[]);
    assert_eq!(rendered.result, Ok(Outcome::Next));
    let failed = run(
        "RenderMessageTemplate",
        parameters,
        json!({}),
        &["TemplateRenderingError"],
    );
    assert_eq!(failed.result, error("TemplateRenderingError"));
    let empty = run("RenderMessageTemplate", json!({}), json!({}), &[]);
    assert_eq!(empty.result, error("NoMatchingError"));
}

#[test]
fn create_contact_branches() {
    let parameters = json!({"Channel": "EMAIL", "RelatedContact": "CURRENT"});
    let created = run("CreateContact", parameters.clone(), json!({}), &[]);
    assert_eq!(created.result, Ok(Outcome::Next));
    let record = ContactRecord::of(&created.state).expect("a record");
    assert_eq!(record.created_contacts[0].request["Channel"], json!("EMAIL"));
    let failed = run("CreateContact", parameters, json!({}), &["NoMatchingError"]);
    assert_eq!(failed.result, error("NoMatchingError"));
    let invalid = run("CreateContact", json!({"Channel": "FAX"}), json!({}), &[]);
    assert_eq!(invalid.result, error("NoMatchingError"));
}

#[test]
fn persistent_chat_branches() {
    let parameters = json!({"RehydrationType": "ENTIRE_PAST_SESSION"});
    let chat = json!({"Channel": "CHAT"});
    let joined = run(
        "CreatePersistentContactAssociation",
        parameters.clone(),
        chat.clone(),
        &[],
    );
    assert_eq!(joined.result, Ok(Outcome::Next));
    let failed = run(
        "CreatePersistentContactAssociation",
        parameters.clone(),
        chat,
        &["NoMatchingError"],
    );
    assert_eq!(failed.result, error("NoMatchingError"));
    let voice = run(
        "CreatePersistentContactAssociation",
        parameters,
        json!({"Channel": "VOICE"}),
        &[],
    );
    assert_eq!(voice.result, error("NoMatchingError"));
}

#[test]
fn unknown_scripted_result_rejected() {
    let run = run("CreateTask", task(json!({})), json!({}), &["QueueAtCapacity"]);
    assert!(matches!(run.result, Err(HandlerError::Invalid(_))));
}

//! Contact handlers: event hooks, contact properties, routing, tags, hold, resume and the
//! customer-queue transfer.

mod scripted_results;

use flow_executor::handlers::contact_record::ContactRecord;
use flow_executor::{ContactState, EndReason, HandlerError, Outcome, QueueStatus};
use scripted_results::{ResultEnv, action, run, run_in};
use serde_json::{Value, json};

fn error(error_type: &str) -> Result<Outcome, HandlerError> {
    Ok(Outcome::Error(error_type.to_string()))
}

fn record(state: &ContactState) -> &ContactRecord {
    ContactRecord::of(state).expect("the block wrote a contact record")
}

#[test]
fn event_hook_recorded_from_reference() {
    let parameters = json!({"EventHooks": {"CustomerQueue": "$.Attributes.queueFlow"}});
    let tree = json!({"Attributes": {"queueFlow": "arn:aws:connect:us-east-1:123456789012:instance/i/contact-flow/q"}});
    let run = run("UpdateContactEventHooks", parameters, tree, &[]);
    assert_eq!(run.result, Ok(Outcome::Next));
    let flow = record(&run.state).event_flow("CustomerQueue");
    assert_eq!(
        flow,
        Some("arn:aws:connect:us-east-1:123456789012:instance/i/contact-flow/q")
    );
}

#[test]
fn event_hook_every_type_accepted() {
    for event_type in flow_executor::handlers::contact_record::EVENT_HOOK_TYPES {
        let run = run(
            "UpdateContactEventHooks",
            json!({"EventHooks": {*event_type: "flow-1"}}),
            json!({}),
            &[],
        );
        assert_eq!(run.result, Ok(Outcome::Next), "{event_type}");
        assert_eq!(
            record(&run.state).event_flow(event_type),
            Some("flow-1"),
            "{event_type}"
        );
    }
}

#[test]
fn event_hook_disabled_has_no_flow() {
    let parameters = json!({
        "EventHooks": {"CustomerRemaining": "disconnect-flow"},
        "EventHooksConfiguration": {"CustomerRemaining": {"DisableExecution": "true"}},
    });
    let run = run("UpdateContactEventHooks", parameters, json!({}), &[]);
    assert_eq!(run.result, Ok(Outcome::Next));
    let hook = &record(&run.state).event_hooks["CustomerRemaining"];
    assert!(hook.disabled);
    assert_eq!(record(&run.state).event_flow("CustomerRemaining"), None);
}

#[test]
fn event_hook_configuration_alone_switches() {
    let parameters = json!({"EventHooksConfiguration": {"CustomerWhisper": {"DisableExecution": "true"}}});
    let block = action("UpdateContactEventHooks", parameters);
    let mut state = ContactState::new(json!({}));
    ContactRecord::of_mut(&mut state).event_hooks.insert(
        "CustomerWhisper".into(),
        flow_executor::handlers::contact_record::EventHook {
            flow: "whisper".into(),
            disabled: false,
        },
    );
    let switched = run_in(block, state, ResultEnv::default());
    assert_eq!(switched.result, Ok(Outcome::Next));
    let hook = &record(&switched.state).event_hooks["CustomerWhisper"];
    assert_eq!(hook.flow, "whisper");
    assert!(hook.disabled);

    let parameters = json!({"EventHooksConfiguration": {"AgentWhisper": {"DisableExecution": "false"}}});
    let fresh = run("UpdateContactEventHooks", parameters, json!({}), &[]);
    assert_eq!(fresh.result, Ok(Outcome::Next));
    assert_eq!(record(&fresh.state).event_flow("AgentWhisper"), None);
}

#[test]
fn event_hook_empty_flow_fails() {
    let parameters = json!({"EventHooks": {"CustomerHold": "$.Attributes.missing"}});
    let run = run("UpdateContactEventHooks", parameters, json!({}), &[]);
    assert_eq!(run.result, error("NoMatchingError"));
    assert!(ContactRecord::of(&run.state).is_none());
}

#[test]
fn event_hook_invalid_shapes_rejected() {
    let cases = [
        json!({"EventHooks": {"CustomerQueue": "a", "CustomerHold": "b"}}),
        json!({"EventHooks": {}}),
        json!({"EventHooks": {"CustomerHangup": "a"}}),
        json!({}),
    ];
    for parameters in cases {
        let run = run("UpdateContactEventHooks", parameters.clone(), json!({}), &[]);
        assert!(
            matches!(run.result, Err(HandlerError::Invalid(_))),
            "{parameters}"
        );
    }
}

#[test]
fn contact_data_writes_properties() {
    let parameters = json!({
        "Name": "Callback for $.Attributes.account",
        "Description": "Billing question",
        "LanguageCode": "fr-CA",
        "CustomerId": "C-1",
        "References": {
            "ticket": {"Value": "https://example.com/t/1", "Type": "URL"},
            "amount": {"Value": "12.50", "Type": "NUMBER"},
            "legacy": "https://example.com/legacy",
        },
    });
    let run = run(
        "UpdateContactData",
        parameters,
        json!({"Attributes": {"account": "A7"}}),
        &[],
    );
    assert_eq!(run.result, Ok(Outcome::Next));
    assert_eq!(run.state.get(&["Name"]), Some(&json!("Callback for A7")));
    assert_eq!(run.state.get(&["Description"]), Some(&json!("Billing question")));
    assert_eq!(run.state.get(&["LanguageCode"]), Some(&json!("fr-CA")));
    assert_eq!(run.state.get(&["CustomerId"]), Some(&json!("C-1")));
    let references = run.state.get(&["References"]).cloned();
    let expected = json!({
        "ticket": {"Value": "https://example.com/t/1", "Type": "URL"},
        "amount": {"Value": "12.50", "Type": "NUMBER"},
        "legacy": {"Value": "https://example.com/legacy", "Type": "URL"},
    });
    assert_eq!(references, Some(expected));
}

#[test]
fn contact_data_language_code_forms() {
    for code in ["en-US", "cmn-CN", "arb"] {
        let run = run("UpdateContactData", json!({"LanguageCode": code}), json!({}), &[]);
        assert_eq!(run.result, Ok(Outcome::Next), "{code}");
        assert_eq!(run.state.get(&["LanguageCode"]), Some(&json!(code)), "{code}");
    }
    for code in ["english", "EN-us", "en-USA", ""] {
        let run = run("UpdateContactData", json!({"LanguageCode": code}), json!({}), &[]);
        assert_eq!(run.result, error("NoMatchingError"), "{code}");
    }
}

#[test]
fn contact_data_related_target() {
    let parameters = json!({"Name": "n", "TargetContact": "Related"});
    let run = run("UpdateContactData", parameters, json!({}), &[]);
    assert_eq!(run.result, Ok(Outcome::Next));
    assert_eq!(run.state.get(&["RelatedContact", "Name"]), Some(&json!("n")));
    assert_eq!(run.state.get(&["Name"]), None);
}

#[test]
fn contact_data_invalid_values_write_nothing() {
    let cases = [
        json!({"Name": "ok", "LanguageCode": "english"}),
        json!({"Name": "x".repeat(513)}),
        json!({"Description": "x".repeat(4097)}),
        json!({"Name": "ok", "References": {"r": {"Value": "v", "Type": "PHONE"}}}),
        json!({"Name": "ok", "References": {"r": {"Value": "v".repeat(4096), "Type": "STRING"}}}),
        json!({"Name": "ok", "VoiceAuthenticationThreshold": "101"}),
        json!({"Name": "ok", "VoiceAuthenticationResponseTime": "4"}),
        json!({"Name": "ok", "FraudDetectionThreshold": "high"}),
    ];
    for parameters in cases {
        let run = run("UpdateContactData", parameters.clone(), json!({}), &[]);
        assert_eq!(run.result, error("NoMatchingError"), "{parameters}");
        assert_eq!(run.state.get(&["Name"]), None, "{parameters}");
    }
}

#[test]
fn contact_data_voice_id_settings_recorded() {
    let parameters = json!({
        "IsVoiceAuthenticationEnabled": "TRUE",
        "VoiceAuthenticationThreshold": "90",
        "VoiceAuthenticationResponseTime": "10",
        "FraudDetectionThreshold": "50",
        "WatchlistId": "w-1",
    });
    let run = run("UpdateContactData", parameters, json!({}), &[]);
    assert_eq!(run.result, Ok(Outcome::Next));
    let voice_id = &record(&run.state).voice_id;
    assert_eq!(voice_id["IsVoiceAuthenticationEnabled"], "true");
    assert_eq!(voice_id["VoiceAuthenticationThreshold"], "90");
    assert_eq!(voice_id["VoiceAuthenticationResponseTime"], "10");
    assert_eq!(voice_id["FraudDetectionThreshold"], "50");
    assert_eq!(voice_id["WatchlistId"], "w-1");
}

#[test]
fn contact_data_session_arn_written() {
    let tree = json!({"Wisdom": {"SessionArn": "arn:aws:wisdom:us-east-1:1:session/a/s"}});
    let run = run(
        "UpdateContactData",
        json!({"WisdomSessionArn": "$.Wisdom.SessionArn"}),
        tree,
        &[],
    );
    assert_eq!(run.result, Ok(Outcome::Next));
    let arn = run.state.get(&["Wisdom", "SessionArn"]);
    assert_eq!(arn, Some(&json!("arn:aws:wisdom:us-east-1:1:session/a/s")));
}

#[test]
fn contact_data_without_parameters_rejected() {
    let run = run("UpdateContactData", json!({}), json!({}), &[]);
    assert!(matches!(run.result, Err(HandlerError::Invalid(_))));
}

#[test]
fn routing_behavior_recorded() {
    let priority = run(
        "UpdateContactRoutingBehavior",
        json!({"QueuePriority": "2"}),
        json!({}),
        &[],
    );
    assert_eq!(priority.result, Ok(Outcome::Next));
    assert_eq!(record(&priority.state).queue_priority, Some(2));

    let parameters = json!({"QueueTimeAdjustmentSeconds": "-300"});
    let adjusted = run("UpdateContactRoutingBehavior", parameters, json!({}), &[]);
    assert_eq!(adjusted.result, Ok(Outcome::Next));
    assert_eq!(record(&adjusted.state).queue_time_adjustment_seconds, Some(-300));
}

#[test]
fn routing_behavior_invalid_values_rejected() {
    for parameters in [
        json!({"QueuePriority": "0"}),
        json!({"QueuePriority": "first"}),
        json!({}),
    ] {
        let run = run("UpdateContactRoutingBehavior", parameters.clone(), json!({}), &[]);
        assert!(
            matches!(run.result, Err(HandlerError::Invalid(_))),
            "{parameters}"
        );
    }
}

#[test]
fn routing_criteria_recorded() {
    let criteria = json!({"Steps": [{"Expression": {"AttributeCondition": {
        "ComparisonOperator": "Match",
        "MatchCriteria": {"AgentsCriteria": {"AgentIds": ["$.Attributes.agent"]}},
    }}}]});
    let tree = json!({"Attributes": {"agent": "agent-7"}});
    let run = run(
        "UpdateContactRoutingCriteria",
        json!({"RoutingCriteria": criteria}),
        tree,
        &[],
    );
    assert_eq!(run.result, Ok(Outcome::Next));
    let recorded = record(&run.state)
        .routing_criteria
        .clone()
        .expect("criteria recorded");
    let agent = &recorded["Steps"][0]["Expression"]["AttributeCondition"]["MatchCriteria"]["AgentsCriteria"]
        ["AgentIds"][0];
    assert_eq!(agent, &json!("agent-7"));
}

#[test]
fn routing_criteria_without_steps_fails() {
    for criteria in [json!({}), json!({"Steps": []}), json!({"Steps": [{"Other": 1}]})] {
        let run = run(
            "UpdateContactRoutingCriteria",
            json!({"RoutingCriteria": criteria}),
            json!({}),
            &[],
        );
        assert_eq!(run.result, error("NoMatchingError"), "{criteria}");
        assert!(ContactRecord::of(&run.state).is_none());
    }
}

#[test]
fn previous_participant_hold_branches() {
    let parameters = json!({"PreviousContactParticipantState": "AgentOnHold"});
    let voice = json!({"Channel": "VOICE"});
    let run_ok = run(
        "UpdatePreviousContactParticipantState",
        parameters.clone(),
        voice.clone(),
        &[],
    );
    assert_eq!(run_ok.result, Ok(Outcome::Next));
    let state = record(&run_ok.state)
        .previous_contact_participant_state
        .as_deref();
    assert_eq!(state, Some("AgentOnHold"));
    assert_eq!(
        run_ok.env.asked,
        ["previous contact hold result: Success|NoMatchingError"]
    );

    let failed = run(
        "UpdatePreviousContactParticipantState",
        parameters.clone(),
        voice,
        &["NoMatchingError"],
    );
    assert_eq!(failed.result, error("NoMatchingError"));

    let chat = run(
        "UpdatePreviousContactParticipantState",
        parameters,
        json!({"Channel": "CHAT"}),
        &[],
    );
    assert_eq!(chat.result, error("NoMatchingError"));
    assert!(chat.env.asked.is_empty());
}

#[test]
fn previous_participant_invalid_state_rejected() {
    let parameters = json!({"PreviousContactParticipantState": "Hold"});
    let run = run(
        "UpdatePreviousContactParticipantState",
        parameters,
        json!({}),
        &[],
    );
    assert!(matches!(run.result, Err(HandlerError::Invalid(_))));
}

#[test]
fn tags_written_and_removed() {
    let tags = json!({"Tags": {"function": "vmx3", "team": "$.Attributes.team"}});
    let run = run(
        "TagContact",
        tags,
        json!({"Attributes": {"team": "billing"}}),
        &[],
    );
    assert_eq!(run.result, Ok(Outcome::Next));
    assert_eq!(
        run.state.get(&["Tags"]),
        Some(&json!({"function": "vmx3", "team": "billing"}))
    );

    for untag in ["UntagContact", "UnTagContact"] {
        let block = action(untag, json!({"TagKeys": ["team", "absent"]}));
        let state = ContactState::new(json!({"Tags": {"function": "vmx3", "team": "billing"}}));
        let run = run_in(block, state, ResultEnv::default());
        assert_eq!(run.result, Ok(Outcome::Next), "{untag}");
        assert_eq!(
            run.state.get(&["Tags"]),
            Some(&json!({"function": "vmx3"})),
            "{untag}"
        );
    }
}

#[test]
fn tags_invalid_write_nothing() {
    let seven = json!({"a": "1", "b": "1", "c": "1", "d": "1", "e": "1", "f": "1", "g": "1"});
    let cases = [
        json!({}),
        json!({"aws:owner": "x"}),
        json!({"cost center": "x"}),
        json!({"k".repeat(129): "x"}),
        json!({"k": "v".repeat(257)}),
        seven,
    ];
    for tags in cases {
        let tree = json!({"Tags": {"kept": "1"}});
        let run = run("TagContact", json!({"Tags": tags}), tree, &[]);
        assert_eq!(run.result, error("NoMatchingError"), "{tags}");
        assert_eq!(run.state.get(&["Tags"]), Some(&json!({"kept": "1"})), "{tags}");
    }
}

#[test]
fn tags_key_pattern_accepts_digits() {
    let tags = json!({"Tags": {"team-2/queue:a=b+c.d_e": "x"}});
    let run = run("TagContact", tags, json!({}), &[]);
    assert_eq!(run.result, Ok(Outcome::Next));
}

#[test]
fn untag_empty_list_fails() {
    let run = run("UntagContact", json!({"TagKeys": []}), json!({}), &[]);
    assert_eq!(run.result, error("NoMatchingError"));
}

#[test]
fn media_processing_chat_only() {
    let voice = run(
        "UpdateContactMediaProcessing",
        json!({}),
        json!({"Channel": "VOICE"}),
        &[],
    );
    assert_eq!(voice.result, error("NoMatchingError"));
    let chat = run(
        "UpdateContactMediaProcessing",
        json!({}),
        json!({"Channel": "CHAT"}),
        &[],
    );
    assert_eq!(chat.result, Ok(Outcome::Next));
    let failed = run(
        "UpdateContactMediaProcessing",
        json!({}),
        json!({"Channel": "CHAT"}),
        &["NoMatchingError"],
    );
    assert_eq!(failed.result, error("NoMatchingError"));
}

#[test]
fn resume_contact_branches() {
    let voice = run("ResumeContact", json!({}), json!({"Channel": "VOICE"}), &[]);
    assert_eq!(voice.result, error("NoMatchingError"));
    let task = run("ResumeContact", json!({}), json!({"Channel": "TASK"}), &[]);
    assert_eq!(task.result, Ok(Outcome::Next));
    assert_eq!(record(&task.state).resumed, 1);
    let failed = run(
        "ResumeContact",
        json!({}),
        json!({"Channel": "TASK"}),
        &["NoMatchingError"],
    );
    assert_eq!(failed.result, error("NoMatchingError"));
    assert!(ContactRecord::of(&failed.state).is_none());
}

#[test]
fn transfer_to_agent_ends_flow() {
    let run = run("TransferContactToAgent", json!({}), json!({}), &[]);
    assert_eq!(run.result, Ok(Outcome::End(EndReason::TransferredToAgent)));
}

#[test]
fn dequeue_moves_contact_to_queue() {
    let queue = "arn:aws:connect:us-east-1:123456789012:instance/i/queue/q2";
    let run = run(
        "DequeueContactAndTransferToQueue",
        json!({"QueueId": queue}),
        json!({}),
        &[],
    );
    let reason = EndReason::TransferredToQueue {
        queue: queue.to_string(),
    };
    assert_eq!(run.result, Ok(Outcome::End(reason)));
    assert_eq!(run.state.get(&["Queue", "Id"]), Some(&json!("q2")));
    assert_eq!(run.env.queues_asked, [queue]);
}

#[test]
fn dequeue_error_branches() {
    let none = run(
        "DequeueContactAndTransferToQueue",
        json!({"QueueId": ""}),
        json!({}),
        &[],
    );
    assert_eq!(none.result, error("NoMatchingError"));

    let mut env = ResultEnv::default();
    let full = QueueStatus {
        at_capacity: true,
        ..Default::default()
    };
    env.queues.insert("Overflow".into(), full);
    let block = action("DequeueContactAndTransferToQueue", json!({"AgentId": "Overflow"}));
    let run = run_in(block, ContactState::new(json!({})), env);
    assert_eq!(run.result, error("QueueAtCapacity"));
    assert_eq!(run.state.get(&["Queue"]), None::<&Value>);
}

//! `Wait`, `MessageParticipantIteratively` (Loop prompts) and `ShowView`.

mod common;

use common::{Recorder, ScriptedEnv, graph, run_block, run_block_with};
use flow_executor::{
    ContactState, EndReason, Executor, HandlerError, Outcome, RunSettings, ViewResult, handlers,
};
use serde_json::{Value, json};

fn block(action_type: &str, parameters: Value) -> Value {
    json!({
        "Identifier": "b",
        "Type": action_type,
        "Parameters": parameters,
        "Transitions": {"NextAction": "x"},
    })
}

fn on(channel: &str) -> Value {
    json!({"Channel": channel})
}

fn scripted(results: &[&str]) -> ScriptedEnv {
    ScriptedEnv {
        results: results.iter().map(|r| r.to_string()).collect(),
        ..Default::default()
    }
}

fn result(text: &str) -> Result<Outcome, HandlerError> {
    Ok(Outcome::Result(text.into()))
}

fn error(error_type: &str) -> Result<Outcome, HandlerError> {
    Ok(Outcome::Error(error_type.into()))
}

#[test]
fn wait_branches_on_chat() {
    let parameters =
        json!({"TimeLimitSeconds": "60", "Events": ["CustomerReturned", "BotParticipantDisconnected"]});
    let cases = [
        (vec![], result("WaitCompleted")),
        (vec!["WaitCompleted"], result("WaitCompleted")),
        (vec!["CustomerReturned"], result("CustomerReturned")),
        (
            vec!["BotParticipantDisconnected"],
            result("BotParticipantDisconnected"),
        ),
        (vec!["ParticipantNotFound"], error("ParticipantNotFound")),
        (vec!["NoMatchingError"], error("NoMatchingError")),
    ];
    for (answers, expected) in cases {
        let run = run_block(block("Wait", parameters.clone()), on("CHAT"), scripted(&answers));
        assert_eq!(run.result, expected, "{answers:?}");
    }
}

#[test]
fn wait_asks_with_listed_events() {
    let parameters = json!({"TimeLimitSeconds": "$.Attributes.wait", "Events": ["CustomerReturned"]});
    let tree = json!({"Channel": "CHAT", "Attributes": {"wait": "900"}});
    let run = run_block(block("Wait", parameters), tree, ScriptedEnv::default());
    assert_eq!(
        run.env.results_asked,
        vec!["wait result: WaitCompleted|CustomerReturned|NoMatchingError (default WaitCompleted)"]
    );
    assert_eq!(run.recorder.notes(), vec!["waiting up to 900 s"]);
}

#[test]
fn wait_rejects_event_not_listed() {
    let parameters = json!({"TimeLimitSeconds": "60", "Events": ["CustomerReturned"]});
    let run = run_block(
        block("Wait", parameters),
        on("CHAT"),
        scripted(&["BotParticipantDisconnected"]),
    );
    let Err(HandlerError::Invalid(message)) = run.result else {
        panic!("expected an invalid result, got {:?}", run.result);
    };
    assert!(
        message.contains("expected one of WaitCompleted, CustomerReturned, NoMatchingError"),
        "{message}"
    );
}

#[test]
fn wait_channel_rules() {
    let parameters = json!({"TimeLimitSeconds": "60", "Events": ["CustomerReturned"]});
    let voice = run_block(
        block("Wait", parameters.clone()),
        on("VOICE"),
        scripted(&["WaitCompleted"]),
    );
    assert_eq!(voice.result, error("NoMatchingError"));
    let email = run_block(
        block("Wait", parameters.clone()),
        on("EMAIL"),
        scripted(&["CustomerReturned"]),
    );
    assert_eq!(email.result, result("CustomerReturned"));
    // A task never gets the event branches.
    let task = run_block(block("Wait", parameters), on("TASK"), ScriptedEnv::default());
    assert_eq!(task.result, result("WaitCompleted"));
    assert_eq!(
        task.env.results_asked,
        vec!["wait result: WaitCompleted|NoMatchingError (default WaitCompleted)"]
    );
}

#[test]
fn wait_keep_running_continues_once() {
    let parameters =
        json!({"TimeLimitSeconds": "30", "ContinueExecution": "True", "MinimumWaitTimeSeconds": "5"});
    let mut state = ContactState::new(on("VOICE"));
    let mut outcomes = Vec::new();
    for _ in 0..2 {
        let run = run_block_with(
            block("Wait", parameters.clone()),
            state,
            ScriptedEnv::default(),
            &RunSettings::default(),
        );
        outcomes.push(run.result);
        state = run.state;
    }
    assert_eq!(outcomes, vec![result("Continue"), result("WaitCompleted")]);
}

#[test]
fn wait_time_limit_out_of_range() {
    for seconds in ["0", "604801"] {
        let run = run_block(
            block("Wait", json!({"TimeLimitSeconds": seconds})),
            on("CHAT"),
            ScriptedEnv::default(),
        );
        assert!(matches!(run.result, Err(HandlerError::Invalid(_))), "{seconds}");
    }
}

fn loop_prompts(parameters: Value) -> Value {
    let mut block = block("MessageParticipantIteratively", parameters);
    block["Transitions"] = json!({});
    block
}

#[test]
fn loop_prompts_without_interrupt_ends_run() {
    let parameters = json!({"Messages": [
        {"Text": "Please hold, $.Customer.FirstName."},
        {"PromptId": "arn:aws:connect:prompt/music"},
        {"Media": {"Uri": "s3://bucket/hold.wav", "SourceType": "S3", "MediaType": "Audio"}},
    ]});
    let tree = json!({"Channel": "VOICE", "Customer": {"FirstName": "Ana"}});
    let run = run_block(loop_prompts(parameters), tree, ScriptedEnv::default());
    assert_eq!(run.result, Ok(Outcome::End(EndReason::FlowEnded)));
    let notes = run.recorder.notes();
    assert_eq!(notes[0], "loop prompt 1: Please hold, Ana.");
    assert_eq!(
        notes[1],
        "loop prompt 2: audio prompt arn:aws:connect:prompt/music"
    );
    assert_eq!(notes[2], "loop prompt 3: media s3://bucket/hold.wav");
    assert!(notes[3].contains("the run ends here"), "{}", notes[3]);
}

#[test]
fn loop_prompts_interrupt_branches() {
    let parameters = json!({"Messages": [{"Text": "Please hold."}], "InterruptFrequencySeconds": "60"});
    let cases = [
        ("VOICE", vec![], result("MessagesInterrupted")),
        ("VOICE", vec!["NoMatchingError"], error("NoMatchingError")),
        ("VOICE", vec!["Ended"], Ok(Outcome::End(EndReason::FlowEnded))),
        ("CHAT", vec![], error("NoMatchingError")),
        ("TASK", vec![], error("NoMatchingError")),
        ("EMAIL", vec![], error("NoMatchingError")),
    ];
    for (channel, answers, expected) in cases {
        let run = run_block(loop_prompts(parameters.clone()), on(channel), scripted(&answers));
        assert_eq!(run.result, expected, "{channel} {answers:?}");
    }
}

fn show_view(parameters: Value) -> Value {
    block("ShowView", parameters)
}

fn view_env(result: ViewResult) -> ScriptedEnv {
    ScriptedEnv {
        views: [result].into(),
        ..Default::default()
    }
}

#[test]
fn show_view_writes_action_and_data() {
    let parameters = json!({
        "ViewResource": {"Id": "arn:aws:connect:eu-west-2:123456789012:instance/i-1/view/detail", "Version": "Latest"},
        "InvocationTimeLimitSeconds": "300",
        "ViewData": {"Heading": "Order $.Attributes.order", "Items": [{"Label": "Total", "Value": "$.Attributes.total"}]},
    });
    let tree = json!({"Channel": "CHAT", "Attributes": {"order": "o-9", "total": "12.50"}});
    let answer = ViewResult::Action {
        action: "Confirm".into(),
        data: json!({"FormData": {"pickup": ["today", "tomorrow"]}}),
    };
    let run = run_block(show_view(parameters), tree, view_env(answer));
    assert_eq!(run.result, result("Confirm"));
    let request = &run.env.view_requests[0];
    assert_eq!(request.version.as_deref(), Some("Latest"));
    assert_eq!(
        request.data,
        json!({"Heading": "Order o-9", "Items": [{"Label": "Total", "Value": "12.50"}]})
    );
    assert_eq!(run.state.get(&["Views", "Action"]), Some(&json!("Confirm")));
    assert_eq!(
        run.state.get(&["Views", "ViewResultData", "FormData", "pickup"]),
        Some(&json!(["today", "tomorrow"]))
    );
}

#[test]
fn show_view_error_branches() {
    let parameters = json!({"ViewResource": {"Id": "detail"}});
    let timeout = ViewResult::Error {
        error_type: "TimeLimitExceeded".into(),
    };
    let failed = ViewResult::Error {
        error_type: "NoMatchingError".into(),
    };
    let cases = [
        ("CHAT", None, error("TimeLimitExceeded")),
        ("CHAT", Some(timeout), error("TimeLimitExceeded")),
        ("CHAT", Some(failed), error("NoMatchingError")),
        ("VOICE", None, error("NoMatchingError")),
    ];
    for (channel, answer, expected) in cases {
        let env = answer.map(view_env).unwrap_or_default();
        let run = run_block(show_view(parameters.clone()), on(channel), env);
        assert_eq!(run.result, expected, "{channel}");
        assert_eq!(run.state.get(&["Views"]), None);
    }
}

#[test]
fn show_view_rejects_unknown_error() {
    let answer = ViewResult::Error {
        error_type: "Timeout".into(),
    };
    let run = run_block(
        show_view(json!({"ViewResource": {"Id": "detail"}})),
        on("CHAT"),
        view_env(answer),
    );
    assert!(
        matches!(run.result, Err(HandlerError::Invalid(_))),
        "{:?}",
        run.result
    );
}

#[test]
fn show_view_empty_id_is_error() {
    let parameters = json!({"ViewResource": {"Id": "$.Attributes.view"}});
    let run = run_block(show_view(parameters), on("CHAT"), ScriptedEnv::default());
    assert_eq!(run.result, error("NoMatchingError"));
    assert!(run.env.view_requests.is_empty());
}

/// Builds a customer queue flow that loops hold music and plays a still-in-line message at each
/// one-minute interrupt.
fn queue_music() -> Value {
    json!({
        "Version": "2019-10-30",
        "StartAction": "music",
        "Metadata": {"name": "queue-music", "type": "customerQueue"},
        "Actions": [
            {"Identifier": "music", "Type": "MessageParticipantIteratively",
             "Parameters": {"Messages": [{"PromptId": "arn:aws:connect:prompt/music"}],
                            "InterruptFrequencySeconds": "60"},
             "Transitions": {"NextAction": "done",
                             "Conditions": [
                                 {"NextAction": "still", "Condition": {"Operator": "Equals", "Operands": ["MessagesInterrupted"]}}],
                             "Errors": [{"ErrorType": "NoMatchingError", "NextAction": "done"}]}},
            {"Identifier": "still", "Type": "MessageParticipant",
             "Parameters": {"Text": "You are still in line."},
             "Transitions": {"NextAction": "music"}},
            {"Identifier": "done", "Type": "EndFlowExecution", "Parameters": {}, "Transitions": {}},
        ],
    })
}

#[test]
fn queue_music_until_agent_accepts() {
    let graph = graph(queue_music());
    let registry = handlers::builtin_registry();
    let executor = Executor::new(&graph, &registry, RunSettings::default());
    let mut state = ContactState::new(on("VOICE"));
    let mut env = scripted(&["MessagesInterrupted", "MessagesInterrupted", "Ended"]);
    let mut recorder = Recorder::default();
    executor.run(&mut state, &mut env, &mut recorder);
    insta::assert_snapshot!(recorder.text());
}

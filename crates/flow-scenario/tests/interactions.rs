//! The `lex`, `views` and `results` sections: parsing, answers in order, and checks against flows.

use flow_executor::{
    Answer, BlockQuestion, Environment, LexRequest, LexResult, OpenQuestion, ViewRequest, ViewResult,
};
use flow_graph::model::Flow;
use flow_scenario::{LexAnswer, Scenario, ScenarioEnvironment, ScenarioErrorKind, ViewAnswer, check_against};
use serde_json::{Map, Value, json};
use std::path::Path;

const ALIAS_ARN: &str = "arn:aws:lex:eu-west-2:123456789012:bot-alias/BOTID12345/ALIAS12345";
const VIEW_ARN: &str = "arn:aws:connect:eu-west-2:123456789012:instance/i-1/view/detail";

fn parse(value: Value) -> Scenario {
    Scenario::from_json(&value.to_string(), Some(Path::new("s.scenario.json")))
        .expect("test scenario is valid")
}

fn parse_message(value: Value) -> String {
    Scenario::from_json(&value.to_string(), None)
        .expect_err("the scenario should be rejected")
        .message
}

fn lex_request(bot: &str) -> LexRequest {
    LexRequest {
        bot: bot.to_string(),
        session_attributes: Map::new(),
        initial_message: None,
        timeout_seconds: None,
    }
}

fn view_request(view: &str) -> ViewRequest {
    ViewRequest {
        view: view.to_string(),
        version: None,
        data: json!({}),
    }
}

fn intent_name(result: &LexResult) -> &str {
    match result {
        LexResult::Intent(intent) => &intent.intent,
        LexResult::Timeout => "timeout",
        LexResult::Error { .. } => "error",
    }
}

const VOICE_ID_OPTIONS: [&str; 3] = ["Enrolled", "NotEnrolled", "NoMatchingError"];

fn voice_id_question() -> BlockQuestion<'static> {
    BlockQuestion {
        action_type: "CheckVoiceId",
        topic: "Voice ID result",
        options: &VOICE_ID_OPTIONS,
        default: "Enrolled",
    }
}

#[test]
fn lex_turns_parse() {
    let scenario = parse(json!({"lex": {ALIAS_ARN: [
        {"intent": "OrderPizza", "confidence": 0.9, "slots": {"size": "large"},
         "sessionAttributes": {"step": "2"}, "sentiment": {"label": "NEGATIVE", "negative": 0.7},
         "dialogState": "ElicitSlot", "transcript": "pizza", "alternateIntents": [{"intent": "Help", "confidence": 0.1}]},
        "timeout",
        {"error": "alias not found"},
    ]}}));
    let turns = &scenario.lex[ALIAS_ARN];
    let LexAnswer::Intent(intent) = &turns[0] else {
        panic!("expected an intent, got {:?}", turns[0]);
    };
    assert_eq!(intent.intent, "OrderPizza");
    assert_eq!(intent.confidence, Some(0.9));
    assert_eq!(intent.slots.get("size"), Some(&json!("large")));
    assert_eq!(
        intent.sentiment.as_ref().map(|s| s.label.as_str()),
        Some("NEGATIVE")
    );
    assert_eq!(intent.dialog_state.as_deref(), Some("ElicitSlot"));
    assert_eq!(intent.alternate_intents[0].intent, "Help");
    assert_eq!(turns[1], LexAnswer::Timeout);
    assert_eq!(turns[2], LexAnswer::Error("alias not found".into()));
}

#[test]
fn invalid_lex_turns_rejected() {
    let cases = [
        (json!({"lex": {"*": []}}), "empty list"),
        (json!({"lex": {"*": ["silence"]}}), "invalid Lex turn"),
        (
            json!({"lex": {"*": [{"confidence": 0.5}]}}),
            "missing field `intent`",
        ),
        (
            json!({"lex": {"*": [{"intent": "A", "score": 1}]}}),
            "unknown field `score`",
        ),
        (
            json!({"lex": {"*": [{"error": "x", "intent": "A"}]}}),
            "cannot be combined",
        ),
    ];
    for (scenario, expected) in cases {
        let message = parse_message(scenario.clone());
        assert!(message.contains(expected), "{scenario}: {message}");
    }
}

#[test]
fn views_parse() {
    let scenario = parse(json!({"views": {"detail": [
        {"action": "Confirm", "data": {"pickup": ["today"]}},
        {"action": "Back"},
        {"error": "TimeLimitExceeded"},
    ]}}));
    let outcomes = &scenario.views["detail"];
    assert_eq!(
        outcomes[0],
        ViewAnswer::Action {
            action: "Confirm".into(),
            data: json!({"pickup": ["today"]})
        }
    );
    assert_eq!(
        outcomes[1],
        ViewAnswer::Action {
            action: "Back".into(),
            data: json!({})
        }
    );
    assert_eq!(outcomes[2], ViewAnswer::Error("TimeLimitExceeded".into()));
}

#[test]
fn invalid_views_rejected() {
    let cases = [
        (
            json!({"views": {"detail": [{"error": "Timeout"}]}}),
            "invalid view error",
        ),
        (
            json!({"views": {"detail": [{"action": "Next", "error": "NoMatchingError"}]}}),
            "invalid view outcome",
        ),
        (
            json!({"views": {"detail": [{"data": {}}]}}),
            "invalid view outcome",
        ),
        (
            json!({"views": {"detail": [{"action": "Next", "page": 2}]}}),
            "unknown field `page`",
        ),
    ];
    for (scenario, expected) in cases {
        let message = parse_message(scenario.clone());
        assert!(message.contains(expected), "{scenario}: {message}");
    }
}

#[test]
fn results_parse_and_reject_empty() {
    let scenario = parse(json!({"results": {"check-voice": ["NotEnrolled", "Enrolled"]}}));
    assert_eq!(scenario.results["check-voice"], vec!["NotEnrolled", "Enrolled"]);
    let message = parse_message(json!({"results": {"check-voice": []}}));
    assert!(message.contains("empty list"), "{message}");
}

#[test]
fn lex_turns_in_order_last_repeats() {
    let scenario = parse(json!({"lex": {ALIAS_ARN: [{"intent": "A"}, "timeout", {"intent": "B"}]}}));
    let mut environment = ScenarioEnvironment::new(&scenario);
    let names: Vec<String> = (0..4)
        .map(|_| {
            let answer = environment.lex_turn("ask", &lex_request(ALIAS_ARN)).unwrap();
            assert!(!answer.assumed);
            intent_name(&answer.value).to_string()
        })
        .collect();
    assert_eq!(names, vec!["A", "timeout", "B", "B"]);
}

#[test]
fn lex_keys_match_bot_forms() {
    let cases = [
        (ALIAS_ARN, "by ARN"),
        ("ALIAS12345", "by alias id"),
        ("BOTID12345", "by bot id"),
    ];
    for (key, case) in cases {
        let scenario = parse(json!({"lex": {key: [{"intent": "Found"}]}}));
        let mut environment = ScenarioEnvironment::new(&scenario);
        let answer = environment.lex_turn("ask", &lex_request(ALIAS_ARN)).unwrap();
        assert_eq!(intent_name(&answer.value), "Found", "{case}");
    }
}

#[test]
fn lex_star_answers_other_bots() {
    let scenario = parse(json!({"lex": {"BOTID12345": [{"intent": "Named"}], "*": [{"intent": "Any"}]}}));
    let mut environment = ScenarioEnvironment::new(&scenario);
    let named = environment.lex_turn("ask", &lex_request(ALIAS_ARN)).unwrap();
    assert_eq!(intent_name(&named.value), "Named");
    let other = environment.lex_turn("ask", &lex_request("OrderFlowers")).unwrap();
    assert_eq!(intent_name(&other.value), "Any");
}

#[test]
fn unscripted_answers_are_assumed() {
    let mut environment = ScenarioEnvironment::new(&parse(json!({})));
    let lex = environment.lex_turn("ask", &lex_request(ALIAS_ARN)).unwrap();
    assert_eq!(lex, Answer::assumed(LexResult::Timeout));
    let view = environment.show_view("guide", &view_request("detail")).unwrap();
    let timeout = ViewResult::Error {
        error_type: "TimeLimitExceeded".into(),
    };
    assert_eq!(view, Answer::assumed(timeout));
    let result = environment
        .block_result("check-voice", &voice_id_question())
        .unwrap();
    assert_eq!(result, Answer::assumed("Enrolled".to_string()));
}

#[test]
fn strict_mode_asks_for_scripts() {
    let scenario = parse(json!({"settings": {"strict": true}}));
    let mut environment = ScenarioEnvironment::new(&scenario);
    let Err(OpenQuestion { question }) = environment.lex_turn("ask", &lex_request(ALIAS_ARN)) else {
        panic!("expected an open question about the Lex turn");
    };
    assert!(
        question.contains("add the key \"ALIAS12345\" or \"*\" to `lex`"),
        "{question}"
    );
    let Err(OpenQuestion { question }) = environment.show_view("guide", &view_request(VIEW_ARN)) else {
        panic!("expected an open question about the view");
    };
    assert!(
        question.contains("add the key \"detail\" to `views`"),
        "{question}"
    );
    let Err(OpenQuestion { question }) = environment.block_result("check-voice", &voice_id_question()) else {
        panic!("expected an open question about the block result");
    };
    assert!(
        question.contains(
            "add \"check-voice\" to `results` with a list of: Enrolled, NotEnrolled, NoMatchingError"
        ),
        "{question}"
    );
}

#[test]
fn views_answer_by_id_in_order() {
    let scenario = parse(json!({"views": {"detail": [{"action": "Next"}, {"error": "NoMatchingError"}]}}));
    let mut environment = ScenarioEnvironment::new(&scenario);
    let first = environment.show_view("guide", &view_request(VIEW_ARN)).unwrap();
    assert_eq!(
        first.value,
        ViewResult::Action {
            action: "Next".into(),
            data: json!({})
        }
    );
    let second = environment.show_view("guide", &view_request(VIEW_ARN)).unwrap();
    let failed = ViewResult::Error {
        error_type: "NoMatchingError".into(),
    };
    assert_eq!(second.value, failed);
}

#[test]
fn results_by_identifier_before_type() {
    let scenario = parse(json!({"results": {"CheckVoiceId": ["NotEnrolled"], "check-voice": ["Enrolled"]}}));
    let mut environment = ScenarioEnvironment::new(&scenario);
    let by_identifier = environment
        .block_result("check-voice", &voice_id_question())
        .unwrap();
    assert_eq!(by_identifier, Answer::given("Enrolled".to_string()));
    let by_type = environment
        .block_result("other-check", &voice_id_question())
        .unwrap();
    assert_eq!(by_type, Answer::given("NotEnrolled".to_string()));
}

/// Builds a flow from (Identifier, Type, Parameters) triples.
fn flow(actions: &[(&str, &str, Value)]) -> Flow {
    let actions: Vec<Value> = actions
        .iter()
        .map(|(identifier, action_type, parameters)| {
            json!({"Identifier": identifier, "Type": action_type, "Parameters": parameters, "Transitions": {}})
        })
        .collect();
    serde_json::from_value(json!({"Version": "2019-10-30", "StartAction": "ask", "Actions": actions}))
        .expect("test flow is valid")
}

fn interaction_flow() -> Flow {
    flow(&[
        (
            "ask",
            "ConnectParticipantWithLexBot",
            json!({"LexV2Bot": {"AliasArn": ALIAS_ARN}}),
        ),
        ("guide", "ShowView", json!({"ViewResource": {"Id": VIEW_ARN}})),
        (
            "check-voice",
            "CheckVoiceId",
            json!({"CheckVoiceIdOption": "fraudDetection"}),
        ),
        (
            "wait",
            "Wait",
            json!({"TimeLimitSeconds": "60", "Events": ["CustomerReturned"]}),
        ),
        ("hello", "MessageParticipant", json!({"Text": "hi"})),
    ])
}

fn problems(scenario: Value) -> Vec<(ScenarioErrorKind, String, String)> {
    check_against(&parse(scenario), &interaction_flow())
        .into_iter()
        .map(|error| (error.kind, error.pointer, error.message))
        .collect()
}

#[test]
fn keys_naming_flow_pass_check() {
    let scenario = json!({
        "lex": {"BOTID12345": ["timeout"], "*": ["timeout"]},
        "views": {"detail": [{"action": "Next"}]},
        "results": {"check-voice": ["HighRisk", "Inconclusive"], "Wait": ["CustomerReturned", "WaitCompleted"]},
    });
    assert_eq!(problems(scenario), vec![]);
}

#[test]
fn unknown_script_keys_are_errors() {
    let scenario = json!({
        "lex": {"OTHERBOT": ["timeout"]},
        "views": {"summary": [{"action": "Next"}]},
        "results": {"check-voyce": ["HighRisk"], "hello": ["Success"]},
    });
    let found = problems(scenario);
    let pointers: Vec<&str> = found.iter().map(|(_, pointer, _)| pointer.as_str()).collect();
    assert_eq!(
        pointers,
        vec![
            "/results/check-voyce",
            "/results/hello",
            "/lex/OTHERBOT",
            "/views/summary"
        ]
    );
    assert!(
        found
            .iter()
            .all(|(kind, _, _)| *kind == ScenarioErrorKind::UnusedKey)
    );
    assert_eq!(
        found[1].2,
        "block `hello` (MessageParticipant) takes no scripted result"
    );
}

#[test]
fn impossible_results_are_errors() {
    let scenario = json!({"results": {"check-voice": ["LowRisk", "Authenticated"], "Wait": ["BotParticipantDisconnected"]}});
    let found = problems(scenario);
    let expected = vec![
        (
            ScenarioErrorKind::Invalid,
            "/results/check-voice/1".to_string(),
            "invalid result `Authenticated` for `check-voice`: the block cannot produce it".to_string(),
        ),
        (
            ScenarioErrorKind::Invalid,
            "/results/Wait/0".to_string(),
            "invalid result `BotParticipantDisconnected` for `Wait`: the block cannot produce it".to_string(),
        ),
    ];
    assert_eq!(found, expected);
}

#[test]
fn dynamic_bot_skips_lex_check() {
    let dynamic = flow(&[(
        "ask",
        "ConnectParticipantWithLexBot",
        json!({"LexV2Bot": {"AliasArn": "$.Attributes.bot"}}),
    )]);
    let scenario = parse(json!({"lex": {"ANYBOT": ["timeout"]}}));
    assert!(check_against(&scenario, &dynamic).is_empty());
}

/// A flow whose `hello` block handles `NoMatchingError` and whose `greet` block has no `Errors`.
fn fault_flow() -> Flow {
    serde_json::from_value(json!({
        "Version": "2019-10-30",
        "StartAction": "hello",
        "Actions": [
            {"Identifier": "hello", "Type": "MessageParticipant", "Parameters": {"Text": "hi"},
             "Transitions": {"NextAction": "greet", "Errors": [{"ErrorType": "NoMatchingError", "NextAction": "greet"}]}},
            {"Identifier": "greet", "Type": "MessageParticipant", "Parameters": {"Text": "hello"},
             "Transitions": {"NextAction": "end"}},
            {"Identifier": "end", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}
        ]
    }))
    .expect("test flow is valid")
}

#[test]
fn faults_apply_per_visit_and_the_last_repeats() {
    let scenario = parse(json!({"faults": {"hello": [null, "NoMatchingError", null]}}));
    let mut environment = ScenarioEnvironment::new(&scenario);
    let errors = ["NoMatchingError"];
    let visits: Vec<Option<String>> = (0..4)
        .map(|_| environment.fault("hello", "MessageParticipant", &errors).unwrap())
        .collect();
    assert_eq!(visits, [None, Some("NoMatchingError".to_string()), None, None]);
    let other = environment.fault("greet", "MessageParticipant", &errors).unwrap();
    assert_eq!(other, None, "no key names the block");
}

#[test]
fn fault_by_type_applies_to_every_block_of_the_type() {
    let scenario = parse(json!({"faults": {"MessageParticipant": ["NoMatchingError"]}}));
    let mut environment = ScenarioEnvironment::new(&scenario);
    let fault = environment.fault("hello", "MessageParticipant", &["NoMatchingError"]);
    assert_eq!(fault.unwrap(), Some("NoMatchingError".to_string()));
    let unhandled = environment.fault("greet", "MessageParticipant", &[]);
    assert_eq!(
        unhandled.unwrap(),
        None,
        "a fault no Errors entry handles is ignored"
    );
}

#[test]
fn faults_are_checked_against_the_errors_blocks_handle() {
    let scenario = parse(json!({"faults": {
        "hello": ["QueueAtCapacity"],
        "greet": ["NoMatchingError"],
        "helo": ["NoMatchingError"]
    }}));
    let found: Vec<(ScenarioErrorKind, String, String, Option<String>)> =
        check_against(&scenario, &fault_flow())
            .into_iter()
            .map(|error| (error.kind, error.pointer, error.message, error.hint))
            .collect();
    insta::assert_debug_snapshot!(found);
}

//! The run loop: transition rule, step budget, unsupported types and events.

mod common;

use common::{Recorder, ScriptedEnv, graph};
use flow_executor::{
    ActionContext, ContactState, EndReason, Executor, HandlerError, HandlerResult, MissingAttributePolicy,
    OpenQuestion, Outcome, Registry, RunOutcome, RunSettings,
};
use serde_json::{Value, json};

/// A handler for the test type `Fake`: its `Produce` parameter picks the outcome
/// (`next`, `result:<text>`, `error:<type>`, `end`, `open`, `invalid`, `missing`).
fn fake(ctx: &mut ActionContext<'_>) -> HandlerResult {
    let produce = ctx.resolve_string("Produce")?.unwrap_or_default();
    let (kind, value) = produce.split_once(':').unwrap_or((&produce, ""));
    match kind {
        "next" => Ok(Outcome::Next),
        "result" => Ok(Outcome::Result(value.to_string())),
        "error" => Ok(Outcome::Error(value.to_string())),
        "end" => Ok(Outcome::End(EndReason::Disconnected)),
        "open" => Err(HandlerError::Open(OpenQuestion {
            question: "caller input".into(),
        })),
        "missing" => Err(HandlerError::MissingAttribute {
            path: "$.Attributes.x".into(),
        }),
        _ => Err(HandlerError::Invalid(format!("bad Produce {produce:?}"))),
    }
}

fn registry() -> Registry {
    let mut registry = Registry::new();
    registry.register("Fake", fake);
    registry
}

fn block(identifier: &str, produce: &str, transitions: Value) -> Value {
    json!({
        "Identifier": identifier,
        "Type": "Fake",
        "Parameters": {"Produce": produce},
        "Transitions": transitions,
    })
}

fn end_block(identifier: &str) -> Value {
    block(identifier, "end", json!({}))
}

struct Run {
    outcome: RunOutcome,
    trace: String,
}

fn run_with(actions: Vec<Value>, tree: Value, settings: RunSettings) -> Run {
    let start = actions[0]["Identifier"].clone();
    let graph = graph(json!({"Version": "2019-10-30", "StartAction": start, "Actions": actions}));
    let registry = registry();
    let executor = Executor::new(&graph, &registry, settings);
    let mut state = ContactState::new(tree);
    let mut recorder = Recorder::default();
    let outcome = executor.run(&mut state, &mut ScriptedEnv::default(), &mut recorder);
    Run {
        outcome,
        trace: recorder.text(),
    }
}

fn run(actions: Vec<Value>) -> Run {
    run_with(actions, json!({}), RunSettings::default())
}

/// Returns the `Identifier` of the terminal block the run ended at.
fn ended_at(run: &Run) -> &str {
    match &run.outcome {
        RunOutcome::Ended { identifier, .. } => identifier,
        other => panic!("expected a normal end, got {other:?}\n{}", run.trace),
    }
}

#[test]
fn error_takes_matching_entry() {
    let run = run(vec![
        block(
            "a",
            "error:QueueAtCapacity",
            json!({
                "NextAction": "next",
                "Errors": [
                    {"ErrorType": "NoMatchingError", "NextAction": "generic"},
                    {"ErrorType": "QueueAtCapacity", "NextAction": "full"},
                ],
            }),
        ),
        end_block("next"),
        end_block("generic"),
        end_block("full"),
    ]);
    assert_eq!(ended_at(&run), "full");
    assert!(
        run.trace.contains(
            r#"{"kind":"error","errorType":"QueueAtCapacity","matched":"QueueAtCapacity"} -> full"#
        ),
        "{}",
        run.trace
    );
}

#[test]
fn error_falls_to_no_matching_error() {
    let run = run(vec![
        block(
            "a",
            "error:InvalidPhoneNumber",
            json!({
                "NextAction": "next",
                "Errors": [{"ErrorType": "NoMatchingError", "NextAction": "generic"}],
            }),
        ),
        end_block("next"),
        end_block("generic"),
    ]);
    assert_eq!(ended_at(&run), "generic");
    assert!(
        run.trace.contains(r#""matched":"NoMatchingError""#),
        "{}",
        run.trace
    );
}

#[test]
fn unhandled_error_continues_on_next() {
    let run = run(vec![
        block("a", "error:NoMatchingError", json!({"NextAction": "next"})),
        end_block("next"),
    ]);
    assert_eq!(ended_at(&run), "next");
    assert!(
        run.trace
            .contains(r#"{"kind":"unhandledErrorFallback","errorType":"NoMatchingError"} -> next"#),
        "{}",
        run.trace
    );
}

#[test]
fn unhandled_error_without_next_ends() {
    let run = run(vec![block("a", "error:NoMatchingError", json!({}))]);
    assert_eq!(
        run.outcome,
        RunOutcome::UnhandledError {
            identifier: "a".into(),
            error_type: "NoMatchingError".into()
        }
    );
}

fn menu(result: &str, errors: Value) -> Vec<Value> {
    vec![
        block(
            "a",
            &format!("result:{result}"),
            json!({
                "NextAction": "next",
                "Conditions": [
                    {"NextAction": "one", "Condition": {"Operator": "Equals", "Operands": ["1"]}},
                    {"NextAction": "big", "Condition": {"Operator": "NumberGreaterOrEqualTo", "Operands": ["5"]}},
                    {"NextAction": "five", "Condition": {"Operator": "Equals", "Operands": ["5"]}},
                ],
                "Errors": errors,
            }),
        ),
        end_block("next"),
        end_block("one"),
        end_block("big"),
        end_block("five"),
        end_block("nomatch"),
    ]
}

#[test]
fn conditions_first_true_wins() {
    let no_match = json!([{"ErrorType": "NoMatchingCondition", "NextAction": "nomatch"}]);
    let cases = [
        ("1", "one"),
        ("5", "big"),
        ("05", "big"),
        ("7.5", "big"),
        ("2", "nomatch"),
        ("abc", "nomatch"),
    ];
    for (result, expected) in cases {
        let run = run(menu(result, no_match.clone()));
        assert_eq!(ended_at(&run), expected, "result {result:?}");
    }
}

#[test]
fn no_condition_without_entry_takes_next() {
    let run = run(menu("2", json!([])));
    assert_eq!(ended_at(&run), "next");
    assert!(
        run.trace
            .contains(r#"{"kind":"noMatchingCondition","result":"2"} -> next"#),
        "{}",
        run.trace
    );
}

#[test]
fn condition_operand_reads_reference() {
    let actions = vec![
        block(
            "a",
            "result:42",
            json!({
                "NextAction": "next",
                "Conditions": [{"NextAction": "hit", "Condition": {"Operator": "Equals", "Operands": ["$.Attributes.code"]}}],
            }),
        ),
        end_block("next"),
        end_block("hit"),
    ];
    let run = run_with(
        actions,
        json!({"Attributes": {"code": "42"}}),
        RunSettings::default(),
    );
    assert_eq!(ended_at(&run), "hit");
    assert!(run.trace.contains(r#""operand":"42""#), "{}", run.trace);
}

#[test]
fn result_without_conditions_takes_next() {
    let run = run(vec![
        block("a", "result:x", json!({"NextAction": "b"})),
        end_block("b"),
    ]);
    assert_eq!(ended_at(&run), "b");
}

#[test]
fn missing_next_is_no_transition() {
    let run = run(vec![block("a", "next", json!({}))]);
    assert_eq!(
        run.outcome,
        RunOutcome::NoTransition {
            identifier: "a".into(),
            branch: "NextAction".into()
        }
    );
}

#[test]
fn handler_errors_end_the_run() {
    let open = run(vec![block("a", "open", json!({"NextAction": "a"}))]);
    assert_eq!(
        open.outcome,
        RunOutcome::OpenQuestion {
            identifier: "a".into(),
            question: "caller input".into()
        }
    );
    let invalid = run(vec![block("a", "bogus", json!({"NextAction": "a"}))]);
    assert_eq!(
        invalid.outcome,
        RunOutcome::Failed {
            identifier: "a".into(),
            message: "bad Produce \"bogus\"".into()
        }
    );
}

#[test]
fn missing_attribute_takes_no_matching_error() {
    let actions = vec![
        block(
            "a",
            "missing",
            json!({
                "NextAction": "next",
                "Errors": [{"ErrorType": "NoMatchingError", "NextAction": "failed"}],
            }),
        ),
        end_block("next"),
        end_block("failed"),
    ];
    let settings = RunSettings {
        missing_attribute: MissingAttributePolicy::Error,
        ..RunSettings::default()
    };
    let run = run_with(actions, json!({}), settings);
    assert_eq!(ended_at(&run), "failed");
}

#[test]
fn step_budget_names_the_block() {
    let actions = vec![
        block("ping", "next", json!({"NextAction": "pong"})),
        block("pong", "next", json!({"NextAction": "ping"})),
    ];
    let settings = RunSettings {
        step_budget: 5,
        ..RunSettings::default()
    };
    let run = run_with(actions, json!({}), settings);
    assert_eq!(
        run.outcome,
        RunOutcome::StepBudgetExhausted {
            identifier: "pong".into(),
            budget: 5
        }
    );
    assert!(
        run.trace.ends_with(
            "end after 5 steps: {\"kind\":\"stepBudgetExhausted\",\"identifier\":\"pong\",\"budget\":5}"
        ),
        "{}",
        run.trace
    );
}

#[test]
fn unknown_type_is_not_supported() {
    let actions = vec![
        block("a", "next", json!({"NextAction": "b"})),
        json!({"Identifier": "b", "Type": "ShowView", "Parameters": {}, "Transitions": {"NextAction": "a"}}),
    ];
    let run = run(actions);
    assert_eq!(
        run.outcome,
        RunOutcome::NotSupported {
            identifier: "b".into(),
            action_type: "ShowView".into()
        }
    );
    assert!(
        run.trace.contains("2: note: not supported yet: ShowView at b"),
        "{}",
        run.trace
    );
}

#[test]
fn whole_run_trace() {
    let run = run_with(
        menu(
            "7",
            json!([{"ErrorType": "NoMatchingCondition", "NextAction": "nomatch"}]),
        ),
        json!({}),
        RunSettings::default(),
    );
    insta::assert_snapshot!(run.trace);
}

#[test]
fn unknown_operator_fails_the_run() {
    let actions = vec![
        block(
            "a",
            "result:x",
            json!({
                "NextAction": "b",
                "Conditions": [{"NextAction": "b", "Condition": {"Operator": "Contains", "Operands": ["x"]}}],
            }),
        ),
        end_block("b"),
    ];
    let run = run(actions);
    assert_eq!(
        run.outcome,
        RunOutcome::Failed {
            identifier: "a".into(),
            message: "unknown condition operator \"Contains\" in block a at /Actions/0/Transitions/Conditions/0/Condition \
                      (use Equals, TextStartsWith, TextEndsWith, TextContains, KeyExists or a Number operator)"
                .into()
        }
    );
}

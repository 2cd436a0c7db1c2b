//! The `expect` section: parsing, and each kind of expectation passing and failing with its message.

mod support;

use flow_scenario::Scenario;
use flow_scenario::expect::{Expectations, RunRecord};
use serde_json::{Value, json};
use support::{Run, run_menu};

/// Runs a caller named Maya who presses 1, so the run sets billing attributes and ends in the queue.
fn billing_run() -> Run {
    run_menu(json!({"contact": {"attributes": {"name": "Maya"}}, "inputs": ["1"]}))
}

fn expectations(expect: Value) -> Expectations {
    let scenario = Scenario::from_json(&json!({ "expect": expect }).to_string(), None)
        .expect("test expectations are valid");
    scenario.expect.expect("the scenario has an expect section")
}

/// Checks `expect` against `run` and returns the failure messages.
fn failures(run: &Run, expect: Value) -> Vec<String> {
    let record = RunRecord {
        steps: &run.steps.steps,
        outcome: &run.outcome,
        state: &run.state,
        names: &run.names,
    };
    expectations(expect)
        .check(&record)
        .iter()
        .map(ToString::to_string)
        .collect()
}

fn parse_error(expect: Value) -> String {
    let text = json!({ "expect": expect }).to_string();
    match Scenario::from_json(&text, None) {
        Ok(_) => panic!("expected {expect} to be rejected"),
        Err(error) => error.to_string(),
    }
}

#[test]
fn attribute_operators_pass_and_fail() {
    let run = billing_run();
    let department = "$.Attributes.department";
    let priority = "$.Attributes.priority";
    let cases: Vec<(&str, &str, Value, Option<String>)> = vec![
        (department, "Equals", json!("billing"), None),
        (
            department,
            "Equals",
            json!("sales"),
            Some(r#"expected $.Attributes.department Equals "sales", got "billing" (at step 3, block billing)"#.into()),
        ),
        (department, "TextContains", json!("ill"), None),
        (
            department,
            "TextContains",
            json!("xyz"),
            Some(r#"expected $.Attributes.department TextContains "xyz", got "billing" (at step 3, block billing)"#.into()),
        ),
        (department, "TextStartsWith", json!("bil"), None),
        (
            department,
            "TextStartsWith",
            json!("ing"),
            Some(r#"expected $.Attributes.department TextStartsWith "ing", got "billing" (at step 3, block billing)"#.into()),
        ),
        (department, "TextEndsWith", json!("ing"), None),
        (
            department,
            "TextEndsWith",
            json!("bil"),
            Some(r#"expected $.Attributes.department TextEndsWith "bil", got "billing" (at step 3, block billing)"#.into()),
        ),
        (priority, "NumberGreaterThan", json!(5), None),
        (
            priority,
            "NumberGreaterThan",
            json!(7),
            Some(r#"expected $.Attributes.priority NumberGreaterThan 7, got "7" (at step 3, block billing)"#.into()),
        ),
        (priority, "NumberLessThan", json!("10"), None),
        (
            priority,
            "NumberLessThan",
            json!("7"),
            Some(r#"expected $.Attributes.priority NumberLessThan 7, got "7" (at step 3, block billing)"#.into()),
        ),
        (priority, "NumberGreaterOrEqualTo", json!(7), None),
        (
            priority,
            "NumberGreaterOrEqualTo",
            json!(7.5),
            Some(r#"expected $.Attributes.priority NumberGreaterOrEqualTo 7.5, got "7" (at step 3, block billing)"#.into()),
        ),
        (priority, "NumberLessOrEqualTo", json!(7), None),
        (
            priority,
            "NumberLessOrEqualTo",
            json!(6),
            Some(r#"expected $.Attributes.priority NumberLessOrEqualTo 6, got "7" (at step 3, block billing)"#.into()),
        ),
        (department, "Exists", json!(true), None),
        (
            "$.Attributes.missing",
            "Exists",
            json!(true),
            Some("expected $.Attributes.missing Exists, got no value, and no block of the run wrote it".into()),
        ),
        ("$.Attributes.missing", "NotExists", json!(true), None),
        (
            department,
            "NotExists",
            json!(true),
            Some(r#"expected $.Attributes.department NotExists, got "billing" (at step 3, block billing)"#.into()),
        ),
    ];
    for (path, operator, operand, expected) in cases {
        let check = json!({"path": path, operator: operand});
        let messages = failures(&run, json!({ "attributes": [check] }));
        let expected: Vec<String> = expected
            .into_iter()
            .map(|m| format!("expect.attributes[0]: {m}"))
            .collect();
        assert_eq!(messages, expected, "{path} {operator} {operand}");
    }
}

#[test]
fn attribute_check_reads_system_namespaces() {
    let run = billing_run();
    let messages = failures(
        &run,
        json!({"attributes": [
            {"path": "$.Queue.ARN", "Equals": support::QUEUE_ARN},
            {"path": "$.Attributes.name", "Equals": "Maya"}
        ]}),
    );
    assert_eq!(messages, Vec::<String>::new());
}

#[test]
fn number_check_on_text_fails() {
    let run = billing_run();
    let messages = failures(
        &run,
        json!({"attributes": [{"path": "$.Attributes.department", "NumberLessThan": 3}]}),
    );
    assert_eq!(
        messages,
        [
            r#"expect.attributes[0]: expected $.Attributes.department NumberLessThan 3, got "billing", which is not a number (at step 3, block billing)"#
        ]
    );
}

#[test]
fn queue_matches_name_id_or_arn() {
    let run = billing_run();
    for queue in [
        "Billing",
        "6e2f3a5c-0000-4000-8000-00000000000a",
        support::QUEUE_ARN,
    ] {
        let messages = failures(&run, json!({"end": "transferredToQueue", "queue": queue}));
        assert_eq!(messages, Vec::<String>::new(), "queue {queue}");
    }
}

#[test]
fn end_fails_with_the_actual_outcome() {
    let run = billing_run();
    let messages = failures(&run, json!({"end": "disconnected"}));
    assert_eq!(
        messages,
        [format!(
            "expect.end: expected disconnected, got transferredToQueue to {} at block queue (at step 5)",
            support::QUEUE_ARN
        )]
    );
}

#[test]
fn end_fails_on_another_queue() {
    let run = billing_run();
    let messages = failures(&run, json!({"queue": "Sales"}));
    assert_eq!(
        messages,
        [format!(
            r#"expect.queue: expected "Sales", got "{}" ("Billing") (at step 5, block queue)"#,
            support::QUEUE_ARN
        )]
    );
}

#[test]
fn flow_expectation_fails_without_a_transfer() {
    let run = billing_run();
    let messages = failures(&run, json!({"flow": "Billing flow"}));
    assert_eq!(messages.len(), 1);
    assert!(
        messages[0].starts_with(r#"expect.flow: expected "Billing flow", got a run that transferredToQueue"#),
        "{}",
        messages[0]
    );
}

#[test]
fn path_matches_identifiers_and_names() {
    let run = billing_run();
    let path = json!(["greet", "Main menu", "billing", "set-queue", "Billing queue"]);
    assert_eq!(failures(&run, json!({ "path": path })), Vec::<String>::new());
}

#[test]
fn path_names_the_first_differing_step() {
    let run = billing_run();
    let messages = failures(&run, json!({"path": ["greet", "menu", "bye"]}));
    assert_eq!(
        messages,
        [
            r#"expect.path[2]: expected block "bye", got block "billing" ("Set billing") (at step 3, block billing)"#
        ]
    );
}

#[test]
fn path_longer_than_the_run_fails() {
    let run = billing_run();
    let messages = failures(
        &run,
        json!({"path": ["greet", "menu", "billing", "set-queue", "queue", "bye"]}),
    );
    assert_eq!(
        messages,
        [r#"expect.path[5]: expected block "bye", got the end of the run (at step 5, block queue)"#]
    );
}

#[test]
fn path_shorter_than_the_run_fails() {
    let run = billing_run();
    let messages = failures(&run, json!({"path": ["greet", "menu"]}));
    assert_eq!(
        messages,
        [
            r#"expect.path[2]: expected the run to end, got block "billing" ("Set billing") (at step 3, block billing)"#
        ]
    );
}

#[test]
fn visits_and_avoids() {
    let run = billing_run();
    assert_eq!(
        failures(&run, json!({"visits": ["Billing queue"], "avoids": ["bye"]})),
        Vec::<String>::new()
    );
    let messages = failures(&run, json!({"visits": ["Goodbye"], "avoids": ["Main menu"]}));
    assert_eq!(
        messages,
        [
            r#"expect.visits[0]: expected a visit to block "Goodbye", got a run of 5 steps that never entered it"#,
            r#"expect.avoids[0]: expected no visit to block "Main menu", got a visit (at step 2, block menu)"#,
        ]
    );
}

#[test]
fn prompts_match_substrings_in_order() {
    let run = billing_run();
    let expect = json!({"prompts": ["Welcome to Harborline, Maya.", "Press 1"]});
    assert_eq!(failures(&run, expect), Vec::<String>::new());
}

#[test]
fn prompts_out_of_order_fail() {
    let run = billing_run();
    let messages = failures(&run, json!({"prompts": ["Press 1", "Welcome"]}));
    assert_eq!(
        messages,
        [
            r#"expect.prompts[1]: expected a prompt containing "Welcome", got no further prompts (at step 2, block menu)"#
        ]
    );
}

#[test]
fn prompt_never_heard_fails() {
    let run = billing_run();
    let messages = failures(&run, json!({"prompts": ["Goodbye"]}));
    assert_eq!(
        messages,
        [
            r#"expect.prompts[0]: expected a prompt containing "Goodbye", got the prompts "Welcome to Harborline, Maya.", "Press 1 for billing, 2 to leave.""#
        ]
    );
}

#[test]
fn timeout_run_meets_its_expectations() {
    let run = run_menu(json!({"inputs": ["timeout"], "expect": {"end": "disconnected"}}));
    let expect = run
        .scenario
        .expect
        .clone()
        .expect("the scenario has an expect section");
    let record = RunRecord {
        steps: &run.steps.steps,
        outcome: &run.outcome,
        state: &run.state,
        names: &run.names,
    };
    assert_eq!(expect.check(&record), Vec::new());
}

#[test]
fn invalid_sections_are_rejected() {
    let cases = [
        (json!({"ends": "disconnected"}), "unknown field `ends`"),
        (
            json!({"end": "hungUp"}),
            "unknown end `hungUp`: expected one of disconnected, flowEnded",
        ),
        (
            json!({"end": "disconneted"}),
            "unknown end `disconneted`: did you mean `disconnected`?",
        ),
        (json!({"end": "stopped"}), "unknown end `stopped`"),
        (
            json!({"attributes": [{"path": "$.Attributes.a", "Matches": "x"}]}),
            "unknown operator `Matches`",
        ),
        (json!({"attributes": [{"Equals": "x"}]}), "missing field `path`"),
        (
            json!({"attributes": [{"path": "$.Attributes.a", "Equals": "x", "TextContains": "y"}]}),
            "needs exactly one operator key",
        ),
        (
            json!({"attributes": [{"path": "$.Attributes.a", "Exists": "yes"}]}),
            r#"write "Exists": true"#,
        ),
        (
            json!({"attributes": [{"path": "$.Attributes.a", "Equals": true}]}),
            "expected a string or a number",
        ),
        (
            json!({"attributes": [{"path": "Attributes.a", "Equals": "x"}]}),
            "a path starts with `$.`",
        ),
        (
            json!({"attributes": [{"path": "$.Attributes.a", "NumberGreaterThan": "abc"}]}),
            r#"invalid operand "abc" of NumberGreaterThan: expected a decimal number"#,
        ),
    ];
    for (expect, wanted) in cases {
        let message = parse_error(expect.clone());
        assert!(message.contains(wanted), "{expect}: {message}");
    }
}

#[test]
fn misspelt_block_names_fail() {
    let flow = support::menu_flow();
    let expect = expectations(json!({
        "path": ["greet", "Main menu"],
        "visits": ["Billing queu"],
        "avoids": ["goodbye", "Goodbye"]
    }));
    let messages: Vec<String> = expect
        .check_block_names(&[&flow])
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        messages,
        [
            r#"expect.visits[0]: expected the Identifier or the name of a block in the flows, got "Billing queu", which names no block; did you mean "Billing queue"?"#,
            r#"expect.avoids[0]: expected the Identifier or the name of a block in the flows, got "goodbye", which names no block; did you mean "Goodbye"?"#,
        ]
    );
}

#[test]
fn end_names_match_serialized_names() {
    use flow_scenario::expect::EndKind;
    let kinds = [
        EndKind::Disconnected,
        EndKind::FlowEnded,
        EndKind::TransferredToQueue,
        EndKind::TransferredToFlow,
        EndKind::TransferredToAgent,
        EndKind::TransferredToPhoneNumber,
        EndKind::ModuleReturned,
        EndKind::StepBudgetExhausted,
        EndKind::UnhandledError,
        EndKind::NoTransition,
        EndKind::NotSupported,
        EndKind::OpenQuestion,
        EndKind::Failed,
        EndKind::Stopped,
    ];
    for kind in kinds {
        assert_eq!(
            serde_json::to_value(kind).ok(),
            Some(json!(kind.as_str())),
            "{kind:?}"
        );
    }
}

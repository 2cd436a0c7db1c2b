//! Flow-control handlers: compare, hours, loop, percentage split, wait, flow attributes and the
//! blocks that end a flow.

mod common;

use common::{ScriptedEnv, run_block, run_block_with};
use flow_executor::{ContactState, EndReason, HandlerError, Outcome, RunSettings};
use serde_json::{Value, json};

fn action(action_type: &str, parameters: Value) -> Value {
    json!({"Identifier": "b1", "Type": action_type, "Parameters": parameters, "Transitions": {"NextAction": "x"}})
}

#[test]
fn compare_returns_resolved_value() {
    let tree = json!({"Attributes": {"tier": "gold"}, "External": {"customer": {"vip": true}}});
    let cases = [
        ("$.Attributes.tier", "gold"),
        ("$.Attributes.missing", ""),
        ("$.External.customer", r#"{"vip":true}"#),
    ];
    for (value, expected) in cases {
        let run = run_block(
            action("Compare", json!({"ComparisonValue": value})),
            tree.clone(),
            ScriptedEnv::default(),
        );
        assert_eq!(run.result, Ok(Outcome::Result(expected.into())), "{value}");
    }
}

#[test]
fn compare_without_value_is_invalid() {
    let run = run_block(action("Compare", json!({})), json!({}), ScriptedEnv::default());
    assert!(matches!(run.result, Err(HandlerError::Invalid(_))));
}

#[test]
fn hours_table() {
    let cases = [
        (
            json!({"HoursOfOperationId": "Weekdays"}),
            json!({}),
            Some(true),
            "True",
            "Hours(\"Weekdays\")",
        ),
        (
            json!({}),
            json!({"Queue": {"ARN": "Sales"}}),
            Some(false),
            "False",
            "QueueHours(\"Sales\")",
        ),
    ];
    for (parameters, tree, open, result, asked) in cases {
        let env = ScriptedEnv {
            hours: open.into_iter().collect(),
            ..Default::default()
        };
        let run = run_block(action("CheckHoursOfOperation", parameters.clone()), tree, env);
        assert_eq!(run.result, Ok(Outcome::Result(result.into())), "{parameters}");
        assert_eq!(run.env.hours_asked, vec![asked.to_string()], "{parameters}");
    }
}

#[test]
fn hours_without_source_is_error() {
    let cases = [
        json!({}),
        json!({"Queue": {"ARN": "arn:aws:connect:r:1:instance/i/agent/a1"}}),
    ];
    for tree in cases {
        let run = run_block(
            action("CheckHoursOfOperation", json!({})),
            tree.clone(),
            ScriptedEnv::default(),
        );
        assert_eq!(run.result, Ok(Outcome::Error("NoMatchingError".into())), "{tree}");
        assert!(run.env.hours_asked.is_empty(), "{tree}");
    }
}

/// Runs the same Loop block `passes` times over one state and returns the results.
fn loop_results(count: &str, passes: usize) -> Vec<Outcome> {
    let mut state = ContactState::new(json!({"Attributes": {"n": "2"}}));
    let mut results = Vec::new();
    for _ in 0..passes {
        let block = action("Loop", json!({"LoopCount": count}));
        let run = run_block_with(block, state, ScriptedEnv::default(), &RunSettings::default());
        results.push(run.result.expect("Loop never fails as a handler"));
        state = run.state;
    }
    results
}

#[test]
fn loop_counts_then_resets() {
    let go = || Outcome::Result("ContinueLooping".into());
    let done = || Outcome::Result("DoneLooping".into());
    assert_eq!(loop_results("2", 4), vec![go(), go(), done(), go()]);
    assert_eq!(loop_results("$.Attributes.n", 3), vec![go(), go(), done()]);
    assert_eq!(loop_results("0", 2), vec![done(), done()]);
}

#[test]
fn loop_invalid_count_is_error() {
    for count in ["101", "-1", "two", "$.Attributes.missing"] {
        let error = Outcome::Error("NoMatchingError".into());
        assert_eq!(loop_results(count, 1), vec![error], "{count}");
    }
}

#[test]
fn distribute_returns_random_number() {
    let env = ScriptedEnv {
        random: [37].into(),
        ..Default::default()
    };
    let run = run_block(action("DistributeByPercentage", json!({})), json!({}), env);
    assert_eq!(run.result, Ok(Outcome::Result("37".into())));
}

#[test]
fn flow_attributes_both_shapes() {
    let parameters = json!({"FlowAttributes": {
        "plain": {"Value": "$.Attributes.tier"},
        "typed": {"Type": "String", "Value": "x-$.Attributes.tier"},
    }});
    let run = run_block(
        action("UpdateFlowAttributes", parameters),
        json!({"Attributes": {"tier": "gold"}}),
        ScriptedEnv::default(),
    );
    assert_eq!(run.result, Ok(Outcome::Next));
    assert_eq!(
        run.state.get(&["FlowAttributes"]),
        Some(&json!({"plain": "gold", "typed": "x-gold"}))
    );
}

#[test]
fn flow_attributes_without_value_is_invalid() {
    let parameters = json!({"FlowAttributes": {"a": {"Type": "String"}}});
    let run = run_block(
        action("UpdateFlowAttributes", parameters),
        json!({}),
        ScriptedEnv::default(),
    );
    assert!(matches!(run.result, Err(HandlerError::Invalid(_))));
}

#[test]
fn transfer_to_flow_names_target() {
    let run = run_block(
        action("TransferToFlow", json!({"ContactFlowId": "$.Attributes.next"})),
        json!({"Attributes": {"next": "flow-2"}}),
        ScriptedEnv::default(),
    );
    assert_eq!(
        run.result,
        Ok(Outcome::End(EndReason::TransferredToFlow {
            flow: "flow-2".into()
        }))
    );
    let empty = run_block(
        action("TransferToFlow", json!({"ContactFlowId": ""})),
        json!({}),
        ScriptedEnv::default(),
    );
    assert_eq!(empty.result, Ok(Outcome::Error("NoMatchingError".into())));
}

#[test]
fn end_flow_depends_on_flow_type() {
    let cases = [
        ("contactFlow", EndReason::Disconnected),
        ("customerQueue", EndReason::FlowEnded),
        ("agentWhisper", EndReason::FlowEnded),
        ("customerHold", EndReason::FlowEnded),
    ];
    for (flow_type, reason) in cases {
        let settings = RunSettings {
            flow_type: flow_type.into(),
            ..RunSettings::default()
        };
        let block = action("EndFlowExecution", json!({}));
        let run = run_block_with(
            block,
            ContactState::new(json!({})),
            ScriptedEnv::default(),
            &settings,
        );
        assert_eq!(run.result, Ok(Outcome::End(reason)), "{flow_type}");
    }
}

#[test]
fn module_return_writes_result() {
    let parameters = json!({"Result": "ok", "ResultData": {"score": "$.Attributes.s"}});
    let run = run_block(
        action("EndFlowModuleExecution", parameters),
        json!({"Attributes": {"s": "9"}}),
        ScriptedEnv::default(),
    );
    assert_eq!(
        run.result,
        Ok(Outcome::End(EndReason::ModuleReturned {
            result: Some("ok".into())
        }))
    );
    assert_eq!(
        run.state.get(&["Modules"]),
        Some(&json!({"ResultData": {"score": "9"}, "Result": "ok"}))
    );
}

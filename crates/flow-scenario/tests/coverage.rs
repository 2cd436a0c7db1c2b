//! Transition coverage of the menu flow over a suite of runs.

mod support;

use flow_scenario::coverage::{Coverage, FlowCoverage, RunFlow};
use serde_json::json;
use support::run_menu;

/// Runs the menu flow once per caller input and returns the coverage of all runs together.
fn coverage_of(inputs: &[&str]) -> FlowCoverage {
    let mut coverage = Coverage::new();
    for input in inputs {
        let run = run_menu(json!({"inputs": [input]}));
        let flows = [RunFlow {
            label: "Menu",
            graph: &run.graph,
            set: None,
        }];
        let mut one = Coverage::new();
        one.add_run(&run.coverage, &flows);
        coverage.merge(one);
    }
    let mut report = coverage.report();
    assert_eq!(report.len(), 1, "one flow was run");
    report.remove(0)
}

fn missed(report: &FlowCoverage) -> Vec<String> {
    report
        .missed
        .iter()
        .map(|t| format!("{} {} -> {}", t.identifier, t.branch, t.target))
        .collect()
}

#[test]
fn one_run_covers_its_path() {
    let report = coverage_of(&["1"]);
    assert_eq!(report.flow, "Menu");
    assert_eq!(report.name.as_deref(), Some("Menu"));
    assert_eq!((report.covered, report.total), (4, 15));
    assert!((report.percent() - 26.666).abs() < 0.01, "{}", report.percent());
    let dead: Vec<String> = report
        .dead
        .iter()
        .map(|t| {
            format!(
                "{} {}: {}",
                t.identifier,
                t.branch,
                t.reason.as_deref().unwrap_or("")
            )
        })
        .collect();
    insta::assert_snapshot!(dead.join("\n"), @r"
    menu NextAction: NextAction is only a fallback here, because a menu's result is one DTMF key, and each result takes a condition or the NoMatchingCondition branch; errors take NoMatchingError
    queue NextAction: a successful TransferContactToQueue ends the flow, so NextAction is never followed
    ");
    assert!(
        (report.live_percent() - 4.0 * 100.0 / 13.0).abs() < 0.01,
        "{}",
        report.live_percent()
    );
}

#[test]
fn suite_adds_up_the_branches_of_every_run() {
    let report = coverage_of(&["1", "2", "timeout", "9", "1"]);
    assert_eq!((report.covered, report.total), (7, 15));
    insta::assert_snapshot!(missed(&report).join("\n"), @r"
    greet Errors[NoMatchingError] -> bye
    menu Errors[NoMatchingError] -> bye
    billing Errors[NoMatchingError] -> bye
    set-queue Errors[NoMatchingError] -> bye
    queue Errors[QueueAtCapacity] -> bye
    queue Errors[NoMatchingError] -> bye
    ");
}

#[test]
fn missed_transition_has_the_block_name() {
    let report = coverage_of(&["2"]);
    let queue = report
        .missed
        .iter()
        .find(|t| t.identifier == "queue" && t.branch == "Errors[QueueAtCapacity]")
        .expect("the queue's capacity branch is missed");
    assert_eq!(queue.name.as_deref(), Some("Billing queue"));
    assert_eq!(queue.target, "bye");
}

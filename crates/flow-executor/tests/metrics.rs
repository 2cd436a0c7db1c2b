//! Queue metric handlers: `CheckMetricData` results and the `$.Metrics` tree of `GetMetricData`.

mod scripted_results;

use flow_executor::{ContactState, HandlerError, Outcome, QueueStatus};
use scripted_results::{ResultEnv, action, run, run_in};
use serde_json::json;

fn busy_queue() -> QueueStatus {
    QueueStatus {
        at_capacity: false,
        agents_online: 5,
        agents_available: 2,
        agents_staffed: 4,
        contacts_in_queue: 7,
        oldest_contact_age_seconds: 95,
        agents_after_contact_work: 1,
        agents_busy: 2,
        agents_missed: 0,
        agents_non_productive: 1,
        estimated_wait_time_seconds: Some(120),
        contact_position_in_queue: Some(3),
        contact_estimated_wait_time_seconds: Some(60),
    }
}

fn env_with(queue: &str) -> ResultEnv {
    let mut env = ResultEnv::default();
    env.queues.insert(queue.to_string(), busy_queue());
    env
}

#[test]
fn check_metric_returns_each_metric() {
    let cases = [
        ("NumberOfAgentsAvailable", "2"),
        ("NumberOfAgentsStaffed", "4"),
        ("NumberOfAgentsOnline", "5"),
        ("OldestContactInQueueAgeSeconds", "95"),
        ("NumberOfContactsInQueue", "7"),
    ];
    for (metric, expected) in cases {
        let block = action(
            "CheckMetricData",
            json!({"MetricType": metric, "QueueId": "Sales"}),
        );
        let run = run_in(block, ContactState::new(json!({})), env_with("Sales"));
        assert_eq!(run.result, Ok(Outcome::Result(expected.to_string())), "{metric}");
    }
}

#[test]
fn check_metric_uses_working_queue() {
    let block = action(
        "CheckMetricData",
        json!({"MetricType": "NumberOfContactsInQueue"}),
    );
    let state = ContactState::new(json!({"Queue": {"ARN": "Sales"}}));
    let run = run_in(block, state, env_with("Sales"));
    assert_eq!(run.result, Ok(Outcome::Result("7".into())));
    assert_eq!(run.env.queues_asked, ["Sales"]);
}

#[test]
fn check_metric_agent_queue() {
    let block = action(
        "CheckMetricData",
        json!({"MetricType": "NumberOfAgentsOnline", "AgentId": "agent-1"}),
    );
    let run = run_in(block, ContactState::new(json!({})), env_with("agent-1"));
    assert_eq!(run.result, Ok(Outcome::Result("5".into())));
}

#[test]
fn check_metric_without_queue_fails() {
    let run = run(
        "CheckMetricData",
        json!({"MetricType": "NumberOfAgentsOnline"}),
        json!({}),
        &[],
    );
    assert_eq!(run.result, Ok(Outcome::Error("NoMatchingError".into())));
    assert!(run.env.queues_asked.is_empty());
}

#[test]
fn check_metric_unknown_type_rejected() {
    let parameters = json!({"MetricType": "NumberOfAgentsHappy", "QueueId": "Sales"});
    let run = run("CheckMetricData", parameters, json!({}), &[]);
    assert!(matches!(run.result, Err(HandlerError::Invalid(_))));
}

#[test]
fn get_metric_writes_metrics_tree() {
    let queue = "arn:aws:connect:us-east-1:123456789012:instance/i/queue/q-1";
    let block = action(
        "GetMetricData",
        json!({"QueueId": queue, "QueueChannel": "Voice"}),
    );
    let run = run_in(block, ContactState::new(json!({})), env_with(queue));
    assert_eq!(run.result, Ok(Outcome::Next));
    insta::assert_json_snapshot!(run.state.get(&["Metrics"]));
}

#[test]
fn get_metric_estimates_null_without_activity() {
    let block = action("GetMetricData", json!({}));
    let state = ContactState::new(json!({"Queue": {"ARN": "Quiet"}}));
    let run = run_in(block, state, ResultEnv::default());
    assert_eq!(run.result, Ok(Outcome::Next));
    assert_eq!(
        run.state.get(&["Metrics", "Queue", "EstimatedWaitTime"]),
        Some(&json!(null))
    );
    assert_eq!(
        run.state.get(&["Metrics", "Contact", "PositionInQueue"]),
        Some(&json!(null))
    );
    assert_eq!(
        run.state.get(&["Metrics", "Agents", "Online", "Count"]),
        Some(&json!(0))
    );
}

#[test]
fn get_metric_error_branches() {
    let none = run("GetMetricData", json!({}), json!({}), &[]);
    assert_eq!(none.result, Ok(Outcome::Error("NoMatchingError".into())));
    assert_eq!(none.state.get(&["Metrics"]), None);
    let channel = run(
        "GetMetricData",
        json!({"QueueId": "q", "QueueChannel": "Fax"}),
        json!({}),
        &[],
    );
    assert!(matches!(channel.result, Err(HandlerError::Invalid(_))));
}

#[test]
fn get_metric_names_working_queue() {
    let block = action("GetMetricData", json!({}));
    let state = ContactState::new(json!({"Queue": {"ARN": "arn:q/q-9", "Name": "Billing"}}));
    let run = run_in(block, state, ResultEnv::default());
    assert_eq!(
        run.state.get(&["Metrics", "Queue", "Name"]),
        Some(&json!("Billing"))
    );
    assert_eq!(
        run.state.get(&["Metrics", "Queue", "ARN"]),
        Some(&json!("arn:q/q-9"))
    );
}

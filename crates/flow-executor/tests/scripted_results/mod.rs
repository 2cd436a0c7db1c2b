//! A harness for blocks that ask `Environment::block_result`: it runs one block with scripted
//! results and queue states and records every question asked.

#![allow(dead_code)]

use flow_executor::env::BlockQuestion;
use flow_executor::{
    ActionContext, Answer, CallerInput, ContactState, EnvResult, Environment, HandlerResult, HoursSource,
    LambdaRequest, LambdaResult, QueueStatus, RunSettings, handlers,
};
use flow_graph::model::Flow;
use serde_json::{Value, json};
use std::collections::{HashMap, VecDeque};

/// An environment that returns scripted block results in order, then each question's default.
#[derive(Debug, Default)]
pub struct ResultEnv {
    pub results: VecDeque<String>,
    pub queues: HashMap<String, QueueStatus>,
    /// Every block-result question, as `topic: a|b|c`.
    pub asked: Vec<String>,
    /// Every queue asked about.
    pub queues_asked: Vec<String>,
}

impl ResultEnv {
    pub fn with_results(results: &[&str]) -> Self {
        ResultEnv {
            results: results.iter().map(|r| r.to_string()).collect(),
            ..Default::default()
        }
    }
}

impl Environment for ResultEnv {
    fn caller_input(&mut self, _identifier: &str) -> EnvResult<CallerInput> {
        Ok(Answer::assumed(CallerInput::Timeout))
    }

    fn invoke_lambda(&mut self, _identifier: &str, _request: &LambdaRequest) -> EnvResult<LambdaResult> {
        let failure = LambdaResult::Error {
            message: "no Lambda in this test".into(),
        };
        Ok(Answer::assumed(failure))
    }

    fn hours_open(&mut self, _identifier: &str, _hours: HoursSource<'_>) -> EnvResult<bool> {
        Ok(Answer::assumed(true))
    }

    fn queue_status(&mut self, _identifier: &str, queue: &str) -> EnvResult<QueueStatus> {
        self.queues_asked.push(queue.to_string());
        match self.queues.get(queue) {
            Some(status) => Ok(Answer::given(status.clone())),
            None => Ok(Answer::assumed(QueueStatus::default())),
        }
    }

    fn random_percent(&mut self, _identifier: &str) -> EnvResult<u8> {
        Ok(Answer::assumed(50))
    }

    fn block_result(&mut self, _identifier: &str, question: &BlockQuestion<'_>) -> EnvResult<String> {
        self.asked
            .push(format!("{}: {}", question.topic, question.options.join("|")));
        match self.results.pop_front() {
            Some(result) => Ok(Answer::given(result)),
            None => Ok(Answer::assumed(question.default.to_string())),
        }
    }
}

/// Collects the notes a block adds to the trace.
#[derive(Debug, Default)]
pub struct Notes {
    pub notes: Vec<String>,
}

impl flow_executor::Observer for Notes {
    fn on_event(&mut self, event: &flow_executor::Event<'_>) {
        if let flow_executor::Event::Note { message, .. } = event {
            self.notes.push(message.to_string());
        }
    }
}

/// What one block did.
pub struct Run {
    pub result: HandlerResult,
    pub state: ContactState,
    pub env: ResultEnv,
    pub notes: Vec<String>,
}

/// Builds an action of `action_type` with `parameters` and the identifier `block`.
pub fn action(action_type: &str, parameters: Value) -> Value {
    json!({
        "Identifier": "block",
        "Type": action_type,
        "Parameters": parameters,
        "Transitions": {"NextAction": "next"},
    })
}

/// Runs the built-in handler of `action` once over `state` with `env`.
pub fn run_in(action: Value, mut state: ContactState, mut env: ResultEnv) -> Run {
    let flow: Flow = serde_json::from_value(json!({
        "Version": "2019-10-30",
        "StartAction": "block",
        "Actions": [action],
    }))
    .expect("test flows are valid exports");
    let registry = handlers::builtin_registry();
    let action = &flow.actions[0];
    let handler = registry
        .get(&action.action_type)
        .expect("the tested type has a built-in handler");
    let mut notes = Notes::default();
    let settings = RunSettings::default();
    let mut ctx = ActionContext {
        flow: &flow,
        action,
        step: 1,
        state: &mut state,
        env: &mut env,
        observer: &mut notes,
        settings: &settings,
    };
    let result = handler.execute(&mut ctx);
    Run {
        result,
        state,
        env,
        notes: notes.notes,
    }
}

/// Runs `action_type` with `parameters` over `tree`, returning `results` to block-result questions.
pub fn run(action_type: &str, parameters: Value, tree: Value, results: &[&str]) -> Run {
    run_in(
        action(action_type, parameters),
        ContactState::new(tree),
        ResultEnv::with_results(results),
    )
}

//! Test doubles shared by the handler and flow tests.

use flow_executor::{
    CallerInput, EnvResult, Environment, Event, HoursSource, LambdaRequest, LambdaResult, Observer,
    OpenQuestion, QueueStatus,
};
use serde_json::Value;

/// An environment for blocks that call no environment method.
pub struct NoEnvironment;

impl Environment for NoEnvironment {
    fn caller_input(&mut self, _: &str) -> EnvResult<CallerInput> {
        Err(unasked())
    }
    fn invoke_lambda(&mut self, _: &str, _: &LambdaRequest) -> EnvResult<LambdaResult> {
        Err(unasked())
    }
    fn hours_open(&mut self, _: &str, _: HoursSource<'_>) -> EnvResult<bool> {
        Err(unasked())
    }
    fn queue_status(&mut self, _: &str, _: &str) -> EnvResult<QueueStatus> {
        Err(unasked())
    }
    fn random_percent(&mut self, _: &str) -> EnvResult<u8> {
        Err(unasked())
    }
}

pub fn unasked() -> OpenQuestion {
    OpenQuestion {
        question: "the test environment answers no question".to_string(),
    }
}

/// Keeps every event as JSON.
#[derive(Default)]
pub struct Recorder {
    pub events: Vec<Value>,
}

impl Observer for Recorder {
    fn on_event(&mut self, event: &Event<'_>) {
        self.events
            .push(serde_json::to_value(event).expect("events serialise to JSON"));
    }
}

pub mod block;

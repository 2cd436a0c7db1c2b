//! Test helpers: a scripted `Environment`, a recording `Observer`, and builders for flows and
//! single-block contexts.

#![allow(dead_code)]

use flow_executor::{
    ActionContext, Answer, BlockQuestion, CallerInput, EnvResult, Environment, Event, HandlerResult,
    HoursSource, LambdaRequest, LambdaResult, LexRequest, LexResult, Observer, OpenQuestion, QueueStatus,
    RunSettings, ViewRequest, ViewResult,
};
use flow_executor::{ContactState, handlers};
use flow_graph::FlowGraph;
use flow_graph::model::Flow;
use serde_json::{Value, json};
use std::collections::{HashMap, VecDeque};

/// An environment that returns scripted answers in order. An empty queue gives an assumed default,
/// or an open question when `strict` is set.
#[derive(Debug, Default)]
pub struct ScriptedEnv {
    pub inputs: VecDeque<CallerInput>,
    pub lambda: VecDeque<LambdaResult>,
    pub hours: VecDeque<bool>,
    pub queues: HashMap<String, QueueStatus>,
    pub random: VecDeque<u8>,
    pub strict: bool,
    /// Every Lambda request, in order.
    pub lambda_requests: Vec<LambdaRequest>,
    /// Every hours question, rendered as text.
    pub hours_asked: Vec<String>,
    pub lex: VecDeque<LexResult>,
    /// Every Lex request, in order.
    pub lex_requests: Vec<LexRequest>,
    pub views: VecDeque<ViewResult>,
    /// Every view request, in order.
    pub view_requests: Vec<ViewRequest>,
    pub results: VecDeque<String>,
    /// The options and default of every block-result question, as `topic: a|b|c (default d)`.
    pub results_asked: Vec<String>,
}

impl ScriptedEnv {
    pub fn keys(keys: &[&str]) -> Self {
        ScriptedEnv {
            inputs: keys.iter().map(|k| CallerInput::Keys(k.to_string())).collect(),
            ..Default::default()
        }
    }

    fn answer<T>(&self, scripted: Option<T>, default: T, question: &str) -> EnvResult<T> {
        match scripted {
            Some(value) => Ok(Answer::given(value)),
            None if self.strict => Err(OpenQuestion {
                question: question.to_string(),
            }),
            None => Ok(Answer::assumed(default)),
        }
    }
}

impl Environment for ScriptedEnv {
    fn caller_input(&mut self, identifier: &str) -> EnvResult<CallerInput> {
        let next = self.inputs.pop_front();
        self.answer(
            next,
            CallerInput::Timeout,
            &format!("caller input at {identifier}"),
        )
    }

    fn invoke_lambda(&mut self, identifier: &str, request: &LambdaRequest) -> EnvResult<LambdaResult> {
        self.lambda_requests.push(request.clone());
        let next = self.lambda.pop_front();
        let default = LambdaResult::Response { value: json!({}) };
        self.answer(next, default, &format!("lambda result at {identifier}"))
    }

    fn hours_open(&mut self, identifier: &str, hours: HoursSource<'_>) -> EnvResult<bool> {
        self.hours_asked.push(format!("{hours:?}"));
        let next = self.hours.pop_front();
        self.answer(next, true, &format!("hours at {identifier}"))
    }

    fn queue_status(&mut self, identifier: &str, queue: &str) -> EnvResult<QueueStatus> {
        let status = self.queues.get(queue).cloned();
        self.answer(
            status,
            QueueStatus::default(),
            &format!("queue {queue} at {identifier}"),
        )
    }

    fn random_percent(&mut self, identifier: &str) -> EnvResult<u8> {
        let next = self.random.pop_front();
        self.answer(next, 50, &format!("random percent at {identifier}"))
    }

    fn lex_turn(&mut self, identifier: &str, request: &LexRequest) -> EnvResult<LexResult> {
        self.lex_requests.push(request.clone());
        let next = self.lex.pop_front();
        self.answer(next, LexResult::Timeout, &format!("lex turn at {identifier}"))
    }

    fn show_view(&mut self, identifier: &str, request: &ViewRequest) -> EnvResult<ViewResult> {
        self.view_requests.push(request.clone());
        let next = self.views.pop_front();
        let default = ViewResult::Error {
            error_type: "TimeLimitExceeded".to_string(),
        };
        self.answer(next, default, &format!("view at {identifier}"))
    }

    fn block_result(&mut self, identifier: &str, question: &BlockQuestion<'_>) -> EnvResult<String> {
        self.results_asked.push(format!(
            "{}: {} (default {})",
            question.topic,
            question.options.join("|"),
            question.default
        ));
        let next = self.results.pop_front();
        let default = question.default.to_string();
        self.answer(next, default, &format!("block result at {identifier}"))
    }
}

/// An observer that renders every event as one line of text.
#[derive(Debug, Default)]
pub struct Recorder {
    pub lines: Vec<String>,
}

impl Recorder {
    pub fn text(&self) -> String {
        self.lines.join("\n")
    }

    /// Returns the notes only, without the step prefix.
    pub fn notes(&self) -> Vec<String> {
        self.lines
            .iter()
            .filter_map(|l| l.split_once("note: ").map(|(_, n)| n.to_string()))
            .collect()
    }
}

impl Observer for Recorder {
    fn on_event(&mut self, event: &Event<'_>) {
        self.lines.push(render_event(event));
    }
}

fn render_event(event: &Event<'_>) -> String {
    match event {
        Event::FlowStarted { flow, start } => {
            let flow = if flow.is_empty() { "(unnamed flow)" } else { flow };
            format!("start {flow} at {start}")
        }
        Event::BlockEntered {
            step,
            identifier,
            action_type,
            ..
        } => {
            format!("{step}: enter {identifier} ({action_type})")
        }
        Event::AttributeWritten { step, path, value } => format!("{step}: write {path} = {value}"),
        Event::ExternalAnswer {
            step,
            question,
            answer,
            assumed,
        } => {
            let mark = if *assumed { " (assumed)" } else { "" };
            format!("{step}: answer {question} = {answer}{mark}")
        }
        Event::Note { step, message } => format!("{step}: note: {message}"),
        Event::BranchTaken {
            step, branch, target, ..
        } => {
            let branch = serde_json::to_string(branch).expect("a branch always serializes");
            format!("{step}: branch {branch} -> {}", target.unwrap_or("(end)"))
        }
        Event::RunEnded { outcome, steps } => {
            let outcome = serde_json::to_string(outcome).expect("an outcome always serializes");
            format!("end after {steps} steps: {outcome}")
        }
    }
}

/// Builds a flow from its export JSON.
pub fn flow(export: Value) -> Flow {
    serde_json::from_value(export).expect("test flows are valid exports")
}

/// Builds a flow graph from export JSON.
pub fn graph(export: Value) -> FlowGraph {
    FlowGraph::build(flow(export), None)
}

/// Builds a flow with the single action `action`.
pub fn single(action: Value) -> Flow {
    let identifier = action["Identifier"].clone();
    flow(json!({
        "Version": "2019-10-30",
        "StartAction": identifier,
        "Actions": [action],
    }))
}

/// What one block did when run alone.
pub struct BlockRun {
    pub result: HandlerResult,
    pub state: ContactState,
    pub env: ScriptedEnv,
    pub recorder: Recorder,
}

/// Runs the built-in handler for `action` once over `tree`.
pub fn run_block(action: Value, tree: Value, env: ScriptedEnv) -> BlockRun {
    run_block_with(action, ContactState::new(tree), env, &RunSettings::default())
}

/// Runs the built-in handler for `action` once over `state` with `settings`.
pub fn run_block_with(
    action: Value,
    mut state: ContactState,
    mut env: ScriptedEnv,
    settings: &RunSettings,
) -> BlockRun {
    let flow = single(action);
    let registry = handlers::builtin_registry();
    let action = &flow.actions[0];
    let handler = registry
        .get(&action.action_type)
        .expect("the tested type has a built-in handler");
    let mut recorder = Recorder::default();
    let mut ctx = ActionContext {
        flow: &flow,
        action,
        step: 1,
        state: &mut state,
        env: &mut env,
        observer: &mut recorder,
        settings,
    };
    let result = handler.execute(&mut ctx);
    BlockRun {
        result,
        state,
        env,
        recorder,
    }
}

/// Runs `body` with a context over `tree` whose action has `parameters`.
pub fn with_context<R>(
    parameters: Value,
    tree: Value,
    settings: &RunSettings,
    body: impl FnOnce(&mut ActionContext<'_>) -> R,
) -> (R, Recorder) {
    let flow = single(json!({
        "Identifier": "block-1",
        "Type": "MessageParticipant",
        "Parameters": parameters,
        "Transitions": {},
    }));
    let mut state = ContactState::new(tree);
    let mut env = ScriptedEnv::default();
    let mut recorder = Recorder::default();
    let mut ctx = ActionContext {
        flow: &flow,
        action: &flow.actions[0],
        step: 1,
        state: &mut state,
        env: &mut env,
        observer: &mut recorder,
        settings,
    };
    let result = body(&mut ctx);
    (result, recorder)
}

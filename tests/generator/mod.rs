//! Proptest strategies for random valid flows, flow modules and scenarios, built from the catalogue.
//!
//! A case is a plan of catalogue indices and random draws, so proptest shrinks it by dropping blocks
//! and lowering draws. [`GeneratedCase::build`] turns the plan into flow, module and scenario JSON.

#![allow(dead_code)]

use flow_executor::handlers::block_results::result_options;
use flow_graph::catalogue::{self, ActionSpec, ConditionRule, JsonKind, ParamClass, ParamSpec};
use flow_graph::{Action, load_bytes};
use proptest::prelude::*;
use serde_json::{Map, Value, json};
use std::path::Path;

pub const LAMBDA_ARN: &str = "arn:aws:lambda:us-east-1:123456789012:function:generated";
pub const HOURS_ARN: &str = "arn:aws:connect:us-east-1:123456789012:instance/i-1/operating-hours/h-1";
pub const QUEUE_ARN: &str = "arn:aws:connect:us-east-1:123456789012:instance/i-1/queue/q-1";
pub const MODULE_ARN: &str = "arn:aws:connect:us-east-1:123456789012:instance/i-1/flow-module/m-1";
pub const FLOW_ARN: &str = "arn:aws:connect:us-east-1:123456789012:instance/i-1/contact-flow/f-1";

/// The prompt parameters, of which Connect accepts at most one per action.
const PROMPT_PARAMETERS: &[&str] = &["Text", "SSML", "PromptId", "Media"];

/// The attribute names that generated blocks read and write, so references often find a value.
const ATTRIBUTE_NAMES: &[&str] = &["tier", "count", "zip", "menu"];

/// The values that generated parameters, attributes and condition operands draw from.
const LITERALS: &[&str] = &["True", "False", "1", "7", "gold", "en-US", "+15550100101"];

/// A random flow plan: catalogue indices of its blocks and a stream of draws for every other choice.
#[derive(Debug, Clone)]
pub struct CasePlan {
    pub flow_actions: Vec<usize>,
    pub module_actions: Option<Vec<usize>>,
    pub draws: Vec<u32>,
    pub scenario: ScenarioPlan,
}

/// The random parts of a scenario.
#[derive(Debug, Clone)]
pub struct ScenarioPlan {
    pub channel: &'static str,
    pub inputs: Vec<String>,
    pub lambda: Vec<Value>,
    pub hours_open: bool,
    pub queue_at_capacity: bool,
    pub seed: u64,
    pub step_budget: u32,
}

/// The JSON documents of one generated case.
#[derive(Debug, Clone)]
pub struct GeneratedCase {
    pub flow: Value,
    pub module: Option<Value>,
    pub scenario: Value,
}

/// Draws `count` plans from a runner with a fixed seed, so every call returns the same cases.
pub fn fixed_plans(count: usize) -> Vec<CasePlan> {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = case_plan();
    (0..count)
        .map(|_| {
            strategy
                .new_tree(&mut runner)
                .expect("the case strategy never rejects a draw")
                .current()
        })
        .collect()
}

/// Generates a plan with 1 to 11 flow blocks and, about one time in three, a module of 1 to 5 blocks.
pub fn case_plan() -> impl Strategy<Value = CasePlan> {
    let count = catalogue::all().len();
    (
        prop::collection::vec(0..count, 1..12),
        prop::option::weighted(0.35, prop::collection::vec(0..count, 1..6)),
        prop::collection::vec(any::<u32>(), 256),
        scenario_plan(),
    )
        .prop_map(|(flow_actions, module_actions, draws, scenario)| CasePlan {
            flow_actions,
            module_actions,
            draws,
            scenario,
        })
}

fn scenario_plan() -> impl Strategy<Value = ScenarioPlan> {
    let input = prop_oneof![Just("timeout".to_string()), "[0-9#*]{1,4}".prop_map(String::from),];
    let lambda = prop_oneof![
        Just(json!({"response": {}})),
        Just(json!({"response": {"tier": "gold", "count": 3}})),
        Just(json!({"error": "function failed"})),
        Just(json!({"durationSeconds": 12, "response": {"slow": true}})),
    ];
    (
        prop::sample::select(vec!["VOICE", "CHAT", "TASK", "EMAIL"]),
        prop::collection::vec(input, 0..6),
        prop::collection::vec(lambda, 1..4),
        any::<bool>(),
        any::<bool>(),
        any::<u64>(),
        1u32..400,
    )
        .prop_map(
            |(channel, inputs, lambda, hours_open, queue_at_capacity, seed, step_budget)| ScenarioPlan {
                channel,
                inputs,
                lambda,
                hours_open,
                queue_at_capacity,
                seed,
                step_budget,
            },
        )
}

/// Reads the plan's draws in order, and wraps around when they run out.
struct Draws<'a> {
    values: &'a [u32],
    next: usize,
}

impl Draws<'_> {
    fn below(&mut self, bound: usize) -> usize {
        let value = self.values[self.next % self.values.len()];
        self.next += 1;
        value as usize % bound.max(1)
    }

    fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }

    fn pick<'b, T>(&mut self, items: &'b [T]) -> &'b T {
        &items[self.below(items.len())]
    }
}

impl GeneratedCase {
    /// Builds the flow, the module and the scenario that `plan` describes.
    pub fn build(plan: &CasePlan) -> GeneratedCase {
        let mut draws = Draws {
            values: &plan.draws,
            next: 0,
        };
        let has_module = plan.module_actions.is_some();
        let flow = build_flow(&plan.flow_actions, false, has_module, &mut draws);
        let module = plan
            .module_actions
            .as_ref()
            .map(|actions| build_flow(actions, true, false, &mut draws));
        let actions = scenario_actions(&flow, module.as_ref());
        let scenario = build_scenario(&plan.scenario, &actions, &mut draws);
        GeneratedCase {
            flow,
            module,
            scenario,
        }
    }

    /// Writes the case into `folder` as `flow.json`, `case.scenario.json` (whose `flow` names
    /// `flow.json`) and, with a module, `module.json` and a `flowsim.resources.json` that names both.
    /// Returns the flow's path.
    pub fn write(&self, folder: &Path) -> std::io::Result<std::path::PathBuf> {
        let flow_path = folder.join("flow.json");
        write_json(&flow_path, &self.flow)?;
        let mut scenario = self.scenario.clone();
        scenario["flow"] = json!("flow.json");
        write_json(&folder.join("case.scenario.json"), &scenario)?;
        if let Some(module) = &self.module {
            write_json(&folder.join("module.json"), module)?;
            let resources = json!({
                "flows": {FLOW_ARN: {"name": "generated flow", "file": "flow.json"}},
                "modules": {MODULE_ARN: {"name": "generated module", "file": "module.json"}},
            });
            write_json(&folder.join("flowsim.resources.json"), &resources)?;
        }
        Ok(flow_path)
    }
}

fn write_json(path: &Path, value: &Value) -> std::io::Result<()> {
    let text = serde_json::to_string_pretty(value).expect("a serde_json::Value always serialises");
    std::fs::write(path, text)
}

/// Builds a flow of the planned actions followed by one terminal block. Transitions point at any
/// block, so back edges make loops, and the step budget ends the runs that never leave them.
fn build_flow(actions: &[usize], is_module: bool, invokes_module: bool, draws: &mut Draws) -> Value {
    let specs: Vec<&'static ActionSpec> = actions.iter().map(|&i| &catalogue::all()[i]).collect();
    let block_count = specs.len() + 1;
    let mut blocks: Vec<Value> = specs
        .iter()
        .enumerate()
        .map(|(index, spec)| build_block(index, spec, block_count, invokes_module, draws))
        .collect();
    blocks.push(terminal_block(block_count - 1, is_module, draws));
    let mut flow = json!({
        "Version": "2019-10-30",
        "StartAction": identifier(0),
        "Metadata": {"name": if is_module { "generated module" } else { "generated flow" }},
        "Actions": blocks,
    });
    if is_module {
        flow["Settings"] = json!({
            "InputParameters": [],
            "OutputParameters": [],
            "Transitions": [{"DisplayName": "Done", "ReferenceName": "Done", "Description": ""}],
        });
    }
    flow
}

fn identifier(index: usize) -> String {
    format!("block-{index:02}")
}

fn terminal_block(index: usize, is_module: bool, draws: &mut Draws) -> Value {
    if is_module {
        let result = if draws.chance(2) {
            "Done"
        } else {
            "$.Attributes.tier"
        };
        return json!({
            "Identifier": identifier(index),
            "Type": "EndFlowModuleExecution",
            "Parameters": {"Result": result},
            "Transitions": {},
        });
    }
    let terminal_types = ["DisconnectParticipant", "EndFlowExecution"];
    json!({
        "Identifier": identifier(index),
        "Type": draws.pick(&terminal_types),
        "Parameters": {},
        "Transitions": {},
    })
}

fn build_block(
    index: usize,
    spec: &'static ActionSpec,
    block_count: usize,
    invokes_module: bool,
    draws: &mut Draws,
) -> Value {
    let parameters = build_parameters(spec, invokes_module, draws);
    let transitions = if spec.terminal {
        json!({})
    } else {
        build_transitions(index, spec, &parameters, block_count, draws)
    };
    json!({
        "Identifier": identifier(index),
        "Type": spec.name,
        "Parameters": parameters,
        "Transitions": transitions,
    })
}

fn build_parameters(spec: &ActionSpec, invokes_module: bool, draws: &mut Draws) -> Value {
    let mut parameters = Map::new();
    let mut has_prompt = false;
    for param in spec.parameters {
        let is_prompt = PROMPT_PARAMETERS.contains(&param.name);
        if !param.required && (!draws.chance(3) || (is_prompt && has_prompt)) {
            continue;
        }
        has_prompt |= is_prompt;
        let value = parameter_value(spec, param, invokes_module, draws);
        parameters.insert(param.name.to_string(), value);
    }
    Value::Object(parameters)
}

/// Returns a value of the parameter's class and kind, with a meaningful value for the parameters
/// whose literal the executor reads as a number, an ARN or a flag.
fn parameter_value(spec: &ActionSpec, param: &ParamSpec, invokes_module: bool, draws: &mut Draws) -> Value {
    if let Some(value) = known_parameter(spec, param.name, invokes_module, draws) {
        return value;
    }
    match param.kind {
        JsonKind::Object => attribute_object(draws),
        JsonKind::Array => json!([draws.pick(LITERALS)]),
        JsonKind::Scalar | JsonKind::Any => Value::String(scalar(param.class, draws)),
    }
}

fn known_parameter(spec: &ActionSpec, name: &str, invokes_module: bool, draws: &mut Draws) -> Option<Value> {
    let value = match name {
        "LoopCount" => json!(draws.pick(&["0", "1", "3", "$.Attributes.count"])),
        "InvocationTimeLimitSeconds" => json!(draws.pick(&["1", "3", "8"])),
        "LambdaFunctionARN" => json!(LAMBDA_ARN),
        "HoursOfOperationId" => json!(HOURS_ARN),
        "QueueId" => json!(QUEUE_ARN),
        "FlowModuleId" if invokes_module => json!(MODULE_ARN),
        "StoreInput" | "ContinueFlowExecution" => json!(draws.pick(&["True", "False"])),
        "ComparisonValue" => json!(format!("$.Attributes.{}", draws.pick(ATTRIBUTE_NAMES))),
        "Attributes" if spec.name == "UpdateContactAttributes" => attribute_object(draws),
        _ => return None,
    };
    Some(value)
}

fn scalar(class: ParamClass, draws: &mut Draws) -> String {
    let literal = draws.pick(LITERALS).to_string();
    let name = draws.pick(ATTRIBUTE_NAMES);
    match class {
        ParamClass::Static => literal,
        ParamClass::SingleReference if draws.chance(2) => format!("$.Attributes.{name}"),
        ParamClass::Template if draws.chance(2) => format!("value {literal} and $.Attributes.{name}"),
        _ => literal,
    }
}

fn attribute_object(draws: &mut Draws) -> Value {
    let mut object = Map::new();
    for _ in 0..=draws.below(3) {
        let key = draws.pick(ATTRIBUTE_NAMES).to_string();
        let value = scalar(ParamClass::SingleReference, draws);
        object.insert(key, Value::String(value));
    }
    Value::Object(object)
}

fn build_transitions(
    index: usize,
    spec: &ActionSpec,
    parameters: &Value,
    block_count: usize,
    draws: &mut Draws,
) -> Value {
    let mut transitions = Map::new();
    transitions.insert("NextAction".into(), json!(next_target(index, block_count, draws)));
    let errors = build_errors(spec, parameters, block_count, draws);
    if !errors.is_empty() {
        transitions.insert("Errors".into(), Value::Array(errors));
    }
    let conditions = build_conditions(spec.conditions, block_count, draws);
    if !conditions.is_empty() {
        transitions.insert("Conditions".into(), Value::Array(conditions));
    }
    Value::Object(transitions)
}

/// Returns the next block in order three times in four, so most blocks stay reachable, and otherwise
/// any block, which may be an earlier one.
fn next_target(index: usize, block_count: usize, draws: &mut Draws) -> String {
    if draws.chance(4) {
        identifier(draws.below(block_count))
    } else {
        identifier(index + 1)
    }
}

/// Declares about half of the action's error types. A GetParticipantInput that stores input gets no
/// `InputTimeLimitExceeded` branch, because Connect rejects one. On a timeout, store mode stores
/// "Timeout" and continues on `NextAction`.
fn build_errors(spec: &ActionSpec, parameters: &Value, block_count: usize, draws: &mut Draws) -> Vec<Value> {
    let stores_input = spec.name == "GetParticipantInput" && parameters["StoreInput"] == "True";
    let mut errors = Vec::new();
    for error_type in spec.errors {
        if draws.chance(2) || (stores_input && *error_type == "InputTimeLimitExceeded") {
            continue;
        }
        let target = identifier(draws.below(block_count));
        errors.push(json!({"NextAction": target, "ErrorType": error_type}));
    }
    errors
}

fn build_conditions(rule: ConditionRule, block_count: usize, draws: &mut Draws) -> Vec<Value> {
    let operands: Vec<(String, String)> = match rule {
        ConditionRule::None => Vec::new(),
        ConditionRule::EqualsStatic => {
            let keys = ["1", "2", "3", "Done"];
            let count = draws.below(keys.len() + 1);
            keys[..count]
                .iter()
                .map(|k| ("Equals".to_string(), k.to_string()))
                .collect()
        }
        ConditionRule::AnyOperator => (0..draws.below(4)).map(|_| any_operator(draws)).collect(),
        ConditionRule::Results(results) => results
            .iter()
            .filter(|_| draws.chance(2))
            .map(|r| ("Equals".to_string(), r.to_string()))
            .collect(),
        ConditionRule::EveryResult(results) => results
            .iter()
            .map(|r| ("Equals".to_string(), r.to_string()))
            .collect(),
    };
    operands
        .into_iter()
        .map(|(operator, operand)| {
            let target = identifier(draws.below(block_count));
            json!({
                "NextAction": target,
                "Condition": {"Operator": operator, "Operands": [operand]},
            })
        })
        .collect()
}

fn any_operator(draws: &mut Draws) -> (String, String) {
    let operator = draws.pick(catalogue::OPERATORS).to_string();
    let operand = if operator.starts_with("Number") {
        draws.pick(&["0", "2", "10.5"]).to_string()
    } else if draws.chance(3) {
        format!("$.Attributes.{}", draws.pick(ATTRIBUTE_NAMES))
    } else {
        draws.pick(LITERALS).to_string()
    };
    (operator, operand)
}

/// Loads the actions of the flow and the module back through flow-graph's model, for the scenario.
fn scenario_actions(flow: &Value, module: Option<&Value>) -> Vec<Action> {
    let mut actions = Vec::new();
    for document in std::iter::once(flow).chain(module) {
        let bytes = serde_json::to_vec(document).expect("a serde_json::Value always serialises");
        let loaded = load_bytes(&bytes, None).expect("a generated flow is valid JSON with an Actions array");
        actions.extend(loaded.flow.actions);
    }
    actions
}

fn names(actions: &[Action], parameter: &str, value: &str) -> bool {
    actions
        .iter()
        .any(|action| action.parameters.get(parameter).and_then(Value::as_str) == Some(value))
}

/// Scripts one to three results for each block that takes a scripted result, keyed by
/// `Identifier`, drawn from the results that the block can produce.
fn scripted_results(actions: &[Action], draws: &mut Draws) -> Map<String, Value> {
    let mut results = Map::new();
    for action in actions {
        let Some(options) = result_options(action) else {
            continue;
        };
        if options.is_empty() {
            continue;
        }
        let script: Vec<Value> = (0..=draws.below(3))
            .map(|_| Value::String(draws.pick(&options).clone()))
            .collect();
        results.insert(action.identifier.clone(), Value::Array(script));
    }
    results
}

/// Builds the scenario, with a `lambda`, `hours` or `queues` key only where a block names that
/// resource, because a scenario key that no block uses is an error.
fn build_scenario(plan: &ScenarioPlan, actions: &[Action], draws: &mut Draws) -> Value {
    let mut scenario = json!({
        "description": "A generated scenario.",
        "contact": {
            "channel": plan.channel,
            "customerEndpoint": "+15550100101",
            "systemEndpoint": "+15550100199",
        },
        "inputs": plan.inputs,
        "random": {"seed": plan.seed},
        "results": scripted_results(actions, draws),
        "settings": {"stepBudget": plan.step_budget},
    });
    if names(actions, "LambdaFunctionARN", LAMBDA_ARN) {
        scenario["lambda"] = json!({LAMBDA_ARN: plan.lambda});
    }
    if names(actions, "HoursOfOperationId", HOURS_ARN) {
        scenario["hours"] = json!({HOURS_ARN: plan.hours_open});
    }
    if names(actions, "QueueId", QUEUE_ARN) {
        scenario["queues"] = json!({QUEUE_ARN: {"atCapacity": plan.queue_at_capacity}});
    }
    scenario
}

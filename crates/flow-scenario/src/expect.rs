//! The scenario's `expect` section, and its checks against a finished run.
//!
//! ```json
//! "expect": {
//!   "end": "transferredToQueue",
//!   "queue": "Priority Care",
//!   "visits": ["Greet caller"],
//!   "avoids": ["Busy message"],
//!   "prompts": ["Welcome back, Maya"],
//!   "attributes": [{"path": "$.Attributes.tier", "Equals": "gold"}]
//! }
//! ```
//!
//! Blocks in `path`, `visits` and `avoids` match by `Identifier` or by the block name in the
//! flow's metadata. Each entry of `prompts` is a substring of a prompt the caller hears, and the
//! entries match prompts in order: the second entry must match a prompt after the one that matched
//! the first. Attribute checks use the operators of Amazon Connect's flow testing assertions
//! (<https://docs.aws.amazon.com/connect/latest/APIReference/testing-language-actions-assertion.html>),
//! with `NotExists` added.

use crate::names::{closest_name, match_rank};
use crate::references::ResourceNames;
use flow_executor::conditions;
use flow_executor::resolve::{lookup, render};
use flow_executor::trace::StepRecord;
use flow_executor::{EndReason, RunOutcome};
use flow_graph::model::Flow;
use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::fmt;

/// The prefix of the step notes that record a prompt the caller hears.
const PROMPT_NOTE: &str = "prompt: ";

/// The expectations a scenario sets for its run.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct Expectations {
    /// The way the run ends.
    pub end: Option<EndKind>,
    /// The queue of a `transferredToQueue` end: its ARN, the id at the end of the ARN, or its name.
    pub queue: Option<String>,
    /// The flow of a `transferredToFlow` end: its id, ARN or name.
    pub flow: Option<String>,
    /// The exact sequence of blocks the run passes through.
    pub path: Option<Vec<String>>,
    /// Blocks the run must pass through at least once.
    pub visits: Vec<String>,
    /// Blocks the run must never enter.
    pub avoids: Vec<String>,
    /// Substrings of the prompts the caller hears, in order.
    pub prompts: Vec<String>,
    /// Checks on the final contact state.
    pub attributes: Vec<AttributeCheck>,
}

/// The kind of a run's end, as `expect.end` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum EndKind {
    Disconnected,
    FlowEnded,
    TransferredToQueue,
    TransferredToFlow,
    TransferredToAgent,
    TransferredToPhoneNumber,
    ModuleReturned,
    StepBudgetExhausted,
    UnhandledError,
    NoTransition,
    NotSupported,
    OpenQuestion,
    Failed,
    Stopped,
}

impl<'de> Deserialize<'de> for EndKind {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        EndKind::EXPECTABLE
            .iter()
            .copied()
            .find(|kind| kind.as_str() == name)
            .ok_or_else(|| de::Error::custom(unknown_end(&name)))
    }
}

/// Explains an `expect.end` value that names no end a test run can have.
fn unknown_end(name: &str) -> String {
    let names: Vec<&str> = EndKind::EXPECTABLE.iter().map(|kind| kind.as_str()).collect();
    let suggestion = closest_name(name, names.iter().copied())
        .map(|known| format!("did you mean `{known}`? "))
        .unwrap_or_default();
    format!(
        "unknown end `{name}`: {suggestion}expected one of {}",
        names.join(", ")
    )
}

impl EndKind {
    /// The ends a test run can have: every kind except `stopped`, which only a breakpoint causes.
    const EXPECTABLE: [EndKind; 13] = [
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
    ];

    /// Returns how `outcome` ended.
    pub fn of(outcome: &RunOutcome) -> EndKind {
        match outcome {
            RunOutcome::Ended { reason, .. } => Self::of_reason(reason),
            RunOutcome::StepBudgetExhausted { .. } => EndKind::StepBudgetExhausted,
            RunOutcome::UnhandledError { .. } => EndKind::UnhandledError,
            RunOutcome::NoTransition { .. } => EndKind::NoTransition,
            RunOutcome::NotSupported { .. } => EndKind::NotSupported,
            RunOutcome::OpenQuestion { .. } => EndKind::OpenQuestion,
            RunOutcome::Failed { .. } => EndKind::Failed,
            RunOutcome::Stopped { .. } => EndKind::Stopped,
        }
    }

    fn of_reason(reason: &EndReason) -> EndKind {
        match reason {
            EndReason::Disconnected => EndKind::Disconnected,
            EndReason::FlowEnded => EndKind::FlowEnded,
            EndReason::TransferredToQueue { .. } => EndKind::TransferredToQueue,
            EndReason::TransferredToFlow { .. } => EndKind::TransferredToFlow,
            EndReason::TransferredToAgent => EndKind::TransferredToAgent,
            EndReason::TransferredToPhoneNumber { .. } => EndKind::TransferredToPhoneNumber,
            EndReason::ModuleReturned { .. } => EndKind::ModuleReturned,
        }
    }

    /// Returns the spelling `expect.end` uses.
    pub fn as_str(self) -> &'static str {
        match self {
            EndKind::Disconnected => "disconnected",
            EndKind::FlowEnded => "flowEnded",
            EndKind::TransferredToQueue => "transferredToQueue",
            EndKind::TransferredToFlow => "transferredToFlow",
            EndKind::TransferredToAgent => "transferredToAgent",
            EndKind::TransferredToPhoneNumber => "transferredToPhoneNumber",
            EndKind::ModuleReturned => "moduleReturned",
            EndKind::StepBudgetExhausted => "stepBudgetExhausted",
            EndKind::UnhandledError => "unhandledError",
            EndKind::NoTransition => "noTransition",
            EndKind::NotSupported => "notSupported",
            EndKind::OpenQuestion => "openQuestion",
            EndKind::Failed => "failed",
            EndKind::Stopped => "stopped",
        }
    }
}

/// The comparison an attribute check makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckOperator {
    Equals,
    TextContains,
    TextStartsWith,
    TextEndsWith,
    NumberGreaterThan,
    NumberLessThan,
    NumberGreaterOrEqualTo,
    NumberLessOrEqualTo,
    Exists,
    NotExists,
}

impl CheckOperator {
    /// Every operator, in the order the documentation lists them.
    pub const ALL: [CheckOperator; 10] = [
        CheckOperator::Equals,
        CheckOperator::TextContains,
        CheckOperator::TextStartsWith,
        CheckOperator::TextEndsWith,
        CheckOperator::NumberGreaterThan,
        CheckOperator::NumberLessThan,
        CheckOperator::NumberGreaterOrEqualTo,
        CheckOperator::NumberLessOrEqualTo,
        CheckOperator::Exists,
        CheckOperator::NotExists,
    ];

    /// Returns the operator's name, as the check's key spells it.
    pub fn name(self) -> &'static str {
        match self {
            CheckOperator::Equals => "Equals",
            CheckOperator::TextContains => "TextContains",
            CheckOperator::TextStartsWith => "TextStartsWith",
            CheckOperator::TextEndsWith => "TextEndsWith",
            CheckOperator::NumberGreaterThan => "NumberGreaterThan",
            CheckOperator::NumberLessThan => "NumberLessThan",
            CheckOperator::NumberGreaterOrEqualTo => "NumberGreaterOrEqualTo",
            CheckOperator::NumberLessOrEqualTo => "NumberLessOrEqualTo",
            CheckOperator::Exists => "Exists",
            CheckOperator::NotExists => "NotExists",
        }
    }

    fn parse(name: &str) -> Option<CheckOperator> {
        Self::ALL.into_iter().find(|operator| operator.name() == name)
    }

    fn takes_operand(self) -> bool {
        !matches!(self, CheckOperator::Exists | CheckOperator::NotExists)
    }

    /// Returns true for an operator that compares decimal numbers.
    fn is_numeric(self) -> bool {
        matches!(
            self,
            CheckOperator::NumberGreaterThan
                | CheckOperator::NumberLessThan
                | CheckOperator::NumberGreaterOrEqualTo
                | CheckOperator::NumberLessOrEqualTo
        )
    }
}

/// One check on the final contact state: `{"path": "$.Customer.FirstName", "Equals": "Maya"}`.
///
/// The operand is a string or a number. `Exists` and `NotExists` take `true` as their operand.
#[derive(Debug, Clone, PartialEq)]
pub struct AttributeCheck {
    /// A Connect attribute path, such as `$.Attributes.tier`.
    pub path: String,
    pub operator: CheckOperator,
    /// The expected value; empty for `Exists` and `NotExists`.
    pub operand: String,
}

impl<'de> Deserialize<'de> for AttributeCheck {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let members = Map::deserialize(deserializer)?;
        parse_check(members).map_err(de::Error::custom)
    }
}

/// Builds a check from its JSON object, or returns what is wrong with it.
fn parse_check(mut members: Map<String, Value>) -> Result<AttributeCheck, String> {
    let path = match members.remove("path") {
        Some(Value::String(path)) => path,
        Some(other) => {
            return Err(format!(
                "invalid path {other}: expected a string such as \"$.Attributes.tier\""
            ));
        }
        None => return Err("missing field `path`: name the attribute, such as \"$.Attributes.tier\"".into()),
    };
    flow_executor::path::parse(&path).map_err(|error| error.to_string())?;
    let mut entries = members.into_iter();
    let (Some((name, operand)), None) = (entries.next(), entries.next()) else {
        return Err(format!(
            "the check of {path} needs exactly one operator key besides `path`, such as \"Equals\""
        ));
    };
    let operator = CheckOperator::parse(&name).ok_or_else(|| unknown_operator(&name))?;
    let operand = check_operand(operator, &operand)?;
    Ok(AttributeCheck {
        path,
        operator,
        operand,
    })
}

fn unknown_operator(name: &str) -> String {
    let names: Vec<&str> = CheckOperator::ALL.iter().map(|o| o.name()).collect();
    format!("unknown operator `{name}`: expected one of {}", names.join(", "))
}

/// Returns the operand as text, or what is wrong with it. A number operator's operand must be a
/// decimal number, as Connect compares decimals.
fn check_operand(operator: CheckOperator, operand: &Value) -> Result<String, String> {
    let name = operator.name();
    match (operator.takes_operand(), operand) {
        (true, Value::String(text)) if operator.is_numeric() && conditions::parse_number(text).is_none() => {
            Err(format!(
                "invalid operand {text:?} of {name}: expected a decimal number such as 3 or 2.5"
            ))
        }
        (true, Value::String(text)) => Ok(text.clone()),
        (true, Value::Number(number)) => Ok(number.to_string()),
        (true, other) => Err(format!(
            "invalid operand {other} of {name}: expected a string or a number"
        )),
        (false, Value::Bool(true)) => Ok(String::new()),
        (false, other) => Err(format!(
            "invalid operand {other} of {name}: write \"{name}\": true"
        )),
    }
}

/// A finished run, as the expectations see it.
#[derive(Debug, Clone, Copy)]
pub struct RunRecord<'a> {
    pub steps: &'a [StepRecord],
    pub outcome: &'a RunOutcome,
    /// The final contact state.
    pub state: &'a Value,
    /// Display names of the queues and flows that the flows and the resource map name.
    pub names: &'a ResourceNames,
}

/// One expectation the run did not meet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Failure {
    /// The expectation's place in the scenario, such as `expect.attributes[1]`.
    pub expectation: String,
    pub expected: String,
    pub actual: String,
    /// The step the failure shows at, when one does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub step: Option<usize>,
    /// The `Identifier` of the block at that step.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identifier: Option<String>,
}

impl Failure {
    fn new(expectation: impl Into<String>, expected: impl Into<String>, actual: impl Into<String>) -> Self {
        Failure {
            expectation: expectation.into(),
            expected: expected.into(),
            actual: actual.into(),
            step: None,
            identifier: None,
        }
    }

    fn at(mut self, step: Option<&StepRecord>) -> Self {
        if let Some(step) = step {
            self.step = Some(step.step);
            self.identifier = Some(step.identifier.clone());
        }
        self
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: expected {}, got {}",
            self.expectation, self.expected, self.actual
        )?;
        match (self.step, &self.identifier) {
            // The description of a run's end already names its last block.
            (Some(step), Some(identifier)) if self.actual.contains(&format!("block {identifier}")) => {
                write!(f, " (at step {step})")?;
            }
            (Some(step), Some(identifier)) => write!(f, " (at step {step}, block {identifier})")?,
            _ => {}
        }
        Ok(())
    }
}

impl Expectations {
    /// Checks every expectation against `run` and returns the ones it did not meet, in the order
    /// of the section's fields.
    pub fn check(&self, run: &RunRecord<'_>) -> Vec<Failure> {
        let mut failures = Vec::new();
        failures.extend(self.check_end(run));
        failures.extend(self.check_path(run));
        failures.extend(self.check_visits(run));
        failures.extend(self.check_avoids(run));
        failures.extend(self.check_prompts(run));
        for (index, check) in self.attributes.iter().enumerate() {
            failures.extend(check_attribute(index, check, run));
        }
        failures
    }

    /// Returns a failure for each block in `path`, `visits` and `avoids` that names no block of
    /// `flows` by `Identifier` or by name, because such an entry can never match.
    pub fn check_block_names(&self, flows: &[&Flow]) -> Vec<Failure> {
        let known = |block: &str| {
            flows
                .iter()
                .any(|flow| flow.action(block).is_some() || names_a_block(flow, block))
        };
        let lists = [
            ("expect.path", self.path.as_deref().unwrap_or_default()),
            ("expect.visits", self.visits.as_slice()),
            ("expect.avoids", self.avoids.as_slice()),
        ];
        let mut failures = Vec::new();
        for (list, blocks) in lists {
            for (index, block) in blocks.iter().enumerate().filter(|(_, block)| !known(block)) {
                let expected = "the Identifier or the name of a block in the flows".to_string();
                let actual = match closest_block(flows, block) {
                    Some(near) => format!("{block:?}, which names no block; did you mean {near:?}?"),
                    None => format!("{block:?}, which names no block; check its spelling"),
                };
                failures.push(Failure::new(format!("{list}[{index}]"), expected, actual));
            }
        }
        failures
    }

    fn check_end(&self, run: &RunRecord<'_>) -> Vec<Failure> {
        let last = run.steps.last();
        let actual_kind = EndKind::of(run.outcome);
        let mut failures = Vec::new();
        if let Some(expected) = self.end.filter(|kind| *kind != actual_kind) {
            let actual = describe_outcome(run.outcome);
            failures.push(Failure::new("expect.end", expected.as_str(), actual).at(last));
        }
        if let Some(queue) = &self.queue {
            failures.extend(
                check_destination("expect.queue", queue, end_queue(run.outcome), run).map(|f| f.at(last)),
            );
        }
        if let Some(flow) = &self.flow {
            failures.extend(
                check_destination("expect.flow", flow, end_flow(run.outcome), run).map(|f| f.at(last)),
            );
        }
        failures
    }

    fn check_path(&self, run: &RunRecord<'_>) -> Option<Failure> {
        let expected = self.path.as_ref()?;
        let parted = (0..expected.len().max(run.steps.len())).find(|&i| {
            match (expected.get(i), run.steps.get(i)) {
                (Some(block), Some(step)) => !names_block(block, step),
                _ => true,
            }
        })?;
        let expected_block = expected
            .get(parted)
            .map_or("the run to end".to_string(), |b| format!("block {b:?}"));
        let got = run
            .steps
            .get(parted)
            .map_or("the end of the run".to_string(), describe_block);
        let failure = Failure::new(format!("expect.path[{parted}]"), expected_block, got);
        Some(failure.at(run.steps.get(parted).or(run.steps.last())))
    }

    fn check_visits(&self, run: &RunRecord<'_>) -> Vec<Failure> {
        let unvisited = self
            .visits
            .iter()
            .enumerate()
            .filter(|(_, block)| !visited(block, run.steps));
        unvisited
            .map(|(index, block)| {
                let actual = format!("a run of {} steps that never entered it", run.steps.len());
                Failure::new(
                    format!("expect.visits[{index}]"),
                    format!("a visit to block {block:?}"),
                    actual,
                )
            })
            .collect()
    }

    fn check_avoids(&self, run: &RunRecord<'_>) -> Vec<Failure> {
        let mut failures = Vec::new();
        for (index, block) in self.avoids.iter().enumerate() {
            if let Some(step) = run.steps.iter().find(|step| names_block(block, step)) {
                let failure = Failure::new(
                    format!("expect.avoids[{index}]"),
                    format!("no visit to block {block:?}"),
                    "a visit",
                );
                failures.push(failure.at(Some(step)));
            }
        }
        failures
    }

    fn check_prompts(&self, run: &RunRecord<'_>) -> Option<Failure> {
        let prompts_played: Vec<(&StepRecord, &str)> = prompts_heard(run.steps).collect();
        let mut next = 0;
        for (index, expected) in self.prompts.iter().enumerate() {
            match prompts_played[next..]
                .iter()
                .position(|(_, prompt)| prompt.contains(expected.as_str()))
            {
                Some(offset) => next += offset + 1,
                None => return Some(missing_prompt(index, expected, &prompts_played, next)),
            }
        }
        None
    }
}

/// Returns every prompt the caller hears, with the step that plays it.
pub fn prompts_heard(steps: &[StepRecord]) -> impl Iterator<Item = (&StepRecord, &str)> {
    steps.iter().flat_map(|step| {
        step.notes
            .iter()
            .filter_map(move |note| Some((step, note.strip_prefix(PROMPT_NOTE)?)))
    })
}

fn missing_prompt(
    index: usize,
    expected: &str,
    prompts_played: &[(&StepRecord, &str)],
    next: usize,
) -> Failure {
    let expectation = format!("expect.prompts[{index}]");
    let expected_prompt = format!("a prompt containing {expected:?}");
    let rest: Vec<String> = prompts_played[next..]
        .iter()
        .map(|(_, prompt)| format!("{prompt:?}"))
        .collect();
    let actual = match (rest.is_empty(), next) {
        (true, 0) => "no prompts".to_string(),
        (true, _) => "no further prompts".to_string(),
        (false, 0) => format!("the prompts {}", rest.join(", ")),
        (false, _) => format!("the later prompts {}", rest.join(", ")),
    };
    let step = next
        .checked_sub(1)
        .and_then(|i| prompts_played.get(i))
        .map(|(step, _)| *step);
    Failure::new(expectation, expected_prompt, actual).at(step)
}

/// Returns the `Identifier` or block name in `flows` most like `block`, when one is close enough
/// to be a likely typo.
fn closest_block<'f>(flows: &[&'f Flow], block: &str) -> Option<&'f str> {
    let candidates = flows.iter().flat_map(|flow| {
        flow.actions.iter().flat_map(move |action| {
            let name = flow.block_name(&action.identifier);
            std::iter::once(action.identifier.as_str()).chain(name)
        })
    });
    closest_name(block, candidates)
}

fn names_a_block(flow: &Flow, name: &str) -> bool {
    flow.actions
        .iter()
        .any(|action| flow.block_name(&action.identifier) == Some(name))
}

/// Returns true when `block` is the `Identifier` or the name of the block at `step`.
fn names_block(block: &str, step: &StepRecord) -> bool {
    step.identifier == block || step.name.as_deref() == Some(block)
}

fn visited(block: &str, steps: &[StepRecord]) -> bool {
    steps.iter().any(|step| names_block(block, step))
}

fn describe_block(step: &StepRecord) -> String {
    match &step.name {
        Some(name) => format!("block {:?} ({name:?})", step.identifier),
        None => format!("block {:?}", step.identifier),
    }
}

fn end_queue(outcome: &RunOutcome) -> Option<&str> {
    match outcome {
        RunOutcome::Ended {
            reason: EndReason::TransferredToQueue { queue },
            ..
        } => Some(queue),
        _ => None,
    }
}

fn end_flow(outcome: &RunOutcome) -> Option<&str> {
    match outcome {
        RunOutcome::Ended {
            reason: EndReason::TransferredToFlow { flow },
            ..
        } => Some(flow),
        _ => None,
    }
}

/// Compares the expected queue or flow with the one the run ended at, by ARN, id or name.
fn check_destination(
    expectation: &str,
    expected: &str,
    actual: Option<&str>,
    run: &RunRecord<'_>,
) -> Option<Failure> {
    let Some(actual) = actual else {
        let got = format!("a run that {}", describe_outcome(run.outcome));
        return Some(Failure::new(expectation, format!("{expected:?}"), got));
    };
    let name = run.names.get(actual);
    if match_rank(expected, actual, name).is_some() {
        return None;
    }
    let got = match name {
        Some(name) => format!("{actual:?} ({name:?})"),
        None => format!("{actual:?}"),
    };
    Some(Failure::new(expectation, format!("{expected:?}"), got))
}

/// Describes how a run ended in the words of `expect.end`, with the block and the destination.
pub fn describe_outcome(outcome: &RunOutcome) -> String {
    let kind = EndKind::of(outcome).as_str();
    let detail = match outcome {
        RunOutcome::Ended { reason, .. } => match reason {
            EndReason::TransferredToQueue { queue } => format!(" to {queue}"),
            EndReason::TransferredToFlow { flow } => format!(" to {flow}"),
            EndReason::TransferredToPhoneNumber { number } => format!(" to {number}"),
            _ => String::new(),
        },
        RunOutcome::StepBudgetExhausted { budget, .. } => format!(" after {budget} steps"),
        RunOutcome::UnhandledError { error_type, .. } => format!(" {error_type}"),
        RunOutcome::NoTransition { branch, .. } => format!(" for branch {branch}"),
        RunOutcome::NotSupported { action_type, .. } => format!(" {action_type}"),
        RunOutcome::OpenQuestion { question, .. } => format!(": {question}"),
        RunOutcome::Failed { message, .. } => format!(": {message}"),
        RunOutcome::Stopped { step, .. } => format!(" before step {step}"),
    };
    format!("{kind}{detail} at block {}", outcome.identifier())
}

/// Checks one attribute against the final contact state.
fn check_attribute(index: usize, check: &AttributeCheck, run: &RunRecord<'_>) -> Option<Failure> {
    let expectation = format!("expect.attributes[{index}]");
    let expected = describe_check(check);
    let found = match lookup(run.state, &check.path) {
        Ok(found) => found,
        Err(error) => return Some(Failure::new(expectation, expected, error.to_string())),
    };
    if holds(check, found) {
        return None;
    }
    let written = last_write(run.steps, &check.path);
    let is_number = |text: &str| conditions::parse_number(text).is_some();
    let actual = match (found, written) {
        (Some(value), _) if check.operator.is_numeric() && !is_number(&render(value)) => {
            format!("{}, which is not a number", Value::String(render(value)))
        }
        (Some(value), _) => format!("{}", Value::String(render(value))),
        (None, Some(_)) => "no value".to_string(),
        (None, None) => "no value, and no block of the run wrote it".to_string(),
    };
    Some(Failure::new(expectation, expected, actual).at(written))
}

fn describe_check(check: &AttributeCheck) -> String {
    let name = check.operator.name();
    match check.operator.takes_operand() {
        // A number operator compares decimals, so its operand reads as a number.
        true if check.operator.is_numeric() => format!("{} {name} {}", check.path, check.operand),
        true => format!("{} {name} {:?}", check.path, check.operand),
        false => format!("{} {name}", check.path),
    }
}

/// Tests a check against the value found at its path, if any. Values compare in their template
/// rendering, so the number `3` equals the operand `"3"`.
fn holds(check: &AttributeCheck, found: Option<&Value>) -> bool {
    match (check.operator, found) {
        (CheckOperator::Exists, found) => found.is_some(),
        (CheckOperator::NotExists, found) => found.is_none(),
        (_, None) => false,
        (operator, Some(value)) => {
            conditions::evaluate(operator.name(), &render(value), &check.operand).unwrap_or(false)
        }
    }
}

/// Returns the last step that wrote the attribute at `path`, written the same way.
fn last_write<'s>(steps: &'s [StepRecord], path: &str) -> Option<&'s StepRecord> {
    let expected_segments = flow_executor::path::parse(path).ok();
    steps.iter().rev().find(|step| {
        step.writes
            .iter()
            .any(|write| flow_executor::path::parse(&write.path).ok() == expected_segments)
    })
}

//! `ScenarioEnvironment`: the `Environment` a scenario file describes, with documented defaults.
//!
//! Every question the scenario leaves open gets a default, returned as an assumed answer:
//! - caller input: the caller presses nothing before the time limit (`timeout`);
//! - Lambda: an unlisted function fails (`LambdaResult::Error`);
//! - hours of operation: open; a schedule without a scenario `clock` is evaluated at
//!   [`DEFAULT_CLOCK`];
//! - queue: has room, with one agent staffed, available and online and no contact waiting;
//! - `DistributeByPercentage`: SplitMix64 from [`DEFAULT_SEED`].
//!
//! A queue that the scenario lists is a given answer even when it sets only some fields, and the
//! fields it leaves out take the defaults above. Under strict mode each open question returns an
//! [`OpenQuestion`] instead of a default.

use crate::clock::{DEFAULT_CLOCK, default_instant};
use crate::hours::HoursEntry;
use crate::interactions::InteractionScripts;
use crate::names::{best_match, resource_id};
use crate::random::{DEFAULT_SEED, SplitMix64};
use crate::references::ResourceNames;
use crate::scenario::{LambdaAnswer, QueueState, RandomSource, Scenario};
use chrono::{DateTime, Utc};
use flow_executor::{
    Answer, BlockQuestion, CallerInput, EnvResult, Environment, HoursSource, HoursStatus, LambdaRequest,
    LambdaResult, LexRequest, LexResult, OpenQuestion, QueueStatus, ViewRequest, ViewResult,
};
use indexmap::IndexMap;
use std::collections::VecDeque;

/// The outside world of one run, as a [`Scenario`] describes it.
#[derive(Debug, Clone)]
pub struct ScenarioEnvironment {
    inputs: VecDeque<CallerInput>,
    lambdas: Vec<LambdaScript>,
    hours: IndexMap<String, HoursEntry>,
    clock: Option<DateTime<Utc>>,
    queues: IndexMap<String, QueueState>,
    percent: PercentSource,
    names: ResourceNames,
    strict: bool,
    interactions: InteractionScripts,
}

/// The results of one Lambda function and how many calls have used them.
#[derive(Debug, Clone)]
struct LambdaScript {
    key: String,
    answers: Vec<LambdaAnswer>,
    calls: usize,
}

#[derive(Debug, Clone)]
enum PercentSource {
    Fixed(u8),
    Seeded(SplitMix64),
    /// The scenario has no `random` section.
    Default(SplitMix64),
}

impl ScenarioEnvironment {
    /// Creates the environment of a fresh run of `scenario`, in strict mode when `settings.strict` is
    /// true.
    pub fn new(scenario: &Scenario) -> Self {
        let lambdas = scenario
            .lambda
            .iter()
            .map(|(key, answers)| LambdaScript {
                key: key.clone(),
                answers: answers.clone(),
                calls: 0,
            })
            .collect();
        let percent = match scenario.random {
            Some(RandomSource::Percent(percent)) => PercentSource::Fixed(percent),
            Some(RandomSource::Seed(seed)) => PercentSource::Seeded(SplitMix64::new(seed)),
            None => PercentSource::Default(SplitMix64::new(DEFAULT_SEED)),
        };
        ScenarioEnvironment {
            inputs: scenario.inputs.iter().cloned().collect(),
            lambdas,
            hours: scenario.hours.clone(),
            clock: scenario.clock,
            queues: scenario.queues.clone(),
            percent,
            names: ResourceNames::default(),
            strict: scenario.settings.strict,
            interactions: InteractionScripts::new(scenario),
        }
    }

    /// Sets strict mode, in which a question the scenario leaves open is an [`OpenQuestion`].
    pub fn with_strict(mut self, strict: bool) -> Self {
        self.strict = strict;
        self
    }

    /// Lets scenario keys match resources by the display names that the flows' metadata gives them.
    pub fn with_names(mut self, names: ResourceNames) -> Self {
        self.names = names;
        self
    }

    /// Returns the default, marked assumed, or an open question under strict mode.
    fn open<T>(&self, default: T, question: impl FnOnce() -> String) -> EnvResult<T> {
        if self.strict {
            Err(OpenQuestion { question: question() })
        } else {
            Ok(Answer::assumed(default))
        }
    }

    fn find<'k>(&self, keys: impl IntoIterator<Item = &'k str>, reference: &str) -> Option<usize> {
        best_match(keys, reference, self.names.get(reference))
    }

    /// Returns whether the hours that `reference` names are open, from the `hours` entry that
    /// matches it. `subject` names the hours in the question asked when no entry matches.
    fn hours_answer(&self, identifier: &str, reference: &str, subject: &str) -> EnvResult<HoursStatus> {
        let found = self.find(self.hours.keys().map(String::as_str), reference);
        match found.and_then(|index| self.hours.get_index(index)) {
            Some((_, entry)) => self.evaluate_hours(identifier, reference, entry),
            None => self.open(status(true, None), || {
                format!(
                    "whether {subject} `{reference}` are open at block `{identifier}`; add {} to `hours` with true, false or a schedule",
                    suggested_key(reference)
                )
            }),
        }
    }

    /// Evaluates one `hours` entry at the scenario's clock. Without a clock, a schedule is
    /// evaluated at [`DEFAULT_CLOCK`] and the answer is assumed.
    fn evaluate_hours(
        &self,
        identifier: &str,
        reference: &str,
        entry: &HoursEntry,
    ) -> EnvResult<HoursStatus> {
        let schedule = match entry {
            HoursEntry::Fixed(open) => return Ok(Answer::given(status(*open, None))),
            HoursEntry::Schedule(schedule) => schedule,
        };
        if let Some(instant) = self.clock {
            let evaluation = schedule.evaluate(instant);
            return Ok(Answer::given(status(evaluation.open, Some(evaluation.detail))));
        }
        let evaluation = schedule.evaluate(default_instant());
        let detail = format!("{} (no scenario clock, so at {DEFAULT_CLOCK})", evaluation.detail);
        self.open(status(evaluation.open, Some(detail)), || {
            format!(
                "the time at which hours `{reference}` are checked at block `{identifier}`; add `clock` with an RFC 3339 instant such as \"2026-12-07T09:30:00Z\""
            )
        })
    }

    /// Returns whether the working queue's hours are open, from the `hours` entry that the queue's
    /// `hours` field names, else an `hours` entry keyed by the queue itself.
    fn queue_hours(&self, identifier: &str, queue: &str) -> EnvResult<HoursStatus> {
        let found = self.find(self.queues.keys().map(String::as_str), queue);
        let named = found
            .and_then(|index| self.queues.get_index(index))
            .and_then(|(_, state)| state.hours.as_deref());
        match named {
            Some(hours) => self.hours_answer(identifier, hours, "hours of operation"),
            None => self.hours_answer(identifier, queue, "the hours of queue"),
        }
    }
}

impl Environment for ScenarioEnvironment {
    fn lex_turn(&mut self, identifier: &str, request: &LexRequest) -> EnvResult<LexResult> {
        match self.interactions.lex_turn(request) {
            Some(result) => Ok(Answer::given(result)),
            None => self.open(LexResult::Timeout, || {
                format!(
                    "the Lex turn of bot `{}` at block `{identifier}`; add {} or \"*\" to `lex` with a list of turns such as {{\"intent\": \"OrderPizza\"}}",
                    request.bot,
                    suggested_key(&request.bot)
                )
            }),
        }
    }

    fn show_view(&mut self, identifier: &str, request: &ViewRequest) -> EnvResult<ViewResult> {
        match self.interactions.show_view(request) {
            Some(result) => Ok(Answer::given(result)),
            None => {
                let timeout = ViewResult::Error {
                    error_type: "TimeLimitExceeded".to_string(),
                };
                self.open(timeout, || {
                    format!(
                        "the action chosen in view `{}` at block `{identifier}`; add {} to `views` with a list such as {{\"action\": \"Next\"}}",
                        request.view,
                        suggested_key(&request.view)
                    )
                })
            }
        }
    }

    fn fault(
        &mut self,
        identifier: &str,
        action_type: &str,
        errors: &[&str],
    ) -> Result<Option<String>, OpenQuestion> {
        let fault = self.interactions.fault(identifier, action_type);
        Ok(fault.filter(|error_type| errors.contains(&error_type.as_str())))
    }

    fn block_result(&mut self, identifier: &str, question: &BlockQuestion<'_>) -> EnvResult<String> {
        match self.interactions.block_result(identifier, question.action_type) {
            Some(result) => Ok(Answer::given(result)),
            None => self.open(question.default.to_string(), || {
                format!(
                    "the {} at block `{identifier}`; add \"{identifier}\" to `results` with a list of: {}",
                    question.topic,
                    question.options.join(", ")
                )
            }),
        }
    }

    fn caller_input(&mut self, identifier: &str) -> EnvResult<CallerInput> {
        match self.inputs.pop_front() {
            Some(input) => Ok(Answer::given(input)),
            None => self.open(CallerInput::Timeout, || {
                format!(
                    "caller input at block `{identifier}` after every entry of `inputs` was used; add DTMF keys such as \"1\", or \"timeout\", to `inputs`"
                )
            }),
        }
    }

    fn invoke_lambda(&mut self, identifier: &str, request: &LambdaRequest) -> EnvResult<LambdaResult> {
        let function = request.function.as_str();
        let found = self.find(self.lambdas.iter().map(|script| script.key.as_str()), function);
        let Some(script) = found.map(|index| &mut self.lambdas[index]) else {
            let failure = LambdaResult::Error {
                message: format!("the scenario lists no result for Lambda function `{function}`"),
            };
            return self.open(failure, || {
                format!(
                    "the result of Lambda function `{function}` at block `{identifier}`; add {} to `lambda` with a list of results",
                    suggested_key(function)
                )
            });
        };
        Ok(Answer::given(script.next_result(request.timeout_seconds)))
    }

    fn hours_open(&mut self, identifier: &str, hours: HoursSource<'_>) -> EnvResult<bool> {
        let answer = self.hours_status(identifier, hours)?;
        Ok(Answer {
            value: answer.value.open,
            assumed: answer.assumed,
        })
    }

    fn hours_status(&mut self, identifier: &str, hours: HoursSource<'_>) -> EnvResult<HoursStatus> {
        match hours {
            HoursSource::Hours(reference) => self.hours_answer(identifier, reference, "hours of operation"),
            HoursSource::QueueHours(queue) => self.queue_hours(identifier, queue),
        }
    }

    fn queue_status(&mut self, identifier: &str, queue: &str) -> EnvResult<QueueStatus> {
        let found = self.find(self.queues.keys().map(String::as_str), queue);
        match found.and_then(|index| self.queues.get_index(index)) {
            Some((_, state)) => Ok(Answer::given(QueueStatus::from(state))),
            None => self.open(QueueStatus::from(&QueueState::default()), || {
                format!(
                    "the state of queue `{queue}` at block `{identifier}`; add {} to `queues`, such as {{\"atCapacity\": false}}",
                    suggested_key(queue)
                )
            }),
        }
    }

    fn random_percent(&mut self, identifier: &str) -> EnvResult<u8> {
        match &mut self.percent {
            PercentSource::Fixed(percent) => Ok(Answer::given(*percent)),
            PercentSource::Seeded(generator) => Ok(Answer::given(generator.next_percent())),
            PercentSource::Default(generator) => {
                let percent = generator.next_percent();
                self.open(percent, || {
                    format!(
                        "a random number from 1 to 100 at block `{identifier}`; add `random` with {{\"seed\": N}} or {{\"percent\": N}}"
                    )
                })
            }
        }
    }
}

impl LambdaScript {
    /// Returns the result for the next call, which times out after `timeout_seconds`; the last
    /// result repeats once the list is used up.
    fn next_result(&mut self, timeout_seconds: u32) -> LambdaResult {
        let index = self.calls.min(self.answers.len().saturating_sub(1));
        self.calls += 1;
        match self.answers.get(index) {
            Some(answer) => lambda_result(answer, timeout_seconds),
            None => LambdaResult::Error {
                message: format!("the scenario lists no result for Lambda function `{}`", self.key),
            },
        }
    }
}

fn lambda_result(answer: &LambdaAnswer, timeout_seconds: u32) -> LambdaResult {
    match answer {
        LambdaAnswer::Response(value) => LambdaResult::Response { value: value.clone() },
        LambdaAnswer::Error(message) => LambdaResult::Error {
            message: message.clone(),
        },
        LambdaAnswer::Timed { duration_seconds, .. } if *duration_seconds > f64::from(timeout_seconds) => {
            LambdaResult::Error {
                message: format!(
                    "timed out: the function ran {duration_seconds} seconds, over the block's InvocationTimeLimitSeconds of {timeout_seconds}"
                ),
            }
        }
        LambdaAnswer::Timed { answer, .. } => lambda_result(answer, timeout_seconds),
    }
}

fn status(open: bool, detail: Option<String>) -> HoursStatus {
    HoursStatus { open, detail }
}

/// Returns the shortest key that would answer a question about `reference`, quoted for a message.
fn suggested_key(reference: &str) -> String {
    format!("the key \"{}\"", resource_id(reference).unwrap_or(reference))
}

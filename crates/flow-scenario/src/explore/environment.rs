//! `ExploringEnvironment`: an `Environment` that answers each question with a choice from the log.

use super::candidates::{counts_for, first_true, literal_operand, menu_keys, push_unique};
use super::choice::{Choice, FAULT, QueueMetric, SharedLog};
use flow_executor::{
    Answer, BlockQuestion, CallerInput, EnvResult, Environment, HoursSource, HoursStatus, LambdaRequest,
    LambdaResult, LexRequest, LexResult, OpenQuestion, QueueStatus, ViewRequest, ViewResult,
};
use flow_graph::model::{Action, Flow};
use indexmap::IndexMap;
use serde_json::{Map, Value};

/// The question of a `GetMetricData` block, which reads the default queue state.
pub const QUEUE_METRICS: &str = "queue metrics";

/// The question text of the open question that ends a run at a state explored before.
pub const EXPLORED_BEFORE: &str = "a state the explorer has already explored";

/// Answers every question of one run from its [`super::choice::RunLog`].
pub struct ExploringEnvironment<'a> {
    pub log: SharedLog,
    /// The flows the run may enter: the entry flow first, then the modules and transfer targets.
    pub flows: &'a [&'a Flow],
    /// Values that the flow's `Compare` blocks test, keyed by the `$.` reference they read.
    pub compared: &'a IndexMap<String, Vec<String>>,
}

impl ExploringEnvironment<'_> {
    fn choose(
        &self,
        identifier: &str,
        question: &'static str,
        subject: &str,
        options: Vec<Choice>,
    ) -> EnvResult<Choice> {
        let mut log = self
            .log
            .lock()
            .expect("the run log is only locked for short updates");
        match log.choose(identifier, question, subject, options) {
            Some(choice) => Ok(Answer::given(choice)),
            None => Err(OpenQuestion {
                question: EXPLORED_BEFORE.to_string(),
            }),
        }
    }

    fn action(&self, identifier: &str) -> Option<&Action> {
        self.flows.iter().find_map(|flow| flow.action(identifier))
    }

    /// Returns the keys offered at an input block, then a timeout. A menu offers its condition
    /// keys and one key no condition accepts. Store mode offers the values compared with
    /// `$.StoredCustomerInput`.
    fn input_options(&self, identifier: &str) -> Vec<Choice> {
        let action = self.action(identifier);
        let store_mode = action.is_some_and(is_store_mode);
        let mut keys = match action {
            Some(_) if store_mode => self.compared_keys("$.StoredCustomerInput"),
            Some(action) => menu_keys(&action.transitions.conditions),
            None => Vec::new(),
        };
        if keys.is_empty() {
            keys.push("1".to_string());
        }
        let mut options: Vec<Choice> = keys
            .into_iter()
            .map(|k| Choice::Input { keys: Some(k) })
            .collect();
        options.push(Choice::Input { keys: None });
        options
    }

    /// Returns the compared values a caller can key in. When a compared value needs other
    /// characters, such as the value that meets no condition, a key sequence that no compare names
    /// replaces it.
    fn compared_keys(&self, reference: &str) -> Vec<String> {
        let values = self.compared.get(reference).cloned().unwrap_or_default();
        let is_keys =
            |v: &String| !v.is_empty() && v.chars().all(|c| c.is_ascii_digit() || c == '*' || c == '#');
        let mut keys: Vec<String> = values.iter().filter(|v| is_keys(v)).cloned().collect();
        if keys.len() < values.len() {
            let unused = ["0", "1", "9", "00", "99"]
                .into_iter()
                .find(|candidate| !values.iter().any(|v| v == candidate));
            if let Some(unused) = unused {
                push_unique(&mut keys, unused.to_string());
            }
        }
        keys
    }

    /// Returns the Lambda responses offered: each from [`Self::data_variants`] under
    /// `$.External`, then a failed invocation.
    fn lambda_options(&self) -> Vec<Choice> {
        let mut options: Vec<Choice> = self
            .data_variants("$.External.")
            .into_iter()
            .map(|value| Choice::LambdaResponse { value })
            .collect();
        options.push(Choice::LambdaError);
        options
    }

    /// Returns objects that set every key the flow compares under `prefix` to its first compared
    /// value, then one more object per other value of each key.
    fn data_variants(&self, prefix: &str) -> Vec<Value> {
        let keys: Vec<(Vec<&str>, &Vec<String>)> = self
            .compared
            .iter()
            .filter_map(|(reference, values)| {
                let path = reference.strip_prefix(prefix)?;
                Some((path.split('.').collect(), values))
            })
            .collect();
        let base: Vec<(&[&str], &str)> = keys
            .iter()
            .filter_map(|(path, values)| Some((path.as_slice(), values.first()?.as_str())))
            .collect();
        let mut variants = vec![response_of(&base)];
        for (path, values) in &keys {
            for value in values.iter().skip(1) {
                let mut variant = base.clone();
                match variant.iter_mut().find(|(p, _)| *p == path.as_slice()) {
                    Some(slot) => slot.1 = value,
                    None => variant.push((path.as_slice(), value)),
                }
                let data = response_of(&variant);
                if !variants.contains(&data) {
                    variants.push(data);
                }
            }
        }
        variants
    }

    /// Returns the queue states offered. `CheckMetricData` gets one value of its metric per
    /// condition and one that no condition accepts, `GetMetricData` gets the default queue, and a
    /// transfer gets a queue with room and one at capacity. A state the run already chose for the
    /// same queue and field is the only option, because a scenario gives each queue one state.
    fn queue_options(&self, identifier: &str, queue: &str) -> Vec<Choice> {
        let room = Choice::Queue {
            at_capacity: false,
            metric: None,
        };
        let Some(action) = self.action(identifier) else {
            return vec![room];
        };
        let options = match action.action_type.as_str() {
            "CheckMetricData" => metric_options(action).unwrap_or_else(|| vec![room]),
            "GetMetricData" => return vec![room],
            _ => vec![
                room,
                Choice::Queue {
                    at_capacity: true,
                    metric: None,
                },
            ],
        };
        let field = |choice: &Choice| match choice {
            Choice::Queue {
                metric: Some(metric), ..
            } => metric.scenario_field(),
            _ => "atCapacity",
        };
        let expected = field(&options[0]);
        self.fixed_answer("queue", queue, |earlier| field(earlier) == expected)
            .unwrap_or(options)
    }

    /// Returns the choice this run already made for `question` about `subject`, as the only
    /// option, when `same_field` accepts it. A scenario file stores one result per hours, per queue
    /// field and for all percentage draws, so a written scenario replays only when later questions
    /// reuse the first choice.
    fn fixed_answer(
        &self,
        question: &str,
        subject: &str,
        same_field: impl Fn(&Choice) -> bool,
    ) -> Option<Vec<Choice>> {
        let log = self
            .log
            .lock()
            .expect("the run log is only locked for short updates");
        log.earlier_choice(question, subject, same_field)
            .map(|choice| vec![choice])
    }

    /// Returns the smallest percent that leads to each branch of a `DistributeByPercentage` block.
    fn percent_options(&self, identifier: &str) -> Vec<Choice> {
        let conditions = self
            .action(identifier)
            .map(|a| a.transitions.conditions.as_slice())
            .unwrap_or_default();
        let mut branches: Vec<Option<usize>> = Vec::new();
        let mut options = Vec::new();
        for percent in 1..=100u8 {
            let branch = first_true(conditions, &percent.to_string());
            if !branches.contains(&branch) {
                branches.push(branch);
                options.push(Choice::Percent { percent });
            }
        }
        options
    }

    /// Returns the intents the block's conditions name, then `FallbackIntent` when no condition
    /// names it, each with the slot and session attribute values that the flow compares, then a
    /// timeout and a failed turn.
    fn lex_options(&self, identifier: &str) -> Vec<Choice> {
        let mut intents = self.condition_operands(identifier);
        push_unique(&mut intents, "FallbackIntent".to_string());
        let slots = self.data_variants("$.Lex.Slots.");
        let sessions = self.data_variants("$.Lex.SessionAttributes.");
        let empty = Value::Object(Map::new());
        let first_slots = slots.first().unwrap_or(&empty);
        let first_session = sessions.first().unwrap_or(&empty);
        let mut options = Vec::new();
        for intent in intents {
            let with = |slots: &Value, session: &Value| Choice::LexIntent {
                intent: intent.clone(),
                slots: slots.clone(),
                session_attributes: session.clone(),
            };
            options.extend(slots.iter().map(|slot| with(slot, first_session)));
            options.extend(sessions.iter().skip(1).map(|session| with(first_slots, session)));
        }
        options.extend([Choice::LexTimeout, Choice::LexError]);
        options
    }

    /// Returns each action the block's conditions name, then one action none names, with each
    /// data object from [`Self::data_variants`] under `$.Views.ViewResultData`, then each view
    /// error.
    fn view_options(&self, identifier: &str) -> Vec<Choice> {
        let data = self.data_variants("$.Views.ViewResultData.");
        let mut actions = self.condition_operands(identifier);
        let unnamed = ["Other", "Cancel", "Unlisted"]
            .into_iter()
            .find(|candidate| !actions.iter().any(|a| a == candidate));
        if let Some(unnamed) = unnamed {
            actions.push(unnamed.to_string());
        }
        let mut options = Vec::new();
        for action in actions {
            for data in &data {
                options.push(Choice::ViewAction {
                    action: action.clone(),
                    data: data.clone(),
                });
            }
        }
        for error_type in crate::scenario::VIEW_ERRORS {
            options.push(Choice::ViewError {
                error_type: error_type.to_string(),
            });
        }
        options
    }

    fn condition_operands(&self, identifier: &str) -> Vec<String> {
        let mut operands = Vec::new();
        if let Some(action) = self.action(identifier) {
            for operand in action.transitions.conditions.iter().filter_map(literal_operand) {
                push_unique(&mut operands, operand);
            }
        }
        operands
    }
}

/// Returns one queue state per value of the block's literal `MetricType` that its conditions
/// test, or `None` when the metric is a reference or no value is a whole number.
fn metric_options(action: &Action) -> Option<Vec<Choice>> {
    let name = action.parameters.get("MetricType")?.as_str()?;
    let options: Vec<Choice> = counts_for(&action.transitions.conditions)
        .into_iter()
        .map(|value| Choice::Queue {
            at_capacity: false,
            metric: Some(QueueMetric {
                name: name.to_string(),
                value,
            }),
        })
        .collect();
    (!options.is_empty()).then_some(options)
}

/// Returns true for a `GetParticipantInput` block in store mode without a bot.
pub fn is_store_mode(action: &Action) -> bool {
    let store = match action.parameters.get("StoreInput") {
        Some(Value::Bool(flag)) => *flag,
        Some(Value::String(text)) => text.eq_ignore_ascii_case("true"),
        _ => false,
    };
    let bot = action.parameters.contains_key("LexV2Bot") || action.parameters.contains_key("LexBot");
    store && !bot
}

/// Builds a Lambda response object with each path set to its value.
fn response_of(entries: &[(&[&str], &str)]) -> Value {
    let mut root = Value::Object(Map::new());
    for (path, value) in entries {
        let mut node = &mut root;
        for key in &path[..path.len().saturating_sub(1)] {
            if !node.get(*key).is_some_and(Value::is_object) {
                node[*key] = Value::Object(Map::new());
            }
            node = &mut node[*key];
        }
        if let Some(last) = path.last() {
            node[*last] = Value::String(value.to_string());
        }
    }
    root
}

fn map<T>(answer: EnvResult<Choice>, convert: impl FnOnce(&Choice) -> T) -> EnvResult<T> {
    answer.map(|a| Answer::given(convert(&a.value)))
}

impl Environment for ExploringEnvironment<'_> {
    /// Offers running without a fault first, then each error type. The explorer runs the other
    /// options only for error branches that no other choice has reached.
    fn fault(
        &mut self,
        identifier: &str,
        _action_type: &str,
        errors: &[&str],
    ) -> Result<Option<String>, OpenQuestion> {
        let visit = self
            .log
            .lock()
            .expect("the run log is only locked for short updates")
            .fault_visits(identifier);
        let options = std::iter::once(None)
            .chain(errors.iter().map(|error| Some(error.to_string())))
            .map(|error| Choice::Fault { error, visit })
            .collect();
        let answer = self.choose(identifier, FAULT, "", options)?;
        match answer.value {
            Choice::Fault { error, .. } => Ok(error),
            _ => Ok(None),
        }
    }

    fn caller_input(&mut self, identifier: &str) -> EnvResult<CallerInput> {
        let options = self.input_options(identifier);
        map(
            self.choose(identifier, "caller input", "", options),
            Choice::caller_input,
        )
    }

    fn invoke_lambda(&mut self, identifier: &str, request: &LambdaRequest) -> EnvResult<LambdaResult> {
        let options = self.lambda_options();
        map(
            self.choose(identifier, "lambda", &request.function, options),
            Choice::lambda_result,
        )
    }

    fn hours_open(&mut self, identifier: &str, hours: HoursSource<'_>) -> EnvResult<bool> {
        let answer = self.hours_status(identifier, hours)?;
        Ok(Answer::given(answer.value.open))
    }

    fn hours_status(&mut self, identifier: &str, hours: HoursSource<'_>) -> EnvResult<HoursStatus> {
        let subject = match hours {
            HoursSource::Hours(reference) | HoursSource::QueueHours(reference) => reference,
        };
        let options = self
            .fixed_answer("hours", subject, |_| true)
            .unwrap_or_else(|| vec![Choice::Hours { open: true }, Choice::Hours { open: false }]);
        map(self.choose(identifier, "hours", subject, options), |choice| {
            HoursStatus {
                open: !matches!(choice, Choice::Hours { open: false }),
                detail: None,
            }
        })
    }

    fn queue_status(&mut self, identifier: &str, queue: &str) -> EnvResult<QueueStatus> {
        let options = self.queue_options(identifier, queue);
        // `GetMetricData` has one answer, the default queue, so it does not fix the queue's state
        // for later blocks the way the other queue questions do.
        let reads_metrics = self
            .action(identifier)
            .is_some_and(|action| action.action_type == "GetMetricData");
        let question = if reads_metrics { QUEUE_METRICS } else { "queue" };
        map(self.choose(identifier, question, queue, options), |choice| {
            let mut status = QueueStatus::from(&crate::scenario::QueueState::default());
            if let Choice::Queue { at_capacity, metric } = choice {
                status.at_capacity = *at_capacity;
                if let Some(metric) = metric {
                    metric.apply(&mut status);
                }
            }
            status
        })
    }

    fn random_percent(&mut self, identifier: &str) -> EnvResult<u8> {
        let options = self
            .fixed_answer("percent", "", |_| true)
            .unwrap_or_else(|| self.percent_options(identifier));
        map(
            self.choose(identifier, "percent", "", options),
            |choice| match choice {
                Choice::Percent { percent } => *percent,
                _ => 1,
            },
        )
    }

    fn block_result(&mut self, identifier: &str, question: &BlockQuestion<'_>) -> EnvResult<String> {
        let mut results = vec![question.default.to_string()];
        for option in question.options {
            push_unique(&mut results, option.to_string());
        }
        let options = results
            .into_iter()
            .map(|result| Choice::Result { result })
            .collect();
        map(
            self.choose(identifier, "result", question.action_type, options),
            |choice| match choice {
                Choice::Result { result } => result.clone(),
                _ => question.default.to_string(),
            },
        )
    }

    fn lex_turn(&mut self, identifier: &str, request: &LexRequest) -> EnvResult<LexResult> {
        let options = self.lex_options(identifier);
        map(
            self.choose(identifier, "lex", &request.bot, options),
            Choice::lex_result,
        )
    }

    fn show_view(&mut self, identifier: &str, request: &ViewRequest) -> EnvResult<ViewResult> {
        let options = self.view_options(identifier);
        map(
            self.choose(identifier, "view", &request.view, options),
            Choice::view_result,
        )
    }
}

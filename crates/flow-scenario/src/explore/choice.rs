//! The answers the explorer chooses between, and the log of one run's choices.

use flow_executor::{Branch, CallerInput, Event, LambdaResult, LexIntent, LexResult, Observer, ViewResult};
use serde::Serialize;
use serde_json::Value;
use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeMap, HashSet};
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};

/// One answer from outside the flow that the explorer chose.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum Choice {
    /// The caller pressed these keys, or nothing (`None`) before the time limit.
    Input {
        keys: Option<String>,
    },
    /// The Lambda function returned this value.
    LambdaResponse {
        value: Value,
    },
    /// The Lambda function failed.
    LambdaError,
    Hours {
        open: bool,
    },
    /// The queue's state: at capacity or not for a transfer, or one metric's value for a metric
    /// block.
    Queue {
        at_capacity: bool,
        #[serde(skip_serializing_if = "Option::is_none")]
        metric: Option<QueueMetric>,
    },
    /// `DistributeByPercentage` drew this number from 1 to 100.
    Percent {
        percent: u8,
    },
    /// A block with documented results produced this one.
    Result {
        result: String,
    },
    /// A Lex bot recognised this intent, with these slots and session attributes.
    LexIntent {
        intent: String,
        #[serde(skip_serializing_if = "is_empty_object")]
        slots: Value,
        #[serde(skip_serializing_if = "is_empty_object")]
        session_attributes: Value,
    },
    LexTimeout,
    LexError,
    /// The user chose `action` in a view, which returned `data`.
    ViewAction {
        action: String,
        data: Value,
    },
    ViewError {
        error_type: String,
    },
    /// The contact came in on this channel, as `$.Channel` spells it.
    Channel {
        channel: String,
    },
    /// The contact entered the flow with this working queue, as an earlier flow sets it, or
    /// without one (`None`).
    WorkingQueue {
        queue: Option<String>,
    },
    /// The contact entered the flow with this attribute value, or without the attribute.
    Attribute {
        value: Option<String>,
    },
    /// The invoking flow passed this value in the entry module's input, or left the field out.
    ModuleInput {
        value: Option<String>,
    },
    /// The block failed with this error type before it ran, at this visit of the block (counted
    /// from 0), or ran normally (`None`).
    Fault {
        error: Option<String>,
        visit: usize,
    },
    /// A Customer Profiles search found this many profiles with these custom attributes, or
    /// failed (`None`).
    Profiles {
        found: Option<usize>,
        #[serde(skip_serializing_if = "BTreeMap::is_empty")]
        attributes: BTreeMap<String, String>,
        /// The profiles the search returned, for the fixture of a written scenario.
        #[serde(skip)]
        profiles: Vec<customer_profiles::Profile>,
    },
}

impl Choice {
    /// Returns true for the choice to let a block run without a fault, which reports leave out.
    pub fn is_no_fault(&self) -> bool {
        matches!(self, Choice::Fault { error: None, .. })
    }

    /// Returns the caller input this choice stands for.
    pub fn caller_input(&self) -> CallerInput {
        match self {
            Choice::Input { keys: Some(keys) } => CallerInput::Keys(keys.clone()),
            _ => CallerInput::Timeout,
        }
    }

    /// Returns the Lambda result this choice stands for.
    pub fn lambda_result(&self) -> LambdaResult {
        match self {
            Choice::LambdaResponse { value } => LambdaResult::Response { value: value.clone() },
            _ => LambdaResult::Error {
                message: "the explorer chose a failed invocation".to_string(),
            },
        }
    }

    /// Returns the Lex turn this choice stands for.
    pub fn lex_result(&self) -> LexResult {
        match self {
            Choice::LexIntent {
                intent,
                slots,
                session_attributes,
            } => LexResult::Intent(Box::new(LexIntent {
                intent: intent.clone(),
                slots: slots.as_object().cloned().unwrap_or_default(),
                session_attributes: session_attributes.as_object().cloned().unwrap_or_default(),
                ..LexIntent::default()
            })),
            Choice::LexError => LexResult::Error {
                message: "the explorer chose a failed bot turn".to_string(),
            },
            _ => LexResult::Timeout,
        }
    }

    /// Returns the view outcome this choice stands for.
    pub fn view_result(&self) -> ViewResult {
        match self {
            Choice::ViewAction { action, data } => ViewResult::Action {
                action: action.clone(),
                data: data.clone(),
            },
            Choice::ViewError { error_type } => ViewResult::Error {
                error_type: error_type.clone(),
            },
            _ => ViewResult::Error {
                error_type: "TimeLimitExceeded".to_string(),
            },
        }
    }

    /// Describes the answer in a few words for the text report.
    pub fn describe(&self) -> String {
        match self {
            Choice::Input { keys: Some(keys) } => format!("keys {keys:?}"),
            Choice::Input { keys: None } => "timeout".to_string(),
            Choice::LambdaResponse { value } => format!("response {value}"),
            Choice::LambdaError => "error".to_string(),
            Choice::Hours { open } => if *open { "open" } else { "closed" }.to_string(),
            Choice::Queue {
                metric: Some(metric), ..
            } => format!("{} {}", metric.name, metric.value),
            Choice::Queue { at_capacity, .. } => {
                if *at_capacity { "at capacity" } else { "has room" }.to_string()
            }
            Choice::Percent { percent } => format!("{percent}"),
            Choice::Result { result } => result.clone(),
            Choice::LexIntent {
                intent,
                slots,
                session_attributes,
            } => describe_intent(intent, slots, session_attributes),
            Choice::LexTimeout => "timeout".to_string(),
            Choice::LexError => "error".to_string(),
            Choice::ViewAction { action, data } if is_empty_object(data) => format!("action {action}"),
            Choice::ViewAction { action, data } => format!("action {action} with data {data}"),
            Choice::ViewError { error_type } => format!("error {error_type}"),
            Choice::Channel { channel } => channel.clone(),
            Choice::Attribute { value: Some(value) } => format!("{value:?}"),
            Choice::Attribute { value: None } => "absent".to_string(),
            Choice::ModuleInput { value: Some(value) } => format!("{value:?}"),
            Choice::ModuleInput { value: None } => "absent".to_string(),
            Choice::WorkingQueue { queue: Some(queue) } => queue.clone(),
            Choice::WorkingQueue { queue: None } => "none".to_string(),
            Choice::Profiles {
                found: Some(count),
                attributes,
                ..
            } => describe_found(*count, attributes),
            Choice::Profiles { found: None, .. } => "store error".to_string(),
            Choice::Fault {
                error: Some(error), ..
            } => format!("fails with {error}"),
            Choice::Fault { error: None, .. } => "runs normally".to_string(),
        }
    }
}

fn describe_intent(intent: &str, slots: &Value, session_attributes: &Value) -> String {
    let mut text = format!("intent {intent}");
    if !is_empty_object(slots) {
        text.push_str(&format!(" with slots {slots}"));
    }
    if !is_empty_object(session_attributes) {
        text.push_str(&format!(" with session attributes {session_attributes}"));
    }
    text
}

fn is_empty_object(value: &Value) -> bool {
    value.as_object().is_some_and(serde_json::Map::is_empty)
}

fn describe_found(count: usize, attributes: &BTreeMap<String, String>) -> String {
    let fields: Vec<String> = attributes.iter().map(|(k, v)| format!("{k} {v:?}")).collect();
    match fields.is_empty() {
        true => format!("{count} found"),
        false => format!("{count} found with {}", fields.join(", ")),
    }
}

/// One queue metric that a `CheckMetricData` block reads, by its `MetricType`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QueueMetric {
    pub name: String,
    pub value: u32,
}

impl QueueMetric {
    /// Returns the scenario `queues` field of this metric, such as `agentsAvailable`.
    pub fn scenario_field(&self) -> &'static str {
        match self.name.as_str() {
            "NumberOfAgentsAvailable" => "agentsAvailable",
            "NumberOfAgentsStaffed" => "agentsStaffed",
            "NumberOfAgentsOnline" => "agentsOnline",
            "OldestContactInQueueAgeSeconds" => "oldestContactAgeSeconds",
            _ => "contactsInQueue",
        }
    }

    /// Sets this metric in `status`.
    pub fn apply(&self, status: &mut flow_executor::QueueStatus) {
        let field = match self.name.as_str() {
            "NumberOfAgentsAvailable" => &mut status.agents_available,
            "NumberOfAgentsStaffed" => &mut status.agents_staffed,
            "NumberOfAgentsOnline" => &mut status.agents_online,
            "OldestContactInQueueAgeSeconds" => &mut status.oldest_contact_age_seconds,
            _ => &mut status.contacts_in_queue,
        };
        *field = self.value;
    }
}

/// The question of a choice point that decides whether a block fails before it runs.
pub const FAULT: &str = "fault";

/// A choice made in a run: where it was asked, about what, and the answer chosen.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChoiceRecord {
    /// The `Identifier` of the asking block, or `contact` for the contact's initial attributes.
    pub identifier: String,
    /// The question: `caller input`, `lambda`, `hours`, `queue`, `queue metrics`, `percent`,
    /// `result`, `lex`, `view`, `channel`, `working queue`, `attribute`, `module input`, `profiles`
    /// or `fault`.
    pub question: &'static str,
    /// The resource the question names: a function ARN, hours, queue, bot, view or attribute name.
    pub subject: String,
    pub choice: Choice,
}

/// Returns the explored-state key of an answer that later questions about the same subject reuse
/// (hours, a queue field, the percentage draw), or `None` for an answer that is not reused. The
/// answer is part of the state, because two runs at the same block that answered differently
/// will answer the next such question differently.
fn fixed_answer_key(record: &ChoiceRecord) -> Option<String> {
    let field = match (record.question, &record.choice) {
        ("hours" | "percent", _) => "",
        (
            "queue",
            Choice::Queue {
                metric: Some(metric), ..
            },
        ) => metric.scenario_field(),
        ("queue", _) => "atCapacity",
        _ => return None,
    };
    Some(format!("answer {} {} {field}", record.question, record.subject))
}

/// A branch a run took, with the number of choices made before it.
#[derive(Debug, Clone)]
pub struct BranchTaken {
    pub step: usize,
    pub identifier: String,
    pub branch: Branch,
    pub choices_before: usize,
}

/// Everything one run chose and did, shared between its environment, its observer and its profile
/// store.
#[derive(Debug, Default)]
pub struct RunLog {
    /// The option index to take at each of the first choice points.
    prefix: Vec<usize>,
    /// The choices made, with the index taken and the number of options offered.
    pub made: Vec<(ChoiceRecord, usize, usize)>,
    /// The states at choice points already explored, across runs.
    pub seen: HashSet<u64>,
    /// True when the run stopped at a choice point in a state explored before.
    pub cut: bool,
    pub branches: Vec<BranchTaken>,
    /// The `Identifier` of the block that runs now, for questions that do not name it.
    pub current_block: String,
    tracker: StateTracker,
}

/// The part of the contact state that the observer tracks: the last value written at each path and the loop
/// counters.
#[derive(Debug, Default, Hash)]
struct StateTracker {
    writes: BTreeMap<String, String>,
    loops: BTreeMap<String, u32>,
}

/// The log of one run, shared by its environment, observer and profile store.
pub type SharedLog = Arc<Mutex<RunLog>>;

impl RunLog {
    /// Creates the log of a run that replays `prefix`, with the states explored so far.
    pub fn new(prefix: Vec<usize>, seen: HashSet<u64>) -> SharedLog {
        Arc::new(Mutex::new(RunLog {
            prefix,
            seen,
            ..RunLog::default()
        }))
    }

    /// Chooses among `options`: the prefix's option while replaying it, else the first option.
    /// Returns `None` past the prefix when this state was explored before, which ends the run.
    pub fn choose(
        &mut self,
        identifier: &str,
        question: &'static str,
        subject: &str,
        options: Vec<Choice>,
    ) -> Option<Choice> {
        let index = self.made.len();
        let chosen = match self.prefix.get(index) {
            Some(taken) => (*taken).min(options.len().saturating_sub(1)),
            None => {
                if !self.seen.insert(self.state_key(identifier, question, subject)) {
                    self.cut = true;
                    return None;
                }
                0
            }
        };
        let choice = options.get(chosen)?.clone();
        let record = ChoiceRecord {
            identifier: identifier.to_string(),
            question,
            subject: subject.to_string(),
            choice: choice.clone(),
        };
        if let Some(key) = fixed_answer_key(&record) {
            self.tracker.writes.insert(key, choice.describe());
        }
        self.made.push((record, chosen, options.len()));
        Some(choice)
    }

    /// Records a value the run starts with, such as the channel, as part of the explored state,
    /// so runs that start differently are not cut as states explored before.
    pub fn note_start(&mut self, path: &str, value: &str) {
        self.tracker.writes.insert(path.to_string(), value.to_string());
    }

    /// Returns how many times this run asked whether block `identifier` fails.
    pub fn fault_visits(&self, identifier: &str) -> usize {
        self.made
            .iter()
            .filter(|(record, _, _)| record.question == FAULT && record.identifier == identifier)
            .count()
    }

    /// Returns the first choice this run made for `question` about `subject` that `same_answer`
    /// accepts.
    pub fn earlier_choice(
        &self,
        question: &str,
        subject: &str,
        same_answer: impl Fn(&Choice) -> bool,
    ) -> Option<Choice> {
        self.made
            .iter()
            .map(|(record, _, _)| record)
            .find(|record| {
                record.question == question && record.subject == subject && same_answer(&record.choice)
            })
            .map(|record| record.choice.clone())
    }

    /// Returns the number of choices this run replayed from its prefix.
    pub fn prefix_len(&self) -> usize {
        self.prefix.len()
    }

    /// Hashes the block, the question, its subject and the contact state as the observer saw it.
    ///
    /// NOTE: the state is the last value written at each path plus the loop counters. Keys typed
    /// ahead, removals and profile store changes are not part of it, so two states that differ
    /// only there count as one.
    fn state_key(&self, identifier: &str, question: &str, subject: &str) -> u64 {
        let mut hasher = DefaultHasher::new();
        identifier.hash(&mut hasher);
        question.hash(&mut hasher);
        subject.hash(&mut hasher);
        self.tracker.writes.hash(&mut hasher);
        self.tracker.loops.hash(&mut hasher);
        hasher.finish()
    }
}

/// The observer of an exploring run: records branches and tracks the state for [`RunLog`].
pub struct RunRecorder {
    pub log: SharedLog,
    current_type: String,
}

impl RunRecorder {
    pub fn new(log: SharedLog) -> Self {
        RunRecorder {
            log,
            current_type: String::new(),
        }
    }
}

impl Observer for RunRecorder {
    fn on_event(&mut self, event: &Event<'_>) {
        let mut log = self
            .log
            .lock()
            .expect("the run log is only locked for short updates");
        match event {
            Event::BlockEntered {
                action_type,
                identifier,
                ..
            } => {
                self.current_type = action_type.to_string();
                log.current_block = identifier.to_string();
            }
            Event::AttributeWritten { path, value, .. } => {
                log.tracker.writes.insert(path.to_string(), value.to_string());
            }
            Event::BranchTaken {
                step,
                identifier,
                branch,
                ..
            } => {
                if self.current_type == "Loop" {
                    count_loop(&mut log.tracker.loops, identifier, branch);
                }
                let choices_before = log.made.len();
                log.branches.push(BranchTaken {
                    step: *step,
                    identifier: identifier.to_string(),
                    branch: (*branch).clone(),
                    choices_before,
                });
            }
            _ => {}
        }
    }
}

/// Mirrors the Loop block's counter: each `ContinueLooping` adds one and `DoneLooping` resets it.
fn count_loop(loops: &mut BTreeMap<String, u32>, identifier: &str, branch: &Branch) {
    match branch {
        Branch::Condition { result, .. } | Branch::NoMatchingCondition { result }
            if result == "ContinueLooping" =>
        {
            *loops.entry(identifier.to_string()).or_default() += 1;
        }
        _ => {
            loops.remove(identifier);
        }
    }
}

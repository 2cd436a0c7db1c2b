//! Branch exploration: drives a flow through every transition it can reach by choosing each
//! answer from outside in turn, and explains the transitions no choice reaches.
//!
//! Every question the executor asks (caller input, Lambda, hours, queue, percent, block results,
//! Lex, views, profile searches) becomes a choice point with a list of options. A run replays a
//! prefix of choices and takes the first option at every later choice point. The explorer then
//! queues each other option of those later points as a new prefix. Prefixes whose runs keep
//! reaching new transitions go first, and among equals the shortest prefix goes first, so a flow
//! whose choices multiply (a chain of views, say) still gets its branches covered within the run
//! bound. For each transition the report keeps the run that took it in the fewest steps. A choice
//! point whose block and contact state an earlier run already met ends the run there, because
//! the earlier run explores the same future.

mod candidates;
mod choice;
mod dead;
mod environment;
mod profiles;
mod report;
mod write;

pub use choice::{Choice, ChoiceRecord};
pub use dead::{DeadContext, DeadReason, proven_dead};
pub use report::{Exploration, ReachedTransition, Summary, TransitionRef, UnreachedTransition};
pub use write::{WRITTEN_MARK, WrittenScenario, scenario_files};

use crate::error::ScenarioError;
use crate::scenario::Scenario;
use choice::{RunLog, RunRecorder, SharedLog};
use environment::ExploringEnvironment;
use flow_executor::{Branch, Executor, Registry, RunOutcome, RunSettings};
use flow_graph::{EdgeKind, FlowGraph, FlowSet};
use indexmap::IndexMap;
use serde_json::Value;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, HashSet};

/// The steps one run may take before it stops, unless `--max-depth` sets another bound.
pub const DEFAULT_MAX_DEPTH: usize = 200;

/// The runs one exploration may make. Each run replays the flow from its start, so this bounds
/// the work to about `max_runs * max_depth` block executions.
pub const DEFAULT_MAX_RUNS: usize = 5000;

/// The bounds of an exploration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExploreOptions {
    /// The steps one run may take. A run that takes them all ends, and the summary counts it.
    pub max_depth: usize,
    /// The runs the exploration may make.
    pub max_runs: usize,
}

impl Default for ExploreOptions {
    fn default() -> Self {
        ExploreOptions {
            max_depth: DEFAULT_MAX_DEPTH,
            max_runs: DEFAULT_MAX_RUNS,
        }
    }
}

/// A transition by its block `Identifier` and branch.
type TransitionKey = (String, EdgeKind);

/// Explores `graph` with the handlers of `registry`. The contact, profiles and settings come from
/// `base`; every answer from outside the flow is chosen.
pub fn explore(
    graph: &FlowGraph,
    registry: &Registry,
    base: &Scenario,
    settings: RunSettings,
    options: ExploreOptions,
) -> Result<Exploration, ScenarioError> {
    let mut explorer = Explorer::new(graph, None, registry, base, settings, options);
    explorer.search()?;
    Ok(explorer.report())
}

/// Explores the flow set `flows` from its member `entry`, following module calls and transfers
/// into the other members. The report covers the transitions of every flow the runs entered.
pub fn explore_set(
    entry: &FlowGraph,
    flows: &FlowSet,
    registry: &Registry,
    base: &Scenario,
    settings: RunSettings,
    options: ExploreOptions,
) -> Result<Exploration, ScenarioError> {
    let mut explorer = Explorer::new(entry, Some(flows), registry, base, settings, options);
    explorer.search()?;
    Ok(explorer.report())
}

/// The state of one exploration.
struct Explorer<'a> {
    graph: &'a FlowGraph,
    set: Option<&'a FlowSet>,
    /// The entry flow first, then the other members of the flow set.
    graphs: Vec<&'a FlowGraph>,
    /// The flows of `graphs`, in the same order.
    flows: Vec<&'a flow_graph::model::Flow>,
    /// The flows some run entered, by their index in `graphs`.
    entered: HashSet<usize>,
    registry: &'a Registry,
    base: &'a Scenario,
    settings: RunSettings,
    options: ExploreOptions,
    compared: IndexMap<String, Vec<String>>,
    /// The channels offered for the contact, when the flow's branches depend on the channel.
    channels: Vec<choice::Choice>,
    /// The initial attributes that a `Compare` reads and no block writes, with the values offered.
    attributes: Vec<(String, Vec<choice::Choice>)>,
    /// The fields of the entry module's input that a `Compare` reads, with the values offered.
    module_inputs: Vec<(String, Vec<choice::Choice>)>,
    /// The working queues offered for the contact, when a flow reads one that no block sets.
    queues: Vec<choice::Choice>,
    seen: HashSet<u64>,
    reached: HashMap<TransitionKey, ReachedTransition>,
    summary: Summary,
}

impl<'a> Explorer<'a> {
    fn new(
        graph: &'a FlowGraph,
        set: Option<&'a FlowSet>,
        registry: &'a Registry,
        base: &'a Scenario,
        mut settings: RunSettings,
        options: ExploreOptions,
    ) -> Self {
        settings.step_budget = options.max_depth;
        let mut graphs = vec![graph];
        for member in set.map(FlowSet::members).unwrap_or_default() {
            if !std::ptr::eq(&member.graph, graph) {
                graphs.push(&member.graph);
            }
        }
        let flows: Vec<&flow_graph::model::Flow> = graphs.iter().map(|g| g.flow()).collect();
        let mut compared: IndexMap<String, Vec<String>> = IndexMap::new();
        for flow in &flows {
            for (reference, values) in candidates::compared_values(flow) {
                let entry = compared.entry(reference).or_default();
                for value in values {
                    candidates::push_unique(entry, value);
                }
            }
        }
        let attributes = attribute_choices(graph, set, base, &compared);
        let module_inputs = module_input_choices(graph, base, &compared);
        let channels = channel_choices(graph, base, &compared);
        let queues = queue_choices(&flows, base, &compared);
        let summary = Summary {
            max_depth: options.max_depth,
            max_runs: options.max_runs,
            ..Summary::default()
        };
        Explorer {
            graph,
            set,
            graphs,
            flows,
            entered: HashSet::from([0]),
            registry,
            base,
            settings,
            options,
            compared,
            channels,
            attributes,
            module_inputs,
            queues,
            seen: HashSet::new(),
            reached: HashMap::new(),
            summary,
        }
    }

    /// Runs choice sequences, shortest first, until none is left or the run bound is hit.
    ///
    /// A prefix that ends in a fault goes after the other prefixes. It is dropped without a run
    /// once some run has taken the error branch it aims at, so faults reach only the error
    /// branches that no other choice reaches.
    fn search(&mut self) -> Result<(), ScenarioError> {
        let mut queue = BinaryHeap::new();
        let mut order = 0usize;
        queue.push(Reverse(Pending {
            stale: 0,
            fault: false,
            length: 0,
            order,
            prefix: Vec::new(),
            aim: None,
        }));
        while let Some(Reverse(pending)) = queue.pop() {
            if pending
                .aim
                .as_ref()
                .is_some_and(|aim| self.reached.contains_key(aim))
            {
                continue;
            }
            if self.summary.runs >= self.options.max_runs {
                self.summary.run_limit_hit = true;
                break;
            }
            let (log, found_new) = self.run(pending.prefix)?;
            let stale = if found_new { 0 } else { pending.stale + 1 };
            let log = log
                .lock()
                .expect("the run is over, so nothing else holds the log");
            for (prefix, aim) in self.children(&log) {
                order += 1;
                queue.push(Reverse(Pending {
                    stale,
                    fault: aim.is_some(),
                    length: prefix.len(),
                    order,
                    prefix,
                    aim,
                }));
            }
        }
        Ok(())
    }

    /// Returns the prefixes that take each other option of the choice points past the run's
    /// prefix. A prefix that ends in a fault comes with the error transition it aims at.
    fn children(&self, log: &RunLog) -> Vec<(Vec<usize>, Option<TransitionKey>)> {
        let taken: Vec<usize> = log.made.iter().map(|(_, index, _)| *index).collect();
        let mut children = Vec::new();
        for (position, (record, _, count)) in log.made.iter().enumerate().skip(log.prefix_len()) {
            let errors = match record.question {
                choice::FAULT => self
                    .flows
                    .iter()
                    .find_map(|flow| flow.action(&record.identifier))
                    .map(flow_executor::fault_errors)
                    .unwrap_or_default(),
                _ => Vec::new(),
            };
            for option in 1..*count {
                let mut child = taken[..position].to_vec();
                child.push(option);
                let aim = match record.question {
                    choice::FAULT => {
                        let Some(error) = errors.get(option - 1) else {
                            continue;
                        };
                        Some((record.identifier.clone(), EdgeKind::Error(error.to_string())))
                    }
                    _ => None,
                };
                children.push((child, aim));
            }
        }
        children
    }

    /// Runs the flow once, replaying `prefix`, and records the transitions it took. Returns the
    /// run's log, and true when the run took a transition no earlier run took.
    fn run(&mut self, prefix: Vec<usize>) -> Result<(SharedLog, bool), ScenarioError> {
        self.summary.runs += 1;
        let log = RunLog::new(prefix, std::mem::take(&mut self.seen));
        let mut state = crate::contact::initial_state(self.base)?;
        let store = profiles::ExploringStore::install(&mut state, log.clone(), &self.compared);
        if self.choose_contact(&log, &mut state) {
            let mut env = ExploringEnvironment {
                log: log.clone(),
                flows: &self.flows,
                compared: &self.compared,
            };
            let mut recorder = RunRecorder::new(log.clone());
            let mut executor = Executor::new(self.graph, self.registry, self.settings.clone());
            if let Some(set) = self.set {
                executor = executor.with_flows(set);
            }
            let outcome = executor.run(&mut state, &mut env, &mut recorder);
            if matches!(outcome, RunOutcome::StepBudgetExhausted { .. }) {
                self.summary.depth_limit_hits += 1;
            }
        }
        drop(store);
        let found_new = self.record(&log);
        let mut guard = log
            .lock()
            .expect("the run is over, so nothing else holds the log");
        self.seen = std::mem::take(&mut guard.seen);
        drop(guard);
        Ok((log, found_new))
    }

    /// Chooses the contact's channel and the initial value of each compared attribute. Returns
    /// false when the run ends here because the state was explored before.
    fn choose_contact(&self, log: &SharedLog, state: &mut flow_executor::ContactState) -> bool {
        let mut log = log.lock().expect("the run log is only locked for short updates");
        if !self.channels.is_empty() {
            let Some(choice) = log.choose("contact", "channel", "", self.channels.clone()) else {
                return false;
            };
            if let choice::Choice::Channel { channel } = choice {
                log.note_start("$.Channel", &channel);
                state.set(&["Channel"], Value::String(channel));
            }
        }
        if !self.queues.is_empty() {
            let Some(choice) = log.choose("contact", "working queue", "", self.queues.clone()) else {
                return false;
            };
            if let choice::Choice::WorkingQueue { queue: Some(queue) } = choice {
                log.note_start("$.Queue.ARN", &queue);
                state.set(&["Queue"], crate::contact::working_queue(&queue));
            }
        }
        for (name, options) in &self.attributes {
            let Some(choice) = log.choose("contact", "attribute", name, options.clone()) else {
                return false;
            };
            let path = format!("$.Attributes.{name}");
            match choice {
                choice::Choice::Attribute { value: Some(value) } => {
                    log.note_start(&path, &value);
                    state.set(&["Attributes", name], Value::String(value));
                }
                _ => {
                    log.note_start(&path, "");
                    state.remove(&["Attributes", name]);
                }
            }
        }
        for (name, options) in &self.module_inputs {
            let Some(choice) = log.choose("contact", "module input", name, options.clone()) else {
                return false;
            };
            let path = format!("$.Modules.Input.{name}");
            match choice {
                choice::Choice::ModuleInput { value: Some(value) } => {
                    log.note_start(&path, &value);
                    state.set(&["Modules", "Input", name], Value::String(value));
                }
                _ => {
                    log.note_start(&path, "");
                    state.remove(&["Modules", "Input", name]);
                }
            }
        }
        true
    }

    /// Keeps, for each transition the run took, the run's choices up to it when no shorter path
    /// was known. Returns true when the run took a transition no earlier run took.
    fn record(&mut self, log: &SharedLog) -> bool {
        let mut found_new = false;
        let log = log
            .lock()
            .expect("the run is over, so nothing else holds the log");
        for taken in &log.branches {
            let Some((key, transition)) = self.transition_of(&taken.identifier, &taken.branch) else {
                continue;
            };
            let shorter = self
                .reached
                .get(&key)
                .is_none_or(|known| taken.step < known.steps);
            found_new |= !self.reached.contains_key(&key);
            if shorter {
                let choices = log.made[..taken.choices_before]
                    .iter()
                    .filter(|(r, _, _)| !r.choice.is_no_fault())
                    .map(|(r, _, _)| r.clone())
                    .collect();
                let reached = ReachedTransition {
                    transition,
                    steps: taken.step,
                    choices,
                };
                self.reached.insert(key, reached);
            }
        }
        found_new
    }

    /// Returns the declared transition that `branch` of block `identifier` took, if any.
    fn transition_of(&mut self, identifier: &str, branch: &Branch) -> Option<(TransitionKey, TransitionRef)> {
        let (index, flow) = self
            .flows
            .iter()
            .enumerate()
            .find(|(_, flow)| flow.action(identifier).is_some())?;
        self.entered.insert(index);
        let flow: &flow_graph::model::Flow = flow;
        let action = flow.action(identifier)?;
        let transitions = &action.transitions;
        let has_error = |error_type: &str| transitions.errors.iter().any(|e| e.error_type == error_type);
        let kind = match branch {
            Branch::Next | Branch::UnhandledErrorFallback { .. } => EdgeKind::Next,
            Branch::Condition { index, .. } => EdgeKind::Condition(*index),
            Branch::NoMatchingCondition { .. } if has_error("NoMatchingCondition") => {
                EdgeKind::Error("NoMatchingCondition".to_string())
            }
            Branch::NoMatchingCondition { .. } => EdgeKind::Next,
            Branch::Error { matched, .. } => EdgeKind::Error(matched.clone()),
            _ => return None,
        };
        let declared = flow_graph::graph::transitions_of(action);
        let (_, target) = declared.into_iter().find(|(k, _)| *k == kind)?;
        let name = flow.block_name(identifier);
        let label = flow_label(self.graphs[index]);
        let transition = TransitionRef::new(&label, action, name, kind.clone(), target);
        Some(((identifier.to_string(), kind), transition))
    }

    /// Lists every declared transition as reached, dead or not reached.
    fn report(mut self) -> Exploration {
        let context = DeadContext {
            missing_fails: self.settings.missing_attribute == flow_executor::MissingAttributePolicy::Error,
            flows: self.set,
        };
        let mut entered: Vec<usize> = self.entered.iter().copied().collect();
        entered.sort_unstable();
        let mut all = Vec::new();
        let mut proven = HashMap::new();
        for index in entered {
            all.extend(declared_transitions(self.graphs[index]));
            proven.extend(dead::proven_dead(self.graphs[index], context));
        }

        let mut reached = Vec::new();
        let mut unreached = Vec::new();
        for (key, transition) in all {
            if let Some(path) = self.reached.remove(&key) {
                reached.push(path);
                continue;
            }
            let reason = proven.remove(&key).unwrap_or(DeadReason::NotReachedWithinBounds);
            let dead = reason.is_dead();
            unreached.push(UnreachedTransition {
                transition,
                reason,
                dead,
            });
        }
        self.summary.transitions = reached.len() + unreached.len();
        self.summary.reached = reached.len();
        self.summary.dead = unreached.iter().filter(|u| u.dead).count();
        self.summary.unreached = unreached.len() - self.summary.dead;
        let uses_profiles = self.flows.iter().flat_map(|flow| &flow.actions).any(|action| {
            flow_graph::catalogue::lookup(&action.action_type)
                .is_some_and(|spec| spec.family == flow_graph::catalogue::Family::CustomerProfiles)
        });
        Exploration {
            uses_profiles,
            flow: flow_label(self.graph),
            reached,
            unreached,
            summary: self.summary,
        }
    }
}

/// A prefix waiting for its run, ordered by whether it ends in a fault, then the runs in a row
/// without a new transition, its length and the order it was queued in.
#[derive(Debug)]
struct Pending {
    stale: usize,
    fault: bool,
    length: usize,
    order: usize,
    prefix: Vec<usize>,
    /// The error transition a prefix that ends in a fault aims at.
    aim: Option<TransitionKey>,
}

impl Pending {
    /// Returns the sort key. `order` is unique, so two entries never compare equal.
    fn key(&self) -> (bool, usize, usize, usize) {
        (self.fault, self.stale, self.length, self.order)
    }
}

impl PartialEq for Pending {
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key()
    }
}

impl Eq for Pending {}

impl PartialOrd for Pending {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Pending {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.key().cmp(&other.key())
    }
}

/// Lists every declared transition of the flow, in the order of its `Actions`.
fn declared_transitions(graph: &FlowGraph) -> Vec<(TransitionKey, TransitionRef)> {
    let label = flow_label(graph);
    let flow = graph.flow();
    let mut all = Vec::new();
    for action in &flow.actions {
        let name = flow.block_name(&action.identifier);
        for (kind, target) in flow_graph::graph::transitions_of(action) {
            let key = (action.identifier.clone(), kind.clone());
            if all.iter().any(|(k, _)| *k == key) {
                continue;
            }
            all.push((key, TransitionRef::new(&label, action, name, kind, target)));
        }
    }
    all
}

/// Returns the initial attributes that a `Compare` reads and no block writes, each with the base
/// scenario's value (or its absence) first and then the compared values. An attribute that names
/// a resource, such as the module of an `InvokeFlowModule` block, is offered absent and with each
/// module or flow of `set` that it could name, else with [`explored_resource`], so the block runs.
fn attribute_choices(
    graph: &FlowGraph,
    set: Option<&FlowSet>,
    base: &Scenario,
    compared: &IndexMap<String, Vec<String>>,
) -> Vec<(String, Vec<choice::Choice>)> {
    let written = candidates::written_attributes(graph.flow());
    let mut compared = compared.clone();
    for (name, parameter) in candidates::resource_attributes(graph.flow()) {
        let kind = match parameter {
            "FlowModuleId" => Some(flow_graph::MemberKind::Module),
            "ContactFlowId" => Some(flow_graph::MemberKind::Flow),
            _ => None,
        };
        let mut targets: Vec<String> = match (kind, set) {
            (Some(kind), Some(set)) => set
                .members()
                .iter()
                .filter(|member| member.kind == kind && !std::ptr::eq(&member.graph, graph))
                .map(|member| member.id.clone())
                .collect(),
            _ => Vec::new(),
        };
        if targets.is_empty() {
            targets.push(explored_resource(&name));
        }
        let values = compared.entry(format!("$.Attributes.{name}")).or_default();
        for target in targets {
            candidates::push_unique(values, target);
        }
    }
    let mut choices = Vec::new();
    for (reference, values) in &compared {
        let Some(name) = reference.strip_prefix("$.Attributes.") else {
            continue;
        };
        if name.contains('.') || written.iter().any(|w| w == name) {
            continue;
        }
        let current = base.contact.attributes.get(name).cloned();
        let mut options = vec![choice::Choice::Attribute {
            value: current.clone(),
        }];
        for value in values.iter().filter(|v| Some(*v) != current.as_ref()) {
            options.push(choice::Choice::Attribute {
                value: Some(value.clone()),
            });
        }
        choices.push((name.to_string(), options));
    }
    choices
}

/// Returns, when the entry flow is a flow module, the fields of `$.Modules.Input` that a `Compare`
/// reads, each with the base scenario's value (or its absence) first and then the compared values.
fn module_input_choices(
    graph: &FlowGraph,
    base: &Scenario,
    compared: &IndexMap<String, Vec<String>>,
) -> Vec<(String, Vec<choice::Choice>)> {
    if !graph.flow().is_module() {
        return Vec::new();
    }
    let mut choices = Vec::new();
    for (reference, values) in compared {
        let Some(name) = reference.strip_prefix("$.Modules.Input.") else {
            continue;
        };
        if name.contains('.') {
            continue;
        }
        let current = base
            .contact
            .module_input
            .as_ref()
            .and_then(|input| input.get(name))
            .map(|value| match value {
                Value::String(text) => text.clone(),
                other => other.to_string(),
            });
        let mut options = vec![choice::Choice::ModuleInput {
            value: current.clone(),
        }];
        for value in values.iter().filter(|v| Some(*v) != current.as_ref()) {
            options.push(choice::Choice::ModuleInput {
                value: Some(value.clone()),
            });
        }
        choices.push((name.to_string(), options));
    }
    choices
}

/// Returns the value the explorer gives an attribute `name` that names a resource, such as a
/// module, queue or Lambda function: a placeholder that no real resource has.
fn explored_resource(name: &str) -> String {
    format!("explored-{name}")
}

/// The working queue the explorer offers to a flow that reads one no block sets.
pub const EXPLORED_QUEUE: &str = "arn:aws:connect:us-east-1:123456789012:instance/00000000-0000-4000-8000-000000000000/queue/explored-working-queue";

/// Returns the working queues to try when the base scenario sets none. When some flow reads the
/// working queue without setting it, as a customer queue flow does, these are no queue and then
/// [`EXPLORED_QUEUE`]. When no flow sets the working queue, each name that a `Compare` tests
/// `$.Queue.Name` against is offered too. Returns nothing when the flows do not depend on a queue
/// set outside them.
fn queue_choices(
    flows: &[&flow_graph::model::Flow],
    base: &Scenario,
    compared: &IndexMap<String, Vec<String>>,
) -> Vec<choice::Choice> {
    if base.contact.queue.is_some() {
        return Vec::new();
    }
    let sets_queue = flows.iter().any(|flow| {
        flow.actions
            .iter()
            .any(|action| action.action_type == "UpdateContactTargetQueue")
    });
    let names: Vec<&String> = match sets_queue {
        true => Vec::new(),
        false => compared
            .get("$.Queue.Name")
            .into_iter()
            .flatten()
            .filter(|name| !name.is_empty())
            .collect(),
    };
    let unknown = flows.iter().any(|flow| crate::check::working_queue_unknown(flow));
    if !unknown && names.is_empty() {
        return Vec::new();
    }
    let mut choices = vec![
        choice::Choice::WorkingQueue { queue: None },
        choice::Choice::WorkingQueue {
            queue: Some(EXPLORED_QUEUE.to_string()),
        },
    ];
    for name in names {
        choices.push(choice::Choice::WorkingQueue {
            queue: Some(name.clone()),
        });
    }
    choices
}

/// Returns the channels to try when a `Compare` reads `$.Channel` or some block does not work on
/// the base scenario's channel: the base channel first, then the others such blocks or compares
/// name. Returns no channels when the flow does not depend on the channel.
fn channel_choices(
    graph: &FlowGraph,
    base: &Scenario,
    compared: &IndexMap<String, Vec<String>>,
) -> Vec<choice::Choice> {
    let current = base.contact.channel.as_str();
    let mut named: Vec<&str> = compared
        .get("$.Channel")
        .map(|values| values.iter().map(String::as_str).collect())
        .unwrap_or_default();
    for action in &graph.flow().actions {
        let Some(spec) = flow_graph::catalogue::lookup(&action.action_type) else {
            continue;
        };
        if !spec.channels.iter().any(|c| c.name() == current) {
            named.extend(spec.channels.iter().map(|c| c.name()));
        }
    }
    let others: Vec<&str> = flow_graph::catalogue::Channel::ALL
        .iter()
        .map(|c| c.name())
        .filter(|name| *name != current && named.contains(name))
        .collect();
    if others.is_empty() {
        return Vec::new();
    }
    std::iter::once(current)
        .chain(others)
        .map(|channel| choice::Choice::Channel {
            channel: channel.to_string(),
        })
        .collect()
}

/// Returns the flow's name from its metadata, else its file name without extension.
fn flow_label(graph: &FlowGraph) -> String {
    let file_stem = || graph.source()?.file_stem()?.to_str();
    graph.flow().name().or_else(file_stem).unwrap_or("").to_string()
}

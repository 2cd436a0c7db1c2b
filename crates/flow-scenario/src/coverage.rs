//! Transition coverage: which edges of each flow's graph a suite of runs took, and which it missed.
//!
//! A transition is one edge of a [`FlowGraph`]: a block's `NextAction`, one `Errors` entry by its
//! `ErrorType`, or one `Conditions` entry by its position. A run covers an edge when a block takes
//! that branch. A `NoMatchingCondition` result covers the block's `NoMatchingCondition` error
//! entry when it has one, else its `NextAction`, as the executor's transition rule does.

use crate::explore::{DeadContext, DeadReason, proven_dead};
use crate::suite::tidy_path;
use flow_executor::{Branch, Event, Observer};
use flow_graph::FlowGraph;
use flow_graph::graph::EdgeKind;
use indexmap::{IndexMap, IndexSet};
use serde::Serialize;
use std::collections::HashMap;

const NO_MATCHING_CONDITION: &str = "NoMatchingCondition";

/// A branch one block took, before it is matched to an edge of the graph.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum TakenBranch {
    Edge(EdgeKind),
    NoMatchingCondition,
}

/// An observer that records the branch each block takes, with the flow or module the block is in.
#[derive(Debug, Default)]
pub struct CoverageRecorder {
    /// The labels of the flows being run, the innermost module call last.
    flows: Vec<String>,
    entering_module: bool,
    taken: IndexSet<(String, String, TakenBranch)>,
}

impl CoverageRecorder {
    pub fn new() -> Self {
        CoverageRecorder::default()
    }

    fn on_flow_started(&mut self, label: &str) {
        if self.entering_module || self.flows.is_empty() {
            self.flows.push(label.to_string());
        } else if let Some(current) = self.flows.last_mut() {
            *current = label.to_string();
        }
        self.entering_module = false;
    }

    fn on_branch(&mut self, identifier: &str, branch: &Branch) {
        let flow = self.flows.last().cloned().unwrap_or_default();
        if let Some(taken) = taken_of(branch) {
            self.taken.insert((flow, identifier.to_string(), taken));
        }
        match branch {
            Branch::ModuleCall { .. } => self.entering_module = true,
            Branch::ModuleReturn { .. } if self.flows.len() > 1 => {
                self.flows.pop();
            }
            _ => {}
        }
    }
}

impl Observer for CoverageRecorder {
    fn on_event(&mut self, event: &Event<'_>) {
        match event {
            Event::FlowStarted { flow, .. } => self.on_flow_started(flow),
            Event::BranchTaken {
                identifier, branch, ..
            } => self.on_branch(identifier, branch),
            _ => {}
        }
    }
}

/// Returns the kind of edge a branch follows, or `None` for a branch that leaves the flow.
fn taken_of(branch: &Branch) -> Option<TakenBranch> {
    match branch {
        Branch::Next | Branch::UnhandledErrorFallback { .. } => Some(TakenBranch::Edge(EdgeKind::Next)),
        Branch::Condition { index, .. } => Some(TakenBranch::Edge(EdgeKind::Condition(*index))),
        Branch::NoMatchingCondition { .. } => Some(TakenBranch::NoMatchingCondition),
        Branch::Error { matched, .. } => Some(TakenBranch::Edge(EdgeKind::Error(matched.clone()))),
        Branch::End
        | Branch::FlowTransfer { .. }
        | Branch::ModuleCall { .. }
        | Branch::ModuleReturn { .. } => None,
    }
}

/// A flow of a run, with the label the executor reports it by: its metadata name, else its
/// member id in a flow set, else its file name without extension.
#[derive(Debug, Clone, Copy)]
pub struct RunFlow<'a> {
    pub label: &'a str,
    pub graph: &'a FlowGraph,
    /// The flow set of a folder run, so module calls can be judged against the module.
    pub set: Option<&'a flow_graph::FlowSet>,
}

/// The coverage of a whole suite, gathered run by run.
#[derive(Debug, Default)]
pub struct Coverage {
    /// Per flow, keyed by its file (or its label when it has none).
    flows: IndexMap<String, FlowEntry>,
}

/// One flow of a suite: its graph, the edges the runs took and the transitions proven dead.
#[derive(Debug)]
struct FlowEntry {
    graph: FlowGraph,
    taken: IndexSet<(String, EdgeKind)>,
    dead: HashMap<(String, EdgeKind), DeadReason>,
}

impl Coverage {
    pub fn new() -> Self {
        Coverage::default()
    }

    /// Adds the branches one run took. `flows` are the flows the run could enter.
    pub fn add_run(&mut self, recorder: &CoverageRecorder, flows: &[RunFlow<'_>]) {
        for flow in flows {
            self.entry(flow);
        }
        for (label, identifier, taken) in &recorder.taken {
            let Some(flow) = find_flow(flows, label, identifier) else {
                continue;
            };
            let edge = edge_of(flow.graph, identifier, taken);
            self.entry(&flow).taken.insert((identifier.clone(), edge));
        }
    }

    /// Adds the coverage that another part of the suite gathered.
    pub fn merge(&mut self, other: Coverage) {
        for (key, entry) in other.flows {
            match self.flows.get_mut(&key) {
                Some(known) => known.taken.extend(entry.taken),
                None => {
                    self.flows.insert(key, entry);
                }
            }
        }
    }

    fn entry(&mut self, flow: &RunFlow<'_>) -> &mut FlowEntry {
        let key = match flow.graph.source() {
            Some(path) => tidy_path(path),
            None => flow.label.to_string(),
        };
        self.flows.entry(key).or_insert_with(|| {
            let context = DeadContext {
                missing_fails: false,
                flows: flow.set,
            };
            FlowEntry {
                graph: flow.graph.clone(),
                taken: IndexSet::new(),
                dead: proven_dead(flow.graph, context),
            }
        })
    }

    /// Returns the coverage of every flow seen, in the order the runs first entered them.
    pub fn report(&self) -> Vec<FlowCoverage> {
        self.flows
            .iter()
            .map(|(key, entry)| flow_coverage(key, entry))
            .collect()
    }
}

/// Finds the flow a recorded branch belongs to: by label, else the first flow with a block of
/// that `Identifier`.
fn find_flow<'a>(flows: &[RunFlow<'a>], label: &str, identifier: &str) -> Option<RunFlow<'a>> {
    let has_block = |flow: &&RunFlow<'a>| flow.graph.block_id(identifier).is_some();
    let by_label = flows.iter().filter(|f| f.label == label).find(has_block);
    by_label.or_else(|| flows.iter().find(has_block)).copied()
}

/// Matches a taken branch to the edge it follows in `graph`.
fn edge_of(graph: &FlowGraph, identifier: &str, taken: &TakenBranch) -> EdgeKind {
    match taken {
        TakenBranch::Edge(edge) => edge.clone(),
        TakenBranch::NoMatchingCondition => {
            let named = EdgeKind::Error(NO_MATCHING_CONDITION.to_string());
            let block = graph.block_id(identifier);
            let has_entry =
                block.is_some_and(|b| graph.transitions(b).iter().any(|(kind, _)| *kind == named));
            if has_entry { named } else { EdgeKind::Next }
        }
    }
}

/// The transitions of one flow that a suite took and missed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FlowCoverage {
    /// The flow's file, or its label when it was not loaded from a file.
    pub flow: String,
    /// The flow's name from its metadata.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub covered: usize,
    pub total: usize,
    /// The transitions no run took, in the order of the flow's `Actions`.
    pub missed: Vec<Transition>,
    /// The transitions no run took that the flow alone proves no run can take, each with the
    /// reason, as `flowsim explore` gives it.
    pub dead: Vec<Transition>,
}

impl FlowCoverage {
    /// Returns the percentage of all transitions covered; a flow without transitions is fully
    /// covered.
    pub fn percent(&self) -> f64 {
        percent_of(self.covered, self.total)
    }

    /// Returns the percentage covered of the transitions not proven dead, which the
    /// `--min-coverage` threshold checks.
    pub fn live_percent(&self) -> f64 {
        percent_of(self.covered, self.total - self.dead.len())
    }
}

fn percent_of(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        return 100.0;
    }
    part as f64 * 100.0 / whole as f64
}

/// One transition of a flow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Transition {
    pub identifier: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The block's action `Type`.
    #[serde(rename = "type")]
    pub action_type: String,
    /// The branch: `NextAction`, `Errors[NoMatchingError]` or `Conditions[1]`.
    pub branch: String,
    /// The `Identifier` of the block the transition leads to.
    pub target: String,
    /// The reason no run can take the transition, for a dead one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

fn flow_coverage(key: &str, entry: &FlowEntry) -> FlowCoverage {
    let FlowEntry {
        graph,
        taken,
        dead: proven,
    } = entry;
    let mut total = 0;
    let mut missed = Vec::new();
    let mut dead = Vec::new();
    for block in graph.blocks() {
        let action = graph.action(block);
        let identifier = &action.identifier;
        for (kind, target) in graph.transitions(block) {
            total += 1;
            let key = (identifier.clone(), kind);
            if taken.contains(&key) {
                continue;
            }
            let transition = Transition {
                identifier: identifier.clone(),
                name: graph.flow().block_name(identifier).map(str::to_string),
                action_type: action.action_type.clone(),
                branch: branch_label(&key.1),
                target: graph.action(target).identifier.clone(),
                reason: None,
            };
            match proven.get(&key) {
                Some(reason) => dead.push(Transition {
                    reason: Some(reason.describe().trim_start_matches("dead: ").to_string()),
                    ..transition
                }),
                None => missed.push(transition),
            }
        }
    }
    FlowCoverage {
        flow: key.to_string(),
        name: graph.flow().name().map(str::to_string),
        covered: total - missed.len() - dead.len(),
        total,
        missed,
        dead,
    }
}

/// Names an edge the way the flow language spells the transition.
pub fn branch_label(kind: &EdgeKind) -> String {
    match kind {
        EdgeKind::Next => "NextAction".to_string(),
        EdgeKind::Error(error_type) => format!("Errors[{error_type}]"),
        EdgeKind::Condition(index) => format!("Conditions[{index}]"),
    }
}

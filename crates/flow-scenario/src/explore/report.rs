//! The result of an exploration: a shortest path to each reached transition, and why the others
//! were not reached.

use super::choice::ChoiceRecord;
use super::dead::DeadReason;
use flow_graph::EdgeKind;
use flow_graph::model::Action;
use serde::Serialize;

/// One declared transition of a block.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TransitionRef {
    /// The flow of the block: its name from its metadata, else its file name.
    pub flow: String,
    /// The `Identifier` of the block the transition leaves.
    pub identifier: String,
    /// The block's action `Type`.
    #[serde(rename = "type")]
    pub action_type: String,
    /// The block's name in the flow's metadata, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub branch: EdgeKind,
    /// The branch in words: `NextAction`, `error NoMatchingError`, `condition 0: Equals "1"`.
    pub label: String,
    /// The `Identifier` the transition leads to.
    pub target: String,
}

impl TransitionRef {
    /// Describes the transition of `action`, a block of the flow labelled `flow`, of kind `branch`
    /// that leads to `target`.
    pub fn new(flow: &str, action: &Action, name: Option<&str>, branch: EdgeKind, target: &str) -> Self {
        let label = match &branch {
            EdgeKind::Next => "NextAction".to_string(),
            EdgeKind::Error(error_type) => format!("error {error_type}"),
            EdgeKind::Condition(index) => condition_label(action, *index),
        };
        TransitionRef {
            flow: flow.to_string(),
            identifier: action.identifier.clone(),
            action_type: action.action_type.clone(),
            name: name.map(str::to_string),
            branch,
            label,
            target: target.to_string(),
        }
    }

    /// Returns the block as the report names it: the name, then the `Identifier` in brackets.
    pub fn block(&self) -> String {
        match &self.name {
            Some(name) if name != &self.identifier => format!("{name} [{}]", self.identifier),
            _ => self.identifier.clone(),
        }
    }
}

fn condition_label(action: &Action, index: usize) -> String {
    let Some(entry) = action.transitions.conditions.get(index) else {
        return format!("condition {index}");
    };
    let operands: Vec<String> = entry.condition.operands.iter().map(|o| o.to_string()).collect();
    format!(
        "condition {index}: {} {}",
        entry.condition.operator,
        operands.join(" ")
    )
}

/// A transition some run took, with the choices of the shortest such run up to that step.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReachedTransition {
    pub transition: TransitionRef,
    /// The step, from 1, at which the path takes the transition.
    pub steps: usize,
    pub choices: Vec<ChoiceRecord>,
}

/// A transition no run took, with the reason.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnreachedTransition {
    pub transition: TransitionRef,
    pub reason: DeadReason,
    /// True when `reason` proves that no run can take the transition.
    pub dead: bool,
}

/// The counts of an exploration and the bounds it ran under.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    pub transitions: usize,
    pub reached: usize,
    pub dead: usize,
    /// Transitions neither reached nor proven dead.
    pub unreached: usize,
    pub runs: usize,
    pub max_depth: usize,
    pub max_runs: usize,
    /// Runs that stopped because they reached `max_depth` steps.
    pub depth_limit_hits: usize,
    /// True when choice sequences were left unexplored because `max_runs` runs were made.
    pub run_limit_hit: bool,
}

/// Everything an exploration found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Exploration {
    /// The flow's name, else its file name.
    pub flow: String,
    /// The reached transitions, in the order the flow declares them.
    pub reached: Vec<ReachedTransition>,
    /// The transitions no run reached, in the order the flow declares them.
    pub unreached: Vec<UnreachedTransition>,
    pub summary: Summary,
    /// True when the flow has a Customer Profiles block, so a written scenario needs a profile
    /// store even on a path that searches no profiles.
    #[serde(skip)]
    pub uses_profiles: bool,
}

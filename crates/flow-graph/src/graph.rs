//! `FlowGraph`: a flow's actions as petgraph nodes, with typed transition edges.

use crate::model::{Action, Flow};
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use serde::Serialize;
use std::collections::HashMap;
use std::path::PathBuf;

/// A block inside one [`FlowGraph`]. Only meaningful for the graph that issued it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BlockId(NodeIndex<u32>);

/// The kind of a transition edge.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(
    tag = "kind",
    content = "value",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum EdgeKind {
    /// `Transitions.NextAction`.
    Next,
    /// An `Errors` entry, by its `ErrorType`.
    Error(String),
    /// A `Conditions` entry, by its position (from 0).
    Condition(usize),
}

/// A flow whose transitions all point at existing actions, as a directed graph.
///
/// Build it with [`FlowGraph::build`] after validation found no errors; transitions to missing
/// actions are left out of the graph.
#[derive(Debug, Clone)]
pub struct FlowGraph {
    flow: Flow,
    source: Option<PathBuf>,
    graph: DiGraph<usize, EdgeKind>,
    by_identifier: HashMap<String, BlockId>,
}

impl FlowGraph {
    /// Builds the graph of `flow`. The first action with a given `Identifier` wins; dangling
    /// transitions are skipped, because validation reports them.
    pub fn build(flow: Flow, source: Option<PathBuf>) -> FlowGraph {
        let mut graph = DiGraph::with_capacity(flow.actions.len(), flow.actions.len() * 2);
        let mut by_identifier = HashMap::with_capacity(flow.actions.len());
        for (index, action) in flow.actions.iter().enumerate() {
            let node = graph.add_node(index);
            by_identifier
                .entry(action.identifier.clone())
                .or_insert(BlockId(node));
        }
        for (index, action) in flow.actions.iter().enumerate() {
            let from = NodeIndex::new(index);
            for (kind, target) in transitions_of(action) {
                if let Some(to) = by_identifier.get(target) {
                    graph.add_edge(from, to.0, kind);
                }
            }
        }
        FlowGraph {
            flow,
            source,
            graph,
            by_identifier,
        }
    }

    pub fn flow(&self) -> &Flow {
        &self.flow
    }

    /// Returns the file the flow was loaded from, if any.
    pub fn source(&self) -> Option<&PathBuf> {
        self.source.as_ref()
    }

    /// Returns the block named by `StartAction`, if it exists.
    pub fn start(&self) -> Option<BlockId> {
        self.block_id(self.flow.start_action.as_deref()?)
    }

    pub fn block_id(&self, identifier: &str) -> Option<BlockId> {
        self.by_identifier.get(identifier).copied()
    }

    /// Returns the action behind `block`.
    pub fn action(&self, block: BlockId) -> &Action {
        &self.flow.actions[self.graph[block.0]]
    }

    /// The position of the action behind `block` in the flow's `Actions` array.
    pub fn action_index(&self, block: BlockId) -> usize {
        self.graph[block.0]
    }

    /// Lists the outgoing transitions of `block` in declaration order: `NextAction`, errors, conditions.
    pub fn transitions(&self, block: BlockId) -> Vec<(EdgeKind, BlockId)> {
        let mut edges: Vec<_> = self
            .graph
            .edges(block.0)
            .map(|e| (e.weight().clone(), BlockId(e.target())))
            .collect();
        // petgraph lists a node's edges newest first.
        edges.reverse();
        edges
    }

    /// Lists every block in the order of the flow's `Actions` array.
    pub fn blocks(&self) -> impl Iterator<Item = BlockId> + '_ {
        self.graph.node_indices().map(BlockId)
    }

    /// The underlying petgraph graph: node weights are indexes into the flow's `Actions`.
    pub fn petgraph(&self) -> &DiGraph<usize, EdgeKind> {
        &self.graph
    }
}

/// Lists every declared transition of `action` with its kind and target `Identifier`.
pub fn transitions_of(action: &Action) -> Vec<(EdgeKind, &str)> {
    let t = &action.transitions;
    let mut out = Vec::with_capacity(1 + t.errors.len() + t.conditions.len());
    if let Some(next) = &t.next_action {
        out.push((EdgeKind::Next, next.as_str()));
    }
    for error in &t.errors {
        out.push((
            EdgeKind::Error(error.error_type.clone()),
            error.next_action.as_str(),
        ));
    }
    for (index, condition) in t.conditions.iter().enumerate() {
        out.push((EdgeKind::Condition(index), condition.next_action.as_str()));
    }
    out
}

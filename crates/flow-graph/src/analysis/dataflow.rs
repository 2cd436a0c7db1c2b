//! Forward dataflow over the flow graph: which paths every route has written before a block, which
//! route reaches a block without a write, and which Lambda results were replaced before any read.

use super::access::{Access, AttributePath};
use crate::graph::{BlockId, EdgeKind, FlowGraph};
use std::collections::{BTreeSet, HashMap, VecDeque};

/// The flow graph with the reads and writes of each block.
pub(super) struct Facts<'a> {
    pub graph: &'a FlowGraph,
    /// Reads and writes by index in the flow's `Actions` array.
    pub access: &'a [Access],
    /// Paths written or cleared before the first block runs.
    pub entry: super::EntryPaths,
}

impl Facts<'_> {
    pub fn index(&self, block: BlockId) -> usize {
        self.graph.action_index(block)
    }

    pub fn access(&self, block: BlockId) -> &Access {
        &self.access[self.index(block)]
    }

    /// Returns true when `block` writes `path` on the transition `kind`.
    fn writes_on(&self, block: BlockId, kind: &EdgeKind, path: &AttributePath) -> bool {
        edge_applies_writes(kind) && self.access(block).writes.iter().any(|w| w.path.covers(path))
    }
}

/// Returns true for transitions that a block takes after it succeeded. An error branch means the
/// block wrote nothing, except `NoMatchingCondition`, which a block takes after it ran and no
/// condition matched its result.
fn edge_applies_writes(kind: &EdgeKind) -> bool {
    match kind {
        EdgeKind::Next | EdgeKind::Condition(_) => true,
        EdgeKind::Error(error_type) => error_type == "NoMatchingCondition",
    }
}

/// Computes, for each block reachable from the start, the paths that every route from the start has
/// written before the block runs. Unreachable blocks have `None`.
pub(super) fn definitely_written(facts: &Facts) -> HashMap<BlockId, BTreeSet<AttributePath>> {
    let mut states: HashMap<BlockId, BTreeSet<AttributePath>> = HashMap::new();
    let Some(start) = facts.graph.start() else {
        return states;
    };
    states.insert(start, facts.entry.written.iter().cloned().collect());
    let mut pending = VecDeque::from([start]);
    while let Some(block) = pending.pop_front() {
        let before = states[&block].clone();
        for (kind, target) in facts.graph.transitions(block) {
            let after = state_after(facts, block, &kind, &before);
            if merge_intersection(&mut states, target, after) {
                pending.push_back(target);
            }
        }
    }
    states
}

fn state_after(
    facts: &Facts,
    block: BlockId,
    kind: &EdgeKind,
    before: &BTreeSet<AttributePath>,
) -> BTreeSet<AttributePath> {
    let mut after = before.clone();
    if edge_applies_writes(kind) {
        after.extend(facts.access(block).writes.iter().map(|w| w.path.clone()));
    }
    after
}

/// Meets `incoming` into the state of `target`; returns true when the state changed.
fn merge_intersection(
    states: &mut HashMap<BlockId, BTreeSet<AttributePath>>,
    target: BlockId,
    incoming: BTreeSet<AttributePath>,
) -> bool {
    match states.get_mut(&target) {
        None => {
            states.insert(target, incoming);
            true
        }
        Some(current) => {
            let before = current.len();
            current.retain(|path| incoming.contains(path));
            current.len() != before
        }
    }
}

/// Returns true when a path in `written` covers `path`.
pub(super) fn is_covered(written: &BTreeSet<AttributePath>, path: &AttributePath) -> bool {
    written.iter().any(|w| w.covers(path))
}

/// Finds a shortest route from the start to `target` on which no block writes `path` before
/// `target` runs, written as `a -> b -[NoMatchingError]-> c` with error branches named. With
/// `through_errors` false, the route takes no error branch. Returns an empty string when no such
/// route exists.
pub(super) fn route_without_write(
    facts: &Facts,
    target: BlockId,
    path: &AttributePath,
    through_errors: bool,
) -> String {
    let Some(start) = facts.graph.start() else {
        return String::new();
    };
    let mut parent: HashMap<BlockId, (BlockId, EdgeKind)> = HashMap::new();
    let mut pending = VecDeque::from([start]);
    parent.insert(start, (start, EdgeKind::Next));
    while let Some(block) = pending.pop_front() {
        if block == target {
            break;
        }
        for (kind, next) in facts.graph.transitions(block) {
            let allowed = through_errors || !matches!(kind, EdgeKind::Error(_));
            if allowed && !facts.writes_on(block, &kind, path) && !parent.contains_key(&next) {
                parent.insert(next, (block, kind));
                pending.push_back(next);
            }
        }
    }
    trace_back(facts, &parent, start, target)
}

fn trace_back(
    facts: &Facts,
    parent: &HashMap<BlockId, (BlockId, EdgeKind)>,
    start: BlockId,
    target: BlockId,
) -> String {
    if !parent.contains_key(&target) {
        return String::new();
    }
    let name = |block| facts.graph.action(block).identifier.clone();
    let mut hops = vec![name(target)];
    let mut block = target;
    while block != start {
        let (previous, kind) = &parent[&block];
        hops.push(match kind {
            EdgeKind::Error(error_type) => format!(" -[{error_type}]-> "),
            _ => " -> ".to_string(),
        });
        hops.push(name(*previous));
        block = *previous;
    }
    hops.reverse();
    hops.concat()
}

/// A read of `$.External` that gets the result of `replacer`, which replaced the result of `lost`
/// before any block read it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct ReplacedResult {
    pub reader: BlockId,
    pub lost: BlockId,
    pub replacer: BlockId,
}

/// Lambda results not yet read, and pairs (lost, replacer) of results replaced unread.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct LambdaState {
    unread: BTreeSet<BlockId>,
    replaced: BTreeSet<(BlockId, BlockId)>,
}

/// Finds reads of `$.External` that some route reaches after a second Lambda replaced a first
/// Lambda's result that no block had read.
pub(super) fn replaced_lambda_results(facts: &Facts) -> Vec<ReplacedResult> {
    let states = lambda_states(facts);
    let mut found = Vec::new();
    for (block, state) in &states {
        if reads_external(facts, *block) {
            found.extend(state.replaced.iter().map(|(lost, replacer)| ReplacedResult {
                reader: *block,
                lost: *lost,
                replacer: *replacer,
            }));
        }
    }
    found.sort();
    found
}

fn lambda_states(facts: &Facts) -> HashMap<BlockId, LambdaState> {
    let mut states: HashMap<BlockId, LambdaState> = HashMap::new();
    let Some(start) = facts.graph.start() else {
        return states;
    };
    states.insert(start, LambdaState::default());
    let mut pending = VecDeque::from([start]);
    while let Some(block) = pending.pop_front() {
        let before = states[&block].clone();
        for (kind, target) in facts.graph.transitions(block) {
            let after = lambda_state_after(facts, block, &kind, &before);
            if merge_union(&mut states, target, after) {
                pending.push_back(target);
            }
        }
    }
    states
}

/// Joins `incoming` into the state of `target`; returns true when the state changed or the target
/// was not reached before.
fn merge_union(states: &mut HashMap<BlockId, LambdaState>, target: BlockId, incoming: LambdaState) -> bool {
    let Some(current) = states.get_mut(&target) else {
        states.insert(target, incoming);
        return true;
    };
    let before = (current.unread.len(), current.replaced.len());
    current.unread.extend(incoming.unread);
    current.replaced.extend(incoming.replaced);
    before != (current.unread.len(), current.replaced.len())
}

/// Applies one block: its reads of `$.External` consume every pending result, and a successful
/// synchronous Lambda call replaces the unread results with its own.
fn lambda_state_after(facts: &Facts, block: BlockId, kind: &EdgeKind, before: &LambdaState) -> LambdaState {
    let mut state = before.clone();
    if reads_external(facts, block) {
        state = LambdaState::default();
    }
    if edge_applies_writes(kind) && writes_external(facts, block) {
        state.replaced = state.unread.iter().map(|lost| (*lost, block)).collect();
        state.unread = BTreeSet::from([block]);
    }
    state
}

fn reads_external(facts: &Facts, block: BlockId) -> bool {
    facts
        .access(block)
        .reads
        .iter()
        .any(|r| r.path.namespace() == "External")
}

fn writes_external(facts: &Facts, block: BlockId) -> bool {
    facts
        .access(block)
        .writes
        .iter()
        .any(|w| w.path.0 == ["External"])
}

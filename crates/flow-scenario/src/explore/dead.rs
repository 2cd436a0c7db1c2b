//! Why a transition cannot be taken: proofs from the flow alone, without running it.

use super::candidates::{first_true, literal_operand, whole_reference};
use super::environment::is_store_mode;
use flow_executor::handlers::LOOP_COUNT_MAX;
use flow_graph::model::Action;
use flow_graph::{BlockId, EdgeKind, FlowGraph, FlowSet, MemberKind, catalogue};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// The reason exploration did not reach a transition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum DeadReason {
    /// Every path from the start action to the block passes through a dead transition, or there is
    /// no path at all.
    UnreachableBlock,
    /// An earlier condition of the block, at index `by`, has the same operator and operand, so it
    /// always wins.
    Shadowed { by: usize },
    /// No result of the block meets the condition before an earlier one does.
    NeverMet { detail: String },
    /// The action catalogue lists no such error type for the block's action type.
    ErrorNeverProduced { action_type: String },
    /// A successful block of this type ends the flow, so its `NextAction` is never followed.
    EndsOnSuccess { action_type: String },
    /// `NextAction` is only the fallback for a result or error that no other entry takes, and
    /// every result and error has its entry.
    FallbackNeverUsed { detail: String },
    /// Not proven dead: no run within the bounds reached it.
    NotReachedWithinBounds,
}

impl DeadReason {
    /// Returns true when the reason proves the transition can never be taken.
    pub fn is_dead(&self) -> bool {
        !matches!(self, DeadReason::NotReachedWithinBounds)
    }

    /// Describes the reason in one sentence for the text report.
    pub fn describe(&self) -> String {
        match self {
            DeadReason::UnreachableBlock => {
                "dead: the block is unreachable from the start action".to_string()
            }
            DeadReason::Shadowed { by } => {
                format!("dead: shadowed by condition {by}, which has the same operator and operand")
            }
            DeadReason::NeverMet { detail } => format!("dead: no value can meet it, because {detail}"),
            DeadReason::ErrorNeverProduced { action_type } => {
                format!("dead: {action_type} never produces this error type")
            }
            DeadReason::FallbackNeverUsed { detail } => {
                format!("dead: NextAction is only a fallback here, because {detail}")
            }
            DeadReason::EndsOnSuccess { action_type } => {
                format!("dead: a successful {action_type} ends the flow, so NextAction is never followed")
            }
            DeadReason::NotReachedWithinBounds => {
                "not reached within the bounds (not proven dead)".to_string()
            }
        }
    }
}

/// The facts beyond the block itself that the proofs may use.
#[derive(Debug, Clone, Copy, Default)]
pub struct DeadContext<'a> {
    /// True when reading a missing attribute takes the error branch (the `missingAttribute`
    /// setting `error`).
    pub missing_fails: bool,
    /// The flow set the flow runs in, so an `InvokeFlowModule` block's results can be read off
    /// the module it calls.
    pub flows: Option<&'a FlowSet>,
}

/// Returns the reason the transition `kind` of `action` can never be taken, judged from the block
/// (and the module it calls), or `None` when it may be taken.
pub fn local_reason(action: &Action, kind: &EdgeKind, context: DeadContext<'_>) -> Option<DeadReason> {
    match kind {
        EdgeKind::Next => next_reason(action, context),
        EdgeKind::Condition(index) => condition_reason(action, *index, context),
        EdgeKind::Error(error_type) => error_reason(action, error_type, context),
    }
}

fn condition_reason(action: &Action, index: usize, context: DeadContext<'_>) -> Option<DeadReason> {
    let conditions = &action.transitions.conditions;
    let condition = &conditions.get(index)?.condition;
    let earlier = conditions[..index].iter().position(|e| {
        e.condition.operator == condition.operator && e.condition.operands == condition.operands
    });
    if let Some(by) = earlier {
        return Some(DeadReason::Shadowed { by });
    }
    let (results, description) = finite_results(action, context)?;
    let met = results.iter().any(|r| first_true(conditions, r) == Some(index));
    (!met).then(|| DeadReason::NeverMet {
        detail: format!("{description}, and none of them meets it before an earlier condition"),
    })
}

/// Returns why `NextAction` is dead. Either success ends the flow, or `NextAction` is only a
/// fallback: every result meets a condition or has a `NoMatchingCondition` entry, and every error
/// has a `NoMatchingError` entry or the block cannot fail.
fn next_reason(action: &Action, context: DeadContext<'_>) -> Option<DeadReason> {
    if catalogue::lookup(&action.action_type).is_some_and(|spec| spec.ends_on_success) {
        return Some(DeadReason::EndsOnSuccess {
            action_type: action.action_type.clone(),
        });
    }
    if action.action_type == "InvokeFlowModule" {
        let module = module_results(action, context)?;
        if module.continues {
            return None;
        }
    }
    let missing_fails = context.missing_fails;
    let transitions = &action.transitions;
    let has_error = |error_type: &str| transitions.errors.iter().any(|e| e.error_type == error_type);
    if transitions.conditions.is_empty() {
        return None;
    }
    let results = if has_error("NoMatchingCondition") {
        match finite_results(action, context) {
            Some((_, description)) => {
                format!("{description}, and each result takes a condition or the NoMatchingCondition branch")
            }
            // These blocks end in a result or an error. Others may also continue without a
            // result, as a module's plain Success does.
            None if always_results(action) => {
                "every result takes a condition or the NoMatchingCondition branch".to_string()
            }
            None => return None,
        }
    } else {
        let (results, description) = finite_results(action, context)?;
        let all_met = !results.is_empty()
            && results
                .iter()
                .all(|r| first_true(&transitions.conditions, r).is_some());
        if !all_met {
            return None;
        }
        format!("{description}, and each result takes a condition or the NoMatchingCondition branch")
    };
    let errors = if has_error("NoMatchingError") {
        "errors take NoMatchingError".to_string()
    } else {
        never_fails(action, missing_fails)?
    };
    Some(DeadReason::FallbackNeverUsed {
        detail: format!("{results}; {errors}"),
    })
}

/// Returns true for a block whose run always ends in a result or an error: a `Compare`, a view,
/// or a Lex bot turn.
fn always_results(action: &Action) -> bool {
    match action.action_type.as_str() {
        "Compare" | "ShowView" | "ConnectParticipantWithLexBot" => true,
        "GetParticipantInput" => {
            action.parameters.contains_key("LexV2Bot") || action.parameters.contains_key("LexBot")
        }
        _ => false,
    }
}

/// Returns the reason a block without a `NoMatchingError` entry cannot fail, or `None` when it
/// can.
fn never_fails(action: &Action, missing_fails: bool) -> Option<String> {
    match action.action_type.as_str() {
        "Compare" if !missing_fails => Some(
            "a Compare fails only on a missing attribute under the missingAttribute setting error"
                .to_string(),
        ),
        "Loop" => {
            let count = action.parameters.get("LoopCount")?;
            let text = match count {
                serde_json::Value::String(text) => text.trim().to_string(),
                serde_json::Value::Number(number) => number.to_string(),
                _ => return None,
            };
            let valid = text.parse::<u32>().is_ok_and(|count| count <= LOOP_COUNT_MAX);
            valid.then(|| format!("its LoopCount {text} is a valid whole number, so it never fails"))
        }
        _ => None,
    }
}

fn error_reason(action: &Action, error_type: &str, context: DeadContext<'_>) -> Option<DeadReason> {
    if error_type == "NoMatchingCondition" {
        return no_matching_condition_reason(action, context);
    }
    let spec = catalogue::lookup(&action.action_type)?;
    let produced = error_type == "NoMatchingError" || spec.accepts_error(error_type);
    (!produced).then(|| DeadReason::ErrorNeverProduced {
        action_type: action.action_type.clone(),
    })
}

/// Returns why `NoMatchingCondition` is dead: the action type takes no conditions, or every
/// result the block can produce meets one. A block that could take conditions but declares none
/// is not judged, because the flow language reference does not say where its results go.
fn no_matching_condition_reason(action: &Action, context: DeadContext<'_>) -> Option<DeadReason> {
    let conditions = &action.transitions.conditions;
    let takes_none = catalogue::lookup(&action.action_type)
        .is_some_and(|spec| spec.conditions == catalogue::ConditionRule::None);
    if conditions.is_empty() && takes_none {
        let detail = format!(
            "{} takes no conditions, so no result is tested",
            action.action_type
        );
        return Some(DeadReason::NeverMet { detail });
    }
    if conditions.is_empty() {
        return None;
    }
    let (results, description) = finite_results(action, context)?;
    let all_met = !results.is_empty() && results.iter().all(|r| first_true(conditions, r).is_some());
    all_met.then(|| DeadReason::NeverMet {
        detail: format!("{description}, and each result it tests meets a condition"),
    })
}

/// Returns every result a block can produce, with a description of them, when that set is finite
/// and every condition operand is a literal.
fn finite_results(action: &Action, context: DeadContext<'_>) -> Option<(Vec<String>, String)> {
    if action
        .transitions
        .conditions
        .iter()
        .any(|e| literal_operand(e).is_none())
    {
        return None;
    }
    let results = match action.action_type.as_str() {
        "Loop" => loop_results(action)?,
        "CheckHoursOfOperation" => (
            texts(&["True", "False"]),
            "the results are True and False".to_string(),
        ),
        "DistributeByPercentage" => {
            let percents = (1..=100).map(|p: u8| p.to_string()).collect();
            (percents, "the result is a percent from 1 to 100".to_string())
        }
        "Compare" => compare_results(action)?,
        "GetParticipantInput" => input_results(action)?,
        "InvokeFlowModule" => {
            let module = module_results(action, context)?;
            (module.tested, module.description)
        }
        other => catalogue_results(other)?,
    };
    Some(results)
}

/// The results a module can return to the block that invokes it.
struct ModuleResults {
    /// The results tested against the block's conditions.
    tested: Vec<String>,
    /// True when the module can return a plain `Success`, which continues at `NextAction`.
    continues: bool,
    description: String,
}

/// Reads the results of the module an `InvokeFlowModule` block calls off the module's
/// `EndFlowModuleExecution` blocks, when the block names the module without a `$.` reference,
/// the flow set holds it, and every result is literal. A module without custom branches returns
/// `Success` (no `Result`) or `Error`; those two go to `NextAction` and `NoMatchingError` unless a
/// condition names them.
fn module_results(action: &Action, context: DeadContext<'_>) -> Option<ModuleResults> {
    let target = action.parameters.get("FlowModuleId")?.as_str()?;
    if target.contains("$.") {
        return None;
    }
    let member = context.flows?.resolve(target, MemberKind::Module).ok()?;
    let mut results: Vec<String> = Vec::new();
    for end in member
        .graph
        .flow()
        .actions
        .iter()
        .filter(|a| a.action_type == "EndFlowModuleExecution")
    {
        let result = match end.parameters.get("Result") {
            None => "Success".to_string(),
            Some(serde_json::Value::String(text)) if !text.contains("$.") => text.clone(),
            Some(_) => return None,
        };
        if !results.contains(&result) {
            results.push(result);
        }
    }
    let named = |result: &str| {
        action.transitions.conditions.iter().any(|entry| {
            entry
                .condition
                .operands
                .iter()
                .any(|o| o.as_str() == Some(result))
        })
    };
    let continues = results.iter().any(|r| r == "Success" && !named(r));
    let tested: Vec<String> = results
        .iter()
        .filter(|r| !matches!(r.as_str(), "Success" | "Error") || named(r))
        .cloned()
        .collect();
    let description = format!(
        "module {:?} ends only with the results {}",
        member.label(),
        results.join(", ")
    );
    Some(ModuleResults {
        tested,
        continues,
        description,
    })
}

fn loop_results(action: &Action) -> Option<(Vec<String>, String)> {
    let count = action.parameters.get("LoopCount")?;
    let count: u32 = match count {
        serde_json::Value::String(text) => text.trim().parse().ok()?,
        serde_json::Value::Number(number) => u32::try_from(number.as_u64()?).ok()?,
        _ => return None,
    };
    if count == 0 {
        return Some((
            texts(&["DoneLooping"]),
            "LoopCount is 0, so the only result is DoneLooping".to_string(),
        ));
    }
    Some((
        texts(&["ContinueLooping", "DoneLooping"]),
        "the results are ContinueLooping and DoneLooping".to_string(),
    ))
}

fn compare_results(action: &Action) -> Option<(Vec<String>, String)> {
    let value = action.parameters.get("ComparisonValue")?;
    if whole_reference(Some(value)).is_some() || value.as_str().is_some_and(|t| t.contains("$.")) {
        return None;
    }
    let literal = match value {
        serde_json::Value::String(text) => text.clone(),
        other => other.to_string(),
    };
    let description = format!("ComparisonValue is the literal {literal:?}");
    Some((vec![literal], description))
}

fn input_results(action: &Action) -> Option<(Vec<String>, String)> {
    if action.parameters.contains_key("LexV2Bot") || action.parameters.contains_key("LexBot") {
        return None;
    }
    if is_store_mode(action) {
        return Some((
            Vec::new(),
            "a store-mode input block stores the keys and has no result".to_string(),
        ));
    }
    let keys = "0123456789*#".chars().map(String::from).collect();
    Some((keys, "a menu's result is one DTMF key".to_string()))
}

fn catalogue_results(action_type: &str) -> Option<(Vec<String>, String)> {
    let results = catalogue::lookup(action_type)?.conditions.results()?;
    let description = format!("the results of {action_type} are {}", results.join(", "));
    Some((texts(results), description))
}

fn texts(values: &[&str]) -> Vec<String> {
    values.iter().map(|v| v.to_string()).collect()
}

/// Returns every transition of `graph` that no run can take, with the reason: the block alone
/// proves it, or every route from the start action to the block passes through such a transition.
pub fn proven_dead(graph: &FlowGraph, context: DeadContext<'_>) -> HashMap<(String, EdgeKind), DeadReason> {
    let mut dead = HashMap::new();
    for block in graph.blocks() {
        let action = graph.action(block);
        for (kind, _) in graph.transitions(block) {
            if let Some(reason) = local_reason(action, &kind, context) {
                dead.insert((action.identifier.clone(), kind), reason);
            }
        }
    }
    let local: HashSet<(String, EdgeKind)> = dead.keys().cloned().collect();
    let live = live_blocks(graph, &local);
    for block in graph.blocks().filter(|block| !live.contains(block)) {
        let action = graph.action(block);
        for (kind, _) in graph.transitions(block) {
            dead.entry((action.identifier.clone(), kind))
                .or_insert(DeadReason::UnreachableBlock);
        }
    }
    dead
}

/// Returns the blocks reachable from the start action without taking a transition in `dead`.
pub fn live_blocks(graph: &FlowGraph, dead: &HashSet<(String, EdgeKind)>) -> HashSet<BlockId> {
    let mut live = HashSet::new();
    let mut stack: Vec<BlockId> = graph.start().into_iter().collect();
    while let Some(block) = stack.pop() {
        if !live.insert(block) {
            continue;
        }
        let identifier = &graph.action(block).identifier;
        for (kind, target) in graph.transitions(block) {
            if !dead.contains(&(identifier.clone(), kind)) {
                stack.push(target);
            }
        }
    }
    live
}

//! The run loop: step budget, transition rule and events.
//!
//! The transition rule follows "Actions in the Amazon Connect Flow Language"
//! (<https://docs.aws.amazon.com/connect/latest/APIReference/flow-language-actions.html>): an
//! error takes the `Errors` entry of its `ErrorType`, else the `NoMatchingError` entry. A result is
//! tested against `Conditions` in order and the first that is true wins, else the
//! `NoMatchingCondition` entry is taken. Otherwise the run continues at `NextAction`.

use crate::conditions;
use crate::env::Environment;
use crate::handler::{ActionContext, HandlerError, Registry};
use crate::observer::{Branch, Event, Observer};
use crate::outcome::{Outcome, RunOutcome};
use crate::resolve::render;
use crate::settings::RunSettings;
use crate::state::ContactState;
use flow_graph::model::Action;
use flow_graph::{BlockId, FlowGraph};

/// Runs one flow graph with one registry of handlers.
pub struct Executor<'a> {
    pub graph: &'a FlowGraph,
    pub registry: &'a Registry,
    pub settings: RunSettings,
}

/// The block a step leads to, or the outcome that ends the run.
enum Step {
    Continue(BlockId),
    Stop(RunOutcome),
}

/// The branch a block took and the `Identifier` it leads to, before the target is looked up.
struct Transition<'f> {
    branch: Branch,
    target: Option<&'f str>,
}

impl<'a> Executor<'a> {
    pub fn new(graph: &'a FlowGraph, registry: &'a Registry, settings: RunSettings) -> Self {
        Executor {
            graph,
            registry,
            settings,
        }
    }

    /// Runs the flow from its `StartAction` until it ends, and returns how it ended.
    pub fn run(
        &self,
        state: &mut ContactState,
        env: &mut dyn Environment,
        observer: &mut dyn Observer,
    ) -> RunOutcome {
        let (outcome, steps) = self.run_steps(state, env, observer);
        observer.on_event(&Event::RunEnded {
            outcome: &outcome,
            steps,
        });
        outcome
    }

    /// Walks blocks until one ends the run or the step budget is spent, and returns the outcome
    /// with the number of steps taken.
    fn run_steps(
        &self,
        state: &mut ContactState,
        env: &mut dyn Environment,
        observer: &mut dyn Observer,
    ) -> (RunOutcome, usize) {
        let flow = self.graph.flow();
        let start_name = flow.start_action.as_deref().unwrap_or("");
        let Some(mut block) = self.graph.start() else {
            let message = format!(
                "StartAction {start_name:?} names no action in the flow; set it to an action's Identifier"
            );
            return (failed(start_name, message), 0);
        };
        observer.on_event(&Event::FlowStarted {
            flow: self.flow_label(),
            start: start_name,
        });
        for step in 1..=self.settings.step_budget {
            match self.step(block, step, state, env, observer) {
                Step::Continue(next) => block = next,
                Step::Stop(outcome) => return (outcome, step),
            }
        }
        let budget_spent = RunOutcome::StepBudgetExhausted {
            identifier: self.graph.action(block).identifier.clone(),
            budget: self.settings.step_budget,
        };
        (budget_spent, self.settings.step_budget)
    }

    /// Returns the flow's name from its metadata, else its file name without extension, else `""`.
    fn flow_label(&self) -> &str {
        let file_stem = || self.graph.source()?.file_stem()?.to_str();
        self.graph.flow().name().or_else(file_stem).unwrap_or("")
    }

    /// Runs one block and applies the transition rule to what it produced.
    fn step(
        &self,
        block: BlockId,
        step: usize,
        state: &mut ContactState,
        env: &mut dyn Environment,
        observer: &mut dyn Observer,
    ) -> Step {
        let flow = self.graph.flow();
        let action = self.graph.action(block);
        observer.on_event(&Event::BlockEntered {
            step,
            identifier: &action.identifier,
            action_type: &action.action_type,
            name: flow.block_name(&action.identifier),
        });
        let Some(handler) = self.registry.get(&action.action_type) else {
            return Step::Stop(not_supported(action, step, observer));
        };

        let mut ctx = ActionContext {
            flow,
            action,
            step,
            state,
            env,
            observer,
            settings: &self.settings,
        };
        let result = handler.execute(&mut ctx);

        let transition = match result {
            Ok(outcome) => transition(&mut ctx, outcome),
            Err(error) => handler_error(&mut ctx, error),
        };
        match transition {
            Ok(transition) => self.follow(&mut ctx, transition),
            Err(outcome) => Step::Stop(outcome),
        }
    }

    /// Reports the branch taken and moves to its target.
    fn follow(&self, ctx: &mut ActionContext<'_>, transition: Transition<'_>) -> Step {
        let action = ctx.action;
        let target_block = transition.target.map(|t| (t, self.graph.block_id(t)));
        if let Some((target, None)) = target_block {
            let message = format!(
                "transition target {target:?} of block {} names no action in the flow",
                action.identifier
            );
            return Step::Stop(failed(&action.identifier, message));
        }
        ctx.observer.on_event(&Event::BranchTaken {
            step: ctx.step,
            identifier: &action.identifier,
            branch: &transition.branch,
            target: transition.target,
        });
        match target_block {
            Some((_, Some(next))) => Step::Continue(next),
            _ => Step::Stop(no_transition(action, &transition.branch)),
        }
    }
}

/// Applies the transition rule to a handler's outcome. `Err` ends the run.
fn transition<'f>(ctx: &mut ActionContext<'f>, outcome: Outcome) -> Result<Transition<'f>, RunOutcome> {
    let action: &'f Action = ctx.action;
    match outcome {
        Outcome::Next => Ok(next_action(action, Branch::Next)),
        Outcome::Result(result) => on_result(ctx, result),
        Outcome::Error(error_type) => on_error(action, error_type),
        Outcome::End(reason) => {
            ctx.observer.on_event(&Event::BranchTaken {
                step: ctx.step,
                identifier: &action.identifier,
                branch: &Branch::End,
                target: None,
            });
            Err(RunOutcome::Ended {
                identifier: action.identifier.clone(),
                reason,
            })
        }
    }
}

/// Maps a handler's failure to a run outcome, or to the `NoMatchingError` branch for a missing
/// attribute under `MissingAttributePolicy::Error`.
fn handler_error<'f>(ctx: &mut ActionContext<'f>, error: HandlerError) -> Result<Transition<'f>, RunOutcome> {
    let identifier = ctx.action.identifier.clone();
    match error {
        HandlerError::Open(question) => Err(RunOutcome::OpenQuestion {
            identifier,
            question: question.question,
        }),
        HandlerError::Invalid(message) => Err(RunOutcome::Failed { identifier, message }),
        HandlerError::MissingAttribute { .. } => on_error(ctx.action, "NoMatchingError".into()),
    }
}

fn next_action(action: &Action, branch: Branch) -> Transition<'_> {
    Transition {
        branch,
        target: action.transitions.next_action.as_deref(),
    }
}

/// Takes the `Errors` entry for `error_type`, else the `NoMatchingError` entry, else `NextAction`,
/// because Connect continues on the next block when a failing block has no error branch.
fn on_error(action: &Action, error_type: String) -> Result<Transition<'_>, RunOutcome> {
    let errors = &action.transitions.errors;
    let entry = errors
        .iter()
        .find(|e| e.error_type == error_type)
        .or_else(|| errors.iter().find(|e| e.error_type == "NoMatchingError"));
    if let Some(entry) = entry {
        let branch = Branch::Error {
            error_type,
            matched: entry.error_type.clone(),
        };
        return Ok(Transition {
            branch,
            target: Some(&entry.next_action),
        });
    }
    if action.transitions.next_action.is_none() {
        return Err(RunOutcome::UnhandledError {
            identifier: action.identifier.clone(),
            error_type,
        });
    }
    Ok(next_action(action, Branch::UnhandledErrorFallback { error_type }))
}

/// Tests `result` against the block's conditions in order. With none declared, the run continues
/// at `NextAction`. When none is true, it takes the `NoMatchingCondition` entry, else `NextAction`.
fn on_result<'f>(ctx: &mut ActionContext<'f>, result: String) -> Result<Transition<'f>, RunOutcome> {
    let action: &'f Action = ctx.action;
    if action.transitions.conditions.is_empty() {
        return Ok(next_action(action, Branch::Next));
    }
    match first_condition(ctx, &result) {
        Ok(Some(transition)) => return Ok(transition),
        Ok(None) => {}
        Err(error) => return handler_error(ctx, error),
    }
    let branch = Branch::NoMatchingCondition { result };
    let entry = action
        .transitions
        .errors
        .iter()
        .find(|e| e.error_type == "NoMatchingCondition");
    match entry {
        Some(entry) => Ok(Transition {
            branch,
            target: Some(&entry.next_action),
        }),
        None => Ok(next_action(action, branch)),
    }
}

/// Returns the transition of the first condition that is true for `result`, resolving `$.` operands.
fn first_condition<'f>(
    ctx: &mut ActionContext<'f>,
    result: &str,
) -> Result<Option<Transition<'f>>, HandlerError> {
    let action: &'f Action = ctx.action;
    for (index, entry) in action.transitions.conditions.iter().enumerate() {
        let condition = &entry.condition;
        let operand = resolve_operand(ctx, condition.operands.first())?;
        let is_true = conditions::evaluate(&condition.operator, result, &operand).map_err(|e| {
            HandlerError::Invalid(format!(
                "unknown condition operator {:?} in block {} at {}/Transitions/Conditions/{index}/Condition \
                 (use Equals, TextStartsWith, TextEndsWith, TextContains, KeyExists or a Number operator)",
                e.0,
                action.identifier,
                ctx.action_pointer()
            ))
        })?;
        if is_true {
            let branch = Branch::Condition {
                index,
                operator: condition.operator.clone(),
                operand,
                result: result.to_string(),
            };
            return Ok(Some(Transition {
                branch,
                target: Some(&entry.next_action),
            }));
        }
    }
    Ok(None)
}

/// Resolves a condition operand to text. A missing operand compares as the empty string.
fn resolve_operand(
    ctx: &mut ActionContext<'_>,
    operand: Option<&serde_json::Value>,
) -> Result<String, HandlerError> {
    match operand {
        Some(operand) => Ok(render(&ctx.resolve(operand)?)),
        None => Ok(String::new()),
    }
}

/// Notes that no handler is registered for the action's `Type` and returns the outcome.
fn not_supported(action: &Action, step: usize, observer: &mut dyn Observer) -> RunOutcome {
    let message = format!(
        "not supported yet: {} at {}",
        action.action_type, action.identifier
    );
    observer.on_event(&Event::Note {
        step,
        message: &message,
    });
    RunOutcome::NotSupported {
        identifier: action.identifier.clone(),
        action_type: action.action_type.clone(),
    }
}

fn no_transition(action: &Action, branch: &Branch) -> RunOutcome {
    let branch = match branch {
        Branch::Error { matched, .. } => matched.clone(),
        Branch::NoMatchingCondition { .. } => "NoMatchingCondition".to_string(),
        _ => "NextAction".to_string(),
    };
    RunOutcome::NoTransition {
        identifier: action.identifier.clone(),
        branch,
    }
}

fn failed(identifier: &str, message: String) -> RunOutcome {
    RunOutcome::Failed {
        identifier: identifier.to_string(),
        message,
    }
}

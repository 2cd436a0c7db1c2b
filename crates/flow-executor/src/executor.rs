//! The run loop: step budget, transition rule and events.
//!
//! The transition rule follows "Actions in the Amazon Connect Flow Language"
//! (<https://docs.aws.amazon.com/connect/latest/APIReference/flow-language-actions.html>): an
//! error takes the `Errors` entry of its `ErrorType`, else the `NoMatchingError` entry. A result is
//! tested against `Conditions` in order and the first that is true wins, else the
//! `NoMatchingCondition` entry is taken. Otherwise the run continues at `NextAction`.

use crate::conditions;
use crate::env::{Environment, fault_errors};
use crate::handler::{ActionContext, HandlerError, Registry};
use crate::observer::{Branch, Control, Event, NextStep, Observer};
use crate::outcome::{EndReason, Outcome, RunOutcome};
use crate::resolve::render;
use crate::settings::RunSettings;
use crate::state::ContactState;
use flow_graph::model::Action;
use flow_graph::{BlockId, FlowGraph, FlowSet, Member, MemberKind};
use serde_json::Value;

/// The maximum number of module calls in progress at once. AWS documents no nesting limit for current
/// modules, so this is flowsim's choice: deep enough for real modules that call modules, and small
/// enough that a module that invokes itself fails fast. The call past the limit takes the
/// invoking block's `NoMatchingError` branch, as a failed invocation does.
pub const MODULE_CALL_DEPTH_MAX: usize = 10;

/// The namespaces a module cannot see: "Flow modules for reusable functions in Amazon Connect" in
/// the Amazon Connect Administrator Guide lists External (Lambda), Amazon Lex, Customer Profiles and
/// Amazon Q in Connect (`$.Wisdom`) attributes, queue metrics and stored customer input. They are
/// hidden while the module runs and restored when it returns.
const MODULE_HIDDEN_NAMESPACES: [&str; 6] = [
    "External",
    "Lex",
    "Customer",
    "Wisdom",
    "Metrics",
    "StoredCustomerInput",
];

/// Runs one flow graph, or a set of flows and modules, with one registry of handlers.
pub struct Executor<'a> {
    pub graph: &'a FlowGraph,
    pub registry: &'a Registry,
    pub settings: RunSettings,
    /// The flows and modules that `TransferToFlow` and `InvokeFlowModule` may enter. Without a set,
    /// `TransferToFlow` ends the run naming its target and `InvokeFlowModule` takes the branch of
    /// the module result that the environment gives, `Error` by default.
    pub flows: Option<&'a FlowSet>,
    /// Runs the contact-event flows that `UpdateContactEventHooks` set once the main flow is done:
    /// the customer queue flow after a transfer to a queue, the disconnect flow after a disconnect.
    pub follow_contact: bool,
}

/// The flow or module the run is in, with its settings.
#[derive(Clone)]
struct Frame<'a> {
    graph: &'a FlowGraph,
    settings: RunSettings,
}

/// A module call in progress: the block that invoked it and the namespaces hidden from it.
struct Call<'a> {
    caller: Frame<'a>,
    block: BlockId,
    hidden: Vec<(&'static str, Option<Value>)>,
}

/// The run's place: the flow, the next block and the module calls in progress.
struct Position<'a> {
    frame: Frame<'a>,
    block: BlockId,
    calls: Vec<Call<'a>>,
    /// A module's result waiting to be tested at `block`, the invoking block, in place of running it.
    resume: Option<Outcome>,
    /// The contact-event flow in progress, when the run follows the contact.
    event: Option<EventPass>,
    /// The contact events whose flows already ran, so a disconnect flow that disconnects does not
    /// start itself again.
    events_run: Vec<&'static str>,
    /// A note for the trace of the next step, which starts a contact-event flow.
    entry_note: Option<String>,
}

/// A customer queue or disconnect flow that runs after the main flow.
struct EventPass {
    /// The outcome of the run when the event flow ends without ending the contact another way.
    outcome: RunOutcome,
    /// For a customer queue flow, the blocks it ran. Connect repeats the flow until an agent
    /// answers, so flowsim runs one pass and stops when a block would run a second time.
    visited: Option<Vec<BlockId>>,
}

/// The block a step leads to, the flow it enters, or the outcome that ends the run.
enum Step<'a> {
    Continue(BlockId),
    Transfer(&'a Member),
    Invoke {
        member: &'a Member,
        hidden: Vec<(&'static str, Option<Value>)>,
    },
    Return(Option<String>),
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
            flows: None,
            follow_contact: false,
        }
    }

    /// Runs the customer queue flow and the disconnect flow after the main flow, as the contact's
    /// event hooks name them.
    pub fn with_follow_contact(mut self, follow: bool) -> Self {
        self.follow_contact = follow;
        self
    }

    /// Lets `TransferToFlow` and `InvokeFlowModule` enter the flows and modules of `flows`.
    pub fn with_flows(mut self, flows: &'a FlowSet) -> Self {
        self.flows = Some(flows);
        self
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

    /// Walks blocks, across flows and modules, until one ends the run or the step budget is spent,
    /// and returns the outcome with the number of steps taken.
    fn run_steps(
        &self,
        state: &mut ContactState,
        env: &mut dyn Environment,
        observer: &mut dyn Observer,
    ) -> (RunOutcome, usize) {
        let flow = self.graph.flow();
        let start_name = flow.start_action.as_deref().unwrap_or("");
        let Some(block) = self.graph.start() else {
            let message = format!(
                "StartAction {start_name:?} names no action in the flow; set it to an action's Identifier"
            );
            return (failed(start_name, message), 0);
        };
        observer.on_event(&Event::FlowStarted {
            flow: flow_label(self.graph),
            start: start_name,
        });
        let frame = Frame {
            graph: self.graph,
            settings: self.settings.clone(),
        };
        let mut position = Position {
            frame,
            block,
            calls: Vec::new(),
            resume: None,
            event: None,
            events_run: Vec::new(),
            entry_note: None,
        };
        for step in 1..=self.settings.step_budget {
            if let Some(outcome) = queue_pass_complete(&mut position) {
                return (outcome, step - 1);
            }
            if let Some(outcome) = stop_requested(&position, step, state, observer) {
                return (outcome, step - 1);
            }
            let next = match position.resume.take() {
                Some(outcome) => self.resume(&position, outcome, step, state, env, observer),
                None => self.step(&mut position, step, state, env, observer),
            };
            let Err(outcome) = self.advance(&mut position, next, state, observer) else {
                continue;
            };
            let outcome = match position.event.take() {
                Some(pass) => event_flow_outcome(outcome, pass),
                None => outcome,
            };
            if !self.start_event_flow(&mut position, &outcome, step, state, observer) {
                return (outcome, step);
            }
        }
        let budget_spent = RunOutcome::StepBudgetExhausted {
            identifier: position.frame.graph.action(position.block).identifier.clone(),
            budget: self.settings.step_budget,
        };
        (budget_spent, self.settings.step_budget)
    }

    /// Moves `position` to where a step leads. `Err` ends the run.
    fn advance(
        &self,
        position: &mut Position<'a>,
        next: Step<'a>,
        state: &mut ContactState,
        observer: &mut dyn Observer,
    ) -> Result<(), RunOutcome> {
        match next {
            Step::Continue(block) => position.block = block,
            Step::Transfer(member) => {
                while let Some(call) = position.calls.pop() {
                    restore(state, call.hidden);
                }
                position.frame = self.frame_for(member, &position.frame);
                position.block = enter(member, observer)?;
            }
            Step::Invoke { member, hidden } => {
                let frame = self.frame_for(member, &position.frame);
                let caller = std::mem::replace(&mut position.frame, frame);
                let block = std::mem::replace(&mut position.block, enter(member, observer)?);
                position.calls.push(Call {
                    caller,
                    block,
                    hidden,
                });
            }
            Step::Return(result) => {
                let call = position
                    .calls
                    .pop()
                    .expect("a module returns only while a call is in progress");
                restore(state, call.hidden);
                let action = call.caller.graph.action(call.block);
                position.resume = Some(module_outcome(action, result));
                position.frame = call.caller;
                position.block = call.block;
            }
            Step::Stop(outcome) => return Err(outcome),
        }
        Ok(())
    }

    /// Starts the flow of the contact event that follows `outcome`, when the run follows the
    /// contact and the contact's event hooks name a flow for it. Returns false when no event flow
    /// starts, so the run ends with `outcome`.
    fn start_event_flow(
        &self,
        position: &mut Position<'a>,
        outcome: &RunOutcome,
        step: usize,
        state: &ContactState,
        observer: &mut dyn Observer,
    ) -> bool {
        let (Some(flows), true) = (self.flows, self.follow_contact) else {
            return false;
        };
        let Some(event) = event_after(outcome).filter(|e| !position.events_run.contains(e)) else {
            return false;
        };
        let record = crate::handlers::contact_record::ContactRecord::of(state);
        let Some(target) = record.and_then(|r| r.event_flow(event)) else {
            return false;
        };

        let member = match flows.resolve(target, MemberKind::Flow) {
            Ok(member) => member,
            Err(error) => {
                // NOTE: the step that ended the main flow is already closed, so the step trace
                // drops this note. Only an observer of raw events receives it.
                let message = format!("the {event} flow {error}");
                observer.on_event(&Event::Note {
                    step,
                    message: &message,
                });
                return false;
            }
        };
        let Ok(block) = enter(member, observer) else {
            return false;
        };

        position.events_run.push(event);
        position.frame = self.frame_for(member, &position.frame);
        position.block = block;
        position.entry_note = Some(format!(
            "contact event {event}: run flow {:?} (id {})",
            member.label(),
            member.id
        ));
        position.event = Some(EventPass {
            outcome: outcome.clone(),
            visited: (event == "CustomerQueue").then(Vec::new),
        });
        true
    }

    /// Returns the frame of `member`: its own flow type, or the caller's for a module, which has none.
    fn frame_for(&self, member: &'a Member, current: &Frame<'a>) -> Frame<'a> {
        let mut settings = current.settings.clone();
        let flow_type = member
            .graph
            .flow()
            .metadata
            .as_ref()
            .and_then(|m| m.flow_type.clone());
        if let (MemberKind::Flow, Some(flow_type)) = (member.kind, flow_type) {
            settings.flow_type = flow_type;
        }
        Frame {
            graph: &member.graph,
            settings,
        }
    }

    /// Runs one block and applies the transition rule to what it produced.
    fn step(
        &self,
        position: &mut Position<'a>,
        step: usize,
        state: &mut ContactState,
        env: &mut dyn Environment,
        observer: &mut dyn Observer,
    ) -> Step<'a> {
        let graph = position.frame.graph;
        let flow = graph.flow();
        let action = enter_block(position, step, observer);
        if let Some(message) = position.entry_note.take() {
            observer.on_event(&Event::Note {
                step,
                message: &message,
            });
        }
        let position: &Position<'a> = position;
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
            settings: &position.frame.settings,
        };
        match fault(&mut ctx) {
            Ok(None) => {}
            Ok(Some(transition)) => return self.follow(graph, &mut ctx, transition),
            Err(outcome) => return Step::Stop(outcome),
        }
        let result = handler.execute(&mut ctx);

        let transition = match result {
            Ok(Outcome::End(EndReason::TransferredToFlow { flow })) if self.flows.is_some() => {
                return self.transfer(graph, &mut ctx, &flow);
            }
            Ok(Outcome::InvokeModule { module, input }) => {
                return self.invoke(position, &mut ctx, &module, input);
            }
            Ok(Outcome::End(EndReason::ModuleReturned { result })) if !position.calls.is_empty() => {
                return module_return(position, &mut ctx, result);
            }
            Ok(outcome) => transition(&mut ctx, outcome),
            Err(error) => handler_error(&mut ctx, error),
        };
        match transition {
            Ok(transition) => self.follow(graph, &mut ctx, transition),
            Err(outcome) => Step::Stop(outcome),
        }
    }

    /// Tests a module's result at the block that invoked it, as a new step of that block.
    fn resume(
        &self,
        position: &Position<'a>,
        outcome: Outcome,
        step: usize,
        state: &mut ContactState,
        env: &mut dyn Environment,
        observer: &mut dyn Observer,
    ) -> Step<'a> {
        let graph = position.frame.graph;
        let flow = graph.flow();
        let action = enter_block(position, step, observer);
        let mut ctx = ActionContext {
            flow,
            action,
            step,
            state,
            env,
            observer,
            settings: &position.frame.settings,
        };
        ctx.note(&format!("back from the module in flow {:?}", flow_label(graph)));
        match transition(&mut ctx, outcome) {
            Ok(transition) => self.follow(graph, &mut ctx, transition),
            Err(outcome) => Step::Stop(outcome),
        }
    }

    /// Hands the contact to the flow `target` names, or takes the error branch when the flow set
    /// has no such flow or the flow's type cannot be a transfer target.
    ///
    /// Flow attributes "are not carried over to the subsequent flows" (flow-language reference,
    /// `UpdateFlowAttributes`), so they are cleared. Contact attributes belong to the contact and stay.
    fn transfer(&self, graph: &'a FlowGraph, ctx: &mut ActionContext<'_>, target: &str) -> Step<'a> {
        let flows = self.flows.expect("transfer is only called with a flow set");
        let member = match flows.resolve(target, MemberKind::Flow) {
            Ok(member) => member,
            Err(error) => return self.error_branch(graph, ctx, &format!("TransferToFlow target {error}")),
        };
        if let Some(flow_type) = transfer_type_rejected(member) {
            let reason = format!(
                "TransferToFlow target {:?} is a {flow_type} flow; only inbound (contactFlow), \
                 agentTransfer and queueTransfer flows can be transfer targets",
                member.id
            );
            return self.error_branch(graph, ctx, &reason);
        }
        if ctx.state.remove(&["FlowAttributes"]).is_some() {
            ctx.note("flow attributes cleared: they are local to the flow that set them");
        }
        ctx.note(&format!("enter flow {:?} (id {})", member.label(), member.id));
        let branch = Branch::FlowTransfer {
            flow: member.id.clone(),
        };
        report_branch(ctx, &branch, member.graph.flow().start_action.as_deref());
        Step::Transfer(member)
    }

    /// Enters the module `target` names with `input` at `$.Modules.Input`, hiding the namespaces a
    /// module cannot see, or takes the error branch when the module is missing or the call depth
    /// limit is reached.
    fn invoke(
        &self,
        position: &Position<'a>,
        ctx: &mut ActionContext<'_>,
        target: &str,
        input: Option<Value>,
    ) -> Step<'a> {
        let graph = position.frame.graph;
        let Some(flows) = self.flows else {
            return self.unloaded_module(graph, ctx, target);
        };
        let member = match flows.resolve(target, MemberKind::Module) {
            Ok(member) => member,
            Err(error) => return self.error_branch(graph, ctx, &format!("InvokeFlowModule target {error}")),
        };
        if position.calls.len() >= MODULE_CALL_DEPTH_MAX {
            let reason = format!(
                "module call depth limit of {MODULE_CALL_DEPTH_MAX} reached at module {:?}; \
                 a module that invokes itself, directly or through others, never returns",
                member.id
            );
            return self.error_branch(graph, ctx, &reason);
        }
        let hidden = enter_module_state(ctx, input);
        ctx.note(&format!("enter module {:?} (id {})", member.label(), member.id));
        let branch = Branch::ModuleCall {
            module: member.id.clone(),
        };
        report_branch(ctx, &branch, member.graph.flow().start_action.as_deref());
        Step::Invoke { member, hidden }
    }

    /// Takes the branch for the result that the environment returns for a module that is not
    /// loaded, because only one flow runs. Without a scripted result the result is `Error`, so the
    /// block takes its error branch, as an invocation of a missing module does in Connect.
    fn unloaded_module(&self, graph: &FlowGraph, ctx: &mut ActionContext<'_>, target: &str) -> Step<'a> {
        ctx.note(&format!(
            "InvokeFlowModule target {target:?} is not loaded, because only one flow runs; its result \
             comes from the scenario's `results`. Run the folder that holds the module to follow it"
        ));
        let options = crate::handlers::block_results::result_options(ctx.action).unwrap_or_default();
        let topic = "module result (the module is not loaded)";
        let transition = match crate::handlers::block_results::ask_result(ctx, topic, &options, "Error") {
            Ok(result) => transition(ctx, module_outcome(ctx.action, Some(result))),
            Err(error) => handler_error(ctx, error),
        };
        match transition {
            Ok(transition) => self.follow(graph, ctx, transition),
            Err(outcome) => Step::Stop(outcome),
        }
    }

    /// Notes `reason` and takes the block's `NoMatchingError` branch.
    fn error_branch(&self, graph: &FlowGraph, ctx: &mut ActionContext<'_>, reason: &str) -> Step<'a> {
        ctx.note(reason);
        match on_error(ctx.action, "NoMatchingError".to_string()) {
            Ok(transition) => self.follow(graph, ctx, transition),
            Err(outcome) => Step::Stop(outcome),
        }
    }

    /// Reports the branch taken and moves to its target.
    fn follow(&self, graph: &FlowGraph, ctx: &mut ActionContext<'_>, transition: Transition<'_>) -> Step<'a> {
        let action = ctx.action;
        let target_block = transition.target.map(|t| (t, graph.block_id(t)));
        if let Some((target, None)) = target_block {
            let message = format!(
                "transition target {target:?} of block {} names no action in the flow",
                action.identifier
            );
            return Step::Stop(failed(&action.identifier, message));
        }
        report_branch(ctx, &transition.branch, transition.target);
        match target_block {
            Some((_, Some(next))) => Step::Continue(next),
            _ => Step::Stop(no_transition(action, &transition.branch)),
        }
    }
}

/// Returns the contact event whose flow runs after `outcome`: `CustomerQueue` after a transfer to a
/// queue, `CustomerRemaining` (the disconnect flow) after a disconnect.
fn event_after(outcome: &RunOutcome) -> Option<&'static str> {
    match outcome {
        RunOutcome::Ended {
            reason: EndReason::TransferredToQueue { .. },
            ..
        } => Some("CustomerQueue"),
        RunOutcome::Ended {
            reason: EndReason::Disconnected,
            ..
        } => Some("CustomerRemaining"),
        _ => None,
    }
}

/// Ends a customer queue flow's pass when its next block already ran in this pass, and returns the
/// run's outcome then. Records the block otherwise.
/// Asks the observer whether the run enters the block at `position` as step `step`, and returns
/// the outcome that ends the run when it says no.
fn stop_requested(
    position: &Position<'_>,
    step: usize,
    state: &ContactState,
    observer: &mut dyn Observer,
) -> Option<RunOutcome> {
    let identifier = &position.frame.graph.action(position.block).identifier;
    let next = NextStep {
        step,
        identifier,
        name: position.frame.graph.flow().block_name(identifier),
        state,
    };
    let control = observer.before_step(&next);
    (control == Control::Stop).then(|| RunOutcome::Stopped {
        identifier: identifier.clone(),
        step,
    })
}

fn queue_pass_complete(position: &mut Position<'_>) -> Option<RunOutcome> {
    let pass = position.event.as_mut()?;
    let visited = pass.visited.as_mut()?;
    if position.resume.is_some() || !visited.contains(&position.block) {
        visited.push(position.block);
        return None;
    }
    position.event.take().map(|pass| pass.outcome)
}

/// Returns the outcome of a run whose contact-event flow ended with `outcome`. A customer queue
/// flow that ends with `EndFlowExecution` leaves the contact in its queue, so the run keeps the
/// queue transfer as its outcome. Any other end, such as a disconnect, is the run's outcome.
fn event_flow_outcome(outcome: RunOutcome, pass: EventPass) -> RunOutcome {
    match outcome {
        RunOutcome::Ended {
            reason: EndReason::FlowEnded,
            ..
        } if pass.visited.is_some() => pass.outcome,
        other => other,
    }
}

/// Returns the flow's name from its metadata, else its file name without extension, else `""`.
fn flow_label(graph: &FlowGraph) -> &str {
    let file_stem = || graph.source()?.file_stem()?.to_str();
    graph.flow().name().or_else(file_stem).unwrap_or("")
}

/// Reports the start of `member` and returns its start block, or the outcome that ends the run
/// when its `StartAction` names no action.
fn enter(member: &Member, observer: &mut dyn Observer) -> Result<BlockId, RunOutcome> {
    let start = member.graph.flow().start_action.as_deref().unwrap_or("");
    let Some(block) = member.graph.start() else {
        let message = format!(
            "StartAction {start:?} of {} {:?} names no action in it; set it to an action's Identifier",
            member.kind.noun(),
            member.id
        );
        return Err(failed(start, message));
    };
    observer.on_event(&Event::FlowStarted {
        flow: member.label(),
        start,
    });
    Ok(block)
}

/// Returns the flow type of a transfer target that Connect rejects, or `None` when the type is
/// allowed or unknown. The "Transfer to flow" block page of the Amazon Connect Administrator Guide
/// routes a contact to Error when the target is not of type Inbound, Transfer to Agent or Transfer
/// to Queue.
fn transfer_type_rejected(member: &Member) -> Option<&str> {
    let flow_type = member.graph.flow().metadata.as_ref()?.flow_type.as_deref()?;
    let allowed = ["contactFlow", "agentTransfer", "queueTransfer"].contains(&flow_type);
    (!allowed).then_some(flow_type)
}

/// Hides the namespaces a module cannot see, clears the previous call's result and writes the
/// module's input. Returns the hidden values for [`restore`].
fn enter_module_state(
    ctx: &mut ActionContext<'_>,
    input: Option<Value>,
) -> Vec<(&'static str, Option<Value>)> {
    let hidden: Vec<_> = MODULE_HIDDEN_NAMESPACES
        .iter()
        .map(|namespace| (*namespace, ctx.state.remove(&[namespace])))
        .collect();
    ctx.state.remove(&["Modules", "Result"]);
    ctx.state.remove(&["Modules", "ResultData"]);
    match input {
        Some(input) => ctx.write(&["Modules", "Input"], input),
        None => {
            ctx.state.remove(&["Modules", "Input"]);
        }
    }
    hidden
}

/// Puts back the namespaces hidden from a module, dropping whatever the module wrote there.
fn restore(state: &mut ContactState, hidden: Vec<(&'static str, Option<Value>)>) {
    for (namespace, value) in hidden {
        match value {
            Some(value) => {
                state.set(&[namespace], value);
            }
            None => {
                state.remove(&[namespace]);
            }
        }
    }
}

/// Reports `EndFlowModuleExecution`'s return to the invoking block.
fn module_return<'a>(
    position: &Position<'a>,
    ctx: &mut ActionContext<'_>,
    result: Option<String>,
) -> Step<'a> {
    let call = position
        .calls
        .last()
        .expect("module_return is only called while a call is in progress");
    let invoking = &call.caller.graph.action(call.block).identifier;
    let branch = Branch::ModuleReturn {
        result: result.clone(),
    };
    report_branch(ctx, &branch, Some(invoking));
    Step::Return(result)
}

/// Returns the outcome that a module's result gives the invoking block.
///
/// A module without custom branches returns `Success` (no `Result`) or `Error`. Success continues
/// at `NextAction` and Error takes `NoMatchingError`, unless a condition names the result. Any
/// other result is tested against the block's conditions.
fn module_outcome(action: &Action, result: Option<String>) -> Outcome {
    let result = result.unwrap_or_else(|| "Success".to_string());
    let named = action.transitions.conditions.iter().any(|entry| {
        entry
            .condition
            .operands
            .iter()
            .any(|o| o.as_str() == Some(&result))
    });
    match result.as_str() {
        "Success" if !named => Outcome::Next,
        "Error" if !named => Outcome::Error("NoMatchingError".to_string()),
        _ => Outcome::Result(result),
    }
}

fn report_branch(ctx: &mut ActionContext<'_>, branch: &Branch, target: Option<&str>) {
    ctx.observer.on_event(&Event::BranchTaken {
        step: ctx.step,
        identifier: &ctx.action.identifier,
        branch,
        target,
    });
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
        // `Executor::step` runs module calls itself, so this arm only meets a handler that
        // requests a module call from a place that cannot make one.
        Outcome::InvokeModule { module, .. } => Err(failed(
            &action.identifier,
            format!(
                "block {} asked to invoke module {module:?} where no call can start",
                action.identifier
            ),
        )),
    }
}

/// Asks the environment whether the block fails before it runs, and returns the error branch when
/// it does. `Err` ends the run on an open question.
fn fault<'f>(ctx: &mut ActionContext<'f>) -> Result<Option<Transition<'f>>, RunOutcome> {
    let action: &'f Action = ctx.action;
    let errors = fault_errors(action);
    if errors.is_empty() {
        return Ok(None);
    }
    let error_type = match ctx.env.fault(&action.identifier, &action.action_type, &errors) {
        Ok(Some(error_type)) if errors.contains(&error_type.as_str()) => error_type,
        Ok(_) => return Ok(None),
        Err(question) => {
            return Err(RunOutcome::OpenQuestion {
                identifier: action.identifier.clone(),
                question: question.question,
            });
        }
    };
    ctx.note(&format!(
        "fault: the block fails with {error_type} before it runs, as when the service it calls fails"
    ));
    on_error(action, error_type).map(Some)
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

/// Reports that step `step` enters the block at `position`, and returns that block's action.
fn enter_block<'a>(position: &Position<'a>, step: usize, observer: &mut dyn Observer) -> &'a Action {
    let graph = position.frame.graph;
    let action = graph.action(position.block);
    observer.on_event(&Event::BlockEntered {
        step,
        identifier: &action.identifier,
        action_type: &action.action_type,
        name: graph.flow().block_name(&action.identifier),
    });
    action
}

//! The human trace: one line per step, then the answers, writes and notes of that step, indented.

use super::Output;
use flow_executor::trace::{StepRecord, StepSink};
use flow_executor::{Branch, EndReason, RunOutcome};
use serde_json::Value;
use std::io::Write;

/// Writes each step as it finishes and remembers how the run ended.
pub struct TextTrace<W: Write> {
    pub out: Output<W>,
    pub outcome: Option<(RunOutcome, usize)>,
}

impl<W: Write> TextTrace<W> {
    pub fn new(out: Output<W>) -> Self {
        TextTrace { out, outcome: None }
    }

    /// Writes how the run ended and the final contact state.
    pub fn write_end(&mut self, state: &Value) {
        let Some((outcome, steps)) = self.outcome.take() else {
            return;
        };
        self.out.line("");
        let line = match &outcome {
            // The question ends with free text, such as a list of results, so the step count
            // goes first where it cannot be read as part of that text.
            RunOutcome::OpenQuestion { identifier, question } => format!(
                "stopped after {steps} step{} at {identifier} under --strict: {question}",
                plural(steps)
            ),
            other => format!("{} after {steps} step{}", describe_outcome(other), plural(steps)),
        };
        self.out.line(&line);
        self.out.line("");
        if matches!(outcome, RunOutcome::Stopped { .. }) {
            self.out.line("contact state at the breakpoint:");
        } else {
            self.out.line("final contact state:");
        }
        let pretty = serde_json::to_string_pretty(state).unwrap_or_default();
        for line in pretty.lines() {
            self.out.line(&format!("  {line}"));
        }
    }
}

impl<W: Write> StepSink for TextTrace<W> {
    fn step(&mut self, record: &StepRecord) {
        for line in render_step(record) {
            self.out.line(&line);
        }
    }

    fn end(&mut self, outcome: &RunOutcome, steps: usize) {
        self.outcome = Some((outcome.clone(), steps));
    }

    fn is_closed(&self) -> bool {
        self.out.error.is_some()
    }
}

/// Renders one step: a heading line, then indented lines in the order the caller lives them: the
/// prompts heard, the answers from outside, the attributes written, and other notes.
pub fn render_step(record: &StepRecord) -> Vec<String> {
    let name = record
        .name
        .as_deref()
        .map(|n| format!(" {n:?}"))
        .unwrap_or_default();
    let branch = record
        .branch
        .as_ref()
        .map(describe_branch)
        .unwrap_or_else(|| "stopped".into());
    let target = match &record.next {
        Some(next) => format!(" -> {next}"),
        None => String::new(),
    };
    let mut lines = vec![format!(
        "{:>4}  {}{name}  {}  [{branch}]{target}",
        record.step, record.action_type, record.identifier
    )];
    let (prompts, notes): (Vec<&String>, Vec<&String>) =
        record.notes.iter().partition(|note| note.starts_with("prompt: "));
    for prompt in prompts {
        lines.push(format!("        prompt  {}", &prompt["prompt: ".len()..]));
    }
    for answer in &record.answers {
        let marker = if answer.assumed { "  (assumed)" } else { "" };
        lines.push(format!(
            "        answer  {}: {}{marker}",
            answer.question,
            compact(&answer.answer)
        ));
    }
    for write in &record.writes {
        lines.push(format!(
            "        set     {} = {}",
            write.path,
            compact(&write.value)
        ));
    }
    for note in notes {
        lines.push(format!("        note    {note}"));
    }
    lines
}

/// Describes the branch a step took and why.
pub fn describe_branch(branch: &Branch) -> String {
    match branch {
        Branch::Next => "next".into(),
        Branch::Condition {
            index,
            operator,
            operand,
            result,
        } => {
            format!("condition {index}: {result:?} {operator} {operand:?}")
        }
        Branch::NoMatchingCondition { result } => {
            format!("NoMatchingCondition: no condition holds for {result:?}")
        }
        Branch::Error { error_type, matched } if error_type == matched => format!("error {error_type}"),
        Branch::Error { error_type, matched } => format!("error {error_type}, taken as {matched}"),
        Branch::UnhandledErrorFallback { error_type } => {
            format!("error {error_type} has no branch; continued at NextAction")
        }
        Branch::End => "end".into(),
        Branch::FlowTransfer { flow } => format!("transfer to flow {flow}"),
        Branch::ModuleCall { module } => format!("call module {module}"),
        Branch::ModuleReturn { result: Some(result) } => format!("return {result:?} from module"),
        Branch::ModuleReturn { result: None } => "return from module".into(),
    }
}

/// Describes how a run ended, in one sentence.
pub fn describe_outcome(outcome: &RunOutcome) -> String {
    match outcome {
        RunOutcome::Ended { identifier, reason } => {
            format!("ended: {} at {identifier}", describe_end(reason))
        }
        RunOutcome::StepBudgetExhausted { identifier, budget } => {
            format!(
                "stopped: step budget of {budget} exhausted at {identifier} (the flow probably loops with no exit)"
            )
        }
        RunOutcome::UnhandledError {
            identifier,
            error_type,
        } => {
            format!("stopped: error {error_type} at {identifier} has no error branch and no NextAction")
        }
        RunOutcome::NoTransition { identifier, branch } => {
            format!("stopped: {identifier} has no transition for branch {branch}")
        }
        RunOutcome::NotSupported {
            identifier,
            action_type,
        } => {
            format!("stopped: not supported yet: {action_type} at {identifier}")
        }
        RunOutcome::OpenQuestion { identifier, question } => {
            format!("stopped at {identifier} under --strict: {question}")
        }
        RunOutcome::Failed { identifier, message } => format!("stopped: {message} at {identifier}"),
        RunOutcome::Stopped { identifier, step } => {
            format!("stopped at breakpoint before step {step}, block {identifier},")
        }
    }
}

fn describe_end(reason: &EndReason) -> String {
    match reason {
        EndReason::Disconnected => "disconnected".into(),
        EndReason::FlowEnded => "flow ended".into(),
        EndReason::TransferredToQueue { queue } => format!("transferred to queue {queue}"),
        EndReason::TransferredToFlow { flow } => format!("transferred to flow {flow}"),
        EndReason::TransferredToAgent => "transferred to agent".into(),
        EndReason::TransferredToPhoneNumber { number } => format!("transferred to phone number {number}"),
        EndReason::ModuleReturned { result: Some(result) } => format!("module returned {result:?}"),
        EndReason::ModuleReturned { result: None } => "module returned".into(),
    }
}

fn compact(value: &Value) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

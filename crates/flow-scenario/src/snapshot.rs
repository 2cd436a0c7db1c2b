//! Trace snapshots: a run rendered as stable text beside its scenario, and the diff of two of them.
//!
//! A snapshot holds one heading line per step (`step 3: <Identifier>`) followed by indented lines
//! for the block type and name, the prompts, the outside world's answers, the attributes written,
//! other notes and the branch taken, then one `end:` line. It contains no timestamps and no file
//! paths, so the same scenario renders the same text on every machine.

use crate::expect::describe_outcome;
use flow_executor::trace::StepRecord;
use flow_executor::{Branch, RunOutcome};
use serde::Serialize;
use serde_json::Value;
use similar::TextDiff;
use std::fmt;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The first line of every snapshot.
pub const SNAPSHOT_HEADER: &str = "# flowsim trace snapshot; `flowsim test --accept` rewrites this file";

const STEP_HEADING: &str = "step ";

/// Returns the snapshot file of a scenario: `gold-caller.scenario.json` becomes `gold-caller.snap`
/// in the same folder.
pub fn snapshot_path(scenario: &Path) -> PathBuf {
    let name = scenario
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("scenario");
    let base = name
        .strip_suffix(".scenario.json")
        .or_else(|| name.strip_suffix(".json"))
        .unwrap_or(name);
    scenario.with_file_name(format!("{base}.snap"))
}

/// Renders the steps and the outcome of a run as snapshot text, ending with a newline.
pub fn render_snapshot(steps: &[StepRecord], outcome: &RunOutcome) -> String {
    let mut lines = vec![SNAPSHOT_HEADER.to_string()];
    for step in steps {
        lines.extend(render_step(step));
    }
    let plural = if steps.len() == 1 { "" } else { "s" };
    lines.push(format!(
        "end: {} after {} step{plural}",
        describe_outcome(outcome),
        steps.len()
    ));
    let mut text = lines.join("\n");
    text.push('\n');
    text
}

fn render_step(step: &StepRecord) -> Vec<String> {
    let name = step
        .name
        .as_deref()
        .map(|n| format!(" {n:?}"))
        .unwrap_or_default();
    let mut lines = vec![
        format!("{STEP_HEADING}{}: {}", step.step, one_line(&step.identifier)),
        format!("  block   {}{name}", step.action_type),
    ];
    let (prompts, notes): (Vec<&String>, Vec<&String>) =
        step.notes.iter().partition(|note| note.starts_with("prompt: "));
    for prompt in prompts {
        lines.push(format!("  prompt  {}", one_line(&prompt["prompt: ".len()..])));
    }
    for answer in &step.answers {
        let assumed = if answer.assumed { " (assumed)" } else { "" };
        lines.push(format!(
            "  answer  {}: {}{assumed}",
            answer.question,
            compact(&answer.answer)
        ));
    }
    for write in &step.writes {
        lines.push(format!("  set     {} = {}", write.path, compact(&write.value)));
    }
    for note in notes {
        lines.push(format!("  note    {}", one_line(note)));
    }
    lines.push(render_branch(step));
    lines
}

fn render_branch(step: &StepRecord) -> String {
    let branch = step
        .branch
        .as_ref()
        .map_or_else(|| "stopped".to_string(), describe_branch);
    match &step.next {
        Some(next) => format!("  branch  {branch} -> {}", one_line(next)),
        None => format!("  branch  {branch}"),
    }
}

/// Describes a branch in a few words, such as `condition 1 ("2" Equals "2")`.
pub fn describe_branch(branch: &Branch) -> String {
    match branch {
        Branch::Next => "next".into(),
        Branch::Condition {
            index,
            operator,
            operand,
            result,
        } => format!("condition {index} ({result:?} {operator} {operand:?})"),
        Branch::NoMatchingCondition { result } => format!("NoMatchingCondition ({result:?})"),
        Branch::Error { error_type, matched } if error_type == matched => format!("error {error_type}"),
        Branch::Error { error_type, matched } => format!("error {error_type} as {matched}"),
        Branch::UnhandledErrorFallback { error_type } => format!("error {error_type}, no branch, NextAction"),
        Branch::End => "end".into(),
        Branch::FlowTransfer { flow } => format!("transfer to flow {flow}"),
        Branch::ModuleCall { module } => format!("call module {module}"),
        Branch::ModuleReturn { result: Some(result) } => format!("module return {result:?}"),
        Branch::ModuleReturn { result: None } => "module return".into(),
    }
}

fn compact(value: &Value) -> String {
    match value {
        Value::String(text) => format!("{text:?}"),
        other => other.to_string(),
    }
}

/// Escapes line breaks, so that every part of a step stays on its own line.
fn one_line(text: &str) -> String {
    text.replace('\r', "\\r").replace('\n', "\\n")
}

/// The difference between a run's trace and its snapshot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SnapshotDiff {
    /// The first step whose lines differ, with the snapshot's block at that step.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_difference: Option<StepAt>,
    /// The first step at which the two runs enter different blocks.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parting: Option<Parting>,
    /// A unified diff from the snapshot to this run.
    pub diff: String,
}

/// A step of the snapshot and the block it entered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StepAt {
    pub step: usize,
    pub identifier: String,
}

/// The first step at which two runs enter different blocks. `None` on either side means that run
/// had ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Parting {
    pub step: usize,
    pub expected: Option<String>,
    pub actual: Option<String>,
}

impl fmt::Display for Parting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let side = |block: &Option<String>| match block {
            Some(identifier) => format!("block {identifier}"),
            None => "the end of the run".to_string(),
        };
        write!(
            f,
            "the runs part at step {}: expected {}, got {}",
            self.step,
            side(&self.expected),
            side(&self.actual)
        )
    }
}

impl SnapshotDiff {
    /// Returns one line that names where the runs differ, for a failure message.
    pub fn summary(&self) -> String {
        let first = self.first_difference.as_ref();
        match (&self.parting, first) {
            (Some(parting), Some(first)) if first.step < parting.step => format!(
                "the trace first differs at step {} in block {}; {parting}",
                first.step, first.identifier
            ),
            (Some(parting), _) => parting.to_string(),
            (None, Some(first)) => format!(
                "the runs pass the same blocks, but the trace first differs at step {} in block {}",
                first.step, first.identifier
            ),
            (None, None) => "the runs pass the same blocks, but they end differently".to_string(),
        }
    }
}

/// Compares a snapshot with a run's rendering and returns how they differ, or `None` when they
/// are the same text. Line endings are compared without their carriage returns.
pub fn compare(expected: &str, actual: &str) -> Option<SnapshotDiff> {
    let expected = expected.replace("\r\n", "\n");
    if expected == actual {
        return None;
    }
    let before = parse_steps(&expected);
    let after = parse_steps(actual);
    let diff = TextDiff::from_lines(expected.as_str(), actual)
        .unified_diff()
        .context_radius(3)
        .header("snapshot", "this run")
        .to_string();
    Some(SnapshotDiff {
        first_difference: first_difference(&before, &after),
        parting: parting(&before, &after),
        diff,
    })
}

/// One step of a snapshot: its number, its block and all of its lines.
struct ParsedStep<'a> {
    step: usize,
    identifier: &'a str,
    lines: Vec<&'a str>,
}

fn parse_steps(text: &str) -> Vec<ParsedStep<'_>> {
    let mut steps: Vec<ParsedStep<'_>> = Vec::new();
    for line in text.lines() {
        if let Some((step, identifier)) = parse_heading(line) {
            steps.push(ParsedStep {
                step,
                identifier,
                lines: vec![line],
            });
        } else if let Some(current) = steps.last_mut().filter(|_| line.starts_with("  ")) {
            current.lines.push(line);
        }
    }
    steps
}

/// Reads a `step N: Identifier` heading.
fn parse_heading(line: &str) -> Option<(usize, &str)> {
    let (number, identifier) = line.strip_prefix(STEP_HEADING)?.split_once(": ")?;
    Some((number.parse().ok()?, identifier))
}

fn first_difference(before: &[ParsedStep<'_>], after: &[ParsedStep<'_>]) -> Option<StepAt> {
    let index = (0..before.len().max(after.len()))
        .find(|&i| before.get(i).map(|s| &s.lines) != after.get(i).map(|s| &s.lines))?;
    let step = before.get(index).or(after.get(index))?;
    Some(StepAt {
        step: step.step,
        identifier: step.identifier.to_string(),
    })
}

fn parting(before: &[ParsedStep<'_>], after: &[ParsedStep<'_>]) -> Option<Parting> {
    let index = (0..before.len().max(after.len()))
        .find(|&i| before.get(i).map(|s| s.identifier) != after.get(i).map(|s| s.identifier))?;
    let step = before.get(index).or(after.get(index))?.step;
    Some(Parting {
        step,
        expected: before.get(index).map(|s| s.identifier.to_string()),
        actual: after.get(index).map(|s| s.identifier.to_string()),
    })
}

/// Writes `text` to `path` through a temporary file in the same folder and a rename, so an
/// interrupted write leaves the old file or the new one, never half of either.
pub fn write_atomically(path: &Path, text: &str) -> io::Result<()> {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut file = tempfile::NamedTempFile::new_in(folder)?;
    file.write_all(text.as_bytes())?;
    file.as_file().sync_all()?;
    file.persist(path).map_err(|error| error.error)?;
    Ok(())
}

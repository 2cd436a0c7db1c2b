//! Watches and breakpoints for `flowsim run`: the observer that reports changes of watched paths and
//! stops the run at `--break` blocks or after the `--until` step.

use super::json::{JsonTrace, envelope};
use super::text::TextTrace;
use flow_executor::resolve::lookup;
use flow_executor::trace::{StepSink, TraceRecorder};
use flow_executor::{Control, Event, NextStep, Observer};
use flow_graph::analysis::namespaces;
use flow_graph::model::Flow;
use flow_graph::path::{PathError, Segment};
use serde::Serialize;
use serde_json::Value;
use std::io::Write;

/// One change of a watched value, or its value when the run starts.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WatchChange {
    /// The watched path, as given on the command line.
    pub path: String,
    /// The step that made the change, or 0 for the value when the run starts.
    pub step: usize,
    /// The `Identifier` of the block that made the change; absent for the starting value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identifier: Option<String>,
    /// The name of that block from its flow's `Metadata`, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The value before the change; absent when the path named nothing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous: Option<Value>,
    /// The value after the change; absent when the path names nothing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
}

/// Receives the changes of watched values.
pub trait WatchSink {
    fn watch(&mut self, change: &WatchChange);
}

/// The block that ran last, to credit the changes found before the next step with.
#[derive(Debug, Clone, Default)]
struct LastBlock {
    step: usize,
    identifier: String,
    name: Option<String>,
}

/// The watched Connect paths and the value each had when last checked.
#[derive(Debug, Default)]
pub struct Watches {
    watched: Vec<(String, Option<Value>)>,
    started: bool,
    last_block: Option<LastBlock>,
}

impl Watches {
    /// Creates watches on Connect paths such as `$.Attributes['a b']`, or returns the error of the
    /// first path that is not one.
    pub fn new(paths: &[String]) -> Result<Self, String> {
        for path in paths {
            flow_executor::path::translate(path).map_err(|e| invalid_watch(path, &e))?;
        }
        Ok(Watches {
            watched: paths.iter().map(|p| (p.clone(), None)).collect(),
            started: false,
            last_block: None,
        })
    }

    /// Compares each watched value in `tree` with the value last seen, and returns the changes.
    /// The first call returns every value as it is at the start of the run.
    pub fn check(&mut self, tree: &Value) -> Vec<WatchChange> {
        if self.watched.is_empty() {
            return Vec::new();
        }
        let started = std::mem::replace(&mut self.started, true);
        let block = self.last_block.clone().unwrap_or_default();
        let mut changes = Vec::new();
        for (path, last) in &mut self.watched {
            let current = lookup(tree, path).ok().flatten().cloned();
            if started && current == *last {
                continue;
            }
            changes.push(WatchChange {
                path: path.clone(),
                step: if started { block.step } else { 0 },
                identifier: started.then(|| block.identifier.clone()),
                name: block.name.clone().filter(|_| started),
                previous: last.clone().filter(|_| started),
                value: current.clone(),
            });
            *last = current;
        }
        changes
    }

    /// Remembers the block each step enters.
    fn on_event(&mut self, event: &Event<'_>) {
        if let Event::BlockEntered {
            step,
            identifier,
            name,
            ..
        } = event
        {
            self.last_block = Some(LastBlock {
                step: *step,
                identifier: identifier.to_string(),
                name: name.map(str::to_string),
            });
        }
    }
}

/// Returns the usage error for a `--watch` path that is not a Connect path, with the path it
/// most likely meant when only the leading `$.` is missing.
fn invalid_watch(path: &str, error: &PathError) -> String {
    let fixed = format!("$.{}", path.trim_start_matches('.'));
    if !path.starts_with('$') && names_known_namespace(&fixed) {
        return format!(
            "--watch: invalid attribute path `{path}`: a path starts with `$.`; did you mean `{fixed}`?"
        );
    }
    if path.starts_with('$') {
        format!("--watch: {error}; write a Connect path such as `$.Attributes.tier`")
    } else {
        format!("--watch: {error}")
    }
}

/// Returns true when `path` is a Connect path whose first name is a namespace Connect has.
pub fn names_known_namespace(path: &str) -> bool {
    match flow_graph::path::parse(path).as_deref() {
        Ok([Segment::Key(namespace), ..]) => namespaces::is_known(namespace),
        _ => false,
    }
}

/// Returns a warning for each watched Connect path whose namespace Connect does not have, such as
/// `$.Foo.bar`, because its value stays missing through the whole run.
pub fn unknown_namespace_warnings(paths: &[String]) -> Vec<String> {
    let mut warnings = Vec::new();
    for path in paths {
        let Ok(segments) = flow_graph::path::parse(path) else {
            continue;
        };
        let Some(Segment::Key(namespace)) = segments.first() else {
            continue;
        };
        if namespaces::is_known(namespace) {
            continue;
        }
        let hint = match namespaces::closest(namespace) {
            Some(known) => format!("did you mean `$.{known}`? "),
            None => String::new(),
        };
        warnings.push(format!(
            "--watch `{path}` reads namespace `{namespace}`, which Connect does not have, so it \
             stays missing; {hint}Connect's namespaces include {COMMON_NAMESPACES} (the full list: \
             https://docs.aws.amazon.com/connect/latest/adminguide/connect-attrib-list.html)"
        ));
    }
    warnings
}

/// The namespaces a `--watch` warning lists: a selection, since `namespaces::is_known` accepts
/// about fifty.
const COMMON_NAMESPACES: &str = "`$.Attributes`, `$.External`, `$.Customer`, `$.Lex`, \
     `$.FlowAttributes`, `$.StoredCustomerInput`, `$.Queue`, `$.Agent` and `$.Channel`";

/// The breakpoints of a run: blocks named by `Identifier` or name to stop before, and a step to
/// stop after.
#[derive(Debug, Default, Clone)]
pub struct Breakpoints {
    pub blocks: Vec<String>,
    /// The last step to run.
    pub until: Option<usize>,
}

/// Similarity from `strsim::jaro_winkler` above which a block is offered as the intended `--break`.
const SUGGESTION_THRESHOLD: f64 = 0.8;

impl Breakpoints {
    /// Returns a usage error for the first `--break` value that is neither the `Identifier` nor
    /// the metadata name of a block in `flows`, since such a breakpoint would never stop the run.
    pub fn check_blocks(&self, flows: &[&Flow]) -> Result<(), String> {
        let names: Vec<&str> = flows
            .iter()
            .flat_map(|flow| {
                flow.actions.iter().flat_map(|action| {
                    let name = flow.block_name(&action.identifier);
                    std::iter::once(action.identifier.as_str()).chain(name)
                })
            })
            .collect();
        let Some(unknown) = self.blocks.iter().find(|block| !names.contains(&block.as_str())) else {
            return Ok(());
        };
        let hint = match closest_block(unknown, &names) {
            Some(closest) => format!("did you mean {closest:?}?"),
            None => "give a block's Identifier or its name from the flow's metadata, as the trace shows them"
                .to_string(),
        };
        let scope = if flows.len() == 1 {
            "the flow"
        } else {
            "the run's flows"
        };
        Err(format!(
            "--break {unknown:?} names no block of {scope} by Identifier or name; {hint}"
        ))
    }

    /// Returns true when the run must stop before entering `next`.
    pub fn stops_before(&self, next: &NextStep<'_>) -> bool {
        let past_until = self.until.is_some_and(|until| next.step > until);
        let named = |wanted: &String| wanted == next.identifier || Some(wanted.as_str()) == next.name;
        past_until || self.blocks.iter().any(named)
    }
}

/// Returns the block `Identifier` or name that `unknown` most likely meant: the only one it is the
/// start of, as with an `Identifier` cut short, else the most similar one.
fn closest_block<'n>(unknown: &str, names: &[&'n str]) -> Option<&'n str> {
    let mut extended = names.iter().filter(|name| name.starts_with(unknown));
    if let (Some(only), None) = (extended.next(), extended.next()) {
        return Some(only);
    }
    names
        .iter()
        .map(|name| (strsim::jaro_winkler(unknown, name), *name))
        .filter(|(similarity, _)| *similarity >= SUGGESTION_THRESHOLD)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, name)| name)
}

/// The observer of `flowsim run`: the trace recorder, with watches and breakpoints around it.
pub struct RunObserver<S> {
    pub recorder: TraceRecorder<S>,
    pub watches: Watches,
    pub breakpoints: Breakpoints,
}

impl<S: StepSink + WatchSink> RunObserver<S> {
    pub fn new(sink: S, watches: Watches, breakpoints: Breakpoints) -> Self {
        RunObserver {
            recorder: TraceRecorder::new(sink),
            watches,
            breakpoints,
        }
    }

    /// Reports the changes the last step made; call it after the run with the final state tree.
    pub fn finish(&mut self, tree: &Value) {
        for change in self.watches.check(tree) {
            self.recorder.sink.watch(&change);
        }
    }
}

impl<S: StepSink + WatchSink> Observer for RunObserver<S> {
    fn on_event(&mut self, event: &Event<'_>) {
        self.recorder.on_event(event);
        self.watches.on_event(event);
    }

    /// Reports the changes of the step before `next`, then stops at a breakpoint or a closed output.
    fn before_step(&mut self, next: &NextStep<'_>) -> Control {
        for change in self.watches.check(next.state.tree()) {
            self.recorder.sink.watch(&change);
        }
        if self.breakpoints.stops_before(next) {
            return Control::Stop;
        }
        self.recorder.before_step(next)
    }
}

impl<W: Write> WatchSink for TextTrace<W> {
    fn watch(&mut self, change: &WatchChange) {
        let line = render_change(change);
        self.out.line(&line);
    }
}

impl<W: Write> WatchSink for JsonTrace<W> {
    fn watch(&mut self, change: &WatchChange) {
        self.out.line(&envelope("watch", change));
    }
}

/// Renders one change for the text trace: the starting value before the first step, and each later
/// change indented beneath the step that made it.
pub fn render_change(change: &WatchChange) -> String {
    let value = describe_value(change.value.as_ref());
    let Some(identifier) = &change.identifier else {
        return format!("watch   {} = {value} at the start", change.path);
    };
    let block = match &change.name {
        Some(name) => format!("{identifier} {name:?}"),
        None => identifier.clone(),
    };
    format!(
        "        watch   {} = {value} (was {}), changed by step {} {block}",
        change.path,
        describe_value(change.previous.as_ref()),
        change.step
    )
}

fn describe_value(value: Option<&Value>) -> String {
    match value {
        Some(value) => serde_json::to_string(value).unwrap_or_default(),
        None => "missing".into(),
    }
}

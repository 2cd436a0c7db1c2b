//! `flowsim run`: dry-run one flow, or the entry flow of a folder, under a scenario and print its trace.

use super::{CliError, EXIT_OK, EXIT_RUN_FAILED, finish_output};
use crate::cli::RunArgs;
use crate::interactive::{InteractiveEnvironment, PromptTap, Session, Terminal, ask_profile_store};
use crate::output::Output;
use crate::output::json::{JsonTrace, envelope};
use crate::output::text::TextTrace;
use crate::output::watch::{Breakpoints, RunObserver, Watches, unknown_namespace_warnings};
use flow_executor::{ContactState, Environment, Executor, Registry, RunOutcome, RunSettings};
use flow_graph::Diagnostic;
use flow_graph::analysis::{EntryPaths, transfer_entry_paths};
use flow_graph::catalogue::FlowType;
use flow_graph::load::{LoadedFlow, load_path};
use flow_graph::model::Flow;
use flow_graph::validate::{ResolvedFlowType, ValidateOptions, validate};
use flow_graph::{FlowGraph, FlowSet, Member, MemberKind};
use flow_scenario::{Profiles, RESOURCE_MAP_FILE, ResourceMap, ResourceNames, Scenario, ScenarioEnvironment};
use serde_json::{Value, json};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Runs the flow, or the entry flow of a folder, and returns the exit code.
pub fn run(args: RunArgs) -> Result<u8, CliError> {
    let scenario = load_scenario(args.scenario.as_deref())?;
    prepare(&args, &scenario, &mut |header, names| {
        execute(&args, &scenario, names, header)
    })
}

/// The last stage of a run, given the prepared run and the names of the resources its flows use.
pub type Finish<'f> = &'f mut dyn FnMut(&Header<'_>, ResourceNames) -> Result<u8, CliError>;

/// Loads and validates the flow, or the flows of a folder, builds the executor and hands them to
/// `finish`. Returns `finish`'s exit code, or `EXIT_RUN_FAILED` without calling it when a flow has
/// validation errors, which it prints on standard error.
pub fn prepare(args: &RunArgs, scenario: &Scenario, finish: Finish<'_>) -> Result<u8, CliError> {
    let flow_path = choose_flow(args, scenario)?;
    if flow_path.is_dir() {
        return run_folder(args, scenario, &flow_path, None, finish);
    }
    if let Some(folder) = project_folder(&flow_path) {
        return run_folder(args, scenario, &folder, Some(&flow_path), finish);
    }
    if let Some(start) = &args.start {
        return Err(CliError::input(format!(
            "--start {start:?} needs a folder of flows, but {} is a file; pass the folder instead",
            flow_path.display()
        )));
    }
    let resources = resource_map(scenario, flow_path.parent())?;
    let loaded = load_flow(&flow_path, &resources)?;
    if !report_validation(&loaded, args.flow_type, EntryPaths::default(), args.json) {
        return Ok(EXIT_RUN_FAILED);
    }
    let mut names = ResourceNames::from_flows([&loaded.flow]);
    resources.add_names(&mut names);
    check_scenario(scenario, [&loaded.flow], &names)?;
    check_entry(scenario, &loaded.flow)?;
    let settings = run_settings(args, scenario, &loaded);
    let flow_type = ResolvedFlowType::of(&loaded.flow, args.flow_type);
    let graph = FlowGraph::build(loaded.flow, loaded.source);
    let registry = registry();
    let executor = Executor::new(&graph, &registry, settings);
    let header = Header {
        flow: &flow_path,
        folder: None,
        scenario: args.scenario.as_deref(),
        graph: &graph,
        executor: &executor,
        flow_type,
        flows: vec![(flow_label(&graph), &graph)],
        set: None,
    };
    finish(&header, names)
}

/// Returns the folder of a flow file that has a resource map beside it, because such a flow runs
/// with the other flows of its folder.
pub(crate) fn project_folder(flow_path: &Path) -> Option<PathBuf> {
    if flow_path == Path::new("-") {
        return None;
    }
    let folder = match flow_path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    folder.join(RESOURCE_MAP_FILE).is_file().then_some(folder)
}

/// Loads every flow and module in `folder` and runs the entry flow, following transfers and
/// module calls into the others. `entry_file` is the flow file named on the command line, if any.
fn run_folder(
    args: &RunArgs,
    scenario: &Scenario,
    folder: &Path,
    entry_file: Option<&Path>,
    finish: Finish<'_>,
) -> Result<u8, CliError> {
    let resources = resource_map(scenario, Some(folder))?;
    let set =
        FlowSet::load_folder(folder, &resources.set_options()).map_err(|e| CliError::input(e.to_string()))?;
    for skipped in set.skipped().iter().filter(|s| !s.by_name) {
        eprintln!("flowsim: skipped {}: {}", skipped.path.display(), skipped.reason);
    }
    let entry = choose_entry(args, scenario, &set, folder, entry_file)?;
    let invalid = set
        .members()
        .iter()
        .zip(transfer_entry_paths(&set))
        .filter(|(m, entry)| !report_validation(&m.loaded, None, entry.clone(), args.json))
        .count();
    if invalid > 0 {
        return Ok(EXIT_RUN_FAILED);
    }
    let mut names = ResourceNames::from_flows(set.members().iter().map(|m| m.graph.flow()));
    resources.add_names(&mut names);
    check_scenario(scenario, set.members().iter().map(|m| m.graph.flow()), &names)?;
    check_entry(scenario, entry.graph.flow())?;
    let settings = run_settings(args, scenario, &entry.loaded);
    let registry = registry();
    let executor = Executor::new(&entry.graph, &registry, settings)
        .with_flows(&set)
        .with_follow_contact(args.follow_contact);
    let entry_path = entry.loaded.source.clone().unwrap_or_default();
    let header = Header {
        flow: &entry_path,
        folder: Some((folder, set.members().len())),
        scenario: args.scenario.as_deref(),
        graph: &entry.graph,
        executor: &executor,
        flow_type: ResolvedFlowType::of(&entry.loaded.flow, args.flow_type),
        flows: set.members().iter().map(|m| (m.label(), &m.graph)).collect(),
        set: Some(&set),
    };
    finish(&header, names)
}

/// Returns the label the executor reports a lone flow by: its name, else its file name without
/// extension.
fn flow_label(graph: &FlowGraph) -> &str {
    let file_stem = || graph.source()?.file_stem()?.to_str();
    graph.flow().name().or_else(file_stem).unwrap_or("")
}

/// Builds the contact and the scenario's environment, runs the executor and prints the trace.
fn execute(
    args: &RunArgs,
    scenario: &Scenario,
    names: ResourceNames,
    header: &Header<'_>,
) -> Result<u8, CliError> {
    let stops = StopRules::of(args, header)?;
    let mut scenario = scenario.clone();
    let mut terminal = args
        .interactive
        .then(|| Terminal::new(io::stdin().lock(), io::stderr()));
    let profiles = ask_profiles(terminal.as_mut(), &mut scenario, header);
    let (mut state, mut scenario_env) = environment(args, &scenario, names)?;
    let mut asking = terminal.map(|terminal| {
        let last_prompt = stops.prompt_tap.last_prompt.clone();
        InteractiveEnvironment::new(scenario_env.clone(), terminal, last_prompt)
    });
    let env: &mut dyn Environment = match &mut asking {
        Some(asking) => asking,
        None => &mut scenario_env,
    };
    let outcome = if args.json {
        run_json(header.executor, &mut state, env, header, stops)?
    } else {
        run_text(header.executor, &mut state, env, header, stops)?
    };
    if let (Some(asking), Some(path)) = (&mut asking, &args.save) {
        asking.session.profiles = profiles;
        save_session(&asking.session, &scenario, header, path)?;
    }
    let stopped = matches!(outcome, RunOutcome::Stopped { .. });
    Ok(if outcome.is_normal_end() || stopped {
        EXIT_OK
    } else {
        EXIT_RUN_FAILED
    })
}

/// The watches and breakpoints of `--watch`, `--break` and `--until`.
pub struct StopRules {
    pub watches: Watches,
    pub breakpoints: Breakpoints,
    /// Keeps the last prompt for the questions of `--interactive`.
    pub prompt_tap: PromptTap,
}

impl StopRules {
    /// Reads the options, or returns a usage error for a watch path that is not a Connect path or
    /// a breakpoint that names no block of the run's flows.
    pub fn of(args: &RunArgs, header: &Header<'_>) -> Result<Self, CliError> {
        let watches = Watches::new(&args.watch).map_err(CliError::input)?;
        for warning in unknown_namespace_warnings(&args.watch) {
            eprintln!("flowsim: warning: {warning}");
        }
        let breakpoints = Breakpoints {
            blocks: args.breakpoints.clone(),
            until: args.until.map(|step| step as usize),
        };
        let flows: Vec<&Flow> = header.flows.iter().map(|(_, graph)| graph.flow()).collect();
        breakpoints.check_blocks(&flows).map_err(CliError::input)?;
        Ok(StopRules {
            watches,
            breakpoints,
            prompt_tap: PromptTap::default(),
        })
    }
}

/// Asks on `terminal`, which only an interactive run has, for a profile store when the scenario
/// has none and a flow uses a Customer Profiles action, and puts it in `scenario`. Returns the
/// profiles chosen.
fn ask_profiles(
    terminal: Option<&mut Terminal<io::StdinLock<'static>, io::Stderr>>,
    scenario: &mut Scenario,
    header: &Header<'_>,
) -> Option<Vec<Value>> {
    let terminal = terminal?;
    if scenario.profiles.is_some() || !uses_profiles(header) {
        return None;
    }
    let profiles = ask_profile_store(terminal)?;
    scenario.profiles = Some(Profiles::Inline(profiles.clone()));
    Some(profiles)
}

/// Returns true when a flow of the run has a Customer Profiles action.
fn uses_profiles(header: &Header<'_>) -> bool {
    let mut profile_actions = Registry::new();
    customer_profiles::register(&mut profile_actions);
    let types: Vec<&str> = profile_actions.types().collect();
    let mut actions = header.flows.iter().flat_map(|(_, graph)| &graph.flow().actions);
    actions.any(|action| types.contains(&action.action_type.as_str()))
}

/// Writes the scenario the run used, with the answers of an interactive session added, to `path`.
fn save_session(
    session: &Session,
    scenario: &Scenario,
    header: &Header<'_>,
    path: &Path,
) -> Result<(), CliError> {
    let mut document = match &scenario.source {
        Some(source) => read_json_object(source)?,
        None => serde_json::Map::new(),
    };
    if let Some(source_folder) = scenario.source.as_deref().and_then(Path::parent) {
        rebase_file_paths(&mut document, source_folder, path.parent());
    }
    if scenario.source.is_none() || !document.contains_key("flow") {
        let flow = std::fs::canonicalize(header.flow).unwrap_or_else(|_| header.flow.to_path_buf());
        document.insert("flow".into(), json!(flow.display().to_string()));
    }
    session.merge_into(&mut document);
    let text = serde_json::to_string_pretty(&document).expect("a JSON map always serializes");
    std::fs::write(path, text + "\n")
        .map_err(|e| CliError::input(format!("cannot write the session to {}: {e}", path.display())))
}

/// Makes the relative file paths of a scenario document (`flow`, a `profiles` fixture file and the
/// `file` of each flow and module in `resources`) absolute when the document moves from
/// `source_folder` to `target_folder`, because they are read relative to the scenario's folder.
fn rebase_file_paths(
    document: &mut serde_json::Map<String, Value>,
    source_folder: &Path,
    target_folder: Option<&Path>,
) {
    let canonical = |folder: Option<&Path>| {
        let folder = folder
            .filter(|f| !f.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::canonicalize(folder).ok()
    };
    let source = canonical(Some(source_folder));
    if source.is_some() && source == canonical(target_folder) {
        return;
    }
    let rebase = |value: &mut Value| {
        if let Some(relative) = value.as_str().map(Path::new).filter(|p| p.is_relative()) {
            let joined = source_folder.join(relative);
            let absolute = std::fs::canonicalize(&joined).unwrap_or(joined);
            *value = json!(absolute.display().to_string());
        }
    };
    for key in ["flow", "profiles"] {
        if let Some(value) = document.get_mut(key) {
            rebase(value);
        }
    }
    let Some(resources) = document.get_mut("resources").and_then(Value::as_object_mut) else {
        return;
    };
    for kind in ["flows", "modules"] {
        let entries = resources.get_mut(kind).and_then(Value::as_object_mut);
        for entry in entries.into_iter().flat_map(|entries| entries.values_mut()) {
            if let Some(file) = entry.get_mut("file") {
                rebase(file);
            }
        }
    }
}

fn read_json_object(path: &Path) -> Result<serde_json::Map<String, serde_json::Value>, CliError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| CliError::input(format!("cannot read {}: {e}", path.display())))?;
    match serde_json::from_str(&text) {
        Ok(serde_json::Value::Object(map)) => Ok(map),
        _ => Err(CliError::input(format!(
            "{} is not a JSON object",
            path.display()
        ))),
    }
}

/// Builds the contact that enters the flow and the environment that answers its questions.
pub fn environment(
    args: &RunArgs,
    scenario: &Scenario,
    names: ResourceNames,
) -> Result<(ContactState, ScenarioEnvironment), CliError> {
    let state = flow_scenario::initial_state(scenario).map_err(|e| CliError::input(e.to_string()))?;
    let strict = args.strict || scenario.settings.strict;
    let env = ScenarioEnvironment::new(scenario)
        .with_strict(strict)
        .with_names(names);
    Ok((state, env))
}

/// Picks the entry flow of a folder run: `--start`, else the flow file named on the command line,
/// else the scenario's `flow` when it is a file, else the folder's only flow.
fn choose_entry<'s>(
    args: &RunArgs,
    scenario: &Scenario,
    set: &'s FlowSet,
    folder: &Path,
    entry_file: Option<&Path>,
) -> Result<&'s Member, CliError> {
    if let Some(start) = &args.start {
        return start_member(set, start, folder);
    }
    let named_file = entry_file
        .map(Path::to_path_buf)
        .or_else(|| scenario.flow_path().filter(|p| p.is_file()));
    if let Some(path) = named_file {
        return set.by_path(&path).ok_or_else(|| {
            CliError::input(format!(
                "{} is not among the flows loaded from {}; check that it is a flow-language export",
                path.display(),
                folder.display()
            ))
        });
    }
    let flows: Vec<&Member> = set
        .members()
        .iter()
        .filter(|m| m.kind == MemberKind::Flow)
        .collect();
    match flows.as_slice() {
        [only] => Ok(only),
        _ => {
            let ids: Vec<&str> = flows.iter().map(|m| m.id.as_str()).collect();
            Err(CliError::input(format!(
                "{} holds {} flows ({}); choose the entry flow with --start",
                folder.display(),
                flows.len(),
                ids.join(", ")
            )))
        }
    }
}

/// Finds the member `--start` names: a file, else an id, ARN or resource-map name of a flow or a
/// module.
pub(crate) fn start_member<'s>(set: &'s FlowSet, start: &str, folder: &Path) -> Result<&'s Member, CliError> {
    let by_file = set
        .by_path(Path::new(start))
        .or_else(|| set.by_path(&folder.join(start)));
    if let Some(member) = by_file {
        return Ok(member);
    }
    set.resolve(start, MemberKind::Flow)
        .or_else(|error| set.resolve(start, MemberKind::Module).map_err(|_| error))
        .map_err(|error| {
            CliError::input(format!(
                "--start {error}; give a file in {}, a flow id or ARN, or a name from {RESOURCE_MAP_FILE}",
                folder.display()
            ))
        })
}

/// Returns the resource map beside the flows in `folder`, with the scenario's `resources` section
/// added over it.
pub(crate) fn resource_map(scenario: &Scenario, folder: Option<&Path>) -> Result<ResourceMap, CliError> {
    let beside = match folder {
        Some(folder) => ResourceMap::load_beside(folder).map_err(|e| CliError::input(e.to_string()))?,
        None => None,
    };
    let mut map = beside.unwrap_or_default();
    let mut own = scenario.resources.clone();
    if let Some(scenario_folder) = scenario.source.as_deref().and_then(Path::parent) {
        own.resolve_files(scenario_folder);
    }
    map.merge(own);
    Ok(map)
}

/// Loads one flow file, filling the resource map's placeholders first when it has any.
fn load_flow(path: &Path, resources: &ResourceMap) -> Result<LoadedFlow, CliError> {
    if resources.placeholders.is_empty() || path == Path::new("-") {
        return load_path(path).map_err(|e| CliError::input(e.to_string()));
    }
    let set = FlowSet::load_files(&[path.to_path_buf()], &resources.set_options())
        .map_err(|e| CliError::input(e.to_string()))?;
    let member = set
        .members()
        .first()
        .expect("load_files loads every file it is given or fails");
    Ok(member.loaded.clone())
}

/// Creates the registry with every built-in handler and the Customer Profiles actions.
pub fn registry() -> Registry {
    let mut registry = flow_executor::handlers::builtin_registry();
    customer_profiles::register(&mut registry);
    registry
}

fn load_scenario(path: Option<&Path>) -> Result<Scenario, CliError> {
    match path {
        Some(path) => Scenario::load(path).map_err(|e| CliError::input(e.to_string())),
        None => Ok(Scenario::default()),
    }
}

fn choose_flow(args: &RunArgs, scenario: &Scenario) -> Result<PathBuf, CliError> {
    if let Some(flow) = &args.flow {
        return Ok(flow.clone());
    }
    let Some(path) = scenario.flow_path() else {
        return Err(CliError::input(
            "no flow to run: name the flow file, or give a scenario whose \"flow\" names it",
        ));
    };
    if !path.exists() {
        let source = scenario.source.as_deref().unwrap_or(Path::new("the scenario"));
        let written = scenario.flow.as_deref().unwrap_or(&path);
        return Err(CliError::input(format!(
            "flow file not found: {} (the \"flow\" of {} is {:?}, which is read relative to the \
             scenario's folder); fix the path, or name the flow on the command line",
            path.display(),
            source.display(),
            written.display().to_string()
        )));
    }
    Ok(path)
}

/// Prints the validation diagnostics and returns false when any is an error: on standard error,
/// or with `json` as `diagnostic` events on standard output, before the run's own events.
/// `entry` lists the paths that transfers from other flows of the run wrote or cleared.
fn report_validation(
    loaded: &LoadedFlow,
    flow_type: Option<FlowType>,
    entry: EntryPaths,
    json: bool,
) -> bool {
    let options = ValidateOptions {
        flow_type,
        entry,
        ..ValidateOptions::default()
    };
    let diagnostics = validate(loaded, &options);
    for diagnostic in &diagnostics {
        if first_report(&diagnostic.to_string()) {
            print_diagnostic(diagnostic, json);
        }
    }
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    if errors > 0 {
        eprintln!(
            "flowsim: the flow has {errors} error{}, so it was not run",
            if errors == 1 { "" } else { "s" }
        );
    }
    errors == 0
}

/// Prints one validation finding: on standard error, or with `json` as a `diagnostic` event on
/// standard output, ahead of the command's own events.
pub(crate) fn print_diagnostic(diagnostic: &Diagnostic, json: bool) {
    if json {
        // A closed standard output is noticed, and reported, when the command writes its events.
        let _ = writeln!(io::stdout().lock(), "{}", envelope("diagnostic", diagnostic));
    } else {
        eprintln!("{diagnostic}");
    }
}

/// Returns true the first time this process reports `text`, so `flowsim test` prints a flow's
/// diagnostics once rather than once per scenario that runs it.
fn first_report(text: &str) -> bool {
    static REPORTED: std::sync::OnceLock<std::sync::Mutex<std::collections::HashSet<String>>> =
        std::sync::OnceLock::new();
    let reported = REPORTED.get_or_init(Default::default);
    let mut reported = reported.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    reported.insert(text.to_string())
}

fn check_scenario<'a>(
    scenario: &Scenario,
    flows: impl IntoIterator<Item = &'a Flow>,
    names: &ResourceNames,
) -> Result<(), CliError> {
    let problems = flow_scenario::check_against_named_flows(scenario, flows, names);
    if problems.is_empty() {
        return Ok(());
    }
    let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
    Err(CliError::input(lines.join("\n")))
}

/// Rejects scenario fields that only some entry flows can use, such as a module's input.
pub(crate) fn check_entry(scenario: &Scenario, entry: &Flow) -> Result<(), CliError> {
    match flow_scenario::check_entry(scenario, entry) {
        Some(error) => Err(CliError::input(error.to_string())),
        None => Ok(()),
    }
}

fn run_settings(args: &RunArgs, scenario: &Scenario, loaded: &LoadedFlow) -> RunSettings {
    let mut settings = scenario.run_settings(RunSettings::default());
    if let Some(budget) = args.step_budget {
        settings.step_budget = budget as usize;
    }
    let resolved = ResolvedFlowType::of(&loaded.flow, args.flow_type);
    settings.flow_type = resolved.flow_type.console_name().to_string();
    settings.strict = args.strict || scenario.settings.strict;
    settings
}

/// A prepared run, and what the output prints before the first step.
pub struct Header<'a> {
    pub flow: &'a Path,
    /// The folder of a folder run, with the number of flows and modules loaded from it.
    pub folder: Option<(&'a Path, usize)>,
    pub scenario: Option<&'a Path>,
    pub graph: &'a FlowGraph,
    pub executor: &'a Executor<'a>,
    /// The flow type the run uses, with where it came from.
    pub flow_type: ResolvedFlowType,
    /// Every flow and module the run can enter, with the label the executor reports it by.
    pub flows: Vec<(&'a str, &'a FlowGraph)>,
    /// The flow set of a folder run.
    pub set: Option<&'a FlowSet>,
}

impl Header<'_> {
    fn flow_name(&self) -> Option<&str> {
        self.graph.flow().name()
    }
}

fn run_text(
    executor: &Executor<'_>,
    state: &mut ContactState,
    env: &mut dyn Environment,
    header: &Header<'_>,
    stops: StopRules,
) -> Result<RunOutcome, CliError> {
    let mut out = Output::new(io::stdout().lock());
    let name = header.flow_name().map(|n| format!(" {n:?}")).unwrap_or_default();
    out.line(&format!("flow{name}: {}", header.flow.display()));
    out.line(&format!("flow type: {}", header.flow_type));
    if let Some((folder, count)) = header.folder {
        out.line(&format!(
            "flow set: {} ({count} flows and modules)",
            folder.display()
        ));
    }
    if let Some(scenario) = header.scenario {
        out.line(&format!("scenario: {}", scenario.display()));
    }
    out.line("");
    let trace = RunObserver::new(TextTrace::new(out), stops.watches, stops.breakpoints);
    let mut observer = (trace, stops.prompt_tap);
    let outcome = executor.run(state, env, &mut observer);
    observer.0.finish(state.tree());
    let mut trace = observer.0.recorder.sink;
    trace.write_end(state.tree());
    finish_output(trace.out.finish())?;
    Ok(outcome)
}

fn run_json(
    executor: &Executor<'_>,
    state: &mut ContactState,
    env: &mut dyn Environment,
    header: &Header<'_>,
    stops: StopRules,
) -> Result<RunOutcome, CliError> {
    let mut out = Output::new(io::stdout().lock());
    let data = json!({
        "file": header.flow.display().to_string(),
        "name": header.flow_name(),
        "flowType": header.executor.settings.flow_type,
        "flowTypeSource": header.flow_type.source,
        "scenario": header.scenario.map(|p| p.display().to_string()),
        "flowSet": header.folder.map(|(folder, count)| json!({"folder": folder.display().to_string(), "members": count})),
    });
    out.line(&envelope("flow", data));
    let trace = RunObserver::new(JsonTrace::new(out), stops.watches, stops.breakpoints);
    let mut observer = (trace, stops.prompt_tap);
    let outcome = executor.run(state, env, &mut observer);
    observer.0.finish(state.tree());
    let mut trace = observer.0.recorder.sink;
    trace.write_end(state.tree());
    finish_output(trace.out.finish())?;
    Ok(outcome)
}

//! `flowsim explore`: drive a flow through every transition it can reach and explain the rest.

use super::run::{project_folder, resource_map, start_member};
use super::{CliError, EXIT_OK, EXIT_RUN_FAILED, finish_output};
use crate::cli::ExploreArgs;
use crate::output::Output;
use crate::output::json::envelope;
use flow_graph::analysis::{EntryPaths, transfer_entry_paths};
use flow_graph::load::{LoadedFlow, load_path};
use flow_graph::validate::{ResolvedFlowType, ValidateOptions, validate};
use flow_graph::{FlowGraph, FlowSet, Member, MemberKind};
use flow_scenario::explore::{
    Exploration, ExploreOptions, ReachedTransition, UnreachedTransition, explore, explore_set,
};
use flow_scenario::{RESOURCE_MAP_FILE, Scenario};
use std::io;
use std::path::{Path, PathBuf};

/// Explores the flow and prints a shortest path to each reached transition, then the others with
/// the reason each was not reached.
pub fn run(args: ExploreArgs) -> Result<u8, CliError> {
    let base = match &args.scenario {
        Some(path) => Scenario::load(path).map_err(|e| CliError::input(e.to_string()))?,
        None => Scenario::default(),
    };
    let folder = match args.flow.is_dir() {
        true => Some(args.flow.clone()),
        false => project_folder(&args.flow),
    };
    if let Some(folder) = folder {
        return explore_folder(&args, &base, &folder);
    }
    if let Some(start) = &args.start {
        return Err(CliError::input(format!(
            "--start {start:?} needs a folder of flows, but {} is a file; pass the folder instead",
            args.flow.display()
        )));
    }

    let loaded = load_path(&args.flow).map_err(|e| CliError::input(e.to_string()))?;
    if !valid(&loaded, EntryPaths::default(), args.json) {
        eprintln!("flowsim: the flow has errors, so it was not explored");
        return Ok(EXIT_RUN_FAILED);
    }
    super::run::check_entry(&base, &loaded.flow)?;
    let settings = explore_settings(&base, &loaded);
    let graph = FlowGraph::build(loaded.flow, loaded.source);
    let registry = super::run::registry();
    let exploration = explore(&graph, &registry, &base, settings, options(&args))
        .map_err(|e| CliError::input(e.to_string()))?;
    report(&args, &exploration, &args.flow)
}

/// Explores the flows of `folder` from the entry flow, following module calls and transfers.
fn explore_folder(args: &ExploreArgs, base: &Scenario, folder: &Path) -> Result<u8, CliError> {
    let resources = resource_map(base, Some(folder))?;
    let set =
        FlowSet::load_folder(folder, &resources.set_options()).map_err(|e| CliError::input(e.to_string()))?;
    for skipped in set.skipped().iter().filter(|s| !s.by_name) {
        eprintln!("flowsim: skipped {}: {}", skipped.path.display(), skipped.reason);
    }

    let entry = match (&args.start, args.flow.is_file()) {
        (Some(start), _) => start_member(&set, start, folder)?,
        (None, true) => set.by_path(&args.flow).ok_or_else(|| {
            CliError::input(format!(
                "{} is not among the flows loaded from {}; check that it is a flow-language export",
                args.flow.display(),
                folder.display()
            ))
        })?,
        (None, false) => only_flow(&set, folder)?,
    };

    let invalid = set
        .members()
        .iter()
        .zip(transfer_entry_paths(&set))
        .filter(|(m, entry)| !valid(&m.loaded, entry.clone(), args.json))
        .count();
    if invalid > 0 {
        eprintln!(
            "flowsim: {invalid} flow(s) of {} have errors, so nothing was explored",
            folder.display()
        );
        return Ok(EXIT_RUN_FAILED);
    }
    super::run::check_entry(base, entry.graph.flow())?;

    let settings = explore_settings(base, &entry.loaded);
    let registry = super::run::registry();
    let exploration = explore_set(&entry.graph, &set, &registry, base, settings, options(args))
        .map_err(|e| CliError::input(e.to_string()))?;

    let entry_path = entry.loaded.source.clone().unwrap_or_else(|| args.flow.clone());
    let runs_alone = !folder.join(RESOURCE_MAP_FILE).is_file() && set.members().len() > 1;
    if args.write_scenarios.is_some() && runs_alone {
        eprintln!(
            "flowsim: warning: {} has no {RESOURCE_MAP_FILE}, so `flowsim run --scenario` runs {} alone and the \
             written scenarios may not replay; add a {RESOURCE_MAP_FILE} containing {{}} beside the flows",
            folder.display(),
            entry_path.display()
        );
    }
    report(args, &exploration, &entry_path)
}

/// Returns the folder's only flow, the entry when `--start` names none.
fn only_flow<'s>(set: &'s FlowSet, folder: &Path) -> Result<&'s Member, CliError> {
    let flows: Vec<&Member> = set
        .members()
        .iter()
        .filter(|m| m.kind == MemberKind::Flow)
        .collect();
    match flows.as_slice() {
        [only] => Ok(only),
        _ => {
            let files: Vec<String> = flows
                .iter()
                .filter_map(|m| m.loaded.source.as_deref())
                .map(|p| p.display().to_string())
                .collect();
            Err(CliError::input(format!(
                "{} contains {} flows ({}); choose the entry flow with --start",
                folder.display(),
                flows.len(),
                files.join(", ")
            )))
        }
    }
}

/// Prints the flow's diagnostics and returns true when none is an error: on standard error, or
/// with `json` as `diagnostic` events on standard output, before the exploration's own events.
/// `entry` lists the paths that transfers from other flows of the folder wrote or cleared.
fn valid(loaded: &LoadedFlow, entry: EntryPaths, json: bool) -> bool {
    let options = ValidateOptions {
        entry,
        ..ValidateOptions::default()
    };
    let diagnostics = validate(loaded, &options);
    for diagnostic in &diagnostics {
        super::run::print_diagnostic(diagnostic, json);
    }
    !diagnostics.iter().any(|d| d.is_error())
}

fn explore_settings(base: &Scenario, entry: &LoadedFlow) -> flow_executor::RunSettings {
    let mut settings = base.run_settings(flow_executor::RunSettings::default());
    let flow_type = ResolvedFlowType::of(&entry.flow, None).flow_type;
    settings.flow_type = flow_type.console_name().to_string();
    settings
}

fn options(args: &ExploreArgs) -> ExploreOptions {
    ExploreOptions {
        max_depth: args.max_depth as usize,
        max_runs: args.max_runs as usize,
    }
}

/// Writes the scenarios when asked and prints the report. `entry` is the flow file the written
/// scenarios name.
fn report(args: &ExploreArgs, exploration: &Exploration, entry: &Path) -> Result<u8, CliError> {
    if let Some(folder) = &args.write_scenarios {
        write_scenarios(exploration, args, entry, folder)?;
    }
    let mut out = Output::new(io::stdout().lock());
    if args.json {
        print_json(&mut out, exploration);
    } else {
        print_text(&mut out, exploration, entry);
    }
    finish_output(out.finish())?;
    Ok(EXIT_OK)
}

fn print_json<W: io::Write>(out: &mut Output<W>, exploration: &Exploration) {
    for reached in &exploration.reached {
        out.line(&envelope("transition", reached));
    }
    for unreached in &exploration.unreached {
        out.line(&envelope("unreached", unreached));
    }
    out.line(&envelope("summary", &exploration.summary));
}

fn print_text<W: io::Write>(out: &mut Output<W>, exploration: &Exploration, flow: &Path) {
    out.line(&format!("flow {:?}: {}", exploration.flow, flow.display()));
    let mut flows: Vec<&str> = Vec::new();
    let all = exploration.reached.iter().map(|r| &r.transition);
    for transition in all.chain(exploration.unreached.iter().map(|u| &u.transition)) {
        if !flows.contains(&transition.flow.as_str()) {
            flows.push(&transition.flow);
        }
    }
    let several = flows.len() > 1;
    out.line("");
    out.line("reached:");
    for flow in &flows {
        let mut reached = exploration
            .reached
            .iter()
            .filter(|r| r.transition.flow == *flow)
            .peekable();
        if several && reached.peek().is_some() {
            out.line(&format!(" in flow {flow:?}:"));
        }
        for transition in reached {
            print_reached(out, transition);
        }
    }
    out.line("");
    out.line("not reached:");
    for flow in &flows {
        let mut unreached = exploration
            .unreached
            .iter()
            .filter(|u| u.transition.flow == *flow)
            .peekable();
        if several && unreached.peek().is_some() {
            out.line(&format!(" in flow {flow:?}:"));
        }
        for transition in unreached {
            print_unreached(out, transition);
        }
    }
    out.line("");
    print_summary(out, exploration);
}

fn print_reached<W: io::Write>(out: &mut Output<W>, reached: &ReachedTransition) {
    let t = &reached.transition;
    out.line(&format!(
        "  {} {} {} -> {} (step {})",
        t.action_type,
        t.block(),
        t.label,
        t.target,
        reached.steps
    ));
    for choice in &reached.choices {
        let subject = match choice.subject.is_empty() {
            true => String::new(),
            false => format!(" {}", choice.subject),
        };
        out.line(&format!(
            "      {}{subject} at {}: {}",
            choice.question,
            choice.identifier,
            choice.choice.describe()
        ));
    }
}

fn print_unreached<W: io::Write>(out: &mut Output<W>, unreached: &UnreachedTransition) {
    let t = &unreached.transition;
    out.line(&format!(
        "  {} {} {} -> {}: {}",
        t.action_type,
        t.block(),
        t.label,
        t.target,
        unreached.reason.describe()
    ));
}

fn print_summary<W: io::Write>(out: &mut Output<W>, exploration: &Exploration) {
    let s = &exploration.summary;
    out.line(&format!(
        "{} transitions: {} reached, {} dead, {} not reached within the bounds ({} runs)",
        s.transitions, s.reached, s.dead, s.unreached, s.runs
    ));
    if s.depth_limit_hits > 0 {
        out.line(&format!(
            "bound hit: {} runs stopped at --max-depth {} steps",
            s.depth_limit_hits, s.max_depth
        ));
    }
    if s.run_limit_hit {
        out.line(&format!(
            "bound hit: exploration stopped after --max-runs {} runs with choices left to try",
            s.max_runs
        ));
    }
}

/// Writes one `*.scenario.json` per reached transition into `folder`, with a profile fixture
/// beside each scenario whose path searches profiles.
fn write_scenarios(
    exploration: &Exploration,
    args: &ExploreArgs,
    entry: &Path,
    folder: &Path,
) -> Result<(), CliError> {
    std::fs::create_dir_all(folder)
        .map_err(|e| CliError::input(format!("cannot create folder {}: {e}", folder.display())))?;
    let earlier = earlier_scenarios(folder)?;
    let flow_reference = relative_path(entry, folder);
    let base = base_json(args.scenario.as_deref(), folder)?;
    let mut files = flow_scenario::explore::scenario_files(exploration, &flow_reference, &base);
    // A file that stays, because the user wrote or edited it, keeps its name, and the new file
    // that would take that name gets another.
    let in_use = |name: &str| {
        let path = folder.join(name);
        path.exists() && !earlier.removed.contains(&path)
    };
    for file in &mut files {
        rename_if_taken(file, &in_use);
    }

    for path in &earlier.removed {
        remove_with_companions(folder, path)?;
    }
    if !earlier.removed.is_empty() {
        eprintln!(
            "flowsim: removed {} scenario(s) that an earlier flowsim explore wrote in {}, with their snapshots and fixtures",
            earlier.removed.len(),
            folder.display()
        );
    }
    if earlier.kept_count > 0 {
        eprintln!(
            "flowsim: kept {} scenario(s) that an earlier flowsim explore wrote and that now have an `expect` section",
            earlier.kept_count
        );
    }
    for file in &files {
        write_json(&folder.join(&file.file_name), &file.scenario)?;
        if let Some((name, fixture)) = &file.fixture {
            write_json(&folder.join(name), fixture)?;
        }
    }
    eprintln!(
        "flowsim: wrote {} scenario(s) to {}; run `flowsim test --accept {}` to write their snapshots",
        files.len(),
        folder.display(),
        folder.display()
    );
    Ok(())
}

/// The scenarios in a folder that an earlier exploration wrote.
struct EarlierScenarios {
    /// The scenarios to replace: their `description` ends with the explorer's mark and they have
    /// no `expect` section.
    removed: Vec<PathBuf>,
    /// How many carry the mark but have an `expect` section, which only a person adds.
    kept_count: usize,
}

/// Finds the scenarios in `folder` that an earlier exploration wrote, without changing anything.
fn earlier_scenarios(folder: &Path) -> Result<EarlierScenarios, CliError> {
    let entries = std::fs::read_dir(folder)
        .map_err(|e| CliError::input(format!("cannot read folder {}: {e}", folder.display())))?;
    let mut earlier = EarlierScenarios {
        removed: Vec::new(),
        kept_count: 0,
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if !path.to_string_lossy().ends_with(".scenario.json") {
            continue;
        }
        let Some(scenario) = std::fs::read_to_string(&path)
            .ok()
            .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
        else {
            continue;
        };
        let written = scenario["description"]
            .as_str()
            .is_some_and(|description| description.ends_with(flow_scenario::explore::WRITTEN_MARK));
        match (written, scenario.get("expect").is_some()) {
            (true, false) => earlier.removed.push(path),
            (true, true) => earlier.kept_count += 1,
            (false, _) => {}
        }
    }
    earlier.removed.sort();
    Ok(earlier)
}

/// Removes a scenario with the snapshot and profile fixture beside it.
fn remove_with_companions(folder: &Path, scenario: &Path) -> Result<(), CliError> {
    let name = scenario.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let stem = name.strip_suffix(".scenario.json").unwrap_or(name);
    for file in [
        scenario.to_path_buf(),
        folder.join(format!("{stem}.snap")),
        folder.join(format!("{stem}.profiles.json")),
    ] {
        match std::fs::remove_file(&file) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(CliError::input(format!("cannot remove {}: {e}", file.display()))),
        }
    }
    Ok(())
}

/// Gives `file` and its fixture the first free name `<stem>-2`, `<stem>-3`, ... when `in_use`
/// reports its name, or its fixture's, as used.
fn rename_if_taken(file: &mut flow_scenario::explore::WrittenScenario, in_use: &impl Fn(&str) -> bool) {
    let stem = file
        .file_name
        .strip_suffix(".scenario.json")
        .unwrap_or(&file.file_name)
        .to_string();
    let names = |stem: &str| (format!("{stem}.scenario.json"), format!("{stem}.profiles.json"));
    let free = |stem: &str| {
        let (scenario, fixture) = names(stem);
        !in_use(&scenario) && (file.fixture.is_none() || !in_use(&fixture))
    };
    if free(&stem) {
        return;
    }
    let Some(new_stem) = (2..)
        .map(|n| format!("{stem}-{n}"))
        .find(|candidate| free(candidate))
    else {
        return;
    };
    let (scenario_name, fixture_name) = names(&new_stem);
    file.file_name = scenario_name;
    if let Some((name, _)) = &mut file.fixture {
        *name = fixture_name.clone();
        file.scenario["profiles"] = serde_json::Value::String(fixture_name);
    }
}

/// Returns the base scenario's JSON with its `profiles` fixture path made relative to `folder`, or
/// an empty object without a base scenario.
fn base_json(scenario: Option<&Path>, folder: &Path) -> Result<serde_json::Value, CliError> {
    let Some(path) = scenario else {
        return Ok(serde_json::json!({}));
    };
    let text = std::fs::read_to_string(path)
        .map_err(|e| CliError::input(format!("cannot read scenario {}: {e}", path.display())))?;
    let mut base: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| CliError::input(format!("invalid scenario {}: {e}", path.display())))?;
    let beside = path.parent().unwrap_or(Path::new("."));
    if let Some(serde_json::Value::String(fixture)) = base.get_mut("profiles") {
        *fixture = relative_path(&beside.join(&*fixture), folder);
    }
    Ok(base)
}

fn write_json(path: &Path, value: &serde_json::Value) -> Result<(), CliError> {
    let text = serde_json::to_string_pretty(value).expect("a JSON value always serializes") + "\n";
    std::fs::write(path, text).map_err(|e| CliError::input(format!("cannot write {}: {e}", path.display())))
}

/// Returns `flow` as a path relative to `folder`, for a scenario's `flow` field.
fn relative_path(flow: &Path, folder: &Path) -> String {
    let absolute = |path: &Path| std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let flow = absolute(flow);
    let folder = absolute(folder);
    let common = flow
        .components()
        .zip(folder.components())
        .take_while(|(a, b)| a == b)
        .count();
    let mut relative = PathBuf::new();
    for _ in folder.components().skip(common) {
        relative.push("..");
    }
    for component in flow.components().skip(common) {
        relative.push(component);
    }
    relative.to_string_lossy().replace('\\', "/")
}

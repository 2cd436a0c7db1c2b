//! `flowsim lint`: load and validate flows, print every diagnostic.

use super::run::project_folder;
use super::{CliError, EXIT_LINT_ERRORS, EXIT_OK, EXIT_USAGE, finish_output};
use crate::cli::LintArgs;
use crate::output::Output;
use crate::output::json::envelope;
use crate::output::sarif::{LintedFile, sarif_log};
use flow_graph::analysis::{EntryPaths, transfer_entry_paths};
use flow_graph::load::{LoadError, LoadErrorKind, LoadedFlow, load_path};
use flow_graph::validate::{ResolvedFlowType, ValidateOptions, validate};
use flow_graph::{Diagnostic, FlowSet, SetOptions};
use flow_scenario::{RESOURCE_MAP_FILE, ResourceMap};
use std::io;
use std::path::{Path, PathBuf};

/// One file that a command-line path names, directly or as a member of a folder.
pub(crate) struct Target {
    pub path: PathBuf,
    pub outcome: Outcome,
    /// The paths that transfers from other flows of the folder wrote or cleared before entering
    /// this flow, for the dataflow rules.
    pub entry: EntryPaths,
}

/// The result of loading a [`Target`].
pub(crate) enum Outcome {
    /// The flow or module, with the placeholders of the resource map beside it filled.
    Loaded(Box<LoadedFlow>),
    /// The file could not be loaded as a flow.
    Failed(LoadError),
    /// The file is not a flow, such as the resource map, for the reason given.
    Skipped(String),
}

/// Expands one command-line path into the files to check.
///
/// A folder gives every flow and module in it, loaded as `flowsim run` loads a folder: the
/// placeholders of its `flowsim.resources.json` are filled, and scenario files and the resource
/// map are left out. A file with a resource map beside it has that map's placeholders filled. The
/// resource map itself, named as a file, is skipped. Fails only when a resource map is invalid.
pub(crate) fn expand(path: &Path) -> Result<Vec<Target>, CliError> {
    if path.is_dir() {
        return expand_folder(path);
    }
    let mut entry = EntryPaths::default();
    let outcome = if path.file_name().is_some_and(|name| name == RESOURCE_MAP_FILE) {
        Outcome::Skipped(
            "the resource map, not a flow; it fills the placeholders of the flows beside it".to_string(),
        )
    } else if let Some(folder) = project_folder(path) {
        let options = resource_map(&folder)?.set_options();
        match folder_member(&folder, path, &options) {
            Some((loaded, member_entry)) => {
                entry = member_entry;
                Outcome::Loaded(Box::new(loaded))
            }
            // A file the folder load skips is loaded alone, so that its load error is reported.
            None => load_one(path, &options),
        }
    } else {
        match load_path(path) {
            Ok(loaded) => Outcome::Loaded(Box::new(loaded)),
            Err(error) => Outcome::Failed(error),
        }
    };
    Ok(vec![Target {
        path: path.to_path_buf(),
        outcome,
        entry,
    }])
}

/// Returns the flow at `path` as a folder load of `folder` loads it, with the paths that the other
/// flows of the folder write before transferring to it, or `None` when the load leaves it out.
fn folder_member(folder: &Path, path: &Path, options: &SetOptions) -> Option<(LoadedFlow, EntryPaths)> {
    let set = FlowSet::load_folder(folder, options).ok()?;
    let member = set.by_path(path)?;
    let index = set
        .members()
        .iter()
        .position(|m| std::ptr::eq(m, member))
        .expect("by_path returns a member of the set");
    let entry = transfer_entry_paths(&set).swap_remove(index);
    Some((member.loaded.clone(), entry))
}

fn expand_folder(folder: &Path) -> Result<Vec<Target>, CliError> {
    let options = resource_map(folder)?.set_options();
    let set = match FlowSet::load_folder(folder, &options) {
        Ok(set) => set,
        Err(error) => {
            return Ok(vec![Target {
                path: folder.to_path_buf(),
                outcome: Outcome::Failed(error),
                entry: EntryPaths::default(),
            }]);
        }
    };
    let mut targets: Vec<Target> = set
        .members()
        .iter()
        .zip(transfer_entry_paths(&set))
        .map(|(member, entry)| Target {
            path: member.loaded.source.clone().unwrap_or_default(),
            outcome: Outcome::Loaded(Box::new(member.loaded.clone())),
            entry,
        })
        .collect();
    for skipped in set.skipped().iter().filter(|s| !s.by_name) {
        // A folder load skips a file that does not load as a flow. Loading it alone again
        // distinguishes a broken flow, which lint reports, from another JSON document, which it
        // skips. Flow exports are JSON objects, so a top-level array, such as a profile fixture,
        // is another document.
        let outcome = match load_one(&skipped.path, &options) {
            Outcome::Failed(error) if error.kind != LoadErrorKind::NotAnObject => Outcome::Failed(error),
            _ => Outcome::Skipped(skipped.reason.clone()),
        };
        targets.push(Target {
            path: skipped.path.clone(),
            outcome,
            entry: EntryPaths::default(),
        });
    }
    targets.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(targets)
}

fn resource_map(folder: &Path) -> Result<ResourceMap, CliError> {
    let map = ResourceMap::load_beside(folder).map_err(|error| CliError::input(error.to_string()))?;
    Ok(map.unwrap_or_default())
}

fn load_one(path: &Path, options: &SetOptions) -> Outcome {
    match FlowSet::load_files(&[path.to_path_buf()], options) {
        Ok(set) => {
            let member = set
                .members()
                .first()
                .expect("load_files loads every file it is given or fails");
            Outcome::Loaded(Box::new(member.loaded.clone()))
        }
        Err(error) => Outcome::Failed(error),
    }
}

/// Lints every flow named on the command line, or found in a folder named there, and returns the
/// exit code.
pub fn lint(args: LintArgs) -> Result<u8, CliError> {
    let options = ValidateOptions {
        strict: args.strict,
        flow_type: args.flow_type,
        ..ValidateOptions::default()
    };
    let mut targets = Vec::new();
    let mut unreadable = 0usize;
    for path in &args.flows {
        let expanded = expand(path)?;
        if expanded.is_empty() {
            eprintln!(
                "flowsim: no flow or module found in {}; a folder's flows are the *.json files directly in it",
                path.display()
            );
            unreadable += 1;
        }
        targets.extend(expanded);
    }

    let mut out = Output::new(io::stdout().lock());
    let mut errors = 0usize;
    let mut warnings = 0usize;
    let mut checked = 0usize;
    let mut linted = Vec::new();
    for target in &targets {
        let diagnostics = match &target.outcome {
            Outcome::Skipped(reason) => {
                eprintln!("flowsim: skipped {}: {reason}", target.path.display());
                continue;
            }
            Outcome::Loaded(loaded) => {
                if !args.json {
                    let resolved = ResolvedFlowType::of(&loaded.flow, args.flow_type);
                    out.line(&format!("{}: checked as {resolved}", target.path.display()));
                }
                let options = ValidateOptions {
                    entry: target.entry.clone(),
                    ..options.clone()
                };
                validate(loaded, &options)
            }
            Outcome::Failed(error) => {
                if error.kind == LoadErrorKind::Io {
                    unreadable += 1;
                }
                vec![error.to_diagnostic()]
            }
        };
        checked += 1;
        for diagnostic in &diagnostics {
            if diagnostic.is_error() {
                errors += 1;
            } else {
                warnings += 1;
            }
            print_diagnostic(&mut out, diagnostic, args.json);
        }
        if args.sarif.is_some() {
            let text = std::fs::read_to_string(&target.path).ok();
            linted.push(LintedFile {
                path: &target.path,
                text,
                diagnostics,
            });
        }
    }
    if let Some(sarif_path) = &args.sarif {
        write_sarif(sarif_path, &linted)?;
    }
    if !args.json {
        out.line(&format!(
            "{checked} file{} checked: {errors} error{}, {warnings} warning{}",
            plural(checked),
            plural(errors),
            plural(warnings)
        ));
    }
    finish_output(out.finish())?;
    Ok(if unreadable > 0 {
        EXIT_USAGE
    } else if errors > 0 {
        EXIT_LINT_ERRORS
    } else {
        EXIT_OK
    })
}

fn write_sarif(path: &Path, linted: &[LintedFile]) -> Result<(), CliError> {
    let log = sarif_log(linted);
    let text = serde_json::to_string_pretty(&log).expect("a JSON value always serializes");
    std::fs::write(path, text + "\n")
        .map_err(|error| CliError::input(format!("cannot write SARIF log {}: {error}", path.display())))
}

fn print_diagnostic(out: &mut Output<impl io::Write>, diagnostic: &Diagnostic, json: bool) {
    if json {
        out.line(&envelope("diagnostic", diagnostic));
    } else {
        out.line(&diagnostic.to_string());
    }
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

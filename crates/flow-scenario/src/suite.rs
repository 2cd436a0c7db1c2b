//! A test suite of scenarios: finding the scenario files, and the result of testing each one.

use crate::expect::Failure;
use crate::snapshot::SnapshotDiff;
use serde::Serialize;
use std::io;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// The ending of a scenario file's name.
pub const SCENARIO_SUFFIX: &str = ".scenario.json";

/// Folders a search for scenarios never enters: Cargo's build output and version-control data.
const SKIPPED_FOLDERS: [&str; 3] = ["target", ".git", "node_modules"];

/// Returns every `*.scenario.json` file under `paths`, sorted and without duplicates, with a
/// leading `./` removed. A path that is a file is taken as a scenario whatever its name.
pub fn find_scenarios(paths: &[PathBuf]) -> io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    for path in paths {
        if path.is_file() {
            found.push(path.clone());
            continue;
        }
        if !path.is_dir() {
            let message = format!("{} is not a file or a folder", path.display());
            return Err(io::Error::new(io::ErrorKind::NotFound, message));
        }
        found.extend(scenarios_in(path)?);
    }
    for path in &mut found {
        if let Ok(inside) = path.strip_prefix(".") {
            *path = inside.to_path_buf();
        }
    }
    found.sort();
    found.dedup();
    Ok(found)
}

fn scenarios_in(folder: &Path) -> io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let walk = WalkDir::new(folder)
        .follow_links(false)
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !is_skipped_folder(entry));
    for entry in walk {
        let entry = entry.map_err(io::Error::other)?;
        let is_scenario = entry
            .file_name()
            .to_str()
            .is_some_and(|n| n.ends_with(SCENARIO_SUFFIX));
        if entry.file_type().is_file() && is_scenario {
            found.push(entry.into_path());
        }
    }
    Ok(found)
}

fn is_skipped_folder(entry: &walkdir::DirEntry) -> bool {
    let name = entry.file_name().to_str().unwrap_or("");
    entry.file_type().is_dir() && SKIPPED_FOLDERS.contains(&name)
}

/// Returns a scenario's name for reports: its file name without `.scenario.json`.
pub fn scenario_name(path: &Path) -> String {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("scenario");
    name.strip_suffix(SCENARIO_SUFFIX).unwrap_or(name).to_string()
}

/// Removes `.` and `name/..` from a path without touching the file system, so that reports show
/// `flows/menu/menu.json` for `flows/menu/scenarios/../menu.json`.
pub fn tidy_path(path: &Path) -> String {
    crate::scenario::lexically_tidy(path).display().to_string()
}

/// The state of a scenario's trace snapshot after the test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum SnapshotStatus {
    /// The run matches the snapshot.
    Matched,
    /// No snapshot existed, so `--accept` wrote one.
    Written,
    /// The run differed from the snapshot, so `--accept` replaced it.
    Updated,
    /// No snapshot exists.
    Missing,
    /// The run differs from the snapshot.
    Changed,
    /// The scenario did not run, so there is no trace to compare.
    NotRun,
}

/// The cause of a scenario's failure.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum TestFailure {
    /// The scenario or its flow could not be loaded or run.
    Error { message: String },
    /// An expectation of the `expect` section was not met.
    Expectation(Failure),
    /// There is no snapshot beside the scenario.
    MissingSnapshot { snapshot: String },
    /// The trace differs from the snapshot.
    ChangedSnapshot {
        snapshot: String,
        #[serde(flatten)]
        diff: SnapshotDiff,
    },
}

impl TestFailure {
    /// Returns one line that describes the failure.
    pub fn message(&self) -> String {
        match self {
            TestFailure::Error { message } => message.clone(),
            TestFailure::Expectation(failure) => failure.to_string(),
            TestFailure::MissingSnapshot { snapshot } => {
                format!("snapshot {snapshot} is missing; run `flowsim test --accept` to write it")
            }
            TestFailure::ChangedSnapshot { snapshot, diff } => {
                format!("the trace differs from snapshot {snapshot}: {}", diff.summary())
            }
        }
    }

    /// Returns the message followed by the diff, for a changed snapshot.
    pub fn details(&self) -> String {
        match self {
            TestFailure::ChangedSnapshot { diff, .. } => format!("{}\n{}", self.message(), diff.diff),
            _ => self.message(),
        }
    }
}

/// The result of testing one scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScenarioResult {
    /// The scenario file, as it was found.
    pub scenario: String,
    /// The entry flow's file, or the scenario file when the scenario did not load.
    pub flow: String,
    /// The run's end, in the words of `expect.end`, when it ran.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
    pub steps: usize,
    pub snapshot: SnapshotStatus,
    pub failures: Vec<TestFailure>,
}

impl ScenarioResult {
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }

    /// Returns the scenario's name for reports.
    pub fn name(&self) -> String {
        scenario_name(Path::new(&self.scenario))
    }
}

//! Checks flowsim against the shared corpus of real flows, when the corpus is present.
//!
//! Every valid flow must validate with no error. Each broken flow must get its dangling-target or
//! empty-start error, and each hand-written flow an unknown-type error. Each legacy export must be
//! rejected as legacy.

use flow_graph::codes;
use flow_graph::validate::{ValidateOptions, validate};
use flow_graph::{Diagnostic, LoadErrorKind, load_path};
use std::path::{Path, PathBuf};

fn corpus_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    dir.is_dir().then_some(dir)
}

fn files(dir: &Path, folder: &str) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir.join(folder))
        .expect("corpus folder is readable")
        .map(|entry| entry.expect("corpus entry is readable").path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    paths
}

fn diagnostics(path: &Path) -> Vec<Diagnostic> {
    let loaded = load_path(path).unwrap_or_else(|error| panic!("{error}"));
    validate(&loaded, &ValidateOptions::default())
}

#[test]
fn valid_flows_have_no_errors() {
    let Some(dir) = corpus_dir() else { return };
    let paths = files(&dir, "flows");
    let mut failures = Vec::new();
    let mut warnings = 0;
    for path in &paths {
        let found = diagnostics(path);
        warnings += found.iter().filter(|d| !d.is_error()).count();
        failures.extend(
            found
                .into_iter()
                .filter(Diagnostic::is_error)
                .map(|d| d.to_string()),
        );
    }
    println!(
        "flows: {} files, {warnings} warnings, {} errors",
        paths.len(),
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "errors in valid corpus flows:\n{}",
        failures.join("\n")
    );
}

#[test]
fn broken_flows_get_target_errors() {
    let Some(dir) = corpus_dir() else { return };
    for path in files(&dir, "broken") {
        let found = diagnostics(&path);
        let expected = [
            codes::TARGET_DANGLING,
            codes::START_ACTION_MISSING,
            codes::START_ACTION_DANGLING,
        ];
        let count = found
            .iter()
            .filter(|d| d.is_error() && expected.contains(&d.code))
            .count();
        println!("{}: {count} target errors", path.display());
        assert!(count > 0, "{} got no dangling-target error", path.display());
    }
}

#[test]
fn nonstandard_flows_get_unknown_type_errors() {
    let Some(dir) = corpus_dir() else { return };
    let mut suggested = 0;
    let paths = files(&dir, "nonstandard");
    for path in &paths {
        let found = diagnostics(path);
        let unknown: Vec<_> = found.iter().filter(|d| d.code == codes::UNKNOWN_TYPE).collect();
        assert!(
            !unknown.is_empty(),
            "{} got no unknown-type error",
            path.display()
        );
        assert!(unknown.iter().all(|d| d.is_error()));
        let has_suggestion = unknown
            .iter()
            .any(|d| d.hint.as_deref().is_some_and(|h| h.starts_with("did you mean")));
        suggested += usize::from(has_suggestion);
    }
    println!(
        "nonstandard: {} files, {suggested} with a did-you-mean",
        paths.len()
    );
    // Every file but the one whose only invented type is `BrandNewDesignerBlock2030` uses a known
    // misname.
    assert!(
        suggested + 1 >= paths.len(),
        "only {suggested} of {} files got a did-you-mean",
        paths.len()
    );
}

#[test]
fn legacy_exports_are_rejected() {
    let Some(dir) = corpus_dir() else { return };
    let paths = files(&dir, "legacy");
    for path in &paths {
        let error = load_path(path).expect_err("a legacy export must not load");
        assert_eq!(error.kind, LoadErrorKind::Legacy, "{}", path.display());
    }
    println!("legacy: {} files rejected", paths.len());
}

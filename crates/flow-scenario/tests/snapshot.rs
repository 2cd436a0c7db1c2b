//! Trace snapshots: their text, the diff between two runs, and atomic writes.

mod support;

use flow_scenario::snapshot::{compare, render_snapshot, snapshot_path, write_atomically};
use serde_json::json;
use std::path::{Path, PathBuf};
use support::{Run, run_menu};

fn snapshot_of(run: &Run) -> String {
    render_snapshot(&run.steps.steps, &run.outcome)
}

fn billing_text() -> String {
    snapshot_of(&run_menu(
        json!({"contact": {"attributes": {"name": "Maya"}}, "inputs": ["1"]}),
    ))
}

#[test]
fn snapshot_of_billing_run() {
    insta::assert_snapshot!(billing_text());
}

#[test]
fn snapshot_is_stable_between_runs() {
    assert_eq!(billing_text(), billing_text());
}

#[test]
fn same_text_has_no_diff() {
    let text = billing_text();
    assert_eq!(compare(&text, &text), None);
    assert_eq!(compare(&text.replace('\n', "\r\n"), &text), None);
}

#[test]
fn diff_names_where_the_runs_part() {
    let before = billing_text();
    let after = snapshot_of(&run_menu(
        json!({"contact": {"attributes": {"name": "Maya"}}, "inputs": ["2"]}),
    ));
    let diff = compare(&before, &after).expect("the runs differ");
    let parting = diff.parting.as_ref().expect("the runs enter different blocks");
    assert_eq!(parting.step, 3);
    assert_eq!(parting.expected.as_deref(), Some("billing"));
    assert_eq!(parting.actual.as_deref(), Some("bye"));
    let first = diff.first_difference.as_ref().expect("a step differs");
    assert_eq!((first.step, first.identifier.as_str()), (2, "menu"));
    assert_eq!(
        diff.summary(),
        "the trace first differs at step 2 in block menu; the runs part at step 3: expected block billing, got block bye"
    );
    insta::assert_snapshot!(diff.diff);
}

#[test]
fn diff_of_a_shorter_run() {
    let before = billing_text();
    let cut = before
        .find("step 5: queue")
        .expect("the billing run has a fifth step");
    let after = format!(
        "{}end: disconnected at block set-queue after 4 steps\n",
        &before[..cut]
    );
    let diff = compare(&before, &after).expect("the runs differ");
    assert_eq!(
        diff.summary(),
        "the runs part at step 5: expected block queue, got the end of the run"
    );
}

#[test]
fn diff_of_same_blocks_names_the_step() {
    let before = billing_text();
    let after = before.replace(r#""billing""#, r#""sales""#);
    let diff = compare(&before, &after).expect("the texts differ");
    assert_eq!(diff.parting, None);
    assert_eq!(
        diff.summary(),
        "the runs pass the same blocks, but the trace first differs at step 3 in block billing"
    );
}

#[test]
fn snapshot_path_replaces_the_scenario_suffix() {
    let cases = [
        (
            "flows/menu/gold-caller.scenario.json",
            "flows/menu/gold-caller.snap",
        ),
        ("plain.json", "plain.snap"),
        ("odd", "odd.snap"),
    ];
    for (scenario, snapshot) in cases {
        assert_eq!(
            snapshot_path(Path::new(scenario)),
            PathBuf::from(snapshot),
            "{scenario}"
        );
    }
}

#[test]
fn atomic_write_replaces_the_file() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let path = folder.path().join("menu.snap");
    write_atomically(&path, "first\n").expect("the first write succeeds");
    write_atomically(&path, "second\n").expect("the second write succeeds");
    assert_eq!(
        std::fs::read_to_string(&path).expect("the file exists"),
        "second\n"
    );
    let entries = std::fs::read_dir(folder.path())
        .expect("the folder lists")
        .count();
    assert_eq!(entries, 1, "no temporary file is left behind");
}

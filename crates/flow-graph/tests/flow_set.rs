//! Loads a folder as a `FlowSet` and resolves targets by ARN, qualifier, id and mapped name.

use flow_graph::{FlowSet, MemberKind, SetOptions};
use indexmap::IndexMap;
use std::path::{Path, PathBuf};

const FOLDER: &str = "tests/fixtures/flow_set";
const INSTANCE: &str = "arn:aws:connect:us-east-1:123456789012:instance/i-1";

fn options() -> SetOptions {
    let mut names = IndexMap::new();
    names.insert("Main IVR".to_string(), "main".to_string());
    names.insert(
        "Account lookup".to_string(),
        format!("{INSTANCE}/flow-module/lookup"),
    );
    names.insert("Stale".to_string(), "deleted-flow".to_string());
    let mut placeholders = IndexMap::new();
    placeholders.insert(
        "${BillingFlowArn}".to_string(),
        format!("{INSTANCE}/contact-flow/billing"),
    );
    SetOptions {
        placeholders,
        ids_by_file: vec![(Path::new(FOLDER).join("templated.json"), "t-1".to_string())],
        names,
    }
}

fn folder_set() -> FlowSet {
    FlowSet::load_folder(Path::new(FOLDER), &options()).expect("the fixture folder loads")
}

#[test]
fn folder_members_and_ids() {
    let set = folder_set();
    let ids: Vec<(&str, MemberKind)> = set.members().iter().map(|m| (m.id.as_str(), m.kind)).collect();
    assert_eq!(
        ids,
        [
            ("f-described", MemberKind::Flow),
            ("lookup", MemberKind::Module),
            ("main", MemberKind::Flow),
            ("t-1", MemberKind::Flow),
        ]
    );
    let described = set.by_id("f-described").expect("the wrapper gives the id");
    assert_eq!(
        described.arn.as_deref(),
        Some("arn:aws:connect:us-east-1:123456789012:instance/i-1/contact-flow/f-described")
    );
}

#[test]
fn folder_skips_with_reasons() {
    let set = folder_set();
    let skipped: Vec<(String, bool)> = set
        .skipped()
        .iter()
        .map(|s| {
            (
                s.path.file_name().unwrap().to_string_lossy().into_owned(),
                s.by_name,
            )
        })
        .collect();
    assert_eq!(
        skipped,
        [
            ("main.scenario.json".to_string(), true),
            ("notes.json".to_string(), false),
            ("profiles.json".to_string(), false),
        ]
    );
    let notes = &set.skipped()[1].reason;
    assert_eq!(
        notes,
        "not a flow-language export: no Version, StartAction or Actions"
    );
    let profiles = &set.skipped()[2].reason;
    assert!(profiles.contains("expected a flow object"), "reason: {profiles}");
}

#[test]
fn placeholders_filled_before_parse() {
    let set = folder_set();
    let templated = set.by_id("t-1").expect("the map gives templated.json its id");
    let action = &templated.graph.flow().actions[0];
    assert_eq!(
        action.parameters["ContactFlowId"],
        "arn:aws:connect:us-east-1:123456789012:instance/i-1/contact-flow/billing"
    );
}

#[test]
fn resolution_table() {
    let set = folder_set();
    let cases: [(&str, MemberKind, Result<&str, &str>); 14] = [
        ("main", MemberKind::Flow, Ok("main")),
        ("main:$LATEST", MemberKind::Flow, Ok("main")),
        ("f-described:7", MemberKind::Flow, Ok("f-described")),
        (
            "arn:aws:connect:us-east-1:123456789012:instance/i-1/contact-flow/main",
            MemberKind::Flow,
            Ok("main"),
        ),
        (
            "arn:aws:connect:eu-west-2:999999999999:instance/other/contact-flow/main:prod",
            MemberKind::Flow,
            Ok("main"),
        ),
        (
            "arn:aws:connect:us-east-1:123456789012:instance/i-1/flow-module/lookup:$LATEST",
            MemberKind::Module,
            Ok("lookup"),
        ),
        ("lookup", MemberKind::Module, Ok("lookup")),
        ("Main IVR", MemberKind::Flow, Ok("main")),
        ("Account lookup", MemberKind::Module, Ok("lookup")),
        (
            "Main",
            MemberKind::Flow,
            Err("the resource map declares no such name"),
        ),
        (
            "Stale",
            MemberKind::Flow,
            Err("no loaded flow or module has id \"deleted-flow\""),
        ),
        (
            "lookup",
            MemberKind::Flow,
            Err("names the module \"lookup\", not a flow"),
        ),
        (
            "arn:aws:connect:us-east-1:123456789012:instance/i-1/flow-module/main",
            MemberKind::Flow,
            Err("the ARN names a module, not a flow"),
        ),
        (
            "arn:aws:connect:us-east-1:123456789012:instance/i-1/contact-flow/gone",
            MemberKind::Flow,
            Err("no loaded flow has either"),
        ),
    ];
    for (target, kind, expected) in cases {
        let actual = set.resolve(target, kind);
        match (expected, actual) {
            (Ok(id), Ok(member)) => assert_eq!(member.id, id, "target {target}"),
            (Err(part), Err(error)) => {
                assert!(error.reason.contains(part), "target {target}: {}", error.reason)
            }
            (expected, actual) => panic!(
                "target {target}: expected {expected:?}, got {:?}",
                actual.map(|m| &m.id)
            ),
        }
    }
}

#[test]
fn load_files_rejects_non_flow() {
    let paths = [PathBuf::from(FOLDER).join("profiles.json")];
    let error = FlowSet::load_files(&paths, &SetOptions::default()).expect_err("a fixture is not a flow");
    assert!(
        error.message.contains("expected a flow object"),
        "{}",
        error.message
    );
}

#[test]
fn missing_folder_is_error() {
    let error = FlowSet::load_folder(Path::new("tests/fixtures/no-such-folder"), &SetOptions::default())
        .expect_err("a missing folder cannot be listed");
    assert!(
        error.message.starts_with("failed to list folder"),
        "{}",
        error.message
    );
}

//! Snapshot tests of loading and validating the fixture flows under `tests/fixtures`.

use flow_graph::load::LoadedFlow;
use flow_graph::load_bytes;
use flow_graph::validate::{ValidateOptions, validate};
use std::fmt::Write;
use std::path::{Path, PathBuf};

/// Loads a fixture, naming it by its file name so snapshots do not depend on the checkout path.
fn load_fixture(path: &Path) -> Result<LoadedFlow, flow_graph::LoadError> {
    let bytes = std::fs::read(path).expect("fixture is readable");
    let name = path.file_name().expect("fixture has a file name");
    load_bytes(&bytes, Some(PathBuf::from(name)))
}

fn render_loaded(loaded: &LoadedFlow) -> String {
    let mut out = String::new();
    writeln!(out, "format: {:?}", loaded.format).unwrap();
    writeln!(out, "version: {:?}", loaded.flow.version).unwrap();
    writeln!(out, "start: {:?}", loaded.flow.start_action).unwrap();
    for (index, action) in loaded.flow.actions.iter().enumerate() {
        let transitions = flow_graph::graph::transitions_of(action);
        let pointer = loaded.action_pointer(index);
        writeln!(
            out,
            "action {pointer} {:?} {:?} -> {transitions:?}",
            action.identifier, action.action_type
        )
        .unwrap();
    }
    for diagnostic in &loaded.diagnostics {
        writeln!(out, "{diagnostic}").unwrap();
    }
    out
}

fn render_diagnostics(loaded: &LoadedFlow, options: &ValidateOptions) -> String {
    let diagnostics = validate(loaded, options);
    if diagnostics.is_empty() {
        return "no diagnostics\n".to_string();
    }
    diagnostics.iter().map(|d| format!("{d}\n")).collect()
}

#[test]
fn load_fixtures() {
    insta::glob!("fixtures/load/*.json", |path| {
        let rendered = match load_fixture(path) {
            Ok(loaded) => render_loaded(&loaded),
            Err(error) => format!("{error}\nkind: {:?}\n", error.kind),
        };
        insta::assert_snapshot!(rendered);
    });
}

#[test]
fn validate_fixtures() {
    insta::glob!("fixtures/validate/*.json", |path| {
        let loaded = load_fixture(path).expect("validation fixtures load");
        insta::assert_snapshot!(render_diagnostics(&loaded, &ValidateOptions::default()));
    });
}

#[test]
fn strict_publish_rules_are_errors() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/validate/publish_rules.json");
    let loaded = load_fixture(&path).expect("fixture loads");
    let options = ValidateOptions {
        strict: true,
        ..ValidateOptions::default()
    };
    insta::assert_snapshot!(render_diagnostics(&loaded, &options));
}

#[test]
fn flow_type_option_overrides_metadata() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/validate/valid_menu.json");
    let loaded = load_fixture(&path).expect("fixture loads");
    let options = ValidateOptions {
        strict: false,
        flow_type: Some(flow_graph::catalogue::FlowType::AgentWhisper),
        ..ValidateOptions::default()
    };
    insta::assert_snapshot!(render_diagnostics(&loaded, &options));
}

#[test]
fn diagnostics_serialize_as_json() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/validate/dangling_targets.json");
    let loaded = load_fixture(&path).expect("fixture loads");
    insta::assert_json_snapshot!(validate(&loaded, &ValidateOptions::default()));
}

#[test]
fn console_flow_model_round_trips() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/load/console.json");
    let loaded = load_fixture(&path).expect("fixture loads");
    insta::assert_json_snapshot!(loaded.flow);
}

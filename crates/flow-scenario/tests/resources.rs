//! The resource map: loading, the scenario's `resources` section, merging and flow-set options.

use flow_scenario::{ResourceMap, ResourceNames, Scenario};
use std::path::{Path, PathBuf};

const EXAMPLE: &str = "../../flows/module-and-transfer";

#[test]
fn example_map_loads() {
    let map = ResourceMap::load_beside(Path::new(EXAMPLE))
        .expect("the example map is valid")
        .expect("the example folder has a map");
    assert_eq!(map.flows.len(), 2);
    assert_eq!(map.modules.len(), 1);
    let module = map.modules.values().next().expect("one module");
    assert_eq!(module.file, Some(Path::new(EXAMPLE).join("account-lookup.json")));
    assert_eq!(
        map.placeholders
            .get("${AccountLookupLambdaArn}")
            .map(String::as_str),
        Some("arn:aws:lambda:us-east-1:123456789012:function:harborline-account-lookup")
    );
}

#[test]
fn missing_map_is_none() {
    let map = ResourceMap::load_beside(Path::new("tests")).expect("a missing map is no error");
    assert_eq!(map, None);
}

#[test]
fn set_options_carry_ids_and_names() {
    let text = r#"{"resources": {
        "flows": {"f-1": {"name": "Billing", "file": "billing.json"}},
        "modules": {"arn:aws:connect:us-east-1:123456789012:instance/i/flow-module/m-1": {"name": "Lookup"}},
        "placeholders": {"{{queue}}": "q-1"}
    }}"#;
    let scenario = Scenario::from_json(text, None).expect("the resources section parses");
    let options = scenario.resources.set_options();
    assert_eq!(
        options.ids_by_file,
        [(PathBuf::from("billing.json"), "f-1".to_string())]
    );
    assert_eq!(options.names.get("Billing").map(String::as_str), Some("f-1"));
    assert_eq!(
        options.names.get("Lookup").map(String::as_str),
        Some("arn:aws:connect:us-east-1:123456789012:instance/i/flow-module/m-1")
    );
    assert_eq!(
        options.placeholders.get("{{queue}}").map(String::as_str),
        Some("q-1")
    );
}

#[test]
fn scenario_section_wins_merge() {
    let mut beside: ResourceMap =
        serde_json::from_str(r#"{"queues": {"q-1": "Old name", "q-2": "Sales"}}"#).expect("valid map");
    let own: ResourceMap = serde_json::from_str(r#"{"queues": {"q-1": "Billing"}}"#).expect("valid map");
    beside.merge(own);
    assert_eq!(beside.queues.get("q-1").map(String::as_str), Some("Billing"));
    assert_eq!(beside.queues.get("q-2").map(String::as_str), Some("Sales"));
    let mut names = ResourceNames::default();
    beside.add_names(&mut names);
    assert_eq!(names.get("q-1"), Some("Billing"));
}

#[test]
fn unknown_section_is_rejected() {
    let text = r#"{"resources": {"flow": {}}}"#;
    let error = Scenario::from_json(text, None).expect_err("flow is not a section");
    assert!(
        error.message.starts_with("unknown field `flow`"),
        "{}",
        error.message
    );
    assert_eq!(error.pointer, "/resources/flow");
}

#[test]
fn invalid_map_file_names_pointer() {
    let folder = std::env::temp_dir().join(format!("flowsim-resources-{}", std::process::id()));
    std::fs::create_dir_all(&folder).expect("the temp folder can be created");
    let path = folder.join("flowsim.resources.json");
    std::fs::write(&path, r#"{"queues": {"q-1": 7}}"#).expect("the temp file can be written");
    let error = ResourceMap::load(&path).expect_err("a queue name must be a string");
    std::fs::remove_dir_all(&folder).expect("the temp folder can be removed");
    assert_eq!(error.pointer, "/queues/q-1");
    assert!(
        error.message.starts_with("invalid type: integer `7`"),
        "{}",
        error.message
    );
    assert_eq!(error.file.as_deref(), Some(path.as_path()));
}

//! JUnit XML, parsed back with an XML reader.

use flow_scenario::expect::Failure;
use flow_scenario::junit::render_junit;
use flow_scenario::snapshot::compare;
use flow_scenario::suite::{ScenarioResult, SnapshotStatus, TestFailure};
use quick_xml::Reader;
use quick_xml::events::Event;
use std::collections::BTreeMap;

fn result(scenario: &str, flow: &str, failures: Vec<TestFailure>) -> ScenarioResult {
    ScenarioResult {
        scenario: scenario.to_string(),
        flow: flow.to_string(),
        outcome: Some("disconnected at block bye".to_string()),
        steps: 3,
        snapshot: SnapshotStatus::Matched,
        failures,
    }
}

fn results() -> Vec<ScenarioResult> {
    let expectation = TestFailure::Expectation(Failure {
        expectation: "expect.end".into(),
        expected: "disconnected".into(),
        actual: "transferredToQueue to Billing at block queue".into(),
        step: Some(5),
        identifier: Some("queue".into()),
    });
    let diff = compare(
        "step 1: a\n  branch  next -> b\n",
        "step 1: a\n  branch  next -> c & <d>\n",
    )
    .expect("the texts differ");
    let changed = TestFailure::ChangedSnapshot {
        snapshot: "menu/timeout.snap".into(),
        diff,
    };
    vec![
        result("menu/billing.scenario.json", "menu/menu.json", Vec::new()),
        result("menu/queue.scenario.json", "menu/menu.json", vec![expectation]),
        result(
            "lookup/timeout.scenario.json",
            "lookup/lookup.json",
            vec![changed],
        ),
    ]
}

/// An element as the reader saw it: its name, attributes and text.
#[derive(Debug, Default)]
struct Element {
    name: String,
    attributes: BTreeMap<String, String>,
    text: String,
}

fn parse(xml: &str) -> Vec<Element> {
    let mut reader = Reader::from_str(xml);
    let mut elements: Vec<Element> = Vec::new();
    loop {
        match reader.read_event().expect("the JUnit XML is well-formed") {
            Event::Start(start) | Event::Empty(start) => {
                let attributes = start
                    .attributes()
                    .map(|a| {
                        let a = a.expect("attributes are well-formed");
                        let value = a
                            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                            .expect("attribute values unescape");
                        (
                            String::from_utf8_lossy(a.key.as_ref()).into_owned(),
                            value.into_owned(),
                        )
                    })
                    .collect();
                elements.push(Element {
                    name: String::from_utf8_lossy(start.name().as_ref()).into_owned(),
                    attributes,
                    text: String::new(),
                });
            }
            Event::Text(text) => {
                if let Some(last) = elements.last_mut() {
                    last.text.push_str(&text.decode().expect("text decodes"));
                }
            }
            Event::GeneralRef(reference) => {
                let name = reference.decode().expect("the reference decodes");
                let character =
                    quick_xml::escape::resolve_predefined_entity(&name).expect("a predefined entity");
                if let Some(last) = elements.last_mut() {
                    last.text.push_str(character);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    elements
}

fn attribute<'e>(element: &'e Element, name: &str) -> &'e str {
    element.attributes.get(name).map(String::as_str).unwrap_or("")
}

#[test]
fn junit_counts_tests_and_failures() {
    let xml = render_junit(&results()).expect("the XML renders");
    let elements = parse(&xml);
    let root = &elements[0];
    assert_eq!(root.name, "testsuites");
    assert_eq!(attribute(root, "tests"), "3");
    assert_eq!(attribute(root, "failures"), "2");
    let suites: Vec<(&str, &str, &str)> = elements
        .iter()
        .filter(|e| e.name == "testsuite")
        .map(|e| {
            (
                attribute(e, "name"),
                attribute(e, "tests"),
                attribute(e, "failures"),
            )
        })
        .collect();
    assert_eq!(
        suites,
        [("menu/menu.json", "2", "1"), ("lookup/lookup.json", "1", "1")]
    );
}

#[test]
fn junit_has_one_testcase_per_scenario() {
    let xml = render_junit(&results()).expect("the XML renders");
    let cases: Vec<(String, String, String)> = parse(&xml)
        .iter()
        .filter(|e| e.name == "testcase")
        .map(|e| {
            let field = |name| attribute(e, name).to_string();
            (field("name"), field("classname"), field("file"))
        })
        .collect();
    let expected = [
        ("billing", "menu/menu.json", "menu/billing.scenario.json"),
        ("queue", "menu/menu.json", "menu/queue.scenario.json"),
        ("timeout", "lookup/lookup.json", "lookup/timeout.scenario.json"),
    ];
    let expected: Vec<(String, String, String)> = expected
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    assert_eq!(cases, expected);
}

#[test]
fn junit_failure_has_message_and_details() {
    let xml = render_junit(&results()).expect("the XML renders");
    let elements = parse(&xml);
    let failures: Vec<&Element> = elements.iter().filter(|e| e.name == "failure").collect();
    assert_eq!(failures.len(), 2);
    assert_eq!(
        attribute(failures[0], "message"),
        "expect.end: expected disconnected, got transferredToQueue to Billing at block queue (at step 5)"
    );
    assert_eq!(attribute(failures[0], "type"), "expectation");
    assert_eq!(
        attribute(failures[1], "message"),
        "the trace differs from snapshot menu/timeout.snap: the runs pass the same blocks, but the trace \
         first differs at step 1 in block a"
    );
    assert_eq!(attribute(failures[1], "type"), "changedSnapshot");
    assert!(
        failures[1]
            .text
            .contains("-  branch  next -> b\n+  branch  next -> c & <d>"),
        "{}",
        failures[1].text
    );
}

#[test]
fn junit_reports_unloadable_scenario_as_error() {
    let mut all = results();
    let mut broken = result(
        "menu/typo.scenario.json",
        "menu/typo.scenario.json",
        vec![TestFailure::Error {
            message: "menu/typo.scenario.json: line 3, column 5: expected `,` or `}`".into(),
        }],
    );
    broken.outcome = None;
    broken.steps = 0;
    all.push(broken);

    let xml = render_junit(&all).expect("the XML renders");
    let elements = parse(&xml);
    let root = &elements[0];
    assert_eq!(attribute(root, "tests"), "4");
    assert_eq!(attribute(root, "failures"), "2");
    assert_eq!(attribute(root, "errors"), "1");
    let suite = elements
        .iter()
        .find(|e| e.name == "testsuite" && attribute(e, "name") == "menu/typo.scenario.json")
        .expect("the unloadable scenario has its own suite");
    assert_eq!(attribute(suite, "failures"), "0");
    assert_eq!(attribute(suite, "errors"), "1");
    let errors: Vec<&Element> = elements.iter().filter(|e| e.name == "error").collect();
    assert_eq!(errors.len(), 1);
    assert_eq!(
        attribute(errors[0], "message"),
        "menu/typo.scenario.json: line 3, column 5: expected `,` or `}`"
    );
    assert_eq!(elements.iter().filter(|e| e.name == "failure").count(), 2);
}

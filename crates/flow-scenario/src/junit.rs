//! JUnit XML for CI systems: one `<testsuite>` per flow, one `<testcase>` per scenario.
//!
//! The document uses the common JUnit XML layout: `<testsuites>` with `tests`, `failures` and
//! `errors` counts, and a `<failure message="..." type="...">` element whose text contains the
//! details, such as a snapshot diff. A scenario that could not be loaded or run gets an `<error>`
//! element in place of `<failure>`, as JUnit reports a test that broke rather than one whose
//! assertion failed.

use crate::suite::{ScenarioResult, TestFailure};
use indexmap::IndexMap;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};
use std::io;

/// Renders the results as a JUnit XML document, grouping scenarios by their entry flow.
pub fn render_junit(results: &[ScenarioResult]) -> io::Result<String> {
    let mut suites: IndexMap<&str, Vec<&ScenarioResult>> = IndexMap::new();
    for result in results {
        suites.entry(result.flow.as_str()).or_default().push(result);
    }
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
    writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let (failed, broken) = count_outcomes(results.iter());
    writer
        .create_element("testsuites")
        .with_attribute(("name", "flowsim"))
        .with_attribute(("tests", results.len().to_string().as_str()))
        .with_attribute(("failures", failed.to_string().as_str()))
        .with_attribute(("errors", broken.to_string().as_str()))
        .write_inner_content(|writer| {
            for (flow, cases) in &suites {
                write_suite(writer, flow, cases)?;
            }
            Ok(())
        })?;
    let mut text = String::from_utf8(writer.into_inner()).map_err(io::Error::other)?;
    text.push('\n');
    Ok(text)
}

fn write_suite(writer: &mut Writer<Vec<u8>>, flow: &str, cases: &[&ScenarioResult]) -> io::Result<()> {
    let (failed, broken) = count_outcomes(cases.iter().copied());
    writer
        .create_element("testsuite")
        .with_attribute(("name", flow))
        .with_attribute(("tests", cases.len().to_string().as_str()))
        .with_attribute(("failures", failed.to_string().as_str()))
        .with_attribute(("errors", broken.to_string().as_str()))
        .write_inner_content(|writer| {
            for case in cases {
                write_case(writer, flow, case)?;
            }
            Ok(())
        })?;
    Ok(())
}

/// Counts the scenarios that failed a check and those that could not be loaded or run.
fn count_outcomes<'r>(results: impl Iterator<Item = &'r ScenarioResult>) -> (usize, usize) {
    let mut failed = 0;
    let mut broken = 0;
    for result in results {
        if is_broken(result) {
            broken += 1;
        } else if !result.passed() {
            failed += 1;
        }
    }
    (failed, broken)
}

/// Returns true when the scenario or its flow could not be loaded or run.
fn is_broken(result: &ScenarioResult) -> bool {
    result
        .failures
        .iter()
        .any(|failure| matches!(failure, TestFailure::Error { .. }))
}

fn write_case(writer: &mut Writer<Vec<u8>>, flow: &str, case: &ScenarioResult) -> io::Result<()> {
    let name = case.name();
    let element = writer
        .create_element("testcase")
        .with_attribute(("name", name.as_str()))
        .with_attribute(("classname", flow))
        .with_attribute(("file", case.scenario.as_str()));
    if case.passed() {
        element.write_empty()?;
        return Ok(());
    }
    element.write_inner_content(|writer| write_failure(writer, case))?;
    Ok(())
}

/// Writes one `<failure>`, or `<error>` when the scenario could not be loaded or run, for all of a
/// scenario's failures: the message counts them and names the first, and the text lists each with
/// its details.
fn write_failure(writer: &mut Writer<Vec<u8>>, case: &ScenarioResult) -> io::Result<()> {
    let failures = &case.failures;
    let first = failures.first().map(TestFailure::message).unwrap_or_default();
    let message = match failures.len() {
        1 => first,
        count => format!("{count} failures; the first: {first}"),
    };
    let details: Vec<String> = failures.iter().map(TestFailure::details).collect();
    writer
        .create_element(if is_broken(case) { "error" } else { "failure" })
        .with_attribute(("message", message.as_str()))
        .with_attribute(("type", failure_type(&failures[0])))
        .write_text_content(BytesText::new(&details.join("\n")))?;
    Ok(())
}

fn failure_type(failure: &TestFailure) -> &'static str {
    match failure {
        TestFailure::Error { .. } => "error",
        TestFailure::Expectation(_) => "expectation",
        TestFailure::MissingSnapshot { .. } => "missingSnapshot",
        TestFailure::ChangedSnapshot { .. } => "changedSnapshot",
    }
}

//! Checks that generated documentation matches the code it is generated from.
//!
//! Set `FLOWSIM_UPDATE_DOCS=1` to rewrite the documents instead of failing.

use std::path::Path;

/// Renders the table of diagnostic codes from the flow-graph crate's `CODES`.
fn diagnostic_codes_markdown() -> String {
    let mut text = String::from(
        "# Diagnostic codes\n\n\
         `flowsim lint` and `flowsim run` report each problem with one of these stable codes. A code keeps\n\
         its meaning once released, so CI scripts may match on it. This page is generated from\n\
         `crates/flow-graph/src/codes.rs` by `FLOWSIM_UPDATE_DOCS=1 cargo test --test docs`.\n\n\
         | code | meaning |\n|---|---|\n",
    );
    let mut codes = flow_graph::codes::CODES.to_vec();
    codes.sort();
    for (code, meaning) in codes {
        text.push_str(&format!("| {code} | {} |\n", meaning.replace('|', "\\|")));
    }
    text
}

/// Compares `path` (relative to the repository root) with `expected`, or rewrites it on request.
fn check_generated(path: &str, expected: &str) {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    if std::env::var_os("FLOWSIM_UPDATE_DOCS").is_some() {
        std::fs::write(&full, expected).expect("the docs folder should be writable");
        return;
    }
    let actual = std::fs::read_to_string(&full).unwrap_or_default();
    assert!(
        actual == expected,
        "{path} is out of date; run `FLOWSIM_UPDATE_DOCS=1 cargo test --test docs` and commit the result"
    );
}

#[test]
fn diagnostic_codes_doc_is_current() {
    check_generated("docs/diagnostics.md", &diagnostic_codes_markdown());
}

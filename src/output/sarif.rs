//! SARIF 2.1.0 output of lint diagnostics, for code-scanning services and editors.

use flow_graph::Diagnostic;
use flow_graph::codes::CODES;
use serde_json::{Value, json};
use std::path::Path;

/// The schema URI that SARIF 2.1.0 logs name in `$schema`.
const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// One linted file: its path, its text when it could be read, and its diagnostics.
pub struct LintedFile<'a> {
    pub path: &'a Path,
    pub text: Option<String>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Builds a SARIF log with one run of the tool `flowsim`, one rule per diagnostic code and one
/// result per diagnostic.
pub fn sarif_log(files: &[LintedFile]) -> Value {
    let rules: Vec<Value> = CODES
        .iter()
        .map(|(code, meaning)| json!({"id": code, "shortDescription": {"text": meaning}}))
        .collect();
    let results: Vec<Value> = files
        .iter()
        .flat_map(|file| file.diagnostics.iter().map(move |d| result(file, d)))
        .collect();
    json!({
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "flowsim",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "results": results,
        }],
    })
}

fn result(file: &LintedFile, diagnostic: &Diagnostic) -> Value {
    let rule_index = CODES.iter().position(|(code, _)| *code == diagnostic.code);
    let mut text = diagnostic.message.clone();
    if let Some(hint) = &diagnostic.hint {
        text.push_str(&format!(" (hint: {hint})"));
    }
    let mut result = json!({
        "ruleId": diagnostic.code,
        "level": diagnostic.severity.to_string(),
        "message": {"text": text},
        "locations": [{"physicalLocation": physical_location(file, diagnostic)}],
        "properties": {"jsonPointer": diagnostic.pointer, "identifier": diagnostic.identifier},
    });
    if let Some(index) = rule_index {
        result["ruleIndex"] = json!(index);
    }
    result
}

/// Locates a diagnostic in its file: the line and column of its block's `"Identifier"` key when
/// the text has one, else the whole file.
///
/// NOTE: the region marks the block, not the exact value the JSON pointer names, which the
/// `jsonPointer` property carries.
fn physical_location(file: &LintedFile, diagnostic: &Diagnostic) -> Value {
    let uri = diagnostic
        .file
        .as_deref()
        .unwrap_or(file.path)
        .to_string_lossy()
        .replace('\\', "/");
    let mut location = json!({"artifactLocation": {"uri": uri}});
    let position = file
        .text
        .as_deref()
        .zip(diagnostic.identifier.as_deref())
        .and_then(|(text, identifier)| identifier_position(text, identifier));
    if let Some((line, column)) = position {
        location["region"] = json!({"startLine": line, "startColumn": column});
    }
    location
}

/// Finds the 1-based line and column of `"Identifier": "<identifier>"` in `text`.
fn identifier_position(text: &str, identifier: &str) -> Option<(usize, usize)> {
    let value = serde_json::to_string(identifier).ok()?;
    let mut from = 0;
    while let Some(found) = text[from..].find("\"Identifier\"") {
        let start = from + found;
        let after_key = text[start + "\"Identifier\"".len()..].trim_start();
        let after_colon = after_key.strip_prefix(':').map(str::trim_start);
        if after_colon.is_some_and(|rest| rest.starts_with(&value)) {
            return Some(line_and_column(text, start));
        }
        from = start + 1;
    }
    None
}

fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

//! Loading a scenario file, with errors that name the file, the line, the column and the JSON pointer.

use crate::error::{Position, ScenarioError, ScenarioErrorKind};
use crate::scenario::Scenario;
use flow_graph::diagnostic::pointer;
use serde_path_to_error::Segment;
use std::path::Path;

impl Scenario {
    /// Reads and parses the scenario file at `path`. Relative paths inside it are resolved against
    /// its folder.
    pub fn load(path: &Path) -> Result<Scenario, ScenarioError> {
        let text = std::fs::read_to_string(path).map_err(|error| {
            ScenarioError::new(
                ScenarioErrorKind::Io,
                "",
                format!("cannot read scenario file: {error}"),
            )
            .with_file(Some(path.to_path_buf()))
            .with_hint("check the path and that the file is UTF-8 text")
        })?;
        Self::from_json(&text, Some(path))
    }

    /// Parses a scenario from JSON text. `source` is the file it came from, if any, used in errors
    /// and to resolve relative paths.
    pub fn from_json(text: &str, source: Option<&Path>) -> Result<Scenario, ScenarioError> {
        let source = source.map(Path::to_path_buf);
        if let Some(error) = top_level_array(text) {
            return Err(error.with_file(source));
        }
        let mut deserializer = serde_json::Deserializer::from_str(text);
        let parsed: Result<Scenario, _> = serde_path_to_error::deserialize(&mut deserializer);
        let mut scenario = parsed.map_err(|error| {
            let tokens = path_tokens(error.path());
            let error = enum_type_error(text, &tokens, error.inner())
                .unwrap_or_else(|| parse_error(tokens, error.inner()));
            error.with_file(source.clone())
        })?;
        deserializer
            .end()
            .map_err(|error| parse_error(Vec::new(), &error).with_file(source.clone()))?;
        scenario.source = source;
        Ok(scenario)
    }
}

/// Rejects a top-level array, which serde would otherwise read as the struct's fields in order.
fn top_level_array(text: &str) -> Option<ScenarioError> {
    let offset = text.find(|c: char| !c.is_whitespace())?;
    if !text[offset..].starts_with('[') {
        return None;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.len() - before.rfind('\n').map_or(0, |newline| newline + 1) + 1;
    let mut error = ScenarioError::new(
        ScenarioErrorKind::Invalid,
        "",
        "invalid type: sequence, expected a JSON object",
    )
    .with_hint(hint_for("", &[]));
    error.position = Some(Position::new(line, column));
    Some(error)
}

/// Rewords serde_json's "expected value", which it reports as a syntax error when a choice such as
/// `contact.channel` is a number, boolean or array, although the JSON itself is valid.
fn enum_type_error(text: &str, tokens: &[String], inner: &serde_json::Error) -> Option<ScenarioError> {
    if inner.classify() != serde_json::error::Category::Syntax {
        return None;
    }
    let document: serde_json::Value = serde_json::from_str(text).ok()?;
    let found = document.pointer(&pointer(tokens))?;
    let message = format!("invalid type: {found}, expected a string or an object");
    let mut error = ScenarioError::new(ScenarioErrorKind::Invalid, pointer(tokens), message.clone())
        .with_hint(hint_for(&message, tokens));
    if inner.line() > 0 {
        error.position = Some(Position::new(inner.line(), inner.column()));
    }
    Some(error)
}

fn parse_error(tokens: Vec<String>, inner: &serde_json::Error) -> ScenarioError {
    let kind = match inner.classify() {
        serde_json::error::Category::Io => ScenarioErrorKind::Io,
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof => ScenarioErrorKind::Syntax,
        serde_json::error::Category::Data => ScenarioErrorKind::Invalid,
    };
    let message = message_without_position(inner);
    let hint = match kind {
        ScenarioErrorKind::Syntax => {
            "fix the JSON syntax here; a scenario file is one JSON object".to_string()
        }
        _ => hint_for(&message, &tokens),
    };
    let mut scenario_error = ScenarioError::new(kind, pointer(&tokens), message).with_hint(hint);
    if inner.line() > 0 {
        scenario_error.position = Some(Position::new(inner.line(), inner.column()));
    }
    scenario_error
}

/// Returns serde_json's message without its ` at line L column C` suffix, because the error keeps
/// the position in its own field.
fn message_without_position(error: &serde_json::Error) -> String {
    let text = error.to_string();
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    text.strip_suffix(&suffix).unwrap_or(&text).to_string()
}

fn path_tokens(path: &serde_path_to_error::Path) -> Vec<String> {
    path.iter()
        .filter_map(|segment| match segment {
            Segment::Seq { index } => Some(index.to_string()),
            Segment::Map { key } => Some(key.clone()),
            Segment::Enum { variant } => Some(variant.clone()),
            Segment::Unknown => None,
        })
        .collect()
}

/// Chooses the hint for a parse error by what went wrong and in which section.
fn hint_for(message: &str, tokens: &[String]) -> String {
    if message.starts_with("unknown field") || message.starts_with("unknown variant") {
        return "correct the spelling or remove the field; the message lists the accepted names".to_string();
    }
    let section = tokens.first().map(String::as_str);
    let field = tokens.get(1).map(String::as_str);
    let hint = match (section, field) {
        (Some("contact"), Some("attributes")) => "quote the value, as in \"3\" or \"true\"",
        (Some("contact"), Some("channel")) => "channel is VOICE, CHAT, TASK or EMAIL",
        (Some("contact"), _) => {
            "contact fields are strings, except attributes, which is an object of strings"
        }
        (Some("profiles"), _) => {
            "profiles is a fixture path, an array of profiles or {\"unavailable\": true}"
        }
        (Some("inputs"), _) => {
            "inputs is an array of strings, each DTMF keys such as \"1\" or \"4155550100#\", or \"timeout\""
        }
        (Some("lambda"), _) => {
            "lambda maps a function ARN or name to a list of results, each {\"response\": {...}} or {\"error\": \"message\"}"
        }
        (Some("hours"), _) => {
            "hours maps an hours-of-operation ARN, id or name to true (open) or false (closed)"
        }
        (Some("queues"), _) => {
            "a queue is an object with atCapacity (true or false) and whole numbers agentsOnline, agentsAvailable, agentsStaffed, contactsInQueue and oldestContactAgeSeconds"
        }
        (Some("random"), _) => {
            "random is {\"seed\": N} with a whole number N, or {\"percent\": N} with N from 1 to 100"
        }
        (Some("results"), _) => {
            "results maps a block Identifier or action Type to a non-empty list of results, such as [\"Success\"]"
        }
        (Some("faults"), _) => {
            "faults maps a block Identifier or action Type to a non-empty list with one item per visit, an error type or null, such as [\"NoMatchingError\", null]"
        }
        (Some("lex"), _) => {
            "lex maps a bot to a non-empty list of turns, each an intent object, \"timeout\" or {\"error\": \"message\"}"
        }
        (Some("views"), _) => {
            "views maps a view to a non-empty list of outcomes, each {\"action\": \"Next\"} or {\"error\": \"TimeLimitExceeded\"}"
        }
        (Some("expect"), _) => "see the expect section of docs/scenarios.md for its fields and operators",
        (Some("settings"), _) => {
            "settings accepts stepBudget (a whole number above 0), missingAttribute (\"empty\" or \"error\"), phoneMatching (\"normalised\" or \"exact\") and strict (true or false)"
        }
        (_, _) => "a scenario file is one JSON object whose sections are all optional",
    };
    hint.to_string()
}

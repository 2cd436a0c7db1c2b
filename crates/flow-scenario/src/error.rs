//! `ScenarioError`: one problem with a scenario file, with its location and a hint.

use serde::Serialize;
use std::fmt;
use std::path::PathBuf;

/// The kind of problem that a [`ScenarioError`] reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum ScenarioErrorKind {
    /// The scenario file could not be read.
    Io,
    /// The file is not valid JSON.
    Syntax,
    /// The JSON is not a valid scenario: an unknown field, a value of the wrong type or out of range.
    Invalid,
    /// A key names a Lambda function, hours of operation or queue that the flow never references.
    UnusedKey,
    /// The profile fixture could not be loaded into the profile store.
    Profiles,
}

/// A line and column in the scenario file, both from 1. They are `u32`, which keeps
/// `Result<_, ScenarioError>` small, and a value past `u32::MAX` is stored as `u32::MAX`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Position {
    pub line: u32,
    pub column: u32,
}

impl Position {
    /// Creates a position from serde_json's `usize` line and column.
    pub fn new(line: usize, column: usize) -> Self {
        Position {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            column: u32::try_from(column).unwrap_or(u32::MAX),
        }
    }
}

/// One problem with a scenario, with everything a person needs to find and fix it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScenarioError {
    pub kind: ScenarioErrorKind,
    /// The scenario file, when the scenario came from a file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<PathBuf>,
    /// The line and column where the JSON parser stopped, when the problem was found while parsing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
    /// RFC 6901 JSON pointer to the offending value; empty for the whole document.
    pub pointer: String,
    pub message: String,
    /// The next step that fixes the problem.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

impl ScenarioError {
    /// Creates an error with no file, position or hint.
    pub fn new(kind: ScenarioErrorKind, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        ScenarioError {
            kind,
            file: None,
            position: None,
            pointer: pointer.into(),
            message: message.into(),
            hint: None,
        }
    }

    /// Sets the hint, the next step that fixes the problem.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Sets the scenario file the error belongs to.
    pub fn with_file(mut self, file: Option<PathBuf>) -> Self {
        self.file = file;
        self
    }
}

/// Renders the message, then `--> file:line:column at /pointer` and the hint, one per line.
impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        let mut location = match &self.file {
            Some(file) => file.display().to_string(),
            None => "<scenario>".to_string(),
        };
        if let Some(position) = self.position {
            location.push_str(&format!(":{}:{}", position.line, position.column));
        }
        let pointer = if self.pointer.is_empty() {
            "/"
        } else {
            &self.pointer
        };
        write!(f, "\n  --> {location} at {pointer}")?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  = hint: {hint}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ScenarioError {}

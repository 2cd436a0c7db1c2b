//! Loaders for console exports, `DescribeContactFlow` output, module exports and stdin.

mod structure;

use crate::codes;
use crate::diagnostic::Diagnostic;
use crate::model::Flow;
use serde::Serialize;
use serde_json::Value;
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The largest file flowsim loads, 16 MiB. `CreateContactFlow` caps a flow's `Content` at 256,000
/// characters, so the limit leaves room for indentation and wrappers while rejecting files that
/// cannot be a flow.
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;

/// The deepest nesting of JSON arrays and objects flowsim loads. Public console exports nest up to
/// about 13 levels, so 64 leaves room, and serde_json itself stops at 128.
pub const MAX_DEPTH: usize = 64;

/// The wrapper a flow came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum ExportFormat {
    /// The flow-language object that the console's "Export flow" writes.
    Console,
    /// A flow-module export: the flow-language object with a top-level `Settings`.
    Module,
    /// `aws connect describe-contact-flow` output, with the flow as the string `ContactFlow.Content`.
    DescribeContactFlow,
    /// `aws connect describe-contact-flow-module` output, with the flow as `ContactFlowModule.Content`.
    DescribeContactFlowModule,
    /// A JSON string that contains the flow, as IaC templates store it.
    JsonString,
}

/// A flow read from a file or bytes, with the problems found while reading it.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedFlow {
    pub flow: Flow,
    pub source: Option<PathBuf>,
    pub format: ExportFormat,
    /// Warnings such as a Windows-1252 decoding, and errors for malformed actions. Each JSON pointer
    /// points into the flow document, which for the wrapped formats is the parsed `Content`.
    pub diagnostics: Vec<Diagnostic>,
    /// The position in the document's `Actions` array of each element of `flow.actions`. The two
    /// differ when the loader left out an action without an `Identifier`.
    pub action_positions: Vec<usize>,
}

impl LoadedFlow {
    /// Returns the JSON pointer of `flow.actions[index]` in the document, such as `/Actions/3`.
    pub fn action_pointer(&self, index: usize) -> String {
        let position = self.action_positions.get(index).copied().unwrap_or(index);
        format!("/Actions/{position}")
    }
}

/// The reason a file could not be loaded as a flow at all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum LoadErrorKind {
    Io,
    Syntax {
        line: usize,
        column: usize,
    },
    Empty,
    NotAnObject,
    Legacy,
    TooLarge,
    TooDeep,
    /// A `DescribeContactFlow` wrapper whose `Content` is missing or not a JSON string.
    ContentInvalid,
}

/// A file that is not a flow, with the file, a message and a hint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LoadError {
    pub kind: LoadErrorKind,
    pub file: Option<PathBuf>,
    pub message: String,
    pub hint: Option<String>,
}

impl LoadError {
    fn new(kind: LoadErrorKind, message: impl Into<String>, hint: impl Into<String>) -> Self {
        LoadError {
            kind,
            file: None,
            message: message.into(),
            hint: Some(hint.into()),
        }
    }

    /// Returns the stable diagnostic code of this error's kind.
    pub fn code(&self) -> &'static str {
        match self.kind {
            LoadErrorKind::Io => codes::LOAD_IO,
            LoadErrorKind::Syntax { .. } => codes::LOAD_SYNTAX,
            LoadErrorKind::Empty => codes::LOAD_EMPTY,
            LoadErrorKind::NotAnObject => codes::LOAD_NOT_OBJECT,
            LoadErrorKind::Legacy => codes::LOAD_LEGACY,
            LoadErrorKind::TooLarge => codes::LOAD_TOO_LARGE,
            LoadErrorKind::TooDeep => codes::LOAD_TOO_DEEP,
            LoadErrorKind::ContentInvalid => codes::LOAD_CONTENT_INVALID,
        }
    }

    /// Converts the error into an error diagnostic that points at the whole document.
    pub fn to_diagnostic(&self) -> Diagnostic {
        let mut diagnostic = Diagnostic::error(self.code(), "", self.message.clone());
        diagnostic.file = self.file.clone();
        diagnostic.hint = self.hint.clone();
        diagnostic
    }

    fn with_file(mut self, file: Option<PathBuf>) -> Self {
        self.file = file;
        self
    }
}

/// Renders the error like a [`Diagnostic`], with the line and column of a syntax error.
impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "error[{}]: {}", self.code(), self.message)?;
        let file = self.file.as_ref().map(|p| p.display().to_string());
        write!(f, "\n  --> {}", file.unwrap_or_else(|| "<input>".to_string()))?;
        if let LoadErrorKind::Syntax { line, column } = self.kind {
            write!(f, ":{line}:{column}")?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  = hint: {hint}")?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadError {}

/// Loads a flow from `path`, or from standard input when `path` is `-`.
pub fn load_path(path: &Path) -> Result<LoadedFlow, LoadError> {
    if path == Path::new("-") {
        return load_bytes(&read_stdin()?, None);
    }
    let file = Some(path.to_path_buf());
    let size = std::fs::metadata(path).map_err(|e| io_error(path, &e).with_file(file.clone()))?;
    if size.len() > MAX_FILE_BYTES as u64 {
        return Err(too_large(size.len()).with_file(file));
    }
    let bytes = std::fs::read(path).map_err(|e| io_error(path, &e).with_file(file.clone()))?;
    load_bytes(&bytes, file)
}

/// Loads a flow from bytes in any accepted format; `source` names the file in diagnostics.
pub fn load_bytes(bytes: &[u8], source: Option<PathBuf>) -> Result<LoadedFlow, LoadError> {
    let mut diagnostics = Vec::new();
    let document = parse_document(bytes, &mut diagnostics).map_err(|e| e.with_file(source.clone()))?;
    let (object, format) = unwrap_flow(document).map_err(|e| e.with_file(source.clone()))?;
    let (flow, action_positions) = structure::build_flow(object, &mut diagnostics);
    if let Some(file) = &source {
        for diagnostic in &mut diagnostics {
            diagnostic.file = Some(file.clone());
        }
    }
    Ok(LoadedFlow {
        flow,
        source,
        format,
        diagnostics,
        action_positions,
    })
}

fn read_stdin() -> Result<Vec<u8>, LoadError> {
    let mut bytes = Vec::new();
    let limit = MAX_FILE_BYTES as u64 + 1;
    std::io::stdin()
        .take(limit)
        .read_to_end(&mut bytes)
        .map_err(|e| io_error(Path::new("<stdin>"), &e))?;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

fn io_error(path: &Path, error: &std::io::Error) -> LoadError {
    LoadError::new(
        LoadErrorKind::Io,
        format!("failed to read {}: {error}", path.display()),
        "check that the path exists and is a readable file",
    )
}

fn too_large(size: u64) -> LoadError {
    LoadError::new(
        LoadErrorKind::TooLarge,
        format!("file is {size} bytes, more than the limit of {MAX_FILE_BYTES} bytes (16 MiB)"),
        "Connect limits a flow's content to 256,000 characters; pass a single flow export",
    )
}

/// Decodes and parses the bytes into one JSON value.
fn parse_document(bytes: &[u8], diagnostics: &mut Vec<Diagnostic>) -> Result<Value, LoadError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    let text = decode(bytes, diagnostics);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    if text.trim().is_empty() {
        return Err(LoadError::new(
            LoadErrorKind::Empty,
            "file is empty",
            "export the flow from the Connect console, or run `aws connect describe-contact-flow`",
        ));
    }
    parse_json(text)
}

/// Decodes UTF-8, UTF-16 with a warning, or Windows-1252 with a warning when the bytes are neither.
fn decode<'a>(bytes: &'a [u8], diagnostics: &mut Vec<Diagnostic>) -> std::borrow::Cow<'a, str> {
    if let Some(encoding) = utf16_encoding(bytes) {
        diagnostics.push(
            Diagnostic::warning(
                codes::DECODED_AS_UTF_16,
                "",
                format!("file is {0}, not UTF-8; decoded it as {0}", encoding.name()),
            )
            .with_hint(
                "save the file as UTF-8; in PowerShell, pass `-Encoding utf8` to `Out-File` or `Set-Content`",
            ),
        );
        return encoding.decode_with_bom_removal(bytes).0;
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => text.into(),
        Err(error) => {
            let offset = error.valid_up_to();
            diagnostics.push(
                Diagnostic::warning(
                    codes::DECODED_AS_WINDOWS_1252,
                    "",
                    format!(
                        "file is not valid UTF-8 (first invalid byte 0x{:02X} at offset {offset}); decoded it as Windows-1252",
                        bytes[offset]
                    ),
                )
                .with_hint("save the file as UTF-8 so that every tool reads the same characters"),
            );
            encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes).0
        }
    }
}

/// Returns UTF-16LE or UTF-16BE when the bytes start with that byte order mark, or, without a
/// mark, when the first character is ASCII with a zero byte beside it, as in `{` encoded as UTF-16.
fn utf16_encoding(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let (utf16le, utf16be) = (encoding_rs::UTF_16LE, encoding_rs::UTF_16BE);
    match encoding_rs::Encoding::for_bom(bytes) {
        Some((encoding, _)) if encoding == utf16le || encoding == utf16be => return Some(encoding),
        Some(_) => return None,
        None => {}
    }
    match bytes {
        [first, 0, ..] if first.is_ascii() && *first != 0 => Some(utf16le),
        [0, second, ..] if second.is_ascii() && *second != 0 => Some(utf16be),
        _ => None,
    }
}

fn parse_json(text: &str) -> Result<Value, LoadError> {
    let value: Value = serde_json::from_str(text).map_err(|error| syntax_error(&error))?;
    if depth(&value) > MAX_DEPTH {
        return Err(too_deep());
    }
    Ok(value)
}

fn syntax_error(error: &serde_json::Error) -> LoadError {
    if error.to_string().starts_with("recursion limit exceeded") {
        return too_deep();
    }
    let (line, column) = (error.line(), error.column());
    let full = error.to_string();
    let detail = full
        .strip_suffix(&format!(" at line {line} column {column}"))
        .unwrap_or(&full);
    LoadError::new(
        LoadErrorKind::Syntax { line, column },
        format!("invalid JSON at line {line}, column {column}: {detail}"),
        "fix the JSON syntax there, or export the flow again",
    )
}

fn too_deep() -> LoadError {
    LoadError::new(
        LoadErrorKind::TooDeep,
        format!("JSON nests deeper than {MAX_DEPTH} levels"),
        "a flow export nests fewer than 20 levels deep; check that the file is a flow",
    )
}

/// Computes the nesting depth of `value`: 0 for a scalar, 1 for a flat array or object.
fn depth(value: &Value) -> usize {
    match value {
        Value::Array(items) => 1 + items.iter().map(depth).max().unwrap_or(0),
        Value::Object(map) => 1 + map.values().map(depth).max().unwrap_or(0),
        _ => 0,
    }
}

/// Finds the flow object inside the document and names the format it came in.
fn unwrap_flow(document: Value) -> Result<(serde_json::Map<String, Value>, ExportFormat), LoadError> {
    match document {
        Value::Object(object) => unwrap_object(object),
        Value::String(text) => match parse_json(&text).map_err(string_content_error)? {
            Value::Object(object) => {
                reject_legacy(&object)?;
                Ok((object, ExportFormat::JsonString))
            }
            other => Err(not_an_object(&other)),
        },
        other => Err(not_an_object(&other)),
    }
}

/// Rewords a syntax error inside a top-level JSON string, whose line and column count from the
/// start of the string's text, not of the file.
fn string_content_error(error: LoadError) -> LoadError {
    let LoadErrorKind::Syntax { line, column } = error.kind else {
        return error;
    };
    let detail = error.message.split_once(": ").map_or("", |(_, detail)| detail);
    LoadError::new(
        LoadErrorKind::NotAnObject,
        format!(
            "expected a flow object at the top level, found a JSON string whose text is not valid JSON \
             ({detail} at line {line}, column {column} of the string)"
        ),
        "pass the flow export itself; flowsim reads a string only when its text is a flow's JSON, as IaC templates store it",
    )
}

fn unwrap_object(
    mut object: serde_json::Map<String, Value>,
) -> Result<(serde_json::Map<String, Value>, ExportFormat), LoadError> {
    for (wrapper, format) in [
        ("ContactFlow", ExportFormat::DescribeContactFlow),
        ("ContactFlowModule", ExportFormat::DescribeContactFlowModule),
    ] {
        if let Some(Value::Object(described)) = object.remove(wrapper) {
            return Ok((content_of(wrapper, described)?, format));
        }
    }
    reject_legacy(&object)?;
    let format = if object.contains_key("Settings") {
        ExportFormat::Module
    } else {
        ExportFormat::Console
    };
    Ok((object, format))
}

/// Parses the `Content` string of a `DescribeContactFlow` or `DescribeContactFlowModule` response.
fn content_of(
    wrapper: &str,
    mut described: serde_json::Map<String, Value>,
) -> Result<serde_json::Map<String, Value>, LoadError> {
    let content = match described.remove("Content") {
        Some(Value::String(text)) => parse_json(&text)?,
        Some(Value::Object(object)) => Value::Object(object),
        _ => {
            return Err(LoadError::new(
                LoadErrorKind::ContentInvalid,
                format!("`{wrapper}.Content` is missing or not a JSON string"),
                "pass the unmodified output of `aws connect describe-contact-flow`",
            ));
        }
    };
    match content {
        Value::Object(object) => {
            reject_legacy(&object)?;
            Ok(object)
        }
        other => Err(not_an_object(&other)),
    }
}

fn reject_legacy(object: &serde_json::Map<String, Value>) -> Result<(), LoadError> {
    let has_modules = object.get("modules").is_some_and(Value::is_array);
    if has_modules && !object.contains_key("Version") {
        return Err(LoadError::new(
            LoadErrorKind::Legacy,
            "legacy designer export (modules/branches), not the flow language (\"Version\": \"2019-10-30\")",
            "open the flow in the current Connect flow designer and export it again, \
             or run `aws connect describe-contact-flow` to get the flow-language JSON",
        ));
    }
    Ok(())
}

fn not_an_object(value: &Value) -> LoadError {
    let found = structure::kind_of(value);
    LoadError::new(
        LoadErrorKind::NotAnObject,
        format!("expected a flow object at the top level, found {found}"),
        "pass one flow export: an object with `Version`, `StartAction` and `Actions`",
    )
}

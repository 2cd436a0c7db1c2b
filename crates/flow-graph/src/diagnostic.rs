//! Diagnostics: one problem found in a flow, located by file, block `Identifier` and JSON pointer.

use serde::Serialize;
use std::fmt;
use std::path::PathBuf;

/// The seriousness of a diagnostic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Connect would accept the flow, but the author probably made a mistake.
    Warning,
    /// Connect would reject the flow, or flowsim cannot run it.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// One problem in a flow, with everything a person needs to find and fix it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable code such as `FG001`, listed with its meaning in `docs/diagnostics.md`.
    pub code: &'static str,
    /// The file the flow came from, when it came from a file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<PathBuf>,
    /// The `Identifier` of the action at fault, when the problem belongs to one action.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identifier: Option<String>,
    /// RFC 6901 JSON pointer to the offending value inside the flow document.
    pub pointer: String,
    pub message: String,
    /// The fix to try.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

impl Diagnostic {
    /// Creates a diagnostic with no file, identifier or hint.
    pub fn new(
        severity: Severity,
        code: &'static str,
        pointer: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity,
            code,
            file: None,
            identifier: None,
            pointer: pointer.into(),
            message: message.into(),
            hint: None,
        }
    }

    /// Creates an error diagnostic.
    pub fn error(code: &'static str, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, pointer, message)
    }

    /// Creates a warning diagnostic.
    pub fn warning(code: &'static str, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, pointer, message)
    }

    /// Sets the action `Identifier` the diagnostic belongs to.
    pub fn with_identifier(mut self, identifier: impl Into<String>) -> Self {
        self.identifier = Some(identifier.into());
        self
    }

    /// Sets the hint that names the fix.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Sets the file the flow came from.
    pub fn with_file(mut self, file: impl Into<PathBuf>) -> Self {
        self.file = Some(file.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Renders `error[FG003]: message` followed by the location and hint, one per line.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}[{}]: {}", self.severity, self.code, self.message)?;
        let file = self.file.as_ref().map(|p| p.display().to_string());
        let mut location = file.unwrap_or_else(|| "<input>".to_string());
        if let Some(id) = &self.identifier {
            location.push_str(&format!(", action {id:?}"));
        }
        write!(
            f,
            "\n  --> {location} at {}",
            if self.pointer.is_empty() {
                "/"
            } else {
                &self.pointer
            }
        )?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  = hint: {hint}")?;
        }
        Ok(())
    }
}

/// Escapes one reference token of a JSON pointer (`~` to `~0`, `/` to `~1`).
pub fn escape_pointer_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Builds a JSON pointer from reference tokens, escaping each one.
pub fn pointer<I, S>(tokens: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    tokens
        .into_iter()
        .map(|t| format!("/{}", escape_pointer_token(t.as_ref())))
        .collect()
}

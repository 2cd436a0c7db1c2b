//! Settings of one run: budgets and the choices where Connect's behaviour is not documented.

use serde::Serialize;

/// What a reference to a missing attribute resolves to.
///
/// Connect does not document this. The default, [`MissingAttributePolicy::Empty`], makes a
/// misspelled key such as `$.Attributes.teir` read as `""` with no error, which is what flow
/// builders observe. Under either policy the run notes each missing reference in the trace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum MissingAttributePolicy {
    /// The empty string, in a template and as a whole value. A comparison then sees `""`.
    #[default]
    Empty,
    /// The block takes its `NoMatchingError` branch (see [`crate::HandlerError::MissingAttribute`]).
    Error,
}

/// The behaviour of `UpdateContactAttributes` when a write would take the user-defined attributes
/// past [`RunSettings::attributes_max_bytes`].
///
/// The API reference for `UpdateContactAttributes` states that the Set contact attributes block
/// then takes its Error branch
/// (<https://docs.aws.amazon.com/connect/latest/APIReference/API_UpdateContactAttributes.html>).
/// Truncation follows older guidance, which described the contact record keeping only what fits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum AttributeOverflowPolicy {
    /// The block takes `NoMatchingError` and writes nothing.
    #[default]
    Error,
    /// The block writes the attributes that fit, in the order the block lists them, drops the
    /// rest and continues on `NextAction`.
    Truncate,
}

/// Settings that stay fixed for a whole run.
#[derive(Debug, Clone, Serialize)]
pub struct RunSettings {
    /// Blocks executed before the run ends with `StepBudgetExhausted`.
    pub step_budget: usize,
    pub missing_attribute: MissingAttributePolicy,
    /// The flow type in console spelling (`contactFlow`, `customerQueue`, ...).
    pub flow_type: String,
    /// The maximum total size of a contact's user-defined attributes, in UTF-8 bytes of keys and
    /// values: 32,768 in Connect.
    pub attributes_max_bytes: usize,
    pub attribute_overflow: AttributeOverflowPolicy,
    /// The maximum size of a synchronous Lambda response, in bytes of JSON text: 32,768 in Connect.
    pub lambda_response_max_bytes: usize,
    /// True under `--strict`: a handler whose answer would come from a fixture the scenario lacks
    /// stops the run with an open question instead of assuming a default.
    pub strict: bool,
}

impl Default for RunSettings {
    fn default() -> Self {
        RunSettings {
            step_budget: 1000,
            missing_attribute: MissingAttributePolicy::Empty,
            flow_type: "contactFlow".to_string(),
            attributes_max_bytes: 32 * 1024,
            attribute_overflow: AttributeOverflowPolicy::Error,
            lambda_response_max_bytes: 32 * 1024,
            strict: false,
        }
    }
}

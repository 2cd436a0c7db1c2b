//! Settings of one run: budgets and the choices where Connect's behaviour is not documented.

use serde::Serialize;

/// What a reference to a missing attribute resolves to.
///
/// Connect does not document this. The default, [`MissingAttributePolicy::Empty`], makes a
/// misspelled key such as `$.Attributes.teir` read as `""` with no error, which is what flow
/// builders observe. Under either policy the run notes each missing reference in the trace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MissingAttributePolicy {
    /// The empty string, in a template and as a whole value. A comparison then sees `""`.
    #[default]
    Empty,
    /// The block takes its `NoMatchingError` branch (see [`crate::HandlerError::MissingAttribute`]).
    Error,
}

/// Settings that stay fixed for a whole run.
#[derive(Debug, Clone, Serialize)]
pub struct RunSettings {
    /// Blocks executed before the run ends with `StepBudgetExhausted`.
    pub step_budget: usize,
    pub missing_attribute: MissingAttributePolicy,
    /// The flow type in console spelling (`contactFlow`, `customerQueue`, ...).
    pub flow_type: String,
}

impl Default for RunSettings {
    fn default() -> Self {
        RunSettings {
            step_budget: 1000,
            missing_attribute: MissingAttributePolicy::Empty,
            flow_type: "contactFlow".to_string(),
        }
    }
}

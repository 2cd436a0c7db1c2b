//! Settings of one run: budgets and the choices where Connect's behaviour is not documented.

use serde::Serialize;

/// What a reference to a missing attribute resolves to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MissingAttributePolicy {
    /// The empty string, in a template and as a whole value. A comparison then sees `""`.
    #[default]
    Empty,
    /// The block fails with `NoMatchingError`.
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

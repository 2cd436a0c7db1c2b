//! JSON Lines output: one `{"type": ..., "data": ...}` object per line, keys in a fixed order.

use super::Output;
use flow_executor::RunOutcome;
use flow_executor::trace::{StepRecord, StepSink};
use serde::Serialize;
use serde_json::{Value, json};
use std::io::Write;

/// Renders one envelope line.
pub fn envelope(kind: &str, data: impl Serialize) -> String {
    let data = serde_json::to_value(data).unwrap_or_else(|e| json!({ "serialization_error": e.to_string() }));
    json!({ "type": kind, "data": data }).to_string()
}

/// Writes `step` events as the run goes and an `end` event with the final state.
pub struct JsonTrace<W: Write> {
    pub out: Output<W>,
    outcome: Option<(RunOutcome, usize)>,
}

impl<W: Write> JsonTrace<W> {
    pub fn new(out: Output<W>) -> Self {
        JsonTrace { out, outcome: None }
    }

    /// Writes the `end` event; call it after the run with the final state tree.
    pub fn write_end(&mut self, state: &Value) {
        let Some((outcome, steps)) = self.outcome.take() else {
            return;
        };
        let data = json!({
            "outcome": outcome,
            "identifier": outcome.identifier(),
            "steps": steps,
            "state": state,
        });
        self.out.line(&envelope("end", data));
    }
}

impl<W: Write> StepSink for JsonTrace<W> {
    fn step(&mut self, record: &StepRecord) {
        self.out.line(&envelope("step", record));
    }

    fn end(&mut self, outcome: &RunOutcome, steps: usize) {
        self.outcome = Some((outcome.clone(), steps));
    }

    fn is_closed(&self) -> bool {
        self.out.error.is_some()
    }
}

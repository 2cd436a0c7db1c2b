//! Translates arbitrary text as a Connect attribute path and reads it from a fixed contact tree.

#![no_main]

use flow_executor::path;
use flow_executor::resolve::{is_whole_reference, lookup};
use libfuzzer_sys::fuzz_target;
use serde_json::{Value, json};
use std::sync::LazyLock;

static TREE: LazyLock<Value> = LazyLock::new(|| {
    json!({
        "Attributes": { "tier": "gold", "a b": "spaced", "list": [1, 2, {"x": "y"}] },
        "External": { "result": { "nested": { "deep": [true, null] } }, "0": "zero" },
        "Customer": { "FirstName": "Maya", "Attributes": { "tier": "gold" } },
        "Lex": { "Slots": { "date": "2026-01-01" } },
        "Queue": { "Metrics": { "AgentsAvailable": 3 } }
    })
});

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(segments) = path::parse(text) {
        let _ = path::render(&segments);
    }
    let _ = path::translate(text);
    let _ = path::reference_len(text);
    let _ = is_whole_reference(text);
    let _ = lookup(&TREE, text);
});

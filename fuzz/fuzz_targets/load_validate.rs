//! Loads arbitrary bytes as a flow, validates it and builds its graph.

#![no_main]

use flow_graph::validate::{ValidateOptions, validate};
use flow_graph::{FlowGraph, load_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(loaded) = load_bytes(data, None) else {
        return;
    };
    let strict = ValidateOptions {
        strict: true,
        flow_type: None,
    };
    let diagnostics = validate(&loaded, &strict);
    for diagnostic in &diagnostics {
        let _ = diagnostic.to_string();
    }
    let graph = FlowGraph::build(loaded.flow, loaded.source);
    let _ = graph.start();
});

//! Connect path parsing, which lives in flow-graph so that static analysis can share it.

pub use flow_graph::path::*;

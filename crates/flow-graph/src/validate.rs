//! Validation: every problem of a flow in one pass.

//! The action catalogue: every flow-language `Type` with its parameters, error types and conditions.
